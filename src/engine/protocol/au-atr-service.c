/* au-atr-service.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include <math.h>

#include "au-atr-service.h"
#include "au-daily-bar.h"
#include "au-market-calendar.h"
#include "au-protocol-private.h"
#include "au-quant.h"

#define MAX_PERIOD 64 /* au_atr()'s limit */

/* One symbol's computations: the last success and, when today's failed,
 * the day it failed on. Two days are all the stale rule looks at. */
typedef struct
{
  GDate   good_on;
  AuPrice good_atr;
  GDate   failed_on;
} SymbolAtr;

struct _AuAtrService
{
  GObject         parent_instance;

  AuConstitution *constitution;
  GHashTable     *symbols; /* upper-case symbol → SymbolAtr */
};

G_DEFINE_FINAL_TYPE (AuAtrService, au_atr_service, G_TYPE_OBJECT)

static const char *provenance_names[] = { "computed", "stale", "fallback" };

const char *
au_atr_provenance_to_string (AuAtrProvenance provenance)
{
  g_return_val_if_fail (provenance <= AU_ATR_PROVENANCE_FALLBACK, NULL);
  return provenance_names[provenance];
}

static void
au_atr_service_finalize (GObject *object)
{
  AuAtrService *self = AU_ATR_SERVICE (object);

  g_clear_pointer (&self->symbols, g_hash_table_unref);
  g_clear_object (&self->constitution);
  G_OBJECT_CLASS (au_atr_service_parent_class)->finalize (object);
}

static void
au_atr_service_class_init (AuAtrServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_atr_service_finalize;
}

static void
au_atr_service_init (AuAtrService *self)
{
  self->symbols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AuAtrService *
au_atr_service_new (AuConstitution *constitution)
{
  AuAtrService *self;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);

  self = g_object_new (AU_TYPE_ATR_SERVICE, NULL);
  self->constitution = g_object_ref (constitution);
  return self;
}

static SymbolAtr *
symbol_entry (AuAtrService *self,
              const char   *symbol)
{
  g_autofree char *key = g_ascii_strup (symbol, -1);
  SymbolAtr *entry = g_hash_table_lookup (self->symbols, key);

  if (entry == NULL)
    {
      entry = g_new0 (SymbolAtr, 1);
      g_date_clear (&entry->good_on, 1);
      g_date_clear (&entry->failed_on, 1);
      g_hash_table_insert (self->symbols, g_steal_pointer (&key), entry);
    }
  return entry;
}

static gboolean
compute_atr (AuAtrService  *self,
             const char    *symbol,
             const GDate   *today,
             GArray        *bars,
             AuPrice       *atr,
             GError       **error)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->constitution);
  guint period = (guint) params->atr.period;
  double high[MAX_PERIOD + 1], low[MAX_PERIOD + 1], close[MAX_PERIOD + 1];
  double atr_out[MAX_PERIOD + 1];
  guint end = 0;
  guint first;

  if (period < 1 || period > MAX_PERIOD)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "atr.period: %u is outside 1 … %d", period, MAX_PERIOD);
      return FALSE;
    }
  /* At atr_time today's session has no bar yet: the sessions before it. */
  while (end < bars->len && g_date_compare (&g_array_index (bars, AuDailyBar, end).date, today) < 0)
    end++;
  if (end < period + 1)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "bars: %s has %u daily bars before today, ATR(%u) needs %u",
                   symbol, end, period, period + 1);
      return FALSE;
    }

  first = end - (period + 1);
  for (guint i = first; i < end; i++)
    {
      const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);
      char date_text[16] = "";

      if (g_date_valid (&bar->date))
        g_date_strftime (date_text, sizeof date_text, "%Y-%m-%d", &bar->date);
      if (!g_date_valid (&bar->date)
          || (i > first && g_date_compare (&bar->date,
                                           &g_array_index (bars, AuDailyBar, i - 1).date) <= 0))
        {
          g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                       "bars[%u]: %s bar dated '%s' is invalid or out of order", i, symbol,
                       date_text);
          return FALSE;
        }
      if (bar->low <= 0 || bar->high < bar->low || bar->close < bar->low || bar->close > bar->high)
        {
          g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                       "bars[%u]: %s bar of %s has low/high/close that do not fit", i, symbol,
                       date_text);
          return FALSE;
        }
      /* Integers of 1/10,000 dollars are exact in a double, so are the true ranges. */
      high[i - first] = (double) bar->high;
      low[i - first] = (double) bar->low;
      close[i - first] = (double) bar->close;
    }

  /* D2.13 simple mean by default; the constitution may name Wilder. */
  if (au_atr (high, low, close, period + 1, period,
              params->atr.wilder ? AU_ATR_WILDER : AU_ATR_SMA, NULL, atr_out) == 0
      || !isfinite (atr_out[period]) || atr_out[period] <= 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "bars: %s's last %u sessions have no range, ATR would be 0", symbol, period);
      return FALSE;
    }
  *atr = (AuPrice) llround (atr_out[period]);
  return TRUE;
}

gboolean
au_atr_service_compute (AuAtrService  *self,
                        const char    *symbol,
                        const GDate   *today,
                        GArray        *bars,
                        GError       **error)
{
  SymbolAtr *entry;
  AuPrice atr = 0;

  g_return_val_if_fail (AU_IS_ATR_SERVICE (self), FALSE);
  g_return_val_if_fail (symbol != NULL && *symbol != '\0', FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = symbol_entry (self, symbol);
  if (bars == NULL || !compute_atr (self, symbol, today, bars, &atr, error))
    {
      if (bars == NULL)
        g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                     "bars: no daily bars for %s", symbol);
      entry->failed_on = *today;
      return FALSE;
    }
  entry->good_on = *today;
  entry->good_atr = atr;
  g_date_clear (&entry->failed_on, 1);
  return TRUE;
}

static void
date_text (const GDate *date,
           char        *text,
           gsize        size)
{
  g_date_strftime (text, size, "%Y-%m-%d", date);
}

gboolean
au_atr_service_lookup (AuAtrService  *self,
                       const char    *symbol,
                       const GDate   *today,
                       int            minute_of_day,
                       AuPrice        spot,
                       AuAtrValue    *value,
                       GError       **error)
{
  const AuConstitutionParams *params;
  g_autofree char *key = NULL;
  g_autofree char *atr_text = NULL;
  SymbolAtr *entry;
  AuAtrValue out = { 0 };
  GDate expected;
  GDate previous;
  char day[16];

  g_return_val_if_fail (AU_IS_ATR_SERVICE (self), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  params = au_constitution_get_params (self->constitution);
  key = g_ascii_strup (symbol, -1);
  entry = g_hash_table_lookup (self->symbols, key);

  /* Before atr_time today's value is not due yet: the last trading
   * day's computation is the current one. */
  expected = *today;
  if (minute_of_day < params->schedule.atr_time || !au_nyse_is_trading_day (today))
    au_nyse_previous_trading_day (&expected);
  previous = expected;
  au_nyse_previous_trading_day (&previous);

  if (entry != NULL && g_date_valid (&entry->good_on)
      && g_date_compare (&entry->good_on, &expected) == 0)
    {
      out.atr = entry->good_atr;
      out.provenance = AU_ATR_PROVENANCE_COMPUTED;
      out.computed_on = entry->good_on;
      atr_text = au_price_format (out.atr);
      date_text (&out.computed_on, day, sizeof day);
      au_protocol_why_set (&out.why, "D2.13", "ATR(%d) of %s is %s, computed on %s",
                           params->atr.period, key, atr_text, day);
    }
  else if (entry != NULL && g_date_valid (&entry->good_on)
           && g_date_compare (&entry->good_on, &previous) == 0)
    {
      /* D2.7: stale only when the due computation failed (or never ran):
       * yesterday's value with the constitution's buffer. */
      out.atr = au_money_mul_fraction (entry->good_atr, params->atr.stale_factor);
      out.provenance = AU_ATR_PROVENANCE_STALE;
      out.computed_on = entry->good_on;
      out.flagged = TRUE;
      atr_text = au_price_format (out.atr);
      date_text (&out.computed_on, day, sizeof day);
      au_protocol_why_set (&out.why, "D2.7", "ATR of %s is stale: today's computation %s, "
                           "using %s's × %.2f = %s", key,
                           g_date_valid (&entry->failed_on)
                           && g_date_compare (&entry->failed_on, &expected) == 0
                           ? "failed" : "did not run",
                           day, params->atr.stale_factor, atr_text);
    }
  else
    {
      g_autofree char *spot_text = NULL;

      if (spot <= 0)
        {
          g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                       "spot: %s has no ATR and no positive spot for R8.6's fallback", key);
          return FALSE;
        }
      out.atr = au_money_mul_fraction (spot, params->atr.fallback_fraction);
      out.provenance = AU_ATR_PROVENANCE_FALLBACK;
      g_date_clear (&out.computed_on, 1);
      out.flagged = TRUE;
      atr_text = au_price_format (out.atr);
      spot_text = au_price_format (spot);
      au_protocol_why_set (&out.why, "R8.6", "warning: no ATR for %s, using %.1f%% of spot %s "
                           "= %s", key, params->atr.fallback_fraction * 100, spot_text,
                           atr_text);
    }
  *value = out;
  return TRUE;
}

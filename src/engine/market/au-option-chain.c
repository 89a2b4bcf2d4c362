/* au-option-chain.c: a quoted option chain of the paper market (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-market-calendar.h"
#include "au-market-error.h"
#include "au-option-chain.h"
#include "au-option-expiries.h"
#include "au-quant.h"
#include "au-quote-model.h"
#include "au-random.h"

#define MAX_STRIKES_A_SIDE 101
#define RANGE_SIGMAS       4.0
#define RANGE_MIN_SHARE    0.03
#define RANGE_MAX_SHARE    0.60
/* The variance floor of an expiry that is about to close. */
#define MIN_VARIANCE       1e-10

struct _AuOptionChain
{
  GObject        parent_instance;

  char          *symbol;
  AuOptionStyle  style;
  GDateTime     *as_of;
  double         spot;
  double         vix;
  double         rate;
  double         dividend;
  GArray        *expiries; /* GDate */
  GArray        *quotes;   /* AuOptionQuote */
  gboolean       delayed;
};

G_DEFINE_FINAL_TYPE (AuOptionChain, au_option_chain, G_TYPE_OBJECT)

static void
au_option_chain_finalize (GObject *object)
{
  AuOptionChain *self = AU_OPTION_CHAIN (object);

  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->as_of, g_date_time_unref);
  g_clear_pointer (&self->expiries, g_array_unref);
  g_clear_pointer (&self->quotes, g_array_unref);

  G_OBJECT_CLASS (au_option_chain_parent_class)->finalize (object);
}

static void
au_option_chain_class_init (AuOptionChainClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_option_chain_finalize;
}

static void
au_option_chain_init (AuOptionChain *self)
{
  self->quotes = g_array_new (FALSE, TRUE, sizeof (AuOptionQuote));
}

/* The strike step near the money: the symbol's own for ETFs and
 * indexes; for single stocks (strike_step 0) by price level as the
 * exchanges list short-
 * dated series ($0.50 under $25, $1 under $150, $2.50 under $1,000, $5
 * above), so a stock that quadruples over a backtest keeps realistic
 * strikes. Twice it beyond 60 days, four times beyond 200. */
static double
strike_step (const AuSymbolParams *params,
             double                spot,
             int                   dte)
{
  double step = params->strike_step;

  if (step <= 0.0)
    step = spot < 25.0 ? 0.5 : spot < 150.0 ? 1.0 : spot < 1000.0 ? 2.5 : 5.0;
  if (dte > 200)
    return step * 4.0;
  if (dte > 60)
    return step * 2.0;
  return step;
}

/* What every series of one expiry shares. */
typedef struct
{
  GDate    expiry;
  int      dte;
  double   t;
  double   forward;
  double   underlying;
  double   dividend;
  double   atm;
  gboolean monthly;
} ExpiryTerms;

/* FALSE with @error when the time cannot be computed; @terms->t ≤ 0
 * when the expiry has closed. @variance: the forecast to expiry. */
static gboolean
expiry_terms (const AuChainInputs *inputs,
              const GDate         *today,
              const GDate         *expiry,
              double               variance,
              ExpiryTerms         *terms,
              GError             **error)
{
  const AuSymbolParams *params = inputs->params;
  double rate = au_market_params ()->rate;

  terms->expiry = *expiry;
  terms->dte = g_date_days_between (today, expiry);
  terms->monthly = au_option_is_monthly_expiry (expiry);
  if (!au_time_to_expiry (inputs->as_of, expiry, &terms->t, error))
    return FALSE;
  if (terms->t <= 0.0)
    return TRUE;

  if (params->kind == AU_ASSET_VOLATILITY)
    {
      /* Black's model: an option on the VIX forward is a BSM option on
       * the forward whose dividend yield equals the rate. */
      terms->forward = au_vol_surface_vix_forward (inputs->vol.log_vix, terms->t);
      terms->atm = au_vol_surface_vix_atm (terms->t, inputs->vol.shock);
      terms->underlying = terms->forward;
      terms->dividend = rate;
    }
  else
    {
      terms->underlying = inputs->spot;
      terms->dividend = params->dividend_yield;
      terms->forward = inputs->spot * exp ((rate - terms->dividend) * terms->t);
      terms->atm = sqrt (MAX (variance, MIN_VARIANCE) / terms->t)
                   * au_vol_surface_vrp (inputs->vol.shock);
    }
  return TRUE;
}

static guint64
series_key (const AuChainInputs *inputs,
            const GDate         *today,
            const GDate         *expiry,
            AuOptionRight        right,
            AuPrice              strike)
{
  guint64 key = au_random_mix (inputs->seed ^ au_random_hash_string (inputs->params->symbol));

  key = au_random_mix (key ^ g_date_get_julian (expiry));
  key = au_random_mix (key ^ (guint64) strike);
  key = au_random_mix (key ^ (guint64) right);
  return au_random_mix (key ^ g_date_get_julian (today));
}

static gboolean
price_series (const AuChainInputs *inputs,
              const GDate         *today,
              const ExpiryTerms   *terms,
              AuOptionRight        right,
              AuPrice              strike_units,
              AuOptionQuote       *quote,
              GError             **error)
{
  const AuSymbolParams *params = inputs->params;
  double strike = (double) strike_units / AU_PRICE_SCALE;
  AuOptionParams option = {
    .right = right,
    .spot = terms->underlying,
    .strike = strike,
    .rate = au_market_params ()->rate,
    .dividend = terms->dividend,
    .t = terms->t,
  };
  AuGreeks greeks;
  double z;
  guint64 key;

  option.vol = au_vol_surface_smile (params, terms->atm, terms->forward, strike, terms->t);
  if (params->style == AU_OPTION_AMERICAN)
    {
      if (!au_bjerksund_stensland_validate (&option, error))
        return FALSE;
      au_bjerksund_stensland (&option, AU_AMERICAN_BS2002, &greeks);
    }
  else
    {
      if (!au_option_params_validate (&option, error))
        return FALSE;
      au_black_scholes (&option, &greeks);
    }
  if (!isfinite (greeks.price) || greeks.price < 0.0)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_PRICING,
                   "%s %s %.2f: the pricer returned %g",
                   params->symbol, au_option_right_to_string (right), strike, greeks.price);
      return FALSE;
    }

  z = log (strike / terms->forward) / (terms->atm * sqrt (terms->t));
  key = series_key (inputs, today, &terms->expiry, right, strike_units);
  memset (quote, 0, sizeof *quote);
  quote->expiry = terms->expiry;
  quote->dte = terms->dte;
  quote->right = right;
  quote->strike = strike_units;
  quote->theo = greeks.price;
  quote->iv = option.vol;
  quote->delta = greeks.delta;
  quote->gamma = greeks.gamma;
  quote->vega = greeks.vega;
  quote->theta_day = greeks.theta_day;
  au_quote_bid_ask (params, greeks.price,
                    au_quote_spread (params, greeks.price, z, terms->dte, inputs->vix),
                    &quote->bid, &quote->ask);
  quote->open_interest = au_quote_open_interest (params, key, z, terms->dte, terms->monthly);
  quote->volume = au_quote_volume (key, quote->open_interest, terms->dte, inputs->vix);
  quote->as_of = g_date_time_to_unix (inputs->as_of);
  return TRUE;
}

static gboolean
price_expiry (AuOptionChain       *self,
              const AuChainInputs *inputs,
              const GDate         *today,
              const GDate         *expiry,
              double               variance,
              GError             **error)
{
  ExpiryTerms terms;
  double step, half_width, lo, hi;
  int right_index;
  guint n_strikes, k;

  if (!expiry_terms (inputs, today, expiry, variance, &terms, error))
    return FALSE;
  if (terms.t <= 0.0)
    return TRUE;

  step = strike_step (inputs->params, terms.underlying, terms.dte);
  half_width = CLAMP (RANGE_SIGMAS * terms.atm * sqrt (terms.t), RANGE_MIN_SHARE, RANGE_MAX_SHARE)
               * terms.forward;
  lo = terms.forward - half_width;
  hi = terms.forward + half_width;
  /* The exchange lists strikes around the index's level as well as its
   * forward: a VIX far above its mean (a forward in backwardation well
   * below it) still lists calls struck at and above the spot. */
  if (inputs->params->kind == AU_ASSET_VOLATILITY)
    {
      lo = MIN (lo, inputs->spot * (1.0 - RANGE_MIN_SHARE));
      hi = MAX (hi, inputs->spot * (1.0 + RANGE_MIN_SHARE));
    }
  while ((hi - lo) / step + 1.0 > 2 * MAX_STRIKES_A_SIDE)
    step *= 2.0;
  lo = MAX (step, floor (lo / step) * step);
  hi = ceil (hi / step) * step;
  n_strikes = (guint) llround ((hi - lo) / step) + 1;

  for (right_index = 0; right_index < 2; right_index++)
    {
      AuOptionRight right = right_index == 0 ? AU_OPTION_CALL : AU_OPTION_PUT;

      for (k = 0; k < n_strikes; k++)
        {
          AuOptionQuote quote;
          AuPrice strike = (AuPrice) llround ((lo + k * step) * AU_PRICE_SCALE);

          if (!price_series (inputs, today, &terms, right, strike, &quote, error))
            return FALSE;
          g_array_append_val (self->quotes, quote);
        }
    }
  return TRUE;
}

/* The forecast variance from now to each day up to @n_days. */
static double *
variance_curve (const AuChainInputs *inputs,
                const GDate         *today,
                guint                n_days)
{
  AuVolState vol = inputs->vol;

  /* The forecast runs from the chain's own date, whatever the caller set. */
  vol.today = *today;
  return au_vol_surface_curve_new (&vol, n_days);
}

static gboolean
check_inputs (const AuChainInputs *inputs,
              GError             **error)
{
  if (!(inputs->spot > 0.0) || !isfinite (inputs->spot))
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                   "%s: spot %g is not a positive price", inputs->params->symbol, inputs->spot);
      return FALSE;
    }
  if (!(inputs->vix > 0.0) || !isfinite (inputs->vol.log_vix))
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                   "%s: VIX %g is not a positive level", inputs->params->symbol, inputs->vix);
      return FALSE;
    }
  return TRUE;
}

gboolean
au_option_quote_series (const AuChainInputs *inputs,
                        const GDate         *expiry,
                        AuOptionRight        right,
                        AuPrice              strike,
                        AuOptionQuote       *quote,
                        GError             **error)
{
  g_autofree double *curve = NULL;
  ExpiryTerms terms;
  GDate today;
  int minute, dte;

  g_return_val_if_fail (inputs != NULL && inputs->params != NULL, FALSE);
  g_return_val_if_fail (inputs->as_of != NULL, FALSE);
  g_return_val_if_fail (expiry != NULL && g_date_valid (expiry), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_inputs (inputs, error))
    return FALSE;
  if (strike <= 0)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                   "%s: strike %" G_GINT64_FORMAT " is not a positive price",
                   inputs->params->symbol, strike);
      return FALSE;
    }
  au_eastern_split (inputs->as_of, &today, &minute);
  dte = g_date_days_between (&today, expiry);
  if (dte < 0)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                   "%s: expiry is in the past", inputs->params->symbol);
      return FALSE;
    }
  curve = variance_curve (inputs, &today, (guint) dte);
  if (!expiry_terms (inputs, &today, expiry, curve[dte], &terms, error))
    return FALSE;
  if (terms.t <= 0.0)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                   "%s: the expiry has closed", inputs->params->symbol);
      return FALSE;
    }
  return price_series (inputs, &today, &terms, right, strike, quote, error);
}

AuOptionChain *
au_option_chain_build (const AuChainInputs *inputs,
                       GError             **error)
{
  g_autoptr(AuOptionChain) self = NULL;
  g_autofree double *curve = NULL;
  GDate today;
  int minute, close_minute;
  guint i;

  g_return_val_if_fail (inputs != NULL && inputs->params != NULL, NULL);
  g_return_val_if_fail (inputs->as_of != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_inputs (inputs, error))
    return NULL;

  self = g_object_new (AU_TYPE_OPTION_CHAIN, NULL);
  self->symbol = g_strdup (inputs->params->symbol);
  self->style = inputs->params->style;
  self->as_of = g_date_time_ref (inputs->as_of);
  self->spot = inputs->spot;
  self->vix = inputs->vix;
  self->rate = au_market_params ()->rate;
  self->dividend = inputs->params->dividend_yield;

  au_eastern_split (inputs->as_of, &today, &minute);
  close_minute = au_nyse_close_minute (&today);
  self->expiries = au_option_expiries (inputs->params, &today,
                                       close_minute < 0 || minute >= close_minute,
                                       inputs->max_dte);
  while (self->expiries->len > 0
         && g_date_days_between (&today, &g_array_index (self->expiries, GDate, 0))
            < (int) inputs->min_dte)
    g_array_remove_index (self->expiries, 0);
  if (self->expiries->len > 0)
    {
      const GDate *last = &g_array_index (self->expiries, GDate, self->expiries->len - 1);

      curve = variance_curve (inputs, &today, (guint) g_date_days_between (&today, last));
    }

  for (i = 0; i < self->expiries->len; i++)
    {
      const GDate *expiry = &g_array_index (self->expiries, GDate, i);
      double variance = curve[g_date_days_between (&today, expiry)];

      if (!price_expiry (self, inputs, &today, expiry, variance, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

static int
compare_quotes (gconstpointer a,
                gconstpointer b)
{
  const AuOptionQuote *qa = a;
  const AuOptionQuote *qb = b;
  int by_expiry = g_date_compare (&qa->expiry, &qb->expiry);

  if (by_expiry != 0)
    return by_expiry;
  /* Calls first, as au_option_chain_build() lists them. */
  if (qa->right != qb->right)
    return qa->right == AU_OPTION_CALL ? -1 : 1;
  return (qa->strike > qb->strike) - (qa->strike < qb->strike);
}

AuOptionChain *
au_option_chain_new_from_quotes (const char          *symbol,
                                 AuOptionStyle        style,
                                 GDateTime           *as_of,
                                 double               spot,
                                 double               vix,
                                 const AuOptionQuote *quotes,
                                 gsize                n_quotes)
{
  g_autoptr(AuOptionChain) self = NULL;
  gsize i;

  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);
  g_return_val_if_fail (as_of != NULL, NULL);
  g_return_val_if_fail (isfinite (spot) && spot > 0.0, NULL);
  g_return_val_if_fail (quotes != NULL || n_quotes == 0, NULL);
  g_return_val_if_fail (n_quotes <= G_MAXUINT, NULL);
  for (i = 0; i < n_quotes; i++)
    {
      g_return_val_if_fail (g_date_valid (&quotes[i].expiry), NULL);
      g_return_val_if_fail (quotes[i].strike > 0, NULL);
      g_return_val_if_fail (quotes[i].right == AU_OPTION_CALL
                            || quotes[i].right == AU_OPTION_PUT, NULL);
    }

  self = g_object_new (AU_TYPE_OPTION_CHAIN, NULL);
  self->symbol = g_strdup (symbol);
  self->style = style;
  self->as_of = g_date_time_ref (as_of);
  self->spot = spot;
  self->vix = vix;
  self->rate = 0.0;
  self->dividend = 0.0;
  self->expiries = g_array_new (FALSE, TRUE, sizeof (GDate));

  g_array_append_vals (self->quotes, quotes, (guint) n_quotes);
  /* g_array_sort() is stable: of a series given twice, the first given
   * comes first, and the second is dropped below. */
  g_array_sort (self->quotes, compare_quotes);
  for (i = 1; i < self->quotes->len; )
    {
      if (compare_quotes (&g_array_index (self->quotes, AuOptionQuote, i - 1),
                          &g_array_index (self->quotes, AuOptionQuote, i)) == 0)
        g_array_remove_index (self->quotes, (guint) i);
      else
        i++;
    }

  for (i = 0; i < self->quotes->len; i++)
    {
      const GDate *expiry = &g_array_index (self->quotes, AuOptionQuote, i).expiry;

      if (self->expiries->len == 0
          || g_date_compare (&g_array_index (self->expiries, GDate, self->expiries->len - 1),
                             expiry) != 0)
        g_array_append_val (self->expiries, *expiry);
    }
  return g_steal_pointer (&self);
}

void
au_option_chain_set_delayed (AuOptionChain *self,
                             gboolean       delayed)
{
  g_return_if_fail (AU_IS_OPTION_CHAIN (self));
  self->delayed = !!delayed;
}

gboolean
au_option_chain_get_delayed (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), FALSE);
  return self->delayed;
}

const char *
au_option_chain_get_symbol (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);
  return self->symbol;
}

AuOptionStyle
au_option_chain_get_style (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), AU_OPTION_AMERICAN);
  return self->style;
}

GDateTime *
au_option_chain_get_as_of (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);
  return self->as_of;
}

double
au_option_chain_get_spot (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), 0.0);
  return self->spot;
}

double
au_option_chain_get_vix (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), 0.0);
  return self->vix;
}

double
au_option_chain_get_rate (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), 0.0);
  return self->rate;
}

double
au_option_chain_get_dividend (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), 0.0);
  return self->dividend;
}

GArray *
au_option_chain_get_expiries (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);
  return self->expiries;
}

guint
au_option_chain_get_n_quotes (AuOptionChain *self)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), 0);
  return self->quotes->len;
}

const AuOptionQuote *
au_option_chain_get_quote (AuOptionChain *self,
                           guint          index)
{
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);
  g_return_val_if_fail (index < self->quotes->len, NULL);
  return &g_array_index (self->quotes, AuOptionQuote, index);
}

const AuOptionQuote *
au_option_chain_find (AuOptionChain *self,
                      const GDate   *expiry,
                      AuOptionRight  right,
                      AuPrice        strike)
{
  guint i;

  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);
  g_return_val_if_fail (expiry != NULL && g_date_valid (expiry), NULL);

  for (i = 0; i < self->quotes->len; i++)
    {
      const AuOptionQuote *q = &g_array_index (self->quotes, AuOptionQuote, i);

      if (q->right == right && q->strike == strike && g_date_compare (&q->expiry, expiry) == 0)
        return q;
    }
  return NULL;
}

const AuOptionQuote *
au_option_chain_find_delta (AuOptionChain *self,
                            const GDate   *expiry,
                            AuOptionRight  right,
                            double         abs_delta_min,
                            double         abs_delta_max)
{
  const AuOptionQuote *best = NULL;
  double middle = 0.5 * (abs_delta_min + abs_delta_max);
  guint i;

  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);
  g_return_val_if_fail (expiry != NULL && g_date_valid (expiry), NULL);

  for (i = 0; i < self->quotes->len; i++)
    {
      const AuOptionQuote *q = &g_array_index (self->quotes, AuOptionQuote, i);
      double d = fabs (q->delta);

      if (q->right != right || g_date_compare (&q->expiry, expiry) != 0)
        continue;
      /* A broker's quote may carry no delta (NAN): it is in no band, and
       * NAN would pass both comparisons below. */
      if (isnan (d))
        continue;
      if (d < abs_delta_min || d > abs_delta_max)
        continue;
      if (best == NULL || fabs (d - middle) < fabs (fabs (best->delta) - middle))
        best = q;
    }
  return best;
}

char *
au_option_chain_checksum (AuOptionChain *self)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *head = NULL;
  guint i;

  g_return_val_if_fail (AU_IS_OPTION_CHAIN (self), NULL);

  head = g_strdup_printf ("%s %a %a\n", self->symbol, self->spot, self->vix);
  g_checksum_update (checksum, (const guchar *) head, -1);
  for (i = 0; i < self->quotes->len; i++)
    {
      const AuOptionQuote *q = &g_array_index (self->quotes, AuOptionQuote, i);
      g_autofree char *line = g_strdup_printf (
        "%u %d %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
        " %a %a %a %a %a %a %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
        g_date_get_julian (&q->expiry), q->dte, (int) q->right, q->strike, q->bid, q->ask,
        q->theo, q->iv, q->delta, q->gamma, q->vega, q->theta_day,
        q->open_interest, q->volume, q->as_of);

      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

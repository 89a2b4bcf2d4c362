/* au-market-sim.c: the deterministic, seeded paper market (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>

#include "au-market-calendar.h"
#include "au-market-error.h"
#include "au-market-sim-private.h"
#include "au-time-to-expiry.h"
#include "au-vol-surface.h"
#include "au-portable-math.h"
#include "au-replay-path.h"

#define TRADING_DAYS_PER_YEAR 252.0
/* Stream labels of the seed's sub-generators. */
#define STREAM_PATH   1
#define STREAM_VOLUME 2

G_DEFINE_FINAL_TYPE (AuMarketSim, au_market_sim, G_TYPE_OBJECT)

static void
au_market_sim_finalize (GObject *object)
{
  AuMarketSim *self = AU_MARKET_SIM (object);
  guint i;

  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      g_clear_pointer (&self->symbols[i].bars, g_array_unref);
      g_clear_pointer (&self->symbols[i].replay, g_array_unref);
    }
  g_clear_object (&self->earnings);

  G_OBJECT_CLASS (au_market_sim_parent_class)->finalize (object);
}

static void
au_market_sim_class_init (AuMarketSimClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_market_sim_finalize;
}

static void
au_market_sim_init (AuMarketSim *self)
{
  self->earnings = au_earnings_calendar_new ();
}

static AuSymbolState *
lookup (AuMarketSim *self,
        const char  *symbol)
{
  int index = au_market_symbol_index (symbol);

  return index < 0 ? NULL : &self->symbols[index];
}

/* The variance of a day of @params at an average VIX, earnings aside:
 * the realized estimate's starting value. */
static double
calm_variance (const AuSymbolParams *params)
{
  return params->vol * params->vol
         - (params->earnings_std > 0.0 ? 4.0 * params->earnings_std * params->earnings_std : 0.0);
}

static gboolean
init_symbols (AuMarketSim  *self,
              GError      **error)
{
  const AuSymbolParams *params = au_market_symbols (NULL);
  guint i;

  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      AuSymbolState *s = &self->symbols[i];
      const AuSymbolParams *p = &params[i];

      s->params = p;
      s->twin = p->twin_of != NULL ? au_market_symbol_index (p->twin_of) : -1;
      if (p->twin_of != NULL && (s->twin < 0 || (guint) s->twin >= i))
        {
          g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                       "%s: its twin %s must come before it in the universe",
                       p->symbol, p->twin_of);
          return FALSE;
        }
      if ((p->kind == AU_ASSET_STOCK || p->kind == AU_ASSET_ETF) && s->twin < 0)
        {
          double idio = au_symbol_idio_variance (p);

          /* A vol below what beta, jumps and earnings already explain is
           * an inconsistent table, not something to clamp silently. */
          if (!(idio > 0.0))
            {
              g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                           "%s: vol %.2f is too low for its beta, jumps and earnings",
                           p->symbol, p->vol);
              return FALSE;
            }
          s->idio_vol = sqrt (idio);
        }
      s->price = s->prev_close = p->start_price;
      s->open = s->high = s->low = p->start_price;
      s->realized_var = p->kind == AU_ASSET_VOLATILITY ? 0.0 : calm_variance (p);
      s->bars = au_daily_bars_new ();
    }
  return TRUE;
}

static gboolean
check_replay_covers (AuMarketSim  *self,
                     const GDate  *date,
                     GError      **error)
{
  guint i;

  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      const AuSymbolState *s = &self->symbols[i];

      if (s->replay != NULL && au_daily_bars_find (s->replay, date) == NULL)
        {
          char text[16];

          g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
          g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_REPLAY,
                       "%s: the imported bars have no session %s", s->params->symbol, text);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
au_market_sim_step (AuMarketSim  *self,
                    GError      **error)
{
  int close;
  guint n_steps;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  close = _au_market_sim_close_minute (&self->date);
  n_steps = _au_market_sim_n_steps (&self->date);
  if (self->minute < close)
    {
      /* Variance runs in trading time: a session is 1/252 of a year,
       * its overnight share at the open and the rest in equal steps
       * (an early close packs the day into 42 steps); weekends and
       * holidays add none. */
      double dt = (1.0 - au_market_params ()->overnight_share) / (TRADING_DAYS_PER_YEAR * n_steps);

      self->minute += AU_MARKET_STEP_MINUTES;
      _au_market_sim_move (self, dt, FALSE,
                           (guint) (self->minute - AU_MARKET_OPEN_MINUTE) / AU_MARKET_STEP_MINUTES,
                           n_steps);
      if (self->minute >= close)
        _au_market_sim_close_session (self);
      return TRUE;
    }
  else
    {
      GDate next = self->date;

      au_nyse_next_trading_day (&next);
      if (!check_replay_covers (self, &next, error))
        return FALSE;
      self->date = next;
      self->minute = AU_MARKET_OPEN_MINUTE;
      _au_market_sim_open_session (self);
      return TRUE;
    }
}

/* The clock after the next step, as (Julian day, minute). */
static void
next_clock (AuMarketSim *self,
            GDate       *date,
            int         *minute)
{
  *date = self->date;
  if (self->minute < _au_market_sim_close_minute (&self->date))
    *minute = self->minute + AU_MARKET_STEP_MINUTES;
  else
    {
      au_nyse_next_trading_day (date);
      *minute = AU_MARKET_OPEN_MINUTE;
    }
}

gboolean
au_market_sim_advance_to (AuMarketSim  *self,
                          GDateTime    *time,
                          GError      **error)
{
  GDate target;
  int target_minute;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  au_eastern_split (time, &target, &target_minute);
  for (;;)
    {
      GDate date;
      int minute, cmp;

      next_clock (self, &date, &minute);
      cmp = g_date_compare (&date, &target);
      if (cmp > 0 || (cmp == 0 && minute > target_minute))
        return TRUE;
      if (!au_market_sim_step (self, error))
        return FALSE;
    }
}

gboolean
au_market_sim_run_sessions (AuMarketSim  *self,
                            guint         n,
                            GError      **error)
{
  guint done = 0;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);

  while (done < n)
    {
      if (!au_market_sim_step (self, error))
        return FALSE;
      if (self->minute >= _au_market_sim_close_minute (&self->date))
        done++;
    }
  return TRUE;
}

AuMarketSim *
au_market_sim_new (guint64       seed,
                   const GDate  *start,
                   GError      **error)
{
  g_autoptr(AuMarketSim) self = NULL;
  GDate first;
  guint i;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_date_valid (start) || g_date_get_year (start) < 1990 || g_date_get_year (start) > 9000)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID,
                   "start: not a date between 1990 and 9000");
      return NULL;
    }

  self = g_object_new (AU_TYPE_MARKET_SIM, NULL);
  self->seed = seed;
  au_random_init_stream (&self->path_rng, seed, STREAM_PATH);
  au_random_init_stream (&self->volume_rng, seed, STREAM_VOLUME);
  if (!init_symbols (self, error))
    return NULL;
  self->log_vix = au_pmath_log (au_market_symbol_lookup ("VIX")->start_price);
  self->day_vix_start = au_market_symbol_lookup ("VIX")->start_price;

  first = *start;
  if (!au_nyse_is_trading_day (&first))
    au_nyse_next_trading_day (&first);
  self->date = first;
  for (i = 0; i < AU_MARKET_WARMUP_SESSIONS; i++)
    au_nyse_previous_trading_day (&self->date);
  self->minute = AU_MARKET_OPEN_MINUTE;
  self->earnings_through = g_date_get_year (&self->date) - 1;
  _au_market_sim_ensure_earnings (self, g_date_get_year (&self->date) + 1);

  /* The warm-up opens at the table's prices, then runs its sessions. */
  while (g_date_compare (&self->date, &first) < 0)
    if (!au_market_sim_step (self, error))
      return NULL;
  return g_steal_pointer (&self);
}

guint64
au_market_sim_get_seed (AuMarketSim *self)
{
  g_return_val_if_fail (AU_IS_MARKET_SIM (self), 0);
  return self->seed;
}

void
au_market_sim_get_clock (AuMarketSim *self,
                         GDate       *date,
                         int         *minute_of_day)
{
  g_return_if_fail (AU_IS_MARKET_SIM (self));

  if (date != NULL)
    *date = self->date;
  if (minute_of_day != NULL)
    *minute_of_day = self->minute;
}

GDateTime *
au_market_sim_dup_time (AuMarketSim *self)
{
  g_return_val_if_fail (AU_IS_MARKET_SIM (self), NULL);

  return g_date_time_new (au_eastern_time_zone (),
                          g_date_get_year (&self->date), g_date_get_month (&self->date),
                          g_date_get_day (&self->date), self->minute / 60, self->minute % 60, 0);
}

gboolean
au_market_sim_is_at_close (AuMarketSim *self)
{
  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  return self->minute >= _au_market_sim_close_minute (&self->date);
}

gboolean
au_market_sim_get_price (AuMarketSim *self,
                         const char  *symbol,
                         double      *price)
{
  AuSymbolState *s;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (symbol != NULL && price != NULL, FALSE);

  s = lookup (self, symbol);
  if (s == NULL)
    return FALSE;
  *price = s->price;
  return TRUE;
}

gboolean
au_market_sim_get_last (AuMarketSim *self,
                        const char  *symbol,
                        AuPrice     *last)
{
  double price;

  g_return_val_if_fail (last != NULL, FALSE);

  if (!au_market_sim_get_price (self, symbol, &price))
    return FALSE;
  *last = (AuPrice) llround (price * 100.0) * (AU_PRICE_SCALE / 100);
  return TRUE;
}

double
au_market_sim_get_vix (AuMarketSim *self)
{
  g_return_val_if_fail (AU_IS_MARKET_SIM (self), 0.0);
  return au_pmath_exp (self->log_vix);
}

double
au_market_sim_get_realized_vol (AuMarketSim *self,
                                const char  *symbol)
{
  AuSymbolState *s;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), 0.0);
  g_return_val_if_fail (symbol != NULL, 0.0);

  s = lookup (self, symbol);
  return s == NULL ? 0.0 : sqrt (s->realized_var);
}

double
au_market_sim_get_shock (AuMarketSim *self)
{
  g_return_val_if_fail (AU_IS_MARKET_SIM (self), 0.0);
  return self->shock;
}

GArray *
au_market_sim_get_bars (AuMarketSim *self,
                        const char  *symbol)
{
  AuSymbolState *s;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  s = lookup (self, symbol);
  return s == NULL ? NULL : s->bars;
}

gboolean
au_market_sim_get_session_bar (AuMarketSim *self,
                               const char  *symbol,
                               AuDailyBar  *bar)
{
  AuSymbolState *s;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (symbol != NULL && bar != NULL, FALSE);

  s = lookup (self, symbol);
  if (s == NULL)
    return FALSE;
  if (au_market_sim_is_at_close (self) && s->bars->len > 0)
    {
      *bar = g_array_index (s->bars, AuDailyBar, s->bars->len - 1);
      return TRUE;
    }
  bar->date = self->date;
  bar->open = (AuPrice) llround (s->open * 100.0) * (AU_PRICE_SCALE / 100);
  bar->high = (AuPrice) llround (s->high * 100.0) * (AU_PRICE_SCALE / 100);
  bar->low = (AuPrice) llround (s->low * 100.0) * (AU_PRICE_SCALE / 100);
  bar->close = (AuPrice) llround (s->price * 100.0) * (AU_PRICE_SCALE / 100);
  bar->volume = 0;
  return TRUE;
}

AuEarningsCalendar *
au_market_sim_get_earnings (AuMarketSim *self)
{
  g_return_val_if_fail (AU_IS_MARKET_SIM (self), NULL);
  return self->earnings;
}

static void
fill_vol_state (AuMarketSim   *self,
                AuSymbolState *s,
                AuVolState    *vol)
{
  int close = _au_market_sim_close_minute (&self->date);

  vol->params = s->params;
  vol->log_vix = self->log_vix;
  vol->realized_var = s->realized_var;
  vol->shock = self->shock;
  vol->session_left = (double) (close - self->minute) / (close - AU_MARKET_OPEN_MINUTE);
  vol->today = self->date;
  vol->has_earnings = au_earnings_calendar_next (self->earnings, s->params->symbol, &self->date,
                                                 &vol->earnings);
}

double
au_market_sim_get_implied_vol (AuMarketSim *self,
                               const char  *symbol,
                               guint        dte)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree double *curve = NULL;
  AuSymbolState *s;
  AuVolState vol = { 0 };
  GDate expiry;
  double t;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), 0.0);
  g_return_val_if_fail (symbol != NULL, 0.0);
  g_return_val_if_fail (dte > 0, 0.0);

  s = lookup (self, symbol);
  if (s == NULL)
    return 0.0;
  now = au_market_sim_dup_time (self);
  expiry = self->date;
  g_date_add_days (&expiry, dte);
  if (!au_time_to_expiry (now, &expiry, &t, NULL) || t <= 0.0)
    return 0.0;
  if (s->params->kind == AU_ASSET_VOLATILITY)
    return au_vol_surface_vix_atm (t, self->shock);

  fill_vol_state (self, s, &vol);
  curve = au_vol_surface_curve_new (&vol, dte);
  return sqrt (curve[dte] / t) * au_vol_surface_vrp (self->shock);
}

/* The chain inputs of @symbol now; FALSE for an unknown symbol. */
static gboolean
chain_inputs (AuMarketSim    *self,
              const char     *symbol,
              GDateTime      *now,
              AuChainInputs  *inputs,
              GError        **error)
{
  AuSymbolState *s = lookup (self, symbol);

  if (s == NULL)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_UNKNOWN_SYMBOL,
                   "symbol: %s is not in the paper market's universe", symbol);
      return FALSE;
    }
  inputs->params = s->params;
  inputs->seed = self->seed;
  inputs->as_of = now;
  inputs->spot = s->price;
  inputs->vix = au_pmath_exp (self->log_vix);
  fill_vol_state (self, s, &inputs->vol);
  return TRUE;
}

AuOptionChain *
au_market_sim_get_chain_range (AuMarketSim  *self,
                               const char   *symbol,
                               guint         min_dte,
                               guint         max_dte,
                               GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  AuChainInputs inputs = { 0 };

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  now = au_market_sim_dup_time (self);
  if (!chain_inputs (self, symbol, now, &inputs, error))
    return NULL;
  inputs.min_dte = min_dte;
  inputs.max_dte = max_dte;
  return au_option_chain_build (&inputs, error);
}

AuOptionChain *
au_market_sim_get_chain (AuMarketSim  *self,
                         const char   *symbol,
                         guint         max_dte,
                         GError      **error)
{
  return au_market_sim_get_chain_range (self, symbol, 0, max_dte, error);
}

gboolean
au_market_sim_get_quote (AuMarketSim   *self,
                         const char    *symbol,
                         const GDate   *expiry,
                         AuOptionRight  right,
                         AuPrice        strike,
                         AuOptionQuote *quote,
                         GError       **error)
{
  g_autoptr(GDateTime) now = NULL;
  AuChainInputs inputs = { 0 };

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (symbol != NULL && expiry != NULL && quote != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = au_market_sim_dup_time (self);
  if (!chain_inputs (self, symbol, now, &inputs, error))
    return FALSE;
  return au_option_quote_series (&inputs, expiry, right, strike, quote, error);
}

gboolean
au_market_sim_replay (AuMarketSim  *self,
                      const char   *symbol,
                      GArray       *bars,
                      GError      **error)
{
  AuSymbolState *s;
  const AuDailyBar *today;
  guint i;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (symbol != NULL && bars != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s = lookup (self, symbol);
  if (s == NULL)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_UNKNOWN_SYMBOL,
                   "symbol: %s is not in the paper market's universe", symbol);
      return FALSE;
    }
  for (i = 1; i < bars->len; i++)
    if (g_date_compare (&g_array_index (bars, AuDailyBar, i - 1).date,
                        &g_array_index (bars, AuDailyBar, i).date) >= 0)
      {
        g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_REPLAY,
                     "%s: the bars are not in strictly increasing date order (bar %u)",
                     symbol, i + 1);
        return FALSE;
      }
  today = au_daily_bars_find (bars, &self->date);
  if (today == NULL)
    {
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &self->date);
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_REPLAY,
                   "%s: the imported bars have no session %s, the market's current day",
                   symbol, text);
      return FALSE;
    }

  g_clear_pointer (&s->replay, g_array_unref);
  s->replay = g_array_ref (bars);
  s->price = au_replay_path_price (today,
                                   (guint) (self->minute - AU_MARKET_OPEN_MINUTE)
                                   / AU_MARKET_STEP_MINUTES,
                                   _au_market_sim_n_steps (&self->date));
  s->high = MAX (s->high, s->price);
  s->low = MIN (s->low, s->price);
  if (s->params->kind == AU_ASSET_VOLATILITY)
    self->log_vix = au_pmath_log (s->price);
  return TRUE;
}

gboolean
au_market_sim_is_replayed (AuMarketSim *self,
                           const char  *symbol)
{
  AuSymbolState *s;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);

  s = lookup (self, symbol);
  return s != NULL && s->replay != NULL;
}

char *
au_market_sim_checksum (AuMarketSim *self)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *head = NULL;
  guint i, b;

  g_return_val_if_fail (AU_IS_MARKET_SIM (self), NULL);

  head = g_strdup_printf ("%u %d %a %a\n", g_date_get_julian (&self->date), self->minute,
                          self->log_vix, self->shock);
  g_checksum_update (checksum, (const guchar *) head, -1);
  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      const AuSymbolState *s = &self->symbols[i];
      g_autofree char *line = g_strdup_printf ("%s %a %a\n", s->params->symbol, s->price,
                                               s->realized_var);

      g_checksum_update (checksum, (const guchar *) line, -1);
      for (b = 0; b < s->bars->len; b++)
        {
          const AuDailyBar *bar = &g_array_index (s->bars, AuDailyBar, b);
          g_autofree char *row = g_strdup_printf (
            "%u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
            " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
            g_date_get_julian (&bar->date), bar->open, bar->high, bar->low, bar->close,
            bar->volume);

          g_checksum_update (checksum, (const guchar *) row, -1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

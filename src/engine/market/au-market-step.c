/* au-market-step.c: how the paper market moves, five minutes at a time (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>

#include "au-market-calendar.h"
#include "au-market-sim-private.h"
#include "au-portable-math.h"
#include "au-replay-path.h"

/* Every operation on a path is +, −, ×, ÷, sqrt or au_pmath_*: IEEE
 * exact, so a seed gives the same path on every platform. */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

#define TRADING_DAYS_PER_YEAR 252.0
/* SPY against SPX and GOOGL against GOOG: a tracking noise of 0.5% a
 * year, the size of the real difference of the pairs' daily returns. */
#define TWIN_TRACKING_VOL 0.005
/* RiskMetrics' daily decay of the realized-variance estimate. */
#define EWMA_DECAY 0.94
/* A market day beyond this many expected standard deviations is a shock. */
#define SHOCK_SIGMAS 3.0
#define LN2 0.69314718055994530942

int
_au_market_sim_close_minute (const GDate *date)
{
  return au_nyse_close_minute (date);
}

guint
_au_market_sim_n_steps (const GDate *date)
{
  int close = au_nyse_close_minute (date);

  return close > AU_MARKET_OPEN_MINUTE
         ? (guint) ((close - AU_MARKET_OPEN_MINUTE) / AU_MARKET_STEP_MINUTES) : 0;
}

/* The expected price drift, less the jumps' mean so a jump does not
 * change the expected return: E[dS/S] = r + β × equity premium − q. */
static double
jump_compensator (double rate,
                  double mean,
                  double std)
{
  return rate * (au_pmath_exp (mean + 0.5 * std * std) - 1.0);
}

static double
symbol_return (AuMarketSim          *self,
               AuSymbolState        *s,
               const AuMarketParams *m,
               double                dt,
               double                h,
               double                sigma_m,
               double                market_shock,
               double                market_jump,
               gboolean              at_open)
{
  const AuSymbolParams *p = s->params;
  double sqrt_dt = sqrt (dt);
  double crash_rate = m->crash_rate * h * h;
  double idio, comp, r;

  if (s->twin >= 0)
    return self->symbols[s->twin].step_return
           + TWIN_TRACKING_VOL * sqrt_dt * au_random_normal (&self->path_rng);

  if (p->kind == AU_ASSET_INDEX)
    {
      comp = jump_compensator (crash_rate, m->crash_mean, m->crash_std);
      return (m->rate + m->equity_premium - p->dividend_yield - comp - 0.5 * sigma_m * sigma_m) * dt
             + market_shock + market_jump;
    }

  idio = s->idio_vol * h;
  comp = jump_compensator (crash_rate, p->beta * m->crash_mean, p->beta * m->crash_std)
         + jump_compensator (p->jump_rate, p->jump_mean, p->jump_std);
  r = (m->rate + p->beta * m->equity_premium - p->dividend_yield - comp
       - 0.5 * (p->beta * p->beta * sigma_m * sigma_m + idio * idio)) * dt
      + p->beta * (market_shock + market_jump)
      + idio * sqrt_dt * au_random_normal (&self->path_rng);
  if (au_random_bernoulli (&self->path_rng, p->jump_rate * dt))
    r += p->jump_mean + p->jump_std * au_random_normal (&self->path_rng);
  if (at_open && s->earnings_gap)
    r += p->earnings_std * au_random_normal (&self->path_rng);
  return r;
}

void
_au_market_sim_move (AuMarketSim *self,
                     double       dt,
                     gboolean     at_open,
                     guint        step,
                     guint        n_steps)
{
  const AuMarketParams *m = au_market_params ();
  double vix = au_pmath_exp (self->log_vix);
  double h = vix / au_market_vix_rms ();
  double sigma_m = m->market_vol_per_vix * vix / 100.0;
  double sqrt_dt = sqrt (dt);
  double z_m = au_random_normal (&self->path_rng);
  double z_v = au_random_normal (&self->path_rng);
  double market_shock = sigma_m * sqrt_dt * z_m;
  double vix_idio = sqrt (1.0 - m->vix_market_corr * m->vix_market_corr);
  double market_jump = 0.0, vix_jump = 0.0;
  guint i;

  /* Crashes come more often when VIX is high (their rate scales with the
   * variance), and lift VIX: selloffs cluster, then VIX mean-reverts. */
  if (au_random_bernoulli (&self->path_rng, m->crash_rate * h * h * dt))
    {
      market_jump = m->crash_mean + m->crash_std * au_random_normal (&self->path_rng);
      vix_jump = m->crash_vix_jump + m->crash_vix_jump_std * au_random_normal (&self->path_rng);
      self->crash_today = TRUE;
    }

  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      AuSymbolState *s = &self->symbols[i];
      const AuDailyBar *bar = NULL;

      if (s->params->kind == AU_ASSET_VOLATILITY)
        {
          /* ln VIX: Ornstein-Uhlenbeck, its shock correlated with the
           * market's (down moves lift VIX), plus the crash jump. */
          self->log_vix += m->vix_kappa * (m->vix_mean_log - self->log_vix) * dt
                           + m->vix_vol * (m->vix_market_corr * z_m
                                           + vix_idio * z_v)
                             * sqrt_dt
                           + vix_jump;
          s->step_return = 0.0;
          s->price = au_pmath_exp (self->log_vix);
        }
      else
        {
          s->step_return = symbol_return (self, s, m, dt, h, sigma_m,
                                          market_shock, market_jump, at_open);
          s->price *= au_pmath_exp (s->step_return);
        }

      if (s->replay != NULL)
        bar = au_daily_bars_find (s->replay, &self->date);
      if (bar != NULL)
        {
          s->price = au_replay_path_price (bar, step, n_steps);
          if (s->params->kind == AU_ASSET_VOLATILITY)
            self->log_vix = au_pmath_log (s->price);
        }

      if (at_open)
        s->open = s->high = s->low = s->price;
      s->high = MAX (s->high, s->price);
      s->low = MIN (s->low, s->price);
    }
}

static AuPrice
to_cents (double price)
{
  return (AuPrice) llround (price * 100.0) * (AU_PRICE_SCALE / 100);
}

void
_au_market_sim_close_session (AuMarketSim *self)
{
  const AuMarketParams *m = au_market_params ();
  double h = au_pmath_exp (self->log_vix) / au_market_vix_rms ();
  double market_day = 0.0, expected_sd;
  guint i;

  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      AuSymbolState *s = &self->symbols[i];
      const AuDailyBar *imported = s->replay != NULL
                                   ? au_daily_bars_find (s->replay, &self->date) : NULL;
      double r = au_pmath_log (s->price / s->prev_close);
      double noise = au_random_uniform (&self->volume_rng);
      AuDailyBar bar = { 0 };

      if (imported != NULL)
        bar = *imported;
      else
        {
          bar.date = self->date;
          bar.open = to_cents (s->open);
          bar.close = to_cents (s->price);
          bar.high = MAX (to_cents (s->high), MAX (bar.open, bar.close));
          bar.low = MIN (to_cents (s->low), MIN (bar.open, bar.close));
          /* Volume rises with the market's stress and the day's move. */
          bar.volume = (gint64) floor (s->params->share_volume * h * (0.6 + 0.8 * noise)
                                       * (1.0 + 10.0 * (r < 0 ? -r : r)));
        }
      g_array_append_val (s->bars, bar);

      if (s->params->kind == AU_ASSET_INDEX)
        market_day = r;
      if (s->params->kind != AU_ASSET_VOLATILITY && !s->earnings_gap)
        s->realized_var = EWMA_DECAY * s->realized_var
                          + (1.0 - EWMA_DECAY) * r * r * TRADING_DAYS_PER_YEAR;
      s->prev_close = s->price;
    }

  expected_sd = m->market_vol_per_vix * self->day_vix_start / 100.0 / sqrt (TRADING_DAYS_PER_YEAR);
  if (self->crash_today || (market_day < 0 ? -market_day : market_day) > SHOCK_SIGMAS * expected_sd)
    self->shock = 1.0;
  else
    self->shock *= au_pmath_exp (-LN2 / m->vrp_shock_days);
  self->crash_today = FALSE;
  self->day_vix_start = au_pmath_exp (self->log_vix);
}

void
_au_market_sim_open_session (AuMarketSim *self)
{
  const AuMarketParams *m = au_market_params ();
  GDate previous = self->date;
  guint i;

  _au_market_sim_ensure_earnings (self, g_date_get_year (&self->date) + 1);
  au_nyse_previous_trading_day (&previous);
  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    {
      AuSymbolState *s = &self->symbols[i];

      s->earnings_gap = au_earnings_calendar_is_report (self->earnings, s->params->symbol,
                                                        &previous);
    }
  _au_market_sim_move (self, m->overnight_share / TRADING_DAYS_PER_YEAR, TRUE,
                       0, _au_market_sim_n_steps (&self->date));
}

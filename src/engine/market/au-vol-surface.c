/* au-vol-surface.c: the implied-volatility surface of the paper market (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>

#include "au-market-calendar.h"
#include "au-vol-surface.h"

#define TRADING_DAYS_PER_YEAR 252.0
/* Moneyness beyond ±5 standard deviations gets the vol at ±5: the
 * quadratic would otherwise grow without bound in the far wings. */
#define SMILE_Z_MAX 5.0
#define SMILE_FACTOR_MIN 0.5
#define SMILE_FACTOR_MAX 3.0
/* The shortest time the VIX vol is computed for (an hour). */
#define VIX_TAU_MIN (1.0 / (365.0 * 24.0))

double
au_vol_surface_vrp (double shock)
{
  const AuMarketParams *m = au_market_params ();

  return m->vrp_calm - m->vrp_shock_drop * CLAMP (shock, 0.0, 1.0);
}

/* ln VIX τ years ahead: mean and variance of the log-OU with its jumps
 * folded into the mean and the variance. */
static void
log_vix_moments (double  log_vix,
                 double  tau,
                 double *mean,
                 double *variance)
{
  const AuMarketParams *m = au_market_params ();
  double jump_sq = m->crash_vix_jump * m->crash_vix_jump
                   + m->crash_vix_jump_std * m->crash_vix_jump_std;
  double mu = m->vix_mean_log + m->crash_rate * m->crash_vix_jump / m->vix_kappa;
  double v_inf = (m->vix_vol * m->vix_vol + m->crash_rate * jump_sq) / (2.0 * m->vix_kappa);
  double decay = exp (-m->vix_kappa * tau);

  *mean = mu + (log_vix - mu) * decay;
  *variance = v_inf * (1.0 - decay * decay);
}

double
au_vol_surface_vix_factor (double log_vix,
                           double tau)
{
  double mean, variance, rms = au_market_vix_rms ();

  log_vix_moments (log_vix, tau, &mean, &variance);
  return exp (2.0 * mean + 2.0 * variance) / (rms * rms);
}

/* The model's variance of one whole session of @params (overnight
 * included) at a VIX factor @factor, per year. */
static double
model_variance (const AuSymbolParams *params,
                double                factor)
{
  const AuMarketParams *m = au_market_params ();
  double crash = m->crash_rate * (m->crash_mean * m->crash_mean + m->crash_std * m->crash_std);
  double own = params->jump_rate * (params->jump_mean * params->jump_mean
                                    + params->jump_std * params->jump_std);

  return (au_symbol_diffusion_variance (params) + params->beta * params->beta * crash) * factor
         + own;
}

double *
au_vol_surface_curve_new (const AuVolState *state,
                          guint             n_days)
{
  const AuMarketParams *m = au_market_params ();
  double w = m->realized_weight;
  double *curve;
  double total, today_var;
  GDate day, gap_day;
  gboolean earnings_pending = FALSE;
  guint d, sessions = 0;

  g_return_val_if_fail (state != NULL && state->params != NULL, NULL);
  g_return_val_if_fail (g_date_valid (&state->today), NULL);

  curve = g_new0 (double, n_days + 1);

  /* The earnings gap lands at the open after the report (after the close
   * of its day): in the forecast when that open is still to come. */
  if (state->has_earnings && g_date_compare (&state->earnings, &state->today) >= 0)
    {
      gap_day = state->earnings;
      au_nyse_next_trading_day (&gap_day);
      earnings_pending = TRUE;
    }

  today_var = (1.0 - w) * model_variance (state->params,
                                          au_vol_surface_vix_factor (state->log_vix, 0.0))
              + w * state->realized_var;
  total = au_nyse_is_trading_day (&state->today)
          ? CLAMP (state->session_left, 0.0, 1.0) * (1.0 - m->overnight_share) * today_var
            / TRADING_DAYS_PER_YEAR
          : 0.0;
  curve[0] = total;

  day = state->today;
  for (d = 1; d <= n_days; d++)
    {
      g_date_add_days (&day, 1);
      if (au_nyse_is_trading_day (&day))
        {
          double tau = ++sessions / TRADING_DAYS_PER_YEAR;
          double factor = au_vol_surface_vix_factor (state->log_vix, tau);
          double day_var = (1.0 - w) * model_variance (state->params, factor)
                           + w * state->realized_var;

          total += day_var / TRADING_DAYS_PER_YEAR;
          if (earnings_pending && g_date_compare (&day, &gap_day) == 0)
            total += state->params->earnings_std * state->params->earnings_std;
        }
      curve[d] = total;
    }
  return curve;
}

double
au_vol_surface_smile (const AuSymbolParams *params,
                      double                atm_vol,
                      double                forward,
                      double                strike,
                      double                t)
{
  double z, factor;

  g_return_val_if_fail (params != NULL, atm_vol);

  if (atm_vol <= 0.0 || t <= 0.0)
    return atm_vol;
  z = CLAMP (log (strike / forward) / (atm_vol * sqrt (t)), -SMILE_Z_MAX, SMILE_Z_MAX);
  factor = 1.0 - params->skew * z + params->smile * z * z;
  return atm_vol * CLAMP (factor, SMILE_FACTOR_MIN, SMILE_FACTOR_MAX);
}

double
au_vol_surface_vix_forward (double log_vix,
                            double tau)
{
  double mean, variance;

  log_vix_moments (log_vix, MAX (tau, 0.0), &mean, &variance);
  return exp (mean + 0.5 * variance);
}

double
au_vol_surface_vix_atm (double tau,
                        double shock)
{
  double mean, variance;

  tau = MAX (tau, VIX_TAU_MIN);
  log_vix_moments (0.0, tau, &mean, &variance);
  return sqrt (variance / tau) * au_vol_surface_vrp (shock);
}

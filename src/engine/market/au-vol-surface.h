/* au-vol-surface.h: the implied-volatility surface of the paper market (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-market-symbol.h"

G_BEGIN_DECLS

/* What the market "knows" when it quotes: implied volatility is a
 * forecast, not the volatility that will move the price. The forecast
 * is the model's expectation of the variance to expiry (the VIX path
 * mean-reverting from today's level, jumps, an earnings gap when one
 * falls before expiry) blended with recent realized variance, then
 * multiplied by a variance risk premium that is lower just after a
 * shock. Its average (~1.15) is a property of real markets; it is not
 * tuned for the strategy. */
typedef struct
{
  const AuSymbolParams *params;
  double                log_vix;       /* ln of today's VIX level */
  double                realized_var;  /* recent daily variance per year, earnings excluded */
  double                shock;         /* 0 (calm) … 1 (a shock today) */
  double                session_left;  /* fraction of today's session still to trade */
  GDate                 today;
  gboolean              has_earnings;  /* a report after the close of @earnings */
  GDate                 earnings;
} AuVolState;

/* The premium of implied over forecast volatility at @shock. */
double  au_vol_surface_vrp          (double            shock);
/* E[h²(τ)]: the expected variance multiplier τ years ahead, from
 * ln VIX = @log_vix (1 at the long-run average). */
double  au_vol_surface_vix_factor   (double            log_vix,
                                     double            tau);
/* Cumulative forecast variance (not annualised, no premium) from now to
 * the close of today + d calendar days, for d = 0 … @n_days: n_days + 1
 * values. Free with g_free(). */
double *au_vol_surface_curve_new    (const AuVolState *state,
                                     guint             n_days);
/* The smile: the vol at @strike given the at-the-money @atm_vol, the
 * forward and the time in years. */
double  au_vol_surface_smile        (const AuSymbolParams *params,
                                     double            atm_vol,
                                     double            forward,
                                     double            strike,
                                     double            t);
/* VIX options: the model's expected VIX @tau years ahead (contango when
 * VIX is low, backwardation when high) and the implied vol of ln VIX to
 * then, premium included. */
double  au_vol_surface_vix_forward  (double            log_vix,
                                     double            tau);
double  au_vol_surface_vix_atm      (double            tau,
                                     double            shock);

G_END_DECLS

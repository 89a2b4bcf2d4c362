/* au-black-scholes.c: European options under Black-Scholes-Merton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-black-scholes"

#include "config.h"

#include <math.h>

#include "au-black-scholes.h"
#include "au-normal.h"

/* The formulas are the textbook ones (Merton 1973 with a dividend yield);
 * greeks are the exact partial derivatives, with theta = −∂V/∂t as in
 * QuantLib. */
static inline void
compute (const AuOptionParams *p,
         AuGreeks             *out,
         gboolean              with_greeks)
{
  double sqrt_t = sqrt (p->t);
  double std_dev = p->vol * sqrt_t;
  double df_r = exp (-p->rate * p->t);
  double df_q = exp (-p->dividend * p->t);
  double d1 = (log (p->spot / p->strike) + (p->rate - p->dividend) * p->t) / std_dev + 0.5 * std_dev;
  double d2 = d1 - std_dev;
  double sign = p->right == AU_OPTION_CALL ? 1.0 : -1.0;
  double n1 = au_normal_cdf (sign * d1);
  double n2 = au_normal_cdf (sign * d2);
  double spot_q = p->spot * df_q;
  double strike_r = p->strike * df_r;
  double pdf1;

  out->price = sign * (spot_q * n1 - strike_r * n2);
  if (!with_greeks)
    return;

  pdf1 = au_normal_pdf (d1);
  out->delta = sign * df_q * n1;
  out->gamma = df_q * pdf1 / (p->spot * std_dev);
  out->vega = spot_q * pdf1 * sqrt_t;
  out->theta = -0.5 * spot_q * pdf1 * p->vol / sqrt_t
               + sign * (p->dividend * spot_q * n1 - p->rate * strike_r * n2);
  out->theta_day = out->theta / AU_DAYS_PER_YEAR;
  out->rho = sign * p->t * strike_r * n2;
}

void
au_black_scholes (const AuOptionParams *params,
                  AuGreeks             *out)
{
  g_return_if_fail (params != NULL);
  g_return_if_fail (out != NULL);

  compute (params, out, TRUE);
}

double
au_black_scholes_price (const AuOptionParams *params)
{
  AuGreeks greeks;

  g_return_val_if_fail (params != NULL, NAN);

  compute (params, &greeks, FALSE);
  return greeks.price;
}

void
au_black_scholes_batch (const AuOptionParams *params,
                        AuGreeks             *out,
                        gsize                 n)
{
  g_return_if_fail (params != NULL || n == 0);
  g_return_if_fail (out != NULL || n == 0);

  for (gsize i = 0; i < n; i++)
    compute (&params[i], &out[i], TRUE);
}

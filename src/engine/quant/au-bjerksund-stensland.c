/* au-bjerksund-stensland.c: American options, Bjerksund-Stensland
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-bjerksund-stensland"

#include "config.h"

#include <math.h>

#include "au-bjerksund-stensland.h"
#include "au-black-scholes.h"
#include "au-normal.h"
#include "au-quant-error.h"

/* A call on an asset with cost of carry b = r − q, in the papers' notation. */
typedef struct
{
  double spot;
  double strike;
  double t;
  double r;
  double b;
  double vol;
  double var;  /* vol² */
} CallInputs;

/* exp(log_weight)·Φ(z) without the ∞·0 that (I/S)^κ·Φ(z) gives at low
 * volatility, where κ = 2b/σ² runs into the thousands. */
static inline double
weighted_cdf (double log_weight,
              double z)
{
  if (z < -1.0)
    return exp (log_weight - 0.5 * z * z) * au_normal_cdf_scaled (z);
  return exp (log_weight) * au_normal_cdf (z);
}

/* (I/S)^κ·M(a, b, ρ), with the same care. */
static inline double
weighted_bivariate (double log_weight,
                    double a,
                    double b,
                    double rho)
{
  double m = au_bivariate_normal_cdf (a, b, rho);

  return m == 0.0 ? 0.0 : exp (log_weight) * m;
}

/* φ(S, T, γ, H, I) of both papers. */
static double
phi (const CallInputs *c,
     double            t,
     double            gamma,
     double            h,
     double            i)
{
  double std_dev = c->vol * sqrt (t);
  double lambda = (-c->r + gamma * c->b + 0.5 * gamma * (gamma - 1.0) * c->var) * t;
  double d = -(log (c->spot / h) + (c->b + (gamma - 0.5) * c->var) * t) / std_dev;
  double kappa = 2.0 * c->b / c->var + (2.0 * gamma - 1.0);
  double log_ratio = log (i / c->spot);

  return exp (lambda) * pow (c->spot, gamma)
         * (au_normal_cdf (d) - weighted_cdf (kappa * log_ratio, d - 2.0 * log_ratio / std_dev));
}

/* ψ(S, T, γ, H, I2, I1, t1) of the 2002 paper: the second period, with
 * the bivariate normal of the two exercise dates (ρ = √(t1/T)). */
static double
psi (const CallInputs *c,
     double            gamma,
     double            h,
     double            i2,
     double            i1,
     double            t1)
{
  double s = c->spot;
  double t = c->t;
  double drift = c->b + (gamma - 0.5) * c->var;
  double sd1 = c->vol * sqrt (t1);
  double sd = c->vol * sqrt (t);
  double e1 = (log (s / i1) + drift * t1) / sd1;
  double e2 = (log (i2 * i2 / (s * i1)) + drift * t1) / sd1;
  double e3 = (log (s / i1) - drift * t1) / sd1;
  double e4 = (log (i2 * i2 / (s * i1)) - drift * t1) / sd1;
  double f1 = (log (s / h) + drift * t) / sd;
  double f2 = (log (i2 * i2 / (s * h)) + drift * t) / sd;
  double f3 = (log (i1 * i1 / (s * h)) + drift * t) / sd;
  double f4 = (log (s * i1 * i1 / (h * i2 * i2)) + drift * t) / sd;
  double rho = sqrt (t1 / t);
  double lambda = -c->r + gamma * c->b + 0.5 * gamma * (gamma - 1.0) * c->var;
  double kappa = 2.0 * c->b / c->var + (2.0 * gamma - 1.0);

  return exp (lambda * t) * pow (s, gamma)
         * (au_bivariate_normal_cdf (-e1, -f1, rho)
            - weighted_bivariate (kappa * log (i2 / s), -e2, -f2, rho)
            - weighted_bivariate (kappa * log (i1 / s), -e3, -f3, -rho)
            + weighted_bivariate (kappa * log (i1 / i2), -e4, -f4, -rho));
}

/* β, B∞ and B0 of both papers. */
static void
boundary_limits (const CallInputs *c,
                 double           *beta,
                 double           *b_inf,
                 double           *b_0)
{
  double x = c->b / c->var - 0.5;

  *beta = (0.5 - c->b / c->var) + sqrt (x * x + 2.0 * c->r / c->var);
  *b_inf = *beta / (*beta - 1.0) * c->strike;
  *b_0 = MAX (c->strike, c->r / (c->r - c->b) * c->strike);
}

static double
call_1993 (const CallInputs *c)
{
  double beta, b_inf, b_0, h_t, i, alpha, k = c->strike;

  boundary_limits (c, &beta, &b_inf, &b_0);
  h_t = -(c->b * c->t + 2.0 * c->vol * sqrt (c->t)) * b_0 / (b_inf - b_0);
  i = b_0 + (b_inf - b_0) * (1.0 - exp (h_t));
  if (c->spot >= i)
    return c->spot - k;

  alpha = (i - k) * pow (i, -beta);
  return alpha * pow (c->spot, beta)
         - alpha * phi (c, c->t, beta, i, i)
         + phi (c, c->t, 1.0, i, i)
         - phi (c, c->t, 1.0, k, i)
         - k * phi (c, c->t, 0.0, i, i)
         + k * phi (c, c->t, 0.0, k, i);
}

static double
call_2002 (const CallInputs *c)
{
  double beta, b_inf, b_0, h_1, h_2, i_1, i_2, alpha_1, alpha_2, k = c->strike;
  double t_1 = 0.5 * (sqrt (5.0) - 1.0) * c->t;
  double scale;

  boundary_limits (c, &beta, &b_inf, &b_0);
  scale = k * k / ((b_inf - b_0) * b_0);
  h_1 = -(c->b * t_1 + 2.0 * c->vol * sqrt (t_1)) * scale;
  h_2 = -(c->b * c->t + 2.0 * c->vol * sqrt (c->t)) * scale;
  i_1 = b_0 + (b_inf - b_0) * (1.0 - exp (h_1));
  i_2 = b_0 + (b_inf - b_0) * (1.0 - exp (h_2));
  if (c->spot >= i_2)
    return c->spot - k;

  alpha_1 = (i_1 - k) * pow (i_1, -beta);
  alpha_2 = (i_2 - k) * pow (i_2, -beta);
  return alpha_2 * pow (c->spot, beta)
         - alpha_2 * phi (c, t_1, beta, i_2, i_2)
         + phi (c, t_1, 1.0, i_2, i_2)
         - phi (c, t_1, 1.0, i_1, i_2)
         - k * phi (c, t_1, 0.0, i_2, i_2)
         + k * phi (c, t_1, 0.0, i_1, i_2)
         + alpha_1 * phi (c, t_1, beta, i_1, i_2)
         - alpha_1 * psi (c, beta, i_1, i_2, i_1, t_1)
         + psi (c, 1.0, i_1, i_2, i_1, t_1)
         - psi (c, 1.0, k, i_2, i_1, t_1)
         - k * psi (c, 0.0, i_1, i_2, i_1, t_1)
         + k * psi (c, 0.0, k, i_2, i_1, t_1);
}

/* A put is the call on the strike with the rates swapped (Bjerksund and
 * Stensland's put-call transformation); returns FALSE when early exercise
 * can never pay, so the European value is exact. */
static gboolean
call_form (const AuOptionParams *p,
           CallInputs           *c)
{
  double r = p->rate, q = p->dividend;

  if (p->right == AU_OPTION_PUT)
    {
      c->spot = p->strike;
      c->strike = p->spot;
      c->r = q;
      c->b = q - r;
      if (r <= 0.0 && r <= q)
        return FALSE;
    }
  else
    {
      c->spot = p->spot;
      c->strike = p->strike;
      c->r = r;
      c->b = r - q;
      if (q <= 0.0 && q <= r)
        return FALSE;
    }
  c->t = p->t;
  c->vol = p->vol;
  c->var = p->vol * p->vol;
  return TRUE;
}

static double
american_price (const AuOptionParams *p,
                AuAmericanApprox      approx,
                gboolean             *early_exercise)
{
  CallInputs c;

  *early_exercise = call_form (p, &c);
  if (!*early_exercise)
    return au_black_scholes_price (p);
  if (approx == AU_AMERICAN_BS1993)
    return call_1993 (&c);

  /* Each form is the exact value of one exercise strategy, so a lower
   * bound; where the 2002 boundary is badly placed (rates near zero, a
   * deep put) that strategy is worth less than never exercising, and the
   * European value is the better bound. The 1993 form is left as
   * QuantLib computes it, to compare digit for digit. */
  return MAX (call_2002 (&c), au_black_scholes_price (p));
}

double
au_bjerksund_stensland_price (const AuOptionParams *params,
                              AuAmericanApprox      approx)
{
  gboolean early_exercise;

  g_return_val_if_fail (params != NULL, NAN);

  return american_price (params, approx, &early_exercise);
}

typedef enum
{
  BUMP_SPOT,
  BUMP_VOL,
  BUMP_TIME,
  BUMP_RATE,
} Bump;

/* The price with one input moved to @value. */
static double
bumped (const AuOptionParams *p,
        AuAmericanApprox      approx,
        Bump                  bump,
        double                value)
{
  AuOptionParams copy = *p;
  gboolean early_exercise;

  switch (bump)
    {
    case BUMP_SPOT:
      copy.spot = value;
      break;
    case BUMP_VOL:
      copy.vol = value;
      break;
    case BUMP_TIME:
      copy.t = value;
      break;
    case BUMP_RATE:
      copy.rate = value;
      break;
    default:
      g_assert_not_reached ();
    }
  return american_price (&copy, approx, &early_exercise);
}

void
au_bjerksund_stensland (const AuOptionParams *params,
                        AuAmericanApprox      approx,
                        AuGreeks             *out)
{
  AuOptionParams p;
  gboolean early_exercise;
  double h, up, down;

  g_return_if_fail (params != NULL);
  g_return_if_fail (out != NULL);

  p = *params;
  out->price = american_price (&p, approx, &early_exercise);
  if (!early_exercise)
    {
      au_black_scholes (&p, out);
      return;
    }

  h = 1e-3 * p.spot;
  up = bumped (&p, approx, BUMP_SPOT, p.spot + h);
  down = bumped (&p, approx, BUMP_SPOT, p.spot - h);
  out->delta = (up - down) / (2.0 * h);
  out->gamma = (up - 2.0 * out->price + down) / (h * h);

  h = 1e-3 * p.vol;
  out->vega = (bumped (&p, approx, BUMP_VOL, p.vol + h)
               - bumped (&p, approx, BUMP_VOL, p.vol - h)) / (2.0 * h);

  h = 1e-3 * p.t;
  out->theta = -(bumped (&p, approx, BUMP_TIME, p.t + h)
                 - bumped (&p, approx, BUMP_TIME, p.t - h)) / (2.0 * h);
  out->theta_day = out->theta / AU_DAYS_PER_YEAR;

  /* A one-sided difference where the rate sits on zero keeps the bumped
   * option inside the approximation's domain. */
  h = 1e-4;
  if (p.rate - h < 0.0)
    out->rho = (bumped (&p, approx, BUMP_RATE, p.rate + h) - out->price) / h;
  else
    out->rho = (bumped (&p, approx, BUMP_RATE, p.rate + h)
                - bumped (&p, approx, BUMP_RATE, p.rate - h)) / (2.0 * h);
}

gboolean
au_bjerksund_stensland_validate (const AuOptionParams  *params,
                                 GError               **error)
{
  if (!au_option_params_validate (params, error))
    return FALSE;
  if (params->rate < 0.0)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "rate: %g is negative; the American approximation needs a rate ≥ 0",
                   params->rate);
      return FALSE;
    }
  if (params->dividend < 0.0)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "dividend: %g is negative; the American approximation needs a yield ≥ 0",
                   params->dividend);
      return FALSE;
    }
  return TRUE;
}

/* au-implied-vol.c: implied volatility from an option price
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-implied-vol"

#include "config.h"

#include <float.h>
#include <math.h>

#include "au-bjerksund-stensland.h"
#include "au-black-scholes.h"
#include "au-implied-vol.h"
#include "au-normal.h"
#include "au-quant-error.h"

/* Notation of P. Jäckel, "Let's be rational" (Wilmott 2015): the
 * normalised out-of-the-money call b(x, s) = Φ(h+t)·e^{x/2} − Φ(h−t)·e^{−x/2}
 * with x = ln(F/K) ≤ 0, s = σ√T, h = x/s and t = s/2; its upper limit is
 * e^{x/2} (s → ∞) and its s-derivative (the normalised vega) is
 * exp(−(h²+t²)/2)/√(2π). */

#define SMALL_T        0.1  /* below it the difference of Y is summed as a Taylor series */
#define TAYLOR_MIN_H  -8.0  /* ... as long as Y' = 1/√(2π) + hY cancels little */
#define MAX_ITERATIONS 100

static GPrivate last_iterations;

guint
au_implied_vol_last_iterations (void)
{
  return GPOINTER_TO_UINT (g_private_get (&last_iterations));
}

/* Y(h+t) − Y(h−t) with Y(z) = Φ(z)·e^{z²/2}, as 2·Σ Y⁽ᵏ⁾(h)·tᵏ/k! over odd k.
 * The derivatives follow from Y' = 1/√(2π) + zY:
 * Y⁽ⁿ⁺¹⁾ = z·Y⁽ⁿ⁾ + n·Y⁽ⁿ⁻¹⁾. */
static double
y_difference_taylor (double h,
                     double t)
{
  double y_prev = au_normal_cdf_scaled (h);
  double y = AU_ONE_OVER_SQRT_TWO_PI + h * y_prev;
  double power = t;     /* tᵏ/k! */
  double sum = y * t;

  for (int n = 1; n < 60; n++)
    {
      double y_next = h * y + n * y_prev;

      y_prev = y;
      y = y_next;
      power *= t / (n + 1);
      if ((n + 1) % 2 == 1)
        {
          double term = y * power;

          sum += term;
          if (fabs (term) <= 1e-17 * fabs (sum))
            break;
        }
    }
  return 2.0 * sum;
}

static double
normalised_otm_call (double x,
                     double s)
{
  double h, t;

  if (s <= 0.0)
    return 0.0;
  t = 0.5 * s;
  if (x == 0.0)
    return erf (t * G_SQRT2 * 0.5);
  h = x / s;
  if (h + t > 0.85)
    return exp (0.5 * x) * au_normal_cdf (h + t) - exp (-0.5 * x) * au_normal_cdf (h - t);

  /* Both arguments of Φ are negative here: the scaled form keeps the two
   * tiny terms representable and their difference exact enough. */
  if (t < SMALL_T && h >= TAYLOR_MIN_H)
    return exp (-0.5 * (h * h + t * t)) * y_difference_taylor (h, t);
  return exp (-0.5 * (h * h + t * t)) * (au_normal_cdf_scaled (h + t) - au_normal_cdf_scaled (h - t));
}

/* e^{x/2} − b(x, s), a sum of two positive terms (no cancellation). */
static double
normalised_otm_call_complement (double x,
                                double s)
{
  double h = x / s, t = 0.5 * s;

  return exp (0.5 * x) * au_normal_cdf (-h - t) + exp (-0.5 * x) * au_normal_cdf (h - t);
}

static double
normalised_vega (double x,
                 double s)
{
  double h = x / s, t = 0.5 * s;

  return AU_ONE_OVER_SQRT_TWO_PI * exp (-0.5 * (h * h + t * t));
}

typedef enum
{
  OBJECTIVE_LOG_PRICE,   /* ln b(s) − ln β, below the inflection point */
  OBJECTIVE_PRICE,       /* b(s) − β, above it for small β */
  OBJECTIVE_LOG_COMPLEMENT, /* ln(e^{x/2} − b(s)) − ln(e^{x/2} − β), near the top */
} Objective;

/* Solves b(x, s) = beta for s, with x ≤ 0 and 0 < beta < e^{x/2}. */
static double
solve_normalised (double  x,
                  double  beta,
                  guint  *iterations)
{
  double b_max = exp (0.5 * x);
  double s_c = sqrt (-2.0 * x);
  double b_c = normalised_otm_call (x, s_c);
  double lo = 0.0, hi = INFINITY;
  double s, target;
  Objective objective;

  if (beta < b_c)
    {
      objective = OBJECTIVE_LOG_PRICE;
      target = log (beta);
      hi = s_c;
      /* The lower asymptote ln b ≈ ln(s³/(√(2π)·x²)) − x²/(2s²) − s²/8,
       * solved by two fixed-point steps, lands close to the root. */
      s = 0.5 * s_c;
      for (int i = 0; i < 2; i++)
        {
          double rhs = log (AU_ONE_OVER_SQRT_TWO_PI * s * s * s / (x * x)) - 0.125 * s * s - target;

          if (rhs > 0.0)
            s = MIN (-x / sqrt (2.0 * rhs), 0.99 * s_c);
        }
    }
  else
    {
      lo = s_c;
      if (beta > 0.5 * b_max)
        {
          objective = OBJECTIVE_LOG_COMPLEMENT;
          target = log (b_max - beta);
        }
      else
        {
          objective = OBJECTIVE_PRICE;
          target = beta;
        }
      /* At the money b ≈ s/√(2π); away from it start at the inflection. */
      s = MAX (s_c, beta / AU_ONE_OVER_SQRT_TWO_PI);
      if (beta > 0.5 * b_max)
        {
          /* Near the top, e^{x/2} − b ≈ 2·cosh(x/2)·Φ(−s/2): invert the
           * tail Φ(−u) ≈ φ(u)/u roughly. */
          double tail = (b_max - beta) / (2.0 * cosh (0.5 * x));
          double u = sqrt (MAX (-2.0 * log (tail), 1.0));

          u = sqrt (MAX (-2.0 * log (tail * u / AU_ONE_OVER_SQRT_TWO_PI), 0.25));
          s = MAX (s, 2.0 * u);
        }
    }

  for (guint i = 1; i <= MAX_ITERATIONS; i++)
    {
      double v = normalised_vega (x, s);
      double vega_slope = x * x / (s * s * s) - 0.25 * s;  /* b''/b' */
      double g, g1, g2, step, next;

      switch (objective)
        {
        case OBJECTIVE_LOG_PRICE:
          {
            double b = normalised_otm_call (x, s);

            if (b < beta) lo = s; else hi = s;
            g = log (b) - target;
            g1 = v / b;
            g2 = g1 * vega_slope - g1 * g1;
          }
          break;
        case OBJECTIVE_PRICE:
          {
            double b = normalised_otm_call (x, s);

            if (b < beta) lo = s; else hi = s;
            g = b - target;
            g1 = v;
            g2 = v * vega_slope;
          }
          break;
        case OBJECTIVE_LOG_COMPLEMENT:
          {
            double c = normalised_otm_call_complement (x, s);

            if (c > b_max - beta) lo = s; else hi = s;
            g = log (c) - target;
            g1 = -v / c;
            g2 = g1 * vega_slope - g1 * g1;
          }
          break;
        default:
          g_assert_not_reached ();
        }

      if (g == 0.0 || !(g1 != 0.0))
        {
          *iterations = i;
          return s;
        }

      /* Halley's step, falling back on Newton's when the correction is
       * large, and on bisection when the step leaves the bracket. */
      step = -g / g1;
      {
        double correction = 1.0 - 0.5 * step * g2 / g1;

        if (correction > 0.5 && correction < 2.0)
          step /= correction;
      }
      next = s + step;
      if (!(next > lo && next < hi))
        next = isfinite (hi) ? 0.5 * (lo + hi) : 2.0 * MAX (s, lo);
      if (fabs (next - s) <= 4.0 * DBL_EPSILON * next
          || (isfinite (hi) && hi - lo <= 4.0 * DBL_EPSILON * hi))
        {
          *iterations = i;
          return next;
        }
      s = next;
    }

  *iterations = MAX_ITERATIONS;
  return NAN;
}

static gboolean
out_of_bounds (double       price,
               double       bound,
               gboolean     lower,
               const char  *what,
               GError     **error)
{
  g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_OUT_OF_BOUNDS,
               lower ? "price: %.10g is not above the no-arbitrage lower bound %.10g (%s)"
                     : "price: %.10g is not below the no-arbitrage upper bound %.10g (%s)",
               price, bound, what);
  return FALSE;
}

gboolean
au_implied_vol (const AuOptionParams  *params,
                double                 price,
                double                *vol,
                GError               **error)
{
  double spot_q, strike_r, x, beta, s;
  guint iterations = 0;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (vol != NULL, FALSE);

  if (!au_option_params_validate_market (params, error))
    return FALSE;
  if (!isfinite (price))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "price: %g is not a finite number", price);
      return FALSE;
    }

  spot_q = params->spot * exp (-params->dividend * params->t);
  strike_r = params->strike * exp (-params->rate * params->t);
  if (params->right == AU_OPTION_CALL)
    {
      if (price <= MAX (spot_q - strike_r, 0.0))
        return out_of_bounds (price, MAX (spot_q - strike_r, 0.0), TRUE,
                              "the discounted intrinsic value", error);
      if (price >= spot_q)
        return out_of_bounds (price, spot_q, FALSE, "the discounted spot", error);
    }
  else
    {
      if (price <= MAX (strike_r - spot_q, 0.0))
        return out_of_bounds (price, MAX (strike_r - spot_q, 0.0), TRUE,
                              "the discounted intrinsic value", error);
      if (price >= strike_r)
        return out_of_bounds (price, strike_r, FALSE, "the discounted strike", error);
    }

  /* Normalise, then move to the out-of-the-money call: a put at x is a
   * call at −x, and an in-the-money call is its intrinsic value plus the
   * out-of-the-money put (put-call parity). */
  x = log (params->spot / params->strike) + (params->rate - params->dividend) * params->t;
  beta = price / sqrt (spot_q * strike_r);
  if (params->right == AU_OPTION_PUT)
    x = -x;
  if (x > 0.0)
    {
      beta -= 2.0 * sinh (0.5 * x);
      x = -x;
    }
  if (!(beta > 0.0))
    return out_of_bounds (price, price, TRUE,
                          "the discounted intrinsic value, to double precision", error);
  if (!(beta < exp (0.5 * x)))
    return out_of_bounds (price, price, FALSE, "the upper bound, to double precision", error);

  s = solve_normalised (x, beta, &iterations);
  g_private_set (&last_iterations, GUINT_TO_POINTER (iterations));
  if (!isfinite (s))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_NO_CONVERGENCE,
                   "price: no volatility found for %.17g after %u iterations", price, iterations);
      return FALSE;
    }
  *vol = s / sqrt (params->t);
  return TRUE;
}

#define AMERICAN_MIN_VOL 0.001
#define AMERICAN_MAX_VOL 10.0

static double
american_price_at (const AuOptionParams *params,
                   AuAmericanApprox      approx,
                   double                vol)
{
  AuOptionParams p = *params;

  p.vol = vol;
  return au_bjerksund_stensland_price (&p, approx);
}

gboolean
au_implied_vol_american (const AuOptionParams  *params,
                         AuAmericanApprox       approx,
                         double                 price,
                         double                *vol,
                         GError               **error)
{
  AuOptionParams p;
  double intrinsic, upper, lo, hi, f_lo, f_hi, guess, prev, f_prev;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (vol != NULL, FALSE);

  p = *params;
  p.vol = 0.2;
  if (!au_bjerksund_stensland_validate (&p, error))
    return FALSE;
  if (!isfinite (price))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "price: %g is not a finite number", price);
      return FALSE;
    }

  intrinsic = p.right == AU_OPTION_CALL ? MAX (p.spot - p.strike, 0.0) : MAX (p.strike - p.spot, 0.0);
  upper = p.right == AU_OPTION_CALL ? p.spot : p.strike;
  if (price <= intrinsic)
    return out_of_bounds (price, intrinsic, TRUE, "the intrinsic value", error);
  if (price >= upper)
    return out_of_bounds (price, upper, FALSE, p.right == AU_OPTION_CALL ? "the spot" : "the strike",
                          error);

  lo = AMERICAN_MIN_VOL;
  hi = AMERICAN_MAX_VOL;
  f_lo = american_price_at (&p, approx, lo) - price;
  f_hi = american_price_at (&p, approx, hi) - price;
  if (f_lo > 0.0)
    return out_of_bounds (price, f_lo + price, TRUE, "the American value at a volatility of 0.1%",
                          error);
  if (f_hi < 0.0)
    return out_of_bounds (price, f_hi + price, FALSE,
                          "the American value at a volatility of 1,000%", error);

  /* The European volatility of the same price is a close first guess;
   * then secant steps, kept inside the bracket by bisection. */
  if (!au_implied_vol (&p, price, &guess, NULL) || !(guess > lo && guess < hi))
    guess = 0.5 * (lo + hi);
  prev = lo;
  f_prev = f_lo;

  for (guint i = 0; i < MAX_ITERATIONS; i++)
    {
      double f = american_price_at (&p, approx, guess) - price;
      double next;

      if (f == 0.0 || fabs (f) <= 1e-14 * price)
        {
          *vol = guess;
          return TRUE;
        }
      if (f < 0.0)
        lo = guess;
      else
        hi = guess;
      next = f != f_prev ? guess - f * (guess - prev) / (f - f_prev) : NAN;
      if (!(next > lo && next < hi))
        next = 0.5 * (lo + hi);
      if (hi - lo <= 4.0 * DBL_EPSILON * hi || fabs (next - guess) <= 4.0 * DBL_EPSILON * guess)
        {
          *vol = next;
          return TRUE;
        }
      prev = guess;
      f_prev = f;
      guess = next;
    }

  g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_NO_CONVERGENCE,
               "price: no American volatility found for %.17g", price);
  return FALSE;
}

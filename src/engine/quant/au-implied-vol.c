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

#define AMERICAN_MAX_ITERATIONS 100

#define SMALL_T        0.1  /* below it the difference of Y is summed as a Taylor series */
#define TAYLOR_MIN_H -10.0  /* ... as long as Y' = 1/√(2π) + hY cancels little (h² ulp) */

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

/* The same difference for h < TAYLOR_MIN_H and t < SMALL_T, where Y's
 * derivatives cancel: with a = −h, e = t/a and the asymptotic series
 * Y(−u) ~ (1/√(2π))·Σ (−1)ᵏ(2k−1)!!·u^{−(2k+1)},
 * Y(h+t) − Y(h−t) = (2/√(2π))·Σₖ (−1)ᵏ(2k−1)!!·a^{−(2k+1)}·Sₖ with
 * Sₖ = [(1−e)^{−(2k+1)} − (1+e)^{−(2k+1)}]/2 = Σ_{j odd} C(2k+j, j)·eʲ,
 * summed without any cancellation. The k-series is asymptotic: it is
 * stopped at its smallest term, below 1e-17 relative for a ≥ 10. */
static double
y_difference_asymptotic (double h,
                         double t)
{
  double a = -h, e = t / a, e2 = e * e;
  double inv_a2 = 1.0 / (a * a);
  double factor = 1.0 / a;  /* (2k−1)!!·a^{−(2k+1)} */
  double sum = 0.0, previous = INFINITY;

  for (int k = 0; k < 80; k++)
    {
      double term_j = (2 * k + 1) * e;  /* C(2k+1, 1)·e */
      double s_k = term_j;
      double term;

      for (int j = 1; j < 200 && term_j > 1e-18 * s_k; j += 2)
        {
          term_j *= (2.0 * k + j + 1) * (2.0 * k + j + 2) / ((j + 1.0) * (j + 2.0)) * e2;
          s_k += term_j;
        }
      term = factor * s_k;
      if (term >= previous)
        break;
      sum += k % 2 == 0 ? term : -term;
      if (term <= 1e-17 * sum)
        break;
      previous = term;
      factor *= (2 * k + 1) * inv_a2;
    }
  return 2.0 * AU_ONE_OVER_SQRT_TWO_PI * sum;
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
  if (t < SMALL_T)
    return exp (-0.5 * (h * h + t * t)) * y_difference_asymptotic (h, t);
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

/* The shape of b in s: b″/b′ = x²/s³ − s/4 (zero at the inflection point
 * s_c = √(2|x|)) and b‴/b′ = (b″/b′)² − 3x²/s⁴ − 1/4. */
static inline double
vega_slope (double x,
            double s)
{
  return x * x / (s * s * s) - 0.25 * s;
}

static inline double
vega_curvature (double x,
                double s,
                double slope)
{
  return slope * slope - 3.0 * x * x / (s * s * s * s) - 0.25;
}

/* The rational cubic of Delbourgo and Gregory (1985) through (x_l, y_l)
 * and (x_r, y_r) with slopes d_l and d_r:
 *   [y_r t³ + (r y_r − h d_r) t²(1−t) + (r y_l + h d_l) t(1−t)² + y_l (1−t)³]
 *   / [1 + (r − 3) t(1−t)],  h = x_r − x_l, t = (x − x_l)/h.
 * r = 3 is the cubic Hermite; r → ∞ tends to the straight line. */
#define LINEAR_CONTROL 1e12

static double
rational_cubic (double x,
                double x_l,
                double x_r,
                double y_l,
                double y_r,
                double d_l,
                double d_r,
                double r)
{
  double h = x_r - x_l;
  double t = (x - x_l) / h;
  double u = 1.0 - t;

  if (!(r < LINEAR_CONTROL))
    return y_r * t + y_l * u;
  return (y_r * t * t * t + (r * y_r - h * d_r) * t * t * u + (r * y_l + h * d_l) * t * u * u
          + y_l * u * u * u)
         / (1.0 + (r - 3.0) * t * u);
}

/* The smallest control parameter that keeps the interpolant as monotone
 * and as convex (or concave) as the data: Delbourgo and Gregory's
 * conditions r ≥ (d_l + d_r)/Δ and r ≥ (d_r − d_l)/(d_r − Δ),
 * (d_r − d_l)/(Δ − d_l), with Δ the secant slope. r ≥ 0 also keeps the
 * denominator above ¼. */
static double
minimum_control (double d_l,
                 double d_r,
                 double secant)
{
  double r = 0.0;

  if (secant != 0.0 && d_l * secant >= 0.0 && d_r * secant >= 0.0)
    r = MAX (r, (d_l + d_r) / secant);
  if ((d_l < secant && secant < d_r) || (d_l > secant && secant > d_r))
    {
      r = MAX (r, (d_r - d_l) / (d_r - secant));
      r = MAX (r, (d_r - d_l) / (secant - d_l));
    }
  return r;
}

/* The control parameter that gives the interpolant the second derivative
 * @second at its left (or right) end: from the expansion of the rational
 * cubic, y″(x_l) = 2[r(Δ − d_l) + d_l − d_r]/h and
 * y″(x_r) = 2[r(d_r − Δ) + d_l − d_r]/h; never below the shape limit. */
static double
control_for_second_derivative (double   x_l,
                               double   x_r,
                               double   y_l,
                               double   y_r,
                               double   d_l,
                               double   d_r,
                               double   second,
                               gboolean at_left)
{
  double h = x_r - x_l;
  double secant = (y_r - y_l) / h;
  double numerator = 0.5 * h * second + (d_r - d_l);
  double denominator = at_left ? secant - d_l : d_r - secant;
  double r_min = minimum_control (d_l, d_r, secant);
  double r;

  if (denominator == 0.0)
    return numerator > 0.0 ? LINEAR_CONTROL : r_min;
  r = numerator / denominator;
  if (!isfinite (r))
    return LINEAR_CONTROL;
  return MAX (r, r_min);
}

/* A map of s and its first two derivatives in β = b(s). */
typedef struct
{
  double f, f1, f2;
} MapValue;

#define TWO_PI_OVER_SQRT_27 1.2091995761561452337293
#define SQRT_THREE          1.7320508075688772935274
#define SQRT_TWO_PI         2.5066282746310005024158

/* The lower map f(s) = (2π|x|/(3√3))·Φ(−z)³ with z = |x|/(√3 s) tends to b
 * as s → 0 (Jäckel's lowest branch), so f(β) is nearly linear there and a
 * rational cubic in β inverts it well. Its derivatives in β (y = z²):
 * f′ = 2π·y·Φ(−z)²·e^{y + s²/8} and
 * f″ = 2π·y·Φ(−z)·e^{2y + s²/4}·[2z/s + √(2π)·Y(−z)·(s² − 8y − 8)/(4s)],
 * with Y = Φ·e^{z²/2}. */
static MapValue
lower_map (double x,
           double s)
{
  double ax = fabs (x);
  double z = ax / (SQRT_THREE * s);
  double y = z * z;
  double tail = au_normal_cdf (-z);
  MapValue m;

  m.f = TWO_PI_OVER_SQRT_27 * ax * tail * tail * tail;
  m.f1 = 2.0 * G_PI * y * tail * tail * exp (y + 0.125 * s * s);
  m.f2 = 2.0 * G_PI * y * tail * exp (2.0 * y + 0.25 * s * s)
         * (2.0 * z / s + SQRT_TWO_PI * au_normal_cdf_scaled (-z) * (s * s - 8.0 * y - 8.0) / (4.0 * s));
  return m;
}

static double
inverse_lower_map (double x,
                   double f)
{
  double p = cbrt (f / (TWO_PI_OVER_SQRT_27 * fabs (x)));
  double z = -au_normal_quantile (MIN (p, 0.5));

  return fabs (x) / (SQRT_THREE * z);
}

/* The upper map f(s) = Φ(−s/2): b_max − b ≈ 2f for large s, so f(β) is
 * nearly linear up to b_max (where f = 0 and f′ = −½). In β:
 * f′ = −½·e^{h²/2} and f″ = √(2π)·x²/(2s³)·e^{h² + s²/8}, h = x/s. */
static MapValue
upper_map (double x,
           double s)
{
  double h = x / s;
  MapValue m;

  m.f = au_normal_cdf (-0.5 * s);
  m.f1 = -0.5 * exp (0.5 * h * h);
  m.f2 = SQRT_TWO_PI * x * x / (2.0 * s * s * s) * exp (h * h + 0.125 * s * s);
  return m;
}

typedef enum
{
  OBJECTIVE_LOWER,  /* 1/ln b(s) − 1/ln β, on the lowest branch */
  OBJECTIVE_PLAIN,  /* b(s) − β, around the inflection point */
  OBJECTIVE_UPPER,  /* ln(b_max − β) − ln(b_max − b(s)), near the top */
} Objective;

/* Jäckel's initial guess: four branches cut at s_l and s_u, where the
 * tangent of b at the inflection point s_c meets 0 and b_max. Returns the
 * guess and picks the objective the refinement works on. */
static double
initial_guess (double     x,
               double     beta,
               double     b_max,
               Objective *objective)
{
  double s_c = sqrt (-2.0 * x);
  double b_c = normalised_otm_call (x, s_c);
  double v_c = normalised_vega (x, s_c);

  if (beta < b_c)
    {
      double s_l = s_c - b_c / v_c;
      double b_l = s_l > 0.0 ? normalised_otm_call (x, s_l) : 0.0;

      if (b_l > 0.0 && beta >= b_l)
        {
          /* s(β) between (b_l, s_l) and (b_c, s_c); s″ = −b″/b′³ = 0 at
           * the inflection point. */
          double v_l = normalised_vega (x, s_l);
          double r = control_for_second_derivative (b_l, b_c, s_l, s_c, 1.0 / v_l, 1.0 / v_c,
                                                    0.0, FALSE);

          *objective = OBJECTIVE_PLAIN;
          return rational_cubic (beta, b_l, b_c, s_l, s_c, 1.0 / v_l, 1.0 / v_c, r);
        }
      else
        {
          /* f(β) between (0, 0) with slope 1 and the end of the branch (at
           * s_l, or at s_c when the tangent meets 0 at s ≤ 0). */
          double s_end = b_l > 0.0 ? s_l : s_c;
          double b_end = b_l > 0.0 ? b_l : b_c;
          MapValue m = lower_map (x, s_end);
          double r = control_for_second_derivative (0.0, b_end, 0.0, m.f, 1.0, m.f1, m.f2, FALSE);
          double f = rational_cubic (beta, 0.0, b_end, 0.0, m.f, 1.0, m.f1, r);

          *objective = OBJECTIVE_LOWER;
          if (!(f > 0.0))
            f = beta;
          return inverse_lower_map (x, f);
        }
    }
  else
    {
      double s_u = s_c + (b_max - b_c) / v_c;
      double b_u = normalised_otm_call (x, s_u);

      if (beta <= b_u)
        {
          double v_u = normalised_vega (x, s_u);
          double r = control_for_second_derivative (b_c, b_u, s_c, s_u, 1.0 / v_c, 1.0 / v_u,
                                                    0.0, TRUE);

          *objective = OBJECTIVE_PLAIN;
          return rational_cubic (beta, b_c, b_u, s_c, s_u, 1.0 / v_c, 1.0 / v_u, r);
        }
      else
        {
          MapValue m = upper_map (x, s_u);
          double r = control_for_second_derivative (b_u, b_max, m.f, 0.0, m.f1, -0.5, m.f2, TRUE);
          double f = rational_cubic (beta, b_u, b_max, m.f, 0.0, m.f1, -0.5, r);

          *objective = OBJECTIVE_UPPER;
          if (!(f > 0.0 && f < 0.5))
            f = 0.5 * (b_max - beta);
          return -2.0 * au_normal_quantile (f);
        }
    }
}

/* At the money b(0, s) = erf(s/√8) = 1 − 2Φ(−s/2), inverted directly;
 * for a small β the series s = √(2π)·β·(1 + πβ²/12) is more exact than
 * the quantile of ½ − β/2. */
static double
initial_guess_at_the_money (double     beta,
                            Objective *objective)
{
  *objective = beta < 0.5 ? OBJECTIVE_PLAIN : OBJECTIVE_UPPER;
  if (beta < 0.05)
    return SQRT_TWO_PI * beta * (1.0 + G_PI * beta * beta / 12.0);
  return -2.0 * au_normal_quantile (0.5 * (1.0 - beta));
}

/* The refinement stops when a step moves s by less than this (relative):
 * Householder(3) has order four, so the error left after a step of δ is
 * of the order of δ⁴ (times a constant below 0.1 on the unit test's
 * grid), far below one ulp; the test checks the result to 1e-12. */
#define STEP_TOLERANCE 1e-5
#define MAX_ITERATIONS 16

/* Solves b(x, s) = β for s, with x ≤ 0 and 0 < β < e^{x/2}: the initial
 * guess above, then Householder(3) steps on the objective of its branch.
 * The bracket and the Newton/bisection fallbacks guard against the
 * unforeseen; the unit test asserts they are not needed on its grid. */
static double
solve_normalised (double  x,
                  double  beta,
                  guint  *iterations)
{
  double b_max = exp (0.5 * x);
  double log_beta = log (beta);
  double log_complement_target = log (b_max - beta);
  double lo = 0.0, hi = INFINITY;
  Objective objective;
  double s;

  s = x == 0.0 ? initial_guess_at_the_money (beta, &objective)
               : initial_guess (x, beta, b_max, &objective);
  if (!(s > 0.0) || !isfinite (s))
    s = sqrt (-2.0 * x) + 0.5;

  for (guint i = 1; i <= MAX_ITERATIONS; i++)
    {
      double v = normalised_vega (x, s);
      double k2 = vega_slope (x, s);
      double k3 = vega_curvature (x, s, k2);
      double newton, h2, h3, next;

      if (objective == OBJECTIVE_UPPER)
        {
          double c = normalised_otm_call_complement (x, s);
          double mu = v / c;

          if (c > b_max - beta) lo = s; else hi = s;
          newton = (log (c) - log_complement_target) / mu;
          h2 = k2 + mu;
          h3 = k3 + 3.0 * mu * k2 + 2.0 * mu * mu;
        }
      else
        {
          double b = normalised_otm_call (x, s);

          if (b < beta) lo = s; else hi = s;
          if (objective == OBJECTIVE_LOWER && b > 0.0)
            {
              /* g = 1/L − 1/ln β with L = ln b, in terms of λ = b′/b:
               * L″ = λk2 − λ², L‴ = λk3 − 3λ²k2 + 2λ³. */
              double log_b = log (b);
              double lambda = v / b;
              double l2 = lambda * k2 - lambda * lambda;
              double l3 = lambda * k3 - 3.0 * lambda * lambda * k2 + 2.0 * lambda * lambda * lambda;

              newton = log_b * (1.0 - log_b / log_beta) / lambda;
              h2 = l2 / lambda - 2.0 * lambda / log_b;
              h3 = l3 / lambda - 6.0 * l2 / log_b + 6.0 * lambda * lambda / (log_b * log_b);
            }
          else
            {
              newton = (beta - b) / v;
              h2 = k2;
              h3 = k3;
            }
        }

      if (newton == 0.0)
        {
          *iterations = i;
          return s;
        }
      /* Householder's third-order step: s + ν(1 + h2ν/2)/(1 + ν(h2 + h3ν/6))
       * with ν = −g/g′, h2 = g″/g′, h3 = g‴/g′. A step below the
       * tolerance ends the solve before the bracket test, which could
       * otherwise reject a step smaller than one ulp of s. */
      next = s + newton * (1.0 + 0.5 * h2 * newton) / (1.0 + newton * (h2 + h3 * newton / 6.0));
      if (fabs (next - s) <= STEP_TOLERANCE * s)
        {
          *iterations = i;
          return next;
        }
      if (!(next > lo && next < hi))
        next = s + newton;
      if (!(next > lo && next < hi))
        next = isfinite (hi) ? 0.5 * (lo + hi) : 2.0 * MAX (s, lo);
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

  for (guint i = 0; i < AMERICAN_MAX_ITERATIONS; i++)
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

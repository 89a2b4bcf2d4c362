/* au-normal.c: the standard normal distribution to full double precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-normal"

#include "config.h"

#include <math.h>

#include "au-normal.h"

/* The rational approximations of W. J. Cody, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969), as used
 * in his ANORM (ACM TOMS Algorithm 715): at least 18 significant digits in
 * exact arithmetic, so the double result is limited by rounding alone. */
static const double cody_a[5] = {
  2.2352520354606839287e00, 1.6102823106855587881e02, 1.0676894854603709582e03,
  1.8154981253343561249e04, 6.5682337918207449113e-2,
};
static const double cody_b[4] = {
  4.7202581904688241870e01, 9.7609855173777669322e02, 1.0260932208618978205e04,
  4.5507789335026729956e04,
};
static const double cody_c[9] = {
  3.9894151208813466764e-1, 8.8831497943883759412e00, 9.3506656132177855979e01,
  5.9727027639480026226e02, 2.4945375852903726711e03, 6.8481904505362823326e03,
  1.1602651437647350124e04, 9.8427148383839780218e03, 1.0765576773720192317e-8,
};
static const double cody_d[8] = {
  2.2266688044328115691e01, 2.3538790178262499861e02, 1.5193775994075548050e03,
  6.4855582982667607550e03, 1.8615571640885098091e04, 3.4900952721145977266e04,
  3.8912003286093271411e04, 1.9685429676859990727e04,
};
static const double cody_p[6] = {
  2.1589853405795699e-1, 1.274011611602473639e-1, 2.2235277870649807e-2,
  1.421619193227893466e-3, 2.9112874951168792e-5, 2.307344176494017303e-2,
};
static const double cody_q[5] = {
  1.28426009614491121e00, 4.68238212480865118e-1, 6.59881378689285515e-2,
  3.78239633202758244e-3, 7.29751555083966205e-5,
};

#define CODY_THRESHOLD 0.66291
#define CODY_ROOT32    5.656854248

double
au_normal_pdf (double x)
{
  return AU_ONE_OVER_SQRT_TWO_PI * exp (-0.5 * x * x);
}

/* Φ(-y)·exp(y²/2) for y ≥ CODY_THRESHOLD: the tail ratio of Cody's second
 * and third ranges, before the Gaussian factor is applied. */
static inline double
tail_ratio (double y)
{
  double num, den;

  if (y <= CODY_ROOT32)
    {
      num = cody_c[8] * y;
      den = y;
      for (int i = 0; i < 7; i++)
        {
          num = (num + cody_c[i]) * y;
          den = (den + cody_d[i]) * y;
        }
      return (num + cody_c[7]) / (den + cody_d[7]);
    }
  else
    {
      double z = 1.0 / (y * y);

      num = cody_p[5] * z;
      den = z;
      for (int i = 0; i < 4; i++)
        {
          num = (num + cody_p[i]) * z;
          den = (den + cody_q[i]) * z;
        }
      return (AU_ONE_OVER_SQRT_TWO_PI - z * (num + cody_p[4]) / (den + cody_q[4])) / y;
    }
}

/* Φ(x) − ½ on the central range. */
static inline double
central (double x)
{
  double xsq = x * x;
  double num = cody_a[4] * xsq;
  double den = xsq;

  for (int i = 0; i < 3; i++)
    {
      num = (num + cody_a[i]) * xsq;
      den = (den + cody_b[i]) * xsq;
    }
  return x * (num + cody_a[3]) / (den + cody_b[3]);
}

double
au_normal_cdf (double x)
{
  double y = fabs (x);
  double tail, ysq, del;

  if (isnan (x))
    return x;
  if (y <= CODY_THRESHOLD)
    return 0.5 + central (x);
  if (y > 38.5)
    return x > 0 ? 1.0 : 0.0;

  /* exp(-y²/2) split as exp(-ysq²/2)·exp(-del/2) with ysq = y rounded to
   * 1/16: y² itself would lose the low bits that matter in the tail. */
  ysq = floor (y * 16.0) / 16.0;
  del = (y - ysq) * (y + ysq);
  tail = exp (-0.5 * ysq * ysq) * exp (-0.5 * del) * tail_ratio (y);
  return x > 0 ? 1.0 - tail : tail;
}

double
au_normal_cdf_scaled (double x)
{
  if (x < -CODY_THRESHOLD)
    return tail_ratio (-x);
  if (x <= CODY_THRESHOLD)
    return (0.5 + central (x)) * exp (0.5 * x * x);
  return au_normal_cdf (x) * exp (0.5 * x * x);
}

/* Abramowitz & Stegun 26.2.23 (absolute error below 4.5e-4 in z) as the
 * start, then Halley's method on Φ(z) = p, which triples the correct
 * digits a step: 4e-4 → 1e-10 → full precision, the third step is margin.
 * The residual is taken in the scaled form Φ(z)·e^{z²/2} − p·e^{z²/2} so
 * that neither term underflows in the tail. */
double
au_normal_quantile (double p)
{
  double r, z;

  if (isnan (p) || p < 0.0 || p > 1.0)
    return NAN;
  if (p == 0.0)
    return -INFINITY;
  if (p == 1.0)
    return INFINITY;
  if (p > 0.5)
    return -au_normal_quantile (1.0 - p);

  r = sqrt (-2.0 * log (p));
  z = -(r - (2.515517 + r * (0.802853 + r * 0.010328))
            / (1.0 + r * (1.432788 + r * (0.189269 + r * 0.001308))));
  if (p < 1e-300)
    return z;
  for (int i = 0; i < 3; i++)
    {
      double residual = (au_normal_cdf_scaled (z) - p * exp (0.5 * z * z)) / AU_ONE_OVER_SQRT_TWO_PI;

      z -= residual / (1.0 + 0.5 * z * residual);
    }
  return z;
}

/* Gauss-Legendre nodes and weights on [-1, 1] for 6, 12 and 20 points (the
 * positive half of each symmetric rule), computed once by Newton's method
 * on the Legendre polynomials rather than typed in. */
typedef struct
{
  double x[10];
  double w[10];
  int    n_half;
} GaussRule;

static GaussRule gauss_rules[3];

static void
gauss_rule_init (GaussRule *rule,
                 int        n)
{
  rule->n_half = n / 2;
  for (int i = 0; i < n / 2; i++)
    {
      double z = cos (G_PI * (i + 0.75) / (n + 0.5));
      double dp = 1.0;

      for (int iter = 0; iter < 100; iter++)
        {
          double p0 = 1.0, p1 = z, step;

          for (int k = 2; k <= n; k++)
            {
              double p2 = ((2.0 * k - 1.0) * z * p1 - (k - 1.0) * p0) / k;
              p0 = p1;
              p1 = p2;
            }
          dp = n * (z * p1 - p0) / (z * z - 1.0);
          step = p1 / dp;
          z -= step;
          if (fabs (step) < 1e-17)
            break;
        }
      rule->x[i] = z;
      rule->w[i] = 2.0 / ((1.0 - z * z) * dp * dp);
    }
}

static const GaussRule *
gauss_rule_for (double abs_rho)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      gauss_rule_init (&gauss_rules[0], 6);
      gauss_rule_init (&gauss_rules[1], 12);
      gauss_rule_init (&gauss_rules[2], 20);
      g_once_init_leave (&initialized, 1);
    }
  if (abs_rho < 0.3)
    return &gauss_rules[0];
  if (abs_rho < 0.75)
    return &gauss_rules[1];
  return &gauss_rules[2];
}

/* P(X > h, Y > k): A. Genz, "Numerical computation of rectangular bivariate
 * and trivariate normal and t probabilities", Statistics and Computing 14
 * (2004), the BVND algorithm. */
static double
upper_bivariate (double h,
                 double k,
                 double r)
{
  const GaussRule *rule = gauss_rule_for (fabs (r));
  double hk = h * k;
  double bvn = 0.0;

  if (fabs (r) < 0.925)
    {
      double hs = 0.5 * (h * h + k * k);
      double asr = asin (r);

      for (int i = 0; i < rule->n_half; i++)
        {
          for (int sign = -1; sign <= 1; sign += 2)
            {
              double sn = sin (0.5 * asr * (1.0 + sign * rule->x[i]));
              bvn += rule->w[i] * exp ((sn * hk - hs) / (1.0 - sn * sn));
            }
        }
      return bvn * asr / (4.0 * G_PI) + au_normal_cdf (-h) * au_normal_cdf (-k);
    }

  if (r < 0)
    {
      k = -k;
      hk = -hk;
    }
  if (fabs (r) < 1.0)
    {
      double as = (1.0 - r) * (1.0 + r);
      double a = sqrt (as);
      double bs = (h - k) * (h - k);
      double c = (4.0 - hk) / 8.0;
      double d = (12.0 - hk) / 16.0;

      bvn = a * exp (-0.5 * (bs / as + hk))
            * (1.0 - c * (bs - as) * (1.0 - d * bs / 5.0) / 3.0 + c * d * as * as / 5.0);
      if (hk > -160.0)
        {
          double b = sqrt (bs);

          bvn -= exp (-0.5 * hk) * sqrt (2.0 * G_PI) * au_normal_cdf (-b / a) * b
                 * (1.0 - c * bs * (1.0 - d * bs / 5.0) / 3.0);
        }
      a *= 0.5;
      for (int i = 0; i < rule->n_half; i++)
        {
          for (int sign = -1; sign <= 1; sign += 2)
            {
              double xs = a * (1.0 + sign * rule->x[i]);
              double rs;

              xs *= xs;
              rs = sqrt (1.0 - xs);
              bvn += a * rule->w[i]
                     * (exp (-bs / (2.0 * xs) - hk / (1.0 + rs)) / rs
                        - exp (-0.5 * (bs / xs + hk)) * (1.0 + c * xs * (1.0 + d * xs)));
            }
        }
      bvn = -bvn / (2.0 * G_PI);
    }

  if (r > 0)
    return bvn + au_normal_cdf (-MAX (h, k));
  return -bvn + MAX (0.0, au_normal_cdf (-h) - au_normal_cdf (-k));
}

double
au_bivariate_normal_cdf (double a,
                         double b,
                         double rho)
{
  double value;

  g_return_val_if_fail (rho >= -1.0 && rho <= 1.0, NAN);

  value = upper_bivariate (-a, -b, rho);
  return CLAMP (value, 0.0, 1.0);
}

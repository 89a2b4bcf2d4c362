/* au-portable-math.c: exp and log whose results are the same bits everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>

#include "au-portable-math.h"

/* A fused multiply-add rounds once where a × b + c rounds twice: a
 * compiler that contracts (GCC does by default on aarch64 and ppc64)
 * would change the last bits. */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

/* ln 2 split so that k × LN2_HI is exact for |k| < 2^11 (Cody and Waite). */
#define LN2_HI 6.93147180369123816490e-01
#define LN2_LO 1.90821492927058770002e-10
#define INV_LN2 1.44269504088896338700e+00

double
au_pmath_exp (double x)
{
  double k, r, sum;
  int n;

  if (isnan (x))
    return x;
  if (x > 709.78)
    return INFINITY;
  if (x < -745.2)
    return 0.0;

  /* x = k ln 2 + r with |r| ≤ ½ ln 2, then e^r by its Taylor series in
   * Horner's form, 1 + r(1 + r/2(1 + r/3(…))): 18 terms leave a
   * truncation below 2^-60 at |r| = 0.35. */
  k = floor (x * INV_LN2 + 0.5);
  r = (x - k * LN2_HI) - k * LN2_LO;
  sum = 1.0;
  for (n = 18; n >= 1; n--)
    sum = 1.0 + sum * r / n;
  return ldexp (sum, (int) k);
}

double
au_pmath_log (double x)
{
  double m, f, s, term, sum;
  int e, n;

  if (isnan (x) || x < 0.0)
    return NAN;
  if (x == 0.0)
    return -INFINITY;
  if (isinf (x))
    return x;

  /* x = m 2^e with m in [√½, √2), then ln m = 2 atanh f, f = (m−1)/(m+1),
   * |f| ≤ 0.172: the odd series in f² converges by a factor 0.03 a term. */
  m = frexp (x, &e);
  if (m < G_SQRT2 / 2.0)
    {
      m *= 2.0;
      e -= 1;
    }
  f = (m - 1.0) / (m + 1.0);
  s = f * f;
  term = f;
  sum = 0.0;
  for (n = 1; n <= 27; n += 2)
    {
      sum += term / n;
      term *= s;
    }
  return (2.0 * sum + e * LN2_LO) + e * LN2_HI;
}

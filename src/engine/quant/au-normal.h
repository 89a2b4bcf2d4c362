/* au-normal.h: the standard normal distribution to full double precision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_ONE_OVER_SQRT_TWO_PI 0.39894228040143267793994605993438

/* φ(x), the density. */
double au_normal_pdf        (double x);
/* Φ(x), the distribution function, to a few ulp over the whole line
 * (W. J. Cody's rational Chebyshev approximations, ACM TOMS 715). */
double au_normal_cdf        (double x);
/* Φ(x)·exp(x²/2), which stays representable far into the lower tail where
 * Φ itself underflows; the implied-volatility solver builds on it. */
double au_normal_cdf_scaled (double x);
/* Φ⁻¹(p), the quantile, to a few ulp of z for 1e-300 ≤ p ≤ ½ (above ½ it
 * is −Φ⁻¹(1 − p), limited by the rounding of 1 − p). −∞ at 0, +∞ at 1,
 * NaN outside [0, 1]. */
double au_normal_quantile   (double p);

/* M(a, b, ρ) = P(X ≤ a, Y ≤ b) for a standard bivariate normal pair with
 * correlation ρ (Genz's 2004 refinement of Drezner-Wesolowsky, about
 * 1e-15 absolute). */
double au_bivariate_normal_cdf (double a,
                                double b,
                                double rho);

G_END_DECLS

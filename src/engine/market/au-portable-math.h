/* au-portable-math.h: exp and log whose results are the same bits everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* libm's exp() and log() are accurate to an ulp or so, but their last
 * bit differs between libc versions and architectures, and a price path
 * is a product of hundreds of thousands of them: one different bit
 * would make the same seed give a different market. These two use only
 * +, −, ×, ÷, frexp() and ldexp(), which IEEE 754 defines exactly (and
 * the file is compiled without floating-point contraction into fused
 * multiply-adds), so the same seed gives the same path on every
 * platform. About 2 ulp of accuracy, ample for a simulation.
 *
 * au_pmath_exp() of x > 709 is +inf, of x < −745 is 0; au_pmath_log() of
 * x ≤ 0 is NaN (0: −inf). */
double au_pmath_exp (double x);
double au_pmath_log (double x);

G_END_DECLS

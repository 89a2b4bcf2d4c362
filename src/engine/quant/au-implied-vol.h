/* au-implied-vol.h: implied volatility from an option price
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-option.h"

G_BEGIN_DECLS

/* The Black-Scholes-Merton volatility at which a European option is worth
 * @price, for every price strictly between the no-arbitrage bounds
 * (the discounted intrinsic value and the discounted spot for a call or
 * strike for a put). The vol field of @params is ignored. A price on or
 * outside a bound is an AU_QUANT_ERROR_OUT_OF_BOUNDS error naming the
 * bound: no volatility is invented.
 *
 * The solver is P. Jäckel's "Let's Be Rational" (Wilmott 2015), written
 * from the paper's mathematics: the normalised Black function of
 * x = ln(F/K) and s = σ√T, out of the money only (in-the-money prices go
 * through put-call parity); an initial guess from rational cubic
 * interpolations in four branches (the lower map Φ(−|x|/(√3 s))³, two
 * branches around the inflection point s = √(2|x|), the upper map
 * Φ(−s/2)); then Householder(3) steps on the branch's objective. On the
 * unit test's grid (1 minute to 2 years, vol 1% to 300%, deep in and out
 * of the money, tiny prices) two steps reach machine precision. No
 * allocation unless there is an error. */
gboolean au_implied_vol          (const AuOptionParams  *params,
                                  double                 price,
                                  double                *vol,
                                  GError               **error);
/* The same for an American option priced with Bjerksund-Stensland
 * (bracketed secant steps on the closed form; 1e-13 relative in price).
 * The bounds are the intrinsic value (and the price at a volatility of
 * 0.1%, below which no volatility gives the price) and the value at a
 * volatility of 10 (1,000%). */
gboolean au_implied_vol_american (const AuOptionParams  *params,
                                  AuAmericanApprox       approx,
                                  double                 price,
                                  double                *vol,
                                  GError               **error);

/* Householder steps of the last European solve on this thread (two at
 * most on the unit test's grid), for tests and the benchmark. */
guint    au_implied_vol_last_iterations (void);

G_END_DECLS

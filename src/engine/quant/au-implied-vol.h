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
 * The solver works on the normalised Black function of x = ln(F/K) and
 * s = σ√T, out of the money only (in-the-money prices go through put-call
 * parity), with Halley steps on a logarithmic objective below the
 * inflection point s = √(2|x|) and above it on the distance to the upper
 * bound, so it converges to machine precision in a handful of steps from
 * minutes to years to expiry and for tiny prices. No allocation unless
 * there is an error. */
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

/* Iterations of the last European solve on this thread, for tests and
 * the benchmark. */
guint    au_implied_vol_last_iterations (void);

G_END_DECLS

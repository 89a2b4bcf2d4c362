/* au-bjerksund-stensland.h: American options, Bjerksund-Stensland
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-option.h"

G_BEGIN_DECLS

/* The American price by P. Bjerksund and G. Stensland, "Closed-form
 * approximation of American options" (Scand. J. Mgmt 9, 1993: one flat
 * exercise boundary, QuantLib 1.29's engine) or "Closed form valuation of
 * American options" (2002: two flat boundaries, split at
 * t1 = ½(√5 − 1)·T, the more accurate). Puts come from the put-call
 * transformation P(S, K, r, q) = C(K, S, q, r). Where early exercise can
 * never pay (a call without dividends, a put with r ≤ 0) the value is
 * the Black-Scholes-Merton one. The 2002 value is floored at the European
 * value (both are lower bounds of the American price; the 2002 boundary
 * can be worse than never exercising when rates are near zero).
 *
 * @params must be valid (au_bjerksund_stensland_validate()). */
double   au_bjerksund_stensland_price    (const AuOptionParams  *params,
                                          AuAmericanApprox       approx);
/* Price and greeks. The greeks are central differences of the closed
 * form (relative bumps of 1e-3 in spot, vol and time, 1e-4 in rate), good
 * to about 1e-7 relative; where early exercise can never pay they are the
 * exact Black-Scholes-Merton ones. */
void     au_bjerksund_stensland          (const AuOptionParams  *params,
                                          AuAmericanApprox       approx,
                                          AuGreeks              *out);
/* au_option_params_validate() plus rate ≥ 0 and dividend ≥ 0: the
 * approximation's exercise boundary is not defined for negative carry
 * on both sides. */
gboolean au_bjerksund_stensland_validate (const AuOptionParams  *params,
                                          GError               **error);

G_END_DECLS

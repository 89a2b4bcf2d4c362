/* au-ib-listing.h: how IB lists an underlying and its options: stocks
 * and ETFs on SMART, the indexes (SPX, VIX) as secType IND on CBOE with
 * cash-settled options in their own trading classes (R5, D2.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-broker-types.h"

G_BEGIN_DECLS

/* Whether IB lists @symbol as an index (the paper market's SPX and VIX). */
gboolean     au_ib_listing_is_index            (const char       *symbol);
/* The underlying's secType: "IND" for an index, else "STK". */
const char  *au_ib_listing_underlying_sec_type (const char       *symbol);
/* The underlying's exchange: "CBOE" for an index, else "SMART". */
const char  *au_ib_listing_underlying_exchange (const char       *symbol);
/* The option's tradingClass: SPX's standard monthly (third Friday,
 * AM-settled) "SPX" and every other SPX expiry "SPXW"; "VIX" for VIX's
 * monthly Wednesdays; NULL for an equity option, whose class is its
 * symbol and which IB resolves without one. */
const char  *au_ib_listing_trading_class       (const AuContract *contract);

G_END_DECLS

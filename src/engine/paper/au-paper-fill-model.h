/* au-paper-fill-model.h: what a paper fill costs and how likely it is (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-broker-types.h"
#include "au-market-symbol.h"

G_BEGIN_DECLS

/* The commission of one execution (D3): $0.65 per option contract,
 * $0.005 per share (banker's rounding of the half cent), never less
 * than $1.00. 1 contract → $1.00, 3 → $1.95; 100 shares → $1.00,
 * 1,000 → $5.00. */
AuMoney  au_paper_commission        (AuSecType             sec_type,
                                     gint64                quantity);

/* The minimum tick of a limit of @price per share: $0.01 for stock, the
 * option's tick at that premium for an option — the market's one tick
 * rule, au_market_symbol_option_tick, which the order manager rounds its
 * limits to. */
AuPrice  au_paper_tick              (const AuSymbolParams *params,
                                     AuSecType             sec_type,
                                     AuPrice               price);
gboolean au_paper_price_on_tick     (const AuSymbolParams *params,
                                     AuSecType             sec_type,
                                     AuPrice               price);

/* The chance that a limit strictly inside the spread fills in one
 * five-minute step, when the quote has not moved through it.
 * At mid: p = clamp (0.35 − 2.5 × spread / mid, 0.02, 0.35), so a tight
 * market (spread 2% of mid) fills ~30% of steps and a wide one (12% or
 * more) 2%. Elsewhere in the spread the chance scales with how far the
 * limit reaches toward the far side, p × 2f with f = 0 at the near side
 * (a buy at the bid never fills this way) and f → 1 at the far side.
 * 0 when the limit is not strictly inside the spread. */
double   au_paper_fill_probability  (AuSide                side,
                                     AuPrice               bid,
                                     AuPrice               ask,
                                     AuPrice               limit);

/* The most one order may take in one step: 15% of the option series'
 * displayed day volume (at least one contract), or a quarter of a stock's
 * average five-minute share volume (at least 100 shares). */
gint64   au_paper_fill_cap          (const AuSymbolParams *params,
                                     AuSecType             sec_type,
                                     gint64                series_volume);

/* A stock's or ETF's quote from its price: the cent below and the cent
 * above (a one-cent market around the path); an index's bid and ask are
 * its last. */
void     au_paper_stock_bid_ask     (const AuSymbolParams *params,
                                     double                price,
                                     AuPrice               last,
                                     AuPrice              *bid,
                                     AuPrice              *ask);

G_END_DECLS

/* au-quote-model.h: bid, ask, open interest and volume of an option quote (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-market-symbol.h"
#include "au-types.h"

G_BEGIN_DECLS

/* The minimum tick of @params at a premium of @price dollars: the penny
 * program's $0.01 below $3 and the symbol's tick_high from $3 ($0.05 for
 * single stocks, $0.01 for SPY, QQQ and IWM, $0.10 for SPX and VIX):
 * au_market_symbol_option_tick of the price in dollars. */
AuPrice au_quote_tick          (const AuSymbolParams *params,
                                double                price);
/* The full spread in dollars around a model value @theo: a base of the
 * symbol's plus 1.2% of the premium (that part wider with the distance
 * from the money, @z standard deviations of moneyness), all wider with
 * VIX (∝ (VIX/18)^0.8) and for short-dated series (@dte calendar days). */
double  au_quote_spread        (const AuSymbolParams *params,
                                double                theo,
                                double                z,
                                int                   dte,
                                double                vix);
/* Bid and ask on the price grid around @theo: bid ≤ theo ≤ ask, bid ≥ 0,
 * the ask at least one step of the grid above the bid. The grid is the
 * tick of the price itself (a bid of $2.95 is on pennies, an ask of
 * $3.05 on nickels), so a higher value never gets a lower bid or ask. */
void    au_quote_bid_ask       (const AuSymbolParams *params,
                                double                theo,
                                double                spread,
                                AuPrice              *bid,
                                AuPrice              *ask);
/* Open interest and the day's volume: highest at the money and on
 * monthlies, falling off with |@z| and with time; @key makes the noise
 * of each series and day reproducible. */
gint64  au_quote_open_interest (const AuSymbolParams *params,
                                guint64               key,
                                double                z,
                                int                   dte,
                                gboolean              monthly);
gint64  au_quote_volume        (guint64               key,
                                gint64                open_interest,
                                int                   dte,
                                double                vix);

G_END_DECLS

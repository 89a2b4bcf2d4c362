/* au-market-checks.h: the market regime an entry meets (R6.9, R8.5, R6.2-R6.4, R6.8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* VIX tiers (strict >, D2.8), the age of spot and VIX (D2.7), the ATR an
 * entry is measured with (D2.21), the breach the new leg opens at, and
 * the entry freeze of L2 and L3. */
void     au_market_checks_run_entry  (AuRuleContext *ctx);

/* The kill switch alone (VIX above kill_above halts everything, R6.9).
 * Returns FALSE when it holds or VIX is missing. */
gboolean au_market_checks_run_kill   (AuRuleContext *ctx);

G_END_DECLS

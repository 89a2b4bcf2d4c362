/* au-hedge-checks.h: hedges and LEAPs (R5.1-R5.3, D2.4, R17.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* A hedge order: its trigger, instrument, term, distance out of the money
 * and spend against the D2.4 budget. */
void au_hedge_checks_run      (AuRuleContext *ctx);

/* A LEAP entry's term and, for hedge puts, distance out of the money (R17.1). */
void au_hedge_checks_run_leap (AuRuleContext *ctx);

G_END_DECLS

/* au-roll-checks.h: a roll's own rules (R6.7, D2.20, D2.24)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* The leg being closed and the roll's economics and expiry. Returns FALSE
 * when there is no new leg to judge as an entry. */
gboolean au_roll_checks_run (AuRuleContext *ctx);

G_END_DECLS

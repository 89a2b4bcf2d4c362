/* au-timing-validator.h: days, windows and market hours (R1.1, R1.4, R1.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* Each action is held to its own window (research §7, D2.15, D2.20): an
 * open to its sleeve's entry day and window, a close or roll to the Friday
 * manage window (or any time at L1 and above), an exit to market hours. */
void au_timing_validator_run (AuRuleContext *ctx);

G_END_DECLS

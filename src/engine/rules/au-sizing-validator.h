/* au-sizing-validator.h: position sizing (R0.2, R0.3, R0.4, R0.9, R3.1, D2.18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* Quantity and slicing, cash security, deployment, per-symbol exposure and
 * margin for the leg an open or a roll enters. A roll first releases the
 * old leg's collateral and exposure (D2.20). */
void au_sizing_validator_run (AuRuleContext *ctx);

G_END_DECLS

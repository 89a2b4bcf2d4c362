/* au-account-validator.h: the sleeve's own rules for an entry (R2, R3, R4, R17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* Strategy, right, universe, expiry and DTE, earnings, share coverage of
 * calls and the drawdown pivot, for the leg an open or a roll enters. */
void au_account_validator_run (AuRuleContext *ctx);

G_END_DECLS

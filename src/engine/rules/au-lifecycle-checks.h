/* au-lifecycle-checks.h: forks, merges and reinvestment (R2.6, R3.5, R3.6, R4.4, D2.2, D2.3, D2.9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

void au_lifecycle_checks_run_fork     (AuRuleContext *ctx);
void au_lifecycle_checks_run_merge    (AuRuleContext *ctx);
void au_lifecycle_checks_run_reinvest (AuRuleContext *ctx);

G_END_DECLS

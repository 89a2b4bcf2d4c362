/* au-delta-validator.h: the delta band of an entry (R2.2, R3.2, R4.1, D2.19, R17.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* |delta| inside the band of the sleeve (CSPs), of covered calls (D2.19)
 * or of growth LEAP calls (R17.1), with the sign of the option's right. */
void au_delta_validator_run (AuRuleContext *ctx);

G_END_DECLS

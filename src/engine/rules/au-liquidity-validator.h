/* au-liquidity-validator.h: liquidity, pricing and quote age (R8.1-R8.5, R0.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-rule-context.h"

G_BEGIN_DECLS

/* An entry is held to every limit, fail-closed: open interest, volume,
 * spread, share of the average daily volume, its limit against mid and the
 * age of its quote (D2.7). */
void au_liquidity_validator_run_entry (AuRuleContext *ctx);

/* A close or exit only hears about a wide spread, as a warning (D2.20). */
void au_liquidity_validator_run_exit  (AuRuleContext *ctx);

G_END_DECLS

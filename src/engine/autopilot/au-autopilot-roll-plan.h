/* au-autopilot-roll-plan.h: the roll planner behind a name of the autopilot's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-constitution.h"
#include "au-option-chain.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* au-roll-planner.h and the rules engine's au-proposal.h both define an
 * AuRollLeg; this keeps the planner out of the files that also see the
 * order manager. */
typedef enum
{
  AP_ROLL_NOT_DUE,
  AP_ROLL_NO_CANDIDATE,
  AP_ROLL_GO,
  AP_ROLL_TOO_COSTLY,
} ApRollOutcome;

typedef struct
{
  AuSleeve        sleeve;
  AuOptionRight   right;
  AuPrice         strike;
  GDate           expiry;
  AuPrice         original_credit;
  AuPrice         close_price;
  AuProtocolLevel level;
  gboolean        roll_trigger;
  gboolean        hedged_week;
} ApRollInput;

typedef struct
{
  ApRollOutcome  outcome;
  AuOptionQuote  candidate;
  AuPrice        net_debit;
  double         cost_ratio;  /* net_debit / original credit (R6.7) */
  AuProtocolWhy  why;
} ApRollResult;

gboolean _ap_plan_roll (AuConstitution      *constitution,
                        const ApRollInput   *input,
                        AuOptionChain       *chain,
                        ApRollResult        *result,
                        GError             **error);

G_END_DECLS

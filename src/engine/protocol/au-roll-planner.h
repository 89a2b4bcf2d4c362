/* au-roll-planner.h: the roll of a short option and its economics
 * (R6.3, R6.7, D2.18, D2.24)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-option-chain.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* The short leg to roll. Prices per share in 1/10,000 dollars. */
typedef struct
{
  AuSleeve      sleeve;          /* Gen, Rev or Com: its delta band applies to the new leg */
  AuOptionRight right;           /* put: a CSP; call: a covered call */
  AuPrice       strike;
  GDate         expiry;
  AuPrice       original_credit; /* the premium received when it was opened, > 0 */
  AuPrice       close_price;     /* what buying it back costs now (its ask) */
} AuRollLeg;

typedef enum
{
  AU_ROLL_NOT_DUE,      /* the level (or the Hedged Week) does not call for a roll */
  AU_ROLL_NO_CANDIDATE, /* no listed series meets D2.24 and the delta band */
  AU_ROLL_GO,           /* roll: buy back the old leg, sell @candidate */
  AU_ROLL_TOO_COSTLY,   /* R6.7: the net debit is more than roll_cost_max of the credit → L3 */
} AuRollOutcome;

typedef struct
{
  AuRollOutcome   outcome;
  AuOptionQuote   candidate;   /* valid for GO and TOO_COSTLY */
  AuPrice         net_debit;   /* close_price − candidate.bid; negative is a net credit */
  double          cost_ratio;  /* net_debit / original_credit, for display */
  AuProtocolLevel escalate_to; /* L3 for TOO_COSTLY, else the level given */
  AuProtocolWhy   why;
} AuRollPlan;

const char *au_roll_outcome_to_string (AuRollOutcome outcome);

/* Whether a position at @level may roll now: at L2 or above (R6.3); at L1
 * only once the sleeve's roll trigger is reached (R2.3, R3.3 "prepare or
 * execute a roll") and never in a Hedged Week, whose rolls start at
 * hedged_week.roll_min_level (D2.18). */
gboolean    au_roll_planner_may_roll  (AuConstitution      *constitution,
                                       AuProtocolLevel      level,
                                       gboolean             roll_trigger,
                                       gboolean             hedged_week,
                                       AuProtocolWhy       *why);

/* Plans the roll of @leg from @quotes (any order; e.g. a chain's quotes):
 * the first listed expiry at least protocol.roll_min_days after the old
 * one (D2.24), of the same right, among its strikes with |Δ| inside the
 * sleeve's band (a call: the covered-call band, D2.19) the best premium
 * (highest bid; a tie goes to the strike further out of the money), then
 * R6.7's economics. FALSE with @error only on bad input (the field named). */
gboolean    au_roll_planner_plan      (AuConstitution      *constitution,
                                       const AuRollLeg     *leg,
                                       AuProtocolLevel      level,
                                       gboolean             roll_trigger,
                                       gboolean             hedged_week,
                                       const AuOptionQuote *quotes,
                                       guint                n_quotes,
                                       AuRollPlan          *plan,
                                       GError             **error);

/* R6.7 alone: TRUE when a net debit of @net_debit on @original_credit is
 * within roll_cost_max (cost / credit > max is refused). @original_credit
 * must be > 0. */
gboolean    au_roll_economics_allow   (AuConstitution      *constitution,
                                       AuPrice              net_debit,
                                       AuPrice              original_credit,
                                       AuProtocolWhy       *why);

G_END_DECLS

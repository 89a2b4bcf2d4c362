/* au-covered-call-protocol.h: managing a short covered call (R6.10 with
 * D2.11, R4.2, R4.3, R7.3) and R7.1's Friday assignment-risk bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-option.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* One short covered call as the engine sees it at a check. Prices per
 * share in 1/10,000 dollars. */
typedef struct
{
  AuPrice  entry_credit;  /* premium received, > 0 */
  AuPrice  mark;          /* what buying it back costs now */
  double   delta;         /* the call's delta (its sign is ignored) */
  int      dte;           /* calendar days to expiry (D2.16) */
  gboolean earnings_week; /* the underlying reports earnings this week (R1.3's week) */
  gint64   shares_held;
  gint64   contracts;     /* short calls written on those shares */
} AuCoveredCall;

typedef enum
{
  AU_CC_HOLD,             /* R6.10 L0: hold */
  AU_CC_BUY_BACK_OR_ROLL, /* D2.11: |Δ| above cc_assignment_delta, whatever the profit */
  AU_CC_REDUCE_COVERAGE,  /* R4.3: earnings week, coverage above earnings_coverage_max */
  AU_CC_TAKE_PROFIT,      /* R4.2 / R6.10: decay ≥ profit_take */
  AU_CC_EXPIRY,           /* R6.10: 1 DTE reached, the hold ends (Friday manage window) */
} AuCoveredCallAction;

typedef struct
{
  AuCoveredCallAction action;
  double              profit;        /* (entry − mark) / entry, for display */
  gint64              max_contracts; /* R4.3: the most calls allowed this week */
  AuProtocolWhy       why;
} AuCoveredCallDecision;

const char *au_covered_call_action_to_string (AuCoveredCallAction action);

/* The decision for @call, in this order: assignment risk (D2.11), earnings
 * coverage (R4.3), profit-take (R4.2), 1 DTE (R6.10), else hold. FALSE with
 * @error naming the field on bad input. */
gboolean au_covered_call_decide        (AuConstitution         *constitution,
                                        const AuCoveredCall    *call,
                                        AuCoveredCallDecision  *decision,
                                        GError                **error);
/* D2.11: a roll up and out must bring in a net credit: @new_bid > @buy_back. */
gboolean au_covered_call_roll_is_credit (AuPrice                buy_back,
                                         AuPrice                new_bid,
                                         AuProtocolWhy         *why);
/* R7.3: after the shares of @sleeve are called away on @called_away, CSPs
 * resume at the sleeve's next entry date strictly after that day (its
 * next cycle). */
gboolean au_covered_call_csp_resume_date (AuConstitution       *constitution,
                                          AuSleeve              sleeve,
                                          const GDate          *called_away,
                                          GDate                *resume,
                                          AuProtocolWhy        *why);

/* R7.1's moneyness bands of a short option near expiry (TA
 * assignment_protocol): LOW more than 5% out of the money; MEDIUM 1–5%
 * out; HIGH from 1% out to 3% in; CRITICAL more than 3% in. */
typedef enum
{
  AU_ASSIGNMENT_RISK_LOW,
  AU_ASSIGNMENT_RISK_MEDIUM,
  AU_ASSIGNMENT_RISK_HIGH,
  AU_ASSIGNMENT_RISK_CRITICAL,
} AuAssignmentRisk;

typedef struct
{
  AuAssignmentRisk risk;
  double           probability; /* base 5/20/60/90%, × 1.5 under 24 h, × 1.2 under 72 h, ≤ 95% */
  gboolean         prepare;     /* MEDIUM or above: log it and prepare for assignment */
  AuProtocolWhy    why;
} AuAssignmentCheck;

const char *au_assignment_risk_to_string (AuAssignmentRisk risk);

/* R7.1's Friday check of a short option of @right and @strike with the
 * underlying at @spot and @hours_to_expiry left, by the constitution's
 * [assignment] bands. */
gboolean au_assignment_check           (AuConstitution        *c,
                                        AuOptionRight          right,
                                        AuPrice                strike,
                                        AuPrice                spot,
                                        double                 hours_to_expiry,
                                        AuAssignmentCheck     *check,
                                        GError               **error);

G_END_DECLS

/* au-rule-context.h: what the validators share while judging one proposal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-constitution.h"
#include "au-proposal.h"
#include "au-verdict.h"

G_BEGIN_DECLS

/* The option leg an entry opens: the proposal's own fields on an open, the
 * new leg on a roll (D2.20). @prefix names its fields in messages. */
typedef struct
{
  const char    *prefix;        /* "" or "new_leg." */
  gboolean       has_strike, has_delta, has_limit, has_quote;
  AuPrice        strike;
  const GDate   *expiry;        /* invalid when absent */
  double         delta;
  AuPrice        limit;
  const AuQuote *quote;
} AuLeg;

typedef struct
{
  AuConstitution             *constitution;
  const AuConstitutionParams *params;
  const AuProposal           *proposal;
  AuVerdict                  *verdict;

  /* The sleeve whose rules apply (D2.2: a MINI's half); rules is NULL when
   * it cannot be told (a MINI without mini_rules). */
  gboolean                    has_sleeve;
  AuSleeve                    sleeve;
  const AuSleeveRules        *rules;

  GDate                       date;           /* Eastern date of the proposal's time */
  int                         minute;         /* Eastern minutes after midnight */
  int                         second;         /* seconds within that minute */

  AuLeg                       leg;            /* the leg an entry opens */
  gboolean                    is_roll;        /* the entry is a roll's new leg */
  gboolean                    hedged_week;    /* R6.9 / D2.18 half-size entries */
} AuRuleContext;

void        au_rule_context_init           (AuRuleContext      *ctx,
                                            AuConstitution     *constitution,
                                            const AuProposal   *proposal,
                                            AuVerdict          *verdict);
/* Points the entry leg at the roll's new leg (D2.20). */
void        au_rule_context_use_new_leg    (AuRuleContext      *ctx);

/* TRUE when @value lies above (below) @limit by more than rounding noise:
 * every limit of the constitution is inclusive (research §3). */
gboolean    au_rule_exceeds                (double              value,
                                            double              limit);
gboolean    au_rule_below                  (double              value,
                                            double              limit);

double      au_rule_dollars                (AuMoney             cents);
double      au_rule_price                  (AuPrice             price);

/* D2.12: a missing input needed by a check is a violation of the rule
 * that needed it. Records it and returns FALSE, for `if (!have) return`. */
gboolean    au_rule_require                (AuRuleContext      *ctx,
                                            gboolean            present,
                                            const char         *rule,
                                            const char         *field);

/* Rule numbers as D2.22 lists them. */
const char *au_rule_sleeve_number          (const AuRuleContext *ctx);
const char *au_rule_exposure_number        (const AuRuleContext *ctx);

/* The strategy of the entry, CSP when absent (the check that needs it
 * has already rejected the proposal). */
gboolean    au_rule_is_strategy            (const AuRuleContext *ctx,
                                            AuStrategy           strategy);
gboolean    au_rule_is_leap                (const AuRuleContext *ctx);

/* Age of data dated @as_of (NULL: the proposal's time) at the proposal's time. */
GTimeSpan   au_rule_data_age               (const AuRuleContext *ctx,
                                            GDateTime           *as_of);
/* Inside [open, close] of @window at the proposal's time, to the second:
 * 11:00:30 is after an 11:00 close. */
gboolean    au_rule_in_window              (const AuRuleContext *ctx,
                                            int                  open,
                                            int                  close);
char       *au_rule_format_minute          (int                  minute);

G_END_DECLS

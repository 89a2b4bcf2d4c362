/* au-roll-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-roll-checks.h"
#include "au-schedule.h"

/* R6.7: no roll whose cost (the buy-back less the new leg's credit) is
 * more than roll_cost_max of the original credit; escalate to L3 instead.
 * The worked example of research §5: a debit of 0.60 on a credit of 1.20
 * is 50.0% and allowed, 0.61 is 50.8% and refused. */
static void
check_economics (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  double limit = ctx->params->protocol.roll_cost_max;
  double ratio;
  AuPrice cost;

  if (!au_rule_require (ctx, p->has_original_credit, "R6.7", "original_credit")
      | !au_rule_require (ctx, p->has_limit, "R6.7", "limit")
      | !au_rule_require (ctx, p->new_leg.has_limit, "R6.7", "new_leg.limit"))
    return;
  if (p->original_credit <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R6.7",
                                "original_credit must be positive to judge a roll's cost");
      return;
    }
  cost = p->limit - p->new_leg.limit;
  ratio = (double) cost / (double) p->original_credit;
  if (au_rule_exceeds (ratio, limit))
    au_verdict_add_violation_numbers (ctx->verdict, "R6.7", ratio, limit,
                                      "the roll costs %.4f, %.1f%% of the original credit %.4f, "
                                      "more than %.0f%%: escalate to L3 instead",
                                      au_rule_price (cost), ratio * 100,
                                      au_rule_price (p->original_credit), limit * 100);
}

/* D2.24: the new leg expires at least roll_min_days after the old one. */
static void
check_expiry (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  int min_days = ctx->params->protocol.roll_min_days;
  int days;

  if (!au_rule_require (ctx, g_date_valid (&p->expiry), "D2.24", "expiry")
      | !au_rule_require (ctx, g_date_valid (&p->new_leg.expiry), "D2.24", "new_leg.expiry"))
    return;
  days = au_schedule_dte (&p->expiry, &p->new_leg.expiry);
  if (days < min_days)
    au_verdict_add_violation_numbers (ctx->verdict, "D2.24", days, min_days,
                                      "the new leg expires %d days after the old one; a roll "
                                      "goes out at least %d", days, min_days);
}

gboolean
au_roll_checks_run (AuRuleContext *ctx)
{
  const AuProposal *p;

  g_return_val_if_fail (ctx != NULL, FALSE);

  p = ctx->proposal;
  /* D2.20: the old leg must be named for its close to be judged. */
  au_rule_require (ctx, p->has_strike, "D2.20", "strike");
  au_rule_require (ctx, p->has_contracts, "D2.20", "contracts");
  if (p->has_strategy && p->strategy != AU_STRATEGY_CSP && p->strategy != AU_STRATEGY_CC)
    au_verdict_add_violation (ctx->verdict, "D2.20", "only short puts and calls are rolled, not %s",
                              au_strategy_to_string (p->strategy));

  check_economics (ctx);
  if (!au_rule_require (ctx, p->new_leg.present, "D2.20", "new_leg"))
    return FALSE;
  check_expiry (ctx);
  return TRUE;
}

/* au-autopilot-roll-plan.c: _ap_plan_roll() over au-roll-planner.h, kept
 * apart from the files that see the order manager (both name an AuRollLeg)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-roll-plan.h"
#include "au-roll-planner.h"

/* R6.3 / R6.7 / D2.24 over every quote of @chain. */
gboolean
_ap_plan_roll (AuConstitution     *constitution,
               const ApRollInput  *input,
               AuOptionChain      *chain,
               ApRollResult       *result,
               GError            **error)
{
  g_autoptr(GArray) quotes = g_array_new (FALSE, FALSE, sizeof (AuOptionQuote));
  AuRollLeg leg = { 0 };
  AuRollPlan plan;

  for (guint i = 0; i < au_option_chain_get_n_quotes (chain); i++)
    g_array_append_val (quotes, *au_option_chain_get_quote (chain, i));
  leg.sleeve = input->sleeve;
  leg.right = input->right;
  leg.strike = input->strike;
  leg.expiry = input->expiry;
  leg.original_credit = input->original_credit;
  leg.close_price = input->close_price;
  if (!au_roll_planner_plan (constitution, &leg, input->level, input->roll_trigger,
                             input->hedged_week, (const AuOptionQuote *) quotes->data, quotes->len,
                             &plan, error))
    return FALSE;
  switch (plan.outcome)
    {
    case AU_ROLL_NOT_DUE:
      result->outcome = AP_ROLL_NOT_DUE;
      break;
    case AU_ROLL_NO_CANDIDATE:
      result->outcome = AP_ROLL_NO_CANDIDATE;
      break;
    case AU_ROLL_GO:
      result->outcome = AP_ROLL_GO;
      break;
    case AU_ROLL_TOO_COSTLY:
    default:
      result->outcome = AP_ROLL_TOO_COSTLY;
      break;
    }
  result->candidate = plan.candidate;
  result->net_debit = plan.net_debit;
  result->cost_ratio = plan.cost_ratio;
  result->why = plan.why;
  return TRUE;
}

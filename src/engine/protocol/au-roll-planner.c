/* au-roll-planner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include <math.h>

#include "au-protocol-private.h"
#include "au-roll-planner.h"
#include "au-schedule.h"

static const char *outcome_names[] = { "not_due", "no_candidate", "go", "too_costly" };

const char *
au_roll_outcome_to_string (AuRollOutcome outcome)
{
  g_return_val_if_fail (outcome <= AU_ROLL_TOO_COSTLY, NULL);
  return outcome_names[outcome];
}

gboolean
au_roll_planner_may_roll (AuConstitution  *constitution,
                          AuProtocolLevel  level,
                          gboolean         roll_trigger,
                          gboolean         hedged_week,
                          AuProtocolWhy   *why)
{
  const AuConstitutionParams *params;
  int min_level;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);

  params = au_constitution_get_params (constitution);
  min_level = params->hedged_week.roll_min_level;
  if (level == AU_PROTOCOL_L3)
    {
      au_protocol_why_set (why, "R6.4", "no roll at L3: the position is exited");
      return FALSE;
    }
  if (hedged_week && (int) level < min_level)
    {
      au_protocol_why_set (why, "D2.18", "no roll at %s in a Hedged Week: rolls only at L%d "
                           "or above", au_protocol_level_to_string (level), min_level);
      return FALSE;
    }
  if (level == AU_PROTOCOL_L2)
    {
      au_protocol_why_set (why, "R6.3", "L2 Recovery: roll into the sleeve's delta band");
      return TRUE;
    }
  if (level == AU_PROTOCOL_L1 && roll_trigger)
    {
      au_protocol_why_set (why, "R3.3", "L1 at the sleeve's roll trigger: the roll may be "
                           "executed (R2.3, R3.3)");
      return TRUE;
    }
  au_protocol_why_set (why, "R6.1", "no roll at %s below the sleeve's roll trigger",
                       au_protocol_level_to_string (level));
  return FALSE;
}

gboolean
au_roll_economics_allow (AuConstitution *constitution,
                         AuPrice         net_debit,
                         AuPrice         original_credit,
                         AuProtocolWhy  *why)
{
  double limit;
  g_autofree char *debit_text = NULL;
  g_autofree char *credit_text = NULL;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);

  limit = au_constitution_get_params (constitution)->protocol.roll_cost_max;
  if (original_credit <= 0)
    {
      au_protocol_why_set (why, "R6.7", "no roll: the original credit must be positive to "
                           "judge a roll's cost");
      return FALSE;
    }
  debit_text = au_price_format (net_debit);
  credit_text = au_price_format (original_credit);
  /* R6.7: cost / credit > max is refused, exactly at the boundary
   * (0.60 on 1.20 is 50.0% and allowed; 0.61 is 50.8%). */
  if (au_protocol_ratio_cmp (net_debit, original_credit, limit) > 0)
    {
      au_protocol_why_set (why, "R6.7", "no roll: the net debit %s is %.1f%% of the original "
                           "credit %s, more than %.0f%%; escalate to L3", debit_text,
                           100.0 * (double) net_debit / (double) original_credit, credit_text,
                           limit * 100);
      return FALSE;
    }
  if (net_debit <= 0)
    {
      g_autofree char *credit_in = au_price_format (-net_debit);

      au_protocol_why_set (why, "R6.7", "roll allowed: it brings a net credit of %s",
                           credit_in);
      return TRUE;
    }
  au_protocol_why_set (why, "R6.7", "roll allowed: the net debit %s is %.1f%% of the original "
                       "credit %s, not more than %.0f%%", debit_text,
                       100.0 * (double) net_debit / (double) original_credit, credit_text,
                       limit * 100);
  return TRUE;
}

/* TRUE when @a is the better candidate: more premium, then further out
 * of the money (a lower put strike, a higher call strike). */
static gboolean
better_candidate (const AuOptionQuote *a,
                  const AuOptionQuote *b)
{
  if (a->bid != b->bid)
    return a->bid > b->bid;
  return a->right == AU_OPTION_PUT ? a->strike < b->strike : a->strike > b->strike;
}

static gboolean
validate_leg (const AuRollLeg  *leg,
              GError          **error)
{
  const char *field = NULL;

  if (leg->sleeve > AU_SLEEVE_COM)
    field = "sleeve";
  else if (leg->right != AU_OPTION_PUT && leg->right != AU_OPTION_CALL)
    field = "right";
  else if (leg->strike <= 0)
    field = "strike";
  else if (!g_date_valid (&leg->expiry))
    field = "expiry";
  else if (leg->original_credit <= 0)
    field = "original_credit";
  else if (leg->close_price < 0)
    field = "close_price";
  if (field != NULL)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: missing or out of range for a roll (R6.7 needs a positive original "
                   "credit)", field);
      return FALSE;
    }
  return TRUE;
}

gboolean
au_roll_planner_plan (AuConstitution       *constitution,
                      const AuRollLeg      *leg,
                      AuProtocolLevel       level,
                      gboolean              roll_trigger,
                      gboolean              hedged_week,
                      const AuOptionQuote  *quotes,
                      guint                 n_quotes,
                      AuRollPlan           *plan,
                      GError              **error)
{
  const AuConstitutionParams *params;
  double delta_min, delta_max;
  const AuOptionQuote *best = NULL;
  GDate first_expiry;
  AuRollPlan out = { 0 };
  char expiry_text[16] = "";

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (leg != NULL && plan != NULL, FALSE);
  g_return_val_if_fail (quotes != NULL || n_quotes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_leg (leg, error))
    return FALSE;

  params = au_constitution_get_params (constitution);
  out.escalate_to = level;
  if (!au_roll_planner_may_roll (constitution, level, roll_trigger, hedged_week, &out.why))
    {
      out.outcome = AU_ROLL_NOT_DUE;
      *plan = out;
      return TRUE;
    }

  if (leg->right == AU_OPTION_CALL)
    {
      delta_min = params->covered_call.delta_min;
      delta_max = params->covered_call.delta_max;
    }
  else
    {
      const AuSleeveRules *rules = au_constitution_get_sleeve (constitution, leg->sleeve);

      delta_min = rules->delta_min;
      delta_max = rules->delta_max;
    }

  /* D2.24: the first listed expiry at least roll_min_days after the old
   * one; the entry DTE band does not apply to a roll. */
  g_date_clear (&first_expiry, 1);
  for (guint i = 0; i < n_quotes; i++)
    {
      const AuOptionQuote *q = &quotes[i];

      if (q->right != leg->right || !g_date_valid (&q->expiry)
          || au_schedule_dte (&leg->expiry, &q->expiry) < params->protocol.roll_min_days)
        continue;
      if (!g_date_valid (&first_expiry) || g_date_compare (&q->expiry, &first_expiry) < 0)
        first_expiry = q->expiry;
    }
  if (!g_date_valid (&first_expiry))
    {
      out.outcome = AU_ROLL_NO_CANDIDATE;
      au_protocol_why_set (&out.why, "D2.24", "no roll candidate: no listed expiry is %d days "
                           "or more after the old one", params->protocol.roll_min_days);
      *plan = out;
      return TRUE;
    }
  g_date_strftime (expiry_text, sizeof expiry_text, "%Y-%m-%d", &first_expiry);

  for (guint i = 0; i < n_quotes; i++)
    {
      const AuOptionQuote *q = &quotes[i];
      double abs_delta = fabs (q->delta);

      if (q->right != leg->right || !g_date_valid (&q->expiry)
          || g_date_compare (&q->expiry, &first_expiry) != 0
          || q->bid <= 0 || abs_delta < delta_min || abs_delta > delta_max)
        continue;
      if (best == NULL || better_candidate (q, best))
        best = q;
    }
  if (best == NULL)
    {
      out.outcome = AU_ROLL_NO_CANDIDATE;
      au_protocol_why_set (&out.why, "D2.24", "no roll candidate: the %s expiry lists no strike "
                           "with |delta| from %.2f to %.2f and a bid", expiry_text, delta_min,
                           delta_max);
      *plan = out;
      return TRUE;
    }

  out.candidate = *best;
  out.net_debit = leg->close_price - best->bid;
  out.cost_ratio = (double) out.net_debit / (double) leg->original_credit;
  if (!au_roll_economics_allow (constitution, out.net_debit, leg->original_credit, &out.why))
    {
      out.outcome = AU_ROLL_TOO_COSTLY;
      out.escalate_to = AU_PROTOCOL_L3;
    }
  else
    {
      g_autofree char *strike_text = au_price_format (best->strike);
      g_autofree char *bid_text = au_price_format (best->bid);
      g_autofree char *economics = g_strdup (out.why.reason);

      out.outcome = AU_ROLL_GO;
      au_protocol_why_set (&out.why, "R6.7", "roll to the %s %s at %s (|delta| %.2f, D2.24); %s",
                           expiry_text, strike_text, bid_text, fabs (best->delta), economics);
    }
  *plan = out;
  return TRUE;
}

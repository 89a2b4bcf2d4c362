/* au-covered-call-protocol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include <math.h>

#include "au-covered-call-protocol.h"
#include "au-protocol-private.h"
#include "au-schedule.h"

static const char *action_names[] = { "hold", "buy_back_or_roll", "reduce_coverage",
                                      "take_profit", "expiry" };
static const char *risk_names[] = { "LOW", "MEDIUM", "HIGH", "CRITICAL" };


const char *
au_covered_call_action_to_string (AuCoveredCallAction action)
{
  g_return_val_if_fail (action <= AU_CC_EXPIRY, NULL);
  return action_names[action];
}

const char *
au_assignment_risk_to_string (AuAssignmentRisk risk)
{
  g_return_val_if_fail (risk <= AU_ASSIGNMENT_RISK_CRITICAL, NULL);
  return risk_names[risk];
}

static gboolean
validate_call (const AuCoveredCall  *call,
               GError              **error)
{
  const char *field = NULL;

  if (call->entry_credit <= 0)
    field = "entry_credit";
  else if (call->mark < 0)
    field = "mark";
  else if (!isfinite (call->delta) || fabs (call->delta) > 1.0)
    field = "delta";
  else if (call->dte < 0)
    field = "dte";
  else if (call->shares_held < 0)
    field = "shares_held";
  else if (call->contracts < 0)
    field = "contracts";
  if (field != NULL)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: missing or out of range for a covered call", field);
      return FALSE;
    }
  return TRUE;
}

gboolean
au_covered_call_decide (AuConstitution         *constitution,
                        const AuCoveredCall    *call,
                        AuCoveredCallDecision  *decision,
                        GError                **error)
{
  const AuConstitutionParams *params;
  AuCoveredCallDecision out = { 0 };
  gint64 earnings_cap;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (call != NULL && decision != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_call (call, error))
    return FALSE;

  params = au_constitution_get_params (constitution);
  out.profit = (double) (call->entry_credit - call->mark) / (double) call->entry_credit;
  /* R4.3: at most earnings_coverage_max of the shares covered, in lots of 100. */
  earnings_cap = au_money_mul_ratio (call->shares_held,
                                     au_protocol_ppm (params->covered_call.earnings_coverage_max),
                                     AU_PPM) / 100;
  out.max_contracts = call->earnings_week ? earnings_cap : call->shares_held / 100;

  /* D2.11: |Δ| > 0.80 is assignment risk > 80%; buy back (or roll up and
   * out for a net credit) whatever the profit, strictly above the bound. */
  if (au_protocol_ratio_cmp (llround (fabs (call->delta) * AU_PPM), AU_PPM,
                             params->protocol.cc_assignment_delta) > 0)
    {
      out.action = AU_CC_BUY_BACK_OR_ROLL;
      au_protocol_why_set (&out.why, "D2.11", "|delta| %.2f is above %.2f: early-assignment "
                           "risk, buy back or roll up and out for a net credit (profit %.0f%%)",
                           fabs (call->delta), params->protocol.cc_assignment_delta,
                           out.profit * 100);
    }
  else if (call->earnings_week && call->contracts > earnings_cap)
    {
      out.action = AU_CC_REDUCE_COVERAGE;
      au_protocol_why_set (&out.why, "R4.3", "earnings week: %" G_GINT64_FORMAT " calls on %"
                           G_GINT64_FORMAT " shares cover more than %.0f%%; at most %"
                           G_GINT64_FORMAT, call->contracts, call->shares_held,
                           params->covered_call.earnings_coverage_max * 100, earnings_cap);
    }
  else if (au_protocol_ratio_cmp (call->entry_credit - call->mark, call->entry_credit,
                                  params->covered_call.profit_take) >= 0)
    {
      out.action = AU_CC_TAKE_PROFIT;
      au_protocol_why_set (&out.why, "R4.2", "premium decay %.1f%% reaches the %.0f%% "
                           "profit-take: close", out.profit * 100,
                           params->covered_call.profit_take * 100);
    }
  else if (call->dte <= 1)
    {
      out.action = AU_CC_EXPIRY;
      au_protocol_why_set (&out.why, "R6.10", "%d DTE: the hold ends; manage it in the Friday "
                           "window (profit %.1f%%)", call->dte, out.profit * 100);
    }
  else
    {
      out.action = AU_CC_HOLD;
      au_protocol_why_set (&out.why, "R6.10", "hold until %.0f%% profit or 1 DTE (profit "
                           "%.1f%%, |delta| %.2f, %d DTE)",
                           params->covered_call.profit_take * 100, out.profit * 100,
                           fabs (call->delta), call->dte);
    }
  *decision = out;
  return TRUE;
}

gboolean
au_covered_call_roll_is_credit (AuPrice        buy_back,
                                AuPrice        new_bid,
                                AuProtocolWhy *why)
{
  g_autofree char *net = au_price_format (new_bid - buy_back);

  if (new_bid > buy_back)
    {
      au_protocol_why_set (why, "D2.11", "roll up and out for a net credit of %s", net);
      return TRUE;
    }
  au_protocol_why_set (why, "D2.11", "no roll: it would not bring a net credit (%s); buy the "
                       "call back instead", net);
  return FALSE;
}

gboolean
au_covered_call_csp_resume_date (AuConstitution *constitution,
                                 AuSleeve        sleeve,
                                 const GDate    *called_away,
                                 GDate          *resume,
                                 AuProtocolWhy  *why)
{
  GDate probe;
  char text[16];

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (called_away != NULL && g_date_valid (called_away), FALSE);
  g_return_val_if_fail (resume != NULL, FALSE);

  /* This week's entry if it is still ahead, else the next week's; a week
   * without a trading day for the sleeve is skipped. */
  probe = *called_away;
  for (int week = 0; week < 3; week++)
    {
      GDate entry;

      if (au_schedule_entry_date (constitution, sleeve, &probe, &entry)
          && g_date_compare (&entry, called_away) > 0)
        {
          *resume = entry;
          g_date_strftime (text, sizeof text, "%Y-%m-%d", resume);
          au_protocol_why_set (why, "R7.3", "shares called away: cash-secured puts resume at "
                               "the next cycle, %s", text);
          return TRUE;
        }
      g_date_add_days (&probe, 7);
    }
  return FALSE;
}

gboolean
au_assignment_check (AuConstitution     *c,
                     AuOptionRight       right,
                     AuPrice             strike,
                     AuPrice             spot,
                     double              hours_to_expiry,
                     AuAssignmentCheck  *check,
                     GError            **error)
{
  const AuConstitutionParams *p;
  AuAssignmentCheck out = { 0 };
  gint64 low_above_bp, medium_from_bp, critical_beyond_bp;
  AuPrice otm;
  __int128 otm_bp_scaled; /* otm × 10,000, compared with bands × strike */
  double probability;

  g_return_val_if_fail (AU_IS_CONSTITUTION (c), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Moneyness in basis points of the strike, positive out of the money. */
  p = au_constitution_get_params (c);
  low_above_bp = llround (p->assignment.low_otm_above * 10000);
  medium_from_bp = llround (p->assignment.medium_otm_from * 10000);
  critical_beyond_bp = llround (p->assignment.critical_itm_beyond * 10000);

  if (strike <= 0 || spot <= 0 || !isfinite (hours_to_expiry) || hours_to_expiry < 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: out of range for the assignment check",
                   strike <= 0 ? "strike" : spot <= 0 ? "spot" : "hours_to_expiry");
      return FALSE;
    }

  /* How far out of the money, positive OTM: a put above its strike, a call below. */
  otm = right == AU_OPTION_PUT ? spot - strike : strike - spot;
  otm_bp_scaled = (__int128) otm * 10000;
  if (otm_bp_scaled > (__int128) low_above_bp * strike)
    out.risk = AU_ASSIGNMENT_RISK_LOW;
  else if (otm_bp_scaled >= (__int128) medium_from_bp * strike)
    out.risk = AU_ASSIGNMENT_RISK_MEDIUM;
  else if (otm_bp_scaled >= -(__int128) critical_beyond_bp * strike)
    out.risk = AU_ASSIGNMENT_RISK_HIGH;
  else
    out.risk = AU_ASSIGNMENT_RISK_CRITICAL;

  probability = p->assignment.probability[out.risk];
  if (hours_to_expiry < 24)
    probability *= p->assignment.boost_under_24h;
  else if (hours_to_expiry < 72)
    probability *= p->assignment.boost_under_72h;
  out.probability = MIN (probability, p->assignment.probability_cap);
  out.prepare = out.risk >= AU_ASSIGNMENT_RISK_MEDIUM;
  au_protocol_why_set (&out.why, "R7.1", "%s assignment risk: %.2f%% %s the money, about %.0f%% "
                       "with %.0f h left%s", risk_names[out.risk],
                       fabs (100.0 * (double) otm / (double) strike),
                       otm >= 0 ? "out of" : "in", out.probability * 100, hours_to_expiry,
                       out.prepare ? "; prepare for assignment" : "");
  *check = out;
  return TRUE;
}

/* au-autopilot-roll.c: the L2 roll of a short option and the hedge that
 * goes with it (R6.3, R6.6, R6.7, D2.20, D2.24)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include "au-schedule.h"

typedef struct
{
  char *key;
  int   old_dte;
} RollJob;

static void
roll_job_free (RollJob *job)
{
  g_free (job->key);
  g_free (job);
}

static void
hedge_for_l2 (AuAutopilot *self,
              ApFetch     *fetch,
              ApPosition  *position,
              const char  *account)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  g_auto(AuHedgeDeployment) deployment = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  AuOptionChain *spx = _ap_fetch_get_chain (fetch, "SPX", params->hedge.spx_months_min * 30,
                                            params->hedge.spx_months_max * 31);
  AuOptionChain *vix = _ap_fetch_get_chain (fetch, "VIX", params->hedge.vix_months * 30 - 10,
                                            params->hedge.vix_months * 31 + 10);

  if (spx == NULL || vix == NULL)
    {
      _au_autopilot_non_action (self, account, "R6.6",
                                "no L2 hedge: the SPX or VIX chain is not available (R8.7)");
      return;
    }
  if (!au_account_manager_hedge_for_l2 (self->accounts, position->account_id, now, spx, vix,
                                        &deployment, &error))
    {
      _au_autopilot_emit (self, "hedge", account, "R6.6", "No L2 hedge: %s", error->message);
      return;
    }
  for (guint i = 0; i < deployment.intents->len; i++)
    {
      const AuTradeIntent *t = &g_array_index (deployment.intents, AuTradeIntent, i);
      AuOptionChain *chain = g_strcmp0 (t->contract.symbol, "VIX") == 0 ? vix : spx;
      ApRouteTerms terms = { 0 };

      terms.level = au_position_protocol_get_level (position->protocol);
      terms.spot = au_option_chain_get_spot (chain);
      terms.quarter_gains = deployment.quarter_gains;
      terms.quote = au_option_chain_find (chain, &t->contract.expiry, t->contract.right,
                                          t->contract.strike);
      _ap_route_intent (self, t, &terms);
    }
  _ap_record_week_event (self, AU_WEEK_EVENT_HEDGE_DEPLOYED, account, "SPX");
}

/* A quote as a proposal carries it (the new leg's, D2.20). */
static JsonObject *
quote_object (const AuOptionQuote *quote)
{
  JsonObject *object = json_object_new ();
  g_autoptr(GDateTime) as_of = g_date_time_new_from_unix_utc (quote->as_of);
  g_autofree char *as_of_text = g_date_time_format_iso8601 (as_of);

  json_object_set_double_member (object, "bid", (double) quote->bid / AU_PRICE_SCALE);
  json_object_set_double_member (object, "ask", (double) quote->ask / AU_PRICE_SCALE);
  json_object_set_int_member (object, "open_interest", quote->open_interest);
  json_object_set_int_member (object, "volume", quote->volume);
  /* The paper market's day volume stands for the ADV (R8.4), as in
   * _ap_proposal(). */
  json_object_set_int_member (object, "avg_daily_volume", quote->volume);
  json_object_set_string_member (object, "as_of", as_of_text);
  return object;
}

/* R6.7: the roll's economics as they were judged, allowed or not. */
static void
audit_roll_economics (AuAutopilot        *self,
                      const char         *account,
                      const char         *what,
                      const ApRollInput  *leg,
                      const ApRollResult *plan)
{
  g_autoptr(JsonNode) context = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  char expiry[16];

  json_object_set_string_member (object, "account", account);
  json_object_set_string_member (object, "position", what);
  json_object_set_double_member (object, "close_price",
                                 (double) leg->close_price / AU_PRICE_SCALE);
  json_object_set_double_member (object, "original_credit",
                                 (double) leg->original_credit / AU_PRICE_SCALE);
  json_object_set_double_member (object, "net_debit", (double) plan->net_debit / AU_PRICE_SCALE);
  json_object_set_double_member (object, "cost_ratio", plan->cost_ratio);
  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &plan->candidate.expiry);
  json_object_set_string_member (object, "new_expiry", expiry);
  json_object_set_double_member (object, "new_strike",
                                 (double) plan->candidate.strike / AU_PRICE_SCALE);
  json_object_set_double_member (object, "new_bid", (double) plan->candidate.bid / AU_PRICE_SCALE);
  json_object_set_double_member (object, "new_delta", plan->candidate.delta);
  json_object_set_string_member (object, "message", plan->why.reason);
  json_node_take_object (context, object);
  _au_autopilot_audit (self, "engine", "roll", plan->why.rule,
                       plan->outcome == AP_ROLL_GO ? "ALLOWED" : "REFUSED", context);
}

static guint
roll_min_dte (AuAutopilot *self,
              int          old_dte)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);

  return (guint) MAX (old_dte + params->protocol.roll_min_days, 0);
}

/* R6.3 / R6.7 / D2.24: the roll, or L3 when it costs too much. */
static void
on_roll_data (AuAutopilot *self,
              ApFetch     *fetch)
{
  RollJob *job = fetch->data;
  ApPosition *position = g_hash_table_lookup (self->positions, job->key);
  AuConstitution *c = self->config.constitution;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  g_autofree char *what = NULL;
  char name[64];
  guint min_dte = roll_min_dte (self, job->old_dte);
  AuOptionChain *chain;
  ApRollInput leg = { 0 };
  ApRollResult plan;
  AuOptionQuote old = { 0 };
  const AuBreach *breach;

  if (position == NULL || position->exiting || position->protocol == NULL)
    return;
  _ap_account_name (self, position->account_id, name, sizeof name);
  what = au_contract_describe (&position->contract);
  chain = _ap_fetch_get_chain (fetch, position->contract.symbol, min_dte, min_dte + 7);
  if (chain == NULL || !_ap_quote_series (self, &position->contract, &old))
    {
      _au_autopilot_non_action (self, name, "R6.3", "no roll of %s: no chain or quote (R8.7)", what);
      return;
    }
  breach = au_position_protocol_get_breach (position->protocol);
  leg.sleeve = position->rules;
  leg.right = position->contract.right;
  leg.strike = position->contract.strike;
  leg.expiry = position->contract.expiry;
  leg.original_credit = MAX (position->credit, 1);
  leg.close_price = old.ask;
  leg.level = au_position_protocol_get_level (position->protocol);
  leg.roll_trigger = breach->roll_trigger;
  leg.hedged_week = au_circuit_breaker_get_tier (self->breaker) == AU_VIX_TIER_HEDGED;
  if (!_ap_plan_roll (c, &leg, chain, &plan, &error))
    {
      _au_autopilot_non_action (self, name, "R6.3", "no roll of %s: %s", what, error->message);
      return;
    }

  switch (plan.outcome)
    {
    case AP_ROLL_NOT_DUE:
    case AP_ROLL_NO_CANDIDATE:
      _au_autopilot_non_action (self, name, plan.why.rule, "no roll of %s: %s (%s)", what,
                                plan.why.reason, plan.why.rule);
      return;

    case AP_ROLL_TOO_COSTLY:
      /* R6.7: the roll would cost more than half the credit: L3. */
      audit_roll_economics (self, name, what, &leg, &plan);
      au_position_protocol_escalate_to_l3 (position->protocol, au_clock_get_now (self->config.clock),
                                           plan.why.rule, plan.why.reason, events);
      _ap_audit_protocol_events (self, name, what, events);
      _ap_start_exit (self, position, name, "R6.7", plan.why.reason);
      return;

    case AP_ROLL_GO:
    default:
      audit_roll_economics (self, name, what, &leg, &plan);
      break;
    }

  {
    g_autoptr(JsonNode) proposal = NULL;
    g_autofree char *close_id = NULL;
    g_autofree char *open_id = NULL;
    AuOrderIntent intent = { 0 };
    ApBook book;
    JsonObject *leg_object = json_object_new ();
    char expiry[16];

    if (!_ap_book_load (self, position->account_id, &book, &error))
      return;
    /* D2.20: the order closes the old leg (its quote at the top); the
     * new leg is judged as an entry on its own quote. */
    proposal = _ap_proposal (self, &book, NULL, "roll",
                             position->contract.right == AU_OPTION_PUT ? "csp" : "cc",
                             &position->contract, old.delta, &old, breach->spot,
                             breach->atr, FALSE, book.equity);
    _ap_add_close_terms (proposal, position);
    json_object_set_object_member (leg_object, "quote", quote_object (&plan.candidate));
    g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &plan.candidate.expiry);
    json_object_set_double_member (leg_object, "strike",
                                   (double) plan.candidate.strike / AU_PRICE_SCALE);
    json_object_set_string_member (leg_object, "expiry", expiry);
    json_object_set_double_member (leg_object, "delta", plan.candidate.delta);
    json_object_set_double_member (leg_object, "limit",
                                   (double) ((plan.candidate.bid + plan.candidate.ask) / 2)
                                   / AU_PRICE_SCALE);
    json_object_set_object_member (json_node_get_object (proposal), "new_leg", leg_object);
    json_object_set_double_member (json_node_get_object (proposal), "original_credit",
                                   (double) leg.original_credit / AU_PRICE_SCALE);

    /* The old leg bought back, then the new one sold: one roll (D2.20). */
    intent.account_id = position->account_id;
    au_contract_copy (&intent.contract, &position->contract);
    intent.side = AU_SIDE_BUY;
    intent.purpose = AU_ORDER_PURPOSE_CLOSE;
    intent.quantity = ABS (position->quantity);
    intent.bid = old.bid;
    intent.ask = old.ask;
    intent.rule_reference = "R6.3";
    intent.proposal = proposal;
    close_id = _ap_submit (self, &intent, name);
    au_contract_clear (&intent.contract);
    /* Sent or refused, the roll is not asked again this session: a
     * refusal is audited once, not at every check. */
    position->exiting = TRUE;
    if (close_id != NULL)
      {
        au_contract_init_option (&intent.contract, position->contract.symbol,
                                 position->contract.right, plan.candidate.strike,
                                 &plan.candidate.expiry);
        intent.side = AU_SIDE_SELL;
        intent.purpose = AU_ORDER_PURPOSE_OPEN;
        intent.bid = plan.candidate.bid;
        intent.ask = plan.candidate.ask;
        open_id = _ap_submit (self, &intent, name);
        au_contract_clear (&intent.contract);
        self->stats.rolls++;
        _ap_record_week_event (self, AU_WEEK_EVENT_L2_ROLL, name, position->contract.symbol);
        _au_autopilot_emit (self, "roll", name, "R6.3",
                            "Rolling %s: %s (net %.2f of a %.2f credit)", what, plan.why.reason,
                            (double) plan.net_debit / AU_PRICE_SCALE,
                            (double) leg.original_credit / AU_PRICE_SCALE);
        /* R6.6: every L2 roll also deploys the sleeve's hedge. */
        if (au_position_protocol_get_level (position->protocol) >= AU_PROTOCOL_L2)
          hedge_for_l2 (self, fetch, position, name);
      }
    _ap_book_clear (&book);
  }
}

void
_ap_start_roll (AuAutopilot *self,
                ApPosition  *position,
                const char  *key)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  RollJob *job = g_new0 (RollJob, 1);
  ApFetch *fetch;
  GDate today;
  guint min_dte;

  _au_autopilot_today (self, &today, NULL);
  job->key = g_strdup (key);
  job->old_dte = au_schedule_dte (&today, &position->contract.expiry);
  min_dte = roll_min_dte (self, job->old_dte);
  fetch = _ap_fetch_new (self, on_roll_data, job, (GDestroyNotify) roll_job_free);
  _ap_fetch_chain (fetch, position->contract.symbol, min_dte, min_dte + 7);
  _ap_fetch_chain (fetch, "SPX", params->hedge.spx_months_min * 30,
                   params->hedge.spx_months_max * 31);
  _ap_fetch_chain (fetch, "VIX", params->hedge.vix_months * 30 - 10,
                   params->hedge.vix_months * 31 + 10);
  _ap_fetch_seal (fetch);
}

/* au-autopilot-monitor.c: monitoring ticks, the protocol (L0–L3, exits),
 * the VIX breaker, expiries, the Friday window and the weekly cut (R0.11,
 * R6.x, R7.x, R8.8, D2.3, D2.5, D2.8, D2.10, D2.11, D2.15, D2.25, D2.26);
 * the rolls are in au-autopilot-roll.c, the LEAP ladder in
 * au-autopilot-leap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include "au-market-calendar.h"
#include "au-schedule.h"

/* Positions */

static AuSleeve
position_rules (AuAccountKind  kind,
                AuOptionRight  right)
{
  AuSleeve sleeve = _ap_sleeve_of_kind (kind);

  /* D2.2: a MINI's puts follow Gen's rules, its calls Com's. */
  if (sleeve == AU_SLEEVE_MINI)
    return right == AU_OPTION_PUT ? AU_SLEEVE_GEN : AU_SLEEVE_COM;
  return sleeve;
}

void
_ap_sync_positions (AuAutopilot *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->config.ledger, &error);
  g_autoptr(GHashTable) fresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  self->positions_dirty = FALSE;
  if (accounts == NULL)
    {
      g_warning ("Positions cannot be read: %s", error->message);
      return;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      g_autoptr(GArray) positions = NULL;

      if (account->status != AU_ACCOUNT_ACTIVE || account->kind == AU_ACCOUNT_ROOT)
        continue;
      positions = au_ledger_list_positions (self->config.ledger, account->id, TRUE, NULL);
      for (guint j = 0; positions != NULL && j < positions->len; j++)
        {
          const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, j);
          AuContract contract;
          char *pkey;
          ApPosition *position;

          if (!_ap_contract_from_position (p, &contract))
            continue;
          pkey = _ap_contract_key (account->id, &contract);
          position = g_hash_table_lookup (self->positions, pkey);
          if (position == NULL)
            {
              position = g_new0 (ApPosition, 1);
              position->account_id = account->id;
              au_contract_copy (&position->contract, &contract);
              position->rules = position_rules (account->kind, contract.right);
              if (contract.sec_type == AU_SEC_OPTION && p->quantity < 0)
                position->protocol =
                  au_position_protocol_new (self->config.constitution, position->rules,
                                            contract.right == AU_OPTION_PUT ? AU_STRATEGY_CSP
                                                                            : AU_STRATEGY_CC,
                                            contract.strike, NULL);
              g_hash_table_insert (self->positions, g_strdup (pkey), position);
            }
          position->quantity = p->quantity;
          /* A short option's credit per share, in 1/10,000 dollars:
           * −cost / (contracts × multiplier). */
          if (p->quantity < 0 && p->multiplier > 0)
            position->credit = (-p->cost_basis * (AU_PRICE_SCALE / AU_MONEY_SCALE))
                               / (-p->quantity * p->multiplier);
          g_hash_table_add (fresh, pkey);
          au_contract_clear (&contract);
        }
    }

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (fresh, key))
      g_hash_table_iter_remove (&iter);
}

/* Sorted keys, so that every run acts on positions in the same order. */
static GList *
position_keys (AuAutopilot *self)
{
  return g_list_sort (g_hash_table_get_keys (self->positions), (GCompareFunc) g_strcmp0);
}

gboolean
_ap_quote_series (AuAutopilot      *self,
                  const AuContract *contract,
                  AuOptionQuote    *quote)
{
  if (self->config.market == NULL || contract->sec_type != AU_SEC_OPTION)
    return FALSE;
  return au_market_sim_get_quote (self->config.market, contract->symbol, &contract->expiry,
                                  contract->right, contract->strike, quote, NULL);
}

const char *
_ap_account_name (AuAutopilot *self,
                  gint64       account_id,
                  char        *buffer,
                  gsize        size)
{
  AuLedgerAccount account = { 0 };

  if (au_ledger_get_account (self->config.ledger, account_id, &account, NULL))
    g_strlcpy (buffer, account.name, size);
  else
    g_snprintf (buffer, size, "account %" G_GINT64_FORMAT, account_id);
  au_ledger_account_clear (&account);
  return buffer;
}

void
_ap_record_week_event (AuAutopilot     *self,
                       AuWeekEventKind  kind,
                       const char      *account,
                       const char      *symbol)
{
  AuWeekEvent event;

  au_week_event_init (&event, kind, au_clock_get_now (self->config.clock), account, symbol);
  g_array_append_val (self->week_events, event);
}

/* Orders from the account manager (D2.3, R6.6, R17) */

void
_ap_route_intent (AuAutopilot         *self,
                  const AuTradeIntent *t,
                  const ApRouteTerms  *terms)
{
  gboolean close = au_trade_purpose_is_close (t->purpose);
  gboolean hedge = t->purpose == AU_TRADE_HEDGE_SPX_PUT || t->purpose == AU_TRADE_HEDGE_VIX_CALL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autofree char *id = NULL;
  AuOrderIntent intent = { 0 };
  AuOptionQuote quote = { 0 };
  ApBook book;
  JsonObject *object;

  if (!_ap_book_load (self, t->account_id, &book, &error))
    return;
  if (terms != NULL && terms->quote != NULL)
    quote = *terms->quote;
  quote.bid = t->bid;
  quote.ask = t->ask;
  quote.as_of = au_clock_get_now (self->config.clock) / G_USEC_PER_SEC;
  intent.account_id = t->account_id;
  au_contract_copy (&intent.contract, &t->contract);
  intent.side = t->side;
  intent.purpose = close ? AU_ORDER_PURPOSE_CLOSE : AU_ORDER_PURPOSE_OPEN;
  intent.quantity = t->quantity;
  intent.bid = t->bid;
  intent.ask = t->ask;
  intent.rule_reference = t->rule;
  proposal = _ap_proposal (self, &book, NULL, close ? "close" : hedge ? "hedge" : "open",
                           t->contract.sec_type == AU_SEC_STOCK ? "stock"
                           : t->contract.right == AU_OPTION_PUT ? "leap_put" : "leap_call",
                           &t->contract, t->delta, t->bid > 0 ? &quote : NULL,
                           terms != NULL ? (AuPrice) (terms->spot * AU_PRICE_SCALE + 0.5) : 0,
                           0, FALSE, book.equity);
  object = json_node_get_object (proposal);
  if (t->contract.sec_type == AU_SEC_STOCK)
    json_object_set_int_member (object, "shares", t->quantity);
  if (hedge && terms != NULL)
    {
      json_object_set_int_member (json_object_get_object_member (object, "account_state"),
                                  "protocol_level", terms->level);
      json_object_set_double_member (object, "quarter_gains",
                                     (double) terms->quarter_gains / AU_MONEY_SCALE);
    }
  intent.proposal = proposal;
  id = _ap_submit (self, &intent, book.name);
  au_contract_clear (&intent.contract);
  _ap_book_clear (&book);
}

void
_ap_route_trade_intents (AuAutopilot *self,
                         GArray      *intents)
{
  for (guint i = 0; intents != NULL && i < intents->len; i++)
    _ap_route_intent (self, &g_array_index (intents, AuTradeIntent, i), NULL);
}

/* Intents decided without a quote (a MINI's closes before its merge,
 * D2.3): the quotes are fetched first, then each is priced at its mid
 * (R0.5) and routed. */
static void
on_quotes_for_intents (AuAutopilot *self,
                       ApFetch     *fetch)
{
  GArray *intents = fetch->data;

  for (guint i = 0; i < intents->len; i++)
    {
      AuTradeIntent *t = &g_array_index (intents, AuTradeIntent, i);
      ApRouteTerms terms = { 0 };

      if (t->contract.sec_type == AU_SEC_STOCK)
        {
          AuStockQuote *quote = _ap_fetch_get_quote (fetch, t->contract.symbol);

          if (quote != NULL && quote->bid > 0 && quote->ask >= quote->bid)
            {
              t->bid = quote->bid;
              t->ask = quote->ask;
            }
        }
      else if (t->bid <= 0 || t->ask <= 0)
        {
          _ap_fetch_find_series (fetch, &t->contract, &terms.quote, &terms.spot);
          if (terms.quote != NULL)
            {
              t->bid = terms.quote->bid;
              t->ask = terms.quote->ask;
              t->delta = terms.quote->delta;
            }
        }
      _ap_route_intent (self, t, terms.quote != NULL ? &terms : NULL);
    }
  self->positions_dirty = TRUE;
}

static void
route_with_quotes (AuAutopilot *self,
                   GArray      *intents)
{
  g_autoptr(GArray) copy = au_trade_intents_new ();
  ApFetch *fetch;
  GDate today;

  if (intents == NULL || intents->len == 0)
    return;
  _au_autopilot_today (self, &today, NULL);
  for (guint i = 0; i < intents->len; i++)
    {
      AuTradeIntent t = g_array_index (intents, AuTradeIntent, i);

      au_contract_copy (&t.contract, &g_array_index (intents, AuTradeIntent, i).contract);
      g_array_append_val (copy, t);
    }
  fetch = _ap_fetch_new (self, on_quotes_for_intents, g_steal_pointer (&copy),
                         (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < intents->len; i++)
    {
      const AuTradeIntent *t = &g_array_index (intents, AuTradeIntent, i);
      int dte;

      if (t->contract.sec_type == AU_SEC_STOCK)
        {
          _ap_fetch_quote (fetch, t->contract.symbol);
          continue;
        }
      dte = MAX (au_schedule_dte (&today, &t->contract.expiry), 0);
      _ap_fetch_chain (fetch, t->contract.symbol, (guint) dte, (guint) dte);
    }
  _ap_fetch_seal (fetch);
}

static void
route_pending (AuAutopilot *self)
{
  g_autoptr(GArray) pending = g_steal_pointer (&self->pending_intents);

  if (pending != NULL)
    _ap_route_trade_intents (self, pending);
}

/* What a close of @position is judged on besides the order (D2.15): the
 * credit it took and its protocol level. */
void
_ap_add_close_terms (JsonNode   *proposal,
                     ApPosition *position)
{
  JsonObject *object = json_node_get_object (proposal);
  JsonObject *state = json_object_get_object_member (object, "account_state");

  if (position->credit > 0)
    json_object_set_double_member (object, "original_credit",
                                   (double) position->credit / AU_PRICE_SCALE);
  if (state != NULL && position->protocol != NULL)
    json_object_set_int_member (state, "protocol_level",
                                au_position_protocol_get_level (position->protocol));
}

/* Protocol events (R6.5, D2.10): every level change audited. */
void
_ap_audit_protocol_events (AuAutopilot *self,
                           const char  *account,
                           const char  *what,
                           GArray      *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      const AuProtocolEvent *e = &g_array_index (events, AuProtocolEvent, i);
      g_autofree char *message =
        g_strdup_printf ("%s: %s → %s at %.2f× ATR: %s", what,
                         au_protocol_level_to_string (e->from), au_protocol_level_to_string (e->to),
                         e->multiple, e->why.reason);
      JsonObject *object = json_object_new ();
      g_autoptr(JsonNode) context = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "account", account);
      json_object_set_string_member (object, "position", what);
      json_object_set_string_member (object, "from", au_protocol_level_to_string (e->from));
      json_object_set_string_member (object, "to", au_protocol_level_to_string (e->to));
      json_object_set_double_member (object, "multiple", e->multiple);
      json_object_set_double_member (object, "spot", (double) e->spot / AU_PRICE_SCALE);
      json_object_set_double_member (object, "atr", (double) e->atr / AU_PRICE_SCALE);
      json_object_set_string_member (object, "actor", e->actor);
      json_object_set_string_member (object, "message", message);
      json_node_take_object (context, object);
      _au_autopilot_audit (self, e->actor, "protocol", e->why.rule,
                           au_protocol_level_to_string (e->to), context);
      _au_autopilot_emit (self, "protocol", account, e->why.rule, "%s", message);
    }
}

static void
audit_breaker_events (AuAutopilot *self,
                      GArray      *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      const AuBreakerEvent *e = &g_array_index (events, AuBreakerEvent, i);
      JsonObject *object = json_object_new ();
      g_autoptr(JsonNode) context = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "from", au_vix_tier_to_string (e->from));
      json_object_set_string_member (object, "to", au_vix_tier_to_string (e->to));
      json_object_set_double_member (object, "vix", e->vix);
      json_object_set_boolean_member (object, "sleeve_latch", e->sleeve_latch);
      if (e->sleeve_latch)
        json_object_set_string_member (object, "sleeve", au_sleeve_to_string (e->sleeve));
      json_object_set_string_member (object, "message", e->why.reason);
      json_node_take_object (context, object);
      _au_autopilot_audit (self, e->actor, "breaker", e->why.rule, au_vix_tier_to_string (e->to),
                           context);
      _au_autopilot_emit (self, "breaker", e->sleeve_latch ? au_sleeve_to_string (e->sleeve) : NULL,
                          e->why.rule, "%s", e->why.reason);
      if (!e->sleeve_latch && e->to == AU_VIX_TIER_HEDGED && e->from < AU_VIX_TIER_HEDGED)
        _ap_record_week_event (self, AU_WEEK_EVENT_HEDGED_WEEK, NULL, "VIX");
    }
}

/* L3: a marketable exit re-priced until filled (D2.25), the sleeve SAFE. */
void
_ap_start_exit (AuAutopilot *self,
                ApPosition  *position,
                const char  *account,
                const char  *rule,
                const char  *reason)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autofree char *id = NULL;
  AuOrderIntent intent = { 0 };
  AuOptionQuote quote = { 0 };
  ApBook book;

  if (position->exiting)
    return;
  if (!_ap_book_load (self, position->account_id, &book, &error))
    return;
  if (!_ap_quote_series (self, &position->contract, &quote))
    {
      quote.bid = position->mark;
      quote.ask = position->mark;
    }
  intent.account_id = position->account_id;
  au_contract_copy (&intent.contract, &position->contract);
  intent.side = position->quantity < 0 ? AU_SIDE_BUY : AU_SIDE_SELL;
  intent.purpose = AU_ORDER_PURPOSE_L3_EXIT;
  intent.quantity = ABS (position->quantity);
  intent.bid = quote.bid;
  intent.ask = quote.ask;
  intent.rule_reference = rule;
  proposal = _ap_proposal (self, &book, NULL, "exit", NULL, &intent.contract, position->delta,
                           NULL, 0, 0, FALSE, book.equity);
  _ap_add_close_terms (proposal, position);
  intent.proposal = proposal;
  id = _ap_submit (self, &intent, account);
  au_contract_clear (&intent.contract);
  _ap_book_clear (&book);
  if (id == NULL)
    return;
  position->exiting = TRUE;
  self->stats.l3_exits++;
  _ap_record_week_event (self, AU_WEEK_EVENT_L3_EXIT, account, position->contract.symbol);
  /* R6.4 / D2.26: the sleeve is SAFE (exits only) until reset. */
  au_circuit_breaker_latch_sleeve (self->breaker, au_clock_get_now (self->config.clock),
                                   position->rules, reason, events);
  audit_breaker_events (self, events);
}

/* A close of a short option: a profit taken (D2.15, R4.2), or, with
 * @action "exit", a covered call bought back at assignment risk: a
 * protocol action (R6.10, D2.11) that D2.15 allows at any time the market
 * is open, not only in the Friday window of a close (R1.1). The price
 * stays a working limit at the mid (R0.5); the marketable pricing of
 * D2.25 is for L3 exits only. */
static void
close_position (AuAutopilot         *self,
                ApPosition          *position,
                const AuOptionQuote *quote,
                const char          *name,
                const char          *action,
                const char          *rule,
                const char          *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autofree char *id = NULL;
  g_autofree char *what = au_contract_describe (&position->contract);
  AuOrderIntent intent = { 0 };
  ApBook book;

  if (!_ap_book_load (self, position->account_id, &book, &error))
    return;
  intent.account_id = position->account_id;
  au_contract_copy (&intent.contract, &position->contract);
  intent.side = position->quantity < 0 ? AU_SIDE_BUY : AU_SIDE_SELL;
  intent.purpose = AU_ORDER_PURPOSE_CLOSE;
  intent.quantity = ABS (position->quantity);
  intent.bid = quote->bid;
  intent.ask = quote->ask;
  intent.rule_reference = rule;
  proposal = _ap_proposal (self, &book, NULL, action, NULL, &intent.contract, quote->delta,
                           quote, 0, 0, FALSE, book.equity);
  _ap_add_close_terms (proposal, position);
  intent.proposal = proposal;
  _au_autopilot_emit (self, action, name, rule, "Closing %s: %s", what, reason);
  id = _ap_submit (self, &intent, name);
  /* Refused or sent, it is not asked again this session: a refusal is
   * audited once, not every five minutes. */
  position->exiting = TRUE;
  au_contract_clear (&intent.contract);
  _ap_book_clear (&book);
}

/* One short option at a check: breach level, protocol action, profit. */
static void
check_position (AuAutopilot *self,
                ApFetch     *fetch,
                const char  *key,
                ApPosition  *position,
                const GDate *today,
                int          minute)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  g_autoptr(GError) error = NULL;
  g_autofree char *what = au_contract_describe (&position->contract);
  AuStockQuote *spot = _ap_fetch_get_quote (fetch, position->contract.symbol);
  AuOptionQuote quote;
  AuAtrValue atr;
  AuProtocolWhy why;
  char name[64];
  gboolean have_quote;

  if (position->protocol == NULL || position->exiting || spot == NULL || spot->last <= 0)
    return;
  _ap_account_name (self, position->account_id, name, sizeof name);
  if (!au_atr_service_lookup (self->atr, position->contract.symbol, today, minute, spot->last,
                              &atr, &error))
    return;
  if (!au_position_protocol_observe (position->protocol, au_clock_get_now (self->config.clock),
                                     spot->last, atr.atr, events, &error))
    {
      _au_autopilot_emit (self, "protocol", name, "R6.5", "%s cannot be checked: %s", what,
                          error->message);
      return;
    }
  _ap_audit_protocol_events (self, name, what, events);
  have_quote = _ap_quote_series (self, &position->contract, &quote);
  if (have_quote)
    {
      position->mark = (quote.bid + quote.ask) / 2;
      position->delta = quote.delta;
    }

  switch (au_position_protocol_get_action (position->protocol, &why))
    {
    case AU_PROTOCOL_ACTION_EXIT:
      _ap_start_exit (self, position, name, why.rule, why.reason);
      return;
    case AU_PROTOCOL_ACTION_ROLL:
      _ap_start_roll (self, position, key);
      return;
    case AU_PROTOCOL_ACTION_PREPARE_ROLL:
    case AU_PROTOCOL_ACTION_NONE:
    default:
      break;
    }

  if (!have_quote || position->credit <= 0)
    return;
  if (position->contract.right == AU_OPTION_CALL)
    {
      AuCoveredCall call = { 0 };
      AuCoveredCallDecision decision;

      call.entry_credit = position->credit;
      call.mark = quote.ask;
      call.delta = quote.delta;
      call.dte = au_schedule_dte (today, &position->contract.expiry);
      call.contracts = -position->quantity;
      call.shares_held = call.contracts * 100;
      if (!au_covered_call_decide (self->config.constitution, &call, &decision, NULL))
        return;
      /* R6.10, D2.11: the buy-back at assignment risk is a protocol exit;
       * the profit-take (R4.2) stays a close of the manage window. */
      if (decision.action == AU_CC_BUY_BACK_OR_ROLL)
        close_position (self, position, &quote, name, "exit", "R6.10/D2.11",
                        decision.why.reason);
      else if (decision.action == AU_CC_TAKE_PROFIT)
        close_position (self, position, &quote, name, "close", decision.why.rule,
                        decision.why.reason);
      return;
    }
  /* D2.15: a profit of 65% or more of the credit is taken at any time. */
  if ((double) (position->credit - quote.ask) >= params->protocol.profit_take_anytime
                                                 * (double) position->credit)
    {
      g_autofree char *reason =
        g_strdup_printf ("%.0f%% of the %.2f credit is earned (buy back at %.2f)",
                         100.0 * (double) (position->credit - quote.ask) / (double) position->credit,
                         (double) position->credit / AU_PRICE_SCALE,
                         (double) quote.ask / AU_PRICE_SCALE);

      close_position (self, position, &quote, name, "close", "D2.15", reason);
    }
}

static void
update_pivots (AuAutopilot *self)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->config.ledger, NULL);

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      AuLedgerSummary summary;
      AuDrawdownPivot *pivot;
      AuProtocolWhy why;
      gboolean changed = FALSE;

      if (account->status != AU_ACCOUNT_ACTIVE || account->kind == AU_ACCOUNT_ROOT
          || !au_ledger_get_summary (self->config.ledger, account->id, &summary, NULL)
          || summary.equity_at_cost <= 0)
        continue;
      pivot = g_hash_table_lookup (self->pivots, &account->id);
      if (pivot == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = account->id;
          pivot = g_new0 (AuDrawdownPivot, 1);
          au_drawdown_pivot_init (pivot, summary.equity_at_cost);
          g_hash_table_insert (self->pivots, key, pivot);
        }
      if (au_drawdown_pivot_update (pivot, self->config.constitution, summary.equity_at_cost,
                                    self->vix, &changed, &why, NULL)
          && changed)
        {
          g_autoptr(JsonNode) context = json_node_new (JSON_NODE_OBJECT);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "account", account->name);
          json_object_set_boolean_member (object, "active", pivot->active);
          json_object_set_string_member (object, "message", why.reason);
          json_node_take_object (context, object);
          _au_autopilot_audit (self, "engine", "pivot", why.rule,
                               pivot->active ? "PIVOT" : "RECOVERED", context);
          _au_autopilot_emit (self, "pivot", account->name, why.rule, "%s", why.reason);
        }
    }
}

void
_ap_observe_vix (AuAutopilot        *self,
                 const AuStockQuote *vix)
{
  g_autoptr(GArray) events = NULL;
  AuVixTier before = au_circuit_breaker_get_tier (self->breaker);
  AuVixTier after;
  gint64 now = au_clock_get_now (self->config.clock);

  /* No quote (the request failed): the VIX keeps its age and D2.7 judges it. */
  if (vix == NULL || vix->last <= 0)
    return;
  events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));
  self->vix = (double) vix->last / AU_PRICE_SCALE;
  self->vix_as_of = vix->as_of > 0 ? vix->as_of : now;
  au_circuit_breaker_observe (self->breaker, now, self->vix, events, NULL);
  audit_breaker_events (self, events);
  after = au_circuit_breaker_get_tier (self->breaker);
  if (after != before)
    {
      g_autofree char *reason = g_strdup_printf ("VIX at %.2f: %s", self->vix,
                                                 au_vix_tier_to_string (after));

      /* R6.9 / D2.8: above 65 SAFE, above 80 the kill switch. */
      if (after == AU_VIX_TIER_EMERGENCY)
        _au_autopilot_set_state (self, AU_SYSTEM_EMERGENCY, "R6.9", reason);
      else if (after == AU_VIX_TIER_SAFE && self->state != AU_SYSTEM_EMERGENCY)
        _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "R6.9", reason);
    }
}

static void
on_monitor_data (AuAutopilot *self,
                 ApFetch     *fetch)
{
  g_autoptr(GList) keys = NULL;
  GDate today;
  int minute;

  _au_autopilot_today (self, &today, &minute);
  _ap_observe_vix (self, _ap_fetch_get_quote (fetch, "VIX"));

  if (self->positions_dirty)
    _ap_sync_positions (self);
  keys = position_keys (self);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      ApPosition *position = g_hash_table_lookup (self->positions, l->data);

      if (position != NULL)
        check_position (self, fetch, l->data, position, &today, minute);
    }
  /* D2.6 on the day's equity: once, at the last check of the day. */
  if (minute + AU_MARKET_STEP_MINUTES >= au_schedule_close_minute (self->config.constitution, &today))
    update_pivots (self);

  /* Covered calls on shares that filled since the Monday entry (D2.19). */
  if (au_schedule_in_covered_call_window (self->config.constitution, &today, minute))
    _ap_run_entries_calls_only (self);
}

void
_ap_run_monitor (AuAutopilot *self)
{
  g_autoptr(GList) keys = NULL;
  ApFetch *fetch;

  /* R8.8: a broker that is down puts the system in SAFE. */
  if (au_broker_get_state (self->config.broker) != AU_BROKER_READY)
    {
      if (self->state != AU_SYSTEM_SAFE && self->state != AU_SYSTEM_EMERGENCY)
        {
          self->broker_down = TRUE;
          _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "R8.8",
                                   "the broker is unreachable: no new orders; positions are "
                                   "kept and reconciled when it is back");
        }
      return;
    }
  if (self->broker_down)
    {
      self->broker_down = FALSE;
      _ap_reconcile (self, "the broker is back (R9.1)");
      return;
    }
  route_pending (self);
  if (self->positions_dirty)
    _ap_sync_positions (self);

  fetch = _ap_fetch_new (self, on_monitor_data, NULL, NULL);
  _ap_fetch_quote (fetch, "VIX");
  keys = position_keys (self);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      ApPosition *position = g_hash_table_lookup (self->positions, l->data);

      if (position->protocol != NULL)
        _ap_fetch_quote (fetch, position->contract.symbol);
    }
  _ap_fetch_seal (fetch);
}

/* R0.11 / R6.8 / D2.13: the day's ATR(5) of every symbol, at 09:30. */
static void
on_atr_data (AuAutopilot *self,
             ApFetch     *fetch)
{
  GHashTableIter iter;
  gpointer key, value;
  GDate today;

  _au_autopilot_today (self, &today, NULL);
  g_hash_table_iter_init (&iter, fetch->bars);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;

      if (!au_atr_service_compute (self->atr, key, &today, value, &error))
        _au_autopilot_emit (self, "atr", NULL, "R6.8",
                            "The ATR of %s could not be computed: %s; yesterday's × 1.1 is used "
                            "(D2.7)", (const char *) key, error->message);
    }
  g_hash_table_iter_init (&iter, fetch->errors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) error = NULL;

      au_atr_service_compute (self->atr, key, &today, NULL, &error);
    }
}

static gboolean
first_day_of_quarter (const GDate *today)
{
  GDate previous = *today;

  au_nyse_previous_trading_day (&previous);
  return (g_date_get_month (&previous) - 1) / 3 != (g_date_get_month (today) - 1) / 3;
}

void
_ap_run_atr (AuAutopilot *self)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  g_autoptr(GPtrArray) symbols = g_ptr_array_new ();
  ApFetch *fetch;
  GDate today;

  _au_autopilot_today (self, &today, NULL);
  /* Day orders expired at yesterday's close: what was being closed and is
   * still held is judged afresh today. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->positions);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      ((ApPosition *) value)->exiting = FALSE;
  }
  /* D2.9: the quarter just ended is reinvested on the next quarter's first day. */
  if (first_day_of_quarter (&today))
    {
      g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) outcomes = au_account_manager_quarter_start (self->accounts, now, &error);

      if (outcomes == NULL && error != NULL)
        _au_autopilot_emit (self, "reinvest", NULL, "D2.9", "No reinvestment: %s", error->message);
      else if (outcomes != NULL)
        _au_autopilot_emit (self, "reinvest", NULL, "D2.9",
                            "Quarterly reinvestment of %u sleeve(s)", outcomes->len);
    }

  fetch = _ap_fetch_new (self, on_atr_data, NULL, NULL);
  for (AuSleeve s = AU_SLEEVE_GEN; s <= AU_SLEEVE_COM; s++)
    {
      const AuSleeveRules *rules = &params->sleeve[s];

      for (guint i = 0; rules->universe[i] != NULL; i++)
        _ap_fetch_bars (fetch, rules->universe[i], params->atr.period + 1);
    }
  _ap_fetch_seal (fetch);
}

/* Expiries (R7): the broker's ::expiry events booked to the sleeves that
 * hold the series, in account order. */
void
_ap_on_expiry (AuBroker            *broker,
               const AuExpiryEvent *event,
               AuAutopilot         *self)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  g_autoptr(GList) keys = NULL;
  g_autofree char *what = au_contract_describe (&event->contract);
  gint64 left = ABS (event->contracts);
  char expiry[16];
  AuInstrument instrument = { 0 };
  GDate today;

  if (self->positions_dirty)
    _ap_sync_positions (self);
  _au_autopilot_today (self, &today, NULL);
  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &event->contract.expiry);
  instrument.symbol = event->contract.symbol;
  instrument.right = event->contract.right == AU_OPTION_PUT ? AU_RIGHT_PUT : AU_RIGHT_CALL;
  instrument.strike = event->contract.strike;
  instrument.expiry = expiry;
  instrument.multiplier = event->contract.multiplier > 0 ? event->contract.multiplier : 100;

  keys = position_keys (self);
  for (GList *l = keys; l != NULL && left > 0; l = l->next)
    {
      ApPosition *position = g_hash_table_lookup (self->positions, l->data);
      g_autoptr(GError) error = NULL;
      g_autofree char *reference = NULL;
      gint64 contracts;
      char name[64];

      if (!au_contract_equal (&position->contract, &event->contract)
          || (position->quantity < 0) != (event->contracts < 0))
        continue;
      contracts = MIN (ABS (position->quantity), left);
      left -= contracts;
      _ap_account_name (self, position->account_id, name, sizeof name);
      reference = g_strdup_printf ("%s:%" G_GINT64_FORMAT, event->reference, position->account_id);
      if (event->outcome == AU_EXPIRY_ASSIGNED)
        {
          if (au_ledger_assign (self->config.ledger, position->account_id, &instrument, contracts,
                                reference, now, &error) == 0)
            {
              _au_autopilot_emit (self, "expiry", name, "R7.2", "The assignment of %s cannot be "
                                  "booked: %s", what, error->message);
              continue;
            }
          self->stats.assignments++;
          if (event->contract.right == AU_OPTION_PUT)
            {
              /* R2.4 / R7.2: the shares are written on from the next Monday. */
              _ap_record_week_event (self, AU_WEEK_EVENT_ASSIGNMENT, name, event->contract.symbol);
              _au_autopilot_emit (self, "assignment", name, "R7.2",
                                  "%" G_GINT64_FORMAT " × %s assigned: %" G_GINT64_FORMAT " shares "
                                  "bought; covered calls from the next Monday window", contracts,
                                  what, contracts * instrument.multiplier);
            }
          else
            {
              GDate resume;
              gint64 *key = g_new (gint64, 1);

              /* R7.3: called away — CSPs resume at the sleeve's next cycle. */
              *key = position->account_id;
              au_covered_call_csp_resume_date (self->config.constitution,
                                               position->rules == AU_SLEEVE_COM ? AU_SLEEVE_GEN
                                                                                : position->rules,
                                               &today, &resume, NULL);
              g_hash_table_replace (self->csp_resume, key, g_date_copy (&resume));
              _au_autopilot_emit (self, "called-away", name, "R7.3",
                                  "%" G_GINT64_FORMAT " × %s assigned: the shares are called away; "
                                  "puts resume at the sleeve's next cycle", contracts, what);
            }
        }
      else if (event->outcome == AU_EXPIRY_EXPIRED)
        {
          if (au_ledger_expire (self->config.ledger, position->account_id, &instrument, now,
                                &error) == 0)
            _au_autopilot_emit (self, "expiry", name, "R7", "The expiry of %s cannot be booked: %s",
                                what, error->message);
        }
      else
        _au_autopilot_emit (self, "expiry", name, "R7",
                            "%s was exercised at expiry; the ledger books exercises of long "
                            "options only through a close, so this needs a manual entry", what);
    }
  self->positions_dirty = TRUE;
  au_engine_workload_emit_changed (AU_ENGINE_WORKLOAD (self));
}

/* The Friday manage window (D2.15, D2.3, R7.1): merges, and what should
 * not reach expiry — long options (the ledger books no exercise) and the
 * assignment-risk check of every short option expiring today. */
void
_ap_run_manage (AuAutopilot *self)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  g_auto(AuLifecycleResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) keys = NULL;
  GDate today;
  int minute;

  _au_autopilot_today (self, &today, &minute);
  if (au_account_manager_friday_manage (self->accounts, now, &result, &error))
    {
      self->stats.merges += result.merged != NULL ? result.merged->len : 0;
      for (guint i = 0; result.merged != NULL && i < result.merged->len; i++)
        _au_autopilot_emit (self, "merge", NULL, "D2.3",
                            "MINI %" G_GINT64_FORMAT " merged into its tree's Com-Acc",
                            g_array_index (result.merged, gint64, i));
      route_with_quotes (self, result.intents);
      self->positions_dirty = TRUE;
    }
  else
    _au_autopilot_emit (self, "manage", NULL, "D2.3", "The Friday window failed: %s",
                        error->message);

  /* R17: the ladder is reviewed once a quarter. */
  _ap_leap_review (self, &today);

  if (self->positions_dirty)
    _ap_sync_positions (self);
  keys = position_keys (self);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      ApPosition *position = g_hash_table_lookup (self->positions, l->data);
      AuOptionQuote quote;
      char name[64];

      if (position->contract.sec_type != AU_SEC_OPTION || position->exiting
          || g_date_compare (&position->contract.expiry, &today) != 0
          || !_ap_quote_series (self, &position->contract, &quote))
        continue;
      _ap_account_name (self, position->account_id, name, sizeof name);
      if (position->quantity > 0)
        close_position (self, position, &quote, name, "close", "D2.15",
                        "a long option is sold before expiry rather than exercised");
      else
        {
          AuStockQuote spot_quote = { 0 };
          double spot;
          AuAssignmentCheck check;

          if (self->config.market == NULL
              || !au_market_sim_get_price (self->config.market, position->contract.symbol, &spot))
            continue;
          spot_quote.last = (AuPrice) (spot * AU_PRICE_SCALE);
          if (au_assignment_check (self->config.constitution, position->contract.right,
                                   position->contract.strike, spot_quote.last,
                                   (double) (au_schedule_close_minute (self->config.constitution,
                                                                       &today) - minute) / 60.0,
                                   &check, NULL)
              && check.prepare)
            {
              g_autofree char *what = au_contract_describe (&position->contract);

              _au_autopilot_emit (self, "assignment-risk", name, check.why.rule,
                                  "%s: %s risk (%.0f%%), prepared for assignment", what,
                                  au_assignment_risk_to_string (check.risk),
                                  check.probability * 100);
            }
        }
    }
}

static gboolean
store_week_label (AuAutopilot *self,
                  const char  *week,
                  AuWeekLabel *label,
                  GError     **error)
{
  static const char *migrations[] = {
    "CREATE TABLE autopilot_week_types ("
    "  id INTEGER PRIMARY KEY,"
    "  week TEXT NOT NULL,"
    "  account TEXT,"
    "  type TEXT NOT NULL,"
    "  events TEXT NOT NULL,"
    "  UNIQUE (week, account))",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *events = NULL;

  if (!au_database_migrate (self->config.database, "autopilot", migrations,
                            G_N_ELEMENTS (migrations), error))
    return FALSE;
  json_builder_begin_array (builder);
  for (guint i = 0; i < label->events->len; i++)
    {
      const AuWeekEvent *e = &g_array_index (label->events, AuWeekEvent, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, au_week_type_to_key (au_week_event_type (e->kind)));
      json_builder_set_member_name (builder, "account");
      json_builder_add_string_value (builder, e->account);
      json_builder_set_member_name (builder, "symbol");
      json_builder_add_string_value (builder, e->symbol);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, e->rule);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  events = json_to_string (root, FALSE);
  stmt = au_database_prepare (self->config.database,
                              "INSERT OR REPLACE INTO autopilot_week_types (week, account, type, "
                              "events) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, week, -1, SQLITE_TRANSIENT);
  if (label->account != NULL)
    sqlite3_bind_text (stmt, 2, label->account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, au_week_type_to_key (label->type), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, events, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (self->config.database, error, "storing a week type");
      return FALSE;
    }
  return TRUE;
}

/* D2.5: one label per sleeve and one for the system, with their events. */
static void
label_week (AuAutopilot *self,
            const GDate *today)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->config.ledger, NULL);
  g_autoptr(AuWeekLabel) system = NULL;
  g_autoptr(GError) error = NULL;
  char week[16];

  g_date_strftime (week, sizeof week, "%G-W%V", today);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      g_autoptr(AuWeekLabel) label = NULL;

      if (account->status != AU_ACCOUNT_ACTIVE || account->kind == AU_ACCOUNT_ROOT)
        continue;
      label = au_week_type_classify ((const AuWeekEvent *) self->week_events->data,
                                     self->week_events->len, account->name);
      if (!store_week_label (self, week, label, &error))
        {
          _au_autopilot_emit (self, "week-type", account->name, "D2.5",
                              "The week type cannot be stored: %s", error->message);
          return;
        }
    }
  system = au_week_type_classify ((const AuWeekEvent *) self->week_events->data,
                                  self->week_events->len, NULL);
  if (store_week_label (self, week, system, &error))
    {
      g_autoptr(JsonNode) context = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "week", week);
      json_object_set_string_member (object, "type", au_week_type_to_key (system->type));
      json_object_set_int_member (object, "events", system->events->len);
      json_object_set_string_member (object, "message", system->why.reason);
      json_node_take_object (context, object);
      _au_autopilot_audit (self, "engine", "week_type", "D2.5", au_week_type_to_key (system->type),
                           context);
      _au_autopilot_emit (self, "week-type", NULL, "D2.5", "Week %s: %s", week,
                          au_week_type_to_key (system->type));
    }
  self->stats.week_types[system->type]++;
  g_array_set_size (self->week_events, 0);
}

void
_ap_reset_l3 (AuAutopilot *self,
              const char  *actor,
              const char  *reason)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ApPosition *position = value;
      g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));

      if (position->protocol == NULL
          || au_position_protocol_get_level (position->protocol) != AU_PROTOCOL_L3)
        continue;
      if (au_position_protocol_reset (position->protocol, au_clock_get_now (self->config.clock),
                                      actor, reason, events, NULL))
        _ap_audit_protocol_events (self, "", key, events);
    }
}

static guint
positions_at_l3 (AuAutopilot *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ApPosition *position = value;

      if (position->protocol != NULL
          && au_position_protocol_get_level (position->protocol) == AU_PROTOCOL_L3)
        n++;
    }
  return n;
}

/* TRUE when this week's system label is stored: its cut has run. A run
 * stopped right after the cut resumes on the cut's own minute, and what
 * is due at the resumed instant runs; a second cut would label the week
 * again and run the forks and merges twice. */
static gboolean
week_already_cut (AuAutopilot *self,
                  const GDate *today)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char week[16];

  g_date_strftime (week, sizeof week, "%G-W%V", today);
  stmt = au_database_prepare (self->config.database,
                              "SELECT 1 FROM autopilot_week_types "
                              "WHERE week = ? AND account IS NULL", NULL);
  /* No table yet: no week was ever labelled. */
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, week, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* R1.2: the weekly cut. */
void
_ap_run_weekly_cut (AuAutopilot *self)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  g_auto(AuLifecycleResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  GDate today;

  _au_autopilot_today (self, &today, NULL);
  if (week_already_cut (self, &today))
    {
      _au_autopilot_non_action (self, NULL, "R1.2", "no second weekly cut: this week's cut "
                                "already ran before the restart");
      return;
    }
  if (self->positions_dirty)
    _ap_sync_positions (self);
  label_week (self, &today);
  self->stats.weeks++;

  if (au_account_manager_weekly_cut (self->accounts, now, &result, &error))
    {
      guint forks = (result.new_minis != NULL ? result.new_minis->len : 0)
                    + (result.new_trees != NULL ? result.new_trees->len : 0);

      self->stats.forks += forks;
      self->stats.merges += result.merged != NULL ? result.merged->len : 0;
      if (forks > 0)
        _au_autopilot_emit (self, "fork", NULL, "D2.2", "%u fork(s) at the weekly cut", forks);
      for (guint i = 0; result.alerts != NULL && i < result.alerts->len; i++)
        {
          const AuAccountAlert *alert = g_ptr_array_index (result.alerts, i);

          _au_autopilot_emit (self, "alert", NULL, alert->rule, "%s", alert->message);
        }
      /* D2.3 / D2.15: the closes before a merge go out in the Friday
       * manage window, which asks for them again; sent at Monday's open
       * they would be refused outside it (R1.1). */
      if (result.intents != NULL && result.intents->len > 0)
        _au_autopilot_emit (self, "merge", NULL, "D2.3", "%u position(s) of MINIs due to merge "
                            "are closed in the next Friday manage window", result.intents->len);
      self->positions_dirty = TRUE;
    }
  else
    _au_autopilot_emit (self, "weekly-cut", NULL, "R1.2", "The weekly cut failed: %s",
                        error->message);

  /* D2.26: unattended, the policy resets latches at the cut. */
  if (self->config.unattended)
    {
      g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));

      if (au_circuit_breaker_policy_check (self->breaker, au_clock_get_now (self->config.clock),
                                           self->vix, positions_at_l3 (self), events))
        {
          self->stats.latch_resets++;
          audit_breaker_events (self, events);
          if (self->state == AU_SYSTEM_EMERGENCY)
            _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "D2.26",
                                     "the unattended policy reset the kill switch at the cut");
          if (self->state == AU_SYSTEM_SAFE)
            _ap_reconcile (self, "latches reset by the unattended policy (D2.26)");
        }
    }
}

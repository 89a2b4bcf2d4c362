/* au-autopilot-entries.c: the weekly entries — Gen Thursday, Rev Wednesday,
 * Com Monday with its share lots and covered calls (R2.2, R3.2, R4.1,
 * D2.2, D2.6, D2.8, D2.18, D2.19, D2.23, D2.28, R1.3, R7.2, R7.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include "au-option-selector.h"
#include "au-position-sizer.h"
#include "au-schedule.h"

typedef struct
{
  ApActionKind kind;
  gboolean     calls_only;    /* D2.19 later in the window: no share lots */
  GDate        today;
  GArray      *accounts;      /* AuLedgerAccount, the active ones */
  GPtrArray   *symbols;       /* every symbol asked for */
  int          dte_min, dte_max;
  int          cc_dte_min, cc_dte_max;
} EntryPlan;

static void
entry_plan_free (EntryPlan *plan)
{
  g_clear_pointer (&plan->accounts, g_array_unref);
  g_clear_pointer (&plan->symbols, g_ptr_array_unref);
  g_free (plan);
}

static const char *
sleeve_rule (AuSleeve sleeve)
{
  switch (sleeve)
    {
    case AU_SLEEVE_GEN:
      return "R2.2";
    case AU_SLEEVE_REV:
      return "R3.2";
    case AU_SLEEVE_COM:
    case AU_SLEEVE_MINI:
    default:
      return "R4.1";
    }
}

static gboolean
account_trades (const AuLedgerAccount *account,
                ApActionKind           kind)
{
  if (account->status != AU_ACCOUNT_ACTIVE)
    return FALSE;
  switch (kind)
    {
    case AP_ACTION_ENTRY_GEN:
      return account->kind == AU_ACCOUNT_GEN || account->kind == AU_ACCOUNT_MINI;
    case AP_ACTION_ENTRY_REV:
      return account->kind == AU_ACCOUNT_REV;
    case AP_ACTION_ENTRY_COM:
      /* D2.19: covered calls on shares any sleeve holds. */
      return account->kind != AU_ACCOUNT_ROOT;
    case AP_ACTION_ATR:
    case AP_ACTION_MONITOR:
    case AP_ACTION_MANAGE:
    case AP_ACTION_WEEKLY_CUT:
    case AP_N_ACTIONS:
    default:
      return FALSE;
    }
}

static void
add_symbol (GPtrArray  *symbols,
            const char *symbol)
{
  for (guint i = 0; i < symbols->len; i++)
    if (g_strcmp0 (g_ptr_array_index (symbols, i), symbol) == 0)
      return;
  g_ptr_array_add (symbols, g_strdup (symbol));
}

/* The sleeve's ATR and spot now, or FALSE with the reason audited. */
static gboolean
market_of (AuAutopilot *self,
           ApFetch     *fetch,
           const char  *symbol,
           AuPrice     *spot,
           AuPrice     *atr)
{
  AuStockQuote *quote = _ap_fetch_get_quote (fetch, symbol);
  g_autoptr(GError) error = NULL;
  AuAtrValue value;
  GDate today;
  int minute;

  if (quote == NULL || quote->last <= 0)
    return FALSE;
  *spot = quote->last;
  _au_autopilot_today (self, &today, &minute);
  if (!au_atr_service_lookup (self->atr, symbol, &today, minute, quote->last, &value, &error))
    return FALSE;
  *atr = value.atr;
  return TRUE;
}

/* D2.28 and R1.3: a CSP needs a known, fresh earnings calendar and no
 * report this week. */
static gboolean
earnings_allow (AuAutopilot  *self,
                ApFetch      *fetch,
                const char   *symbol,
                const GDate  *today,
                gboolean     *earnings_week,
                char        **why)
{
  AuEarningsCalendar *calendar = g_hash_table_lookup (fetch->earnings, symbol);
  GDate horizon = *today;

  *earnings_week = FALSE;
  g_date_add_days (&horizon, 7);
  if (calendar == NULL || !au_earnings_calendar_covers (calendar, symbol, &horizon))
    {
      *why = g_strdup_printf ("the earnings calendar of %s is unknown or older than 7 days: no "
                              "put is written on it until one is supplied (an IB event feed or "
                              "a symbol,date CSV import)", symbol);
      return FALSE;
    }
  *earnings_week = au_earnings_calendar_in_week (calendar, symbol, today);
  if (*earnings_week)
    {
      *why = g_strdup_printf ("%s reports earnings this week: no put is written on it", symbol);
      return FALSE;
    }
  return TRUE;
}

static AuProtocolLevel
highest_level (AuAutopilot *self,
               gint64       account_id)
{
  AuProtocolLevel level = AU_PROTOCOL_L0;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ApPosition *p = value;

      if (p->account_id == account_id && p->protocol != NULL)
        level = MAX (level, au_position_protocol_get_level (p->protocol));
    }
  return level;
}

/* One CSP entry of @book on @symbol under @sleeve's rules. */
static void
enter_csp (AuAutopilot     *self,
           ApFetch         *fetch,
           EntryPlan       *plan,
           ApBook          *book,
           AuSleeve         sleeve,
           const char      *mini_rules,
           AuMoney          capital,
           const char      *symbol)
{
  AuConstitution *c = self->config.constitution;
  const char *rule = sleeve_rule (sleeve);
  g_autoptr(GError) error = NULL;
  g_autoptr(AuSelection) selection = NULL;
  g_autofree char *why = NULL;
  AuSelectionRequest request = { 0 };
  AuSizingState state = { 0 };
  AuSizing sizing = { 0 };
  AuOptionChain *chain;
  AuEntryCaps caps;
  AuPrice spot = 0, atr = 0;
  gboolean earnings_week = FALSE;

  if (!au_constitution_sleeve_allows (c, sleeve, symbol))
    return;
  if (!earnings_allow (self, fetch, symbol, &plan->today, &earnings_week, &why))
    {
      if (earnings_week)
        _ap_record_week_event (self, AU_WEEK_EVENT_EARNINGS_SKIP, book->name, symbol);
      _au_autopilot_non_action (self, book->name, earnings_week ? "R1.3" : "D2.28",
                                "no %s entry on %s: %s (%s)", au_sleeve_to_string (sleeve),
                                symbol, why, earnings_week ? "R1.3" : "D2.28");
      return;
    }
  chain = _ap_fetch_get_chain (fetch, symbol, plan->dte_min, plan->dte_max);
  if (chain == NULL || !market_of (self, fetch, symbol, &spot, &atr))
    {
      _au_autopilot_non_action (self, book->name, "R8.7",
                                "no %s entry on %s: no quote or option chain from the broker (R8.7)",
                                au_sleeve_to_string (sleeve), symbol);
      return;
    }

  au_circuit_breaker_entry_caps (self->breaker, sleeve,
                                 highest_level (self, book->account_id), &caps);
  if (!caps.entries)
    {
      _au_autopilot_non_action (self, book->name, caps.why.rule, "no %s entry on %s: %s (%s)",
                                au_sleeve_to_string (sleeve), symbol, caps.why.reason,
                                caps.why.rule);
      return;
    }

  request.sleeve = sleeve;
  request.strategy = AU_STRATEGY_CSP;
  request.entry_date = plan->today;
  request.now = au_clock_get_now (self->config.clock);
  request.contracts = 1;
  selection = au_option_selector_select (c, chain, &request, &error);
  if (selection == NULL || !selection->found)
    {
      g_autofree char *reasons = selection != NULL ? au_selection_describe (selection)
                                                   : g_strdup (error->message);

      _au_autopilot_non_action (self, book->name, rule, "no %s entry on %s: %s",
                                au_sleeve_to_string (sleeve), symbol, reasons);
      return;
    }

  state.sleeve = sleeve;
  state.capital = capital;
  state.cash = book->free_cash;
  state.deployed = book->deployed;
  state.symbol_exposure = _ap_book_symbol_exposure (book, symbol);
  state.hedged_week = au_circuit_breaker_get_tier (self->breaker) == AU_VIX_TIER_HEDGED;
  if (!au_position_sizer_csp (c, &state, selection->quote.strike, &sizing, &error))
    {
      _au_autopilot_non_action (self, book->name, "R0.2", "no %s entry on %s: %s",
                                au_sleeve_to_string (sleeve), symbol, error->message);
      return;
    }
  if (sizing.quantity <= 0)
    {
      _au_autopilot_non_action (self, book->name, sizing.binding_rule,
                                "no %s entry on %s: nothing fits (%s)",
                                au_sleeve_to_string (sleeve), symbol, sizing.reason);
      au_sizing_clear (&sizing);
      return;
    }

  /* R8.4: the size itself must stay within the series' ADV share. */
  if (sizing.quantity > 1)
    {
      g_autoptr(AuSelection) sized = NULL;

      request.contracts = sizing.quantity;
      sized = au_option_selector_select (c, chain, &request, NULL);
      if (sized == NULL || !sized->found
          || sized->quote.strike != selection->quote.strike
          || g_date_compare (&sized->quote.expiry, &selection->quote.expiry) != 0)
        {
          g_autofree char *reasons = sized != NULL ? au_selection_describe (sized) : NULL;

          _au_autopilot_non_action (self, book->name, "R8.4",
                                    "no %s entry on %s: %" G_GINT64_FORMAT " contracts do not "
                                    "pass liquidity: %s", au_sleeve_to_string (sleeve), symbol,
                                    sizing.quantity, reasons != NULL ? reasons : "no series");
          au_sizing_clear (&sizing);
          return;
        }
    }

  {
    g_autoptr(JsonNode) proposal = NULL;
    g_autofree char *id = NULL;
    AuOrderIntent intent = { 0 };

    intent.account_id = book->account_id;
    au_contract_init_option (&intent.contract, symbol, AU_OPTION_PUT, selection->quote.strike,
                             &selection->quote.expiry);
    intent.side = AU_SIDE_SELL;
    intent.purpose = AU_ORDER_PURPOSE_OPEN;
    intent.quantity = sizing.quantity;
    intent.bid = selection->quote.bid;
    intent.ask = selection->quote.ask;
    intent.rule_reference = rule;
    intent.mini_rules = mini_rules;
    proposal = _ap_proposal (self, book, mini_rules, "open", "csp", &intent.contract,
                             selection->quote.delta, &selection->quote, spot, atr, earnings_week,
                             capital);
    intent.proposal = proposal;
    id = _ap_submit (self, &intent, book->name);
    if (id != NULL)
      {
        AuMoney notional = (selection->quote.strike / (AU_PRICE_SCALE / AU_MONEY_SCALE)) * 100
                           * sizing.quantity;
        gint64 *exposure = g_hash_table_lookup (book->exposure, symbol);

        /* Committed from now on, filled or not (D2.21). */
        book->free_cash = MAX (book->free_cash - notional, 0);
        book->deployed += notional;
        if (exposure == NULL)
          {
            exposure = g_new0 (gint64, 1);
            g_hash_table_insert (book->exposure, g_strdup (symbol), exposure);
          }
        *exposure += notional;
      }
    au_contract_clear (&intent.contract);
  }
  au_sizing_clear (&sizing);
}

/* D2.23: Com-Acc (and a MINI's Com half) buys round lots of its universe. */
static void
buy_share_lots (AuAutopilot *self,
                ApFetch     *fetch,
                ApBook      *book,
                const char  *mini_rules,
                AuMoney      capital)
{
  AuConstitution *c = self->config.constitution;
  const AuSleeveRules *rules = au_constitution_get_sleeve (c, AU_SLEEVE_COM);
  g_autoptr(GArray) targets = g_array_new (FALSE, TRUE, sizeof (AuShareTarget));
  g_autoptr(GError) error = NULL;
  AuSizingState state = { 0 };

  for (guint i = 0; rules->universe[i] != NULL; i++)
    {
      AuStockQuote *quote = _ap_fetch_get_quote (fetch, rules->universe[i]);
      AuShareTarget target = { 0 };

      if (quote == NULL || quote->bid <= 0 || quote->ask < quote->bid)
        continue;
      target.symbol = rules->universe[i];
      /* R0.5: limit at mid, on the cent grid. */
      target.price = ((quote->bid + quote->ask) / 2 / 100) * 100;
      target.exposure = _ap_book_symbol_exposure (book, rules->universe[i]);
      g_array_append_val (targets, target);
    }
  state.sleeve = AU_SLEEVE_COM;
  state.capital = capital;
  state.cash = book->free_cash;
  state.deployed = book->deployed;
  state.hedged_week = au_circuit_breaker_get_tier (self->breaker) == AU_VIX_TIER_HEDGED;
  if (targets->len == 0
      || !au_position_sizer_share_lots (c, &state, (AuShareTarget *) targets->data, targets->len,
                                        &error))
    {
      _au_autopilot_non_action (self, book->name, "D2.23", "no Com share lots: %s",
                                error != NULL ? error->message : "no stock quotes");
      return;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      const AuShareTarget *t = &g_array_index (targets, AuShareTarget, i);
      AuStockQuote *quote = _ap_fetch_get_quote (fetch, t->symbol);
      g_autoptr(JsonNode) proposal = NULL;
      g_autofree char *id = NULL;
      AuOrderIntent intent = { 0 };
      AuOptionQuote stock = { 0 };

      if (t->shares <= 0)
        continue;
      stock.bid = quote->bid;
      stock.ask = quote->ask;
      stock.as_of = (quote->as_of > 0 ? quote->as_of : au_clock_get_now (self->config.clock))
                    / G_USEC_PER_SEC;
      intent.account_id = book->account_id;
      au_contract_init_stock (&intent.contract, t->symbol);
      intent.side = AU_SIDE_BUY;
      intent.purpose = AU_ORDER_PURPOSE_OPEN;
      intent.quantity = t->shares;
      intent.bid = quote->bid;
      intent.ask = quote->ask;
      intent.rule_reference = "D2.23";
      intent.mini_rules = mini_rules;
      proposal = _ap_proposal (self, book, mini_rules, "open", "stock", &intent.contract, 0, &stock,
                               quote->last, 0, FALSE, capital);
      json_object_set_int_member (json_node_get_object (proposal), "shares", t->shares);
      intent.proposal = proposal;
      id = _ap_submit (self, &intent, book->name);
      au_contract_clear (&intent.contract);
    }
}

/* A call order on these shares still working: not written twice. */
static gboolean
cc_in_flight (AuAutopilot *self,
              gint64       account_id,
              const char  *symbol)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", account_id, symbol);
  const char *id = g_hash_table_lookup (self->cc_orders, key);
  AuOrderStatus status = { 0 };
  gboolean working;

  if (id == NULL)
    return FALSE;
  if (!au_order_manager_get_status (self->orders, id, &status))
    return FALSE;
  working = status.n_open > 0;
  au_order_status_clear (&status);
  if (!working)
    g_hash_table_remove (self->cc_orders, key);
  return working;
}

/* D2.19: covered calls on the shares @book holds, one contract per 100
 * shares not yet covered (R4.3 in an earnings week). */
static void
write_covered_calls (AuAutopilot *self,
                     ApFetch     *fetch,
                     EntryPlan   *plan,
                     ApBook      *book,
                     AuSleeve     sleeve,
                     const char  *mini_rules)
{
  AuConstitution *c = self->config.constitution;
  g_autoptr(GList) symbols = g_list_sort (g_hash_table_get_keys (book->shares),
                                          (GCompareFunc) g_strcmp0);

  for (GList *l = symbols; l != NULL; l = l->next)
    {
      const char *symbol = l->data;
      gint64 shares = _ap_book_shares (book, symbol);
      gint64 written = _ap_book_short_calls (book, symbol);
      AuEarningsCalendar *calendar = g_hash_table_lookup (fetch->earnings, symbol);
      gboolean earnings_week = calendar != NULL
                               && au_earnings_calendar_in_week (calendar, symbol, &plan->today);
      AuOptionChain *chain = _ap_fetch_get_chain (fetch, symbol, plan->cc_dte_min, plan->cc_dte_max);
      g_autoptr(GError) error = NULL;
      g_autoptr(AuSelection) selection = NULL;
      AuSelectionRequest request = { 0 };
      AuSizing sizing = { 0 };
      AuPrice spot = 0, atr = 0;

      if (shares < 100 || cc_in_flight (self, book->account_id, symbol))
        continue;
      if (!au_position_sizer_covered_call (c, shares, written, earnings_week, &sizing, &error)
          || sizing.quantity <= 0)
        {
          au_sizing_clear (&sizing);
          continue;
        }
      if (chain == NULL || !market_of (self, fetch, symbol, &spot, &atr))
        {
          _au_autopilot_non_action (self, book->name, "R8.7",
                                    "no covered call on %s: no quote or chain (R8.7)", symbol);
          au_sizing_clear (&sizing);
          continue;
        }
      request.sleeve = sleeve;
      request.strategy = AU_STRATEGY_CC;
      request.entry_date = plan->today;
      request.now = au_clock_get_now (self->config.clock);
      request.contracts = sizing.quantity;
      selection = au_option_selector_select (c, chain, &request, &error);
      if (selection == NULL || !selection->found)
        {
          g_autofree char *reasons = selection != NULL ? au_selection_describe (selection)
                                                       : g_strdup (error->message);

          _au_autopilot_non_action (self, book->name, "D2.19", "no covered call on %s: %s",
                                    symbol, reasons);
          au_sizing_clear (&sizing);
          continue;
        }
      {
        g_autoptr(JsonNode) proposal = NULL;
        g_autofree char *id = NULL;
        AuOrderIntent intent = { 0 };

        intent.account_id = book->account_id;
        au_contract_init_option (&intent.contract, symbol, AU_OPTION_CALL,
                                 selection->quote.strike, &selection->quote.expiry);
        intent.side = AU_SIDE_SELL;
        intent.purpose = AU_ORDER_PURPOSE_OPEN;
        intent.quantity = sizing.quantity;
        intent.bid = selection->quote.bid;
        intent.ask = selection->quote.ask;
        intent.rule_reference = sleeve == AU_SLEEVE_COM ? "R4.1" : "D2.19";
        intent.mini_rules = mini_rules;
        proposal = _ap_proposal (self, book, mini_rules, "open", "cc", &intent.contract,
                                 selection->quote.delta, &selection->quote, spot, atr,
                                 earnings_week, book->equity);
        intent.proposal = proposal;
        id = _ap_submit (self, &intent, book->name);
        if (id != NULL)
          {
            gint64 *calls = g_hash_table_lookup (book->short_calls, symbol);

            g_hash_table_replace (self->cc_orders,
                                  g_strdup_printf ("%" G_GINT64_FORMAT ":%s", book->account_id,
                                                   symbol),
                                  g_strdup (id));

            if (calls == NULL)
              {
                calls = g_new0 (gint64, 1);
                g_hash_table_insert (book->short_calls, g_strdup (symbol), calls);
              }
            *calls += sizing.quantity;
          }
        au_contract_clear (&intent.contract);
      }
      au_sizing_clear (&sizing);
    }
}

static gboolean
csp_paused (AuAutopilot  *self,
            ApBook       *book,
            const GDate  *today,
            const char  **rule,
            char        **why)
{
  AuDrawdownPivot *pivot = g_hash_table_lookup (self->pivots, &book->account_id);
  GDate *resume = g_hash_table_lookup (self->csp_resume, &book->account_id);

  *rule = "D2.6";
  if (pivot != NULL && pivot->active)
    return (*why = g_strdup ("the drawdown pivot allows covered calls only (D2.6)"), TRUE);
  *rule = "R7.3";
  /* Assigned shares pause the puts of their own symbol only (R7.3, see
   * the entry loop); the rest of the sleeve's cash keeps working. */
  if (resume != NULL && g_date_compare (today, resume) < 0)
    {
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", resume);
      return (*why = g_strdup_printf ("CSPs resume on %s, the sleeve's next cycle after its "
                                      "shares were called away (R7.3)", text), TRUE);
    }
  return FALSE;
}

/* D2.3: a MINI due to merge is being closed for it: nothing new is
 * opened, or it would never be flat at the Friday window. */
static gboolean
mini_merging (AuAutopilot           *self,
              const AuLedgerAccount *account)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  g_autoptr(GError) error = NULL;
  gboolean due = FALSE;

  if (!au_account_manager_mini_merge_due (self->accounts, account->id, now, &due, &error))
    {
      _au_autopilot_non_action (self, account->name, "D2.3", "no entry: its merge cannot be "
                                "judged: %s", error->message);
      return TRUE;
    }
  if (due)
    _au_autopilot_non_action (self, account->name, "D2.3", "no entry: the MINI is due to merge "
                              "into its tree's Com-Acc and is being closed first");
  return due;
}

static void
on_entry_data (AuAutopilot *self,
               ApFetch     *fetch)
{
  EntryPlan *plan = fetch->data;
  AuConstitution *c = self->config.constitution;
  const AuConstitutionParams *params = au_constitution_get_params (c);
  const char *why = NULL;

  /* D2.7: the VIX came with the data; observed as the monitor does, it is
   * judged fresh or stale only now. */
  _ap_observe_vix (self, _ap_fetch_get_quote (fetch, "VIX"));
  if (!_au_autopilot_may_enter (self, TRUE, &why))
    {
      /* Something changed while the data was on its way (VIX, a command). */
      _au_autopilot_non_action (self, NULL, "R9", "no entries: %s", why);
      if (self->state == AU_SYSTEM_SCANNING)
        _au_autopilot_set_state (self, AU_SYSTEM_MONITORING, "R9", why);
      return;
    }
  if (self->state != AU_SYSTEM_SCANNING)
    return;
  _au_autopilot_set_state (self, AU_SYSTEM_ANALYZING, "R9", "choosing the week's options");
  _au_autopilot_set_state (self, AU_SYSTEM_ORDERING, "R9", "sending the week's orders");
  for (guint a = 0; a < plan->accounts->len; a++)
    {
      const AuLedgerAccount *account = &g_array_index (plan->accounts, AuLedgerAccount, a);
      g_autoptr(GError) error = NULL;
      ApBook book;
      AuSleeve sleeve = _ap_sleeve_of_kind (account->kind);
      gboolean mini = account->kind == AU_ACCOUNT_MINI;

      if (!_ap_book_load (self, account->id, &book, &error))
        {
          _au_autopilot_non_action (self, account->name, "R10.3", "no entry: %s", error->message);
          continue;
        }
      if (mini && mini_merging (self, account))
        {
          _ap_book_clear (&book);
          continue;
        }

      if (plan->kind == AP_ACTION_ENTRY_COM)
        {
          AuMoney capital = mini ? (AuMoney) (book.equity * params->fork.mini_com_share)
                                 : book.equity;

          if ((account->kind == AU_ACCOUNT_COM || mini) && !plan->calls_only)
            buy_share_lots (self, fetch, &book, mini ? "com" : NULL, capital);
          write_covered_calls (self, fetch, plan, &book,
                               mini ? AU_SLEEVE_COM : (sleeve == AU_SLEEVE_MINI ? AU_SLEEVE_COM : sleeve),
                               mini ? "com" : NULL);
        }
      else
        {
          AuSleeve rules = plan->kind == AP_ACTION_ENTRY_GEN ? AU_SLEEVE_GEN : AU_SLEEVE_REV;
          AuMoney capital = mini ? (AuMoney) (book.equity * params->fork.mini_gen_share)
                                 : book.equity;
          const AuSleeveRules *sleeve_rules = au_constitution_get_sleeve (c, rules);
          g_autofree char *paused = NULL;
          const char *rule = NULL;

          if (csp_paused (self, &book, &plan->today, &rule, &paused))
            _au_autopilot_non_action (self, book.name, rule, "no %s puts: %s",
                                      au_sleeve_to_string (rules), paused);
          else
            for (guint i = 0; sleeve_rules->universe[i] != NULL; i++)
              {
                const char *symbol = sleeve_rules->universe[i];

                /* R7.2/R7.3: shares from an assignment get calls until
                 * they are called away; only then does that symbol take
                 * puts again in this sleeve. */
                if (_ap_book_shares (&book, symbol) > 0)
                  _au_autopilot_non_action (self, book.name, "R7.3",
                                            "no %s puts on %s: the sleeve holds %s shares and "
                                            "writes calls on them; puts on %s resume once they "
                                            "are called away (R7.2, R7.3)",
                                            au_sleeve_to_string (rules), symbol, symbol, symbol);
                else
                  enter_csp (self, fetch, plan, &book, rules, mini ? "gen" : NULL, capital,
                             symbol);
              }
        }
      _ap_book_clear (&book);
    }
  _au_autopilot_set_state (self, AU_SYSTEM_MONITORING, "R9", "the week's orders are out");
}

static void run_entries (AuAutopilot  *self,
                         ApActionKind  kind,
                         GPtrArray    *calls_only);

void
_ap_run_entries (AuAutopilot  *self,
                 ApActionKind  kind)
{
  run_entries (self, kind, NULL);
}

/* Shares that filled after the Monday entry get their calls at the next
 * check inside the window; nothing is asked of the broker otherwise. */
void
_ap_run_entries_calls_only (AuAutopilot *self)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) uncovered = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 now = au_clock_get_now (self->config.clock);

  /* A chain is dear to price: shares that found no call are tried again
   * every half hour of the window, not at every check. */
  if (now < self->cc_retry_after)
    return;
  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ApPosition *p = value;

      if (p->contract.sec_type == AU_SEC_OPTION && p->contract.right == AU_OPTION_CALL
          && p->quantity < 0)
        {
          g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", p->account_id,
                                                  p->contract.symbol);
          gint64 *n = g_hash_table_lookup (calls, key);

          if (n == NULL)
            {
              n = g_new0 (gint64, 1);
              g_hash_table_insert (calls, g_steal_pointer (&key), n);
            }
          *n += -p->quantity;
        }
    }
  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ApPosition *p = value;
      g_autofree char *key = NULL;
      gint64 *n;

      if (p->contract.sec_type != AU_SEC_STOCK || p->quantity < 100)
        continue;
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", p->account_id, p->contract.symbol);
      n = g_hash_table_lookup (calls, key);
      if (p->quantity / 100 > (n != NULL ? *n : 0)
          && !cc_in_flight (self, p->account_id, p->contract.symbol))
        add_symbol (uncovered, p->contract.symbol);
    }
  if (uncovered->len > 0)
    {
      self->cc_retry_after = now + 30 * 60 * G_USEC_PER_SEC;
      run_entries (self, AP_ACTION_ENTRY_COM, uncovered);
    }
}

/* @calls_only: the symbols whose shares still want calls (D2.19), or
 * NULL for the window's full entry. */
static void
run_entries (AuAutopilot  *self,
             ApActionKind  kind,
             GPtrArray    *calls_only)
{
  AuConstitution *c = self->config.constitution;
  g_autoptr(GError) error = NULL;
  EntryPlan *plan;
  ApFetch *fetch;
  const char *why = NULL;
  AuSleeve sleeve = kind == AP_ACTION_ENTRY_GEN ? AU_SLEEVE_GEN
                    : kind == AP_ACTION_ENTRY_REV ? AU_SLEEVE_REV : AU_SLEEVE_COM;

  if (!_au_autopilot_may_enter (self, FALSE, &why))
    {
      _au_autopilot_non_action (self, NULL, "R9", "no %s entries this week: %s",
                                au_sleeve_to_string (sleeve), why);
      return;
    }
  if (self->state != AU_SYSTEM_MONITORING)
    {
      g_autofree char *state = g_ascii_strdown (au_system_state_to_string (self->state), -1);

      _au_autopilot_non_action (self, NULL, "R9", "no %s entries now: the system is %s",
                                au_sleeve_to_string (sleeve), state);
      return;
    }

  plan = g_new0 (EntryPlan, 1);
  plan->kind = kind;
  plan->calls_only = calls_only != NULL;
  plan->symbols = g_ptr_array_new_with_free_func (g_free);
  _au_autopilot_today (self, &plan->today, NULL);
  plan->accounts = au_ledger_list_accounts (self->config.ledger, &error);
  if (plan->accounts == NULL)
    {
      _au_autopilot_non_action (self, NULL, "R10.3", "no entries: %s", error->message);
      entry_plan_free (plan);
      return;
    }
  for (guint i = plan->accounts->len; i > 0; i--)
    if (!account_trades (&g_array_index (plan->accounts, AuLedgerAccount, i - 1), kind))
      g_array_remove_index (plan->accounts, i - 1);

  au_schedule_dte_range (c, sleeve, &plan->today, FALSE, &plan->dte_min, &plan->dte_max);
  au_schedule_covered_call_dte_range (c, &plan->today, &plan->cc_dte_min, &plan->cc_dte_max);
  {
    const AuSleeveRules *rules = au_constitution_get_sleeve (c, sleeve);

    for (guint i = 0; calls_only == NULL && rules->universe[i] != NULL; i++)
      add_symbol (plan->symbols, rules->universe[i]);
  }

  _au_autopilot_set_state (self, AU_SYSTEM_SCANNING, "R9", "the week's entry window is open");
  fetch = _ap_fetch_new (self, on_entry_data, plan, (GDestroyNotify) entry_plan_free);
  for (guint i = 0; calls_only != NULL && i < calls_only->len; i++)
    add_symbol (plan->symbols, g_ptr_array_index (calls_only, i));
  if (kind == AP_ACTION_ENTRY_COM && calls_only == NULL)
    {
      /* Calls on whatever any sleeve holds (D2.19). */
      for (guint a = 0; a < plan->accounts->len; a++)
        {
          const AuLedgerAccount *account = &g_array_index (plan->accounts, AuLedgerAccount, a);
          g_autoptr(GArray) positions = au_ledger_list_positions (self->config.ledger, account->id,
                                                                  TRUE, NULL);

          for (guint j = 0; positions != NULL && j < positions->len; j++)
            {
              const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, j);

              if (p->right == AU_RIGHT_STOCK)
                add_symbol (plan->symbols, p->symbol);
            }
        }
    }
  for (guint i = 0; i < plan->symbols->len; i++)
    {
      const char *symbol = g_ptr_array_index (plan->symbols, i);

      _ap_fetch_quote (fetch, symbol);
      _ap_fetch_earnings (fetch, symbol);
      if (kind == AP_ACTION_ENTRY_COM)
        _ap_fetch_chain (fetch, symbol, plan->cc_dte_min, plan->cc_dte_max);
      else
        _ap_fetch_chain (fetch, symbol, plan->dte_min, plan->dte_max);
    }
  /* D2.7: a VIX as fresh as the chains, whatever the monitor's pace:
   * asked last, it is answered after them. */
  _ap_fetch_quote (fetch, "VIX");
  _ap_fetch_seal (fetch);
}

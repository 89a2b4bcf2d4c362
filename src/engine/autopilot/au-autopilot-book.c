/* au-autopilot-book.c: a sleeve as the ledger holds it, check's proposal
 * for its orders (D2.21), and the road of every order to the broker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include <string.h>

#include "au-order-store.h"
#include "au-orders-error.h"

void
_ap_book_clear (ApBook *book)
{
  g_clear_pointer (&book->name, g_free);
  g_clear_pointer (&book->exposure, g_hash_table_unref);
  g_clear_pointer (&book->shares, g_hash_table_unref);
  g_clear_pointer (&book->short_calls, g_hash_table_unref);
}

AuSleeve
_ap_sleeve_of_kind (AuAccountKind kind)
{
  switch (kind)
    {
    case AU_ACCOUNT_GEN:
      return AU_SLEEVE_GEN;
    case AU_ACCOUNT_REV:
      return AU_SLEEVE_REV;
    case AU_ACCOUNT_COM:
      return AU_SLEEVE_COM;
    case AU_ACCOUNT_MINI:
    case AU_ACCOUNT_ROOT:
    default:
      return AU_SLEEVE_MINI;
    }
}

gboolean
_ap_contract_from_position (const AuLedgerPosition *position,
                            AuContract             *contract)
{
  GDate expiry;

  if (position->right == AU_RIGHT_STOCK)
    {
      au_contract_init_stock (contract, position->symbol);
      return TRUE;
    }
  if (position->expiry == NULL)
    return FALSE;
  g_date_clear (&expiry, 1);
  g_date_set_parse (&expiry, position->expiry);
  if (!g_date_valid (&expiry))
    return FALSE;
  au_contract_init_option (contract, position->symbol,
                           position->right == AU_RIGHT_PUT ? AU_OPTION_PUT : AU_OPTION_CALL,
                           position->strike, &expiry);
  contract->multiplier = (int) position->multiplier;
  return TRUE;
}

char *
_ap_contract_key (gint64            account_id,
                  const AuContract *contract)
{
  g_autofree char *text = au_contract_describe (contract);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", account_id, text);
}

static void
add_to (GHashTable *table,
        const char *symbol,
        gint64      amount)
{
  gint64 *value = g_hash_table_lookup (table, symbol);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (table, g_strdup (symbol), value);
    }
  *value += amount;
}

static gint64
get_from (GHashTable *table,
          const char *symbol)
{
  gint64 *value = g_hash_table_lookup (table, symbol);

  return value != NULL ? *value : 0;
}

gboolean
_ap_book_load (AuAutopilot  *self,
               gint64        account_id,
               ApBook       *book,
               GError      **error)
{
  AuLedgerAccount account = { 0 };
  AuLedgerSummary summary;
  g_autoptr(GArray) positions = NULL;

  memset (book, 0, sizeof *book);
  if (!au_ledger_get_account (self->config.ledger, account_id, &account, error)
      || !au_ledger_get_summary (self->config.ledger, account_id, &summary, error))
    {
      au_ledger_account_clear (&account);
      return FALSE;
    }
  positions = au_ledger_list_positions (self->config.ledger, account_id, TRUE, error);
  if (positions == NULL)
    {
      au_ledger_account_clear (&account);
      return FALSE;
    }
  book->account_id = account_id;
  book->kind = account.kind;
  book->name = g_steal_pointer (&account.name);
  au_ledger_account_clear (&account);
  book->equity = summary.equity_at_cost;
  book->cash = summary.cash;
  book->free_cash = summary.cash;
  book->exposure = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book->shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  book->short_calls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, i);

      book->open_positions++;
      if (p->right == AU_RIGHT_STOCK)
        {
          /* D2.21: shares count at what they cost to commit. */
          add_to (book->shares, p->symbol, p->quantity);
          add_to (book->exposure, p->symbol, p->cost_basis);
          book->deployed += p->cost_basis;
        }
      else if (p->right == AU_RIGHT_PUT && p->quantity < 0)
        {
          /* D2.21: a CSP commits strike × 100 × contracts and that cash
           * is not free for another. */
          AuMoney notional = (p->strike / (AU_PRICE_SCALE / AU_MONEY_SCALE)) * p->multiplier
                             * -p->quantity;

          add_to (book->exposure, p->symbol, notional);
          book->deployed += notional;
          book->free_cash -= notional;
          book->short_puts += -p->quantity;
        }
      else if (p->right == AU_RIGHT_CALL && p->quantity < 0)
        add_to (book->short_calls, p->symbol, -p->quantity);
    }
  book->free_cash = MAX (book->free_cash, 0);
  return TRUE;
}

AuMoney
_ap_book_symbol_exposure (const ApBook *book,
                          const char   *symbol)
{
  return get_from (book->exposure, symbol);
}

gint64
_ap_book_shares (const ApBook *book,
                 const char   *symbol)
{
  return get_from (book->shares, symbol);
}

gint64
_ap_book_short_calls (const ApBook *book,
                      const char   *symbol)
{
  return get_from (book->short_calls, symbol);
}

static void
add_dollars (JsonBuilder *builder,
             const char  *name,
             AuMoney      cents)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, (double) cents / AU_MONEY_SCALE);
}

static void
add_price (JsonBuilder *builder,
           const char  *name,
           AuPrice      price)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, (double) price / AU_PRICE_SCALE);
}

/* Every symbol the sleeve holds, and the order's own at 0 when it holds
 * none of it: a missing key fails closed (D2.12). */
static void
add_map (JsonBuilder *builder,
         const char  *name,
         GHashTable  *table,
         const char  *symbol,
         gboolean     money)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_strcmp0);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  if (!g_hash_table_contains (table, symbol))
    {
      json_builder_set_member_name (builder, symbol);
      if (money)
        json_builder_add_double_value (builder, 0.0);
      else
        json_builder_add_int_value (builder, 0);
    }
  for (GList *l = keys; l != NULL; l = l->next)
    {
      gint64 value = get_from (table, l->data);

      json_builder_set_member_name (builder, l->data);
      if (money)
        json_builder_add_double_value (builder, (double) value / AU_MONEY_SCALE);
      else
        json_builder_add_int_value (builder, value);
    }
  json_builder_end_object (builder);
}

static const char *
kind_key (AuAccountKind kind)
{
  switch (kind)
    {
    case AU_ACCOUNT_GEN:
      return "gen";
    case AU_ACCOUNT_REV:
      return "rev";
    case AU_ACCOUNT_COM:
      return "com";
    case AU_ACCOUNT_MINI:
    case AU_ACCOUNT_ROOT:
    default:
      return "mini";
    }
}

JsonNode *
_ap_proposal (AuAutopilot         *self,
              const ApBook        *book,
              const char          *mini_rules,
              const char          *action,
              const char          *strategy,
              const AuContract    *contract,
              double               delta,
              const AuOptionQuote *quote,
              AuPrice              spot,
              AuPrice              atr,
              gboolean             earnings_week,
              AuMoney              capital)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *now = _au_autopilot_now_text (self);
  AuDrawdownPivot *pivot = g_hash_table_lookup (self->pivots, &book->account_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, kind_key (book->kind));
  if (mini_rules != NULL)
    {
      json_builder_set_member_name (builder, "mini_rules");
      json_builder_add_string_value (builder, mini_rules);
    }
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action);
  if (strategy != NULL)
    {
      json_builder_set_member_name (builder, "strategy");
      json_builder_add_string_value (builder, strategy);
    }
  json_builder_set_member_name (builder, "symbol");
  json_builder_add_string_value (builder, contract->symbol);
  if (contract->sec_type == AU_SEC_OPTION)
    {
      char expiry[16];

      g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &contract->expiry);
      json_builder_set_member_name (builder, "right");
      json_builder_add_string_value (builder, contract->right == AU_OPTION_PUT ? "P" : "C");
      add_price (builder, "strike", contract->strike);
      json_builder_set_member_name (builder, "expiry");
      json_builder_add_string_value (builder, expiry);
      json_builder_set_member_name (builder, "delta");
      json_builder_add_double_value (builder, delta);
    }
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, now);

  if (quote != NULL)
    {
      g_autoptr(GDateTime) as_of = g_date_time_new_from_unix_utc (quote->as_of);
      g_autofree char *as_of_text = g_date_time_format_iso8601 (as_of);

      json_builder_set_member_name (builder, "quote");
      json_builder_begin_object (builder);
      add_price (builder, "bid", quote->bid);
      add_price (builder, "ask", quote->ask);
      json_builder_set_member_name (builder, "open_interest");
      json_builder_add_int_value (builder, quote->open_interest);
      json_builder_set_member_name (builder, "volume");
      json_builder_add_int_value (builder, quote->volume);
      /* The paper market reports the day's volume; it stands for the
       * series' ADV (R8.4) as the selector's default does. */
      json_builder_set_member_name (builder, "avg_daily_volume");
      json_builder_add_int_value (builder, quote->volume);
      json_builder_set_member_name (builder, "as_of");
      json_builder_add_string_value (builder, as_of_text);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "account_state");
  json_builder_begin_object (builder);
  add_dollars (builder, "equity", capital);
  add_dollars (builder, "cash", book->free_cash);
  add_dollars (builder, "margin_used", 0);
  add_map (builder, "symbol_exposure", book->exposure, contract->symbol, TRUE);
  add_map (builder, "shares_held", book->shares, contract->symbol, FALSE);
  add_map (builder, "short_calls", book->short_calls, contract->symbol, FALSE);
  add_dollars (builder, "high_water_mark", pivot != NULL ? MAX (pivot->high_water, capital) : capital);
  json_builder_set_member_name (builder, "pivot_active");
  json_builder_add_boolean_value (builder, pivot != NULL && pivot->active);
  json_builder_set_member_name (builder, "open_positions");
  json_builder_add_int_value (builder, book->open_positions);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "market");
  json_builder_begin_object (builder);
  if (spot > 0)
    add_price (builder, "spot", spot);
  if (atr > 0)
    add_price (builder, "atr5", atr);
  json_builder_set_member_name (builder, "vix");
  json_builder_add_double_value (builder, self->vix);
  json_builder_set_member_name (builder, "earnings_this_week");
  json_builder_add_boolean_value (builder, earnings_week);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The contracts of @intent's series that closes already sent for
 * @intent's account and side are still working for: each open version
 * less what it filled. */
static gboolean
working_closes (AuAutopilot         *self,
                const AuOrderIntent *intent,
                gint64              *working,
                GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  *working = 0;
  rows = au_order_store_list_open (au_ledger_get_database (self->config.ledger), error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const AuOrderVersionRow *row = g_ptr_array_index (rows, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      AuLedgerOrderState state = { 0 };
      JsonObject *spec;
      AuContract contract = { 0 };
      const char *purpose;
      gboolean same;

      if (row->spec == NULL || !json_parser_load_from_data (parser, row->spec, -1, NULL)
          || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      spec = json_node_get_object (json_parser_get_root (parser));
      purpose = json_object_get_string_member_with_default (spec, "purpose", "");
      if (json_object_get_int_member_with_default (spec, "account_id", 0) != intent->account_id
          || g_strcmp0 (json_object_get_string_member_with_default (spec, "side", ""),
                        intent->side == AU_SIDE_BUY ? "buy" : "sell") != 0
          || g_strcmp0 (purpose, au_order_purpose_to_string (AU_ORDER_PURPOSE_OPEN)) == 0)
        continue;
      if (g_strcmp0 (json_object_get_string_member_with_default (spec, "sec_type", ""),
                     "option") == 0)
        {
          GDate expiry;

          g_date_clear (&expiry, 1);
          g_date_set_parse (&expiry, json_object_get_string_member_with_default (spec, "expiry",
                                                                                 ""));
          if (!g_date_valid (&expiry))
            continue;
          au_contract_init_option (&contract,
                                   json_object_get_string_member_with_default (spec, "symbol", ""),
                                   g_strcmp0 (json_object_get_string_member_with_default (spec,
                                                                                          "right",
                                                                                          ""),
                                              "P") == 0 ? AU_OPTION_PUT : AU_OPTION_CALL,
                                   json_object_get_int_member_with_default (spec, "strike", 0),
                                   &expiry);
        }
      else
        au_contract_init_stock (&contract,
                                json_object_get_string_member_with_default (spec, "symbol", ""));
      contract.multiplier = intent->contract.multiplier;
      same = au_contract_equal (&contract, &intent->contract);
      au_contract_clear (&contract);
      if (!same)
        continue;
      if (!au_ledger_get_order (self->config.ledger, row->client_order_id, &state, NULL))
        state.filled_quantity = 0;
      *working += MAX (row->quantity - state.filled_quantity, 0);
      au_ledger_order_state_clear (&state);
    }
  return TRUE;
}

/* What @intent's account holds of its series on the side a close takes
 * away: long for a sale, short (as a positive count) for a buy back. */
static gboolean
held_to_close (AuAutopilot         *self,
               const AuOrderIntent *intent,
               gint64              *held,
               GError             **error)
{
  g_autoptr(GArray) positions = NULL;

  *held = 0;
  positions = au_ledger_list_positions (self->config.ledger, intent->account_id, TRUE, error);
  if (positions == NULL)
    return FALSE;
  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, i);
      AuContract contract = { 0 };
      gboolean same;

      if (!_ap_contract_from_position (p, &contract))
        continue;
      contract.multiplier = intent->contract.multiplier;
      same = au_contract_equal (&contract, &intent->contract);
      au_contract_clear (&contract);
      if (!same)
        continue;
      if (intent->side == AU_SIDE_SELL && p->quantity > 0)
        *held += p->quantity;
      else if (intent->side == AU_SIDE_BUY && p->quantity < 0)
        *held += -p->quantity;
    }
  return TRUE;
}

/* R9.2, R17.4: a close never takes more than the ledger holds of the
 * series less the closes already working for it. A sale beyond it
 * would leave the broker short a contract the ledger refuses to book;
 * with a call, a naked short call. Such a close is refused, not sent. */
static gboolean
close_fits_holding (AuAutopilot         *self,
                    const AuOrderIntent *intent,
                    const char          *account_name,
                    const char          *what)
{
  g_autoptr(GError) error = NULL;
  gint64 held = 0, working = 0;

  if (intent->purpose == AU_ORDER_PURPOSE_OPEN)
    return TRUE;
  if (!held_to_close (self, intent, &held, &error)
      || !working_closes (self, intent, &working, &error))
    {
      _au_autopilot_non_action (self, account_name, "R9.2",
                                "%s %" G_GINT64_FORMAT " %s not sent: its holding is unknown: %s",
                                intent->side == AU_SIDE_BUY ? "Buy" : "Sell", intent->quantity,
                                what, error->message);
      return FALSE;
    }
  if (intent->quantity <= held - working)
    return TRUE;
  _au_autopilot_non_action (self, account_name, "R9.2",
                            "%s to close %" G_GINT64_FORMAT " %s not sent: the ledger holds %"
                            G_GINT64_FORMAT " and closes of %" G_GINT64_FORMAT " are working "
                            "(R9.2: no duplicate close; R17.4: the ledger is what is held)",
                            intent->side == AU_SIDE_BUY ? "Buy" : "Sell", intent->quantity, what,
                            held, working);
  return FALSE;
}

char *
_ap_submit (AuAutopilot         *self,
            const AuOrderIntent *intent,
            const char          *account_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = au_contract_describe (&intent->contract);
  char *id = NULL;

  if (!close_fits_holding (self, intent, account_name, what))
    return NULL;
  id = au_order_manager_submit (self->orders, intent, &error);

  if (id == NULL)
    {
      if (g_error_matches (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_REJECTED))
        {
          /* The rules engine wrote its verdict to the audit trail already. */
          self->stats.rejected_by_rules++;
          _au_autopilot_emit (self, "rejected", account_name, intent->rule_reference,
                              "%s %" G_GINT64_FORMAT " %s refused by the rules: %s",
                              intent->side == AU_SIDE_BUY ? "Buy" : "Sell", intent->quantity, what,
                              error->message);
        }
      else
        _au_autopilot_non_action (self, account_name, intent->rule_reference,
                                  "%s %" G_GINT64_FORMAT " %s not sent: %s",
                                  intent->side == AU_SIDE_BUY ? "Buy" : "Sell", intent->quantity,
                                  what, error->message);
      return NULL;
    }
  self->stats.orders++;
  self->positions_dirty = TRUE;
  _au_autopilot_emit (self, "order", account_name, intent->rule_reference,
                      "%s %" G_GINT64_FORMAT " %s (%s)",
                      intent->side == AU_SIDE_BUY ? "Buy" : "Sell", intent->quantity, what, id);
  return id;
}

/* au-ledger-orders.c: order intents, their append-only events and fate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "au-ledger-private.h"
#include "au-money.h"

gboolean
_au_ledger_append_order_event (AuLedger      *self,
                               gint64         order_id,
                               AuOrderEvent   event,
                               const char    *detail,
                               const char    *time_text,
                               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "INSERT INTO ledger_order_events (order_id, event, time, detail) "
                              "VALUES (?1, ?2, ?3, ?4);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_text (stmt, 2, au_order_event_to_string (event), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, time_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, detail != NULL ? detail : "", -1, SQLITE_STATIC);
  return _au_ledger_step_done (self->database, stmt, "recording an order event", error);
}

static gint64
find_order (AuLedger    *self,
            const char  *client_order_id,
            const char  *field,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "SELECT id FROM ledger_orders WHERE client_order_id = ?1;", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
               "%s: no order “%s”", field, client_order_id);
  return 0;
}

static gboolean
validate_intent (AuLedger                   *self,
                 const AuLedgerOrderIntent  *intent,
                 GError                    **error)
{
  AuLedgerAccount account;
  const char *problem = NULL;
  gboolean is_mini;

  if (intent->client_order_id == NULL || *intent->client_order_id == '\0')
    problem = "client_order_id: required";
  else if (intent->quantity <= 0)
    problem = "quantity: must be more than zero";
  else if (intent->limit_price <= 0)
    problem = "limit_price: must be more than zero (R0.5: a limit at mid)";
  else if (intent->rule_reference == NULL || *intent->rule_reference == '\0')
    problem = "rule_reference: required (the rule that made the order)";
  else if (intent->side != AU_ORDER_SIDE_BUY && intent->side != AU_ORDER_SIDE_SELL)
    problem = "side: neither buy nor sell";

  if (problem != NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID, "%s; nothing was written",
                   problem);
      return FALSE;
    }

  if (!_au_ledger_validate_instrument (&intent->instrument, error))
    return FALSE;
  if (!_au_ledger_require_trading (self, intent->account_id, error))
    return FALSE;
  if (!_au_ledger_load_account (self->database, intent->account_id, &account, error))
    return FALSE;
  is_mini = account.kind == AU_ACCOUNT_MINI;
  au_ledger_account_clear (&account);

  /* D2.2: a MINI's order names the half of the MINI it belongs to. */
  if (is_mini && g_strcmp0 (intent->mini_rules, "gen") != 0 &&
      g_strcmp0 (intent->mini_rules, "com") != 0)
    problem = "mini_rules: a MINI order needs \"gen\" or \"com\" (D2.2)";
  else if (!is_mini && intent->mini_rules != NULL)
    problem = "mini_rules: only a MINI order has one";

  if (problem == NULL && intent->intent_json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, intent->intent_json, -1, NULL))
        problem = "intent_json: not JSON";
    }

  if (problem != NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID, "%s; nothing was written",
                   problem);
      return FALSE;
    }
  return TRUE;
}

static gint64
record_order_locked (AuLedger                   *self,
                     const AuLedgerOrderIntent  *intent,
                     GDateTime                  *time,
                     GError                    **error)
{
  AuDatabase *db = self->database;
  g_autoptr(sqlite3_stmt) dup = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *time_text = NULL;
  gint64 instrument_id;
  gint64 parent_id = 0;

  if (!validate_intent (self, intent, error))
    return 0;

  /* R9.2: an id is used once, so an order is never sent twice. */
  dup = au_database_prepare (db, "SELECT id FROM ledger_orders WHERE client_order_id = ?1;", error);
  if (dup == NULL)
    return 0;
  sqlite3_bind_text (dup, 1, intent->client_order_id, -1, SQLITE_STATIC);
  if (sqlite3_step (dup) == SQLITE_ROW)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE,
                   "client_order_id: “%s” is already recorded (R9.2); nothing was written",
                   intent->client_order_id);
      return 0;
    }

  if (intent->parent_client_order_id != NULL)
    {
      parent_id = find_order (self, intent->parent_client_order_id, "parent_client_order_id",
                              error);
      if (parent_id == 0)
        return 0;
    }

  instrument_id = _au_ledger_find_instrument (self, &intent->instrument, TRUE, error);
  if (instrument_id == 0)
    return 0;

  time_text = _au_ledger_format_time (time);
  insert = au_database_prepare (db,
                                "INSERT INTO ledger_orders (client_order_id, parent_id, account_id, "
                                "instrument_id, side, quantity, limit_price, rule_reference, "
                                "mini_rules, intent, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);", error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_text (insert, 1, intent->client_order_id, -1, SQLITE_STATIC);
  if (parent_id > 0)
    sqlite3_bind_int64 (insert, 2, parent_id);
  else
    sqlite3_bind_null (insert, 2);
  sqlite3_bind_int64 (insert, 3, intent->account_id);
  sqlite3_bind_int64 (insert, 4, instrument_id);
  sqlite3_bind_text (insert, 5, intent->side == AU_ORDER_SIDE_BUY ? "buy" : "sell", -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 6, intent->quantity);
  sqlite3_bind_int64 (insert, 7, intent->limit_price);
  sqlite3_bind_text (insert, 8, intent->rule_reference, -1, SQLITE_STATIC);
  if (intent->mini_rules != NULL)
    sqlite3_bind_text (insert, 9, intent->mini_rules, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (insert, 9);
  sqlite3_bind_text (insert, 10, intent->intent_json != NULL ? intent->intent_json : "{}", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (insert, 11, time_text, -1, SQLITE_STATIC);
  if (!_au_ledger_step_done (db, insert, "recording an order", error))
    return 0;
  return sqlite3_last_insert_rowid (au_database_get_handle (db));
}

/**
 * au_ledger_record_order:
 * @intent: the order as decided, before it is sent (D4)
 *
 * Returns: the order's id, or 0 with @error set (%AU_LEDGER_ERROR_DUPLICATE
 *   when the client order id is already used)
 */
gint64
au_ledger_record_order (AuLedger                   *self,
                        const AuLedgerOrderIntent  *intent,
                        GDateTime                  *time,
                        GError                    **error)
{
  gint64 id;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (intent != NULL, 0);
  g_return_val_if_fail (time != NULL, 0);

  if (!_au_ledger_begin (self, error))
    return 0;
  id = record_order_locked (self, intent, time, error);
  return _au_ledger_finish_id (self, id, error);
}

/**
 * au_ledger_record_order_event:
 * @detail: (nullable): e.g. the broker's order id on "acknowledged", the
 *   reason on "rejected"
 *
 * Appends what happened to an order. Fills booked through the trade
 * functions append "partially_filled" or "filled" themselves.
 */
gboolean
au_ledger_record_order_event (AuLedger      *self,
                              const char    *client_order_id,
                              AuOrderEvent   event,
                              const char    *detail,
                              GDateTime     *time,
                              GError       **error)
{
  g_autofree char *time_text = NULL;
  gint64 order_id;
  gboolean ok;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  if ((guint) event > AU_ORDER_EVENT_REJECTED)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "event: %d is not an order event", (int) event);
      return FALSE;
    }

  time_text = _au_ledger_format_time (time);
  if (!_au_ledger_begin (self, error))
    return FALSE;
  order_id = find_order (self, client_order_id, "client_order_id", error);
  ok = order_id > 0 &&
       _au_ledger_append_order_event (self, order_id, event, detail, time_text, error);
  return _au_ledger_finish (self, ok, error);
}

/**
 * au_ledger_get_order:
 * @state: (out): the order's fate; clear it with au_ledger_order_state_clear()
 *
 * Reads an order by its client order id (R9.2: after a restart, what
 * became of each order is known from the ledger).
 */
gboolean
au_ledger_get_order (AuLedger            *self,
                     const char          *client_order_id,
                     AuLedgerOrderState  *state,
                     GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 filled;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  stmt = au_database_prepare (self->database,
                              "SELECT o.id, o.client_order_id, (SELECT p.client_order_id FROM "
                              "ledger_orders p WHERE p.id = o.parent_id), o.account_id, o.side, "
                              "o.quantity, o.limit_price, o.rule_reference, "
                              "IFNULL ((SELECT e.event FROM ledger_order_events e WHERE "
                              "e.order_id = o.id ORDER BY e.id DESC LIMIT 1), 'created'), "
                              "(SELECT IFNULL (SUM (f.quantity), 0) FROM ledger_fills f WHERE "
                              "f.order_id = o.id), "
                              "(SELECT IFNULL (SUM (f.quantity * f.price), 0) FROM ledger_fills f "
                              "WHERE f.order_id = o.id), "
                              "(SELECT IFNULL (SUM (f.commission), 0) FROM ledger_fills f WHERE "
                              "f.order_id = o.id), "
                              "(SELECT e.detail FROM ledger_order_events e WHERE e.order_id = o.id "
                              "AND e.event = 'acknowledged' ORDER BY e.id DESC LIMIT 1) "
                              "FROM ledger_orders o WHERE o.client_order_id = ?1;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "client_order_id: no order “%s”", client_order_id);
      return FALSE;
    }

  memset (state, 0, sizeof *state);
  state->order_id = sqlite3_column_int64 (stmt, 0);
  state->client_order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  state->parent_client_order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  state->account_id = sqlite3_column_int64 (stmt, 3);
  state->side = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "buy") == 0
                ? AU_ORDER_SIDE_BUY : AU_ORDER_SIDE_SELL;
  state->quantity = sqlite3_column_int64 (stmt, 5);
  state->limit_price = sqlite3_column_int64 (stmt, 6);
  state->rule_reference = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  state->state = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  filled = sqlite3_column_int64 (stmt, 9);
  state->filled_quantity = filled;
  /* The volume-weighted price, banker's-rounded to 1/10,000 dollar. */
  state->average_price = filled > 0 ? au_money_mul_ratio (sqlite3_column_int64 (stmt, 10), 1,
                                                          filled) : 0;
  state->commission = sqlite3_column_int64 (stmt, 11);
  state->broker_order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
  return TRUE;
}

/* au-events-reader.c: the protocol's history from the audit trail, off the UI thread
 *
 * The autopilot audits every protocol level change ("protocol", R6.5,
 * D2.10), VIX tier and sleeve latch ("breaker", D2.8, R6.9), system
 * state (R9: only SAFE and EMERGENCY, entered or left, are shown; the
 * normal SCANNING → ANALYZING cycle is not news), drawdown pivot
 * ("pivot"), fork and merge ("fork", "fork_queued", "merge", D2.2,
 * D2.3; their weekly "nothing to do" is left out) and hedge ("hedge", R6.6), and judges
 * every roll, exit and hedge order ("rule_check" whose proposal's action
 * is roll, exit or hedge). Only those records are read, newest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-events-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "au-db-worker.h"
#include "au-event-row.h"
#include "au-events-reader.h"

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static int
level_number (const char *level)
{
  return level != NULL && level[0] == 'L' ? level[1] - '0' : 0;
}

/* "Roll AAPL 2026-11-20 P 200: APPROVED", with the first violation of a
 * rejection, since that is the reason the order did not go out. */
static char *
order_message (const char *action,
               JsonObject *context,
               const char *verdict,
               JsonNode   *violations)
{
  const char *symbol = member (context, "symbol");
  const char *expiry = member (context, "expiry");
  const char *right = member (context, "right");
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_str_equal (action, "roll"))
    g_string_append (text, _("Roll"));
  else if (g_str_equal (action, "exit"))
    g_string_append (text, _("Exit"));
  else
    g_string_append (text, _("Hedge"));
  if (symbol != NULL)
    g_string_append_printf (text, " %s", symbol);
  if (expiry != NULL)
    g_string_append_printf (text, " %s", expiry);
  if (right != NULL)
    g_string_append_printf (text, " %s", right);
  if (context != NULL && json_object_has_member (context, "strike"))
    g_string_append_printf (text, " %g", json_object_get_double_member (context, "strike"));
  g_string_append_printf (text, ": %s", verdict);

  if (violations != NULL && JSON_NODE_HOLDS_ARRAY (violations) &&
      json_array_get_length (json_node_get_array (violations)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (violations), 0);
      const char *why = JSON_NODE_HOLDS_OBJECT (first)
                        ? member (json_node_get_object (first), "message") : NULL;

      if (why != NULL)
        g_string_append_printf (text, " — %s", why);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One record as a row, or %NULL for a record that is not an event. */
static AuEventRow *
record_to_row (const char *time_text,
               const char *kind_text,
               const char *rules_text,
               const char *verdict,
               const char *context_text,
               const char *violations_text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (time_text, NULL);
  g_autoptr(JsonNode) context_node = json_from_string (context_text, NULL);
  g_autoptr(JsonNode) rules_node = json_from_string (rules_text, NULL);
  g_autoptr(JsonNode) violations = NULL;
  g_autofree char *owned = NULL;
  JsonObject *context = NULL;
  const char *rule = NULL;
  const char *account;
  const char *message;
  AuEventKind kind;
  AuEventSeverity severity = AU_EVENT_INFO;
  gint64 usec;

  if (time == NULL)
    return NULL;
  usec = g_date_time_to_unix (time) * G_USEC_PER_SEC;
  if (context_node != NULL && JSON_NODE_HOLDS_OBJECT (context_node))
    context = json_node_get_object (context_node);
  if (rules_node != NULL && JSON_NODE_HOLDS_ARRAY (rules_node) &&
      json_array_get_length (json_node_get_array (rules_node)) > 0)
    rule = json_array_get_string_element (json_node_get_array (rules_node), 0);

  account = member (context, "account");
  message = member (context, "message");
  if (message == NULL)
    message = member (context, "reason");

  if (g_str_equal (kind_text, "protocol"))
    {
      int from = level_number (member (context, "from"));
      int to = level_number (member (context, "to"));

      kind = AU_EVENT_PROTOCOL;
      /* R6.x: L3 is an exit, L1/L2 an escalation; a step down is good news. */
      severity = to < from ? AU_EVENT_INFO : to >= 3 ? AU_EVENT_ERROR : AU_EVENT_WARNING;
    }
  else if (g_str_equal (kind_text, "breaker"))
    {
      kind = AU_EVENT_VIX;
      account = member (context, "sleeve");
      severity = g_str_equal (verdict, "emergency") ? AU_EVENT_ERROR
                 : g_str_equal (verdict, "none") ? AU_EVENT_INFO : AU_EVENT_WARNING;
    }
  else if (g_str_equal (kind_text, "state"))
    {
      kind = AU_EVENT_SAFE;
      severity = g_str_equal (verdict, "EMERGENCY") ? AU_EVENT_ERROR
                 : g_str_equal (verdict, "SAFE") ? AU_EVENT_WARNING : AU_EVENT_INFO;
    }
  else if (g_str_equal (kind_text, "pivot"))
    {
      kind = AU_EVENT_PIVOT;
      severity = g_str_equal (verdict, "PIVOT") ? AU_EVENT_WARNING : AU_EVENT_INFO;
    }
  else if (g_str_equal (kind_text, "fork") || g_str_equal (kind_text, "fork_queued") ||
           g_str_equal (kind_text, "merge"))
    {
      kind = AU_EVENT_FORK;
      severity = g_str_equal (verdict, "REFUSED") || g_str_equal (verdict, "DROPPED")
                 ? AU_EVENT_WARNING : AU_EVENT_INFO;
    }
  else if (g_str_equal (kind_text, "hedge"))
    kind = AU_EVENT_HEDGE;
  else if (g_str_equal (kind_text, "rule_check"))
    {
      const char *action = member (context, "action");

      if (g_strcmp0 (action, "roll") == 0)
        kind = AU_EVENT_ROLL;
      else if (g_strcmp0 (action, "exit") == 0)
        kind = AU_EVENT_EXIT;
      else if (g_strcmp0 (action, "hedge") == 0)
        kind = AU_EVENT_HEDGE;
      else
        return NULL;

      violations = json_from_string (violations_text, NULL);
      message = owned = order_message (action, context, verdict, violations);
      severity = g_str_equal (verdict, "REJECTED") || kind == AU_EVENT_EXIT ? AU_EVENT_ERROR
                 : AU_EVENT_WARNING;
    }
  else
    return NULL;

  /* A record without words still says what it decided. */
  if (message == NULL)
    message = verdict;

  return au_event_row_new (usec, kind, severity, account, message, rule, FALSE);
}

/**
 * au_events_reader_load:
 * @database_path: the autopilot's database
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type AuEventRow): the protocol's
 *   events, newest first, empty when there is no trail yet; or %NULL
 *   with @error set
 */
GPtrArray *
au_events_reader_load (const char    *database_path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int status;
  guint read = 0;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_db_worker_open (database_path, "audit", &database, error))
    return NULL;
  if (database == NULL)
    return g_steal_pointer (&rows);

  stmt = au_database_prepare (database,
    "SELECT time, kind, rules, verdict, context, violations FROM audit_records"
    " WHERE kind IN ('protocol', 'breaker', 'pivot')"
    "    OR (kind IN ('fork', 'fork_queued', 'merge', 'hedge') AND verdict <> 'NO_ACTION')"
    "    OR (kind = 'state' AND (verdict IN ('SAFE', 'EMERGENCY')"
    "        OR (json_valid (context)"
    "            AND json_extract (context, '$.from') IN ('SAFE', 'EMERGENCY'))))"
    "    OR (kind = 'rule_check' AND json_valid (context)"
    "        AND json_extract (context, '$.action') IN ('roll', 'exit', 'hedge'))"
    " ORDER BY seq DESC;", error);
  if (stmt == NULL)
    return NULL;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuEventRow *row = record_to_row (au_db_column_text (stmt, 0), au_db_column_text (stmt, 1),
                                       au_db_column_text (stmt, 2), au_db_column_text (stmt, 3),
                                       au_db_column_text (stmt, 4), au_db_column_text (stmt, 5));

      if (row != NULL)
        g_ptr_array_add (rows, row);
      if (++read % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, _("Reading the audit trail"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

void
au_events_reader_load_async (const char          *database_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (database_path != NULL);

  au_db_worker_run_path (au_events_reader_load_async, AU_DB_PATH_QUERY (au_events_reader_load),
                         database_path, (GDestroyNotify) g_ptr_array_unref,
                         cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type AuEventRow): the events, or %NULL */
GPtrArray *
au_events_reader_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  return au_db_worker_finish (result, au_events_reader_load_async, error);
}

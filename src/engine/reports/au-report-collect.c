/* au-report-collect.c: reading the ledger, the audit trail and the week
 * types of one period (WS5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "au-market-calendar.h"
#include "au-money.h"
#include "au-report-private.h"

#define S(Type, member) G_STRUCT_OFFSET (Type, member)

static const gsize account_strings[] = {
  S (AuReportAccount, name), S (AuReportAccount, kind),
};
static const gsize event_strings[] = {
  S (AuReportEvent, time), S (AuReportEvent, account), S (AuReportEvent, kind),
  S (AuReportEvent, rules), S (AuReportEvent, value), S (AuReportEvent, message),
};
static const gsize week_type_strings[] = {
  S (AuReportWeekType, week), S (AuReportWeekType, account), S (AuReportWeekType, type),
  S (AuReportWeekType, events), S (AuReportWeekType, why),
};
static const gsize position_strings[] = {
  S (AuReportPosition, account), S (AuReportPosition, instrument),
  S (AuReportPosition, mark_time),
};
static const gsize rung_strings[] = {
  S (AuReportRung, account), S (AuReportRung, quarter), S (AuReportRung, kind),
  S (AuReportRung, contract), S (AuReportRung, state),
};

#undef S

AU_REPORT_DEFINE_FREE (account_free, account_strings)
AU_REPORT_DEFINE_FREE (event_free, event_strings)
AU_REPORT_DEFINE_FREE (week_type_free, week_type_strings)
AU_REPORT_DEFINE_FREE (position_free, position_strings)
AU_REPORT_DEFINE_FREE (rung_free, rung_strings)

/* Every reader's error names the report. */
#define READING "reading the report"

static AuReportAccount *
find_account (AuReport *self,
              gint64    id)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      AuReportAccount *a = g_ptr_array_index (self->accounts, i);

      if (a->id == id)
        return a;
    }
  return NULL;
}

static gboolean
load_accounts (AuReport    *self,
               AuDatabase  *db,
               GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error, "SELECT id, kind, name FROM "
                             "ledger_accounts WHERE created_at < ?1 ORDER BY id",
                             self->end_utc, NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      AuReportAccount *a = g_new0 (AuReportAccount, 1);

      a->id = _au_report_rows_int (&rows, 0);
      a->kind = _au_report_rows_dup (&rows, 1);
      a->name = _au_report_rows_dup (&rows, 2);
      g_ptr_array_add (self->accounts, a);
    }
  return _au_report_rows_done (&rows, error);
}

/* Every book's balance just before @before (ledger time, UTC). */
static gboolean
load_books (AuReport    *self,
            AuDatabase  *db,
            const char  *before,
            gboolean     at_end,
            GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error,
                             "SELECT b.account_id, b.book, SUM (p.amount) "
                             "FROM ledger_postings p "
                             "JOIN ledger_books b ON b.id = p.book_id "
                             "JOIN ledger_transactions t ON t.id = p.transaction_id "
                             "WHERE t.time < ?1 GROUP BY b.account_id, b.book", before, NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      AuReportAccount *a = find_account (self, _au_report_rows_int (&rows, 0));
      const char *name = _au_report_rows_text (&rows, 1);
      AuBook book;

      if (a == NULL)
        continue;
      if (!au_book_from_string (name, &book))
        {
          g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_DATABASE,
                       "ledger_books: unknown book “%s” of account %" G_GINT64_FORMAT,
                       name, a->id);
          return FALSE;
        }
      if (at_end)
        a->end_books[book] = _au_report_rows_int (&rows, 2);
      else
        a->start_books[book] = _au_report_rows_int (&rows, 2);
    }
  return _au_report_rows_done (&rows, error);
}

/* R10.3: the last price the engine stored for an instrument before
 * @before. The ledger keeps no marks; the audit trail keeps the quotes
 * and spots every rule check and protocol check saw, so those are the
 * engine's own last known marks. */
static gboolean
find_mark (AuDatabase  *db,
           const char  *symbol,
           const char  *right,
           AuPrice      strike,
           const char  *expiry,
           const char  *before,
           AuPrice     *mark,
           char       **mark_time,
           gboolean    *found,
           GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;
  gboolean stock = g_strcmp0 (right, "stock") == 0;
  double price = 0;

  *found = FALSE;
  if (stock)
    {
      if (!_au_report_rows_open (&rows, db, READING, error,
                                "SELECT seq, time, json_extract (context, '$.market.spot'), 0 "
                                "FROM audit_records WHERE kind = 'rule_check' "
                                "AND json_extract (context, '$.symbol') = ?1 "
                                "AND json_extract (context, '$.market.spot') > 0 "
                                "AND julianday (time) < julianday (?2) "
                                "UNION ALL "
                                "SELECT seq, time, json_extract (context, '$.spot'), 0 "
                                "FROM audit_records WHERE kind = 'protocol' "
                                "AND json_extract (context, '$.position') LIKE ?1 || ' %' "
                                "AND json_extract (context, '$.spot') > 0 "
                                "AND julianday (time) < julianday (?2) "
                                "ORDER BY 1 DESC LIMIT 1", symbol, before, NULL))
        return FALSE;
    }
  else
    {
      if (!_au_report_rows_open (&rows, db, READING, error,
                                "SELECT seq, time, json_extract (context, '$.quote.bid'), "
                                "json_extract (context, '$.quote.ask') "
                                "FROM audit_records WHERE kind = 'rule_check' "
                                "AND json_extract (context, '$.symbol') = ?1 "
                                "AND julianday (time) < julianday (?2) "
                                "AND json_extract (context, '$.right') = ?3 "
                                "AND json_extract (context, '$.expiry') = ?4 "
                                "AND CAST (ROUND (json_extract (context, '$.strike') * 10000) "
                                "AS INTEGER) = ?5 "
                                "ORDER BY seq DESC LIMIT 1", symbol, before,
                                g_strcmp0 (right, "put") == 0 ? "P" : "C", expiry, NULL))
        return FALSE;
      sqlite3_bind_int64 (rows.stmt, 5, strike);
    }
  if (!_au_report_rows_next (&rows))
    return _au_report_rows_done (&rows, error);
  if (stock)
    price = sqlite3_column_double (rows.stmt, 2);
  else
    {
      double bid = sqlite3_column_double (rows.stmt, 2);
      double ask = sqlite3_column_double (rows.stmt, 3);

      /* The mid when both sides quote, else the side that does. */
      price = bid > 0 && ask > 0 ? (bid + ask) / 2 : MAX (bid, ask);
    }
  if (price <= 0 || !au_price_from_double (price, mark))
    return TRUE;
  *mark_time = _au_report_rows_dup (&rows, 1);
  *found = TRUE;
  return TRUE;
}

char *
_au_report_strike_text (AuPrice strike)
{
  char *text = au_price_format (strike);

  if (strchr (text, '.') != NULL)
    {
      gsize end = strlen (text);

      while (end > 0 && text[end - 1] == '0')
        text[--end] = '\0';
      if (end > 0 && text[end - 1] == '.')
        text[--end] = '\0';
    }
  return text;
}

static char *
describe_instrument (const char *symbol,
                     const char *right,
                     AuPrice     strike,
                     const char *expiry)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (right, "stock") == 0)
    return g_strdup (symbol);
  text = _au_report_strike_text (strike);
  return g_strdup_printf ("%s %s %s %s", symbol, expiry,
                          g_strcmp0 (right, "put") == 0 ? "P" : "C", text);
}

/* Open positions just before @before, each at its last stored mark or,
 * with none, at cost; adds their unrealized P&L to the accounts. */
static gboolean
load_positions (AuReport    *self,
                AuDatabase  *db,
                gboolean     has_audit,
                const char  *before,
                gboolean     at_end,
                GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error,
                             "SELECT p.account_id, a.name, i.symbol, i.option_right, "
                              "i.strike, i.expiry, i.multiplier, SUM (pp.quantity), "
                              "SUM (pp.amount) FROM ledger_positions p "
                              "JOIN ledger_accounts a ON a.id = p.account_id "
                              "JOIN ledger_instruments i ON i.id = p.instrument_id "
                              "JOIN ledger_postings pp ON pp.position_id = p.id "
                              "JOIN ledger_transactions t ON t.id = pp.transaction_id "
                              "WHERE t.time < ?1 GROUP BY p.id "
                             "HAVING SUM (pp.quantity) <> 0 ORDER BY p.id", before, NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      AuReportAccount *a = find_account (self, _au_report_rows_int (&rows, 0));
      const char *symbol = _au_report_rows_text (&rows, 2);
      const char *right = _au_report_rows_text (&rows, 3);
      AuPrice strike = _au_report_rows_int (&rows, 4);
      const char *expiry = _au_report_rows_text (&rows, 5);
      gint64 multiplier = _au_report_rows_int (&rows, 6);
      gint64 quantity = _au_report_rows_int (&rows, 7);
      AuMoney cost = _au_report_rows_int (&rows, 8);
      g_autofree char *mark_time = NULL;
      AuPrice mark = 0;
      gboolean found = FALSE;
      AuMoney value = cost;

      if (has_audit && !find_mark (db, symbol, right, strike, expiry, before, &mark,
                                   &mark_time, &found, error))
        return FALSE;
      /* A price is in 1/10,000 dollars: 100 of them make a cent. */
      if (found)
        value = au_money_mul_ratio (quantity * multiplier, mark, 100);
      if (a != NULL)
        {
          if (at_end)
            a->unrealized_end += value - cost;
          else
            a->unrealized_start += value - cost;
        }
      if (at_end)
        {
          AuReportPosition *p = g_new0 (AuReportPosition, 1);

          p->account = _au_report_rows_dup (&rows, 1);
          p->instrument = describe_instrument (symbol, right, strike, expiry);
          p->quantity = quantity;
          p->cost_basis = cost;
          p->value = value;
          p->marked = found;
          p->mark = mark;
          p->mark_time = g_steal_pointer (&mark_time);
          g_ptr_array_add (self->positions, p);
          if (found)
            self->n_marked++;
          else
            self->n_at_cost++;
        }
    }
  return _au_report_rows_done (&rows, error);
}

/* Counts per account: @sql binds the period as ?1, ?2 and returns
 * (account_id, count) rows. */
static gboolean
load_counts (AuReport    *self,
             AuDatabase  *db,
             const char  *sql,
             gsize        offset,
             GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error, sql, self->start_utc, self->end_utc,
                             NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      AuReportAccount *a = find_account (self, _au_report_rows_int (&rows, 0));

      if (a != NULL)
        G_STRUCT_MEMBER (gint64, a, offset) += _au_report_rows_int (&rows, 1);
    }
  return _au_report_rows_done (&rows, error);
}

/* The first account a transaction posts to, by name. */
#define TXN_ACCOUNT_SQL                                                         \
  "(SELECT a.name FROM ledger_postings p JOIN ledger_books b ON b.id = p.book_id " \
  " JOIN ledger_accounts a ON a.id = b.account_id WHERE p.transaction_id = t.id "  \
  " AND a.kind <> 'root' ORDER BY p.id LIMIT 1)"

static void
add_event (AuReport   *self,
           const char *time,
           const char *account,
           const char *kind,
           const char *rules,
           const char *value,
           const char *message)
{
  AuReportEvent *e = g_new0 (AuReportEvent, 1);

  e->time = g_strdup (time);
  e->account = g_strdup (account != NULL ? account : "");
  e->kind = g_strdup (kind);
  e->rules = g_strdup (rules != NULL ? rules : "");
  e->value = g_strdup (value != NULL ? value : "");
  e->message = g_strdup (message != NULL ? message : "");
  g_ptr_array_add (self->events, e);
}

/* Assignments, forks, merges and reinvestments, from the ledger. */
static gboolean
load_ledger_events (AuReport    *self,
                    AuDatabase  *db,
                    GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error,
                             "SELECT t.time, t.kind, t.description, " TXN_ACCOUNT_SQL
                             " FROM ledger_transactions t WHERE t.time >= ?1 AND t.time < ?2 "
                             "AND t.kind IN ('assignment', 'fork_gen', 'fork_rev', "
                             "'merge_mini', 'reinvest') ORDER BY t.id",
                             self->start_utc, self->end_utc, NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      const char *kind = _au_report_rows_text (&rows, 1);
      const char *event = "reinvestment", *rules = "R3.5, D2.9";

      if (g_str_equal (kind, "assignment"))
        event = "assignment", rules = "R7.2";
      else if (g_str_equal (kind, "fork_gen"))
        event = "fork", rules = "R2.6, D2.2";
      else if (g_str_equal (kind, "fork_rev"))
        event = "fork", rules = "R3.6";
      else if (g_str_equal (kind, "merge_mini"))
        event = "merge", rules = "D2.3";
      add_event (self, _au_report_rows_text (&rows, 0), _au_report_rows_text (&rows, 3), event,
                 rules, kind, _au_report_rows_text (&rows, 2));
    }
  return _au_report_rows_done (&rows, error);
}

/* The array @json holds, owned by @node; NULL when it holds none. */
static JsonArray *
json_array_of (const char  *json,
               JsonNode   **node)
{
  *node = json_from_string (json, NULL);
  return *node != NULL && JSON_NODE_HOLDS_ARRAY (*node) ? json_node_get_array (*node) : NULL;
}

static char *
rules_text (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array = json_array_of (json, &node);
  g_autoptr(GString) out = g_string_new (NULL);

  if (array == NULL)
    return g_strdup ("");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *rule = NULL;

      if (JSON_NODE_HOLDS_VALUE (item))
        rule = json_node_get_string (item);
      else if (JSON_NODE_HOLDS_OBJECT (item))
        rule = json_object_get_string_member_with_default (json_node_get_object (item),
                                                           "rule", NULL);
      if (rule != NULL && strstr (out->str, rule) == NULL)
        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", rule);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
violations_text (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array = json_array_of (json, &node);
  g_autoptr(GString) out = g_string_new (NULL);

  if (array == NULL)
    return g_strdup ("");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        g_string_append_printf (out, "%s%s: %s", out->len > 0 ? "; " : "",
                                json_object_get_string_member_with_default (
                                  json_node_get_object (item), "rule", "?"),
                                json_object_get_string_member_with_default (
                                  json_node_get_object (item), "message", ""));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Rejections (rule checks refused), protocol escalations and the week
 * types' explanations, from the audit trail. */
static gboolean
load_audit_events (AuReport    *self,
                   AuDatabase  *db,
                   GHashTable  *why,
                   GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error, "SELECT time, kind, rules, verdict, "
                             "json_extract (context, '$.account'), "
                             "json_extract (context, '$.message'), violations, "
                             "json_extract (context, '$.symbol'), "
                             "json_extract (context, '$.week') "
                             "FROM audit_records WHERE kind IN ('rule_check', 'protocol', "
                             "'week_type') AND julianday (time) >= julianday (?1) "
                             "AND julianday (time) < julianday (?2) ORDER BY seq",
                             self->start_utc, self->end_utc, NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      const char *time = _au_report_rows_text (&rows, 0);
      const char *kind = _au_report_rows_text (&rows, 1);
      const char *verdict = _au_report_rows_text (&rows, 3);
      const char *account = _au_report_rows_text (&rows, 4);
      const char *message = _au_report_rows_text (&rows, 5);

      if (g_str_equal (kind, "rule_check") && g_strcmp0 (verdict, "REJECTED") == 0)
        {
          const char *violations = _au_report_rows_text (&rows, 6);
          const char *symbol = _au_report_rows_text (&rows, 7);
          g_autofree char *rules = rules_text (violations);
          g_autofree char *text = violations_text (violations);
          g_autofree char *full = g_strdup_printf ("%s%s%s", symbol != NULL ? symbol : "",
                                                   symbol != NULL ? ": " : "", text);

          add_event (self, time, account, "rejection", rules, verdict, full);
        }
      else if (g_str_equal (kind, "protocol"))
        {
          g_autofree char *rules = rules_text (_au_report_rows_text (&rows, 2));

          add_event (self, time, account, "escalation", rules, verdict, message);
        }
      else if (g_str_equal (kind, "week_type") && _au_report_rows_text (&rows, 8) != NULL)
        g_hash_table_replace (why, _au_report_rows_dup (&rows, 8), g_strdup (message));
    }
  return _au_report_rows_done (&rows, error);
}

static char *
iso_week_label (const GDate *monday)
{
  GDate thursday = *monday;

  /* ISO 8601: a week belongs to the year of its Thursday. */
  g_date_add_days (&thursday, 3);
  return g_strdup_printf ("%04d-W%02u", g_date_get_year (&thursday),
                          g_date_get_iso8601_week_of_year (monday));
}

static char *
week_events_text (const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array = json_array_of (json, &node);
  g_autoptr(GString) out = g_string_new (NULL);

  if (array == NULL)
    return g_strdup (json);
  for
 (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (o == NULL)
        continue;
      g_string_append_printf (out, "%s%s %s %s %s", out->len > 0 ? "; " : "",
                              json_object_get_string_member_with_default (o, "rule", "?"),
                              json_object_get_string_member_with_default (o, "type", "?"),
                              json_object_get_string_member_with_default (o, "account", ""),
                              json_object_get_string_member_with_default (o, "symbol", ""));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* D2.5: the labels of the weeks whose Friday (the weekly cut) falls in
 * the period, system roll-up first. */
static gboolean
load_week_types (AuReport    *self,
                 AuDatabase  *db,
                 GHashTable  *why,
                 GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;
  GDate monday = self->first;

  g_date_subtract_days (&monday, g_date_get_weekday (&monday) - G_DATE_MONDAY);
  if (!_au_report_rows_open (&rows, db, READING, error, "SELECT account, type, events FROM "
                             "autopilot_week_types WHERE week = ?1 "
                             "ORDER BY account IS NOT NULL, account", NULL))
    return FALSE;
  for (; g_date_compare (&monday, &self->last) <= 0; g_date_add_days (&monday, 7))
    {
      GDate friday = monday;
      g_autofree char *week = NULL;

      g_date_add_days (&friday, 4);
      if (g_date_compare (&friday, &self->first) < 0 || g_date_compare (&friday, &self->last) > 0)
        continue;
      week = iso_week_label (&monday);
      _au_report_rows_rebind (&rows, week, NULL);
      while (_au_report_rows_next (&rows))
        {
          AuReportWeekType *w = g_new0 (AuReportWeekType, 1);

          w->week = g_strdup (week);
          w->account = _au_report_rows_dup (&rows, 0);
          w->type = _au_report_rows_dup (&rows, 1);
          w->events = week_events_text (_au_report_rows_text (&rows, 2));
          if (w->account == NULL)
            w->why = g_strdup (g_hash_table_lookup (why, week));
          g_ptr_array_add (self->week_types, w);
        }
      if (!_au_report_rows_done (&rows, error))
        return FALSE;
    }
  return TRUE;
}

/* R17.4: the LEAP ladder's rungs planned before the period's end, at
 * cost (the ladder stores no marks). */
static gboolean
load_ladder (AuReport    *self,
             AuDatabase  *db,
             GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, READING, error,
                             "SELECT a.name, r.quarter, r.kind, r.symbol, r.right, "
                             "r.strike, r.expiry, r.quantity, r.price, r.state "
                             "FROM accounts_leap_rungs r "
                             "LEFT JOIN ledger_accounts a ON a.id = r.account_id "
                             "WHERE julianday (r.planned_at) < julianday (?1) ORDER BY r.id",
                             self->end_utc, NULL))
    return FALSE;
  self->ladder = g_ptr_array_new_with_free_func (rung_free);
  while (_au_report_rows_next (&rows))
    {
      AuReportRung *r = g_new0 (AuReportRung, 1);
      g_autofree char *strike = _au_report_strike_text (_au_report_rows_int (&rows, 5));

      r->account = _au_report_rows_dup (&rows, 0);
      r->quarter = _au_report_rows_dup (&rows, 1);
      r->kind = _au_report_rows_dup (&rows, 2);
      r->contract = g_strdup_printf ("%s %s %s %s", _au_report_rows_text (&rows, 3),
                                     _au_report_rows_text (&rows, 6),
                                     _au_report_rows_text (&rows, 4), strike);
      r->quantity = _au_report_rows_int (&rows, 7);
      /* price × quantity × 100 shares, in 1/10,000 dollars → cents */
      r->cost = _au_report_rows_int (&rows, 8) * r->quantity;
      r->state = _au_report_rows_dup (&rows, 9);
      g_ptr_array_add (self->ladder, r);
    }
  return _au_report_rows_done (&rows, error);
}

/* The equity curve of the chart: total equity at cost at the start and
 * after each session (the ledger stores no daily marks). */
static gboolean
load_curve (AuReport    *self,
            AuDatabase  *db,
            GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;
  GTimeZone *eastern = au_eastern_time_zone ();  /* shared */

  if (!_au_report_rows_open (&rows, db, READING, error,
                             "SELECT IFNULL (SUM (p.amount), 0) FROM ledger_postings p "
                             "JOIN ledger_books b ON b.id = p.book_id "
                             "JOIN ledger_transactions t ON t.id = p.transaction_id "
                             "WHERE b.type IN ('asset', 'liability') AND t.time < ?1", NULL))
    return FALSE;
  for (GDate d = self->first; g_date_compare (&d, &self->last) <= 0; g_date_add_days (&d, 1))
    {
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GDateTime) utc = NULL;
      g_autofree char *bound = NULL;
      AuReportPoint point = { { 0 }, 0 };

      if (!au_nyse_is_trading_day (&d))
        continue;
      local = g_date_time_new (eastern, g_date_get_year (&d), g_date_get_month (&d),
                               g_date_get_day (&d), 23, 59, 59);
      utc = g_date_time_to_utc (local);
      bound = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      _au_report_rows_rebind (&rows, bound, NULL);
      if (!_au_report_rows_next (&rows))
        return _au_report_rows_done (&rows, error);

      g_snprintf (point.date, sizeof point.date, "%04d-%02d-%02d", g_date_get_year (&d),
                  g_date_get_month (&d), g_date_get_day (&d));
      point.equity = _au_report_rows_int (&rows, 0);
      g_array_append_val (self->curve, point);
    }
  return TRUE;
}

gboolean
_au_report_collect (AuReport    *self,
                    AuDatabase  *db,
                    GError     **error)
{
  g_autoptr(GHashTable) why = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean has_audit = _au_report_has_table (db, "audit_records");

  self->accounts = g_ptr_array_new_with_free_func (account_free);
  self->week_types = g_ptr_array_new_with_free_func (week_type_free);
  self->events = g_ptr_array_new_with_free_func (event_free);
  self->positions = g_ptr_array_new_with_free_func (position_free);
  self->curve = g_array_new (FALSE, TRUE, sizeof (AuReportPoint));

  if (!load_accounts (self, db, error)
      || !load_books (self, db, self->start_utc, FALSE, error)
      || !load_books (self, db, self->end_utc, TRUE, error)
      || !load_positions (self, db, has_audit, self->start_utc, FALSE, error)
      || !load_positions (self, db, has_audit, self->end_utc, TRUE, error)
      || !load_counts (self, db, "SELECT account_id, COUNT (*) FROM ledger_orders "
                       "WHERE parent_id IS NULL AND created_at >= ?1 AND created_at < ?2 "
                       "GROUP BY account_id", G_STRUCT_OFFSET (AuReportAccount, orders), error)
      || !load_counts (self, db, "SELECT IFNULL (o.account_id, (SELECT b.account_id "
                       "FROM ledger_postings p JOIN ledger_books b ON b.id = p.book_id "
                       "WHERE p.transaction_id = f.transaction_id LIMIT 1)), COUNT (*) "
                       "FROM ledger_fills f LEFT JOIN ledger_orders o ON o.id = f.order_id "
                       "WHERE f.time >= ?1 AND f.time < ?2 GROUP BY 1",
                       G_STRUCT_OFFSET (AuReportAccount, fills), error)
      || !load_counts (self, db, "SELECT b.account_id, COUNT (DISTINCT t.id) "
                       "FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id "
                       "JOIN ledger_books b ON b.id = p.book_id WHERE t.kind = 'assignment' "
                       "AND b.book = 'stock' AND t.time >= ?1 AND t.time < ?2 "
                       "GROUP BY b.account_id", G_STRUCT_OFFSET (AuReportAccount, assignments),
                       error)
      || !load_ledger_events (self, db, error))
    return FALSE;
  if (has_audit && !load_audit_events (self, db, why, error))
    return FALSE;
  if (_au_report_has_table (db, "autopilot_week_types") && !load_week_types (self, db, why, error))
    return FALSE;
  if (_au_report_has_table (db, "accounts_leap_rungs") && !load_ladder (self, db, error))
    return FALSE;
  if (_au_report_has_table (db, "accounts_leap_reports"))
    {
      self->has_leap_reports = TRUE;
      if (!_au_report_load_leap_report (self, db, error))
        return FALSE;
    }
  if (!load_curve (self, db, error))
    return FALSE;

  if (self->n_at_cost == 0)
    self->mark_note = g_strdup ("Open positions are marked at the last quote (options: mid of "
                                "bid and ask) or spot (stock) the engine stored in its audit "
                                "trail before the period's end; the ledger keeps no marks of "
                                "its own.");
  else
    self->mark_note = g_strdup_printf ("Open positions are marked at the last quote (options: "
                                       "mid of bid and ask) or spot (stock) the engine stored "
                                       "in its audit trail before the period's end; %u "
                                       "position(s) with no stored price are carried at cost "
                                       "(unrealized 0).", self->n_at_cost);
  return TRUE;
}

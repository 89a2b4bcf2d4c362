/* au-report-ladder.c: the quarterly LEAP ladder report in the period's
 * report (acceptance #8, research §3.11, R17.1–R17.4)
 *
 * The accounts area stores one ladder report per quarter in
 * accounts_leap_reports and audits each sleeve's review (kind "leap").
 * Reading them needs no AuAccountManager, which would migrate the file
 * and so needs it writable: a report is read-only, so it reads both
 * tables itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <string.h>

#include "au-money.h"
#include "au-report-private.h"

#define S(Type, member) G_STRUCT_OFFSET (Type, member)

static const gsize rung_strings[] = {
  S (AuReportLadderRung, account), S (AuReportLadderRung, kind),
  S (AuReportLadderRung, contract), S (AuReportLadderRung, expiry),
  S (AuReportLadderRung, strike), S (AuReportLadderRung, quarter),
  S (AuReportLadderRung, origin), S (AuReportLadderRung, state),
};
static const gsize order_strings[] = {
  S (AuReportLadderOrder, account), S (AuReportLadderOrder, side),
  S (AuReportLadderOrder, contract), S (AuReportLadderOrder, purpose),
  S (AuReportLadderOrder, rule),
};
static const gsize review_strings[] = {
  S (AuReportLadderReview, account), S (AuReportLadderReview, verdict),
};

#undef S

AU_REPORT_DEFINE_FREE (rung_free, rung_strings)
AU_REPORT_DEFINE_FREE (order_free, order_strings)

static void
review_free (gpointer data)
{
  AuReportLadderReview *r = data;

  g_clear_pointer (&r->notes, g_ptr_array_unref);
  _au_report_free_strings (r, review_strings, G_N_ELEMENTS (review_strings));
}

void
_au_report_ladder_free (AuReportLadder *ladder)
{
  if (ladder == NULL)
    return;
  g_free (ladder->quarter);
  g_free (ladder->time);
  g_clear_pointer (&ladder->rungs, g_ptr_array_unref);
  g_clear_pointer (&ladder->reviews, g_ptr_array_unref);
  g_clear_pointer (&ladder->orders, g_ptr_array_unref);
  g_free (ladder);
}

const char *
_au_report_rung_kind (const AuReportLadderRung *rung)
{
  if (g_strcmp0 (rung->kind, "growth") == 0)
    return rung->call ? "growth call" : "growth put";
  return rung->call ? "hedge call" : "hedge put";
}

static gboolean
bad_report (const char  *quarter,
            const char  *field,
            GError     **error)
{
  g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_DATABASE,
               "accounts_leap_reports: the report of %s has no valid “%s”", quarter, field);
  return FALSE;
}

static gboolean
member_price (JsonObject  *object,
              const char  *name,
              const char  *quarter,
              AuPrice     *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) == G_TYPE_STRING
      || !au_price_from_double (json_node_get_double (node), out))
    return bad_report (quarter, name, error);
  return TRUE;
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gboolean
parse_rung (AuReportLadder  *ladder,
            const char      *account,
            JsonObject      *item,
            GError         **error)
{
  const char *texts[] = { "kind", "symbol", "right", "expiry", "quarter", "origin", "state" };
  AuReportLadderRung *r;
  AuPrice strike;
  JsonNode *mark;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (member_text (item, texts[i]) == NULL)
      return bad_report (ladder->quarter, texts[i], error);
  if (!json_object_has_member (item, "quantity")
      || json_object_get_int_member (item, "quantity") <= 0)
    return bad_report (ladder->quarter, "quantity", error);

  r = g_new0 (AuReportLadderRung, 1);
  g_ptr_array_add (ladder->rungs, r);
  r->account = g_strdup (account);
  r->kind = g_strdup (member_text (item, "kind"));
  r->call = g_strcmp0 (member_text (item, "right"), "C") == 0;
  r->expiry = g_strdup (member_text (item, "expiry"));
  r->quarter = g_strdup (member_text (item, "quarter"));
  r->origin = g_strdup (member_text (item, "origin"));
  r->state = g_strdup (member_text (item, "state"));
  r->quantity = json_object_get_int_member (item, "quantity");
  if (!member_price (item, "strike", ladder->quarter, &strike, error)
      || !member_price (item, "price", ladder->quarter, &r->price, error))
    return FALSE;
  r->strike = _au_report_strike_text (strike);
  r->contract = g_strdup_printf ("%s %s %s %s", member_text (item, "symbol"), r->expiry,
                                 r->call ? "C" : "P", r->strike);
  /* A contract is 100 shares: a price in 1/10,000 dollars × 100 is cents. */
  r->cost = r->price * r->quantity;
  mark = json_object_get_member (item, "mark");
  if (mark != NULL && !JSON_NODE_HOLDS_NULL (mark))
    {
      if (!member_price (item, "mark", ladder->quarter, &r->mark, error))
        return FALSE;
      r->has_mark = TRUE;
      r->value = r->mark * r->quantity;
      ladder->value += r->value;
    }
  else
    ladder->n_unmarked++;
  if (g_str_equal (r->kind, "growth"))
    ladder->growth_cost += r->cost;
  else
    ladder->hedge_cost += r->cost;
  return TRUE;
}

static gboolean
parse_report (AuReportLadder  *ladder,
              const char      *text,
              GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &local);
  JsonArray *sleeves;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_DATABASE,
                   "accounts_leap_reports: the report of %s is not a JSON object%s%s",
                   ladder->quarter, local != NULL ? ": " : "",
                   local != NULL ? local->message : "");
      return FALSE;
    }
  sleeves = json_object_get_array_member (json_node_get_object (node), "sleeves");
  if (!json_object_has_member (json_node_get_object (node), "sleeves") || sleeves == NULL)
    return bad_report (ladder->quarter, "sleeves", error);
  for (guint s = 0; s < json_array_get_length (sleeves); s++)
    {
      JsonObject *sleeve = json_array_get_object_element (sleeves, s);
      JsonArray *rungs;
      const char *account;

      if (sleeve == NULL || (account = member_text (sleeve, "account")) == NULL
          || !json_object_has_member (sleeve, "rungs")
          || (rungs = json_object_get_array_member (sleeve, "rungs")) == NULL)
        return bad_report (ladder->quarter, "sleeves", error);
      for (guint i = 0; i < json_array_get_length (rungs); i++)
        {
          JsonObject *item = json_array_get_object_element (rungs, i);

          if (item == NULL)
            return bad_report (ladder->quarter, "rungs", error);
          if (!parse_rung (ladder, account, item, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
add_order (AuReportLadder *ladder,
           const char     *account,
           JsonObject     *intent)
{
  AuReportLadderOrder *o = g_new0 (AuReportLadderOrder, 1);
  JsonNode *delta = json_object_get_member (intent, "delta");

  o->account = g_strdup (account);
  o->side = g_strdup (json_object_get_string_member_with_default (intent, "side", ""));
  o->quantity = json_object_get_int_member_with_default (intent, "quantity", 0);
  o->contract = g_strdup (json_object_get_string_member_with_default (intent, "contract", ""));
  o->purpose = g_strdup (json_object_get_string_member_with_default (intent, "purpose", ""));
  o->rule = g_strdup (json_object_get_string_member_with_default (intent, "rule", ""));
  if (delta != NULL && JSON_NODE_HOLDS_VALUE (delta)
      && json_node_get_value_type (delta) != G_TYPE_STRING)
    {
      o->has_delta = TRUE;
      o->delta = json_node_get_double (delta);
    }
  g_ptr_array_add (ladder->orders, o);
}

/* The delta a rung was bought at: the quote its review's buy order
 * carried (R17.1), from the first review that bought that contract. */
static gboolean
find_delta (AuDatabase                *db,
            const AuReportLadder      *ladder,
            const AuReportLadderRung  *rung,
            double                    *delta,
            gboolean                  *found,
            GError                   **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  *found = FALSE;
  if (!_au_report_rows_open (&rows, db, "reading the LEAP deltas at purchase", error,
                             "SELECT json_extract (i.value, '$.delta') "
                             "FROM audit_records r, json_each (r.context, '$.intents') i "
                             "WHERE r.kind = 'leap' AND r.verdict = 'PLANNED' "
                             "AND json_extract (i.value, '$.side') = 'buy' "
                             "AND json_extract (i.value, '$.contract') = ?1 "
                             "AND json_extract (r.context, '$.account') = ?2 "
                             "AND julianday (r.time) <= julianday (?3) "
                             "AND json_extract (i.value, '$.delta') IS NOT NULL "
                             "ORDER BY r.seq LIMIT 1",
                             rung->contract, rung->account, ladder->time, NULL))
    return FALSE;
  if (!_au_report_rows_next (&rows))
    return _au_report_rows_done (&rows, error);
  *delta = sqlite3_column_double (rows.stmt, 0);
  *found = TRUE;
  return TRUE;
}

/* Each sleeve's review of the quarter (R17.1–R17.3): its verdict, the
 * notes it wrote and the orders it decided. */
static gboolean
load_reviews (AuReportLadder  *ladder,
              AuDatabase      *db,
              GError         **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  if (!_au_report_rows_open (&rows, db, "reading the LEAP ladder reviews", error,
                             "SELECT verdict, context FROM audit_records "
                             "WHERE kind = 'leap' AND verdict IN ('PLANNED', 'NO_ACTION') "
                             "AND json_extract (context, '$.quarter') = ?1 ORDER BY seq",
                             ladder->quarter, NULL))
    return FALSE;
  while (_au_report_rows_next (&rows))
    {
      g_autoptr(JsonNode) node = json_from_string (_au_report_rows_text (&rows, 1), NULL);
      AuReportLadderReview *review;
      JsonObject *context;
      JsonArray *notes, *intents;
      const char *account;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;  /* the audit log checks its own records; not ours to judge */
      context = json_node_get_object (node);
      account = json_object_get_string_member_with_default (context, "account", "");
      review = g_new0 (AuReportLadderReview, 1);
      review->account = g_strdup (account);
      review->verdict = _au_report_rows_dup (&rows, 0);
      review->vix = json_object_get_double_member_with_default (context, "vix", 0);
      if (!au_decimal_from_double (json_object_get_double_member_with_default (
                                     context, "leap_budget", 0), 2, &review->leap_budget))
        review->leap_budget = 0;
      review->notes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (ladder->reviews, review);
      notes = json_object_has_member (context, "notes")
              ? json_object_get_array_member (context, "notes") : NULL;
      for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
        {
          const char *note = json_array_get_string_element (notes, i);

          if (note != NULL)
            g_ptr_array_add (review->notes, g_strdup (note));
        }
      intents = json_object_has_member (context, "intents")
                ? json_object_get_array_member (context, "intents") : NULL;
      for (guint i = 0; intents != NULL && i < json_array_get_length (intents); i++)
        {
          JsonObject *intent = json_array_get_object_element (intents, i);

          if (intent != NULL)
            add_order (ladder, account, intent);
        }
    }
  return _au_report_rows_done (&rows, error);
}

gboolean
_au_report_load_leap_report (AuReport    *self,
                             AuDatabase  *db,
                             GError     **error)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;
  const char *what = "reading the LEAP ladder report";
  AuReportLadder *ladder;
  gboolean opened;

  if (self->period == AU_REPORT_QUARTER)
    {
      self->leap_quarter = g_strdup_printf ("%dQ%d", g_date_get_year (&self->first),
                                            (g_date_get_month (&self->first) - 1) / 3 + 1);
      opened = _au_report_rows_open (&rows, db, what, error, "SELECT quarter, time, report "
                                     "FROM accounts_leap_reports WHERE quarter = ?1",
                                     self->leap_quarter, NULL);
    }
  else
    {
      /* A week or a month shows the review that fell in it. */
      opened = _au_report_rows_open (&rows, db, what, error, "SELECT quarter, time, report "
                                     "FROM accounts_leap_reports "
                                     "WHERE julianday (time) >= julianday (?1) "
                                     "AND julianday (time) < julianday (?2) "
                                     "ORDER BY julianday (time) DESC LIMIT 1",
                                     self->start_utc, self->end_utc, NULL);
    }
  if (!opened)
    return FALSE;
  if (!_au_report_rows_next (&rows))
    return _au_report_rows_done (&rows, error);

  ladder = g_new0 (AuReportLadder, 1);
  self->leap_report = ladder;
  ladder->quarter = _au_report_rows_dup (&rows, 0);
  ladder->time = _au_report_rows_dup (&rows, 1);
  ladder->rungs = g_ptr_array_new_with_free_func (rung_free);
  ladder->reviews = g_ptr_array_new_with_free_func (review_free);
  ladder->orders = g_ptr_array_new_with_free_func (order_free);
  if (!parse_report (ladder, _au_report_rows_text (&rows, 2), error))
    return FALSE;
  if (!_au_report_has_table (db, "audit_records"))
    return TRUE;

  if (!load_reviews (ladder, db, error))
    return FALSE;
  for (guint i = 0; i < ladder->rungs->len; i++)
    {
      AuReportLadderRung *r = g_ptr_array_index (ladder->rungs, i);

      if (!find_delta (db, ladder, r, &r->delta, &r->has_delta, error))
        return FALSE;
    }
  return TRUE;
}

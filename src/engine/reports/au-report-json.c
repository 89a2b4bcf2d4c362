/* au-report-json.c: the report as canonical JSON (WS5, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include "au-json.h"
#include "au-report-private.h"

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_date (JsonBuilder *b,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = _au_report_date_text (date);

  add_string (b, name, text);
}

/* How one member of a record becomes JSON. */
typedef enum
{
  COL_TEXT,            /* char *, NULL as null */
  COL_CHARS,           /* a char array inside the record */
  COL_INT,             /* gint64 */
  COL_INT_IF_KNOWN,    /* gint64, null unless the gboolean at @known is set */
  COL_DOUBLE,
  COL_DOUBLE_IF_KNOWN,
  COL_TEXTS,           /* GPtrArray of char * */
  COL_COMPUTED,        /* @compute adds the value */
} Kind;

typedef struct
{
  const char  *name;
  Kind         kind;
  gsize        offset;
  gsize        known;
  void       (*compute) (JsonBuilder *b, gconstpointer record);
} Column;

/* A record's columns, walked in order by add_record(). */
typedef struct
{
  const Column *columns;
  guint         n_columns;
} Record;

#define COLUMN(Type, name, kind, member) { name, kind, G_STRUCT_OFFSET (Type, member), 0, NULL }
#define KNOWN(Type, name, kind, member, flag) \
  { name, kind, G_STRUCT_OFFSET (Type, member), G_STRUCT_OFFSET (Type, flag), NULL }
#define COMPUTE(name, func) { name, COL_COMPUTED, 0, 0, func }
#define RECORD(columns) (&(const Record) { columns, G_N_ELEMENTS (columns) })

static void
add_record (JsonBuilder   *b,
            const Record  *record,
            gconstpointer  data)
{
  json_builder_begin_object (b);
  for (guint i = 0; i < record->n_columns; i++)
    {
      const Column *c = &record->columns[i];
      gboolean known = (c->kind != COL_INT_IF_KNOWN && c->kind != COL_DOUBLE_IF_KNOWN)
                       || G_STRUCT_MEMBER (gboolean, data, c->known);

      if (c->kind == COL_COMPUTED)
        {
          json_builder_set_member_name (b, c->name);
          c->compute (b, data);
        }
      else if (c->kind == COL_TEXT)
        add_string (b, c->name, G_STRUCT_MEMBER (const char *, data, c->offset));
      else if (c->kind == COL_CHARS)
        add_string (b, c->name, G_STRUCT_MEMBER_P (data, c->offset));
      else if (c->kind == COL_TEXTS)
        {
          GPtrArray *texts = G_STRUCT_MEMBER (GPtrArray *, data, c->offset);

          json_builder_set_member_name (b, c->name);
          json_builder_begin_array (b);
          for (guint n = 0; n < texts->len; n++)
            json_builder_add_string_value (b, g_ptr_array_index (texts, n));
          json_builder_end_array (b);
        }
      else
        {
          json_builder_set_member_name (b, c->name);
          if (!known)
            json_builder_add_null_value (b);
          else if (c->kind == COL_DOUBLE || c->kind == COL_DOUBLE_IF_KNOWN)
            json_builder_add_double_value (b, G_STRUCT_MEMBER (double, data, c->offset));
          else
            json_builder_add_int_value (b, G_STRUCT_MEMBER (gint64, data, c->offset));
        }
    }
  json_builder_end_object (b);
}

/* @name: an array of @items, each a @record. */
static void
add_records (JsonBuilder  *b,
             const char   *name,
             GPtrArray    *items,
             const Record *record)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    add_record (b, record, g_ptr_array_index (items, i));
  json_builder_end_array (b);
}

static void
position_unrealized (JsonBuilder   *b,
                     gconstpointer  record)
{
  const AuReportPosition *p = record;

  json_builder_add_int_value (b, p->value - p->cost_basis);
}

static void
rung_right (JsonBuilder   *b,
            gconstpointer  record)
{
  json_builder_add_string_value (b, ((const AuReportLadderRung *) record)->call ? "call"
                                                                                : "put");
}

static const Column event_columns[] = {
  COLUMN (AuReportEvent, "time", COL_TEXT, time),
  COLUMN (AuReportEvent, "account", COL_TEXT, account),
  COLUMN (AuReportEvent, "rules", COL_TEXT, rules),
  COLUMN (AuReportEvent, "value", COL_TEXT, value),
  COLUMN (AuReportEvent, "message", COL_TEXT, message),
};

static const Column week_type_columns[] = {
  COLUMN (AuReportWeekType, "week", COL_TEXT, week),
  COLUMN (AuReportWeekType, "account", COL_TEXT, account),
  COLUMN (AuReportWeekType, "type", COL_TEXT, type),
  COLUMN (AuReportWeekType, "events", COL_TEXT, events),
  COLUMN (AuReportWeekType, "why", COL_TEXT, why),
};

static const Column position_columns[] = {
  COLUMN (AuReportPosition, "account", COL_TEXT, account),
  COLUMN (AuReportPosition, "instrument", COL_TEXT, instrument),
  COLUMN (AuReportPosition, "quantity", COL_INT, quantity),
  COLUMN (AuReportPosition, "cost_basis", COL_INT, cost_basis),
  COLUMN (AuReportPosition, "value", COL_INT, value),
  COMPUTE ("unrealized", position_unrealized),
  KNOWN (AuReportPosition, "mark", COL_INT_IF_KNOWN, mark, marked),
  COLUMN (AuReportPosition, "mark_time", COL_TEXT, mark_time),
};

/* The ladder table's rungs at cost (R17.4). */
static const Column rung_columns[] = {
  COLUMN (AuReportRung, "account", COL_TEXT, account),
  COLUMN (AuReportRung, "quarter", COL_TEXT, quarter),
  COLUMN (AuReportRung, "kind", COL_TEXT, kind),
  COLUMN (AuReportRung, "contract", COL_TEXT, contract),
  COLUMN (AuReportRung, "quantity", COL_INT, quantity),
  COLUMN (AuReportRung, "cost", COL_INT, cost),
  COLUMN (AuReportRung, "state", COL_TEXT, state),
};

/* Acceptance #8: a stored report's rung, prices in 1/10,000 dollars and
 * money in cents like the rest, with its delta at purchase. */
static const Column leap_rung_columns[] = {
  COLUMN (AuReportLadderRung, "account", COL_TEXT, account),
  COLUMN (AuReportLadderRung, "kind", COL_TEXT, kind),
  COMPUTE ("right", rung_right),
  COLUMN (AuReportLadderRung, "contract", COL_TEXT, contract),
  COLUMN (AuReportLadderRung, "expiry", COL_TEXT, expiry),
  COLUMN (AuReportLadderRung, "strike", COL_TEXT, strike),
  COLUMN (AuReportLadderRung, "bought_in", COL_TEXT, quarter),
  COLUMN (AuReportLadderRung, "quantity", COL_INT, quantity),
  COLUMN (AuReportLadderRung, "price", COL_INT, price),
  COLUMN (AuReportLadderRung, "cost", COL_INT, cost),
  KNOWN (AuReportLadderRung, "delta_at_purchase", COL_DOUBLE_IF_KNOWN, delta, has_delta),
  KNOWN (AuReportLadderRung, "mark", COL_INT_IF_KNOWN, mark, has_mark),
  KNOWN (AuReportLadderRung, "value", COL_INT_IF_KNOWN, value, has_mark),
  COLUMN (AuReportLadderRung, "origin", COL_TEXT, origin),
  COLUMN (AuReportLadderRung, "state", COL_TEXT, state),
};

/* The review's own words (R17.1–R17.3). */
static const Column leap_review_columns[] = {
  COLUMN (AuReportLadderReview, "account", COL_TEXT, account),
  COLUMN (AuReportLadderReview, "verdict", COL_TEXT, verdict),
  COLUMN (AuReportLadderReview, "leap_budget", COL_INT, leap_budget),
  COLUMN (AuReportLadderReview, "vix", COL_DOUBLE, vix),
  COLUMN (AuReportLadderReview, "notes", COL_TEXTS, notes),
};

static const Column leap_order_columns[] = {
  COLUMN (AuReportLadderOrder, "account", COL_TEXT, account),
  COLUMN (AuReportLadderOrder, "side", COL_TEXT, side),
  COLUMN (AuReportLadderOrder, "quantity", COL_INT, quantity),
  COLUMN (AuReportLadderOrder, "contract", COL_TEXT, contract),
  COLUMN (AuReportLadderOrder, "purpose", COL_TEXT, purpose),
  COLUMN (AuReportLadderOrder, "rule", COL_TEXT, rule),
  KNOWN (AuReportLadderOrder, "delta", COL_DOUBLE_IF_KNOWN, delta, has_delta),
};

static const Column point_columns[] = {
  COLUMN (AuReportPoint, "date", COL_CHARS, date),
  COLUMN (AuReportPoint, "equity", COL_INT, equity),
};

/* Money stays integer cents in JSON too: exact, and one byte string. */
static void
add_figures (JsonBuilder           *b,
             const AuReportFigures *f)
{
  for (guint i = 0; i < _au_report_n_fields; i++)
    add_int (b, _au_report_fields[i].name, AU_REPORT_FIELD ((gpointer) f, &_au_report_fields[i]));
}

/* Acceptance #8: the quarter's ladder report (R17.4). */
static void
add_leap_report (JsonBuilder    *b,
                 AuReportLadder *l)
{
  json_builder_begin_object (b);
  add_string (b, "quarter", l->quarter);
  add_string (b, "review_time", l->time);
  add_int (b, "growth_cost", l->growth_cost);
  add_int (b, "hedge_cost", l->hedge_cost);
  add_int (b, "total_cost", l->growth_cost + l->hedge_cost);
  add_int (b, "value_at_marks", l->value);
  add_int (b, "rungs_without_mark", l->n_unmarked);
  add_records (b, "rungs", l->rungs, RECORD (leap_rung_columns));
  add_records (b, "reviews", l->reviews, RECORD (leap_review_columns));
  add_records (b, "orders", l->orders, RECORD (leap_order_columns));
  json_builder_end_object (b);
}

JsonNode *
au_report_to_json_node (AuReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  AuReportFigures totals;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);

  json_builder_begin_object (b);
  add_string (b, "period", au_report_period_to_string (self->period));
  add_date (b, "first_day", &self->first);
  add_date (b, "last_day", &self->last);
  add_string (b, "time_zone", "America/New_York");
  add_string (b, "first_session", self->first_session);
  add_string (b, "last_session", self->last_session);
  add_int (b, "sessions", self->n_sessions);
  add_string (b, "money", "integer cents");
  add_string (b, "marks", self->mark_note);

  json_builder_set_member_name (b, "accounts");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      const AuReportAccount *a = g_ptr_array_index (self->accounts, i);
      AuReportFigures f;

      _au_report_account_figures (a, &f);
      json_builder_begin_object (b);
      add_string (b, "account", a->name);
      add_string (b, "kind", a->kind);
      add_figures (b, &f);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  au_report_get_totals (self, &totals);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_figures (b, &totals);
  json_builder_end_object (b);

  add_records (b, "week_types", self->week_types, RECORD (week_type_columns));
  for (guint i = 0; i < _au_report_n_event_sections; i++)
    {
      const AuReportEventSection *section = &_au_report_event_sections[i];
      g_autoptr(GPtrArray) events = _au_report_events_of (self, section->kind);

      add_records (b, section->key, events, RECORD (event_columns));
    }
  add_records (b, "positions", self->positions, RECORD (position_columns));
  /* The ladder only when the accounts area keeps one (R17.4). */
  if (self->ladder != NULL)
    add_records (b, "leap_ladder", self->ladder, RECORD (rung_columns));

  /* null when the period holds no ladder report; absent with no ladder. */
  if (self->has_leap_reports)
    {
      json_builder_set_member_name (b, "leap_ladder_report");
      if (self->leap_report != NULL)
        add_leap_report (b, self->leap_report);
      else
        json_builder_add_null_value (b);
    }

  json_builder_set_member_name (b, "equity_at_cost_by_session");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->curve->len; i++)
    add_record (b, RECORD (point_columns), &g_array_index (self->curve, AuReportPoint, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
au_report_to_json (AuReport *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);

  node = au_report_to_json_node (self);
  return au_json_to_canonical (node);
}

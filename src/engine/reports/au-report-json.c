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
  g_autofree char *text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                                           g_date_get_month (date), g_date_get_day (date));

  add_string (b, name, text);
}

/* Money stays integer cents in JSON too: exact, and one byte string. */
static void
add_figures (JsonBuilder           *b,
             const AuReportFigures *f)
{
  add_int (b, "starting_equity", f->starting_equity);
  add_int (b, "ending_equity", f->ending_equity);
  add_int (b, "deposits", f->deposits);
  add_int (b, "transfers", f->transfers);
  add_int (b, "premium_income", f->premium_income);
  add_int (b, "commissions", f->commissions);
  add_int (b, "net_premium_income", f->net_premium_income);
  add_int (b, "stock_gains", f->stock_gains);
  add_int (b, "option_gains", f->option_gains);
  add_int (b, "realized", f->realized);
  add_int (b, "unrealized_start", f->unrealized_start);
  add_int (b, "unrealized", f->unrealized);
  add_int (b, "unrealized_change", f->unrealized_change);
  add_int (b, "tax_reserve", f->tax_reserve);
  add_int (b, "tax_reserve_added", f->tax_reserve_added);
  add_int (b, "orders", f->orders);
  add_int (b, "fills", f->fills);
  add_int (b, "assignments", f->assignments);
}

static void
add_events (JsonBuilder *b,
            AuReport    *self,
            const char  *name,
            const char  *kind)
{
  g_autoptr(GPtrArray) events = _au_report_events_of (self, kind);

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < events->len; i++)
    {
      const AuReportEvent *e = g_ptr_array_index (events, i);

      json_builder_begin_object (b);
      add_string (b, "time", e->time);
      add_string (b, "account", e->account);
      add_string (b, "rules", e->rules);
      add_string (b, "value", e->value);
      add_string (b, "message", e->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_delta (JsonBuilder *b,
           const char  *name,
           gboolean     known,
           double       delta)
{
  json_builder_set_member_name (b, name);
  if (known)
    json_builder_add_double_value (b, delta);
  else
    json_builder_add_null_value (b);
}

/* Acceptance #8: the quarter's ladder report (R17.4), prices in 1/10,000
 * dollars and money in cents like the rest; the rung's delta at purchase
 * and the review's own words (R17.1–R17.3). */
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
  json_builder_set_member_name (b, "rungs");
  json_builder_begin_array (b);
  for (guint i = 0; i < l->rungs->len; i++)
    {
      const AuReportLadderRung *r = g_ptr_array_index (l->rungs, i);

      json_builder_begin_object (b);
      add_string (b, "account", r->account);
      add_string (b, "kind", r->kind);
      add_string (b, "right", r->call ? "call" : "put");
      add_string (b, "contract", r->contract);
      add_string (b, "expiry", r->expiry);
      add_string (b, "strike", r->strike);
      add_string (b, "bought_in", r->quarter);
      add_int (b, "quantity", r->quantity);
      add_int (b, "price", r->price);
      add_int (b, "cost", r->cost);
      add_delta (b, "delta_at_purchase", r->has_delta, r->delta);
      json_builder_set_member_name (b, "mark");
      if (r->has_mark)
        json_builder_add_int_value (b, r->mark);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "value");
      if (r->has_mark)
        json_builder_add_int_value (b, r->value);
      else
        json_builder_add_null_value (b);
      add_string (b, "origin", r->origin);
      add_string (b, "state", r->state);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "reviews");
  json_builder_begin_array (b);
  for (guint i = 0; i < l->reviews->len; i++)
    {
      const AuReportLadderReview *r = g_ptr_array_index (l->reviews, i);

      json_builder_begin_object (b);
      add_string (b, "account", r->account);
      add_string (b, "verdict", r->verdict);
      add_int (b, "leap_budget", r->leap_budget);
      json_builder_set_member_name (b, "vix");
      json_builder_add_double_value (b, r->vix);
      json_builder_set_member_name (b, "notes");
      json_builder_begin_array (b);
      for (guint n = 0; n < r->notes->len; n++)
        json_builder_add_string_value (b, g_ptr_array_index (r->notes, n));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "orders");
  json_builder_begin_array (b);
  for (guint i = 0; i < l->orders->len; i++)
    {
      const AuReportLadderOrder *o = g_ptr_array_index (l->orders, i);

      json_builder_begin_object (b);
      add_string (b, "account", o->account);
      add_string (b, "side", o->side);
      add_int (b, "quantity", o->quantity);
      add_string (b, "contract", o->contract);
      add_string (b, "purpose", o->purpose);
      add_string (b, "rule", o->rule);
      add_delta (b, "delta", o->has_delta, o->delta);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
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

  json_builder_set_member_name (b, "week_types");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->week_types->len; i++)
    {
      const AuReportWeekType *w = g_ptr_array_index (self->week_types, i);

      json_builder_begin_object (b);
      add_string (b, "week", w->week);
      add_string (b, "account", w->account);
      add_string (b, "type", w->type);
      add_string (b, "events", w->events);
      add_string (b, "why", w->why);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_events (b, self, "assignments", "assignment");
  add_events (b, self, "escalations", "escalation");
  add_events (b, self, "rejections", "rejection");
  add_events (b, self, "forks", "fork");
  add_events (b, self, "merges", "merge");
  add_events (b, self, "reinvestments", "reinvestment");

  json_builder_set_member_name (b, "positions");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->positions->len; i++)
    {
      const AuReportPosition *p = g_ptr_array_index (self->positions, i);

      json_builder_begin_object (b);
      add_string (b, "account", p->account);
      add_string (b, "instrument", p->instrument);
      add_int (b, "quantity", p->quantity);
      add_int (b, "cost_basis", p->cost_basis);
      add_int (b, "value", p->value);
      add_int (b, "unrealized", p->value - p->cost_basis);
      json_builder_set_member_name (b, "mark");
      if (p->marked)
        json_builder_add_int_value (b, p->mark);
      else
        json_builder_add_null_value (b);
      add_string (b, "mark_time", p->mark_time);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* The ladder only when the accounts area keeps one (R17.4). */
  if (self->ladder != NULL)
    {
      json_builder_set_member_name (b, "leap_ladder");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->ladder->len; i++)
        {
          const AuReportRung *r = g_ptr_array_index (self->ladder, i);

          json_builder_begin_object (b);
          add_string (b, "account", r->account);
          add_string (b, "quarter", r->quarter);
          add_string (b, "kind", r->kind);
          add_string (b, "contract", r->contract);
          add_int (b, "quantity", r->quantity);
          add_int (b, "cost", r->cost);
          add_string (b, "state", r->state);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

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
    {
      const AuReportPoint *p = &g_array_index (self->curve, AuReportPoint, i);

      json_builder_begin_object (b);
      add_string (b, "date", p->date);
      add_int (b, "equity", p->equity);
      json_builder_end_object (b);
    }
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

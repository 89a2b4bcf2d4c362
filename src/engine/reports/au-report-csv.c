/* au-report-csv.c: the report as CSV, one long table (WS5, R10.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <string.h>

#include "au-money.h"
#include "au-report-private.h"

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its
 * quotes doubled. */
static void
append_field (GString    *out,
              const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString    *out,
            const char *section,
            const char *account,
            const char *item,
            const char *value,
            const char *detail)
{
  append_field (out, section);
  g_string_append_c (out, ',');
  append_field (out, account);
  g_string_append_c (out, ',');
  append_field (out, item);
  g_string_append_c (out, ',');
  append_field (out, value);
  g_string_append_c (out, ',');
  append_field (out, detail);
  g_string_append (out, "\r\n");
}

/* CSV money is plain: "-1234.56", no sign glyph, no separators. */
static char *
plain_money (AuMoney cents)
{
  return au_money_format (cents);
}

static void
append_figures (GString               *out,
                const char            *account,
                const AuReportFigures *f)
{
  for (guint i = 0; i < _au_report_n_fields; i++)
    {
      const AuReportField *field = &_au_report_fields[i];
      g_autofree char *text = _au_report_field_text (field, f, plain_money);

      append_row (out, "figures", account, field->name, text, field->label);
    }
}

/* Acceptance #8: the quarter's ladder report, its reviews' decisions and
 * their orders (R17.1–R17.4). */
static void
append_leap_report (GString        *out,
                    AuReportLadder *l)
{
  g_autofree char *total = au_money_format (l->growth_cost + l->hedge_cost);
  g_autofree char *growth = au_money_format (l->growth_cost);
  g_autofree char *hedge = au_money_format (l->hedge_cost);
  g_autofree char *value = au_money_format (l->value);
  g_autofree char *detail = g_strdup_printf ("R17.4; reviewed %s; growth cost %s; hedge cost "
                                             "%s; value at marks %s; %u rung(s) without mark",
                                             l->time, growth, hedge, value, l->n_unmarked);

  append_row (out, "leap_report", "", l->quarter, total, detail);
  for (guint i = 0; i < l->rungs->len; i++)
    {
      const AuReportLadderRung *r = g_ptr_array_index (l->rungs, i);
      g_autofree char *cost = au_money_format (r->cost);
      g_autofree char *price = au_price_format (r->price);
      g_autofree char *mark = r->has_mark ? au_price_format (r->mark) : g_strdup ("none");
      g_autofree char *delta = _au_report_delta_text (r->has_delta, r->delta);
      g_autofree char *text = g_strdup_printf ("%s; expiry %s; strike %s; quantity %"
                                               G_GINT64_FORMAT "; price %s; delta at purchase "
                                               "%s; bought %s (%s); mark %s; %s",
                                               _au_report_rung_kind (r), r->expiry, r->strike,
                                               r->quantity, price, delta, r->quarter, r->origin,
                                               mark, r->state);

      append_row (out, "leap_report_rung", r->account, r->contract, cost, text);
    }
  for (guint i = 0; i < l->reviews->len; i++)
    {
      const AuReportLadderReview *r = g_ptr_array_index (l->reviews, i);
      g_autoptr(GString) notes = g_string_new ("R17.1, R17.2, R17.3");

      for (guint n = 0; n < r->notes->len; n++)
        g_string_append_printf (notes, " | %s", (const char *) g_ptr_array_index (r->notes, n));
      append_row (out, "leap_review", r->account, l->quarter, r->verdict, notes->str);
    }
  for (guint i = 0; i < l->orders->len; i++)
    {
      const AuReportLadderOrder *o = g_ptr_array_index (l->orders, i);
      g_autofree char *side = g_strdup_printf ("%s %" G_GINT64_FORMAT, o->side, o->quantity);
      g_autofree char *delta = _au_report_delta_text (o->has_delta, o->delta);
      g_autofree char *text = g_strdup_printf ("%s | %s | delta %s", o->rule, o->purpose, delta);

      append_row (out, "leap_order", o->account, o->contract, side, text);
    }
}

char *
au_report_to_csv (AuReport *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *sessions = NULL;
  AuReportFigures totals;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);

  first = _au_report_date_text (&self->first);
  last = _au_report_date_text (&self->last);
  sessions = g_strdup_printf ("%u", self->n_sessions);
  append_row (out, "section", "account", "item", "value", "detail");
  append_row (out, "period", "", "period", au_report_period_to_string (self->period),
              "calendar days in America/New_York");
  append_row (out, "period", "", "first_day", first, "");
  append_row (out, "period", "", "last_day", last, "");
  append_row (out, "period", "", "first_session", self->first_session, "NYSE");
  append_row (out, "period", "", "last_session", self->last_session, "NYSE");
  append_row (out, "period", "", "sessions", sessions, "NYSE");
  append_row (out, "period", "", "marks", "", self->mark_note);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      const AuReportAccount *a = g_ptr_array_index (self->accounts, i);
      AuReportFigures f;

      _au_report_account_figures (a, &f);
      append_figures (out, a->name, &f);
    }
  au_report_get_totals (self, &totals);
  append_figures (out, "TOTAL", &totals);

  for (guint i = 0; i < self->week_types->len; i++)
    {
      const AuReportWeekType *w = g_ptr_array_index (self->week_types, i);
      g_autofree char *detail = g_strdup_printf ("%s%s%s", w->events,
                                                 w->why != NULL ? " | " : "",
                                                 w->why != NULL ? w->why : "");

      append_row (out, "week_type", w->account != NULL ? w->account : "system", w->week,
                  w->type, detail);
    }
  for (guint i = 0; i < self->events->len; i++)
    {
      const AuReportEvent *e = g_ptr_array_index (self->events, i);
      g_autofree char *detail = g_strdup_printf ("%s%s%s", e->rules, *e->rules ? " | " : "",
                                                 e->message);

      append_row (out, e->kind, e->account, e->time, e->value, detail);
    }
  for (guint i = 0; i < self->positions->len; i++)
    {
      const AuReportPosition *p = g_ptr_array_index (self->positions, i);
      g_autofree char *unrealized = au_money_format (p->value - p->cost_basis);
      g_autofree char *cost = au_money_format (p->cost_basis);
      g_autofree char *value = au_money_format (p->value);
      g_autofree char *mark = au_price_format (p->mark);
      g_autofree char *detail = NULL;

      if (p->marked)
        detail = g_strdup_printf ("quantity %" G_GINT64_FORMAT "; cost %s; value %s; mark %s "
                                  "stored %s", p->quantity, cost, value, mark, p->mark_time);
      else
        detail = g_strdup_printf ("quantity %" G_GINT64_FORMAT "; cost %s; no stored mark: "
                                  "at cost", p->quantity, cost);
      append_row (out, "position", p->account, p->instrument, unrealized, detail);
    }
  for (guint i = 0; self->ladder != NULL && i < self->ladder->len; i++)
    {
      const AuReportRung *r = g_ptr_array_index (self->ladder, i);
      g_autofree char *cost = au_money_format (r->cost);
      g_autofree char *detail = g_strdup_printf ("%s; %s; quantity %" G_GINT64_FORMAT "; %s",
                                                 r->quarter, r->kind, r->quantity, r->state);

      append_row (out, "leap_rung", r->account, r->contract, cost, detail);
    }
  if (self->leap_report != NULL)
    append_leap_report (out, self->leap_report);
  else if (self->leap_quarter != NULL && self->has_leap_reports)
    append_row (out, "leap_report", "", self->leap_quarter, "",
                "R17.4; no ladder report is stored for this quarter");
  for (guint i = 0; i < self->curve->len; i++)
    {
      const AuReportPoint *p = &g_array_index (self->curve, AuReportPoint, i);
      g_autofree char *equity = au_money_format (p->equity);

      append_row (out, "equity_at_cost", "TOTAL", p->date, equity, "after the session");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

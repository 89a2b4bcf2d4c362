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

static void
append_figures (GString               *out,
                const char            *account,
                const AuReportFigures *f)
{
  for (guint i = 0; i < _au_report_n_fields; i++)
    {
      const AuReportField *field = &_au_report_fields[i];
      gint64 value = AU_REPORT_FIELD ((gpointer) f, field);
      g_autofree char *text = field->money ? au_money_format (value)
                              : g_strdup_printf ("%" G_GINT64_FORMAT, value);

      append_row (out, "figures", account, field->name, text, field->label);
    }
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
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

  first = date_text (&self->first);
  last = date_text (&self->last);
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
  for (guint i = 0; i < self->curve->len; i++)
    {
      const AuReportPoint *p = &g_array_index (self->curve, AuReportPoint, i);
      g_autofree char *equity = au_money_format (p->equity);

      append_row (out, "equity_at_cost", "TOTAL", p->date, equity, "after the session");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

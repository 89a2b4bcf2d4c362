/* au-report-text.c: the report for a terminal (WS5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include "au-money.h"
#include "au-report-private.h"

static void
append_figures (GString               *out,
                const char            *account,
                const AuReportFigures *f)
{
  g_string_append_printf (out, "\n%s\n", account);
  for (guint i = 0; i < _au_report_n_fields; i++)
    {
      const AuReportField *field = &_au_report_fields[i];
      gint64 value = AU_REPORT_FIELD ((gpointer) f, field);
      g_autofree char *text = field->money ? au_money_format (value)
                              : g_strdup_printf ("%" G_GINT64_FORMAT, value);

      g_string_append_printf (out, "  %-28s %14s\n", field->label, text);
    }
}

static void
append_events (GString    *out,
               AuReport   *self,
               const char *title,
               const char *kind)
{
  g_autoptr(GPtrArray) events = _au_report_events_of (self, kind);

  g_string_append_printf (out, "\n%s: %u\n", title, events->len);
  for (guint i = 0; i < events->len; i++)
    {
      const AuReportEvent *e = g_ptr_array_index (events, i);

      g_string_append_printf (out, "  %s %s [%s] %s %s\n", e->time, e->account, e->rules,
                              e->value, e->message);
    }
}

char *
au_report_to_text (AuReport *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  AuReportFigures totals;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);

  title = _au_report_period_title (self);
  g_string_append_printf (out, "%s (ET), %u NYSE session(s)", title, self->n_sessions);
  if (self->n_sessions > 0)
    g_string_append_printf (out, " from %s to %s", self->first_session, self->last_session);
  g_string_append_printf (out, "\n%s\n", self->mark_note);
  au_report_get_totals (self, &totals);
  append_figures (out, "All accounts", &totals);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      const AuReportAccount *a = g_ptr_array_index (self->accounts, i);
      AuReportFigures f;

      _au_report_account_figures (a, &f);
      append_figures (out, a->name, &f);
    }
  g_string_append_printf (out, "\nWeek types (D2.5):\n");
  for (guint i = 0; i < self->week_types->len; i++)
    {
      const AuReportWeekType *w = g_ptr_array_index (self->week_types, i);

      g_string_append_printf (out, "  %s %-14s %s%s%s\n", w->week,
                              w->account != NULL ? w->account : "system", w->type,
                              *w->events ? ": " : "", w->events);
    }
  append_events (out, self, "Assignments", "assignment");
  append_events (out, self, "Protocol escalations", "escalation");
  append_events (out, self, "Rules rejections", "rejection");
  append_events (out, self, "Forks", "fork");
  append_events (out, self, "Merges", "merge");
  append_events (out, self, "Reinvestments", "reinvestment");
  g_string_append_printf (out, "\nOpen positions: %u\n", self->positions->len);
  for (guint i = 0; i < self->positions->len; i++)
    {
      const AuReportPosition *p = g_ptr_array_index (self->positions, i);
      g_autofree char *unrealized = au_money_format (p->value - p->cost_basis);

      g_string_append_printf (out, "  %s %s × %" G_GINT64_FORMAT ": unrealized %s%s\n",
                              p->account, p->instrument, p->quantity, unrealized,
                              p->marked ? "" : " (at cost)");
    }
  if (self->ladder != NULL)
    {
      g_string_append_printf (out, "\nLEAP ladder (R17.4): %u rung(s)\n", self->ladder->len);
      for (guint i = 0; i < self->ladder->len; i++)
        {
          const AuReportRung *r = g_ptr_array_index (self->ladder, i);
          g_autofree char *cost = au_money_format (r->cost);

          g_string_append_printf (out, "  %s %s %s %s × %" G_GINT64_FORMAT " cost %s %s\n",
                                  r->account, r->quarter, r->kind, r->contract, r->quantity,
                                  cost, r->state);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* au-report-text.c: the report for a terminal (WS5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include "au-money.h"
#include "au-report-private.h"

/* Right-aligned in @width characters, not bytes: "−" is three bytes. */
static void
append_right (GString    *out,
              const char *text,
              guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

static void
append_figures (GString               *out,
                const char            *account,
                const AuReportFigures *f)
{
  g_string_append_printf (out, "\n%s\n", account);
  for (guint i = 0; i < _au_report_n_fields; i++)
    {
      const AuReportField *field = &_au_report_fields[i];
      g_autofree char *text = _au_report_field_text (field, f, _au_report_dollars);

      g_string_append_printf (out, "  %-28s ", field->label);
      append_right (out, text, 17);
      g_string_append_c (out, '\n');
    }
}

/* Acceptance #8: the quarter's ladder report (R17.4) and what its review
 * decided (R17.1–R17.3). */
static void
append_leap_report (GString  *out,
                    AuReport *self)
{
  AuReportLadder *l = self->leap_report;
  g_autofree char *growth = NULL, *hedge = NULL, *total = NULL, *value = NULL;

  if (l == NULL)
    {
      if (self->leap_quarter != NULL && self->has_leap_reports)
        g_string_append_printf (out, "\nLEAP ladder report %s (R17.4): none is stored; the "
                                "ladder is reviewed in the quarter's first Friday manage "
                                "window\n", self->leap_quarter);
      return;
    }
  growth = _au_report_dollars (l->growth_cost);
  hedge = _au_report_dollars (l->hedge_cost);
  total = _au_report_dollars (l->growth_cost + l->hedge_cost);
  value = _au_report_dollars (l->value);
  g_string_append_printf (out, "\nLEAP ladder report %s (R17.4), reviewed %s: %u rung(s), "
                          "cost %s (growth %s, hedge %s), %s at the review's marks%s\n",
                          l->quarter, l->time, l->rungs->len, total, growth, hedge, value,
                          l->n_unmarked > 0 ? " (some rungs unmarked)" : "");
  for (guint i = 0; i < l->rungs->len; i++)
    {
      const AuReportLadderRung *r = g_ptr_array_index (l->rungs, i);
      g_autofree char *cost = _au_report_dollars (r->cost);
      g_autofree char *delta = _au_report_delta_text (r->has_delta, r->delta);

      g_string_append_printf (out, "  %s %s: %s × %" G_GINT64_FORMAT ", cost %s, delta at "
                              "purchase %s, bought %s (%s), %s\n", r->account,
                              _au_report_rung_kind (r), r->contract, r->quantity, cost, delta,
                              r->quarter, r->origin, r->state);
    }
  g_string_append (out, "  The review decided (R17.1–R17.3):\n");
  for (guint i = 0; i < l->reviews->len; i++)
    {
      const AuReportLadderReview *r = g_ptr_array_index (l->reviews, i);

      g_string_append_printf (out, "    %s: %s\n", r->account, r->verdict);
      for (guint n = 0; n < r->notes->len; n++)
        g_string_append_printf (out, "      %s\n", (const char *) g_ptr_array_index (r->notes, n));
    }
  if (l->orders->len > 0)
    g_string_append (out, "  Its orders (buys R17.1, rolls R17.2/R17.3, hedge closes R17.3):\n");
  for (guint i = 0; i < l->orders->len; i++)
    {
      const AuReportLadderOrder *o = g_ptr_array_index (l->orders, i);
      g_autofree char *delta = _au_report_delta_text (o->has_delta, o->delta);

      g_string_append_printf (out, "    %s %s %" G_GINT64_FORMAT " %s (%s, %s, delta %s)\n",
                              o->account, o->side, o->quantity, o->contract, o->purpose,
                              o->rule, delta);
    }
}

static void
append_events (GString                    *out,
               AuReport                   *self,
               const AuReportEventSection *section)
{
  g_autoptr(GPtrArray) events = _au_report_events_of (self, section->kind);

  g_string_append_printf (out, "\n%s: %u\n", section->title, events->len);
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
  for (guint i = 0; i < _au_report_n_event_sections; i++)
    append_events (out, self, &_au_report_event_sections[i]);
  g_string_append_printf (out, "\nOpen positions: %u\n", self->positions->len);
  for (guint i = 0; i < self->positions->len; i++)
    {
      const AuReportPosition *p = g_ptr_array_index (self->positions, i);
      g_autofree char *unrealized = _au_report_dollars (p->value - p->cost_basis);

      g_string_append_printf (out, "  %s %s × %" G_GINT64_FORMAT ": unrealized %s%s\n",
                              p->account, p->instrument, p->quantity, unrealized,
                              p->marked ? "" : " (at cost)");
    }
  if (self->ladder != NULL)
    {
      g_string_append_printf (out, "\nLEAP ladder at the end (R17.4), at cost: %u rung(s)\n",
                              self->ladder->len);
      for (guint i = 0; i < self->ladder->len; i++)
        {
          const AuReportRung *r = g_ptr_array_index (self->ladder, i);
          g_autofree char *cost = _au_report_dollars (r->cost);

          g_string_append_printf (out, "  %s %s %s %s × %" G_GINT64_FORMAT " cost %s %s\n",
                                  r->account, r->quarter, r->kind, r->contract, r->quantity,
                                  cost, r->state);
        }
    }
  append_leap_report (out, self);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

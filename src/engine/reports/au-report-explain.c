/* au-report-explain.c: plain answers from the report's data (WS5/WS7,
 * research §3.13): matched by keywords, worded from stored figures and
 * audit records only, so an answer never holds a number the data lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <string.h>

#include "au-money.h"
#include "au-report-private.h"

#define QUESTIONS                                                        \
  "“How much did I earn this week?”, “Why did it (not) roll?”, "         \
  "“What was the week type and why?”, “Why was the week Hedged?” (or "   \
  "Roll, Preservation…), “What does the LEAP ladder hold?” and "         \
  "“What is realized vs unrealized?”"

/* D2.5 and research §4.1: what puts each label on a week. */
static const struct
{
  const char *type;
  const char *name;
  const char *keyword;
  const char *trigger;
} week_types[] = {
  { "preservation", "Preservation", "preservation",
    "Protocol L3 executed, a stop-loss exit (R6.4)" },
  { "roll", "Roll", "roll", "Protocol L2 executed, a roll (R6.3, R6.7)" },
  { "hedged", "Hedged", "hedge",
    "a hedge deployed (R5.3, R6.6) or VIX above 50, the Hedged-Week breaker (R6.9)" },
  { "assignment", "Assignment", "assign",
    "an assignment that pivoted a sleeve to covered calls (R7.2)" },
  { "earnings_filter", "Earnings-Filter", "earnings",
    "a CSP skipped by the earnings filter (R1.3)" },
  { "calm_income", "Calm-Income", "calm",
    "none of the others: no L2 or L3, hedge, assignment or earnings skip" },
};

static char *
period_words (AuReport *self)
{
  g_autofree char *first = _au_report_date_text (&self->first);
  g_autofree char *last = _au_report_date_text (&self->last);

  return g_strdup_printf ("%s %s to %s", au_report_period_to_string (self->period), first,
                          last);
}

static char *
explain_income (AuReport *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *period = period_words (self);
  AuReportFigures t;
  g_autofree char *net = NULL, *premium = NULL, *commissions = NULL, *realized = NULL;
  g_autofree char *stock = NULL, *options = NULL, *unrealized = NULL;

  au_report_get_totals (self, &t);
  net = _au_report_dollars (t.net_premium_income);
  premium = _au_report_dollars (t.premium_income);
  commissions = _au_report_dollars (t.commissions);
  realized = _au_report_dollars (t.realized);
  stock = _au_report_dollars (t.stock_gains);
  options = _au_report_dollars (t.option_gains);
  unrealized = _au_report_dollars (t.unrealized);
  g_string_append_printf (out, "In the %s you earned %s of net premium income: %s of premium "
                          "less %s of commissions. Realized P&L was %s (stock gains %s, long "
                          "option gains %s); open positions stand at %s unrealized.",
                          period, net, premium, commissions, realized, stock, options,
                          unrealized);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      const AuReportAccount *a = g_ptr_array_index (self->accounts, i);
      g_autofree char *amount = NULL;
      AuReportFigures f;

      _au_report_account_figures (a, &f);
      if (f.premium_income == 0 && f.commissions == 0)
        continue;
      amount = _au_report_dollars (f.net_premium_income);
      g_string_append_printf (out, " %s: %s.", a->name, amount);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_level (const char *value,
          const char *level)
{
  return g_strcmp0 (value, level) == 0;
}

static char *
explain_roll (AuReport *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) escalations = _au_report_events_of (self, "escalation");
  g_autoptr(GPtrArray) rejections = _au_report_events_of (self, "rejection");
  g_autofree char *period = period_words (self);
  guint l2 = 0, l1 = 0;

  for (guint i = 0; i < escalations->len; i++)
    {
      const AuReportEvent *e = g_ptr_array_index (escalations, i);

      if (is_level (e->value, "L2") || is_level (e->value, "L3"))
        l2++;
      else if (is_level (e->value, "L1"))
        l1++;
    }
  if (l2 > 0)
    {
      g_string_append_printf (out, "In the %s %u protocol escalation(s) reached L2 or L3; "
                              "at L2 a position is rolled (R6.3, R6.7, D2.24) and at L3 it is "
                              "exited (R6.4):", period, l2);
      for (guint i = 0; i < escalations->len; i++)
        {
          const AuReportEvent *e = g_ptr_array_index (escalations, i);

          if (is_level (e->value, "L2") || is_level (e->value, "L3"))
            g_string_append_printf (out, " %s %s (%s): %s.", e->time, e->account, e->rules,
                                    e->message);
        }
    }
  else
    {
      g_string_append_printf (out, "Nothing rolled in the %s: a roll needs Protocol L2 "
                              "(R6.3, R6.7, D2.24) and no position reached it.", period);
      if (l1 > 0)
        {
          g_string_append_printf (out, " %u position(s) reached L1 (R6.2), which only "
                                  "watches more often:", l1);
          for (guint i = 0; i < escalations->len; i++)
            {
              const AuReportEvent *e = g_ptr_array_index (escalations, i);

              if (is_level (e->value, "L1"))
                g_string_append_printf (out, " %s %s (%s): %s.", e->time, e->account,
                                        e->rules, e->message);
            }
        }
      else if (escalations->len == 0)
        g_string_append (out, " The audit trail records no escalation: every position "
                         "stayed at L0.");
    }
  if (rejections->len > 0)
    {
      g_string_append_printf (out, " The rules engine refused %u order(s):", rejections->len);
      for (guint i = 0; i < rejections->len; i++)
        {
          const AuReportEvent *e = g_ptr_array_index (rejections, i);

          g_string_append_printf (out, " %s %s (%s): %s.", e->time, e->account, e->rules,
                                  e->message);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
week_type_index (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (week_types); i++)
    if (g_strcmp0 (week_types[i].type, type) == 0)
      return (int) i;
  return -1;
}

/* The type a question names ("Why was the week Hedged?"), or -1. */
static int
asked_week_type (const char *q)
{
  for (guint i = 0; i < G_N_ELEMENTS (week_types); i++)
    if (strstr (q, week_types[i].keyword) != NULL)
      return (int) i;
  return -1;
}

static char *
explain_week_type (AuReport   *self,
                   const char *q)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *period = period_words (self);
  int asked = asked_week_type (q);
  guint systems = 0, matches = 0;

  for (guint i = 0; i < self->week_types->len; i++)
    {
      const AuReportWeekType *w = g_ptr_array_index (self->week_types, i);
      int index = week_type_index (w->type);

      if (w->account != NULL)
        continue;
      systems++;
      g_string_append_printf (out, "%sWeek %s was %s (D2.5)", out->len > 0 ? " " : "",
                              w->week, index >= 0 ? week_types[index].name : w->type);
      if (*w->events != '\0')
        g_string_append_printf (out, ", decided by %s", w->events);
      else
        g_string_append (out, ": no escalation, hedge, assignment or earnings skip");
      g_string_append_c (out, '.');
      if (index >= 0 && index != (int) G_N_ELEMENTS (week_types) - 1)
        g_string_append_printf (out, " %s means %s.", week_types[index].name,
                                week_types[index].trigger);
      if (w->why != NULL)
        g_string_append_printf (out, " %s.", w->why);
    }
  if (systems == 0)
    return g_strdup_printf ("No week type is stored for the %s: the autopilot labels each "
                            "week at its Friday cut (D2.5), and none fell in this period of "
                            "this database.", period);
  if (asked >= 0)
    {
      /* The sleeves that carried the asked label, from the stored labels. */
      for (guint i = 0; i < self->week_types->len; i++)
        {
          const AuReportWeekType *w = g_ptr_array_index (self->week_types, i);

          if (g_strcmp0 (w->type, week_types[asked].type) != 0)
            continue;
          matches++;
          if (w->account != NULL)
            g_string_append_printf (out, " %s was %s in %s%s%s.", w->account,
                                    week_types[asked].name, w->week,
                                    *w->events ? ", decided by " : "", w->events);
        }
      if (matches == 0)
        g_string_append_printf (out, " No week or sleeve of the %s was %s: that label needs %s "
                                "(D2.5).", period, week_types[asked].name,
                                week_types[asked].trigger);
    }
  g_string_append (out, " Precedence: Preservation > Roll > Hedged > Assignment > "
                   "Earnings-Filter > Calm-Income (D2.5).");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_delta (GString  *out,
              gboolean  known,
              double    delta)
{
  g_autofree char *text = _au_report_delta_text (known, delta);

  if (known)
    g_string_append_printf (out, " at delta %s", text);
  else
    g_string_append (out, " (no stored delta at purchase)");
}

/* R17.4: the quarter's stored ladder report, else the rungs the ladder
 * table holds by the period's end. */
static char *
explain_ladder (AuReport *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *period = period_words (self);
  AuReportLadder *l = self->leap_report;

  if (l != NULL)
    {
      g_autofree char *total = _au_report_dollars (l->growth_cost + l->hedge_cost);
      g_autofree char *growth = _au_report_dollars (l->growth_cost);
      g_autofree char *hedge = _au_report_dollars (l->hedge_cost);

      g_string_append_printf (out, "The LEAP ladder report of %s (R17.4), from the review of "
                              "%s, lists %u rung(s) at a cost of %s (growth calls %s, hedge "
                              "puts %s; calls 12–18 months and puts 6–12 months, R17.1):",
                              l->quarter, l->time, l->rungs->len, total, growth, hedge);
      for (guint i = 0; i < l->rungs->len; i++)
        {
          const AuReportLadderRung *r = g_ptr_array_index (l->rungs, i);
          g_autofree char *cost = _au_report_dollars (r->cost);

          g_string_append_printf (out, " %s %s %s × %" G_GINT64_FORMAT ", bought in %s %s",
                                  r->account, _au_report_rung_kind (r), r->contract,
                                  r->quantity, r->quarter,
                                  g_strcmp0 (r->origin, "roll") == 0 ? "by a roll (R17.2)"
                                                                     : "from the budget");
          append_delta (out, r->has_delta, r->delta);
          g_string_append_printf (out, ", cost %s, %s;", cost, r->state);
        }
      if (l->rungs->len > 0)
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '.');
      for (guint i = 0; i < l->reviews->len; i++)
        {
          const AuReportLadderReview *r = g_ptr_array_index (l->reviews, i);

          g_string_append_printf (out, " The review of %s: %s", r->account,
                                  g_strcmp0 (r->verdict, "PLANNED") == 0 ? "orders planned"
                                                                          : "no action");
          for (guint n = 0; n < r->notes->len; n++)
            g_string_append_printf (out, "%s %s", n == 0 ? ":" : ";",
                                    (const char *) g_ptr_array_index (r->notes, n));
          g_string_append_c (out, '.');
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  if (self->ladder == NULL)
    return g_strdup ("This database holds no LEAP ladder (R17.4): the accounts area has not "
                     "created its tables.");
  if (self->leap_quarter != NULL)
    g_string_append_printf (out, "No LEAP ladder report is stored for %s (R17.4). ",
                            self->leap_quarter);
  else
    g_string_append_printf (out, "No quarterly LEAP ladder review fell in the %s (R17.4). ",
                            period);
  if (self->ladder->len == 0)
    {
      g_string_append (out, "By its end the ladder held no rung.");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  g_string_append_printf (out, "By the end of the %s the ladder's table lists %u rung(s), at "
                          "cost:", period, self->ladder->len);
  for (guint i = 0; i < self->ladder->len; i++)
    {
      const AuReportRung *r = g_ptr_array_index (self->ladder, i);
      g_autofree char *cost = _au_report_dollars (r->cost);

      g_string_append_printf (out, "%s %s %s %s × %" G_GINT64_FORMAT " bought in %s, cost %s, "
                              "%s", i > 0 ? ";" : "", r->account, r->kind, r->contract,
                              r->quantity, r->quarter, cost, r->state);
    }
  g_string_append_c (out, '.');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Why was the week Hedged?" asks for the label, not for a roll. */
static gboolean
asks_week_type (const char *q)
{
  if (strstr (q, "type") != NULL || strstr (q, "kind of week") != NULL)
    return TRUE;
  return strstr (q, "week") != NULL
         && (strstr (q, "why was") != NULL || strstr (q, "why is") != NULL
             || strstr (q, "labelled") != NULL || strstr (q, "labeled") != NULL
             || (asked_week_type (q) >= 0 && strstr (q, "roll") == NULL));
}

static char *
explain_realized (AuReport *self)
{
  g_autofree char *period = period_words (self);
  AuReportFigures t;
  g_autofree char *realized = NULL, *unrealized = NULL, *start = NULL, *change = NULL;
  g_autofree char *from = NULL, *to = NULL, *deposits = NULL, *transfers = NULL;

  au_report_get_totals (self, &t);
  realized = _au_report_dollars (t.realized);
  unrealized = _au_report_dollars (t.unrealized);
  start = _au_report_dollars (t.unrealized_start);
  change = _au_report_dollars (t.unrealized_change);
  from = _au_report_dollars (t.starting_equity);
  to = _au_report_dollars (t.ending_equity);
  deposits = _au_report_dollars (t.deposits);
  transfers = _au_report_dollars (t.transfers);
  return g_strdup_printf ("Realized P&L (R10.3) is what the ledger booked as income — premium "
                          "kept, stock and long option gains — less commissions: %s in the %s. "
                          "Unrealized P&L is the open positions' value at their marks less "
                          "their cost: %s at the end (%s at the start, a change of %s). %s "
                          "Equity went from %s to %s: deposits %s + transfers %s + realized "
                          "%s + change in unrealized %s.",
                          realized, period, unrealized, start, change, self->mark_note, from,
                          to, deposits, transfers, realized, change);
}

char *
au_report_explain (AuReport   *self,
                   const char *question)
{
  g_autofree char *q = NULL;
  g_autofree char *period = NULL;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);

  q = question != NULL && g_utf8_validate (question, -1, NULL)
      ? g_utf8_strdown (question, -1) : g_strdup ("");
  if (strstr (q, "leap") != NULL || strstr (q, "ladder") != NULL)
    return explain_ladder (self);
  if (asks_week_type (q))
    return explain_week_type (self, q);
  if (strstr (q, "roll") != NULL)
    return explain_roll (self);
  if (strstr (q, "realized") != NULL || strstr (q, "realised") != NULL)
    return explain_realized (self);
  if (strstr (q, "earn") != NULL || strstr (q, "income") != NULL || strstr (q, "made") != NULL
      || strstr (q, "make") != NULL || strstr (q, "premium") != NULL)
    return explain_income (self);
  period = period_words (self);
  return g_strdup_printf ("I can answer these questions about the %s, from the ledger and the "
                          "audit trail only: " QUESTIONS ".", period);
}

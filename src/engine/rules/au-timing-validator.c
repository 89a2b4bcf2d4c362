/* au-timing-validator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-market-calendar.h"
#include "au-schedule.h"
#include "au-timing-validator.h"

static const char *weekday_names[] = {
  NULL, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *sleeve_names[] = { "Gen-Acc", "Rev-Acc", "Com-Acc", "MINI" };

static char *
format_date (const GDate *date)
{
  char buffer[32];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup_printf ("%s %s", weekday_names[g_date_get_weekday (date)], buffer);
}

static char *
format_now (const AuRuleContext *ctx)
{
  return g_strdup_printf ("%02d:%02d:%02d", ctx->minute / 60, ctx->minute % 60, ctx->second);
}

static int
protocol_level (const AuRuleContext *ctx)
{
  /* Absent, the position is at L0: the level that permits least. */
  return ctx->proposal->state.has_protocol_level ? ctx->proposal->state.protocol_level : 0;
}

/* D2.17: no order on a weekend, a holiday, or after an early close.
 * Returns FALSE when the market is closed, so no window is judged. */
static gboolean
check_market_hours (AuRuleContext *ctx)
{
  g_autofree char *day = format_date (&ctx->date);
  g_autofree char *now = format_now (ctx);
  const char *holiday = NULL;
  GDateWeekday weekday = g_date_get_weekday (&ctx->date);
  int close;

  au_verdict_note_rule (ctx->verdict, "R1.5");
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    {
      au_verdict_add_violation (ctx->verdict, "R1.5", "%s is a weekend: the market is closed", day);
      return FALSE;
    }
  if (au_nyse_is_holiday (&ctx->date, &holiday))
    {
      au_verdict_add_violation (ctx->verdict, "R1.5", "%s is a market holiday (%s)",
                                day, holiday != NULL ? holiday : "NYSE closed");
      return FALSE;
    }

  close = au_schedule_close_minute (ctx->constitution, &ctx->date);
  if (au_nyse_is_early_close (&ctx->date))
    {
      au_verdict_note_rule (ctx->verdict, "R1.4");
      if (ctx->minute * 60 + ctx->second >= close * 60)
        {
          g_autofree char *close_text = au_rule_format_minute (close);

          au_verdict_add_violation (ctx->verdict, "R1.4",
                                    "%s is an early-close day: the market closed at %s ET, "
                                    "the order is at %s", day, close_text, now);
          return FALSE;
        }
    }
  if (!au_schedule_market_open_at (ctx->constitution, &ctx->date, ctx->minute)
      || ctx->minute * 60 + ctx->second >= close * 60)
    {
      g_autofree char *open_text = au_rule_format_minute (ctx->params->schedule.market_open);
      g_autofree char *close_text = au_rule_format_minute (close);

      au_verdict_add_violation (ctx->verdict, "R1.5",
                                "%s ET is outside market hours (%s–%s ET)",
                                now, open_text, close_text);
      return FALSE;
    }
  return TRUE;
}

static void
report_window (AuRuleContext  *ctx,
               const AuScheduleWindow *window,
               const char     *what)
{
  g_autofree char *now = format_now (ctx);
  g_autofree char *open = au_rule_format_minute (window->open);
  g_autofree char *close = au_rule_format_minute (window->close);

  au_verdict_add_violation (ctx->verdict, "R1.1", "%s ET is outside %s %s–%s ET",
                            now, what, open, close);
}

/* R1.1 with D2.15 (the wrong day is a violation, not a warning), D2.16
 * (an entry day moved by a holiday) and D2.19 (calls on Com's cadence). */
static void
check_entry (AuRuleContext *ctx)
{
  gboolean covered_call = au_rule_is_strategy (ctx, AU_STRATEGY_CC);
  GDate entry_date;
  AuScheduleWindow window;
  gboolean have_date, have_window;
  const char *who;

  au_verdict_note_rule (ctx->verdict, "R1.1");
  if (!ctx->proposal->has_strategy || au_rule_is_leap (ctx))
    return; /* LEAPs have no weekly cadence (R17); a missing strategy is rejected elsewhere */
  if (!covered_call && !ctx->has_sleeve)
    return; /* the account validator rejects a MINI order without mini_rules */

  if (covered_call)
    {
      who = "covered calls (D2.19)";
      have_date = au_schedule_covered_call_date (ctx->constitution, &ctx->date, &entry_date);
    }
  else
    {
      who = sleeve_names[ctx->sleeve];
      have_date = au_schedule_entry_date (ctx->constitution, ctx->sleeve, &ctx->date, &entry_date);
    }

  if (!have_date || g_date_compare (&entry_date, &ctx->date) != 0)
    {
      g_autofree char *today = format_date (&ctx->date);

      if (have_date)
        {
          g_autofree char *expected = format_date (&entry_date);

          au_verdict_add_violation (ctx->verdict, "R1.1",
                                    "%s enter on %s this week, not on %s", who, expected, today);
        }
      else
        au_verdict_add_violation (ctx->verdict, "R1.1",
                                  "%s have no entry day left in the week of %s", who, today);
      return;
    }

  if (covered_call)
    have_window = au_schedule_covered_call_window (ctx->constitution, &ctx->date, &window);
  else
    have_window = au_schedule_entry_window (ctx->constitution, ctx->sleeve, &ctx->date, &window);
  if (!have_window)
    {
      au_verdict_add_violation (ctx->verdict, "R1.4",
                                "the early close leaves nothing of the entry window today");
      return;
    }
  if (!au_rule_in_window (ctx, window.open, window.close))
    report_window (ctx, &window, "the entry window");
}

static gboolean
in_manage_window (AuRuleContext *ctx,
                  AuScheduleWindow      *window)
{
  GDate manage_date;

  if (!au_schedule_manage_window (ctx->constitution, &ctx->date, window))
    {
      /* Show the regular window in the message. */
      window->open = ctx->params->schedule.manage_open;
      window->close = ctx->params->schedule.manage_close;
      return FALSE;
    }
  return au_schedule_manage_date (ctx->constitution, &ctx->date, &manage_date)
         && g_date_compare (&manage_date, &ctx->date) == 0
         && au_rule_in_window (ctx, window->open, window->close);
}

/* D2.15: a close is made in the Friday manage window, at any time at L1
 * and above, or at any time to take a profit of at least 65% of the credit. */
static void
check_close (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  double take = ctx->params->protocol.profit_take_anytime;
  AuScheduleWindow window;

  au_verdict_note_rule (ctx->verdict, "R1.1");
  if (in_manage_window (ctx, &window) || protocol_level (ctx) >= 1)
    return;

  if (p->has_original_credit && p->original_credit > 0 && p->has_limit)
    {
      double profit = (double) (p->original_credit - p->limit) / (double) p->original_credit;

      au_verdict_note_rule (ctx->verdict, "R4.2");
      if (!au_rule_below (profit, take))
        return;
    }

  {
    g_autofree char *now = format_now (ctx);
    g_autofree char *open = au_rule_format_minute (window.open);
    g_autofree char *close = au_rule_format_minute (window.close);

    au_verdict_add_violation (ctx->verdict, "R1.1",
                              "%s ET is outside the Friday manage window %s–%s ET; a close "
                              "at another time needs protocol level L1 or above, or a profit "
                              "of at least %.0f%% of original_credit (D2.15)",
                              now, open, close, take * 100);
  }
}

/* D2.15, D2.18: a roll follows the close's window; in a Hedged Week only
 * rolls at L2 and above (R6.9). */
static void
check_roll (AuRuleContext *ctx)
{
  int level = protocol_level (ctx);
  int hedged_min = ctx->params->hedged_week.roll_min_level;
  AuScheduleWindow window;

  au_verdict_note_rule (ctx->verdict, "R1.1");
  if (ctx->hedged_week)
    {
      au_verdict_note_rule (ctx->verdict, "R6.9");
      if (level < hedged_min)
        au_verdict_add_violation_numbers (ctx->verdict, "R6.9", level, hedged_min,
                                          "Hedged Week (VIX %.2f): only defensive rolls at L%d "
                                          "or above; the position is at L%d",
                                          ctx->proposal->market.vix, hedged_min, level);
    }
  if (in_manage_window (ctx, &window) || level >= 1)
    return;
  report_window (ctx, &window, "the Friday manage window (a roll at L0)");
}

/* D2.3: a MINI merges at the Friday manage window. */
static void
check_merge (AuRuleContext *ctx)
{
  AuScheduleWindow window;

  au_verdict_note_rule (ctx->verdict, "R1.1");
  if (!in_manage_window (ctx, &window))
    report_window (ctx, &window, "the Friday manage window, where a MINI merges (D2.3)");
}

void
au_timing_validator_run (AuRuleContext *ctx)
{
  g_return_if_fail (ctx != NULL);

  switch (ctx->proposal->action)
    {
    case AU_ACTION_OPEN:
      if (check_market_hours (ctx))
        check_entry (ctx);
      break;
    case AU_ACTION_CLOSE:
      if (check_market_hours (ctx))
        check_close (ctx);
      break;
    case AU_ACTION_ROLL:
      if (check_market_hours (ctx))
        check_roll (ctx);
      break;
    case AU_ACTION_MERGE:
      if (check_market_hours (ctx))
        check_merge (ctx);
      break;
    case AU_ACTION_EXIT:
    case AU_ACTION_HEDGE:
      /* D2.15: a protocol exit (and a hedge) at any time the market is open. */
      check_market_hours (ctx);
      break;
    case AU_ACTION_FORK:
    case AU_ACTION_REINVEST:
      /* Bookkeeping between sleeves: no order reaches the market. The
       * reinvest day (D2.9) is checked with the reinvest section. */
      break;
    default:
      g_assert_not_reached ();
    }
}

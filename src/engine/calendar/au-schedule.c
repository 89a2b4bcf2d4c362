/* au-schedule.c: the weekly ALL-USE schedule on the NYSE calendar (R1, D2.7, D2.16, D2.17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-schedule"

#include "config.h"

#include "au-market-calendar.h"
#include "au-schedule.h"

#define MINUTES_PER_DAY (24 * 60)

/* The @weekday of the ISO week (Monday..Sunday) that holds @date. */
static void
week_day (const GDate *date,
          AuWeekday    weekday,
          GDate       *result)
{
  *result = *date;
  g_date_subtract_days (result, g_date_get_weekday (date) - G_DATE_MONDAY);
  g_date_add_days (result, weekday - AU_WEEKDAY_MONDAY);
}

/* The first trading day from @weekday on, up to Sunday of the same week. */
static gboolean
trading_day_on_or_after (const GDate *date,
                         AuWeekday    weekday,
                         GDate       *result)
{
  for (int day = weekday; day <= AU_WEEKDAY_SUNDAY; day++)
    {
      week_day (date, day, result);
      if (au_nyse_is_trading_day (result))
        return TRUE;
    }
  return FALSE;
}

/* The last trading day from @weekday back, down to Monday of the same week. */
static gboolean
trading_day_on_or_before (const GDate *date,
                          AuWeekday    weekday,
                          GDate       *result)
{
  for (int day = weekday; day >= AU_WEEKDAY_MONDAY; day--)
    {
      week_day (date, day, result);
      if (au_nyse_is_trading_day (result))
        return TRUE;
    }
  return FALSE;
}

static gboolean
valid_minute (int minute_of_day)
{
  return minute_of_day >= 0 && minute_of_day < MINUTES_PER_DAY;
}

/* R1.4 / D2.7: on an early close a window that ends after
 * early_close_shift_after moves early_close_shift_hours earlier and is
 * cut at the early close; a window ending by then (the 09:45-11:00 entry
 * windows) stays, since moved it would fall before the open. Returns
 * FALSE when the market does not open on @date or nothing is left. */
static gboolean
window_on (AuConstitution   *constitution,
           const GDate      *date,
           int               open,
           int               close,
           AuScheduleWindow *window)
{
  const AuConstitutionParams *p = au_constitution_get_params (constitution);

  if (!au_nyse_is_trading_day (date))
    return FALSE;

  if (au_nyse_is_early_close (date) && close > p->schedule.early_close_shift_after)
    {
      int shift = p->schedule.early_close_shift_hours * 60;

      open = MAX (open - shift, p->schedule.market_open);
      close = MIN (close - shift, p->schedule.early_close);
    }

  if (open > close)
    return FALSE;

  window->open = open;
  window->close = close;
  return TRUE;
}

static gboolean
check_sleeve (AuConstitution *constitution,
              AuSleeve        sleeve)
{
  return AU_IS_CONSTITUTION (constitution) && sleeve < AU_N_SLEEVES;
}

static gboolean
check_date (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

gboolean
au_schedule_window_contains (const AuScheduleWindow *window,
                             int                     minute_of_day)
{
  g_return_val_if_fail (window != NULL, FALSE);

  return minute_of_day >= window->open && minute_of_day <= window->close;
}

gboolean
au_schedule_entry_date (AuConstitution *constitution,
                        AuSleeve        sleeve,
                        const GDate    *date,
                        GDate          *entry_date)
{
  g_return_val_if_fail (check_sleeve (constitution, sleeve), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (entry_date != NULL, FALSE);

  /* D2.16: a holiday moves the entry to the next trading day of the
   * same week, never into the next week. */
  return trading_day_on_or_after (date, au_constitution_get_sleeve (constitution, sleeve)->entry_day,
                                  entry_date);
}

gboolean
au_schedule_entry_date_moved (AuConstitution *constitution,
                              AuSleeve        sleeve,
                              const GDate    *date)
{
  GDate nominal;

  g_return_val_if_fail (check_sleeve (constitution, sleeve), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);

  week_day (date, au_constitution_get_sleeve (constitution, sleeve)->entry_day, &nominal);
  return au_nyse_is_holiday (&nominal, NULL);
}

gboolean
au_schedule_covered_call_date (AuConstitution *constitution,
                               const GDate    *date,
                               GDate          *entry_date)
{
  const AuConstitutionParams *p;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (entry_date != NULL, FALSE);

  /* D2.19 with D2.16: Com's cadence, moved like Com's own entry. */
  p = au_constitution_get_params (constitution);
  return trading_day_on_or_after (date, p->covered_call.entry_day, entry_date);
}

gboolean
au_schedule_entry_window (AuConstitution   *constitution,
                          AuSleeve          sleeve,
                          const GDate      *date,
                          AuScheduleWindow *window)
{
  const AuSleeveRules *rules;

  g_return_val_if_fail (check_sleeve (constitution, sleeve), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  /* D2.16: a moved entry keeps its window. */
  rules = au_constitution_get_sleeve (constitution, sleeve);
  return window_on (constitution, date, rules->entry_open, rules->entry_close, window);
}

gboolean
au_schedule_covered_call_window (AuConstitution   *constitution,
                                 const GDate      *date,
                                 AuScheduleWindow *window)
{
  const AuConstitutionParams *p;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  p = au_constitution_get_params (constitution);
  return window_on (constitution, date, p->covered_call.entry_open, p->covered_call.entry_close,
                    window);
}

gboolean
au_schedule_manage_window (AuConstitution   *constitution,
                           const GDate      *date,
                           AuScheduleWindow *window)
{
  const AuConstitutionParams *p;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (window != NULL, FALSE);

  p = au_constitution_get_params (constitution);
  return window_on (constitution, date, p->schedule.manage_open, p->schedule.manage_close, window);
}

gboolean
au_schedule_manage_date (AuConstitution *constitution,
                         const GDate    *date,
                         GDate          *manage_date)
{
  const AuConstitutionParams *p;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (manage_date != NULL, FALSE);

  /* When Friday is a holiday the week's options expire on the trading
   * day before it (the market's convention), so positions are managed
   * that day: the week's last trading day up to the manage day. */
  p = au_constitution_get_params (constitution);
  return trading_day_on_or_before (date, p->schedule.manage_day, manage_date);
}

gboolean
au_schedule_weekly_cut (AuConstitution *constitution,
                        const GDate    *date,
                        GDate          *cut_date,
                        int            *cut_minute)
{
  const AuConstitutionParams *p;
  GDate manage_date;
  int minute;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);

  if (!au_schedule_manage_date (constitution, date, &manage_date))
    return FALSE;

  /* R1.2 with D2.7: the cut is an instant after the session, so it moves
   * with the windows but is not cut at the early close (16:30 -> 14:30). */
  p = au_constitution_get_params (constitution);
  minute = p->schedule.weekly_cut;
  if (au_nyse_is_early_close (&manage_date) && minute > p->schedule.early_close_shift_after)
    minute -= p->schedule.early_close_shift_hours * 60;

  if (cut_date != NULL)
    *cut_date = manage_date;
  if (cut_minute != NULL)
    *cut_minute = minute;
  return TRUE;
}

gboolean
au_schedule_in_entry_window (AuConstitution *constitution,
                             AuSleeve        sleeve,
                             const GDate    *date,
                             int             minute_of_day)
{
  GDate entry_date;
  AuScheduleWindow window;

  g_return_val_if_fail (check_sleeve (constitution, sleeve), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);

  return au_schedule_entry_date (constitution, sleeve, date, &entry_date)
         && g_date_compare (&entry_date, date) == 0
         && au_schedule_entry_window (constitution, sleeve, date, &window)
         && au_schedule_window_contains (&window, minute_of_day);
}

gboolean
au_schedule_in_covered_call_window (AuConstitution *constitution,
                                    const GDate    *date,
                                    int             minute_of_day)
{
  GDate entry_date;
  AuScheduleWindow window;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);

  return au_schedule_covered_call_date (constitution, date, &entry_date)
         && g_date_compare (&entry_date, date) == 0
         && au_schedule_covered_call_window (constitution, date, &window)
         && au_schedule_window_contains (&window, minute_of_day);
}

gboolean
au_schedule_in_manage_window (AuConstitution *constitution,
                              const GDate    *date,
                              int             minute_of_day)
{
  GDate manage_date;
  AuScheduleWindow window;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);

  return au_schedule_manage_date (constitution, date, &manage_date)
         && g_date_compare (&manage_date, date) == 0
         && au_schedule_manage_window (constitution, date, &window)
         && au_schedule_window_contains (&window, minute_of_day);
}

gboolean
au_schedule_week_expiry (const GDate *date,
                         GDate       *expiry)
{
  g_return_val_if_fail (check_date (date), FALSE);
  g_return_val_if_fail (expiry != NULL, FALSE);

  /* D2.16: weekly options expire on Friday, on Thursday when Friday is a
   * holiday (on the day before that in the unlikely case both are). */
  return trading_day_on_or_before (date, AU_WEEKDAY_FRIDAY, expiry);
}

gboolean
au_schedule_is_short_week (const GDate *date)
{
  GDate friday;

  g_return_val_if_fail (check_date (date), FALSE);

  week_day (date, AU_WEEKDAY_FRIDAY, &friday);
  return au_nyse_is_holiday (&friday, NULL);
}

int
au_schedule_dte (const GDate *from,
                 const GDate *expiry)
{
  g_return_val_if_fail (check_date (from), 0);
  g_return_val_if_fail (check_date (expiry), 0);

  /* D2.16: calendar days, the market's convention. */
  return g_date_days_between (from, expiry);
}

/* D2.16 short weeks: the minimum is dte_grace_days lower when the week's
 * Friday is a holiday (a Thursday expiry) or the entry day was moved by a
 * holiday (a later entry against the same expiry). */
static void
short_week_range (AuConstitution *constitution,
                  gboolean        short_week,
                  int             range_min,
                  int             range_max,
                  int            *dte_min,
                  int            *dte_max)
{
  const AuConstitutionParams *p = au_constitution_get_params (constitution);

  if (short_week)
    range_min = MAX (range_min - p->dte_grace_days, 0);

  if (dte_min != NULL)
    *dte_min = range_min;
  if (dte_max != NULL)
    *dte_max = range_max;
}

gboolean
au_schedule_dte_range (AuConstitution *constitution,
                       AuSleeve        sleeve,
                       const GDate    *entry_date,
                       gboolean        stress,
                       int            *dte_min,
                       int            *dte_max)
{
  const AuSleeveRules *rules;
  gboolean short_week;

  g_return_val_if_fail (check_sleeve (constitution, sleeve), FALSE);
  g_return_val_if_fail (check_date (entry_date), FALSE);

  rules = au_constitution_get_sleeve (constitution, sleeve);
  short_week = au_schedule_is_short_week (entry_date)
               || au_schedule_entry_date_moved (constitution, sleeve, entry_date);
  /* R2.2: the stress-test range is Gen's alternative; every sleeve
   * carries one in the constitution. */
  short_week_range (constitution, short_week,
                    stress ? rules->stress_dte_min : rules->dte_min,
                    stress ? rules->stress_dte_max : rules->dte_max,
                    dte_min, dte_max);
  return TRUE;
}

gboolean
au_schedule_covered_call_dte_range (AuConstitution *constitution,
                                    const GDate    *entry_date,
                                    int            *dte_min,
                                    int            *dte_max)
{
  const AuConstitutionParams *p;
  GDate nominal;
  gboolean short_week;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (entry_date), FALSE);

  p = au_constitution_get_params (constitution);
  week_day (entry_date, p->covered_call.entry_day, &nominal);
  short_week = au_schedule_is_short_week (entry_date) || au_nyse_is_holiday (&nominal, NULL);
  short_week_range (constitution, short_week,
                    p->covered_call.dte_min, p->covered_call.dte_max,
                    dte_min, dte_max);
  return TRUE;
}

int
au_schedule_close_minute (AuConstitution *constitution,
                          const GDate    *date)
{
  const AuConstitutionParams *p;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), -1);
  g_return_val_if_fail (check_date (date), -1);

  if (!au_nyse_is_trading_day (date))
    return -1;
  p = au_constitution_get_params (constitution);
  return au_nyse_is_early_close (date) ? p->schedule.early_close : p->schedule.market_close;
}

gboolean
au_schedule_market_open_at (AuConstitution *constitution,
                            const GDate    *date,
                            int             minute_of_day)
{
  const AuConstitutionParams *p;
  int close;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (check_date (date), FALSE);

  if (!valid_minute (minute_of_day))
    return FALSE;

  /* D2.17: closed on weekends and holidays (close -1) and from the close
   * on, the early close included. */
  close = au_schedule_close_minute (constitution, date);
  p = au_constitution_get_params (constitution);
  return close >= 0 && minute_of_day >= p->schedule.market_open && minute_of_day < close;
}

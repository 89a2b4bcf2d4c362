/* au-market-calendar.c: NYSE holidays and early closes by rule, Eastern time (D2.14, D2.17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market-calendar"

#include "config.h"

#include "au-market-calendar.h"

G_DEFINE_QUARK (au-calendar-error-quark, au_calendar_error)

/* The exchange's own session times (NYSE Rule 7.2), facts of the market
 * rather than of the strategy: the schedule reads the constitution's. */
#define NYSE_CLOSE_MINUTE       (16 * 60)
#define NYSE_EARLY_CLOSE_MINUTE (13 * 60)

/* Rules came into force in these years (holidays act of 1968 from 1971,
 * Martin Luther King Jr. Day on the NYSE from 1998, Juneteenth from 2022).
 * Earlier years get today's rules without the ones not yet in force; the
 * older history of closures (Lincoln's Birthday, election days) is not
 * modelled, the engine never trades before 1998. */
#define FIRST_YEAR_MLK_DAY    1998
#define FIRST_YEAR_JUNETEENTH 2022

/* One-off closures the rules cannot predict (D2.14). */
static const struct
{
  GDateYear   year;
  GDateMonth  month;
  GDateDay    day;
  const char *name;
} special_closures[] = {
  { 2001, G_DATE_SEPTEMBER, 11, "September 11 attacks" },
  { 2001, G_DATE_SEPTEMBER, 12, "September 11 attacks" },
  { 2001, G_DATE_SEPTEMBER, 13, "September 11 attacks" },
  { 2001, G_DATE_SEPTEMBER, 14, "September 11 attacks" },
  { 2004, G_DATE_JUNE, 11, "National Day of Mourning for Ronald Reagan" },
  { 2007, G_DATE_JANUARY, 2, "National Day of Mourning for Gerald Ford" },
  { 2012, G_DATE_OCTOBER, 29, "Hurricane Sandy" },
  { 2012, G_DATE_OCTOBER, 30, "Hurricane Sandy" },
  { 2018, G_DATE_DECEMBER, 5, "National Day of Mourning for George H. W. Bush" },
  { 2025, G_DATE_JANUARY, 9, "National Day of Mourning for Jimmy Carter" },
};

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

static gboolean
same_day (const GDate *date,
          GDateMonth   month,
          GDateDay     day)
{
  return g_date_get_month (date) == month && g_date_get_day (date) == day;
}

/* The day of @month that is the @n-th @weekday (n = 1..4), or the last
 * one when @n is 0. */
static GDateDay
nth_weekday (GDateYear    year,
             GDateMonth   month,
             GDateWeekday weekday,
             guint        n)
{
  GDate first;
  int offset;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  offset = ((int) weekday - (int) g_date_get_weekday (&first) + 7) % 7;

  if (n > 0)
    return 1 + offset + 7 * (n - 1);

  /* The last one: the fifth when it fits in the month, else the fourth. */
  if (1 + offset + 28 <= g_date_get_days_in_month (month, year))
    return 1 + offset + 28;
  return 1 + offset + 21;
}

/* A fixed-date holiday as the exchange observes it: a Sunday moves to the
 * Monday after; a Saturday to the Friday before when @saturday_to_friday,
 * else it is not observed at all (New Year's Day: the exchange does not
 * close on December 31, NYSE Rule 7.2). */
static gboolean
is_observed_fixed (const GDate *date,
                   GDateMonth   month,
                   GDateDay     day,
                   gboolean     saturday_to_friday)
{
  GDate actual;
  GDateWeekday weekday;

  g_date_clear (&actual, 1);
  g_date_set_dmy (&actual, day, month, g_date_get_year (date));
  weekday = g_date_get_weekday (&actual);

  if (weekday == G_DATE_SUNDAY)
    g_date_add_days (&actual, 1);
  else if (weekday == G_DATE_SATURDAY)
    {
      if (!saturday_to_friday)
        return FALSE;
      g_date_subtract_days (&actual, 1);
    }

  return g_date_compare (&actual, date) == 0;
}

void
au_nyse_easter_sunday (GDateYear  year,
                       GDate     *date)
{
  int y = year;
  int a, b, c, d, e, f, g, h, i, k, l, m, month, day;

  g_return_if_fail (date != NULL);
  g_return_if_fail (year >= 1583);

  /* The anonymous Gregorian algorithm (Meeus, Jones, Butcher). */
  a = y % 19;
  b = y / 100;
  c = y % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  l = (32 + 2 * e + 2 * i - h - k) % 7;
  m = (a + 11 * h + 22 * l) / 451;
  month = (h + l - 7 * m + 114) / 31;
  day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static gboolean
is_good_friday (const GDate *date)
{
  GDate easter;

  if (g_date_get_year (date) < 1583)
    return FALSE;
  au_nyse_easter_sunday (g_date_get_year (date), &easter);
  g_date_subtract_days (&easter, 2);
  return g_date_compare (&easter, date) == 0;
}

static gboolean
is_thanksgiving (const GDate *date)
{
  GDateYear year = g_date_get_year (date);

  return same_day (date, G_DATE_NOVEMBER,
                   nth_weekday (year, G_DATE_NOVEMBER, G_DATE_THURSDAY, 4));
}

/* The rule holidays of D2.14; only weekdays can match, since every
 * weekend date is observed on a weekday or not at all. */
static const char *
rule_holiday_name (const GDate *date)
{
  GDateYear year = g_date_get_year (date);
  GDateMonth month = g_date_get_month (date);
  GDateDay day = g_date_get_day (date);

  switch (month)
    {
    case G_DATE_JANUARY:
      if (is_observed_fixed (date, G_DATE_JANUARY, 1, FALSE))
        return "New Year's Day";
      if (year >= FIRST_YEAR_MLK_DAY
          && day == nth_weekday (year, month, G_DATE_MONDAY, 3))
        return "Martin Luther King Jr. Day";
      break;

    case G_DATE_FEBRUARY:
      if (day == nth_weekday (year, month, G_DATE_MONDAY, 3))
        return "Washington's Birthday";
      break;

    case G_DATE_MARCH:
    case G_DATE_APRIL:
      if (is_good_friday (date))
        return "Good Friday";
      break;

    case G_DATE_MAY:
      if (day == nth_weekday (year, month, G_DATE_MONDAY, 0))
        return "Memorial Day";
      break;

    case G_DATE_JUNE:
      if (year >= FIRST_YEAR_JUNETEENTH && is_observed_fixed (date, G_DATE_JUNE, 19, TRUE))
        return "Juneteenth National Independence Day";
      break;

    case G_DATE_JULY:
      if (is_observed_fixed (date, G_DATE_JULY, 4, TRUE))
        return "Independence Day";
      break;

    case G_DATE_SEPTEMBER:
      if (day == nth_weekday (year, month, G_DATE_MONDAY, 1))
        return "Labor Day";
      break;

    case G_DATE_NOVEMBER:
      if (is_thanksgiving (date))
        return "Thanksgiving Day";
      break;

    case G_DATE_DECEMBER:
      if (is_observed_fixed (date, G_DATE_DECEMBER, 25, TRUE))
        return "Christmas Day";
      break;

    case G_DATE_AUGUST:
    case G_DATE_OCTOBER:
    case G_DATE_BAD_MONTH:
    default:
      break;
    }

  return NULL;
}

static const char *
special_closure_name (const GDate *date)
{
  for (guint i = 0; i < G_N_ELEMENTS (special_closures); i++)
    {
      if (g_date_get_year (date) == special_closures[i].year
          && same_day (date, special_closures[i].month, special_closures[i].day))
        return special_closures[i].name;
    }
  return NULL;
}

gboolean
au_nyse_is_holiday (const GDate  *date,
                    const char  **name)
{
  const char *found;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (name != NULL)
    *name = NULL;
  if (is_weekend (date))
    return FALSE;

  found = special_closure_name (date);
  if (found == NULL)
    found = rule_holiday_name (date);
  if (found != NULL && name != NULL)
    *name = found;
  return found != NULL;
}

gboolean
au_nyse_is_trading_day (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return !is_weekend (date) && !au_nyse_is_holiday (date, NULL);
}

gboolean
au_nyse_is_early_close (const GDate *date)
{
  GDate yesterday;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (!au_nyse_is_trading_day (date))
    return FALSE;

  /* July 3 and December 24 close early whenever they trade, which is
   * Monday to Thursday only: on a Friday each is itself the observed
   * holiday (July 4 or December 25 on a Saturday). */
  if (same_day (date, G_DATE_JULY, 3) || same_day (date, G_DATE_DECEMBER, 24))
    return TRUE;

  yesterday = *date;
  g_date_subtract_days (&yesterday, 1);
  return g_date_get_month (date) == G_DATE_NOVEMBER && is_thanksgiving (&yesterday);
}

int
au_nyse_close_minute (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), -1);

  if (!au_nyse_is_trading_day (date))
    return -1;
  return au_nyse_is_early_close (date) ? NYSE_EARLY_CLOSE_MINUTE : NYSE_CLOSE_MINUTE;
}

void
au_nyse_next_trading_day (GDate *date)
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  /* Terminates: no run of closures is longer than a week and a weekend. */
  do
    g_date_add_days (date, 1);
  while (!au_nyse_is_trading_day (date));
}

void
au_nyse_previous_trading_day (GDate *date)
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  do
    g_date_subtract_days (date, 1);
  while (!au_nyse_is_trading_day (date));
}

static gpointer
load_eastern_zone (gpointer data)
{
  /* Never g_time_zone_new_local() or a UTC fallback: a schedule placed in
   * the wrong zone would trade at the wrong hour without a word. */
  GTimeZone *zone = g_time_zone_new_identifier ("America/New_York");

  if (zone == NULL)
    g_warning ("No time zone data for America/New_York (is tzdata installed?)");
  return zone;
}

GTimeZone *
au_eastern_time_zone (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_eastern_zone, NULL);
  return once.retval;
}

GDateTime *
au_eastern_from_iso8601 (const char  *text,
                         GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;
  GTimeZone *eastern;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  eastern = au_eastern_time_zone ();
  if (eastern == NULL)
    {
      g_set_error_literal (error, AU_CALENDAR_ERROR, AU_CALENDAR_ERROR_NO_TIME_ZONE,
                           "no time zone data for America/New_York");
      return NULL;
    }

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, AU_CALENDAR_ERROR, AU_CALENDAR_ERROR_INVALID,
                           "expected an ISO 8601 date and time, got nothing");
      return NULL;
    }

  /* Without a default zone GLib refuses text that has no offset; parsing
   * again with one only tells the two failures apart. */
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) local = g_date_time_new_from_iso8601 (text, utc);

      if (local != NULL)
        g_set_error (error, AU_CALENDAR_ERROR, AU_CALENDAR_ERROR_NO_OFFSET,
                     "“%s” has no UTC offset: add Z or ±HH:MM", text);
      else
        g_set_error (error, AU_CALENDAR_ERROR, AU_CALENDAR_ERROR_INVALID,
                     "“%s” is not an ISO 8601 date and time", text);
      return NULL;
    }

  return g_date_time_to_timezone (parsed, eastern);
}

void
au_eastern_split (GDateTime *time,
                  GDate     *date,
                  int       *minute_of_day)
{
  g_autoptr(GDateTime) eastern = NULL;
  GTimeZone *zone;

  g_return_if_fail (time != NULL);

  zone = au_eastern_time_zone ();
  if (date != NULL)
    g_date_clear (date, 1);
  if (minute_of_day != NULL)
    *minute_of_day = -1;
  /* Leaves an invalid date and -1: nothing is placed in a guessed zone. */
  g_return_if_fail (zone != NULL);

  eastern = g_date_time_to_timezone (time, zone);
  if (date != NULL)
    g_date_set_dmy (date,
                    g_date_time_get_day_of_month (eastern),
                    g_date_time_get_month (eastern),
                    g_date_time_get_year (eastern));
  if (minute_of_day != NULL)
    *minute_of_day = g_date_time_get_hour (eastern) * 60 + g_date_time_get_minute (eastern);
}

char *
au_eastern_format (GDateTime *time)
{
  g_autoptr(GDateTime) eastern = NULL;
  GTimeZone *zone;

  g_return_val_if_fail (time != NULL, NULL);

  zone = au_eastern_time_zone ();
  g_return_val_if_fail (zone != NULL, NULL);

  eastern = g_date_time_to_timezone (time, zone);
  return g_date_time_format (eastern, "%Y-%m-%dT%H:%M:%S%:z");
}

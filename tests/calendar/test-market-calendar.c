/* test-market-calendar.c: NYSE holidays, early closes and Eastern time (D2.14, D2.17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-market-calendar.h"

typedef struct
{
  int         month;
  int         day;
  const char *name;
} DayName;

static GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_assert_true (g_date_valid (&date));
  return date;
}

static char *
date_string (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* Every holiday of @year, in order, as "YYYY-MM-DD Name" lines. */
static char *
holidays_of (int year)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GDate date = ymd (year, 1, 1);

  while (g_date_get_year (&date) == (GDateYear) year)
    {
      const char *name = NULL;

      if (au_nyse_is_holiday (&date, &name))
        {
          g_autofree char *text = date_string (&date);

          g_assert_nonnull (name);
          g_assert_false (au_nyse_is_trading_day (&date));
          g_assert_false (au_nyse_is_early_close (&date));
          g_assert_cmpint (au_nyse_close_minute (&date), ==, -1);
          g_string_append_printf (out, "%s %s\n", text, name);
        }
      g_date_add_days (&date, 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
expected_lines (int            year,
                const DayName *days,
                guint          n_days)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_days; i++)
    {
      if (days[i].name != NULL)
        g_string_append_printf (out, "%04d-%02d-%02d %s\n", year, days[i].month, days[i].day,
                                days[i].name);
      else
        g_string_append_printf (out, "%04d-%02d-%02d\n", year, days[i].month, days[i].day);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
early_closes_of (int year)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GDate date = ymd (year, 1, 1);

  while (g_date_get_year (&date) == (GDateYear) year)
    {
      if (au_nyse_is_early_close (&date))
        {
          g_autofree char *text = date_string (&date);

          g_assert_true (au_nyse_is_trading_day (&date));
          g_assert_cmpint (au_nyse_close_minute (&date), ==, 13 * 60);
          g_string_append_printf (out, "%s\n", text);
        }
      g_date_add_days (&date, 1);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_year (int            year,
             const DayName *holidays,
             guint          n_holidays,
             const DayName *early,
             guint          n_early)
{
  g_autofree char *got_holidays = holidays_of (year);
  g_autofree char *want_holidays = expected_lines (year, holidays, n_holidays);
  g_autofree char *got_early = early_closes_of (year);
  g_autofree char *want_early = expected_lines (year, early, n_early);

  g_assert_cmpstr (got_holidays, ==, want_holidays);
  g_assert_cmpstr (got_early, ==, want_early);
}

#define NEW_YEAR     "New Year's Day"
#define MLK          "Martin Luther King Jr. Day"
#define WASHINGTON   "Washington's Birthday"
#define GOOD_FRIDAY  "Good Friday"
#define MEMORIAL     "Memorial Day"
#define JUNETEENTH   "Juneteenth National Independence Day"
#define INDEPENDENCE "Independence Day"
#define LABOR        "Labor Day"
#define THANKSGIVING "Thanksgiving Day"
#define CHRISTMAS    "Christmas Day"

/* The exchange's published calendars (NYSE Group announcements of
 * 2021-12-27, 2024-11-08 and 2025-12-23). */
static void
test_published_2024 (void)
{
  static const DayName holidays[] = {
    { 1, 1, NEW_YEAR }, { 1, 15, MLK }, { 2, 19, WASHINGTON }, { 3, 29, GOOD_FRIDAY },
    { 5, 27, MEMORIAL }, { 6, 19, JUNETEENTH }, { 7, 4, INDEPENDENCE }, { 9, 2, LABOR },
    { 11, 28, THANKSGIVING }, { 12, 25, CHRISTMAS },
  };
  static const DayName early[] = { { 7, 3, NULL }, { 11, 29, NULL }, { 12, 24, NULL } };

  assert_year (2024, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
}

static void
test_published_2025 (void)
{
  static const DayName holidays[] = {
    { 1, 1, NEW_YEAR }, { 1, 9, "National Day of Mourning for Jimmy Carter" }, { 1, 20, MLK },
    { 2, 17, WASHINGTON }, { 4, 18, GOOD_FRIDAY }, { 5, 26, MEMORIAL }, { 6, 19, JUNETEENTH },
    { 7, 4, INDEPENDENCE }, { 9, 1, LABOR }, { 11, 27, THANKSGIVING }, { 12, 25, CHRISTMAS },
  };
  static const DayName early[] = { { 7, 3, NULL }, { 11, 28, NULL }, { 12, 24, NULL } };

  assert_year (2025, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
}

static void
test_published_2026 (void)
{
  static const DayName holidays[] = {
    { 1, 1, NEW_YEAR }, { 1, 19, MLK }, { 2, 16, WASHINGTON }, { 4, 3, GOOD_FRIDAY },
    { 5, 25, MEMORIAL }, { 6, 19, JUNETEENTH }, { 7, 3, INDEPENDENCE }, { 9, 7, LABOR },
    { 11, 26, THANKSGIVING }, { 12, 25, CHRISTMAS },
  };
  static const DayName early[] = { { 11, 27, NULL }, { 12, 24, NULL } };

  assert_year (2026, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
}

static void
test_published_2027 (void)
{
  static const DayName holidays[] = {
    { 1, 1, NEW_YEAR }, { 1, 18, MLK }, { 2, 15, WASHINGTON }, { 3, 26, GOOD_FRIDAY },
    { 5, 31, MEMORIAL }, { 6, 18, JUNETEENTH }, { 7, 5, INDEPENDENCE }, { 9, 6, LABOR },
    { 11, 25, THANKSGIVING }, { 12, 24, CHRISTMAS },
  };
  static const DayName early[] = { { 11, 26, NULL } };

  assert_year (2027, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
}

/* Later years against the rules: 2028 has no New Year's Day holiday
 * (Saturday, not observed on Friday December 31, 2027) and no Christmas
 * Eve early close (a Sunday); 2028 agrees with the exchange's list of
 * 2025-12-23. */
static void
test_rules_2028 (void)
{
  static const DayName holidays[] = {
    { 1, 17, MLK }, { 2, 21, WASHINGTON }, { 4, 14, GOOD_FRIDAY }, { 5, 29, MEMORIAL },
    { 6, 19, JUNETEENTH }, { 7, 4, INDEPENDENCE }, { 9, 4, LABOR }, { 11, 23, THANKSGIVING },
    { 12, 25, CHRISTMAS },
  };
  static const DayName early[] = { { 7, 3, NULL }, { 11, 24, NULL } };
  GDate eve = ymd (2027, 12, 31);

  g_assert_cmpuint (G_N_ELEMENTS (holidays), ==, 9);
  assert_year (2028, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
  g_assert_true (au_nyse_is_trading_day (&eve));
}

static void
test_rules_2029 (void)
{
  static const DayName holidays[] = {
    { 1, 1, NEW_YEAR }, { 1, 15, MLK }, { 2, 19, WASHINGTON }, { 3, 30, GOOD_FRIDAY },
    { 5, 28, MEMORIAL }, { 6, 19, JUNETEENTH }, { 7, 4, INDEPENDENCE }, { 9, 3, LABOR },
    { 11, 22, THANKSGIVING }, { 12, 25, CHRISTMAS },
  };
  static const DayName early[] = { { 7, 3, NULL }, { 11, 23, NULL }, { 12, 24, NULL } };

  g_assert_cmpuint (G_N_ELEMENTS (holidays), ==, 10);
  assert_year (2029, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
}

static void
test_rules_2030 (void)
{
  static const DayName holidays[] = {
    { 1, 1, NEW_YEAR }, { 1, 21, MLK }, { 2, 18, WASHINGTON }, { 4, 19, GOOD_FRIDAY },
    { 5, 27, MEMORIAL }, { 6, 19, JUNETEENTH }, { 7, 4, INDEPENDENCE }, { 9, 2, LABOR },
    { 11, 28, THANKSGIVING }, { 12, 25, CHRISTMAS },
  };
  static const DayName early[] = { { 7, 3, NULL }, { 11, 29, NULL }, { 12, 24, NULL } };

  g_assert_cmpuint (G_N_ELEMENTS (holidays), ==, 10);
  assert_year (2030, holidays, G_N_ELEMENTS (holidays), early, G_N_ELEMENTS (early));
}

static gboolean
is_holiday (int year,
            int month,
            int day)
{
  GDate date = ymd (year, month, day);

  return au_nyse_is_holiday (&date, NULL);
}

/* Weekend observance at its edges, and rules before they were in force. */
static void
test_observance (void)
{
  /* New Year's Day on a Sunday moves to Monday; on a Saturday it is lost. */
  g_assert_true (is_holiday (2023, 1, 2));
  g_assert_true (is_holiday (2017, 1, 2));
  g_assert_false (is_holiday (2021, 12, 31));
  g_assert_false (is_holiday (2022, 1, 3));
  /* Christmas on a Saturday -> Friday 24th, on a Sunday -> Monday 26th. */
  g_assert_true (is_holiday (2021, 12, 24));
  g_assert_true (is_holiday (2022, 12, 26));
  /* Independence Day on a Saturday (2020) and a Sunday (2021). */
  g_assert_true (is_holiday (2020, 7, 3));
  g_assert_true (is_holiday (2021, 7, 5));
  /* Juneteenth: from 2022 only (Sunday -> Monday June 20, 2022). */
  g_assert_false (is_holiday (2021, 6, 18));
  g_assert_true (is_holiday (2022, 6, 20));
  g_assert_true (is_holiday (2027, 6, 18));
  /* Martin Luther King Jr. Day: from 1998. */
  g_assert_false (is_holiday (1997, 1, 20));
  g_assert_true (is_holiday (1998, 1, 19));
  /* Memorial Day when May has five Mondays (2026: the 4th, 11th, 18th, 25th; 2027: 31st). */
  g_assert_false (is_holiday (2027, 5, 24));
  /* A weekend day is not a holiday even on the holiday's own date. */
  g_assert_false (is_holiday (2026, 7, 4));
  g_assert_false (is_holiday (2027, 12, 25));
}

static void
test_special_closures (void)
{
  static const struct { int y, m, d; const char *name; } closures[] = {
    { 2001, 9, 11, "September 11 attacks" },
    { 2001, 9, 12, "September 11 attacks" },
    { 2001, 9, 13, "September 11 attacks" },
    { 2001, 9, 14, "September 11 attacks" },
    { 2004, 6, 11, "National Day of Mourning for Ronald Reagan" },
    { 2007, 1, 2, "National Day of Mourning for Gerald Ford" },
    { 2012, 10, 29, "Hurricane Sandy" },
    { 2012, 10, 30, "Hurricane Sandy" },
    { 2018, 12, 5, "National Day of Mourning for George H. W. Bush" },
    { 2025, 1, 9, "National Day of Mourning for Jimmy Carter" },
  };
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (closures); i++)
    {
      const char *name = NULL;

      date = ymd (closures[i].y, closures[i].m, closures[i].d);
      g_assert_true (au_nyse_is_holiday (&date, &name));
      g_assert_cmpstr (name, ==, closures[i].name);
      g_assert_false (au_nyse_is_trading_day (&date));
    }

  /* The days around them traded. */
  g_assert_false (is_holiday (2001, 9, 10));
  g_assert_false (is_holiday (2001, 9, 17));
  g_assert_false (is_holiday (2012, 10, 31));
  g_assert_false (is_holiday (2018, 12, 4));
  g_assert_false (is_holiday (2025, 1, 10));

  /* 2001-09-10 is followed by the next trading day a week later. */
  date = ymd (2001, 9, 10);
  au_nyse_next_trading_day (&date);
  g_assert_cmpint (g_date_get_day (&date), ==, 17);
}

static void
test_easter (void)
{
  /* Known Easter Sundays, the extremes (March 22, April 25) included. */
  static const struct { int y, m, d; } easters[] = {
    { 1818, 3, 22 }, { 1943, 4, 25 }, { 1954, 4, 18 }, { 2000, 4, 23 }, { 2008, 3, 23 },
    { 2011, 4, 24 }, { 2019, 4, 21 }, { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 },
    { 2027, 3, 28 }, { 2028, 4, 16 }, { 2029, 4, 1 }, { 2030, 4, 21 }, { 2038, 4, 25 },
    { 2049, 4, 18 }, { 2100, 3, 28 }, { 2285, 3, 22 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (easters); i++)
    {
      GDate easter, expected = ymd (easters[i].y, easters[i].m, easters[i].d);
      const char *name = NULL;

      au_nyse_easter_sunday (easters[i].y, &easter);
      g_assert_cmpint (g_date_compare (&easter, &expected), ==, 0);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);

      g_date_subtract_days (&easter, 2);
      g_assert_true (au_nyse_is_holiday (&easter, &name));
      g_assert_cmpstr (name, ==, GOOD_FRIDAY);
      /* Maundy Thursday trades. */
      g_date_subtract_days (&easter, 1);
      g_assert_false (au_nyse_is_holiday (&easter, NULL));
    }
}

static void
test_trading_days (void)
{
  GDate date;
  int count = 0;

  /* 261 weekdays in 2026 less 10 holidays; 2025 also lost January 9. */
  for (date = ymd (2026, 1, 1); g_date_get_year (&date) == 2026; g_date_add_days (&date, 1))
    count += au_nyse_is_trading_day (&date);
  g_assert_cmpint (count, ==, 251);
  count = 0;
  for (date = ymd (2025, 1, 1); g_date_get_year (&date) == 2025; g_date_add_days (&date, 1))
    count += au_nyse_is_trading_day (&date);
  g_assert_cmpint (count, ==, 250);

  /* Session close: 16:00, 13:00 on an early close, none on a weekend. */
  date = ymd (2026, 11, 25);
  g_assert_cmpint (au_nyse_close_minute (&date), ==, 960);
  date = ymd (2026, 11, 27);
  g_assert_cmpint (au_nyse_close_minute (&date), ==, 780);
  date = ymd (2026, 11, 28);
  g_assert_cmpint (au_nyse_close_minute (&date), ==, -1);
  g_assert_false (au_nyse_is_trading_day (&date));
  g_assert_false (au_nyse_is_early_close (&date));

  /* Stepping over Thanksgiving, and over Good Friday plus a weekend. */
  date = ymd (2026, 11, 25);
  au_nyse_next_trading_day (&date);
  g_assert_cmpint (g_date_get_day (&date), ==, 27);
  date = ymd (2026, 4, 2);
  au_nyse_next_trading_day (&date);
  g_assert_cmpint (g_date_get_month (&date), ==, 4);
  g_assert_cmpint (g_date_get_day (&date), ==, 6);
  au_nyse_previous_trading_day (&date);
  g_assert_cmpint (g_date_get_day (&date), ==, 2);
  /* Across a year end: Friday January 1, 2027 closed. */
  date = ymd (2026, 12, 31);
  au_nyse_next_trading_day (&date);
  g_assert_cmpint (g_date_get_year (&date), ==, 2027);
  g_assert_cmpint (g_date_get_day (&date), ==, 4);
}

static void
test_invalid_date (void)
{
  GDate invalid;

  g_date_clear (&invalid, 1);
  g_test_expect_message ("au-market-calendar", G_LOG_LEVEL_CRITICAL, "*g_date_valid*");
  g_assert_false (au_nyse_is_trading_day (&invalid));
  g_test_assert_expected_messages ();
  g_test_expect_message ("au-market-calendar", G_LOG_LEVEL_CRITICAL, "*g_date_valid*");
  g_assert_cmpint (au_nyse_close_minute (&invalid), ==, -1);
  g_test_assert_expected_messages ();
}

static void
test_eastern_zone (void)
{
  GTimeZone *zone = au_eastern_time_zone ();

  g_assert_nonnull (zone);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "America/New_York");
  g_assert_true (zone == au_eastern_time_zone ());
}

static void
assert_eastern (const char *iso,
                int         year,
                int         month,
                int         day,
                int         minute_of_day,
                const char *formatted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = au_eastern_from_iso8601 (iso, &error);
  g_autofree char *text = NULL;
  GDate date, expected = ymd (year, month, day);
  int minute;

  g_assert_no_error (error);
  g_assert_nonnull (time);
  au_eastern_split (time, &date, &minute);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
  g_assert_cmpint (minute, ==, minute_of_day);
  text = au_eastern_format (time);
  g_assert_cmpstr (text, ==, formatted);
}

/* DST by tzdata: 09:45 ET is 14:45Z in winter and 13:45Z in summer. */
static void
test_dst_edges (void)
{
  /* Spring forward, Sunday 2026-03-08 at 02:00 EST. */
  assert_eastern ("2026-03-06T14:45:00Z", 2026, 3, 6, 585, "2026-03-06T09:45:00-05:00");
  assert_eastern ("2026-03-09T13:45:00Z", 2026, 3, 9, 585, "2026-03-09T09:45:00-04:00");
  assert_eastern ("2026-03-09T14:45:00Z", 2026, 3, 9, 645, "2026-03-09T10:45:00-04:00");
  assert_eastern ("2026-03-08T06:59:59Z", 2026, 3, 8, 119, "2026-03-08T01:59:59-05:00");
  assert_eastern ("2026-03-08T07:00:00Z", 2026, 3, 8, 180, "2026-03-08T03:00:00-04:00");
  /* Fall back, Sunday 2026-11-01 at 02:00 EDT. */
  assert_eastern ("2026-10-30T13:45:00Z", 2026, 10, 30, 585, "2026-10-30T09:45:00-04:00");
  assert_eastern ("2026-11-02T14:45:00Z", 2026, 11, 2, 585, "2026-11-02T09:45:00-05:00");
  assert_eastern ("2026-11-02T13:45:00Z", 2026, 11, 2, 525, "2026-11-02T08:45:00-05:00");
  assert_eastern ("2026-11-01T05:59:59Z", 2026, 11, 1, 119, "2026-11-01T01:59:59-04:00");
  assert_eastern ("2026-11-01T06:00:00Z", 2026, 11, 1, 60, "2026-11-01T01:00:00-05:00");
}

static void
test_iso_parsing (void)
{
  static const struct { const char *text; int code; } refused[] = {
    { "2026-11-19T10:15:00", AU_CALENDAR_ERROR_NO_OFFSET },
    { "2026-11-19T10:15:00.250", AU_CALENDAR_ERROR_NO_OFFSET },
    { "2026-11-19T10:15Z", AU_CALENDAR_ERROR_INVALID }, /* GLib wants seconds */
    { "2026-11-19 10:15:00", AU_CALENDAR_ERROR_NO_OFFSET },
    { "", AU_CALENDAR_ERROR_INVALID },
    { "next Thursday", AU_CALENDAR_ERROR_INVALID },
    { "2026-13-01T10:00:00Z", AU_CALENDAR_ERROR_INVALID },
    { "2026-02-30T10:00:00Z", AU_CALENDAR_ERROR_INVALID },
    { "2026-11-19", AU_CALENDAR_ERROR_INVALID },
  };

  /* The sample time, with its own offset, with Z, with another zone. */
  assert_eastern ("2026-11-19T10:15:00-05:00", 2026, 11, 19, 615, "2026-11-19T10:15:00-05:00");
  assert_eastern ("2026-11-19T15:15:00Z", 2026, 11, 19, 615, "2026-11-19T10:15:00-05:00");
  assert_eastern ("2026-11-19T15:15:00.750Z", 2026, 11, 19, 615, "2026-11-19T10:15:00-05:00");
  assert_eastern ("2026-11-19T16:15:00+01:00", 2026, 11, 19, 615, "2026-11-19T10:15:00-05:00");
  assert_eastern ("2026-11-19 15:15:00Z", 2026, 11, 19, 615, "2026-11-19T10:15:00-05:00");
  assert_eastern ("2026-11-19T16:15:00+0100", 2026, 11, 19, 615, "2026-11-19T10:15:00-05:00");
  /* An offset that crosses midnight places the date in New York. */
  assert_eastern ("2026-11-20T02:30:00+01:00", 2026, 11, 19, 1230, "2026-11-19T20:30:00-05:00");
  assert_eastern ("2026-07-02T23:30:00-04:00", 2026, 7, 2, 1410, "2026-07-02T23:30:00-04:00");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = au_eastern_from_iso8601 (refused[i].text, &error);

      g_assert_null (time);
      g_assert_error (error, AU_CALENDAR_ERROR, refused[i].code);
      if (*refused[i].text != '\0')
        g_assert_nonnull (strstr (error->message, refused[i].text));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDateTime) time = au_eastern_from_iso8601 (NULL, &error);

    g_assert_null (time);
    g_assert_error (error, AU_CALENDAR_ERROR, AU_CALENDAR_ERROR_INVALID);
  }
}

/* Without tzdata the zone is NULL and parsing fails with its own error:
 * never a silent UTC. Run in a child whose TZDIR points nowhere. */
static void
test_missing_zone (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) time = NULL;

      g_test_expect_message ("au-market-calendar", G_LOG_LEVEL_WARNING, "*America/New_York*");
      g_assert_null (au_eastern_time_zone ());
      g_test_assert_expected_messages ();
      time = au_eastern_from_iso8601 ("2026-11-19T10:15:00-05:00", &error);
      g_assert_null (time);
      g_assert_error (error, AU_CALENDAR_ERROR, AU_CALENDAR_ERROR_NO_TIME_ZONE);
      return;
    }

  g_setenv ("TZDIR", "/nonexistent-zoneinfo", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("TZDIR");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/published/2024", test_published_2024);
  g_test_add_func ("/calendar/published/2025", test_published_2025);
  g_test_add_func ("/calendar/published/2026", test_published_2026);
  g_test_add_func ("/calendar/published/2027", test_published_2027);
  g_test_add_func ("/calendar/rules/2028", test_rules_2028);
  g_test_add_func ("/calendar/rules/2029", test_rules_2029);
  g_test_add_func ("/calendar/rules/2030", test_rules_2030);
  g_test_add_func ("/calendar/rules/observance", test_observance);
  g_test_add_func ("/calendar/special-closures", test_special_closures);
  g_test_add_func ("/calendar/easter", test_easter);
  g_test_add_func ("/calendar/trading-days", test_trading_days);
  g_test_add_func ("/calendar/invalid-date", test_invalid_date);
  g_test_add_func ("/calendar/eastern/zone", test_eastern_zone);
  g_test_add_func ("/calendar/eastern/dst-edges", test_dst_edges);
  g_test_add_func ("/calendar/eastern/iso-parsing", test_iso_parsing);
  g_test_add_func ("/calendar/eastern/missing-zone", test_missing_zone);

  return g_test_run ();
}

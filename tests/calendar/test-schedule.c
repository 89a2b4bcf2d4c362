/* test-schedule.c: the weekly schedule on the NYSE calendar (R1, D2.7, D2.16, D2.17, D2.19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-market-calendar.h"
#include "au-schedule.h"

#define HM(h, m) ((h) * 60 + (m))

static AuConstitution *constitution;

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

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  GDate expected = ymd (year, month, day);

  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_compare (date, &expected), ==, 0);
}

/* The default constitution with one line replaced. */
static AuConstitution *
edited_constitution (const char *line,
                     const char *replacement)
{
  GBytes *original = au_constitution_get_bytes (constitution); /* not ours */
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (original, NULL),
                                              g_bytes_get_size (original));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AuConstitution *edited;

  g_assert_cmpuint (g_string_replace (text, line, replacement, 1), ==, 1);
  bytes = g_bytes_new (text->str, text->len);
  edited = au_constitution_new_from_bytes (bytes, "edited.ini", &error);
  g_assert_no_error (error);
  return edited;
}

static void
assert_entry (AuConstitution *c,
              AuSleeve        sleeve,
              const GDate    *any_day_of_week,
              int             year,
              int             month,
              int             day,
              gboolean        moved)
{
  GDate entry;

  g_assert_true (au_schedule_entry_date (c, sleeve, any_day_of_week, &entry));
  assert_date (&entry, year, month, day);
  g_assert_cmpint (au_schedule_entry_date_moved (c, sleeve, any_day_of_week), ==, moved);
}

static void
assert_window (gboolean        found,
               const AuScheduleWindow *window,
               int             open,
               int             close)
{
  g_assert_true (found);
  g_assert_cmpint (window->open, ==, open);
  g_assert_cmpint (window->close, ==, close);
}

static void
assert_range (AuConstitution *c,
              AuSleeve        sleeve,
              const GDate    *entry,
              int             range_min,
              int             range_max)
{
  int dte_min = -99, dte_max = -99;

  g_assert_true (au_schedule_dte_range (c, sleeve, entry, FALSE, &dte_min, &dte_max));
  g_assert_cmpint (dte_min, ==, range_min);
  g_assert_cmpint (dte_max, ==, range_max);
}

static void
assert_cut (AuConstitution *c,
            const GDate    *date,
            int             year,
            int             month,
            int             day,
            int             minute)
{
  GDate cut_date;
  int cut_minute = -1;

  g_assert_true (au_schedule_weekly_cut (c, date, &cut_date, &cut_minute));
  assert_date (&cut_date, year, month, day);
  g_assert_cmpint (cut_minute, ==, minute);
}

/* The constitution's numbers the tests below spell out (R1, R2.2, R3.2,
 * R4.1, D2.7, D2.16): if the data changes, these say where. */
static void
test_constitution_values (void)
{
  const AuConstitutionParams *p = au_constitution_get_params (constitution);

  g_assert_cmpint (p->sleeve[AU_SLEEVE_GEN].entry_day, ==, AU_WEEKDAY_THURSDAY);
  g_assert_cmpint (p->sleeve[AU_SLEEVE_REV].entry_day, ==, AU_WEEKDAY_WEDNESDAY);
  g_assert_cmpint (p->sleeve[AU_SLEEVE_COM].entry_day, ==, AU_WEEKDAY_MONDAY);
  for (int s = 0; s < AU_N_SLEEVES; s++)
    {
      g_assert_cmpint (p->sleeve[s].entry_open, ==, HM (9, 45));
      g_assert_cmpint (p->sleeve[s].entry_close, ==, HM (11, 0));
    }
  g_assert_cmpint (p->schedule.manage_open, ==, HM (14, 30));
  g_assert_cmpint (p->schedule.manage_close, ==, HM (15, 45));
  g_assert_cmpint (p->schedule.weekly_cut, ==, HM (16, 30));
  g_assert_cmpint (p->schedule.early_close, ==, HM (13, 0));
  g_assert_cmpint (p->schedule.early_close_shift_hours, ==, 2);
  g_assert_cmpint (p->schedule.early_close_shift_after, ==, HM (11, 0));
  g_assert_cmpint (p->dte_grace_days, ==, 1);
}

/* The week of the sample (Monday 2026-11-16 .. Friday 11-20). */
static void
test_normal_week (void)
{
  GDate thursday = ymd (2026, 11, 19), wednesday = ymd (2026, 11, 18);
  GDate monday = ymd (2026, 11, 16), friday = ymd (2026, 11, 20);
  GDate saturday = ymd (2026, 11, 21), expiry, manage;
  AuScheduleWindow window;
  int dte_min, dte_max;

  /* Every day of the week names the same entry days, the weekend included. */
  assert_entry (constitution, AU_SLEEVE_GEN, &monday, 2026, 11, 19, FALSE);
  assert_entry (constitution, AU_SLEEVE_GEN, &saturday, 2026, 11, 19, FALSE);
  assert_entry (constitution, AU_SLEEVE_REV, &thursday, 2026, 11, 18, FALSE);
  assert_entry (constitution, AU_SLEEVE_COM, &friday, 2026, 11, 16, FALSE);
  g_assert_true (au_schedule_covered_call_date (constitution, &thursday, &expiry));
  assert_date (&expiry, 2026, 11, 16);

  assert_window (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &thursday, &window),
                 &window, HM (9, 45), HM (11, 0));
  assert_window (au_schedule_covered_call_window (constitution, &monday, &window),
                 &window, HM (9, 45), HM (11, 0));
  assert_window (au_schedule_manage_window (constitution, &friday, &window),
                 &window, HM (14, 30), HM (15, 45));
  g_assert_true (au_schedule_manage_date (constitution, &monday, &manage));
  assert_date (&manage, 2026, 11, 20);
  assert_cut (constitution, &wednesday, 2026, 11, 20, HM (16, 30));

  /* R1.1 window edges: 09:44 out, 09:45 and 11:00 in, 11:01 out; and the
   * right window on the wrong day is out. */
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (9, 44)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (9, 45)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (11, 0)));
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (11, 1)));
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &wednesday, HM (10, 0)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_REV, &wednesday, HM (10, 0)));
  g_assert_true (au_schedule_in_covered_call_window (constitution, &monday, HM (10, 0)));
  g_assert_false (au_schedule_in_covered_call_window (constitution, &friday, HM (10, 0)));
  g_assert_false (au_schedule_in_manage_window (constitution, &friday, HM (14, 29)));
  g_assert_true (au_schedule_in_manage_window (constitution, &friday, HM (14, 30)));
  g_assert_true (au_schedule_in_manage_window (constitution, &friday, HM (15, 45)));
  g_assert_false (au_schedule_in_manage_window (constitution, &friday, HM (15, 46)));
  g_assert_false (au_schedule_in_manage_window (constitution, &thursday, HM (15, 0)));

  /* D2.16: Friday expiry, calendar-day DTE, the constitution's ranges. */
  g_assert_false (au_schedule_is_short_week (&thursday));
  g_assert_true (au_schedule_week_expiry (&monday, &expiry));
  assert_date (&expiry, 2026, 11, 20);
  g_assert_cmpint (au_schedule_dte (&thursday, &expiry), ==, 1);
  g_assert_cmpint (au_schedule_dte (&wednesday, &expiry), ==, 2);
  g_assert_cmpint (au_schedule_dte (&monday, &expiry), ==, 4);
  g_assert_cmpint (au_schedule_dte (&expiry, &monday), ==, -4);
  assert_range (constitution, AU_SLEEVE_GEN, &thursday, 0, 1);
  assert_range (constitution, AU_SLEEVE_REV, &wednesday, 2, 5);
  assert_range (constitution, AU_SLEEVE_COM, &monday, 4, 5);
  g_assert_true (au_schedule_dte_range (constitution, AU_SLEEVE_GEN, &thursday, TRUE,
                                        &dte_min, &dte_max));
  g_assert_cmpint (dte_min, ==, 1);
  g_assert_cmpint (dte_max, ==, 3);
  g_assert_true (au_schedule_covered_call_dte_range (constitution, &monday, &dte_min, &dte_max));
  g_assert_cmpint (dte_min, ==, 4);
  g_assert_cmpint (dte_max, ==, 5);

  /* D2.17 market hours: 09:29 closed, 09:30 open, 15:59 open, 16:00 closed. */
  g_assert_cmpint (au_schedule_close_minute (constitution, &thursday), ==, HM (16, 0));
  g_assert_false (au_schedule_market_open_at (constitution, &thursday, HM (9, 29)));
  g_assert_true (au_schedule_market_open_at (constitution, &thursday, HM (9, 30)));
  g_assert_true (au_schedule_market_open_at (constitution, &thursday, HM (15, 59)));
  g_assert_false (au_schedule_market_open_at (constitution, &thursday, HM (16, 0)));
  g_assert_false (au_schedule_market_open_at (constitution, &saturday, HM (10, 0)));
  g_assert_false (au_schedule_market_open_at (constitution, &thursday, -1));
  g_assert_false (au_schedule_market_open_at (constitution, &thursday, 24 * 60));
  g_assert_cmpint (au_schedule_close_minute (constitution, &saturday), ==, -1);
  g_assert_false (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &saturday, &window));
}

/* Thanksgiving 2026: Thursday closed, Friday closes at 13:00. */
static void
test_thanksgiving_week (void)
{
  GDate thursday = ymd (2026, 11, 26), friday = ymd (2026, 11, 27);
  GDate wednesday = ymd (2026, 11, 25), monday = ymd (2026, 11, 23), expiry, manage;
  AuScheduleWindow window;

  /* D2.16: Gen moves to Friday, same window (it ends by 11:00, D2.7). */
  assert_entry (constitution, AU_SLEEVE_GEN, &monday, 2026, 11, 27, TRUE);
  assert_entry (constitution, AU_SLEEVE_REV, &monday, 2026, 11, 25, FALSE);
  assert_entry (constitution, AU_SLEEVE_COM, &friday, 2026, 11, 23, FALSE);
  assert_window (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &friday, &window),
                 &window, HM (9, 45), HM (11, 0));
  g_assert_false (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &thursday, &window));
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (10, 0)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &friday, HM (10, 0)));

  /* D2.7: manage 14:30-15:45 becomes 12:30-13:00, the cut 16:30 becomes 14:30. */
  g_assert_true (au_schedule_manage_date (constitution, &monday, &manage));
  assert_date (&manage, 2026, 11, 27);
  assert_window (au_schedule_manage_window (constitution, &friday, &window),
                 &window, HM (12, 30), HM (13, 0));
  g_assert_false (au_schedule_in_manage_window (constitution, &friday, HM (12, 29)));
  g_assert_true (au_schedule_in_manage_window (constitution, &friday, HM (12, 30)));
  g_assert_false (au_schedule_in_manage_window (constitution, &friday, HM (13, 1)));
  g_assert_false (au_schedule_in_manage_window (constitution, &friday, HM (14, 30)));
  assert_cut (constitution, &wednesday, 2026, 11, 27, HM (14, 30));

  /* Friday still expires; Gen enters on the expiry day, DTE 0, in 0-1. */
  g_assert_false (au_schedule_is_short_week (&friday));
  g_assert_true (au_schedule_week_expiry (&wednesday, &expiry));
  assert_date (&expiry, 2026, 11, 27);
  g_assert_cmpint (au_schedule_dte (&friday, &expiry), ==, 0);
  assert_range (constitution, AU_SLEEVE_GEN, &friday, 0, 1);
  assert_range (constitution, AU_SLEEVE_REV, &wednesday, 2, 5);

  /* D2.17: no order at or after the early close. */
  g_assert_cmpint (au_schedule_close_minute (constitution, &friday), ==, HM (13, 0));
  g_assert_true (au_schedule_market_open_at (constitution, &friday, HM (12, 59)));
  g_assert_false (au_schedule_market_open_at (constitution, &friday, HM (13, 0)));
  g_assert_false (au_schedule_market_open_at (constitution, &friday, HM (15, 0)));
  g_assert_false (au_schedule_market_open_at (constitution, &thursday, HM (10, 0)));
  g_assert_true (au_schedule_market_open_at (constitution, &wednesday, HM (15, 59)));
}

/* Martin Luther King Jr. Day 2026-01-19 and Labor Day 2026-09-07: Com
 * enters Tuesday, Friday expiry is DTE 3, accepted one day short. */
static void
test_monday_holiday_week (void)
{
  GDate mlk = ymd (2026, 1, 19), tuesday = ymd (2026, 1, 20), wednesday = ymd (2026, 1, 21);
  GDate labor_tuesday = ymd (2026, 9, 8), normal_monday = ymd (2026, 1, 26), expiry, cc;
  int dte_min, dte_max;

  assert_entry (constitution, AU_SLEEVE_COM, &mlk, 2026, 1, 20, TRUE);
  assert_entry (constitution, AU_SLEEVE_REV, &mlk, 2026, 1, 21, FALSE);
  assert_entry (constitution, AU_SLEEVE_COM, &labor_tuesday, 2026, 9, 8, TRUE);
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_COM, &mlk, HM (10, 0)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_COM, &tuesday, HM (9, 45)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_COM, &tuesday, HM (11, 0)));
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_COM, &wednesday, HM (10, 0)));

  g_assert_true (au_schedule_week_expiry (&tuesday, &expiry));
  assert_date (&expiry, 2026, 1, 23);
  g_assert_cmpint (au_schedule_dte (&tuesday, &expiry), ==, 3);
  assert_range (constitution, AU_SLEEVE_COM, &tuesday, 3, 5);
  assert_range (constitution, AU_SLEEVE_COM, &labor_tuesday, 3, 5);
  /* Rev was not moved: its range stays 2-5. A normal Monday: 4-5. */
  assert_range (constitution, AU_SLEEVE_REV, &wednesday, 2, 5);
  assert_range (constitution, AU_SLEEVE_COM, &normal_monday, 4, 5);

  /* D2.19: covered calls in any sleeve take Com's cadence and its grace. */
  g_assert_true (au_schedule_covered_call_date (constitution, &wednesday, &cc));
  assert_date (&cc, 2026, 1, 20);
  g_assert_true (au_schedule_in_covered_call_window (constitution, &tuesday, HM (10, 30)));
  g_assert_true (au_schedule_covered_call_dte_range (constitution, &tuesday, &dte_min, &dte_max));
  g_assert_cmpint (dte_min, ==, 3);
  g_assert_cmpint (dte_max, ==, 5);
}

/* Good Friday 2026-04-03: Thursday expiry, Rev 1-5, Com 3-5, manage Thursday. */
static void
test_good_friday_week (void)
{
  GDate monday = ymd (2026, 3, 30), wednesday = ymd (2026, 4, 1), thursday = ymd (2026, 4, 2);
  GDate friday = ymd (2026, 4, 3), next_wednesday = ymd (2026, 4, 8), expiry, manage;
  AuScheduleWindow window;

  g_assert_true (au_schedule_is_short_week (&monday));
  g_assert_true (au_schedule_week_expiry (&friday, &expiry));
  assert_date (&expiry, 2026, 4, 2);

  g_assert_cmpint (au_schedule_dte (&wednesday, &expiry), ==, 1);
  g_assert_cmpint (au_schedule_dte (&monday, &expiry), ==, 3);
  g_assert_cmpint (au_schedule_dte (&thursday, &expiry), ==, 0);
  assert_range (constitution, AU_SLEEVE_REV, &wednesday, 1, 5);
  assert_range (constitution, AU_SLEEVE_COM, &monday, 3, 5);
  assert_range (constitution, AU_SLEEVE_GEN, &thursday, 0, 1);
  /* The next week is whole again: DTE 1 would be outside Rev's 2-5. */
  g_assert_false (au_schedule_is_short_week (&next_wednesday));
  assert_range (constitution, AU_SLEEVE_REV, &next_wednesday, 2, 5);

  /* Entries are not moved (no entry day is Friday). */
  assert_entry (constitution, AU_SLEEVE_GEN, &friday, 2026, 4, 2, FALSE);

  /* The manage day is the last trading day, a normal session. */
  g_assert_true (au_schedule_manage_date (constitution, &monday, &manage));
  assert_date (&manage, 2026, 4, 2);
  assert_window (au_schedule_manage_window (constitution, &thursday, &window),
                 &window, HM (14, 30), HM (15, 45));
  g_assert_true (au_schedule_in_manage_window (constitution, &thursday, HM (15, 0)));
  g_assert_false (au_schedule_in_manage_window (constitution, &friday, HM (15, 0)));
  assert_cut (constitution, &friday, 2026, 4, 2, HM (16, 30));
  g_assert_false (au_schedule_market_open_at (constitution, &friday, HM (10, 0)));
}

/* July 3, 2025: a Thursday early close before a Friday holiday. Gen's
 * entry window stays 09:45-11:00; it is also expiry and manage day. */
static void
test_july_3_2025 (void)
{
  GDate thursday = ymd (2025, 7, 3), wednesday = ymd (2025, 7, 2), expiry;
  AuScheduleWindow window;

  g_assert_true (au_nyse_is_early_close (&thursday));
  assert_entry (constitution, AU_SLEEVE_GEN, &wednesday, 2025, 7, 3, FALSE);
  assert_window (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &thursday, &window),
                 &window, HM (9, 45), HM (11, 0));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (9, 45)));
  g_assert_true (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (11, 0)));
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (11, 1)));

  g_assert_true (au_schedule_week_expiry (&thursday, &expiry));
  assert_date (&expiry, 2025, 7, 3);
  g_assert_cmpint (au_schedule_dte (&thursday, &expiry), ==, 0);
  g_assert_cmpint (au_schedule_dte (&wednesday, &expiry), ==, 1);
  assert_range (constitution, AU_SLEEVE_REV, &wednesday, 1, 5);

  assert_window (au_schedule_manage_window (constitution, &thursday, &window),
                 &window, HM (12, 30), HM (13, 0));
  g_assert_true (au_schedule_in_manage_window (constitution, &thursday, HM (12, 45)));
  assert_cut (constitution, &wednesday, 2025, 7, 3, HM (14, 30));
  g_assert_false (au_schedule_market_open_at (constitution, &thursday, HM (13, 0)));
}

/* Christmas Eve: 2026 (Thursday early close, Friday holiday), 2025
 * (Wednesday early close, Thursday holiday) and 2027 (Friday observed). */
static void
test_christmas_eve (void)
{
  GDate eve_2026 = ymd (2026, 12, 24), eve_2025 = ymd (2025, 12, 24);
  GDate boxing_2025 = ymd (2025, 12, 26), wed_2027 = ymd (2027, 12, 22), expiry, manage;
  AuScheduleWindow window;

  /* 2026 */
  g_assert_true (au_schedule_is_short_week (&eve_2026));
  assert_entry (constitution, AU_SLEEVE_GEN, &eve_2026, 2026, 12, 24, FALSE);
  assert_window (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &eve_2026, &window),
                 &window, HM (9, 45), HM (11, 0));
  g_assert_true (au_schedule_week_expiry (&eve_2026, &expiry));
  assert_date (&expiry, 2026, 12, 24);
  g_assert_true (au_schedule_manage_date (constitution, &eve_2026, &manage));
  assert_date (&manage, 2026, 12, 24);
  assert_window (au_schedule_manage_window (constitution, &eve_2026, &window),
                 &window, HM (12, 30), HM (13, 0));
  assert_cut (constitution, &eve_2026, 2026, 12, 24, HM (14, 30));

  /* 2025: Rev enters on the early close in its usual window; Gen moves to Friday. */
  assert_entry (constitution, AU_SLEEVE_REV, &eve_2025, 2025, 12, 24, FALSE);
  assert_window (au_schedule_entry_window (constitution, AU_SLEEVE_REV, &eve_2025, &window),
                 &window, HM (9, 45), HM (11, 0));
  assert_entry (constitution, AU_SLEEVE_GEN, &eve_2025, 2025, 12, 26, TRUE);
  g_assert_true (au_schedule_week_expiry (&eve_2025, &expiry));
  assert_date (&expiry, 2025, 12, 26);
  assert_range (constitution, AU_SLEEVE_GEN, &boxing_2025, 0, 1);
  assert_range (constitution, AU_SLEEVE_REV, &eve_2025, 2, 5);
  assert_window (au_schedule_manage_window (constitution, &boxing_2025, &window),
                 &window, HM (14, 30), HM (15, 45));
  assert_cut (constitution, &eve_2025, 2025, 12, 26, HM (16, 30));

  /* 2027: Friday December 24 is the observed holiday; Thursday is a full day. */
  g_assert_true (au_schedule_week_expiry (&wed_2027, &expiry));
  assert_date (&expiry, 2027, 12, 23);
  assert_range (constitution, AU_SLEEVE_REV, &wed_2027, 1, 5);
  assert_window (au_schedule_manage_window (constitution, &expiry, &window),
                 &window, HM (14, 30), HM (15, 45));
  assert_cut (constitution, &wed_2027, 2027, 12, 23, HM (16, 30));
}

/* A week with no trading day from Gen's Thursday on (2001-09-13/14): no
 * entry, and the expiry falls back to the last day that traded. */
static void
test_closed_week (void)
{
  GDate thursday = ymd (2001, 9, 13), entry, expiry;

  g_assert_false (au_schedule_entry_date (constitution, AU_SLEEVE_GEN, &thursday, &entry));
  g_assert_false (au_schedule_in_entry_window (constitution, AU_SLEEVE_GEN, &thursday, HM (10, 0)));
  g_assert_true (au_schedule_week_expiry (&thursday, &expiry));
  assert_date (&expiry, 2001, 9, 10);
}

/* Every week of 2013-2030: each sleeve's entry is a trading day of its
 * week, and the week's expiry fits the range accepted for it (D2.16 was
 * written so that it always does). */
static void
test_every_week (void)
{
  GDate monday = ymd (2013, 1, 7);
  guint weeks = 0, short_weeks = 0, moved = 0;

  while (g_date_get_year (&monday) <= 2030)
    {
      GDate expiry;

      g_assert_true (au_schedule_week_expiry (&monday, &expiry));
      short_weeks += au_schedule_is_short_week (&monday);

      for (int s = 0; s < AU_N_SLEEVES; s++)
        {
          GDate entry;
          int dte_min, dte_max, dte;

          g_assert_true (au_schedule_entry_date (constitution, s, &monday, &entry));
          g_assert_true (au_nyse_is_trading_day (&entry));
          g_assert_cmpint (g_date_days_between (&monday, &entry), <=, 4);
          g_assert_true (au_schedule_dte_range (constitution, s, &entry, FALSE, &dte_min, &dte_max));
          dte = au_schedule_dte (&entry, &expiry);
          if (dte < dte_min || dte > dte_max)
            g_error ("sleeve %d, entry %u-%02u-%02u: DTE %d outside %d-%d", s,
                     g_date_get_year (&entry), g_date_get_month (&entry), g_date_get_day (&entry),
                     dte, dte_min, dte_max);
          moved += au_schedule_entry_date_moved (constitution, s, &monday);
        }
      weeks++;
      g_date_add_days (&monday, 7);
    }

  g_assert_cmpuint (weeks, ==, 939);
  /* Good Friday every year, plus the Friday holidays of the calendar. */
  g_assert_cmpuint (short_weeks, >=, 18);
  g_assert_cmpuint (moved, >, 18);
}

/* The schedule reads its numbers from the constitution (never 09:45 in
 * code): an amended constitution moves the windows. */
static void
test_constitution_driven (void)
{
  g_autoptr(AuConstitution) shift3 = edited_constitution ("early_close_shift_hours=2",
                                                          "early_close_shift_hours=3");
  g_autoptr(AuConstitution) late_entry = edited_constitution ("entry_day=thu\nentry_open=09:45\nentry_close=11:00",
                                                              "entry_day=thu\nentry_open=10:00\nentry_close=11:01");
  g_autoptr(AuConstitution) grace2 = edited_constitution ("dte_grace_days=1", "dte_grace_days=2");
  g_autoptr(AuConstitution) tuesday_gen = edited_constitution ("entry_day=thu", "entry_day=tue");
  GDate early = ymd (2026, 11, 27), normal = ymd (2026, 11, 19), good_wed = ymd (2026, 4, 1);
  AuScheduleWindow window;

  /* Three hours earlier: manage 11:30-12:45 (inside 13:00), cut 13:30. */
  assert_window (au_schedule_manage_window (shift3, &early, &window),
                 &window, HM (11, 30), HM (12, 45));
  assert_cut (shift3, &early, 2026, 11, 27, HM (13, 30));

  /* A Gen window ending at 11:01 ends after 11:00: on an early close it
   * moves to 08:00-09:01, held at the 09:30 open, and nothing is left. */
  assert_window (au_schedule_entry_window (late_entry, AU_SLEEVE_GEN, &normal, &window),
                 &window, HM (10, 0), HM (11, 1));
  g_assert_false (au_schedule_entry_window (late_entry, AU_SLEEVE_GEN, &early, &window));
  assert_window (au_schedule_entry_window (constitution, AU_SLEEVE_GEN, &early, &window),
                 &window, HM (9, 45), HM (11, 0));

  /* Two days of grace: Rev 0-5 in the Good Friday week. */
  assert_range (grace2, AU_SLEEVE_REV, &good_wed, 0, 5);

  assert_entry (tuesday_gen, AU_SLEEVE_GEN, &normal, 2026, 11, 17, FALSE);
}

static void
test_invalid_arguments (void)
{
  GDate invalid, entry;
  AuScheduleWindow window;

  g_date_clear (&invalid, 1);
  g_test_expect_message ("au-schedule", G_LOG_LEVEL_CRITICAL, "*check_date*");
  g_assert_false (au_schedule_entry_date (constitution, AU_SLEEVE_GEN, &invalid, &entry));
  g_test_assert_expected_messages ();

  entry = ymd (2026, 11, 19);
  g_test_expect_message ("au-schedule", G_LOG_LEVEL_CRITICAL, "*check_sleeve*");
  g_assert_false (au_schedule_entry_window (constitution, AU_SLEEVE_MINI, &entry, &window));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/schedule/constitution-values", test_constitution_values);
  g_test_add_func ("/schedule/normal-week", test_normal_week);
  g_test_add_func ("/schedule/thanksgiving-week", test_thanksgiving_week);
  g_test_add_func ("/schedule/monday-holiday-week", test_monday_holiday_week);
  g_test_add_func ("/schedule/good-friday-week", test_good_friday_week);
  g_test_add_func ("/schedule/july-3-2025", test_july_3_2025);
  g_test_add_func ("/schedule/christmas-eve", test_christmas_eve);
  g_test_add_func ("/schedule/closed-week", test_closed_week);
  g_test_add_func ("/schedule/every-week", test_every_week);
  g_test_add_func ("/schedule/constitution-driven", test_constitution_driven);
  g_test_add_func ("/schedule/invalid-arguments", test_invalid_arguments);

  status = g_test_run ();
  g_clear_object (&constitution);
  return status;
}

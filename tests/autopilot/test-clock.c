/* test-clock.c: wall, simulated and stepped clocks; holds, limits, alarms, following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-clock.h"

/* 2026-11-19 10:15:00 -05:00, a Thursday inside Gen-Acc's entry window. */
#define THURSDAY_1015_ET G_GINT64_CONSTANT (1795101300000000)

static void
test_stepped (void)
{
  g_autoptr(AuClock) clock = au_clock_new_stepped (THURSDAY_1015_ET);
  g_autofree char *text = au_clock_format_now (clock);

  g_assert_cmpstr (text, ==, "2026-11-19T10:15:00-05:00");
  g_assert_cmpint (au_clock_get_now (clock), ==, THURSDAY_1015_ET);
  g_usleep (2000);
  g_assert_cmpint (au_clock_get_now (clock), ==, THURSDAY_1015_ET); /* never moves by itself */
  g_assert_cmpint (au_clock_real_delay_until (clock, THURSDAY_1015_ET + (gint64) 3600 * G_USEC_PER_SEC), ==, 0);

  g_assert_true (au_clock_advance_to (clock, THURSDAY_1015_ET + (gint64) 300 * G_USEC_PER_SEC));
  g_assert_cmpint (au_clock_get_now (clock), ==, THURSDAY_1015_ET + (gint64) 300 * G_USEC_PER_SEC);
  /* Never backwards: the audit trail's times only grow. */
  g_assert_false (au_clock_advance_to (clock, THURSDAY_1015_ET));
  g_assert_cmpint (au_clock_get_now (clock), ==, THURSDAY_1015_ET + (gint64) 300 * G_USEC_PER_SEC);
}

static void
test_simulated (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 3600.0);
  gint64 before, after, delay;

  before = au_clock_get_now (clock);
  g_usleep (20000); /* 20 ms real = 72 s simulated */
  after = au_clock_get_now (clock);
  g_assert_cmpint (after - before, >=, (gint64) 72 * G_USEC_PER_SEC);
  g_assert_cmpint (after - before, <, (gint64) 3600 * G_USEC_PER_SEC); /* generous: a loaded machine */

  /* An hour ahead is a second of real time at 3600×. */
  delay = au_clock_real_delay_until (clock, au_clock_get_now (clock) + (gint64) 3600 * G_USEC_PER_SEC);
  g_assert_cmpint (delay, <=, G_USEC_PER_SEC);
  g_assert_cmpint (delay, >, G_USEC_PER_SEC / 2);

  /* A new speed keeps the time continuous. */
  before = au_clock_get_now (clock);
  au_clock_set_speed (clock, 1.0);
  after = au_clock_get_now (clock);
  g_assert_cmpint (after - before, <, (gint64) 60 * G_USEC_PER_SEC);
  g_assert_cmpfloat (au_clock_get_speed (clock), ==, 1.0);
}

static void
test_wall_rebase (void)
{
  g_autoptr(AuClock) clock = au_clock_new_wall ();
  gint64 real = g_get_real_time ();

  g_assert_cmpint (ABS (au_clock_get_now (clock) - real), <, G_USEC_PER_SEC);

  /* The gateway's CURRENT_TIME wins over the machine's clock (D4). */
  au_clock_rebase (clock, THURSDAY_1015_ET);
  g_assert_cmpint (au_clock_get_now (clock) - THURSDAY_1015_ET, <, G_USEC_PER_SEC);
  g_assert_cmpint (au_clock_get_now (clock), >=, THURSDAY_1015_ET);
}

#define MINUTE_USEC ((gint64) 60 * G_USEC_PER_SEC)
#define HOUR_USEC   ((gint64) 3600 * G_USEC_PER_SEC)

/* A held simulated clock stands still, however long the market takes to
 * answer; released, it runs on from there without a jump. */
static void
test_hold (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 100000.0);
  gint64 held, after;

  au_clock_hold (clock);
  g_assert_cmpuint (au_clock_get_holds (clock), ==, 1);
  held = au_clock_get_now (clock);
  g_assert_cmpint (held, >=, THURSDAY_1015_ET);
  g_usleep (20000);   /* 20 ms real = 33 min at 100,000x, were it running */
  g_assert_cmpint (au_clock_get_now (clock), ==, held);

  /* Holds nest: the inner release does not start it. */
  au_clock_hold (clock);
  au_clock_release (clock);
  g_assert_cmpuint (au_clock_get_holds (clock), ==, 1);
  g_usleep (5000);
  g_assert_cmpint (au_clock_get_now (clock), ==, held);

  /* A timer armed on a held clock fires no sooner than 1 ms and re-arms:
   * five minutes ahead at 100,000x is 3 ms. */
  g_assert_cmpint (au_clock_real_delay_until (clock, held + 5 * MINUTE_USEC), ==, 3000);
  g_assert_cmpint (au_clock_real_delay_until (clock, held + 1), ==, 1000);
  g_assert_cmpint (au_clock_real_delay_until (clock, held), ==, 0);

  /* A new speed while held keeps the time. */
  au_clock_set_speed (clock, 3600.0);
  g_assert_cmpint (au_clock_get_now (clock), ==, held);

  au_clock_release (clock);
  g_assert_cmpuint (au_clock_get_holds (clock), ==, 0);
  after = au_clock_get_now (clock);
  /* The 25 ms spent held never reach it: at 3600x it ran at most seconds. */
  g_assert_cmpint (after, >=, held);
  g_assert_cmpint (after - held, <, MINUTE_USEC);
  g_usleep (20000);   /* 20 ms real = 72 s at 3600x */
  g_assert_cmpint (au_clock_get_now (clock) - held, >=, 72 * G_USEC_PER_SEC);
}

/* Stepped and wall clocks are unaffected by a hold. */
static void
test_hold_other_kinds (void)
{
  g_autoptr(AuClock) stepped = au_clock_new_stepped (THURSDAY_1015_ET);
  g_autoptr(AuClock) wall = au_clock_new_wall ();
  gint64 before;

  au_clock_hold (stepped);
  g_assert_true (au_clock_advance_to (stepped, THURSDAY_1015_ET + 5 * MINUTE_USEC));
  g_assert_cmpint (au_clock_get_now (stepped), ==, THURSDAY_1015_ET + 5 * MINUTE_USEC);
  g_assert_cmpint (au_clock_real_delay_until (stepped, THURSDAY_1015_ET + HOUR_USEC), ==, 0);
  au_clock_release (stepped);

  au_clock_hold (wall);
  before = au_clock_get_now (wall);
  g_usleep (10000);
  g_assert_cmpint (au_clock_get_now (wall) - before, >=, 10000);
  au_clock_release (wall);
}

/* The run's end time: the clock stops exactly there, whatever the delay
 * of the timer that notices it (D4's --until). */
static void
test_limit (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 100000.0);
  gint64 limit = THURSDAY_1015_ET + 10 * HOUR_USEC;   /* 360 ms away */
  gint64 now;

  au_clock_set_limit (clock, limit);
  g_assert_cmpint (au_clock_get_limit (clock), ==, limit);
  g_assert_cmpint (au_clock_get_now (clock), <, limit);   /* inside: it runs */
  g_usleep (400000);   /* 400 ms = 11 h at 100,000x: past it */
  g_assert_cmpint (au_clock_get_now (clock), ==, limit);  /* on it, not a µs beyond */
  g_usleep (10000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit);
  /* Beyond the limit it never gets: a timer re-arms, never at 0 ms. */
  g_assert_cmpint (au_clock_real_delay_until (clock, limit + MINUTE_USEC), >=, 1000);
  g_assert_cmpint (au_clock_real_delay_until (clock, limit), ==, 0);

  /* A later limit: it runs on from the old one, not from where it would
   * have been; just outside the new limit it does not get. */
  au_clock_set_limit (clock, limit + 10 * HOUR_USEC);
  now = au_clock_get_now (clock);
  g_assert_cmpint (now, >=, limit);
  g_assert_cmpint (now, <, limit + 10 * HOUR_USEC);
  g_usleep (400000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit + 10 * HOUR_USEC);

  /* A limit before the time: the clock stops where it is, never back. */
  au_clock_set_limit (clock, THURSDAY_1015_ET);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit + 10 * HOUR_USEC);
  g_usleep (5000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit + 10 * HOUR_USEC);

  /* No limit: it runs again. */
  au_clock_set_limit (clock, 0);
  g_usleep (5000);
  g_assert_cmpint (au_clock_get_now (clock), >, limit + 10 * HOUR_USEC);
}

/* A hold and a limit together: the clock held below the limit stays. */
static void
test_hold_under_limit (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 100000.0);
  gint64 limit = THURSDAY_1015_ET + 10 * HOUR_USEC;   /* 360 ms away */
  gint64 held;

  au_clock_set_limit (clock, limit);
  au_clock_hold (clock);
  held = au_clock_get_now (clock);
  g_assert_cmpint (held, <, limit);
  g_usleep (400000);   /* would be 11 h, past the limit */
  g_assert_cmpint (au_clock_get_now (clock), ==, held);
  au_clock_release (clock);
  g_usleep (400000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit);
}

/* An alarm: the clock stops at the next scheduled action, exactly there
 * however late the timer that notices it, and runs on from there when
 * the alarm moves, the real time it stood still never reaching it. */
static void
test_alarm (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 100000.0);
  gint64 alarm = THURSDAY_1015_ET + 10 * HOUR_USEC;   /* 360 ms away */
  gint64 now;

  au_clock_set_alarm (clock, alarm);
  g_assert_cmpint (au_clock_get_alarm (clock), ==, alarm);
  g_assert_cmpint (au_clock_get_now (clock), <, alarm);   /* inside: it runs */
  /* A timer armed for the alarm waits the time it takes to get there:
   * 10 h at 100,000x is 360 ms. */
  g_assert_cmpint (au_clock_real_delay_until (clock, alarm), >, 0);
  g_assert_cmpint (au_clock_real_delay_until (clock, alarm), <=, 360000);
  g_usleep (400000);   /* 400 ms = 11 h at 100,000x: past it */
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm);  /* on it, not a µs beyond */
  g_usleep (20000);    /* a timer 20 ms late: 33 min, were it running */
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm);
  g_assert_cmpint (au_clock_real_delay_until (clock, alarm), ==, 0);
  /* Beyond the alarm: a timer re-arms, never at 0 ms. */
  g_assert_cmpint (au_clock_real_delay_until (clock, alarm + 1), ==, 1000);

  /* The next action five minutes on: from the alarm, no jump, and it
   * stops there too (5 min at 100,000x: 3 ms). */
  au_clock_set_alarm (clock, alarm + 5 * MINUTE_USEC);
  now = au_clock_get_now (clock);
  g_assert_cmpint (now, >=, alarm);
  g_assert_cmpint (now, <, alarm + 5 * MINUTE_USEC);
  g_usleep (20000);
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm + 5 * MINUTE_USEC);

  /* An alarm already past stops the clock where it stands, never back. */
  au_clock_set_alarm (clock, THURSDAY_1015_ET);
  g_usleep (5000);
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm + 5 * MINUTE_USEC);

  /* No alarm: it runs on. */
  au_clock_set_alarm (clock, 0);
  g_assert_cmpint (au_clock_get_alarm (clock), ==, 0);
  g_usleep (5000);
  g_assert_cmpint (au_clock_get_now (clock), >, alarm + 5 * MINUTE_USEC);
}

/* Alarm and limit: the earlier stops the clock; the engine's end time
 * wins over an action after it (D4's --until). */
static void
test_alarm_and_limit (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 100000.0);
  gint64 limit = THURSDAY_1015_ET + 5 * HOUR_USEC;   /* 180 ms away */

  /* The action after the end time: the clock stops at the end time. */
  au_clock_set_limit (clock, limit);
  au_clock_set_alarm (clock, limit + MINUTE_USEC);
  g_usleep (250000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit);
  g_assert_cmpint (au_clock_real_delay_until (clock, limit + MINUTE_USEC), >=, 1000);

  /* A later end time, the action before it: stops at the action, a
   * minute on; then, the alarm cleared, at the end time. */
  au_clock_set_limit (clock, limit + HOUR_USEC);   /* 36 ms from the old one */
  g_usleep (60000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit + MINUTE_USEC);
  au_clock_set_alarm (clock, 0);
  g_usleep (60000);
  g_assert_cmpint (au_clock_get_now (clock), ==, limit + HOUR_USEC);
}

/* A hold and an alarm: the market's answers (a hold) keep the clock at
 * the action's minute after the alarm has moved on; released, it runs to
 * the next alarm. */
static void
test_hold_at_alarm (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 100000.0);
  gint64 alarm = THURSDAY_1015_ET + MINUTE_USEC;   /* 0.6 ms away */

  au_clock_set_alarm (clock, alarm);
  g_usleep (5000);
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm);
  au_clock_hold (clock);
  au_clock_set_alarm (clock, alarm + 5 * MINUTE_USEC);
  g_usleep (20000);
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm);   /* held */
  au_clock_release (clock);
  g_usleep (20000);
  g_assert_cmpint (au_clock_get_now (clock), ==, alarm + 5 * MINUTE_USEC);
}

/* Only a simulated clock heeds an alarm: a stepped one moves where it
 * is told, a wall one keeps the machine's time. */
static void
test_alarm_other_kinds (void)
{
  g_autoptr(AuClock) stepped = au_clock_new_stepped (THURSDAY_1015_ET);
  g_autoptr(AuClock) wall = au_clock_new_wall ();
  gint64 before;

  au_clock_set_alarm (stepped, THURSDAY_1015_ET + MINUTE_USEC);
  g_assert_cmpint (au_clock_get_alarm (stepped), ==, 0);
  g_assert_true (au_clock_advance_to (stepped, THURSDAY_1015_ET + HOUR_USEC));
  g_assert_cmpint (au_clock_get_now (stepped), ==, THURSDAY_1015_ET + HOUR_USEC);

  before = au_clock_get_now (wall);
  au_clock_set_alarm (wall, before);
  g_usleep (10000);
  g_assert_cmpint (au_clock_get_now (wall) - before, >=, 10000);
}

/* D4 with IB: the clock follows the gateway's time and pace, catching up
 * when behind, slowing down (never going back) when ahead. */
static void
test_follow (void)
{
  g_autoptr(AuClock) clock = au_clock_new_simulated (THURSDAY_1015_ET, 1.0);
  gint64 gateway = THURSDAY_1015_ET + 10 * MINUTE_USEC;
  gint64 now;

  /* Behind: it takes the gateway's time and its pace of 600x. */
  au_clock_follow (clock, gateway, 600.0, 250000);
  g_assert_cmpfloat (au_clock_get_speed (clock), ==, 600.0);
  now = au_clock_get_now (clock);
  g_assert_cmpint (now, >=, gateway);
  g_assert_cmpint (now - gateway, <, MINUTE_USEC);

  /* Ahead by 60 s: no step back; 60 s to lose over 250 ms of real time
   * at 600x (150 s) leaves 360x. */
  now = au_clock_get_now (clock);
  au_clock_follow (clock, now - MINUTE_USEC, 600.0, 250000);
  g_assert_cmpint (au_clock_get_now (clock), >=, now);
  g_assert_cmpfloat_with_epsilon (au_clock_get_speed (clock), 360.0, 10.0);

  /* Far ahead: never below a tenth of the pace. */
  au_clock_follow (clock, au_clock_get_now (clock) - 10 * HOUR_USEC, 600.0, 250000);
  g_assert_cmpfloat (au_clock_get_speed (clock), ==, 60.0);

  /* Never past its limit, even when the gateway is. */
  au_clock_set_limit (clock, au_clock_get_now (clock) + MINUTE_USEC);
  au_clock_follow (clock, au_clock_get_limit (clock) + HOUR_USEC, 600.0, 250000);
  g_assert_cmpint (au_clock_get_now (clock), ==, au_clock_get_limit (clock));
}

static void
test_dst (void)
{
  /* 2026-07-01 14:00:00Z is 10:00 EDT (-04:00). */
  g_autoptr(AuClock) clock = au_clock_new_stepped (G_GINT64_CONSTANT (1782914400000000));
  g_autofree char *text = au_clock_format_now (clock);

  g_assert_cmpstr (text, ==, "2026-07-01T10:00:00-04:00");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Clock/stepped", test_stepped);
  g_test_add_func ("/Clock/simulated", test_simulated);
  g_test_add_func ("/Clock/wall-rebase", test_wall_rebase);
  g_test_add_func ("/Clock/daylight-saving", test_dst);
  g_test_add_func ("/Clock/hold", test_hold);
  g_test_add_func ("/Clock/hold-other-kinds", test_hold_other_kinds);
  g_test_add_func ("/Clock/limit", test_limit);
  g_test_add_func ("/Clock/hold-under-limit", test_hold_under_limit);
  g_test_add_func ("/Clock/follow", test_follow);
  g_test_add_func ("/Clock/alarm", test_alarm);
  g_test_add_func ("/Clock/alarm-and-limit", test_alarm_and_limit);
  g_test_add_func ("/Clock/hold-at-alarm", test_hold_at_alarm);
  g_test_add_func ("/Clock/alarm-other-kinds", test_alarm_other_kinds);
  return g_test_run ();
}

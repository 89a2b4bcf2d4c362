/* test-clock.c: wall, simulated and stepped clocks
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
  return g_test_run ();
}

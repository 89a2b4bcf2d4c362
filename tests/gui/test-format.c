/* test-format.c: how the window writes times, amounts and prices
 *
 * Every page shows times in New York, as the CLI does (D2.14, D2.17),
 * whatever offset a time was stored with: the ledger and the audit
 * trail store UTC ("…Z"), the engine's events New York time ("…-05:00").
 * No display is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-format.h"

static void
assert_time (const char *stored,
             const char *shown)
{
  g_autofree char *text = au_format_time (stored);

  g_assert_cmpstr (text, ==, shown);
}

static void
test_time (void)
{
  /* Winter, EST (UTC−5): the Thursday 09:45 window. */
  assert_time ("2026-11-19T14:45:00Z", "2026-11-19 09:45 ET");
  /* The same instant stored in New York time reads the same. */
  assert_time ("2026-11-19T09:45:00-05:00", "2026-11-19 09:45 ET");
  /* Summer, EDT (UTC−4). */
  assert_time ("2026-06-01T15:00:00Z", "2026-06-01 11:00 ET");
  /* Either side of the 2026 change to summer time (Sunday 8 March,
   * 02:00 EST = 07:00 UTC). */
  assert_time ("2026-03-08T06:59:00Z", "2026-03-08 01:59 ET");
  assert_time ("2026-03-08T07:00:00Z", "2026-03-08 03:00 ET");
  /* Friday's 16:30 ET weekly cut is Saturday in UTC, and a UTC midnight
   * is still the evening before in New York. */
  assert_time ("2026-01-10T00:00:00Z", "2026-01-09 19:00 ET");
  /* Unreadable: shown as stored, nothing hidden. */
  assert_time ("next Thursday", "next Thursday");
  assert_time ("", "");
}

static void
test_time_usec (void)
{
  g_autofree char *cut = au_format_time_usec (G_GINT64_CONSTANT (1767994200) * G_USEC_PER_SEC);
  g_autofree char *iso = au_format_time ("2026-01-09T21:30:00Z");

  /* Friday 2026-01-09 16:30 ET, the first weekly cut of 2026 (R1.2). */
  g_assert_cmpstr (cut, ==, "2026-01-09 16:30 ET");
  /* One formatter: the same instant reads the same either way. */
  g_assert_cmpstr (cut, ==, iso);
}

static void
test_money (void)
{
  g_autofree char *capital = au_format_dollars (G_GINT64_CONSTANT (30000000));
  g_autofree char *loss = au_format_dollars (-G_GINT64_CONSTANT (25000000));
  g_autofree char *cent = au_format_dollars (1);
  g_autofree char *strike = au_format_price (2000000);
  g_autofree char *limit = au_format_price (12345);
  g_autofree char *debit = au_format_price (-12345);

  /* The default capital of a new portfolio. */
  g_assert_cmpstr (capital, ==, "$300,000.00");
  g_assert_cmpstr (loss, ==, "−$250,000.00");
  g_assert_cmpstr (cent, ==, "$0.01");
  /* A price with no finer digits shows cents; a limit shows all four. */
  g_assert_cmpstr (strike, ==, "$200.00");
  g_assert_cmpstr (limit, ==, "$1.2345");
  g_assert_cmpstr (debit, ==, "−$1.2345");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/format/time", test_time);
  g_test_add_func ("/gui/format/time-usec", test_time_usec);
  g_test_add_func ("/gui/format/money", test_money);

  return g_test_run ();
}

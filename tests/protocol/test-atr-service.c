/* test-atr-service.c: the daily ATR(5), its stale and missing fallbacks
 * (R6.8, D2.13, D2.7, R8.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-atr-service.h"
#include "au-daily-bar.h"
#include "protocol-test-util.h"

static void
add_bar (GArray     *bars,
         int         month,
         int         day,
         const char *high,
         const char *low,
         const char *close)
{
  AuDailyBar bar = { 0 };

  bar.date = ymd (2026, month, day);
  bar.open = P (close);
  bar.high = P (high);
  bar.low = P (low);
  bar.close = P (close);
  bar.volume = 1000000;
  g_array_append_val (bars, bar);
}

/* Six sessions before Friday 2026-11-20 whose five true ranges are 3, 5
 * (a gap up: |H − Cprev|), 4, 6 (a gap down: |L − Cprev|) and 2: their
 * simple mean is 4.00 (Wilder's would differ). Today's own bar, already
 * in the array with a huge range, must not count at 09:30. */
static GArray *
sample_bars (void)
{
  GArray *bars = au_daily_bars_new ();

  add_bar (bars, 11, 12, "101", "99", "100");
  add_bar (bars, 11, 13, "102", "99", "101");   /* TR 3 */
  add_bar (bars, 11, 16, "106", "104", "105");  /* TR max(2, 5, 3) = 5 */
  add_bar (bars, 11, 17, "107", "103", "104");  /* TR 4 */
  add_bar (bars, 11, 18, "100", "98", "99");    /* TR max(2, 4, 6) = 6 */
  add_bar (bars, 11, 19, "100", "98", "99");    /* TR 2 */
  add_bar (bars, 11, 20, "150", "50", "99");    /* today: not yet a finished session */
  return bars;
}

static void
test_computed (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuAtrService) service = au_atr_service_new (c);
  g_autoptr(GArray) bars = sample_bars ();
  g_autoptr(GError) error = NULL;
  GDate today = ymd (2026, 11, 20);
  AuAtrValue value;

  g_assert_true (au_atr_service_compute (service, "nvda", &today, bars, &error));
  g_assert_no_error (error);

  /* At atr_time (09:30) today's value is the one. */
  g_assert_true (au_atr_service_lookup (service, "NVDA", &today, 9 * 60 + 30, P ("99"),
                                        &value, &error));
  g_assert_cmpint (value.atr, ==, P ("4.00"));
  g_assert_cmpint (value.provenance, ==, AU_ATR_PROVENANCE_COMPUTED);
  g_assert_false (value.flagged);
  g_assert_cmpint (g_date_compare (&value.computed_on, &today), ==, 0);
  g_assert_cmpstr (value.why.rule, ==, "D2.13");
  g_assert_cmpstr (au_atr_provenance_to_string (value.provenance), ==, "computed");

  /* The next morning before 09:30 it is still the current value. */
  today = ymd (2026, 11, 23);  /* Monday: the last trading day was Friday */
  g_assert_true (au_atr_service_lookup (service, "NVDA", &today, 9 * 60 + 29, P ("99"),
                                        &value, &error));
  g_assert_cmpint (value.provenance, ==, AU_ATR_PROVENANCE_COMPUTED);
  g_assert_cmpint (value.atr, ==, P ("4.00"));
}

static void
test_stale (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuAtrService) service = au_atr_service_new (c);
  g_autoptr(GArray) bars = sample_bars ();
  g_autoptr(GArray) short_bars = au_daily_bars_new ();
  g_autoptr(GError) error = NULL;
  GDate thursday = ymd (2026, 11, 19);
  GDate friday = ymd (2026, 11, 20);
  GDate monday = ymd (2026, 11, 23);
  AuAtrValue value;

  /* Thursday's computation has only the five sessions up to Wednesday. */
  g_assert_false (au_atr_service_compute (service, "TSLA", &thursday, bars, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "bars"));  /* 5 sessions, 6 needed */
  g_clear_error (&error);

  g_assert_true (au_atr_service_compute (service, "TSLA", &friday, bars, &error));
  g_assert_no_error (error);

  /* Monday's computation fails: Friday's × 1.1 = 4.40, flagged (D2.7). */
  add_bar (short_bars, 11, 20, "100", "98", "99");
  g_assert_false (au_atr_service_compute (service, "TSLA", &monday, short_bars, &error));
  g_assert_nonnull (strstr (error->message, "needs 6"));
  g_clear_error (&error);
  g_assert_true (au_atr_service_lookup (service, "TSLA", &monday, 10 * 60, P ("99"), &value,
                                        &error));
  g_assert_cmpint (value.provenance, ==, AU_ATR_PROVENANCE_STALE);
  g_assert_cmpint (value.atr, ==, P ("4.40"));
  g_assert_true (value.flagged);
  g_assert_cmpstr (value.why.rule, ==, "D2.7");
  g_assert_nonnull (strstr (value.why.reason, "failed"));
  g_assert_cmpint (g_date_compare (&value.computed_on, &friday), ==, 0);

  /* Tuesday with no success since Friday: older than yesterday's, so the
   * R8.6 fallback, 2% of spot. */
  monday = ymd (2026, 11, 24);
  g_assert_true (au_atr_service_lookup (service, "TSLA", &monday, 10 * 60, P ("250"), &value,
                                        &error));
  g_assert_cmpint (value.provenance, ==, AU_ATR_PROVENANCE_FALLBACK);
  g_assert_cmpint (value.atr, ==, P ("5.00"));
}

static void
test_missing (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuAtrService) service = au_atr_service_new (c);
  g_autoptr(GError) error = NULL;
  GDate today = ymd (2026, 11, 20);
  AuAtrValue value;

  /* R8.6 with D2's note: 2% of spot, not of the strike: 2% × 200 = 4.00. */
  g_assert_true (au_atr_service_lookup (service, "AAPL", &today, 10 * 60, P ("200"), &value,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpint (value.atr, ==, P ("4.00"));
  g_assert_cmpint (value.provenance, ==, AU_ATR_PROVENANCE_FALLBACK);
  g_assert_true (value.flagged);
  g_assert_false (g_date_valid (&value.computed_on));
  g_assert_cmpstr (value.why.rule, ==, "R8.6");
  g_assert_true (g_str_has_prefix (value.why.reason, "warning"));

  g_assert_false (au_atr_service_lookup (service, "AAPL", &today, 10 * 60, 0, &value, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "spot"));
}

static void
test_bad_bars (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuAtrService) service = au_atr_service_new (c);
  g_autoptr(GArray) bars = sample_bars ();
  g_autoptr(GError) error = NULL;
  GDate today = ymd (2026, 11, 20);
  AuAtrValue value;

  /* A low above its high names the bar; nothing is kept. */
  g_array_index (bars, AuDailyBar, 3).low = P ("108");
  g_assert_false (au_atr_service_compute (service, "MSFT", &today, bars, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "bars[3]"));
  g_assert_nonnull (strstr (error->message, "2026-11-17"));
  g_clear_error (&error);
  g_assert_true (au_atr_service_lookup (service, "MSFT", &today, 10 * 60, P ("400"), &value,
                                        &error));
  g_assert_cmpint (value.provenance, ==, AU_ATR_PROVENANCE_FALLBACK);
  g_assert_cmpint (value.atr, ==, P ("8.00"));

  /* Bars out of order. */
  g_array_index (bars, AuDailyBar, 3).low = P ("103");
  g_array_index (bars, AuDailyBar, 4).date = ymd (2026, 11, 16);
  g_assert_false (au_atr_service_compute (service, "MSFT", &today, bars, &error));
  g_assert_true (g_str_has_prefix (error->message, "bars[4]"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Protocol/Atr/computed", test_computed);
  g_test_add_func ("/Protocol/Atr/stale", test_stale);
  g_test_add_func ("/Protocol/Atr/missing", test_missing);
  g_test_add_func ("/Protocol/Atr/bad-bars", test_bad_bars);
  return g_test_run ();
}

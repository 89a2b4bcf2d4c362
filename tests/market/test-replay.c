/* test-replay.c: a symbol following imported daily bars (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-bars-csv.h"
#include "au-market-calendar.h"
#include "au-market-error.h"
#include "au-replay-path.h"
#include "market-test-util.h"

/* A CSV of every NYSE session from @from to @to (inclusive) with a
 * deterministic zigzag around @level, through the real parser. */
static GArray *
make_bars (GDate        from,
           const GDate *to,
           double       level)
{
  g_autoptr(GString) csv = g_string_new ("Date,Open,High,Low,Close,Adj Close,Volume\n");
  g_autoptr(GError) error = NULL;
  GArray *bars;
  guint k = 0;

  for (; g_date_compare (&from, to) <= 0; g_date_add_days (&from, 1))
    {
      double open, close, high, low;

      if (!au_nyse_is_trading_day (&from))
        continue;
      open = level + (k % 7) * 0.85;
      close = level + ((k * 3) % 11) * 0.6;
      high = MAX (open, close) + 1.25 + (k % 3) * 0.5;
      low = MIN (open, close) - 0.75 - (k % 4) * 0.25;
      g_string_append_printf (csv, "%04u-%02u-%02u,%.2f,%.2f,%.2f,%.2f,%.2f,%u\n",
                              g_date_get_year (&from), g_date_get_month (&from),
                              g_date_get_day (&from),
                              open, high, low, close, close, 1000000 + k);
      k++;
    }
  bars = au_bars_csv_parse (csv->str, csv->len, &error);
  g_assert_no_error (error);
  return bars;
}

static void
test_path_through_bar (void)
{
  AuDailyBar up = { .open = 1000000, .high = 1050000, .low = 980000, .close = 1030000 };
  AuDailyBar down = { .open = 1000000, .high = 1010000, .low = 950000, .close = 960000 };
  guint k;

  g_assert_cmpfloat (au_replay_path_price (&up, 0, 78), ==, 100.0);
  g_assert_cmpfloat (au_replay_path_price (&up, 26, 78), ==, 98.0);
  g_assert_cmpfloat (au_replay_path_price (&up, 52, 78), ==, 105.0);
  g_assert_cmpfloat (au_replay_path_price (&up, 78, 78), ==, 103.0);
  g_assert_cmpfloat (au_replay_path_price (&up, 13, 78), ==, 99.0);
  g_assert_cmpfloat (au_replay_path_price (&down, 14, 42), ==, 101.0);
  g_assert_cmpfloat (au_replay_path_price (&down, 28, 42), ==, 95.0);
  g_assert_cmpfloat (au_replay_path_price (&down, 42, 42), ==, 96.0);
  for (k = 0; k <= 78; k++)
    {
      double p = au_replay_path_price (&down, k, 78);

      g_assert_cmpfloat (p, >=, 95.0);
      g_assert_cmpfloat (p, <=, 101.0);
    }
}

/* AAPL follows the imported bars day by day through a holiday
 * (Juneteenth), the July 3 early close and Independence Day: its
 * opens, closes and bars are the imported ones, every step inside the
 * day's range; MSFT's path is the one it has without the replay. */
static void
test_follows_closes (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (7, 2024, 6, 3);
  g_autoptr(AuMarketSim) plain = new_sim (7, 2024, 6, 3);
  GDate from = ymd (2024, 5, 1), to = ymd (2024, 7, 31);
  g_autoptr(GArray) imported = make_bars (from, &to, 180.0);
  g_autoptr(GError) error = NULL;
  GArray *bars, *msft, *msft_plain;
  guint sessions = 0, first;

  g_assert_true (au_market_sim_replay (sim, "AAPL", imported, &error));
  g_assert_no_error (error);
  g_assert_true (au_market_sim_is_replayed (sim, "AAPL"));
  g_assert_false (au_market_sim_is_replayed (sim, "MSFT"));
  bars = au_market_sim_get_bars (sim, "AAPL");
  first = bars->len;

  while (sessions < 40)
    {
      GDate date;
      int minute;
      double price;
      const AuDailyBar *bar;

      g_assert_true (au_market_sim_step (sim, &error));
      g_assert_no_error (error);
      g_assert_true (au_market_sim_step (plain, NULL));
      au_market_sim_get_clock (sim, &date, &minute);
      bar = au_daily_bars_find (imported, &date);
      g_assert_nonnull (bar);
      g_assert_true (au_market_sim_get_price (sim, "AAPL", &price));
      g_assert_cmpfloat (price, >=, bar->low / 1e4 - 1e-9);
      g_assert_cmpfloat (price, <=, bar->high / 1e4 + 1e-9);
      if (minute == 9 * 60 + 30)
        g_assert_cmpfloat (fabs (price - bar->open / 1e4), <, 1e-9);
      if (au_market_sim_is_at_close (sim))
        {
          const AuDailyBar *last = &g_array_index (bars, AuDailyBar, bars->len - 1);

          g_assert_cmpfloat (fabs (price - bar->close / 1e4), <, 1e-9);
          g_assert_true (memcmp (last, bar, sizeof *bar) == 0);
          sessions++;
        }
    }
  g_assert_cmpuint (bars->len - first, ==, 40);

  msft = au_market_sim_get_bars (sim, "MSFT");
  msft_plain = au_market_sim_get_bars (plain, "MSFT");
  g_assert_cmpuint (msft->len, ==, msft_plain->len);
  g_assert_true (memcmp (msft->data, msft_plain->data, msft->len * sizeof (AuDailyBar)) == 0);
}

/* Bars that end: the step into the missing session fails naming the
 * symbol and the date, and changes nothing. */
static void
test_missing_session (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (7, 2024, 1, 29);
  GDate from = ymd (2024, 1, 2), to = ymd (2024, 1, 31);
  g_autoptr(GArray) imported = make_bars (from, &to, 50.0);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GDate date, expected = ymd (2024, 1, 31);
  int minute;

  g_assert_true (au_market_sim_replay (sim, "IWM", imported, &error));
  g_assert_true (au_market_sim_run_sessions (sim, 3, &error));
  g_assert_no_error (error);
  before = au_market_sim_checksum (sim);
  g_assert_false (au_market_sim_step (sim, &error));
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_REPLAY);
  g_assert_nonnull (strstr (error->message, "IWM"));
  g_assert_nonnull (strstr (error->message, "2024-02-01"));
  after = au_market_sim_checksum (sim);
  g_assert_cmpstr (before, ==, after);
  au_market_sim_get_clock (sim, &date, &minute);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
  g_assert_cmpint (minute, ==, 16 * 60);
}

/* Bars that do not cover today, an unknown symbol: refused, nothing
 * replayed. */
static void
test_refused (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (7, 2024, 3, 4);
  GDate from = ymd (2024, 1, 2), to = ymd (2024, 1, 31);
  g_autoptr(GArray) imported = make_bars (from, &to, 50.0);
  g_autoptr(GError) error = NULL;

  g_assert_false (au_market_sim_replay (sim, "AAPL", imported, &error));
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_REPLAY);
  g_assert_nonnull (strstr (error->message, "2024-03-04"));
  g_assert_false (au_market_sim_is_replayed (sim, "AAPL"));
  g_clear_error (&error);
  g_assert_false (au_market_sim_replay (sim, "XYZ", imported, &error));
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_UNKNOWN_SYMBOL);
}

/* A replayed VIX is the market's VIX and drives the others' vol: the
 * 30-day implied of SPX under an imported VIX of ~40 is far above the one
 * under ~13. */
static void
test_replayed_vix (void)
{
  g_autoptr(AuMarketSim) calm = new_sim (7, 2024, 6, 3);
  g_autoptr(AuMarketSim) stress = new_sim (7, 2024, 6, 3);
  GDate from = ymd (2024, 6, 3), to = ymd (2024, 6, 28);
  g_autoptr(GArray) low = make_bars (from, &to, 12.0);
  g_autoptr(GArray) high = make_bars (from, &to, 38.0);
  g_autoptr(GError) error = NULL;
  const AuDailyBar *last;
  double iv_calm, iv_stress;

  g_assert_true (au_market_sim_replay (calm, "VIX", low, &error));
  g_assert_true (au_market_sim_replay (stress, "VIX", high, &error));
  g_assert_no_error (error);
  g_assert_true (au_market_sim_run_sessions (calm, 10, &error));
  g_assert_true (au_market_sim_run_sessions (stress, 10, &error));
  last = &g_array_index (au_market_sim_get_bars (stress, "VIX"), AuDailyBar,
                         au_market_sim_get_bars (stress, "VIX")->len - 1);
  g_assert_cmpfloat (fabs (au_market_sim_get_vix (stress) - last->close / 1e4), <, 1e-9);
  iv_calm = au_market_sim_get_implied_vol (calm, "SPX", 30);
  iv_stress = au_market_sim_get_implied_vol (stress, "SPX", 30);
  g_test_message ("SPX 30-day implied: VIX ~13 %.3f, VIX ~40 %.3f", iv_calm, iv_stress);
  g_assert_cmpfloat (iv_stress, >, 1.8 * iv_calm);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/market/replay/path-through-bar", test_path_through_bar);
  g_test_add_func ("/market/replay/follows-closes", test_follows_closes);
  g_test_add_func ("/market/replay/missing-session", test_missing_session);
  g_test_add_func ("/market/replay/refused", test_refused);
  g_test_add_func ("/market/replay/replayed-vix", test_replayed_vix);

  return g_test_run ();
}

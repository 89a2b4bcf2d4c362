/* test-market-sim.c: the paper market's clock, bars, determinism and earnings (D3, D2.28)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-market-calendar.h"
#include "au-market-error.h"
#include "au-market-symbol.h"
#include "market-test-util.h"

static void
run_sessions (AuMarketSim *sim,
              guint        n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_market_sim_run_sessions (sim, n, &error));
  g_assert_no_error (error);
}

/* Same seed, same market: step by step, bit for bit, and the same
 * checksum of every bar and chain; another seed, another market. */
static void
test_determinism (void)
{
  g_autoptr(AuMarketSim) a = new_sim (42, 2024, 1, 2);
  g_autoptr(AuMarketSim) b = new_sim (42, 2024, 1, 2);
  g_autoptr(AuMarketSim) c = new_sim (43, 2024, 1, 2);
  g_autoptr(AuOptionChain) chain_a = NULL;
  g_autoptr(AuOptionChain) chain_b = NULL;
  g_autoptr(AuOptionChain) chain_c = NULL;
  g_autofree char *sum_a = NULL, *sum_b = NULL, *sum_c = NULL;
  g_autofree char *chain_sum_a = NULL, *chain_sum_b = NULL, *chain_sum_c = NULL;
  guint i;

  for (i = 0; i < 500; i++)
    {
      double pa, pb;

      g_assert_true (au_market_sim_step (a, NULL));
      g_assert_true (au_market_sim_step (b, NULL));
      g_assert_true (au_market_sim_get_price (a, "TSLA", &pa));
      g_assert_true (au_market_sim_get_price (b, "TSLA", &pb));
      g_assert_true (memcmp (&pa, &pb, sizeof pa) == 0);
    }
  g_assert_true (au_market_sim_step (c, NULL));
  run_sessions (a, 60);
  run_sessions (b, 60);
  while (!au_market_sim_is_at_close (c) || au_market_sim_get_bars (c, "SPX")->len
         < au_market_sim_get_bars (a, "SPX")->len)
    g_assert_true (au_market_sim_step (c, NULL));

  sum_a = au_market_sim_checksum (a);
  sum_b = au_market_sim_checksum (b);
  sum_c = au_market_sim_checksum (c);
  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_cmpstr (sum_a, !=, sum_c);

  chain_a = au_market_sim_get_chain (a, "AAPL", 60, NULL);
  chain_b = au_market_sim_get_chain (b, "AAPL", 60, NULL);
  chain_c = au_market_sim_get_chain (c, "AAPL", 60, NULL);
  chain_sum_a = au_option_chain_checksum (chain_a);
  chain_sum_b = au_option_chain_checksum (chain_b);
  chain_sum_c = au_option_chain_checksum (chain_c);
  g_assert_cmpstr (chain_sum_a, ==, chain_sum_b);
  g_assert_cmpstr (chain_sum_a, !=, chain_sum_c);
  g_assert_cmpuint (au_market_sim_get_seed (a), ==, 42);
}

/* A start on a Saturday opens on Monday at 09:30 after the warm-up. */
static void
test_start_and_warmup (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (1, 2026, 11, 14);
  g_autoptr(GDateTime) time = au_market_sim_dup_time (sim);
  GDate date, expected = ymd (2026, 11, 16);
  GArray *bars;
  int minute;

  au_market_sim_get_clock (sim, &date, &minute);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
  g_assert_cmpint (minute, ==, 9 * 60 + 30);
  g_assert_cmpint (g_date_time_get_hour (time), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (time), ==, 30);
  g_assert_cmpint (g_date_time_get_utc_offset (time) / G_TIME_SPAN_HOUR, ==, -5);

  bars = au_market_sim_get_bars (sim, "AAPL");
  g_assert_cmpuint (bars->len, ==, AU_MARKET_WARMUP_SESSIONS);
  expected = ymd (2026, 11, 13);
  g_assert_cmpint (g_date_compare (&g_array_index (bars, AuDailyBar, bars->len - 1).date,
                                   &expected), ==, 0);
}

static guint
steps_to_close (AuMarketSim *sim)
{
  guint steps = 0;

  while (!au_market_sim_is_at_close (sim))
    {
      g_assert_true (au_market_sim_step (sim, NULL));
      steps++;
    }
  return steps;
}

/* 78 five-minute steps on a full day, 42 to the 13:00 early close of the
 * day after Thanksgiving; Thanksgiving itself has no session. */
static void
test_sessions_follow_calendar (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (5, 2026, 11, 25);
  GDate date, thanksgiving = ymd (2026, 11, 26), friday = ymd (2026, 11, 27);
  GArray *bars;
  int minute;
  guint i;

  g_assert_cmpuint (steps_to_close (sim), ==, 78);
  au_market_sim_get_clock (sim, NULL, &minute);
  g_assert_cmpint (minute, ==, 16 * 60);

  g_assert_true (au_market_sim_step (sim, NULL));
  au_market_sim_get_clock (sim, &date, &minute);
  g_assert_cmpint (g_date_compare (&date, &friday), ==, 0);
  g_assert_cmpint (minute, ==, 9 * 60 + 30);
  g_assert_cmpuint (steps_to_close (sim), ==, 42);
  au_market_sim_get_clock (sim, NULL, &minute);
  g_assert_cmpint (minute, ==, 13 * 60);

  bars = au_market_sim_get_bars (sim, "SPY");
  for (i = 0; i < bars->len; i++)
    {
      const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);

      g_assert_true (au_nyse_is_trading_day (&bar->date));
      g_assert_cmpint (g_date_compare (&bar->date, &thanksgiving), !=, 0);
    }
}

static void
test_advance_to (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (5, 2026, 3, 2);
  g_autoptr(GDateTime) target = g_date_time_new (au_eastern_time_zone (), 2026, 3, 5, 11, 7, 0);
  g_autoptr(GDateTime) weekend = g_date_time_new (au_eastern_time_zone (), 2026, 3, 8, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  GDate date, expected = ymd (2026, 3, 5);
  int minute;

  g_assert_true (au_market_sim_advance_to (sim, target, &error));
  g_assert_no_error (error);
  au_market_sim_get_clock (sim, &date, &minute);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
  g_assert_cmpint (minute, ==, 11 * 60 + 5);

  /* Sunday noon: the clock stops at Friday's close. */
  g_assert_true (au_market_sim_advance_to (sim, weekend, &error));
  au_market_sim_get_clock (sim, &date, &minute);
  expected = ymd (2026, 3, 6);
  g_assert_cmpint (g_date_compare (&date, &expected), ==, 0);
  g_assert_cmpint (minute, ==, 16 * 60);
}

/* Bars on the cent grid, H ≥ max(O, C) ≥ min(O, C) ≥ L > 0, volume for
 * traded symbols; the session bar in progress agrees with the price. */
static void
test_bars_consistent (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (9, 2025, 6, 2);
  const AuSymbolParams *symbols;
  guint n, i, b;

  run_sessions (sim, 120);
  symbols = au_market_symbols (&n);
  for (i = 0; i < n; i++)
    {
      GArray *bars = au_market_sim_get_bars (sim, symbols[i].symbol);

      g_assert_cmpuint (bars->len, ==, AU_MARKET_WARMUP_SESSIONS + 120);
      for (b = 0; b < bars->len; b++)
        {
          const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, b);

          g_assert_cmpint (bar->low, >, 0);
          g_assert_cmpint (bar->high, >=, MAX (bar->open, bar->close));
          g_assert_cmpint (bar->low, <=, MIN (bar->open, bar->close));
          g_assert_cmpint (bar->close % 100, ==, 0);
          if (symbols[i].share_volume > 0)
            g_assert_cmpint (bar->volume, >, 0);
          if (b > 0)
            g_assert_cmpint (g_date_compare (&g_array_index (bars, AuDailyBar, b - 1).date,
                                             &bar->date), <, 0);
        }
    }

  g_assert_true (au_market_sim_step (sim, NULL));
  run_to_minute (sim, 12 * 60);
  {
    AuDailyBar bar;
    AuPrice last;

    g_assert_true (au_market_sim_get_session_bar (sim, "MSFT", &bar));
    g_assert_true (au_market_sim_get_last (sim, "MSFT", &last));
    g_assert_cmpint (bar.close, ==, last);
    g_assert_cmpint (bar.high, >=, last);
    g_assert_cmpint (bar.low, <=, last);
  }
}

static void
test_unknown_symbol (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (1, 2026, 1, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  double price;

  chain = au_market_sim_get_chain (sim, "ZZZZ", 30, &error);
  g_assert_null (chain);
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_UNKNOWN_SYMBOL);
  g_assert_nonnull (strstr (error->message, "ZZZZ"));
  g_assert_false (au_market_sim_get_price (sim, "ZZZZ", &price));
  g_assert_null (au_market_sim_get_bars (sim, "ZZZZ"));
}

static double
correlation (GArray *x,
             GArray *y)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  guint i, n = MIN (x->len, y->len);

  for (i = 0; i < n; i++)
    {
      double a = g_array_index (x, double, i), b = g_array_index (y, double, i);

      sx += a;
      sy += b;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
    }
  return (sxy - sx * sy / n) / sqrt ((sxx - sx * sx / n) * (syy - sy * sy / n));
}

/* GOOG and GOOGL move together, SPY is a tenth of SPX, every stock is
 * positively correlated with the market (one factor), and the earnings
 * dates of the two Alphabet lines are the same. */
static void
test_correlated_moves (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (11, 2024, 1, 2);
  g_autoptr(GArray) goog = NULL, googl = NULL, spx = NULL, spy = NULL;
  const char *stocks[] = { "AAPL", "MSFT", "AMZN", "NVDA", "TSLA", "META", "QQQ", "IWM" };
  double p_spx, p_spy;
  guint i;

  run_sessions (sim, 252);
  goog = daily_returns (sim, "GOOG");
  googl = daily_returns (sim, "GOOGL");
  spx = daily_returns (sim, "SPX");
  spy = daily_returns (sim, "SPY");
  g_assert_cmpfloat (correlation (goog, googl), >, 0.99);
  g_assert_cmpfloat (correlation (spx, spy), >, 0.99);
  g_assert_true (au_market_sim_get_price (sim, "SPX", &p_spx));
  g_assert_true (au_market_sim_get_price (sim, "SPY", &p_spy));
  g_assert_cmpfloat (fabs (p_spy / (p_spx / 10.0) - 1.0), <, 0.03);

  for (i = 0; i < G_N_ELEMENTS (stocks); i++)
    {
      g_autoptr(GArray) r = daily_returns (sim, stocks[i]);
      double rho = correlation (r, spx);

      g_test_message ("%s: correlation with SPX %.2f", stocks[i], rho);
      g_assert_cmpfloat (rho, >, 0.25);
      g_assert_cmpfloat (rho, <, 0.95);
    }
}

/* D2.28: four reports a year for each stock, none for ETFs and indexes
 * (but known), the two Alphabet lines on the same dates, the calendar
 * covering through the end of next year and not beyond. */
static void
test_earnings_calendar (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (3, 2025, 1, 2);
  AuEarningsCalendar *calendar = au_market_sim_get_earnings (sim);
  const char *stocks[] = { "AAPL", "MSFT", "AMZN", "GOOG", "GOOGL", "NVDA", "TSLA", "META" };
  const char *funds[] = { "SPY", "QQQ", "IWM", "SPX", "VIX" };
  GDate from = ymd (2025, 1, 1), to = ymd (2025, 12, 31), end_2026 = ymd (2026, 12, 31);
  GDate beyond = ymd (2027, 1, 1), date, goog_date;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (stocks); i++)
    {
      g_assert_cmpuint (au_earnings_calendar_count (calendar, stocks[i], &from, &to), ==, 4);
      g_assert_true (au_earnings_calendar_covers (calendar, stocks[i], &end_2026));
      g_assert_false (au_earnings_calendar_covers (calendar, stocks[i], &beyond));
      g_assert_true (au_earnings_calendar_next (calendar, stocks[i], &from, &date));
      g_assert_true (au_nyse_is_trading_day (&date));
      g_assert_true (au_earnings_calendar_in_week (calendar, stocks[i], &date));
      g_assert_true (au_earnings_calendar_is_report (calendar, stocks[i], &date));
    }
  for (i = 0; i < G_N_ELEMENTS (funds); i++)
    {
      g_assert_cmpuint (au_earnings_calendar_count (calendar, funds[i], &from, &end_2026), ==, 0);
      g_assert_true (au_earnings_calendar_covers (calendar, funds[i], &end_2026));
      g_assert_false (au_earnings_calendar_next (calendar, funds[i], &from, &date));
    }
  g_assert_false (au_earnings_calendar_covers (calendar, "ZZZZ", &from));

  g_assert_true (au_earnings_calendar_next (calendar, "GOOG", &from, &goog_date));
  g_assert_true (au_earnings_calendar_next (calendar, "GOOGL", &from, &date));
  g_assert_cmpint (g_date_compare (&date, &goog_date), ==, 0);

  /* Running into 2026 extends the coverage to the end of 2027. */
  run_sessions (sim, 260);
  end_2026 = ymd (2027, 12, 31);
  g_assert_true (au_earnings_calendar_covers (calendar, "AAPL", &end_2026));
}

/* The week test of R1.3 is Monday-Friday: a report on a Wednesday is in
 * its own week and not in the next one. */
static void
test_earnings_week (void)
{
  g_autoptr(AuEarningsCalendar) calendar = au_earnings_calendar_new ();
  GDate report = ymd (2026, 10, 28), monday = ymd (2026, 10, 26), friday = ymd (2026, 10, 30);
  GDate next_monday = ymd (2026, 11, 2), sunday = ymd (2026, 10, 25), through = ymd (2026, 12, 31);
  GDate found;

  au_earnings_calendar_add (calendar, "AAPL", &report);
  au_earnings_calendar_add (calendar, "AAPL", &report);
  g_assert_false (au_earnings_calendar_next (calendar, "AAPL", &monday, &found));
  au_earnings_calendar_cover (calendar, "AAPL", &through);
  g_assert_true (au_earnings_calendar_in_week (calendar, "AAPL", &monday));
  g_assert_true (au_earnings_calendar_in_week (calendar, "AAPL", &friday));
  g_assert_false (au_earnings_calendar_in_week (calendar, "AAPL", &next_monday));
  /* The Sunday before belongs to the week before (ISO weeks end on Sunday). */
  g_assert_false (au_earnings_calendar_in_week (calendar, "AAPL", &sunday));
  g_assert_cmpuint (au_earnings_calendar_count (calendar, "AAPL", &monday, &friday), ==, 1);
  g_assert_true (au_earnings_calendar_next (calendar, "AAPL", &monday, &found));
  g_assert_cmpint (g_date_compare (&found, &report), ==, 0);
  g_assert_false (au_earnings_calendar_next (calendar, "AAPL", &next_monday, &found));
}

/* The gap after a report: the overnight moves on the sessions after
 * reports are far larger than on other sessions. */
static void
test_earnings_gaps (void)
{
  g_autoptr(AuMarketSim) sim = new_sim (21, 2021, 1, 4);
  AuEarningsCalendar *calendar = au_market_sim_get_earnings (sim);
  const char *stocks[] = { "AAPL", "MSFT", "AMZN", "GOOG", "NVDA", "TSLA", "META" };
  double gap_sq = 0, other_sq = 0;
  guint n_gap = 0, n_other = 0, i, b;

  run_sessions (sim, 3 * 252);
  for (i = 0; i < G_N_ELEMENTS (stocks); i++)
    {
      GArray *bars = au_market_sim_get_bars (sim, stocks[i]);

      for (b = 1; b < bars->len; b++)
        {
          const AuDailyBar *prev = &g_array_index (bars, AuDailyBar, b - 1);
          const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, b);
          double r = log ((double) bar->open / (double) prev->close);

          if (au_earnings_calendar_is_report (calendar, stocks[i], &prev->date))
            {
              gap_sq += r * r;
              n_gap++;
            }
          else
            {
              other_sq += r * r;
              n_other++;
            }
        }
    }
  g_test_message ("overnight rms: after reports %.4f (%u), other %.4f (%u)",
                  sqrt (gap_sq / n_gap), n_gap, sqrt (other_sq / n_other), n_other);
  g_assert_cmpuint (n_gap, >=, 7 * 11);
  g_assert_cmpfloat (sqrt (gap_sq / n_gap), >, 3.0 * sqrt (other_sq / n_other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/market/sim/determinism", test_determinism);
  g_test_add_func ("/market/sim/start-and-warmup", test_start_and_warmup);
  g_test_add_func ("/market/sim/sessions-follow-calendar", test_sessions_follow_calendar);
  g_test_add_func ("/market/sim/advance-to", test_advance_to);
  g_test_add_func ("/market/sim/bars-consistent", test_bars_consistent);
  g_test_add_func ("/market/sim/unknown-symbol", test_unknown_symbol);
  g_test_add_func ("/market/sim/correlated-moves", test_correlated_moves);
  g_test_add_func ("/market/sim/earnings-calendar", test_earnings_calendar);
  g_test_add_func ("/market/sim/earnings-week", test_earnings_week);
  g_test_add_func ("/market/sim/earnings-gaps", test_earnings_gaps);

  return g_test_run ();
}

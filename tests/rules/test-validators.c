/* test-validators.c: every validator at its boundaries, with the
 * constitution's numbers (inside, on, just outside)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-validators"

#include "config.h"

#include <string.h>

#include "rules-test-util.h"

/* D2.21: the sample is approved with a Friday expiry and ask 1.14, and
 * rejected under R2.2 as the issue gives it (8 days out). */
static void
test_sample_both_ways (void)
{
  g_autoptr(AuVerdict) approved = rules_test_judge (NULL, NULL);
  g_autoptr(AuVerdict) as_given = rules_test_judge ("expiry", "\"2026-11-27\"",
                                                    "quote.ask", "1.15", NULL);
  const AuFinding *finding;

  rules_test_assert_status (approved, AU_VERDICT_APPROVED);
  g_assert_cmpuint (au_verdict_get_n_warnings (approved), ==, 0);

  rules_test_assert_only_violation (as_given, "R2.2");
  finding = au_verdict_get_violation (as_given, 0);
  g_assert_true (finding->has_numbers);
  g_assert_cmpfloat (finding->value, ==, 8);
  g_assert_cmpfloat (finding->limit, ==, 1);
}

/* R2.2: Gen |delta| 0.40-0.45. */
static void
test_delta_band (void)
{
  struct { const char *delta; gboolean ok; } cases[] = {
    { "-0.40", TRUE }, { "-0.45", TRUE }, { "-0.39", FALSE }, { "-0.46", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AuVerdict) v = rules_test_judge ("delta", cases[i].delta, NULL);

      if (cases[i].ok)
        rules_test_assert_status (v, AU_VERDICT_APPROVED);
      else
        rules_test_assert_only_violation (v, "R2.2");
    }

  {
    /* A put with a call's sign is not in any band. */
    g_autoptr(AuVerdict) v = rules_test_judge ("delta", "0.42", NULL);

    rules_test_assert_only_violation (v, "R2.2");
  }
}

/* R3.2 (Rev, Wednesday, 0.30-0.35) and D2.19 covered calls (0.20-0.25). */
static void
test_delta_rev_and_calls (void)
{
  g_autoptr(AuVerdict) rev_in = rules_test_judge ("account", "\"rev\"", "symbol", "\"NVDA\"",
                                                  "time", "\"2026-11-18T10:15:00-05:00\"",
                                                  "account_state.symbol_exposure", "{\"NVDA\": 0}",
                                                  "strike", "180", "delta", "-0.35",
                                                  "market.spot", "185",
                                                  "account_state.equity", "90000",
                                                  "account_state.cash", "90000",
                                                  "account_state.high_water_mark", "90000", NULL);
  g_autoptr(AuVerdict) rev_out = rules_test_judge ("account", "\"rev\"", "symbol", "\"NVDA\"",
                                                   "time", "\"2026-11-18T10:15:00-05:00\"",
                                                   "account_state.symbol_exposure", "{\"NVDA\": 0}",
                                                   "strike", "180", "delta", "-0.36",
                                                   "market.spot", "185",
                                                   "account_state.equity", "90000",
                                                   "account_state.cash", "90000",
                                                   "account_state.high_water_mark", "90000", NULL);

  rules_test_assert_status (rev_in, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (rev_out, "R3.2");
}

/* A covered call in Com-Acc: Monday, 4-5 days, delta 0.20-0.25 (R4.1). */
static AuVerdict *
judge_com_call (const char *path,
                const char *value)
{
  return rules_test_judge ("account", "\"com\"", "strategy", "\"cc\"", "right", "\"C\"",
                           "symbol", "\"MSFT\"", "strike", "430", "delta", "0.22",
                           "time", "\"2026-11-16T10:00:00-05:00\"",
                           "account_state.shares_held", "{\"MSFT\": 300}",
                           "account_state.short_calls", "{\"MSFT\": 2}",
                           "account_state.symbol_exposure", "{\"MSFT\": 126000}",
                           "market.spot", "420", path, value, NULL);
}

static void
test_covered_calls (void)
{
  g_autoptr(AuVerdict) ok = judge_com_call ("delta", "0.22");
  g_autoptr(AuVerdict) low = judge_com_call ("delta", "0.19");
  g_autoptr(AuVerdict) dte3 = judge_com_call ("expiry", "\"2026-11-19\"");
  g_autoptr(AuVerdict) uncovered = judge_com_call ("account_state.short_calls", "{\"MSFT\": 3}");
  g_autoptr(AuVerdict) earnings = judge_com_call ("market.earnings_this_week", "true");
  g_autoptr(AuVerdict) earnings_half = judge_com_call ("account_state.short_calls",
                                                       "{\"MSFT\": 0}");
  g_autoptr(AuVerdict) thursday = judge_com_call ("time", "\"2026-11-19T10:00:00-05:00\"");

  rules_test_assert_status (ok, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (low, "R4.1");
  rules_test_assert_only_violation (dte3, "R4.1");
  /* D2.19: at most one contract per 100 shares held. */
  rules_test_assert_only_violation (uncovered, "R0.2");
  /* R4.3: in an earnings week at most 50% of the shares under call:
   * 3 of 3 lots is 100%; 1 of 3 lots (33%) is fine. */
  rules_test_assert_only_violation (earnings, "R4.3");
  rules_test_assert_status (earnings_half, AU_VERDICT_APPROVED);
  /* Thursday is not the calls' day, and Friday is 1 day out. */
  rules_test_assert_violation (thursday, "R1.1");
  rules_test_assert_violation (thursday, "R4.1");

  {
    g_autoptr(AuVerdict) half = judge_com_call ("market.earnings_this_week", "true");
    g_autoptr(AuVerdict) at_half = rules_test_judge ("account", "\"com\"", "strategy", "\"cc\"",
                                                     "right", "\"C\"", "symbol", "\"MSFT\"",
                                                     "strike", "430", "delta", "0.22",
                                                     "time", "\"2026-11-16T10:00:00-05:00\"",
                                                     "account_state.shares_held", "{\"MSFT\": 400}",
                                                     "account_state.short_calls", "{\"MSFT\": 1}",
                                                     "market.spot", "420",
                                                     "market.earnings_this_week", "true", NULL);

    rules_test_assert_violation (half, "R4.3");
    /* 2 of 4 lots is exactly 50%: allowed. */
    rules_test_assert_status (at_half, AU_VERDICT_APPROVED);
  }

  {
    /* D2.16: Monday 2026-01-19 is Martin Luther King Jr. Day, so calls are
     * written on Tuesday, DTE 3 accepted one day short. */
    g_autoptr(AuVerdict) tuesday = judge_com_call ("time", "\"2026-01-20T10:00:00-05:00\"");
    g_autoptr(AuVerdict) holiday = judge_com_call ("time", "\"2026-01-19T10:00:00-05:00\"");
    g_autoptr(AuVerdict) tuesday_2 = NULL;

    rules_test_assert_violation (tuesday, "R4.1");   /* the sample's expiry is in November */
    g_clear_pointer (&tuesday, au_verdict_unref);
    tuesday = rules_test_judge ("account", "\"com\"", "strategy", "\"cc\"", "right", "\"C\"",
                                "symbol", "\"MSFT\"", "strike", "430", "delta", "0.22",
                                "time", "\"2026-01-20T10:00:00-05:00\"",
                                "expiry", "\"2026-01-23\"",
                                "account_state.shares_held", "{\"MSFT\": 300}",
                                "account_state.short_calls", "{\"MSFT\": 2}",
                                "market.spot", "420", NULL);
    tuesday_2 = rules_test_judge ("account", "\"com\"", "strategy", "\"cc\"", "right", "\"C\"",
                                  "symbol", "\"MSFT\"", "strike", "430", "delta", "0.22",
                                  "time", "\"2026-01-20T10:00:00-05:00\"",
                                  "expiry", "\"2026-01-22\"",
                                  "account_state.shares_held", "{\"MSFT\": 300}",
                                  "account_state.short_calls", "{\"MSFT\": 2}",
                                  "market.spot", "420", NULL);
    rules_test_assert_status (tuesday, AU_VERDICT_APPROVED);
    rules_test_assert_only_violation (tuesday_2, "R4.1");        /* DTE 2 */
    rules_test_assert_violation (holiday, "R1.5");
  }

  {
    /* D2.19: a Gen call after an assignment follows Com's cadence and is
     * reported under R2.4; Thursday is not its day. */
    g_autoptr(AuVerdict) gen_call = rules_test_judge ("strategy", "\"cc\"", "right", "\"C\"",
                                                      "delta", "0.22", "strike", "210",
                                                      "account_state.shares_held",
                                                      "{\"AAPL\": 100}",
                                                      "account_state.short_calls", "{\"AAPL\": 0}",
                                                      NULL);

    rules_test_assert_violation (gen_call, "R1.1");
    rules_test_assert_violation (gen_call, "R2.4");
    rules_test_assert_no_violation (gen_call, "R2.2");
  }
}

/* D2.16 DTE: Gen 0-1 (stress 1-3), Rev 2-5. */
static void
test_dte (void)
{
  struct { const char *account, *symbol, *time, *expiry; gboolean stress; gboolean ok; } cases[] = {
    { "gen", "AAPL", "2026-11-19T10:15:00-05:00", "2026-11-19", FALSE, TRUE },  /* 0 */
    { "gen", "AAPL", "2026-11-19T10:15:00-05:00", "2026-11-20", FALSE, TRUE },  /* 1 */
    { "gen", "AAPL", "2026-11-19T10:15:00-05:00", "2026-11-23", FALSE, FALSE }, /* 4 */
    { "gen", "AAPL", "2026-11-19T10:15:00-05:00", "2026-11-23", TRUE, FALSE },  /* 4 > 3 */
    { "gen", "AAPL", "2026-11-19T10:15:00-05:00", "2026-11-19", TRUE, FALSE },  /* 0 < 1 */
    { "gen", "AAPL", "2026-11-19T10:15:00-05:00", "2026-11-20", TRUE, TRUE },
    { "rev", "NVDA", "2026-11-18T10:15:00-05:00", "2026-11-20", FALSE, TRUE },  /* 2 */
    { "rev", "NVDA", "2026-11-18T10:15:00-05:00", "2026-11-23", FALSE, TRUE },  /* 5 */
    { "rev", "NVDA", "2026-11-18T10:15:00-05:00", "2026-11-19", FALSE, FALSE }, /* 1 */
    { "rev", "NVDA", "2026-11-18T10:15:00-05:00", "2026-11-24", FALSE, FALSE }, /* 6 */
    /* D2.16 short week: Good Friday 2026-04-03, the Thursday expiry is
     * accepted one day short (Rev 1-5). */
    { "rev", "NVDA", "2026-04-01T10:15:00-04:00", "2026-04-02", FALSE, TRUE },  /* 1 */
    { "rev", "NVDA", "2026-04-01T10:15:00-04:00", "2026-04-01", FALSE, FALSE }, /* 0 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *account = g_strdup_printf ("\"%s\"", cases[i].account);
      g_autofree char *symbol = g_strdup_printf ("\"%s\"", cases[i].symbol);
      g_autofree char *time = g_strdup_printf ("\"%s\"", cases[i].time);
      g_autofree char *expiry = g_strdup_printf ("\"%s\"", cases[i].expiry);
      g_autofree char *exposure = g_strdup_printf ("{\"%s\": 0}", cases[i].symbol);
      gboolean rev = g_str_equal (cases[i].account, "rev");
      g_autoptr(AuVerdict) v = rules_test_judge ("account", account, "symbol", symbol,
                                                 "time", time, "expiry", expiry,
                                                 "stress_test", cases[i].stress ? "true" : "false",
                                                 "delta", rev ? "-0.32" : "-0.42",
                                                 "account_state.symbol_exposure", exposure, NULL);

      if (cases[i].ok)
        rules_test_assert_status (v, AU_VERDICT_APPROVED);
      else
        rules_test_assert_only_violation (v, rev ? "R3.2" : "R2.2");
    }

  {
    /* An expiry on a day the market is shut is no listed expiry. */
    g_autoptr(AuVerdict) v = rules_test_judge ("expiry", "\"2026-11-21\"", NULL);

    rules_test_assert_only_violation (v, "R2.2");
  }
}

/* R2.2 universe and strategy. */
static void
test_universe_and_strategy (void)
{
  g_autoptr(AuVerdict) tsla = rules_test_judge ("symbol", "\"TSLA\"",
                                                "account_state.symbol_exposure", "{\"TSLA\": 0}",
                                                NULL);
  g_autoptr(AuVerdict) stock = rules_test_judge ("strategy", "\"stock\"", "shares", "100", NULL);
  g_autoptr(AuVerdict) call_right = rules_test_judge ("right", "\"C\"", NULL);
  g_autoptr(AuVerdict) mini = rules_test_judge ("account", "\"mini\"", NULL);
  g_autoptr(AuVerdict) mini_gen = rules_test_judge ("account", "\"mini\"", "mini_rules", "\"gen\"",
                                                    NULL);

  rules_test_assert_only_violation (tsla, "R2.2");
  rules_test_assert_violation (stock, "R2.2");
  rules_test_assert_only_violation (call_right, "R2.2");
  rules_test_assert_only_violation (mini, "D2.2");
  rules_test_assert_status (mini_gen, AU_VERDICT_APPROVED);
}

static AuVerdict *
judge_at (const char *time)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", time);

  return rules_test_judge ("time", quoted, NULL);
}

/* R1.1: Gen's window 09:45-11:00 ET, both ends inside, to the second. */
static void
test_entry_window (void)
{
  struct { const char *time; gboolean ok; } cases[] = {
    { "2026-11-19T09:44:00-05:00", FALSE },
    { "2026-11-19T09:44:59-05:00", FALSE },
    { "2026-11-19T09:45:00-05:00", TRUE },
    { "2026-11-19T11:00:00-05:00", TRUE },
    { "2026-11-19T11:00:01-05:00", FALSE },
    { "2026-11-19T11:01:00-05:00", FALSE },
    { "2026-11-19T16:15:00Z", FALSE },     /* 16:15 UTC is 11:15 ET */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AuVerdict) v = judge_at (cases[i].time);

      if (cases[i].ok)
        rules_test_assert_status (v, AU_VERDICT_APPROVED);
      else
        rules_test_assert_only_violation (v, "R1.1");
    }
}

/* D2.15: the wrong weekday rejects; R1.5 weekends, holidays and hours. */
static void
test_days_and_hours (void)
{
  g_autoptr(AuVerdict) wednesday = judge_at ("2026-11-18T10:15:00-05:00");
  g_autoptr(AuVerdict) saturday = rules_test_judge ("time", "\"2026-11-21T10:15:00-05:00\"",
                                                    "expiry", "\"2026-11-23\"", NULL);
  g_autoptr(AuVerdict) thanksgiving = rules_test_judge ("time", "\"2026-11-26T10:15:00-05:00\"",
                                                        "expiry", "\"2026-11-27\"", NULL);
  g_autoptr(AuVerdict) before_open = judge_at ("2026-11-19T09:29:59-05:00");
  g_autoptr(AuVerdict) at_close = judge_at ("2026-11-19T16:00:00-05:00");

  rules_test_assert_violation (wednesday, "R1.1");
  rules_test_assert_violation (saturday, "R1.5");
  rules_test_assert_only_violation (thanksgiving, "R1.5");
  g_assert_nonnull (strstr (au_verdict_get_violation (thanksgiving, 0)->message, "Thanksgiving"));
  rules_test_assert_only_violation (before_open, "R1.5");
  rules_test_assert_only_violation (at_close, "R1.5");
}

/* D2.16: Gen's Thursday 2026-11-26 is Thanksgiving, so Gen enters on
 * Friday 2026-11-27 in the same window; that Friday closes at 13:00. */
static void
test_holiday_shift_and_early_close (void)
{
  g_autoptr(AuVerdict) friday = rules_test_judge ("time", "\"2026-11-27T10:15:00-05:00\"",
                                                  "expiry", "\"2026-11-27\"", NULL);
  g_autoptr(AuVerdict) after_close = rules_test_judge ("time", "\"2026-11-27T13:00:00-05:00\"",
                                                       "expiry", "\"2026-11-27\"", NULL);
  g_autoptr(AuVerdict) thursday_before = rules_test_judge ("time", "\"2026-11-25T10:15:00-05:00\"",
                                                           "expiry", "\"2026-11-27\"", NULL);

  rules_test_assert_status (friday, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (after_close, "R1.4");
  rules_test_assert_violation (thursday_before, "R1.1");
}

static AuVerdict *
judge_quote (const char *bid,
             const char *ask,
             const char *limit)
{
  return rules_test_judge ("quote.bid", bid, "quote.ask", ask, "limit", limit, NULL);
}

/* R8.3 spread 5% / 5.01%; R0.5 limit within 5% of mid. */
static void
test_spread_and_limit (void)
{
  g_autoptr(AuVerdict) at_limit = judge_quote ("1.95", "2.05", "2.00");     /* 5.00% */
  g_autoptr(AuVerdict) over = judge_quote ("1.9499", "2.0501", "2.00");     /* 5.01% */
  g_autoptr(AuVerdict) warn = judge_quote ("1.955", "2.045", "2.00");       /* 4.5% */
  g_autoptr(AuVerdict) crossed = judge_quote ("1.20", "1.10", "1.15");
  g_autoptr(AuVerdict) zero_mid = judge_quote ("0", "0", "1.12");
  g_autoptr(AuVerdict) slip_on = judge_quote ("1.10", "1.14", "1.064");     /* 5.0% below mid */
  g_autoptr(AuVerdict) slip_over = judge_quote ("1.10", "1.14", "1.0639");  /* 5.01% */

  rules_test_assert_warning (at_limit, "R8.3");
  rules_test_assert_status (at_limit, AU_VERDICT_WARNING);
  rules_test_assert_only_violation (over, "R8.3");
  g_assert_cmpfloat_with_epsilon (au_verdict_get_violation (over, 0)->value, 0.0501, 1e-12);
  rules_test_assert_warning (warn, "R8.3");
  rules_test_assert_violation (crossed, "R8.3");
  rules_test_assert_violation (zero_mid, "R8.3");
  rules_test_assert_status (slip_on, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (slip_over, "R0.5");
}

/* R8.1 open interest 500, R8.2 volume 100, R8.4 ADV 10%. */
static void
test_liquidity_limits (void)
{
  g_autoptr(AuVerdict) oi_499 = rules_test_judge ("quote.open_interest", "499", NULL);
  g_autoptr(AuVerdict) oi_500 = rules_test_judge ("quote.open_interest", "500", NULL);
  g_autoptr(AuVerdict) vol_99 = rules_test_judge ("quote.volume", "99", NULL);
  g_autoptr(AuVerdict) vol_100 = rules_test_judge ("quote.volume", "100", NULL);
  g_autoptr(AuVerdict) adv_10 = rules_test_judge ("quote.avg_daily_volume", "10", NULL);
  g_autoptr(AuVerdict) adv_over = rules_test_judge ("quote.avg_daily_volume", "9", NULL);
  g_autoptr(AuVerdict) adv_zero = rules_test_judge ("quote.avg_daily_volume", "0", NULL);
  g_autoptr(AuVerdict) adv_8 = rules_test_judge ("quote.avg_daily_volume", "12", NULL);

  rules_test_assert_only_violation (oi_499, "R8.1");
  rules_test_assert_status (oi_500, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (vol_99, "R8.2");
  rules_test_assert_status (vol_100, AU_VERDICT_APPROVED);
  /* 1 contract of 10 a day is 10%: on the limit, a warning (above 8%). */
  rules_test_assert_status (adv_10, AU_VERDICT_WARNING);
  rules_test_assert_warning (adv_10, "R8.4");
  rules_test_assert_only_violation (adv_over, "R8.4");
  rules_test_assert_only_violation (adv_zero, "R8.4");
  rules_test_assert_status (adv_8, AU_VERDICT_WARNING);   /* 8.3% */
}

/* R0.3 25% per symbol (warning above 20%); R3.1 Rev 50% (D2.1). */
static void
test_exposure (void)
{
  g_autoptr(AuVerdict) on = rules_test_judge ("account_state.symbol_exposure.AAPL", "10000", NULL);
  g_autoptr(AuVerdict) over = rules_test_judge ("account_state.symbol_exposure.AAPL", "10000.01",
                                                NULL);
  g_autoptr(AuVerdict) below_warn = rules_test_judge ("account_state.symbol_exposure.AAPL", "4000",
                                                      NULL);
  g_autoptr(AuVerdict) warn = rules_test_judge ("account_state.symbol_exposure.AAPL", "4000.01",
                                                NULL);

  rules_test_assert_status (on, AU_VERDICT_WARNING);
  rules_test_assert_warning (on, "R0.3");
  rules_test_assert_only_violation (over, "R0.3");
  g_assert_cmpfloat (au_verdict_get_violation (over, 0)->limit, ==, 0.25);
  rules_test_assert_status (below_warn, AU_VERDICT_APPROVED);   /* 20.00% */
  rules_test_assert_warning (warn, "R0.3");
}

static AuVerdict *
judge_rev (const char *contracts,
           const char *existing)
{
  g_autofree char *exposure = g_strdup_printf ("{\"NVDA\": %s}", existing);

  return rules_test_judge ("account", "\"rev\"", "symbol", "\"NVDA\"",
                           "time", "\"2026-11-18T10:15:00-05:00\"", "strike", "180",
                           "delta", "-0.32", "contracts", contracts,
                           "quote.avg_daily_volume", "900",
                           "market.spot", "185", "account_state.equity", "90000",
                           "account_state.cash", "90000", "account_state.high_water_mark", "90000",
                           "account_state.symbol_exposure", exposure, NULL);
}

static void
test_rev_exposure (void)
{
  /* The decisions' example: Rev $90,000 on NVDA at $180, 2 contracts is
   * 40% deployed; 3 would be 60%, above the 50% cap of D2.1. */
  g_autoptr(AuVerdict) two = judge_rev ("2", "0");
  g_autoptr(AuVerdict) three = judge_rev ("3", "0");
  g_autoptr(AuVerdict) on = judge_rev ("1", "27000");
  g_autoptr(AuVerdict) over = judge_rev ("1", "27000.01");

  rules_test_assert_status (two, AU_VERDICT_APPROVED);
  rules_test_assert_violation (three, "R3.1");
  rules_test_assert_no_violation (three, "R0.3");
  rules_test_assert_status (on, AU_VERDICT_WARNING);
  rules_test_assert_warning (on, "R3.1");
  rules_test_assert_only_violation (over, "R3.1");
}

/* R0.2 cash-secured and deployment; R0.4 quantity and slicing. */
static void
test_cash_and_quantity (void)
{
  g_autoptr(AuVerdict) exact = rules_test_judge ("account_state.cash", "20000", NULL);
  g_autoptr(AuVerdict) short_cash = rules_test_judge ("account_state.cash", "19999.99", NULL);
  g_autoptr(AuVerdict) deployed = rules_test_judge ("account_state.symbol_exposure",
                                                    "{\"AAPL\": 0, \"MSFT\": 30000, \"SPY\": 30000,"
                                                    " \"QQQ\": 30000, \"IWM\": 10000.01}",
                                                    NULL);
  g_autoptr(AuVerdict) zero = rules_test_judge ("contracts", "0", NULL);
  g_autoptr(AuVerdict) sliced = rules_test_judge ("contracts", "51", "strike", "4",
                                                  "market.spot", "4.2",
                                                  "quote.avg_daily_volume", "1000", NULL);
  g_autoptr(AuVerdict) not_sliced = rules_test_judge ("contracts", "50", "strike", "4",
                                                      "market.spot", "4.2",
                                                      "quote.avg_daily_volume", "1000", NULL);

  rules_test_assert_status (exact, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (short_cash, "R0.2");
  rules_test_assert_only_violation (deployed, "R0.2");
  rules_test_assert_only_violation (zero, "R0.4");
  rules_test_assert_status (sliced, AU_VERDICT_WARNING);
  rules_test_assert_warning (sliced, "R0.4");
  rules_test_assert_status (not_sliced, AU_VERDICT_APPROVED);
}

/* R0.9 margin 60% of equity, warning above 48%. */
static void
test_margin (void)
{
  g_autoptr(AuVerdict) on = rules_test_judge ("account_state.margin_used", "72000", NULL);
  g_autoptr(AuVerdict) over = rules_test_judge ("account_state.margin_used", "72000.01", NULL);
  g_autoptr(AuVerdict) quiet = rules_test_judge ("account_state.margin_used", "57600", NULL);

  rules_test_assert_status (on, AU_VERDICT_WARNING);
  rules_test_assert_warning (on, "R0.9");
  rules_test_assert_only_violation (over, "R0.9");
  rules_test_assert_status (quiet, AU_VERDICT_APPROVED);
}

/* R6.9 / D2.8: strict >; D2.18 halves the caps in a Hedged Week. */
static void
test_vix_tiers (void)
{
  g_autoptr(AuVerdict) v50 = rules_test_judge ("market.vix", "50", NULL);
  g_autoptr(AuVerdict) v50_01 = rules_test_judge ("market.vix", "50.01", NULL);
  g_autoptr(AuVerdict) v50_01_big = rules_test_judge ("market.vix", "50.01",
                                                      "account_state.equity", "200000",
                                                      "account_state.cash", "200000",
                                                      "account_state.high_water_mark", "200000",
                                                      NULL);
  g_autoptr(AuVerdict) v65 = rules_test_judge ("market.vix", "65", "account_state.equity", "200000",
                                               "account_state.high_water_mark", "200000", NULL);
  g_autoptr(AuVerdict) v65_01 = rules_test_judge ("market.vix", "65.01", NULL);
  g_autoptr(AuVerdict) v80 = rules_test_judge ("market.vix", "80", NULL);
  g_autoptr(AuVerdict) v80_01 = rules_test_judge ("market.vix", "80.01", NULL);

  rules_test_assert_status (v50, AU_VERDICT_APPROVED);
  /* 20,000 of 120,000 is 16.7%, above the halved 12.5% cap. */
  rules_test_assert_only_violation (v50_01, "R0.3");
  rules_test_assert_warning (v50_01, "R6.9");
  /* 20,000 of 200,000 is 10%: inside the halved cap (not above 80% of it). */
  rules_test_assert_status (v50_01_big, AU_VERDICT_WARNING);
  rules_test_assert_warning (v50_01_big, "R6.9");
  rules_test_assert_status (v65, AU_VERDICT_WARNING);
  rules_test_assert_only_violation (v65_01, "R6.9");
  rules_test_assert_only_violation (v80, "R6.9");
  g_assert_nonnull (strstr (au_verdict_get_violation (v80, 0)->message, "SAFE"));
  rules_test_assert_only_violation (v80_01, "R6.9");
  g_assert_nonnull (strstr (au_verdict_get_violation (v80_01, 0)->message, "EMERGENCY"));
}

/* D2.7: older than 30 s is flagged (quotes widened by 10% of the
 * spread); older than 300 s, no new entry. */
static void
test_stale_data (void)
{
  struct { const char *path, *as_of; AuVerdictStatus status; } cases[] = {
    { "quote.as_of", "2026-11-19T10:14:30-05:00", AU_VERDICT_APPROVED },   /* 30 s */
    { "quote.as_of", "2026-11-19T10:14:29-05:00", AU_VERDICT_WARNING },    /* 31 s */
    { "quote.as_of", "2026-11-19T10:10:00-05:00", AU_VERDICT_WARNING },    /* 300 s */
    { "quote.as_of", "2026-11-19T10:09:59-05:00", AU_VERDICT_REJECTED },   /* 301 s */
    { "market.as_of", "2026-11-19T10:14:30-05:00", AU_VERDICT_APPROVED },
    { "market.as_of", "2026-11-19T10:14:29-05:00", AU_VERDICT_WARNING },
    { "market.as_of", "2026-11-19T10:10:00-05:00", AU_VERDICT_WARNING },
    { "market.as_of", "2026-11-19T10:09:59-05:00", AU_VERDICT_REJECTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *as_of = g_strdup_printf ("\"%s\"", cases[i].as_of);
      g_autoptr(AuVerdict) v = rules_test_judge (cases[i].path, as_of, NULL);

      rules_test_assert_status (v, cases[i].status);
      if (cases[i].status == AU_VERDICT_WARNING)
        rules_test_assert_warning (v, "R8.5");
      if (cases[i].status == AU_VERDICT_REJECTED)
        rules_test_assert_only_violation (v, "R8.5");
    }

  {
    /* A 4.6% spread passes fresh and fails widened: 4.6% x 1.1 = 5.06%. */
    g_autoptr(AuVerdict) fresh = rules_test_judge ("quote.bid", "1.954", "quote.ask", "2.046",
                                                   "limit", "2.00", NULL);
    g_autoptr(AuVerdict) stale = rules_test_judge ("quote.bid", "1.954", "quote.ask", "2.046",
                                                   "limit", "2.00",
                                                   "quote.as_of", "\"2026-11-19T10:14:00-05:00\"",
                                                   NULL);

    rules_test_assert_status (fresh, AU_VERDICT_WARNING);
    rules_test_assert_only_violation (stale, "R8.3");
    rules_test_assert_warning (stale, "R8.5");
  }
}

/* R0.8 / D2.6: drawdown 15% with VIX below 30 suspends CSPs. */
static AuVerdict *
judge_drawdown (const char *equity,
                const char *vix)
{
  return rules_test_judge ("account_state.equity", equity, "account_state.cash", equity,
                           "account_state.high_water_mark", "120000", "market.vix", vix, NULL);
}

static void
test_drawdown_pivot (void)
{
  g_autoptr(AuVerdict) on_29 = judge_drawdown ("102000", "29");        /* 15.00% */
  g_autoptr(AuVerdict) on_30 = judge_drawdown ("102000", "30");
  g_autoptr(AuVerdict) inside_29 = judge_drawdown ("102000.01", "29");
  g_autoptr(AuVerdict) deep_29_99 = judge_drawdown ("90000", "29.99");
  g_autoptr(AuVerdict) latched = rules_test_judge ("account_state.pivot_active", "true", NULL);

  rules_test_assert_only_violation (on_29, "R0.8");
  rules_test_assert_status (on_30, AU_VERDICT_APPROVED);
  rules_test_assert_status (inside_29, AU_VERDICT_APPROVED);
  rules_test_assert_violation (deep_29_99, "R0.8");
  rules_test_assert_only_violation (latched, "R0.8");
}

/* R1.3: no CSP in an earnings week. */
static void
test_earnings (void)
{
  g_autoptr(AuVerdict) v = rules_test_judge ("market.earnings_this_week", "true", NULL);

  rules_test_assert_only_violation (v, "R1.3");
}

/* R6.2-R6.4: the new leg's breach, and the account's entry freeze. */
static void
test_protocol (void)
{
  g_autoptr(AuVerdict) l1 = rules_test_judge ("market.spot", "196", NULL);
  g_autoptr(AuVerdict) l2 = rules_test_judge ("market.spot", "192", NULL);
  g_autoptr(AuVerdict) l0 = rules_test_judge ("market.spot", "196.01", NULL);
  g_autoptr(AuVerdict) frozen = rules_test_judge ("account_state.protocol_level", "2", NULL);
  g_autoptr(AuVerdict) halted = rules_test_judge ("account_state.protocol_level", "3", NULL);
  g_autoptr(AuVerdict) level1 = rules_test_judge ("account_state.protocol_level", "1", NULL);

  rules_test_assert_warning (l1, "R6.2");
  rules_test_assert_status (l1, AU_VERDICT_WARNING);
  rules_test_assert_only_violation (l2, "R6.3");
  rules_test_assert_status (l0, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (frozen, "R6.3");
  rules_test_assert_only_violation (halted, "R6.4");
  rules_test_assert_status (level1, AU_VERDICT_APPROVED);
}

/* D2.12: every input an open needs, removed, rejects under the rule that
 * needed it. */
static void
test_missing_fields (void)
{
  struct { const char *path; const char *rule; } cases[] = {
    { "strategy", "R2.2" },
    { "symbol", "R2.2" },
    { "right", "R2.2" },
    { "expiry", "R2.2" },
    { "delta", "R2.2" },
    { "strike", "R0.2" },
    { "contracts", "R0.4" },
    { "limit", "R0.5" },
    { "quote", "R8.1" },
    { "quote.bid", "R8.3" },
    { "quote.ask", "R0.5" },
    { "quote.open_interest", "R8.1" },
    { "quote.volume", "R8.2" },
    { "quote.avg_daily_volume", "R8.4" },
    { "account_state", "R0.2" },
    { "account_state.equity", "R0.3" },
    { "account_state.cash", "R0.2" },
    { "account_state.margin_used", "R0.9" },
    { "account_state.symbol_exposure", "R0.2" },
    { "account_state.symbol_exposure.AAPL", "R0.3" },
    { "account_state.high_water_mark", "R0.8" },
    { "market", "R6.9" },
    { "market.vix", "R6.9" },
    { "market.atr5", "R6.8" },
    { "market.spot", "R6.8" },
    { "market.earnings_this_week", "R1.3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AuVerdict) v = rules_test_judge (cases[i].path, NULL, NULL);

      rules_test_assert_violation (v, cases[i].rule);
    }

  {
    /* A CSP does not need the share count; the sample stays approved. */
    g_autoptr(AuVerdict) v = rules_test_judge ("account_state.shares_held", NULL, NULL);

    rules_test_assert_status (v, AU_VERDICT_APPROVED);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Rules/Validators/sample-both-ways", test_sample_both_ways);
  g_test_add_func ("/Rules/Validators/delta-band", test_delta_band);
  g_test_add_func ("/Rules/Validators/delta-rev", test_delta_rev_and_calls);
  g_test_add_func ("/Rules/Validators/covered-calls", test_covered_calls);
  g_test_add_func ("/Rules/Validators/dte", test_dte);
  g_test_add_func ("/Rules/Validators/universe-and-strategy", test_universe_and_strategy);
  g_test_add_func ("/Rules/Validators/entry-window", test_entry_window);
  g_test_add_func ("/Rules/Validators/days-and-hours", test_days_and_hours);
  g_test_add_func ("/Rules/Validators/holiday-shift-early-close",
                   test_holiday_shift_and_early_close);
  g_test_add_func ("/Rules/Validators/spread-and-limit", test_spread_and_limit);
  g_test_add_func ("/Rules/Validators/liquidity-limits", test_liquidity_limits);
  g_test_add_func ("/Rules/Validators/exposure", test_exposure);
  g_test_add_func ("/Rules/Validators/rev-exposure", test_rev_exposure);
  g_test_add_func ("/Rules/Validators/cash-and-quantity", test_cash_and_quantity);
  g_test_add_func ("/Rules/Validators/margin", test_margin);
  g_test_add_func ("/Rules/Validators/vix-tiers", test_vix_tiers);
  g_test_add_func ("/Rules/Validators/stale-data", test_stale_data);
  g_test_add_func ("/Rules/Validators/drawdown-pivot", test_drawdown_pivot);
  g_test_add_func ("/Rules/Validators/earnings", test_earnings);
  g_test_add_func ("/Rules/Validators/protocol", test_protocol);
  g_test_add_func ("/Rules/Validators/missing-fields", test_missing_fields);

  return g_test_run ();
}

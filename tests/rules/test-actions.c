/* test-actions.c: the constitution's section checks per action: roll,
 * close, exit, fork, merge, reinvest, hedge and LEAP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-actions"

#include "config.h"

#include "rules-test-util.h"

/* The worked example of research §5: a Gen CSP at K = 200, ATR 4, credit
 * 1.20, at L2 (spot 192); buy back at 9.80, sell the next Friday's 190 put
 * at 9.20: a net debit of 0.60, 50.0% of the credit. */
static const char *roll =
  "{\"account\": \"gen\", \"action\": \"roll\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
  " \"right\": \"P\", \"strike\": 200.0, \"expiry\": \"2026-11-20\", \"contracts\": 1,"
  " \"limit\": 9.80, \"original_credit\": 1.20, \"time\": \"2026-11-19T13:00:00-05:00\","
  " \"new_leg\": {\"strike\": 190.0, \"expiry\": \"2026-11-27\", \"delta\": -0.42, \"limit\": 9.20,"
  "   \"quote\": {\"bid\": 9.10, \"ask\": 9.30, \"open_interest\": 1200, \"volume\": 450,"
  "              \"avg_daily_volume\": 900}},"
  " \"account_state\": {\"equity\": 120000.00, \"cash\": 100000.00, \"margin_used\": 0.00,"
  "   \"symbol_exposure\": {\"AAPL\": 20000.00}, \"high_water_mark\": 120000.00,"
  "   \"protocol_level\": 2},"
  " \"market\": {\"spot\": 192.00, \"atr5\": 4.00, \"vix\": 18.5, \"earnings_this_week\": false}}";

static void
test_roll_economics (void)
{
  g_autoptr(AuVerdict) allowed = rules_test_judge_json (roll, NULL);
  g_autoptr(AuVerdict) refused = rules_test_judge_json (roll, "new_leg.limit", "9.19", NULL);
  g_autoptr(AuVerdict) credit_roll = rules_test_judge_json (roll, "limit", "9.10", NULL);
  g_autoptr(AuVerdict) no_credit = rules_test_judge_json (roll, "original_credit", NULL, NULL);
  const AuFinding *finding;

  rules_test_assert_status (allowed, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (refused, "R6.7");
  finding = au_verdict_get_violation (refused, 0);
  g_assert_cmpfloat_with_epsilon (finding->value, 0.61 / 1.20, 1e-12);
  g_assert_cmpfloat (finding->limit, ==, 0.50);
  rules_test_assert_status (credit_roll, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (no_credit, "R6.7");
}

/* D2.24 expiry, D2.20 the new leg judged as an entry (band, not day). */
static void
test_roll_new_leg (void)
{
  g_autoptr(AuVerdict) too_close = rules_test_judge_json (roll, "expiry", "\"2026-11-25\"", NULL);
  g_autoptr(AuVerdict) three_days = rules_test_judge_json (roll, "new_leg.expiry", "\"2026-11-23\"",
                                                           NULL);
  g_autoptr(AuVerdict) delta = rules_test_judge_json (roll, "new_leg.delta", "-0.47", NULL);
  g_autoptr(AuVerdict) thin = rules_test_judge_json (roll, "new_leg.quote.open_interest", "499",
                                                     NULL);
  g_autoptr(AuVerdict) no_leg = rules_test_judge_json (roll, "new_leg", NULL, NULL);
  g_autoptr(AuVerdict) safe = rules_test_judge_json (roll, "market.vix", "66", NULL);

  rules_test_assert_only_violation (too_close, "D2.24");
  rules_test_assert_status (three_days, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (delta, "R2.2");
  rules_test_assert_only_violation (thin, "R8.1");
  rules_test_assert_violation (no_leg, "D2.20");
  rules_test_assert_only_violation (safe, "R6.9");
}

/* D2.15 / D2.18: rolls at L0 only in the Friday window; in a Hedged Week
 * only at L2 and above. */
static void
test_roll_windows (void)
{
  g_autoptr(AuVerdict) l0 = rules_test_judge_json (roll, "account_state.protocol_level", "0", NULL);
  g_autoptr(AuVerdict) l0_friday = rules_test_judge_json (roll, "account_state.protocol_level", "0",
                                                          "time", "\"2026-11-20T15:00:00-05:00\"",
                                                          NULL);
  g_autoptr(AuVerdict) hedged_l1 = rules_test_judge_json (roll, "account_state.protocol_level", "1",
                                                          "market.vix", "55", NULL);
  g_autoptr(AuVerdict) hedged_l2 = rules_test_judge_json (roll, "market.vix", "55", NULL);

  rules_test_assert_only_violation (l0, "R1.1");
  rules_test_assert_status (l0_friday, AU_VERDICT_APPROVED);
  rules_test_assert_violation (hedged_l1, "R6.9");
  rules_test_assert_no_violation (hedged_l2, "R6.9");
}

/* A covered call rolled up and out (D2.19, D2.20): the old call is closed
 * first, so 100 shares cover the new one. */
static const char *call_roll =
  "{\"account\": \"com\", \"action\": \"roll\", \"strategy\": \"cc\", \"symbol\": \"MSFT\","
  " \"right\": \"C\", \"strike\": 430.0, \"expiry\": \"2026-11-20\", \"contracts\": 1,"
  " \"limit\": 0.80, \"original_credit\": 1.20, \"time\": \"2026-11-20T15:00:00-05:00\","
  " \"new_leg\": {\"strike\": 440.0, \"expiry\": \"2026-11-27\", \"delta\": 0.22, \"limit\": 0.60,"
  "   \"quote\": {\"bid\": 0.59, \"ask\": 0.61, \"open_interest\": 900, \"volume\": 300,"
  "              \"avg_daily_volume\": 700}},"
  " \"account_state\": {\"equity\": 120000.00, \"cash\": 1000.00, \"margin_used\": 0.00,"
  "   \"symbol_exposure\": {\"MSFT\": 42000.00}, \"shares_held\": {\"MSFT\": 100},"
  "   \"short_calls\": {\"MSFT\": 1}, \"high_water_mark\": 120000.00},"
  " \"market\": {\"spot\": 420.00, \"atr5\": 8.00, \"vix\": 18.5, \"earnings_this_week\": false}}";

static void
test_roll_covered_call (void)
{
  g_autoptr(AuVerdict) ok = rules_test_judge_json (call_roll, NULL);
  g_autoptr(AuVerdict) two = rules_test_judge_json (call_roll, "contracts", "2",
                                                    "account_state.short_calls.MSFT", "2", NULL);
  g_autoptr(AuVerdict) band = rules_test_judge_json (call_roll, "new_leg.delta", "0.26", NULL);

  rules_test_assert_status (ok, AU_VERDICT_APPROVED);
  /* Two calls rolled on 100 shares were never covered. */
  rules_test_assert_only_violation (two, "R0.2");
  rules_test_assert_only_violation (band, "R4.1");
}

static const char *close_order =
  "{\"account\": \"gen\", \"action\": \"close\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
  " \"right\": \"P\", \"strike\": 200.0, \"expiry\": \"2026-11-20\", \"contracts\": 1,"
  " \"limit\": 0.50, \"original_credit\": 1.20, \"time\": \"2026-11-20T15:00:00-05:00\","
  " \"quote\": {\"bid\": 0.49, \"ask\": 0.51}}";

/* D2.15 / D2.20: a close in the Friday window, at L1 and above, or for a
 * profit of at least 65% of the credit; never held to the entry limits. */
static void
test_close (void)
{
  const char *thursday = "\"2026-11-19T10:15:00-05:00\"";
  g_autoptr(AuVerdict) friday = rules_test_judge_json (close_order, NULL);
  g_autoptr(AuVerdict) early = rules_test_judge_json (close_order, "time", thursday, NULL);
  g_autoptr(AuVerdict) l1 = rules_test_judge_json (close_order, "time", thursday,
                                                   "account_state", "{\"protocol_level\": 1}",
                                                   NULL);
  g_autoptr(AuVerdict) profit_65 = rules_test_judge_json (close_order, "time", thursday,
                                                          "limit", "0.42", NULL);
  g_autoptr(AuVerdict) profit_64 = rules_test_judge_json (close_order, "time", thursday,
                                                          "limit", "0.43", NULL);
  g_autoptr(AuVerdict) wide = rules_test_judge_json (close_order, "quote.bid", "0.40",
                                                     "quote.ask", "0.60", NULL);
  g_autoptr(AuVerdict) after_window = rules_test_judge_json (close_order, "time",
                                                             "\"2026-11-20T15:46:00-05:00\"", NULL);

  rules_test_assert_status (friday, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (early, "R1.1");
  rules_test_assert_status (l1, AU_VERDICT_APPROVED);
  rules_test_assert_status (profit_65, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (profit_64, "R1.1");
  rules_test_assert_status (wide, AU_VERDICT_WARNING);
  rules_test_assert_warning (wide, "R8.3");
  rules_test_assert_only_violation (after_window, "R1.1");
}

/* D2.7 / R1.4: on the early-close Friday the manage window is 12:30-13:00. */
static void
test_close_early_close_day (void)
{
  g_autoptr(AuVerdict) in_window = rules_test_judge_json (close_order, "time",
                                                          "\"2026-11-27T12:45:00-05:00\"", NULL);
  g_autoptr(AuVerdict) before = rules_test_judge_json (close_order, "time",
                                                       "\"2026-11-27T12:29:00-05:00\"", NULL);
  g_autoptr(AuVerdict) after = rules_test_judge_json (close_order, "time",
                                                      "\"2026-11-27T14:45:00-05:00\"",
                                                      "account_state", "{\"protocol_level\": 1}",
                                                      NULL);

  rules_test_assert_status (in_window, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (before, "R1.1");
  rules_test_assert_only_violation (after, "R1.4");
}

/* A MINI's Com half sells its share lots before the merge (D2.3, D2.23):
 * a stock close is judged on shares, held to the Friday manage window and
 * market hours only (D2.20), not to round lots or the entry limits. */
static const char *stock_close_order =
  "{\"account\": \"mini\", \"mini_rules\": \"com\", \"action\": \"close\","
  " \"strategy\": \"stock\", \"symbol\": \"AAPL\", \"shares\": 300, \"limit\": 180.00,"
  " \"time\": \"2026-11-20T15:00:00-05:00\", \"quote\": {\"bid\": 179.98, \"ask\": 180.02}}";

static void
test_close_stock (void)
{
  g_autoptr(AuVerdict) friday = rules_test_judge_json (stock_close_order, NULL);
  g_autoptr(AuVerdict) com = rules_test_judge_json (stock_close_order, "account", "\"com\"",
                                                    "mini_rules", NULL, NULL);
  g_autoptr(AuVerdict) opens = rules_test_judge_json (stock_close_order, "time",
                                                      "\"2026-11-20T14:30:00-05:00\"", NULL);
  g_autoptr(AuVerdict) early = rules_test_judge_json (stock_close_order, "time",
                                                      "\"2026-11-20T14:29:59-05:00\"", NULL);
  g_autoptr(AuVerdict) closes = rules_test_judge_json (stock_close_order, "time",
                                                       "\"2026-11-20T15:45:00-05:00\"", NULL);
  g_autoptr(AuVerdict) late = rules_test_judge_json (stock_close_order, "time",
                                                     "\"2026-11-20T15:45:01-05:00\"", NULL);
  g_autoptr(AuVerdict) saturday = rules_test_judge_json (stock_close_order, "time",
                                                         "\"2026-11-21T15:00:00-05:00\"", NULL);
  g_autoptr(AuVerdict) one = rules_test_judge_json (stock_close_order, "shares", "1", NULL);
  g_autoptr(AuVerdict) zero = rules_test_judge_json (stock_close_order, "shares", "0", NULL);
  g_autoptr(AuVerdict) missing = rules_test_judge_json (stock_close_order, "shares", NULL,
                                                        "contracts", "3", NULL);
  g_autoptr(AuVerdict) as_option = rules_test_judge_json (stock_close_order, "strategy", NULL,
                                                          NULL);
  g_autoptr(AuVerdict) exit = rules_test_judge_json (stock_close_order, "action", "\"exit\"",
                                                     "time", "\"2026-11-19T09:31:00-05:00\"",
                                                     NULL);

  rules_test_assert_status (friday, AU_VERDICT_APPROVED);
  rules_test_assert_status (com, AU_VERDICT_APPROVED);
  rules_test_assert_status (opens, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (early, "R1.1");
  rules_test_assert_status (closes, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (late, "R1.1");
  rules_test_assert_only_violation (saturday, "R1.5");
  /* What is held is sold whole: no round-lot rule on a close. */
  rules_test_assert_status (one, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (zero, "R0.4");
  rules_test_assert_only_violation (missing, "R0.4");
  /* Without strategy: stock the order is an option close and needs contracts. */
  rules_test_assert_only_violation (as_option, "R0.4");
  rules_test_assert_status (exit, AU_VERDICT_APPROVED);
}

/* D2.15: a protocol exit at any time the market is open. */
static void
test_exit (void)
{
  g_autoptr(AuVerdict) thursday = rules_test_judge_json (close_order, "action", "\"exit\"",
                                                         "time", "\"2026-11-19T09:31:00-05:00\"",
                                                         NULL);
  g_autoptr(AuVerdict) saturday = rules_test_judge_json (close_order, "action", "\"exit\"",
                                                         "time", "\"2026-11-21T10:00:00-05:00\"",
                                                         NULL);
  g_autoptr(AuVerdict) no_contracts = rules_test_judge_json (close_order, "action", "\"exit\"",
                                                             "contracts", NULL, NULL);

  rules_test_assert_status (thursday, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (saturday, "R1.5");
  rules_test_assert_only_violation (no_contracts, "R0.4");
}

static const char *fork_order =
  "{\"account\": \"gen\", \"action\": \"fork\", \"time\": \"2026-11-19T10:15:00-05:00\","
  " \"base_capital\": 120000.00, \"account_state\": {\"equity\": 226500.00, \"sub_accounts\": 3}}";

/* R2.6 / D2.2 (research §6.1: Gen $226,500 over a $120,000 base forks),
 * R3.6 Rev's $500,000 step, R11.2 the sub-account cap of 8, where
 * sub_accounts counts the first tree's 3 sleeves too (3 = a new
 * portfolio): 7 + 1 fits, 8 + 1 does not; a Rev fork adds 3, 5 + 3 fits,
 * 6 + 3 does not. */
static void
test_fork (void)
{
  g_autoptr(AuVerdict) example = rules_test_judge_json (fork_order, NULL);
  g_autoptr(AuVerdict) on_step = rules_test_judge_json (fork_order, "account_state.equity",
                                                        "220000", NULL);
  g_autoptr(AuVerdict) short_step = rules_test_judge_json (fork_order, "account_state.equity",
                                                           "219999.99", NULL);
  g_autoptr(AuVerdict) eighth = rules_test_judge_json (fork_order, "account_state.sub_accounts",
                                                       "7", NULL);
  g_autoptr(AuVerdict) ninth = rules_test_judge_json (fork_order, "account_state.sub_accounts",
                                                      "8", NULL);
  g_autoptr(AuVerdict) rev = rules_test_judge_json (fork_order, "account", "\"rev\"",
                                                    "base_capital", "90000",
                                                    "account_state.equity", "612000", NULL);
  g_autoptr(AuVerdict) rev_short = rules_test_judge_json (fork_order, "account", "\"rev\"",
                                                          "base_capital", "90000",
                                                          "account_state.equity", "589999.99",
                                                          NULL);
  g_autoptr(AuVerdict) rev_full = rules_test_judge_json (fork_order, "account", "\"rev\"",
                                                         "base_capital", "90000",
                                                         "account_state.equity", "612000",
                                                         "account_state.sub_accounts", "6", NULL);
  g_autoptr(AuVerdict) rev_fits = rules_test_judge_json (fork_order, "account", "\"rev\"",
                                                         "base_capital", "90000",
                                                         "account_state.equity", "612000",
                                                         "account_state.sub_accounts", "5", NULL);
  g_autoptr(AuVerdict) com = rules_test_judge_json (fork_order, "account", "\"com\"", NULL);
  g_autoptr(AuVerdict) no_base = rules_test_judge_json (fork_order, "base_capital", NULL, NULL);

  rules_test_assert_status (example, AU_VERDICT_APPROVED);
  rules_test_assert_status (on_step, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (short_step, "R2.6");
  rules_test_assert_status (eighth, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (ninth, "R11.2");
  rules_test_assert_status (rev, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (rev_short, "R3.6");
  rules_test_assert_only_violation (rev_full, "R11.2");
  rules_test_assert_status (rev_fits, AU_VERDICT_APPROVED);
  rules_test_assert_violation (com, "R2.6");
  rules_test_assert_only_violation (no_base, "R2.6");
}

static const char *merge_order =
  "{\"account\": \"mini\", \"action\": \"merge\", \"time\": \"2026-11-20T15:00:00-05:00\","
  " \"initial_capital\": 100000.00, \"created\": \"2024-01-05\","
  " \"account_state\": {\"equity\": 300000.00, \"open_positions\": 0}}";

/* D2.3: at 3x or the 3rd anniversary, positions closed, Friday window. */
static void
test_merge (void)
{
  g_autoptr(AuVerdict) triple = rules_test_judge_json (merge_order, NULL);
  g_autoptr(AuVerdict) short_triple = rules_test_judge_json (merge_order, "account_state.equity",
                                                             "299999.99", NULL);
  g_autoptr(AuVerdict) anniversary = rules_test_judge_json (merge_order, "account_state.equity",
                                                            "180000", "created", "\"2023-11-20\"",
                                                            NULL);
  g_autoptr(AuVerdict) day_before = rules_test_judge_json (merge_order, "account_state.equity",
                                                           "180000", "created", "\"2023-11-21\"",
                                                           NULL);
  g_autoptr(AuVerdict) open = rules_test_judge_json (merge_order, "account_state.open_positions",
                                                     "1", NULL);
  g_autoptr(AuVerdict) thursday = rules_test_judge_json (merge_order, "time",
                                                         "\"2026-11-19T15:00:00-05:00\"", NULL);
  g_autoptr(AuVerdict) gen = rules_test_judge_json (merge_order, "account", "\"gen\"", NULL);

  rules_test_assert_status (triple, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (short_triple, "R2.6");
  rules_test_assert_status (anniversary, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (day_before, "R2.6");
  rules_test_assert_only_violation (open, "R2.6");
  rules_test_assert_only_violation (thursday, "R1.1");
  rules_test_assert_only_violation (gen, "R2.6");
}

static const char *reinvest_order =
  "{\"account\": \"rev\", \"action\": \"reinvest\", \"time\": \"2026-10-01T09:30:00-04:00\","
  " \"quarter_gains\": 20000.00, \"tax_reserve\": 6000.00, \"contracts_amount\": 10500.00,"
  " \"leap_amount\": 3500.00}";

/* R3.5 / D2.9, research §6.1: $20,000 -> $6,000 reserve, $10,500
 * contracts, $3,500 LEAPs, on the first trading day after a quarter end. */
static void
test_reinvest (void)
{
  g_autoptr(AuVerdict) example = rules_test_judge_json (reinvest_order, NULL);
  g_autoptr(AuVerdict) second_day = rules_test_judge_json (reinvest_order, "time",
                                                           "\"2026-10-02T09:30:00-04:00\"", NULL);
  g_autoptr(AuVerdict) after_new_year = rules_test_judge_json (reinvest_order, "time",
                                                               "\"2027-01-04T09:30:00-05:00\"",
                                                               NULL);
  g_autoptr(AuVerdict) new_year = rules_test_judge_json (reinvest_order, "time",
                                                         "\"2027-01-01T09:30:00-05:00\"", NULL);
  g_autoptr(AuVerdict) no_gains = rules_test_judge_json (reinvest_order, "quarter_gains", "0",
                                                         NULL);
  g_autoptr(AuVerdict) wrong_leaps = rules_test_judge_json (reinvest_order, "leap_amount",
                                                            "3500.01", NULL);
  g_autoptr(AuVerdict) com = rules_test_judge_json (reinvest_order, "account", "\"com\"", NULL);
  g_autoptr(AuVerdict) gen = rules_test_judge_json (reinvest_order, "account", "\"gen\"", NULL);

  rules_test_assert_status (example, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (second_day, "R3.5");
  rules_test_assert_status (after_new_year, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (new_year, "R3.5");
  rules_test_assert_only_violation (no_gains, "R3.5");
  rules_test_assert_only_violation (wrong_leaps, "R3.5");
  rules_test_assert_status (com, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (gen, "R10.1");
}

static const char *hedge_order =
  "{\"account\": \"gen\", \"action\": \"hedge\", \"symbol\": \"SPX\", \"right\": \"P\","
  " \"strike\": 5400, \"expiry\": \"2027-05-21\", \"contracts\": 1, \"limit\": 9.00,"
  " \"time\": \"2026-11-19T10:15:00-05:00\", \"quarter_gains\": 18000.00,"
  " \"quote\": {\"bid\": 8.90, \"ask\": 9.10, \"open_interest\": 5000, \"volume\": 800,"
  "            \"avg_daily_volume\": 2000},"
  " \"account_state\": {\"equity\": 120000.00, \"cash\": 120000.00, \"protocol_level\": 2},"
  " \"market\": {\"spot\": 6200.00, \"vix\": 24}}";

/* D2.4 with research §6.1's numbers: equity $120,000, gains $18,000:
 * budget max($1,350, $1,200) = $1,350, spend min($1,800, $1,350), split
 * 2:1, so $900 of SPX puts and $450 of VIX calls. */
static void
test_hedge (void)
{
  g_autoptr(AuVerdict) spx = rules_test_judge_json (hedge_order, NULL);
  g_autoptr(AuVerdict) spx_over = rules_test_judge_json (hedge_order, "limit", "9.01", NULL);
  g_autoptr(AuVerdict) vix = rules_test_judge_json (hedge_order, "symbol", "\"VIX\"",
                                                    "right", "\"C\"", "strike", "30",
                                                    "expiry", "\"2027-05-19\"", "limit", "4.50",
                                                    "quote.bid", "4.45", "quote.ask", "4.55", NULL);
  g_autoptr(AuVerdict) vix_over = rules_test_judge_json (hedge_order, "symbol", "\"VIX\"",
                                                         "right", "\"C\"", "strike", "30",
                                                         "expiry", "\"2027-05-19\"",
                                                         "limit", "4.51",
                                                         "quote.bid", "4.45", "quote.ask", "4.55",
                                                         NULL);
  g_autoptr(AuVerdict) near_otm = rules_test_judge_json (hedge_order, "strike", "5642", NULL);
  g_autoptr(AuVerdict) short_term = rules_test_judge_json (hedge_order, "expiry", "\"2027-05-14\"",
                                                           NULL);
  g_autoptr(AuVerdict) spy = rules_test_judge_json (hedge_order, "symbol", "\"SPY\"", NULL);
  g_autoptr(AuVerdict) kill = rules_test_judge_json (hedge_order, "market.vix", "80.01", NULL);
  g_autoptr(AuVerdict) safe = rules_test_judge_json (hedge_order, "market.vix", "70", NULL);

  rules_test_assert_status (spx, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (spx_over, "R5.1");
  rules_test_assert_status (vix, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (vix_over, "R5.1");
  rules_test_assert_only_violation (near_otm, "R5.2");
  rules_test_assert_only_violation (short_term, "R5.2");
  rules_test_assert_only_violation (spy, "R5.2");
  rules_test_assert_only_violation (kill, "R6.9");
  rules_test_assert_status (safe, AU_VERDICT_APPROVED);
}

/* R5.3: one trigger must hold; absent inputs do not hold (fail-closed). */
static void
test_hedge_triggers (void)
{
  const char *l0 = "account_state.protocol_level";
  g_autoptr(AuVerdict) none = rules_test_judge_json (hedge_order, l0, "1", NULL);
  g_autoptr(AuVerdict) vix5 = rules_test_judge_json (hedge_order, l0, "1",
                                                     "market.vix_days_above", "5", NULL);
  g_autoptr(AuVerdict) vix4 = rules_test_judge_json (hedge_order, l0, "1",
                                                     "market.vix_days_above", "4", NULL);
  g_autoptr(AuVerdict) dd20 = rules_test_judge_json (hedge_order, l0, "1",
                                                     "market.spx_drawdown", "0.20", NULL);
  g_autoptr(AuVerdict) dd19 = rules_test_judge_json (hedge_order, l0, "1",
                                                     "market.spx_drawdown", "0.1999", NULL);
  g_autoptr(AuVerdict) breadth19 = rules_test_judge_json (hedge_order, l0, "1",
                                                          "market.breadth", "0.1999", NULL);
  g_autoptr(AuVerdict) breadth20 = rules_test_judge_json (hedge_order, l0, "1",
                                                          "market.breadth", "0.20", NULL);

  rules_test_assert_only_violation (none, "R5.3");
  rules_test_assert_status (vix5, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (vix4, "R5.3");
  rules_test_assert_status (dd20, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (dd19, "R5.3");
  rules_test_assert_status (breadth19, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (breadth20, "R5.3");
}

static const char *leap_order =
  "{\"account\": \"rev\", \"action\": \"open\", \"strategy\": \"leap_call\", \"symbol\": \"NVDA\","
  " \"right\": \"C\", \"strike\": 200, \"expiry\": \"2028-01-21\", \"delta\": 0.30,"
  " \"contracts\": 1, \"limit\": 25.00, \"time\": \"2026-11-18T10:15:00-05:00\","
  " \"quote\": {\"bid\": 24.80, \"ask\": 25.20, \"open_interest\": 2000, \"volume\": 300,"
  "            \"avg_daily_volume\": 800},"
  " \"account_state\": {\"equity\": 90000.00, \"cash\": 90000.00, \"margin_used\": 0,"
  "   \"symbol_exposure\": {\"NVDA\": 0}, \"high_water_mark\": 90000.00},"
  " \"market\": {\"spot\": 185.00, \"atr5\": 6.00, \"vix\": 18.5, \"earnings_this_week\": false}}";

/* R17.1: growth calls delta 0.25-0.35, 12-18 months, bought with
 * reinvested gains (so not by Gen-Acc, R10.1). */
static void
test_leap (void)
{
  g_autoptr(AuVerdict) ok = rules_test_judge_json (leap_order, NULL);
  g_autoptr(AuVerdict) delta = rules_test_judge_json (leap_order, "delta", "0.36", NULL);
  g_autoptr(AuVerdict) nine_months = rules_test_judge_json (leap_order, "expiry", "\"2027-08-20\"",
                                                            NULL);
  g_autoptr(AuVerdict) gen = rules_test_judge_json (leap_order, "account", "\"gen\"",
                                                    "time", "\"2026-11-19T10:15:00-05:00\"", NULL);
  g_autoptr(AuVerdict) poor = rules_test_judge_json (leap_order, "account_state.cash", "2499.99",
                                                     NULL);

  rules_test_assert_status (ok, AU_VERDICT_APPROVED);
  rules_test_assert_only_violation (delta, "R17.1");
  rules_test_assert_only_violation (nine_months, "R17.1");
  rules_test_assert_only_violation (gen, "R17.1");
  rules_test_assert_only_violation (poor, "R0.2");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Rules/Actions/roll-economics", test_roll_economics);
  g_test_add_func ("/Rules/Actions/roll-new-leg", test_roll_new_leg);
  g_test_add_func ("/Rules/Actions/roll-windows", test_roll_windows);
  g_test_add_func ("/Rules/Actions/roll-covered-call", test_roll_covered_call);
  g_test_add_func ("/Rules/Actions/close", test_close);
  g_test_add_func ("/Rules/Actions/close-early-close-day", test_close_early_close_day);
  g_test_add_func ("/Rules/Actions/close-stock", test_close_stock);
  g_test_add_func ("/Rules/Actions/exit", test_exit);
  g_test_add_func ("/Rules/Actions/fork", test_fork);
  g_test_add_func ("/Rules/Actions/merge", test_merge);
  g_test_add_func ("/Rules/Actions/reinvest", test_reinvest);
  g_test_add_func ("/Rules/Actions/hedge", test_hedge);
  g_test_add_func ("/Rules/Actions/hedge-triggers", test_hedge_triggers);
  g_test_add_func ("/Rules/Actions/leap", test_leap);

  return g_test_run ();
}

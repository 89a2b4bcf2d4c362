/* test-reports-ladder.c: acceptance test 8's "quarterly ladder report"
 * (research §3.18) in the reports, on a database where the ladder traded
 *
 * The market of tests/scenarios' #8: VIX 24 to the end of June, 17 from
 * July; SPY flat to the end of March, then 20% up by the end of June.
 * The autopilot runs a $6,000,000 tree from 2016-02-29 to the first
 * Friday of the second quarter, 2016-04-01, whose review buys the first
 * rungs (R17.1: calls 12–18 months, puts 6–12 months while VIX ≥ 20). It
 * is then switched off and the market runs on alone to the first Friday
 * of the third quarter, 2016-07-01 (three months of the whole autopilot
 * would take far longer than a test may); started again that morning,
 * its review closes the hedge puts (R17.3: VIX 17 < 20) and rolls the
 * calls whose delta rose above 0.50. Built once for the whole binary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-money.h"
#include "reports-fixture.h"
#include "scenario-fixture.h"

#define SEED 42

static Scenario scenario;

static void
script_market (AuMarketSim *market)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) vix = NULL;
  g_autoptr(GArray) spy = NULL;
  double spot, closes[90];
  GDate day, d;
  int minute;
  guint to_july = 0;

  au_market_sim_get_clock (market, &day, &minute);
  for (d = day; g_date_get_month (&d) < 7; au_nyse_next_trading_day (&d))
    to_july++;
  {
    double level = 24;

    vix = scripted_bars (market, "VIX", &level, 1, to_july, 0);
  }
  for (guint i = 0; i < vix->len; i++)
    {
      AuDailyBar *bar = &g_array_index (vix, AuDailyBar, i);

      bar->open = bar->high = bar->low = bar->close;
    }
  for (guint i = 0; i < 20; i++, au_nyse_next_trading_day (&d))
    {
      AuDailyBar bar = { 0 };

      bar.date = d;
      bar.open = bar.high = bar.low = bar.close = 17 * AU_PRICE_SCALE;
      bar.volume = 1000000;
      g_array_append_val (vix, bar);
    }
  g_assert_true (au_market_sim_replay (market, "VIX", vix, &error));
  g_assert_no_error (error);

  g_assert_true (au_market_sim_get_price (market, "SPY", &spot));
  d = day;
  for (guint i = 0; i < G_N_ELEMENTS (closes); i++, au_nyse_next_trading_day (&d))
    closes[i] = g_date_get_month (&d) < 4 ? spot
                : spot * (1.0 + 0.20 * MIN (1.0, (i - 23.0) / (to_july - 24.0)));
  spy = scripted_bars (market, "SPY", closes, G_N_ELEMENTS (closes), to_july + 20, 0.004);
  g_assert_true (au_market_sim_replay (market, "SPY", spy, &error));
  g_assert_no_error (error);
}

static void
build_database (void)
{
  g_autoptr(GError) error = NULL;

  scenario_open_with_capital (&scenario, SEED, 2016, 2, 29, FALSE, script_market,
                              (AuMoney) 6000000 * AU_MONEY_SCALE);
  scenario_run_until (&scenario, et_usec (2016, 4, 1, 17, 0));
  scenario_crash_autopilot (&scenario);
  g_assert_true (au_paper_broker_advance_to (scenario.broker, et_usec (2016, 7, 1, 9, 0),
                                             &error));
  g_assert_no_error (error);
  scenario_start_autopilot (&scenario);
  scenario_run_until (&scenario, et_usec (2016, 7, 1, 17, 0));
  scenario_crash_autopilot (&scenario);
}

static AuReport *
report_for (AuReportPeriod  period,
            const char     *day)
{
  return report_open (scenario.path, period, day);
}


static JsonObject *
leap_report_of (AuReport  *report,
                JsonNode **holder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = au_report_to_json (report);
  JsonObject *root;

  *holder = json_from_string (json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (*holder);
  g_assert_true (json_object_has_member (root, "leap_ladder_report"));
  if (json_object_get_null_member (root, "leap_ladder_report"))
    return NULL;
  return json_object_get_object_member (root, "leap_ladder_report");
}

static JsonObject *
rung (JsonObject *ladder,
      const char *contract)
{
  JsonArray *rungs = json_object_get_array_member (ladder, "rungs");

  for (guint i = 0; i < json_array_get_length (rungs); i++)
    {
      JsonObject *r = json_array_get_object_element (rungs, i);

      if (g_str_equal (json_object_get_string_member (r, "contract"), contract))
        return r;
    }
  g_assert_not_reached ();
}

/* 2016Q2: the first rungs, bought from the budget at the review of
 * Friday 2016-04-01 (R17.1): a call 12.6 months out at Δ 0.29, a put 6.7
 * months out at Δ −0.13 (VIX 24 ≥ 20). */
static void
test_quarter_q2 (void)
{
  g_autoptr(AuReport) report = report_for (AU_REPORT_QUARTER, "2016-05-15");
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *l = leap_report_of (report, &holder), *call, *put;

  g_assert_nonnull (l);
  g_assert_cmpstr (json_object_get_string_member (l, "quarter"), ==, "2016Q2");
  g_assert_cmpstr (json_object_get_string_member (l, "review_time"), ==,
                   "2016-04-01T14:30:00-04:00");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (l, "rungs")), ==, 2);
  call = rung (l, "SPY 2017-04-21 C 564");
  put = rung (l, "SPY 2016-10-21 P 416");
  g_assert_cmpstr (json_object_get_string_member (call, "right"), ==, "call");
  g_assert_cmpstr (json_object_get_string_member (call, "kind"), ==, "growth");
  g_assert_cmpstr (json_object_get_string_member (put, "right"), ==, "put");
  /* $14.90 × 100 and $6.26 × 100 a contract, in cents; how many the
   * budget bought depends on the quarter's gains (D2.9). */
  g_assert_cmpint (json_object_get_int_member (call, "quantity"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (put, "quantity"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (call, "cost"), ==,
                   149000 * json_object_get_int_member (call, "quantity"));
  g_assert_cmpint (json_object_get_int_member (put, "cost"), ==,
                   62600 * json_object_get_int_member (put, "quantity"));
  g_assert_cmpint (json_object_get_int_member (l, "total_cost"), ==,
                   json_object_get_int_member (call, "cost")
                   + json_object_get_int_member (put, "cost"));
  /* R17.1: Δ 0.25–0.35 for the call. */
  g_assert_cmpfloat (json_object_get_double_member (call, "delta_at_purchase"), >=, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (call, "delta_at_purchase"), <=, 0.35);
  g_assert_cmpfloat (json_object_get_double_member (put, "delta_at_purchase"), <, 0);
  g_assert_cmpstr (json_object_get_string_member (call, "origin"), ==, "budget");
  g_assert_cmpstr (json_object_get_string_member (call, "state"), ==, "open");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (l, "orders")), ==, 2);
}

/* 2016Q3: VIX 17 < 20 closes the put; the call's delta 0.70 left
 * 0.20–0.50, so it is rolled into SPY 2017-07-21 C 656 (R17.3, R17.2). */
static void
test_quarter_q3_rolls (void)
{
  g_autoptr(AuReport) report = report_for (AU_REPORT_QUARTER, "2016-07-01");
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *l = leap_report_of (report, &holder), *rolled;
  JsonArray *orders, *reviews, *notes = NULL;
  guint roll_close = 0, roll_open = 0, hedge_close = 0;

  g_assert_nonnull (l);
  g_assert_cmpstr (json_object_get_string_member (l, "quarter"), ==, "2016Q3");
  g_assert_cmpstr (json_object_get_string_member (rung (l, "SPY 2017-04-21 C 564"), "state"), ==,
                   "closing");
  g_assert_cmpstr (json_object_get_string_member (rung (l, "SPY 2016-10-21 P 416"), "state"), ==,
                   "closing");
  rolled = rung (l, "SPY 2017-07-21 C 656");
  g_assert_cmpstr (json_object_get_string_member (rolled, "origin"), ==, "roll");
  g_assert_cmpstr (json_object_get_string_member (rolled, "bought_in"), ==, "2016Q3");
  /* $15.16 × 100 a contract; a roll keeps the rung's quantity (R17.3). */
  g_assert_cmpint (json_object_get_int_member (rolled, "cost"), ==,
                   151600 * json_object_get_int_member (rolled, "quantity"));
  g_assert_cmpint (json_object_get_int_member (rolled, "quantity"), ==,
                   json_object_get_int_member (rung (l, "SPY 2017-04-21 C 564"), "quantity"));
  /* The Q2 call keeps the delta it was bought at, not today's 0.70. */
  g_assert_cmpfloat (json_object_get_double_member (rung (l, "SPY 2017-04-21 C 564"),
                                                    "delta_at_purchase"), <=, 0.35);
  orders = json_object_get_array_member (l, "orders");
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);
      const char *purpose = json_object_get_string_member (o, "purpose");

      if (g_str_equal (purpose, "leap_roll_close"))
        {
          roll_close++;
          g_assert_cmpstr (json_object_get_string_member (o, "rule"), ==, "R17.3");
          g_assert_cmpfloat (json_object_get_double_member (o, "delta"), >, 0.50);
        }
      roll_open += g_str_equal (purpose, "leap_roll_open");
      hedge_close += g_str_equal (purpose, "leap_hedge_close");
    }
  g_assert_cmpuint (roll_close, ==, 1);
  g_assert_cmpuint (roll_open, ==, 1);
  g_assert_cmpuint (hedge_close, ==, 1);
  reviews = json_object_get_array_member (l, "reviews");
  for (guint i = 0; i < json_array_get_length (reviews); i++)
    {
      JsonObject *r = json_array_get_object_element (reviews, i);

      if (g_str_equal (json_object_get_string_member (r, "account"), "ALL-USE-1/Rev"))
        {
          g_assert_cmpstr (json_object_get_string_member (r, "verdict"), ==, "PLANNED");
          notes = json_object_get_array_member (r, "notes");
        }
    }
  g_assert_nonnull (notes);
  g_assert_nonnull (strstr (json_array_get_string_element (notes, 0), "R17.3: VIX 17.00 < 20"));
}

/* Every format carries it: text, CSV and the PDF. */
static void
test_formats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReport) report = report_for (AU_REPORT_QUARTER, "2016-07-01");
  g_autofree char *text = au_report_to_text (report);
  g_autofree char *csv = au_report_to_csv (report);
  g_autoptr(GPtrArray) rows = csv_parse (csv);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) again = NULL;
  guint pages = 0;

  g_assert_nonnull (strstr (text, "LEAP ladder report 2016Q3 (R17.4)"));
  g_assert_nonnull (strstr (text, "growth call: SPY 2017-07-21 C 656 × 2, cost $3,032.00"));
  g_assert_nonnull (strstr (text, "leap_roll_close, R17.3, delta 0.70"));
  /* Thousands separators for people, none in the CSV. */
  g_assert_nonnull (strstr (text, "cost $6,638.00"));
  g_assert_cmpstr (csv_value (rows, "leap_report", "", "2016Q3"), ==, "6638.00");
  g_assert_cmpstr (csv_value (rows, "leap_report_rung", "ALL-USE-1/Rev", "SPY 2017-07-21 C 656"),
                   ==, "3032.00");
  g_assert_cmpstr (csv_value (rows, "leap_order", "ALL-USE-1/Rev", "SPY 2017-04-21 C 564"), ==,
                   "sell 2");
  g_assert_cmpstr (csv_value (rows, "leap_review", "ALL-USE-1/Com", "2016Q3"), ==, "NO_ACTION");

  pdf = au_report_to_pdf (report, &pages, &error);
  g_assert_no_error (error);
  again = au_report_to_pdf (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, again));
  g_assert_cmpuint (pdf_page_count (pdf), ==, pages);
}

/* Q1 had no review: the quarter says so; a week or month carries the
 * report only when the review fell in it (Friday 2016-04-01). */
static void
test_periods (void)
{
  g_autoptr(AuReport) q1 = report_for (AU_REPORT_QUARTER, "2016-02-29");
  g_autoptr(AuReport) week = report_for (AU_REPORT_WEEK, "2016-04-01");
  g_autoptr(AuReport) week_before = report_for (AU_REPORT_WEEK, "2016-03-25");
  g_autoptr(AuReport) april = report_for (AU_REPORT_MONTH, "2016-04-30");
  g_autoptr(AuReport) may = report_for (AU_REPORT_MONTH, "2016-05-01");
  g_autoptr(JsonNode) h1 = NULL, h2 = NULL, h3 = NULL, h4 = NULL, h5 = NULL;
  g_autofree char *text = au_report_to_text (q1);
  g_autofree char *week_text = au_report_to_text (week_before);

  g_assert_null (leap_report_of (q1, &h1));
  g_assert_nonnull (strstr (text, "LEAP ladder report 2016Q1 (R17.4): none is stored"));
  g_assert_cmpstr (json_object_get_string_member (leap_report_of (week, &h2), "quarter"), ==,
                   "2016Q2");
  g_assert_null (leap_report_of (week_before, &h3));
  g_assert_null (strstr (week_text, "LEAP ladder report"));
  g_assert_cmpstr (json_object_get_string_member (leap_report_of (april, &h4), "quarter"), ==,
                   "2016Q2");
  g_assert_null (leap_report_of (may, &h5));
}

/* The answers name rule numbers and only stored numbers. */
static void
test_explain (void)
{
  g_autoptr(AuReport) q3 = report_for (AU_REPORT_QUARTER, "2016-07-01");
  g_autoptr(AuReport) may = report_for (AU_REPORT_MONTH, "2016-05-01");
  g_autoptr(AuReport) week = report_for (AU_REPORT_WEEK, "2016-07-01");
  g_autofree char *ladder = au_report_explain (q3, "What does the LEAP ladder hold?");
  g_autofree char *between = au_report_explain (may, "What does the ladder hold?");
  g_autofree char *hedged = au_report_explain (week, "Why was the week Hedged?");
  g_autofree char *why = au_report_explain (week, "Why was the week Calm-Income?");
  g_autofree char *roll = au_report_explain (week, "Why did it roll?");
  g_autofree char *other = au_report_explain (week, "Will it rain?");

  g_assert_nonnull (strstr (ladder, "2016Q3 (R17.4)"));
  g_assert_nonnull (strstr (ladder, "3 rung(s) at a cost of $6,638.00"));
  g_assert_nonnull (strstr (ladder, "growth call SPY 2017-07-21 C 656 × 2, bought in 2016Q3 by "
                            "a roll (R17.2) at delta 0.31, cost $3,032.00, open"));
  g_assert_nonnull (strstr (ladder, "R17.3: VIX 17.00 < 20"));
  /* May: no review; the rungs the ladder table lists by its end. */
  g_assert_nonnull (strstr (between, "No quarterly LEAP ladder review fell in the month"));
  g_assert_nonnull (strstr (between, "SPY 2017-04-21 C 564 × 2 bought in 2016Q2, cost "
                            "$2,980.00"));
  g_assert_nonnull (strstr (hedged, "Week 2016-W26 was Calm-Income (D2.5)"));
  g_assert_nonnull (strstr (hedged, "No week or sleeve of the week 2016-06-27 to 2016-07-03 "
                            "was Hedged"));
  g_assert_nonnull (strstr (hedged, "(R5.3, R6.6)"));
  g_assert_nonnull (strstr (hedged, "(R6.9)"));
  g_assert_nonnull (strstr (why, "ALL-USE-1/Rev was Calm-Income in 2016-W26"));
  g_assert_nonnull (strstr (roll, "R6.3"));
  g_assert_nonnull (strstr (other, "What does the LEAP ladder hold?"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_database ();
  g_test_add_func ("/acceptance/8-ladder-report/q2", test_quarter_q2);
  g_test_add_func ("/acceptance/8-ladder-report/q3-rolls", test_quarter_q3_rolls);
  g_test_add_func ("/acceptance/8-ladder-report/formats", test_formats);
  g_test_add_func ("/acceptance/8-ladder-report/periods", test_periods);
  g_test_add_func ("/acceptance/8-ladder-report/explain", test_explain);
  status = g_test_run ();
  scenario_close (&scenario);
  return status;
}

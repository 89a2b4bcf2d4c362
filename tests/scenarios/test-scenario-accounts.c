/* test-scenario-accounts.c: acceptance tests #7 (the MINI's merge) and
 * #8 (the LEAP ladder) of research §3.18 on the paper market. Prices,
 * the VIX level and the engine's downtime are scripted; the autopilot and
 * the account manager decide; the test reads the audit trail, the ledger
 * and the stored ladder reports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "au-account-manager.h"
#include "au-money.h"
#include "scenario-fixture.h"

#define SEED 42
#define WEEK_USEC ((gint64) 7 * 24 * 3600 * G_USEC_PER_SEC)

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return object != NULL ? json_object_get_string_member_with_default (object, name, "") : "";
}

static JsonObject *
context_of (const AuAuditRecord *record)
{
  return record->context != NULL && JSON_NODE_HOLDS_OBJECT (record->context)
         ? json_node_get_object (record->context) : NULL;
}

static gint64
sql_int (Scenario   *s,
         const char *sql,
         gint64      arg)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (s->db, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GDate
date_of (const char *iso)
{
  g_autoptr(GDateTime) time = au_eastern_from_iso8601 (iso, NULL);
  GDate date;
  int minute;

  g_assert_nonnull (time);
  au_eastern_split (time, &date, &minute);
  return date;
}

/* #7: Gen forks a MINI (D2.2); the engine is then switched off and the
 * market runs on without it past the MINI's third anniversary — three
 * simulated years of the market alone, where the whole autopilot would
 * take minutes. Started again the next morning, it reconciles (R9.1);
 * the MINI, due to merge, opens nothing (D2.3), and at the Friday manage
 * window its whole balance moves into its tree's Com-Acc as one balanced
 * ledger transaction, its account event 'merged', audited under D2.3. */
static void
test_mini_merge (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) anniversary = NULL;
  gint64 mini_id = 0, com_id = 0, fork_week_end = 0, restart, anniversary_usec, txn;
  AuLedgerSummary com_before, com_after, mini_before, mini_after;
  AuLedgerAccount mini = { 0 };
  guint mini_opens_after = 0;
  gboolean reconciled = FALSE, merged = FALSE;
  GDate day;
  int minute;

  /* A large Gen sleeve on a calm autumn market earns $100K in weeks. */
  scenario_open_with_capital (&s, SEED, 2016, 9, 6, FALSE, NULL,
                              (AuMoney) 30000000 * AU_MONEY_SCALE);
  for (int week = 0; week < 10 && au_autopilot_get_stats (s.autopilot)->forks == 0; week++)
    {
      fork_week_end = et_usec (2016, 9, 9, 17, 0) + (gint64) week * WEEK_USEC;
      scenario_run_until (&s, fork_week_end);
    }
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->forks, ==, 1);

  accounts = au_ledger_list_accounts (s.ledger, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *a = &g_array_index (accounts, AuLedgerAccount, i);

      if (a->kind == AU_ACCOUNT_MINI)
        mini_id = a->id;
      if (a->kind == AU_ACCOUNT_COM && com_id == 0)
        com_id = a->id;
    }
  g_assert_cmpint (mini_id, >, 0);
  g_assert_true (au_ledger_get_account (s.ledger, mini_id, &mini, &error));
  g_assert_no_error (error);
  created = g_date_time_new_from_iso8601 (mini.created_at, NULL);
  g_assert_nonnull (created);
  anniversary = g_date_time_add_years (created, 3);
  anniversary_usec = g_date_time_to_unix (anniversary) * G_USEC_PER_SEC;

  /* The engine goes away on the fork's Friday evening; the broker and
   * the market go on to 09:00 the day after the anniversary. */
  scenario_crash_autopilot (&s);
  {
    g_autoptr(GDateTime) et = g_date_time_to_timezone (anniversary, au_eastern_time_zone ());

    au_eastern_split (et, &day, &minute);
    g_date_add_days (&day, 1);
    g_assert_cmpint (g_date_get_weekday (&day), <, G_DATE_FRIDAY);
    restart = et_usec (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                       9, 0);
    while (g_date_get_weekday (&day) != G_DATE_FRIDAY)
      g_date_add_days (&day, 1);
  }
  g_assert_true (au_paper_broker_advance_to (s.broker, restart, &error));
  g_assert_no_error (error);
  scenario_start_autopilot (&s);
  g_assert_true (au_ledger_get_summary (s.ledger, com_id, &com_before, &error));
  g_assert_no_error (error);

  /* The MINI was forked at the cut and has held nothing since. */
  g_assert_true (au_ledger_get_summary (s.ledger, mini_id, &mini_before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mini_before.cash, ==, mini_before.equity_at_cost);
  g_assert_cmpint (mini_before.cash, ==, (AuMoney) 100000 * AU_MONEY_SCALE);

  /* To that week's Friday evening. */
  scenario_run_until (&s, et_usec (g_date_get_year (&day), g_date_get_month (&day),
                                   g_date_get_day (&day), 17, 0));
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->merges, ==, 1);

  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = context_of (r);
      g_autoptr(GDateTime) t = au_eastern_from_iso8601 (r->time, NULL);
      gint64 usec = g_date_time_to_unix (t) * G_USEC_PER_SEC;
      GDate at = date_of (r->time);

      if (usec < restart)
        continue;
      if (g_strcmp0 (r->kind, "state") == 0 && g_strcmp0 (r->verdict, "MONITORING") == 0)
        reconciled = TRUE;
      if (g_strcmp0 (r->kind, "merge") == 0 && g_strcmp0 (r->verdict, "MERGED") == 0)
        {
          g_assert_cmpstr (r->rules[0], ==, "D2.3");
          g_assert_nonnull (strstr (member_string (p, "reason"), "anniversary"));
          /* At the Friday manage window (D2.3, D2.15), 14:30–15:45 ET. */
          g_assert_cmpint (g_date_get_weekday (&at), ==, G_DATE_FRIDAY);
          au_eastern_split (t, &at, &minute);
          g_assert_cmpint (minute, >=, 14 * 60 + 30);
          g_assert_cmpint (minute, <=, 15 * 60 + 45);
          g_assert_cmpfloat (json_object_get_double_member (p, "equity"), ==, 100000.0);
          merged = TRUE;
        }
      if (g_strcmp0 (r->kind, "rule_check") != 0 || p == NULL
          || g_strcmp0 (member_string (p, "account"), "mini") != 0
          || (g_strcmp0 (r->verdict, "APPROVED") != 0 && g_strcmp0 (r->verdict, "WARNING") != 0))
        continue;
      if (g_strcmp0 (member_string (p, "action"), "open") == 0 && usec >= anniversary_usec)
        mini_opens_after++;
    }
  g_assert_true (reconciled);
  g_assert_cmpuint (mini_opens_after, ==, 0);
  g_assert_true (merged);

  /* One balanced transaction moved the whole balance (D2.3). */
  g_assert_true (au_ledger_get_summary (s.ledger, mini_id, &mini_after, &error));
  g_assert_true (au_ledger_get_summary (s.ledger, com_id, &com_after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mini_after.equity_at_cost, ==, 0);
  g_assert_cmpint (mini_after.cash, ==, 0);
  txn = sql_int (&s, "SELECT transaction_id FROM ledger_account_events WHERE account_id = ?1 "
                 "AND status = 'merged'", mini_id);
  g_assert_cmpint (txn, >, 0);
  g_assert_cmpint (sql_int (&s, "SELECT sum (amount) FROM ledger_postings WHERE transaction_id "
                            "= ?1", txn), ==, 0);
  g_assert_cmpint (com_after.transfers_net - com_before.transfers_net, ==,
                   mini_before.equity_at_cost);
  {
    AuLedgerAccount after = { 0 };

    g_assert_true (au_ledger_get_account (s.ledger, mini_id, &after, &error));
    g_assert_cmpint (after.status, ==, AU_ACCOUNT_MERGED);
    au_ledger_account_clear (&after);
  }
  au_ledger_account_clear (&mini);
  scenario_close (&s);
}

/* #8: VIX at 24 from the start, 17 from July; SPY up 20% through the
 * second quarter. */
static void
script_leap_market (AuMarketSim *market)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) vix = NULL;
  g_autoptr(GArray) spy = NULL;
  double spot, closes[90];
  double levels[2] = { 24, 17 };
  GDate day;
  int minute;
  guint to_july = 0;

  au_market_sim_get_clock (market, &day, &minute);
  for (GDate d = day; g_date_get_month (&d) < 7; au_nyse_next_trading_day (&d))
    to_july++;
  vix = scripted_bars (market, "VIX", levels, 1, to_july, 0);
  {
    g_autoptr(GArray) after = NULL;
    GDate d = day;

    for (guint i = 0; i < to_july; i++)
      au_nyse_next_trading_day (&d);
    for (guint i = 0; i < vix->len; i++)
      {
        AuDailyBar *bar = &g_array_index (vix, AuDailyBar, i);

        bar->open = bar->high = bar->low = bar->close;
      }
    for (guint i = 0; i < 20; i++, au_nyse_next_trading_day (&d))
      {
        AuDailyBar bar = { 0 };

        bar.date = d;
        bar.open = bar.high = bar.low = bar.close = (AuPrice) (levels[1] * AU_PRICE_SCALE);
        bar.volume = 1000000;
        g_array_append_val (vix, bar);
      }
  }
  g_assert_true (au_market_sim_replay (market, "VIX", vix, &error));
  g_assert_no_error (error);

  /* SPY flat to the end of March, then 20% up by the end of June. */
  g_assert_true (au_market_sim_get_price (market, "SPY", &spot));
  for (guint i = 0; i < G_N_ELEMENTS (closes); i++)
    {
      GDate d = day;

      for (guint k = 0; k < i; k++)
        au_nyse_next_trading_day (&d);
      closes[i] = g_date_get_month (&d) < 4 ? spot
                  : spot * (1.0 + 0.20 * MIN (1.0, (i - 23.0) / (to_july - 24.0)));
    }
  spy = scripted_bars (market, "SPY", closes, G_N_ELEMENTS (closes), to_july + 20, 0.004);
  g_assert_true (au_market_sim_replay (market, "SPY", spy, &error));
  g_assert_no_error (error);
}

static GDate
expiry_of (JsonObject *proposal)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, member_string (proposal, "expiry"));
  g_assert_true (g_date_valid (&date));
  return date;
}

static void
test_leap_ladder (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuAccountManager) manager = NULL;
  g_autoptr(JsonNode) q2 = NULL;
  g_autoptr(JsonNode) q3 = NULL;
  guint calls = 0, puts = 0, hedge_closes = 0, roll_closes = 0, roll_opens = 0, reports = 0;
  GDate july;

  g_date_clear (&july, 1);
  g_date_set_dmy (&july, 1, 7, 2016);
  scenario_open_with_capital (&s, SEED, 2016, 2, 29, FALSE, script_leap_market,
                              (AuMoney) 6000000 * AU_MONEY_SCALE);
  scenario_run_until (&s, et_usec (2016, 7, 1, 17, 0));

  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = context_of (r);
      GDate day = date_of (r->time);
      const char *strategy = member_string (p, "strategy");
      const char *action = member_string (p, "action");

      if (g_strcmp0 (r->kind, "leap_report") == 0)
        reports++;
      if (g_strcmp0 (r->kind, "rule_check") != 0 || p == NULL
          || (g_strcmp0 (r->verdict, "APPROVED") != 0 && g_strcmp0 (r->verdict, "WARNING") != 0))
        continue;
      if (g_strcmp0 (strategy, "leap_call") == 0 && g_strcmp0 (action, "open") == 0)
        {
          GDate expiry = expiry_of (p);
          GDate low = day, high = day;

          /* R17.1: 12–18 months, Δ 0.25–0.35. */
          g_date_add_months (&low, 12);
          g_date_add_months (&high, 18);
          g_assert_cmpint (g_date_compare (&expiry, &low), >=, 0);
          g_assert_cmpint (g_date_compare (&expiry, &high), <=, 0);
          g_assert_cmpfloat (json_object_get_double_member (p, "delta"), >=, 0.25);
          g_assert_cmpfloat (json_object_get_double_member (p, "delta"), <=, 0.35);
          calls++;
          if (g_date_compare (&day, &july) == 0)
            roll_opens++;
        }
      if (g_strcmp0 (strategy, "leap_put") == 0 && g_strcmp0 (action, "open") == 0)
        {
          GDate expiry = expiry_of (p);
          GDate low = day, high = day;

          /* R17.1: 6–12 months; bought only while VIX ≥ 20 (R17.3). */
          g_date_add_months (&low, 6);
          g_date_add_months (&high, 12);
          g_assert_cmpint (g_date_compare (&expiry, &low), >=, 0);
          g_assert_cmpint (g_date_compare (&expiry, &high), <=, 0);
          g_assert_cmpint (g_date_compare (&day, &july), <, 0);
          puts++;
        }
      if (g_strcmp0 (action, "close") == 0 && g_strcmp0 (member_string (p, "symbol"), "SPY") == 0
          && g_date_compare (&day, &july) == 0 && member_string (p, "expiry")[0] != '\0')
        {
          GDate expiry = expiry_of (p);

          /* Not a weekly: a rung of the ladder. */
          if (g_date_days_between (&day, &expiry) < 90)
            continue;
          if (g_strcmp0 (member_string (p, "right"), "P") == 0)
            hedge_closes++;  /* R17.3: VIX 17 < 20 */
          else
            roll_closes++;   /* R17.3: the call's delta rose above 0.50 */
        }
    }
  g_assert_cmpuint (calls, >, 0);
  g_assert_cmpuint (puts, >, 0);
  g_assert_cmpuint (hedge_closes, >, 0);
  g_assert_cmpuint (roll_closes, >, 0);
  g_assert_cmpuint (roll_opens, >, 0);
  g_assert_cmpuint (reports, ==, 2);

  /* The quarterly reports, readable by the reports module. */
  manager = au_account_manager_new (s.constitution, s.db, s.ledger, s.audit, s.rules, &error);
  g_assert_no_error (error);
  q2 = au_account_manager_leap_ladder_report (manager, "2016Q2", &error);
  g_assert_no_error (error);
  q3 = au_account_manager_leap_ladder_report (manager, "2016Q3", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (json_node_get_object (q2), "growth"),
                       "cost"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (json_node_get_object (q2), "hedge"),
                       "cost"), >, 0);
  g_assert_null (au_account_manager_leap_ladder_report (manager, "2016Q1", &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* R17.4: the rungs were paid from the LEAP budget. */
  g_assert_cmpint (sql_int (&s, "SELECT count (*) FROM ledger_transactions WHERE kind = "
                            "'leap_release' AND ?1 = ?1", 0), >, 0);
  scenario_close (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenarios/7-mini-merge", test_mini_merge);
  g_test_add_func ("/scenarios/8-leap-ladder", test_leap_ladder);
  return g_test_run ();
}

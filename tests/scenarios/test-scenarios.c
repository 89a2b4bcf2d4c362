/* test-scenarios.c: the acceptance tests of research §3.18 on the paper
 * market — prices scripted where the test needs them, the autopilot left
 * to act, and what it did asserted from the audit trail and the ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "scenario-fixture.h"

#define SEED 42

static const char *gen_universe[] = { "AAPL", "MSFT", "AMZN", "GOOG", "SPY", "QQQ", "IWM" };

static double
member_double (JsonObject *object,
               const char *name)
{
  return json_object_has_member (object, name) ? json_object_get_double_member (object, name) : 0;
}

static JsonObject *
proposal_of (const AuAuditRecord *record)
{
  if (g_strcmp0 (record->kind, "rule_check") != 0 || record->context == NULL
      || !JSON_NODE_HOLDS_OBJECT (record->context))
    return NULL;
  return json_node_get_object (record->context);
}

static gboolean
is_approved (const AuAuditRecord *record)
{
  return g_strcmp0 (record->verdict, "APPROVED") == 0 || g_strcmp0 (record->verdict, "WARNING") == 0;
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

/* #1: Gen writes puts on Thursday, Δ 0.40–0.45, 0–1 DTE, liquid, and
 * running the same hours again sends nothing twice. */
static void
test_gen_entry_thursday (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) again = NULL;
  guint gen_opens = 0;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  scenario_run_until (&s, et_usec (2016, 1, 28, 11, 5));
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = proposal_of (r);
      g_autofree char *expiry_time = NULL;
      GDate day, expiry;
      JsonObject *quote;

      if (p == NULL || !is_approved (r)
          || g_strcmp0 (json_object_get_string_member_with_default (p, "account", ""), "gen") != 0
          || g_strcmp0 (json_object_get_string_member_with_default (p, "action", ""), "open") != 0
          || g_strcmp0 (json_object_get_string_member_with_default (p, "strategy", ""), "csp") != 0)
        continue;
      gen_opens++;
      day = date_of (r->time);
      expiry_time = g_strconcat (json_object_get_string_member (p, "expiry"), "T16:00:00-05:00",
                                 NULL);
      expiry = date_of (expiry_time);
      g_assert_cmpint (g_date_get_weekday (&day), ==, G_DATE_THURSDAY);
      g_assert_cmpint (g_date_days_between (&day, &expiry), >=, 0);
      g_assert_cmpint (g_date_days_between (&day, &expiry), <=, 1);
      g_assert_cmpfloat (-member_double (p, "delta"), >=, 0.40);
      g_assert_cmpfloat (-member_double (p, "delta"), <=, 0.45);
      g_assert_cmpstr (json_object_get_string_member (p, "right"), ==, "P");
      quote = json_object_get_object_member (p, "quote");
      g_assert_cmpint (json_object_get_int_member (quote, "open_interest"), >=, 100);
    }
  g_assert_cmpuint (gen_opens, >, 0);

  /* Idempotent: the same time again decides nothing new. */
  scenario_run_until (&s, et_usec (2016, 1, 28, 11, 5));
  again = scenario_audit (&s);
  g_assert_cmpuint (again->len, ==, records->len);
  scenario_close (&s);
}

/* #3: a crash through 3× ATR on Thursday: the Gen put is exited with a
 * marketable limit, its sleeve is latched SAFE, and no Gen put is written
 * the next Thursday (attended: nobody resets the latch). */
static void
crash_gen_universe (AuMarketSim *market)
{
  for (guint i = 0; i < G_N_ELEMENTS (gen_universe); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) bars = NULL;
      double spot;
      double closes[5];

      g_assert_true (au_market_sim_get_price (market, gen_universe[i], &spot));
      /* Mon–Wed flat, Thursday 12% down, then flat. */
      closes[0] = closes[1] = closes[2] = spot;
      closes[3] = closes[4] = spot * 0.88;
      bars = scripted_bars (market, gen_universe[i], closes, 5, 15, 0.01);
      g_assert_true (au_market_sim_replay (market, gen_universe[i], bars, &error));
      g_assert_no_error (error);
    }
}

static void
test_l3_exit (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  gboolean exit_sent = FALSE, latched = FALSE, l3 = FALSE;
  guint opens_after = 0;
  gint64 exit_time = 0;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, crash_gen_universe);
  scenario_run_until (&s, et_usec (2016, 1, 14, 12, 0));
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = proposal_of (r);

      if (g_strcmp0 (r->kind, "protocol") == 0 && g_strcmp0 (r->verdict, "L3") == 0)
        l3 = TRUE;
      if (g_strcmp0 (r->kind, "breaker") == 0 && g_strcmp0 (r->verdict, "safe") == 0
          && g_strcmp0 (context_string (r, "sleeve"), "gen") == 0)
        latched = TRUE;
      if (p != NULL && is_approved (r)
          && g_strcmp0 (json_object_get_string_member_with_default (p, "action", ""), "exit") == 0)
        {
          g_autoptr(GDateTime) t = au_eastern_from_iso8601 (r->time, NULL);

          exit_sent = TRUE;
          exit_time = g_date_time_to_unix (t) * G_USEC_PER_SEC;
          /* D2.25: a limit, never a bare market order. */
          g_assert_cmpfloat (member_double (p, "limit"), >, 0);
        }
      if (exit_time > 0 && p != NULL && is_approved (r)
          && g_strcmp0 (json_object_get_string_member_with_default (p, "account", ""), "gen") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (p, "action", ""), "open") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (p, "strategy", ""), "csp") == 0)
        opens_after++;
    }
  g_assert_true (l3);
  g_assert_true (exit_sent);
  g_assert_true (latched);
  g_assert_cmpuint (opens_after, ==, 0);
  scenario_close (&s);
}

/* #5: VIX 52 → Hedged Week, 66 → SAFE, 81 → the kill switch, each audited. */
static void
script_vix (AuMarketSim *market)
{
  static const double closes[] = { 20, 52, 66, 81 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = scripted_bars (market, "VIX", closes, G_N_ELEMENTS (closes), 10, 0);

  /* Flat days: the level alone decides, no intraday overshoot. */
  for (guint i = 0; i < bars->len; i++)
    {
      AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);

      bar->open = bar->high = bar->low = bar->close;
    }
  g_assert_true (au_market_sim_replay (market, "VIX", bars, &error));
  g_assert_no_error (error);
}

static void
test_vix_tiers (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  const char *expected[] = { "hedged", "safe", "emergency" };
  guint next = 0, opens_in_safe = 0;
  const char *reason = NULL;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, script_vix);
  scenario_run_until (&s, et_usec (2016, 1, 7, 15, 0));
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (r->kind, "breaker") == 0 && next < G_N_ELEMENTS (expected)
          && g_strcmp0 (r->verdict, expected[next]) == 0)
        {
          GDate day = date_of (r->time);

          /* Day by day: Tuesday 52, Wednesday 66, Thursday 81. */
          g_assert_cmpint (g_date_get_day (&day), ==, 5 + (int) next);
          g_assert_nonnull (r->rules);
          g_assert_cmpstr (r->rules[0], !=, NULL);
          next++;
        }
      /* From SAFE on, nothing new is opened (Gen's Thursday included). */
      if (next >= 2 && proposal_of (r) != NULL && is_approved (r)
          && g_strcmp0 (json_object_get_string_member_with_default (proposal_of (r), "action", ""),
                        "open") == 0)
        opens_in_safe++;
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (opens_in_safe, ==, 0);
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, &reason), ==, AU_SYSTEM_EMERGENCY);
  g_assert_nonnull (strstr (reason, "81"));
  scenario_close (&s);
}

/* #6: the engine dies mid-week after Thursday's orders went out; a new
 * one on the same database reconciles, sends nothing twice and carries
 * on with the week. */
static void
test_outage_resume (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean reconciled_again = FALSE, week_labelled = FALSE;
  guint crashes_seen = 0;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  scenario_run_until (&s, et_usec (2016, 1, 7, 9, 50));
  scenario_crash_autopilot (&s);
  /* Time passes at the broker while the engine is away. */
  g_assert_true (au_paper_broker_advance_to (s.broker, et_usec (2016, 1, 7, 12, 0), NULL));
  scenario_start_autopilot (&s);
  scenario_run_until (&s, et_usec (2016, 1, 8, 17, 0));

  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = proposal_of (r);

      if (g_strcmp0 (r->kind, "state") == 0 && g_strcmp0 (r->verdict, "RECONCILING") == 0)
        crashes_seen++;
      if (crashes_seen == 2 && g_strcmp0 (r->kind, "state") == 0
          && g_strcmp0 (r->verdict, "MONITORING") == 0)
        reconciled_again = TRUE;
      if (g_strcmp0 (r->kind, "week_type") == 0)
        week_labelled = TRUE;
      if (p != NULL && is_approved (r)
          && g_strcmp0 (json_object_get_string_member_with_default (p, "action", ""), "open") == 0)
        {
          g_autofree char *key =
            g_strdup_printf ("%s %s %s %g", json_object_get_string_member (p, "account"),
                             json_object_get_string_member (p, "symbol"),
                             json_object_get_string_member_with_default (p, "expiry", "stock"),
                             member_double (p, "strike"));

          /* No entry decided twice. */
          g_assert_false (g_hash_table_contains (seen, key));
          g_hash_table_add (seen, g_steal_pointer (&key));
        }
    }
  g_assert_cmpuint (crashes_seen, ==, 2);
  g_assert_true (reconciled_again);
  g_assert_true (week_labelled);

  {
    /* Client order ids are unique in the ledger (D4). */
    sqlite3_stmt *stmt = au_database_prepare (s.db, "SELECT count(*), count(DISTINCT "
                                              "client_order_id) FROM ledger_orders", NULL);

    g_assert_nonnull (stmt);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 0);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, sqlite3_column_int64 (stmt, 1));
    sqlite3_finalize (stmt);
  }
  scenario_close (&s);
}

/* #4: a Friday 2% fall assigns Gen's puts; the shares get covered calls
 * at Δ 0.20–0.25 for the next week's expiry, and Gen writes no put while
 * it holds them (R7.2). */
static void
fall_on_friday (AuMarketSim *market)
{
  for (guint i = 0; i < G_N_ELEMENTS (gen_universe); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) bars = NULL;
      double spot;
      double closes[5];

      g_assert_true (au_market_sim_get_price (market, gen_universe[i], &spot));
      closes[0] = closes[1] = closes[2] = spot;
      closes[3] = spot * 0.99;
      closes[4] = spot * 0.975;
      /* Wide days Monday to Wednesday: a volatile name lists strikes in
       * Gen's Δ band. Thursday and Friday only fall: no profit to take. */
      bars = scripted_bars (market, gen_universe[i], closes, 5, 15, 0.03);
      for (guint d = 3; d < bars->len; d++)
        {
          AuDailyBar *bar = &g_array_index (bars, AuDailyBar, d);

          bar->high = bar->open;
          bar->low = bar->close;
        }
      g_assert_true (au_market_sim_replay (market, gen_universe[i], bars, &error));
      g_assert_no_error (error);
    }
}

static void
test_assignment_covered_calls (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  guint calls = 0, pivots = 0;

  scenario_open_with_capital (&s, SEED, 2016, 1, 4, FALSE, fall_on_friday,
                              (AuMoney) 3000000 * AU_MONEY_SCALE);
  scenario_run_until (&s, et_usec (2016, 1, 14, 11, 5));
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->assignments, >, 0);
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = proposal_of (r);
      GDate day;

      /* R7.3: no puts on the assigned symbol while its shares are held. */
      if (g_strcmp0 (r->kind, "non_action") == 0 && g_strcmp0 (r->rules[0], "R7.3") == 0
          && strstr (context_string (r, "message"), "gen puts on") != NULL)
        pivots++;
      if (p == NULL || !is_approved (r)
          || g_strcmp0 (json_object_get_string_member_with_default (p, "account", ""), "gen") != 0
          || g_strcmp0 (json_object_get_string_member_with_default (p, "strategy", ""), "cc") != 0
          || g_strcmp0 (json_object_get_string_member_with_default (p, "action", ""), "open") != 0)
        continue;
      calls++;
      day = date_of (r->time);
      /* D2.19: Com's cadence, Monday 11 January. */
      g_assert_cmpint (g_date_get_day (&day), ==, 11);
      g_assert_cmpfloat (member_double (p, "delta"), >=, 0.20);
      g_assert_cmpfloat (member_double (p, "delta"), <=, 0.25);
      g_assert_cmpstr (json_object_get_string_member (p, "right"), ==, "C");
      g_assert_cmpstr (json_object_get_string_member (p, "expiry"), ==, "2016-01-15");
    }
  g_assert_cmpuint (calls, >, 0);
  g_assert_cmpuint (pivots, >, 0);
  scenario_close (&s);
}

/* #10: with a large sleeve an order would be more than 10% of a series'
 * volume: it is skipped and the reason audited (R8.4). */
static void
test_adv_skip (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  guint skipped = 0;

  scenario_open_with_capital (&s, SEED, 2016, 1, 4, FALSE, NULL,
                              (AuMoney) 300000000 * AU_MONEY_SCALE);
  scenario_run_until (&s, et_usec (2016, 1, 7, 11, 5));
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      const char *message = context_string (r, "message");

      if (g_strcmp0 (r->kind, "non_action") != 0 || r->rules == NULL
          || g_strcmp0 (r->rules[0], "R8.4") != 0)
        continue;
      skipped++;
      g_assert_nonnull (strstr (message, "do not pass liquidity"));
      g_assert_nonnull (strstr (message, "R8.4"));
    }
  g_assert_cmpuint (skipped, >, 0);
  scenario_close (&s);
}

/* #7: Gen's balance $100K above its base at a weekly cut forks a MINI
 * (D2.2), booked in the ledger; the MINI then trades half with Gen's
 * rules. (Its merge at the 3rd anniversary: test-scenario-accounts.c.) */
static void
test_fork_mini (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  const AuLedgerAccount *mini = NULL;
  guint forks = 0, mini_opens = 0;  /* orders or audited non-actions */

  /* A large Gen sleeve earns $100K in a few weeks. */
  scenario_open_with_capital (&s, SEED, 2016, 1, 4, FALSE, NULL,
                              (AuMoney) 30000000 * AU_MONEY_SCALE);
  for (int week = 0; week < 40 && au_autopilot_get_stats (s.autopilot)->forks == 0; week++)
    scenario_run_until (&s, et_usec (2016, 1, 8, 17, 0) + (gint64) week * 7 * 24 * 3600 * G_USEC_PER_SEC);
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->forks, >, 0);

  accounts = au_ledger_list_accounts (s.ledger, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    if (g_array_index (accounts, AuLedgerAccount, i).kind == AU_ACCOUNT_MINI)
      mini = &g_array_index (accounts, AuLedgerAccount, i);
  g_assert_nonnull (mini);
  /* D2.2: exactly $100,000, half with Gen's rules, half with Com's. */
  g_assert_cmpint (mini->initial_capital, ==, (AuMoney) 100000 * AU_MONEY_SCALE);
  g_assert_cmpint (mini->mini_gen_capital + mini->mini_com_capital, ==, mini->initial_capital);

  /* The next Thursday the MINI's Gen half is judged by Gen's rules: with
   * $50,000 and a 25% per-symbol cap no put of this market fits (R0.3),
   * and each such non-action is audited for the MINI. */
  scenario_run_until (&s, au_clock_get_now (s.clock) + (gint64) 7 * 24 * 3600 * G_USEC_PER_SEC);
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = proposal_of (r);

      if (g_strcmp0 (r->kind, "fork") == 0 && g_strcmp0 (r->verdict, "NO_ACTION") != 0)
        forks++;
      if (p != NULL && is_approved (r)
          && g_strcmp0 (json_object_get_string_member_with_default (p, "account", ""), "mini") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (p, "mini_rules", ""), "gen") == 0)
        mini_opens++;
      if (g_strcmp0 (r->kind, "non_action") == 0
          && g_strcmp0 (context_string (r, "account"), mini->name) == 0
          && g_str_has_prefix (context_string (r, "message"), "no gen entry"))
        mini_opens++;
    }
  g_assert_cmpuint (forks, >, 0);
  g_assert_cmpuint (mini_opens, >, 0);
  scenario_close (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenarios/1-gen-entry-thursday", test_gen_entry_thursday);
  g_test_add_func ("/scenarios/3-l3-exit", test_l3_exit);
  g_test_add_func ("/scenarios/4-assignment-covered-calls", test_assignment_covered_calls);
  g_test_add_func ("/scenarios/5-vix-52-66-81", test_vix_tiers);
  g_test_add_func ("/scenarios/6-outage-resume", test_outage_resume);
  g_test_add_func ("/scenarios/7-fork-mini", test_fork_mini);
  g_test_add_func ("/scenarios/10-adv-skip", test_adv_skip);
  return g_test_run ();
}

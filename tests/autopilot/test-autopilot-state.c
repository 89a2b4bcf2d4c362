/* test-autopilot-state.c: the autopilot's protocol state survives a clean
 * stop and a crash alike (D4, D2.10, D2.26, D2.5, D2.8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "../scenarios/scenario-fixture.h"

#include "au-autopilot-private.h"
#include "au-autopilot-state.h"
#include "au-json.h"

#define SEED 42

static const char *gen_universe[] = { "AAPL", "MSFT", "AMZN", "GOOG", "SPY", "QQQ", "IWM" };

/* One member of the material state, as canonical text. */
static char *
state_member (Scenario   *s,
              const char *member)
{
  g_autoptr(JsonNode) state = au_autopilot_state_to_json (s->autopilot, FALSE);
  JsonNode *node = json_object_get_member (json_node_get_object (state), member);

  g_assert_nonnull (node);
  return au_json_to_canonical (node);
}

static void
restart (Scenario *s,
         gboolean  clean)
{
  if (clean)
    au_autopilot_stop (s->autopilot);
  scenario_crash_autopilot (s);
  scenario_start_autopilot (s);
}

static gint64
count_rows (Scenario *s)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (s->db, "SELECT count(*) FROM "
                                                      "autopilot_state", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A short put held at L3 and another at L0: after a crash (no stop) the
 * first is at L3 again, the second at L0; every member matches. */
static void
test_levels_survive_crash (void)
{
  static const char *members[] = { "breaker", "positions", "pivots", "csp_resume",
                                   "week_events", "cc_orders", "pending_intents" };
  g_autofree char *before[G_N_ELEMENTS (members)] = { NULL };
  g_autoptr(GList) keys = NULL;
  g_autofree char *l3_key = NULL;
  g_autofree char *l0_key = NULL;
  ApPosition *position;
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  /* Monday after Com's window: its covered calls are written. */
  scenario_run_until (&s, et_usec (2016, 1, 4, 11, 0));
  _ap_sync_positions (s.autopilot);
  keys = g_list_sort (g_hash_table_get_keys (s.autopilot->positions), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      position = g_hash_table_lookup (s.autopilot->positions, l->data);
      if (position->protocol == NULL)
        continue;
      if (l3_key == NULL)
        l3_key = g_strdup (l->data);
      else if (l0_key == NULL)
        l0_key = g_strdup (l->data);
    }
  g_assert_nonnull (l3_key);
  g_assert_nonnull (l0_key);
  position = g_hash_table_lookup (s.autopilot->positions, l3_key);
  au_position_protocol_escalate_to_l3 (position->protocol, au_clock_get_now (s.clock), "R6.7",
                                       "test: the roll costs too much", NULL);
  /* What the monitor does after every level change (audit → save). */
  _au_autopilot_audit (s.autopilot, "engine", "protocol", "R6.7", "L3", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    before[i] = state_member (&s, members[i]);

  restart (&s, FALSE);
  position = g_hash_table_lookup (s.autopilot->positions, l3_key);
  g_assert_nonnull (position);
  g_assert_cmpint (au_position_protocol_get_level (position->protocol), ==, AU_PROTOCOL_L3);
  position = g_hash_table_lookup (s.autopilot->positions, l0_key);
  g_assert_cmpint (au_position_protocol_get_level (position->protocol), ==, AU_PROTOCOL_L0);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *after = state_member (&s, members[i]);

      g_assert_cmpstr (after, ==, before[i]);
    }
  scenario_close (&s);
}

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
      closes[0] = closes[1] = closes[2] = spot;
      closes[3] = closes[4] = spot * 0.88;
      bars = scripted_bars (market, gen_universe[i], closes, 5, 15, 0.01);
      g_assert_true (au_market_sim_replay (market, gen_universe[i], bars, &error));
      g_assert_no_error (error);
    }
}

static gboolean
has_week_event (Scenario        *s,
                AuWeekEventKind  kind)
{
  for (guint i = 0; i < s->autopilot->week_events->len; i++)
    if (g_array_index (s->autopilot->week_events, AuWeekEvent, i).kind == kind)
      return TRUE;
  return FALSE;
}

/* D2.26: an L3 latches Gen in SAFE; a crash must not clear it. Attended,
 * nobody resets it, so no Gen put is written the next Thursday either. */
static void
test_l3_latch_survives_crash (void)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, crash_gen_universe);
  /* Thursday's 12% fall: L3, the exit and Gen's latch. */
  scenario_run_until (&s, et_usec (2016, 1, 7, 15, 0));
  g_assert_true (au_circuit_breaker_sleeve_latched (s.autopilot->breaker, AU_SLEEVE_GEN));
  g_assert_true (has_week_event (&s, AU_WEEK_EVENT_L3_EXIT));

  restart (&s, FALSE);
  g_assert_true (au_circuit_breaker_sleeve_latched (s.autopilot->breaker, AU_SLEEVE_GEN));
  g_assert_false (au_circuit_breaker_sleeve_latched (s.autopilot->breaker, AU_SLEEVE_REV));
  g_assert_true (has_week_event (&s, AU_WEEK_EVENT_L3_EXIT));

  scenario_run_until (&s, et_usec (2016, 1, 15, 17, 0));
  g_assert_true (au_circuit_breaker_sleeve_latched (s.autopilot->breaker, AU_SLEEVE_GEN));
  /* The week of the L3 is Preservation after the restart too. */
  stmt = au_database_prepare (s.db, "SELECT type FROM autopilot_week_types WHERE week = "
                              "'2016-W01' AND account IS NULL", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "preservation");
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* No Gen put sold after the latch, across the restart (R2.2's entries). */
  stmt = au_database_prepare (s.db, "SELECT count(*) FROM ledger_orders o JOIN ledger_accounts a"
                              " ON a.id = o.account_id WHERE a.kind = 'gen' AND o.side = 'sell'"
                              " AND o.created_at >= '2016-01-08'", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  scenario_close (&s);
}

/* D2.8: VIX 52 on Tuesday starts a Hedged Week that lasts to the Friday
 * cut. Stopped on Wednesday (cleanly, or by a crash) and restarted, the
 * week's label is the one an uninterrupted run gives. */
static void
script_hedged (AuMarketSim *market)
{
  static const double closes[] = { 20, 52, 40 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = scripted_bars (market, "VIX", closes, G_N_ELEMENTS (closes), 10, 0);

  for (guint i = 0; i < bars->len; i++)
    {
      AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);

      bar->open = bar->high = bar->low = bar->close;
    }
  g_assert_true (au_market_sim_replay (market, "VIX", bars, &error));
  g_assert_no_error (error);
}

static char *
hedged_week_label (int  interruption, /* 0 none, 1 clean stop, 2 crash */
                   char **breaker_at_restart)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *label;
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, script_hedged);
  scenario_run_until (&s, et_usec (2016, 1, 6, 10, 0));
  g_assert_cmpint (au_circuit_breaker_get_tier (s.autopilot->breaker), ==, AU_VIX_TIER_HEDGED);
  if (interruption > 0)
    {
      gint64 hedged_until = au_circuit_breaker_get_hedged_until (s.autopilot->breaker);

      restart (&s, interruption == 1);
      g_assert_cmpint (au_circuit_breaker_get_tier (s.autopilot->breaker), ==, AU_VIX_TIER_HEDGED);
      g_assert_cmpint (au_circuit_breaker_get_hedged_until (s.autopilot->breaker), ==,
                       hedged_until);
      g_assert_true (has_week_event (&s, AU_WEEK_EVENT_HEDGED_WEEK));
    }
  if (breaker_at_restart != NULL)
    *breaker_at_restart = state_member (&s, "breaker");
  scenario_run_until (&s, et_usec (2016, 1, 8, 17, 0));
  stmt = au_database_prepare (s.db, "SELECT type FROM autopilot_week_types WHERE week = "
                              "'2016-W01' AND account IS NULL", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  label = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  scenario_close (&s);
  return label;
}

static void
test_hedged_week_label (void)
{
  g_autofree char *uninterrupted = hedged_week_label (0, NULL);
  g_autofree char *stopped = hedged_week_label (1, NULL);
  g_autofree char *crashed = hedged_week_label (2, NULL);

  g_assert_cmpstr (uninterrupted, ==, "hedged");
  g_assert_cmpstr (stopped, ==, uninterrupted);
  g_assert_cmpstr (crashed, ==, uninterrupted);
}

/* The kill switch (EMERGENCY) and a user's SAFE hold across a crash:
 * reconciliation books what happened but releases nothing. */
static void
test_latched_states_hold (void)
{
  g_autoptr(AuEngineCommand) kill = au_engine_command_new (AU_ENGINE_COMMAND_KILL_SWITCH, "user",
                                                           "testing the kill switch");
  g_autoptr(AuEngineCommand) reset = au_engine_command_new (AU_ENGINE_COMMAND_RESET_LATCH, "user",
                                                            "checked, all fine");
  g_autoptr(AuEngineCommand) safe = au_engine_command_new (AU_ENGINE_COMMAND_SAFE, "user",
                                                           "away for the day");
  const char *reason = NULL;
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  scenario_run_until (&s, et_usec (2016, 1, 4, 10, 0));
  au_autopilot_command (s.autopilot, kill);
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_EMERGENCY);
  restart (&s, FALSE);
  scenario_run_until (&s, et_usec (2016, 1, 4, 11, 0));
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, &reason), ==, AU_SYSTEM_EMERGENCY);
  g_assert_nonnull (strstr (reason, "testing the kill switch"));

  /* Reset → SAFE → RECONCILING → MONITORING, then a user's SAFE. */
  au_autopilot_command (s.autopilot, reset);
  scenario_run_until (&s, et_usec (2016, 1, 4, 11, 30));
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_MONITORING);
  au_autopilot_command (s.autopilot, safe);
  restart (&s, TRUE);
  scenario_run_until (&s, et_usec (2016, 1, 4, 12, 0));
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_SAFE);

  scenario_close (&s);
}

/* D2.6: the pivots (high-water marks) of the first day come back; an
 * unchanged state writes no new row; a clean stop always writes one. */
static void
test_pivots_and_rows (void)
{
  g_autofree char *pivots = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved = TRUE;
  gint64 rows;
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  scenario_run_until (&s, et_usec (2016, 1, 4, 17, 0));
  g_assert_cmpuint (g_hash_table_size (s.autopilot->pivots), ==, 3);
  pivots = state_member (&s, "pivots");
  g_assert_nonnull (strstr (pivots, "\"high_water\":12000000"));
  rows = count_rows (&s);
  g_assert_true (au_autopilot_state_save (s.autopilot, "action", &saved, &error));
  g_assert_no_error (error);
  g_assert_false (saved);
  g_assert_cmpint (count_rows (&s), ==, rows);
  au_autopilot_stop (s.autopilot);
  g_assert_cmpint (count_rows (&s), ==, rows + 1);

  scenario_crash_autopilot (&s);
  scenario_start_autopilot (&s);
  again = state_member (&s, "pivots");
  g_assert_cmpstr (again, ==, pivots);
  /* Append-only: the table refuses an UPDATE and a DELETE. */
  g_assert_false (au_database_exec (s.db, "UPDATE autopilot_state SET why = 'x'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (au_database_exec (s.db, "DELETE FROM autopilot_state", &error));
  g_assert_nonnull (error);
  scenario_close (&s);
}

/* A row that cannot be read stops the start with an error naming the
 * member; nothing is traded on a half-read state. */
static void
test_bad_row_is_named (void)
{
  g_autoptr(GError) error = NULL;
  AuAutopilotConfig config = { 0 };
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  g_assert_true (au_database_exec (s.db, "INSERT INTO autopilot_state (time_usec, why, state) "
                                   "VALUES (0, 'test', '{\"version\":1,\"system\":{\"state\":"
                                   "\"SAFE\",\"reason\":\"x\",\"paused\":false,\"safe_by_user\":"
                                   "false}}')", &error));
  g_assert_no_error (error);
  g_clear_object (&s.autopilot);
  config.constitution = s.constitution;
  config.database = s.db;
  config.ledger = s.ledger;
  config.audit = s.audit;
  config.rules = s.rules;
  config.broker = AU_BROKER (s.broker);
  config.clock = s.clock;
  config.market = s.market;
  config.capital = CAPITAL;
  s.autopilot = au_autopilot_new (&config, &error);
  g_assert_no_error (error);
  g_assert_false (au_autopilot_start (s.autopilot, &error));
  g_assert_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "breaker"));
  scenario_close (&s);
}

static void
on_recovered (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AuRecoveryReport *report = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_order_manager_recover_finish (AU_ORDER_MANAGER (source), result, report,
                                                  &error));
  g_assert_no_error (error);
  report->resumed += 1000;   /* marks the callback as run */
}

static AuRecoveryReport
recover_once (Scenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOrderManager) orders = au_order_manager_new (s->ledger, s->rules, AU_BROKER (s->broker),
                                                           s->clock, NULL, &error);
  AuRecoveryReport report = { 0 };

  g_assert_no_error (error);
  au_order_manager_recover_async (orders, NULL, on_recovered, &report);
  while (report.resumed < 1000)
    g_main_context_iteration (NULL, TRUE);
  report.resumed -= 1000;
  return report;
}

static gint64
scalar (Scenario   *s,
        const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (s->db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* D4: recovery asks the broker only for executions from the newest one
 * seen (not since the portfolio began), books the fills made while the
 * engine was away once, and a second recovery books nothing again. */
static void
test_recovery_from_last_execution (void)
{
  AuRecoveryReport first, second;
  gint64 seen, fills;
  Scenario s;

  scenario_open (&s, SEED, 2016, 1, 4, FALSE, NULL);
  scenario_run_until (&s, et_usec (2016, 1, 7, 9, 50));
  scenario_crash_autopilot (&s);
  g_assert_true (au_paper_broker_advance_to (s.broker, et_usec (2016, 1, 7, 12, 0), NULL));
  s.db = au_database_open (s.path, AU_DATABASE_READ_WRITE, NULL);
  s.audit = au_audit_log_new (s.db, NULL);
  s.ledger = au_ledger_new (s.db, s.constitution, NULL);
  s.rules = au_rules_engine_new (s.constitution, s.audit);
  seen = scalar (&s, "SELECT MAX (exec_time) FROM orders_executions_seen");
  /* Monday's share lots filled on Monday: the mark is days after the start. */
  g_assert_cmpint (seen, >=, et_usec (2016, 1, 4, 9, 45));

  first = recover_once (&s);
  g_assert_cmpint (first.since, >, 0);
  g_assert_cmpint (first.since, <=, seen);
  fills = scalar (&s, "SELECT count(*) FROM ledger_fills");
  g_assert_cmpint (fills, ==, scalar (&s, "SELECT count(DISTINCT execution_id) FROM ledger_fills"));

  second = recover_once (&s);
  g_assert_cmpuint (second.booked, ==, 0);
  g_assert_cmpint (second.since, >=, first.since);
  g_assert_cmpint (scalar (&s, "SELECT count(*) FROM ledger_fills"), ==, fills);
  /* The mark only moves forward, one row per advance. */
  g_assert_cmpint (scalar (&s, "SELECT count(*) FROM orders_executions_seen"), ==,
                   scalar (&s, "SELECT count(DISTINCT exec_time) FROM orders_executions_seen"));
  scenario_close (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autopilot-state/levels-survive-crash", test_levels_survive_crash);
  g_test_add_func ("/autopilot-state/l3-latch-survives-crash", test_l3_latch_survives_crash);
  g_test_add_func ("/autopilot-state/hedged-week-label", test_hedged_week_label);
  g_test_add_func ("/autopilot-state/latched-states-hold", test_latched_states_hold);
  g_test_add_func ("/autopilot-state/pivots-and-rows", test_pivots_and_rows);
  g_test_add_func ("/autopilot-state/bad-row-is-named", test_bad_row_is_named);
  g_test_add_func ("/autopilot-state/recovery-from-last-execution",
                   test_recovery_from_last_execution);

  return g_test_run ();
}

/* test-autopilot.c: the autopilot's object — configuration, start-up
 * through R9's states, commands, schedule and snapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "../scenarios/scenario-fixture.h"

static guint
count_records (Scenario   *s,
               const char *kind,
               const char *verdict)
{
  g_autoptr(GPtrArray) records = scenario_audit (s);
  guint n = 0;

  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (r->kind, kind) == 0 && (verdict == NULL || g_strcmp0 (r->verdict, verdict) == 0))
        n++;
    }
  return n;
}

static void
test_config_names_missing_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  AuAutopilotConfig config = { 0 };
  AuAutopilot *autopilot;

  g_assert_no_error (error);
  config.constitution = constitution;
  config.capital = CAPITAL;
  autopilot = au_autopilot_new (&config, &error);
  g_assert_null (autopilot);
  g_assert_error (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "database"));
}

/* R9.1: SAFE → RECONCILING → MONITORING, each audited in that order; the
 * first start splits the capital 40/30/30 (R0.1). */
static void
test_start_reconciles (void)
{
  Scenario s;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AuAutopilotSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) json = NULL;
  const char *order[] = { "RECONCILING", "MONITORING" };
  guint next = 0;
  AuMoney expected[] = { 120000 * 100, 90000 * 100, 90000 * 100 };

  scenario_open (&s, 42, 2016, 1, 4, FALSE, NULL);
  /* Started in SAFE, already asking the broker: nothing new until it answers. */
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_RECONCILING);
  scenario_run_until (&s, et_usec (2016, 1, 4, 9, 31));
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_MONITORING);
  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (r->kind, "state") == 0 && next < G_N_ELEMENTS (order))
        g_assert_cmpstr (r->verdict, ==, order[next++]);
    }
  g_assert_cmpuint (next, ==, 2);

  snapshot = au_autopilot_dup_snapshot (s.autopilot);
  g_assert_cmpuint (snapshot->accounts->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AuAutopilotAccountView *a = g_ptr_array_index (snapshot->accounts, i);

      g_assert_cmpint (a->equity, ==, expected[i]);
      g_assert_cmpint (a->cash, ==, expected[i]);
      g_assert_cmpstr (a->week_type, ==, "calm_income");
    }
  /* Monday 09:35: the first monitoring check after the 09:30 ATR. */
  g_assert_cmpuint (snapshot->next->len, ==, 1);
  g_assert_cmpstr (((AuAutopilotActionView *) g_ptr_array_index (snapshot->next, 0))->description,
                   ==, "Mon 09:35 ET — a monitoring check");
  json = au_autopilot_snapshot_to_json (snapshot);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "state"), ==,
                   "MONITORING");
  scenario_close (&s);
}

static void
test_run_until_needs_start (void)
{
  Scenario s;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuAutopilot) second = NULL;
  AuAutopilotConfig config = { 0 };

  scenario_open (&s, 42, 2016, 1, 4, FALSE, NULL);
  config.constitution = s.constitution;
  config.database = s.db;
  config.ledger = s.ledger;
  config.audit = s.audit;
  config.rules = s.rules;
  config.broker = AU_BROKER (s.broker);
  config.clock = s.clock;
  config.capital = CAPITAL;
  second = au_autopilot_new (&config, &error);
  g_assert_no_error (error);
  g_assert_false (au_autopilot_run_until (second, et_usec (2016, 1, 4, 10, 0), &error));
  g_assert_error (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_NOT_STARTED);
  g_clear_object (&second);
  scenario_close (&s);
}

/* Pause: no entries (audited as such), positions still watched; the kill
 * switch: EMERGENCY until a reset, which goes through SAFE and R9.1. */
static void
test_commands (void)
{
  Scenario s;
  g_autoptr(AuEngineCommand) pause = au_engine_command_new (AU_ENGINE_COMMAND_PAUSE, "user",
                                                            "holiday");
  g_autoptr(AuEngineCommand) resume = au_engine_command_new (AU_ENGINE_COMMAND_RESUME, "user",
                                                             "back");
  g_autoptr(AuEngineCommand) kill = au_engine_command_new (AU_ENGINE_COMMAND_KILL_SWITCH, "user",
                                                           "testing the kill switch");
  g_autoptr(AuEngineCommand) reset = au_engine_command_new (AU_ENGINE_COMMAND_RESET_LATCH, "user",
                                                            "checked, all fine");
  guint opens;

  scenario_open (&s, 42, 2016, 1, 4, FALSE, NULL);
  scenario_run_until (&s, et_usec (2016, 1, 4, 9, 40));
  au_autopilot_command (s.autopilot, pause);
  g_assert_true (au_autopilot_is_paused (s.autopilot));
  scenario_run_until (&s, et_usec (2016, 1, 4, 11, 0));
  /* Monday's Com entry did not run: its non-action says why. */
  g_assert_cmpuint (count_records (&s, "rule_check", NULL), ==, 0);
  g_assert_cmpuint (count_records (&s, "command", "pause"), ==, 1);
  au_autopilot_command (s.autopilot, resume);
  g_assert_false (au_autopilot_is_paused (s.autopilot));

  au_autopilot_command (s.autopilot, kill);
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_EMERGENCY);
  scenario_run_until (&s, et_usec (2016, 1, 6, 11, 0));
  /* Wednesday's Rev entry: refused by EMERGENCY. */
  opens = count_records (&s, "rule_check", NULL);
  g_assert_cmpuint (opens, ==, 0);
  au_autopilot_command (s.autopilot, reset);
  scenario_run_until (&s, et_usec (2016, 1, 6, 11, 5));
  g_assert_cmpint (au_autopilot_get_state (s.autopilot, NULL), ==, AU_SYSTEM_MONITORING);
  g_assert_cmpuint (count_records (&s, "command", NULL), ==, 4);
  scenario_close (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autopilot/config/missing-field", test_config_names_missing_field);
  g_test_add_func ("/autopilot/start/reconciles", test_start_reconciles);
  g_test_add_func ("/autopilot/run-until/needs-start", test_run_until_needs_start);
  g_test_add_func ("/autopilot/commands", test_commands);
  return g_test_run ();
}

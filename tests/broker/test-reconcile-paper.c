/* test-reconcile-paper.c: the autopilot's own reconciliation on the paper
 * broker after weeks of trading: the paper account's cash is the sum of
 * the partitions' cash, tax reserve and LEAP budget, to the cent (D3,
 * R9.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-reconcile.h"
#include "scenario-fixture.h"

/* From Monday 5 January 2026 to the next Monday: every sleeve's entries,
 * their fills and commissions, a Friday expiry and Com-Acc's next entries. */
#define WEEKS_END et_usec (2026, 1, 12, 17, 0)

typedef struct
{
  Scenario  s;
  GPtrArray *positions;   /* the paper broker's */
  AuMoney    cash;        /* the paper account's */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  scenario_open (&f->s, 42, 2026, 1, 5, TRUE, NULL);
  scenario_run_until (&f->s, WEEKS_END);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->positions, g_ptr_array_unref);
  scenario_close (&f->s);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* What the broker itself says now. */
static void
read_broker (Fixture *f)
{
  g_autoptr(GAsyncResult) positions = NULL;
  g_autoptr(GAsyncResult) account = NULL;
  g_autoptr(AuBrokerAccount) got = NULL;
  g_autoptr(GError) error = NULL;
  AuBroker *broker = AU_BROKER (f->s.broker);

  au_broker_positions_async (broker, NULL, store_result, &positions);
  au_broker_account_async (broker, NULL, store_result, &account);
  while (positions == NULL || account == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&f->positions, g_ptr_array_unref);
  f->positions = au_broker_positions_finish (broker, positions, &error);
  g_assert_no_error (error);
  got = au_broker_account_finish (broker, account, &error);
  g_assert_no_error (error);
  f->cash = got->cash;
}

/* The "reconcile" audit records, oldest first: their verdicts. */
static GPtrArray *
reconcile_verdicts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = au_audit_log_list (f->s.db, 0, &error);
  GPtrArray *verdicts = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = records->len; i > 0; i--)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i - 1);

      if (g_strcmp0 (r->kind, "reconcile") == 0)
        g_ptr_array_add (verdicts, g_strdup (r->verdict));
    }
  return verdicts;
}

static void
reconcile_now (Fixture    *f,
               const char *reason)
{
  g_autoptr(AuEngineCommand) command = au_engine_command_new (AU_ENGINE_COMMAND_RECONCILE,
                                                              "user", reason);

  au_autopilot_command (f->s.autopilot, command);
  /* The stepped clock: the answers come on the context. */
  scenario_run_until (&f->s, WEEKS_END + G_USEC_PER_SEC);
}

/* D3: after two weeks the paper account and the ledger's partitions
 * agree on every contract and on the cash, to the cent; the autopilot's
 * own reconciliation says so in the audit trail. */
static void
test_paper_weeks_match (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  AuReconcileReport report = { 0 };

  read_broker (f);
  g_assert_true (au_reconcile_compare (f->s.ledger, f->positions, f->cash, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.mismatches->len, ==, 0);
  g_assert_cmpint (report.cash_difference, ==, 0);
  g_assert_true (au_reconcile_report_ok (&report));
  /* Two weeks traded: premiums and commissions moved the cash. */
  g_assert_cmpint (f->cash, !=, CAPITAL);
  au_reconcile_report_clear (&report);

  reconcile_now (f, "checking the books after two weeks");
  verdicts = reconcile_verdicts (f);
  /* The start-up's and this one, both matches. */
  g_assert_cmpuint (verdicts->len, >=, 2);
  for (guint i = 0; i < verdicts->len; i++)
    g_assert_cmpstr (g_ptr_array_index (verdicts, i), ==, "MATCH");
  g_assert_cmpint (au_autopilot_get_state (f->s.autopilot, NULL), !=, AU_SYSTEM_SAFE);
}

/* A fill the ledger booked and the broker never made: the autopilot's
 * reconciliation finds it on every pass, audits a MISMATCH and goes to
 * SAFE with the difference in plain words (R9.1). */
static void
test_paper_phantom_fill_is_safe (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) accounts = au_ledger_list_accounts (f->s.ledger, &error);
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (WEEKS_END / G_USEC_PER_SEC);
  g_autoptr(GPtrArray) verdicts = NULL;
  AuFill fill = { "phantom-1", NULL, 100, 190 * AU_PRICE_SCALE, 100 };
  const char *reason = NULL;
  gint64 gen = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len && gen == 0; i++)
    if (g_array_index (accounts, AuLedgerAccount, i).kind == AU_ACCOUNT_GEN)
      gen = g_array_index (accounts, AuLedgerAccount, i).id;
  g_assert_cmpint (gen, >, 0);
  g_assert_cmpint (au_ledger_buy_stock (f->s.ledger, gen, "XOM", &fill, time, &error), >, 0);
  g_assert_no_error (error);

  reconcile_now (f, "checking the books after a phantom fill");
  g_assert_cmpint (au_autopilot_get_state (f->s.autopilot, &reason), ==, AU_SYSTEM_SAFE);
  g_assert_nonnull (strstr (reason, "XOM: the broker holds 0, the ledger's partitions 100"));
  /* $19,000 of shares and the $1 commission: far beyond D3's $1. */
  g_assert_nonnull (strstr (reason, "difference 19001.00, beyond the $1 of D3"));
  verdicts = reconcile_verdicts (f);
  g_assert_cmpstr (g_ptr_array_index (verdicts, verdicts->len - 1), ==, "MISMATCH");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/broker/reconcile-paper/weeks-match", Fixture, NULL, fixture_setup,
              test_paper_weeks_match, fixture_teardown);
  g_test_add ("/broker/reconcile-paper/phantom-fill-is-safe", Fixture, NULL, fixture_setup,
              test_paper_phantom_fill_is_safe, fixture_teardown);
  return g_test_run ();
}

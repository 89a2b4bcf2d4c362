/* test-backtest-cancel.c: a paper backtest stopped part-way
 *
 * AuBacktestConfig.cancellable is checked once per simulated week. These
 * tests cancel a $300,000, seed-42 backtest from 2016-01-04 before it
 * starts (no file is made), after its third week (from the progress callback, on the same
 * thread) and from another thread while it runs in a worker (as the GUI's
 * backtest dialog does), and each time check that the run ends with
 * G_IO_ERROR_CANCELLED and leaves a database that is closed (a new writer
 * can take it) and valid: the audit chain verifies and the ledger check
 * passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-backtest.h"
#include "au-database.h"
#include "au-ledger-check.h"

static char *work_dir;

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_after;   /* weeks; 0: never from the callback */
  guint         last_week;
  guint         n_weeks;
  AuMoney       last_equity;
  GMutex        lock;
  GCond         progressed;
} Run;

static void
on_progress (guint    week,
             guint    n_weeks,
             AuMoney  equity,
             gpointer user_data)
{
  Run *run = user_data;

  g_mutex_lock (&run->lock);
  /* Once per week, in order. */
  g_assert_cmpuint (week, ==, run->last_week + 1);
  run->last_week = week;
  run->n_weeks = n_weeks;
  run->last_equity = equity;
  g_cond_broadcast (&run->progressed);
  g_mutex_unlock (&run->lock);

  if (run->cancel_after != 0 && week == run->cancel_after)
    g_cancellable_cancel (run->cancellable);
}

static char *
new_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
fill_config (AuBacktestConfig *config,
             const char       *path,
             Run              *run)
{
  *config = (AuBacktestConfig) { 0 };
  config->seed = 42;
  config->capital = 30000000;       /* $300,000 */
  config->years = 10;
  g_date_clear (&config->start, 1);
  g_date_set_dmy (&config->start, 4, G_DATE_JANUARY, 2016);
  config->db_path = path;
  config->progress = on_progress;
  config->progress_data = run;
  config->cancellable = run->cancellable;
}

/* The file is closed (the writer lock is free) and whole. */
static void
assert_database_valid (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) writer = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuDatabase) reader = NULL;
  AuAuditVerifyResult verify = { 0 };
  AuLedgerCheckResult check = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (writer);
  g_clear_object (&writer);

  reader = au_database_open (path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_true (au_audit_log_verify (reader, &verify, &error));
  g_assert_no_error (error);
  g_assert_true (verify.ok);
  /* At least the start-up's state changes (R9: SAFE → RECONCILING). */
  g_assert_cmpint (verify.records, >, 0);
  au_audit_verify_result_clear (&verify);

  g_assert_true (au_ledger_check (reader, &check, &error));
  g_assert_no_error (error);
  if (!check.ok)
    g_test_message ("ledger check: %s", check.problem);
  g_assert_true (check.ok);
  /* The opening deposit of R0.1's split at least. */
  g_assert_cmpint (check.transactions, >, 0);
  au_ledger_check_result_clear (&check);
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
test_cancelled_before_start (void)
{
  g_autofree char *path = new_path ("before.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBacktestResult) result = NULL;
  Run run = { .cancellable = cancellable };
  AuBacktestConfig config;

  fill_config (&config, path, &run);
  g_cancellable_cancel (cancellable);
  result = au_backtest_run (&config, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Not one week simulated, and no file made. */
  g_assert_cmpuint (run.last_week, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_cancelled_after_three_weeks (void)
{
  g_autofree char *path = new_path ("three.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBacktestResult) result = NULL;
  Run run = { .cancellable = cancellable, .cancel_after = 3 };
  AuBacktestConfig config;

  fill_config (&config, path, &run);
  result = au_backtest_run (&config, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Checked at the end of each week: weeks 1-3 ran, and no more. */
  g_assert_cmpuint (run.last_week, ==, 3);
  g_assert_cmpuint (run.n_weeks, ==, 520);
  /* Three weeks of premium cannot have moved $300,000 by half. */
  g_assert_cmpint (run.last_equity, >, 15000000);
  g_assert_cmpint (run.last_equity, <, 45000000);
  assert_database_valid (path);

  /* A backtest starts on a new database: this one holds a portfolio. */
  g_clear_error (&error);
  run = (Run) { .cancellable = NULL };
  fill_config (&config, path, &run);
  result = au_backtest_run (&config, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "holds a portfolio already"));
  remove_database (path);
}

static gpointer
run_in_thread (gpointer data)
{
  AuBacktestConfig *config = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  GError *error = NULL;
  AuBacktestResult *result;

  /* As a GUI worker does: its own context, never the UI thread's. */
  g_main_context_push_thread_default (context);
  result = au_backtest_run (config, &error);
  g_main_context_pop_thread_default (context);
  g_assert_null (result);

  return error;
}

static void
test_cancelled_from_another_thread (void)
{
  g_autofree char *path = new_path ("thread.db");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  Run run = { .cancellable = cancellable };
  AuBacktestConfig config;
  guint cancelled_at;

  g_mutex_init (&run.lock);
  g_cond_init (&run.progressed);
  fill_config (&config, path, &run);
  thread = g_thread_new ("backtest", run_in_thread, &config);

  g_mutex_lock (&run.lock);
  while (run.last_week < 2)
    g_cond_wait (&run.progressed, &run.lock);
  cancelled_at = run.last_week;
  g_cancellable_cancel (cancellable);
  g_mutex_unlock (&run.lock);

  error = g_thread_join (g_steal_pointer (&thread));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* At most the week in flight finishes after the cancel. */
  g_assert_cmpuint (run.last_week, >=, cancelled_at);
  g_assert_cmpuint (run.last_week, <=, cancelled_at + 1);
  g_assert_cmpuint (run.last_week, <, 520);
  assert_database_valid (path);
  remove_database (path);

  g_cond_clear (&run.progressed);
  g_mutex_clear (&run.lock);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("alluse-backtest-cancel-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/backtest/cancel/before-start", test_cancelled_before_start);
  g_test_add_func ("/backtest/cancel/after-three-weeks", test_cancelled_after_three_weeks);
  g_test_add_func ("/backtest/cancel/from-another-thread", test_cancelled_from_another_thread);

  status = g_test_run ();
  g_rmdir (work_dir);
  g_free (work_dir);

  return status;
}

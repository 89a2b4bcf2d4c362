/* test-backtest-dialog.c: a paper backtest run through the dialog
 *
 * The dialog's defaults ($300,000, 10 years, seed 42); a bad field named
 * and nothing run; a one-year run in the worker while the UI thread keeps
 * iterating, whose progress reaches week 52 of 52 and whose table shows
 * exactly the engine's AuBacktestResult; a run cancelled mid-way that
 * ends "Cancelled" with a database that still verifies. Needs a display.
 * A one-year backtest takes tens of seconds: the suite's timeout allows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-backtest-dialog.h"
#include "au-database.h"
#include "au-format.h"
#include "au-ledger-check.h"
#include "gui-test-util.h"

static char *work_dir;

static gboolean
not_running (gpointer data)
{
  return au_backtest_dialog_get_state (data) != AU_BACKTEST_DIALOG_RUNNING;
}

/* Waits longer than wait_until(): a year of simulated weeks. */
static void
wait_for_end (AuBacktestDialog *dialog,
              guint            *frames_while_running)
{
  gint64 deadline = g_get_monotonic_time () + 110 * G_USEC_PER_SEC;

  *frames_while_running = 0;
  while (!not_running (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (g_main_context_iteration (NULL, TRUE))
        (*frames_while_running)++;
    }
  iterate_main_context ();
}

static const char *
cell_text (GtkGrid *table,
           int      column,
           int      row)
{
  GtkWidget *child = gtk_grid_get_child_at (table, column, row);

  g_assert_true (GTK_IS_LABEL (child));
  return gtk_label_get_text (GTK_LABEL (child));
}

static void
assert_money_cell (GtkGrid *table,
                   int      column,
                   int      row,
                   AuMoney  cents)
{
  g_autofree char *expected = au_format_dollars (cents);

  g_assert_cmpstr (cell_text (table, column, row), ==, expected);
}

static void
test_defaults_and_bad_fields (void)
{
  AuBacktestDialog *dialog = AU_BACKTEST_DIALOG (au_backtest_dialog_new (NULL));

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (au_backtest_dialog_get_capital_entry (dialog)), ==,
                   "300000.00");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (au_backtest_dialog_get_years_spin (dialog)),
                   ==, 10);
  g_assert_cmpstr (gtk_editable_get_text (au_backtest_dialog_get_seed_entry (dialog)), ==, "42");
  g_assert_null (au_backtest_dialog_get_database_path (dialog));

  /* Half a cent is below the ledger's precision: refused, named, not run. */
  gtk_editable_set_text (au_backtest_dialog_get_capital_entry (dialog), "300000.005");
  g_assert_false (au_backtest_dialog_run (dialog));
  g_assert_cmpint (au_backtest_dialog_get_state (dialog), ==, AU_BACKTEST_DIALOG_IDLE);
  g_assert_nonnull (strstr (gtk_label_get_text (au_backtest_dialog_get_status_label (dialog)),
                            "Starting capital"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (au_backtest_dialog_get_capital_entry (dialog)),
                                           "error"));
  gtk_editable_set_text (au_backtest_dialog_get_capital_entry (dialog), "0");
  g_assert_false (au_backtest_dialog_run (dialog));

  /* "$300,000" as people write it is fine; a negative seed is not. */
  gtk_editable_set_text (au_backtest_dialog_get_capital_entry (dialog), "$300,000");
  gtk_editable_set_text (au_backtest_dialog_get_seed_entry (dialog), "-1");
  g_assert_false (au_backtest_dialog_run (dialog));
  g_assert_nonnull (strstr (gtk_label_get_text (au_backtest_dialog_get_status_label (dialog)),
                            "Seed"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (au_backtest_dialog_get_capital_entry (dialog)),
                                            "error"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_one_year (void)
{
  g_autofree char *path = g_build_filename (work_dir, "one-year.db", NULL);
  AuBacktestDialog *dialog = AU_BACKTEST_DIALOG (au_backtest_dialog_new (NULL));
  const AuBacktestResult *result;
  const AuBacktestYear *year;
  GtkGrid *table;
  guint n_weeks = 0;
  guint iterations;
  gint64 started;

  gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 1000);
  gtk_window_present (GTK_WINDOW (dialog));
  au_backtest_dialog_set_database_path (dialog, path);
  gtk_spin_button_set_value (au_backtest_dialog_get_years_spin (dialog), 1);

  started = g_get_monotonic_time ();
  g_assert_true (au_backtest_dialog_run (dialog));
  /* Run returns at once: the backtest is in its worker. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC / 2);
  g_assert_cmpint (au_backtest_dialog_get_state (dialog), ==, AU_BACKTEST_DIALOG_RUNNING);
  g_assert_false (au_backtest_dialog_run (dialog));

  wait_for_end (dialog, &iterations);
  g_test_message ("one year in %.1f s, %u main-loop dispatches meanwhile",
                  (g_get_monotonic_time () - started) / 1e6, iterations);
  /* The UI thread went on dispatching while the worker ran. */
  g_assert_cmpuint (iterations, >, 52);

  g_assert_cmpint (au_backtest_dialog_get_state (dialog), ==, AU_BACKTEST_DIALOG_DONE);
  result = au_backtest_dialog_get_result (dialog);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->seed, ==, 42);
  g_assert_cmpint (result->capital, ==, 30000000);
  g_assert_cmpuint (result->years->len, ==, 1);
  year = &g_array_index (result->years, AuBacktestYear, 0);
  g_assert_cmpint (year->equity, ==, result->final_equity);

  /* The progress reached the end. */
  g_assert_cmpuint (au_backtest_dialog_get_week (dialog, &n_weeks), ==, 52);
  g_assert_cmpuint (n_weeks, ==, 52);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (au_backtest_dialog_get_progress_bar (dialog)),
                     ==, 1.0);
  {
    g_autofree char *equity = au_format_dollars (result->final_equity);
    g_autofree char *text = g_strdup_printf ("Week 52 of 52 — equity %s", equity);

    g_assert_cmpstr (gtk_progress_bar_get_text (au_backtest_dialog_get_progress_bar (dialog)), ==,
                     text);
  }
  /* One chart point per week, the last the final equity. */
  {
    AuChartData *weekly = au_chart_get_data (au_backtest_dialog_get_weekly_chart (dialog));

    g_assert_cmpuint (au_chart_data_get_n_points (weekly), ==, 52);
    g_assert_cmpfloat_with_epsilon (au_chart_data_get_value (weekly, 51, 0),
                                    result->final_equity / 100.0, 0.005);
    g_assert_cmpuint (au_chart_data_get_n_points (au_chart_get_data (au_backtest_dialog_get_sleeve_chart (dialog))),
                      ==, 1);
  }

  /* The table is the engine's numbers, to the cent. */
  table = au_backtest_dialog_get_table (dialog);
  g_assert_cmpstr (cell_text (table, 0, 0), ==, "Year");
  g_assert_cmpstr (cell_text (table, 0, 1), ==, "1");
  assert_money_cell (table, 1, 1, year->equity);
  assert_money_cell (table, 2, 1, year->gen);
  assert_money_cell (table, 3, 1, year->rev);
  assert_money_cell (table, 4, 1, year->com);
  assert_money_cell (table, 5, 1, year->minis);
  assert_money_cell (table, 6, 1, year->income);
  {
    g_autofree char *forks = g_strdup_printf ("%" G_GUINT64_FORMAT, year->forks);
    g_autofree char *merges = g_strdup_printf ("%" G_GUINT64_FORMAT, year->merges);
    g_autofree char *drawdown = g_strdup_printf ("%.2f%%", year->max_drawdown * 100);
    /* After one year the CAGR to date is the run's CAGR. */
    g_autofree char *cagr = g_strdup_printf ("%.2f%%", result->cagr * 100);

    g_assert_cmpstr (cell_text (table, 7, 1), ==, forks);
    g_assert_cmpstr (cell_text (table, 8, 1), ==, merges);
    g_assert_cmpstr (cell_text (table, 9, 1), ==, drawdown);
    g_assert_cmpstr (cell_text (table, 10, 1), ==, cagr);
  }
  g_assert_null (gtk_grid_get_child_at (table, 0, 2));
  /* A year of weekly premium on $300,000 is income, and the run traded. */
  g_assert_cmpint (year->income, >, 0);
  g_assert_cmpuint (result->orders, >, 0);
  g_assert_cmpfloat (fabs ((double) year->equity / 30000000.0 - 1.0), <, 0.5);

  save_widget_png (GTK_WIDGET (dialog), "backtest-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_cancel (void)
{
  g_autofree char *path = g_build_filename (work_dir, "cancelled.db", NULL);
  AuBacktestDialog *dialog = AU_BACKTEST_DIALOG (au_backtest_dialog_new (NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) database = NULL;
  AuAuditVerifyResult verify = { 0 };
  AuLedgerCheckResult check = { 0 };
  guint iterations;
  guint n_weeks;

  gtk_window_present (GTK_WINDOW (dialog));
  au_backtest_dialog_set_database_path (dialog, path);
  g_assert_true (au_backtest_dialog_run (dialog));
  /* Cancel once the worker has reported a few weeks of 520. */
  while (au_backtest_dialog_get_week (dialog, NULL) < 3)
    g_main_context_iteration (NULL, TRUE);
  au_backtest_dialog_cancel (dialog);
  wait_for_end (dialog, &iterations);

  g_assert_cmpint (au_backtest_dialog_get_state (dialog), ==, AU_BACKTEST_DIALOG_CANCELLED);
  g_assert_null (au_backtest_dialog_get_result (dialog));
  g_assert_cmpuint (au_backtest_dialog_get_week (dialog, &n_weeks), <, 520);
  g_assert_cmpuint (n_weeks, ==, 520);
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (au_backtest_dialog_get_progress_bar (dialog)),
                                   "Cancelled"));
  g_assert_nonnull (strstr (gtk_label_get_text (au_backtest_dialog_get_status_label (dialog)),
                            "Cancelled"));
  /* Run works again afterwards. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (au_backtest_dialog_get_years_spin (dialog))));

  /* The database the cancelled run left is closed and valid. */
  database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (au_audit_log_verify (database, &verify, &error));
  g_assert_true (verify.ok);
  au_audit_verify_result_clear (&verify);
  g_assert_true (au_ledger_check (database, &check, &error));
  g_assert_true (check.ok);
  au_ledger_check_result_clear (&check);
  g_clear_object (&database);

  /* Closing during a run cancels it and does not crash. */
  au_backtest_dialog_set_database_path (dialog, NULL);
  g_assert_true (au_backtest_dialog_run (dialog));
  while (au_backtest_dialog_get_week (dialog, NULL) < 1)
    g_main_context_iteration (NULL, TRUE);
  g_object_ref (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  while (au_backtest_dialog_get_state (dialog) == AU_BACKTEST_DIALOG_RUNNING &&
         G_OBJECT (dialog)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (dialog);
  iterate_main_context ();

  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!have_display ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  work_dir = g_dir_make_tmp ("alluse-backtest-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/backtest-dialog/defaults-and-bad-fields", test_defaults_and_bad_fields);
  g_test_add_func ("/gui/backtest-dialog/one-year", test_one_year);
  g_test_add_func ("/gui/backtest-dialog/cancel", test_cancel);

  status = g_test_run ();
  {
    g_autofree char *file = g_build_filename (work_dir, "one-year.db", NULL);
    g_autofree char *wal = g_strconcat (file, "-wal", NULL);
    g_autofree char *shm = g_strconcat (file, "-shm", NULL);

    g_unlink (file);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (work_dir);
  g_free (work_dir);

  return status;
}

/* au-backtest-dialog.c: a paper backtest run from the window, with its progress and results
 *
 * au_backtest_run() runs in a GTask worker with a main context of its own
 * (the paper broker and the autopilot call back on the thread-default
 * context, which must not be the UI thread's). Its weekly progress comes
 * back to the UI thread with g_main_context_invoke_full(): the progress
 * bar, and the weekly equity chart drawn point by point. Cancel sets the
 * run's GCancellable, which the backtest checks once per simulated week
 * and then closes its database whole. The UI thread never waits on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-backtest-dialog"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "au-accessible.h"
#include "au-area-chart.h"
#include "au-backtest-dialog.h"
#include "au-format.h"
#include "au-line-chart.h"
#include "au-money.h"

/* The CLI's first session (alluse-cli backtest --start), so a seed gives
 * the same run here and there. */
#define START_YEAR 2016
#define START_MONTH G_DATE_JANUARY
#define START_DAY 4
#define WEEK_SECONDS ((gint64) 7 * 24 * 3600)

struct _AuBacktestDialog
{
  AdwWindow              parent_instance;

  AuBacktestDialogState  state;
  GCancellable          *cancellable;
  AuBacktestResult      *result;
  char                  *chosen_path;      /* NULL: temporary */
  char                  *temporary_dir;    /* made for a run, removed in finalize */
  char                  *run_path;
  gint64                 started;          /* monotonic µs */
  gint64                 start_unix;       /* the first session, Unix seconds */
  guint                  week;
  guint                  n_weeks;
  gboolean               closed;

  GtkButton             *run_button;
  GtkButton             *cancel_button;
  AdwPreferencesGroup   *settings_group;
  AdwEntryRow           *capital_row;
  GtkSpinButton         *years_spin;
  AdwEntryRow           *seed_row;
  AdwActionRow          *database_row;
  GtkButton             *temporary_button;
  GtkProgressBar        *progress_bar;
  GtkLabel              *status_label;
  GtkWidget             *results_box;
  GtkLabel              *summary_label;
  GtkGrid               *table;
  AuChart               *weekly_chart;
  AuChart               *sleeve_chart;
};

G_DEFINE_FINAL_TYPE (AuBacktestDialog, au_backtest_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (AuBacktestDialog      *self,
           AuBacktestDialogState  state)
{
  gboolean running = state == AU_BACKTEST_DIALOG_RUNNING;

  self->state = state;
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settings_group), !running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
show_database (AuBacktestDialog *self)
{
  adw_action_row_set_subtitle (self->database_row,
                               self->chosen_path != NULL
                               ? self->chosen_path
                               : _("A temporary file, removed when this window closes"));
  gtk_widget_set_visible (GTK_WIDGET (self->temporary_button), self->chosen_path != NULL);
}

/* A bad field is marked on its row and named in the status line; nothing
 * runs until it is fixed. */
static void
mark_field (AdwEntryRow *row,
            gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static gboolean
read_capital (AuBacktestDialog  *self,
              AuMoney           *capital,
              GError           **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->capital_row));
  GString *plain = g_string_new (NULL);
  gboolean parsed;

  /* "$300,000.00" as people write it: the dollar sign and the thousands
   * separators are for reading only. */
  for (const char *c = text; *c != '\0'; c++)
    if (*c != '$' && *c != ',' && *c != ' ')
      g_string_append_c (plain, *c);
  parsed = au_money_parse (plain->str, capital, NULL);
  g_string_free (plain, TRUE);

  if (!parsed || *capital <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Starting capital: “%s” is not a positive amount in dollars, e.g. 300000.00"),
                   text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_seed (AuBacktestDialog  *self,
           guint64           *seed,
           GError           **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->seed_row));

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, seed, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Seed: “%s” is not a whole number from 0 to %" G_GUINT64_FORMAT),
                   text, G_MAXUINT64);
      return FALSE;
    }

  return TRUE;
}

/* What the worker needs; owned by the task, freed on the UI thread. */
typedef struct
{
  AuBacktestConfig  config;
  char             *db_path;
  GMainContext     *ui_context;
  GWeakRef          dialog;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_main_context_unref (job->ui_context);
  g_weak_ref_clear (&job->dialog);
  g_free (job);
}

typedef struct
{
  GWeakRef  dialog;
  guint     week;
  guint     n_weeks;
  AuMoney   equity;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_weak_ref_clear (&progress->dialog);
  g_free (progress);
}

static gboolean
show_progress_cb (gpointer data)
{
  Progress *progress = data;
  g_autoptr(AuBacktestDialog) self = g_weak_ref_get (&progress->dialog);
  g_autofree char *equity = NULL;
  g_autofree char *text = NULL;
  double value;

  /* A late report after the window closed or the run ended. */
  if (self == NULL || self->closed || self->state != AU_BACKTEST_DIALOG_RUNNING)
    return G_SOURCE_REMOVE;

  self->week = progress->week;
  self->n_weeks = progress->n_weeks;
  equity = au_format_dollars (progress->equity);
  text = g_strdup_printf (_("Week %u of %u — equity %s"), progress->week, progress->n_weeks,
                          equity);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (double) progress->week / (double) progress->n_weeks);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);

  /* The chart carries doubles for drawing; the exact cents are in the
   * table and the progress text. */
  value = au_money_to_double (progress->equity);
  au_chart_append_point (self->weekly_chart,
                         self->start_unix + (gint64) progress->week * WEEK_SECONDS, &value);

  return G_SOURCE_REMOVE;
}

/* On the worker thread: hand the week to the UI thread and go on. */
static void
on_progress (guint    week,
             guint    n_weeks,
             AuMoney  equity,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *progress = g_new0 (Progress, 1);
  g_autoptr(GObject) dialog = g_weak_ref_get (&job->dialog);

  g_weak_ref_init (&progress->dialog, dialog);
  progress->week = week;
  progress->n_weeks = n_weeks;
  progress->equity = equity;
  g_main_context_invoke_full (job->ui_context, G_PRIORITY_DEFAULT, show_progress_cb, progress,
                              progress_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  GError *error = NULL;
  AuBacktestResult *result;

  g_main_context_push_thread_default (context);
  result = au_backtest_run (&job->config, &error);
  g_main_context_pop_thread_default (context);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) au_backtest_result_free);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), heading ? 0.0 : 1.0);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

enum {
  COLUMN_YEAR,
  COLUMN_EQUITY,
  COLUMN_GEN,
  COLUMN_REV,
  COLUMN_COM,
  COLUMN_MINIS,
  COLUMN_INCOME,
  COLUMN_FORKS,
  COLUMN_MERGES,
  COLUMN_DRAWDOWN,
  COLUMN_CAGR,
  N_COLUMNS
};

static char *
format_percent (double fraction)
{
  return g_strdup_printf ("%.2f%%", fraction * 100.0);
}

static void
show_table (AuBacktestDialog       *self,
            const AuBacktestResult *result)
{
  const char *titles[N_COLUMNS] = {
    _("Year"), _("Equity"), _("Gen-Acc"), _("Rev-Acc"), _("Com-Acc"), _("MINIs"),
    _("Income"), _("Forks"), _("Merges"), _("Max Drawdown"), _("CAGR to Date"),
  };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);

  for (guint c = 0; c < N_COLUMNS; c++)
    gtk_grid_attach (self->table, cell (titles[c], TRUE), (int) c, 0, 1, 1);

  for (guint i = 0; i < result->years->len; i++)
    {
      const AuBacktestYear *y = &g_array_index (result->years, AuBacktestYear, i);
      /* R0.8-style compounding to date, from exact cents to a rate. */
      double cagr = y->equity > 0 && result->capital > 0
                    ? pow ((double) y->equity / (double) result->capital, 1.0 / y->year) - 1.0
                    : -1.0;
      char *texts[N_COLUMNS] = {
        g_strdup_printf ("%u", y->year),
        au_format_dollars (y->equity),
        au_format_dollars (y->gen),
        au_format_dollars (y->rev),
        au_format_dollars (y->com),
        au_format_dollars (y->minis),
        au_format_dollars (y->income),
        g_strdup_printf ("%" G_GUINT64_FORMAT, y->forks),
        g_strdup_printf ("%" G_GUINT64_FORMAT, y->merges),
        format_percent (y->max_drawdown),
        format_percent (cagr),
      };

      for (guint c = 0; c < N_COLUMNS; c++)
        gtk_grid_attach (self->table, cell (texts[c], FALSE), (int) c, (int) i + 1, 1, 1);
      for (guint c = 0; c < N_COLUMNS; c++)
        g_free (texts[c]);
    }
}

static void
show_sleeve_chart (AuBacktestDialog       *self,
                   const AuBacktestResult *result)
{
  const char *names[] = { _("Gen-Acc"), _("Rev-Acc"), _("Com-Acc"), _("MINIs"),
                          _("Tax reserve"), NULL };
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AuChartData) data = NULL;

  for (guint i = 0; i < result->years->len; i++)
    {
      const AuBacktestYear *y = &g_array_index (result->years, AuBacktestYear, i);
      gint64 x = self->start_unix + (gint64) y->year * 52 * WEEK_SECONDS;
      double row[] = {
        au_money_to_double (y->gen), au_money_to_double (y->rev), au_money_to_double (y->com),
        au_money_to_double (y->minis), au_money_to_double (y->tax_reserve),
      };

      g_array_append_val (xs, x);
      g_array_append_vals (values, row, G_N_ELEMENTS (row));
    }

  data = au_chart_data_new (names, (const gint64 *) (gpointer) xs->data,
                            (const double *) (gpointer) values->data, xs->len, NULL, 0);
  au_chart_set_data (self->sleeve_chart, data);
}

static void
on_run_finished_cb (GObject      *source,
                    GAsyncResult *async_result,
                    gpointer      user_data)
{
  AuBacktestDialog *self = AU_BACKTEST_DIALOG (source);
  g_autoptr(GError) error = NULL;
  AuBacktestResult *result = g_task_propagate_pointer (G_TASK (async_result), &error);
  double seconds = (g_get_monotonic_time () - self->started) / 1e6;

  g_clear_object (&self->cancellable);
  if (self->closed)
    {
      g_clear_pointer (&result, au_backtest_result_free);
      return;
    }

  if (result == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          text = g_strdup_printf (_("Cancelled after week %u of %u"), self->week, self->n_weeks);
          gtk_progress_bar_set_text (self->progress_bar, text);
          gtk_label_set_text (self->status_label,
                              _("Cancelled. The database holds the weeks simulated so far, "
                                "whole and valid."));
          set_state (self, AU_BACKTEST_DIALOG_CANCELLED);
        }
      else
        {
          gtk_progress_bar_set_text (self->progress_bar, _("Failed"));
          gtk_label_set_text (self->status_label, error->message);
          set_state (self, AU_BACKTEST_DIALOG_FAILED);
        }
      return;
    }

  g_clear_pointer (&self->result, au_backtest_result_free);
  self->result = result;
  {
    g_autofree char *final = au_format_dollars (result->final_equity);
    g_autofree char *cagr = format_percent (result->cagr);
    g_autofree char *summary = NULL;
    g_autofree char *status = g_strdup_printf (_("Done in %.1f s, into %s"), seconds,
                                               self->run_path);

    summary = g_strdup_printf (_("Final equity %s, CAGR %s; %" G_GUINT64_FORMAT " forks, %"
                                 G_GUINT64_FORMAT " merges, %" G_GUINT64_FORMAT " orders, %"
                                 G_GUINT64_FORMAT " refused by the rules, %" G_GUINT64_FORMAT
                                 " audit records."),
                               final, cagr, result->forks, result->merges, result->orders,
                               result->rejected_by_rules, result->audit_records);
    gtk_label_set_text (self->summary_label, summary);
    gtk_label_set_text (self->status_label, status);
  }
  show_table (self, result);
  show_sleeve_chart (self, result);
  gtk_widget_set_visible (self->results_box, TRUE);
  set_state (self, AU_BACKTEST_DIALOG_DONE);
}

static void
remove_temporary (AuBacktestDialog *self)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (self->temporary_dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("backtest.db", suffixes[i], NULL);
      g_autofree char *file = g_build_filename (self->temporary_dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (self->temporary_dir);
  g_clear_pointer (&self->temporary_dir, g_free);
}

gboolean
au_backtest_dialog_run (AuBacktestDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  AuMoney capital = 0;
  guint64 seed = 0;
  gboolean capital_ok;
  gboolean seed_ok;
  Job *job;

  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), FALSE);

  if (self->state == AU_BACKTEST_DIALOG_RUNNING)
    return FALSE;

  capital_ok = read_capital (self, &capital, &error);
  mark_field (self->capital_row, !capital_ok);
  seed_ok = capital_ok && read_seed (self, &seed, &error);
  mark_field (self->seed_row, capital_ok && !seed_ok);
  if (!capital_ok || !seed_ok)
    {
      gtk_label_set_text (self->status_label, error->message);
      return FALSE;
    }

  /* Each run writes a new database: the previous temporary one goes. */
  remove_temporary (self);
  g_clear_pointer (&self->run_path, g_free);
  if (self->chosen_path != NULL)
    self->run_path = g_strdup (self->chosen_path);
  else
    {
      self->temporary_dir = g_dir_make_tmp ("alluse-backtest-XXXXXX", &error);
      if (self->temporary_dir == NULL)
        {
          gtk_label_set_text (self->status_label, error->message);
          return FALSE;
        }
      self->run_path = g_build_filename (self->temporary_dir, "backtest.db", NULL);
    }

  job = g_new0 (Job, 1);
  job->db_path = g_strdup (self->run_path);
  job->ui_context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->dialog, self);
  job->config.seed = seed;
  job->config.capital = capital;
  job->config.years = (guint) gtk_spin_button_get_value_as_int (self->years_spin);
  g_date_clear (&job->config.start, 1);
  g_date_set_dmy (&job->config.start, START_DAY, START_MONTH, START_YEAR);
  job->config.db_path = job->db_path;
  job->config.progress = on_progress;
  job->config.progress_data = job;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job->config.cancellable = self->cancellable;

  g_clear_pointer (&self->result, au_backtest_result_free);
  self->week = 0;
  self->n_weeks = job->config.years * 52;
  self->started = g_get_monotonic_time ();
  {
    const char *names[] = { _("Total equity"), NULL };
    g_autoptr(AuChartData) empty = au_chart_data_new (names, NULL, NULL, 0, NULL, 0);

    au_chart_set_data (self->weekly_chart, empty);
  }
  gtk_widget_set_visible (self->results_box, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting the paper market…"));
  gtk_label_set_text (self->status_label, self->run_path);
  set_state (self, AU_BACKTEST_DIALOG_RUNNING);

  /* The task holds the dialog until the worker is done; the worker holds
   * only a weak reference, so no widget is ever released off the UI
   * thread. The job keeps the cancellable alive with the task. */
  task = g_task_new (self, self->cancellable, on_run_finished_cb, NULL);
  g_task_set_source_tag (task, au_backtest_dialog_run);
  g_task_set_task_data (task, job, job_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_thread);
  return TRUE;
}

void
au_backtest_dialog_cancel (AuBacktestDialog *self)
{
  g_return_if_fail (AU_IS_BACKTEST_DIALOG (self));

  if (self->state != AU_BACKTEST_DIALOG_RUNNING)
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_label_set_text (self->status_label, _("Cancelling after the week in progress…"));
}

static void
on_run_clicked_cb (AuBacktestDialog *self)
{
  au_backtest_dialog_run (self);
}

static void
on_cancel_clicked_cb (AuBacktestDialog *self)
{
  au_backtest_dialog_cancel (self);
}

static void
on_temporary_clicked_cb (AuBacktestDialog *self)
{
  au_backtest_dialog_set_database_path (self, NULL);
}

static void
on_chooser_response_cb (GtkNativeDialog  *chooser,
                        int               response,
                        AuBacktestDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        au_backtest_dialog_set_database_path (self, path);
    }

  g_object_unref (chooser);
}

static void
on_choose_clicked_cb (AuBacktestDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Backtest Database"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Select"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "backtest.db");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
au_backtest_dialog_set_database_path (AuBacktestDialog *self,
                                      const char       *path)
{
  g_return_if_fail (AU_IS_BACKTEST_DIALOG (self));

  g_free (self->chosen_path);
  self->chosen_path = g_strdup (path);
  show_database (self);
}

/* Returns: the chosen file, or %NULL for a temporary one */
const char *
au_backtest_dialog_get_database_path (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);

  return self->chosen_path;
}

AuBacktestDialogState
au_backtest_dialog_get_state (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), AU_BACKTEST_DIALOG_IDLE);

  return self->state;
}

const AuBacktestResult *
au_backtest_dialog_get_result (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);

  return self->result;
}

guint
au_backtest_dialog_get_week (AuBacktestDialog *self,
                             guint            *n_weeks)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), 0);

  if (n_weeks != NULL)
    *n_weeks = self->n_weeks;
  return self->week;
}

GtkEditable *
au_backtest_dialog_get_capital_entry (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return GTK_EDITABLE (self->capital_row);
}

GtkSpinButton *
au_backtest_dialog_get_years_spin (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return self->years_spin;
}

GtkEditable *
au_backtest_dialog_get_seed_entry (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return GTK_EDITABLE (self->seed_row);
}

GtkProgressBar *
au_backtest_dialog_get_progress_bar (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return self->progress_bar;
}

GtkLabel *
au_backtest_dialog_get_status_label (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return self->status_label;
}

GtkGrid *
au_backtest_dialog_get_table (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return self->table;
}

AuChart *
au_backtest_dialog_get_weekly_chart (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return self->weekly_chart;
}

AuChart *
au_backtest_dialog_get_sleeve_chart (AuBacktestDialog *self)
{
  g_return_val_if_fail (AU_IS_BACKTEST_DIALOG (self), NULL);
  return self->sleeve_chart;
}

/* Closing while a run goes on cancels it; the window goes at once, and
 * the worker finishes the week and closes its database on its own. */
static gboolean
on_close_request_cb (AuBacktestDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  self->closed = TRUE;

  return FALSE;
}

static void
au_backtest_dialog_dispose (GObject *object)
{
  AuBacktestDialog *self = AU_BACKTEST_DIALOG (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AU_TYPE_BACKTEST_DIALOG);

  G_OBJECT_CLASS (au_backtest_dialog_parent_class)->dispose (object);
}

static void
au_backtest_dialog_finalize (GObject *object)
{
  AuBacktestDialog *self = AU_BACKTEST_DIALOG (object);

  /* The task held the dialog until its worker returned, so the database
   * is closed by now. */
  remove_temporary (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->result, au_backtest_result_free);
  g_free (self->chosen_path);
  g_free (self->run_path);

  G_OBJECT_CLASS (au_backtest_dialog_parent_class)->finalize (object);
}

static void
au_backtest_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AuBacktestDialog *self = AU_BACKTEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_backtest_dialog_class_init (AuBacktestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = au_backtest_dialog_dispose;
  object_class->finalize = au_backtest_dialog_finalize;
  object_class->get_property = au_backtest_dialog_get_property;

  /* An AuBacktestDialogState. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, AU_BACKTEST_DIALOG_IDLE, AU_BACKTEST_DIALOG_FAILED,
                      AU_BACKTEST_DIALOG_IDLE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AU_TYPE_LINE_CHART);
  g_type_ensure (AU_TYPE_AREA_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alluse/Autopilot/ui/au-backtest-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, settings_group);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, capital_row);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, years_spin);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, seed_row);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, temporary_button);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, results_box);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, table);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, weekly_chart);
  gtk_widget_class_bind_template_child (widget_class, AuBacktestDialog, sleeve_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_temporary_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
}

static void
au_backtest_dialog_init (AuBacktestDialog *self)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (START_YEAR, START_MONTH, START_DAY, 0, 0, 0);

  gtk_widget_init_template (GTK_WIDGET (self));
  au_accessible_label_group_lists (GTK_WIDGET (self));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);

  self->start_unix = g_date_time_to_unix (start);
  au_chart_set_title (self->weekly_chart, _("Total Equity per Week"));
  au_chart_set_title (self->sleeve_chart, _("Equity per Sleeve at Each Year’s End"));
  {
    const char *names[] = { _("Total equity"), NULL };
    g_autoptr(AuChartData) empty = au_chart_data_new (names, NULL, NULL, 0, NULL, 0);

    au_chart_set_data (self->weekly_chart, empty);
  }
  show_database (self);
}

/**
 * au_backtest_dialog_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
GtkWindow *
au_backtest_dialog_new (GtkWindow *parent)
{
  return g_object_new (AU_TYPE_BACKTEST_DIALOG,
                       "transient-for", parent,
                       NULL);
}

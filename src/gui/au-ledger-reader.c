/* au-ledger-reader.c: what the window reads from the ledger, off the UI thread
 *
 * The window never touches SQLite on its own thread (decisions D3): each
 * reader runs in a GTask worker with its own read-only connection and
 * hands back immutable objects (rows, chart data).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "au-db-worker.h"
#include "au-ledger-export.h"
#include "au-ledger-reader.h"
#include "au-ledger-row.h"

/**
 * au_ledger_reader_has_portfolio:
 * @database_path: the autopilot's database
 * @has_portfolio: (out): whether a portfolio (an account tree) exists
 * @error: where to put an error
 *
 * Returns: %FALSE when the database could not be read
 */
gboolean
au_ledger_reader_has_portfolio (const char  *database_path,
                                gboolean    *has_portfolio,
                                GError     **error)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (has_portfolio != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *has_portfolio = FALSE;
  if (!au_db_worker_open (database_path, "ledger", &database, error))
    return FALSE;
  if (database == NULL)
    return TRUE;

  stmt = au_database_prepare (database,
                              "SELECT count (*) FROM ledger_accounts WHERE kind = 'root';", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (database, error, "ledger_accounts");
      return FALSE;
    }

  *has_portfolio = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

/* The worker's answer is a boxed gboolean: NULL means an error. */
static gpointer
has_portfolio_job (gpointer       database_path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  gboolean has_portfolio;

  if (!au_ledger_reader_has_portfolio (database_path, &has_portfolio, error))
    return NULL;

  return g_memdup2 (&has_portfolio, sizeof has_portfolio);
}

void
au_ledger_reader_has_portfolio_async (const char          *database_path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (database_path != NULL);

  au_db_worker_run (au_ledger_reader_has_portfolio_async, has_portfolio_job,
                    g_strdup (database_path), g_free, g_free, cancellable, callback, user_data);
}

/* Returns: whether a portfolio exists; %FALSE with @error set on failure */
gboolean
au_ledger_reader_has_portfolio_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_autofree gboolean *has_portfolio =
    au_db_worker_finish (result, au_ledger_reader_has_portfolio_async, error);

  return has_portfolio != NULL && *has_portfolio;
}

/**
 * au_ledger_reader_load_rows:
 * @database_path: the autopilot's database
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put an error
 *
 * Reads every posting with its transaction, oldest first.
 *
 * Returns: (transfer full) (element-type AuLedgerRow): the rows, empty
 *   when there is no ledger yet, or %NULL with @error set
 */
GPtrArray *
au_ledger_reader_load_rows (const char    *database_path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int status;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_db_worker_open (database_path, "ledger", &database, error))
    return NULL;
  if (database == NULL)
    return g_steal_pointer (&rows);

  stmt = au_database_prepare (database,
                              "SELECT t.id, t.time, a.name, t.kind, t.description, b.book, b.type,"
                              "       p.amount, coalesce (t.external_ref, '')"
                              "  FROM ledger_postings p"
                              "  JOIN ledger_transactions t ON t.id = p.transaction_id"
                              "  JOIN ledger_books b ON b.id = p.book_id"
                              "  JOIN ledger_accounts a ON a.id = b.account_id"
                              " ORDER BY t.id, p.id;", error);
  if (stmt == NULL)
    return NULL;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuLedgerRowFields fields = {
        .transaction_id = sqlite3_column_int64 (stmt, 0),
        .time = au_db_column_text (stmt, 1),
        .account = au_db_column_text (stmt, 2),
        .kind = au_db_column_text (stmt, 3),
        .description = au_db_column_text (stmt, 4),
        .book = au_db_column_text (stmt, 5),
        .book_type = au_db_column_text (stmt, 6),
        .amount = sqlite3_column_int64 (stmt, 7),
        .external_ref = au_db_column_text (stmt, 8),
      };

      g_ptr_array_add (rows, au_ledger_row_new (&fields));

      /* A long read gives way quickly when the page goes away. */
      if (rows->len % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, _("Reading the ledger"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

void
au_ledger_reader_load_rows_async (const char          *database_path,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (database_path != NULL);

  au_db_worker_run_path (au_ledger_reader_load_rows_async,
                         AU_DB_PATH_QUERY (au_ledger_reader_load_rows), database_path,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * au_ledger_reader_load_rows_finish:
 * @result: the result
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type AuLedgerRow): the rows, or %NULL
 */
GPtrArray *
au_ledger_reader_load_rows_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return au_db_worker_finish (result, au_ledger_reader_load_rows_async, error);
}

/* Monday 00:00 UTC of the week that holds @time. */
static gint64
week_start (GDateTime *time)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_time_get_year (time),
                                                       g_date_time_get_month (time),
                                                       g_date_time_get_day_of_month (time),
                                                       0, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_add_days (midnight,
                                                      1 - g_date_time_get_day_of_week (time));

  return g_date_time_to_unix (monday);
}

static gint64
day_start (GDateTime *time)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_time_get_year (time),
                                                       g_date_time_get_month (time),
                                                       g_date_time_get_day_of_month (time),
                                                       0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static GDateTime *
parse_time (AuDatabase  *database,
            const char  *text,
            GError     **error)
{
  GDateTime *time = g_date_time_new_from_iso8601 (text, NULL);

  if (time == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("%s: ledger_transactions.time “%s” is not an ISO 8601 time"),
                 au_database_get_path (database), text);

  return time;
}

#define SECONDS_PER_WEEK (7 * 24 * 3600)

static void
append_week (GArray *weeks,
             GArray *cents,
             gint64  week)
{
  AuMoney zero = 0;

  g_array_append_val (weeks, week);
  g_array_append_val (cents, zero);
}

/* Premium income per week (credits to premium_income, in their natural
 * sign), every week from the first to the last, empty weeks at zero. */
static AuChartData *
load_weekly_premium (AuDatabase  *database,
                     GError     **error)
{
  static const char * const names[] = { N_("Premium income"), NULL };
  const char *translated[] = { _(names[0]), NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) weeks = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cents = g_array_new (FALSE, FALSE, sizeof (AuMoney));
  g_autoptr(GArray) dollars = g_array_new (FALSE, FALSE, sizeof (double));
  int status;

  stmt = au_database_prepare (database,
                              "SELECT t.time, p.amount FROM ledger_postings p"
                              "  JOIN ledger_transactions t ON t.id = p.transaction_id"
                              "  JOIN ledger_books b ON b.id = p.book_id"
                              " WHERE b.book = 'premium_income'"
                              " ORDER BY t.time, t.id;", error);
  if (stmt == NULL)
    return NULL;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) time = parse_time (database, au_db_column_text (stmt, 0), error);
      gint64 week;
      AuMoney income;

      if (time == NULL)
        return NULL;

      week = week_start (time);
      /* Income is a credit: negative as posted, positive as earned. */
      income = -sqlite3_column_int64 (stmt, 1);

      /* Every week from the first on, so a week without income shows. */
      if (weeks->len == 0)
        append_week (weeks, cents, week);
      while (g_array_index (weeks, gint64, weeks->len - 1) < week)
        append_week (weeks, cents,
                     g_array_index (weeks, gint64, weeks->len - 1) + SECONDS_PER_WEEK);

      g_array_index (cents, AuMoney, cents->len - 1) += income;
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, _("Reading premium income"));
      return NULL;
    }

  /* Sums stay exact in cents; only the chart's copy is a double. */
  for (guint i = 0; i < cents->len; i++)
    {
      double value = (double) g_array_index (cents, AuMoney, i) / 100.0;

      g_array_append_val (dollars, value);
    }

  return au_chart_data_new (translated, (const gint64 *) (gpointer) weeks->data,
                            (const double *) (gpointer) dollars->data, weeks->len, NULL, 0);
}

enum { SLEEVE_GEN, SLEEVE_REV, SLEEVE_COM, SLEEVE_MINI, N_SLEEVES };

static int
sleeve_of (const char *kind)
{
  if (g_str_equal (kind, "gen"))
    return SLEEVE_GEN;
  if (g_str_equal (kind, "rev"))
    return SLEEVE_REV;
  if (g_str_equal (kind, "com"))
    return SLEEVE_COM;
  if (g_str_equal (kind, "mini"))
    return SLEEVE_MINI;

  return -1;
}

static const char *
marker_label (const char *kind)
{
  if (g_str_equal (kind, "fork_gen"))
    return _("MINI fork");
  if (g_str_equal (kind, "fork_rev"))
    return _("Tree fork");
  if (g_str_equal (kind, "merge_mini"))
    return _("Merge");

  return NULL;
}

static void
close_day (GArray       *days,
           GArray       *values,
           GArray       *totals,
           gint64        day,
           const AuMoney sleeves[N_SLEEVES])
{
  AuMoney total = 0;

  for (int s = 0; s < N_SLEEVES; s++)
    {
      double value = (double) sleeves[s] / 100.0;

      g_array_append_val (values, value);
      total += sleeves[s];
    }
  g_array_append_val (days, day);
  g_array_append_val (totals, total);
}

/* Net assets at cost (assets minus liabilities: cash, stock and long
 * options at cost, reserves, less premium owed on open short options) of
 * every sleeve kind at the end of each day with postings; the forks and
 * merges (R2.6, R3.6, D2.3) as markers. Marks are the engine's, not the
 * ledger's, so this is at cost, and the chart says so. */
static gboolean
load_equity (AuDatabase   *database,
             AuChartData **equity,
             AuChartData **drawdown,
             GError      **error)
{
  const char *names[] = { _("Gen-Acc"), _("Rev-Acc"), _("Com-Acc"), _("MINI"), NULL };
  const char *drawdown_names[] = { _("Drawdown"), NULL };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (AuMoney));
  g_autoptr(GArray) markers = g_array_new (FALSE, FALSE, sizeof (AuChartMarker));
  g_autoptr(GArray) falls = g_array_new (FALSE, FALSE, sizeof (double));
  AuMoney sleeves[N_SLEEVES] = { 0 };
  gint64 current_day = G_MININT64;
  gint64 last_marker_txn = 0;
  AuMoney peak = 0;
  int status;

  stmt = au_database_prepare (database,
                              "SELECT t.id, t.time, t.kind, a.kind, b.type, p.amount"
                              "  FROM ledger_postings p"
                              "  JOIN ledger_transactions t ON t.id = p.transaction_id"
                              "  JOIN ledger_books b ON b.id = p.book_id"
                              "  JOIN ledger_accounts a ON a.id = b.account_id"
                              " ORDER BY t.time, t.id, p.id;", error);
  if (stmt == NULL)
    return FALSE;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) time = parse_time (database, au_db_column_text (stmt, 1), error);
      gint64 txn = sqlite3_column_int64 (stmt, 0);
      const char *label = marker_label (au_db_column_text (stmt, 2));
      const char *book_type = au_db_column_text (stmt, 4);
      int sleeve = sleeve_of (au_db_column_text (stmt, 3));
      gint64 day;

      if (time == NULL)
        return FALSE;

      day = day_start (time);
      if (day != current_day && current_day != G_MININT64)
        close_day (days, values, totals, current_day, sleeves);
      current_day = day;

      if (label != NULL && txn != last_marker_txn)
        {
          AuChartMarker marker = { g_date_time_to_unix (time), label };

          g_array_append_val (markers, marker);
          last_marker_txn = txn;
        }

      /* Liabilities are credits (negative), so the plain sum of asset and
       * liability postings is the net. */
      if (sleeve >= 0 && (g_str_equal (book_type, "asset") || g_str_equal (book_type, "liability")))
        sleeves[sleeve] += sqlite3_column_int64 (stmt, 5);
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, _("Reading equity"));
      return FALSE;
    }
  if (current_day != G_MININT64)
    close_day (days, values, totals, current_day, sleeves);

  /* R0.8, D2.6: drawdown from the high-water mark, here of equity at cost. */
  for (guint i = 0; i < totals->len; i++)
    {
      AuMoney total = g_array_index (totals, AuMoney, i);
      double fall;

      peak = MAX (peak, total);
      fall = peak > 0 ? (double) (total - peak) / (double) peak : 0.0;
      g_array_append_val (falls, fall);
    }

  *equity = au_chart_data_new (names, (const gint64 *) (gpointer) days->data,
                               (const double *) (gpointer) values->data, days->len,
                               (const AuChartMarker *) (gpointer) markers->data, markers->len);
  *drawdown = au_chart_data_new (drawdown_names, (const gint64 *) (gpointer) days->data,
                                 (const double *) (gpointer) falls->data, days->len, NULL, 0);
  return TRUE;
}

/**
 * au_ledger_reader_load_charts:
 * @database_path: the autopilot's database
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type AuChartData): the charts in the
 *   order of #AuLedgerChart (empty data when there is no ledger), or
 *   %NULL with @error set
 */
GPtrArray *
au_ledger_reader_load_charts (const char    *database_path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GPtrArray) charts = g_ptr_array_new_with_free_func (g_object_unref);
  AuChartData *premium;
  AuChartData *equity = NULL;
  AuChartData *drawdown = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_db_worker_open (database_path, "ledger", &database, error))
    return NULL;

  if (database == NULL)
    {
      const char *premium_names[] = { _("Premium income"), NULL };
      const char *equity_names[] = { _("Gen-Acc"), _("Rev-Acc"), _("Com-Acc"), _("MINI"), NULL };
      const char *drawdown_names[] = { _("Drawdown"), NULL };

      g_ptr_array_add (charts, au_chart_data_new (premium_names, NULL, NULL, 0, NULL, 0));
      g_ptr_array_add (charts, au_chart_data_new (equity_names, NULL, NULL, 0, NULL, 0));
      g_ptr_array_add (charts, au_chart_data_new (drawdown_names, NULL, NULL, 0, NULL, 0));
      return g_steal_pointer (&charts);
    }

  premium = load_weekly_premium (database, error);
  if (premium == NULL)
    return NULL;
  g_ptr_array_add (charts, premium);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!load_equity (database, &equity, &drawdown, error))
    return NULL;
  g_ptr_array_add (charts, equity);
  g_ptr_array_add (charts, drawdown);

  return g_steal_pointer (&charts);
}

void
au_ledger_reader_load_charts_async (const char          *database_path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (database_path != NULL);

  au_db_worker_run_path (au_ledger_reader_load_charts_async,
                         AU_DB_PATH_QUERY (au_ledger_reader_load_charts), database_path,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * au_ledger_reader_load_charts_finish:
 * @result: the result
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type AuChartData): the charts, or %NULL
 */
GPtrArray *
au_ledger_reader_load_charts_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return au_db_worker_finish (result, au_ledger_reader_load_charts_async, error);
}

typedef struct
{
  char  *database_path;
  GFile *destination;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->database_path);
  g_clear_object (&job->destination);
  g_free (job);
}

/* The worker's answer is any non-NULL pointer: NULL means an error. */
static gpointer
export_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GFileOutputStream) out = NULL;

  if (!au_db_worker_open (job->database_path, "ledger", &database, error))
    return NULL;
  if (database == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s holds no ledger yet: there is nothing to export"), job->database_path);
      return NULL;
    }

  out = g_file_replace (job->destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, error);
  if (out == NULL)
    return NULL;

  /* A failed export leaves no half-written file behind: the replace is
   * only committed when the stream closes without error. */
  if (!au_ledger_export_csv (database, G_OUTPUT_STREAM (out), cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    return NULL;

  return job;
}

/**
 * au_ledger_reader_export_csv_async:
 * @database_path: the autopilot's database
 * @destination: the CSV file to write (replaced when it exists)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Writes au_ledger_export_csv() into @destination in a worker.
 */
void
au_ledger_reader_export_csv_async (const char          *database_path,
                                   GFile               *destination,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ExportJob *job;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (destination));

  job = g_new0 (ExportJob, 1);
  job->database_path = g_strdup (database_path);
  job->destination = g_object_ref (destination);

  au_db_worker_run (au_ledger_reader_export_csv_async, export_job, job, export_job_free,
                    NULL, cancellable, callback, user_data);
}

gboolean
au_ledger_reader_export_csv_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return au_db_worker_finish (result, au_ledger_reader_export_csv_async, error) != NULL;
}

/* au-overview-reader.c: the Overview's figures from the ledger, off the UI thread
 *
 * The window never touches SQLite on its own thread (decisions D3): this
 * runs in a GTask worker with its own read-only connection and hands back
 * plain sums in cents.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-overview-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "au-db-worker.h"
#include "au-overview-reader.h"

/* The ledger writes every time as UTC in this one form, so text order is
 * time order and the bounds below can be compared in SQL. */
#define LEDGER_TIME_FORMAT "%Y-%m-%dT%H:%M:%SZ"

gboolean
au_overview_period_start (gint64             time,
                          AuOverviewPeriod   period,
                          gint64            *start,
                          GError           **error)
{
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) first = NULL;
  int day = 1;
  int month;

  g_return_val_if_fail (start != NULL, FALSE);

  if (eastern == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The system has no America/New_York time zone data (install tzdata)"));
      return FALSE;
    }

  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%" G_GINT64_FORMAT " is not a time"), time);
      return FALSE;
    }
  local = g_date_time_to_timezone (utc, eastern);
  month = g_date_time_get_month (local);

  switch (period)
    {
    case AU_OVERVIEW_PERIOD_DAY:
    case AU_OVERVIEW_PERIOD_WEEK:
      day = g_date_time_get_day_of_month (local);
      break;
    case AU_OVERVIEW_PERIOD_MONTH:
      break;
    case AU_OVERVIEW_PERIOD_YEAR:
      month = 1;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  midnight = g_date_time_new (eastern, g_date_time_get_year (local), month, day, 0, 0, 0);
  if (period == AU_OVERVIEW_PERIOD_WEEK)
    first = g_date_time_add_days (midnight, 1 - g_date_time_get_day_of_week (local));
  else
    first = g_date_time_ref (midnight);

  *start = g_date_time_to_unix (first);
  return TRUE;
}

static char *
ledger_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (utc, LEDGER_TIME_FORMAT);
}

static gboolean
last_transaction_time (AuDatabase  *database,
                       gint64      *as_of,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (database,
                                                      "SELECT max (time) FROM ledger_transactions;",
                                                      error);
  g_autoptr(GDateTime) time = NULL;
  const char *text;

  *as_of = 0;
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (database, error, _("Reading the ledger"));
      return FALSE;
    }

  text = (const char *) sqlite3_column_text (stmt, 0);
  if (text == NULL)
    return TRUE;

  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: ledger_transactions.time “%s” is not an ISO 8601 time"),
                   au_database_get_path (database), text);
      return FALSE;
    }

  *as_of = g_date_time_to_unix (time);
  return TRUE;
}

/**
 * au_overview_reader_load_income:
 * @database_path: the autopilot's database
 * @now: the engine's time (Unix seconds), or 0 for the ledger's last
 * @income: (out caller-allocates): the sums
 * @error: where to put an error
 *
 * Returns: %FALSE with @error set when the database could not be read
 */
gboolean
au_overview_reader_load_income (const char        *database_path,
                                gint64             now,
                                AuOverviewIncome  *income,
                                GError           **error)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *week_text = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *now_text = NULL;
  gint64 week;
  gint64 month;
  gint64 year;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (income != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *income = (AuOverviewIncome) { 0 };
  if (!au_db_worker_open (database_path, "ledger", &database, error))
    return FALSE;
  if (database == NULL)
    return TRUE;

  income->has_ledger = TRUE;
  if (now == 0 && !last_transaction_time (database, &now, error))
    return FALSE;
  if (now == 0)
    return TRUE;

  income->as_of = now;
  if (!au_overview_period_start (now, AU_OVERVIEW_PERIOD_WEEK, &week, error) ||
      !au_overview_period_start (now, AU_OVERVIEW_PERIOD_MONTH, &month, error) ||
      !au_overview_period_start (now, AU_OVERVIEW_PERIOD_YEAR, &year, error))
    return FALSE;

  week_text = ledger_time (week);
  month_text = ledger_time (month);
  year_text = ledger_time (year);
  now_text = ledger_time (now);

  /* Income is a credit: negative as posted, positive as earned. The week
   * may begin in December of the year before, hence the lower bound is
   * the earliest of the three. */
  stmt = au_database_prepare (database,
                              "SELECT coalesce (-sum (CASE WHEN t.time >= ?1 THEN p.amount END), 0),"
                              "       coalesce (-sum (CASE WHEN t.time >= ?2 THEN p.amount END), 0),"
                              "       coalesce (-sum (CASE WHEN t.time >= ?3 THEN p.amount END), 0)"
                              "  FROM ledger_postings p"
                              "  JOIN ledger_transactions t ON t.id = p.transaction_id"
                              "  JOIN ledger_books b ON b.id = p.book_id"
                              " WHERE b.book = 'premium_income'"
                              "   AND t.time >= min (?1, ?2, ?3) AND t.time <= ?4;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, week_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, year_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now_text, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (database, error, _("Reading premium income"));
      return FALSE;
    }

  income->week = sqlite3_column_int64 (stmt, 0);
  income->month = sqlite3_column_int64 (stmt, 1);
  income->year = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

typedef struct
{
  char   *database_path;
  gint64  now;
} IncomeJob;

static void
income_job_free (gpointer data)
{
  IncomeJob *job = data;

  g_free (job->database_path);
  g_free (job);
}

static gpointer
load_income_job (gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  IncomeJob *job = data;
  g_autofree AuOverviewIncome *income = g_new0 (AuOverviewIncome, 1);

  if (!au_overview_reader_load_income (job->database_path, job->now, income, error))
    return NULL;

  return g_steal_pointer (&income);
}

void
au_overview_reader_load_income_async (const char          *database_path,
                                      gint64               now,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  IncomeJob *job;

  g_return_if_fail (database_path != NULL);

  job = g_new0 (IncomeJob, 1);
  job->database_path = g_strdup (database_path);
  job->now = now;

  /* A newer request replaces an older one: its answer is dropped. */
  au_db_worker_run_replaceable (au_overview_reader_load_income_async, load_income_job, job,
                                income_job_free, g_free, cancellable, callback, user_data);
}

gboolean
au_overview_reader_load_income_finish (GAsyncResult      *result,
                                       AuOverviewIncome  *income,
                                       GError           **error)
{
  g_autofree AuOverviewIncome *loaded = NULL;

  g_return_val_if_fail (income != NULL, FALSE);

  loaded = au_db_worker_finish (result, au_overview_reader_load_income_async, error);
  if (loaded == NULL)
    return FALSE;

  *income = *loaded;
  return TRUE;
}

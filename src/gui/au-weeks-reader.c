/* au-weeks-reader.c: the labelled weeks, read off the UI thread
 *
 * autopilot_week_types holds one row per ISO week and sleeve, and one
 * with no account for the system roll-up (D2.5), written at each week's
 * Friday close. A database the autopilot has not labelled a week in yet
 * has no such table: no weeks, no error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-weeks-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "au-db-worker.h"
#include "au-week-row.h"
#include "au-weeks-reader.h"

/**
 * au_weeks_reader_load:
 * @database_path: the autopilot's database
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type AuWeekRow): the weeks, newest
 *   first; or %NULL with @error set (an unknown type names its week)
 */
GPtrArray *
au_weeks_reader_load (const char    *database_path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  AuWeekRow *current = NULL;
  int status;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_db_worker_open (database_path, "autopilot", &database, error))
    return NULL;
  if (database == NULL)
    return g_steal_pointer (&rows);

  stmt = au_database_prepare (database,
                              "SELECT week, coalesce (account, ''), type, events"
                              "  FROM autopilot_week_types"
                              " ORDER BY week DESC, account IS NOT NULL, account;", error);
  if (stmt == NULL)
    return NULL;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *week = (const char *) sqlite3_column_text (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 2);
      AuWeekType type;

      if (!au_week_type_from_key (key, &type))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Week %s: “%s” is not a week type of D2.5"), week, key);
          return NULL;
        }
      if (current == NULL || !g_str_equal (au_week_row_get_week (current), week))
        {
          current = au_week_row_new (week);
          g_ptr_array_add (rows, current);
          if (rows->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
        }
      au_week_row_add (current, (const char *) sqlite3_column_text (stmt, 1), type,
                       (const char *) sqlite3_column_text (stmt, 3));
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, _("Reading the week types"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

void
au_weeks_reader_load_async (const char          *database_path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (database_path != NULL);

  au_db_worker_run_path (au_weeks_reader_load_async, AU_DB_PATH_QUERY (au_weeks_reader_load),
                         database_path, (GDestroyNotify) g_ptr_array_unref,
                         cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type AuWeekRow): the weeks, or %NULL */
GPtrArray *
au_weeks_reader_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return au_db_worker_finish (result, au_weeks_reader_load_async, error);
}

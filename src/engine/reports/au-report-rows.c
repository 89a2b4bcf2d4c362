/* au-report-rows.c: one way the report's readers walk a query's rows and
 * free what they read (WS5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include "au-report-private.h"

static void
bind_texts (sqlite3_stmt *stmt,
            va_list       texts)
{
  const char *text;
  int index = 1;

  /* Copied: a caller may rebind with a text that lives one loop turn. */
  while ((text = va_arg (texts, const char *)) != NULL)
    sqlite3_bind_text (stmt, index++, text, -1, SQLITE_TRANSIENT);
}

gboolean
_au_report_rows_open (AuReportRows  *rows,
                      AuDatabase    *db,
                      const char    *what,
                      GError       **error,
                      const char    *sql,
                      ...)
{
  va_list texts;

  g_return_val_if_fail (rows != NULL && rows->stmt == NULL, FALSE);
  g_return_val_if_fail (AU_IS_DATABASE (db), FALSE);

  rows->db = db;
  rows->what = what;
  rows->rc = SQLITE_OK;
  rows->stmt = au_database_prepare (db, sql, error);
  if (rows->stmt == NULL)
    return FALSE;
  va_start (texts, sql);
  bind_texts (rows->stmt, texts);
  va_end (texts);
  return TRUE;
}

void
_au_report_rows_rebind (AuReportRows *rows,
                        ...)
{
  va_list texts;

  g_return_if_fail (rows != NULL && rows->stmt != NULL);

  sqlite3_reset (rows->stmt);
  rows->rc = SQLITE_OK;
  va_start (texts, rows);
  bind_texts (rows->stmt, texts);
  va_end (texts);
}

gboolean
_au_report_rows_next (AuReportRows *rows)
{
  rows->rc = sqlite3_step (rows->stmt);
  return rows->rc == SQLITE_ROW;
}

gboolean
_au_report_rows_done (AuReportRows  *rows,
                      GError       **error)
{
  /* Anything but the end of the rows is a database error (a corrupt
   * page, say), named by SQLite. */
  if (rows->rc == SQLITE_DONE || rows->rc == SQLITE_ROW)
    return TRUE;
  au_database_set_error (rows->db, error, rows->what);
  return FALSE;
}

void
_au_report_rows_clear (AuReportRows *rows)
{
  g_clear_pointer (&rows->stmt, sqlite3_finalize);
}

const char *
_au_report_rows_text (AuReportRows *rows,
                      int           column)
{
  return (const char *) sqlite3_column_text (rows->stmt, column);
}

char *
_au_report_rows_dup (AuReportRows *rows,
                     int           column)
{
  return g_strdup (_au_report_rows_text (rows, column));
}

gint64
_au_report_rows_int (AuReportRows *rows,
                     int           column)
{
  return sqlite3_column_int64 (rows->stmt, column);
}

gboolean
_au_report_has_table (AuDatabase *db,
                      const char *table)
{
  g_auto(AuReportRows) rows = AU_REPORT_ROWS_INIT;

  return _au_report_rows_open (&rows, db, "looking up a table", NULL,
                               "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                               table, NULL)
         && _au_report_rows_next (&rows);
}

void
_au_report_free_strings (gpointer     record,
                         const gsize *offsets,
                         guint        n_offsets)
{
  for (guint i = 0; i < n_offsets; i++)
    g_free (G_STRUCT_MEMBER (char *, record, offsets[i]));
  g_free (record);
}

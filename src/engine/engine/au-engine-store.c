/* au-engine-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include <stdio.h>

#include "au-engine-error.h"
#include "au-engine-store.h"

static const char *migrations[] = {
  "CREATE TABLE engine_run ("
  "  id          INTEGER PRIMARY KEY CHECK (id = 1),"
  "  broker      TEXT NOT NULL CHECK (broker IN ('paper', 'ib')),"
  "  seed        INTEGER NOT NULL,"
  "  capital     INTEGER NOT NULL CHECK (capital > 0),"
  "  start_date  TEXT NOT NULL,"
  "  time_usec   INTEGER NOT NULL,"
  "  speed       REAL NOT NULL CHECK (speed > 0),"
  "  runs        INTEGER NOT NULL DEFAULT 0,"
  "  clean_stop  INTEGER NOT NULL DEFAULT 0"
  ");",
};

gboolean
_au_engine_store_migrate (AuDatabase  *database,
                          GError     **error)
{
  return au_database_migrate (database, "engine", migrations, G_N_ELEMENTS (migrations), error);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

gboolean
_au_engine_store_load (AuDatabase      *database,
                       AuEngineResume  *resume,
                       gboolean        *found,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *broker;
  int rc;

  *found = FALSE;
  stmt = au_database_prepare (database,
                              "SELECT broker, seed, capital, start_date, time_usec, speed, runs,"
                              " clean_stop FROM engine_run WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      au_database_set_error (database, error, "Reading the engine's resume point");
      return FALSE;
    }

  broker = (const char *) sqlite3_column_text (stmt, 0);
  resume->broker = g_strcmp0 (broker, "ib") == 0 ? AU_ENGINE_BROKER_IB : AU_ENGINE_BROKER_PAPER;
  resume->seed = (guint64) sqlite3_column_int64 (stmt, 1);
  resume->capital = sqlite3_column_int64 (stmt, 2);
  if (!parse_date ((const char *) sqlite3_column_text (stmt, 3), &resume->start))
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT,
                   "engine_run.start_date: “%s” is not a date",
                   (const char *) sqlite3_column_text (stmt, 3));
      return FALSE;
    }
  resume->time = sqlite3_column_int64 (stmt, 4);
  resume->speed = sqlite3_column_double (stmt, 5);
  resume->runs = sqlite3_column_int64 (stmt, 6);
  resume->clean_stop = sqlite3_column_int (stmt, 7) != 0;
  *found = TRUE;
  return TRUE;
}

gboolean
_au_engine_store_create (AuDatabase            *database,
                         const AuEngineResume  *resume,
                         GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char start[16];

  g_return_val_if_fail (g_date_valid (&resume->start), FALSE);

  g_date_strftime (start, sizeof start, "%Y-%m-%d", &resume->start);
  stmt = au_database_prepare (database,
                              "INSERT INTO engine_run (id, broker, seed, capital, start_date,"
                              " time_usec, speed) VALUES (1, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, au_engine_broker_kind_to_string (resume->broker), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) resume->seed);
  sqlite3_bind_int64 (stmt, 3, resume->capital);
  sqlite3_bind_text (stmt, 4, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, resume->time);
  sqlite3_bind_double (stmt, 6, resume->speed);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, "Recording the engine's resume point");
      return FALSE;
    }
  return TRUE;
}

gboolean
_au_engine_store_begin_run (AuDatabase  *database,
                            GError     **error)
{
  return au_database_exec (database,
                           "UPDATE engine_run SET runs = runs + 1, clean_stop = 0 WHERE id = 1",
                           error);
}

gboolean
_au_engine_store_save (AuDatabase  *database,
                       gint64       time,
                       double       speed,
                       gboolean     clean_stop,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* The clock never goes back, even if an older save comes late. */
  stmt = au_database_prepare (database,
                              "UPDATE engine_run SET time_usec = MAX (time_usec, ?), speed = ?,"
                              " clean_stop = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, time);
  sqlite3_bind_double (stmt, 2, speed);
  sqlite3_bind_int (stmt, 3, clean_stop ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, "Saving the engine's clock");
      return FALSE;
    }
  return TRUE;
}

gboolean
au_engine_store_read_run (AuDatabase      *database,
                          AuEngineResume  *run,
                          gboolean        *found,
                          GError         **error)
{
  int version;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (found != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  version = au_database_get_version (database, "engine");
  /* A reader never migrates: without the engine's table there is no run. */
  if (version == 0)
    {
      *found = FALSE;
      return TRUE;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_TOO_NEW,
                   "%s: the engine's tables are at version %d, newer than this program knows "
                   "(%u); update ALL-USE Autopilot", au_database_get_path (database), version,
                   (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }
  return _au_engine_store_load (database, run, found, error);
}

gboolean
au_engine_store_advance_time (AuDatabase  *database,
                              gint64       time,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (au_database_is_writable (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (au_database_get_version (database, "engine") == 0)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT,
                   "%s: no engine run is recorded to advance", au_database_get_path (database));
      return FALSE;
    }
  stmt = au_database_prepare (database,
                              "UPDATE engine_run SET time_usec = MAX (time_usec, ?) WHERE id = 1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, time);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, "Advancing the engine's clock");
      return FALSE;
    }
  if (sqlite3_changes (au_database_get_handle (database)) == 0)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT,
                   "%s: no engine run is recorded to advance", au_database_get_path (database));
      return FALSE;
    }
  return TRUE;
}

/* au-database.c: one SQLite file, one writer (decisions D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "au-database.h"

struct _AuDatabase
{
  GObject         parent_instance;
  sqlite3        *db;
  char           *path;
  AuDatabaseMode  mode;
  int             lock_fd;     /* flock()ed "<path>.lock" while writable */
};

G_DEFINE_FINAL_TYPE (AuDatabase, au_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (au-database-error-quark, au_database_error)

static void
au_database_finalize (GObject *object)
{
  AuDatabase *self = (AuDatabase *) object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->lock_fd >= 0)
    close (self->lock_fd); /* releases the flock */
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (au_database_parent_class)->finalize (object);
}

static void
au_database_class_init (AuDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_database_finalize;
}

static void
au_database_init (AuDatabase *self)
{
  self->lock_fd = -1;
}

void
au_database_set_error (AuDatabase  *self,
                       GError     **error,
                       const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);
  int domain_code = AU_DATABASE_ERROR_SQL;

  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    domain_code = AU_DATABASE_ERROR_LOCKED;
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    domain_code = AU_DATABASE_ERROR_CORRUPT;

  g_set_error (error, AU_DATABASE_ERROR, domain_code, "%s: %s: %s",
               self->path, what, sqlite3_errmsg (self->db));
}

/* The writer lock is a separate file: SQLite's own POSIX locks on the
 * database would be released by any close() of the file in this process. */
static gboolean
take_writer_lock (AuDatabase  *self,
                  GError     **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);

  self->lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      int saved = errno;
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN,
                   "%s: cannot create the lock file: %s", lock_path, g_strerror (saved));
      return FALSE;
    }

  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      close (self->lock_fd);
      self->lock_fd = -1;
      if (saved == EWOULDBLOCK)
        g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_LOCKED,
                     "%s is already open for writing by another ALL-USE process; "
                     "stop it first (one writer at a time)", self->path);
      else
        g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN,
                     "%s: cannot lock: %s", lock_path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/**
 * au_database_open:
 * @path: the database file; created (mode 0600) when writable and absent
 * @mode: %AU_DATABASE_READ_WRITE for the one writer, else read-only
 *
 * Returns: (transfer full): the open database, or %NULL with @error set
 */
AuDatabase *
au_database_open (const char      *path,
                  AuDatabaseMode   mode,
                  GError         **error)
{
  g_autoptr(AuDatabase) self = NULL;
  int flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (AU_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->mode = mode;

  if (mode == AU_DATABASE_READ_WRITE)
    {
      int fd;

      if (!take_writer_lock (self, error))
        return NULL;

      /* Create the file ourselves so that it is 0600 from its first byte:
       * it holds the investor's positions and balances. */
      fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN,
                       "%s: %s", path, g_strerror (saved));
          return NULL;
        }
      close (fd);
      flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
    }
  else
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN,
                       "%s: no such database", path);
          return NULL;
        }
      flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN, "%s: %s",
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!au_database_exec (self, "PRAGMA foreign_keys = ON;", error))
    return NULL;

  if (mode == AU_DATABASE_READ_WRITE)
    {
      if (!au_database_exec (self,
                             "PRAGMA journal_mode = WAL;"
                             "PRAGMA synchronous = FULL;"
                             "CREATE TABLE IF NOT EXISTS schema_versions ("
                             "  component TEXT PRIMARY KEY,"
                             "  version INTEGER NOT NULL"
                             ");",
                             error))
        return NULL;
    }
  else
    {
      /* Reading a file that is not a database fails here, clearly. */
      if (!au_database_exec (self, "SELECT count(*) FROM sqlite_master;", error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
au_database_get_path (AuDatabase *self)
{
  g_return_val_if_fail (AU_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
au_database_is_writable (AuDatabase *self)
{
  g_return_val_if_fail (AU_IS_DATABASE (self), FALSE);
  return self->mode == AU_DATABASE_READ_WRITE;
}

sqlite3 *
au_database_get_handle (AuDatabase *self)
{
  g_return_val_if_fail (AU_IS_DATABASE (self), NULL);
  return self->db;
}

gboolean
au_database_exec (AuDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  char *message = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->db) & 0xff;

      g_set_error (error, AU_DATABASE_ERROR,
                   code == SQLITE_BUSY || code == SQLITE_LOCKED ? AU_DATABASE_ERROR_LOCKED :
                   code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? AU_DATABASE_ERROR_CORRUPT :
                   AU_DATABASE_ERROR_SQL,
                   "%s: %s", self->path, message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
au_database_prepare (AuDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      au_database_set_error (self, error, "prepare");
      return NULL;
    }
  return stmt;
}

gboolean
au_database_begin (AuDatabase  *self,
                   GError     **error)
{
  return au_database_exec (self, "BEGIN IMMEDIATE;", error);
}

gboolean
au_database_commit (AuDatabase  *self,
                    GError     **error)
{
  return au_database_exec (self, "COMMIT;", error);
}

void
au_database_rollback (AuDatabase *self)
{
  g_return_if_fail (AU_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
}

int
au_database_get_version (AuDatabase *self,
                         const char *component)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version = 0;

  g_return_val_if_fail (AU_IS_DATABASE (self), -1);

  if (sqlite3_prepare_v2 (self->db, "SELECT version FROM schema_versions WHERE component = ?;",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0; /* no schema_versions table: an empty database */
  sqlite3_bind_text (stmt, 1, component, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  return version;
}

gboolean
au_database_migrate (AuDatabase   *self,
                     const char   *component,
                     const char  **migrations,
                     guint         n_migrations,
                     GError      **error)
{
  int version;

  g_return_val_if_fail (AU_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (component != NULL, FALSE);

  version = au_database_get_version (self, component);

  if (version > (int) n_migrations)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_TOO_NEW,
                   "%s: the %s tables are at version %d, newer than this program knows (%u); "
                   "update ALL-USE Autopilot", self->path, component, version, n_migrations);
      return FALSE;
    }

  if (version == (int) n_migrations)
    return TRUE;

  if (self->mode != AU_DATABASE_READ_WRITE)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN,
                   "%s: the %s tables need an upgrade (version %d of %u); open it for writing once",
                   self->path, component, version, n_migrations);
      return FALSE;
    }

  for (guint step = (guint) version; step < n_migrations; step++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!au_database_begin (self, error))
        return FALSE;

      if (!au_database_exec (self, migrations[step], error))
        {
          au_database_rollback (self);
          g_prefix_error (error, "migrating %s to version %u: ", component, step + 1);
          return FALSE;
        }

      stmt = au_database_prepare (self,
                                  "INSERT INTO schema_versions (component, version) VALUES (?1, ?2) "
                                  "ON CONFLICT (component) DO UPDATE SET version = ?2;",
                                  error);
      if (stmt == NULL)
        {
          au_database_rollback (self);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, component, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) step + 1);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          au_database_set_error (self, error, "recording the schema version");
          au_database_rollback (self);
          return FALSE;
        }

      if (!au_database_commit (self, error))
        {
          au_database_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}

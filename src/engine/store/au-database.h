/* au-database.h: the engine's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define AU_DATABASE_ERROR (au_database_error_quark ())

typedef enum
{
  AU_DATABASE_ERROR_OPEN,
  AU_DATABASE_ERROR_LOCKED,     /* another writer holds the database */
  AU_DATABASE_ERROR_SQL,
  AU_DATABASE_ERROR_TOO_NEW,    /* written by a newer version of the product */
  AU_DATABASE_ERROR_CORRUPT,
} AuDatabaseError;

GQuark au_database_error_quark (void);

typedef enum
{
  AU_DATABASE_READ_ONLY,
  AU_DATABASE_READ_WRITE,       /* the one writer: takes the writer lock */
} AuDatabaseMode;

#define AU_TYPE_DATABASE (au_database_get_type ())

G_DECLARE_FINAL_TYPE (AuDatabase, au_database, AU, DATABASE, GObject)

AuDatabase *au_database_open           (const char      *path,
                                        AuDatabaseMode   mode,
                                        GError         **error);
const char *au_database_get_path       (AuDatabase      *self);
gboolean    au_database_is_writable    (AuDatabase      *self);
sqlite3    *au_database_get_handle     (AuDatabase      *self);

/* Brings one component's tables (e.g. "ledger", "audit") to the newest
 * version: migrations[i] takes the schema from version i to i + 1. Each
 * step runs in its own transaction. A database whose component is newer
 * than this build knows is refused. */
gboolean    au_database_migrate        (AuDatabase      *self,
                                        const char      *component,
                                        const char     **migrations,
                                        guint            n_migrations,
                                        GError         **error);
int         au_database_get_version    (AuDatabase      *self,
                                        const char      *component);

gboolean    au_database_exec           (AuDatabase      *self,
                                        const char      *sql,
                                        GError         **error);
sqlite3_stmt *au_database_prepare      (AuDatabase      *self,
                                        const char      *sql,
                                        GError         **error);
/* Sets @error from the connection's last error, prefixed by @what. */
void        au_database_set_error      (AuDatabase      *self,
                                        GError         **error,
                                        const char      *what);

/* Nested use is not supported: one mutation, one transaction. */
gboolean    au_database_begin          (AuDatabase      *self,
                                        GError         **error);
gboolean    au_database_commit         (AuDatabase      *self,
                                        GError         **error);
void        au_database_rollback       (AuDatabase      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS

/* au-db-worker.h: one read-only query of the database, run off the UI thread
 *
 * GTK-free: the readers hand a query function to au_db_worker_run(); it
 * runs in a GTask worker with its own read-only connection (decisions
 * D3) and its result comes back through au_db_worker_finish().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-database.h"

G_BEGIN_DECLS

/* The work of one worker: @job is what au_db_worker_run() was given.
 * Returns: (transfer full): the result, or %NULL with @error set. */
typedef gpointer (*AuDbWorkerQuery) (gpointer       job,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* A query that needs nothing but the database's path; the readers' public
 * synchronous loaders have this shape (their pointer result is a gpointer
 * to the worker, as GLib's own GDestroyNotify casts assume). */
typedef gpointer (*AuDbPathQuery)   (const char    *database_path,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Casts a reader's typed loader to an AuDbPathQuery through GLib's
 * generic function type, as G_CALLBACK () does. */
#define AU_DB_PATH_QUERY(f) ((AuDbPathQuery) (void (*) (void)) (f))

gboolean     au_db_worker_open            (const char           *database_path,
                                           const char           *component,
                                           AuDatabase          **database,
                                           GError              **error);
const char  *au_db_column_text            (sqlite3_stmt         *stmt,
                                           int                   column);

void         au_db_worker_run             (gpointer              source_tag,
                                           AuDbWorkerQuery       query,
                                           gpointer              job,
                                           GDestroyNotify        job_free,
                                           GDestroyNotify        result_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void         au_db_worker_run_replaceable (gpointer              source_tag,
                                           AuDbWorkerQuery       query,
                                           gpointer              job,
                                           GDestroyNotify        job_free,
                                           GDestroyNotify        result_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
void         au_db_worker_run_path        (gpointer              source_tag,
                                           AuDbPathQuery         query,
                                           const char           *database_path,
                                           GDestroyNotify        result_free,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gpointer     au_db_worker_finish          (GAsyncResult         *result,
                                           gpointer              source_tag,
                                           GError              **error);

G_END_DECLS

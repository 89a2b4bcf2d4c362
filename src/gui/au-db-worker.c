/* au-db-worker.c: one read-only query of the database, run off the UI thread
 *
 * Every reader of the window used to carry its own GTask thread function,
 * async starter and finish; they differed only in the query they ran and
 * how its result is freed, which is all this file is told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-db-worker"

#include "config.h"

#include "au-db-worker.h"

typedef struct
{
  AuDbWorkerQuery query;
  AuDbPathQuery   path_query;   /* instead of query: the job is the path */
  gpointer        job;
  GDestroyNotify  job_free;
  GDestroyNotify  result_free;
} WorkerData;

static WorkerData *
worker_data_new (AuDbWorkerQuery query,
                 AuDbPathQuery   path_query,
                 gpointer        job,
                 GDestroyNotify  job_free,
                 GDestroyNotify  result_free)
{
  WorkerData *worker = g_new0 (WorkerData, 1);

  worker->query = query;
  worker->path_query = path_query;
  worker->job = job;
  worker->job_free = job_free;
  worker->result_free = result_free;
  return worker;
}

static void
worker_data_free (gpointer data)
{
  WorkerData *worker = data;

  if (worker->job_free != NULL)
    worker->job_free (worker->job);
  g_free (worker);
}

/**
 * au_db_worker_open:
 * @database_path: the autopilot's database
 * @component: (nullable): the component whose tables the caller reads
 *   ("ledger", "audit", "autopilot"), or %NULL for any database
 * @database: (out) (transfer full) (nullable): the connection, or %NULL
 *   when there is nothing to read yet
 * @error: where to put an error
 *
 * Opens @database_path read-only. A missing file is no error: nobody has
 * started the autopilot yet. Neither is a database that @component has
 * not migrated into yet. In both cases *@database stays %NULL and the
 * caller shows an empty page.
 *
 * Returns: %FALSE with @error set when the file could not be opened
 */
gboolean
au_db_worker_open (const char  *database_path,
                   const char  *component,
                   AuDatabase **database,
                   GError     **error)
{
  g_autoptr(AuDatabase) opened = NULL;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *database = NULL;
  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    return TRUE;

  opened = au_database_open (database_path, AU_DATABASE_READ_ONLY, error);
  if (opened == NULL)
    return FALSE;
  if (component != NULL && au_database_get_version (opened, component) <= 0)
    return TRUE;

  *database = g_steal_pointer (&opened);
  return TRUE;
}

/* Returns: (transfer none): the text of @column, "" for SQL NULL */
const char *
au_db_column_text (sqlite3_stmt *stmt,
                   int           column)
{
  const char *text;

  g_return_val_if_fail (stmt != NULL, "");

  text = (const char *) sqlite3_column_text (stmt, column);
  return text != NULL ? text : "";
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkerData *worker = task_data;
  GError *error = NULL;
  gpointer result = worker->path_query != NULL
                    ? worker->path_query (worker->job, cancellable, &error)
                    : worker->query (worker->job, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, worker->result_free);
}

static void
run (gpointer             source_tag,
     gboolean             return_on_cancel,
     WorkerData          *worker,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, worker, worker_data_free);
  g_task_set_return_on_cancel (task, return_on_cancel);
  g_task_run_in_thread (task, worker_thread);
}

/**
 * au_db_worker_run:
 * @source_tag: the public async function, checked by au_db_worker_finish()
 * @query: what the worker runs
 * @job: (transfer full): what @query is given; freed with @job_free
 * @job_free: (nullable): frees @job when the task is done
 * @result_free: (nullable): frees a result nobody collected
 * @cancellable: (nullable): a #GCancellable, handed to @query
 * @callback: called on the caller's thread when done
 * @user_data: for @callback
 *
 * Runs @query in a worker thread. The caller's finish function collects
 * the result with au_db_worker_finish().
 */
void
au_db_worker_run (gpointer             source_tag,
                  AuDbWorkerQuery      query,
                  gpointer             job,
                  GDestroyNotify       job_free,
                  GDestroyNotify       result_free,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (query != NULL);

  run (source_tag, FALSE, worker_data_new (query, NULL, job, job_free, result_free),
       cancellable, callback, user_data);
}

/**
 * au_db_worker_run_replaceable:
 *
 * Like au_db_worker_run(), for a query that a newer request replaces: a
 * cancelled one answers at once with %G_IO_ERROR_CANCELLED and its late
 * result is dropped.
 */
void
au_db_worker_run_replaceable (gpointer             source_tag,
                              AuDbWorkerQuery      query,
                              gpointer             job,
                              GDestroyNotify       job_free,
                              GDestroyNotify       result_free,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (query != NULL);

  run (source_tag, TRUE, worker_data_new (query, NULL, job, job_free, result_free),
       cancellable, callback, user_data);
}

/**
 * au_db_worker_run_path:
 * @source_tag: the public async function
 * @query: a loader that takes only the database's path
 * @database_path: the autopilot's database (copied)
 * @result_free: (nullable): frees a result nobody collected
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * au_db_worker_run() for the common case of a path-only loader.
 */
void
au_db_worker_run_path (gpointer             source_tag,
                       AuDbPathQuery        query,
                       const char          *database_path,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (database_path != NULL);

  run (source_tag, FALSE,
       worker_data_new (NULL, query, g_strdup (database_path), g_free, result_free),
       cancellable, callback, user_data);
}

/**
 * au_db_worker_finish:
 * @result: the #GAsyncResult of au_db_worker_run()
 * @source_tag: the tag it was started with
 * @error: where to put an error
 *
 * Returns: (transfer full): the query's result, or %NULL with @error set
 */
gpointer
au_db_worker_finish (GAsyncResult  *result,
                     gpointer       source_tag,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

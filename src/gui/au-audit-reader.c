/* au-audit-reader.c: the audit trail, read off the UI thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "au-audit-reader.h"
#include "au-audit-row.h"
#include "au-db-worker.h"

typedef struct
{
  char  *database_path;
  guint  limit;
} AuditJob;

static void
audit_job_free (gpointer data)
{
  AuditJob *job = data;

  g_free (job->database_path);
  g_free (job);
}

/* A missing database is an empty trail, not an error; anything else the
 * engine reports (a column that no longer holds JSON, say) is passed on. */
static gpointer
load_job (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  AuditJob *job = data;
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (!au_db_worker_open (job->database_path, NULL, &database, error))
    return NULL;
  if (database == NULL)
    return g_steal_pointer (&rows);

  records = au_audit_log_list (database, job->limit, error);
  if (records == NULL)
    return NULL;

  /* The rows take the records over, newest first as listed. */
  g_ptr_array_set_free_func (records, NULL);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (rows, au_audit_row_new (g_ptr_array_index (records, i)));

  return g_steal_pointer (&rows);
}

/**
 * au_audit_reader_load_async:
 * @database_path: the autopilot's database
 * @limit: the newest records to read, 0 for all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Reads the audit records, newest first, as #AuAuditRow objects.
 */
void
au_audit_reader_load_async (const char          *database_path,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AuditJob *job;

  g_return_if_fail (database_path != NULL);

  job = g_new0 (AuditJob, 1);
  job->database_path = g_strdup (database_path);
  job->limit = limit;

  au_db_worker_run (au_audit_reader_load_async, load_job, job, audit_job_free,
                    (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * au_audit_reader_load_finish:
 * @result: the result
 * @error: where to put an error
 *
 * Returns: (transfer full) (element-type AuAuditRow): the rows, or %NULL
 */
GPtrArray *
au_audit_reader_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return au_db_worker_finish (result, au_audit_reader_load_async, error);
}

static void
verify_result_free (gpointer data)
{
  AuAuditVerifyResult *verify = data;

  au_audit_verify_result_clear (verify);
  g_free (verify);
}

static gpointer
verify_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  AuditJob *job = data;
  g_autoptr(AuDatabase) database = NULL;
  AuAuditVerifyResult *verify;

  if (!au_db_worker_open (job->database_path, NULL, &database, error))
    return NULL;
  if (database == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s does not exist yet: there is no audit trail to verify"),
                   job->database_path);
      return NULL;
    }

  verify = g_new0 (AuAuditVerifyResult, 1);
  if (!au_audit_log_verify (database, verify, error))
    {
      verify_result_free (verify);
      return NULL;
    }

  return verify;
}

/**
 * au_audit_reader_verify_async:
 * @database_path: the autopilot's database
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Runs au_audit_log_verify() over the whole chain in a worker.
 */
void
au_audit_reader_verify_async (const char          *database_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AuditJob *job;

  g_return_if_fail (database_path != NULL);

  job = g_new0 (AuditJob, 1);
  job->database_path = g_strdup (database_path);

  au_db_worker_run (au_audit_reader_verify_async, verify_job, job, audit_job_free,
                    verify_result_free, cancellable, callback, user_data);
}

/**
 * au_audit_reader_verify_finish:
 * @result: the result
 * @verify: (out caller-allocates): the verdict on the chain; clear it
 *   with au_audit_verify_result_clear()
 * @error: where to put an error
 *
 * Returns: %FALSE when the check could not run; a broken chain is
 *   reported in @verify
 */
gboolean
au_audit_reader_verify_finish (GAsyncResult         *result,
                               AuAuditVerifyResult  *verify,
                               GError              **error)
{
  AuAuditVerifyResult *found;

  g_return_val_if_fail (verify != NULL, FALSE);

  found = au_db_worker_finish (result, au_audit_reader_verify_async, error);
  if (found == NULL)
    return FALSE;

  /* Move the fields over; the shell is freed without them. */
  *verify = *found;
  g_free (found);

  return TRUE;
}

/* au-accounts-reader.c: the account tree and its fork and merge history,
 * read from the autopilot's database in a worker
 *
 * Read-only and off the UI thread (decisions D3). Balances come from the
 * ledger's own balance cache (ledger_balances), at cost: the marks are
 * the running engine's, and the page takes them from its snapshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts-reader"

#include "config.h"

#include <glib/gi18n.h>

#include "au-accounts-reader.h"
#include "au-db-worker.h"

void
au_account_record_free (AuAccountRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->name);
  g_free (record->created_at);
  g_free (record);
}

AuAccountRecord *
au_account_record_copy (const AuAccountRecord *record)
{
  AuAccountRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->name = g_strdup (record->name);
  copy->created_at = g_strdup (record->created_at);
  return copy;
}

void
au_account_history_event_free (AuAccountHistoryEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->time);
  g_free (event->kind);
  g_free (event->account);
  g_free (event->status);
  g_free (event->description);
  g_free (event);
}

void
au_accounts_data_free (AuAccountsData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->accounts, g_ptr_array_unref);
  g_clear_pointer (&data->history, g_ptr_array_unref);
  g_free (data);
}

/**
 * au_account_history_event_rules:
 * @event: a history event
 *
 * Returns: the rules behind the event: R0.1 for a new tree, R2.6 and
 *   D2.2 for a Gen fork into a MINI, R3.6 for a Rev fork into a new
 *   tree, D2.3 for a MINI merged into Com; "" for anything else
 */
const char *
au_account_history_event_rules (const AuAccountHistoryEvent *event)
{
  g_return_val_if_fail (event != NULL, "");

  if (g_str_equal (event->kind, "deposit"))
    return "R0.1";
  if (g_str_equal (event->kind, "fork_gen"))
    return "R2.6, D2.2";
  if (g_str_equal (event->kind, "fork_rev"))
    return "R3.6";
  if (g_str_equal (event->kind, "merge_mini"))
    return "D2.3";

  return "";
}

/* The sum of an account's books chosen by @where, debit positive. */
#define BALANCE_OF(where)                                                         \
  "(SELECT IFNULL (sum (l.balance), 0) FROM ledger_books b"                       \
  "   JOIN ledger_balances l ON l.book_id = b.id"                                 \
  "  WHERE b.account_id = a.id AND " where ")"

static const char accounts_sql[] =
  "SELECT a.id, a.kind, a.name, IFNULL (a.parent_id, 0), a.root_id, a.initial_capital,"
  "       a.created_at,"
  "       IFNULL ((SELECT e.status FROM ledger_account_events e WHERE e.account_id = a.id"
  "                 ORDER BY e.id DESC LIMIT 1), 'active'),"
  "       " BALANCE_OF ("b.book = 'cash'") ","
  /* Liabilities are credits (negative), so the plain sum is the net. */
  "       " BALANCE_OF ("b.type IN ('asset', 'liability')") ","
  /* Equity books are credits: minus their sum is the money that came in. */
  "       " BALANCE_OF ("b.book IN ('contributed', 'transfers')")
  "  FROM ledger_accounts a ORDER BY a.id;";

static gboolean
load_accounts (AuDatabase  *database,
               GPtrArray   *accounts,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (database, accounts_sql, error);
  int status;

  if (stmt == NULL)
    return FALSE;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuAccountRecord *record = g_new0 (AuAccountRecord, 1);

      g_ptr_array_add (accounts, record);
      record->id = sqlite3_column_int64 (stmt, 0);
      record->name = g_strdup (au_db_column_text (stmt, 2));
      record->parent_id = sqlite3_column_int64 (stmt, 3);
      record->root_id = sqlite3_column_int64 (stmt, 4);
      record->initial_capital = sqlite3_column_int64 (stmt, 5);
      record->created_at = g_strdup (au_db_column_text (stmt, 6));
      record->cash = sqlite3_column_int64 (stmt, 8);
      record->equity_at_cost = sqlite3_column_int64 (stmt, 9);
      record->flows = -sqlite3_column_int64 (stmt, 10);

      if (!au_account_kind_from_string (au_db_column_text (stmt, 1), &record->kind) ||
          !au_account_status_from_string (au_db_column_text (stmt, 7), &record->status))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is an account's name. */
                       _("ledger_accounts: account %s has an unknown kind or status"),
                       record->name);
          return FALSE;
        }
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, "ledger_accounts");
      return FALSE;
    }

  return TRUE;
}

/* One row per ledger transaction: a new tree writes four active events
 * (the root first, then its sleeves), and the root's speaks for them. */
static const char history_sql[] =
  "SELECT e.time, IFNULL (t.kind, e.status), a.name, e.status, IFNULL (t.description, e.reason)"
  "  FROM ledger_account_events e"
  "  JOIN ledger_accounts a ON a.id = e.account_id"
  "  LEFT JOIN ledger_transactions t ON t.id = e.transaction_id"
  " WHERE e.id IN (SELECT min (id) FROM ledger_account_events"
  "                 GROUP BY IFNULL (transaction_id, -id))"
  " ORDER BY e.time DESC, e.id DESC;";

static gboolean
load_history (AuDatabase  *database,
              GPtrArray   *history,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (database, history_sql, error);
  int status;

  if (stmt == NULL)
    return FALSE;

  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuAccountHistoryEvent *event = g_new0 (AuAccountHistoryEvent, 1);

      event->time = g_strdup (au_db_column_text (stmt, 0));
      event->kind = g_strdup (au_db_column_text (stmt, 1));
      event->account = g_strdup (au_db_column_text (stmt, 2));
      event->status = g_strdup (au_db_column_text (stmt, 3));
      event->description = g_strdup (au_db_column_text (stmt, 4));
      g_ptr_array_add (history, event);
    }

  if (status != SQLITE_DONE)
    {
      au_database_set_error (database, error, "ledger_account_events");
      return FALSE;
    }

  return TRUE;
}

/**
 * au_accounts_reader_load:
 * @database_path: the autopilot's database
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put an error
 *
 * A database that does not exist yet, or holds no ledger yet, gives empty
 * lists: there is no portfolio, which is not an error.
 *
 * Returns: (transfer full): the accounts and their history, or %NULL
 *   with @error set
 */
AuAccountsData *
au_accounts_reader_load (const char    *database_path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(AuAccountsData) data = g_new0 (AuAccountsData, 1);
  g_autoptr(AuDatabase) database = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) au_account_record_free);
  data->history = g_ptr_array_new_with_free_func ((GDestroyNotify) au_account_history_event_free);

  if (!au_db_worker_open (database_path, "ledger", &database, error))
    return NULL;
  if (database == NULL)
    return g_steal_pointer (&data);

  if (!load_accounts (database, data->accounts, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!load_history (database, data->history, error))
    return NULL;

  return g_steal_pointer (&data);
}

void
au_accounts_reader_load_async (const char          *database_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (database_path != NULL);

  au_db_worker_run_path (au_accounts_reader_load_async, AU_DB_PATH_QUERY (au_accounts_reader_load),
                         database_path, (GDestroyNotify) au_accounts_data_free,
                         cancellable, callback, user_data);
}

/**
 * au_accounts_reader_load_finish:
 *
 * Returns: (transfer full): the accounts and their history, or %NULL
 */
AuAccountsData *
au_accounts_reader_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  return au_db_worker_finish (result, au_accounts_reader_load_async, error);
}

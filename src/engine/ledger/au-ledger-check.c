/* au-ledger-check.c: proves the ledger and names its first fault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include "au-ledger-check.h"
#include "au-ledger-private.h"
#include "au-ledger-schema.h"

static const char * const fault_names[] = {
  "none", "orphan", "empty_transaction", "unbalanced", "broken_chain", "hash_mismatch",
  "cache_mismatch",
};

const char *
au_ledger_fault_to_string (AuLedgerFault fault)
{
  g_return_val_if_fail ((guint) fault < G_N_ELEMENTS (fault_names), NULL);
  return fault_names[fault];
}

void
au_ledger_check_result_clear (AuLedgerCheckResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->head, g_free);
  g_clear_pointer (&result->problem, g_free);
}

G_GNUC_PRINTF (5, 6)
static void
set_fault (AuLedgerCheckResult *result,
           AuLedgerFault        fault,
           gint64               transaction_id,
           gint64               book_id,
           const char          *format,
           ...)
{
  va_list args;

  result->ok = FALSE;
  result->fault = fault;
  result->transaction_id = transaction_id;
  result->book_id = book_id;
  va_start (args, format);
  result->problem = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Rows that point at nothing: a FOREIGN KEY can be switched off, so the
 * check does not trust that it was on. */
static gboolean
check_orphans (AuDatabase           *db,
               AuLedgerCheckResult  *result,
               GError              **error)
{
  static const struct {
    const char *sql;
    const char *format;
    gboolean    transaction;   /* the second column is a transaction id */
  } queries[] = {
    { "SELECT p.id, p.transaction_id FROM ledger_postings p WHERE NOT EXISTS "
      "(SELECT 1 FROM ledger_transactions t WHERE t.id = p.transaction_id) ORDER BY p.id LIMIT 1;",
      "posting %" G_GINT64_FORMAT " refers to transaction %" G_GINT64_FORMAT ", which does not exist",
      TRUE },
    { "SELECT p.id, p.book_id FROM ledger_postings p WHERE NOT EXISTS "
      "(SELECT 1 FROM ledger_books b WHERE b.id = p.book_id) ORDER BY p.id LIMIT 1;",
      "posting %" G_GINT64_FORMAT " refers to book account %" G_GINT64_FORMAT ", which does not exist",
      FALSE },
    { "SELECT p.id, p.position_id FROM ledger_postings p WHERE p.position_id IS NOT NULL AND "
      "NOT EXISTS (SELECT 1 FROM ledger_positions x WHERE x.id = p.position_id) "
      "ORDER BY p.id LIMIT 1;",
      "posting %" G_GINT64_FORMAT " refers to position %" G_GINT64_FORMAT ", which does not exist",
      FALSE },
    { "SELECT b.id, b.account_id FROM ledger_books b WHERE NOT EXISTS "
      "(SELECT 1 FROM ledger_accounts a WHERE a.id = b.account_id) ORDER BY b.id LIMIT 1;",
      "book account %" G_GINT64_FORMAT " refers to ALL-USE account %" G_GINT64_FORMAT
      ", which does not exist", FALSE },
    { "SELECT c.book_id, c.balance FROM ledger_balances c WHERE NOT EXISTS "
      "(SELECT 1 FROM ledger_books b WHERE b.id = c.book_id) ORDER BY c.book_id LIMIT 1;",
      "a cached balance refers to book account %" G_GINT64_FORMAT " (balance %" G_GINT64_FORMAT
      " cents), which does not exist", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = au_database_prepare (db, queries[i].sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 a = sqlite3_column_int64 (stmt, 0);
          gint64 b = sqlite3_column_int64 (stmt, 1);

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          set_fault (result, AU_LEDGER_FAULT_ORPHAN, queries[i].transaction ? b : 0, 0,
                     queries[i].format, a, b);
#pragma GCC diagnostic pop
          return TRUE;
        }
      if (rc != SQLITE_DONE)
        {
          au_database_set_error (db, error, "looking for orphans");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_postings (AuDatabase     *db,
               sqlite3_stmt   *stmt,
               gint64          transaction_id,
               GArray         *postings,
               GError        **error)
{
  int rc;

  g_array_set_size (postings, 0);
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, transaction_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuPostingSpec spec = { 0, };

      spec.account_id = sqlite3_column_int64 (stmt, 0);
      if (!au_book_from_string ((const char *) sqlite3_column_text (stmt, 1), &spec.book))
        spec.book = AU_BOOK_CASH;
      spec.amount = sqlite3_column_int64 (stmt, 2);
      spec.position_id = sqlite3_column_int64 (stmt, 3);
      spec.quantity = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (postings, spec);
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (db, error, "reading postings");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_balance (GArray               *postings,
               gint64                transaction_id,
               AuLedgerCheckResult  *result)
{
  AuMoney total = 0;

  if (postings->len == 0)
    {
      set_fault (result, AU_LEDGER_FAULT_EMPTY, transaction_id, 0,
                 "transaction %" G_GINT64_FORMAT " has no postings", transaction_id);
      return FALSE;
    }

  for (guint i = 0; i < postings->len; i++)
    total += g_array_index (postings, AuPostingSpec, i).amount;
  if (total != 0)
    {
      g_autofree char *text = _au_ledger_dollars (total);

      set_fault (result, AU_LEDGER_FAULT_UNBALANCED, transaction_id, 0,
                 "transaction %" G_GINT64_FORMAT " does not balance: its postings sum to %s, "
                 "not zero", transaction_id, text);
      return FALSE;
    }

  for (guint i = 0; i < postings->len; i++)
    {
      gint64 account = g_array_index (postings, AuPostingSpec, i).account_id;
      AuMoney sum = 0;

      for (guint j = 0; j < postings->len; j++)
        if (g_array_index (postings, AuPostingSpec, j).account_id == account)
          sum += g_array_index (postings, AuPostingSpec, j).amount;
      if (sum != 0)
        {
          g_autofree char *text = _au_ledger_dollars (sum);

          set_fault (result, AU_LEDGER_FAULT_UNBALANCED, transaction_id, 0,
                     "transaction %" G_GINT64_FORMAT " does not balance for account %"
                     G_GINT64_FORMAT ": its postings there sum to %s", transaction_id, account,
                     text);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_chain (AuDatabase           *db,
             AuLedgerCheckResult  *result,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) txns = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(GArray) postings = g_array_new (FALSE, TRUE, sizeof (AuPostingSpec));
  g_autofree char *expected_prev = g_strdup (AU_LEDGER_GENESIS_HASH);
  gint64 previous_id = 0;
  int rc;

  txns = au_database_prepare (db, "SELECT id, time, kind, description, IFNULL (reverses, 0), "
                                  "external_ref, prev_hash, hash FROM ledger_transactions "
                                  "ORDER BY id;", error);
  rows = au_database_prepare (db, "SELECT b.account_id, b.book, p.amount, "
                                  "IFNULL (p.position_id, 0), p.quantity FROM ledger_postings p "
                                  "JOIN ledger_books b ON b.id = p.book_id "
                                  "WHERE p.transaction_id = ?1 ORDER BY p.id;", error);
  if (txns == NULL || rows == NULL)
    return FALSE;

  while ((rc = sqlite3_step (txns)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (txns, 0);
      const char *prev_hash = (const char *) sqlite3_column_text (txns, 6);
      const char *hash = (const char *) sqlite3_column_text (txns, 7);
      g_autofree char *computed = NULL;

      result->transactions++;
      if (!load_postings (db, rows, id, postings, error))
        return FALSE;
      result->postings += postings->len;

      if (!check_balance (postings, id, result))
        return TRUE;

      if (g_strcmp0 (prev_hash, expected_prev) != 0)
        {
          if (previous_id > 0)
            set_fault (result, AU_LEDGER_FAULT_BROKEN_CHAIN, id, 0,
                       "transaction %" G_GINT64_FORMAT " does not follow transaction %"
                       G_GINT64_FORMAT ": its previous-hash link differs (a transaction was "
                       "removed or changed)", id, previous_id);
          else
            set_fault (result, AU_LEDGER_FAULT_BROKEN_CHAIN, id, 0,
                       "transaction %" G_GINT64_FORMAT " is the first but does not start the "
                       "chain (transactions before it were removed)", id);
          return TRUE;
        }

      computed = _au_ledger_hash (expected_prev, id,
                                  (const char *) sqlite3_column_text (txns, 1),
                                  (const char *) sqlite3_column_text (txns, 2),
                                  (const char *) sqlite3_column_text (txns, 3),
                                  sqlite3_column_int64 (txns, 4),
                                  (const char *) sqlite3_column_text (txns, 5),
                                  (const AuPostingSpec *) (gpointer) postings->data,
                                  postings->len);
      if (g_strcmp0 (computed, hash) != 0)
        {
          set_fault (result, AU_LEDGER_FAULT_HASH_MISMATCH, id, 0,
                     "transaction %" G_GINT64_FORMAT " does not match its hash: it or one of "
                     "its postings was changed after it was posted", id);
          return TRUE;
        }

      g_free (expected_prev);
      expected_prev = g_strdup (hash);
      previous_id = id;
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (db, error, "reading transactions");
      return FALSE;
    }

  if (previous_id > 0)
    result->head = g_steal_pointer (&expected_prev);
  return TRUE;
}

static gboolean
check_cache (AuDatabase           *db,
             AuLedgerCheckResult  *result,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = au_database_prepare (db,
                              "SELECT b.id, b.account_id, b.book, "
                              "(SELECT c.balance FROM ledger_balances c WHERE c.book_id = b.id), "
                              "(SELECT SUM (p.amount) FROM ledger_postings p WHERE p.book_id = b.id) "
                              "FROM ledger_books b ORDER BY b.id;", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 book_id = sqlite3_column_int64 (stmt, 0);
      gboolean cached = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      AuMoney cache = sqlite3_column_int64 (stmt, 3);
      AuMoney sum = sqlite3_column_int64 (stmt, 4);

      result->books++;
      if ((cached && cache != sum) ||
          (!cached && sqlite3_column_type (stmt, 4) != SQLITE_NULL))
        {
          g_autofree char *cache_text = _au_ledger_dollars (cache);
          g_autofree char *sum_text = _au_ledger_dollars (sum);

          set_fault (result, AU_LEDGER_FAULT_CACHE_MISMATCH, 0, book_id,
                     "book account %" G_GINT64_FORMAT " (%s of account %" G_GINT64_FORMAT
                     "): the cached balance is %s but its postings sum to %s", book_id,
                     (const char *) sqlite3_column_text (stmt, 2),
                     (gint64) sqlite3_column_int64 (stmt, 1), cached ? cache_text : "missing",
                     sum_text);
          return TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (db, error, "reading balances");
      return FALSE;
    }
  return TRUE;
}

gboolean
au_ledger_check (AuDatabase           *database,
                 AuLedgerCheckResult  *result,
                 GError              **error)
{
  int version;
  gboolean ran;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->ok = TRUE;

  version = au_database_get_version (database, "ledger");
  if (version == 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NO_LEDGER,
                   "%s holds no ledger", au_database_get_path (database));
      return FALSE;
    }
  if (version > AU_LEDGER_SCHEMA_VERSION)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_TOO_NEW,
                   "%s: the ledger tables are at version %d, newer than this program knows (%d)",
                   au_database_get_path (database), version, AU_LEDGER_SCHEMA_VERSION);
      return FALSE;
    }

  /* One read transaction: a consistent snapshot even while the engine
   * keeps writing in WAL mode. */
  if (!au_database_exec (database, "BEGIN;", error))
    return FALSE;

  ran = check_orphans (database, result, error);
  if (ran && result->ok)
    ran = check_chain (database, result, error);
  if (ran && result->ok)
    ran = check_cache (database, result, error);

  au_database_rollback (database);
  return ran;
}

/* au-ledger-export.c: every posting as audit-ready CSV (R10.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include "au-ledger-export.h"
#include "au-ledger-types.h"
#include "au-money.h"

static const char *columns =
  "transaction,time,kind,description,reverses,external_ref,account_id,account,book,book_type,"
  "amount,symbol,right,strike,expiry,quantity,hash\r\n";

/* RFC 4180: a field with a comma, quote or line break is quoted, and its
 * quotes doubled. */
static void
append_field (GString    *line,
              const char *text,
              gboolean    last)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (line, '"');
      for (const char *c = text; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *c);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, text);
  g_string_append (line, last ? "\r\n" : ",");
}

gboolean
au_ledger_export_csv (AuDatabase     *database,
                      GOutputStream  *out,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (au_database_get_version (database, "ledger") == 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NO_LEDGER,
                   "%s holds no ledger", au_database_get_path (database));
      return FALSE;
    }

  if (!au_database_exec (database, "BEGIN;", error))
    return FALSE;

  stmt = au_database_prepare (database,
                              "SELECT t.id, t.time, t.kind, t.description, t.reverses, "
                              "t.external_ref, a.id, a.name, b.book, b.type, p.amount, i.symbol, "
                              "i.option_right, i.strike, i.expiry, p.quantity, t.hash "
                              "FROM ledger_transactions t "
                              "JOIN ledger_postings p ON p.transaction_id = t.id "
                              "JOIN ledger_books b ON b.id = p.book_id "
                              "JOIN ledger_accounts a ON a.id = b.account_id "
                              "LEFT JOIN ledger_positions x ON x.id = p.position_id "
                              "LEFT JOIN ledger_instruments i ON i.id = x.instrument_id "
                              "ORDER BY t.id, p.id;", error);
  if (stmt == NULL)
    {
      au_database_rollback (database);
      return FALSE;
    }

  ok = g_output_stream_write_all (out, columns, strlen (columns), NULL, cancellable, error);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *amount = au_money_format (sqlite3_column_int64 (stmt, 10));
      g_autofree char *strike = NULL;
      gboolean option = sqlite3_column_type (stmt, 11) != SQLITE_NULL &&
                        g_strcmp0 ((const char *) sqlite3_column_text (stmt, 12), "stock") != 0;

      if (option)
        strike = au_price_format (sqlite3_column_int64 (stmt, 13));

      g_string_truncate (line, 0);
      for (int c = 0; c <= 16; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          if (c == 10)
            text = amount;
          else if (c == 13)
            text = strike;
          else if (c == 15 && sqlite3_column_type (stmt, 11) == SQLITE_NULL)
            text = NULL; /* no position: no quantity */
          append_field (line, text, c == 16);
        }
      ok = g_output_stream_write_all (out, line->str, line->len, NULL, cancellable, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      au_database_set_error (database, error, "exporting the ledger");
      ok = FALSE;
    }

  au_database_rollback (database);
  return ok;
}

/* au-order-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-order-store.h"

static const char *migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE orders_versions ("
  "  id INTEGER PRIMARY KEY,"
  "  client_order_id TEXT NOT NULL UNIQUE,"
  "  parent TEXT NOT NULL,"
  "  slice INTEGER NOT NULL CHECK (slice >= 1),"
  "  n_slices INTEGER NOT NULL CHECK (n_slices >= slice),"
  "  slice_quantity INTEGER NOT NULL CHECK (slice_quantity > 0),"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  limit_price INTEGER NOT NULL CHECK (limit_price > 0),"
  "  spec TEXT NOT NULL,"
  "  open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX orders_versions_open ON orders_versions (open, id);",
  /* 1 -> 2: recovery asks the broker only for executions it has not seen
   * (D4): the engine clock when each version was sent, and a row each
   * time the newest execution seen moves forward (append-only). */
  "ALTER TABLE orders_versions ADD COLUMN sent_usec INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE orders_executions_seen ("
  "  id INTEGER PRIMARY KEY,"
  "  exec_time INTEGER NOT NULL,"
  "  exec_id TEXT NOT NULL"
  ");"
  "CREATE TRIGGER orders_executions_seen_no_update BEFORE UPDATE ON orders_executions_seen"
  " BEGIN SELECT RAISE (ABORT, 'orders_executions_seen is append-only'); END;"
  "CREATE TRIGGER orders_executions_seen_no_delete BEFORE DELETE ON orders_executions_seen"
  " BEGIN SELECT RAISE (ABORT, 'orders_executions_seen is append-only'); END;",
};

void
au_order_version_row_free (AuOrderVersionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->client_order_id);
  g_free (row->parent);
  g_free (row->spec);
  g_free (row);
}

gboolean
au_order_store_init (AuDatabase  *database,
                     GError     **error)
{
  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);

  return au_database_migrate (database, "orders", migrations, G_N_ELEMENTS (migrations), error);
}

gboolean
au_order_store_add (AuDatabase               *database,
                    const AuOrderVersionRow  *row,
                    const char               *time,
                    GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (row != NULL && time != NULL, FALSE);

  stmt = au_database_prepare (database,
                              "INSERT INTO orders_versions (client_order_id, parent, slice, "
                              "n_slices, slice_quantity, version, quantity, limit_price, spec, "
                              "created_at, sent_usec) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                              " ?10, ?11);",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->client_order_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->parent, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) row->slice);
  sqlite3_bind_int (stmt, 4, (int) row->n_slices);
  sqlite3_bind_int64 (stmt, 5, row->slice_quantity);
  sqlite3_bind_int (stmt, 6, (int) row->version);
  sqlite3_bind_int64 (stmt, 7, row->quantity);
  sqlite3_bind_int64 (stmt, 8, row->limit);
  sqlite3_bind_text (stmt, 9, row->spec, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, time, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, row->sent_usec);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, "recording an order version");
      return FALSE;
    }
  return TRUE;
}

gboolean
au_order_store_close (AuDatabase  *database,
                      const char  *client_order_id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);

  stmt = au_database_prepare (database,
                              "UPDATE orders_versions SET open = 0 WHERE client_order_id = ?1;",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, client_order_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, "closing an order version");
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *read_rows (AuDatabase    *database,
                             sqlite3_stmt  *stmt,
                             GError       **error);

GPtrArray *
au_order_store_list_open (AuDatabase  *database,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);

  stmt = au_database_prepare (database,
                              "SELECT client_order_id, parent, slice, n_slices, slice_quantity, "
                              "version, quantity, limit_price, spec, sent_usec FROM orders_versions "
                              "WHERE open = 1 ORDER BY id;", error);
  if (stmt == NULL)
    return NULL;
  return read_rows (database, stmt, error);
}

GPtrArray *
au_order_store_list_versions (AuDatabase  *database,
                              const char  *parent,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (parent != NULL, NULL);

  stmt = au_database_prepare (database,
                              "SELECT client_order_id, parent, slice, n_slices, slice_quantity, "
                              "version, quantity, limit_price, spec, sent_usec FROM orders_versions "
                              "WHERE parent = ?1 ORDER BY id;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, parent, -1, SQLITE_TRANSIENT);
  return read_rows (database, stmt, error);
}

/* Every row of @stmt (the columns of the two queries above). */
static GPtrArray *
read_rows (AuDatabase    *database,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_version_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuOrderVersionRow *row = g_new0 (AuOrderVersionRow, 1);

      row->client_order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->slice = (guint) sqlite3_column_int (stmt, 2);
      row->n_slices = (guint) sqlite3_column_int (stmt, 3);
      row->slice_quantity = sqlite3_column_int64 (stmt, 4);
      row->version = (guint) sqlite3_column_int (stmt, 5);
      row->quantity = sqlite3_column_int64 (stmt, 6);
      row->limit = sqlite3_column_int64 (stmt, 7);
      row->spec = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      row->sent_usec = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (database, error, "reading order versions");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
au_order_store_note_execution (AuDatabase  *database,
                               gint64       exec_time,
                               const char  *exec_id,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (exec_id != NULL, FALSE);

  /* Only a newer execution moves the mark: one row per advance. */
  stmt = au_database_prepare (database,
                              "INSERT INTO orders_executions_seen (exec_time, exec_id) "
                              "SELECT ?1, ?2 WHERE ?1 > COALESCE ((SELECT MAX (exec_time) "
                              "FROM orders_executions_seen), -1);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, exec_time);
  sqlite3_bind_text (stmt, 2, exec_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, "noting the last execution seen");
      return FALSE;
    }
  return TRUE;
}

gboolean
au_order_store_get_last_execution (AuDatabase  *database,
                                   gint64      *exec_time,
                                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (exec_time != NULL, FALSE);

  *exec_time = -1;
  stmt = au_database_prepare (database,
                              "SELECT MAX (exec_time) FROM orders_executions_seen;", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (database, error, "reading the last execution seen");
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *exec_time = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

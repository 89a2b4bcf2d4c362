/* au-orders-reader.h: the ledger's orders and fills, read off the UI thread
 *
 * GTK-free: only GLib and the engine's API. Every function opens the
 * database read-only for itself, so it may run in any worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GPtrArray *au_orders_reader_load_rows           (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void       au_orders_reader_load_rows_async     (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray *au_orders_reader_load_rows_finish    (GAsyncResult         *result,
                                                 GError              **error);

char      *au_orders_reader_load_details        (const char           *database_path,
                                                 gint64                order_id,
                                                 GError              **error);
void       au_orders_reader_load_details_async  (const char           *database_path,
                                                 gint64                order_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char      *au_orders_reader_load_details_finish (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS

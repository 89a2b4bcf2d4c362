/* au-ledger-reader.h: what the window reads from the ledger, off the UI thread
 *
 * GTK-free: only GLib and the engine's API. Every function opens the
 * database read-only for itself, so it may run in any worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-chart-data.h"

G_BEGIN_DECLS

/* The charts of au_ledger_reader_load_charts(), in this order. */
typedef enum
{
  AU_LEDGER_CHART_WEEKLY_PREMIUM,   /* premium income per week, dollars */
  AU_LEDGER_CHART_EQUITY,           /* net assets at cost per sleeve, dollars */
  AU_LEDGER_CHART_DRAWDOWN,         /* of the total at cost, a fraction ≤ 0 */
  AU_LEDGER_N_CHARTS
} AuLedgerChart;

gboolean   au_ledger_reader_has_portfolio       (const char           *database_path,
                                                 gboolean             *has_portfolio,
                                                 GError              **error);
void       au_ledger_reader_has_portfolio_async (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   au_ledger_reader_has_portfolio_finish (GAsyncResult        *result,
                                                 GError              **error);

GPtrArray *au_ledger_reader_load_rows           (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void       au_ledger_reader_load_rows_async     (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray *au_ledger_reader_load_rows_finish    (GAsyncResult         *result,
                                                 GError              **error);

GPtrArray *au_ledger_reader_load_charts         (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void       au_ledger_reader_load_charts_async   (const char           *database_path,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray *au_ledger_reader_load_charts_finish  (GAsyncResult         *result,
                                                 GError              **error);

void       au_ledger_reader_export_csv_async    (const char           *database_path,
                                                 GFile                *destination,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   au_ledger_reader_export_csv_finish   (GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS

/* au-weeks-reader.h: the labelled weeks, read off the UI thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GPtrArray *au_weeks_reader_load        (const char           *database_path,
                                        GCancellable         *cancellable,
                                        GError              **error);
void       au_weeks_reader_load_async  (const char           *database_path,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray *au_weeks_reader_load_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS

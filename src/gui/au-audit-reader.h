/* au-audit-reader.h: the audit trail, read off the UI thread
 *
 * GTK-free: only GLib and the engine's API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-audit-log.h"

G_BEGIN_DECLS

void       au_audit_reader_load_async    (const char           *database_path,
                                          guint                 limit,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *au_audit_reader_load_finish   (GAsyncResult         *result,
                                          GError              **error);
void       au_audit_reader_verify_async  (const char           *database_path,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean   au_audit_reader_verify_finish (GAsyncResult         *result,
                                          AuAuditVerifyResult  *verify,
                                          GError              **error);

G_END_DECLS

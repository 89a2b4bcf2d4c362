/* au-report-server.h: the reports' local HTTP JSON API (WS5, libsoup 3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AU_TYPE_REPORT_SERVER (au_report_server_get_type ())

G_DECLARE_FINAL_TYPE (AuReportServer, au_report_server, AU, REPORT_SERVER, GObject)

/* Listens on 127.0.0.1:@port only (0: a free port the system picks), in
 * the thread-default main context. Every request opens @db_path
 * read-only, so the answers follow the engine as it writes:
 *   GET /v1/reports/{week|month|quarter}[.json|.csv|.pdf][?date=YYYY-MM-DD]
 *   GET /v1/explain?q=QUESTION[&period=week|month|quarter][&date=YYYY-MM-DD]
 * Errors answer JSON {"error": "..."} with 400, 404, 405 or 500. */
AuReportServer *au_report_server_new      (const char      *db_path,
                                           guint            port,
                                           GError         **error);
guint           au_report_server_get_port (AuReportServer  *self);
/* "http://127.0.0.1:PORT/" */
char           *au_report_server_dup_url  (AuReportServer  *self);

G_END_DECLS

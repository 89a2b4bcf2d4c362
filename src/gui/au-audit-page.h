/* au-audit-page.h: the Audit Trail page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AU_TYPE_AUDIT_PAGE (au_audit_page_get_type ())

G_DECLARE_FINAL_TYPE (AuAuditPage, au_audit_page, AU, AUDIT_PAGE, AdwBin)

GtkWidget  *au_audit_page_new               (void);
const char *au_audit_page_get_database_path (AuAuditPage *self);
void        au_audit_page_set_database_path (AuAuditPage *self,
                                             const char  *database_path);
void        au_audit_page_reload            (AuAuditPage *self);
gboolean    au_audit_page_get_busy          (AuAuditPage *self);
GListModel *au_audit_page_get_rows          (AuAuditPage *self);
void        au_audit_page_select            (AuAuditPage *self,
                                             guint        position);
char       *au_audit_page_dup_details       (AuAuditPage *self);
void        au_audit_page_verify            (AuAuditPage *self);
const char *au_audit_page_get_verify_message (AuAuditPage *self);
GtkMessageType au_audit_page_get_verify_type (AuAuditPage *self);

G_END_DECLS

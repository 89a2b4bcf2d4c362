/* au-audit-row.h: one audit record, as the Audit Trail page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-audit-log.h"

G_BEGIN_DECLS

#define AU_TYPE_AUDIT_ROW (au_audit_row_get_type ())

G_DECLARE_FINAL_TYPE (AuAuditRow, au_audit_row, AU, AUDIT_ROW, GObject)

AuAuditRow          *au_audit_row_new        (AuAuditRecord *record);
const AuAuditRecord *au_audit_row_get_record (AuAuditRow    *self);
char                *au_audit_row_dup_rules  (AuAuditRow    *self);
char                *au_audit_row_dup_details (AuAuditRow   *self);

G_END_DECLS

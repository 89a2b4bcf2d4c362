/* au-ledger-page.h: the Ledger page (R10.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AU_TYPE_LEDGER_PAGE (au_ledger_page_get_type ())

G_DECLARE_FINAL_TYPE (AuLedgerPage, au_ledger_page, AU, LEDGER_PAGE, AdwBin)

GtkWidget     *au_ledger_page_new                (void);
const char    *au_ledger_page_get_database_path  (AuLedgerPage *self);
void           au_ledger_page_set_database_path  (AuLedgerPage *self,
                                                  const char   *database_path);
void           au_ledger_page_reload             (AuLedgerPage *self);
gboolean       au_ledger_page_get_busy           (AuLedgerPage *self);
GListModel    *au_ledger_page_get_rows           (AuLedgerPage *self);
GListModel    *au_ledger_page_get_visible_rows   (AuLedgerPage *self);
GtkColumnView *au_ledger_page_get_column_view    (AuLedgerPage *self);
void           au_ledger_page_set_account_filter (AuLedgerPage *self,
                                                  const char   *account);
void           au_ledger_page_set_kind_filter    (AuLedgerPage *self,
                                                  const char   *kind);
void           au_ledger_page_export_csv         (AuLedgerPage *self,
                                                  GFile        *destination);
const char    *au_ledger_page_get_message        (AuLedgerPage *self);

G_END_DECLS

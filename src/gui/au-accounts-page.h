/* au-accounts-page.h: the Accounts page (R0.1, R2.6, R3.6, D2.2, D2.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-account-row.h"
#include "au-autopilot-snapshot.h"

G_BEGIN_DECLS

#define AU_TYPE_ACCOUNTS_PAGE (au_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (AuAccountsPage, au_accounts_page, AU, ACCOUNTS_PAGE, AdwBin)

AuAccountsPage *au_accounts_page_new                (void);
const char     *au_accounts_page_get_database_path  (AuAccountsPage      *self);
void            au_accounts_page_set_database_path  (AuAccountsPage      *self,
                                                     const char          *path);
void            au_accounts_page_reload             (AuAccountsPage      *self);
void            au_accounts_page_set_snapshot       (AuAccountsPage      *self,
                                                     AuAutopilotSnapshot *snapshot);
gboolean        au_accounts_page_get_busy           (AuAccountsPage      *self);
const char     *au_accounts_page_get_state          (AuAccountsPage      *self);
GListModel     *au_accounts_page_get_tree           (AuAccountsPage      *self);
AuAccountRow   *au_accounts_page_find_account       (AuAccountsPage      *self,
                                                     const char          *name);
GtkListBox     *au_accounts_page_get_history_list   (AuAccountsPage      *self);
void            au_accounts_page_show_history       (AuAccountsPage      *self,
                                                     gboolean             history);

G_END_DECLS

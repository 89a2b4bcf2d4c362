/* au-account-row.h: one ALL-USE account in the Accounts page's tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-accounts-reader.h"
#include "au-autopilot-snapshot.h"

G_BEGIN_DECLS

#define AU_TYPE_ACCOUNT_ROW (au_account_row_get_type ())

G_DECLARE_FINAL_TYPE (AuAccountRow, au_account_row, AU, ACCOUNT_ROW, GObject)

AuAccountRow          *au_account_row_new              (const AuAccountRecord        *record);
const AuAccountRecord *au_account_row_get_record       (AuAccountRow                 *self);
GListModel            *au_account_row_get_children     (AuAccountRow                 *self);
void                   au_account_row_append_child     (AuAccountRow                 *self,
                                                        AuAccountRow                 *child);
gboolean               au_account_row_set_live         (AuAccountRow                 *self,
                                                        const AuAutopilotAccountView *view);
gboolean               au_account_row_has_live         (AuAccountRow                 *self);
AuMoney                au_account_row_get_equity       (AuAccountRow                 *self);
AuMoney                au_account_row_get_cash         (AuAccountRow                 *self);
AuMoney                au_account_row_get_deployed     (AuAccountRow                 *self);
double                 au_account_row_get_drawdown     (AuAccountRow                 *self);
const char            *au_account_row_get_week_type    (AuAccountRow                 *self);
void                   au_account_row_set_attribution  (AuAccountRow                 *self,
                                                        AuMoney                       gain,
                                                        double                        contribution);
void                   au_account_row_set_tree_equity  (AuAccountRow                 *self,
                                                        AuMoney                       equity);
gboolean               au_account_row_has_attribution  (AuAccountRow                 *self);
AuMoney                au_account_row_get_gain         (AuAccountRow                 *self);
double                 au_account_row_get_contribution (AuAccountRow                 *self);

G_END_DECLS

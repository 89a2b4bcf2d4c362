/* au-ledger.h: the double-entry ledger the autopilot books through (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-constitution.h"
#include "au-database.h"
#include "au-ledger-types.h"

G_BEGIN_DECLS

#define AU_TYPE_LEDGER (au_ledger_get_type ())

G_DECLARE_FINAL_TYPE (AuLedger, au_ledger, AU, LEDGER, GObject)

/* Every mutation below is one SQLite transaction: balanced (in total and
 * per ALL-USE account) and written whole, or refused with @error set and
 * nothing written. Those that book money return the new transaction's id
 * (> 0), or 0 on error. @time is the engine's clock (simulated in paper
 * runs), never the machine's. */

AuLedger       *au_ledger_new                (AuDatabase            *database,
                                              AuConstitution        *constitution,
                                              GError               **error);
AuDatabase     *au_ledger_get_database       (AuLedger              *self);
AuConstitution *au_ledger_get_constitution   (AuLedger              *self);

/* Accounts (R0.1, R2.6, R3.6, D2.2, D2.3) */

gboolean        au_ledger_create_tree        (AuLedger              *self,
                                              AuMoney                deposit,
                                              GDateTime             *time,
                                              AuLedgerTree          *tree,
                                              GError               **error);
guint           au_ledger_eligible_forks     (AuLedger              *self,
                                              gint64                 account_id,
                                              GError               **error);
gint64          au_ledger_fork_gen           (AuLedger              *self,
                                              gint64                 gen_id,
                                              GDateTime             *time,
                                              GError               **error);
gboolean        au_ledger_fork_rev           (AuLedger              *self,
                                              gint64                 rev_id,
                                              GDateTime             *time,
                                              AuLedgerTree          *tree,
                                              GError               **error);
gint64          au_ledger_merge_mini         (AuLedger              *self,
                                              gint64                 mini_id,
                                              GDateTime             *time,
                                              GError               **error);
gboolean        au_ledger_get_account        (AuLedger              *self,
                                              gint64                 account_id,
                                              AuLedgerAccount       *account,
                                              GError               **error);
/* R11.2: active Gen, Rev and Com sleeves of active trees plus active
 * MINIs; a new portfolio has 3. */
gboolean        au_ledger_count_sub_accounts (AuLedger              *self,
                                              gint64                *count,
                                              GError               **error);
/* Returns: (transfer full) (element-type AuLedgerAccount): every account
 * in creation order, with a clear function set. */
GArray         *au_ledger_list_accounts      (AuLedger              *self,
                                              GError               **error);

/* Generic postings and corrections */

gint64          au_ledger_post               (AuLedger              *self,
                                              GDateTime             *time,
                                              const char            *kind,
                                              const char            *description,
                                              const char            *external_ref,
                                              const AuLedgerPosting *postings,
                                              guint                  n_postings,
                                              GError               **error);
gint64          au_ledger_reverse            (AuLedger              *self,
                                              gint64                 transaction_id,
                                              GDateTime             *time,
                                              const char            *reason,
                                              GError               **error);

/* Trades. A fill whose execution id is already booked is refused with
 * %AU_LEDGER_ERROR_DUPLICATE, so a re-delivered execution is harmless. */

gint64          au_ledger_sell_to_open       (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuInstrument    *option,
                                              const AuFill          *fill,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_buy_to_close       (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuInstrument    *option,
                                              const AuFill          *fill,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_buy_to_open        (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuInstrument    *option,
                                              const AuFill          *fill,
                                              AuFunding              funding,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_sell_to_close      (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuInstrument    *option,
                                              const AuFill          *fill,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_buy_stock          (AuLedger              *self,
                                              gint64                 account_id,
                                              const char            *symbol,
                                              const AuFill          *fill,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_sell_stock         (AuLedger              *self,
                                              gint64                 account_id,
                                              const char            *symbol,
                                              const AuFill          *fill,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_expire             (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuInstrument    *option,
                                              GDateTime             *time,
                                              GError               **error);
gint64          au_ledger_assign             (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuInstrument    *option,
                                              gint64                 contracts,
                                              const char            *external_ref,
                                              GDateTime             *time,
                                              GError               **error);

/* Quarterly reinvestment (R3.5, R4.4, D2.9) */

gboolean        au_ledger_net_realized_gains (AuLedger              *self,
                                              gint64                 account_id,
                                              GDateTime             *from,
                                              GDateTime             *to,
                                              AuMoney               *gains,
                                              GError               **error);
gboolean        au_ledger_reinvest_quarter   (AuLedger              *self,
                                              gint64                 account_id,
                                              int                    year,
                                              int                    quarter,
                                              GDateTime             *time,
                                              AuLedgerReinvestment  *result,
                                              GError               **error);

/* Orders (R0.4, R0.6, R9.2, D4) */

gint64          au_ledger_record_order       (AuLedger              *self,
                                              const AuLedgerOrderIntent *intent,
                                              GDateTime             *time,
                                              GError               **error);
gboolean        au_ledger_record_order_event (AuLedger              *self,
                                              const char            *client_order_id,
                                              AuOrderEvent           event,
                                              const char            *detail,
                                              GDateTime             *time,
                                              GError               **error);
gboolean        au_ledger_get_order          (AuLedger              *self,
                                              const char            *client_order_id,
                                              AuLedgerOrderState    *state,
                                              GError               **error);

/* Reading (R10.3) */

/* The stored balance of one book: debit positive. */
gboolean        au_ledger_get_balance        (AuLedger              *self,
                                              gint64                 account_id,
                                              AuBook                 book,
                                              AuMoney               *balance,
                                              GError               **error);
gboolean        au_ledger_get_summary        (AuLedger              *self,
                                              gint64                 account_id,
                                              AuLedgerSummary       *summary,
                                              GError               **error);
/* Returns: (transfer full) (element-type AuLedgerPosition): the account's
 * positions (only those with a quantity when @open_only), with a clear
 * function set. */
GArray         *au_ledger_list_positions     (AuLedger              *self,
                                              gint64                 account_id,
                                              gboolean               open_only,
                                              GError               **error);
/* Unrealized P&L at the given marks; every open position needs one. */
gboolean        au_ledger_unrealized_pnl     (AuLedger              *self,
                                              gint64                 account_id,
                                              const AuLedgerMark    *marks,
                                              guint                  n_marks,
                                              AuMoney               *unrealized,
                                              GError               **error);

G_END_DECLS

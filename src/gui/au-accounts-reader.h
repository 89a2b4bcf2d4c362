/* au-accounts-reader.h: the account tree and its fork and merge history,
 * read from the autopilot's database in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-ledger-types.h"

G_BEGIN_DECLS

/* One ALL-USE account as the ledger holds it; money in cents, at cost. */
typedef struct
{
  gint64         id;
  AuAccountKind  kind;
  char          *name;
  gint64         parent_id;        /* 0 for the first root */
  gint64         root_id;
  AuAccountStatus status;
  char          *created_at;       /* ISO 8601 */
  AuMoney        initial_capital;  /* the base of R2.6 / R3.6 */
  AuMoney        cash;
  AuMoney        equity_at_cost;   /* assets minus liabilities */
  AuMoney        flows;            /* contributed plus transfers in, less out */
} AuAccountRecord;

/* One fork, merge or new tree (R0.1, R2.6/D2.2, R3.6, D2.3): the first
 * account event of its ledger transaction. */
typedef struct
{
  char *time;         /* ISO 8601, the engine's clock */
  char *kind;         /* the transaction's kind: "deposit", "fork_gen", "fork_rev", "merge_mini" */
  char *account;      /* the account it opened or merged */
  char *status;       /* "active", "merged", "closed" */
  char *description;  /* the ledger's own words, with the rule numbers */
} AuAccountHistoryEvent;

typedef struct
{
  GPtrArray *accounts;  /* AuAccountRecord, in creation order */
  GPtrArray *history;   /* AuAccountHistoryEvent, newest first */
} AuAccountsData;

void            au_account_record_free         (AuAccountRecord       *record);
AuAccountRecord *au_account_record_copy        (const AuAccountRecord *record);
void            au_account_history_event_free  (AuAccountHistoryEvent *event);
void            au_accounts_data_free          (AuAccountsData        *data);
const char     *au_account_history_event_rules (const AuAccountHistoryEvent *event);

AuAccountsData *au_accounts_reader_load        (const char           *database_path,
                                                GCancellable         *cancellable,
                                                GError              **error);
void            au_accounts_reader_load_async  (const char           *database_path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
AuAccountsData *au_accounts_reader_load_finish (GAsyncResult         *result,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuAccountsData, au_accounts_data_free)

G_END_DECLS

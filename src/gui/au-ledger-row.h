/* au-ledger-row.h: one posting of the ledger, as the Ledger page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-types.h"

G_BEGIN_DECLS

#define AU_TYPE_LEDGER_ROW (au_ledger_row_get_type ())

G_DECLARE_FINAL_TYPE (AuLedgerRow, au_ledger_row, AU, LEDGER_ROW, GObject)

/* Strings are copied; the row never changes afterwards, so a worker may
 * build it and the UI thread read it without locks. */
typedef struct
{
  gint64      transaction_id;
  const char *time;          /* ISO 8601, the engine's clock */
  const char *account;       /* the ALL-USE account's name */
  const char *kind;          /* the transaction's kind, e.g. "sell_to_open" */
  const char *description;
  const char *book;          /* e.g. "cash", "premium_income" */
  const char *book_type;     /* "asset", "liability", "equity", "income", "expense" */
  AuMoney     amount;        /* signed cents, debit positive */
  const char *external_ref;  /* "" when there is none */
} AuLedgerRowFields;

AuLedgerRow *au_ledger_row_new               (const AuLedgerRowFields *fields);
gint64       au_ledger_row_get_transaction_id (AuLedgerRow *self);
const char  *au_ledger_row_get_time          (AuLedgerRow *self);
const char  *au_ledger_row_get_account       (AuLedgerRow *self);
const char  *au_ledger_row_get_kind          (AuLedgerRow *self);
const char  *au_ledger_row_get_description   (AuLedgerRow *self);
const char  *au_ledger_row_get_book          (AuLedgerRow *self);
AuMoney      au_ledger_row_get_amount        (AuLedgerRow *self);
AuMoney      au_ledger_row_get_effect        (AuLedgerRow *self);
const char  *au_ledger_row_get_external_ref  (AuLedgerRow *self);

G_END_DECLS

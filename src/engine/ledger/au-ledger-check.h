/* au-ledger-check.h: the proof of the ledger (D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-database.h"
#include "au-ledger-types.h"

G_BEGIN_DECLS

typedef enum
{
  AU_LEDGER_FAULT_NONE,
  AU_LEDGER_FAULT_ORPHAN,          /* a row refers to a missing transaction, book, account or position */
  AU_LEDGER_FAULT_EMPTY,           /* a transaction without postings */
  AU_LEDGER_FAULT_UNBALANCED,      /* debits and credits differ, in total or for one account */
  AU_LEDGER_FAULT_BROKEN_CHAIN,    /* a transaction's previous-hash link is wrong */
  AU_LEDGER_FAULT_HASH_MISMATCH,   /* a transaction or posting changed after it was posted */
  AU_LEDGER_FAULT_CACHE_MISMATCH,  /* a cached balance differs from the sum of its postings */
} AuLedgerFault;

const char *au_ledger_fault_to_string (AuLedgerFault fault);

typedef struct
{
  gboolean       ok;
  gint64         transactions;     /* checked */
  gint64         postings;
  gint64         books;
  char          *head;             /* hash of the last transaction, NULL when empty */
  AuLedgerFault  fault;            /* the first fault found */
  gint64         transaction_id;   /* its transaction, 0 when none */
  gint64         book_id;          /* its book, 0 when none */
  char          *problem;          /* the fault in plain words, naming the row */
} AuLedgerCheckResult;

void     au_ledger_check_result_clear (AuLedgerCheckResult  *result);

/* Proves, on a read-only or writable database, that every transaction
 * balances (in total and per account), that the hash chain is intact,
 * that every cached balance equals the sum of its postings and that no
 * row refers to a missing one. Returns FALSE only when the check could
 * not run (%AU_LEDGER_ERROR_NO_LEDGER when there is no ledger); a fault
 * is reported in @result. */
gboolean au_ledger_check              (AuDatabase           *database,
                                       AuLedgerCheckResult  *result,
                                       GError              **error);

G_END_DECLS

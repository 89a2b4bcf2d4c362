/* au-reconcile.h: the ledger against the broker's account (D3, R9.1):
 * the partitions (sleeves, MINIs, forked trees) summed, position by
 * position, and cash within $1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-broker-types.h"
#include "au-ledger.h"

G_BEGIN_DECLS

/* D3: cash agrees when the sums differ by at most $1. */
#define AU_RECONCILE_CASH_TOLERANCE 100   /* cents */

typedef struct
{
  char   *contract;      /* au_contract_describe(): "AAPL 2026-11-20 P 200" */
  gint64  ledger;        /* summed over every partition; short < 0 */
  gint64  broker;
} AuReconcileMismatch;

typedef struct
{
  GArray  *mismatches;        /* AuReconcileMismatch, in contract order */
  guint    n_compared;        /* contracts held by either side */
  AuMoney  ledger_cash;       /* cash, tax reserve and LEAP budget of every partition */
  AuMoney  broker_cash;
  AuMoney  cash_difference;   /* broker minus ledger */
  gboolean positions_ok;
  gboolean cash_ok;           /* |cash_difference| ≤ AU_RECONCILE_CASH_TOLERANCE */
} AuReconcileReport;

/* Compares the ledger of every partition with @broker_positions
 * (AuBrokerPosition) and @broker_cash (the account's cash, e.g.
 * AuBrokerAccount.cash). FALSE with @error only when the ledger cannot
 * be read; a difference is reported, not an error. Clear @report with
 * au_reconcile_report_clear(). */
gboolean au_reconcile_compare       (AuLedger          *ledger,
                                     GPtrArray         *broker_positions,
                                     AuMoney            broker_cash,
                                     AuReconcileReport *report,
                                     GError           **error);
/* TRUE when positions and cash both agree. */
gboolean au_reconcile_report_ok     (const AuReconcileReport *report);
/* One line per difference, for the audit trail and the user. */
char    *au_reconcile_report_describe (const AuReconcileReport *report);
void     au_reconcile_report_clear  (AuReconcileReport *report);

G_END_DECLS

/* au-ledger-export.h: the audit-ready CSV export (R10.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-database.h"

G_BEGIN_DECLS

/* Writes every posting of every transaction, in order, as RFC 4180 CSV
 * with a header line: money in dollars with two decimals (debit
 * positive), strikes with four, times in UTC, and each transaction's
 * hash. Works on a read-only database. */
gboolean au_ledger_export_csv (AuDatabase     *database,
                               GOutputStream  *out,
                               GCancellable   *cancellable,
                               GError        **error);

G_END_DECLS

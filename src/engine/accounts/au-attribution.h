/* au-attribution.h: each account's and each fork's share of the result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-ledger.h"

G_BEGIN_DECLS

/* One account at one moment: equity at cost plus unrealized P&L at the
 * marks given, and the money that has flowed in to date (deposits plus
 * transfers in, less transfers out: forks and merges, R2.6, R3.6, D2.3). */
typedef struct
{
  gint64         account_id;
  char          *name;
  AuAccountKind  kind;
  gint64         root_id;
  AuMoney        equity;
  AuMoney        flows;
} AuEquityPoint;

void    au_equity_point_clear    (AuEquityPoint *point);

/* Every account of the ledger now. @marks price every open position
 * (R10.3); a position without a mark is an error naming it.
 * Returns: (transfer full) (element-type AuEquityPoint) or NULL. */
GArray *au_attribution_snapshot  (AuLedger            *ledger,
                                  const AuLedgerMark  *marks,
                                  guint                n_marks,
                                  GError             **error);

typedef struct
{
  gint64         id;            /* the account, or the tree's root */
  char          *name;
  AuAccountKind  kind;
  AuMoney        start_equity;
  AuMoney        end_equity;
  AuMoney        net_flows;     /* in minus out during the period */
  AuMoney        gain;          /* end − start − net flows */
  double         return_rate;   /* gain / (start + inflows), 0 when that is 0 */
  double         contribution;  /* gain / the total gain, 0 when that is 0 */
} AuAttributionLine;

typedef struct
{
  GArray            *accounts;  /* AuAttributionLine per account */
  GArray            *trees;     /* AuAttributionLine per tree (forked trees and MINIs in theirs) */
  AuAttributionLine  total;     /* the sums: every account's gain adds up to it */
} AuAttribution;

void      au_attribution_clear   (AuAttribution       *attribution);

/* From two snapshots (an account missing from @start starts at zero: it
 * was forked during the period). */
gboolean  au_attribution_compute (GArray              *start,
                                  GArray              *end,
                                  AuAttribution       *attribution,
                                  GError             **error);
JsonNode *au_attribution_to_json (const AuAttribution *attribution);

G_END_DECLS

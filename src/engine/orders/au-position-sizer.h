/* au-position-sizer.h: how many contracts or shares an entry takes (R0.2, R0.3, R4.3, D2.1, D2.18, D2.19, D2.21, D2.23)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-types.h"

G_BEGIN_DECLS

/* The sleeve before the order, as D2.21 defines its terms. */
typedef struct
{
  AuSleeve  sleeve;            /* Gen, Rev or Com: whose per-symbol cap applies */
  AuMoney   capital;           /* the sleeve's equity: the denominator of R0.2 and R0.3 */
  AuMoney   cash;              /* free cash before the order */
  AuMoney   deployed;          /* committed across every symbol (CSP notional, shares) */
  AuMoney   symbol_exposure;   /* committed on this order's symbol */
  gboolean  hedged_week;       /* D2.18: both caps halved */
} AuSizingState;

typedef struct
{
  gint64      quantity;        /* contracts (or shares for stock); 0 when nothing fits */
  const char *binding_rule;    /* the rule that set the size: "R0.2", "R0.3", "R3.1", "R4.3" … */
  AuMoney     deployable;      /* what R0.2 and cash leave to deploy */
  AuMoney     symbol_room;     /* what the per-symbol cap leaves on the symbol */
  char       *reason;          /* the arithmetic in plain words */
} AuSizing;

void     au_sizing_clear             (AuSizing            *sizing);

/* A cash-secured put at @strike (R0.2, R0.3, D2.1, D2.18, D2.21):
 * contracts = min (floor (deployable / (K·100)), floor (room / (K·100)))
 * where deployable = min (cash, deploy_max × capital − deployed) and
 * room = cap × capital − symbol_exposure; the cap is 25% (Rev-Acc 50%),
 * and in a Hedged Week deploy_max becomes 50% and the cap half itself. */
gboolean au_position_sizer_csp       (AuConstitution      *constitution,
                                      const AuSizingState *state,
                                      AuPrice              strike,
                                      AuSizing            *sizing,
                                      GError             **error);

/* Covered calls on @shares_held with @short_calls already written (D2.19):
 * one contract per 100 shares; in an earnings week at most
 * earnings_coverage_max of the shares (R4.3). */
gboolean au_position_sizer_covered_call (AuConstitution   *constitution,
                                         gint64            shares_held,
                                         gint64            short_calls,
                                         gboolean          earnings_week,
                                         AuSizing         *sizing,
                                         GError          **error);

/* One symbol Com-Acc may buy shares of (D2.23). */
typedef struct
{
  const char *symbol;
  AuPrice     price;           /* the limit: mid (R0.5) */
  AuMoney     exposure;        /* already committed on it */
  gint64      shares;          /* out: shares to buy, a multiple of 100 */
} AuShareTarget;

/* Com-Acc's share buying (D2.23): free cash spent on round lots of 100,
 * one lot at a time to the symbol with the least exposure that still has
 * room under its cap (ties to the earlier target), until no lot fits the
 * cash, the deployment cap or any symbol's cap. @state->symbol_exposure
 * is ignored: each target carries its own. */
gboolean au_position_sizer_share_lots (AuConstitution      *constitution,
                                       const AuSizingState *state,
                                       AuShareTarget       *targets,
                                       guint                n_targets,
                                       GError             **error);

G_END_DECLS

/* au-hedge-sizer.h: the hedge budget and the L2 hedge (R5.1, R5.5, R6.6, D2.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* Integer cents throughout; @spx + @vix == @spend exactly. */
typedef struct
{
  AuMoney       budget;
  AuMoney       spend;
  AuMoney       spx_puts;
  AuMoney       vix_calls;
  AuProtocolWhy why;
} AuHedgeSize;

/* D2.4: budget = max(gains_fraction × @quarterly_gains, equity_floor ×
 * @sleeve_equity); the L2 spend = min(l2_equity × equity, budget), split
 * spx_weight : vix_weight (2:1) between SPX puts and VIX calls. Negative
 * gains count as none. @sleeve_equity must be positive. */
gboolean au_hedge_size (AuConstitution  *constitution,
                        AuMoney          sleeve_equity,
                        AuMoney          quarterly_gains,
                        AuHedgeSize     *size,
                        GError         **error);

G_END_DECLS

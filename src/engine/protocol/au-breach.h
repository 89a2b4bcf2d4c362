/* au-breach.h: how far a short option is breached, in ATR multiples (R6.x)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-protocol-types.h"
#include "au-types.h"

G_BEGIN_DECLS

/* Research §3.6: a short put (CSP) is breached by b = strike − spot, a
 * short call (CC) by b = spot − strike; m = b / ATR(5), and m = 0 when
 * b ≤ 0. Prices are AuPrice (1/10,000 dollars). */
typedef struct
{
  AuPrice         breach;       /* b; ≤ 0 when the option is not breached */
  AuPrice         spot;
  AuPrice         atr;
  double          multiple;     /* m, for display; levels compare exactly */
  AuProtocolLevel level;        /* from the constitution's l1/l2/l3 multiples */
  gboolean        roll_trigger; /* m ≥ the sleeve's roll trigger (R2.3 1.0×, R3.3 Rev 1.5×) */
  AuProtocolWhy   why;
} AuBreach;

/* @strategy is AU_STRATEGY_CSP or AU_STRATEGY_CC; @sleeve Gen, Rev or Com
 * (a MINI half trades with the rules of Gen or Com, D2.2). @strike, @spot
 * and @atr must be positive. */
gboolean        au_breach_compute (AuConstitution  *constitution,
                                   AuSleeve         sleeve,
                                   AuStrategy       strategy,
                                   AuPrice          strike,
                                   AuPrice          spot,
                                   AuPrice          atr,
                                   AuBreach        *breach,
                                   GError         **error);
/* The level of a breach @breach at @atr: the highest k with
 * breach ≥ level_atr[k] × atr (R6.1–R6.4), compared exactly. */
AuProtocolLevel au_breach_level   (AuConstitution  *constitution,
                                   AuPrice          breach,
                                   AuPrice          atr);
/* The spot at which a CSP (CC) of @strike reaches @multiple × @atr:
 * strike ∓ multiple × atr. For the worked example: K 200, ATR 4, 1.0 → 196. */
AuPrice         au_breach_spot_at (AuStrategy       strategy,
                                   AuPrice          strike,
                                   AuPrice          atr,
                                   double           multiple);

G_END_DECLS

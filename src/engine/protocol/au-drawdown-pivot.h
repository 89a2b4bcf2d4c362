/* au-drawdown-pivot.h: the drawdown pivot to covered calls only (R0.8,
 * R2.5, D2.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* One sleeve's pivot state, plain data so the autopilot can persist and
 * restore it. Start from au_drawdown_pivot_init(). */
typedef struct
{
  AuMoney  high_water; /* the highest equity seen */
  gboolean active;     /* latched between the trigger and the recovery */
} AuDrawdownPivot;

void     au_drawdown_pivot_init   (AuDrawdownPivot  *pivot,
                                   AuMoney           equity);
/* Updates with the sleeve's @equity and @vix. D2.6: triggers at equity ≤
 * (1 − pivot_drawdown) × high-water mark while VIX < pivot_vix_below;
 * ends once equity ≥ (1 − pivot_recover_within) × the mark; latched in
 * between, whatever VIX does. Returns TRUE when @active changed; @why
 * (may be NULL) explains the state either way. FALSE for @changed and an
 * @error on bad input. */
gboolean au_drawdown_pivot_update (AuDrawdownPivot  *pivot,
                                   AuConstitution   *constitution,
                                   AuMoney           equity,
                                   double            vix,
                                   gboolean         *changed,
                                   AuProtocolWhy    *why,
                                   GError          **error);

G_END_DECLS

/* au-position-row.h: one open position, as the Positions page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-autopilot-snapshot.h"

G_BEGIN_DECLS

#define AU_TYPE_POSITION_ROW (au_position_row_get_type ())

G_DECLARE_FINAL_TYPE (AuPositionRow, au_position_row, AU, POSITION_ROW, GObject)

/* A copy of the snapshot's view: the row never changes afterwards. A
 * newer snapshot makes a new row, which replaces this one in the page's
 * list only when something differs (au_position_row_equal()). */
AuPositionRow *au_position_row_new               (const AuAutopilotPositionView *view,
                                                  const char                    *account);
const char    *au_position_row_get_key           (AuPositionRow *self);
gboolean       au_position_row_equal             (AuPositionRow *a,
                                                  AuPositionRow *b);
const char    *au_position_row_get_account       (AuPositionRow *self);
const char    *au_position_row_get_symbol        (AuPositionRow *self);
const char    *au_position_row_get_right         (AuPositionRow *self);
AuPrice        au_position_row_get_strike        (AuPositionRow *self);
const char    *au_position_row_get_expiry        (AuPositionRow *self);
int            au_position_row_get_dte           (AuPositionRow *self);
gint64         au_position_row_get_quantity      (AuPositionRow *self);
double         au_position_row_get_delta         (AuPositionRow *self);
AuMoney        au_position_row_get_premium       (AuPositionRow *self);
AuMoney        au_position_row_get_pnl           (AuPositionRow *self);
double         au_position_row_get_atr_distance  (AuPositionRow *self);
const char    *au_position_row_get_level         (AuPositionRow *self);
int            au_position_row_get_level_rank    (AuPositionRow *self);
gboolean       au_position_row_is_option         (AuPositionRow *self);

char          *au_format_strike                  (AuPrice        strike);
int            au_protocol_level_rank            (const char    *level);

G_END_DECLS

/* au-positions-page.h: the Positions page (R6.x, R10.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-autopilot-snapshot.h"

G_BEGIN_DECLS

#define AU_TYPE_POSITIONS_PAGE (au_positions_page_get_type ())

G_DECLARE_FINAL_TYPE (AuPositionsPage, au_positions_page, AU, POSITIONS_PAGE, AdwBin)

AuPositionsPage *au_positions_page_new                (void);
const char      *au_positions_page_get_database_path  (AuPositionsPage     *self);
void             au_positions_page_set_database_path  (AuPositionsPage     *self,
                                                       const char          *path);
void             au_positions_page_reload             (AuPositionsPage     *self);
void             au_positions_page_set_snapshot       (AuPositionsPage     *self,
                                                       AuAutopilotSnapshot *snapshot);
gboolean         au_positions_page_get_busy           (AuPositionsPage     *self);
GListModel      *au_positions_page_get_rows           (AuPositionsPage     *self);
GListModel      *au_positions_page_get_visible_rows   (AuPositionsPage     *self);
GtkColumnView   *au_positions_page_get_column_view    (AuPositionsPage     *self);
const char      *au_positions_page_get_state          (AuPositionsPage     *self);

G_END_DECLS

/* au-weeks-page.h: the Week Types page (D2.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-autopilot-snapshot.h"

G_BEGIN_DECLS

#define AU_TYPE_WEEKS_PAGE (au_weeks_page_get_type ())

G_DECLARE_FINAL_TYPE (AuWeeksPage, au_weeks_page, AU, WEEKS_PAGE, AdwBin)

GtkWidget     *au_weeks_page_new               (void);
const char    *au_weeks_page_get_database_path (AuWeeksPage         *self);
void           au_weeks_page_set_database_path (AuWeeksPage         *self,
                                                const char          *database_path);
void           au_weeks_page_reload            (AuWeeksPage         *self);
void           au_weeks_page_set_snapshot      (AuWeeksPage         *self,
                                                AuAutopilotSnapshot *snapshot);
gboolean       au_weeks_page_get_busy          (AuWeeksPage         *self);
GListModel    *au_weeks_page_get_rows          (AuWeeksPage         *self);
GtkColumnView *au_weeks_page_get_column_view   (AuWeeksPage         *self);
void           au_weeks_page_select            (AuWeeksPage         *self,
                                                guint                position);
const char    *au_weeks_page_get_details       (AuWeeksPage         *self);
const char    *au_weeks_page_get_current       (AuWeeksPage         *self);

G_END_DECLS

/* au-events-page.h: the Protocol Events page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-autopilot-snapshot.h"
#include "au-engine-event.h"
#include "au-event-row.h"

G_BEGIN_DECLS

#define AU_TYPE_EVENTS_PAGE (au_events_page_get_type ())

G_DECLARE_FINAL_TYPE (AuEventsPage, au_events_page, AU, EVENTS_PAGE, AdwBin)

GtkWidget  *au_events_page_new                (void);
const char *au_events_page_get_database_path  (AuEventsPage        *self);
void        au_events_page_set_database_path  (AuEventsPage        *self,
                                               const char          *database_path);
void        au_events_page_reload             (AuEventsPage        *self);
void        au_events_page_set_snapshot       (AuEventsPage        *self,
                                               AuAutopilotSnapshot *snapshot);
void        au_events_page_add_event          (AuEventsPage        *self,
                                               AuEngineEvent       *event);
gboolean    au_events_page_get_busy           (AuEventsPage        *self);
GListModel *au_events_page_get_visible_rows   (AuEventsPage        *self);
guint       au_events_page_get_n_live         (AuEventsPage        *self);
void        au_events_page_set_account_filter (AuEventsPage        *self,
                                               const char          *account);
void        au_events_page_set_kind_filter    (AuEventsPage        *self,
                                               int                  kind);

G_END_DECLS

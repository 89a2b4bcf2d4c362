/* au-overview-status.h: the Overview's live figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-autopilot-snapshot.h"
#include "au-broker.h"

G_BEGIN_DECLS

#define AU_TYPE_OVERVIEW_STATUS (au_overview_status_get_type ())

G_DECLARE_FINAL_TYPE (AuOverviewStatus, au_overview_status, AU, OVERVIEW_STATUS, AdwBin)

AuOverviewStatus *au_overview_status_new               (void);
void              au_overview_status_set_database_path (AuOverviewStatus    *self,
                                                        const char          *path);
void              au_overview_status_reload            (AuOverviewStatus    *self);
void              au_overview_status_set_snapshot      (AuOverviewStatus    *self,
                                                        AuAutopilotSnapshot *snapshot);
void              au_overview_status_set_connection    (AuOverviewStatus    *self,
                                                        AuBrokerState        state,
                                                        const char          *detail);
/* TRUE while the worker reads the premium income. */
gboolean          au_overview_status_get_busy          (AuOverviewStatus    *self);

G_END_DECLS

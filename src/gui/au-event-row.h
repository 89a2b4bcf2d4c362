/* au-event-row.h: one protocol event on the Protocol Events timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-engine-event.h"

G_BEGIN_DECLS

/* What the timeline shows, in the kind drop-down's order (after "all"). */
typedef enum
{
  AU_EVENT_PROTOCOL,    /* R6.x escalations and de-escalations */
  AU_EVENT_ROLL,        /* R6.3 rolls */
  AU_EVENT_EXIT,        /* R6.4 L3 exits */
  AU_EVENT_HEDGE,       /* R6.6 hedges */
  AU_EVENT_VIX,         /* D2.8 / R6.9 VIX tiers and sleeve latches */
  AU_EVENT_SAFE,        /* R9 SAFE and EMERGENCY, entered or left */
  AU_EVENT_FORK,        /* D2.2 forks, D2.3 merges */
  AU_EVENT_PIVOT,       /* drawdown pivots */
} AuEventKind;

#define AU_N_EVENT_KINDS (AU_EVENT_PIVOT + 1)

typedef enum
{
  AU_EVENT_INFO,
  AU_EVENT_WARNING,
  AU_EVENT_ERROR,
} AuEventSeverity;

#define AU_TYPE_EVENT_ROW (au_event_row_get_type ())

G_DECLARE_FINAL_TYPE (AuEventRow, au_event_row, AU, EVENT_ROW, GObject)

AuEventRow     *au_event_row_new            (gint64           time,
                                             AuEventKind      kind,
                                             AuEventSeverity  severity,
                                             const char      *account,
                                             const char      *message,
                                             const char      *rule,
                                             gboolean         live);
AuEventRow     *au_event_row_new_from_event (AuEngineEvent   *event);
gint64          au_event_row_get_time       (AuEventRow *self);
AuEventKind     au_event_row_get_kind       (AuEventRow *self);
AuEventSeverity au_event_row_get_severity   (AuEventRow *self);
const char     *au_event_row_get_account    (AuEventRow *self);
const char     *au_event_row_get_message    (AuEventRow *self);
const char     *au_event_row_get_rule       (AuEventRow *self);
gboolean        au_event_row_get_live       (AuEventRow *self);
const char     *au_event_row_get_key        (AuEventRow *self);

const char     *au_event_kind_to_label      (AuEventKind kind);

G_END_DECLS

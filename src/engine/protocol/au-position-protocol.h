/* au-position-protocol.h: one short option's protocol state (R6.5, D2.10, R0.11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-breach.h"
#include "au-constitution.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* One change of level. A jump of several levels yields one event per
 * level (D2.10), all with the same time and market data. Times are µs
 * since the Unix epoch (the engine clock's). */
typedef struct
{
  gint64          time;
  AuProtocolLevel from;
  AuProtocolLevel to;
  double          multiple;
  AuPrice         spot;
  AuPrice         atr;
  AuPrice         breach;
  const char     *actor;  /* "engine", or who reset an L3 ("user", "policy") */
  AuProtocolWhy   why;
} AuProtocolEvent;

#define AU_TYPE_POSITION_PROTOCOL (au_position_protocol_get_type ())

G_DECLARE_FINAL_TYPE (AuPositionProtocol, au_position_protocol, AU, POSITION_PROTOCOL, GObject)

/* A new short @strategy (csp or cc) of @strike in @sleeve, at L0. */
AuPositionProtocol *au_position_protocol_new                 (AuConstitution      *constitution,
                                                              AuSleeve             sleeve,
                                                              AuStrategy           strategy,
                                                              AuPrice              strike,
                                                              GError             **error);

/* One monitoring observation at @time. Escalation applies at once and
 * never skips a level (R6.5); L1/L2 return to L0 only when m < 1 at a
 * scheduled check (@time at or after au_position_protocol_get_next_check,
 * D2.10); L3 stays until a reset. Appends the changes to @events (a
 * GArray of AuProtocolEvent, may be NULL). FALSE with @error on bad
 * input, the state unchanged. */
gboolean            au_position_protocol_observe             (AuPositionProtocol  *self,
                                                              gint64               time,
                                                              AuPrice              spot,
                                                              AuPrice              atr,
                                                              GArray              *events,
                                                              GError             **error);
/* Escalates to L3 for a reason other than the breach (R6.7: the roll
 * costs too much), through every intermediate level. */
void                au_position_protocol_escalate_to_l3      (AuPositionProtocol  *self,
                                                              gint64               time,
                                                              const char          *rule,
                                                              const char          *reason,
                                                              GArray              *events);
/* Clears a latched L3 (D2.10, D2.26): @actor is "user" (live, with a
 * @reason) or "policy" (unattended runs). Refused when not at L3. */
gboolean            au_position_protocol_reset               (AuPositionProtocol  *self,
                                                              gint64               time,
                                                              const char          *actor,
                                                              const char          *reason,
                                                              GArray              *events,
                                                              GError             **error);

AuProtocolLevel     au_position_protocol_get_level           (AuPositionProtocol  *self);
/* The last observation's breach (zeroed before the first). */
const AuBreach     *au_position_protocol_get_breach          (AuPositionProtocol  *self);
/* R0.11: the monitoring interval of the current level, seconds. */
int                 au_position_protocol_get_monitor_seconds (AuPositionProtocol *self);
/* When the next scheduled check is due (µs); 0 before the first observation. */
gint64              au_position_protocol_get_next_check      (AuPositionProtocol  *self);
/* Research §5: none (L0, or L1 below a Rev position's 1.5× trigger),
 * prepare roll candidates (L1 at the sleeve's roll trigger), roll (L2),
 * exit (L3); @why (may be NULL) says which rule. */
AuProtocolAction    au_position_protocol_get_action          (AuPositionProtocol  *self,
                                                              AuProtocolWhy       *why);
/* Puts back a level and next check persisted before a restart (D4): a
 * latched L3 stays latched across a crash (D2.10). No event: the change
 * was audited when it happened. */
void                au_position_protocol_restore             (AuPositionProtocol  *self,
                                                              AuProtocolLevel      level,
                                                              gint64               next_check);

G_END_DECLS

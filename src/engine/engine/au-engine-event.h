/* au-engine-event.h: one thing that happened, as the GUI and the CLI see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Immutable and reference-counted: made on the engine thread, read on
 * the caller's. @time is the engine's clock (simulated in paper runs),
 * never the machine's (D4). */
typedef struct
{
  gint64  time;       /* µs since the epoch, UTC */
  char   *kind;       /* "engine-started", "broker-lost", "order", ... */
  char   *account;    /* the ALL-USE account, NULL for the system */
  char   *message;    /* plain words */
  char   *rule;       /* "R8.8", NULL when none */
} AuEngineEvent;

#define AU_TYPE_ENGINE_EVENT (au_engine_event_get_type ())

GType          au_engine_event_get_type (void) G_GNUC_CONST;
AuEngineEvent *au_engine_event_new      (gint64          time,
                                         const char     *kind,
                                         const char     *account,
                                         const char     *message,
                                         const char     *rule);
AuEngineEvent *au_engine_event_ref      (AuEngineEvent  *event);
void           au_engine_event_unref    (AuEngineEvent  *event);
/* {"time": ISO 8601 in New York time, "kind", "account", "message", "rule"} */
JsonNode      *au_engine_event_to_json  (AuEngineEvent  *event);
/* One line: "2026-11-19 09:45 ET  kind  [account]  message (rule)". */
char          *au_engine_event_to_line  (AuEngineEvent  *event);
/* ISO 8601 in America/New_York with its offset, seconds precision. */
char          *au_engine_format_time    (gint64          usec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuEngineEvent, au_engine_event_unref)

G_END_DECLS

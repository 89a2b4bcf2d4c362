/* au-engine-snapshot.h: the engine's state at one instant, for the GUI and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-broker.h"
#include "au-system-state.h"

G_BEGIN_DECLS

/* Immutable and reference-counted: made on the engine thread, read on
 * the caller's without a lock. @details is the workload's own snapshot
 * (the autopilot's: accounts, positions, orders, next actions), a boxed
 * value of @details_type. */
typedef struct
{
  gint64         time;           /* the engine's clock, µs since the epoch */
  AuSystemState  state;          /* R9 (D2.27) */
  char          *state_reason;   /* why it is in that state, plain words */
  AuBrokerState  broker_state;
  double         speed;          /* the clock's acceleration (1 live) */
  gboolean       paused;
  gint64         until;          /* 0: runs until stopped */
  guint64        commands_done;  /* commands handled so far */
  GType          details_type;   /* G_TYPE_NONE when there are none */
  gpointer       details;
} AuEngineSnapshot;

#define AU_TYPE_ENGINE_SNAPSHOT (au_engine_snapshot_get_type ())

GType             au_engine_snapshot_get_type (void) G_GNUC_CONST;
/* Takes a copy of @details (g_boxed_copy) when @details_type is boxed. */
AuEngineSnapshot *au_engine_snapshot_new      (gint64             time,
                                               AuSystemState      state,
                                               const char        *state_reason,
                                               AuBrokerState      broker_state,
                                               double             speed,
                                               gboolean           paused,
                                               gint64             until,
                                               guint64            commands_done,
                                               GType              details_type,
                                               gconstpointer      details);
AuEngineSnapshot *au_engine_snapshot_ref      (AuEngineSnapshot  *snapshot);
void              au_engine_snapshot_unref    (AuEngineSnapshot  *snapshot);
/* The workload's snapshot when it is of @type, else NULL (transfer none). */
gpointer          au_engine_snapshot_get_details (AuEngineSnapshot *snapshot,
                                                  GType             type);
JsonNode         *au_engine_snapshot_to_json  (AuEngineSnapshot  *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuEngineSnapshot, au_engine_snapshot_unref)

G_END_DECLS

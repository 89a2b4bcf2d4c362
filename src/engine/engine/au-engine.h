/* au-engine.h: the engine on its own thread (decisions D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-engine-command.h"
#include "au-engine-config.h"
#include "au-engine-error.h"
#include "au-engine-event.h"
#include "au-engine-snapshot.h"
#include "au-engine-workload.h"

G_BEGIN_DECLS

#define AU_TYPE_ENGINE (au_engine_get_type ())

G_DECLARE_FINAL_TYPE (AuEngine, au_engine, AU, ENGINE, GObject)

/* Made on the GUI's or the CLI's thread; its signals are emitted on the
 * thread-default main context of that thread, never on the engine's:
 *
 *   ::event (AuEngineEvent *)          one thing that happened
 *   ::snapshot (AuEngineSnapshot *)    the state after a change
 *   ::state-changed (AuSystemState, const char *reason)
 *   ::stopped (const GError *)         the thread ended: NULL after a
 *                                      clean stop, else why it died
 *
 * The caller's thread never waits on SQLite, the network or a
 * computation: commands are queued, results come back as signals. */
AuEngine         *au_engine_new               (const AuEngineConfig  *config);
const AuEngineConfig *au_engine_get_config    (AuEngine              *self);

/* Before start: what the engine thread runs (default: the autopilot)
 * and how it reaches the broker (default: the paper broker or the IB
 * client, from the configuration). Both are called on the engine thread. */
void              au_engine_set_workload_func (AuEngine              *self,
                                               AuEngineWorkloadFunc   func,
                                               gpointer               user_data,
                                               GDestroyNotify         destroy);
void              au_engine_set_broker_func   (AuEngine              *self,
                                               AuEngineBrokerFunc     func,
                                               gpointer               user_data,
                                               GDestroyNotify         destroy);

/* Spawns the engine thread. What it opens (the database as its one
 * writer, the constitution, the broker) fails there and comes back as
 * ::stopped with the error, on this thread. FALSE only when already
 * started or the configuration is invalid. */
gboolean          au_engine_start             (AuEngine              *self,
                                               GError               **error);
gboolean          au_engine_is_running        (AuEngine              *self);

/* Queues @command (transfer full) for the engine thread; commands are
 * handled in the order they were sent. */
gboolean          au_engine_send              (AuEngine              *self,
                                               AuEngineCommand       *command,
                                               GError               **error);
gboolean          au_engine_pause             (AuEngine              *self,
                                               GError               **error);
gboolean          au_engine_resume            (AuEngine              *self,
                                               GError               **error);
gboolean          au_engine_enter_safe        (AuEngine              *self,
                                               const char            *reason,
                                               GError               **error);
gboolean          au_engine_kill_switch       (AuEngine              *self,
                                               const char            *reason,
                                               GError               **error);
gboolean          au_engine_reset_latch       (AuEngine              *self,
                                               const char            *reason,
                                               GError               **error);
gboolean          au_engine_set_speed         (AuEngine              *self,
                                               double                 speed,
                                               GError               **error);
gboolean          au_engine_run_until         (AuEngine              *self,
                                               gint64                 until_usec,
                                               GError               **error);
/* Asks for a clean stop without waiting; ::stopped follows. */
gboolean          au_engine_request_stop      (AuEngine              *self,
                                               GError               **error);
/* Asks for a clean stop and joins the thread, waiting at most
 * @timeout_ms; AU_ENGINE_ERROR_TIMEOUT when it did not end in time (it
 * is then left to end on its own). */
gboolean          au_engine_stop              (AuEngine              *self,
                                               guint                  timeout_ms,
                                               GError               **error);

/* The last snapshot delivered to this thread, or NULL (transfer none). */
AuEngineSnapshot *au_engine_get_snapshot      (AuEngine              *self);

G_END_DECLS

/* au-engine-private.h: what AuEngine and its thread share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-engine.h"

G_BEGIN_DECLS

/* Reference-counted; the only thing both threads touch. Everything in it
 * is set before the thread starts and read-only afterwards, except the
 * queue (thread-safe) and @finished (under @mutex). */
typedef struct
{
  gatomicrefcount       ref;
  AuEngineConfig       *config;
  GAsyncQueue          *commands;      /* AuEngineCommand * */
  GMainContext         *context;       /* the engine thread's */
  GMainContext         *caller;        /* where signals are emitted */
  GWeakRef              engine;        /* the AuEngine, read on the caller's thread */
  AuEngineWorkloadFunc  workload_func;
  gpointer              workload_data;
  AuEngineBrokerFunc    broker_func;
  gpointer              broker_data;
  GMutex                mutex;
  GCond                 cond;
  gboolean              finished;
} AuEngineShared;

typedef enum
{
  AU_ENGINE_DELIVER_EVENT,
  AU_ENGINE_DELIVER_SNAPSHOT,
  AU_ENGINE_DELIVER_STATE,
  AU_ENGINE_DELIVER_STOPPED,
} AuEngineDeliverKind;

AuEngineShared *_au_engine_shared_ref   (AuEngineShared *shared);
void            _au_engine_shared_unref (AuEngineShared *shared);

/* The thread's body (au-engine-thread.c). */
gpointer        _au_engine_thread_main  (gpointer        data);

/* From the engine thread: hands @payload (transfer full: an
 * AuEngineEvent, an AuEngineSnapshot, a GError or NULL) to the caller's
 * context, where AuEngine emits it. */
void            _au_engine_deliver      (AuEngineShared      *shared,
                                         AuEngineDeliverKind  kind,
                                         gpointer             payload);

/* The default workload: the autopilot (au-engine-autopilot.c). */
AuEngineWorkload *_au_engine_autopilot_new (const AuEngineServices  *services,
                                            gpointer                 user_data,
                                            GError                 **error);

G_END_DECLS

/* au-engine-workload.h: what the engine thread runs (the autopilot)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-audit-log.h"
#include "au-broker.h"
#include "au-clock.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-engine-command.h"
#include "au-engine-config.h"
#include "au-engine-event.h"
#include "au-ledger.h"
#include "au-rules-engine.h"
#include "au-system-state.h"

G_BEGIN_DECLS

/* Everything the engine thread opened for its workload; all of it lives
 * on that thread and stays valid until the workload is finalized. */
typedef struct
{
  const AuEngineConfig *config;     /* with the stored seed, capital and start on a resume */
  AuDatabase           *database;   /* the one writer */
  AuConstitution       *constitution;
  AuLedger             *ledger;
  AuAuditLog           *audit;
  AuRulesEngine        *rules;
  AuClock              *clock;
  AuBroker             *broker;
  gboolean              resumed;    /* the database was run before */
} AuEngineServices;

#define AU_TYPE_ENGINE_WORKLOAD (au_engine_workload_get_type ())

G_DECLARE_INTERFACE (AuEngineWorkload, au_engine_workload, AU, ENGINE_WORKLOAD, GObject)

/* Everything is called on the engine thread, and nothing may block it.
 * A workload emits ::event for each thing worth telling the user and
 * ::changed whenever its snapshot would read differently. */
struct _AuEngineWorkloadInterface
{
  GTypeInterface parent_iface;

  /* Once, after the broker first connected. */
  gboolean       (*start)       (AuEngineWorkload       *self,
                                 GError                **error);
  /* Every command but STOP's teardown, in the order they were sent. */
  void           (*command)     (AuEngineWorkload       *self,
                                 const AuEngineCommand  *command);
  AuSystemState  (*get_state)   (AuEngineWorkload       *self,
                                 const char            **reason);
  gboolean       (*is_paused)   (AuEngineWorkload       *self);
  /* The workload's own immutable snapshot, boxed (transfer full), or
   * NULL; @type receives its GType. */
  gpointer       (*dup_details) (AuEngineWorkload       *self,
                                 GType                  *type);
};

gboolean       au_engine_workload_start       (AuEngineWorkload       *self,
                                               GError                **error);
void           au_engine_workload_command     (AuEngineWorkload       *self,
                                               const AuEngineCommand  *command);
AuSystemState  au_engine_workload_get_state   (AuEngineWorkload       *self,
                                               const char            **reason);
gboolean       au_engine_workload_is_paused   (AuEngineWorkload       *self);
gpointer       au_engine_workload_dup_details (AuEngineWorkload       *self,
                                               GType                  *type);

/* For implementations. */
void           au_engine_workload_emit_event   (AuEngineWorkload      *self,
                                                AuEngineEvent         *event);
void           au_engine_workload_emit_changed (AuEngineWorkload      *self);

/* Makes the workload on the engine thread, from its services. */
typedef AuEngineWorkload *(*AuEngineWorkloadFunc) (const AuEngineServices  *services,
                                                   gpointer                 user_data,
                                                   GError                 **error);

/* Makes the broker on the engine thread (the paper broker and the IB
 * client are built in; a gateway simulator or a test may bring its own). */
typedef AuBroker *(*AuEngineBrokerFunc) (const AuEngineConfig  *config,
                                         AuClock               *clock,
                                         gpointer               user_data,
                                         GError               **error);

G_END_DECLS

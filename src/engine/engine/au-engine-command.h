/* au-engine-command.h: what the GUI or the CLI asks of the engine thread (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AU_ENGINE_COMMAND_RESUME,       /* start, or resume after a pause */
  AU_ENGINE_COMMAND_PAUSE,        /* no new actions; positions still monitored */
  AU_ENGINE_COMMAND_SAFE,         /* exits only (R9), with a reason */
  AU_ENGINE_COMMAND_KILL_SWITCH,  /* EMERGENCY until reset (R6.9, D2.26) */
  AU_ENGINE_COMMAND_RESET_LATCH,  /* the user's reset of an L3 SAFE or EMERGENCY, with a reason */
  AU_ENGINE_COMMAND_SET_SPEED,    /* the paper clock's acceleration */
  AU_ENGINE_COMMAND_RUN_UNTIL,    /* stop once the engine's clock reaches a time */
  AU_ENGINE_COMMAND_RECONCILE,    /* the broker is back: compare it with the ledger (R9.1) */
  AU_ENGINE_COMMAND_STOP,         /* persist, disconnect, end the thread */
} AuEngineCommandKind;

const char *au_engine_command_kind_to_string (AuEngineCommandKind kind);

/* Immutable once made; the engine thread owns it after au_engine_send(). */
typedef struct
{
  AuEngineCommandKind  kind;
  char                *actor;     /* "user", "cli", "engine", "policy" */
  char                *reason;    /* plain words, audited; may be NULL */
  double               speed;     /* SET_SPEED */
  gint64               until;     /* RUN_UNTIL: µs since the epoch */
  guint64              serial;    /* the order commands were sent in, from 1 */
} AuEngineCommand;

#define AU_TYPE_ENGINE_COMMAND (au_engine_command_get_type ())

GType            au_engine_command_get_type (void) G_GNUC_CONST;
AuEngineCommand *au_engine_command_new      (AuEngineCommandKind     kind,
                                             const char             *actor,
                                             const char             *reason);
AuEngineCommand *au_engine_command_copy     (const AuEngineCommand  *command);
void             au_engine_command_free     (AuEngineCommand        *command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuEngineCommand, au_engine_command_free)

G_END_DECLS

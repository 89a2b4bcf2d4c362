/* au-engine-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-engine-command.h"

G_DEFINE_BOXED_TYPE (AuEngineCommand, au_engine_command, au_engine_command_copy,
                     au_engine_command_free)

const char *
au_engine_command_kind_to_string (AuEngineCommandKind kind)
{
  static const char * const names[] = {
    [AU_ENGINE_COMMAND_RESUME] = "resume",
    [AU_ENGINE_COMMAND_PAUSE] = "pause",
    [AU_ENGINE_COMMAND_SAFE] = "safe",
    [AU_ENGINE_COMMAND_KILL_SWITCH] = "kill-switch",
    [AU_ENGINE_COMMAND_RESET_LATCH] = "reset-latch",
    [AU_ENGINE_COMMAND_SET_SPEED] = "set-speed",
    [AU_ENGINE_COMMAND_RUN_UNTIL] = "run-until",
    [AU_ENGINE_COMMAND_RECONCILE] = "reconcile",
    [AU_ENGINE_COMMAND_STOP] = "stop",
  };

  if ((guint) kind >= G_N_ELEMENTS (names))
    return "unknown";
  return names[kind];
}

AuEngineCommand *
au_engine_command_new (AuEngineCommandKind  kind,
                       const char          *actor,
                       const char          *reason)
{
  AuEngineCommand *command = g_new0 (AuEngineCommand, 1);

  command->kind = kind;
  command->actor = g_strdup (actor != NULL ? actor : "user");
  command->reason = g_strdup (reason);
  return command;
}

AuEngineCommand *
au_engine_command_copy (const AuEngineCommand *command)
{
  AuEngineCommand *copy;

  g_return_val_if_fail (command != NULL, NULL);

  copy = g_memdup2 (command, sizeof *command);
  copy->actor = g_strdup (command->actor);
  copy->reason = g_strdup (command->reason);
  return copy;
}

void
au_engine_command_free (AuEngineCommand *command)
{
  if (command == NULL)
    return;
  g_free (command->actor);
  g_free (command->reason);
  g_free (command);
}

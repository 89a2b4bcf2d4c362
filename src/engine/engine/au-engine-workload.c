/* au-engine-workload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-engine-workload.h"

G_DEFINE_INTERFACE (AuEngineWorkload, au_engine_workload, G_TYPE_OBJECT)

enum
{
  EVENT,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
au_engine_workload_default_init (AuEngineWorkloadInterface *iface)
{
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_ENGINE_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

gboolean
au_engine_workload_start (AuEngineWorkload  *self,
                          GError           **error)
{
  g_return_val_if_fail (AU_IS_ENGINE_WORKLOAD (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return AU_ENGINE_WORKLOAD_GET_IFACE (self)->start (self, error);
}

void
au_engine_workload_command (AuEngineWorkload      *self,
                            const AuEngineCommand *command)
{
  g_return_if_fail (AU_IS_ENGINE_WORKLOAD (self));
  g_return_if_fail (command != NULL);
  AU_ENGINE_WORKLOAD_GET_IFACE (self)->command (self, command);
}

AuSystemState
au_engine_workload_get_state (AuEngineWorkload  *self,
                              const char       **reason)
{
  g_return_val_if_fail (AU_IS_ENGINE_WORKLOAD (self), AU_SYSTEM_SAFE);
  return AU_ENGINE_WORKLOAD_GET_IFACE (self)->get_state (self, reason);
}

gboolean
au_engine_workload_is_paused (AuEngineWorkload *self)
{
  g_return_val_if_fail (AU_IS_ENGINE_WORKLOAD (self), FALSE);
  return AU_ENGINE_WORKLOAD_GET_IFACE (self)->is_paused (self);
}

gpointer
au_engine_workload_dup_details (AuEngineWorkload *self,
                                GType            *type)
{
  AuEngineWorkloadInterface *iface;

  g_return_val_if_fail (AU_IS_ENGINE_WORKLOAD (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  *type = G_TYPE_NONE;
  iface = AU_ENGINE_WORKLOAD_GET_IFACE (self);
  if (iface->dup_details == NULL)
    return NULL;
  return iface->dup_details (self, type);
}

void
au_engine_workload_emit_event (AuEngineWorkload *self,
                               AuEngineEvent    *event)
{
  g_return_if_fail (AU_IS_ENGINE_WORKLOAD (self));
  g_return_if_fail (event != NULL);
  g_signal_emit (self, signals[EVENT], 0, event);
}

void
au_engine_workload_emit_changed (AuEngineWorkload *self)
{
  g_return_if_fail (AU_IS_ENGINE_WORKLOAD (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

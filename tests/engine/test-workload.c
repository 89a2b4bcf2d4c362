/* test-workload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <string.h>

#include "test-workload.h"

struct _TestWorkload
{
  GObject        parent_instance;

  TestRecord    *record;
  AuClock       *clock;
  AuSystemState  state;
  char          *reason;
  gboolean       paused;
};

static void test_workload_iface_init (AuEngineWorkloadInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestWorkload, test_workload, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AU_TYPE_ENGINE_WORKLOAD,
                                                      test_workload_iface_init))

void
test_record_init (TestRecord *record)
{
  memset (record, 0, sizeof *record);
  g_mutex_init (&record->mutex);
  record->serials = g_array_new (FALSE, FALSE, sizeof (guint64));
  record->kinds = g_array_new (FALSE, FALSE, sizeof (AuEngineCommandKind));
  record->reasons = g_ptr_array_new_with_free_func (g_free);
}

void
test_record_clear (TestRecord *record)
{
  g_array_unref (record->serials);
  g_array_unref (record->kinds);
  g_ptr_array_unref (record->reasons);
  g_mutex_clear (&record->mutex);
}

static void
set_state (TestWorkload  *self,
           AuSystemState  state,
           const char    *reason)
{
  self->state = state;
  g_free (self->reason);
  self->reason = g_strdup (reason);
  au_engine_workload_emit_changed (AU_ENGINE_WORKLOAD (self));
}

static gboolean
test_workload_start (AuEngineWorkload  *workload,
                     GError           **error)
{
  TestWorkload *self = TEST_WORKLOAD (workload);
  g_autoptr(AuEngineEvent) event = NULL;

  g_mutex_lock (&self->record->mutex);
  self->record->started_on = g_thread_self ();
  self->record->start_clock = au_clock_get_now (self->clock);
  g_mutex_unlock (&self->record->mutex);

  set_state (self, AU_SYSTEM_MONITORING, "watching the market");
  event = au_engine_event_new (au_clock_get_now (self->clock), "test-started", NULL,
                               "The test workload started", NULL);
  au_engine_workload_emit_event (workload, event);
  return TRUE;
}

static void
test_workload_command (AuEngineWorkload      *workload,
                       const AuEngineCommand *command)
{
  TestWorkload *self = TEST_WORKLOAD (workload);

  g_mutex_lock (&self->record->mutex);
  g_array_append_val (self->record->serials, command->serial);
  g_array_append_val (self->record->kinds, command->kind);
  g_ptr_array_add (self->record->reasons, g_strdup (command->reason));
  if (command->kind == AU_ENGINE_COMMAND_STOP)
    self->record->stopped = TRUE;
  g_mutex_unlock (&self->record->mutex);

  switch (command->kind)
    {
    case AU_ENGINE_COMMAND_PAUSE:
      self->paused = TRUE;
      au_engine_workload_emit_changed (workload);
      break;
    case AU_ENGINE_COMMAND_RESUME:
      self->paused = FALSE;
      au_engine_workload_emit_changed (workload);
      break;
    case AU_ENGINE_COMMAND_SAFE:
      set_state (self, AU_SYSTEM_SAFE, command->reason);
      break;
    case AU_ENGINE_COMMAND_KILL_SWITCH:
      set_state (self, AU_SYSTEM_EMERGENCY, command->reason);
      break;
    case AU_ENGINE_COMMAND_RESET_LATCH:
    case AU_ENGINE_COMMAND_RECONCILE:
      set_state (self, AU_SYSTEM_MONITORING, command->reason);
      break;
    case AU_ENGINE_COMMAND_SET_SPEED:
    case AU_ENGINE_COMMAND_RUN_UNTIL:
    case AU_ENGINE_COMMAND_STOP:
    default:
      break;
    }
}

static AuSystemState
test_workload_get_state (AuEngineWorkload  *workload,
                         const char       **reason)
{
  TestWorkload *self = TEST_WORKLOAD (workload);

  *reason = self->reason;
  return self->state;
}

static gboolean
test_workload_is_paused (AuEngineWorkload *workload)
{
  return TEST_WORKLOAD (workload)->paused;
}

static void
test_workload_iface_init (AuEngineWorkloadInterface *iface)
{
  iface->start = test_workload_start;
  iface->command = test_workload_command;
  iface->get_state = test_workload_get_state;
  iface->is_paused = test_workload_is_paused;
}

static void
test_workload_finalize (GObject *object)
{
  TestWorkload *self = TEST_WORKLOAD (object);

  g_clear_object (&self->clock);
  g_free (self->reason);
  G_OBJECT_CLASS (test_workload_parent_class)->finalize (object);
}

static void
test_workload_class_init (TestWorkloadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_workload_finalize;
}

static void
test_workload_init (TestWorkload *self)
{
  self->state = AU_SYSTEM_SAFE;
  self->reason = g_strdup ("starting");
}

AuEngineWorkload *
test_workload_new (const AuEngineServices  *services,
                   gpointer                 user_data,
                   GError                 **error)
{
  TestWorkload *self = g_object_new (TEST_TYPE_WORKLOAD, NULL);

  self->record = user_data;
  self->clock = g_object_ref (services->clock);
  g_mutex_lock (&self->record->mutex);
  self->record->created_on = g_thread_self ();
  self->record->resumed = services->resumed;
  g_mutex_unlock (&self->record->mutex);
  return AU_ENGINE_WORKLOAD (self);
}

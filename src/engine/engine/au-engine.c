/* au-engine.c: the caller's side of the engine thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-engine-private.h"

struct _AuEngine
{
  GObject           parent_instance;

  AuEngineConfig   *config;
  AuEngineShared   *shared;          /* NULL until started */
  GThread          *thread;          /* NULL once joined */
  AuEngineSnapshot *snapshot;        /* the last one delivered */
  guint64           next_serial;

  AuEngineWorkloadFunc workload_func;
  gpointer             workload_data;
  GDestroyNotify       workload_destroy;
  AuEngineBrokerFunc   broker_func;
  gpointer             broker_data;
  GDestroyNotify       broker_destroy;
};

G_DEFINE_FINAL_TYPE (AuEngine, au_engine, G_TYPE_OBJECT)

enum
{
  SIGNAL_EVENT,
  SIGNAL_SNAPSHOT,
  SIGNAL_STATE_CHANGED,
  SIGNAL_STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How long finalize waits for a thread nobody stopped. */
#define FINALIZE_STOP_TIMEOUT_MS 10000

AuEngineShared *
_au_engine_shared_ref (AuEngineShared *shared)
{
  g_atomic_ref_count_inc (&shared->ref);
  return shared;
}

void
_au_engine_shared_unref (AuEngineShared *shared)
{
  if (!g_atomic_ref_count_dec (&shared->ref))
    return;
  au_engine_config_free (shared->config);
  g_async_queue_unref (shared->commands);
  g_main_context_unref (shared->context);
  g_main_context_unref (shared->caller);
  g_weak_ref_clear (&shared->engine);
  g_mutex_clear (&shared->mutex);
  g_cond_clear (&shared->cond);
  g_free (shared);
}

typedef struct
{
  AuEngineShared      *shared;
  AuEngineDeliverKind  kind;
  gpointer             payload;
} Delivery;

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  switch (delivery->kind)
    {
    case AU_ENGINE_DELIVER_EVENT:
      au_engine_event_unref (delivery->payload);
      break;
    case AU_ENGINE_DELIVER_SNAPSHOT:
    case AU_ENGINE_DELIVER_STATE:
      au_engine_snapshot_unref (delivery->payload);
      break;
    case AU_ENGINE_DELIVER_STOPPED:
    default:
      g_clear_error ((GError **) &delivery->payload);
      break;
    }
  _au_engine_shared_unref (delivery->shared);
  g_free (delivery);
}

/* Runs on the caller's context. */
static gboolean
deliver_cb (gpointer data)
{
  Delivery *delivery = data;
  g_autoptr(AuEngine) self = g_weak_ref_get (&delivery->shared->engine);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  switch (delivery->kind)
    {
    case AU_ENGINE_DELIVER_EVENT:
      g_signal_emit (self, signals[SIGNAL_EVENT], 0, delivery->payload);
      break;
    case AU_ENGINE_DELIVER_SNAPSHOT:
      g_clear_pointer (&self->snapshot, au_engine_snapshot_unref);
      self->snapshot = au_engine_snapshot_ref (delivery->payload);
      g_signal_emit (self, signals[SIGNAL_SNAPSHOT], 0, delivery->payload);
      break;
    case AU_ENGINE_DELIVER_STATE:
      {
        AuEngineSnapshot *snapshot = delivery->payload;

        g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0, (guint) snapshot->state,
                       snapshot->state_reason);
      }
      break;
    case AU_ENGINE_DELIVER_STOPPED:
    default:
      g_signal_emit (self, signals[SIGNAL_STOPPED], 0, delivery->payload);
      break;
    }
  return G_SOURCE_REMOVE;
}

void
_au_engine_deliver (AuEngineShared      *shared,
                    AuEngineDeliverKind  kind,
                    gpointer             payload)
{
  Delivery *delivery = g_new0 (Delivery, 1);
  GSource *source;

  delivery->shared = _au_engine_shared_ref (shared);
  delivery->kind = kind;
  delivery->payload = payload;
  /* D3: results go back to the creator's context as immutable,
   * reference-counted payloads; the engine thread never waits for it.
   * An idle source rather than g_main_context_invoke_full(): invoke runs
   * the callback at once, on this thread, whenever the caller's context
   * happens not to be acquired, which would emit signals on the engine
   * thread. Sources of one priority dispatch in the order attached, so
   * events keep their order. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, delivery, delivery_free);
  g_source_set_static_name (source, "[au-engine] delivery");
  g_source_attach (source, shared->caller);
  g_source_unref (source);
}

static void
au_engine_finalize (GObject *object)
{
  AuEngine *self = AU_ENGINE (object);

  if (self->thread != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!au_engine_stop (self, FINALIZE_STOP_TIMEOUT_MS, &error))
        g_warning ("The engine thread did not stop: %s", error->message);
    }
  if (self->thread != NULL)
    g_thread_unref (self->thread);
  g_clear_pointer (&self->shared, _au_engine_shared_unref);
  g_clear_pointer (&self->snapshot, au_engine_snapshot_unref);
  g_clear_pointer (&self->config, au_engine_config_free);
  if (self->workload_destroy != NULL)
    self->workload_destroy (self->workload_data);
  if (self->broker_destroy != NULL)
    self->broker_destroy (self->broker_data);

  G_OBJECT_CLASS (au_engine_parent_class)->finalize (object);
}

static void
au_engine_class_init (AuEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_engine_finalize;

  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AU_TYPE_ENGINE_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_SNAPSHOT] =
    g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AU_TYPE_ENGINE_SNAPSHOT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[SIGNAL_STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
au_engine_init (AuEngine *self)
{
  self->workload_func = _au_engine_autopilot_new;
}

AuEngine *
au_engine_new (const AuEngineConfig *config)
{
  AuEngine *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (AU_TYPE_ENGINE, NULL);
  self->config = au_engine_config_copy (config);
  return self;
}

const AuEngineConfig *
au_engine_get_config (AuEngine *self)
{
  g_return_val_if_fail (AU_IS_ENGINE (self), NULL);
  return self->config;
}

void
au_engine_set_workload_func (AuEngine             *self,
                             AuEngineWorkloadFunc  func,
                             gpointer              user_data,
                             GDestroyNotify        destroy)
{
  g_return_if_fail (AU_IS_ENGINE (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (self->shared == NULL);

  if (self->workload_destroy != NULL)
    self->workload_destroy (self->workload_data);
  self->workload_func = func;
  self->workload_data = user_data;
  self->workload_destroy = destroy;
}

void
au_engine_set_broker_func (AuEngine           *self,
                           AuEngineBrokerFunc  func,
                           gpointer            user_data,
                           GDestroyNotify      destroy)
{
  g_return_if_fail (AU_IS_ENGINE (self));
  g_return_if_fail (self->shared == NULL);

  if (self->broker_destroy != NULL)
    self->broker_destroy (self->broker_data);
  self->broker_func = func;
  self->broker_data = user_data;
  self->broker_destroy = destroy;
}

gboolean
au_engine_start (AuEngine  *self,
                 GError   **error)
{
  AuEngineShared *shared;
  GThread *thread;

  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->shared != NULL)
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_RUNNING,
                           "The engine was started already");
      return FALSE;
    }
  if (!au_engine_config_validate (self->config, error))
    return FALSE;

  shared = g_new0 (AuEngineShared, 1);
  g_atomic_ref_count_init (&shared->ref);
  shared->config = au_engine_config_copy (self->config);
  shared->commands = g_async_queue_new_full ((GDestroyNotify) au_engine_command_free);
  shared->context = g_main_context_new ();
  shared->caller = g_main_context_ref_thread_default ();
  g_weak_ref_init (&shared->engine, self);
  shared->workload_func = self->workload_func;
  shared->workload_data = self->workload_data;
  shared->broker_func = self->broker_func;
  shared->broker_data = self->broker_data;
  g_mutex_init (&shared->mutex);
  g_cond_init (&shared->cond);

  thread = g_thread_try_new ("au-engine", _au_engine_thread_main,
                             _au_engine_shared_ref (shared), error);
  if (thread == NULL)
    {
      _au_engine_shared_unref (shared); /* the thread's */
      _au_engine_shared_unref (shared);
      return FALSE;
    }
  self->shared = shared;
  self->thread = thread;
  return TRUE;
}

gboolean
au_engine_is_running (AuEngine *self)
{
  gboolean finished;

  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);

  if (self->shared == NULL)
    return FALSE;
  g_mutex_lock (&self->shared->mutex);
  finished = self->shared->finished;
  g_mutex_unlock (&self->shared->mutex);
  return !finished;
}

gboolean
au_engine_send (AuEngine         *self,
                AuEngineCommand  *command,
                GError          **error)
{
  g_autoptr(AuEngineCommand) owned = command;

  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!au_engine_is_running (self))
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_RUNNING,
                   "The engine is not running: “%s” was not sent",
                   au_engine_command_kind_to_string (command->kind));
      return FALSE;
    }
  owned->serial = ++self->next_serial;
  g_async_queue_push (self->shared->commands, g_steal_pointer (&owned));
  g_main_context_wakeup (self->shared->context);
  return TRUE;
}

static gboolean
send_simple (AuEngine             *self,
             AuEngineCommandKind   kind,
             const char           *reason,
             GError              **error)
{
  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);
  return au_engine_send (self, au_engine_command_new (kind, "user", reason), error);
}

gboolean
au_engine_pause (AuEngine  *self,
                 GError   **error)
{
  return send_simple (self, AU_ENGINE_COMMAND_PAUSE, "paused by the user", error);
}

gboolean
au_engine_resume (AuEngine  *self,
                  GError   **error)
{
  return send_simple (self, AU_ENGINE_COMMAND_RESUME, "resumed by the user", error);
}

gboolean
au_engine_enter_safe (AuEngine    *self,
                      const char  *reason,
                      GError     **error)
{
  g_return_val_if_fail (reason != NULL, FALSE);
  return send_simple (self, AU_ENGINE_COMMAND_SAFE, reason, error);
}

gboolean
au_engine_kill_switch (AuEngine    *self,
                       const char  *reason,
                       GError     **error)
{
  g_return_val_if_fail (reason != NULL, FALSE);
  return send_simple (self, AU_ENGINE_COMMAND_KILL_SWITCH, reason, error);
}

gboolean
au_engine_reset_latch (AuEngine    *self,
                       const char  *reason,
                       GError     **error)
{
  /* D2.10, D2.26: a reset is the user's, audited with a reason. */
  g_return_val_if_fail (reason != NULL && reason[0] != '\0', FALSE);
  return send_simple (self, AU_ENGINE_COMMAND_RESET_LATCH, reason, error);
}

gboolean
au_engine_set_speed (AuEngine  *self,
                     double     speed,
                     GError   **error)
{
  AuEngineCommand *command;

  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);

  if (!(speed > 0 && speed <= 1000000.0))
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                   "speed: %g is not a speed between 0 (excluded) and 1000000", speed);
      return FALSE;
    }
  command = au_engine_command_new (AU_ENGINE_COMMAND_SET_SPEED, "user", NULL);
  command->speed = speed;
  return au_engine_send (self, command, error);
}

gboolean
au_engine_run_until (AuEngine  *self,
                     gint64     until_usec,
                     GError   **error)
{
  AuEngineCommand *command;

  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (until_usec >= 0, FALSE);

  command = au_engine_command_new (AU_ENGINE_COMMAND_RUN_UNTIL, "user", NULL);
  command->until = until_usec;
  return au_engine_send (self, command, error);
}

gboolean
au_engine_request_stop (AuEngine  *self,
                        GError   **error)
{
  return send_simple (self, AU_ENGINE_COMMAND_STOP, "stopped by the user", error);
}

gboolean
au_engine_stop (AuEngine  *self,
                guint      timeout_ms,
                GError   **error)
{
  gint64 deadline;
  gboolean finished;

  g_return_val_if_fail (AU_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->thread == NULL)
    return TRUE;

  if (au_engine_is_running (self))
    send_simple (self, AU_ENGINE_COMMAND_STOP, "stopped by the user", NULL);

  /* A bounded wait: GThread has no timed join, so the thread says when
   * it is about to return and only then is it joined. */
  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_mutex_lock (&self->shared->mutex);
  while (!self->shared->finished)
    if (!g_cond_wait_until (&self->shared->cond, &self->shared->mutex, deadline))
      break;
  finished = self->shared->finished;
  g_mutex_unlock (&self->shared->mutex);

  if (!finished)
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_TIMEOUT,
                   "The engine thread did not stop within %u ms", timeout_ms);
      return FALSE;
    }
  g_thread_join (g_steal_pointer (&self->thread));
  return TRUE;
}

AuEngineSnapshot *
au_engine_get_snapshot (AuEngine *self)
{
  g_return_val_if_fail (AU_IS_ENGINE (self), NULL);
  return self->snapshot;
}

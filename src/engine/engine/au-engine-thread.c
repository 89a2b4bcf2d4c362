/* au-engine-thread.c: the engine thread's body (decisions D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include <math.h>

#include "au-engine-private.h"
#include "au-engine-store.h"
#include "au-ib-client.h"
#include "au-market-calendar.h"
#include "au-paper-broker.h"

/* How often the engine publishes a changed snapshot and how often it
 * persists its clock, in real time. A crash loses at most the clock's
 * progress since the last save; the broker's own state and the ledger
 * are written as they change. */
#define TICK_MS            250
#define PERSIST_EVERY_TICKS  2
/* D4: with IB the engine's clock follows the gateway's, re-read at every
 * tick and caught up within one when it ran ahead. */
#define GATEWAY_CATCH_UP_USEC (TICK_MS * G_TIME_SPAN_MILLISECOND)
#define GATEWAY_PACE_WAIT_USEC (3 * G_USEC_PER_SEC)

typedef struct
{
  AuEngineShared   *shared;
  GMainLoop        *loop;
  AuEngineConfig   *config;        /* the effective one: stored values win on a resume */
  AuEngineServices  services;
  AuEngineWorkload *workload;
  GSource          *command_source;
  GSource          *tick_source;
  GSource          *until_source;
  GError           *death;         /* why the thread ends, NULL for a clean stop */
  AuBrokerState     broker_state;
  gboolean          broker_lost;
  gboolean          started;       /* the workload was started */
  gboolean          stopping;
  gboolean          dirty;         /* a snapshot is due */
  guint64           commands_done;
  guint             ticks;
  gint64            start_time;    /* where the simulated clock starts (or resumes) */
  gboolean          clock_known;   /* paper: at once; IB: once the gateway gave its time (D4) */
  gint64            pace_wait_since; /* IB: connected, waiting for the gateway's pace; 0: not */
  gboolean          announced;
  gboolean          start_held;    /* paper: the clock holds from the start to the workload's */
  AuSystemState     last_state;
  gboolean          state_delivered;
} EngineThread;

static void     engine_stop      (EngineThread  *self,
                                  GError        *death);
static gboolean check_ib_account (EngineThread  *self,
                                  AuBroker      *broker,
                                  GError       **error);
static gboolean gateway_paced    (EngineThread  *self);
static void     start_on_gateway (EngineThread  *self);

static GDateTime *
engine_now (EngineThread *self)
{
  return g_date_time_new_from_unix_utc (au_clock_get_now (self->services.clock) / G_USEC_PER_SEC);
}

static void
emit_event_at (EngineThread *self,
               gint64        time,
               const char   *kind,
               const char   *message,
               const char   *rule)
{
  AuEngineEvent *event = au_engine_event_new (time, kind, NULL, message, rule);

  g_debug ("%s: %s", kind, message);
  _au_engine_deliver (self->shared, AU_ENGINE_DELIVER_EVENT, event);
  self->dirty = TRUE;
}

static void
emit_event (EngineThread *self,
            const char   *kind,
            const char   *message,
            const char   *rule)
{
  emit_event_at (self, au_clock_get_now (self->services.clock), kind, message, rule);
}

/* Engine-level decisions go to the audit trail with the engine's clock
 * (D4), not the machine's. */
static void
audit_engine (EngineThread *self,
              const char   *verdict,
              const char   *rule,
              const char   *actor,
              JsonNode     *context)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *time = NULL;
  g_autoptr(JsonNode) owned = context;
  const char *rules[] = { rule, NULL };
  AuAuditEntry entry = { 0 };

  /* D4: no record with a time that is not the engine's. */
  if (self->services.audit == NULL || !self->clock_known)
    return;
  now = engine_now (self);
  time = au_eastern_format (now);
  entry.time = time;
  entry.actor = actor;
  entry.kind = "engine";
  entry.rules = rule != NULL ? rules : NULL;
  entry.constitution = au_constitution_get_sha256 (self->services.constitution);
  entry.context = owned;
  entry.verdict = verdict;
  if (au_audit_log_append (self->services.audit, &entry, &error) == 0)
    g_warning ("Cannot audit “%s”: %s", verdict, error->message);
}

static JsonNode *
run_context (EngineThread *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char start[16] = "";

  if (g_date_valid (&self->config->paper_start))
    g_date_strftime (start, sizeof start, "%Y-%m-%d", &self->config->paper_start);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "broker");
  json_builder_add_string_value (builder, au_engine_broker_kind_to_string (self->config->broker));
  if (self->config->broker == AU_ENGINE_BROKER_PAPER)
    {
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, (gint64) self->config->paper_seed);
      json_builder_set_member_name (builder, "capital_cents");
      json_builder_add_int_value (builder, self->config->paper_capital);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start);
    }
  json_builder_set_member_name (builder, "speed");
  json_builder_add_double_value (builder, au_clock_get_speed (self->services.clock));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
publish_snapshot (EngineThread *self)
{
  AuSystemState state = AU_SYSTEM_SAFE;
  const char *reason = "starting";
  gboolean paused = FALSE;
  gpointer details = NULL;
  GType details_type = G_TYPE_NONE;
  AuEngineSnapshot *snapshot;

  if (self->workload != NULL && self->started)
    {
      state = au_engine_workload_get_state (self->workload, &reason);
      paused = au_engine_workload_is_paused (self->workload);
      details = au_engine_workload_dup_details (self->workload, &details_type);
    }
  snapshot = au_engine_snapshot_new (au_clock_get_now (self->services.clock), state, reason,
                                     self->broker_state, au_clock_get_speed (self->services.clock),
                                     paused, self->config->until_usec, self->commands_done,
                                     details_type, details);
  if (details != NULL)
    g_boxed_free (details_type, details);

  if (!self->state_delivered || state != self->last_state)
    {
      self->last_state = state;
      self->state_delivered = TRUE;
      _au_engine_deliver (self->shared, AU_ENGINE_DELIVER_STATE, au_engine_snapshot_ref (snapshot));
    }
  _au_engine_deliver (self->shared, AU_ENGINE_DELIVER_SNAPSHOT, snapshot);
  self->dirty = FALSE;
}

static void
persist_clock (EngineThread *self,
               gboolean      clean_stop)
{
  g_autoptr(GError) error = NULL;

  if (!self->clock_known)
    return;
  if (!_au_engine_store_save (self->services.database, au_clock_get_now (self->services.clock),
                              au_clock_get_speed (self->services.clock), clean_stop, &error))
    g_warning ("Cannot save the engine's clock: %s", error->message);
}

/* D4: the gateway's pace, measured by the client from its CURRENT_TIME
 * answers (1 for a real gateway); 1 for another broker. */
static double
gateway_rate (AuBroker *broker)
{
  double rate = AU_IS_IB_CLIENT (broker) ? au_ib_client_get_clock_rate (AU_IB_CLIENT (broker)) : 1.0;

  return rate > 0 && isfinite (rate) ? rate : 1.0;
}

/* D4: at connect and after every reconnect the engine's clock is set to
 * the gateway's, whatever it read before (a restarted gateway's clock is
 * the broker's truth), and runs at its pace. */
static void
take_gateway_clock (EngineThread *self,
                    AuBroker     *broker)
{
  au_clock_set_speed (self->services.clock, gateway_rate (broker));
  au_clock_rebase (self->services.clock, au_broker_get_now (broker));
}

/* Between reconnects the clock follows the gateway's, whose pace the
 * client keeps measuring: never back, so that the audit trail's times
 * only grow, and never past the end time. */
static void
follow_gateway (EngineThread *self,
                AuBroker     *broker)
{
  au_clock_follow (self->services.clock, au_broker_get_now (broker), gateway_rate (broker),
                   GATEWAY_CATCH_UP_USEC);
}

/* Workload signals */

static void
on_workload_event (AuEngineWorkload *workload,
                   AuEngineEvent    *event,
                   gpointer          user_data)
{
  EngineThread *self = user_data;

  _au_engine_deliver (self->shared, AU_ENGINE_DELIVER_EVENT, au_engine_event_ref (event));
  self->dirty = TRUE;
}

static void
on_workload_changed (AuEngineWorkload *workload,
                     gpointer          user_data)
{
  EngineThread *self = user_data;

  self->dirty = TRUE;
}

static void
send_workload (EngineThread        *self,
               AuEngineCommandKind  kind,
               const char          *reason)
{
  g_autoptr(AuEngineCommand) command = au_engine_command_new (kind, "engine", reason);

  if (self->workload != NULL && self->started)
    au_engine_workload_command (self->workload, command);
}

/* A paper market that runs on the engine's clock follows it; one on a
 * clock of its own (a frozen feed in a test) is left alone. */
static gboolean
market_on_engine_clock (EngineThread *self)
{
  return AU_IS_PAPER_BROKER (self->services.broker)
         && au_paper_broker_get_clock (AU_PAPER_BROKER (self->services.broker))
            == self->services.clock;
}

/* Until */

static gboolean until_cb (gpointer user_data);

static void
schedule_until (EngineThread *self)
{
  gint64 delay;

  if (self->until_source != NULL)
    {
      g_source_destroy (self->until_source);
      g_clear_pointer (&self->until_source, g_source_unref);
    }
  if (self->stopping)
    return;
  /* D4's --until: the clock stops there, so that the run ends exactly at
   * the end time, however late this timer fires under load, and nothing
   * happens after it. */
  au_clock_set_limit (self->services.clock, self->config->until_usec);
  if (self->config->until_usec == 0)
    return;

  delay = au_clock_real_delay_until (self->services.clock, self->config->until_usec);
  self->until_source = g_timeout_source_new ((guint) MIN ((delay + 999) / 1000, G_MAXUINT));
  g_source_set_callback (self->until_source, until_cb, self, NULL);
  g_source_set_static_name (self->until_source, "[au-engine] until");
  g_source_attach (self->until_source, self->shared->context);
}

static gboolean
until_cb (gpointer user_data)
{
  EngineThread *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *until = NULL;
  g_autofree char *message = NULL;

  g_clear_pointer (&self->until_source, g_source_unref);
  if (au_clock_get_now (self->services.clock) < self->config->until_usec)
    {
      /* A timer may fire a little early, the speed changed, or the
       * clock was held while the market answered. */
      schedule_until (self);
      return G_SOURCE_REMOVE;
    }

  /* The market reaches the time too, with every order matched on the
   * way, before the run ends. */
  if (market_on_engine_clock (self)
      && au_broker_get_state (self->services.broker) == AU_BROKER_READY
      && !au_paper_broker_advance_to (AU_PAPER_BROKER (self->services.broker),
                                      au_clock_get_now (self->services.clock), &error))
    g_warning ("The paper market could not reach the end time: %s", error->message);

  until = au_engine_format_time (self->config->until_usec);
  message = g_strdup_printf ("Reached the end time %s; stopping cleanly", until);
  emit_event (self, "until-reached", message, NULL);
  engine_stop (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Commands */

static void
handle_command (EngineThread    *self,
                AuEngineCommand *command)
{
  switch (command->kind)
    {
    case AU_ENGINE_COMMAND_STOP:
      engine_stop (self, NULL);
      break;

    case AU_ENGINE_COMMAND_SET_SPEED:
      if (self->config->broker != AU_ENGINE_BROKER_PAPER)
        {
          emit_event (self, "command-refused",
                      "The speed of a live clock cannot change: it is the gateway's (D4)", NULL);
          break;
        }
      au_clock_set_speed (self->services.clock, command->speed);
      schedule_until (self);
      {
        g_autofree char *message = g_strdup_printf ("The clock now runs %g× real time",
                                                    command->speed);
        emit_event (self, "speed", message, NULL);
      }
      break;

    case AU_ENGINE_COMMAND_RUN_UNTIL:
      self->config->until_usec = command->until;
      schedule_until (self);
      {
        g_autofree char *until = au_engine_format_time (command->until);
        g_autofree char *message = g_strdup_printf ("Running until %s", until);
        emit_event (self, "run-until", message, NULL);
      }
      break;

    case AU_ENGINE_COMMAND_RESUME:
    case AU_ENGINE_COMMAND_PAUSE:
    case AU_ENGINE_COMMAND_SAFE:
    case AU_ENGINE_COMMAND_KILL_SWITCH:
    case AU_ENGINE_COMMAND_RESET_LATCH:
    case AU_ENGINE_COMMAND_RECONCILE:
    default:
      if (self->workload != NULL && self->started)
        au_engine_workload_command (self->workload, command);
      else
        {
          g_autofree char *message =
            g_strdup_printf ("“%s” arrived before the broker connected and was not applied",
                             au_engine_command_kind_to_string (command->kind));
          emit_event (self, "command-refused", message, NULL);
        }
      break;
    }
  self->commands_done++;
  self->dirty = TRUE;
}

/* A source that dispatches when the queue holds a command; the sender
 * wakes the context up with g_main_context_wakeup(). */
typedef struct
{
  GSource       source;
  GAsyncQueue  *queue;
} CommandSource;

static gboolean
command_source_prepare (GSource *source,
                        int     *timeout)
{
  *timeout = -1;
  return g_async_queue_length (((CommandSource *) source)->queue) > 0;
}

static gboolean
command_source_check (GSource *source)
{
  return g_async_queue_length (((CommandSource *) source)->queue) > 0;
}

static gboolean
command_source_dispatch (GSource     *source,
                         GSourceFunc  callback,
                         gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs command_source_funcs = {
  command_source_prepare,
  command_source_check,
  command_source_dispatch,
  NULL, NULL, NULL,
};

static gboolean
commands_cb (gpointer user_data)
{
  EngineThread *self = user_data;
  AuEngineCommand *command;

  while (!self->stopping && (command = g_async_queue_try_pop (self->shared->commands)) != NULL)
    {
      handle_command (self, command);
      au_engine_command_free (command);
    }
  if (self->dirty && !self->stopping)
    publish_snapshot (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  EngineThread *self = user_data;

  /* The paper broker times its next market step at the speed of the
   * moment; after a speed-up that timer is late, so the market is
   * brought up to the clock here, never more than a tick behind. */
  if (market_on_engine_clock (self)
      && au_broker_get_state (self->services.broker) == AU_BROKER_READY)
    {
      g_autoptr(GError) error = NULL;

      if (!au_paper_broker_advance_to (AU_PAPER_BROKER (self->services.broker),
                                       au_clock_get_now (self->services.clock), &error))
        g_warning ("The paper market could not follow the clock: %s", error->message);
    }
  if (self->pace_wait_since != 0 && !self->stopping
      && au_broker_get_state (self->services.broker) == AU_BROKER_READY && gateway_paced (self))
    start_on_gateway (self);
  else if (self->clock_known && self->config->broker == AU_ENGINE_BROKER_IB
           && au_broker_get_state (self->services.broker) == AU_BROKER_READY)
    follow_gateway (self, self->services.broker);
  if (++self->ticks % PERSIST_EVERY_TICKS == 0)
    persist_clock (self, FALSE);
  /* The clock moves on its own: a snapshot at least every half second. */
  if (self->dirty || self->ticks % PERSIST_EVERY_TICKS == 0)
    publish_snapshot (self);
  return G_SOURCE_CONTINUE;
}

/* The broker */

static void
release_start_hold (EngineThread *self)
{
  if (!self->start_held)
    return;
  self->start_held = FALSE;
  au_clock_release (self->services.clock);
}

static void
start_workload (EngineThread *self)
{
  g_autoptr(GError) error = NULL;
  gboolean started = au_engine_workload_start (self->workload, &error);

  /* The workload holds the clock itself from here for as long as it
   * needs (the autopilot's start-up reconciliation, R9.1). */
  release_start_hold (self);
  if (!started)
    {
      g_prefix_error (&error, "The autopilot could not start: ");
      engine_stop (self, g_steal_pointer (&error));
      return;
    }
  self->started = TRUE;
  self->dirty = TRUE;
}

static void
on_broker_state_changed (AuBroker *broker,
                         gpointer  user_data)
{
  EngineThread *self = user_data;
  AuBrokerState state = au_broker_get_state (broker);

  if (state == self->broker_state)
    return;
  self->broker_state = state;
  self->dirty = TRUE;
  if (self->stopping)
    return;

  if ((state == AU_BROKER_DISCONNECTED || state == AU_BROKER_DEGRADED) && !self->broker_lost
      && self->started)
    {
      g_autofree char *reason =
        g_strdup_printf ("The connection to the broker (%s) was lost: no new orders until it is "
                         "back; open positions are kept and reconciled on reconnection",
                         au_broker_get_name (broker));

      self->broker_lost = TRUE;
      /* R8.8: a broker that is down puts the system in SAFE. */
      audit_engine (self, "broker-lost", "R8.8", "engine", run_context (self));
      emit_event (self, "broker-lost", reason, "R8.8");
      send_workload (self, AU_ENGINE_COMMAND_SAFE, reason);
    }
  else if (state == AU_BROKER_READY && self->broker_lost)
    {
      self->broker_lost = FALSE;
      /* D4: with IB the engine's clock is the gateway's, read again after
       * every reconnect. */
      if (self->config->broker == AU_ENGINE_BROKER_IB)
        take_gateway_clock (self, broker);
      audit_engine (self, "broker-back", "R9.1", "engine", run_context (self));
      emit_event (self, "broker-back",
                  "The broker is back; reconciling positions, orders and executions with the "
                  "ledger before anything new", "R9.1");
      send_workload (self, AU_ENGINE_COMMAND_RECONCILE, "the broker reconnected");
    }
}

static void     announce_start (EngineThread *self);
static gboolean until_passed   (EngineThread *self);

/* D4: the client measures the gateway's pace from its CURRENT_TIME
 * answers (whole seconds, one a second) over two seconds. A clock started
 * before would run at 1x behind alluse-gateway-sim --speed X (at 600x,
 * ten minutes a second), so the run waits for a pace other than 1, or
 * this long for a gateway that keeps real time. */
static gboolean
gateway_paced (EngineThread *self)
{
  AuBroker *broker = self->services.broker;

  return !AU_IS_IB_CLIENT (broker)
         || au_ib_client_get_clock_rate (AU_IB_CLIENT (broker)) != 1.0
         || g_get_monotonic_time () - self->pace_wait_since >= GATEWAY_PACE_WAIT_USEC;
}

static void
start_on_gateway (EngineThread *self)
{
  AuBroker *broker = self->services.broker;

  self->pace_wait_since = 0;
  /* D4: the engine's clock is the gateway's from here on, and what the
   * client receives is dated on it. */
  take_gateway_clock (self, broker);
  if (AU_IS_IB_CLIENT (broker))
    au_ib_client_set_clock (AU_IB_CLIENT (broker), self->services.clock);
  self->clock_known = TRUE;
  announce_start (self);
  if (until_passed (self))
    return;
  schedule_until (self);
  start_workload (self);
}

static void
on_broker_connected (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  EngineThread *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!au_broker_connect_finish (AU_BROKER (source), result, &error))
    {
      if (self->stopping)
        return;
      g_prefix_error (&error, "Cannot reach the broker (%s): ",
                      au_broker_get_name (AU_BROKER (source)));
      engine_stop (self, g_error_new_literal (AU_ENGINE_ERROR, AU_ENGINE_ERROR_BROKER,
                                              error->message));
      return;
    }
  if (self->stopping)
    return;
  if (!check_ib_account (self, AU_BROKER (source), &error))
    {
      engine_stop (self, g_steal_pointer (&error));
      return;
    }
  self->broker_state = au_broker_get_state (AU_BROKER (source));
  if (self->config->broker == AU_ENGINE_BROKER_IB)
    {
      /* The tick starts the run once the gateway's pace is known. */
      self->pace_wait_since = g_get_monotonic_time ();
      if (gateway_paced (self))
        start_on_gateway (self);
      return;
    }
  start_workload (self);
}

/* The sleeves are partitions of one IB account (D3): the one named on
 * the command line must be one the gateway manages. */
static gboolean
check_ib_account (EngineThread  *self,
                  AuBroker      *broker,
                  GError       **error)
{
  g_auto(GStrv) accounts = NULL;
  const char *managed;

  if (!AU_IS_IB_CLIENT (broker) || self->config->ib_account == NULL)
    return TRUE;
  managed = au_ib_client_get_accounts (AU_IB_CLIENT (broker));
  accounts = g_strsplit (managed != NULL ? managed : "", ",", -1);
  for (guint i = 0; accounts[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (accounts[i]), self->config->ib_account) == 0)
      return TRUE;
  g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_BROKER,
               "account: the gateway does not manage “%s” (it manages: %s)",
               self->config->ib_account, managed != NULL && managed[0] != '\0' ? managed : "none");
  return FALSE;
}

/* Opening */

static AuBroker *
new_default_broker (const AuEngineConfig  *config,
                    AuClock               *clock,
                    GError               **error)
{
  g_autoptr(AuPaperExchange) exchange = NULL;
  g_autofree char *state_path = NULL;
  AuPaperConfig paper = { 0 };

  if (config->broker == AU_ENGINE_BROKER_IB)
    return AU_BROKER (au_ib_client_new (config->ib_host, config->ib_port, config->ib_client_id));

  state_path = g_strconcat (config->database_path, ".paper.json", NULL);
  paper.seed = config->paper_seed;
  paper.start = config->paper_start;
  paper.cash = config->paper_capital;
  paper.state_path = state_path;
  exchange = au_paper_exchange_new (&paper, error);
  if (exchange == NULL)
    return NULL;
  return AU_BROKER (au_paper_broker_new (exchange, clock));
}

/* The paper account lives beside the database, as a broker's state lives
 * at the broker: both must be there to resume, or neither. */
static gboolean
check_paper_account (const AuEngineConfig  *config,
                     gboolean               resumed,
                     GError               **error)
{
  g_autofree char *state_path = g_strconcat (config->database_path, ".paper.json", NULL);
  gboolean exists = g_file_test (state_path, G_FILE_TEST_EXISTS);

  if (resumed && !exists)
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_MISMATCH,
                   "%s was run with the paper account %s, which is missing; restore it "
                   "or start on a new database", config->database_path, state_path);
      return FALSE;
    }
  if (!resumed && exists)
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_MISMATCH,
                   "%s holds a paper account but %s has never been run: remove it or use "
                   "the database it belongs to", state_path, config->database_path);
      return FALSE;
    }
  return TRUE;
}

static void
default_start_date (GDate *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) eastern = g_date_time_to_timezone (utc, au_eastern_time_zone ());

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (eastern),
                  g_date_time_get_month (eastern), g_date_time_get_year (eastern));
}

static gboolean
open_services (EngineThread  *self,
               GError       **error)
{
  AuEngineServices *s = &self->services;
  AuEngineResume resume = { 0 };
  gboolean found = FALSE;
  gint64 start_time;

  s->database = au_database_open (self->config->database_path, AU_DATABASE_READ_WRITE, error);
  if (s->database == NULL)
    return FALSE;
  if (!_au_engine_store_migrate (s->database, error)
      || !_au_engine_store_load (s->database, &resume, &found, error))
    return FALSE;

  if (found)
    {
      if (resume.broker != self->config->broker)
        {
          g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_MISMATCH,
                       "%s was run with the %s broker and cannot be resumed with the %s one",
                       self->config->database_path, au_engine_broker_kind_to_string (resume.broker),
                       au_engine_broker_kind_to_string (self->config->broker));
          return FALSE;
        }
      /* D4: a resume is the same portfolio on the same market. */
      self->config->paper_seed = resume.seed;
      self->config->paper_capital = resume.capital;
      self->config->paper_start = resume.start;
      s->resumed = TRUE;
    }
  else if (!g_date_valid (&self->config->paper_start))
    default_start_date (&self->config->paper_start);

  s->constitution = au_constitution_new_default (error);
  if (s->constitution == NULL)
    return FALSE;
  s->audit = au_audit_log_new (s->database, error);
  if (s->audit == NULL)
    return FALSE;
  s->ledger = au_ledger_new (s->database, s->constitution, error);
  if (s->ledger == NULL)
    return FALSE;
  s->rules = au_rules_engine_new (s->constitution, s->audit);

  if (self->config->broker == AU_ENGINE_BROKER_IB)
    /* Set from the gateway's CURRENT_TIME and pace at connect (D4):
     * alluse-gateway-sim --speed X runs its clock X times real time. */
    s->clock = au_clock_new_simulated (g_get_real_time (), 1.0);
  else
    /* Re-based below on the stored time or the paper market's, which
     * is known only once the paper account is open. */
    s->clock = au_clock_new_simulated (resume.time, self->config->speed);

  if (self->config->broker == AU_ENGINE_BROKER_PAPER && self->shared->broker_func == NULL
      && !check_paper_account (self->config, found, error))
    return FALSE;

  if (self->shared->broker_func != NULL)
    s->broker = self->shared->broker_func (self->config, s->clock, self->shared->broker_data,
                                           error);
  else
    s->broker = new_default_broker (self->config, s->clock, error);
  if (s->broker == NULL)
    return FALSE;
  if (AU_IS_IB_CLIENT (s->broker))
    {
      /* D2.28: IB gives no earnings dates; the imported ones answer. */
      g_autoptr(AuEarningsStore) earnings = au_earnings_store_new (s->database, error);

      if (earnings == NULL)
        return FALSE;
      au_ib_client_set_earnings_store (AU_IB_CLIENT (s->broker), earnings);
    }

  /* Resume at the simulated time stored in the database, or at the
   * paper market's own time when it got further before a crash: the
   * clock never goes back. */
  if (self->config->broker == AU_ENGINE_BROKER_PAPER)
    {
      start_time = MAX (resume.time, au_broker_get_now (s->broker));
      au_clock_rebase (s->clock, start_time);
    }
  else
    start_time = 0;   /* the gateway's time, known at connect (D4) */
  self->start_time = start_time;
  self->clock_known = self->config->broker == AU_ENGINE_BROKER_PAPER;
  /* From the start: a run resumed at or past its end time stands still
   * at the stored time while it stops. */
  au_clock_set_limit (s->clock, self->config->until_usec);

  if (!found)
    {
      resume.broker = self->config->broker;
      resume.seed = self->config->paper_seed;
      resume.capital = self->config->paper_capital;
      resume.start = self->config->paper_start;
      resume.time = start_time;
      resume.speed = self->config->speed;
      if (!_au_engine_store_create (s->database, &resume, error))
        return FALSE;
    }
  if (!_au_engine_store_begin_run (s->database, error))
    return FALSE;

  s->config = self->config;
  self->workload = self->shared->workload_func (s, self->shared->workload_data, error);
  if (self->workload == NULL)
    return FALSE;
  g_signal_connect (self->workload, "event", G_CALLBACK (on_workload_event), self);
  g_signal_connect (self->workload, "changed", G_CALLBACK (on_workload_changed), self);
  return TRUE;
}

static void
announce_start (EngineThread *self)
{
  g_autofree char *time = NULL;
  g_autofree char *message = NULL;
  gint64 now;

  /* An accelerated clock ran while the thread opened the database and
   * the broker (at 100000× a few milliseconds are an hour): the run
   * starts exactly at the stored time, nothing having used the clock. */
  if (self->announced)
    return;
  self->announced = TRUE;
  if (self->config->broker == AU_ENGINE_BROKER_PAPER)
    {
      /* And it stands still until the workload has started: connecting
       * to the paper market takes real milliseconds, which at 100,000x
       * would be minutes of the session gone by, the 09:30 ATR with
       * them, before the autopilot's first look (D4). Held first, so
       * that not a microsecond runs between the two. */
      au_clock_hold (self->services.clock);
      self->start_held = TRUE;
      au_clock_rebase (self->services.clock, self->start_time);
      now = self->start_time;
    }
  else
    now = au_clock_get_now (self->services.clock);
  time = au_engine_format_time (now);

  if (self->services.resumed)
    message = g_strdup_printf ("Resumed at %s on %s", time, self->config->database_path);
  else
    message = g_strdup_printf ("Started at %s on %s", time, self->config->database_path);
  audit_engine (self, self->services.resumed ? "engine-resumed" : "engine-started", NULL,
                "engine", run_context (self));
  /* The event carries the start time itself, not the time after the
   * audit record's write. */
  emit_event_at (self, now, self->services.resumed ? "engine-resumed" : "engine-started",
                 message, NULL);
}

/* A run resumed at or after its end time stops at once, cleanly. */
static gboolean
until_passed (EngineThread *self)
{
  g_autofree char *until = NULL;
  g_autofree char *message = NULL;

  if (self->config->until_usec == 0
      || au_clock_get_now (self->services.clock) < self->config->until_usec)
    return FALSE;
  until = au_engine_format_time (self->config->until_usec);
  message = g_strdup_printf ("The engine's time is already at or past the end time %s", until);
  emit_event (self, "until-reached", message, NULL);
  engine_stop (self, NULL);
  return TRUE;
}

/* Stopping */

static void
engine_stop (EngineThread *self,
             GError       *death)
{
  if (self->stopping)
    {
      if (death != NULL)
        g_error_free (death);
      return;
    }
  self->stopping = TRUE;
  self->death = death;
  release_start_hold (self);

  if (self->services.database != NULL && self->services.clock != NULL)
    {
      if (self->workload != NULL && self->started)
        {
          const char *why = death != NULL ? death->message : "clean stop";
          g_autoptr(AuEngineCommand) stop = au_engine_command_new (AU_ENGINE_COMMAND_STOP,
                                                                   "engine", why);

          au_engine_workload_command (self->workload, stop);
        }
      persist_clock (self, death == NULL);
      audit_engine (self, death == NULL ? "engine-stopped" : "engine-died", NULL, "engine",
                    run_context (self));
      publish_snapshot (self);
    }
  g_main_loop_quit (self->loop);
}

static void
engine_thread_clear (EngineThread *self)
{
  AuEngineServices *s = &self->services;

  if (self->command_source != NULL)
    g_source_destroy (self->command_source);
  g_clear_pointer (&self->command_source, g_source_unref);
  if (self->tick_source != NULL)
    g_source_destroy (self->tick_source);
  g_clear_pointer (&self->tick_source, g_source_unref);
  if (self->until_source != NULL)
    g_source_destroy (self->until_source);
  g_clear_pointer (&self->until_source, g_source_unref);

  if (self->workload != NULL)
    g_signal_handlers_disconnect_by_data (self->workload, self);
  g_clear_object (&self->workload);
  if (s->broker != NULL)
    {
      g_signal_handlers_disconnect_by_data (s->broker, self);
      au_broker_disconnect (s->broker);
    }
  g_clear_object (&s->broker);
  g_clear_object (&s->rules);
  g_clear_object (&s->ledger);
  g_clear_object (&s->audit);
  g_clear_object (&s->constitution);
  release_start_hold (self);
  g_clear_object (&s->clock);
  /* Last: closing the database releases the writer lock. */
  g_clear_object (&s->database);
  g_clear_pointer (&self->config, au_engine_config_free);
  g_clear_pointer (&self->loop, g_main_loop_unref);
}

/* Lets sources the broker or workload left behind run out, so that
 * nothing of theirs outlives the thread. */
static void
drain_context (GMainContext *context)
{
  while (g_main_context_iteration (context, FALSE))
    ;
}

gpointer
_au_engine_thread_main (gpointer data)
{
  AuEngineShared *shared = data;
  EngineThread self = { 0 };
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (shared->context);
  self.shared = shared;
  self.config = au_engine_config_copy (shared->config);
  self.loop = g_main_loop_new (shared->context, FALSE);
  self.broker_state = AU_BROKER_DISCONNECTED;

  if (!open_services (&self, &error))
    {
      self.death = g_steal_pointer (&error);
    }
  else
    {
      CommandSource *commands;

      commands = (CommandSource *) g_source_new (&command_source_funcs, sizeof (CommandSource));
      commands->queue = shared->commands;
      self.command_source = (GSource *) commands;
      g_source_set_callback (self.command_source, commands_cb, &self, NULL);
      g_source_set_static_name (self.command_source, "[au-engine] commands");
      g_source_attach (self.command_source, shared->context);

      self.tick_source = g_timeout_source_new (TICK_MS);
      g_source_set_callback (self.tick_source, tick_cb, &self, NULL);
      g_source_set_static_name (self.tick_source, "[au-engine] tick");
      g_source_attach (self.tick_source, shared->context);

      g_signal_connect (self.services.broker, "state-changed",
                        G_CALLBACK (on_broker_state_changed), &self);
      if (self.clock_known)
        announce_start (&self);
      publish_snapshot (&self);

      if (!self.clock_known || !until_passed (&self))
        {
          if (self.clock_known)
            schedule_until (&self);
          au_broker_connect_async (self.services.broker, NULL, on_broker_connected, &self);
          g_main_loop_run (self.loop);
        }
    }

  engine_thread_clear (&self);
  drain_context (shared->context);
  g_main_context_pop_thread_default (shared->context);

  g_mutex_lock (&shared->mutex);
  shared->finished = TRUE;
  g_cond_broadcast (&shared->cond);
  g_mutex_unlock (&shared->mutex);

  _au_engine_deliver (shared, AU_ENGINE_DELIVER_STOPPED, g_steal_pointer (&self.death));
  _au_engine_shared_unref (shared);
  return NULL;
}

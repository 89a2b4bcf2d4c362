/* test-engine.c: the engine thread (D3) and its resume point (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-autopilot-snapshot.h"
#include "au-database.h"
#include "au-engine.h"
#include "au-ib-client.h"
#include "au-paper-broker.h"
#include "test-workload.h"

/* 2024-03-04 is a Monday; the paper market opens at 09:30 ET = 14:30 UTC. */
#define START_OPEN_USEC (G_GINT64_CONSTANT (1709562600) * G_USEC_PER_SEC)
#define DAY_USEC        (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
#define WAIT_MS         20000

typedef struct
{
  char          *dir;
  char          *db_path;
  TestRecord     record;
  GThread       *main_thread;
  /* What the engine's signals delivered, each checked to be on this thread. */
  GPtrArray     *events;          /* AuEngineEvent */
  AuEngineSnapshot *last_snapshot;
  guint          n_snapshots;
  guint          n_state_changes;
  gboolean       off_thread;      /* a signal arrived on another thread */
  gboolean       stopped;
  GError        *stop_error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-engine-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  test_record_init (&f->record);
  f->main_thread = g_thread_self ();
  f->events = g_ptr_array_new_with_free_func ((GDestroyNotify) au_engine_event_unref);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  test_record_clear (&f->record);
  g_ptr_array_unref (f->events);
  g_clear_pointer (&f->last_snapshot, au_engine_snapshot_unref);
  g_clear_error (&f->stop_error);
}

static void
reset_signals (Fixture *f)
{
  g_ptr_array_set_size (f->events, 0);
  g_clear_pointer (&f->last_snapshot, au_engine_snapshot_unref);
  g_clear_error (&f->stop_error);
  f->n_snapshots = 0;
  f->n_state_changes = 0;
  f->stopped = FALSE;
}

static void
on_event (AuEngine      *engine,
          AuEngineEvent *event,
          Fixture       *f)
{
  f->off_thread |= g_thread_self () != f->main_thread;
  g_ptr_array_add (f->events, au_engine_event_ref (event));
}

static void
on_snapshot (AuEngine         *engine,
             AuEngineSnapshot *snapshot,
             Fixture          *f)
{
  f->off_thread |= g_thread_self () != f->main_thread;
  g_clear_pointer (&f->last_snapshot, au_engine_snapshot_unref);
  f->last_snapshot = au_engine_snapshot_ref (snapshot);
  f->n_snapshots++;
}

static void
on_state_changed (AuEngine   *engine,
                  guint       state,
                  const char *reason,
                  Fixture    *f)
{
  f->off_thread |= g_thread_self () != f->main_thread;
  f->n_state_changes++;
}

static void
on_stopped (AuEngine     *engine,
            const GError *error,
            Fixture      *f)
{
  f->off_thread |= g_thread_self () != f->main_thread;
  f->stopped = TRUE;
  g_clear_error (&f->stop_error);
  f->stop_error = error != NULL ? g_error_copy (error) : NULL;
}

static AuEngineConfig *
paper_config (Fixture *f,
              double   speed)
{
  AuEngineConfig *config = au_engine_config_new (f->db_path);

  config->paper_seed = 7;
  config->paper_capital = 300000 * (AuMoney) AU_MONEY_SCALE;
  g_date_set_dmy (&config->paper_start, 4, G_DATE_MARCH, 2024);
  config->speed = speed;
  return config;
}

static AuEngine *
new_engine (Fixture              *f,
            const AuEngineConfig *config)
{
  AuEngine *engine = au_engine_new (config);

  au_engine_set_workload_func (engine, test_workload_new, &f->record, NULL);
  g_signal_connect (engine, "event", G_CALLBACK (on_event), f);
  g_signal_connect (engine, "snapshot", G_CALLBACK (on_snapshot), f);
  g_signal_connect (engine, "state-changed", G_CALLBACK (on_state_changed), f);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), f);
  return engine;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs this thread's main context (where the engine delivers) until
 * @condition holds; fails the test after WAIT_MS. */
static void
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (f, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
is_stopped (Fixture       *f,
            gconstpointer  data)
{
  return f->stopped;
}

static gboolean
in_state (Fixture       *f,
          gconstpointer  data)
{
  return f->last_snapshot != NULL && f->last_snapshot->state == GPOINTER_TO_UINT (data);
}

static AuEngineEvent *
find_event (Fixture    *f,
            const char *kind)
{
  for (guint i = 0; i < f->events->len; i++)
    {
      AuEngineEvent *event = g_ptr_array_index (f->events, i);

      if (g_strcmp0 (event->kind, kind) == 0)
        return event;
    }
  return NULL;
}

static gboolean
has_event (Fixture       *f,
           gconstpointer  data)
{
  return find_event (f, data) != NULL;
}

static gboolean
commands_done (Fixture       *f,
               gconstpointer  data)
{
  return f->last_snapshot != NULL
         && f->last_snapshot->commands_done >= GPOINTER_TO_UINT (data);
}

static void
stop_engine (Fixture  *f,
             AuEngine *engine)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_engine_stop (engine, 10000, &error));
  g_assert_no_error (error);
  wait_until (f, is_stopped, NULL, "::stopped");
}

/* Config */

static void
test_config_validate (void)
{
  g_autoptr(AuEngineConfig) config = au_engine_config_new ("/tmp/x.db");
  g_autoptr(GError) error = NULL;

  g_assert_true (au_engine_config_validate (config, &error));
  g_assert_no_error (error);

  config->speed = 0;
  g_assert_false (au_engine_config_validate (config, &error));
  g_assert_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "speed:"));
  g_clear_error (&error);

  config->speed = 1000000.0;       /* on the limit */
  g_assert_true (au_engine_config_validate (config, NULL));
  config->speed = 1000001.0;       /* just outside */
  g_assert_false (au_engine_config_validate (config, NULL));
  config->speed = 1.0;

  config->paper_capital = 0;
  g_assert_false (au_engine_config_validate (config, &error));
  g_assert_true (g_str_has_prefix (error->message, "capital:"));
  g_clear_error (&error);
  config->paper_capital = 1;
  g_assert_true (au_engine_config_validate (config, NULL));

  config->broker = AU_ENGINE_BROKER_IB;
  config->speed = 3600;
  g_assert_false (au_engine_config_validate (config, &error));
  g_assert_true (g_str_has_prefix (error->message, "speed:"));
  g_clear_error (&error);
  config->speed = 1.0;
  g_assert_true (au_engine_config_validate (config, NULL));
}

/* The thread really is another thread */

static void
test_other_thread (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  g_autoptr(GError) error = NULL;

  g_assert_true (au_engine_start (engine, &error));
  g_assert_no_error (error);
  g_assert_true (au_engine_is_running (engine));
  /* Started twice: refused, the first one untouched. */
  g_assert_false (au_engine_start (engine, &error));
  g_assert_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_RUNNING);

  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");
  g_assert_nonnull (au_engine_get_snapshot (engine));
  g_assert_cmpuint (f->n_state_changes, >=, 2);   /* SAFE at start, then MONITORING */

  g_mutex_lock (&f->record.mutex);
  g_assert_nonnull (f->record.created_on);
  g_assert_true (f->record.created_on != f->main_thread);
  g_assert_true (f->record.started_on == f->record.created_on);
  g_mutex_unlock (&f->record.mutex);
  /* …while every signal reached the creator's context. */
  g_assert_false (f->off_thread);
  g_assert_nonnull (find_event (f, "test-started"));

  stop_engine (f, engine);
  g_assert_no_error (f->stop_error);
  g_assert_false (f->off_thread);
  g_assert_true (f->record.stopped);
}

/* Commands are handled in the order they were sent */

static void
test_commands_in_order (Fixture       *f,
                        gconstpointer  data)
{
  static const AuEngineCommandKind cycle[] = {
    AU_ENGINE_COMMAND_PAUSE, AU_ENGINE_COMMAND_RESUME, AU_ENGINE_COMMAND_SAFE,
    AU_ENGINE_COMMAND_RESET_LATCH, AU_ENGINE_COMMAND_KILL_SWITCH,
  };
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  const guint n = 200;

  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = g_strdup_printf ("command %u", i + 1);

      g_assert_true (au_engine_send (engine,
                                     au_engine_command_new (cycle[i % G_N_ELEMENTS (cycle)],
                                                            "user", reason),
                                     NULL));
    }
  wait_until (f, commands_done, GUINT_TO_POINTER (n), "every command handled");
  /* The last one was a kill switch (200 % 5 == 0 → index 4). */
  g_assert_cmpint (f->last_snapshot->state, ==, AU_SYSTEM_EMERGENCY);
  g_assert_cmpstr (f->last_snapshot->state_reason, ==, "command 200");
  stop_engine (f, engine);

  g_assert_cmpuint (f->record.serials->len, ==, n + 1);   /* and the engine's STOP */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *reason = g_strdup_printf ("command %u", i + 1);

      g_assert_cmpuint (g_array_index (f->record.serials, guint64, i), ==, i + 1);
      g_assert_cmpint (g_array_index (f->record.kinds, AuEngineCommandKind, i), ==,
                       cycle[i % G_N_ELEMENTS (cycle)]);
      g_assert_cmpstr (g_ptr_array_index (f->record.reasons, i), ==, reason);
    }
  g_assert_cmpint (g_array_index (f->record.kinds, AuEngineCommandKind, n), ==,
                   AU_ENGINE_COMMAND_STOP);
}

/* A stop joins the thread and releases the database */

static void
test_stop_joins (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");

  before = g_get_monotonic_time ();
  g_assert_true (au_engine_stop (engine, 10000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - before, <, 5 * G_USEC_PER_SEC);
  g_assert_false (au_engine_is_running (engine));
  g_assert_true (f->record.stopped);

  /* The thread is gone: its writer lock with it. */
  database = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);
  g_clear_object (&database);

  /* Joined already: a second stop is a no-op, a command is refused. */
  g_assert_true (au_engine_stop (engine, 10, NULL));
  g_assert_false (au_engine_pause (engine, &error));
  g_assert_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_RUNNING);

  wait_until (f, is_stopped, NULL, "::stopped");
  g_assert_no_error (f->stop_error);
  g_assert_nonnull (find_event (f, "engine-started"));
}

/* A second writer gets a clear error back on the caller's thread */

static void
test_second_writer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) first = new_engine (f, config);
  g_autoptr(AuEngine) second = NULL;

  g_assert_true (au_engine_start (first, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");

  second = new_engine (f, config);
  g_assert_true (au_engine_start (second, NULL));
  wait_until (f, is_stopped, NULL, "the second engine's ::stopped");
  g_assert_error (f->stop_error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_LOCKED);
  g_assert_nonnull (strstr (f->stop_error->message, f->db_path));
  g_assert_nonnull (strstr (f->stop_error->message, "already open for writing"));
  g_assert_false (f->off_thread);
  g_assert_false (au_engine_is_running (second));
  g_assert_true (au_engine_stop (second, 1000, NULL));

  /* The first one goes on. */
  g_assert_true (au_engine_is_running (first));
  reset_signals (f);
  g_assert_true (au_engine_pause (first, NULL));
  wait_until (f, commands_done, GUINT_TO_POINTER (1), "the pause");
  g_assert_true (f->last_snapshot->paused);
  stop_engine (f, first);
  g_assert_no_error (f->stop_error);
}

/* Broker loss → SAFE with a reason and an event (R8.8); back → reconcile */

typedef struct
{
  GMutex        mutex;
  AuBroker     *broker;     /* lives on the engine thread */
  GMainContext *context;    /* the engine thread's */
} BrokerHandle;

static AuBroker *
paper_broker_func (const AuEngineConfig  *config,
                   AuClock               *clock,
                   gpointer               user_data,
                   GError               **error)
{
  BrokerHandle *handle = user_data;
  g_autoptr(AuPaperExchange) exchange = NULL;
  AuPaperConfig paper = { 0 };
  AuBroker *broker;

  paper.seed = config->paper_seed;
  paper.start = config->paper_start;
  paper.cash = config->paper_capital;
  exchange = au_paper_exchange_new (&paper, error);
  if (exchange == NULL)
    return NULL;
  broker = AU_BROKER (au_paper_broker_new (exchange, clock));
  g_mutex_lock (&handle->mutex);
  handle->broker = broker;
  handle->context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&handle->mutex);
  return broker;
}

static gboolean
disconnect_cb (gpointer data)
{
  au_broker_disconnect (AU_BROKER (data));
  return G_SOURCE_REMOVE;
}

static gboolean
reconnect_cb (gpointer data)
{
  au_broker_connect_async (AU_BROKER (data), NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
test_broker_lost (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  BrokerHandle handle = { 0 };
  AuEngineEvent *lost;
  gboolean saw_safe = FALSE, saw_reconcile = FALSE;

  g_mutex_init (&handle.mutex);
  au_engine_set_broker_func (engine, paper_broker_func, &handle, NULL);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");
  g_assert_cmpint (f->last_snapshot->broker_state, ==, AU_BROKER_READY);

  /* The connection drops, on the broker's own thread. */
  g_main_context_invoke (handle.context, disconnect_cb, handle.broker);
  wait_until (f, has_event, "broker-lost", "the broker-lost event");
  lost = find_event (f, "broker-lost");
  g_assert_cmpstr (lost->rule, ==, "R8.8");
  g_assert_nonnull (strstr (lost->message, "lost"));
  g_assert_nonnull (strstr (lost->message, "no new orders"));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_SAFE), "SAFE");
  g_assert_cmpstr (f->last_snapshot->state_reason, ==, lost->message);

  g_main_context_invoke (handle.context, reconnect_cb, handle.broker);
  wait_until (f, has_event, "broker-back", "the broker-back event");
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING again");
  stop_engine (f, engine);

  for (guint i = 0; i < f->record.kinds->len; i++)
    {
      AuEngineCommandKind kind = g_array_index (f->record.kinds, AuEngineCommandKind, i);

      saw_safe |= kind == AU_ENGINE_COMMAND_SAFE && !saw_reconcile;
      saw_reconcile |= kind == AU_ENGINE_COMMAND_RECONCILE && saw_safe;
    }
  g_assert_true (saw_safe);
  g_assert_true (saw_reconcile);
  g_mutex_clear (&handle.mutex);
}

/* Events and audit records carry the engine's clock, not the wall clock */

static void
test_engine_clock (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  AuEngineEvent *started;
  gboolean found = FALSE;

  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, has_event, "test-started", "the workload's first event");
  started = find_event (f, "engine-started");
  g_assert_nonnull (started);
  /* The market's open on 2024-03-04, a second or so of it run at speed 1. */
  g_assert_cmpint (started->time, >=, START_OPEN_USEC);
  g_assert_cmpint (started->time, <, START_OPEN_USEC + 10 * G_USEC_PER_SEC);
  g_assert_cmpint (g_get_real_time () - started->time, >, 200 * DAY_USEC);
  started = find_event (f, "test-started");
  g_assert_cmpint (started->time, >=, START_OPEN_USEC);
  g_assert_cmpint (started->time, <, START_OPEN_USEC + 10 * G_USEC_PER_SEC);
  g_assert_cmpint (f->record.start_clock, >=, START_OPEN_USEC);
  stop_engine (f, engine);

  database = au_database_open (f->db_path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  records = au_audit_log_list (database, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      AuAuditRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->verdict, "engine-started") == 0)
        {
          g_assert_true (g_str_has_prefix (record->time, "2024-03-04T09:30:0"));
          g_assert_true (g_str_has_suffix (record->time, "-05:00"));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* The simulated time persists: a second run resumes where the first stopped */

static gint64
stored_time (Fixture *f)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  database = au_database_open (f->db_path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  stmt = au_database_prepare (database, "SELECT time_usec FROM engine_run", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 100000.0);
  g_autoptr(AuEngine) engine = NULL;
  AuEngineEvent *resumed;
  gint64 first_until = START_OPEN_USEC + 2 * DAY_USEC;
  gint64 stored;

  config->until_usec = first_until;
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the end time");
  g_assert_no_error (f->stop_error);
  g_assert_nonnull (find_event (f, "until-reached"));
  g_assert_true (au_engine_stop (engine, 1000, NULL));
  g_clear_object (&engine);
  g_assert_false (f->record.resumed);

  stored = stored_time (f);
  g_assert_cmpint (stored, >=, first_until);
  g_assert_cmpint (stored, <, first_until + DAY_USEC / 4);

  /* Again with a later end time: the same market, at the stored time. */
  reset_signals (f);
  config->until_usec = first_until + DAY_USEC;
  config->paper_seed = 99;   /* ignored: the database keeps its own */
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the second end time");
  g_assert_no_error (f->stop_error);
  g_assert_true (f->record.resumed);
  resumed = find_event (f, "engine-resumed");
  g_assert_nonnull (resumed);
  /* Exactly the stored time: the clock does not run while the thread
   * opens the database (at 100000× a millisecond is 100 s). */
  g_assert_cmpint (resumed->time, >=, stored);
  g_assert_cmpint (resumed->time, <, stored + 100 * G_USEC_PER_SEC);
  g_assert_cmpint (stored_time (f), >=, first_until + DAY_USEC);
  g_assert_true (au_engine_stop (engine, 1000, NULL));
  g_clear_object (&engine);

  /* Already past the end time: a clean stop at once. */
  reset_signals (f);
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the immediate stop");
  g_assert_no_error (f->stop_error);
  g_assert_nonnull (strstr (find_event (f, "until-reached")->message, "already"));
}

/* A database run with one broker is not resumed with another */

static void
test_broker_mismatch (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  g_autofree char *paper_state = g_strconcat (f->db_path, ".paper.json", NULL);

  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");
  stop_engine (f, engine);
  g_clear_object (&engine);
  g_assert_true (g_file_test (paper_state, G_FILE_TEST_EXISTS));

  reset_signals (f);
  config->broker = AU_ENGINE_BROKER_IB;
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the refusal");
  g_assert_error (f->stop_error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_MISMATCH);
  g_assert_nonnull (strstr (f->stop_error->message, "paper"));
  g_clear_object (&engine);

  /* The paper account gone: refused, not silently restarted. */
  reset_signals (f);
  config->broker = AU_ENGINE_BROKER_PAPER;
  g_assert_cmpint (g_remove (paper_state), ==, 0);
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the refusal");
  g_assert_error (f->stop_error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_MISMATCH);
  g_assert_nonnull (strstr (f->stop_error->message, "missing"));
}

/* Commands change the clock: a faster speed and a new end time */

static void
test_speed_and_until (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = new_engine (f, config);
  AuEngineEvent *reached;
  gint64 until = START_OPEN_USEC + DAY_USEC;

  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");
  g_assert_cmpfloat (f->last_snapshot->speed, ==, 1.0);

  /* At speed 1 a day would take a day; at 100000 under a second. */
  g_assert_true (au_engine_set_speed (engine, 100000.0, NULL));
  g_assert_true (au_engine_run_until (engine, until, NULL));
  g_assert_false (au_engine_set_speed (engine, 0.0, NULL));
  wait_until (f, is_stopped, NULL, "the end time");
  g_assert_no_error (f->stop_error);
  g_assert_nonnull (find_event (f, "speed"));
  g_assert_nonnull (find_event (f, "run-until"));
  reached = find_event (f, "until-reached");
  g_assert_nonnull (reached);
  g_assert_cmpint (reached->time, >=, until);
  g_assert_cmpint (f->last_snapshot->speed, ==, 100000.0);
  g_assert_cmpint (f->last_snapshot->until, ==, until);
  g_assert_true (au_engine_stop (engine, 1000, NULL));
}

/* An unreachable gateway: the run ends with the reason, on this thread */

static void
test_ib_unreachable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = au_engine_config_new (f->db_path);
  g_autoptr(AuEngine) engine = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  /* A port that was free a moment ago and has nobody listening now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  config->broker = AU_ENGINE_BROKER_IB;
  config->ib_port = port;
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the refusal");
  g_assert_error (f->stop_error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_BROKER);
  g_assert_nonnull (strstr (f->stop_error->message, "Cannot reach the broker"));
  g_assert_false (f->off_thread);
}

/* The default workload is the autopilot: it starts, reconciles, and goes
 * SAFE when the broker is lost, then reconciles when it is back */

static void
test_autopilot_workload (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = paper_config (f, 1.0);
  g_autoptr(AuEngine) engine = au_engine_new (config);
  BrokerHandle handle = { 0 };
  AuAutopilotSnapshot *details;

  g_mutex_init (&handle.mutex);
  au_engine_set_broker_func (engine, paper_broker_func, &handle, NULL);
  g_signal_connect (engine, "event", G_CALLBACK (on_event), f);
  g_signal_connect (engine, "snapshot", G_CALLBACK (on_snapshot), f);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), f);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "the autopilot's MONITORING");
  details = au_engine_snapshot_get_details (f->last_snapshot, AU_TYPE_AUTOPILOT_SNAPSHOT);
  g_assert_nonnull (details);
  g_assert_cmpint (details->state, ==, AU_SYSTEM_MONITORING);
  g_assert_null (au_engine_snapshot_get_details (f->last_snapshot, AU_TYPE_ENGINE_EVENT));

  g_main_context_invoke (handle.context, disconnect_cb, handle.broker);
  wait_until (f, has_event, "broker-lost", "the broker-lost event");
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_SAFE), "SAFE");
  g_assert_nonnull (strstr (f->last_snapshot->state_reason, "broker"));

  g_main_context_invoke (handle.context, reconnect_cb, handle.broker);
  wait_until (f, has_event, "broker-back", "the broker-back event");
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING again");
  stop_engine (f, engine);
  g_assert_no_error (f->stop_error);
  g_assert_false (f->off_thread);
  g_mutex_clear (&handle.mutex);
}

/* With IB (D4): the engine's clock is the gateway's; a lost gateway is
 * SAFE; the same gateway back is a reconciliation. Against the real
 * alluse-gateway-sim (ALLUSE_GATEWAY_SIM), skipped without it. */

#define SIM_CLOCK_TEXT "2026-03-02T10:00:00-05:00"
#define SIM_CLOCK_USEC (G_GINT64_CONSTANT (1772463600) * G_USEC_PER_SEC)

/* The simulator dies with the test, whatever way the test ends. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
start_gateway (const char *state,
               guint16    *port)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = g_strdup_printf ("%u", *port);
  g_autofree char *line = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ALLUSE_GATEWAY_SIM"),
                                         "--port", port_text, "--clock", SIM_CLOCK_TEXT,
                                         "--state", state, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  *port = (guint16) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (*port, >, 0);
  return g_steal_pointer (&process);
}

static void
kill_gateway (GSubprocess *process)
{
  g_subprocess_force_exit (process);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
}

static AuBroker *
quick_ib_func (const AuEngineConfig  *config,
               AuClock               *clock,
               gpointer               user_data,
               GError               **error)
{
  AuIbClient *client = au_ib_client_new (config->ib_host, config->ib_port, config->ib_client_id);

  /* Reconnect after 100 ms rather than IB's 1 s, doubling. */
  au_ib_client_set_timeouts (client, 5000, 100, 5000);
  return AU_BROKER (client);
}

static void
test_ib_gateway (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AuEngineConfig) config = au_engine_config_new (f->db_path);
  g_autoptr(AuEngine) engine = NULL;
  g_autoptr(GSubprocess) gateway = NULL;
  g_autofree char *state = g_build_filename (f->dir, "gateway.json", NULL);
  AuEngineEvent *started;
  guint16 port = 0;

  if (g_getenv ("ALLUSE_GATEWAY_SIM") == NULL)
    {
      g_test_skip ("ALLUSE_GATEWAY_SIM is not set");
      return;
    }
  gateway = start_gateway (state, &port);

  /* An account the gateway does not manage: refused, with the ones it does. */
  config->broker = AU_ENGINE_BROKER_IB;
  config->ib_port = port;
  config->ib_client_id = 7;
  config->ib_account = g_strdup ("DU0000000");
  engine = new_engine (f, config);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, is_stopped, NULL, "the refusal");
  g_assert_error (f->stop_error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_BROKER);
  g_assert_nonnull (strstr (f->stop_error->message, "DU0000000"));
  g_assert_nonnull (strstr (f->stop_error->message, "DU1234567"));
  g_clear_object (&engine);

  reset_signals (f);
  g_free (config->ib_account);
  config->ib_account = g_strdup ("DU1234567");
  engine = new_engine (f, config);
  au_engine_set_broker_func (engine, quick_ib_func, NULL, NULL);
  g_assert_true (au_engine_start (engine, NULL));
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING");
  /* D4: the gateway's clock, read at connect, not the machine's. */
  started = find_event (f, "test-started");
  g_assert_nonnull (started);
  g_assert_cmpint (started->time, >=, SIM_CLOCK_USEC);
  g_assert_cmpint (started->time, <, SIM_CLOCK_USEC + 60 * G_USEC_PER_SEC);
  g_assert_cmpint (f->record.start_clock, >=, SIM_CLOCK_USEC);
  /* The refused run created the database already: this one resumes it. */
  started = find_event (f, "engine-resumed");
  g_assert_nonnull (started);
  g_assert_cmpint (started->time, >=, SIM_CLOCK_USEC);
  g_assert_cmpint (started->time, <, SIM_CLOCK_USEC + 60 * G_USEC_PER_SEC);

  kill_gateway (gateway);
  wait_until (f, has_event, "broker-lost", "the broker-lost event");
  g_assert_cmpstr (find_event (f, "broker-lost")->rule, ==, "R8.8");
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_SAFE), "SAFE");

  /* The same broker back on the same port and state. */
  g_clear_object (&gateway);
  gateway = start_gateway (state, &port);
  wait_until (f, has_event, "broker-back", "the broker-back event");
  wait_until (f, in_state, GUINT_TO_POINTER (AU_SYSTEM_MONITORING), "MONITORING again");
  stop_engine (f, engine);
  g_assert_no_error (f->stop_error);
  kill_gateway (gateway);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/config/validate", test_config_validate);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/engine/thread/other-thread", test_other_thread);
  ADD ("/engine/thread/commands-in-order", test_commands_in_order);
  ADD ("/engine/thread/stop-joins", test_stop_joins);
  ADD ("/engine/database/second-writer", test_second_writer);
  ADD ("/engine/broker/lost-is-safe", test_broker_lost);
  ADD ("/engine/clock/events-carry-engine-time", test_engine_clock);
  ADD ("/engine/clock/speed-and-until", test_speed_and_until);
  ADD ("/engine/broker/ib-unreachable", test_ib_unreachable);
  ADD ("/engine/broker/ib-gateway", test_ib_gateway);
  ADD ("/engine/resume/stored-time", test_resume);
  ADD ("/engine/resume/broker-mismatch", test_broker_mismatch);
  /* With the real autopilot, last. */
  ADD ("/engine/autopilot/broker-lost-and-back", test_autopilot_workload);
#undef ADD

  return g_test_run ();
}

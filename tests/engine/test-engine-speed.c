/* test-engine-speed.c: an accelerated clock that models the market, not the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * At 100,000x a millisecond of the machine is a minute and a half of the
 * market. The engine's clock stands still while the autopilot waits on
 * the paper market, so that its quotes are judged as fresh as a trader
 * would see them (D2.7); it stops exactly at the run's end time (D4's
 * --until); with IB it follows the gateway's clock and pace (D4).
 */

#define G_LOG_DOMAIN "test-engine-speed"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "au-audit-log.h"
#include "au-engine.h"
#include "au-market-calendar.h"
#include "au-paper-broker.h"

/* 2024-03-04 is a Monday; the paper market opens at 09:30 ET = 14:30 UTC. */
#define MONDAY_OPEN_USEC   (G_GINT64_CONSTANT (1709562600) * G_USEC_PER_SEC)
#define DAY_USEC           (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)
#define MINUTE_USEC        (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
/* Friday 2024-03-08 16:00 ET: the close of the week. */
#define FRIDAY_CLOSE_USEC  (MONDAY_OPEN_USEC + 4 * DAY_USEC + 390 * MINUTE_USEC)
/* Friday 17:00 ET: past the weekly cut (R1.2, 16:30). */
#define WEEK_END_USEC      (FRIDAY_CLOSE_USEC + 60 * MINUTE_USEC)
#define STEP_USEC          (G_GINT64_CONSTANT (300) * G_USEC_PER_SEC)
#define WAIT_MS            60000

typedef struct
{
  char             *dir;
  char             *db_path;
  GPtrArray        *events;     /* AuEngineEvent */
  AuEngineSnapshot *last_snapshot;
  gboolean          stopped;
  GError           *stop_error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-engine-speed-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->events = g_ptr_array_new_with_free_func ((GDestroyNotify) au_engine_event_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_ptr_array_unref (f->events);
  g_clear_pointer (&f->last_snapshot, au_engine_snapshot_unref);
  g_clear_error (&f->stop_error);
}

static void
on_event (AuEngine      *engine,
          AuEngineEvent *event,
          Fixture       *f)
{
  g_ptr_array_add (f->events, au_engine_event_ref (event));
}

static void
on_snapshot (AuEngine         *engine,
             AuEngineSnapshot *snapshot,
             Fixture          *f)
{
  g_clear_pointer (&f->last_snapshot, au_engine_snapshot_unref);
  f->last_snapshot = au_engine_snapshot_ref (snapshot);
}

static void
on_stopped (AuEngine     *engine,
            const GError *error,
            Fixture      *f)
{
  f->stopped = TRUE;
  g_clear_error (&f->stop_error);
  f->stop_error = error != NULL ? g_error_copy (error) : NULL;
}

/* The real autopilot on a paper market from Monday 2024-03-04 at
 * 100,000x until @until. */
static AuEngine *
new_paper_engine (Fixture *f,
                  gint64   until)
{
  g_autoptr(AuEngineConfig) config = au_engine_config_new (f->db_path);
  AuEngine *engine;

  config->paper_seed = 7;
  config->paper_capital = 300000 * (AuMoney) AU_MONEY_SCALE;
  g_date_set_dmy (&config->paper_start, 4, G_DATE_MARCH, 2024);
  config->speed = 100000.0;
  config->until_usec = until;
  config->unattended = TRUE;
  engine = au_engine_new (config);
  g_signal_connect (engine, "event", G_CALLBACK (on_event), f);
  g_signal_connect (engine, "snapshot", G_CALLBACK (on_snapshot), f);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), f);
  return engine;
}

static void
wait_stopped (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;

  while (!f->stopped)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the end time");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* What was queued before ::stopped. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

static GDateWeekday
eastern_weekday (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) et = g_date_time_to_timezone (utc, au_eastern_time_zone ());

  return (GDateWeekday) g_date_time_get_day_of_week (et);
}

/* Short puts sold for @sleeve ("Gen", "Rev") on @weekday: the CSPs of
 * the week's entry (R2.2, R3.2). */
static guint
count_csps (Fixture      *f,
            const char   *sleeve,
            GDateWeekday  weekday)
{
  g_autofree char *suffix = g_strconcat ("/", sleeve, NULL);
  guint n = 0;

  for (guint i = 0; i < f->events->len; i++)
    {
      AuEngineEvent *event = g_ptr_array_index (f->events, i);

      if (g_strcmp0 (event->kind, "order") == 0 && event->account != NULL
          && g_str_has_suffix (event->account, suffix)
          && g_str_has_prefix (event->message, "Sell ") && strstr (event->message, " P ") != NULL
          && eastern_weekday (event->time) == weekday)
        n++;
    }
  return n;
}

/* An event saying an entry was refused for a quote too old (D2.7). */
static AuEngineEvent *
find_stale_refusal (Fixture *f)
{
  for (guint i = 0; i < f->events->len; i++)
    {
      AuEngineEvent *event = g_ptr_array_index (f->events, i);

      if (strstr (event->message, "older than the stale limit") != NULL
          || (strstr (event->message, " s old; older than ") != NULL))
        return event;
    }
  return NULL;
}

/* D2.7 in any record of the trail: a quote judged stale, its spread
 * widened, or an entry refused for its age. */
static gboolean
record_mentions_stale (const AuAuditRecord *record)
{
  JsonNode *parts[] = { record->context, record->warnings, record->violations };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *text = parts[i] != NULL ? json_to_string (parts[i], FALSE) : NULL;

      if (text != NULL
          && (strstr (text, " s old") != NULL || strstr (text, "widened") != NULL
              || strstr (text, "is stale") != NULL))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  guint  atr;
  guint  monitor;
  guint  entry_com;
  guint  entry_rev;
  guint  entry_gen;
  guint  manage;
  guint  weekly_cut;
  gint64 last_monitor;
} ScheduleCount;

/* An action at hh:mm:00 ET on @weekday. */
static void
assert_slot (GDateTime    *et,
             GDateWeekday  weekday,
             int           hour,
             int           minute)
{
  g_autofree char *text = g_date_time_format_iso8601 (et);

  if (g_date_time_get_day_of_week (et) != (int) weekday || g_date_time_get_hour (et) != hour
      || g_date_time_get_minute (et) != minute || g_date_time_get_second (et) != 0)
    g_error ("An action at %s, expected on day %d at %02d:%02d:00", text, weekday, hour, minute);
}

/* One "schedule" record: the action started at its slot to the
 * microsecond, and the slot is where the schedule puts it. */
static void
check_schedule_record (const AuAuditRecord *record,
                       ScheduleCount       *count)
{
  JsonObject *context = json_node_get_object (record->context);
  gint64 slot = json_object_get_int_member (context, "slot_usec");
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (record->time, NULL);
  g_autoptr(GDateTime) et = NULL;

  if (g_strcmp0 (record->verdict, "MONITOR") != 0)
    g_test_message ("%s %s", record->time, record->verdict);
  g_assert_nonnull (time);
  /* Exactly its minute: the record's time and the slot, not a µs late. */
  g_assert_cmpint (json_object_get_int_member (context, "late_usec"), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (time) * G_USEC_PER_SEC, ==, slot);
  g_assert_cmpstr (json_object_get_string_member (context, "slot"), ==, record->time);
  et = g_date_time_to_timezone (time, au_eastern_time_zone ());

  if (g_strcmp0 (record->verdict, "ATR") == 0)
    {
      /* Monday to Friday, 09:30 (D2.13). */

      assert_slot (et, G_DATE_MONDAY + count->atr, 9, 30);
      count->atr++;
    }
  else if (g_strcmp0 (record->verdict, "ENTRY_COM") == 0)
    {
      assert_slot (et, G_DATE_MONDAY, 9, 45);
      count->entry_com++;
    }
  else if (g_strcmp0 (record->verdict, "ENTRY_REV") == 0)
    {
      assert_slot (et, G_DATE_WEDNESDAY, 9, 45);
      count->entry_rev++;
    }
  else if (g_strcmp0 (record->verdict, "ENTRY_GEN") == 0)
    {
      assert_slot (et, G_DATE_THURSDAY, 9, 45);
      count->entry_gen++;
    }
  else if (g_strcmp0 (record->verdict, "MANAGE") == 0)
    {
      assert_slot (et, G_DATE_FRIDAY, 14, 30);
      count->manage++;
    }
  else if (g_strcmp0 (record->verdict, "WEEKLY_CUT") == 0)
    {
      assert_slot (et, G_DATE_FRIDAY, 16, 30);
      count->weekly_cut++;
    }
  else if (g_strcmp0 (record->verdict, "MONITOR") == 0)
    {
      gint64 open = MONDAY_OPEN_USEC + (slot - MONDAY_OPEN_USEC) / DAY_USEC * DAY_USEC;

      /* R0.11 on the paper market's five-minute grid: after the open,
       * before the close, and none of the day's skipped. */
      g_assert_cmpint (slot, >, open);
      g_assert_cmpint (slot, <, open + 390 * MINUTE_USEC);
      g_assert_cmpint ((slot - open) % STEP_USEC, ==, 0);
      if (count->last_monitor > open)
        g_assert_cmpint (slot - count->last_monitor, ==, STEP_USEC);
      else
        g_assert_cmpint (slot, ==, open + STEP_USEC);
      count->last_monitor = slot;
      count->monitor++;
    }
  else
    g_error ("An unknown scheduled action %s", record->verdict);
}

/* Every scheduled action of the week in the audit trail at its slot, no
 * quote judged stale at any time, and start-up reconciliation finished
 * at the start time. */
static void
check_trail (Fixture *f)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  ScheduleCount count = { 0 };

  database = au_database_open (f->db_path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  records = au_audit_log_list (database, 0, &error);
  g_assert_no_error (error);
  /* Newest first: the week in its order. */
  for (guint i = records->len; i-- > 0;)
    {
      AuAuditRecord *record = g_ptr_array_index (records, i);

      if (record_mentions_stale (record))
        {
          g_autofree char *context = json_to_string (record->context, FALSE);

          g_error ("A stale quote at 100,000x: %s %s %s", record->time, record->kind, context);
        }
      if (g_strcmp0 (record->kind, "schedule") == 0)
        check_schedule_record (record, &count);
    }
  g_assert_cmpuint (count.atr, ==, 5);
  /* 09:35 to 15:55 every five minutes: 77 a day. */
  g_assert_cmpuint (count.monitor, ==, 5 * 77);
  g_assert_cmpuint (count.entry_com, ==, 1);
  g_assert_cmpuint (count.entry_rev, ==, 1);
  g_assert_cmpuint (count.entry_gen, ==, 1);
  g_assert_cmpuint (count.manage, ==, 1);
  g_assert_cmpuint (count.weekly_cut, ==, 1);

  /* R9.1: the clock stood still while the broker was compared with the
   * ledger; the 09:30 ATR ran after it. */
  g_assert_nonnull (find_event (f, "reconciled"));
  g_assert_cmpint (find_event (f, "engine-started")->time, ==, MONDAY_OPEN_USEC);
  g_assert_cmpint (find_event (f, "reconciled")->time, ==, MONDAY_OPEN_USEC);
}

/* A paper week at 100,000x: every action at its minute and every entry
 * sent on its day, none refused or widened for stale data, and the run
 * ends exactly at its end time */

static void
test_paper_week (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AuEngine) engine = new_paper_engine (f, WEEK_END_USEC);
  AuEngineEvent *reached;
  AuEngineEvent *stale;
  gint64 started = g_get_monotonic_time ();

  g_assert_true (au_engine_start (engine, NULL));
  wait_stopped (f);
  g_test_message ("A paper week at 100,000x took %.1f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_no_error (f->stop_error);

  /* D2.7 judges quotes as fresh as the market gave them: the hold. */
  stale = find_stale_refusal (f);
  if (stale != NULL)
    g_error ("A stale-data refusal at 100,000x: %s", stale->message);
  /* Rev's Wednesday CSPs (R3.2) and Gen's Thursday ones (R2.2). */
  g_assert_cmpuint (count_csps (f, "Rev", G_DATE_WEDNESDAY), >=, 1);
  g_assert_cmpuint (count_csps (f, "Gen", G_DATE_THURSDAY), >=, 1);
  /* Nobody's CSPs on another day of the entry: the Gen ones are not on
   * Wednesday. */
  g_assert_cmpuint (count_csps (f, "Gen", G_DATE_WEDNESDAY), ==, 0);

  /* The clock stopped at the end time, not a microsecond after. */
  reached = find_event (f, "until-reached");
  g_assert_nonnull (reached);
  g_assert_cmpint (reached->time, ==, WEEK_END_USEC);
  g_assert_nonnull (f->last_snapshot);
  g_assert_cmpint (f->last_snapshot->time, ==, WEEK_END_USEC);
  for (guint i = 0; i < f->events->len; i++)
    {
      AuEngineEvent *event = g_ptr_array_index (f->events, i);

      g_assert_cmpint (event->time, <=, WEEK_END_USEC);
    }
  g_clear_object (&engine);
  check_trail (f);
}

/* The stopped run resumes at the end time exactly, and a later end time
 * runs on from there; an end time already reached stops at once */

static void
test_resume_at_until (Fixture       *f,
                      gconstpointer  data)
{
  gint64 monday_close = MONDAY_OPEN_USEC + 390 * MINUTE_USEC;
  g_autoptr(AuEngine) first = new_paper_engine (f, MONDAY_OPEN_USEC + 30 * MINUTE_USEC);
  g_autoptr(AuEngine) second = NULL;
  g_autoptr(AuEngine) third = NULL;
  AuEngineEvent *event;

  g_assert_true (au_engine_start (first, NULL));
  wait_stopped (f);
  g_assert_no_error (f->stop_error);
  g_assert_cmpint (find_event (f, "until-reached")->time, ==, MONDAY_OPEN_USEC + 30 * MINUTE_USEC);
  g_clear_object (&first);

  g_ptr_array_set_size (f->events, 0);
  f->stopped = FALSE;
  second = new_paper_engine (f, monday_close);
  g_assert_true (au_engine_start (second, NULL));
  wait_stopped (f);
  g_assert_no_error (f->stop_error);
  event = find_event (f, "engine-resumed");
  g_assert_nonnull (event);
  g_assert_cmpint (event->time, ==, MONDAY_OPEN_USEC + 30 * MINUTE_USEC);
  g_assert_cmpint (find_event (f, "until-reached")->time, ==, monday_close);
  g_clear_object (&second);

  /* Just outside: an end time a second before the stored time. */
  g_ptr_array_set_size (f->events, 0);
  f->stopped = FALSE;
  third = new_paper_engine (f, monday_close - G_USEC_PER_SEC);
  g_assert_true (au_engine_start (third, NULL));
  wait_stopped (f);
  g_assert_no_error (f->stop_error);
  /* Never set back to the earlier end time. */
  g_assert_cmpint (find_event (f, "engine-resumed")->time, ==, monday_close);
  g_assert_cmpint (find_event (f, "until-reached")->time, ==, monday_close);
}

/* A feed that stopped: the paper market on a clock of its own, frozen at
 * Monday's open, while the engine's runs on. Its quotes are genuinely
 * stale and D2.7 still refuses every entry */

static AuBroker *
frozen_broker_func (const AuEngineConfig  *config,
                    AuClock               *clock,
                    gpointer               user_data,
                    GError               **error)
{
  g_autoptr(AuPaperExchange) exchange = NULL;
  g_autoptr(AuClock) frozen = au_clock_new_stepped (MONDAY_OPEN_USEC);
  AuPaperConfig paper = { 0 };

  paper.seed = config->paper_seed;
  paper.start = config->paper_start;
  paper.cash = config->paper_capital;
  exchange = au_paper_exchange_new (&paper, error);
  if (exchange == NULL)
    return NULL;
  return AU_BROKER (au_paper_broker_new (exchange, frozen));
}

static void
test_stale_feed (Fixture       *f,
                 gconstpointer  data)
{
  /* Through Monday's Com entry and Wednesday's Rev one, to 11:00. */
  gint64 until = MONDAY_OPEN_USEC + 2 * DAY_USEC + 90 * MINUTE_USEC;
  g_autoptr(AuEngine) engine = new_paper_engine (f, until);

  au_engine_set_broker_func (engine, frozen_broker_func, NULL, NULL);
  g_assert_true (au_engine_start (engine, NULL));
  wait_stopped (f);
  g_assert_no_error (f->stop_error);
  g_assert_nonnull (find_stale_refusal (f));
  /* Not an order: neither Monday's share lots nor Wednesday's CSPs. */
  g_assert_null (find_event (f, "order"));
  g_assert_cmpint (find_event (f, "until-reached")->time, ==, until);
}

/* With IB (D4): `alluse-cli run --ib` against alluse-gateway-sim at 600x
 * from a Monday 09:00 until 10:00. The engine's clock is the gateway's:
 * every event it prints carries a time within a simulated minute of the
 * gateway's clock, and the run ends exactly at 10:00 */

#define SIM_MONDAY_0900_TEXT "2026-03-02T09:00:00-05:00"
#define SIM_MONDAY_0900_USEC (G_GINT64_CONSTANT (1772460000) * G_USEC_PER_SEC)
#define SIM_MONDAY_1000_TEXT "2026-03-02T10:00:00-05:00"
#define SIM_MONDAY_1000_USEC (SIM_MONDAY_0900_USEC + 60 * MINUTE_USEC)

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GOutputStream    *in;
} Sim;

/* The gateway's clock now: its answer to the "speed X" control, which
 * keeps the pace and names the time ("speed 600 from USEC"). */
static gint64
sim_now (Sim *sim)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *from;

  g_assert_true (g_output_stream_write_all (sim->in, "speed 600\n", 10, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_flush (sim->in, NULL, &error));
  line = g_data_input_stream_read_line (sim->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  from = strstr (line, " from ");
  g_assert_nonnull (from);
  return g_ascii_strtoll (from + 6, NULL, 10);
}

static gint64
parse_event_time (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "time"), NULL);
  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
test_ib_follows_gateway (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) run = NULL;
  g_autoptr(GDataInputStream) run_out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = g_build_filename (f->dir, "gateway.json", NULL);
  g_autofree char *port_line = NULL;
  g_autofree char *line = NULL;
  Sim sim = { 0 };
  gint64 gateway_before;
  guint n_events = 0;
  gboolean reached = FALSE;

  if (g_getenv ("ALLUSE_GATEWAY_SIM") == NULL || g_getenv ("ALLUSE_CLI") == NULL)
    {
      g_test_skip ("ALLUSE_GATEWAY_SIM or ALLUSE_CLI is not set");
      return;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sim.process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ALLUSE_GATEWAY_SIM"),
                                             "--port", "0", "--clock", SIM_MONDAY_0900_TEXT,
                                             "--speed", "600", "--no-demo", "--cash", "300000",
                                             "--state", state, NULL);
  g_assert_no_error (error);
  sim.out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim.process));
  sim.in = g_subprocess_get_stdin_pipe (sim.process);
  port_line = g_data_input_stream_read_line (sim.out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port_line);
  gateway_before = sim_now (&sim);

  g_clear_object (&launcher);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  run = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("ALLUSE_CLI"), "run", "--ib",
                                     "--port", port_line, "--capital", "300000", "--db",
                                     f->db_path, "--until", SIM_MONDAY_1000_TEXT, "--json",
                                     "--unattended", NULL);
  g_assert_no_error (error);
  run_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run));

  while ((line = g_data_input_stream_read_line (run_out, NULL, NULL, &error)) != NULL)
    {
      gint64 time = parse_event_time (line);
      gint64 gateway_after = sim_now (&sim);

      /* The event happened after the gateway read @gateway_before and
       * before it read @gateway_after: the engine's clock then was
       * within a simulated minute of the gateway's, neither behind the
       * one nor ahead of the other by more, whatever the delay of the
       * pipe. */
      g_test_message ("engine %" G_GINT64_FORMAT " s, gateway %" G_GINT64_FORMAT " to %"
                      G_GINT64_FORMAT " s: %s",
                      (time - SIM_MONDAY_0900_USEC) / G_USEC_PER_SEC,
                      (gateway_before - SIM_MONDAY_0900_USEC) / G_USEC_PER_SEC,
                      (gateway_after - SIM_MONDAY_0900_USEC) / G_USEC_PER_SEC, line);
      g_assert_cmpint (time, >=, gateway_before - MINUTE_USEC);
      g_assert_cmpint (time, <=, gateway_after + MINUTE_USEC);
      g_assert_cmpint (time, >=, SIM_MONDAY_0900_USEC);
      gateway_before = gateway_after;
      n_events++;
      /* The run ends with the engine's clock exactly at the end time. */
      if (strstr (line, "\"until-reached\"") != NULL)
        {
          reached = TRUE;
          g_assert_cmpint (time, ==, SIM_MONDAY_1000_USEC);
        }
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (run), ==, 0);
  g_assert_true (reached);
  g_assert_cmpuint (n_events, >=, 2);

  g_subprocess_force_exit (sim.process);
  g_subprocess_wait (sim.process, NULL, NULL);
  g_clear_object (&sim.out);
  g_clear_object (&sim.process);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/engine-speed/paper-week", test_paper_week);
  ADD ("/engine-speed/resume-at-until", test_resume_at_until);
  ADD ("/engine-speed/stale-feed", test_stale_feed);
  ADD ("/engine-speed/ib-follows-gateway", test_ib_follows_gateway);
#undef ADD

  return g_test_run ();
}

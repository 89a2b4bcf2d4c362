/* test-engine-cli.c: `alluse-cli run` through the real binary (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "au-database.h"

typedef struct
{
  char *dir;
  char *db_path;
  char *paper_path;
} Fixture;

static const char *
cli (void)
{
  return g_getenv ("ALLUSE_CLI");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* meson's test environment names the tool (tests/meson.build). */
  g_assert_nonnull (cli ());
  f->dir = g_dir_make_tmp ("test-engine-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->paper_path = g_strconcat (f->db_path, ".paper.json", NULL);
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
  g_free (f->paper_path);
}

/* Runs alluse-cli with @args, returns its exit status; stdout in @out. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (status))
    return -1;
  return WEXITSTATUS (status);
}

/* Every line is one JSON event; returns them. */
static GPtrArray *
parse_events (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "kind"));
      g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "time"));
      g_ptr_array_add (events, node);
    }
  return events;
}

static JsonObject *
find_event (GPtrArray  *events,
            const char *kind)
{
  for (guint i = 0; i < events->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (events, i));

      if (g_strcmp0 (json_object_get_string_member (object, "kind"), kind) == 0)
        return object;
    }
  return NULL;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  database = au_database_open (f->db_path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  stmt = au_database_prepare (database, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
iso_usec (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

/* The broker's orders: each client order id once, each one persisted in
 * the database before it was sent (the order manager's intent). */
static guint
check_orders_unique (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *orders;

  g_assert_true (json_parser_load_from_file (parser, f->paper_path, &error));
  g_assert_no_error (error);
  orders = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "orders");
  database = au_database_open (f->db_path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      const char *id = json_object_get_string_member (json_array_get_object_element (orders, i),
                                                      "client_order_id");
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
      stmt = au_database_prepare (database,
                                  "SELECT count (*) FROM orders_versions WHERE client_order_id = ?",
                                  &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    }
  return json_array_get_length (orders);
}

static void
check_books (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) verdict = NULL;
  const char *audit[] = { "audit", "verify", "--db", f->db_path, "--json", NULL };
  const char *ledger[] = { "ledger", "check", "--db", f->db_path, NULL };

  g_assert_cmpint (run_cli (audit, &out, &err), ==, 0);
  verdict = json_from_string (out, NULL);
  g_assert_nonnull (verdict);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (verdict), "ok"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (ledger, &out, &err), ==, 0);
}

/* Run to a time, then again to a later one: it resumes with the same portfolio */

static void
test_run_and_resume (Fixture       *f,
                     gconstpointer  data)
{
  const char *first[] = { "run", "--paper", "--seed", "42", "--capital", "300000",
                          "--start", "2024-03-04", "--db", f->db_path, "--speed", "100000",
                          "--until", "2024-03-05T16:30:00-05:00", "--unattended", "--json",
                          NULL };
  const char *second[] = { "run", "--paper", "--db", f->db_path, "--speed", "100000",
                           "--until", "2024-03-07T16:30:00-05:00", "--unattended", "--json",
                           NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) events = NULL;
  JsonObject *resumed;
  gint64 stored, roots, accounts;
  gint64 first_until = iso_usec ("2024-03-05T16:30:00-05:00");

  g_assert_cmpint (run_cli (first, &out, &err), ==, 0);
  events = parse_events (out);
  g_assert_nonnull (find_event (events, "engine-started"));
  g_assert_nonnull (find_event (events, "until-reached"));
  stored = query_int (f, "SELECT time_usec FROM engine_run");
  g_assert_cmpint (stored, >=, first_until);
  g_assert_cmpint (stored, <, first_until + G_GINT64_CONSTANT (6) * 3600 * G_USEC_PER_SEC);
  roots = query_int (f, "SELECT count (*) FROM ledger_accounts WHERE kind = 'root' "
                        "AND parent_id IS NULL");
  g_assert_cmpint (roots, ==, 1);
  accounts = query_int (f, "SELECT count (*) FROM ledger_accounts");
  check_books (f);
  check_orders_unique (f);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&events, g_ptr_array_unref);
  g_assert_cmpint (run_cli (second, &out, &err), ==, 0);
  events = parse_events (out);
  g_assert_null (find_event (events, "engine-started"));
  resumed = find_event (events, "engine-resumed");
  g_assert_nonnull (resumed);
  /* Exactly where it stopped (the event's time is to the second). */
  g_assert_cmpint (iso_usec (json_object_get_string_member (resumed, "time")), >,
                   stored - G_USEC_PER_SEC);
  g_assert_cmpint (iso_usec (json_object_get_string_member (resumed, "time")), <=, stored);
  /* The same portfolio: no second one created, nothing lost. */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM ledger_accounts WHERE kind = 'root' "
                                 "AND parent_id IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM ledger_accounts"), >=, accounts);
  g_assert_cmpint (query_int (f, "SELECT time_usec FROM engine_run"), >=,
                   iso_usec ("2024-03-07T16:30:00-05:00"));
  g_assert_cmpint (query_int (f, "SELECT runs FROM engine_run"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT clean_stop FROM engine_run"), ==, 1);
  check_books (f);
  check_orders_unique (f);
}

/* SIGTERM stops cleanly with exit 0; kill -9 mid-run, then run again: it resumes */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static GPid
spawn_run (Fixture    *f,
           const char *until)
{
  const char *argv[] = { cli (), "run", "--paper", "--seed", "42", "--start", "2024-03-04",
                         "--db", f->db_path, "--speed", "100000", "--until", until,
                         "--unattended", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static int
wait_pid (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return status;
}

static void
sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_signal_and_crash (Fixture       *f,
                       gconstpointer  data)
{
  const char *resume[] = { "run", "--paper", "--db", f->db_path, "--speed", "100000",
                           "--until", "2024-03-08T16:30:00-05:00", "--unattended", "--json",
                           NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 after_term, after_kill, orders_before;
  int status;
  GPid pid;

  /* SIGTERM: a clean stop, exit 0, the clock saved. */
  pid = spawn_run (f, "2024-06-28T16:30:00-04:00");
  sleep_ms (1000);
  kill (pid, SIGTERM);
  status = wait_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT clean_stop FROM engine_run"), ==, 1);
  after_term = query_int (f, "SELECT time_usec FROM engine_run");
  g_assert_cmpint (after_term, >, iso_usec ("2024-03-04T09:30:00-05:00"));

  /* kill -9 in the middle. */
  pid = spawn_run (f, "2024-06-28T16:30:00-04:00");
  sleep_ms (2000);
  kill (pid, SIGKILL);
  status = wait_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (query_int (f, "SELECT clean_stop FROM engine_run"), ==, 0);
  after_kill = query_int (f, "SELECT time_usec FROM engine_run");
  g_assert_cmpint (after_kill, >, after_term);
  orders_before = check_orders_unique (f);

  /* Again: it resumes from the stored time or later, never earlier. */
  g_assert_cmpint (run_cli (resume, &out, &err), ==, 0);
  events = parse_events (out);
  g_assert_nonnull (find_event (events, "engine-resumed"));
  g_assert_cmpint (iso_usec (json_object_get_string_member (find_event (events, "engine-resumed"),
                                                            "time")), >,
                   after_kill - G_USEC_PER_SEC);   /* the event's time is to the second */
  g_assert_cmpint (query_int (f, "SELECT runs FROM engine_run"), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM ledger_accounts WHERE kind = 'root' "
                                 "AND parent_id IS NULL"), ==, 1);
  check_books (f);
  g_assert_cmpuint (check_orders_unique (f), >=, orders_before);
}

/* Bad arguments: exit 2 naming the option */

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char *both[] = { "run", "--paper", "--ib", "--db", f->db_path, NULL };
  const char *speed[] = { "run", "--paper", "--db", f->db_path, "--speed", "0", NULL };
  const char *until[] = { "run", "--paper", "--db", f->db_path, "--until", "next friday", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (both, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--paper and --ib"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (speed, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--speed"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (until, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--until"));
  g_assert_false (g_file_test (f->db_path, G_FILE_TEST_EXISTS));
}

/* A run that ends on the weekly cut's own minute and is resumed: the cut
 * ran once (R1.2), the week has one label, and --until takes a New York
 * time without seconds. */
static void
test_resume_on_the_cut (Fixture       *f,
                        gconstpointer  data)
{
  const char *first[] = { "run", "--paper", "--seed", "42", "--capital", "300000",
                          "--start", "2024-03-04", "--db", f->db_path, "--speed", "100000",
                          "--until", "2024-03-08T16:30", "--unattended", "--json", NULL };
  const char *second[] = { "run", "--paper", "--db", f->db_path, "--speed", "100000",
                           "--until", "2024-03-08T17:00:00-05:00", "--unattended", "--json",
                           NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (first, &out, &err), ==, 0);
  /* The clock stops exactly there: 16:30 New York time is 21:30 UTC. */
  g_assert_cmpint (query_int (f, "SELECT time_usec FROM engine_run"), ==,
                   iso_usec ("2024-03-08T16:30:00-05:00"));
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM autopilot_week_types "
                                 "WHERE week = '2024-W10' AND account IS NULL"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (second, &out, &err), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM autopilot_week_types "
                                 "WHERE week = '2024-W10' AND account IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM audit_records "
                                 "WHERE context LIKE '%no second weekly cut%'"), ==, 1);
  check_books (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/engine/cli/usage", test_usage);
  ADD ("/engine/cli/run-and-resume", test_run_and_resume);
  ADD ("/engine/cli/signal-and-crash", test_signal_and_crash);
  ADD ("/engine/cli/resume-on-the-cut", test_resume_on_the_cut);
#undef ADD

  return g_test_run ();
}

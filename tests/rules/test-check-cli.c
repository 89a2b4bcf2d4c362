/* test-check-cli.c: alluse-cli check through the real binary ($ALLUSE_CLI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-check-cli"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-database.h"
#include "rules-test-util.h"

typedef struct
{
  char *dir;      /* a fresh $XDG_DATA_HOME and home of the databases */
  char *db;
} Fixture;

typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rules-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "check.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
}

/* Runs alluse-cli check with @args (NULL-terminated), @input on stdin. */
static void
run_check (Fixture            *fixture,
           const char         *input,
           Run                *run,
           const char * const *args)
{
  const char *cli = g_getenv ("ALLUSE_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    {
      g_test_skip ("ALLUSE_CLI is not set");
      return;
    }
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "check");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  if (run->status != 2 && run->out != NULL && *run->out != '\0')
    {
      run->json = json_from_string (run->out, &error);
      g_assert_no_error (error);
    }
}

static char *
edited (const char *path,
        const char *value)
{
  g_autoptr(JsonNode) node = rules_test_node (NULL, path, value, NULL);

  return rules_test_to_text (node);
}

static guint
count_records (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = au_database_open (db_path, AU_DATABASE_READ_ONLY, &error);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  records = au_audit_log_list (db, 0, &error);
  g_assert_no_error (error);
  return records->len;
}

static void
test_approved_and_rejected (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *args[] = { "--db", fixture->db, "--json", "-", NULL };
  g_autofree char *rejected_input = edited ("expiry", "\"2026-11-27\"");
  g_auto(Run) ok = { 0 };
  g_auto(Run) no = { 0 };
  JsonObject *object, *violation;

  run_check (fixture, rules_test_sample, &ok, args);
  if (g_test_failed () || ok.out == NULL)
    return;
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_cmpstr (ok.err, ==, "");
  object = json_node_get_object (ok.json);
  g_assert_true (json_object_get_boolean_member (object, "approved"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "APPROVED");
  g_assert_cmpstr (json_object_get_string_member (object, "constitution"), ==,
                   au_constitution_get_sha256 (rules_test_constitution ()));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "violations")),
                    ==, 0);

  run_check (fixture, rejected_input, &no, args);
  g_assert_cmpint (no.status, ==, 1);
  object = json_node_get_object (no.json);
  g_assert_false (json_object_get_boolean_member (object, "approved"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "REJECTED");
  violation = json_array_get_object_element (json_object_get_array_member (object, "violations"),
                                             0);
  g_assert_cmpstr (json_object_get_string_member (violation, "rule"), ==, "R2.2");
  g_assert_nonnull (json_object_get_string_member (violation, "message"));

  /* Both evaluations are in the trail. */
  g_assert_cmpuint (count_records (fixture->db), ==, 2);
}

/* A file argument works as standard input does; no --db means the
 * default database under $XDG_DATA_HOME, its folder created. */
static void
test_file_and_default_db (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *input = g_build_filename (fixture->dir, "proposal.json", NULL);
  g_autofree char *default_db = g_build_filename (fixture->dir, "alluse", "autopilot.db", NULL);
  const char *args[] = { "--json", input, NULL };
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (input, rules_test_sample, -1, NULL));
  run_check (fixture, NULL, &run, args);
  if (g_test_failed () || run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (default_db, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_records (default_db), ==, 1);
}

/* Malformed input: exit 2, the field named on stderr, nothing on stdout,
 * nothing written. */
static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  struct { const char *path, *value, *message; } cases[] = {
    { "quote.bid", "\"abc\"", "quote.bid: expected a number" },
    { "contracts", "1.5", "contracts: expected a whole number" },
    { "time", "\"2026-11-19T10:15:00\"", "time: " },
    { "account", NULL, "account: missing" },
    { "stike", "200", "stike: unknown field" },
  };
  const char *args[] = { "--db", fixture->db, "--json", "-", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *input = edited (cases[i].path, cases[i].value);
      g_auto(Run) run = { 0 };

      run_check (fixture, input, &run, args);
      if (g_test_failed () || run.err == NULL)
        return;
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      if (strstr (run.err, cases[i].message) == NULL)
        g_error ("expected “%s” on stderr, got “%s”", cases[i].message, run.err);
    }

  {
    g_auto(Run) run = { 0 };

    run_check (fixture, "{\"account\": ", &run, args);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "input: "));
  }
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

/* A broken constitution is refused, naming its key and line. */
static void
test_broken_constitution (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *source = g_build_filename (g_getenv ("ALLUSE_SOURCE_ROOT") ?: ".",
                                              "data", "constitution", "v1.3.ini", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.ini", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited_text = NULL;
  const char *args[] = { "--db", fixture->db, "--constitution", broken, "--json", "-", NULL };
  g_auto(Run) run = { 0 };

  if (!g_file_get_contents (source, &text, NULL, NULL))
    {
      g_test_skip ("the constitution source is not reachable");
      return;
    }
  edited_text = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited_text, "margin_cap=0.60", "margin_cap=lots", 1), ==, 1);
  g_assert_true (g_file_set_contents (broken, edited_text->str, -1, NULL));

  run_check (fixture, rules_test_sample, &run, args);
  if (g_test_failed () || run.err == NULL)
    return;
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "margin_cap"));
  {
    /* The loader names the line as FILE:LINE: */
    const char *at = strstr (text, "margin_cap=");
    guint line = 1;
    g_autofree char *where = NULL;

    for (const char *p = text; p < at; p++)
      line += *p == '\n';
    where = g_strdup_printf ("broken.ini:%u:", line);
    if (strstr (run.err, where) == NULL)
      g_error ("expected “%s” on stderr, got “%s”", where, run.err);
  }
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *no_json[] = { "--db", fixture->db, NULL };
  g_auto(Run) run = { 0 };

  run_check (fixture, NULL, &run, no_json);
  if (g_test_failed () || run.err == NULL)
    return;
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--json"));
}

/* R17: the ladder's underlyings come from [leap]; one that no sleeve
 * trades is refused at load time, naming the file, line and key. */
static void
test_leap_symbol (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *source = g_build_filename (g_getenv ("ALLUSE_SOURCE_ROOT") ?: ".",
                                              "data", "constitution", "v1.3.ini", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "leap.ini", NULL);
  g_autofree char *text = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GString) edited_text = NULL;
  const char *args[] = { "--db", fixture->db, "--constitution", broken, "--json", "-", NULL };
  g_auto(Run) run = { 0 };
  const char *at;
  guint line = 1;

  if (!g_file_get_contents (source, &text, NULL, NULL))
    {
      g_test_skip ("the constitution source is not reachable");
      return;
    }
  edited_text = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited_text, "hedge_symbol=SPY", "hedge_symbol=XYZ", 1),
                    ==, 1);
  g_assert_true (g_file_set_contents (broken, edited_text->str, -1, NULL));
  at = strstr (text, "hedge_symbol=");
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  where = g_strdup_printf ("leap.ini:%u: [leap] hedge_symbol: “XYZ” is in no sleeve's universe",
                           line);

  run_check (fixture, rules_test_sample, &run, args);
  if (g_test_failed () || run.err == NULL)
    return;
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, where));
}

/* A stock close as the README documents it (D2.20, D2.23): a MINI's Com
 * half sells its shares in the Friday window; without `shares` it is
 * refused under R0.4, naming the field. */
static void
test_stock_close (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *args[] = { "--db", fixture->db, "--json", "-", NULL };
  const char *input =
    "{\"account\": \"mini\", \"mini_rules\": \"com\", \"action\": \"close\","
    " \"strategy\": \"stock\", \"symbol\": \"AAPL\", \"shares\": 300, \"limit\": 180.00,"
    " \"time\": \"2026-11-20T15:00:00-05:00\","
    " \"quote\": {\"bid\": 179.98, \"ask\": 180.02}}";
  g_autoptr(JsonNode) without = rules_test_node (input, "shares", NULL, NULL);
  g_autofree char *without_input = rules_test_to_text (without);
  g_auto(Run) ok = { 0 };
  g_auto(Run) no = { 0 };
  JsonObject *object, *violation;

  run_check (fixture, input, &ok, args);
  if (g_test_failed () || ok.out == NULL)
    return;
  g_assert_cmpint (ok.status, ==, 0);
  object = json_node_get_object (ok.json);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "APPROVED");

  run_check (fixture, without_input, &no, args);
  g_assert_cmpint (no.status, ==, 1);
  object = json_node_get_object (no.json);
  violation = json_array_get_object_element (json_object_get_array_member (object, "violations"),
                                             0);
  g_assert_cmpstr (json_object_get_string_member (violation, "rule"), ==, "R0.4");
  g_assert_nonnull (strstr (json_object_get_string_member (violation, "message"), "shares"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Rules/Cli/approved-and-rejected", Fixture, NULL,
              fixture_set_up, test_approved_and_rejected, fixture_tear_down);
  g_test_add ("/Rules/Cli/file-and-default-db", Fixture, NULL,
              fixture_set_up, test_file_and_default_db, fixture_tear_down);
  g_test_add ("/Rules/Cli/malformed", Fixture, NULL,
              fixture_set_up, test_malformed, fixture_tear_down);
  g_test_add ("/Rules/Cli/broken-constitution", Fixture, NULL,
              fixture_set_up, test_broken_constitution, fixture_tear_down);
  g_test_add ("/Rules/Cli/leap-symbol", Fixture, NULL,
              fixture_set_up, test_leap_symbol, fixture_tear_down);
  g_test_add ("/Rules/Cli/stock-close", Fixture, NULL,
              fixture_set_up, test_stock_close, fixture_tear_down);
  g_test_add ("/Rules/Cli/usage", Fixture, NULL,
              fixture_set_up, test_usage, fixture_tear_down);

  return g_test_run ();
}

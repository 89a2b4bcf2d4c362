/* test-secret-cli.c: `alluse-cli secret` as a separate process
 *
 * The command runs with a real standard input: the alluse-cli named by
 * $ALLUSE_CLI once it lists `secret`, until then this binary itself
 * (`test-secret-cli --run-cli secret …` calls au_cli_secret_main). Secrets
 * go to the session collection (ALLUSE_SECRET_COLLECTION=session).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <pty.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "au-secret-store.h"

int au_cli_secret_main (int argc, char **argv);

static char *self_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* The alluse-cli that knows `secret`, or NULL for this binary. */
static const char *
registered_cli (void)
{
  static gsize once;
  static char *cli;

  if (g_once_init_enter (&once))
    {
      const char *path = g_getenv ("ALLUSE_CLI");
      int status = -1;

      if (path != NULL)
        {
          const char *argv[] = { path, "secret", "--help", NULL };

          g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                        | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL);
        }
      if (status == 0)
        cli = g_strdup (path);
      g_test_message ("running %s", cli != NULL ? cli : "au_cli_secret_main in this binary");
      g_once_init_leave (&once, 1);
    }
  return cli;
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                             | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "ALLUSE_SECRET_COLLECTION", "session", TRUE);
  /* The messages' quotation marks survive only in a UTF-8 locale. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  return launcher;
}

static GPtrArray *
command_line (const char *first,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *cli = registered_cli ();

  g_ptr_array_add (argv, (gpointer) (cli != NULL ? cli : self_path));
  if (cli == NULL)
    g_ptr_array_add (argv, (gpointer) "--run-cli");
  g_ptr_array_add (argv, (gpointer) "secret");
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Runs `secret ARGS…` with @input on standard input (NULL: none). */
static void
run_with_env (Run        *run,
              const char *bus,
              const char *input,
              const char *first,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  va_start (args, first);
  argv = command_line (first, args);
  va_end (args);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out, &run->err,
                                 &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

#define run_cli(run, input, ...) run_with_env (run, NULL, input, __VA_ARGS__, NULL)

static gboolean
have_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_test_skip ("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset); "
               "run the tests under dbus-run-session");
  return FALSE;
}

static void
assert_not_shown (const Run  *run,
                  const char *value)
{
  g_assert_null (strstr (run->out, value));
  g_assert_null (strstr (run->err, value));
}

static JsonObject *
status_entry (JsonNode   *root,
              const char *kind)
{
  JsonArray *secrets = json_object_get_array_member (json_node_get_object (root), "secrets");

  for (guint i = 0; i < json_array_get_length (secrets); i++)
    {
      JsonObject *entry = json_array_get_object_element (secrets, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "kind"), kind) == 0)
        return entry;
    }
  g_error ("status lists no %s", kind);
}

/* `status --json`: stdout is one JSON document and nothing else. */
static JsonNode *
status_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  run_cli (&run, NULL, "status", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "collection"), ==,
                   "session");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (root), "secrets")), ==, 3);
  return root;
}

static void
assert_status (const char *kind,
               gboolean    is_set,
               const char *origin)
{
  g_autoptr(JsonNode) root = status_json ();
  JsonObject *entry = status_entry (root, kind);

  g_assert_cmpint (json_object_get_boolean_member (entry, "set"), ==, is_set);
  if (origin == NULL)
    g_assert_true (json_object_get_null_member (entry, "origin"));
  else
    g_assert_cmpstr (json_object_get_string_member (entry, "origin"), ==, origin);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* What the keyring holds, read back through the engine's store. */
static char *
stored_value (AuSecretKind  kind,
              const char   *origin)
{
  g_autoptr(AuSecretStore) store = au_secret_store_new (AU_SECRET_COLLECTION_SESSION);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  au_secret_store_lookup_async (store, kind, origin, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  value = au_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  return value;
}

static void
clear_everything (void)
{
  static const char *kinds[] = { "llm-api-key", "api-token", "webhook-secret" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, NULL, "clear", kinds[i]);
      if (run.status != 0)
        g_error ("secret clear %s: exit %d: %s", kinds[i], run.status, run.err);
    }
}

static void
test_set_status_clear (void)
{
  g_auto(Run) set = { 0 };
  g_auto(Run) plain = { 0 };
  g_auto(Run) cleared = { 0 };
  g_auto(Run) again = { 0 };
  char *value;

  if (!have_session_bus ())
    return;
  clear_everything ();
  assert_status ("llm-api-key", FALSE, NULL);

  /* The value from stdin, the newline stripped, never printed. */
  run_cli (&set, "sk-cli-Secret-7781\n", "set", "llm-api-key", "--origin", "https://API.example.com");
  g_assert_cmpint (set.status, ==, 0);
  g_assert_cmpstr (set.out, ==, "");
  g_assert_nonnull (strstr (set.err, "Stored the llm-api-key for https://api.example.com:443."));
  assert_not_shown (&set, "sk-cli-Secret-7781");
  value = stored_value (AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443");
  g_assert_cmpstr (value, ==, "sk-cli-Secret-7781");
  au_secret_free (value);

  assert_status ("llm-api-key", TRUE, "https://api.example.com:443");
  assert_status ("api-token", FALSE, NULL);
  assert_status ("webhook-secret", FALSE, NULL);

  run_cli (&plain, NULL, "status");
  g_assert_cmpint (plain.status, ==, 0);
  g_assert_cmpstr (plain.out, ==,
                   "llm-api-key     set, for https://api.example.com:443\n"
                   "api-token       not set\n"
                   "webhook-secret  not set\n");
  assert_not_shown (&plain, "sk-cli-Secret-7781");

  run_cli (&cleared, NULL, "clear", "llm-api-key");
  g_assert_cmpint (cleared.status, ==, 0);
  g_assert_nonnull (strstr (cleared.err, "Removed the llm-api-key."));
  assert_status ("llm-api-key", FALSE, NULL);
  g_assert_null (stored_value (AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443"));

  /* Clearing what is not there is no error, and says so. */
  run_cli (&again, NULL, "clear", "llm-api-key");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.err, "nothing to remove"));
}

/* CR LF and a missing final newline give the same value; unbound. */
static void
test_line_endings (void)
{
  static const char *inputs[] = { "tok-ABC\r\n", "tok-ABC", "tok-ABC\n" };

  if (!have_session_bus ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_auto(Run) run = { 0 };
      char *value;

      run_cli (&run, inputs[i], "set", "api-token");
      g_assert_cmpint (run.status, ==, 0);
      value = stored_value (AU_SECRET_KIND_API_TOKEN, NULL);
      g_assert_cmpstr (value, ==, "tok-ABC");
      au_secret_free (value);
    }
  assert_status ("api-token", TRUE, NULL);
  clear_everything ();
}

static void
assert_refused (const char *input,
                const char *says,
                const char *must_not_show,
                const char *first,
                ...)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_path = NULL;
  va_list args;
  int fd;

  /* Standard input from a file, not a pipe: a command that refuses before
   * it reads its input must not turn the test's write into a broken pipe. */
  fd = g_file_open_tmp ("secret-input-XXXXXX", &input_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (input_path, input, -1, &error));
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);

  va_start (args, first);
  argv = command_line (first, args);
  va_end (args);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  g_unlink (input_path);

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  if (strstr (run.err, says) == NULL)
    g_error ("stderr “%s” does not say “%s”", run.err, says);
  if (must_not_show != NULL)
    assert_not_shown (&run, must_not_show);
}

static void
test_refused (void)
{
  g_autofree char *too_long = g_strnfill (AU_SECRET_MAX_LENGTH + 1, 'q');

  assert_refused ("", "an empty secret is not stored", NULL, "set", "api-token", NULL);
  assert_refused ("\n", "an empty secret is not stored", NULL, "set", "api-token", NULL);
  assert_refused ("\r\n", "an empty secret is not stored", NULL, "set", "api-token", NULL);
  assert_refused ("tok-one\ntok-two\n", "one line", "tok-", "set", "api-token", NULL);
  assert_refused (too_long, "longer than the 8192", "qqqq", "set", "api-token", NULL);
  /* Never from argv, and the argument is not repeated. */
  assert_refused ("", "never from the command line", "sk-on-argv-99", "set", "llm-api-key",
                  "sk-on-argv-99", NULL);
  assert_refused ("tok-x\n", "kind: “api_token” is not a kind", "tok-x", "set", "api_token", NULL);
  assert_refused ("", "kind: “password”", NULL, "clear", "password", NULL);
  assert_refused ("tok-x\n", "origin: “https://h:443/v1” has a path", "tok-x",
                  "set", "api-token", "--origin", "https://h:443/v1", NULL);
  assert_refused ("tok-x\n", "credentials", "hunter2",
                  "set", "api-token", "--origin", "https://me:hunter2@h:443", NULL);
  assert_refused ("", "which KIND?", NULL, "set", NULL);
  assert_refused ("", "Usage", NULL, "rotate", "api-token", NULL);
  assert_refused ("", "takes no KIND", NULL, "status", "api-token", NULL);
}

/* The longest value fits: on the limit, one byte under the refused one. */
static void
test_longest_fits (void)
{
  g_autofree char *longest = g_strnfill (AU_SECRET_MAX_LENGTH, 'q');
  g_autofree char *input = g_strdup_printf ("%s\n", longest);
  g_auto(Run) fits = { 0 };
  char *value;

  if (!have_session_bus ())
    return;
  run_cli (&fits, input, "set", "webhook-secret");
  g_assert_cmpint (fits.status, ==, 0);
  assert_not_shown (&fits, "qqqq");
  value = stored_value (AU_SECRET_KIND_WEBHOOK_SECRET, NULL);
  g_assert_cmpstr (value, ==, longest);
  au_secret_free (value);
  assert_status ("webhook-secret", TRUE, NULL);
  clear_everything ();
}

static void
test_no_service (void)
{
  static const char *commands[][3] = {
    { "status", "--json", NULL }, { "set", "api-token", NULL }, { "clear", "api-token", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_with_env (&run, "unix:path=/nonexistent/au-no-bus", "tok-nobus\n",
                    commands[i][0], commands[i][1], commands[i][2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "No Secret Service is reachable"));
      assert_not_shown (&run, "tok-nobus");
    }
}

/* Reads what the pseudo-terminal shows until @until appears or 10 s pass. */
static char *
read_until (int         fd,
            GString    *seen,
            const char *until)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (strstr (seen->str, until) == NULL && g_get_monotonic_time () < deadline)
    {
      char buffer[256];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (seen, buffer, n);
      else
        g_usleep (10000);
    }
  return seen->str;
}

/* On a terminal the value is typed without echo. */
static void
test_terminal_no_echo (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  int master, slave;
  char *value;

  if (!have_session_bus ())
    return;
  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (fcntl (master, F_SETFL, O_NONBLOCK), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "ALLUSE_SECRET_COLLECTION", "session", TRUE);
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  g_subprocess_launcher_take_stdout_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stderr_fd (launcher, dup (slave));
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) (registered_cli () != NULL ? registered_cli () : self_path));
  if (registered_cli () == NULL)
    g_ptr_array_add (argv, (gpointer) "--run-cli");
  g_ptr_array_add (argv, (gpointer) "secret");
  g_ptr_array_add (argv, (gpointer) "set");
  g_ptr_array_add (argv, (gpointer) "api-token");
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* The prompt shows once echo is off; then the value is typed. */
  g_assert_nonnull (strstr (read_until (master, seen, "(not shown): "), "(not shown): "));
  g_assert_cmpint (write (master, "tty-typed-5150\n", 15), ==, 15);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  read_until (master, seen, "Stored the api-token.");
  close (master);

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (seen->str, "Stored the api-token."));
  g_assert_null (strstr (seen->str, "tty-typed"));
  value = stored_value (AU_SECRET_KIND_API_TOKEN, NULL);
  g_assert_cmpstr (value, ==, "tty-typed-5150");
  au_secret_free (value);
  clear_everything ();
}

int
main (int    argc,
      char **argv)
{
  if (argc >= 2 && g_strcmp0 (argv[1], "--run-cli") == 0)
    {
      /* As alluse-cli's main () does: messages in the locale's charset. */
      setlocale (LC_ALL, "");
      g_log_writer_default_set_use_stderr (TRUE);
      return au_cli_secret_main (argc - 2, argv + 2);
    }

  g_test_init (&argc, &argv, NULL);
  self_path = g_canonicalize_filename (argv[0], NULL);

  g_test_add_func ("/secrets/cli/set-status-clear", test_set_status_clear);
  g_test_add_func ("/secrets/cli/line-endings", test_line_endings);
  g_test_add_func ("/secrets/cli/refused", test_refused);
  g_test_add_func ("/secrets/cli/longest-fits", test_longest_fits);
  g_test_add_func ("/secrets/cli/no-service", test_no_service);
  g_test_add_func ("/secrets/cli/terminal-no-echo", test_terminal_no_echo);

  return g_test_run ();
}

/* ibsim-harness.c: the real alluse-gateway-sim in a child process and an
 * AuIbClient driven against it on the default main context (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ibsim-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "ibsim-harness.h"

char *
ibsim_temp_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alluse-ibsim-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "state.json", NULL);
}

void
ibsim_remove_state (const char *state)
{
  g_autofree char *book = g_strconcat (state, ".gateway", NULL);
  g_autofree char *dir = g_path_get_dirname (state);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_unlink (state);
  g_unlink (book);
  /* The paper exchange may keep a journal beside its state. */
  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
die_with_parent (gpointer user_data)
{
  /* A failed assertion aborts the test: the simulator must not outlive it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static char *
sim_binary (void)
{
  const char *env = g_getenv ("ALLUSE_GATEWAY_SIM");
  g_autofree char *by_meson = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  /* meson test sets G_TEST_BUILDDIR to tests/; run by hand, the built
   * files are the binary's own folder, tests/ibsim/. */
  by_meson = g_test_build_filename (G_TEST_BUILT, "..", "src", "sim", "alluse-gateway-sim", NULL);
  if (g_file_test (by_meson, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&by_meson);
  return g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "sim", "alluse-gateway-sim",
                                NULL);
}

IbsimSim *
ibsim_sim_start (const char *state,
                 guint16     port,
                 const char *first_extra,
                 ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  IbsimSim *sim = g_new0 (IbsimSim, 1);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, sim_binary ());
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("--clock"));
  g_ptr_array_add (argv, g_strdup (IBSIM_CLOCK));
  if (state != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--state"));
      g_ptr_array_add (argv, g_strdup (state));
    }
  va_start (args, first_extra);
  for (arg = first_extra; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sim->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               &error);
  g_assert_no_error (error);
  sim->control = g_object_ref (g_subprocess_get_stdin_pipe (sim->process));

  /* The first line of stdout is the port (--port 0 picks a free one). */
  sim->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  line = g_data_input_stream_read_line (sim->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  sim->port = (guint16) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (sim->port, >, 0);
  if (port != 0)
    g_assert_cmpuint (sim->port, ==, port);
  return sim;
}

void
ibsim_sim_control (IbsimSim   *sim,
                   const char *line)
{
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (sim->control, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (sim->control, NULL, &error);
  g_assert_no_error (error);
}

gint64
ibsim_sim_set_speed (IbsimSim   *sim,
                     const char *speed)
{
  g_autofree char *control = g_strdup_printf ("speed %s", speed);
  g_autofree char *prefix = g_strdup_printf ("speed %s from ", speed);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;

  ibsim_sim_control (sim, control);
  line = g_data_input_stream_read_line (sim->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, prefix));
  return g_ascii_strtoll (line + strlen (prefix), NULL, 10);
}

void
ibsim_sim_kill (IbsimSim *sim)
{
  g_subprocess_send_signal (sim->process, SIGKILL);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_object_unref (sim->out);
  g_object_unref (sim->control);
  g_object_unref (sim->process);
  g_free (sim);
}

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ibsim_wait_flag (const gboolean *flag,
                 guint           timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, on_deadline, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return *flag;
}

void
ibsim_spin (guint ms)
{
  gboolean never = FALSE;

  ibsim_wait_flag (&never, ms);
}

void
ibsim_store_result (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

GAsyncResult *
ibsim_await (GAsyncResult **slot)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (IBSIM_REPLY_MS, on_deadline, &expired);

  while (*slot == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  g_assert_nonnull (*slot);
  return *slot;
}

AuIbClient *
ibsim_client_connect (guint16 port,
                      int     client_id,
                      guint   reconnect_ms)
{
  g_autoptr(AuIbClient) client = au_ib_client_new ("127.0.0.1", port, client_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  au_ib_client_set_timeouts (client, 3000, reconnect_ms, 6000);
  au_broker_connect_async (AU_BROKER (client), NULL, ibsim_store_result, &result);
  g_assert_true (au_broker_connect_finish (AU_BROKER (client), ibsim_await (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (client)), ==, AU_BROKER_READY);
  return g_steal_pointer (&client);
}

static void
on_state_changed (AuBroker *broker,
                  gpointer  user_data)
{
  IbsimRecorder *recorder = user_data;

  g_ptr_array_add (recorder->states, GINT_TO_POINTER (au_broker_get_state (broker)));
}

static void
on_notice (AuBroker   *broker,
           int         code,
           const char *message,
           gpointer    user_data)
{
  IbsimRecorder *recorder = user_data;

  g_ptr_array_add (recorder->notices, g_strdup_printf ("%d %s", code, message));
}

static void
on_order_updated (AuBroker            *broker,
                  const AuOrderUpdate *update,
                  gpointer             user_data)
{
  IbsimRecorder *recorder = user_data;

  g_ptr_array_add (recorder->updates, au_order_update_copy (update));
}

static void
on_execution (AuBroker          *broker,
              const AuExecution *execution,
              gpointer           user_data)
{
  IbsimRecorder *recorder = user_data;

  g_ptr_array_add (recorder->executions, au_execution_copy (execution));
}

void
ibsim_recorder_attach (IbsimRecorder *recorder,
                       AuBroker      *broker)
{
  recorder->broker = broker;
  g_object_add_weak_pointer (G_OBJECT (broker), (gpointer *) &recorder->broker);
  recorder->states = g_ptr_array_new ();
  recorder->notices = g_ptr_array_new_with_free_func (g_free);
  recorder->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  recorder->executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  g_signal_connect (broker, "state-changed", G_CALLBACK (on_state_changed), recorder);
  g_signal_connect (broker, "notice", G_CALLBACK (on_notice), recorder);
  g_signal_connect (broker, "order-updated", G_CALLBACK (on_order_updated), recorder);
  g_signal_connect (broker, "execution", G_CALLBACK (on_execution), recorder);
}

void
ibsim_recorder_clear (IbsimRecorder *recorder)
{
  if (recorder->broker != NULL)
    {
      g_signal_handlers_disconnect_by_data (recorder->broker, recorder);
      g_object_remove_weak_pointer (G_OBJECT (recorder->broker), (gpointer *) &recorder->broker);
      recorder->broker = NULL;
    }
  g_clear_pointer (&recorder->states, g_ptr_array_unref);
  g_clear_pointer (&recorder->notices, g_ptr_array_unref);
  g_clear_pointer (&recorder->updates, g_ptr_array_unref);
  g_clear_pointer (&recorder->executions, g_ptr_array_unref);
}

int
ibsim_recorder_find_state (IbsimRecorder *recorder,
                           guint          from,
                           AuBrokerState  state)
{
  for (guint i = from; i < recorder->states->len; i++)
    if (GPOINTER_TO_INT (g_ptr_array_index (recorder->states, i)) == (int) state)
      return (int) i;
  return -1;
}

gboolean
ibsim_recorder_has_notice (IbsimRecorder *recorder,
                           int            code)
{
  g_autofree char *prefix = g_strdup_printf ("%d ", code);

  for (guint i = 0; i < recorder->notices->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (recorder->notices, i), prefix))
      return TRUE;
  return FALSE;
}

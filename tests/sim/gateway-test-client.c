/* gateway-test-client.c: the real alluse-gateway-sim in a child process,
 * and a blocking TWS client built from the codec, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "gateway-test-client.h"

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

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "sim", "alluse-gateway-sim", NULL);
}

SimProcess *
sim_start (const char *state,
           guint16     port,
           const char *first_extra,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  SimProcess *sim = g_new0 (SimProcess, 1);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, sim_binary ());
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("--clock"));
  g_ptr_array_add (argv, g_strdup (SIM_CLOCK));
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
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  sim->port = (guint16) g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (sim->port, >, 0);
  if (port != 0)
    g_assert_cmpuint (sim->port, ==, port);
  return sim;
}

void
sim_control (SimProcess *sim,
             const char *line)
{
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (sim->control, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (sim->control, NULL, &error);
  g_assert_no_error (error);
}

void
sim_kill (SimProcess *sim)
{
  g_subprocess_send_signal (sim->process, SIGKILL);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_object_unref (sim->control);
  g_object_unref (sim->process);
  g_free (sim);
}

static gboolean
read_more (SimClient *client,
           gint64     deadline)
{
  guint8 buf[65536];
  gssize n;
  gint64 left = deadline - g_get_monotonic_time ();

  if (left <= 0 || !g_socket_condition_timed_wait (client->socket, G_IO_IN, left, NULL, NULL))
    return FALSE;
  n = g_socket_receive (client->socket, (char *) buf, sizeof buf, NULL, NULL);
  if (n <= 0)
    return FALSE;
  au_ib_frame_decoder_feed (client->decoder, buf, (gsize) n);
  return TRUE;
}

/* The next payload, copied into client->held. */
static gboolean
next_payload (SimClient *client,
              guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  g_autoptr(GError) error = NULL;
  char *payload;
  gsize len;

  for (;;)
    {
      if (au_ib_frame_decoder_next (client->decoder, &payload, &len, &error))
        {
          g_byte_array_set_size (client->held, 0);
          g_byte_array_append (client->held, (const guint8 *) payload, len);
          return TRUE;
        }
      g_assert_no_error (error);
      if (!read_more (client, deadline))
        return FALSE;
    }
}

SimClient *
client_connect (guint16 port,
                int     client_id)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GByteArray) hello = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  SimClient *client = g_new0 (SimClient, 1);
  AuIbRequest start = { .id = AU_IB_OUT_START_API };
  const char *time = NULL;
  int version = 0;

  client->connection = g_socket_client_connect_to_host (socket_client, "127.0.0.1", port, NULL,
                                                        &error);
  g_assert_no_error (error);
  client->socket = g_socket_connection_get_socket (client->connection);
  client->decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
  client->held = g_byte_array_new ();
  client->client_id = client_id;

  au_ib_handshake_write (hello, AU_IB_MIN_CLIENT_VERSION, AU_IB_MAX_CLIENT_VERSION, NULL);
  g_socket_send (client->socket, (const char *) hello->data, hello->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (next_payload (client, SIM_REPLY_MS));
  g_assert_true (au_ib_version_reply_parse ((char *) client->held->data, client->held->len,
                                            &version, &time, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, AU_IB_SERVER_VERSION);
  g_assert_true (g_str_has_suffix (time, "US/Eastern"));

  start.u.start_api.client_id = client_id;
  start.u.start_api.optional_capabilities = "";
  client_send (client, &start);
  return client;
}

void
client_free (SimClient *client)
{
  if (client == NULL)
    return;
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_object_unref (client->connection);
  au_ib_frame_decoder_free (client->decoder);
  g_byte_array_unref (client->held);
  g_free (client);
}

void
client_send (SimClient         *client,
             const AuIbRequest *request)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_request_encode (request, bytes, &error));
  g_assert_no_error (error);
  g_socket_send (client->socket, (const char *) bytes->data, bytes->len, NULL, &error);
  g_assert_no_error (error);
}

gboolean
client_next (SimClient     *client,
             AuIbIncoming  *message,
             guint          timeout_ms,
             GError       **error)
{
  if (!next_payload (client, timeout_ms))
    return FALSE;
  return au_ib_incoming_decode ((char *) client->held->data, client->held->len, message, error);
}

void
client_expect (SimClient    *client,
               AuIbInId      id,
               AuIbIncoming *message)
{
  gint64 deadline = g_get_monotonic_time () + SIM_REPLY_MS * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;

      if (!client_next (client, message, (guint) MAX (left_ms, 1), &error))
        {
          g_assert_no_error (error);
          g_error ("expected %s (%d): the connection ended or went quiet",
                   au_ib_in_name (id), id);
        }
      if (message->id == id)
        return;
      au_ib_incoming_clear (message);
    }
  g_error ("expected %s (%d) within %d ms", au_ib_in_name (id), id, SIM_REPLY_MS);
}

void
client_expect_error (SimClient    *client,
                     int           code,
                     AuIbIncoming *message)
{
  for (;;)
    {
      client_expect (client, AU_IB_IN_ERR_MSG, message);
      if (message->u.err_msg.code == code)
        return;
    }
}

gboolean
client_sees_eof (SimClient *client,
                 guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint8 buf[4096];

  while (g_get_monotonic_time () < deadline)
    {
      gssize n;

      if (!g_socket_condition_timed_wait (client->socket, G_IO_IN,
                                          deadline - g_get_monotonic_time (), NULL, NULL))
        return FALSE;
      n = g_socket_receive (client->socket, (char *) buf, sizeof buf, NULL, NULL);
      if (n <= 0)
        return TRUE;
    }
  return FALSE;
}

void
contract_stock (AuIbContract *contract,
                const char   *symbol)
{
  au_ib_contract_init (contract);
  contract->symbol = symbol;
  contract->sec_type = "STK";
  contract->exchange = "SMART";
  contract->currency = "USD";
}

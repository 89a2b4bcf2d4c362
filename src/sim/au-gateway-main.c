/* au-gateway-main.c: alluse-gateway-sim, the TWS API simulator (D3, D4; issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-gateway"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "au-gateway.h"
#include "au-market-calendar.h"
#include "au-money.h"

typedef struct
{
  AuGateway        *gateway;
  GMainLoop        *loop;
  GDataInputStream *control;
  int               status;
} App;

static gboolean
on_stop_signal (gpointer user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;

  if (!au_gateway_save (app->gateway, &error))
    {
      g_printerr ("alluse-gateway-sim: %s\n", error->message);
      app->status = EXIT_FAILURE;
    }
  g_main_loop_quit (app->loop);
  return G_SOURCE_REMOVE;
}

static void read_control (App *app);

static void
on_control_line (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source),
                                                                result, NULL, &error);

  /* End of stdin (or none): the simulator goes on without controls. */
  if (line == NULL)
    return;
  if (!au_gateway_control (app->gateway, line, &error))
    g_printerr ("alluse-gateway-sim: %s\n", error->message);
  else if (g_str_has_prefix (g_strstrip (line), "speed"))
    {
      /* Whoever drives the pace learns when the new one began, on the
       * simulated clock (µs since the epoch), to keep a clock of its own
       * in step. */
      g_print ("%s from %" G_GINT64_FORMAT "\n", line, au_gateway_get_now (app->gateway));
      fflush (stdout);
    }
  read_control (app);
}

static void
read_control (App *app)
{
  g_data_input_stream_read_line_async (app->control, G_PRIORITY_DEFAULT, NULL, on_control_line,
                                       app);
}

static gboolean
parse_clock (const char  *text,
             gint64      *usec,
             GError     **error)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    {
      *usec = 0;
      return TRUE;
    }
  time = au_eastern_from_iso8601 (text, error);
  if (time == NULL)
    {
      g_prefix_error (error, "--clock: ");
      return FALSE;
    }
  *usec = g_date_time_to_unix (time) * G_USEC_PER_SEC;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuGateway) gateway = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GInputStream) stdin_stream = NULL;
  g_autofree char *account = NULL;
  g_autofree char *state = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *cash = NULL;
  AuGatewayConfig config;
  int port = AU_GATEWAY_DEFAULT_PORT;
  gint64 seed = 1;
  double speed = 1.0;
  int drop_after = 0, delay = 0, reject = 0, lower = 0;
  gboolean malformed = FALSE, no_demo = FALSE;
  App app = { 0 };
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      "Port on 127.0.0.1 (default 4002; 0: any free)", "P" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the paper market (default 1)", "N" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account,
      "Paper account id (default DU1234567)", "DU…" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      "Keep the broker's state in FILE (and FILE.gateway); a restart on it is the same broker",
      "FILE" },
    { "clock", 0, 0, G_OPTION_ARG_STRING, &clock,
      "Start the simulated clock here, ISO 8601 with offset (default: the wall clock)", "DATETIME" },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed,
      "Simulated seconds per real second (default 1; 3600 = an hour a second)", "X" },
    { "cash", 0, 0, G_OPTION_ARG_STRING, &cash,
      "A new account's cash in dollars (default 100000; a saved state keeps its own)", "C" },
    { "no-demo", 0, 0, G_OPTION_ARG_NONE, &no_demo,
      "A new account holds only its cash: no demo shares or short put", NULL },
    { "drop-after", 0, 0, G_OPTION_ARG_INT, &drop_after,
      "Fault: close a connection after its Nth request", "N" },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, "Fault: hold every reply D milliseconds", "D" },
    { "reject-orders", 0, 0, G_OPTION_ARG_INT, &reject,
      "Fault: refuse every order with this ERR_MSG code (e.g. 201)", "CODE" },
    { "lower-next-id", 0, 0, G_OPTION_ARG_INT, &lower,
      "Fault: announce NEXT_VALID_ID K below the true next id", "K" },
    { "malformed", 0, 0, G_OPTION_ARG_NONE, &malformed,
      "Fault: send malformed frames after START_API's replies", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* stdout carries the port (tests read its first line), then only the
   * answer to each "speed X" control: "speed X from USEC". */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new ("- a TWS API gateway simulator on the paper market");
  g_option_context_set_description (context,
    "Speaks the TWS socket protocol (server version 176) on 127.0.0.1 only and prints the\n"
    "port it listens on as the first line of stdout. A new account holds the cash, 100\n"
    "AAPL shares and one short AAPL put, so every reply has content; --no-demo leaves\n"
    "the cash alone, an account a new autopilot ledger of the same capital matches.\n"
    "Control lines on stdin: 1100, 1101, 1102 (that notice to every client), drop,\n"
    "malformed, reject CODE, delay MS, drop-after N (0 turns a switch off), speed X\n"
    "(the clock's pace from now on; answered on stdout with \"speed X from USEC\", the\n"
    "simulated time it took effect, µs since the epoch).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("alluse-gateway-sim: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || seed < 0 || drop_after < 0 || delay < 0 || delay > 600000 ||
      reject < 0 || lower < 0)
    {
      g_printerr ("alluse-gateway-sim: --port is 0…65535; --seed, --drop-after, --delay "
                  "(at most 600000), --reject-orders and --lower-next-id are not negative\n");
      return 2;
    }

  au_gateway_config_init (&config);
  config.port = (guint16) port;
  config.seed = (guint64) seed;
  if (account != NULL)
    config.account = account;
  config.state_path = state;
  config.speed = speed;
  config.drop_after = (guint) drop_after;
  config.delay_ms = (guint) delay;
  config.reject_code = reject;
  config.lower_next_id = lower;
  config.malformed = malformed;
  config.no_demo = no_demo;
  if (cash != NULL && (!au_money_parse (cash, &config.cash, &error) || config.cash < 0))
    {
      g_printerr ("alluse-gateway-sim: --cash: %s\n",
                  error != NULL ? error->message : "must not be negative");
      return 2;
    }
  if (!parse_clock (clock, &config.clock, &error))
    {
      g_printerr ("alluse-gateway-sim: %s\n", error->message);
      return 2;
    }

  gateway = au_gateway_new (&config, &error);
  if (gateway == NULL || !au_gateway_start (gateway, &error))
    {
      g_printerr ("alluse-gateway-sim: %s\n", error->message);
      return 1;
    }
  g_print ("%u\n", au_gateway_get_port (gateway));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  app.gateway = gateway;
  app.loop = loop;
  app.status = EXIT_SUCCESS;
  g_unix_signal_add (SIGTERM, on_stop_signal, &app);
  g_unix_signal_add (SIGINT, on_stop_signal, &app);

  stdin_stream = g_unix_input_stream_new (0, FALSE);
  app.control = g_data_input_stream_new (stdin_stream);
  read_control (&app);

  g_main_loop_run (loop);
  g_clear_object (&app.control);
  return app.status;
}

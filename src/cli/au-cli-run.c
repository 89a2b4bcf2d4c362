/* au-cli-run.c: alluse-cli run — the live loop on the paper market or IB (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include "au-cli.h"
#include "au-engine.h"
#include "au-market-calendar.h"
#include "au-money.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli run (--paper [--seed N] [--capital C] [--start DATE]\n"
           "                       | --ib [--host H] [--port P] [--client-id N] [--account A]\n"
           "                         [--capital C])\n"
           "                      [--db FILE] [--speed X] [--until DATETIME] [--unattended]\n"
           "                      [--json]\n"
           "\n"
           "Runs the autopilot on its engine thread until SIGINT or SIGTERM (a clean\n"
           "stop) or until the engine's clock reaches --until. Events are printed as\n"
           "they come, one line each (JSON lines with --json); logs go to stderr.\n"
           "Run again on the same database and it resumes where it stopped — the same\n"
           "portfolio, the same simulated time, no order sent twice — after a clean\n"
           "stop or a crash alike. Exit 0 on a clean stop, 1 when the engine died,\n"
           "2 on bad arguments.\n"
           "\n"
           "--paper          the embedded paper market (the default)\n"
           "--seed N         the paper market's seed (default 42; first run only)\n"
           "--capital C      the starting capital in dollars (default 300000; first run\n"
           "                 only); with --ib, the part of the IB account the autopilot\n"
           "                 manages\n"
           "--start DATE     the paper market's first session, YYYY-MM-DD (default: today;\n"
           "                 first run only)\n"
           "--ib             TWS / IB Gateway (or alluse-gateway-sim)\n"
           "--host H         the gateway's host (default 127.0.0.1)\n"
           "--port P         the gateway's port (default 4002)\n"
           "--client-id N    our client id (default 1)\n"
           "--account A      the IB account (default: the first managed one)\n"
           "--db FILE        the database (default: $XDG_DATA_HOME/alluse/autopilot.db)\n"
           "--speed X        how much faster than real time the paper clock runs\n"
           "                 (3600: an hour a second; default 1). The clock stands still\n"
           "                 while the autopilot waits on the market, so a quote is as\n"
           "                 fresh at any speed. With --ib the clock is the gateway's\n"
           "                 and runs at its pace (alluse-gateway-sim --speed X)\n"
           "--until DATETIME stop with the engine's clock exactly there: ISO 8601 with an\n"
           "                 offset (2026-11-20T16:00:00-05:00), or without one in New\n"
           "                 York time (2026-11-20T16:00), or a date (midnight, New York)\n"
           "--unattended     nobody is there to reset a latch: the constitution's policy\n"
           "                 resets them (D2.26)\n"
           "--json           one JSON object per event on standard output\n");
}

typedef struct
{
  GMainLoop *loop;
  AuEngine  *engine;
  gboolean   json;
  gboolean   stop_asked;
  GError    *death;
  AuEngineSnapshot *last;
} Run;

/* A DATETIME for --until: an explicit offset wins, else New York time. */
static gboolean
parse_until (const char  *text,
             gint64      *usec,
             GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) local_error = NULL;

  time = au_eastern_from_iso8601 (text, &local_error);
  if (time == NULL)
    {
      g_autofree char *full = NULL;

      /* A date alone is its midnight; a time without offset is New York's,
       * and GLib wants its seconds. */
      if (strlen (text) == strlen ("2026-11-20"))
        full = g_strconcat (text, "T00:00:00", NULL);
      else if (strlen (text) == strlen ("2026-11-20T16:00"))
        full = g_strconcat (text, ":00", NULL);
      else
        full = g_strdup (text);
      time = g_date_time_new_from_iso8601 (full, au_eastern_time_zone ());
    }
  if (time == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--until: “%s” is not a date and time (e.g. 2026-11-20T16:00:00-05:00)",
                   text);
      return FALSE;
    }
  *usec = g_date_time_to_unix (time) * G_USEC_PER_SEC;
  return TRUE;
}

static gboolean
parse_start (const char  *text,
             GDate       *date,
             GError     **error)
{
  unsigned year, month, day;
  char tail;

  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
      || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--start: “%s” is not a date (YYYY-MM-DD)", text);
      return FALSE;
    }
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static AuEngineConfig *
parse_options (int       *argc,
               char    ***argv,
               gboolean  *json,
               gboolean  *help,
               GError   **error)
{
  gboolean paper = FALSE, ib = FALSE, unattended = FALSE;
  gint64 seed = 42;
  int port = 4002, client_id = 1;
  double speed = 1.0;
  g_autofree char *capital = NULL;
  g_autofree char *start = NULL;
  g_autofree char *host = NULL;
  g_autofree char *account = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *until = NULL;
  GOptionEntry entries[] = {
    { "paper", 0, 0, G_OPTION_ARG_NONE, &paper, NULL, NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, NULL, NULL },
    { "capital", 0, 0, G_OPTION_ARG_STRING, &capital, NULL, NULL },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, NULL, NULL },
    { "ib", 0, 0, G_OPTION_ARG_NONE, &ib, NULL, NULL },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, NULL, NULL },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, NULL, NULL },
    { "client-id", 0, 0, G_OPTION_ARG_INT, &client_id, NULL, NULL },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, NULL, NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, NULL, NULL },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed, NULL, NULL },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, NULL, NULL },
    { "unattended", 0, 0, G_OPTION_ARG_NONE, &unattended, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, json, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, help, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(AuEngineConfig) config = NULL;

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return NULL;
  if (*help)
    return NULL;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unexpected argument “%s”", (*argv)[1]);
      return NULL;
    }
  if (paper && ib)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--paper and --ib: choose one broker");
      return NULL;
    }
  /* D4: with IB the engine's clock is the gateway's, at its pace. */
  if (ib && speed != 1.0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--speed is for --paper; with --ib the clock runs at the gateway's "
                           "pace (alluse-gateway-sim --speed X)");
      return NULL;
    }
  if (ib && start != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--start is for --paper; with --ib the market is the real one");
      return NULL;
    }
  if (seed < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--seed: %" G_GINT64_FORMAT " is negative", seed);
      return NULL;
    }
  if (port <= 0 || port > 65535)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--port: %d is not a TCP port", port);
      return NULL;
    }

  if (db_path == NULL)
    db_path = au_cli_default_db_path ();
  config = au_engine_config_new (db_path);
  config->broker = ib ? AU_ENGINE_BROKER_IB : AU_ENGINE_BROKER_PAPER;
  config->paper_seed = (guint64) seed;
  if (capital != NULL && !au_money_parse (capital, &config->paper_capital, error))
    {
      g_prefix_error (error, "--capital: ");
      return NULL;
    }
  if (start != NULL && !parse_start (start, &config->paper_start, error))
    return NULL;
  config->speed = speed;
  if (host != NULL)
    {
      g_free (config->ib_host);
      config->ib_host = g_steal_pointer (&host);
    }
  config->ib_port = (guint16) port;
  config->ib_client_id = client_id;
  config->ib_account = g_steal_pointer (&account);
  if (until != NULL && !parse_until (until, &config->until_usec, error))
    return NULL;
  config->unattended = unattended;
  if (!au_engine_config_validate (config, error))
    {
      g_prefix_error (error, "--");
      return NULL;
    }
  return g_steal_pointer (&config);
}

static void
on_event (AuEngine      *engine,
          AuEngineEvent *event,
          Run           *run)
{
  if (run->json)
    {
      g_autoptr(JsonNode) node = au_engine_event_to_json (event);

      au_cli_print_json (node, FALSE);
    }
  else
    {
      g_autofree char *line = au_engine_event_to_line (event);

      printf ("%s\n", line);
      fflush (stdout);
    }
}

static void
on_state_changed (AuEngine   *engine,
                  guint       state,
                  const char *reason,
                  Run        *run)
{
  g_message ("State: %s — %s", au_system_state_to_string (state), reason != NULL ? reason : "");
}

static void
on_snapshot (AuEngine         *engine,
             AuEngineSnapshot *snapshot,
             Run              *run)
{
  g_clear_pointer (&run->last, au_engine_snapshot_unref);
  run->last = au_engine_snapshot_ref (snapshot);
}

static void
on_stopped (AuEngine     *engine,
            const GError *error,
            Run          *run)
{
  if (error != NULL)
    run->death = g_error_copy (error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_signal (gpointer user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (run->stop_asked)
    return G_SOURCE_CONTINUE;
  run->stop_asked = TRUE;
  g_message ("Stopping cleanly…");
  /* The engine persists its clock, tells the autopilot and ends its
   * thread; ::stopped ends the loop here. */
  if (!au_engine_request_stop (run->engine, &error))
    g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

/* Also declared in au-cli.h with the other command groups. */

int
au_cli_run_main (int    argc,
                 char **argv)
{
  g_autoptr(AuEngineConfig) config = NULL;
  g_autoptr(AuEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE, help = FALSE;
  guint sigint, sigterm;
  Run run = { 0 };

  config = parse_options (&argc, &argv, &json, &help, &error);
  if (help)
    {
      print_usage (stdout);
      return AU_CLI_EXIT_OK;
    }
  if (config == NULL)
    {
      fprintf (stderr, "alluse-cli run: %s\n\n", error->message);
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  engine = au_engine_new (config);
  run.loop = loop;
  run.engine = engine;
  run.json = json;
  g_signal_connect (engine, "event", G_CALLBACK (on_event), &run);
  g_signal_connect (engine, "state-changed", G_CALLBACK (on_state_changed), &run);
  g_signal_connect (engine, "snapshot", G_CALLBACK (on_snapshot), &run);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_stopped), &run);
  sigint = g_unix_signal_add (SIGINT, on_signal, &run);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &run);

  if (!au_engine_start (engine, &error))
    {
      fprintf (stderr, "alluse-cli run: %s\n", error->message);
      g_source_remove (sigint);
      g_source_remove (sigterm);
      return AU_CLI_EXIT_USAGE;
    }
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (!au_engine_stop (engine, 30000, &error))
    {
      fprintf (stderr, "alluse-cli run: %s\n", error->message);
      return AU_CLI_EXIT_REJECTED;
    }
  if (run.last != NULL)
    {
      g_autofree char *time = au_engine_format_time (run.last->time);

      g_message ("Stopped at %s (engine time), %s", time,
                 au_system_state_to_string (run.last->state));
      g_clear_pointer (&run.last, au_engine_snapshot_unref);
    }
  if (run.death != NULL)
    {
      fprintf (stderr, "alluse-cli run: %s\n", run.death->message);
      g_clear_error (&run.death);
      return AU_CLI_EXIT_REJECTED;
    }
  return AU_CLI_EXIT_OK;
}

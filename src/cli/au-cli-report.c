/* au-cli-report.c: alluse-cli report | report serve | report explain (WS5)
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
#include "au-database.h"
#include "au-report-server.h"
#include "au-report.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli report [--db FILE] --period week|month|quarter [--date YYYY-MM-DD]\n"
           "                         [--format text|json|csv|pdf] [--output FILE] [--json]\n"
           "       alluse-cli report serve [--db FILE] [--port P]\n"
           "       alluse-cli report explain [--db FILE] [--period P] [--date YYYY-MM-DD]\n"
           "                                 [--json] \"QUESTION\"\n"
           "\n"
           "report   the period holding --date (default: the day of the ledger's newest\n"
           "         transaction), on the NYSE calendar in ET: equity, deposits and\n"
           "         transfers, premium income net of commissions, realized and unrealized\n"
           "         P&L apart, assignments, week types, orders, fills, rules rejections,\n"
           "         protocol escalations, forks, merges, the LEAP ladder and the tax\n"
           "         reserve, per account and in total. Read-only.\n"
           "serve    the same as a local HTTP API on 127.0.0.1 (prints its URL):\n"
           "           GET /v1/reports/{week|month|quarter}[.csv|.pdf]?date=YYYY-MM-DD\n"
           "           GET /v1/explain?q=QUESTION&period=week&date=YYYY-MM-DD\n"
           "         A quarter includes its LEAP ladder report (R17.4: rungs, deltas at\n"
           "         purchase, costs, states, rolls and what the review decided); a week\n"
           "         or month includes it when the quarter's review fell in it.\n"
           "explain  answers “How much did I earn this week?”, “Why did it (not) roll?”,\n"
           "         “What was the week type and why?”, “Why was the week Hedged?”,\n"
           "         “What does the LEAP ladder hold?”, “What is realized vs unrealized?”\n"
           "\n"
           "--db FILE      the database (default: $XDG_DATA_HOME/alluse/autopilot.db)\n"
           "--period P     week (Monday to Sunday), month or quarter (default week)\n"
           "--format F     text (default), json (canonical, money in cents), csv or pdf\n"
           "--output FILE  write there instead of standard output\n"
           "--json         the same as --format json\n"
           "--port P       the port to listen on (default 0: any free port)\n");
}

typedef struct
{
  char     *db_path;
  char     *period;
  char     *date;
  char     *format;
  char     *output;
  gboolean  json;
  int       port;
  gboolean  help;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->db_path);
  g_free (o->period);
  g_free (o->date);
  g_free (o->format);
  g_free (o->output);
}

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *o,
               GError   **error)
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &o->db_path, "The database", "FILE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &o->period, "week, month or quarter", "P" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o->date, "A day of the period", "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o->format, "text, json, csv or pdf", "F" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &o->output, "The file to write", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, "JSON on standard output", NULL },
    { "port", 0, 0, G_OPTION_ARG_INT, &o->port, "The port to listen on", "P" },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &o->help, "Show help", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

static AuReport *
open_report (const Options  *o,
             GError        **error)
{
  g_autoptr(AuDatabase) db = NULL;
  g_autofree char *default_path = NULL;
  AuReportPeriod period = AU_REPORT_WEEK;
  GDate date;

  if (o->period != NULL && !au_report_period_from_string (o->period, &period))
    {
      g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_INVALID,
                   "--period: “%s” is not week, month or quarter", o->period);
      return NULL;
    }
  if (o->date != NULL && !au_report_parse_date (o->date, "--date", &date, error))
    return NULL;
  if (o->db_path == NULL)
    default_path = au_cli_default_db_path ();
  db = au_database_open (o->db_path != NULL ? o->db_path : default_path, AU_DATABASE_READ_ONLY,
                         error);
  if (db == NULL)
    return NULL;
  return au_report_new (db, period, o->date != NULL ? &date : NULL, error);
}

static gboolean
write_output (const char  *path,
              const void  *data,
              gsize        length,
              GError     **error)
{
  if (path != NULL)
    return g_file_set_contents (path, data, length, error);
  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "cannot write to standard output");
      return FALSE;
    }
  return TRUE;
}

static int
run_report (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReport) report = NULL;
  const char *format = o->json ? "json" : o->format != NULL ? o->format : "text";
  gboolean ok;

  if (!g_str_equal (format, "text") && !g_str_equal (format, "json")
      && !g_str_equal (format, "csv") && !g_str_equal (format, "pdf"))
    {
      fprintf (stderr, "alluse-cli report: --format: “%s” is not text, json, csv or pdf\n",
               format);
      return AU_CLI_EXIT_USAGE;
    }
  report = open_report (o, &error);
  if (report == NULL)
    {
      fprintf (stderr, "alluse-cli report: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  if (g_str_equal (format, "pdf"))
    {
      g_autoptr(GBytes) pdf = au_report_to_pdf (report, NULL, &error);
      gsize length = 0;
      const void *data = pdf != NULL ? g_bytes_get_data (pdf, &length) : NULL;

      ok = pdf != NULL && write_output (o->output, data, length, &error);
    }
  else
    {
      g_autofree char *text = NULL;

      if (g_str_equal (format, "json"))
        {
          g_autofree char *json = au_report_to_json (report);

          text = g_strconcat (json, "\n", NULL);
        }
      else if (g_str_equal (format, "csv"))
        text = au_report_to_csv (report);
      else
        text = au_report_to_text (report);
      ok = write_output (o->output, text, strlen (text), &error);
    }
  if (!ok)
    {
      fprintf (stderr, "alluse-cli report: %s\n", error->message);
      return AU_CLI_EXIT_REJECTED;
    }
  return AU_CLI_EXIT_OK;
}

static int
run_explain (const Options  *o,
             const char     *question)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReport) report = open_report (o, &error);
  g_autofree char *answer = NULL;

  if (report == NULL)
    {
      fprintf (stderr, "alluse-cli report explain: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  answer = au_report_explain (report, question);
  if (o->json || g_strcmp0 (o->format, "json") == 0)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "question");
      json_builder_add_string_value (b, question);
      json_builder_set_member_name (b, "period");
      json_builder_add_string_value (b, au_report_period_to_string (au_report_get_period (report)));
      json_builder_set_member_name (b, "answer");
      json_builder_add_string_value (b, answer);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      au_cli_print_json (node, FALSE);
    }
  else
    printf ("%s\n", answer);
  return AU_CLI_EXIT_OK;
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
run_serve (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReportServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *url = NULL;

  if (o->port < 0 || o->port > G_MAXUINT16)
    {
      fprintf (stderr, "alluse-cli report serve: --port: %d is not a port (0–65535)\n", o->port);
      return AU_CLI_EXIT_USAGE;
    }
  if (o->db_path == NULL)
    default_path = au_cli_default_db_path ();
  server = au_report_server_new (o->db_path != NULL ? o->db_path : default_path,
                                 (guint) o->port, &error);
  if (server == NULL)
    {
      fprintf (stderr, "alluse-cli report serve: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  url = au_report_server_dup_url (server);
  printf ("%s\n", url);
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  return AU_CLI_EXIT_OK;
}

int
au_cli_report_main (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  Options o = { 0 };
  const char *action = NULL;
  int status;

  if (!parse_options (&argc, &argv, &o, &error))
    {
      fprintf (stderr, "alluse-cli report: %s\n\n", error->message);
      print_usage (stderr);
      options_clear (&o);
      return AU_CLI_EXIT_USAGE;
    }
  if (o.help)
    {
      print_usage (stdout);
      options_clear (&o);
      return AU_CLI_EXIT_OK;
    }
  if (argc > 1)
    action = argv[1];
  if (action == NULL)
    status = run_report (&o);
  else if (g_str_equal (action, "serve") && argc == 2)
    status = run_serve (&o);
  else if (g_str_equal (action, "explain") && argc == 3)
    status = run_explain (&o, argv[2]);
  else
    {
      fprintf (stderr, "alluse-cli report: unexpected argument “%s”%s\n\n", action,
               g_str_equal (action, "explain") ? " (give one quoted question)" : "");
      print_usage (stderr);
      status = AU_CLI_EXIT_USAGE;
    }
  options_clear (&o);
  return status;
}

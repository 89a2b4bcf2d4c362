/* au-cli-earnings.c: alluse-cli earnings import | list (D2.28)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "au-cli.h"
#include "au-database.h"
#include "au-earnings-store.h"
#include "au-market-calendar.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli earnings import [--db FILE] [--as-of DATETIME] [--json] CSV\n"
           "       alluse-cli earnings list [--db FILE] [--json]\n"
           "\n"
           "import  stores the earnings dates of a CSV file (CSV, or - for standard input)\n"
           "        for the IB broker, which gets none from the gateway (D2.28). One\n"
           "        \"symbol,date\" per line, date YYYY-MM-DD; a \"symbol,date\" header,\n"
           "        blank lines and # comments are skipped; \"SYMBOL,\" names a symbol\n"
           "        with no report ahead (an ETF). Each symbol's latest import is its\n"
           "        calendar; it goes stale 7 days after the import, and then, as for a\n"
           "        symbol never imported, no put is written on it. A bad line fails\n"
           "        the import, named by its line number, and nothing is stored.\n"
           "list    prints each symbol's imported dates and when they were imported.\n"
           "\n"
           "--db FILE         the database (default: $XDG_DATA_HOME/alluse/autopilot.db)\n"
           "--as-of DATETIME  the import's time, ISO 8601 with an offset (default: now);\n"
           "                  for a gateway simulator whose clock is not the wall clock\n"
           "--json            print the result as JSON\n");
}

typedef struct
{
  char     *db_path;
  char     *as_of;
  gboolean  json;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->db_path);
  g_free (options->as_of);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
parse_options (int        *argc,
               char     ***argv,
               Options    *options,
               GError    **error)
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path, "The database", "FILE" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &options->as_of, "The import's time", "DATETIME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, "Print the result as JSON", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

static char *
format_usec (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return au_eastern_format (utc);
}

static int
run_import (const Options *options,
            const char    *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(AuEarningsStore) store = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;
  gsize length = 0;
  gint64 imported_at;
  guint n_symbols = 0, n_dates = 0;

  if (options->as_of != NULL)
    {
      g_autoptr(GDateTime) time = au_eastern_from_iso8601 (options->as_of, &error);

      if (time == NULL)
        {
          fprintf (stderr, "alluse-cli earnings import: --as-of: %s\n", error->message);
          return AU_CLI_EXIT_USAGE;
        }
      imported_at = g_date_time_to_unix (time) * G_USEC_PER_SEC;
    }
  else
    imported_at = g_get_real_time ();

  text = au_cli_read_input (csv_path, &length, &error);
  if (text == NULL)
    {
      fprintf (stderr, "alluse-cli earnings import: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  db = au_database_open (options->db_path, AU_DATABASE_READ_WRITE, &error);
  if (db != NULL)
    store = au_earnings_store_new (db, &error);
  if (store == NULL)
    {
      fprintf (stderr, "alluse-cli earnings import: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  if (!au_earnings_store_import (store, text, length, imported_at, &n_symbols, &n_dates, &error))
    {
      fprintf (stderr, "alluse-cli earnings import: %s: %s\n", csv_path, error->message);
      return AU_CLI_EXIT_USAGE;
    }

  when = format_usec (imported_at);
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "symbols");
      json_builder_add_int_value (builder, n_symbols);
      json_builder_set_member_name (builder, "dates");
      json_builder_add_int_value (builder, n_dates);
      json_builder_set_member_name (builder, "imported_at");
      json_builder_add_string_value (builder, when);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      au_cli_print_json (node, FALSE);
    }
  else
    printf ("imported %u earnings date(s) of %u symbol(s) at %s\n", n_dates, n_symbols, when);
  return AU_CLI_EXIT_OK;
}

static gboolean
is_stale (const AuEarningsEntry *entry,
          gint64                 now)
{
  return now - entry->imported_at > (gint64) AU_EARNINGS_STALE_DAYS * 24 * 3600 * G_USEC_PER_SEC;
}

static int
run_list (const Options *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(AuEarningsStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 now = g_get_real_time ();

  db = au_database_open (options->db_path, AU_DATABASE_READ_ONLY, &error);
  if (db != NULL)
    store = au_earnings_store_new (db, &error);
  if (store != NULL)
    entries = au_earnings_store_list (store, &error);
  if (entries == NULL)
    {
      fprintf (stderr, "alluse-cli earnings list: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }

  if (!options->json && entries->len == 0)
    printf ("no earnings dates imported: use “alluse-cli earnings import --db FILE CSV”\n");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const AuEarningsEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = format_usec (entry->imported_at);
      char date[16] = "";

      if (g_date_valid (&entry->date))
        g_date_strftime (date, sizeof date, "%Y-%m-%d", &entry->date);
      if (!options->json)
        {
          printf ("%-8s %-10s imported %s%s\n", entry->symbol, date[0] ? date : "(none)", when,
                  is_stale (entry, now) ? " (stale)" : "");
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "symbol");
      json_builder_add_string_value (builder, entry->symbol);
      json_builder_set_member_name (builder, "date");
      if (date[0] != '\0')
        json_builder_add_string_value (builder, date);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "imported_at");
      json_builder_add_string_value (builder, when);
      json_builder_set_member_name (builder, "stale");
      json_builder_add_boolean_value (builder, is_stale (entry, now));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (options->json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (builder);

      au_cli_print_json (node, FALSE);
    }
  return AU_CLI_EXIT_OK;
}

int
au_cli_earnings_main (int    argc,
                      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Options) options = { 0 };
  const char *command;

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? AU_CLI_EXIT_USAGE : AU_CLI_EXIT_OK;
    }
  command = argv[1];
  argc--;
  argv++;
  if (strcmp (command, "import") != 0 && strcmp (command, "list") != 0)
    {
      fprintf (stderr, "alluse-cli earnings: unknown command “%s”\n\n", command);
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      {
        print_usage (stdout);
        return AU_CLI_EXIT_OK;
      }
  if (!parse_options (&argc, &argv, &options, &error))
    {
      fprintf (stderr, "alluse-cli earnings %s: %s\n", command, error->message);
      return AU_CLI_EXIT_USAGE;
    }
  if (options.db_path == NULL)
    options.db_path = au_cli_default_db_path ();

  if (strcmp (command, "list") == 0)
    {
      if (argc > 1 || options.as_of != NULL)
        {
          fprintf (stderr, "alluse-cli earnings list: %s does not apply\n",
                   argc > 1 ? argv[1] : "--as-of");
          return AU_CLI_EXIT_USAGE;
        }
      return run_list (&options);
    }
  if (argc != 2)
    {
      fprintf (stderr, "alluse-cli earnings import: %s\n",
               argc < 2 ? "the CSV file to import is missing (or - for standard input)"
                        : "one CSV file at a time");
      return AU_CLI_EXIT_USAGE;
    }
  return run_import (&options, argv[1]);
}

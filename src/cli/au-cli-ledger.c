/* au-cli-ledger.c: alluse-cli ledger check | export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>

#include "au-cli.h"
#include "au-database.h"
#include "au-ledger-check.h"
#include "au-ledger-export.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli ledger check [--db FILE] [--json]\n"
           "       alluse-cli ledger export [--db FILE] [--csv]\n"
           "\n"
           "check   proves the double-entry ledger: every transaction balances, every\n"
           "        cached balance equals the sum of its postings, the hash chain is\n"
           "        intact and no row refers to a missing one. Read-only. Exit 0 when\n"
           "        it holds, 1 naming the first fault, 2 when the file cannot be read.\n"
           "export  writes every posting as CSV (R10.3) on standard output.\n"
           "\n"
           "--db FILE  the database (default: $XDG_DATA_HOME/alluse/autopilot.db)\n");
}

static gboolean
parse_options (int         *argc,
               char      ***argv,
               char       **db_path,
               gboolean    *json,
               gboolean    *csv,
               GError     **error)
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, db_path, "The database", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, json, "Print the result as JSON", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, csv, "Export as CSV (the default)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unexpected argument “%s”", (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
result_to_json (const AuLedgerCheckResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, result->ok);
  json_builder_set_member_name (builder, "transactions");
  json_builder_add_int_value (builder, result->transactions);
  json_builder_set_member_name (builder, "postings");
  json_builder_add_int_value (builder, result->postings);
  json_builder_set_member_name (builder, "books");
  json_builder_add_int_value (builder, result->books);
  if (result->ok)
    {
      json_builder_set_member_name (builder, "head");
      if (result->head != NULL)
        json_builder_add_string_value (builder, result->head);
      else
        json_builder_add_null_value (builder);
    }
  else
    {
      json_builder_set_member_name (builder, "fault");
      json_builder_add_string_value (builder, au_ledger_fault_to_string (result->fault));
      json_builder_set_member_name (builder, "transaction");
      if (result->transaction_id > 0)
        json_builder_add_int_value (builder, result->transaction_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "book");
      if (result->book_id > 0)
        json_builder_add_int_value (builder, result->book_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "problem");
      json_builder_add_string_value (builder, result->problem);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
run_check (const char *db_path,
           gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = NULL;
  AuLedgerCheckResult result;
  int status;

  db = au_database_open (db_path, AU_DATABASE_READ_ONLY, &error);
  if (db == NULL || !au_ledger_check (db, &result, &error))
    {
      fprintf (stderr, "alluse-cli ledger check: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = result_to_json (&result);

      au_cli_print_json (node, FALSE);
    }
  else if (result.ok)
    printf ("ledger ok: %" G_GINT64_FORMAT " transactions, %" G_GINT64_FORMAT " postings, %"
            G_GINT64_FORMAT " book accounts; head %s\n", result.transactions, result.postings,
            result.books, result.head != NULL ? result.head : "(empty)");
  else
    printf ("ledger FAULT (%s): %s\n", au_ledger_fault_to_string (result.fault), result.problem);

  status = result.ok ? AU_CLI_EXIT_OK : AU_CLI_EXIT_REJECTED;
  au_ledger_check_result_clear (&result);
  return status;
}

static int
run_export (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(GOutputStream) out = NULL;

  db = au_database_open (db_path, AU_DATABASE_READ_ONLY, &error);
  if (db == NULL)
    {
      fprintf (stderr, "alluse-cli ledger export: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }

  fflush (stdout);
  out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (!au_ledger_export_csv (db, out, NULL, &error))
    {
      fprintf (stderr, "alluse-cli ledger export: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  return AU_CLI_EXIT_OK;
}

int
au_cli_ledger_main (int    argc,
                    char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  const char *command;
  gboolean json = FALSE;
  gboolean csv = FALSE;

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? AU_CLI_EXIT_USAGE : AU_CLI_EXIT_OK;
    }

  command = argv[1];
  argc--;
  argv++;
  if (strcmp (command, "check") != 0 && strcmp (command, "export") != 0)
    {
      fprintf (stderr, "alluse-cli ledger: unknown command “%s”\n\n", command);
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
      {
        print_usage (stdout);
        return AU_CLI_EXIT_OK;
      }

  if (!parse_options (&argc, &argv, &db_path, &json, &csv, &error))
    {
      fprintf (stderr, "alluse-cli ledger %s: %s\n", command, error->message);
      return AU_CLI_EXIT_USAGE;
    }
  if ((strcmp (command, "check") == 0 && csv) || (strcmp (command, "export") == 0 && json))
    {
      fprintf (stderr, "alluse-cli ledger %s: %s does not apply\n", command,
               csv ? "--csv" : "--json");
      return AU_CLI_EXIT_USAGE;
    }
  if (db_path == NULL)
    db_path = au_cli_default_db_path ();

  if (strcmp (command, "check") == 0)
    return run_check (db_path, json);
  return run_export (db_path);
}

/* au-cli-check.c: alluse-cli check, one proposed action judged by the rules engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-cli.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-json.h"
#include "au-proposal.h"
#include "au-rules-engine.h"

static void
print_error (const char *what,
             GError     *error)
{
  fprintf (stderr, "alluse-cli check: %s%s%s\n", what ? what : "", what ? ": " : "",
           error->message);
}

static AuConstitution *
load_constitution (const char  *path,
                   GError     **error)
{
  if (path != NULL)
    return au_constitution_new_from_file (path, error);
  return au_constitution_new_default (error);
}

/* The database that receives the audit record: --db, or the default one
 * whose folder is created on first use. */
static AuDatabase *
open_database (const char  *path,
               GError     **error)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    {
      g_autofree char *folder = NULL;

      default_path = au_cli_default_db_path ();
      folder = g_path_get_dirname (default_path);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "cannot create %s: %s", folder, g_strerror (saved_errno));
          return NULL;
        }
      path = default_path;
    }
  return au_database_open (path, AU_DATABASE_READ_WRITE, error);
}

int
au_cli_check_main (int    argc,
                   char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *constitution_path = NULL;
  g_autofree char *input_path = NULL;
  g_autofree char *input = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuProposal) proposal = NULL;
  g_autoptr(AuConstitution) constitution = NULL;
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(AuAuditLog) audit_log = NULL;
  g_autoptr(AuRulesEngine) engine = NULL;
  g_autoptr(AuVerdict) verdict = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "Record the evaluation in the audit trail of this database (default: "
      "$XDG_DATA_HOME/alluse/autopilot.db)", "FILE" },
    { "constitution", 0, 0, G_OPTION_ARG_FILENAME, &constitution_path,
      "Judge against this constitution file instead of the built-in v1.3", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &input_path,
      "The proposed action as JSON, or - for standard input", "FILE|-" },
    { NULL }
  };

  context = g_option_context_new ("— judge one proposed action against the constitution");
  g_option_context_set_summary (context,
                                "Prints the verdict as JSON on standard output and records it "
                                "in the audit trail; changes nothing else.\n"
                                "Exit status: 0 approved (APPROVED or WARNING), 1 rejected, "
                                "2 malformed input or an error before judging.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      print_error (NULL, error);
      return AU_CLI_EXIT_USAGE;
    }
  if (input_path == NULL || argc > 1)
    {
      fprintf (stderr, "alluse-cli check: %s\n",
               input_path == NULL ? "--json FILE|- is required" : "unexpected argument");
      return AU_CLI_EXIT_USAGE;
    }

  /* Everything that can be malformed is read before the database is
   * touched, so bad input leaves no trace. */
  input = au_cli_read_input (input_path, &length, &error);
  if (input == NULL)
    {
      print_error (input_path, error);
      return AU_CLI_EXIT_USAGE;
    }
  proposal = au_proposal_new_from_data (input, (gssize) length, &error);
  if (proposal == NULL)
    {
      print_error (NULL, error);
      return AU_CLI_EXIT_USAGE;
    }
  constitution = load_constitution (constitution_path, &error);
  if (constitution == NULL)
    {
      print_error ("constitution", error);
      return AU_CLI_EXIT_USAGE;
    }

  database = open_database (db_path, &error);
  if (database == NULL)
    {
      print_error ("database", error);
      return AU_CLI_EXIT_USAGE;
    }
  audit_log = au_audit_log_new (database, &error);
  if (audit_log == NULL)
    {
      print_error ("audit trail", error);
      return AU_CLI_EXIT_USAGE;
    }

  engine = au_rules_engine_new (constitution, audit_log);
  au_rules_engine_set_actor (engine, "cli");
  verdict = au_rules_engine_evaluate (engine, proposal, &error);
  if (verdict == NULL)
    {
      print_error ("audit trail", error);
      return AU_CLI_EXIT_USAGE;
    }

  /* Canonical JSON: numbers in their shortest form (0.05, not
   * 0.050000000000000003), the same bytes for the same verdict. */
  output = au_verdict_to_json (verdict, au_constitution_get_sha256 (constitution));
  text = au_json_to_canonical (output);
  printf ("%s\n", text);
  fflush (stdout);
  return au_verdict_is_approved (verdict) ? AU_CLI_EXIT_OK : AU_CLI_EXIT_REJECTED;
}

/* au-cli-audit.c: alluse-cli audit verify | list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "au-audit-log.h"
#include "au-cli.h"
#include "au-database.h"
#include "au-json.h"

#define DEFAULT_LIST_LIMIT 20

static void
print_group_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli audit COMMAND [OPTION…]\n"
           "\n"
           "Commands:\n"
           "  verify   Check the hash chain of the audit trail and name its first broken record\n"
           "  list     Show the newest audit records: what was decided, when, by whom,\n"
           "           under which rules\n"
           "\n"
           "Run “alluse-cli audit COMMAND --help” for the options of a command.\n");
}

/* Parses @argv (the subcommand's name first) with @entries; --help prints
 * and exits 0. Returns FALSE after telling the user what is wrong. */
static gboolean
parse_options (const char    *command,
               const char    *summary,
               GOptionEntry  *entries,
               int            argc,
               char         **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("alluse-cli audit ", command, NULL);
  g_auto(GStrv) args = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  /* GOption prints the program name in its usage line and messages. */
  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      fprintf (stderr, "%s: %s\nRun “%s --help” for the options.\n",
               prgname, error->message, prgname);
      return FALSE;
    }

  if (g_strv_length (args) > 1)
    {
      fprintf (stderr, "%s: unexpected argument “%s”\nRun “%s --help” for the options.\n",
               prgname, args[1], prgname);
      return FALSE;
    }

  return TRUE;
}

static AuDatabase *
open_database (const char *command,
               const char *db_path)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GError) error = NULL;
  AuDatabase *database;

  if (db_path == NULL)
    db_path = default_path = au_cli_default_db_path ();

  /* Read-only: checking or reading the trail never takes the writer lock,
   * so it works while the autopilot runs. */
  database = au_database_open (db_path, AU_DATABASE_READ_ONLY, &error);
  if (database == NULL)
    fprintf (stderr, "alluse-cli audit %s: cannot read the database: %s\n",
             command, error->message);

  return database;
}

static void
print_verify_json (const AuAuditVerifyResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, result->ok);
  json_builder_set_member_name (builder, "records");
  json_builder_add_int_value (builder, result->records);
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
      json_builder_set_member_name (builder, "broken");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, result->broken_seq);
      json_builder_set_member_name (builder, "problem");
      json_builder_add_string_value (builder, result->problem);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  au_cli_print_json (root, FALSE);
}

static void
print_verify_text (const AuAuditVerifyResult *result)
{
  if (result->ok && result->records == 0)
    printf ("The audit trail is empty: nothing has been recorded yet.\n");
  else if (result->ok)
    printf ("The audit trail is intact: %" G_GINT64_FORMAT " record%s, every link checked.\n"
            "Head: %s\n",
            result->records, result->records == 1 ? "" : "s", result->head);
  else
    printf ("The audit trail is BROKEN at record %" G_GINT64_FORMAT ": %s.\n"
            "(%" G_GINT64_FORMAT " record%s in the trail; records from %" G_GINT64_FORMAT
            " on cannot be trusted.)\n",
            result->broken_seq, result->problem,
            result->records, result->records == 1 ? "" : "s", result->broken_seq);
}

static int
verify_main (int    argc,
             char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  AuAuditVerifyResult result = { 0 };
  gboolean json = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "The database to check (default: $XDG_DATA_HOME/alluse/autopilot.db)", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print {\"ok\", \"records\", \"head\"} or {\"ok\", \"records\", \"broken\"} as JSON", NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("verify",
                      "Recomputes the SHA-256 chain of the audit trail from the stored records and\n"
                      "names the first record that was changed, removed, inserted or reordered.\n"
                      "Exit status: 0 intact, 1 broken, 2 the database cannot be read.",
                      entries, argc, argv))
    return AU_CLI_EXIT_USAGE;

  database = open_database ("verify", db_path);
  if (database == NULL)
    return AU_CLI_EXIT_USAGE;

  if (!au_audit_log_verify (database, &result, &error))
    {
      fprintf (stderr, "alluse-cli audit verify: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }

  if (json)
    print_verify_json (&result);
  else
    print_verify_text (&result);

  status = result.ok ? AU_CLI_EXIT_OK : AU_CLI_EXIT_REJECTED;
  au_audit_verify_result_clear (&result);
  return status;
}

static JsonNode *
record_to_json (const AuAuditRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, record->seq);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, record->time);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, record->actor);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, record->kind);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; record->rules[i] != NULL; i++)
    json_builder_add_string_value (builder, record->rules[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, record->verdict);
  json_builder_set_member_name (builder, "violations");
  json_builder_add_value (builder, json_node_copy (record->violations));
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_value (builder, json_node_copy (record->warnings));
  json_builder_set_member_name (builder, "context");
  json_builder_add_value (builder, json_node_copy (record->context));
  json_builder_set_member_name (builder, "constitution");
  json_builder_add_string_value (builder, record->constitution);
  json_builder_set_member_name (builder, "hash");
  json_builder_add_string_value (builder, record->hash);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* A string member, or NULL for anything else: a finding's shape is the
 * writer's, and the list must show whatever it finds. */
static const char *
string_member (JsonNode   *node,
               const char *name)
{
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* One violation or warning: "R1.1  message" when it has the usual
 * {rule, message} form, else its JSON. */
static void
print_finding (const char *label,
               JsonNode   *finding)
{
  const char *rule = string_member (finding, "rule");
  const char *message = string_member (finding, "message");

  if (message != NULL)
    printf ("      %-9s %s%s%s\n", label, rule ? rule : "", rule ? "  " : "", message);
  else
    {
      g_autofree char *text = au_json_to_canonical (finding);
      printf ("      %-9s %s\n", label, text);
    }
}

static void
print_record_text (const AuAuditRecord *record)
{
  g_autofree char *rules = g_strjoinv (", ", record->rules);
  JsonArray *violations = json_node_get_array (record->violations);
  JsonArray *warnings = json_node_get_array (record->warnings);

  printf ("#%-6" G_GINT64_FORMAT " %s  %-6s  %-12s %-9s %s\n",
          record->seq, record->time, record->actor, record->kind, record->verdict,
          *rules != '\0' ? rules : "-");

  for (guint i = 0; i < json_array_get_length (violations); i++)
    print_finding ("violation", json_array_get_element (violations, i));
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    print_finding ("warning", json_array_get_element (warnings, i));
}

static gboolean
parse_limit (const char  *text,
             guint       *limit)
{
  guint64 value = 0;
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, &error))
    {
      fprintf (stderr, "alluse-cli audit list: --limit: “%s” is not a whole number of records "
               "(0 for all)\n", text);
      return FALSE;
    }

  *limit = (guint) value;
  return TRUE;
}

static int
list_main (int    argc,
           char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *limit_text = NULL;
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint limit = DEFAULT_LIST_LIMIT;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "The database to read (default: $XDG_DATA_HOME/alluse/autopilot.db)", "FILE" },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text,
      "Show at most N records (default 20; 0 shows all)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the records as a JSON array, newest first", NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!parse_options ("list",
                      "Shows the newest audit records, newest first: time (the engine's clock),\n"
                      "actor, kind, verdict and the rules applied, with each violation and warning.\n"
                      "It does not check the chain; run “alluse-cli audit verify” for that.",
                      entries, argc, argv))
    return AU_CLI_EXIT_USAGE;

  if (limit_text != NULL && !parse_limit (limit_text, &limit))
    return AU_CLI_EXIT_USAGE;

  database = open_database ("list", db_path);
  if (database == NULL)
    return AU_CLI_EXIT_USAGE;

  records = au_audit_log_list (database, limit, &error);
  if (records == NULL)
    {
      fprintf (stderr, "alluse-cli audit list: %s\n", error->message);
      return g_error_matches (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_BROKEN_CHAIN)
             ? AU_CLI_EXIT_REJECTED : AU_CLI_EXIT_USAGE;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (records->len);

      for (guint i = 0; i < records->len; i++)
        json_array_add_element (array, record_to_json (g_ptr_array_index (records, i)));
      json_node_take_array (root, array);
      au_cli_print_json (root, FALSE);
    }
  else if (records->len == 0)
    printf ("The audit trail has no records yet.\n");
  else
    {
      for (guint i = 0; i < records->len; i++)
        print_record_text (g_ptr_array_index (records, i));
    }

  return AU_CLI_EXIT_OK;
}

int
au_cli_audit_main (int    argc,
                   char **argv)
{
  if (argc < 2)
    {
      print_group_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_group_usage (stdout);
      return AU_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "verify") == 0)
    return verify_main (argc - 1, argv + 1);
  if (strcmp (argv[1], "list") == 0)
    return list_main (argc - 1, argv + 1);

  fprintf (stderr, "alluse-cli audit: unknown command “%s”\n\n", argv[1]);
  print_group_usage (stderr);
  return AU_CLI_EXIT_USAGE;
}

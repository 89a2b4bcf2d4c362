/* test-audit-tamper.c: tampering with the real sqlite3 shell, caught by
 * "alluse-cli audit verify --json" (D3, D4)
 *
 * Seven records are written through the engine; each case copies that
 * database, edits the copy with /usr/bin/sqlite3 as someone with the file
 * would (dropping the append-only triggers first), and runs the command
 * named by $ALLUSE_CLI on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-constitution.h"

#define MIDDLE 4
#define N_RECORDS 7

#define DROP_TRIGGERS \
  "DROP TRIGGER audit_records_no_update; DROP TRIGGER audit_records_no_delete; "

static char *work_dir;
static char *template_path;
static char *constitution_sha;
static char *sqlite3_path;
static const char *cli_path;

typedef struct
{
  const char *time;
  const char *actor;
  const char *kind;
  const char *rules[3];
  const char *context;
  const char *verdict;
  const char *violations;
  const char *warnings;
} Template;

/* A morning of a paper run; record 4, the one tampered with, has every
 * column filled: Δ 0.47 is outside Gen-Acc's 0.40–0.45 (R2.2), and QQQ at
 * 21% of the sleeve is above 80% of the 25% cap (R0.3). */
static const Template records[N_RECORDS] = {
  { "2016-01-07T09:30:00-05:00", "engine", "state", { NULL }, "{\"from\": \"SAFE\", \"to\": \"SCANNING\"}",
    "SCANNING", NULL, NULL },
  { "2016-01-07T10:00:00-05:00", "engine", "rule_check", { "R1.1", "R2.2", NULL },
    "{\"sleeve\": \"gen\", \"symbol\": \"SPY\", \"delta\": 0.42, \"dte\": 1}", "APPROVED", NULL, NULL },
  { "2016-01-07T10:00:01-05:00", "engine", "order", { "R0.5", NULL },
    "{\"client_order_id\": \"au-0002\", \"symbol\": \"SPY\", \"limit\": \"1.14\", \"contracts\": 10}",
    "SUBMITTED", NULL, NULL },
  { "2016-01-07T10:15:00-05:00", "engine", "rule_check", { "R1.1", "R2.2", NULL },
    "{\"sleeve\": \"gen\", \"symbol\": \"QQQ\", \"delta\": 0.47, \"dte\": 1, \"exposure\": 0.21}",
    "REJECTED",
    "[{\"rule\": \"R2.2\", \"message\": \"delta 0.47 is outside 0.40-0.45\"}]",
    "[{\"rule\": \"R0.3\", \"message\": \"QQQ at 21% is above 80% of the 25% cap\"}]" },
  { "2016-01-07T10:20:00-05:00", "engine", "fill", { NULL },
    "{\"client_order_id\": \"au-0002\", \"filled\": 10, \"price\": \"1.13\"}", "FILLED", NULL, NULL },
  { "2016-01-07T12:00:00-05:00", "user", "reset", { "R6.5", NULL },
    "{\"reason\": \"checked the position by hand\"}", "L0", NULL, NULL },
  { "2016-01-08T16:30:00-05:00", "policy", "state", { "R1.2", NULL }, "{\"vix\": 22.5}", "SAFE", NULL, NULL },
};

static JsonNode *
parse_or_null (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL)
      || json_parser_get_root (parser) == NULL)
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
write_template (void)
{
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(AuConstitution) constitution = NULL;
  g_autoptr(GError) error = NULL;

  constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  constitution_sha = g_strdup (au_constitution_get_sha256 (constitution));

  database = au_database_open (template_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  log = au_audit_log_new (database, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autoptr(JsonNode) context = parse_or_null (records[i].context);
      g_autoptr(JsonNode) violations = parse_or_null (records[i].violations);
      g_autoptr(JsonNode) warnings = parse_or_null (records[i].warnings);
      AuAuditEntry entry = {
        .time = records[i].time,
        .actor = records[i].actor,
        .kind = records[i].kind,
        .rules = records[i].rules,
        .constitution = constitution_sha,
        .context = context,
        .verdict = records[i].verdict,
        .violations = violations,
        .warnings = warnings,
      };

      g_assert_cmpint (au_audit_log_append (log, &entry, &error), ==, i + 1);
      g_assert_no_error (error);
    }
  /* Closing the last connection checkpoints the WAL into the file. */
}

static char *
copy_template (const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (work_dir, name, NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (template_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  g_assert_no_error (error);
  return path;
}

static int
run (const char * const  *argv,
     char               **out,
     char               **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

/* Runs @sql in the sqlite3 shell; returns its exit status. */
static int
run_sqlite (const char  *db,
            const char  *sql,
            char       **out,
            char       **err)
{
  const char *argv[] = { sqlite3_path, "-bail", db, sql, NULL };

  return run (argv, out, err);
}

static void
sqlite_ok (const char *db,
           const char *sql)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_sqlite (db, sql, &out, &err);

  if (status != 0)
    g_error ("sqlite3 failed (%d) on “%s”: %s", status, sql, err);
}

static char *
sqlite_value (const char *db,
              const char *sql)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sqlite (db, sql, &out, &err), ==, 0);
  return g_strstrip (g_strdup (out));
}

/* Runs "alluse-cli audit verify --db @db --json"; stdout must be one JSON
 * object and nothing else. */
static JsonObject *
verify_json (const char *db,
             int        *status)
{
  const char *argv[] = { cli_path, "audit", "verify", "--db", db, "--json", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  *status = run (argv, &out, &err);
  if (!json_parser_load_from_data (parser, out, -1, &error))
    g_error ("verify --json printed no JSON (%s): “%s”; stderr “%s”", error->message, out, err);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static void
assert_broken_at (const char *db,
                  gint64      seq,
                  gint64      n_records)
{
  g_autoptr(JsonObject) result = NULL;
  JsonObject *broken;
  int status = -1;

  result = verify_json (db, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (json_object_get_boolean_member (result, "ok"));
  g_assert_cmpint (json_object_get_int_member (result, "records"), ==, n_records);
  g_assert_false (json_object_has_member (result, "head"));
  g_assert_cmpuint (json_object_get_size (result), ==, 3);

  broken = json_object_get_object_member (result, "broken");
  g_assert_nonnull (broken);
  g_assert_cmpint (json_object_get_int_member (broken, "seq"), ==, seq);
  g_assert_cmpuint (strlen (json_object_get_string_member (broken, "problem")), >, 10);
  g_test_message ("broken at %" G_GINT64_FORMAT ": %s", seq, json_object_get_string_member (broken, "problem"));
}

static void
assert_intact (const char *db,
               gint64      n_records,
               const char *head)
{
  g_autoptr(JsonObject) result = NULL;
  int status = -1;

  result = verify_json (db, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_object_get_boolean_member (result, "ok"));
  g_assert_cmpint (json_object_get_int_member (result, "records"), ==, n_records);
  g_assert_cmpstr (json_object_get_string_member (result, "head"), ==, head);
  g_assert_cmpuint (json_object_get_size (result), ==, 3);
}

static void
test_intact (void)
{
  g_autofree char *db = copy_template ("intact.db");
  g_autofree char *head = sqlite_value (db, "SELECT hash FROM audit_records WHERE seq = 7;");
  const char *argv[] = { cli_path, "audit", "verify", "--db", db, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpuint (strlen (head), ==, 64);
  assert_intact (db, N_RECORDS, head);

  g_assert_cmpint (run (argv, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "intact: 7 records"));
  g_assert_nonnull (strstr (out, head));
}

static void
test_triggers_refuse (void)
{
  static const char *statements[] = {
    "UPDATE audit_records SET verdict = 'APPROVED' WHERE seq = 4;",
    "DELETE FROM audit_records WHERE seq = 4;",
  };
  g_autofree char *db = copy_template ("triggers.db");
  g_autofree char *head = sqlite_value (db, "SELECT hash FROM audit_records WHERE seq = 7;");

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_sqlite (db, statements[i], &out, &err), !=, 0);
      g_assert_nonnull (strstr (err, "append-only"));
    }

  assert_intact (db, N_RECORDS, head);
}

/* Toggles the low bit of the middle character of @column in the middle
 * record (every character here is ASCII, so one byte changes). */
static void
flip_middle_byte (const char *db,
                  const char *column)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM audit_records WHERE seq = %d;",
                                             column, MIDDLE);
  g_autofree char *before = sqlite_value (db, select);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  guint differ = 0;

  sql = g_strdup_printf (DROP_TRIGGERS
                         "UPDATE audit_records SET %1$s = "
                         "substr(%1$s, 1, length(%1$s) / 2) || "
                         "char((unicode(substr(%1$s, length(%1$s) / 2 + 1, 1)) | 1) "
                         "- (unicode(substr(%1$s, length(%1$s) / 2 + 1, 1)) & 1)) || "
                         "substr(%1$s, length(%1$s) / 2 + 2) WHERE seq = %2$d;",
                         column, MIDDLE);
  sqlite_ok (db, sql);

  after = sqlite_value (db, select);
  g_assert_cmpuint (strlen (before), ==, strlen (after));
  for (gsize i = 0; before[i] != '\0'; i++)
    differ += before[i] != after[i];
  g_assert_cmpuint (differ, ==, 1);
}

/* One byte of one column of the middle record, triggers dropped first. */
static void
test_one_byte (gconstpointer data)
{
  const char *column = data;
  g_autofree char *name = g_strdup_printf ("byte-%s.db", column);
  g_autofree char *db = copy_template (name);

  if (strcmp (column, "seq") == 0)
    /* 4 → 12, one bit of the integer: record 4 is gone from its place. */
    sqlite_ok (db, DROP_TRIGGERS "UPDATE audit_records SET seq = 12 WHERE seq = 4;");
  else
    flip_middle_byte (db, column);

  assert_broken_at (db, MIDDLE, N_RECORDS);
}

/* Edits that keep every column well formed: only the chain can tell. */
static void
test_plausible_edits (void)
{
  static const char *edits[] = {
    "UPDATE audit_records SET time = '2016-01-07T10:16:00-05:00' WHERE seq = 4;",
    "UPDATE audit_records SET verdict = 'APPROVED' WHERE seq = 4;",
    "UPDATE audit_records SET violations = '[]' WHERE seq = 4;",
    "UPDATE audit_records SET context = replace(context, '0.47', '0.44') WHERE seq = 4;",
    "UPDATE audit_records SET rules = replace(rules, 'R2.2', 'R3.2') WHERE seq = 4;",
    "UPDATE audit_records SET actor = 'user' WHERE seq = 4;",
    /* Same JSON value, other bytes: still not what was hashed. */
    "UPDATE audit_records SET context = replace(context, ',', ', ') WHERE seq = 4;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("edit-%u.db", i);
      g_autofree char *db = copy_template (name);
      g_autofree char *sql = g_strconcat (DROP_TRIGGERS, edits[i], NULL);

      sqlite_ok (db, sql);
      assert_broken_at (db, MIDDLE, N_RECORDS);
    }
}

static void
test_delete (void)
{
  g_autofree char *middle = copy_template ("delete-middle.db");
  g_autofree char *first = copy_template ("delete-first.db");

  sqlite_ok (middle, DROP_TRIGGERS "DELETE FROM audit_records WHERE seq = 4;");
  assert_broken_at (middle, 4, N_RECORDS - 1);

  sqlite_ok (first, DROP_TRIGGERS "DELETE FROM audit_records WHERE seq = 1;");
  assert_broken_at (first, 1, N_RECORDS - 1);
}

/* Cutting the tail leaves a sound, shorter chain: only a head kept
 * elsewhere reveals it, which is why verify prints the head. */
static void
test_delete_tail (void)
{
  g_autofree char *db = copy_template ("delete-tail.db");
  g_autofree char *head = sqlite_value (db, "SELECT hash FROM audit_records WHERE seq = 7;");
  g_autofree char *head6 = sqlite_value (db, "SELECT hash FROM audit_records WHERE seq = 6;");

  sqlite_ok (db, DROP_TRIGGERS "DELETE FROM audit_records WHERE seq = 7;");
  assert_intact (db, N_RECORDS - 1, head6);
  g_assert_cmpstr (head6, !=, head);
}

static void
test_swap (void)
{
  g_autofree char *whole = copy_template ("swap-whole.db");
  g_autofree char *contents = copy_template ("swap-contents.db");
  g_autofree char *adjacent = copy_template ("swap-adjacent.db");

  /* Records 3 and 5 trade places, hashes and all. */
  sqlite_ok (whole, DROP_TRIGGERS
             "UPDATE audit_records SET seq = -3 WHERE seq = 3;"
             "UPDATE audit_records SET seq = 3 WHERE seq = 5;"
             "UPDATE audit_records SET seq = 5 WHERE seq = -3;");
  assert_broken_at (whole, 3, N_RECORDS);

  /* Their contents trade places; seq, prev_hash and hash stay. */
  sqlite_ok (contents, DROP_TRIGGERS
             "CREATE TEMP TABLE saved AS SELECT * FROM audit_records WHERE seq IN (3, 5);"
             "UPDATE audit_records SET time = s.time, actor = s.actor, kind = s.kind, "
             "  rules = s.rules, constitution = s.constitution, context = s.context, "
             "  verdict = s.verdict, violations = s.violations, warnings = s.warnings "
             "FROM saved AS s WHERE s.seq = 8 - audit_records.seq AND audit_records.seq IN (3, 5);");
  assert_broken_at (contents, 3, N_RECORDS);

  sqlite_ok (adjacent, DROP_TRIGGERS
             "UPDATE audit_records SET seq = -4 WHERE seq = 4;"
             "UPDATE audit_records SET seq = 4 WHERE seq = 5;"
             "UPDATE audit_records SET seq = 5 WHERE seq = -4;");
  assert_broken_at (adjacent, 4, N_RECORDS);
}

/* A forged record with a correct hash of its own, slipped in after record
 * 3: it passes, the record after it cannot. */
static void
test_insert (void)
{
  g_autofree char *db = copy_template ("insert.db");
  g_autofree char *hash3 = sqlite_value (db, "SELECT hash FROM audit_records WHERE seq = 3;");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *canonical = NULL;
  g_autofree char *sql = NULL;
  const char *forged_time = "2016-01-07T10:10:00-05:00";

  canonical = g_strdup_printf ("{\"actor\":\"user\",\"constitution\":\"%s\",\"context\":{},"
                               "\"kind\":\"note\",\"prev_hash\":\"%s\",\"rules\":[],\"seq\":4,"
                               "\"time\":\"%s\",\"verdict\":\"APPROVED\",\"violations\":[],"
                               "\"warnings\":[]}",
                               constitution_sha, hash3, forged_time);
  g_checksum_update (checksum, (const guchar *) hash3, -1);
  g_checksum_update (checksum, (const guchar *) canonical, -1);

  sql = g_strdup_printf (DROP_TRIGGERS
                         "UPDATE audit_records SET seq = seq + 100 WHERE seq > 3;"
                         "UPDATE audit_records SET seq = seq - 99 WHERE seq > 100;"
                         "INSERT INTO audit_records VALUES (4, '%s', 'user', 'note', '[]', '%s', '{}', "
                         "'APPROVED', '[]', '[]', '%s', '%s');",
                         forged_time, constitution_sha, hash3, g_checksum_get_string (checksum));
  sqlite_ok (db, sql);

  assert_broken_at (db, 5, N_RECORDS + 1);
}

static void
test_forged_tail (void)
{
  g_autofree char *db = copy_template ("forged-tail.db");

  /* Appending with the sqlite3 shell but without the right hash. */
  sqlite_ok (db, "INSERT INTO audit_records SELECT 8, time, actor, kind, rules, constitution, "
                 "context, 'APPROVED', violations, warnings, hash, "
                 "substr(hash, 2) || substr(hash, 1, 1) FROM audit_records WHERE seq = 7;");
  assert_broken_at (db, 8, N_RECORDS + 1);
}

static void
test_drop_table (void)
{
  g_autofree char *db = copy_template ("drop-table.db");

  sqlite_ok (db, "DROP TABLE audit_records;");
  assert_broken_at (db, 1, 0);
}

static void
test_unreadable (void)
{
  g_autofree char *missing = g_build_filename (work_dir, "no-such.db", NULL);
  g_autofree char *garbage = g_build_filename (work_dir, "garbage.db", NULL);
  const char *paths[] = { missing, garbage };

  g_assert_true (g_file_set_contents (garbage, "these are not the pages of a database\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *argv[] = { cli_path, "audit", "verify", "--db", paths[i], "--json", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (argv, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, paths[i]));
    }
}

static void
test_list (void)
{
  g_autofree char *db = copy_template ("list.db");
  const char *json_argv[] = { cli_path, "audit", "list", "--db", db, "--limit", "3", "--json", NULL };
  const char *text_argv[] = { cli_path, "audit", "list", "--db", db, NULL };
  const char *bad_argv[] = { cli_path, "audit", "list", "--db", db, "--limit", "-1", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_err = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *newest;

  g_assert_cmpint (run (json_argv, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  newest = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (newest, "seq"), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (newest, "time"), ==, "2016-01-08T16:30:00-05:00");
  g_assert_cmpstr (json_object_get_string_member (newest, "actor"), ==, "policy");
  g_assert_cmpstr (json_object_get_string_member (newest, "verdict"), ==, "SAFE");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 2), "seq"), ==, 5);

  /* The human list says why record 4 was rejected. */
  g_assert_cmpint (run (text_argv, &text, &text_err), ==, 0);
  g_assert_nonnull (strstr (text, "#4 "));
  g_assert_nonnull (strstr (text, "REJECTED"));
  g_assert_nonnull (strstr (text, "R2.2  delta 0.47 is outside 0.40-0.45"));
  g_assert_nonnull (strstr (text, "R0.3  QQQ at 21% is above 80% of the 25% cap"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (bad_argv, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--limit"));
}

/* Verify opens read-only: it works while the engine holds the writer
 * lock, and sees what the engine appends. */
static void
test_while_writer_runs (void)
{
  g_autofree char *db = copy_template ("writer.db");
  g_autoptr(AuDatabase) writer = NULL;
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  AuAuditEntry entry = {
    .time = "2016-01-11T09:30:00-05:00", .actor = "engine", .kind = "state",
    .constitution = constitution_sha, .verdict = "SCANNING",
  };

  writer = au_database_open (db, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  log = au_audit_log_new (writer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (au_audit_log_append (log, &entry, &error), ==, N_RECORDS + 1);
  g_assert_no_error (error);

  head = sqlite_value (db, "SELECT hash FROM audit_records WHERE seq = 8;");
  assert_intact (db, N_RECORDS + 1, head);
}

static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int    argc,
      char **argv)
{
  static const char *columns[] = {
    "seq", "time", "actor", "kind", "rules", "constitution", "context", "verdict",
    "violations", "warnings", "prev_hash", "hash",
  };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("ALLUSE_CLI");
  if (cli_path == NULL)
    g_error ("ALLUSE_CLI must name the alluse-cli binary (meson test sets it)");
  sqlite3_path = g_find_program_in_path ("sqlite3");
  if (sqlite3_path == NULL)
    g_error ("the sqlite3 shell is not installed (Debian package sqlite3, see .ci/install-deps)");

  work_dir = g_dir_make_tmp ("test-audit-tamper-XXXXXX", &error);
  g_assert_no_error (error);
  template_path = g_build_filename (work_dir, "template.db", NULL);
  write_template ();

  g_test_add_func ("/AuditTamper/intact", test_intact);
  g_test_add_func ("/AuditTamper/triggers-refuse", test_triggers_refuse);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *path = g_strdup_printf ("/AuditTamper/one-byte/%s", columns[i]);
      g_test_add_data_func (path, columns[i], test_one_byte);
    }
  g_test_add_func ("/AuditTamper/plausible-edits", test_plausible_edits);
  g_test_add_func ("/AuditTamper/delete", test_delete);
  g_test_add_func ("/AuditTamper/delete-tail", test_delete_tail);
  g_test_add_func ("/AuditTamper/swap", test_swap);
  g_test_add_func ("/AuditTamper/insert", test_insert);
  g_test_add_func ("/AuditTamper/forged-tail", test_forged_tail);
  g_test_add_func ("/AuditTamper/drop-table", test_drop_table);
  g_test_add_func ("/AuditTamper/unreadable", test_unreadable);
  g_test_add_func ("/AuditTamper/list", test_list);
  g_test_add_func ("/AuditTamper/while-writer-runs", test_while_writer_runs);

  status = g_test_run ();

  remove_work_dir ();
  g_free (template_path);
  g_free (work_dir);
  g_free (constitution_sha);
  g_free (sqlite3_path);
  return status;
}

/* test-audit-log.c: appending to and verifying the audit trail (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-constitution.h"
#include "au-json.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* A Gen-Acc CSP judged on a Thursday in the entry window (R1.1, R2.2),
 * at the engine's simulated clock. */
#define TIME_APPROVED "2016-01-07T10:00:00-05:00"
#define CONTEXT_APPROVED \
  "{\"sleeve\": \"gen\", \"strategy\": \"csp\", \"symbol\": \"SPY\", \"delta\": 0.42, " \
  "\"dte\": 1, \"contracts\": 10}"

typedef struct
{
  char        *dir;
  char        *path;
  AuDatabase  *database;
  AuAuditLog  *log;
  char        *constitution;
} Fixture;

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(AuConstitution) constitution = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("test-audit-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "autopilot.db", NULL);

  fixture->database = au_database_open (fixture->path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  fixture->log = au_audit_log_new (fixture->database, &error);
  g_assert_no_error (error);

  constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  fixture->constitution = g_strdup (au_constitution_get_sha256 (constitution));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->database);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->constitution);
}

static gint64
append (Fixture    *fixture,
        const char *time,
        const char *verdict,
        const char *context,
        const char *violations,
        const char *warnings)
{
  static const char * const rules[] = { "R1.1", "R2.2", NULL };
  g_autoptr(JsonNode) context_node = context ? parse (context) : NULL;
  g_autoptr(JsonNode) violations_node = violations ? parse (violations) : NULL;
  g_autoptr(JsonNode) warnings_node = warnings ? parse (warnings) : NULL;
  g_autoptr(GError) error = NULL;
  AuAuditEntry entry = {
    .time = time,
    .actor = "engine",
    .kind = "rule_check",
    .rules = rules,
    .constitution = fixture->constitution,
    .context = context_node,
    .verdict = verdict,
    .violations = violations_node,
    .warnings = warnings_node,
  };
  gint64 seq;

  seq = au_audit_log_append (fixture->log, &entry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, >, 0);
  return seq;
}

/* Three decisions of one Thursday: approved, rejected (Δ 0.47 is outside
 * Gen-Acc's 0.40–0.45, R2.2) and approved with a warning (SPY at 21% of
 * the sleeve, above 80% of the 25% cap, R0.3). */
static void
append_three (Fixture *fixture)
{
  g_assert_cmpint (append (fixture, TIME_APPROVED, "APPROVED", CONTEXT_APPROVED, NULL, NULL), ==, 1);
  g_assert_cmpint (append (fixture, "2016-01-07T10:05:00-05:00", "REJECTED",
                           "{\"sleeve\": \"gen\", \"symbol\": \"SPY\", \"delta\": 0.47, \"dte\": 1}",
                           "[{\"rule\": \"R2.2\", \"message\": \"delta 0.47 is outside 0.40-0.45\"}]",
                           NULL), ==, 2);
  g_assert_cmpint (append (fixture, "2016-01-07T10:10:00-05:00", "WARNING",
                           "{\"sleeve\": \"gen\", \"symbol\": \"SPY\", \"exposure\": 0.21}",
                           NULL,
                           "[{\"rule\": \"R0.3\", \"message\": \"SPY at 21% is above 80% of the 25% cap\"}]"),
                   ==, 3);
}

static char *
column_text (Fixture    *fixture,
             gint64      seq,
             const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit_records WHERE seq = %" G_GINT64_FORMAT ";",
                                          column, seq);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (fixture->database, sql, &error);

  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
count_records (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (fixture->database,
                                                      "SELECT count(*) FROM audit_records;", &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_intact (AuDatabase *database,
               gint64      records)
{
  g_autoptr(GError) error = NULL;
  AuAuditVerifyResult result = { 0 };

  g_assert_true (au_audit_log_verify (database, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.problem, ==, NULL);
  g_assert_true (result.ok);
  g_assert_cmpint (result.records, ==, records);
  g_assert_cmpint (result.broken_seq, ==, 0);
  au_audit_verify_result_clear (&result);
}

static void
test_append_verify (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_bytes = NULL;
  g_autofree char *hash1 = NULL;
  g_autofree char *hash3 = NULL;
  AuAuditVerifyResult result = { 0 };

  append_three (fixture);

  /* The hash of record 1, computed here from the documented bytes:
   * SHA-256 of 64 zeros followed by the canonical record, seq included. */
  expected_bytes = g_strdup_printf (GENESIS
                                    "{\"actor\":\"engine\",\"constitution\":\"%s\","
                                    "\"context\":{\"contracts\":10,\"delta\":0.42,\"dte\":1,"
                                    "\"sleeve\":\"gen\",\"strategy\":\"csp\",\"symbol\":\"SPY\"},"
                                    "\"kind\":\"rule_check\",\"prev_hash\":\"" GENESIS "\","
                                    "\"rules\":[\"R1.1\",\"R2.2\"],\"seq\":1,"
                                    "\"time\":\"" TIME_APPROVED "\",\"verdict\":\"APPROVED\","
                                    "\"violations\":[],\"warnings\":[]}",
                                    fixture->constitution);
  g_checksum_update (checksum, (const guchar *) expected_bytes, -1);
  hash1 = column_text (fixture, 1, "hash");
  g_assert_cmpstr (hash1, ==, g_checksum_get_string (checksum));

  /* The stored JSON columns are the very text that was hashed. */
  {
    g_autofree char *context = column_text (fixture, 1, "context");
    g_autofree char *rules = column_text (fixture, 1, "rules");
    g_autofree char *violations = column_text (fixture, 1, "violations");

    g_assert_cmpstr (context, ==, "{\"contracts\":10,\"delta\":0.42,\"dte\":1,\"sleeve\":\"gen\","
                                  "\"strategy\":\"csp\",\"symbol\":\"SPY\"}");
    g_assert_cmpstr (rules, ==, "[\"R1.1\",\"R2.2\"]");
    g_assert_cmpstr (violations, ==, "[]");
  }

  /* Links: 64 zeros, then each record's hash is the next one's prev_hash. */
  {
    g_autofree char *prev1 = column_text (fixture, 1, "prev_hash");
    g_autofree char *prev2 = column_text (fixture, 2, "prev_hash");
    g_autofree char *hash2 = column_text (fixture, 2, "hash");
    g_autofree char *prev3 = column_text (fixture, 3, "prev_hash");

    g_assert_cmpstr (prev1, ==, GENESIS);
    g_assert_cmpstr (prev2, ==, hash1);
    g_assert_cmpstr (prev3, ==, hash2);
    g_assert_cmpstr (hash2, !=, hash1);
  }

  hash3 = column_text (fixture, 3, "hash");
  g_assert_true (au_audit_log_verify (fixture->database, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.ok);
  g_assert_cmpint (result.records, ==, 3);
  g_assert_cmpstr (result.head, ==, hash3);
  g_assert_cmpint (result.broken_seq, ==, 0);
  g_assert_null (result.problem);
  au_audit_verify_result_clear (&result);
  g_assert_null (result.head);
}

/* Same members in another order: the same bytes, so the same hash. */
static void
test_member_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(AuDatabase) other_db = NULL;
  g_autoptr(AuAuditLog) other_log = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) shuffled = parse ("{\"contracts\": 10, \"dte\": 1, \"symbol\": \"SPY\", "
                                        "\"delta\": 0.42, \"strategy\": \"csp\", \"sleeve\": \"gen\"}");
  static const char * const rules[] = { "R1.1", "R2.2", NULL };
  AuAuditEntry entry = {
    .time = TIME_APPROVED, .actor = "engine", .kind = "rule_check", .rules = rules,
    .constitution = fixture->constitution, .context = shuffled, .verdict = "APPROVED",
  };

  append (fixture, TIME_APPROVED, "APPROVED", CONTEXT_APPROVED, NULL, NULL);
  first = column_text (fixture, 1, "hash");

  other_db = au_database_open (other_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  other_log = au_audit_log_new (other_db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (au_audit_log_append (other_log, &entry, &error), ==, 1);
  g_assert_no_error (error);

  {
    g_autoptr(sqlite3_stmt) stmt = au_database_prepare (other_db, "SELECT hash FROM audit_records;", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    second = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpstr (first, ==, second);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *bare_path = g_build_filename (fixture->dir, "bare.db", NULL);
  g_autoptr(AuDatabase) bare = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  AuAuditVerifyResult result = { 0 };

  /* A database the audit log never touched: an empty, intact trail. */
  bare = au_database_open (bare_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (au_audit_log_verify (bare, &result, &error));
  g_assert_true (result.ok);
  g_assert_cmpint (result.records, ==, 0);
  g_assert_null (result.head);
  au_audit_verify_result_clear (&result);

  records = au_audit_log_list (bare, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);

  /* Created but still empty. */
  assert_intact (fixture->database, 0);
}

static void
test_redaction (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *context = NULL;
  g_autofree char *violations = NULL;
  g_autofree char *file = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  append (fixture, TIME_APPROVED, "REJECTED",
          "{\"symbol\": \"SPY\", \"broker\": {\"api_key\": \"sk-live-4242\", \"account\": \"DU123456\"}, "
          "\"Password\": \"hunter2\"}",
          "[{\"rule\": \"R0.9\", \"message\": \"margin 0.61 above 0.60\", \"AuthToken\": \"tok-9999\"}]",
          NULL);

  context = column_text (fixture, 1, "context");
  g_assert_cmpstr (context, ==,
                   "{\"Password\":\"[redacted]\",\"broker\":{\"account\":\"DU123456\","
                   "\"api_key\":\"[redacted]\"},\"symbol\":\"SPY\"}");
  violations = column_text (fixture, 1, "violations");
  g_assert_cmpstr (violations, ==,
                   "[{\"AuthToken\":\"[redacted]\",\"message\":\"margin 0.61 above 0.60\","
                   "\"rule\":\"R0.9\"}]");

  /* The redacted form is what was hashed: the chain holds. */
  assert_intact (fixture->database, 1);

  /* And no byte of a secret reached the file or its write-ahead log. */
  g_clear_object (&fixture->log);
  g_clear_object (&fixture->database);
  g_assert_true (g_file_get_contents (fixture->path, &file, &length, &error));
  g_assert_no_error (error);
  /* memmem, not g_strstr_len: the file is full of NUL bytes. The account
   * id is not a secret (D3) and must be there, proving the search works. */
  g_assert_null (memmem (file, length, "sk-live-4242", strlen ("sk-live-4242")));
  g_assert_null (memmem (file, length, "hunter2", strlen ("hunter2")));
  g_assert_null (memmem (file, length, "tok-9999", strlen ("tok-9999")));
  g_assert_nonnull (memmem (file, length, "DU123456", strlen ("DU123456")));
}

static void
test_transaction_commit (Fixture       *fixture,
                         gconstpointer  data)
{
  sqlite3 *handle = au_database_get_handle (fixture->database);
  g_autoptr(GError) error = NULL;

  g_assert_true (au_database_exec (fixture->database,
                                   "CREATE TABLE decisions (id INTEGER PRIMARY KEY, what TEXT);", &error));
  g_assert_no_error (error);

  /* The engine's pattern: the decision and its record in one transaction. */
  g_assert_true (au_database_begin (fixture->database, &error));
  g_assert_true (au_database_exec (fixture->database,
                                   "INSERT INTO decisions (what) VALUES ('sell 10 SPY puts');", &error));
  g_assert_cmpint (append (fixture, TIME_APPROVED, "APPROVED", CONTEXT_APPROVED, NULL, NULL), ==, 1);
  /* Still the caller's transaction: the append neither committed nor ended it. */
  g_assert_false (sqlite3_get_autocommit (handle));
  g_assert_true (au_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_records (fixture), ==, 1);
  assert_intact (fixture->database, 1);

  /* Outside a transaction the append opens and commits its own. */
  g_assert_cmpint (append (fixture, "2016-01-07T10:05:00-05:00", "APPROVED", NULL, NULL, NULL), ==, 2);
  g_assert_true (sqlite3_get_autocommit (handle));

  /* Committed for real: a second, read-only connection sees both. */
  {
    g_autoptr(AuDatabase) reader = au_database_open (fixture->path, AU_DATABASE_READ_ONLY, &error);

    g_assert_no_error (error);
    assert_intact (reader, 2);
  }
}

static void
test_transaction_rollback (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;

  append (fixture, TIME_APPROVED, "APPROVED", CONTEXT_APPROVED, NULL, NULL);

  g_assert_true (au_database_begin (fixture->database, &error));
  g_assert_cmpint (append (fixture, "2016-01-07T10:05:00-05:00", "REJECTED", NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (count_records (fixture), ==, 2);
  au_database_rollback (fixture->database);

  /* The decision was abandoned, so is its record: no trace, no gap. */
  g_assert_cmpint (count_records (fixture), ==, 1);
  assert_intact (fixture->database, 1);

  g_assert_cmpint (append (fixture, "2016-01-07T10:06:00-05:00", "APPROVED", NULL, NULL, NULL), ==, 2);
  time = column_text (fixture, 2, "time");
  g_assert_cmpstr (time, ==, "2016-01-07T10:06:00-05:00");
  assert_intact (fixture->database, 2);
}

static void
test_triggers (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const statements[] = {
    "UPDATE audit_records SET verdict = 'APPROVED' WHERE seq = 2;",
    "UPDATE audit_records SET seq = 9 WHERE seq = 3;",
    "DELETE FROM audit_records WHERE seq = 2;",
    "DELETE FROM audit_records;",
  };
  sqlite3 *handle = au_database_get_handle (fixture->database);
  g_autofree char *verdict = NULL;

  append_three (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      char *message = NULL;
      int rc = sqlite3_exec (handle, statements[i], NULL, NULL, &message);

      g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (message, "append-only"));
      sqlite3_free (message);
    }

  verdict = column_text (fixture, 2, "verdict");
  g_assert_cmpstr (verdict, ==, "REJECTED");
  assert_intact (fixture->database, 3);
}

/* Audit times are the engine's clock (D4): a paper run in 2016 records
 * 2016, whatever the machine's clock says. */
static void
test_simulated_clock (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *stored_utc = NULL;
  AuAuditRecord *record;

  append (fixture, "2016-01-04T09:30:00-05:00", "APPROVED", NULL, NULL, NULL);
  append (fixture, "2016-01-08T21:30:00Z", "APPROVED", NULL, NULL, NULL);

  stored = column_text (fixture, 1, "time");
  g_assert_cmpstr (stored, ==, "2016-01-04T09:30:00-05:00");
  stored_utc = column_text (fixture, 2, "time");
  g_assert_cmpstr (stored_utc, ==, "2016-01-08T21:30:00Z");

  records = au_audit_log_list (fixture->database, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 1);
  g_assert_cmpstr (record->time, ==, "2016-01-04T09:30:00-05:00");
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) array = parse ("[1, 2]");
  g_autoptr(JsonNode) object = parse ("{\"rule\": \"R0.9\"}");
  static const char * const empty_rule[] = { "R1.1", "", NULL };
  struct
  {
    AuAuditEntry  entry;
    const char   *field;
  } cases[] = {
    { { .actor = "engine", .kind = "k", .verdict = "APPROVED" }, "time" },
    { { .time = "yesterday", .actor = "engine", .kind = "k", .verdict = "APPROVED" }, "time" },
    { { .time = "2016-01-07", .actor = "engine", .kind = "k", .verdict = "APPROVED" }, "time" },
    { { .time = TIME_APPROVED, .actor = "robot", .kind = "k", .verdict = "APPROVED" }, "actor" },
    { { .time = TIME_APPROVED, .actor = "engine", .verdict = "APPROVED" }, "kind" },
    { { .time = TIME_APPROVED, .actor = "engine", .kind = "k", .verdict = "" }, "verdict" },
    { { .time = TIME_APPROVED, .actor = "engine", .kind = "k", .verdict = "V", .rules = empty_rule }, "rules" },
    { { .time = TIME_APPROVED, .actor = "engine", .kind = "k", .verdict = "V", .constitution = "1.3" },
      "constitution" },
    { { .time = TIME_APPROVED, .actor = "engine", .kind = "k", .verdict = "V", .context = array },
      "context" },
    { { .time = TIME_APPROVED, .actor = "engine", .kind = "k", .verdict = "V", .violations = object },
      "violations" },
    { { .time = TIME_APPROVED, .actor = "engine", .kind = "k", .verdict = "V", .warnings = object },
      "warnings" },
  };

  append (fixture, TIME_APPROVED, "APPROVED", NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].field);

      if (cases[i].entry.constitution == NULL)
        cases[i].entry.constitution = fixture->constitution;

      g_assert_cmpint (au_audit_log_append (fixture->log, &cases[i].entry, &error), ==, 0);
      g_assert_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, quoted));
    }

  /* Nothing was written, nothing was left half-done. */
  g_assert_cmpint (count_records (fixture), ==, 1);
  g_assert_true (sqlite3_get_autocommit (au_database_get_handle (fixture->database)));
  assert_intact (fixture->database, 1);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *violations = NULL;
  AuAuditRecord *record;

  append_three (fixture);

  newest = au_audit_log_list (fixture->database, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpint (((AuAuditRecord *) g_ptr_array_index (newest, 0))->seq, ==, 3);
  record = g_ptr_array_index (newest, 1);
  g_assert_cmpint (record->seq, ==, 2);
  g_assert_cmpstr (record->time, ==, "2016-01-07T10:05:00-05:00");
  g_assert_cmpstr (record->actor, ==, "engine");
  g_assert_cmpstr (record->kind, ==, "rule_check");
  g_assert_cmpstr (record->verdict, ==, "REJECTED");
  g_assert_cmpstr (record->constitution, ==, fixture->constitution);
  g_assert_cmpuint (g_strv_length (record->rules), ==, 2);
  g_assert_cmpstr (record->rules[1], ==, "R2.2");
  violations = au_json_to_canonical (record->violations);
  g_assert_cmpstr (violations, ==, "[{\"message\":\"delta 0.47 is outside 0.40-0.45\",\"rule\":\"R2.2\"}]");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (record->warnings));

  all = au_audit_log_list (fixture->database, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((AuAuditRecord *) g_ptr_array_index (all, 2))->seq, ==, 1);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *fresh_path = g_build_filename (fixture->dir, "fresh.db", NULL);
  g_autoptr(AuDatabase) reader = NULL;
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(GError) error = NULL;
  AuAuditEntry entry = {
    .time = TIME_APPROVED, .actor = "cli", .kind = "rule_check",
    .constitution = fixture->constitution, .verdict = "APPROVED",
  };

  append_three (fixture);

  reader = au_database_open (fixture->path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_intact (reader, 3);

  log = au_audit_log_new (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (au_audit_log_append (log, &entry, &error), ==, 0);
  g_assert_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  assert_intact (fixture->database, 3);

  /* A database without audit tables cannot get them read-only. */
  {
    g_autoptr(AuDatabase) writer = au_database_open (fresh_path, AU_DATABASE_READ_WRITE, &error);
    g_autoptr(AuDatabase) fresh = NULL;
    g_autoptr(AuAuditLog) none = NULL;

    g_assert_no_error (error);
    g_clear_object (&writer);
    fresh = au_database_open (fresh_path, AU_DATABASE_READ_ONLY, &error);
    g_assert_no_error (error);
    none = au_audit_log_new (fresh, &error);
    g_assert_null (none);
    g_assert_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN);
  }
}

/* Drops the audit table and its schema version, then writes three sound
 * records again. */
static void
reset_trail (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->log);
  g_assert_true (au_database_exec (fixture->database,
                                   "DROP TABLE IF EXISTS audit_records;"
                                   "DELETE FROM schema_versions WHERE component = 'audit';",
                                   &error));
  g_assert_no_error (error);
  fixture->log = au_audit_log_new (fixture->database, &error);
  g_assert_no_error (error);
  append_three (fixture);
  assert_intact (fixture->database, 3);
}

/* In-process tampering through the same connection, triggers dropped:
 * the cases the shell test does not reach. */
static void
test_tamper_in_process (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    gint64      seq;
    const char *problem;
  } cases[] = {
    /* A number rewritten to an equal value: same JSON, different bytes. */
    { "UPDATE audit_records SET context = replace(context, '0.42', '4.2e-1') WHERE seq = 1;", 1, "canonical" },
    { "UPDATE audit_records SET rules = '[\"R1.1\",2.2]' WHERE seq = 2;", 2, "rules" },
    /* Bytes hidden after a NUL would escape a C-string hash. */
    { "UPDATE audit_records SET verdict = verdict || char(0) || 'APPROVED' WHERE seq = 2;", 2, "NUL" },
    { "UPDATE audit_records SET prev_hash = hash WHERE seq = 1;", 1, "64 zeros" },
    { "DROP TABLE audit_records;", 1, "removed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AuAuditVerifyResult result = { 0 };

      reset_trail (fixture);

      /* Verify must not rely on the triggers: anyone can drop them. */
      g_assert_true (au_database_exec (fixture->database,
                                       "DROP TRIGGER audit_records_no_update;"
                                       "DROP TRIGGER audit_records_no_delete;", &error));
      g_assert_true (au_database_exec (fixture->database, cases[i].sql, &error));
      g_assert_no_error (error);

      g_assert_true (au_audit_log_verify (fixture->database, &result, &error));
      g_assert_no_error (error);
      g_assert_false (result.ok);
      g_assert_cmpint (result.records, ==, i == G_N_ELEMENTS (cases) - 1 ? 0 : 3);
      g_assert_cmpint (result.broken_seq, ==, cases[i].seq);
      if (strstr (result.problem, cases[i].problem) == NULL)
        g_error ("case %u: problem “%s” does not mention “%s”", i, result.problem, cases[i].problem);
      au_audit_verify_result_clear (&result);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/Audit/append-verify", test_append_verify);
  ADD ("/Audit/member-order", test_member_order);
  ADD ("/Audit/empty", test_empty);
  ADD ("/Audit/redaction", test_redaction);
  ADD ("/Audit/transaction/commit", test_transaction_commit);
  ADD ("/Audit/transaction/rollback", test_transaction_rollback);
  ADD ("/Audit/triggers", test_triggers);
  ADD ("/Audit/simulated-clock", test_simulated_clock);
  ADD ("/Audit/invalid", test_invalid);
  ADD ("/Audit/list", test_list);
  ADD ("/Audit/read-only", test_read_only);
  ADD ("/Audit/tamper-in-process", test_tamper_in_process);

#undef ADD

  return g_test_run ();
}

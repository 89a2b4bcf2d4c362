/* test-audit.c: every evaluation, approved or not, lands in the audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-audit"

#include "config.h"

#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-database.h"
#include "rules-test-util.h"

static AuProposal *
proposal_with (const char *path,
               const char *value)
{
  g_autoptr(JsonNode) node = rules_test_node (NULL, path, value, NULL);
  g_autoptr(GError) error = NULL;
  AuProposal *proposal = au_proposal_new_from_json (node, &error);

  g_assert_no_error (error);
  return proposal;
}

static gboolean
strv_has (char       **strv,
          const char  *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

static void
test_records_approved_and_rejected (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rules-audit-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "audit.db", NULL);
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(AuRulesEngine) engine = NULL;
  g_autoptr(AuProposal) good = proposal_with ("limit", "1.12");
  g_autoptr(AuProposal) bad = proposal_with ("expiry", "\"2026-11-27\"");
  g_autoptr(AuVerdict) approved = NULL;
  g_autoptr(AuVerdict) rejected = NULL;
  g_autoptr(GPtrArray) records = NULL;
  AuAuditVerifyResult result = { 0 };
  const AuAuditRecord *first, *second;
  JsonArray *violations;

  g_assert_no_error (error);
  db = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  log = au_audit_log_new (db, &error);
  g_assert_no_error (error);
  engine = au_rules_engine_new (rules_test_constitution (), log);

  approved = au_rules_engine_evaluate (engine, good, &error);
  g_assert_no_error (error);
  rules_test_assert_status (approved, AU_VERDICT_APPROVED);
  rejected = au_rules_engine_evaluate (engine, bad, &error);
  g_assert_no_error (error);
  rules_test_assert_violation (rejected, "R2.2");

  records = au_audit_log_list (db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  second = g_ptr_array_index (records, 0);   /* newest first */
  first = g_ptr_array_index (records, 1);

  g_assert_cmpstr (first->verdict, ==, "APPROVED");
  g_assert_cmpstr (first->kind, ==, "rule_check");
  g_assert_cmpstr (first->actor, ==, "engine");
  /* The proposal's time is the engine's clock, never the wall clock. */
  g_assert_cmpstr (first->time, ==, "2026-11-19T10:15:00-05:00");
  g_assert_cmpstr (first->constitution, ==,
                   au_constitution_get_sha256 (rules_test_constitution ()));
  g_assert_true (strv_has (first->rules, "R2.2"));
  g_assert_true (strv_has (first->rules, "R8.1"));
  g_assert_true (strv_has (first->rules, "R1.1"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (first->violations)), ==, 0);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (first->context));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (first->context), "symbol"),
                   ==, "AAPL");

  g_assert_cmpstr (second->verdict, ==, "REJECTED");
  violations = json_node_get_array (second->violations);
  g_assert_cmpuint (json_array_get_length (violations), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (violations, 0),
                                                  "rule"), ==, "R2.2");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (violations, 0),
                                                    "value"), ==, 8);

  g_assert_true (au_audit_log_verify (db, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.ok);
  g_assert_cmpint (result.records, ==, 2);
  au_audit_verify_result_clear (&result);

  g_clear_object (&engine);
  g_clear_object (&log);
  g_clear_object (&db);
  g_assert_cmpint (g_unlink (path), ==, 0);
  {
    /* The WAL, shared-memory and writer-lock files beside it. */
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* Judging without an audit log records nothing and needs no database. */
static void
test_judge_without_log (void)
{
  g_autoptr(AuRulesEngine) engine = au_rules_engine_new (rules_test_constitution (), NULL);
  g_autoptr(AuProposal) good = proposal_with ("limit", "1.12");
  g_autoptr(GError) error = NULL;
  g_autoptr(AuVerdict) verdict = au_rules_engine_evaluate (engine, good, &error);

  g_assert_no_error (error);
  rules_test_assert_status (verdict, AU_VERDICT_APPROVED);
  g_assert_null (au_rules_engine_get_audit_log (engine));
  g_assert_cmpstr (au_rules_engine_get_actor (engine), ==, "engine");
}

/* The verdict's JSON is what check prints. */
static void
test_verdict_json (void)
{
  g_autoptr(AuVerdict) verdict = rules_test_judge ("delta", "-0.46", NULL);
  g_autoptr(JsonNode) node = au_verdict_to_json (verdict, "abc");
  JsonObject *object = json_node_get_object (node);
  JsonObject *violation;

  g_assert_false (json_object_get_boolean_member (object, "approved"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "REJECTED");
  g_assert_cmpstr (json_object_get_string_member (object, "constitution"), ==, "abc");
  violation = json_array_get_object_element (json_object_get_array_member (object, "violations"),
                                             0);
  g_assert_cmpstr (json_object_get_string_member (violation, "rule"), ==, "R2.2");
  g_assert_cmpfloat (json_object_get_double_member (violation, "value"), ==, 0.46);
  g_assert_cmpfloat (json_object_get_double_member (violation, "limit"), ==, 0.45);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "warnings")),
                    ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Rules/Audit/approved-and-rejected", test_records_approved_and_rejected);
  g_test_add_func ("/Rules/Audit/without-log", test_judge_without_log);
  g_test_add_func ("/Rules/Audit/verdict-json", test_verdict_json);

  return g_test_run ();
}

/* au-audit-verify.c: walking the audit chain and naming its first break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit"

#include "config.h"

#include <string.h>

#include "au-audit-log.h"
#include "au-audit-private.h"
#include "au-json.h"

/* The JSON columns, the node type each must hold, and whether its
 * elements must be strings. */
static const struct
{
  int           column;
  JsonNodeType  type;
  gboolean      strings_only;
} json_columns[] = {
  { AU_AUDIT_COL_RULES, JSON_NODE_ARRAY, TRUE },
  { AU_AUDIT_COL_CONTEXT, JSON_NODE_OBJECT, FALSE },
  { AU_AUDIT_COL_VIOLATIONS, JSON_NODE_ARRAY, FALSE },
  { AU_AUDIT_COL_WARNINGS, JSON_NODE_ARRAY, FALSE },
};

void
au_audit_verify_result_clear (AuAuditVerifyResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->head, g_free);
  g_clear_pointer (&result->problem, g_free);
  result->ok = FALSE;
  result->records = 0;
  result->broken_seq = 0;
}

static gboolean
holds_only_strings (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

/* Every column but seq must be text without a hidden NUL: the hash is
 * taken over C strings, so bytes after a NUL would escape it. */
static char *
check_text_columns (sqlite3_stmt *stmt)
{
  for (int column = AU_AUDIT_COL_TIME; column < AU_AUDIT_N_COLUMNS; column++)
    {
      const char *text;

      if (sqlite3_column_type (stmt, column) != SQLITE_TEXT)
        return g_strdup_printf ("its %s column is not text", au_audit_column_names[column]);

      text = (const char *) sqlite3_column_text (stmt, column);
      if (text == NULL || strlen (text) != (gsize) sqlite3_column_bytes (stmt, column))
        return g_strdup_printf ("its %s column contains a NUL byte", au_audit_column_names[column]);
    }
  return NULL;
}

/* Parses the JSON columns into @nodes (indexed like json_columns) and
 * checks that each is still the exact canonical text that was hashed:
 * re-canonicalising alone would forgive an added space or a rewritten
 * number. */
static char *
load_json_columns (sqlite3_stmt *stmt,
                   gint64        seq,
                   JsonNode     *nodes[G_N_ELEMENTS (json_columns)])
{
  for (guint i = 0; i < G_N_ELEMENTS (json_columns); i++)
    {
      int column = json_columns[i].column;
      const char *name = au_audit_column_names[column];
      const char *text = (const char *) sqlite3_column_text (stmt, column);
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;

      nodes[i] = au_audit_parse_column (text, name, seq, &error);
      if (nodes[i] == NULL)
        return g_strdup_printf ("its %s column is not valid JSON", name);

      if (json_node_get_node_type (nodes[i]) != json_columns[i].type
          || (json_columns[i].strings_only && !holds_only_strings (nodes[i])))
        return g_strdup_printf ("its %s column does not hold the kind of JSON value "
                                "it was written with", name);

      canonical = au_json_to_canonical (nodes[i]);
      if (strcmp (canonical, text) != 0)
        return g_strdup_printf ("its %s column was altered: it is not the canonical text "
                                "that was hashed", name);
    }
  return NULL;
}

/* Checks one record against its predecessor's hash. Returns the problem
 * in plain words, or NULL when the record is sound. */
static char *
check_record (sqlite3_stmt *stmt,
              gint64        seq,
              const char   *prev_hash)
{
  JsonNode *nodes[G_N_ELEMENTS (json_columns)] = { NULL, };
  AuAuditFields fields = { 0 };
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  char *problem;

  problem = check_text_columns (stmt);
  if (problem != NULL)
    return problem;

  if (strcmp ((const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_PREV_HASH), prev_hash) != 0)
    {
      if (seq == 1)
        return g_strdup ("its prev_hash is not the 64 zeros that start the chain");
      return g_strdup_printf ("its prev_hash does not match the hash of record %" G_GINT64_FORMAT
                              ": a record was removed, inserted or reordered, "
                              "or the link was edited", seq - 1);
    }

  problem = load_json_columns (stmt, seq, nodes);
  if (problem == NULL)
    {
      fields.seq = seq;
      fields.time = (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_TIME);
      fields.actor = (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_ACTOR);
      fields.kind = (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_KIND);
      fields.rules = nodes[0];
      fields.constitution = (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_CONSTITUTION);
      fields.context = nodes[1];
      fields.verdict = (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_VERDICT);
      fields.violations = nodes[2];
      fields.warnings = nodes[3];
      fields.prev_hash = prev_hash;

      canonical = au_audit_fields_to_canonical (&fields);
      hash = au_audit_chain_hash (prev_hash, canonical);
      if (strcmp (hash, (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_HASH)) != 0)
        problem = g_strdup ("its contents do not match its hash: "
                            "a column of this record was changed");
    }

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    g_clear_pointer (&nodes[i], json_node_unref);

  return problem;
}

static void
mark_broken (AuAuditVerifyResult *result,
             gint64               seq,
             char                *problem)
{
  result->ok = FALSE;
  result->broken_seq = seq;
  g_free (result->problem);
  result->problem = problem;
}

/* Walks the records in seq order; after the first break it only counts. */
static gboolean
walk_chain (AuDatabase           *database,
            AuAuditVerifyResult  *result,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *prev_hash = g_strdup (AU_AUDIT_GENESIS_HASH);
  gint64 expected_seq = 1;
  int rc;

  stmt = au_database_prepare (database,
                              "SELECT " AU_AUDIT_COLUMNS " FROM audit_records ORDER BY seq;",
                              error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, AU_AUDIT_COL_SEQ);
      const char *hash = (const char *) sqlite3_column_text (stmt, AU_AUDIT_COL_HASH);

      result->records++;
      g_free (result->head);
      result->head = g_strdup (hash);

      if (!result->ok)
        continue;

      if (seq < expected_seq)
        mark_broken (result, seq,
                     g_strdup_printf ("record %" G_GINT64_FORMAT " has no place in the chain: "
                                      "records are numbered from 1", seq));
      else if (seq > expected_seq && expected_seq == 1)
        mark_broken (result, expected_seq,
                     g_strdup_printf ("record 1 is missing: the trail starts at record %"
                                      G_GINT64_FORMAT, seq));
      else if (seq > expected_seq)
        mark_broken (result, expected_seq,
                     g_strdup_printf ("record %" G_GINT64_FORMAT " is missing: the chain "
                                      "jumps from record %" G_GINT64_FORMAT
                                      " to record %" G_GINT64_FORMAT,
                                      expected_seq, expected_seq - 1, seq));
      else
        {
          char *problem = check_record (stmt, seq, prev_hash);

          if (problem != NULL)
            mark_broken (result, seq, problem);
        }

      g_free (prev_hash);
      prev_hash = g_strdup (hash != NULL ? hash : "");
      expected_seq = seq + 1;
    }

  if (rc != SQLITE_DONE)
    {
      au_database_set_error (database, error, "reading the audit trail");
      return FALSE;
    }

  return TRUE;
}

/**
 * au_audit_log_verify:
 * @database: an open database, read-only or not
 * @result: (out caller-allocates): the outcome; clear it with
 *   au_audit_verify_result_clear()
 *
 * Recomputes every record's hash from its stored columns and checks each
 * link (D3). It relies on nothing else in the database: the triggers that
 * refuse UPDATE and DELETE can be dropped by anyone with the file.
 * @result->records counts every record in the trail, @result->head is the
 * stored hash of the last one.
 *
 * Returns: %TRUE when the check ran (look at @result->ok), %FALSE with
 *   @error set when it could not
 */
gboolean
au_audit_log_verify (AuDatabase           *database,
                     AuAuditVerifyResult  *result,
                     GError              **error)
{
  gboolean exists = FALSE;
  int version;

  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->ok = TRUE;

  version = au_database_get_version (database, AU_AUDIT_COMPONENT);
  if (version > AU_AUDIT_SCHEMA_VERSION)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_TOO_NEW,
                   "%s: the audit tables are at version %d, newer than this program knows (%d); "
                   "update ALL-USE Autopilot",
                   au_database_get_path (database), version, AU_AUDIT_SCHEMA_VERSION);
      return FALSE;
    }

  if (!au_audit_table_exists (database, &exists, error))
    return FALSE;

  if (!exists)
    {
      /* Never created: an empty trail. Created, then gone: tampering. */
      if (version > 0)
        mark_broken (result, 1,
                     g_strdup ("the audit_records table has been removed from the database"));
      return TRUE;
    }

  if (!walk_chain (database, result, error))
    {
      au_audit_verify_result_clear (result);
      return FALSE;
    }

  return TRUE;
}

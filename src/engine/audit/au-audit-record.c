/* au-audit-record.c: reading audit records back, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit"

#include "config.h"

#include "au-audit-log.h"
#include "au-audit-private.h"

void
au_audit_record_free (AuAuditRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->time);
  g_free (record->actor);
  g_free (record->kind);
  g_strfreev (record->rules);
  g_free (record->constitution);
  g_clear_pointer (&record->context, json_node_unref);
  g_free (record->verdict);
  g_clear_pointer (&record->violations, json_node_unref);
  g_clear_pointer (&record->warnings, json_node_unref);
  g_free (record->prev_hash);
  g_free (record->hash);
  g_free (record);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static JsonNode *
column_json (sqlite3_stmt  *stmt,
             int            column,
             JsonNodeType   type,
             gint64         seq,
             GError       **error)
{
  g_autoptr(JsonNode) node = NULL;

  node = au_audit_parse_column ((const char *) sqlite3_column_text (stmt, column),
                                au_audit_column_names[column], seq, error);
  if (node == NULL)
    return NULL;

  if (json_node_get_node_type (node) != type)
    {
      g_set_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_BROKEN_CHAIN,
                   "record %" G_GINT64_FORMAT ": the %s column holds the wrong kind of JSON value; "
                   "run “alluse-cli audit verify”", seq, au_audit_column_names[column]);
      return NULL;
    }

  return g_steal_pointer (&node);
}

static char **
rules_from_node (JsonNode  *node,
                 gint64     seq,
                 GError   **error)
{
  JsonArray *array = json_node_get_array (node);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_BROKEN_CHAIN,
                       "record %" G_GINT64_FORMAT ": the rules column holds something other than "
                       "rule numbers; run “alluse-cli audit verify”", seq);
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static AuAuditRecord *
read_record (sqlite3_stmt  *stmt,
             GError       **error)
{
  g_autoptr(AuAuditRecord) record = g_new0 (AuAuditRecord, 1);
  g_autoptr(JsonNode) rules = NULL;

  record->seq = sqlite3_column_int64 (stmt, AU_AUDIT_COL_SEQ);

  rules = column_json (stmt, AU_AUDIT_COL_RULES, JSON_NODE_ARRAY, record->seq, error);
  if (rules == NULL)
    return NULL;
  record->rules = rules_from_node (rules, record->seq, error);
  if (record->rules == NULL)
    return NULL;

  record->context = column_json (stmt, AU_AUDIT_COL_CONTEXT, JSON_NODE_OBJECT, record->seq, error);
  if (record->context == NULL)
    return NULL;
  record->violations = column_json (stmt, AU_AUDIT_COL_VIOLATIONS, JSON_NODE_ARRAY,
                                    record->seq, error);
  if (record->violations == NULL)
    return NULL;
  record->warnings = column_json (stmt, AU_AUDIT_COL_WARNINGS, JSON_NODE_ARRAY, record->seq, error);
  if (record->warnings == NULL)
    return NULL;

  record->time = column_dup (stmt, AU_AUDIT_COL_TIME);
  record->actor = column_dup (stmt, AU_AUDIT_COL_ACTOR);
  record->kind = column_dup (stmt, AU_AUDIT_COL_KIND);
  record->constitution = column_dup (stmt, AU_AUDIT_COL_CONSTITUTION);
  record->verdict = column_dup (stmt, AU_AUDIT_COL_VERDICT);
  record->prev_hash = column_dup (stmt, AU_AUDIT_COL_PREV_HASH);
  record->hash = column_dup (stmt, AU_AUDIT_COL_HASH);

  return g_steal_pointer (&record);
}

GPtrArray *
au_audit_log_list (AuDatabase  *database,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean exists = FALSE;
  int rc;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) au_audit_record_free);

  if (!au_audit_table_exists (database, &exists, error))
    return NULL;
  if (!exists)
    return g_steal_pointer (&records);

  /* LIMIT -1 is SQLite's "no limit". */
  stmt = au_database_prepare (database,
                              "SELECT " AU_AUDIT_COLUMNS " FROM audit_records "
                              "ORDER BY seq DESC LIMIT ?;",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : (gint64) limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuAuditRecord *record = read_record (stmt, error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    {
      au_database_set_error (database, error, "reading the audit trail");
      return NULL;
    }

  return g_steal_pointer (&records);
}

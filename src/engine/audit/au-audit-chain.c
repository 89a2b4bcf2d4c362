/* au-audit-chain.c: the bytes a record is hashed over, and the hash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit"

#include "config.h"

#include <string.h>

#include "au-audit-private.h"
#include "au-json.h"

const char * const au_audit_column_names[AU_AUDIT_N_COLUMNS] = {
  [AU_AUDIT_COL_SEQ] = "seq",
  [AU_AUDIT_COL_TIME] = "time",
  [AU_AUDIT_COL_ACTOR] = "actor",
  [AU_AUDIT_COL_KIND] = "kind",
  [AU_AUDIT_COL_RULES] = "rules",
  [AU_AUDIT_COL_CONSTITUTION] = "constitution",
  [AU_AUDIT_COL_CONTEXT] = "context",
  [AU_AUDIT_COL_VERDICT] = "verdict",
  [AU_AUDIT_COL_VIOLATIONS] = "violations",
  [AU_AUDIT_COL_WARNINGS] = "warnings",
  [AU_AUDIT_COL_PREV_HASH] = "prev_hash",
  [AU_AUDIT_COL_HASH] = "hash",
};

G_DEFINE_QUARK (au-audit-error-quark, au_audit_error)

/* The object only borrows the caller's nodes: json_object_set_member
 * takes ownership, so each gets a copy. */
static void
set_node (JsonObject *object,
          const char *name,
          JsonNode   *node)
{
  json_object_set_member (object, name, json_node_copy (node));
}

char *
au_audit_fields_to_canonical (const AuAuditFields *fields)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  g_assert (fields != NULL);

  /* Every field but the hash, seq included, so that renumbering a record
   * changes its hash (D3). */
  json_object_set_int_member (object, "seq", fields->seq);
  json_object_set_string_member (object, "time", fields->time);
  json_object_set_string_member (object, "actor", fields->actor);
  json_object_set_string_member (object, "kind", fields->kind);
  set_node (object, "rules", fields->rules);
  json_object_set_string_member (object, "constitution", fields->constitution);
  set_node (object, "context", fields->context);
  json_object_set_string_member (object, "verdict", fields->verdict);
  set_node (object, "violations", fields->violations);
  set_node (object, "warnings", fields->warnings);
  json_object_set_string_member (object, "prev_hash", fields->prev_hash);
  json_node_take_object (root, object);

  return au_json_to_canonical (root);
}

char *
au_audit_chain_hash (const char *prev_hash,
                     const char *canonical)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_assert (prev_hash != NULL);
  g_assert (canonical != NULL);

  g_checksum_update (checksum, (const guchar *) prev_hash, (gssize) strlen (prev_hash));
  g_checksum_update (checksum, (const guchar *) canonical, (gssize) strlen (canonical));

  /* GChecksum writes lower-case hex. */
  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
au_audit_is_hash (const char *text)
{
  if (text == NULL || strlen (text) != AU_AUDIT_HASH_LENGTH)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

gboolean
au_audit_table_exists (AuDatabase  *database,
                       gboolean    *exists,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = au_database_prepare (database,
                              "SELECT 1 FROM sqlite_master "
                              "WHERE type = 'table' AND name = 'audit_records';",
                              error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      au_database_set_error (database, error, "looking for the audit table");
      return FALSE;
    }

  *exists = rc == SQLITE_ROW;
  return TRUE;
}

JsonNode *
au_audit_parse_column (const char  *text,
                       const char  *column,
                       gint64       seq,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (text == NULL
      || !json_parser_load_from_data (parser, text, -1, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_BROKEN_CHAIN,
                   "record %" G_GINT64_FORMAT ": the %s column is not valid JSON%s%s",
                   seq, column,
                   local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

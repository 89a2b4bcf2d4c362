/* au-audit-log.c: appending to the hash-chained audit trail (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit"

#include "config.h"

#include <string.h>

#include "au-audit-log.h"
#include "au-audit-private.h"
#include "au-json.h"

struct _AuAuditLog
{
  GObject        parent_instance;
  AuDatabase    *database;
  sqlite3_stmt  *last_stmt;    /* the chain's head: seq and hash of the newest record */
  sqlite3_stmt  *insert_stmt;
};

G_DEFINE_FINAL_TYPE (AuAuditLog, au_audit_log, G_TYPE_OBJECT)

/* migrations[i] takes the audit tables from version i to i + 1. The
 * triggers make a slip in our own code fail loudly; verify never trusts
 * them, since anyone with the sqlite3 shell can drop them. STRICT keeps
 * every column the type it was hashed as. */
static const char *migrations[] = {
  "CREATE TABLE audit_records ("
  "  seq          INTEGER PRIMARY KEY,"
  "  time         TEXT NOT NULL,"
  "  actor        TEXT NOT NULL,"
  "  kind         TEXT NOT NULL,"
  "  rules        TEXT NOT NULL,"
  "  constitution TEXT NOT NULL,"
  "  context      TEXT NOT NULL,"
  "  verdict      TEXT NOT NULL,"
  "  violations   TEXT NOT NULL,"
  "  warnings     TEXT NOT NULL,"
  "  prev_hash    TEXT NOT NULL,"
  "  hash         TEXT NOT NULL UNIQUE"
  ") STRICT;"
  "CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records "
  "BEGIN SELECT RAISE (ABORT, 'audit records are append-only: UPDATE refused'); END;"
  "CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records "
  "BEGIN SELECT RAISE (ABORT, 'audit records are append-only: DELETE refused'); END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == AU_AUDIT_SCHEMA_VERSION);

static const char * const actors[] = { "engine", "user", "policy", "cli" };

static void
au_audit_log_dispose (GObject *object)
{
  AuAuditLog *self = (AuAuditLog *) object;

  /* Statements first: they belong to the database's connection. */
  g_clear_pointer (&self->last_stmt, sqlite3_finalize);
  g_clear_pointer (&self->insert_stmt, sqlite3_finalize);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (au_audit_log_parent_class)->dispose (object);
}

static void
au_audit_log_class_init (AuAuditLogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = au_audit_log_dispose;
}

static void
au_audit_log_init (AuAuditLog *self)
{
}

static gboolean
set_invalid (GError     **error,
             const char  *field,
             const char  *why)
{
  g_set_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_INVALID,
               "audit record: field “%s” %s", field, why);
  return FALSE;
}

static gboolean
check_text (const char  *value,
            const char  *field,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    return set_invalid (error, field, "is missing");
  if (!g_utf8_validate (value, -1, NULL))
    return set_invalid (error, field, "is not valid UTF-8");
  return TRUE;
}

static gboolean
check_time (const char  *time,
            GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (!check_text (time, "time", error))
    return FALSE;

  /* The engine's clock, simulated or not (D4): we check its form only and
   * keep the text as given, never substituting the wall clock. */
  parsed = g_date_time_new_from_iso8601 (time, utc);
  if (parsed == NULL)
    return set_invalid (error, "time", "is not an ISO 8601 date and time");
  return TRUE;
}

static gboolean
check_actor (const char  *actor,
             GError     **error)
{
  if (!check_text (actor, "actor", error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    if (strcmp (actor, actors[i]) == 0)
      return TRUE;

  return set_invalid (error, "actor", "must be engine, user, policy or cli");
}

static gboolean
check_entry (const AuAuditEntry  *entry,
             GError             **error)
{
  if (!check_time (entry->time, error)
      || !check_actor (entry->actor, error)
      || !check_text (entry->kind, "kind", error)
      || !check_text (entry->verdict, "verdict", error))
    return FALSE;

  for (guint i = 0; entry->rules != NULL && entry->rules[i] != NULL; i++)
    if (!check_text (entry->rules[i], "rules", error))
      return FALSE;

  /* D1: every record names the constitution in force by its SHA-256. */
  if (!au_audit_is_hash (entry->constitution))
    return set_invalid (error, "constitution",
                        "must be the constitution's SHA-256 (64 lower-case hex digits)");

  if (entry->context != NULL && !JSON_NODE_HOLDS_OBJECT (entry->context))
    return set_invalid (error, "context", "must be a JSON object");
  if (entry->violations != NULL && !JSON_NODE_HOLDS_ARRAY (entry->violations))
    return set_invalid (error, "violations", "must be a JSON array");
  if (entry->warnings != NULL && !JSON_NODE_HOLDS_ARRAY (entry->warnings))
    return set_invalid (error, "warnings", "must be a JSON array");

  return TRUE;
}

static JsonNode *
rules_to_node (const char * const *rules)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
    json_array_add_string_element (array, rules[i]);

  json_node_take_array (node, array);
  return node;
}

/* D3: secrets never reach the trail, so what is hashed is the redacted
 * copy; an absent part is stored as its empty form. */
static JsonNode *
redacted_or_empty (JsonNode     *node,
                   JsonNodeType  empty_type)
{
  JsonNode *empty;

  if (node != NULL)
    return au_json_redact (node);

  empty = json_node_new (empty_type);
  if (empty_type == JSON_NODE_OBJECT)
    json_node_take_object (empty, json_object_new ());
  else
    json_node_take_array (empty, json_array_new ());
  return empty;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  /* Parameters are numbered from 1, columns from 0. */
  sqlite3_bind_text (stmt, column + 1, text, -1, SQLITE_TRANSIENT);
}

/* Reads the head and inserts the next record; the caller holds the
 * transaction, so no other append can slip in between. */
static gint64
insert_record (AuAuditLog     *self,
               AuAuditFields  *fields,
               GError        **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *rules_text = NULL;
  g_autofree char *context_text = NULL;
  g_autofree char *violations_text = NULL;
  g_autofree char *warnings_text = NULL;
  gint64 last_seq = 0;
  int rc;

  sqlite3_reset (self->last_stmt);
  rc = sqlite3_step (self->last_stmt);
  if (rc == SQLITE_ROW)
    {
      last_seq = sqlite3_column_int64 (self->last_stmt, 0);
      prev_hash = g_strdup ((const char *) sqlite3_column_text (self->last_stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    prev_hash = g_strdup (AU_AUDIT_GENESIS_HASH);
  else
    {
      au_database_set_error (self->database, error, "reading the audit chain's head");
      sqlite3_reset (self->last_stmt);
      return 0;
    }
  sqlite3_reset (self->last_stmt);

  fields->seq = last_seq + 1;
  fields->prev_hash = prev_hash;
  canonical = au_audit_fields_to_canonical (fields);
  hash = au_audit_chain_hash (prev_hash, canonical);

  /* The JSON columns hold the same canonical text the record's bytes
   * embed, so verify can rebuild those bytes from the columns alone. */
  rules_text = au_json_to_canonical (fields->rules);
  context_text = au_json_to_canonical (fields->context);
  violations_text = au_json_to_canonical (fields->violations);
  warnings_text = au_json_to_canonical (fields->warnings);

  sqlite3_reset (self->insert_stmt);
  sqlite3_clear_bindings (self->insert_stmt);
  sqlite3_bind_int64 (self->insert_stmt, AU_AUDIT_COL_SEQ + 1, fields->seq);
  bind_text (self->insert_stmt, AU_AUDIT_COL_TIME, fields->time);
  bind_text (self->insert_stmt, AU_AUDIT_COL_ACTOR, fields->actor);
  bind_text (self->insert_stmt, AU_AUDIT_COL_KIND, fields->kind);
  bind_text (self->insert_stmt, AU_AUDIT_COL_RULES, rules_text);
  bind_text (self->insert_stmt, AU_AUDIT_COL_CONSTITUTION, fields->constitution);
  bind_text (self->insert_stmt, AU_AUDIT_COL_CONTEXT, context_text);
  bind_text (self->insert_stmt, AU_AUDIT_COL_VERDICT, fields->verdict);
  bind_text (self->insert_stmt, AU_AUDIT_COL_VIOLATIONS, violations_text);
  bind_text (self->insert_stmt, AU_AUDIT_COL_WARNINGS, warnings_text);
  bind_text (self->insert_stmt, AU_AUDIT_COL_PREV_HASH, prev_hash);
  bind_text (self->insert_stmt, AU_AUDIT_COL_HASH, hash);

  rc = sqlite3_step (self->insert_stmt);
  sqlite3_reset (self->insert_stmt);
  sqlite3_clear_bindings (self->insert_stmt);
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "appending an audit record");
      return 0;
    }

  return fields->seq;
}

/**
 * au_audit_log_new:
 * @database: an open database; writable unless the audit tables exist
 *
 * Returns: (transfer full): the audit log, or %NULL with @error set
 */
AuAuditLog *
au_audit_log_new (AuDatabase  *database,
                  GError     **error)
{
  g_autoptr(AuAuditLog) self = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_database_migrate (database, AU_AUDIT_COMPONENT, migrations,
                            G_N_ELEMENTS (migrations), error))
    return NULL;

  self = g_object_new (AU_TYPE_AUDIT_LOG, NULL);
  self->database = g_object_ref (database);

  self->last_stmt = au_database_prepare (database,
                                         "SELECT seq, hash FROM audit_records "
                                         "ORDER BY seq DESC LIMIT 1;",
                                         error);
  if (self->last_stmt == NULL)
    return NULL;

  self->insert_stmt = au_database_prepare (database,
                                           "INSERT INTO audit_records (" AU_AUDIT_COLUMNS ") "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
                                           error);
  if (self->insert_stmt == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * au_audit_log_append:
 * @self: the audit log
 * @entry: the record; nothing in it is kept
 *
 * Appends @entry after redacting it. With no transaction open it runs in
 * its own; inside the caller's it joins that one, so a decision and its
 * record commit or roll back together. On failure nothing is written and
 * the caller's transaction stays open for the caller to roll back.
 *
 * Returns: the record's sequence number (1 for the first), or 0 with
 *   @error set
 */
gint64
au_audit_log_append (AuAuditLog          *self,
                     const AuAuditEntry  *entry,
                     GError             **error)
{
  g_autoptr(JsonNode) rules = NULL;
  g_autoptr(JsonNode) context = NULL;
  g_autoptr(JsonNode) violations = NULL;
  g_autoptr(JsonNode) warnings = NULL;
  AuAuditFields fields = { 0 };
  gboolean own_transaction;
  gint64 seq;

  g_return_val_if_fail (AU_IS_AUDIT_LOG (self), 0);
  g_return_val_if_fail (entry != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_entry (entry, error))
    return 0;

  if (!au_database_is_writable (self->database))
    {
      g_set_error (error, AU_AUDIT_ERROR, AU_AUDIT_ERROR_INVALID,
                   "%s: the audit trail cannot be appended to: the database is open read-only",
                   au_database_get_path (self->database));
      return 0;
    }

  rules = rules_to_node (entry->rules);
  context = redacted_or_empty (entry->context, JSON_NODE_OBJECT);
  violations = redacted_or_empty (entry->violations, JSON_NODE_ARRAY);
  warnings = redacted_or_empty (entry->warnings, JSON_NODE_ARRAY);

  fields.time = entry->time;
  fields.actor = entry->actor;
  fields.kind = entry->kind;
  fields.rules = rules;
  fields.constitution = entry->constitution;
  fields.context = context;
  fields.verdict = entry->verdict;
  fields.violations = violations;
  fields.warnings = warnings;

  own_transaction = sqlite3_get_autocommit (au_database_get_handle (self->database)) != 0;
  if (own_transaction && !au_database_begin (self->database, error))
    return 0;

  seq = insert_record (self, &fields, error);
  if (seq == 0)
    {
      if (own_transaction)
        au_database_rollback (self->database);
      return 0;
    }

  if (own_transaction && !au_database_commit (self->database, error))
    {
      au_database_rollback (self->database);
      return 0;
    }

  return seq;
}

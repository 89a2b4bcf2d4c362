/* au-audit-private.h: what the writer, the verifier and the reader of the
 * audit trail must agree on, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-audit-log.h"

G_BEGIN_DECLS

/* prev_hash of the first record: 64 zeros (D3). */
#define AU_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

#define AU_AUDIT_HASH_LENGTH 64

#define AU_AUDIT_COMPONENT "audit"

/* The newest version of the audit tables this build knows. */
#define AU_AUDIT_SCHEMA_VERSION 1

/* The columns in the order every SELECT of this area reads them. */
#define AU_AUDIT_COLUMNS \
  "seq, time, actor, kind, rules, constitution, context, verdict, violations, " \
  "warnings, prev_hash, hash"

enum
{
  AU_AUDIT_COL_SEQ,
  AU_AUDIT_COL_TIME,
  AU_AUDIT_COL_ACTOR,
  AU_AUDIT_COL_KIND,
  AU_AUDIT_COL_RULES,
  AU_AUDIT_COL_CONSTITUTION,
  AU_AUDIT_COL_CONTEXT,
  AU_AUDIT_COL_VERDICT,
  AU_AUDIT_COL_VIOLATIONS,
  AU_AUDIT_COL_WARNINGS,
  AU_AUDIT_COL_PREV_HASH,
  AU_AUDIT_COL_HASH,
  AU_AUDIT_N_COLUMNS
};

/* Column names, indexed by the enum above. */
extern const char * const au_audit_column_names[AU_AUDIT_N_COLUMNS];

/* Every field of a record but its hash: exactly what is hashed. */
typedef struct
{
  gint64      seq;
  const char *time;
  const char *actor;
  const char *kind;
  JsonNode   *rules;         /* array of strings */
  const char *constitution;
  JsonNode   *context;       /* object, redacted */
  const char *verdict;
  JsonNode   *violations;    /* array, redacted */
  JsonNode   *warnings;      /* array, redacted */
  const char *prev_hash;
} AuAuditFields;

/* The canonical bytes of @fields (au_json_to_canonical of one object with
 * every field but the hash, seq included). */
char     *au_audit_fields_to_canonical (const AuAuditFields *fields);

/* SHA-256, lower-case hex, of @prev_hash followed by @canonical (D3). */
char     *au_audit_chain_hash          (const char          *prev_hash,
                                        const char          *canonical);

/* Whether @text is 64 lower-case hex digits, as every hash here is. */
gboolean  au_audit_is_hash             (const char          *text);

/* Whether the audit table exists. A database the audit log never touched
 * has none; that is an empty trail, not an error. */
gboolean  au_audit_table_exists        (AuDatabase          *database,
                                        gboolean            *exists,
                                        GError             **error);

/* Parses one stored JSON column of record @seq. */
JsonNode *au_audit_parse_column        (const char          *text,
                                        const char          *column,
                                        gint64               seq,
                                        GError             **error);

G_END_DECLS

/* au-audit-log.h: the append-only, hash-chained audit trail (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-database.h"

G_BEGIN_DECLS

#define AU_AUDIT_ERROR (au_audit_error_quark ())

typedef enum
{
  AU_AUDIT_ERROR_BROKEN_CHAIN,
  AU_AUDIT_ERROR_INVALID,
} AuAuditError;

GQuark au_audit_error_quark (void);

/* One record as the engine hands it over. Everything is copied; @context,
 * @violations and @warnings are redacted (password/secret/token/key) before
 * they are written. */
typedef struct
{
  const char         *time;          /* ISO 8601, the engine's clock (simulated in paper runs) */
  const char         *actor;         /* "engine", "user", "policy", "cli" */
  const char         *kind;          /* "rule_check", "state", "order", "fill", "fork", ... */
  const char * const *rules;         /* rule numbers, NULL-terminated, may be NULL */
  const char         *constitution;  /* SHA-256 of the constitution in force */
  JsonNode           *context;       /* the inputs the decision saw */
  const char         *verdict;       /* "APPROVED", "WARNING", "REJECTED" or an event name */
  JsonNode           *violations;    /* array of {rule, message, ...}, may be NULL */
  JsonNode           *warnings;      /* likewise */
} AuAuditEntry;

typedef struct
{
  gboolean  ok;
  gint64    records;          /* records checked */
  char     *head;             /* hash of the last record (hex), NULL when empty */
  gint64    broken_seq;       /* first broken record, 0 when ok */
  char     *problem;          /* what is wrong with it, in plain words */
} AuAuditVerifyResult;

void au_audit_verify_result_clear (AuAuditVerifyResult *result);

#define AU_TYPE_AUDIT_LOG (au_audit_log_get_type ())

G_DECLARE_FINAL_TYPE (AuAuditLog, au_audit_log, AU, AUDIT_LOG, GObject)

/* Creates the audit tables on a writable database if needed. */
AuAuditLog *au_audit_log_new      (AuDatabase           *database,
                                   GError              **error);
/* Appends one record inside its own transaction, or inside the caller's
 * when one is open, so that a decision and its record commit together.
 * Returns the record's sequence number, or 0 with @error set. */
gint64      au_audit_log_append   (AuAuditLog           *self,
                                   const AuAuditEntry   *entry,
                                   GError              **error);
/* Walks the whole chain; works on a read-only database. Returns FALSE
 * only when the check itself could not run; a broken chain is reported
 * in @result. */
gboolean    au_audit_log_verify   (AuDatabase           *database,
                                   AuAuditVerifyResult  *result,
                                   GError              **error);

/* One stored record, read back for people and tools ("why did it do
 * that"). Fields are as written: @context, @violations and @warnings are
 * already redacted; @violations and @warnings are arrays, never NULL. */
typedef struct
{
  gint64     seq;
  char      *time;
  char      *actor;
  char      *kind;
  char     **rules;                  /* NULL-terminated, possibly empty */
  char      *constitution;
  JsonNode  *context;
  char      *verdict;
  JsonNode  *violations;
  JsonNode  *warnings;
  char      *prev_hash;
  char      *hash;
} AuAuditRecord;

void        au_audit_record_free  (AuAuditRecord        *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuAuditRecord, au_audit_record_free)

/* The newest @limit records (all of them when @limit is 0), newest first;
 * works on a read-only database. A database without audit tables has no
 * records. Returns: (transfer full) (element-type AuAuditRecord): the
 * records, or NULL with @error set (e.g. a column no longer holds JSON). */
GPtrArray  *au_audit_log_list     (AuDatabase           *database,
                                   guint                 limit,
                                   GError              **error);

G_END_DECLS

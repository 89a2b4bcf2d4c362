/* au-account-manager-private.h: shared by the account manager's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-account-manager.h"
#include "au-accounts-error.h"

G_BEGIN_DECLS

struct _AuAccountManager
{
  GObject         parent_instance;

  AuConstitution *constitution;
  AuDatabase     *database;
  AuLedger       *ledger;
  AuAuditLog     *audit;
  AuRulesEngine  *rules;
};

/* One audit record, actor "engine". @rules is NULL-terminated. */
gboolean    _au_account_manager_audit    (AuAccountManager    *self,
                                          GDateTime           *time,
                                          const char          *kind,
                                          const char * const  *rules,
                                          const char          *verdict,
                                          JsonNode            *context,
                                          GError             **error);
/* A context object with a "reason" and an "account" member; more members
 * can be added to the returned object. */
JsonObject *_au_account_context_new      (const AuLedgerAccount *account,
                                          const char            *reason);
JsonNode   *_au_account_context_node     (JsonObject            *object);

/* Asks the rules engine (which records its rule check); TRUE when
 * approved. @verdict receives the verdict. */
gboolean    _au_account_manager_judge    (AuAccountManager    *self,
                                          JsonNode            *proposal,
                                          AuVerdict          **verdict,
                                          GError             **error);
/* The findings of a verdict as plain text, for a non-action's reason. */
char       *_au_verdict_summary          (AuVerdict           *verdict);

double      _au_dollars                  (AuMoney              cents);
char       *_au_format_dollars           (AuMoney              cents);
/* Eastern ISO 8601, as the audit trail and proposals carry it. */
char       *_au_time_text                (GDateTime           *time);

/* Closes for every open position of @account_id (D2.3). */
gboolean    _au_account_close_intents    (AuAccountManager    *self,
                                          gint64               account_id,
                                          GArray              *intents,
                                          guint               *n_added,
                                          GError             **error);

void        _au_lifecycle_result_init    (AuLifecycleResult   *result);

G_END_DECLS

/* au-rules-engine.h: judges proposed actions against the constitution (WS1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-audit-log.h"
#include "au-constitution.h"
#include "au-proposal.h"
#include "au-verdict.h"

G_BEGIN_DECLS

#define AU_TYPE_RULES_ENGINE (au_rules_engine_get_type ())

G_DECLARE_FINAL_TYPE (AuRulesEngine, au_rules_engine, AU, RULES_ENGINE, GObject)

AuRulesEngine  *au_rules_engine_new              (AuConstitution  *constitution,
                                                  AuAuditLog      *audit_log);
AuConstitution *au_rules_engine_get_constitution (AuRulesEngine   *self);
AuAuditLog     *au_rules_engine_get_audit_log    (AuRulesEngine   *self);
/* Who asked, as the audit trail records it: "engine" (the default), "cli", "user". */
const char     *au_rules_engine_get_actor        (AuRulesEngine   *self);
void            au_rules_engine_set_actor        (AuRulesEngine   *self,
                                                  const char      *actor);

/* Judges @proposal and, with an audit log, appends the evaluation to the
 * audit trail, approved or not, at the proposal's time (the engine's
 * clock). A verdict that could not be recorded is not returned: NULL with
 * @error set, so nothing acts on an unrecorded decision. */
AuVerdict      *au_rules_engine_evaluate         (AuRulesEngine   *self,
                                                  AuProposal      *proposal,
                                                  GError         **error);

/* The judgement alone, without the audit trail. */
AuVerdict      *au_rules_engine_judge            (AuRulesEngine   *self,
                                                  AuProposal      *proposal);

G_END_DECLS

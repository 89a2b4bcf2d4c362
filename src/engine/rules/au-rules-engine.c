/* au-rules-engine.c: the decision pipeline of research §7, fail-closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-account-validator.h"
#include "au-delta-validator.h"
#include "au-hedge-checks.h"
#include "au-lifecycle-checks.h"
#include "au-liquidity-validator.h"
#include "au-market-calendar.h"
#include "au-market-checks.h"
#include "au-roll-checks.h"
#include "au-rule-context.h"
#include "au-rules-engine.h"
#include "au-sizing-validator.h"
#include "au-timing-validator.h"

struct _AuRulesEngine
{
  GObject         parent_instance;

  AuConstitution *constitution;
  AuAuditLog     *audit_log;
  char           *actor;
};

G_DEFINE_FINAL_TYPE (AuRulesEngine, au_rules_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONSTITUTION,
  PROP_AUDIT_LOG,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* An entry, whether an open or a roll's new leg (D2.20): the five
 * validators of research §7, then the market regime. */
static void
judge_entry (AuRuleContext *ctx)
{
  au_account_validator_run (ctx);
  au_sizing_validator_run (ctx);
  au_delta_validator_run (ctx);
  if (au_rule_is_leap (ctx))
    au_hedge_checks_run_leap (ctx);
  au_liquidity_validator_run_entry (ctx);
  au_market_checks_run_entry (ctx);
}

/* D2.20: a close or exit is held to its window and market hours only. A
 * stock close (a MINI's share lots before its merge, D2.3; Com-Acc's lots,
 * D2.23) sells shares, not contracts: it is judged on `shares`, with no
 * round-lot rule, since what is held is sold whole. */
static void
judge_close (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  gboolean stock = au_rule_is_strategy (ctx, AU_STRATEGY_STOCK);
  const char *field = stock ? "shares" : "contracts";
  gboolean present = stock ? p->has_shares : p->has_contracts;
  gint64 quantity = stock ? p->shares : p->contracts;

  au_rule_require (ctx, p->symbol != NULL, "D2.20", "symbol");
  if (au_rule_require (ctx, present, "R0.4", field) && quantity <= 0)
    au_verdict_add_violation (ctx->verdict, "R0.4", "%s must be at least 1", field);
  au_liquidity_validator_run_exit (ctx);
}

static void
judge (AuRuleContext *ctx)
{
  switch (ctx->proposal->action)
    {
    case AU_ACTION_OPEN:
      au_timing_validator_run (ctx);
      judge_entry (ctx);
      break;
    case AU_ACTION_ROLL:
      au_timing_validator_run (ctx);
      if (au_roll_checks_run (ctx))
        {
          au_rule_context_use_new_leg (ctx);
          judge_entry (ctx);
        }
      break;
    case AU_ACTION_CLOSE:
    case AU_ACTION_EXIT:
      au_timing_validator_run (ctx);
      judge_close (ctx);
      break;
    case AU_ACTION_FORK:
      au_lifecycle_checks_run_fork (ctx);
      break;
    case AU_ACTION_MERGE:
      au_timing_validator_run (ctx);
      au_lifecycle_checks_run_merge (ctx);
      break;
    case AU_ACTION_REINVEST:
      au_lifecycle_checks_run_reinvest (ctx);
      break;
    case AU_ACTION_HEDGE:
      au_timing_validator_run (ctx);
      /* Hedges are bought in a crisis: only the kill switch stops them. */
      au_market_checks_run_kill (ctx);
      au_hedge_checks_run (ctx);
      au_liquidity_validator_run_entry (ctx);
      break;
    default:
      g_assert_not_reached ();
    }
}

AuVerdict *
au_rules_engine_judge (AuRulesEngine *self,
                       AuProposal    *proposal)
{
  AuVerdict *verdict;
  AuRuleContext ctx;

  g_return_val_if_fail (AU_IS_RULES_ENGINE (self), NULL);
  g_return_val_if_fail (proposal != NULL && proposal->time != NULL, NULL);

  verdict = au_verdict_new ();
  au_rule_context_init (&ctx, self->constitution, proposal, verdict);
  judge (&ctx);
  return verdict;
}

static gboolean
record (AuRulesEngine  *self,
        AuProposal     *proposal,
        AuVerdict      *verdict,
        GError        **error)
{
  g_autofree char *time = au_eastern_format (proposal->time);
  g_autoptr(JsonNode) violations = au_verdict_violations_to_json (verdict);
  g_autoptr(JsonNode) warnings = au_verdict_warnings_to_json (verdict);
  AuAuditEntry entry = {
    .time = time,
    .actor = self->actor,
    .kind = "rule_check",
    .rules = au_verdict_get_rules (verdict),
    .constitution = au_constitution_get_sha256 (self->constitution),
    .context = proposal->json,
    .verdict = au_verdict_status_to_string (au_verdict_get_status (verdict)),
    .violations = violations,
    .warnings = warnings,
  };

  return au_audit_log_append (self->audit_log, &entry, error) > 0;
}

AuVerdict *
au_rules_engine_evaluate (AuRulesEngine  *self,
                          AuProposal     *proposal,
                          GError        **error)
{
  g_autoptr(AuVerdict) verdict = NULL;

  g_return_val_if_fail (AU_IS_RULES_ENGINE (self), NULL);
  g_return_val_if_fail (proposal != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  verdict = au_rules_engine_judge (self, proposal);
  if (self->audit_log != NULL && !record (self, proposal, verdict, error))
    return NULL;
  return g_steal_pointer (&verdict);
}

AuRulesEngine *
au_rules_engine_new (AuConstitution *constitution,
                     AuAuditLog     *audit_log)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);
  g_return_val_if_fail (audit_log == NULL || AU_IS_AUDIT_LOG (audit_log), NULL);

  return g_object_new (AU_TYPE_RULES_ENGINE,
                       "constitution", constitution,
                       "audit-log", audit_log,
                       NULL);
}

AuConstitution *
au_rules_engine_get_constitution (AuRulesEngine *self)
{
  g_return_val_if_fail (AU_IS_RULES_ENGINE (self), NULL);
  return self->constitution;
}

AuAuditLog *
au_rules_engine_get_audit_log (AuRulesEngine *self)
{
  g_return_val_if_fail (AU_IS_RULES_ENGINE (self), NULL);
  return self->audit_log;
}

const char *
au_rules_engine_get_actor (AuRulesEngine *self)
{
  g_return_val_if_fail (AU_IS_RULES_ENGINE (self), NULL);
  return self->actor;
}

void
au_rules_engine_set_actor (AuRulesEngine *self,
                           const char    *actor)
{
  g_return_if_fail (AU_IS_RULES_ENGINE (self));
  g_return_if_fail (actor != NULL && *actor != '\0');

  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

static void
au_rules_engine_dispose (GObject *object)
{
  AuRulesEngine *self = AU_RULES_ENGINE (object);

  g_clear_object (&self->constitution);
  g_clear_object (&self->audit_log);

  G_OBJECT_CLASS (au_rules_engine_parent_class)->dispose (object);
}

static void
au_rules_engine_finalize (GObject *object)
{
  AuRulesEngine *self = AU_RULES_ENGINE (object);

  g_clear_pointer (&self->actor, g_free);

  G_OBJECT_CLASS (au_rules_engine_parent_class)->finalize (object);
}

static void
au_rules_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AuRulesEngine *self = AU_RULES_ENGINE (object);

  switch (prop_id)
    {
    case PROP_CONSTITUTION:
      g_value_set_object (value, self->constitution);
      break;
    case PROP_AUDIT_LOG:
      g_value_set_object (value, self->audit_log);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_rules_engine_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AuRulesEngine *self = AU_RULES_ENGINE (object);

  switch (prop_id)
    {
    case PROP_CONSTITUTION:
      self->constitution = g_value_dup_object (value);
      break;
    case PROP_AUDIT_LOG:
      self->audit_log = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      au_rules_engine_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_rules_engine_class_init (AuRulesEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_rules_engine_dispose;
  object_class->finalize = au_rules_engine_finalize;
  object_class->get_property = au_rules_engine_get_property;
  object_class->set_property = au_rules_engine_set_property;

  properties[PROP_CONSTITUTION] =
    g_param_spec_object ("constitution", NULL, NULL, AU_TYPE_CONSTITUTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUDIT_LOG] =
    g_param_spec_object ("audit-log", NULL, NULL, AU_TYPE_AUDIT_LOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, "engine",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_rules_engine_init (AuRulesEngine *self)
{
}

/* au-market-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-market-checks.h"

gboolean
au_market_checks_run_kill (AuRuleContext *ctx)
{
  const AuMarket *m;
  double kill;

  g_return_val_if_fail (ctx != NULL, FALSE);

  m = &ctx->proposal->market;
  kill = ctx->params->vix.kill_above;
  if (!au_rule_require (ctx, m->has_vix, "R6.9", "market.vix"))
    return FALSE;
  if (au_rule_exceeds (m->vix, kill))
    {
      au_verdict_add_violation_numbers (ctx->verdict, "R6.9", m->vix, kill,
                                        "VIX %.2f is above %.0f: kill switch, the system is in "
                                        "EMERGENCY", m->vix, kill);
      return FALSE;
    }
  return TRUE;
}

/* R6.9 with D2.8 (strict >) and D2.18. */
static void
check_vix_tiers (AuRuleContext *ctx)
{
  const AuMarket *m = &ctx->proposal->market;
  double safe = ctx->params->vix.safe_above;
  double hedged = ctx->params->vix.hedged_above;

  if (!au_market_checks_run_kill (ctx))
    return;
  if (au_rule_exceeds (m->vix, safe))
    au_verdict_add_violation_numbers (ctx->verdict, "R6.9", m->vix, safe,
                                      "VIX %.2f is above %.0f: SAFE, no new entries",
                                      m->vix, safe);
  else if (au_rule_exceeds (m->vix, hedged))
    au_verdict_add_warning_numbers (ctx->verdict, "R6.9", m->vix, hedged,
                                    "VIX %.2f is above %.0f: Hedged Week, entries at half size "
                                    "(deployment %.0f%%, per-symbol caps x%.2f, D2.18)",
                                    m->vix, hedged, ctx->params->hedged_week.deploy_max * 100,
                                    ctx->params->hedged_week.symbol_cap_factor);
}

/* D2.7 for spot and VIX. */
static void
check_market_age (AuRuleContext *ctx)
{
  GTimeSpan age = au_rule_data_age (ctx, ctx->proposal->market.as_of);
  gint64 stale = ctx->params->data.stale_seconds;
  gint64 stop = ctx->params->data.stale_stop_seconds;
  double seconds = (double) age / G_TIME_SPAN_SECOND;

  au_verdict_note_rule (ctx->verdict, "R8.5");
  if (age > stop * G_TIME_SPAN_SECOND)
    au_verdict_add_violation_numbers (ctx->verdict, "R8.5", seconds, (double) stop,
                                      "spot and VIX are %.0f s old; older than %" G_GINT64_FORMAT
                                      " s, no new entry (D2.7)", seconds, stop);
  else if (age > stale * G_TIME_SPAN_SECOND)
    au_verdict_add_warning_numbers (ctx->verdict, "R8.5", seconds, (double) stale,
                                    "spot and VIX are %.0f s old (stale after %" G_GINT64_FORMAT
                                    " s, D2.7)", seconds, stale);
}

/* R6.1-R6.4: the breach multiple the new short leg would open at
 * (CSP: strike - spot; CC: spot - strike; over ATR(5)). The ATR is
 * required on an open (D2.21). */
static void
check_breach (AuRuleContext *ctx)
{
  const AuMarket *m = &ctx->proposal->market;
  g_autofree char *strike_field = g_strconcat (ctx->leg.prefix, "strike", NULL);
  const double *levels = ctx->params->protocol.level_atr;
  gboolean put = au_rule_is_strategy (ctx, AU_STRATEGY_CSP);
  double breach, multiple;

  if (!put && !au_rule_is_strategy (ctx, AU_STRATEGY_CC))
    return;
  if (!au_rule_require (ctx, m->has_atr5, "R6.8", "market.atr5")
      | !au_rule_require (ctx, m->has_spot, "R6.8", "market.spot")
      | !au_rule_require (ctx, ctx->leg.has_strike, "R6.8", strike_field))
    return;
  if (m->atr5 <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R6.8", "market.atr5 must be positive");
      return;
    }
  breach = put ? (double) (ctx->leg.strike - m->spot) : (double) (m->spot - ctx->leg.strike);
  multiple = breach > 0 ? breach / (double) m->atr5 : 0.0;
  if (!au_rule_below (multiple, levels[2]))
    au_verdict_add_violation_numbers (ctx->verdict, multiple >= levels[3] ? "R6.4" : "R6.3",
                                      multiple, levels[2],
                                      "the new leg would open %.2f ATR in the money: at L%d "
                                      "already", multiple, multiple >= levels[3] ? 3 : 2);
  else if (!au_rule_below (multiple, levels[1]))
    au_verdict_add_warning_numbers (ctx->verdict, "R6.2", multiple, levels[1],
                                    "the new leg would open %.2f ATR in the money: at L1",
                                    multiple);
}

/* R6.3 freezes entries for the account at L2; R6.4 halts them at L3. */
static void
check_protocol_freeze (AuRuleContext *ctx)
{
  const AuAccountState *s = &ctx->proposal->state;

  if (ctx->is_roll || !s->has_protocol_level || s->protocol_level < 2)
    return;
  au_verdict_add_violation_numbers (ctx->verdict, s->protocol_level >= 3 ? "R6.4" : "R6.3",
                                    s->protocol_level, 1,
                                    "the account is at protocol level L%d: new entries are %s",
                                    s->protocol_level,
                                    s->protocol_level >= 3 ? "halted (SAFE)" : "frozen");
}

void
au_market_checks_run_entry (AuRuleContext *ctx)
{
  g_return_if_fail (ctx != NULL);

  check_vix_tiers (ctx);
  check_market_age (ctx);
  check_breach (ctx);
  check_protocol_freeze (ctx);
}

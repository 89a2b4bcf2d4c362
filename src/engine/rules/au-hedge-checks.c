/* au-hedge-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-hedge-checks.h"
#include "au-money.h"

/* Expiry from min_months to max_months after the order's date, inclusive. */
static void
check_term (AuRuleContext *ctx,
            const char    *rule,
            int            min_months,
            int            max_months)
{
  const GDate *expiry = &ctx->proposal->expiry;
  GDate earliest = ctx->date, latest = ctx->date;
  char text[16];

  if (!au_rule_require (ctx, g_date_valid (expiry), rule, "expiry"))
    return;
  g_date_add_months (&earliest, min_months);
  g_date_add_months (&latest, max_months);
  if (g_date_compare (expiry, &earliest) >= 0 && g_date_compare (expiry, &latest) <= 0)
    return;
  g_date_strftime (text, sizeof text, "%Y-%m-%d", expiry);
  au_verdict_add_violation (ctx->verdict, rule,
                            "expiry %s is not %d–%d months out", text, min_months, max_months);
}

/* (spot - strike) / spot of a put, inside [min, max]. */
static void
check_put_otm (AuRuleContext *ctx,
               const char    *rule,
               double         min,
               double         max)
{
  const AuProposal *p = ctx->proposal;
  double otm;

  if (!au_rule_require (ctx, p->has_strike, rule, "strike")
      | !au_rule_require (ctx, p->market.has_spot, rule, "market.spot"))
    return;
  if (p->market.spot <= 0)
    {
      au_verdict_add_violation (ctx->verdict, rule, "market.spot must be positive");
      return;
    }
  otm = (double) (p->market.spot - p->strike) / (double) p->market.spot;
  if (au_rule_below (otm, min) || au_rule_exceeds (otm, max))
    au_verdict_add_violation_numbers (ctx->verdict, rule, otm, au_rule_below (otm, min) ? min : max,
                                      "the put is %.2f%% out of the money; hedge puts are "
                                      "%.0f–%.0f%%", otm * 100, min * 100, max * 100);
}

void
au_hedge_checks_run_leap (AuRuleContext *ctx)
{
  const AuConstitutionParams *c;

  g_return_if_fail (ctx != NULL);

  c = ctx->params;
  if (au_rule_is_strategy (ctx, AU_STRATEGY_LEAP_CALL))
    check_term (ctx, "R17.1", c->leap.growth_months_min, c->leap.growth_months_max);
  else if (au_rule_is_strategy (ctx, AU_STRATEGY_LEAP_PUT))
    {
      check_term (ctx, "R17.1", c->leap.hedge_months_min, c->leap.hedge_months_max);
      check_put_otm (ctx, "R17.1", c->leap.hedge_otm_min, c->leap.hedge_otm_max);
    }
}

/* R5.3: any one trigger: an L2 breach (R6.6), VIX above the trigger for
 * the trigger's days, an SPX drawdown, or thin breadth. */
static void
check_trigger (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  const AuMarket *m = &p->market;
  const AuConstitutionParams *c = ctx->params;

  au_verdict_note_rule (ctx->verdict, "R5.3");
  if (p->state.has_protocol_level && p->state.protocol_level >= 2)
    return;
  if (m->has_vix_days_above && m->vix_days_above >= c->hedge.trigger_vix_days)
    return;
  if (m->has_spx_drawdown && !au_rule_below (m->spx_drawdown, c->hedge.trigger_spx_drawdown))
    return;
  if (m->has_breadth && au_rule_below (m->breadth, c->hedge.trigger_breadth_below))
    return;
  au_verdict_add_violation (ctx->verdict, "R5.3",
                            "no hedge trigger holds: account_state.protocol_level ≥ 2, "
                            "market.vix_days_above ≥ %d (VIX > %.0f), market.spx_drawdown ≥ "
                            "%.0f%% or market.breadth < %.0f%% (fail-closed: absent counts as "
                            "not holding)", c->hedge.trigger_vix_days, c->hedge.trigger_vix_above,
                            c->hedge.trigger_spx_drawdown * 100,
                            c->hedge.trigger_breadth_below * 100);
}

/* D2.4: budget = max(gains_fraction x quarter gains, equity_floor x
 * equity); spend = min(l2_equity x equity, budget), split spx : vix. */
static void
check_spend (AuRuleContext *ctx,
             gboolean       spx)
{
  const AuProposal *p = ctx->proposal;
  const AuConstitutionParams *c = ctx->params;
  AuMoney budget, spend, allowed, cost, gains;
  int total_weight = c->hedge.spx_weight + c->hedge.vix_weight;

  if (!au_rule_require (ctx, p->state.has_equity, "R5.1", "account_state.equity")
      | !au_rule_require (ctx, p->has_quarter_gains, "R5.1", "quarter_gains")
      | !au_rule_require (ctx, p->has_limit, "R5.1", "limit")
      | !au_rule_require (ctx, p->has_contracts, "R5.1", "contracts"))
    return;
  if (p->contracts <= 0 || p->limit <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R5.1", "contracts and limit must be positive");
      return;
    }
  gains = MAX (p->quarter_gains, 0);
  budget = MAX (au_money_mul_fraction (gains, c->hedge.gains_fraction),
                au_money_mul_fraction (p->state.equity, c->hedge.equity_floor));
  spend = MIN (au_money_mul_fraction (p->state.equity, c->hedge.l2_equity), budget);
  allowed = au_money_mul_ratio (spend, spx ? c->hedge.spx_weight : c->hedge.vix_weight,
                                total_weight);
  cost = p->limit * p->contracts; /* premium x 100 shares, in cents */
  if (cost > allowed)
    au_verdict_add_violation_numbers (ctx->verdict, "R5.1", au_rule_dollars (cost),
                                      au_rule_dollars (allowed),
                                      "the %s cost $%.2f; the hedge spend of $%.2f allows $%.2f "
                                      "for them (D2.4)", spx ? "SPX puts" : "VIX calls",
                                      au_rule_dollars (cost), au_rule_dollars (spend),
                                      au_rule_dollars (allowed));
  if (au_rule_require (ctx, p->state.has_cash, "R0.2", "account_state.cash")
      && p->state.cash < cost)
    au_verdict_add_violation_numbers (ctx->verdict, "R0.2", au_rule_dollars (p->state.cash),
                                      au_rule_dollars (cost),
                                      "the hedge costs $%.2f, free cash is $%.2f",
                                      au_rule_dollars (cost), au_rule_dollars (p->state.cash));
}

void
au_hedge_checks_run (AuRuleContext *ctx)
{
  const AuProposal *p;
  const AuConstitutionParams *c;
  gboolean spx, vix;

  g_return_if_fail (ctx != NULL);

  p = ctx->proposal;
  c = ctx->params;
  check_trigger (ctx);

  /* R5.2: SPX puts or VIX calls. */
  if (!au_rule_require (ctx, p->symbol != NULL, "R5.2", "symbol")
      | !au_rule_require (ctx, p->right != 0, "R5.2", "right"))
    return;
  spx = g_str_equal (p->symbol, "SPX") && p->right == 'P';
  vix = g_str_equal (p->symbol, "VIX") && p->right == 'C';
  if (!spx && !vix)
    {
      au_verdict_add_violation (ctx->verdict, "R5.2",
                                "hedges are SPX puts or VIX calls, not %s %c", p->symbol, p->right);
      return;
    }
  if (spx)
    {
      check_term (ctx, "R5.2", c->hedge.spx_months_min, c->hedge.spx_months_max);
      check_put_otm (ctx, "R5.2", c->hedge.spx_otm_min, c->hedge.spx_otm_max);
    }
  else
    check_term (ctx, "R5.2", c->hedge.vix_months, c->hedge.vix_months + 1);
  check_spend (ctx, spx);
}

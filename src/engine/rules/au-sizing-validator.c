/* au-sizing-validator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-money.h"
#include "au-sizing-validator.h"

/* strike (1/10,000 dollars) x 100 shares is cents: one contract's
 * collateral in cents is the strike's integer. */
static AuMoney
option_notional (AuPrice strike,
                 gint64  contracts)
{
  return strike * contracts;
}

static AuMoney
sum_exposure (GHashTable *table)
{
  GHashTableIter iter;
  gpointer value;
  AuMoney total = 0;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += *(const AuMoney *) value;
  return total;
}

/* R0.4: at least one, and more than slice_contracts goes out in slices. */
static gboolean
check_quantity (AuRuleContext *ctx,
                gint64        *quantity)
{
  const AuProposal *p = ctx->proposal;
  gboolean stock = au_rule_is_strategy (ctx, AU_STRATEGY_STOCK);
  int slice = ctx->params->global.slice_contracts;

  if (stock)
    {
      if (!au_rule_require (ctx, p->has_shares, "R0.4", "shares"))
        return FALSE;
      *quantity = p->shares;
    }
  else
    {
      if (!au_rule_require (ctx, p->has_contracts, "R0.4", "contracts"))
        return FALSE;
      *quantity = p->contracts;
    }
  if (*quantity <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R0.4", "%s must be at least 1",
                                stock ? "shares" : "contracts");
      return FALSE;
    }
  if (!stock && *quantity > slice)
    au_verdict_add_warning_numbers (ctx->verdict, "R0.4", *quantity, slice,
                                    "%" G_GINT64_FORMAT " contracts will be sent in child "
                                    "orders of at most %d", *quantity, slice);
  return TRUE;
}

/* The cash the leg needs (R0.2, D2.21): a CSP its strike x 100 per
 * contract, shares and long options their price. A covered call none. */
static gboolean
cash_needed (AuRuleContext *ctx,
             gint64         quantity,
             AuMoney       *needed)
{
  const AuProposal *p = ctx->proposal;
  g_autofree char *strike_field = g_strconcat (ctx->leg.prefix, "strike", NULL);
  g_autofree char *limit_field = g_strconcat (ctx->leg.prefix, "limit", NULL);

  switch (p->strategy)
    {
    case AU_STRATEGY_CSP:
      if (!au_rule_require (ctx, ctx->leg.has_strike, "R0.2", strike_field))
        return FALSE;
      *needed = option_notional (ctx->leg.strike, quantity);
      return TRUE;
    case AU_STRATEGY_LEAP_CALL:
    case AU_STRATEGY_LEAP_PUT:
      if (!au_rule_require (ctx, ctx->leg.has_limit, "R0.2", limit_field))
        return FALSE;
      *needed = option_notional (ctx->leg.limit, quantity);
      return TRUE;
    case AU_STRATEGY_STOCK:
      if (!au_rule_require (ctx, ctx->leg.has_limit, "R0.2", limit_field))
        return FALSE;
      *needed = au_money_mul_ratio (ctx->leg.limit * quantity, AU_MONEY_SCALE, AU_PRICE_SCALE);
      return TRUE;
    case AU_STRATEGY_CC:
    default:
      *needed = 0;
      return TRUE;
    }
}

/* What a roll frees before its new leg is judged: the old leg's
 * collateral, which also left the symbol's exposure (D2.20). */
static AuMoney
released_by_roll (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;

  if (!ctx->is_roll || !au_rule_is_strategy (ctx, AU_STRATEGY_CSP)
      || !p->has_strike || !p->has_contracts)
    return 0;
  return option_notional (p->strike, p->contracts);
}

static void
check_cash (AuRuleContext *ctx,
            AuMoney        needed,
            AuMoney        released)
{
  const AuAccountState *s = &ctx->proposal->state;

  if (needed == 0 || !au_rule_require (ctx, s->has_cash, "R0.2", "account_state.cash"))
    return;
  if (s->cash + released < needed)
    au_verdict_add_violation_numbers (ctx->verdict, "R0.2",
                                      au_rule_dollars (s->cash + released),
                                      au_rule_dollars (needed),
                                      "not cash-secured: the order needs $%.2f, free cash is $%.2f",
                                      au_rule_dollars (needed),
                                      au_rule_dollars (s->cash + released));
}

/* R0.2 deployment and R0.3 / R3.1 per-symbol exposure, both halved in a
 * Hedged Week (D2.18). */
static void
check_exposure (AuRuleContext *ctx,
                AuMoney        added,
                AuMoney        released)
{
  const AuProposal *p = ctx->proposal;
  const AuAccountState *s = &p->state;
  const char *rule = au_rule_exposure_number (ctx);
  g_autofree char *field = g_strdup_printf ("account_state.symbol_exposure.%s", p->symbol);
  double deploy_max = ctx->hedged_week ? ctx->params->hedged_week.deploy_max
                                       : ctx->params->global.deploy_max;
  double cap = ctx->rules->symbol_cap;
  double warn = ctx->params->global.warn_ratio;
  AuMoney existing = 0;
  double deployed, exposure;
  gboolean have_symbol;

  if (added == 0)
    return; /* D2.21: a covered call adds nothing, its shares are counted */
  if (ctx->hedged_week)
    cap *= ctx->params->hedged_week.symbol_cap_factor;

  have_symbol = au_proposal_get_exposure (p, p->symbol, &existing);
  if (!au_rule_require (ctx, s->has_equity, "R0.2", "account_state.equity")
      | !au_rule_require (ctx, s->symbol_exposure != NULL, "R0.2", "account_state.symbol_exposure")
      | !au_rule_require (ctx, s->has_equity, rule, "account_state.equity")
      | !au_rule_require (ctx, have_symbol, rule, field))
    return;
  if (s->equity <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R0.2", "account_state.equity must be positive");
      return;
    }

  deployed = (double) (sum_exposure (s->symbol_exposure) - released + added) / (double) s->equity;
  if (au_rule_exceeds (deployed, deploy_max))
    au_verdict_add_violation_numbers (ctx->verdict, "R0.2", deployed, deploy_max,
                                      "the sleeve would be %.2f%% deployed, above %.0f%%%s",
                                      deployed * 100, deploy_max * 100,
                                      ctx->hedged_week ? " (Hedged Week, D2.18)" : "");

  exposure = (double) (existing - released + added) / (double) s->equity;
  if (au_rule_exceeds (exposure, cap))
    au_verdict_add_violation_numbers (ctx->verdict, rule, exposure, cap,
                                      "%s exposure would be %.2f%% of the sleeve, above its "
                                      "%.2f%% cap%s", p->symbol, exposure * 100, cap * 100,
                                      ctx->hedged_week ? " (halved in a Hedged Week, D2.18)" : "");
  else if (au_rule_exceeds (exposure, cap * warn))
    au_verdict_add_warning_numbers (ctx->verdict, rule, exposure, cap * warn,
                                    "%s exposure would be %.2f%% of the sleeve, above %.0f%% "
                                    "of its %.2f%% cap", p->symbol, exposure * 100, warn * 100,
                                    cap * 100);
}

/* R0.9: margin used over equity; CSPs and CCs are secured and add none
 * (D2.21). */
static void
check_margin (AuRuleContext *ctx)
{
  const AuAccountState *s = &ctx->proposal->state;
  double cap = ctx->params->global.margin_cap;
  double warn = cap * ctx->params->global.warn_ratio;
  double ratio;

  if (!au_rule_require (ctx, s->has_margin_used, "R0.9", "account_state.margin_used")
      | !au_rule_require (ctx, s->has_equity, "R0.9", "account_state.equity"))
    return;
  if (s->equity <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R0.9", "account_state.equity must be positive");
      return;
    }
  ratio = (double) s->margin_used / (double) s->equity;
  if (au_rule_exceeds (ratio, cap))
    au_verdict_add_violation_numbers (ctx->verdict, "R0.9", ratio, cap,
                                      "margin used is %.2f%% of equity, above %.0f%%",
                                      ratio * 100, cap * 100);
  else if (au_rule_exceeds (ratio, warn))
    au_verdict_add_warning_numbers (ctx->verdict, "R0.9", ratio, warn,
                                    "margin used is %.2f%% of equity, above %.0f%%",
                                    ratio * 100, warn * 100);
}

void
au_sizing_validator_run (AuRuleContext *ctx)
{
  gint64 quantity = 0;
  AuMoney needed = 0, released;

  g_return_if_fail (ctx != NULL);

  if (!ctx->proposal->has_strategy || !ctx->has_sleeve || ctx->proposal->symbol == NULL)
    return; /* rejected by the account validator already */

  check_margin (ctx);
  if (!check_quantity (ctx, &quantity))
    return;
  if (!cash_needed (ctx, quantity, &needed))
    return;
  released = released_by_roll (ctx);
  check_cash (ctx, needed, released);
  check_exposure (ctx, needed, released);
}

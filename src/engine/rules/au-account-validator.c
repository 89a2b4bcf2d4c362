/* au-account-validator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-account-validator.h"
#include "au-market-calendar.h"
#include "au-schedule.h"

static const char *sleeve_names[] = { "Gen-Acc", "Rev-Acc", "Com-Acc", "MINI" };

static char
expected_right (AuStrategy strategy)
{
  switch (strategy)
    {
    case AU_STRATEGY_CSP:
    case AU_STRATEGY_LEAP_PUT:
      return 'P';
    case AU_STRATEGY_CC:
    case AU_STRATEGY_LEAP_CALL:
      return 'C';
    case AU_STRATEGY_STOCK:
    default:
      return 0;
    }
}

/* Which strategies the sleeve may open (R2.2, R3.2, R4.1 with D2.19 and
 * D2.23; LEAPs are bought with reinvested gains, R3.5/R17). */
static gboolean
check_strategy (AuRuleContext *ctx,
                const char    *rule)
{
  const AuProposal *p = ctx->proposal;
  char right;

  if (au_rule_is_leap (ctx))
    {
      if (!ctx->rules->reinvest)
        {
          au_verdict_add_violation (ctx->verdict, rule,
                                    "%s does not reinvest (R10.1), so it buys no LEAPs",
                                    sleeve_names[ctx->sleeve]);
          return FALSE;
        }
    }
  else if ((ctx->rules->strategies & (1u << p->strategy)) == 0)
    {
      au_verdict_add_violation (ctx->verdict, rule, "%s does not trade %s",
                                sleeve_names[ctx->sleeve], au_strategy_to_string (p->strategy));
      return FALSE;
    }

  right = expected_right (p->strategy);
  if (right != 0)
    {
      if (!au_rule_require (ctx, p->right != 0, rule, "right"))
        return FALSE;
      if (p->right != right)
        {
          au_verdict_add_violation (ctx->verdict, rule, "a %s is %s, not %c",
                                    au_strategy_to_string (p->strategy),
                                    right == 'P' ? "a put (P)" : "a call (C)", p->right);
          return FALSE;
        }
    }
  return TRUE;
}

/* R2.2, R3.2, R4.1; D2.19: calls need not be in the CSP universe, they
 * are written on shares the sleeve holds. */
static void
check_universe (AuRuleContext *ctx,
                const char    *rule)
{
  const AuProposal *p = ctx->proposal;
  g_autofree char *list = NULL;

  if (!au_rule_is_strategy (ctx, AU_STRATEGY_CSP) && !au_rule_is_strategy (ctx, AU_STRATEGY_STOCK))
    return;
  if (au_constitution_sleeve_allows (ctx->constitution, ctx->sleeve, p->symbol))
    return;
  list = g_strjoinv (", ", ctx->rules->universe);
  au_verdict_add_violation (ctx->verdict, rule, "%s is not in %s's universe (%s)",
                            p->symbol, sleeve_names[ctx->sleeve], list);
}

/* D2.16 for the sleeve's band; D2.24: a roll's new leg is held to the
 * roll's own expiry rule instead. */
static void
check_expiry (AuRuleContext *ctx,
              const char    *rule)
{
  const AuLeg *leg = &ctx->leg;
  g_autofree char *field = g_strconcat (leg->prefix, "expiry", NULL);
  char text[16];
  int dte, dte_min, dte_max;
  gboolean have_range;

  if (!au_rule_require (ctx, g_date_valid (leg->expiry), rule, field))
    return;
  g_date_strftime (text, sizeof text, "%Y-%m-%d", leg->expiry);
  if (!au_nyse_is_trading_day (leg->expiry))
    {
      au_verdict_add_violation (ctx->verdict, rule,
                                "%s %s is not a trading day, so no option expires then",
                                field, text);
      return;
    }
  dte = au_schedule_dte (&ctx->date, leg->expiry);
  if (dte < 0)
    {
      au_verdict_add_violation (ctx->verdict, rule, "%s %s has already passed", field, text);
      return;
    }
  if (ctx->is_roll || au_rule_is_leap (ctx))
    return;

  if (au_rule_is_strategy (ctx, AU_STRATEGY_CC))
    have_range = au_schedule_covered_call_dte_range (ctx->constitution, &ctx->date,
                                                     &dte_min, &dte_max);
  else
    have_range = au_schedule_dte_range (ctx->constitution, ctx->sleeve, &ctx->date,
                                        ctx->proposal->stress_test, &dte_min, &dte_max);
  if (!have_range)
    {
      au_verdict_add_violation (ctx->verdict, rule, "no DTE range applies on this date");
      return;
    }
  if (dte < dte_min || dte > dte_max)
    au_verdict_add_violation_numbers (ctx->verdict, rule, dte, dte < dte_min ? dte_min : dte_max,
                                      "expiry %s is %d calendar days out; "
                                      "%s accepts %d–%d (D2.16)",
                                      text, dte,
                                      au_rule_is_strategy (ctx, AU_STRATEGY_CC)
                                        ? "a covered call" : sleeve_names[ctx->sleeve],
                                      dte_min, dte_max);
}

/* D2.19 and R0.2: at most one call per 100 shares held; R4.3 (and R6.10
 * L2): in an earnings week at most half the shares under call. */
static void
check_call_coverage (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  g_autofree char *shares_field = g_strdup_printf ("account_state.shares_held.%s", p->symbol);
  g_autofree char *calls_field = g_strdup_printf ("account_state.short_calls.%s", p->symbol);
  gint64 shares = 0, written = 0, covered;
  gboolean have_shares, have_calls;

  have_shares = au_proposal_get_shares (p, p->symbol, &shares);
  have_calls = au_proposal_get_short_calls (p, p->symbol, &written);
  if (!au_rule_require (ctx, have_shares, "R0.2", shares_field)
      | !au_rule_require (ctx, have_calls, "R0.2", calls_field)
      | !au_rule_require (ctx, p->has_contracts, "R0.2", "contracts"))
    return;

  /* A roll closes the old call before the new one is written (D2.20). */
  if (ctx->is_roll)
    written = MAX (written - p->contracts, 0);
  covered = (written + p->contracts) * 100;
  if (covered > shares)
    au_verdict_add_violation_numbers (ctx->verdict, "R0.2", covered, shares,
                                      "calls on %" G_GINT64_FORMAT " shares of %s but only %"
                                      G_GINT64_FORMAT " are held: a call must be covered",
                                      covered, p->symbol, shares);

  au_verdict_note_rule (ctx->verdict, "R4.3");
  if (!au_rule_require (ctx, p->market.has_earnings, "R4.3", "market.earnings_this_week"))
    return;
  if (p->market.earnings_this_week && shares > 0)
    {
      double coverage = (double) covered / (double) shares;
      double limit = ctx->params->covered_call.earnings_coverage_max;

      if (au_rule_exceeds (coverage, limit))
        au_verdict_add_violation_numbers (ctx->verdict, "R4.3", coverage, limit,
                                          "earnings week: calls would cover %.1f%% of %s shares, "
                                          "above %.0f%%", coverage * 100, p->symbol, limit * 100);
    }
}

/* R1.3, with D2.21: an absent earnings flag is a violation, not a pass. */
static void
check_earnings_for_puts (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;

  if (!au_rule_require (ctx, p->market.has_earnings, "R1.3", "market.earnings_this_week"))
    return;
  if (p->market.earnings_this_week)
    au_verdict_add_violation (ctx->verdict, "R1.3",
                              "%s reports earnings this week: no cash-secured puts on it",
                              p->symbol);
}

/* R0.8 / R2.5 with D2.6: at a drawdown of 15% or more from the high-water
 * mark while VIX is below 30, or while the engine's pivot is latched,
 * CSPs are suspended (CC only). */
static void
check_pivot (AuRuleContext *ctx)
{
  const AuProposal *p = ctx->proposal;
  const AuAccountState *s = &p->state;
  double drawdown, threshold = ctx->params->global.pivot_drawdown;
  double vix_below = ctx->params->global.pivot_vix_below;

  au_verdict_note_rule (ctx->verdict, "R0.8");
  if (s->pivot_active)
    {
      au_verdict_add_violation (ctx->verdict, "R0.8",
                                "the drawdown pivot is active: CSPs are suspended (CC only) "
                                "until equity is back within %.0f%% of the high-water mark",
                                ctx->params->global.pivot_recover_within * 100);
      return;
    }
  if (!au_rule_require (ctx, s->has_equity, "R0.8", "account_state.equity")
      | !au_rule_require (ctx, s->has_high_water_mark, "R0.8", "account_state.high_water_mark")
      | !au_rule_require (ctx, p->market.has_vix, "R0.8", "market.vix"))
    return;
  if (s->high_water_mark <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R0.8",
                                "account_state.high_water_mark must be positive");
      return;
    }
  drawdown = (double) (s->high_water_mark - s->equity) / (double) s->high_water_mark;
  if (!au_rule_below (drawdown, threshold) && au_rule_below (p->market.vix, vix_below))
    au_verdict_add_violation_numbers (ctx->verdict, "R0.8", drawdown, threshold,
                                      "drawdown pivot: equity is %.2f%% below the high-water "
                                      "mark with VIX %.2f below %.0f, so CSPs are suspended "
                                      "(CC only)", drawdown * 100, p->market.vix, vix_below);
}

void
au_account_validator_run (AuRuleContext *ctx)
{
  const AuProposal *p;
  const char *rule;

  g_return_if_fail (ctx != NULL);

  p = ctx->proposal;
  rule = au_rule_sleeve_number (ctx);
  if (p->account == AU_SLEEVE_MINI && !p->has_mini_rules)
    {
      au_verdict_add_violation (ctx->verdict, "D2.2",
                                "a MINI order needs mini_rules: gen or com, the half of "
                                "the MINI it belongs to");
      return;
    }
  if (!au_rule_require (ctx, p->has_strategy, rule, "strategy"))
    return;
  rule = au_rule_sleeve_number (ctx);
  if (!check_strategy (ctx, rule))
    return;
  if (!au_rule_require (ctx, p->symbol != NULL, rule, "symbol"))
    return;
  check_universe (ctx, rule);

  switch (p->strategy)
    {
    case AU_STRATEGY_CSP:
      check_expiry (ctx, rule);
      check_earnings_for_puts (ctx);
      check_pivot (ctx);
      break;
    case AU_STRATEGY_CC:
      check_expiry (ctx, rule);
      check_call_coverage (ctx);
      break;
    case AU_STRATEGY_LEAP_CALL:
    case AU_STRATEGY_LEAP_PUT:
      check_expiry (ctx, rule);
      break;
    case AU_STRATEGY_STOCK:
      /* D2.23: Com-Acc buys round lots of 100 shares. */
      if (au_rule_require (ctx, p->has_shares, rule, "shares") && p->shares % 100 != 0)
        au_verdict_add_violation (ctx->verdict, rule,
                                  "shares %" G_GINT64_FORMAT " is not a whole number of round "
                                  "lots of 100", p->shares);
      break;
    default:
      g_assert_not_reached ();
    }
}

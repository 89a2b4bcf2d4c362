/* au-lifecycle-checks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include "au-lifecycle-checks.h"
#include "au-market-calendar.h"
#include "au-money.h"

/* R11.2 counts every active sub-account of the user (research §3.18:
 * "master + subs (GEN, REV, COM, MINI-*)"): each active Gen, Rev and Com
 * sleeve, the first tree's included, and each active MINI, so a new
 * portfolio has 3 (au_ledger_count_sub_accounts()). A Gen fork adds one
 * MINI (D2.2); a Rev fork a new 40/30/30 tree of three sleeves (R3.6). */
#define GEN_FORK_SUB_ACCOUNTS 1
#define REV_FORK_SUB_ACCOUNTS AU_N_SLEEVES

/* R2.6 / R3.6 with D2.2: a fork needs a full step over base; the
 * proposal's sub_accounts (counted as above) plus the new ones must fit
 * under the cap (R11.2). */
void
au_lifecycle_checks_run_fork (AuRuleContext *ctx)
{
  const AuProposal *p;
  const AuAccountState *s;
  const char *rule, *cap_rule;
  AuMoney step, excess;
  int added, max_subs;

  g_return_if_fail (ctx != NULL);

  p = ctx->proposal;
  s = &p->state;
  rule = p->account == AU_SLEEVE_REV ? "R3.6" : "R2.6";
  if (p->account != AU_SLEEVE_GEN && p->account != AU_SLEEVE_REV)
    {
      au_verdict_add_violation (ctx->verdict, rule, "only Gen-Acc and Rev-Acc fork, not %s",
                                au_sleeve_to_string (p->account));
      return;
    }
  step = au_constitution_get_sleeve (ctx->constitution, p->account)->fork_step;
  if (step <= 0)
    {
      au_verdict_add_violation (ctx->verdict, rule, "this constitution gives %s no fork step",
                                au_sleeve_to_string (p->account));
      return;
    }

  if (au_rule_require (ctx, s->has_equity, rule, "account_state.equity")
      & au_rule_require (ctx, p->has_base_capital, rule, "base_capital"))
    {
      excess = s->equity - p->base_capital;
      if (excess < step)
        au_verdict_add_violation_numbers (ctx->verdict, rule, au_rule_dollars (excess),
                                          au_rule_dollars (step),
                                          "equity is $%.2f over its base of $%.2f; a fork needs "
                                          "$%.2f over base (D2.2)", au_rule_dollars (excess),
                                          au_rule_dollars (p->base_capital),
                                          au_rule_dollars (step));
    }

  cap_rule = au_constitution_rule_number (ctx->constitution, "sub_account_cap");
  if (cap_rule == NULL)
    cap_rule = rule;
  max_subs = ctx->params->fork.max_sub_accounts;
  added = p->account == AU_SLEEVE_GEN ? GEN_FORK_SUB_ACCOUNTS : REV_FORK_SUB_ACCOUNTS;
  if (au_rule_require (ctx, s->has_sub_accounts, cap_rule, "account_state.sub_accounts")
      && s->sub_accounts + added > max_subs)
    au_verdict_add_violation_numbers (ctx->verdict, cap_rule, s->sub_accounts + added, max_subs,
                                      "the fork would make %d sub-accounts; at most %d",
                                      s->sub_accounts + added, max_subs);
}

/* D2.3: a MINI merges at its 3rd anniversary or at 3x its initial capital,
 * whichever is first, with its positions closed first. */
void
au_lifecycle_checks_run_merge (AuRuleContext *ctx)
{
  const AuProposal *p;
  const AuAccountState *s;
  const char *rule = "R2.6";
  int years;
  double multiple;

  g_return_if_fail (ctx != NULL);

  p = ctx->proposal;
  s = &p->state;
  years = ctx->params->fork.mini_merge_years;
  multiple = ctx->params->fork.mini_merge_multiple;
  if (p->account != AU_SLEEVE_MINI)
    {
      au_verdict_add_violation (ctx->verdict, rule, "only a MINI merges (into Com-Acc, D2.3)");
      return;
    }
  if (au_rule_require (ctx, s->has_open_positions, rule, "account_state.open_positions")
      && s->open_positions > 0)
    au_verdict_add_violation_numbers (ctx->verdict, rule, s->open_positions, 0,
                                      "%d positions are still open: they are closed before the "
                                      "merge (D2.3)", s->open_positions);

  if (!au_rule_require (ctx, s->has_equity, rule, "account_state.equity")
      | !au_rule_require (ctx, p->has_initial_capital, rule, "initial_capital")
      | !au_rule_require (ctx, g_date_valid (&p->created), rule, "created"))
    return;
  if (p->initial_capital <= 0)
    {
      au_verdict_add_violation (ctx->verdict, rule, "initial_capital must be positive");
      return;
    }
  {
    GDate due = p->created;
    double reached = (double) s->equity / (double) p->initial_capital;

    g_date_add_years (&due, years);
    if (g_date_compare (&ctx->date, &due) < 0 && au_rule_below (reached, multiple))
      {
        char text[16];

        g_date_strftime (text, sizeof text, "%Y-%m-%d", &due);
        au_verdict_add_violation_numbers (ctx->verdict, rule, reached, multiple,
                                          "the MINI is at %.2fx its initial capital and merges at "
                                          "%.1fx or on %s (D2.3)", reached, multiple, text);
      }
  }
}

static gboolean
is_quarter_end (const GDate *date)
{
  GDateMonth month = g_date_get_month (date);

  return month % 3 == 0 && g_date_is_last_of_month (date);
}

/* D2.9: on the first trading day after a quarter end. */
static void
check_reinvest_day (AuRuleContext *ctx,
                    const char    *rule)
{
  GDate previous = ctx->date;
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", &ctx->date);
  if (au_nyse_is_trading_day (&ctx->date))
    {
      au_nyse_previous_trading_day (&previous);
      for (GDate day = previous; g_date_compare (&day, &ctx->date) < 0; g_date_add_days (&day, 1))
        if (is_quarter_end (&day))
          return;
    }
  au_verdict_add_violation (ctx->verdict, rule,
                            "%s is not the first trading day after a quarter end, when the "
                            "quarter's gains are reinvested (D2.9)", text);
}

static void
check_amount (AuRuleContext *ctx,
              const char    *rule,
              const char    *field,
              AuMoney        given,
              AuMoney        expected)
{
  if (given != expected)
    au_verdict_add_violation_numbers (ctx->verdict, rule, au_rule_dollars (given),
                                      au_rule_dollars (expected),
                                      "%s is $%.2f; the constitution gives $%.2f",
                                      field, au_rule_dollars (given), au_rule_dollars (expected));
}

/* R3.5 / R4.4 with D2.9: of the quarter's net realized gains, tax_reserve
 * is set aside and the rest split contracts_share : leap_share. */
void
au_lifecycle_checks_run_reinvest (AuRuleContext *ctx)
{
  const AuProposal *p;
  const char *rule;
  AuMoney reserve, reinvested, contracts;

  g_return_if_fail (ctx != NULL);

  p = ctx->proposal;
  rule = p->account == AU_SLEEVE_COM ? "R4.4" : "R3.5";
  if (p->account == AU_SLEEVE_MINI || !ctx->has_sleeve || !ctx->rules->reinvest)
    {
      au_verdict_add_violation (ctx->verdict, "R10.1",
                                "%s does not reinvest: its profits accumulate until a fork",
                                au_sleeve_to_string (p->account));
      return;
    }
  check_reinvest_day (ctx, rule);
  if (!au_rule_require (ctx, p->has_quarter_gains, rule, "quarter_gains"))
    return;
  if (p->quarter_gains <= 0)
    {
      au_verdict_add_violation_numbers (ctx->verdict, rule, au_rule_dollars (p->quarter_gains), 0,
                                        "the quarter's net realized gains are $%.2f: nothing is "
                                        "reserved or reinvested (D2.9)",
                                        au_rule_dollars (p->quarter_gains));
      return;
    }

  reserve = au_money_mul_fraction (p->quarter_gains, ctx->params->reinvest.tax_reserve);
  reinvested = p->quarter_gains - reserve;
  contracts = au_money_mul_fraction (reinvested, ctx->params->reinvest.contracts_share);
  if (au_rule_require (ctx, p->has_tax_reserve, rule, "tax_reserve"))
    check_amount (ctx, rule, "tax_reserve", p->tax_reserve, reserve);
  if (au_rule_require (ctx, p->has_contracts_amount, rule, "contracts_amount"))
    check_amount (ctx, rule, "contracts_amount", p->contracts_amount, contracts);
  if (au_rule_require (ctx, p->has_leap_amount, rule, "leap_amount"))
    check_amount (ctx, rule, "leap_amount", p->leap_amount, reinvested - contracts);
}

/* au-rule-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include <math.h>

#include "au-market-calendar.h"
#include "au-rule-context.h"

/* Doubles of the constitution (0.05, 0.25) and ratios of integers meet at
 * the boundaries the rules are tested on; a difference below this is the
 * representation, not the market. */
#define RULE_EPSILON 1e-9

void
au_rule_context_init (AuRuleContext    *ctx,
                      AuConstitution   *constitution,
                      const AuProposal *proposal,
                      AuVerdict        *verdict)
{
  g_assert (ctx != NULL);
  g_assert (AU_IS_CONSTITUTION (constitution));

  *ctx = (AuRuleContext) { 0 };
  ctx->constitution = constitution;
  ctx->params = au_constitution_get_params (constitution);
  ctx->proposal = proposal;
  ctx->verdict = verdict;

  if (au_proposal_get_rules_sleeve (proposal, &ctx->sleeve) && ctx->sleeve < AU_N_SLEEVES)
    {
      ctx->has_sleeve = TRUE;
      ctx->rules = au_constitution_get_sleeve (constitution, ctx->sleeve);
    }

  au_eastern_split (proposal->time, &ctx->date, &ctx->minute);
  ctx->second = g_date_time_get_second (proposal->time);

  ctx->leg.prefix = "";
  ctx->leg.has_strike = proposal->has_strike;
  ctx->leg.strike = proposal->strike;
  ctx->leg.expiry = &proposal->expiry;
  ctx->leg.has_delta = proposal->has_delta;
  ctx->leg.delta = proposal->delta;
  ctx->leg.has_limit = proposal->has_limit;
  ctx->leg.limit = proposal->limit;
  ctx->leg.has_quote = proposal->has_quote;
  ctx->leg.quote = &proposal->quote;

  ctx->hedged_week = proposal->market.has_vix
                     && proposal->market.vix > ctx->params->vix.hedged_above
                     && proposal->market.vix <= ctx->params->vix.safe_above;
}

void
au_rule_context_use_new_leg (AuRuleContext *ctx)
{
  const AuRollLeg *leg = &ctx->proposal->new_leg;

  ctx->is_roll = TRUE;
  ctx->leg.prefix = "new_leg.";
  ctx->leg.has_strike = leg->has_strike;
  ctx->leg.strike = leg->strike;
  ctx->leg.expiry = &leg->expiry;
  ctx->leg.has_delta = leg->has_delta;
  ctx->leg.delta = leg->delta;
  ctx->leg.has_limit = leg->has_limit;
  ctx->leg.limit = leg->limit;
  ctx->leg.has_quote = leg->has_quote;
  ctx->leg.quote = &leg->quote;
}

gboolean
au_rule_exceeds (double value,
                 double limit)
{
  return value > limit + RULE_EPSILON * fmax (1.0, fabs (limit));
}

gboolean
au_rule_below (double value,
               double limit)
{
  return value < limit - RULE_EPSILON * fmax (1.0, fabs (limit));
}

double
au_rule_dollars (AuMoney cents)
{
  return (double) cents / AU_MONEY_SCALE;
}

double
au_rule_price (AuPrice price)
{
  return (double) price / AU_PRICE_SCALE;
}

gboolean
au_rule_require (AuRuleContext *ctx,
                 gboolean       present,
                 const char    *rule,
                 const char    *field)
{
  au_verdict_note_rule (ctx->verdict, rule);
  if (present)
    return TRUE;
  au_verdict_add_violation (ctx->verdict, rule,
                            "%s is missing; %s cannot be checked without it (fail-closed, D2.12)",
                            field, rule);
  return FALSE;
}

const char *
au_rule_sleeve_number (const AuRuleContext *ctx)
{
  if (au_rule_is_leap (ctx))
    return "R17.1";
  if (!ctx->has_sleeve)
    return "D2.2";
  /* D2.19: calls outside Com-Acc are the assignment pivot's (R2.4). */
  if (ctx->sleeve != AU_SLEEVE_COM && au_rule_is_strategy (ctx, AU_STRATEGY_CC))
    return "R2.4";
  switch (ctx->sleeve)
    {
    case AU_SLEEVE_GEN:
      return "R2.2";
    case AU_SLEEVE_REV:
      return "R3.2";
    case AU_SLEEVE_COM:
      return "R4.1";
    case AU_SLEEVE_MINI:
    default:
      return "D2.2";
    }
}

const char *
au_rule_exposure_number (const AuRuleContext *ctx)
{
  /* D2.1: Rev-Acc's own cap is R3.1. */
  return ctx->has_sleeve && ctx->sleeve == AU_SLEEVE_REV ? "R3.1" : "R0.3";
}

gboolean
au_rule_is_strategy (const AuRuleContext *ctx,
                     AuStrategy           strategy)
{
  AuStrategy actual = ctx->proposal->has_strategy ? ctx->proposal->strategy : AU_STRATEGY_CSP;

  return actual == strategy;
}

gboolean
au_rule_is_leap (const AuRuleContext *ctx)
{
  return ctx->proposal->has_strategy
         && (ctx->proposal->strategy == AU_STRATEGY_LEAP_CALL
             || ctx->proposal->strategy == AU_STRATEGY_LEAP_PUT);
}

GTimeSpan
au_rule_data_age (const AuRuleContext *ctx,
                  GDateTime           *as_of)
{
  if (as_of == NULL)
    return 0;
  return g_date_time_difference (ctx->proposal->time, as_of);
}

gboolean
au_rule_in_window (const AuRuleContext *ctx,
                   int                  open,
                   int                  close)
{
  int now = ctx->minute * 60 + ctx->second;

  return now >= open * 60 && now <= close * 60;
}

char *
au_rule_format_minute (int minute)
{
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

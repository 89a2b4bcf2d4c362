/* au-delta-validator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include <math.h>

#include "au-delta-validator.h"

void
au_delta_validator_run (AuRuleContext *ctx)
{
  const AuProposal *p;
  const char *rule;
  g_autofree char *field = NULL;
  double magnitude, band_min, band_max;
  const char *whose;

  g_return_if_fail (ctx != NULL);

  p = ctx->proposal;
  if (!p->has_strategy || !ctx->has_sleeve)
    return; /* rejected by the account validator already */

  switch (p->strategy)
    {
    case AU_STRATEGY_CSP:
      band_min = ctx->rules->delta_min;
      band_max = ctx->rules->delta_max;
      whose = "the sleeve's put";
      break;
    case AU_STRATEGY_CC:
      band_min = ctx->params->covered_call.delta_min;
      band_max = ctx->params->covered_call.delta_max;
      whose = "the covered-call";
      break;
    case AU_STRATEGY_LEAP_CALL:
      band_min = ctx->params->leap.growth_delta_min;
      band_max = ctx->params->leap.growth_delta_max;
      whose = "the growth LEAP";
      break;
    case AU_STRATEGY_LEAP_PUT:   /* hedge LEAPs are chosen by distance out of the money */
    case AU_STRATEGY_STOCK:
    default:
      return;
    }

  rule = au_rule_sleeve_number (ctx);
  field = g_strconcat (ctx->leg.prefix, "delta", NULL);
  if (!au_rule_require (ctx, ctx->leg.has_delta, rule, field))
    return;

  /* A put's delta is negative and a call's positive; the bands are in
   * absolute delta (research §3). */
  if ((p->right == 'P' && ctx->leg.delta > 0) || (p->right == 'C' && ctx->leg.delta < 0))
    {
      au_verdict_add_violation (ctx->verdict, rule, "%s %+.2f has the wrong sign for a %s",
                                field, ctx->leg.delta, p->right == 'P' ? "put" : "call");
      return;
    }

  magnitude = fabs (ctx->leg.delta);
  if (au_rule_below (magnitude, band_min) || au_rule_exceeds (magnitude, band_max))
    au_verdict_add_violation_numbers (ctx->verdict, rule, magnitude,
                                      au_rule_below (magnitude, band_min) ? band_min : band_max,
                                      "|delta| %.4g is outside %s band %.2f–%.2f",
                                      magnitude, whose, band_min, band_max);
}

/* au-liquidity-validator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-rules"

#include "config.h"

#include <math.h>

#include "au-liquidity-validator.h"

static char *
quote_field (const AuRuleContext *ctx,
             const char          *name)
{
  return g_strconcat (ctx->leg.prefix, "quote.", name, NULL);
}

static gboolean
require_quote_field (AuRuleContext *ctx,
                     gboolean       present,
                     const char    *rule,
                     const char    *name)
{
  g_autofree char *field = quote_field (ctx, name);

  return au_rule_require (ctx, ctx->leg.has_quote && present, rule, field);
}

/* D2.7: a quote older than stale_seconds is used with its spread widened
 * by stale_spread_widen of itself and flagged; older than
 * stale_stop_seconds, no new entry. Returns the widening factor, or a
 * negative number when the entry is refused. */
static double
check_quote_age (AuRuleContext *ctx)
{
  const AuQuote *q = ctx->leg.quote;
  GTimeSpan age = au_rule_data_age (ctx, ctx->leg.has_quote ? q->as_of : NULL);
  gint64 stale = ctx->params->data.stale_seconds;
  gint64 stop = ctx->params->data.stale_stop_seconds;
  double seconds = (double) age / G_TIME_SPAN_SECOND;

  au_verdict_note_rule (ctx->verdict, "R8.5");
  if (age > stop * G_TIME_SPAN_SECOND)
    {
      au_verdict_add_violation_numbers (ctx->verdict, "R8.5", seconds, (double) stop,
                                        "the quote is %.0f s old; older than %" G_GINT64_FORMAT
                                        " s, no new entry (D2.7)", seconds, stop);
      return -1;
    }
  if (age > stale * G_TIME_SPAN_SECOND)
    {
      au_verdict_add_warning_numbers (ctx->verdict, "R8.5", seconds, (double) stale,
                                      "the quote is %.0f s old (stale after %" G_GINT64_FORMAT
                                      " s): its spread is widened by %.0f%% (D2.7)",
                                      seconds, stale, ctx->params->data.stale_spread_widen * 100);
      return 1.0 + ctx->params->data.stale_spread_widen;
    }
  return 1.0;
}

/* R8.3: (ask - bid) / mid; a zero mid counts as a 100% spread. */
static double
spread_ratio (const AuQuote *q,
              double         widen)
{
  AuPrice mid2 = q->bid + q->ask;

  if (mid2 <= 0)
    return 1.0;
  return 2.0 * (double) (q->ask - q->bid) * widen / (double) mid2;
}

static void
check_spread (AuRuleContext *ctx,
              double         widen)
{
  const AuQuote *q = ctx->leg.quote;
  double limit = ctx->params->liquidity.max_spread;
  double warn = ctx->params->liquidity.spread_warn;
  double spread;

  if (!require_quote_field (ctx, q->has_bid, "R8.3", "bid")
      | !require_quote_field (ctx, q->has_ask, "R8.3", "ask"))
    return;
  if (q->bid > q->ask)
    {
      au_verdict_add_violation (ctx->verdict, "R8.3", "the quote is crossed: bid above ask");
      return;
    }
  spread = spread_ratio (q, widen);
  if (au_rule_exceeds (spread, limit))
    au_verdict_add_violation_numbers (ctx->verdict, "R8.3", spread, limit,
                                      "the spread is %.2f%% of mid, above %.0f%%",
                                      spread * 100, limit * 100);
  else if (au_rule_exceeds (spread, warn))
    au_verdict_add_warning_numbers (ctx->verdict, "R8.3", spread, warn,
                                    "the spread is %.2f%% of mid, above %.0f%%",
                                    spread * 100, warn * 100);
}

/* R0.5: a limit at mid, at most max_slippage away from it. */
static void
check_limit_against_mid (AuRuleContext *ctx)
{
  const AuQuote *q = ctx->leg.quote;
  g_autofree char *field = g_strconcat (ctx->leg.prefix, "limit", NULL);
  double limit = ctx->params->global.max_slippage;
  AuPrice mid2;
  double slippage;

  if (!au_rule_require (ctx, ctx->leg.has_limit, "R0.5", field)
      | !require_quote_field (ctx, q->has_bid, "R0.5", "bid")
      | !require_quote_field (ctx, q->has_ask, "R0.5", "ask"))
    return;
  mid2 = q->bid + q->ask;
  if (ctx->leg.limit <= 0 || mid2 <= 0)
    {
      au_verdict_add_violation (ctx->verdict, "R0.5", "%s and the quote's mid must be positive",
                                field);
      return;
    }
  slippage = fabs (2.0 * (double) ctx->leg.limit - (double) mid2) / (double) mid2;
  if (au_rule_exceeds (slippage, limit))
    au_verdict_add_violation_numbers (ctx->verdict, "R0.5", slippage, limit,
                                      "%s %.4f is %.2f%% from mid %.4f, more than %.0f%%",
                                      field, au_rule_price (ctx->leg.limit), slippage * 100,
                                      (double) mid2 / (2.0 * AU_PRICE_SCALE), limit * 100);
}

static void
check_activity (AuRuleContext *ctx)
{
  const AuQuote *q = ctx->leg.quote;
  const AuProposal *p = ctx->proposal;
  gint64 min_oi = ctx->params->liquidity.min_open_interest;
  gint64 min_volume = ctx->params->liquidity.min_volume;
  double adv_max = ctx->params->liquidity.max_adv_fraction;
  double adv_warn = ctx->params->liquidity.adv_warn;

  /* R8.1 */
  if (require_quote_field (ctx, q->has_open_interest, "R8.1", "open_interest")
      && q->open_interest < min_oi)
    au_verdict_add_violation_numbers (ctx->verdict, "R8.1", (double) q->open_interest,
                                      (double) min_oi,
                                      "open interest %" G_GINT64_FORMAT
                                      " is below %" G_GINT64_FORMAT,
                                      q->open_interest, min_oi);
  /* R8.2 */
  if (require_quote_field (ctx, q->has_volume, "R8.2", "volume") && q->volume < min_volume)
    au_verdict_add_violation_numbers (ctx->verdict, "R8.2", (double) q->volume,
                                      (double) min_volume,
                                      "option volume %" G_GINT64_FORMAT
                                      " is below %" G_GINT64_FORMAT " a day",
                                      q->volume, min_volume);
  /* R8.4: the order against the option's average daily volume */
  if (require_quote_field (ctx, q->has_avg_daily_volume, "R8.4", "avg_daily_volume")
      && au_rule_require (ctx, p->has_contracts, "R8.4", "contracts"))
    {
      double share = q->avg_daily_volume > 0
                     ? (double) p->contracts / (double) q->avg_daily_volume : INFINITY;

      if (q->avg_daily_volume <= 0)
        au_verdict_add_violation (ctx->verdict, "R8.4",
                                  "the option has no average daily volume: the trade is skipped");
      else if (au_rule_exceeds (share, adv_max))
        au_verdict_add_violation_numbers (ctx->verdict, "R8.4", share, adv_max,
                                          "%" G_GINT64_FORMAT " contracts are %.1f%% of the "
                                          "average daily volume of %" G_GINT64_FORMAT
                                          ", above %.0f%%: "
                                          "the trade is skipped", p->contracts, share * 100,
                                          q->avg_daily_volume, adv_max * 100);
      else if (au_rule_exceeds (share, adv_warn))
        au_verdict_add_warning_numbers (ctx->verdict, "R8.4", share, adv_warn,
                                        "%" G_GINT64_FORMAT " contracts are %.1f%% of the average "
                                        "daily volume", p->contracts, share * 100);
    }
}

void
au_liquidity_validator_run_entry (AuRuleContext *ctx)
{
  double widen;

  g_return_if_fail (ctx != NULL);

  widen = check_quote_age (ctx);
  if (widen < 0)
    widen = 1.0; /* refused already; the remaining limits are still reported */
  check_limit_against_mid (ctx);
  if (au_rule_is_strategy (ctx, AU_STRATEGY_STOCK))
    return; /* R8.1-R8.4 are the option chain's limits */
  check_spread (ctx, widen);
  check_activity (ctx);
}

void
au_liquidity_validator_run_exit (AuRuleContext *ctx)
{
  const AuQuote *q;
  double spread;

  g_return_if_fail (ctx != NULL);

  q = ctx->leg.quote;
  if (!ctx->leg.has_quote || !q->has_bid || !q->has_ask)
    return;
  au_verdict_note_rule (ctx->verdict, "R8.3");
  spread = spread_ratio (q, 1.0);
  if (au_rule_exceeds (spread, ctx->params->liquidity.max_spread))
    au_verdict_add_warning_numbers (ctx->verdict, "R8.3", spread,
                                    ctx->params->liquidity.max_spread,
                                    "the spread is %.2f%% of mid: a close is not held to the "
                                    "liquidity limits (D2.20), but expect a poor fill",
                                    spread * 100);
}

/* au-quote-model.c: bid, ask, open interest and volume of an option quote (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>

#include "au-quote-model.h"
#include "au-random.h"

/* Rough shapes of listed US equity options: none of the constants is
 * chosen for the strategy's sake. */
#define SPREAD_PREMIUM_SHARE 0.012
#define SPREAD_VIX_REFERENCE 18.0
#define SPREAD_VIX_EXPONENT  0.8
#define SPREAD_VIX_FLOOR     10.0
#define SPREAD_PER_SIGMA     0.35
#define SPREAD_SHORT_DATED   0.5
#define OI_WIDTH_SIGMAS      1.5
#define OI_HALF_LIFE_DAYS    180.0
#define VOLUME_TURNOVER      0.15
#define PENNY_LIMIT          3.0

AuPrice
au_quote_tick (const AuSymbolParams *params,
               double                price)
{
  g_return_val_if_fail (params != NULL, 1);

  /* Floor, not round: a model value just under $3 stays on pennies. */
  return au_market_symbol_option_tick (params, (AuPrice) floor (price * AU_PRICE_SCALE));
}

double
au_quote_spread (const AuSymbolParams *params,
                 double                theo,
                 double                z,
                 int                   dte,
                 double                vix)
{
  double vix_factor;

  g_return_val_if_fail (params != NULL, 0.0);

  /* The widening away from the money applies to the premium's part:
   * far out, where the premium vanishes, the spread shrinks to the base,
   * so the ask keeps falling with the value (no vertical arbitrage). */
  vix_factor = pow (MAX (vix, SPREAD_VIX_FLOOR) / SPREAD_VIX_REFERENCE, SPREAD_VIX_EXPONENT);
  return (params->spread_base
          + SPREAD_PREMIUM_SHARE * MAX (theo, 0.0) * (1.0 + SPREAD_PER_SIGMA * fabs (z)))
         * vix_factor
         * (1.0 + SPREAD_SHORT_DATED / (1.0 + MAX (dte, 0)));
}

/* The price grid: tick_low steps below $3, tick_high steps from $3 (a
 * fixed staircase, so rounding onto it keeps the order of prices). */
static AuPrice
grid_floor (const AuSymbolParams *params,
            double                units)
{
  AuPrice low = au_quote_tick (params, 0.0), high = au_quote_tick (params, PENNY_LIMIT);
  AuPrice limit = (AuPrice) (PENNY_LIMIT * AU_PRICE_SCALE);

  if (units < limit)
    return MAX ((AuPrice) floor (units / low) * low, 0);
  return (AuPrice) floor (units / high) * high;
}

static AuPrice
grid_ceil (const AuSymbolParams *params,
           double                units)
{
  AuPrice low = au_quote_tick (params, 0.0), high = au_quote_tick (params, PENNY_LIMIT);
  AuPrice limit = (AuPrice) (PENNY_LIMIT * AU_PRICE_SCALE);
  AuPrice below = (AuPrice) ceil (units / low) * low;

  if (below < limit)
    return MAX (below, low);
  return MAX ((AuPrice) ceil (units / high) * high, limit);
}

void
au_quote_bid_ask (const AuSymbolParams *params,
                  double                theo,
                  double                spread,
                  AuPrice              *bid,
                  AuPrice              *ask)
{
  double theo_units = theo * AU_PRICE_SCALE;
  double half_units = 0.5 * spread * AU_PRICE_SCALE;
  AuPrice b;

  g_return_if_fail (params != NULL);
  g_return_if_fail (bid != NULL && ask != NULL);

  b = grid_floor (params, theo_units - half_units);
  *bid = b;
  /* At least one step of the grid above the bid. */
  *ask = MAX (grid_ceil (params, theo_units + half_units), grid_ceil (params, (double) b + 0.5));
}

gint64
au_quote_open_interest (const AuSymbolParams *params,
                        guint64               key,
                        double                z,
                        int                   dte,
                        gboolean              monthly)
{
  double expiry_factor, shape, noise;

  g_return_val_if_fail (params != NULL, 0);

  if (monthly)
    expiry_factor = 1.0;
  else if (dte <= 1 && params->daily_expiries)
    expiry_factor = 0.25;
  else
    expiry_factor = 0.5;
  shape = exp (-0.5 * (z * z) / (OI_WIDTH_SIGMAS * OI_WIDTH_SIGMAS));
  noise = 0.5 + au_random_uniform_from_key (key);
  return (gint64) floor (params->open_interest * expiry_factor * shape * noise
                         / (1.0 + MAX (dte, 0) / OI_HALF_LIFE_DAYS));
}

gint64
au_quote_volume (guint64 key,
                 gint64  open_interest,
                 int     dte,
                 double  vix)
{
  double noise = 0.5 + au_random_uniform_from_key (key ^ G_GUINT64_CONSTANT (0x5851f42d4c957f2d));

  return (gint64) floor (open_interest * VOLUME_TURNOVER * (1.0 + 2.0 / (1.0 + MAX (dte, 0)))
                         * (MAX (vix, SPREAD_VIX_FLOOR) / SPREAD_VIX_REFERENCE) * noise);
}

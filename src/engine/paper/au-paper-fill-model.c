/* au-paper-fill-model.c: commissions, ticks and fill chances of the paper exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-paper"

#include "config.h"

#include <math.h>

#include "au-money.h"
#include "au-paper-fill-model.h"
#include "au-quote-model.h"

#define CENT                 (AU_PRICE_SCALE / 100)
#define OPTION_RATE_CENTS    65      /* per contract (D3) */
#define MINIMUM_CENTS        100     /* per execution (D3) */
#define MID_FILL_MAX         0.35
#define MID_FILL_MIN         0.02
#define MID_FILL_SLOPE       2.5
#define OPTION_VOLUME_SHARE  15      /* percent of the day's volume per step */
#define STOCK_STEP_SHARE     4       /* a quarter of a five-minute volume */
#define STEPS_PER_SESSION    78

AuMoney
au_paper_commission (AuSecType sec_type,
                     gint64    quantity)
{
  AuMoney fee;

  g_return_val_if_fail (quantity > 0, 0);

  if (sec_type == AU_SEC_OPTION)
    fee = quantity * OPTION_RATE_CENTS;
  else
    fee = au_money_mul_ratio (quantity, 1, 2); /* $0.005 = half a cent a share */
  return MAX (fee, MINIMUM_CENTS);
}

AuPrice
au_paper_tick (const AuSymbolParams *params,
               AuSecType             sec_type,
               AuPrice               price)
{
  g_return_val_if_fail (params != NULL, CENT);

  if (sec_type == AU_SEC_STOCK)
    return CENT;
  return au_market_symbol_option_tick (params, price);
}

gboolean
au_paper_price_on_tick (const AuSymbolParams *params,
                        AuSecType             sec_type,
                        AuPrice               price)
{
  AuPrice tick = au_paper_tick (params, sec_type, price);

  return tick > 0 && price % tick == 0;
}

double
au_paper_fill_probability (AuSide  side,
                           AuPrice bid,
                           AuPrice ask,
                           AuPrice limit)
{
  double spread, mid, at_mid, reach;

  if (ask <= bid || limit <= bid || limit >= ask)
    return 0.0;

  spread = (double) (ask - bid);
  mid = (double) (ask + bid) / 2.0;
  at_mid = CLAMP (MID_FILL_MAX - MID_FILL_SLOPE * spread / mid, MID_FILL_MIN, MID_FILL_MAX);
  if (side == AU_SIDE_BUY)
    reach = (double) (limit - bid) / spread;
  else
    reach = (double) (ask - limit) / spread;
  return at_mid * 2.0 * reach;
}

gint64
au_paper_fill_cap (const AuSymbolParams *params,
                   AuSecType             sec_type,
                   gint64                series_volume)
{
  g_return_val_if_fail (params != NULL, 1);

  if (sec_type == AU_SEC_OPTION)
    return MAX (1, series_volume * OPTION_VOLUME_SHARE / 100);
  return MAX (100, params->share_volume / STEPS_PER_SESSION / STOCK_STEP_SHARE);
}

void
au_paper_stock_bid_ask (const AuSymbolParams *params,
                        double                price,
                        AuPrice               last,
                        AuPrice              *bid,
                        AuPrice              *ask)
{
  g_return_if_fail (params != NULL && bid != NULL && ask != NULL);

  if (params->kind == AU_ASSET_INDEX || params->kind == AU_ASSET_VOLATILITY)
    {
      *bid = *ask = last;
      return;
    }
  *bid = (AuPrice) floor (price * 100.0) * CENT;
  *ask = *bid + CENT;
}

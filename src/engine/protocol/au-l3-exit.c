/* au-l3-exit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include "au-l3-exit.h"
#include "au-protocol-private.h"

#define CENT (AU_PRICE_SCALE / 100)

gboolean
au_l3_exit_limit (AuConstitution  *constitution,
                  gboolean         buy,
                  AuPrice          bid,
                  AuPrice          ask,
                  AuPrice         *limit,
                  GError         **error)
{
  const AuConstitutionParams *params;
  __int128 cross;
  gint64 cross_ppm;
  AuPrice price;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (limit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bid < 0 || ask <= 0 || ask < bid)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: the quote cannot price an exit (bid must be ≥ 0, ask > 0 and ask ≥ bid)",
                   bid < 0 ? "bid" : "ask");
      return FALSE;
    }
  params = au_constitution_get_params (constitution);
  cross_ppm = au_protocol_ppm (params->protocol.l3_spread_cross);
  /* The crossing amount, rounded outward to the cent so a buy stays at or
   * above, a sell at or below, the constitution's price. */
  cross = (__int128) (ask - bid) * cross_ppm;
  if (buy)
    {
      __int128 raw = (__int128) ask * AU_PPM + cross;
      __int128 step = (__int128) CENT * AU_PPM;

      price = (AuPrice) (((raw + step - 1) / step) * CENT);
    }
  else
    {
      __int128 raw = (__int128) bid * AU_PPM - cross;
      __int128 step = (__int128) CENT * AU_PPM;

      price = raw <= 0 ? 0 : (AuPrice) ((raw / step) * CENT);
      price = MAX (price, CENT);
    }
  *limit = price;
  return TRUE;
}

static void
describe (AuL3Exit *order)
{
  g_autofree char *limit_text = au_price_format (order->limit);
  g_autofree char *bid_text = au_price_format (order->bid);
  g_autofree char *ask_text = au_price_format (order->ask);

  au_protocol_why_set (&order->why, "D2.25", "L3 exit v%u: %s limit %s on a %s/%s quote (the far "
                       "side plus a tenth of the spread), re-priced every few seconds (R0.6) "
                       "until filled", order->version, order->buy ? "buy" : "sell", limit_text,
                       bid_text, ask_text);
}

gboolean
au_l3_exit_start (AuConstitution  *constitution,
                  gboolean         buy,
                  AuPrice          bid,
                  AuPrice          ask,
                  gint64           now,
                  AuL3Exit        *order,
                  GError         **error)
{
  AuL3Exit out = { 0 };

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  out.buy = buy;
  if (!au_l3_exit_limit (constitution, buy, bid, ask, &out.limit, error))
    return FALSE;
  out.bid = bid;
  out.ask = ask;
  out.version = 1;
  out.priced_at = now;
  out.reprice_at = now + (gint64) au_constitution_get_params (constitution)
                           ->global.cancel_replace_seconds * G_USEC_PER_SEC;
  describe (&out);
  *order = out;
  return TRUE;
}

gboolean
au_l3_exit_reprice_due (const AuL3Exit *order,
                        gint64          now)
{
  g_return_val_if_fail (order != NULL && order->version > 0, FALSE);
  return now >= order->reprice_at;
}

gboolean
au_l3_exit_reprice (AuConstitution  *constitution,
                    AuL3Exit        *order,
                    AuPrice          bid,
                    AuPrice          ask,
                    gint64           now,
                    GError         **error)
{
  AuL3Exit next;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (order != NULL && order->version > 0, FALSE);

  if (!au_l3_exit_start (constitution, order->buy, bid, ask, now, &next, error))
    return FALSE;
  next.version = order->version + 1;
  describe (&next);
  *order = next;
  return TRUE;
}

/* au-hedge-sizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include "au-hedge-sizer.h"
#include "au-protocol-private.h"

gboolean
au_hedge_size (AuConstitution  *constitution,
               AuMoney          sleeve_equity,
               AuMoney          quarterly_gains,
               AuHedgeSize     *size,
               GError         **error)
{
  const AuConstitutionParams *params;
  AuHedgeSize out = { 0 };
  AuMoney from_gains, floor_amount, cap;
  g_autofree char *budget_text = NULL;
  g_autofree char *spend_text = NULL;
  g_autofree char *spx_text = NULL;
  g_autofree char *vix_text = NULL;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (sleeve_equity <= 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "sleeve_equity: must be positive to size a hedge");
      return FALSE;
    }
  params = au_constitution_get_params (constitution);
  if (params->hedge.spx_weight + params->hedge.vix_weight <= 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "hedge.spx_weight: the SPX and VIX weights must sum to more than 0");
      return FALSE;
    }

  from_gains = au_money_mul_fraction (MAX (quarterly_gains, 0), params->hedge.gains_fraction);
  floor_amount = au_money_mul_fraction (sleeve_equity, params->hedge.equity_floor);
  cap = au_money_mul_fraction (sleeve_equity, params->hedge.l2_equity);
  out.budget = MAX (from_gains, floor_amount);
  out.spend = MIN (cap, out.budget);
  /* 2:1 with the remainder to the VIX side, so the parts sum exactly. */
  out.spx_puts = au_money_mul_ratio (out.spend, params->hedge.spx_weight,
                                     params->hedge.spx_weight + params->hedge.vix_weight);
  out.vix_calls = out.spend - out.spx_puts;

  budget_text = au_money_format (out.budget);
  spend_text = au_money_format (out.spend);
  spx_text = au_money_format (out.spx_puts);
  vix_text = au_money_format (out.vix_calls);
  au_protocol_why_set (&out.why, "D2.4", "hedge budget $%s = max(%.1f%% of the quarter's gains, "
                       "%.1f%% of equity); L2 spend $%s (at most %.1f%% of equity): $%s SPX "
                       "puts, $%s VIX calls", budget_text, params->hedge.gains_fraction * 100,
                       params->hedge.equity_floor * 100, spend_text,
                       params->hedge.l2_equity * 100, spx_text, vix_text);
  *size = out;
  return TRUE;
}

/* au-ib-listing.c: how IB lists an underlying and its options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include "au-ib-listing.h"
#include "au-market-symbol.h"
#include "au-option-expiries.h"

gboolean
au_ib_listing_is_index (const char *symbol)
{
  const AuSymbolParams *params;

  g_return_val_if_fail (symbol != NULL, FALSE);

  params = au_market_symbol_lookup (symbol);
  return params != NULL
         && (params->kind == AU_ASSET_INDEX || params->kind == AU_ASSET_VOLATILITY);
}

const char *
au_ib_listing_underlying_sec_type (const char *symbol)
{
  return au_ib_listing_is_index (symbol) ? "IND" : "STK";
}

const char *
au_ib_listing_underlying_exchange (const char *symbol)
{
  /* IB has no SMART route for an index: CBOE publishes SPX and VIX. */
  return au_ib_listing_is_index (symbol) ? "CBOE" : "SMART";
}

const char *
au_ib_listing_trading_class (const AuContract *contract)
{
  g_return_val_if_fail (contract != NULL && contract->symbol != NULL, NULL);

  if (contract->sec_type != AU_SEC_OPTION || !au_ib_listing_is_index (contract->symbol))
    return NULL;
  if (g_strcmp0 (contract->symbol, "SPX") == 0)
    /* Both classes list the third Friday; without the class IB answers
     * "ambiguous" (error 200), so the monthly takes the standard one. */
    return au_option_is_monthly_expiry (&contract->expiry) ? "SPX" : "SPXW";
  return contract->symbol;
}

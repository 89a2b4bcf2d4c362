/* au-gateway-contract.c: between IB's contracts and the paper market's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-gateway"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "au-gateway-contract.h"
#include "au-gateway-error.h"
#include "au-ib-listing.h"
#include "au-market-symbol.h"
#include "au-money.h"

G_DEFINE_QUARK (au-gateway-error-quark, au_gateway_error)

int
au_gateway_con_id (const AuContract *contract)
{
  g_autofree char *name = NULL;
  guint32 hash = 2166136261u;
  const char *p;

  g_return_val_if_fail (contract != NULL && contract->symbol != NULL, 0);

  if (contract->sec_type == AU_SEC_STOCK)
    return AU_GATEWAY_STOCK_CON_ID_BASE + MAX (au_market_symbol_index (contract->symbol), 0);

  /* FNV-1a of the series' name: stable across runs and restarts, so a
   * client that kept a con id from yesterday finds the same option. */
  name = au_contract_describe (contract);
  for (p = name; *p != '\0'; p++)
    {
      hash ^= (guint8) *p;
      hash *= 16777619u;
    }
  return (int) ((hash & 0x3FFFFFFFu) | 0x40000000u);
}

void
au_gateway_contract_to_ib (const AuContract    *contract,
                           AuGatewayIbContract *out)
{
  g_return_if_fail (contract != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  au_ib_contract_init (&out->ib);
  out->ib.con_id = au_gateway_con_id (contract);
  out->ib.symbol = contract->symbol;
  out->ib.exchange = "SMART";
  out->ib.currency = "USD";
  out->ib.trading_class = contract->symbol;

  if (contract->sec_type == AU_SEC_STOCK)
    {
      /* SPX and VIX: indexes on CBOE, with no primary listing (R5). */
      gboolean index = au_ib_listing_is_index (contract->symbol);

      out->ib.sec_type = au_ib_listing_underlying_sec_type (contract->symbol);
      out->ib.exchange = au_ib_listing_underlying_exchange (contract->symbol);
      out->ib.strike = 0.0;
      out->ib.primary_exchange = index ? "" : "NASDAQ";
      out->ib.local_symbol = contract->symbol;
      g_strlcpy (out->multiplier, "1", sizeof out->multiplier);
      return;
    }

  out->ib.sec_type = "OPT";
  if (au_ib_listing_trading_class (contract) != NULL)
    out->ib.trading_class = au_ib_listing_trading_class (contract);
  g_snprintf (out->expiry, sizeof out->expiry, "%04u%02u%02u",
              g_date_get_year (&contract->expiry), g_date_get_month (&contract->expiry),
              g_date_get_day (&contract->expiry));
  out->ib.last_trade_date = out->expiry;
  out->ib.strike = au_price_to_double (contract->strike);
  out->ib.right = contract->right == AU_OPTION_PUT ? "P" : "C";
  g_snprintf (out->multiplier, sizeof out->multiplier, "%d",
              contract->multiplier > 0 ? contract->multiplier : 100);
  out->ib.multiplier = out->multiplier;
  /* OCC symbology: root padded to 6, YYMMDD, right, strike × 1000 in 8. */
  g_snprintf (out->local_symbol, sizeof out->local_symbol, "%-6s%02u%02u%02u%s%08" G_GINT64_FORMAT,
              contract->symbol, g_date_get_year (&contract->expiry) % 100,
              g_date_get_month (&contract->expiry), g_date_get_day (&contract->expiry),
              out->ib.right, contract->strike / (AU_PRICE_SCALE / 1000));
  out->ib.local_symbol = out->local_symbol;
}

static gboolean
parse_expiry (const char *text,
              GDate      *date)
{
  unsigned y, m, d;

  if (text == NULL || strlen (text) != 8 || sscanf (text, "%4u%2u%2u", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

gboolean
au_gateway_contract_from_ib (const AuIbContract  *ib,
                             GHashTable          *known,
                             AuContract          *contract,
                             GError             **error)
{
  const AuContract *remembered;
  AuOptionRight right;
  AuPrice strike;
  GDate expiry;

  g_return_val_if_fail (ib != NULL && contract != NULL, FALSE);

  if (is_empty (ib->symbol) && ib->con_id > 0)
    {
      remembered = known != NULL ? g_hash_table_lookup (known, GINT_TO_POINTER (ib->con_id)) : NULL;
      if (remembered == NULL)
        {
          g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                       "conId %d: no contract with that id", ib->con_id);
          return FALSE;
        }
      au_contract_copy (contract, remembered);
      return TRUE;
    }
  if (is_empty (ib->symbol) || au_market_symbol_lookup (ib->symbol) == NULL)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "symbol '%s': not in the paper market's universe",
                   ib->symbol != NULL ? ib->symbol : "");
      return FALSE;
    }
  if (!is_empty (ib->currency) && g_strcmp0 (ib->currency, "USD") != 0)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "currency '%s': the paper market trades in USD only", ib->currency);
      return FALSE;
    }

  if (g_strcmp0 (ib->sec_type, "STK") == 0 || g_strcmp0 (ib->sec_type, "IND") == 0)
    {
      /* As IB: an index is no stock, and no stock an index. */
      if (g_strcmp0 (ib->sec_type, au_ib_listing_underlying_sec_type (ib->symbol)) != 0)
        {
          g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                       "secType '%s': %s is listed as %s", ib->sec_type, ib->symbol,
                       au_ib_listing_underlying_sec_type (ib->symbol));
          return FALSE;
        }
      au_contract_init_stock (contract, ib->symbol);
      return TRUE;
    }
  if (g_strcmp0 (ib->sec_type, "OPT") != 0)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "secType '%s': the simulator lists STK and OPT",
                   ib->sec_type != NULL ? ib->sec_type : "");
      return FALSE;
    }
  if (!parse_expiry (ib->last_trade_date, &expiry))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "lastTradeDateOrContractMonth '%s': an option needs YYYYMMDD",
                   ib->last_trade_date != NULL ? ib->last_trade_date : "");
      return FALSE;
    }
  if (g_strcmp0 (ib->right, "C") == 0 || g_strcmp0 (ib->right, "CALL") == 0)
    right = AU_OPTION_CALL;
  else if (g_strcmp0 (ib->right, "P") == 0 || g_strcmp0 (ib->right, "PUT") == 0)
    right = AU_OPTION_PUT;
  else
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "right '%s': an option is C or P", ib->right != NULL ? ib->right : "");
      return FALSE;
    }
  if (ib->strike == AU_IB_UNSET_DOUBLE || !isfinite (ib->strike) || ib->strike <= 0.0 ||
      !au_price_from_double (ib->strike, &strike))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "strike: an option needs a positive strike");
      return FALSE;
    }
  if (!is_empty (ib->multiplier) && g_strcmp0 (ib->multiplier, "100") != 0)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "multiplier '%s': the paper market's options are of 100", ib->multiplier);
      return FALSE;
    }
  au_contract_init_option (contract, ib->symbol, right, strike, &expiry);
  /* SPX's third Friday is in class SPX, its other expiries in SPXW: a
   * class that does not list the expiry is no contract (R5). */
  if (!is_empty (ib->trading_class) && au_ib_listing_trading_class (contract) != NULL
      && g_strcmp0 (ib->trading_class, au_ib_listing_trading_class (contract)) != 0)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "tradingClass '%s': %s lists %s in class %s", ib->trading_class,
                   ib->symbol, ib->last_trade_date, au_ib_listing_trading_class (contract));
      au_contract_clear (contract);
      return FALSE;
    }
  return TRUE;
}

static void
contract_free (gpointer data)
{
  AuContract *contract = data;

  au_contract_clear (contract);
  g_free (contract);
}

GHashTable *
au_gateway_contract_table_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, contract_free);
}

void
au_gateway_contract_remember (GHashTable       *known,
                              const AuContract *contract)
{
  int con_id;
  AuContract *copy;

  g_return_if_fail (known != NULL && contract != NULL);

  con_id = au_gateway_con_id (contract);
  if (g_hash_table_contains (known, GINT_TO_POINTER (con_id)))
    return;
  copy = g_new0 (AuContract, 1);
  au_contract_copy (copy, contract);
  g_hash_table_insert (known, GINT_TO_POINTER (con_id), copy);
}

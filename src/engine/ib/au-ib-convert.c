/* au-ib-convert.c: between IB's wire types and the broker's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "au-ib-client-private.h"
#include "au-ib-listing.h"
#include "au-money.h"

void
au_ib_contract_from_au (const AuContract *contract,
                        AuIbContractBuf  *buf)
{
  au_ib_contract_init (&buf->ib);
  buf->ib.symbol = contract->symbol;
  buf->ib.exchange = "SMART";
  buf->ib.currency = "USD";
  buf->expiry[0] = '\0';

  if (contract->sec_type == AU_SEC_STOCK)
    {
      /* SPX and VIX are indexes on CBOE (R5, D2.4). */
      buf->ib.sec_type = au_ib_listing_underlying_sec_type (contract->symbol);
      buf->ib.exchange = au_ib_listing_underlying_exchange (contract->symbol);
      return;
    }

  buf->ib.sec_type = "OPT";
  /* SPX and SPXW share strikes and third Fridays: the class tells them
   * apart; NULL (unset) for an equity option. */
  buf->ib.trading_class = au_ib_listing_trading_class (contract);
  g_snprintf (buf->expiry, sizeof buf->expiry, "%04u%02u%02u",
              g_date_get_year (&contract->expiry), g_date_get_month (&contract->expiry),
              g_date_get_day (&contract->expiry));
  buf->ib.last_trade_date = buf->expiry;
  buf->ib.strike = au_price_to_double (contract->strike);
  buf->ib.right = contract->right == AU_OPTION_PUT ? "P" : "C";
  g_snprintf (buf->multiplier, sizeof buf->multiplier, "%d",
              contract->multiplier > 0 ? contract->multiplier : 100);
  buf->ib.multiplier = buf->multiplier;
}

gboolean
au_ib_parse_yyyymmdd (const char *text,
                      GDate      *date)
{
  unsigned y, m, d;

  if (text == NULL || strlen (text) < 8
      || !g_ascii_isdigit (text[0]) || sscanf (text, "%4u%2u%2u", &y, &m, &d) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
au_ib_contract_to_au (const AuIbContract *ib,
                      AuContract         *contract,
                      GError            **error)
{
  *contract = (AuContract) { 0 };

  if (ib->symbol == NULL || *ib->symbol == '\0')
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED, "contract: no symbol");
      return FALSE;
    }

  if (g_strcmp0 (ib->sec_type, "STK") == 0 || g_strcmp0 (ib->sec_type, "IND") == 0)
    {
      au_contract_init_stock (contract, ib->symbol);
      return TRUE;
    }

  if (g_strcmp0 (ib->sec_type, "OPT") == 0)
    {
      GDate expiry;
      AuOptionRight right;
      int multiplier = 100;

      if (!au_ib_parse_yyyymmdd (ib->last_trade_date, &expiry))
        {
          g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
                       "contract %s: expiry “%s” is not YYYYMMDD", ib->symbol,
                       ib->last_trade_date ? ib->last_trade_date : "");
          return FALSE;
        }
      if (g_strcmp0 (ib->right, "C") == 0 || g_strcmp0 (ib->right, "CALL") == 0)
        right = AU_OPTION_CALL;
      else if (g_strcmp0 (ib->right, "P") == 0 || g_strcmp0 (ib->right, "PUT") == 0)
        right = AU_OPTION_PUT;
      else
        {
          g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
                       "contract %s: right “%s” is neither C nor P", ib->symbol,
                       ib->right ? ib->right : "");
          return FALSE;
        }
      if (!isfinite (ib->strike) || ib->strike <= 0 || ib->strike >= 1e9)
        {
          g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
                       "contract %s: strike %g is not a price", ib->symbol, ib->strike);
          return FALSE;
        }
      au_contract_init_option (contract, ib->symbol, right,
                               au_ib_price_from_double (ib->strike), &expiry);
      if (ib->multiplier != NULL && *ib->multiplier != '\0')
        multiplier = (int) g_ascii_strtoll (ib->multiplier, NULL, 10);
      contract->multiplier = multiplier > 0 ? multiplier : 100;
      return TRUE;
    }

  g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_UNSUPPORTED,
               "contract %s: security type “%s” is not traded by the autopilot",
               ib->symbol, ib->sec_type ? ib->sec_type : "");
  return FALSE;
}

/* IB sends balances as decimal text ("100000.00", sometimes more places):
 * exact to the cent, banker's rounding beyond it. */
gboolean
au_ib_parse_money (const char *text,
                   AuMoney    *out)
{
  gint64 micro;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (au_decimal_parse (text, 2, out, NULL))
    return TRUE;
  if (!au_decimal_parse (text, 6, &micro, NULL))
    return FALSE;
  *out = au_money_mul_ratio (micro, 1, 10000);
  return TRUE;
}

AuPrice
au_ib_price_from_double (double value)
{
  AuPrice price = 0;

  if (!au_price_from_double (value, &price))
    return 0;
  return price;
}

/* "20250425 15:23:54", "20250425  15:23:54", optionally followed by a
 * zone ("US/Eastern"); without a known zone the time is read as UTC. */
gint64
au_ib_parse_exec_time (const char *text)
{
  unsigned y, mo, d, h, mi, s;
  const char *p;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%4u%2u%2u %u:%u:%u", &y, &mo, &d, &h, &mi, &s) != 6)
    return 0;

  p = strrchr (text, ' ');
  if (p != NULL && strchr (p, ':') == NULL && p[1] != '\0')
    tz = g_time_zone_new_identifier (p + 1);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  dt = g_date_time_new (tz, y, mo, d, h, mi, s);
  return dt != NULL ? g_date_time_to_unix (dt) * G_USEC_PER_SEC : 0;
}

/* IB's "not computed" values (-1 for vol and prices, -2 for greeks) and
 * its unset DBL_MAX are not numbers the engine may use (§7.7). */
double
au_ib_greek_or_nan (double value,
                    double sentinel)
{
  if (!isfinite (value) || fabs (value) >= 1e300 || value == sentinel)
    return NAN;
  if (sentinel == AU_IB_OPTCOMP_NOT_COMPUTED_PRICE && value < 0)
    return NAN;
  return value;
}

void
au_ib_ticks_init (AuIbTicks *ticks)
{
  *ticks = (AuIbTicks) { 0 };
  ticks->implied_vol = NAN;
  ticks->delta = NAN;
  ticks->gamma = NAN;
  ticks->vega = NAN;
  ticks->theta = NAN;
  ticks->model_price = NAN;
  ticks->underlying_price = NAN;
}

static void
set_price (AuPrice  *field,
           gboolean *has,
           double    value)
{
  /* -1 (and 0 for bid/ask) means no quote, not a price (§3). */
  if (!isfinite (value) || value <= 0 || value >= 1e9)
    {
      *has = FALSE;
      *field = 0;
      return;
    }
  *has = TRUE;
  *field = au_ib_price_from_double (value);
}

gboolean
au_ib_ticks_apply (AuIbTicks          *ticks,
                   const AuIbIncoming *msg,
                   gint64              now)
{
  if (msg->id == AU_IB_IN_TICK_PRICE)
    {
      const AuIbTickPrice *t = &msg->u.tick_price;

      /* Live ids 1, 2, 4, 9; delayed 66, 67, 68, 75 (§8.1). */
      switch (t->tick_type)
        {
        case 66: ticks->delayed = TRUE; G_GNUC_FALLTHROUGH;
        case 1: set_price (&ticks->bid, &ticks->has_bid, t->price); break;
        case 67: ticks->delayed = TRUE; G_GNUC_FALLTHROUGH;
        case 2: set_price (&ticks->ask, &ticks->has_ask, t->price); break;
        case 68: ticks->delayed = TRUE; G_GNUC_FALLTHROUGH;
        case 4: set_price (&ticks->last, &ticks->has_last, t->price); break;
        case 75: ticks->delayed = TRUE; G_GNUC_FALLTHROUGH;
        case 9: set_price (&ticks->close, &ticks->has_close, t->price); break;
        default: return FALSE;
        }
      ticks->as_of = now;
      return TRUE;
    }

  if (msg->id == AU_IB_IN_TICK_OPTION_COMPUTATION)
    {
      const AuIbTickOptionComputation *c = &msg->u.tick_option_computation;
      gboolean model = c->tick_type == 13 || c->tick_type == 83;

      if (c->tick_type >= 80 && c->tick_type <= 83)
        ticks->delayed = TRUE;
      else if (c->tick_type < 10 || c->tick_type > 13)
        return FALSE;
      /* The model computation wins; bid/ask/last computations only fill
       * in until it arrives. */
      if (!model && ticks->greeks_from_model)
        return FALSE;

      ticks->has_greeks = TRUE;
      ticks->implied_vol = au_ib_greek_or_nan (c->implied_vol, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
      ticks->delta = au_ib_greek_or_nan (c->delta, AU_IB_OPTCOMP_NOT_COMPUTED_GREEK);
      ticks->gamma = au_ib_greek_or_nan (c->gamma, AU_IB_OPTCOMP_NOT_COMPUTED_GREEK);
      ticks->vega = au_ib_greek_or_nan (c->vega, AU_IB_OPTCOMP_NOT_COMPUTED_GREEK);
      ticks->theta = au_ib_greek_or_nan (c->theta, AU_IB_OPTCOMP_NOT_COMPUTED_GREEK);
      ticks->model_price = au_ib_greek_or_nan (c->opt_price, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
      ticks->underlying_price = au_ib_greek_or_nan (c->und_price, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
      ticks->greeks_from_model = model;
      ticks->as_of = now;
      return TRUE;
    }

  if (msg->id == AU_IB_IN_MARKET_DATA_TYPE)
    {
      /* 3 delayed, 4 delayed-frozen. */
      ticks->delayed = msg->u.market_data_type.market_data_type >= 3;
      return TRUE;
    }

  return FALSE;
}

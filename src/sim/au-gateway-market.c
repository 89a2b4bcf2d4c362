/* au-gateway-market.c: quotes with option computations, contract details,
 * option chain parameters and daily bars from the paper market
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
#include "au-gateway-private.h"
#include "au-ib-listing.h"
#include "au-market-calendar.h"
#include "au-money.h"
#include "au-option-expiries.h"
#include "au-paper-fill-model.h"

/* The expiries whose strikes SEC_DEF_OPT_PARAMS lists: the weeklies and
 * monthlies an options-income strategy trades (the LEAPs are listed by
 * date; their strikes come with their own contract details). */
#define STRIKES_MAX_DTE   60
#define EXPIRIES_MAX_DTE  800

/* IB's tick types (tws-protocol.md §8). */
enum
{
  TICK_BID = 1,
  TICK_ASK = 2,
  TICK_LAST = 4,
  TICK_HIGH = 6,
  TICK_LOW = 7,
  TICK_VOLUME = 8,
  TICK_CLOSE = 9,
  TICK_MODEL_OPTION = 13,
  TICK_OPEN = 14,
  TICK_OPTION_CALL_OI = 27,
  TICK_OPTION_PUT_OI = 28,
};

static void
send_no_contract (AuGatewayConn *conn,
                  int            req_id,
                  const GError  *error)
{
  g_autofree char *text = g_strdup_printf ("No security definition has been found for the "
                                           "request: %s", error->message);

  _au_gateway_send_error (conn, req_id, 200, text);
}

static void
send_invalid (AuGatewayConn *conn,
              int            req_id,
              const char    *reason)
{
  g_autofree char *text = g_strdup_printf ("Error validating request: %s", reason);

  _au_gateway_send_error (conn, req_id, 321, text);
}

static int
days_to (AuGateway   *self,
         const GDate *expiry)
{
  GDate today;
  int minute;

  au_market_sim_get_clock (au_paper_exchange_get_market (self->exchange), &today, &minute);
  return g_date_days_between (&today, expiry);
}

/* The quote of a listed option series now; FALSE with
 * AU_GATEWAY_ERROR_NO_CONTRACT when the market does not list it. */
static gboolean
option_quote (AuGateway        *self,
              const AuContract *contract,
              AuOptionQuote    *quote,
              double           *spot,
              GError          **error)
{
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(GError) local = NULL;
  const AuOptionQuote *found;
  int dte = days_to (self, &contract->expiry);

  if (dte < 0)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "the series has expired");
      return FALSE;
    }
  chain = au_paper_exchange_get_chain (self->exchange, contract->symbol, (guint) dte,
                                       (guint) dte, &local);
  found = chain != NULL ? au_option_chain_find (chain, &contract->expiry, contract->right,
                                                contract->strike)
                        : NULL;
  if (found == NULL)
    {
      g_autofree char *name = au_contract_describe (contract);

      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "%s is not a listed series%s%s", name, local != NULL ? ": " : "",
                   local != NULL ? local->message : "");
      return FALSE;
    }
  *quote = *found;
  *spot = au_option_chain_get_spot (chain);
  return TRUE;
}

static void
send_tick_price (AuGatewayConn *conn,
                 int            req_id,
                 int            tick_type,
                 AuPrice        price)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_PRICE };

  m.u.tick_price.ticker_id = req_id;
  m.u.tick_price.tick_type = tick_type;
  m.u.tick_price.price = au_price_to_double (price);
  /* The paper market models no depth: no size rides on the price. */
  m.u.tick_price.size = AU_IB_UNSET_DECIMAL;
  m.u.tick_price.attr_mask = 0;
  _au_gateway_send (conn, &m);
}

static void
send_tick_size (AuGatewayConn *conn,
                int            req_id,
                int            tick_type,
                gint64         size)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_SIZE };

  m.u.tick_size.ticker_id = req_id;
  m.u.tick_size.tick_type = tick_type;
  m.u.tick_size.size = (double) size;
  _au_gateway_send (conn, &m);
}

static gboolean
send_stock_ticks (AuGateway        *self,
                  AuGatewayConn    *conn,
                  int               req_id,
                  const AuContract *contract)
{
  AuMarketSim *market = au_paper_exchange_get_market (self->exchange);
  const AuSymbolParams *params = au_market_symbol_lookup (contract->symbol);
  AuPrice last, bid, ask;
  AuDailyBar session;
  GArray *bars;
  double price;

  if (params == NULL || !au_market_sim_get_price (market, contract->symbol, &price) ||
      !au_market_sim_get_last (market, contract->symbol, &last))
    return FALSE;
  au_paper_stock_bid_ask (params, price, last, &bid, &ask);
  send_tick_price (conn, req_id, TICK_BID, bid);
  send_tick_price (conn, req_id, TICK_ASK, ask);
  send_tick_price (conn, req_id, TICK_LAST, last);
  bars = au_market_sim_get_bars (market, contract->symbol);
  if (bars != NULL && bars->len > 0)
    send_tick_price (conn, req_id, TICK_CLOSE,
                     g_array_index (bars, AuDailyBar, bars->len - 1).close);
  if (au_market_sim_get_session_bar (market, contract->symbol, &session))
    {
      send_tick_price (conn, req_id, TICK_OPEN, session.open);
      send_tick_price (conn, req_id, TICK_HIGH, session.high);
      send_tick_price (conn, req_id, TICK_LOW, session.low);
      send_tick_size (conn, req_id, TICK_VOLUME, session.volume);
    }
  return TRUE;
}

static gboolean
send_option_ticks (AuGateway        *self,
                   AuGatewayConn    *conn,
                   int               req_id,
                   const AuContract *contract,
                   const char       *generic_ticks,
                   GError          **error)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_OPTION_COMPUTATION };
  AuOptionQuote quote;
  double spot;

  if (!option_quote (self, contract, &quote, &spot, error))
    return FALSE;
  send_tick_price (conn, req_id, TICK_BID, quote.bid);
  send_tick_price (conn, req_id, TICK_ASK, quote.ask);
  send_tick_size (conn, req_id, TICK_VOLUME, quote.volume);
  if (generic_ticks != NULL && strstr (generic_ticks, "101") != NULL)
    send_tick_size (conn, req_id,
                    contract->right == AU_OPTION_CALL ? TICK_OPTION_CALL_OI : TICK_OPTION_PUT_OI,
                    quote.open_interest);

  /* The model's numbers, in IB's units: vega per vol point (the chain's
   * is per 1.00 of vol), theta per calendar day. No discrete dividends
   * are modelled, so their present value is "not computed" (§7.7). */
  m.u.tick_option_computation.ticker_id = req_id;
  m.u.tick_option_computation.tick_type = TICK_MODEL_OPTION;
  m.u.tick_option_computation.tick_attrib = 1;
  m.u.tick_option_computation.implied_vol = quote.iv;
  m.u.tick_option_computation.delta = quote.delta;
  m.u.tick_option_computation.opt_price = quote.theo;
  m.u.tick_option_computation.pv_dividend = AU_IB_OPTCOMP_NOT_COMPUTED_PRICE;
  m.u.tick_option_computation.gamma = quote.gamma;
  m.u.tick_option_computation.vega = quote.vega / 100.0;
  m.u.tick_option_computation.theta = quote.theta_day;
  m.u.tick_option_computation.und_price = spot;
  _au_gateway_send (conn, &m);
  return TRUE;
}

static gboolean
send_ticks (AuGateway        *self,
            AuGatewayConn    *conn,
            int               req_id,
            const AuContract *contract,
            const char       *generic_ticks,
            GError          **error)
{
  if (contract->sec_type == AU_SEC_OPTION)
    return send_option_ticks (self, conn, req_id, contract, generic_ticks, error);
  if (!send_stock_ticks (self, conn, req_id, contract))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                   "%s has no quote", contract->symbol);
      return FALSE;
    }
  return TRUE;
}

/* The paper market's data is live whatever type was asked for, as IB's
 * is for an account with a subscription; out of the session a client
 * that asked for frozen data (2, or 4 delayed-frozen) is told that the
 * last quotes it gets are frozen. */
static int
served_data_type (AuGateway     *self,
                  AuGatewayConn *conn)
{
  g_autoptr(GDateTime) utc = NULL;
  GDate day;
  int minute;

  if (conn->market_data_type != 2 && conn->market_data_type != 4)
    return 1;
  utc = g_date_time_new_from_unix_utc (au_gateway_get_now (self) / G_USEC_PER_SEC);
  au_eastern_split (utc, &day, &minute);
  if (au_nyse_is_trading_day (&day) && minute >= AU_MARKET_OPEN_MINUTE &&
      minute < au_nyse_close_minute (&day))
    return 1;
  return 2;
}

static void
req_mkt_data (AuGateway            *self,
              AuGatewayConn        *conn,
              const AuIbReqMktData *r)
{
  g_autoptr(GError) error = NULL;
  AuIbIncoming m = { 0 };
  AuContract contract = { 0 };

  if (!au_gateway_contract_from_ib (&r->contract, self->contracts, &contract, &error))
    {
      send_no_contract (conn, r->req_id, error);
      return;
    }
  au_gateway_contract_remember (self->contracts, &contract);

  m.id = AU_IB_IN_MARKET_DATA_TYPE;
  m.u.market_data_type.req_id = r->req_id;
  m.u.market_data_type.market_data_type = served_data_type (self, conn);
  _au_gateway_send (conn, &m);
  m.id = AU_IB_IN_TICK_REQ_PARAMS;
  m.u.tick_req_params.ticker_id = r->req_id;
  m.u.tick_req_params.min_tick = 0.01;
  m.u.tick_req_params.bbo_exchange = "";
  m.u.tick_req_params.snapshot_permissions = 3;
  _au_gateway_send (conn, &m);

  if (!send_ticks (self, conn, r->req_id, &contract, r->generic_ticks, &error))
    {
      send_no_contract (conn, r->req_id, error);
      au_contract_clear (&contract);
      return;
    }
  if (r->snapshot || r->regulatory_snapshot)
    {
      m.id = AU_IB_IN_TICK_SNAPSHOT_END;
      m.u.end.req_id = r->req_id;
      _au_gateway_send (conn, &m);
      au_contract_clear (&contract);
      return;
    }
  {
    AuContract *kept = g_new0 (AuContract, 1);

    *kept = contract;
    g_hash_table_replace (conn->tickers, GINT_TO_POINTER (r->req_id), kept);
  }
}

void
_au_gateway_market_stepped (AuGateway *self)
{
  g_autoptr(GPtrArray) conns = _au_gateway_dup_conns (self);
  guint i;

  for (i = 0; i < conns->len; i++)
    {
      AuGatewayConn *conn = g_ptr_array_index (conns, i);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, conn->tickers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(GError) error = NULL;

          /* A series that expired stops, with IB's "no security". */
          if (!send_ticks (self, conn, GPOINTER_TO_INT (key), value, NULL, &error))
            {
              send_no_contract (conn, GPOINTER_TO_INT (key), error);
              g_hash_table_iter_remove (&iter);
            }
        }
    }
}

/* "20261201:0930-20261201:1600;20261205:CLOSED;…" for a week from today. */
static char *
trading_hours (AuGateway *self)
{
  GString *text = g_string_new (NULL);
  GDate day;
  int minute, i;

  au_market_sim_get_clock (au_paper_exchange_get_market (self->exchange), &day, &minute);
  for (i = 0; i < 7; i++, g_date_add_days (&day, 1))
    {
      char ymd[16];

      g_date_strftime (ymd, sizeof ymd, "%Y%m%d", &day);
      if (text->len > 0)
        g_string_append_c (text, ';');
      if (!au_nyse_is_trading_day (&day))
        g_string_append_printf (text, "%s:CLOSED", ymd);
      else
        {
          int close = au_nyse_close_minute (&day);

          g_string_append_printf (text, "%s:0930-%s:%02d%02d", ymd, ymd, close / 60, close % 60);
        }
    }
  return g_string_free (text, FALSE);
}

static void
send_contract_data (AuGateway        *self,
                    AuGatewayConn    *conn,
                    int               req_id,
                    const AuContract *contract,
                    const char       *hours)
{
  const AuSymbolParams *params = au_market_symbol_lookup (contract->symbol);
  AuIbIncoming m = { .id = AU_IB_IN_CONTRACT_DATA };
  AuContract underlying = { 0 };
  AuGatewayIbContract ib;
  char month[8] = "";
  char expiry[16] = "";

  au_gateway_contract_remember (self->contracts, contract);
  au_gateway_contract_to_ib (contract, &ib);
  au_contract_init_stock (&underlying, contract->symbol);

  m.u.contract_data.req_id = req_id;
  m.u.contract_data.contract = ib.ib;
  m.u.contract_data.market_name = contract->symbol;
  m.u.contract_data.order_types = "LMT";
  m.u.contract_data.valid_exchanges = ib.ib.exchange;
  m.u.contract_data.price_magnifier = 1;
  m.u.contract_data.long_name = contract->symbol;
  m.u.contract_data.time_zone_id = "US/Eastern";
  m.u.contract_data.trading_hours = hours;
  m.u.contract_data.liquid_hours = hours;
  m.u.contract_data.ev_rule = "";
  m.u.contract_data.agg_group = AU_IB_UNSET_INT;
  m.u.contract_data.min_size = 1;
  m.u.contract_data.size_increment = 1;
  m.u.contract_data.suggested_size_increment = 1;
  if (contract->sec_type == AU_SEC_STOCK && au_ib_listing_is_index (contract->symbol))
    {
      /* An index: quoted, never traded; its options settle in cash. */
      m.u.contract_data.min_tick = 0.01;
      m.u.contract_data.order_types = "";
      m.u.contract_data.stock_type = "";
    }
  else if (contract->sec_type == AU_SEC_STOCK)
    {
      m.u.contract_data.min_tick = 0.01;
      m.u.contract_data.stock_type = params != NULL && params->kind == AU_ASSET_ETF ? "ETF"
                                                                                  : "COMMON";
    }
  else
    {
      /* The option's tick below $3 (the finer one, as IB's minTick). */
      m.u.contract_data.min_tick = params != NULL ? params->tick_low : 0.01;
      m.u.contract_data.under_con_id = au_gateway_con_id (&underlying);
      m.u.contract_data.under_symbol = contract->symbol;
      m.u.contract_data.under_sec_type = au_ib_listing_underlying_sec_type (contract->symbol);
      g_snprintf (month, sizeof month, "%04u%02u", g_date_get_year (&contract->expiry),
                  g_date_get_month (&contract->expiry));
      m.u.contract_data.contract_month = month;
      g_strlcpy (expiry, ib.expiry, sizeof expiry);
      m.u.contract_data.real_expiration_date = expiry;
    }
  _au_gateway_send (conn, &m);
  au_contract_clear (&underlying);
}

/* An option request may leave the strike or the right out, as IB's
 * clients do to list a chain; the expiry is needed. */
static void
option_details (AuGateway                 *self,
                AuGatewayConn             *conn,
                const AuIbReqContractData *r,
                const char                *hours)
{
  const AuIbContract *ib = &r->contract;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(GError) error = NULL;
  unsigned y, mo, d;
  GDate expiry;
  guint i, sent = 0;
  int dte;

  if (ib->last_trade_date == NULL || strlen (ib->last_trade_date) != 8 ||
      sscanf (ib->last_trade_date, "%4u%2u%2u", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
    {
      send_invalid (conn, r->req_id, "lastTradeDateOrContractMonth: the simulator lists an "
                    "option chain by its expiry, YYYYMMDD");
      return;
    }
  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, d, mo, y);
  dte = days_to (self, &expiry);
  if (dte >= 0)
    chain = au_paper_exchange_get_chain (self->exchange, ib->symbol, (guint) dte, (guint) dte,
                                         &error);
  for (i = 0; chain != NULL && i < au_option_chain_get_n_quotes (chain); i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);
      AuContract series = { 0 };
      char right = q->right == AU_OPTION_PUT ? 'P' : 'C';

      if (g_date_compare (&q->expiry, &expiry) != 0)
        continue;
      if (ib->right != NULL && *ib->right != '\0' && ib->right[0] != right)
        continue;
      if (ib->strike != AU_IB_UNSET_DOUBLE && ib->strike > 0.0 &&
          llround (ib->strike * AU_PRICE_SCALE) != q->strike)
        continue;
      au_contract_init_option (&series, ib->symbol, q->right, q->strike, &q->expiry);
      if (ib->trading_class != NULL && *ib->trading_class != '\0'
          && au_ib_listing_trading_class (&series) != NULL
          && g_strcmp0 (ib->trading_class, au_ib_listing_trading_class (&series)) != 0)
        {
          au_contract_clear (&series);
          continue;
        }
      send_contract_data (self, conn, r->req_id, &series, hours);
      au_contract_clear (&series);
      sent++;
    }
  if (sent == 0)
    {
      g_autoptr(GError) none = g_error_new (AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                                            "%s lists no such option on %s%s%s", ib->symbol,
                                            ib->last_trade_date, error != NULL ? ": " : "",
                                            error != NULL ? error->message : "");
      send_no_contract (conn, r->req_id, none);
      return;
    }
  {
    AuIbIncoming m = { .id = AU_IB_IN_CONTRACT_DATA_END };

    m.u.end.req_id = r->req_id;
    _au_gateway_send (conn, &m);
  }
}

static void
req_contract_data (AuGateway                 *self,
                   AuGatewayConn             *conn,
                   const AuIbReqContractData *r)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hours = trading_hours (self);
  AuIbIncoming m = { .id = AU_IB_IN_CONTRACT_DATA_END };
  AuContract contract = { 0 };
  gboolean partial_option;

  partial_option = g_strcmp0 (r->contract.sec_type, "OPT") == 0 &&
                   r->contract.symbol != NULL && *r->contract.symbol != '\0' &&
                   au_market_symbol_lookup (r->contract.symbol) != NULL;
  if (partial_option)
    {
      option_details (self, conn, r, hours);
      return;
    }
  if (!au_gateway_contract_from_ib (&r->contract, self->contracts, &contract, &error))
    {
      send_no_contract (conn, r->req_id, error);
      return;
    }
  send_contract_data (self, conn, r->req_id, &contract, hours);
  au_contract_clear (&contract);
  m.u.end.req_id = r->req_id;
  _au_gateway_send (conn, &m);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
req_sec_def_opt_params (AuGateway                    *self,
                        AuGatewayConn                *conn,
                        const AuIbReqSecDefOptParams *r)
{
  const AuSymbolParams *params = r->underlying_symbol != NULL
                                 ? au_market_symbol_lookup (r->underlying_symbol) : NULL;
  AuMarketSim *market;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expiries = NULL;
  g_autoptr(GArray) strikes = NULL;
  g_autoptr(GHashTable) seen = NULL;
  AuIbIncoming m = { .id = AU_IB_IN_SEC_DEF_OPT_PARAMS };
  AuContract underlying = { 0 };
  GDate today;
  int minute;
  guint i;

  if (params == NULL)
    {
      g_autoptr(GError) none = g_error_new (AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_NO_CONTRACT,
                                            "symbol '%s': not in the paper market's universe",
                                            r->underlying_symbol != NULL ? r->underlying_symbol
                                                                         : "");
      send_no_contract (conn, r->req_id, none);
      return;
    }
  if (r->underlying_sec_type != NULL && *r->underlying_sec_type != '\0'
      && g_strcmp0 (r->underlying_sec_type, au_ib_listing_underlying_sec_type (params->symbol)) != 0)
    {
      g_autofree char *why = g_strdup_printf ("underlyingSecType '%s': %s is listed as %s",
                                              r->underlying_sec_type, params->symbol,
                                              au_ib_listing_underlying_sec_type (params->symbol));

      send_invalid (conn, r->req_id, why);
      return;
    }
  market = au_paper_exchange_get_market (self->exchange);
  au_market_sim_get_clock (market, &today, &minute);
  expiries = au_option_expiries (params, &today, au_market_sim_is_at_close (market),
                                 EXPIRIES_MAX_DTE);
  chain = au_paper_exchange_get_chain (self->exchange, params->symbol, 0, STRIKES_MAX_DTE, &error);
  if (chain == NULL)
    {
      send_no_contract (conn, r->req_id, error);
      return;
    }

  strikes = g_array_new (FALSE, FALSE, sizeof (double));
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (i = 0; i < au_option_chain_get_n_quotes (chain); i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);
      double strike = au_price_to_double (q->strike);

      if (g_hash_table_contains (seen, &q->strike))
        continue;
      g_hash_table_add (seen, g_memdup2 (&q->strike, sizeof q->strike));
      g_array_append_val (strikes, strike);
    }
  g_array_sort (strikes, compare_double);

  au_contract_init_stock (&underlying, params->symbol);
  /* One row per exchange and trading class, as IB: SPX's monthlies
   * (class SPX) apart from its weeklies and dailies (SPXW), each on
   * SMART and CBOE; an equity's one class on SMART. */
  {
    const char *exchanges[] = { "SMART", "CBOE" };
    guint n_exchanges = au_ib_listing_is_index (params->symbol) ? 2 : 1;
    g_autoptr(GHashTable) classes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
    g_autoptr(GList) order = NULL;

    for (i = 0; i < expiries->len; i++)
      {
        AuContract series = { 0 };
        const char *klass;
        GPtrArray *list;
        char ymd[16];

        au_contract_init_option (&series, params->symbol, AU_OPTION_PUT, 1,
                                 &g_array_index (expiries, GDate, i));
        klass = au_ib_listing_trading_class (&series);
        klass = klass != NULL ? klass : params->symbol;
        au_contract_clear (&series);
        list = g_hash_table_lookup (classes, klass);
        if (list == NULL)
          {
            list = g_ptr_array_new_with_free_func (g_free);
            g_hash_table_insert (classes, (gpointer) klass, list);
            order = g_list_append (order, (gpointer) klass);
          }
        g_date_strftime (ymd, sizeof ymd, "%Y%m%d", &g_array_index (expiries, GDate, i));
        g_ptr_array_add (list, g_strdup (ymd));
      }
    for (guint e = 0; e < n_exchanges; e++)
      for (GList *l = order; l != NULL; l = l->next)
        {
          GPtrArray *list = g_hash_table_lookup (classes, l->data);

          m.u.sec_def_opt_params.req_id = r->req_id;
          m.u.sec_def_opt_params.exchange = exchanges[e];
          m.u.sec_def_opt_params.underlying_con_id = au_gateway_con_id (&underlying);
          m.u.sec_def_opt_params.trading_class = l->data;
          m.u.sec_def_opt_params.multiplier = "100";
          m.u.sec_def_opt_params.expirations = (const char **) list->pdata;
          m.u.sec_def_opt_params.n_expirations = list->len;
          m.u.sec_def_opt_params.strikes = (double *) strikes->data;
          m.u.sec_def_opt_params.n_strikes = strikes->len;
          _au_gateway_send (conn, &m);
        }
  }
  au_contract_clear (&underlying);

  m.id = AU_IB_IN_SEC_DEF_OPT_PARAMS_END;
  m.u.end.req_id = r->req_id;
  _au_gateway_send (conn, &m);
}

/* "30 D", "6 M", "1 Y": the first calendar day the bars cover. */
static gboolean
duration_start (const char  *duration,
                const GDate *end,
                GDate       *start)
{
  unsigned n;
  char unit;

  if (duration == NULL || sscanf (duration, "%u %c", &n, &unit) != 2 || n == 0 || n > 10000)
    return FALSE;
  *start = *end;
  switch (unit)
    {
    case 'D':
      g_date_subtract_days (start, n - 1);
      return TRUE;
    case 'W':
      g_date_subtract_days (start, 7 * n - 1);
      return TRUE;
    case 'M':
      g_date_subtract_months (start, n);
      g_date_add_days (start, 1);
      return TRUE;
    case 'Y':
      g_date_subtract_years (start, n);
      g_date_add_days (start, 1);
      return TRUE;
    default:
      return FALSE;
    }
}

/* "" (now), "20261201 16:00:00", "20261201-16:00:00", with or without a zone. */
static gboolean
parse_end_date (AuGateway  *self,
                const char *text,
                GDate      *end)
{
  unsigned y, mo, d;

  if (text == NULL || *text == '\0')
    {
      int minute;

      au_market_sim_get_clock (au_paper_exchange_get_market (self->exchange), end, &minute);
      return TRUE;
    }
  if (strlen (text) < 8 || sscanf (text, "%4u%2u%2u", &y, &mo, &d) != 3 ||
      !g_date_valid_dmy (d, mo, y))
    return FALSE;
  g_date_clear (end, 1);
  g_date_set_dmy (end, d, mo, y);
  return TRUE;
}

static void
add_bar (GArray           *out,
         GPtrArray        *dates,
         const AuDailyBar *bar)
{
  char ymd[16];
  AuIbBar b = { 0 };

  g_date_strftime (ymd, sizeof ymd, "%Y%m%d", &bar->date);
  g_ptr_array_add (dates, g_strdup (ymd));
  b.open = au_price_to_double (bar->open);
  b.high = au_price_to_double (bar->high);
  b.low = au_price_to_double (bar->low);
  b.close = au_price_to_double (bar->close);
  b.volume = (double) bar->volume;
  /* The paper market keeps no VWAP or trade count: IB's -1, not a guess. */
  b.wap = -1;
  b.bar_count = -1;
  g_array_append_val (out, b);
}

static void
req_historical_data (AuGateway                   *self,
                     AuGatewayConn               *conn,
                     const AuIbReqHistoricalData *r)
{
  AuMarketSim *market = au_paper_exchange_get_market (self->exchange);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (AuIbBar));
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  AuIbIncoming m = { .id = AU_IB_IN_HISTORICAL_DATA };
  AuContract contract = { 0 };
  AuDailyBar session;
  GArray *history;
  GDate start, end;
  guint i;

  if (!au_gateway_contract_from_ib (&r->contract, self->contracts, &contract, &error))
    {
      send_no_contract (conn, r->req_id, error);
      return;
    }
  if (contract.sec_type != AU_SEC_STOCK)
    {
      send_invalid (conn, r->req_id, "secType: the simulator keeps daily bars of underlyings "
                    "only");
      au_contract_clear (&contract);
      return;
    }
  if (g_strcmp0 (r->bar_size, "1 day") != 0)
    {
      g_autofree char *why = g_strdup_printf ("barSizeSetting '%s': the simulator serves "
                                              "'1 day' bars", r->bar_size ? r->bar_size : "");
      send_invalid (conn, r->req_id, why);
      au_contract_clear (&contract);
      return;
    }
  if (g_strcmp0 (r->what_to_show, "TRADES") != 0 && g_strcmp0 (r->what_to_show, "MIDPOINT") != 0 &&
      g_strcmp0 (r->what_to_show, "ADJUSTED_LAST") != 0)
    {
      g_autofree char *why = g_strdup_printf ("whatToShow '%s': the simulator serves TRADES, "
                                              "MIDPOINT and ADJUSTED_LAST",
                                              r->what_to_show ? r->what_to_show : "");
      send_invalid (conn, r->req_id, why);
      au_contract_clear (&contract);
      return;
    }
  if (!parse_end_date (self, r->end_date_time, &end) ||
      !duration_start (r->duration, &end, &start))
    {
      g_autofree char *why = g_strdup_printf ("endDateTime '%s' or durationStr '%s' is not "
                                              "understood (e.g. '' and '30 D')",
                                              r->end_date_time ? r->end_date_time : "",
                                              r->duration ? r->duration : "");
      send_invalid (conn, r->req_id, why);
      au_contract_clear (&contract);
      return;
    }

  history = au_market_sim_get_bars (market, contract.symbol);
  for (i = 0; history != NULL && i < history->len; i++)
    {
      const AuDailyBar *bar = &g_array_index (history, AuDailyBar, i);

      if (g_date_compare (&bar->date, &start) >= 0 && g_date_compare (&bar->date, &end) <= 0)
        add_bar (bars, dates, bar);
    }
  /* Today's bar so far, as IB includes the session in progress. */
  if (au_market_sim_get_session_bar (market, contract.symbol, &session) &&
      g_date_compare (&session.date, &end) <= 0 && g_date_compare (&session.date, &start) >= 0 &&
      (history == NULL || history->len == 0 ||
       g_date_compare (&g_array_index (history, AuDailyBar, history->len - 1).date,
                       &session.date) < 0))
    add_bar (bars, dates, &session);
  for (i = 0; i < bars->len; i++)
    g_array_index (bars, AuIbBar, i).date = g_ptr_array_index (dates, i);

  {
    char a[16], b[16];

    g_date_strftime (a, sizeof a, "%Y%m%d", &start);
    g_date_strftime (b, sizeof b, "%Y%m%d", &end);
    start_text = g_strdup_printf ("%s 00:00:00", a);
    end_text = g_strdup_printf ("%s 23:59:59", b);
  }
  m.u.historical_data.req_id = r->req_id;
  m.u.historical_data.start = start_text;
  m.u.historical_data.end = end_text;
  m.u.historical_data.bars = (AuIbBar *) bars->data;
  m.u.historical_data.n_bars = bars->len;
  _au_gateway_send (conn, &m);
  au_contract_clear (&contract);
}

gboolean
_au_gateway_market_dispatch (AuGateway         *self,
                             AuGatewayConn     *conn,
                             const AuIbRequest *request)
{
  switch ((int) request->id)
    {
    case AU_IB_OUT_REQ_MARKET_DATA_TYPE:
      conn->market_data_type = request->u.market_data_type.market_data_type;
      return TRUE;
    case AU_IB_OUT_REQ_MKT_DATA:
      req_mkt_data (self, conn, &request->u.mkt_data);
      return TRUE;
    case AU_IB_OUT_CANCEL_MKT_DATA:
      g_hash_table_remove (conn->tickers, GINT_TO_POINTER (request->u.cancel.req_id));
      return TRUE;
    case AU_IB_OUT_REQ_CONTRACT_DATA:
      req_contract_data (self, conn, &request->u.contract_data);
      return TRUE;
    case AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS:
      req_sec_def_opt_params (self, conn, &request->u.sec_def_opt_params);
      return TRUE;
    case AU_IB_OUT_REQ_HISTORICAL_DATA:
      req_historical_data (self, conn, &request->u.historical_data);
      return TRUE;
    case AU_IB_OUT_CANCEL_HISTORICAL_DATA:
      return TRUE;   /* daily bars are answered at once: nothing is left to cancel */
    default:
      return FALSE;
    }
}

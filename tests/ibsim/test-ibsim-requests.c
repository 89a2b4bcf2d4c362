/* test-ibsim-requests.c: every broker request of AuIbClient answered by
 * the real alluse-gateway-sim (issue 4, D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ibsim-test"

#include "config.h"

#include <math.h>

#include "au-constitution.h"
#include "au-ib-pacer.h"
#include "au-money.h"
#include "ibsim-harness.h"

/* One simulator for the whole binary, on a fresh state: the demo account
 * (cash, 100 AAPL, one short AAPL put) as it is at IBSIM_CLOCK. */
static IbsimSim   *sim;
static AuIbClient *client;

static gint64
clock_usec (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (IBSIM_CLOCK, NULL);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

static AuStockQuote *
quote (const char *symbol)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AuStockQuote *q;

  au_broker_quote_async (AU_BROKER (client), symbol, NULL, ibsim_store_result, &result);
  q = au_broker_quote_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

/* §4: version 176, the managed account, a next id, the gateway's clock. */
static void
test_connect (void)
{
  gint64 now = au_broker_get_now (AU_BROKER (client));

  g_assert_cmpint (au_ib_client_get_server_version (client), ==, 176);
  g_assert_cmpstr (au_ib_client_get_accounts (client), ==, IBSIM_ACCOUNT);
  g_assert_cmpint (au_ib_client_get_next_order_id (client), >=, 1);
  g_assert_cmpstr (au_broker_get_name (AU_BROKER (client)), !=, NULL);
  /* D4: the broker's clock is the gateway's, not the wall's: it started
   * at IBSIM_CLOCK and runs at speed 1. */
  g_assert_cmpint (now, >=, clock_usec ());
  g_assert_cmpint (now, <, clock_usec () + 120 * G_USEC_PER_SEC);
  g_assert_false (au_ib_client_is_delayed (client));
}

/* The demo paper account: $100,000 cash; net liquidation adds 100 AAPL
 * at the market less the short put (a 0.20-delta put, worth a few
 * dollars a share). 100 shares at a price in 1/10,000 dollars are that
 * many cents. */
static void
test_account (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBrokerAccount) account = NULL;
  g_autoptr(AuStockQuote) aapl = quote ("AAPL");
  AuMoney holdings;

  au_broker_account_async (AU_BROKER (client), NULL, ibsim_store_result, &result);
  account = au_broker_account_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->account, ==, IBSIM_ACCOUNT);
  g_assert_cmpint (account->cash, ==, 100000 * AU_MONEY_SCALE);
  holdings = account->net_liquidation - account->cash;
  g_assert_cmpint (holdings, <=, aapl->ask);
  g_assert_cmpint (holdings, >=, aapl->bid - 10 * 100 * AU_MONEY_SCALE);
}

static void
test_positions (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  gboolean shares = FALSE, put = FALSE;

  au_broker_positions_async (AU_BROKER (client), NULL, ibsim_store_result, &result);
  positions = au_broker_positions_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (positions->len, ==, 2);
  for (guint i = 0; i < positions->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (positions, i);

      g_assert_cmpstr (p->contract.symbol, ==, "AAPL");
      g_assert_cmpint (p->average_cost, >, 0);
      if (p->contract.sec_type == AU_SEC_STOCK)
        {
          g_assert_cmpint (p->quantity, ==, 100);
          shares = TRUE;
        }
      else
        {
          g_assert_cmpint (p->contract.right, ==, AU_OPTION_PUT);
          g_assert_cmpint (p->contract.multiplier, ==, 100);
          g_assert_cmpint (p->quantity, ==, -1);
          put = TRUE;
        }
    }
  g_assert_true (shares && put);
}

/* A stock's paper quote is the cent below and the cent above its path:
 * a one-cent market. */
static void
test_stock_quote (void)
{
  g_autoptr(AuStockQuote) q = quote ("AAPL");

  g_assert_cmpstr (q->symbol, ==, "AAPL");
  g_assert_false (q->delayed);
  g_assert_cmpint (q->bid, >, 0);
  g_assert_cmpint (q->ask - q->bid, ==, AU_PRICE_SCALE / 100);
  g_assert_cmpint (q->as_of, >=, clock_usec ());
}

/* An option snapshot carries IB's model computation: a put's delta in
 * (−1, 0), positive gamma and vega, negative theta, a volatility. */
static void
test_option_quote_greeks (void)
{
  g_autoptr(AuStockQuote) spot = quote ("AAPL");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GDate friday = ymd (2026, 11, 20);
  AuContract put;
  AuIbTicks ticks;
  /* The listed strike at or below the spot: AAPL lists $2.50 steps here. */
  AuPrice strike = (spot->bid / (25 * AU_PRICE_SCALE / 10)) * (25 * AU_PRICE_SCALE / 10);

  au_contract_init_option (&put, "AAPL", AU_OPTION_PUT, strike, &friday);
  au_ib_client_ticks_async (client, &put, NULL, ibsim_store_result, &result);
  g_assert_true (au_ib_client_ticks_finish (client, ibsim_await (&result), &ticks, &error));
  g_assert_no_error (error);
  au_contract_clear (&put);

  g_assert_true (ticks.has_bid && ticks.has_ask);
  g_assert_cmpint (ticks.bid, >, 0);
  g_assert_cmpint (ticks.ask, >, ticks.bid);
  g_assert_true (ticks.has_greeks);
  g_assert_cmpfloat (ticks.delta, <, 0.0);
  g_assert_cmpfloat (ticks.delta, >, -1.0);
  /* At the money, one day out: near −0.5. */
  g_assert_cmpfloat (fabs (ticks.delta + 0.5), <, 0.3);
  g_assert_cmpfloat (ticks.gamma, >, 0.0);
  g_assert_cmpfloat (ticks.vega, >, 0.0);
  g_assert_cmpfloat (ticks.theta, <, 0.0);
  g_assert_cmpfloat (ticks.implied_vol, >, 0.05);
  g_assert_cmpfloat (ticks.implied_vol, <, 2.0);
  g_assert_cmpfloat (fabs (ticks.underlying_price - au_price_to_double (spot->bid)), <, 1.0);
}

static void
test_contract_details (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AuContract stock;
  int con_id;

  au_contract_init_stock (&stock, "AAPL");
  au_ib_client_con_id_async (client, &stock, NULL, ibsim_store_result, &result);
  con_id = au_ib_client_con_id_finish (client, ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (con_id, >, 0);
  au_contract_clear (&stock);

  /* An unknown ticker is IB's 200 "no security definition": an error. */
  g_clear_object (&result);
  au_contract_init_stock (&stock, "ZZZZQ");
  au_ib_client_con_id_async (client, &stock, NULL, ibsim_store_result, &result);
  g_assert_cmpint (au_ib_client_con_id_finish (client, ibsim_await (&result), &error), <=, 0);
  g_assert_nonnull (error);
  au_contract_clear (&stock);
}

static void
test_option_params (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuIbOptionParams) params = NULL;
  GDate friday = ymd (2026, 11, 20);
  gboolean listed = FALSE;

  au_ib_client_option_params_async (client, "AAPL", NULL, ibsim_store_result, &result);
  params = au_ib_client_option_params_finish (client, ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (params->symbol, ==, "AAPL");
  g_assert_cmpint (params->multiplier, ==, 100);
  g_assert_cmpuint (params->strikes->len, >, 10);
  for (guint i = 0; i < params->expiries->len; i++)
    {
      const GDate *d = &g_array_index (params->expiries, GDate, i);

      if (i > 0)
        g_assert_cmpint (g_date_compare (&g_array_index (params->expiries, GDate, i - 1), d), <, 0);
      listed |= g_date_compare (d, &friday) == 0;
    }
  g_assert_true (listed);
}

/* The chain through IB: option parameters, the spot, one snapshot per
 * series; a put in the Gen CSP band (R2.2, 0.40–0.50) is found. */
static void
test_chain (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(AuStockQuote) spot = quote ("AAPL");
  GDate friday = ymd (2026, 11, 20);
  const AuOptionQuote *q;

  au_broker_chain_async (AU_BROKER (client), "AAPL", 1, 1, NULL, ibsim_store_result, &result);
  chain = au_broker_chain_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (au_option_chain_get_symbol (chain), ==, "AAPL");
  g_assert_false (au_option_chain_get_delayed (chain));
  g_assert_cmpfloat (fabs (au_option_chain_get_spot (chain) - au_price_to_double (spot->bid)),
                     <, 1.0);
  g_assert_cmpuint (au_option_chain_get_expiries (chain)->len, ==, 1);
  g_assert_cmpint (g_date_compare (&g_array_index (au_option_chain_get_expiries (chain), GDate, 0),
                                   &friday), ==, 0);
  /* Up to 40 strikes a side of the spot, both rights, less the series
   * the gateway did not quote. */
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), >=, 20);
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), <=, 80);
  q = au_option_chain_find_delta (chain, &friday, AU_OPTION_PUT, 0.40, 0.50);
  g_assert_nonnull (q);
  g_assert_cmpint (q->dte, ==, 1);
  g_assert_cmpfloat (q->delta, <=, -0.40);
  g_assert_cmpfloat (q->delta, >=, -0.50);
  g_assert_cmpint (q->ask, >, q->bid);
  g_assert_cmpint (q->strike, <=, spot->ask + 5 * AU_PRICE_SCALE);

  /* R8.1 on IB: every series carries the open interest the gateway
   * sent on its line (generic tick 101), none is unknown (-1), and the
   * band's put clears the constitution's minimum. */
  {
    g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
    const AuConstitutionParams *params = au_constitution_get_params (constitution);

    g_assert_no_error (error);
    for (guint i = 0; i < au_option_chain_get_n_quotes (chain); i++)
      g_assert_cmpint (au_option_chain_get_quote (chain, i)->open_interest, >=, 0);
    g_assert_cmpint (q->open_interest, >=, params->liquidity.min_open_interest);
  }
}

/* R5, D2.4: the hedge's SPX puts. SPX is an index (secType IND on CBOE:
 * the simulator, as IB, knows no stock SPX); its option parameters come
 * with underlyingSecType IND in two classes, SPX (the third Friday,
 * 2026-11-20) and SPXW (the dailies), merged; the chain's series carry
 * their class, multiplier 100, and open interest. */
static void
test_spx_index (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuIbOptionParams) params = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  GDate third_friday = ymd (2026, 11, 20), monday = ymd (2026, 11, 23);
  gboolean has_monthly = FALSE, has_daily = FALSE;
  const AuOptionQuote *q;
  AuContract index;
  int con_id;

  au_contract_init_stock (&index, "SPX");
  au_ib_client_con_id_async (client, &index, NULL, ibsim_store_result, &result);
  con_id = au_ib_client_con_id_finish (client, ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (con_id, >, 0);
  au_contract_clear (&index);

  g_clear_object (&result);
  au_ib_client_option_params_async (client, "SPX", NULL, ibsim_store_result, &result);
  params = au_ib_client_option_params_finish (client, ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (params->underlying_con_id, ==, con_id);
  g_assert_cmpstr (params->exchange, ==, "SMART");
  g_assert_cmpint (params->multiplier, ==, 100);
  for (guint i = 0; i < params->expiries->len; i++)
    {
      const GDate *d = &g_array_index (params->expiries, GDate, i);

      if (i > 0)
        g_assert_cmpint (g_date_compare (&g_array_index (params->expiries, GDate, i - 1), d), <, 0);
      has_monthly |= g_date_compare (d, &third_friday) == 0;
      has_daily |= g_date_compare (d, &monday) == 0;
    }
  g_assert_true (has_monthly);
  g_assert_true (has_daily);

  /* Two classes of a wide index chain are a few hundred paced lines: at
   * IB's 40 messages a second that alone is close to the harness's reply
   * limit on a loaded machine. This test is about the classes, and the
   * simulator has no rate limit; pacing has its own tests. */
  au_ib_client_set_pacing (client, 2000);
  g_clear_object (&result);
  au_broker_chain_async (AU_BROKER (client), "SPX", 1, 4, NULL, ibsim_store_result, &result);
  chain = au_broker_chain_finish (AU_BROKER (client), ibsim_await (&result), &error);
  au_ib_client_set_pacing (client, AU_IB_PACER_RATE);
  g_assert_no_error (error);
  g_assert_cmpstr (au_option_chain_get_symbol (chain), ==, "SPX");
  g_assert_cmpint (au_option_chain_get_style (chain), ==, AU_OPTION_EUROPEAN);
  /* Both classes answered: the SPX monthly and an SPXW daily. */
  q = au_option_chain_find_delta (chain, &third_friday, AU_OPTION_PUT, 0.05, 0.30);
  g_assert_nonnull (q);
  g_assert_cmpint (q->open_interest, >=, 0);
  g_assert_cmpint (q->ask, >, 0);
  q = au_option_chain_find_delta (chain, &monday, AU_OPTION_PUT, 0.05, 0.30);
  g_assert_nonnull (q);
  g_assert_cmpint (q->open_interest, >=, 0);
  g_assert_cmpfloat (q->delta, <, 0.0);
}

/* R6.8's ATR input: completed daily bars, oldest first, none of today. */
static void
test_bars (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = NULL;
  GDate today = ymd (2026, 11, 19);

  au_broker_bars_async (AU_BROKER (client), "AAPL", 10, NULL, ibsim_store_result, &result);
  bars = au_broker_bars_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bars->len, ==, 10);
  for (guint i = 0; i < bars->len; i++)
    {
      const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);

      g_assert_cmpint (g_date_compare (&bar->date, &today), <, 0);
      if (i > 0)
        g_assert_cmpint (g_date_compare (&g_array_index (bars, AuDailyBar, i - 1).date,
                                         &bar->date), <, 0);
      g_assert_cmpint (bar->high, >=, MAX (bar->open, bar->close));
      g_assert_cmpint (bar->low, <=, MIN (bar->open, bar->close));
      g_assert_cmpint (bar->low, >, 0);
      g_assert_cmpint (bar->volume, >, 0);
    }
  /* The last completed session before Thursday is Wednesday. */
  g_assert_cmpint (g_date_get_day (&g_array_index (bars, AuDailyBar, bars->len - 1).date), ==, 18);
}

static GPtrArray *
open_orders (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *orders;

  au_broker_open_orders_async (AU_BROKER (client), NULL, ibsim_store_result, &result);
  orders = au_broker_open_orders_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  return orders;
}

static GPtrArray *
executions (gint64 since)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *fills;

  au_broker_executions_async (AU_BROKER (client), since, NULL, ibsim_store_result, &result);
  fills = au_broker_executions_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  return fills;
}

static gboolean
update_seen (IbsimRecorder *recorder,
             const char    *client_order_id,
             AuOrderState   state)
{
  for (guint i = 0; i < recorder->updates->len; i++)
    {
      const AuOrderUpdate *u = g_ptr_array_index (recorder->updates, i);

      if (g_strcmp0 (u->client_order_id, client_order_id) == 0 && u->state == state)
        return TRUE;
    }
  return FALSE;
}

static void
wait_update (IbsimRecorder *recorder,
             const char    *client_order_id,
             AuOrderState   state)
{
  gint64 deadline = g_get_monotonic_time () + IBSIM_REPLY_MS * 1000;

  while (!update_seen (recorder, client_order_id, state) && g_get_monotonic_time () < deadline)
    ibsim_spin (20);
  g_assert_true (update_seen (recorder, client_order_id, state));
}

/* Open orders and executions: a resting buy is listed with its order
 * reference and cancelled; a marketable one fills at once, with D3's
 * $1.00 minimum commission, and is listed among the executions. */
static void
test_orders_and_executions (void)
{
  g_autoptr(AuStockQuote) q = quote ("AAPL");
  g_autoptr(GPtrArray) before = executions (0);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  IbsimRecorder recorder = { 0 };
  AuOrderRequest rest = { .client_order_id = (char *) "ibsim-rest-1", .side = AU_SIDE_BUY,
                          .quantity = 10 };
  AuOrderRequest take = { .client_order_id = (char *) "ibsim-take-1", .side = AU_SIDE_BUY,
                          .quantity = 10 };
  const AuOrderUpdate *listed = NULL;
  const AuExecution *fill = NULL;

  ibsim_recorder_attach (&recorder, AU_BROKER (client));
  g_assert_cmpuint (before->len, ==, 0);

  /* 20% under the bid: it rests. */
  au_contract_init_stock (&rest.contract, "AAPL");
  rest.limit = (q->bid * 8 / 10) / 100 * 100;
  g_assert_true (au_broker_place_order (AU_BROKER (client), &rest, &error));
  g_assert_no_error (error);
  wait_update (&recorder, "ibsim-rest-1", AU_ORDER_WORKING);
  /* D4: a client order id is sent once. */
  g_assert_false (au_broker_place_order (AU_BROKER (client), &rest, &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_DUPLICATE);
  g_clear_error (&error);

  open = open_orders ();
  for (guint i = 0; i < open->len; i++)
    {
      const AuOrderUpdate *u = g_ptr_array_index (open, i);

      if (g_strcmp0 (u->client_order_id, "ibsim-rest-1") == 0)
        listed = u;
    }
  g_assert_nonnull (listed);
  g_assert_cmpint (listed->state, ==, AU_ORDER_WORKING);
  g_assert_cmpint (listed->remaining, ==, 10);
  g_assert_cmpint (listed->broker_order_id, >, 0);

  g_assert_true (au_broker_cancel_order (AU_BROKER (client), "ibsim-rest-1", &error));
  g_assert_no_error (error);
  wait_update (&recorder, "ibsim-rest-1", AU_ORDER_CANCELLED);

  /* Five cents over the ask: fills on arrival. */
  au_contract_init_stock (&take.contract, "AAPL");
  take.limit = q->ask + 5 * AU_PRICE_SCALE / 100;
  g_assert_true (au_broker_place_order (AU_BROKER (client), &take, &error));
  g_assert_no_error (error);
  wait_update (&recorder, "ibsim-take-1", AU_ORDER_FILLED);
  g_assert_cmpuint (recorder.executions->len, ==, 1);

  after = executions (0);
  for (guint i = 0; i < after->len; i++)
    {
      const AuExecution *e = g_ptr_array_index (after, i);

      if (g_strcmp0 (e->client_order_id, "ibsim-take-1") == 0)
        fill = e;
    }
  g_assert_nonnull (fill);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (fill->exec_id, ==,
                   ((AuExecution *) g_ptr_array_index (recorder.executions, 0))->exec_id);
  g_assert_cmpint (fill->quantity, ==, 10);
  g_assert_cmpint (fill->side, ==, AU_SIDE_BUY);
  g_assert_cmpint (fill->price, <=, take.limit);
  g_assert_cmpint (fill->commission, ==, 1 * AU_MONEY_SCALE);
  g_assert_cmpint (fill->time, >=, clock_usec ());

  au_contract_clear (&rest.contract);
  au_contract_clear (&take.contract);
  ibsim_recorder_clear (&recorder);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  state = ibsim_temp_state ();
  sim = ibsim_sim_start (state, 0, NULL);
  client = ibsim_client_connect (sim->port, 11, 200);

  g_test_add_func ("/ibsim/requests/connect", test_connect);
  g_test_add_func ("/ibsim/requests/account", test_account);
  g_test_add_func ("/ibsim/requests/positions", test_positions);
  g_test_add_func ("/ibsim/requests/stock-quote", test_stock_quote);
  g_test_add_func ("/ibsim/requests/option-quote-greeks", test_option_quote_greeks);
  g_test_add_func ("/ibsim/requests/contract-details", test_contract_details);
  g_test_add_func ("/ibsim/requests/option-params", test_option_params);
  g_test_add_func ("/ibsim/requests/chain", test_chain);
  g_test_add_func ("/ibsim/requests/bars", test_bars);
  g_test_add_func ("/ibsim/requests/spx-index", test_spx_index);
  g_test_add_func ("/ibsim/requests/orders-and-executions", test_orders_and_executions);
  status = g_test_run ();

  au_broker_disconnect (AU_BROKER (client));
  g_clear_object (&client);
  ibsim_sim_kill (sim);
  ibsim_remove_state (state);
  return status;
}

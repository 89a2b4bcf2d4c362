/* test-gateway-orders.c: orders, fills, executions and commissions through
 * alluse-gateway-sim (issue 4; D3's commissions, D4's executions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gateway-test-orders.h"

#ifndef RESTING_SEED
#define RESTING_SEED  "2"
#define RESTING_BELOW 0.80
#endif

static void
test_marketable_fills_at_once (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  g_autofree char *exec_id = NULL;
  AuIbIncoming m;
  double bid, ask;
  int id;

  id = expect_ready (client);
  stock_quote (client, 1, "AAPL", &bid, &ask);

  /* A buy limit above the ask: OPEN_ORDER, Submitted, then the fill. */
  place_stock (client, id, "AAPL", "BUY", 1000, to_cent (ask + 0.05));
  client_expect (client, AU_IB_IN_OPEN_ORDER, &m);
  g_assert_cmpint (m.u.open_order.order_id, ==, id);
  g_assert_cmpstr (m.u.open_order.contract.symbol, ==, "AAPL");
  g_assert_cmpstr (m.u.open_order.action, ==, "BUY");
  g_assert_cmpfloat (m.u.open_order.total_quantity, ==, 1000);
  g_assert_cmpstr (m.u.open_order.order_type, ==, "LMT");
  g_assert_cmpstr (m.u.open_order.order_ref, ==, "ref-1");
  g_assert_cmpstr (m.u.open_order.account, ==, SIM_ACCOUNT);
  g_assert_cmpint (m.u.open_order.client_id, ==, 1);
  g_assert_cmpstr (m.u.open_order.status, ==, "Submitted");
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_EXECUTION_DATA, &m);
  g_assert_cmpint (m.u.execution.req_id, ==, -1);
  g_assert_cmpint (m.u.execution.order_id, ==, id);
  g_assert_cmpstr (m.u.execution.side, ==, "BOT");
  g_assert_cmpfloat (m.u.execution.shares, ==, 1000);
  /* It takes the ask: never a better price than the market offered. */
  g_assert_cmpfloat (fabs (m.u.execution.price - ask), <, 1e-9);
  g_assert_cmpstr (m.u.execution.order_ref, ==, "ref-1");
  g_assert_cmpint (m.u.execution.last_liquidity, ==, 2);
  exec_id = g_strdup (m.u.execution.exec_id);
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_COMMISSION_REPORT, &m);
  g_assert_cmpstr (m.u.commission_report.exec_id, ==, exec_id);
  /* D3: $0.005 a share, 1,000 shares → $5.00. */
  g_assert_cmpfloat (m.u.commission_report.commission, ==, 5.00);
  g_assert_cmpstr (m.u.commission_report.currency, ==, "USD");
  au_ib_incoming_clear (&m);
  expect_status (client, id, "Filled", &m);
  g_assert_cmpfloat (m.u.order_status.filled, ==, 1000);
  g_assert_cmpfloat (m.u.order_status.remaining, ==, 0);
  g_assert_cmpfloat (fabs (m.u.order_status.avg_fill_price - ask), <, 1e-9);
  g_assert_cmpfloat (m.u.order_status.perm_id, >, 0);
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

static void
test_option_order_commission (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_POSITIONS };
  AuIbContract put;
  char expiry[16], right[4];
  double strike = 0, bid = 0;
  AuIbIncoming m;
  int id;

  id = expect_ready (client);
  client_send (client, &r);
  for (;;)
    {
      client_expect (client, AU_IB_IN_POSITION_DATA, &m);
      if (g_strcmp0 (m.u.position.contract.sec_type, "OPT") == 0)
        break;
      au_ib_incoming_clear (&m);
    }
  g_strlcpy (expiry, m.u.position.contract.last_trade_date, sizeof expiry);
  g_strlcpy (right, m.u.position.contract.right, sizeof right);
  strike = m.u.position.contract.strike;
  au_ib_incoming_clear (&m);

  au_ib_contract_init (&put);
  put.symbol = "AAPL";
  put.sec_type = "OPT";
  put.last_trade_date = expiry;
  put.strike = strike;
  put.right = right;
  put.multiplier = "100";
  put.exchange = "SMART";
  put.currency = "USD";
  r.id = AU_IB_OUT_REQ_MKT_DATA;
  r.u.mkt_data.req_id = 3;
  r.u.mkt_data.contract = put;
  r.u.mkt_data.generic_ticks = "";
  r.u.mkt_data.snapshot = TRUE;
  client_send (client, &r);
  while (bid == 0)
    {
      client_expect (client, AU_IB_IN_TICK_PRICE, &m);
      if (m.u.tick_price.tick_type == 1)
        bid = m.u.tick_price.price;
    }

  /* Selling one more put at the bid fills at once: $0.65 a contract,
   * the $1.00 minimum applies (D3). */
  place_limit (client, id, &put, "SELL", 1, bid);
  client_expect (client, AU_IB_IN_EXECUTION_DATA, &m);
  g_assert_cmpstr (m.u.execution.side, ==, "SLD");
  g_assert_cmpstr (m.u.execution.contract.sec_type, ==, "OPT");
  g_assert_cmpfloat (m.u.execution.contract.strike, ==, strike);
  g_assert_cmpfloat (m.u.execution.price, ==, bid);
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_COMMISSION_REPORT, &m);
  g_assert_cmpfloat (m.u.commission_report.commission, ==, 1.00);
  au_ib_incoming_clear (&m);
  expect_status (client, id, "Filled", &m);

  /* A limit off the option's tick is refused by the exchange: 201. */
  place_limit (client, id + 1, &put, "SELL", 1, bid + 0.003);
  client_expect_error (client, 201, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, id + 1);
  g_assert_nonnull (strstr (m.u.err_msg.message, "tick"));
  au_ib_incoming_clear (&m);
  expect_status (client, id + 1, "Cancelled", &m);
  sim_kill (sim);
}

static void
test_resting_order_fills_as_the_clock_runs (void)
{
  /* Half an hour a second from 14:00: the session's last two hours in
   * four seconds. With this seed SPY comes down through the limit at
   * 14:15, steps after the order came in, whichever of the first steps
   * it met. */
  SimProcess *sim = sim_start (NULL, 0, "--clock", "2026-03-02T14:00:00-05:00",
                               "--speed", "1800", "--seed", RESTING_SEED, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbIncoming m;
  double bid, ask, limit;
  int id;

  id = expect_ready (client);
  stock_quote (client, 1, "SPY", &bid, &ask);
  limit = to_cent (bid - RESTING_BELOW);
  place_stock (client, id, "SPY", "BUY", 100, limit);
  expect_status (client, id, "Submitted", &m);
  g_assert_cmpfloat (m.u.order_status.filled, ==, 0);
  g_assert_cmpfloat (m.u.order_status.remaining, ==, 100);
  au_ib_incoming_clear (&m);

  /* It rests until the simulated price comes down to it; never filled
   * above its limit. */
  client_expect (client, AU_IB_IN_EXECUTION_DATA, &m);
  g_test_message ("limit %.2f bid %.2f fill %.2f at %s", limit, bid, m.u.execution.price,
                  m.u.execution.time);
  g_assert_cmpint (m.u.execution.order_id, ==, id);
  g_assert_cmpfloat (m.u.execution.price, <=, limit);
  g_assert_cmpint (m.u.execution.last_liquidity, ==, 1);
  g_assert_cmpstr (m.u.execution.time, >=, "20260302 14:10:00");
  g_assert_cmpstr (m.u.execution.time, <, "20260302 16:00:00");
  au_ib_incoming_clear (&m);
  expect_status (client, id, "Filled", &m);
  sim_kill (sim);
}

static void
test_open_cancel_and_completed (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) one = client_connect (sim->port, 1);
  g_autoptr(SimClient) two = client_connect (sim->port, 2);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_OPEN_ORDERS };
  AuIbIncoming m;
  double bid, ask;
  gint64 perm;
  guint seen = 0;

  expect_ready (one);
  expect_ready (two);
  stock_quote (one, 1, "MSFT", &bid, &ask);
  place_stock (one, 10, "MSFT", "BUY", 10, to_cent (bid * 0.8));
  expect_status (one, 10, "Submitted", &m);
  perm = m.u.order_status.perm_id;

  /* REQ_OPEN_ORDERS: the caller's own orders only. */
  client_send (one, &r);
  client_expect (one, AU_IB_IN_OPEN_ORDER, &m);
  g_assert_cmpint (m.u.open_order.order_id, ==, 10);
  g_assert_cmpint (m.u.open_order.perm_id, ==, perm);
  au_ib_incoming_clear (&m);
  client_expect (one, AU_IB_IN_OPEN_ORDER_END, &m);
  client_send (two, &r);
  g_assert_true (client_next (two, &m, SIM_REPLY_MS, NULL));
  g_assert_cmpint (m.id, ==, AU_IB_IN_OPEN_ORDER_END);

  /* REQ_ALL_OPEN_ORDERS (16): every client's. */
  r.id = AU_IB_OUT_REQ_ALL_OPEN_ORDERS;
  client_send (two, &r);
  client_expect (two, AU_IB_IN_OPEN_ORDER, &m);
  g_assert_cmpint (m.u.open_order.client_id, ==, 1);
  g_assert_cmpint (m.u.open_order.order_id, ==, 10);
  au_ib_incoming_clear (&m);
  client_expect (two, AU_IB_IN_ORDER_STATUS, &m);
  g_assert_cmpstr (m.u.order_status.status, ==, "Submitted");
  client_expect (two, AU_IB_IN_OPEN_ORDER_END, &m);

  /* Another client cannot cancel it (its ids are its own): 135. */
  r.id = AU_IB_OUT_CANCEL_ORDER;
  r.u.cancel_order.order_id = 10;
  r.u.cancel_order.manual_order_cancel_time = "";
  client_send (two, &r);
  client_expect_error (two, 135, &m);
  au_ib_incoming_clear (&m);

  /* Its owner can: Cancelled, then 202; a second cancel gets 161. */
  client_send (one, &r);
  expect_status (one, 10, "Cancelled", &m);
  client_expect_error (one, 202, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 10);
  au_ib_incoming_clear (&m);
  client_send (one, &r);
  client_expect_error (one, 161, &m);
  au_ib_incoming_clear (&m);

  /* A reused order id is a duplicate, whatever its state: 103. */
  place_stock (one, 10, "MSFT", "BUY", 10, to_cent (bid * 0.8));
  client_expect_error (one, 103, &m);
  au_ib_incoming_clear (&m);

  /* Global cancel: every working order of every client. */
  place_stock (one, 11, "MSFT", "BUY", 10, to_cent (bid * 0.8));
  place_stock (two, 11, "MSFT", "BUY", 10, to_cent (bid * 0.7));
  expect_status (one, 11, "Submitted", &m);
  expect_status (two, 11, "Submitted", &m);
  r.id = AU_IB_OUT_REQ_GLOBAL_CANCEL;
  client_send (one, &r);
  expect_status (one, 11, "Cancelled", &m);
  expect_status (two, 11, "Cancelled", &m);

  /* REQ_COMPLETED_ORDERS (99): the three cancelled orders. */
  r.id = AU_IB_OUT_REQ_COMPLETED_ORDERS;
  r.u.completed_orders.api_only = TRUE;
  client_send (two, &r);
  for (;;)
    {
      g_assert_true (client_next (two, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_COMPLETED_ORDERS_END)
        break;
      if (m.id == AU_IB_IN_COMPLETED_ORDER)
        {
          seen++;
          g_assert_cmpstr (m.u.completed_order.status, ==, "Cancelled");
          g_assert_cmpstr (m.u.completed_order.contract.symbol, ==, "MSFT");
          g_assert_true (g_str_has_prefix (m.u.completed_order.completed_time, "20260302 10:"));
        }
      au_ib_incoming_clear (&m);
    }
  g_assert_cmpuint (seen, ==, 3);
  sim_kill (sim);
}

typedef struct
{
  int         client_id;
  const char *symbol;
  const char *sec_type;
  const char *side;
  const char *time;
  guint       expected;
} ExecFilterCase;

static guint
count_executions (SimClient            *client,
                  int                   req_id,
                  const ExecFilterCase *f)
{
  AuIbRequest r = { .id = AU_IB_OUT_REQ_EXECUTIONS };
  AuIbIncoming m;
  guint executions = 0, commissions = 0;

  r.u.executions.req_id = req_id;
  r.u.executions.client_id = f->client_id;
  r.u.executions.account = SIM_ACCOUNT;
  r.u.executions.time = f->time;
  r.u.executions.symbol = f->symbol;
  r.u.executions.sec_type = f->sec_type;
  r.u.executions.exchange = "";
  r.u.executions.side = f->side;
  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_EXECUTION_DATA_END)
        break;
      if (m.id == AU_IB_IN_EXECUTION_DATA)
        {
          g_assert_cmpint (m.u.execution.req_id, ==, req_id);
          executions++;
        }
      else if (m.id == AU_IB_IN_COMMISSION_REPORT)
        commissions++;
      au_ib_incoming_clear (&m);
    }
  g_assert_cmpint (m.u.end.req_id, ==, req_id);
  g_assert_cmpuint (commissions, ==, executions);
  return executions;
}

static void
test_executions_from_every_client (void)
{
  static const ExecFilterCase cases[] = {
    { 0, "", "", "", "", 2 },                         /* D4: every client's */
    { 1, "", "", "", "", 1 },
    { 2, "", "", "", "", 1 },
    { 0, "MSFT", "", "", "", 1 },
    { 0, "TSLA", "", "", "", 0 },
    { 0, "", "STK", "SELL", "", 1 },
    { 0, "", "STK", "BUY", "", 1 },
    { 0, "", "OPT", "", "", 0 },
    { 0, "", "", "", "20260302 09:59:00", 2 },         /* New York time */
    { 0, "", "", "", "20260302 11:00:00 US/Eastern", 0 },
    { 0, "", "", "", "20260302-14:59:00", 2 },         /* UTC */
  };
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) one = client_connect (sim->port, 1);
  g_autoptr(SimClient) two = client_connect (sim->port, 2);
  g_autoptr(SimClient) three = NULL;
  AuIbIncoming m;
  double bid, ask;
  guint i;

  expect_ready (one);
  expect_ready (two);
  stock_quote (one, 1, "MSFT", &bid, &ask);
  place_stock (one, 1, "MSFT", "BUY", 10, to_cent (ask + 0.10));
  expect_status (one, 1, "Filled", &m);
  stock_quote (two, 1, "AAPL", &bid, &ask);
  place_stock (two, 1, "AAPL", "SELL", 50, to_cent (bid - 0.10));
  expect_status (two, 1, "Filled", &m);

  /* A third client, which placed nothing, sees both. */
  three = client_connect (sim->port, 3);
  expect_ready (three);
  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("filter %u", i);
      g_assert_cmpuint (count_executions (three, 100 + (int) i, &cases[i]), ==, cases[i].expected);
    }
  sim_kill (sim);
}

static void
test_refused_orders (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_PLACE_ORDER };
  AuIbIncoming m;

  expect_ready (client);
  /* D2.25: a market order is not taken: 387. */
  au_ib_place_order_init (&r.u.place_order);
  r.u.place_order.order_id = 1;
  contract_stock (&r.u.place_order.contract, "AAPL");
  r.u.place_order.action = "BUY";
  r.u.place_order.total_quantity = 10;
  r.u.place_order.order_type = "MKT";
  client_send (client, &r);
  client_expect_error (client, 387, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 1);
  au_ib_incoming_clear (&m);

  /* Outside the universe: 200, naming the symbol. */
  place_stock (client, 2, "ZZZZ", "BUY", 10, 10.00);
  client_expect_error (client, 200, &m);
  g_assert_nonnull (strstr (m.u.err_msg.message, "ZZZZ"));
  au_ib_incoming_clear (&m);

  /* A fractional quantity: 321, naming the field. */
  place_stock (client, 3, "AAPL", "BUY", 2.5, 10.00);
  client_expect_error (client, 321, &m);
  g_assert_nonnull (strstr (m.u.err_msg.message, "totalQuantity"));
  au_ib_incoming_clear (&m);

  /* Ids used by refused orders are used: the next valid id is above. */
  r.id = AU_IB_OUT_REQ_IDS;
  r.u.req_ids.num_ids = 1;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_NEXT_VALID_ID, &m);
  g_assert_cmpint (m.u.next_valid_id.order_id, ==, 4);
  sim_kill (sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gateway-sim/orders/marketable-fills-at-once", test_marketable_fills_at_once);
  g_test_add_func ("/gateway-sim/orders/option-commission", test_option_order_commission);
  g_test_add_func ("/gateway-sim/orders/resting-fills-as-the-clock-runs",
                   test_resting_order_fills_as_the_clock_runs);
  g_test_add_func ("/gateway-sim/orders/open-cancel-completed", test_open_cancel_and_completed);
  g_test_add_func ("/gateway-sim/orders/executions-from-every-client",
                   test_executions_from_every_client);
  g_test_add_func ("/gateway-sim/orders/refused", test_refused_orders);

  return g_test_run ();
}

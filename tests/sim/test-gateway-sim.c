/* test-gateway-sim.c: alluse-gateway-sim answers every request type (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-market-calendar.h"
#include "au-market-symbol.h"
#include "gateway-test-orders.h"

static void
test_handshake_and_time (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_CURRENT_TIME };
  AuIbIncoming m;

  /* A new account: the first order id is 1. */
  g_assert_cmpint (expect_ready (client), ==, 1);

  /* D4: CURRENT_TIME is the simulated clock, at --speed 1 from --clock. */
  client_send (client, &r);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  g_assert_cmpint (m.u.current_time.time, >=, SIM_CLOCK_UNIX);
  g_assert_cmpint (m.u.current_time.time, <, SIM_CLOCK_UNIX + 30);

  r.id = AU_IB_OUT_REQ_IDS;
  r.u.req_ids.num_ids = 1;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_NEXT_VALID_ID, &m);
  g_assert_cmpint (m.u.next_valid_id.order_id, ==, 1);

  r.id = AU_IB_OUT_REQ_MANAGED_ACCTS;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_MANAGED_ACCTS, &m);
  g_assert_cmpstr (m.u.managed_accts.accounts, ==, SIM_ACCOUNT);
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

static void
test_client_id_in_use (void)
{
  SimProcess *sim = sim_start (NULL, 0, "--account", "DU7654321", NULL);
  g_autoptr(SimClient) first = client_connect (sim->port, 5);
  g_autoptr(SimClient) second = NULL;
  g_autoptr(SimClient) other = NULL;
  g_autoptr(SimClient) again = NULL;
  AuIbIncoming m;

  client_expect (first, AU_IB_IN_MANAGED_ACCTS, &m);
  g_assert_cmpstr (m.u.managed_accts.accounts, ==, "DU7654321");
  au_ib_incoming_clear (&m);

  /* The same client id on a second connection: 326, then closed. */
  second = client_connect (sim->port, 5);
  g_assert_true (client_next (second, &m, SIM_REPLY_MS, NULL));
  g_assert_cmpint (m.id, ==, AU_IB_IN_ERR_MSG);
  g_assert_cmpint (m.u.err_msg.code, ==, 326);
  au_ib_incoming_clear (&m);
  g_assert_true (client_sees_eof (second, SIM_REPLY_MS));

  /* Any other id is served alongside the first. */
  other = client_connect (sim->port, 6);
  client_expect (other, AU_IB_IN_NEXT_VALID_ID, &m);

  /* Once the first is gone its id is free again. */
  g_clear_pointer (&first, client_free);
  g_usleep (200 * 1000);
  again = client_connect (sim->port, 5);
  client_expect (again, AU_IB_IN_MANAGED_ACCTS, &m);
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

typedef struct
{
  char    symbol[16];
  char    sec_type[8];
  char    expiry[16];
  char    right[4];
  double  strike;
  int     con_id;
  double  position;
  double  avg_cost;
} HeldPosition;

/* REQ_POSITIONS: the demo's stock and its short put. */
static guint
read_positions (SimClient    *client,
                HeldPosition *held,
                guint         max)
{
  AuIbRequest r = { .id = AU_IB_OUT_REQ_POSITIONS };
  AuIbIncoming m;
  guint n = 0;

  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_POSITION_END)
        break;
      if (m.id == AU_IB_IN_POSITION_DATA && n < max)
        {
          HeldPosition *p = &held[n++];

          g_assert_cmpstr (m.u.position.account, ==, SIM_ACCOUNT);
          g_strlcpy (p->symbol, m.u.position.contract.symbol, sizeof p->symbol);
          g_strlcpy (p->sec_type, m.u.position.contract.sec_type, sizeof p->sec_type);
          g_strlcpy (p->expiry, m.u.position.contract.last_trade_date ?: "", sizeof p->expiry);
          g_strlcpy (p->right, m.u.position.contract.right ?: "", sizeof p->right);
          p->strike = m.u.position.contract.strike;
          p->con_id = m.u.position.contract.con_id;
          p->position = m.u.position.position;
          p->avg_cost = m.u.position.avg_cost;
        }
      au_ib_incoming_clear (&m);
    }
  au_ib_incoming_clear (&m);
  return n;
}

static void
option_contract (AuIbContract       *c,
                 const HeldPosition *p)
{
  au_ib_contract_init (c);
  c->symbol = p->symbol;
  c->sec_type = "OPT";
  c->last_trade_date = p->expiry;
  c->strike = p->strike;
  c->right = p->right;
  c->multiplier = "100";
  c->exchange = "SMART";
  c->currency = "USD";
}

static gint64
cents (const char *text)
{
  double value = g_ascii_strtod (text, NULL);

  return (gint64) llround (value * 100.0);
}

static void
test_account_and_positions (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_ACCOUNT_SUMMARY };
  HeldPosition held[4];
  AuIbIncoming m;
  gint64 cash = -1, nlv = -1, portfolio = 0;
  guint n, rows = 0;

  expect_ready (client);
  n = read_positions (client, held, G_N_ELEMENTS (held));
  /* The demo account (issue 4): 100 AAPL and one short AAPL put. */
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (held[0].symbol, ==, "AAPL");
  g_assert_cmpstr (held[0].sec_type, ==, "STK");
  g_assert_cmpfloat (held[0].position, ==, 100.0);
  g_assert_cmpint (held[0].con_id, ==, 100000 + au_market_symbol_index ("AAPL"));
  g_assert_cmpstr (held[1].sec_type, ==, "OPT");
  g_assert_cmpstr (held[1].right, ==, "P");
  g_assert_cmpfloat (held[1].position, ==, -1.0);
  g_assert_cmpint (strlen (held[1].expiry), ==, 8);
  /* Average cost per contract: the premium × 100, a positive price. */
  g_assert_cmpfloat (held[1].avg_cost, >, 0.0);
  g_assert_cmpfloat (held[1].avg_cost, <, 0.1 * held[1].strike * 100.0);

  r.u.account_summary.req_id = 9;
  r.u.account_summary.group = "All";
  r.u.account_summary.tags = "TotalCashValue,NetLiquidation,AccountType,BuyingPower";
  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_ACCOUNT_SUMMARY_END)
        break;
      g_assert_cmpint (m.id, ==, AU_IB_IN_ACCOUNT_SUMMARY);
      g_assert_cmpint (m.u.account_summary.req_id, ==, 9);
      rows++;
      if (g_strcmp0 (m.u.account_summary.tag, "TotalCashValue") == 0)
        cash = cents (m.u.account_summary.value);
      else if (g_strcmp0 (m.u.account_summary.tag, "NetLiquidation") == 0)
        nlv = cents (m.u.account_summary.value);
      else
        g_assert_cmpstr (m.u.account_summary.tag, ==, "AccountType");
      au_ib_incoming_clear (&m);
    }
  g_assert_cmpint (m.u.end.req_id, ==, 9);
  /* BuyingPower needs a margin model the paper account does not have:
   * left out, as IB leaves out a tag it has no figure for. */
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpint (cash, ==, 100000 * 100);

  /* Account updates: the same net liquidation is cash plus the
   * portfolio's market values, to the cent. */
  r.id = AU_IB_OUT_REQ_ACCT_DATA;
  r.u.acct_data.subscribe = TRUE;
  r.u.acct_data.account = SIM_ACCOUNT;
  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_ACCT_DOWNLOAD_END)
        break;
      if (m.id == AU_IB_IN_PORTFOLIO_VALUE)
        portfolio += (gint64) llround (m.u.portfolio_value.market_value * 100.0);
      else if (m.id == AU_IB_IN_ACCT_UPDATE_TIME)
        g_assert_cmpstr (m.u.acct_update_time.time_stamp, ==, "10:00");
      au_ib_incoming_clear (&m);
    }
  g_assert_cmpstr (m.u.acct_download_end.account, ==, SIM_ACCOUNT);
  au_ib_incoming_clear (&m);
  g_assert_cmpint (nlv, ==, cash + portfolio);
  g_assert_cmpint (portfolio, >, 0);

  /* Another account's updates: refused, naming it. */
  r.u.acct_data.account = "DU0000000";
  client_send (client, &r);
  client_expect_error (client, 321, &m);
  g_assert_nonnull (strstr (m.u.err_msg.message, "DU0000000"));
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

static void
test_market_data (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_MKT_DATA };
  HeldPosition held[4];
  AuIbIncoming m;
  double bid = 0, ask = 0, last = 0, opt_bid = 0, opt_ask = 0;
  gboolean greeks = FALSE;

  expect_ready (client);
  g_assert_cmpuint (read_positions (client, held, G_N_ELEMENTS (held)), ==, 2);

  /* A stock snapshot: a one-cent market around the last. */
  contract_stock (&r.u.mkt_data.contract, "AAPL");
  r.u.mkt_data.req_id = 21;
  r.u.mkt_data.generic_ticks = "";
  r.u.mkt_data.snapshot = TRUE;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_MARKET_DATA_TYPE, &m);
  g_assert_cmpint (m.u.market_data_type.req_id, ==, 21);
  g_assert_cmpint (m.u.market_data_type.market_data_type, ==, 1);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_TICK_SNAPSHOT_END)
        break;
      if (m.id == AU_IB_IN_TICK_PRICE)
        {
          g_assert_cmpint (m.u.tick_price.ticker_id, ==, 21);
          if (m.u.tick_price.tick_type == 1)
            bid = m.u.tick_price.price;
          else if (m.u.tick_price.tick_type == 2)
            ask = m.u.tick_price.price;
          else if (m.u.tick_price.tick_type == 4)
            last = m.u.tick_price.price;
        }
      else if (m.id == AU_IB_IN_TICK_SIZE && m.u.tick_size.tick_type == 8)
        g_assert_cmpfloat (m.u.tick_size.size, >=, 0.0);
      au_ib_incoming_clear (&m);
    }
  g_assert_cmpint (m.u.end.req_id, ==, 21);
  g_assert_cmpfloat (bid, >, 0.0);
  g_assert_cmpfloat (fabs (ask - bid - 0.01), <, 1e-9);
  g_assert_cmpfloat (last, >=, bid);
  g_assert_cmpfloat (last, <=, ask);

  /* The short put: its quote and the model's option computation, near
   * the 0.20 delta the demo holding was picked at. */
  option_contract (&r.u.mkt_data.contract, &held[1]);
  r.u.mkt_data.req_id = 22;
  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_TICK_SNAPSHOT_END)
        break;
      if (m.id == AU_IB_IN_TICK_PRICE && m.u.tick_price.tick_type == 1)
        opt_bid = m.u.tick_price.price;
      else if (m.id == AU_IB_IN_TICK_PRICE && m.u.tick_price.tick_type == 2)
        opt_ask = m.u.tick_price.price;
      else if (m.id == AU_IB_IN_TICK_OPTION_COMPUTATION)
        {
          const AuIbTickOptionComputation *c = &m.u.tick_option_computation;

          greeks = TRUE;
          g_assert_cmpint (c->ticker_id, ==, 22);
          g_assert_cmpint (c->tick_type, ==, 13);
          g_assert_cmpfloat (c->delta, <, -0.10);
          g_assert_cmpfloat (c->delta, >, -0.35);
          g_assert_cmpfloat (c->implied_vol, >, 0.10);
          g_assert_cmpfloat (c->implied_vol, <, 1.0);
          g_assert_cmpfloat (c->gamma, >, 0.0);
          g_assert_cmpfloat (c->vega, >, 0.0);
          g_assert_cmpfloat (c->theta, <, 0.0);
          g_assert_cmpfloat (c->pv_dividend, ==, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
          g_assert_cmpfloat (fabs (c->und_price - last), <, 0.01);
          g_assert_cmpfloat (c->opt_price, >, 0.0);
        }
      au_ib_incoming_clear (&m);
    }
  g_assert_true (greeks);
  g_assert_cmpfloat (opt_bid, >, 0.0);
  g_assert_cmpfloat (opt_ask, >, opt_bid);

  /* A symbol outside the universe: 200 on the request's id. */
  contract_stock (&r.u.mkt_data.contract, "ZZZZ");
  r.u.mkt_data.req_id = 23;
  client_send (client, &r);
  client_expect_error (client, 200, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 23);
  g_assert_nonnull (strstr (m.u.err_msg.message, "ZZZZ"));
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

static int
served_type (SimClient *client,
             int        req_id)
{
  AuIbRequest r = { .id = AU_IB_OUT_REQ_MKT_DATA };
  AuIbIncoming m;

  contract_stock (&r.u.mkt_data.contract, "IWM");
  r.u.mkt_data.req_id = req_id;
  r.u.mkt_data.generic_ticks = "";
  r.u.mkt_data.snapshot = TRUE;
  client_send (client, &r);
  for (;;)
    {
      client_expect (client, AU_IB_IN_MARKET_DATA_TYPE, &m);
      if (m.u.market_data_type.req_id == req_id)
        return m.u.market_data_type.market_data_type;
    }
}

static void
test_frozen_data_out_of_session (void)
{
  /* Saturday 7 March 2026: no session. */
  SimProcess *sim = sim_start (NULL, 0, "--clock", "2026-03-07T12:00:00-05:00", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_MARKET_DATA_TYPE };
  AuIbIncoming m;

  expect_ready (client);
  /* Live asked for: the paper market's quotes are live. */
  g_assert_cmpint (served_type (client, 1), ==, 1);
  /* Frozen asked for, out of the session: frozen. */
  r.u.market_data_type.market_data_type = 2;
  client_send (client, &r);
  g_assert_cmpint (served_type (client, 2), ==, 2);
  /* Delayed asked for: the account has live data, as IB serves it. */
  r.u.market_data_type.market_data_type = 3;
  client_send (client, &r);
  g_assert_cmpint (served_type (client, 3), ==, 1);

  /* D2.17: no order on a weekend; the exchange's reason comes with 201. */
  place_stock (client, 1, "IWM", "BUY", 10, 100.00);
  client_expect_error (client, 201, &m);
  g_assert_nonnull (strstr (m.u.err_msg.message, "weekend"));
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

static void
test_streaming_follows_the_clock (void)
{
  /* An hour a second: the market steps every 83 ms of real time. */
  SimProcess *sim = sim_start (NULL, 0, "--speed", "3600", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_MKT_DATA };
  AuIbIncoming m;
  guint lasts = 0;
  gint64 end;

  expect_ready (client);
  contract_stock (&r.u.mkt_data.contract, "MSFT");
  r.u.mkt_data.req_id = 31;
  r.u.mkt_data.generic_ticks = "";
  client_send (client, &r);
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end && lasts < 5)
    {
      if (!client_next (client, &m, 500, NULL))
        continue;
      if (m.id == AU_IB_IN_TICK_PRICE && m.u.tick_price.tick_type == 4)
        lasts++;
      au_ib_incoming_clear (&m);
    }
  /* The first tick and at least four steps' updates. */
  g_assert_cmpuint (lasts, >=, 5);

  /* Cancelled: nothing more on that ticker. */
  r.id = AU_IB_OUT_CANCEL_MKT_DATA;
  r.u.cancel.req_id = 31;
  client_send (client, &r);
  g_usleep (300 * 1000);
  while (client_next (client, &m, 50, NULL))
    au_ib_incoming_clear (&m);
  g_assert_false (client_next (client, &m, 600, NULL));
  sim_kill (sim);
}

static void
test_contract_details (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_CONTRACT_DATA };
  HeldPosition held[4];
  AuIbIncoming m;
  guint puts = 0;
  gboolean found_held = FALSE;

  expect_ready (client);
  g_assert_cmpuint (read_positions (client, held, G_N_ELEMENTS (held)), ==, 2);

  contract_stock (&r.u.contract_data.contract, "AAPL");
  r.u.contract_data.req_id = 41;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_CONTRACT_DATA, &m);
  g_assert_cmpint (m.u.contract_data.req_id, ==, 41);
  g_assert_cmpint (m.u.contract_data.contract.con_id, ==, held[0].con_id);
  g_assert_cmpstr (m.u.contract_data.time_zone_id, ==, "US/Eastern");
  /* Monday 2 March 2026 is a full session. */
  g_assert_true (g_str_has_prefix (m.u.contract_data.trading_hours, "20260302:0930-20260302:1600"));
  g_assert_nonnull (strstr (m.u.contract_data.trading_hours, "20260307:CLOSED"));
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_CONTRACT_DATA_END, &m);
  g_assert_cmpint (m.u.end.req_id, ==, 41);

  /* By con id alone: the put that the positions named. */
  au_ib_contract_init (&r.u.contract_data.contract);
  r.u.contract_data.contract.con_id = held[1].con_id;
  r.u.contract_data.req_id = 42;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_CONTRACT_DATA, &m);
  g_assert_cmpstr (m.u.contract_data.contract.sec_type, ==, "OPT");
  g_assert_cmpfloat (m.u.contract_data.contract.strike, ==, held[1].strike);
  g_assert_cmpstr (m.u.contract_data.real_expiration_date, ==, held[1].expiry);
  g_assert_cmpint (m.u.contract_data.under_con_id, ==, held[0].con_id);
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_CONTRACT_DATA_END, &m);

  /* The expiry's puts, strike left out: a chain, the held one in it. */
  au_ib_contract_init (&r.u.contract_data.contract);
  r.u.contract_data.contract.symbol = "AAPL";
  r.u.contract_data.contract.sec_type = "OPT";
  r.u.contract_data.contract.last_trade_date = held[1].expiry;
  r.u.contract_data.contract.right = "P";
  r.u.contract_data.req_id = 43;
  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_CONTRACT_DATA_END)
        break;
      g_assert_cmpint (m.id, ==, AU_IB_IN_CONTRACT_DATA);
      g_assert_cmpstr (m.u.contract_data.contract.right, ==, "P");
      puts++;
      if (m.u.contract_data.contract.con_id == held[1].con_id)
        found_held = TRUE;
      au_ib_incoming_clear (&m);
    }
  g_assert_cmpuint (puts, >, 10);
  g_assert_true (found_held);

  /* A strike that is not listed: 200. */
  r.u.contract_data.contract.strike = held[1].strike + 0.37;
  r.u.contract_data.req_id = 44;
  client_send (client, &r);
  client_expect_error (client, 200, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 44);
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

static void
test_option_parameters (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS };
  HeldPosition held[4];
  AuIbIncoming m;
  gboolean has_expiry = FALSE, has_strike = FALSE;
  guint i;

  expect_ready (client);
  g_assert_cmpuint (read_positions (client, held, G_N_ELEMENTS (held)), ==, 2);
  r.u.sec_def_opt_params.req_id = 51;
  r.u.sec_def_opt_params.underlying_symbol = "AAPL";
  r.u.sec_def_opt_params.fut_fop_exchange = "";
  r.u.sec_def_opt_params.underlying_sec_type = "STK";
  r.u.sec_def_opt_params.underlying_con_id = held[0].con_id;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_SEC_DEF_OPT_PARAMS, &m);
  g_assert_cmpint (m.u.sec_def_opt_params.underlying_con_id, ==, held[0].con_id);
  g_assert_cmpstr (m.u.sec_def_opt_params.multiplier, ==, "100");
  /* Six weeklies, twelve monthlies and the LEAPs, no duplicates. */
  g_assert_cmpuint (m.u.sec_def_opt_params.n_expirations, >=, 15);
  for (i = 0; i < m.u.sec_def_opt_params.n_expirations; i++)
    {
      if (i > 0)
        g_assert_cmpstr (m.u.sec_def_opt_params.expirations[i - 1], <,
                         m.u.sec_def_opt_params.expirations[i]);
      if (g_strcmp0 (m.u.sec_def_opt_params.expirations[i], held[1].expiry) == 0)
        has_expiry = TRUE;
    }
  for (i = 0; i < m.u.sec_def_opt_params.n_strikes; i++)
    {
      if (i > 0)
        g_assert_cmpfloat (m.u.sec_def_opt_params.strikes[i - 1], <,
                           m.u.sec_def_opt_params.strikes[i]);
      if (m.u.sec_def_opt_params.strikes[i] == held[1].strike)
        has_strike = TRUE;
    }
  g_assert_true (has_expiry);
  g_assert_true (has_strike);
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_SEC_DEF_OPT_PARAMS_END, &m);
  g_assert_cmpint (m.u.end.req_id, ==, 51);
  sim_kill (sim);
}

static void
test_historical_bars (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_HISTORICAL_DATA };
  AuIbIncoming m;
  GDate day;
  guint sessions = 0, i;

  expect_ready (client);
  contract_stock (&r.u.historical_data.contract, "SPY");
  r.u.historical_data.req_id = 61;
  r.u.historical_data.end_date_time = "";
  r.u.historical_data.bar_size = "1 day";
  r.u.historical_data.duration = "30 D";
  r.u.historical_data.use_rth = TRUE;
  r.u.historical_data.what_to_show = "TRADES";
  r.u.historical_data.format_date = 1;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_HISTORICAL_DATA, &m);

  /* 30 calendar days to Monday 2 March 2026: every NYSE session from
   * 1 February on, today's in progress included. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_FEBRUARY, 2026);
  for (; g_date_get_month (&day) != G_DATE_MARCH || g_date_get_day (&day) <= 2;
       g_date_add_days (&day, 1))
    if (au_nyse_is_trading_day (&day))
      sessions++;
  g_assert_cmpuint (sessions, ==, 20);   /* Presidents' Day, 16 February, is closed */
  g_assert_cmpuint (m.u.historical_data.n_bars, ==, sessions);
  g_assert_cmpstr (m.u.historical_data.bars[0].date, ==, "20260202");
  g_assert_cmpstr (m.u.historical_data.bars[sessions - 1].date, ==, "20260302");
  for (i = 0; i < m.u.historical_data.n_bars; i++)
    {
      const AuIbBar *b = &m.u.historical_data.bars[i];

      g_assert_cmpstr (b->date, !=, "20260216");
      g_assert_cmpfloat (b->low, <=, b->open);
      g_assert_cmpfloat (b->low, <=, b->close);
      g_assert_cmpfloat (b->high, >=, b->open);
      g_assert_cmpfloat (b->high, >=, b->close);
      g_assert_cmpfloat (b->volume, >=, 0.0);
    }
  au_ib_incoming_clear (&m);

  /* A bar size the simulator does not keep: 321, naming it. */
  r.u.historical_data.req_id = 62;
  r.u.historical_data.bar_size = "5 mins";
  client_send (client, &r);
  client_expect_error (client, 321, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 62);
  g_assert_nonnull (strstr (m.u.err_msg.message, "5 mins"));
  au_ib_incoming_clear (&m);
  sim_kill (sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gateway-sim/handshake-and-time", test_handshake_and_time);
  g_test_add_func ("/gateway-sim/client-id-in-use", test_client_id_in_use);
  g_test_add_func ("/gateway-sim/account-and-positions", test_account_and_positions);
  g_test_add_func ("/gateway-sim/market-data", test_market_data);
  g_test_add_func ("/gateway-sim/frozen-data-out-of-session", test_frozen_data_out_of_session);
  g_test_add_func ("/gateway-sim/streaming-follows-the-clock", test_streaming_follows_the_clock);
  g_test_add_func ("/gateway-sim/contract-details", test_contract_details);
  g_test_add_func ("/gateway-sim/option-parameters", test_option_parameters);
  g_test_add_func ("/gateway-sim/historical-bars", test_historical_bars);

  return g_test_run ();
}

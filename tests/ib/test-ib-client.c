/* test-ib-client.c: the IB client against a scripted TWS peer (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-ib-client.h"
#include "au-ib-frame.h"
#include "ib-test-server.h"

typedef struct
{
  IbTestServer *server;
  AuIbClient   *client;
  GPtrArray    *notices;     /* char*: "code message" */
  GArray       *codes;       /* int */
  GPtrArray    *updates;     /* AuOrderUpdate */
  GPtrArray    *executions;  /* AuExecution */
  GArray       *states;      /* AuBrokerState */
  GAsyncResult *result;
  /* What the script does. */
  gboolean      refuse_live;     /* 354 on a live market data request */
  gboolean      advisory_10167;  /* 10167, then delayed ticks */
  gboolean      option_sentinels;
  gboolean      close_on_start;  /* drop the 2nd connection before it is ready */
  int           next_id_after_restart;
  GPtrArray    *expiries;        /* AuExpiryEvent */
} Fixture;

/* The positions the script answers: 0 as held, 1 after the puts were
 * assigned, 2 after they expired (the script sees only the server). */
static int f_after_expiry;

static void
on_notice (AuBroker   *broker,
           int         code,
           const char *message,
           Fixture    *f)
{
  g_ptr_array_add (f->notices, g_strdup_printf ("%d %s", code, message));
  g_array_append_val (f->codes, code);
}

static void
on_update (AuBroker            *broker,
           const AuOrderUpdate *update,
           Fixture             *f)
{
  g_ptr_array_add (f->updates, au_order_update_copy (update));
}

static void
on_execution (AuBroker          *broker,
              const AuExecution *execution,
              Fixture           *f)
{
  g_ptr_array_add (f->executions, au_execution_copy (execution));
}

static void
on_state (AuBroker *broker,
          Fixture  *f)
{
  AuBrokerState state = au_broker_get_state (broker);

  g_array_append_val (f->states, state);
}

static gboolean
has_code (Fixture *f,
          int      code)
{
  for (guint i = 0; i < f->codes->len; i++)
    if (g_array_index (f->codes, int, i) == code)
      return TRUE;
  return FALSE;
}

static const char *
notice_with (Fixture    *f,
             const char *needle)
{
  for (guint i = 0; i < f->notices->len; i++)
    if (strstr (g_ptr_array_index (f->notices, i), needle) != NULL)
      return g_ptr_array_index (f->notices, i);
  return NULL;
}

static gboolean script (IbTestServer *server, const AuIbRequest *req, gpointer data);

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = ib_test_server_new (script, f);
  f->client = au_ib_client_new ("127.0.0.1", ib_test_server_get_port (f->server), 7);
  au_ib_client_set_timeouts (f->client, 3000, 50, 2000);
  f->notices = g_ptr_array_new_with_free_func (g_free);
  f->codes = g_array_new (FALSE, FALSE, sizeof (int));
  f->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  f->executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  f->states = g_array_new (FALSE, FALSE, sizeof (AuBrokerState));
  f->expiries = g_ptr_array_new_with_free_func ((GDestroyNotify) au_expiry_event_free);
  f_after_expiry = 0;
  g_signal_connect (f->client, "notice", G_CALLBACK (on_notice), f);
  g_signal_connect (f->client, "order-updated", G_CALLBACK (on_update), f);
  g_signal_connect (f->client, "execution", G_CALLBACK (on_execution), f);
  g_signal_connect (f->client, "state-changed", G_CALLBACK (on_state), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  au_broker_disconnect (AU_BROKER (f->client));
  g_clear_object (&f->client);
  ib_test_server_free (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->result);
  g_ptr_array_unref (f->notices);
  g_array_unref (f->codes);
  g_ptr_array_unref (f->updates);
  g_ptr_array_unref (f->executions);
  g_array_unref (f->states);
  g_ptr_array_unref (f->expiries);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Fixture *f = data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  IB_WAIT_UNTIL (f->result != NULL, 5000);
  g_assert_nonnull (f->result);
  return f->result;
}

static void
connect_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  au_broker_connect_async (AU_BROKER (f->client), NULL, on_result, f);
  g_assert_true (au_broker_connect_finish (AU_BROKER (f->client), wait_result (f), &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);
}

/* The scripted gateway */

static void
send_tick (IbTestServer *server,
           int           ticker,
           int           type,
           double        price)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_PRICE };

  m.u.tick_price = (AuIbTickPrice) { ticker, type, price, 100, 0 };
  ib_test_server_send (server, &m);
}

static void
send_end (IbTestServer *server,
          AuIbInId      id,
          int           req_id)
{
  AuIbIncoming m = { .id = id };

  m.u.end.req_id = req_id;
  ib_test_server_send (server, &m);
}

static void
answer_mkt_data (Fixture           *f,
                 IbTestServer      *server,
                 const AuIbRequest *req)
{
  const AuIbReqMktData *md = &req->u.mkt_data;
  gboolean delayed = ib_test_server_count (server, AU_IB_OUT_REQ_MARKET_DATA_TYPE, 0) > 0;
  AuIbIncoming m = { 0 };

  if (!md->snapshot)
    return;   /* streaming lines: the tests send ticks themselves */
  if (f->refuse_live && !delayed)
    {
      ib_test_server_send_error (server, md->req_id, 354,
                                 "Requested market data is not subscribed.");
      return;
    }
  if (f->advisory_10167)
    ib_test_server_send_error (server, md->req_id, 10167,
                               "Requested market data is not subscribed. Displaying delayed market data.");
  if (delayed || f->advisory_10167)
    {
      m.id = AU_IB_IN_MARKET_DATA_TYPE;
      m.u.market_data_type = (AuIbMarketDataType) { md->req_id, 3 };
      ib_test_server_send (server, &m);
      send_tick (server, md->req_id, 66, 189.50);
      send_tick (server, md->req_id, 67, 189.60);
      send_tick (server, md->req_id, 68, 189.55);
    }
  else if (g_strcmp0 (md->contract.sec_type, "OPT") == 0)
    {
      send_tick (server, md->req_id, 1, 2.40);
      send_tick (server, md->req_id, 2, 2.50);
      m.id = AU_IB_IN_TICK_OPTION_COMPUTATION;
      if (f->option_sentinels)
        m.u.tick_option_computation = (AuIbTickOptionComputation) {
          md->req_id, 13, 0, -1, -2, -1, -1, 0.031, -2, -2, 190.0 };
      else
        m.u.tick_option_computation = (AuIbTickOptionComputation) {
          md->req_id, 13, 0, 0.285, -0.30, 2.45, 0.0, 0.031, 0.21, -0.07, 190.0 };
      ib_test_server_send (server, &m);
      /* A bid computation after the model's must not replace it. */
      m.u.tick_option_computation.tick_type = 10;
      m.u.tick_option_computation.delta = -0.99;
      ib_test_server_send (server, &m);
    }
  else
    {
      send_tick (server, md->req_id, 1, 189.50);
      send_tick (server, md->req_id, 2, 189.60);
      send_tick (server, md->req_id, 4, 189.55);
    }
  send_end (server, AU_IB_IN_TICK_SNAPSHOT_END, md->req_id);
}

static void
answer_account (IbTestServer *server,
                int           req_id)
{
  AuIbIncoming m = { .id = AU_IB_IN_ACCOUNT_SUMMARY };

  m.u.account_summary = (AuIbAccountSummary) { req_id, "DU1234567", "TotalCashValue",
                                               "100000.00", "USD" };
  ib_test_server_send (server, &m);
  m.u.account_summary = (AuIbAccountSummary) { req_id, "DU1234567", "NetLiquidation",
                                               "250000.555", "USD" };
  ib_test_server_send (server, &m);
  send_end (server, AU_IB_IN_ACCOUNT_SUMMARY_END, req_id);
}

static void
answer_positions (IbTestServer *server)
{
  AuIbIncoming m = { .id = AU_IB_IN_POSITION_DATA };

  au_ib_contract_init (&m.u.position.contract);
  m.u.position.account = "DU1234567";
  m.u.position.contract.con_id = 265598;
  m.u.position.contract.symbol = "AAPL";
  m.u.position.contract.sec_type = "STK";
  m.u.position.contract.strike = 0;
  m.u.position.contract.currency = "USD";
  /* An assignment of the 2 puts at 180 delivers 200 shares (R7.2). */
  m.u.position.position = f_after_expiry == 1 ? 300 : 100;
  m.u.position.avg_cost = 150.25;
  ib_test_server_send (server, &m);
  if (f_after_expiry != 0)
    {
      m.id = AU_IB_IN_POSITION_END;
      ib_test_server_send (server, &m);
      return;
    }

  m.u.position.contract.sec_type = "OPT";
  m.u.position.contract.last_trade_date = "20261218";
  m.u.position.contract.strike = 180;
  m.u.position.contract.right = "P";
  m.u.position.contract.multiplier = "100";
  m.u.position.position = -2;
  m.u.position.avg_cost = 250.0;   /* per contract: $2.50 a share */
  ib_test_server_send (server, &m);

  m.id = AU_IB_IN_POSITION_END;
  ib_test_server_send (server, &m);
}

static void
answer_bars (IbTestServer *server,
             int           req_id)
{
  static const char *dates[] = { "20261120", "20261123", "20261124", "20261125",
                                 "20261127", "20261130", "20261201" };
  static const double ohlc[][4] = {
    { 100, 102, 99, 101 }, { 101, 103, 100, 102 }, { 102, 104, 101, 103 },
    { 103, 103.5, 100.5, 101 }, { 101, 102, 98, 99 }, { 99, 101, 97.5, 100 },
    { 100, 101, 99, 100.5 },
  };
  AuIbBar bars[G_N_ELEMENTS (dates)];
  AuIbIncoming m = { .id = AU_IB_IN_HISTORICAL_DATA };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    bars[i] = (AuIbBar) { dates[i], ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3],
                          1000000 + i, ohlc[i][3], 5000 };
  m.u.historical_data = (AuIbHistoricalData) { req_id, "20261101", "20261201", bars,
                                               G_N_ELEMENTS (bars) };
  ib_test_server_send (server, &m);
  m.u.historical_data.bars = NULL;
}

static gboolean
script (IbTestServer      *server,
        const AuIbRequest *req,
        gpointer           data)
{
  Fixture *f = data;

  switch ((int) req->id)
    {
    case AU_IB_OUT_START_API:
      if (f->close_on_start && ib_test_server_n_connections (server) == 2)
        {
          ib_test_server_close (server);
          return TRUE;
        }
      if (f->next_id_after_restart > 0 && ib_test_server_n_connections (server) > 1)
        ib_test_server_set_ready (server, TRUE, TRUE, f->next_id_after_restart);
      return FALSE;
    case AU_IB_OUT_REQ_MKT_DATA:
      answer_mkt_data (f, server, req);
      return TRUE;
    case AU_IB_OUT_REQ_ACCOUNT_SUMMARY:
      answer_account (server, req->u.account_summary.req_id);
      return TRUE;
    case AU_IB_OUT_REQ_POSITIONS:
      answer_positions (server);
      return TRUE;
    case AU_IB_OUT_REQ_HISTORICAL_DATA:
      answer_bars (server, req->u.historical_data.req_id);
      return TRUE;
    case AU_IB_OUT_REQ_CONTRACT_DATA:
      {
        AuIbIncoming m = { .id = AU_IB_IN_CONTRACT_DATA };

        au_ib_contract_init (&m.u.contract_data.contract);
        m.u.contract_data.req_id = req->u.contract_data.req_id;
        m.u.contract_data.contract.con_id = 265598;
        m.u.contract_data.contract.symbol = "AAPL";
        m.u.contract_data.contract.sec_type = "STK";
        m.u.contract_data.contract.strike = 0;
        m.u.contract_data.agg_group = AU_IB_UNSET_INT;
        ib_test_server_send (server, &m);
        send_end (server, AU_IB_IN_CONTRACT_DATA_END, req->u.contract_data.req_id);
        return TRUE;
      }
    case AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS:
      {
        AuIbIncoming m = { .id = AU_IB_IN_SEC_DEF_OPT_PARAMS };
        const char *cboe_exp[] = { "20261204" };
        const char *smart_exp[] = { "20261218", "20261204", "20270115" };
        double cboe_strikes[] = { 190 };
        double smart_strikes[] = { 185, 180, 187.5, 190 };

        m.u.sec_def_opt_params = (AuIbSecDefOptParams) {
          req->u.sec_def_opt_params.req_id, "CBOE", 265598, "AAPL", "100",
          cboe_exp, 1, cboe_strikes, 1 };
        ib_test_server_send (server, &m);
        m.u.sec_def_opt_params = (AuIbSecDefOptParams) {
          req->u.sec_def_opt_params.req_id, "SMART", 265598, "AAPL", "100",
          smart_exp, 3, smart_strikes, 4 };
        ib_test_server_send (server, &m);
        send_end (server, AU_IB_IN_SEC_DEF_OPT_PARAMS_END, req->u.sec_def_opt_params.req_id);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* Tests */

static void
test_handshake (Fixture       *f,
                gconstpointer  data)
{
  static const guint8 expected[] = { 'A', 'P', 'I', 0, 0, 0, 0, 9,
                                     'v', '1', '0', '0', '.', '.', '1', '7', '6' };
  GBytes *hello;
  const IbRecorded *start;

  connect_ok (f);
  hello = ib_test_server_get_hello (f->server);
  g_assert_nonnull (hello);
  g_assert_cmpmem (g_bytes_get_data (hello, NULL), g_bytes_get_size (hello),
                   expected, sizeof expected);

  start = ib_test_server_last (f->server, AU_IB_OUT_START_API);
  g_assert_nonnull (start);
  g_assert_cmpint (start->req_id, ==, 7);
  /* START_API is the first message, the clock's question the second (D4). */
  g_assert_cmpint (((IbRecorded *) g_ptr_array_index (ib_test_server_get_log (f->server), 0))->id,
                   ==, AU_IB_OUT_START_API);
  g_assert_cmpint (((IbRecorded *) g_ptr_array_index (ib_test_server_get_log (f->server), 1))->id,
                   ==, AU_IB_OUT_REQ_CURRENT_TIME);
  g_assert_cmpint (au_ib_client_get_server_version (f->client), ==, 176);
  g_assert_cmpstr (au_ib_client_get_accounts (f->client), ==, "DU1234567");
  g_assert_cmpint (au_ib_client_get_next_order_id (f->client), ==, 1);
  /* The gateway's clock: 2026-12-01 15:00:00 UTC, carried forward. */
  g_assert_cmpint (au_broker_get_now (AU_BROKER (f->client)), >=, G_GINT64_CONSTANT (1796137200000000));
  g_assert_cmpint (au_broker_get_now (AU_BROKER (f->client)), <, G_GINT64_CONSTANT (1796137205000000));
  /* 2104 is information, not a notice for the user. */
  g_assert_false (has_code (f, 2104));
}

static void
check_not_ready (Fixture    *f,
                 const char *missing)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  au_ib_client_set_timeouts (f->client, 400, 50, 2000);
  au_broker_connect_async (AU_BROKER (f->client), NULL, on_result, f);
  g_assert_false (au_broker_connect_finish (AU_BROKER (f->client), wait_result (f), &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400000);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_assert_nonnull (strstr (error->message, "API connection failed"));
  g_assert_nonnull (strstr (error->message, "within 0.4 s"));
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_DISCONNECTED);
}

static void
test_ready_needs_accounts (Fixture       *f,
                           gconstpointer  data)
{
  ib_test_server_set_ready (f->server, FALSE, TRUE, 1);
  check_not_ready (f, "managed accounts");
}

static void
test_ready_needs_next_id (Fixture       *f,
                          gconstpointer  data)
{
  ib_test_server_set_ready (f->server, TRUE, FALSE, 1);
  check_not_ready (f, "next order id");
}

static void
test_not_running (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AuIbClient) client = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  /* A port nobody listens on: take one, then give it back. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  client = au_ib_client_new ("127.0.0.1", port, 7);
  au_broker_connect_async (AU_BROKER (client), NULL, on_result, f);
  g_assert_false (au_broker_connect_finish (AU_BROKER (client), wait_result (f), &error));
  g_assert_nonnull (strstr (error->message, "not running"));
}

static void
test_client_id_in_use (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ib_test_server_set_ready (f->server, FALSE, FALSE, 1);
  au_broker_connect_async (AU_BROKER (f->client), NULL, on_result, f);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_START_API, 0) == 1, 2000);
  ib_test_server_send_error (f->server, -1, 326, "Unable to connect as the client id is already in use.");
  g_assert_false (au_broker_connect_finish (AU_BROKER (f->client), wait_result (f), &error));
  g_assert_nonnull (strstr (error->message, "same client id"));
  g_assert_true (has_code (f, 326));
}

static void
test_account_and_positions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBrokerAccount) account = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  const AuBrokerPosition *p;

  connect_ok (f);
  au_broker_account_async (AU_BROKER (f->client), NULL, on_result, f);
  account = au_broker_account_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpstr (account->account, ==, "DU1234567");
  g_assert_cmpint (account->cash, ==, 10000000);
  /* 250000.555 → banker's rounding to the even cent. */
  g_assert_cmpint (account->net_liquidation, ==, 25000056);
  g_assert_cmpstr (ib_test_server_last (f->server, AU_IB_OUT_REQ_ACCOUNT_SUMMARY)->text, ==,
                   "TotalCashValue,NetLiquidation");
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY, 0) == 1, 1000);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY, 0), ==, 1);

  au_broker_positions_async (AU_BROKER (f->client), NULL, on_result, f);
  positions = au_broker_positions_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (positions->len, ==, 2);
  p = g_ptr_array_index (positions, 0);
  g_assert_cmpint (p->contract.sec_type, ==, AU_SEC_STOCK);
  g_assert_cmpint (p->quantity, ==, 100);
  g_assert_cmpint (p->average_cost, ==, 1502500);
  p = g_ptr_array_index (positions, 1);
  g_assert_cmpint (p->contract.sec_type, ==, AU_SEC_OPTION);
  g_assert_cmpint (p->contract.right, ==, AU_OPTION_PUT);
  g_assert_cmpint (p->contract.strike, ==, 1800000);
  g_assert_cmpint (g_date_get_day (&p->contract.expiry), ==, 18);
  g_assert_cmpint (p->quantity, ==, -2);
  g_assert_cmpint (p->average_cost, ==, 25000);

  /* reqAccountUpdates keeps a running copy of the same two values. */
  g_assert_null (au_ib_client_get_account_cache (f->client));
  g_assert_true (au_ib_client_set_account_updates (f->client, TRUE, &error));
  g_assert_no_error (error);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_ACCT_DATA, 0) == 1, 2000);
  {
    AuIbIncoming m = { .id = AU_IB_IN_ACCT_VALUE };

    m.u.acct_value = (AuIbAcctValue) { "TotalCashValue", "99876.54", "USD", "DU1234567" };
    ib_test_server_send (f->server, &m);
    m.u.acct_value = (AuIbAcctValue) { "NetLiquidation", "251234.5", "USD", "DU1234567" };
    ib_test_server_send (f->server, &m);
    /* The base-currency duplicate is not a second account. */
    m.u.acct_value = (AuIbAcctValue) { "NetLiquidation", "1", "BASE", "DU1234567" };
    ib_test_server_send (f->server, &m);
  }
  IB_WAIT_UNTIL (au_ib_client_get_account_cache (f->client) != NULL
                 && au_ib_client_get_account_cache (f->client)->net_liquidation != 0, 2000);
  g_assert_cmpint (au_ib_client_get_account_cache (f->client)->cash, ==, 9987654);
  g_assert_cmpint (au_ib_client_get_account_cache (f->client)->net_liquidation, ==, 25123450);
}

static void
test_quote_live (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;

  connect_ok (f);
  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, on_result, f);
  quote = au_broker_quote_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpint (quote->bid, ==, 1895000);
  g_assert_cmpint (quote->ask, ==, 1896000);
  g_assert_cmpint (quote->last, ==, 1895500);
  g_assert_false (quote->delayed);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_REQ_MKT_DATA)->number, ==, 1);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_MARKET_DATA_TYPE, 0), ==, 0);
}

static void
test_quote_delayed_fallback (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;

  f->refuse_live = TRUE;
  connect_ok (f);
  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, on_result, f);
  quote = au_broker_quote_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_true (quote->delayed);
  g_assert_cmpint (quote->bid, ==, 1895000);
  g_assert_cmpint (quote->last, ==, 1895500);
  /* Type 3 asked for once, the request sent again, the user told. */
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_MARKET_DATA_TYPE, 0), ==, 1);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_REQ_MARKET_DATA_TYPE)->number, ==, 3);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 0), ==, 2);
  g_assert_true (has_code (f, 354));
  g_assert_nonnull (notice_with (f, "delayed market data"));
  g_assert_true (au_ib_client_is_delayed (f->client));
}

static void
test_quote_advisory_10167 (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;

  f->advisory_10167 = TRUE;
  connect_ok (f);
  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, on_result, f);
  quote = au_broker_quote_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_true (quote->delayed);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 0), ==, 1);
  g_assert_true (has_code (f, 10167));
}

static AuIbTicks
option_ticks (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AuContract contract;
  GDate expiry;
  AuIbTicks ticks;

  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, 18, G_DATE_DECEMBER, 2026);
  au_contract_init_option (&contract, "AAPL", AU_OPTION_PUT, 1800000, &expiry);
  au_ib_client_ticks_async (f->client, &contract, NULL, on_result, f);
  au_contract_clear (&contract);
  g_assert_true (au_ib_client_ticks_finish (f->client, wait_result (f), &ticks, &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);
  return ticks;
}

static void
test_option_greeks (Fixture       *f,
                    gconstpointer  data)
{
  AuIbTicks ticks;

  connect_ok (f);
  ticks = option_ticks (f);
  g_assert_true (ticks.has_greeks);
  g_assert_cmpint (ticks.bid, ==, 24000);
  g_assert_cmpint (ticks.ask, ==, 25000);
  g_assert_cmpfloat (ticks.implied_vol, ==, 0.285);
  /* The model's delta, not the later bid computation's -0.99. */
  g_assert_cmpfloat (ticks.delta, ==, -0.30);
  g_assert_cmpfloat (ticks.gamma, ==, 0.031);
  g_assert_cmpfloat (ticks.vega, ==, 0.21);
  g_assert_cmpfloat (ticks.theta, ==, -0.07);
  g_assert_cmpfloat (ticks.model_price, ==, 2.45);
}

static void
test_option_greek_sentinels (Fixture       *f,
                             gconstpointer  data)
{
  AuIbTicks ticks;

  f->option_sentinels = TRUE;
  connect_ok (f);
  ticks = option_ticks (f);
  g_assert_true (ticks.has_greeks);
  /* -1 and -2 mean "not computed": NAN, never a number. */
  g_assert_true (isnan (ticks.implied_vol));
  g_assert_true (isnan (ticks.delta));
  g_assert_true (isnan (ticks.model_price));
  g_assert_true (isnan (ticks.vega));
  g_assert_true (isnan (ticks.theta));
  g_assert_cmpfloat (ticks.gamma, ==, 0.031);
  g_assert_cmpfloat (ticks.underlying_price, ==, 190.0);
}

static void
test_option_params_and_bars (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuIbOptionParams) params = NULL;
  g_autoptr(GArray) bars = NULL;
  const AuDailyBar *last;

  connect_ok (f);
  au_ib_client_option_params_async (f->client, "AAPL", NULL, on_result, f);
  params = au_ib_client_option_params_finish (f->client, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpint (params->underlying_con_id, ==, 265598);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS)->number, ==, 265598);
  /* SMART's row, sorted. */
  g_assert_cmpuint (params->expiries->len, ==, 3);
  g_assert_cmpint (g_date_get_day (&g_array_index (params->expiries, GDate, 0)), ==, 4);
  g_assert_cmpuint (params->strikes->len, ==, 4);
  g_assert_cmpint (g_array_index (params->strikes, AuPrice, 0), ==, 1800000);
  g_assert_cmpint (g_array_index (params->strikes, AuPrice, 2), ==, 1875000);
  g_assert_cmpint (params->multiplier, ==, 100);

  au_broker_bars_async (AU_BROKER (f->client), "AAPL", 5, NULL, on_result, f);
  bars = au_broker_bars_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  /* The gateway's clock says 2026-12-01 10:00 in New York: today's bar
   * is not complete and is left out; the five before it remain. */
  g_assert_cmpuint (bars->len, ==, 5);
  g_assert_cmpint (g_date_get_day (&g_array_index (bars, AuDailyBar, 0).date), ==, 23);
  last = &g_array_index (bars, AuDailyBar, 4);
  g_assert_cmpint (g_date_get_day (&last->date), ==, 30);
  g_assert_cmpint (last->high, ==, 1010000);
  g_assert_cmpint (last->low, ==, 975000);
  g_assert_cmpint (last->close, ==, 1000000);
  g_assert_cmpstr (ib_test_server_last (f->server, AU_IB_OUT_REQ_HISTORICAL_DATA)->text, ==, "17 D");
}

static AuOrderRequest
put_order (const char *id)
{
  AuOrderRequest req = { 0 };
  GDate expiry;

  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, 18, G_DATE_DECEMBER, 2026);
  req.client_order_id = g_strdup (id);
  au_contract_init_option (&req.contract, "AAPL", AU_OPTION_PUT, 1800000, &expiry);
  req.side = AU_SIDE_SELL;
  req.quantity = 2;
  req.limit = 24500;
  return req;
}

static void
send_order_status (IbTestServer *server,
                   int           order_id,
                   const char   *status,
                   double        filled,
                   double        remaining,
                   double        avg)
{
  AuIbIncoming m = { .id = AU_IB_IN_ORDER_STATUS };

  m.u.order_status = (AuIbOrderStatus) { order_id, status, filled, remaining, avg, 9001, 0,
                                         avg, 7, "", 0 };
  ib_test_server_send (server, &m);
}

static void
send_open_order (IbTestServer *server,
                 int           order_id,
                 const char   *ref,
                 const char   *status)
{
  AuIbIncoming m = { .id = AU_IB_IN_OPEN_ORDER };
  AuIbOpenOrder *o = &m.u.open_order;

  au_ib_contract_init (&o->contract);
  o->order_id = order_id;
  o->contract.con_id = 700001;
  o->contract.symbol = "AAPL";
  o->contract.sec_type = "OPT";
  o->contract.last_trade_date = "20261218";
  o->contract.strike = 180;
  o->contract.right = "P";
  o->contract.multiplier = "100";
  o->contract.exchange = "SMART";
  o->contract.currency = "USD";
  o->action = "SELL";
  o->total_quantity = 2;
  o->order_type = "LMT";
  o->lmt_price = 2.45;
  o->aux_price = AU_IB_UNSET_DOUBLE;
  o->tif = "DAY";
  o->account = "DU1234567";
  o->order_ref = ref;
  o->client_id = 7;
  o->perm_id = 9001;
  o->status = status;
  o->init_margin_change = AU_IB_DBL_MAX_LITERAL;
  o->maint_margin_change = AU_IB_DBL_MAX_LITERAL;
  o->equity_with_loan_change = AU_IB_DBL_MAX_LITERAL;
  o->init_margin_after = AU_IB_DBL_MAX_LITERAL;
  o->maint_margin_after = AU_IB_DBL_MAX_LITERAL;
  o->equity_with_loan_after = AU_IB_DBL_MAX_LITERAL;
  o->commission = AU_IB_UNSET_DOUBLE;
  o->min_commission = AU_IB_UNSET_DOUBLE;
  o->max_commission = AU_IB_UNSET_DOUBLE;
  o->commission_currency = "";
  o->warning_text = "";
  ib_test_server_send (server, &m);
}

static void
send_fill (IbTestServer *server,
           int           req_id,
           int           order_id,
           const char   *ref,
           const char   *exec_id)
{
  AuIbIncoming m = { .id = AU_IB_IN_EXECUTION_DATA };
  AuIbExecution *e = &m.u.execution;

  au_ib_contract_init (&e->contract);
  e->req_id = req_id;
  e->order_id = order_id;
  e->contract.con_id = 700001;
  e->contract.symbol = "AAPL";
  e->contract.sec_type = "OPT";
  e->contract.last_trade_date = "20261218";
  e->contract.strike = 180;
  e->contract.right = "P";
  e->contract.multiplier = "100";
  e->contract.exchange = "SMART";
  e->contract.currency = "USD";
  e->exec_id = exec_id;
  e->time = "20261201 10:05:00 America/New_York";
  e->account = "DU1234567";
  e->exec_exchange = "CBOE";
  e->side = "SLD";
  e->shares = 2;
  e->price = 2.45;
  e->perm_id = 9001;
  e->client_id = 7;
  e->cum_qty = 2;
  e->avg_price = 2.45;
  e->order_ref = ref;
  e->ev_rule = "";
  e->ev_multiplier = 0;
  e->model_code = "";
  e->last_liquidity = 2;
  ib_test_server_send (server, &m);
}

static void
send_commission (IbTestServer *server,
                 const char   *exec_id,
                 double        amount)
{
  AuIbIncoming m = { .id = AU_IB_IN_COMMISSION_REPORT };

  m.u.commission_report = (AuIbCommissionReport) { exec_id, amount, "USD",
                                                   AU_IB_UNSET_DOUBLE, AU_IB_UNSET_DOUBLE, 0 };
  ib_test_server_send (server, &m);
}

static const AuOrderUpdate *
last_update (Fixture *f)
{
  g_assert_cmpuint (f->updates->len, >, 0);
  return g_ptr_array_index (f->updates, f->updates->len - 1);
}

static void
test_order_life (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest req = put_order ("CO-0001");
  const IbRecorded *sent;
  const AuExecution *exec;

  ib_test_server_set_ready (f->server, TRUE, TRUE, 41);
  connect_ok (f);
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  g_assert_no_error (error);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_PENDING);
  /* The same client order id twice: refused, nothing sent. */
  g_assert_false (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_DUPLICATE);
  g_clear_error (&error);

  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 0) == 1, 2000);
  sent = ib_test_server_last (f->server, AU_IB_OUT_PLACE_ORDER);
  g_assert_cmpint (sent->req_id, ==, 41);
  g_assert_cmpstr (sent->text, ==, "CO-0001");
  g_assert_cmpfloat (sent->price, ==, 2.45);
  g_assert_cmpfloat (sent->quantity, ==, 2);

  send_open_order (f->server, 41, "CO-0001", "Submitted");
  send_order_status (f->server, 41, "Submitted", 0, 2, 0);
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_WORKING, 2000);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_WORKING);
  g_assert_cmpint (last_update (f)->broker_order_id, ==, 41);

  /* A cancel IB cannot carry out leaves the order working. */
  g_assert_true (au_broker_cancel_order (AU_BROKER (f->client), "CO-0001", &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_ORDER, 0) == 1, 2000);
  ib_test_server_send_error (f->server, 41, 10148, "OrderId 41 that needs to be cancelled can not be cancelled, state: PendingSubmit.");
  IB_WAIT_UNTIL (has_code (f, 10148), 2000);
  g_assert_true (has_code (f, 10148));
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_WORKING);

  send_fill (f->server, -1, 41, "CO-0001", "0000e0d5.6571a3b1.01.01");
  send_order_status (f->server, 41, "Filled", 2, 0, 2.45);
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_FILLED, 2000);
  g_assert_cmpint (last_update (f)->filled, ==, 2);
  g_assert_cmpint (last_update (f)->average_price, ==, 24500);
  /* The fill waits for its commission. */
  g_assert_cmpuint (f->executions->len, ==, 0);

  send_commission (f->server, "0000e0d5.6571a3b1.01.01", 1.3);
  IB_WAIT_UNTIL (f->executions->len == 1, 2000);
  g_assert_cmpuint (f->executions->len, ==, 1);
  exec = g_ptr_array_index (f->executions, 0);
  g_assert_cmpstr (exec->exec_id, ==, "0000e0d5.6571a3b1.01.01");
  g_assert_cmpstr (exec->client_order_id, ==, "CO-0001");
  g_assert_cmpint (exec->broker_order_id, ==, 41);
  g_assert_cmpint (exec->side, ==, AU_SIDE_SELL);
  g_assert_cmpint (exec->quantity, ==, 2);
  g_assert_cmpint (exec->price, ==, 24500);
  g_assert_cmpint (exec->commission, ==, 130);
  g_assert_cmpint (exec->contract.strike, ==, 1800000);
  /* 10:05 New York is 15:05 UTC. */
  g_assert_cmpint (exec->time, ==, G_GINT64_CONSTANT (1796137500000000));

  au_order_request_clear (&req);
}

static void
on_script_executions (Fixture *f)
{
  const IbRecorded *r = ib_test_server_last (f->server, AU_IB_OUT_REQ_EXECUTIONS);

  send_fill (f->server, r->req_id, 41, "CO-0001", "0000e0d5.0001");
  send_commission (f->server, "0000e0d5.0001", 0.65);
  send_fill (f->server, r->req_id, 42, "", "0000e0d5.0002");
  send_end (f->server, AU_IB_IN_EXECUTION_DATA_END, r->req_id);
}

static void
test_executions_and_open_orders (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) execs = NULL;
  g_autoptr(GPtrArray) open = NULL;
  const AuExecution *e;
  const AuOrderUpdate *u;

  connect_ok (f);
  au_broker_executions_async (AU_BROKER (f->client), G_GINT64_CONSTANT (1796083200000000),
                              NULL, on_result, f);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_EXECUTIONS, 0) == 1, 2000);
  g_assert_cmpstr (ib_test_server_last (f->server, AU_IB_OUT_REQ_EXECUTIONS)->text, ==,
                   "20261201-00:00:00");
  on_script_executions (f);
  execs = au_broker_executions_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  g_assert_cmpuint (execs->len, ==, 2);
  e = g_ptr_array_index (execs, 0);
  g_assert_cmpstr (e->client_order_id, ==, "CO-0001");
  g_assert_cmpint (e->commission, ==, 65);
  e = g_ptr_array_index (execs, 1);
  g_assert_cmpint (e->commission, ==, 0);
  /* Requested fills are not live ones: no ::execution. */
  g_assert_cmpuint (f->executions->len, ==, 0);

  au_broker_open_orders_async (AU_BROKER (f->client), NULL, on_result, f);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_ALL_OPEN_ORDERS, 0) == 1, 2000);
  send_open_order (f->server, 77, "CO-0077", "PreSubmitted");
  send_open_order (f->server, 77, "CO-0077", "Submitted");
  send_end (f->server, AU_IB_IN_OPEN_ORDER_END, 0);
  open = au_broker_open_orders_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  u = g_ptr_array_index (open, 0);
  g_assert_cmpstr (u->client_order_id, ==, "CO-0077");
  g_assert_cmpint (u->broker_order_id, ==, 77);
  g_assert_cmpint (u->state, ==, AU_ORDER_WORKING);
  g_assert_cmpint (u->remaining, ==, 2);

  /* The adopted order can be cancelled by its client order id. */
  g_assert_true (au_broker_cancel_order (AU_BROKER (f->client), "CO-0077", &error));
  g_assert_no_error (error);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_ORDER, 0) == 1, 2000);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_CANCEL_ORDER)->req_id, ==, 77);
  ib_test_server_send_error (f->server, 77, 202, "Order Canceled - reason:");
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_CANCELLED, 2000);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_CANCELLED);
  g_assert_false (au_broker_cancel_order (AU_BROKER (f->client), "CO-9999", &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_UNKNOWN_ORDER);
  g_clear_error (&error);
  g_assert_true (au_ib_client_global_cancel (f->client, &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_GLOBAL_CANCEL, 0) == 1, 2000);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_GLOBAL_CANCEL, 0), ==, 1);
}

static void
test_order_rejected (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest req = put_order ("CO-0002");
  AuOrderRequest ro = put_order ("CO-0003");
  guint n;

  connect_ok (f);
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 0) == 1, 2000);
  ib_test_server_send_error (f->server, 1, 201,
                             "Order rejected - reason:YOUR ORDER IS NOT ACCEPTED. INSUFFICIENT MARGIN");
  send_order_status (f->server, 1, "Cancelled", 0, 2, 0);
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_REJECTED, 2000);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_REJECTED);
  g_assert_nonnull (strstr (last_update (f)->reason, "INSUFFICIENT MARGIN"));
  g_assert_nonnull (strstr (last_update (f)->reason, "IB rejected the order"));
  n = f->updates->len;
  /* A following "Cancelled" does not turn the rejection into a cancel. */
  IB_WAIT_UNTIL (FALSE, 50);
  g_assert_cmpuint (f->updates->len, ==, n);

  /* Read-only API: 321 on the order id. */
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &ro, &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 0) == 2, 2000);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_PLACE_ORDER)->req_id, ==, 2);
  ib_test_server_send_error (f->server, 2, 321,
                             "Error validating request.-'bN' : cause - The API interface is currently in Read-Only mode.");
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_REJECTED
                 && g_strcmp0 (last_update (f)->client_order_id, "CO-0003") == 0, 2000);
  g_assert_nonnull (strstr (last_update (f)->reason, "Read-Only"));
  au_order_request_clear (&req);
  au_order_request_clear (&ro);
}

/* ERR_MSG at sv 176 as IB frames it (§3): a big-endian length, then
 * "4", version "2", id, code, text and an empty advancedOrderRejectJson,
 * each NUL-terminated. */
static void
send_err_bytes (IbTestServer *server,
                int           id,
                int           code,
                const char   *text)
{
  g_autoptr(GByteArray) payload = g_byte_array_new ();
  g_autofree char *id_text = g_strdup_printf ("%d", id);
  g_autofree char *code_text = g_strdup_printf ("%d", code);
  const char *fields[] = { "4", "2", id_text, code_text, text, "" };
  guint8 prefix[4];

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_byte_array_append (payload, (const guint8 *) fields[i], (guint) strlen (fields[i]) + 1);
  prefix[0] = (guint8) (payload->len >> 24);
  prefix[1] = (guint8) (payload->len >> 16);
  prefix[2] = (guint8) (payload->len >> 8);
  prefix[3] = (guint8) payload->len;
  g_byte_array_prepend (payload, prefix, 4);
  ib_test_server_send_raw (server, payload->data, payload->len);
}

/* A cancel IB refuses (161, 10147, 10148) on an order it has not yet
 * acknowledged says nothing of the order: it stays pending (no
 * REJECTED: the order manager would send the replacement while IB can
 * still fill this one), the user hears that the cancel failed, and the
 * order's fate is IB's next ORDER_STATUS. */
static void
test_cancel_failures (Fixture       *f,
                      gconstpointer  data)
{
  static const struct
  {
    int         code;
    const char *text;
  } failures[] = {
    { 161, "Cancel attempted when order is not in a cancellable state.  Order permId =9001" },
    { 10147, "OrderId 61 that needs to be cancelled is not found." },
    { 10148, "OrderId 61 that needs to be cancelled can not be cancelled, state: PendingSubmit." },
  };
  g_autoptr(GError) error = NULL;
  AuOrderRequest req = put_order ("CO-0061");
  const IbRecorded *cancel;
  static const char cancel_bytes[] = "4\0" "1\0" "61\0" "";
  gsize n_bytes;
  const guint8 *bytes;
  guint n_updates;

  ib_test_server_set_ready (f->server, TRUE, TRUE, 61);
  connect_ok (f);
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  g_assert_no_error (error);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 0) == 1, 2000);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_PENDING);
  n_updates = f->updates->len;

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_assert_true (au_broker_cancel_order (AU_BROKER (f->client), "CO-0061", &error));
      g_assert_no_error (error);
      IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_ORDER, 0) == i + 1, 2000);
      /* §6.14 at sv 176: msg id 4, version 1, the order id, an empty
       * manualOrderCancelTime. */
      cancel = ib_test_server_last (f->server, AU_IB_OUT_CANCEL_ORDER);
      bytes = g_bytes_get_data (cancel->payload, &n_bytes);
      g_assert_cmpmem (bytes, n_bytes, cancel_bytes, sizeof cancel_bytes);

      send_err_bytes (f->server, 61, failures[i].code, failures[i].text);
      IB_WAIT_UNTIL (has_code (f, failures[i].code), 2000);
      g_assert_true (has_code (f, failures[i].code));
      g_assert_nonnull (notice_with (f, "The cancel of order CO-0061 failed"));
      /* No update at all: the order is as IB last said, pending. */
      g_assert_cmpuint (f->updates->len, ==, n_updates);
      g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_PENDING);
    }

  /* IB's word on the order decides: here it filled after all. */
  send_order_status (f->server, 61, "Filled", 2, 0, 2.45);
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_FILLED, 2000);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_FILLED);
  g_assert_cmpint (last_update (f)->filled, ==, 2);
  for (guint i = n_updates; i < f->updates->len; i++)
    g_assert_cmpint (((const AuOrderUpdate *) g_ptr_array_index (f->updates, i))->state, !=,
                     AU_ORDER_REJECTED);

  /* A rejection proper still kills an order not yet acknowledged. */
  au_order_request_clear (&req);
  req = put_order ("CO-0062");
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 0) == 2, 2000);
  send_err_bytes (f->server, 62, 201, "Order rejected - reason:INSUFFICIENT MARGIN");
  IB_WAIT_UNTIL (last_update (f)->state == AU_ORDER_REJECTED, 2000);
  g_assert_cmpint (last_update (f)->state, ==, AU_ORDER_REJECTED);
  g_assert_cmpstr (last_update (f)->client_order_id, ==, "CO-0062");
  au_order_request_clear (&req);
}

static void
on_expiry (AuBroker            *broker,
           const AuExpiryEvent *event,
           Fixture             *f)
{
  g_ptr_array_add (f->expiries, au_expiry_event_copy (event));
}

/* New York time on 18 December 2026, the puts' expiry day. */
static gint64
expiry_day_usec (int hour,
                 int minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) time = g_date_time_new (zone, 2026, 12, 18, hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
ask_positions (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = NULL;

  au_broker_positions_async (AU_BROKER (f->client), NULL, on_result, f);
  positions = au_broker_positions_finish (AU_BROKER (f->client), wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
}

/* R7: the 2 short AAPL puts at 180 leave the positions after their
 * expiry day's close and 200 shares arrive: an assignment of 2, as the
 * paper broker reports it. */
static void
test_expiry_assignment (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(AuClock) clock = au_clock_new_stepped (expiry_day_usec (15, 0));
  const AuExpiryEvent *event;

  au_ib_client_set_clock (f->client, clock);
  g_signal_connect (f->client, "expiry", G_CALLBACK (on_expiry), f);
  connect_ok (f);
  ask_positions (f);
  g_assert_cmpuint (f->expiries->len, ==, 0);

  f_after_expiry = 1;
  au_clock_advance_to (clock, expiry_day_usec (16, 0));
  ask_positions (f);
  g_assert_cmpuint (f->expiries->len, ==, 1);
  event = g_ptr_array_index (f->expiries, 0);
  g_assert_cmpint (event->outcome, ==, AU_EXPIRY_ASSIGNED);
  g_assert_cmpint (event->contracts, ==, -2);
  g_assert_cmpstr (event->contract.symbol, ==, "AAPL");
  g_assert_cmpint (event->contract.right, ==, AU_OPTION_PUT);
  g_assert_cmpint (event->contract.strike, ==, 1800000);
  g_assert_cmpstr (event->reference, ==, "ib-assigned:AAPL_2026-12-18_P_180");

  /* Reported once: the next answer is compared with this one. */
  ask_positions (f);
  g_assert_cmpuint (f->expiries->len, ==, 1);
}

/* Gone with no shares: expired worthless; gone a minute before the
 * close: a trade, not an expiry, and nothing is reported. */
static void
test_expiry_worthless (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AuClock) clock = au_clock_new_stepped (expiry_day_usec (15, 0));
  const AuExpiryEvent *event;

  au_ib_client_set_clock (f->client, clock);
  g_signal_connect (f->client, "expiry", G_CALLBACK (on_expiry), f);
  connect_ok (f);
  ask_positions (f);

  f_after_expiry = 2;
  au_clock_advance_to (clock, expiry_day_usec (16, 1));
  ask_positions (f);
  g_assert_cmpuint (f->expiries->len, ==, 1);
  event = g_ptr_array_index (f->expiries, 0);
  g_assert_cmpint (event->outcome, ==, AU_EXPIRY_EXPIRED);
  g_assert_cmpint (event->contracts, ==, -2);
}

static void
test_expiry_not_before_close (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(AuClock) clock = au_clock_new_stepped (expiry_day_usec (15, 0));

  au_ib_client_set_clock (f->client, clock);
  g_signal_connect (f->client, "expiry", G_CALLBACK (on_expiry), f);
  connect_ok (f);
  ask_positions (f);

  f_after_expiry = 2;
  au_clock_advance_to (clock, expiry_day_usec (15, 59));
  ask_positions (f);
  g_assert_cmpuint (f->expiries->len, ==, 0);
  au_clock_advance_to (clock, expiry_day_usec (16, 30));
  ask_positions (f);
  g_assert_cmpuint (f->expiries->len, ==, 0);
}

static void
test_connectivity_codes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest req = put_order ("CO-0004");
  AuContract aapl;
  int ticker;
  const AuIbTicks *ticks;

  connect_ok (f);
  au_contract_init_stock (&aapl, "AAPL");
  ticker = au_ib_client_subscribe (f->client, &aapl);
  au_contract_clear (&aapl);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 0) == 1, 2000);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_REQ_MKT_DATA)->req_id, ==, ticker);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_REQ_MKT_DATA)->number, ==, 0);
  send_tick (f->server, ticker, 1, 190.25);
  IB_WAIT_UNTIL (au_ib_client_get_ticks (f->client, ticker)->has_bid, 2000);
  ticks = au_ib_client_get_ticks (f->client, ticker);
  g_assert_cmpint (ticks->bid, ==, 1902500);

  ib_test_server_send_error (f->server, -1, 1100, "Connectivity between IB and Trader Workstation has been lost.");
  IB_WAIT_UNTIL (au_broker_get_state (AU_BROKER (f->client)) == AU_BROKER_DEGRADED, 2000);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_DEGRADED);
  g_assert_false (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  ib_test_server_send_error (f->server, -1, 1101, "Connectivity between IB and TWS has been restored- data lost.");
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 0) == 2, 2000);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_REQ_MKT_DATA)->req_id, ==, ticker);

  ib_test_server_send_error (f->server, -1, 1100, "lost");
  IB_WAIT_UNTIL (au_broker_get_state (AU_BROKER (f->client)) == AU_BROKER_DEGRADED, 2000);
  ib_test_server_send_error (f->server, -1, 1102, "Connectivity restored - data maintained.");
  IB_WAIT_UNTIL (au_broker_get_state (AU_BROKER (f->client)) == AU_BROKER_READY, 2000);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);
  /* 1102 kept the lines: nothing requested again. */
  IB_WAIT_UNTIL (FALSE, 50);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 0), ==, 2);
  g_assert_true (has_code (f, 1100) && has_code (f, 1101) && has_code (f, 1102));
  au_order_request_clear (&req);
}

static void
test_reconnect_backoff (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest a = put_order ("CO-0010");
  AuOrderRequest b = put_order ("CO-0011");
  AuOrderRequest c = put_order ("CO-0012");
  AuContract aapl;
  gint64 closed_at, retry_closed_at;

  ib_test_server_set_ready (f->server, TRUE, TRUE, 100);
  f->close_on_start = TRUE;
  f->next_id_after_restart = 5;
  connect_ok (f);
  au_contract_init_stock (&aapl, "AAPL");
  au_ib_client_subscribe (f->client, &aapl);
  au_contract_clear (&aapl);
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &a, &error));
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &b, &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 0) == 2, 2000);

  /* The gateway restarts: EOF. */
  closed_at = g_get_monotonic_time ();
  ib_test_server_close (f->server);
  IB_WAIT_UNTIL (au_broker_get_state (AU_BROKER (f->client)) != AU_BROKER_READY, 2000);
  g_assert_nonnull (notice_with (f, "closed the connection"));
  /* Attempt 1 after 50 ms is dropped before it is ready; attempt 2
   * waits twice as long. */
  IB_WAIT_UNTIL (ib_test_server_n_connections (f->server) == 2, 2000);
  g_assert_cmpint (ib_test_server_accepted_at (f->server, 2) - closed_at, >=, 50000);
  retry_closed_at = g_get_monotonic_time ();
  IB_WAIT_UNTIL (ib_test_server_n_connections (f->server) == 3, 2000);
  g_assert_cmpint (ib_test_server_accepted_at (f->server, 3) - retry_closed_at, >=, 90000);
  IB_WAIT_UNTIL (au_broker_get_state (AU_BROKER (f->client)) == AU_BROKER_READY, 2000);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);

  /* Re-handshake, the clock asked again, the line requested again. */
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_START_API, 3), ==, 1);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_CURRENT_TIME, 3), ==, 1);
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 3) == 1, 2000);
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_REQ_MKT_DATA, 3), ==, 1);
  g_assert_nonnull (notice_with (f, "Reconnected"));

  /* NEXT_VALID_ID 5 after the restart: ids keep increasing from 102. */
  g_assert_cmpint (au_ib_client_get_next_order_id (f->client), ==, 102);
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &c, &error));
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_PLACE_ORDER, 3) == 1, 2000);
  g_assert_cmpint (ib_test_server_last (f->server, AU_IB_OUT_PLACE_ORDER)->req_id, ==, 102);
  au_order_request_clear (&a);
  au_order_request_clear (&b);
  au_order_request_clear (&c);
}

static void
test_malformed_frames (Fixture       *f,
                       gconstpointer  data)
{
  /* TICK_PRICE whose ticker id is not a number. */
  static const char bad_field[] = "\0\0\0\x0a" "1\0" "6\0" "abc\0" "1\0";
  static const char unknown[] = "\0\0\0\x06" "999\0" "x\0";
  static const char too_large[] = "\xff\xff\xff\xff";
  g_autoptr(GError) error = NULL;

  connect_ok (f);
  /* An unknown message is skipped: still ready. */
  ib_test_server_send_raw (f->server, unknown, sizeof unknown - 1);
  IB_WAIT_UNTIL (FALSE, 50);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);
  g_assert_cmpuint (ib_test_server_n_connections (f->server), ==, 1);

  ib_test_server_send_raw (f->server, bad_field, sizeof bad_field - 1);
  IB_WAIT_UNTIL (ib_test_server_n_connections (f->server) == 2
                 && au_broker_get_state (AU_BROKER (f->client)) == AU_BROKER_READY, 3000);
  g_assert_cmpuint (ib_test_server_n_connections (f->server), ==, 2);
  g_assert_nonnull (notice_with (f, "cannot read"));
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);

  ib_test_server_send_raw (f->server, too_large, sizeof too_large - 1);
  IB_WAIT_UNTIL (ib_test_server_n_connections (f->server) == 3
                 && au_broker_get_state (AU_BROKER (f->client)) == AU_BROKER_READY, 3000);
  g_assert_cmpuint (ib_test_server_n_connections (f->server), ==, 3);
  g_assert_nonnull (notice_with (f, "broken frame"));
  g_assert_cmpint (au_broker_get_state (AU_BROKER (f->client)), ==, AU_BROKER_READY);
}

static void
test_requests_need_connection (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest req = put_order ("CO-0020");

  g_assert_false (au_broker_place_order (AU_BROKER (f->client), &req, &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, on_result, f);
  g_assert_null (au_broker_quote_finish (AU_BROKER (f->client), wait_result (f), &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  au_order_request_clear (&req);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ib/client/handshake", test_handshake);
  ADD ("/ib/client/ready-needs-accounts", test_ready_needs_accounts);
  ADD ("/ib/client/ready-needs-next-id", test_ready_needs_next_id);
  ADD ("/ib/client/not-running", test_not_running);
  ADD ("/ib/client/client-id-in-use", test_client_id_in_use);
  ADD ("/ib/client/account-positions", test_account_and_positions);
  ADD ("/ib/client/quote-live", test_quote_live);
  ADD ("/ib/client/quote-delayed-fallback", test_quote_delayed_fallback);
  ADD ("/ib/client/quote-advisory-10167", test_quote_advisory_10167);
  ADD ("/ib/client/option-greeks", test_option_greeks);
  ADD ("/ib/client/option-greek-sentinels", test_option_greek_sentinels);
  ADD ("/ib/client/option-params-bars", test_option_params_and_bars);
  ADD ("/ib/client/order-life", test_order_life);
  ADD ("/ib/client/executions-open-orders", test_executions_and_open_orders);
  ADD ("/ib/client/order-rejected", test_order_rejected);
  ADD ("/ib/client/cancel-failures", test_cancel_failures);
  ADD ("/ib/client/expiry-assignment", test_expiry_assignment);
  ADD ("/ib/client/expiry-worthless", test_expiry_worthless);
  ADD ("/ib/client/expiry-not-before-close", test_expiry_not_before_close);
  ADD ("/ib/client/connectivity-codes", test_connectivity_codes);
  ADD ("/ib/client/reconnect-backoff", test_reconnect_backoff);
  ADD ("/ib/client/malformed-frames", test_malformed_frames);
  ADD ("/ib/client/requests-need-connection", test_requests_need_connection);
#undef ADD

  return g_test_run ();
}

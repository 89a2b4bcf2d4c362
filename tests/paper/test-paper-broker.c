/* test-paper-broker.c: the paper broker through the broker interface (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-paper-broker.h"
#include "paper-test-util.h"

typedef struct
{
  AuPaperExchange *exchange;
  AuClock         *clock;
  AuPaperBroker   *paper;
  AuBroker        *broker;
  GString         *log;          /* every signal, in order */
  GPtrArray       *updates;
  GPtrArray       *executions;
  GPtrArray       *expiries;
  GAsyncResult    *result;
} Fixture;

static void
on_state_changed (AuBroker *broker,
                  Fixture  *fixture)
{
  g_string_append_printf (fixture->log, "state:%d ", au_broker_get_state (broker));
}

static void
on_order_updated (AuBroker            *broker,
                  const AuOrderUpdate *update,
                  Fixture             *fixture)
{
  g_string_append_printf (fixture->log, "order:%s:%s ", update->client_order_id,
                          au_order_state_to_string (update->state));
  g_ptr_array_add (fixture->updates, au_order_update_copy (update));
}

static void
on_execution (AuBroker          *broker,
              const AuExecution *execution,
              Fixture           *fixture)
{
  g_string_append_printf (fixture->log, "exec:%s:%" G_GINT64_FORMAT " ",
                          execution->client_order_id, execution->quantity);
  g_ptr_array_add (fixture->executions, au_execution_copy (execution));
}

static void
on_expiry (AuBroker            *broker,
           const AuExpiryEvent *event,
           Fixture             *fixture)
{
  g_string_append_printf (fixture->log, "expiry:%d ", event->outcome);
  g_ptr_array_add (fixture->expiries, au_expiry_event_copy (event));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->exchange = new_exchange (TEST_SEED);
  fixture->clock = au_clock_new_stepped (au_paper_exchange_get_now (fixture->exchange));
  fixture->paper = au_paper_broker_new (fixture->exchange, fixture->clock);
  fixture->broker = AU_BROKER (fixture->paper);
  fixture->log = g_string_new (NULL);
  fixture->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  fixture->executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  fixture->expiries = g_ptr_array_new_with_free_func ((GDestroyNotify) au_expiry_event_free);
  g_signal_connect (fixture->broker, "state-changed", G_CALLBACK (on_state_changed), fixture);
  g_signal_connect (fixture->broker, "order-updated", G_CALLBACK (on_order_updated), fixture);
  g_signal_connect (fixture->broker, "execution", G_CALLBACK (on_execution), fixture);
  g_signal_connect (fixture->broker, "expiry", G_CALLBACK (on_expiry), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->result);
  g_clear_object (&fixture->paper);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->exchange);
  g_string_free (fixture->log, TRUE);
  g_ptr_array_unref (fixture->updates);
  g_ptr_array_unref (fixture->executions);
  g_ptr_array_unref (fixture->expiries);
  /* nothing left behind on the main context */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

/* The answer is never given inside the call: only the main loop brings it. */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  g_assert_null (fixture->result);
  while (fixture->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return fixture->result;
}

#define NTH_EXECUTION(fixture, i) ((AuExecution *) g_ptr_array_index ((fixture)->executions, (i)))

static void
advance (Fixture *fixture,
         gint64   usec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_paper_broker_advance_to (fixture->paper, usec, &error));
  g_assert_no_error (error);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
connect (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  au_broker_connect_async (fixture->broker, NULL, got_result, fixture);
  g_assert_null (fixture->result);
  g_assert_true (au_broker_connect_finish (fixture->broker, wait_result (fixture), &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  g_assert_cmpint (au_broker_get_state (fixture->broker), ==, AU_BROKER_READY);
}

static void
test_not_connected (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;
  AuOrderRequest request;

  g_assert_cmpstr (au_broker_get_name (fixture->broker), ==, "paper");
  g_assert_cmpint (au_broker_get_state (fixture->broker), ==, AU_BROKER_DISCONNECTED);
  stock_request (&request, "early", "AAPL", AU_SIDE_BUY, 100, PRICE (100));
  g_assert_false (au_broker_place_order (fixture->broker, &request, &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_clear_error (&error);
  au_order_request_clear (&request);

  au_broker_quote_async (fixture->broker, "AAPL", NULL, got_result, fixture);
  g_assert_null (fixture->result);
  quote = au_broker_quote_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_null (quote);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_clear_object (&fixture->result);
  g_clear_error (&error);

  connect (fixture);
  g_assert_cmpstr (fixture->log->str, ==, "state:1 state:2 ");
  au_broker_disconnect (fixture->broker);
  g_assert_cmpint (au_broker_get_state (fixture->broker), ==, AU_BROKER_DISCONNECTED);
  g_assert_cmpstr (fixture->log->str, ==, "state:1 state:2 state:0 ");
}

/* Connect, quote, chain, bars, earnings, account: each answered later,
 * on the main context, with the market's clock. */
static void
test_market_data (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(GArray) bars = NULL;
  g_autoptr(AuEarningsCalendar) earnings = NULL;
  g_autoptr(AuBrokerAccount) account = NULL;
  gint64 now;

  connect (fixture);
  now = au_broker_get_now (fixture->broker);
  g_assert_cmpint (now, ==, et_usec (2026, 11, 2, 9, 30));

  au_broker_quote_async (fixture->broker, "AAPL", NULL, got_result, fixture);
  g_assert_null (fixture->result);
  quote = au_broker_quote_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  g_assert_cmpstr (quote->symbol, ==, "AAPL");
  g_assert_cmpint (quote->as_of, ==, now);
  g_assert_cmpint (quote->ask - quote->bid, ==, PRICE (0.01));
  g_assert_cmpint (quote->bid, <=, quote->last);
  g_assert_cmpint (quote->last, <=, quote->ask);
  g_assert_false (quote->delayed);

  au_broker_quote_async (fixture->broker, "NOPE", NULL, got_result, fixture);
  g_assert_null (au_broker_quote_finish (fixture->broker, wait_result (fixture), &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA);
  g_clear_error (&error);
  g_clear_object (&fixture->result);

  au_broker_chain_async (fixture->broker, "AAPL", 20, 40, NULL, got_result, fixture);
  g_assert_null (fixture->result);
  chain = au_broker_chain_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), >, 20);
  g_assert_cmpint (g_date_time_to_unix (au_option_chain_get_as_of (chain)) * G_USEC_PER_SEC,
                   ==, now);

  au_broker_bars_async (fixture->broker, "AAPL", 5, NULL, got_result, fixture);
  bars = au_broker_bars_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  g_assert_cmpuint (bars->len, ==, 5);
  {
    GDate friday = ymd (2026, 10, 30);

    /* the last completed session: Friday before the start */
    g_assert_cmpint (g_date_compare (&g_array_index (bars, AuDailyBar, 4).date, &friday), ==, 0);
  }

  au_broker_earnings_async (fixture->broker, "AAPL", NULL, got_result, fixture);
  earnings = au_broker_earnings_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  g_assert_nonnull (earnings);

  au_broker_account_async (fixture->broker, NULL, got_result, fixture);
  account = au_broker_account_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  g_assert_cmpstr (account->account, ==, "PAPER");
  g_assert_cmpint (account->cash, ==, DOLLARS (100000));
  g_assert_cmpint (account->net_liquidation, ==, DOLLARS (100000));
  g_assert_cmpint (account->time, ==, now);
}

static GPtrArray *
positions_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *positions;

  au_broker_positions_async (fixture->broker, NULL, got_result, fixture);
  positions = au_broker_positions_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  return positions;
}

static GPtrArray *
open_orders_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *orders;

  au_broker_open_orders_async (fixture->broker, NULL, got_result, fixture);
  orders = au_broker_open_orders_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  return orders;
}

static GPtrArray *
executions_since (Fixture *fixture,
                  gint64   since)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *executions;

  au_broker_executions_async (fixture->broker, since, NULL, got_result, fixture);
  executions = au_broker_executions_finish (fixture->broker, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
  return executions;
}

/* Place, signals in order on the main context, positions, executions
 * since, open orders, cancel, and the stepped clock driving the market. */
static void
test_orders_end_to_end (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GPtrArray) later = NULL;
  AuOptionQuote put = find_series (fixture->exchange, "AAPL", 20, 27, AU_OPTION_PUT, 0.20, 0.30);
  AuOrderRequest request;
  AuBrokerPosition *position;
  gint64 start, placed_at;
  guint i, fills_before;

  connect (fixture);
  g_string_truncate (fixture->log, 0);
  start = au_broker_get_now (fixture->broker);

  /* a marketable sell: nothing emitted inside the call */
  option_request (&request, "csp-1", "AAPL", &put, AU_SIDE_SELL, 3, put.bid);
  g_assert_true (au_broker_place_order (fixture->broker, &request, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->log->str, ==, "");
  drain ();
  g_assert_cmpstr (fixture->log->str, ==, "order:csp-1:working exec:csp-1:3 order:csp-1:filled ");
  g_assert_cmpint (NTH_EXECUTION (fixture, 0)->price, ==, put.bid);
  g_assert_cmpint (NTH_EXECUTION (fixture, 0)->commission, ==, 195);

  /* the same client order id again: refused, nothing sent */
  g_assert_false (au_broker_place_order (fixture->broker, &request, &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_DUPLICATE);
  g_clear_error (&error);
  au_order_request_clear (&request);

  positions = positions_now (fixture);
  g_assert_cmpuint (positions->len, ==, 1);
  position = g_ptr_array_index (positions, 0);
  g_assert_cmpint (position->quantity, ==, -3);
  g_assert_cmpint (position->average_cost, ==, put.bid);
  g_assert_cmpint (position->contract.strike, ==, put.strike);

  /* a resting buy far under the market: open, then cancelled */
  option_request (&request, "low-1", "AAPL", &put, AU_SIDE_BUY, 1, PRICE (0.05));
  g_assert_true (au_broker_place_order (fixture->broker, &request, &error));
  au_order_request_clear (&request);
  drain ();
  open = open_orders_now (fixture);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (((AuOrderUpdate *) g_ptr_array_index (open, 0))->client_order_id, ==, "low-1");
  g_assert_cmpint (((AuOrderUpdate *) g_ptr_array_index (open, 0))->state, ==, AU_ORDER_WORKING);
  g_assert_true (au_broker_cancel_order (fixture->broker, "low-1", &error));
  g_assert_no_error (error);
  g_assert_false (au_broker_cancel_order (fixture->broker, "never-sent", &error));
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_UNKNOWN_ORDER);
  g_clear_error (&error);
  drain ();
  g_assert_true (g_str_has_suffix (fixture->log->str,
                                   "order:low-1:working order:low-1:cancelled "));
  g_clear_pointer (&open, g_ptr_array_unref);
  open = open_orders_now (fixture);
  g_assert_cmpuint (open->len, ==, 0);

  /* the stepped clock moves the market, step by step, with the signals:
   * a resting mid order on a tight SPY series fills within the hour */
  {
    AuOptionQuote call = find_series (fixture->exchange, "SPY", 20, 27, AU_OPTION_CALL, 0.45, 0.55);
    AuPrice limit = call.bid + (call.ask - call.bid) / 2 / PRICE (0.01) * PRICE (0.01);

    option_request (&request, "spy-mid", "SPY", &call, AU_SIDE_BUY, 1, limit);
    g_assert_true (au_broker_place_order (fixture->broker, &request, &error));
    au_order_request_clear (&request);
  }
  fills_before = fixture->executions->len;
  placed_at = au_broker_get_now (fixture->broker);
  advance (fixture, et_usec (2026, 11, 2, 11, 0));
  /* the signals came during the advance, not later */
  g_assert_cmpuint (fixture->executions->len, ==, fills_before + 1);
  g_assert_nonnull (strstr (fixture->log->str,
                           "order:spy-mid:working exec:spy-mid:1 order:spy-mid:filled "));
  g_assert_cmpint (au_broker_get_now (fixture->broker), ==, et_usec (2026, 11, 2, 11, 0));
  g_assert_cmpint (au_clock_get_now (fixture->clock), ==, et_usec (2026, 11, 2, 11, 0));
  g_assert_cmpint (NTH_EXECUTION (fixture, fills_before)->time, >, placed_at);

  executions = executions_since (fixture, start);
  g_assert_cmpuint (executions->len, ==, 2);
  later = executions_since (fixture, placed_at + 1);
  g_assert_cmpuint (later->len, ==, 1);
  g_assert_cmpstr (((AuExecution *) g_ptr_array_index (later, 0))->client_order_id, ==, "spy-mid");
  for (i = 0; i < executions->len; i++)
    g_assert_cmpstr (((AuExecution *) g_ptr_array_index (executions, i))->exec_id, ==,
                     NTH_EXECUTION (fixture, i)->exec_id);
}

/* D2.17 through the broker: the stepped clock on Thanksgiving morning;
 * the order is sent, and rejected with its reason. */
static void
test_holiday_rejected (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest request;
  AuOrderUpdate *update;

  connect (fixture);
  advance (fixture, et_usec (2026, 11, 26, 10, 0));
  /* the market stays at Wednesday's close: no session on a holiday */
  g_assert_cmpint (au_broker_get_now (fixture->broker), ==, et_usec (2026, 11, 25, 16, 0));

  stock_request (&request, "turkey", "AAPL", AU_SIDE_BUY, 100, PRICE (100));
  g_assert_true (au_broker_place_order (fixture->broker, &request, &error));
  g_assert_no_error (error);
  au_order_request_clear (&request);
  drain ();
  g_assert_cmpuint (fixture->updates->len, ==, 1);
  update = g_ptr_array_index (fixture->updates, 0);
  g_assert_cmpint (update->state, ==, AU_ORDER_REJECTED);
  g_assert_nonnull (strstr (update->reason, "NYSE holiday (Thanksgiving"));

  /* Friday: open until the early close */
  advance (fixture, et_usec (2026, 11, 27, 12, 55));
  stock_request (&request, "friday", "AAPL", AU_SIDE_BUY, 100, PRICE (100));
  g_assert_true (au_broker_place_order (fixture->broker, &request, &error));
  au_order_request_clear (&request);
  drain ();
  update = g_ptr_array_index (fixture->updates, fixture->updates->len - 1);
  g_assert_cmpint (update->state, ==, AU_ORDER_WORKING);
  /* 13:00: the day order expires with the session */
  advance (fixture, et_usec (2026, 11, 27, 13, 0));
  update = g_ptr_array_index (fixture->updates, fixture->updates->len - 1);
  g_assert_cmpstr (update->client_order_id, ==, "friday");
  g_assert_cmpint (update->state, ==, AU_ORDER_CANCELLED);
}

/* An expiry reaches the broker's ::expiry at the close of Friday. */
static void
test_expiry_signal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOptionQuote put = find_series (fixture->exchange, "AAPL", 4, 4, AU_OPTION_PUT, 0.02, 0.10);
  AuOrderRequest request;

  connect (fixture);
  option_request (&request, "weekly", "AAPL", &put, AU_SIDE_SELL, 1, put.bid);
  g_assert_true (au_broker_place_order (fixture->broker, &request, &error));
  au_order_request_clear (&request);
  drain ();
  advance (fixture, et_usec (2026, 11, 6, 15, 55));
  g_assert_cmpuint (fixture->expiries->len, ==, 0);
  advance (fixture, et_usec (2026, 11, 6, 16, 0));
  g_assert_cmpuint (fixture->expiries->len, ==, 1);
  g_assert_cmpint (((AuExpiryEvent *) g_ptr_array_index (fixture->expiries, 0))->contracts, ==, -1);
  g_assert_true (g_str_has_suffix (fixture->log->str, "expiry:0 ") ||
                 g_str_has_suffix (fixture->log->str, "expiry:1 "));
}

/* A simulated clock drives the market by itself: a timeout at the real
 * delay until the next step. */
static void
test_simulated_clock (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  g_autoptr(AuClock) clock = au_clock_new_simulated (au_paper_exchange_get_now (exchange),
                                                     300.0 * 20); /* a step in 50 ms */
  g_autoptr(AuPaperBroker) paper = au_paper_broker_new (exchange, clock);
  gint64 start = au_paper_exchange_get_now (exchange);
  gboolean done = FALSE;
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  au_broker_connect_async (AU_BROKER (paper), NULL, NULL, NULL);
  while (au_broker_get_state (AU_BROKER (paper)) != AU_BROKER_READY)
    g_main_context_iteration (NULL, TRUE);
  while (!done && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      done = au_paper_exchange_get_now (exchange) >= start + 3 * 5 * 60 * G_USEC_PER_SEC;
    }
  g_assert_true (done);
  /* never ahead of the clock */
  g_assert_cmpint (au_paper_exchange_get_now (exchange), <=, au_clock_get_now (clock));
  au_broker_disconnect (AU_BROKER (paper));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/paper/broker/not-connected", test_not_connected);
  ADD ("/paper/broker/market-data", test_market_data);
  ADD ("/paper/broker/orders-end-to-end", test_orders_end_to_end);
  ADD ("/paper/broker/holiday-rejected", test_holiday_rejected);
  ADD ("/paper/broker/expiry-signal", test_expiry_signal);
#undef ADD
  g_test_add_func ("/paper/broker/simulated-clock", test_simulated_clock);

  return g_test_run ();
}

/* test-gateway-state.c: a killed and restarted simulator is the same broker
 * (D4 "Gateway simulator state"), the lower-id restart, assignment at expiry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gateway-test-orders.h"

static char *
temp_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gateway-sim-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "state.json", NULL);
}

static void
remove_state (const char *state)
{
  g_autofree char *book = g_strconcat (state, ".gateway", NULL);
  g_autofree char *dir = g_path_get_dirname (state);

  g_unlink (state);
  g_unlink (book);
  g_rmdir (dir);
}

static double
stock_position (SimClient  *client,
                const char *symbol,
                gboolean   *has_option)
{
  AuIbRequest r = { .id = AU_IB_OUT_REQ_POSITIONS };
  AuIbIncoming m;
  double shares = 0;

  *has_option = FALSE;
  client_send (client, &r);
  for (;;)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      if (m.id == AU_IB_IN_POSITION_END)
        break;
      if (m.id == AU_IB_IN_POSITION_DATA && g_strcmp0 (m.u.position.contract.symbol, symbol) == 0)
        {
          if (g_strcmp0 (m.u.position.contract.sec_type, "STK") == 0)
            shares = m.u.position.position;
          else
            *has_option = TRUE;
        }
      au_ib_incoming_clear (&m);
    }
  return shares;
}

static void
test_state_survives_sigkill (void)
{
  g_autofree char *state = temp_state ();
  g_autofree char *exec_id = NULL;
  g_autoptr(SimClient) client = NULL;
  AuIbRequest r = { .id = AU_IB_OUT_REQ_OPEN_ORDERS };
  SimProcess *sim = sim_start (state, 0, NULL);
  guint16 port = sim->port;
  AuIbIncoming m;
  double bid, ask;
  gboolean option;
  gint64 perm;

  client = client_connect (port, 7);
  g_assert_cmpint (expect_ready (client), ==, 1);
  stock_quote (client, 1, "AAPL", &bid, &ask);
  /* Order 5 rests far below the market; order 6 fills at once. */
  place_stock (client, 5, "AAPL", "BUY", 10, to_cent (bid * 0.8));
  expect_status (client, 5, "Submitted", &m);
  perm = m.u.order_status.perm_id;
  place_stock (client, 6, "AAPL", "BUY", 20, to_cent (ask + 0.05));
  client_expect (client, AU_IB_IN_EXECUTION_DATA, &m);
  exec_id = g_strdup (m.u.execution.exec_id);
  au_ib_incoming_clear (&m);
  expect_status (client, 6, "Filled", &m);
  g_assert_cmpfloat (stock_position (client, "AAPL", &option), ==, 120);

  /* SIGKILL while order 5 rests: no chance to save anything more. */
  sim_kill (sim);
  g_assert_true (client_sees_eof (client, SIM_REPLY_MS));
  g_clear_pointer (&client, client_free);

  /* The same file and port: the same broker. */
  sim = sim_start (state, port, NULL);
  client = client_connect (port, 7);
  g_assert_cmpint (expect_ready (client), ==, 7);
  client_send (client, &r);
  client_expect (client, AU_IB_IN_OPEN_ORDER, &m);
  g_assert_cmpint (m.u.open_order.order_id, ==, 5);
  g_assert_cmpint (m.u.open_order.perm_id, ==, perm);
  g_assert_cmpstr (m.u.open_order.order_ref, ==, "ref-5");
  g_assert_cmpfloat (m.u.open_order.total_quantity, ==, 10);
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_ORDER_STATUS, &m);
  g_assert_cmpstr (m.u.order_status.status, ==, "Submitted");
  client_expect (client, AU_IB_IN_OPEN_ORDER_END, &m);

  r.id = AU_IB_OUT_REQ_EXECUTIONS;
  r.u.executions.req_id = 3;
  r.u.executions.account = "";
  r.u.executions.time = "";
  r.u.executions.symbol = "";
  r.u.executions.sec_type = "";
  r.u.executions.exchange = "";
  r.u.executions.side = "";
  client_send (client, &r);
  client_expect (client, AU_IB_IN_EXECUTION_DATA, &m);
  g_assert_cmpstr (m.u.execution.exec_id, ==, exec_id);
  g_assert_cmpint (m.u.execution.order_id, ==, 6);
  g_assert_cmpint (m.u.execution.client_id, ==, 7);
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_EXECUTION_DATA_END, &m);
  g_assert_cmpfloat (stock_position (client, "AAPL", &option), ==, 120);
  g_assert_true (option);

  /* Ids used before the kill stay used. */
  place_stock (client, 6, "AAPL", "BUY", 1, to_cent (bid * 0.8));
  client_expect_error (client, 103, &m);
  au_ib_incoming_clear (&m);
  place_stock (client, 7, "AAPL", "BUY", 1, to_cent (bid * 0.8));
  expect_status (client, 7, "Submitted", &m);
  g_assert_cmpint (m.u.order_status.perm_id, >, perm);
  sim_kill (sim);
  remove_state (state);
}

static void
test_lower_next_valid_id (void)
{
  g_autofree char *state = temp_state ();
  g_autoptr(SimClient) client = NULL;
  SimProcess *sim = sim_start (state, 0, NULL);
  AuIbIncoming m;
  double bid, ask;

  client = client_connect (sim->port, 1);
  expect_ready (client);
  stock_quote (client, 1, "QQQ", &bid, &ask);
  place_stock (client, 10, "QQQ", "BUY", 1, to_cent (bid * 0.8));
  expect_status (client, 10, "Submitted", &m);
  sim_kill (sim);
  g_clear_pointer (&client, client_free);

  /* The fault: the restarted gateway announces an id five below the true
   * next one; a client that trusts it sends a used id and gets 103. */
  sim = sim_start (state, 0, "--lower-next-id", "5", NULL);
  client = client_connect (sim->port, 1);
  g_assert_cmpint (expect_ready (client), ==, 6);
  place_stock (client, 10, "QQQ", "BUY", 1, to_cent (bid * 0.8));
  client_expect_error (client, 103, &m);
  au_ib_incoming_clear (&m);
  place_stock (client, 11, "QQQ", "BUY", 1, to_cent (bid * 0.8));
  expect_status (client, 11, "Submitted", &m);
  sim_kill (sim);
  remove_state (state);
}

static void
test_assignment_at_expiry (void)
{
  /* About two and a half simulated days a second: the demo put's expiry
   * (the first weekly a week out, 13 March 2026) passes in ~5 s. */
  SimProcess *sim = sim_start (NULL, 0, "--speed", "200000", "--seed", "5", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_HISTORICAL_DATA };
  AuIbIncoming m;
  char expiry[16] = "";
  double strike = 0, shares = 0, close = 0;
  gboolean option = TRUE;
  gint64 end;
  guint i;

  expect_ready (client);
  r.id = AU_IB_OUT_REQ_POSITIONS;
  client_send (client, &r);
  for (;;)
    {
      client_expect (client, AU_IB_IN_POSITION_DATA, &m);
      if (g_strcmp0 (m.u.position.contract.sec_type, "OPT") == 0)
        break;
      au_ib_incoming_clear (&m);
    }
  g_strlcpy (expiry, m.u.position.contract.last_trade_date, sizeof expiry);
  strike = m.u.position.contract.strike;
  au_ib_incoming_clear (&m);
  client_expect (client, AU_IB_IN_POSITION_END, &m);
  g_assert_cmpstr (expiry, ==, "20260313");

  end = g_get_monotonic_time () + 9 * G_USEC_PER_SEC;
  while (option && g_get_monotonic_time () < end)
    {
      g_usleep (250 * 1000);
      shares = stock_position (client, "AAPL", &option);
    }
  g_assert_false (option);

  /* R7: in the money at the close, the short put is assigned: 100
   * shares more at the strike; otherwise it expires worthless. */
  r.id = AU_IB_OUT_REQ_HISTORICAL_DATA;
  contract_stock (&r.u.historical_data.contract, "AAPL");
  r.u.historical_data.req_id = 9;
  r.u.historical_data.end_date_time = "20260313 16:00:00";
  r.u.historical_data.bar_size = "1 day";
  r.u.historical_data.duration = "1 D";
  r.u.historical_data.what_to_show = "TRADES";
  r.u.historical_data.format_date = 1;
  client_send (client, &r);
  client_expect (client, AU_IB_IN_HISTORICAL_DATA, &m);
  for (i = 0; i < m.u.historical_data.n_bars; i++)
    if (g_strcmp0 (m.u.historical_data.bars[i].date, expiry) == 0)
      close = m.u.historical_data.bars[i].close;
  au_ib_incoming_clear (&m);
  g_test_message ("strike %.2f close %.2f shares %.0f", strike, close, shares);
  g_assert_cmpfloat (close, >, 0);
  g_assert_cmpfloat (shares, ==, close <= strike - 0.01 ? 200 : 100);
  sim_kill (sim);
}

static void
test_corrupt_state_is_refused (void)
{
  g_autofree char *state = temp_state ();
  g_autofree char *book = g_strconcat (state, ".gateway", NULL);
  g_autofree char *binary = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *env = g_getenv ("ALLUSE_GATEWAY_SIM");
  int status = 0;

  binary = env != NULL ? g_strdup (env)
                       : g_test_build_filename (G_TEST_BUILT, "..", "src", "sim",
                                                "alluse-gateway-sim", NULL);
  g_assert_true (g_file_set_contents (book, "{ \"format\": 1, \"account\": \"DU1234567\", "
                                      "\"next_valid_id\": 3, \"orders\": [ { \"perm_id\": 1, "
                                      "\"client_id\": 1, \"order_id\": 2, \"side\": \"HOLD\" } ] }",
                                      -1, NULL));
  {
    const char *argv[] = { binary, "--port", "0", "--state", state, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, &err, &status, &error));
  }
  g_assert_no_error (error);
  /* Refused, naming the file and the field; nothing overwritten. */
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, book));
  g_assert_nonnull (strstr (err, "'side'"));
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (book, &kept, NULL, NULL));
    g_assert_nonnull (strstr (kept, "HOLD"));
  }
  remove_state (state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gateway-sim/state/survives-sigkill", test_state_survives_sigkill);
  g_test_add_func ("/gateway-sim/state/lower-next-valid-id", test_lower_next_valid_id);
  g_test_add_func ("/gateway-sim/state/assignment-at-expiry", test_assignment_at_expiry);
  g_test_add_func ("/gateway-sim/state/corrupt-state-is-refused", test_corrupt_state_is_refused);

  return g_test_run ();
}

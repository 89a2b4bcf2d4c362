/* test-gateway-faults.c: each fault switch of alluse-gateway-sim (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "au-ib-fields.h"
#include "gateway-test-orders.h"

static void
ask_time (SimClient *client)
{
  AuIbRequest r = { .id = AU_IB_OUT_REQ_CURRENT_TIME };

  client_send (client, &r);
}

static void
test_drop_after (void)
{
  SimProcess *sim = sim_start (NULL, 0, "--drop-after", "3", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbIncoming m;

  /* START_API is the first request; two more are answered, then EOF. */
  expect_ready (client);
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  g_assert_true (client_sees_eof (client, SIM_REPLY_MS));

  /* Switched off by a control line: the next connection stays. */
  sim_control (sim, "drop-after 0");
  g_usleep (100 * 1000);
  g_clear_pointer (&client, client_free);
  client = client_connect (sim->port, 1);
  expect_ready (client);
  ask_time (client);
  ask_time (client);
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  g_assert_false (client_sees_eof (client, 300));
  sim_kill (sim);
}

static void
test_delay (void)
{
  SimProcess *sim = sim_start (NULL, 0, "--delay", "400", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbIncoming m;
  gint64 asked;

  expect_ready (client);
  asked = g_get_monotonic_time ();
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  g_assert_cmpint (g_get_monotonic_time () - asked, >=, 400 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - asked, <, 2000 * 1000);

  /* Off: at once (well inside the 400 ms it took before). */
  sim_control (sim, "delay 0");
  g_usleep (100 * 1000);
  asked = g_get_monotonic_time ();
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  g_assert_cmpint (g_get_monotonic_time () - asked, <, 200 * 1000);
  sim_kill (sim);
}

static void
test_reject_orders (void)
{
  SimProcess *sim = sim_start (NULL, 0, "--reject-orders", "201", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbRequest r = { .id = AU_IB_OUT_REQ_OPEN_ORDERS };
  AuIbIncoming m;
  double bid, ask;

  expect_ready (client);
  stock_quote (client, 1, "AAPL", &bid, &ask);
  place_stock (client, 1, "AAPL", "BUY", 10, to_cent (bid * 0.9));
  client_expect_error (client, 201, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 1);
  au_ib_incoming_clear (&m);
  /* Nothing is working afterwards. */
  client_send (client, &r);
  g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
  g_assert_cmpint (m.id, ==, AU_IB_IN_OPEN_ORDER_END);

  /* Another code, chosen while running. */
  sim_control (sim, "reject 10147");
  g_usleep (100 * 1000);
  place_stock (client, 2, "AAPL", "BUY", 10, to_cent (bid * 0.9));
  client_expect_error (client, 10147, &m);
  g_assert_cmpint (m.u.err_msg.id, ==, 2);
  au_ib_incoming_clear (&m);

  /* Off: the next order is taken. */
  sim_control (sim, "reject 0");
  g_usleep (100 * 1000);
  place_stock (client, 3, "AAPL", "BUY", 10, to_cent (bid * 0.9));
  expect_status (client, 3, "Submitted", &m);
  sim_kill (sim);
}

static void
test_connectivity_notices (void)
{
  static const int codes[] = { 1100, 1101, 1102 };
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) one = client_connect (sim->port, 1);
  g_autoptr(SimClient) two = client_connect (sim->port, 2);
  AuIbIncoming m;
  guint i;

  expect_ready (one);
  expect_ready (two);
  for (i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *line = g_strdup_printf ("%d", codes[i]);

      sim_control (sim, line);
      client_expect_error (one, codes[i], &m);
      g_assert_cmpint (m.u.err_msg.id, ==, -1);
      g_assert_nonnull (strstr (m.u.err_msg.message, "Connectivity"));
      au_ib_incoming_clear (&m);
      client_expect_error (two, codes[i], &m);
      au_ib_incoming_clear (&m);
    }

  /* "drop": every connection closed at once, as a gateway restart does. */
  sim_control (sim, "drop");
  g_assert_true (client_sees_eof (one, SIM_REPLY_MS));
  g_assert_true (client_sees_eof (two, SIM_REPLY_MS));
  sim_kill (sim);
}

static void
test_malformed_frames (void)
{
  SimProcess *sim = sim_start (NULL, 0, "--malformed", NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  g_autoptr(GError) error = NULL;
  AuIbIncoming m;

  expect_ready (client);
  /* An id no client knows, a number that is not one, an empty frame. */
  g_assert_false (client_next (client, &m, SIM_REPLY_MS, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE);
  g_clear_error (&error);
  g_assert_false (client_next (client, &m, SIM_REPLY_MS, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-a-price"));
  g_clear_error (&error);
  g_assert_false (client_next (client, &m, SIM_REPLY_MS, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The session goes on. */
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  g_assert_cmpint (m.u.current_time.time, >=, SIM_CLOCK_UNIX);

  /* And on demand to a running session. */
  sim_control (sim, "malformed");
  g_assert_false (client_next (client, &m, SIM_REPLY_MS, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE);
  sim_kill (sim);
}

static void
send_raw_frame (SimClient  *client,
                const char *fields,
                gsize       len)
{
  guint32 prefix = GUINT32_TO_BE ((guint32) len);

  g_assert_cmpint (g_socket_send (client->socket, (const char *) &prefix, 4, NULL, NULL), ==, 4);
  g_assert_cmpint (g_socket_send (client->socket, fields, len, NULL, NULL), ==, (gssize) len);
}

static void
test_undecodable_requests (void)
{
  static const char unknown[] = "9999\0" "1\0";
  static const char truncated[] = "3\0" "12\0" "0\0" "AAPL\0";
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = client_connect (sim->port, 1);
  AuIbIncoming m;

  /* A gateway answers what it cannot read with 320 and goes on. */
  expect_ready (client);
  send_raw_frame (client, unknown, sizeof unknown - 1);
  client_expect_error (client, 320, &m);
  g_assert_nonnull (strstr (m.u.err_msg.message, "9999"));
  au_ib_incoming_clear (&m);
  send_raw_frame (client, truncated, sizeof truncated - 1);
  client_expect_error (client, 320, &m);
  au_ib_incoming_clear (&m);
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  sim_kill (sim);
}

static void
test_bad_control_line (void)
{
  SimProcess *sim = sim_start (NULL, 0, NULL);
  g_autoptr(SimClient) client = NULL;
  AuIbIncoming m;

  /* Refused with a message on stderr; the simulator goes on. */
  sim_control (sim, "reject many");
  sim_control (sim, "explode");
  client = client_connect (sim->port, 1);
  expect_ready (client);
  ask_time (client);
  client_expect (client, AU_IB_IN_CURRENT_TIME, &m);
  sim_kill (sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gateway-sim/faults/drop-after", test_drop_after);
  g_test_add_func ("/gateway-sim/faults/delay", test_delay);
  g_test_add_func ("/gateway-sim/faults/reject-orders", test_reject_orders);
  g_test_add_func ("/gateway-sim/faults/connectivity-notices", test_connectivity_notices);
  g_test_add_func ("/gateway-sim/faults/malformed-frames", test_malformed_frames);
  g_test_add_func ("/gateway-sim/faults/undecodable-requests", test_undecodable_requests);
  g_test_add_func ("/gateway-sim/faults/bad-control-line", test_bad_control_line);

  return g_test_run ();
}

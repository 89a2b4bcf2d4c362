/* test-ibsim-clock.c: the gateway's clock as the IB client follows it, the
 * simulator's pace control and its account without the demo holding (D3,
 * D4; issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ibsim-test"

#include "config.h"

#include <string.h>

#include "au-market-calendar.h"
#include "ibsim-harness.h"

static gint64
clock_usec (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = au_eastern_from_iso8601 (IBSIM_CLOCK, &error);

  g_assert_no_error (error);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

/* A gateway in real time reads as rate 1 (its whole seconds blur
 * nothing away); once it runs 600 times faster, the client's rate follows
 * within its few seconds of answers, and so does its clock. */
static void
test_rate_follows_gateway (void)
{
  g_autofree char *state = ibsim_temp_state ();
  IbsimSim *sim = ibsim_sim_start (state, 0, NULL);
  g_autoptr(AuIbClient) client = ibsim_client_connect (sim->port, 1, 200);
  gint64 from, before, after;

  ibsim_spin (2600);
  g_assert_cmpfloat (au_ib_client_get_clock_rate (client), ==, 1.0);
  before = au_broker_get_now (AU_BROKER (client));
  g_assert_cmpint (before, >=, clock_usec ());
  g_assert_cmpint (before, <, clock_usec () + 30 * G_USEC_PER_SEC);

  from = ibsim_sim_set_speed (sim, "600");
  g_assert_cmpint (from, >=, clock_usec ());
  ibsim_spin (5200);
  g_assert_cmpfloat (au_ib_client_get_clock_rate (client), >, 570.0);
  g_assert_cmpfloat (au_ib_client_get_clock_rate (client), <, 630.0);
  /* About 52 simulated minutes since the change: the client's clock is
   * there too, within a simulated minute. */
  after = au_broker_get_now (AU_BROKER (client));
  g_assert_cmpint (after - from, >, (gint64) 51 * 60 * G_USEC_PER_SEC);
  g_assert_cmpint (after - from, <, (gint64) 53 * 60 * G_USEC_PER_SEC);

  au_broker_disconnect (AU_BROKER (client));
  ibsim_sim_kill (sim);
  ibsim_remove_state (state);
}

/* --no-demo --cash C: the account holds that cash and nothing else, as a
 * new ledger of the same capital does (D3). */
static void
test_no_demo_account (void)
{
  g_autofree char *state = ibsim_temp_state ();
  IbsimSim *sim = ibsim_sim_start (state, 0, "--no-demo", "--cash", "12345.67", NULL);
  g_autoptr(AuIbClient) client = ibsim_client_connect (sim->port, 1, 200);
  g_autoptr(GAsyncResult) got_positions = NULL;
  g_autoptr(GAsyncResult) got_account = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(AuBrokerAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  au_broker_positions_async (AU_BROKER (client), NULL, ibsim_store_result, &got_positions);
  positions = au_broker_positions_finish (AU_BROKER (client), ibsim_await (&got_positions),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (positions->len, ==, 0);
  au_broker_account_async (AU_BROKER (client), NULL, ibsim_store_result, &got_account);
  account = au_broker_account_finish (AU_BROKER (client), ibsim_await (&got_account), &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->cash, ==, 1234567);

  au_broker_disconnect (AU_BROKER (client));
  ibsim_sim_kill (sim);
  ibsim_remove_state (state);
}

/* Without --no-demo the demo holding is still there: 100 AAPL and a
 * short AAPL put beside the default $100,000. */
static void
test_demo_account (void)
{
  g_autofree char *state = ibsim_temp_state ();
  IbsimSim *sim = ibsim_sim_start (state, 0, NULL);
  g_autoptr(AuIbClient) client = ibsim_client_connect (sim->port, 1, 200);
  g_autoptr(GAsyncResult) got_positions = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shares = 0, puts = 0;

  au_broker_positions_async (AU_BROKER (client), NULL, ibsim_store_result, &got_positions);
  positions = au_broker_positions_finish (AU_BROKER (client), ibsim_await (&got_positions),
                                          &error);
  g_assert_no_error (error);
  for (guint i = 0; i < positions->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (positions, i);

      g_assert_cmpstr (p->contract.symbol, ==, "AAPL");
      if (p->contract.sec_type == AU_SEC_STOCK)
        shares += p->quantity;
      else
        puts += p->quantity;
    }
  g_assert_cmpint (shares, ==, 100);
  g_assert_cmpint (puts, ==, -1);

  au_broker_disconnect (AU_BROKER (client));
  ibsim_sim_kill (sim);
  ibsim_remove_state (state);
}

/* A negative or malformed --cash is refused (exit 2), naming the option. */
static void
test_bad_cash (void)
{
  const char *values[] = { "-1", "lots" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *sim = g_strdup (g_getenv ("ALLUSE_GATEWAY_SIM"));
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      g_autofree char *cash = g_strdup_printf ("--cash=%s", values[i]);

      if (sim == NULL)
        sim = g_test_build_filename (G_TEST_BUILT, "..", "..", "src", "sim",
                                     "alluse-gateway-sim", NULL);
      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  &error, sim, "--port", "0", "--no-demo", cash, NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (err, "--cash"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ibsim/clock/rate-follows-gateway", test_rate_follows_gateway);
  g_test_add_func ("/ibsim/account/no-demo", test_no_demo_account);
  g_test_add_func ("/ibsim/account/demo", test_demo_account);
  g_test_add_func ("/ibsim/account/bad-cash", test_bad_cash);
  return g_test_run ();
}

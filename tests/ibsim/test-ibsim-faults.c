/* test-ibsim-faults.c: every fault switch of alluse-gateway-sim as
 * AuIbClient sees it (issue 4, R8.8, R9, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ibsim-test"

#include "config.h"

#include <string.h>

#include "au-money.h"
#include "ibsim-harness.h"

/* The first reconnect delay the tests give the client; it doubles. */
#define BACKOFF_MS 100

typedef struct
{
  char          *state;
  IbsimSim      *sim;
  AuIbClient    *client;
  IbsimRecorder  recorder;
  GArray        *connecting_at;   /* gint64 µs (monotonic) of each CONNECTING */
  GArray        *ready_at;        /* … and of each READY */
  int            ticker;          /* the streaming line watched */
  gboolean       ticks_seen;      /* ::ticks-updated of it since cleared */
} Fixture;

static void
on_state (AuBroker *broker,
          gpointer  user_data)
{
  Fixture *f = user_data;
  gint64 now = g_get_monotonic_time ();

  if (au_broker_get_state (broker) == AU_BROKER_CONNECTING)
    g_array_append_val (f->connecting_at, now);
  else if (au_broker_get_state (broker) == AU_BROKER_READY)
    g_array_append_val (f->ready_at, now);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->state = ibsim_temp_state ();
  f->sim = ibsim_sim_start (f->state, 0, NULL);
  f->client = ibsim_client_connect (f->sim->port, 31, BACKOFF_MS);
  ibsim_recorder_attach (&f->recorder, AU_BROKER (f->client));
  f->connecting_at = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->ready_at = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->client, "state-changed", G_CALLBACK (on_state), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->client, f);
  ibsim_recorder_clear (&f->recorder);
  au_broker_disconnect (AU_BROKER (f->client));
  g_clear_object (&f->client);
  g_clear_pointer (&f->sim, ibsim_sim_kill);
  ibsim_remove_state (f->state);
  g_free (f->state);
  g_array_unref (f->connecting_at);
  g_array_unref (f->ready_at);
}

static AuBrokerState
state_of (Fixture *f)
{
  return au_broker_get_state (AU_BROKER (f->client));
}

static gboolean
wait_state (Fixture       *f,
            AuBrokerState  state,
            guint          timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (state_of (f) != state && g_get_monotonic_time () < deadline)
    ibsim_spin (10);
  return state_of (f) == state;
}

/* A request answered end to end: the connection works. */
static void
assert_answers (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;

  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, ibsim_store_result, &result);
  quote = au_broker_quote_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (quote->bid, >, 0);
}

/* "drop": EOF → DISCONNECTED (R8.8: the engine goes SAFE) → a reconnect
 * after the backoff → a new handshake → READY, and a notice saying so. */
static void
test_drop_reconnects (Fixture       *f,
                      gconstpointer  data)
{
  gint64 lost_at;
  guint connects = f->connecting_at->len;

  ibsim_sim_control (f->sim, "drop");
  g_assert_true (wait_state (f, AU_BROKER_DISCONNECTED, IBSIM_REPLY_MS));
  lost_at = g_get_monotonic_time ();
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  g_assert_cmpuint (f->connecting_at->len, ==, connects + 1);
  /* Not before the backoff (a little slack for the spin's granularity). */
  g_assert_cmpint (g_array_index (f->connecting_at, gint64, connects) - lost_at, >=,
                   (BACKOFF_MS - 20) * 1000);
  g_assert_true (ibsim_recorder_has_notice (&f->recorder, 0));
  g_assert_cmpint (au_ib_client_get_server_version (f->client), ==, 176);
  assert_answers (f);
}

/* No gateway at all: attempts at the backoff, doubling (100, 200,
 * 400 ms…); the gateway back on its port: READY again. */
static void
test_backoff_doubles (Fixture       *f,
                      gconstpointer  data)
{
  guint16 port = f->sim->port;
  guint first = f->connecting_at->len;
  gint64 gap1, gap2;

  ibsim_sim_kill (g_steal_pointer (&f->sim));
  g_assert_true (wait_state (f, AU_BROKER_DISCONNECTED, IBSIM_REPLY_MS));
  /* Three refused attempts: after 100, 200 and 400 ms. */
  while (f->connecting_at->len < first + 3)
    ibsim_spin (10);
  gap1 = g_array_index (f->connecting_at, gint64, first + 1)
         - g_array_index (f->connecting_at, gint64, first);
  gap2 = g_array_index (f->connecting_at, gint64, first + 2)
         - g_array_index (f->connecting_at, gint64, first + 1);
  g_assert_cmpint (gap1, >=, 2 * (BACKOFF_MS - 20) * 1000);
  g_assert_cmpint (gap2, >=, 4 * (BACKOFF_MS - 20) * 1000);
  g_assert_cmpint (gap2, >, gap1);
  g_assert_cmpint (state_of (f), !=, AU_BROKER_READY);

  f->sim = ibsim_sim_start (f->state, port, NULL);
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  assert_answers (f);
}

/* One quote request; FALSE when the line went down under it. */
static gboolean
try_quote (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;

  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, ibsim_store_result, &result);
  quote = au_broker_quote_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  if (quote == NULL)
    g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  return quote != NULL;
}

/* "drop-after N": the gateway closes a connection after its Nth request;
 * the waiting request fails as "not connected" (never hangs), the client
 * comes back by itself, and with the switch off it stays. */
static void
test_drop_after (Fixture       *f,
                 gconstpointer  data)
{
  guint states = f->recorder.states->len;
  guint tries = 0;

  ibsim_sim_control (f->sim, "drop-after 2");
  ibsim_spin (100);
  while (tries < 5 && try_quote (f))
    tries++;
  g_assert_cmpuint (tries, <, 5);
  g_assert_cmpint (ibsim_recorder_find_state (&f->recorder, states, AU_BROKER_DISCONNECTED),
                   >=, 0);

  ibsim_sim_control (f->sim, "drop-after 0");
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  ibsim_spin (300);
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  states = f->recorder.states->len;
  assert_answers (f);
  assert_answers (f);
  assert_answers (f);
  g_assert_cmpuint (f->recorder.states->len, ==, states);
}

static void
on_ticks (AuIbClient *client,
          int         ticker_id,
          gpointer    user_data)
{
  Fixture *f = user_data;

  if (ticker_id == f->ticker)
    f->ticks_seen = TRUE;
}

/* 1100: DEGRADED (R8.8); 1101 (data lost): the lines are asked for
 * again and ticks flow; READY. 1100 then 1102 (data kept): READY. */
static void
test_connectivity_codes (Fixture       *f,
                         gconstpointer  data)
{
  AuContract aapl;
  gulong handler;

  au_contract_init_stock (&aapl, "AAPL");
  f->ticker = au_ib_client_subscribe (f->client, &aapl);
  au_contract_clear (&aapl);
  g_assert_cmpint (f->ticker, >, 0);
  handler = g_signal_connect (f->client, "ticks-updated", G_CALLBACK (on_ticks), f);
  f->ticks_seen = FALSE;
  g_assert_true (ibsim_wait_flag (&f->ticks_seen, IBSIM_REPLY_MS));

  ibsim_sim_control (f->sim, "1100");
  g_assert_true (wait_state (f, AU_BROKER_DEGRADED, IBSIM_REPLY_MS));
  g_assert_true (ibsim_recorder_has_notice (&f->recorder, 1100));

  f->ticks_seen = FALSE;
  ibsim_sim_control (f->sim, "1101");
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  g_assert_true (ibsim_recorder_has_notice (&f->recorder, 1101));
  g_assert_cmpuint (au_ib_client_get_n_subscriptions (f->client), ==, 1);
  /* Re-subscribed: the line answers again after 1101. */
  g_assert_true (ibsim_wait_flag (&f->ticks_seen, IBSIM_REPLY_MS));
  g_assert_true (au_ib_client_get_ticks (f->client, f->ticker)->has_bid);

  ibsim_sim_control (f->sim, "1100");
  g_assert_true (wait_state (f, AU_BROKER_DEGRADED, IBSIM_REPLY_MS));
  ibsim_sim_control (f->sim, "1102");
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  g_assert_true (ibsim_recorder_has_notice (&f->recorder, 1102));
  /* No reconnect was needed for any of them. */
  g_assert_cmpuint (f->connecting_at->len, ==, 0);

  g_signal_handler_disconnect (f->client, handler);
  au_ib_client_unsubscribe (f->client, f->ticker);
}

static const AuOrderUpdate *
final_update (Fixture    *f,
              const char *client_order_id)
{
  gint64 deadline = g_get_monotonic_time () + IBSIM_REPLY_MS * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      for (guint i = 0; i < f->recorder.updates->len; i++)
        {
          const AuOrderUpdate *u = g_ptr_array_index (f->recorder.updates, i);

          if (g_strcmp0 (u->client_order_id, client_order_id) == 0
              && au_order_state_is_final (u->state))
            return u;
        }
      ibsim_spin (10);
    }
  g_assert_not_reached ();
}

static void
place_stock (Fixture    *f,
             const char *client_order_id,
             AuPrice     limit)
{
  g_autoptr(GError) error = NULL;
  AuOrderRequest request = { .client_order_id = (char *) client_order_id, .side = AU_SIDE_BUY,
                             .quantity = 5, .limit = limit };

  au_contract_init_stock (&request.contract, "AAPL");
  g_assert_true (au_broker_place_order (AU_BROKER (f->client), &request, &error));
  g_assert_no_error (error);
  au_contract_clear (&request.contract);
}

/* "reject 201": AU_ORDER_REJECTED with IB's reason in plain words; the
 * switch off, the next order is accepted. */
static void
test_reject_orders (Fixture       *f,
                    gconstpointer  data)
{
  const AuOrderUpdate *u;

  ibsim_sim_control (f->sim, "reject 201");
  ibsim_spin (100);
  place_stock (f, "ibsim-reject-1", 100 * AU_PRICE_SCALE);
  u = final_update (f, "ibsim-reject-1");
  g_assert_cmpint (u->state, ==, AU_ORDER_REJECTED);
  g_assert_nonnull (u->reason);
  g_assert_cmpuint (strlen (u->reason), >, 10);
  g_assert_true (ibsim_recorder_has_notice (&f->recorder, 201));

  ibsim_sim_control (f->sim, "reject 0");
  ibsim_spin (100);
  place_stock (f, "ibsim-reject-2", 100 * AU_PRICE_SCALE);
  ibsim_spin (300);
  for (guint i = 0; i < f->recorder.updates->len; i++)
    {
      u = g_ptr_array_index (f->recorder.updates, i);
      if (g_strcmp0 (u->client_order_id, "ibsim-reject-2") == 0)
        g_assert_cmpint (u->state, !=, AU_ORDER_REJECTED);
    }
}

/* --lower-next-id: a restarted gateway announces an id below those used;
 * D4: the client keeps max(local next, NEXT_VALID_ID), ids keep rising. */
static void
test_lower_next_id (Fixture       *f,
                    gconstpointer  data)
{
  guint16 port = f->sim->port;
  gint64 first_id = 0, second_id = 0;
  int next_before;

  place_stock (f, "ibsim-id-1", 100 * AU_PRICE_SCALE);
  place_stock (f, "ibsim-id-2", 100 * AU_PRICE_SCALE);
  ibsim_spin (300);
  for (guint i = 0; i < f->recorder.updates->len; i++)
    {
      const AuOrderUpdate *u = g_ptr_array_index (f->recorder.updates, i);

      if (g_strcmp0 (u->client_order_id, "ibsim-id-2") == 0)
        first_id = u->broker_order_id;
    }
  g_assert_cmpint (first_id, >, 0);
  next_before = au_ib_client_get_next_order_id (f->client);
  g_assert_cmpint (next_before, >, first_id);

  ibsim_sim_kill (g_steal_pointer (&f->sim));
  g_assert_true (wait_state (f, AU_BROKER_DISCONNECTED, IBSIM_REPLY_MS));
  f->sim = ibsim_sim_start (f->state, port, "--lower-next-id", "5", NULL);
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  g_assert_cmpint (au_ib_client_get_next_order_id (f->client), >=, next_before);

  place_stock (f, "ibsim-id-3", 100 * AU_PRICE_SCALE);
  ibsim_spin (300);
  for (guint i = 0; i < f->recorder.updates->len; i++)
    {
      const AuOrderUpdate *u = g_ptr_array_index (f->recorder.updates, i);

      if (g_strcmp0 (u->client_order_id, "ibsim-id-3") == 0)
        second_id = u->broker_order_id;
    }
  g_assert_cmpint (second_id, >, first_id);
  g_assert_cmpint (second_id, >=, next_before);
}

/* "malformed": frames the codec refuses; the client drops the line,
 * reconnects, and answers again; nothing crashes. */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  guint connects = f->connecting_at->len;

  ibsim_sim_control (f->sim, "malformed");
  g_assert_true (wait_state (f, AU_BROKER_DISCONNECTED, IBSIM_REPLY_MS));
  g_assert_true (wait_state (f, AU_BROKER_READY, IBSIM_REPLY_MS));
  g_assert_cmpuint (f->connecting_at->len, >, connects);
  assert_answers (f);
}

/* "delay 400": every reply held 400 ms; the request is still answered
 * (its wait is 6 s) without a reconnect; with the switch off, at once. */
static void
test_delay (Fixture       *f,
            gconstpointer  data)
{
  gint64 start;

  ibsim_sim_control (f->sim, "delay 400");
  ibsim_spin (100);
  start = g_get_monotonic_time ();
  assert_answers (f);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpint (state_of (f), ==, AU_BROKER_READY);
  g_assert_cmpuint (f->connecting_at->len, ==, 0);

  /* Replies already held are still sent late: let them pass. */
  ibsim_sim_control (f->sim, "delay 0");
  ibsim_spin (500);
  start = g_get_monotonic_time ();
  assert_answers (f);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 400 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/ibsim/faults/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("drop-reconnects", test_drop_reconnects);
  ADD ("backoff-doubles", test_backoff_doubles);
  ADD ("drop-after", test_drop_after);
  ADD ("connectivity-codes", test_connectivity_codes);
  ADD ("reject-orders", test_reject_orders);
  ADD ("lower-next-id", test_lower_next_id);
  ADD ("malformed", test_malformed);
  ADD ("delay", test_delay);
#undef ADD
  return g_test_run ();
}

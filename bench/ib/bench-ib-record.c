/* bench-ib-record.c: records what alluse-gateway-sim sends to AuIbClient
 * during a scripted session, for the decoder benchmark (issue 4)
 *
 * A recording proxy on 127.0.0.1 sits between the client and the
 * simulator; every byte the simulator sends is kept, from its version
 * reply on. The session asks for what the autopilot asks for in a day:
 * account, positions, account updates, option chains (ticks and option
 * computations), contract details, daily bars, orders that fill (order
 * status, open order, execution, commission report) and orders that rest
 * and are cancelled, executions and open orders.
 *
 *   bench-ib-record --port SIM_PORT --out FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-ib"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "au-ib-client.h"
#include "au-money.h"

typedef struct
{
  GSocketConnection *from;
  GSocketConnection *to;
  GByteArray        *record;   /* NULL: the client's side, not kept */
  GMutex            *lock;
} Pipe;

static gpointer
pipe_run (gpointer data)
{
  Pipe *pipe = data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (pipe->from));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (pipe->to));
  guint8 buf[65536];
  gssize n;

  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL)) > 0)
    {
      if (pipe->record != NULL)
        {
          g_mutex_lock (pipe->lock);
          g_byte_array_append (pipe->record, buf, (guint) n);
          g_mutex_unlock (pipe->lock);
        }
      if (!g_output_stream_write_all (out, buf, (gsize) n, NULL, NULL, NULL))
        break;
    }
  /* One side is gone: end the other. A shutdown (not a close) wakes the
   * other thread's blocking read on Linux. */
  g_socket_shutdown (g_socket_connection_get_socket (pipe->to), TRUE, TRUE, NULL);
  g_socket_shutdown (g_socket_connection_get_socket (pipe->from), TRUE, TRUE, NULL);
  return NULL;
}

typedef struct
{
  GSocketListener *listener;
  guint16          sim_port;
  GByteArray      *record;
  GMutex           lock;
  Pipe             up;
  Pipe             down;
  GThread         *up_thread;
  GThread         *down_thread;
} Proxy;

/* Accepts the one connection of the session and joins it to the simulator. */
static gpointer
proxy_accept (gpointer data)
{
  Proxy *proxy = data;
  g_autoptr(GSocketClient) connector = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *client;
  GSocketConnection *sim;

  client = g_socket_listener_accept (proxy->listener, NULL, NULL, &error);
  if (client == NULL)
    g_error ("proxy: %s", error->message);
  sim = g_socket_client_connect_to_host (connector, "127.0.0.1", proxy->sim_port, NULL, &error);
  if (sim == NULL)
    g_error ("proxy: cannot reach the simulator on port %u: %s", proxy->sim_port,
             error->message);
  proxy->up = (Pipe) { client, sim, NULL, &proxy->lock };
  proxy->down = (Pipe) { sim, client, proxy->record, &proxy->lock };
  proxy->up_thread = g_thread_new ("proxy-up", pipe_run, &proxy->up);
  proxy->down_thread = g_thread_new ("proxy-down", pipe_run, &proxy->down);
  return NULL;
}

/* Session helpers: each request waits for its answer on the main loop. */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
on_spin_done (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the session's replies arrive for @ms. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_spin_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
check (gboolean    ok,
       GError     *error,
       const char *what)
{
  if (!ok)
    {
      g_printerr ("bench-ib-record: %s: %s\n", what, error != NULL ? error->message : "failed");
      exit (EXIT_FAILURE);
    }
}

static void
session_chain (AuBroker   *broker,
               const char *symbol,
               guint       max_dte)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;

  au_broker_chain_async (broker, symbol, 0, max_dte, NULL, store_result, &result);
  chain = au_broker_chain_finish (broker, await (&result), &error);
  check (chain != NULL, error, "chain");
  g_printerr ("  chain %s 0–%u DTE: %u quotes\n", symbol, max_dte,
              au_option_chain_get_n_quotes (chain));
}

static void
session_bars (AuBroker   *broker,
              const char *symbol)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = NULL;

  au_broker_bars_async (broker, symbol, 250, NULL, store_result, &result);
  bars = au_broker_bars_finish (broker, await (&result), &error);
  check (bars != NULL, error, "bars");
}

static void
session_details (AuIbClient *client,
                 const char *symbol)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AuContract contract;
  int con_id;

  au_contract_init_stock (&contract, symbol);
  au_ib_client_con_id_async (client, &contract, NULL, store_result, &result);
  con_id = au_ib_client_con_id_finish (client, await (&result), &error);
  au_contract_clear (&contract);
  check (con_id > 0, error, "contract details");
}

static AuPrice
session_ask (AuBroker *broker)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuStockQuote) quote = NULL;

  au_broker_quote_async (broker, "AAPL", NULL, store_result, &result);
  quote = au_broker_quote_finish (broker, await (&result), &error);
  check (quote != NULL, error, "quote");
  return quote->ask;
}

static void
session_orders (AuBroker *broker,
                guint     n)
{
  AuPrice ask = session_ask (broker);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *take = g_strdup_printf ("bench-take-%u", i);
      g_autofree char *rest = g_strdup_printf ("bench-rest-%u", i);
      AuOrderRequest request = { .side = AU_SIDE_BUY, .quantity = 10 };

      au_contract_init_stock (&request.contract, "AAPL");
      /* Marketable: fills on arrival. */
      request.client_order_id = take;
      request.limit = ask + 5 * AU_PRICE_SCALE / 100;
      check (au_broker_place_order (broker, &request, &error), error, "place");
      /* 20% below: rests, then is cancelled. */
      request.client_order_id = rest;
      request.limit = (ask * 8 / 10) / 100 * 100;
      check (au_broker_place_order (broker, &request, &error), error, "place");
      au_contract_clear (&request.contract);
      spin (60);
      check (au_broker_cancel_order (broker, rest, &error), error, "cancel");
    }
  spin (500);
}

static void
session_lists (AuBroker *broker)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(AuBrokerAccount) account = NULL;

  au_broker_account_async (broker, NULL, store_result, &r1);
  account = au_broker_account_finish (broker, await (&r1), &error);
  check (account != NULL, error, "account");
  au_broker_positions_async (broker, NULL, store_result, &r2);
  positions = au_broker_positions_finish (broker, await (&r2), &error);
  check (positions != NULL, error, "positions");
  au_broker_executions_async (broker, 0, NULL, store_result, &r3);
  fills = au_broker_executions_finish (broker, await (&r3), &error);
  check (fills != NULL, error, "executions");
  au_broker_open_orders_async (broker, NULL, store_result, &r4);
  open = au_broker_open_orders_finish (broker, await (&r4), &error);
  check (open != NULL, error, "open orders");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuIbClient) client = NULL;
  g_autoptr(GAsyncResult) connected = NULL;
  g_autofree char *out = NULL;
  const char *symbols[] = { "AAPL", "MSFT", "AMZN", "GOOG", "SPY", "QQQ", "IWM" };
  int sim_port = 0;
  guint16 proxy_port;
  Proxy proxy = { 0 };
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &sim_port, "The simulator's port", "P" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Where the recorded stream goes", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- record a gateway session for bench-ib-decode");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-ib-record: %s\n", error->message);
      return 2;
    }
  if (sim_port <= 0 || sim_port > 65535 || out == NULL)
    {
      g_printerr ("bench-ib-record: --port (1…65535) and --out are required\n");
      return 2;
    }

  proxy.sim_port = (guint16) sim_port;
  proxy.record = g_byte_array_new ();
  g_mutex_init (&proxy.lock);
  proxy.listener = g_socket_listener_new ();
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    /* 127.0.0.1 only, a free port. */
    check (g_socket_listener_add_address (proxy.listener, any, G_SOCKET_TYPE_STREAM,
                                          G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error),
           error, "proxy listen");
    proxy_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  g_thread_unref (g_thread_new ("proxy-accept", proxy_accept, &proxy));

  client = au_ib_client_new ("127.0.0.1", proxy_port, 41);
  au_broker_connect_async (AU_BROKER (client), NULL, store_result, &connected);
  check (au_broker_connect_finish (AU_BROKER (client), await (&connected), &error), error,
         "connect");
  check (au_ib_client_set_account_updates (client, TRUE, &error), error, "account updates");

  g_printerr ("bench-ib-record: recording a session through port %u\n", proxy_port);
  session_lists (AU_BROKER (client));
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      session_details (client, symbols[i]);
      session_bars (AU_BROKER (client), symbols[i]);
    }
  session_chain (AU_BROKER (client), "AAPL", 14);
  session_chain (AU_BROKER (client), "SPY", 3);
  session_chain (AU_BROKER (client), "MSFT", 7);
  session_orders (AU_BROKER (client), 40);
  session_lists (AU_BROKER (client));
  spin (300);

  au_broker_disconnect (AU_BROKER (client));
  g_clear_object (&client);
  g_thread_join (proxy.down_thread);
  g_thread_join (proxy.up_thread);

  g_mutex_lock (&proxy.lock);
  check (g_file_set_contents (out, (const char *) proxy.record->data, proxy.record->len, &error),
         error, out);
  g_printerr ("bench-ib-record: %u bytes to %s\n", proxy.record->len, out);
  g_mutex_unlock (&proxy.lock);
  g_byte_array_unref (proxy.record);
  g_io_stream_close (G_IO_STREAM (proxy.up.from), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (proxy.up.to), NULL, NULL);
  g_object_unref (proxy.up.from);
  g_object_unref (proxy.up.to);
  g_object_unref (proxy.listener);
  return EXIT_SUCCESS;
}

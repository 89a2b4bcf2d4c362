/* au-gateway.c: a TWS API server on 127.0.0.1 backed by the paper exchange (D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-gateway"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "au-gateway-contract.h"
#include "au-gateway-error.h"
#include "au-gateway-private.h"
#include "au-market-calendar.h"

/* How often the clock's timer steps the market: fine enough for a
 * --speed of a few thousand to step it in five-minute steps. */
#define TICK_MS 50

typedef struct
{
  gint64  due;     /* monotonic µs */
  GBytes *frame;
} DelayedFrame;

G_DEFINE_FINAL_TYPE (AuGateway, au_gateway, G_TYPE_OBJECT)

void
au_gateway_config_init (AuGatewayConfig *config)
{
  g_return_if_fail (config != NULL);

  memset (config, 0, sizeof *config);
  config->port = AU_GATEWAY_DEFAULT_PORT;
  config->seed = 1;
  config->account = AU_GATEWAY_DEFAULT_ACCOUNT;
  config->speed = 1.0;
  config->cash = AU_GATEWAY_DEMO_CASH;
}

static void
delayed_frame_free (gpointer data)
{
  DelayedFrame *frame = data;

  g_bytes_unref (frame->frame);
  g_free (frame);
}

static void
conn_unref (AuGatewayConn *conn)
{
  if (--conn->refs > 0)
    return;
  g_clear_handle_id (&conn->delay_source, g_source_remove);
  if (conn->connection != NULL)
    g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_clear_object (&conn->connection);
  g_clear_pointer (&conn->decoder, au_ib_frame_decoder_free);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->tickers, g_hash_table_unref);
  g_clear_pointer (&conn->summaries, g_hash_table_unref);
  g_queue_free_full (conn->delayed, delayed_frame_free);
  g_free (conn);
}

static void
conn_close (AuGatewayConn *conn)
{
  AuGateway *self = conn->gateway;

  if (conn->closed)
    return;
  conn->closed = TRUE;
  g_cancellable_cancel (conn->cancellable);
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_message ("connection %u (client id %d) closed", conn->number, conn->client_id);
  /* The array's reference goes last: a read in flight holds its own. */
  if (self != NULL && g_ptr_array_remove (self->conns, conn))
    conn_unref (conn);
}

static void
conn_write (AuGatewayConn *conn,
            GBytes        *frame)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out;
  gsize len;
  const guint8 *data = g_bytes_get_data (frame, &len);

  if (conn->closed)
    return;
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
  if (!g_output_stream_write_all (out, data, len, NULL, NULL, &error))
    {
      g_message ("connection %u: write failed: %s", conn->number, error->message);
      conn_close (conn);
    }
}

static gboolean
flush_delayed (gpointer user_data)
{
  AuGatewayConn *conn = user_data;
  gint64 now = g_get_monotonic_time ();
  DelayedFrame *head;

  conn->delay_source = 0;
  while ((head = g_queue_peek_head (conn->delayed)) != NULL && head->due <= now)
    {
      g_queue_pop_head (conn->delayed);
      conn_write (conn, head->frame);
      delayed_frame_free (head);
    }
  if (head != NULL && !conn->closed)
    conn->delay_source = g_timeout_add ((guint) ((head->due - now + 999) / 1000),
                                        flush_delayed, conn);
  return G_SOURCE_REMOVE;
}

static void
conn_write_frame (AuGatewayConn *conn,
                  GBytes        *frame)
{
  guint delay_ms = conn->gateway->config.delay_ms;
  DelayedFrame *held;

  /* The delay switch holds every reply, in order, @delay_ms after it was
   * due; the handshake's reply too, so that a client's connect timeout
   * can be tested. */
  if (delay_ms == 0 && g_queue_is_empty (conn->delayed))
    {
      conn_write (conn, frame);
      return;
    }
  held = g_new0 (DelayedFrame, 1);
  held->due = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  held->frame = g_bytes_ref (frame);
  g_queue_push_tail (conn->delayed, held);
  if (conn->delay_source == 0)
    conn->delay_source = g_timeout_add (delay_ms, flush_delayed, conn);
}

void
_au_gateway_send (AuGatewayConn      *conn,
                  const AuIbIncoming *message)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;

  if (conn->closed)
    return;
  if (!au_ib_incoming_encode (message, bytes, &error))
    {
      /* A reply the codec refuses is a bug of ours: say which, send the
       * client an error it can act on rather than nothing. */
      g_warning ("cannot encode %s: %s", au_ib_in_name (message->id), error->message);
      if (message->id != AU_IB_IN_ERR_MSG)
        _au_gateway_send_error (conn, -1, 320, "Error reading request: the simulator could not "
                                "encode its reply");
      return;
    }
  frame = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  conn_write_frame (conn, frame);
}

void
_au_gateway_send_error (AuGatewayConn *conn,
                        int            id,
                        int            code,
                        const char    *text)
{
  AuIbIncoming m = { .id = AU_IB_IN_ERR_MSG };

  m.u.err_msg.id = id;
  m.u.err_msg.code = code;
  m.u.err_msg.message = text;
  m.u.err_msg.advanced_order_reject_json = "";
  _au_gateway_send (conn, &m);
}

GPtrArray *
_au_gateway_dup_conns (AuGateway *self)
{
  return g_ptr_array_copy (self->conns, NULL, NULL);
}

AuGatewayConn *
_au_gateway_conn_for (AuGateway *self,
                      int        client_id)
{
  guint i;

  for (i = 0; i < self->conns->len; i++)
    {
      AuGatewayConn *conn = g_ptr_array_index (self->conns, i);

      if (conn->started && !conn->closed && conn->client_id == client_id)
        return conn;
    }
  return NULL;
}

char *
_au_gateway_format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) eastern = g_date_time_to_timezone (utc, au_eastern_time_zone ());

  return g_date_time_format (eastern, "%Y%m%d %H:%M:%S US/Eastern");
}

gint64
au_gateway_get_now (AuGateway *self)
{
  gint64 elapsed;

  g_return_val_if_fail (AU_IS_GATEWAY (self), 0);

  /* D4: the simulated clock runs at --speed from its anchor. */
  elapsed = g_get_monotonic_time () - self->mono_anchor;
  return self->clock_anchor + (gint64) ((double) elapsed * self->config.speed);
}

gboolean
_au_gateway_advance (AuGateway *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = au_gateway_get_now (self);
  gint64 before = au_paper_exchange_get_now (self->exchange);

  if (now < au_paper_exchange_get_next_step (self->exchange))
    return FALSE;
  if (!au_paper_exchange_advance_to (self->exchange, now, &error))
    g_warning ("the paper market cannot step to the clock: %s", error->message);
  return au_paper_exchange_get_now (self->exchange) != before;
}

void
_au_gateway_save_book (AuGateway *self)
{
  g_autoptr(GError) error = NULL;

  au_gateway_book_set_clock (self->book, au_gateway_get_now (self));
  if (!au_gateway_book_save (self->book, &error))
    g_warning ("%s", error->message);
}

static gboolean
on_tick (gpointer user_data)
{
  AuGateway *self = user_data;

  if (_au_gateway_advance (self))
    _au_gateway_market_stepped (self);
  return G_SOURCE_CONTINUE;
}

/* Farm notices every gateway sends after the accounts and the id. */
static const struct { int code; const char *text; } farm_notices[] = {
  { 2104, "Market data farm connection is OK:usfarm" },
  { 2106, "HMDS data farm connection is OK:ushmds" },
  { 2158, "Sec-def data farm connection is OK:secdefnj" },
};

static void
send_malformed (AuGatewayConn *conn)
{
  /* Three frames a client must survive: an id no client knows, a known
   * message whose number is not one, and an empty frame. */
  static const char unknown[] = "9999\0" "1\0" "x\0";
  static const char bad_number[] = "1\0" "6\0" "1\0" "1\0" "not-a-price\0" "100\0" "0\0";
  static const struct { const char *data; gsize len; } frames[] = {
    { unknown, sizeof unknown - 1 },
    { bad_number, sizeof bad_number - 1 },
    { "", 0 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      g_autoptr(GBytes) frame = NULL;
      guint32 len = GUINT32_TO_BE ((guint32) frames[i].len);

      g_byte_array_append (bytes, (const guint8 *) &len, 4);
      g_byte_array_append (bytes, (const guint8 *) frames[i].data, frames[i].len);
      frame = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
      conn_write_frame (conn, frame);
    }
}

static void
start_api (AuGateway         *self,
           AuGatewayConn     *conn,
           const AuIbRequest *request)
{
  int client_id = request->u.start_api.client_id;
  AuIbIncoming m = { 0 };
  int next_id;
  guint i;

  if (conn->started)
    return;
  if (_au_gateway_conn_for (self, client_id) != NULL)
    {
      _au_gateway_send_error (conn, -1, 326, "Unable to connect as the client id is already in "
                              "use. Retry with a unique client id.");
      conn->client_id = client_id;
      conn_close (conn);
      return;
    }
  conn->client_id = client_id;
  conn->started = TRUE;
  g_message ("connection %u: client id %d started", conn->number, client_id);

  m.id = AU_IB_IN_MANAGED_ACCTS;
  m.u.managed_accts.accounts = au_gateway_book_get_account (self->book);
  _au_gateway_send (conn, &m);

  /* The lower-id switch plays a gateway that lost track of ids: the
   * client must keep max(its own next id, this) (issue 4). */
  next_id = MAX (1, au_gateway_book_get_next_valid_id (self->book) - self->config.lower_next_id);
  m.id = AU_IB_IN_NEXT_VALID_ID;
  m.u.next_valid_id.order_id = next_id;
  _au_gateway_send (conn, &m);

  for (i = 0; i < G_N_ELEMENTS (farm_notices); i++)
    _au_gateway_send_error (conn, -1, farm_notices[i].code, farm_notices[i].text);

  if (self->config.malformed)
    send_malformed (conn);
}

static void
dispatch (AuGateway         *self,
          AuGatewayConn     *conn,
          const AuIbRequest *request)
{
  AuIbIncoming m = { 0 };

  switch ((int) request->id)
    {
    case AU_IB_OUT_START_API:
      start_api (self, conn, request);
      return;
    case AU_IB_OUT_REQ_CURRENT_TIME:
      m.id = AU_IB_IN_CURRENT_TIME;
      m.u.current_time.time = au_gateway_get_now (self) / G_USEC_PER_SEC;
      _au_gateway_send (conn, &m);
      return;
    case AU_IB_OUT_REQ_MANAGED_ACCTS:
      m.id = AU_IB_IN_MANAGED_ACCTS;
      m.u.managed_accts.accounts = au_gateway_book_get_account (self->book);
      _au_gateway_send (conn, &m);
      return;
    case AU_IB_OUT_REQ_IDS:
      m.id = AU_IB_IN_NEXT_VALID_ID;
      m.u.next_valid_id.order_id = au_gateway_book_get_next_valid_id (self->book);
      _au_gateway_send (conn, &m);
      return;
    default:
      break;
    }

  if (_au_gateway_account_dispatch (self, conn, request) ||
      _au_gateway_market_dispatch (self, conn, request) ||
      _au_gateway_orders_dispatch (self, conn, request))
    return;

  g_message ("connection %u: %s (%d) is not served", conn->number,
             au_ib_out_name (request->id), request->id);
}

static void
handle_hello (AuGateway     *self,
              AuGatewayConn *conn,
              const char    *payload,
              gsize          len)
{
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autoptr(GBytes) frame = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  int lo, hi;

  conn->got_hello = TRUE;
  if (!au_ib_handshake_parse_versions (payload, len, &lo, &hi, &error))
    {
      g_message ("connection %u: bad handshake: %s", conn->number, error->message);
      conn_close (conn);
      return;
    }
  /* The codec speaks server version 176 only (tws-protocol.md §1). */
  if (lo > AU_IB_SERVER_VERSION || hi < AU_IB_SERVER_VERSION)
    {
      g_message ("connection %u: the client offers v%d..%d, the simulator speaks v%d",
                 conn->number, lo, hi, AU_IB_SERVER_VERSION);
      conn_close (conn);
      return;
    }
  time = _au_gateway_format_time (au_gateway_get_now (self));
  if (!au_ib_version_reply_write (reply, AU_IB_SERVER_VERSION, time, &error))
    {
      g_warning ("cannot write the version reply: %s", error->message);
      conn_close (conn);
      return;
    }
  frame = g_byte_array_free_to_bytes (g_steal_pointer (&reply));
  conn_write_frame (conn, frame);
}

static void conn_read (AuGatewayConn *conn);

static void
handle_payload (AuGateway     *self,
                AuGatewayConn *conn,
                char          *payload,
                gsize          len)
{
  AuIbRequest request = { 0 };
  g_autoptr(GError) error = NULL;

  if (!conn->got_hello)
    {
      handle_hello (self, conn, payload, len);
      return;
    }
  if (!au_ib_request_decode (payload, len, &request, &error))
    {
      /* A real gateway answers what it cannot read with 320 and goes on. */
      g_message ("connection %u: undecodable request: %s", conn->number, error->message);
      _au_gateway_send_error (conn, -1, 320, error->message);
      au_ib_request_clear (&request);
      return;
    }
  conn->n_requests++;
  dispatch (self, conn, &request);
  au_ib_request_clear (&request);

  if (self->config.drop_after > 0 && conn->n_requests >= self->config.drop_after)
    {
      g_message ("connection %u: dropped after %u requests (fault switch)", conn->number,
                 conn->n_requests);
      if (!g_queue_is_empty (conn->delayed))
        flush_delayed (conn);
      conn_close (conn);
    }
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AuGatewayConn *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  char *payload;
  gsize len;

  if (conn->closed || conn->gateway == NULL)
    {
      conn_unref (conn);
      return;
    }
  if (n <= 0)
    {
      conn_close (conn);
      conn_unref (conn);
      return;
    }

  au_ib_frame_decoder_feed (conn->decoder, conn->buf, (gsize) n);
  for (;;)
    {
      g_clear_error (&error);
      if (conn->closed || !au_ib_frame_decoder_next (conn->decoder, &payload, &len, &error))
        break;
      handle_payload (conn->gateway, conn, payload, len);
    }
  if (error != NULL)
    {
      g_message ("connection %u: %s", conn->number, error->message);
      conn_close (conn);
    }
  if (!conn->closed)
    conn_read (conn);
  conn_unref (conn);
}

static void
conn_read (AuGatewayConn *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->connection));

  conn->refs++;
  g_input_stream_read_async (in, conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT,
                             conn->cancellable, on_read, conn);
}

static void
contract_free (gpointer data)
{
  AuContract *contract = data;

  au_contract_clear (contract);
  g_free (contract);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  AuGateway *self = user_data;
  AuGatewayConn *conn = g_new0 (AuGatewayConn, 1);

  conn->gateway = self;
  conn->number = ++self->n_conns;
  conn->connection = g_object_ref (connection);
  conn->decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_SERVER);
  conn->cancellable = g_cancellable_new ();
  conn->client_id = -1;
  conn->market_data_type = 1;
  conn->tickers = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, contract_free);
  conn->summaries = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  conn->delayed = g_queue_new ();
  conn->refs = 1;
  g_ptr_array_add (self->conns, conn);
  g_message ("connection %u accepted", conn->number);
  conn_read (conn);
  return TRUE;
}

static void
au_gateway_dispose (GObject *object)
{
  AuGateway *self = AU_GATEWAY (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  while (self->conns != NULL && self->conns->len > 0)
    {
      AuGatewayConn *conn = g_ptr_array_steal_index (self->conns, 0);

      /* Detached first: a read still in flight finds no gateway. */
      conn->gateway = NULL;
      conn_close (conn);
      conn_unref (conn);
    }
  if (self->exchange != NULL)
    g_signal_handlers_disconnect_by_data (self->exchange, self);
  g_clear_object (&self->exchange);
  g_clear_object (&self->book);

  G_OBJECT_CLASS (au_gateway_parent_class)->dispose (object);
}

static void
au_gateway_finalize (GObject *object)
{
  AuGateway *self = AU_GATEWAY (object);

  g_clear_pointer (&self->conns, g_ptr_array_unref);
  g_clear_pointer (&self->contracts, g_hash_table_unref);
  g_free ((char *) self->config.account);
  g_free ((char *) self->config.state_path);

  G_OBJECT_CLASS (au_gateway_parent_class)->finalize (object);
}

static void
au_gateway_class_init (AuGatewayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_gateway_dispose;
  object_class->finalize = au_gateway_finalize;
}

static void
au_gateway_init (AuGateway *self)
{
  self->conns = g_ptr_array_new ();
  self->contracts = au_gateway_contract_table_new ();
}

static char *
book_path (const char *state_path)
{
  return state_path != NULL ? g_strconcat (state_path, ".gateway", NULL) : NULL;
}

AuGateway *
au_gateway_new (const AuGatewayConfig  *config,
                GError                **error)
{
  g_autoptr(AuGateway) self = NULL;
  g_autofree char *book_file = NULL;
  AuPaperConfig paper = { 0 };
  gboolean restored;
  gint64 start;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(config->speed > 0.0) || config->speed > AU_GATEWAY_MAX_SPEED)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_INVALID,
                   "speed: must be above zero and at most %g", AU_GATEWAY_MAX_SPEED);
      return NULL;
    }
  if (config->account == NULL || !g_str_has_prefix (config->account, "DU") ||
      strlen (config->account) < 3)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_INVALID,
                   "account: a paper account id starts with DU (got '%s')",
                   config->account != NULL ? config->account : "");
      return NULL;
    }

  if (config->cash < 0)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_INVALID,
                   "cash: must not be negative");
      return NULL;
    }

  self = g_object_new (AU_TYPE_GATEWAY, NULL);
  self->config = *config;
  self->config.account = g_strdup (config->account);
  self->config.state_path = g_strdup (config->state_path);

  book_file = book_path (config->state_path);
  self->book = au_gateway_book_load (book_file, error);
  if (self->book == NULL)
    return NULL;
  if (au_gateway_book_get_account (self->book) == NULL)
    au_gateway_book_set_account (self->book, config->account);
  else if (g_strcmp0 (au_gateway_book_get_account (self->book), config->account) != 0)
    g_message ("the saved state is account %s: --account %s is ignored",
               au_gateway_book_get_account (self->book), config->account);

  start = config->clock != 0 ? config->clock : g_get_real_time ();
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start / G_USEC_PER_SEC);
    int minute;

    au_eastern_split (utc, &paper.start, &minute);
  }
  paper.seed = config->seed;
  paper.cash = config->cash;
  paper.state_path = config->state_path;
  /* Issue 4: the demo holding gives every reply content from the first
   * connection; without it the account is the cash alone, which a fresh
   * ledger holding the same capital matches (D3). */
  if (!config->no_demo)
    {
      paper.demo_symbol = AU_GATEWAY_DEMO_SYMBOL;
      paper.demo_shares = AU_GATEWAY_DEMO_SHARES;
      paper.demo_short_puts = AU_GATEWAY_DEMO_SHORT_PUTS;
    }
  restored = config->state_path != NULL && g_file_test (config->state_path, G_FILE_TEST_EXISTS);
  self->exchange = au_paper_exchange_new (&paper, error);
  if (self->exchange == NULL)
    return NULL;

  /* D4: a restarted simulator is the same broker: its clock never runs
   * back before what it had already shown. (A new market opens at the
   * next session, which on a weekend is after the clock: not a reason
   * to move the clock.) */
  self->clock_anchor = MAX (start, au_gateway_book_get_clock (self->book));
  if (restored)
    self->clock_anchor = MAX (self->clock_anchor, au_paper_exchange_get_now (self->exchange));
  self->mono_anchor = g_get_monotonic_time ();

  _au_gateway_orders_connect (self);
  _au_gateway_advance (self);
  self->market_time = au_paper_exchange_get_now (self->exchange);
  _au_gateway_save_book (self);
  return g_steal_pointer (&self);
}

gboolean
au_gateway_start (AuGateway  *self,
                  GError    **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;

  g_return_val_if_fail (AU_IS_GATEWAY (self), FALSE);
  g_return_val_if_fail (self->service == NULL, FALSE);

  self->service = g_socket_service_new ();
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, self->config.port);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    {
      g_prefix_error (error, "cannot listen on 127.0.0.1:%u: ", self->config.port);
      g_clear_object (&self->service);
      return FALSE;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
  self->tick_source = g_timeout_add (TICK_MS, on_tick, self);
  return TRUE;
}

guint16
au_gateway_get_port (AuGateway *self)
{
  g_return_val_if_fail (AU_IS_GATEWAY (self), 0);

  return self->port;
}

AuPaperExchange *
au_gateway_get_exchange (AuGateway *self)
{
  g_return_val_if_fail (AU_IS_GATEWAY (self), NULL);

  return self->exchange;
}

gboolean
au_gateway_save (AuGateway  *self,
                 GError    **error)
{
  g_return_val_if_fail (AU_IS_GATEWAY (self), FALSE);

  au_gateway_book_set_clock (self->book, au_gateway_get_now (self));
  return au_gateway_book_save (self->book, error);
}

static const char *
connectivity_text (int code)
{
  switch (code)
    {
    case 1100:
      return "Connectivity between IB and Trader Workstation has been lost.";
    case 1101:
      return "Connectivity between IB and Trader Workstation has been restored - data lost.";
    case 1102:
      return "Connectivity between IB and Trader Workstation has been restored - data "
             "maintained.";
    default:
      return NULL;
    }
}

static gboolean
parse_switch (const char  *text,
              const char  *name,
              gint64       max,
              gint64      *value,
              GError     **error)
{
  char *end = NULL;

  errno = 0;
  *value = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || *value < 0 || *value > max)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_INVALID,
                   "control '%s': '%s' is not a number from 0 to %" G_GINT64_FORMAT,
                   name, text, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
au_gateway_control (AuGateway   *self,
                    const char  *line,
                    GError     **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) words = NULL;
  gint64 value;
  guint i;

  g_return_val_if_fail (AU_IS_GATEWAY (self), FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  copy = g_strstrip (g_strdup (line));
  words = g_strsplit_set (copy, " \t", 2);
  if (words[0] == NULL || *words[0] == '\0')
    return TRUE;

  if (connectivity_text ((int) g_ascii_strtoll (words[0], NULL, 10)) != NULL &&
      strlen (words[0]) == 4)
    {
      int code = (int) g_ascii_strtoll (words[0], NULL, 10);
      g_autoptr(GPtrArray) conns = _au_gateway_dup_conns (self);

      for (i = 0; i < conns->len; i++)
        {
          AuGatewayConn *conn = g_ptr_array_index (conns, i);

          if (conn->started)
            _au_gateway_send_error (conn, -1, code, connectivity_text (code));
        }
      return TRUE;
    }
  if (g_strcmp0 (words[0], "drop") == 0)
    {
      while (self->conns->len > 0)
        conn_close (g_ptr_array_index (self->conns, 0));
      return TRUE;
    }
  if (g_strcmp0 (words[0], "malformed") == 0)
    {
      g_autoptr(GPtrArray) conns = _au_gateway_dup_conns (self);

      for (i = 0; i < conns->len; i++)
        {
          AuGatewayConn *conn = g_ptr_array_index (conns, i);

          if (conn->started)
            send_malformed (conn);
        }
      return TRUE;
    }
  if (words[1] != NULL && g_strcmp0 (words[0], "reject") == 0)
    {
      if (!parse_switch (words[1], words[0], 65535, &value, error))
        return FALSE;
      self->config.reject_code = (int) value;
      return TRUE;
    }
  if (words[1] != NULL && g_strcmp0 (words[0], "delay") == 0)
    {
      if (!parse_switch (words[1], words[0], 600000, &value, error))
        return FALSE;
      self->config.delay_ms = (guint) value;
      return TRUE;
    }
  if (words[1] != NULL && g_strcmp0 (words[0], "drop-after") == 0)
    {
      if (!parse_switch (words[1], words[0], G_MAXUINT, &value, error))
        return FALSE;
      self->config.drop_after = (guint) value;
      return TRUE;
    }
  if (words[1] != NULL && g_strcmp0 (words[0], "speed") == 0)
    {
      g_autofree char *text = g_strstrip (g_strdup (words[1]));
      char *end = NULL;
      double speed = g_ascii_strtod (text, &end);

      if (end == text || *end != '\0' || !(speed > 0.0) || speed > AU_GATEWAY_MAX_SPEED)
        {
          g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_INVALID,
                       "speed: '%s' is not a number above zero and at most %g", words[1],
                       AU_GATEWAY_MAX_SPEED);
          return FALSE;
        }
      au_gateway_set_speed (self, speed);
      return TRUE;
    }
  g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_INVALID,
               "control '%s' is not known: 1100, 1101, 1102, drop, malformed, reject CODE, "
               "delay MS, drop-after N, speed X", line);
  return FALSE;
}

void
au_gateway_set_speed (AuGateway *self,
                      double     speed)
{
  g_return_if_fail (AU_IS_GATEWAY (self));
  g_return_if_fail (speed > 0.0 && speed <= AU_GATEWAY_MAX_SPEED);

  /* The clock goes on from where it is, at the new pace: no jump. */
  self->clock_anchor = au_gateway_get_now (self);
  self->mono_anchor = g_get_monotonic_time ();
  self->config.speed = speed;
}

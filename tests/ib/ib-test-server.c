/* ib-test-server.c: a scripted TWS peer on 127.0.0.1 for the client's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "au-ib-frame.h"
#include "ib-test-server.h"

typedef struct
{
  IbTestServer      *server;
  guint              number;
  GSocketConnection *connection;
  AuIbFrameDecoder  *decoder;
  gboolean           got_hello;
  gboolean           closed;
  GCancellable      *cancellable;
  int                refs;
  guint8             buf[65536];
} Conn;

struct _IbTestServer
{
  GSocketService *service;
  guint16         port;
  IbTestScript    script;
  gpointer        user_data;
  GPtrArray      *conns;     /* Conn */
  GPtrArray      *log;       /* IbRecorded */
  GArray         *accepted;  /* gint64 */
  GBytes         *hello;
  gboolean        send_accounts;
  gboolean        send_next_id;
  int             next_valid_id;
  guint           tick_id;
};

static void
recorded_free (gpointer data)
{
  IbRecorded *r = data;

  g_free (r->text);
  g_clear_pointer (&r->payload, g_bytes_unref);
  g_free (r);
}

static void
conn_unref (gpointer data)
{
  Conn *conn = data;

  if (--conn->refs > 0)
    return;
  if (conn->connection != NULL)
    g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_clear_object (&conn->connection);
  au_ib_frame_decoder_free (conn->decoder);
  g_object_unref (conn->cancellable);
  g_free (conn);
}

static Conn *
newest (IbTestServer *server)
{
  g_assert_cmpuint (server->conns->len, >, 0);
  return g_ptr_array_index (server->conns, server->conns->len - 1);
}

static void
conn_write (Conn       *conn,
            const void *data,
            gsize       len)
{
  GOutputStream *out;

  if (conn->closed)
    return;
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
  /* A test double: a few hundred bytes into a local socket never block. */
  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, NULL));
}

static void
conn_send (Conn               *conn,
           const AuIbIncoming *message)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_incoming_encode (message, bytes, &error));
  g_assert_no_error (error);
  conn_write (conn, bytes->data, bytes->len);
}

void
ib_test_server_send (IbTestServer       *server,
                     const AuIbIncoming *message)
{
  conn_send (newest (server), message);
}

void
ib_test_server_send_error (IbTestServer *server,
                           int           id,
                           int           code,
                           const char   *text)
{
  AuIbIncoming m = { .id = AU_IB_IN_ERR_MSG };

  m.u.err_msg.id = id;
  m.u.err_msg.code = code;
  m.u.err_msg.message = text;
  m.u.err_msg.advanced_order_reject_json = "";
  ib_test_server_send (server, &m);
}

void
ib_test_server_send_raw (IbTestServer *server,
                         const void   *data,
                         gsize         len)
{
  conn_write (newest (server), data, len);
}

void
ib_test_server_close (IbTestServer *server)
{
  Conn *conn = newest (server);

  if (conn->closed)
    return;
  conn->closed = TRUE;
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
}

static void
record (Conn              *conn,
        const AuIbRequest *req,
        GBytes            *payload)
{
  IbRecorded *r = g_new0 (IbRecorded, 1);

  r->payload = g_bytes_ref (payload);
  r->id = req->id;
  r->time = g_get_monotonic_time ();
  r->conn = conn->number;
  switch ((int) req->id)
    {
    case AU_IB_OUT_START_API:
      r->req_id = req->u.start_api.client_id;
      break;
    case AU_IB_OUT_REQ_MKT_DATA:
      r->req_id = req->u.mkt_data.req_id;
      r->number = req->u.mkt_data.snapshot;
      r->text = g_strdup (req->u.mkt_data.contract.symbol);
      break;
    case AU_IB_OUT_REQ_MARKET_DATA_TYPE:
      r->number = req->u.market_data_type.market_data_type;
      break;
    case AU_IB_OUT_PLACE_ORDER:
      r->req_id = req->u.place_order.order_id;
      r->text = g_strdup (req->u.place_order.order_ref);
      r->price = req->u.place_order.lmt_price;
      r->quantity = req->u.place_order.total_quantity;
      break;
    case AU_IB_OUT_CANCEL_ORDER:
      r->req_id = req->u.cancel_order.order_id;
      break;
    case AU_IB_OUT_REQ_ACCOUNT_SUMMARY:
      r->req_id = req->u.account_summary.req_id;
      r->text = g_strdup (req->u.account_summary.tags);
      break;
    case AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY:
    case AU_IB_OUT_CANCEL_MKT_DATA:
      r->req_id = req->u.cancel.req_id;
      break;
    case AU_IB_OUT_REQ_CONTRACT_DATA:
      r->req_id = req->u.contract_data.req_id;
      r->text = g_strdup (req->u.contract_data.contract.symbol);
      break;
    case AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS:
      r->req_id = req->u.sec_def_opt_params.req_id;
      r->number = req->u.sec_def_opt_params.underlying_con_id;
      break;
    case AU_IB_OUT_REQ_HISTORICAL_DATA:
      r->req_id = req->u.historical_data.req_id;
      r->text = g_strdup (req->u.historical_data.duration);
      break;
    case AU_IB_OUT_REQ_EXECUTIONS:
      r->req_id = req->u.executions.req_id;
      r->text = g_strdup (req->u.executions.time);
      break;
    default:
      break;
    }
  g_ptr_array_add (conn->server->log, r);
}

static void
answer_defaults (Conn              *conn,
                 const AuIbRequest *req)
{
  IbTestServer *server = conn->server;
  AuIbIncoming m = { 0 };

  if (req->id == AU_IB_OUT_START_API)
    {
      if (server->send_accounts)
        {
          m.id = AU_IB_IN_MANAGED_ACCTS;
          m.u.managed_accts.accounts = "DU1234567";
          conn_send (conn, &m);
        }
      if (server->send_next_id)
        {
          m.id = AU_IB_IN_NEXT_VALID_ID;
          m.u.next_valid_id.order_id = server->next_valid_id;
          conn_send (conn, &m);
        }
      m.id = AU_IB_IN_ERR_MSG;
      m.u.err_msg = (AuIbErrMsg) { -1, 2104, "Market data farm connection is OK:usfarm", "" };
      conn_send (conn, &m);
    }
  else if (req->id == AU_IB_OUT_REQ_CURRENT_TIME)
    {
      m.id = AU_IB_IN_CURRENT_TIME;
      m.u.current_time.time = 1796137200;   /* 2026-12-01 15:00:00 UTC */
      conn_send (conn, &m);
    }
}

static void conn_read (Conn *conn);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Conn *conn = user_data;
  IbTestServer *server;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);
  char *payload;
  gsize len;

  if (g_cancellable_is_cancelled (conn->cancellable) || n <= 0 || conn->closed)
    {
      conn_unref (conn);
      return;
    }
  server = conn->server;

  /* Keep the handshake's exact bytes for the test that checks them. */
  if (!conn->got_hello)
    {
      g_clear_pointer (&server->hello, g_bytes_unref);
      server->hello = g_bytes_new (conn->buf, MIN (n, 17));
    }

  au_ib_frame_decoder_feed (conn->decoder, conn->buf, n);
  while (!conn->closed && au_ib_frame_decoder_next (conn->decoder, &payload, &len, NULL))
    {
      AuIbRequest req = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) raw = NULL;

      if (!conn->got_hello)
        {
          int lo, hi;
          g_autoptr(GByteArray) reply = g_byte_array_new ();

          conn->got_hello = TRUE;
          g_assert_true (au_ib_handshake_parse_versions (payload, len, &lo, &hi, NULL));
          g_assert_true (au_ib_version_reply_write (reply, 176, "20261201 15:00:00 UTC", NULL));
          conn_write (conn, reply->data, reply->len);
          continue;
        }
      /* Kept before decoding: the decoder may unescape in place. */
      raw = g_bytes_new (payload, len);
      if (!au_ib_request_decode (payload, len, &req, &error))
        g_error ("the client sent an undecodable request: %s", error->message);
      record (conn, &req, raw);
      if (server->script == NULL || !server->script (server, &req, server->user_data))
        answer_defaults (conn, &req);
      au_ib_request_clear (&req);
    }
  if (!conn->closed)
    conn_read (conn);
  conn_unref (conn);
}

static void
conn_read (Conn *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->connection));

  conn->refs++;
  g_input_stream_read_async (in, conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT,
                             conn->cancellable, on_read, conn);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  IbTestServer *server = user_data;
  Conn *conn = g_new0 (Conn, 1);
  gint64 now = g_get_monotonic_time ();

  conn->server = server;
  conn->number = server->conns->len + 1;
  conn->connection = g_object_ref (connection);
  conn->decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_SERVER);
  conn->cancellable = g_cancellable_new ();
  conn->refs = 1;
  g_ptr_array_add (server->conns, conn);
  g_array_append_val (server->accepted, now);

  conn_read (conn);
  return TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

IbTestServer *
ib_test_server_new (IbTestScript script,
                    gpointer     user_data)
{
  IbTestServer *server = g_new0 (IbTestServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  server->script = script;
  server->user_data = user_data;
  server->conns = g_ptr_array_new_with_free_func (conn_unref);
  server->log = g_ptr_array_new_with_free_func (recorded_free);
  server->accepted = g_array_new (FALSE, FALSE, sizeof (gint64));
  server->send_accounts = TRUE;
  server->send_next_id = TRUE;
  server->next_valid_id = 1;
  server->service = g_socket_service_new ();
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
  g_socket_service_start (server->service);
  server->tick_id = g_timeout_add (5, on_tick, NULL);
  return server;
}

void
ib_test_server_free (IbTestServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  for (guint i = 0; i < server->conns->len; i++)
    {
      Conn *conn = g_ptr_array_index (server->conns, i);

      conn->closed = TRUE;
      g_cancellable_cancel (conn->cancellable);
    }
  g_source_remove (server->tick_id);
  g_ptr_array_unref (server->conns);
  g_ptr_array_unref (server->log);
  g_array_unref (server->accepted);
  g_clear_pointer (&server->hello, g_bytes_unref);
  g_free (server);
}

guint16
ib_test_server_get_port (IbTestServer *server)
{
  return server->port;
}

void
ib_test_server_set_ready (IbTestServer *server,
                          gboolean      send_accounts,
                          gboolean      send_next_id,
                          int           next_valid_id)
{
  server->send_accounts = send_accounts;
  server->send_next_id = send_next_id;
  server->next_valid_id = next_valid_id;
}

guint
ib_test_server_n_connections (IbTestServer *server)
{
  return server->conns->len;
}

GBytes *
ib_test_server_get_hello (IbTestServer *server)
{
  return server->hello;
}

GPtrArray *
ib_test_server_get_log (IbTestServer *server)
{
  return server->log;
}

guint
ib_test_server_count (IbTestServer *server,
                      AuIbOutId     id,
                      guint         conn)
{
  guint n = 0;

  for (guint i = 0; i < server->log->len; i++)
    {
      IbRecorded *r = g_ptr_array_index (server->log, i);

      if (r->id == id && (conn == 0 || r->conn == conn))
        n++;
    }
  return n;
}

const IbRecorded *
ib_test_server_last (IbTestServer *server,
                     AuIbOutId     id)
{
  for (guint i = server->log->len; i > 0; i--)
    {
      IbRecorded *r = g_ptr_array_index (server->log, i - 1);

      if (r->id == id)
        return r;
    }
  return NULL;
}

gint64
ib_test_server_accepted_at (IbTestServer *server,
                            guint         conn)
{
  g_assert_cmpuint (conn, >=, 1);
  g_assert_cmpuint (conn, <=, server->accepted->len);
  return g_array_index (server->accepted, gint64, conn - 1);
}

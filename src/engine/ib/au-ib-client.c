/* au-ib-client.c: the IB client's connection: handshake, readiness,
 * framing, pacing, errors and reconnects (tws-protocol.md §2, §4, §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>
#include <string.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "au-ib-client-private.h"

#define READ_CHUNK            65536
#define DEFAULT_READY_MS      10000   /* §4: wait for both messages ~10 s */
#define DEFAULT_RECONNECT_MS  1000
#define MAX_RECONNECT_MS      60000
#define DEFAULT_REQUEST_MS    30000
/* D4: the gateway's clock is asked again this often, so that a simulated
 * one running faster than real time is followed (its rate measured over
 * at least RATE_MIN_SPAN_US) and quotes are dated on it. */
#define TIME_POLL_MS          1000
#define RATE_MIN_SPAN_US      (2 * G_USEC_PER_SEC)

/* One TCP connection. Callbacks hold a reference; once the client drops
 * the session, @client is NULL and late callbacks only release it. */
struct _AuIbSession
{
  AuIbClient        *client;
  GSocketConnection *connection;
  GCancellable      *cancellable;
  AuIbFrameDecoder  *decoder;
  gboolean           got_version;
  GQueue             out;          /* OutFrame */
  gboolean           writing;
  AuIbPacer          pacer;
  guint              pace_id;
  GMainContext      *context;      /* the client's */
};

typedef struct
{
  GBytes   *bytes;
  gboolean  paced;                 /* the handshake is not a message */
} OutFrame;

enum {
  SIGNAL_TICKS_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void au_ib_client_broker_init (AuBrokerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AuIbClient, au_ib_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AU_TYPE_BROKER, au_ib_client_broker_init))

static void session_drop         (AuIbClient *self);
static void connection_lost      (AuIbClient *self,
                                  int         code,
                                  const char *reason);
static void start_connection     (AuIbClient *self);

/* Session */

static void
out_frame_free (gpointer data)
{
  OutFrame *frame = data;

  g_bytes_unref (frame->bytes);
  g_free (frame);
}

static void
session_clear (gpointer data)
{
  AuIbSession *session = data;

  au_ib_source_clear (session->context, &session->pace_id);
  g_queue_clear_full (&session->out, out_frame_free);
  g_clear_pointer (&session->decoder, au_ib_frame_decoder_free);
  g_clear_object (&session->cancellable);
  g_clear_object (&session->connection);
  g_clear_pointer (&session->context, g_main_context_unref);
}

static AuIbSession *
session_ref (AuIbSession *session)
{
  return g_atomic_rc_box_acquire (session);
}

static void
session_unref (AuIbSession *session)
{
  g_atomic_rc_box_release_full (session, session_clear);
}

static void
set_state (AuIbClient    *self,
           AuBrokerState  state)
{
  if (self->state == state)
    return;
  g_debug ("state %s → %s", au_broker_state_to_string (self->state),
           au_broker_state_to_string (state));
  self->state = state;
  au_broker_emit_state_changed (AU_BROKER (self));
}

void
au_ib_client_notice (AuIbClient *self,
                     int         code,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_message ("IB %d: %s", code, message);
  au_broker_emit_notice (AU_BROKER (self), code, message);
}

/* The table's plain words, IB's own text and what to do, in one line. */
char *
au_ib_client_explain (int         code,
                      const char *server_text)
{
  const AuIbCodeInfo *info = au_ib_code_lookup (code);

  if (server_text != NULL && *server_text != '\0')
    return g_strdup_printf ("%s (IB %d: %s) %s", info->meaning, code, server_text, info->action);
  return g_strdup_printf ("%s (IB %d) %s", info->meaning, code, info->action);
}

guint
au_ib_timeout_add (GMainContext   *context,
                   guint           ms,
                   GSourceFunc     func,
                   gpointer        data,
                   GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[au-ib] timer");
  return g_source_attach (source, context);
}

void
au_ib_source_clear (GMainContext *context,
                    guint        *id)
{
  GSource *source;

  if (*id == 0)
    return;
  source = g_main_context_find_source_by_id (context, *id);
  if (source != NULL)
    g_source_destroy (source);
  *id = 0;
}

/* D4: the gateway's clock, carried forward at its measured rate on our
 * monotonic clock between its CURRENT_TIME answers. Before the first
 * answer there is no gateway clock: the system's stands in. */
static gint64
gateway_now (AuIbClient *self)
{
  if (!self->got_time && self->gateway_time_us == 0)
    return g_get_real_time ();
  return self->gateway_time_us
         + (gint64) ((double) (g_get_monotonic_time () - self->gateway_mono_us)
                     * self->gateway_rate);
}

gint64
au_ib_client_now (AuIbClient *self)
{
  /* What arrives is dated on the engine's clock when we have it, so that
   * its age is measured on the clock that judges it (D2.7). */
  if (self->clock != NULL)
    return au_clock_get_now (self->clock);
  return gateway_now (self);
}

double
au_ib_client_get_clock_rate (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), 1.0);

  return self->gateway_rate;
}

void
au_ib_client_set_clock (AuIbClient *self,
                        AuClock    *clock)
{
  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (clock == NULL || AU_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

void
au_ib_client_set_earnings_store (AuIbClient      *self,
                                 AuEarningsStore *store)
{
  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (store == NULL || AU_IS_EARNINGS_STORE (store));

  g_set_object (&self->earnings, store);
}

void
au_ib_client_set_pacing (AuIbClient *self,
                         double      messages_per_second)
{
  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (messages_per_second >= 1.0);

  self->pacer_rate = messages_per_second;
  if (self->session != NULL)
    self->session->pacer.rate = messages_per_second;
}

/* One CURRENT_TIME answer (whole seconds): the rate over the last
 * answers, then the clock re-based when our running estimate has left
 * the second the gateway named. */
static void
take_gateway_time (AuIbClient *self,
                   gint64      seconds)
{
  gint64 mono = g_get_monotonic_time ();
  gint64 told = seconds * G_USEC_PER_SEC;
  gint64 predicted = gateway_now (self);
  guint n;

  if (!self->got_time)
    {
      /* A new connection, maybe to a restarted gateway: its first answer
       * is the clock; the rate measured before stays the best guess. */
      self->n_time_samples = 0;
      predicted = G_MININT64;
    }
  if (self->n_time_samples == AU_IB_TIME_SAMPLES)
    {
      memmove (self->time_told, self->time_told + 1, sizeof (gint64) * (AU_IB_TIME_SAMPLES - 1));
      memmove (self->time_mono, self->time_mono + 1, sizeof (gint64) * (AU_IB_TIME_SAMPLES - 1));
      self->n_time_samples--;
    }
  n = self->n_time_samples++;
  self->time_told[n] = told;
  self->time_mono[n] = mono;

  if (mono - self->time_mono[0] >= RATE_MIN_SPAN_US)
    {
      double span = (double) (mono - self->time_mono[0]);
      double rate = (double) (told - self->time_told[0]) / span;
      /* Whole seconds blur the rate by a second over the span: within
       * that, the gateway keeps real time. */
      double blur = (double) G_USEC_PER_SEC / span;

      self->gateway_rate = fabs (rate - 1.0) <= blur ? 1.0 : MAX (rate, blur);
    }
  if (predicted < told || predicted >= told + G_USEC_PER_SEC)
    {
      self->gateway_time_us = told;
      self->gateway_mono_us = mono;
    }
}

static gboolean
on_time_poll (gpointer user_data)
{
  AuIbClient *self = user_data;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_CURRENT_TIME };

  if (self->session != NULL && (self->state == AU_BROKER_READY
                                || self->state == AU_BROKER_DEGRADED))
    au_ib_client_send_quietly (self, &request);
  au_ib_expiry_poll (self);
  return G_SOURCE_CONTINUE;
}

/* Writing, paced */

static void session_pump (AuIbSession *session);

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AuIbSession *session = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      if (session->client != NULL)
        {
          g_autofree char *reason = g_strdup_printf ("Writing to IB Gateway failed: %s",
                                                     error->message);
          connection_lost (session->client, 0, reason);
        }
      session_unref (session);
      return;
    }

  session->writing = FALSE;
  if (session->client != NULL)
    session_pump (session);
  session_unref (session);
}

static gboolean
on_pace_timeout (gpointer user_data)
{
  AuIbSession *session = user_data;

  session->pace_id = 0;
  session_pump (session);
  return G_SOURCE_REMOVE;
}

static void
session_pump (AuIbSession *session)
{
  OutFrame *frame;
  GOutputStream *out;
  gint64 wait_us = 0;
  gsize len;
  const guint8 *data;

  if (session->writing || session->pace_id != 0 || session->connection == NULL)
    return;
  frame = g_queue_peek_head (&session->out);
  if (frame == NULL)
    return;

  if (frame->paced && !au_ib_pacer_try_take (&session->pacer, g_get_monotonic_time (), &wait_us))
    {
      session->pace_id = au_ib_timeout_add (session->context, (guint) ((wait_us + 999) / 1000),
                                             on_pace_timeout, session, NULL);
      return;
    }

  frame = g_queue_pop_head (&session->out);
  session->writing = TRUE;
  out = g_io_stream_get_output_stream (G_IO_STREAM (session->connection));
  data = g_bytes_get_data (frame->bytes, &len);
  /* write_all_async keeps no copy: the frame lives until the callback. */
  g_object_set_data_full (G_OBJECT (out), "au-ib-frame", frame, out_frame_free);
  g_output_stream_write_all_async (out, data, len, G_PRIORITY_DEFAULT,
                                   session->cancellable, on_written, session_ref (session));
}

static void
session_queue (AuIbSession *session,
               GByteArray  *bytes,
               gboolean     paced)
{
  OutFrame *frame = g_new0 (OutFrame, 1);

  frame->bytes = g_byte_array_free_to_bytes (bytes);
  frame->paced = paced;
  g_queue_push_tail (&session->out, frame);
  session_pump (session);
}

gboolean
au_ib_client_send (AuIbClient        *self,
                   const AuIbRequest *request,
                   GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  if (self->session == NULL || !self->session->got_version)
    {
      g_autofree char *text = au_ib_client_explain (504, NULL);
      g_set_error_literal (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED, text);
      return FALSE;
    }
  if (!au_ib_request_encode (request, bytes, error))
    return FALSE;
  g_debug ("→ %s", au_ib_out_name (request->id));
  session_queue (self->session, g_steal_pointer (&bytes), TRUE);
  return TRUE;
}

guint
au_ib_client_queue_delay_ms (AuIbClient *self)
{
  if (self->session == NULL)
    return 0;
  return (guint) ceil (g_queue_get_length (&self->session->out) * 1000.0 / self->pacer_rate);
}

void
au_ib_client_send_quietly (AuIbClient        *self,
                           const AuIbRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!au_ib_client_send (self, request, &error))
    g_debug ("%s not sent: %s", au_ib_out_name (request->id), error->message);
}

gboolean
au_ib_client_check_ready (AuIbClient  *self,
                          GError     **error)
{
  if (self->state == AU_BROKER_READY || self->state == AU_BROKER_DEGRADED)
    return TRUE;
  g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
               "Not connected to IB Gateway (%s). The autopilot reconnects on its own; "
               "check that IB Gateway is running.", au_broker_state_to_string (self->state));
  return FALSE;
}

/* Readiness */

static void
send_simple (AuIbClient *self,
             AuIbOutId   id)
{
  AuIbRequest request = { .id = id };

  au_ib_client_send_quietly (self, &request);
}

static void
check_ready (AuIbClient *self)
{
  gboolean reconnected;

  /* §4: ready once both NEXT_VALID_ID and MANAGED_ACCTS arrived, in any
   * order; D4: and once the gateway told us its time. */
  if (self->state != AU_BROKER_CONNECTING
      || !self->got_next_id || !self->got_accounts || !self->got_time)
    return;

  au_ib_source_clear (self->context, &self->ready_timeout_id);
  reconnected = self->ever_ready;
  self->ever_ready = TRUE;
  self->reconnect_attempt = 0;

  if (self->delayed_mode)
    {
      AuIbRequest request = { .id = AU_IB_OUT_REQ_MARKET_DATA_TYPE };

      request.u.market_data_type.market_data_type = 3;
      au_ib_client_send_quietly (self, &request);
    }
  /* A new connection has no market data lines: ask for every one, also
   * those subscribed before the first connect. */
  au_ib_client_resubscribe (self);
  if (reconnected)
    {
      au_ib_client_notice (self, 0, "Reconnected to IB Gateway (server version %d); "
                           "the autopilot checks its orders and positions against the broker.",
                           self->server_version);
    }

  set_state (self, AU_BROKER_READY);
  au_ib_source_clear (self->context, &self->time_poll_id);
  self->time_poll_id = au_ib_timeout_add (self->context, TIME_POLL_MS, on_time_poll, self, NULL);

  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      g_task_return_boolean (task, TRUE);
    }
}

static gboolean
on_ready_timeout (gpointer user_data)
{
  AuIbClient *self = user_data;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;
  g_autofree char *reason = NULL;

  self->ready_timeout_id = 0;
  if (self->session == NULL || !self->session->got_version)
    g_ptr_array_add (missing, "server version");
  if (!self->got_accounts)
    g_ptr_array_add (missing, "managed accounts");
  if (!self->got_next_id)
    g_ptr_array_add (missing, "next order id");
  if (!self->got_time)
    g_ptr_array_add (missing, "current time");
  g_ptr_array_add (missing, NULL);
  list = g_strjoinv (", ", (char **) missing->pdata);

  reason = g_strdup_printf ("The API connection failed: IB Gateway did not complete the "
                            "handshake within %.1f s (missing: %s). If IB Gateway shows an "
                            "“Accept incoming connection” dialog, accept it; otherwise make "
                            "sure you are logged in.", self->ready_ms / 1000.0, list);
  connection_lost (self, 0, reason);
  return G_SOURCE_REMOVE;
}

/* Incoming */

static void
handle_system_error (AuIbClient       *self,
                     const AuIbErrMsg *err)
{
  const AuIbCodeInfo *info = au_ib_code_lookup (err->code);
  g_autofree char *text = au_ib_client_explain (err->code, err->message);

  switch (err->code)
    {
    case 1100:
      au_ib_client_notice (self, err->code, "%s", text);
      if (self->state == AU_BROKER_READY)
        set_state (self, AU_BROKER_DEGRADED);
      return;
    case 1101:
      au_ib_client_notice (self, err->code, "%s", text);
      au_ib_client_resubscribe (self);
      if (self->state == AU_BROKER_DEGRADED)
        set_state (self, AU_BROKER_READY);
      return;
    case 1102:
      au_ib_client_notice (self, err->code, "%s", text);
      if (self->state == AU_BROKER_DEGRADED)
        set_state (self, AU_BROKER_READY);
      return;
    case 326:
    case 1300:
      /* The gateway drops the socket itself; say why before it does. */
      connection_lost (self, err->code, text);
      return;
    default:
      break;
    }

  if (info->klass == AU_IB_CODE_INFO)
    g_debug ("IB %d: %s", err->code, err->message ? err->message : "");
  else
    au_ib_client_notice (self, err->code, "%s", text);
}

static void
dispatch (AuIbClient         *self,
          const AuIbIncoming *msg)
{
  switch ((int) msg->id)
    {
    case AU_IB_IN_NEXT_VALID_ID:
      /* §4: after a gateway restart the id can be lower than ones we
       * used; never go back. */
      self->next_order_id = MAX (self->next_order_id, msg->u.next_valid_id.order_id);
      self->got_next_id = TRUE;
      check_ready (self);
      return;

    case AU_IB_IN_MANAGED_ACCTS:
      g_free (self->accounts);
      self->accounts = g_strdup (msg->u.managed_accts.accounts);
      self->got_accounts = TRUE;
      check_ready (self);
      return;

    case AU_IB_IN_CURRENT_TIME:
      take_gateway_time (self, msg->u.current_time.time);
      self->got_time = TRUE;
      check_ready (self);
      return;

    case AU_IB_IN_ERR_MSG:
      if (au_ib_client_orders_error (self, &msg->u.err_msg))
        return;
      if (au_ib_client_data_error (self, &msg->u.err_msg))
        return;
      handle_system_error (self, &msg->u.err_msg);
      return;

    default:
      break;
    }

  if (au_ib_client_orders_dispatch (self, msg))
    return;
  if (au_ib_client_data_dispatch (self, msg))
    return;
  g_debug ("← %s ignored", au_ib_in_name (msg->id));
}

static void
on_version (AuIbClient *self,
            char       *payload,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  const char *connection_time = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_START_API };

  if (!au_ib_version_reply_parse (payload, len, &self->server_version, &connection_time, &error))
    {
      if (g_error_matches (error, AU_IB_ERROR, AU_IB_ERROR_NOT_VERSION_REPLY))
        {
          g_debug ("skipping a frame before the version reply");
          return;
        }
      {
        g_autofree char *reason = g_strdup_printf ("IB Gateway's handshake failed: %s",
                                                   error->message);
        /* A gateway of another version will not change by retrying. */
        self->want_connected = FALSE;
        connection_lost (self, 503, reason);
      }
      return;
    }

  g_debug ("server version %d, connected at %s", self->server_version, connection_time);
  self->session->got_version = TRUE;
  request.u.start_api.client_id = self->client_id;
  request.u.start_api.optional_capabilities = "";
  au_ib_client_send_quietly (self, &request);
  send_simple (self, AU_IB_OUT_REQ_CURRENT_TIME);
}

static void
on_frame (AuIbClient *self,
          char       *payload,
          gsize       len)
{
  AuIbIncoming msg = { 0 };
  g_autoptr(GError) error = NULL;

  if (!self->session->got_version)
    {
      on_version (self, payload, len);
      return;
    }

  if (!au_ib_incoming_decode (payload, len, &msg, &error))
    {
      au_ib_incoming_clear (&msg);
      if (g_error_matches (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE))
        {
          /* §2.4: framing makes skipping safe. */
          g_message ("skipping an unknown IB message: %s", error->message);
          return;
        }
      {
        g_autofree char *reason =
          g_strdup_printf ("IB Gateway sent a message the autopilot cannot read (%s); "
                           "it reconnects to start clean.", error->message);
        connection_lost (self, 0, reason);
      }
      return;
    }

  dispatch (self, &msg);
  au_ib_incoming_clear (&msg);
}

static void session_read (AuIbSession *session);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AuIbSession *session = user_data;
  AuIbClient *self = session->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize n;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (self == NULL)
    {
      session_unref (session);
      return;
    }
  if (bytes == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("Reading from IB Gateway failed: %s",
                                                 error->message);
      connection_lost (self, 0, reason);
      session_unref (session);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      connection_lost (self, 504, "IB Gateway closed the connection (restart, logout or "
                                  "another client). The autopilot reconnects on its own.");
      session_unref (session);
      return;
    }

  au_ib_frame_decoder_feed (session->decoder, g_bytes_get_data (bytes, &n),
                            g_bytes_get_size (bytes));

  /* Each frame may end the session (326, a malformed message): check
   * after every one. */
  while (session->client != NULL && self->session == session)
    {
      char *payload = NULL;
      gsize len = 0;

      if (!au_ib_frame_decoder_next (session->decoder, &payload, &len, &error))
        {
          if (error != NULL)
            {
              g_autofree char *reason =
                g_strdup_printf ("IB Gateway sent a broken frame (%s); the autopilot "
                                 "reconnects.", error->message);
              connection_lost (self, 0, reason);
            }
          break;
        }
      if (len == 0)
        continue;
      on_frame (self, payload, len);
    }

  if (session->client != NULL && self->session == session)
    session_read (session);
  session_unref (session);
}

static void
session_read (AuIbSession *session)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (session->connection));

  g_input_stream_read_bytes_async (in, READ_CHUNK, G_PRIORITY_DEFAULT, session->cancellable,
                                   on_read, session_ref (session));
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AuIbSession *session = user_data;
  AuIbClient *self = session->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) opt_error = NULL;
  g_autoptr(GByteArray) hello = g_byte_array_new ();

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  if (self == NULL)
    {
      session_unref (session);
      return;
    }
  if (connection == NULL)
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          session_unref (session);
          return;
        }
      reason = g_strdup_printf ("%s (%s:%u: %s) %s", au_ib_code_lookup (502)->meaning,
                                self->host, self->port, error->message,
                                au_ib_code_lookup (502)->action);
      connection_lost (self, 502, reason);
      session_unref (session);
      return;
    }

  /* The connect timeout would also end a quiet read: an idle gateway
   * is normal, a dead one shows as EOF or a failed write. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 0);
  /* §2.1: no Nagle; orders go out at once. */
  if (!g_socket_set_option (g_socket_connection_get_socket (connection),
                            IPPROTO_TCP, TCP_NODELAY, 1, &opt_error))
    g_debug ("TCP_NODELAY: %s", opt_error->message);

  session->connection = g_steal_pointer (&connection);
  au_ib_handshake_write (hello, AU_IB_MIN_CLIENT_VERSION, AU_IB_MAX_CLIENT_VERSION, NULL);
  session_queue (session, g_steal_pointer (&hello), FALSE);
  session_read (session);
  session_unref (session);
}

static gboolean
on_reconnect (gpointer user_data)
{
  AuIbClient *self = user_data;

  self->reconnect_id = 0;
  if (self->want_connected && self->session == NULL)
    start_connection (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (AuIbClient *self)
{
  guint delay = self->reconnect_base_ms;

  for (guint i = 0; i < self->reconnect_attempt && delay < MAX_RECONNECT_MS; i++)
    delay *= 2;
  delay = MIN (delay, MAX_RECONNECT_MS);
  self->reconnect_attempt++;
  g_debug ("reconnecting in %u ms (attempt %u)", delay, self->reconnect_attempt);
  au_ib_source_clear (self->context, &self->reconnect_id);
  self->reconnect_id = au_ib_timeout_add (self->context, delay, on_reconnect, self, NULL);
}

static void
session_drop (AuIbClient *self)
{
  AuIbSession *session = g_steal_pointer (&self->session);

  au_ib_source_clear (self->context, &self->ready_timeout_id);
  au_ib_source_clear (self->context, &self->time_poll_id);
  if (session == NULL)
    return;
  session->client = NULL;
  g_cancellable_cancel (session->cancellable);
  au_ib_source_clear (session->context, &session->pace_id);
  if (session->connection != NULL)
    g_io_stream_close (G_IO_STREAM (session->connection), NULL, NULL);
  session_unref (session);
}

/* The end of a connection, whatever ended it: say why, fail what waits,
 * and come back unless the caller asked us to stay away. */
static void
connection_lost (AuIbClient *self,
                 int         code,
                 const char *reason)
{
  g_autofree char *why = g_strdup (reason);

  session_drop (self);
  au_ib_client_notice (self, code, "%s", why);
  au_ib_pending_fail_all (self, why);
  set_state (self, AU_BROKER_DISCONNECTED);

  if (self->connect_task != NULL && !self->ever_ready)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      /* The first connection failed: the caller decides what next. */
      self->want_connected = FALSE;
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED, "%s", why);
      return;
    }
  if (self->want_connected)
    schedule_reconnect (self);
}

static void
start_connection (AuIbClient *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  AuIbSession *session;

  session = g_atomic_rc_box_new0 (AuIbSession);
  session->client = self;
  session->context = g_main_context_ref (self->context);
  session->cancellable = g_cancellable_new ();
  session->decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
  g_queue_init (&session->out);
  au_ib_pacer_init (&session->pacer, self->pacer_rate, AU_IB_PACER_BURST,
                    g_get_monotonic_time ());
  self->session = session;

  self->got_next_id = FALSE;
  self->got_accounts = FALSE;
  self->got_time = FALSE;
  set_state (self, AU_BROKER_CONNECTING);

  au_ib_source_clear (self->context, &self->ready_timeout_id);
  self->ready_timeout_id = au_ib_timeout_add (self->context, self->ready_ms, on_ready_timeout,
                                              self, NULL);

  /* The gateway is local (§2.1): no proxy lookup in the way. */
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, MAX (1, self->ready_ms / 1000));
  g_socket_client_connect_to_host_async (client, self->host, self->port, session->cancellable,
                                         on_connected, session_ref (session));
}

/* AuBroker: connection */

static const char *
au_ib_client_get_name (AuBroker *broker)
{
  return "Interactive Brokers";
}

static AuBrokerState
au_ib_client_get_state (AuBroker *broker)
{
  return AU_IB_CLIENT (broker)->state;
}

static gint64
au_ib_client_get_now (AuBroker *broker)
{
  /* D4: the gateway's clock, from which the engine's is set. */
  return gateway_now (AU_IB_CLIENT (broker));
}

static void
au_ib_client_connect_async (AuBroker            *broker,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, au_ib_client_connect_async);

  if (self->state == AU_BROKER_READY || self->state == AU_BROKER_DEGRADED)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (self->connect_task != NULL)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "A connection to IB Gateway is already being made.");
      return;
    }

  self->connect_task = g_steal_pointer (&task);
  self->want_connected = TRUE;
  self->ever_ready = FALSE;
  self->reconnect_attempt = 0;
  au_ib_source_clear (self->context, &self->reconnect_id);
  if (self->session == NULL)
    start_connection (self);
}

static gboolean
au_ib_client_connect_finish (AuBroker      *broker,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
au_ib_client_disconnect (AuBroker *broker)
{
  AuIbClient *self = AU_IB_CLIENT (broker);

  self->want_connected = FALSE;
  au_ib_source_clear (self->context, &self->reconnect_id);
  session_drop (self);
  au_ib_pending_fail_all (self, "Disconnected from IB Gateway on request.");
  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                               "Disconnected from IB Gateway on request.");
    }
  set_state (self, AU_BROKER_DISCONNECTED);
}

static void
au_ib_client_broker_init (AuBrokerInterface *iface)
{
  iface->get_name = au_ib_client_get_name;
  iface->get_state = au_ib_client_get_state;
  iface->get_now = au_ib_client_get_now;
  iface->connect_async = au_ib_client_connect_async;
  iface->connect_finish = au_ib_client_connect_finish;
  iface->disconnect = au_ib_client_disconnect;
  au_ib_client_data_iface_init (iface);
  au_ib_client_orders_iface_init (iface);
}

/* GObject */

static void
subscription_free (gpointer data)
{
  AuIbSubscription *sub = data;

  au_contract_clear (&sub->contract);
  g_free (sub);
}

static void
au_ib_client_dispose (GObject *object)
{
  AuIbClient *self = AU_IB_CLIENT (object);

  self->want_connected = FALSE;
  au_ib_source_clear (self->context, &self->reconnect_id);
  session_drop (self);
  if (self->pending != NULL)
    au_ib_pending_fail_all (self, "The IB client was shut down.");
  if (self->connect_task != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                               "The IB client was shut down.");
    }

  G_OBJECT_CLASS (au_ib_client_parent_class)->dispose (object);
}

static void
au_ib_client_finalize (GObject *object)
{
  AuIbClient *self = AU_IB_CLIENT (object);

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->accounts, g_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->orders_by_ref, g_hash_table_unref);
  g_clear_pointer (&self->orders, g_hash_table_unref);
  g_clear_pointer (&self->fills, g_hash_table_unref);
  g_clear_pointer (&self->commissions, g_hash_table_unref);
  g_clear_pointer (&self->account_cache, au_broker_account_free);
  g_clear_object (&self->clock);
  g_clear_object (&self->earnings);
  au_ib_expiry_clear (self);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (au_ib_client_parent_class)->finalize (object);
}

static void
au_ib_client_class_init (AuIbClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_ib_client_dispose;
  object_class->finalize = au_ib_client_finalize;

  /**
   * AuIbClient::ticks-updated:
   * @ticker_id: the subscription whose ticks changed
   */
  signals[SIGNAL_TICKS_UPDATED] =
    g_signal_new ("ticks-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
au_ib_client_init (AuIbClient *self)
{
  self->state = AU_BROKER_DISCONNECTED;
  self->ready_ms = DEFAULT_READY_MS;
  self->reconnect_base_ms = DEFAULT_RECONNECT_MS;
  self->request_ms = DEFAULT_REQUEST_MS;
  self->next_req_id = AU_IB_FIRST_REQ_ID;
  self->gateway_rate = 1.0;
  self->context = g_main_context_ref_thread_default ();
  self->pacer_rate = AU_IB_PACER_RATE;
  self->pending = g_hash_table_new_full (NULL, NULL, NULL,
                                         (GDestroyNotify) au_ib_pending_free);
  self->subscriptions = g_hash_table_new_full (NULL, NULL, NULL, subscription_free);
  self->orders = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) au_ib_order_free);
  self->orders_by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  self->fills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) au_execution_free);
  self->commissions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  au_ib_expiry_init (self);
}

/* Public */

AuIbClient *
au_ib_client_new (const char *host,
                  guint16     port,
                  int         client_id)
{
  AuIbClient *self = g_object_new (AU_TYPE_IB_CLIENT, NULL);

  self->host = g_strdup (host != NULL ? host : AU_IB_DEFAULT_HOST);
  self->port = port != 0 ? port : AU_IB_DEFAULT_PORT;
  self->client_id = client_id;
  return self;
}

void
au_ib_client_set_timeouts (AuIbClient *self,
                           guint       ready_ms,
                           guint       reconnect_base_ms,
                           guint       request_ms)
{
  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (ready_ms > 0 && reconnect_base_ms > 0 && request_ms > 0);

  self->ready_ms = ready_ms;
  self->reconnect_base_ms = reconnect_base_ms;
  self->request_ms = request_ms;
}

int
au_ib_client_get_server_version (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), 0);
  return self->server_version;
}

const char *
au_ib_client_get_accounts (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), NULL);
  return self->accounts;
}

int
au_ib_client_get_next_order_id (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), 0);
  return self->next_order_id;
}

gboolean
au_ib_client_is_delayed (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), FALSE);
  return self->delayed_mode;
}

void
au_ib_client_emit_ticks_updated (AuIbClient *self,
                                 int         ticker_id)
{
  g_signal_emit (self, signals[SIGNAL_TICKS_UPDATED], 0, ticker_id);
}

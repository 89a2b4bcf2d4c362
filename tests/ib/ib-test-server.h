/* ib-test-server.h: a scripted TWS peer on 127.0.0.1 for the client's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-ib-messages.h"

G_BEGIN_DECLS

/* One request as the server received it: the fields the tests check,
 * copied out of the payload. */
typedef struct
{
  AuIbOutId  id;
  gint64     time;         /* monotonic µs of arrival */
  guint      conn;         /* 1 for the first connection */
  int        req_id;       /* the request's id, order id or client id */
  int        number;       /* market data type, snapshot flag */
  char      *text;         /* order ref, symbol */
  double     price;        /* limit price */
  double     quantity;
  GBytes    *payload;      /* the frame's payload as it came, exact bytes */
} IbRecorded;

typedef struct _IbTestServer IbTestServer;

/* Called for every request after the handshake; return TRUE when the
 * script answered it (else the server's defaults answer). */
typedef gboolean (*IbTestScript) (IbTestServer      *server,
                                  const AuIbRequest *request,
                                  gpointer           user_data);

IbTestServer *ib_test_server_new         (IbTestScript  script,
                                          gpointer      user_data);
void          ib_test_server_free        (IbTestServer *server);
guint16       ib_test_server_get_port    (IbTestServer *server);

/* Defaults the script may change. */
void          ib_test_server_set_ready   (IbTestServer *server,
                                          gboolean      send_accounts,
                                          gboolean      send_next_id,
                                          int           next_valid_id);

/* Replies on the newest connection. */
void          ib_test_server_send        (IbTestServer       *server,
                                          const AuIbIncoming *message);
void          ib_test_server_send_error  (IbTestServer *server,
                                          int           id,
                                          int           code,
                                          const char   *text);
void          ib_test_server_send_raw    (IbTestServer *server,
                                          const void   *data,
                                          gsize         len);
/* Closes the newest connection (the client sees EOF). */
void          ib_test_server_close       (IbTestServer *server);

guint         ib_test_server_n_connections (IbTestServer *server);
/* The raw bytes of the newest connection's handshake. */
GBytes       *ib_test_server_get_hello   (IbTestServer *server);
GPtrArray    *ib_test_server_get_log     (IbTestServer *server);
/* How many requests of @id arrived (on connection @conn, 0 = any). */
guint         ib_test_server_count       (IbTestServer *server,
                                          AuIbOutId     id,
                                          guint         conn);
const IbRecorded *ib_test_server_last    (IbTestServer *server,
                                          AuIbOutId     id);
/* Monotonic µs of each connection's accept. */
gint64        ib_test_server_accepted_at (IbTestServer *server,
                                          guint         conn);

/* Runs the default main context until @expr holds or @ms pass (the
 * server keeps a 5 ms tick so that an iteration never sleeps forever). */
#define IB_WAIT_UNTIL(expr, ms)                                              \
  G_STMT_START {                                                             \
    gint64 ib_wait_end_ = g_get_monotonic_time () + (gint64) (ms) * 1000;    \
    while (!(expr) && g_get_monotonic_time () < ib_wait_end_)                \
      g_main_context_iteration (NULL, TRUE);                                 \
  } G_STMT_END

G_END_DECLS

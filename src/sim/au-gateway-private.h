/* au-gateway-private.h: the gateway's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-gateway.h"
#include "au-gateway-book.h"
#include "au-ib-frame.h"
#include "au-ib-messages.h"

G_BEGIN_DECLS

typedef struct _AuGatewayConn AuGatewayConn;

struct _AuGatewayConn
{
  AuGateway         *gateway;       /* not a reference: the gateway outlives its connections */
  guint              number;
  GSocketConnection *connection;
  AuIbFrameDecoder  *decoder;
  GCancellable      *cancellable;
  gboolean           got_hello;
  gboolean           started;       /* START_API accepted */
  gboolean           closed;
  int                client_id;
  int                market_data_type;  /* 1 live … 4 delayed-frozen */
  guint              n_requests;
  GHashTable        *tickers;       /* req id → AuContract: streaming market data */
  GHashTable        *summaries;     /* req id → tags (char *): account summary subscriptions */
  gboolean           positions_sub;
  gboolean           account_sub;
  GQueue            *delayed;       /* DelayedFrame: replies held by the delay switch */
  guint              delay_source;
  int                refs;
  guint8             buf[65536];
};

struct _AuGateway
{
  GObject          parent_instance;

  AuGatewayConfig  config;          /* its strings are copies */
  AuPaperExchange *exchange;
  AuGatewayBook   *book;
  GHashTable      *contracts;       /* con id → AuContract described */
  GSocketService  *service;
  guint16          port;
  GPtrArray       *conns;           /* AuGatewayConn, open ones */
  guint            n_conns;
  gint64           clock_anchor;    /* simulated µs at @mono_anchor */
  gint64           mono_anchor;
  guint            tick_source;
  gint64           market_time;     /* the market's clock at the last tick */
};

/* au-gateway.c */
void           _au_gateway_send          (AuGatewayConn      *conn,
                                          const AuIbIncoming *message);
void           _au_gateway_send_error    (AuGatewayConn      *conn,
                                          int                 id,
                                          int                 code,
                                          const char         *text);
/* The open connections now (transfer container): a write that fails
 * closes its connection, which leaves @self->conns while a broadcast
 * walks them. */
GPtrArray     *_au_gateway_dup_conns     (AuGateway          *self);
/* The open, started connection of @client_id, or NULL. */
AuGatewayConn *_au_gateway_conn_for      (AuGateway          *self,
                                          int                 client_id);
/* "YYYYMMDD HH:MM:SS US/Eastern" of @usec in New York time. */
char          *_au_gateway_format_time   (gint64              usec);
/* Steps the market to the clock; TRUE when it moved. */
gboolean       _au_gateway_advance       (AuGateway          *self);
void           _au_gateway_save_book     (AuGateway          *self);

/* au-gateway-account.c */
gboolean       _au_gateway_account_dispatch (AuGateway         *self,
                                             AuGatewayConn     *conn,
                                             const AuIbRequest *request);
/* Resends positions and portfolio to their subscribers (after a fill
 * or an assignment). */
void           _au_gateway_account_changed  (AuGateway         *self);

/* au-gateway-market.c */
gboolean       _au_gateway_market_dispatch  (AuGateway         *self,
                                             AuGatewayConn     *conn,
                                             const AuIbRequest *request);
/* Fresh ticks to every streaming subscription after a market step. */
void           _au_gateway_market_stepped   (AuGateway         *self);

/* au-gateway-orders.c */
void           _au_gateway_orders_connect   (AuGateway         *self);
gboolean       _au_gateway_orders_dispatch  (AuGateway         *self,
                                             AuGatewayConn     *conn,
                                             const AuIbRequest *request);

G_END_DECLS

/* au-broker.h: the broker interface (decisions D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-broker-types.h"
#include "au-daily-bar.h"
#include "au-earnings-calendar.h"
#include "au-option-chain.h"

G_BEGIN_DECLS

/* Three implementations stand behind this: the IB TWS/Gateway socket
 * client, the in-process paper broker (the default) and the backtest
 * broker. All live on the engine thread and call back on its main
 * context; none blocks it. The rules engine is on the path of every order
 * before it reaches a broker: a broker never decides. */

typedef enum
{
  AU_BROKER_DISCONNECTED,
  AU_BROKER_CONNECTING,
  AU_BROKER_READY,
  AU_BROKER_DEGRADED,          /* connected, but market data or the exchange link is not */
} AuBrokerState;

const char *au_broker_state_to_string (AuBrokerState state);

#define AU_BROKER_ERROR (au_broker_error_quark ())

typedef enum
{
  AU_BROKER_ERROR_NOT_CONNECTED,
  AU_BROKER_ERROR_REJECTED,
  AU_BROKER_ERROR_NO_DATA,     /* no quote, no chain (R8.7) */
  AU_BROKER_ERROR_DUPLICATE,   /* a client order id already sent */
  AU_BROKER_ERROR_UNKNOWN_ORDER,
  AU_BROKER_ERROR_FAILED,
} AuBrokerError;

GQuark au_broker_error_quark (void);

#define AU_TYPE_BROKER (au_broker_get_type ())

G_DECLARE_INTERFACE (AuBroker, au_broker, AU, BROKER, GObject)

struct _AuBrokerInterface
{
  GTypeInterface parent_iface;

  const char      *(*get_name)           (AuBroker             *self);
  AuBrokerState    (*get_state)          (AuBroker             *self);
  /* The broker's clock in µs since the epoch: the simulated market's, or
   * the gateway's (D4). */
  gint64           (*get_now)            (AuBroker             *self);

  void             (*connect_async)      (AuBroker             *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  gboolean         (*connect_finish)     (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);
  void             (*disconnect)         (AuBroker             *self);

  void             (*quote_async)        (AuBroker             *self,
                                          const char           *symbol,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  AuStockQuote    *(*quote_finish)       (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  void             (*chain_async)        (AuBroker             *self,
                                          const char           *symbol,
                                          guint                 min_dte,
                                          guint                 max_dte,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  AuOptionChain   *(*chain_finish)       (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  /* The last @days completed daily bars (ATR input, R6.8). GArray of AuDailyBar. */
  void             (*bars_async)         (AuBroker             *self,
                                          const char           *symbol,
                                          guint                 days,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  GArray          *(*bars_finish)        (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  void             (*earnings_async)     (AuBroker             *self,
                                          const char           *symbol,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  AuEarningsCalendar *(*earnings_finish) (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  void             (*account_async)      (AuBroker             *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  AuBrokerAccount *(*account_finish)     (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  /* GPtrArray of AuBrokerPosition. */
  void             (*positions_async)    (AuBroker             *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  GPtrArray       *(*positions_finish)   (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  /* Every execution of the account since @since (µs), from any client:
   * what reconciliation matches against the ledger. GPtrArray of AuExecution. */
  void             (*executions_async)   (AuBroker             *self,
                                          gint64                since,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  GPtrArray       *(*executions_finish)  (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  /* The account's open orders. GPtrArray of AuOrderUpdate. */
  void             (*open_orders_async)  (AuBroker             *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
  GPtrArray       *(*open_orders_finish) (AuBroker             *self,
                                          GAsyncResult         *result,
                                          GError              **error);

  /* Sends the order; its fate arrives through ::order-updated and
   * ::execution. FALSE (nothing sent) when not connected or the client
   * order id was sent before. */
  gboolean         (*place_order)        (AuBroker             *self,
                                          const AuOrderRequest *request,
                                          GError              **error);
  gboolean         (*cancel_order)       (AuBroker             *self,
                                          const char           *client_order_id,
                                          GError              **error);
};

const char         *au_broker_get_name           (AuBroker             *self);
AuBrokerState       au_broker_get_state          (AuBroker             *self);
gint64              au_broker_get_now            (AuBroker             *self);

void                au_broker_connect_async      (AuBroker             *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            au_broker_connect_finish     (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_disconnect         (AuBroker             *self);

void                au_broker_quote_async        (AuBroker             *self,
                                                  const char           *symbol,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AuStockQuote       *au_broker_quote_finish       (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_chain_async        (AuBroker             *self,
                                                  const char           *symbol,
                                                  guint                 min_dte,
                                                  guint                 max_dte,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AuOptionChain      *au_broker_chain_finish       (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_bars_async         (AuBroker             *self,
                                                  const char           *symbol,
                                                  guint                 days,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GArray             *au_broker_bars_finish        (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_earnings_async     (AuBroker             *self,
                                                  const char           *symbol,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AuEarningsCalendar *au_broker_earnings_finish    (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_account_async      (AuBroker             *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
AuBrokerAccount    *au_broker_account_finish     (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_positions_async    (AuBroker             *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray          *au_broker_positions_finish   (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_executions_async   (AuBroker             *self,
                                                  gint64                since,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray          *au_broker_executions_finish  (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                au_broker_open_orders_async  (AuBroker             *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray          *au_broker_open_orders_finish (AuBroker             *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean            au_broker_place_order        (AuBroker             *self,
                                                  const AuOrderRequest *request,
                                                  GError              **error);
gboolean            au_broker_cancel_order       (AuBroker             *self,
                                                  const char           *client_order_id,
                                                  GError              **error);

/* For implementations: emit the interface's signals. */
void                au_broker_emit_state_changed (AuBroker             *self);
void                au_broker_emit_order_updated (AuBroker             *self,
                                                  const AuOrderUpdate  *update);
void                au_broker_emit_execution     (AuBroker             *self,
                                                  const AuExecution    *execution);
void                au_broker_emit_expiry        (AuBroker             *self,
                                                  const AuExpiryEvent  *event);
/* A message for the user in plain words (IB's notices, a lost feed). */
void                au_broker_emit_notice        (AuBroker             *self,
                                                  int                   code,
                                                  const char           *message);

G_END_DECLS

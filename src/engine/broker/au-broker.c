/* au-broker.c: the broker interface, its signals and dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-broker"

#include "config.h"

#include "au-broker.h"

G_DEFINE_INTERFACE (AuBroker, au_broker, G_TYPE_OBJECT)

G_DEFINE_QUARK (au-broker-error-quark, au_broker_error)

enum {
  STATE_CHANGED,
  ORDER_UPDATED,
  EXECUTION,
  EXPIRY,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *state_names[] = { "disconnected", "connecting", "ready", "degraded" };

const char *
au_broker_state_to_string (AuBrokerState state)
{
  g_return_val_if_fail (state <= AU_BROKER_DEGRADED, NULL);
  return state_names[state];
}

static void
au_broker_default_init (AuBrokerInterface *iface)
{
  /**
   * AuBroker::state-changed:
   *
   * The connection went up, down or degraded (R8.8: the engine goes to
   * SAFE while it is not ready).
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AuBroker::order-updated:
   * @update: (type AuOrderUpdate): the order's new state
   */
  signals[ORDER_UPDATED] =
    g_signal_new ("order-updated", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_ORDER_UPDATE | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AuBroker::execution:
   * @execution: (type AuExecution): one fill, with its commission
   */
  signals[EXECUTION] =
    g_signal_new ("execution", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_EXECUTION | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AuBroker::expiry:
   * @event: (type AuExpiryEvent): an option expired, was assigned or exercised
   */
  signals[EXPIRY] =
    g_signal_new ("expiry", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_EXPIRY_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * AuBroker::notice:
   * @code: the broker's code (IB's error code), or 0
   * @message: what happened and what to do, in plain words
   */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

const char *
au_broker_get_name (AuBroker *self)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->get_name (self);
}

AuBrokerState
au_broker_get_state (AuBroker *self)
{
  g_return_val_if_fail (AU_IS_BROKER (self), AU_BROKER_DISCONNECTED);
  return AU_BROKER_GET_IFACE (self)->get_state (self);
}

gint64
au_broker_get_now (AuBroker *self)
{
  g_return_val_if_fail (AU_IS_BROKER (self), 0);
  return AU_BROKER_GET_IFACE (self)->get_now (self);
}

void
au_broker_connect_async (AuBroker            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->connect_async (self, cancellable, callback, user_data);
}

gboolean
au_broker_connect_finish (AuBroker      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), FALSE);
  return AU_BROKER_GET_IFACE (self)->connect_finish (self, result, error);
}

void
au_broker_disconnect (AuBroker *self)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->disconnect (self);
}

gboolean
au_broker_place_order (AuBroker             *self,
                       const AuOrderRequest *request,
                       GError              **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), FALSE);
  g_return_val_if_fail (request != NULL && request->client_order_id != NULL, FALSE);
  g_return_val_if_fail (request->quantity > 0 && request->limit > 0, FALSE);
  return AU_BROKER_GET_IFACE (self)->place_order (self, request, error);
}

gboolean
au_broker_cancel_order (AuBroker    *self,
                        const char  *client_order_id,
                        GError     **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);
  return AU_BROKER_GET_IFACE (self)->cancel_order (self, client_order_id, error);
}

void
au_broker_emit_state_changed (AuBroker *self)
{
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

void
au_broker_emit_order_updated (AuBroker            *self,
                              const AuOrderUpdate *update)
{
  g_signal_emit (self, signals[ORDER_UPDATED], 0, update);
}

void
au_broker_emit_execution (AuBroker          *self,
                          const AuExecution *execution)
{
  g_signal_emit (self, signals[EXECUTION], 0, execution);
}

void
au_broker_emit_expiry (AuBroker            *self,
                       const AuExpiryEvent *event)
{
  g_signal_emit (self, signals[EXPIRY], 0, event);
}

void
au_broker_emit_notice (AuBroker   *self,
                       int         code,
                       const char *message)
{
  g_signal_emit (self, signals[NOTICE], 0, code, message);
}

void
au_broker_quote_async (AuBroker            *self,
                       const char          *symbol,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->quote_async (self, symbol, cancellable, callback, user_data);
}

AuStockQuote *
au_broker_quote_finish (AuBroker      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->quote_finish (self, result, error);
}

void
au_broker_chain_async (AuBroker            *self,
                       const char          *symbol,
                       guint                min_dte,
                       guint                max_dte,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->chain_async (self, symbol, min_dte, max_dte, cancellable, callback, user_data);
}

AuOptionChain *
au_broker_chain_finish (AuBroker      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->chain_finish (self, result, error);
}

void
au_broker_bars_async (AuBroker            *self,
                      const char          *symbol,
                      guint                days,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->bars_async (self, symbol, days, cancellable, callback, user_data);
}

GArray *
au_broker_bars_finish (AuBroker      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->bars_finish (self, result, error);
}

void
au_broker_earnings_async (AuBroker            *self,
                          const char          *symbol,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->earnings_async (self, symbol, cancellable, callback, user_data);
}

AuEarningsCalendar *
au_broker_earnings_finish (AuBroker      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->earnings_finish (self, result, error);
}

void
au_broker_account_async (AuBroker            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->account_async (self, cancellable, callback, user_data);
}

AuBrokerAccount *
au_broker_account_finish (AuBroker      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->account_finish (self, result, error);
}

void
au_broker_positions_async (AuBroker            *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->positions_async (self, cancellable, callback, user_data);
}

GPtrArray *
au_broker_positions_finish (AuBroker      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->positions_finish (self, result, error);
}

void
au_broker_executions_async (AuBroker            *self,
                            gint64               since,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->executions_async (self, since, cancellable, callback, user_data);
}

GPtrArray *
au_broker_executions_finish (AuBroker      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->executions_finish (self, result, error);
}

void
au_broker_open_orders_async (AuBroker            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (AU_IS_BROKER (self));
  AU_BROKER_GET_IFACE (self)->open_orders_async (self, cancellable, callback, user_data);
}

GPtrArray *
au_broker_open_orders_finish (AuBroker      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (AU_IS_BROKER (self), NULL);
  return AU_BROKER_GET_IFACE (self)->open_orders_finish (self, result, error);
}

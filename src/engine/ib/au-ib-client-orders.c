/* au-ib-client-orders.c: the IB client's orders, their fates, fills and
 * commissions (tws-protocol.md §6.13–§6.17, §7.11–§7.13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-ib-client-private.h"
#include "au-money.h"

void
au_ib_order_free (AuIbOrder *order)
{
  g_free (order->client_order_id);
  au_contract_clear (&order->contract);
  g_free (order->reason);
  g_free (order);
}

static AuIbOrder *
order_lookup (AuIbClient *self,
              int         order_id)
{
  return g_hash_table_lookup (self->orders, GINT_TO_POINTER (order_id));
}

static void
emit_update (AuIbClient *self,
             AuIbOrder  *order,
             gint64      remaining)
{
  AuOrderUpdate update = { 0 };

  update.client_order_id = order->client_order_id;
  update.broker_order_id = order->order_id;
  update.state = order->state;
  update.filled = order->filled;
  update.remaining = remaining >= 0 ? remaining : MAX (0, order->quantity - order->filled);
  update.average_price = order->average_price;
  update.reason = order->reason;
  update.time = au_ib_client_now (self);
  au_broker_emit_order_updated (AU_BROKER (self), &update);
}

/* IB's order status words (§7.12) in the broker's terms. */
static gboolean
state_from_status (const char   *status,
                   gint64        filled,
                   AuOrderState *state)
{
  if (g_strcmp0 (status, "PendingSubmit") == 0 || g_strcmp0 (status, "ApiPending") == 0)
    *state = AU_ORDER_PENDING;
  else if (g_strcmp0 (status, "PreSubmitted") == 0 || g_strcmp0 (status, "Submitted") == 0
           || g_strcmp0 (status, "PendingCancel") == 0)
    *state = filled > 0 ? AU_ORDER_PARTIALLY_FILLED : AU_ORDER_WORKING;
  else if (g_strcmp0 (status, "Filled") == 0)
    *state = AU_ORDER_FILLED;
  else if (g_strcmp0 (status, "Cancelled") == 0 || g_strcmp0 (status, "ApiCancelled") == 0)
    *state = AU_ORDER_CANCELLED;
  else if (g_strcmp0 (status, "Inactive") == 0)
    *state = AU_ORDER_REJECTED;
  else
    return FALSE;
  return TRUE;
}

/* A final state stays final: a late "Submitted" echo cannot revive a
 * rejected order, nor can the "Cancelled" that follows IB's 201 turn
 * the rejection into a cancel. */
static void
set_order_state (AuIbClient   *self,
                 AuIbOrder    *order,
                 AuOrderState  state,
                 gint64        remaining)
{
  if (au_order_state_is_final (order->state))
    return;
  if (state == order->state && state != AU_ORDER_PARTIALLY_FILLED)
    return;
  order->state = state;
  emit_update (self, order, remaining);
}

/* An order IB reports that this client did not send in this session
 * (another client, or before a restart): known by its order reference. */
static AuIbOrder *
adopt_order (AuIbClient          *self,
             int                  order_id,
             const AuIbOpenOrder *open)
{
  AuIbOrder *order;
  g_autoptr(GError) error = NULL;

  if (open->order_ref != NULL && *open->order_ref != '\0')
    {
      order = g_hash_table_lookup (self->orders_by_ref, open->order_ref);
      if (order != NULL)
        return order;
    }

  order = g_new0 (AuIbOrder, 1);
  order->order_id = order_id;
  order->client_order_id = g_strdup (open->order_ref != NULL ? open->order_ref : "");
  if (!au_ib_contract_to_au (&open->contract, &order->contract, &error))
    g_debug ("order %d: %s", order_id, error->message);
  order->side = g_strcmp0 (open->action, "SELL") == 0 ? AU_SIDE_SELL : AU_SIDE_BUY;
  order->quantity = open->total_quantity == AU_IB_UNSET_DECIMAL
                      ? 0 : (gint64) llround (open->total_quantity);
  order->state = AU_ORDER_PENDING;
  g_hash_table_insert (self->orders, GINT_TO_POINTER (order_id), order);
  if (*order->client_order_id != '\0')
    g_hash_table_insert (self->orders_by_ref, order->client_order_id, order);
  return order;
}

static AuOrderUpdate *
update_from_order (AuIbClient *self,
                   AuIbOrder  *order)
{
  AuOrderUpdate *update = g_new0 (AuOrderUpdate, 1);

  update->client_order_id = g_strdup (order->client_order_id);
  update->broker_order_id = order->order_id;
  update->state = order->state;
  update->filled = order->filled;
  update->remaining = MAX (0, order->quantity - order->filled);
  update->average_price = order->average_price;
  update->reason = g_strdup (order->reason);
  update->time = au_ib_client_now (self);
  return update;
}

static void
on_open_order (AuIbClient          *self,
               const AuIbOpenOrder *open)
{
  AuIbOrder *order = order_lookup (self, open->order_id);
  AuIbPending *pending = g_hash_table_lookup (self->pending,
                                              GINT_TO_POINTER (AU_IB_KEY_OPEN_ORDERS));
  AuOrderState state;

  if (order == NULL)
    order = adopt_order (self, open->order_id, open);
  if (state_from_status (open->status, order->filled, &state))
    set_order_state (self, order, state, -1);
  if (pending != NULL && pending->kind == AU_IB_PENDING_OPEN_ORDERS)
    {
      /* Several OPEN_ORDERs per order are normal: keep the last. */
      for (guint i = 0; i < pending->items->len; i++)
        {
          AuOrderUpdate *u = g_ptr_array_index (pending->items, i);

          if (u->broker_order_id == order->order_id)
            {
              g_ptr_array_remove_index (pending->items, i);
              break;
            }
        }
      g_ptr_array_add (pending->items, update_from_order (self, order));
    }
}

static void
on_order_status (AuIbClient            *self,
                 const AuIbOrderStatus *status)
{
  AuIbOrder *order = order_lookup (self, status->order_id);
  AuOrderState state;
  gint64 filled;
  gint64 remaining;

  if (order == NULL)
    {
      g_debug ("status %s of order %d we do not know", status->status, status->order_id);
      return;
    }
  filled = status->filled == AU_IB_UNSET_DECIMAL ? order->filled : (gint64) llround (status->filled);
  remaining = status->remaining == AU_IB_UNSET_DECIMAL ? -1 : (gint64) llround (status->remaining);
  if (!state_from_status (status->status, filled, &state))
    {
      g_message ("order %d: status “%s” not understood", order->order_id, status->status);
      return;
    }
  if (filled > order->filled && status->avg_fill_price > 0)
    order->average_price = au_ib_price_from_double (status->avg_fill_price);
  if (filled != order->filled && !au_order_state_is_final (order->state))
    {
      order->filled = filled;
      if (state == order->state)
        {
          emit_update (self, order, remaining);
          return;
        }
    }
  set_order_state (self, order, state, remaining);
}

/* Fills */

static AuExecution *
execution_from_ib (AuIbClient          *self,
                   const AuIbExecution *ib,
                   GError             **error)
{
  g_autoptr(AuExecution) exec = g_new0 (AuExecution, 1);
  AuIbOrder *order = order_lookup (self, ib->order_id);

  if (ib->exec_id == NULL || *ib->exec_id == '\0')
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED, "execution: no exec id");
      return NULL;
    }
  if (!au_ib_contract_to_au (&ib->contract, &exec->contract, error))
    return NULL;
  exec->exec_id = g_strdup (ib->exec_id);
  exec->client_order_id = g_strdup (ib->order_ref != NULL && *ib->order_ref != '\0'
                                      ? ib->order_ref
                                      : order != NULL ? order->client_order_id : "");
  exec->broker_order_id = ib->order_id;
  exec->side = g_strcmp0 (ib->side, "SLD") == 0 ? AU_SIDE_SELL : AU_SIDE_BUY;
  exec->quantity = (gint64) llround (ib->shares);
  exec->price = au_ib_price_from_double (ib->price);
  exec->time = au_ib_parse_exec_time (ib->time);
  if (exec->time == 0)
    exec->time = au_ib_client_now (self);
  return g_steal_pointer (&exec);
}

static void
on_execution (AuIbClient          *self,
              const AuIbExecution *ib)
{
  g_autoptr(GError) error = NULL;
  AuExecution *exec = execution_from_ib (self, ib, &error);
  AuMoney *commission;

  if (exec == NULL)
    {
      au_ib_client_notice (self, 0, "A fill from IB could not be read (%s); the autopilot "
                           "finds it again when it reconciles.", error->message);
      return;
    }
  commission = g_hash_table_lookup (self->commissions, exec->exec_id);
  if (commission != NULL)
    exec->commission = *commission;
  au_ib_expiry_note_execution (self, exec);

  if (ib->req_id >= 0)
    {
      AuIbPending *pending = g_hash_table_lookup (self->pending, GINT_TO_POINTER (ib->req_id));

      if (pending != NULL && pending->kind == AU_IB_PENDING_EXECUTIONS)
        {
          if (exec->time >= pending->since)
            g_ptr_array_add (pending->items, exec);
          else
            au_execution_free (exec);
          return;
        }
    }

  /* A live fill: the engine gets it with its commission (§7.13: the
   * COMMISSION_REPORT follows the EXECUTION_DATA). */
  if (commission != NULL)
    {
      au_broker_emit_execution (AU_BROKER (self), exec);
      au_execution_free (exec);
      return;
    }
  g_hash_table_replace (self->fills, g_strdup (exec->exec_id), exec);
}

static void
on_commission (AuIbClient                 *self,
               const AuIbCommissionReport *report)
{
  AuMoney commission = 0;
  AuExecution *exec;
  GHashTableIter iter;
  gpointer value;

  if (report->exec_id == NULL || !isfinite (report->commission)
      || report->commission == AU_IB_UNSET_DOUBLE
      || !au_money_from_double (report->commission, &commission))
    {
      au_ib_client_notice (self, 0, "IB sent a commission report without a usable amount "
                           "for execution %s.", report->exec_id ? report->exec_id : "(none)");
      return;
    }
  g_hash_table_replace (self->commissions, g_strdup (report->exec_id),
                        g_memdup2 (&commission, sizeof commission));

  /* A requested execution list may be waiting for it too. */
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AuIbPending *pending = value;

      if (pending->kind != AU_IB_PENDING_EXECUTIONS)
        continue;
      for (guint i = 0; i < pending->items->len; i++)
        {
          AuExecution *e = g_ptr_array_index (pending->items, i);

          if (g_strcmp0 (e->exec_id, report->exec_id) == 0)
            e->commission = commission;
        }
    }

  exec = g_hash_table_lookup (self->fills, report->exec_id);
  if (exec != NULL)
    {
      exec->commission = commission;
      au_broker_emit_execution (AU_BROKER (self), exec);
      g_hash_table_remove (self->fills, report->exec_id);
    }
}

/* Requests */

static gpointer
make_items_copy (AuIbPending *pending,
                 GBoxedCopyFunc copy,
                 GDestroyNotify free_func)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (free_func);

  for (guint i = 0; i < pending->items->len; i++)
    g_ptr_array_add (out, copy (g_ptr_array_index (pending->items, i)));
  return out;
}

static void
pending_return_items (AuIbClient     *self,
                      AuIbPending    *pending,
                      GBoxedCopyFunc  copy,
                      GDestroyNotify  free_func)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_ref (pending->tasks);

  g_hash_table_steal (self->pending, GINT_TO_POINTER (pending->key));
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_pointer (g_ptr_array_index (tasks, i),
                           make_items_copy (pending, copy, free_func),
                           (GDestroyNotify) g_ptr_array_unref);
  au_ib_pending_free (pending);
}

static void
au_ib_client_executions_async (AuBroker            *broker,
                               gint64               since,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autofree char *time = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_EXECUTIONS };
  AuIbPending *pending;
  int key;

  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  key = self->next_req_id++;
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_EXECUTIONS, "executions", task);
  pending->items = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  pending->since = since;
  /* §6.16: "yyyymmdd-hh:mm:ss" in UTC; every client's fills (client id 0
   * filters nothing when the account field is empty too). */
  from = g_date_time_new_from_unix_utc (MAX (since, 0) / G_USEC_PER_SEC);
  time = since > 0 ? g_date_time_format (from, "%Y%m%d-%H:%M:%S") : g_strdup ("");
  request.u.executions.req_id = key;
  request.u.executions.client_id = 0;
  request.u.executions.account = "";
  request.u.executions.time = time;
  request.u.executions.symbol = "";
  request.u.executions.sec_type = "";
  request.u.executions.exchange = "";
  request.u.executions.side = "";
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

static GPtrArray *
au_ib_client_executions_finish (AuBroker      *broker,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
au_ib_client_open_orders_async (AuBroker            *broker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_ALL_OPEN_ORDERS };
  AuIbPending *pending;

  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pending = g_hash_table_lookup (self->pending, GINT_TO_POINTER (AU_IB_KEY_OPEN_ORDERS));
  if (pending != NULL)
    {
      g_ptr_array_add (pending->tasks, g_object_ref (task));
      return;
    }
  pending = au_ib_pending_start (self, AU_IB_KEY_OPEN_ORDERS, AU_IB_PENDING_OPEN_ORDERS,
                                 "open orders", task);
  pending->items = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

static GPtrArray *
au_ib_client_open_orders_finish (AuBroker      *broker,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
au_ib_client_place_order (AuBroker              *broker,
                          const AuOrderRequest  *req,
                          GError               **error)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  AuIbRequest request = { .id = AU_IB_OUT_PLACE_ORDER };
  AuIbContractBuf buf;
  AuIbOrder *order;
  int order_id;

  g_return_val_if_fail (req != NULL, FALSE);

  if (self->state == AU_BROKER_DEGRADED)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                   "IB Gateway has lost its connection to IB's servers (1100); "
                   "no order is sent until it is back.");
      return FALSE;
    }
  if (!au_ib_client_check_ready (self, error))
    return FALSE;
  if (req->client_order_id == NULL || !au_ib_string_is_sendable (req->client_order_id)
      || *req->client_order_id == '\0')
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                   "client_order_id: missing or not plain ASCII");
      return FALSE;
    }
  if (g_hash_table_contains (self->orders_by_ref, req->client_order_id))
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_DUPLICATE,
                   "client order id %s was sent before", req->client_order_id);
      return FALSE;
    }
  if (req->quantity <= 0 || req->limit <= 0 || req->contract.symbol == NULL
      || !au_ib_string_is_sendable (req->contract.symbol))
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                   "order %s: %s", req->client_order_id,
                   req->quantity <= 0 ? "quantity must be above 0"
                   : req->limit <= 0 ? "limit must be above 0 (D2.25: limit orders only)"
                                     : "symbol missing or not plain ASCII");
      return FALSE;
    }

  /* §4: never reuse an id, never go below the gateway's. */
  order_id = self->next_order_id++;
  au_ib_contract_from_au (&req->contract, &buf);
  au_ib_place_order_init (&request.u.place_order);
  request.u.place_order.order_id = order_id;
  request.u.place_order.contract = buf.ib;
  request.u.place_order.action = req->side == AU_SIDE_SELL ? "SELL" : "BUY";
  request.u.place_order.total_quantity = (double) req->quantity;
  request.u.place_order.order_type = "LMT";
  request.u.place_order.lmt_price = au_price_to_double (req->limit);
  request.u.place_order.tif = "DAY";
  request.u.place_order.order_ref = req->client_order_id;
  if (!au_ib_client_send (self, &request, error))
    return FALSE;

  order = g_new0 (AuIbOrder, 1);
  order->order_id = order_id;
  order->client_order_id = g_strdup (req->client_order_id);
  au_contract_copy (&order->contract, &req->contract);
  order->side = req->side;
  order->quantity = req->quantity;
  order->state = AU_ORDER_PENDING;
  g_hash_table_insert (self->orders, GINT_TO_POINTER (order_id), order);
  g_hash_table_insert (self->orders_by_ref, order->client_order_id, order);
  emit_update (self, order, req->quantity);
  return TRUE;
}

static gboolean
au_ib_client_cancel_order (AuBroker    *broker,
                           const char  *client_order_id,
                           GError     **error)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  AuIbRequest request = { .id = AU_IB_OUT_CANCEL_ORDER };
  AuIbOrder *order;

  if (!au_ib_client_check_ready (self, error))
    return FALSE;
  order = g_hash_table_lookup (self->orders_by_ref, client_order_id);
  if (order == NULL)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_UNKNOWN_ORDER,
                   "no order with client order id %s", client_order_id);
      return FALSE;
    }
  request.u.cancel_order.order_id = order->order_id;
  request.u.cancel_order.manual_order_cancel_time = "";
  return au_ib_client_send (self, &request, error);
}

gboolean
au_ib_client_global_cancel (AuIbClient  *self,
                            GError     **error)
{
  AuIbRequest request = { .id = AU_IB_OUT_REQ_GLOBAL_CANCEL };

  g_return_val_if_fail (AU_IS_IB_CLIENT (self), FALSE);

  if (!au_ib_client_check_ready (self, error))
    return FALSE;
  return au_ib_client_send (self, &request, error);
}

/* Dispatch */

gboolean
au_ib_client_orders_error (AuIbClient       *self,
                           const AuIbErrMsg *err)
{
  AuIbOrder *order = err->id >= 0 ? order_lookup (self, err->id) : NULL;
  const AuIbCodeInfo *info;
  g_autofree char *text = NULL;

  if (order == NULL)
    return FALSE;

  info = au_ib_code_lookup (err->code);
  text = au_ib_client_explain (err->code, err->message);

  /* A cancel that failed (161, 10147, 10148) says nothing of the order
   * itself: it may be live and fill, or already filled. Calling it
   * rejected would let the order manager send the replacement while IB
   * can still fill the old version (a double fill, R0.6). Its state is
   * left to IB's ORDER_STATUS; an order manager that hears no cancel
   * confirmation asks for the open orders and executions. */
  if (au_ib_code_is_cancel_failure (err->code))
    {
      au_ib_client_notice (self, err->code, "The cancel of order %s failed: %s",
                           order->client_order_id, text);
      return TRUE;
    }

  /* 321 on an order is the read-only API: the order never goes out.
   * Another request error kills only an order IB has not acknowledged. */
  if (info->klass == AU_IB_CODE_ORDER_REJECTED || err->code == 321
      || (!info->warning && info->klass == AU_IB_CODE_REQUEST_FAILED
          && order->state == AU_ORDER_PENDING))
    {
      if (!au_order_state_is_final (order->state))
        {
          g_free (order->reason);
          order->reason = g_strdup (text);
        }
      set_order_state (self, order, AU_ORDER_REJECTED, 0);
      au_ib_client_notice (self, err->code, "Order %s: %s", order->client_order_id, text);
      return TRUE;
    }
  if (info->klass == AU_IB_CODE_ORDER_CANCELLED)
    {
      if (!au_order_state_is_final (order->state))
        {
          g_free (order->reason);
          order->reason = g_strdup (text);
        }
      set_order_state (self, order, AU_ORDER_CANCELLED, 0);
      return TRUE;
    }
  au_ib_client_notice (self, err->code, "Order %s: %s", order->client_order_id, text);
  return TRUE;
}

gboolean
au_ib_client_orders_dispatch (AuIbClient         *self,
                              const AuIbIncoming *msg)
{
  switch ((int) msg->id)
    {
    case AU_IB_IN_OPEN_ORDER:
      on_open_order (self, &msg->u.open_order);
      return TRUE;
    case AU_IB_IN_ORDER_STATUS:
      on_order_status (self, &msg->u.order_status);
      return TRUE;
    case AU_IB_IN_OPEN_ORDER_END:
      {
        AuIbPending *pending = g_hash_table_lookup (self->pending,
                                                    GINT_TO_POINTER (AU_IB_KEY_OPEN_ORDERS));

        if (pending != NULL)
          pending_return_items (self, pending, (GBoxedCopyFunc) au_order_update_copy,
                                (GDestroyNotify) au_order_update_free);
        return TRUE;
      }
    case AU_IB_IN_EXECUTION_DATA:
      on_execution (self, &msg->u.execution);
      return TRUE;
    case AU_IB_IN_EXECUTION_DATA_END:
      {
        AuIbPending *pending = g_hash_table_lookup (self->pending,
                                                    GINT_TO_POINTER (msg->u.end.req_id));

        if (pending != NULL && pending->kind == AU_IB_PENDING_EXECUTIONS)
          pending_return_items (self, pending, (GBoxedCopyFunc) au_execution_copy,
                                (GDestroyNotify) au_execution_free);
        return TRUE;
      }
    case AU_IB_IN_COMMISSION_REPORT:
      on_commission (self, &msg->u.commission_report);
      return TRUE;
    case AU_IB_IN_ORDER_BOUND:
    case AU_IB_IN_COMPLETED_ORDER:
    case AU_IB_IN_COMPLETED_ORDERS_END:
      return TRUE;
    default:
      return FALSE;
    }
}

void
au_ib_client_orders_iface_init (AuBrokerInterface *iface)
{
  iface->executions_async = au_ib_client_executions_async;
  iface->executions_finish = au_ib_client_executions_finish;
  iface->open_orders_async = au_ib_client_open_orders_async;
  iface->open_orders_finish = au_ib_client_open_orders_finish;
  iface->place_order = au_ib_client_place_order;
  iface->cancel_order = au_ib_client_cancel_order;
}

/* au-gateway-orders.c: orders, executions and commissions on the paper exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-gateway"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "au-gateway-contract.h"
#include "au-gateway-error.h"
#include "au-gateway-private.h"
#include "au-market-calendar.h"
#include "au-money.h"

/* IB's order status words (tws-protocol.md §7.12). A rejection is
 * reported as IB does: ERR_MSG 201, then "Cancelled". */
static const char *
ib_status (AuOrderState state)
{
  switch (state)
    {
    case AU_ORDER_PENDING:
      return "PendingSubmit";
    case AU_ORDER_WORKING:
    case AU_ORDER_PARTIALLY_FILLED:
      return "Submitted";
    case AU_ORDER_FILLED:
      return "Filled";
    case AU_ORDER_CANCELLED:
    case AU_ORDER_REJECTED:
    default:
      return "Cancelled";
    }
}

/* The fills of one order up to @upto (inclusive; NULL: all): quantity,
 * value (Σ quantity × price) and the last price. */
static void
sum_fills (AuGateway         *self,
           gint64             perm_id,
           const AuExecution *upto,
           gint64            *quantity,
           double            *value,
           AuPrice           *last)
{
  g_autoptr(GPtrArray) executions = au_paper_exchange_dup_executions (self->exchange, 0);
  guint i;

  *quantity = 0;
  *value = 0.0;
  *last = 0;
  for (i = 0; i < executions->len; i++)
    {
      const AuExecution *e = g_ptr_array_index (executions, i);

      if (e->broker_order_id != perm_id)
        continue;
      *quantity += e->quantity;
      *value += (double) e->quantity * au_price_to_double (e->price);
      *last = e->price;
      if (upto != NULL && g_strcmp0 (e->exec_id, upto->exec_id) == 0)
        break;
    }
}

static void
send_order_status (AuGateway            *self,
                   AuGatewayConn        *conn,
                   const AuGatewayOrder *order,
                   const AuOrderUpdate  *update)
{
  AuIbIncoming m = { .id = AU_IB_IN_ORDER_STATUS };
  gint64 filled;
  double value;
  AuPrice last;

  sum_fills (self, order->perm_id, NULL, &filled, &value, &last);
  m.u.order_status.order_id = order->order_id;
  m.u.order_status.status = ib_status (update->state);
  m.u.order_status.filled = (double) update->filled;
  m.u.order_status.remaining = au_order_state_is_final (update->state) ? 0.0
                                                                       : (double) update->remaining;
  m.u.order_status.avg_fill_price = au_price_to_double (update->average_price);
  m.u.order_status.perm_id = order->perm_id;
  m.u.order_status.parent_id = 0;
  m.u.order_status.last_fill_price = au_price_to_double (last);
  m.u.order_status.client_id = order->client_id;
  m.u.order_status.why_held = "";
  m.u.order_status.mkt_cap_price = 0.0;
  _au_gateway_send (conn, &m);
}

static void
send_open_order (AuGateway            *self,
                 AuGatewayConn        *conn,
                 const AuGatewayOrder *order,
                 const AuOrderUpdate  *update)
{
  AuIbIncoming m = { .id = AU_IB_IN_OPEN_ORDER };
  AuGatewayIbContract ib;

  au_gateway_contract_to_ib (&order->contract, &ib);
  m.u.open_order.order_id = order->order_id;
  m.u.open_order.contract = ib.ib;
  m.u.open_order.action = order->side == AU_SIDE_SELL ? "SELL" : "BUY";
  m.u.open_order.total_quantity = (double) order->quantity;
  m.u.open_order.order_type = "LMT";
  m.u.open_order.lmt_price = au_price_to_double (order->limit);
  m.u.open_order.aux_price = AU_IB_UNSET_DOUBLE;
  m.u.open_order.tif = order->tif;
  m.u.open_order.account = au_gateway_book_get_account (self->book);
  m.u.open_order.order_ref = order->order_ref;
  m.u.open_order.client_id = order->client_id;
  m.u.open_order.perm_id = order->perm_id;
  m.u.open_order.status = ib_status (update->state);
  m.u.open_order.init_margin_change = AU_IB_DBL_MAX_LITERAL;
  m.u.open_order.maint_margin_change = AU_IB_DBL_MAX_LITERAL;
  m.u.open_order.equity_with_loan_change = AU_IB_DBL_MAX_LITERAL;
  m.u.open_order.init_margin_after = AU_IB_DBL_MAX_LITERAL;
  m.u.open_order.maint_margin_after = AU_IB_DBL_MAX_LITERAL;
  m.u.open_order.equity_with_loan_after = AU_IB_DBL_MAX_LITERAL;
  m.u.open_order.commission = AU_IB_UNSET_DOUBLE;
  m.u.open_order.min_commission = AU_IB_UNSET_DOUBLE;
  m.u.open_order.max_commission = AU_IB_UNSET_DOUBLE;
  m.u.open_order.commission_currency = "";
  m.u.open_order.warning_text = "";
  _au_gateway_send (conn, &m);
}

static void
send_execution (AuGateway            *self,
                AuGatewayConn        *conn,
                int                   req_id,
                const AuGatewayOrder *order,
                const AuExecution    *execution)
{
  AuIbIncoming m = { .id = AU_IB_IN_EXECUTION_DATA };
  g_autofree char *time = _au_gateway_format_time (execution->time);
  AuGatewayIbContract ib;
  gint64 cumulative;
  double value;
  AuPrice last;

  sum_fills (self, order->perm_id, execution, &cumulative, &value, &last);
  au_gateway_contract_to_ib (&execution->contract, &ib);
  m.u.execution.req_id = req_id;
  m.u.execution.order_id = order->order_id;
  m.u.execution.contract = ib.ib;
  m.u.execution.exec_id = execution->exec_id;
  m.u.execution.time = time;
  m.u.execution.account = au_gateway_book_get_account (self->book);
  m.u.execution.exec_exchange = "PAPER";
  m.u.execution.side = execution->side == AU_SIDE_SELL ? "SLD" : "BOT";
  m.u.execution.shares = (double) execution->quantity;
  m.u.execution.price = au_price_to_double (execution->price);
  m.u.execution.perm_id = order->perm_id;
  m.u.execution.client_id = order->client_id;
  m.u.execution.liquidation = 0;
  m.u.execution.cum_qty = (double) cumulative;
  m.u.execution.avg_price = cumulative > 0 ? value / (double) cumulative : 0.0;
  m.u.execution.order_ref = order->order_ref;
  m.u.execution.ev_rule = "";
  m.u.execution.ev_multiplier = 0.0;
  m.u.execution.model_code = "";
  /* 2 = removed liquidity (filled on arrival, in the market step the
   * order came in), 1 = added (it rested until a later step). */
  m.u.execution.last_liquidity = execution->time == order->submitted ? 2 : 1;
  _au_gateway_send (conn, &m);

  memset (&m.u, 0, sizeof m.u);
  m.id = AU_IB_IN_COMMISSION_REPORT;
  m.u.commission_report.exec_id = execution->exec_id;
  m.u.commission_report.commission = au_money_to_double (execution->commission);
  m.u.commission_report.currency = "USD";
  m.u.commission_report.realized_pnl = AU_IB_UNSET_DOUBLE;
  m.u.commission_report.yield = AU_IB_UNSET_DOUBLE;
  m.u.commission_report.yield_redemption_date = 0;
  _au_gateway_send (conn, &m);
}

static void
on_order_updated (AuPaperExchange *exchange,
                  AuOrderUpdate   *update,
                  gpointer         user_data)
{
  AuGateway *self = user_data;
  AuGatewayOrder *order = au_gateway_book_find_perm (self->book, update->broker_order_id);
  AuGatewayConn *conn;

  if (order == NULL)
    return;
  conn = _au_gateway_conn_for (self, order->client_id);
  g_message ("order %d of client %d (perm %" G_GINT64_FORMAT "): %s%s%s", order->order_id,
             order->client_id, order->perm_id, au_order_state_to_string (update->state),
             update->reason != NULL ? ": " : "", update->reason != NULL ? update->reason : "");
  /* A client that is not connected learns the fate later, from open
   * orders, completed orders and executions, as with IB. */
  if (conn == NULL)
    return;

  if (update->state == AU_ORDER_REJECTED)
    {
      g_autofree char *text = g_strdup_printf ("Order rejected - reason:%s", update->reason);

      _au_gateway_send_error (conn, order->order_id, 201, text);
      send_order_status (self, conn, order, update);
      return;
    }
  send_open_order (self, conn, order, update);
  send_order_status (self, conn, order, update);
  if (update->state == AU_ORDER_CANCELLED)
    {
      g_autofree char *text = g_strdup_printf ("Order Canceled - reason:%s",
                                               update->reason != NULL ? update->reason : "");

      _au_gateway_send_error (conn, order->order_id, 202, text);
    }
}

static void
on_execution (AuPaperExchange *exchange,
              AuExecution     *execution,
              gpointer         user_data)
{
  AuGateway *self = user_data;
  AuGatewayOrder *order = au_gateway_book_find_perm (self->book, execution->broker_order_id);
  AuGatewayConn *conn;

  if (order == NULL)
    return;
  conn = _au_gateway_conn_for (self, order->client_id);
  if (conn != NULL)
    send_execution (self, conn, -1, order, execution);
  _au_gateway_account_changed (self);
}

static void
on_expiry (AuPaperExchange *exchange,
           AuExpiryEvent   *event,
           gpointer         user_data)
{
  AuGateway *self = user_data;
  g_autofree char *name = au_contract_describe (&event->contract);
  static const char *outcomes[] = { "expired worthless", "assigned", "exercised" };

  /* R7: an assigned short put turns into shares at the strike; the
   * clients see it in their positions and account updates. */
  g_message ("%s × %" G_GINT64_FORMAT " %s (%s)", name, event->contracts,
             outcomes[CLAMP ((int) event->outcome, 0, 2)], event->reference);
  _au_gateway_account_changed (self);
}

void
_au_gateway_orders_connect (AuGateway *self)
{
  g_signal_connect (self->exchange, "order-updated", G_CALLBACK (on_order_updated), self);
  g_signal_connect (self->exchange, "execution", G_CALLBACK (on_execution), self);
  g_signal_connect (self->exchange, "expiry", G_CALLBACK (on_expiry), self);
}

static void
refuse (AuGatewayConn *conn,
        int            order_id,
        int            code,
        const char    *format,
        ...) G_GNUC_PRINTF (4, 5);

static void
refuse (AuGatewayConn *conn,
        int            order_id,
        int            code,
        const char    *format,
        ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  _au_gateway_send_error (conn, order_id, code, text);
}

/* The order's own checks, before it reaches the exchange; NULL when it
 * may go on, else why not (IB's 321 unless @code says otherwise). */
static char *
order_problem (AuGateway            *self,
               const AuIbPlaceOrder *o,
               int                  *code)
{
  *code = 321;
  if (g_strcmp0 (o->order_type, "LMT") != 0)
    {
      /* D2.25: the paper exchange takes limit orders only. */
      *code = 387;
      return g_strdup_printf ("Unsupported order type for this exchange and security type: "
                              "'%s' (the simulator takes LMT)", o->order_type ? o->order_type : "");
    }
  if (g_strcmp0 (o->action, "BUY") != 0 && g_strcmp0 (o->action, "SELL") != 0)
    return g_strdup_printf ("Error validating request: action '%s' is neither BUY nor SELL",
                            o->action ? o->action : "");
  if (!(o->total_quantity > 0.0) || o->total_quantity == AU_IB_UNSET_DECIMAL ||
      o->total_quantity != floor (o->total_quantity) || o->total_quantity > 1e9)
    return g_strdup ("Error validating request: totalQuantity must be a positive whole number");
  if (o->lmt_price == AU_IB_UNSET_DOUBLE || !isfinite (o->lmt_price))
    return g_strdup ("Error validating request: a limit order needs lmtPrice");
  if (o->tif != NULL && *o->tif != '\0' && g_strcmp0 (o->tif, "DAY") != 0)
    return g_strdup_printf ("Error validating request: tif '%s': the paper exchange takes day "
                            "orders", o->tif);
  if (o->account != NULL && *o->account != '\0' &&
      g_strcmp0 (o->account, au_gateway_book_get_account (self->book)) != 0)
    return g_strdup_printf ("Error validating request: account '%s' is not managed here (%s)",
                            o->account, au_gateway_book_get_account (self->book));
  if (o->what_if)
    return g_strdup ("Error validating request: what-if orders are not simulated");
  if (!o->transmit || o->parent_id != 0)
    return g_strdup ("Error validating request: the simulator takes transmitted orders "
                     "without a parent");
  return NULL;
}

static void
place_order (AuGateway            *self,
             AuGatewayConn        *conn,
             const AuIbPlaceOrder *o)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *exchange_id = NULL;
  g_autoptr(AuOrderUpdate) earlier = NULL;
  AuOrderRequest request = { 0 };
  AuGatewayOrder *order;
  AuPrice limit;
  int code;

  if (o->order_id <= 0)
    {
      refuse (conn, o->order_id, 321, "Error validating request: orderId must be positive");
      return;
    }
  if (au_gateway_book_find (self->book, conn->client_id, o->order_id) != NULL)
    {
      /* The paper exchange does not modify orders: a reused id is one
       * used before, whatever its state. */
      refuse (conn, o->order_id, 103, "Duplicate order id");
      return;
    }
  au_gateway_book_use_order_id (self->book, o->order_id);
  if (self->config.reject_code != 0)
    {
      refuse (conn, o->order_id, self->config.reject_code,
              "Order rejected - reason:refused by the simulator's fault switch");
      _au_gateway_save_book (self);
      return;
    }
  problem = order_problem (self, o, &code);
  if (problem != NULL)
    {
      _au_gateway_send_error (conn, o->order_id, code, problem);
      _au_gateway_save_book (self);
      return;
    }
  if (!au_price_from_double (o->lmt_price, &limit))
    {
      refuse (conn, o->order_id, 321, "Error validating request: lmtPrice %g is out of range",
              o->lmt_price);
      _au_gateway_save_book (self);
      return;
    }

  order = g_new0 (AuGatewayOrder, 1);
  if (!au_gateway_contract_from_ib (&o->contract, self->contracts, &order->contract, &error))
    {
      refuse (conn, o->order_id, 200, "No security definition has been found for the request: %s",
              error->message);
      au_gateway_order_free (order);
      _au_gateway_save_book (self);
      return;
    }
  au_gateway_contract_remember (self->contracts, &order->contract);
  order->client_id = conn->client_id;
  order->order_id = o->order_id;
  order->order_ref = g_strdup (o->order_ref != NULL ? o->order_ref : "");
  order->side = g_strcmp0 (o->action, "SELL") == 0 ? AU_SIDE_SELL : AU_SIDE_BUY;
  order->quantity = (gint64) o->total_quantity;
  order->limit = limit;
  order->tif = g_strdup ("DAY");
  exchange_id = au_gateway_order_exchange_id (order);
  earlier = au_paper_exchange_dup_order (self->exchange, exchange_id);
  if (earlier != NULL)
    {
      /* The exchange's state knows the id though the book lost it. */
      refuse (conn, o->order_id, 103, "Duplicate order id");
      au_gateway_order_free (order);
      return;
    }

  /* The market catches up with the clock first, so the order meets
   * today's quote; the book is saved before the exchange takes the
   * order, so a SIGKILL in between leaves an id used, never an order
   * the clients cannot name (D4). */
  if (_au_gateway_advance (self))
    _au_gateway_market_stepped (self);
  order->perm_id = au_paper_exchange_peek_next_order_id (self->exchange);
  order->submitted = au_paper_exchange_get_now (self->exchange);
  au_gateway_book_add (self->book, order);
  _au_gateway_save_book (self);

  request.client_order_id = exchange_id;
  request.contract = order->contract;
  request.side = order->side;
  request.quantity = order->quantity;
  request.limit = order->limit;
  if (!au_paper_exchange_submit (self->exchange, &request, 0, au_gateway_get_now (self), NULL,
                                 &error))
    refuse (conn, o->order_id, 201, "Order rejected - reason:%s", error->message);
}

static void
cancel_order (AuGateway             *self,
              AuGatewayConn         *conn,
              const AuIbCancelOrder *c)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exchange_id = NULL;
  AuGatewayOrder *order = au_gateway_book_find (self->book, conn->client_id, c->order_id);

  if (order == NULL)
    {
      refuse (conn, c->order_id, 135, "Can't find order with id = %d", c->order_id);
      return;
    }
  exchange_id = au_gateway_order_exchange_id (order);
  if (!au_paper_exchange_cancel (self->exchange, exchange_id, au_gateway_get_now (self), &error))
    refuse (conn, c->order_id, 161, "Cancel attempted when order is not in a cancellable state. "
            "Order permId = %" G_GINT64_FORMAT " (%s)", order->perm_id, error->message);
}

static void
global_cancel (AuGateway *self)
{
  g_autoptr(GPtrArray) open = au_paper_exchange_dup_open_orders (self->exchange);
  guint i;

  for (i = 0; i < open->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (open, i);
      g_autoptr(GError) error = NULL;

      if (!au_paper_exchange_cancel (self->exchange, update->client_order_id,
                                     au_gateway_get_now (self), &error))
        g_message ("global cancel: %s", error->message);
    }
}

/* Open orders of @client_id (-1: every client), each as OPEN_ORDER and
 * ORDER_STATUS, then OPEN_ORDER_END. */
static void
send_open_orders (AuGateway     *self,
                  AuGatewayConn *conn,
                  int            client_id)
{
  g_autoptr(GPtrArray) open = au_paper_exchange_dup_open_orders (self->exchange);
  AuIbIncoming m = { .id = AU_IB_IN_OPEN_ORDER_END };
  guint i;

  for (i = 0; i < open->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (open, i);
      AuGatewayOrder *order = au_gateway_book_find_perm (self->book, update->broker_order_id);

      if (order == NULL || (client_id >= 0 && order->client_id != client_id))
        continue;
      send_open_order (self, conn, order, update);
      send_order_status (self, conn, order, update);
    }
  _au_gateway_send (conn, &m);
}

static void
send_completed_orders (AuGateway     *self,
                       AuGatewayConn *conn)
{
  g_autoptr(GPtrArray) orders = au_paper_exchange_dup_orders (self->exchange);
  AuIbIncoming m = { 0 };
  guint i;

  for (i = 0; i < orders->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (orders, i);
      AuGatewayOrder *order = au_gateway_book_find_perm (self->book, update->broker_order_id);
      g_autofree char *time = NULL;
      g_autofree char *status = NULL;
      AuGatewayIbContract ib;

      if (order == NULL || !au_order_state_is_final (update->state))
        continue;
      time = _au_gateway_format_time (update->time);
      status = update->state == AU_ORDER_FILLED
               ? g_strdup_printf ("Filled Size: %" G_GINT64_FORMAT, update->filled)
               : g_strdup (update->reason != NULL ? update->reason : ib_status (update->state));
      au_gateway_contract_to_ib (&order->contract, &ib);
      memset (&m, 0, sizeof m);
      m.id = AU_IB_IN_COMPLETED_ORDER;
      m.u.completed_order.contract = ib.ib;
      m.u.completed_order.action = order->side == AU_SIDE_SELL ? "SELL" : "BUY";
      m.u.completed_order.total_quantity = (double) order->quantity;
      m.u.completed_order.order_type = "LMT";
      m.u.completed_order.lmt_price = au_price_to_double (order->limit);
      m.u.completed_order.aux_price = AU_IB_UNSET_DOUBLE;
      m.u.completed_order.tif = order->tif;
      m.u.completed_order.account = au_gateway_book_get_account (self->book);
      m.u.completed_order.order_ref = order->order_ref;
      m.u.completed_order.perm_id = order->perm_id;
      m.u.completed_order.status = ib_status (update->state);
      m.u.completed_order.filled_quantity = (double) update->filled;
      m.u.completed_order.parent_perm_id = 0;
      m.u.completed_order.completed_time = time;
      m.u.completed_order.completed_status = status;
      _au_gateway_send (conn, &m);
    }
  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_COMPLETED_ORDERS_END;
  _au_gateway_send (conn, &m);
}

/* The filter's time: "yyyymmdd hh:mm:ss" in New York time (or with an
 * explicit zone after it), "yyyymmdd-hh:mm:ss" in UTC; 0 when empty. */
static gboolean
parse_filter_time (const char *text,
                   gint64     *usec)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) time = NULL;
  unsigned y, mo, d, h, mi, s;
  char sep;

  *usec = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (sscanf (text, "%4u%2u%2u%c%2u:%2u:%2u", &y, &mo, &d, &sep, &h, &mi, &s) != 7)
    return FALSE;
  if (sep == '-')
    zone = g_time_zone_new_utc ();
  else if (strlen (text) > 18 && text[17] == ' ')
    zone = g_time_zone_new_identifier (text + 18);
  if (zone == NULL)
    zone = g_time_zone_ref (au_eastern_time_zone ());
  time = g_date_time_new (zone, (int) y, (int) mo, (int) d, (int) h, (int) mi, (double) s);
  if (time == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (time) * G_USEC_PER_SEC;
  return TRUE;
}

static void
req_executions (AuGateway               *self,
                AuGatewayConn           *conn,
                const AuIbReqExecutions *f)
{
  g_autoptr(GPtrArray) executions = NULL;
  AuIbIncoming m = { .id = AU_IB_IN_EXECUTION_DATA_END };
  gint64 since;
  guint i;

  if (!parse_filter_time (f->time, &since))
    {
      refuse (conn, f->req_id, 321, "Error validating request: execution filter time '%s' is "
              "not 'yyyymmdd hh:mm:ss'", f->time);
      return;
    }
  /* D4: every execution of the account since the state began, from any
   * client id, the filter's fields honoured (client id 0: any). */
  executions = au_paper_exchange_dup_executions (self->exchange, since);
  for (i = 0; i < executions->len; i++)
    {
      const AuExecution *e = g_ptr_array_index (executions, i);
      AuGatewayOrder *order = au_gateway_book_find_perm (self->book, e->broker_order_id);

      if (order == NULL)
        continue;
      if (f->client_id != 0 && order->client_id != f->client_id)
        continue;
      if (f->account != NULL && *f->account != '\0' &&
          g_strcmp0 (f->account, au_gateway_book_get_account (self->book)) != 0)
        continue;
      if (f->symbol != NULL && *f->symbol != '\0' && g_strcmp0 (f->symbol, e->contract.symbol) != 0)
        continue;
      if (f->sec_type != NULL && *f->sec_type != '\0' &&
          g_strcmp0 (f->sec_type, e->contract.sec_type == AU_SEC_STOCK ? "STK" : "OPT") != 0)
        continue;
      if (f->exchange != NULL && *f->exchange != '\0' && g_strcmp0 (f->exchange, "SMART") != 0 &&
          g_strcmp0 (f->exchange, "PAPER") != 0)
        continue;
      if (f->side != NULL && *f->side != '\0' &&
          g_ascii_strcasecmp (f->side, e->side == AU_SIDE_SELL ? "SELL" : "BUY") != 0)
        continue;
      send_execution (self, conn, f->req_id, order, e);
    }
  m.u.end.req_id = f->req_id;
  _au_gateway_send (conn, &m);
}

gboolean
_au_gateway_orders_dispatch (AuGateway         *self,
                             AuGatewayConn     *conn,
                             const AuIbRequest *request)
{
  switch ((int) request->id)
    {
    case AU_IB_OUT_PLACE_ORDER:
      place_order (self, conn, &request->u.place_order);
      return TRUE;
    case AU_IB_OUT_CANCEL_ORDER:
      cancel_order (self, conn, &request->u.cancel_order);
      return TRUE;
    case AU_IB_OUT_REQ_GLOBAL_CANCEL:
      global_cancel (self);
      return TRUE;
    case AU_IB_OUT_REQ_OPEN_ORDERS:
      send_open_orders (self, conn, conn->client_id);
      return TRUE;
    case AU_IB_OUT_REQ_ALL_OPEN_ORDERS:
      send_open_orders (self, conn, -1);
      return TRUE;
    case AU_IB_OUT_REQ_COMPLETED_ORDERS:
      send_completed_orders (self, conn);
      return TRUE;
    case AU_IB_OUT_REQ_EXECUTIONS:
      req_executions (self, conn, &request->u.executions);
      return TRUE;
    default:
      return FALSE;
    }
}

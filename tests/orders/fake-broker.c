/* fake-broker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fake-broker.h"

typedef struct
{
  AuOrderRequest request;
  gint64         broker_id;
  AuOrderState   state;
  gint64         filled;
} FakeOrder;

struct _FakeBroker
{
  GObject     parent_instance;

  AuClock    *clock;
  GPtrArray  *orders;       /* FakeOrder, in the order sent */
  GPtrArray  *cancels;      /* char *, every cancel asked */
  guint       confirmed;    /* cancels already confirmed */
  GPtrArray  *executions;   /* AuExecution */
  char       *refuse;
  gint64      next_id;
  gboolean    disconnected;
  gboolean    strict;
  gboolean    auto_confirm;
  guint       max_live;
  guint       place_calls;
};

static void fake_broker_iface_init (AuBrokerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeBroker, fake_broker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AU_TYPE_BROKER, fake_broker_iface_init))

static void
fake_order_free (FakeOrder *order)
{
  g_free (order->request.client_order_id);
  au_contract_clear (&order->request.contract);
  g_free (order);
}

static FakeOrder *
find (FakeBroker *self,
      const char *client_order_id)
{
  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);

      if (g_strcmp0 (order->request.client_order_id, client_order_id) == 0)
        return order;
    }
  return NULL;
}

/* "<parent>-2-v3" → "<parent>-2": the slice a version belongs to. */
static char *
slice_key (const char *client_order_id)
{
  const char *suffix = g_strrstr (client_order_id, "-v");

  return suffix != NULL ? g_strndup (client_order_id, suffix - client_order_id)
                        : g_strdup (client_order_id);
}

/* R0.6's invariant, taken at every call: how many versions of the slice
 * of @client_order_id are live at the broker now. */
static void
check_live (FakeBroker *self,
            const char *client_order_id)
{
  g_autofree char *key = slice_key (client_order_id);
  guint live = 0;

  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);
      g_autofree char *other = slice_key (order->request.client_order_id);

      if (g_str_equal (key, other) && !au_order_state_is_final (order->state))
        live++;
    }
  self->max_live = MAX (self->max_live, live);
  if (self->strict)
    g_assert_cmpuint (live, <=, 1);
}

static gboolean
check_connected (FakeBroker  *self,
                 GError     **error)
{
  if (!self->disconnected)
    return TRUE;
  g_set_error_literal (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                       "the fake broker is not connected");
  return FALSE;
}

static void
emit_state (FakeBroker *self,
            FakeOrder  *order,
            const char *reason)
{
  AuOrderUpdate update = { 0 };

  /* Down, the news is lost: the engine learns it only by asking. */
  if (self->disconnected)
    return;
  update.client_order_id = order->request.client_order_id;
  update.broker_order_id = order->broker_id;
  update.state = order->state;
  update.filled = order->filled;
  update.remaining = order->request.quantity - order->filled;
  update.reason = (char *) reason;
  update.time = au_clock_get_now (self->clock);
  au_broker_emit_order_updated (AU_BROKER (self), &update);
}

static const char *
fake_get_name (AuBroker *broker)
{
  return "fake";
}

static AuBrokerState
fake_get_state (AuBroker *broker)
{
  return FAKE_BROKER (broker)->disconnected ? AU_BROKER_DISCONNECTED : AU_BROKER_READY;
}

static gint64
fake_get_now (AuBroker *broker)
{
  return au_clock_get_now (FAKE_BROKER (broker)->clock);
}

static gboolean
fake_place_order (AuBroker              *broker,
                  const AuOrderRequest  *request,
                  GError               **error)
{
  FakeBroker *self = FAKE_BROKER (broker);
  FakeOrder *order;

  self->place_calls++;
  if (!check_connected (self, error))
    return FALSE;
  if (self->refuse != NULL)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_REJECTED, "%s", self->refuse);
      g_clear_pointer (&self->refuse, g_free);
      return FALSE;
    }
  if (find (self, request->client_order_id) != NULL)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_DUPLICATE,
                   "client order id %s was sent before", request->client_order_id);
      return FALSE;
    }
  order = g_new0 (FakeOrder, 1);
  order->request = *request;
  order->request.client_order_id = g_strdup (request->client_order_id);
  au_contract_copy (&order->request.contract, &request->contract);
  order->broker_id = ++self->next_id;
  order->state = AU_ORDER_PENDING;
  g_ptr_array_add (self->orders, order);
  check_live (self, request->client_order_id);
  return TRUE;
}

static gboolean
confirm_idle_cb (gpointer user_data)
{
  fake_broker_confirm_cancels (FAKE_BROKER (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
fake_cancel_order (AuBroker    *broker,
                   const char  *client_order_id,
                   GError     **error)
{
  FakeBroker *self = FAKE_BROKER (broker);
  FakeOrder *order;

  check_live (self, client_order_id);
  if (!check_connected (self, error))
    return FALSE;
  g_ptr_array_add (self->cancels, g_strdup (client_order_id));
  order = find (self, client_order_id);
  if (order == NULL)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_UNKNOWN_ORDER,
                   "no order %s", client_order_id);
      return FALSE;
    }
  /* As the paper exchange: a final order can no longer be cancelled. */
  if (au_order_state_is_final (order->state))
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_REJECTED,
                   "order %s is %s: it can no longer be cancelled", client_order_id,
                   au_order_state_to_string (order->state));
      return FALSE;
    }
  if (self->auto_confirm)
    g_idle_add_full (G_PRIORITY_DEFAULT, confirm_idle_cb, g_object_ref (self), g_object_unref);
  return TRUE;
}

static void
fake_open_orders_async (AuBroker            *broker,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  FakeBroker *self = FAKE_BROKER (broker);
  g_autoptr(GTask) task = g_task_new (broker, cancellable, callback, user_data);
  GPtrArray *open;
  GError *error = NULL;

  if (!check_connected (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  open = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  for (guint i = 0; i < self->orders->len; i++)
    {
      FakeOrder *order = g_ptr_array_index (self->orders, i);
      AuOrderUpdate update = { 0 };

      if (au_order_state_is_final (order->state))
        continue;
      update.client_order_id = order->request.client_order_id;
      update.broker_order_id = order->broker_id;
      update.state = order->state;
      update.filled = order->filled;
      update.remaining = order->request.quantity - order->filled;
      g_ptr_array_add (open, au_order_update_copy (&update));
    }
  g_task_return_pointer (task, open, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
fake_finish (AuBroker      *broker,
             GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_executions_async (AuBroker            *broker,
                       gint64               since,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  FakeBroker *self = FAKE_BROKER (broker);
  g_autoptr(GTask) task = g_task_new (broker, cancellable, callback, user_data);
  GPtrArray *all;
  GError *error = NULL;

  if (!check_connected (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  for (guint i = 0; i < self->executions->len; i++)
    {
      const AuExecution *execution = g_ptr_array_index (self->executions, i);

      if (execution->time >= since)
        g_ptr_array_add (all, au_execution_copy (execution));
    }
  g_task_return_pointer (task, all, (GDestroyNotify) g_ptr_array_unref);
}

static void
fake_broker_iface_init (AuBrokerInterface *iface)
{
  /* What the order manager uses; market data is the paper market's. */
  iface->get_name = fake_get_name;
  iface->get_state = fake_get_state;
  iface->get_now = fake_get_now;
  iface->place_order = fake_place_order;
  iface->cancel_order = fake_cancel_order;
  iface->open_orders_async = fake_open_orders_async;
  iface->open_orders_finish = fake_finish;
  iface->executions_async = fake_executions_async;
  iface->executions_finish = fake_finish;
}

static void
fake_broker_finalize (GObject *object)
{
  FakeBroker *self = FAKE_BROKER (object);

  g_clear_object (&self->clock);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->cancels, g_ptr_array_unref);
  g_clear_pointer (&self->executions, g_ptr_array_unref);
  g_clear_pointer (&self->refuse, g_free);

  G_OBJECT_CLASS (fake_broker_parent_class)->finalize (object);
}

static void
fake_broker_class_init (FakeBrokerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_broker_finalize;
}

static void
fake_broker_init (FakeBroker *self)
{
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) fake_order_free);
  self->cancels = g_ptr_array_new_with_free_func (g_free);
  self->executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  self->next_id = 1000;
}

FakeBroker *
fake_broker_new (AuClock *clock)
{
  FakeBroker *self = g_object_new (FAKE_TYPE_BROKER, NULL);

  self->clock = g_object_ref (clock);
  return self;
}

guint
fake_broker_get_n_sent (FakeBroker *self)
{
  return self->orders->len;
}

const AuOrderRequest *
fake_broker_get_sent (FakeBroker *self,
                      guint       index)
{
  g_assert_cmpuint (index, <, self->orders->len);
  return &((FakeOrder *) g_ptr_array_index (self->orders, index))->request;
}

guint
fake_broker_get_n_cancels (FakeBroker *self)
{
  return self->cancels->len;
}

const char *
fake_broker_get_cancel (FakeBroker *self,
                        guint       index)
{
  g_assert_cmpuint (index, <, self->cancels->len);
  return g_ptr_array_index (self->cancels, index);
}

void
fake_broker_refuse_next (FakeBroker *self,
                         const char *reason)
{
  g_free (self->refuse);
  self->refuse = g_strdup (reason);
}

void
fake_broker_ack (FakeBroker *self,
                 const char *client_order_id)
{
  FakeOrder *order = find (self, client_order_id);

  g_assert_nonnull (order);
  order->state = AU_ORDER_WORKING;
  emit_state (self, order, NULL);
}

void
fake_broker_reject (FakeBroker *self,
                    const char *client_order_id,
                    const char *reason)
{
  FakeOrder *order = find (self, client_order_id);

  g_assert_nonnull (order);
  order->state = AU_ORDER_REJECTED;
  emit_state (self, order, reason);
}

const char *
fake_broker_fill (FakeBroker *self,
                  const char *client_order_id,
                  gint64      quantity,
                  AuPrice     price,
                  gboolean    emit)
{
  FakeOrder *order = find (self, client_order_id);
  AuExecution *execution;

  g_assert_nonnull (order);
  g_assert_cmpint (order->filled + quantity, <=, order->request.quantity);
  execution = g_new0 (AuExecution, 1);
  execution->exec_id = g_strdup_printf ("0000e0d5.%08x.01.01", self->executions->len + 1);
  execution->client_order_id = g_strdup (client_order_id);
  execution->broker_order_id = order->broker_id;
  au_contract_copy (&execution->contract, &order->request.contract);
  execution->side = order->request.side;
  execution->quantity = quantity;
  execution->price = price;
  execution->commission = 65 * quantity;   /* $0.65 a contract (D3) */
  execution->time = au_clock_get_now (self->clock);
  g_ptr_array_add (self->executions, execution);

  order->filled += quantity;
  order->state = order->filled == order->request.quantity ? AU_ORDER_FILLED
                                                          : AU_ORDER_PARTIALLY_FILLED;
  if (emit && !self->disconnected)
    {
      au_broker_emit_execution (AU_BROKER (self), execution);
      emit_state (self, order, NULL);
    }
  return execution->exec_id;
}

void
fake_broker_redeliver (FakeBroker *self,
                       guint       index)
{
  g_assert_cmpuint (index, <, self->executions->len);
  au_broker_emit_execution (AU_BROKER (self), g_ptr_array_index (self->executions, index));
}

void
fake_broker_confirm_cancels (FakeBroker *self)
{
  while (self->confirmed < self->cancels->len)
    {
      FakeOrder *order = find (self, g_ptr_array_index (self->cancels, self->confirmed++));

      if (order == NULL || au_order_state_is_final (order->state))
        continue;
      order->state = AU_ORDER_CANCELLED;
      emit_state (self, order, "cancelled by request");
    }
}

void
fake_broker_forget (FakeBroker *self,
                    const char *client_order_id)
{
  FakeOrder *order = find (self, client_order_id);

  g_assert_nonnull (order);
  g_ptr_array_remove (self->orders, order);
}

void
fake_broker_report (FakeBroker *self,
                    const char *client_order_id)
{
  FakeOrder *order = find (self, client_order_id);

  g_assert_nonnull (order);
  emit_state (self, order, NULL);
}

void
fake_broker_lose_cancels (FakeBroker *self)
{
  self->confirmed = self->cancels->len;
}

void
fake_broker_set_connected (FakeBroker *self,
                           gboolean    connected)
{
  self->disconnected = !connected;
}

guint
fake_broker_get_max_live (FakeBroker *self)
{
  return self->max_live;
}

guint
fake_broker_get_n_place_calls (FakeBroker *self)
{
  return self->place_calls;
}

void
fake_broker_set_strict (FakeBroker *self,
                        gboolean    strict)
{
  self->strict = strict;
}

void
fake_broker_set_auto_confirm (FakeBroker *self,
                              gboolean    auto_confirm)
{
  self->auto_confirm = auto_confirm;
}

/* au-paper-broker.c: the in-process paper broker (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-paper"

#include "config.h"

#include "au-market-error.h"
#include "au-market-symbol.h"
#include "au-paper-broker.h"
#include "au-paper-fill-model.h"

typedef enum
{
  EVENT_ORDER_UPDATE,
  EVENT_EXECUTION,
  EVENT_EXPIRY,
} EventKind;

typedef struct
{
  EventKind kind;
  gpointer  boxed;
} Event;

struct _AuPaperBroker
{
  GObject          parent_instance;

  AuPaperExchange *exchange;
  AuClock         *clock;
  GMainContext    *context;
  AuBrokerState    state;
  GQueue           events;     /* Event, from the exchange, not yet emitted */
  GSource         *flush_source;
  GSource         *step_source;
};

static void au_paper_broker_iface_init (AuBrokerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AuPaperBroker, au_paper_broker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AU_TYPE_BROKER, au_paper_broker_iface_init))

static void
event_free (Event *event)
{
  switch (event->kind)
    {
    case EVENT_ORDER_UPDATE:
      au_order_update_free (event->boxed);
      break;
    case EVENT_EXECUTION:
      au_execution_free (event->boxed);
      break;
    case EVENT_EXPIRY:
      au_expiry_event_free (event->boxed);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (event);
}

/* Emits what the exchange produced, in order. While disconnected the
 * events are dropped, as a real broker's are: the engine asks for the
 * executions and open orders when it reconnects (D4). */
static void
flush_events (AuPaperBroker *self)
{
  Event *event;

  while ((event = g_queue_pop_head (&self->events)) != NULL)
    {
      if (self->state == AU_BROKER_READY)
        {
          switch (event->kind)
            {
            case EVENT_ORDER_UPDATE:
              au_broker_emit_order_updated (AU_BROKER (self), event->boxed);
              break;
            case EVENT_EXECUTION:
              au_broker_emit_execution (AU_BROKER (self), event->boxed);
              break;
            case EVENT_EXPIRY:
              au_broker_emit_expiry (AU_BROKER (self), event->boxed);
              break;
            default:
              g_assert_not_reached ();
            }
        }
      event_free (event);
    }
}

static gboolean
flush_idle_cb (gpointer user_data)
{
  AuPaperBroker *self = user_data;

  g_clear_pointer (&self->flush_source, g_source_unref);
  flush_events (self);
  au_clock_release (self->clock);
  return G_SOURCE_REMOVE;
}

static void
queue_event (AuPaperBroker *self,
             EventKind      kind,
             gpointer       boxed)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->boxed = boxed;
  g_queue_push_tail (&self->events, event);

  /* Never inside the caller's call: the next main-loop iteration. The
   * clock holds until then: an acknowledgement or a fill reaches the
   * engine with no market time passed, at any speed, as the order
   * manager's deadlines (R0.6) expect of a broker on the same machine. */
  if (self->flush_source == NULL)
    {
      au_clock_hold (self->clock);
      self->flush_source = g_idle_source_new ();
      g_source_set_priority (self->flush_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->flush_source, flush_idle_cb, self, NULL);
      g_source_set_static_name (self->flush_source, "[au-paper-broker] events");
      g_source_attach (self->flush_source, self->context);
    }
}

static void
exchange_order_updated_cb (AuPaperBroker       *self,
                  const AuOrderUpdate *update)
{
  queue_event (self, EVENT_ORDER_UPDATE, au_order_update_copy (update));
}

static void
exchange_execution_cb (AuPaperBroker     *self,
              const AuExecution *execution)
{
  queue_event (self, EVENT_EXECUTION, au_execution_copy (execution));
}

static void
exchange_expiry_cb (AuPaperBroker       *self,
           const AuExpiryEvent *event)
{
  queue_event (self, EVENT_EXPIRY, au_expiry_event_copy (event));
}

static void
stop_step_timer (AuPaperBroker *self)
{
  if (self->step_source != NULL)
    {
      g_source_destroy (self->step_source);
      g_clear_pointer (&self->step_source, g_source_unref);
    }
}

static void schedule_step (AuPaperBroker *self);

/* Steps the market to @usec, emitting each step's events before the next. */
static gboolean
run_market_to (AuPaperBroker  *self,
               gint64          usec,
               GError        **error)
{
  flush_events (self);
  while (au_paper_exchange_get_next_step (self->exchange) <= usec)
    {
      if (!au_paper_exchange_step (self->exchange, error))
        return FALSE;
      flush_events (self);
    }
  return TRUE;
}

/* A replayed symbol without a bar for the next session: the market
 * cannot go on; the engine hears it and goes to SAFE. */
static void
market_failed (AuPaperBroker *self,
               const GError  *error)
{
  au_broker_emit_notice (AU_BROKER (self), 0, error->message);
  self->state = AU_BROKER_DEGRADED;
  au_broker_emit_state_changed (AU_BROKER (self));
}

static gboolean
step_timeout_cb (gpointer user_data)
{
  AuPaperBroker *self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->step_source, g_source_unref);
  if (!run_market_to (self, au_clock_get_now (self->clock), &error))
    {
      market_failed (self, error);
      return G_SOURCE_REMOVE;
    }
  schedule_step (self);
  return G_SOURCE_REMOVE;
}

/* Only the step timer moves the market, and a fast simulated clock runs
 * on between its ticks (at 100,000x a five-minute step lasts 3 ms): a
 * quote served then would be as of a step the market should have left,
 * and D2.7 would call the VIX stale. A stepped clock moves the market
 * itself (au_paper_broker_advance_to()). */
static gboolean
market_behind_clock (AuPaperBroker *self)
{
  return au_clock_get_kind (self->clock) != AU_CLOCK_STEPPED
         && au_paper_exchange_get_next_step (self->exchange) <= au_clock_get_now (self->clock);
}

static void
schedule_step (AuPaperBroker *self)
{
  gint64 delay;

  stop_step_timer (self);
  if (au_clock_get_kind (self->clock) == AU_CLOCK_STEPPED || self->state != AU_BROKER_READY)
    return;

  delay = au_clock_real_delay_until (self->clock,
                                     au_paper_exchange_get_next_step (self->exchange));
  self->step_source = g_timeout_source_new ((guint) MIN ((delay + 999) / 1000, G_MAXUINT));
  g_source_set_callback (self->step_source, step_timeout_cb, self, NULL);
  g_source_set_static_name (self->step_source, "[au-paper-broker] market step");
  g_source_attach (self->step_source, self->context);
}

static void
au_paper_broker_dispose (GObject *object)
{
  AuPaperBroker *self = AU_PAPER_BROKER (object);

  stop_step_timer (self);
  if (self->flush_source != NULL)
    {
      g_source_destroy (self->flush_source);
      g_clear_pointer (&self->flush_source, g_source_unref);
      au_clock_release (self->clock);
    }
  if (self->exchange != NULL)
    g_signal_handlers_disconnect_by_data (self->exchange, self);
  g_queue_clear_full (&self->events, (GDestroyNotify) event_free);
  g_clear_object (&self->exchange);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (au_paper_broker_parent_class)->dispose (object);
}

static void
au_paper_broker_finalize (GObject *object)
{
  AuPaperBroker *self = AU_PAPER_BROKER (object);

  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (au_paper_broker_parent_class)->finalize (object);
}

static void
au_paper_broker_class_init (AuPaperBrokerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_paper_broker_dispose;
  object_class->finalize = au_paper_broker_finalize;
}

static void
au_paper_broker_init (AuPaperBroker *self)
{
  g_queue_init (&self->events);
  self->state = AU_BROKER_DISCONNECTED;
  self->context = g_main_context_ref_thread_default ();
}

AuPaperBroker *
au_paper_broker_new (AuPaperExchange *exchange,
                     AuClock         *clock)
{
  AuPaperBroker *self;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (exchange), NULL);
  g_return_val_if_fail (AU_IS_CLOCK (clock), NULL);

  self = g_object_new (AU_TYPE_PAPER_BROKER, NULL);
  self->exchange = g_object_ref (exchange);
  self->clock = g_object_ref (clock);
  g_signal_connect_swapped (exchange, "order-updated",
                            G_CALLBACK (exchange_order_updated_cb), self);
  g_signal_connect_swapped (exchange, "execution", G_CALLBACK (exchange_execution_cb), self);
  g_signal_connect_swapped (exchange, "expiry", G_CALLBACK (exchange_expiry_cb), self);
  return self;
}

AuPaperExchange *
au_paper_broker_get_exchange (AuPaperBroker *self)
{
  g_return_val_if_fail (AU_IS_PAPER_BROKER (self), NULL);

  return self->exchange;
}

AuClock *
au_paper_broker_get_clock (AuPaperBroker *self)
{
  g_return_val_if_fail (AU_IS_PAPER_BROKER (self), NULL);

  return self->clock;
}

gboolean
au_paper_broker_advance_to (AuPaperBroker  *self,
                            gint64          usec,
                            GError        **error)
{
  g_return_val_if_fail (AU_IS_PAPER_BROKER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (au_clock_get_kind (self->clock) != AU_CLOCK_WALL)
    au_clock_advance_to (self->clock, usec);
  return run_market_to (self, usec, error);
}

/* The interface */

static const char *
paper_get_name (AuBroker *broker)
{
  return "paper";
}

static AuBrokerState
paper_get_state (AuBroker *broker)
{
  return AU_PAPER_BROKER (broker)->state;
}

static gint64
paper_get_now (AuBroker *broker)
{
  return au_paper_exchange_get_now (AU_PAPER_BROKER (broker)->exchange);
}

static GTask *
new_task (AuBroker            *broker,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (broker, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, TRUE);
  return task;
}

/* FALSE (and the task answered with the error) when not connected. GTask
 * delivers an answer given in the same main-loop iteration as the call
 * from an idle, so the callback never runs inside the call. */
static gboolean
check_ready (AuBroker *broker,
             GTask    *task)
{
  if (AU_PAPER_BROKER (broker)->state == AU_BROKER_READY)
    return TRUE;
  g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                           "The paper broker is not connected");
  return FALSE;
}

static gboolean
connect_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  AuPaperBroker *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      self->state = AU_BROKER_DISCONNECTED;
      au_broker_emit_state_changed (AU_BROKER (self));
      return G_SOURCE_REMOVE;
    }
  /* A simulated clock ran on while we were away: the market catches up
   * (its events dropped: nobody was listening, as with a real broker). */
  if (au_clock_get_kind (self->clock) != AU_CLOCK_STEPPED &&
      !run_market_to (self, au_clock_get_now (self->clock), &error))
    {
      self->state = AU_BROKER_DISCONNECTED;
      au_broker_emit_state_changed (AU_BROKER (self));
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "The paper market cannot go on: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  self->state = AU_BROKER_READY;
  au_broker_emit_state_changed (AU_BROKER (self));
  schedule_step (self);
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
paper_connect_async (AuBroker            *broker,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data, paper_connect_async);
  g_autoptr(GSource) source = NULL;

  if (self->state == AU_BROKER_READY)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  self->state = AU_BROKER_CONNECTING;
  au_broker_emit_state_changed (broker);

  source = g_idle_source_new ();
  g_source_set_callback (source, connect_idle_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[au-paper-broker] connect");
  g_source_attach (source, self->context);
}

static gboolean
paper_connect_finish (AuBroker      *broker,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
paper_disconnect (AuBroker *broker)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);

  if (self->state == AU_BROKER_DISCONNECTED)
    return;
  stop_step_timer (self);
  self->state = AU_BROKER_DISCONNECTED;
  au_broker_emit_state_changed (broker);
}

/* A quote or chain request, answered from the market as it is when the
 * answer is made. */
typedef struct
{
  gboolean chain;
  char    *symbol;
  guint    min_dte, max_dte;
} MarketRequest;

static void
market_request_free (MarketRequest *request)
{
  g_free (request->symbol);
  g_free (request);
}

static void
serve_quote (AuPaperBroker *self,
             GTask         *task,
             const char    *symbol)
{
  AuMarketSim *market = au_paper_exchange_get_market (self->exchange);
  const AuSymbolParams *params = au_market_symbol_lookup (symbol);
  AuStockQuote *quote;
  double price;

  quote = g_new0 (AuStockQuote, 1);
  quote->symbol = g_strdup (symbol);
  au_market_sim_get_price (market, symbol, &price);
  au_market_sim_get_last (market, symbol, &quote->last);
  au_paper_stock_bid_ask (params, price, quote->last, &quote->bid, &quote->ask);
  /* The market's current step: what D2.7 measures the age from. */
  quote->as_of = au_paper_exchange_get_now (self->exchange);
  quote->delayed = FALSE;
  g_task_return_pointer (task, quote, (GDestroyNotify) au_stock_quote_free);
}

static void
serve_chain (AuPaperBroker *self,
             GTask         *task,
             const char    *symbol,
             guint          min_dte,
             guint          max_dte)
{
  g_autoptr(GError) error = NULL;
  AuOptionChain *chain;

  chain = au_paper_exchange_get_chain (self->exchange, symbol, min_dte, max_dte, &error);
  if (chain == NULL)
    g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                             "No option chain for '%s': %s", symbol, error->message);
  else
    g_task_return_pointer (task, chain, g_object_unref);
}

static void
serve (AuPaperBroker *self,
       GTask         *task)
{
  MarketRequest *request = g_task_get_task_data (task);

  if (request->chain)
    serve_chain (self, task, request->symbol, request->min_dte, request->max_dte);
  else
    serve_quote (self, task, request->symbol);
}

/* The market is brought up to the clock, then the request answered: in
 * the task's own idle, never inside the caller's call, for the steps
 * emit fills, order updates and expiries that may call back into the
 * caller. */
static gboolean
catch_up_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  AuPaperBroker *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task) || !check_ready (AU_BROKER (self), task))
    return G_SOURCE_REMOVE;
  /* A fast clock runs on while the market steps: until it is current. */
  while (market_behind_clock (self))
    {
      if (!run_market_to (self, au_clock_get_now (self->clock), &error))
        {
          market_failed (self, error);
          g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                                   "The paper market cannot go on: %s", error->message);
          return G_SOURCE_REMOVE;
        }
      schedule_step (self);
    }
  serve (self, task);
  return G_SOURCE_REMOVE;
}

/* Answers @task now, or after the market has caught up with the clock. */
static void
serve_current (AuPaperBroker *self,
               GTask         *task,
               MarketRequest *request)
{
  g_autoptr(GSource) source = NULL;

  g_task_set_task_data (task, request, (GDestroyNotify) market_request_free);
  if (!market_behind_clock (self))
    {
      serve (self, task);
      return;
    }
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, catch_up_idle_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[au-paper-broker] catch up");
  g_source_attach (source, self->context);
}

static void
paper_quote_async (AuBroker            *broker,
                   const char          *symbol,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data, paper_quote_async);
  MarketRequest *request;

  if (!check_ready (broker, task))
    return;
  if (au_market_symbol_lookup (symbol) == NULL)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                               "No quote for '%s': not in the paper market's universe", symbol);
      return;
    }
  request = g_new0 (MarketRequest, 1);
  request->symbol = g_strdup (symbol);
  serve_current (self, task, request);
}

static AuStockQuote *
paper_quote_finish (AuBroker      *broker,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_chain_async (AuBroker            *broker,
                   const char          *symbol,
                   guint                min_dte,
                   guint                max_dte,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data, paper_chain_async);
  MarketRequest *request;

  if (!check_ready (broker, task))
    return;
  request = g_new0 (MarketRequest, 1);
  request->chain = TRUE;
  request->symbol = g_strdup (symbol);
  request->min_dte = min_dte;
  request->max_dte = max_dte;
  serve_current (self, task, request);
}

static AuOptionChain *
paper_chain_finish (AuBroker      *broker,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_bars_async (AuBroker            *broker,
                  const char          *symbol,
                  guint                days,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data, paper_bars_async);
  GArray *bars, *last;
  guint first;

  if (!check_ready (broker, task))
    return;
  bars = au_market_sim_get_bars (au_paper_exchange_get_market (self->exchange), symbol);
  if (bars == NULL)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                               "No bars for '%s': not in the paper market's universe", symbol);
      return;
    }
  first = bars->len > days ? bars->len - days : 0;
  last = g_array_sized_new (FALSE, FALSE, sizeof (AuDailyBar), bars->len - first);
  g_array_append_vals (last, &g_array_index (bars, AuDailyBar, first), bars->len - first);
  g_task_return_pointer (task, last, (GDestroyNotify) g_array_unref);
}

static GArray *
paper_bars_finish (AuBroker      *broker,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_earnings_async (AuBroker            *broker,
                      const char          *symbol,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data, paper_earnings_async);
  AuEarningsCalendar *calendar;

  if (!check_ready (broker, task))
    return;
  if (au_market_symbol_lookup (symbol) == NULL)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                               "No earnings for '%s': not in the paper market's universe",
                               symbol);
      return;
    }
  /* The generated calendar covers every symbol (D2.28). */
  calendar = au_market_sim_get_earnings (au_paper_exchange_get_market (self->exchange));
  g_task_return_pointer (task, g_object_ref (calendar), g_object_unref);
}

static AuEarningsCalendar *
paper_earnings_finish (AuBroker      *broker,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_account_async (AuBroker            *broker,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data, paper_account_async);
  AuBrokerAccount *account;

  if (!check_ready (broker, task))
    return;
  account = g_new0 (AuBrokerAccount, 1);
  account->account = g_strdup (AU_PAPER_ACCOUNT);
  account->cash = au_paper_exchange_get_cash (self->exchange);
  account->net_liquidation = au_paper_exchange_get_net_liquidation (self->exchange);
  account->time = au_paper_exchange_get_now (self->exchange);
  g_task_return_pointer (task, account, (GDestroyNotify) au_broker_account_free);
}

static AuBrokerAccount *
paper_account_finish (AuBroker      *broker,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_positions_async (AuBroker            *broker,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data,
                                    paper_positions_async);

  if (!check_ready (broker, task))
    return;
  g_task_return_pointer (task, au_paper_exchange_dup_positions (self->exchange),
                         (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
paper_array_finish (AuBroker      *broker,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
paper_executions_async (AuBroker            *broker,
                        gint64               since,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data,
                                    paper_executions_async);

  if (!check_ready (broker, task))
    return;
  g_task_return_pointer (task, au_paper_exchange_dup_executions (self->exchange, since),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
paper_open_orders_async (AuBroker            *broker,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GTask) task = new_task (broker, cancellable, callback, user_data,
                                    paper_open_orders_async);

  if (!check_ready (broker, task))
    return;
  g_task_return_pointer (task, au_paper_exchange_dup_open_orders (self->exchange),
                         (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
paper_place_order (AuBroker             *broker,
                   const AuOrderRequest *request,
                   GError              **error)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GError) local_error = NULL;

  if (self->state != AU_BROKER_READY)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                   "The paper broker is not connected: order '%s' was not sent",
                   request->client_order_id);
      return FALSE;
    }
  /* Market hours are the clock's (D2.17): the market may sit at the
   * last close while the clock reads a holiday morning. */
  if (!au_paper_exchange_submit (self->exchange, request, 0, au_clock_get_now (self->clock),
                                 NULL, &local_error))
    {
      g_set_error_literal (error, AU_BROKER_ERROR,
                           g_error_matches (local_error, AU_PAPER_ERROR, AU_PAPER_ERROR_DUPLICATE)
                           ? AU_BROKER_ERROR_DUPLICATE : AU_BROKER_ERROR_REJECTED,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
paper_cancel_order (AuBroker    *broker,
                    const char  *client_order_id,
                    GError     **error)
{
  AuPaperBroker *self = AU_PAPER_BROKER (broker);
  g_autoptr(GError) local_error = NULL;

  if (self->state != AU_BROKER_READY)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                   "The paper broker is not connected: order '%s' was not cancelled",
                   client_order_id);
      return FALSE;
    }
  if (!au_paper_exchange_cancel (self->exchange, client_order_id,
                                 au_clock_get_now (self->clock), &local_error))
    {
      g_set_error_literal (error, AU_BROKER_ERROR,
                           g_error_matches (local_error, AU_PAPER_ERROR,
                                            AU_PAPER_ERROR_UNKNOWN_ORDER)
                           ? AU_BROKER_ERROR_UNKNOWN_ORDER : AU_BROKER_ERROR_REJECTED,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
au_paper_broker_iface_init (AuBrokerInterface *iface)
{
  iface->get_name = paper_get_name;
  iface->get_state = paper_get_state;
  iface->get_now = paper_get_now;
  iface->connect_async = paper_connect_async;
  iface->connect_finish = paper_connect_finish;
  iface->disconnect = paper_disconnect;
  iface->quote_async = paper_quote_async;
  iface->quote_finish = paper_quote_finish;
  iface->chain_async = paper_chain_async;
  iface->chain_finish = paper_chain_finish;
  iface->bars_async = paper_bars_async;
  iface->bars_finish = paper_bars_finish;
  iface->earnings_async = paper_earnings_async;
  iface->earnings_finish = paper_earnings_finish;
  iface->account_async = paper_account_async;
  iface->account_finish = paper_account_finish;
  iface->positions_async = paper_positions_async;
  iface->positions_finish = paper_array_finish;
  iface->executions_async = paper_executions_async;
  iface->executions_finish = paper_array_finish;
  iface->open_orders_async = paper_open_orders_async;
  iface->open_orders_finish = paper_array_finish;
  iface->place_order = paper_place_order;
  iface->cancel_order = paper_cancel_order;
}

/* au-paper-exchange.c: the paper exchange's account, order entry and queries (D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-paper"

#include "config.h"

#include "au-market-calendar.h"
#include "au-market-symbol.h"
#include "au-money.h"
#include "au-paper-exchange-private.h"
#include "au-paper-fill-model.h"

#define DEMO_MIN_DTE     7
#define DEMO_MAX_DTE     13
#define DEMO_DELTA_MIN   0.15
#define DEMO_DELTA_MAX   0.25

G_DEFINE_QUARK (au-paper-error-quark, au_paper_error)

G_DEFINE_FINAL_TYPE (AuPaperExchange, au_paper_exchange, G_TYPE_OBJECT)

guint _au_paper_exchange_signals[AU_PAPER_N_SIGNALS];

AuPaperOrder *
_au_paper_order_new (void)
{
  AuPaperOrder *order = g_new0 (AuPaperOrder, 1);

  g_date_clear (&order->contract.expiry, 1);
  return order;
}

void
_au_paper_order_free (AuPaperOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->client_order_id);
  au_contract_clear (&order->contract);
  g_free (order->reason);
  g_free (order);
}

AuOrderUpdate *
_au_paper_order_to_update (const AuPaperOrder *order)
{
  AuOrderUpdate *update = g_new0 (AuOrderUpdate, 1);

  update->client_order_id = g_strdup (order->client_order_id);
  update->broker_order_id = order->order_id;
  update->state = order->state;
  update->filled = order->filled;
  update->remaining = au_order_state_is_final (order->state) ? 0 : order->quantity - order->filled;
  update->average_price = order->filled > 0
                          ? au_money_mul_ratio (order->filled_value, 1, order->filled) : 0;
  update->reason = g_strdup (order->reason);
  update->time = order->updated;
  return update;
}

void
_au_paper_exchange_emit_update (AuPaperExchange *self,
                                AuPaperOrder    *order)
{
  g_autoptr(AuOrderUpdate) update = _au_paper_order_to_update (order);

  self->changed = TRUE;
  g_signal_emit (self, _au_paper_exchange_signals[AU_PAPER_SIGNAL_ORDER_UPDATED], 0, update);
}

gint64
_au_paper_exchange_market_usec (AuPaperExchange *self)
{
  g_autoptr(GDateTime) now = au_market_sim_dup_time (self->market);

  return g_date_time_to_unix (now) * G_USEC_PER_SEC;
}

gboolean
_au_paper_exchange_save (AuPaperExchange  *self,
                         GError          **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;

  self->changed = FALSE;
  if (self->state_path == NULL)
    return TRUE;

  json = _au_paper_state_to_json (self);
  /* D4: temporary file, fsync, rename — a kill at any moment leaves the
   * old state or the new one, never half of either. */
  if (!g_file_set_contents_full (self->state_path, json, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_warning ("Cannot save the paper account to %s: %s", self->state_path,
                 local_error->message);
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_IO,
                   "Cannot save the paper account to %s: %s", self->state_path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
au_paper_exchange_finalize (GObject *object)
{
  AuPaperExchange *self = AU_PAPER_EXCHANGE (object);

  g_clear_object (&self->market);
  g_clear_pointer (&self->state_path, g_free);
  g_clear_pointer (&self->positions, g_ptr_array_unref);
  g_clear_pointer (&self->working, g_ptr_array_unref);
  g_clear_pointer (&self->by_client_id, g_hash_table_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->executions, g_ptr_array_unref);
  g_clear_pointer (&self->expiries, g_ptr_array_unref);
  g_clear_pointer (&self->chains, g_ptr_array_unref);
  g_clear_pointer (&self->listed, g_hash_table_unref);

  G_OBJECT_CLASS (au_paper_exchange_parent_class)->finalize (object);
}

static void
au_paper_exchange_class_init (AuPaperExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_paper_exchange_finalize;

  /**
   * AuPaperExchange::order-updated:
   * @update: (type AuOrderUpdate): an order's new state
   */
  _au_paper_exchange_signals[AU_PAPER_SIGNAL_ORDER_UPDATED] =
    g_signal_new ("order-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_ORDER_UPDATE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * AuPaperExchange::execution:
   * @execution: (type AuExecution): one fill, with its commission
   */
  _au_paper_exchange_signals[AU_PAPER_SIGNAL_EXECUTION] =
    g_signal_new ("execution", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_EXECUTION | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * AuPaperExchange::expiry:
   * @event: (type AuExpiryEvent): an option expired, was assigned or exercised
   */
  _au_paper_exchange_signals[AU_PAPER_SIGNAL_EXPIRY] =
    g_signal_new ("expiry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  AU_TYPE_EXPIRY_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
au_paper_exchange_init (AuPaperExchange *self)
{
  g_date_clear (&self->start, 1);
  self->positions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_broker_position_free);
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) _au_paper_order_free);
  self->by_client_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->working = g_ptr_array_new ();
  self->executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  self->expiries = g_ptr_array_new_with_free_func ((GDestroyNotify) au_expiry_event_free);
  self->chains = g_ptr_array_new_with_free_func (g_object_unref);
  self->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_hash_table_unref);
  g_date_clear (&self->listed_date, 1);
  self->next_order_id = 1;
  self->next_expiry_seq = 1;
}

static gboolean
book_demo_holding (AuPaperExchange      *self,
                   const AuPaperConfig  *config,
                   GError              **error)
{
  AuContract stock = { 0 };
  AuPrice last;

  if (config->demo_symbol == NULL)
    return TRUE;

  if (au_market_symbol_lookup (config->demo_symbol) == NULL ||
      !au_market_sim_get_last (self->market, config->demo_symbol, &last))
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                   "demo_symbol: '%s' is not in the paper market's universe",
                   config->demo_symbol);
      return FALSE;
    }
  if (config->demo_shares < 0 || config->demo_short_puts < 0)
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                   "demo_shares and demo_short_puts must not be negative");
      return FALSE;
    }

  if (config->demo_shares > 0)
    {
      au_contract_init_stock (&stock, config->demo_symbol);
      _au_paper_book_position (self, &stock, config->demo_shares, last);
      au_contract_clear (&stock);
    }

  if (config->demo_short_puts > 0)
    {
      g_autoptr(AuOptionChain) chain = NULL;
      const AuOptionQuote *put;
      GArray *expiries;
      AuContract option = { 0 };

      chain = au_market_sim_get_chain_range (self->market, config->demo_symbol,
                                             DEMO_MIN_DTE, DEMO_MAX_DTE, error);
      if (chain == NULL)
        return FALSE;
      expiries = au_option_chain_get_expiries (chain);
      put = expiries->len > 0
            ? au_option_chain_find_delta (chain, &g_array_index (expiries, GDate, 0),
                                          AU_OPTION_PUT, DEMO_DELTA_MIN, DEMO_DELTA_MAX)
            : NULL;
      if (put == NULL)
        {
          g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                       "demo_short_puts: %s lists no put near a 0.20 delta a week out",
                       config->demo_symbol);
          return FALSE;
        }
      au_contract_init_option (&option, config->demo_symbol, AU_OPTION_PUT, put->strike,
                               &put->expiry);
      _au_paper_book_position (self, &option, -config->demo_short_puts, put->bid);
      au_contract_clear (&option);
    }
  return TRUE;
}

AuPaperExchange *
au_paper_exchange_new (const AuPaperConfig  *config,
                       GError              **error)
{
  g_autoptr(AuPaperExchange) self = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AU_TYPE_PAPER_EXCHANGE, NULL);
  self->state_path = g_strdup (config->state_path);

  if (self->state_path != NULL && g_file_test (self->state_path, G_FILE_TEST_EXISTS))
    {
      if (!_au_paper_state_load (self, self->state_path, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!g_date_valid (&config->start))
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                   "start: not a valid date");
      return NULL;
    }
  if (config->cash < 0)
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                   "cash: the account cannot start below zero");
      return NULL;
    }

  self->start = config->start;
  self->market = au_market_sim_new (config->seed, &config->start, error);
  if (self->market == NULL)
    return NULL;
  self->cash = config->cash;
  if (!book_demo_holding (self, config, error))
    return NULL;
  if (!_au_paper_exchange_save (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

AuPaperExchange *
au_paper_exchange_new_for_market (AuMarketSim *market,
                                  AuMoney      cash)
{
  AuPaperExchange *self;

  g_return_val_if_fail (AU_IS_MARKET_SIM (market), NULL);

  self = g_object_new (AU_TYPE_PAPER_EXCHANGE, NULL);
  self->market = g_object_ref (market);
  self->cash = cash;
  return self;
}

AuMarketSim *
au_paper_exchange_get_market (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  return self->market;
}

gint64
au_paper_exchange_get_now (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), 0);

  return _au_paper_exchange_market_usec (self);
}

gint64
au_paper_exchange_get_next_step (AuPaperExchange *self)
{
  g_autoptr(GDateTime) next = NULL;
  GDate date;
  int minute;
  int close;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), 0);

  au_market_sim_get_clock (self->market, &date, &minute);
  close = au_nyse_close_minute (&date);
  if (minute >= close)
    {
      au_nyse_next_trading_day (&date);
      minute = AU_MARKET_OPEN_MINUTE;
    }
  else
    {
      minute = MIN (minute + AU_MARKET_STEP_MINUTES, close);
    }
  next = g_date_time_new (au_eastern_time_zone (), g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date),
                          minute / 60, minute % 60, 0);
  return g_date_time_to_unix (next) * G_USEC_PER_SEC;
}

gint64
au_paper_exchange_peek_next_order_id (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), 0);

  return self->next_order_id;
}

/* D2.17: no order on a weekend, a holiday, before the open or after the
 * close (13:00 ET on an early close). */
static char *
market_closed_reason (AuPaperExchange *self,
                      gint64           time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  const char *holiday = NULL;
  char day[16];
  GDate date;
  int minute, close;

  au_eastern_split (utc, &date, &minute);
  g_date_strftime (day, sizeof day, "%Y-%m-%d", &date);

  if (g_date_get_weekday (&date) >= G_DATE_SATURDAY)
    return g_strdup_printf ("the market is closed: %s is a weekend day (D2.17)", day);
  if (au_nyse_is_holiday (&date, &holiday))
    return g_strdup_printf ("the market is closed: %s is a NYSE holiday (%s, D2.17)", day,
                            holiday != NULL ? holiday : "closure");
  close = au_nyse_close_minute (&date);
  if (minute < AU_MARKET_OPEN_MINUTE)
    return g_strdup_printf ("the market is not open yet: %s opens at 09:30 ET (D2.17)", day);
  if (minute >= close)
    return g_strdup_printf ("the market is closed: %s closed at %02d:%02d ET%s (D2.17)", day,
                            close / 60, close % 60,
                            au_nyse_is_early_close (&date) ? ", an early close" : "");
  if (au_market_sim_is_at_close (self->market))
    return g_strdup ("the market is closed: the paper market's session has ended");
  return NULL;
}

static char *
order_rejection (AuPaperExchange *self,
                 const AuPaperOrder *order,
                 gint64           time)
{
  const AuContract *contract = &order->contract;
  const AuSymbolParams *params;
  char *reason;

  reason = market_closed_reason (self, time);
  if (reason != NULL)
    return reason;

  params = au_market_symbol_lookup (contract->symbol);
  if (params == NULL)
    return g_strdup_printf ("unknown symbol '%s': not in the paper market's universe",
                            contract->symbol);
  if (contract->sec_type == AU_SEC_STOCK &&
      (params->kind == AU_ASSET_INDEX || params->kind == AU_ASSET_VOLATILITY))
    return g_strdup_printf ("%s is an index: it has no shares to trade", contract->symbol);
  if (contract->multiplier != (contract->sec_type == AU_SEC_OPTION ? 100 : 1))
    return g_strdup_printf ("multiplier %d is not the contract's (%d)", contract->multiplier,
                            contract->sec_type == AU_SEC_OPTION ? 100 : 1);
  if (order->quantity <= 0)
    return g_strdup_printf ("quantity %" G_GINT64_FORMAT " is not positive", order->quantity);
  if (order->limit <= 0)
    {
      g_autofree char *limit = au_price_format (order->limit);
      return g_strdup_printf ("limit %s is not a positive price", limit);
    }
  if (!au_paper_price_on_tick (params, contract->sec_type, order->limit))
    {
      g_autofree char *limit = au_price_format (order->limit);
      g_autofree char *tick = au_price_format (au_paper_tick (params, contract->sec_type,
                                                              order->limit));
      return g_strdup_printf ("limit %s is not on the tick of %s", limit, tick);
    }
  if (contract->sec_type == AU_SEC_OPTION)
    return _au_paper_series_not_listed (self, contract);
  return NULL;
}

static AuPaperOrder *
find_order (AuPaperExchange *self,
            const char      *client_order_id)
{
  return g_hash_table_lookup (self->by_client_id, client_order_id);
}

void
_au_paper_exchange_add_order (AuPaperExchange *self,
                              AuPaperOrder    *order)
{
  g_ptr_array_add (self->orders, order);
  g_hash_table_insert (self->by_client_id, order->client_order_id, order);
  if (!au_order_state_is_final (order->state))
    g_ptr_array_add (self->working, order);
}

gboolean
au_paper_exchange_submit (AuPaperExchange      *self,
                          const AuOrderRequest *request,
                          gint64                order_id,
                          gint64                time,
                          AuOrderUpdate       **update,
                          GError              **error)
{
  AuPaperOrder *order;
  AuPaperOrder *earlier;
  AuOrderUpdate *first;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), FALSE);
  g_return_val_if_fail (request != NULL && request->contract.symbol != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (request->client_order_id == NULL || *request->client_order_id == '\0')
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                   "client_order_id: an order needs one");
      return FALSE;
    }
  earlier = find_order (self, request->client_order_id);
  if (earlier != NULL)
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_DUPLICATE,
                   "client order id '%s' was sent before (order %" G_GINT64_FORMAT ")",
                   request->client_order_id, earlier->order_id);
      return FALSE;
    }
  if (order_id != 0 && order_id < self->next_order_id)
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_DUPLICATE,
                   "order id %" G_GINT64_FORMAT " is not above the last one used (%"
                   G_GINT64_FORMAT ")", order_id, self->next_order_id - 1);
      return FALSE;
    }

  if (time <= 0)
    time = _au_paper_exchange_market_usec (self);

  order = _au_paper_order_new ();
  order->order_id = order_id != 0 ? order_id : self->next_order_id;
  self->next_order_id = order->order_id + 1;
  order->client_order_id = g_strdup (request->client_order_id);
  au_contract_copy (&order->contract, &request->contract);
  order->side = request->side;
  order->quantity = request->quantity;
  order->limit = request->limit;
  order->submitted = order->updated = time;
  order->reason = order_rejection (self, order, time);
  order->state = order->reason != NULL ? AU_ORDER_REJECTED : AU_ORDER_WORKING;
  _au_paper_exchange_add_order (self, order);

  if (order->state == AU_ORDER_REJECTED)
    {
      g_autofree char *name = au_contract_describe (&order->contract);
      g_info ("Paper order %" G_GINT64_FORMAT " (%s %s) rejected: %s", order->order_id,
                 order->client_order_id, name, order->reason);
    }

  /* Persist before anyone hears of the order: an acknowledgement that a
   * restart could forget would break "the same broker" (D4). */
  _au_paper_exchange_save (self, NULL);

  first = _au_paper_order_to_update (order);
  g_signal_emit (self, _au_paper_exchange_signals[AU_PAPER_SIGNAL_ORDER_UPDATED], 0, first);
  if (order->state == AU_ORDER_WORKING)
    {
      _au_paper_match_order (self, order, TRUE);
      if (au_order_state_is_final (order->state))
        g_ptr_array_remove (self->working, order);
    }
  if (update != NULL)
    *update = first;
  else
    au_order_update_free (first);

  /* The order is taken whatever happens to the file: it is in memory
   * and the next change saves it again (a warning is logged). This save
   * keeps what matching did on arrival. */
  _au_paper_exchange_save (self, NULL);
  return TRUE;
}

gboolean
au_paper_exchange_cancel (AuPaperExchange  *self,
                          const char       *client_order_id,
                          gint64            time,
                          GError          **error)
{
  AuPaperOrder *order;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  order = find_order (self, client_order_id);
  if (order == NULL)
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_UNKNOWN_ORDER,
                   "no order with client order id '%s'", client_order_id);
      return FALSE;
    }
  if (au_order_state_is_final (order->state))
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_NOT_CANCELLABLE,
                   "order '%s' is %s: it can no longer be cancelled", client_order_id,
                   au_order_state_to_string (order->state));
      return FALSE;
    }

  order->state = AU_ORDER_CANCELLED;
  g_free (order->reason);
  order->reason = g_strdup ("cancelled at the client's request");
  order->updated = time > 0 ? time : _au_paper_exchange_market_usec (self);
  g_ptr_array_remove (self->working, order);
  _au_paper_exchange_emit_update (self, order);
  _au_paper_exchange_save (self, NULL);
  return TRUE;
}

AuMoney
au_paper_exchange_get_cash (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), 0);

  return self->cash;
}

AuMoney
au_paper_exchange_get_net_liquidation (AuPaperExchange *self)
{
  AuMoney total;
  guint i;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), 0);

  total = self->cash;
  for (i = 0; i < self->positions->len; i++)
    {
      AuBrokerPosition *position = g_ptr_array_index (self->positions, i);
      AuPrice bid, ask, mark;
      gint64 volume;

      if (!_au_paper_quote (self, &position->contract, &bid, &ask, &volume, NULL))
        mark = position->average_cost;
      else if (position->contract.sec_type == AU_SEC_STOCK)
        au_market_sim_get_last (self->market, position->contract.symbol, &mark);
      else
        mark = (bid + ask) / 2;
      total += au_money_mul_ratio (position->quantity * mark * position->contract.multiplier,
                                   1, AU_PRICE_SCALE / AU_MONEY_SCALE);
    }
  return total;
}

GPtrArray *
au_paper_exchange_dup_positions (AuPaperExchange *self)
{
  GPtrArray *positions;
  guint i;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  positions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_broker_position_free);
  for (i = 0; i < self->positions->len; i++)
    {
      const AuBrokerPosition *position = g_ptr_array_index (self->positions, i);
      AuBrokerPosition *copy = g_new0 (AuBrokerPosition, 1);

      au_contract_copy (&copy->contract, &position->contract);
      copy->quantity = position->quantity;
      copy->average_cost = position->average_cost;
      g_ptr_array_add (positions, copy);
    }
  return positions;
}

gint64
au_paper_exchange_get_position (AuPaperExchange  *self,
                                const AuContract *contract)
{
  AuBrokerPosition *position;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), 0);
  g_return_val_if_fail (contract != NULL, 0);

  position = _au_paper_find_position (self, contract);
  return position != NULL ? position->quantity : 0;
}

GPtrArray *
au_paper_exchange_dup_executions (AuPaperExchange *self,
                                  gint64           since)
{
  GPtrArray *executions;
  guint i;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  for (i = 0; i < self->executions->len; i++)
    {
      const AuExecution *execution = g_ptr_array_index (self->executions, i);

      if (execution->time >= since)
        g_ptr_array_add (executions, au_execution_copy (execution));
    }
  return executions;
}

static GPtrArray *
dup_orders (AuPaperExchange *self,
            gboolean         open_only)
{
  GPtrArray *updates = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  guint i;

  for (i = 0; i < self->orders->len; i++)
    {
      const AuPaperOrder *order = g_ptr_array_index (self->orders, i);

      if (!open_only || !au_order_state_is_final (order->state))
        g_ptr_array_add (updates, _au_paper_order_to_update (order));
    }
  return updates;
}

GPtrArray *
au_paper_exchange_dup_open_orders (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  return dup_orders (self, TRUE);
}

GPtrArray *
au_paper_exchange_dup_orders (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  return dup_orders (self, FALSE);
}

AuOrderUpdate *
au_paper_exchange_dup_order (AuPaperExchange *self,
                             const char      *client_order_id)
{
  AuPaperOrder *order;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);
  g_return_val_if_fail (client_order_id != NULL, NULL);

  order = find_order (self, client_order_id);
  return order != NULL ? _au_paper_order_to_update (order) : NULL;
}

GPtrArray *
au_paper_exchange_dup_expiries (AuPaperExchange *self)
{
  GPtrArray *events;
  guint i;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) au_expiry_event_free);
  for (i = 0; i < self->expiries->len; i++)
    g_ptr_array_add (events, au_expiry_event_copy (g_ptr_array_index (self->expiries, i)));
  return events;
}

char *
au_paper_exchange_to_json (AuPaperExchange *self)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);

  return _au_paper_state_to_json (self);
}

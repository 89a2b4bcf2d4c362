/* au-ib-client-market.c: the IB client's market data: quotes (live,
 * else delayed), streaming lines, option computations, volume, contract
 * details, option parameters and historical bars (tws-protocol.md §6.8–§6.12,
 * §7.7–§7.10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-ib-client-private.h"
#include "au-ib-listing.h"

/* Market data */

/* Generic tick 101: the options' open interest, ticks 27 (calls) and 28
 * (puts) (tws-protocol.md §8.2). IB refuses generic ticks on a snapshot,
 * so an option's open interest needs a streaming line (R8.1). */
#define OPEN_INTEREST_TICKS "101"

static void
send_mkt_data (AuIbClient       *self,
               int               ticker_id,
               const AuContract *contract,
               gboolean          snapshot,
               const char       *generic_ticks)
{
  AuIbRequest request = { .id = AU_IB_OUT_REQ_MKT_DATA };
  AuIbContractBuf buf;

  au_ib_contract_from_au (contract, &buf);
  request.u.mkt_data.req_id = ticker_id;
  request.u.mkt_data.contract = buf.ib;
  request.u.mkt_data.generic_ticks = snapshot ? "" : generic_ticks;
  request.u.mkt_data.snapshot = snapshot;
  au_ib_client_send_quietly (self, &request);
}

/* Error 354/10168/10186: no live data. Ask for delayed data (type 3)
 * once, say so, and let the caller send the request again. */
static void
switch_to_delayed (AuIbClient *self,
                   int         code,
                   const char *server_text)
{
  AuIbRequest request = { .id = AU_IB_OUT_REQ_MARKET_DATA_TYPE };
  g_autofree char *text = NULL;

  if (self->delayed_mode)
    return;
  self->delayed_mode = TRUE;
  request.u.market_data_type.market_data_type = 3;
  au_ib_client_send_quietly (self, &request);
  text = au_ib_client_explain (code, server_text);
  au_ib_client_notice (self, code, "%s The autopilot now uses delayed market data "
                       "(about 15 minutes old); quotes are marked delayed.", text);
}

static gboolean
is_no_live_data (int code)
{
  return code == 354 || code == 10168 || code == 10186 || code == 10089 || code == 10091;
}

void
au_ib_client_resubscribe (AuIbClient *self)
{
  GHashTableIter iter;
  gpointer value;

  /* §4: after 1101 (or a new connection) IB has forgotten every line. */
  g_hash_table_iter_init (&iter, self->subscriptions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AuIbSubscription *sub = value;

      send_mkt_data (self, sub->ticker_id, &sub->contract, FALSE, "");
    }
}

static gpointer
make_ticks (AuIbPending *pending)
{
  return g_memdup2 (&pending->ticks, sizeof pending->ticks);
}

/* Volume and open interest, which au_ib_ticks_apply() leaves to us;
 * the chain reports them per series (R8.1, R8.2). IB may send both 27
 * and 28 on an option's line: a call's open interest is 27, a put's 28;
 * the other right's tick is not this contract's. */
static gboolean
apply_size (AuIbTicks          *ticks,
            const AuIbIncoming *msg,
            const AuContract   *contract)
{
  const AuIbTickSize *t = &msg->u.tick_size;
  gint64 size;

  if (t->size == AU_IB_UNSET_DECIMAL || !isfinite (t->size) || t->size < 0 || t->size > 1e15)
    return FALSE;
  size = (gint64) llround (t->size);
  switch (t->tick_type)
    {
    case 74: ticks->delayed = TRUE; G_GNUC_FALLTHROUGH;
    case 8: case 29: case 30:
      ticks->has_volume = TRUE;
      ticks->volume = size;
      return TRUE;
    case 27: case 28:
      if (contract->sec_type == AU_SEC_OPTION
          && (t->tick_type == 27) != (contract->right == AU_OPTION_CALL))
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case 22:
      ticks->has_open_interest = TRUE;
      ticks->open_interest = size;
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
apply_ticks (AuIbTicks          *ticks,
             const AuIbIncoming *msg,
             const AuContract   *contract,
             gint64              now)
{
  if (msg->id == AU_IB_IN_TICK_SIZE)
    return apply_size (ticks, msg, contract);
  return au_ib_ticks_apply (ticks, msg, now);
}

static void
cancel_line (AuIbClient *self,
             int         ticker_id)
{
  AuIbRequest cancel = { .id = AU_IB_OUT_CANCEL_MKT_DATA };

  cancel.u.cancel.req_id = ticker_id;
  au_ib_client_send_quietly (self, &cancel);
}

/* Everything the option selector reads: the bid tick (even IB's -1 "no
 * bid"), the ask, the model's greeks and the open interest. */
static gboolean
gathered (const AuIbPending *pending)
{
  return pending->bid_seen && pending->ticks.has_ask && pending->ticks.greeks_from_model
         && pending->ticks.has_open_interest;
}

void
au_ib_client_gather_expired (AuIbClient  *self,
                             AuIbPending *pending)
{
  const AuIbTicks *t = &pending->ticks;

  cancel_line (self, pending->key);
  if (!t->has_bid && !t->has_ask && !t->has_greeks && !t->has_open_interest)
    {
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "IB Gateway sent nothing on the %s line within %u ms.",
                                       pending->what, pending->timeout_ms));
      return;
    }
  /* What came is what IB has: an option nobody bids, or no open
   * interest reported, is left for the rules to judge (R8.1, R8.7). */
  au_ib_pending_return (self, pending, make_ticks, g_free);
}

static gboolean
dispatch_ticks (AuIbClient         *self,
                int                 ticker_id,
                const AuIbIncoming *msg)
{
  AuIbPending *pending = au_ib_pending_lookup (self, ticker_id, AU_IB_PENDING_TICKS);
  AuIbSubscription *sub;

  if (pending != NULL)
    {
      if (msg->id == AU_IB_IN_TICK_SNAPSHOT_END)
        {
          au_ib_pending_return (self, pending, make_ticks, g_free);
          return TRUE;
        }
      apply_ticks (&pending->ticks, msg, &pending->contract, au_ib_client_now (self));
      if (msg->id == AU_IB_IN_TICK_PRICE
          && (msg->u.tick_price.tick_type == 1 || msg->u.tick_price.tick_type == 66))
        pending->bid_seen = TRUE;
      if (pending->streaming && gathered (pending))
        {
          cancel_line (self, ticker_id);
          au_ib_pending_return (self, pending, make_ticks, g_free);
        }
      return TRUE;
    }

  sub = g_hash_table_lookup (self->subscriptions, GINT_TO_POINTER (ticker_id));
  if (sub != NULL)
    {
      if (apply_ticks (&sub->ticks, msg, &sub->contract, au_ib_client_now (self)))
        au_ib_client_emit_ticks_updated (self, ticker_id);
      return TRUE;
    }
  return FALSE;
}

/* Data errors */

gboolean
au_ib_client_data_error (AuIbClient       *self,
                         const AuIbErrMsg *err)
{
  AuIbPending *pending = g_hash_table_lookup (self->pending, GINT_TO_POINTER (err->id));
  AuIbSubscription *sub = g_hash_table_lookup (self->subscriptions, GINT_TO_POINTER (err->id));
  g_autofree char *text = NULL;

  if (err->id < 0 || (pending == NULL && sub == NULL))
    return FALSE;

  if (err->code == 10167)
    {
      /* Advisory: delayed ticks follow on the same id (§9). */
      if (pending != NULL)
        pending->ticks.delayed = TRUE;
      if (sub != NULL)
        sub->ticks.delayed = TRUE;
      if (!self->delayed_mode)
        {
          self->delayed_mode = TRUE;
          text = au_ib_client_explain (err->code, err->message);
          au_ib_client_notice (self, err->code, "%s", text);
        }
      return TRUE;
    }

  if (is_no_live_data (err->code))
    {
      switch_to_delayed (self, err->code, err->message);
      if (sub != NULL)
        {
          sub->ticks.delayed = TRUE;
          send_mkt_data (self, sub->ticker_id, &sub->contract, FALSE, "");
          return TRUE;
        }
      if (pending->kind == AU_IB_PENDING_TICKS && !pending->retried)
        {
          int key = au_ib_client_next_req_id (self);

          g_hash_table_steal (self->pending, GINT_TO_POINTER (pending->key));
          pending->key = key;
          pending->retried = TRUE;
          pending->ticks.delayed = TRUE;
          g_hash_table_insert (self->pending, GINT_TO_POINTER (key), pending);
          au_ib_pending_arm_timeout (self, pending);
          send_mkt_data (self, key, &pending->contract, !pending->streaming,
                         OPEN_INTEREST_TICKS);
          return TRUE;
        }
    }

  if (au_ib_code_is_warning (err->code))
    {
      text = au_ib_client_explain (err->code, err->message);
      au_ib_client_notice (self, err->code, "%s", text);
      return TRUE;
    }

  text = au_ib_client_explain (err->code, err->message);
  if (pending != NULL)
    {
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "%s request: %s", pending->what, text));
      return TRUE;
    }
  au_ib_client_notice (self, err->code, "%s", text);
  return TRUE;
}

/* Snapshots */

void
au_ib_client_ticks_async (AuIbClient          *self,
                          const AuContract    *contract,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AuIbPending *pending;
  int key;

  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (contract != NULL && contract->symbol != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, au_ib_client_ticks_async);
  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!au_ib_string_is_sendable (contract->symbol))
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "symbol: “%s” is not plain ASCII", contract->symbol);
      return;
    }
  key = au_ib_client_next_req_id (self);
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_TICKS, "market data", task);
  au_contract_copy (&pending->contract, contract);
  pending->ticks.delayed = self->delayed_mode;
  send_mkt_data (self, key, contract, TRUE, "");
}

void
au_ib_client_option_ticks_async (AuIbClient          *self,
                                 const AuContract    *contract,
                                 guint                gather_ms,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AuIbPending *pending;
  int key;

  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (contract != NULL && contract->symbol != NULL);
  g_return_if_fail (contract->sec_type == AU_SEC_OPTION);
  g_return_if_fail (gather_ms > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, au_ib_client_option_ticks_async);
  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!au_ib_string_is_sendable (contract->symbol))
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "symbol: “%s” is not plain ASCII", contract->symbol);
      return;
    }
  key = au_ib_client_next_req_id (self);
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_TICKS, "option market data", task);
  au_contract_copy (&pending->contract, contract);
  pending->streaming = TRUE;
  /* The gather time runs from when the line leaves, after the frames
   * the pacer still holds. */
  pending->timeout_ms = MIN (gather_ms, self->request_ms) + au_ib_client_queue_delay_ms (self);
  pending->ticks.delayed = self->delayed_mode;
  au_ib_pending_arm_timeout (self, pending);
  send_mkt_data (self, key, contract, FALSE, OPEN_INTEREST_TICKS);
}

gboolean
au_ib_client_ticks_finish (AuIbClient    *self,
                           GAsyncResult  *result,
                           AuIbTicks     *ticks,
                           GError       **error)
{
  g_autofree AuIbTicks *got = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  got = g_task_propagate_pointer (G_TASK (result), error);
  if (got == NULL)
    return FALSE;
  if (ticks != NULL)
    *ticks = *got;
  return TRUE;
}

static void
on_quote_ticks (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  AuStockQuote *quote;
  AuIbTicks ticks;

  if (!au_ib_client_ticks_finish (AU_IB_CLIENT (source), result, &ticks, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ticks.has_bid && !ticks.has_ask && !ticks.has_last)
    {
      /* R8.7: no quote is no data, never a zero price. */
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                               "IB sent no bid, ask or last price for %s.",
                               (const char *) g_task_get_task_data (task));
      return;
    }
  quote = g_new0 (AuStockQuote, 1);
  quote->symbol = g_strdup (g_task_get_task_data (task));
  quote->bid = ticks.bid;
  quote->ask = ticks.ask;
  quote->last = ticks.has_last ? ticks.last : ticks.close;
  quote->as_of = ticks.as_of;
  quote->delayed = ticks.delayed;
  g_task_return_pointer (task, quote, (GDestroyNotify) au_stock_quote_free);
}

static void
au_ib_client_quote_async (AuBroker            *broker,
                          const char          *symbol,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (broker, cancellable, callback, user_data);
  AuContract contract;

  g_task_set_task_data (task, g_strdup (symbol), g_free);
  au_contract_init_stock (&contract, symbol);
  au_ib_client_ticks_async (AU_IB_CLIENT (broker), &contract, cancellable, on_quote_ticks, task);
  au_contract_clear (&contract);
}

static AuStockQuote *
au_ib_client_quote_finish (AuBroker      *broker,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Streaming lines */

int
au_ib_client_subscribe (AuIbClient       *self,
                        const AuContract *contract)
{
  AuIbSubscription *sub;

  g_return_val_if_fail (AU_IS_IB_CLIENT (self), -1);
  g_return_val_if_fail (contract != NULL && contract->symbol != NULL, -1);
  g_return_val_if_fail (au_ib_string_is_sendable (contract->symbol), -1);

  sub = g_new0 (AuIbSubscription, 1);
  sub->ticker_id = au_ib_client_next_req_id (self);
  au_contract_copy (&sub->contract, contract);
  au_ib_ticks_init (&sub->ticks);
  sub->ticks.delayed = self->delayed_mode;
  g_hash_table_insert (self->subscriptions, GINT_TO_POINTER (sub->ticker_id), sub);
  /* While disconnected the line is sent on the next READY. */
  if (self->state == AU_BROKER_READY || self->state == AU_BROKER_DEGRADED)
    send_mkt_data (self, sub->ticker_id, contract, FALSE, "");
  return sub->ticker_id;
}

void
au_ib_client_unsubscribe (AuIbClient *self,
                          int         ticker_id)
{
  AuIbRequest cancel = { .id = AU_IB_OUT_CANCEL_MKT_DATA };

  g_return_if_fail (AU_IS_IB_CLIENT (self));

  if (!g_hash_table_remove (self->subscriptions, GINT_TO_POINTER (ticker_id)))
    return;
  cancel.u.cancel.req_id = ticker_id;
  au_ib_client_send_quietly (self, &cancel);
}

const AuIbTicks *
au_ib_client_get_ticks (AuIbClient *self,
                        int         ticker_id)
{
  AuIbSubscription *sub;

  g_return_val_if_fail (AU_IS_IB_CLIENT (self), NULL);

  sub = g_hash_table_lookup (self->subscriptions, GINT_TO_POINTER (ticker_id));
  return sub != NULL ? &sub->ticks : NULL;
}

guint
au_ib_client_get_n_subscriptions (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), 0);
  return g_hash_table_size (self->subscriptions);
}

/* Contract details and option parameters */

static gpointer
make_con_id (AuIbPending *pending)
{
  return GINT_TO_POINTER (pending->con_id);
}

void
au_ib_client_con_id_async (AuIbClient          *self,
                           const AuContract    *contract,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_CONTRACT_DATA };
  AuIbContractBuf buf;
  AuIbPending *pending;
  int key;

  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (contract != NULL && contract->symbol != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  key = au_ib_client_next_req_id (self);
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_CON_ID, "contract details", task);
  au_contract_copy (&pending->contract, contract);
  au_ib_contract_from_au (contract, &buf);
  request.u.contract_data.req_id = key;
  request.u.contract_data.contract = buf.ib;
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

int
au_ib_client_con_id_finish (AuIbClient    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  value = g_task_propagate_pointer (G_TASK (result), error);
  return GPOINTER_TO_INT (value);
}

static void
on_contract_data_end (AuIbClient *self,
                      int         req_id)
{
  AuIbPending *pending = au_ib_pending_lookup (self, req_id, AU_IB_PENDING_CON_ID);
  g_autofree char *name = NULL;

  if (pending == NULL)
    return;
  if (pending->con_id <= 0)
    {
      name = au_contract_describe (&pending->contract);
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "IB knows no contract %s.", name));
      return;
    }
  au_ib_pending_return (self, pending, make_con_id, NULL);
}

void
au_ib_option_params_free (AuIbOptionParams *params)
{
  if (params == NULL)
    return;
  g_free (params->symbol);
  g_free (params->trading_class);
  g_free (params->exchange);
  g_clear_pointer (&params->expiries, g_array_unref);
  g_clear_pointer (&params->strikes, g_array_unref);
  g_free (params);
}

static AuIbOptionParams *
option_params_copy (const AuIbOptionParams *params)
{
  AuIbOptionParams *copy = g_new0 (AuIbOptionParams, 1);

  copy->symbol = g_strdup (params->symbol);
  copy->underlying_con_id = params->underlying_con_id;
  copy->trading_class = g_strdup (params->trading_class);
  copy->exchange = g_strdup (params->exchange);
  copy->multiplier = params->multiplier;
  copy->expiries = g_array_copy (params->expiries);
  copy->strikes = g_array_copy (params->strikes);
  return copy;
}

static gpointer
make_params (AuIbPending *pending)
{
  return option_params_copy (pending->params);
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return g_date_compare (a, b);
}

static int
compare_prices (gconstpointer a,
                gconstpointer b)
{
  AuPrice pa = *(const AuPrice *) a;
  AuPrice pb = *(const AuPrice *) b;

  return (pa > pb) - (pa < pb);
}

/* Whether @row is one of the underlying's own option classes: the
 * symbol itself, or its weeklies' class ("SPXW" of SPX); not an
 * adjusted class left by a corporate action ("AAPL1"). */
static gboolean
own_trading_class (const char *symbol,
                   const char *trading_class)
{
  gsize n = strlen (symbol);

  if (trading_class == NULL || *trading_class == '\0')
    return TRUE;
  return strncmp (trading_class, symbol, n) == 0
         && (trading_class[n] == '\0' || g_strcmp0 (trading_class + n, "W") == 0);
}

static void
sorted_unique (GArray       *array,
               GCompareFunc  compare)
{
  guint kept = 0;

  g_array_sort (array, compare);
  for (guint i = 0; i < array->len; i++)
    {
      const char *item = array->data + i * g_array_get_element_size (array);

      if (kept > 0
          && compare (item, array->data + (kept - 1) * g_array_get_element_size (array)) == 0)
        continue;
      memmove (array->data + kept * g_array_get_element_size (array), item,
               g_array_get_element_size (array));
      kept++;
    }
  g_array_set_size (array, kept);
}

static void
on_sec_def (AuIbClient                *self,
            const AuIbSecDefOptParams *row)
{
  AuIbPending *pending = au_ib_pending_lookup (self, row->req_id, AU_IB_PENDING_OPT_PARAMS);
  gboolean smart = g_strcmp0 (row->exchange, "SMART") == 0;
  AuIbOptionParams *params;

  if (pending == NULL)
    return;
  params = pending->params;
  /* One row per exchange and trading class; SMART lists every series.
   * SMART's rows of the underlying's own classes are merged (SPX's
   * monthlies and SPXW's weeklies, R5); without SMART, the first
   * exchange's. */
  if (!own_trading_class (params->symbol, row->trading_class))
    return;
  if (!smart && (pending->smart_seen
                 || (params->exchange != NULL && g_strcmp0 (row->exchange, params->exchange) != 0)))
    return;
  if (smart && !pending->smart_seen)
    {
      g_array_set_size (params->expiries, 0);
      g_array_set_size (params->strikes, 0);
      g_clear_pointer (&params->trading_class, g_free);
      pending->smart_seen = TRUE;
    }

  g_free (params->exchange);
  params->exchange = g_strdup (row->exchange);
  if (params->trading_class == NULL)
    params->trading_class = g_strdup (row->trading_class);
  params->multiplier = row->multiplier != NULL && *row->multiplier != '\0'
                         ? (int) g_ascii_strtoll (row->multiplier, NULL, 10) : 100;
  for (guint i = 0; i < row->n_expirations; i++)
    {
      GDate date;

      if (au_ib_parse_yyyymmdd (row->expirations[i], &date))
        g_array_append_val (params->expiries, date);
    }
  for (guint i = 0; i < row->n_strikes; i++)
    {
      AuPrice strike = au_ib_price_from_double (row->strikes[i]);

      if (strike > 0)
        g_array_append_val (params->strikes, strike);
    }
  sorted_unique (params->expiries, compare_dates);
  sorted_unique (params->strikes, compare_prices);
}

static void
on_sec_def_end (AuIbClient *self,
                int         req_id)
{
  AuIbPending *pending = au_ib_pending_lookup (self, req_id, AU_IB_PENDING_OPT_PARAMS);

  if (pending == NULL)
    return;
  if (pending->params->expiries->len == 0 || pending->params->strikes->len == 0)
    {
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "IB lists no options on %s.", pending->params->symbol));
      return;
    }
  au_ib_pending_return (self, pending, make_params, (GDestroyNotify) au_ib_option_params_free);
}

static void
on_params_con_id (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AuIbClient *self = AU_IB_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS };
  AuIbPending *pending;
  int con_id = au_ib_client_con_id_finish (self, result, &error);
  int key;

  if (con_id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  key = au_ib_client_next_req_id (self);
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_OPT_PARAMS, "option parameters", task);
  pending->params = g_new0 (AuIbOptionParams, 1);
  pending->params->symbol = g_strdup (g_task_get_task_data (task));
  pending->params->underlying_con_id = con_id;
  pending->params->expiries = g_array_new (FALSE, TRUE, sizeof (GDate));
  pending->params->strikes = g_array_new (FALSE, TRUE, sizeof (AuPrice));
  request.u.sec_def_opt_params.req_id = key;
  request.u.sec_def_opt_params.underlying_symbol = pending->params->symbol;
  request.u.sec_def_opt_params.fut_fop_exchange = "";
  request.u.sec_def_opt_params.underlying_sec_type =
    au_ib_listing_underlying_sec_type (pending->params->symbol);
  request.u.sec_def_opt_params.underlying_con_id = con_id;
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

void
au_ib_client_option_params_async (AuIbClient          *self,
                                  const char          *symbol,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  AuContract contract;

  g_return_if_fail (AU_IS_IB_CLIENT (self));
  g_return_if_fail (symbol != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_task_data (task, g_strdup (symbol), g_free);
  au_contract_init_stock (&contract, symbol);
  au_ib_client_con_id_async (self, &contract, cancellable, on_params_con_id, task);
  au_contract_clear (&contract);
}

AuIbOptionParams *
au_ib_client_option_params_finish (AuIbClient    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Historical bars */

static gpointer
make_bars (AuIbPending *pending)
{
  return g_array_ref (pending->bars);
}

static void
on_historical_data (AuIbClient               *self,
                    const AuIbHistoricalData *data)
{
  AuIbPending *pending = au_ib_pending_lookup (self, data->req_id, AU_IB_PENDING_BARS);
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) now = NULL;
  GDate today;
  guint first;

  if (pending == NULL)
    return;

  now = g_date_time_new_from_unix_utc (au_ib_client_now (self) / G_USEC_PER_SEC);
  if (ny != NULL)
    {
      GDateTime *local = g_date_time_to_timezone (now, ny);

      g_date_time_unref (now);
      now = local;
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  for (guint i = 0; i < data->n_bars; i++)
    {
      const AuIbBar *b = &data->bars[i];
      AuDailyBar bar = { 0 };

      if (!au_ib_parse_yyyymmdd (b->date, &bar.date))
        {
          au_ib_pending_fail (self, pending,
                              g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                                           "historical bar %u: date “%s” is not YYYYMMDD",
                                           i + 1, b->date));
          return;
        }
      /* R6.8 wants completed sessions: today's bar is still forming
       * until the 16:00 close in New York. */
      if (g_date_compare (&bar.date, &today) == 0 && g_date_time_get_hour (now) < 16)
        continue;
      bar.open = au_ib_price_from_double (b->open);
      bar.high = au_ib_price_from_double (b->high);
      bar.low = au_ib_price_from_double (b->low);
      bar.close = au_ib_price_from_double (b->close);
      bar.volume = b->volume == AU_IB_UNSET_DECIMAL ? 0 : (gint64) llround (b->volume);
      if (bar.high < bar.low || bar.close <= 0)
        {
          au_ib_pending_fail (self, pending,
                              g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                                           "historical bar %s: high %g below low %g or no close",
                                           b->date, b->high, b->low));
          return;
        }
      g_array_append_val (pending->bars, bar);
    }

  first = pending->bars->len > pending->days ? pending->bars->len - pending->days : 0;
  g_array_remove_range (pending->bars, 0, first);
  if (pending->bars->len == 0)
    {
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "IB sent no daily bars for %s.", pending->contract.symbol));
      return;
    }
  au_ib_pending_return (self, pending, make_bars, (GDestroyNotify) g_array_unref);
}

static void
au_ib_client_bars_async (AuBroker            *broker,
                         const char          *symbol,
                         guint                days,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *duration = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_HISTORICAL_DATA };
  AuIbContractBuf buf;
  AuIbPending *pending;
  int key;

  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (days == 0 || days > 365)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "days: %u is outside 1…365", days);
      return;
    }
  key = au_ib_client_next_req_id (self);
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_BARS, "historical data", task);
  au_contract_init_stock (&pending->contract, symbol);
  pending->days = days;
  pending->bars = au_daily_bars_new ();

  /* IB's "D" counts calendar days: ask for enough to hold @days
   * sessions across weekends and holidays, plus today's. */
  duration = g_strdup_printf ("%u D", days * 7 / 5 + 10);
  au_ib_contract_from_au (&pending->contract, &buf);
  request.u.historical_data.req_id = key;
  request.u.historical_data.contract = buf.ib;
  request.u.historical_data.end_date_time = "";
  request.u.historical_data.bar_size = "1 day";
  request.u.historical_data.duration = duration;
  request.u.historical_data.use_rth = TRUE;
  request.u.historical_data.what_to_show = "TRADES";
  request.u.historical_data.format_date = 1;
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

static GArray *
au_ib_client_bars_finish (AuBroker      *broker,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
au_ib_client_earnings_async (AuBroker            *broker,
                             const char          *symbol,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (broker, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  AuEarningsCalendar *calendar;

  /* D2.28: the TWS API has earnings dates only through Wall Street
   * Horizon's paid event feed, which this client does not speak; the
   * dates the user imported answer instead, judged fresh or stale on
   * the engine's clock. */
  if (self->earnings == NULL)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                               "IB Gateway gives no earnings dates for %s, and none were "
                               "imported: no put is written on it until you import a calendar "
                               "with “alluse-cli earnings import --db FILE CSV” (D2.28).",
                               symbol);
      return;
    }
  calendar = au_earnings_store_calendar (self->earnings, symbol, au_ib_client_now (self), &error);
  if (calendar == NULL)
    g_task_return_error (task, g_error_new_literal (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                                    error->message));
  else
    g_task_return_pointer (task, calendar, g_object_unref);
}

static AuEarningsCalendar *
au_ib_client_earnings_finish (AuBroker      *broker,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Dispatch */

gboolean
au_ib_client_market_dispatch (AuIbClient         *self,
                              const AuIbIncoming *msg)
{
  switch ((int) msg->id)
    {
    case AU_IB_IN_TICK_PRICE:
      return dispatch_ticks (self, msg->u.tick_price.ticker_id, msg);
    case AU_IB_IN_TICK_OPTION_COMPUTATION:
      return dispatch_ticks (self, msg->u.tick_option_computation.ticker_id, msg);
    case AU_IB_IN_MARKET_DATA_TYPE:
      return dispatch_ticks (self, msg->u.market_data_type.req_id, msg);
    case AU_IB_IN_TICK_SNAPSHOT_END:
      return dispatch_ticks (self, msg->u.end.req_id, msg);
    case AU_IB_IN_TICK_SIZE:
      dispatch_ticks (self, msg->u.tick_size.ticker_id, msg);
      return TRUE;
    case AU_IB_IN_TICK_GENERIC:
    case AU_IB_IN_TICK_STRING:
    case AU_IB_IN_TICK_REQ_PARAMS:
      return TRUE;   /* exchange details: nothing the engine uses */

    case AU_IB_IN_CONTRACT_DATA:
      {
        AuIbPending *pending = au_ib_pending_lookup (self, msg->u.contract_data.req_id,
                                               AU_IB_PENDING_CON_ID);

        if (pending != NULL && pending->con_id <= 0)
          pending->con_id = msg->u.contract_data.contract.con_id;
        return TRUE;
      }
    case AU_IB_IN_CONTRACT_DATA_END:
      on_contract_data_end (self, msg->u.end.req_id);
      return TRUE;

    case AU_IB_IN_SEC_DEF_OPT_PARAMS:
      on_sec_def (self, &msg->u.sec_def_opt_params);
      return TRUE;
    case AU_IB_IN_SEC_DEF_OPT_PARAMS_END:
      on_sec_def_end (self, msg->u.end.req_id);
      return TRUE;

    case AU_IB_IN_HISTORICAL_DATA:
      on_historical_data (self, &msg->u.historical_data);
      return TRUE;

    default:
      return FALSE;
    }
}

void
au_ib_client_market_iface_init (AuBrokerInterface *iface)
{
  iface->quote_async = au_ib_client_quote_async;
  iface->quote_finish = au_ib_client_quote_finish;
  iface->chain_async = au_ib_client_chain_async;
  iface->chain_finish = au_ib_client_chain_finish;
  iface->bars_async = au_ib_client_bars_async;
  iface->bars_finish = au_ib_client_bars_finish;
  iface->earnings_async = au_ib_client_earnings_async;
  iface->earnings_finish = au_ib_client_earnings_finish;
}

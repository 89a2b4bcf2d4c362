/* au-paper-matching.c: the paper exchange's fills, steps and expiries (D3)
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
#include "au-random.h"

/* The label of the fills' generator stream, apart from the market's own
 * streams so that a fill never moves a price. */
#define STREAM_FILLS     G_GUINT64_CONSTANT (0x70617065722d6669) /* "paper-fi" */
/* In the money by at least a cent: exercised or assigned (issue 3). */
#define ITM_THRESHOLD    (AU_PRICE_SCALE / 100)

AuBrokerPosition *
_au_paper_find_position (AuPaperExchange  *self,
                         const AuContract *contract)
{
  guint i;

  for (i = 0; i < self->positions->len; i++)
    {
      AuBrokerPosition *position = g_ptr_array_index (self->positions, i);

      if (au_contract_equal (&position->contract, contract))
        return position;
    }
  return NULL;
}

void
_au_paper_book_position (AuPaperExchange  *self,
                         const AuContract *contract,
                         gint64            quantity,
                         AuPrice           price)
{
  AuBrokerPosition *position = _au_paper_find_position (self, contract);
  gint64 before, after;

  if (position == NULL)
    {
      position = g_new0 (AuBrokerPosition, 1);
      au_contract_copy (&position->contract, contract);
      g_ptr_array_add (self->positions, position);
    }

  before = position->quantity;
  after = before + quantity;
  if (after == 0)
    {
      g_ptr_array_remove (self->positions, position);
      return;
    }
  if (before == 0 || (before > 0) == (quantity > 0))
    /* Adding: the average of what is held and what came in. */
    position->average_cost = au_money_mul_ratio (position->average_cost * ABS (before) +
                                                 price * ABS (quantity), 1, ABS (after));
  else if ((before > 0) != (after > 0))
    /* Through zero: what is left was opened at this price. */
    position->average_cost = price;
  position->quantity = after;
}

gboolean
_au_paper_quote (AuPaperExchange  *self,
                 const AuContract *contract,
                 AuPrice          *bid,
                 AuPrice          *ask,
                 gint64           *volume,
                 GError          **error)
{
  const AuSymbolParams *params = au_market_symbol_lookup (contract->symbol);

  if (params == NULL)
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID,
                   "unknown symbol '%s'", contract->symbol);
      return FALSE;
    }

  if (contract->sec_type == AU_SEC_STOCK)
    {
      double price;
      AuPrice last;

      au_market_sim_get_price (self->market, contract->symbol, &price);
      au_market_sim_get_last (self->market, contract->symbol, &last);
      au_paper_stock_bid_ask (params, price, last, bid, ask);
      *volume = params->share_volume;
      return TRUE;
    }
  else
    {
      AuOptionQuote quote;

      if (!au_market_sim_get_quote (self->market, contract->symbol, &contract->expiry,
                                    contract->right, contract->strike, &quote, error))
        return FALSE;
      *bid = quote.bid;
      *ask = quote.ask;
      *volume = quote.volume;
      return TRUE;
    }
}

/* The uniform draw of @order at @time: from the market's seed, keyed by
 * the order and the step, so the same seed and the same orders give the
 * same fills whatever else was asked and however often the exchange
 * was restarted. */
static double
fill_draw (AuPaperExchange *self,
           gint64           order_id,
           gint64           time)
{
  AuRandom rng;

  au_random_init_stream (&rng, au_market_sim_get_seed (self->market),
                         STREAM_FILLS ^ au_random_mix (au_random_mix ((guint64) order_id) +
                                                       (guint64) time));
  return au_random_uniform (&rng);
}

static void
fill (AuPaperExchange *self,
      AuPaperOrder    *order,
      gint64           quantity,
      AuPrice          price,
      gint64           time)
{
  AuExecution execution = { 0 };
  gint64 signed_quantity = order->side == AU_SIDE_BUY ? quantity : -quantity;

  order->n_fills++;
  order->filled += quantity;
  order->filled_value += quantity * price;
  order->state = order->filled == order->quantity ? AU_ORDER_FILLED : AU_ORDER_PARTIALLY_FILLED;
  order->updated = time;

  /* IB's shape, "0001f4e8.6734ab12.01.01": the order id, the fill's Unix
   * second and the fill's number within the order — unique and the same
   * on every run (no random id, no wall clock: D4). */
  execution.exec_id = g_strdup_printf ("%08" G_GINT64_MODIFIER "x.%08" G_GINT64_MODIFIER
                                       "x.%02x.01", order->order_id, time / G_USEC_PER_SEC,
                                       order->n_fills);
  execution.client_order_id = order->client_order_id;
  execution.broker_order_id = order->order_id;
  execution.contract = order->contract;
  execution.side = order->side;
  execution.quantity = quantity;
  execution.price = price;
  execution.commission = au_paper_commission (order->contract.sec_type, quantity);
  execution.time = time;

  /* Price per share in 1/10,000 dollars × shares → cents. */
  self->cash -= au_money_mul_ratio (signed_quantity * price * order->contract.multiplier, 1,
                                    AU_PRICE_SCALE / AU_MONEY_SCALE);
  self->cash -= execution.commission;
  _au_paper_book_position (self, &order->contract, signed_quantity, price);

  g_ptr_array_add (self->executions, au_execution_copy (&execution));
  g_free (execution.exec_id);
  g_signal_emit (self, _au_paper_exchange_signals[AU_PAPER_SIGNAL_EXECUTION], 0,
                 g_ptr_array_index (self->executions, self->executions->len - 1));
  _au_paper_exchange_emit_update (self, order);
}

void
_au_paper_match_order (AuPaperExchange *self,
                       AuPaperOrder    *order,
                       gboolean         taking)
{
  g_autoptr(GError) error = NULL;
  const AuSymbolParams *params = au_market_symbol_lookup (order->contract.symbol);
  AuPrice bid, ask, price;
  gint64 volume, cap, now;
  gboolean crossed;

  if (au_order_state_is_final (order->state) || params == NULL)
    return;
  if (!_au_paper_quote (self, &order->contract, &bid, &ask, &volume, &error))
    {
      g_debug ("No quote for order %" G_GINT64_FORMAT ": %s", order->order_id, error->message);
      return;
    }

  now = _au_paper_exchange_market_usec (self);
  crossed = order->side == AU_SIDE_BUY ? ask > 0 && order->limit >= ask
                                       : bid > 0 && order->limit <= bid;
  if (crossed && (taking || order->taker))
    {
      /* Marketable on arrival (or what is left of such an order): at
       * the far side of the quote, no price improvement inside it. */
      order->taker = TRUE;
      price = order->side == AU_SIDE_BUY ? ask : bid;
    }
  else if (crossed)
    {
      /* A resting limit the quote moved through: at its limit, never
       * better — it was the best bid (offer) the market went through. */
      price = order->limit;
    }
  else if (!taking &&
           fill_draw (self, order->order_id, now) <
             au_paper_fill_probability (order->side, bid, ask, order->limit))
    {
      price = order->limit;
    }
  else
    {
      return;
    }

  cap = au_paper_fill_cap (params, order->contract.sec_type, volume);
  fill (self, order, MIN (order->quantity - order->filled, cap), price, now);
}

static void
expire_day_orders (AuPaperExchange *self,
                   gint64           now)
{
  guint i;

  for (i = 0; i < self->working->len; i++)
    {
      AuPaperOrder *order = g_ptr_array_index (self->working, i);

      order->state = AU_ORDER_CANCELLED;
      g_free (order->reason);
      order->reason = g_strdup_printf ("day order expired at the close with %" G_GINT64_FORMAT
                                       " of %" G_GINT64_FORMAT " filled",
                                       order->filled, order->quantity);
      order->updated = now;
      _au_paper_exchange_emit_update (self, order);
    }
  g_ptr_array_set_size (self->working, 0);
}

static void
settle_option (AuPaperExchange        *self,
               const AuBrokerPosition *position,
               AuPrice                 underlying,
               gint64                  now)
{
  const AuContract *option = &position->contract;
  const AuSymbolParams *params = au_market_symbol_lookup (option->symbol);
  AuExpiryEvent event = { 0 };
  AuPrice intrinsic;

  intrinsic = option->right == AU_OPTION_PUT ? option->strike - underlying
                                             : underlying - option->strike;
  event.contract = *option;
  event.contracts = position->quantity;
  event.time = now;
  event.reference = g_strdup_printf ("%08" G_GINT64_MODIFIER "x.%08" G_GINT64_MODIFIER
                                     "x.ex.01", self->next_expiry_seq++, now / G_USEC_PER_SEC);

  if (intrinsic < ITM_THRESHOLD)
    {
      event.outcome = AU_EXPIRY_EXPIRED;
    }
  else
    {
      event.outcome = position->quantity < 0 ? AU_EXPIRY_ASSIGNED : AU_EXPIRY_EXERCISED;
      if (params != NULL &&
          (params->kind == AU_ASSET_INDEX || params->kind == AU_ASSET_VOLATILITY))
        {
          /* Index options settle in cash: the holder gets the intrinsic value. */
          self->cash += au_money_mul_ratio (position->quantity * intrinsic * option->multiplier,
                                            1, AU_PRICE_SCALE / AU_MONEY_SCALE);
        }
      else
        {
          AuContract stock = { 0 };
          /* A call delivers shares to its holder, a put takes them:
           * short put assigned → +100 a contract at the strike (R7). */
          gint64 shares = (option->right == AU_OPTION_CALL ? 1 : -1) *
                          position->quantity * option->multiplier;

          au_contract_init_stock (&stock, option->symbol);
          self->cash -= au_money_mul_ratio (shares * option->strike, 1,
                                            AU_PRICE_SCALE / AU_MONEY_SCALE);
          _au_paper_book_position (self, &stock, shares, option->strike);
          au_contract_clear (&stock);
        }
    }

  self->changed = TRUE;
  g_ptr_array_add (self->expiries, au_expiry_event_copy (&event));
  g_free (event.reference);
  g_signal_emit (self, _au_paper_exchange_signals[AU_PAPER_SIGNAL_EXPIRY], 0,
                 g_ptr_array_index (self->expiries, self->expiries->len - 1));
}

/* At the close of @today: every option expiring today (or earlier, if
 * the exchange was not stepped through its close) is settled. */
static void
process_expiries (AuPaperExchange *self,
                  const GDate     *today,
                  gint64           now)
{
  g_autoptr(GPtrArray) due = NULL;
  guint i;

  due = g_ptr_array_new_with_free_func ((GDestroyNotify) au_broker_position_free);

  for (i = 0; i < self->positions->len; i++)
    {
      AuBrokerPosition *position = g_ptr_array_index (self->positions, i);

      if (position->contract.sec_type == AU_SEC_OPTION &&
          g_date_compare (&position->contract.expiry, today) <= 0)
        {
          AuBrokerPosition *copy = g_new0 (AuBrokerPosition, 1);

          au_contract_copy (&copy->contract, &position->contract);
          copy->quantity = position->quantity;
          copy->average_cost = position->average_cost;
          g_ptr_array_add (due, copy);
        }
    }

  for (i = 0; i < due->len; i++)
    {
      AuBrokerPosition *position = g_ptr_array_index (due, i);
      AuPrice underlying;

      if (!au_market_sim_get_last (self->market, position->contract.symbol, &underlying))
        continue;
      /* The option leaves the book first; its shares, if any, come in. */
      g_ptr_array_remove (self->positions, _au_paper_find_position (self, &position->contract));
      settle_option (self, position, underlying, now);
    }
}

gboolean
au_paper_exchange_step (AuPaperExchange  *self,
                        GError          **error)
{
  gint64 now;
  guint i;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!au_market_sim_step (self->market, error))
    return FALSE;
  now = _au_paper_exchange_market_usec (self);

  /* By order id: the older order meets the market first. */
  for (i = 0; i < self->working->len; i++)
    _au_paper_match_order (self, g_ptr_array_index (self->working, i), FALSE);
  for (i = self->working->len; i > 0; i--)
    {
      AuPaperOrder *order = g_ptr_array_index (self->working, i - 1);

      if (au_order_state_is_final (order->state))
        g_ptr_array_remove_index (self->working, i - 1);
    }

  if (au_market_sim_is_at_close (self->market))
    {
      GDate today;
      int minute;

      au_market_sim_get_clock (self->market, &today, &minute);
      expire_day_orders (self, now);
      process_expiries (self, &today, now);
    }

  /* D4: saved after every change. A step that changed nothing but the
   * clock is saved only at the close: a restart rebuilds the market at
   * the saved time and the steps after it replay exactly (the fills'
   * draws are keyed by order and time), so nothing is lost, and an
   * fsync every five simulated minutes is spared. */
  if (self->changed || au_market_sim_is_at_close (self->market))
    _au_paper_exchange_save (self, NULL);
  return TRUE;
}

gboolean
au_paper_exchange_advance_to (AuPaperExchange  *self,
                              gint64            time,
                              GError          **error)
{
  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (au_paper_exchange_get_next_step (self) <= time)
    if (!au_paper_exchange_step (self, error))
      return FALSE;
  return TRUE;
}

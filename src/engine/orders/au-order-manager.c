/* au-order-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-json.h"
#include "au-l3-exit.h"
#include "au-market-calendar.h"
#include "au-market-symbol.h"
#include "au-order-manager-private.h"
#include "au-orders-error.h"
#include "au-orders-private.h"
#include "au-proposal.h"

G_DEFINE_FINAL_TYPE (AuOrderManager, au_order_manager, G_TYPE_OBJECT)

enum
{
  ORDER_CHANGED,
  INTENT_PERSISTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
au_order_purpose_to_string (AuOrderPurpose purpose)
{
  switch (purpose)
    {
    case AU_ORDER_PURPOSE_OPEN:
      return "open";
    case AU_ORDER_PURPOSE_CLOSE:
      return "close";
    case AU_ORDER_PURPOSE_L3_EXIT:
      return "l3_exit";
    default:
      return NULL;
    }
}

void
au_order_status_clear (AuOrderStatus *status)
{
  if (status == NULL)
    return;
  g_clear_pointer (&status->client_order_id, g_free);
  g_clear_pointer (&status->reason, g_free);
}

GArray *
au_order_slices (gint64 quantity,
                 gint64 slice_max)
{
  GArray *slices = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (quantity > 0, slices);
  g_return_val_if_fail (slice_max > 0, slices);

  while (quantity > 0)
    {
      gint64 size = MIN (quantity, slice_max);

      g_array_append_val (slices, size);
      quantity -= size;
    }
  return slices;
}

/* Helpers on the engine clock */

GDateTime *
_au_order_manager_now_time (AuOrderManager *self)
{
  gint64 now = au_clock_get_now (self->clock);
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);

  return g_date_time_add (seconds, now % G_USEC_PER_SEC);
}

static GDateTime *
time_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

gint64
_au_order_manager_interval (AuOrderManager *self)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->constitution);

  return (gint64) params->global.cancel_replace_seconds * G_USEC_PER_SEC;
}

void
_au_order_manager_emit_changed (AuOrderManager *self,
                                Order          *order)
{
  g_signal_emit (self, signals[ORDER_CHANGED], 0, order->client_order_id);
}

/* The ledger keeps every event of every order (R9.2). A failure to record
 * one is logged: the order's fate is still the broker's and is matched on
 * the next recovery. */
void
_au_order_manager_record (AuOrderManager *self,
                          const char     *client_order_id,
                          AuOrderEvent    event,
                          const char     *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = _au_order_manager_now_time (self);

  if (!au_ledger_record_order_event (self->ledger, client_order_id, event, detail, now, &error))
    g_warning ("Could not record “%s” of order %s: %s", au_order_event_to_string (event),
               client_order_id, error->message);
}

void
_au_order_manager_close_version (AuOrderManager *self,
                                 const char     *client_order_id)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_add (self->closed, g_strdup (client_order_id));
  if (!au_order_store_close (au_ledger_get_database (self->ledger), client_order_id, &error))
    g_warning ("Could not close order %s in the store: %s", client_order_id, error->message);
}

void
_au_order_manager_finish_slice (AuOrderManager *self,
                                Slice          *slice,
                                AuOrderState    state,
                                const char     *reason)
{
  slice->stage = SLICE_DONE;
  slice->final_state = state;
  slice->deadline = 0;
  if (reason != NULL)
    {
      g_free (slice->reason);
      slice->reason = g_strdup (reason);
    }
  if (!g_hash_table_contains (self->closed, slice->client_order_id))
    _au_order_manager_close_version (self, slice->client_order_id);
}

/* Timers */

static gboolean
on_timer (gpointer user_data)
{
  AuOrderManager *self = AU_ORDER_MANAGER (user_data);

  g_clear_pointer (&self->timer, g_source_unref);
  au_order_manager_tick (self);
  return G_SOURCE_REMOVE;
}

/* The earliest deadline on a timer of the engine's context. A stepped
 * clock only moves when the engine steps it, and the engine ticks us
 * then: no timer would ever see it move. */
void
_au_order_manager_schedule (AuOrderManager *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 earliest = 0;
  gint64 delay;

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (au_clock_get_kind (self->clock) == AU_CLOCK_STEPPED)
    return;

  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Order *order = value;

      for (guint i = 0; i < order->slices->len; i++)
        {
          Slice *slice = g_ptr_array_index (order->slices, i);

          if (slice->stage != SLICE_DONE && slice->deadline > 0
              && (earliest == 0 || slice->deadline < earliest))
            earliest = slice->deadline;
        }
    }
  if (earliest == 0)
    return;
  delay = au_clock_real_delay_until (self->clock, earliest);
  self->timer = g_timeout_source_new ((guint) MIN ((delay + 999) / 1000 + 1, G_MAXUINT));
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_name (self->timer, "[alluse] order deadlines");
  g_source_attach (self->timer, self->context);
}

/* Pricing */

/* The instrument's tick at @price: a cent for stock, for an option the
 * market's rule (au_market_symbol_option_tick), the one the paper
 * exchange checks limits against; a symbol outside the universe gets the
 * non-penny rule. */
static AuPrice
limit_tick (const Order *order,
            AuPrice      price)
{
  if (order->contract.sec_type == AU_SEC_STOCK)
    return AU_ORDERS_CENT;
  return au_market_symbol_option_tick (au_market_symbol_lookup (order->contract.symbol), price);
}

/* @price on the instrument's grid, up or down. The tick of the price
 * itself is the right one either way: $3.00 is on every grid, so
 * rounding up from $2.99x ends at $3.00 at most and rounding down from
 * $3.0x at $3.00 at least. */
static AuPrice
round_to_tick (const Order *order,
               AuPrice      price,
               gboolean     up)
{
  AuPrice tick = limit_tick (order, price);
  AuPrice down = price - price % tick;

  if (up && down != price)
    return down + tick;
  return down;
}

/* R0.5: a working limit rounds away from the far side (a sell up, a buy
 * down), so the tick never takes it past the slippage bound; an L3 exit
 * (D2.25) is marketable and rounds toward the far side, so it stays
 * marketable. */
static gboolean
rounds_up (const Order *order)
{
  if (order->purpose == AU_ORDER_PURPOSE_L3_EXIT)
    return order->side == AU_SIDE_BUY;
  return order->side == AU_SIDE_SELL;
}

static AuPrice
on_tick (const Order *order,
         AuPrice      price)
{
  AuPrice rounded = round_to_tick (order, price, rounds_up (order));

  /* A marketable sell of a few cents on a nickel grid would round to
   * nothing; the lowest price the exchange takes is one tick. */
  if (rounded <= 0 && order->purpose == AU_ORDER_PURPOSE_L3_EXIT)
    return limit_tick (order, 0);
  return rounded;
}

static AuPrice
first_limit (AuOrderManager *self,
             Order          *order,
             GError        **error)
{
  AuPrice mid;
  AuPrice limit;

  if (order->purpose == AU_ORDER_PURPOSE_L3_EXIT)
    {
      /* D2.25: a marketable limit, never a bare market order. */
      if (!au_l3_exit_limit (self->constitution, order->side == AU_SIDE_BUY, order->bid,
                             order->ask, &limit, error))
        return 0;
      return on_tick (order, limit);
    }
  mid = au_orders_mid_cents (order->bid, order->ask);
  limit = on_tick (order, mid);
  if (limit <= 0)
    {
      g_autofree char *mid_text = au_orders_price_text (mid);

      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "limit: the mid %s of bid and ask is below one tick of %s", mid_text,
                   order->contract.symbol);
      return 0;
    }
  return limit;
}

/* R0.5: the next price one tick toward the far side, never beyond it nor
 * more than max_slippage from the decision's mid. Returns the current
 * limit when it cannot move. The bounds are rounded away from the far
 * side, so every step stays on the tick and inside R0.5. */
static AuPrice
next_limit_toward_far_side (AuOrderManager *self,
                            Order          *order,
                            AuPrice         limit)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->constitution);
  gint64 ppm = (gint64) (params->global.max_slippage * 1e6 + 0.5);
  gint64 mid2 = order->bid + order->ask;

  if (order->side == AU_SIDE_SELL)
    {
      AuPrice bound = round_to_tick (order, (AuPrice) ((mid2 * (1000000 - ppm) + 1999999) / 2000000),
                                     TRUE);
      /* The highest price on the grid below the limit. */
      AuPrice step = round_to_tick (order, limit - 1, FALSE);

      bound = MAX (bound, round_to_tick (order, order->bid, TRUE));
      bound = MAX (bound, limit_tick (order, 0));
      return MAX (step, MIN (bound, limit));
    }
  else
    {
      AuPrice bound = round_to_tick (order, (AuPrice) (mid2 * (1000000 + ppm) / 2000000), FALSE);
      /* The lowest price on the grid above the limit. */
      AuPrice step = round_to_tick (order, limit + 1, TRUE);

      bound = MIN (bound, round_to_tick (order, order->ask, FALSE));
      return MIN (step, MAX (bound, limit));
    }
}

static AuPrice
repriced_limit (AuOrderManager *self,
                Slice          *slice)
{
  Order *order = slice->order;

  if (order->purpose == AU_ORDER_PURPOSE_L3_EXIT)
    {
      AuPrice bid;
      AuPrice ask;
      AuPrice limit;

      /* D2.25: re-priced on the market as it is now. */
      if (self->quote_func == NULL
          || !self->quote_func (&order->contract, &bid, &ask, self->quote_data)
          || !au_l3_exit_limit (self->constitution, order->side == AU_SIDE_BUY, bid, ask, &limit,
                                NULL))
        return slice->limit;
      return on_tick (order, limit);
    }
  return next_limit_toward_far_side (self, order, slice->limit);
}

/* Sending */

static void
fill_instrument (const AuContract *contract,
                 AuInstrument     *instrument,
                 char             *expiry,
                 gsize             expiry_size)
{
  instrument->symbol = contract->symbol;
  if (contract->sec_type == AU_SEC_STOCK)
    {
      instrument->right = AU_RIGHT_STOCK;
      instrument->strike = 0;
      instrument->expiry = NULL;
      instrument->multiplier = 1;
      return;
    }
  g_date_strftime (expiry, expiry_size, "%Y-%m-%d", &contract->expiry);
  instrument->right = contract->right == AU_OPTION_PUT ? AU_RIGHT_PUT : AU_RIGHT_CALL;
  instrument->strike = contract->strike;
  instrument->expiry = expiry;
  instrument->multiplier = contract->multiplier;
}

/* One version of @slice: stored, persisted in the ledger, then sent
 * (D4: the intent is on disk before the broker hears of it). */
static gboolean
send_version (AuOrderManager  *self,
              Slice           *slice,
              AuPrice          limit,
              GError         **error)
{
  Order *order = slice->order;
  g_autoptr(GDateTime) now_time = _au_order_manager_now_time (self);
  g_autofree char *now_text = g_date_time_format_iso8601 (now_time);
  g_autofree char *id = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *limit_text = NULL;
  AuOrderVersionRow row = { 0 };
  AuLedgerOrderIntent intent = { 0 };
  AuOrderRequest request = { 0 };
  char expiry[16];
  /* R0.6: only what no earlier version filled, by the broker's word or
   * the executions, whichever says more. */
  gint64 remaining = slice->quantity - _au_slice_committed (slice, 0);

  slice->version++;
  _au_slice_version_fill (slice, slice->version);
  id = _au_order_version_id (order, slice->index, slice->version);

  row.client_order_id = id;
  row.parent = order->client_order_id;
  row.slice = slice->index;
  row.n_slices = order->n_slices;
  row.slice_quantity = slice->quantity;
  row.version = slice->version;
  row.quantity = remaining;
  row.limit = limit;
  row.spec = order->spec;
  row.sent_usec = au_clock_get_now (self->clock);
  if (!au_order_store_add (au_ledger_get_database (self->ledger), &row, now_text, error))
    return FALSE;

  intent.client_order_id = id;
  intent.parent_client_order_id = order->client_order_id;
  intent.account_id = order->account_id;
  fill_instrument (&order->contract, &intent.instrument, expiry, sizeof expiry);
  intent.side = order->side == AU_SIDE_BUY ? AU_ORDER_SIDE_BUY : AU_ORDER_SIDE_SELL;
  intent.quantity = remaining;
  intent.limit_price = limit;
  intent.rule_reference = order->rule_reference;
  intent.mini_rules = order->mini_rules;
  if (au_ledger_record_order (self->ledger, &intent, now_time, error) == 0)
    {
      _au_order_manager_close_version (self, id);
      return FALSE;
    }

  g_free (slice->client_order_id);
  slice->client_order_id = g_strdup (id);
  slice->version_quantity = remaining;
  slice->limit = limit;
  slice->stage = SLICE_SENT;
  slice->acknowledged = FALSE;
  slice->sent_usec = row.sent_usec;
  /* A query in flight began before this version existed: its answer
   * must not decide this version's fate. */
  slice->probe = 0;
  slice->deadline = au_clock_get_now (self->clock) + _au_order_manager_interval (self);
  g_hash_table_insert (self->versions, g_strdup (id), slice);

  request.client_order_id = id;
  request.contract = order->contract;
  request.side = order->side;
  request.quantity = remaining;
  request.limit = limit;
  if (!au_broker_place_order (self->broker, &request, error))
    {
      g_prefix_error (error, "%s: ", id);
      _au_order_manager_record (self, id, AU_ORDER_EVENT_REJECTED, (*error)->message);
      _au_order_manager_finish_slice (self, slice, AU_ORDER_REJECTED, (*error)->message);
      return FALSE;
    }
  limit_text = au_orders_price_text (limit);
  detail = g_strdup_printf ("%s %" G_GINT64_FORMAT " at %s", order->side == AU_SIDE_BUY ? "buy"
                            : "sell", remaining, limit_text);
  _au_order_manager_record (self, id, AU_ORDER_EVENT_SUBMITTED, detail);
  return TRUE;
}

static gboolean
replace (AuOrderManager *self,
         Slice          *slice,
         AuPrice         limit)
{
  g_autoptr(GError) error = NULL;

  if (_au_slice_committed (slice, 0) >= slice->quantity)
    {
      _au_order_manager_finish_slice (self, slice, AU_ORDER_FILLED, NULL);
      return TRUE;
    }
  if (!send_version (self, slice, limit, &error))
    {
      g_warning ("Could not replace slice %u of order %s: %s", slice->index,
                 slice->order->client_order_id, error->message);
      if (slice->stage != SLICE_DONE)
        _au_order_manager_finish_slice (self, slice, AU_ORDER_CANCELLED, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Broker events */

Slice *
_au_order_manager_find_slice (AuOrderManager *self,
                              const char     *client_order_id)
{
  if (client_order_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->versions, client_order_id);
}

static void
record_acknowledged (AuOrderManager *self,
                     Slice          *slice,
                     gint64          broker_order_id)
{
  g_autofree char *detail = g_strdup_printf ("%" G_GINT64_FORMAT, broker_order_id);

  _au_order_manager_record (self, slice->client_order_id, AU_ORDER_EVENT_ACKNOWLEDGED, detail);
  slice->acknowledged = TRUE;
}

/* The slice's current version is dead by the broker's word: cancelled,
 * rejected, expired or filled. Only now may a next version go out
 * (R0.6), and only for what no version filled: none when the fills
 * complete the slice, as when the cancel lost the race to a fill. */
void
_au_order_manager_version_dead (AuOrderManager *self,
                                Slice          *slice,
                                AuOrderState    state,
                                const char     *reason)
{
  gboolean replacing = slice->stage == SLICE_REPLACING
                       || (slice->stage == SLICE_UNCONFIRMED && slice->replace_after);

  if (_au_slice_committed (slice, 0) >= slice->quantity)
    _au_order_manager_finish_slice (self, slice, AU_ORDER_FILLED, NULL);
  else if (replacing)
    replace (self, slice, slice->next_limit);
  else
    _au_order_manager_finish_slice (self, slice,
                                    state == AU_ORDER_FILLED ? AU_ORDER_CANCELLED : state,
                                    reason);
}

static void
on_order_updated (AuBroker            *broker,
                  const AuOrderUpdate *update,
                  AuOrderManager      *self)
{
  Slice *slice = _au_order_manager_find_slice (self, update->client_order_id);
  guint version;
  gboolean current;

  if (slice == NULL)
    return;
  current = g_str_equal (slice->client_order_id, update->client_order_id);
  version = _au_slice_version_of (slice, update->client_order_id);
  if (version > 0)
    {
      VersionFill *fill = _au_slice_version_fill (slice, version);

      /* A status may report fills whose executions are still on the way
       * (IB sends orderStatus first): they count before a replacement. */
      fill->reported = MAX (fill->reported, update->filled);
      if (update->state == AU_ORDER_FILLED && current)
        fill->reported = MAX (fill->reported, slice->version_quantity);
    }

  switch (update->state)
    {
    case AU_ORDER_PENDING:
      return;

    case AU_ORDER_WORKING:
    case AU_ORDER_PARTIALLY_FILLED:
    case AU_ORDER_FILLED:
      if (!current || slice->stage == SLICE_DONE)
        break;
      if (!slice->acknowledged)
        record_acknowledged (self, slice, update->broker_order_id);
      if (slice->stage == SLICE_SENT)
        {
          slice->stage = SLICE_WORKING;
          slice->deadline = au_clock_get_now (self->clock) + _au_order_manager_interval (self);
        }
      if (update->state == AU_ORDER_FILLED)
        _au_order_manager_version_dead (self, slice, AU_ORDER_FILLED, NULL);
      break;

    case AU_ORDER_CANCELLED:
    case AU_ORDER_REJECTED:
      if (!g_hash_table_contains (self->closed, update->client_order_id))
        {
          _au_order_manager_record (self, update->client_order_id,
                                    update->state == AU_ORDER_CANCELLED ? AU_ORDER_EVENT_CANCELLED
                                                                        : AU_ORDER_EVENT_REJECTED,
                                    update->reason);
          _au_order_manager_close_version (self, update->client_order_id);
        }
      if (!current || slice->stage == SLICE_DONE)
        break;
      _au_order_manager_version_dead (self, slice, update->state, update->reason);
      break;

    default:
      return;
    }
  _au_order_manager_schedule (self);
  _au_order_manager_emit_changed (self, slice->order);
}

/* Books one fill into the ledger, once: the ledger refuses an execution
 * id it has (D4), so a re-delivered execution changes nothing. */
gboolean
_au_order_manager_book (AuOrderManager    *self,
                        Slice             *slice,
                        const AuExecution *execution,
                        gboolean          *booked)
{
  Order *order = slice->order;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = time_from_usec (execution->time);
  AuInstrument instrument;
  AuFill fill = { 0 };
  char expiry[16];
  gint64 id;

  *booked = FALSE;
  fill_instrument (&order->contract, &instrument, expiry, sizeof expiry);
  fill.execution_id = execution->exec_id;
  fill.client_order_id = execution->client_order_id;
  fill.quantity = execution->quantity;
  fill.price = execution->price;
  fill.commission = execution->commission;

  if (order->contract.sec_type == AU_SEC_STOCK)
    id = order->side == AU_SIDE_BUY
         ? au_ledger_buy_stock (self->ledger, order->account_id, order->contract.symbol, &fill,
                                time, &error)
         : au_ledger_sell_stock (self->ledger, order->account_id, order->contract.symbol, &fill,
                                 time, &error);
  else if (order->purpose == AU_ORDER_PURPOSE_OPEN)
    id = order->side == AU_SIDE_SELL
         ? au_ledger_sell_to_open (self->ledger, order->account_id, &instrument, &fill, time,
                                   &error)
         : au_ledger_buy_to_open (self->ledger, order->account_id, &instrument, &fill,
                                  AU_FUNDING_CASH, time, &error);
  else
    id = order->side == AU_SIDE_BUY
         ? au_ledger_buy_to_close (self->ledger, order->account_id, &instrument, &fill, time,
                                   &error)
         : au_ledger_sell_to_close (self->ledger, order->account_id, &instrument, &fill, time,
                                    &error);

  if (id > 0)
    {
      *booked = TRUE;
      return TRUE;
    }
  if (g_error_matches (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE))
    return TRUE;
  g_warning ("Could not book execution %s of order %s: %s", execution->exec_id,
             execution->client_order_id, error->message);
  return FALSE;
}

/* D4: the newest execution the ledger holds, so that a recovery asks the
 * broker only for later ones. Noted after booking: a crash in between
 * asks again, and the ledger refuses the execution id it has. */
void
_au_order_manager_note_execution (AuOrderManager    *self,
                                  const AuExecution *execution)
{
  g_autoptr(GError) error = NULL;

  if (!au_order_store_note_execution (au_ledger_get_database (self->ledger), execution->time,
                                      execution->exec_id, &error))
    g_warning ("The last execution seen cannot be noted: %s", error->message);
}

static void
on_execution (AuBroker          *broker,
              const AuExecution *execution,
              AuOrderManager    *self)
{
  Slice *slice = _au_order_manager_find_slice (self, execution->client_order_id);
  gboolean booked = FALSE;
  gboolean current;

  if (slice == NULL || execution->exec_id == NULL)
    return;
  if (!_au_order_manager_book (self, slice, execution, &booked))
    return;
  _au_order_manager_note_execution (self, execution);
  if (!booked)
    return;

  _au_slice_add_booked (slice, execution->client_order_id, execution->quantity);
  current = g_str_equal (slice->client_order_id, execution->client_order_id);
  if (_au_slice_committed (slice, 0) >= slice->quantity)
    {
      if (slice->stage != SLICE_DONE && !current)
        /* A late fill of an old version, beyond what the broker had
         * reported when it called it dead, completed the slice: the
         * current version must not fill it again. */
        au_broker_cancel_order (self->broker, slice->client_order_id, NULL);
      if (slice->stage != SLICE_DONE)
        _au_order_manager_finish_slice (self, slice, AU_ORDER_FILLED, NULL);
    }
  else if (!current && (slice->stage == SLICE_SENT || slice->stage == SLICE_WORKING)
           && _au_slice_committed (slice, slice->version) + slice->version_quantity
              > slice->quantity)
    {
      /* An old version filled late: the current one asks for more than
       * the slice still needs. Cancel it; the rest goes out once the
       * broker confirms (R0.6). */
      if (au_broker_cancel_order (self->broker, slice->client_order_id, NULL))
        {
          slice->stage = SLICE_REPLACING;
          slice->next_limit = slice->limit;
          slice->deadline = au_clock_get_now (self->clock) + AU_ORDERS_CANCEL_CONFIRM_USEC;
        }
    }
  _au_order_manager_schedule (self);
  _au_order_manager_emit_changed (self, slice->order);
}

/* Deadlines */

/* Returns TRUE when the slice waits for the broker's word on a cancel
 * (R0.6) and the broker is to be asked. */
static gboolean
tick_slice (AuOrderManager *self,
            Slice          *slice,
            gint64          now)
{
  g_autoptr(GError) error = NULL;

  if (slice->stage == SLICE_SENT)
    {
      /* R0.6: no acknowledgement in time. The broker may never have seen
       * the order, or its acknowledgement was lost and it is live: cancel
       * it, and send the next version only once the broker says it is
       * dead. A cancel that cannot be asked is waited out the same way. */
      if (!au_broker_cancel_order (self->broker, slice->client_order_id, &error))
        g_message ("Could not cancel %s after no acknowledgement within %d s: %s",
                   slice->client_order_id,
                   au_constitution_get_params (self->constitution)->global.cancel_replace_seconds,
                   error->message);
      slice->stage = SLICE_REPLACING;
      slice->next_limit = slice->limit;
      slice->deadline = now + AU_ORDERS_CANCEL_CONFIRM_USEC;
      return FALSE;
    }

  if (slice->stage == SLICE_WORKING)
    {
      AuPrice limit = repriced_limit (self, slice);

      if (limit == slice->limit)
        {
          /* At R0.5's bound the order rests; an L3 exit looks again. */
          slice->deadline = slice->order->purpose == AU_ORDER_PURPOSE_L3_EXIT
                            ? now + _au_order_manager_interval (self) : 0;
          return FALSE;
        }
      if (!au_broker_cancel_order (self->broker, slice->client_order_id, &error))
        {
          /* Refused: it filled or ended, and its news is on the way. */
          g_debug ("Could not cancel %s to re-price it: %s", slice->client_order_id,
                   error->message);
          slice->deadline = now + _au_order_manager_interval (self);
          return FALSE;
        }
      slice->stage = SLICE_REPLACING;
      slice->next_limit = limit;
      slice->deadline = now + AU_ORDERS_CANCEL_CONFIRM_USEC;
      return FALSE;
    }

  if (slice->stage == SLICE_REPLACING || slice->stage == SLICE_CANCELLING)
    {
      /* No word on the cancel: the connection may have dropped with the
       * order live or filled. Nothing goes out until the broker tells. */
      g_message ("No confirmation of the cancel of %s within %d s: asking the broker",
                 slice->client_order_id, AU_ORDERS_CANCEL_CONFIRM_SECONDS);
      slice->replace_after = slice->stage == SLICE_REPLACING;
      slice->stage = SLICE_UNCONFIRMED;
    }

  if (slice->stage == SLICE_UNCONFIRMED)
    {
      slice->deadline = now + _au_order_manager_interval (self);
      return TRUE;
    }
  return FALSE;
}

void
au_order_manager_tick (AuOrderManager *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  gboolean probe = FALSE;
  gint64 now;

  g_return_if_fail (AU_IS_ORDER_MANAGER (self));

  now = au_clock_get_now (self->clock);
  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Order *order = value;

      for (guint i = 0; i < order->slices->len; i++)
        {
          Slice *slice = g_ptr_array_index (order->slices, i);

          if (slice->stage != SLICE_DONE && slice->deadline > 0 && slice->deadline <= now)
            g_ptr_array_add (due, slice);
        }
    }
  /* Acting may send orders whose events arrive synchronously, so act on
   * the list taken before. */
  for (guint i = 0; i < due->len; i++)
    {
      Slice *slice = g_ptr_array_index (due, i);

      if (tick_slice (self, slice, now))
        probe = TRUE;
      _au_order_manager_emit_changed (self, slice->order);
    }
  if (probe)
    _au_order_manager_start_probe (self);
  _au_order_manager_schedule (self);
}

/* Submitting */

static gboolean
validate_intent (const AuOrderIntent  *intent,
                 GError              **error)
{
  const char *problem = NULL;

  if (intent->account_id <= 0)
    problem = "account_id: must be a ledger account";
  else if (intent->contract.symbol == NULL || *intent->contract.symbol == '\0')
    problem = "contract.symbol: required";
  else if (intent->contract.sec_type == AU_SEC_OPTION && !g_date_valid (&intent->contract.expiry))
    problem = "contract.expiry: required for an option";
  else if (intent->contract.sec_type == AU_SEC_OPTION && intent->contract.strike <= 0)
    problem = "contract.strike: must be more than zero";
  else if (intent->quantity <= 0)
    problem = "quantity: must be more than zero";
  else if (intent->bid < 0 || intent->ask <= 0 || intent->bid > intent->ask)
    problem = "bid, ask: the quote must have 0 ≤ bid ≤ ask and ask > 0 (R0.5 prices at mid)";
  else if (intent->rule_reference == NULL || *intent->rule_reference == '\0')
    problem = "rule_reference: required (the rule that made the order)";
  else if (intent->proposal == NULL || !JSON_NODE_HOLDS_OBJECT (intent->proposal))
    problem = "proposal: a JSON object in check's format is required (every order is judged)";
  else if (intent->purpose == AU_ORDER_PURPOSE_L3_EXIT && intent->contract.sec_type != AU_SEC_OPTION)
    problem = "purpose: an L3 exit closes an option (D2.25)";
  if (problem != NULL)
    {
      g_set_error_literal (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID, problem);
      return FALSE;
    }
  return TRUE;
}

/* The proposal as sent: the engine's time, the size and the limit. */
static JsonNode *
proposal_as_sent (AuOrderManager      *self,
                  const AuOrderIntent *intent,
                  AuPrice              limit)
{
  JsonNode *node = json_node_copy (intent->proposal);
  JsonObject *object = json_node_get_object (node);
  g_autofree char *now = au_clock_format_now (self->clock);

  json_object_set_string_member (object, "time", now);
  if (intent->contract.sec_type == AU_SEC_STOCK)
    json_object_set_int_member (object, "shares", intent->quantity);
  else
    json_object_set_int_member (object, "contracts", intent->quantity);
  json_object_set_double_member (object, "limit", (double) limit / AU_PRICE_SCALE);
  return node;
}

static char *
describe_violations (AuVerdict *verdict)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < au_verdict_get_n_violations (verdict); i++)
    {
      const AuFinding *finding = au_verdict_get_violation (verdict, i);

      g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", finding->rule,
                              finding->message);
    }
  return g_string_free (text, FALSE);
}

/* "<account>-<yyyymmdd>-<seq>": the account's kind and ledger id, the
 * engine's ET date, the first sequence number not yet in the ledger.
 * The same decisions on the same day give the same ids. */
static char *
next_parent_id (AuOrderManager  *self,
                gint64           account_id,
                GError         **error)
{
  AuLedgerAccount account = { 0 };
  g_autoptr(GDateTime) now = _au_order_manager_now_time (self);
  g_autoptr(GDateTime) eastern = g_date_time_to_timezone (now, au_eastern_time_zone ());
  g_autofree char *day = g_date_time_format (eastern, "%Y%m%d");
  g_autofree char *prefix = NULL;

  if (!au_ledger_get_account (self->ledger, account_id, &account, error))
    return NULL;
  prefix = g_strdup_printf ("%s%" G_GINT64_FORMAT "-%s", au_account_kind_to_string (account.kind),
                            account_id, day);
  au_ledger_account_clear (&account);

  for (guint seq = 1; seq < G_MAXUINT; seq++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, seq);
      g_autoptr(GError) local_error = NULL;
      AuLedgerOrderState state;

      if (au_ledger_get_order (self->ledger, id, &state, &local_error))
        {
          au_ledger_order_state_clear (&state);
          continue;
        }
      if (!g_error_matches (local_error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&id);
    }
  g_set_error_literal (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_STORE,
                       "client_order_id: no sequence number left for today");
  return NULL;
}

/* A caller's own id (D4): new, or persisted by a run that died before
 * sending anything of it (*@resume TRUE: the parent row is there
 * already). Sent before, it is refused: nothing goes out twice. */
static gboolean
check_chosen_id (AuOrderManager  *self,
                 const char      *client_order_id,
                 gboolean        *resume,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  AuLedgerOrderState state;

  *resume = FALSE;
  if (!au_ledger_get_order (self->ledger, client_order_id, &state, &local_error))
    {
      if (g_error_matches (local_error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  au_ledger_order_state_clear (&state);
  versions = au_order_store_list_versions (au_ledger_get_database (self->ledger),
                                           client_order_id, error);
  if (versions == NULL)
    return FALSE;
  if (versions->len > 0 || g_hash_table_contains (self->orders, client_order_id))
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_DUPLICATE,
                   "client_order_id: “%s” was sent already; it is not sent again",
                   client_order_id);
      return FALSE;
    }
  *resume = TRUE;
  return TRUE;
}

char *
au_order_manager_submit (AuOrderManager       *self,
                         const AuOrderIntent  *intent,
                         GError              **error)
{
  return au_order_manager_submit_full (self, intent, NULL, error);
}

char *
au_order_manager_submit_full (AuOrderManager       *self,
                              const AuOrderIntent  *intent,
                              AuVerdict           **verdict_out,
                              GError              **error)
{
  const AuConstitutionParams *params;
  g_autoptr(GDateTime) now_time = NULL;
  g_autoptr(JsonNode) judged = NULL;
  g_autoptr(AuProposal) proposal = NULL;
  g_autoptr(AuVerdict) verdict = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *judged_text = NULL;
  AuLedgerOrderIntent parent = { 0 };
  Order *order;
  AuPrice limit;
  char expiry[16];
  gboolean resume = FALSE;

  g_return_val_if_fail (AU_IS_ORDER_MANAGER (self), NULL);
  g_return_val_if_fail (intent != NULL, NULL);
  g_return_val_if_fail (verdict_out == NULL || *verdict_out == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_intent (intent, error))
    return NULL;
  if (intent->client_order_id != NULL
      && !check_chosen_id (self, intent->client_order_id, &resume, error))
    return NULL;

  params = au_constitution_get_params (self->constitution);
  order = _au_order_new ();
  order->account_id = intent->account_id;
  au_contract_copy (&order->contract, &intent->contract);
  order->side = intent->side;
  order->purpose = intent->purpose;
  order->quantity = intent->quantity;
  order->bid = intent->bid;
  order->ask = intent->ask;
  order->rule_reference = g_strdup (intent->rule_reference);
  order->mini_rules = g_strdup (intent->mini_rules);

  limit = first_limit (self, order, error);
  if (limit <= 0)
    {
      _au_order_free (order);
      return NULL;
    }

  /* Every order passes the rules engine before it is sent (D3); its
   * evaluation, approved or not, is in the audit trail. */
  judged = proposal_as_sent (self, intent, limit);
  proposal = au_proposal_new_from_json (judged, error);
  if (proposal == NULL)
    {
      g_prefix_error (error, "proposal: ");
      _au_order_free (order);
      return NULL;
    }
  verdict = au_rules_engine_evaluate (self->rules, proposal, error);
  if (verdict == NULL)
    {
      _au_order_free (order);
      return NULL;
    }
  if (verdict_out != NULL)
    *verdict_out = au_verdict_ref (verdict);
  if (!au_verdict_is_approved (verdict))
    {
      g_autofree char *why = describe_violations (verdict);

      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_REJECTED,
                   "the rules refused the order, nothing was sent: %s", why);
      _au_order_free (order);
      return NULL;
    }

  order->client_order_id = intent->client_order_id != NULL
                           ? g_strdup (intent->client_order_id)
                           : next_parent_id (self, intent->account_id, error);
  if (order->client_order_id == NULL)
    {
      _au_order_free (order);
      return NULL;
    }

  /* R0.4: above slice_contracts, child orders. Shares are never sliced. */
  sizes = intent->contract.sec_type == AU_SEC_OPTION
          ? au_order_slices (intent->quantity, params->global.slice_contracts)
          : au_order_slices (intent->quantity, intent->quantity);
  order->n_slices = sizes->len;
  order->spec = _au_order_spec (order, sizes->len);
  for (guint i = 0; i < sizes->len; i++)
    g_ptr_array_add (order->slices, _au_slice_new (order, i + 1,
                                                   g_array_index (sizes, gint64, i)));

  /* D4: the parent intent, with the judged proposal, before any send. */
  now_time = _au_order_manager_now_time (self);
  judged_text = au_json_to_canonical (judged);
  parent.client_order_id = order->client_order_id;
  parent.account_id = order->account_id;
  fill_instrument (&order->contract, &parent.instrument, expiry, sizeof expiry);
  parent.side = order->side == AU_SIDE_BUY ? AU_ORDER_SIDE_BUY : AU_ORDER_SIDE_SELL;
  parent.quantity = order->quantity;
  parent.limit_price = limit;
  parent.rule_reference = order->rule_reference;
  parent.mini_rules = order->mini_rules;
  parent.intent_json = judged_text;
  /* A resumed intent is in the ledger already, as it was judged first. */
  if (!resume && au_ledger_record_order (self->ledger, &parent, now_time, error) == 0)
    {
      g_prefix_error (error, "persisting the intent, nothing was sent: ");
      _au_order_free (order);
      return NULL;
    }

  g_hash_table_insert (self->orders, g_strdup (order->client_order_id), order);
  g_signal_emit (self, signals[INTENT_PERSISTED], 0, order->client_order_id);
  for (guint i = 0; i < order->slices->len; i++)
    {
      Slice *slice = g_ptr_array_index (order->slices, i);
      g_autoptr(GError) local_error = NULL;

      if (!send_version (self, slice, limit, &local_error))
        {
          if (slice->stage != SLICE_DONE)
            _au_order_manager_finish_slice (self, slice, AU_ORDER_REJECTED,
                                            local_error->message);
          if (i == 0)
            {
              g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_BROKER, "%s",
                           local_error->message);
              /* The rest of the slices were never sent. */
              for (guint j = 1; j < order->slices->len; j++)
                _au_order_manager_finish_slice (self, g_ptr_array_index (order->slices, j),
                                                AU_ORDER_CANCELLED, "not sent: the first slice "
                                                "was refused");
              _au_order_manager_emit_changed (self, order);
              return NULL;
            }
        }
    }
  _au_order_manager_schedule (self);
  _au_order_manager_emit_changed (self, order);
  return g_strdup (order->client_order_id);
}

gboolean
au_order_manager_cancel (AuOrderManager  *self,
                         const char      *client_order_id,
                         GError         **error)
{
  Order *order;

  g_return_val_if_fail (AU_IS_ORDER_MANAGER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);

  order = g_hash_table_lookup (self->orders, client_order_id);
  if (order == NULL)
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "client_order_id: no active order “%s”", client_order_id);
      return FALSE;
    }
  for (guint i = 0; i < order->slices->len; i++)
    {
      Slice *slice = g_ptr_array_index (order->slices, i);

      if (slice->stage == SLICE_DONE || slice->stage == SLICE_CANCELLING)
        continue;
      /* A cancel asked already: only the replacement is called off. */
      if (slice->stage == SLICE_UNCONFIRMED)
        {
          slice->replace_after = FALSE;
          continue;
        }
      if (slice->stage == SLICE_REPLACING)
        {
          slice->stage = SLICE_CANCELLING;
          continue;
        }
      if (!au_broker_cancel_order (self->broker, slice->client_order_id, error))
        return FALSE;
      slice->stage = SLICE_CANCELLING;
      slice->deadline = au_clock_get_now (self->clock) + AU_ORDERS_CANCEL_CONFIRM_USEC;
    }
  _au_order_manager_schedule (self);
  return TRUE;
}

gboolean
au_order_manager_get_status (AuOrderManager *self,
                             const char     *client_order_id,
                             AuOrderStatus  *status)
{
  Order *order;
  gboolean any_filled = FALSE;
  gboolean any_cancelled = FALSE;
  gboolean all_filled = TRUE;

  g_return_val_if_fail (AU_IS_ORDER_MANAGER (self), FALSE);
  g_return_val_if_fail (client_order_id != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  order = g_hash_table_lookup (self->orders, client_order_id);
  if (order == NULL)
    return FALSE;
  status->client_order_id = g_strdup (order->client_order_id);
  status->quantity = order->quantity;
  status->n_slices = order->n_slices;
  for (guint i = 0; i < order->slices->len; i++)
    {
      Slice *slice = g_ptr_array_index (order->slices, i);

      status->filled += slice->filled;
      if (slice->stage != SLICE_DONE || slice->final_state != AU_ORDER_FILLED)
        all_filled = FALSE;
      if (slice->stage != SLICE_DONE)
        status->n_open++;
      else if (slice->final_state == AU_ORDER_FILLED)
        any_filled = TRUE;
      else if (slice->final_state == AU_ORDER_CANCELLED)
        any_cancelled = TRUE;
      if (slice->reason != NULL)
        {
          g_free (status->reason);
          status->reason = g_strdup (slice->reason);
        }
    }
  if (status->n_open > 0)
    status->state = status->filled > 0 ? AU_ORDER_PARTIALLY_FILLED : AU_ORDER_WORKING;
  /* A slice the broker reported filled is filled, its executions on the
   * way or not. */
  else if (status->filled >= status->quantity || all_filled)
    status->state = AU_ORDER_FILLED;
  else if (any_cancelled || any_filled || status->filled > 0)
    status->state = AU_ORDER_CANCELLED;
  else
    status->state = AU_ORDER_REJECTED;
  return TRUE;
}

guint
au_order_manager_get_n_active (AuOrderManager *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (AU_IS_ORDER_MANAGER (self), 0);

  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Order *order = value;

      for (guint i = 0; i < order->slices->len; i++)
        if (((Slice *) g_ptr_array_index (order->slices, i))->stage != SLICE_DONE)
          {
            n++;
            break;
          }
    }
  return n;
}

void
au_order_manager_set_quote_func (AuOrderManager   *self,
                                 AuOrderQuoteFunc  func,
                                 gpointer          user_data,
                                 GDestroyNotify    destroy)
{
  g_return_if_fail (AU_IS_ORDER_MANAGER (self));

  if (self->quote_destroy != NULL)
    self->quote_destroy (self->quote_data);
  self->quote_func = func;
  self->quote_data = user_data;
  self->quote_destroy = destroy;
}

/* Life cycle */

static void
au_order_manager_dispose (GObject *object)
{
  AuOrderManager *self = AU_ORDER_MANAGER (object);

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (self->broker != NULL)
    {
      g_clear_signal_handler (&self->update_handler, self->broker);
      g_clear_signal_handler (&self->execution_handler, self->broker);
    }
  au_order_manager_set_quote_func (self, NULL, NULL, NULL);
  g_clear_object (&self->broker);
  g_clear_object (&self->rules);
  g_clear_object (&self->ledger);
  g_clear_object (&self->constitution);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (au_order_manager_parent_class)->dispose (object);
}

static void
au_order_manager_finalize (GObject *object)
{
  AuOrderManager *self = AU_ORDER_MANAGER (object);

  g_clear_pointer (&self->versions, g_hash_table_unref);
  g_clear_pointer (&self->orders, g_hash_table_unref);
  g_clear_pointer (&self->closed, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (au_order_manager_parent_class)->finalize (object);
}

static void
au_order_manager_class_init (AuOrderManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_order_manager_dispose;
  object_class->finalize = au_order_manager_finalize;

  /**
   * AuOrderManager::order-changed:
   * @client_order_id: the parent order's id
   *
   * A slice of the order was acknowledged, filled, replaced, cancelled
   * or rejected.
   */
  signals[ORDER_CHANGED] =
    g_signal_new ("order-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AuOrderManager::intent-persisted:
   * @client_order_id: the parent order's id
   *
   * The intent is on disk and nothing of it is sent yet (D4): a process
   * that dies now resumes it, never sends it twice.
   */
  signals[INTENT_PERSISTED] =
    g_signal_new ("intent-persisted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
au_order_manager_init (AuOrderManager *self)
{
  self->orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) _au_order_free);
  self->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->closed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

AuOrderManager *
au_order_manager_new (AuLedger       *ledger,
                      AuRulesEngine  *rules,
                      AuBroker       *broker,
                      AuClock        *clock,
                      GMainContext   *context,
                      GError        **error)
{
  g_autoptr(AuOrderManager) self = NULL;

  g_return_val_if_fail (AU_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (AU_IS_RULES_ENGINE (rules), NULL);
  g_return_val_if_fail (AU_IS_BROKER (broker), NULL);
  g_return_val_if_fail (AU_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_order_store_init (au_ledger_get_database (ledger), error))
    return NULL;

  self = g_object_new (AU_TYPE_ORDER_MANAGER, NULL);
  self->ledger = g_object_ref (ledger);
  self->rules = g_object_ref (rules);
  self->constitution = g_object_ref (au_rules_engine_get_constitution (rules));
  self->broker = g_object_ref (broker);
  self->clock = g_object_ref (clock);
  self->context = context != NULL ? g_main_context_ref (context)
                                  : g_main_context_ref_thread_default ();
  self->update_handler = g_signal_connect (broker, "order-updated",
                                           G_CALLBACK (on_order_updated), self);
  self->execution_handler = g_signal_connect (broker, "execution",
                                              G_CALLBACK (on_execution), self);
  return g_steal_pointer (&self);
}

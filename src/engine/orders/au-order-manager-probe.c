/* au-order-manager-probe.c: asking the broker when a cancel goes unconfirmed (R0.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-order-manager-private.h"

/* Unconfirmed cancels (R0.6): the broker's open orders and executions
 * decide, never a guess. */

typedef struct
{
  AuOrderManager *self;
  guint           serial;
  gint64          since;
  GPtrArray      *open_orders;   /* AuOrderUpdate */
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_pointer (&probe->open_orders, g_ptr_array_unref);
  g_object_unref (probe->self);
  g_free (probe);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Probe, probe_free)

static const AuOrderUpdate *
probe_find_open (Probe      *probe,
                 const char *client_order_id)
{
  for (guint i = 0; i < probe->open_orders->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (probe->open_orders, i);

      if (g_strcmp0 (update->client_order_id, client_order_id) == 0)
        return update;
    }
  return NULL;
}

static void
probe_settle_slice (AuOrderManager *self,
                    Probe          *probe,
                    Slice          *slice)
{
  const AuOrderUpdate *open = probe_find_open (probe, slice->client_order_id);
  g_autofree char *detail = NULL;
  VersionFill *fill;
  gint64 filled;

  if (open != NULL && !au_order_state_is_final (open->state))
    {
      fill = _au_slice_version_fill (slice, slice->version);

      /* Still live: the cancel never arrived. Ask again and wait again;
       * still nothing goes out beside it. */
      fill->reported = MAX (fill->reported, open->filled);
      if (au_broker_cancel_order (self->broker, slice->client_order_id, NULL))
        {
          slice->stage = slice->replace_after ? SLICE_REPLACING : SLICE_CANCELLING;
          slice->deadline = au_clock_get_now (self->clock) + AU_ORDERS_CANCEL_CONFIRM_USEC;
        }
      return;
    }

  /* Not open at the broker: dead, with the fills its executions show. */
  fill = _au_slice_version_fill (slice, slice->version);
  if (open != NULL)
    fill->reported = MAX (fill->reported, open->filled);
  filled = MAX (fill->booked, fill->reported);
  if (!g_hash_table_contains (self->closed, slice->client_order_id))
    {
      /* A version its executions filled is recorded filled by the
       * booking; any other ended at the broker unseen. */
      if (filled < slice->version_quantity)
        {
          detail = g_strdup_printf ("its cancel went unconfirmed; the broker no longer has it "
                                    "open (%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                                    " filled)", filled, slice->version_quantity);
          _au_order_manager_record (self, slice->client_order_id, AU_ORDER_EVENT_CANCELLED,
                                    detail);
        }
      _au_order_manager_close_version (self, slice->client_order_id);
    }
  _au_order_manager_version_dead (self, slice, open != NULL ? open->state : AU_ORDER_CANCELLED,
                        "not open at the broker after an unconfirmed cancel");
}

static void
on_probe_executions (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Probe) probe = user_data;
  AuOrderManager *self = probe->self;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  self->probing = FALSE;
  executions = au_broker_executions_finish (AU_BROKER (source), result, &error);
  if (executions == NULL)
    {
      g_message ("Unconfirmed cancels wait: the broker's executions: %s", error->message);
      return;
    }

  for (guint i = 0; i < executions->len; i++)
    {
      const AuExecution *execution = g_ptr_array_index (executions, i);
      Slice *slice = _au_order_manager_find_slice (self, execution->client_order_id);
      gboolean booked = FALSE;

      if (slice == NULL || execution->exec_id == NULL
          || !_au_order_manager_book (self, slice, execution, &booked))
        continue;
      _au_order_manager_note_execution (self, execution);
      if (booked)
        _au_slice_add_booked (slice, execution->client_order_id, execution->quantity);
    }

  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Order *order = value;
      gboolean changed = FALSE;

      for (guint i = 0; i < order->slices->len; i++)
        {
          Slice *slice = g_ptr_array_index (order->slices, i);

          /* A slice that went unconfirmed after the query started waits
           * for the next: the executions asked may not cover it. */
          if (slice->stage != SLICE_UNCONFIRMED || slice->probe != probe->serial)
            continue;
          probe_settle_slice (self, probe, slice);
          changed = TRUE;
        }
      if (changed)
        _au_order_manager_emit_changed (self, order);
    }
  _au_order_manager_schedule (self);
}

static void
on_probe_open_orders (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Probe) probe = user_data;
  g_autoptr(GError) error = NULL;
  gint64 since;

  probe->open_orders = au_broker_open_orders_finish (AU_BROKER (source), result, &error);
  if (probe->open_orders == NULL)
    {
      probe->self->probing = FALSE;
      g_message ("Unconfirmed cancels wait: the broker's open orders: %s", error->message);
      return;
    }
  since = probe->since;
  au_broker_executions_async (AU_BROKER (source), since, NULL, on_probe_executions,
                              g_steal_pointer (&probe));
}

/* One query at a time for every slice whose cancel went unconfirmed;
 * one that fails (the connection is still down) is tried again on the
 * slice's next deadline. */
void
_au_order_manager_start_probe (AuOrderManager *self)
{
  Probe *probe;
  GHashTableIter iter;
  gpointer value;
  gint64 since = G_MAXINT64;

  if (self->probing)
    return;
  self->probe_serial++;
  g_hash_table_iter_init (&iter, self->orders);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Order *order = value;

      for (guint i = 0; i < order->slices->len; i++)
        {
          Slice *slice = g_ptr_array_index (order->slices, i);

          if (slice->stage != SLICE_UNCONFIRMED)
            continue;
          slice->probe = self->probe_serial;
          since = MIN (since, slice->sent_usec);
        }
    }
  if (since == G_MAXINT64)
    return;

  probe = g_new0 (Probe, 1);
  probe->self = g_object_ref (self);
  probe->serial = self->probe_serial;
  /* Every execution since the oldest unconfirmed version went out; a
   * minute earlier for a broker clock behind the engine's. The ledger
   * refuses an execution id it has, so asking more books nothing twice. */
  probe->since = MAX (since - 60 * G_USEC_PER_SEC, 0);
  self->probing = TRUE;
  au_broker_open_orders_async (self->broker, NULL, on_probe_open_orders, probe);
}

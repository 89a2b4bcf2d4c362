/* au-order-manager-recover.c: matching persisted intents after a restart (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-order-manager-private.h"
#include "au-orders-error.h"

typedef struct
{
  AuRecoveryReport  report;
  GPtrArray        *slices;       /* Slice (borrowed): what the store held open */
  GPtrArray        *stale_ids;    /* superseded versions still open in the store */
  GPtrArray        *open_orders;  /* AuOrderUpdate from the broker */
  gint64            oldest_open;  /* when the oldest open version was sent, or G_MAXINT64 */
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_clear_pointer (&recovery->slices, g_ptr_array_unref);
  g_clear_pointer (&recovery->stale_ids, g_ptr_array_unref);
  g_clear_pointer (&recovery->open_orders, g_ptr_array_unref);
  g_free (recovery);
}

/* The ledger's last word on one version: "created", "submitted",
 * "acknowledged", … or NULL when it has no such order. */
static char *
ledger_state (AuOrderManager *self,
              const char     *client_order_id,
              gint64         *filled)
{
  AuLedgerOrderState state;
  char *text;

  if (!au_ledger_get_order (self->ledger, client_order_id, &state, NULL))
    return NULL;
  text = g_steal_pointer (&state.state);
  if (filled != NULL)
    *filled = state.filled_quantity;
  au_ledger_order_state_clear (&state);
  return text;
}

static Slice *
find_or_add_slice (Order                   *order,
                   const AuOrderVersionRow *row)
{
  Slice *slice;

  for (guint i = 0; i < order->slices->len; i++)
    {
      slice = g_ptr_array_index (order->slices, i);
      if (slice->index == row->slice)
        return slice;
    }
  slice = _au_slice_new (order, row->slice, row->slice_quantity);
  g_ptr_array_add (order->slices, slice);
  return slice;
}

/* Rebuilds, from the store, every order with a version whose fate is not
 * recorded. Nothing is sent. */
static gboolean
rebuild (AuOrderManager  *self,
         Recovery        *recovery,
         GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  rows = au_order_store_list_open (au_ledger_get_database (self->ledger), error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      AuOrderVersionRow *row = g_ptr_array_index (rows, i);
      Order *order;
      Slice *slice;

      if (g_hash_table_contains (self->versions, row->client_order_id))
        continue;   /* tracked already: this process sent it */
      recovery->oldest_open = MIN (recovery->oldest_open, row->sent_usec);

      order = g_hash_table_lookup (self->orders, row->parent);
      if (order == NULL)
        {
          order = _au_order_new_from_spec (row->parent, row->spec, error);
          if (order == NULL)
            return FALSE;
          g_hash_table_insert (self->orders, g_strdup (row->parent), order);
        }
      slice = find_or_add_slice (order, row);
      g_hash_table_insert (self->versions, g_strdup (row->client_order_id), slice);
      /* Rows come oldest first: a later version supersedes the earlier. */
      if (slice->client_order_id == NULL)
        g_ptr_array_add (recovery->slices, slice);
      else
        g_ptr_array_add (recovery->stale_ids, g_strdup (slice->client_order_id));
      g_free (slice->client_order_id);
      slice->client_order_id = g_strdup (row->client_order_id);
      slice->version = row->version;
      slice->version_quantity = row->quantity;
      slice->limit = row->limit;
      slice->sent_usec = row->sent_usec;
      slice->stage = SLICE_SENT;
    }

  /* What the ledger has booked of each slice, over all its versions. */
  for (guint i = 0; i < recovery->slices->len; i++)
    {
      Slice *slice = g_ptr_array_index (recovery->slices, i);

      slice->filled = 0;
      for (guint v = 1; v <= slice->version; v++)
        {
          g_autofree char *id = _au_order_version_id (slice->order, slice->index, v);
          g_autofree char *state = NULL;
          gint64 filled = 0;

          state = ledger_state (self, id, &filled);
          if (state != NULL)
            {
              slice->filled += filled;
              _au_slice_version_fill (slice, v)->booked = filled;
            }
        }
    }
  return TRUE;
}

static const AuOrderUpdate *
find_open (Recovery   *recovery,
           const char *client_order_id)
{
  for (guint i = 0; i < recovery->open_orders->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (recovery->open_orders, i);

      if (g_strcmp0 (update->client_order_id, client_order_id) == 0)
        return update;
    }
  return NULL;
}

static void
settle_slice (AuOrderManager *self,
              Recovery       *recovery,
              Slice          *slice)
{
  const AuOrderUpdate *open;
  g_autofree char *state = NULL;

  if (slice->stage == SLICE_DONE)
    return;
  if (_au_slice_committed (slice, 0) >= slice->quantity)
    {
      _au_order_manager_finish_slice (self, slice, AU_ORDER_FILLED, NULL);
      recovery->report.settled++;
      return;
    }

  state = ledger_state (self, slice->client_order_id, NULL);
  if (state == NULL)
    {
      /* Stored but never persisted in the ledger: it was never sent. */
      _au_order_manager_finish_slice (self, slice, AU_ORDER_CANCELLED,
                                      "the engine stopped before persisting it; never sent");
      recovery->report.lost++;
      return;
    }

  open = find_open (recovery, slice->client_order_id);
  if (open != NULL)
    {
      if (open->state != AU_ORDER_PENDING
          && (g_str_equal (state, "created") || g_str_equal (state, "submitted")))
        {
          g_autofree char *detail = g_strdup_printf ("%" G_GINT64_FORMAT " (after a restart)",
                                                     open->broker_order_id);

          _au_order_manager_record (self, slice->client_order_id, AU_ORDER_EVENT_ACKNOWLEDGED,
                                    detail);
        }
      slice->acknowledged = open->state != AU_ORDER_PENDING;
      slice->stage = open->state == AU_ORDER_PENDING ? SLICE_SENT : SLICE_WORKING;
      slice->deadline = au_clock_get_now (self->clock) + _au_order_manager_interval (self);
      recovery->report.resumed++;
      return;
    }

  if (g_str_equal (state, "cancelled") || g_str_equal (state, "rejected"))
    {
      _au_order_manager_finish_slice (self, slice,
                                      g_str_equal (state, "cancelled") ? AU_ORDER_CANCELLED
                                                                       : AU_ORDER_REJECTED,
                                      NULL);
      recovery->report.settled++;
      return;
    }

  /* D4: neither open at the broker nor filled. Whatever became of it, it
   * is not sent again; the next decision starts from the ledger. */
  _au_order_manager_record (self, slice->client_order_id, AU_ORDER_EVENT_CANCELLED,
                            "not open at the broker after a restart and not filled; "
                            "not sent again (D4)");
  _au_order_manager_finish_slice (self, slice, AU_ORDER_CANCELLED,
                                  "not open at the broker after a restart");
  recovery->report.lost++;
}

static void
on_executions (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AuOrderManager *self = g_task_get_source_object (task);
  Recovery *recovery = g_task_get_task_data (task);
  g_autoptr(GPtrArray) executions = NULL;
  GError *error = NULL;

  executions = au_broker_executions_finish (AU_BROKER (source), result, &error);
  if (executions == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < executions->len; i++)
    {
      const AuExecution *execution = g_ptr_array_index (executions, i);
      Slice *slice = execution->client_order_id != NULL
                     ? g_hash_table_lookup (self->versions, execution->client_order_id) : NULL;
      gboolean booked = FALSE;

      if (slice == NULL || execution->exec_id == NULL)
        continue;
      if (!_au_order_manager_book (self, slice, execution, &booked))
        continue;
      _au_order_manager_note_execution (self, execution);
      if (booked)
        {
          _au_slice_add_booked (slice, execution->client_order_id, execution->quantity);
          recovery->report.booked++;
        }
    }

  /* Superseded versions: the replacement is the live one. */
  for (guint i = 0; i < recovery->stale_ids->len; i++)
    {
      const char *id = g_ptr_array_index (recovery->stale_ids, i);

      if (find_open (recovery, id) != NULL)
        au_broker_cancel_order (self->broker, id, NULL);
      _au_order_manager_close_version (self, id);
    }

  for (guint i = 0; i < recovery->slices->len; i++)
    settle_slice (self, recovery, g_ptr_array_index (recovery->slices, i));

  _au_order_manager_schedule (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_open_orders (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Recovery *recovery = g_task_get_task_data (task);
  GError *error = NULL;

  recovery->open_orders = au_broker_open_orders_finish (AU_BROKER (source), result, &error);
  if (recovery->open_orders == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* D4: only what the ledger may lack — executions from the newest one
   * it has seen (inclusive: the ledger refuses an execution id twice),
   * and never later than the oldest version whose fate is open, since a
   * fill of it may have been missed during an outage before that mark. */
  au_broker_executions_async (AU_BROKER (source), recovery->report.since,
                              g_task_get_cancellable (task), on_executions, g_object_ref (task));
}

void
au_order_manager_recover_async (AuOrderManager      *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Recovery *recovery;
  GError *error = NULL;

  g_return_if_fail (AU_IS_ORDER_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, au_order_manager_recover_async);
  recovery = g_new0 (Recovery, 1);
  recovery->slices = g_ptr_array_new ();
  recovery->stale_ids = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, recovery, (GDestroyNotify) recovery_free);

  recovery->oldest_open = G_MAXINT64;
  if (!rebuild (self, recovery, &error)
      || !au_order_store_get_last_execution (au_ledger_get_database (self->ledger),
                                             &recovery->report.since, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Nothing seen yet: everything since the state began. */
  recovery->report.since = MAX (MIN (recovery->report.since, recovery->oldest_open), 0);
  au_broker_open_orders_async (self->broker, cancellable, on_open_orders, g_object_ref (task));
}

gboolean
au_order_manager_recover_finish (AuOrderManager    *self,
                                 GAsyncResult      *result,
                                 AuRecoveryReport  *report,
                                 GError           **error)
{
  Recovery *recovery;

  g_return_val_if_fail (AU_IS_ORDER_MANAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  recovery = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = recovery->report;
  return TRUE;
}

/* au-ib-client-data.c: the IB client's waiting requests and its account
 * data: account summary, account updates, positions (tws-protocol.md
 * §6.5–§6.7, §7.4–§7.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-ib-client-private.h"
#include "au-money.h"

/* Pending requests */

void
au_ib_pending_free (AuIbPending *pending)
{
  au_ib_source_clear (pending->context, &pending->timeout_id);
  g_ptr_array_unref (pending->tasks);
  au_contract_clear (&pending->contract);
  g_clear_pointer (&pending->account, au_broker_account_free);
  g_clear_pointer (&pending->items, g_ptr_array_unref);
  g_clear_pointer (&pending->params, au_ib_option_params_free);
  g_clear_pointer (&pending->bars, g_array_unref);
  g_free (pending);
}

typedef struct
{
  AuIbClient *client;
  int         key;
} TimeoutData;

static gboolean
on_pending_timeout (gpointer user_data)
{
  TimeoutData *data = user_data;
  AuIbPending *pending = g_hash_table_lookup (data->client->pending, GINT_TO_POINTER (data->key));

  if (pending != NULL && pending->streaming)
    {
      pending->timeout_id = 0;
      au_ib_client_gather_expired (data->client, pending);
    }
  else if (pending != NULL)
    {
      pending->timeout_id = 0;
      au_ib_pending_fail (data->client, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "IB Gateway did not answer the %s request within %u s.",
                                       pending->what, data->client->request_ms / 1000));
    }
  return G_SOURCE_REMOVE;
}

void
au_ib_pending_arm_timeout (AuIbClient  *self,
                     AuIbPending *pending)
{
  TimeoutData *data = g_new (TimeoutData, 1);

  pending->context = self->context;
  au_ib_source_clear (pending->context, &pending->timeout_id);
  data->client = self;
  data->key = pending->key;
  pending->timeout_id = au_ib_timeout_add (self->context,
                                           pending->timeout_ms > 0 ? pending->timeout_ms
                                                                   : self->request_ms,
                                           on_pending_timeout, data, g_free);
}

AuIbPending *
au_ib_pending_start (AuIbClient      *self,
                     int              key,
                     AuIbPendingKind  kind,
                     const char      *what,
                     GTask           *task)
{
  AuIbPending *pending = g_new0 (AuIbPending, 1);

  pending->key = key;
  pending->kind = kind;
  pending->what = what;
  pending->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (pending->tasks, g_object_ref (task));
  au_ib_ticks_init (&pending->ticks);
  g_hash_table_insert (self->pending, GINT_TO_POINTER (key), pending);
  au_ib_pending_arm_timeout (self, pending);
  return pending;
}

/* Takes @error. */
void
au_ib_pending_fail (AuIbClient  *self,
                    AuIbPending *pending,
                    GError      *error)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_ref (pending->tasks);

  g_hash_table_remove (self->pending, GINT_TO_POINTER (pending->key));
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_error (g_ptr_array_index (tasks, i), g_error_copy (error));
  g_error_free (error);
}

void
au_ib_pending_fail_all (AuIbClient *self,
                        const char *reason)
{
  g_autoptr(GList) values = g_hash_table_get_values (self->pending);

  for (GList *l = values; l != NULL; l = l->next)
    au_ib_pending_fail (self, l->data,
                        g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED,
                                     "%s", reason));
}

int
au_ib_client_next_req_id (AuIbClient *self)
{
  return self->next_req_id++;
}

/* Hands a result (built per task by @make) to every waiting task. */
void
au_ib_pending_return (AuIbClient        *self,
                      AuIbPending       *pending,
                      AuIbMakeResult     make,
                      GDestroyNotify     free_func)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_ref (pending->tasks);

  g_hash_table_steal (self->pending, GINT_TO_POINTER (pending->key));
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_pointer (g_ptr_array_index (tasks, i), make (pending), free_func);
  au_ib_pending_free (pending);
}

AuIbPending *
au_ib_pending_lookup (AuIbClient      *self,
                      int              key,
                      AuIbPendingKind  kind)
{
  AuIbPending *pending = g_hash_table_lookup (self->pending, GINT_TO_POINTER (key));

  return pending != NULL && pending->kind == kind ? pending : NULL;
}

/* Account */

static char *
first_account (AuIbClient *self)
{
  g_auto(GStrv) parts = NULL;

  if (self->accounts == NULL)
    return NULL;
  parts = g_strsplit (self->accounts, ",", 2);
  return parts[0] != NULL && *parts[0] != '\0' ? g_strdup (g_strstrip (parts[0])) : NULL;
}

static gpointer
make_account (AuIbPending *pending)
{
  AuBrokerAccount *copy = g_new0 (AuBrokerAccount, 1);

  *copy = *pending->account;
  copy->account = g_strdup (pending->account->account);
  return copy;
}

/* Bits of AuBrokerAccount the summary filled in. */
#define HAVE_CASH 1
#define HAVE_NLV  2

static void
on_account_summary (AuIbClient               *self,
                    const AuIbAccountSummary *row)
{
  AuIbPending *pending = au_ib_pending_lookup (self, row->req_id, AU_IB_PENDING_ACCOUNT);
  AuMoney value;
  gboolean cash = g_strcmp0 (row->tag, "TotalCashValue") == 0;
  gboolean nlv = g_strcmp0 (row->tag, "NetLiquidation") == 0;

  if (pending == NULL || (!cash && !nlv))
    return;
  if (pending->account->account != NULL && g_strcmp0 (pending->account->account, row->account) != 0)
    return;
  if (!au_ib_parse_money (row->value, &value))
    {
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                                       "account summary: %s of %s is “%s”, not an amount",
                                       row->tag, row->account, row->value));
      return;
    }
  if (pending->account->account == NULL)
    pending->account->account = g_strdup (row->account);
  if (cash)
    pending->account->cash = value;
  else
    pending->account->net_liquidation = value;
  pending->con_id |= cash ? HAVE_CASH : HAVE_NLV;
}

static void
on_account_summary_end (AuIbClient *self,
                        int         req_id)
{
  AuIbPending *pending = au_ib_pending_lookup (self, req_id, AU_IB_PENDING_ACCOUNT);
  AuIbRequest cancel = { .id = AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY };

  if (pending == NULL)
    return;
  /* The summary would otherwise stream every 3 minutes. */
  cancel.u.cancel.req_id = req_id;
  au_ib_client_send_quietly (self, &cancel);

  if (pending->con_id != (HAVE_CASH | HAVE_NLV))
    {
      au_ib_pending_fail (self, pending,
                          g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                       "account summary: IB sent no %s for account %s",
                                       (pending->con_id & HAVE_CASH) ? "NetLiquidation"
                                                                     : "TotalCashValue",
                                       pending->account->account ? pending->account->account
                                                                 : "(none)"));
      return;
    }
  pending->account->time = au_ib_client_now (self);
  au_ib_pending_return (self, pending, make_account, (GDestroyNotify) au_broker_account_free);
}

static void
au_ib_client_account_async (AuBroker            *broker,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_ACCOUNT_SUMMARY };
  AuIbPending *pending;
  int key;

  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  key = au_ib_client_next_req_id (self);
  pending = au_ib_pending_start (self, key, AU_IB_PENDING_ACCOUNT, "account summary", task);
  pending->account = g_new0 (AuBrokerAccount, 1);
  pending->account->account = first_account (self);
  request.u.account_summary.req_id = key;
  request.u.account_summary.group = "All";
  request.u.account_summary.tags = "TotalCashValue,NetLiquidation";
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

static AuBrokerAccount *
au_ib_client_account_finish (AuBroker      *broker,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_acct_value (AuIbClient          *self,
               const AuIbAcctValue *value)
{
  AuMoney amount;
  gboolean cash = g_strcmp0 (value->key, "TotalCashValue") == 0;

  if ((!cash && g_strcmp0 (value->key, "NetLiquidation") != 0)
      || g_strcmp0 (value->currency, "USD") != 0
      || !au_ib_parse_money (value->value, &amount))
    return;
  if (self->account_cache == NULL)
    {
      self->account_cache = g_new0 (AuBrokerAccount, 1);
      self->account_cache->account = g_strdup (value->account);
    }
  if (cash)
    self->account_cache->cash = amount;
  else
    self->account_cache->net_liquidation = amount;
  self->account_cache->time = au_ib_client_now (self);
}

gboolean
au_ib_client_set_account_updates (AuIbClient  *self,
                                  gboolean     subscribe,
                                  GError     **error)
{
  AuIbRequest request = { .id = AU_IB_OUT_REQ_ACCT_DATA };
  g_autofree char *account = NULL;

  g_return_val_if_fail (AU_IS_IB_CLIENT (self), FALSE);

  if (!au_ib_client_check_ready (self, error))
    return FALSE;
  account = first_account (self);
  request.u.acct_data.subscribe = subscribe;
  request.u.acct_data.account = account;
  return au_ib_client_send (self, &request, error);
}

const AuBrokerAccount *
au_ib_client_get_account_cache (AuIbClient *self)
{
  g_return_val_if_fail (AU_IS_IB_CLIENT (self), NULL);
  return self->account_cache;
}

/* Positions */

static gpointer
make_positions (AuIbPending *pending)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) au_broker_position_free);

  for (guint i = 0; i < pending->items->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (pending->items, i);
      AuBrokerPosition *c = g_new0 (AuBrokerPosition, 1);

      au_contract_copy (&c->contract, &p->contract);
      c->quantity = p->quantity;
      c->average_cost = p->average_cost;
      g_ptr_array_add (copy, c);
    }
  return copy;
}

static void
on_position (AuIbClient         *self,
             const AuIbPosition *row)
{
  AuIbPending *pending = au_ib_pending_lookup (self, AU_IB_KEY_POSITIONS, AU_IB_PENDING_POSITIONS);
  g_autoptr(GError) error = NULL;
  AuBrokerPosition *position;
  AuContract contract;

  if (pending == NULL)
    return;
  if (!au_ib_contract_to_au (&row->contract, &contract, &error))
    {
      au_ib_client_notice (self, 0, "A position the autopilot does not trade was left out: %s",
                           error->message);
      return;
    }
  if (row->position == AU_IB_UNSET_DECIMAL || row->position == 0)
    {
      au_contract_clear (&contract);
      return;
    }

  position = g_new0 (AuBrokerPosition, 1);
  position->contract = contract;
  position->quantity = (gint64) llround (row->position);
  /* §7.5: IB's average cost of an option is per contract (× multiplier). */
  position->average_cost = au_ib_price_from_double (row->avg_cost / contract.multiplier);
  g_ptr_array_add (pending->items, position);
}

static void
on_position_end (AuIbClient *self)
{
  AuIbPending *pending = au_ib_pending_lookup (self, AU_IB_KEY_POSITIONS, AU_IB_PENDING_POSITIONS);
  AuIbRequest cancel = { .id = AU_IB_OUT_CANCEL_POSITIONS };

  if (pending == NULL)
    return;
  au_ib_client_send_quietly (self, &cancel);
  /* R7: what left the account at an expiry, before anyone sees the answer. */
  au_ib_expiry_note_positions (self, pending->items);
  au_ib_pending_return (self, pending, make_positions, (GDestroyNotify) g_ptr_array_unref);
}

static void
au_ib_client_positions_async (AuBroker            *broker,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  AuIbRequest request = { .id = AU_IB_OUT_REQ_POSITIONS };
  AuIbPending *pending;

  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* IB answers positions without an id: share one request. */
  pending = au_ib_pending_lookup (self, AU_IB_KEY_POSITIONS, AU_IB_PENDING_POSITIONS);
  if (pending != NULL)
    {
      g_ptr_array_add (pending->tasks, g_object_ref (task));
      return;
    }
  pending = au_ib_pending_start (self, AU_IB_KEY_POSITIONS, AU_IB_PENDING_POSITIONS,
                                 "positions", task);
  pending->items = g_ptr_array_new_with_free_func ((GDestroyNotify) au_broker_position_free);
  if (!au_ib_client_send (self, &request, &error))
    au_ib_pending_fail (self, pending, g_steal_pointer (&error));
}

static GPtrArray *
au_ib_client_positions_finish (AuBroker      *broker,
                               GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Dispatch */

gboolean
au_ib_client_data_dispatch (AuIbClient         *self,
                            const AuIbIncoming *msg)
{
  switch ((int) msg->id)
    {
    case AU_IB_IN_ACCOUNT_SUMMARY:
      on_account_summary (self, &msg->u.account_summary);
      return TRUE;
    case AU_IB_IN_ACCOUNT_SUMMARY_END:
      on_account_summary_end (self, msg->u.end.req_id);
      return TRUE;
    case AU_IB_IN_ACCT_VALUE:
      on_acct_value (self, &msg->u.acct_value);
      return TRUE;
    case AU_IB_IN_PORTFOLIO_VALUE:
    case AU_IB_IN_ACCT_UPDATE_TIME:
    case AU_IB_IN_ACCT_DOWNLOAD_END:
      return TRUE;

    case AU_IB_IN_POSITION_DATA:
      on_position (self, &msg->u.position);
      return TRUE;
    case AU_IB_IN_POSITION_END:
      on_position_end (self);
      return TRUE;

    default:
      return au_ib_client_market_dispatch (self, msg);
    }
}

void
au_ib_client_data_iface_init (AuBrokerInterface *iface)
{
  au_ib_client_market_iface_init (iface);
  iface->account_async = au_ib_client_account_async;
  iface->account_finish = au_ib_client_account_finish;
  iface->positions_async = au_ib_client_positions_async;
  iface->positions_finish = au_ib_client_positions_finish;
}

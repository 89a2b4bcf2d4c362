/* au-autopilot-view.c: the immutable snapshot the GUI and `alluse-cli run` read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include "au-schedule.h"

static const char *
kind_key (AuAccountKind kind)
{
  switch (kind)
    {
    case AU_ACCOUNT_GEN:
      return "gen";
    case AU_ACCOUNT_REV:
      return "rev";
    case AU_ACCOUNT_COM:
      return "com";
    case AU_ACCOUNT_MINI:
      return "mini";
    case AU_ACCOUNT_ROOT:
    default:
      return "root";
    }
}

static char *
week_type_of (AuAutopilot *self,
              const char  *account)
{
  g_autoptr(AuWeekLabel) label = au_week_type_classify ((const AuWeekEvent *) self->week_events->data,
                                                        self->week_events->len, account);

  return g_strdup (au_week_type_to_key (label->type));
}

static void
add_accounts (AuAutopilot         *self,
              AuAutopilotSnapshot *snapshot)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->config.ledger, NULL);

  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      AuAutopilotAccountView *view;
      AuDrawdownPivot *pivot;
      ApBook book;

      if (account->status != AU_ACCOUNT_ACTIVE || account->kind == AU_ACCOUNT_ROOT
          || !_ap_book_load (self, account->id, &book, NULL))
        continue;
      view = g_new0 (AuAutopilotAccountView, 1);
      view->account_id = account->id;
      view->name = g_strdup (account->name);
      view->kind = g_strdup (kind_key (account->kind));
      view->equity = book.equity;
      view->cash = book.cash;
      view->deployed = book.deployed;
      pivot = g_hash_table_lookup (self->pivots, &account->id);
      if (pivot != NULL && pivot->high_water > 0)
        view->drawdown = MAX (0.0, 1.0 - (double) book.equity / (double) pivot->high_water);
      view->week_type = week_type_of (self, account->name);
      g_ptr_array_add (snapshot->accounts, view);
      _ap_book_clear (&book);
    }
}

static void
add_positions (AuAutopilot         *self,
               AuAutopilotSnapshot *snapshot)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (self->positions),
                                       (GCompareFunc) g_strcmp0);
  GDate today;

  _au_autopilot_today (self, &today, NULL);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      ApPosition *p = g_hash_table_lookup (self->positions, l->data);
      AuAutopilotPositionView *view = g_new0 (AuAutopilotPositionView, 1);

      view->account_id = p->account_id;
      view->symbol = g_strdup (p->contract.symbol);
      view->quantity = p->quantity;
      view->delta = p->delta;
      if (p->contract.sec_type == AU_SEC_OPTION)
        {
          char expiry[16];
          const AuBreach *breach;

          g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &p->contract.expiry);
          view->right = g_strdup (p->contract.right == AU_OPTION_PUT ? "P" : "C");
          view->strike = p->contract.strike;
          view->expiry = g_strdup (expiry);
          view->dte = au_schedule_dte (&today, &p->contract.expiry);
          /* Per contract: price per share × 100, in cents. */
          view->premium = p->credit / (AU_PRICE_SCALE / AU_MONEY_SCALE) * 100 * ABS (p->quantity);
          if (p->mark > 0 && p->quantity < 0)
            view->pnl = (p->credit - p->mark) / (AU_PRICE_SCALE / AU_MONEY_SCALE) * 100
                        * -p->quantity;
          if (p->protocol != NULL)
            {
              breach = au_position_protocol_get_breach (p->protocol);
              view->atr_distance = breach->multiple;
              view->level = g_strdup (au_protocol_level_to_string (
                                        au_position_protocol_get_level (p->protocol)));
            }
        }
      else
        view->right = g_strdup ("stock");
      if (view->level == NULL)
        view->level = g_strdup ("L0");
      g_ptr_array_add (snapshot->positions, view);
    }
}

AuAutopilotSnapshot *
au_autopilot_dup_snapshot (AuAutopilot *self)
{
  AuAutopilotSnapshot *snapshot;
  char *description = NULL;
  gint64 next;

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), NULL);

  if (self->positions_dirty)
    _ap_sync_positions (self);
  snapshot = au_autopilot_snapshot_new ();
  snapshot->time = au_clock_get_now (self->config.clock);
  snapshot->state = self->state;
  snapshot->state_reason = g_strdup (self->state_reason);
  snapshot->paused = self->paused;
  snapshot->vix = self->vix;
  snapshot->vix_tier = g_strdup (au_vix_tier_to_string (au_circuit_breaker_get_tier (self->breaker)));
  add_accounts (self, snapshot);
  add_positions (self, snapshot);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->cc_orders);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        AuOrderStatus status = { 0 };

        if (au_order_manager_get_status (self->orders, value, &status) && status.n_open > 0)
          {
            AuAutopilotOrderView *view = g_new0 (AuAutopilotOrderView, 1);

            view->client_order_id = g_strdup (status.client_order_id);
            view->state = g_strdup (au_order_state_to_string (status.state));
            view->quantity = status.quantity;
            view->filled = status.filled;
            g_ptr_array_add (snapshot->orders, view);
          }
        au_order_status_clear (&status);
      }
  }
  next = au_autopilot_get_next_action (self, &description);
  if (next != 0)
    {
      AuAutopilotActionView *view = g_new0 (AuAutopilotActionView, 1);

      view->time = next;
      view->description = description;
      g_ptr_array_add (snapshot->next, view);
    }
  return snapshot;
}

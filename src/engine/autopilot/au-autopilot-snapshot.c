/* au-autopilot-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-snapshot.h"
#include "au-money.h"

G_DEFINE_BOXED_TYPE (AuAutopilotSnapshot, au_autopilot_snapshot,
                     au_autopilot_snapshot_ref, au_autopilot_snapshot_unref)

void
au_autopilot_account_view_free (AuAutopilotAccountView *view)
{
  if (view == NULL)
    return;
  g_free (view->name);
  g_free (view->kind);
  g_free (view->week_type);
  g_free (view);
}

void
au_autopilot_position_view_free (AuAutopilotPositionView *view)
{
  if (view == NULL)
    return;
  g_free (view->symbol);
  g_free (view->right);
  g_free (view->expiry);
  g_free (view->level);
  g_free (view);
}

void
au_autopilot_order_view_free (AuAutopilotOrderView *view)
{
  if (view == NULL)
    return;
  g_free (view->client_order_id);
  g_free (view->state);
  g_free (view);
}

void
au_autopilot_action_view_free (AuAutopilotActionView *view)
{
  if (view == NULL)
    return;
  g_free (view->description);
  g_free (view);
}

AuAutopilotSnapshot *
au_autopilot_snapshot_new (void)
{
  AuAutopilotSnapshot *snapshot = g_atomic_rc_box_new0 (AuAutopilotSnapshot);

  snapshot->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) au_autopilot_account_view_free);
  snapshot->positions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_autopilot_position_view_free);
  snapshot->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) au_autopilot_order_view_free);
  snapshot->next = g_ptr_array_new_with_free_func ((GDestroyNotify) au_autopilot_action_view_free);
  return snapshot;
}

AuAutopilotSnapshot *
au_autopilot_snapshot_ref (AuAutopilotSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  return g_atomic_rc_box_acquire (snapshot);
}

static void
snapshot_clear (AuAutopilotSnapshot *snapshot)
{
  g_free (snapshot->state_reason);
  g_free (snapshot->vix_tier);
  g_ptr_array_unref (snapshot->accounts);
  g_ptr_array_unref (snapshot->positions);
  g_ptr_array_unref (snapshot->orders);
  g_ptr_array_unref (snapshot->next);
}

void
au_autopilot_snapshot_unref (AuAutopilotSnapshot *snapshot)
{
  g_return_if_fail (snapshot != NULL);
  g_atomic_rc_box_release_full (snapshot, (GDestroyNotify) snapshot_clear);
}

static void
add_money (JsonBuilder *builder,
           const char  *name,
           AuMoney      cents)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, (double) cents / AU_MONEY_SCALE);
}

static void
add_price (JsonBuilder *builder,
           const char  *name,
           AuPrice      price)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, (double) price / AU_PRICE_SCALE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
au_autopilot_snapshot_to_json (AuAutopilotSnapshot *snapshot)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (snapshot != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, snapshot->time);
  add_string (builder, "state", au_system_state_to_string (snapshot->state));
  add_string (builder, "state_reason", snapshot->state_reason);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, snapshot->paused);
  json_builder_set_member_name (builder, "vix");
  json_builder_add_double_value (builder, snapshot->vix);
  add_string (builder, "vix_tier", snapshot->vix_tier);

  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->accounts->len; i++)
    {
      AuAutopilotAccountView *a = g_ptr_array_index (snapshot->accounts, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, a->account_id);
      add_string (builder, "name", a->name);
      add_string (builder, "kind", a->kind);
      add_money (builder, "equity", a->equity);
      add_money (builder, "cash", a->cash);
      add_money (builder, "deployed", a->deployed);
      json_builder_set_member_name (builder, "drawdown");
      json_builder_add_double_value (builder, a->drawdown);
      add_string (builder, "week_type", a->week_type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "positions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->positions->len; i++)
    {
      AuAutopilotPositionView *p = g_ptr_array_index (snapshot->positions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "account");
      json_builder_add_int_value (builder, p->account_id);
      add_string (builder, "symbol", p->symbol);
      add_string (builder, "right", p->right);
      add_price (builder, "strike", p->strike);
      add_string (builder, "expiry", p->expiry);
      json_builder_set_member_name (builder, "dte");
      json_builder_add_int_value (builder, p->dte);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, p->quantity);
      json_builder_set_member_name (builder, "delta");
      json_builder_add_double_value (builder, p->delta);
      add_money (builder, "premium", p->premium);
      add_money (builder, "pnl", p->pnl);
      json_builder_set_member_name (builder, "atr_distance");
      json_builder_add_double_value (builder, p->atr_distance);
      add_string (builder, "level", p->level);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->orders->len; i++)
    {
      AuAutopilotOrderView *o = g_ptr_array_index (snapshot->orders, i);

      json_builder_begin_object (builder);
      add_string (builder, "client_order_id", o->client_order_id);
      add_string (builder, "state", o->state);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, o->quantity);
      json_builder_set_member_name (builder, "filled");
      json_builder_add_int_value (builder, o->filled);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "next");
  json_builder_begin_array (builder);
  for (guint i = 0; i < snapshot->next->len; i++)
    {
      AuAutopilotActionView *n = g_ptr_array_index (snapshot->next, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "time");
      json_builder_add_int_value (builder, n->time);
      add_string (builder, "description", n->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

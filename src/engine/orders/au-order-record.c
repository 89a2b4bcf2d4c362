/* au-order-record.c: the manager's orders and slices, and their stored form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-json.h"
#include "au-order-manager-private.h"
#include "au-orders-error.h"

static gboolean
purpose_from_string (const char     *text,
                     AuOrderPurpose *purpose)
{
  for (AuOrderPurpose p = AU_ORDER_PURPOSE_OPEN; p <= AU_ORDER_PURPOSE_L3_EXIT; p++)
    if (g_strcmp0 (text, au_order_purpose_to_string (p)) == 0)
      {
        *purpose = p;
        return TRUE;
      }
  return FALSE;
}

/* Orders and slices */

static void
slice_free (Slice *slice)
{
  g_free (slice->client_order_id);
  g_free (slice->reason);
  g_clear_pointer (&slice->fills, g_array_unref);
  g_free (slice);
}

Slice *
_au_slice_new (Order  *order,
               guint   index,
               gint64  quantity)
{
  Slice *slice = g_new0 (Slice, 1);

  slice->order = order;
  slice->index = index;
  slice->quantity = quantity;
  slice->stage = SLICE_SENT;
  slice->final_state = AU_ORDER_PENDING;
  slice->fills = g_array_new (FALSE, TRUE, sizeof (VersionFill));
  return slice;
}

guint
_au_slice_version_of (Slice      *slice,
                      const char *client_order_id)
{
  if (client_order_id == NULL)
    return 0;
  for (guint v = slice->version; v >= 1; v--)
    {
      g_autofree char *id = _au_order_version_id (slice->order, slice->index, v);

      if (g_str_equal (id, client_order_id))
        return v;
    }
  return 0;
}

VersionFill *
_au_slice_version_fill (Slice *slice,
                        guint  version)
{
  g_assert (version >= 1);

  if (slice->fills->len < version)
    g_array_set_size (slice->fills, version);
  return &g_array_index (slice->fills, VersionFill, version - 1);
}

void
_au_slice_add_booked (Slice      *slice,
                      const char *client_order_id,
                      gint64      quantity)
{
  guint version = _au_slice_version_of (slice, client_order_id);

  slice->filled += quantity;
  if (version > 0)
    _au_slice_version_fill (slice, version)->booked += quantity;
}

gint64
_au_slice_committed (Slice *slice,
                     guint  except)
{
  gint64 committed = 0;

  for (guint v = 1; v <= slice->fills->len; v++)
    {
      const VersionFill *fill = &g_array_index (slice->fills, VersionFill, v - 1);

      if (v != except)
        committed += MAX (fill->booked, fill->reported);
    }
  return committed;
}

void
_au_order_free (Order *order)
{
  if (order == NULL)
    return;
  g_free (order->client_order_id);
  au_contract_clear (&order->contract);
  g_free (order->rule_reference);
  g_free (order->mini_rules);
  g_free (order->spec);
  g_clear_pointer (&order->slices, g_ptr_array_unref);
  g_free (order);
}

Order *
_au_order_new (void)
{
  Order *order = g_new0 (Order, 1);

  order->slices = g_ptr_array_new_with_free_func ((GDestroyNotify) slice_free);
  return order;
}

/* R0.6: one id per version, "<parent>-v2"; a sliced order's children
 * carry their slice, "<parent>-3-v1" (R0.4). */
char *
_au_order_version_id (const Order *order,
                      guint        slice,
                      guint        version)
{
  if (order->n_slices <= 1)
    return g_strdup_printf ("%s-v%u", order->client_order_id, version);
  return g_strdup_printf ("%s-%u-v%u", order->client_order_id, slice, version);
}

static char *
date_text (const GDate *date)
{
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

char *
_au_order_spec (const Order *order,
                guint        n_slices)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account_id");
  json_builder_add_int_value (builder, order->account_id);
  json_builder_set_member_name (builder, "symbol");
  json_builder_add_string_value (builder, order->contract.symbol);
  json_builder_set_member_name (builder, "sec_type");
  json_builder_add_string_value (builder,
                                 order->contract.sec_type == AU_SEC_OPTION ? "option" : "stock");
  if (order->contract.sec_type == AU_SEC_OPTION)
    {
      g_autofree char *expiry = date_text (&order->contract.expiry);

      json_builder_set_member_name (builder, "right");
      json_builder_add_string_value (builder, order->contract.right == AU_OPTION_PUT ? "P" : "C");
      json_builder_set_member_name (builder, "strike");
      json_builder_add_int_value (builder, order->contract.strike);
      json_builder_set_member_name (builder, "expiry");
      json_builder_add_string_value (builder, expiry);
    }
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, order->side == AU_SIDE_BUY ? "buy" : "sell");
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, au_order_purpose_to_string (order->purpose));
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, order->quantity);
  json_builder_set_member_name (builder, "n_slices");
  json_builder_add_int_value (builder, n_slices);
  json_builder_set_member_name (builder, "bid");
  json_builder_add_int_value (builder, order->bid);
  json_builder_set_member_name (builder, "ask");
  json_builder_add_int_value (builder, order->ask);
  json_builder_set_member_name (builder, "rule_reference");
  json_builder_add_string_value (builder, order->rule_reference);
  if (order->mini_rules != NULL)
    {
      json_builder_set_member_name (builder, "mini_rules");
      json_builder_add_string_value (builder, order->mini_rules);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return au_json_to_canonical (root);
}

Order *
_au_order_new_from_spec (const char  *client_order_id,
                         const char  *spec,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Order *order;
  JsonObject *object;
  const char *sec_type;

  if (!json_parser_load_from_data (parser, spec, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_STORE,
                   "orders_versions.spec of %s: not a JSON object", client_order_id);
      return NULL;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  order = _au_order_new ();
  order->client_order_id = g_strdup (client_order_id);
  order->account_id = json_object_get_int_member_with_default (object, "account_id", 0);
  sec_type = json_object_get_string_member_with_default (object, "sec_type", "");
  if (g_str_equal (sec_type, "option"))
    {
      GDate expiry;

      g_date_clear (&expiry, 1);
      g_date_set_parse (&expiry, json_object_get_string_member_with_default (object, "expiry",
                                                                             ""));
      au_contract_init_option (&order->contract,
                               json_object_get_string_member_with_default (object, "symbol", ""),
                               g_strcmp0 (json_object_get_string_member_with_default (object,
                                                                                      "right",
                                                                                      ""),
                                          "P") == 0 ? AU_OPTION_PUT : AU_OPTION_CALL,
                               json_object_get_int_member_with_default (object, "strike", 0),
                               &expiry);
    }
  else
    au_contract_init_stock (&order->contract,
                            json_object_get_string_member_with_default (object, "symbol", ""));
  order->side = g_strcmp0 (json_object_get_string_member_with_default (object, "side", ""),
                           "buy") == 0 ? AU_SIDE_BUY : AU_SIDE_SELL;
  order->quantity = json_object_get_int_member_with_default (object, "quantity", 0);
  order->bid = json_object_get_int_member_with_default (object, "bid", 0);
  order->ask = json_object_get_int_member_with_default (object, "ask", 0);
  order->rule_reference = g_strdup (json_object_get_string_member_with_default (object,
                                                                                "rule_reference",
                                                                                ""));
  order->mini_rules = g_strdup (json_object_get_string_member_with_default (object, "mini_rules",
                                                                            NULL));
  order->n_slices = (guint) json_object_get_int_member_with_default (object, "n_slices", 1);
  order->spec = g_strdup (spec);
  if (!purpose_from_string (json_object_get_string_member_with_default (object, "purpose", ""),
                            &order->purpose)
      || order->account_id <= 0 || order->quantity <= 0 || order->contract.symbol[0] == '\0'
      || (order->contract.sec_type == AU_SEC_OPTION && !g_date_valid (&order->contract.expiry)))
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_STORE,
                   "orders_versions.spec of %s: incomplete intent", client_order_id);
      _au_order_free (order);
      return NULL;
    }
  return order;
}


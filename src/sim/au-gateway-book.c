/* au-gateway-book.c: what the gateway knows beyond the paper exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-gateway"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "au-gateway-book.h"
#include "au-gateway-error.h"
#include "au-money.h"

#define BOOK_FORMAT 1

struct _AuGatewayBook
{
  GObject     parent_instance;

  char       *path;
  char       *account;
  int         next_valid_id;
  gint64      clock;
  GPtrArray  *orders;     /* AuGatewayOrder */
  GHashTable *by_perm;    /* perm id → AuGatewayOrder (of @orders) */
  GHashTable *by_client;  /* "client/order" → AuGatewayOrder (of @orders) */
};

G_DEFINE_FINAL_TYPE (AuGatewayBook, au_gateway_book, G_TYPE_OBJECT)

void
au_gateway_order_free (AuGatewayOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->order_ref);
  g_free (order->tif);
  au_contract_clear (&order->contract);
  g_free (order);
}

char *
au_gateway_order_exchange_id (const AuGatewayOrder *order)
{
  g_return_val_if_fail (order != NULL, NULL);

  return g_strdup_printf ("%d/%d", order->client_id, order->order_id);
}

static void
au_gateway_book_finalize (GObject *object)
{
  AuGatewayBook *self = AU_GATEWAY_BOOK (object);

  g_free (self->path);
  g_free (self->account);
  g_hash_table_unref (self->by_perm);
  g_hash_table_unref (self->by_client);
  g_ptr_array_unref (self->orders);

  G_OBJECT_CLASS (au_gateway_book_parent_class)->finalize (object);
}

static void
au_gateway_book_class_init (AuGatewayBookClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_gateway_book_finalize;
}

static void
au_gateway_book_init (AuGatewayBook *self)
{
  self->next_valid_id = 1;
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) au_gateway_order_free);
  self->by_perm = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->by_client = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
corrupt (GError     **error,
         const char  *path,
         guint        index,
         const char  *field)
{
  g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
               "%s: order %u: field '%s' is missing or invalid", path, index, field);
  return FALSE;
}

static gboolean
read_contract (JsonObject  *o,
               AuContract  *contract)
{
  const char *symbol = json_object_get_string_member_with_default (o, "symbol", NULL);
  const char *sec_type = json_object_get_string_member_with_default (o, "sec_type", NULL);
  unsigned y, m, d;
  AuPrice strike;
  GDate expiry;

  if (symbol == NULL || sec_type == NULL)
    return FALSE;
  if (g_strcmp0 (sec_type, "STK") == 0)
    {
      au_contract_init_stock (contract, symbol);
      return TRUE;
    }
  if (g_strcmp0 (sec_type, "OPT") != 0 ||
      sscanf (json_object_get_string_member_with_default (o, "expiry", ""), "%4u-%2u-%2u",
              &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y) ||
      !au_price_parse (json_object_get_string_member_with_default (o, "strike", ""), &strike, NULL))
    return FALSE;
  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, d, m, y);
  au_contract_init_option (contract, symbol,
                           g_strcmp0 (json_object_get_string_member_with_default (o, "right", ""),
                                      "P") == 0 ? AU_OPTION_PUT : AU_OPTION_CALL,
                           strike, &expiry);
  return TRUE;
}

static gboolean
load_orders (AuGatewayBook  *self,
             JsonArray      *orders,
             GError        **error)
{
  guint i;

  for (i = 0; i < json_array_get_length (orders); i++)
    {
      JsonNode *node = json_array_get_element (orders, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      AuGatewayOrder *order;
      const char *side;

      if (o == NULL)
        return corrupt (error, self->path, i, "(an object)");
      order = g_new0 (AuGatewayOrder, 1);
      order->perm_id = json_object_get_int_member_with_default (o, "perm_id", 0);
      order->client_id = (int) json_object_get_int_member_with_default (o, "client_id", -1);
      order->order_id = (int) json_object_get_int_member_with_default (o, "order_id", 0);
      order->order_ref = g_strdup (json_object_get_string_member_with_default (o, "order_ref", ""));
      order->tif = g_strdup (json_object_get_string_member_with_default (o, "tif", "DAY"));
      order->quantity = json_object_get_int_member_with_default (o, "quantity", 0);
      order->submitted = json_object_get_int_member_with_default (o, "submitted", 0);
      side = json_object_get_string_member_with_default (o, "side", "");
      order->side = g_strcmp0 (side, "SELL") == 0 ? AU_SIDE_SELL : AU_SIDE_BUY;

      if (order->perm_id <= 0 || g_hash_table_contains (self->by_perm, &order->perm_id))
        {
          au_gateway_order_free (order);
          return corrupt (error, self->path, i, "perm_id");
        }
      if (order->order_id <= 0 || order->client_id < 0)
        {
          au_gateway_order_free (order);
          return corrupt (error, self->path, i, "order_id");
        }
      if (g_strcmp0 (side, "BUY") != 0 && g_strcmp0 (side, "SELL") != 0)
        {
          au_gateway_order_free (order);
          return corrupt (error, self->path, i, "side");
        }
      if (!au_price_parse (json_object_get_string_member_with_default (o, "limit", ""),
                           &order->limit, NULL))
        {
          au_gateway_order_free (order);
          return corrupt (error, self->path, i, "limit");
        }
      if (!read_contract (o, &order->contract))
        {
          au_gateway_order_free (order);
          return corrupt (error, self->path, i, "contract");
        }
      au_gateway_book_add (self, order);
    }
  return TRUE;
}

AuGatewayBook *
au_gateway_book_load (const char  *path,
                      GError     **error)
{
  g_autoptr(AuGatewayBook) self = g_object_new (AU_TYPE_GATEWAY_BOOK, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonObject *root;
  JsonNode *orders;

  self->path = g_strdup (path);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&self);

  parser = json_parser_new ();
  if (!json_parser_load_from_mapped_file (parser, path, &local))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
                   "%s: not JSON: %s", path, local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
                   "%s: the top level is not an object", path);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "format", 0) != BOOK_FORMAT)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
                   "%s: field 'format' is not %d", path, BOOK_FORMAT);
      return NULL;
    }
  self->account = g_strdup (json_object_get_string_member_with_default (root, "account", NULL));
  self->next_valid_id = (int) json_object_get_int_member_with_default (root, "next_valid_id", 0);
  self->clock = json_object_get_int_member_with_default (root, "clock", 0);
  if (self->account == NULL || *self->account == '\0')
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
                   "%s: field 'account' is missing", path);
      return NULL;
    }
  if (self->next_valid_id < 1)
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
                   "%s: field 'next_valid_id' is not a positive id", path);
      return NULL;
    }
  orders = json_object_get_member (root, "orders");
  if (orders == NULL || !JSON_NODE_HOLDS_ARRAY (orders))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_CORRUPT_STATE,
                   "%s: field 'orders' is not an array", path);
      return NULL;
    }
  if (!load_orders (self, json_node_get_array (orders), error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
au_gateway_book_get_account (AuGatewayBook *self)
{
  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), NULL);

  return self->account;
}

void
au_gateway_book_set_account (AuGatewayBook *self,
                             const char    *account)
{
  g_return_if_fail (AU_IS_GATEWAY_BOOK (self));

  g_free (self->account);
  self->account = g_strdup (account);
}

int
au_gateway_book_get_next_valid_id (AuGatewayBook *self)
{
  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), 1);

  return self->next_valid_id;
}

void
au_gateway_book_use_order_id (AuGatewayBook *self,
                              int            order_id)
{
  g_return_if_fail (AU_IS_GATEWAY_BOOK (self));

  if (order_id >= self->next_valid_id)
    self->next_valid_id = order_id + 1;
}

gint64
au_gateway_book_get_clock (AuGatewayBook *self)
{
  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), 0);

  return self->clock;
}

void
au_gateway_book_set_clock (AuGatewayBook *self,
                           gint64         clock)
{
  g_return_if_fail (AU_IS_GATEWAY_BOOK (self));

  self->clock = clock;
}

void
au_gateway_book_add (AuGatewayBook  *self,
                     AuGatewayOrder *order)
{
  g_return_if_fail (AU_IS_GATEWAY_BOOK (self));
  g_return_if_fail (order != NULL);

  g_ptr_array_add (self->orders, order);
  g_hash_table_insert (self->by_perm, &order->perm_id, order);
  g_hash_table_insert (self->by_client, au_gateway_order_exchange_id (order), order);
  au_gateway_book_use_order_id (self, order->order_id);
}

AuGatewayOrder *
au_gateway_book_find (AuGatewayBook *self,
                      int            client_id,
                      int            order_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), NULL);

  key = g_strdup_printf ("%d/%d", client_id, order_id);
  return g_hash_table_lookup (self->by_client, key);
}

AuGatewayOrder *
au_gateway_book_find_perm (AuGatewayBook *self,
                           gint64         perm_id)
{
  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), NULL);

  return g_hash_table_lookup (self->by_perm, &perm_id);
}

GPtrArray *
au_gateway_book_get_orders (AuGatewayBook *self)
{
  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), NULL);

  return self->orders;
}

static void
add_contract (JsonBuilder      *b,
              const AuContract *contract)
{
  json_builder_set_member_name (b, "symbol");
  json_builder_add_string_value (b, contract->symbol);
  json_builder_set_member_name (b, "sec_type");
  json_builder_add_string_value (b, contract->sec_type == AU_SEC_STOCK ? "STK" : "OPT");
  if (contract->sec_type == AU_SEC_OPTION)
    {
      g_autofree char *strike = au_price_format (contract->strike);
      char expiry[16];

      g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &contract->expiry);
      json_builder_set_member_name (b, "expiry");
      json_builder_add_string_value (b, expiry);
      json_builder_set_member_name (b, "right");
      json_builder_add_string_value (b, contract->right == AU_OPTION_PUT ? "P" : "C");
      json_builder_set_member_name (b, "strike");
      json_builder_add_string_value (b, strike);
    }
}

static char *
to_json (AuGatewayBook *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint i;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, BOOK_FORMAT);
  json_builder_set_member_name (b, "account");
  json_builder_add_string_value (b, self->account);
  json_builder_set_member_name (b, "next_valid_id");
  json_builder_add_int_value (b, self->next_valid_id);
  json_builder_set_member_name (b, "clock");
  json_builder_add_int_value (b, self->clock);
  json_builder_set_member_name (b, "orders");
  json_builder_begin_array (b);
  for (i = 0; i < self->orders->len; i++)
    {
      const AuGatewayOrder *order = g_ptr_array_index (self->orders, i);
      g_autofree char *limit = au_price_format (order->limit);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "perm_id");
      json_builder_add_int_value (b, order->perm_id);
      json_builder_set_member_name (b, "client_id");
      json_builder_add_int_value (b, order->client_id);
      json_builder_set_member_name (b, "order_id");
      json_builder_add_int_value (b, order->order_id);
      json_builder_set_member_name (b, "order_ref");
      json_builder_add_string_value (b, order->order_ref);
      add_contract (b, &order->contract);
      json_builder_set_member_name (b, "side");
      json_builder_add_string_value (b, order->side == AU_SIDE_SELL ? "SELL" : "BUY");
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, order->quantity);
      json_builder_set_member_name (b, "limit");
      json_builder_add_string_value (b, limit);
      json_builder_set_member_name (b, "tif");
      json_builder_add_string_value (b, order->tif);
      json_builder_set_member_name (b, "submitted");
      json_builder_add_int_value (b, order->submitted);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
au_gateway_book_save (AuGatewayBook  *self,
                      GError        **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (AU_IS_GATEWAY_BOOK (self), FALSE);

  if (self->path == NULL)
    return TRUE;
  json = to_json (self);
  /* D4: temporary file, fsync, rename — a SIGKILL leaves the old book
   * or the new one, never half of one. */
  if (!g_file_set_contents_full (self->path, json, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, AU_GATEWAY_ERROR, AU_GATEWAY_ERROR_IO,
                   "cannot write the gateway state %s: %s", self->path, local->message);
      return FALSE;
    }
  return TRUE;
}

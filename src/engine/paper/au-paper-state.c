/* au-paper-state.c: the paper exchange's state file (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-paper"

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "au-json.h"
#include "au-market-calendar.h"
#include "au-market-symbol.h"
#include "au-paper-exchange-private.h"

#define STATE_FORMAT 1

/* Writing */

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
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

static void
add_contract (JsonBuilder      *builder,
              const AuContract *contract)
{
  json_builder_set_member_name (builder, "contract");
  json_builder_begin_object (builder);
  add_string (builder, "symbol", contract->symbol);
  add_string (builder, "sec_type", contract->sec_type == AU_SEC_OPTION ? "OPT" : "STK");
  add_int (builder, "multiplier", contract->multiplier);
  if (contract->sec_type == AU_SEC_OPTION)
    {
      add_string (builder, "right", contract->right == AU_OPTION_PUT ? "P" : "C");
      add_int (builder, "strike", contract->strike);
      add_date (builder, "expiry", &contract->expiry);
    }
  json_builder_end_object (builder);
}

static const char *
side_name (AuSide side)
{
  return side == AU_SIDE_BUY ? "BUY" : "SELL";
}

static const char *outcome_names[] = { "expired", "assigned", "exercised" };

char *
_au_paper_state_to_json (AuPaperExchange *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *seed = NULL;
  guint i;

  json_builder_begin_object (builder);
  add_int (builder, "format", STATE_FORMAT);
  add_string (builder, "account", AU_PAPER_ACCOUNT);

  /* A 64-bit seed does not fit JSON's integers everywhere: a string. */
  json_builder_set_member_name (builder, "market");
  json_builder_begin_object (builder);
  seed = g_strdup_printf ("%" G_GUINT64_FORMAT, au_market_sim_get_seed (self->market));
  add_string (builder, "seed", seed);
  if (g_date_valid (&self->start))
    add_date (builder, "start", &self->start);
  add_int (builder, "time", _au_paper_exchange_market_usec (self));
  json_builder_end_object (builder);

  add_int (builder, "cash", self->cash);
  add_int (builder, "next_order_id", self->next_order_id);
  add_int (builder, "next_expiry_seq", self->next_expiry_seq);

  json_builder_set_member_name (builder, "positions");
  json_builder_begin_array (builder);
  for (i = 0; i < self->positions->len; i++)
    {
      const AuBrokerPosition *position = g_ptr_array_index (self->positions, i);

      json_builder_begin_object (builder);
      add_contract (builder, &position->contract);
      add_int (builder, "quantity", position->quantity);
      add_int (builder, "average_cost", position->average_cost);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "orders");
  json_builder_begin_array (builder);
  for (i = 0; i < self->orders->len; i++)
    {
      const AuPaperOrder *order = g_ptr_array_index (self->orders, i);

      json_builder_begin_object (builder);
      add_int (builder, "order_id", order->order_id);
      add_string (builder, "client_order_id", order->client_order_id);
      add_contract (builder, &order->contract);
      add_string (builder, "side", side_name (order->side));
      add_int (builder, "quantity", order->quantity);
      add_int (builder, "limit", order->limit);
      add_string (builder, "state", au_order_state_to_string (order->state));
      add_int (builder, "filled", order->filled);
      add_int (builder, "filled_value", order->filled_value);
      add_int (builder, "n_fills", order->n_fills);
      json_builder_set_member_name (builder, "taker");
      json_builder_add_boolean_value (builder, order->taker);
      add_string (builder, "reason", order->reason);
      add_int (builder, "submitted", order->submitted);
      add_int (builder, "updated", order->updated);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "executions");
  json_builder_begin_array (builder);
  for (i = 0; i < self->executions->len; i++)
    {
      const AuExecution *execution = g_ptr_array_index (self->executions, i);

      json_builder_begin_object (builder);
      add_string (builder, "exec_id", execution->exec_id);
      add_string (builder, "client_order_id", execution->client_order_id);
      add_int (builder, "order_id", execution->broker_order_id);
      add_contract (builder, &execution->contract);
      add_string (builder, "side", side_name (execution->side));
      add_int (builder, "quantity", execution->quantity);
      add_int (builder, "price", execution->price);
      add_int (builder, "commission", execution->commission);
      add_int (builder, "time", execution->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "expiries");
  json_builder_begin_array (builder);
  for (i = 0; i < self->expiries->len; i++)
    {
      const AuExpiryEvent *event = g_ptr_array_index (self->expiries, i);

      json_builder_begin_object (builder);
      add_string (builder, "outcome", outcome_names[event->outcome]);
      add_contract (builder, &event->contract);
      add_int (builder, "contracts", event->contracts);
      add_string (builder, "reference", event->reference);
      add_int (builder, "time", event->time);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return au_json_to_canonical (root);
}

/* Reading: every field checked, every error naming the field. */

typedef struct
{
  const char  *path;
  GError     **error;
} Reader;

static gboolean
corrupt (Reader     *reader,
         const char *where,
         const char *field,
         const char *problem)
{
  g_set_error (reader->error, AU_PAPER_ERROR, AU_PAPER_ERROR_CORRUPT_STATE,
               "state file %s: %s%s%s %s", reader->path, where,
               *where != '\0' ? "." : "", field, problem);
  return FALSE;
}

static JsonNode *
member (JsonObject *object,
        const char *field)
{
  return json_object_has_member (object, field) ? json_object_get_member (object, field) : NULL;
}

static gboolean
read_int (Reader     *reader,
          JsonObject *object,
          const char *where,
          const char *field,
          gint64     *out)
{
  JsonNode *node = member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return corrupt (reader, where, field, "is missing or not an integer");
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *where,
             const char  *field,
             gboolean     nullable,
             const char **out)
{
  JsonNode *node = member (object, field);

  if (node != NULL && nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return corrupt (reader, where, field, "is missing or not a string");
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_bool (Reader     *reader,
           JsonObject *object,
           const char *where,
           const char *field,
           gboolean   *out)
{
  JsonNode *node = member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return corrupt (reader, where, field, "is missing or not true or false");
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_date (Reader     *reader,
           JsonObject *object,
           const char *where,
           const char *field,
           GDate      *date)
{
  const char *text;
  guint year, month, day;
  char end;

  if (!read_string (reader, object, where, field, FALSE, &text))
    return FALSE;
  g_date_clear (date, 1);
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return corrupt (reader, where, field, "is not a date (YYYY-MM-DD)");
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static JsonObject *
read_object (Reader     *reader,
             JsonObject *object,
             const char *where,
             const char *field)
{
  JsonNode *node = member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      corrupt (reader, where, field, "is missing or not an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
read_array (Reader     *reader,
            JsonObject *object,
            const char *field)
{
  JsonNode *node = member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      corrupt (reader, "", field, "is missing or not an array");
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
array_object (Reader    *reader,
              JsonArray *array,
              guint      index,
              char      *where)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      corrupt (reader, "", where, "is not an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_side (Reader     *reader,
           JsonObject *object,
           const char *where,
           AuSide     *side)
{
  const char *text;

  if (!read_string (reader, object, where, "side", FALSE, &text))
    return FALSE;
  if (g_strcmp0 (text, "BUY") == 0)
    *side = AU_SIDE_BUY;
  else if (g_strcmp0 (text, "SELL") == 0)
    *side = AU_SIDE_SELL;
  else
    return corrupt (reader, where, "side", "is neither BUY nor SELL");
  return TRUE;
}

static gboolean
read_contract (Reader     *reader,
               JsonObject *parent,
               const char *parent_where,
               AuContract *contract)
{
  g_autofree char *where = g_strdup_printf ("%s.contract", parent_where);
  JsonObject *object = read_object (reader, parent, parent_where, "contract");
  const char *symbol, *sec_type, *right;
  gint64 multiplier, strike;
  GDate expiry;

  if (object == NULL ||
      !read_string (reader, object, where, "symbol", FALSE, &symbol) ||
      !read_string (reader, object, where, "sec_type", FALSE, &sec_type) ||
      !read_int (reader, object, where, "multiplier", &multiplier))
    return FALSE;
  if (au_market_symbol_lookup (symbol) == NULL)
    return corrupt (reader, where, "symbol", "is not in the paper market's universe");

  if (g_strcmp0 (sec_type, "STK") == 0)
    {
      au_contract_init_stock (contract, symbol);
    }
  else if (g_strcmp0 (sec_type, "OPT") == 0)
    {
      if (!read_string (reader, object, where, "right", FALSE, &right) ||
          !read_int (reader, object, where, "strike", &strike) ||
          !read_date (reader, object, where, "expiry", &expiry))
        return FALSE;
      if (g_strcmp0 (right, "C") != 0 && g_strcmp0 (right, "P") != 0)
        return corrupt (reader, where, "right", "is neither C nor P");
      if (strike <= 0)
        return corrupt (reader, where, "strike", "is not positive");
      au_contract_init_option (contract, symbol,
                               g_strcmp0 (right, "P") == 0 ? AU_OPTION_PUT : AU_OPTION_CALL,
                               strike, &expiry);
    }
  else
    {
      return corrupt (reader, where, "sec_type", "is neither STK nor OPT");
    }
  if (multiplier != contract->multiplier)
    {
      au_contract_clear (contract);
      return corrupt (reader, where, "multiplier", "is not the contract's");
    }
  return TRUE;
}

static gboolean
read_order_state (Reader       *reader,
                  JsonObject   *object,
                  const char   *where,
                  AuOrderState *state)
{
  const char *text;
  int i;

  if (!read_string (reader, object, where, "state", FALSE, &text))
    return FALSE;
  for (i = AU_ORDER_PENDING; i <= AU_ORDER_REJECTED; i++)
    if (g_strcmp0 (text, au_order_state_to_string ((AuOrderState) i)) == 0)
      {
        *state = (AuOrderState) i;
        return TRUE;
      }
  return corrupt (reader, where, "state", "is not an order state");
}

static gboolean
read_positions (Reader          *reader,
                AuPaperExchange *self,
                JsonObject      *root)
{
  JsonArray *array = read_array (reader, root, "positions");
  guint i;

  if (array == NULL)
    return FALSE;
  for (i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("positions[%u]", i);
      JsonObject *object = array_object (reader, array, i, where);
      AuBrokerPosition *position;
      gint64 quantity, cost;
      AuContract contract;

      if (object == NULL ||
          !read_int (reader, object, where, "quantity", &quantity) ||
          !read_int (reader, object, where, "average_cost", &cost) ||
          !read_contract (reader, object, where, &contract))
        return FALSE;
      if (quantity == 0 || _au_paper_find_position (self, &contract) != NULL)
        {
          au_contract_clear (&contract);
          return corrupt (reader, where, "quantity", "is zero or the contract is listed twice");
        }
      position = g_new0 (AuBrokerPosition, 1);
      position->contract = contract;
      position->quantity = quantity;
      position->average_cost = cost;
      g_ptr_array_add (self->positions, position);
    }
  return TRUE;
}

static gboolean
read_orders (Reader          *reader,
             AuPaperExchange *self,
             JsonObject      *root)
{
  JsonArray *array = read_array (reader, root, "orders");
  gint64 last_id = 0;
  guint i;

  if (array == NULL)
    return FALSE;
  for (i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("orders[%u]", i);
      JsonObject *object = array_object (reader, array, i, where);
      AuPaperOrder *order;
      const char *client_id, *reason;
      gint64 n_fills;

      if (object == NULL)
        return FALSE;
      order = _au_paper_order_new ();
      if (!read_int (reader, object, where, "order_id", &order->order_id) ||
          !read_string (reader, object, where, "client_order_id", FALSE, &client_id) ||
          !read_side (reader, object, where, &order->side) ||
          !read_int (reader, object, where, "quantity", &order->quantity) ||
          !read_int (reader, object, where, "limit", &order->limit) ||
          !read_order_state (reader, object, where, &order->state) ||
          !read_int (reader, object, where, "filled", &order->filled) ||
          !read_int (reader, object, where, "filled_value", &order->filled_value) ||
          !read_int (reader, object, where, "n_fills", &n_fills) ||
          !read_bool (reader, object, where, "taker", &order->taker) ||
          !read_string (reader, object, where, "reason", TRUE, &reason) ||
          !read_int (reader, object, where, "submitted", &order->submitted) ||
          !read_int (reader, object, where, "updated", &order->updated) ||
          !read_contract (reader, object, where, &order->contract))
        {
          _au_paper_order_free (order);
          return FALSE;
        }
      order->client_order_id = g_strdup (client_id);
      order->reason = g_strdup (reason);
      order->n_fills = (guint) CLAMP (n_fills, 0, G_MAXUINT);

      if (order->order_id <= last_id || order->order_id >= self->next_order_id)
        {
          _au_paper_order_free (order);
          return corrupt (reader, where, "order_id",
                          "is not increasing or not below next_order_id");
        }
      if (order->filled < 0 || order->filled > MAX (order->quantity, 0) || n_fills < 0)
        {
          _au_paper_order_free (order);
          return corrupt (reader, where, "filled", "is outside 0 … quantity");
        }
      if (g_hash_table_contains (self->by_client_id, order->client_order_id))
        {
          _au_paper_order_free (order);
          return corrupt (reader, where, "client_order_id", "is used twice");
        }
      last_id = order->order_id;
      _au_paper_exchange_add_order (self, order);
    }
  return TRUE;
}

static gboolean
read_executions (Reader          *reader,
                 AuPaperExchange *self,
                 JsonObject      *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = read_array (reader, root, "executions");
  guint i;

  if (array == NULL)
    return FALSE;
  for (i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("executions[%u]", i);
      JsonObject *object = array_object (reader, array, i, where);
      g_autoptr(AuExecution) execution = NULL;
      const char *exec_id, *client_id;

      if (object == NULL)
        return FALSE;
      execution = g_new0 (AuExecution, 1);
      if (!read_string (reader, object, where, "exec_id", FALSE, &exec_id) ||
          !read_string (reader, object, where, "client_order_id", FALSE, &client_id) ||
          !read_int (reader, object, where, "order_id", &execution->broker_order_id) ||
          !read_side (reader, object, where, &execution->side) ||
          !read_int (reader, object, where, "quantity", &execution->quantity) ||
          !read_int (reader, object, where, "price", &execution->price) ||
          !read_int (reader, object, where, "commission", &execution->commission) ||
          !read_int (reader, object, where, "time", &execution->time) ||
          !read_contract (reader, object, where, &execution->contract))
        return FALSE;
      execution->exec_id = g_strdup (exec_id);
      execution->client_order_id = g_strdup (client_id);
      if (!g_hash_table_add (seen, g_strdup (exec_id)))
        return corrupt (reader, where, "exec_id", "is used twice");
      if (!g_hash_table_contains (self->by_client_id, client_id) || execution->quantity <= 0)
        return corrupt (reader, where, "client_order_id",
                        "names no order of the file, or the quantity is not positive");
      g_ptr_array_add (self->executions, g_steal_pointer (&execution));
    }
  return TRUE;
}

static gboolean
read_expiries (Reader          *reader,
               AuPaperExchange *self,
               JsonObject      *root)
{
  JsonArray *array = read_array (reader, root, "expiries");
  guint i;

  if (array == NULL)
    return FALSE;
  for (i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("expiries[%u]", i);
      JsonObject *object = array_object (reader, array, i, where);
      g_autoptr(AuExpiryEvent) event = NULL;
      const char *outcome, *reference;
      guint k;

      if (object == NULL)
        return FALSE;
      event = g_new0 (AuExpiryEvent, 1);
      if (!read_string (reader, object, where, "outcome", FALSE, &outcome) ||
          !read_int (reader, object, where, "contracts", &event->contracts) ||
          !read_string (reader, object, where, "reference", FALSE, &reference) ||
          !read_int (reader, object, where, "time", &event->time) ||
          !read_contract (reader, object, where, &event->contract))
        return FALSE;
      event->reference = g_strdup (reference);
      for (k = 0; k < G_N_ELEMENTS (outcome_names); k++)
        if (g_strcmp0 (outcome, outcome_names[k]) == 0)
          break;
      if (k == G_N_ELEMENTS (outcome_names))
        return corrupt (reader, where, "outcome", "is not expired, assigned or exercised");
      event->outcome = (AuExpiryOutcome) k;
      g_ptr_array_add (self->expiries, g_steal_pointer (&event));
    }
  return TRUE;
}

static gboolean
read_market (Reader          *reader,
             AuPaperExchange *self,
             JsonObject      *root)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *market = read_object (reader, root, "", "market");
  const char *seed_text;
  guint64 seed;
  gint64 time;

  if (market == NULL ||
      !read_string (reader, market, "market", "seed", FALSE, &seed_text) ||
      !read_date (reader, market, "market", "start", &self->start) ||
      !read_int (reader, market, "market", "time", &time))
    return FALSE;
  if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return corrupt (reader, "market", "seed", "is not an unsigned 64-bit number");

  /* The market is rebuilt, not stored: the same seed and start stepped
   * to the same time give the same market, bit for bit. */
  self->market = au_market_sim_new (seed, &self->start, &local_error);
  if (self->market == NULL)
    return corrupt (reader, "market", "start", local_error->message);
  utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  if (utc == NULL || !au_market_sim_advance_to (self->market, utc, &local_error))
    return corrupt (reader, "market", "time",
                    local_error != NULL ? local_error->message : "is out of range");
  if (_au_paper_exchange_market_usec (self) != time)
    return corrupt (reader, "market", "time", "is not a step of the market after its start");
  return TRUE;
}

gboolean
_au_paper_state_load (AuPaperExchange  *self,
                      const char       *path,
                      GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  Reader reader = { path, error };
  JsonNode *node;
  JsonObject *root;
  const char *account;
  gsize length;
  gint64 format;

  if (!g_file_get_contents (path, &text, &length, &local_error))
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_IO,
                   "Cannot read the paper account's state: %s", local_error->message);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local_error))
    {
      g_set_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_CORRUPT_STATE,
                   "state file %s is not valid JSON: %s", path, local_error->message);
      return FALSE;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return corrupt (&reader, "", "the top level", "is not an object");
  root = json_node_get_object (node);

  if (!read_int (&reader, root, "", "format", &format))
    return FALSE;
  if (format != STATE_FORMAT)
    return corrupt (&reader, "", "format", "is not a format this version reads (1)");
  if (!read_string (&reader, root, "", "account", FALSE, &account))
    return FALSE;
  if (g_strcmp0 (account, AU_PAPER_ACCOUNT) != 0)
    return corrupt (&reader, "", "account", "is not the paper account");
  if (!read_int (&reader, root, "", "cash", &self->cash) ||
      !read_int (&reader, root, "", "next_order_id", &self->next_order_id) ||
      !read_int (&reader, root, "", "next_expiry_seq", &self->next_expiry_seq))
    return FALSE;
  if (self->next_order_id < 1 || self->next_expiry_seq < 1)
    return corrupt (&reader, "", "next_order_id", "or next_expiry_seq is below 1");

  return read_positions (&reader, self, root) &&
         read_orders (&reader, self, root) &&
         read_executions (&reader, self, root) &&
         read_expiries (&reader, self, root) &&
         read_market (&reader, self, root);
}

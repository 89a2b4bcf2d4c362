/* au-autopilot-state.c: the autopilot's protocol state in the database
 * (D4: a restart resumes where it stopped, after a clean stop or a crash)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include <stdio.h>

#include "au-autopilot-private.h"
#include "au-autopilot-state.h"
#include "au-json.h"

#define STATE_VERSION 1

/* Append-only (D3): a row per material change, never updated or deleted,
 * so a crash between two saves leaves the previous complete row. */
static const char *migrations[] = {
  "CREATE TABLE autopilot_state ("
  "  id         INTEGER PRIMARY KEY,"
  "  time_usec  INTEGER NOT NULL,"
  "  why        TEXT NOT NULL,"
  "  state      TEXT NOT NULL"
  ");"
  "CREATE TRIGGER autopilot_state_no_update BEFORE UPDATE ON autopilot_state"
  " BEGIN SELECT RAISE (ABORT, 'autopilot_state is append-only'); END;"
  "CREATE TRIGGER autopilot_state_no_delete BEFORE DELETE ON autopilot_state"
  " BEGIN SELECT RAISE (ABORT, 'autopilot_state is append-only'); END;",
};

gboolean
au_autopilot_state_migrate (AuDatabase  *database,
                            GError     **error)
{
  g_return_val_if_fail (database != NULL, FALSE);
  return au_database_migrate (database, "autopilot-state", migrations,
                              G_N_ELEMENTS (migrations), error);
}

/* Writing */

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = **(const gint64 **) a, y = **(const gint64 **) b;

  return x < y ? -1 : x > y;
}

/* A hash table's gint64 keys, sorted: equal states give equal text. */
static GPtrArray *
sorted_id_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_int64);
  return keys;
}

static JsonNode *
contract_to_json (const AuContract *contract)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "symbol", contract->symbol);
  json_object_set_int_member (object, "sec_type", contract->sec_type);
  if (contract->sec_type == AU_SEC_OPTION)
    {
      char expiry[16];

      g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &contract->expiry);
      json_object_set_int_member (object, "right", contract->right);
      json_object_set_int_member (object, "strike", contract->strike);
      json_object_set_string_member (object, "expiry", expiry);
    }
  json_object_set_int_member (object, "multiplier", contract->multiplier);
  json_node_take_object (node, object);
  return node;
}

static JsonArray *
breaker_to_json (AuAutopilot *self,
                 JsonObject  *object)
{
  AuBreakerSaved saved = { 0 };
  JsonArray *sleeves = json_array_new ();

  au_circuit_breaker_save (self->breaker, &saved);
  json_object_set_string_member (object, "tier", au_vix_tier_to_string (saved.tier));
  json_object_set_int_member (object, "hedged_until", saved.hedged_until);
  json_object_set_int_member (object, "latched_since", saved.latched_since);
  json_object_set_int_member (object, "last_policy_cut", saved.last_policy_cut);
  for (guint i = 0; i < G_N_ELEMENTS (saved.sleeve_safe); i++)
    json_array_add_boolean_element (sleeves, saved.sleeve_safe[i]);
  return sleeves;
}

static JsonArray *
positions_to_json (AuAutopilot *self,
                   gboolean     with_clocks)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (self->positions),
                                       (GCompareFunc) g_strcmp0);
  JsonArray *array = json_array_new ();

  for (GList *l = keys; l != NULL; l = l->next)
    {
      ApPosition *position = g_hash_table_lookup (self->positions, l->data);
      JsonObject *object;

      if (position->protocol == NULL)
        continue;
      object = json_object_new ();
      json_object_set_string_member (object, "key", l->data);
      json_object_set_int_member (object, "level",
                                  au_position_protocol_get_level (position->protocol));
      if (with_clocks)
        json_object_set_int_member (object, "next_check",
                                    au_position_protocol_get_next_check (position->protocol));
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonArray *
pivots_to_json (AuAutopilot *self)
{
  g_autoptr(GPtrArray) keys = sorted_id_keys (self->pivots);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < keys->len; i++)
    {
      const AuDrawdownPivot *pivot = g_hash_table_lookup (self->pivots, keys->pdata[i]);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "account", *(gint64 *) keys->pdata[i]);
      json_object_set_int_member (object, "high_water", pivot->high_water);
      json_object_set_boolean_member (object, "active", pivot->active);
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonArray *
csp_resume_to_json (AuAutopilot *self)
{
  g_autoptr(GPtrArray) keys = sorted_id_keys (self->csp_resume);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < keys->len; i++)
    {
      const GDate *date = g_hash_table_lookup (self->csp_resume, keys->pdata[i]);
      JsonObject *object = json_object_new ();
      char text[16];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
      json_object_set_int_member (object, "account", *(gint64 *) keys->pdata[i]);
      json_object_set_string_member (object, "date", text);
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonArray *
week_events_to_json (AuAutopilot *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < self->week_events->len; i++)
    {
      const AuWeekEvent *e = &g_array_index (self->week_events, AuWeekEvent, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "kind", e->kind);
      json_object_set_int_member (object, "time", e->time);
      json_object_set_string_member (object, "account", e->account);
      json_object_set_string_member (object, "symbol", e->symbol);
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonObject *
cc_orders_to_json (AuAutopilot *self)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (self->cc_orders),
                                       (GCompareFunc) g_strcmp0);
  JsonObject *object = json_object_new ();

  for (GList *l = keys; l != NULL; l = l->next)
    json_object_set_string_member (object, l->data, g_hash_table_lookup (self->cc_orders, l->data));
  return object;
}

static JsonArray *
intents_to_json (AuAutopilot *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; self->pending_intents != NULL && i < self->pending_intents->len; i++)
    {
      const AuTradeIntent *t = &g_array_index (self->pending_intents, AuTradeIntent, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "account", t->account_id);
      json_object_set_member (object, "contract", contract_to_json (&t->contract));
      json_object_set_int_member (object, "side", t->side);
      json_object_set_int_member (object, "quantity", t->quantity);
      json_object_set_int_member (object, "purpose", t->purpose);
      json_object_set_string_member (object, "rule", t->rule);
      json_object_set_int_member (object, "bid", t->bid);
      json_object_set_int_member (object, "ask", t->ask);
      json_object_set_double_member (object, "delta", t->delta);
      json_array_add_object_element (array, object);
    }
  return array;
}

JsonNode *
au_autopilot_state_to_json (AuAutopilot *self,
                            gboolean     with_clocks)
{
  JsonObject *root = json_object_new ();
  JsonObject *system = json_object_new ();
  JsonObject *breaker = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), NULL);

  json_object_set_int_member (root, "version", STATE_VERSION);
  json_object_set_string_member (system, "state", au_system_state_to_string (self->state));
  json_object_set_string_member (system, "reason", self->state_reason);
  json_object_set_boolean_member (system, "paused", self->paused);
  json_object_set_boolean_member (system, "safe_by_user", self->safe_by_user);
  json_object_set_object_member (root, "system", system);
  json_object_set_array_member (breaker, "sleeve_safe", breaker_to_json (self, breaker));
  json_object_set_object_member (root, "breaker", breaker);
  json_object_set_array_member (root, "positions", positions_to_json (self, with_clocks));
  json_object_set_array_member (root, "pivots", pivots_to_json (self));
  json_object_set_array_member (root, "csp_resume", csp_resume_to_json (self));
  json_object_set_array_member (root, "week_events", week_events_to_json (self));
  json_object_set_object_member (root, "cc_orders", cc_orders_to_json (self));
  json_object_set_int_member (root, "cc_retry_after", self->cc_retry_after);
  json_object_set_array_member (root, "pending_intents", intents_to_json (self));
  json_node_take_object (node, root);
  return node;
}

gboolean
au_autopilot_state_save (AuAutopilot  *self,
                         const char   *why,
                         gboolean     *saved,
                         GError      **error)
{
  g_autoptr(JsonNode) material = NULL;
  g_autoptr(JsonNode) full = NULL;
  g_autofree char *material_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), FALSE);
  g_return_val_if_fail (why != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (saved != NULL)
    *saved = FALSE;
  material = au_autopilot_state_to_json (self, FALSE);
  material_text = au_json_to_canonical (material);
  /* A clean stop always leaves its row, so that the clocks are current. */
  if (g_strcmp0 (why, "stop") != 0 && g_strcmp0 (material_text, self->saved_state) == 0)
    return TRUE;

  full = au_autopilot_state_to_json (self, TRUE);
  text = au_json_to_canonical (full);
  stmt = au_database_prepare (self->config.database,
                              "INSERT INTO autopilot_state (time_usec, why, state) VALUES (?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, au_clock_get_now (self->config.clock));
  sqlite3_bind_text (stmt, 2, why, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (self->config.database, error, "Saving the autopilot's state");
      return FALSE;
    }
  g_free (self->saved_state);
  self->saved_state = g_steal_pointer (&material_text);
  if (saved != NULL)
    *saved = TRUE;
  return TRUE;
}

/* Reading: every member is checked before anything is put back. */

#define FAIL(...)                                                                 \
  G_STMT_START {                                                                  \
    g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT,             \
                 "autopilot_state: " __VA_ARGS__);                                \
    return FALSE;                                                                 \
  } G_STMT_END

static gboolean
member_int (JsonObject  *object,
            const char  *name,
            gint64      *value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    FAIL ("“%s” is missing or not an integer", name);
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
member_string (JsonObject  *object,
               const char  *name,
               const char **value,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    FAIL ("“%s” is missing or not a string", name);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
member_bool (JsonObject  *object,
             const char  *name,
             gboolean    *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    FAIL ("“%s” is missing or not a boolean", name);
  *value = json_node_get_boolean (node);
  return TRUE;
}

static JsonArray *
member_array (JsonObject  *object,
              const char  *name,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT,
                   "autopilot_state: “%s” is missing or not an array", name);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
element_object (JsonArray   *array,
                guint        i,
                const char  *name,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_CORRUPT,
                   "autopilot_state: %s[%u] is not an object", name, i);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* What the row says, parsed into fresh containers first. */
typedef struct
{
  AuSystemState  state;
  char          *reason;      /* owned: the parser's text is gone by then */
  gboolean       paused;
  gboolean       safe_by_user;
  AuBreakerSaved breaker;
  GHashTable    *levels;      /* key → gint64[2]: level, next check */
  GHashTable    *pivots;
  GHashTable    *csp_resume;
  GArray        *week_events;
  GHashTable    *cc_orders;
  gint64         cc_retry_after;
  GArray        *intents;
} Loaded;

static void
loaded_clear (Loaded *l)
{
  g_clear_pointer (&l->reason, g_free);
  g_clear_pointer (&l->levels, g_hash_table_unref);
  g_clear_pointer (&l->pivots, g_hash_table_unref);
  g_clear_pointer (&l->csp_resume, g_hash_table_unref);
  g_clear_pointer (&l->week_events, g_array_unref);
  g_clear_pointer (&l->cc_orders, g_hash_table_unref);
  g_clear_pointer (&l->intents, g_array_unref);
}

static gboolean
parse_system (JsonObject  *root,
              Loaded      *l,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "system");
  JsonObject *system;
  const char *state, *reason;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    FAIL ("“system” is missing");
  system = json_node_get_object (node);
  if (!member_string (system, "state", &state, error)
      || !member_string (system, "reason", &reason, error)
      || !member_bool (system, "paused", &l->paused, error)
      || !member_bool (system, "safe_by_user", &l->safe_by_user, error))
    return FALSE;
  if (!au_system_state_from_string (state, &l->state))
    FAIL ("system.state “%s” is not a state of R9", state);
  l->reason = g_strdup (reason);
  return TRUE;
}

static gboolean
parse_breaker (JsonObject  *root,
               Loaded      *l,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, "breaker");
  JsonObject *breaker;
  JsonArray *sleeves;
  const char *tier;
  gboolean found = FALSE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    FAIL ("“breaker” is missing");
  breaker = json_node_get_object (node);
  if (!member_string (breaker, "tier", &tier, error)
      || !member_int (breaker, "hedged_until", &l->breaker.hedged_until, error)
      || !member_int (breaker, "latched_since", &l->breaker.latched_since, error)
      || !member_int (breaker, "last_policy_cut", &l->breaker.last_policy_cut, error)
      || (sleeves = member_array (breaker, "sleeve_safe", error)) == NULL)
    return FALSE;
  for (AuVixTier t = AU_VIX_TIER_NONE; t <= AU_VIX_TIER_EMERGENCY; t++)
    if (g_strcmp0 (au_vix_tier_to_string (t), tier) == 0)
      {
        l->breaker.tier = t;
        found = TRUE;
      }
  if (!found)
    FAIL ("breaker.tier “%s” is not a VIX tier", tier);
  if (json_array_get_length (sleeves) != G_N_ELEMENTS (l->breaker.sleeve_safe))
    FAIL ("breaker.sleeve_safe has %u entries, not %u", json_array_get_length (sleeves),
          (guint) G_N_ELEMENTS (l->breaker.sleeve_safe));
  for (guint i = 0; i < G_N_ELEMENTS (l->breaker.sleeve_safe); i++)
    l->breaker.sleeve_safe[i] = json_array_get_boolean_element (sleeves, i);
  return TRUE;
}

static gboolean
parse_positions (JsonObject  *root,
                 Loaded      *l,
                 GError     **error)
{
  JsonArray *array = member_array (root, "positions", error);

  if (array == NULL)
    return FALSE;
  l->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (array, i, "positions", error);
      gint64 value[2] = { 0, 0 };
      const char *key;

      if (object == NULL
          || !member_string (object, "key", &key, error)
          || !member_int (object, "level", &value[0], error))
        return FALSE;
      if (value[0] < 0 || value[0] >= AU_N_PROTOCOL_LEVELS)
        FAIL ("positions[%u].level %" G_GINT64_FORMAT " is not a protocol level", i, value[0]);
      /* Optional: a row without clocks starts the next check afresh. */
      if (json_object_has_member (object, "next_check")
          && !member_int (object, "next_check", &value[1], error))
        return FALSE;
      g_hash_table_insert (l->levels, g_strdup (key), g_memdup2 (value, sizeof value));
    }
  return TRUE;
}

static gboolean
parse_pivots (JsonObject  *root,
              Loaded      *l,
              GError     **error)
{
  JsonArray *array = member_array (root, "pivots", error);

  if (array == NULL)
    return FALSE;
  l->pivots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (array, i, "pivots", error);
      AuDrawdownPivot pivot = { 0 };
      gint64 account;

      if (object == NULL
          || !member_int (object, "account", &account, error)
          || !member_int (object, "high_water", &pivot.high_water, error)
          || !member_bool (object, "active", &pivot.active, error))
        return FALSE;
      g_hash_table_insert (l->pivots, g_memdup2 (&account, sizeof account),
                           g_memdup2 (&pivot, sizeof pivot));
    }
  return TRUE;
}

static gboolean
parse_csp_resume (JsonObject  *root,
                  Loaded      *l,
                  GError     **error)
{
  JsonArray *array = member_array (root, "csp_resume", error);

  if (array == NULL)
    return FALSE;
  l->csp_resume = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_date_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (array, i, "csp_resume", error);
      const char *text;
      gint64 account;
      GDate date;

      if (object == NULL
          || !member_int (object, "account", &account, error)
          || !member_string (object, "date", &text, error))
        return FALSE;
      if (!parse_date (text, &date))
        FAIL ("csp_resume[%u].date “%s” is not a date", i, text);
      g_hash_table_insert (l->csp_resume, g_memdup2 (&account, sizeof account), g_date_copy (&date));
    }
  return TRUE;
}

static gboolean
parse_week_events (JsonObject  *root,
                   Loaded      *l,
                   GError     **error)
{
  JsonArray *array = member_array (root, "week_events", error);

  if (array == NULL)
    return FALSE;
  l->week_events = g_array_new (FALSE, TRUE, sizeof (AuWeekEvent));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (array, i, "week_events", error);
      const char *account, *symbol;
      gint64 kind, time;
      AuWeekEvent event;

      if (object == NULL
          || !member_int (object, "kind", &kind, error)
          || !member_int (object, "time", &time, error)
          || !member_string (object, "account", &account, error)
          || !member_string (object, "symbol", &symbol, error))
        return FALSE;
      if (kind < AU_WEEK_EVENT_L3_EXIT || kind > AU_WEEK_EVENT_EARNINGS_SKIP)
        FAIL ("week_events[%u].kind %" G_GINT64_FORMAT " is not a week event", i, kind);
      /* The rule comes back with the kind (research §4.1). */
      au_week_event_init (&event, (AuWeekEventKind) kind, time, account, symbol);
      g_array_append_val (l->week_events, event);
    }
  return TRUE;
}

static gboolean
parse_cc_orders (JsonObject  *root,
                 Loaded      *l,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (root, "cc_orders");
  g_autoptr(GList) members = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    FAIL ("“cc_orders” is missing");
  if (!member_int (root, "cc_retry_after", &l->cc_retry_after, error))
    return FALSE;
  l->cc_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (json_node_get_object (node));
  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *id;

      if (!member_string (json_node_get_object (node), m->data, &id, error))
        return FALSE;
      g_hash_table_insert (l->cc_orders, g_strdup (m->data), g_strdup (id));
    }
  return TRUE;
}

static gboolean
parse_contract (JsonObject  *object,
                AuContract  *contract,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, "contract");
  JsonObject *c;
  const char *symbol, *expiry;
  gint64 sec_type, right, strike, multiplier;
  GDate date;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    FAIL ("an intent's “contract” is missing");
  c = json_node_get_object (node);
  if (!member_string (c, "symbol", &symbol, error)
      || !member_int (c, "sec_type", &sec_type, error)
      || !member_int (c, "multiplier", &multiplier, error))
    return FALSE;
  if (sec_type != AU_SEC_OPTION)
    {
      au_contract_init_stock (contract, symbol);
      contract->sec_type = (AuSecType) sec_type;
      contract->multiplier = (int) multiplier;
      return TRUE;
    }
  if (!member_int (c, "right", &right, error)
      || !member_int (c, "strike", &strike, error)
      || !member_string (c, "expiry", &expiry, error))
    return FALSE;
  if (!parse_date (expiry, &date))
    FAIL ("an intent's contract.expiry “%s” is not a date", expiry);
  au_contract_init_option (contract, symbol, (AuOptionRight) right, strike, &date);
  contract->multiplier = (int) multiplier;
  return TRUE;
}

static gboolean
parse_intents (JsonObject  *root,
               Loaded      *l,
               GError     **error)
{
  JsonArray *array = member_array (root, "pending_intents", error);

  if (array == NULL)
    return FALSE;
  l->intents = au_trade_intents_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = element_object (array, i, "pending_intents", error);
      AuTradeIntent t = { 0 };
      gint64 side, purpose;
      const char *rule;

      if (object == NULL
          || !member_int (object, "account", &t.account_id, error)
          || !member_int (object, "side", &side, error)
          || !member_int (object, "quantity", &t.quantity, error)
          || !member_int (object, "purpose", &purpose, error)
          || !member_string (object, "rule", &rule, error)
          || !member_int (object, "bid", &t.bid, error)
          || !member_int (object, "ask", &t.ask, error))
        return FALSE;
      if (purpose < AU_TRADE_CLOSE_FOR_MERGE || purpose > AU_TRADE_HEDGE_VIX_CALL)
        FAIL ("pending_intents[%u].purpose %" G_GINT64_FORMAT " is unknown", i, purpose);
      if (!parse_contract (object, &t.contract, error))
        return FALSE;
      t.side = (AuSide) side;
      t.purpose = (AuTradePurpose) purpose;
      /* The intent's rule is a static string: interned once. */
      t.rule = g_intern_string (rule);
      t.delta = json_object_get_double_member_with_default (object, "delta", 0);
      g_array_append_val (l->intents, t);
    }
  return TRUE;
}

static gboolean
parse_row (const char  *text,
           Loaded      *l,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  gint64 version;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    FAIL ("the row is not a JSON object");
  root = json_node_get_object (json_parser_get_root (parser));
  if (!member_int (root, "version", &version, error))
    return FALSE;
  if (version != STATE_VERSION)
    FAIL ("version %" G_GINT64_FORMAT " is not %d", version, STATE_VERSION);
  return parse_system (root, l, error)
         && parse_breaker (root, l, error)
         && parse_positions (root, l, error)
         && parse_pivots (root, l, error)
         && parse_csp_resume (root, l, error)
         && parse_week_events (root, l, error)
         && parse_cc_orders (root, l, error)
         && parse_intents (root, l, error);
}

static void
apply (AuAutopilot *self,
       Loaded      *l)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ApPosition *position = value;
      const gint64 *saved = g_hash_table_lookup (l->levels, key);

      /* A position closed while the engine was away is simply gone. */
      if (position->protocol != NULL && saved != NULL)
        au_position_protocol_restore (position->protocol, (AuProtocolLevel) saved[0], saved[1]);
    }
  au_circuit_breaker_restore (self->breaker, &l->breaker);
  g_hash_table_unref (self->pivots);
  self->pivots = g_steal_pointer (&l->pivots);
  g_hash_table_unref (self->csp_resume);
  self->csp_resume = g_steal_pointer (&l->csp_resume);
  g_array_unref (self->week_events);
  self->week_events = g_steal_pointer (&l->week_events);
  g_hash_table_unref (self->cc_orders);
  self->cc_orders = g_steal_pointer (&l->cc_orders);
  self->cc_retry_after = l->cc_retry_after;
  g_clear_pointer (&self->pending_intents, g_array_unref);
  if (l->intents->len > 0)
    self->pending_intents = g_steal_pointer (&l->intents);
  self->paused = l->paused;
  self->safe_by_user = l->safe_by_user;
  self->restored_state = l->state;
  g_free (self->restored_reason);
  self->restored_reason = g_steal_pointer (&l->reason);
}

gboolean
au_autopilot_state_load (AuAutopilot  *self,
                         gboolean     *found,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) material = NULL;
  Loaded loaded = { 0 };
  int rc;

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), FALSE);
  g_return_val_if_fail (found != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *found = FALSE;
  stmt = au_database_prepare (self->config.database,
                              "SELECT state FROM autopilot_state ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      au_database_set_error (self->config.database, error, "Reading the autopilot's state");
      return FALSE;
    }
  if (!parse_row ((const char *) sqlite3_column_text (stmt, 0), &loaded, error))
    {
      loaded_clear (&loaded);
      return FALSE;
    }
  apply (self, &loaded);
  loaded_clear (&loaded);
  material = au_autopilot_state_to_json (self, FALSE);
  g_free (self->saved_state);
  self->saved_state = au_json_to_canonical (material);
  *found = TRUE;
  return TRUE;
}

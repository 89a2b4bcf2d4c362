/* au-proposal.c: parsing a proposed action, naming every bad field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-proposal"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "au-market-calendar.h"
#include "au-proposal.h"

G_DEFINE_QUARK (au-proposal-error-quark, au_proposal_error)

G_DEFINE_BOXED_TYPE (AuProposal, au_proposal, au_proposal_ref, au_proposal_unref)

static const char *action_names[] = {
  "open", "close", "roll", "exit", "fork", "merge", "reinvest", "hedge",
};

/* The members each object may carry; anything else is a typo that would
 * otherwise read as an absent field. */
static const char *top_members[] = {
  "account", "mini_rules", "action", "strategy", "symbol", "right", "strike", "expiry",
  "delta", "contracts", "shares", "limit", "time", "stress_test", "quote", "account_state",
  "market", "original_credit", "new_leg", "base_capital", "initial_capital", "created",
  "quarter_gains", "tax_reserve", "contracts_amount", "leap_amount", NULL,
};
static const char *quote_members[] = {
  "bid", "ask", "open_interest", "volume", "avg_daily_volume", "as_of", NULL,
};
static const char *state_members[] = {
  "equity", "cash", "margin_used", "symbol_exposure", "shares_held", "short_calls",
  "high_water_mark", "pivot_active", "protocol_level", "sub_accounts", "open_positions", NULL,
};
static const char *market_members[] = {
  "spot", "atr5", "vix", "earnings_this_week", "as_of", "vix_days_above", "spx_drawdown",
  "breadth", NULL,
};
static const char *leg_members[] = {
  "strike", "expiry", "delta", "limit", "quote", NULL,
};

const char *
au_action_to_string (AuAction action)
{
  g_return_val_if_fail (action <= AU_ACTION_HEDGE, NULL);
  return action_names[action];
}

gboolean
au_action_from_string (const char *text,
                       AuAction   *action)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (action_names); i++)
    if (strcmp (text, action_names[i]) == 0)
      {
        *action = (AuAction) i;
        return TRUE;
      }
  return FALSE;
}

static char *
field_path (const char *prefix,
            const char *name)
{
  return prefix != NULL ? g_strconcat (prefix, ".", name, NULL) : g_strdup (name);
}

/* A member that is absent or JSON null counts as absent. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
check_members (JsonObject  *object,
               const char  *prefix,
               const char **allowed,
               GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *path = field_path (prefix, l->data);

        g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_UNKNOWN_FIELD,
                     "%s: unknown field", path);
        return FALSE;
      }
  return TRUE;
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* Every reader reports a member of the wrong JSON type the same way, by its
 * full path, so that the caller can point at the field. */
static gboolean
type_error (GError     **error,
            const char  *prefix,
            const char  *name,
            const char  *expected)
{
  g_autofree char *path = field_path (prefix, name);

  g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_TYPE,
               "%s: expected %s", path, expected);
  return FALSE;
}

/* A JSON number as an integer scaled by 10^decimals. JSON carries doubles,
 * so a value counts as exact when it lies within rounding noise of a whole
 * number of units; anything finer is refused rather than rounded. */
static gboolean
get_decimal (JsonObject  *object,
             const char  *prefix,
             const char  *name,
             guint        decimals,
             gboolean     allow_negative,
             gint64      *out,
             gboolean    *present,
             GError     **error)
{
  JsonNode *node = get_member (object, name);
  g_autofree char *path = NULL;
  double value, scaled, rounded;

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    return type_error (error, prefix, name, "a number");
  path = field_path (prefix, name);
  value = json_node_get_double (node);
  scaled = value * pow (10.0, decimals);
  rounded = nearbyint (scaled);
  if (!isfinite (scaled) || fabs (scaled) >= 9.0e15)
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: number out of range", path);
      return FALSE;
    }
  if (fabs (scaled - rounded) > 1e-6 + 1e-12 * fabs (scaled))
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: more than %u decimal places", path, decimals);
      return FALSE;
    }
  if (!allow_negative && rounded < 0)
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: must not be negative", path);
      return FALSE;
    }
  *out = (gint64) rounded;
  *present = TRUE;
  return TRUE;
}

static gboolean
get_money (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           AuMoney     *out,
           gboolean    *present,
           GError     **error)
{
  return get_decimal (object, prefix, name, 2, TRUE, out, present, error);
}

static gboolean
get_price (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           AuPrice     *out,
           gboolean    *present,
           GError     **error)
{
  return get_decimal (object, prefix, name, 4, FALSE, out, present, error);
}

static gboolean
get_count (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           gint64      *out,
           gboolean    *present,
           GError     **error)
{
  JsonNode *node = get_member (object, name);

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node))
    return type_error (error, prefix, name, "a number");
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      double value = json_node_get_double (node);

      if (value != nearbyint (value) || fabs (value) >= 9.0e15)
        {
          g_autofree char *path = field_path (prefix, name);

          g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                       "%s: expected a whole number", path);
          return FALSE;
        }
      *out = (gint64) value;
    }
  else
    *out = json_node_get_int (node);
  *present = TRUE;
  return TRUE;
}

static gboolean
get_small_count (JsonObject  *object,
                 const char  *prefix,
                 const char  *name,
                 int          min,
                 int          max,
                 int         *out,
                 gboolean    *present,
                 GError     **error)
{
  gint64 value = 0;

  if (!get_count (object, prefix, name, &value, present, error))
    return FALSE;
  if (*present && (value < min || value > max))
    {
      g_autofree char *path = field_path (prefix, name);

      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: expected a whole number from %d to %d", path, min, max);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
get_double (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            double      *out,
            gboolean    *present,
            GError     **error)
{
  JsonNode *node = get_member (object, name);

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!is_number (node) || !isfinite (json_node_get_double (node)))
    return type_error (error, prefix, name, "a number");
  *out = json_node_get_double (node);
  *present = TRUE;
  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *prefix,
             const char  *name,
             gboolean    *out,
             gboolean    *present,
             GError     **error)
{
  JsonNode *node = get_member (object, name);

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return type_error (error, prefix, name, "true or false");
  *out = json_node_get_boolean (node);
  *present = TRUE;
  return TRUE;
}

/* Sets *@out to the string, NULL when absent; FALSE for another type. */
static gboolean
get_string (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            const char **out,
            GError     **error)
{
  JsonNode *node = get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return type_error (error, prefix, name, "a string");
  *out = json_node_get_string (node);
  return TRUE;
}

/* Sets *@out to the object, NULL when absent; FALSE for another type. */
static gboolean
get_object (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            JsonObject **out,
            GError     **error)
{
  JsonNode *node = get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return type_error (error, prefix, name, "an object");
  *out = json_node_get_object (node);
  return TRUE;
}

/* YYYY-MM-DD, nothing else: a date the engine cannot read is not guessed. */
static gboolean
get_date (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          GDate       *out,
          GError     **error)
{
  const char *text;
  unsigned year, month, day;
  int consumed = 0;

  g_date_clear (out, 1);
  if (!get_string (object, prefix, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3
      || consumed != 10
      || !g_date_valid_dmy (day, month, year))
    {
      g_autofree char *path = field_path (prefix, name);

      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: expected a date YYYY-MM-DD, got “%s”", path, text);
      return FALSE;
    }
  g_date_set_dmy (out, day, month, year);
  return TRUE;
}

static gboolean
get_time (JsonObject  *object,
          const char  *prefix,
          const char  *name,
          GDateTime  **out,
          GError     **error)
{
  GError *local_error = NULL;
  const char *text;

  *out = NULL;
  if (!get_string (object, prefix, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *out = au_eastern_from_iso8601 (text, &local_error);
  if (*out == NULL)
    {
      g_autofree char *path = field_path (prefix, name);

      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: %s", path, local_error ? local_error->message : "not an ISO 8601 time");
      g_clear_error (&local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_ticker (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 12)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

/* A map of ticker -> amount; money maps hold AuMoney, others gint64. */
static gboolean
get_symbol_map (JsonObject  *object,
                const char  *prefix,
                const char  *name,
                gboolean     money,
                GHashTable **out,
                GError     **error)
{
  JsonObject *map;
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *path = field_path (prefix, name);

  *out = NULL;
  if (!get_object (object, prefix, name, &map, error))
    return FALSE;
  if (map == NULL)
    return TRUE;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (map);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *symbol = l->data;
      gint64 value = 0;
      gboolean present = FALSE;
      gboolean ok;

      if (!is_ticker (symbol))
        {
          g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                       "%s: “%s” is not a ticker", path, symbol);
          return FALSE;
        }
      ok = money ? get_money (map, path, symbol, &value, &present, error)
                 : get_count (map, path, symbol, &value, &present, error);
      if (!ok)
        return FALSE;
      if (present)
        g_hash_table_insert (table, g_ascii_strup (symbol, -1), g_memdup2 (&value, sizeof value));
    }
  *out = g_steal_pointer (&table);
  return TRUE;
}

static gboolean
parse_quote (JsonObject  *object,
             const char  *prefix,
             AuQuote     *quote,
             GError     **error)
{
  return check_members (object, prefix, quote_members, error)
      && get_price (object, prefix, "bid", &quote->bid, &quote->has_bid, error)
      && get_price (object, prefix, "ask", &quote->ask, &quote->has_ask, error)
      && get_count (object, prefix, "open_interest", &quote->open_interest,
                    &quote->has_open_interest, error)
      && get_count (object, prefix, "volume", &quote->volume, &quote->has_volume, error)
      && get_count (object, prefix, "avg_daily_volume", &quote->avg_daily_volume,
                    &quote->has_avg_daily_volume, error)
      && get_time (object, prefix, "as_of", &quote->as_of, error);
}

static gboolean
parse_state (JsonObject      *object,
             AuAccountState  *state,
             GError         **error)
{
  const char *p = "account_state";
  gboolean present;

  return check_members (object, p, state_members, error)
      && get_money (object, p, "equity", &state->equity, &state->has_equity, error)
      && get_money (object, p, "cash", &state->cash, &state->has_cash, error)
      && get_money (object, p, "margin_used", &state->margin_used, &state->has_margin_used, error)
      && get_money (object, p, "high_water_mark", &state->high_water_mark,
                    &state->has_high_water_mark, error)
      && get_symbol_map (object, p, "symbol_exposure", TRUE, &state->symbol_exposure, error)
      && get_symbol_map (object, p, "shares_held", FALSE, &state->shares_held, error)
      && get_symbol_map (object, p, "short_calls", FALSE, &state->short_calls, error)
      && get_boolean (object, p, "pivot_active", &state->pivot_active, &present, error)
      && get_small_count (object, p, "protocol_level", 0, 3, &state->protocol_level,
                          &state->has_protocol_level, error)
      && get_small_count (object, p, "sub_accounts", 0, 1000, &state->sub_accounts,
                          &state->has_sub_accounts, error)
      && get_small_count (object, p, "open_positions", 0, 1000000, &state->open_positions,
                          &state->has_open_positions, error);
}

static gboolean
parse_market (JsonObject  *object,
              AuMarket    *market,
              GError     **error)
{
  const char *p = "market";

  return check_members (object, p, market_members, error)
      && get_price (object, p, "spot", &market->spot, &market->has_spot, error)
      && get_price (object, p, "atr5", &market->atr5, &market->has_atr5, error)
      && get_double (object, p, "vix", &market->vix, &market->has_vix, error)
      && get_boolean (object, p, "earnings_this_week", &market->earnings_this_week,
                      &market->has_earnings, error)
      && get_small_count (object, p, "vix_days_above", 0, 100000, &market->vix_days_above,
                          &market->has_vix_days_above, error)
      && get_double (object, p, "spx_drawdown", &market->spx_drawdown,
                     &market->has_spx_drawdown, error)
      && get_double (object, p, "breadth", &market->breadth, &market->has_breadth, error)
      && get_time (object, p, "as_of", &market->as_of, error);
}

static gboolean
parse_new_leg (JsonObject  *object,
               AuRollLeg   *leg,
               GError     **error)
{
  const char *p = "new_leg";
  JsonObject *quote;

  leg->present = TRUE;
  if (!check_members (object, p, leg_members, error)
      || !get_price (object, p, "strike", &leg->strike, &leg->has_strike, error)
      || !get_date (object, p, "expiry", &leg->expiry, error)
      || !get_double (object, p, "delta", &leg->delta, &leg->has_delta, error)
      || !get_price (object, p, "limit", &leg->limit, &leg->has_limit, error)
      || !get_object (object, p, "quote", &quote, error))
    return FALSE;
  leg->has_quote = quote != NULL;
  return quote == NULL || parse_quote (quote, "new_leg.quote", &leg->quote, error);
}

typedef enum
{
  ENUM_SLEEVE,
  ENUM_ACTION,
  ENUM_STRATEGY,
} EnumKind;

static gboolean
enum_from_string (EnumKind    kind,
                  const char *text,
                  int        *out)
{
  AuSleeve sleeve;
  AuAction action;
  AuStrategy strategy;

  switch (kind)
    {
    case ENUM_SLEEVE:
      if (!au_sleeve_from_string (text, &sleeve))
        return FALSE;
      *out = (int) sleeve;
      return TRUE;
    case ENUM_ACTION:
      if (!au_action_from_string (text, &action))
        return FALSE;
      *out = (int) action;
      return TRUE;
    case ENUM_STRATEGY:
      if (!au_strategy_from_string (text, &strategy))
        return FALSE;
      *out = (int) strategy;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
parse_enum_field (JsonObject  *object,
                  const char  *name,
                  const char  *expected,
                  EnumKind     kind,
                  int         *out,
                  gboolean    *present,
                  GError     **error)
{
  const char *text;

  *present = FALSE;
  if (!get_string (object, NULL, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!enum_from_string (kind, text, out))
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "%s: expected %s, got “%s”", name, expected, text);
      return FALSE;
    }
  *present = TRUE;
  return TRUE;
}

/* Parses an optional object member with @parse; absent is fine. */
static gboolean
parse_child (JsonObject  *object,
             const char  *name,
             gboolean    *present,
             gboolean   (*parse) (JsonObject *, gpointer, GError **),
             gpointer     data,
             GError     **error)
{
  JsonObject *child;

  if (!get_object (object, NULL, name, &child, error))
    return FALSE;
  if (present != NULL)
    *present = child != NULL;
  return child == NULL || parse (child, data, error);
}

static gboolean
parse_top_quote (JsonObject  *object,
                 gpointer     data,
                 GError     **error)
{
  return parse_quote (object, "quote", data, error);
}

static gboolean
parse_top_state (JsonObject  *object,
                 gpointer     data,
                 GError     **error)
{
  return parse_state (object, data, error);
}

static gboolean
parse_top_market (JsonObject  *object,
                  gpointer     data,
                  GError     **error)
{
  return parse_market (object, data, error);
}

static gboolean
parse_top_leg (JsonObject  *object,
               gpointer     data,
               GError     **error)
{
  return parse_new_leg (object, data, error);
}

/* A field the proposal cannot be judged without. */
static gboolean
require_field (gboolean     present,
               const char  *name,
               GError     **error)
{
  if (!present)
    g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_MISSING, "%s: missing", name);
  return present;
}

static gboolean
parse_top (JsonObject  *object,
           AuProposal  *self,
           GError     **error)
{
  gboolean present = FALSE;
  int value = 0;
  const char *text;

  if (!check_members (object, NULL, top_members, error))
    return FALSE;

  if (!parse_enum_field (object, "account", "gen, rev, com or mini",
                         ENUM_SLEEVE, &value, &present, error)
      || !require_field (present, "account", error))
    return FALSE;
  self->account = (AuSleeve) value;
  if (!parse_enum_field (object, "action",
                         "open, close, roll, exit, fork, merge, reinvest or hedge",
                         ENUM_ACTION, &value, &present, error)
      || !require_field (present, "action", error))
    return FALSE;
  self->action = (AuAction) value;
  if (!get_time (object, NULL, "time", &self->time, error)
      || !require_field (self->time != NULL, "time", error))
    return FALSE;

  if (!parse_enum_field (object, "mini_rules", "gen or com",
                         ENUM_SLEEVE, &value, &self->has_mini_rules, error))
    return FALSE;
  self->mini_rules = (AuSleeve) value;
  if (self->has_mini_rules
      && self->mini_rules != AU_SLEEVE_GEN && self->mini_rules != AU_SLEEVE_COM)
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "mini_rules: expected gen or com");
      return FALSE;
    }
  if (!parse_enum_field (object, "strategy", "csp, cc, leap_call, leap_put or stock",
                         ENUM_STRATEGY, &value, &self->has_strategy, error))
    return FALSE;
  self->strategy = (AuStrategy) value;

  if (!get_string (object, NULL, "symbol", &text, error))
    return FALSE;
  if (text != NULL && !is_ticker (text))
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "symbol: “%s” is not a ticker", text);
      return FALSE;
    }
  self->symbol = text != NULL ? g_ascii_strup (text, -1) : NULL;

  if (!get_string (object, NULL, "right", &text, error))
    return FALSE;
  if (text != NULL)
    {
      if (g_ascii_strcasecmp (text, "P") != 0 && g_ascii_strcasecmp (text, "C") != 0)
        {
          g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                       "right: expected P or C, got “%s”", text);
          return FALSE;
        }
      self->right = g_ascii_toupper (text[0]);
    }

  if (!get_price (object, NULL, "strike", &self->strike, &self->has_strike, error)
      || !get_date (object, NULL, "expiry", &self->expiry, error)
      || !get_double (object, NULL, "delta", &self->delta, &self->has_delta, error)
      || !get_count (object, NULL, "contracts", &self->contracts, &self->has_contracts, error)
      || !get_count (object, NULL, "shares", &self->shares, &self->has_shares, error)
      || !get_price (object, NULL, "limit", &self->limit, &self->has_limit, error)
      || !get_boolean (object, NULL, "stress_test", &self->stress_test, &present, error)
      || !get_price (object, NULL, "original_credit", &self->original_credit,
                     &self->has_original_credit, error)
      || !get_money (object, NULL, "base_capital", &self->base_capital,
                     &self->has_base_capital, error)
      || !get_money (object, NULL, "initial_capital", &self->initial_capital,
                     &self->has_initial_capital, error)
      || !get_date (object, NULL, "created", &self->created, error)
      || !get_money (object, NULL, "quarter_gains", &self->quarter_gains,
                     &self->has_quarter_gains, error)
      || !get_money (object, NULL, "tax_reserve", &self->tax_reserve,
                     &self->has_tax_reserve, error)
      || !get_money (object, NULL, "contracts_amount", &self->contracts_amount,
                     &self->has_contracts_amount, error)
      || !get_money (object, NULL, "leap_amount", &self->leap_amount,
                     &self->has_leap_amount, error))
    return FALSE;

  return parse_child (object, "quote", &self->has_quote, parse_top_quote, &self->quote, error)
      && parse_child (object, "account_state", &self->has_account_state, parse_top_state,
                      &self->state, error)
      && parse_child (object, "market", &self->has_market, parse_top_market, &self->market, error)
      && parse_child (object, "new_leg", NULL, parse_top_leg, &self->new_leg, error);
}

static AuProposal *
au_proposal_alloc (void)
{
  AuProposal *self = g_new0 (AuProposal, 1);

  self->ref_count = 1;
  g_date_clear (&self->expiry, 1);
  g_date_clear (&self->created, 1);
  g_date_clear (&self->new_leg.expiry, 1);
  return self;
}

/**
 * au_proposal_new_from_json:
 * @node: the proposal, a JSON object
 * @error: the first malformed field, by its path
 *
 * Returns: (transfer full) (nullable): the proposal
 */
AuProposal *
au_proposal_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(AuProposal) self = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_SYNTAX,
                   "input: expected a JSON object");
      return NULL;
    }
  self = au_proposal_alloc ();
  self->json = json_node_copy (node);
  if (!parse_top (json_node_get_object (node), self, error))
    return NULL;
  return g_steal_pointer (&self);
}

AuProposal *
au_proposal_new_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_SYNTAX,
                   "input: not valid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_SYNTAX,
                   "input: empty, expected a JSON object");
      return NULL;
    }
  return au_proposal_new_from_json (root, error);
}

AuProposal *
au_proposal_ref (AuProposal *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
au_proposal_unref (AuProposal *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->symbol, g_free);
  g_clear_pointer (&self->quote.as_of, g_date_time_unref);
  g_clear_pointer (&self->new_leg.quote.as_of, g_date_time_unref);
  g_clear_pointer (&self->market.as_of, g_date_time_unref);
  g_clear_pointer (&self->state.symbol_exposure, g_hash_table_unref);
  g_clear_pointer (&self->state.shares_held, g_hash_table_unref);
  g_clear_pointer (&self->state.short_calls, g_hash_table_unref);
  g_clear_pointer (&self->json, json_node_unref);
  g_free (self);
}

gboolean
au_proposal_get_rules_sleeve (const AuProposal *self,
                              AuSleeve         *sleeve)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->account != AU_SLEEVE_MINI)
    {
      *sleeve = self->account;
      return TRUE;
    }
  if (!self->has_mini_rules)
    return FALSE;
  *sleeve = self->mini_rules;
  return TRUE;
}

static gboolean
lookup (GHashTable *table,
        const char *symbol,
        gint64     *out)
{
  const gint64 *value;

  if (table == NULL || symbol == NULL)
    return FALSE;
  value = g_hash_table_lookup (table, symbol);
  if (value == NULL)
    return FALSE;
  *out = *value;
  return TRUE;
}

gboolean
au_proposal_get_exposure (const AuProposal *self,
                          const char       *symbol,
                          AuMoney          *exposure)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return lookup (self->state.symbol_exposure, symbol, exposure);
}

gboolean
au_proposal_get_shares (const AuProposal *self,
                        const char       *symbol,
                        gint64           *shares)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return lookup (self->state.shares_held, symbol, shares);
}

gboolean
au_proposal_get_short_calls (const AuProposal *self,
                             const char       *symbol,
                             gint64           *contracts)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return lookup (self->state.short_calls, symbol, contracts);
}

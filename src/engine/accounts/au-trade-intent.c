/* au-trade-intent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-money.h"
#include "au-trade-intent.h"

static const char * const purpose_names[] = {
  [AU_TRADE_CLOSE_FOR_MERGE] = "close_for_merge",
  [AU_TRADE_LEAP_GROWTH] = "leap_growth",
  [AU_TRADE_LEAP_HEDGE] = "leap_hedge",
  [AU_TRADE_LEAP_ROLL_CLOSE] = "leap_roll_close",
  [AU_TRADE_LEAP_ROLL_OPEN] = "leap_roll_open",
  [AU_TRADE_LEAP_HEDGE_CLOSE] = "leap_hedge_close",
  [AU_TRADE_HEDGE_SPX_PUT] = "hedge_spx_put",
  [AU_TRADE_HEDGE_VIX_CALL] = "hedge_vix_call",
};

const char *
au_trade_purpose_to_string (AuTradePurpose purpose)
{
  g_return_val_if_fail (purpose <= AU_TRADE_HEDGE_VIX_CALL, NULL);

  return purpose_names[purpose];
}

gboolean
au_trade_purpose_is_close (AuTradePurpose purpose)
{
  return purpose == AU_TRADE_CLOSE_FOR_MERGE || purpose == AU_TRADE_LEAP_ROLL_CLOSE
         || purpose == AU_TRADE_LEAP_HEDGE_CLOSE;
}

void
au_trade_intent_clear (AuTradeIntent *intent)
{
  if (intent == NULL)
    return;
  au_contract_clear (&intent->contract);
}

GArray *
au_trade_intents_new (void)
{
  GArray *intents = g_array_new (FALSE, TRUE, sizeof (AuTradeIntent));

  g_array_set_clear_func (intents, (GDestroyNotify) au_trade_intent_clear);
  return intents;
}

static void
add_price (JsonBuilder *builder,
           const char  *name,
           AuPrice      price)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, au_price_to_double (price));
}

JsonNode *
au_trade_intent_to_json (const AuTradeIntent *intent)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *contract = NULL;

  g_return_val_if_fail (intent != NULL, NULL);

  contract = au_contract_describe (&intent->contract);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account_id");
  json_builder_add_int_value (builder, intent->account_id);
  json_builder_set_member_name (builder, "contract");
  json_builder_add_string_value (builder, contract);
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, intent->side == AU_SIDE_BUY ? "buy" : "sell");
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, intent->quantity);
  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, au_trade_purpose_to_string (intent->purpose));
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, intent->rule);
  add_price (builder, "bid", intent->bid);
  add_price (builder, "ask", intent->ask);
  if (intent->delta != 0)
    {
      json_builder_set_member_name (builder, "delta");
      json_builder_add_double_value (builder, intent->delta);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
au_account_alert_free (AuAccountAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->rule);
  g_free (alert->message);
  g_free (alert);
}

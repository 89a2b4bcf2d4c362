/* au-broker-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "au-broker-types.h"
#include "au-money.h"

void
au_contract_init_stock (AuContract *contract,
                        const char *symbol)
{
  g_return_if_fail (contract != NULL && symbol != NULL);

  *contract = (AuContract) { 0 };
  contract->symbol = g_strdup (symbol);
  contract->sec_type = AU_SEC_STOCK;
  contract->multiplier = 1;
  g_date_clear (&contract->expiry, 1);
}

void
au_contract_init_option (AuContract    *contract,
                         const char    *symbol,
                         AuOptionRight  right,
                         AuPrice        strike,
                         const GDate   *expiry)
{
  g_return_if_fail (contract != NULL && symbol != NULL && expiry != NULL);

  *contract = (AuContract) { 0 };
  contract->symbol = g_strdup (symbol);
  contract->sec_type = AU_SEC_OPTION;
  contract->right = right;
  contract->strike = strike;
  contract->expiry = *expiry;
  contract->multiplier = 100;
}

void
au_contract_copy (AuContract       *dest,
                  const AuContract *src)
{
  *dest = *src;
  dest->symbol = g_strdup (src->symbol);
}

void
au_contract_clear (AuContract *contract)
{
  g_clear_pointer (&contract->symbol, g_free);
}

gboolean
au_contract_equal (const AuContract *a,
                   const AuContract *b)
{
  if (g_strcmp0 (a->symbol, b->symbol) != 0 || a->sec_type != b->sec_type)
    return FALSE;
  if (a->sec_type == AU_SEC_STOCK)
    return TRUE;
  return a->right == b->right && a->strike == b->strike &&
         g_date_valid (&a->expiry) && g_date_valid (&b->expiry) &&
         g_date_compare (&a->expiry, &b->expiry) == 0 && a->multiplier == b->multiplier;
}

char *
au_contract_describe (const AuContract *contract)
{
  g_autofree char *strike = NULL;
  char date[16];

  if (contract->sec_type == AU_SEC_STOCK)
    return g_strdup (contract->symbol);

  /* Strikes print without trailing zeros: "200", "197.5". */
  strike = au_price_format (contract->strike);
  while (g_str_has_suffix (strike, "0"))
    strike[strlen (strike) - 1] = '\0';
  if (g_str_has_suffix (strike, "."))
    strike[strlen (strike) - 1] = '\0';

  g_date_strftime (date, sizeof date, "%Y-%m-%d", &contract->expiry);
  return g_strdup_printf ("%s %s %s %s", contract->symbol, date,
                          contract->right == AU_OPTION_PUT ? "P" : "C", strike);
}

void
au_order_request_clear (AuOrderRequest *request)
{
  g_clear_pointer (&request->client_order_id, g_free);
  au_contract_clear (&request->contract);
}

static const char *order_state_names[] = {
  "pending", "working", "partially_filled", "filled", "cancelled", "rejected",
};

const char *
au_order_state_to_string (AuOrderState state)
{
  g_return_val_if_fail (state <= AU_ORDER_REJECTED, NULL);
  return order_state_names[state];
}

gboolean
au_order_state_is_final (AuOrderState state)
{
  return state == AU_ORDER_FILLED || state == AU_ORDER_CANCELLED || state == AU_ORDER_REJECTED;
}

AuOrderUpdate *
au_order_update_copy (const AuOrderUpdate *update)
{
  AuOrderUpdate *copy = g_new (AuOrderUpdate, 1);

  *copy = *update;
  copy->client_order_id = g_strdup (update->client_order_id);
  copy->reason = g_strdup (update->reason);
  return copy;
}

void
au_order_update_free (AuOrderUpdate *update)
{
  if (update == NULL)
    return;
  g_free (update->client_order_id);
  g_free (update->reason);
  g_free (update);
}

G_DEFINE_BOXED_TYPE (AuOrderUpdate, au_order_update, au_order_update_copy, au_order_update_free)

AuExecution *
au_execution_copy (const AuExecution *execution)
{
  AuExecution *copy = g_new (AuExecution, 1);

  *copy = *execution;
  copy->exec_id = g_strdup (execution->exec_id);
  copy->client_order_id = g_strdup (execution->client_order_id);
  au_contract_copy (&copy->contract, &execution->contract);
  return copy;
}

void
au_execution_free (AuExecution *execution)
{
  if (execution == NULL)
    return;
  g_free (execution->exec_id);
  g_free (execution->client_order_id);
  au_contract_clear (&execution->contract);
  g_free (execution);
}

G_DEFINE_BOXED_TYPE (AuExecution, au_execution, au_execution_copy, au_execution_free)

AuExpiryEvent *
au_expiry_event_copy (const AuExpiryEvent *event)
{
  AuExpiryEvent *copy = g_new (AuExpiryEvent, 1);

  *copy = *event;
  copy->reference = g_strdup (event->reference);
  au_contract_copy (&copy->contract, &event->contract);
  return copy;
}

void
au_expiry_event_free (AuExpiryEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->reference);
  au_contract_clear (&event->contract);
  g_free (event);
}

G_DEFINE_BOXED_TYPE (AuExpiryEvent, au_expiry_event, au_expiry_event_copy, au_expiry_event_free)

void
au_broker_position_free (AuBrokerPosition *position)
{
  if (position == NULL)
    return;
  au_contract_clear (&position->contract);
  g_free (position);
}

void
au_broker_account_free (AuBrokerAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->account);
  g_free (account);
}

void
au_stock_quote_free (AuStockQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->symbol);
  g_free (quote);
}

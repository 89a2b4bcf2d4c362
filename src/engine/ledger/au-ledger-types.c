/* au-ledger-types.c: names of the ledger's enums, as stored in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include "au-ledger-types.h"

G_DEFINE_QUARK (au-ledger-error-quark, au_ledger_error)

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             int                *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i], text) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

static const char * const account_kind_names[] = { "root", "gen", "rev", "com", "mini" };

const char *
au_account_kind_to_string (AuAccountKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (account_kind_names), NULL);
  return account_kind_names[kind];
}

gboolean
au_account_kind_from_string (const char    *text,
                             AuAccountKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!lookup_name (account_kind_names, G_N_ELEMENTS (account_kind_names), text, &value))
    return FALSE;
  *kind = (AuAccountKind) value;
  return TRUE;
}

static const char * const account_status_names[] = { "active", "merged", "closed" };

const char *
au_account_status_to_string (AuAccountStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (account_status_names), NULL);
  return account_status_names[status];
}

gboolean
au_account_status_from_string (const char      *text,
                               AuAccountStatus *status)
{
  int value;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!lookup_name (account_status_names, G_N_ELEMENTS (account_status_names), text, &value))
    return FALSE;
  *status = (AuAccountStatus) value;
  return TRUE;
}

static const char * const book_names[AU_N_BOOKS] = {
  "cash", "stock", "options_held", "tax_reserve", "leap_budget", "options_written",
  "contributed", "transfers", "premium_income", "stock_gains", "option_gains", "commissions",
};

static const AuBookType book_types[AU_N_BOOKS] = {
  AU_BOOK_TYPE_ASSET, AU_BOOK_TYPE_ASSET, AU_BOOK_TYPE_ASSET, AU_BOOK_TYPE_ASSET,
  AU_BOOK_TYPE_ASSET, AU_BOOK_TYPE_LIABILITY, AU_BOOK_TYPE_EQUITY, AU_BOOK_TYPE_EQUITY,
  AU_BOOK_TYPE_INCOME, AU_BOOK_TYPE_INCOME, AU_BOOK_TYPE_INCOME, AU_BOOK_TYPE_EXPENSE,
};

const char *
au_book_to_string (AuBook book)
{
  g_return_val_if_fail ((guint) book < AU_N_BOOKS, NULL);
  return book_names[book];
}

gboolean
au_book_from_string (const char *text,
                     AuBook     *book)
{
  int value;

  g_return_val_if_fail (book != NULL, FALSE);

  if (!lookup_name (book_names, AU_N_BOOKS, text, &value))
    return FALSE;
  *book = (AuBook) value;
  return TRUE;
}

AuBookType
au_book_get_book_type (AuBook book)
{
  g_return_val_if_fail ((guint) book < AU_N_BOOKS, AU_BOOK_TYPE_ASSET);
  return book_types[book];
}

static const char * const book_type_names[] = { "asset", "liability", "equity", "income", "expense" };

const char *
au_book_type_to_string (AuBookType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (book_type_names), NULL);
  return book_type_names[type];
}

static const char * const right_names[] = { "stock", "put", "call" };

const char *
au_right_to_string (AuRight right)
{
  g_return_val_if_fail ((guint) right < G_N_ELEMENTS (right_names), NULL);
  return right_names[right];
}

gboolean
au_right_from_string (const char *text,
                      AuRight    *right)
{
  int value;

  g_return_val_if_fail (right != NULL, FALSE);

  if (!lookup_name (right_names, G_N_ELEMENTS (right_names), text, &value))
    return FALSE;
  *right = (AuRight) value;
  return TRUE;
}

static const char * const order_event_names[] = {
  "submitted", "acknowledged", "partially_filled", "filled", "cancelled", "rejected",
};

const char *
au_order_event_to_string (AuOrderEvent event)
{
  g_return_val_if_fail ((guint) event < G_N_ELEMENTS (order_event_names), NULL);
  return order_event_names[event];
}

gboolean
au_order_event_from_string (const char   *text,
                            AuOrderEvent *event)
{
  int value;

  g_return_val_if_fail (event != NULL, FALSE);

  if (!lookup_name (order_event_names, G_N_ELEMENTS (order_event_names), text, &value))
    return FALSE;
  *event = (AuOrderEvent) value;
  return TRUE;
}

void
au_ledger_account_clear (AuLedgerAccount *account)
{
  g_return_if_fail (account != NULL);

  g_clear_pointer (&account->name, g_free);
  g_clear_pointer (&account->created_at, g_free);
}

void
au_ledger_position_clear (AuLedgerPosition *position)
{
  g_return_if_fail (position != NULL);

  g_clear_pointer (&position->symbol, g_free);
  g_clear_pointer (&position->expiry, g_free);
}

void
au_ledger_order_state_clear (AuLedgerOrderState *state)
{
  g_return_if_fail (state != NULL);

  g_clear_pointer (&state->client_order_id, g_free);
  g_clear_pointer (&state->parent_client_order_id, g_free);
  g_clear_pointer (&state->rule_reference, g_free);
  g_clear_pointer (&state->state, g_free);
  g_clear_pointer (&state->broker_order_id, g_free);
}

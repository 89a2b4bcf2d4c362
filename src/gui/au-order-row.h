/* au-order-row.h: one order, as the Orders & Fills page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-types.h"

G_BEGIN_DECLS

/* The order's life as one word; the ledger's events and the snapshot's
 * states both map onto it. */
typedef enum
{
  AU_ORDER_ROW_PENDING,           /* persisted or submitted, not yet acknowledged */
  AU_ORDER_ROW_WORKING,           /* acknowledged by the broker */
  AU_ORDER_ROW_PARTIALLY_FILLED,
  AU_ORDER_ROW_FILLED,
  AU_ORDER_ROW_CANCELLED,
  AU_ORDER_ROW_REJECTED,
} AuOrderRowState;

#define AU_TYPE_ORDER_ROW (au_order_row_get_type ())

G_DECLARE_FINAL_TYPE (AuOrderRow, au_order_row, AU, ORDER_ROW, GObject)

/* Strings are copied. Everything but the state and the filled quantity
 * is immutable; those two change only on the UI thread, when a snapshot
 * reports the live order (au_order_row_update). */
typedef struct
{
  gint64           order_id;
  const char      *client_order_id;
  const char      *account;
  const char      *instrument;     /* "AAPL 2026-11-20 P 200" or "AAPL" */
  gboolean         buy;
  gint64           quantity;
  AuPrice          limit;
  const char      *rule;
  const char      *intent;         /* "open csp", "exit", … */
  const char      *created;        /* ISO 8601 */
  AuOrderRowState  state;
  gint64           filled;
  AuPrice          average_price;  /* 0 without fills */
  AuMoney          commission;
} AuOrderRowFields;

AuOrderRow     *au_order_row_new                (const AuOrderRowFields *fields);
gint64          au_order_row_get_order_id       (AuOrderRow *self);
const char     *au_order_row_get_client_order_id (AuOrderRow *self);
const char     *au_order_row_get_account        (AuOrderRow *self);
const char     *au_order_row_get_instrument     (AuOrderRow *self);
gboolean        au_order_row_get_buy            (AuOrderRow *self);
gint64          au_order_row_get_quantity       (AuOrderRow *self);
AuPrice         au_order_row_get_limit          (AuOrderRow *self);
const char     *au_order_row_get_rule           (AuOrderRow *self);
const char     *au_order_row_get_intent         (AuOrderRow *self);
const char     *au_order_row_get_created        (AuOrderRow *self);
AuOrderRowState au_order_row_get_state          (AuOrderRow *self);
gint64          au_order_row_get_filled         (AuOrderRow *self);
AuPrice         au_order_row_get_average_price  (AuOrderRow *self);
AuMoney         au_order_row_get_commission     (AuOrderRow *self);
gboolean        au_order_row_update             (AuOrderRow      *self,
                                                 AuOrderRowState  state,
                                                 gint64           filled);

const char     *au_order_row_state_to_label     (AuOrderRowState  state);
gboolean        au_order_row_state_from_ledger  (const char      *event,
                                                 AuOrderRowState *state);
gboolean        au_order_row_state_from_broker  (const char      *state_name,
                                                 AuOrderRowState *state);
gboolean        au_order_row_state_is_open      (AuOrderRowState  state);

G_END_DECLS

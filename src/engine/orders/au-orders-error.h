/* au-orders-error.h: the error domain of option selection, sizing and orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_ORDERS_ERROR (au_orders_error_quark ())

typedef enum
{
  AU_ORDERS_ERROR_INVALID,    /* a malformed argument; the message names the field */
  AU_ORDERS_ERROR_REJECTED,   /* the rules engine refused the order: nothing was sent */
  AU_ORDERS_ERROR_BROKER,     /* the broker refused or could not take the order */
  AU_ORDERS_ERROR_STORE,      /* the order could not be persisted: nothing was sent */
  AU_ORDERS_ERROR_DUPLICATE,  /* a client order id already sent: nothing is sent again (D4) */
} AuOrdersError;

GQuark au_orders_error_quark (void);

G_END_DECLS

/* au-orders-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-orders-error.h"

G_DEFINE_QUARK (au-orders-error-quark, au_orders_error)

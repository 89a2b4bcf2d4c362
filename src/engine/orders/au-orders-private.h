/* au-orders-private.h: helpers shared inside the orders area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include "au-money.h"
#include "au-types.h"

G_BEGIN_DECLS

#define AU_ORDERS_CENT (AU_PRICE_SCALE / 100)

/* The rules engine compares with the same tolerance, so a value the
 * selector accepts is one the rules accept. */
#define AU_ORDERS_EPSILON 1e-9

static inline gboolean
au_orders_exceeds (double value,
                   double limit)
{
  return value > limit + AU_ORDERS_EPSILON * fmax (1.0, fabs (limit));
}

static inline gboolean
au_orders_below (double value,
                 double limit)
{
  return value < limit - AU_ORDERS_EPSILON * fmax (1.0, fabs (limit));
}

/* "197.5", "200", "1.125": a price as people write it. */
static inline char *
au_orders_price_text (AuPrice price)
{
  char *text = au_price_format (price);
  char *end = text + strlen (text) - 1;

  while (*end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  return text;
}

/* R0.5: the mid of @bid and @ask on the cent grid, half a cent to the
 * even cent (banker's rounding, as money is rounded everywhere); never
 * below a cent. */
static inline AuPrice
au_orders_mid_cents (AuPrice bid,
                     AuPrice ask)
{
  gint64 twice = bid + ask;
  gint64 cents = twice / (2 * AU_ORDERS_CENT);
  gint64 rest = twice % (2 * AU_ORDERS_CENT);

  if (rest > AU_ORDERS_CENT || (rest == AU_ORDERS_CENT && (cents % 2) != 0))
    cents++;
  return MAX (cents, 1) * AU_ORDERS_CENT;
}

G_END_DECLS

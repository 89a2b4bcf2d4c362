/* au-money.h: exact decimal money
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-types.h"

G_BEGIN_DECLS

#define AU_MONEY_ERROR (au_money_error_quark ())

typedef enum
{
  AU_MONEY_ERROR_SYNTAX,
  AU_MONEY_ERROR_PRECISION,
  AU_MONEY_ERROR_RANGE,
} AuMoneyError;

GQuark   au_money_error_quark  (void);

gboolean au_decimal_parse      (const char  *text,
                                guint        decimals,
                                gint64      *out,
                                GError     **error);
char    *au_decimal_format     (gint64       value,
                                guint        decimals);
gboolean au_decimal_from_double (double      value,
                                 guint       decimals,
                                 gint64     *out);

/* Cents: "1234.56" <-> 123456 */
#define au_money_parse(text, out, error) au_decimal_parse ((text), 2, (out), (error))
#define au_money_format(cents)           au_decimal_format ((cents), 2)
#define au_money_from_double(d, out)     au_decimal_from_double ((d), 2, (out))

/* 1/10,000 dollars: "1.125" <-> 11250 */
#define au_price_parse(text, out, error) au_decimal_parse ((text), 4, (out), (error))
#define au_price_format(price)           au_decimal_format ((price), 4)
#define au_price_from_double(d, out)     au_decimal_from_double ((d), 4, (out))

double   au_money_to_double    (AuMoney      cents);
double   au_price_to_double    (AuPrice      price);

/* Multiplies and divides with banker's rounding of the remainder, so a
 * fraction of a balance (a 30% tax reserve, a 25% cap) never loses or
 * invents a cent silently. */
AuMoney  au_money_mul_ratio    (AuMoney      amount,
                                gint64       numerator,
                                gint64       denominator);
AuMoney  au_money_mul_fraction (AuMoney      amount,
                                double       fraction);

G_END_DECLS

/* au-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-money.h"

G_DEFINE_QUARK (au-money-error-quark, au_money_error)

static const gint64 powers_of_ten[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
};

/* Parses an optionally signed decimal such as "-1234.5" into an integer
 * scaled by 10^decimals. More fractional digits than the scale holds are
 * an error unless they are zeros: nothing is rounded silently. */
gboolean
au_decimal_parse (const char  *text,
                  guint        decimals,
                  gint64      *out,
                  GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 whole = 0;
  gint64 frac = 0;
  guint frac_digits = 0;
  gboolean any_digit = FALSE;

  g_return_val_if_fail (decimals < G_N_ELEMENTS (powers_of_ten), FALSE);

  if (text == NULL)
    {
      g_set_error (error, AU_MONEY_ERROR, AU_MONEY_ERROR_SYNTAX, "no number given");
      return FALSE;
    }

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  for (; g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      if (whole > (G_MAXINT64 / 10 - 9) / powers_of_ten[decimals])
        {
          g_set_error (error, AU_MONEY_ERROR, AU_MONEY_ERROR_RANGE,
                       "“%s” is too large", text);
          return FALSE;
        }
      whole = whole * 10 + (*p - '0');
    }

  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          if (frac_digits < decimals)
            {
              frac = frac * 10 + (*p - '0');
              frac_digits++;
            }
          else if (*p != '0')
            {
              g_set_error (error, AU_MONEY_ERROR, AU_MONEY_ERROR_PRECISION,
                           "“%s” has more than %u decimal places", text, decimals);
              return FALSE;
            }
        }
    }

  while (g_ascii_isspace (*p))
    p++;

  if (!any_digit || *p != '\0')
    {
      g_set_error (error, AU_MONEY_ERROR, AU_MONEY_ERROR_SYNTAX,
                   "“%s” is not a decimal number", text);
      return FALSE;
    }

  frac *= powers_of_ten[decimals - frac_digits];
  *out = whole * powers_of_ten[decimals] + frac;
  if (negative)
    *out = -*out;
  return TRUE;
}

char *
au_decimal_format (gint64 value,
                   guint  decimals)
{
  guint64 magnitude;
  guint64 scale;

  g_return_val_if_fail (decimals < G_N_ELEMENTS (powers_of_ten), NULL);

  scale = (guint64) powers_of_ten[decimals];
  magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, value < 0 ? "-" : "", magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          value < 0 ? "-" : "",
                          magnitude / scale,
                          (int) decimals,
                          magnitude % scale);
}

/* JSON carries money as binary doubles (120000.00, 1.12). The nearest
 * scaled integer is the amount the writer meant; NaN, infinities and
 * values out of range are refused rather than clamped. */
gboolean
au_decimal_from_double (double  value,
                        guint   decimals,
                        gint64 *out)
{
  double scaled;

  g_return_val_if_fail (decimals < G_N_ELEMENTS (powers_of_ten), FALSE);

  if (!isfinite (value))
    return FALSE;
  scaled = value * (double) powers_of_ten[decimals];
  if (fabs (scaled) >= 9.0e15) /* beyond this doubles stop being exact integers */
    return FALSE;
  *out = (gint64) llround (scaled);
  return TRUE;
}

double
au_money_to_double (AuMoney cents)
{
  return (double) cents / AU_MONEY_SCALE;
}

double
au_price_to_double (AuPrice price)
{
  return (double) price / AU_PRICE_SCALE;
}

AuMoney
au_money_mul_ratio (AuMoney amount,
                    gint64  numerator,
                    gint64  denominator)
{
  __int128 product;
  __int128 quotient;
  __int128 remainder;

  g_return_val_if_fail (denominator != 0, 0);

  if (denominator < 0)
    {
      denominator = -denominator;
      numerator = -numerator;
    }

  product = (__int128) amount * numerator;
  quotient = product / denominator;
  remainder = product % denominator;

  /* Banker's rounding: halves go to the even neighbour. */
  if (remainder != 0)
    {
      __int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
      int direction = product < 0 ? -1 : 1;

      if (twice > denominator || (twice == denominator && (quotient % 2) != 0))
        quotient += direction;
    }

  return (AuMoney) quotient;
}

/* Fractions of the constitution (0.30, 0.075) are exact in millionths. */
AuMoney
au_money_mul_fraction (AuMoney amount,
                       double  fraction)
{
  return au_money_mul_ratio (amount, llround (fraction * 1000000.0), 1000000);
}

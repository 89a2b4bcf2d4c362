/* test-money.c: exact decimal money
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "au-money.h"

static void
test_parse (void)
{
  struct { const char *text; guint decimals; gint64 expected; } ok[] = {
    { "1234.56", 2, 123456 },
    { "-0.01", 2, -1 },
    { "100000", 2, 10000000 },
    { "1.1250", 4, 11250 },
    { "1.10000", 2, 110 },     /* trailing zeros beyond the scale are exact */
    { " 7 ", 2, 700 },
    { "+3.5", 2, 350 },
  };
  const char *bad[] = { "", "abc", "1.2.3", "1.234", "1e5", "--1", ".", "12a" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 0;

      g_assert_true (au_decimal_parse (ok[i].text, ok[i].decimals, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, ok[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 0;

      g_assert_false (au_decimal_parse (bad[i], 2, &value, &error));
      g_assert_error (error, AU_MONEY_ERROR, (i == 3 ? AU_MONEY_ERROR_PRECISION : AU_MONEY_ERROR_SYNTAX));
    }
}

static void
test_format (void)
{
  g_autofree char *a = au_money_format (123456);
  g_autofree char *b = au_money_format (-5);
  g_autofree char *c = au_price_format (11250);
  g_autofree char *d = au_money_format (G_MININT64 + 1);

  g_assert_cmpstr (a, ==, "1234.56");
  g_assert_cmpstr (b, ==, "-0.05");
  g_assert_cmpstr (c, ==, "1.1250");
  g_assert_cmpstr (d, ==, "-92233720368547758.07");
}

static void
test_from_double (void)
{
  AuMoney cents = 0;

  g_assert_true (au_money_from_double (120000.00, &cents));
  g_assert_cmpint (cents, ==, 12000000);
  g_assert_true (au_money_from_double (1.15, &cents)); /* 1.15 is 1.149999… in binary */
  g_assert_cmpint (cents, ==, 115);
  g_assert_false (au_money_from_double (NAN, &cents));
  g_assert_false (au_money_from_double (1e300, &cents));
}

static void
test_ratio (void)
{
  /* R3.5 worked example: $20,000 of quarterly gains, 30% tax reserve. */
  g_assert_cmpint (au_money_mul_fraction (2000000, 0.30), ==, 600000);
  g_assert_cmpint (au_money_mul_fraction (1400000, 0.75), ==, 1050000);
  /* Banker's rounding of exact halves: 0.5 -> 0, 1.5 -> 2, -2.5 -> -2. */
  g_assert_cmpint (au_money_mul_ratio (1, 1, 2), ==, 0);
  g_assert_cmpint (au_money_mul_ratio (3, 1, 2), ==, 2);
  g_assert_cmpint (au_money_mul_ratio (-5, 1, 2), ==, -2);
  g_assert_cmpint (au_money_mul_ratio (10, 1, 3), ==, 3);
  g_assert_cmpint (au_money_mul_ratio (20, 1, 3), ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Money/parse", test_parse);
  g_test_add_func ("/Money/format", test_format);
  g_test_add_func ("/Money/from-double", test_from_double);
  g_test_add_func ("/Money/ratio", test_ratio);
  return g_test_run ();
}

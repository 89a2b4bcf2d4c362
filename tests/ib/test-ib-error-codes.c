/* test-ib-error-codes.c: the ERR_MSG code table (tws-protocol.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-ib-error-codes.h"

static void
test_table_is_data (void)
{
  gsize n = 0;
  const AuIbCodeInfo *table = au_ib_code_table (&n);

  g_assert_cmpuint (n, >=, 50);
  for (gsize i = 0; i < n; i++)
    {
      /* Sorted (the lookup bisects), and every row says something. */
      if (i > 0)
        g_assert_cmpint (table[i - 1].code, <, table[i].code);
      g_assert_cmpuint (strlen (table[i].meaning), >, 10);
      g_assert_cmpuint (strlen (table[i].action), >, 5);
      g_assert_true (g_str_has_suffix (table[i].meaning, "."));
      /* The warning flag agrees with ib_async's rule (§9). */
      g_assert_cmpint (table[i].warning, ==, au_ib_code_is_warning (table[i].code));
      g_assert_true (au_ib_code_lookup (table[i].code) == &table[i]);
    }
}

static void
test_classes (void)
{
  static const struct { int code; AuIbCodeClass klass; } cases[] = {
    { 1100, AU_IB_CODE_CONNECTIVITY_LOST },
    { 1101, AU_IB_CODE_CONNECTIVITY_RESTORED_LOST },
    { 1102, AU_IB_CODE_CONNECTIVITY_RESTORED },
    { 2103, AU_IB_CODE_FARM_BROKEN }, { 2105, AU_IB_CODE_FARM_BROKEN },
    { 2157, AU_IB_CODE_FARM_BROKEN },
    { 2104, AU_IB_CODE_INFO }, { 2106, AU_IB_CODE_INFO }, { 2107, AU_IB_CODE_INFO },
    { 2108, AU_IB_CODE_INFO }, { 2119, AU_IB_CODE_INFO }, { 2158, AU_IB_CODE_INFO },
    { 200, AU_IB_CODE_REQUEST_FAILED },
    { 201, AU_IB_CODE_ORDER_REJECTED },
    { 202, AU_IB_CODE_ORDER_CANCELLED },
    { 321, AU_IB_CODE_CONNECTION_FAILED },
    { 326, AU_IB_CODE_CONNECTION_FAILED },
    { 502, AU_IB_CODE_CONNECTION_FAILED },
    { 504, AU_IB_CODE_CONNECTION_FAILED },
    { 100, AU_IB_CODE_PACING },
    { 354, AU_IB_CODE_MARKET_DATA },
    { 10167, AU_IB_CODE_MARKET_DATA },
    { 10168, AU_IB_CODE_MARKET_DATA },
    { 10197, AU_IB_CODE_MARKET_DATA },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (au_ib_code_is_known (cases[i].code));
      g_assert_cmpint (au_ib_code_lookup (cases[i].code)->klass, ==, cases[i].klass);
    }
  /* The read-only API and client-id cases tell the user what to change. */
  g_assert_nonnull (strstr (au_ib_code_lookup (321)->action, "Read-Only API"));
  g_assert_nonnull (strstr (au_ib_code_lookup (326)->action, "client id"));
  g_assert_nonnull (strstr (au_ib_code_lookup (502)->action, "4002"));
  g_assert_true (au_ib_code_lookup (10167)->warning);
  g_assert_false (au_ib_code_lookup (201)->warning);
}

static void
test_warning_ranges (void)
{
  /* 2100–2199 inclusive; just outside on both sides is an error. */
  g_assert_false (au_ib_code_is_warning (2099));
  g_assert_true (au_ib_code_is_warning (2100));
  g_assert_true (au_ib_code_is_warning (2199));
  g_assert_false (au_ib_code_is_warning (2200));
  g_assert_true (au_ib_code_is_warning (10167));
  g_assert_false (au_ib_code_is_warning (10168));
  g_assert_true (au_ib_code_is_warning (399));

  /* Unknown codes get a fallback by range, never NULL. */
  g_assert_false (au_ib_code_is_known (2199));
  g_assert_cmpint (au_ib_code_lookup (2199)->klass, ==, AU_IB_CODE_WARNING);
  g_assert_cmpint (au_ib_code_lookup (2200)->klass, ==, AU_IB_CODE_REQUEST_FAILED);
  g_assert_cmpint (au_ib_code_lookup (99999)->klass, ==, AU_IB_CODE_REQUEST_FAILED);
  g_assert_cmpint (au_ib_code_lookup (-1)->klass, ==, AU_IB_CODE_REQUEST_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ib/error-codes/table", test_table_is_data);
  g_test_add_func ("/ib/error-codes/classes", test_classes);
  g_test_add_func ("/ib/error-codes/warning-ranges", test_warning_ranges);

  return g_test_run ();
}

/* protocol-test-util.h: helpers shared by the protocol engine's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-market-calendar.h"
#include "au-money.h"

/* Constitution v1.3 as shipped: every number of the tests comes from it. */
static inline AuConstitution *
test_constitution (void)
{
  g_autoptr(GError) error = NULL;
  AuConstitution *constitution = au_constitution_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (constitution);
  return constitution;
}

/* Dollars as text to AuPrice, exactly ("196.00" → 1960000). */
static inline AuPrice
P (const char *dollars)
{
  g_autoptr(GError) error = NULL;
  AuPrice price = 0;

  g_assert_true (au_price_parse (dollars, &price, &error));
  g_assert_no_error (error);
  return price;
}

/* Dollars as text to cents. */
static inline AuMoney
M (const char *dollars)
{
  g_autoptr(GError) error = NULL;
  AuMoney money = 0;

  g_assert_true (au_money_parse (dollars, &money, &error));
  g_assert_no_error (error);
  return money;
}

/* µs since the epoch of an America/New_York wall-clock time. */
static inline gint64
et (int year,
    int month,
    int day,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (au_eastern_time_zone (), year, month, day,
                                               hour, minute, 0);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static inline GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

/* orders-test-util.h: helpers shared by the orders tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "au-constitution.h"
#include "au-market-calendar.h"
#include "au-market-sim.h"
#include "au-money.h"

/* Constitution v1.3 as shipped: every number of the tests comes from it. */
static inline AuConstitution *
orders_test_constitution (void)
{
  g_autoptr(GError) error = NULL;
  AuConstitution *constitution = au_constitution_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (constitution);
  return constitution;
}

/* The shipped constitution with some keys of one group replaced (pairs
 * of key and value, NULL-terminated): to put a limit exactly where a
 * chain's numbers are. */
static inline AuConstitution *
orders_test_constitution_with (const char *group,
                               ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) shipped = orders_test_constitution ();
  GBytes *shipped_bytes = au_constitution_get_bytes (shipped);
  g_autofree char *shipped_text = g_strndup (g_bytes_get_data (shipped_bytes, NULL),
                                             g_bytes_get_size (shipped_bytes));
  g_auto(GStrv) lines = g_strsplit (shipped_text, "\n", -1);
  g_autoptr(GHashTable) edits = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *header = g_strdup_printf ("[%s]", group);
  gboolean in_group = FALSE;
  guint replaced = 0;
  AuConstitution *edited;
  const char *key;
  va_list args;

  va_start (args, group);
  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (edits, (gpointer) key, va_arg (args, char *));
  va_end (args);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (lines[i], "=", 2);
      const char *value;

      if (lines[i][0] == '[')
        in_group = g_str_equal (lines[i], header);
      value = in_group && pair[0] != NULL && pair[1] != NULL
              ? g_hash_table_lookup (edits, pair[0]) : NULL;
      if (value != NULL)
        {
          g_string_append_printf (text, "%s=%s\n", pair[0], value);
          replaced++;
        }
      else
        g_string_append_printf (text, "%s\n", lines[i]);
    }
  g_assert_cmpuint (replaced, ==, g_hash_table_size (edits));
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  edited = au_constitution_new_from_bytes (bytes, "test.ini", &error);
  g_assert_no_error (error);
  return edited;
}

static inline GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_assert_true (g_date_valid (&date));
  return date;
}

/* µs since the epoch of an America/New_York wall-clock time. */
static inline gint64
et_usec (int year,
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

/* A paper market at @hour:@minute ET of the session @year-@month-@day. */
static inline AuMarketSim *
orders_test_market (guint64 seed,
                    int     year,
                    int     month,
                    int     day,
                    int     hour,
                    int     minute)
{
  g_autoptr(GError) error = NULL;
  GDate start = ymd (year, month, day);
  g_autoptr(GDateTime) time = g_date_time_new (au_eastern_time_zone (), year, month, day, hour,
                                               minute, 0);
  AuMarketSim *sim = au_market_sim_new (seed, &start, &error);

  g_assert_no_error (error);
  g_assert_true (au_market_sim_advance_to (sim, time, &error));
  g_assert_no_error (error);
  return sim;
}

static inline AuPrice
P (const char *dollars)
{
  g_autoptr(GError) error = NULL;
  AuPrice price = 0;

  g_assert_true (au_price_parse (dollars, &price, &error));
  g_assert_no_error (error);
  return price;
}

static inline AuMoney
M (const char *dollars)
{
  g_autoptr(GError) error = NULL;
  AuMoney money = 0;

  g_assert_true (au_money_parse (dollars, &money, &error));
  g_assert_no_error (error);
  return money;
}

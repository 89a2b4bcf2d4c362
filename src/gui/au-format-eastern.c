/* au-format-eastern.c: times and prices as the engine shows them
 *
 * The engine keeps its clock in New York time (D2.14, D2.17): the CLI
 * writes "2026-11-19 09:45 ET", and so do the Orders, Protocol Events
 * and Week Types pages, whatever the desktop's time zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-format-eastern"

#include "config.h"

#include "au-format-eastern.h"
#include "au-format.h"
#include "au-market-calendar.h"
#include "au-money.h"

static char *
format_time (GDateTime *time)
{
  GTimeZone *zone = au_eastern_time_zone ();
  g_autoptr(GDateTime) eastern = NULL;

  /* Without zone data the instant is still shown, honestly in UTC. */
  if (zone == NULL)
    return g_date_time_format (time, "%Y-%m-%d %H:%M UTC");

  eastern = g_date_time_to_timezone (time, zone);
  return g_date_time_format (eastern, "%Y-%m-%d %H:%M ET");
}

/**
 * au_format_eastern:
 * @usec: microseconds since the epoch, the engine's clock
 *
 * Returns: (transfer full): e.g. "2026-11-19 09:45 ET"
 */
char *
au_format_eastern (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("?");

  return format_time (time);
}

/**
 * au_format_eastern_iso:
 * @iso8601: a stored time with its offset ("…Z" or "…-05:00")
 *
 * Returns: (transfer full): the time in New York, or @iso8601 as stored
 *   when it cannot be read, so nothing is hidden
 */
char *
au_format_eastern_iso (const char *iso8601)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (iso8601 != NULL, NULL);

  time = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (time == NULL)
    return g_strdup (iso8601);

  return format_time (time);
}

/**
 * au_format_price:
 * @price: a price in 1/10,000 dollars
 *
 * Writes cents when the price has no finer digits ("$184.84"), all four
 * decimals otherwise ("$1.2345"): a limit is shown exactly as sent.
 *
 * Returns: (transfer full): the price
 */
char *
au_format_price (AuPrice price)
{
  g_autofree char *digits = NULL;

  if (price % 100 == 0)
    return au_format_dollars (price / 100);

  digits = au_price_format (price < 0 ? -price : price);
  return g_strdup_printf ("%s$%s", price < 0 ? "−" : "", digits);
}

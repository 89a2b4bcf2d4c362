/* au-format.c: how the window writes amounts and times for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-format.h"
#include "au-market-calendar.h"
#include "au-money.h"

/**
 * au_format_dollars:
 * @cents: an amount in cents
 *
 * Writes "$1,234,567.89": the autopilot trades US options, so amounts are
 * US dollars written the US way, whatever the desktop's locale. The minus
 * sign is U+2212, which lines up with digits in tabular figures.
 *
 * Returns: (transfer full): the amount
 */
char *
au_format_dollars (AuMoney cents)
{
  g_autofree char *plain = au_money_format (cents);
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *point = strchr (digits, '.');
  gsize whole = point != NULL ? (gsize) (point - digits) : strlen (digits);
  GString *out = g_string_new (plain[0] == '-' ? "−$" : "$");

  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    g_string_append (out, point);

  return g_string_free (out, FALSE);
}

/**
 * au_format_dollars_axis:
 * @dollars: a chart value in dollars
 *
 * Writes a short axis label: "$250K", "−$1.2M", "$980". Charts carry
 * doubles (the drawing needs them); the ledger's exact cents are shown in
 * the tables, never rounded there.
 *
 * Returns: (transfer full): the label
 */
char *
au_format_dollars_axis (double dollars)
{
  const char *sign = dollars < 0 ? "−" : "";
  double size = fabs (dollars);

  if (size >= 1e6)
    return g_strdup_printf ("%s$%.3gM", sign, size / 1e6);
  if (size >= 1e3)
    return g_strdup_printf ("%s$%.3gK", sign, size / 1e3);

  return g_strdup_printf ("%s$%.0f", sign, size);
}

/* The engine keeps its clock and its records in New York time (D2.14,
 * D2.17): the CLI writes "2026-11-19 09:45 ET", and so does every page,
 * whatever the desktop's time zone and whatever offset a time was
 * stored with. */
static char *
format_eastern (GDateTime *time)
{
  GTimeZone *zone = au_eastern_time_zone ();
  g_autoptr(GDateTime) eastern = NULL;

  /* Without zone data the instant is still shown, honestly in UTC. */
  if (zone == NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

      return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
    }

  eastern = g_date_time_to_timezone (time, zone);
  return g_date_time_format (eastern, "%Y-%m-%d %H:%M ET");
}

/**
 * au_format_time:
 * @iso8601: a stored time with its offset, such as "2026-11-19T14:45:00Z"
 *   or "2026-11-19T09:45:00-05:00"
 *
 * Writes the instant in New York time: "2026-11-19 09:45 ET". An
 * unreadable time is shown as it is stored, so nothing is hidden.
 *
 * Returns: (transfer full): the time
 */
char *
au_format_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (iso8601 != NULL, NULL);

  time = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (time == NULL)
    return g_strdup (iso8601);

  return format_eastern (time);
}

/**
 * au_format_time_usec:
 * @usec: microseconds since the epoch, the engine's clock
 *
 * Returns: (transfer full): the time in New York, as au_format_time()
 *   writes it, e.g. "2026-11-19 09:45 ET"
 */
char *
au_format_time_usec (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("?");

  return format_eastern (time);
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

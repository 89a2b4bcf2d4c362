/* au-format.c: how the window writes amounts and times for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-format.h"
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

/**
 * au_format_time:
 * @iso8601: an engine time such as "2026-11-19T14:45:00Z"
 *
 * Writes "2026-11-19 14:45 UTC"; an unreadable time is shown as it is
 * stored, so nothing is hidden.
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

  return g_date_time_format (time, "%Y-%m-%d %H:%M UTC");
}

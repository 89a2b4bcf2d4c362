/* au-time-to-expiry.c: the option clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-time-to-expiry"

#include "config.h"

#include "au-quant-error.h"
#include "au-time-to-expiry.h"

GTimeZone *
au_time_zone_new_york (GError **error)
{
  GTimeZone *zone = g_time_zone_new_identifier ("America/New_York");

  if (zone == NULL)
    g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_TIME_ZONE,
                 "the time zone America/New_York is not installed (tzdata)");
  return zone;
}

GDateTime *
au_expiry_close (const GDate  *expiry,
                 GError      **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (expiry != NULL, NULL);

  if (!g_date_valid (expiry))
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "expiry: not a valid date");
      return NULL;
    }
  zone = au_time_zone_new_york (error);
  if (zone == NULL)
    return NULL;
  return g_date_time_new (zone, g_date_get_year (expiry), g_date_get_month (expiry),
                          g_date_get_day (expiry), AU_EXPIRY_CLOSE_HOUR, 0, 0.0);
}

gboolean
au_time_to_expiry (GDateTime    *now,
                   const GDate  *expiry,
                   double       *years,
                   GError      **error)
{
  g_autoptr(GDateTime) close = NULL;

  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (expiry != NULL, FALSE);
  g_return_val_if_fail (years != NULL, FALSE);

  close = au_expiry_close (expiry, error);
  if (close == NULL)
    return FALSE;
  *years = (double) g_date_time_difference (close, now) / G_TIME_SPAN_SECOND / AU_SECONDS_PER_YEAR;
  return TRUE;
}

double
au_time_from_days (double days)
{
  return days / 365.0;
}

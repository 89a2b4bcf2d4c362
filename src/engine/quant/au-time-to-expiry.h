/* au-time-to-expiry.h: the option clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* US equity options stop trading at the 16:00 close of the expiry date,
 * New York time. The pricing clock runs from @now to that instant in
 * calendar time, Act/365F: T = seconds / (365 × 86,400), so a day is
 * 1/365 of a year whatever the year and a daylight-saving change is the
 * hour it really is. The result may be ≤ 0 (the close has passed). */
#define AU_EXPIRY_CLOSE_HOUR 16
#define AU_SECONDS_PER_YEAR  (365.0 * 86400.0)

/* The expiry close as an instant, NULL (with @error) when the system has
 * no America/New_York zone or the date is invalid. */
GDateTime *au_expiry_close          (const GDate  *expiry,
                                     GError      **error);
/* Years from @now to the expiry close. FALSE (with @error) when the zone
 * is missing. */
gboolean   au_time_to_expiry        (GDateTime    *now,
                                     const GDate  *expiry,
                                     double       *years,
                                     GError      **error);
/* T = @days / 365, the meaning of `--days` and of "days" in the batch
 * format. */
double     au_time_from_days        (double        days);
/* The New York zone (a new reference), or NULL with @error. */
GTimeZone *au_time_zone_new_york    (GError      **error);

G_END_DECLS

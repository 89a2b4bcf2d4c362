/* au-market-calendar.h: the NYSE calendar and Eastern time (D2.14, D2.17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NYSE holidays computed by rule for any year (with weekend observance),
 * plus the table of one-off closures (2025-01-09, 2018-12-05,
 * 2012-10-29/30, ...). @name, when not NULL, receives a static English
 * name such as "Good Friday". */
gboolean    au_nyse_is_holiday             (const GDate  *date,
                                            const char  **name);
/* Days the market closes at 13:00 ET (July 3, the day after Thanksgiving,
 * December 24, when they are trading days). */
gboolean    au_nyse_is_early_close         (const GDate  *date);
/* A weekday that is not a holiday. */
gboolean    au_nyse_is_trading_day         (const GDate  *date);
/* Minutes after midnight ET of the session's close: 960, 780 on an early
 * close, -1 when the market does not open that day. */
int         au_nyse_close_minute           (const GDate  *date);
/* Moves @date to the next (previous) trading day, strictly after (before) it. */
void        au_nyse_next_trading_day       (GDate        *date);
void        au_nyse_previous_trading_day   (GDate        *date);

/* The America/New_York zone (shared, do not unref). NULL only when the
 * system has no time zone data, which callers must treat as fatal. */
GTimeZone  *au_eastern_time_zone           (void);
/* Parses ISO 8601 with an explicit offset ("2026-11-19T10:15:00-05:00" or
 * "...Z") and returns the same instant in Eastern time. Text without an
 * offset is refused: a time the engine cannot place is not guessed. */
GDateTime  *au_eastern_from_iso8601        (const char   *text,
                                            GError      **error);
/* Eastern date and minutes after midnight of @time (any zone). */
void        au_eastern_split               (GDateTime    *time,
                                            GDate        *date,
                                            int          *minute_of_day);
/* ISO 8601 in Eastern time with its offset, seconds precision. */
char       *au_eastern_format              (GDateTime    *time);

/* Additions to the contract above. */

#define AU_CALENDAR_ERROR (au_calendar_error_quark ())

typedef enum
{
  AU_CALENDAR_ERROR_NO_TIME_ZONE, /* the system has no America/New_York data */
  AU_CALENDAR_ERROR_INVALID,      /* not an ISO 8601 date and time */
  AU_CALENDAR_ERROR_NO_OFFSET,    /* a time without Z or a UTC offset */
} AuCalendarError;

GQuark      au_calendar_error_quark        (void);

/* Easter Sunday of @year by the Gregorian computus (Good Friday is two
 * days earlier). @year must be 1583 or later. */
void        au_nyse_easter_sunday          (GDateYear     year,
                                            GDate        *date);

G_END_DECLS

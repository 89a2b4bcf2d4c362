/* au-earnings-calendar.h: earnings dates by symbol (D2.28, R1.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AU_TYPE_EARNINGS_CALENDAR (au_earnings_calendar_get_type ())

G_DECLARE_FINAL_TYPE (AuEarningsCalendar, au_earnings_calendar, AU, EARNINGS_CALENDAR, GObject)

/* Each date is a report after the close: the price gaps at the next
 * session's open. A symbol is "covered" through a date: queries past it
 * are unknown (D2.28 fail-closed), never "no earnings". */
AuEarningsCalendar *au_earnings_calendar_new          (void);
void                au_earnings_calendar_add          (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *date);
/* Marks @symbol as known through @date (a symbol without earnings, an
 * ETF, is covered with no dates). Coverage only grows. */
void                au_earnings_calendar_cover        (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *through);
/* TRUE when every day up to @date of @symbol is known. */
gboolean            au_earnings_calendar_covers       (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *date);
/* The first report on or after @from; FALSE when there is none in the
 * covered range. */
gboolean            au_earnings_calendar_next         (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *from,
                                                       GDate              *date);
/* Reports in [@from, @to], both inclusive. */
guint               au_earnings_calendar_count        (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *from,
                                                       const GDate        *to);
/* R1.3: a report in the Monday-Friday week containing @date. */
gboolean            au_earnings_calendar_in_week      (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *date);
/* TRUE when @date itself is a report day of @symbol. */
gboolean            au_earnings_calendar_is_report    (AuEarningsCalendar *self,
                                                       const char         *symbol,
                                                       const GDate        *date);

G_END_DECLS

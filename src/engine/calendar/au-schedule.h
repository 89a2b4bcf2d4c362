/* au-schedule.h: the weekly ALL-USE schedule on the NYSE calendar (R1, D2.7, D2.16, D2.17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-types.h"

G_BEGIN_DECLS

/* A window of the day in minutes after midnight, America/New_York wall
 * clock. Both ends are inside: 09:45-11:00 admits 09:45 and 11:00. */
typedef struct
{
  int open;
  int close;
} AuScheduleWindow;

gboolean au_schedule_window_contains        (const AuScheduleWindow *window,
                                             int                     minute_of_day);

/* Entry days (R1.1, D2.16): the date of @sleeve's entry in the ISO week
 * (Monday..Sunday) of @date: its entry weekday or, when that is a
 * holiday, the next trading day of the same week. FALSE when the week
 * has no trading day left for it. @sleeve is Gen, Rev or Com (a MINI
 * trades with the rules of one of them, D2.2). */
gboolean au_schedule_entry_date             (AuConstitution *constitution,
                                             AuSleeve        sleeve,
                                             const GDate    *date,
                                             GDate          *entry_date);
/* TRUE when the week's entry day was moved by a holiday (D2.16). */
gboolean au_schedule_entry_date_moved       (AuConstitution *constitution,
                                             AuSleeve        sleeve,
                                             const GDate    *date);
/* Covered calls in any sleeve follow Com's cadence (D2.19) from the
 * constitution's [covered_call] group. */
gboolean au_schedule_covered_call_date      (AuConstitution *constitution,
                                             const GDate    *date,
                                             GDate          *entry_date);

/* Windows as they apply on @date, with the early-close rule of R1.4 and
 * D2.7. They say nothing of whether @date is the right day: see the
 * date functions above and the au_schedule_in_* helpers below. FALSE
 * (and @window untouched) when the market does not open on @date or the
 * early close leaves nothing of the window. */
gboolean au_schedule_entry_window           (AuConstitution   *constitution,
                                             AuSleeve          sleeve,
                                             const GDate      *date,
                                             AuScheduleWindow *window);
gboolean au_schedule_covered_call_window    (AuConstitution   *constitution,
                                             const GDate      *date,
                                             AuScheduleWindow *window);
gboolean au_schedule_manage_window          (AuConstitution   *constitution,
                                             const GDate      *date,
                                             AuScheduleWindow *window);

/* The week's manage day (R1.1): the constitution's manage_day, or the
 * last trading day before it in the same week when it is a holiday. */
gboolean au_schedule_manage_date            (AuConstitution *constitution,
                                             const GDate    *date,
                                             GDate          *manage_date);
/* The week's weekly cut (R1.2): its date (the manage day) and minute,
 * moved earlier on an early close (D2.7: 16:30 becomes 14:30). */
gboolean au_schedule_weekly_cut             (AuConstitution *constitution,
                                             const GDate    *date,
                                             GDate          *cut_date,
                                             int            *cut_minute);

/* @date is @sleeve's entry date of its week and @minute_of_day is
 * inside its entry window that day. */
gboolean au_schedule_in_entry_window        (AuConstitution *constitution,
                                             AuSleeve        sleeve,
                                             const GDate    *date,
                                             int             minute_of_day);
gboolean au_schedule_in_covered_call_window (AuConstitution *constitution,
                                             const GDate    *date,
                                             int             minute_of_day);
gboolean au_schedule_in_manage_window       (AuConstitution *constitution,
                                             const GDate    *date,
                                             int             minute_of_day);

/* The week's expiry (D2.16): its Friday, or Thursday when Friday is a
 * holiday (generally: the last trading day of the week up to Friday).
 * FALSE when the week has no trading day up to Friday. */
gboolean au_schedule_week_expiry            (const GDate *date,
                                             GDate       *expiry);
/* TRUE when the Friday of @date's week is a holiday. */
gboolean au_schedule_is_short_week          (const GDate *date);
/* DTE (D2.16): calendar days from the ET date @from to @expiry;
 * negative when @expiry is before @from. */
int      au_schedule_dte                    (const GDate *from,
                                             const GDate *expiry);
/* The accepted DTE range, inclusive, of an entry by @sleeve on
 * @entry_date: the constitution's range (its stress-test range when
 * @stress), with its minimum dte_grace_days lower (never below 0) when
 * the week's Friday is a holiday or the sleeve's entry day was moved by
 * a holiday (D2.16: Rev 1-5, Com 3-5). */
gboolean au_schedule_dte_range              (AuConstitution *constitution,
                                             AuSleeve        sleeve,
                                             const GDate    *entry_date,
                                             gboolean        stress,
                                             int            *dte_min,
                                             int            *dte_max);
/* The same for a covered call (D2.19: [covered_call], Com's cadence). */
gboolean au_schedule_covered_call_dte_range (AuConstitution *constitution,
                                             const GDate    *entry_date,
                                             int            *dte_min,
                                             int            *dte_max);

/* Market hours with the constitution's session times (D2.17): never on
 * a weekend or holiday; open from market_open up to, not including,
 * market_close or the early close. */
int      au_schedule_close_minute           (AuConstitution *constitution,
                                             const GDate    *date);
gboolean au_schedule_market_open_at         (AuConstitution *constitution,
                                             const GDate    *date,
                                             int             minute_of_day);

G_END_DECLS

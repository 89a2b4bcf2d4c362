/* au-option-expiries.h: the expiries a symbol lists on a date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-market-symbol.h"

G_BEGIN_DECLS

/* The listed expiries of @params on @today (sorted GArray of GDate), up
 * to @max_dte calendar days (D2.16's DTE):
 *  - weeklies: each week's Friday, Thursday when Friday is a holiday
 *    (au_schedule_week_expiry), for the next six weeks;
 *  - dailies for symbols with daily_expiries (SPX, SPY, QQQ, IWM): every
 *    trading day of the next two weeks;
 *  - monthlies: the third Friday (the trading day before it when it is
 *    a holiday) for twelve months, then March, June, September, December
 *    and January (the LEAPs) up to two years out;
 *  - VIX: its monthly Wednesday, 30 days before the next month's third
 *    Friday (the trading day before when a holiday), up to a year.
 * Today's expiry is listed until its close: @after_close drops it. */
GArray  *au_option_expiries            (const AuSymbolParams *params,
                                        const GDate          *today,
                                        gboolean              after_close,
                                        guint                 max_dte);
/* The standard monthly expiry of @month/@year. */
void     au_option_monthly_expiry      (GDateYear             year,
                                        GDateMonth            month,
                                        GDate                *expiry);
gboolean au_option_is_monthly_expiry   (const GDate          *date);

G_END_DECLS

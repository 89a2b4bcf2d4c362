/* au-overview-reader.h: the Overview's figures from the ledger, off the UI thread
 *
 * GTK-free: only GLib and the engine's API. Every call opens the database
 * read-only for itself, so it may run in any worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-types.h"

G_BEGIN_DECLS

/* Premium income (the ledger's premium_income book, as earned: credits
 * positive, buy-backs negative) in the week, month and year that hold
 * @as_of, periods of the market's calendar (America/New_York: weeks from
 * Monday 00:00 ET). */
typedef struct
{
  gboolean has_ledger;   /* FALSE: no portfolio yet; the sums are zero */
  gint64   as_of;        /* Unix seconds; 0 when the ledger is empty */
  AuMoney  week;
  AuMoney  month;
  AuMoney  year;
} AuOverviewIncome;

/* @now: the engine's time in Unix seconds, or 0 for the time of the
 * ledger's last transaction (the autopilot is not running). */
gboolean au_overview_reader_load_income        (const char           *database_path,
                                                gint64                now,
                                                AuOverviewIncome     *income,
                                                GError              **error);
void     au_overview_reader_load_income_async  (const char           *database_path,
                                                gint64                now,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean au_overview_reader_load_income_finish (GAsyncResult         *result,
                                                AuOverviewIncome     *income,
                                                GError              **error);

/* The start of the market's day, week (Monday), month and year that hold
 * @time, in Unix seconds; FALSE when the system has no America/New_York
 * time zone data. */
typedef enum
{
  AU_OVERVIEW_PERIOD_DAY,
  AU_OVERVIEW_PERIOD_WEEK,
  AU_OVERVIEW_PERIOD_MONTH,
  AU_OVERVIEW_PERIOD_YEAR,
} AuOverviewPeriod;

gboolean au_overview_period_start              (gint64                time,
                                                AuOverviewPeriod      period,
                                                gint64               *start,
                                                GError              **error);

G_END_DECLS

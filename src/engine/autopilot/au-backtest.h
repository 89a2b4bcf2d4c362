/* au-backtest.h: the autopilot on the paper market with a stepped clock (D4 "Backtest JSON")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "au-types.h"

G_BEGIN_DECLS

/* Called after every simulated week: @week of @n_weeks. */
typedef void (*AuBacktestProgress) (guint    week,
                                    guint    n_weeks,
                                    AuMoney  equity,
                                    gpointer user_data);

typedef struct
{
  guint64             seed;
  AuMoney             capital;
  guint               years;      /* of 52 weeks each (D4) */
  GDate               start;      /* the market's first session */
  const char         *csv_dir;    /* SYMBOL.csv daily bars to replay, or NULL */
  const char         *db_path;    /* a new or empty database */
  AuBacktestProgress  progress;
  gpointer            progress_data;
  /* Checked once per simulated week: when cancelled, the run stops with
   * G_IO_ERROR_CANCELLED and leaves the database closed and valid (every
   * commit whole, the audit chain and the ledger intact). NULL: never. */
  GCancellable       *cancellable;
} AuBacktestConfig;

typedef struct
{
  guint   year;
  AuMoney equity;                 /* gen + rev + com + minis + tax_reserve */
  AuMoney gen;
  AuMoney rev;
  AuMoney com;
  AuMoney minis;
  AuMoney tax_reserve;
  AuMoney income;                 /* net premium after commissions, this year */
  guint64 forks;
  guint64 merges;
  double  max_drawdown;           /* positive fraction, weekly marks */
  guint64 week_types[6];          /* by AuWeekType */
} AuBacktestYear;

typedef struct
{
  guint64  seed;
  AuMoney  capital;
  GArray  *years;                 /* AuBacktestYear */
  AuMoney  final_equity;
  double   cagr;
  guint64  forks;
  guint64  merges;
  guint64  orders;
  guint64  rejected_by_rules;
  guint64  audit_records;
  guint64  weeks;
} AuBacktestResult;

AuBacktestResult *au_backtest_run            (const AuBacktestConfig  *config,
                                              GError                 **error);
void              au_backtest_result_free    (AuBacktestResult        *result);
/* D4: money in dollars with 2 decimals, cagr and max_drawdown positive
 * fractions, all six week-type keys; no time, id or pointer of the
 * machine, so one seed gives one byte string. */
char             *au_backtest_result_to_json (const AuBacktestResult  *result);
/* The year-by-year table for people. */
char             *au_backtest_result_to_table (const AuBacktestResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuBacktestResult, au_backtest_result_free)

G_END_DECLS

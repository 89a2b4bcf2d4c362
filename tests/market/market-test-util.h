/* market-test-util.h: small helpers of the paper market's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "au-market-sim.h"
#include "au-money.h"

static inline GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_assert_true (g_date_valid (&date));
  return date;
}

static inline AuMarketSim *
new_sim (guint64 seed,
         int     year,
         int     month,
         int     day)
{
  g_autoptr(GError) error = NULL;
  GDate start = ymd (year, month, day);
  AuMarketSim *sim = au_market_sim_new (seed, &start, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sim);
  return sim;
}

/* Steps to @minute of the current session (it must be ahead). */
static inline void
run_to_minute (AuMarketSim *sim,
               int          minute)
{
  int now;

  au_market_sim_get_clock (sim, NULL, &now);
  while (now < minute)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (au_market_sim_step (sim, &error));
      g_assert_no_error (error);
      au_market_sim_get_clock (sim, NULL, &now);
    }
}

/* Daily log returns of the closes of @symbol's last @n bars (n − 1 values). */
static inline GArray *
daily_returns (AuMarketSim *sim,
               const char  *symbol)
{
  GArray *bars = au_market_sim_get_bars (sim, symbol);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  guint i;

  g_assert_nonnull (bars);
  for (i = 1; i < bars->len; i++)
    {
      double r = log ((double) g_array_index (bars, AuDailyBar, i).close
                      / (double) g_array_index (bars, AuDailyBar, i - 1).close);

      g_array_append_val (out, r);
    }
  return out;
}

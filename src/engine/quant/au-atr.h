/* au-atr.h: true range and average true range of daily bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* R6.8, D2.13: ATR(5) is the simple mean of the last 5 daily true ranges;
 * Wilder's smoothing is an option, never the default. */
typedef enum
{
  AU_ATR_SMA,
  AU_ATR_WILDER,
} AuAtrMethod;

#define AU_ATR_DEFAULT_PERIOD 5

const char *au_atr_method_to_string (AuAtrMethod method);

/* TR = max(H − L, |H − Cprev|, |L − Cprev|) (R6.8). */
double au_true_range (double high,
                      double low,
                      double prev_close);

/* Over @n bars: @tr_out[i] is the true range of bar i and NAN for bar 0
 * (a true range needs the previous close); @atr_out[i] is NAN until
 * @period true ranges exist (i < @period), then
 *  - AU_ATR_SMA: the mean of tr[i − period + 1 … i];
 *  - AU_ATR_WILDER: at i = period the mean of tr[1 … period], after it
 *    atr[i] = (atr[i − 1]·(period − 1) + tr[i]) / period.
 * Wilder's is TA-Lib's ATR operation for operation; the SMA sums each
 * window afresh, oldest first, where TA-Lib's SMA(TRANGE) carries a
 * running sum: identical whenever the sums are exact (prices with a common
 * ulp, as in the CI comparison), within a few ulp otherwise, and never
 * drifting. Either output may be NULL. Returns the number of ATR values
 * (0 when n ≤ period). @period is 1 … 64. No allocation. */
gsize  au_atr        (const double *high,
                      const double *low,
                      const double *close,
                      gsize         n,
                      guint         period,
                      AuAtrMethod   method,
                      double       *tr_out,
                      double       *atr_out);

G_END_DECLS

/* au-atr.c: true range and average true range of daily bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-atr"

#include "config.h"

#include <math.h>

#include "au-atr.h"

const char *
au_atr_method_to_string (AuAtrMethod method)
{
  return method == AU_ATR_WILDER ? "wilder" : "sma";
}

double
au_true_range (double high,
               double low,
               double prev_close)
{
  double range = high - low;
  double up = fabs (prev_close - high);
  double down = fabs (prev_close - low);

  if (up > range)
    range = up;
  if (down > range)
    range = down;
  return range;
}

gsize
au_atr (const double *high,
        const double *low,
        const double *close,
        gsize         n,
        guint         period,
        AuAtrMethod   method,
        double       *tr_out,
        double       *atr_out)
{
  /* The last @period true ranges, a ring, so that the SMA is the sum of
   * exactly its window (no running sum drifting over a million bars). */
  double window[64];
  double wilder = 0.0;
  double sum;
  gsize count = 0;

  g_return_val_if_fail (n == 0 || (high != NULL && low != NULL && close != NULL), 0);
  g_return_val_if_fail (period >= 1 && period <= G_N_ELEMENTS (window), 0);

  if (n == 0)
    return 0;
  if (tr_out != NULL)
    tr_out[0] = NAN;
  if (atr_out != NULL)
    atr_out[0] = NAN;

  for (gsize i = 1; i < n; i++)
    {
      double tr = au_true_range (high[i], low[i], close[i - 1]);
      double atr = NAN;

      window[(i - 1) % period] = tr;
      if (tr_out != NULL)
        tr_out[i] = tr;

      if (i >= period)
        {
          if (method == AU_ATR_WILDER && i > period)
            {
              wilder *= period - 1;
              wilder += tr;
              wilder /= period;
              atr = wilder;
            }
          else
            {
              /* Oldest first, as TA-Lib adds them. */
              sum = 0.0;
              for (guint k = 0; k < period; k++)
                sum += window[(i - period + k) % period];
              atr = sum / period;
              wilder = atr;
            }
          count++;
        }
      if (atr_out != NULL)
        atr_out[i] = atr;
    }
  return count;
}

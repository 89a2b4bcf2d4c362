/* au-atr.c: true range and average true range of daily bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-atr"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-atr.h"

const char *
au_atr_method_to_string (AuAtrMethod method)
{
  return method == AU_ATR_WILDER ? "wilder" : "sma";
}

/* TR = max(H − L, |H − Cprev|, |L − Cprev|) (R6.8). Static, so that the
 * loops below inline it: the library is position-independent, and the
 * exported au_true_range() could be interposed, so it is not inlined. */
static inline double
true_range (double high,
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

double
au_true_range (double high,
               double low,
               double prev_close)
{
  return true_range (high, low, prev_close);
}

#define ATR_BLOCK 512

/* The loop of au_atr() after the first @period bars, one per method so
 * that neither tests anything per bar but what it must; always inlined,
 * so that a constant @period (the protocol's 5) unrolls the window sum. */
G_ALWAYS_INLINE static inline void
atr_steady (const double *high,
            const double *low,
            const double *close,
            gsize         n,
            guint         period,
            AuAtrMethod   method,
            double       *window,
            guint         pos,
            double        wilder,
            double       *tr_out,
            double       *atr_out)
{
  if (method == AU_ATR_WILDER)
    {
      for (gsize i = period + 1; i < n; i++)
        {
          double tr = true_range (high[i], low[i], close[i - 1]);

          if (tr_out != NULL)
            tr_out[i] = tr;
          /* Wilder's smoothing, TA-Lib's operations in TA-Lib's order. */
          wilder *= period - 1;
          wilder += tr;
          wilder /= period;
          if (atr_out != NULL)
            atr_out[i] = wilder;
        }
      return;
    }

  /* In blocks: the true ranges of a block go to a buffer behind the last
   * period − 1 of the previous one, then every mean is the sum of its
   * window, oldest first as TA-Lib adds them. The second loop has no
   * dependency from one bar to the next, so the compiler vectorises it. */
  {
    double buffer[64 + ATR_BLOCK];
    gsize i = period + 1;

    /* The last period − 1 true ranges so far, oldest first. */
    for (guint k = 0; k + 1 < period; k++)
      buffer[k] = window[pos + 1 + k];

    while (i < n)
      {
        gsize m = MIN (ATR_BLOCK, n - i);
        /* With @tr_out the true ranges go straight there, the earlier
         * ones already in place before them; without, to the buffer. */
        const double *windows = tr_out != NULL ? &tr_out[i - (period - 1)] : buffer;
        double *fresh = tr_out != NULL ? &tr_out[i] : &buffer[period - 1];

        for (gsize j = 0; j < m; j++)
          fresh[j] = true_range (high[i + j], low[i + j], close[i + j - 1]);
        if (atr_out != NULL)
          for (gsize j = 0; j < m; j++)
            {
              double sum = 0.0;

              for (guint k = 0; k < period; k++)
                sum += windows[j + k];
              atr_out[i + j] = sum / period;
            }
        if (tr_out == NULL)
          memmove (buffer, &buffer[m], (period - 1) * sizeof (double));
        i += m;
      }
  }
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
  /* The last @period true ranges, a ring written twice (at pos and
   * pos + period) so that the window, oldest first, is always the
   * contiguous window[pos … pos + period − 1] for the next free pos: the
   * SMA is the sum of exactly its window (no running sum drifting over a
   * million bars) and the hot loop has no division. */
  double window[2 * 64];
  double wilder = 0.0;
  guint pos = 0;

  g_return_val_if_fail (n == 0 || (high != NULL && low != NULL && close != NULL), 0);
  g_return_val_if_fail (period >= 1 && period <= G_N_ELEMENTS (window) / 2, 0);

  if (n == 0)
    return 0;
  if (tr_out != NULL)
    tr_out[0] = NAN;
  if (atr_out != NULL)
    atr_out[0] = NAN;

  /* Bars 1 … period: the first window fills; at bar @period both methods
   * give its mean. */
  for (gsize i = 1; i < n && i <= period; i++)
    {
      double tr = true_range (high[i], low[i], close[i - 1]);

      window[pos] = tr;
      window[pos + period] = tr;
      pos = pos + 1 == period ? 0 : pos + 1;
      if (tr_out != NULL)
        tr_out[i] = tr;
      if (atr_out != NULL)
        atr_out[i] = NAN;
      if (i == period)
        {
          double sum = 0.0;

          for (guint k = 0; k < period; k++)
            sum += window[pos + k];
          wilder = sum / period;
          if (atr_out != NULL)
            atr_out[i] = wilder;
        }
    }
  if (n <= period)
    return 0;

  if (period == AU_ATR_DEFAULT_PERIOD)
    atr_steady (high, low, close, n, AU_ATR_DEFAULT_PERIOD, method, window, pos, wilder, tr_out, atr_out);
  else
    atr_steady (high, low, close, n, period, method, window, pos, wilder, tr_out, atr_out);
  return n - period;
}

/* au-daily-bar.c: one session's open, high, low, close and volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include "au-daily-bar.h"

GArray *
au_daily_bars_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (AuDailyBar));
}

const AuDailyBar *
au_daily_bars_find (GArray      *bars,
                    const GDate *date)
{
  guint lo = 0, hi;

  g_return_val_if_fail (bars != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  hi = bars->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = g_date_compare (&g_array_index (bars, AuDailyBar, mid).date, date);

      if (cmp == 0)
        return &g_array_index (bars, AuDailyBar, mid);
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

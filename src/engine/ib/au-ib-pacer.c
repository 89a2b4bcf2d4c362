/* au-ib-pacer.c: the token bucket that keeps requests under IB's rate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>

#include "au-ib-pacer.h"

void
au_ib_pacer_init (AuIbPacer *pacer,
                  double     rate,
                  double     burst,
                  gint64     now)
{
  g_return_if_fail (pacer != NULL);
  g_return_if_fail (rate > 0 && burst >= 1);

  pacer->rate = rate;
  pacer->burst = burst;
  pacer->tokens = burst;
  pacer->last = now;
}

gboolean
au_ib_pacer_try_take (AuIbPacer *pacer,
                      gint64     now,
                      gint64    *wait_us)
{
  g_return_val_if_fail (pacer != NULL, FALSE);

  if (now > pacer->last)
    {
      pacer->tokens = MIN (pacer->burst,
                           pacer->tokens + (now - pacer->last) * pacer->rate / G_USEC_PER_SEC);
      pacer->last = now;
    }

  if (pacer->tokens >= 1.0)
    {
      pacer->tokens -= 1.0;
      if (wait_us != NULL)
        *wait_us = 0;
      return TRUE;
    }

  /* Round up so that the timer never fires a hair before the token exists. */
  if (wait_us != NULL)
    *wait_us = (gint64) ceil ((1.0 - pacer->tokens) * G_USEC_PER_SEC / pacer->rate) + 1;
  return FALSE;
}

/* au-replay-path.c: an intraday path through an imported daily bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include "au-money.h"
#include "au-replay-path.h"

double
au_replay_path_price (const AuDailyBar *bar,
                      guint             step,
                      guint             n_steps)
{
  double nodes[4];
  guint leg;
  double u;

  g_return_val_if_fail (bar != NULL, 0.0);
  g_return_val_if_fail (n_steps > 0, 0.0);

  step = MIN (step, n_steps);
  nodes[0] = au_price_to_double (bar->open);
  if (bar->close >= bar->open)
    {
      nodes[1] = au_price_to_double (bar->low);
      nodes[2] = au_price_to_double (bar->high);
    }
  else
    {
      nodes[1] = au_price_to_double (bar->high);
      nodes[2] = au_price_to_double (bar->low);
    }
  nodes[3] = au_price_to_double (bar->close);

  /* In integers, so the nodes are hit exactly: leg = ⌊3·step / n⌋. */
  leg = MIN (3 * step / n_steps, 2);
  if (3 * step == leg * n_steps)
    return nodes[leg];
  if (3 * step == n_steps * 3)
    return nodes[3];
  u = (3.0 * step - (double) leg * n_steps) / n_steps;
  return nodes[leg] + (nodes[leg + 1] - nodes[leg]) * u;
}

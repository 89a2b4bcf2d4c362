/* au-ib-pacer.h: the token bucket that keeps requests under IB's rate (tws-protocol.md §4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* IB allows 50 messages a second and disconnects after three pacing
 * violations (error 100). We send at most 40 in any one-second window:
 * a burst of @burst tokens plus @rate tokens a second is at most 39,
 * one message of slack for the network bunching them on the way. */
#define AU_IB_PACER_RATE  38.0
#define AU_IB_PACER_BURST 1.0

typedef struct
{
  double rate;       /* tokens a second */
  double burst;      /* bucket size */
  double tokens;
  gint64 last;       /* monotonic µs of the last refill */
} AuIbPacer;

void   au_ib_pacer_init      (AuIbPacer *pacer,
                              double     rate,
                              double     burst,
                              gint64     now);
/* TRUE and one token spent when a message may go at @now (monotonic µs);
 * FALSE when it must wait, then @wait_us says how long. */
gboolean au_ib_pacer_try_take (AuIbPacer *pacer,
                               gint64     now,
                               gint64    *wait_us);

G_END_DECLS

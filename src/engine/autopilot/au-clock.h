/* au-clock.h: the engine's clock (wall, simulated or stepped)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Live runs use the wall clock (with IB: the gateway's, D4); paper runs a
 * simulated clock that may run faster than real time; backtests a stepped
 * clock that moves only when the engine advances it. Audit records carry
 * this clock, never the machine's (D4). */
typedef enum
{
  AU_CLOCK_WALL,
  AU_CLOCK_SIMULATED,
  AU_CLOCK_STEPPED,
} AuClockKind;

#define AU_TYPE_CLOCK (au_clock_get_type ())

G_DECLARE_FINAL_TYPE (AuClock, au_clock, AU, CLOCK, GObject)

AuClock     *au_clock_new_wall        (void);
/* Starts at @start_usec (µs since the Unix epoch, UTC) and runs @speed
 * times faster than real time (3600: an hour a second). */
AuClock     *au_clock_new_simulated   (gint64    start_usec,
                                       double    speed);
AuClock     *au_clock_new_stepped     (gint64    start_usec);

AuClockKind  au_clock_get_kind        (AuClock  *self);
/* µs since the Unix epoch, UTC. Safe to call from any thread. */
gint64       au_clock_get_now         (AuClock  *self);
double       au_clock_get_speed       (AuClock  *self);
/* Changes the speed of a simulated clock without a jump in its time. */
void         au_clock_set_speed       (AuClock  *self,
                                       double    speed);
/* Moves a simulated or stepped clock forward to @usec; never backwards.
 * With IB the engine re-bases a wall clock on the gateway's time. */
gboolean     au_clock_advance_to      (AuClock  *self,
                                       gint64    usec);
/* Re-bases the clock so that it reads @usec now (the gateway's
 * CURRENT_TIME at connect, D4). */
void         au_clock_rebase          (AuClock  *self,
                                       gint64    usec);
/* How long, in real µs, until the clock reads @target_usec: 0 when it is
 * already past, or for a stepped clock (which jumps there). */
gint64       au_clock_real_delay_until (AuClock *self,
                                        gint64   target_usec);
/* ISO 8601 in America/New_York with its offset, seconds precision. */
char        *au_clock_format_now      (AuClock  *self);

G_END_DECLS

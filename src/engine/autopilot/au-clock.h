/* au-clock.h: the engine's clock (wall, simulated or stepped)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Paper runs use a simulated clock that may run faster than real time;
 * runs with IB one too, re-based on the gateway's time and running at
 * its rate (D4); backtests a stepped clock that moves only when the
 * engine advances it; the wall clock is the machine's, for one-shot
 * commands. Audit records carry
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
/* Moves a simulated or stepped clock forward to @usec; never backwards. */
gboolean     au_clock_advance_to      (AuClock  *self,
                                       gint64    usec);
/* Re-bases the clock so that it reads @usec now (the gateway's
 * CURRENT_TIME at connect, D4). */
void         au_clock_rebase          (AuClock  *self,
                                       gint64    usec);
/* Follows an outside clock (the gateway's, D4) that reads @usec now and
 * runs @speed times real time: the clock takes both. It never goes back:
 * when it is ahead, it runs slower, so as to meet the outside clock
 * @catch_up_real_usec of real time from now. Nor does it run past its
 * limit. */
void         au_clock_follow          (AuClock  *self,
                                       gint64    usec,
                                       double    speed,
                                       gint64    catch_up_real_usec);
/* How long, in real µs, until the clock reads @target_usec: 0 when it is
 * already past, or for a stepped clock (which jumps there). A held or
 * limited clock answers as if it ran on from now: a timer armed on it
 * may fire early and must check the time and re-arm. A clock running
 * towards its alarm or limit answers the time it takes to get there. */
gint64       au_clock_real_delay_until (AuClock *self,
                                        gint64   target_usec);

/* A paper market's latency is the real one, not multiplied by the speed:
 * while the engine waits on the market (a batch of requests in flight),
 * a simulated clock holds still, so that at 100,000x a 200 ms fetch is
 * no market time rather than five hours. Holds nest; the clock runs on
 * from where it stood when the last is released. Only a simulated clock
 * holds: a wall clock and a stepped one (which moves only when told) are
 * unaffected. Safe to call from any thread. */
void         au_clock_hold            (AuClock  *self);
void         au_clock_release         (AuClock  *self);
guint        au_clock_get_holds       (AuClock  *self);

/* A clock that runs on by itself (wall or simulated) stops at @usec and
 * reads it until the limit moves (0: no limit), so that a run told to
 * end at a time ends exactly there, however late its timer fires (D4's
 * --until). Only the running is clamped: the clock is never set back,
 * and au_clock_rebase() and au_clock_advance_to() may still place it
 * beyond the limit. */
void         au_clock_set_limit       (AuClock  *self,
                                       gint64    usec);
gint64       au_clock_get_limit       (AuClock  *self);
/* A hold that takes effect at a time: a simulated clock stops at @usec
 * (0: no alarm) and reads it until the alarm moves or is cleared, then
 * runs on from there, the real time it stood still never reaching it.
 * The autopilot sets it at its next scheduled action, so that at any
 * speed the action starts at its minute however late its timer fires
 * (D4). Limit and alarm both stop the clock, the earlier first; an
 * alarm already past stops the clock where it stands, never back. Like
 * a hold, only a simulated clock heeds it. Safe to call from any
 * thread. */
void         au_clock_set_alarm       (AuClock  *self,
                                       gint64    usec);
gint64       au_clock_get_alarm       (AuClock  *self);
/* ISO 8601 in America/New_York with its offset, seconds precision. */
char        *au_clock_format_now      (AuClock  *self);

G_END_DECLS

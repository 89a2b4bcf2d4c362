/* au-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-clock"

#include "config.h"

#include <math.h>

#include "au-clock.h"
#include "au-market-calendar.h"

/* The shortest timer au_clock_real_delay_until() asks for on a clock
 * that stands still (held, or stopped at its limit). */
#define STOPPED_MIN_DELAY_USEC 1000

struct _AuClock
{
  GObject      parent_instance;

  AuClockKind  kind;
  GMutex       mutex;        /* the GUI reads the time the engine thread advances */
  gint64       base_usec;    /* the clock's time at base_mono */
  gint64       base_mono;    /* g_get_monotonic_time () at the base */
  double       speed;
  guint        holds;        /* au_clock_hold() not yet released */
  gint64       limit_usec;   /* where the running stops, 0: nowhere */
  gint64       alarm_usec;   /* where a simulated clock's running stops too, 0: nowhere */
};

G_DEFINE_FINAL_TYPE (AuClock, au_clock, G_TYPE_OBJECT)

static void
au_clock_finalize (GObject *object)
{
  AuClock *self = (AuClock *) object;

  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (au_clock_parent_class)->finalize (object);
}

static void
au_clock_class_init (AuClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_clock_finalize;
}

static void
au_clock_init (AuClock *self)
{
  g_mutex_init (&self->mutex);
  self->speed = 1.0;
}

static AuClock *
clock_new (AuClockKind kind,
           gint64      start_usec,
           double      speed)
{
  AuClock *self = g_object_new (AU_TYPE_CLOCK, NULL);

  self->kind = kind;
  self->base_usec = start_usec;
  self->base_mono = g_get_monotonic_time ();
  self->speed = speed;
  return self;
}

AuClock *
au_clock_new_wall (void)
{
  return clock_new (AU_CLOCK_WALL, g_get_real_time (), 1.0);
}

AuClock *
au_clock_new_simulated (gint64 start_usec,
                        double speed)
{
  g_return_val_if_fail (speed > 0 && isfinite (speed), NULL);
  return clock_new (AU_CLOCK_SIMULATED, start_usec, speed);
}

AuClock *
au_clock_new_stepped (gint64 start_usec)
{
  return clock_new (AU_CLOCK_STEPPED, start_usec, 0.0);
}

AuClockKind
au_clock_get_kind (AuClock *self)
{
  g_return_val_if_fail (AU_IS_CLOCK (self), AU_CLOCK_WALL);
  return self->kind;
}

/* The time the clock has run to since its base, before the limit. */
static gint64
running_locked (AuClock *self)
{
  gint64 elapsed = g_get_monotonic_time () - self->base_mono;

  switch (self->kind)
    {
    case AU_CLOCK_WALL:
      /* Driven by the monotonic clock so that a change of the machine's
       * clock cannot jump it. */
      return self->base_usec + elapsed;
    case AU_CLOCK_SIMULATED:
      if (self->holds > 0)
        return self->base_usec;
      return self->base_usec + (gint64) ((double) elapsed * self->speed);
    case AU_CLOCK_STEPPED:
    default:
      return self->base_usec;
    }
}

/* Where the running stops: the limit or the alarm, whichever comes
 * first, 0: nowhere. Only a simulated clock heeds the alarm, as only
 * it holds. */
static gint64
stop_locked (AuClock *self)
{
  gint64 stop = self->limit_usec;

  if (self->kind == AU_CLOCK_SIMULATED && self->alarm_usec != 0
      && (stop == 0 || self->alarm_usec < stop))
    stop = self->alarm_usec;
  return stop;
}

static gint64
now_locked (AuClock *self)
{
  gint64 now = running_locked (self);
  gint64 stop = stop_locked (self);

  /* The running stops at the limit or the alarm; a base set beyond it
   * stays. */
  if (stop != 0 && now > stop)
    now = MAX (stop, self->base_usec);
  return now;
}

/* Makes the clock's time now its base: what a change of speed, hold or
 * limit starts from, so that the time never jumps. */
static void
rebase_here_locked (AuClock *self)
{
  self->base_usec = now_locked (self);
  self->base_mono = g_get_monotonic_time ();
}

gint64
au_clock_get_now (AuClock *self)
{
  gint64 now;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  now = now_locked (self);
  g_mutex_unlock (&self->mutex);
  return now;
}

double
au_clock_get_speed (AuClock *self)
{
  double speed;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  speed = self->speed;
  g_mutex_unlock (&self->mutex);
  return speed;
}

void
au_clock_set_speed (AuClock *self,
                    double   speed)
{
  g_return_if_fail (AU_IS_CLOCK (self));
  g_return_if_fail (speed > 0 && isfinite (speed));

  if (self->kind != AU_CLOCK_SIMULATED)
    return;

  g_mutex_lock (&self->mutex);
  rebase_here_locked (self);
  self->speed = speed;
  g_mutex_unlock (&self->mutex);
}

gboolean
au_clock_advance_to (AuClock *self,
                     gint64   usec)
{
  gboolean moved = FALSE;

  g_return_val_if_fail (AU_IS_CLOCK (self), FALSE);
  g_return_val_if_fail (self->kind != AU_CLOCK_WALL, FALSE);

  g_mutex_lock (&self->mutex);
  if (usec > now_locked (self))
    {
      self->base_usec = usec;
      self->base_mono = g_get_monotonic_time ();
      moved = TRUE;
    }
  g_mutex_unlock (&self->mutex);
  return moved;
}

void
au_clock_rebase (AuClock *self,
                 gint64   usec)
{
  g_return_if_fail (AU_IS_CLOCK (self));

  g_mutex_lock (&self->mutex);
  self->base_usec = usec;
  self->base_mono = g_get_monotonic_time ();
  g_mutex_unlock (&self->mutex);
}

void
au_clock_follow (AuClock *self,
                 gint64   usec,
                 double   speed,
                 gint64   catch_up_real_usec)
{
  gint64 now;
  gint64 stop;

  g_return_if_fail (AU_IS_CLOCK (self));
  g_return_if_fail (speed > 0 && isfinite (speed));
  g_return_if_fail (catch_up_real_usec > 0);

  g_mutex_lock (&self->mutex);
  now = now_locked (self);
  stop = stop_locked (self);
  if (stop != 0 && usec > stop)
    usec = MAX (stop, now);
  if (usec >= now)
    {
      self->base_usec = usec;
      self->base_mono = g_get_monotonic_time ();
      self->speed = speed;
    }
  else
    {
      /* Ahead: the audit trail's times only grow, so the clock slows
       * down rather than jump back, never below a tenth of the pace. */
      double behind_per_real = (double) (now - usec) / (double) catch_up_real_usec;

      rebase_here_locked (self);
      self->speed = MAX (speed - behind_per_real, speed / 10.0);
    }
  g_mutex_unlock (&self->mutex);
}

gint64
au_clock_real_delay_until (AuClock *self,
                           gint64   target_usec)
{
  gint64 delta;
  double speed;
  gboolean stopped;
  gint64 delay;
  gint64 stop;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  if (self->kind == AU_CLOCK_STEPPED)
    return 0;

  g_mutex_lock (&self->mutex);
  delta = target_usec - now_locked (self);
  speed = self->speed;
  stop = stop_locked (self);
  stopped = (self->kind == AU_CLOCK_SIMULATED && self->holds > 0)
            || (stop != 0 && target_usec > stop);
  g_mutex_unlock (&self->mutex);

  if (delta <= 0)
    return 0;
  delay = (gint64) ceil ((double) delta / speed);
  /* A clock that is not running towards @target_usec gets there no
   * sooner than it would from now; the timer armed on this re-arms when
   * it finds the time short. Never a zero timeout: one re-armed at once
   * forever would keep the context's idle sources (the market's answers
   * the hold waits for) from ever running. */
  if (stopped)
    delay = MAX (delay, STOPPED_MIN_DELAY_USEC);
  return delay;
}

void
au_clock_hold (AuClock *self)
{
  g_return_if_fail (AU_IS_CLOCK (self));

  g_mutex_lock (&self->mutex);
  /* The first hold freezes the time it reads now. */
  if (self->holds == 0)
    rebase_here_locked (self);
  self->holds++;
  g_mutex_unlock (&self->mutex);
}

void
au_clock_release (AuClock *self)
{
  g_return_if_fail (AU_IS_CLOCK (self));

  g_mutex_lock (&self->mutex);
  if (self->holds == 0)
    {
      g_mutex_unlock (&self->mutex);
      g_critical ("au_clock_release: the clock is not held");
      return;
    }
  /* The last release runs the clock on from the held time: the real
   * time spent holding never reaches it. */
  if (--self->holds == 0)
    self->base_mono = g_get_monotonic_time ();
  g_mutex_unlock (&self->mutex);
}

guint
au_clock_get_holds (AuClock *self)
{
  guint holds;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  holds = self->holds;
  g_mutex_unlock (&self->mutex);
  return holds;
}

void
au_clock_set_limit (AuClock *self,
                    gint64   usec)
{
  g_return_if_fail (AU_IS_CLOCK (self));
  g_return_if_fail (usec >= 0);

  g_mutex_lock (&self->mutex);
  /* From the time it reads under the old limit: a clock stopped at the
   * old one runs on from there, not from where it would have been. */
  rebase_here_locked (self);
  self->limit_usec = usec;
  g_mutex_unlock (&self->mutex);
}

gint64
au_clock_get_limit (AuClock *self)
{
  gint64 limit;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  limit = self->limit_usec;
  g_mutex_unlock (&self->mutex);
  return limit;
}

void
au_clock_set_alarm (AuClock *self,
                    gint64   usec)
{
  g_return_if_fail (AU_IS_CLOCK (self));
  g_return_if_fail (usec >= 0);

  if (self->kind != AU_CLOCK_SIMULATED)
    return;

  g_mutex_lock (&self->mutex);
  /* As with the limit: from the time it reads under the old alarm, so
   * that a clock stopped there runs on from there. */
  rebase_here_locked (self);
  self->alarm_usec = usec;
  g_mutex_unlock (&self->mutex);
}

gint64
au_clock_get_alarm (AuClock *self)
{
  gint64 alarm;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  g_mutex_lock (&self->mutex);
  alarm = self->alarm_usec;
  g_mutex_unlock (&self->mutex);
  return alarm;
}

char *
au_clock_format_now (AuClock *self)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 now = au_clock_get_now (self);

  utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  return au_eastern_format (utc);
}

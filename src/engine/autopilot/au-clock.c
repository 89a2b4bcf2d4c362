/* au-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-clock"

#include "config.h"

#include <math.h>

#include "au-clock.h"
#include "au-market-calendar.h"

struct _AuClock
{
  GObject      parent_instance;

  AuClockKind  kind;
  GMutex       mutex;        /* the GUI reads the time the engine thread advances */
  gint64       base_usec;    /* the clock's time at base_mono */
  gint64       base_mono;    /* g_get_monotonic_time () at the base */
  double       speed;
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

static gint64
now_locked (AuClock *self)
{
  switch (self->kind)
    {
    case AU_CLOCK_WALL:
      /* Re-based on the gateway's time, then driven by the monotonic
       * clock so that a change of the machine's clock cannot jump it. */
      return self->base_usec + (g_get_monotonic_time () - self->base_mono);
    case AU_CLOCK_SIMULATED:
      return self->base_usec + (gint64) ((double) (g_get_monotonic_time () - self->base_mono) * self->speed);
    case AU_CLOCK_STEPPED:
    default:
      return self->base_usec;
    }
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
  self->base_usec = now_locked (self);
  self->base_mono = g_get_monotonic_time ();
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

gint64
au_clock_real_delay_until (AuClock *self,
                           gint64   target_usec)
{
  gint64 delta;
  double speed;

  g_return_val_if_fail (AU_IS_CLOCK (self), 0);

  if (self->kind == AU_CLOCK_STEPPED)
    return 0;

  g_mutex_lock (&self->mutex);
  delta = target_usec - now_locked (self);
  speed = self->speed;
  g_mutex_unlock (&self->mutex);

  if (delta <= 0)
    return 0;
  return (gint64) ceil ((double) delta / speed);
}

char *
au_clock_format_now (AuClock *self)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 now = au_clock_get_now (self);

  utc = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  return au_eastern_format (utc);
}

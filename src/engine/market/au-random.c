/* au-random.c: a seedable generator with the same output on every platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>

#include "au-portable-math.h"
#include "au-random.h"

#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
au_random_mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

guint64
au_random_hash_string (const char *text)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const guchar *p;

  g_return_val_if_fail (text != NULL, 0);

  for (p = (const guchar *) text; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return au_random_mix (hash);
}

double
au_random_uniform_from_key (guint64 key)
{
  return (au_random_mix (key) >> 11) * 0x1.0p-53;
}

void
au_random_init (AuRandom *self,
                guint64   seed)
{
  int i;

  g_return_if_fail (self != NULL);

  /* splitmix64's first four outputs fill the state, as the authors
   * recommend (au_random_mix() is one splitmix64 step). */
  for (i = 0; i < 4; i++)
    self->s[i] = au_random_mix (seed + (guint64) i * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  self->has_spare = FALSE;
  self->spare_normal = 0.0;
}

void
au_random_init_stream (AuRandom *self,
                       guint64   seed,
                       guint64   stream)
{
  g_return_if_fail (self != NULL);

  /* Mixing both keeps (seed, stream) and (stream, seed) apart. */
  au_random_init (self, au_random_mix (seed)
                        ^ au_random_mix (stream + G_GUINT64_CONSTANT (0x632be59bd9b4e019)));
}

guint64
au_random_next (AuRandom *self)
{
  guint64 result, t;

  g_return_val_if_fail (self != NULL, 0);

  result = rotl (self->s[1] * 5, 7) * 9;
  t = self->s[1] << 17;
  self->s[2] ^= self->s[0];
  self->s[3] ^= self->s[1];
  self->s[1] ^= self->s[2];
  self->s[0] ^= self->s[3];
  self->s[2] ^= t;
  self->s[3] = rotl (self->s[3], 45);
  return result;
}

double
au_random_uniform (AuRandom *self)
{
  return (au_random_next (self) >> 11) * 0x1.0p-53;
}

double
au_random_uniform_open (AuRandom *self)
{
  return ((au_random_next (self) >> 11) + 0.5) * 0x1.0p-53;
}

double
au_random_normal (AuRandom *self)
{
  double u, v, s, factor;

  g_return_val_if_fail (self != NULL, 0.0);

  if (self->has_spare)
    {
      self->has_spare = FALSE;
      return self->spare_normal;
    }

  do
    {
      u = 2.0 * au_random_uniform (self) - 1.0;
      v = 2.0 * au_random_uniform (self) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);

  factor = sqrt (-2.0 * au_pmath_log (s) / s);
  self->spare_normal = v * factor;
  self->has_spare = TRUE;
  return u * factor;
}

gboolean
au_random_bernoulli (AuRandom *self,
                     double    p)
{
  return au_random_uniform (self) < p;
}

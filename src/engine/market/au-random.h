/* au-random.h: a seedable generator with the same output on every platform
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* xoshiro256** (Blackman and Vigna, 2018) seeded through splitmix64: the
 * same seed gives the same 64-bit words on every platform and compiler.
 * A plain value: copy it to fork the stream, no allocation, no global
 * state, not thread-safe (each user owns its generator). */
typedef struct
{
  guint64  s[4];
  double   spare_normal;
  gboolean has_spare;
} AuRandom;

void    au_random_init     (AuRandom *self,
                            guint64   seed);
/* A sub-stream for a purpose (@stream is any label, e.g. a symbol's
 * hash): the same (seed, stream) always gives the same generator, so the
 * order in which the parts of the market draw does not matter. */
void    au_random_init_stream (AuRandom *self,
                               guint64   seed,
                               guint64   stream);
guint64 au_random_next     (AuRandom *self);
/* Uniform in [0, 1) with 53 random bits. */
double  au_random_uniform  (AuRandom *self);
/* Uniform in (0, 1): never 0, for logarithms. */
double  au_random_uniform_open (AuRandom *self);
/* A standard normal variate by Marsaglia's polar method, computed with
 * au_pmath_log() and sqrt() (IEEE exact), so identical everywhere. */
double  au_random_normal   (AuRandom *self);
/* A Poisson event of probability @p in this step. */
gboolean au_random_bernoulli (AuRandom *self,
                              double    p);

/* splitmix64's finaliser: a stateless 64-bit hash, for values that must
 * depend only on their key (a quote's open interest on a given day). */
guint64 au_random_mix      (guint64   x);
/* A hash of a string (FNV-1a, then mixed), stable across runs and
 * platforms, unlike g_str_hash which is allowed to change. */
guint64 au_random_hash_string (const char *text);
/* A uniform in [0, 1) from a key. */
double  au_random_uniform_from_key (guint64 key);

G_END_DECLS

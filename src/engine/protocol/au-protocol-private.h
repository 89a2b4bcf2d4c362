/* au-protocol-private.h: exact comparisons of prices and ratios shared by
 * the protocol engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "au-money.h"
#include "au-types.h"

G_BEGIN_DECLS

/* The constitution's fractions and multiples (0.50, 1.5, 0.15) are held
 * in millionths, so a boundary such as "debit 0.60 on a credit of 1.20 is
 * exactly 50%" compares exactly instead of through a rounded quotient. */
#define AU_PPM 1000000

static inline gint64
au_protocol_ppm (double fraction)
{
  return (gint64) llround (fraction * AU_PPM);
}

/* Compares num / den with @fraction exactly: < 0, 0 or > 0. @den > 0. */
static inline int
au_protocol_ratio_cmp (gint64 num,
                       gint64 den,
                       double fraction)
{
  __int128 left = (__int128) num * AU_PPM;
  __int128 right = (__int128) au_protocol_ppm (fraction) * den;

  return left < right ? -1 : left > right ? 1 : 0;
}

G_END_DECLS

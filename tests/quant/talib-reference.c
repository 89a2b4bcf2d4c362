/* talib-reference.c: TA-Lib's TRANGE, SMA(TRANGE) and ATR of the bars on
 * stdin, the reference the ATR test compares the quant core with.
 *
 * Built only when meson's talib_dir names TA-Lib's C sources (see
 * fetch-talib.sh); linked with TA-Lib's own ta_TRANGE.c, ta_SMA.c,
 * ta_ATR.c and ta_global.c, never with the engine.
 *
 * Usage: talib-reference PERIOD < bars, one "high low close" a line; prints
 * "tr sma atr" a line for every bar, "nan" where TA-Lib gives no value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ta_libc.h"

static int
fail (const char *what)
{
  fprintf (stderr, "talib-reference: %s\n", what);
  return 2;
}

/* TA-Lib writes an output of @count values that belongs to the bars from
 * @begin on; this puts them in place, NaN before. */
static void
place (const double *values,
       int           begin,
       int           count,
       double       *out,
       int           n)
{
  for (int i = 0; i < n; i++)
    out[i] = NAN;
  for (int i = 0; i < count; i++)
    out[begin + i] = values[i];
}

int
main (int    argc,
      char **argv)
{
  int period, n = 0, capacity = 1024;
  double *high, *low, *close, *tr, *sma, *atr, *scratch;
  int begin, count, tr_begin, tr_count;

  if (argc != 2 || (period = atoi (argv[1])) < 1)
    return fail ("usage: talib-reference PERIOD < bars");
  high = malloc (sizeof (double) * capacity);
  low = malloc (sizeof (double) * capacity);
  close = malloc (sizeof (double) * capacity);
  if (high == NULL || low == NULL || close == NULL)
    return fail ("out of memory");
  while (scanf ("%lf %lf %lf", &high[n], &low[n], &close[n]) == 3)
    {
      if (++n == capacity)
        {
          capacity *= 2;
          high = realloc (high, sizeof (double) * capacity);
          low = realloc (low, sizeof (double) * capacity);
          close = realloc (close, sizeof (double) * capacity);
          if (high == NULL || low == NULL || close == NULL)
            return fail ("out of memory");
        }
    }
  if (!feof (stdin))
    return fail ("stdin: a line is not three numbers");
  if (n < 2)
    return fail ("stdin: fewer than two bars");

  tr = malloc (sizeof (double) * n);
  sma = malloc (sizeof (double) * n);
  atr = malloc (sizeof (double) * n);
  scratch = malloc (sizeof (double) * n);
  if (tr == NULL || sma == NULL || atr == NULL || scratch == NULL)
    return fail ("out of memory");
  if (TA_Initialize () != TA_SUCCESS)
    return fail ("TA_Initialize failed");

  if (TA_TRANGE (0, n - 1, high, low, close, &tr_begin, &tr_count, scratch) != TA_SUCCESS)
    return fail ("TA_TRANGE failed");
  place (scratch, tr_begin, tr_count, tr, n);

  /* SMA over the true ranges, which start at bar tr_begin. */
  if (TA_SMA (0, tr_count - 1, tr + tr_begin, period, &begin, &count, scratch) != TA_SUCCESS)
    return fail ("TA_SMA failed");
  place (scratch, tr_begin + begin, count, sma, n);

  if (TA_ATR (0, n - 1, high, low, close, period, &begin, &count, scratch) != TA_SUCCESS)
    return fail ("TA_ATR failed");
  place (scratch, begin, count, atr, n);

  for (int i = 0; i < n; i++)
    printf ("%.17g %.17g %.17g\n", tr[i], sma[i], atr[i]);
  TA_Shutdown ();
  return fflush (stdout) == 0 ? 0 : 2;
}

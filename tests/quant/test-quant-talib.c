/* test-quant-talib.c: true range and ATR of the quant core against
 * TA-Lib's TRANGE, SMA(TRANGE) and ATR (issue 7, R6.8, D2.13)
 *
 * TA-Lib runs in its own program (talib-reference, built from its C
 * sources when meson's talib_dir is set); its path comes in
 * TALIB_REFERENCE. The bars go to it as text with 17 significant digits,
 * which reads back to the same doubles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "au-quant.h"

#define N_BARS    120000
#define TOLERANCE 1e-12

typedef struct
{
  gsize   n;
  double *high, *low, *close;
} Bars;

typedef struct
{
  double *tr, *sma, *atr;
} Reference;

static void
bars_free (Bars *bars)
{
  g_free (bars->high);
  g_free (bars->low);
  g_free (bars->close);
}

static void
reference_free (Reference *ref)
{
  g_free (ref->tr);
  g_free (ref->sma);
  g_free (ref->atr);
}

/* A daily random walk with overnight gaps, so that every branch of the
 * true range (H − L, |H − Cprev|, |L − Cprev|) is the largest some days. */
static void
bars_generate (Bars    *bars,
               gsize    n,
               guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  double close = 100.0;

  bars->n = n;
  bars->high = g_new (double, n);
  bars->low = g_new (double, n);
  bars->close = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      double open = close * (1.0 + g_rand_double_range (rand, -0.03, 0.03));
      double next = open * (1.0 + g_rand_double_range (rand, -0.02, 0.02));

      bars->high[i] = MAX (open, next) * (1.0 + g_rand_double_range (rand, 0.0, 0.01));
      bars->low[i] = MIN (open, next) * (1.0 - g_rand_double_range (rand, 0.0, 0.01));
      bars->close[i] = next;
      close = next;
    }
}

static double
parse_value (const char *text)
{
  return g_str_equal (text, "nan") || g_str_equal (text, "-nan") ? NAN : g_ascii_strtod (text, NULL);
}

/* Runs talib-reference PERIOD over @bars. */
static void
reference_run (const Bars *bars,
               guint       period,
               Reference  *ref)
{
  const char *program = g_getenv ("TALIB_REFERENCE");
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdin_bytes = NULL, stdout_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period_text = g_strdup_printf ("%u", period);
  g_auto(GStrv) lines = NULL;
  char buffer[3][G_ASCII_DTOSTR_BUF_SIZE];

  g_assert_nonnull (program);
  for (gsize i = 0; i < bars->n; i++)
    g_string_append_printf (input, "%s %s %s\n",
                            g_ascii_formatd (buffer[0], sizeof buffer[0], "%.17g", bars->high[i]),
                            g_ascii_formatd (buffer[1], sizeof buffer[1], "%.17g", bars->low[i]),
                            g_ascii_formatd (buffer[2], sizeof buffer[2], "%.17g", bars->close[i]));
  stdin_bytes = g_bytes_new (input->str, input->len);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              program, period_text, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, stdin_bytes, NULL, &stdout_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  lines = g_strsplit (g_bytes_get_data (stdout_bytes, NULL), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, bars->n + 1);   /* the last one is empty */
  ref->tr = g_new (double, bars->n);
  ref->sma = g_new (double, bars->n);
  ref->atr = g_new (double, bars->n);
  for (gsize i = 0; i < bars->n; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      ref->tr[i] = parse_value (fields[0]);
      ref->sma[i] = parse_value (fields[1]);
      ref->atr[i] = parse_value (fields[2]);
    }
}

/* Both NaN (no value yet), or within TOLERANCE relative; returns the
 * relative difference. */
static double
compare (const char *what,
         gsize       i,
         double      ours,
         double      theirs)
{
  double difference;

  if (isnan (theirs) || isnan (ours))
    {
      if (!(isnan (theirs) && isnan (ours)))
        g_error ("%s of bar %" G_GSIZE_FORMAT ": ours %.17g, TA-Lib %.17g", what, i, ours, theirs);
      return 0.0;
    }
  difference = theirs == 0.0 ? fabs (ours) : fabs (ours - theirs) / fabs (theirs);
  if (!(difference <= TOLERANCE))
    g_error ("%s of bar %" G_GSIZE_FORMAT ": ours %.17g, TA-Lib %.17g (relative %.2e)",
             what, i, ours, theirs, difference);
  return difference;
}

static void
check_series (const Bars *bars,
              guint       period)
{
  Reference ref = { NULL, NULL, NULL };
  g_autofree double *tr = g_new (double, bars->n);
  g_autofree double *sma = g_new (double, bars->n);
  g_autofree double *wilder = g_new (double, bars->n);
  double worst_tr = 0.0, worst_sma = 0.0, worst_wilder = 0.0;
  gsize exact = 0;

  reference_run (bars, period, &ref);
  g_assert_cmpuint (au_atr (bars->high, bars->low, bars->close, bars->n, period, AU_ATR_SMA, tr, sma),
                    ==, bars->n - period);
  g_assert_cmpuint (au_atr (bars->high, bars->low, bars->close, bars->n, period, AU_ATR_WILDER, NULL, wilder),
                    ==, bars->n - period);
  for (gsize i = 0; i < bars->n; i++)
    {
      worst_tr = MAX (worst_tr, compare ("TR", i, tr[i], ref.tr[i]));
      worst_sma = MAX (worst_sma, compare ("ATR (SMA)", i, sma[i], ref.sma[i]));
      worst_wilder = MAX (worst_wilder, compare ("ATR (Wilder)", i, wilder[i], ref.atr[i]));
      exact += sma[i] == ref.sma[i] || (isnan (sma[i]) && isnan (ref.sma[i]));
    }
  g_test_message ("%" G_GSIZE_FORMAT " bars, period %u: worst relative difference TR %.2e, "
                  "SMA %.2e (%" G_GSIZE_FORMAT " identical), Wilder %.2e",
                  bars->n, period, worst_tr, worst_sma, exact, worst_wilder);
  reference_free (&ref);
}

/* The hand-computed seven bars of test-quant.c: TA-Lib agrees exactly. */
static void
test_hand_computed (void)
{
  double high[] = { 102, 104, 103, 107, 106, 110, 108 };
  double low[] = { 99, 100, 100, 101, 103, 104, 105 };
  double close[] = { 101, 103, 101, 106, 104, 109, 106 };
  const double tr_expected[] = { NAN, 4, 3, 6, 3, 6, 4 };
  Bars bars = { G_N_ELEMENTS (high), high, low, close };
  Reference ref = { NULL, NULL, NULL };

  reference_run (&bars, 5, &ref);
  for (guint i = 1; i < bars.n; i++)
    g_assert_cmpfloat (ref.tr[i], ==, tr_expected[i]);
  for (guint i = 0; i < 5; i++)
    g_assert_true (isnan (ref.sma[i]) && isnan (ref.atr[i]));
  g_assert_cmpfloat (ref.sma[5], ==, (4 + 3 + 6 + 3 + 6) / 5.0);   /* 4.4 */
  g_assert_cmpfloat (ref.sma[6], ==, (3 + 6 + 3 + 6 + 4) / 5.0);   /* 4.4 */
  g_assert_cmpfloat (ref.atr[5], ==, 4.4);
  g_assert_cmpfloat (ref.atr[6], ==, (4.4 * 4 + 4) / 5.0);          /* 4.32 */
  check_series (&bars, 5);
  reference_free (&ref);
}

static void
test_generated (gconstpointer data)
{
  guint period = GPOINTER_TO_UINT (data);
  Bars bars;

  bars_generate (&bars, N_BARS, 20260105);
  check_series (&bars, period);
  bars_free (&bars);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quant/talib/hand-computed", test_hand_computed);
  /* R6.8, D2.13: period 5 is the protocol's; 14 is Wilder's own. */
  g_test_add_data_func ("/quant/talib/generated/5", GUINT_TO_POINTER (5), test_generated);
  g_test_add_data_func ("/quant/talib/generated/14", GUINT_TO_POINTER (14), test_generated);

  return g_test_run ();
}

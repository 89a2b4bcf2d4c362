/* bench-backtest.c: simulated weeks per second and peak memory of a
 * backtest of 10 and 30 years (issue 3, "Tests and benchmark")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "au-backtest.h"

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
run (guint   years,
     guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBacktestResult) result = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alluse-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  AuBacktestConfig config = { 0 };
  gint64 started;
  double cpu_started, wall, cpu;

  if (dir == NULL)
    {
      fprintf (stderr, "bench-backtest: %s\n", error->message);
      return FALSE;
    }
  path = g_build_filename (dir, "bench.db", NULL);
  config.seed = seed;
  config.capital = (AuMoney) 300000 * 100;
  config.years = years;
  g_date_clear (&config.start, 1);
  g_date_set_dmy (&config.start, 4, 1, 2016);
  config.db_path = path;

  started = g_get_monotonic_time ();
  cpu_started = cpu_seconds ();
  result = au_backtest_run (&config, &error);
  wall = (g_get_monotonic_time () - started) / 1e6;
  cpu = cpu_seconds () - cpu_started;
  if (result == NULL)
    fprintf (stderr, "bench-backtest: %u years: %s\n", years, error->message);
  else
    printf ("{\"years\": %u, \"weeks\": %" G_GUINT64_FORMAT ", \"wall_seconds\": %.1f, "
            "\"cpu_seconds\": %.1f, \"weeks_per_second\": %.2f, \"weeks_per_cpu_second\": %.2f, "
            "\"peak_rss_mib\": %.1f, \"orders\": %" G_GUINT64_FORMAT ", \"audit_records\": %"
            G_GUINT64_FORMAT "}\n", years, (guint64) years * 52, wall, cpu,
            years * 52 / wall, years * 52 / cpu, peak_rss_kib () / 1024.0, result->orders,
            result->audit_records);
  fflush (stdout);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return result != NULL;
}

int
main (int    argc,
      char **argv)
{
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  /* Arguments: the lengths to run, 10 and 30 years by default. */
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      ok = run ((guint) atoi (argv[i]), 42) && ok;
  else
    ok = run (10, 42) && run (30, 42);
  return ok ? 0 : 1;
}

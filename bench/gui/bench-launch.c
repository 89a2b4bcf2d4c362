/* bench-launch.c: time from creating the window to its first painted frame
 *
 * In-process: from just before au_window_new_for_database() to the first
 * "after-paint" of the window's frame clock, over a missing database (the
 * first-run window) and over one with a portfolio when a path is given.
 * The first run includes GTK's and libadwaita's one-time start-up (theme,
 * fonts, resources); the median of the runs after it is the figure for a
 * window opened by a warm process. Needs a display:
 *   xvfb-run -a dbus-run-session _build/bench/gui/bench-launch [N] [DATABASE]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "au-application.h"
#include "au-window.h"
#include "gui-test-util.h"

typedef struct
{
  gint64   painted;
  gboolean done;
} Frame;

static void
on_after_paint (GdkFrameClock *clock,
                Frame         *frame)
{
  if (frame->done)
    return;

  frame->painted = g_get_monotonic_time ();
  frame->done = TRUE;
}

static void
on_map (GtkWidget *window,
        Frame     *frame)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), frame);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
one_launch (AuApplication *application,
            const char    *path)
{
  Frame frame = { 0 };
  gint64 start = g_get_monotonic_time ();
  AuWindow *window = au_window_new_for_database (GTK_APPLICATION (application), NULL, path);
  gint64 deadline = start + 30 * G_USEC_PER_SEC;

  g_signal_connect (window, "map", G_CALLBACK (on_map), &frame);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  while (!frame.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (frame.done);

  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

    g_signal_handlers_disconnect_by_func (clock, on_after_paint, &frame);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context ();

  return (frame.painted - start) / 1e3;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuApplication) application = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *missing = NULL;
  int runs = argc > 1 ? atoi (argv[1]) : 7;
  const char *path;
  double first;

  if (!have_display ())
    {
      printf ("# SKIP no display\n");
      return 0;
    }
  if (runs < 2)
    runs = 2;

  gtk_init ();
  adw_init ();
  application = au_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  missing = g_build_filename (g_get_tmp_dir (), "alluse-bench-launch-none.db", NULL);
  path = argc > 2 ? argv[2] : missing;

  first = one_launch (application, path);
  for (int i = 1; i < runs; i++)
    {
      double ms = one_launch (application, path);

      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);

  printf ("# launch to first frame (%s): first window %.1f ms (GTK start-up included); "
          "median of %u more %.1f ms (min %.1f, max %.1f)\n",
          argc > 2 ? path : "no portfolio", first, times->len,
          g_array_index (times, double, times->len / 2), g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1));
  return 0;
}

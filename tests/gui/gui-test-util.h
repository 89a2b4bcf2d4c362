/* gui-test-util.h: what the GUI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

static inline void
iterate_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @done says so; the workers report back
 * through it. Fails after 20 s rather than hang the suite. */
static inline void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate_main_context ();
}

/* Renders @widget as the compositor would, saves it as a PNG in the build
 * folder and reads it back; a blank render (one colour) fails. */
static inline void
save_widget_png (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "gui", name, NULL);
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean varied = FALSE;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget that queued a redraw has no render node until it is drawn. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered to %s", path);

  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, width);

  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (reloaded, pixels, (gsize) width * 4);
  for (gsize i = 4; i < (gsize) width * height * 4 && !varied; i += 4)
    varied = memcmp (pixels, pixels + i, 4) != 0;
  g_assert_true (varied);
}

static inline void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* Every label under @widget, one a line, with a newline first. */
static inline char *
widget_text (GtkWidget *widget)
{
  GString *text = g_string_new ("\n");

  collect_labels (widget, text);
  return g_string_free (text, FALSE);
}

static inline void
collect_shown_labels (GtkWidget *widget,
                      GString   *text)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_labels (child, text);
}

/* The labels under @widget a person can see (mapped: not a hidden stack
 * page or a closed popover), one a line, with a newline first. */
static inline char *
shown_text (GtkWidget *widget)
{
  GString *text = g_string_new ("\n");

  collect_shown_labels (widget, text);
  return g_string_free (text, FALSE);
}

/* Opens a display or says why the test is skipped: gtk_test_init ()
 * aborts without one, and GTK initialises only once. */
static inline gboolean
have_display (void)
{
  GdkDisplay *probe = gdk_display_open (NULL);

  if (probe == NULL)
    return FALSE;

  gdk_display_close (probe);
  return TRUE;
}

/* The start of every GUI test's main (): %FALSE, after TAP's skip line,
 * when there is no display to test on. */
static inline gboolean
gui_test_init (int    *argc,
               char ***argv)
{
  if (!have_display ())
    {
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Screenshots of a finished page, not of a crossfade between two. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

/* Returns: (transfer full): a new temporary folder for the test's
 * databases, from a g_dir_make_tmp () template */
static inline char *
gui_test_make_work_dir (const char *template)
{
  g_autoptr(GError) error = NULL;
  char *work_dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return work_dir;
}

/* Removes @work_dir and every file in it: databases, their -wal and -shm. */
static inline void
gui_test_remove_work_dir (const char *work_dir)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (work_dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (work_dir);
}

/* Returns: (transfer none): a window of @width × @height showing @page,
 * presented; it is drawn once the main loop runs */
static inline GtkWidget *
gui_test_present (GtkWidget *page,
                  int        width,
                  int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

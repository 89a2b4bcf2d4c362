/* test-window.c: the application shell, built in-process
 *
 * Builds the real AuApplication and AuWindow against the engine's
 * Constitution v1.3 and checks what a person would see: the empty state
 * with the constitution's version and fingerprint, the market and capital
 * from GSettings, the plain error when a constitution is broken, the saved
 * window size, the actions and their shortcuts. Saves a PNG of the window
 * into the build folder. Needs a display (Xvfb in CI); without one it
 * reports "1..0 # SKIP no display".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "au-application.h"
#include "au-backtest-dialog.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-window.h"

/* The most a sleeve pays in commissions before the first snapshot:
 * $100.00, far above a first Monday's few executions (D3). */
#define SLEEVE_COMMISSIONS 10000

static AuApplication *application;

static void
iterate_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static void
collect_text (GtkWidget *widget,
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
    collect_text (child, text);
}

/* Every line of text on the window's visible page, one label a line. */
static char *
visible_page_text (AuWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              AU_TYPE_WINDOW, "stack"));
  GString *text = g_string_new ("\n");

  collect_text (gtk_stack_get_visible_child (stack), text);

  return g_string_free (text, FALSE);
}

static const char *
visible_page_name (AuWindow *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                              AU_TYPE_WINDOW, "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static char *
constitution_source_path (void)
{
  return g_build_filename (g_getenv ("ALLUSE_SOURCE_ROOT"), "data", "constitution", "v1.3.ini",
                           NULL);
}

/* The fingerprint is computed here from the file on disk, not asked of
 * the engine, so a window that showed the wrong file would fail. */
static char *
expected_fingerprint_line (void)
{
  g_autofree char *path = constitution_source_path ();
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

  return g_strdup_printf ("\nSHA-256 %.12s\n", sha256);
}

static void
test_empty_state (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuWindow *window = au_window_new (GTK_APPLICATION (application));
  g_autofree char *text = visible_page_text (window);
  g_autofree char *fingerprint = expected_fingerprint_line ();

  g_assert_cmpstr (visible_page_name (window), ==, "empty");
  g_assert_nonnull (au_window_get_constitution (window));
  g_assert_null (au_window_get_constitution_error (window));

  g_assert_nonnull (strstr (text, "\nNo Portfolio Yet\n"));
  g_assert_nonnull (strstr (text, "\nVersion 1.3, profile C\n"));
  /* Twelve hex digits, no more: the line ends after the twelfth. */
  g_assert_nonnull (strstr (text, fingerprint));
  /* R0.1 as the constitution states it. */
  g_assert_nonnull (strstr (text, "\nGen-Acc 40%, Rev-Acc 30%, Com-Acc 30%\n"));
  /* The schema's defaults: the paper market and $300,000.00, as the CLI. */
  g_assert_nonnull (strstr (text, "\nEmbedded paper market"));
  g_assert_nonnull (strstr (text, "\n$300,000.00\n"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_shows (AuWindow   *window,
              const char *line)
{
  g_autofree char *text = visible_page_text (window);
  g_autofree char *wanted = g_strdup_printf ("\n%s\n", line);

  if (strstr (text, wanted) == NULL)
    g_error ("“%s” is not shown; the page reads:%s", line, text);
}

static void
test_settings_followed (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuWindow *window = au_window_new (GTK_APPLICATION (application));

  /* The schema's minimum, a grouping boundary and a large amount. */
  g_settings_set_int64 (settings, "starting-capital", 100000);
  iterate_main_context ();
  assert_shows (window, "$1,000.00");
  g_settings_set_int64 (settings, "starting-capital", 99999999);
  iterate_main_context ();
  assert_shows (window, "$999,999.99");
  g_settings_set_int64 (settings, "starting-capital", 12345678901);
  iterate_main_context ();
  assert_shows (window, "$123,456,789.01");

  g_settings_set_string (settings, "market-kind", "ib");
  g_settings_set_int (settings, "ib-client-id", 7);
  iterate_main_context ();
  assert_shows (window, "Interactive Brokers at 127.0.0.1:4002, client ID 7");

  g_settings_set_string (settings, "ib-host", "gateway.local");
  g_settings_set_int (settings, "ib-port", 7497);
  g_settings_set_string (settings, "ib-account", "DU1234567");
  iterate_main_context ();
  assert_shows (window, "Interactive Brokers at gateway.local:7497, client ID 7, account DU1234567");

  /* Settings are text, not markup: shown exactly as typed. */
  g_settings_set_string (settings, "ib-account", "DU<1&2>");
  iterate_main_context ();
  assert_shows (window, "Interactive Brokers at gateway.local:7497, client ID 7, account DU<1&2>");

  g_settings_set_string (settings, "market-kind", "paper");
  iterate_main_context ();
  assert_shows (window, "Embedded paper market: simulated prices, option chains and fills; "
                        "no broker account needed");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Writes the shipped constitution with one line replaced. */
static GFile *
write_edited_constitution (const char *from,
                           const char *to)
{
  g_autofree char *source = constitution_source_path ();
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);

  fd = g_file_open_tmp ("au-constitution-XXXXXX.ini", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, edited->str, (gssize) edited->len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
assert_refused (GFile      *file,
                const char *must_name)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) expected = NULL;
  g_autoptr(AuConstitution) engine_result = au_constitution_new_from_file (path, &expected);
  AuWindow *window;
  g_autofree char *text = NULL;

  /* The engine refuses the file; the window must show the engine's words,
   * shown as text although the status page takes markup. */
  g_assert_null (engine_result);
  g_assert_nonnull (expected);
  g_assert_nonnull (strstr (expected->message, must_name));

  g_test_expect_message ("au-window", G_LOG_LEVEL_WARNING, "Constitution not loaded: *");
  window = au_window_new_for_constitution (GTK_APPLICATION (application), file);
  g_test_assert_expected_messages ();

  g_assert_cmpstr (visible_page_name (window), ==, "error");
  g_assert_null (au_window_get_constitution (window));
  g_assert_nonnull (au_window_get_constitution_error (window));
  g_assert_cmpstr (au_window_get_constitution_error (window)->message, ==, expected->message);

  text = visible_page_text (window);
  g_assert_nonnull (strstr (text, "\nConstitution Not Loaded\n"));
  g_assert_nonnull (strstr (text, expected->message));
  g_assert_nonnull (strstr (text, "The autopilot will not trade on this constitution."));
  g_assert_null (strstr (text, "No Portfolio Yet"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_constitution_error (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GFile) inconsistent = write_edited_constitution ("split_gen=0.40", "split_gen=0.50");
  g_autoptr(GFile) typo = write_edited_constitution ("split_gen=0.40", "split_gne=0.40");
  g_autofree char *missing_path = g_build_filename (g_get_tmp_dir (), "au-no-such-constitution.ini",
                                                    NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);

  /* R0.1: 0.50 + 0.30 + 0.30 is outside the 0.001 tolerance. */
  assert_refused (inconsistent, "split");
  assert_refused (typo, "split_gne");
  assert_refused (missing, "au-no-such-constitution.ini");

  g_file_delete (inconsistent, NULL, NULL);
  g_file_delete (typo, NULL, NULL);
}

static void
close_with_size (AuWindow *window,
                 int       width,
                 int       height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_close (GTK_WINDOW (window));
  iterate_main_context ();
}

static AuWindow *
present_new_window (void)
{
  AuWindow *window = au_window_new (GTK_APPLICATION (application));

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
test_window_state_saved (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  window = au_window_new (GTK_APPLICATION (application));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  gtk_window_destroy (GTK_WINDOW (window));

  window = present_new_window ();
  close_with_size (window, 1111, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* Just under the schema's minimum: the last valid size stays. */
  window = present_new_window ();
  close_with_size (window, 359, 293);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);

  /* On the minimum: saved. */
  window = present_new_window ();
  close_with_size (window, 360, 294);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 360);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 294);
}

static void
assert_controls_labelled (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
    }

  if (ADW_IS_ACTION_ROW (widget))
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), !=, "");

  if (GTK_IS_LIST_BOX (widget)
      && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("A list in %s has no accessible label",
             G_OBJECT_TYPE_NAME (gtk_widget_get_ancestor (widget, ADW_TYPE_BIN) != NULL
                                 ? gtk_widget_get_ancestor (widget, ADW_TYPE_BIN)
                                 : gtk_widget_get_parent (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_controls_labelled (child);
}

static guint
count_type (GtkWidget *widget,
            GType      type)
{
  guint count = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_type (child, type);

  return count;
}

static void
test_accessible_labels (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuWindow *window = present_new_window ();

  /* The two menu buttons (main, autopilot controls), the summary list
   * and its five rows are all there. */
  g_assert_cmpuint (count_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON), ==, 2);
  g_assert_cmpuint (count_type (gtk_stack_get_visible_child (
                                  GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                            AU_TYPE_WINDOW,
                                                                            "stack"))),
                                ADW_TYPE_ACTION_ROW), ==, 5);
  assert_controls_labelled (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Renders @window as the compositor would and saves it as a PNG in the
 * build folder, then reads it back to prove the file is the window. */
static void
save_window_png (AuWindow   *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "gui", name, NULL);
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  gboolean varied = FALSE;

  g_assert_cmpint (width, >=, 360);
  g_assert_cmpint (height, >=, 294);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_unlink (path);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("window rendered to %s", path);

  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, width);
  g_assert_cmpint (gdk_texture_get_height (reloaded), ==, height);

  /* A blank render would be one colour; the window has text and rows. */
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (reloaded, pixels, (gsize) width * 4);
  for (gsize i = 4; i < (gsize) width * height * 4 && !varied; i += 4)
    varied = memcmp (pixels, pixels + i, 4) != 0;
  g_assert_true (varied);
}

static void
test_screenshot (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GFile) broken = write_edited_constitution ("split_gen=0.40", "split_gen=0.50");
  AuWindow *window = present_new_window ();

  save_window_png (window, "au-window.png");
  gtk_window_destroy (GTK_WINDOW (window));

  g_test_expect_message ("au-window", G_LOG_LEVEL_WARNING, "Constitution not loaded: *");
  window = au_window_new_for_constitution (GTK_APPLICATION (application), broken);
  g_test_assert_expected_messages ();
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_window_png (window, "au-window-error.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_file_delete (broken, NULL, NULL);
}

static GtkWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (item))
        return GTK_WINDOW (item);
    }

  return NULL;
}

static void
test_application_actions (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  GActionGroup *actions = G_ACTION_GROUP (application);
  g_auto(GStrv) quit_accels = NULL;
  g_auto(GStrv) close_accels = NULL;
  AuWindow *window;
  GtkWindow *about;
  g_autofree char *debug_info = NULL;

  /* Only actions that work. */
  g_assert_true (g_action_group_has_action (actions, "quit"));
  g_assert_true (g_action_group_has_action (actions, "about"));
  g_assert_true (g_action_group_has_action (actions, "preferences"));

  quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application), "app.quit");
  g_assert_cmpuint (g_strv_length (quit_accels), ==, 1);
  g_assert_cmpstr (quit_accels[0], ==, "<Control>q");
  close_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                        "window.close");
  g_assert_cmpstr (close_accels[0], ==, "<Control>w");

  window = present_new_window ();

  /* The shortcuts window comes from gtk/help-overlay.ui at the base path. */
  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (application)), ==,
                   "/io/github/alluse/Autopilot");
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  g_assert_null (find_about_window ());
  g_action_group_activate_action (actions, "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "ALL-USE Autopilot");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  /* The full SHA-256 goes into a bug report. */
  debug_info = g_strdup (adw_about_window_get_debug_info (ADW_ABOUT_WINDOW (about)));
  g_assert_nonnull (strstr (debug_info,
                            au_constitution_get_sha256 (au_window_get_constitution (window))));
  /* It belongs to the application, so Ctrl+Q reaches it and quit closes it. */
  g_assert_true (gtk_window_get_application (about) == GTK_APPLICATION (application));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (application))),
                    ==, 2);

  /* Quit closes every window, the open dialog included, and the main
   * window saves its size first. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  /* Ctrl+Q pressed in the dialog: GTK holds the dialog while the key event
   * runs, so it is released only after the main window is gone. */
  g_object_ref (about);
  g_action_group_activate_action (actions, "quit", NULL);
  iterate_main_context ();
  g_object_unref (about);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 768);
}


/* A fresh temporary folder for one database and its paper account. */
static char *
temp_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("au-window-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "autopilot.db", NULL);
}

static void
remove_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm", ".paper.json", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static gboolean
window_idle (gpointer data)
{
  return !au_window_get_busy (data);
}

/* Runs the main loop until @done, failing after @seconds. */
static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data,
          int        seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static AuWindow *
open_database_window (const char *path)
{
  AuWindow *window = au_window_new_for_database (GTK_APPLICATION (application), NULL, path);

  gtk_window_present (GTK_WINDOW (window));
  wait_for (window_idle, window, 20);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static gboolean
enabled (AuWindow   *window,
         const char *action)
{
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), action));
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), action);
}

static void
test_controls_without_portfolio (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autofree char *path = temp_database ();
  AuWindow *window = open_database_window (path);
  static const struct { const char *action; const char *accel; } accels[] = {
    { "win.toggle-autopilot", "<Control>space" },
    { "win.enter-safe", "<Shift><Control>s" },
    { "win.kill-switch", "<Shift><Control>k" },
    { "win.reset-latch", "<Shift><Control>r" },
    { "win.run-backtest", "<Control>b" },
    { "win.help", "F1" },
  };

  /* No portfolio: only the first run, a backtest and help make sense. */
  g_assert_false (au_window_get_has_portfolio (window));
  g_assert_true (enabled (window, "create-portfolio"));
  g_assert_true (enabled (window, "run-backtest"));
  g_assert_true (enabled (window, "help"));
  g_assert_false (enabled (window, "toggle-autopilot"));
  g_assert_false (enabled (window, "enter-safe"));
  g_assert_false (enabled (window, "kill-switch"));
  g_assert_false (enabled (window, "reset-latch"));
  g_assert_false (au_session_get_running (au_window_get_session (window)));

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) got = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                accels[i].action);

      g_assert_cmpuint (g_strv_length (got), ==, 1);
      g_assert_cmpstr (got[0], ==, accels[i].accel);
    }

  /* "Run Backtest…" opens the backtest dialog over the window, ready to
   * run, and its groups' lists are labelled for screen readers too. */
  {
    GtkWindow *dialog = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();

    g_action_group_activate_action (G_ACTION_GROUP (window), "run-backtest", NULL);
    iterate_main_context ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (AU_IS_BACKTEST_DIALOG (toplevel))
          dialog = GTK_WINDOW (toplevel);
      }
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
    assert_controls_labelled (GTK_WIDGET (dialog));
    gtk_window_destroy (dialog);
  }

  /* The speed control stores the paper clock's speed for the next start. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "speed",
                                      g_variant_new_double (3600.0));
  g_assert_cmpfloat (g_settings_get_double (settings, "paper-speed"), ==, 3600.0);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_database (path);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

/* Opens the action's dialog, checks its heading and answers it. */
static void
answer_dialog (AuWindow   *window,
               const char *action,
               const char *heading,
               const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_null (find_message_dialog ());
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_main_context ();
}

static gboolean
has_portfolio_and_snapshot (gpointer data)
{
  AuSession *session = au_window_get_session (data);

  return au_window_get_has_portfolio (data) && au_session_get_snapshot (session) != NULL
         && !au_window_get_busy (data);
}

static gboolean
session_active (gpointer data)
{
  return au_system_state_is_active (au_session_get_state (data));
}

static gboolean
session_safe (gpointer data)
{
  return au_session_get_state (data) == AU_SYSTEM_SAFE;
}

static gboolean
session_emergency (gpointer data)
{
  return au_session_get_state (data) == AU_SYSTEM_EMERGENCY;
}

static gboolean
session_not_emergency (gpointer data)
{
  return au_session_get_state (data) != AU_SYSTEM_EMERGENCY;
}

static gboolean
session_paused (gpointer data)
{
  return au_session_get_paused (data);
}

static gboolean
session_stopped (gpointer data)
{
  return !au_session_get_running (data);
}

/* The first run on a temporary database: "Create Paper Portfolio" starts
 * a paper engine with the preferences' capital; the controls follow the
 * state, each behind its confirmation. */
static void
test_first_run_and_controls (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autofree char *path = temp_database ();
  AuWindow *window;
  AuSession *session;
  AuEngineSnapshot *snapshot;
  AuAutopilotSnapshot *details;
  AuMoney total = 0;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* A Monday in the paper market's past (any date works); an hour a
   * second, so the Monday window comes within seconds. */
  g_settings_set_double (settings, "paper-speed", 3600.0);
  /* No notification server on the test's bus; AuNotifier has its own test. */
  g_settings_set_boolean (settings, "notifications", FALSE);
  window = open_database_window (path);
  session = au_window_get_session (window);
  {
    GDate start;

    g_date_set_dmy (&start, 5, G_DATE_JANUARY, 2026);
    au_session_set_paper_market (session, 42, &start);
  }

  g_action_group_activate_action (G_ACTION_GROUP (window), "create-portfolio", NULL);
  g_assert_true (au_session_get_running (session));
  g_assert_false (enabled (window, "create-portfolio"));
  wait_for (has_portfolio_and_snapshot, window, 30);

  /* R0.1: the preferences' $300,000.00, all of it in the tree, split
   * 40/30/30. The engine may already have traded (Com-Acc buys its share
   * lots on the first Monday, D2.23), so cash alone proves nothing; the
   * equity at cost (cash + shares and options at cost − premium written)
   * moves only by the commissions paid (D3: $0.65 a contract, $0.005 a
   * share, at least $1.00 an execution), a few dollars on the first day. */
  snapshot = au_session_get_snapshot (session);
  details = au_engine_snapshot_get_details (snapshot, AU_TYPE_AUTOPILOT_SNAPSHOT);
  g_assert_nonnull (details);
  g_assert_cmpuint (details->accounts->len, ==, 3);
  for (guint i = 0; i < details->accounts->len; i++)
    {
      AuAutopilotAccountView *view = g_ptr_array_index (details->accounts, i);
      AuMoney share = g_str_equal (view->kind, "gen") ? 12000000 : 9000000;

      g_test_message ("%s: equity %" G_GINT64_FORMAT " cash %" G_GINT64_FORMAT " cents",
                      view->name, view->equity, view->cash);
      g_assert_true (g_str_equal (view->kind, "gen") || g_str_equal (view->kind, "rev")
                     || g_str_equal (view->kind, "com"));
      g_assert_cmpint (view->equity, <=, share);
      g_assert_cmpint (view->equity, >=, share - SLEEVE_COMMISSIONS);
      total += view->equity;
    }
  g_assert_cmpint (total, <=, 30000000);
  g_assert_cmpint (total, >=, 30000000 - 3 * SLEEVE_COMMISSIONS);
  g_assert_true (enabled (window, "toggle-autopilot"));
  g_assert_true (enabled (window, "kill-switch"));

  /* SAFE: exits only, behind a confirmation (R9). */
  wait_for (session_active, session, 30);
  g_assert_true (enabled (window, "enter-safe"));
  g_assert_false (enabled (window, "reset-latch"));
  answer_dialog (window, "enter-safe", "Enter SAFE?", "safe");
  wait_for (session_safe, session, 10);
  g_assert_false (enabled (window, "enter-safe"));
  g_assert_false (enabled (window, "reset-latch"));

  /* The kill switch: EMERGENCY until reset (R6.9, D2.26). */
  answer_dialog (window, "kill-switch", "Throw the Kill Switch?", "kill");
  wait_for (session_emergency, session, 10);
  g_assert_false (enabled (window, "kill-switch"));
  g_assert_true (enabled (window, "reset-latch"));

  /* The reset needs a reason: refused empty or blank, taken with one. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reset-latch", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Reset the Latch?");
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reset"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reset"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "VIX checked by hand");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reset"));
  adw_message_dialog_response (dialog, "reset");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for (session_not_emergency, session, 10);
  g_assert_false (enabled (window, "reset-latch"));

  /* Pause is remembered for the next launch. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-autopilot", NULL);
  wait_for (session_paused, session, 10);
  g_assert_true (g_settings_get_boolean (settings, "autopilot-paused"));

  /* Closing the window stops the engine cleanly. */
  g_object_ref (session);
  gtk_window_close (GTK_WINDOW (window));
  wait_for (session_stopped, session, 20);
  g_assert_null (au_session_get_error (session));
  g_object_unref (session);

  /* Paused last time: the next window does not start the engine. */
  window = open_database_window (path);
  g_assert_true (au_window_get_has_portfolio (window));
  g_assert_false (au_session_get_running (au_window_get_session (window)));
  g_assert_true (enabled (window, "toggle-autopilot"));
  g_assert_false (enabled (window, "create-portfolio"));
  gtk_window_destroy (GTK_WINDOW (window));
  remove_database (path);
}

/* A second writer (alluse-cli run holding the database) gets the
 * engine's clear error, shown plainly; the window keeps reading. */
static void
test_second_writer (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autofree char *path = temp_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) writer = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  AuWindow *window;
  AuSession *session;
  GtkRevealer *revealer;
  GtkLabel *label;

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "notifications", FALSE);
  window = open_database_window (path);
  session = au_window_get_session (window);
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), AU_TYPE_WINDOW,
                                                          "error_revealer"));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), AU_TYPE_WINDOW,
                                                    "error_label"));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));

  g_test_expect_message ("au-session", G_LOG_LEVEL_WARNING, "The autopilot stopped: *");
  g_action_group_activate_action (G_ACTION_GROUP (window), "create-portfolio", NULL);
  wait_for (session_stopped, session, 20);
  g_test_assert_expected_messages ();

  g_assert_nonnull (au_session_get_error (session));
  g_assert_true (g_error_matches (au_session_get_error (session), AU_DATABASE_ERROR,
                                  AU_DATABASE_ERROR_LOCKED));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "The autopilot stopped: "));
  g_assert_nonnull (strstr (gtk_label_get_text (label), au_session_get_error (session)->message));
  /* Nothing was created: the first run is still offered. */
  wait_for (window_idle, window, 20);
  g_assert_false (au_window_get_has_portfolio (window));
  g_assert_true (enabled (window, "create-portfolio"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&writer);
  remove_database (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  GdkDisplay *probe;
  int status;

  /* gtk_test_init () aborts without a display, and GTK may be initialised
   * only once, so probe with GDK alone first. */
  probe = gdk_display_open (NULL);
  if (probe == NULL)
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }
  gdk_display_close (probe);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = au_application_new ();
  /* Another instance on the same bus must not turn this one remote. */
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/window/empty-state", test_empty_state);
  g_test_add_func ("/gui/window/settings-followed", test_settings_followed);
  g_test_add_func ("/gui/window/constitution-error", test_constitution_error);
  g_test_add_func ("/gui/window/state-saved", test_window_state_saved);
  g_test_add_func ("/gui/window/accessible-labels", test_accessible_labels);
  g_test_add_func ("/gui/window/screenshot", test_screenshot);
  g_test_add_func ("/gui/window/controls-without-portfolio", test_controls_without_portfolio);
  g_test_add_func ("/gui/window/first-run-and-controls", test_first_run_and_controls);
  g_test_add_func ("/gui/window/second-writer", test_second_writer);
  g_test_add_func ("/gui/application/actions", test_application_actions);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}

/* test-preferences.c: the Preferences window, built in-process
 *
 * Builds the real AuPreferencesWindow over the memory GSettings backend
 * and the session collection of the Secret Service, and checks what a
 * person would see and change: the rows follow the settings and the
 * settings follow the rows, the gateway's rows are insensitive on the
 * paper market, "Test connection" against a closed port says why in plain
 * words (and is cancelled with the window), a secret typed in is stored in
 * the keyring and nowhere else, and every control has a name for screen
 * readers. Saves a PNG of each page into the build folder. Needs a display
 * (Xvfb in CI); without one it reports "1..0 # SKIP no display".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "au-application.h"
#include "au-preferences-window.h"
#include "au-window.h"

static AuApplication *application;

static void
iterate_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @done, failing after @seconds. */
static void
wait_until (gboolean  (*done) (gpointer data),
            gpointer    data,
            int         seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  iterate_main_context ();
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

static gpointer
child (AuPreferencesWindow *window,
       const char          *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   AU_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static AuPreferencesWindow *
new_window (GSettings *settings)
{
  g_autoptr(AuSecretStore) store = au_secret_store_new (AU_SECRET_COLLECTION_SESSION);

  return au_preferences_window_new (NULL, settings, store);
}

static void
test_builds_with_defaults (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window = new_window (settings);

  g_assert_true (au_preferences_window_get_settings (window) == settings);
  g_assert_cmpint (au_secret_store_get_collection (au_preferences_window_get_secret_store (window)),
                   ==, AU_SECRET_COLLECTION_SESSION);
  /* The schema's defaults: the paper market, 127.0.0.1:4002, client 1,
   * no account, $300,000.00 (as alluse-cli run), notifications on. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (window, "market_row")), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "host_row")), ==, "127.0.0.1");
  g_assert_cmpfloat (gtk_spin_button_get_value (child (window, "port_spin")), ==, 4002);
  g_assert_cmpfloat (gtk_spin_button_get_value (child (window, "client_id_spin")), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "account_row")), ==, "");
  g_assert_cmpfloat (gtk_spin_button_get_value (child (window, "capital_spin")), ==, 300000.0);
  g_assert_true (gtk_switch_get_active (child (window, "notifications_switch")));
  /* The port's subtitle names the four usual ports. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (window, "port_row")), "4001"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (window, "port_row")), "7496"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (window, "port_row")), "7497"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_rows_bound (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window = new_window (settings);
  GtkSpinButton *capital = child (window, "capital_spin");

  /* Settings → rows. */
  g_settings_set_string (settings, "market-kind", "ib");
  g_settings_set_string (settings, "ib-host", "gateway.local");
  g_settings_set_int (settings, "ib-port", 7497);
  g_settings_set_int (settings, "ib-client-id", 7);
  g_settings_set_string (settings, "ib-account", "DU1234567");
  g_settings_set_boolean (settings, "notifications", FALSE);
  iterate_main_context ();
  g_assert_cmpuint (adw_combo_row_get_selected (child (window, "market_row")), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "host_row")), ==, "gateway.local");
  g_assert_cmpfloat (gtk_spin_button_get_value (child (window, "port_spin")), ==, 7497);
  g_assert_cmpfloat (gtk_spin_button_get_value (child (window, "client_id_spin")), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "account_row")), ==, "DU1234567");
  g_assert_false (gtk_switch_get_active (child (window, "notifications_switch")));

  /* Cents → dollars, at the schema's minimum, a grouping boundary and a
   * large amount with cents. */
  g_settings_set_int64 (settings, "starting-capital", 100000);
  g_assert_cmpfloat (gtk_spin_button_get_value (capital), ==, 1000.00);
  g_settings_set_int64 (settings, "starting-capital", 99999999);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (capital), 999999.99, 1e-9);
  g_settings_set_int64 (settings, "starting-capital", 12345678901);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (capital), 123456789.01, 1e-9);

  /* Rows → settings, and back. */
  adw_combo_row_set_selected (child (window, "market_row"), 0);
  g_assert_cmpstr (g_settings_get_string (settings, "market-kind"), ==, "paper");
  adw_combo_row_set_selected (child (window, "market_row"), 1);
  g_assert_cmpstr (g_settings_get_string (settings, "market-kind"), ==, "ib");
  gtk_editable_set_text (child (window, "host_row"), "10.0.0.5");
  g_assert_cmpstr (g_settings_get_string (settings, "ib-host"), ==, "10.0.0.5");
  gtk_spin_button_set_value (child (window, "port_spin"), 4001);
  g_assert_cmpint (g_settings_get_int (settings, "ib-port"), ==, 4001);
  /* The spin button keeps to the schema's range: 65536 stays 65535. */
  gtk_spin_button_set_value (child (window, "port_spin"), 65536);
  g_assert_cmpint (g_settings_get_int (settings, "ib-port"), ==, 65535);
  gtk_spin_button_set_value (child (window, "client_id_spin"), 0);
  g_assert_cmpint (g_settings_get_int (settings, "ib-client-id"), ==, 0);
  gtk_editable_set_text (child (window, "account_row"), "U7654321");
  g_assert_cmpstr (g_settings_get_string (settings, "ib-account"), ==, "U7654321");
  gtk_switch_set_active (child (window, "notifications_switch"), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "notifications"));

  gtk_spin_button_set_value (capital, 1000.00);
  g_assert_cmpint (g_settings_get_int64 (settings, "starting-capital"), ==, 100000);
  gtk_spin_button_set_value (capital, 250000.01);
  g_assert_cmpint (g_settings_get_int64 (settings, "starting-capital"), ==, 25000001);
  gtk_spin_button_set_value (capital, 1000000000.00);
  g_assert_cmpint (g_settings_get_int64 (settings, "starting-capital"), ==, 100000000000);
  /* Just under the minimum: the spin button clamps to $1,000.00. */
  gtk_spin_button_set_value (capital, 999.99);
  g_assert_cmpint (g_settings_get_int64 (settings, "starting-capital"), ==, 100000);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ib_rows_follow_market (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window = new_window (settings);

  g_assert_false (gtk_widget_get_sensitive (child (window, "ib_group")));
  g_assert_false (gtk_widget_is_sensitive (child (window, "host_row")));
  g_assert_false (gtk_widget_is_sensitive (child (window, "test_button")));
  g_assert_true (gtk_widget_is_sensitive (child (window, "market_row")));

  g_settings_set_string (settings, "market-kind", "ib");
  g_assert_true (gtk_widget_is_sensitive (child (window, "host_row")));
  g_assert_true (gtk_widget_is_sensitive (child (window, "port_spin")));
  g_assert_true (gtk_widget_is_sensitive (child (window, "test_button")));

  adw_combo_row_set_selected (child (window, "market_row"), 0);
  g_assert_false (gtk_widget_is_sensitive (child (window, "account_row")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A port on 127.0.0.1 that nothing listens on: bound, read, released. */
static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
test_done (gpointer data)
{
  return gtk_widget_get_sensitive (child (data, "test_button"));
}

static void
test_connection_refused (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window = new_window (settings);
  AdwActionRow *row = child (window, "test_row");
  guint16 port = closed_port ();
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *connecting = g_strdup_printf ("Connecting to %s…", address);
  const char *result;
  gint64 start;

  g_settings_set_string (settings, "market-kind", "ib");
  g_settings_set_int (settings, "ib-port", port);
  gtk_window_present (GTK_WINDOW (window));

  start = g_get_monotonic_time ();
  g_signal_emit_by_name (child (window, "test_button"), "clicked");
  /* Under way: a spinner, the button waits, the row says where. */
  g_assert_true (gtk_widget_get_visible (child (window, "test_spinner")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "test_button")));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, connecting);

  wait_until (test_done, window, 15);
  g_test_message ("refused port answered in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  result = adw_action_row_get_subtitle (row);
  g_test_message ("result: %s", result);
  g_assert_true (g_str_has_prefix (result, "Could not connect: "));
  g_assert_nonnull (strstr (result, "refused"));
  /* It names the address it tried. */
  g_assert_nonnull (strstr (result, address));
  g_assert_false (gtk_widget_get_visible (child (window, "test_spinner")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A peer that accepts and never answers: the test is under way when the
 * window closes, and nothing is touched after. */
static void
test_connection_cancelled (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  AuPreferencesWindow *window;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "market-kind", "ib");
  g_settings_set_int (settings, "ib-port", port);

  window = new_window (settings);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (child (window, "test_button"), "clicked");
  for (int i = 0; i < 20; i++)
    {
      iterate_main_context ();
      g_usleep (5000);
    }
  g_assert_false (gtk_widget_get_sensitive (child (window, "test_button")));

  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 50 && window != NULL; i++)
    {
      iterate_main_context ();
      g_usleep (5000);
    }
  /* The pending connection let go of the window: it is gone. */
  g_assert_null (window);
}

/* Secrets */

static gboolean
have_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_test_skip ("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset); "
               "run the suite under dbus-run-session");
  return FALSE;
}

/* The rows of one kind, found by the group's title. */
static AdwPreferencesGroup *
find_group (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (widget)
      && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0)
    return ADW_PREFERENCES_GROUP (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      AdwPreferencesGroup *found = find_group (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The nth AdwPreferencesRow of @group (status, origin, value). */
static GtkWidget *
group_row (AdwPreferencesGroup *group,
           guint                n)
{
  GtkWidget *list = find_type (GTK_WIDGET (group), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) n);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

typedef struct
{
  AdwActionRow *row;
  const char   *wanted;
} SubtitleWait;

static gboolean
subtitle_is (gpointer data)
{
  SubtitleWait *wait = data;

  return g_strcmp0 (adw_action_row_get_subtitle (wait->row), wait->wanted) == 0;
}

static void
wait_for_subtitle (AdwActionRow *row,
                   const char   *wanted)
{
  SubtitleWait wait = { row, wanted };

  wait_until (subtitle_is, &wait, 20);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static char *
keyring_value (AuSecretStore *store,
               AuSecretKind   kind,
               const char    *origin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  au_secret_store_lookup_async (store, kind, origin, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  value = au_secret_store_lookup_finish (store, result, &error);
  g_assert_no_error (error);
  return value;
}

/* No key of the settings holds @value. */
static void
assert_not_in_settings (GSettings  *settings,
                        const char *value)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) v = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (v, FALSE);

      g_assert_null (strstr (text, value));
    }
}

static void
test_secret_stored_and_cleared (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window;
  AdwPreferencesGroup *group;
  AdwActionRow *status_row;
  GtkWidget *origin_row;
  GtkWidget *value_row;
  GtkWidget *clear_button;
  char *value;

  if (!have_session_bus ())
    return;
  window = new_window (settings);
  group = find_group (GTK_WIDGET (window), "Assistant API Key");
  g_assert_nonnull (group);
  status_row = ADW_ACTION_ROW (group_row (group, 0));
  origin_row = group_row (group, 1);
  value_row = group_row (group, 2);
  g_assert_true (ADW_IS_ENTRY_ROW (origin_row));
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (value_row));
  clear_button = find_type (GTK_WIDGET (status_row), GTK_TYPE_BUTTON);

  /* Start from nothing stored. */
  if (gtk_widget_get_sensitive (clear_button) || strcmp (adw_action_row_get_subtitle (status_row),
                                                         "Not set") != 0)
    {
      wait_for_subtitle (status_row, adw_action_row_get_subtitle (status_row));
      if (gtk_widget_get_sensitive (clear_button))
        g_signal_emit_by_name (clear_button, "clicked");
    }
  wait_for_subtitle (status_row, "Not set");
  g_assert_false (gtk_widget_get_sensitive (clear_button));

  gtk_editable_set_text (GTK_EDITABLE (origin_row), "https://API.example.com");
  gtk_editable_set_text (GTK_EDITABLE (value_row), "sk-gui-Typed-4242");
  g_signal_emit_by_name (value_row, "apply");
  /* Handed over and emptied at once. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_row)), ==, "");

  wait_for_subtitle (status_row, "Set, sent only to https://api.example.com:443");
  g_assert_true (gtk_widget_get_sensitive (clear_button));
  value = keyring_value (au_preferences_window_get_secret_store (window),
                         AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443");
  g_assert_cmpstr (value, ==, "sk-gui-Typed-4242");
  au_secret_free (value);
  assert_not_in_settings (settings, "sk-gui-Typed");

  /* A bad origin: refused, said plainly, nothing stored. */
  gtk_editable_set_text (GTK_EDITABLE (origin_row), "https://me:pw@api.example.com");
  gtk_editable_set_text (GTK_EDITABLE (value_row), "sk-gui-Other-1");
  g_signal_emit_by_name (value_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (value_row)), ==, "");
  for (int i = 0; i < 20; i++)
    {
      iterate_main_context ();
      g_usleep (5000);
    }
  g_assert_cmpstr (adw_action_row_get_subtitle (status_row), ==,
                   "Set, sent only to https://api.example.com:443");

  g_signal_emit_by_name (clear_button, "clicked");
  wait_for_subtitle (status_row, "Not set");
  g_assert_false (gtk_widget_get_sensitive (clear_button));
  g_assert_null (keyring_value (au_preferences_window_get_secret_store (window),
                                AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443"));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context ();
}

/* Accessibility */

static void
assert_labelled (GtkWidget *widget,
                 gpointer   user_data)
{
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget))
    g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  /* Our buttons (libadwaita labels its own): Test and each Clear say
   * what they do, for a screen reader and in a tooltip. */
  if (GTK_IS_BUTTON (widget) && (g_strcmp0 (gtk_widget_get_name (widget), "test_button") == 0
                                 || gtk_widget_has_css_class (widget, "destructive-action")))
    {
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                       GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
      (*(guint *) user_data)++;
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    assert_labelled (c, user_data);
}

static guint
count_type (GtkWidget *widget,
            GType      type)
{
  guint count = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    count += count_type (c, type);
  return count;
}

static void
test_controls_labelled (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window = new_window (settings);
  guint buttons = 0;

  gtk_widget_set_name (child (window, "test_button"), "test_button");
  /* Port, client ID, capital; notifications; one password row per kind. */
  g_assert_cmpuint (count_type (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON), ==, 3);
  g_assert_cmpuint (count_type (GTK_WIDGET (window), GTK_TYPE_SWITCH), ==, 1);
  g_assert_cmpuint (count_type (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW), ==,
                    AU_SECRET_N_KINDS);
  assert_labelled (GTK_WIDGET (window), &buttons);
  /* Test, and Clear for each kind. */
  g_assert_cmpuint (buttons, ==, 1 + AU_SECRET_N_KINDS);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Screenshots */

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "gui", name, NULL);
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean varied = FALSE;

  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_unlink (path);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("%s rendered to %s", name, path);

  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, width);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (reloaded, pixels, (gsize) width * 4);
  for (gsize i = 4; i < (gsize) width * height * 4 && !varied; i += 4)
    varied = memcmp (pixels, pixels + i, 4) != 0;
  g_assert_true (varied);
}

static void
test_screenshots (void)
{
  static const char *pages[] = { "market", "portfolio", "secrets" };
  g_autoptr(GSettings) settings = fresh_settings ();
  AuPreferencesWindow *window;

  g_settings_set_string (settings, "market-kind", "ib");
  window = new_window (settings);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("au-preferences-%s.png", pages[i]);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), pages[i]);
      /* The secrets page shows the keyring's answer, not "Checking…". */
      for (int n = 0; n < 40; n++)
        {
          iterate_main_context ();
          g_usleep (5000);
        }
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      save_png (GTK_WIDGET (window), name);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The application's action and shortcut */

static GtkWindow *
find_preferences (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = l->next)
    if (AU_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_application_action (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_auto(GStrv) accels = NULL;
  AuWindow *window;
  GtkWindow *preferences;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "preferences"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                  "app.preferences");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  window = au_window_new (GTK_APPLICATION (application));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (find_preferences ());

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (preferences));

  /* Asked again: the same window, not a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_assert_true (find_preferences () == preferences);

  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_main_context ();
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
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/preferences/defaults", test_builds_with_defaults);
  g_test_add_func ("/gui/preferences/rows-bound", test_rows_bound);
  g_test_add_func ("/gui/preferences/ib-rows-follow-market", test_ib_rows_follow_market);
  g_test_add_func ("/gui/preferences/connection-refused", test_connection_refused);
  g_test_add_func ("/gui/preferences/connection-cancelled", test_connection_cancelled);
  g_test_add_func ("/gui/preferences/secret-stored-and-cleared", test_secret_stored_and_cleared);
  g_test_add_func ("/gui/preferences/controls-labelled", test_controls_labelled);
  g_test_add_func ("/gui/preferences/screenshots", test_screenshots);
  g_test_add_func ("/gui/preferences/application-action", test_application_action);

  status = g_test_run ();

  g_clear_object (&application);

  return status;
}

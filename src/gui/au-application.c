/* au-application.c: the ALL-USE Autopilot desktop application
 *
 * The application carries quit (Ctrl+Q), preferences (Ctrl+comma), about,
 * and the keyboard shortcuts window that GtkApplication builds from
 * gtk/help-overlay.ui at the resource base path. It sets the shortcuts of
 * the window's autopilot controls, and at shutdown joins each window's
 * engine thread, waiting a bounded time for its clean stop (D4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-application"

#include "config.h"

#include <glib/gi18n.h>

#include "au-application.h"
#include "au-preferences-window.h"
#include "au-window.h"

#define RESOURCE_BASE_PATH "/io/github/alluse/Autopilot"

struct _AuApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AuApplication, au_application, ADW_TYPE_APPLICATION)

/* The main window, even when a dialog of it is the active window. */
static GtkWindow *
find_main_window (AuApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AU_IS_WINDOW (l->data))
      return GTK_WINDOW (l->data);

  return NULL;
}

/* What a bug report needs to reproduce a decision: the exact constitution. */
static char *
build_debug_info (GtkWindow *window)
{
  GString *info = g_string_new (NULL);

  g_string_append_printf (info, "ALL-USE Autopilot %s\n", PACKAGE_VERSION);
  g_string_append_printf (info, "GLib %u.%u.%u, GTK %u.%u.%u, libadwaita %u.%u.%u\n",
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (),
                          adw_get_micro_version ());

  if (AU_IS_WINDOW (window))
    {
      AuWindow *au_window = AU_WINDOW (window);
      AuConstitution *constitution = au_window_get_constitution (au_window);
      const GError *error = au_window_get_constitution_error (au_window);

      if (constitution != NULL)
        g_string_append_printf (info, "Constitution %s from %s\nSHA-256 %s\n",
                                au_constitution_get_version (constitution),
                                au_constitution_get_origin (constitution),
                                au_constitution_get_sha256 (constitution));
      else if (error != NULL)
        g_string_append_printf (info, "Constitution not loaded: %s\n", error->message);
    }

  return g_string_free (info, FALSE);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AuApplication *self = AU_APPLICATION (user_data);
  GtkWindow *window = find_main_window (self);
  g_autofree char *debug_info = build_debug_info (window);
  static const char *developers[] = { "The ALL-USE Autopilot developers", NULL };
  GtkWidget *about;

  /* Belonging to the application, the window answers Ctrl+Q too. */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", self,
                        "transient-for", window,
                        "destroy-with-parent", TRUE,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("ALL-USE Autopilot"),
                        "developer-name", _("The ALL-USE Autopilot developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Runs the ALL-USE options-income strategy by its "
                                      "constitution, through Interactive Brokers or an "
                                      "embedded paper market. Options involve risk; the "
                                      "autopilot gives no financial advice."),
                        "website", "https://github.com/alluse/Autopilot",
                        "issue-url", "https://github.com/alluse/Autopilot/issues",
                        "developers", developers,
                        "copyright", "© 2026 The ALL-USE Autopilot developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one a line, shown in About. */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static GtkWindow *
find_dialog (AuApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_window_get_transient_for (l->data) != NULL)
      return l->data;

  return NULL;
}

/* Dialogs go first, and are cut from their parents: when quit comes from a
 * dialog's own shortcut, GTK holds the dialog until the key event is done,
 * after the main window is gone, and GTK 4.8 would then touch the freed
 * parent. The main windows are closed rather than destroyed, so each saves
 * its size. */
static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  AuApplication *self = AU_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;
  GtkWindow *dialog;

  while ((dialog = find_dialog (self)) != NULL)
    {
      gtk_window_set_transient_for (dialog, NULL);
      gtk_window_destroy (dialog);
    }

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

/* One Preferences window at a time, over the main window. It belongs to
 * the application, so quit closes it with the rest; secrets go to the
 * user's keyring (D4). */
static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AuApplication *self = AU_APPLICATION (user_data);
  GtkWindow *preferences = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AU_IS_PREFERENCES_WINDOW (l->data))
      {
        preferences = GTK_WINDOW (l->data);
        break;
      }

  if (preferences == NULL)
    {
      preferences = GTK_WINDOW (au_preferences_window_new (find_main_window (self), NULL, NULL));
      gtk_window_set_application (preferences, GTK_APPLICATION (self));
    }
  gtk_window_present (preferences);
}

/* The window's autopilot controls (AuWindow's win. actions). */
static const struct
{
  const char *action;
  const char *accel;
} window_accels[] = {
  { "win.toggle-autopilot", "<Control>space" },
  { "win.enter-safe", "<Control><Shift>s" },
  { "win.kill-switch", "<Control><Shift>k" },
  { "win.reset-latch", "<Control><Shift>r" },
  { "win.run-backtest", "<Control>b" },
  { "win.help", "F1" },
};

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "quit", .activate = quit_activated },
};

static void
au_application_startup (GApplication *application)
{
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (au_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);

  gtk_application_set_accels_for_action (gtk_application, "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_application, "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    gtk_application_set_accels_for_action (gtk_application, window_accels[i].action,
                                           (const char *[]) { window_accels[i].accel, NULL });
}

/* The engine persists its clock and ends its thread; a window closed
 * earlier asked for that already, so the wait is short. */
static void
au_application_shutdown (GApplication *application)
{
  AuApplication *self = AU_APPLICATION (application);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (AU_IS_WINDOW (l->data))
      {
        g_autoptr(GError) error = NULL;

        if (!au_session_stop (au_window_get_session (l->data), AU_SESSION_STOP_TIMEOUT_MS,
                              &error))
          g_warning ("The autopilot did not stop cleanly: %s", error->message);
      }

  G_APPLICATION_CLASS (au_application_parent_class)->shutdown (application);
}

static void
au_application_activate (GApplication *application)
{
  AuApplication *self = AU_APPLICATION (application);
  GtkWindow *window = find_main_window (self);

  if (window == NULL)
    window = GTK_WINDOW (au_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
au_application_class_init (AuApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->startup = au_application_startup;
  application_class->activate = au_application_activate;
  application_class->shutdown = au_application_shutdown;
}

static void
au_application_init (AuApplication *self)
{
}

/**
 * au_application_new:
 *
 * Creates the application. Its resource base path is set explicitly, so a
 * differently named build (a development app ID) still finds its help
 * overlay, icons and templates.
 *
 * Returns: (transfer full): a new #AuApplication
 */
AuApplication *
au_application_new (void)
{
  return g_object_new (AU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

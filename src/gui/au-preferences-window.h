/* au-preferences-window.h: the Preferences window (issue 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-secret-store.h"

G_BEGIN_DECLS

#define AU_TYPE_PREFERENCES_WINDOW (au_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AuPreferencesWindow, au_preferences_window, AU, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

AuPreferencesWindow *au_preferences_window_new              (GtkWindow           *parent,
                                                             GSettings           *settings,
                                                             AuSecretStore       *secret_store);
GSettings           *au_preferences_window_get_settings     (AuPreferencesWindow *self);
AuSecretStore       *au_preferences_window_get_secret_store (AuPreferencesWindow *self);

G_END_DECLS

/* au-window.h: the main window of ALL-USE Autopilot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-constitution.h"

G_BEGIN_DECLS

#define AU_TYPE_WINDOW (au_window_get_type ())

G_DECLARE_FINAL_TYPE (AuWindow, au_window, AU, WINDOW, AdwApplicationWindow)

AuWindow       *au_window_new                    (GtkApplication *application);
AuWindow       *au_window_new_for_constitution   (GtkApplication *application,
                                                  GFile          *constitution_file);
AuConstitution *au_window_get_constitution       (AuWindow       *self);
const GError   *au_window_get_constitution_error (AuWindow       *self);

G_END_DECLS

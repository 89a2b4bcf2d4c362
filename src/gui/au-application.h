/* au-application.h: the ALL-USE Autopilot desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AU_TYPE_APPLICATION (au_application_get_type ())

G_DECLARE_FINAL_TYPE (AuApplication, au_application, AU, APPLICATION, AdwApplication)

AuApplication *au_application_new (void);

G_END_DECLS

/* au-accessible.h: accessible names the widgets do not give themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void au_accessible_label_group_lists (GtkWidget *root);

G_END_DECLS

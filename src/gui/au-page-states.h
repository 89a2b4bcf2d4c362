/* au-page-states.h: the states a data page shows before its data
 *
 * Every page of the window is a GtkStack: "loading" (a spinner), "status"
 * (an AdwStatusPage for no portfolio, not running, empty or an error)
 * and the page's own content. These functions build and switch it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkStack      *au_page_states_new          (gboolean            with_loading,
                                            const char         *loading_label);
AdwStatusPage *au_page_states_get_status   (GtkStack           *states);
const char    *au_page_states_get_state    (GtkStack           *states);
void           au_page_states_show_status  (GtkStack           *states,
                                            const char         *name,
                                            const char         *icon,
                                            const char         *title,
                                            const char         *description);
void           au_page_states_show_error   (GtkStack           *states,
                                            const char         *title,
                                            const GError       *error);
gboolean       au_page_states_check_loaded (GtkStack           *states,
                                            gconstpointer       result,
                                            const GError       *error,
                                            const char         *error_title);
gboolean       au_page_states_replace_path (GtkStack           *states,
                                            char              **database_path,
                                            const char         *new_path);

gboolean       au_page_busy_change         (guint              *busy,
                                            gboolean            now_busy);
GCancellable  *au_page_renew_cancellable   (GCancellable      **cancellable);

G_END_DECLS

/* au-columns.h: the columns of the pages' data tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkColumnView      *au_columns_view_new        (GtkSelectionModel   *model,
                                                const char          *label);
GtkWidget          *au_columns_inscription_new (gboolean             numeric,
                                                int                  chars);
GtkListItemFactory *au_columns_factory_new     (GCallback            setup,
                                                GCallback            bind,
                                                GCallback            unbind,
                                                gpointer             user_data);
GtkSorter          *au_columns_sorter_new      (GType                row_type,
                                                const char          *property,
                                                gboolean             numeric);
void                au_columns_append          (GtkColumnView       *view,
                                                const char          *title,
                                                GtkListItemFactory  *factory,
                                                GtkSorter           *sorter,
                                                gboolean             expand);
GtkWidget          *au_columns_with_details    (GtkColumnView       *view,
                                                const char          *details_label,
                                                int                  position,
                                                GtkTextBuffer      **details);

GtkLabel           *au_columns_count_label_new (void);
GtkDropDown        *au_filter_dropdown_new     (GListModel          *choices,
                                                const char          *label,
                                                GCallback            on_selected,
                                                gpointer             page);

G_END_DECLS

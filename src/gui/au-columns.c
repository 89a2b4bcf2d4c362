/* au-columns.c: the columns of the pages' data tables
 *
 * The Ledger, Orders, Audit, Positions and Weeks pages are GtkColumnViews
 * of row objects: cells are GtkInscriptions (cheap for 100,000 rows),
 * numbers in tabular figures and right-aligned so that they line up, and
 * every column resizes and sorts by its row property. The toolbars above
 * them filter with labelled drop-downs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-columns"

#include "config.h"

#include "au-columns.h"

/**
 * au_columns_view_new:
 * @model: (transfer full): the rows, as the view selects them
 * @label: the table's accessible name
 *
 * Returns: (transfer floating): an empty table in the "data-table" style
 */
GtkColumnView *
au_columns_view_new (GtkSelectionModel *model,
                     const char        *label)
{
  GtkColumnView *view;

  g_return_val_if_fail (GTK_IS_SELECTION_MODEL (model), NULL);

  view = GTK_COLUMN_VIEW (gtk_column_view_new (model));
  gtk_widget_add_css_class (GTK_WIDGET (view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return view;
}

/**
 * au_columns_inscription_new:
 * @numeric: whether the cell holds a number (money, a count, a price)
 * @chars: the width it asks for, in characters; the view scrolls
 *   sideways when the window is narrower
 *
 * Returns: (transfer floating): a cell
 */
GtkWidget *
au_columns_inscription_new (gboolean numeric,
                            int      chars)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  if (numeric)
    {
      gtk_widget_add_css_class (inscription, "numeric");
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
    }
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), chars);

  return inscription;
}

/**
 * au_columns_factory_new:
 * @setup: the "setup" handler
 * @bind: the "bind" handler
 * @unbind: (nullable): the "unbind" handler
 * @user_data: for each, usually the column's number
 *
 * Returns: (transfer full): a signal factory
 */
GtkListItemFactory *
au_columns_factory_new (GCallback setup,
                        GCallback bind,
                        GCallback unbind,
                        gpointer  user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, user_data);

  return factory;
}

/* Returns: (transfer full): a sorter by @property of @row_type: numbers
 * by value, text by collation. */
GtkSorter *
au_columns_sorter_new (GType       row_type,
                       const char *property,
                       gboolean    numeric)
{
  GtkExpression *expression;

  g_return_val_if_fail (property != NULL, NULL);

  expression = gtk_property_expression_new (row_type, NULL, property);
  if (numeric)
    return GTK_SORTER (gtk_numeric_sorter_new (expression));

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

/**
 * au_columns_append:
 * @view: the table
 * @title: the column's header
 * @factory: (transfer full): its cells' factory
 * @sorter: (transfer full) (nullable): how a click on the header sorts
 * @expand: whether the column takes the room left over
 *
 * Appends a resizable column to @view.
 */
void
au_columns_append (GtkColumnView      *view,
                   const char         *title,
                   GtkListItemFactory *factory,
                   GtkSorter          *sorter,
                   gboolean            expand)
{
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (view, column);
  g_clear_object (&sorter);
}

/**
 * au_columns_with_details:
 * @view: the table
 * @details_label: the accessible name of the details under it
 * @position: where the divider starts, in pixels from the top
 * @details: (out) (transfer none): the buffer of the details text
 *
 * Puts @view over a read-only, monospaced text that shows the selected
 * row's details (an order's events and fills, an audit record's JSON).
 *
 * Returns: (transfer floating): a vertical #GtkPaned
 */
GtkWidget *
au_columns_with_details (GtkColumnView  *view,
                         const char     *details_label,
                         int             position,
                         GtkTextBuffer **details)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *table_scroll = gtk_scrolled_window_new ();
  GtkWidget *details_scroll = gtk_scrolled_window_new ();
  GtkWidget *details_view = gtk_text_view_new ();

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (details != NULL, NULL);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (table_scroll), GTK_WIDGET (view));

  *details = gtk_text_view_get_buffer (GTK_TEXT_VIEW (details_view));
  gtk_text_view_set_editable (GTK_TEXT_VIEW (details_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (details_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (details_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (details_view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (details_view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (details_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, details_label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (details_scroll), details_view);
  gtk_widget_set_size_request (details_scroll, -1, 80);
  gtk_widget_set_size_request (table_scroll, -1, 120);

  gtk_paned_set_start_child (GTK_PANED (paned), table_scroll);
  gtk_paned_set_end_child (GTK_PANED (paned), details_scroll);
  gtk_paned_set_position (GTK_PANED (paned), position);

  return paned;
}

/* Returns: (transfer floating): the "N rows" label at a toolbar's end,
 * dimmed and right-aligned, that gives way first when room is short */
GtkLabel *
au_columns_count_label_new (void)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  gtk_label_set_xalign (label, 1.0);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);

  return label;
}

/**
 * au_filter_dropdown_new:
 * @choices: (transfer full): the strings to choose from, "All …" first
 * @label: what the drop-down filters by, as its tooltip and its
 *   accessible name
 * @on_selected: called as on_selected (@page, pspec, dropdown) when the
 *   choice changes
 * @page: the page, for @on_selected; the handler goes with it
 *
 * Returns: (transfer floating): a drop-down for a table's toolbar
 */
GtkDropDown *
au_filter_dropdown_new (GListModel *choices,
                        const char *label,
                        GCallback   on_selected,
                        gpointer    page)
{
  GtkDropDown *dropdown;

  g_return_val_if_fail (G_IS_LIST_MODEL (choices), NULL);

  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (choices, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (dropdown, "notify::selected", on_selected, page, G_CONNECT_SWAPPED);

  return dropdown;
}

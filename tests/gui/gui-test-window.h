/* gui-test-window.h: opening the real window over a database in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-application.h"
#include "au-ledger-row.h"
#include "au-window.h"
#include "gui-test-util.h"

#define DOLLARS(n) ((AuMoney) (n) * 100)

/* The application of the test program, registered in main (). */
extern AuApplication *application;

static inline GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static inline gboolean
window_idle (gpointer data)
{
  return !au_window_get_busy (data);
}

static inline gboolean
ledger_idle (gpointer data)
{
  return !au_ledger_page_get_busy (data);
}

static inline AuWindow *
open_window (const char *database_path,
             int         width,
             int         height)
{
  AuWindow *window = au_window_new_for_database (GTK_APPLICATION (application), NULL,
                                                 database_path);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_idle, window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static inline GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }

  g_assert_not_reached ();
}

static inline AuLedgerRow *
visible_row (AuLedgerPage *page,
             guint         position)
{
  g_autoptr(AuLedgerRow) row = g_list_model_get_item (au_ledger_page_get_visible_rows (page),
                                                      position);

  g_assert_nonnull (row);
  return row; /* the model keeps its own reference */
}

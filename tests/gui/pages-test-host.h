/* pages-test-host.h: what the Accounts and Positions page tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-autopilot-snapshot.h"
#include "au-types.h"
#include "gui-test-util.h"

#define DOLLARS(n) ((AuMoney) (n) * 100)

/* Shows @page alone in a window of the given size, drawn once. */
static inline GtkWindow *
host_page (GtkWidget *page,
           int        width,
           int        height)
{
  GtkWindow *window = GTK_WINDOW (gui_test_present (page, width, height));

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_context ();

  return window;
}

static inline void
resize_host (GtkWindow *window,
             int        width,
             int        height)
{
  gtk_window_set_default_size (window, width, height);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_context ();
}

static inline AuAutopilotAccountView *
snapshot_add_account (AuAutopilotSnapshot *snapshot,
                      gint64               account_id,
                      const char          *name,
                      const char          *kind,
                      AuMoney              equity,
                      AuMoney              cash,
                      AuMoney              deployed,
                      double               drawdown,
                      const char          *week_type)
{
  AuAutopilotAccountView *view = g_new0 (AuAutopilotAccountView, 1);

  view->account_id = account_id;
  view->name = g_strdup (name);
  view->kind = g_strdup (kind);
  view->equity = equity;
  view->cash = cash;
  view->deployed = deployed;
  view->drawdown = drawdown;
  view->week_type = g_strdup (week_type);
  g_ptr_array_add (snapshot->accounts, view);

  return view;
}

/* Every widget under @widget that has @css_class and is on screen, top
 * to bottom as the user sees them. */
static inline void
collect_with_class (GtkWidget  *widget,
                    const char *css_class,
                    GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_with_class (child, css_class, found);
}

static GtkWidget *top_of_collection;

static inline int
compare_by_y (gconstpointer a,
              gconstpointer b)
{
  graphene_point_t pa, pb;

  g_assert_true (gtk_widget_compute_point (*(GtkWidget * const *) a, top_of_collection,
                                           &GRAPHENE_POINT_INIT (0, 0), &pa));
  g_assert_true (gtk_widget_compute_point (*(GtkWidget * const *) b, top_of_collection,
                                           &GRAPHENE_POINT_INIT (0, 0), &pb));

  return (pa.y > pb.y) - (pa.y < pb.y);
}

static inline GPtrArray *
widgets_with_class (GtkWidget  *widget,
                    const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_with_class (widget, css_class, found);
  top_of_collection = widget;
  g_ptr_array_sort (found, compare_by_y);

  return found;
}

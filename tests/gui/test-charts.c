/* test-charts.c: the chart data and the area, bar and line charts
 *
 * The hover look-up and the data object are tested without a display;
 * with one, each chart renders to a non-blank PNG, its hover read-out
 * shows the values of the point under the pointer, and an appended point
 * updates what screen readers are told.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "au-area-chart.h"
#include "au-bar-chart.h"
#include "au-chart-data.h"
#include "au-line-chart.h"
#include "gui-test-util.h"

#define DAY (24 * 3600)
#define WEEK (7 * DAY)
/* Monday 2026-11-02 00:00 UTC */
#define START 1793577600

static const char * const premium_names[] = { "Premium income", NULL };
static const char * const sleeve_names[] = { "Gen-Acc", "Rev-Acc", "Com-Acc", NULL };

static AuChartData *
weekly_premium (void)
{
  gint64 xs[] = { START, START + WEEK, START + 2 * WEEK, START + 3 * WEEK };
  /* A losing week (a buy-back above the credit) is below zero. */
  double values[] = { 520.0, 398.7, -50.0, 1200.0 };

  return au_chart_data_new (premium_names, xs, values, G_N_ELEMENTS (xs), NULL, 0);
}

static void
test_nearest_point (void)
{
  const char *names[] = { "x", NULL };
  gint64 xs[] = { 0, 100, 200, 400 };
  double values[] = { 1, 2, 3, 4 };
  g_autoptr(AuChartData) data = au_chart_data_new (names, xs, values, 4, NULL, 0);
  g_autoptr(AuChartData) empty = au_chart_data_new (names, NULL, NULL, 0, NULL, 0);
  g_autoptr(AuChartData) one = au_chart_data_new (names, xs, values, 1, NULL, 0);

  /* Before the first point, on it, and each side of each midpoint. */
  g_assert_cmpint (au_chart_data_nearest_point (data, -50), ==, 0);
  g_assert_cmpint (au_chart_data_nearest_point (data, 0), ==, 0);
  g_assert_cmpint (au_chart_data_nearest_point (data, 49), ==, 0);
  g_assert_cmpint (au_chart_data_nearest_point (data, 50), ==, 0);   /* a tie: the earlier */
  g_assert_cmpint (au_chart_data_nearest_point (data, 51), ==, 1);
  g_assert_cmpint (au_chart_data_nearest_point (data, 100), ==, 1);
  g_assert_cmpint (au_chart_data_nearest_point (data, 299), ==, 2);
  g_assert_cmpint (au_chart_data_nearest_point (data, 300), ==, 2);  /* a tie */
  g_assert_cmpint (au_chart_data_nearest_point (data, 301), ==, 3);
  g_assert_cmpint (au_chart_data_nearest_point (data, 400), ==, 3);
  g_assert_cmpint (au_chart_data_nearest_point (data, 10000), ==, 3);
  g_assert_cmpint (au_chart_data_nearest_point (empty, 0), ==, -1);
  g_assert_cmpint (au_chart_data_nearest_point (one, 1000), ==, 0);
}

static void
test_data_append (void)
{
  gint64 xs[] = { START, START + DAY };
  double values[] = { 100000, 75000, 75000, 100120, 75000, 75000 };
  double next[] = { 100120, 75400, 75000 };
  AuChartMarker fork = { START + DAY, "MINI fork" };
  g_autoptr(AuChartData) data = au_chart_data_new (sleeve_names, xs, values, 2, &fork, 1);
  g_autoptr(AuChartData) longer = au_chart_data_append (data, START + 2 * DAY, next);
  g_autoptr(AuChartData) other = au_chart_data_new (sleeve_names, xs, next, 1, NULL, 0);

  g_assert_cmpuint (au_chart_data_get_n_series (data), ==, 3);
  g_assert_cmpstr (au_chart_data_get_series_name (data, 1), ==, "Rev-Acc");
  /* R0.1's $250,000 split, then Gen's $120 premium. */
  g_assert_cmpfloat (au_chart_data_get_total (data, 0), ==, 250000.0);
  g_assert_cmpfloat (au_chart_data_get_total (data, 1), ==, 250120.0);

  /* Appending leaves the original as it was. */
  g_assert_cmpuint (au_chart_data_get_n_points (data), ==, 2);
  g_assert_cmpuint (au_chart_data_get_n_points (longer), ==, 3);
  g_assert_cmpfloat (au_chart_data_get_value (longer, 2, 1), ==, 75400.0);
  g_assert_cmpuint (au_chart_data_get_n_markers (longer), ==, 1);
  g_assert_cmpstr (au_chart_data_get_marker (longer, 0)->label, ==, "MINI fork");

  g_assert_true (au_chart_data_is_prefix_of (data, longer));
  g_assert_true (au_chart_data_is_prefix_of (data, data));
  g_assert_false (au_chart_data_is_prefix_of (longer, data));
  g_assert_false (au_chart_data_is_prefix_of (other, data));
}

static void
test_data_refuses_unordered (void)
{
  gint64 xs[] = { START, START };
  double values[] = { 1, 2 };
  g_autoptr(AuChartData) data = NULL;

  g_test_expect_message ("au-chart-data", G_LOG_LEVEL_CRITICAL, "*xs[i] > xs[i - 1]*");
  data = au_chart_data_new (premium_names, xs, values, 2, NULL, 0);
  g_test_assert_expected_messages ();
  g_assert_null (data);
}

static GtkWindow *
show_chart (GtkWidget *chart)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 640, 300);
  gtk_window_set_child (window, chart);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

/* The widget x of a point: the same mapping the chart draws with, found
 * by asking the chart which point each column hovers. */
static double
column_of_point (AuChart *chart,
                 int      point)
{
  for (double x = 0; x < gtk_widget_get_width (GTK_WIDGET (chart)); x += 1.0)
    {
      au_chart_hover_at (chart, x);
      if (au_chart_get_hover_point (chart) == point)
        return x;
    }

  g_assert_not_reached ();
}

static void
test_bar_chart (void)
{
  g_autoptr(AuChartData) data = weekly_premium ();
  GtkWidget *chart = au_bar_chart_new ();
  GtkWindow *window;
  g_autofree char *readout = NULL;
  double x;

  g_assert_cmpstr (gtk_widget_get_css_name (chart), ==, "chart");
  au_chart_set_title (AU_CHART (chart), "Premium Income per Week");
  au_chart_set_data (AU_CHART (chart), data);
  window = show_chart (chart);
  save_widget_png (GTK_WIDGET (window), "chart-bar.png");

  /* Nothing hovered until the pointer comes. */
  g_assert_cmpint (au_chart_get_hover_point (AU_CHART (chart)), ==, -1);
  g_assert_null (au_chart_dup_readout (AU_CHART (chart)));

  /* The losing week, by the column the chart maps it to. */
  x = column_of_point (AU_CHART (chart), 2);
  au_chart_hover_at (AU_CHART (chart), x);
  readout = au_chart_dup_readout (AU_CHART (chart));
  g_assert_cmpstr (readout, ==, "2026-11-16\nPremium income: −$50");
  save_widget_png (GTK_WIDGET (window), "chart-bar-hover.png");
  g_clear_pointer (&readout, g_free);

  au_chart_hover_at (AU_CHART (chart), column_of_point (AU_CHART (chart), 1));
  readout = au_chart_dup_readout (AU_CHART (chart));
  g_assert_cmpstr (readout, ==, "2026-11-09\nPremium income: $399");
  g_clear_pointer (&readout, g_free);

  /* Far left and far right clamp to the first and last weeks. */
  au_chart_hover_at (AU_CHART (chart), 0);
  g_assert_cmpint (au_chart_get_hover_point (AU_CHART (chart)), ==, 0);
  au_chart_hover_at (AU_CHART (chart), 10000);
  g_assert_cmpint (au_chart_get_hover_point (AU_CHART (chart)), ==, 3);
  au_chart_hover_at (AU_CHART (chart), -1);
  g_assert_cmpint (au_chart_get_hover_point (AU_CHART (chart)), ==, -1);

  gtk_window_destroy (window);
}

static void
test_area_chart (void)
{
  gint64 xs[] = { START, START + DAY, START + 2 * DAY, START + 3 * DAY };
  double values[] = {
    100000, 75000, 75000,
    100119.35, 75000, 75000,
    100119.35, 75398.70, 75000,
    120000, 75398.70, 75000,
  };
  AuChartMarker fork = { START + 2 * DAY, "MINI fork" };
  g_autoptr(AuChartData) data = au_chart_data_new (sleeve_names, xs, values, 4, &fork, 1);
  GtkWidget *chart = au_area_chart_new ();
  GtkWindow *window;
  g_autofree char *readout = NULL;

  au_chart_set_title (AU_CHART (chart), "Equity at Cost per Sleeve");
  au_chart_set_data (AU_CHART (chart), data);
  window = show_chart (chart);
  au_chart_hover_at (AU_CHART (chart), column_of_point (AU_CHART (chart), 2));
  readout = au_chart_dup_readout (AU_CHART (chart));
  g_assert_cmpstr (readout, ==, "2026-11-04\nGen-Acc: $100K\nRev-Acc: $75.4K\nCom-Acc: $75K\n"
                                "Total: $251K");
  save_widget_png (GTK_WIDGET (window), "chart-area.png");

  gtk_window_destroy (window);
}

static void
test_line_chart_appends (void)
{
  const char *names[] = { "Drawdown", NULL };
  gint64 xs[] = { START, START + DAY, START + 2 * DAY };
  double values[] = { 0.0, -0.05, -0.125 };
  double recovered[] = { -0.02 };
  g_autoptr(AuChartData) data = au_chart_data_new (names, xs, values, 3, NULL, 0);
  GtkWidget *chart = au_line_chart_new ();
  GtkWindow *window;
  g_autofree char *readout = NULL;
  char *problem;

  au_chart_set_unit (AU_CHART (chart), AU_CHART_UNIT_FRACTION);
  au_chart_set_title (AU_CHART (chart), "Drawdown");
  au_chart_set_data (AU_CHART (chart), data);
  window = show_chart (chart);

  /* R0.8 / D2.6: −15% is the pivot's trigger; −12.5% is inside it. */
  au_chart_hover_at (AU_CHART (chart), column_of_point (AU_CHART (chart), 2));
  readout = au_chart_dup_readout (AU_CHART (chart));
  g_assert_cmpstr (readout, ==, "2026-11-04\nDrawdown: −12.5%");

  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "3 points from 2026-11-02 to 2026-11-04; "
                                                "latest −12.5%");
  g_assert_null (problem);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "Drawdown");
  g_assert_null (problem);

  /* A point arrives: the chart extends, the hover stays, readers hear it. */
  au_chart_append_point (AU_CHART (chart), START + 3 * DAY, recovered);
  g_assert_cmpuint (au_chart_data_get_n_points (au_chart_get_data (AU_CHART (chart))), ==, 4);
  g_assert_true (au_chart_data_is_prefix_of (data, au_chart_get_data (AU_CHART (chart))));
  g_assert_cmpint (au_chart_get_hover_point (AU_CHART (chart)), ==, 2);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "4 points from 2026-11-02 to 2026-11-05; "
                                                "latest −2.0%");
  g_assert_null (problem);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_widget_png (GTK_WIDGET (window), "chart-line.png");

  /* Dark: the theme's colours are looked up again and it still draws. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_widget_png (GTK_WIDGET (window), "chart-line-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (window);
}

static void
test_empty_chart (void)
{
  GtkWidget *chart = au_bar_chart_new ();
  GtkWindow *window = show_chart (chart);
  char *problem;

  /* No data: it says so, to the eye and to screen readers. */
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "No data yet");
  g_assert_null (problem);
  save_widget_png (GTK_WIDGET (window), "chart-empty.png");
  au_chart_hover_at (AU_CHART (chart), 100);
  g_assert_cmpint (au_chart_get_hover_point (AU_CHART (chart)), ==, -1);

  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  gboolean display = have_display ();

  if (display)
    {
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
    }
  else
    g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/charts/nearest-point", test_nearest_point);
  g_test_add_func ("/gui/charts/data-append", test_data_append);
  g_test_add_func ("/gui/charts/data-refuses-unordered", test_data_refuses_unordered);

  if (display)
    {
      g_test_add_func ("/gui/charts/bar", test_bar_chart);
      g_test_add_func ("/gui/charts/area", test_area_chart);
      g_test_add_func ("/gui/charts/line-appends", test_line_chart_appends);
      g_test_add_func ("/gui/charts/empty", test_empty_chart);
    }

  return g_test_run ();
}

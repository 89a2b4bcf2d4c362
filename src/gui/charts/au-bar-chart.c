/* au-bar-chart.c: bars that may go below zero, e.g. weekly premium income
 *
 * The first series is drawn; a week that lost money (a buy-back above the
 * credit, R6.3) is a bar below the baseline in the theme's error colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-bar-chart"

#include "config.h"

#include "au-bar-chart.h"

struct _AuBarChart
{
  AuChart parent_instance;
};

G_DEFINE_FINAL_TYPE (AuBarChart, au_bar_chart, AU_TYPE_CHART)

static void
au_bar_chart_extend_range (AuChart     *chart,
                           AuChartData *data,
                           guint        first,
                           double      *min,
                           double      *max)
{
  for (guint p = first; p < au_chart_data_get_n_points (data); p++)
    {
      double value = au_chart_data_get_value (data, p, 0);

      *min = MIN (*min, value);
      *max = MAX (*max, value);
    }
}

static void
au_bar_chart_draw_series (AuChart               *chart,
                          cairo_t               *cr,
                          const AuChartGeometry *geometry,
                          const AuChartColors   *colors)
{
  AuChartData *data = au_chart_get_data (chart);
  double zero = au_chart_map_y (geometry, 0.0);
  /* A gap between bars, but never less than one pixel of bar. */
  double width = MAX (1.0, geometry->slot_width * 0.7);

  for (guint p = 0; p < au_chart_data_get_n_points (data); p++)
    {
      double value = au_chart_data_get_value (data, p, 0);
      double x = au_chart_map_x (geometry, au_chart_data_get_x (data, p));
      double y = au_chart_map_y (geometry, value);

      gdk_cairo_set_source_rgba (cr, value < 0 ? &colors->error : &colors->success);
      cairo_rectangle (cr, x - width / 2.0, MIN (y, zero), width, MAX (1.0, ABS (zero - y)));
      cairo_fill (cr);
    }
}

static void
au_bar_chart_class_init (AuBarChartClass *klass)
{
  AuChartClass *chart_class = AU_CHART_CLASS (klass);

  chart_class->extend_range = au_bar_chart_extend_range;
  chart_class->draw_series = au_bar_chart_draw_series;
  chart_class->uses_slots = TRUE;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chart");
}

static void
au_bar_chart_init (AuBarChart *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "bar");
}

GtkWidget *
au_bar_chart_new (void)
{
  return g_object_new (AU_TYPE_BAR_CHART, NULL);
}

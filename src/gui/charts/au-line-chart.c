/* au-line-chart.c: lines, e.g. drawdown from the high-water mark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-line-chart"

#include "config.h"

#include "au-line-chart.h"

struct _AuLineChart
{
  AuChart parent_instance;
};

G_DEFINE_FINAL_TYPE (AuLineChart, au_line_chart, AU_TYPE_CHART)

static void
au_line_chart_extend_range (AuChart     *chart,
                            AuChartData *data,
                            guint        first,
                            double      *min,
                            double      *max)
{
  for (guint p = first; p < au_chart_data_get_n_points (data); p++)
    for (guint s = 0; s < au_chart_data_get_n_series (data); s++)
      {
        double value = au_chart_data_get_value (data, p, s);

        *min = MIN (*min, value);
        *max = MAX (*max, value);
      }
}

static void
au_line_chart_draw_series (AuChart               *chart,
                           cairo_t               *cr,
                           const AuChartGeometry *geometry,
                           const AuChartColors   *colors)
{
  AuChartData *data = au_chart_get_data (chart);
  guint n_points = au_chart_data_get_n_points (data);
  double zero = au_chart_map_y (geometry, 0.0);

  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint s = 0; s < au_chart_data_get_n_series (data); s++)
    {
      /* A single series below zero is a loss: the error colour. */
      const GdkRGBA *color = au_chart_data_get_n_series (data) == 1
                             ? &colors->error
                             : &colors->palette[s % G_N_ELEMENTS (colors->palette)];

      cairo_new_path (cr);
      for (guint p = 0; p < n_points; p++)
        cairo_line_to (cr, au_chart_map_x (geometry, au_chart_data_get_x (data, p)),
                       au_chart_map_y (geometry, au_chart_data_get_value (data, p, s)));
      gdk_cairo_set_source_rgba (cr, color);
      cairo_stroke_preserve (cr);

      /* Close to the baseline and shade lightly (style guide §4.3). */
      if (n_points > 0)
        {
          cairo_line_to (cr, au_chart_map_x (geometry, au_chart_data_get_x (data, n_points - 1)),
                         zero);
          cairo_line_to (cr, au_chart_map_x (geometry, au_chart_data_get_x (data, 0)), zero);
          cairo_close_path (cr);
        }
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * 0.25);
      cairo_fill (cr);
    }
}

static void
au_line_chart_class_init (AuLineChartClass *klass)
{
  AuChartClass *chart_class = AU_CHART_CLASS (klass);

  chart_class->extend_range = au_line_chart_extend_range;
  chart_class->draw_series = au_line_chart_draw_series;
  chart_class->uses_slots = FALSE;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chart");
}

static void
au_line_chart_init (AuLineChart *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "line");
}

GtkWidget *
au_line_chart_new (void)
{
  return g_object_new (AU_TYPE_LINE_CHART, NULL);
}

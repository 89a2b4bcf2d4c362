/* au-area-chart.c: stacked areas, e.g. equity per sleeve with fork and
 * merge markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-area-chart"

#include "config.h"

#include <string.h>

#include "au-area-chart.h"

struct _AuAreaChart
{
  AuChart parent_instance;
};

G_DEFINE_FINAL_TYPE (AuAreaChart, au_area_chart, AU_TYPE_CHART)

/* Stacked: the top of the stack is the sum of the series. */
static void
au_area_chart_extend_range (AuChart     *chart,
                            AuChartData *data,
                            guint        first,
                            double      *min,
                            double      *max)
{
  for (guint p = first; p < au_chart_data_get_n_points (data); p++)
    {
      double below = 0.0;
      double above = 0.0;

      /* A negative series stacks downwards from zero, a positive upwards. */
      for (guint s = 0; s < au_chart_data_get_n_series (data); s++)
        {
          double value = au_chart_data_get_value (data, p, s);

          if (value < 0)
            below += value;
          else
            above += value;
        }
      *min = MIN (*min, below);
      *max = MAX (*max, above);
    }
}

static void
au_area_chart_draw_series (AuChart               *chart,
                           cairo_t               *cr,
                           const AuChartGeometry *geometry,
                           const AuChartColors   *colors)
{
  AuChartData *data = au_chart_get_data (chart);
  guint n_points = au_chart_data_get_n_points (data);
  guint n_series = au_chart_data_get_n_series (data);
  g_autofree double *base = g_new0 (double, n_points);
  g_autofree double *top = g_new0 (double, n_points);

  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint s = 0; s < n_series; s++)
    {
      const GdkRGBA *color = &colors->palette[s % G_N_ELEMENTS (colors->palette)];

      for (guint p = 0; p < n_points; p++)
        top[p] = base[p] + au_chart_data_get_value (data, p, s);

      /* The band between the previous top and this one... */
      cairo_new_path (cr);
      for (guint p = 0; p < n_points; p++)
        cairo_line_to (cr, au_chart_map_x (geometry, au_chart_data_get_x (data, p)),
                       au_chart_map_y (geometry, top[p]));
      for (guint p = n_points; p-- > 0;)
        cairo_line_to (cr, au_chart_map_x (geometry, au_chart_data_get_x (data, p)),
                       au_chart_map_y (geometry, base[p]));
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * 0.35);
      cairo_fill (cr);

      /* ...and its upper edge, drawn solid. */
      cairo_new_path (cr);
      for (guint p = 0; p < n_points; p++)
        cairo_line_to (cr, au_chart_map_x (geometry, au_chart_data_get_x (data, p)),
                       au_chart_map_y (geometry, top[p]));
      gdk_cairo_set_source_rgba (cr, color);
      cairo_stroke (cr);

      memcpy (base, top, n_points * sizeof (double));
    }
}

static void
au_area_chart_class_init (AuAreaChartClass *klass)
{
  AuChartClass *chart_class = AU_CHART_CLASS (klass);

  chart_class->extend_range = au_area_chart_extend_range;
  chart_class->draw_series = au_area_chart_draw_series;
  chart_class->uses_slots = FALSE;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chart");
}

static void
au_area_chart_init (AuAreaChart *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "area");
}

GtkWidget *
au_area_chart_new (void)
{
  return g_object_new (AU_TYPE_AREA_CHART, NULL);
}

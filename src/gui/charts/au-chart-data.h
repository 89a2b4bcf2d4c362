/* au-chart-data.h: the immutable points a chart draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A vertical marker, e.g. a fork or a merge on the equity chart. */
typedef struct
{
  gint64      x;       /* engine time, Unix seconds */
  const char *label;
} AuChartMarker;

#define AU_TYPE_CHART_DATA (au_chart_data_get_type ())

G_DECLARE_FINAL_TYPE (AuChartData, au_chart_data, AU, CHART_DATA, GObject)

/* @values holds @n_points rows of one value per series (dollars, or a
 * fraction for drawdown); @xs are engine times in Unix seconds, rising. */
AuChartData   *au_chart_data_new            (const char * const  *series_names,
                                             const gint64        *xs,
                                             const double        *values,
                                             guint                n_points,
                                             const AuChartMarker *markers,
                                             guint                n_markers);
AuChartData   *au_chart_data_append         (AuChartData         *self,
                                             gint64               x,
                                             const double        *values);
guint          au_chart_data_get_n_series   (AuChartData         *self);
const char    *au_chart_data_get_series_name (AuChartData        *self,
                                             guint                series);
guint          au_chart_data_get_n_points   (AuChartData         *self);
gint64         au_chart_data_get_x          (AuChartData         *self,
                                             guint                point);
double         au_chart_data_get_value      (AuChartData         *self,
                                             guint                point,
                                             guint                series);
double         au_chart_data_get_total      (AuChartData         *self,
                                             guint                point);
guint          au_chart_data_get_n_markers  (AuChartData         *self);
const AuChartMarker *au_chart_data_get_marker (AuChartData       *self,
                                             guint                marker);
gboolean       au_chart_data_is_prefix_of   (AuChartData         *self,
                                             AuChartData         *longer);
int            au_chart_data_nearest_point  (AuChartData         *self,
                                             gint64               x);

G_END_DECLS

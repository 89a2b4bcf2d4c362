/* au-chart-data.c: the immutable points a chart draws
 *
 * Built off the UI thread (by a reader in a worker) and never changed
 * afterwards, so the widget may keep it while the next one is computed.
 * Appending a point makes a new object; a chart that receives a data
 * object extending the one it shows updates only what the new points
 * change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-chart-data"

#include "config.h"

#include <string.h>

#include "au-chart-data.h"

struct _AuChartData
{
  GObject   parent_instance;

  GStrv     names;
  guint     n_series;
  GArray   *xs;        /* gint64 */
  GArray   *values;    /* double, n_points × n_series */
  GArray   *markers;   /* AuChartMarker, labels owned */
};

G_DEFINE_FINAL_TYPE (AuChartData, au_chart_data, G_TYPE_OBJECT)

static void
clear_marker (gpointer data)
{
  AuChartMarker *marker = data;

  g_free ((char *) marker->label);
}

static void
au_chart_data_finalize (GObject *object)
{
  AuChartData *self = AU_CHART_DATA (object);

  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->xs, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->markers, g_array_unref);

  G_OBJECT_CLASS (au_chart_data_parent_class)->finalize (object);
}

static void
au_chart_data_class_init (AuChartDataClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_chart_data_finalize;
}

static void
au_chart_data_init (AuChartData *self)
{
  self->xs = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->markers = g_array_new (FALSE, FALSE, sizeof (AuChartMarker));
  g_array_set_clear_func (self->markers, clear_marker);
}

/**
 * au_chart_data_new:
 * @series_names: (array zero-terminated=1): one name per series, at least one
 * @xs: (array length=n_points) (nullable): rising engine times, Unix seconds
 * @values: (nullable): @n_points × the number of series values, point by point
 * @n_points: the number of points
 * @markers: (array length=n_markers) (nullable): vertical markers
 * @n_markers: the number of markers
 *
 * Returns: (transfer full): new chart data, or %NULL when @xs do not rise
 */
AuChartData *
au_chart_data_new (const char * const  *series_names,
                   const gint64        *xs,
                   const double        *values,
                   guint                n_points,
                   const AuChartMarker *markers,
                   guint                n_markers)
{
  AuChartData *self;

  g_return_val_if_fail (series_names != NULL && series_names[0] != NULL, NULL);
  g_return_val_if_fail (n_points == 0 || (xs != NULL && values != NULL), NULL);
  g_return_val_if_fail (n_markers == 0 || markers != NULL, NULL);

  for (guint i = 1; i < n_points; i++)
    g_return_val_if_fail (xs[i] > xs[i - 1], NULL);

  self = g_object_new (AU_TYPE_CHART_DATA, NULL);
  self->names = g_strdupv ((char **) series_names);
  self->n_series = g_strv_length (self->names);
  g_array_append_vals (self->xs, xs, n_points);
  g_array_append_vals (self->values, values, n_points * self->n_series);
  for (guint i = 0; i < n_markers; i++)
    {
      AuChartMarker copy = { markers[i].x, g_strdup (markers[i].label) };

      g_array_append_val (self->markers, copy);
    }

  return self;
}

/**
 * au_chart_data_append:
 * @self: chart data
 * @x: an engine time after the last point's
 * @values: one value per series
 *
 * Returns: (transfer full): new chart data with the point added, or %NULL
 *   when @x is not after the last point
 */
AuChartData *
au_chart_data_append (AuChartData  *self,
                      gint64        x,
                      const double *values)
{
  g_autoptr(GArray) xs = NULL;
  g_autoptr(GArray) all = NULL;
  guint n_points;

  g_return_val_if_fail (AU_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (values != NULL, NULL);

  n_points = self->xs->len;
  g_return_val_if_fail (n_points == 0 || x > g_array_index (self->xs, gint64, n_points - 1), NULL);

  xs = g_array_copy (self->xs);
  g_array_append_val (xs, x);
  all = g_array_copy (self->values);
  g_array_append_vals (all, values, self->n_series);

  return au_chart_data_new ((const char * const *) self->names,
                            (const gint64 *) (gpointer) xs->data,
                            (const double *) (gpointer) all->data, n_points + 1,
                            (const AuChartMarker *) (gpointer) self->markers->data,
                            self->markers->len);
}

guint
au_chart_data_get_n_series (AuChartData *self)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), 0);
  return self->n_series;
}

const char *
au_chart_data_get_series_name (AuChartData *self,
                               guint        series)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->n_series, NULL);
  return self->names[series];
}

guint
au_chart_data_get_n_points (AuChartData *self)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), 0);
  return self->xs->len;
}

gint64
au_chart_data_get_x (AuChartData *self,
                     guint        point)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (point < self->xs->len, 0);
  return g_array_index (self->xs, gint64, point);
}

double
au_chart_data_get_value (AuChartData *self,
                         guint        point,
                         guint        series)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), 0.0);
  g_return_val_if_fail (point < self->xs->len && series < self->n_series, 0.0);
  return g_array_index (self->values, double, point * self->n_series + series);
}

/* The sum of every series at @point: the top of a stacked area. */
double
au_chart_data_get_total (AuChartData *self,
                         guint        point)
{
  double total = 0.0;

  g_return_val_if_fail (AU_IS_CHART_DATA (self), 0.0);
  g_return_val_if_fail (point < self->xs->len, 0.0);

  for (guint s = 0; s < self->n_series; s++)
    total += g_array_index (self->values, double, point * self->n_series + s);

  return total;
}

guint
au_chart_data_get_n_markers (AuChartData *self)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), 0);
  return self->markers->len;
}

const AuChartMarker *
au_chart_data_get_marker (AuChartData *self,
                          guint        marker)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (marker < self->markers->len, NULL);
  return &g_array_index (self->markers, AuChartMarker, marker);
}

/**
 * au_chart_data_is_prefix_of:
 * @self: chart data
 * @longer: other chart data
 *
 * Returns: %TRUE when @longer holds every point of @self, unchanged, and
 *   possibly more after them: then a chart need only add the new points.
 */
gboolean
au_chart_data_is_prefix_of (AuChartData *self,
                            AuChartData *longer)
{
  g_return_val_if_fail (AU_IS_CHART_DATA (self), FALSE);
  g_return_val_if_fail (AU_IS_CHART_DATA (longer), FALSE);

  if (self->n_series != longer->n_series || self->xs->len > longer->xs->len)
    return FALSE;

  return memcmp (self->xs->data, longer->xs->data, self->xs->len * sizeof (gint64)) == 0 &&
         memcmp (self->values->data, longer->values->data,
                 self->values->len * sizeof (double)) == 0;
}

/**
 * au_chart_data_nearest_point:
 * @self: chart data
 * @x: an engine time, e.g. under the pointer
 *
 * Finds the point a hover read-out shows: the one whose time is nearest
 * to @x, the earlier one on a tie. A binary search, so hovering over ten
 * years of daily points stays instant.
 *
 * Returns: the point's index, or -1 when there are no points
 */
int
au_chart_data_nearest_point (AuChartData *self,
                             gint64       x)
{
  const gint64 *xs;
  guint low = 0;
  guint high;

  g_return_val_if_fail (AU_IS_CHART_DATA (self), -1);

  if (self->xs->len == 0)
    return -1;

  xs = (const gint64 *) (gpointer) self->xs->data;
  high = self->xs->len - 1;

  /* The first point at or after x. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (xs[mid] < x)
        low = mid + 1;
      else
        high = mid;
    }

  if (low > 0 && x - xs[low - 1] <= xs[low] - x)
    return (int) low - 1;

  return (int) low;
}

/* au-chart.c: what the area, bar and line charts share
 *
 * The recipe of the style guide (§4.3): gridlines and markers as colour
 * nodes, the series in one cairo node, labels as Pango layouts, colours
 * from the theme in css_changed, a motion controller for the hover
 * read-out. Subclasses draw only their series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-chart"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "au-chart.h"
#include "au-format.h"

typedef struct
{
  AuChartData   *data;
  AuChartUnit    unit;
  char          *title;

  /* The value range, kept up to date point by point (see set_data). */
  double         y_min;
  double         y_max;

  AuChartColors  colors;

  int            hover_point;   /* -1 when the pointer is away */
} AuChartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (AuChart, au_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATA,
  PROP_UNIT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Room for the value labels on the left and the dates below. */
#define MARGIN_LEFT   64.0
#define MARGIN_RIGHT  12.0
#define MARGIN_TOP    12.0
#define MARGIN_BOTTOM 24.0
#define N_TICKS       4
#define LEGEND_HEIGHT 20.0

static void
update_accessible (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  g_autofree char *description = NULL;
  guint n_points = priv->data != NULL ? au_chart_data_get_n_points (priv->data) : 0;

  if (n_points == 0)
    {
      description = g_strdup (_("No data yet"));
    }
  else
    {
      gint64 first_x = au_chart_data_get_x (priv->data, 0);
      gint64 last_x = au_chart_data_get_x (priv->data, n_points - 1);
      g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (first_x);
      g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (last_x);
      g_autofree char *from = g_date_time_format (first, "%Y-%m-%d");
      g_autofree char *to = g_date_time_format (last, "%Y-%m-%d");
      double total = au_chart_data_get_total (priv->data, n_points - 1);
      g_autofree char *latest = au_chart_format_value (self, total);

      /* Translators: a chart's summary for screen readers, e.g. "52 points
       * from 2025-01-06 to 2025-12-29; latest $1.2K". */
      description = g_strdup_printf (ngettext ("%u point from %s to %s; latest %s",
                                               "%u points from %s to %s; latest %s", n_points),
                                     n_points, from, to, latest);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  priv->title != NULL ? priv->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
recompute_range (AuChart *self,
                 guint    first)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  if (first == 0)
    {
      /* Zero is always in view: income and equity are read against it. */
      priv->y_min = 0.0;
      priv->y_max = 0.0;
    }

  if (priv->data != NULL)
    AU_CHART_GET_CLASS (self)->extend_range (self, priv->data, first, &priv->y_min, &priv->y_max);
}

/**
 * au_chart_set_data:
 * @self: a chart
 * @data: (nullable): the points to draw
 *
 * Shows @data. When @data extends the data shown (the same points and
 * more after them), only the new points are measured.
 */
void
au_chart_set_data (AuChart     *self,
                   AuChartData *data)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  guint first = 0;

  g_return_if_fail (AU_IS_CHART (self));
  g_return_if_fail (data == NULL || AU_IS_CHART_DATA (data));

  if (priv->data == data)
    return;

  if (priv->data != NULL && data != NULL && au_chart_data_is_prefix_of (priv->data, data))
    first = au_chart_data_get_n_points (priv->data);

  g_set_object (&priv->data, data);
  recompute_range (self, first);

  if (priv->hover_point >= 0 &&
      (data == NULL || (guint) priv->hover_point >= au_chart_data_get_n_points (data)))
    priv->hover_point = -1;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

/**
 * au_chart_append_point:
 * @self: a chart
 * @x: an engine time after the last point's
 * @values: one value per series
 *
 * Adds a point as events arrive; only the new point is measured.
 */
void
au_chart_append_point (AuChart      *self,
                       gint64        x,
                       const double *values)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  g_autoptr(AuChartData) longer = NULL;

  g_return_if_fail (AU_IS_CHART (self));
  g_return_if_fail (priv->data != NULL);

  longer = au_chart_data_append (priv->data, x, values);
  if (longer != NULL)
    au_chart_set_data (self, longer);
}

/**
 * au_chart_get_data:
 * @self: a chart
 *
 * Returns: (transfer none) (nullable): the points shown
 */
AuChartData *
au_chart_get_data (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_val_if_fail (AU_IS_CHART (self), NULL);

  return priv->data;
}

AuChartUnit
au_chart_get_unit (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_val_if_fail (AU_IS_CHART (self), AU_CHART_UNIT_DOLLARS);

  return priv->unit;
}

void
au_chart_set_unit (AuChart     *self,
                   AuChartUnit  unit)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_if_fail (AU_IS_CHART (self));

  if (priv->unit == unit)
    return;

  priv->unit = unit;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

const char *
au_chart_get_title (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_val_if_fail (AU_IS_CHART (self), NULL);

  return priv->title;
}

void
au_chart_set_title (AuChart    *self,
                    const char *title)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_if_fail (AU_IS_CHART (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * au_chart_format_value:
 * @self: a chart
 * @value: a value of the chart's unit
 *
 * Returns: (transfer full): "$1.2K" or "−12.5%"
 */
char *
au_chart_format_value (AuChart *self,
                       double   value)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_val_if_fail (AU_IS_CHART (self), NULL);

  if (priv->unit == AU_CHART_UNIT_FRACTION)
    return g_strdup_printf ("%s%.1f%%", value < 0 ? "−" : "", fabs (value) * 100.0);

  return au_format_dollars_axis (value);
}

const AuChartColors *
au_chart_get_colors (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_val_if_fail (AU_IS_CHART (self), NULL);

  return &priv->colors;
}

double
au_chart_map_x (const AuChartGeometry *geometry,
                gint64                 x)
{
  double span = (double) (geometry->x_max - geometry->x_min);
  double inner = geometry->plot.size.width - geometry->slot_width;
  double start = geometry->plot.origin.x + geometry->slot_width / 2.0;

  if (span <= 0)
    return start + inner / 2.0;

  return start + inner * (double) (x - geometry->x_min) / span;
}

double
au_chart_map_y (const AuChartGeometry *geometry,
                double                 y)
{
  double span = geometry->y_max - geometry->y_min;

  if (span <= 0)
    return geometry->plot.origin.y + geometry->plot.size.height;

  return geometry->plot.origin.y +
         geometry->plot.size.height * (geometry->y_max - y) / span;
}

/* A round step (1, 2 or 5 × 10^k) that cuts @span into about N_TICKS. */
static double
nice_step (double span)
{
  double raw = span / N_TICKS;
  double magnitude = pow (10.0, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1.0)
    return magnitude;
  if (fraction <= 2.0)
    return 2.0 * magnitude;
  if (fraction <= 5.0)
    return 5.0 * magnitude;

  return 10.0 * magnitude;
}

static gboolean
compute_geometry (AuChart         *self,
                  AuChartGeometry *geometry)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_points;
  double step;
  double low;
  double high;
  double min_span;
  double top;

  if (priv->data == NULL || (n_points = au_chart_data_get_n_points (priv->data)) == 0)
    return FALSE;
  if (width <= MARGIN_LEFT + MARGIN_RIGHT || height <= MARGIN_TOP + MARGIN_BOTTOM)
    return FALSE;

  /* Several series get a legend row above the plot. */
  top = MARGIN_TOP + (au_chart_data_get_n_series (priv->data) > 1 ? LEGEND_HEIGHT : 0);
  if (height <= top + MARGIN_BOTTOM)
    return FALSE;
  geometry->plot = GRAPHENE_RECT_INIT (MARGIN_LEFT, top,
                                       width - MARGIN_LEFT - MARGIN_RIGHT,
                                       height - top - MARGIN_BOTTOM);
  geometry->x_min = au_chart_data_get_x (priv->data, 0);
  geometry->x_max = au_chart_data_get_x (priv->data, n_points - 1);
  geometry->slot_width = AU_CHART_GET_CLASS (self)->uses_slots
                         ? geometry->plot.size.width / n_points
                         : 0.0;

  /* A flat or nearly flat series is drawn against a sensible minimum
   * span (1% or $100), so that a drawdown of a few cents does not fill the
   * plot as if it were a crash. */
  low = priv->y_min;
  high = priv->y_max;
  min_span = priv->unit == AU_CHART_UNIT_FRACTION ? 0.01 : 100.0;
  if (high - low < min_span)
    {
      if (high <= 0)
        low = high - min_span;
      else
        high = low + min_span;
    }

  /* Round the range out to whole steps so the gridlines fall on labels. */
  step = nice_step (high - low);
  geometry->y_min = floor (low / step) * step;
  geometry->y_max = ceil (high / step) * step;
  if (geometry->y_max <= geometry->y_min)
    geometry->y_max = geometry->y_min + step;

  return TRUE;
}

static void
append_label (AuChart     *self,
              GtkSnapshot *snapshot,
              const char  *text,
              double       x,
              double       y,
              double       align,
              const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;
  int height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (x - align * width),
                                                          floor (y - height / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_grid (AuChart               *self,
               GtkSnapshot           *snapshot,
               const AuChartGeometry *geometry)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  double step = nice_step (geometry->y_max - geometry->y_min);
  guint n_points = au_chart_data_get_n_points (priv->data);
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (geometry->x_min);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_utc (geometry->x_max);
  g_autofree char *first_text = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *last_text = g_date_time_format (last, "%Y-%m-%d");
  double bottom = geometry->plot.origin.y + geometry->plot.size.height;

  for (int tick = 0; geometry->y_min + tick * step <= geometry->y_max + step / 2.0; tick++)
    {
      /* Counted, not summed, so zero is exactly zero and never "−0". */
      double value = geometry->y_min + tick * step;
      g_autofree char *label = NULL;
      GdkRGBA color = priv->colors.grid;
      double y;

      if (fabs (value) < step * 1e-9)
        value = 0.0;
      y = floor (au_chart_map_y (geometry, value));
      label = au_chart_format_value (self, value);

      /* The baseline (zero) is drawn stronger than the other lines. */
      if (fabs (value) < step / 2.0)
        color.alpha = MIN (1.0, color.alpha * 2.5);

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (geometry->plot.origin.x, y,
                                                      geometry->plot.size.width, 1));
      append_label (self, snapshot, label, geometry->plot.origin.x - 6, y, 1.0,
                    &priv->colors.foreground);
    }

  append_label (self, snapshot, first_text, geometry->plot.origin.x, bottom + MARGIN_BOTTOM / 2.0,
                0.0, &priv->colors.foreground);
  if (n_points > 1)
    append_label (self, snapshot, last_text,
                  geometry->plot.origin.x + geometry->plot.size.width,
                  bottom + MARGIN_BOTTOM / 2.0, 1.0, &priv->colors.foreground);
}

/* A swatch and the name of each series, in the palette's order. */
static void
snapshot_legend (AuChart               *self,
                 GtkSnapshot           *snapshot,
                 const AuChartGeometry *geometry)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  guint n_series = au_chart_data_get_n_series (priv->data);
  double x = geometry->plot.origin.x;
  double y = geometry->plot.origin.y - LEGEND_HEIGHT / 2.0 - 2.0;

  if (n_series < 2)
    return;

  for (guint s = 0; s < n_series; s++)
    {
      const char *name = au_chart_data_get_series_name (priv->data, s);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), name);
      int width;
      int height;
      const GdkRGBA *color = &priv->colors.palette[s % G_N_ELEMENTS (priv->colors.palette)];

      pango_layout_get_pixel_size (layout, &width, &height);
      gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, floor (y - 5), 10, 10));
      append_label (self, snapshot, name, x + 14, y, 0.0, &priv->colors.foreground);
      x += 14 + width + 16;
    }
}

static void
snapshot_markers (AuChart               *self,
                  GtkSnapshot           *snapshot,
                  const AuChartGeometry *geometry)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  for (guint i = 0; i < au_chart_data_get_n_markers (priv->data); i++)
    {
      const AuChartMarker *marker = au_chart_data_get_marker (priv->data, i);
      double x;

      if (marker->x < geometry->x_min || marker->x > geometry->x_max)
        continue;

      x = floor (au_chart_map_x (geometry, marker->x));
      gtk_snapshot_append_color (snapshot, &priv->colors.foreground,
                                 &GRAPHENE_RECT_INIT (x, geometry->plot.origin.y,
                                                      1, geometry->plot.size.height));
      append_label (self, snapshot, marker->label, x + 4, geometry->plot.origin.y + 8, 0.0,
                    &priv->colors.foreground);
    }
}

static void
snapshot_hover (AuChart               *self,
                GtkSnapshot           *snapshot,
                const AuChartGeometry *geometry)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  g_autofree char *readout = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA backdrop;
  double x;
  int width;
  int height;
  double left;
  double right_edge;

  if (priv->hover_point < 0)
    return;

  x = floor (au_chart_map_x (geometry, au_chart_data_get_x (priv->data, priv->hover_point)));
  gtk_snapshot_append_color (snapshot, &priv->colors.accent,
                             &GRAPHENE_RECT_INIT (x, geometry->plot.origin.y,
                                                  1, geometry->plot.size.height));

  readout = au_chart_dup_readout (self);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), readout);
  pango_layout_get_pixel_size (layout, &width, &height);

  /* Keep the read-out inside the plot, on the side with more room. */
  right_edge = geometry->plot.origin.x + geometry->plot.size.width;
  left = x + 8 + width <= right_edge ? x + 8 : x - 8 - width;
  left = MAX (left, 0);
  backdrop = priv->colors.foreground;
  backdrop.alpha = 0.85;
  gtk_snapshot_append_color (snapshot, &backdrop,
                             &GRAPHENE_RECT_INIT (left - 4, geometry->plot.origin.y,
                                                  width + 8, height + 4));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (left, geometry->plot.origin.y + 2));
  {
    /* The read-out is written in the window's background colour on a
     * foreground backdrop, readable in light, dark and high contrast. */
    GdkRGBA text = { 1.0 - priv->colors.foreground.red, 1.0 - priv->colors.foreground.green,
                     1.0 - priv->colors.foreground.blue, 1.0 };

    gtk_snapshot_append_layout (snapshot, layout, &text);
  }
  gtk_snapshot_restore (snapshot);
}

static void
au_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  AuChart *self = AU_CHART (widget);
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  AuChartGeometry geometry;
  cairo_t *cr;

  if (!compute_geometry (self, &geometry))
    {
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);

      append_label (self, snapshot, _("No data yet"), width / 2.0, height / 2.0, 0.5,
                    &priv->colors.foreground);
      return;
    }

  snapshot_grid (self, snapshot, &geometry);
  snapshot_legend (self, snapshot, &geometry);

  cr = gtk_snapshot_append_cairo (snapshot, &geometry.plot);
  AU_CHART_GET_CLASS (self)->draw_series (self, cr, &geometry, &priv->colors);
  cairo_destroy (cr);

  snapshot_markers (self, snapshot, &geometry);
  snapshot_hover (self, snapshot, &geometry);
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
au_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  AuChart *self = AU_CHART (widget);
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());

  GTK_WIDGET_CLASS (au_chart_parent_class)->css_changed (widget, change);

  lookup_color (context, "window_fg_color", "rgba(0,0,0,0.8)", &priv->colors.foreground);
  lookup_color (context, "accent_bg_color", "#3584e4", &priv->colors.accent);
  lookup_color (context, "success_color", "#26a269", &priv->colors.success);
  lookup_color (context, "error_color", "#c01c28", &priv->colors.error);
  lookup_color (context, "warning_color", "#ae7b03", &priv->colors.palette[2]);

  priv->colors.grid = priv->colors.foreground;
  /* High contrast asks for lines that are seen, not hinted. */
  priv->colors.grid.alpha = high_contrast ? 0.4 : 0.12;

  priv->colors.palette[0] = priv->colors.accent;
  priv->colors.palette[1] = priv->colors.success;
  priv->colors.palette[3] = priv->colors.foreground;
  priv->colors.palette[3].alpha = 0.55;

  gtk_widget_queue_draw (widget);
}

static void
au_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  /* Small enough for a 360 px window, large enough to read. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 120;
      *natural = 200;
    }
}

/**
 * au_chart_hover_at:
 * @self: a chart
 * @widget_x: a horizontal position in the widget, or a negative number
 *   when the pointer left
 *
 * Moves the hover read-out to the point nearest to @widget_x.
 */
void
au_chart_hover_at (AuChart *self,
                   double   widget_x)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  AuChartGeometry geometry;
  int point = -1;

  g_return_if_fail (AU_IS_CHART (self));

  if (widget_x >= 0 && compute_geometry (self, &geometry))
    {
      double start = geometry.plot.origin.x + geometry.slot_width / 2.0;
      double inner = geometry.plot.size.width - geometry.slot_width;
      double fraction = inner > 0 ? CLAMP ((widget_x - start) / inner, 0.0, 1.0) : 0.0;
      double span = (double) (geometry.x_max - geometry.x_min);
      gint64 x = geometry.x_min + (gint64) llround (fraction * span);

      point = au_chart_data_nearest_point (priv->data, x);
    }

  if (point != priv->hover_point)
    {
      priv->hover_point = point;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

int
au_chart_get_hover_point (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_return_val_if_fail (AU_IS_CHART (self), -1);

  return priv->hover_point;
}

/**
 * au_chart_dup_readout:
 * @self: a chart
 *
 * Returns: (transfer full) (nullable): the hover read-out, e.g.
 *   "2026-11-16\nGen-Acc: $1.2K", or %NULL when nothing is hovered
 */
char *
au_chart_dup_readout (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  g_autoptr(GDateTime) time = NULL;
  GString *text;
  guint n_series;

  g_return_val_if_fail (AU_IS_CHART (self), NULL);

  if (priv->hover_point < 0)
    return NULL;

  time = g_date_time_new_from_unix_utc (au_chart_data_get_x (priv->data, priv->hover_point));
  text = g_string_new (NULL);
  g_string_append_printf (text, "%d-%02d-%02d", g_date_time_get_year (time),
                          g_date_time_get_month (time), g_date_time_get_day_of_month (time));

  n_series = au_chart_data_get_n_series (priv->data);
  for (guint s = 0; s < n_series; s++)
    {
      double number = au_chart_data_get_value (priv->data, priv->hover_point, s);
      g_autofree char *value = au_chart_format_value (self, number);

      g_string_append_printf (text, "\n%s: %s",
                              au_chart_data_get_series_name (priv->data, s), value);
    }

  if (n_series > 1)
    {
      double sum = au_chart_data_get_total (priv->data, priv->hover_point);
      g_autofree char *total = au_chart_format_value (self, sum);

      /* Translators: the sum of a stacked chart's series at one point. */
      g_string_append_printf (text, "\n%s: %s", _("Total"), total);
    }

  return g_string_free (text, FALSE);
}

static void
on_motion_cb (AuChart                  *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  au_chart_hover_at (self, x);
}

static void
on_leave_cb (AuChart                  *self,
             GtkEventControllerMotion *motion)
{
  au_chart_hover_at (self, -1);
}

static void
au_chart_dispose (GObject *object)
{
  AuChart *self = AU_CHART (object);
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_clear_object (&priv->data);

  G_OBJECT_CLASS (au_chart_parent_class)->dispose (object);
}

static void
au_chart_finalize (GObject *object)
{
  AuChart *self = AU_CHART (object);
  AuChartPrivate *priv = au_chart_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);

  G_OBJECT_CLASS (au_chart_parent_class)->finalize (object);
}

static void
au_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AuChart *self = AU_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_object (value, au_chart_get_data (self));
      break;

    case PROP_UNIT:
      g_value_set_int (value, au_chart_get_unit (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, au_chart_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  AuChart *self = AU_CHART (object);

  switch (prop_id)
    {
    case PROP_DATA:
      au_chart_set_data (self, g_value_get_object (value));
      break;

    case PROP_UNIT:
      au_chart_set_unit (self, g_value_get_int (value));
      break;

    case PROP_TITLE:
      au_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_chart_class_init (AuChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = au_chart_dispose;
  object_class->finalize = au_chart_finalize;
  object_class->get_property = au_chart_get_property;
  object_class->set_property = au_chart_set_property;

  widget_class->snapshot = au_chart_snapshot;
  widget_class->css_changed = au_chart_css_changed;
  widget_class->measure = au_chart_measure;

  properties[PROP_DATA] =
    g_param_spec_object ("data", NULL, NULL, AU_TYPE_CHART_DATA,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_UNIT] =
    g_param_spec_int ("unit", NULL, NULL, AU_CHART_UNIT_DOLLARS, AU_CHART_UNIT_FRACTION,
                      AU_CHART_UNIT_DOLLARS,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
au_chart_init (AuChart *self)
{
  AuChartPrivate *priv = au_chart_get_instance_private (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  priv->hover_point = -1;

  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  update_accessible (self);
}

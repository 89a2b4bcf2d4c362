/* au-chart.h: what the area, bar and line charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "au-chart-data.h"

G_BEGIN_DECLS

typedef enum
{
  AU_CHART_UNIT_DOLLARS,
  AU_CHART_UNIT_FRACTION,     /* shown as a percentage, e.g. drawdown */
} AuChartUnit;

/* The plot's rectangle and its scales, computed once per frame. */
typedef struct
{
  graphene_rect_t plot;
  gint64          x_min;
  gint64          x_max;
  double          y_min;
  double          y_max;
  double          slot_width;  /* the width one point may take, for bars */
} AuChartGeometry;

/* Colours looked up from the theme in css_changed (dark mode and high
 * contrast included); series colours cycle through the palette. */
typedef struct
{
  GdkRGBA foreground;
  GdkRGBA grid;
  GdkRGBA accent;
  GdkRGBA success;
  GdkRGBA error;
  GdkRGBA palette[4];
} AuChartColors;

#define AU_TYPE_CHART (au_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (AuChart, au_chart, AU, CHART, GtkWidget)

struct _AuChartClass
{
  GtkWidgetClass parent_class;

  /* Widens [*min, *max] by the points from @first on, so appended points
   * cost only their own work. */
  void (*extend_range) (AuChart     *self,
                        AuChartData *data,
                        guint        first,
                        double      *min,
                        double      *max);
  /* Draws the series into the one cairo node of the frame. */
  void (*draw_series)  (AuChart               *self,
                        cairo_t               *cr,
                        const AuChartGeometry *geometry,
                        const AuChartColors   *colors);
  /* Bars take a slot each; areas and lines run edge to edge. */
  gboolean uses_slots;
};

AuChartData *au_chart_get_data          (AuChart     *self);
void         au_chart_set_data          (AuChart     *self,
                                         AuChartData *data);
void         au_chart_append_point      (AuChart     *self,
                                         gint64       x,
                                         const double *values);
AuChartUnit  au_chart_get_unit          (AuChart     *self);
void         au_chart_set_unit          (AuChart     *self,
                                         AuChartUnit  unit);
const char  *au_chart_get_title         (AuChart     *self);
void         au_chart_set_title         (AuChart     *self,
                                         const char  *title);
int          au_chart_get_hover_point   (AuChart     *self);
void         au_chart_hover_at          (AuChart     *self,
                                         double       widget_x);
char        *au_chart_dup_readout       (AuChart     *self);
char        *au_chart_format_value      (AuChart     *self,
                                         double       value);
double       au_chart_map_x             (const AuChartGeometry *geometry,
                                         gint64       x);
double       au_chart_map_y             (const AuChartGeometry *geometry,
                                         double       y);
const AuChartColors *au_chart_get_colors (AuChart    *self);

G_END_DECLS

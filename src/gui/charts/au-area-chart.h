/* au-area-chart.h: stacked areas, e.g. equity per sleeve with fork and merge markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-chart.h"

G_BEGIN_DECLS

#define AU_TYPE_AREA_CHART (au_area_chart_get_type ())

G_DECLARE_FINAL_TYPE (AuAreaChart, au_area_chart, AU, AREA_CHART, AuChart)

GtkWidget *au_area_chart_new (void);

G_END_DECLS

/* au-line-chart.h: lines, e.g. drawdown from the high-water mark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-chart.h"

G_BEGIN_DECLS

#define AU_TYPE_LINE_CHART (au_line_chart_get_type ())

G_DECLARE_FINAL_TYPE (AuLineChart, au_line_chart, AU, LINE_CHART, AuChart)

GtkWidget *au_line_chart_new (void);

G_END_DECLS

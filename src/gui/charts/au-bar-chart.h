/* au-bar-chart.h: bars that may go below zero, e.g. weekly premium income
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-chart.h"

G_BEGIN_DECLS

#define AU_TYPE_BAR_CHART (au_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (AuBarChart, au_bar_chart, AU, BAR_CHART, AuChart)

GtkWidget *au_bar_chart_new (void);

G_END_DECLS

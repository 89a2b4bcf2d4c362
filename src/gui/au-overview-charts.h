/* au-overview-charts.h: the Overview's charts, from the ledger
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-chart.h"

G_BEGIN_DECLS

#define AU_TYPE_OVERVIEW_CHARTS (au_overview_charts_get_type ())

G_DECLARE_FINAL_TYPE (AuOverviewCharts, au_overview_charts, AU, OVERVIEW_CHARTS, AdwBin)

GtkWidget *au_overview_charts_new               (void);
void       au_overview_charts_set_database_path (AuOverviewCharts *self,
                                                 const char       *database_path);
void       au_overview_charts_reload            (AuOverviewCharts *self);
gboolean   au_overview_charts_get_busy          (AuOverviewCharts *self);
AuChart   *au_overview_charts_get_chart         (AuOverviewCharts *self,
                                                 guint             chart);

G_END_DECLS

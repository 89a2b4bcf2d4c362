/* au-window.h: the main window of ALL-USE Autopilot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-accounts-page.h"
#include "au-audit-page.h"
#include "au-constitution.h"
#include "au-events-page.h"
#include "au-ledger-page.h"
#include "au-orders-page.h"
#include "au-overview-charts.h"
#include "au-overview-status.h"
#include "au-positions-page.h"
#include "au-session.h"
#include "au-weeks-page.h"

G_BEGIN_DECLS

#define AU_TYPE_WINDOW (au_window_get_type ())

G_DECLARE_FINAL_TYPE (AuWindow, au_window, AU, WINDOW, AdwApplicationWindow)

AuWindow       *au_window_new                    (GtkApplication *application);
AuWindow       *au_window_new_for_constitution   (GtkApplication *application,
                                                  GFile          *constitution_file);
AuConstitution *au_window_get_constitution       (AuWindow       *self);
const GError   *au_window_get_constitution_error (AuWindow       *self);
AuWindow       *au_window_new_for_database       (GtkApplication *application,
                                                  GFile          *constitution_file,
                                                  const char     *database_path);
const char     *au_window_get_database_path      (AuWindow       *self);
gboolean        au_window_get_has_portfolio      (AuWindow       *self);
gboolean        au_window_get_busy               (AuWindow       *self);
gboolean        au_window_get_folded             (AuWindow       *self);
void            au_window_reload                 (AuWindow       *self);
void            au_window_show_page              (AuWindow       *self,
                                                  const char     *name);
const char     *au_window_get_page               (AuWindow       *self);
AuLedgerPage   *au_window_get_ledger_page        (AuWindow       *self);
AuAuditPage    *au_window_get_audit_page         (AuWindow       *self);
AuOverviewCharts *au_window_get_overview_charts  (AuWindow       *self);
AuOverviewStatus *au_window_get_overview_status  (AuWindow       *self);
AuAccountsPage *au_window_get_accounts_page      (AuWindow       *self);
AuPositionsPage *au_window_get_positions_page    (AuWindow       *self);
AuOrdersPage   *au_window_get_orders_page        (AuWindow       *self);
AuEventsPage   *au_window_get_events_page        (AuWindow       *self);
AuWeeksPage    *au_window_get_weeks_page         (AuWindow       *self);
AuSession      *au_window_get_session            (AuWindow       *self);

G_END_DECLS

/* au-backtest-dialog.h: a paper backtest run from the window, with its progress and results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-backtest.h"
#include "au-chart.h"

G_BEGIN_DECLS

typedef enum
{
  AU_BACKTEST_DIALOG_IDLE,
  AU_BACKTEST_DIALOG_RUNNING,
  AU_BACKTEST_DIALOG_DONE,
  AU_BACKTEST_DIALOG_CANCELLED,
  AU_BACKTEST_DIALOG_FAILED,
} AuBacktestDialogState;

#define AU_TYPE_BACKTEST_DIALOG (au_backtest_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AuBacktestDialog, au_backtest_dialog, AU, BACKTEST_DIALOG, AdwWindow)

GtkWindow              *au_backtest_dialog_new               (GtkWindow        *parent);

/* What the Run and Cancel buttons do. Run takes the settings from the
 * form and reports a bad field on it; it returns FALSE then. */
gboolean                au_backtest_dialog_run               (AuBacktestDialog *self);
void                    au_backtest_dialog_cancel            (AuBacktestDialog *self);

/* NULL: a new temporary file, removed with the dialog. */
void                    au_backtest_dialog_set_database_path (AuBacktestDialog *self,
                                                              const char       *path);
const char             *au_backtest_dialog_get_database_path (AuBacktestDialog *self);

AuBacktestDialogState   au_backtest_dialog_get_state         (AuBacktestDialog *self);
/* The finished run's result, NULL before. */
const AuBacktestResult *au_backtest_dialog_get_result        (AuBacktestDialog *self);
/* The last week the progress bar shows, and of how many. */
guint                   au_backtest_dialog_get_week          (AuBacktestDialog *self,
                                                              guint            *n_weeks);

/* The form and the results, for tests and the window's accessibility. */
GtkEditable            *au_backtest_dialog_get_capital_entry (AuBacktestDialog *self);
GtkSpinButton          *au_backtest_dialog_get_years_spin    (AuBacktestDialog *self);
GtkEditable            *au_backtest_dialog_get_seed_entry    (AuBacktestDialog *self);
GtkProgressBar         *au_backtest_dialog_get_progress_bar  (AuBacktestDialog *self);
GtkLabel               *au_backtest_dialog_get_status_label  (AuBacktestDialog *self);
GtkGrid                *au_backtest_dialog_get_table         (AuBacktestDialog *self);
AuChart                *au_backtest_dialog_get_weekly_chart  (AuBacktestDialog *self);
AuChart                *au_backtest_dialog_get_sleeve_chart  (AuBacktestDialog *self);

G_END_DECLS

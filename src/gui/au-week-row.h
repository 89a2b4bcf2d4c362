/* au-week-row.h: one labelled week of the Week Types page (D2.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-week-type.h"

G_BEGIN_DECLS

#define AU_TYPE_WEEK_ROW (au_week_row_get_type ())

G_DECLARE_FINAL_TYPE (AuWeekRow, au_week_row, AU, WEEK_ROW, GObject)

AuWeekRow  *au_week_row_new              (const char *week);
/* Worker side, before the row is handed over: @account "" for the system. */
void        au_week_row_add              (AuWeekRow  *self,
                                          const char *account,
                                          AuWeekType  type,
                                          const char *events_json);
const char *au_week_row_get_week         (AuWeekRow  *self);
guint       au_week_row_get_n_labels     (AuWeekRow  *self);
const char *au_week_row_get_account      (AuWeekRow  *self,
                                          guint       index);
gboolean    au_week_row_lookup           (AuWeekRow  *self,
                                          const char *account,
                                          AuWeekType *type);
char       *au_week_row_dup_events_text  (AuWeekRow  *self);

const char *au_week_type_to_label        (AuWeekType  type);
const char *au_week_type_to_abbreviation (AuWeekType  type);

G_END_DECLS

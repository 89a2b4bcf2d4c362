/* au-row-list.h: an immutable GListModel over rows loaded in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AU_TYPE_ROW_LIST (au_row_list_get_type ())

G_DECLARE_FINAL_TYPE (AuRowList, au_row_list, AU, ROW_LIST, GObject)

AuRowList *au_row_list_new (GType      item_type,
                            GPtrArray *rows);

G_END_DECLS

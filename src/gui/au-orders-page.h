/* au-orders-page.h: the Orders & Fills page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "au-autopilot-snapshot.h"

G_BEGIN_DECLS

/* The state drop-down's choices, in its order. */
typedef enum
{
  AU_ORDERS_SHOW_ALL,
  AU_ORDERS_SHOW_OPEN,
  AU_ORDERS_SHOW_FILLED,
  AU_ORDERS_SHOW_CANCELLED,
  AU_ORDERS_SHOW_REJECTED,
} AuOrdersShow;

#define AU_TYPE_ORDERS_PAGE (au_orders_page_get_type ())

G_DECLARE_FINAL_TYPE (AuOrdersPage, au_orders_page, AU, ORDERS_PAGE, AdwBin)

GtkWidget     *au_orders_page_new                (void);
const char    *au_orders_page_get_database_path  (AuOrdersPage        *self);
void           au_orders_page_set_database_path  (AuOrdersPage        *self,
                                                  const char          *database_path);
void           au_orders_page_reload             (AuOrdersPage        *self);
void           au_orders_page_set_snapshot       (AuOrdersPage        *self,
                                                  AuAutopilotSnapshot *snapshot);
gboolean       au_orders_page_get_busy           (AuOrdersPage        *self);
GListModel    *au_orders_page_get_rows           (AuOrdersPage        *self);
GListModel    *au_orders_page_get_visible_rows   (AuOrdersPage        *self);
GtkColumnView *au_orders_page_get_column_view    (AuOrdersPage        *self);
void           au_orders_page_set_state_filter   (AuOrdersPage        *self,
                                                  AuOrdersShow         show);
void           au_orders_page_set_account_filter (AuOrdersPage        *self,
                                                  const char          *account);
void           au_orders_page_select             (AuOrdersPage        *self,
                                                  guint                position);
const char    *au_orders_page_get_details        (AuOrdersPage        *self);

G_END_DECLS

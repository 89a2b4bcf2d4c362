/* au-order-store.h: the order manager's own table, for restarts (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-database.h"

G_BEGIN_DECLS

/* One version of one slice as it was sent (R0.4, R0.6). A version stays
 * open until its fate is known; after a restart the open ones are all
 * the manager has to match against the broker. */
typedef struct
{
  char    *client_order_id;   /* "<parent>-v2", "<parent>-3-v1" */
  char    *parent;            /* the parent intent's client order id */
  guint    slice;             /* 1-based */
  guint    n_slices;
  gint64   slice_quantity;
  guint    version;           /* 1-based */
  gint64   quantity;          /* this version's quantity: what the slice still needed */
  gint64   limit;             /* AuPrice */
  char    *spec;              /* the parent intent, JSON */
  gint64   sent_usec;         /* the engine clock when it was stored, 0 before it was kept */
} AuOrderVersionRow;

void       au_order_version_row_free (AuOrderVersionRow       *row);

gboolean   au_order_store_init       (AuDatabase              *database,
                                      GError                 **error);
gboolean   au_order_store_add        (AuDatabase              *database,
                                      const AuOrderVersionRow *row,
                                      const char              *time,
                                      GError                 **error);
gboolean   au_order_store_close      (AuDatabase              *database,
                                      const char              *client_order_id,
                                      GError                 **error);
/* The open versions, oldest first. GPtrArray of AuOrderVersionRow. */
GPtrArray *au_order_store_list_open  (AuDatabase              *database,
                                      GError                 **error);

/* Every version ever stored of the parent intent @parent, open or not,
 * oldest first: empty when the intent was persisted but nothing of it
 * was ever sent (D4). GPtrArray of AuOrderVersionRow. */
GPtrArray *au_order_store_list_versions (AuDatabase           *database,
                                         const char           *parent,
                                         GError              **error);

/* Moves the mark of the newest execution seen (by the broker's time)
 * forward; an older or equal one leaves it. */
gboolean   au_order_store_note_execution     (AuDatabase   *database,
                                              gint64        exec_time,
                                              const char   *exec_id,
                                              GError      **error);
/* The newest execution time seen, or -1 when none was. */
gboolean   au_order_store_get_last_execution (AuDatabase   *database,
                                              gint64       *exec_time,
                                              GError      **error);

G_END_DECLS

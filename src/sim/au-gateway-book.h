/* au-gateway-book.h: what the gateway knows beyond the paper exchange
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-broker-types.h"

G_BEGIN_DECLS

/* One order as IB's clients know it: the exchange keeps the order's fate
 * under its own id (the IB perm id); the book keeps who sent it, under
 * which of the client's order ids, and what it asked for. */
typedef struct
{
  gint64      perm_id;       /* the paper exchange's order id */
  int         client_id;
  int         order_id;      /* the client's own id */
  char       *order_ref;
  AuContract  contract;
  AuSide      side;
  gint64      quantity;
  AuPrice     limit;
  char       *tif;
  gint64      submitted;     /* µs, the market's time when the exchange took it */
} AuGatewayOrder;

void            au_gateway_order_free            (AuGatewayOrder *order);
/* The paper exchange's client order id of @order: "client/order". */
char           *au_gateway_order_exchange_id     (const AuGatewayOrder *order);

#define AU_TYPE_GATEWAY_BOOK (au_gateway_book_get_type ())

G_DECLARE_FINAL_TYPE (AuGatewayBook, au_gateway_book, AU, GATEWAY_BOOK, GObject)

/* The book saved at @path (D4: the same broker after a restart), or an
 * empty one when @path is NULL or absent. A file that cannot be read
 * back is refused with AU_GATEWAY_ERROR_CORRUPT_STATE naming the field. */
AuGatewayBook  *au_gateway_book_load             (const char     *path,
                                                  GError        **error);
const char     *au_gateway_book_get_account      (AuGatewayBook  *self);
void            au_gateway_book_set_account      (AuGatewayBook  *self,
                                                  const char     *account);
/* One above every order id any client used (1 for a new account). */
int             au_gateway_book_get_next_valid_id (AuGatewayBook *self);
void            au_gateway_book_use_order_id     (AuGatewayBook  *self,
                                                  int             order_id);
/* The simulated clock when last saved, µs (0: never). */
gint64          au_gateway_book_get_clock        (AuGatewayBook  *self);
void            au_gateway_book_set_clock        (AuGatewayBook  *self,
                                                  gint64          clock);
/* Takes @order. */
void            au_gateway_book_add              (AuGatewayBook  *self,
                                                  AuGatewayOrder *order);
AuGatewayOrder *au_gateway_book_find             (AuGatewayBook  *self,
                                                  int             client_id,
                                                  int             order_id);
AuGatewayOrder *au_gateway_book_find_perm        (AuGatewayBook  *self,
                                                  gint64          perm_id);
/* AuGatewayOrder in the order they were taken (transfer none). */
GPtrArray      *au_gateway_book_get_orders       (AuGatewayBook  *self);
/* Atomically (temporary file, fsync, rename; D4); a no-op without a
 * path. */
gboolean        au_gateway_book_save             (AuGatewayBook  *self,
                                                  GError        **error);

G_END_DECLS

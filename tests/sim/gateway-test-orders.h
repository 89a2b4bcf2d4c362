/* gateway-test-orders.h: order helpers shared by the simulator's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gateway-test-client.h"

G_BEGIN_DECLS

/* MANAGED_ACCTS … the farm notices; the announced next valid id. */
int      expect_ready        (SimClient          *client);
/* The stock's bid and ask now (a snapshot on @req_id). */
void     stock_quote         (SimClient          *client,
                              int                 req_id,
                              const char         *symbol,
                              double             *bid,
                              double             *ask);
/* A DAY limit order on @contract, order ref "ref-<order_id>". */
void     place_limit         (SimClient          *client,
                              int                 order_id,
                              const AuIbContract *contract,
                              const char         *action,
                              double              quantity,
                              double              limit);
void     place_stock         (SimClient          *client,
                              int                 order_id,
                              const char         *symbol,
                              const char         *action,
                              double              quantity,
                              double              limit);
/* Skips messages until ORDER_STATUS of @order_id says @status; the
 * message is left in @m. */
void     expect_status       (SimClient          *client,
                              int                 order_id,
                              const char         *status,
                              AuIbIncoming       *m);
/* Rounds to the cent, as a limit must be on the tick. */
double   to_cent             (double              price);

G_END_DECLS

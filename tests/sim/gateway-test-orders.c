/* gateway-test-orders.c: order helpers shared by the simulator's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "gateway-test-orders.h"

int
expect_ready (SimClient *client)
{
  static const int notices[] = { 2104, 2106, 2158 };
  AuIbIncoming m;
  int next_id;
  guint i;

  client_expect (client, AU_IB_IN_MANAGED_ACCTS, &m);
  g_assert_cmpstr (m.u.managed_accts.accounts, ==, SIM_ACCOUNT);
  au_ib_incoming_clear (&m);
  g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
  g_assert_cmpint (m.id, ==, AU_IB_IN_NEXT_VALID_ID);
  next_id = m.u.next_valid_id.order_id;
  au_ib_incoming_clear (&m);
  for (i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      g_assert_true (client_next (client, &m, SIM_REPLY_MS, NULL));
      g_assert_cmpint (m.id, ==, AU_IB_IN_ERR_MSG);
      g_assert_cmpint (m.u.err_msg.code, ==, notices[i]);
      au_ib_incoming_clear (&m);
    }
  return next_id;
}

void
stock_quote (SimClient  *client,
             int         req_id,
             const char *symbol,
             double     *bid,
             double     *ask)
{
  AuIbRequest r = { .id = AU_IB_OUT_REQ_MKT_DATA };
  AuIbIncoming m;

  *bid = *ask = 0.0;
  contract_stock (&r.u.mkt_data.contract, symbol);
  r.u.mkt_data.req_id = req_id;
  r.u.mkt_data.generic_ticks = "";
  r.u.mkt_data.snapshot = TRUE;
  client_send (client, &r);
  for (;;)
    {
      client_expect (client, AU_IB_IN_TICK_PRICE, &m);
      if (m.u.tick_price.ticker_id == req_id && m.u.tick_price.tick_type == 1)
        *bid = m.u.tick_price.price;
      if (m.u.tick_price.ticker_id == req_id && m.u.tick_price.tick_type == 2)
        *ask = m.u.tick_price.price;
      if (*bid > 0 && *ask > 0)
        break;
    }
  g_assert_cmpfloat (*ask, >, *bid);
}

void
place_limit (SimClient          *client,
             int                 order_id,
             const AuIbContract *contract,
             const char         *action,
             double              quantity,
             double              limit)
{
  g_autofree char *ref = g_strdup_printf ("ref-%d", order_id);
  AuIbRequest r = { .id = AU_IB_OUT_PLACE_ORDER };

  au_ib_place_order_init (&r.u.place_order);
  r.u.place_order.order_id = order_id;
  r.u.place_order.contract = *contract;
  r.u.place_order.action = action;
  r.u.place_order.total_quantity = quantity;
  r.u.place_order.order_type = "LMT";
  r.u.place_order.lmt_price = limit;
  r.u.place_order.tif = "DAY";
  r.u.place_order.account = SIM_ACCOUNT;
  r.u.place_order.order_ref = ref;
  client_send (client, &r);
}

void
place_stock (SimClient  *client,
             int         order_id,
             const char *symbol,
             const char *action,
             double      quantity,
             double      limit)
{
  AuIbContract contract;

  contract_stock (&contract, symbol);
  place_limit (client, order_id, &contract, action, quantity, limit);
}

void
expect_status (SimClient    *client,
               int           order_id,
               const char   *status,
               AuIbIncoming *m)
{
  for (;;)
    {
      client_expect (client, AU_IB_IN_ORDER_STATUS, m);
      if (m->u.order_status.order_id == order_id &&
          g_strcmp0 (m->u.order_status.status, status) == 0)
        return;
    }
}

double
to_cent (double price)
{
  return round (price * 100.0) / 100.0;
}

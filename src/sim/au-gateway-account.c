/* au-gateway-account.c: account summary, positions and account updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-gateway"

#include "config.h"

#include <string.h>

#include "au-gateway-contract.h"
#include "au-gateway-private.h"
#include "au-market-calendar.h"
#include "au-money.h"

/* One position at its mark: stock at its last, options at their mid, as
 * the paper exchange values the account's net liquidation. */
typedef struct
{
  const AuBrokerPosition *position;
  AuPrice                 mark;
  AuMoney                 value;       /* signed */
  AuMoney                 cost;        /* signed, at the average cost */
} Valued;

typedef struct
{
  AuMoney cash;
  AuMoney net_liquidation;
  AuMoney stock_value;
  AuMoney option_value;
  AuMoney gross_value;
} Totals;

static AuMoney
price_to_money (gint64  quantity,
                AuPrice price,
                int     multiplier)
{
  return au_money_mul_ratio (quantity * price * multiplier, 1, AU_PRICE_SCALE / AU_MONEY_SCALE);
}

static void
value_position (AuGateway              *self,
                const AuBrokerPosition *position,
                Valued                 *out)
{
  AuMarketSim *market = au_paper_exchange_get_market (self->exchange);
  const AuContract *c = &position->contract;
  AuOptionQuote quote;

  out->position = position;
  out->mark = position->average_cost;
  if (c->sec_type == AU_SEC_STOCK)
    au_market_sim_get_last (market, c->symbol, &out->mark);
  else if (au_market_sim_get_quote (market, c->symbol, &c->expiry, c->right, c->strike, &quote,
                                    NULL))
    out->mark = (quote.bid + quote.ask) / 2;
  out->value = price_to_money (position->quantity, out->mark, c->multiplier);
  out->cost = price_to_money (position->quantity, position->average_cost, c->multiplier);
}

static GArray *
value_positions (AuGateway *self,
                 GPtrArray *positions,
                 Totals    *totals)
{
  GArray *valued = g_array_sized_new (FALSE, TRUE, sizeof (Valued), positions->len);
  guint i;

  memset (totals, 0, sizeof *totals);
  totals->cash = au_paper_exchange_get_cash (self->exchange);
  totals->net_liquidation = au_paper_exchange_get_net_liquidation (self->exchange);
  for (i = 0; i < positions->len; i++)
    {
      Valued v;

      value_position (self, g_ptr_array_index (positions, i), &v);
      g_array_append_val (valued, v);
      if (v.position->contract.sec_type == AU_SEC_STOCK)
        totals->stock_value += v.value;
      else
        totals->option_value += v.value;
      totals->gross_value += ABS (v.value);
    }
  return valued;
}

static const char *
summary_value (const char   *tag,
               const Totals *t,
               char        **owned)
{
  AuMoney amount;

  if (g_strcmp0 (tag, "AccountType") == 0)
    return "INDIVIDUAL";
  if (g_strcmp0 (tag, "NetLiquidation") == 0 || g_strcmp0 (tag, "EquityWithLoanValue") == 0)
    amount = t->net_liquidation;
  else if (g_strcmp0 (tag, "TotalCashValue") == 0 || g_strcmp0 (tag, "SettledCash") == 0)
    amount = t->cash;
  else if (g_strcmp0 (tag, "GrossPositionValue") == 0)
    amount = t->gross_value;
  else
    return NULL;   /* a tag the paper account has no figure for is left out, as IB does */
  *owned = au_money_format (amount);
  return *owned;
}

static void
send_summary (AuGateway     *self,
              AuGatewayConn *conn,
              int            req_id,
              const char    *tags)
{
  g_autoptr(GPtrArray) positions = au_paper_exchange_dup_positions (self->exchange);
  g_autoptr(GArray) valued = NULL;
  g_auto(GStrv) wanted = g_strsplit (tags != NULL ? tags : "", ",", -1);
  AuIbIncoming m = { .id = AU_IB_IN_ACCOUNT_SUMMARY };
  Totals totals;
  guint i;

  valued = value_positions (self, positions, &totals);
  for (i = 0; wanted[i] != NULL; i++)
    {
      g_autofree char *owned = NULL;
      const char *tag = g_strstrip (wanted[i]);
      const char *value = summary_value (tag, &totals, &owned);

      if (value == NULL)
        continue;
      m.u.account_summary.req_id = req_id;
      m.u.account_summary.account = au_gateway_book_get_account (self->book);
      m.u.account_summary.tag = tag;
      m.u.account_summary.value = value;
      m.u.account_summary.currency = g_strcmp0 (tag, "AccountType") == 0 ? "" : "USD";
      _au_gateway_send (conn, &m);
    }
  m.id = AU_IB_IN_ACCOUNT_SUMMARY_END;
  m.u.end.req_id = req_id;
  _au_gateway_send (conn, &m);
}

static void
send_positions (AuGateway     *self,
                AuGatewayConn *conn)
{
  g_autoptr(GPtrArray) positions = au_paper_exchange_dup_positions (self->exchange);
  AuIbIncoming m = { .id = AU_IB_IN_POSITION_DATA };
  guint i;

  for (i = 0; i < positions->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (positions, i);
      AuGatewayIbContract ib;

      au_gateway_contract_remember (self->contracts, &p->contract);
      au_gateway_contract_to_ib (&p->contract, &ib);
      m.u.position.account = au_gateway_book_get_account (self->book);
      m.u.position.contract = ib.ib;
      m.u.position.position = (double) p->quantity;
      /* IB's average cost is per contract: premium × multiplier. */
      m.u.position.avg_cost = au_price_to_double (p->average_cost) * p->contract.multiplier;
      _au_gateway_send (conn, &m);
    }
  m.id = AU_IB_IN_POSITION_END;
  _au_gateway_send (conn, &m);
}

static void
send_acct_value (AuGateway     *self,
                 AuGatewayConn *conn,
                 const char    *key,
                 AuMoney        amount)
{
  g_autofree char *value = au_money_format (amount);
  AuIbIncoming m = { .id = AU_IB_IN_ACCT_VALUE };

  m.u.acct_value.key = key;
  m.u.acct_value.value = value;
  m.u.acct_value.currency = "USD";
  m.u.acct_value.account = au_gateway_book_get_account (self->book);
  _au_gateway_send (conn, &m);
}

static void
send_account_updates (AuGateway     *self,
                      AuGatewayConn *conn)
{
  g_autoptr(GPtrArray) positions = au_paper_exchange_dup_positions (self->exchange);
  g_autoptr(GArray) valued = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) eastern = NULL;
  g_autofree char *stamp = NULL;
  AuIbIncoming m = { .id = AU_IB_IN_ACCT_VALUE };
  Totals totals;
  guint i;

  valued = value_positions (self, positions, &totals);
  m.u.acct_value.key = "AccountCode";
  m.u.acct_value.value = au_gateway_book_get_account (self->book);
  m.u.acct_value.currency = "";
  m.u.acct_value.account = au_gateway_book_get_account (self->book);
  _au_gateway_send (conn, &m);
  send_acct_value (self, conn, "NetLiquidation", totals.net_liquidation);
  send_acct_value (self, conn, "TotalCashValue", totals.cash);
  send_acct_value (self, conn, "CashBalance", totals.cash);
  send_acct_value (self, conn, "StockMarketValue", totals.stock_value);
  send_acct_value (self, conn, "OptionMarketValue", totals.option_value);
  send_acct_value (self, conn, "GrossPositionValue", totals.gross_value);

  for (i = 0; i < valued->len; i++)
    {
      const Valued *v = &g_array_index (valued, Valued, i);
      const AuContract *c = &v->position->contract;
      AuGatewayIbContract ib;

      au_gateway_contract_remember (self->contracts, c);
      au_gateway_contract_to_ib (c, &ib);
      m.id = AU_IB_IN_PORTFOLIO_VALUE;
      memset (&m.u, 0, sizeof m.u);
      m.u.portfolio_value.contract = ib.ib;
      m.u.portfolio_value.position = (double) v->position->quantity;
      m.u.portfolio_value.market_price = au_price_to_double (v->mark);
      m.u.portfolio_value.market_value = au_money_to_double (v->value);
      m.u.portfolio_value.average_cost = au_price_to_double (v->position->average_cost) *
                                         c->multiplier;
      m.u.portfolio_value.unrealized_pnl = au_money_to_double (v->value - v->cost);
      /* The paper exchange books realized P&L into cash, not per
       * position: IB's "unset" says so rather than inventing a zero. */
      m.u.portfolio_value.realized_pnl = AU_IB_UNSET_DOUBLE;
      m.u.portfolio_value.account = au_gateway_book_get_account (self->book);
      _au_gateway_send (conn, &m);
    }

  utc = g_date_time_new_from_unix_utc (au_gateway_get_now (self) / G_USEC_PER_SEC);
  eastern = g_date_time_to_timezone (utc, au_eastern_time_zone ());
  stamp = g_date_time_format (eastern, "%H:%M");
  m.id = AU_IB_IN_ACCT_UPDATE_TIME;
  m.u.acct_update_time.time_stamp = stamp;
  _au_gateway_send (conn, &m);
  m.id = AU_IB_IN_ACCT_DOWNLOAD_END;
  m.u.acct_download_end.account = au_gateway_book_get_account (self->book);
  _au_gateway_send (conn, &m);
}

static gboolean
is_our_account (AuGateway  *self,
                const char *account)
{
  return account == NULL || *account == '\0' ||
         g_strcmp0 (account, au_gateway_book_get_account (self->book)) == 0;
}

gboolean
_au_gateway_account_dispatch (AuGateway         *self,
                              AuGatewayConn     *conn,
                              const AuIbRequest *request)
{
  switch ((int) request->id)
    {
    case AU_IB_OUT_REQ_ACCOUNT_SUMMARY:
      g_hash_table_replace (conn->summaries, GINT_TO_POINTER (request->u.account_summary.req_id),
                            g_strdup (request->u.account_summary.tags));
      send_summary (self, conn, request->u.account_summary.req_id,
                    request->u.account_summary.tags);
      return TRUE;
    case AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY:
      g_hash_table_remove (conn->summaries, GINT_TO_POINTER (request->u.cancel.req_id));
      return TRUE;
    case AU_IB_OUT_REQ_POSITIONS:
      conn->positions_sub = TRUE;
      send_positions (self, conn);
      return TRUE;
    case AU_IB_OUT_CANCEL_POSITIONS:
      conn->positions_sub = FALSE;
      return TRUE;
    case AU_IB_OUT_REQ_ACCT_DATA:
      if (!is_our_account (self, request->u.acct_data.account))
        {
          g_autofree char *text = g_strdup_printf ("Invalid account code: %s is not managed "
                                                   "here (%s)",
                                                   request->u.acct_data.account,
                                                   au_gateway_book_get_account (self->book));
          _au_gateway_send_error (conn, -1, 321, text);
          return TRUE;
        }
      conn->account_sub = request->u.acct_data.subscribe;
      if (conn->account_sub)
        send_account_updates (self, conn);
      return TRUE;
    default:
      return FALSE;
    }
}

void
_au_gateway_account_changed (AuGateway *self)
{
  g_autoptr(GPtrArray) conns = _au_gateway_dup_conns (self);
  guint i;

  for (i = 0; i < conns->len; i++)
    {
      AuGatewayConn *conn = g_ptr_array_index (conns, i);
      GHashTableIter iter;
      gpointer key, tags;

      if (!conn->started)
        continue;
      if (conn->positions_sub)
        send_positions (self, conn);
      if (conn->account_sub)
        send_account_updates (self, conn);
      g_hash_table_iter_init (&iter, conn->summaries);
      while (g_hash_table_iter_next (&iter, &key, &tags))
        send_summary (self, conn, GPOINTER_TO_INT (key), tags);
    }
}

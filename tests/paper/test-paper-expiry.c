/* test-paper-expiry.c: assignment, exercise and worthless expiry at the close (R7, D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "paper-test-util.h"

static void
on_expiry (AuPaperExchange     *exchange,
           const AuExpiryEvent *event,
           GPtrArray           *events)
{
  g_ptr_array_add (events, au_expiry_event_copy (event));
}

static const AuExpiryEvent *
event_for (GPtrArray           *events,
           const AuOptionQuote *series)
{
  guint i;

  for (i = 0; i < events->len; i++)
    {
      const AuExpiryEvent *event = g_ptr_array_index (events, i);

      if (event->contract.strike == series->strike && event->contract.right == series->right)
        return event;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Monday 2026-11-02: a short put deep in the money, one far out of it
 * and a long call in the money, all of Friday 2026-11-06's AAPL weekly.
 * At Friday's close: the ITM short put is assigned (+100 shares, cash
 * −strike × 100), the OTM one expires worthless (nothing moves), the ITM
 * long call is exercised (+100 shares, cash −strike × 100). */
static void
test_expiry_at_close (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  AuOptionQuote itm_put = find_series (exchange, "AAPL", 4, 4, AU_OPTION_PUT, 0.90, 0.99);
  AuOptionQuote otm_put = find_series (exchange, "AAPL", 4, 4, AU_OPTION_PUT, 0.01, 0.05);
  AuOptionQuote itm_call = find_series (exchange, "AAPL", 4, 4, AU_OPTION_CALL, 0.90, 0.99);
  AuMarketSim *market = au_paper_exchange_get_market (exchange);
  const AuExpiryEvent *event;
  AuBrokerPosition *held;
  AuOrderRequest request;
  AuContract stock, contract;
  AuMoney before;
  AuPrice close;
  GDate friday = ymd (2026, 11, 6);

  g_assert_cmpint (g_date_compare (&itm_put.expiry, &friday), ==, 0);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) au_expiry_event_free);
  g_signal_connect (exchange, "expiry", G_CALLBACK (on_expiry), events);

  option_request (&request, "short-itm", "AAPL", &itm_put, AU_SIDE_SELL, 1, itm_put.bid);
  au_order_update_free (submit (exchange, &request));
  option_request (&request, "short-otm", "AAPL", &otm_put, AU_SIDE_SELL, 1, otm_put.bid);
  au_order_update_free (submit (exchange, &request));
  option_request (&request, "long-itm", "AAPL", &itm_call, AU_SIDE_BUY, 1, itm_call.ask);
  au_order_update_free (submit (exchange, &request));
  positions = au_paper_exchange_dup_positions (exchange);
  g_assert_cmpuint (positions->len, ==, 3);

  /* to Friday 15:55: nothing has expired yet */
  g_assert_true (au_paper_exchange_advance_to (exchange, et_usec (2026, 11, 6, 15, 55), NULL));
  g_assert_cmpuint (events->len, ==, 0);
  before = au_paper_exchange_get_cash (exchange);
  saved = au_paper_exchange_dup_positions (exchange);
  g_assert_cmpuint (saved->len, ==, 3);

  /* the close */
  step (exchange);
  g_assert_true (au_market_sim_is_at_close (market));
  g_assert_true (au_market_sim_get_last (market, "AAPL", &close));
  g_test_message ("AAPL closes at %" G_GINT64_FORMAT "; strikes %" G_GINT64_FORMAT " P, %"
                  G_GINT64_FORMAT " P, %" G_GINT64_FORMAT " C", close, itm_put.strike,
                  otm_put.strike, itm_call.strike);
  /* the scenario's premise, so the outcomes below are the rule's */
  g_assert_cmpint (itm_put.strike - close, >=, PRICE (0.01));
  g_assert_cmpint (otm_put.strike, <, close);
  g_assert_cmpint (close - itm_call.strike, >=, PRICE (0.01));

  g_assert_cmpuint (events->len, ==, 3);
  event = event_for (events, &itm_put);
  g_assert_cmpint (event->outcome, ==, AU_EXPIRY_ASSIGNED);
  g_assert_cmpint (event->contracts, ==, -1);
  event = event_for (events, &otm_put);
  g_assert_cmpint (event->outcome, ==, AU_EXPIRY_EXPIRED);
  g_assert_cmpint (event->contracts, ==, -1);
  event = event_for (events, &itm_call);
  g_assert_cmpint (event->outcome, ==, AU_EXPIRY_EXERCISED);
  g_assert_cmpint (event->contracts, ==, 1);
  g_assert_cmpstr (event_for (events, &itm_put)->reference, !=, event->reference);

  /* shares at the strikes, cash out at the strikes, options gone */
  g_assert_cmpint (au_paper_exchange_get_cash (exchange), ==,
                   before - itm_put.strike - itm_call.strike); /* strike × 100 shares in cents */
  au_contract_init_stock (&stock, "AAPL");
  g_assert_cmpint (au_paper_exchange_get_position (exchange, &stock), ==, 200);
  au_contract_init_option (&contract, "AAPL", AU_OPTION_PUT, itm_put.strike, &friday);
  g_assert_cmpint (au_paper_exchange_get_position (exchange, &contract), ==, 0);
  au_contract_clear (&contract);
  g_clear_pointer (&positions, g_ptr_array_unref);
  positions = au_paper_exchange_dup_positions (exchange);
  g_assert_cmpuint (positions->len, ==, 1);
  held = g_ptr_array_index (positions, 0);
  g_assert_true (au_contract_equal (&held->contract, &stock));
  g_assert_cmpint (held->average_cost, ==, (itm_put.strike + itm_call.strike) / 2);
  au_contract_clear (&stock);

  /* the next session does not settle them again */
  step (exchange);
  g_assert_cmpuint (events->len, ==, 3);
}

/* A market where AAPL replays flat $205 days from Monday 2026-11-02 and
 * closes Friday 2026-11-06 at @friday_close, so the money line can be
 * put exactly where the rule draws it. */
static AuPaperExchange *
scripted_exchange (AuPrice friday_close)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuMarketSim) market = NULL;
  g_autoptr(GArray) bars = au_daily_bars_new ();
  GDate start = ymd (2026, 11, 2);
  int day;

  market = au_market_sim_new (TEST_SEED, &start, &error);
  g_assert_no_error (error);
  for (day = 2; day <= 13; day++)
    {
      AuDailyBar bar = { 0 };
      AuPrice close = day == 6 ? friday_close : PRICE (205);

      bar.date = ymd (2026, 11, day);
      if (!au_nyse_is_trading_day (&bar.date))
        continue;
      bar.open = PRICE (205);
      bar.high = MAX (close, PRICE (205));
      bar.low = MIN (close, PRICE (205));
      bar.close = close;
      bar.volume = 1000000;
      g_array_append_val (bars, bar);
    }
  g_assert_true (au_market_sim_replay (market, "AAPL", bars, &error));
  g_assert_no_error (error);
  return au_paper_exchange_new_for_market (market, DOLLARS (100000));
}

/* Sells one put and buys one call struck at $200 on Friday's weekly,
 * runs to Friday's close and returns the two expiry events. */
static GPtrArray *
settle_at (AuPrice   friday_close,
           AuMoney  *cash_change,
           gint64   *shares)
{
  g_autoptr(AuPaperExchange) exchange = scripted_exchange (friday_close);
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) au_expiry_event_free);
  AuOptionQuote series = { 0 };
  AuOrderRequest request;
  AuContract stock;
  AuMoney before;
  AuPrice close;

  g_signal_connect (exchange, "expiry", G_CALLBACK (on_expiry), events);
  series.expiry = ymd (2026, 11, 6);
  series.strike = PRICE (200);
  series.right = AU_OPTION_PUT;
  option_request (&request, "put", "AAPL", &series, AU_SIDE_SELL, 1, PRICE (0.01));
  au_order_update_free (submit (exchange, &request));
  series.right = AU_OPTION_CALL;
  option_request (&request, "call", "AAPL", &series, AU_SIDE_BUY, 1, PRICE (20));
  au_order_update_free (submit (exchange, &request));

  g_assert_true (au_paper_exchange_advance_to (exchange, et_usec (2026, 11, 6, 15, 55), NULL));
  before = au_paper_exchange_get_cash (exchange);
  step (exchange);
  g_assert_true (au_market_sim_get_last (au_paper_exchange_get_market (exchange), "AAPL", &close));
  g_assert_cmpint (close, ==, friday_close);
  *cash_change = au_paper_exchange_get_cash (exchange) - before;
  au_contract_init_stock (&stock, "AAPL");
  *shares = au_paper_exchange_get_position (exchange, &stock);
  au_contract_clear (&stock);
  g_assert_cmpuint (events->len, ==, 2);
  return events;
}

static AuExpiryOutcome
outcome_of (GPtrArray     *events,
            AuOptionRight  right)
{
  guint i;

  for (i = 0; i < events->len; i++)
    {
      const AuExpiryEvent *event = g_ptr_array_index (events, i);

      if (event->contract.right == right)
        return event->outcome;
    }
  g_assert_not_reached ();
  return AU_EXPIRY_EXPIRED;
}

/* In the money by at least $0.01 settles; on the strike, nothing does. */
static void
test_money_line (void)
{
  g_autoptr(GPtrArray) below = NULL;
  g_autoptr(GPtrArray) on = NULL;
  g_autoptr(GPtrArray) above = NULL;
  AuMoney cash;
  gint64 shares;

  /* $199.99: the short put is a cent in the money → assigned at $200 */
  below = settle_at (PRICE (199.99), &cash, &shares);
  g_assert_cmpint (outcome_of (below, AU_OPTION_PUT), ==, AU_EXPIRY_ASSIGNED);
  g_assert_cmpint (outcome_of (below, AU_OPTION_CALL), ==, AU_EXPIRY_EXPIRED);
  g_assert_cmpint (shares, ==, 100);
  g_assert_cmpint (cash, ==, -DOLLARS (20000));

  /* $200.00: both on the strike → both worthless, nothing moves */
  on = settle_at (PRICE (200), &cash, &shares);
  g_assert_cmpint (outcome_of (on, AU_OPTION_PUT), ==, AU_EXPIRY_EXPIRED);
  g_assert_cmpint (outcome_of (on, AU_OPTION_CALL), ==, AU_EXPIRY_EXPIRED);
  g_assert_cmpint (shares, ==, 0);
  g_assert_cmpint (cash, ==, 0);

  /* $200.01: the long call is a cent in the money → exercised at $200 */
  above = settle_at (PRICE (200.01), &cash, &shares);
  g_assert_cmpint (outcome_of (above, AU_OPTION_PUT), ==, AU_EXPIRY_EXPIRED);
  g_assert_cmpint (outcome_of (above, AU_OPTION_CALL), ==, AU_EXPIRY_EXERCISED);
  g_assert_cmpint (shares, ==, 100);
  g_assert_cmpint (cash, ==, -DOLLARS (20000));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paper/expiry/at-close", test_expiry_at_close);
  g_test_add_func ("/paper/expiry/money-line", test_money_line);

  return g_test_run ();
}

/* test-ledger-trades.c: options, stock, orders, corrections, integrity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ledger-fixture.h"

static AuLedgerPosition *
find_position (GArray     *positions,
               const char *symbol,
               AuRight     right)
{
  for (guint i = 0; i < positions->len; i++)
    {
      AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, i);

      if (g_strcmp0 (p->symbol, symbol) == 0 && p->right == right)
        return p;
    }
  return NULL;
}

/* A CSP sold for $1.20 x 100 and assigned at strike 200: 100 shares at a
 * cost basis of $19,880 (the premium is in the basis); then a covered
 * call at 205 for $1.00 called away: $620 gain on stock, $100 premium. */
static void
test_csp_assignment (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) thursday = at ("2026-11-19T15:00:00Z");
  g_autoptr(GDateTime) friday = at ("2026-11-20T21:30:00Z");
  g_autoptr(GDateTime) monday = at ("2026-11-23T15:00:00Z");
  g_autoptr(GDateTime) next_friday = at ("2026-11-27T21:30:00Z");
  g_autoptr(GArray) positions = NULL;
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-11-20", 100 };
  AuInstrument call = { "AAPL", AU_RIGHT_CALL, 2050000, "2026-11-27", 100 };
  AuFill sold = { "0000e0d5.6571a2b1.01.01", NULL, 1, 12000, 65 };
  AuFill call_sold = { "0000e0d5.6571a2b1.02.01", NULL, 1, 10000, 65 };
  AuLedgerSummary s;
  AuLedgerPosition *stock;
  AuLedgerPosition *short_put;

  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.gen, &put, &sold, thursday, &error),
                   >, 0);
  g_assert_no_error (error);
  s = summary (f, tree.gen);
  g_assert_cmpint (s.cash, ==, DOLLARS (120000) + DOLLARS (120) - 65);
  g_assert_cmpint (s.options_written, ==, DOLLARS (120));
  g_assert_cmpint (s.commissions, ==, 65);
  g_assert_cmpint (s.premium_income, ==, 0);   /* not realized while open */

  g_assert_cmpint (au_ledger_assign (f->ledger, tree.gen, &put, 1, "assign-1", friday, &error),
                   >, 0);
  g_assert_no_error (error);

  positions = au_ledger_list_positions (f->ledger, tree.gen, FALSE, &error);
  g_assert_no_error (error);
  stock = find_position (positions, "AAPL", AU_RIGHT_STOCK);
  short_put = find_position (positions, "AAPL", AU_RIGHT_PUT);
  g_assert_nonnull (stock);
  g_assert_nonnull (short_put);
  g_assert_cmpint (stock->quantity, ==, 100);
  g_assert_cmpint (stock->cost_basis, ==, DOLLARS (19880));
  g_assert_cmpint (short_put->quantity, ==, 0);
  g_assert_cmpint (short_put->cost_basis, ==, 0);
  g_clear_pointer (&positions, g_array_unref);

  s = summary (f, tree.gen);
  g_assert_cmpint (s.cash, ==, DOLLARS (120000) + DOLLARS (120) - 65 - DOLLARS (20000));
  g_assert_cmpint (s.stock_at_cost, ==, DOLLARS (19880));
  g_assert_cmpint (s.options_written, ==, 0);
  /* At cost the premium is not income yet: it lowered the shares' cost. */
  g_assert_cmpint (s.equity_at_cost, ==, DOLLARS (120000) - 65);

  /* The assignment was booked once; a repeat of its reference is refused. */
  g_assert_cmpint (au_ledger_assign (f->ledger, tree.gen, &put, 1, "assign-1", friday, &error),
                   ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT);
  g_clear_error (&error);

  /* Covered call, called away at 205. */
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.gen, &call, &call_sold, monday,
                                           &error), >, 0);
  g_assert_cmpint (au_ledger_assign (f->ledger, tree.gen, &call, 1, NULL, next_friday, &error),
                   >, 0);
  g_assert_no_error (error);
  s = summary (f, tree.gen);
  g_assert_cmpint (s.stock_at_cost, ==, 0);
  g_assert_cmpint (s.stock_gains, ==, DOLLARS (620));
  g_assert_cmpint (s.premium_income, ==, DOLLARS (100));
  g_assert_cmpint (s.commissions, ==, 130);
  /* The put's $120 lives in the stock gain (cost $19,880 instead of $20,000). */
  g_assert_cmpint (s.realized_pnl, ==, DOLLARS (720) - 130);
  g_assert_cmpint (s.cash, ==, DOLLARS (120000) + DOLLARS (720) - 130);
  assert_check_ok (f);
}

/* Buy to close releases the liability at the premium received; the rest
 * of a short position expires; unrealized P&L needs a mark. */
static void
test_close_and_expire (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) wednesday = at ("2026-11-18T15:00:00Z");
  g_autoptr(GDateTime) thursday = at ("2026-11-19T15:00:00Z");
  g_autoptr(GDateTime) expiry_morning = at ("2026-11-20T04:59:59Z");  /* Nov 19, NY */
  g_autoptr(GDateTime) expiry_day = at ("2026-11-20T21:00:00Z");
  g_autoptr(GArray) positions = NULL;
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument put = { "NVDA", AU_RIGHT_PUT, 1800000, "2026-11-20", 100 };
  AuFill sold = { "x-1", NULL, 2, 15000, 130 };
  AuFill bought = { "x-2", NULL, 1, 4000, 65 };
  AuFill too_many = { "x-3", NULL, 3, 4000, 195 };  /* 2 open */
  AuLedgerMark mark = { 0, 5000 };
  AuMoney unrealized = 0;
  AuLedgerSummary s;

  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.rev, &put, &sold, wednesday, &error),
                   >, 0);
  positions = au_ledger_list_positions (f->ledger, tree.rev, TRUE, &error);
  g_assert_cmpuint (positions->len, ==, 1);
  mark.position_id = g_array_index (positions, AuLedgerPosition, 0).position_id;
  g_assert_cmpint (g_array_index (positions, AuLedgerPosition, 0).quantity, ==, -2);
  g_assert_cmpint (g_array_index (positions, AuLedgerPosition, 0).cost_basis, ==, -DOLLARS (300));

  /* Marked at $0.50: buying back costs $100 of the $300 received. */
  g_assert_true (au_ledger_unrealized_pnl (f->ledger, tree.rev, &mark, 1, &unrealized, &error));
  g_assert_cmpint (unrealized, ==, DOLLARS (200));
  g_assert_false (au_ledger_unrealized_pnl (f->ledger, tree.rev, NULL, 0, &unrealized, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_clear_error (&error);

  /* Closing more than is open is refused and writes nothing. */
  g_assert_cmpint (au_ledger_buy_to_close (f->ledger, tree.rev, &put, &too_many, thursday,
                                           &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT);
  g_clear_error (&error);

  g_assert_cmpint (au_ledger_buy_to_close (f->ledger, tree.rev, &put, &bought, thursday, &error),
                   >, 0);
  g_assert_no_error (error);
  s = summary (f, tree.rev);
  g_assert_cmpint (s.options_written, ==, DOLLARS (150));
  g_assert_cmpint (s.premium_income, ==, DOLLARS (110));

  /* An option cannot expire before its day in New York. */
  g_assert_cmpint (au_ledger_expire (f->ledger, tree.rev, &put, expiry_morning, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_expire (f->ledger, tree.rev, &put, expiry_day, &error), >, 0);
  g_assert_no_error (error);

  s = summary (f, tree.rev);
  g_assert_cmpint (s.options_written, ==, 0);
  g_assert_cmpint (s.premium_income, ==, DOLLARS (260));
  g_assert_cmpint (s.commissions, ==, 195);
  g_assert_cmpint (s.realized_pnl, ==, DOLLARS (260) - 195);
  g_assert_cmpint (s.cash, ==, DOLLARS (90000) + DOLLARS (260) - 195);

  /* Nothing open: unrealized is zero without marks. */
  g_assert_true (au_ledger_unrealized_pnl (f->ledger, tree.rev, NULL, 0, &unrealized, &error));
  g_assert_cmpint (unrealized, ==, 0);
  assert_check_ok (f);
}

/* Stock at average cost; commissions their own expense; an execution id
 * is booked once. */
static void
test_stock (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) monday = at ("2026-11-23T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuFill buy1 = { "s-1", NULL, 100, 1500000, 100 };
  AuFill buy2 = { "s-2", NULL, 100, 1600000, 100 };
  AuFill sell = { "s-3", NULL, 50, 1700000, 100 };
  AuFill oversell = { "s-4", NULL, 201, 1700000, 100 };  /* 200 held */
  AuLedgerSummary s;
  gint64 txns;

  g_assert_cmpint (au_ledger_buy_stock (f->ledger, tree.com, "MSFT", &buy1, monday, &error), >, 0);
  g_assert_cmpint (au_ledger_buy_stock (f->ledger, tree.com, "MSFT", &buy2, monday, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (summary (f, tree.com).stock_at_cost, ==, DOLLARS (31000));

  txns = count (f, "ledger_transactions");
  g_assert_cmpint (au_ledger_buy_stock (f->ledger, tree.com, "MSFT", &buy1, monday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "s-1"));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "ledger_transactions"), ==, txns);

  g_assert_cmpint (au_ledger_sell_stock (f->ledger, tree.com, "MSFT", &oversell, monday, &error),
                   ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT);
  g_clear_error (&error);

  g_assert_cmpint (au_ledger_sell_stock (f->ledger, tree.com, "MSFT", &sell, monday, &error), >, 0);
  g_assert_no_error (error);
  s = summary (f, tree.com);
  /* 50 of 200 shares at an average $155: $7,750 of cost; $8,500 proceeds. */
  g_assert_cmpint (s.stock_at_cost, ==, DOLLARS (23250));
  g_assert_cmpint (s.stock_gains, ==, DOLLARS (750));
  g_assert_cmpint (s.commissions, ==, 300);
  g_assert_cmpint (s.cash, ==, DOLLARS (90000) - DOLLARS (31000) + DOLLARS (8500) - 300);
  g_assert_cmpint (s.equity_at_cost, ==, DOLLARS (90000) + DOLLARS (750) - 300);

  /* Bad input names its field. */
  sell.quantity = 0;
  g_assert_cmpint (au_ledger_sell_stock (f->ledger, tree.com, "MSFT", &sell, monday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fill.quantity"));
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_buy_stock (f->ledger, tree.com, "msft", &buy2, monday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "instrument.symbol"));
  g_clear_error (&error);
  /* The root holds no positions. */
  buy2.execution_id = "s-5";
  g_assert_cmpint (au_ledger_buy_stock (f->ledger, tree.root, "MSFT", &buy2, monday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  assert_check_ok (f);
}

/* A LEAP bought from the R3.5 budget, sold at a gain. */
static void
test_leap (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) after = at ("2026-04-01T14:00:00Z");
  g_autoptr(GDateTime) later = at ("2026-06-01T14:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument leap = { "NVDA", AU_RIGHT_CALL, 2200000, "2027-06-17", 100 };
  AuFill too_dear = { "l-1", NULL, 1, 350100, 65 };     /* $3,501 > $3,500 budget */
  AuFill bought = { "l-2", NULL, 1, 350000, 65 };
  AuFill sold = { "l-3", NULL, 1, 500000, 65 };
  AuLedgerReinvestment r;
  AuLedgerSummary s;

  earn (f, tree.rev, DOLLARS (20000), "2026-02-11T15:00:00Z");
  g_assert_true (au_ledger_reinvest_quarter (f->ledger, tree.rev, 2026, 1, after, &r, &error));

  g_assert_cmpint (au_ledger_buy_to_open (f->ledger, tree.rev, &leap, &too_dear,
                                          AU_FUNDING_LEAP_BUDGET, later, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT);
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_buy_to_open (f->ledger, tree.rev, &leap, &bought,
                                          AU_FUNDING_LEAP_BUDGET, later, &error), >, 0);
  g_assert_no_error (error);
  s = summary (f, tree.rev);
  g_assert_cmpint (s.leap_budget, ==, 0);
  g_assert_cmpint (s.options_held, ==, DOLLARS (35000) / 10);

  g_assert_cmpint (au_ledger_sell_to_close (f->ledger, tree.rev, &leap, &sold, later, &error), >, 0);
  g_assert_no_error (error);
  s = summary (f, tree.rev);
  g_assert_cmpint (s.options_held, ==, 0);
  g_assert_cmpint (s.option_gains, ==, DOLLARS (1500));
  assert_check_ok (f);
}

/* Unbalanced input is refused and nothing is written. */
static void
test_unbalanced (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-02-02T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerPosting off_by_a_cent[] = {
    { tree.gen, AU_BOOK_CASH, 10000 },
    { tree.gen, AU_BOOK_PREMIUM_INCOME, -9999 },
  };
  AuLedgerPosting across_accounts[] = {
    { tree.gen, AU_BOOK_CASH, 10000 },
    { tree.rev, AU_BOOK_PREMIUM_INCOME, -10000 },
  };
  AuLedgerPosting holding[] = {
    { tree.gen, AU_BOOK_STOCK, 10000 },
    { tree.gen, AU_BOOK_CASH, -10000 },
  };
  gint64 txns = count (f, "ledger_transactions");
  gint64 postings = count (f, "ledger_postings");

  g_assert_cmpint (au_ledger_post (f->ledger, time, "income", "x", NULL, off_by_a_cent, 2, &error),
                   ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_UNBALANCED);
  g_assert_nonnull (strstr (error->message, "$0.01"));
  g_clear_error (&error);

  g_assert_cmpint (au_ledger_post (f->ledger, time, "income", "x", NULL, across_accounts, 2,
                                   &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_UNBALANCED);
  g_clear_error (&error);

  g_assert_cmpint (au_ledger_post (f->ledger, time, "income", "x", NULL, holding, 2, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "postings[0].book"));
  g_clear_error (&error);

  g_assert_cmpint (au_ledger_post (f->ledger, time, "income", "x", NULL, NULL, 0, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_UNBALANCED);
  g_clear_error (&error);

  g_assert_cmpint (count (f, "ledger_transactions"), ==, txns);
  g_assert_cmpint (count (f, "ledger_postings"), ==, postings);
  g_assert_cmpint (balance (f, tree.gen, AU_BOOK_CASH), ==, DOLLARS (120000));
  assert_check_ok (f);
}

/* Posted rows cannot be changed or deleted: the triggers refuse. */
static void
test_triggers (Fixture       *f,
               gconstpointer  data)
{
  const char *refused[] = {
    "UPDATE ledger_postings SET amount = amount + 1 WHERE id = 1;",
    "DELETE FROM ledger_postings WHERE id = 1;",
    "UPDATE ledger_transactions SET description = 'x' WHERE id = 1;",
    "DELETE FROM ledger_transactions WHERE id = 1;",
    "UPDATE ledger_accounts SET initial_capital = 0 WHERE id = 1;",
    "DELETE FROM ledger_account_events;",
  };

  make_tree (f, DOLLARS (300000));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (au_database_exec (f->db, refused[i], &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "append-only"));
    }
  g_assert_cmpint (count (f, "ledger_postings"), ==, 8);
  assert_check_ok (f);
}

/* A correction is a reversing transaction, once. */
static void
test_reverse (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-02-03T15:00:00Z");
  g_autoptr(GArray) positions = NULL;
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument put = { "TSLA", AU_RIGHT_PUT, 3000000, "2026-02-06", 100 };
  AuFill sold = { "r-1", NULL, 1, 25000, 65 };
  gint64 income = earn (f, tree.rev, DOLLARS (500), "2026-02-02T15:00:00Z");
  gint64 reversal;
  gint64 trade;

  reversal = au_ledger_reverse (f->ledger, income, time, "booked in error", &error);
  g_assert_no_error (error);
  g_assert_cmpint (reversal, >, income);
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==, DOLLARS (90000));
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_PREMIUM_INCOME), ==, 0);
  g_assert_cmpint (count (f, "ledger_postings"), ==, 8 + 2 + 2);  /* nothing deleted */

  g_assert_cmpint (au_ledger_reverse (f->ledger, income, time, NULL, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_reverse (f->ledger, reversal, time, NULL, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_reverse (f->ledger, 999, time, NULL, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Reversing a trade restores its position too. */
  trade = au_ledger_sell_to_open (f->ledger, tree.rev, &put, &sold, time, &error);
  g_assert_cmpint (au_ledger_reverse (f->ledger, trade, time, NULL, &error), >, 0);
  g_assert_no_error (error);
  positions = au_ledger_list_positions (f->ledger, tree.rev, TRUE, &error);
  g_assert_cmpuint (positions->len, ==, 0);
  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (90000));
  assert_check_ok (f);
}

/* Intent first, then events; fills complete the order (D4, R9.2). */
static void
test_orders (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) thursday = at ("2026-11-19T15:00:00Z");
  g_autoptr(GDateTime) fork_time = at ("2026-03-02T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2200000, "2026-11-20", 100 };
  AuLedgerOrderIntent intent = {
    "gen-aapl-20261119-v1", NULL, tree.gen, { "AAPL", AU_RIGHT_PUT, 2200000, "2026-11-20", 100 },
    AU_ORDER_SIDE_SELL, 3, 11500, "R2.2", NULL, "{\"delta\":0.42}",
  };
  AuFill first = { "e-1", "gen-aapl-20261119-v1", 2, 11500, 130 };
  AuFill second = { "e-2", "gen-aapl-20261119-v1", 1, 11600, 65 };
  AuLedgerOrderState state;
  gint64 mini;

  g_assert_cmpint (au_ledger_record_order (f->ledger, &intent, thursday, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_record_order (f->ledger, &intent, thursday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_true (au_ledger_get_order (f->ledger, "gen-aapl-20261119-v1", &state, &error));
  g_assert_cmpstr (state.state, ==, "created");
  au_ledger_order_state_clear (&state);

  g_assert_true (au_ledger_record_order_event (f->ledger, "gen-aapl-20261119-v1",
                                               AU_ORDER_EVENT_SUBMITTED, NULL, thursday, &error));
  g_assert_true (au_ledger_record_order_event (f->ledger, "gen-aapl-20261119-v1",
                                               AU_ORDER_EVENT_ACKNOWLEDGED, "1001", thursday,
                                               &error));
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.gen, &put, &first, thursday, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (au_ledger_get_order (f->ledger, "gen-aapl-20261119-v1", &state, &error));
  g_assert_cmpstr (state.state, ==, "partially_filled");
  g_assert_cmpint (state.filled_quantity, ==, 2);
  au_ledger_order_state_clear (&state);

  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.gen, &put, &second, thursday, &error), >, 0);
  g_assert_true (au_ledger_get_order (f->ledger, "gen-aapl-20261119-v1", &state, &error));
  g_assert_cmpstr (state.state, ==, "filled");
  g_assert_cmpint (state.filled_quantity, ==, 3);
  g_assert_cmpint (state.average_price, ==, 11533);   /* (2 x 1.15 + 1.16) / 3, rounded */
  g_assert_cmpint (state.commission, ==, 195);
  g_assert_cmpstr (state.broker_order_id, ==, "1001");
  g_assert_cmpstr (state.rule_reference, ==, "R2.2");
  au_ledger_order_state_clear (&state);
  g_assert_cmpint (summary (f, tree.gen).options_written, ==, DOLLARS (345) + 100);

  /* A fill for an unknown order writes nothing. */
  first.execution_id = "e-3";
  first.client_order_id = "nope";
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.gen, &put, &first, thursday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "ledger_fills"), ==, 2);

  /* D2.2: a MINI order names its half. */
  earn (f, tree.gen, DOLLARS (100000), "2026-02-02T15:00:00Z");  /* commissions: $1.95 short */
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.gen, NULL), ==, 0);
  earn (f, tree.gen, 195, "2026-02-02T15:00:00Z");
  mini = au_ledger_fork_gen (f->ledger, tree.gen, fork_time, &error);
  g_assert_no_error (error);
  intent.client_order_id = "mini-1";
  intent.account_id = mini;
  g_assert_cmpint (au_ledger_record_order (f->ledger, &intent, thursday, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "mini_rules"));
  g_clear_error (&error);
  intent.mini_rules = "gen";
  g_assert_cmpint (au_ledger_record_order (f->ledger, &intent, thursday, &error), >, 0);
  g_assert_no_error (error);
  assert_check_ok (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/ledger/option/csp-assignment", test_csp_assignment);
  ADD ("/ledger/option/close-and-expire", test_close_and_expire);
  ADD ("/ledger/stock/average-cost", test_stock);
  ADD ("/ledger/option/leap", test_leap);
  ADD ("/ledger/integrity/unbalanced", test_unbalanced);
  ADD ("/ledger/integrity/triggers", test_triggers);
  ADD ("/ledger/integrity/reverse", test_reverse);
  ADD ("/ledger/orders/lifecycle", test_orders);
#undef ADD

  return g_test_run ();
}

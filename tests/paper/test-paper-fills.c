/* test-paper-fills.c: the paper exchange's fills, commissions, rejections (D3, D2.17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-market-symbol.h"
#include "paper-test-util.h"

/* D3: $0.65 a contract, $0.005 a share, $1.00 minimum per execution. */
static void
test_commission (void)
{
  g_assert_cmpint (au_paper_commission (AU_SEC_OPTION, 1), ==, 100);     /* minimum */
  g_assert_cmpint (au_paper_commission (AU_SEC_OPTION, 2), ==, 130);     /* 2 × 0.65 */
  g_assert_cmpint (au_paper_commission (AU_SEC_OPTION, 3), ==, 195);
  g_assert_cmpint (au_paper_commission (AU_SEC_OPTION, 10), ==, 650);
  g_assert_cmpint (au_paper_commission (AU_SEC_STOCK, 100), ==, 100);    /* $0.50 → minimum */
  g_assert_cmpint (au_paper_commission (AU_SEC_STOCK, 200), ==, 100);    /* on the minimum */
  g_assert_cmpint (au_paper_commission (AU_SEC_STOCK, 202), ==, 101);    /* just above it */
  g_assert_cmpint (au_paper_commission (AU_SEC_STOCK, 1000), ==, 500);
}

/* The fill curve: 0.35 at a tight mid, 0.02 at a wide one, falling in
 * between; nothing outside the spread; more chance nearer the far side. */
static void
test_fill_probability_curve (void)
{
  /* bid 9.95 ask 10.05: spread/mid 1% → 0.35 − 0.025 = 0.325 */
  g_assert_cmpfloat_with_epsilon (au_paper_fill_probability (AU_SIDE_BUY, PRICE (9.95),
                                                             PRICE (10.05), PRICE (10.00)),
                                  0.325, 1e-12);
  /* bid 0.90 ask 1.10: 20% → clamp to 0.02 */
  g_assert_cmpfloat_with_epsilon (au_paper_fill_probability (AU_SIDE_SELL, PRICE (0.90),
                                                             PRICE (1.10), PRICE (1.00)),
                                  0.02, 1e-12);
  /* bid 1.90 ask 2.10: 10% → 0.10 */
  g_assert_cmpfloat_with_epsilon (au_paper_fill_probability (AU_SIDE_BUY, PRICE (1.90),
                                                             PRICE (2.10), PRICE (2.00)),
                                  0.10, 1e-12);
  /* at the near side, at or beyond the far side: no chance this way */
  g_assert_cmpfloat (au_paper_fill_probability (AU_SIDE_BUY, PRICE (1.90), PRICE (2.10),
                                                PRICE (1.90)), ==, 0.0);
  g_assert_cmpfloat (au_paper_fill_probability (AU_SIDE_BUY, PRICE (1.90), PRICE (2.10),
                                                PRICE (2.10)), ==, 0.0);
  g_assert_cmpfloat (au_paper_fill_probability (AU_SIDE_SELL, PRICE (1.90), PRICE (2.10),
                                                PRICE (1.80)), ==, 0.0);
  /* a quarter of the way from the bid: half the mid's chance */
  g_assert_cmpfloat_with_epsilon (au_paper_fill_probability (AU_SIDE_BUY, PRICE (1.90),
                                                             PRICE (2.10), PRICE (1.95)),
                                  0.05, 1e-12);
}

static void
test_ticks (void)
{
  const AuSymbolParams *aapl = au_market_symbol_lookup ("AAPL");
  const AuSymbolParams *spy = au_market_symbol_lookup ("SPY");

  g_assert_true (au_paper_price_on_tick (aapl, AU_SEC_OPTION, PRICE (2.99)));
  g_assert_true (au_paper_price_on_tick (aapl, AU_SEC_OPTION, PRICE (3.05)));
  /* nickels from $3 */
  g_assert_false (au_paper_price_on_tick (aapl, AU_SEC_OPTION, PRICE (3.07)));
  g_assert_false (au_paper_price_on_tick (aapl, AU_SEC_OPTION, 12345));         /* $1.2345 */
  g_assert_true (au_paper_price_on_tick (spy, AU_SEC_OPTION, PRICE (3.07)));    /* pennies */
  g_assert_true (au_paper_price_on_tick (aapl, AU_SEC_STOCK, PRICE (231.07)));
  g_assert_false (au_paper_price_on_tick (aapl, AU_SEC_STOCK, 2310750));        /* $231.075 */
}

typedef struct
{
  GPtrArray *updates;
  GPtrArray *executions;
} Recorder;

static void
on_update (AuPaperExchange     *exchange,
           const AuOrderUpdate *update,
           Recorder            *recorder)
{
  g_ptr_array_add (recorder->updates, au_order_update_copy (update));
}

static void
on_execution (AuPaperExchange   *exchange,
              const AuExecution *execution,
              Recorder          *recorder)
{
  g_ptr_array_add (recorder->executions, au_execution_copy (execution));
}

static void
recorder_init (Recorder        *recorder,
               AuPaperExchange *exchange)
{
  recorder->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);
  recorder->executions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_execution_free);
  g_signal_connect (exchange, "order-updated", G_CALLBACK (on_update), recorder);
  g_signal_connect (exchange, "execution", G_CALLBACK (on_execution), recorder);
}

static void
recorder_clear (Recorder *recorder)
{
  g_clear_pointer (&recorder->updates, g_ptr_array_unref);
  g_clear_pointer (&recorder->executions, g_ptr_array_unref);
}

/* A marketable limit fills at once at the quote: a buy at the ask (even
 * with a higher limit), a sell at the bid, with D3's commission. */
static void
test_marketable_option (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  g_autoptr(AuOrderUpdate) bought = NULL;
  g_autoptr(AuOrderUpdate) sold = NULL;
  AuOptionQuote put = find_series (exchange, "AAPL", 20, 27, AU_OPTION_PUT, 0.20, 0.30);
  AuOrderRequest request;
  AuExecution *execution;
  Recorder recorder;
  AuContract contract;
  AuMoney cash = DOLLARS (100000);

  recorder_init (&recorder, exchange);
  g_assert_cmpint (put.bid, >, 0);
  g_assert_cmpint (put.ask, >, put.bid);

  /* 1 contract, limit three ticks over the ask: filled at the ask, $1.00 */
  option_request (&request, "buy-1", "AAPL", &put, AU_SIDE_BUY, 1,
                  put.ask + 3 * au_paper_tick (au_market_symbol_lookup ("AAPL"), AU_SEC_OPTION,
                                               put.ask));
  bought = submit (exchange, &request);
  g_assert_cmpint (bought->state, ==, AU_ORDER_FILLED);
  g_assert_cmpint (bought->filled, ==, 1);
  g_assert_cmpint (bought->average_price, ==, put.ask);
  g_assert_cmpuint (recorder.executions->len, ==, 1);
  execution = g_ptr_array_index (recorder.executions, 0);
  g_assert_cmpint (execution->price, ==, put.ask);
  g_assert_cmpint (execution->commission, ==, 100);
  g_assert_cmpstr (execution->client_order_id, ==, "buy-1");
  g_assert_cmpint (execution->broker_order_id, ==, bought->broker_order_id);
  cash -= put.ask * 1 + 100;  /* 1/10,000 $ a share × 100 shares = cents */
  g_assert_cmpint (au_paper_exchange_get_cash (exchange), ==, cash);

  /* The updates in order: working, then filled. */
  g_assert_cmpuint (recorder.updates->len, ==, 2);
  g_assert_cmpint (((AuOrderUpdate *) g_ptr_array_index (recorder.updates, 0))->state, ==,
                   AU_ORDER_WORKING);
  g_assert_cmpint (((AuOrderUpdate *) g_ptr_array_index (recorder.updates, 1))->state, ==,
                   AU_ORDER_FILLED);

  /* 3 contracts sold at the bid: $1.95 */
  option_request (&request, "sell-3", "AAPL", &put, AU_SIDE_SELL, 3, put.bid);
  sold = submit (exchange, &request);
  g_assert_cmpint (sold->state, ==, AU_ORDER_FILLED);
  execution = g_ptr_array_index (recorder.executions, 1);
  g_assert_cmpint (execution->quantity, ==, 3);
  g_assert_cmpint (execution->price, ==, put.bid);
  g_assert_cmpint (execution->commission, ==, 195);
  cash += put.bid * 3 - 195;
  g_assert_cmpint (au_paper_exchange_get_cash (exchange), ==, cash);

  au_contract_init_option (&contract, "AAPL", AU_OPTION_PUT, put.strike, &put.expiry);
  g_assert_cmpint (au_paper_exchange_get_position (exchange, &contract), ==, -2);
  au_contract_clear (&contract);
  g_assert_cmpstr (execution->exec_id, !=,
                   ((AuExecution *) g_ptr_array_index (recorder.executions, 0))->exec_id);
  recorder_clear (&recorder);
}

static void
test_marketable_stock (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  g_autoptr(AuOrderUpdate) hundred = NULL;
  g_autoptr(AuOrderUpdate) thousand = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  AuOrderRequest request;
  AuContract stock;
  AuPrice last;
  AuExecution *execution;

  g_assert_true (au_market_sim_get_last (au_paper_exchange_get_market (exchange), "AAPL", &last));
  stock_request (&request, "stk-100", "AAPL", AU_SIDE_BUY, 100, last + PRICE (1.00));
  hundred = submit (exchange, &request);
  stock_request (&request, "stk-1000", "AAPL", AU_SIDE_BUY, 1000, last + PRICE (1.00));
  thousand = submit (exchange, &request);
  g_assert_cmpint (hundred->state, ==, AU_ORDER_FILLED);
  g_assert_cmpint (thousand->state, ==, AU_ORDER_FILLED);

  executions = au_paper_exchange_dup_executions (exchange, 0);
  g_assert_cmpuint (executions->len, ==, 2);
  execution = g_ptr_array_index (executions, 0);
  g_assert_cmpint (execution->commission, ==, 100);               /* 100 shares → $1.00 */
  /* the ask: the cent above the path, within a cent of the last */
  g_assert_cmpint (ABS (execution->price - last), <=, PRICE (0.01));
  g_assert_cmpint (execution->price % PRICE (0.01), ==, 0);
  execution = g_ptr_array_index (executions, 1);
  g_assert_cmpint (execution->commission, ==, 500);               /* 1,000 shares → $5.00 */
  g_assert_cmpint (au_paper_exchange_get_cash (exchange), ==,
                   DOLLARS (100000) - execution->price * 1100 / 100 - 600);

  au_contract_init_stock (&stock, "AAPL");
  g_assert_cmpint (au_paper_exchange_get_position (exchange, &stock), ==, 1100);
  au_contract_clear (&stock);
}

/* A limit at mid fills only sometimes, never better than its limit, and
 * less often the wider the spread: measured over 300 steps on a tight
 * SPY series and a wide far-out AAPL one. */
static void
test_mid_limit_fill_rate (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  AuOptionQuote tight = find_series (exchange, "SPY", 20, 27, AU_OPTION_CALL, 0.45, 0.55);
  AuOptionQuote wide = find_series (exchange, "AAPL", 20, 27, AU_OPTION_PUT, 0.02, 0.06);
  const char *symbols[2] = { "SPY", "AAPL" };
  AuOptionQuote *series[2] = { &tight, &wide };
  guint placed[2] = { 0 }, filled[2] = { 0 };
  AuPrice limits[2] = { 0 };
  double expected[2] = { 0 };
  guint n, k, order = 0;

  for (n = 0; n < 300; n++)
    {
      char ids[2][32];

      if (au_market_sim_is_at_close (au_paper_exchange_get_market (exchange)))
        {
          step (exchange);
          continue;
        }
      for (k = 0; k < 2; k++)
        {
          const AuSymbolParams *params = au_market_symbol_lookup (symbols[k]);
          AuOptionQuote now = quote_now (exchange, symbols[k], series[k]);
          AuPrice tick = au_paper_tick (params, AU_SEC_OPTION, now.bid);
          AuPrice limit = now.bid + (now.ask - now.bid) / 2 / tick * tick;
          g_autoptr(AuOrderUpdate) update = NULL;
          AuOrderRequest request;

          ids[k][0] = '\0';
          if (limit <= now.bid || limit >= now.ask || now.bid == 0)
            continue;  /* a one-tick market has no price inside it */
          g_snprintf (ids[k], sizeof ids[k], "mid-%u", order++);
          option_request (&request, ids[k], symbols[k], series[k], AU_SIDE_BUY, 1, limit);
          update = submit (exchange, &request);
          limits[k] = limit;
          /* never at once: only a marketable limit fills on arrival */
          g_assert_cmpint (update->state, ==, AU_ORDER_WORKING);
          placed[k]++;
          expected[k] += au_paper_fill_probability (AU_SIDE_BUY, now.bid, now.ask, limit);
        }
      step (exchange);
      for (k = 0; k < 2; k++)
        {
          g_autoptr(AuOrderUpdate) update = NULL;

          if (ids[k][0] == '\0')
            continue;
          update = au_paper_exchange_dup_order (exchange, ids[k]);
          if (update->state == AU_ORDER_FILLED)
            {
              filled[k]++;
              /* a resting limit fills at its limit, never better or worse */
              g_assert_cmpint (update->average_price, ==, limits[k]);
            }
          else if (update->state == AU_ORDER_WORKING)
            {
              g_assert_true (au_paper_exchange_cancel (exchange, ids[k], 0, NULL));
            }
        }
    }

  g_test_message ("tight: %u of %u filled (model %.1f); wide: %u of %u (model %.1f)",
                  filled[0], placed[0], expected[0], filled[1], placed[1], expected[1]);
  g_assert_cmpuint (placed[0], >=, 200);
  g_assert_cmpuint (placed[1], >=, 200);
  /* Sometimes, not always. */
  g_assert_cmpuint (filled[0], >, 0);
  g_assert_cmpuint (filled[0], <, placed[0]);
  /* The wide market fills far less often than the tight one. */
  g_assert_cmpfloat ((double) filled[1] / placed[1], <, 0.5 * filled[0] / placed[0]);
  g_assert_cmpfloat ((double) filled[1] / placed[1], <, 0.25);
  /* The draws alone give the model's count; the quote moving through
   * the limit adds to it, never takes away. */
  g_assert_cmpfloat (filled[0], >, 0.8 * expected[0]);
  g_assert_cmpfloat (filled[1], >, 0.8 * expected[1]);
}

/* A resting limit fills at its limit, never better, never worse: orders
 * a tick inside the quote on both sides, over many steps; every
 * execution checked against the limit its order was sent with. */
static void
test_resting_fills_at_limit (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED + 1);
  AuOptionQuote call = find_series (exchange, "QQQ", 14, 20, AU_OPTION_CALL, 0.40, 0.60);
  g_autoptr(GHashTable) limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) executions = NULL;
  guint i, n;

  for (n = 0; n < 120; n++)
    {
      AuOptionQuote now = quote_now (exchange, "QQQ", &call);
      AuPrice buy = now.bid + PRICE (0.01), sell = now.ask - PRICE (0.01);
      g_autofree char *buy_id = g_strdup_printf ("b%u", n);
      g_autofree char *sell_id = g_strdup_printf ("s%u", n);
      AuOrderRequest request;

      if (au_market_sim_is_at_close (au_paper_exchange_get_market (exchange)))
        {
          step (exchange);
          continue;
        }
      g_hash_table_insert (limits, g_strdup (buy_id), g_memdup2 (&buy, sizeof buy));
      option_request (&request, buy_id, "QQQ", &call, AU_SIDE_BUY, 2, buy);
      au_order_update_free (submit (exchange, &request));
      g_hash_table_insert (limits, g_strdup (sell_id), g_memdup2 (&sell, sizeof sell));
      option_request (&request, sell_id, "QQQ", &call, AU_SIDE_SELL, 2, sell);
      au_order_update_free (submit (exchange, &request));
      step (exchange);
    }

  executions = au_paper_exchange_dup_executions (exchange, 0);
  g_assert_cmpuint (executions->len, >, 10);
  for (i = 0; i < executions->len; i++)
    {
      AuExecution *execution = g_ptr_array_index (executions, i);
      AuPrice *limit = g_hash_table_lookup (limits, execution->client_order_id);

      g_assert_nonnull (limit);
      g_assert_cmpint (execution->price, ==, *limit);
    }
  g_test_message ("%u executions", executions->len);
}

/* An order larger than a step's share of the series' volume fills in
 * parts, each at most the cap, never above the limit. */
static void
test_partial_fills (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  AuOptionQuote put = find_series (exchange, "AAPL", 20, 27, AU_OPTION_PUT, 0.05, 0.10);
  const AuSymbolParams *params = au_market_symbol_lookup ("AAPL");
  gint64 cap = au_paper_fill_cap (params, AU_SEC_OPTION, put.volume);
  g_autoptr(AuOrderUpdate) first = NULL;
  g_autoptr(AuOrderUpdate) last = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  AuPrice limit = put.ask * 3 - put.ask * 3 % PRICE (0.05);
  AuOrderRequest request;
  gint64 total = 0;
  guint i, steps = 0;

  g_test_message ("volume %" G_GINT64_FORMAT ", cap %" G_GINT64_FORMAT, put.volume, cap);
  g_assert_cmpint (cap, ==, MAX (1, put.volume * 15 / 100));
  option_request (&request, "big", "AAPL", &put, AU_SIDE_BUY, 3 * cap + 1, limit);
  first = submit (exchange, &request);
  g_assert_cmpint (first->state, ==, AU_ORDER_PARTIALLY_FILLED);
  g_assert_cmpint (first->filled, ==, cap);
  g_assert_cmpint (first->remaining, ==, 2 * cap + 1);

  while (steps < 10)
    {
      g_autoptr(AuOrderUpdate) now = au_paper_exchange_dup_order (exchange, "big");

      if (now->state == AU_ORDER_FILLED)
        break;
      step (exchange);
      steps++;
    }
  last = au_paper_exchange_dup_order (exchange, "big");
  g_assert_cmpint (last->state, ==, AU_ORDER_FILLED);
  g_assert_cmpuint (steps, ==, 3);   /* cap, cap, cap, 1 */

  executions = au_paper_exchange_dup_executions (exchange, 0);
  g_assert_cmpuint (executions->len, ==, 4);
  for (i = 0; i < executions->len; i++)
    {
      AuExecution *execution = g_ptr_array_index (executions, i);

      g_assert_cmpint (execution->quantity, <=, cap);
      g_assert_cmpint (execution->price, <=, limit);
      g_assert_cmpint (execution->commission, ==, au_paper_commission (AU_SEC_OPTION,
                                                                       execution->quantity));
      total += execution->quantity;
    }
  g_assert_cmpint (total, ==, 3 * cap + 1);
}

static void
test_cancel (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  AuOptionQuote put = find_series (exchange, "AAPL", 20, 27, AU_OPTION_PUT, 0.20, 0.30);
  g_autoptr(AuOrderUpdate) resting = NULL;
  g_autoptr(AuOrderUpdate) cancelled = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GError) error = NULL;
  AuOrderRequest request;
  guint i;

  /* half the bid: far below the market, it rests */
  option_request (&request, "low", "AAPL", &put, AU_SIDE_BUY, 1,
                  MAX (PRICE (0.01), put.bid / 2 - put.bid / 2 % PRICE (0.05)));
  resting = submit (exchange, &request);
  g_assert_cmpint (resting->state, ==, AU_ORDER_WORKING);
  open = au_paper_exchange_dup_open_orders (exchange);
  g_assert_cmpuint (open->len, ==, 1);

  g_assert_true (au_paper_exchange_cancel (exchange, "low", 0, &error));
  g_assert_no_error (error);
  cancelled = au_paper_exchange_dup_order (exchange, "low");
  g_assert_cmpint (cancelled->state, ==, AU_ORDER_CANCELLED);
  g_assert_nonnull (cancelled->reason);
  g_assert_cmpint (cancelled->remaining, ==, 0);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = au_paper_exchange_dup_open_orders (exchange);
  g_assert_cmpuint (open->len, ==, 0);

  /* twice: not cancellable; unknown: unknown */
  g_assert_false (au_paper_exchange_cancel (exchange, "low", 0, &error));
  g_assert_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_NOT_CANCELLABLE);
  g_clear_error (&error);
  g_assert_false (au_paper_exchange_cancel (exchange, "nope", 0, &error));
  g_assert_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_UNKNOWN_ORDER);
  g_clear_error (&error);

  /* a cancelled order never fills, however the market moves */
  for (i = 0; i < 100; i++)
    step (exchange);
  executions = au_paper_exchange_dup_executions (exchange, 0);
  g_assert_cmpuint (executions->len, ==, 0);

  /* the same client order id again: refused, nothing recorded */
  option_request (&request, "low", "AAPL", &put, AU_SIDE_BUY, 1, PRICE (0.05));
  g_assert_false (au_paper_exchange_submit (exchange, &request, 0, 0, NULL, &error));
  g_assert_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_DUPLICATE);
  au_order_request_clear (&request);
}

/* Submits at @time and returns the rejection's reason (NULL: accepted). */
static char *
rejection_at (AuPaperExchange *exchange,
              AuOrderRequest  *request,
              gint64           time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOrderUpdate) update = NULL;
  char *reason = NULL;

  g_assert_true (au_paper_exchange_submit (exchange, request, 0, time, &update, &error));
  g_assert_no_error (error);
  au_order_request_clear (request);
  if (update->state == AU_ORDER_REJECTED)
    {
      g_assert_nonnull (update->reason);
      reason = g_strdup (update->reason);
    }
  else
    {
      g_autoptr(AuOrderUpdate) now = au_paper_exchange_dup_order (exchange,
                                                                  update->client_order_id);

      if (!au_order_state_is_final (now->state))
        g_assert_true (au_paper_exchange_cancel (exchange, update->client_order_id, time, NULL));
    }
  return reason;
}

static void
assert_rejected (AuPaperExchange *exchange,
                 AuOrderRequest  *request,
                 gint64           time,
                 const char      *words)
{
  g_autofree char *reason = rejection_at (exchange, request, time);

  g_assert_nonnull (reason);
  g_test_message ("rejected: %s", reason);
  if (strstr (reason, words) == NULL)
    g_error ("'%s' does not say '%s'", reason, words);
}

static void
assert_accepted (AuPaperExchange *exchange,
                 AuOrderRequest  *request,
                 gint64           time)
{
  g_autofree char *reason = rejection_at (exchange, request, time);

  g_assert_null (reason);
}

static void
test_rejections (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED);
  AuOptionQuote put = find_series (exchange, "AAPL", 20, 27, AU_OPTION_PUT, 0.20, 0.30);
  AuOptionQuote fake = put;
  AuPrice low = PRICE (0.05);
  AuOrderRequest request;
  guint n = 0;
  char id[16];

#define NEXT_ID() (g_snprintf (id, sizeof id, "r%u", n++), id)

  /* D2.17's market hours, by the time of the order: inside, on, just outside */
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, et_usec (2026, 11, 7, 10, 0), "weekend");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, et_usec (2026, 11, 26, 10, 0), "NYSE holiday (Thanksgiving");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, et_usec (2026, 11, 3, 9, 29), "not open yet");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_accepted (exchange, &request, et_usec (2026, 11, 3, 9, 30));
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_accepted (exchange, &request, et_usec (2026, 11, 3, 15, 59));
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, et_usec (2026, 11, 3, 16, 0), "closed at 16:00");
  /* the day after Thanksgiving closes at 13:00 */
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_accepted (exchange, &request, et_usec (2026, 11, 27, 12, 59));
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, et_usec (2026, 11, 27, 13, 0), "early close");

  /* what the market does not list */
  stock_request (&request, NEXT_ID (), "ZZZZ", AU_SIDE_BUY, 100, PRICE (10));
  assert_rejected (exchange, &request, 0, "unknown symbol 'ZZZZ'");
  stock_request (&request, NEXT_ID (), "SPX", AU_SIDE_BUY, 1, PRICE (10));
  assert_rejected (exchange, &request, 0, "index");
  fake.strike = put.strike + PRICE (0.37);
  option_request (&request, NEXT_ID (), "AAPL", &fake, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, 0, "not listed");
  fake = put;
  g_date_subtract_days (&fake.expiry, 1);     /* a Thursday that is no expiry */
  option_request (&request, NEXT_ID (), "AAPL", &fake, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, 0, "not listed");
  fake = put;
  fake.expiry = ymd (2026, 10, 30);
  option_request (&request, NEXT_ID (), "AAPL", &fake, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, 0, "expired");

  /* quantities, prices and ticks */
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 0, low);
  assert_rejected (exchange, &request, 0, "quantity 0");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, 0);
  assert_rejected (exchange, &request, 0, "not a positive price");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, PRICE (3.07));
  assert_rejected (exchange, &request, 0, "not on the tick of 0.0500");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, 12345);
  assert_rejected (exchange, &request, 0, "not on the tick of 0.0100");
  stock_request (&request, NEXT_ID (), "AAPL", AU_SIDE_BUY, 100, 1000050);
  assert_rejected (exchange, &request, 0, "not on the tick");
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, PRICE (3.05));
  assert_accepted (exchange, &request, 0);

  /* the session over, the market itself is closed */
  while (!au_market_sim_is_at_close (au_paper_exchange_get_market (exchange)))
    step (exchange);
  option_request (&request, NEXT_ID (), "AAPL", &put, AU_SIDE_BUY, 1, low);
  assert_rejected (exchange, &request, 0, "closed");

#undef NEXT_ID
  /* every rejection is recorded with its id, none is open */
  {
    g_autoptr(GPtrArray) open = au_paper_exchange_dup_open_orders (exchange);
    g_autoptr(GPtrArray) all = au_paper_exchange_dup_orders (exchange);

    g_assert_cmpuint (open->len, ==, 0);
    g_assert_cmpuint (all->len, ==, n);
  }
}

/* Cash and positions are the sum of the executions, to the cent. */
static void
test_reconcile (void)
{
  g_autoptr(AuPaperExchange) exchange = new_exchange (TEST_SEED + 7);
  AuOptionQuote put = find_series (exchange, "MSFT", 20, 27, AU_OPTION_PUT, 0.20, 0.30);
  AuOptionQuote call = find_series (exchange, "MSFT", 20, 27, AU_OPTION_CALL, 0.20, 0.30);
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  AuMoney cash = DOLLARS (100000);
  AuPrice last;
  guint i, n;

  g_assert_true (au_market_sim_get_last (au_paper_exchange_get_market (exchange), "MSFT", &last));
  for (n = 0; n < 120; n++)
    {
      AuOptionQuote p = quote_now (exchange, "MSFT", &put);
      AuOptionQuote c = quote_now (exchange, "MSFT", &call);
      g_autofree char *a = g_strdup_printf ("p%u", n);
      g_autofree char *b = g_strdup_printf ("c%u", n);
      g_autofree char *s = g_strdup_printf ("s%u", n);
      AuOrderRequest request;
      AuPrice tick;

      if (au_market_sim_is_at_close (au_paper_exchange_get_market (exchange)))
        {
          step (exchange);
          continue;
        }
      au_market_sim_get_last (au_paper_exchange_get_market (exchange), "MSFT", &last);
      option_request (&request, a, "MSFT", &put, n % 2 ? AU_SIDE_BUY : AU_SIDE_SELL,
                      1 + n % 3, n % 2 ? p.ask : p.bid);
      au_order_update_free (submit (exchange, &request));
      tick = au_paper_tick (au_market_symbol_lookup ("MSFT"), AU_SEC_OPTION, c.ask);
      option_request (&request, b, "MSFT", &call, AU_SIDE_SELL, 2,
                      c.ask - tick > c.bid ? c.ask - tick : c.ask);
      au_order_update_free (submit (exchange, &request));
      stock_request (&request, s, "MSFT", n % 3 ? AU_SIDE_BUY : AU_SIDE_SELL, 10 + n,
                     n % 3 ? last + PRICE (0.50) : last - PRICE (0.50));
      au_order_update_free (submit (exchange, &request));
      step (exchange);
    }

  executions = au_paper_exchange_dup_executions (exchange, 0);
  g_assert_cmpuint (executions->len, >, 100);
  for (i = 0; i < executions->len; i++)
    {
      AuExecution *execution = g_ptr_array_index (executions, i);
      gint64 signed_quantity = execution->side == AU_SIDE_BUY ? execution->quantity
                                                              : -execution->quantity;
      g_autofree char *name = au_contract_describe (&execution->contract);
      gint64 *quantity = g_hash_table_lookup (held, name);

      cash -= signed_quantity * execution->price * execution->contract.multiplier / 100;
      cash -= execution->commission;
      if (quantity == NULL)
        {
          quantity = g_new0 (gint64, 1);
          g_hash_table_insert (held, g_steal_pointer (&name), quantity);
        }
      *quantity += signed_quantity;
    }
  g_assert_cmpint (au_paper_exchange_get_cash (exchange), ==, cash);

  positions = au_paper_exchange_dup_positions (exchange);
  for (i = 0; i < positions->len; i++)
    {
      AuBrokerPosition *position = g_ptr_array_index (positions, i);
      g_autofree char *name = au_contract_describe (&position->contract);
      gint64 *quantity = g_hash_table_lookup (held, name);

      g_assert_nonnull (quantity);
      g_assert_cmpint (position->quantity, ==, *quantity);
      g_hash_table_remove (held, name);
    }
  /* what is left summed to zero */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, held);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_cmpint (*(gint64 *) value, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paper/commission", test_commission);
  g_test_add_func ("/paper/fill-probability-curve", test_fill_probability_curve);
  g_test_add_func ("/paper/ticks", test_ticks);
  g_test_add_func ("/paper/marketable-option", test_marketable_option);
  g_test_add_func ("/paper/marketable-stock", test_marketable_stock);
  g_test_add_func ("/paper/mid-limit-fill-rate", test_mid_limit_fill_rate);
  g_test_add_func ("/paper/resting-fills-at-limit", test_resting_fills_at_limit);
  g_test_add_func ("/paper/partial-fills", test_partial_fills);
  g_test_add_func ("/paper/cancel", test_cancel);
  g_test_add_func ("/paper/rejections", test_rejections);
  g_test_add_func ("/paper/reconcile", test_reconcile);

  return g_test_run ();
}

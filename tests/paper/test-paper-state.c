/* test-paper-state.c: the paper exchange's persistence and determinism (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "au-market-symbol.h"
#include "paper-test-util.h"

/* A morning of trading: fills, partial fills, a resting order, a
 * cancel, a rejection, mid limits that fill by the draw. */
static void
trade_a_morning (AuPaperExchange *exchange,
                 const char      *prefix)
{
  AuOptionQuote put = find_series (exchange, "NVDA", 20, 27, AU_OPTION_PUT, 0.20, 0.30);
  AuOptionQuote call = find_series (exchange, "SPY", 14, 20, AU_OPTION_CALL, 0.40, 0.60);
  AuOrderRequest request;
  guint n;

  for (n = 0; n < 12; n++)
    {
      AuOptionQuote p = quote_now (exchange, "NVDA", &put);
      AuOptionQuote c = quote_now (exchange, "SPY", &call);
      AuPrice tick = au_paper_tick (au_market_symbol_lookup ("SPY"), AU_SEC_OPTION, c.bid);
      g_autofree char *a = g_strdup_printf ("%s-p%u", prefix, n);
      g_autofree char *b = g_strdup_printf ("%s-c%u", prefix, n);

      option_request (&request, a, "NVDA", &put, AU_SIDE_SELL, 1 + n % 4, p.bid);
      au_order_update_free (submit (exchange, &request));
      option_request (&request, b, "SPY", &call, AU_SIDE_BUY, 3,
                      c.bid + (c.ask - c.bid) / 2 / tick * tick);
      au_order_update_free (submit (exchange, &request));
      step (exchange);
    }
  option_request (&request, "rest", "NVDA", &put, AU_SIDE_BUY, 5, PRICE (0.05));
  au_order_update_free (submit (exchange, &request));
  option_request (&request, "gone", "NVDA", &put, AU_SIDE_BUY, 5, PRICE (0.05));
  au_order_update_free (submit (exchange, &request));
  g_assert_true (au_paper_exchange_cancel (exchange, "gone", 0, NULL));
  stock_request (&request, "bad", "NVDA", AU_SIDE_BUY, 100, 1000050);
  au_order_update_free (submit (exchange, &request));
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("paper-state-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Kill = drop the object; the file brings back the same broker: every
 * order, execution, position, the cash, the market to the bit, and ids
 * that go on from where they were. */
static void
test_round_trip (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "paper.json", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *reloaded_json = NULL;
  g_autofree char *market_sum = NULL;
  g_autofree char *reloaded_sum = NULL;
  g_autoptr(AuPaperExchange) reloaded = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(AuOrderUpdate) next = NULL;
  AuPaperExchange *exchange;
  AuOrderRequest request;
  gint64 highest = 0;
  guint i;

  exchange = new_exchange_at (TEST_SEED, ymd (2026, 11, 2), DOLLARS (250000), path);
  trade_a_morning (exchange, "m");
  saved = au_paper_exchange_to_json (exchange);
  on_disk = read_text (path);
  g_assert_cmpstr (on_disk, ==, saved);        /* written after the last change */
  market_sum = au_market_sim_checksum (au_paper_exchange_get_market (exchange));
  orders = au_paper_exchange_dup_orders (exchange);
  executions = au_paper_exchange_dup_executions (exchange, 0);
  g_assert_cmpuint (executions->len, >, 10);
  for (i = 0; i < orders->len; i++)
    highest = MAX (highest, ((AuOrderUpdate *) g_ptr_array_index (orders, i))->broker_order_id);
  g_object_unref (exchange);                   /* the kill */

  /* The file wins over the new configuration (another seed and cash). */
  reloaded = new_exchange_at (TEST_SEED + 99, ymd (2027, 1, 4), DOLLARS (1), path);
  reloaded_json = au_paper_exchange_to_json (reloaded);
  g_assert_cmpstr (reloaded_json, ==, saved);
  reloaded_sum = au_market_sim_checksum (au_paper_exchange_get_market (reloaded));
  g_assert_cmpstr (reloaded_sum, ==, market_sum);
  g_assert_cmpint (au_market_sim_get_seed (au_paper_exchange_get_market (reloaded)), ==, TEST_SEED);

  /* the resting order is still open, the next id above every earlier one */
  {
    g_autoptr(GPtrArray) open = au_paper_exchange_dup_open_orders (reloaded);

    g_assert_cmpuint (open->len, >=, 1);
  }
  stock_request (&request, "after", "NVDA", AU_SIDE_BUY, 10, PRICE (1));
  next = submit (reloaded, &request);
  g_assert_cmpint (next->broker_order_id, >, highest);

  /* a used client order id stays used across the restart */
  {
    g_autoptr(GError) error = NULL;

    stock_request (&request, "m-p0", "NVDA", AU_SIDE_BUY, 10, PRICE (1));
    g_assert_false (au_paper_exchange_submit (reloaded, &request, 0, 0, NULL, &error));
    g_assert_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_DUPLICATE);
    au_order_request_clear (&request);
  }

  g_clear_object (&reloaded);
  remove_dir (dir);
}

/* A restarted exchange goes on exactly as the one that never stopped. */
static void
test_restart_continues_identically (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.json", NULL);
  g_autofree char *copy = g_build_filename (dir, "b.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;
  g_autoptr(AuPaperExchange) a = NULL;
  g_autoptr(AuPaperExchange) b = NULL;
  guint i;

  a = new_exchange_at (TEST_SEED, ymd (2026, 11, 2), DOLLARS (250000), path);
  trade_a_morning (a, "m");
  /* steps that may change nothing leave the file's clock behind; the
   * copy, brought up to the same time, must still be the same broker */
  for (i = 0; i < 7; i++)
    step (a);
  text = read_text (path);
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  b = new_exchange_at (TEST_SEED, ymd (2026, 11, 2), DOLLARS (250000), copy);
  g_assert_cmpint (au_paper_exchange_get_now (b), <=, au_paper_exchange_get_now (a));
  g_assert_true (au_paper_exchange_advance_to (b, au_paper_exchange_get_now (a), NULL));
  json_a = au_paper_exchange_to_json (a);
  json_b = au_paper_exchange_to_json (b);
  g_assert_cmpstr (json_a, ==, json_b);
  g_clear_pointer (&json_a, g_free);
  g_clear_pointer (&json_b, g_free);

  /* the resting orders meet the same draws in both */
  for (i = 0; i < 40; i++)
    {
      step (a);
      step (b);
    }
  json_a = au_paper_exchange_to_json (a);
  json_b = au_paper_exchange_to_json (b);
  g_assert_cmpstr (json_a, ==, json_b);

  g_clear_object (&a);
  g_clear_object (&b);
  remove_dir (dir);
}

static void
assert_refused (const char *path,
                const char *text,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuPaperExchange) exchange = NULL;
  g_autofree char *after = NULL;
  AuPaperConfig config = { 0 };

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  config.seed = TEST_SEED;
  config.start = ymd (2026, 11, 2);
  config.cash = DOLLARS (1000);
  config.state_path = path;
  exchange = au_paper_exchange_new (&config, &error);
  g_assert_null (exchange);
  g_assert_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_CORRUPT_STATE);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, words) == NULL)
    g_error ("'%s' does not name '%s'", error->message, words);
  /* nothing overwritten */
  after = read_text (path);
  g_assert_cmpstr (after, ==, text);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new_text)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new_text, at + strlen (old));
}

static void
test_corrupt_refused (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "paper.json", NULL);
  g_autofree char *good = NULL;
  g_autofree char *no_cash = NULL;
  g_autofree char *bad_quantity = NULL;
  g_autofree char *bad_state = NULL;
  g_autofree char *bad_seed = NULL;
  g_autofree char *bad_time = NULL;
  g_autofree char *truncated = NULL;
  AuPaperExchange *exchange;

  exchange = new_exchange_at (TEST_SEED, ymd (2026, 11, 2), DOLLARS (250000), path);
  trade_a_morning (exchange, "m");
  g_object_unref (exchange);
  good = read_text (path);

  assert_refused (path, "{ not json", "not valid JSON");
  assert_refused (path, "[]", "top level");
  truncated = g_strndup (good, strlen (good) / 2);
  assert_refused (path, truncated, "not valid JSON");
  no_cash = replace_once (good, "\"cash\":", "\"kash\":");
  assert_refused (path, no_cash, "cash is missing");
  bad_quantity = replace_once (good, "\"quantity\":", "\"quantity\":\"1\",\"x\":");
  assert_refused (path, bad_quantity, "].quantity is missing or not an integer");
  bad_state = replace_once (good, "\"state\":\"filled\"", "\"state\":\"done\"");
  assert_refused (path, bad_state, "state is not an order state");
  bad_seed = replace_once (good, "\"seed\":\"", "\"seed\":\"x");
  assert_refused (path, bad_seed, "market.seed");
  bad_time = replace_once (good, "\"time\":", "\"time\":1+");
  assert_refused (path, bad_time, "not valid JSON");

  /* and the good file still loads */
  g_assert_true (g_file_set_contents (path, good, -1, NULL));
  exchange = new_exchange_at (TEST_SEED, ymd (2026, 11, 2), DOLLARS (250000), path);
  g_object_unref (exchange);
  remove_dir (dir);
}

/* Same seed, same orders: the same fills and exec ids, byte for byte;
 * another seed, other fills. */
static void
test_determinism (void)
{
  g_autoptr(AuPaperExchange) a = new_exchange (TEST_SEED);
  g_autoptr(AuPaperExchange) b = new_exchange (TEST_SEED);
  g_autoptr(AuPaperExchange) c = new_exchange (TEST_SEED + 1);
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;
  g_autofree char *json_c = NULL;
  g_autoptr(GPtrArray) executions = NULL;
  guint i;

  trade_a_morning (a, "m");
  trade_a_morning (b, "m");
  trade_a_morning (c, "m");
  json_a = au_paper_exchange_to_json (a);
  json_b = au_paper_exchange_to_json (b);
  json_c = au_paper_exchange_to_json (c);
  g_assert_cmpstr (json_a, ==, json_b);
  g_assert_cmpstr (json_a, !=, json_c);

  /* exec ids: IB's shape, unique */
  executions = au_paper_exchange_dup_executions (a, 0);
  for (i = 0; i < executions->len; i++)
    {
      AuExecution *execution = g_ptr_array_index (executions, i);
      guint k;

      g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}\\.[0-9a-f]{8}\\.[0-9a-f]{2}\\.01$",
                                           execution->exec_id, 0, 0));
      for (k = 0; k < i; k++)
        g_assert_cmpstr (execution->exec_id, !=,
                         ((AuExecution *) g_ptr_array_index (executions, k))->exec_id);
    }
}

/* The gateway simulator's demo holding: shares and a short put, no cash moved. */
static void
test_demo_holding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuPaperExchange) exchange = NULL;
  g_autoptr(GPtrArray) positions = NULL;
  AuPaperConfig config = { 0 };
  AuBrokerPosition *stock, *put;

  config.seed = TEST_SEED;
  config.start = ymd (2026, 11, 2);
  config.cash = DOLLARS (50000);
  config.demo_symbol = "AAPL";
  config.demo_shares = 100;
  config.demo_short_puts = 2;
  exchange = au_paper_exchange_new (&config, &error);
  g_assert_no_error (error);
  positions = au_paper_exchange_dup_positions (exchange);
  g_assert_cmpuint (positions->len, ==, 2);
  stock = g_ptr_array_index (positions, 0);
  put = g_ptr_array_index (positions, 1);
  g_assert_cmpint (stock->contract.sec_type, ==, AU_SEC_STOCK);
  g_assert_cmpint (stock->quantity, ==, 100);
  g_assert_cmpint (put->contract.sec_type, ==, AU_SEC_OPTION);
  g_assert_cmpint (put->contract.right, ==, AU_OPTION_PUT);
  g_assert_cmpint (put->quantity, ==, -2);
  g_assert_cmpint (g_date_days_between (&config.start, &put->contract.expiry), >=, 7);
  g_assert_cmpint (au_paper_exchange_get_cash (exchange), ==, DOLLARS (50000));

  config.demo_symbol = "ZZZZ";
  g_clear_object (&exchange);
  exchange = au_paper_exchange_new (&config, &error);
  g_assert_null (exchange);
  g_assert_error (error, AU_PAPER_ERROR, AU_PAPER_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paper/state/round-trip", test_round_trip);
  g_test_add_func ("/paper/state/restart-continues", test_restart_continues_identically);
  g_test_add_func ("/paper/state/corrupt-refused", test_corrupt_refused);
  g_test_add_func ("/paper/state/determinism", test_determinism);
  g_test_add_func ("/paper/state/demo-holding", test_demo_holding);

  return g_test_run ();
}

/* test-order-cli-ib.c: `alluse-cli order --ib` through the real binary against
 * the real alluse-gateway-sim (D4): a fill and a resting order whose JSON
 * matches the simulator's own state, a rules rejection that sends
 * nothing, the crash between persisting and sending, and the simulator
 * killed (-9) and restarted while the command waits for the fate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "order-cli-ib-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "au-atr.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-ledger.h"
#include "au-money.h"
#include "au-paper-exchange.h"
#include "ibsim-harness.h"

/* The paper market's seed: with it, at IBSIM_CLOCK (a Thursday, 10:15
 * ET, inside Gen's entry window, R1.1), AAPL's Friday 197.50 put has a
 * delta inside the Gen band of R2.2 (0.40–0.45). */
#define SEED      "17"
/* The command's client id at the gateway (its default). */
#define CLI_CLIENT 1

typedef struct
{
  char          *dir;
  char          *db_path;
  char          *input_path;
  char          *state;
  IbsimSim      *sim;
  gint64         gen_id;
  AuMoney        gen_cash;
} Fixture;

/* The Gen put the tests trade, as the gateway quotes it at IBSIM_CLOCK
 * with SEED: read once per binary (every test's simulator starts on the
 * same seed and clock, and its quotes move only every five simulated
 * minutes). */
typedef struct
{
  AuPrice strike;
  GDate   expiry;
  AuPrice bid;
  AuPrice ask;
  double  delta;
  AuPrice spot;
  AuPrice vix;
  double  atr5;
} Market;

static Market market;

static const char *
cli (void)
{
  const char *path = g_getenv ("ALLUSE_CLI");

  g_assert_nonnull (path);
  return path;
}

static void
die_with_parent (gpointer user_data)
{
  /* A failed assertion aborts the test: the command must not outlive it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* alluse-cli with @args (NULL-terminated) and @env_extra ("NAME=VALUE"
 * or NULL), running; cli_finish() collects it. */
static GSubprocess *
cli_start (const char * const *args,
           const char         *env_extra)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) cli ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (env_extra != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (env_extra, "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communicated;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err,
                                        &c->error);
  c->done = TRUE;
}

/* Reads @process's output while the default main context runs; with
 * @poll, calls it every 10 ms until it returns FALSE. Returns the exit
 * status, or -(signal) when a signal ended it. */
static int
cli_finish (GSubprocess  *process,
            gboolean    (*poll) (gpointer data),
            gpointer      data,
            char        **out,
            char        **err)
{
  Communicated c = { 0 };
  gint64 deadline = g_get_monotonic_time () + 40 * G_USEC_PER_SEC;
  gboolean polling = poll != NULL;
  int status;

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &c);
  while (!c.done && g_get_monotonic_time () < deadline)
    {
      if (polling)
        {
          polling = poll (data);
          ibsim_spin (10);
        }
      else
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (c.done);
  g_assert_no_error (c.error);
  g_subprocess_wait (process, NULL, NULL);
  *out = c.out;
  *err = c.err;
  g_test_message ("alluse-cli: stdout %s stderr %s", *out, *err);
  status = g_subprocess_get_status (process);
  g_object_unref (process);
  if (WIFSIGNALED (status))
    return -WTERMSIG (status);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static int
run_cli (const char * const *args,
         const char         *env_extra,
         char              **out,
         char              **err)
{
  return cli_finish (cli_start (args, env_extra), NULL, NULL, out, err);
}

/* The simulator's state */

/* One order of the gateway's book (FILE.gateway), by its reference. */
typedef struct
{
  char *order_ref;
  int   client_id;
  int   order_id;
} BookOrder;

static void
book_order_free (BookOrder *order)
{
  g_free (order->order_ref);
  g_free (order);
}

/* The orders of the gateway's book on disk whose reference starts with
 * @prefix (the command's are "man-…-vN"). No book yet: none. */
static GPtrArray *
book_orders (Fixture    *f,
             const char *prefix)
{
  g_autofree char *path = g_strconcat (f->state, ".gateway", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) book_order_free);
  JsonArray *orders;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return found;
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  orders = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "orders");
  for (guint i = 0; orders != NULL && i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);
      const char *ref = json_object_get_string_member_with_default (o, "order_ref", "");
      BookOrder *order;

      if (!g_str_has_prefix (ref, prefix))
        continue;
      order = g_new0 (BookOrder, 1);
      order->order_ref = g_strdup (ref);
      order->client_id = (int) json_object_get_int_member (o, "client_id");
      order->order_id = (int) json_object_get_int_member (o, "order_id");
      g_ptr_array_add (found, order);
    }
  return found;
}

/* What the simulator's exchange holds of @order, read from a scratch
 * copy of its state file so that the test never writes the real one. */
static AuOrderUpdate *
exchange_order (Fixture         *f,
                const BookOrder *order)
{
  g_autofree char *scratch = g_build_filename (f->dir, "scratch.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *exchange_id = g_strdup_printf ("%d/%d", order->client_id, order->order_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(AuPaperExchange) exchange = NULL;
  AuPaperConfig config = { 0 };
  AuOrderUpdate *update;
  gsize length = 0;

  g_assert_true (g_file_get_contents (f->state, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (scratch, contents, (gssize) length, &error));
  g_assert_no_error (error);
  config.state_path = scratch;
  exchange = au_paper_exchange_new (&config, &error);
  g_assert_no_error (error);
  update = au_paper_exchange_dup_order (exchange, exchange_id);
  g_assert_nonnull (update);
  g_unlink (scratch);
  return update;
}

/* The market the tests trade, asked of the gateway as the user would */

static double
atr5 (AuIbClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = NULL;
  double high[6], low[6], close[6], atr[6];

  au_broker_bars_async (AU_BROKER (client), "AAPL", 6, NULL, ibsim_store_result, &result);
  bars = au_broker_bars_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bars->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);

      high[i] = au_price_to_double (bar->high);
      low[i] = au_price_to_double (bar->low);
      close[i] = au_price_to_double (bar->close);
    }
  g_assert_cmpuint (au_atr (high, low, close, 6, 5, AU_ATR_SMA, NULL, atr), ==, 1);
  return atr[5];
}

/* R2.2: the put of the nearest expiry in Gen's DTE range whose delta is
 * in its band, with the spot, VIX and ATR(5) of the gateway. */
static void
read_market (Market *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  const AuSleeveRules *gen = au_constitution_get_sleeve (constitution, AU_SLEEVE_GEN);
  g_autofree char *state = ibsim_temp_state ();
  IbsimSim *sim = ibsim_sim_start (state, 0, "--seed", SEED, NULL);
  g_autoptr(AuIbClient) client = ibsim_client_connect (sim->port, 9, 100);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(AuStockQuote) spot = NULL;
  g_autoptr(AuStockQuote) vix = NULL;
  const AuOptionQuote *put = NULL;
  GArray *expiries;

  au_broker_chain_async (AU_BROKER (client), "AAPL", (guint) gen->dte_min, (guint) gen->dte_max,
                         NULL, ibsim_store_result, &result);
  chain = au_broker_chain_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  expiries = au_option_chain_get_expiries (chain);
  for (guint i = 0; put == NULL && i < expiries->len; i++)
    put = au_option_chain_find_delta (chain, &g_array_index (expiries, GDate, i), AU_OPTION_PUT,
                                      gen->delta_min, gen->delta_max);
  g_assert_nonnull (put);
  g_assert_cmpint (put->bid, >, 0);
  g_assert_cmpint (put->ask, >, put->bid);
  m->strike = put->strike;
  m->expiry = put->expiry;
  m->bid = put->bid;
  m->ask = put->ask;
  m->delta = put->delta;

  g_clear_object (&result);
  au_broker_quote_async (AU_BROKER (client), "AAPL", NULL, ibsim_store_result, &result);
  spot = au_broker_quote_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  m->spot = (spot->bid + spot->ask) / 2;
  g_clear_object (&result);
  au_broker_quote_async (AU_BROKER (client), "VIX", NULL, ibsim_store_result, &result);
  vix = au_broker_quote_finish (AU_BROKER (client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (vix->last, >, 0);
  m->vix = vix->last;
  m->atr5 = atr5 (client);
  au_broker_disconnect (AU_BROKER (client));
  ibsim_sim_kill (sim);
  ibsim_remove_state (state);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = g_date_time_new_from_iso8601 ("2026-11-02T14:00:00Z", NULL);
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(AuLedger) ledger = NULL;
  AuLedgerTree tree;
  AuLedgerSummary gen;
  AuMoney deposit = 0;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("alluse-order-ib-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->input_path = g_build_filename (f->dir, "order.json", NULL);
  f->state = ibsim_temp_state ();
  f->sim = ibsim_sim_start (f->state, 0, "--seed", SEED, NULL);

  /* The portfolio: one tree of $3,000,000 in the database the command
   * opens (what `alluse-cli run --ib` would have made). */
  db = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  ledger = au_ledger_new (db, constitution, &error);
  g_assert_no_error (error);
  g_assert_true (au_money_parse ("3000000.00", &deposit, NULL));
  g_assert_true (au_ledger_create_tree (ledger, deposit, opened, &tree, &error));
  g_assert_no_error (error);
  g_assert_true (au_ledger_get_summary (ledger, tree.gen, &gen, &error));
  g_assert_no_error (error);
  f->gen_id = tree.gen;
  f->gen_cash = gen.cash;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->sim, ibsim_sim_kill);
  ibsim_remove_state (f->state);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->input_path);
  g_free (f->state);
}

/* The user's Gen CSP on the put read above, quoted @bid × @ask (the
 * order's limit is their mid, R0.5), for @account ("gen", "rev"). */
static void
write_csp (Fixture    *f,
           const char *account,
           AuPrice     bid,
           AuPrice     ask)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char strike[32], bid_text[32], ask_text[32], cash[32], spot[32], delta[32], atr[32], vix[32];
  char expiry[16];

  g_ascii_formatd (strike, sizeof strike, "%.2f", au_price_to_double (market.strike));
  g_ascii_formatd (bid_text, sizeof bid_text, "%.2f", au_price_to_double (bid));
  g_ascii_formatd (ask_text, sizeof ask_text, "%.2f", au_price_to_double (ask));
  g_ascii_formatd (cash, sizeof cash, "%.2f", (double) f->gen_cash / AU_MONEY_SCALE);
  g_ascii_formatd (spot, sizeof spot, "%.2f", au_price_to_double (market.spot));
  g_ascii_formatd (delta, sizeof delta, "%.4f", market.delta);
  g_ascii_formatd (atr, sizeof atr, "%.4f", market.atr5);
  g_ascii_formatd (vix, sizeof vix, "%.2f", au_price_to_double (market.vix));
  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &market.expiry);
  /* Whole cents: the input refuses more decimals than a price has. */
  g_assert_cmpint (bid % 100, ==, 0);
  g_assert_cmpint (ask % 100, ==, 0);
  text = g_strdup_printf (
    "{\"account\": \"%s\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
    " \"right\": \"P\", \"strike\": %s, \"expiry\": \"%s\", \"delta\": %s, \"contracts\": 1,"
    " \"limit\": %s, \"time\": \"2020-01-01T10:00:00-05:00\","
    " \"quote\": {\"bid\": %s, \"ask\": %s, \"open_interest\": 1200, \"volume\": 450,"
    "            \"avg_daily_volume\": 900},"
    " \"account_state\": {\"equity\": %s, \"cash\": %s, \"margin_used\": 0.00,"
    "                   \"symbol_exposure\": {\"AAPL\": 0.00}, \"shares_held\": {\"AAPL\": 0},"
    "                   \"high_water_mark\": %s},"
    " \"market\": {\"spot\": %s, \"atr5\": %s, \"vix\": %s, \"earnings_this_week\": false}}",
    account, strike, expiry, delta, bid_text, bid_text, ask_text, cash, cash, cash, spot, atr,
    vix);
  g_assert_true (g_file_set_contents (f->input_path, text, -1, &error));
  g_assert_no_error (error);
}

static JsonObject *
parse_output (const char *out,
              JsonNode  **holder)
{
  g_autoptr(GError) error = NULL;

  *holder = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*holder));
  return json_node_get_object (*holder);
}

/* The command's report of one order against the simulator's state: the
 * one version the gateway holds is the broker order the JSON names, its
 * fill the JSON's. */
static void
assert_matches_simulator (Fixture      *f,
                          JsonObject   *result,
                          AuOrderState  expected)
{
  const char *id = json_object_get_string_member (result, "client_order_id");
  g_autoptr(GPtrArray) orders = book_orders (f, id);
  g_autofree char *broker_order_id = NULL;
  g_autofree char *v1 = g_strconcat (id, "-v1", NULL);
  AuOrderUpdate *update;
  const BookOrder *order;

  g_assert_cmpuint (orders->len, ==, 1);
  order = g_ptr_array_index (orders, 0);
  g_assert_cmpstr (order->order_ref, ==, v1);
  g_assert_cmpint (order->client_id, ==, CLI_CLIENT);
  broker_order_id = g_strdup_printf ("%d", order->order_id);
  g_assert_cmpstr (json_object_get_string_member (result, "broker_order_id"), ==,
                   broker_order_id);

  update = exchange_order (f, order);
  g_assert_cmpint (update->state, ==, expected);
  g_assert_cmpint (json_object_get_int_member (result, "filled_quantity"), ==, update->filled);
  if (update->filled > 0)
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "average_price"),
                                    au_price_to_double (update->average_price), 1e-9);
  else
    g_assert_true (json_object_get_null_member (result, "average_price"));
  au_order_update_free (update);
}

/* A quote of bid = ask = the market's bid: the mid sent (R0.5) is the
 * bid, a marketable sell; the gateway fills it at once. */
static void
test_fill (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", f->sim->port);
  const char *args[] = { "order", "--ib", "--port", port, "--db", f->db_path,
                         "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *result;

  write_csp (f, "gen", market.bid, market.bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 0);
  result = parse_output (out, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "filled");
  g_assert_cmpstr (json_object_get_string_member (result, "broker"), ==, "ib");
  g_assert_cmpint (json_object_get_int_member (result, "quantity"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (result, "account_id"), ==, f->gen_id);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (result, "rule_checks"), "status"), ==,
                   "APPROVED");
  /* Judged at the gateway's clock (Thursday 2026-11-19, 10:15 ET), not
   * at the input's 2020 time. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "judged_at"),
                                   "2026-11-19T10:1"));
  /* D3: $0.65 a contract, $1.00 the least an execution costs. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "commission"), 1.00,
                                  1e-9);
  /* A sell never fills below its limit, the market's bid here. */
  g_assert_cmpfloat (json_object_get_double_member (result, "average_price"), >=,
                     au_price_to_double (market.bid) - 1e-9);
  assert_matches_simulator (f, result, AU_ORDER_FILLED);
}

/* A limit a dollar above the market's ask: working at the gateway; with
 * --wait 0 the command reports it resting once acknowledged (exit 0). */
static void
test_resting (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", f->sim->port);
  const char *args[] = { "order", "--ib", "--port", port, "--db", f->db_path,
                         "--json", f->input_path, "--wait", "0", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) holder = NULL;
  AuPrice far = market.ask + AU_PRICE_SCALE;
  JsonObject *result;

  write_csp (f, "gen", far, far);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 0);
  result = parse_output (out, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "resting");
  g_assert_cmpint (json_object_get_int_member (result, "filled_quantity"), ==, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "commission"), 0.0,
                                  1e-9);
  assert_matches_simulator (f, result, AU_ORDER_WORKING);
}

/* Rev enters on Wednesday; the gateway's clock says Thursday (R1.1):
 * refused by the rules, nothing reaches the gateway. */
static void
test_rules_rejection (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", f->sim->port);
  const char *args[] = { "order", "--ib", "--port", port, "--db", f->db_path,
                         "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  JsonObject *result;
  JsonArray *violations;
  gboolean has_r11 = FALSE;

  write_csp (f, "rev", market.bid, market.bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 1);
  result = parse_output (out, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected_by_rules");
  violations = json_object_get_array_member (json_object_get_object_member (result,
                                                                            "rule_checks"),
                                             "violations");
  for (guint i = 0; i < json_array_get_length (violations); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (violations, i),
                                                  "rule"), "R1.1") == 0)
      has_r11 = TRUE;
  g_assert_true (has_r11);
  g_assert_true (json_object_get_null_member (result, "broker_order_id"));
  orders = book_orders (f, "man-");
  g_assert_cmpuint (orders->len, ==, 0);
}

/* D4: the command dies (SIGKILL) with the intent on disk and nothing
 * sent; the same input again resumes that intent and the gateway holds
 * exactly one order of it. */
static void
test_crash_between_persist_and_send (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", f->sim->port);
  const char *args[] = { "order", "--ib", "--port", port, "--db", f->db_path,
                         "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  JsonObject *result;
  const char *start;

  write_csp (f, "gen", market.bid, market.bid);
  g_assert_cmpint (run_cli (args, "ALLUSE_ORDER_CRASH_AFTER_PERSIST=1", &out, &err), ==,
                   -SIGKILL);
  g_assert_cmpstr (out, ==, "");
  start = strstr (err, "man-");
  g_assert_nonnull (start);
  id = g_strndup (start, 4 + 16);
  orders = book_orders (f, "man-");
  g_assert_cmpuint (orders->len, ==, 0);

  g_assert_cmpint (run_cli (args, NULL, &out2, &err2), ==, 0);
  result = parse_output (out2, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "client_order_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "filled");
  g_assert_true (json_object_get_boolean_member (result, "resumed"));
  g_assert_nonnull (strstr (err2, "never sent it"));
  assert_matches_simulator (f, result, AU_ORDER_FILLED);
}

typedef struct
{
  Fixture *f;
  guint16  port;
  gboolean restarted;
} KillPlan;

/* Whether the simulator's exchange has saved @order in its state file
 * (the exchange's id of it, "<client id>/<order id>", is there). */
static gboolean
exchange_has (Fixture         *f,
              const BookOrder *order)
{
  g_autofree char *contents = NULL;
  g_autofree char *quoted = g_strdup_printf ("\"%d/%d\"", order->client_id, order->order_id);

  return g_file_get_contents (f->state, &contents, NULL, NULL)
         && strstr (contents, quoted) != NULL;
}

/* Once the gateway's exchange has the order on disk (the book is saved
 * first, then the exchange takes the order and saves it before the
 * acknowledgement, which --delay holds), SIGKILL the gateway before the
 * acknowledgement goes out, then start it again on the same state and
 * port. */
static gboolean
kill_when_sent (gpointer data)
{
  KillPlan *plan = data;
  g_autoptr(GPtrArray) orders = book_orders (plan->f, "man-");

  if (orders->len == 0 || !exchange_has (plan->f, g_ptr_array_index (orders, 0)))
    return TRUE;
  ibsim_sim_kill (g_steal_pointer (&plan->f->sim));
  ibsim_spin (200);
  plan->f->sim = ibsim_sim_start (plan->f->state, plan->port, NULL);
  plan->restarted = TRUE;
  return FALSE;
}

/* D4: the simulator is killed -9 while the command waits for the fate of
 * its order and restarted on the same state file and port; the command
 * reconnects, reconciles (the order found by its reference, never sent
 * again) and reports the fate: resting, as the simulator holds it. */
static void
test_simulator_killed_while_waiting (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *port = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) holder = NULL;
  AuPrice far = market.ask + AU_PRICE_SCALE;
  KillPlan plan = { f, f->sim->port, FALSE };
  JsonObject *result;

  /* Every reply held 400 ms: the order reaches the gateway's book well
   * before its acknowledgement could reach the command. */
  g_clear_pointer (&f->sim, ibsim_sim_kill);
  f->sim = ibsim_sim_start (f->state, plan.port, "--seed", SEED, "--delay", "400", NULL);
  port = g_strdup_printf ("%u", f->sim->port);
  write_csp (f, "gen", far, far);
  {
    const char *args[] = { "order", "--ib", "--port", port, "--db", f->db_path,
                           "--json", f->input_path, "--wait", "0", NULL };

    g_assert_cmpint (cli_finish (cli_start (args, NULL), kill_when_sent, &plan, &out, &err), ==,
                     0);
  }
  g_assert_true (plan.restarted);
  result = parse_output (out, &holder);
  g_assert_nonnull (strstr (err, "reconnecting"));
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "resting");
  assert_matches_simulator (f, result, AU_ORDER_WORKING);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  read_market (&market);
  ADD ("/order-cli-ib/fill", test_fill);
  ADD ("/order-cli-ib/resting", test_resting);
  ADD ("/order-cli-ib/rules-rejection", test_rules_rejection);
  ADD ("/order-cli-ib/crash-between-persist-and-send", test_crash_between_persist_and_send);
  ADD ("/order-cli-ib/simulator-killed-while-waiting", test_simulator_killed_while_waiting);
  return g_test_run ();
}

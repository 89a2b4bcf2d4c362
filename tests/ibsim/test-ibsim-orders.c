/* test-ibsim-orders.c: an order's whole life through AuOrderManager, the
 * real IB client and alluse-gateway-sim, and issue 4's no-duplicate test:
 * the simulator killed with an order in flight, restarted on its state,
 * the order matched by its order reference and never sent twice (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ibsim-test"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "au-atr.h"
#include "au-audit-log.h"
#include "au-constitution.h"
#include "au-ledger.h"
#include "au-money.h"
#include "au-order-manager.h"
#include "au-orders-error.h"
#include "ibsim-harness.h"

/* The paper market's seed: with it, at IBSIM_CLOCK, AAPL's Friday 197.50
 * put has a delta of −0.417, inside the Gen band of R2.2 (0.40–0.45);
 * on AAPL's $2.50 strike grid one day out, most seeds have no strike in
 * so narrow a band (seed 1: −0.23 and −0.46). */
#define ORDERS_SEED "17"

typedef struct
{
  char           *dir;
  char           *db_path;
  char           *state;
  IbsimSim       *sim;
  AuIbClient     *client;
  IbsimRecorder   recorder;
  AuConstitution *constitution;
  AuClock        *clock;
  AuDatabase     *db;
  AuLedger       *ledger;
  AuAuditLog     *audit;
  AuRulesEngine  *rules;
  AuOrderManager *manager;
  AuLedgerTree    tree;
} Fixture;

static gint64
clock_usec (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (IBSIM_CLOCK, NULL);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
open_engine (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->db = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  f->ledger = au_ledger_new (f->db, f->constitution, &error);
  g_assert_no_error (error);
  f->audit = au_audit_log_new (f->db, &error);
  g_assert_no_error (error);
  f->rules = au_rules_engine_new (f->constitution, f->audit);
  f->manager = au_order_manager_new (f->ledger, f->rules, AU_BROKER (f->client), f->clock, NULL,
                                     &error);
  g_assert_no_error (error);
}

/* An engine crash: its objects go; the database file stays. */
static void
close_engine (Fixture *f)
{
  g_clear_object (&f->manager);
  g_clear_object (&f->rules);
  g_clear_object (&f->audit);
  g_clear_object (&f->ledger);
  g_clear_object (&f->db);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = g_date_time_new_from_iso8601 ("2026-11-02T14:00:00Z", NULL);
  AuMoney deposit = 0;

  f->dir = g_dir_make_tmp ("alluse-ibsim-orders-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->state = ibsim_temp_state ();
  f->sim = ibsim_sim_start (f->state, 0, "--seed", ORDERS_SEED, NULL);
  f->client = ibsim_client_connect (f->sim->port, 21, 100);
  ibsim_recorder_attach (&f->recorder, AU_BROKER (f->client));

  f->constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  /* The engine's clock is the gateway's (D4), stepped by the test so
   * that R0.6's and R0.5's deadlines come when the test says. */
  f->clock = au_clock_new_stepped (au_broker_get_now (AU_BROKER (f->client)));
  open_engine (f);
  g_assert_true (au_money_parse ("3000000.00", &deposit, NULL));
  g_assert_true (au_ledger_create_tree (f->ledger, deposit, opened, &f->tree, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  close_engine (f);
  ibsim_recorder_clear (&f->recorder);
  if (f->client != NULL)
    au_broker_disconnect (AU_BROKER (f->client));
  g_clear_object (&f->client);
  g_clear_pointer (&f->sim, ibsim_sim_kill);
  ibsim_remove_state (f->state);
  g_clear_object (&f->clock);
  g_clear_object (&f->constitution);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->state);
}

/* ATR(5) of the last six completed sessions (R6.8), from the gateway. */
static double
atr5 (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = NULL;
  double high[6], low[6], close[6], atr[6];

  au_broker_bars_async (AU_BROKER (f->client), "AAPL", 6, NULL, ibsim_store_result, &result);
  bars = au_broker_bars_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
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

/* A Gen CSP decided from the gateway's own numbers (R2.2): the put of
 * the nearest expiry in the Gen sleeve's DTE range whose delta is in its
 * band (0.40–0.45 in v1.3), its quote, the spot, VIX, the
 * ATR(5) of IB's daily bars, and the Gen sleeve's ledger balance. The
 * snapshot carries no open interest (IB sends it only on a streaming
 * line with generic tick 101), so the liquidity figures are the research
 * file's sample ones. */
static JsonNode *
build_intent (Fixture       *f,
              AuOrderIntent *intent,
              gint64         contracts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(AuStockQuote) spot = NULL;
  g_autoptr(AuStockQuote) vix = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expiry_text = NULL;
  const AuSleeveRules *gen_rules = au_constitution_get_sleeve (f->constitution, AU_SLEEVE_GEN);
  const AuOptionQuote *put = NULL;
  GArray *expiries;
  AuLedgerSummary gen;
  char strike[32], bid[32], ask[32], cash[32], spot_text[32], delta[32], atr[32], vix_text[32];

  au_broker_chain_async (AU_BROKER (f->client), "AAPL", (guint) gen_rules->dte_min,
                         (guint) gen_rules->dte_max, NULL, ibsim_store_result, &result);
  chain = au_broker_chain_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  expiries = au_option_chain_get_expiries (chain);
  for (guint i = 0; put == NULL && i < expiries->len; i++)
    put = au_option_chain_find_delta (chain, &g_array_index (expiries, GDate, i), AU_OPTION_PUT,
                                      gen_rules->delta_min, gen_rules->delta_max);
  g_assert_nonnull (put);

  g_clear_object (&result);
  au_broker_quote_async (AU_BROKER (f->client), "AAPL", NULL, ibsim_store_result, &result);
  spot = au_broker_quote_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  au_broker_quote_async (AU_BROKER (f->client), "VIX", NULL, ibsim_store_result, &result);
  vix = au_broker_quote_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (vix->last, >, 0);

  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &gen, &error));
  g_assert_no_error (error);

  g_ascii_formatd (strike, sizeof strike, "%.2f", au_price_to_double (put->strike));
  g_ascii_formatd (bid, sizeof bid, "%.2f", au_price_to_double (put->bid));
  g_ascii_formatd (ask, sizeof ask, "%.2f", au_price_to_double (put->ask));
  g_ascii_formatd (spot_text, sizeof spot_text, "%.2f",
                   au_price_to_double ((spot->bid + spot->ask) / 2));
  g_ascii_formatd (cash, sizeof cash, "%.2f", (double) gen.cash / AU_MONEY_SCALE);
  expiry_text = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&put->expiry),
                                 g_date_get_month (&put->expiry), g_date_get_day (&put->expiry));
  g_ascii_formatd (delta, sizeof delta, "%.4f", put->delta);
  g_ascii_formatd (atr, sizeof atr, "%.4f", atr5 (f));
  g_ascii_formatd (vix_text, sizeof vix_text, "%.2f", au_price_to_double (vix->last));
  text = g_strdup_printf (
    "{\"account\": \"gen\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
    " \"right\": \"P\", \"strike\": %s, \"expiry\": \"%s\", \"delta\": %s,"
    " \"contracts\": 1, \"limit\": %s, \"time\": \"%s\","
    " \"quote\": {\"bid\": %s, \"ask\": %s, \"open_interest\": 1200, \"volume\": 450,"
    "            \"avg_daily_volume\": 900},"
    " \"account_state\": {\"equity\": %s, \"cash\": %s, \"margin_used\": 0.00,"
    "                   \"symbol_exposure\": {\"AAPL\": 0.00}, \"shares_held\": {\"AAPL\": 0},"
    "                   \"high_water_mark\": %s},"
    " \"market\": {\"spot\": %s, \"atr5\": %s, \"vix\": %s,"
    "            \"earnings_this_week\": false}}",
    strike, expiry_text, delta, bid, IBSIM_CLOCK, bid, ask, cash, cash, cash, spot_text, atr,
    vix_text);

  *intent = (AuOrderIntent) { 0 };
  intent->account_id = f->tree.gen;
  au_contract_init_option (&intent->contract, "AAPL", AU_OPTION_PUT, put->strike, &put->expiry);
  intent->side = AU_SIDE_SELL;
  intent->purpose = AU_ORDER_PURPOSE_OPEN;
  intent->quantity = contracts;
  intent->bid = put->bid;
  intent->ask = put->ask;
  intent->rule_reference = "R2.2";
  intent->proposal = json_from_string (text, &error);
  g_assert_no_error (error);
  return intent->proposal;
}

static AuLedgerOrderState
ledger_order (Fixture    *f,
              const char *client_order_id)
{
  g_autoptr(GError) error = NULL;
  AuLedgerOrderState state;

  g_assert_true (au_ledger_get_order (f->ledger, client_order_id, &state, &error));
  g_assert_no_error (error);
  return state;
}

static AuOrderState
manager_state (Fixture    *f,
               const char *id,
               gint64     *filled)
{
  AuOrderStatus status;
  AuOrderState state;

  g_assert_true (au_order_manager_get_status (f->manager, id, &status));
  state = status.state;
  if (filled != NULL)
    *filled = status.filled;
  au_order_status_clear (&status);
  return state;
}

static gboolean
slice_acknowledged (Fixture    *f,
                    const char *version_id)
{
  AuLedgerOrderState state = ledger_order (f, version_id);
  gboolean acked = g_strcmp0 (state.state, "acknowledged") == 0;

  au_ledger_order_state_clear (&state);
  return acked;
}

static void
wait_acknowledged (Fixture    *f,
                   const char *version_id)
{
  gint64 deadline = g_get_monotonic_time () + IBSIM_REPLY_MS * 1000;

  while (!slice_acknowledged (f, version_id) && g_get_monotonic_time () < deadline)
    ibsim_spin (20);
  g_assert_true (slice_acknowledged (f, version_id));
}

/* R0.5: every cancel_replace_seconds one cent toward the bid, within
 * max_slippage of mid; the gateway fills a sell once it reaches its bid.
 * Returns the number of steps taken. */
static guint
reprice_until_filled (Fixture    *f,
                      const char *id)
{
  const AuConstitutionParams *params = au_constitution_get_params (f->constitution);
  guint steps = 0;

  while (manager_state (f, id, NULL) != AU_ORDER_FILLED && steps < 60)
    {
      gint64 now = au_clock_get_now (f->clock);

      g_assert_true (au_clock_advance_to (f->clock,
                                          now + params->global.cancel_replace_seconds *
                                                G_USEC_PER_SEC));
      au_order_manager_tick (f->manager);
      ibsim_spin (150);
      steps++;
    }
  g_assert_cmpint (manager_state (f, id, NULL), ==, AU_ORDER_FILLED);
  return steps;
}

/* The executions of the account at the gateway whose order reference
 * starts with @id (its versions). */
static guint
gateway_fills (Fixture    *f,
               const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fills = NULL;
  guint n = 0;

  au_broker_executions_async (AU_BROKER (f->client), 0, NULL, ibsim_store_result, &result);
  fills = au_broker_executions_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fills->len; i++)
    if (g_str_has_prefix (((AuExecution *) g_ptr_array_index (fills, i))->client_order_id, id))
      n++;
  return n;
}

/* The rules approve the real proposal at the gateway's clock; the order
 * goes out at mid (R0.5), is acknowledged, re-priced toward the bid and
 * filled; the ledger books the premium less the $0.65 commission
 * (D3, $1.00 minimum per execution) once. */
static void
test_order_life (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autofree char *id = NULL;
  g_autofree char *v1 = NULL;
  AuOrderIntent intent;
  AuLedgerSummary before, after;
  AuLedgerOrderState parent;
  const AuExecution *fill;
  AuMoney premium;
  gint64 filled = 0;

  proposal = build_intent (f, &intent, 1);
  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &before, NULL));
  id = au_order_manager_submit (f->manager, &intent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (g_str_has_suffix (id, "-20261119-1"));
  v1 = g_strconcat (id, "-v1", NULL);

  /* The intent is in the ledger with its rule; the gateway acknowledges. */
  parent = ledger_order (f, id);
  g_assert_cmpstr (parent.rule_reference, ==, "R2.2");
  g_assert_cmpint (parent.quantity, ==, 1);
  au_ledger_order_state_clear (&parent);
  wait_acknowledged (f, v1);
  parent = ledger_order (f, v1);
  g_assert_nonnull (parent.broker_order_id);
  g_assert_cmpint (g_ascii_strtoll (parent.broker_order_id, NULL, 10), >, 0);
  au_ledger_order_state_clear (&parent);

  g_assert_cmpuint (reprice_until_filled (f, id), >=, 1);
  g_assert_cmpint (manager_state (f, id, &filled), ==, AU_ORDER_FILLED);
  g_assert_cmpint (filled, ==, 1);
  g_assert_cmpuint (au_order_manager_get_n_active (f->manager), ==, 0);

  g_assert_cmpuint (f->recorder.executions->len, ==, 1);
  fill = g_ptr_array_index (f->recorder.executions, 0);
  g_assert_true (g_str_has_prefix (fill->client_order_id, id));
  g_assert_cmpint (fill->quantity, ==, 1);
  /* R0.5: never below max_slippage from the decision's mid. */
  g_assert_cmpint (fill->price, >=, intent.bid);
  g_assert_cmpint (fill->commission, ==, 1 * AU_MONEY_SCALE);

  premium = fill->price * 100 / (AU_PRICE_SCALE / AU_MONEY_SCALE);
  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &after, NULL));
  g_assert_cmpint (after.options_written - before.options_written, ==, premium);
  g_assert_cmpint (after.commissions - before.commissions, ==, fill->commission);
  g_assert_cmpint (after.cash - before.cash, ==, premium - fill->commission);
  g_assert_cmpuint (gateway_fills (f, id), ==, 1);

  au_contract_clear (&intent.contract);
}

/* The rules engine stands before the gateway: the same proposal an hour
 * before the open is refused, nothing is sent. */
static void
test_rules_refuse_outside_window (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autoptr(AuClock) early = NULL;
  g_autoptr(AuOrderManager) manager = NULL;
  g_autofree char *id = NULL;
  AuOrderIntent intent;

  proposal = build_intent (f, &intent, 1);
  early = au_clock_new_stepped (clock_usec () - G_GINT64_CONSTANT (2) * 3600 * G_USEC_PER_SEC);
  manager = au_order_manager_new (f->ledger, f->rules, AU_BROKER (f->client), early, NULL,
                                  &error);
  g_assert_no_error (error);
  id = au_order_manager_submit (manager, &intent, &error);
  g_assert_null (id);
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_REJECTED);
  ibsim_spin (200);
  g_assert_cmpuint (f->recorder.updates->len, ==, 0);
  au_contract_clear (&intent.contract);
}

static gboolean
is_ready (AuIbClient *client)
{
  return au_broker_get_state (AU_BROKER (client)) == AU_BROKER_READY;
}

/* Issue 4: kill the gateway with an order resting, restart it on the same
 * state and port; the client comes back by itself; the restarted engine
 * recovers; the order is matched by its order reference and never sent
 * again; its later fill is booked once. */
static void
test_no_duplicate_after_kill (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *id = NULL;
  g_autofree char *v1 = NULL;
  AuRecoveryReport report = { 0 };
  AuOrderIntent intent;
  AuLedgerSummary before, after;
  AuLedgerOrderState version;
  guint16 port = f->sim->port;
  guint listed = 0;
  gint64 deadline;
  const AuExecution *fill;
  AuMoney premium;

  proposal = build_intent (f, &intent, 1);
  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &before, NULL));
  id = au_order_manager_submit (f->manager, &intent, &error);
  g_assert_no_error (error);
  v1 = g_strconcat (id, "-v1", NULL);
  wait_acknowledged (f, v1);

  /* Both die: the gateway by SIGKILL, the engine with it. */
  ibsim_sim_kill (g_steal_pointer (&f->sim));
  close_engine (f);
  deadline = g_get_monotonic_time () + IBSIM_REPLY_MS * 1000;
  while (is_ready (f->client) && g_get_monotonic_time () < deadline)
    ibsim_spin (20);
  g_assert_false (is_ready (f->client));

  /* The same broker again: same file, same port. The client reconnects
   * with its backoff and handshakes again. */
  f->sim = ibsim_sim_start (f->state, port, NULL);
  deadline = g_get_monotonic_time () + IBSIM_REPLY_MS * 1000;
  while (!is_ready (f->client) && g_get_monotonic_time () < deadline)
    ibsim_spin (20);
  g_assert_true (is_ready (f->client));

  open_engine (f);
  au_order_manager_recover_async (f->manager, NULL, ibsim_store_result, &result);
  g_assert_true (au_order_manager_recover_finish (f->manager, ibsim_await (&result), &report,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.resumed, ==, 1);
  g_assert_cmpuint (report.lost, ==, 0);
  g_assert_cmpuint (report.settled, ==, 0);
  g_assert_cmpuint (report.booked, ==, 0);
  version = ledger_order (f, v1);
  g_assert_cmpstr (version.state, ==, "acknowledged");
  au_ledger_order_state_clear (&version);

  /* The gateway holds it once: nothing was sent again. */
  g_clear_object (&result);
  au_broker_open_orders_async (AU_BROKER (f->client), NULL, ibsim_store_result, &result);
  open = au_broker_open_orders_finish (AU_BROKER (f->client), ibsim_await (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < open->len; i++)
    if (g_str_has_prefix (((AuOrderUpdate *) g_ptr_array_index (open, i))->client_order_id, id))
      listed++;
  g_assert_cmpuint (listed, ==, 1);

  /* The resumed order works on (R0.5) until it fills; booked once. */
  reprice_until_filled (f, id);
  g_assert_cmpuint (gateway_fills (f, id), ==, 1);
  fill = g_ptr_array_index (f->recorder.executions, f->recorder.executions->len - 1);
  premium = fill->price * 100 / (AU_PRICE_SCALE / AU_MONEY_SCALE);
  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &after, NULL));
  g_assert_cmpint (after.options_written - before.options_written, ==, premium);
  g_assert_cmpint (after.cash - before.cash, ==, premium - fill->commission);

  /* A second recovery finds nothing to do and books nothing. */
  g_clear_object (&result);
  au_order_manager_recover_async (f->manager, NULL, ibsim_store_result, &result);
  g_assert_true (au_order_manager_recover_finish (f->manager, ibsim_await (&result), &report,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.booked, ==, 0);
  g_assert_cmpuint (report.resumed, ==, 0);
  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &before, NULL));
  g_assert_cmpint (before.cash, ==, after.cash);
  au_contract_clear (&intent.contract);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ibsim/orders/life", Fixture, NULL, fixture_set_up, test_order_life,
              fixture_tear_down);
  g_test_add ("/ibsim/orders/rules-refuse-outside-window", Fixture, NULL, fixture_set_up,
              test_rules_refuse_outside_window, fixture_tear_down);
  g_test_add ("/ibsim/orders/no-duplicate-after-kill", Fixture, NULL, fixture_set_up,
              test_no_duplicate_after_kill, fixture_tear_down);
  return g_test_run ();
}

/* test-ibsim-week.c: the whole autopilot against alluse-gateway-sim through
 * an accelerated trading week, then the ledger's partitions against the
 * simulator's account (D3, D4, R9.1; issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ibsim-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "au-autopilot.h"
#include "au-earnings-store.h"
#include "au-market-calendar.h"
#include "au-money.h"
#include "au-reconcile.h"
#include "ibsim-harness.h"

/* Monday 16 November 2026, 09:00 New York time, through Friday: a full
 * week with no holiday, Com-Acc's Monday window (share lots, then
 * covered calls: R4.1, D2.19), Rev's Wednesday and Gen's Thursday puts
 * (possible over IB only with imported earnings dates, D2.28), the
 * Friday manage window, the close where the simulator settles the
 * week's expiring options, and the weekly cut (16:30, R1.2). */
#define WEEK_START   "2026-11-16T09:00:00-05:00"
#define CAPITAL      "300000"
#define KILL_DAY     18          /* Wednesday, 10:00 */
#define RESTART_MS   400
/* The end: Friday 17:00, after the close's expiries and assignments
 * (R7) and the weekly cut. */
#define END_OF_WEEK  et_usec (20, 17, 0)

/* The calendar imported before the week, dated at its start (the
 * simulator's clock is not the wall clock): NVDA reports on the
 * Wednesday, so R1.3 allows no NVDA put this week; the ETFs have no
 * report ahead; META (Com-Acc's only) is left out. */
static const char earnings_csv[] =
  "symbol,date\n"
  "AAPL,2027-01-28\n"
  "MSFT,2027-01-27\n"
  "AMZN,2027-02-04\n"
  "GOOG,2027-02-02\n"
  "GOOGL,2027-02-02\n"
  "NVDA,2026-11-18\n"
  "TSLA,2027-01-27\n"
  "SPY,\n"
  "QQQ,\n"
  "IWM,\n";

/* The pace of the week, the gateway's clock and the engine's alike
 * (simulated seconds per real second). Where the autopilot fetches a
 * chain and orders from it, slowly: IB's answers take real time, and
 * quotes older than 300 simulated seconds allow no entry (D2.7). Where
 * it only watches, fast; where the market is closed, faster still. */
typedef struct
{
  int         day;
  int         hour;
  int         minute;
  const char *speed;
} Pace;

static const Pace week_paces[] = {
  { 16,  9,  0, "600" },      /* start-up, its reconciliation, the 09:30 ATR */
  { 16,  9, 43, "40" },       /* Com-Acc's window: share lots, then calls */
  { 16,  9, 58, "6000" },
  { 16, 16,  5, "100000" },
  { 17,  9, 20, "6000" },
  { 17, 16,  5, "100000" },
  { 18,  9, 20, "6000" },
  { 18,  9, 43, "20" },       /* Rev's window: puts on chains fetched over IB, their
                               * open interest gathered line by line (seconds of real
                               * time on a loaded machine) */
  { 18,  9, 58, "6000" },
  { 18, 16,  5, "100000" },
  { 19,  9, 20, "6000" },
  { 19,  9, 43, "20" },       /* Gen's window, as Rev's */
  { 19,  9, 58, "6000" },
  { 19, 16,  5, "100000" },
  { 20,  9, 20, "6000" },
  { 20, 14, 25, "300" },      /* the Friday manage window opens at 14:30 */
  { 20, 14, 45, "3000" },
  { 20, 15, 55, "300" },      /* the close: expiries, assignments, the cut */
};

typedef struct
{
  char           *state;
  char           *dir;
  char           *db_path;
  IbsimSim       *sim;
  guint16         port;
  AuConstitution *constitution;
  AuDatabase     *db;
  AuAuditLog     *audit;
  AuLedger       *ledger;
  AuRulesEngine  *rules;
  AuIbClient     *client;
  AuClock        *clock;
  AuAutopilot    *autopilot;
  AuBrokerState   broker_state;
  gboolean        broker_lost;
  guint           n_reconciled;
  guint           n_mismatches;
  guint           n_orders;
  guint           n_expiries;  /* expiries and assignments booked (R7) */
  guint           n_assignments;
  GPtrArray      *lines;       /* "kind: message", for a failure's diagnosis */
  guint           pace;        /* the index of the pace in force */
} Week;

static gint64
et_usec (int day,
         int hour,
         int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (au_eastern_time_zone (), 2026, 11, day, hour,
                                               minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
on_event (AuEngineWorkload *workload,
          AuEngineEvent    *event,
          gpointer          user_data)
{
  Week *w = user_data;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (event->time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) eastern = g_date_time_to_timezone (utc, au_eastern_time_zone ());
  g_autofree char *when = g_date_time_format (eastern, "%a %H:%M:%S");

  g_ptr_array_add (w->lines, g_strdup_printf ("%s %s: %s", when, event->kind, event->message));
  g_test_message ("%s %s: %s", when, event->kind, event->message);
  if (g_strcmp0 (event->kind, "reconciled") == 0)
    w->n_reconciled++;
  else if (g_strcmp0 (event->kind, "reconcile-mismatch") == 0)
    w->n_mismatches++;
  else if (g_strcmp0 (event->kind, "order") == 0)
    w->n_orders++;
  else if (g_strcmp0 (event->kind, "assignment") == 0
           || g_strcmp0 (event->kind, "called-away") == 0)
    w->n_assignments++;
}

static void
send_command (Week                *w,
              AuEngineCommandKind  kind,
              const char          *reason)
{
  g_autoptr(AuEngineCommand) command = au_engine_command_new (kind, "engine", reason);

  au_autopilot_command (w->autopilot, command);
}

/* What the engine thread does on the broker's state (au-engine-thread.c):
 * SAFE while it is away (R8.8); back, the clock re-read from the gateway
 * (D4) and a reconciliation (R9.1). */
static void
on_broker_state (AuBroker *broker,
                 gpointer  user_data)
{
  Week *w = user_data;
  AuBrokerState state = au_broker_get_state (broker);

  if (state == w->broker_state)
    return;
  w->broker_state = state;
  if ((state == AU_BROKER_DISCONNECTED || state == AU_BROKER_DEGRADED) && !w->broker_lost)
    {
      w->broker_lost = TRUE;
      send_command (w, AU_ENGINE_COMMAND_SAFE, "the connection to the broker was lost");
    }
  else if (state == AU_BROKER_READY && w->broker_lost)
    {
      w->broker_lost = FALSE;
      au_clock_rebase (w->clock, au_broker_get_now (broker));
      send_command (w, AU_ENGINE_COMMAND_RECONCILE, "the broker reconnected");
    }
}

/* The simulator on the week's state file and port, its clock from
 * @clock (a restarted one resumes at the later of it and its saved
 * clock, as a real gateway's wall clock runs on while it is down). */
static void
week_start_sim (Week       *w,
                const char *clock)
{
  w->sim = ibsim_sim_start (w->state, w->port, "--clock", clock, "--speed",
                            week_paces[w->pace].speed, "--no-demo", "--cash", CAPITAL, NULL);
  w->port = w->sim->port;
}

/* The next pace once the engine's clock has reached it: the gateway's
 * and the engine's clocks change together. */
static void
follow_paces (Week *w)
{
  const Pace *next;
  gint64 from;

  if (w->pace + 1 >= G_N_ELEMENTS (week_paces))
    return;
  next = &week_paces[w->pace + 1];
  if (au_clock_get_now (w->clock) < et_usec (next->day, next->hour, next->minute))
    return;
  w->pace++;
  from = ibsim_sim_set_speed (w->sim, next->speed);
  /* The engine's clock from the very instant the gateway's changed pace
   * (D4): no drift accumulates over the week's changes. */
  au_clock_set_speed (w->clock, g_ascii_strtod (next->speed, NULL));
  au_clock_rebase (w->clock, from);
}

/* D2.28: the user's CSV, imported as `alluse-cli earnings import
 * --as-of` does, answers the IB client's calendar requests. */
static void
import_earnings (Week *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuEarningsStore) store = au_earnings_store_new (w->db, &error);
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (WEEK_START, NULL);
  guint n_symbols = 0, n_dates = 0;

  g_assert_no_error (error);
  g_assert_true (au_earnings_store_import (store, earnings_csv, strlen (earnings_csv),
                                           g_date_time_to_unix (start) * G_USEC_PER_SEC,
                                           &n_symbols, &n_dates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_symbols, ==, 10);
  g_assert_cmpuint (n_dates, ==, 7);
  au_ib_client_set_earnings_store (w->client, store);
}

/* The ::expiry events the client reports (R7). */
static void
on_expiry (AuBroker            *broker,
           const AuExpiryEvent *event,
           gpointer             user_data)
{
  Week *w = user_data;
  g_autofree char *what = au_contract_describe (&event->contract);

  g_test_message ("expiry event: %s × %" G_GINT64_FORMAT " outcome %d (%s)", what,
                  event->contracts, event->outcome, event->reference);
  w->n_expiries++;
}

static void
week_open (Week *w)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  AuAutopilotConfig config = { 0 };

  memset (w, 0, sizeof *w);
  w->lines = g_ptr_array_new_with_free_func (g_free);
  w->state = ibsim_temp_state ();
  w->dir = g_path_get_dirname (w->state);
  w->db_path = g_build_filename (w->dir, "autopilot.db", NULL);
  week_start_sim (w, WEEK_START);

  w->client = au_ib_client_new ("127.0.0.1", w->port, 1);
  /* A restarted simulator is back within a second: retry quickly. The
   * simulator has no pacing limit; at these speeds IB's would stretch a
   * chain over simulated hours. */
  au_ib_client_set_timeouts (w->client, 3000, 200, 6000);
  au_ib_client_set_pacing (w->client, 2000);
  au_broker_connect_async (AU_BROKER (w->client), NULL, ibsim_store_result, &result);
  g_assert_true (au_broker_connect_finish (AU_BROKER (w->client), ibsim_await (&result), &error));
  g_assert_no_error (error);
  w->broker_state = AU_BROKER_READY;
  g_signal_connect (w->client, "state-changed", G_CALLBACK (on_broker_state), w);
  g_signal_connect (w->client, "expiry", G_CALLBACK (on_expiry), w);

  /* D4: the engine's clock is the gateway's, at the pace of the week. */
  w->clock = au_clock_new_simulated (au_broker_get_now (AU_BROKER (w->client)),
                                     g_ascii_strtod (week_paces[0].speed, NULL));
  au_ib_client_set_clock (w->client, w->clock);
  g_assert_cmpint (au_clock_get_now (w->clock), >=, et_usec (16, 9, 0));
  g_assert_cmpint (au_clock_get_now (w->clock), <, et_usec (16, 9, 30));

  w->constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  w->db = au_database_open (w->db_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  w->audit = au_audit_log_new (w->db, &error);
  g_assert_no_error (error);
  w->ledger = au_ledger_new (w->db, w->constitution, &error);
  g_assert_no_error (error);
  w->rules = au_rules_engine_new (w->constitution, w->audit);
  import_earnings (w);

  config.constitution = w->constitution;
  config.database = w->db;
  config.ledger = w->ledger;
  config.audit = w->audit;
  config.rules = w->rules;
  config.broker = AU_BROKER (w->client);
  config.clock = w->clock;
  g_assert_true (au_money_parse (CAPITAL, &config.capital, NULL));
  config.unattended = TRUE;
  w->autopilot = au_autopilot_new (&config, &error);
  g_assert_no_error (error);
  g_signal_connect (w->autopilot, "event", G_CALLBACK (on_event), w);
  g_assert_true (au_autopilot_start (w->autopilot, &error));
  g_assert_no_error (error);
}

static void
week_close (Week *w)
{
  if (w->autopilot != NULL)
    au_autopilot_stop (w->autopilot);
  g_clear_object (&w->autopilot);
  if (w->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (w->client, w);
      au_broker_disconnect (AU_BROKER (w->client));
    }
  g_clear_object (&w->client);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&w->rules);
  g_clear_object (&w->ledger);
  g_clear_object (&w->audit);
  g_clear_object (&w->db);
  g_clear_object (&w->constitution);
  g_clear_object (&w->clock);
  if (w->sim != NULL)
    ibsim_sim_kill (w->sim);
  g_unlink (w->db_path);
  ibsim_remove_state (w->state);
  g_free (w->db_path);
  g_free (w->dir);
  g_free (w->state);
  g_ptr_array_unref (w->lines);
}

/* Spins until the engine's clock reads @usec. */
static void
run_until (Week   *w,
           gint64  usec)
{
  while (au_clock_get_now (w->clock) < usec)
    {
      guint ms = (guint) CLAMP (au_clock_real_delay_until (w->clock, usec) / 1000, 1, 20);

      ibsim_spin (ms);
      follow_paces (w);
    }
}

/* The simulator's own view, through a second client (id 7): every
 * position of the account and its cash. */
static void
broker_view (Week       *w,
             GPtrArray **positions,
             AuMoney    *cash)
{
  g_autoptr(AuIbClient) probe = ibsim_client_connect (w->port, 7, 500);
  g_autoptr(GAsyncResult) got_positions = NULL;
  g_autoptr(GAsyncResult) got_account = NULL;
  g_autoptr(AuBrokerAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  au_broker_positions_async (AU_BROKER (probe), NULL, ibsim_store_result, &got_positions);
  *positions = au_broker_positions_finish (AU_BROKER (probe), ibsim_await (&got_positions),
                                           &error);
  g_assert_no_error (error);
  au_broker_account_async (AU_BROKER (probe), NULL, ibsim_store_result, &got_account);
  account = au_broker_account_finish (AU_BROKER (probe), ibsim_await (&got_account), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->account, ==, IBSIM_ACCOUNT);
  *cash = account->cash;
  au_broker_disconnect (AU_BROKER (probe));
}

/* D3: every contract summed over the ledger's partitions equals the
 * simulator's position, and the cash agrees within $1. */
static void
assert_books_agree (Week *w)
{
  g_autoptr(GPtrArray) positions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  AuReconcileReport report = { 0 };
  AuMoney cash = 0;

  broker_view (w, &positions, &cash);
  g_assert_true (au_reconcile_compare (w->ledger, positions, cash, &report, &error));
  g_assert_no_error (error);
  described = au_reconcile_report_describe (&report);
  g_test_message ("end of week: %u position(s) held, %s", positions->len, described);
  if (!au_reconcile_report_ok (&report))
    for (guint i = 0; i < w->lines->len; i++)
      g_printerr ("%s\n", (const char *) g_ptr_array_index (w->lines, i));
  g_assert_true (report.positions_ok);
  g_assert_cmpuint (report.mismatches->len, ==, 0);
  g_assert_cmpint (ABS (report.cash_difference), <=, AU_RECONCILE_CASH_TOLERANCE);
  /* Something traded: the week is not an empty account matching itself. */
  g_assert_cmpint (cash, <, 300000 * AU_MONEY_SCALE);
  au_reconcile_report_clear (&report);
}

/* The simulator's saved book (FILE.gateway): how many orders carry each
 * order reference. None twice (issue 4: never sent twice). */
static guint
count_orders_by_ref (Week *w,
                     guint *duplicates)
{
  g_autofree char *book = g_strconcat (w->state, ".gateway", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  JsonArray *orders;

  g_assert_true (json_parser_load_from_file (parser, book, &error));
  g_assert_no_error (error);
  orders = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "orders");
  *duplicates = 0;
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      const char *ref = json_object_get_string_member (json_array_get_object_element (orders, i),
                                                       "order_ref");

      g_assert_nonnull (ref);
      g_assert_cmpstr (ref, !=, "");
      if (!g_hash_table_add (refs, (gpointer) ref))
        {
          g_printerr ("order reference %s was sent twice\n", ref);
          (*duplicates)++;
        }
    }
  return json_array_get_length (orders);
}

/* Sell orders of puts at the simulator (CSPs), of @symbol or any. */
static guint
count_puts_sold (Week       *w,
                 const char *symbol)
{
  g_autofree char *book = g_strconcat (w->state, ".gateway", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *orders;
  guint n = 0;

  g_assert_true (json_parser_load_from_file (parser, book, &error));
  g_assert_no_error (error);
  orders = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "orders");
  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonObject *o = json_array_get_object_element (orders, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "right", ""), "P") == 0
          && g_strcmp0 (json_object_get_string_member_with_default (o, "side", ""), "SELL") == 0
          && (symbol == NULL
              || g_strcmp0 (json_object_get_string_member_with_default (o, "symbol", ""),
                            symbol) == 0))
        n++;
    }
  return n;
}

/* After the close's expiries: the engine reconciles once more (as it
 * does on every reconnect) and it must MATCH (R9.1). */
static void
reconcile_after_close (Week *w)
{
  guint before = w->n_reconciled;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  send_command (w, AU_ENGINE_COMMAND_RECONCILE, "after the week's expiries");
  while (w->n_reconciled == before && w->n_mismatches == 0 && g_get_monotonic_time () < end)
    ibsim_spin (20);
  g_assert_cmpuint (w->n_mismatches, ==, 0);
  g_assert_cmpuint (w->n_reconciled, >, before);
}

/* The engine's own reconciliation: audited as a MATCH, never a MISMATCH. */
static void
assert_engine_reconciled (Week  *w,
                          guint  at_least)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = au_audit_log_list (w->db, 0, &error);
  guint matches = 0, mismatches = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (r->kind, "reconcile") != 0)
        continue;
      if (g_strcmp0 (r->verdict, "MATCH") == 0)
        matches++;
      else
        mismatches++;
    }
  g_assert_cmpuint (mismatches, ==, 0);
  g_assert_cmpuint (matches, >=, at_least);
  g_assert_cmpuint (w->n_reconciled, >=, at_least);
  g_assert_cmpuint (w->n_mismatches, ==, 0);
}

static void
test_week (void)
{
  Week w;
  guint orders, duplicates;

  week_open (&w);
  run_until (&w, END_OF_WEEK);
  g_assert_cmpint (au_autopilot_get_state (w.autopilot, NULL), !=, AU_SYSTEM_SAFE);

  /* Com-Acc's share lots went out (and filled: the cash moved). */
  g_assert_cmpuint (w.n_orders, >, 0);
  /* D2.28: with the imported calendar, Gen and Rev wrote puts over IB;
   * none on NVDA, which reports this week (R1.3). */
  g_test_message ("%u put(s) sold, %u expiry event(s), %u assignment(s) booked",
                  count_puts_sold (&w, NULL), w.n_expiries, w.n_assignments);
  g_assert_cmpuint (count_puts_sold (&w, NULL), >, 0);
  g_assert_cmpuint (count_puts_sold (&w, "NVDA"), ==, 0);
  /* R7: the week's options left the account at the close and the IB
   * client reported them; the ledger booked them and still agrees. */
  g_assert_cmpuint (w.n_expiries, >, 0);
  reconcile_after_close (&w);
  g_assert_cmpint (au_autopilot_get_state (w.autopilot, NULL), !=, AU_SYSTEM_SAFE);
  assert_books_agree (&w);
  assert_engine_reconciled (&w, 2);
  orders = count_orders_by_ref (&w, &duplicates);
  g_test_message ("%u order(s) at the simulator", orders);
  g_assert_cmpuint (orders, >, 0);
  g_assert_cmpuint (duplicates, ==, 0);
  week_close (&w);
}

/* kill -9 mid-week; the same state file and port make the same broker
 * (D4); the autopilot reconnects, reconciles and finishes the week. */
static void
test_week_with_restart (void)
{
  Week w;
  guint before, orders, duplicates, reconciled;

  week_open (&w);
  run_until (&w, et_usec (KILL_DAY, 10, 0));
  before = count_orders_by_ref (&w, &duplicates);
  g_assert_cmpuint (duplicates, ==, 0);
  reconciled = w.n_reconciled;

  ibsim_sim_kill (w.sim);
  w.sim = NULL;
  ibsim_spin (RESTART_MS);
  g_assert_cmpint (au_broker_get_state (AU_BROKER (w.client)), !=, AU_BROKER_READY);
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (au_clock_get_now (w.clock)
                                                              / G_USEC_PER_SEC);
    g_autofree char *now = g_date_time_format_iso8601 (utc);

    week_start_sim (&w, now);
  }

  run_until (&w, END_OF_WEEK);
  g_assert_cmpint (au_autopilot_get_state (w.autopilot, NULL), !=, AU_SYSTEM_SAFE);
  /* Reconciled again after the restart, and it matched. */
  g_assert_cmpuint (w.n_reconciled, >, reconciled);
  g_assert_cmpuint (w.n_expiries, >, 0);
  reconcile_after_close (&w);

  assert_books_agree (&w);
  assert_engine_reconciled (&w, 2);
  orders = count_orders_by_ref (&w, &duplicates);
  g_test_message ("%u order(s) at the simulator, %u before the kill", orders, before);
  g_assert_cmpuint (orders, >=, before);
  g_assert_cmpuint (duplicates, ==, 0);
  week_close (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ibsim/week/reconciles", test_week);
  g_test_add_func ("/ibsim/week/restart-reconciles", test_week_with_restart);
  return g_test_run ();
}

/* orders-manager-fixture.h: the order manager on a scripted broker, for the orders tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "au-audit-log.h"
#include "au-ledger.h"
#include "au-order-manager.h"
#include "fake-broker.h"
#include "orders-test-util.h"

/* check's sample (D2.21): a Gen CSP on AAPL, approved on Thursday
 * 2026-11-19 at 10:15 ET. The manager overwrites time, size and limit. */
#define SAMPLE \
  "{\"account\": \"gen\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"AAPL\"," \
  " \"right\": \"P\", \"strike\": 200.0, \"expiry\": \"2026-11-20\", \"delta\": -0.42," \
  " \"contracts\": 1, \"limit\": 1.12, \"time\": \"2026-11-19T10:15:00-05:00\"," \
  " \"quote\": {\"bid\": 1.10, \"ask\": 1.14, \"open_interest\": 1200, \"volume\": 450," \
  "            \"avg_daily_volume\": %s}," \
  " \"account_state\": {\"equity\": %s, \"cash\": %s, \"margin_used\": 0.00," \
  "                   \"symbol_exposure\": {\"AAPL\": 0.00}, \"shares_held\": {\"AAPL\": 0}," \
  "                   \"high_water_mark\": %s}," \
  " \"market\": {\"spot\": 205.00, \"atr5\": 4.00, \"vix\": 18.5," \
  "            \"earnings_this_week\": false}}"

typedef struct
{
  char           *dir;
  char           *path;
  AuConstitution *constitution;
  AuDatabase     *db;
  AuLedger       *ledger;
  AuAuditLog     *audit;
  AuRulesEngine  *rules;
  AuClock        *clock;
  FakeBroker     *broker;
  AuOrderManager *manager;
  AuLedgerTree    tree;
} Fixture;

static inline void
fixture_open_manager (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->db = au_database_open (f->path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  f->ledger = au_ledger_new (f->db, f->constitution, &error);
  g_assert_no_error (error);
  f->audit = au_audit_log_new (f->db, &error);
  g_assert_no_error (error);
  f->rules = au_rules_engine_new (f->constitution, f->audit);
  f->manager = au_order_manager_new (f->ledger, f->rules, AU_BROKER (f->broker), f->clock, NULL,
                                     &error);
  g_assert_no_error (error);
}

/* A crash: the engine's objects go, the broker and the file stay. */
static inline void
fixture_close_manager (Fixture *f)
{
  g_clear_object (&f->manager);
  g_clear_object (&f->rules);
  g_clear_object (&f->audit);
  g_clear_object (&f->ledger);
  g_clear_object (&f->db);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = NULL;
  const char *deposit = data != NULL ? data : "3000000.00";

  f->dir = g_dir_make_tmp ("alluse-orders-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->constitution = orders_test_constitution ();
  f->clock = au_clock_new_stepped (et_usec (2026, 11, 19, 10, 15));
  f->broker = fake_broker_new (f->clock);
  fixture_open_manager (f);

  opened = g_date_time_new_from_iso8601 ("2026-11-02T14:00:00Z", NULL);
  g_assert_true (au_ledger_create_tree (f->ledger, M (deposit), opened, &f->tree, &error));
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  fixture_close_manager (f);
  g_clear_object (&f->broker);
  g_clear_object (&f->clock);
  g_clear_object (&f->constitution);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static inline JsonNode *
proposal (const char *equity,
          const char *adv)
{
  g_autofree char *text = g_strdup_printf (SAMPLE, adv, equity, equity, equity);

  return json_from_string (text, NULL);
}

/* A short put on AAPL 200 2026-11-20 at the sample's 1.10/1.14. */
static inline AuOrderIntent
csp_intent (Fixture  *f,
            gint64    contracts,
            JsonNode *node)
{
  AuOrderIntent intent = { 0 };
  GDate expiry = ymd (2026, 11, 20);

  intent.account_id = f->tree.gen;
  au_contract_init_option (&intent.contract, "AAPL", AU_OPTION_PUT, P ("200"), &expiry);
  intent.side = AU_SIDE_SELL;
  intent.purpose = AU_ORDER_PURPOSE_OPEN;
  intent.quantity = contracts;
  intent.bid = P ("1.10");
  intent.ask = P ("1.14");
  intent.rule_reference = "R2.2";
  intent.proposal = node;
  return intent;
}

static inline char *
submit_csp (Fixture *f,
            gint64   contracts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = proposal ("1200000.00", "900");
  AuOrderIntent intent = csp_intent (f, contracts, node);
  char *id = au_order_manager_submit (f->manager, &intent, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  au_contract_clear (&intent.contract);
  return id;
}

static inline AuLedgerOrderState
ledger_order (Fixture    *f,
              const char *client_order_id)
{
  g_autoptr(GError) error = NULL;
  AuLedgerOrderState state;

  g_assert_true (au_ledger_get_order (f->ledger, client_order_id, &state, &error));
  g_assert_no_error (error);
  return state;
}

static inline void
assert_ledger_state (Fixture    *f,
                     const char *client_order_id,
                     const char *expected,
                     gint64      filled)
{
  AuLedgerOrderState state = ledger_order (f, client_order_id);

  g_assert_cmpstr (state.state, ==, expected);
  g_assert_cmpint (state.filled_quantity, ==, filled);
  au_ledger_order_state_clear (&state);
}

static inline void
advance (Fixture *f,
         gint64   usec)
{
  g_assert_true (au_clock_advance_to (f->clock, au_clock_get_now (f->clock) + usec));
  au_order_manager_tick (f->manager);
}

static inline AuOrderStatus
status (Fixture    *f,
        const char *id)
{
  AuOrderStatus s;

  g_assert_true (au_order_manager_get_status (f->manager, id, &s));
  return s;
}

static inline void
on_recovered (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AuRecoveryReport *report = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_order_manager_recover_finish (AU_ORDER_MANAGER (source), result, report,
                                                  &error));
  g_assert_no_error (error);
  report->resumed += 1000;   /* marks the callback as run */
}

static inline AuRecoveryReport
recover (Fixture *f)
{
  AuRecoveryReport report = { 0 };

  au_order_manager_recover_async (f->manager, NULL, on_recovered, &report);
  while (report.resumed < 1000)
    g_main_context_iteration (NULL, TRUE);
  report.resumed -= 1000;
  return report;
}

/* The client order id of @parent's version @n: "…-v2". */
static inline char *
version (const char *parent,
         guint       n)
{
  return g_strdup_printf ("%s-v%u", parent, n);
}

/* Runs the main context until nothing is pending: the manager's broker
 * queries answer there. */
static inline void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The clock @usec on, a tick, and the broker's answers heard. */
static inline void
settle (Fixture *f,
        gint64   usec)
{
  advance (f, usec);
  drain ();
}

/* What the broker got as @client_order_id, or NULL. */
static inline const AuOrderRequest *
sent_as (Fixture    *f,
         const char *client_order_id)
{
  for (guint i = 0; i < fake_broker_get_n_sent (f->broker); i++)
    {
      const AuOrderRequest *sent = fake_broker_get_sent (f->broker, i);

      if (g_str_equal (sent->client_order_id, client_order_id))
        return sent;
    }
  return NULL;
}

/* The broker got @client_order_id for @quantity at @limit. */
static inline void
assert_sent (Fixture    *f,
             const char *client_order_id,
             gint64      quantity,
             AuPrice     limit)
{
  const AuOrderRequest *sent = sent_as (f, client_order_id);

  g_assert_nonnull (sent);
  g_assert_cmpint (sent->quantity, ==, quantity);
  g_assert_cmpint (sent->limit, ==, limit);
}

static inline gint64
ledger_filled (Fixture    *f,
               const char *client_order_id)
{
  AuLedgerOrderState state = ledger_order (f, client_order_id);
  gint64 filled = state.filled_quantity;

  au_ledger_order_state_clear (&state);
  return filled;
}

static inline void
assert_order (Fixture      *f,
              const char   *id,
              AuOrderState  state,
              gint64        filled)
{
  AuOrderStatus s = status (f, id);

  g_assert_cmpint (s.state, ==, state);
  g_assert_cmpint (s.filled, ==, filled);
  au_order_status_clear (&s);
}

/* R6.4, D2.25: an L3 buy-back of @contracts of the sample CSP, priced
 * by the manager's quote function. Returns: the order's id. */
static inline char *
submit_l3_exit (Fixture *f,
                gint64   contracts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("{\"account\": \"gen\", \"action\": \"exit\", "
                                           "\"symbol\": \"AAPL\", \"contracts\": %"
                                           G_GINT64_FORMAT ", \"time\": "
                                           "\"2026-11-19T10:15:00-05:00\"}", contracts);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  AuOrderIntent intent = csp_intent (f, contracts, node);
  char *id;

  intent.side = AU_SIDE_BUY;
  intent.purpose = AU_ORDER_PURPOSE_L3_EXIT;
  intent.rule_reference = "R6.4";
  id = au_order_manager_submit (f->manager, &intent, &error);
  au_contract_clear (&intent.contract);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

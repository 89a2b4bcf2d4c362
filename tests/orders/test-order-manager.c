/* test-order-manager.c: intents to orders through a scripted broker, exactly once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "au-audit-log.h"
#include "au-ledger.h"
#include "au-market-symbol.h"
#include "au-order-manager.h"
#include "au-orders-error.h"
#include "orders-manager-fixture.h"

/* R0.4: above 50 contracts, child orders. */
static void
test_slices (void)
{
  struct {
    gint64 quantity;
    gint64 sizes[4];
  } cases[] = {
    { 120, { 50, 50, 20, 0 } },
    { 50, { 50, 0 } },
    { 51, { 50, 1, 0 } },
    { 1, { 1, 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) slices = au_order_slices (cases[i].quantity, 50);
      guint n = 0;

      while (cases[i].sizes[n] != 0)
        n++;
      g_assert_cmpuint (slices->len, ==, n);
      for (guint s = 0; s < n; s++)
        g_assert_cmpint (g_array_index (slices, gint64, s), ==, cases[i].sizes[s]);
    }
}

/* The intent is in the ledger before the broker hears of it; the ack and
 * the fill are recorded; a re-delivered execution is booked once. */
static void
test_fill_booked_once (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = submit_csp (f, 1);
  g_autofree char *expected = g_strdup_printf ("gen%" G_GINT64_FORMAT "-20261119-1", f->tree.gen);
  g_autofree char *v1 = g_strconcat (expected, "-v1", NULL);
  g_autofree char *second = NULL;
  const AuOrderRequest *sent;
  AuLedgerOrderState parent;
  AuLedgerSummary summary;
  AuOrderStatus s;

  g_assert_cmpstr (id, ==, expected);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  sent = fake_broker_get_sent (f->broker, 0);
  g_assert_cmpstr (sent->client_order_id, ==, v1);
  g_assert_cmpint (sent->quantity, ==, 1);
  g_assert_cmpint (sent->limit, ==, P ("1.12"));   /* R0.5: mid */
  g_assert_true (sent->side == AU_SIDE_SELL);

  parent = ledger_order (f, id);
  g_assert_cmpint (parent.quantity, ==, 1);
  g_assert_cmpstr (parent.rule_reference, ==, "R2.2");
  au_ledger_order_state_clear (&parent);
  assert_ledger_state (f, v1, "submitted", 0);

  fake_broker_ack (f->broker, v1);
  assert_ledger_state (f, v1, "acknowledged", 0);
  parent = ledger_order (f, v1);
  g_assert_cmpstr (parent.broker_order_id, ==, "1001");
  g_assert_cmpstr (parent.parent_client_order_id, ==, id);
  au_ledger_order_state_clear (&parent);

  fake_broker_fill (f->broker, v1, 1, P ("1.12"), TRUE);
  fake_broker_redeliver (f->broker, 0);
  fake_broker_redeliver (f->broker, 0);
  assert_ledger_state (f, v1, "filled", 1);

  /* $112 premium less $0.65 commission, once. */
  g_assert_true (au_ledger_get_summary (f->ledger, f->tree.gen, &summary, NULL));
  g_assert_cmpint (summary.cash, ==, M ("1200000.00") + M ("112.00") - 65);
  g_assert_cmpint (summary.options_written, ==, M ("112.00"));
  g_assert_cmpint (summary.commissions, ==, 65);

  s = status (f, id);
  g_assert_cmpint (s.state, ==, AU_ORDER_FILLED);
  g_assert_cmpint (s.filled, ==, 1);
  g_assert_cmpuint (au_order_manager_get_n_active (f->manager), ==, 0);
  au_order_status_clear (&s);

  /* The next decision of the day takes the next sequence number. */
  second = submit_csp (f, 1);
  g_assert_true (g_str_has_suffix (second, "-20261119-2"));
}

/* R0.6: no acknowledgement within 3 s: cancel, and "-v2" at the same
 * price for the same quantity once the broker confirms the cancel, not
 * before: the acknowledgement may have been lost with v1 live. At
 * 2.999 s nothing happens. */
static void
test_no_ack_cancel_replace (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = submit_csp (f, 2);
  g_autofree char *v1 = g_strconcat (id, "-v1", NULL);
  g_autofree char *v2 = g_strconcat (id, "-v2", NULL);
  const AuOrderRequest *sent;

  advance (f, 2999999);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 0);

  advance (f, 1);
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 1);
  g_assert_cmpstr (fake_broker_get_cancel (f->broker, 0), ==, v1);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  assert_ledger_state (f, v1, "submitted", 0);

  fake_broker_confirm_cancels (f->broker);
  assert_ledger_state (f, v1, "cancelled", 0);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
  sent = fake_broker_get_sent (f->broker, 1);
  g_assert_cmpstr (sent->client_order_id, ==, v2);
  g_assert_cmpint (sent->quantity, ==, 2);
  g_assert_cmpint (sent->limit, ==, P ("1.12"));
  assert_ledger_state (f, v2, "submitted", 0);
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);

  g_assert_cmpuint (au_order_manager_get_n_active (f->manager), ==, 1);
  fake_broker_ack (f->broker, v2);
  fake_broker_fill (f->broker, v2, 2, P ("1.12"), TRUE);
  assert_ledger_state (f, v2, "filled", 2);
  g_assert_cmpuint (au_order_manager_get_n_active (f->manager), ==, 0);
}

/* Partial fills, then R0.5's re-pricing one cent toward the bid per 3 s,
 * never past the bid nor 5% below mid: 1.12, 1.11, 1.10, then it rests. */
static void
test_partial_fill_and_reprice (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = submit_csp (f, 5);
  g_autofree char *v1 = g_strconcat (id, "-v1", NULL);
  g_autofree char *v2 = g_strconcat (id, "-v2", NULL);
  g_autofree char *v3 = g_strconcat (id, "-v3", NULL);
  const AuOrderRequest *sent;
  AuOrderStatus s;

  fake_broker_ack (f->broker, v1);
  fake_broker_fill (f->broker, v1, 2, P ("1.12"), TRUE);
  assert_ledger_state (f, v1, "partially_filled", 2);
  s = status (f, id);
  g_assert_cmpint (s.state, ==, AU_ORDER_PARTIALLY_FILLED);
  g_assert_cmpint (s.filled, ==, 2);
  au_order_status_clear (&s);

  advance (f, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 1);
  /* The replacement waits for the cancel's confirmation. */
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  fake_broker_confirm_cancels (f->broker);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
  sent = fake_broker_get_sent (f->broker, 1);
  g_assert_cmpstr (sent->client_order_id, ==, v2);
  g_assert_cmpint (sent->quantity, ==, 3);
  g_assert_cmpint (sent->limit, ==, P ("1.11"));

  fake_broker_ack (f->broker, v2);
  advance (f, 3 * G_USEC_PER_SEC);
  fake_broker_confirm_cancels (f->broker);
  sent = fake_broker_get_sent (f->broker, 2);
  g_assert_cmpstr (sent->client_order_id, ==, v3);
  g_assert_cmpint (sent->limit, ==, P ("1.10"));

  /* At the bid: no further re-price. */
  fake_broker_ack (f->broker, v3);
  advance (f, 3 * G_USEC_PER_SEC);
  advance (f, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 3);

  fake_broker_fill (f->broker, v3, 3, P ("1.10"), TRUE);
  s = status (f, id);
  g_assert_cmpint (s.state, ==, AU_ORDER_FILLED);
  g_assert_cmpint (s.filled, ==, 5);
  au_order_status_clear (&s);
}

/* A rejection is recorded with its reason; a refusal at sending too. */
static void
test_rejection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = proposal ("1200000.00", "900");
  g_autofree char *id = submit_csp (f, 1);
  g_autofree char *v1 = g_strconcat (id, "-v1", NULL);
  AuOrderIntent intent;
  AuLedgerOrderState state;
  AuOrderStatus s;
  char *refused;

  fake_broker_reject (f->broker, v1, "no trading permission for AAPL options");
  state = ledger_order (f, v1);
  g_assert_cmpstr (state.state, ==, "rejected");
  au_ledger_order_state_clear (&state);
  s = status (f, id);
  g_assert_cmpint (s.state, ==, AU_ORDER_REJECTED);
  g_assert_cmpstr (s.reason, ==, "no trading permission for AAPL options");
  au_order_status_clear (&s);

  fake_broker_refuse_next (f->broker, "not connected");
  intent = csp_intent (f, 1, node);
  refused = au_order_manager_submit (f->manager, &intent, &error);
  au_contract_clear (&intent.contract);
  g_assert_null (refused);
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_BROKER);
  g_assert_nonnull (strstr (error->message, "not connected"));
  /* Persisted before the attempt, and its fate recorded. */
  {
    g_autofree char *v1b = g_strdup_printf ("gen%" G_GINT64_FORMAT "-20261119-2-v1",
                                            f->tree.gen);

    assert_ledger_state (f, v1b, "rejected", 0);
  }
}

/* A rules-engine rejection: nothing is recorded in the ledger, nothing
 * sent; the evaluation is in the audit trail. */
static void
test_rules_rejection (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = proposal ("1200000.00", "900");
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *parent = g_strdup_printf ("gen%" G_GINT64_FORMAT "-20261119-1", f->tree.gen);
  AuLedgerOrderState state;
  AuOrderIntent intent;
  AuAuditRecord *record;
  char *id;

  /* 8 days out: Gen accepts 0–1 (R2.2). */
  json_object_set_string_member (json_node_get_object (node), "expiry", "2026-11-27");
  intent = csp_intent (f, 1, node);
  id = au_order_manager_submit (f->manager, &intent, &error);
  au_contract_clear (&intent.contract);
  g_assert_null (id);
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "R2.2"));
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 0);
  g_assert_false (au_ledger_get_order (f->ledger, parent, &state, NULL));

  records = au_audit_log_list (f->db, 1, NULL);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->kind, ==, "rule_check");
  g_assert_cmpstr (record->verdict, ==, "REJECTED");
  g_assert_cmpstr (record->time, !=, NULL);

  /* Malformed input is named, and nothing is judged or sent. */
  g_clear_error (&error);
  json_object_set_string_member (json_node_get_object (node), "expiry", "2026-11-20");
  intent = csp_intent (f, 0, node);
  g_assert_null (au_order_manager_submit (f->manager, &intent, &error));
  au_contract_clear (&intent.contract);
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "quantity: must be more than zero");
}

/* R0.4: 120 contracts go out as 50, 50 and 20, each a child of the
 * parent intent in the ledger. */
static void
test_sliced_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = proposal ("9600000.00", "1200");
  AuOrderIntent intent = csp_intent (f, 120, node);
  g_autofree char *id = au_order_manager_submit (f->manager, &intent, &error);
  const gint64 sizes[] = { 50, 50, 20 };
  AuOrderStatus s;

  au_contract_clear (&intent.contract);
  g_assert_no_error (error);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const AuOrderRequest *sent = fake_broker_get_sent (f->broker, i);
      g_autofree char *child = g_strdup_printf ("%s-%u-v1", id, i + 1);
      AuLedgerOrderState state = ledger_order (f, child);

      g_assert_cmpstr (sent->client_order_id, ==, child);
      g_assert_cmpint (sent->quantity, ==, sizes[i]);
      g_assert_cmpstr (state.parent_client_order_id, ==, id);
      g_assert_cmpint (state.quantity, ==, sizes[i]);
      au_ledger_order_state_clear (&state);
      fake_broker_ack (f->broker, child);
      fake_broker_fill (f->broker, child, sizes[i], P ("1.12"), TRUE);
    }
  s = status (f, id);
  g_assert_cmpint (s.state, ==, AU_ORDER_FILLED);
  g_assert_cmpint (s.filled, ==, 120);
  g_assert_cmpuint (s.n_slices, ==, 3);
  au_order_status_clear (&s);
}


/* D4: after a crash, each persisted intent is matched by its client
 * order id: one resting at the broker is tracked again, one that filled
 * while the engine was away is booked, one the broker never got is
 * recorded cancelled; none is sent again. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *resting = submit_csp (f, 1);
  g_autofree char *filled = submit_csp (f, 1);
  g_autofree char *lost = submit_csp (f, 1);
  g_autofree char *resting_v1 = g_strconcat (resting, "-v1", NULL);
  g_autofree char *filled_v1 = g_strconcat (filled, "-v1", NULL);
  g_autofree char *lost_v1 = g_strconcat (lost, "-v1", NULL);
  AuRecoveryReport report;
  AuLedgerOrderState state;
  AuOrderStatus s;

  fake_broker_ack (f->broker, resting_v1);
  fixture_close_manager (f);

  /* While the engine is down. */
  fake_broker_ack (f->broker, filled_v1);
  fake_broker_fill (f->broker, filled_v1, 1, P ("1.12"), FALSE);
  fake_broker_forget (f->broker, lost_v1);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);

  fixture_open_manager (f);
  report = recover (f);
  g_assert_cmpuint (report.resumed, ==, 1);
  g_assert_cmpuint (report.settled, ==, 1);
  g_assert_cmpuint (report.lost, ==, 1);
  g_assert_cmpuint (report.booked, ==, 1);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);

  assert_ledger_state (f, filled_v1, "filled", 1);
  state = ledger_order (f, lost_v1);
  g_assert_cmpstr (state.state, ==, "cancelled");
  au_ledger_order_state_clear (&state);
  assert_ledger_state (f, resting_v1, "acknowledged", 0);

  s = status (f, resting);
  g_assert_cmpuint (s.n_open, ==, 1);
  au_order_status_clear (&s);
  g_assert_cmpuint (au_order_manager_get_n_active (f->manager), ==, 1);

  /* Recovering again finds nothing new and sends nothing. */
  report = recover (f);
  g_assert_cmpuint (report.resumed + report.settled + report.lost + report.booked, ==, 0);

  /* The resumed order fills; its execution delivered again after a
   * reconnect is still booked once. */
  fake_broker_fill (f->broker, resting_v1, 1, P ("1.12"), TRUE);
  fake_broker_redeliver (f->broker, 1);
  assert_ledger_state (f, resting_v1, "filled", 1);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
}

static gboolean
moving_quote (const AuContract *contract,
              AuPrice          *bid,
              AuPrice          *ask,
              gpointer          user_data)
{
  guint *calls = user_data;

  (*calls)++;
  *bid = P ("1.20");
  *ask = P ("1.30");
  return TRUE;
}

/* D2.25: an L3 exit buys back at the ask plus 10% of the spread, then
 * re-prices on the market every 3 s until filled. */
static void
test_l3_exit (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *open = submit_csp (f, 1);
  g_autofree char *open_v1 = g_strconcat (open, "-v1", NULL);
  g_autoptr(JsonNode) node = json_from_string ("{\"account\": \"gen\", \"action\": \"exit\", "
                                               "\"symbol\": \"AAPL\", \"contracts\": 1, "
                                               "\"time\": \"2026-11-19T10:15:00-05:00\"}", NULL);
  g_autofree char *exit = NULL;
  g_autofree char *exit_v1 = NULL;
  g_autofree char *exit_v2 = NULL;
  AuOrderIntent intent;
  const AuOrderRequest *sent;
  guint quote_calls = 0;
  AuOrderStatus s;

  fake_broker_ack (f->broker, open_v1);
  fake_broker_fill (f->broker, open_v1, 1, P ("1.12"), TRUE);

  au_order_manager_set_quote_func (f->manager, moving_quote, &quote_calls, NULL);
  intent = csp_intent (f, 1, node);
  intent.side = AU_SIDE_BUY;
  intent.purpose = AU_ORDER_PURPOSE_L3_EXIT;
  intent.rule_reference = "R6.4";
  exit = au_order_manager_submit (f->manager, &intent, &error);
  au_contract_clear (&intent.contract);
  g_assert_no_error (error);
  exit_v1 = g_strconcat (exit, "-v1", NULL);
  exit_v2 = g_strconcat (exit, "-v2", NULL);

  sent = fake_broker_get_sent (f->broker, 1);
  g_assert_cmpstr (sent->client_order_id, ==, exit_v1);
  g_assert_true (sent->side == AU_SIDE_BUY);
  g_assert_cmpint (sent->limit, ==, P ("1.15"));   /* 1.14 + 0.004, up to the cent */

  fake_broker_ack (f->broker, exit_v1);
  advance (f, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (quote_calls, ==, 1);
  fake_broker_confirm_cancels (f->broker);
  sent = fake_broker_get_sent (f->broker, 2);
  g_assert_cmpstr (sent->client_order_id, ==, exit_v2);
  g_assert_cmpint (sent->limit, ==, P ("1.31"));   /* 1.30 + 0.01 */

  fake_broker_ack (f->broker, exit_v2);
  fake_broker_fill (f->broker, exit_v2, 1, P ("1.31"), TRUE);
  s = status (f, exit);
  g_assert_cmpint (s.state, ==, AU_ORDER_FILLED);
  au_order_status_clear (&s);
  assert_ledger_state (f, exit_v2, "filled", 1);
}

/* The sample CSP re-quoted at @bid/@ask (the rules judge the limit
 * against the proposal's own quote) on @symbol. */
static char *
submit_quoted (Fixture    *f,
               const char *symbol,
               AuSide      side,
               const char *bid,
               const char *ask,
               GError    **error)
{
  g_autoptr(JsonNode) node = NULL;
  AuOrderIntent intent;
  char *id;

  if (side == AU_SIDE_SELL)
    {
      JsonObject *quote;

      node = proposal ("1200000.00", "900");
      quote = json_object_get_object_member (json_node_get_object (node), "quote");
      json_object_set_double_member (quote, "bid", g_ascii_strtod (bid, NULL));
      json_object_set_double_member (quote, "ask", g_ascii_strtod (ask, NULL));
      json_object_set_string_member (json_node_get_object (node), "symbol", symbol);
    }
  else
    {
      g_autofree char *text =
        g_strdup_printf ("{\"account\": \"gen\", \"action\": \"exit\", \"symbol\": \"%s\", "
                         "\"contracts\": 1, \"time\": \"2026-11-19T10:15:00-05:00\"}", symbol);

      node = json_from_string (text, NULL);
    }
  intent = csp_intent (f, 1, node);
  au_contract_clear (&intent.contract);
  {
    GDate expiry = ymd (2026, 11, 20);

    au_contract_init_option (&intent.contract, symbol, AU_OPTION_PUT, P ("200"), &expiry);
  }
  intent.side = side;
  intent.purpose = side == AU_SIDE_SELL ? AU_ORDER_PURPOSE_OPEN : AU_ORDER_PURPOSE_CLOSE;
  intent.bid = P (bid);
  intent.ask = P (ask);
  id = au_order_manager_submit (f->manager, &intent, error);
  au_contract_clear (&intent.contract);
  return id;
}

static AuPrice
first_sent_limit (Fixture    *f,
                  const char *symbol,
                  AuSide      side,
                  const char *bid,
                  const char *ask)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = submit_quoted (f, symbol, side, bid, ask, &error);
  guint n = fake_broker_get_n_sent (f->broker);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_cmpuint (n, >, 0);
  return fake_broker_get_sent (f->broker, n - 1)->limit;
}

/* R0.5 on the tick: an AAPL option of $3 or more trades on nickels, so a
 * mid of 3.08 is sent as 3.10 to sell and 3.05 to buy (away from the far
 * side, inside the slippage bound); 2.99 is on pennies and stays. */
static void
test_limit_on_tick (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_cmpint (first_sent_limit (f, "AAPL", AU_SIDE_SELL, "3.05", "3.11"), ==, P ("3.10"));
  g_assert_cmpint (first_sent_limit (f, "AAPL", AU_SIDE_BUY, "3.05", "3.11"), ==, P ("3.05"));
  g_assert_cmpint (first_sent_limit (f, "AAPL", AU_SIDE_SELL, "2.96", "3.02"), ==, P ("2.99"));
  g_assert_cmpint (first_sent_limit (f, "AAPL", AU_SIDE_BUY, "2.96", "3.02"), ==, P ("2.99"));
  /* On the boundary: 3.00 is on every grid. */
  g_assert_cmpint (first_sent_limit (f, "AAPL", AU_SIDE_BUY, "2.97", "3.03"), ==, P ("3.00"));
  /* SPY is a penny name at every premium. */
  g_assert_cmpint (first_sent_limit (f, "SPY", AU_SIDE_BUY, "3.05", "3.11"), ==, P ("3.08"));
  /* The market's one rule, which the paper exchange checks against. */
  g_assert_cmpint (au_market_symbol_option_tick (au_market_symbol_lookup ("AAPL"), P ("2.99")),
                   ==, P ("0.01"));
  g_assert_cmpint (au_market_symbol_option_tick (au_market_symbol_lookup ("AAPL"), P ("3.00")),
                   ==, P ("0.05"));
  g_assert_cmpint (au_market_symbol_option_tick (NULL, P ("3.00")), ==, P ("0.05"));
  g_assert_cmpint (au_market_symbol_option_tick (au_market_symbol_lookup ("SPX"), P ("3.00")),
                   ==, P ("0.10"));
}

/* R0.5's re-price moves one tick, not one cent, on the nickel grid: a sell
 * at 3.10 goes to 3.05 (the bid) and rests there; a buy at 2.99 steps
 * to 3.00, then to 3.05. */
static void
test_reprice_on_tick (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sell = submit_quoted (f, "AAPL", AU_SIDE_SELL, "3.05", "3.11", &error);
  g_autofree char *sell_v1 = g_strconcat (sell, "-v1", NULL);
  g_autofree char *buy = NULL;
  g_autofree char *buy_v1 = NULL;
  g_autofree char *buy_v2 = NULL;
  const AuOrderRequest *sent;

  g_assert_no_error (error);
  fake_broker_ack (f->broker, sell_v1);
  advance (f, 3 * G_USEC_PER_SEC);
  fake_broker_confirm_cancels (f->broker);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
  sent = fake_broker_get_sent (f->broker, 1);
  g_assert_cmpint (sent->limit, ==, P ("3.05"));
  fake_broker_ack (f->broker, sent->client_order_id);
  advance (f, 3 * G_USEC_PER_SEC);
  fake_broker_confirm_cancels (f->broker);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
  g_assert_true (au_order_manager_cancel (f->manager, sell, &error));
  g_assert_no_error (error);
  fake_broker_confirm_cancels (f->broker);

  buy = submit_quoted (f, "AAPL", AU_SIDE_BUY, "2.93", "3.05", &error);
  g_assert_no_error (error);
  buy_v1 = g_strconcat (buy, "-v1", NULL);
  buy_v2 = g_strconcat (buy, "-v2", NULL);
  sent = fake_broker_get_sent (f->broker, fake_broker_get_n_sent (f->broker) - 1);
  g_assert_cmpstr (sent->client_order_id, ==, buy_v1);
  g_assert_cmpint (sent->limit, ==, P ("2.99"));
  fake_broker_ack (f->broker, buy_v1);
  advance (f, 3 * G_USEC_PER_SEC);
  fake_broker_confirm_cancels (f->broker);
  sent = fake_broker_get_sent (f->broker, fake_broker_get_n_sent (f->broker) - 1);
  g_assert_cmpstr (sent->client_order_id, ==, buy_v2);
  g_assert_cmpint (sent->limit, ==, P ("3.00"));
  fake_broker_ack (f->broker, buy_v2);
  advance (f, 3 * G_USEC_PER_SEC);
  fake_broker_confirm_cancels (f->broker);
  sent = fake_broker_get_sent (f->broker, fake_broker_get_n_sent (f->broker) - 1);
  g_assert_cmpint (sent->limit, ==, P ("3.05"));
}

static gboolean
nickel_quote (const AuContract *contract,
              AuPrice          *bid,
              AuPrice          *ask,
              gpointer          user_data)
{
  *bid = P ("3.20");
  *ask = P ("3.30");
  return TRUE;
}

/* D2.25 on the tick: an L3 buy-back is marketable, so it rounds toward the
 * far side: 3.11 + 10% of 0.06 → 3.12 → 3.15; re-priced 3.31 → 3.35. */
static void
test_l3_exit_on_tick (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"account\": \"gen\", \"action\": \"exit\", "
                                               "\"symbol\": \"AAPL\", \"contracts\": 1, "
                                               "\"time\": \"2026-11-19T10:15:00-05:00\"}", NULL);
  g_autofree char *exit = NULL;
  AuOrderIntent intent;
  const AuOrderRequest *sent;

  au_order_manager_set_quote_func (f->manager, nickel_quote, NULL, NULL);
  intent = csp_intent (f, 1, node);
  intent.side = AU_SIDE_BUY;
  intent.purpose = AU_ORDER_PURPOSE_L3_EXIT;
  intent.rule_reference = "R6.4";
  intent.bid = P ("3.05");
  intent.ask = P ("3.11");
  exit = au_order_manager_submit (f->manager, &intent, &error);
  au_contract_clear (&intent.contract);
  g_assert_no_error (error);
  sent = fake_broker_get_sent (f->broker, 0);
  g_assert_cmpint (sent->limit, ==, P ("3.15"));
  fake_broker_ack (f->broker, sent->client_order_id);
  advance (f, 3 * G_USEC_PER_SEC);
  fake_broker_confirm_cancels (f->broker);
  sent = fake_broker_get_sent (f->broker, 1);
  g_assert_cmpint (sent->limit, ==, P ("3.35"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, deposit) \
  g_test_add ("/orders/manager/" path, Fixture, deposit, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/orders/manager/slices", test_slices);
  ADD ("fill-booked-once", test_fill_booked_once, NULL);
  ADD ("no-ack-cancel-replace", test_no_ack_cancel_replace, NULL);
  ADD ("partial-fill-and-reprice", test_partial_fill_and_reprice, NULL);
  ADD ("rejection", test_rejection, NULL);
  ADD ("rules-rejection", test_rules_rejection, NULL);
  ADD ("sliced-order", test_sliced_order, "24000000.00");
  ADD ("restart", test_restart, NULL);
  ADD ("l3-exit", test_l3_exit, NULL);
  ADD ("limit-on-tick", test_limit_on_tick, NULL);
  ADD ("reprice-on-tick", test_reprice_on_tick, NULL);
  ADD ("l3-exit-on-tick", test_l3_exit_on_tick, NULL);

#undef ADD

  return g_test_run ();
}

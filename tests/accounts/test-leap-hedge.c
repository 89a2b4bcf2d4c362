/* test-leap-hedge.c: the LEAP ladder (R17) and the L2 hedge (R6.6, D2.4)
 * on the paper market's chains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "accounts-fixture.h"
#include "au-market-calendar.h"
#include "au-market-sim.h"
#include "au-money.h"
#include "au-schedule.h"

#define SEED 20270104

static AuOptionChain *
sim_chain (const char  *symbol,
           guint        min_dte,
           guint        max_dte,
           gpointer     user_data,
           GError     **error)
{
  return au_market_sim_get_chain_range (AU_MARKET_SIM (user_data), symbol, min_dte, max_dte,
                                        error);
}

static AuMarketSim *
market_at (int year,
           int month,
           int day)
{
  g_autoptr(GError) error = NULL;
  GDate start;
  AuMarketSim *sim;

  g_date_clear (&start, 1);
  g_date_set_dmy (&start, day, month, year);
  sim = au_market_sim_new (SEED, &start, &error);
  g_assert_no_error (error);
  return sim;
}

static GDateTime *
market_time (AuMarketSim *sim)
{
  return au_market_sim_dup_time (sim);
}

static int
months_between (const GDate *from,
                const GDate *to)
{
  return (g_date_get_year (to) - g_date_get_year (from)) * 12
         + (int) g_date_get_month (to) - (int) g_date_get_month (from);
}

static const AuTradeIntent *
find_intent (GArray         *intents,
             AuTradePurpose  purpose)
{
  for (guint i = 0; i < intents->len; i++)
    if (g_array_index (intents, AuTradeIntent, i).purpose == purpose)
      return &g_array_index (intents, AuTradeIntent, i);
  return NULL;
}

/* A $200,000 Q4 reinvested on 2027-01-04 leaves Rev a LEAP budget of
 * 200,000 x 0.70 x 0.25 = $35,000 (R3.5). */
static AuLedgerTree
funded_tree (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) day = at ("2027-01-04T09:45:00-05:00");
  g_autoptr(GArray) outcomes = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), "2026-01-05T14:00:00Z");

  earn (f, tree.rev, DOLLARS (200000), "2026-11-10T15:00:00Z");
  outcomes = au_account_manager_quarter_start (f->manager, day, &error);
  g_assert_no_error (error);
  g_assert_cmpint (book (f, tree.rev, AU_BOOK_LEAP_BUDGET), ==, DOLLARS (35000));
  return tree;
}

static void
assert_growth_call (const AuTradeIntent *intent,
                    const GDate         *today)
{
  g_assert_nonnull (intent);
  g_assert_cmpint (intent->side, ==, AU_SIDE_BUY);
  g_assert_cmpint (intent->contract.right, ==, AU_OPTION_CALL);
  g_assert_cmpfloat (intent->delta, >=, 0.25);
  g_assert_cmpfloat (intent->delta, <=, 0.35);
  g_assert_cmpint (months_between (today, &intent->contract.expiry), >=, 12);
  g_assert_cmpint (months_between (today, &intent->contract.expiry), <=, 18);
  g_assert_cmpint (intent->quantity, >, 0);
}

/* R17.1, R17.2: the budget split 75/25 into a growth call (Δ 0.25–0.35,
 * 12–18 months) and a hedge put (10–20% OTM, 6–12 months); one rung per
 * quarter; the report values them at the chain. */
static void
test_leap_plan (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuMarketSim) sim = market_at (2027, 1, 4);
  g_autoptr(GDateTime) now = market_time (sim);
  g_autoptr(GArray) intents = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(JsonNode) report = NULL;
  AuLeapInputs inputs = { "SPY", "SPY", 25.0 };
  AuLedgerTree tree = funded_tree (f);
  const AuTradeIntent *growth, *hedge;
  JsonObject *root, *rev_sleeve = NULL;
  JsonArray *sleeves;
  double spot, otm, cost;
  GDate today;
  int minute;

  au_eastern_split (now, &today, &minute);
  g_assert_true (au_market_sim_get_price (sim, "SPY", &spot));
  intents = au_account_manager_leap_plan (f->manager, now, &inputs, sim_chain, sim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (intents->len, ==, 2);

  growth = find_intent (intents, AU_TRADE_LEAP_GROWTH);
  assert_growth_call (growth, &today);
  g_assert_cmpint (growth->account_id, ==, tree.rev);
  g_assert_cmpstr (growth->contract.symbol, ==, "SPY");
  g_assert_cmpstr (growth->rule, ==, "R17.1");
  /* 75% of $35,000: as many contracts as $26,250 buys at the ask. */
  g_assert_cmpint (growth->quantity, ==, DOLLARS (26250) / growth->ask);

  hedge = find_intent (intents, AU_TRADE_LEAP_HEDGE);
  g_assert_nonnull (hedge);
  g_assert_cmpint (hedge->contract.right, ==, AU_OPTION_PUT);
  otm = (spot - au_price_to_double (hedge->contract.strike)) / spot;
  g_assert_cmpfloat (otm, >=, 0.10 - 1e-9);
  g_assert_cmpfloat (otm, <=, 0.20 + 1e-9);
  g_assert_cmpint (months_between (&today, &hedge->contract.expiry), >=, 6);
  g_assert_cmpint (months_between (&today, &hedge->contract.expiry), <=, 12);
  g_assert_cmpint (hedge->quantity, ==, DOLLARS (8750) / hedge->ask);
  g_assert_cmpint (hedge->quantity * hedge->ask, <=, DOLLARS (8750));

  /* One rung per quarter (R17.2). */
  again = au_account_manager_leap_plan (f->manager, now, &inputs, sim_chain, sim, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (count_records (f, "leap", "PLANNED", "R17.1"), ==, 1);
  /* Com (no budget) twice, Rev the second time. */
  g_assert_cmpuint (count_records (f, "leap", "NO_ACTION", "R17.2"), ==, 3);

  report = au_account_manager_leap_report (f->manager, now, sim_chain, sim, &error);
  g_assert_no_error (error);
  root = json_node_get_object (report);
  sleeves = json_object_get_array_member (root, "sleeves");
  g_assert_cmpuint (json_array_get_length (sleeves), ==, 2);
  for (guint i = 0; i < json_array_get_length (sleeves); i++)
    if (json_object_get_int_member (json_array_get_object_element (sleeves, i), "account_id")
        == tree.rev)
      rev_sleeve = json_array_get_object_element (sleeves, i);
  g_assert_nonnull (rev_sleeve);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rev_sleeve, "rungs")),
                    ==, 2);
  cost = au_money_to_double (growth->quantity * growth->ask + hedge->quantity * hedge->ask);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
    json_object_get_object_member (root, "total"), "cost"), cost, 0.005);
  g_assert_cmpfloat (json_object_get_double_member (
    json_object_get_object_member (root, "total"), "value"), >, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
    json_object_get_object_member (root, "growth"), "cost"),
    au_money_to_double (growth->quantity * growth->ask), 0.005);
  assert_audit_ok (f);
}

static const AuTradeIntent *
find_intent_on (GArray           *intents,
                AuTradePurpose    purpose,
                const AuContract *contract)
{
  for (guint i = 0; i < intents->len; i++)
    {
      const AuTradeIntent *intent = &g_array_index (intents, AuTradeIntent, i);

      if (intent->purpose == purpose && au_contract_equal (&intent->contract, contract))
        return intent;
    }
  return NULL;
}

/* R17.3: hedge puts close once VIX < 20; a rung ≤ 3 months from expiry
 * rolls forward into a new 12–18-month rung of the same size. */
static void
test_leap_roll (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuMarketSim) sim = market_at (2027, 1, 4);
  g_autoptr(GDateTime) now = market_time (sim);
  g_autoptr(GArray) intents = NULL;
  g_autoptr(GArray) calm = NULL;
  g_autoptr(GArray) late = NULL;
  g_autoptr(AuMarketSim) later = NULL;
  g_autoptr(AuMarketSim) latest = NULL;
  g_autoptr(GDateTime) later_time = NULL;
  g_autoptr(GDateTime) latest_time = NULL;
  AuLeapInputs inputs = { "SPY", "SPY", 25.0 };
  AuLeapInputs quiet = { "SPY", "SPY", 15.0 };
  const AuTradeIntent *growth, *hedge, *closing, *current, *rolled, *reopened;
  GDate day, today;
  int minute;

  funded_tree (f);
  intents = au_account_manager_leap_plan (f->manager, now, &inputs, sim_chain, sim, &error);
  g_assert_no_error (error);
  growth = find_intent (intents, AU_TRADE_LEAP_GROWTH);
  hedge = find_intent (intents, AU_TRADE_LEAP_HEDGE);

  /* A month before the put expires, VIX at 15: the put is closed and no
   * new hedge put is bought. */
  day = hedge->contract.expiry;
  g_date_subtract_days (&day, 30);
  later = market_at (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
  later_time = market_time (later);
  calm = au_account_manager_leap_plan (f->manager, later_time, &quiet, sim_chain, later, &error);
  g_assert_no_error (error);
  closing = find_intent_on (calm, AU_TRADE_LEAP_HEDGE_CLOSE, &hedge->contract);
  g_assert_nonnull (closing);
  g_assert_cmpint (closing->side, ==, AU_SIDE_SELL);
  g_assert_cmpint (closing->quantity, ==, hedge->quantity);
  g_assert_cmpstr (closing->rule, ==, "R17.3");
  g_assert_null (find_intent (calm, AU_TRADE_LEAP_HEDGE));

  /* The growth call may have rolled on its delta meanwhile; the rung in
   * force is rolled forward two months before it expires. */
  current = find_intent_on (calm, AU_TRADE_LEAP_ROLL_CLOSE, &growth->contract) != NULL
            ? find_intent (calm, AU_TRADE_LEAP_ROLL_OPEN) : growth;
  g_assert_nonnull (current);
  day = current->contract.expiry;
  g_date_subtract_days (&day, 60);
  latest = market_at (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
  latest_time = market_time (latest);
  late = au_account_manager_leap_plan (f->manager, latest_time, &inputs, sim_chain, latest,
                                       &error);
  g_assert_no_error (error);
  rolled = find_intent_on (late, AU_TRADE_LEAP_ROLL_CLOSE, &current->contract);
  g_assert_nonnull (rolled);
  g_assert_cmpint (rolled->quantity, ==, current->quantity);
  g_assert_cmpint (rolled->side, ==, AU_SIDE_SELL);
  reopened = find_intent (late, AU_TRADE_LEAP_ROLL_OPEN);
  au_eastern_split (latest_time, &today, &minute);
  assert_growth_call (reopened, &today);
  g_assert_cmpint (reopened->quantity, ==, current->quantity);
  g_assert_cmpstr (reopened->rule, ==, "R17.2");
  g_assert_cmpuint (count_records (f, "leap", "PLANNED", "R17.3"), ==, 3);
  assert_audit_ok (f);
}

/* R17.3, R17.4: a rung whose roll close filled stays 'closing' beside a
 * rung of the same series that the sleeve still holds. The next review
 * must count the holding once: one close of what is held, not one per
 * rung (the 2020-07-02 backtest sold SPY 2021-01-15 C 720 twice). */
static void
test_leap_twin_rungs (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuMarketSim) sim = market_at (2027, 1, 4);
  g_autoptr(GDateTime) now = market_time (sim);
  g_autoptr(GArray) intents = NULL;
  g_autoptr(GArray) late = NULL;
  g_autoptr(AuMarketSim) latest = NULL;
  g_autoptr(GDateTime) latest_time = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  AuLeapInputs inputs = { "SPY", "SPY", 25.0 };
  AuLedgerTree tree = funded_tree (f);
  const AuTradeIntent *growth;
  char expiry[16];
  AuInstrument option;
  AuFill fill = { "twin-fill-1", NULL, 0, 0, 0 };
  gint64 closes = 0, closed = 0;
  GDate day;

  intents = au_account_manager_leap_plan (f->manager, now, &inputs, sim_chain, sim, &error);
  g_assert_no_error (error);
  growth = find_intent (intents, AU_TRADE_LEAP_GROWTH);
  g_assert_nonnull (growth);
  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &growth->contract.expiry);
  option = (AuInstrument) { "SPY", AU_RIGHT_CALL, growth->contract.strike, expiry, 100 };
  fill.quantity = growth->quantity;
  fill.price = growth->ask;
  g_assert_cmpint (au_ledger_buy_to_open (f->ledger, tree.rev, &option, &fill, AU_FUNDING_CASH,
                                          now, &error), >, 0);
  g_assert_no_error (error);

  /* An older rung of the same series whose close went through. */
  insert = au_database_prepare (f->db, "INSERT INTO accounts_leap_rungs (account_id, quarter, "
                                "kind, symbol, right, strike, expiry, quantity, price, "
                                "planned_at, origin, state) VALUES (?1, '2026Q4', 'growth', "
                                "'SPY', 'C', ?2, ?3, ?4, ?5, '2026-10-02T14:30:00-04:00', "
                                "'roll', 'closing');", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (insert, 1, tree.rev);
  sqlite3_bind_int64 (insert, 2, growth->contract.strike);
  sqlite3_bind_text (insert, 3, expiry, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, growth->quantity);
  sqlite3_bind_int64 (insert, 5, growth->ask);
  g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);

  /* Two months before expiry: the held rung rolls (R17.3). */
  day = growth->contract.expiry;
  g_date_subtract_days (&day, 60);
  latest = market_at (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
  latest_time = market_time (latest);
  g_assert_true (au_account_manager_leap_sync (f->manager, latest_time, &error));
  g_assert_no_error (error);
  late = au_account_manager_leap_plan (f->manager, latest_time, &inputs, sim_chain, latest,
                                       &error);
  g_assert_no_error (error);
  for (guint i = 0; i < late->len; i++)
    {
      const AuTradeIntent *t = &g_array_index (late, AuTradeIntent, i);

      if (t->side == AU_SIDE_SELL && au_contract_equal (&t->contract, &growth->contract))
        {
          closes++;
          closed += t->quantity;
        }
    }
  /* One close per contract, for exactly what the ledger holds. */
  g_assert_cmpint (closes, ==, 1);
  g_assert_cmpint (closed, ==, growth->quantity);
  assert_audit_ok (f);
}

static void
test_leap_needs_inputs (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuMarketSim) sim = market_at (2027, 1, 4);
  g_autoptr(GDateTime) now = market_time (sim);
  AuLeapInputs inputs = { "SPY", NULL, 25.0 };

  g_assert_null (au_account_manager_leap_plan (f->manager, now, &inputs, sim_chain, sim, &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hedge_symbol"));
}

/* D2.4 with §6.1's numbers: equity $120,000 and $18,000 of the quarter's
 * gains → budget $1,350 = spend, $900 of SPX puts and $450 of VIX calls;
 * once per sleeve per week (R6.6). */
static void
test_hedge_l2 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuMarketSim) sim = market_at (2027, 2, 10);
  g_autoptr(AuOptionChain) spx = NULL;
  g_autoptr(AuOptionChain) vix = NULL;
  g_autoptr(GDateTime) now = at ("2027-02-10T11:00:00-05:00");
  g_autoptr(GDateTime) same_week = at ("2027-02-12T11:00:00-05:00");
  g_autoptr(GDateTime) next_week = at ("2027-02-16T11:00:00-05:00");
  g_auto(AuHedgeDeployment) deployment = { 0, };
  g_auto(AuHedgeDeployment) second = { 0, };
  g_auto(AuHedgeDeployment) com = { 0, };
  AuLedgerTree tree = portfolio (f, DOLLARS (340000), "2026-01-05T14:00:00Z");
  const AuTradeIntent *call;

  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (102000));
  earn (f, tree.rev, DOLLARS (18000), "2027-01-20T15:00:00Z");
  spx = au_market_sim_get_chain_range (sim, "SPX", 170, 380, &error);
  g_assert_no_error (error);
  vix = au_market_sim_get_chain_range (sim, "VIX", 170, 220, &error);
  g_assert_no_error (error);

  g_assert_true (au_account_manager_hedge_for_l2 (f->manager, tree.rev, now, spx, vix,
                                                  &deployment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (deployment.equity, ==, DOLLARS (120000));
  g_assert_cmpint (deployment.quarter_gains, ==, DOLLARS (18000));
  g_assert_cmpint (deployment.size.budget, ==, DOLLARS (1350));
  g_assert_cmpint (deployment.size.spend, ==, DOLLARS (1350));
  g_assert_cmpint (deployment.size.spx_puts, ==, DOLLARS (900));
  g_assert_cmpint (deployment.size.vix_calls, ==, DOLLARS (450));
  for (guint i = 0; i < deployment.intents->len; i++)
    {
      const AuTradeIntent *intent = &g_array_index (deployment.intents, AuTradeIntent, i);
      AuMoney allowed = intent->purpose == AU_TRADE_HEDGE_SPX_PUT ? DOLLARS (900)
                                                                  : DOLLARS (450);

      g_assert_cmpint (intent->side, ==, AU_SIDE_BUY);
      g_assert_cmpint (intent->quantity * intent->ask, <=, allowed);
      g_assert_cmpint ((intent->quantity + 1) * intent->ask, >, allowed);
      g_assert_cmpstr (intent->rule, ==, "R6.6");
    }
  call = find_intent (deployment.intents, AU_TRADE_HEDGE_VIX_CALL);
  g_assert_nonnull (call);
  g_assert_cmpstr (call->contract.symbol, ==, "VIX");
  g_assert_cmpint (call->contract.right, ==, AU_OPTION_CALL);
  g_assert_cmpuint (count_records (f, "hedge", "DEPLOYED", "D2.4"), ==, 1);

  /* Once per sleeve per week. */
  g_assert_false (au_account_manager_hedge_for_l2 (f->manager, tree.rev, same_week, spx, vix,
                                                   &second, &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_DUE);
  g_clear_error (&error);
  g_assert_cmpuint (count_records (f, "hedge", "NO_ACTION", "R6.6"), ==, 1);
  g_assert_true (au_account_manager_hedge_for_l2 (f->manager, tree.rev, next_week, spx, vix,
                                                  &second, &error));
  g_assert_no_error (error);

  /* No gains: the 1% floor, $1,020 of $102,000, split $680 / $340. */
  g_assert_true (au_account_manager_hedge_for_l2 (f->manager, tree.com, now, spx, vix, &com,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (com.size.spend, ==, DOLLARS (1020));
  g_assert_cmpint (com.size.spx_puts, ==, DOLLARS (680));
  g_assert_cmpint (com.size.vix_calls, ==, DOLLARS (340));

  g_assert_false (au_account_manager_hedge_for_l2 (f->manager, tree.root, now, spx, vix, &com,
                                                   &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID);
  assert_audit_ok (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accounts/leap/plan", test_leap_plan);
  ADD ("/accounts/leap/roll", test_leap_roll);
  ADD ("/accounts/leap/twin-rungs", test_leap_twin_rungs);
  ADD ("/accounts/leap/needs-inputs", test_leap_needs_inputs);
  ADD ("/accounts/hedge/l2", test_hedge_l2);

  return g_test_run ();
}

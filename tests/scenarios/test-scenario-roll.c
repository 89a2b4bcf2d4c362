/* test-scenario-roll.c: acceptance test #2 of research §3.18, the Rev
 * roll at Protocol-2, on the paper market. Prices and the VIX level are
 * scripted; the autopilot decides; the test reads what it did from the
 * audit trail, the ledger and the week labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "au-money.h"
#include "scenario-fixture.h"

#define SEED 42
/* Large enough that 1% of the Rev sleeve buys an SPX put (D2.4). */
#define ROLL_CAPITAL ((AuMoney) 6000000 * AU_MONEY_SCALE)

typedef struct
{
  double vix;    /* the scripted VIX level, flat all day */
  double range;  /* each quiet day's high and low, this fraction around the close */
} RollMarket;

/* VIX held flat at @vix and NVDA and TSLA flat at today's price with
 * @range either side, from the first session for three weeks: a market
 * whose implied vol (VIX) and realized range (ATR) are set apart. */
static void
script_quiet_market (AuMarketSim      *market,
                     const RollMarket *script)
{
  static const char *rev_universe[] = { "NVDA", "TSLA" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) vix = NULL;

  vix = scripted_bars (market, "VIX", &script->vix, 1, 20, 0);
  for (guint i = 0; i < vix->len; i++)
    {
      AuDailyBar *bar = &g_array_index (vix, AuDailyBar, i);

      bar->open = bar->high = bar->low = bar->close;
    }
  g_assert_true (au_market_sim_replay (market, "VIX", vix, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rev_universe); i++)
    {
      g_autoptr(GArray) bars = NULL;
      double spot;

      g_assert_true (au_market_sim_get_price (market, rev_universe[i], &spot));
      bars = scripted_bars (market, rev_universe[i], &spot, 1, 20, script->range);
      g_assert_true (au_market_sim_replay (market, rev_universe[i], bars, &error));
      g_assert_no_error (error);
    }
}

static RollMarket high_iv = { 35, 0.003 };
static RollMarket low_iv = { 15, 0.02 };

static void
prepare_high_iv (AuMarketSim *market)
{
  script_quiet_market (market, &high_iv);
}

static void
prepare_low_iv (AuMarketSim *market)
{
  script_quiet_market (market, &low_iv);
}

static gint64
account_of_kind (Scenario      *s,
                 AuAccountKind  kind,
                 char         **name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) accounts = au_ledger_list_accounts (s->ledger, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *a = &g_array_index (accounts, AuLedgerAccount, i);

      if (a->kind == kind && a->status == AU_ACCOUNT_ACTIVE)
        {
          if (name != NULL)
            *name = g_strdup (a->name);
          return a->id;
        }
    }
  g_assert_not_reached ();
  return 0;
}

/* The open short NVDA put of @account_id (the Rev CSP written on
 * Wednesday), or FALSE. */
static gboolean
short_put (Scenario         *s,
           gint64            account_id,
           const char       *expiry,
           AuLedgerPosition *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) positions = au_ledger_list_positions (s->ledger, account_id, TRUE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < positions->len; i++)
    {
      AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, i);

      if (g_strcmp0 (p->symbol, "NVDA") == 0 && p->right == AU_RIGHT_PUT && p->quantity < 0
          && g_strcmp0 (p->expiry, expiry) == 0)
        {
          *out = *p;
          out->symbol = g_strdup (p->symbol);
          out->expiry = g_strdup (p->expiry);
          return TRUE;
        }
    }
  return FALSE;
}

/* ATR(5) as R6.8 / D2.13 define it, from the market's completed bars:
 * the simple mean of the last five true ranges, in dollars. */
static double
atr5 (AuMarketSim *market,
      const char  *symbol)
{
  GArray *bars = au_market_sim_get_bars (market, symbol);
  double sum = 0;

  g_assert_cmpuint (bars->len, >=, 6);
  for (guint i = bars->len - 5; i < bars->len; i++)
    {
      const AuDailyBar *bar = &g_array_index (bars, AuDailyBar, i);
      const AuDailyBar *prev = &g_array_index (bars, AuDailyBar, i - 1);
      double h = au_price_to_double (bar->high), l = au_price_to_double (bar->low);
      double pc = au_price_to_double (prev->close);

      sum += MAX (h - l, MAX (fabs (h - pc), fabs (l - pc)));
    }
  return sum / 5;
}

/* From the close of Wednesday 13 January: Thursday falls in one leg from
 * the open to @low_m × ATR below @strike and closes at @close_m × ATR
 * below it; the days after stay flat there. NVDA's bars until Wednesday
 * are left as they were. */
static void
script_drop (Scenario *s,
             double    strike,
             double    atr,
             double    low_m,
             double    close_m,
             double    range)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = g_array_new (FALSE, TRUE, sizeof (AuDailyBar));
  AuDailyBar today;
  double low = strike - low_m * atr, close = strike - close_m * atr;
  GDate day;

  g_assert_true (au_market_sim_get_session_bar (s->market, "NVDA", &today));
  g_array_append_val (bars, today);
  day = today.date;
  for (guint i = 0; i < 10; i++)
    {
      AuDailyBar bar = { 0 };

      au_nyse_next_trading_day (&day);
      bar.date = day;
      bar.volume = 1000000;
      if (i == 0)
        {
          bar.open = bar.high = today.close;
          bar.low = (AuPrice) (low * AU_PRICE_SCALE);
          bar.close = (AuPrice) (close * AU_PRICE_SCALE);
        }
      else
        {
          bar.open = bar.close = (AuPrice) (close * AU_PRICE_SCALE);
          bar.high = (AuPrice) (close * (1 + range) * AU_PRICE_SCALE);
          bar.low = (AuPrice) (close * (1 - range) * AU_PRICE_SCALE);
        }
      g_array_append_val (bars, bar);
    }
  g_assert_true (au_market_sim_replay (s->market, "NVDA", bars, &error));
  g_assert_no_error (error);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_get_string_member_with_default (object, name, "");
}

/* Opens the scenario, runs to Wednesday's close and scripts Thursday's
 * fall against the Rev put the engine wrote that morning. */
static void
run_to_drop (Scenario         *s,
             void            (*prepare) (AuMarketSim *market),
             const RollMarket *script,
             AuLedgerPosition *put,
             double           *atr)
{
  gint64 rev;

  scenario_open_with_capital (s, SEED, 2016, 1, 4, FALSE, prepare, ROLL_CAPITAL);
  scenario_run_until (s, et_usec (2016, 1, 13, 16, 0));
  rev = account_of_kind (s, AU_ACCOUNT_REV, NULL);
  /* R3.2 / D2.16: Wednesday's put expires that Friday. */
  g_assert_true (short_put (s, rev, "2016-01-15", put));
  *atr = atr5 (s->market, "NVDA");
  /* Between 2× and 3× ATR at the low: L2, never L3 by the breach itself. */
  script_drop (s, au_price_to_double (put->strike), *atr, 2.5, 2.2, script->range);
}

static char *
week_type (Scenario   *s,
           const char *week,
           const char *account)
{
  g_autoptr(sqlite3_stmt) stmt =
    au_database_prepare (s->db, "SELECT type FROM autopilot_week_types WHERE week = ?1 AND "
                         "account IS ?2", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, week, -1, SQLITE_STATIC);
  if (account != NULL)
    sqlite3_bind_text (stmt, 2, account, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* #2: VIX at 35 (below the Hedged Week's 50) prices NVDA's puts richly
 * while its days are quiet (ATR(5) about 0.6% of the price): Thursday's
 * fall through strike − 2×ATR rolls the Rev put (R6.3) into Rev's delta
 * band at the next Friday (D2.24), for a cost within half the original
 * credit (R6.7), and deploys the L2 hedge (R6.6, D2.4). */
static void
test_rev_roll_l2 (void)
{
  Scenario s;
  AuLedgerPosition put = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev_name = NULL;
  g_autofree char *rev_week = NULL;
  g_autofree char *system_week = NULL;
  double atr, original_credit, spx_spent = 0, vix_spent = 0;
  gint64 rev;
  double spend = 0, spx_allowed = 0, vix_allowed = 0;
  int l1 = -1, l2 = -1, economics = -1, roll = -1, hedge = -1, spx_puts = 0, vix_calls = 0;

  run_to_drop (&s, prepare_high_iv, &high_iv, &put, &atr);
  rev = account_of_kind (&s, AU_ACCOUNT_REV, &rev_name);
  original_credit = (double) -put.cost_basis / AU_MONEY_SCALE / (-put.quantity * 100.0);
  scenario_run_until (&s, et_usec (2016, 1, 15, 17, 0));

  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = r->context != NULL && JSON_NODE_HOLDS_OBJECT (r->context)
                      ? json_node_get_object (r->context) : NULL;

      if (g_strcmp0 (r->kind, "protocol") == 0 && g_strcmp0 (context_string (r, "account"),
                                                             rev_name) == 0
          && strstr (context_string (r, "position"), "NVDA") != NULL)
        {
          /* R6.5: L1 is recorded before L2, and nothing reaches L3. */
          g_assert_cmpstr (r->verdict, !=, "L3");
          if (g_strcmp0 (r->verdict, "L1") == 0 && l1 < 0)
            l1 = (int) i;
          if (g_strcmp0 (r->verdict, "L2") == 0 && l2 < 0)
            {
              l2 = (int) i;
              g_assert_cmpfloat (json_object_get_double_member (p, "multiple"), >=, 2.0);
              g_assert_cmpfloat (json_object_get_double_member (p, "multiple"), <, 3.0);
            }
        }
      /* R6.6 / D2.4: the hedge's sizing as the account manager decided it. */
      if (g_strcmp0 (r->kind, "hedge") == 0 && g_strcmp0 (r->verdict, "DEPLOYED") == 0
          && g_strcmp0 (context_string (r, "account"), rev_name) == 0)
        {
          double equity = json_object_get_double_member (p, "equity");
          double gains = json_object_get_double_member (p, "quarter_gains");
          double budget = MAX (0.075 * gains, 0.01 * equity);

          hedge = (int) i;
          g_assert_cmpfloat (fabs (json_object_get_double_member (p, "budget") - budget), <, 0.01);
          spend = json_object_get_double_member (p, "spend");
          g_assert_cmpfloat (fabs (spend - MIN (0.015 * equity, budget)), <, 0.01);
          spx_allowed = json_object_get_double_member (p, "spx_puts");
          vix_allowed = json_object_get_double_member (p, "vix_calls");
          g_assert_cmpfloat (fabs (spx_allowed - 2 * vix_allowed), <, 0.02);
          g_assert_cmpfloat (fabs (spx_allowed + vix_allowed - spend), <, 0.01);
        }
      /* R6.7: the economics the engine judged, recorded as such. */
      if (g_strcmp0 (r->kind, "roll") == 0 && g_strcmp0 (context_string (r, "account"),
                                                         rev_name) == 0)
        {
          double ratio = json_object_get_double_member (p, "cost_ratio");

          g_assert_cmpstr (r->verdict, ==, "ALLOWED");
          g_assert_cmpstr (r->rules[0], ==, "R6.7");
          economics = (int) i;
          g_assert_cmpfloat (ratio, <=, 0.50);
          g_assert_cmpfloat (fabs (json_object_get_double_member (p, "original_credit")
                                   - original_credit), <, 0.0005);
          g_assert_cmpfloat (fabs (ratio - json_object_get_double_member (p, "net_debit")
                                           / json_object_get_double_member (p, "original_credit")),
                             <, 1e-6);
        }
      /* The roll as the rules engine approved it: the new leg (D2.20). */
      if (g_strcmp0 (r->kind, "rule_check") == 0 && p != NULL
          && g_strcmp0 (member_string (p, "action"), "roll") == 0
          && g_strcmp0 (member_string (p, "account"), "rev") == 0)
        {
          JsonObject *leg = json_object_get_object_member (p, "new_leg");

          g_assert_cmpstr (r->verdict, !=, "REJECTED");
          roll = (int) i;
          /* D2.24: the first listed expiry ≥ 3 days after 15 January. */
          g_assert_cmpstr (member_string (leg, "expiry"), ==, "2016-01-22");
          /* R3.2: Rev's band, |Δ| 0.30–0.35. */
          g_assert_cmpfloat (fabs (json_object_get_double_member (leg, "delta")), >=, 0.30);
          g_assert_cmpfloat (fabs (json_object_get_double_member (leg, "delta")), <=, 0.35);
          g_assert_cmpfloat (json_object_get_double_member (leg, "strike"), <,
                             au_price_to_double (put.strike));
        }
    }
  g_assert_cmpint (l1, >=, 0);
  g_assert_cmpint (l2, >, l1);
  g_assert_cmpint (economics, >, l2);
  g_assert_cmpint (roll, >, economics);
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->rolls, >=, 1);

  /* The old leg closed, the new one open: the ledger holds the 22nd. */
  {
    AuLedgerPosition rolled = { 0 };

    g_assert_false (short_put (&s, rev, "2016-01-15", &rolled));
    g_assert_true (short_put (&s, rev, "2016-01-22", &rolled));
    g_assert_cmpint (rolled.quantity, ==, put.quantity);
    au_ledger_position_clear (&rolled);
  }

  /* R6.6 / D2.4: SPX puts and VIX calls bought for Rev, 2:1, within
   * min(1.5% × equity, budget): in the sleeve's first weeks the budget is
   * its 1% floor. */
  positions = au_ledger_list_positions (s.ledger, rev, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, i);
      double cost = (double) p->cost_basis / AU_MONEY_SCALE;

      if (g_strcmp0 (p->symbol, "SPX") == 0 && p->right == AU_RIGHT_PUT && p->quantity > 0)
        spx_puts += (int) p->quantity, spx_spent += cost;
      if (g_strcmp0 (p->symbol, "VIX") == 0 && p->right == AU_RIGHT_CALL && p->quantity > 0)
        vix_calls += (int) p->quantity, vix_spent += cost;
    }
  g_assert_cmpint (hedge, >, l2);
  g_assert_cmpint (spx_puts, >, 0);
  g_assert_cmpint (vix_calls, >, 0);
  /* Booked at cost, each within its share of the spend. */
  g_assert_cmpfloat (spx_spent, <=, spx_allowed);
  g_assert_cmpfloat (vix_spent, <=, vix_allowed);
  g_assert_cmpfloat (spx_spent + vix_spent, <=, spend);

  /* D2.5: Roll outranks Hedged; the sleeve's week and the system's. */
  rev_week = week_type (&s, "2016-W02", rev_name);
  system_week = week_type (&s, "2016-W02", NULL);
  g_assert_cmpstr (rev_week, ==, "roll");
  g_assert_cmpstr (system_week, ==, "roll");
  au_ledger_position_clear (&put);
  scenario_close (&s);
}

/* #2, refused: VIX at 15 prices the puts thinly while the days swing 2%
 * either way (ATR(5) about 4%): at L2 the buy-back holds 2×ATR of
 * intrinsic value and the roll would cost far more than half the credit:
 * R6.7 escalates to L3, the put is exited (D2.25) and Rev goes SAFE. */
static void
test_rev_roll_refused (void)
{
  Scenario s;
  AuLedgerPosition put = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *rev_name = NULL;
  double atr;
  gint64 rev;
  gboolean l2 = FALSE, refused = FALSE, l3 = FALSE, exit_sent = FALSE, safe = FALSE;
  guint rolls = 0;

  run_to_drop (&s, prepare_low_iv, &low_iv, &put, &atr);
  rev = account_of_kind (&s, AU_ACCOUNT_REV, &rev_name);
  scenario_run_until (&s, et_usec (2016, 1, 14, 16, 0));

  records = scenario_audit (&s);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);
      JsonObject *p = r->context != NULL && JSON_NODE_HOLDS_OBJECT (r->context)
                      ? json_node_get_object (r->context) : NULL;

      if (g_strcmp0 (r->kind, "protocol") == 0
          && g_strcmp0 (context_string (r, "account"), rev_name) == 0
          && strstr (context_string (r, "position"), "NVDA") != NULL)
        {
          if (g_strcmp0 (r->verdict, "L2") == 0)
            l2 = TRUE;
          if (g_strcmp0 (r->verdict, "L3") == 0)
            {
              /* Not the breach (it stays below 3×): R6.7's refusal. */
              g_assert_true (l2);
              g_assert_cmpstr (r->rules[0], ==, "R6.7");
              g_assert_nonnull (strstr (context_string (r, "message"), "more than 50%"));
              g_assert_cmpfloat (json_object_get_double_member (p, "multiple"), <, 3.0);
              l3 = TRUE;
              refused = TRUE;
            }
        }
      if (g_strcmp0 (r->kind, "rule_check") == 0 && p != NULL
          && g_strcmp0 (member_string (p, "account"), "rev") == 0)
        {
          if (g_strcmp0 (member_string (p, "action"), "roll") == 0)
            rolls++;
          if (g_strcmp0 (member_string (p, "action"), "exit") == 0
              && g_strcmp0 (member_string (p, "symbol"), "NVDA") == 0)
            exit_sent = TRUE;
        }
      if (g_strcmp0 (r->kind, "breaker") == 0 && g_strcmp0 (r->verdict, "safe") == 0
          && g_strcmp0 (context_string (r, "sleeve"), "rev") == 0)
        safe = TRUE;
    }
  g_assert_true (l2);
  g_assert_true (refused);
  g_assert_true (l3);
  g_assert_cmpuint (rolls, ==, 0);
  g_assert_true (exit_sent);
  g_assert_true (safe);
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->rolls, ==, 0);
  g_assert_cmpuint (au_autopilot_get_stats (s.autopilot)->l3_exits, >=, 1);
  (void) rev;
  au_ledger_position_clear (&put);
  scenario_close (&s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scenarios/2-rev-roll-l2", test_rev_roll_l2);
  g_test_add_func ("/scenarios/2-rev-roll-refused", test_rev_roll_refused);
  return g_test_run ();
}

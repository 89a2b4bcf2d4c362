/* test-position-sizer.c: research §6.1's sizing example with D2.1, and the caps at their edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-orders-error.h"
#include "au-position-sizer.h"
#include "orders-test-util.h"

static AuSizingState
sleeve (AuSleeve    which,
        const char *capital)
{
  AuSizingState state = { 0 };

  state.sleeve = which;
  state.capital = M (capital);
  state.cash = state.capital;
  return state;
}

static gint64
csp (AuConstitution      *constitution,
     const AuSizingState *state,
     const char          *strike,
     const char          *binding_rule)
{
  g_autoptr(GError) error = NULL;
  AuSizing sizing;
  gint64 contracts;

  g_assert_true (au_position_sizer_csp (constitution, state, P (strike), &sizing, &error));
  g_assert_no_error (error);
  g_test_message ("%s", sizing.reason);
  if (binding_rule != NULL)
    g_assert_cmpstr (sizing.binding_rule, ==, binding_rule);
  contracts = sizing.quantity;
  au_sizing_clear (&sizing);
  return contracts;
}

/* §6.1: Gen $120,000, per-symbol cap $30,000: SPY at 500 is $50,000 a
 * contract, none; AAPL at 220 is $22,000, one. */
static void
test_gen_example (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  AuSizingState gen = sleeve (AU_SLEEVE_GEN, "120000.00");
  AuSizing sizing;

  g_assert_cmpint (csp (constitution, &gen, "500", "R0.3"), ==, 0);
  g_assert_cmpint (csp (constitution, &gen, "220", "R0.3"), ==, 1);

  g_assert_true (au_position_sizer_csp (constitution, &gen, P ("220"), &sizing, NULL));
  g_assert_cmpint (sizing.deployable, ==, M ("120000.00"));
  g_assert_cmpint (sizing.symbol_room, ==, M ("30000.00"));
  g_assert_cmpstr (sizing.reason, ==, "1 contract(s): $22000.00 per contract against $120000.00 "
                   "deployable (R0.2, cash-secured) and $30000.00 of room under the 25.0% "
                   "per-symbol cap of $120000.00 (R0.3)");
  au_sizing_clear (&sizing);

  /* On the cap: $30,000 at 150 is exactly 2 contracts; a cent more
   * strike and only 1 fits. */
  g_assert_cmpint (csp (constitution, &gen, "150", NULL), ==, 2);
  g_assert_cmpint (csp (constitution, &gen, "150.01", NULL), ==, 1);
}

/* D2.1's recomputation: Rev $90,000 on NVDA at 180, 50% cap ($45,000):
 * 2 contracts ($36,000); TSLA at 180 beside it, 2 more: 80% deployed. */
static void
test_rev_example (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  AuSizingState rev = sleeve (AU_SLEEVE_REV, "90000.00");
  gint64 nvda;
  gint64 tsla;

  nvda = csp (constitution, &rev, "180", "R3.1");
  g_assert_cmpint (nvda, ==, 2);

  rev.deployed = nvda * M ("18000.00");
  rev.cash -= rev.deployed;
  tsla = csp (constitution, &rev, "180", "R3.1");
  g_assert_cmpint (tsla, ==, 2);
  rev.deployed += tsla * M ("18000.00");
  g_assert_cmpint (rev.deployed, ==, M ("72000.00"));
  g_assert_cmpint (rev.deployed * 100 / rev.capital, ==, 80);
}

/* R0.2 and D2.21: cash binds before the cap; the deployment limit binds
 * when other symbols hold the rest. */
static void
test_cash_and_deployment (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  AuSizingState gen = sleeve (AU_SLEEVE_GEN, "120000.00");

  gen.cash = M ("21999.99");
  g_assert_cmpint (csp (constitution, &gen, "220", "R0.2"), ==, 0);
  gen.cash = M ("22000.00");
  g_assert_cmpint (csp (constitution, &gen, "220", NULL), ==, 1);

  gen.cash = M ("120000.00");
  gen.deployed = M ("98000.00");   /* $22,000 left under 100% */
  g_assert_cmpint (csp (constitution, &gen, "100", "R0.2"), ==, 2);
  gen.deployed = M ("98000.01");
  g_assert_cmpint (csp (constitution, &gen, "110", "R0.2"), ==, 1);

  /* Exposure already on the symbol counts against its cap (R0.3). */
  gen.deployed = 0;
  gen.symbol_exposure = M ("8000.00");
  g_assert_cmpint (csp (constitution, &gen, "110", "R0.3"), ==, 2);
  gen.symbol_exposure = M ("8000.01");
  g_assert_cmpint (csp (constitution, &gen, "110", "R0.3"), ==, 1);
}

/* D2.18: in a Hedged Week the caps are halved: 12.5% per symbol (Rev
 * 25%) and 50% deployed. */
static void
test_hedged_week (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  AuSizingState gen = sleeve (AU_SLEEVE_GEN, "120000.00");
  AuSizingState rev = sleeve (AU_SLEEVE_REV, "90000.00");

  gen.hedged_week = TRUE;
  g_assert_cmpint (csp (constitution, &gen, "150", "R0.3"), ==, 1);   /* $15,000 room */
  g_assert_cmpint (csp (constitution, &gen, "150.01", "R0.3"), ==, 0);
  gen.deployed = M ("45000.00");   /* $15,000 left under 50% */
  gen.symbol_exposure = 0;
  g_assert_cmpint (csp (constitution, &gen, "75", NULL), ==, 2);
  gen.deployed = M ("45000.01");
  g_assert_cmpint (csp (constitution, &gen, "75", "R0.2"), ==, 1);

  rev.hedged_week = TRUE;
  g_assert_cmpint (csp (constitution, &rev, "180", "R3.1"), ==, 1);  /* $22,500 room */
}

/* D2.19 and R4.3: one call per 100 shares; half of them in an earnings week. */
static void
test_covered_calls (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  struct {
    gint64 shares, written;
    gboolean earnings;
    gint64 contracts;
  } cases[] = {
    { 0, 0, FALSE, 0 },
    { 99, 0, FALSE, 0 },
    { 100, 0, FALSE, 1 },
    { 399, 0, FALSE, 3 },
    { 400, 1, FALSE, 3 },
    { 400, 4, FALSE, 0 },
    { 400, 0, TRUE, 2 },
    { 300, 0, TRUE, 1 },     /* 150 shares may be covered: one contract */
    { 400, 2, TRUE, 0 },
    { 400, 3, TRUE, 0 },     /* already above the cap: nothing more */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AuSizing sizing;

      g_assert_true (au_position_sizer_covered_call (constitution, cases[i].shares,
                                                     cases[i].written, cases[i].earnings,
                                                     &sizing, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sizing.quantity, ==, cases[i].contracts);
      g_assert_cmpstr (sizing.binding_rule, ==, cases[i].earnings ? "R4.3" : "R0.2");
      au_sizing_clear (&sizing);
    }
}

/* D2.23: Com-Acc $150,000 buys round lots as evenly as the lots allow
 * within 25% ($37,500) per symbol. */
static void
test_share_lots (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  g_autoptr(GError) error = NULL;
  AuSizingState com = sleeve (AU_SLEEVE_COM, "150000.00");
  AuShareTarget targets[] = {
    { "AAPL", P ("220.00"), 0, 0 },
    { "MSFT", P ("400.00"), 0, 0 },
    { "NVDA", P ("180.00"), 0, 0 },
    { "TSLA", P ("250.00"), 0, 0 },
    { "META", P ("600.00"), 0, 0 },
  };
  AuMoney spent = 0;

  g_assert_true (au_position_sizer_share_lots (constitution, &com, targets,
                                               G_N_ELEMENTS (targets), &error));
  g_assert_no_error (error);
  /* A lot goes to the least-exposed symbol it fits: AAPL, NVDA, TSLA,
   * then NVDA again ($18,000 is the least); a second lot of AAPL
   * ($44,000) or TSLA ($50,000), or a third of NVDA ($54,000), would pass
   * the cap. MSFT's ($40,000) and META's ($60,000) lots never fit it. */
  g_assert_cmpint (targets[4].shares, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      AuMoney cost = targets[i].price * targets[i].shares / 100;

      g_test_message ("%s %" G_GINT64_FORMAT, targets[i].symbol, targets[i].shares);
      g_assert_cmpint (targets[i].shares % 100, ==, 0);
      g_assert_cmpint (cost, <=, M ("37500.00"));
      spent += cost;
    }
  g_assert_cmpint (spent, ==, M ("83000.00"));

  g_assert_cmpint (targets[0].shares, ==, 100);   /* AAPL: a 2nd lot is $44,000 */
  g_assert_cmpint (targets[1].shares, ==, 0);     /* MSFT: one lot is above the cap */
  g_assert_cmpint (targets[2].shares, ==, 200);   /* NVDA: $36,000 */
  g_assert_cmpint (targets[3].shares, ==, 100);   /* TSLA: a 2nd lot is $50,000 */

  /* With $40,000 of cash the same order stops at cash: AAPL, NVDA. */
  com.cash = M ("40000.00");
  g_assert_true (au_position_sizer_share_lots (constitution, &com, targets,
                                               G_N_ELEMENTS (targets), &error));
  g_assert_cmpint (targets[0].shares, ==, 100);
  g_assert_cmpint (targets[2].shares, ==, 100);
  g_assert_cmpint (targets[3].shares, ==, 0);

  /* Bad input names its field and buys nothing. */
  targets[1].price = 0;
  g_assert_false (au_position_sizer_share_lots (constitution, &com, targets,
                                                G_N_ELEMENTS (targets), &error));
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "targets[1].price: must be more than zero");
}

static void
test_bad_input (void)
{
  g_autoptr(AuConstitution) constitution = orders_test_constitution ();
  g_autoptr(GError) error = NULL;
  AuSizingState state = sleeve (AU_SLEEVE_MINI, "100000.00");
  AuSizing sizing;

  g_assert_false (au_position_sizer_csp (constitution, &state, P ("100"), &sizing, &error));
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "sleeve: "));
  g_clear_error (&error);

  state = sleeve (AU_SLEEVE_GEN, "0.00");
  g_assert_false (au_position_sizer_csp (constitution, &state, P ("100"), &sizing, &error));
  g_assert_true (g_str_has_prefix (error->message, "capital: "));
  g_clear_error (&error);

  state = sleeve (AU_SLEEVE_GEN, "1000.00");
  g_assert_false (au_position_sizer_csp (constitution, &state, 0, &sizing, &error));
  g_assert_cmpstr (error->message, ==, "strike: must be more than zero");
  g_clear_error (&error);

  g_assert_false (au_position_sizer_covered_call (constitution, -1, 0, FALSE, &sizing, &error));
  g_assert_cmpstr (error->message, ==, "shares_held: must not be negative");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orders/sizer/gen-example", test_gen_example);
  g_test_add_func ("/orders/sizer/rev-example", test_rev_example);
  g_test_add_func ("/orders/sizer/cash-and-deployment", test_cash_and_deployment);
  g_test_add_func ("/orders/sizer/hedged-week", test_hedged_week);
  g_test_add_func ("/orders/sizer/covered-calls", test_covered_calls);
  g_test_add_func ("/orders/sizer/share-lots", test_share_lots);
  g_test_add_func ("/orders/sizer/bad-input", test_bad_input);

  return g_test_run ();
}

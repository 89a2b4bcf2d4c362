/* test-covered-call.c: R6.10 with D2.11, R4.2, R4.3, R7.3 and R7.1's bands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-covered-call-protocol.h"
#include "protocol-test-util.h"

static AuCoveredCall
call (const char *entry,
      const char *mark,
      double      delta,
      int         dte)
{
  AuCoveredCall cc = { 0 };

  cc.entry_credit = P (entry);
  cc.mark = P (mark);
  cc.delta = delta;
  cc.dte = dte;
  cc.shares_held = 1000;
  cc.contracts = 10;
  return cc;
}

static AuCoveredCallDecision
decide (AuConstitution      *c,
        const AuCoveredCall *cc)
{
  g_autoptr(GError) error = NULL;
  AuCoveredCallDecision d;

  g_assert_true (au_covered_call_decide (c, cc, &d, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %s", au_covered_call_action_to_string (d.action), d.why.reason);
  return d;
}

static void
test_assignment_risk (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  AuCoveredCall cc = call ("1.00", "0.80", 0.81, 3);
  AuCoveredCallDecision d = decide (c, &cc);

  /* D2.11: Δ 0.81 > 0.80 is bought back with only 20% profit. */
  g_assert_cmpint (d.action, ==, AU_CC_BUY_BACK_OR_ROLL);
  g_assert_cmpfloat_with_epsilon (d.profit, 0.20, 1e-12);
  g_assert_cmpstr (d.why.rule, ==, "D2.11");

  /* On the bound: not above it, so the hold goes on. */
  cc.delta = 0.80;
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_HOLD);
  /* The sign of the delta is ignored. */
  cc.delta = -0.81;
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_BUY_BACK_OR_ROLL);
  /* Risk wins over a profit-take and over 1 DTE. */
  cc = call ("1.00", "0.10", 0.85, 1);
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_BUY_BACK_OR_ROLL);
}

static void
test_profit_and_expiry (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  AuCoveredCall cc;

  /* R4.2: decay of exactly 65% takes the profit; 64.99% holds. */
  cc = call ("1.00", "0.35", 0.10, 3);
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_TAKE_PROFIT);
  g_assert_cmpstr (decide (c, &cc).why.rule, ==, "R4.2");
  cc = call ("1.00", "0.3501", 0.10, 3);
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_HOLD);
  g_assert_cmpstr (decide (c, &cc).why.rule, ==, "R6.10");

  /* R6.10: the hold ends at 1 DTE. */
  cc = call ("1.00", "0.50", 0.30, 2);
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_HOLD);
  cc.dte = 1;
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_EXPIRY);
}

static void
test_earnings_coverage (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  AuCoveredCall cc = call ("1.00", "0.90", 0.25, 4);
  AuCoveredCallDecision d;

  /* R4.3: 1,000 shares in an earnings week: at most 5 calls (50%). */
  cc.earnings_week = TRUE;
  cc.contracts = 6;
  d = decide (c, &cc);
  g_assert_cmpint (d.action, ==, AU_CC_REDUCE_COVERAGE);
  g_assert_cmpint (d.max_contracts, ==, 5);
  g_assert_cmpstr (d.why.rule, ==, "R4.3");
  cc.contracts = 5;
  g_assert_cmpint (decide (c, &cc).action, ==, AU_CC_HOLD);
  /* 1,100 shares: 550 covered at most, 5 contracts. */
  cc.shares_held = 1100;
  cc.contracts = 6;
  g_assert_cmpint (decide (c, &cc).max_contracts, ==, 5);
  /* Outside an earnings week every lot may be covered. */
  cc.earnings_week = FALSE;
  cc.contracts = 11;
  d = decide (c, &cc);
  g_assert_cmpint (d.action, ==, AU_CC_HOLD);
  g_assert_cmpint (d.max_contracts, ==, 11);
}

static void
test_bad_input (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GError) error = NULL;
  AuCoveredCall cc = call ("0", "0.10", 0.2, 3);
  AuCoveredCallDecision d;

  g_assert_false (au_covered_call_decide (c, &cc, &d, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "entry_credit"));
  g_clear_error (&error);
  cc = call ("1.00", "0.10", 1.5, 3);
  g_assert_false (au_covered_call_decide (c, &cc, &d, &error));
  g_assert_true (g_str_has_prefix (error->message, "delta"));
}

static void
test_roll_and_resume (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  AuProtocolWhy why;
  GDate friday = ymd (2026, 11, 20);
  GDate resume;
  GDate expected;

  /* D2.11: up and out only for a net credit. */
  g_assert_true (au_covered_call_roll_is_credit (P ("2.00"), P ("2.05"), &why));
  g_assert_false (au_covered_call_roll_is_credit (P ("2.00"), P ("2.00"), &why));
  g_assert_cmpstr (why.rule, ==, "D2.11");

  /* R7.3: called away on Friday 2026-11-20; Rev's next cycle is Wednesday
   * 11-25; Gen's Thursday 11-26 is Thanksgiving, so Friday 11-27 (D2.16). */
  g_assert_true (au_covered_call_csp_resume_date (c, AU_SLEEVE_REV, &friday, &resume, &why));
  expected = ymd (2026, 11, 25);
  g_assert_cmpint (g_date_compare (&resume, &expected), ==, 0);
  g_assert_cmpstr (why.rule, ==, "R7.3");
  g_assert_true (au_covered_call_csp_resume_date (c, AU_SLEEVE_GEN, &friday, &resume, &why));
  expected = ymd (2026, 11, 27);
  g_assert_cmpint (g_date_compare (&resume, &expected), ==, 0);
  /* Called away early on a Tuesday: Gen still enters that Thursday. */
  friday = ymd (2026, 11, 17);
  g_assert_true (au_covered_call_csp_resume_date (c, AU_SLEEVE_GEN, &friday, &resume, &why));
  expected = ymd (2026, 11, 19);
  g_assert_cmpint (g_date_compare (&resume, &expected), ==, 0);
}

static void
test_assignment_bands (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  struct {
    AuOptionRight    right;
    const char      *spot;
    double           hours;
    AuAssignmentRisk risk;
    double           probability;
  } rows[] = {
    { AU_OPTION_PUT, "105.01", 100, AU_ASSIGNMENT_RISK_LOW, 0.05 },
    { AU_OPTION_PUT, "105.00", 100, AU_ASSIGNMENT_RISK_MEDIUM, 0.20 },    /* exactly 5% OTM */
    { AU_OPTION_PUT, "101.00", 48, AU_ASSIGNMENT_RISK_MEDIUM, 0.24 },     /* × 1.2 under 72 h */
    { AU_OPTION_PUT, "100.99", 100, AU_ASSIGNMENT_RISK_HIGH, 0.60 },
    { AU_OPTION_PUT, "97.00", 10, AU_ASSIGNMENT_RISK_HIGH, 0.90 },        /* 3% ITM, × 1.5 */
    { AU_OPTION_PUT, "96.99", 10, AU_ASSIGNMENT_RISK_CRITICAL, 0.95 },    /* capped at 95% */
    { AU_OPTION_CALL, "95.00", 100, AU_ASSIGNMENT_RISK_MEDIUM, 0.20 },
    { AU_OPTION_CALL, "103.01", 100, AU_ASSIGNMENT_RISK_CRITICAL, 0.90 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      AuAssignmentCheck check;

      g_assert_true (au_assignment_check (c, rows[i].right, P ("100"), P (rows[i].spot),
                                          rows[i].hours, &check, &error));
      g_test_message ("%s", check.why.reason);
      g_assert_cmpint (check.risk, ==, rows[i].risk);
      g_assert_cmpfloat_with_epsilon (check.probability, rows[i].probability, 1e-12);
      g_assert_true (check.prepare == (rows[i].risk >= AU_ASSIGNMENT_RISK_MEDIUM));
      g_assert_cmpstr (check.why.rule, ==, "R7.1");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Protocol/CoveredCall/assignment-risk", test_assignment_risk);
  g_test_add_func ("/Protocol/CoveredCall/profit-and-expiry", test_profit_and_expiry);
  g_test_add_func ("/Protocol/CoveredCall/earnings-coverage", test_earnings_coverage);
  g_test_add_func ("/Protocol/CoveredCall/bad-input", test_bad_input);
  g_test_add_func ("/Protocol/CoveredCall/roll-and-resume", test_roll_and_resume);
  g_test_add_func ("/Protocol/CoveredCall/assignment-bands", test_assignment_bands);
  return g_test_run ();
}

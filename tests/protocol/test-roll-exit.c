/* test-roll-exit.c: the roll planner (R6.3, R6.7, D2.18, D2.24) and the
 * L3 marketable exit (D2.25, R0.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-l3-exit.h"
#include "au-roll-planner.h"
#include "protocol-test-util.h"

static AuOptionQuote
quote (int           month,
       int           day,
       AuOptionRight right,
       const char   *strike,
       const char   *bid,
       double        delta)
{
  AuOptionQuote q = { 0 };

  q.expiry = ymd (2026, month, day);
  q.right = right;
  q.strike = P (strike);
  q.bid = P (bid);
  q.ask = q.bid + P ("0.10");
  q.delta = delta;
  q.open_interest = 1000;
  q.volume = 500;
  return q;
}

/* The Gen CSP of the worked example, K = 200 expiring Friday 2026-11-20,
 * sold for 1.20, bought back at 9.80; a chain with the candidates. */
static AuRollLeg
worked_leg (const char *close_price)
{
  AuRollLeg leg = { 0 };

  leg.sleeve = AU_SLEEVE_GEN;
  leg.right = AU_OPTION_PUT;
  leg.strike = P ("200");
  leg.expiry = ymd (2026, 11, 20);
  leg.original_credit = P ("1.20");
  leg.close_price = P (close_price);
  return leg;
}

static GArray *
worked_chain (void)
{
  GArray *quotes = g_array_new (FALSE, FALSE, sizeof (AuOptionQuote));
  AuOptionQuote rows[] = {
    quote (11, 21, AU_OPTION_PUT, "190", "12.00", -0.42),  /* 1 day after: not a roll (D2.24) */
    quote (11, 22, AU_OPTION_PUT, "190", "12.00", -0.42),  /* 2 days after */
    quote (11, 23, AU_OPTION_PUT, "186", "10.50", -0.38),  /* first expiry 3+ days out: low Δ */
    quote (11, 23, AU_OPTION_PUT, "190", "9.20", -0.41),   /* in the band, the best premium */
    quote (11, 23, AU_OPTION_PUT, "191", "9.10", -0.43),   /* in the band */
    quote (11, 23, AU_OPTION_PUT, "194", "11.00", -0.47),  /* above the band */
    quote (11, 23, AU_OPTION_CALL, "190", "20.00", 0.42),  /* the wrong right */
    quote (11, 27, AU_OPTION_PUT, "190", "12.50", -0.42),  /* a later expiry: not the first */
  };

  g_array_append_vals (quotes, rows, G_N_ELEMENTS (rows));
  return quotes;
}

static AuRollPlan
plan (AuConstitution  *c,
      const AuRollLeg *leg,
      AuProtocolLevel  level,
      gboolean         trigger,
      gboolean         hedged,
      GArray          *quotes)
{
  g_autoptr(GError) error = NULL;
  AuRollPlan p;

  g_assert_true (au_roll_planner_plan (c, leg, level, trigger, hedged,
                                       (const AuOptionQuote *) quotes->data, quotes->len, &p,
                                       &error));
  g_assert_no_error (error);
  g_test_message ("%s: %s", au_roll_outcome_to_string (p.outcome), p.why.reason);
  return p;
}

static void
test_worked_roll (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GArray) quotes = worked_chain ();
  AuRollLeg leg = worked_leg ("9.80");
  AuRollPlan p;
  GDate expected = ymd (2026, 11, 23);

  /* 9.80 − 9.20 = 0.60 on a credit of 1.20: exactly 50%, not more: roll. */
  p = plan (c, &leg, AU_PROTOCOL_L2, TRUE, FALSE, quotes);
  g_assert_cmpint (p.outcome, ==, AU_ROLL_GO);
  g_assert_cmpint (p.candidate.strike, ==, P ("190"));
  g_assert_cmpint (p.candidate.bid, ==, P ("9.20"));
  g_assert_cmpint (g_date_compare (&p.candidate.expiry, &expected), ==, 0);
  g_assert_cmpint (p.net_debit, ==, P ("0.60"));
  g_assert_cmpfloat_with_epsilon (p.cost_ratio, 0.5, 1e-12);
  g_assert_cmpint (p.escalate_to, ==, AU_PROTOCOL_L2);
  g_assert_cmpstr (p.why.rule, ==, "R6.7");

  /* 0.61 is 50.8%: no roll, L3. */
  leg = worked_leg ("9.81");
  p = plan (c, &leg, AU_PROTOCOL_L2, TRUE, FALSE, quotes);
  g_assert_cmpint (p.outcome, ==, AU_ROLL_TOO_COSTLY);
  g_assert_cmpint (p.net_debit, ==, P ("0.61"));
  g_assert_cmpint (p.escalate_to, ==, AU_PROTOCOL_L3);
  g_assert_cmpstr (p.why.rule, ==, "R6.7");
  g_assert_nonnull (strstr (p.why.reason, "50.8%"));
}

static void
test_economics (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  AuProtocolWhy why;

  g_assert_true (au_roll_economics_allow (c, P ("0.60"), P ("1.20"), &why));
  g_assert_false (au_roll_economics_allow (c, P ("0.6001"), P ("1.20"), &why));
  g_assert_false (au_roll_economics_allow (c, P ("0.61"), P ("1.20"), &why));
  g_assert_true (au_roll_economics_allow (c, -P ("0.15"), P ("1.20"), &why)); /* a net credit */
  /* R6.7: a credit must be positive. */
  g_assert_false (au_roll_economics_allow (c, 0, 0, &why));
  g_assert_cmpstr (why.rule, ==, "R6.7");
}

static void
test_when_to_roll (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GArray) quotes = worked_chain ();
  AuRollLeg leg = worked_leg ("9.80");
  AuProtocolWhy why;

  g_assert_false (au_roll_planner_may_roll (c, AU_PROTOCOL_L0, FALSE, FALSE, &why));
  g_assert_false (au_roll_planner_may_roll (c, AU_PROTOCOL_L1, FALSE, FALSE, &why));
  g_assert_true (au_roll_planner_may_roll (c, AU_PROTOCOL_L1, TRUE, FALSE, &why));
  g_assert_true (au_roll_planner_may_roll (c, AU_PROTOCOL_L2, TRUE, FALSE, &why));
  g_assert_false (au_roll_planner_may_roll (c, AU_PROTOCOL_L3, TRUE, FALSE, &why));
  g_assert_cmpstr (why.rule, ==, "R6.4");

  /* D2.18: in a Hedged Week only L2 and above roll. */
  g_assert_false (au_roll_planner_may_roll (c, AU_PROTOCOL_L1, TRUE, TRUE, &why));
  g_assert_cmpstr (why.rule, ==, "D2.18");
  g_assert_true (au_roll_planner_may_roll (c, AU_PROTOCOL_L2, TRUE, TRUE, &why));

  g_assert_cmpint (plan (c, &leg, AU_PROTOCOL_L1, TRUE, TRUE, quotes).outcome, ==, AU_ROLL_NOT_DUE);
  g_assert_cmpint (plan (c, &leg, AU_PROTOCOL_L2, TRUE, TRUE, quotes).outcome, ==, AU_ROLL_GO);
  g_assert_cmpint (plan (c, &leg, AU_PROTOCOL_L0, FALSE, FALSE, quotes).outcome, ==,
                   AU_ROLL_NOT_DUE);
}

static void
test_candidates (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GArray) quotes = worked_chain ();
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (AuOptionQuote));
  g_autoptr(GError) error = NULL;
  AuRollLeg leg = worked_leg ("9.80");
  AuOptionQuote tie = quote (11, 23, AU_OPTION_PUT, "189", "9.20", -0.40);
  AuRollPlan p;

  /* Equal premium: the strike further out of the money. */
  g_array_append_val (quotes, tie);
  p = plan (c, &leg, AU_PROTOCOL_L2, TRUE, FALSE, quotes);
  g_assert_cmpint (p.candidate.strike, ==, P ("189"));

  /* Rev's band is 0.30–0.35: none at the first expiry → no candidate. */
  leg.sleeve = AU_SLEEVE_REV;
  p = plan (c, &leg, AU_PROTOCOL_L2, TRUE, FALSE, quotes);
  g_assert_cmpint (p.outcome, ==, AU_ROLL_NO_CANDIDATE);
  g_assert_cmpstr (p.why.rule, ==, "D2.24");

  /* No expiry three days out. */
  g_array_append_vals (near, quotes->data, 2);
  p = plan (c, &leg, AU_PROTOCOL_L2, TRUE, FALSE, near);
  g_assert_cmpint (p.outcome, ==, AU_ROLL_NO_CANDIDATE);

  /* A call rolls in the covered-call band (D2.19). */
  {
    AuRollLeg call = worked_leg ("1.00");
    AuOptionQuote cc[] = {
      quote (11, 27, AU_OPTION_CALL, "210", "1.30", 0.22),
      quote (11, 27, AU_OPTION_CALL, "205", "2.10", 0.30),
    };

    g_array_set_size (near, 0);
    g_array_append_vals (near, cc, G_N_ELEMENTS (cc));
    call.right = AU_OPTION_CALL;
    call.sleeve = AU_SLEEVE_COM;
    p = plan (c, &call, AU_PROTOCOL_L2, TRUE, FALSE, near);
    g_assert_cmpint (p.outcome, ==, AU_ROLL_GO);
    g_assert_cmpint (p.candidate.strike, ==, P ("210"));
    g_assert_cmpint (p.net_debit, ==, -P ("0.30"));
  }

  /* Bad input names the field. */
  leg.original_credit = 0;
  g_assert_false (au_roll_planner_plan (c, &leg, AU_PROTOCOL_L2, TRUE, FALSE,
                                        (const AuOptionQuote *) quotes->data, quotes->len, &p,
                                        &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "original_credit"));
}

static void
test_l3_limit (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GError) error = NULL;
  AuPrice limit;

  /* D2.25: 1.20 + 10% × 0.20 = 1.22 to buy back. */
  g_assert_true (au_l3_exit_limit (c, TRUE, P ("1.00"), P ("1.20"), &limit, &error));
  g_assert_cmpint (limit, ==, P ("1.22"));
  /* Selling: 1.00 − 0.02. */
  g_assert_true (au_l3_exit_limit (c, FALSE, P ("1.00"), P ("1.20"), &limit, &error));
  g_assert_cmpint (limit, ==, P ("0.98"));
  /* 1.25 + 0.025 rounds up to the cent to stay marketable. */
  g_assert_true (au_l3_exit_limit (c, TRUE, P ("1.00"), P ("1.25"), &limit, &error));
  g_assert_cmpint (limit, ==, P ("1.28"));
  /* A locked quote: the ask itself. */
  g_assert_true (au_l3_exit_limit (c, TRUE, P ("2.00"), P ("2.00"), &limit, &error));
  g_assert_cmpint (limit, ==, P ("2.00"));
  /* A crossed quote is refused, naming the field. */
  g_assert_false (au_l3_exit_limit (c, TRUE, P ("1.30"), P ("1.20"), &limit, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "ask"));
}

static void
test_l3_reprice (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GError) error = NULL;
  gint64 t0 = et (2026, 11, 19, 11, 0);
  AuL3Exit exit_order;

  g_assert_true (au_l3_exit_start (c, TRUE, P ("1.00"), P ("1.20"), t0, &exit_order, &error));
  g_assert_cmpint (exit_order.limit, ==, P ("1.22"));
  g_assert_cmpuint (exit_order.version, ==, 1);
  g_assert_cmpstr (exit_order.why.rule, ==, "D2.25");

  /* R0.6: every 3 s until filled. */
  g_assert_false (au_l3_exit_reprice_due (&exit_order, t0 + 2999999));
  g_assert_true (au_l3_exit_reprice_due (&exit_order, t0 + 3 * G_USEC_PER_SEC));
  g_assert_true (au_l3_exit_reprice (c, &exit_order, P ("1.10"), P ("1.30"),
                                     t0 + 3 * G_USEC_PER_SEC, &error));
  g_assert_cmpint (exit_order.limit, ==, P ("1.32"));
  g_assert_cmpuint (exit_order.version, ==, 2);
  g_assert_cmpint (exit_order.reprice_at, ==, t0 + 6 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (exit_order.why.reason, "v2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Protocol/Roll/worked-example", test_worked_roll);
  g_test_add_func ("/Protocol/Roll/economics", test_economics);
  g_test_add_func ("/Protocol/Roll/when", test_when_to_roll);
  g_test_add_func ("/Protocol/Roll/candidates", test_candidates);
  g_test_add_func ("/Protocol/L3Exit/limit", test_l3_limit);
  g_test_add_func ("/Protocol/L3Exit/reprice", test_l3_reprice);
  return g_test_run ();
}

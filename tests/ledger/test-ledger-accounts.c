/* test-ledger-accounts.c: the tree, forks, merges and reinvestment (§6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ledger-fixture.h"

/* R0.1: $300,000 -> Gen $120,000 / Rev $90,000 / Com $90,000. */
static void
test_tree_split (Fixture       *f,
                 gconstpointer  data)
{
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerSummary root = summary (f, tree.root);
  AuLedgerAccount gen;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (balance (f, tree.gen, AU_BOOK_CASH), ==, DOLLARS (120000));
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==, DOLLARS (90000));
  g_assert_cmpint (balance (f, tree.com, AU_BOOK_CASH), ==, DOLLARS (90000));
  g_assert_cmpint (summary (f, tree.gen).transfers_net, ==, DOLLARS (120000));
  g_assert_cmpint (root.contributed, ==, DOLLARS (300000));
  g_assert_cmpint (root.equity_at_cost, ==, 0);   /* handed on to the sleeves */

  g_assert_true (au_ledger_get_account (f->ledger, tree.gen, &gen, &error));
  g_assert_cmpstr (gen.name, ==, "ALL-USE-1/Gen");
  g_assert_cmpint (gen.kind, ==, AU_ACCOUNT_GEN);
  g_assert_cmpint (gen.parent_id, ==, tree.root);
  g_assert_cmpint (gen.initial_capital, ==, DOLLARS (120000));
  g_assert_cmpint (gen.status, ==, AU_ACCOUNT_ACTIVE);
  au_ledger_account_clear (&gen);
  assert_check_ok (f);
}

/* The cent that 30% cannot take goes to Gen, so nothing is lost. */
static void
test_tree_remainder_cent (Fixture       *f,
                          gconstpointer  data)
{
  AuLedgerTree tree = make_tree (f, 10000001);   /* $100,000.01 */

  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==, 3000000);
  g_assert_cmpint (balance (f, tree.com, AU_BOOK_CASH), ==, 3000000);
  g_assert_cmpint (balance (f, tree.gen, AU_BOOK_CASH), ==, 4000001);
  assert_check_ok (f);
}

static void
test_tree_refuses_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-01-05T14:00:00Z");
  AuLedgerTree tree;

  g_assert_false (au_ledger_create_tree (f->ledger, 0, time, &tree, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "deposit"));
  g_assert_cmpint (count (f, "ledger_accounts"), ==, 0);
}

/* Example (a), D2.2: Gen at $226,500 forks once into MINI-1; at $221,000
 * it forks again. The boundary is base + one step = $220,000. */
static void
test_fork_gen (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-03-02T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerAccount mini;
  gint64 mini_id;
  gint64 second;

  earn (f, tree.gen, 9999999, "2026-02-02T15:00:00Z");           /* Gen $219,999.99 */
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.gen, NULL), ==, 0);
  g_assert_cmpint (au_ledger_fork_gen (f->ledger, tree.gen, time, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_assert_nonnull (strstr (error->message, "R2.6"));
  g_clear_error (&error);

  earn (f, tree.gen, 1, "2026-02-02T15:00:00Z");                 /* exactly $220,000 */
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.gen, NULL), ==, 1);

  earn (f, tree.gen, DOLLARS (6500), "2026-02-03T15:00:00Z");   /* $226,500 */
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (226500));

  mini_id = au_ledger_fork_gen (f->ledger, tree.gen, time, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mini_id, >, 0);
  g_assert_cmpint (balance (f, tree.gen, AU_BOOK_CASH), ==, DOLLARS (126500));
  g_assert_cmpint (balance (f, mini_id, AU_BOOK_CASH), ==, DOLLARS (100000));
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.gen, NULL), ==, 0);

  g_assert_true (au_ledger_get_account (f->ledger, mini_id, &mini, &error));
  g_assert_cmpstr (mini.name, ==, "MINI-1");
  g_assert_cmpint (mini.kind, ==, AU_ACCOUNT_MINI);
  g_assert_cmpint (mini.parent_id, ==, tree.gen);
  g_assert_cmpint (mini.root_id, ==, tree.root);
  g_assert_cmpint (mini.initial_capital, ==, DOLLARS (100000));
  g_assert_cmpint (mini.mini_gen_capital, ==, DOLLARS (50000));
  g_assert_cmpint (mini.mini_com_capital, ==, DOLLARS (50000));
  au_ledger_account_clear (&mini);

  /* Gen then reaches $221,000: fork #2, Gen back to $121,000. */
  earn (f, tree.gen, DOLLARS (94500), "2026-03-03T15:00:00Z");
  second = au_ledger_fork_gen (f->ledger, tree.gen, time, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, mini_id);
  g_assert_cmpint (balance (f, tree.gen, AU_BOOK_CASH), ==, DOLLARS (121000));

  /* A Rev sleeve is not a Gen sleeve. */
  g_assert_cmpint (au_ledger_fork_gen (f->ledger, tree.rev, time, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID);
  assert_check_ok (f);
}

/* R3.6: Rev base $90,000 at $612,000 forks a new $500,000 tree split
 * $200,000 / $150,000 / $150,000 and keeps $112,000. */
static void
test_fork_rev (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-06-01T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerTree fork = { 0, };
  AuLedgerAccount root;

  earn (f, tree.rev, 49999999, "2026-05-01T15:00:00Z");          /* $589,999.99 */
  g_assert_false (au_ledger_fork_rev (f->ledger, tree.rev, time, &fork, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_assert_nonnull (strstr (error->message, "R3.6"));
  g_clear_error (&error);

  earn (f, tree.rev, DOLLARS (22000) + 1, "2026-05-02T15:00:00Z");  /* $612,000 */
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.rev, NULL), ==, 1);
  g_assert_true (au_ledger_fork_rev (f->ledger, tree.rev, time, &fork, &error));
  g_assert_no_error (error);

  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==, DOLLARS (112000));
  g_assert_cmpint (balance (f, fork.gen, AU_BOOK_CASH), ==, DOLLARS (200000));
  g_assert_cmpint (balance (f, fork.rev, AU_BOOK_CASH), ==, DOLLARS (150000));
  g_assert_cmpint (balance (f, fork.com, AU_BOOK_CASH), ==, DOLLARS (150000));

  g_assert_true (au_ledger_get_account (f->ledger, fork.root, &root, &error));
  g_assert_cmpstr (root.name, ==, "ALL-USE-2");
  g_assert_cmpint (root.parent_id, ==, tree.rev);
  g_assert_cmpint (root.initial_capital, ==, DOLLARS (500000));
  au_ledger_account_clear (&root);
  assert_check_ok (f);
}

static gint64
sub_accounts (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (au_ledger_count_sub_accounts (f->ledger, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* R11.2: the constitution caps sub-accounts per user at 8, counting the
 * first tree's Gen, Rev and Com (3) and every MINI: a new tree takes at
 * most 5 MINIs and the 6th Gen fork is refused. */
static void
test_fork_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-06-01T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));

  g_assert_cmpint (sub_accounts (f), ==, 3);
  earn (f, tree.gen, DOLLARS (900000), "2026-05-01T15:00:00Z");  /* 9 steps over base */
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.gen, NULL), ==, 9);
  for (int i = 0; i < 5; i++)
    {
      g_assert_cmpint (au_ledger_fork_gen (f->ledger, tree.gen, time, &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpint (sub_accounts (f), ==, 4 + i);
    }
  g_assert_cmpint (au_ledger_fork_gen (f->ledger, tree.gen, time, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "R11.2"));
  g_assert_nonnull (strstr (error->message, "8 sub-accounts are active"));
  g_assert_nonnull (strstr (error->message, "Gen fork adds 1"));
  g_assert_nonnull (strstr (error->message, "at most 8"));
  /* Refused whole: $1,020,000 less five $100,000 steps, no sixth MINI. */
  g_assert_cmpint (balance (f, tree.gen, AU_BOOK_CASH), ==, DOLLARS (520000));
  g_assert_cmpint (count (f, "ledger_accounts"), ==, 4 + 5);
  g_assert_cmpint (sub_accounts (f), ==, 8);
  assert_check_ok (f);
}

/* R11.2: a Rev fork adds a tree of 3, so with 3 MINIs (6 + 3 = 9 > 8) it
 * waits; a MINI's merge (D2.3) makes room and 5 + 3 = 8 fits exactly. A
 * closed tree stops counting. */
static void
test_fork_cap_rev (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-06-01T15:00:00Z");
  g_autoptr(GDateTime) merge_time = at ("2026-06-05T20:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerTree fork = { 0, };
  gint64 minis[3];
  g_autofree char *close_sql = NULL;

  earn (f, tree.gen, DOLLARS (300000), "2026-05-01T15:00:00Z");  /* 3 Gen steps */
  earn (f, tree.rev, DOLLARS (522000), "2026-05-01T15:00:00Z");  /* Rev $612,000 */
  for (guint i = 0; i < G_N_ELEMENTS (minis); i++)
    {
      minis[i] = au_ledger_fork_gen (f->ledger, tree.gen, time, &error);
      g_assert_no_error (error);
      g_assert_cmpint (minis[i], >, 0);
    }
  g_assert_cmpint (sub_accounts (f), ==, 6);

  g_assert_false (au_ledger_fork_rev (f->ledger, tree.rev, time, &fork, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "R11.2"));
  g_assert_nonnull (strstr (error->message, "6 sub-accounts are active"));
  g_assert_nonnull (strstr (error->message, "Rev fork adds 3"));
  g_assert_nonnull (strstr (error->message, "at most 8"));
  g_clear_error (&error);
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==, DOLLARS (612000));
  g_assert_cmpint (count (f, "ledger_accounts"), ==, 4 + 3);

  /* MINI-1 at 3x its $100,000 merges: 5 remain and the tree fits. */
  earn (f, minis[0], DOLLARS (200000), "2026-06-02T15:00:00Z");
  g_assert_cmpint (au_ledger_merge_mini (f->ledger, minis[0], merge_time, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sub_accounts (f), ==, 5);
  g_assert_true (au_ledger_fork_rev (f->ledger, tree.rev, merge_time, &fork, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sub_accounts (f), ==, 8);
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==, DOLLARS (112000));

  /* Full again: the Gen sleeve's last due step must wait. */
  g_assert_cmpuint (au_ledger_eligible_forks (f->ledger, tree.gen, NULL), ==, 0);
  earn (f, tree.gen, DOLLARS (100000), "2026-06-08T15:00:00Z");
  g_assert_cmpint (au_ledger_fork_gen (f->ledger, tree.gen, merge_time, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_LIMIT);
  g_clear_error (&error);

  /* No public call closes a tree yet; its status event is what counts. */
  close_sql = g_strdup_printf ("INSERT INTO ledger_account_events (account_id, status, time, "
                               "reason) VALUES (%" G_GINT64_FORMAT ", 'closed', "
                               "'2026-06-09T15:00:00Z', 'test: tree closed');", fork.root);
  g_assert_true (au_database_exec (f->db, close_sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sub_accounts (f), ==, 5);
  assert_check_ok (f);
}

/* D2.3: a MINI merges at 3x its capital or at its 3rd anniversary, its
 * positions closed, its whole balance into the tree's Com sleeve. */
static void
test_merge_mini (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) fork_time = at ("2026-03-02T15:00:00Z");
  g_autoptr(GDateTime) early = at ("2026-09-01T15:00:00Z");
  g_autoptr(GDateTime) expiry = at ("2026-09-04T21:00:00Z");
  g_autoptr(GDateTime) anniversary = at ("2029-03-02T15:00:00Z");
  g_autoptr(GDateTime) before_anniversary = at ("2029-03-02T14:59:59Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-09-04", 100 };
  AuFill fill = { "exec-m1", NULL, 1, 12000, 65 };
  AuLedgerAccount mini;
  gint64 mini1, mini2;
  gint64 merge;

  earn (f, tree.gen, DOLLARS (200000), "2026-02-02T15:00:00Z");
  mini1 = au_ledger_fork_gen (f->ledger, tree.gen, fork_time, &error);
  g_assert_no_error (error);
  mini2 = au_ledger_fork_gen (f->ledger, tree.gen, fork_time, &error);
  g_assert_no_error (error);

  /* $299,999.99 is below 3x. */
  earn (f, mini1, 19999999, "2026-08-03T15:00:00Z");
  g_assert_cmpint (au_ledger_merge_mini (f->ledger, mini1, early, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_assert_nonnull (strstr (error->message, "D2.3"));
  g_clear_error (&error);

  /* At $300,000, but an open short put must be closed first. */
  earn (f, mini1, 1, "2026-08-03T15:00:00Z");
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, mini1, &put, &fill, early, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_merge_mini (f->ledger, mini1, early, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_expire (f->ledger, mini1, &put, expiry, &error), >, 0);
  g_assert_no_error (error);

  /* $300,000 + $120 premium − $0.65 commission. */
  merge = au_ledger_merge_mini (f->ledger, mini1, expiry, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merge, >, 0);
  g_assert_cmpint (balance (f, mini1, AU_BOOK_CASH), ==, 0);
  g_assert_cmpint (balance (f, tree.com, AU_BOOK_CASH), ==, DOLLARS (90000) + DOLLARS (300120) - 65);
  g_assert_true (au_ledger_get_account (f->ledger, mini1, &mini, &error));
  g_assert_cmpint (mini.status, ==, AU_ACCOUNT_MERGED);
  au_ledger_account_clear (&mini);

  /* A merged account books nothing more. */
  g_assert_cmpint (au_ledger_merge_mini (f->ledger, mini1, expiry, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INACTIVE);
  g_clear_error (&error);

  /* MINI-2 at $180,000 merges on its 3rd anniversary, not a second before. */
  earn (f, mini2, DOLLARS (80000), "2027-03-01T15:00:00Z");
  g_assert_cmpint (au_ledger_merge_mini (f->ledger, mini2, before_anniversary, &error), ==, 0);
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_clear_error (&error);
  g_assert_cmpint (au_ledger_merge_mini (f->ledger, mini2, anniversary, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (balance (f, tree.com, AU_BOOK_CASH), ==,
                   DOLLARS (90000) + DOLLARS (300120) - 65 + DOLLARS (180000));
  assert_check_ok (f);
}

/* R3.5 / D2.9: $20,000 of gains -> reserve $6,000, contracts $10,500,
 * LEAPs $3,500; the quarter is New York's calendar quarter. */
static void
test_reinvest (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) in_quarter = at ("2026-03-31T15:00:00Z");
  g_autoptr(GDateTime) after = at ("2026-04-01T14:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerReinvestment r = { 0, };
  AuMoney gains = 0;

  earn (f, tree.rev, DOLLARS (19000), "2026-02-11T15:00:00Z");
  /* 23:59:59 on March 31 in New York is in Q1; midnight is Q2. */
  earn (f, tree.rev, DOLLARS (1000), "2026-04-01T03:59:59Z");
  earn (f, tree.rev, DOLLARS (5000), "2026-04-01T04:00:00Z");

  g_assert_false (au_ledger_reinvest_quarter (f->ledger, tree.rev, 2026, 1, in_quarter, &r,
                                              &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_clear_error (&error);

  g_assert_true (au_ledger_reinvest_quarter (f->ledger, tree.rev, 2026, 1, after, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.gains, ==, DOLLARS (20000));
  g_assert_cmpint (r.tax_reserve, ==, DOLLARS (6000));
  g_assert_cmpint (r.contracts, ==, DOLLARS (10500));
  g_assert_cmpint (r.leaps, ==, DOLLARS (3500));
  g_assert_cmpint (r.transaction_id, >, 0);
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_TAX_RESERVE), ==, DOLLARS (6000));
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_LEAP_BUDGET), ==, DOLLARS (3500));
  g_assert_cmpint (balance (f, tree.rev, AU_BOOK_CASH), ==,
                   DOLLARS (90000) + DOLLARS (25000) - DOLLARS (9500));
  /* Setting money aside changes no equity. */
  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (115000));

  /* A quarter is reinvested once. */
  g_assert_false (au_ledger_reinvest_quarter (f->ledger, tree.rev, 2026, 1, after, &r, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* The ledger gives the gains of any period. */
  {
    g_autoptr(GDateTime) q2 = at ("2026-04-01T04:00:00Z");
    g_autoptr(GDateTime) q3 = at ("2026-07-01T04:00:00Z");

    g_assert_true (au_ledger_net_realized_gains (f->ledger, tree.rev, q2, q3, &gains, &error));
    g_assert_cmpint (gains, ==, DOLLARS (5000));
  }

  /* R10.1: Gen does not reinvest. */
  g_assert_false (au_ledger_reinvest_quarter (f->ledger, tree.gen, 2026, 1, after, &r, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE);
  g_clear_error (&error);
  assert_check_ok (f);
}

/* D2.9: gains of zero or less: nothing happens. */
static void
test_reinvest_nothing (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) after = at ("2026-04-01T14:00:00Z");
  g_autoptr(GDateTime) when = at ("2026-02-11T15:00:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuLedgerPosting fee[] = {
    { tree.com, AU_BOOK_COMMISSIONS, 100 },
    { tree.com, AU_BOOK_CASH, -100 },
  };
  AuLedgerReinvestment r = { 0, };
  gint64 before;

  g_assert_cmpint (au_ledger_post (f->ledger, when, "fee", "a fee", NULL, fee, 2, &error), >, 0);
  before = count (f, "ledger_transactions");
  g_assert_true (au_ledger_reinvest_quarter (f->ledger, tree.com, 2026, 1, after, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.gains, ==, -100);
  g_assert_cmpint (r.tax_reserve, ==, 0);
  g_assert_cmpint (r.transaction_id, ==, 0);
  g_assert_cmpint (count (f, "ledger_transactions"), ==, before);
  g_assert_cmpint (balance (f, tree.com, AU_BOOK_TAX_RESERVE), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/ledger/tree/split", test_tree_split);
  ADD ("/ledger/tree/remainder-cent", test_tree_remainder_cent);
  ADD ("/ledger/tree/refuses-nothing", test_tree_refuses_nothing);
  ADD ("/ledger/fork/gen", test_fork_gen);
  ADD ("/ledger/fork/rev", test_fork_rev);
  ADD ("/ledger/fork/cap", test_fork_cap);
  ADD ("/ledger/fork/cap-rev", test_fork_cap_rev);
  ADD ("/ledger/merge/mini", test_merge_mini);
  ADD ("/ledger/reinvest/quarter", test_reinvest);
  ADD ("/ledger/reinvest/no-gains", test_reinvest_nothing);
#undef ADD

  return g_test_run ();
}

/* test-account-lifecycle.c: portfolio, forks, the fork queue, merges and
 * the quarterly reinvestment with the research's numbers (§6.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "accounts-fixture.h"

#define START      "2026-01-05T14:00:00Z"
#define CUT_1      "2026-01-09T16:30:00-05:00"   /* a Friday's weekly cut (R1.2) */
#define CUT_2      "2026-01-16T16:30:00-05:00"
#define MANAGE_2   "2026-01-16T15:00:00-05:00"   /* the Friday manage window (R1.1) */
#define MANAGE_3   "2026-01-23T15:00:00-05:00"

static void
cut (Fixture           *f,
     const char        *when,
     AuLifecycleResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);

  g_assert_true (au_account_manager_weekly_cut (f->manager, time, result, &error));
  g_assert_no_error (error);
}

static void
manage (Fixture           *f,
        const char        *when,
        AuLifecycleResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);

  g_assert_true (au_account_manager_friday_manage (f->manager, time, result, &error));
  g_assert_no_error (error);
}

/* R0.1: $300,000 → Gen $120,000, Rev $90,000, Com $90,000, once. */
static void
test_portfolio (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) accounts = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);
  AuLedgerTree again = portfolio (f, DOLLARS (999999), "2026-02-02T14:00:00Z");

  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (120000));
  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (90000));
  g_assert_cmpint (summary (f, tree.com).equity_at_cost, ==, DOLLARS (90000));
  g_assert_cmpint (again.root, ==, tree.root);
  g_assert_cmpint (again.gen, ==, tree.gen);
  g_assert_cmpint (again.com, ==, tree.com);
  accounts = au_ledger_list_accounts (f->ledger, &error);
  g_assert_cmpuint (accounts->len, ==, 4);
  g_assert_cmpuint (count_records (f, "portfolio", "CREATED", "R0.1"), ==, 1);
  assert_ledger_ok (f);
}

static void
test_portfolio_needs_capital (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (START);
  AuLedgerTree tree;

  g_assert_false (au_account_manager_ensure_portfolio (f->manager, 0, time, &tree, &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "capital"));
}

/* §6.1 example (a): Gen $226,500 → one MINI of $100,000, Gen $126,500. */
static void
test_gen_fork_one (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);
  AuLedgerAccount mini;
  g_autoptr(GError) error = NULL;
  gint64 mini_id;

  earn (f, tree.gen, DOLLARS (106500), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);

  g_assert_cmpuint (result.new_minis->len, ==, 1);
  g_assert_cmpuint (result.new_trees->len, ==, 0);
  g_assert_cmpuint (result.queued, ==, 0);
  mini_id = g_array_index (result.new_minis, gint64, 0);
  g_assert_cmpint (summary (f, mini_id).equity_at_cost, ==, DOLLARS (100000));
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (126500));
  g_assert_true (au_ledger_get_account (f->ledger, mini_id, &mini, &error));
  g_assert_cmpint (mini.kind, ==, AU_ACCOUNT_MINI);
  g_assert_cmpint (mini.mini_gen_capital, ==, DOLLARS (50000));
  g_assert_cmpint (mini.mini_com_capital, ==, DOLLARS (50000));
  au_ledger_account_clear (&mini);

  /* The decision and the rule check that approved it are both audited. */
  g_assert_cmpuint (count_records (f, "fork", "FORKED", "D2.2"), ==, 1);
  g_assert_cmpuint (count_records (f, "fork", "FORKED", "R2.6"), ==, 1);
  /* Rev is not due: a non-decision with its reason. */
  g_assert_cmpuint (count_records (f, "fork", "NO_ACTION", "R3.6"), ==, 1);
  /* R11.2: the first tree's Gen, Rev and Com plus the MINI. */
  g_assert_cmpint (au_account_manager_count_sub_accounts (f->manager, &error), ==, 4);

  /* §6.1: Gen then reaches $221,000 → fork #2, Gen $121,000. */
  au_lifecycle_result_clear (&result);
  earn (f, tree.gen, DOLLARS (94500), "2026-01-14T15:00:00Z");
  cut (f, CUT_2, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 1);
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (121000));
  assert_ledger_ok (f);
  assert_audit_ok (f);
}

/* On the boundary: base + $100,000 exactly forks, a cent less does not. */
static void
test_gen_fork_boundary (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);

  earn (f, tree.gen, DOLLARS (100000) - 1, "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 0);
  g_assert_cmpuint (count_records (f, "fork", "NO_ACTION", "R2.6"), ==, 1);
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (220000) - 1);

  au_lifecycle_result_clear (&result);
  earn (f, tree.gen, 1, "2026-01-14T15:00:00Z");
  cut (f, CUT_2, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 1);
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (120000));
}

/* D2.2: Gen at $321,000 → two forks at once, Gen $121,000. */
static void
test_gen_fork_two (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);

  earn (f, tree.gen, DOLLARS (201000), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (summary (f, g_array_index (result.new_minis, gint64, i)).equity_at_cost, ==,
                     DOLLARS (100000));
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (121000));
  g_assert_cmpuint (count_records (f, "fork", "FORKED", "D2.2"), ==, 2);
  assert_ledger_ok (f);
}

/* §6.1 Rev fork: base $90,000 at $612,000 → a new $500,000 tree
 * (200/150/150), Rev $112,000; the new tree's three sleeves count beside
 * the first tree's three (R11.2). */
static void
test_rev_fork (Fixture       *f,
               gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);
  AuLedgerTree fork;
  AuLedgerAccount root;

  earn (f, tree.rev, DOLLARS (522000), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_trees->len, ==, 1);
  g_assert_cmpuint (result.new_minis->len, ==, 0);
  fork = g_array_index (result.new_trees, AuLedgerTree, 0);
  g_assert_cmpint (summary (f, fork.gen).equity_at_cost, ==, DOLLARS (200000));
  g_assert_cmpint (summary (f, fork.rev).equity_at_cost, ==, DOLLARS (150000));
  g_assert_cmpint (summary (f, fork.com).equity_at_cost, ==, DOLLARS (150000));
  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (112000));
  g_assert_true (au_ledger_get_account (f->ledger, fork.root, &root, &error));
  g_assert_cmpint (root.parent_id, ==, tree.rev);
  au_ledger_account_clear (&root);
  g_assert_cmpint (au_account_manager_count_sub_accounts (f->manager, &error), ==, 6);
  g_assert_cmpuint (count_records (f, "fork", "FORKED", "R3.6"), ==, 1);
  assert_ledger_ok (f);
}

/* R11.2: the first tree's 3 sleeves and 5 MINIs make 8; the 6th MINI
 * (the 9th sub-account) waits in the queue with an alert; a merge makes
 * room and the queued fork runs. */
static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);
  const AuAccountAlert *alert;
  gint64 first_mini;

  /* Gen $720,000 over a $120,000 base: six forks are due. */
  earn (f, tree.gen, DOLLARS (600000), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 5);
  g_assert_cmpuint (result.queued, ==, 1);
  g_assert_cmpuint (result.alerts->len, ==, 1);
  alert = g_ptr_array_index (result.alerts, 0);
  g_assert_cmpstr (alert->rule, ==, "R11.2");
  g_assert_nonnull (strstr (alert->message, "at most 8"));
  g_assert_cmpint (au_account_manager_count_queued (f->manager, &error), ==, 1);
  g_assert_cmpint (au_account_manager_count_sub_accounts (f->manager, &error), ==, 8);
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (220000));
  g_assert_cmpuint (count_records (f, "fork_queued", "QUEUED", "R11.2"), ==, 1);
  first_mini = g_array_index (result.new_minis, gint64, 0);

  /* The next cut neither forks nor queues it twice. */
  au_lifecycle_result_clear (&result);
  cut (f, CUT_2, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 0);
  g_assert_cmpuint (result.queued, ==, 0);
  g_assert_cmpuint (result.alerts->len, ==, 0);
  g_assert_cmpint (au_account_manager_count_queued (f->manager, &error), ==, 1);

  /* MINI-1 triples (D2.3): it merges at the Friday manage window and the
   * queued fork takes its place. */
  earn (f, first_mini, DOLLARS (200000), "2026-01-20T15:00:00Z");
  au_lifecycle_result_clear (&result);
  manage (f, MANAGE_3, &result);
  g_assert_cmpuint (result.merged->len, ==, 1);
  g_assert_cmpint (g_array_index (result.merged, gint64, 0), ==, first_mini);
  g_assert_cmpuint (result.new_minis->len, ==, 1);
  g_assert_cmpint (summary (f, tree.gen).equity_at_cost, ==, DOLLARS (120000));
  g_assert_cmpint (summary (f, tree.com).equity_at_cost, ==, DOLLARS (390000));
  g_assert_cmpint (au_account_manager_count_queued (f->manager, &error), ==, 0);
  g_assert_cmpint (au_account_manager_count_sub_accounts (f->manager, &error), ==, 8);
  assert_ledger_ok (f);
  assert_audit_ok (f);
}

/* R11.2 counts a forked tree's three sleeves: with the first tree's 3 and
 * three MINIs a Rev fork (6 + 3 = 9 > 8) waits; once the Rev sleeve falls
 * back under base + $500,000 the queued fork is no longer due and leaves
 * the queue. */
static void
test_rev_fork_queued (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);

  earn (f, tree.gen, DOLLARS (300000), "2026-01-08T15:00:00Z");
  earn (f, tree.rev, DOLLARS (510000), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 3);
  g_assert_cmpuint (result.new_trees->len, ==, 0);
  g_assert_cmpuint (result.queued, ==, 1);
  g_assert_cmpuint (result.alerts->len, ==, 1);
  g_assert_cmpint (au_account_manager_count_sub_accounts (f->manager, &error), ==, 6);
  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (600000));

  earn (f, tree.rev, -DOLLARS (10000) - 1, "2026-01-14T15:00:00Z");
  au_lifecycle_result_clear (&result);
  cut (f, CUT_2, &result);
  g_assert_cmpuint (result.new_trees->len, ==, 0);
  g_assert_cmpuint (result.queued, ==, 0);
  g_assert_cmpint (au_account_manager_count_queued (f->manager, &error), ==, 0);
  g_assert_cmpuint (count_records (f, "fork_queued", "DROPPED", "R3.6"), ==, 1);
  assert_audit_ok (f);
}

/* R11.2 on the cap: the first tree's 3 and two MINIs leave room for a
 * forked tree exactly (5 + 3 = 8); nothing waits. */
static void
test_rev_fork_fits (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);

  earn (f, tree.gen, DOLLARS (200000), "2026-01-08T15:00:00Z");
  earn (f, tree.rev, DOLLARS (510000), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 2);
  g_assert_cmpuint (result.new_trees->len, ==, 1);
  g_assert_cmpuint (result.queued, ==, 0);
  g_assert_cmpuint (result.alerts->len, ==, 0);
  g_assert_cmpint (au_account_manager_count_sub_accounts (f->manager, &error), ==, 8);
  g_assert_cmpint (summary (f, tree.rev).equity_at_cost, ==, DOLLARS (100000));
  assert_ledger_ok (f);
}

static gint64
one_mini (Fixture      *f,
          AuLedgerTree *tree)
{
  g_auto(AuLifecycleResult) result = { 0, };

  *tree = portfolio (f, DOLLARS (300000), START);
  earn (f, tree->gen, DOLLARS (106500), "2026-01-08T15:00:00Z");
  cut (f, CUT_1, &result);
  g_assert_cmpuint (result.new_minis->len, ==, 1);
  return g_array_index (result.new_minis, gint64, 0);
}

/* D2.3 at 3×: a MINI that holds a position gets its close first, the
 * merge waits for a Friday manage window at which it is flat. */
static void
test_merge_at_three_times (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) thursday = at ("2026-01-15T10:15:00-05:00");
  g_autoptr(GDateTime) friday = at ("2026-01-30T14:45:00-05:00");
  AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-01-16", 100 };
  AuFill sold = { "exec-1", NULL, 1, 11200, 65 };
  AuFill bought = { "exec-2", NULL, 1, 3000, 65 };
  AuLedgerTree tree;
  const AuTradeIntent *close;
  gint64 mini = one_mini (f, &tree);
  g_autofree char *described = NULL;

  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, mini, &put, &sold, thursday, &error), >, 0);
  g_assert_no_error (error);

  /* Just below 3×: not due. */
  earn (f, mini, DOLLARS (200000) - 1000, "2026-01-15T16:00:00Z");
  cut (f, CUT_2, &result);
  g_assert_cmpuint (result.intents->len, ==, 0);
  /* Reviewed, with its reason, at both cuts since its fork. */
  g_assert_cmpuint (count_records (f, "merge", "NO_ACTION", "D2.3"), ==, 2);

  /* $300,000 equity at cost: due, but it holds a short put. */
  earn (f, mini, 1000 + 65, "2026-01-22T15:00:00Z");
  g_assert_cmpint (summary (f, mini).equity_at_cost, ==, DOLLARS (300000));
  au_lifecycle_result_clear (&result);
  cut (f, "2026-01-23T16:30:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 0);
  g_assert_cmpuint (result.intents->len, ==, 1);
  close = &g_array_index (result.intents, AuTradeIntent, 0);
  g_assert_cmpint (close->account_id, ==, mini);
  g_assert_cmpint (close->side, ==, AU_SIDE_BUY);
  g_assert_cmpint (close->quantity, ==, 1);
  g_assert_cmpint (close->purpose, ==, AU_TRADE_CLOSE_FOR_MERGE);
  g_assert_cmpstr (close->rule, ==, "D2.3");
  described = au_contract_describe (&close->contract);
  g_assert_cmpstr (described, ==, "AAPL 2026-01-16 P 200");
  g_assert_cmpuint (count_records (f, "merge", "CLOSING", "D2.3"), ==, 1);

  /* Still holding at the manage window: closes again, no merge. */
  au_lifecycle_result_clear (&result);
  manage (f, "2026-01-30T14:30:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 0);
  g_assert_cmpuint (result.intents->len, ==, 1);

  /* Flat (bought back for $30.65, the $112 premium kept): merged into Com. */
  g_assert_cmpint (au_ledger_buy_to_close (f->ledger, mini, &put, &bought, friday, &error), >, 0);
  g_assert_no_error (error);
  au_lifecycle_result_clear (&result);
  manage (f, "2026-02-06T15:00:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 1);
  g_assert_cmpuint (result.intents->len, ==, 0);
  g_assert_cmpint (summary (f, mini).equity_at_cost, ==, 0);
  g_assert_cmpint (summary (f, tree.com).equity_at_cost, ==,
                   DOLLARS (90000) + DOLLARS (300000) + 11200 - 3000 - 65);
  g_assert_cmpuint (count_records (f, "merge", "MERGED", "D2.3"), ==, 1);
  assert_ledger_ok (f);
}

/* D2.3 at the 3rd anniversary: $180,000 moves to Com; a week before,
 * nothing; outside the manage window the rules engine refuses. */
static void
test_merge_at_anniversary (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(AuLifecycleResult) result = { 0, };
  AuLedgerTree tree;
  gint64 mini = one_mini (f, &tree);

  earn (f, mini, DOLLARS (80000), "2027-06-01T15:00:00Z");

  manage (f, "2029-01-05T15:00:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 0);

  /* The anniversary is 2029-01-09 at 16:30; the cut that day is due but
   * schedules the merge for the manage window. */
  au_lifecycle_result_clear (&result);
  cut (f, "2029-01-12T16:30:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 0);
  g_assert_cmpuint (count_records (f, "merge", "SCHEDULED", "D2.3"), ==, 1);

  au_lifecycle_result_clear (&result);
  manage (f, "2029-01-12T10:00:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 0);
  g_assert_cmpuint (count_records (f, "merge", "REFUSED", "D2.3"), ==, 1);

  au_lifecycle_result_clear (&result);
  manage (f, "2029-01-19T15:00:00-05:00", &result);
  g_assert_cmpuint (result.merged->len, ==, 1);
  g_assert_cmpint (summary (f, tree.com).equity_at_cost, ==, DOLLARS (90000 + 180000));
  assert_ledger_ok (f);
}

static const AuReinvestOutcome *
outcome_of (GArray *outcomes,
            gint64  account)
{
  for (guint i = 0; i < outcomes->len; i++)
    if (g_array_index (outcomes, AuReinvestOutcome, i).account_id == account)
      return &g_array_index (outcomes, AuReinvestOutcome, i);
  return NULL;
}

/* §6.1 / D2.9: $20,000 of Q4 gains reinvested on 2027-01-04 (the first
 * trading day after the quarter) → $6,000 / $10,500 / $3,500; Gen is
 * untouched (R10.1); a losing quarter is a non-action. */
static void
test_reinvest (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) too_early = at ("2026-12-31T10:00:00-05:00");
  g_autoptr(GDateTime) day = at ("2027-01-04T10:00:00-05:00");
  g_autoptr(GDateTime) day_after = at ("2027-01-05T10:00:00-05:00");
  g_autoptr(GArray) outcomes = NULL;
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), START);
  const AuReinvestOutcome *rev, *com;
  AuMoney gen_cash_before;

  earn (f, tree.rev, DOLLARS (2000), "2026-09-30T15:00:00Z");   /* Q3: not this quarter */
  earn (f, tree.rev, DOLLARS (20000), "2026-11-10T15:00:00Z");
  earn (f, tree.gen, DOLLARS (5000), "2026-11-10T15:00:00Z");
  earn (f, tree.com, -DOLLARS (500), "2026-12-01T15:00:00Z");
  gen_cash_before = book (f, tree.gen, AU_BOOK_CASH);

  g_assert_null (au_account_manager_quarter_start (f->manager, too_early, &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_DUE);
  g_clear_error (&error);
  g_assert_null (au_account_manager_quarter_start (f->manager, day_after, &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_DUE);
  g_clear_error (&error);

  outcomes = au_account_manager_quarter_start (f->manager, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 2);
  rev = outcome_of (outcomes, tree.rev);
  g_assert_nonnull (rev);
  g_assert_cmpint (rev->reinvestment.gains, ==, DOLLARS (20000));
  g_assert_cmpint (rev->reinvestment.tax_reserve, ==, DOLLARS (6000));
  g_assert_cmpint (rev->reinvestment.contracts, ==, DOLLARS (10500));
  g_assert_cmpint (rev->reinvestment.leaps, ==, DOLLARS (3500));
  g_assert_cmpint (rev->reinvestment.transaction_id, >, 0);
  g_assert_cmpint (book (f, tree.rev, AU_BOOK_TAX_RESERVE), ==, DOLLARS (6000));
  g_assert_cmpint (book (f, tree.rev, AU_BOOK_LEAP_BUDGET), ==, DOLLARS (3500));

  com = outcome_of (outcomes, tree.com);
  g_assert_nonnull (com);
  g_assert_cmpint (com->reinvestment.gains, ==, -DOLLARS (500));
  g_assert_cmpint (com->reinvestment.transaction_id, ==, 0);
  g_assert_cmpint (book (f, tree.com, AU_BOOK_TAX_RESERVE), ==, 0);

  g_assert_null (outcome_of (outcomes, tree.gen));
  g_assert_cmpint (book (f, tree.gen, AU_BOOK_CASH), ==, gen_cash_before);
  g_assert_cmpint (book (f, tree.gen, AU_BOOK_TAX_RESERVE), ==, 0);

  g_assert_cmpuint (count_records (f, "reinvest", "REINVESTED", "R3.5"), ==, 1);
  g_assert_cmpuint (count_records (f, "reinvest", "NO_ACTION", "R4.4"), ==, 1);
  g_assert_cmpuint (count_records (f, "reinvest", "NO_ACTION", "R10.1"), ==, 1);
  assert_ledger_ok (f);
  assert_audit_ok (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accounts/portfolio", test_portfolio);
  ADD ("/accounts/portfolio/needs-capital", test_portfolio_needs_capital);
  ADD ("/accounts/fork/gen-one", test_gen_fork_one);
  ADD ("/accounts/fork/gen-boundary", test_gen_fork_boundary);
  ADD ("/accounts/fork/gen-two", test_gen_fork_two);
  ADD ("/accounts/fork/rev", test_rev_fork);
  ADD ("/accounts/fork/queue", test_queue);
  ADD ("/accounts/fork/rev-queued", test_rev_fork_queued);
  ADD ("/accounts/fork/rev-fits", test_rev_fork_fits);
  ADD ("/accounts/merge/three-times", test_merge_at_three_times);
  ADD ("/accounts/merge/anniversary", test_merge_at_anniversary);
  ADD ("/accounts/reinvest", test_reinvest);

  return g_test_run ();
}

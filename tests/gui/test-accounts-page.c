/* test-accounts-page.c: the Accounts page over a ledger with a fork and
 * a merge, fed by real snapshots
 *
 * The ledger is written with the engine's ledger API (a backtest would
 * take ~25 s to reach a fork): a $300,000 tree (R0.1), a Gen fork into
 * MINI-1 (R2.6, D2.2, example (a): base $120,000 + one $100,000 step), a
 * Rev fork into the tree ALL-USE-2 (R3.6: base $90,000 + one $500,000
 * step), and MINI-1 merged into Com at 3× its capital (D2.3). Asserted
 * through the GtkWidget API: the tree's rows and depths, balances at
 * cost and then the snapshot's, the attribution by account and by tree,
 * the "Forks & Merges" rows with their rules, the empty states. PNGs.
 * Needs a display; without one: "1..0 # SKIP no display".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-accounts-page.h"
#include "au-ledger.h"
#include "pages-test-host.h"

static char *work_dir;
static char *forked_path;

static GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

/* Realized premium, booked as the ledger tests do: cash in, income. */
static void
earn (AuLedger   *ledger,
      gint64      account,
      AuMoney     amount,
      const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);
  AuLedgerPosting postings[] = {
    { account, AU_BOOK_CASH, amount },
    { account, AU_BOOK_PREMIUM_INCOME, -amount },
  };

  g_assert_cmpint (au_ledger_post (ledger, time, "income", "premium", NULL, postings, 2, &error),
                   >, 0);
  g_assert_no_error (error);
}

static void
seed_forked (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(GDateTime) opened = at ("2026-01-05T14:30:00Z");
  g_autoptr(GDateTime) gen_fork = at ("2026-03-02T15:00:00Z");
  g_autoptr(GDateTime) rev_fork = at ("2026-06-01T15:00:00Z");
  g_autoptr(GDateTime) merge = at ("2026-09-01T15:00:00Z");
  AuLedgerTree tree, fork;
  gint64 mini;

  g_assert_no_error (error);
  database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);

  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (300000), opened, &tree, &error));
  g_assert_no_error (error);

  /* Gen at $320,000: two steps above its base; one fork moves $100,000. */
  earn (ledger, tree.gen, DOLLARS (200000), "2026-02-02T15:00:00Z");
  mini = au_ledger_fork_gen (ledger, tree.gen, gen_fork, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mini, >, 0);

  /* Rev at $612,000 ≥ $90,000 + $500,000. */
  earn (ledger, tree.rev, DOLLARS (522000), "2026-05-01T15:00:00Z");
  g_assert_true (au_ledger_fork_rev (ledger, tree.rev, rev_fork, &fork, &error));
  g_assert_no_error (error);

  /* MINI-1 at $300,000 = 3 × $100,000, no positions: it merges. */
  earn (ledger, mini, DOLLARS (200000), "2026-08-03T15:00:00Z");
  g_assert_cmpint (au_ledger_merge_mini (ledger, mini, merge, &error), >, 0);
  g_assert_no_error (error);
}

static gboolean
page_idle (gpointer data)
{
  return !au_accounts_page_get_busy (data);
}

static AuAccountsPage *
open_page (const char *path,
           GtkWindow **window,
           int         width,
           int         height)
{
  AuAccountsPage *page = au_accounts_page_new ();

  *window = host_page (GTK_WIDGET (page), width, height);
  au_accounts_page_set_database_path (page, path);
  wait_until (page_idle, page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (*window));

  return page;
}

/* The autopilot reports its active, non-root accounts (MINI-1 is merged). */
static AuAutopilotSnapshot *
running_snapshot (void)
{
  AuAutopilotSnapshot *snapshot = au_autopilot_snapshot_new ();

  snapshot_add_account (snapshot, 2, "ALL-USE-1/Gen", "gen", DOLLARS (224500), DOLLARS (140000),
                        DOLLARS (80000), 0.012, "P-EW");
  snapshot_add_account (snapshot, 3, "ALL-USE-1/Rev", "rev", DOLLARS (112000), DOLLARS (112000), 0,
                        0.0, "C-REC");
  snapshot_add_account (snapshot, 4, "ALL-USE-1/Com", "com", DOLLARS (390000), DOLLARS (390000), 0,
                        0.0, "");
  snapshot_add_account (snapshot, 7, "ALL-USE-2/Gen", "gen", DOLLARS (200000), DOLLARS (200000), 0,
                        0.0, "");
  snapshot_add_account (snapshot, 8, "ALL-USE-2/Rev", "rev", DOLLARS (150000), DOLLARS (150000), 0,
                        0.0, "");
  snapshot_add_account (snapshot, 9, "ALL-USE-2/Com", "com", DOLLARS (150000), DOLLARS (150000), 0,
                        0.0, "");

  return snapshot;
}

static AuAccountRow *
account (AuAccountsPage *page,
         const char     *name)
{
  AuAccountRow *row = au_accounts_page_find_account (page, name);

  g_assert_nonnull (row);
  return row;
}

static void
test_empty_states (void)
{
  g_autofree char *missing = g_build_filename (work_dir, "missing.db", NULL);
  GtkWindow *window;
  AuAccountsPage *page = open_page (missing, &window, 800, 600);
  g_autofree char *text = widget_text (GTK_WIDGET (page));

  g_assert_cmpstr (au_accounts_page_get_state (page), ==, "no-portfolio");
  g_assert_nonnull (strstr (text, "\nNo Portfolio Yet\n"));
  g_assert_null (strstr (text, "$"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (au_accounts_page_get_tree (page)), ==, 0);

  gtk_window_destroy (window);
}

/* Root → sleeves; Gen → its MINI (D2.2); Rev → its forked tree (R3.6). */
static void
test_tree (void)
{
  static const struct { const char *name; guint depth; } expected[] = {
    { "ALL-USE-1", 0 },
    { "ALL-USE-1/Gen", 1 },
    { "MINI-1", 2 },
    { "ALL-USE-1/Rev", 1 },
    { "ALL-USE-2", 2 },
    { "ALL-USE-2/Gen", 3 },
    { "ALL-USE-2/Rev", 3 },
    { "ALL-USE-2/Com", 3 },
    { "ALL-USE-1/Com", 1 },
  };
  GtkWindow *window;
  AuAccountsPage *page = open_page (forked_path, &window, 1000, 900);
  GListModel *tree = au_accounts_page_get_tree (page);
  g_autofree char *text = NULL;

  g_assert_cmpstr (au_accounts_page_get_state (page), ==, "content");
  g_assert_cmpuint (g_list_model_get_n_items (tree), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (tree, i);
      g_autoptr(AuAccountRow) row = gtk_tree_list_row_get_item (list_row);

      g_assert_cmpstr (au_account_row_get_record (row)->name, ==, expected[i].name);
      g_assert_cmpuint (gtk_tree_list_row_get_depth (list_row), ==, expected[i].depth);
    }

  /* At cost, from the ledger: Gen $120,000 + $200,000 − $100,000. */
  g_assert_cmpint (au_account_row_get_equity (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (220000));
  g_assert_cmpint (au_account_row_get_cash (account (page, "ALL-USE-1/Rev")), ==,
                   DOLLARS (112000));
  /* Com took MINI-1's $300,000 (D2.3). */
  g_assert_cmpint (au_account_row_get_equity (account (page, "ALL-USE-1/Com")), ==,
                   DOLLARS (390000));
  g_assert_cmpint (au_account_row_get_equity (account (page, "MINI-1")), ==, 0);
  g_assert_cmpint (au_account_row_get_record (account (page, "MINI-1"))->status, ==,
                   AU_ACCOUNT_MERGED);
  g_assert_cmpint (au_account_row_get_record (account (page, "ALL-USE-2"))->initial_capital, ==,
                   DOLLARS (500000));
  g_assert_false (au_account_row_has_live (account (page, "ALL-USE-1/Gen")));
  /* A root shows its tree: $220,000 + $112,000 + $390,000 + MINI-1's $0;
   * the forked tree ALL-USE-2 is its own. */
  g_assert_cmpint (au_account_row_get_equity (account (page, "ALL-USE-1")), ==, DOLLARS (722000));
  g_assert_cmpint (au_account_row_get_equity (account (page, "ALL-USE-2")), ==, DOLLARS (500000));

  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nALL-USE-1/Gen\n$220,000.00\n"));
  g_assert_nonnull (strstr (text, "\nMINI-1\n$0.00\nMINI · merged · cash $0.00"));
  g_assert_nonnull (strstr (text, "\nALL-USE tree · capital $500,000.00\n"));
  g_assert_nonnull (strstr (text, "The autopilot is not running"));
  save_widget_png (GTK_WIDGET (window), "accounts-tree.png");

  gtk_window_destroy (window);
}

/* au_attribution_compute() since inception: deposits $300,000, equity
 * at cost $1,222,000, so $922,000 gained: Gen $200,000 (21.7%), Rev
 * $522,000 (56.6%), MINI-1 $200,000 (21.7%), Com nothing. By tree, all
 * of it is ALL-USE-1's; the young ALL-USE-2 has gained nothing yet. */
static void
test_attribution (void)
{
  GtkWindow *window;
  AuAccountsPage *page = open_page (forked_path, &window, 1000, 900);
  g_autoptr(AuAutopilotSnapshot) snapshot = running_snapshot ();
  g_autofree char *text = NULL;

  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (200000));
  g_assert_cmpfloat_with_epsilon (au_account_row_get_contribution (account (page, "ALL-USE-1/Gen")),
                                  200000.0 / 922000.0, 1e-12);
  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-1/Rev")), ==,
                   DOLLARS (522000));
  g_assert_cmpint (au_account_row_get_gain (account (page, "MINI-1")), ==, DOLLARS (200000));
  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-1/Com")), ==, 0);
  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-1")), ==, DOLLARS (922000));
  g_assert_cmpfloat (au_account_row_get_contribution (account (page, "ALL-USE-1")), ==, 1.0);
  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-2")), ==, 0);
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nTotal gain $922,000.00\n"));
  g_assert_nonnull (strstr (text, "\ngain $522,000.00 · 56.6% of the total gain\n"));
  g_assert_nonnull (strstr (text, "\ngain $200,000.00 · 21.7% of the total gain\n"));
  g_clear_pointer (&text, g_free);

  /* Running: Gen's equity is the snapshot's $224,500 ($4,500 more), so
   * it has gained $204,500 of $926,500. */
  au_accounts_page_set_snapshot (page, snapshot);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (au_accounts_page_get_busy (page));   /* no unknown account: no reload */
  g_assert_true (au_account_row_has_live (account (page, "ALL-USE-1/Gen")));
  g_assert_false (au_account_row_has_live (account (page, "MINI-1")));
  g_assert_cmpint (au_account_row_get_equity (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (224500));
  g_assert_cmpint (au_account_row_get_deployed (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (80000));
  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (204500));
  g_assert_cmpfloat_with_epsilon (au_account_row_get_contribution (account (page, "ALL-USE-1/Gen")),
                                  204500.0 / 926500.0, 1e-12);
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nTotal gain $926,500.00\n"));
  g_assert_nonnull (strstr (text, "\nALL-USE-1/Gen\n$224,500.00\nGen-Acc · cash $140,000.00 · "
                                  "deployed $80,000.00 · drawdown 1.2% · week P-EW\n"
                                  "gain $204,500.00 · 22.1% of the total gain\n"));
  g_assert_null (strstr (text, "The autopilot is not running"));
  save_widget_png (GTK_WIDGET (window), "accounts-running.png");

  /* Stopped again: back to the ledger's figures at cost. */
  au_accounts_page_set_snapshot (page, NULL);
  g_assert_cmpint (au_account_row_get_equity (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (220000));
  g_assert_cmpint (au_account_row_get_gain (account (page, "ALL-USE-1/Gen")), ==,
                   DOLLARS (200000));

  gtk_window_destroy (window);
}

/* Newest first, one row per event, with its time and rules; the second
 * line is the ledger's own description, as it was booked. */
static void
test_history (void)
{
  static const struct { const char *title; const char *subtitle; } expected[] = {
    { "MINI-1 merged into Com-Acc",
      "2026-09-01 11:00 ET · D2.3\nMINI merge: $300000.00 of MINI-1 into ALL-USE-1/Com (D2.3)" },
    { "Rev fork into ALL-USE-2",
      "2026-06-01 11:00 ET · R3.6\nRev fork: $500000.00 from ALL-USE-1/Rev into the new tree "
      "ALL-USE-2, split Gen/Rev/Com (R3.6)" },
    { "Gen fork into MINI-1",
      "2026-03-02 10:00 ET · R2.6, D2.2\nGen fork: $100000.00 from ALL-USE-1/Gen to MINI-1 "
      "(R2.6, D2.2)" },
    { "ALL-USE-1 opened",
      "2026-01-05 09:30 ET · R0.1\nDeposit of $300000.00 into ALL-USE-1, split Gen/Rev/Com "
      "(R0.1)" },
  };
  GtkWindow *window;
  AuAccountsPage *page = open_page (forked_path, &window, 1000, 700);
  GtkListBox *history = au_accounts_page_get_history_list (page);

  au_accounts_page_show_history (page, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (history, (int) i);
      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       expected[i].title);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       expected[i].subtitle);
    }
  g_assert_null (gtk_list_box_get_row_at_index (history, G_N_ELEMENTS (expected)));
  save_widget_png (GTK_WIDGET (window), "accounts-history.png");

  gtk_window_destroy (window);
}

/* A snapshot that names an account the tree lacks (a fork since the last
 * read) makes the page read the database again. */
static void
test_unknown_account_reloads (void)
{
  GtkWindow *window;
  AuAccountsPage *page = open_page (forked_path, &window, 800, 600);
  g_autoptr(AuAutopilotSnapshot) snapshot = running_snapshot ();

  snapshot_add_account (snapshot, 10, "MINI-2", "mini", DOLLARS (100000), DOLLARS (100000), 0,
                        0.0, "");
  au_accounts_page_set_snapshot (page, snapshot);
  g_assert_true (au_accounts_page_get_busy (page));
  wait_until (page_idle, page);
  g_assert_null (au_accounts_page_find_account (page, "MINI-2"));   /* not in this ledger */
  g_assert_cmpuint (g_list_model_get_n_items (au_accounts_page_get_tree (page)), ==, 9);

  gtk_window_destroy (window);
}

/* Without a database, the snapshot's accounts as a flat list; no
 * attribution (it needs the ledger's flows), and the page says why. */
static void
test_snapshot_only (void)
{
  AuAccountsPage *page = au_accounts_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 360, 700);
  g_autoptr(AuAutopilotSnapshot) snapshot = running_snapshot ();
  g_autofree char *text = NULL;

  au_accounts_page_set_snapshot (page, snapshot);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (au_accounts_page_get_state (page), ==, "content");
  g_assert_cmpuint (g_list_model_get_n_items (au_accounts_page_get_tree (page)), ==, 6);
  g_assert_false (au_account_row_has_attribution (account (page, "ALL-USE-1/Gen")));
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "database is not open"));
  g_assert_null (strstr (text, "Total gain"));

  au_accounts_page_set_snapshot (page, NULL);
  g_assert_cmpstr (au_accounts_page_get_state (page), ==, "no-portfolio");

  gtk_window_destroy (window);
}

static void
test_narrow (void)
{
  GtkWindow *window;
  AuAccountsPage *page = open_page (forked_path, &window, 360, 720);
  g_autoptr(AuAutopilotSnapshot) snapshot = running_snapshot ();

  au_accounts_page_set_snapshot (page, snapshot);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  save_widget_png (GTK_WIDGET (window), "accounts-narrow.png");
  au_accounts_page_show_history (page, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_widget_png (GTK_WIDGET (window), "accounts-history-narrow.png");

  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;

  work_dir = gui_test_make_work_dir ("alluse-accounts-XXXXXX");
  forked_path = g_build_filename (work_dir, "forked.db", NULL);
  seed_forked (forked_path);

  g_test_add_func ("/gui/accounts/empty-states", test_empty_states);
  g_test_add_func ("/gui/accounts/tree", test_tree);
  g_test_add_func ("/gui/accounts/attribution", test_attribution);
  g_test_add_func ("/gui/accounts/history", test_history);
  g_test_add_func ("/gui/accounts/unknown-account-reloads", test_unknown_account_reloads);
  g_test_add_func ("/gui/accounts/snapshot-only", test_snapshot_only);
  g_test_add_func ("/gui/accounts/narrow", test_narrow);

  status = g_test_run ();

  gui_test_remove_work_dir (work_dir);
  g_clear_pointer (&forked_path, g_free);
  g_clear_pointer (&work_dir, g_free);

  return status;
}

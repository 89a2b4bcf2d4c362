/* test-pages.c: the window's pages over a database built with the engine
 *
 * A real database, written with the ledger and audit APIs, read by the
 * real window: the leaflet's pages and their switching (the Accounts,
 * Positions, Orders & Fills, Protocol Events and Week Types pages with no
 * portfolio and with one the autopilot is not running on), the Ledger page
 * (rows, sorting by amount, filtering by account, CSV export), the Audit
 * Trail page (records newest first, details, "Verify Chain" intact and
 * then broken after one byte changed), the folded leaflet at 360 px, a
 * PNG of every page. test-ledger-scale.c times the 100,000-row ledger.
 * Needs a display (Xvfb in CI); without one: "1..0 # SKIP no display".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-application.h"
#include "au-audit-log.h"
#include "au-chart.h"
#include "au-ledger-export.h"
#include "au-ledger-reader.h"
#include "au-ledger-row.h"
#include "au-ledger.h"
#include "au-window.h"
#include "gui-test-util.h"
#include "gui-test-window.h"

AuApplication *application;
static char *work_dir;
static char *seeded_path;

static void
append_audit (AuAuditLog         *log,
              const char         *constitution,
              const char         *time,
              const char         *kind,
              const char * const *rules,
              const char         *verdict,
              const char         *violations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) context = json_from_string ("{\"symbol\": \"AAPL\", \"delta\": -0.42}", NULL);
  g_autoptr(JsonNode) problems = violations != NULL ? json_from_string (violations, NULL) : NULL;
  AuAuditEntry entry = {
    .time = time,
    .actor = "engine",
    .kind = kind,
    .rules = rules,
    .constitution = constitution,
    .context = context,
    .verdict = verdict,
    .violations = problems,
  };

  g_assert_cmpint (au_audit_log_append (log, &entry, &error), >, 0);
  g_assert_no_error (error);
}

/* A $250,000 portfolio (R0.1: Gen $100,000, Rev $75,000, Com $75,000);
 * Gen sells one AAPL 200 put at $1.20 on Thursday 2026-11-05 that expires
 * on 2026-11-20; Rev sells two NVDA 180 puts at $2.00 on Wednesday
 * 2026-11-11 that expire on 2026-11-13. Three audit records. */
static void
seed_portfolio (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(GDateTime) monday = at ("2026-11-02T14:30:00Z");
  g_autoptr(GDateTime) thursday = at ("2026-11-05T14:50:00Z");
  g_autoptr(GDateTime) wednesday = at ("2026-11-11T15:00:00Z");
  g_autoptr(GDateTime) friday = at ("2026-11-13T21:00:00Z");
  g_autoptr(GDateTime) next_friday = at ("2026-11-20T21:00:00Z");
  AuInstrument aapl = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-11-20", 100 };
  AuInstrument nvda = { "NVDA", AU_RIGHT_PUT, 1800000, "2026-11-13", 100 };
  AuFill aapl_fill = { "exec-aapl-1", NULL, 1, 12000, 65 };
  AuFill nvda_fill = { "exec-nvda-1", NULL, 2, 20000, 130 };
  AuLedgerTree tree;
  const char *entry_rules[] = { "R1.1", "R2.2", NULL };
  const char *rejected_rules[] = { "R3.1", NULL };
  const char *state_rules[] = { "R9", NULL };

  g_assert_no_error (error);
  database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);

  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (250000), monday, &tree, &error));
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_sell_to_open (ledger, tree.gen, &aapl, &aapl_fill, thursday, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_sell_to_open (ledger, tree.rev, &nvda, &nvda_fill, wednesday, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_expire (ledger, tree.rev, &nvda, friday, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_expire (ledger, tree.gen, &aapl, next_friday, &error), >, 0);
  g_assert_no_error (error);

  log = au_audit_log_new (database, &error);
  g_assert_no_error (error);
  append_audit (log, au_constitution_get_sha256 (constitution), "2026-11-05T14:49:00Z",
                "rule_check", entry_rules, "APPROVED", NULL);
  append_audit (log, au_constitution_get_sha256 (constitution), "2026-11-11T14:59:00Z",
                "rule_check", rejected_rules, "REJECTED",
                "[{\"rule\": \"R3.1\", \"message\": \"NVDA would be 53% of Rev-Acc, above 50%\"}]");
  append_audit (log, au_constitution_get_sha256 (constitution), "2026-11-13T21:00:00Z",
                "state", state_rules, "SCANNING", NULL);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) database = au_database_open (path, AU_DATABASE_READ_ONLY, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = au_database_prepare (database, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static GtkWidget *
visible_page (AuWindow *window)
{
  GtkStack *pages = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), AU_TYPE_WINDOW,
                                                              "pages"));

  return gtk_stack_get_visible_child (pages);
}

static const char * const page_names[] = {
  "overview", "accounts", "positions", "orders", "protocol", "weeks", "ledger", "audit",
};

static void
test_pages_switch (void)
{
  g_autofree char *missing = g_build_filename (work_dir, "no-such.db", NULL);
  AuWindow *window = open_window (missing, 1000, 700);
  GtkListBox *sidebar = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                     AU_TYPE_WINDOW, "sidebar"));

  g_assert_false (au_window_get_has_portfolio (window));
  g_assert_cmpstr (au_window_get_page (window), ==, "overview");

  /* Every sidebar row leads to its page, in order. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, (int) i);

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (row)), ==, page_names[i]);
      g_signal_emit_by_name (sidebar, "row-activated", row);
      g_assert_cmpstr (au_window_get_page (window), ==, page_names[i]);
      g_assert_true (gtk_list_box_get_selected_row (sidebar) == row);
    }
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (page_names)));

  /* The real pages, the ones the accessors return. */
  au_window_show_page (window, "accounts");
  g_assert_true (visible_page (window) == GTK_WIDGET (au_window_get_accounts_page (window)));
  au_window_show_page (window, "positions");
  g_assert_true (visible_page (window) == GTK_WIDGET (au_window_get_positions_page (window)));
  au_window_show_page (window, "orders");
  g_assert_true (visible_page (window) == GTK_WIDGET (au_window_get_orders_page (window)));
  au_window_show_page (window, "protocol");
  g_assert_true (visible_page (window) == GTK_WIDGET (au_window_get_events_page (window)));
  au_window_show_page (window, "weeks");
  g_assert_true (visible_page (window) == GTK_WIDGET (au_window_get_weeks_page (window)));

  /* With no database, the portfolio's pages say so, tell how to make
   * one, and invent nothing. */
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *text = NULL;

      au_window_show_page (window, page_names[i]);
      text = shown_text (visible_page (window));
      if (strstr (text, "\nNo Portfolio Yet\n") == NULL || strstr (text, "alluse-cli run") == NULL)
        g_error ("the %s page does not say there is no portfolio:%s", page_names[i], text);
      g_assert_null (strstr (text, "$"));
    }

  au_window_show_page (window, "ledger");
  g_assert_true (AU_IS_LEDGER_PAGE (visible_page (window)));
  g_assert_nonnull (strstr (widget_text (visible_page (window)), "\nNo Ledger Yet\n"));
  au_window_show_page (window, "audit");
  g_assert_true (AU_IS_AUDIT_PAGE (visible_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_portfolio_overview (void)
{
  AuWindow *window = open_window (seeded_path, 1100, 900);
  AuOverviewCharts *charts = au_window_get_overview_charts (window);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), AU_TYPE_WINDOW,
                                                              "stack"));
  AuChartData *premium;
  AuChartData *equity;
  AuChartData *drawdown;
  g_autofree char *text = NULL;

  g_assert_true (au_window_get_has_portfolio (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "portfolio");

  /* Premium is income when the put expires: Rev's $400 (2 × 100 × $2.00)
   * in the week of Monday 2026-11-09, Gen's $120 in the next. Commissions
   * are an expense of their own, not netted here. */
  premium = au_chart_get_data (au_overview_charts_get_chart (charts,
                                                             AU_LEDGER_CHART_WEEKLY_PREMIUM));
  g_assert_cmpuint (au_chart_data_get_n_points (premium), ==, 2);
  g_assert_cmpint (au_chart_data_get_x (premium, 0), ==, 1794182400); /* 2026-11-09 */
  g_assert_cmpfloat (au_chart_data_get_value (premium, 0, 0), ==, 400.0);
  g_assert_cmpint (au_chart_data_get_x (premium, 1), ==, 1794182400 + 7 * 86400);
  g_assert_cmpfloat (au_chart_data_get_value (premium, 1, 0), ==, 120.0);

  /* Equity at cost, R0.1's split on the first day; after the last day
   * Gen holds $100,000 + $120 − $0.65 and Rev $75,000 + $400 − $1.30. */
  equity = au_chart_get_data (au_overview_charts_get_chart (charts, AU_LEDGER_CHART_EQUITY));
  g_assert_cmpuint (au_chart_data_get_n_series (equity), ==, 4);
  g_assert_cmpfloat (au_chart_data_get_value (equity, 0, 0), ==, 100000.0);
  g_assert_cmpfloat (au_chart_data_get_value (equity, 0, 1), ==, 75000.0);
  g_assert_cmpfloat (au_chart_data_get_value (equity, 0, 2), ==, 75000.0);
  g_assert_cmpfloat (au_chart_data_get_value (equity, 0, 3), ==, 0.0);
  g_assert_cmpuint (au_chart_data_get_n_points (equity), ==, 5);
  g_assert_cmpfloat_with_epsilon (au_chart_data_get_value (equity, 4, 0), 100119.35, 1e-6);
  g_assert_cmpfloat_with_epsilon (au_chart_data_get_value (equity, 4, 1), 75398.70, 1e-6);
  g_assert_cmpuint (au_chart_data_get_n_markers (equity), ==, 0);

  /* Commissions only ever lower equity at cost a little: the commission
   * day of the first sale is a tiny drawdown, the rest new highs. */
  drawdown = au_chart_get_data (au_overview_charts_get_chart (charts, AU_LEDGER_CHART_DRAWDOWN));
  g_assert_cmpuint (au_chart_data_get_n_points (drawdown), ==, 5);
  g_assert_cmpfloat (au_chart_data_get_value (drawdown, 0, 0), ==, 0.0);
  g_assert_cmpfloat (au_chart_data_get_value (drawdown, 4, 0), ==, 0.0);

  /* The autopilot is not running (the tests keep it paused): the pages
   * show what the database holds and say plainly what needs it. */
  {
    static const struct { const char *page; const char *line; } shown[] = {
      /* The ledger's tree at cost: $250,000 + $518.05 of net premium. */
      { "accounts", "\n$250,518.05\n" },
      { "accounts", "\nThe autopilot is not running: equity and cash are the ledger’s, at cost. "
                    "Deployment, drawdown and week type appear while it runs.\n" },
      { "positions", "\nThe Autopilot Is Not Running\n" },
      /* The ledger's sales were booked by hand, not sent as orders. */
      { "orders", "\nNo Orders Yet\n" },
      { "protocol", "\nNo Protocol Events Yet\n" },
      { "weeks", "\nNo Weeks Labelled Yet\n" },
      { "weeks", "\nThis week: the autopilot is not running.\n" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
      {
        au_window_show_page (window, shown[i].page);
        gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
        text = shown_text (visible_page (window));
        if (strstr (text, shown[i].line) == NULL)
          g_error ("the %s page does not show “%s”; it reads:%s", shown[i].page, shown[i].line,
                   text);
        g_assert_null (strstr (text, "No Portfolio Yet"));
        g_clear_pointer (&text, g_free);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ledger_page (void)
{
  AuWindow *window = open_window (seeded_path, 1100, 700);
  AuLedgerPage *page = au_window_get_ledger_page (window);
  GtkColumnView *view = au_ledger_page_get_column_view (page);
  GListModel *visible = au_ledger_page_get_visible_rows (page);
  gint64 postings = count_rows (seeded_path, "SELECT count (*) FROM ledger_postings;");
  gint64 gen_postings = count_rows (seeded_path,
                                    "SELECT count (*) FROM ledger_postings p"
                                    " JOIN ledger_books b ON b.id = p.book_id"
                                    " JOIN ledger_accounts a ON a.id = b.account_id"
                                    " WHERE a.name = 'ALL-USE-1/Gen';");
  g_autofree char *csv_path = g_build_filename (work_dir, "export.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *written = NULL;
  g_autoptr(GOutputStream) expected = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) database = NULL;
  g_auto(GStrv) lines = NULL;
  AuLedgerRow *row;

  au_window_show_page (window, "ledger");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* Deposit (4 accounts × 2 books = 8), two sales (4 postings each: the
   * premium's cash and written, the commission's expense and cash), two
   * expiries (2 each). */
  g_assert_cmpint (postings, ==, 20);
  g_assert_cmpuint (g_list_model_get_n_items (au_ledger_page_get_rows (page)), ==, postings);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, postings);
  row = visible_row (page, 0);
  g_assert_cmpstr (au_ledger_row_get_kind (row), ==, "deposit");
  g_assert_cmpstr (au_ledger_row_get_time (row), ==, "2026-11-02T14:30:00Z");

  /* Sorted by amount: the $250,000 deposit both ways round. */
  gtk_column_view_sort_by_column (view, column_titled (view, "Amount"), GTK_SORT_DESCENDING);
  wait_until (ledger_idle, page);
  g_assert_cmpint (au_ledger_row_get_amount (visible_row (page, 0)), ==, DOLLARS (250000));
  gtk_column_view_sort_by_column (view, column_titled (view, "Amount"), GTK_SORT_ASCENDING);
  wait_until (ledger_idle, page);
  g_assert_cmpint (au_ledger_row_get_amount (visible_row (page, 0)), ==, -DOLLARS (250000));
  g_assert_cmpstr (au_ledger_row_get_book (visible_row (page, 0)), ==, "contributed");
  /* Its balance effect is positive: contributed capital grew. */
  g_assert_cmpint (au_ledger_row_get_effect (visible_row (page, 0)), ==, DOLLARS (250000));
  for (guint i = 1; i < g_list_model_get_n_items (visible); i++)
    g_assert_cmpint (au_ledger_row_get_amount (visible_row (page, i - 1)), <=,
                     au_ledger_row_get_amount (visible_row (page, i)));

  /* Filtered by account: Gen's deposit share, its sale and its expiry. */
  au_ledger_page_set_account_filter (page, "ALL-USE-1/Gen");
  wait_until (ledger_idle, page);
  g_assert_cmpint (gen_postings, ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, gen_postings);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    g_assert_cmpstr (au_ledger_row_get_account (visible_row (page, i)), ==, "ALL-USE-1/Gen");
  /* And by type within it: the AAPL sale's four postings, still sorted. */
  au_ledger_page_set_kind_filter (page, "sell_to_open");
  wait_until (ledger_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 4);
  g_assert_cmpint (au_ledger_row_get_amount (visible_row (page, 0)), ==, -DOLLARS (120));
  g_assert_cmpint (au_ledger_row_get_amount (visible_row (page, 3)), ==, DOLLARS (120));
  au_ledger_page_set_account_filter (page, NULL);
  wait_until (ledger_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 8);
  au_ledger_page_set_kind_filter (page, NULL);
  wait_until (ledger_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, postings);
  save_widget_png (GTK_WIDGET (window), "page-ledger.png");

  /* The export writes the engine's CSV, byte for byte, whatever is shown. */
  au_ledger_page_set_account_filter (page, "ALL-USE-1/Rev");
  wait_until (ledger_idle, page);
  au_ledger_page_export_csv (page, csv);
  wait_until (ledger_idle, page);
  g_assert_cmpstr (au_ledger_page_get_message (page), ==, "Ledger exported");
  g_assert_true (g_file_get_contents (csv_path, &written, NULL, &error));
  g_assert_no_error (error);
  database = au_database_open (seeded_path, AU_DATABASE_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (au_ledger_export_csv (database, expected, NULL, &error));
  g_assert_true (g_output_stream_write_all (expected, "", 1, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (expected, NULL, &error));
  g_assert_cmpstr (written, ==,
                   g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (expected)));
  lines = g_strsplit (written, "\n", -1);
  /* A header, one line per posting, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, postings + 2);
  g_assert_nonnull (strstr (written, "AAPL"));

  /* An export into a folder that does not exist fails plainly. */
  {
    g_autofree char *bad_path = g_build_filename (work_dir, "no-such-dir", "x.csv", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    au_ledger_page_export_csv (page, bad);
    wait_until (ledger_idle, page);
    g_assert_true (g_str_has_prefix (au_ledger_page_get_message (page), "Export failed: "));
    g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
audit_idle (gpointer data)
{
  return !au_audit_page_get_busy (data);
}

static void
test_audit_page (void)
{
  g_autofree char *copy_path = g_build_filename (work_dir, "tampered.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  AuWindow *window;
  AuAuditPage *page;
  GListModel *rows;
  g_autofree char *details = NULL;
  g_autoptr(GError) error = NULL;

  /* A copy of the seeded database, to tamper with afterwards. */
  g_assert_true (g_file_get_contents (seeded_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy_path, contents, (gssize) length, &error));
  g_assert_no_error (error);

  window = open_window (copy_path, 1100, 700);
  page = au_window_get_audit_page (window);
  rows = au_audit_page_get_rows (page);
  au_window_show_page (window, "audit");

  /* Newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  {
    g_autoptr(GObject) newest = g_list_model_get_item (rows, 0);
    g_autoptr(GObject) oldest = g_list_model_get_item (rows, 2);
    g_autofree char *verdict = NULL;
    g_autofree char *rules = NULL;
    gint64 seq;

    g_object_get (newest, "verdict", &verdict, "seq", &seq, NULL);
    g_assert_cmpstr (verdict, ==, "SCANNING");
    g_assert_cmpint (seq, ==, 3);
    g_object_get (oldest, "rules", &rules, NULL);
    g_assert_cmpstr (rules, ==, "R1.1, R2.2");
  }

  /* The rejection's details name the rule and the context it saw. */
  au_audit_page_select (page, 1);
  details = au_audit_page_dup_details (page);
  g_assert_nonnull (strstr (details, "Violations"));
  g_assert_nonnull (strstr (details, "NVDA would be 53% of Rev-Acc, above 50%"));
  g_assert_nonnull (strstr (details, "\"delta\""));
  g_assert_nonnull (strstr (details, "AAPL"));
  g_assert_nonnull (strstr (details, "Record 2"));

  au_audit_page_verify (page);
  wait_until (audit_idle, page);
  g_assert_cmpint (au_audit_page_get_verify_type (page), ==, GTK_MESSAGE_INFO);
  g_assert_true (g_str_has_prefix (au_audit_page_get_verify_message (page),
                                   "Chain intact: 3 records, head "));
  save_widget_png (GTK_WIDGET (window), "page-audit.png");

  /* One byte of record 2 changed, by someone who dropped the triggers. */
  {
    g_autoptr(AuDatabase) database = au_database_open (copy_path, AU_DATABASE_READ_WRITE, &error);

    g_assert_no_error (error);
    g_assert_true (au_database_exec (database,
                                     "DROP TRIGGER audit_records_no_update;"
                                     "DROP TRIGGER audit_records_no_delete;"
                                     "UPDATE audit_records SET verdict = 'REJECTEd' WHERE seq = 2;",
                                     &error));
    g_assert_no_error (error);
  }

  au_audit_page_verify (page);
  wait_until (audit_idle, page);
  g_assert_cmpint (au_audit_page_get_verify_type (page), ==, GTK_MESSAGE_ERROR);
  g_assert_true (g_str_has_prefix (au_audit_page_get_verify_message (page),
                                   "Chain broken at record 2: "));
  save_widget_png (GTK_WIDGET (window), "page-audit-broken.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow_folds (void)
{
  AuWindow *window = open_window (seeded_path, 360, 640);

  /* At 360 px the sidebar and the page take turns; every page fits. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  g_assert_true (au_window_get_folded (window));
  save_widget_png (GTK_WIDGET (window), "narrow-sidebar.png");
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("narrow-%s.png", page_names[i]);

      au_window_show_page (window, page_names[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
      save_widget_png (GTK_WIDGET (window), name);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  window = open_window (seeded_path, 1000, 640);
  g_assert_false (au_window_get_folded (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshots (void)
{
  AuWindow *window = open_window (seeded_path, 1100, 760);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%s.png", page_names[i]);

      au_window_show_page (window, page_names[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      save_widget_png (GTK_WIDGET (window), name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;

  application = au_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  /* These tests read the database with the autopilot paused: a window
   * over a portfolio would otherwise start the engine (D4), and the next
   * window's engine would find the database's writer lock taken. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "autopilot-paused", TRUE);
  }

  work_dir = gui_test_make_work_dir ("alluse-gui-XXXXXX");
  seeded_path = g_build_filename (work_dir, "seeded.db", NULL);
  seed_portfolio (seeded_path);

  g_test_add_func ("/gui/pages/switch", test_pages_switch);
  g_test_add_func ("/gui/pages/portfolio-overview", test_portfolio_overview);
  g_test_add_func ("/gui/pages/ledger", test_ledger_page);
  g_test_add_func ("/gui/pages/audit", test_audit_page);
  g_test_add_func ("/gui/pages/narrow-folds", test_narrow_folds);
  g_test_add_func ("/gui/pages/screenshots", test_screenshots);

  status = g_test_run ();

  gui_test_remove_work_dir (work_dir);
  g_clear_pointer (&seeded_path, g_free);
  g_clear_pointer (&work_dir, g_free);
  g_clear_object (&application);

  return status;
}

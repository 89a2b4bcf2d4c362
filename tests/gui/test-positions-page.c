/* test-positions-page.c: the Positions page fed by real snapshots
 *
 * Snapshots built with the snapshot API carry positions at each protocol
 * level (R6.1–R6.4: L0 m < 1, L1 at m = 1.00, L2 at m = 2.50, L3 at
 * m = 3.00); the page is asserted through the GtkWidget API: the empty
 * states, the sort orders by strike, DTE and level, the badges' text,
 * CSS class and tooltip, and that a new snapshot is spliced in (only the
 * changed rows) keeping the sort and the scroll position. PNGs at 1000
 * and 360 px. Needs a display; without one: "1..0 # SKIP no display".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-ledger.h"
#include "au-position-row.h"
#include "au-positions-page.h"
#include "pages-test-host.h"

static char *work_dir;

static AuAutopilotPositionView *
add_position (AuAutopilotSnapshot *snapshot,
              gint64               account_id,
              const char          *symbol,
              const char          *right,
              AuPrice              strike,
              const char          *expiry,
              int                  dte,
              gint64               quantity,
              double               delta,
              AuMoney              premium,
              AuMoney              pnl,
              double               multiple,
              const char          *level)
{
  AuAutopilotPositionView *view = g_new0 (AuAutopilotPositionView, 1);

  view->account_id = account_id;
  view->symbol = g_strdup (symbol);
  view->right = g_strdup (right);
  view->strike = strike;
  view->expiry = g_strdup (expiry);
  view->dte = dte;
  view->quantity = quantity;
  view->delta = delta;
  view->premium = premium;
  view->pnl = pnl;
  view->atr_distance = multiple;
  view->level = g_strdup (level);
  g_ptr_array_add (snapshot->positions, view);

  return view;
}

/* A $300,000 tree (R0.1: Gen $120,000, Rev $90,000, Com $90,000) on
 * Thursday 2026-11-05, with one position at each level and 100 shares
 * of AAPL assigned earlier. Premiums per contract: price × 100. */
static AuAutopilotSnapshot *
five_positions (void)
{
  AuAutopilotSnapshot *snapshot = au_autopilot_snapshot_new ();

  snapshot_add_account (snapshot, 2, "ALL-USE-1/Gen", "gen", DOLLARS (120000), DOLLARS (38000),
                        DOLLARS (82000), 0.0, "P-EW");
  snapshot_add_account (snapshot, 3, "ALL-USE-1/Rev", "rev", DOLLARS (90000), DOLLARS (45000),
                        DOLLARS (36000), 0.012, "P-EW");
  snapshot_add_account (snapshot, 4, "ALL-USE-1/Com", "com", DOLLARS (90000), DOLLARS (70000),
                        DOLLARS (20000), 0.0, "C-REC");

  /* R6.1 L0: m < 1, reported as 0 (not breached). $1.20 × 100. */
  add_position (snapshot, 2, "AAPL", "P", 2000000, "2026-11-20", 15, -1, -0.18, 12000, 4500,
                0.0, "L0");
  /* R6.2 L1 on its boundary m = 1.00. 2 × $2.00 × 100. */
  add_position (snapshot, 3, "NVDA", "P", 1800000, "2026-11-13", 8, -2, -0.41, 40000, -6000,
                1.0, "L1");
  /* R6.3 L2 inside 2 ≤ m < 3. */
  add_position (snapshot, 4, "MSFT", "C", 4200000, "2026-11-27", 22, -1, 0.55, 31000, -12500,
                2.5, "L2");
  /* R6.4 L3 on its boundary m = 3.00; a strike with a half dollar. */
  add_position (snapshot, 2, "TSLA", "P", 1825000, "2026-11-06", 1, -3, -0.88, 54000, -91000,
                3.0, "L3");
  /* Shares: no strike, expiry or DTE; premium is the cost. */
  add_position (snapshot, 4, "AAPL", "stock", 0, NULL, 0, 100, 1.0, DOLLARS (20000), 0, 0.0, "L0");

  return snapshot;
}

static const char *
visible_symbol (AuPositionsPage *page,
                guint            position)
{
  g_autoptr(AuPositionRow) row = g_list_model_get_item (au_positions_page_get_visible_rows (page),
                                                        position);

  g_assert_nonnull (row);
  return au_position_row_get_symbol (row); /* the model keeps the row */
}

static char *
visible_order (AuPositionsPage *page)
{
  GListModel *rows = au_positions_page_get_visible_rows (page);
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AuPositionRow) row = g_list_model_get_item (rows, i);

      g_string_append_printf (order, "%s%s %s", i > 0 ? ", " : "", au_position_row_get_symbol (row),
                              au_position_row_get_right (row));
    }

  return g_string_free (order, FALSE);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }

  g_assert_not_reached ();
}

static void
sort_by (AuPositionsPage *page,
         const char      *title,
         GtkSortType      direction)
{
  GtkColumnView *view = au_positions_page_get_column_view (page);

  gtk_column_view_sort_by_column (view, column_titled (view, title), direction);
  iterate_main_context ();
}

static gboolean
page_idle (gpointer data)
{
  return !au_positions_page_get_busy (data);
}

static char *
make_portfolio (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(GDateTime) monday = g_date_time_new_from_iso8601 ("2026-11-02T14:30:00Z", NULL);
  char *path = g_build_filename (work_dir, name, NULL);
  AuLedgerTree tree;

  g_assert_no_error (error);
  database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);
  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (300000), monday, &tree, &error));
  g_assert_no_error (error);

  return path;
}

/* No portfolio, then a portfolio with the autopilot stopped, then running
 * with nothing open: each says so, and none shows a number. */
static void
test_empty_states (void)
{
  AuPositionsPage *page = au_positions_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 800, 600);
  g_autofree char *missing = g_build_filename (work_dir, "missing.db", NULL);
  g_autofree char *portfolio = make_portfolio ("empty-states.db");
  g_autoptr(AuAutopilotSnapshot) idle = au_autopilot_snapshot_new ();
  g_autofree char *text = NULL;

  g_assert_cmpstr (au_positions_page_get_state (page), ==, "no-portfolio");

  au_positions_page_set_database_path (page, missing);
  wait_until (page_idle, page);
  g_assert_cmpstr (au_positions_page_get_state (page), ==, "no-portfolio");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));   /* read-only: nothing made */
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nNo Portfolio Yet\n"));
  g_clear_pointer (&text, g_free);

  au_positions_page_set_database_path (page, portfolio);
  g_assert_true (au_positions_page_get_busy (page));
  wait_until (page_idle, page);
  g_assert_cmpstr (au_positions_page_get_state (page), ==, "not-running");
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nThe Autopilot Is Not Running\n"));
  g_assert_null (strstr (text, "$"));
  g_clear_pointer (&text, g_free);
  save_widget_png (GTK_WIDGET (window), "positions-not-running.png");

  au_positions_page_set_snapshot (page, idle);
  g_assert_cmpstr (au_positions_page_get_state (page), ==, "empty");
  g_assert_nonnull (strstr (text = widget_text (GTK_WIDGET (page)), "\nNo Open Positions\n"));
  g_clear_pointer (&text, g_free);

  /* Stopped again: the old rows are not left on screen. */
  au_positions_page_set_snapshot (page, NULL);
  g_assert_cmpstr (au_positions_page_get_state (page), ==, "not-running");
  g_assert_cmpuint (g_list_model_get_n_items (au_positions_page_get_rows (page)), ==, 0);

  gtk_window_destroy (window);
}

static void
test_sorting (void)
{
  AuPositionsPage *page = au_positions_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 1200, 600);
  g_autoptr(AuAutopilotSnapshot) snapshot = five_positions ();
  g_autofree char *order = NULL;

  au_positions_page_set_snapshot (page, snapshot);
  g_assert_cmpstr (au_positions_page_get_state (page), ==, "rows");
  g_assert_cmpuint (g_list_model_get_n_items (au_positions_page_get_visible_rows (page)), ==, 5);
  g_assert_nonnull (strstr (widget_text (GTK_WIDGET (page)),
                            "\n5 open positions · highest level L3\n"));

  /* Unsorted: the snapshot's order. */
  g_assert_cmpstr (order = visible_order (page), ==,
                   "AAPL P, NVDA P, MSFT C, TSLA P, AAPL stock");
  g_clear_pointer (&order, g_free);

  /* Strike: shares (no strike) first, then $180 < $182.50 < $200 < $420. */
  sort_by (page, "Strike", GTK_SORT_ASCENDING);
  g_assert_cmpstr (order = visible_order (page), ==,
                   "AAPL stock, NVDA P, TSLA P, AAPL P, MSFT C");
  g_clear_pointer (&order, g_free);
  sort_by (page, "Strike", GTK_SORT_DESCENDING);
  g_assert_cmpstr (visible_symbol (page, 0), ==, "MSFT");
  g_assert_cmpstr (visible_symbol (page, 4), ==, "AAPL");

  /* DTE: 0 (shares), 1, 8, 15, 22. */
  sort_by (page, "DTE", GTK_SORT_ASCENDING);
  g_assert_cmpstr (order = visible_order (page), ==,
                   "AAPL stock, TSLA P, NVDA P, AAPL P, MSFT C");
  g_clear_pointer (&order, g_free);

  /* Level by rank, highest first: L3, L2, L1, then the two L0s. */
  sort_by (page, "Level", GTK_SORT_DESCENDING);
  g_assert_cmpstr (visible_symbol (page, 0), ==, "TSLA");
  g_assert_cmpstr (visible_symbol (page, 1), ==, "MSFT");
  g_assert_cmpstr (visible_symbol (page, 2), ==, "NVDA");
  sort_by (page, "Level", GTK_SORT_ASCENDING);
  g_assert_cmpstr (visible_symbol (page, 2), ==, "NVDA");
  g_assert_cmpstr (visible_symbol (page, 3), ==, "MSFT");
  g_assert_cmpstr (visible_symbol (page, 4), ==, "TSLA");

  /* P&L: the L3 loss first. */
  sort_by (page, "P&L", GTK_SORT_ASCENDING);
  g_assert_cmpstr (visible_symbol (page, 0), ==, "TSLA");
  g_assert_cmpstr (visible_symbol (page, 4), ==, "AAPL");

  gtk_window_destroy (window);
}

/* The badge says the level in text, carries its level's class (and no
 * other) and tells a screen reader what it is. */
static void
test_badges (void)
{
  AuPositionsPage *page = au_positions_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 1200, 600);
  g_autoptr(AuAutopilotSnapshot) snapshot = five_positions ();
  g_autoptr(GPtrArray) badges = NULL;
  g_autofree char *text = NULL;
  const char *expected[] = { "L3", "L2", "L1", "L0", "L0" };
  const char *classes[] = { "au-level-l0", "au-level-l1", "au-level-l2", "au-level-l3" };

  au_positions_page_set_snapshot (page, snapshot);
  sort_by (page, "Level", GTK_SORT_DESCENDING);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  badges = widgets_with_class (GTK_WIDGET (au_positions_page_get_column_view (page)),
                               "au-level-badge");
  g_assert_cmpuint (badges->len, ==, 5);
  for (guint i = 0; i < badges->len; i++)
    {
      GtkWidget *badge = g_ptr_array_index (badges, i);
      g_autofree char *tooltip = g_strdup_printf ("Protocol level %s", expected[i]);
      int rank = expected[i][1] - '0';

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, expected[i]);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, tooltip);
      for (int k = 0; k < 4; k++)
        g_assert_true (gtk_widget_has_css_class (badge, classes[k]) == (k == rank));
    }

  /* The other cells, as written for people. */
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\n5 open positions · highest level L3\n"));
  save_widget_png (GTK_WIDGET (window), "positions-page.png");

  /* Dark: the same badges, still with their text. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (g_ptr_array_index (badges, 0))), ==, "L3");
  save_widget_png (GTK_WIDGET (window), "positions-page-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (window);
}

static void
test_cells (void)
{
  g_autoptr(AuAutopilotSnapshot) snapshot = five_positions ();
  g_autoptr(AuPositionRow) tsla = au_position_row_new (g_ptr_array_index (snapshot->positions, 3),
                                                       "ALL-USE-1/Gen");
  g_autofree char *strike = au_format_strike (au_position_row_get_strike (tsla));
  g_autofree char *round = au_format_strike (2000000);
  g_autofree char *odd = au_format_strike (1825625);

  g_assert_cmpstr (strike, ==, "$182.50");
  g_assert_cmpstr (round, ==, "$200.00");
  g_assert_cmpstr (odd, ==, "$182.5625");     /* never rounded: the strike is the contract */
  g_assert_cmpint (au_position_row_get_level_rank (tsla), ==, 3);
  g_assert_cmpint (au_protocol_level_rank ("L4"), ==, -1);
  g_assert_cmpint (au_protocol_level_rank ("l2"), ==, -1);
  g_assert_true (au_position_row_is_option (tsla));
}

static void
collect_inscriptions (GtkWidget *widget,
                      GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_inscriptions (child, texts);
}

/* Shares the engine reported without delta or cost (its snapshot leaves
 * them zero) show "—", not a riskless $0.00; shares with their figures
 * show them. */
static void
test_unreported_stock (void)
{
  AuPositionsPage *page = au_positions_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 1400, 400);
  g_autoptr(AuAutopilotSnapshot) snapshot = au_autopilot_snapshot_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  guint dashes = 0;

  snapshot_add_account (snapshot, 4, "ALL-USE-1/Com", "com", DOLLARS (90000), DOLLARS (70000),
                        DOLLARS (20000), 0.0, "calm_income");
  add_position (snapshot, 4, "AAPL", "stock", 0, NULL, 0, 100, 1.0, DOLLARS (20000), 15000,
                0.0, "L0");
  add_position (snapshot, 4, "TSLA", "stock", 0, NULL, 0, 200, 0.0, 0, 0, 0.0, "L0");
  au_positions_page_set_snapshot (page, snapshot);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  collect_inscriptions (GTK_WIDGET (au_positions_page_get_column_view (page)), texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      g_assert_cmpstr (text, !=, "$0.00");
      g_assert_cmpstr (text, !=, "0.00");
      dashes += g_strcmp0 (text, "—") == 0;
    }
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "$20,000.00", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (texts, "$150.00", g_str_equal, NULL));
  /* Strike, expiry, DTE and ATR × of both; delta, premium and P&L of TSLA. */
  g_assert_cmpuint (dashes, ==, 4 + 4 + 3);
  gtk_window_destroy (window);
}

static void
collect_symbols (GtkWidget *widget,
                 GPtrArray *found)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

      if (text != NULL && text[0] == 'S' && g_ascii_isdigit (text[1]) && text[3] == '\0')
        g_ptr_array_add (found, widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_symbols (child, found);
}

/* The symbol of the first row wholly below the column headers: what the
 * user sees at the top of the table. */
static char *
top_visible_symbol (AuPositionsPage *page)
{
  GtkWidget *view = GTK_WIDGET (au_positions_page_get_column_view (page));
  int header = gtk_widget_get_height (gtk_widget_get_first_child (view));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  const char *best = NULL;
  double best_y = G_MAXDOUBLE;

  collect_symbols (view, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (cell, view, &GRAPHENE_POINT_INIT (0, 0), &point));
      if (point.y >= header - 1 && point.y < best_y)
        {
          best_y = point.y;
          best = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
        }
    }

  g_assert_nonnull (best);
  return g_strdup (best);
}

typedef struct
{
  guint calls;
  guint largest;   /* the most rows one items-changed touched */
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->calls++;
  changes->largest = MAX (changes->largest, MAX (removed, added));
}

static AuAutopilotSnapshot *
many_positions (guint n)
{
  AuAutopilotSnapshot *snapshot = au_autopilot_snapshot_new ();

  snapshot_add_account (snapshot, 2, "ALL-USE-1/Gen", "gen", DOLLARS (120000), DOLLARS (38000),
                        DOLLARS (82000), 0.0, "P-EW");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *symbol = g_strdup_printf ("S%02u", i);

      /* Strikes $100.00, $102.50, …: each row has its own. */
      add_position (snapshot, 2, symbol, "P", 1000000 + (AuPrice) i * 25000, "2026-11-20", 15, -1,
                    -0.20, 10000, 1000, 0.0, "L0");
    }

  return snapshot;
}

/* A newer snapshot changes one row, closes one and opens one: three small
 * splices, the strike order holds and the view stays where the user
 * scrolled it. The same snapshot again changes nothing. */
static void
test_splice_keeps_sort_and_scroll (void)
{
  AuPositionsPage *page = au_positions_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 1000, 400);
  g_autoptr(AuAutopilotSnapshot) first = many_positions (60);
  g_autoptr(AuAutopilotSnapshot) second = many_positions (60);
  GtkColumnView *view = au_positions_page_get_column_view (page);
  GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  AuAutopilotPositionView *changed;
  GtkSorter *sorter;
  Changes changes = { 0, };
  g_autofree char *top = NULL;
  g_autofree char *top_after = NULL;
  double before;

  au_positions_page_set_snapshot (page, first);
  sort_by (page, "Strike", GTK_SORT_DESCENDING);
  sorter = gtk_column_view_get_sorter (view);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), >, gtk_adjustment_get_page_size (scroll));
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll) / 2);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_context ();
  before = gtk_adjustment_get_value (scroll);
  g_assert_cmpfloat (before, >, 0);
  top = top_visible_symbol (page);
  g_assert_cmpstr (top, !=, "S59");

  /* S10 escalates to L2, S20 is closed, S60 opens at $250.00 (the top). */
  changed = g_ptr_array_index (second->positions, 10);
  changed->pnl = -25000;
  changed->atr_distance = 2.2;
  g_free (changed->level);
  changed->level = g_strdup ("L2");
  g_ptr_array_remove_index (second->positions, 20);
  add_position (second, 2, "S60", "P", 2500000, "2026-11-20", 15, -1, -0.20, 10000, 1000, 0.0,
                "L0");

  g_signal_connect (au_positions_page_get_rows (page), "items-changed",
                    G_CALLBACK (on_items_changed), &changes);
  au_positions_page_set_snapshot (page, second);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  iterate_main_context ();

  g_assert_cmpuint (changes.calls, ==, 3);
  g_assert_cmpuint (changes.largest, ==, 1);
  g_assert_true (gtk_column_view_get_sorter (view) == sorter);
  g_assert_cmpuint (g_list_model_get_n_items (au_positions_page_get_visible_rows (page)), ==, 60);
  g_assert_cmpstr (visible_symbol (page, 0), ==, "S60");
  g_assert_cmpstr (visible_symbol (page, 1), ==, "S59");
  g_assert_cmpstr (visible_symbol (page, 59), ==, "S00");
  for (guint i = 1; i < 60; i++)
    {
      g_autoptr(AuPositionRow) a = g_list_model_get_item (au_positions_page_get_visible_rows (page),
                                                          i - 1);
      g_autoptr(AuPositionRow) b = g_list_model_get_item (au_positions_page_get_visible_rows (page),
                                                          i);

      g_assert_cmpint (au_position_row_get_strike (a), >, au_position_row_get_strike (b));
    }
  /* The same row stays at the top: a row opened above it moves the
   * content by one row, not the user's place in it. */
  top_after = top_visible_symbol (page);
  g_assert_cmpstr (top_after, ==, top);
  g_test_message ("scrolled %.1f px before, %.1f px after", before,
                  gtk_adjustment_get_value (scroll));

  /* Nothing new: no row is touched. */
  changes.calls = 0;
  au_positions_page_set_snapshot (page, second);
  g_assert_cmpuint (changes.calls, ==, 0);

  g_signal_handlers_disconnect_by_func (au_positions_page_get_rows (page), on_items_changed,
                                        &changes);
  gtk_window_destroy (window);
}

/* At 360 px the table scrolls sideways; the level column comes first so
 * the badge stays in view. */
static void
test_narrow (void)
{
  AuPositionsPage *page = au_positions_page_new ();
  GtkWindow *window = host_page (GTK_WIDGET (page), 360, 640);
  g_autoptr(AuAutopilotSnapshot) snapshot = five_positions ();
  g_autoptr(GPtrArray) badges = NULL;

  au_positions_page_set_snapshot (page, snapshot);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  badges = widgets_with_class (GTK_WIDGET (page), "au-level-badge");
  g_assert_cmpuint (badges->len, ==, 5);
  save_widget_png (GTK_WIDGET (window), "positions-page-narrow.png");

  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;

  work_dir = gui_test_make_work_dir ("alluse-positions-XXXXXX");

  g_test_add_func ("/gui/positions/cells", test_cells);
  g_test_add_func ("/gui/positions/empty-states", test_empty_states);
  g_test_add_func ("/gui/positions/unreported-stock", test_unreported_stock);
  g_test_add_func ("/gui/positions/sorting", test_sorting);
  g_test_add_func ("/gui/positions/badges", test_badges);
  g_test_add_func ("/gui/positions/splice-keeps-sort-and-scroll",
                   test_splice_keeps_sort_and_scroll);
  g_test_add_func ("/gui/positions/narrow", test_narrow);

  status = g_test_run ();

  gui_test_remove_work_dir (work_dir);
  g_clear_pointer (&work_dir, g_free);

  return status;
}

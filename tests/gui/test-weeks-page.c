/* test-weeks-page.c: the Week Types page over a one-year paper backtest
 *
 * Only the autopilot writes autopilot_week_types (D2.5), so the fixture
 * is the real thing: au_backtest_run() for 52 weeks into a temp database,
 * once for the binary. The grid must show every stored label, week by
 * week and sleeve by sleeve, with its abbreviation and name; the selected
 * week its deciding events; the snapshot the current week so far; and a
 * stored type that is not one of D2.5's six must be reported, naming
 * its week, not drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-backtest.h"
#include "au-database.h"
#include "au-week-row.h"
#include "au-weeks-page.h"
#include "gui-test-util.h"

static char *work_dir;
static char *db_path;

static gboolean
page_idle (gpointer data)
{
  return !au_weeks_page_get_busy (data);
}

static AuWeeksPage *
open_page (GtkWidget  **window,
           const char  *path,
           int          width)
{
  AuWeeksPage *page = AU_WEEKS_PAGE (au_weeks_page_new ());

  *window = gui_test_present (GTK_WIDGET (page), width, 700);
  au_weeks_page_set_database_path (page, path);
  wait_until (page_idle, page);

  return page;
}

static void
test_grid (void)
{
  GtkWidget *window;
  AuWeeksPage *page = open_page (&window, db_path, 900);
  GListModel *rows = au_weeks_page_get_rows (page);
  GListModel *columns = gtk_column_view_get_columns (au_weeks_page_get_column_view (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) database = au_database_open (db_path, AU_DATABASE_READ_ONLY, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  guint labels = 0;

  g_assert_no_error (error);

  /* 52 weeks, newest first: the system and the three sleeves each. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 52);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  {
    const char *titles[] = { "Week", "System", "ALL-USE-1/Com", "ALL-USE-1/Gen",
                             "ALL-USE-1/Rev" };

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      }
  }
  {
    g_autoptr(AuWeekRow) newest = g_list_model_get_item (rows, 0);
    g_autoptr(AuWeekRow) oldest = g_list_model_get_item (rows, 51);

    g_assert_cmpstr (au_week_row_get_week (newest), ==, "2016-W52");
    g_assert_cmpstr (au_week_row_get_week (oldest), ==, "2016-W01");
  }

  /* Every label the autopilot stored is the one the grid shows. */
  stmt = au_database_prepare (database,
                              "SELECT week, coalesce (account, ''), type"
                              "  FROM autopilot_week_types ORDER BY week DESC;", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *week = (const char *) sqlite3_column_text (stmt, 0);
      const char *account = (const char *) sqlite3_column_text (stmt, 1);
      AuWeekType stored;
      AuWeekType shown;
      gboolean found = FALSE;

      g_assert_true (au_week_type_from_key ((const char *) sqlite3_column_text (stmt, 2), &stored));
      for (guint i = 0; i < 52 && !found; i++)
        {
          g_autoptr(AuWeekRow) row = g_list_model_get_item (rows, i);

          if (g_str_equal (au_week_row_get_week (row), week))
            {
              g_assert_true (au_week_row_lookup (row, account, &shown));
              g_assert_cmpint (shown, ==, stored);
              found = TRUE;
            }
        }
      g_assert_true (found);
      labels++;
    }
  g_assert_cmpuint (labels, ==, 52 * 4);

  /* The cells and the legend carry the abbreviation and the name. */
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nCI  Calm-Income\n"));
  g_assert_nonnull (strstr (text, "\nPR  Preservation\n"));
  g_assert_nonnull (strstr (text, "\nRO  Roll\n"));
  g_assert_nonnull (strstr (text, "\n2016-W52\n"));

  /* The first week's deciding events, as the system roll-up stored them. */
  au_weeks_page_select (page, 51);
  {
    g_autoptr(sqlite3_stmt) events = NULL;
    g_autoptr(JsonNode) node = NULL;
    JsonArray *array;

    events = au_database_prepare (database,
                                  "SELECT type, events FROM autopilot_week_types"
                                  " WHERE week = '2016-W01' AND account IS NULL;", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (events), ==, SQLITE_ROW);
    node = json_from_string ((const char *) sqlite3_column_text (events, 1), &error);
    g_assert_no_error (error);
    array = json_node_get_array (node);
    g_assert_true (g_str_has_prefix (au_weeks_page_get_details (page), "Week 2016-W01\n"));
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *event = json_array_get_object_element (array, i);
        g_autofree char *line = NULL;
        AuWeekType type;

        g_assert_true (au_week_type_from_key (json_object_get_string_member (event, "type"),
                                              &type));
        line = g_strdup_printf ("  %s: %s %s (%s)\n", au_week_type_to_label (type),
                                json_object_get_string_member (event, "account"),
                                json_object_get_string_member (event, "symbol"),
                                json_object_get_string_member (event, "rule"));
        g_assert_nonnull (strstr (au_weeks_page_get_details (page), line));
      }
  }

  /* The current week from the snapshot's accounts. */
  g_assert_cmpstr (au_weeks_page_get_current (page), ==,
                   "This week: the autopilot is not running.");
  {
    g_autoptr(AuAutopilotSnapshot) snapshot = au_autopilot_snapshot_new ();
    AuAutopilotAccountView *gen = g_new0 (AuAutopilotAccountView, 1);
    AuAutopilotAccountView *rev = g_new0 (AuAutopilotAccountView, 1);

    gen->name = g_strdup ("ALL-USE-1/Gen");
    gen->week_type = g_strdup ("hedged");
    rev->name = g_strdup ("ALL-USE-1/Rev");
    g_ptr_array_add (snapshot->accounts, gen);
    g_ptr_array_add (snapshot->accounts, rev);
    au_weeks_page_set_snapshot (page, snapshot);
    g_assert_cmpstr (au_weeks_page_get_current (page), ==,
                     "This week so far: ALL-USE-1/Gen HG Hedged · ALL-USE-1/Rev not labelled yet");
  }

  save_widget_png (GTK_WIDGET (page), "page-weeks-only.png");
  gtk_window_destroy (GTK_WINDOW (window));

  /* At 360 px the legend wraps and the grid scrolls sideways. */
  page = open_page (&window, db_path, 360);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  save_widget_png (GTK_WIDGET (page), "narrow-weeks-only.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unknown_type (void)
{
  g_autofree char *copy = g_build_filename (work_dir, "bad.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  AuWeeksPage *page;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (db_path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, &error));
  {
    g_autoptr(AuDatabase) database = au_database_open (copy, AU_DATABASE_READ_WRITE, &error);

    g_assert_no_error (error);
    g_assert_true (au_database_exec (database, "UPDATE autopilot_week_types SET type = 'sunny'"
                                               " WHERE week = '2016-W07' AND account IS NULL;",
                                     &error));
    g_assert_no_error (error);
  }

  page = open_page (&window, copy, 900);
  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\nWeek Types Not Read\n"));
  g_assert_nonnull (strstr (text, "Week 2016-W07: “sunny” is not a week type of D2.5"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBacktestResult) result = NULL;
  AuBacktestConfig config = { 0 };
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;

  work_dir = gui_test_make_work_dir ("alluse-weeks-XXXXXX");
  db_path = g_build_filename (work_dir, "backtest.db", NULL);

  /* A year on the paper market, as `alluse-cli backtest --years 1`. */
  config.seed = 42;
  config.capital = 30000000;
  config.years = 1;
  g_date_set_dmy (&config.start, 4, G_DATE_JANUARY, 2016);
  config.db_path = db_path;
  result = au_backtest_run (&config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->weeks, ==, 52);

  g_test_add_func ("/gui/weeks-page/grid", test_grid);
  g_test_add_func ("/gui/weeks-page/unknown-type", test_unknown_type);
  status = g_test_run ();

  gui_test_remove_work_dir (work_dir);
  g_free (db_path);
  g_free (work_dir);
  return status;
}

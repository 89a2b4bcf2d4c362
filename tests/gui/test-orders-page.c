/* test-orders-page.c: the Orders & Fills page over orders written with the ledger
 *
 * Three orders booked with the ledger's own API, as the order manager
 * books them (a parent intent, re-priced versions carrying the events
 * and fills, D4, R0.6): Gen's AAPL put filled, Rev's NVDA puts re-priced
 * and working, Com's AAPL shares rejected. The page's rows, newest
 * first, their state, fills and commission, sorting, the state and
 * account filters, a snapshot that fills Rev's order without a reload,
 * the details of an order, and a PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-ledger.h"
#include "au-order-row.h"
#include "au-orders-page.h"
#include "gui-test-util.h"

#define DOLLARS(n) ((AuMoney) (n) * 100)

static char *work_dir;
static char *db_path;
static AuLedgerTree tree;

static GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static void
record (AuLedger           *ledger,
        const char         *id,
        const char         *parent,
        gint64              account,
        const AuInstrument *instrument,
        AuOrderSide         side,
        gint64              quantity,
        AuPrice             limit,
        const char         *rule,
        const char         *time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = at (time);
  AuLedgerOrderIntent intent = {
    .client_order_id = id,
    .parent_client_order_id = parent,
    .account_id = account,
    .instrument = *instrument,
    .side = side,
    .quantity = quantity,
    .limit_price = limit,
    .rule_reference = rule,
    .intent_json = parent == NULL ? "{\"action\": \"open\", \"strategy\": \"csp\"}" : "{}",
  };

  g_assert_cmpint (au_ledger_record_order (ledger, &intent, when, &error), >, 0);
  g_assert_no_error (error);
}

static void
event (AuLedger     *ledger,
       const char   *id,
       AuOrderEvent  kind,
       const char   *time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = at (time);

  g_assert_true (au_ledger_record_order_event (ledger, id, kind, "test", when, &error));
  g_assert_no_error (error);
}

static AuLedger *
open_ledger (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  AuLedger *ledger;

  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);
  return ledger;
}

static void
seed (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(GDateTime) monday = at ("2026-11-02T14:30:00Z");
  g_autoptr(GDateTime) thursday = at ("2026-11-05T14:50:00Z");
  AuInstrument aapl_put = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-11-20", 100 };
  AuInstrument nvda_put = { "NVDA", AU_RIGHT_PUT, 1800000, "2026-11-13", 100 };
  AuInstrument aapl = { "AAPL", AU_RIGHT_STOCK, 0, NULL, 1 };
  AuFill fill = { "exec-aapl-1", "gen-1-v1", 1, 12000, 65 };

  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);
  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (300000), monday, &tree, &error));

  /* Gen: one AAPL 200 put sold at $1.20, filled, $0.65 commission. */
  record (ledger, "gen-1", NULL, tree.gen, &aapl_put, AU_ORDER_SIDE_SELL, 1, 12000, "R2.2",
          "2026-11-05T14:45:00Z");
  record (ledger, "gen-1-v1", "gen-1", tree.gen, &aapl_put, AU_ORDER_SIDE_SELL, 1, 12000, "R2.2",
          "2026-11-05T14:45:00Z");
  event (ledger, "gen-1-v1", AU_ORDER_EVENT_SUBMITTED, "2026-11-05T14:45:00Z");
  event (ledger, "gen-1-v1", AU_ORDER_EVENT_ACKNOWLEDGED, "2026-11-05T14:45:01Z");
  g_assert_cmpint (au_ledger_sell_to_open (ledger, tree.gen, &aapl_put, &fill, thursday, &error),
                   >, 0);
  g_assert_no_error (error);
  event (ledger, "gen-1-v1", AU_ORDER_EVENT_FILLED, "2026-11-05T14:50:00Z");

  /* Rev: two NVDA 180 puts at $2.00, cancelled and re-priced at $1.95 (R0.6). */
  record (ledger, "rev-1", NULL, tree.rev, &nvda_put, AU_ORDER_SIDE_SELL, 2, 20000, "R3.1",
          "2026-11-11T15:00:00Z");
  record (ledger, "rev-1-v1", "rev-1", tree.rev, &nvda_put, AU_ORDER_SIDE_SELL, 2, 20000, "R3.1",
          "2026-11-11T15:00:00Z");
  event (ledger, "rev-1-v1", AU_ORDER_EVENT_SUBMITTED, "2026-11-11T15:00:00Z");
  event (ledger, "rev-1-v1", AU_ORDER_EVENT_CANCELLED, "2026-11-11T15:05:00Z");
  record (ledger, "rev-1-v2", "rev-1", tree.rev, &nvda_put, AU_ORDER_SIDE_SELL, 2, 19500, "R3.1",
          "2026-11-11T15:05:00Z");
  event (ledger, "rev-1-v2", AU_ORDER_EVENT_SUBMITTED, "2026-11-11T15:05:00Z");
  event (ledger, "rev-1-v2", AU_ORDER_EVENT_ACKNOWLEDGED, "2026-11-11T15:05:01Z");

  /* Com: 100 AAPL at $184.84, rejected by the broker. */
  record (ledger, "com-1", NULL, tree.com, &aapl, AU_ORDER_SIDE_BUY, 100, 1848400, "D2.23",
          "2026-11-12T14:45:00Z");
  record (ledger, "com-1-v1", "com-1", tree.com, &aapl, AU_ORDER_SIDE_BUY, 100, 1848400, "D2.23",
          "2026-11-12T14:45:00Z");
  event (ledger, "com-1-v1", AU_ORDER_EVENT_SUBMITTED, "2026-11-12T14:45:00Z");
  event (ledger, "com-1-v1", AU_ORDER_EVENT_REJECTED, "2026-11-12T14:45:01Z");
}

static gboolean
page_idle (gpointer data)
{
  return !au_orders_page_get_busy (data);
}

static AuOrderRow *
visible (AuOrdersPage *page,
         guint         position)
{
  g_autoptr(AuOrderRow) row = g_list_model_get_item (au_orders_page_get_visible_rows (page),
                                                     position);

  g_assert_nonnull (row);
  return row;
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
test_orders_page (void)
{
  AuOrdersPage *page = AU_ORDERS_PAGE (au_orders_page_new ());
  GtkWidget *window = gui_test_present (GTK_WIDGET (page), 1100, 600);
  GListModel *shown = au_orders_page_get_visible_rows (page);
  g_autoptr(AuAutopilotSnapshot) snapshot = au_autopilot_snapshot_new ();
  AuAutopilotOrderView *live = g_new0 (AuAutopilotOrderView, 1);
  GListModel *loaded;
  AuOrderRow *row;

  /* Nothing to show without a database, and nothing invented. */
  g_assert_nonnull (strstr (widget_text (GTK_WIDGET (page)), "\nNo Portfolio Yet\n"));

  au_orders_page_set_database_path (page, db_path);
  wait_until (page_idle, page);

  /* One row per order, not per version; newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (au_orders_page_get_rows (page)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);
  row = visible (page, 0);
  g_assert_cmpstr (au_order_row_get_client_order_id (row), ==, "com-1");
  g_assert_cmpint (au_order_row_get_state (row), ==, AU_ORDER_ROW_REJECTED);
  g_assert_cmpstr (au_order_row_get_instrument (row), ==, "AAPL");
  g_assert_cmpint (au_order_row_get_limit (row), ==, 1848400);
  row = visible (page, 1);
  g_assert_cmpstr (au_order_row_get_client_order_id (row), ==, "rev-1");
  /* v1 cancelled, v2 acknowledged: the order works. */
  g_assert_cmpint (au_order_row_get_state (row), ==, AU_ORDER_ROW_WORKING);
  g_assert_cmpstr (au_order_row_get_instrument (row), ==, "NVDA 2026-11-13 P 180");
  g_assert_cmpint (au_order_row_get_filled (row), ==, 0);
  row = visible (page, 2);
  g_assert_cmpstr (au_order_row_get_client_order_id (row), ==, "gen-1");
  g_assert_cmpint (au_order_row_get_state (row), ==, AU_ORDER_ROW_FILLED);
  g_assert_cmpint (au_order_row_get_filled (row), ==, 1);
  g_assert_cmpint (au_order_row_get_average_price (row), ==, 12000);
  g_assert_cmpint (au_order_row_get_commission (row), ==, 65);
  g_assert_cmpstr (au_order_row_get_intent (row), ==, "open csp");
  g_assert_cmpstr (au_order_row_get_rule (row), ==, "R2.2");

  /* Sorted by limit, both ways. */
  gtk_column_view_sort_by_column (au_orders_page_get_column_view (page),
                                  column_titled (au_orders_page_get_column_view (page), "Limit"),
                                  GTK_SORT_ASCENDING);
  wait_until (page_idle, page);
  g_assert_cmpint (au_order_row_get_limit (visible (page, 0)), ==, 12000);
  g_assert_cmpint (au_order_row_get_limit (visible (page, 2)), ==, 1848400);
  gtk_column_view_sort_by_column (au_orders_page_get_column_view (page),
                                  column_titled (au_orders_page_get_column_view (page), "Limit"),
                                  GTK_SORT_DESCENDING);
  wait_until (page_idle, page);
  g_assert_cmpint (au_order_row_get_limit (visible (page, 0)), ==, 1848400);

  /* The filters: by state, then by account. */
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_OPEN);
  wait_until (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpstr (au_order_row_get_client_order_id (visible (page, 0)), ==, "rev-1");
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_REJECTED);
  wait_until (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpstr (au_order_row_get_client_order_id (visible (page, 0)), ==, "com-1");
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_CANCELLED);
  wait_until (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_ALL);
  au_orders_page_set_account_filter (page, "ALL-USE-1/Gen");
  wait_until (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpstr (au_order_row_get_client_order_id (visible (page, 0)), ==, "gen-1");

  /* The events and fills of Gen's order, read in a worker. */
  au_orders_page_select (page, 0);
  wait_until (page_idle, page);
  g_assert_nonnull (strstr (au_orders_page_get_details (page), "gen-1-v1  submitted"));
  g_assert_nonnull (strstr (au_orders_page_get_details (page), "gen-1-v1  filled"));
  g_assert_nonnull (strstr (au_orders_page_get_details (page),
                            "exec-aapl-1  1 at $1.20, commission $0.65"));
  g_assert_nonnull (strstr (au_orders_page_get_details (page), "2026-11-05 09:45 ET"));
  au_orders_page_set_account_filter (page, NULL);

  /* A snapshot fills Rev's order: the row changes in place, no reload. */
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_OPEN);
  wait_until (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  live->client_order_id = g_strdup ("rev-1");
  live->state = g_strdup ("filled");
  live->quantity = 2;
  live->filled = 2;
  g_ptr_array_add (snapshot->orders, live);
  loaded = au_orders_page_get_rows (page);
  /* Cleared when a reload replaces the rows. */
  g_object_add_weak_pointer (G_OBJECT (loaded), (gpointer *) &loaded);
  au_orders_page_set_snapshot (page, snapshot);
  wait_until (page_idle, page);
  g_assert_true (au_orders_page_get_rows (page) == loaded);
  {
    g_autoptr(AuOrderRow) rev = g_list_model_get_item (loaded, 1);

    g_assert_cmpint (au_order_row_get_state (rev), ==, AU_ORDER_ROW_FILLED);
    g_assert_cmpint (au_order_row_get_filled (rev), ==, 2);
  }
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_FILLED);
  wait_until (page_idle, page);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  au_orders_page_set_state_filter (page, AU_ORDERS_SHOW_ALL);
  wait_until (page_idle, page);

  /* An order the page has not read: the ledger holds its intent (D4),
   * so the page reads the orders again, once. */
  {
    g_autoptr(AuLedger) ledger = open_ledger (db_path);
    AuInstrument msft = { "MSFT", AU_RIGHT_PUT, 4000000, "2026-11-20", 100 };
    AuAutopilotOrderView *fresh = g_new0 (AuAutopilotOrderView, 1);

    record (ledger, "gen-2", NULL, tree.gen, &msft, AU_ORDER_SIDE_SELL, 1, 31500, "R2.2",
            "2026-11-13T14:45:00Z");
    fresh->client_order_id = g_strdup ("gen-2");
    fresh->state = g_strdup ("pending");
    fresh->quantity = 1;
    g_ptr_array_add (snapshot->orders, fresh);
  }
  au_orders_page_set_snapshot (page, snapshot);
  g_assert_true (au_orders_page_get_busy (page));
  gtk_column_view_sort_by_column (au_orders_page_get_column_view (page),
                                  column_titled (au_orders_page_get_column_view (page), "Created"),
                                  GTK_SORT_DESCENDING);
  wait_until (page_idle, page);
  g_assert_null (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  g_assert_cmpstr (au_order_row_get_instrument (visible (page, 0)), ==, "MSFT 2026-11-20 P 400");
  g_assert_cmpint (au_order_row_get_state (visible (page, 0)), ==, AU_ORDER_ROW_PENDING);
  /* The live fill of Rev's order is applied to the fresh rows too. */
  g_assert_cmpint (au_order_row_get_state (visible (page, 2)), ==, AU_ORDER_ROW_FILLED);
  au_orders_page_select (page, 0);
  wait_until (page_idle, page);
  save_widget_png (GTK_WIDGET (page), "page-orders-only.png");
  gtk_window_destroy (GTK_WINDOW (window));

  /* At 360 px the filters fit and the table scrolls sideways. */
  page = AU_ORDERS_PAGE (au_orders_page_new ());
  window = gui_test_present (GTK_WIDGET (page), 360, 640);
  au_orders_page_set_database_path (page, db_path);
  wait_until (page_idle, page);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  save_widget_png (GTK_WIDGET (page), "narrow-orders-only.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;

  work_dir = gui_test_make_work_dir ("alluse-orders-XXXXXX");
  db_path = g_build_filename (work_dir, "orders.db", NULL);
  seed (db_path);

  g_test_add_func ("/gui/orders-page/rows-filters-snapshot", test_orders_page);
  status = g_test_run ();

  gui_test_remove_work_dir (work_dir);
  g_free (db_path);
  g_free (work_dir);
  return status;
}

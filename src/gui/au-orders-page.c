/* au-orders-page.c: the Orders & Fills page
 *
 * Every order the autopilot decided, newest first, in a sortable
 * GtkColumnView over rows a worker reads (au-orders-reader.c): the window
 * never waits on SQLite (D3). Filters by state and by account; the
 * selected order's events and fills below, read in a worker too. A
 * snapshot's live orders (client order id, state, filled) update the
 * matching rows in place, without a reload; an order the page has not
 * read yet makes it read the ledger again, since the intent is persisted
 * before it is sent (D4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-columns.h"
#include "au-format.h"
#include "au-order-row.h"
#include "au-orders-page.h"
#include "au-orders-reader.h"
#include "au-page-states.h"
#include "au-row-list.h"

struct _AuOrdersPage
{
  AdwBin                parent_instance;

  char                 *database_path;
  GCancellable         *cancellable;
  GCancellable         *details_cancellable;
  guint                 busy;
  char                 *details;

  AuRowList            *rows;
  GHashTable           *by_client_id;   /* client order id → AuOrderRow (borrowed) */
  GHashTable           *asked_for;      /* live ids a reload was started for */
  AuAutopilotSnapshot  *snapshot;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  GtkSingleSelection   *selection;
  AuOrdersShow          show;
  char                 *account_filter;

  GtkStack             *stack;
  GtkColumnView        *column_view;
  GtkDropDown          *state_dropdown;
  GtkDropDown          *account_dropdown;
  GtkStringList        *accounts;
  GtkLabel             *count_label;
  GtkTextBuffer        *details_buffer;
};

G_DEFINE_FINAL_TYPE (AuOrdersPage, au_orders_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_CREATED,
  COLUMN_ACCOUNT,
  COLUMN_INSTRUMENT,
  COLUMN_SIDE,
  COLUMN_QUANTITY,
  COLUMN_LIMIT,
  COLUMN_STATE,
  COLUMN_FILLED,
  COLUMN_AVERAGE,
  COLUMN_COMMISSION,
  COLUMN_RULE,
  COLUMN_INTENT,
} Column;

static const struct
{
  const char *title;
  const char *property;
  gboolean    numeric;
  guint       chars;
} columns[] = {
  [COLUMN_CREATED] = { N_("Created"), "order-id", TRUE, 19 },
  [COLUMN_ACCOUNT] = { N_("Account"), "account", FALSE, 14 },
  [COLUMN_INSTRUMENT] = { N_("Instrument"), "instrument", FALSE, 22 },
  [COLUMN_SIDE] = { N_("Side"), "side", FALSE, 4 },
  [COLUMN_QUANTITY] = { N_("Qty"), "quantity", TRUE, 5 },
  [COLUMN_LIMIT] = { N_("Limit"), "limit", TRUE, 10 },
  [COLUMN_STATE] = { N_("State"), "state", TRUE, 14 },
  [COLUMN_FILLED] = { N_("Filled"), "filled", TRUE, 6 },
  [COLUMN_AVERAGE] = { N_("Avg Price"), "average-price", TRUE, 10 },
  [COLUMN_COMMISSION] = { N_("Commission"), "commission", TRUE, 9 },
  [COLUMN_RULE] = { N_("Rule"), "rule", FALSE, 6 },
  [COLUMN_INTENT] = { N_("Intent"), "intent", FALSE, 12 },
};

static void
set_busy (AuOrdersPage *self,
          gboolean      busy)
{
  if (au_page_busy_change (&self->busy, busy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  AuOrdersPage *self = user_data;
  AuOrderRow *row = item;
  AuOrderRowState state = au_order_row_get_state (row);

  if (self->account_filter != NULL &&
      !g_str_equal (au_order_row_get_account (row), self->account_filter))
    return FALSE;

  switch (self->show)
    {
    case AU_ORDERS_SHOW_ALL:
      return TRUE;
    case AU_ORDERS_SHOW_OPEN:
      return au_order_row_state_is_open (state);
    case AU_ORDERS_SHOW_FILLED:
      return state == AU_ORDER_ROW_FILLED;
    case AU_ORDERS_SHOW_CANCELLED:
      return state == AU_ORDER_ROW_CANCELLED;
    case AU_ORDERS_SHOW_REJECTED:
      return state == AU_ORDER_ROW_REJECTED;
    default:
      g_return_val_if_reached (TRUE);
    }
}

static void
update_count (AuOrdersPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint total = self->rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;
  g_autofree char *text = NULL;

  /* Translators: e.g. "12 of 1,652 orders". */
  text = g_strdup_printf (ngettext ("%'u of %'u order", "%'u of %'u orders", total), shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
refilter (AuOrdersPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_filter_selected_cb (AuOrdersPage *self,
                       GParamSpec   *pspec,
                       GtkDropDown  *dropdown)
{
  guint account = gtk_drop_down_get_selected (self->account_dropdown);
  guint show = gtk_drop_down_get_selected (self->state_dropdown);

  g_clear_pointer (&self->account_filter, g_free);
  if (account != 0 && account != GTK_INVALID_LIST_POSITION)
    self->account_filter = g_strdup (gtk_string_list_get_string (self->accounts, account));
  self->show = show != GTK_INVALID_LIST_POSITION ? (AuOrdersShow) show : AU_ORDERS_SHOW_ALL;
  refilter (self);
}

static void
show_details_text (AuOrdersPage *self,
                   const char   *text)
{
  g_free (self->details);
  self->details = g_strdup (text);
  gtk_text_buffer_set_text (self->details_buffer, text, -1);
}

static void
on_details_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AuOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = au_orders_reader_load_details_finish (result, &error);
  g_autofree char *failed = NULL;

  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  if (details == NULL)
    {
      /* Translators: %s says why the order's events could not be read. */
      failed = g_strdup_printf (_("The order's events and fills were not read: %s"),
                                error->message);
      show_details_text (self, failed);
      return;
    }

  show_details_text (self, details);
}

static void
on_selected_cb (AuOrdersPage *self)
{
  AuOrderRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *heading = NULL;

  g_cancellable_cancel (self->details_cancellable);
  g_clear_object (&self->details_cancellable);

  if (row == NULL || self->database_path == NULL)
    {
      show_details_text (self, _("Select an order to see its events and fills."));
      return;
    }

  /* Translators: shown while an order's events and fills are read. */
  heading = g_strdup_printf (_("Reading %s…"), au_order_row_get_client_order_id (row));
  show_details_text (self, heading);
  self->details_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  au_orders_reader_load_details_async (self->database_path, au_order_row_get_order_id (row),
                                       self->details_cancellable, on_details_loaded_cb,
                                       g_object_ref (self));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_accounts (AuOrdersPage *self,
               GHashTable   *values)
{
  g_autofree const char **sorted = (const char **) g_hash_table_get_keys_as_array (values, NULL);
  guint n = g_hash_table_size (values);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  qsort (sorted, n, sizeof (char *), compare_strings);
  g_ptr_array_add (strings, (gpointer) _("All Accounts"));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (strings, (gpointer) sorted[i]);
  g_ptr_array_add (strings, NULL);

  gtk_string_list_splice (self->accounts, 0, old, (const char * const *) strings->pdata);
}

static void apply_snapshot (AuOrdersPage *self);

static void
show_no_portfolio (AuOrdersPage *self)
{
  au_page_states_show_status (self->stack, NULL, "folder-new-symbolic", _("No Portfolio Yet"),
                              _("Create a paper portfolio, or run <tt>alluse-cli run</tt>, and "
                                "the autopilot’s orders and fills appear here."));
}

static void
show_rows (AuOrdersPage *self,
           GPtrArray    *rows)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_remove_all (self->by_client_id);
  for (guint i = 0; i < rows->len; i++)
    {
      AuOrderRow *row = g_ptr_array_index (rows, i);

      g_hash_table_add (accounts, (gpointer) au_order_row_get_account (row));
      g_hash_table_insert (self->by_client_id, (gpointer) au_order_row_get_client_order_id (row),
                           row);
    }

  g_clear_object (&self->rows);
  self->rows = au_row_list_new (AU_TYPE_ORDER_ROW, rows);

  /* A fresh load keeps the state filter but not an account that may be gone. */
  g_signal_handlers_block_by_func (self->account_dropdown, on_filter_selected_cb, self);
  fill_accounts (self, accounts);
  gtk_drop_down_set_selected (self->account_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->account_dropdown, on_filter_selected_cb, self);
  g_clear_pointer (&self->account_filter, g_free);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->rows));
  apply_snapshot (self);
  update_count (self);

  if (rows->len == 0)
    au_page_states_show_status (self->stack, NULL, "view-list-symbolic", _("No Orders Yet"),
                                _("Every order the autopilot sends is recorded before it goes "
                                  "out, and its events and fills follow here."));
  else
    gtk_stack_set_visible_child_name (self->stack, "rows");
}

static void
on_rows_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AuOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = au_orders_reader_load_rows_finish (result, &error);

  set_busy (self, FALSE);
  if (!au_page_states_check_loaded (self->stack, rows, error, _("Orders Not Read")))
    return;

  show_rows (self, rows);
}

/**
 * au_orders_page_reload:
 * @self: the page
 *
 * Reads the orders again in a worker; #AuOrdersPage:busy is %TRUE until
 * they are shown.
 */
void
au_orders_page_reload (AuOrdersPage *self)
{
  g_return_if_fail (AU_IS_ORDERS_PAGE (self));

  au_page_renew_cancellable (&self->cancellable);

  if (self->database_path == NULL)
    {
      show_no_portfolio (self);
      return;
    }

  set_busy (self, TRUE);
  au_orders_reader_load_rows_async (self->database_path, self->cancellable, on_rows_loaded_cb,
                                    g_object_ref (self));
}

/* The live state of each order the snapshot reports goes onto its row;
 * the filter runs again only when a state actually changed. */
static void
apply_snapshot (AuOrdersPage *self)
{
  gboolean changed = FALSE;
  gboolean unknown = FALSE;

  if (self->snapshot == NULL || self->snapshot->orders == NULL)
    return;

  for (guint i = 0; i < self->snapshot->orders->len; i++)
    {
      const AuAutopilotOrderView *view = g_ptr_array_index (self->snapshot->orders, i);
      AuOrderRow *row;
      AuOrderRowState state;

      if (view->client_order_id == NULL || !au_order_row_state_from_broker (view->state, &state))
        continue;

      row = g_hash_table_lookup (self->by_client_id, view->client_order_id);
      if (row != NULL)
        changed |= au_order_row_update (row, state, view->filled);
      else if (!g_hash_table_contains (self->asked_for, view->client_order_id))
        {
          g_hash_table_add (self->asked_for, g_strdup (view->client_order_id));
          unknown = TRUE;
        }
    }

  if (changed && self->show != AU_ORDERS_SHOW_ALL)
    refilter (self);

  /* A new order: its intent is in the ledger already (D4). Asked once
   * per order, so an id the ledger never holds cannot loop. */
  if (unknown && self->busy == 0 && self->rows != NULL)
    au_orders_page_reload (self);
}

/**
 * au_orders_page_set_snapshot:
 * @self: the page
 * @snapshot: (nullable): the autopilot now, or %NULL when it is not running
 */
void
au_orders_page_set_snapshot (AuOrdersPage        *self,
                             AuAutopilotSnapshot *snapshot)
{
  g_return_if_fail (AU_IS_ORDERS_PAGE (self));

  if (snapshot != NULL)
    au_autopilot_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, au_autopilot_snapshot_unref);
  self->snapshot = snapshot;

  apply_snapshot (self);
}

static char *
cell_text (AuOrderRow *row,
           Column      column)
{
  switch (column)
    {
    case COLUMN_CREATED:
      return au_format_time (au_order_row_get_created (row));
    case COLUMN_ACCOUNT:
      return g_strdup (au_order_row_get_account (row));
    case COLUMN_INSTRUMENT:
      return g_strdup (au_order_row_get_instrument (row));
    case COLUMN_SIDE:
      return g_strdup (au_order_row_get_buy (row) ? _("Buy") : _("Sell"));
    case COLUMN_QUANTITY:
      return g_strdup_printf ("%'" G_GINT64_FORMAT, au_order_row_get_quantity (row));
    case COLUMN_LIMIT:
      return au_format_price (au_order_row_get_limit (row));
    case COLUMN_STATE:
      return g_strdup (au_order_row_state_to_label (au_order_row_get_state (row)));
    case COLUMN_FILLED:
      return g_strdup_printf ("%'" G_GINT64_FORMAT, au_order_row_get_filled (row));
    case COLUMN_AVERAGE:
      /* A fill the snapshot reports is not booked yet: no price to show. */
      return au_order_row_get_average_price (row) > 0
             ? au_format_price (au_order_row_get_average_price (row)) : g_strdup ("—");
    case COLUMN_COMMISSION:
      return au_format_dollars (au_order_row_get_commission (row));
    case COLUMN_RULE:
      return g_strdup (au_order_row_get_rule (row));
    case COLUMN_INTENT:
      return g_strdup (au_order_row_get_intent (row));
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *state_classes[] = { "warning", "error", "success", "dim-label" };

static void
style_state (GtkWidget       *cell,
             AuOrderRowState  state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (cell, state_classes[i]);

  /* The word is always there; colour only underlines it. */
  if (state == AU_ORDER_ROW_REJECTED)
    gtk_widget_add_css_class (cell, "error");
  else if (state == AU_ORDER_ROW_FILLED)
    gtk_widget_add_css_class (cell, "success");
  else if (state == AU_ORDER_ROW_CANCELLED)
    gtk_widget_add_css_class (cell, "dim-label");
  else if (state == AU_ORDER_ROW_PARTIALLY_FILLED)
    gtk_widget_add_css_class (cell, "warning");
}

static void
refresh_cell (GtkInscription *inscription,
              GParamSpec     *pspec,
              AuOrderRow     *row)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (inscription), "column"));
  g_autofree char *text = cell_text (row, column);

  gtk_inscription_set_text (inscription, text);
  if (column == COLUMN_STATE)
    style_state (GTK_WIDGET (inscription), au_order_row_get_state (row));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  /* Created and State sort by number but read as text. */
  GtkWidget *inscription = au_columns_inscription_new (columns[column].numeric &&
                                                       column != COLUMN_CREATED &&
                                                       column != COLUMN_STATE,
                                                       columns[column].chars);

  g_object_set_data (G_OBJECT (inscription), "column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  AuOrderRow *row = gtk_list_item_get_item (item);
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  gulong handler;

  refresh_cell (inscription, NULL, row);

  /* Only the state and the filled quantity change after a load. */
  if (column == COLUMN_STATE || column == COLUMN_FILLED || column == COLUMN_AVERAGE)
    {
      handler = g_signal_connect_object (row, column == COLUMN_STATE ? "notify::state"
                                                                     : "notify::filled",
                                         G_CALLBACK (refresh_cell), inscription,
                                         G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (item), "handler", GSIZE_TO_POINTER (handler));
    }
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "handler"));
  AuOrderRow *row = gtk_list_item_get_item (item);

  if (handler != 0 && row != NULL)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "handler", NULL);
}

static void
add_column (AuOrdersPage *self,
            Column        column)
{
  au_columns_append (self->column_view, _(columns[column].title),
                     au_columns_factory_new (G_CALLBACK (setup_cell_cb), G_CALLBACK (bind_cell_cb),
                                             G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (column)),
                     au_columns_sorter_new (AU_TYPE_ORDER_ROW, columns[column].property,
                                            columns[column].numeric),
                     column == COLUMN_INSTRUMENT);
}

static gboolean
is_pending (AuOrdersPage *self)
{
  return (self->filtered != NULL && gtk_filter_list_model_get_pending (self->filtered) > 0) ||
         (self->sorted != NULL && gtk_sort_list_model_get_pending (self->sorted) > 0);
}

static void
on_pending_cb (AuOrdersPage *self,
               GParamSpec   *pspec,
               GObject      *model)
{
  update_count (self);
  if (self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static GtkWidget *
build_toolbar (AuOrdersPage *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *all_accounts[] = { _("All Accounts"), NULL };
  const char *states[] = { _("All States"), _("Open"), _("Filled"), _("Cancelled"),
                           _("Rejected"), NULL };

  gtk_widget_add_css_class (toolbar, "toolbar");
  self->accounts = gtk_string_list_new (all_accounts);
  self->state_dropdown = au_filter_dropdown_new (G_LIST_MODEL (gtk_string_list_new (states)),
                                                 _("Filter by State"),
                                                 G_CALLBACK (on_filter_selected_cb), self);
  self->account_dropdown = au_filter_dropdown_new (G_LIST_MODEL (g_object_ref (self->accounts)),
                                                   _("Filter by Account"),
                                                   G_CALLBACK (on_filter_selected_cb), self);
  self->count_label = au_columns_count_label_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");

  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->state_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->account_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->count_label));

  return toolbar;
}

static GtkWidget *
build_rows_view (AuOrdersPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *paned;

  /* rows → filter → sort (the view's sorter) → selection → view */
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  /* 100,000 orders are filtered and sorted in steps between frames. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  g_signal_connect_object (self->filtered, "notify::pending", G_CALLBACK (on_pending_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "notify::pending", G_CALLBACK (on_pending_cb), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb),
                           self, G_CONNECT_SWAPPED);

  self->column_view = au_columns_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                           _("Orders"));
  for (Column column = COLUMN_CREATED; column <= COLUMN_INTENT; column++)
    add_column (self, column);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));

  paned = au_columns_with_details (self->column_view, _("Order Events and Fills"), 360,
                                   &self->details_buffer);
  gtk_widget_set_vexpand (paned, TRUE);

  gtk_box_append (GTK_BOX (box), build_toolbar (self));
  gtk_box_append (GTK_BOX (box), paned);

  return box;
}

static void
au_orders_page_dispose (GObject *object)
{
  AuOrdersPage *self = AU_ORDERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->details_cancellable);
  g_clear_object (&self->details_cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->stack = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->snapshot, au_autopilot_snapshot_unref);

  G_OBJECT_CLASS (au_orders_page_parent_class)->dispose (object);
}

static void
au_orders_page_finalize (GObject *object)
{
  AuOrdersPage *self = AU_ORDERS_PAGE (object);

  g_free (self->database_path);
  g_free (self->account_filter);
  g_free (self->details);
  g_hash_table_unref (self->by_client_id);
  g_hash_table_unref (self->asked_for);

  G_OBJECT_CLASS (au_orders_page_parent_class)->finalize (object);
}

static void
au_orders_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AuOrdersPage *self = AU_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, au_orders_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_orders_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AuOrdersPage *self = AU_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_orders_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_orders_page_class_init (AuOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_orders_page_dispose;
  object_class->finalize = au_orders_page_finalize;
  object_class->get_property = au_orders_page_get_property;
  object_class->set_property = au_orders_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_orders_page_init (AuOrdersPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->by_client_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->asked_for = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stack = au_page_states_new (TRUE, _("Reading the orders"));
  gtk_stack_add_named (self->stack, build_rows_view (self), "rows");
  show_details_text (self, _("Select an order to see its events and fills."));
  show_no_portfolio (self);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
au_orders_page_new (void)
{
  return g_object_new (AU_TYPE_ORDERS_PAGE, NULL);
}

const char *
au_orders_page_get_database_path (AuOrdersPage *self)
{
  g_return_val_if_fail (AU_IS_ORDERS_PAGE (self), NULL);

  return self->database_path;
}

/**
 * au_orders_page_set_database_path:
 * @self: the page
 * @database_path: (nullable): the autopilot's database, %NULL for none
 *
 * Shows the orders of @database_path, read in a worker.
 */
void
au_orders_page_set_database_path (AuOrdersPage *self,
                                  const char   *database_path)
{
  g_return_if_fail (AU_IS_ORDERS_PAGE (self));

  if (!au_page_states_replace_path (self->stack, &self->database_path, database_path))
    return;

  g_hash_table_remove_all (self->asked_for);
  au_orders_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

/* Whether a read runs or rows are still being filtered or sorted. */
gboolean
au_orders_page_get_busy (AuOrdersPage *self)
{
  g_return_val_if_fail (AU_IS_ORDERS_PAGE (self), FALSE);

  return self->busy > 0 || is_pending (self);
}

/* Returns: (transfer none) (nullable): every order loaded, newest first */
GListModel *
au_orders_page_get_rows (AuOrdersPage *self)
{
  g_return_val_if_fail (AU_IS_ORDERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/* Returns: (transfer none): the orders as shown, filtered and sorted */
GListModel *
au_orders_page_get_visible_rows (AuOrdersPage *self)
{
  g_return_val_if_fail (AU_IS_ORDERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

/* Returns: (transfer none): the view */
GtkColumnView *
au_orders_page_get_column_view (AuOrdersPage *self)
{
  g_return_val_if_fail (AU_IS_ORDERS_PAGE (self), NULL);

  return self->column_view;
}

void
au_orders_page_set_state_filter (AuOrdersPage *self,
                                 AuOrdersShow  show)
{
  g_return_if_fail (AU_IS_ORDERS_PAGE (self));
  g_return_if_fail (show <= AU_ORDERS_SHOW_REJECTED);

  gtk_drop_down_set_selected (self->state_dropdown, show);
}

/**
 * au_orders_page_set_account_filter:
 * @self: the page
 * @account: (nullable): an account's name, or %NULL for every account
 */
void
au_orders_page_set_account_filter (AuOrdersPage *self,
                                   const char   *account)
{
  guint position = 0;

  g_return_if_fail (AU_IS_ORDERS_PAGE (self));

  for (guint i = 1; account != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
       i++)
    if (g_str_equal (gtk_string_list_get_string (self->accounts, i), account))
      position = i;

  gtk_drop_down_set_selected (self->account_dropdown, position);
}

/* Selects the visible row at @position; its events and fills are read. */
void
au_orders_page_select (AuOrdersPage *self,
                       guint         position)
{
  g_return_if_fail (AU_IS_ORDERS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* Returns: the details pane's text */
const char *
au_orders_page_get_details (AuOrdersPage *self)
{
  g_return_val_if_fail (AU_IS_ORDERS_PAGE (self), NULL);

  return self->details;
}

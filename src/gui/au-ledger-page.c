/* au-ledger-page.c: the Ledger page (R10.3)
 *
 * Every posting with its transaction in a sortable GtkColumnView over
 * immutable rows that a worker reads (au-ledger-reader.c): the window
 * never waits on SQLite (decisions D3). Filters by account and by type,
 * and exports the audit-ready CSV of au_ledger_export_csv() in a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-columns.h"
#include "au-format.h"
#include "au-ledger-page.h"
#include "au-ledger-reader.h"
#include "au-ledger-row.h"
#include "au-page-states.h"
#include "au-row-list.h"

struct _AuLedgerPage
{
  AdwBin                parent_instance;

  char                 *database_path;
  GCancellable         *cancellable;
  guint                 busy;
  char                 *message;

  AuRowList            *rows;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  char                 *account_filter;
  char                 *kind_filter;

  AdwToastOverlay      *toasts;
  GtkStack             *stack;
  GtkColumnView        *column_view;
  GtkDropDown          *account_dropdown;
  GtkDropDown          *kind_dropdown;
  GtkStringList        *accounts;
  GtkStringList        *kinds;
  GtkButton            *export_button;
  GtkLabel             *count_label;
};

G_DEFINE_FINAL_TYPE (AuLedgerPage, au_ledger_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_TIME,
  COLUMN_ACCOUNT,
  COLUMN_KIND,
  COLUMN_DESCRIPTION,
  COLUMN_AMOUNT,
  COLUMN_EFFECT,
  COLUMN_REFERENCE,
} Column;

static const guint column_chars[] = {
  [COLUMN_TIME] = 20,
  [COLUMN_ACCOUNT] = 16,
  [COLUMN_KIND] = 13,
  [COLUMN_DESCRIPTION] = 30,
  [COLUMN_AMOUNT] = 14,
  [COLUMN_EFFECT] = 28,
  [COLUMN_REFERENCE] = 14,
};

static void
set_busy (AuLedgerPage *self,
          gboolean      busy)
{
  if (au_page_busy_change (&self->busy, busy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_toast (AuLedgerPage *self,
            const char   *text)
{
  /* A worker may report after the page was disposed. */
  if (self->toasts == NULL)
    return;

  g_free (self->message);
  self->message = g_strdup (text);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  AuLedgerPage *self = user_data;
  AuLedgerRow *row = item;

  if (self->account_filter != NULL &&
      !g_str_equal (au_ledger_row_get_account (row), self->account_filter))
    return FALSE;
  if (self->kind_filter != NULL && !g_str_equal (au_ledger_row_get_kind (row), self->kind_filter))
    return FALSE;

  return TRUE;
}

static void
update_count (AuLedgerPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint total = self->rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;
  g_autofree char *text = NULL;

  /* Translators: e.g. "1,204 of 100,000 postings". */
  text = g_strdup_printf (ngettext ("%'u of %'u posting", "%'u of %'u postings", total),
                          shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
refilter (AuLedgerPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* The first entry of each drop-down means "all". */
static char *
dropdown_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_strdup (gtk_string_list_get_string (strings, selected));
}

static void
on_filter_selected_cb (AuLedgerPage *self,
                       GParamSpec   *pspec,
                       GtkDropDown  *dropdown)
{
  g_free (self->account_filter);
  self->account_filter = dropdown_choice (self->account_dropdown);
  g_free (self->kind_filter);
  self->kind_filter = dropdown_choice (self->kind_dropdown);
  refilter (self);
}

static void
select_string (GtkDropDown *dropdown,
               const char  *value)
{
  GListModel *strings = gtk_drop_down_get_model (dropdown);
  guint position = 0;

  for (guint i = 1; value != NULL && i < g_list_model_get_n_items (strings); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (strings), i), value))
      position = i;

  gtk_drop_down_set_selected (dropdown, position);
}

/**
 * au_ledger_page_set_account_filter:
 * @self: the page
 * @account: (nullable): an account's name, or %NULL for every account
 *
 * Shows only the postings of @account, as its drop-down does. An account
 * the ledger does not hold selects every account.
 */
void
au_ledger_page_set_account_filter (AuLedgerPage *self,
                                   const char   *account)
{
  g_return_if_fail (AU_IS_LEDGER_PAGE (self));

  select_string (self->account_dropdown, account);
}

/**
 * au_ledger_page_set_kind_filter:
 * @self: the page
 * @kind: (nullable): a transaction kind such as "sell_to_open", or %NULL
 */
void
au_ledger_page_set_kind_filter (AuLedgerPage *self,
                                const char   *kind)
{
  g_return_if_fail (AU_IS_LEDGER_PAGE (self));

  select_string (self->kind_dropdown, kind);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_choices (GtkStringList *list,
              const char    *all,
              GHashTable    *values)
{
  g_autofree const char **sorted = (const char **) g_hash_table_get_keys_as_array (values, NULL);
  guint n = g_hash_table_size (values);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();

  qsort (sorted, n, sizeof (char *), compare_strings);
  g_ptr_array_add (strings, (gpointer) all);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (strings, (gpointer) sorted[i]);
  g_ptr_array_add (strings, NULL);

  gtk_string_list_splice (list, 0, old, (const char * const *) strings->pdata);
}

static void
show_rows (AuLedgerPage *self,
           GPtrArray    *rows)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      AuLedgerRow *row = g_ptr_array_index (rows, i);

      g_hash_table_add (accounts, (gpointer) au_ledger_row_get_account (row));
      g_hash_table_add (kinds, (gpointer) au_ledger_row_get_kind (row));
    }

  g_clear_object (&self->rows);
  self->rows = au_row_list_new (AU_TYPE_LEDGER_ROW, rows);

  /* Filters go back to "all" for a fresh load. */
  g_signal_handlers_block_by_func (self->account_dropdown, on_filter_selected_cb, self);
  g_signal_handlers_block_by_func (self->kind_dropdown, on_filter_selected_cb, self);
  fill_choices (self->accounts, _("All Accounts"), accounts);
  fill_choices (self->kinds, _("All Types"), kinds);
  gtk_drop_down_set_selected (self->account_dropdown, 0);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->account_dropdown, on_filter_selected_cb, self);
  g_signal_handlers_unblock_by_func (self->kind_dropdown, on_filter_selected_cb, self);
  g_clear_pointer (&self->account_filter, g_free);
  g_clear_pointer (&self->kind_filter, g_free);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->rows));
  update_count (self);

  if (rows->len == 0)
    au_page_states_show_status (self->stack, NULL, "x-office-spreadsheet-symbolic",
                                _("No Ledger Yet"),
                                _("The ledger fills as the autopilot books deposits, "
                                  "premiums, fills, forks and merges."));
  else
    gtk_stack_set_visible_child_name (self->stack, "rows");
}

static void
on_rows_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AuLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = au_ledger_reader_load_rows_finish (result, &error);

  set_busy (self, FALSE);
  if (!au_page_states_check_loaded (self->stack, rows, error, _("Ledger Not Read")))
    return;

  show_rows (self, rows);
}

/**
 * au_ledger_page_reload:
 * @self: the page
 *
 * Reads the ledger again in a worker; #AuLedgerPage:busy is %TRUE until
 * the rows are shown.
 */
void
au_ledger_page_reload (AuLedgerPage *self)
{
  g_return_if_fail (AU_IS_LEDGER_PAGE (self));

  if (self->database_path == NULL)
    return;

  au_page_renew_cancellable (&self->cancellable);
  set_busy (self, TRUE);
  au_ledger_reader_load_rows_async (self->database_path, self->cancellable, on_rows_loaded_cb,
                                    g_object_ref (self));
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AuLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  set_busy (self, FALSE);

  if (!au_ledger_reader_export_csv_finish (result, &error))
    {
      /* Translators: %s is why the export failed. */
      text = g_strdup_printf (_("Export failed: %s"), error->message);
    }
  else
    {
      text = g_strdup (_("Ledger exported"));
    }

  show_toast (self, text);
}

/**
 * au_ledger_page_export_csv:
 * @self: the page
 * @destination: the CSV file to write
 *
 * Writes the whole ledger (every account, whatever the filters show) as
 * au_ledger_export_csv() does, in a worker, and says how it went.
 */
void
au_ledger_page_export_csv (AuLedgerPage *self,
                           GFile        *destination)
{
  g_return_if_fail (AU_IS_LEDGER_PAGE (self));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (self->database_path != NULL);

  set_busy (self, TRUE);
  au_ledger_reader_export_csv_async (self->database_path, destination, self->cancellable,
                                     on_exported_cb, g_object_ref (self));
}

static void
on_export_response_cb (AuLedgerPage         *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        au_ledger_page_export_csv (self, file);
    }

  g_object_unref (chooser);
}

static void
on_export_clicked_cb (AuLedgerPage *self,
                      GtkButton    *button)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Ledger"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "alluse-ledger.csv");
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);

  /* Wide enough for the usual content ("2026-11-19 09:45 ET",
   * "ALL-USE-1/Gen", "−$250,000.00"). */
  gtk_list_item_set_child (item, au_columns_inscription_new (column == COLUMN_AMOUNT ||
                                                             column == COLUMN_EFFECT,
                                                             column_chars[column]));
}

static char *
effect_text (AuLedgerRow *row)
{
  g_autofree char *amount = au_format_dollars (au_ledger_row_get_effect (row));

  /* Translators: a book and the change of its balance, e.g. "cash +$120.00". */
  return g_strdup_printf (_("%s %s%s"), au_ledger_row_get_book (row),
                          au_ledger_row_get_effect (row) >= 0 ? "+" : "", amount);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  AuLedgerRow *row = gtk_list_item_get_item (item);
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  g_autofree char *owned = NULL;
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_TIME:
      text = owned = au_format_time (au_ledger_row_get_time (row));
      break;

    case COLUMN_ACCOUNT:
      text = au_ledger_row_get_account (row);
      break;

    case COLUMN_KIND:
      text = au_ledger_row_get_kind (row);
      break;

    case COLUMN_DESCRIPTION:
      text = au_ledger_row_get_description (row);
      break;

    case COLUMN_AMOUNT:
      text = owned = au_format_dollars (au_ledger_row_get_amount (row));
      break;

    case COLUMN_EFFECT:
      text = owned = effect_text (row);
      break;

    case COLUMN_REFERENCE:
      text = au_ledger_row_get_external_ref (row);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (inscription, text);
  gtk_inscription_set_xalign (inscription, column == COLUMN_AMOUNT || column == COLUMN_EFFECT
                                           ? 1.0 : 0.0);
}

static void
add_column (AuLedgerPage *self,
            Column        column,
            const char   *title,
            const char   *property,
            gboolean      numeric,
            gboolean      expand)
{
  au_columns_append (self->column_view, title,
                     au_columns_factory_new (G_CALLBACK (setup_cell_cb), G_CALLBACK (bind_cell_cb),
                                             NULL, GINT_TO_POINTER (column)),
                     au_columns_sorter_new (AU_TYPE_LEDGER_ROW, property, numeric),
                     expand);
}

static GtkDropDown *
new_filter_dropdown (AuLedgerPage   *self,
                     GtkStringList **strings,
                     const char     *all,
                     const char     *label)
{
  const char *initial[] = { all, NULL };

  *strings = gtk_string_list_new (initial);
  return au_filter_dropdown_new (G_LIST_MODEL (g_object_ref (*strings)), label,
                                 G_CALLBACK (on_filter_selected_cb), self);
}

static gboolean
is_pending (AuLedgerPage *self)
{
  return (self->filtered != NULL && gtk_filter_list_model_get_pending (self->filtered) > 0) ||
         (self->sorted != NULL && gtk_sort_list_model_get_pending (self->sorted) > 0);
}

static void
on_pending_cb (AuLedgerPage *self,
               GParamSpec   *pspec,
               GObject      *model)
{
  update_count (self);

  /* Busy starts with the first pending row and ends with the last. */
  if (self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static GtkWidget *
build_rows_view (AuLedgerPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkNoSelection *selection;

  gtk_widget_add_css_class (toolbar, "toolbar");
  self->account_dropdown = new_filter_dropdown (self, &self->accounts, _("All Accounts"),
                                                _("Filter by Account"));
  self->kind_dropdown = new_filter_dropdown (self, &self->kinds, _("All Types"),
                                             _("Filter by Type"));
  self->count_label = au_columns_count_label_new ();
  /* An icon, so the toolbar fits a 360 px window; the tooltip and the
   * accessible label say what it does. */
  self->export_button = GTK_BUTTON (gtk_button_new_from_icon_name ("document-save-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button),
                               _("Export CSV: every posting, audit-ready"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export CSV"), -1);
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (on_export_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->account_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->kind_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->count_label));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->export_button));

  /* rows → filter → sort (the view's sorter) → view */
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  /* 100,000 rows are filtered and sorted in steps between frames, so the
   * window keeps drawing while a new order is computed. */
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  g_signal_connect_object (self->filtered, "notify::pending", G_CALLBACK (on_pending_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sorted, "notify::pending", G_CALLBACK (on_pending_cb), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));

  self->column_view = au_columns_view_new (GTK_SELECTION_MODEL (selection), _("Ledger Postings"));
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  add_column (self, COLUMN_TIME, _("Time"), "time", FALSE, FALSE);
  add_column (self, COLUMN_ACCOUNT, _("Account"), "account", FALSE, FALSE);
  add_column (self, COLUMN_KIND, _("Type"), "kind", FALSE, FALSE);
  add_column (self, COLUMN_DESCRIPTION, _("Description"), "description", FALSE, TRUE);
  add_column (self, COLUMN_AMOUNT, _("Amount"), "amount", TRUE, FALSE);
  add_column (self, COLUMN_EFFECT, _("Balance Effect"), "effect", TRUE, FALSE);
  add_column (self, COLUMN_REFERENCE, _("Reference"), "external-ref", FALSE, FALSE);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), toolbar);
  gtk_box_append (GTK_BOX (box), scrolled);

  return box;
}

static void
au_ledger_page_dispose (GObject *object)
{
  AuLedgerPage *self = AU_LEDGER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->toasts = NULL;
  self->stack = NULL;
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->accounts);
  g_clear_object (&self->kinds);

  G_OBJECT_CLASS (au_ledger_page_parent_class)->dispose (object);
}

static void
au_ledger_page_finalize (GObject *object)
{
  AuLedgerPage *self = AU_LEDGER_PAGE (object);

  g_free (self->database_path);
  g_free (self->account_filter);
  g_free (self->kind_filter);
  g_free (self->message);

  G_OBJECT_CLASS (au_ledger_page_parent_class)->finalize (object);
}

static void
au_ledger_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AuLedgerPage *self = AU_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, au_ledger_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_ledger_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AuLedgerPage *self = AU_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_ledger_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_ledger_page_class_init (AuLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_ledger_page_dispose;
  object_class->finalize = au_ledger_page_finalize;
  object_class->get_property = au_ledger_page_get_property;
  object_class->set_property = au_ledger_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_ledger_page_init (AuLedgerPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  self->stack = au_page_states_new (TRUE, NULL);
  gtk_stack_add_named (self->stack, build_rows_view (self), "rows");
  gtk_stack_set_visible_child_name (self->stack, "loading");

  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->toasts));
}

GtkWidget *
au_ledger_page_new (void)
{
  return g_object_new (AU_TYPE_LEDGER_PAGE, NULL);
}

const char *
au_ledger_page_get_database_path (AuLedgerPage *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_PAGE (self), NULL);

  return self->database_path;
}

/**
 * au_ledger_page_set_database_path:
 * @self: the page
 * @database_path: (nullable): the autopilot's database
 *
 * Shows the ledger of @database_path, read in a worker.
 */
void
au_ledger_page_set_database_path (AuLedgerPage *self,
                                  const char   *database_path)
{
  g_return_if_fail (AU_IS_LEDGER_PAGE (self));

  /* The rows shown stay until the new ones come. */
  if (!au_page_states_replace_path (NULL, &self->database_path, database_path))
    return;

  au_ledger_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

/* Whether a load or an export is running, or rows are still being
 * filtered or sorted. */
gboolean
au_ledger_page_get_busy (AuLedgerPage *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_PAGE (self), FALSE);

  return self->busy > 0 || is_pending (self);
}

/**
 * au_ledger_page_get_rows:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): every row loaded, unfiltered
 */
GListModel *
au_ledger_page_get_rows (AuLedgerPage *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_PAGE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * au_ledger_page_get_visible_rows:
 * @self: the page
 *
 * Returns: (transfer none): the rows as shown, filtered and sorted
 */
GListModel *
au_ledger_page_get_visible_rows (AuLedgerPage *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

/**
 * au_ledger_page_get_column_view:
 * @self: the page
 *
 * Returns: (transfer none): the view
 */
GtkColumnView *
au_ledger_page_get_column_view (AuLedgerPage *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_PAGE (self), NULL);

  return self->column_view;
}

/* Returns: (nullable): the last toast's text, e.g. after an export */
const char *
au_ledger_page_get_message (AuLedgerPage *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_PAGE (self), NULL);

  return self->message;
}

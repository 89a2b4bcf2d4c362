/* au-positions-page.c: the Positions page (R6.x, R10.3)
 *
 * The running autopilot's open positions in a sortable GtkColumnView:
 * strike, expiry, DTE, quantity, delta, premium, P&L, the ATR distance
 * (breach multiple m, R6.x) and the protocol level as a badge that says
 * its level in words as well as in colour. Every snapshot is spliced
 * into the list row by row (only rows that changed are replaced), so the
 * chosen sort and the scroll position survive the engine's updates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-positions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-columns.h"
#include "au-format.h"
#include "au-page-states.h"
#include "au-ledger-reader.h"
#include "au-position-row.h"
#include "au-positions-page.h"

struct _AuPositionsPage
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;
  guint                busy;
  gboolean             has_portfolio;
  gboolean             running;

  GListStore          *rows;
  GtkSortListModel    *sorted;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkLabel            *summary_label;
};

G_DEFINE_FINAL_TYPE (AuPositionsPage, au_positions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_LEVEL,
  COLUMN_SYMBOL,
  COLUMN_ACCOUNT,   /* before the option columns: whose shares, at any width */
  COLUMN_RIGHT,
  COLUMN_STRIKE,
  COLUMN_EXPIRY,
  COLUMN_DTE,
  COLUMN_QUANTITY,
  COLUMN_DELTA,
  COLUMN_PREMIUM,
  COLUMN_PNL,
  COLUMN_ATR,
  N_COLUMNS
} Column;

typedef struct
{
  const char *title;       /* translated when the column is made */
  const char *accessible;  /* what a screen reader says for the header */
  const char *property;    /* of AuPositionRow, for the sorter */
  gboolean    numeric;
  guint       chars;
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
  [COLUMN_LEVEL] = { N_("Level"), N_("Protocol level"), "level", TRUE, 4 },
  [COLUMN_SYMBOL] = { N_("Symbol"), N_("Symbol"), "symbol", FALSE, 6 },
  [COLUMN_RIGHT] = { N_("Right"), N_("Put, call or stock"), "right", FALSE, 5 },
  [COLUMN_STRIKE] = { N_("Strike"), N_("Strike price"), "strike", TRUE, 9 },
  [COLUMN_EXPIRY] = { N_("Expiry"), N_("Expiry date"), "expiry", FALSE, 10 },
  [COLUMN_DTE] = { N_("DTE"), N_("Days to expiry"), "dte", TRUE, 4 },
  [COLUMN_QUANTITY] = { N_("Qty"), N_("Quantity, negative when short"), "quantity", TRUE, 5 },
  [COLUMN_DELTA] = { N_("Delta"), N_("Delta"), "delta", TRUE, 6 },
  [COLUMN_PREMIUM] = { N_("Premium"), N_("Premium received or paid"), "premium", TRUE, 11 },
  [COLUMN_PNL] = { N_("P&L"), N_("Unrealized profit and loss"), "pnl", TRUE, 11 },
  [COLUMN_ATR] = { N_("ATR ×"), N_("ATR distance: the breach multiple m"), "atr-distance",
                   TRUE, 6 },
  [COLUMN_ACCOUNT] = { N_("Account"), N_("Account"), "account", FALSE, 14 },
};

static const char * const level_classes[] = {
  "au-level-l0", "au-level-l1", "au-level-l2", "au-level-l3",
};

static void
set_busy (AuPositionsPage *self,
          gboolean         busy)
{
  if (au_page_busy_change (&self->busy, busy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_summary (AuPositionsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  int highest = -1;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AuPositionRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      highest = MAX (highest, au_position_row_get_level_rank (row));
    }

  /* Translators: e.g. "7 open positions". */
  count = g_strdup_printf (ngettext ("%u open position", "%u open positions", n), n);
  if (highest >= 0)
    /* Translators: %s is the count, %d the highest protocol level 0…3. */
    text = g_strdup_printf (_("%s · highest level L%d"), count, highest);
  else
    text = g_steal_pointer (&count);
  gtk_label_set_text (self->summary_label, text);
}

/* What the page shows follows from three facts: is there a portfolio,
 * is the autopilot running, does it hold positions. It never shows rows
 * that are not the running autopilot's. */
static void
update_view (AuPositionsPage *self)
{
  if (self->stack == NULL)
    return;

  if (self->running && g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0)
    {
      update_summary (self);
      gtk_stack_set_visible_child_name (self->stack, "rows");
    }
  else if (self->running)
    au_page_states_show_status (self->stack, "empty", "view-list-symbolic",
                                _("No Open Positions"),
                                _("The autopilot holds no options or shares right now. It "
                                  "opens positions on its weekly schedule."));
  else if (self->has_portfolio)
    au_page_states_show_status (self->stack, "not-running", "media-playback-pause-symbolic",
                                _("The Autopilot Is Not Running"),
                                _("Open positions, their marks, Greeks and protocol levels come "
                                  "from the running autopilot. Start it to see them here."));
  else
    au_page_states_show_status (self->stack, "no-portfolio", "folder-new-symbolic",
                                _("No Portfolio Yet"),
                                _("Create a paper portfolio, or run <tt>alluse-cli run</tt>, "
                                  "and the autopilot's positions appear here."));
}

/**
 * au_positions_page_get_state:
 * @self: the page
 *
 * Returns: what the page shows: "rows", or the empty state's name
 *   ("no-portfolio", "not-running", "empty")
 */
const char *
au_positions_page_get_state (AuPositionsPage *self)
{
  g_return_val_if_fail (AU_IS_POSITIONS_PAGE (self), NULL);

  return au_page_states_get_state (self->stack);
}

static const char *
account_name (AuAutopilotSnapshot *snapshot,
              gint64               account_id)
{
  for (guint i = 0; i < snapshot->accounts->len; i++)
    {
      AuAutopilotAccountView *account = g_ptr_array_index (snapshot->accounts, i);

      if (account->account_id == account_id)
        return account->name;
    }

  return NULL;
}

/* Replaces the rows that changed, removes the positions that closed and
 * appends the new ones: each change is its own small items-changed, so
 * the sort model moves only those rows and the view keeps its place. */
static void
splice_rows (AuPositionsPage     *self,
             AuAutopilotSnapshot *snapshot)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       g_object_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  for (guint i = 0; i < snapshot->positions->len; i++)
    {
      AuAutopilotPositionView *view = g_ptr_array_index (snapshot->positions, i);
      AuPositionRow *row = au_position_row_new (view, account_name (snapshot, view->account_id));

      /* A key seen twice would be one contract listed twice: keep the first. */
      if (!g_hash_table_insert (fresh, (gpointer) au_position_row_get_key (row), row))
        g_warning ("Position %s appears twice in one snapshot", au_position_row_get_key (row));
      else
        g_ptr_array_add (order, g_object_ref (row));
    }

  /* Backwards, so removals do not shift the rows still to visit. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(AuPositionRow) old = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      AuPositionRow *row = g_hash_table_lookup (fresh, au_position_row_get_key (old));

      if (row == NULL)
        g_list_store_remove (self->rows, i);
      else if (!au_position_row_equal (old, row))
        g_list_store_splice (self->rows, i, 1, (gpointer *) &row, 1);

      if (row != NULL)
        g_hash_table_remove (fresh, au_position_row_get_key (old));
    }

  for (guint i = 0; i < order->len; i++)
    {
      AuPositionRow *row = g_ptr_array_index (order, i);

      if (g_hash_table_contains (fresh, au_position_row_get_key (row)))
        g_list_store_append (self->rows, row);
    }
}

/**
 * au_positions_page_set_snapshot:
 * @self: the page
 * @snapshot: (nullable): the autopilot now, or %NULL when it is not running
 */
void
au_positions_page_set_snapshot (AuPositionsPage     *self,
                                AuAutopilotSnapshot *snapshot)
{
  g_return_if_fail (AU_IS_POSITIONS_PAGE (self));

  self->running = snapshot != NULL;
  if (snapshot != NULL)
    {
      /* A running autopilot has a portfolio, whatever the last read said. */
      self->has_portfolio = TRUE;
      splice_rows (self, snapshot);
    }
  else
    g_list_store_remove_all (self->rows);

  update_view (self);
}

static void
on_portfolio_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AuPositionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_portfolio = au_ledger_reader_has_portfolio_finish (result, &error);

  set_busy (self, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  if (error != NULL)
    {
      au_page_states_show_error (self->stack, _("Portfolio Not Read"), error);
      return;
    }

  self->has_portfolio = has_portfolio || self->running;
  update_view (self);
}

/**
 * au_positions_page_reload:
 * @self: the page
 *
 * Checks again, in a worker, whether the database holds a portfolio, so
 * that the page tells "no portfolio yet" from "not running". Positions
 * themselves come only with snapshots.
 */
void
au_positions_page_reload (AuPositionsPage *self)
{
  g_return_if_fail (AU_IS_POSITIONS_PAGE (self));

  au_page_renew_cancellable (&self->cancellable);

  if (self->database_path == NULL)
    {
      self->has_portfolio = self->running;
      update_view (self);
      return;
    }

  set_busy (self, TRUE);
  au_ledger_reader_has_portfolio_async (self->database_path, self->cancellable,
                                        on_portfolio_checked_cb, g_object_ref (self));
}

const char *
au_positions_page_get_database_path (AuPositionsPage *self)
{
  g_return_val_if_fail (AU_IS_POSITIONS_PAGE (self), NULL);
  return self->database_path;
}

/**
 * au_positions_page_set_database_path:
 * @self: the page
 * @path: (nullable): the autopilot's database, or %NULL for none
 */
void
au_positions_page_set_database_path (AuPositionsPage *self,
                                     const char      *path)
{
  g_return_if_fail (AU_IS_POSITIONS_PAGE (self));

  if (!au_page_states_replace_path (NULL, &self->database_path, path))
    return;

  self->has_portfolio = self->running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
  au_positions_page_reload (self);
}

gboolean
au_positions_page_get_busy (AuPositionsPage *self)
{
  g_return_val_if_fail (AU_IS_POSITIONS_PAGE (self), FALSE);
  return self->busy > 0 ||
         (self->sorted != NULL && gtk_sort_list_model_get_pending (self->sorted) > 0);
}

/**
 * au_positions_page_get_rows:
 *
 * Returns: (transfer none): the positions in the snapshot's order
 */
GListModel *
au_positions_page_get_rows (AuPositionsPage *self)
{
  g_return_val_if_fail (AU_IS_POSITIONS_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/**
 * au_positions_page_get_visible_rows:
 *
 * Returns: (transfer none): the positions as the view sorts them
 */
GListModel *
au_positions_page_get_visible_rows (AuPositionsPage *self)
{
  g_return_val_if_fail (AU_IS_POSITIONS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
au_positions_page_get_column_view (AuPositionsPage *self)
{
  g_return_val_if_fail (AU_IS_POSITIONS_PAGE (self), NULL);
  return self->column_view;
}

/* "−0.42": a real minus sign lines up with the digits. */
static char *
format_signed (double value,
               int    decimals)
{
  g_autofree char *plain = g_strdup_printf ("%.*f", decimals, ABS (value));
  g_autofree char *zero = g_strdup_printf ("%.*f", decimals, 0.0);

  /* No "−0.00": a value that rounds to zero has no sign. */
  if (value < 0 && !g_str_equal (plain, zero))
    return g_strconcat ("−", plain, NULL);

  return g_steal_pointer (&plain);
}

static char *
right_text (AuPositionRow *row)
{
  const char *right = au_position_row_get_right (row);

  if (g_str_equal (right, "P"))
    return g_strdup (_("Put"));
  if (g_str_equal (right, "C"))
    return g_strdup (_("Call"));
  if (g_str_equal (right, "stock"))
    return g_strdup (_("Stock"));

  return g_strdup (right);
}

static char *
cell_text (AuPositionRow *row,
           Column         column)
{
  gboolean option = au_position_row_is_option (row);

  switch (column)
    {
    case COLUMN_SYMBOL:
      return g_strdup (au_position_row_get_symbol (row));

    case COLUMN_RIGHT:
      return right_text (row);

    case COLUMN_STRIKE:
      return option ? au_format_strike (au_position_row_get_strike (row)) : g_strdup ("—");

    case COLUMN_EXPIRY:
      return option ? g_strdup (au_position_row_get_expiry (row)) : g_strdup ("—");

    case COLUMN_DTE:
      return option ? g_strdup_printf ("%d", au_position_row_get_dte (row)) : g_strdup ("—");

    case COLUMN_QUANTITY:
      return format_signed ((double) au_position_row_get_quantity (row), 0);

    /* A share's delta is 1 and its cost is never zero: a stock row with
     * zeros has figures the engine did not report, shown as "—" rather
     * than as a flat, riskless position. */
    case COLUMN_DELTA:
      if (!option && au_position_row_get_delta (row) == 0.0)
        return g_strdup ("—");
      return format_signed (au_position_row_get_delta (row), 2);

    case COLUMN_PREMIUM:
      if (!option && au_position_row_get_premium (row) == 0)
        return g_strdup ("—");
      return au_format_dollars (au_position_row_get_premium (row));

    case COLUMN_PNL:
      if (!option && au_position_row_get_premium (row) == 0)
        return g_strdup ("—");
      return au_format_dollars (au_position_row_get_pnl (row));

    case COLUMN_ATR:
      /* R6.x: 0 means the strike is not breached. */
      if (au_position_row_get_atr_distance (row) == 0.0)
        return g_strdup ("—");
      return g_strdup_printf ("%.2f×", au_position_row_get_atr_distance (row));

    case COLUMN_ACCOUNT:
      return g_strdup (au_position_row_get_account (row));

    case COLUMN_LEVEL:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);

  if (column == COLUMN_LEVEL)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_add_css_class (badge, "au-level-badge");
      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_list_item_set_child (item, badge);
    }
  else
    gtk_list_item_set_child (item, au_columns_inscription_new (columns[column].numeric,
                                                               columns[column].chars));
}

/* The badge says its level in text (colour is never the only signal)
 * and to screen readers as a phrase. */
static void
bind_badge (GtkWidget     *badge,
            AuPositionRow *row)
{
  const char *level = au_position_row_get_level (row);
  int rank = au_position_row_get_level_rank (row);
  g_autofree char *accessible = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    gtk_widget_remove_css_class (badge, level_classes[i]);
  if (rank >= 0)
    gtk_widget_add_css_class (badge, level_classes[rank]);

  gtk_label_set_text (GTK_LABEL (badge), level);
  /* Translators: %s is a protocol level such as "L2". */
  accessible = g_strdup_printf (_("Protocol level %s"), level);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (badge, accessible);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  AuPositionRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (column == COLUMN_LEVEL)
    {
      bind_badge (child, row);
      return;
    }

  text = cell_text (row, column);
  gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
}

static void
add_column (AuPositionsPage *self,
            Column           column)
{
  const ColumnInfo *info = &columns[column];

  au_columns_append (self->column_view, _(info->title),
                     au_columns_factory_new (G_CALLBACK (setup_cell_cb), G_CALLBACK (bind_cell_cb),
                                             NULL, GINT_TO_POINTER (column)),
                     au_columns_sorter_new (AU_TYPE_POSITION_ROW, info->property, info->numeric),
                     column == COLUMN_ACCOUNT);
}

/* Column headers are not widgets a page can reach through the public
 * API; their labels carry the title, and the longer phrase goes to the
 * header button's accessible description when GTK makes it (once). */
static void
describe_headers (AuPositionsPage *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  guint column = 0;

  if (header == NULL)
    return;

  for (GtkWidget *cell = gtk_widget_get_first_child (header);
       cell != NULL && column < N_COLUMNS;
       cell = gtk_widget_get_next_sibling (cell), column++)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(columns[column].title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _(columns[column].accessible), -1);
      gtk_widget_set_tooltip_text (cell, _(columns[column].accessible));
    }
}

static void
load_css (void)
{
  static GdkDisplay *loaded_for = NULL;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == loaded_for)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/alluse/Autopilot/ui/au-positions-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded_for = display;
}

static GtkWidget *
build_rows_view (AuPositionsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkNoSelection *selection;

  gtk_widget_add_css_class (toolbar, "toolbar");
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_label_set_xalign (self->summary_label, 0.0);
  gtk_label_set_ellipsize (self->summary_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary_label), TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->summary_label), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->summary_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary_label), 6);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->summary_label));

  /* rows (the snapshot's order) → sort (the view's sorter) → view */
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));

  self->column_view = au_columns_view_new (GTK_SELECTION_MODEL (selection), _("Open Positions"));
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  for (Column column = 0; column < N_COLUMNS; column++)
    add_column (self, column);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->column_view));
  describe_headers (self);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), toolbar);
  gtk_box_append (GTK_BOX (box), scrolled);

  return box;
}

static void
au_positions_page_dispose (GObject *object)
{
  AuPositionsPage *self = AU_POSITIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->stack = NULL;
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (au_positions_page_parent_class)->dispose (object);
}

static void
au_positions_page_finalize (GObject *object)
{
  AuPositionsPage *self = AU_POSITIONS_PAGE (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (au_positions_page_parent_class)->finalize (object);
}

static void
au_positions_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AuPositionsPage *self = AU_POSITIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, au_positions_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_positions_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AuPositionsPage *self = AU_POSITIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_positions_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_positions_page_class_init (AuPositionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_positions_page_dispose;
  object_class->finalize = au_positions_page_finalize;
  object_class->get_property = au_positions_page_get_property;
  object_class->set_property = au_positions_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_positions_page_init (AuPositionsPage *self)
{
  load_css ();

  self->rows = g_list_store_new (AU_TYPE_POSITION_ROW);
  self->stack = au_page_states_new (FALSE, NULL);
  gtk_stack_add_named (self->stack, build_rows_view (self), "rows");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  update_view (self);
}

/**
 * au_positions_page_new:
 *
 * Returns: (transfer floating): a page that says there is no portfolio
 *   until it is given a database or a snapshot
 */
AuPositionsPage *
au_positions_page_new (void)
{
  return g_object_new (AU_TYPE_POSITIONS_PAGE, NULL);
}

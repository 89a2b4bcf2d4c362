/* au-weeks-page.c: the Week Types page (D2.5)
 *
 * A grid of labelled weeks, newest first: one row per ISO week, one
 * column for the system roll-up and one per sleeve, each cell the type's
 * two-letter abbreviation and name on its colour (colour is never the
 * only signal). A legend names the six types; the selected week's
 * deciding events show below; the current week so far comes from the
 * snapshot's accounts (their week_type).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-weeks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-columns.h"
#include "au-page-states.h"
#include "au-row-list.h"
#include "au-week-row.h"
#include "au-weeks-page.h"
#include "au-weeks-reader.h"

struct _AuWeeksPage
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;
  guint                busy;
  char                *details;
  char                *current;

  AuRowList           *rows;
  GtkSingleSelection  *selection;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkLabel            *details_label;
  GtkLabel            *current_label;
};

G_DEFINE_FINAL_TYPE (AuWeeksPage, au_weeks_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Tinted backgrounds with the theme's text colour on top: they read in
 * light, dark and high-contrast alike. */
static const char week_css[] =
  ".au-week { border-radius: 6px; padding: 2px 6px; }"
  ".au-week-calm_income { background-color: alpha(@success_color, 0.25); }"
  ".au-week-earnings_filter { background-color: alpha(@accent_color, 0.25); }"
  ".au-week-assignment { background-color: alpha(#9141ac, 0.30); }"
  ".au-week-hedged { background-color: alpha(@warning_color, 0.30); }"
  ".au-week-roll { background-color: alpha(#e66100, 0.35); }"
  ".au-week-preservation { background-color: alpha(@error_color, 0.40); }";

static void
set_busy (AuWeeksPage *self,
          gboolean     busy)
{
  if (au_page_busy_change (&self->busy, busy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_week_label (GtkWidget  *label,
                gboolean    known,
                AuWeekType  type)
{
  g_autofree char *text = NULL;

  for (AuWeekType t = AU_WEEK_CALM_INCOME; t < AU_N_WEEK_TYPES; t++)
    {
      g_autofree char *name = g_strdup_printf ("au-week-%s", au_week_type_to_key (t));

      gtk_widget_remove_css_class (label, name);
    }

  if (!known)
    {
      gtk_label_set_text (GTK_LABEL (label), "—");
      return;
    }

  {
    g_autofree char *name = g_strdup_printf ("au-week-%s", au_week_type_to_key (type));

    gtk_widget_add_css_class (label, name);
  }
  /* e.g. "AS Assignment" */
  text = g_strdup_printf ("%s  %s", au_week_type_to_abbreviation (type),
                          au_week_type_to_label (type));
  gtk_label_set_text (GTK_LABEL (label), text);
}

static GtkWidget *
new_week_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "au-week");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = new_week_label ();

  /* The week always reads whole; a cell at least as "CI  Calm-Income",
   * so a narrow window scrolls the grid sideways instead of cutting. */
  if (user_data == NULL)
    {
      gtk_widget_remove_css_class (label, "au-week");
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
    }
  else
    gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  const char *account = user_data;
  AuWeekRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  AuWeekType type = AU_WEEK_CALM_INCOME;
  gboolean known;

  if (account == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), au_week_row_get_week (row));
      return;
    }

  known = au_week_row_lookup (row, account, &type);
  set_week_label (label, known, type);
}

static void
add_column (AuWeeksPage *self,
            const char  *title,
            const char  *account)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  char *owned = g_strdup (account);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), owned);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), owned,
                         (GClosureNotify) (void (*) (void)) g_free, 0);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, account != NULL);
  gtk_column_view_append_column (self->column_view, column);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* One column per account the weeks name, after the week and the system
 * roll-up; add_column() keeps its own copy of each name. */
static void
rebuild_columns (AuWeeksPage *self,
                 GPtrArray   *rows)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }

  /* The sleeves in the order their names sort ("ALL-USE-1/Com", …/Gen, …/Rev). */
  for (guint i = 0; i < rows->len; i++)
    {
      AuWeekRow *row = g_ptr_array_index (rows, i);

      for (guint j = 0; j < au_week_row_get_n_labels (row); j++)
        {
          const char *account = au_week_row_get_account (row, j);

          if (account[0] != '\0' && !g_hash_table_contains (seen, account))
            {
              g_hash_table_add (seen, (gpointer) account);
              g_ptr_array_add (accounts, (gpointer) account);
            }
        }
    }
  g_ptr_array_sort (accounts, compare_names);

  add_column (self, _("Week"), NULL);
  add_column (self, _("System"), "");
  for (guint i = 0; i < accounts->len; i++)
    add_column (self, g_ptr_array_index (accounts, i), g_ptr_array_index (accounts, i));
}

static void
on_selected_cb (AuWeeksPage *self)
{
  AuWeekRow *row = gtk_single_selection_get_selected_item (self->selection);

  g_free (self->details);
  if (row == NULL)
    self->details = g_strdup (_("Select a week to see the events that decided it."));
  else
    {
      g_autofree char *events = au_week_row_dup_events_text (row);

      /* Translators: e.g. "Week 2016-W01" and the labels that follow. */
      self->details = g_strdup_printf (_("Week %s\n%s"), au_week_row_get_week (row), events);
    }
  gtk_label_set_text (self->details_label, self->details);
}

static void
show_no_portfolio (AuWeeksPage *self)
{
  au_page_states_show_status (self->stack, NULL, "folder-new-symbolic", _("No Portfolio Yet"),
                              _("Create a paper portfolio, or run <tt>alluse-cli run</tt>, and "
                                "the labelled weeks appear here."));
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AuWeeksPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = au_weeks_reader_load_finish (result, &error);

  set_busy (self, FALSE);
  if (!au_page_states_check_loaded (self->stack, rows, error, _("Week Types Not Read")))
    return;

  g_clear_object (&self->rows);
  self->rows = au_row_list_new (AU_TYPE_WEEK_ROW, rows);
  gtk_single_selection_set_model (self->selection, NULL);
  rebuild_columns (self, rows);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  on_selected_cb (self);

  if (rows->len == 0)
    au_page_states_show_status (self->stack, NULL, "x-office-calendar-symbolic",
                                _("No Weeks Labelled Yet"),
                                _("Each Friday close labels the week for the system and every "
                                  "sleeve: Calm-Income, Earnings-Filter, Assignment, Hedged, "
                                  "Roll or Preservation."));
  else
    gtk_stack_set_visible_child_name (self->stack, "weeks");
}

/**
 * au_weeks_page_reload:
 * @self: the page
 *
 * Reads the labelled weeks again in a worker.
 */
void
au_weeks_page_reload (AuWeeksPage *self)
{
  g_return_if_fail (AU_IS_WEEKS_PAGE (self));

  au_page_renew_cancellable (&self->cancellable);

  if (self->database_path == NULL)
    {
      show_no_portfolio (self);
      return;
    }

  set_busy (self, TRUE);
  au_weeks_reader_load_async (self->database_path, self->cancellable, on_loaded_cb,
                              g_object_ref (self));
}

/**
 * au_weeks_page_set_snapshot:
 * @self: the page
 * @snapshot: (nullable): the autopilot now, %NULL when it is not running
 *
 * Shows the current week's label so far for each account.
 */
void
au_weeks_page_set_snapshot (AuWeeksPage         *self,
                            AuAutopilotSnapshot *snapshot)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (AU_IS_WEEKS_PAGE (self));

  if (snapshot == NULL || snapshot->accounts == NULL || snapshot->accounts->len == 0)
    g_string_append (text, _("This week: the autopilot is not running."));
  else
    {
      g_string_append (text, _("This week so far:"));
      for (guint i = 0; i < snapshot->accounts->len; i++)
        {
          const AuAutopilotAccountView *view = g_ptr_array_index (snapshot->accounts, i);
          AuWeekType type;

          g_string_append (text, i == 0 ? " " : " · ");
          if (view->week_type != NULL && au_week_type_from_key (view->week_type, &type))
            g_string_append_printf (text, "%s %s %s", view->name,
                                    au_week_type_to_abbreviation (type),
                                    au_week_type_to_label (type));
          else
            /* Translators: an account whose week has no label yet. */
            g_string_append_printf (text, _("%s not labelled yet"), view->name);
        }
    }

  g_free (self->current);
  self->current = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_label_set_text (self->current_label, self->current);
}

static GtkWidget *
build_legend (void)
{
  GtkWidget *legend = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (legend), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (legend), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (legend), 6);
  gtk_widget_set_margin_start (legend, 6);
  gtk_widget_set_margin_end (legend, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (legend), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Week Type Legend"), -1);
  /* In D2.5's precedence, the strongest first. */
  for (int type = AU_WEEK_PRESERVATION; type >= AU_WEEK_CALM_INCOME; type--)
    {
      GtkWidget *label = new_week_label ();

      set_week_label (label, TRUE, type);
      gtk_flow_box_append (GTK_FLOW_BOX (legend), label);
    }

  return legend;
}

static GtkWidget *
build_weeks_view (AuWeeksPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *details_scroll = gtk_scrolled_window_new ();

  self->selection = gtk_single_selection_new (NULL);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb),
                           self, G_CONNECT_SWAPPED);
  self->column_view = au_columns_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                           _("Week Types by Week"));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_size_request (scrolled, -1, 120);

  self->details_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->details_label, 0.0);
  gtk_label_set_yalign (self->details_label, 0.0);
  gtk_label_set_wrap (self->details_label, TRUE);
  gtk_label_set_wrap_mode (self->details_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->details_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->details_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->details_label), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->details_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Events of the Week"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (details_scroll),
                                 GTK_WIDGET (self->details_label));
  gtk_widget_set_size_request (details_scroll, -1, 80);

  gtk_paned_set_start_child (GTK_PANED (paned), scrolled);
  gtk_paned_set_end_child (GTK_PANED (paned), details_scroll);
  gtk_paned_set_position (GTK_PANED (paned), 320);
  gtk_widget_set_vexpand (paned, TRUE);

  gtk_box_append (GTK_BOX (box), build_legend ());
  gtk_box_append (GTK_BOX (box), paned);
  return box;
}

static void
au_weeks_page_dispose (GObject *object)
{
  AuWeeksPage *self = AU_WEEKS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->stack = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (au_weeks_page_parent_class)->dispose (object);
}

static void
au_weeks_page_finalize (GObject *object)
{
  AuWeeksPage *self = AU_WEEKS_PAGE (object);

  g_free (self->database_path);
  g_free (self->details);
  g_free (self->current);

  G_OBJECT_CLASS (au_weeks_page_parent_class)->finalize (object);
}

static void
au_weeks_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AuWeeksPage *self = AU_WEEKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_weeks_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AuWeeksPage *self = AU_WEEKS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_weeks_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_weeks_page_class_init (AuWeeksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_weeks_page_dispose;
  object_class->finalize = au_weeks_page_finalize;
  object_class->get_property = au_weeks_page_get_property;
  object_class->set_property = au_weeks_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_css (void)
{
  static gsize installed = 0;

  /* Once per process, for the weeks' colours. */
  if (g_once_init_enter (&installed))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, week_css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&installed, 1);
    }
}

static void
au_weeks_page_init (AuWeeksPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  install_css ();
  self->cancellable = g_cancellable_new ();
  self->stack = au_page_states_new (TRUE, NULL);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->current_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->current_label, 0.0);
  gtk_label_set_wrap (self->current_label, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->current_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->current_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->current_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->current_label), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->current_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The Current Week"), -1);

  gtk_stack_add_named (self->stack, build_weeks_view (self), "weeks");
  show_no_portfolio (self);
  au_weeks_page_set_snapshot (self, NULL);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->current_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
au_weeks_page_new (void)
{
  return g_object_new (AU_TYPE_WEEKS_PAGE, NULL);
}

const char *
au_weeks_page_get_database_path (AuWeeksPage *self)
{
  g_return_val_if_fail (AU_IS_WEEKS_PAGE (self), NULL);

  return self->database_path;
}

/**
 * au_weeks_page_set_database_path:
 * @self: the page
 * @database_path: (nullable): the autopilot's database, %NULL for none
 */
void
au_weeks_page_set_database_path (AuWeeksPage *self,
                                 const char  *database_path)
{
  g_return_if_fail (AU_IS_WEEKS_PAGE (self));

  if (!au_page_states_replace_path (self->stack, &self->database_path, database_path))
    return;

  au_weeks_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

gboolean
au_weeks_page_get_busy (AuWeeksPage *self)
{
  g_return_val_if_fail (AU_IS_WEEKS_PAGE (self), FALSE);

  return self->busy > 0;
}

/* Returns: (transfer none) (nullable): the weeks, newest first */
GListModel *
au_weeks_page_get_rows (AuWeeksPage *self)
{
  g_return_val_if_fail (AU_IS_WEEKS_PAGE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GtkColumnView *
au_weeks_page_get_column_view (AuWeeksPage *self)
{
  g_return_val_if_fail (AU_IS_WEEKS_PAGE (self), NULL);

  return self->column_view;
}

void
au_weeks_page_select (AuWeeksPage *self,
                      guint        position)
{
  g_return_if_fail (AU_IS_WEEKS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* Returns: the selected week's labels and deciding events, as shown */
const char *
au_weeks_page_get_details (AuWeeksPage *self)
{
  g_return_val_if_fail (AU_IS_WEEKS_PAGE (self), NULL);

  return self->details;
}

/* Returns: the current week so far, as shown */
const char *
au_weeks_page_get_current (AuWeeksPage *self)
{
  g_return_val_if_fail (AU_IS_WEEKS_PAGE (self), NULL);

  return self->current;
}

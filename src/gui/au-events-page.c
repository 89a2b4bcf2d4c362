/* au-events-page.c: the Protocol Events page
 *
 * A timeline, newest first, of what the protocol did: level changes,
 * rolls, exits, hedges, VIX tiers, SAFE and EMERGENCY, forks and merges,
 * drawdown pivots. History comes from the audit trail, read in a worker
 * (au-events-reader.c); live AuEngineEvents go on top as they come. A
 * live event whose audit record a later read brings in is shown once:
 * each history row's key (au-event-row.c) is counted, and every live
 * event with a key still counted is absorbed by its record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-events-page.h"
#include "au-events-reader.h"
#include "au-columns.h"
#include "au-format.h"
#include "au-page-states.h"
#include "au-row-list.h"

struct _AuEventsPage
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;
  guint                busy;

  GListStore          *live;          /* AuEventRow, newest first */
  AuRowList           *history;
  GHashTable          *unmatched;     /* key → history rows no live event absorbed yet */
  GListStore          *parts;         /* live, then history */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  char                *account_filter;
  int                  kind_filter;   /* an AuEventKind, or -1 for all */

  GtkStack            *stack;
  GtkDropDown         *account_dropdown;
  GtkDropDown         *kind_dropdown;
  GtkStringList       *accounts;
  GtkLabel            *count_label;
};

G_DEFINE_FINAL_TYPE (AuEventsPage, au_events_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (AuEventsPage *self,
          gboolean      busy)
{
  if (au_page_busy_change (&self->busy, busy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  AuEventsPage *self = user_data;
  AuEventRow *row = item;

  if (self->account_filter != NULL &&
      !g_str_equal (au_event_row_get_account (row), self->account_filter))
    return FALSE;
  if (self->kind_filter >= 0 && (int) au_event_row_get_kind (row) != self->kind_filter)
    return FALSE;

  return TRUE;
}

static void
update_count (AuEventsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = NULL;

  /* Translators: the number of events the timeline shows. */
  text = g_strdup_printf (ngettext ("%'u event", "%'u events", shown), shown);
  gtk_label_set_text (self->count_label, text);
}

static void
refilter (AuEventsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_filter_selected_cb (AuEventsPage *self,
                       GParamSpec   *pspec,
                       GtkDropDown  *dropdown)
{
  guint account = gtk_drop_down_get_selected (self->account_dropdown);
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  g_clear_pointer (&self->account_filter, g_free);
  if (account != 0 && account != GTK_INVALID_LIST_POSITION)
    {
      const char *name = gtk_string_list_get_string (self->accounts, account);

      /* The system's own events have no account. */
      self->account_filter = g_strdup (g_str_equal (name, _("System")) ? "" : name);
    }
  self->kind_filter = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int) kind - 1;
  refilter (self);
}

static void
show_no_portfolio (AuEventsPage *self)
{
  au_page_states_show_status (self->stack, NULL, "folder-new-symbolic", _("No Portfolio Yet"),
                              _("Create a paper portfolio, or run <tt>alluse-cli run</tt>, and "
                                "the autopilot’s protocol events appear here."));
}

static void
show_timeline_or_empty (AuEventsPage *self)
{
  guint history = self->history != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->history))
                                        : 0;

  if (history + g_list_model_get_n_items (G_LIST_MODEL (self->live)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "events");
  else if (self->database_path != NULL)
    au_page_states_show_status (self->stack, NULL, "emblem-synchronizing-symbolic",
                                _("No Protocol Events Yet"),
                                _("Escalations, rolls, exits, hedges, VIX tiers, SAFE and "
                                  "EMERGENCY, forks and merges appear here as the autopilot "
                                  "meets them."));
}

/* Adds @account to the drop-down when it is new; the list stays sorted
 * after "All Accounts" and "System". */
static void
note_account (AuEventsPage *self,
              const char   *account)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  guint position = n;

  if (account[0] == '\0')
    return;
  for (guint i = 2; i < n; i++)
    {
      int order = g_strcmp0 (gtk_string_list_get_string (self->accounts, i), account);

      if (order == 0)
        return;
      if (order > 0 && position == n)
        position = i;
    }

  {
    const char *added[] = { account, NULL };

    g_signal_handlers_block_by_func (self->account_dropdown, on_filter_selected_cb, self);
    gtk_string_list_splice (self->accounts, position, 0, added);
    g_signal_handlers_unblock_by_func (self->account_dropdown, on_filter_selected_cb, self);
  }
}

/* Whether a history row absorbs @row; counts it off when so. */
static gboolean
absorb (AuEventsPage *self,
        AuEventRow   *row)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->unmatched,
                                                       au_event_row_get_key (row)));

  if (count == 0)
    return FALSE;

  g_hash_table_insert (self->unmatched, g_strdup (au_event_row_get_key (row)),
                       GUINT_TO_POINTER (count - 1));
  return TRUE;
}

static void
show_history (AuEventsPage *self,
              GPtrArray    *rows)
{
  guint n_live = g_list_model_get_n_items (G_LIST_MODEL (self->live));

  g_hash_table_remove_all (self->unmatched);
  for (guint i = 0; i < rows->len; i++)
    {
      AuEventRow *row = g_ptr_array_index (rows, i);
      const char *key = au_event_row_get_key (row);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->unmatched, key));

      g_hash_table_insert (self->unmatched, g_strdup (key), GUINT_TO_POINTER (count + 1));
      note_account (self, au_event_row_get_account (row));
    }

  /* Live events the trail now holds give way to their records; oldest
   * first, as they were absorbed when they came. */
  for (guint i = n_live; i > 0; i--)
    {
      g_autoptr(AuEventRow) row = g_list_model_get_item (G_LIST_MODEL (self->live), i - 1);

      if (absorb (self, row))
        g_list_store_remove (self->live, i - 1);
    }

  if (self->history != NULL)
    g_list_store_remove (self->parts, 1);
  g_clear_object (&self->history);
  self->history = au_row_list_new (AU_TYPE_EVENT_ROW, rows);
  g_list_store_append (self->parts, self->history);

  update_count (self);
  show_timeline_or_empty (self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AuEventsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = au_events_reader_load_finish (result, &error);

  set_busy (self, FALSE);
  if (!au_page_states_check_loaded (self->stack, rows, error, _("Protocol Events Not Read")))
    return;

  show_history (self, rows);
}

/**
 * au_events_page_reload:
 * @self: the page
 *
 * Reads the history from the audit trail again in a worker.
 */
void
au_events_page_reload (AuEventsPage *self)
{
  g_return_if_fail (AU_IS_EVENTS_PAGE (self));

  au_page_renew_cancellable (&self->cancellable);

  if (self->database_path == NULL)
    {
      show_no_portfolio (self);
      return;
    }

  set_busy (self, TRUE);
  au_events_reader_load_async (self->database_path, self->cancellable, on_loaded_cb,
                               g_object_ref (self));
}

/**
 * au_events_page_add_event:
 * @self: the page
 * @event: an event of the running engine
 *
 * Puts @event on top of the timeline when it is a protocol event and its
 * audit record is not shown already.
 */
void
au_events_page_add_event (AuEventsPage  *self,
                          AuEngineEvent *event)
{
  g_autoptr(AuEventRow) row = NULL;

  g_return_if_fail (AU_IS_EVENTS_PAGE (self));
  g_return_if_fail (event != NULL);

  row = au_event_row_new_from_event (event);
  if (row == NULL || absorb (self, row))
    return;

  note_account (self, au_event_row_get_account (row));
  g_list_store_insert (self->live, 0, row);
  update_count (self);
  show_timeline_or_empty (self);
}

/**
 * au_events_page_set_snapshot:
 * @self: the page
 * @snapshot: (nullable): the autopilot now
 *
 * The timeline is made of events; a snapshot adds none. The page takes
 * it for the common page API and reads the trail again when the
 * autopilot stops, so the last events come from their records.
 */
void
au_events_page_set_snapshot (AuEventsPage        *self,
                             AuAutopilotSnapshot *snapshot)
{
  g_return_if_fail (AU_IS_EVENTS_PAGE (self));

  if (snapshot == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->live)) > 0)
    au_events_page_reload (self);
}

static const char *severity_icons[] = {
  [AU_EVENT_INFO] = "dialog-information-symbolic",
  [AU_EVENT_WARNING] = "dialog-warning-symbolic",
  [AU_EVENT_ERROR] = "dialog-error-symbolic",
};

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *rule = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (heading), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (heading, "caption");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_add_css_class (heading, "numeric");
  gtk_label_set_xalign (GTK_LABEL (message), 0.0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), FALSE);
  gtk_widget_set_hexpand (text, TRUE);
  /* The rule number as a pill: a small framed tag at the row's end. */
  gtk_widget_set_valign (rule, GTK_ALIGN_START);
  gtk_widget_add_css_class (rule, "caption-heading");
  gtk_widget_add_css_class (rule, "au-rule-pill");
  gtk_widget_add_css_class (rule, "card");
  gtk_widget_set_size_request (rule, 48, -1);

  gtk_box_append (GTK_BOX (text), heading);
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), rule);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  AuEventRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *rule = gtk_widget_get_next_sibling (text);
  GtkWidget *heading = gtk_widget_get_first_child (text);
  GtkWidget *message = gtk_widget_get_next_sibling (heading);
  AuEventSeverity severity = au_event_row_get_severity (row);
  const char *account = au_event_row_get_account (row);
  g_autofree char *time = au_format_time_usec (au_event_row_get_time (row));
  g_autofree char *top = NULL;
  g_autofree char *rule_label = NULL;

  /* e.g. "2016-01-27 09:35 ET · ALL-USE-1/Com · Protocol Level" */
  top = g_strdup_printf ("%s · %s · %s", time, account[0] != '\0' ? account : _("System"),
                         au_event_kind_to_label (au_event_row_get_kind (row)));
  gtk_label_set_text (GTK_LABEL (heading), top);
  gtk_label_set_text (GTK_LABEL (message), au_event_row_get_message (row));
  gtk_label_set_text (GTK_LABEL (rule), au_event_row_get_rule (row));
  gtk_widget_set_visible (rule, au_event_row_get_rule (row)[0] != '\0');
  /* Translators: the accessible name of a rule pill, e.g. "Rule R6.2". */
  rule_label = g_strdup_printf (_("Rule %s"), au_event_row_get_rule (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (rule), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rule_label, -1);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), severity_icons[severity]);
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "accent");
  gtk_widget_add_css_class (icon, severity == AU_EVENT_ERROR ? "error"
                                  : severity == AU_EVENT_WARNING ? "warning" : "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity == AU_EVENT_ERROR ? _("Serious")
                                  : severity == AU_EVENT_WARNING ? _("Warning") : _("Information"),
                                  -1);
}

static GtkWidget *
build_timeline (AuEventsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;
  const char *accounts[] = { _("All Accounts"), _("System"), NULL };
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_string_list_append (kinds, _("All Kinds"));
  for (AuEventKind kind = AU_EVENT_PROTOCOL; kind < AU_N_EVENT_KINDS; kind++)
    gtk_string_list_append (kinds, au_event_kind_to_label (kind));

  gtk_widget_add_css_class (toolbar, "toolbar");
  self->accounts = gtk_string_list_new (accounts);
  self->account_dropdown = au_filter_dropdown_new (G_LIST_MODEL (g_object_ref (self->accounts)),
                                                   _("Filter by Account"),
                                                   G_CALLBACK (on_filter_selected_cb), self);
  self->kind_dropdown = au_filter_dropdown_new (G_LIST_MODEL (g_object_ref (kinds)),
                                                _("Filter by Kind"),
                                                G_CALLBACK (on_filter_selected_cb), self);
  self->count_label = au_columns_count_label_new ();
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->account_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->kind_dropdown));
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->count_label));

  /* [live, history] → flatten → filter → list */
  self->live = g_list_store_new (AU_TYPE_EVENT_ROW);
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->parts, self->live);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (
    G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->parts)))),
    GTK_FILTER (g_object_ref (self->filter)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                              G_LIST_MODEL (g_object_ref (self->filtered)))), factory);
  gtk_widget_add_css_class (list, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Protocol Events, Newest First"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  gtk_box_append (GTK_BOX (box), toolbar);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

static void
au_events_page_dispose (GObject *object)
{
  AuEventsPage *self = AU_EVENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->stack = NULL;
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->parts);
  g_clear_object (&self->live);
  g_clear_object (&self->history);
  g_clear_object (&self->accounts);

  G_OBJECT_CLASS (au_events_page_parent_class)->dispose (object);
}

static void
au_events_page_finalize (GObject *object)
{
  AuEventsPage *self = AU_EVENTS_PAGE (object);

  g_free (self->database_path);
  g_free (self->account_filter);
  g_hash_table_unref (self->unmatched);

  G_OBJECT_CLASS (au_events_page_parent_class)->finalize (object);
}

static void
au_events_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AuEventsPage *self = AU_EVENTS_PAGE (object);

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
au_events_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AuEventsPage *self = AU_EVENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_events_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_events_page_class_init (AuEventsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_events_page_dispose;
  object_class->finalize = au_events_page_finalize;
  object_class->get_property = au_events_page_get_property;
  object_class->set_property = au_events_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The rule number's pill: rounded, a little padding, on the card colour. */
static void
install_css (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider,
                                       ".au-rule-pill { border-radius: 9px; padding: 0 8px; }",
                                       -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (provider);
      g_once_init_leave (&installed, 1);
    }
}

static void
au_events_page_init (AuEventsPage *self)
{
  install_css ();

  self->cancellable = g_cancellable_new ();
  self->unmatched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->kind_filter = -1;
  self->stack = au_page_states_new (TRUE, _("Reading the protocol events"));
  gtk_stack_add_named (self->stack, build_timeline (self), "events");
  show_no_portfolio (self);
  update_count (self);

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
au_events_page_new (void)
{
  return g_object_new (AU_TYPE_EVENTS_PAGE, NULL);
}

const char *
au_events_page_get_database_path (AuEventsPage *self)
{
  g_return_val_if_fail (AU_IS_EVENTS_PAGE (self), NULL);

  return self->database_path;
}

/**
 * au_events_page_set_database_path:
 * @self: the page
 * @database_path: (nullable): the autopilot's database, %NULL for none
 */
void
au_events_page_set_database_path (AuEventsPage *self,
                                  const char   *database_path)
{
  g_return_if_fail (AU_IS_EVENTS_PAGE (self));

  if (!au_page_states_replace_path (self->stack, &self->database_path, database_path))
    return;

  /* Another portfolio: its live events start afresh. */
  g_list_store_remove_all (self->live);
  au_events_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

gboolean
au_events_page_get_busy (AuEventsPage *self)
{
  g_return_val_if_fail (AU_IS_EVENTS_PAGE (self), FALSE);

  return self->busy > 0;
}

/* Returns: (transfer none): the timeline as shown, filtered, newest first */
GListModel *
au_events_page_get_visible_rows (AuEventsPage *self)
{
  g_return_val_if_fail (AU_IS_EVENTS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/* Returns: how many live events are shown that the trail did not bring */
guint
au_events_page_get_n_live (AuEventsPage *self)
{
  g_return_val_if_fail (AU_IS_EVENTS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->live));
}

/**
 * au_events_page_set_account_filter:
 * @self: the page
 * @account: (nullable): an account's name, "" for the system's own
 *   events, %NULL for all
 */
void
au_events_page_set_account_filter (AuEventsPage *self,
                                   const char   *account)
{
  guint position = 0;

  g_return_if_fail (AU_IS_EVENTS_PAGE (self));

  if (account != NULL && account[0] == '\0')
    position = 1;
  for (guint i = 2; account != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
       i++)
    if (g_str_equal (gtk_string_list_get_string (self->accounts, i), account))
      position = i;

  gtk_drop_down_set_selected (self->account_dropdown, position);
}

/* @kind: an AuEventKind, or -1 for every kind */
void
au_events_page_set_kind_filter (AuEventsPage *self,
                                int           kind)
{
  g_return_if_fail (AU_IS_EVENTS_PAGE (self));
  g_return_if_fail (kind >= -1 && kind < AU_N_EVENT_KINDS);

  gtk_drop_down_set_selected (self->kind_dropdown, (guint) (kind + 1));
}

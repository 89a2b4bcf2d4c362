/* au-accounts-page.c: the Accounts page (R0.1, R2.6, R3.6, D2.2, D2.3)
 *
 * The ALL-USE account tree — roots, their Gen/Rev/Com sleeves, the MINIs
 * a Gen sleeve forked (D2.2) and the trees a Rev sleeve forked (R3.6) —
 * in an indented GtkListView over a GtkTreeListModel, which reads better
 * at 360 px than a many-column table. The tree and the "Forks & Merges"
 * history are read from the database in a worker (au-accounts-reader.c);
 * equity, cash, deployment, drawdown and week type come from the running
 * autopilot's snapshots and update the rows in place.
 *
 * Attribution uses the engine's own au_attribution_compute() (§3.11):
 * the end point of each account is the snapshot's equity (the ledger's
 * at cost for accounts the snapshot does not report: roots hand their
 * capital on, merged MINIs hold nothing) with the ledger's flows
 * (contributed plus transfers in, less out); the start is empty, so the
 * gain is since inception, and each fork's share is its tree's line.
 * au_attribution_snapshot() is not used because it needs a writable
 * ledger and a mark per position, which the GUI has neither of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-accounts-page.h"
#include "au-accounts-reader.h"
#include "au-attribution.h"
#include "au-format.h"
#include "au-page-states.h"
#include "au-week-row.h"

struct _AuAccountsPage
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;
  guint                busy;
  AuAccountsData      *data;
  AuAutopilotSnapshot *snapshot;
  AuMoney              total_gain;
  gboolean             attributed;

  GListStore          *roots;
  GHashTable          *by_id;     /* account id → AuAccountRow (borrowed from the tree) */
  GtkTreeListModel    *tree;

  GtkStack            *stack;
  GtkStack            *views;
  GtkLabel            *note_label;
  GtkLabel            *total_label;
  GtkListView         *list_view;
  GtkListBox          *history_list;
};

G_DEFINE_FINAL_TYPE (AuAccountsPage, au_accounts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (AuAccountsPage *self,
          gboolean        busy)
{
  if (au_page_busy_change (&self->busy, busy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const char *
kind_title (AuAccountKind kind)
{
  switch (kind)
    {
    case AU_ACCOUNT_ROOT:
      return _("ALL-USE tree");
    case AU_ACCOUNT_GEN:
      return _("Gen-Acc");
    case AU_ACCOUNT_REV:
      return _("Rev-Acc");
    case AU_ACCOUNT_COM:
      return _("Com-Acc");
    case AU_ACCOUNT_MINI:
      return _("MINI");
    default:
      return "";
    }
}

static const char *
status_title (AuAccountStatus status)
{
  switch (status)
    {
    case AU_ACCOUNT_MERGED:
      return _("merged");
    case AU_ACCOUNT_CLOSED:
      return _("closed");
    case AU_ACCOUNT_ACTIVE:
    default:
      return NULL;
    }
}

/* "12.3%" of a fraction; a real minus sign for a loss. */
static char *
format_percent (double fraction)
{
  g_autofree char *plain = g_strdup_printf ("%.1f%%", ABS (fraction) * 100.0);
  g_autofree char *zero = g_strdup_printf ("%.1f%%", 0.0);

  /* No "−0.0%": a share that rounds to zero has no sign. */
  if (fraction < 0 && !g_str_equal (plain, zero))
    return g_strconcat ("−", plain, NULL);

  return g_steal_pointer (&plain);
}

/* ---- one row of the tree ---------------------------------------------- */

static char *
detail_text (AuAccountRow *row)
{
  const AuAccountRecord *record = au_account_row_get_record (row);
  GString *text = g_string_new (kind_title (record->kind));
  const char *status = status_title (record->status);
  g_autofree char *cash = au_format_dollars (au_account_row_get_cash (row));

  if (status != NULL)
    g_string_append_printf (text, " · %s", status);

  if (record->kind == AU_ACCOUNT_ROOT)
    {
      g_autofree char *base = au_format_dollars (record->initial_capital);

      g_string_append (text, " · ");
      /* Translators: %s is the tree's starting capital (R0.1). */
      g_string_append_printf (text, _("capital %s"), base);
      return g_string_free (text, FALSE);
    }

  g_string_append (text, " · ");
  /* Translators: %s is an amount of cash. */
  g_string_append_printf (text, _("cash %s"), cash);

  if (au_account_row_has_live (row))
    {
      g_autofree char *deployed = au_format_dollars (au_account_row_get_deployed (row));
      g_autofree char *drawdown = format_percent (au_account_row_get_drawdown (row));
      const char *week = au_account_row_get_week_type (row);

      g_string_append (text, " · ");
      /* Translators: %s is an amount: CSP notional plus shares at cost. */
      g_string_append_printf (text, _("deployed %s"), deployed);
      g_string_append (text, " · ");
      /* Translators: %s is a percentage below the high-water mark (R0.8). */
      g_string_append_printf (text, _("drawdown %s"), drawdown);
      if (week != NULL && week[0] != '\0')
        {
          AuWeekType type;

          g_string_append (text, " · ");
          /* Translators: %s is the week's label, e.g. "Calm-Income" (D2.5). */
          g_string_append_printf (text, _("week %s"),
                                  au_week_type_from_key (week, &type)
                                  ? au_week_type_to_label (type) : week);
        }
    }
  else
    {
      g_string_append (text, " · ");
      g_string_append (text, _("ledger, at cost"));
    }

  return g_string_free (text, FALSE);
}

static char *
attribution_text (AuAccountsPage *self,
                  AuAccountRow   *row)
{
  g_autofree char *gain = NULL;
  g_autofree char *share = NULL;

  if (!au_account_row_has_attribution (row))
    return NULL;

  gain = au_format_dollars (au_account_row_get_gain (row));
  if (self->total_gain == 0)
    /* Translators: %s is an amount gained since the account opened. */
    return g_strdup_printf (_("gain %s"), gain);

  share = format_percent (au_account_row_get_contribution (row));
  /* Translators: e.g. "gain $4,500.00 · 12.5% of the total gain". */
  return g_strdup_printf (_("gain %s · %s of the total gain"), gain, share);
}

typedef struct
{
  GtkLabel *name;
  GtkLabel *equity;
  GtkLabel *detail;
  GtkLabel *attribution;
} RowWidgets;

static void
fill_row (AuAccountsPage *self,
          GtkWidget      *expander,
          AuAccountRow   *row)
{
  RowWidgets *widgets = g_object_get_data (G_OBJECT (expander), "au-row-widgets");
  const AuAccountRecord *record = au_account_row_get_record (row);
  g_autofree char *equity = au_format_dollars (au_account_row_get_equity (row));
  g_autofree char *detail = detail_text (row);
  g_autofree char *attribution = attribution_text (self, row);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (widgets->name, record->name);
  gtk_label_set_text (widgets->equity, equity);
  gtk_label_set_text (widgets->detail, detail);
  gtk_label_set_text (widgets->attribution, attribution != NULL ? attribution : "");
  gtk_widget_set_visible (GTK_WIDGET (widgets->attribution), attribution != NULL);
  gtk_widget_set_opacity (expander, record->status == AU_ACCOUNT_ACTIVE ? 1.0 : 0.6);

  /* Translators: what a screen reader says for a row of the account
   * tree: name, equity, then the details line. */
  accessible = g_strdup_printf (_("%s, equity %s, %s"), record->name, equity, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
on_row_changed_cb (AuAccountRow *row,
                   GtkWidget    *expander)
{
  AuAccountsPage *self = g_object_get_data (G_OBJECT (expander), "au-page");

  fill_row (self, expander, row);
}

static GtkLabel *
new_label (const char *css_class,
           gboolean    wrap)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  if (wrap)
    {
      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);

  return label;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AuAccountsPage           *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  RowWidgets *widgets = g_new0 (RowWidgets, 1);

  widgets->name = new_label ("heading", FALSE);
  widgets->equity = new_label ("numeric", FALSE);
  widgets->detail = new_label ("caption", TRUE);
  widgets->attribution = new_label ("caption", TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (widgets->name), TRUE);
  gtk_label_set_xalign (widgets->equity, 1.0);
  gtk_widget_add_css_class (GTK_WIDGET (widgets->detail), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (widgets->attribution), "numeric");

  gtk_box_append (GTK_BOX (top), GTK_WIDGET (widgets->name));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (widgets->equity));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (widgets->detail));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (widgets->attribution));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);

  g_object_set_data_full (G_OBJECT (expander), "au-row-widgets", widgets, g_free);
  g_object_set_data (G_OBJECT (expander), "au-page", self);
  gtk_list_item_set_child (item, expander);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             AuAccountsPage           *self)
{
  GtkTreeListRow *list_row = gtk_list_item_get_item (item);
  GtkWidget *expander = gtk_list_item_get_child (item);
  AuAccountRow *row = gtk_tree_list_row_get_item (list_row);
  gulong handler;

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), list_row);
  fill_row (self, expander, row);
  handler = g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), expander, 0);
  g_object_set_data (G_OBJECT (expander), "au-handler", GSIZE_TO_POINTER (handler));
  g_object_set_data_full (G_OBJECT (expander), "au-row", row, g_object_unref);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AuAccountsPage           *self)
{
  GtkWidget *expander = gtk_list_item_get_child (item);
  AuAccountRow *row = g_object_get_data (G_OBJECT (expander), "au-row");
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (expander), "au-handler"));

  if (row != NULL && handler != 0)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (expander), "au-handler", NULL);
  g_object_set_data (G_OBJECT (expander), "au-row", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListModel *children = au_account_row_get_children (item);

  if (g_list_model_get_n_items (children) == 0)
    return NULL;

  return g_object_ref (children);
}

/* ---- the tree, the snapshot and the attribution ------------------------ */

static void
rebuild_tree (AuAccountsPage *self,
              GPtrArray      *records)
{
  g_autoptr(GPtrArray) top = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (self->by_id);

  for (guint i = 0; i < records->len; i++)
    {
      AuAccountRecord *record = g_ptr_array_index (records, i);
      AuAccountRow *row = au_account_row_new (record);
      AuAccountRow *parent;

      /* Parents come first: ids grow in creation order. */
      parent = record->parent_id != 0 ? g_hash_table_lookup (self->by_id, &record->parent_id)
                                      : NULL;
      g_hash_table_insert (self->by_id, (gpointer) &au_account_row_get_record (row)->id, row);
      if (parent != NULL)
        {
          au_account_row_append_child (parent, row);
          g_object_unref (row);
        }
      else
        g_ptr_array_add (top, row);
    }

  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       top->pdata, top->len);
}

static AuAccountKind
kind_from_snapshot (const char *kind)
{
  AuAccountKind result = AU_ACCOUNT_GEN;

  if (kind == NULL || !au_account_kind_from_string (kind, &result))
    return AU_ACCOUNT_GEN;

  return result;
}

/* Without a database the snapshot's accounts are all the page knows: a
 * flat list, no history and no attribution (it needs the ledger's flows). */
static void
rebuild_from_snapshot (AuAccountsPage *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) au_account_record_free);

  for (guint i = 0; self->snapshot != NULL && i < self->snapshot->accounts->len; i++)
    {
      AuAutopilotAccountView *view = g_ptr_array_index (self->snapshot->accounts, i);
      AuAccountRecord *record = g_new0 (AuAccountRecord, 1);

      record->id = view->account_id;
      record->kind = kind_from_snapshot (view->kind);
      record->name = g_strdup (view->name);
      record->root_id = view->account_id;
      record->status = AU_ACCOUNT_ACTIVE;
      record->created_at = g_strdup ("");
      g_ptr_array_add (records, record);
    }

  rebuild_tree (self, records);
}

static gboolean
has_ledger (AuAccountsPage *self)
{
  return self->data != NULL && self->data->accounts->len > 0;
}

static void
compute_attribution (AuAccountsPage *self)
{
  g_autoptr(GArray) start = g_array_new (FALSE, TRUE, sizeof (AuEquityPoint));
  g_autoptr(GArray) end = g_array_new (FALSE, TRUE, sizeof (AuEquityPoint));
  g_autoptr(GError) error = NULL;
  AuAttribution attribution = { 0, };
  GHashTableIter iter;
  gpointer value;

  self->attributed = FALSE;
  if (!has_ledger (self))
    return;

  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const AuAccountRecord *record = au_account_row_get_record (value);
      AuEquityPoint point = {
        .account_id = record->id,
        .name = record->name,   /* borrowed: the array has no clear function */
        .kind = record->kind,
        .root_id = record->kind == AU_ACCOUNT_ROOT ? record->id : record->root_id,
        /* A root's own books, not the tree total it shows. */
        .equity = record->kind == AU_ACCOUNT_ROOT ? record->equity_at_cost
                                                  : au_account_row_get_equity (value),
        .flows = record->flows,
      };

      g_array_append_val (end, point);
    }

  if (!au_attribution_compute (start, end, &attribution, &error))
    {
      g_warning ("Attribution not computed: %s", error->message);
      return;
    }

  self->total_gain = attribution.total.gain;
  self->attributed = TRUE;

  for (guint i = 0; i < attribution.accounts->len; i++)
    {
      const AuAttributionLine *line = &g_array_index (attribution.accounts, AuAttributionLine, i);
      AuAccountRow *row = g_hash_table_lookup (self->by_id, &line->id);

      /* A root's own line is empty (it hands its capital on): it shows
       * its tree's, which is what a fork contributed. */
      if (row != NULL && au_account_row_get_record (row)->kind != AU_ACCOUNT_ROOT)
        au_account_row_set_attribution (row, line->gain, line->contribution);
    }
  for (guint i = 0; i < attribution.trees->len; i++)
    {
      const AuAttributionLine *line = &g_array_index (attribution.trees, AuAttributionLine, i);
      AuAccountRow *row = g_hash_table_lookup (self->by_id, &line->id);

      if (row != NULL && au_account_row_get_record (row)->kind == AU_ACCOUNT_ROOT)
        {
          au_account_row_set_tree_equity (row, line->end_equity);
          au_account_row_set_attribution (row, line->gain, line->contribution);
        }
    }

  au_attribution_clear (&attribution);
}

static const AuAutopilotAccountView *
snapshot_account (AuAutopilotSnapshot *snapshot,
                  gint64               account_id)
{
  for (guint i = 0; snapshot != NULL && i < snapshot->accounts->len; i++)
    {
      const AuAutopilotAccountView *view = g_ptr_array_index (snapshot->accounts, i);

      if (view->account_id == account_id)
        return view;
    }

  return NULL;
}

/* TRUE when the snapshot reports an account the tree does not hold yet:
 * a fork happened since the last read. */
static gboolean
apply_snapshot (AuAccountsPage *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean unknown = FALSE;

  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    au_account_row_set_live (value,
                             snapshot_account (self->snapshot,
                                               au_account_row_get_record (value)->id));

  for (guint i = 0; self->snapshot != NULL && i < self->snapshot->accounts->len; i++)
    {
      AuAutopilotAccountView *view = g_ptr_array_index (self->snapshot->accounts, i);

      if (!g_hash_table_contains (self->by_id, &view->account_id))
        unknown = TRUE;
    }

  return unknown;
}

static void
update_total (AuAccountsPage *self)
{
  g_autofree char *gain = NULL;
  g_autofree char *text = NULL;

  if (!self->attributed)
    {
      gtk_label_set_text (self->total_label, "");
      return;
    }

  gain = au_format_dollars (self->total_gain);
  /* Translators: %s is the whole portfolio's gain: equity less the
   * capital deposited. */
  text = g_strdup_printf (_("Total gain %s"), gain);
  gtk_label_set_text (self->total_label, text);
}

static void
update_view (AuAccountsPage *self)
{
  if (self->stack == NULL)
    return;

  if (g_hash_table_size (self->by_id) == 0)
    {
      if (self->snapshot != NULL)
        au_page_states_show_status (self->stack, "empty", "system-users-symbolic",
                                    _("No Accounts Yet"),
                                    _("The autopilot is running but reports no accounts yet."));
      else
        au_page_states_show_status (self->stack, "no-portfolio", "folder-new-symbolic",
                                    _("No Portfolio Yet"),
                                    _("Create a paper portfolio, or run <tt>alluse-cli run</tt>, "
                                      "and its account tree appears here."));
      return;
    }

  if (self->snapshot == NULL)
    gtk_label_set_text (self->note_label,
                        _("The autopilot is not running: equity and cash are the ledger’s, at "
                          "cost. Deployment, drawdown and week type appear while it runs."));
  else if (!has_ledger (self))
    gtk_label_set_text (self->note_label,
                        _("The portfolio’s database is not open: the tree, its history and the "
                          "attribution need it."));
  else
    gtk_label_set_text (self->note_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label),
                          self->snapshot == NULL || !has_ledger (self));
  update_total (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
fill_history (AuAccountsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  for (guint i = 0; self->data != NULL && i < self->data->history->len; i++)
    {
      AuAccountHistoryEvent *event = g_ptr_array_index (self->data->history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *time = au_format_time (event->time);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *rules = au_account_history_event_rules (event);

      if (g_str_equal (event->kind, "deposit"))
        /* Translators: %s is a tree's name, e.g. "ALL-USE-1". */
        title = g_strdup_printf (_("%s opened"), event->account);
      else if (g_str_equal (event->kind, "fork_gen"))
        /* Translators: %s is the new MINI account, e.g. "MINI-1". */
        title = g_strdup_printf (_("Gen fork into %s"), event->account);
      else if (g_str_equal (event->kind, "fork_rev"))
        /* Translators: %s is the new tree, e.g. "ALL-USE-2". */
        title = g_strdup_printf (_("Rev fork into %s"), event->account);
      else if (g_str_equal (event->kind, "merge_mini"))
        /* Translators: %s is the merged MINI account. */
        title = g_strdup_printf (_("%s merged into Com-Acc"), event->account);
      else
        /* Translators: an account and its new status, e.g. "MINI-2: closed". */
        title = g_strdup_printf (_("%s: %s"), event->account, event->status);

      subtitle = rules[0] != '\0'
                 ? g_strdup_printf ("%s · %s\n%s", time, rules, event->description)
                 : g_strdup_printf ("%s\n%s", time, event->description);
      /* Names and the ledger's words are text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_name (row, event->kind);
      gtk_list_box_append (self->history_list, row);
    }
}

/**
 * au_accounts_page_set_snapshot:
 * @self: the page
 * @snapshot: (nullable): the autopilot now, or %NULL when it is not running
 */
void
au_accounts_page_set_snapshot (AuAccountsPage      *self,
                               AuAutopilotSnapshot *snapshot)
{
  gboolean unknown;

  g_return_if_fail (AU_IS_ACCOUNTS_PAGE (self));

  g_clear_pointer (&self->snapshot, au_autopilot_snapshot_unref);
  if (snapshot != NULL)
    self->snapshot = au_autopilot_snapshot_ref (snapshot);

  if (!has_ledger (self))
    rebuild_from_snapshot (self);

  unknown = apply_snapshot (self);
  compute_attribution (self);
  update_view (self);

  /* A fork since the last read: read the tree again (once at a time). */
  if (unknown && has_ledger (self) && self->busy == 0)
    au_accounts_page_reload (self);
}

static void
show_data (AuAccountsPage *self,
           AuAccountsData *data)
{
  g_clear_pointer (&self->data, au_accounts_data_free);
  self->data = data;

  if (has_ledger (self))
    rebuild_tree (self, self->data->accounts);
  else
    rebuild_from_snapshot (self);

  fill_history (self);
  apply_snapshot (self);
  compute_attribution (self);
  update_view (self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AuAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AuAccountsData *data = au_accounts_reader_load_finish (result, &error);

  set_busy (self, FALSE);

  if (!au_page_states_check_loaded (self->stack, data, error, _("Accounts Not Read")))
    {
      g_clear_pointer (&data, au_accounts_data_free);
      return;
    }

  show_data (self, data);
}

/**
 * au_accounts_page_reload:
 * @self: the page
 *
 * Reads the account tree and its history again in a worker;
 * #AuAccountsPage:busy is %TRUE until they are shown.
 */
void
au_accounts_page_reload (AuAccountsPage *self)
{
  g_return_if_fail (AU_IS_ACCOUNTS_PAGE (self));

  au_page_renew_cancellable (&self->cancellable);

  if (self->database_path == NULL)
    {
      show_data (self, NULL);
      return;
    }

  set_busy (self, TRUE);
  au_accounts_reader_load_async (self->database_path, self->cancellable, on_loaded_cb,
                                 g_object_ref (self));
}

const char *
au_accounts_page_get_database_path (AuAccountsPage *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNTS_PAGE (self), NULL);
  return self->database_path;
}

/**
 * au_accounts_page_set_database_path:
 * @self: the page
 * @path: (nullable): the autopilot's database, or %NULL for none
 */
void
au_accounts_page_set_database_path (AuAccountsPage *self,
                                    const char     *path)
{
  g_return_if_fail (AU_IS_ACCOUNTS_PAGE (self));

  if (!au_page_states_replace_path (NULL, &self->database_path, path))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
  au_accounts_page_reload (self);
}

gboolean
au_accounts_page_get_busy (AuAccountsPage *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNTS_PAGE (self), FALSE);
  return self->busy > 0;
}

/**
 * au_accounts_page_get_state:
 *
 * Returns: "content", or the empty state's name ("no-portfolio",
 *   "empty", "error")
 */
const char *
au_accounts_page_get_state (AuAccountsPage *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNTS_PAGE (self), NULL);

  return au_page_states_get_state (self->stack);
}

/**
 * au_accounts_page_get_tree:
 *
 * Returns: (transfer none): the tree as the list shows it, a
 *   #GListModel of #GtkTreeListRow
 */
GListModel *
au_accounts_page_get_tree (AuAccountsPage *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->tree);
}

/**
 * au_accounts_page_find_account:
 * @name: an account's name, e.g. "ALL-USE-1/Gen"
 *
 * Returns: (transfer none) (nullable): its row
 */
AuAccountRow *
au_accounts_page_find_account (AuAccountsPage *self,
                               const char     *name)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (AU_IS_ACCOUNTS_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (au_account_row_get_record (value)->name, name))
      return value;

  return NULL;
}

/**
 * au_accounts_page_get_history_list:
 *
 * Returns: (transfer none): the "Forks & Merges" list, newest first
 */
GtkListBox *
au_accounts_page_get_history_list (AuAccountsPage *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNTS_PAGE (self), NULL);
  return self->history_list;
}

/**
 * au_accounts_page_show_history:
 * @history: %TRUE for "Forks & Merges", %FALSE for the tree
 */
void
au_accounts_page_show_history (AuAccountsPage *self,
                               gboolean        history)
{
  g_return_if_fail (AU_IS_ACCOUNTS_PAGE (self));

  gtk_stack_set_visible_child_name (self->views, history ? "history" : "tree");
}

/* ---- construction ------------------------------------------------------ */

static GtkWidget *
build_tree_view (AuAccountsPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  /* Every level open: a tree of a few dozen accounts is read whole. */
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (g_object_ref (self->roots)), FALSE, TRUE,
                                        create_children_cb, NULL, NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Account Tree"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  return scrolled;
}

static GtkWidget *
build_history_view (AuAccountsPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->history_list), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->history_list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->history_list), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->history_list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->history_list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Forks and Merges"), -1);

  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->history_list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);

  return scrolled;
}

static GtkWidget *
build_content (AuAccountsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *switcher = gtk_stack_switcher_new ();

  self->views = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_titled (self->views, build_tree_view (self), "tree", _("Tree"));
  gtk_stack_add_titled (self->views, build_history_view (self), "history", _("Forks & Merges"));
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->views);
  gtk_accessible_update_property (GTK_ACCESSIBLE (switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the tree or its forks and merges"), -1);

  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (self->total_label), TRUE);
  gtk_label_set_xalign (self->total_label, 1.0);
  gtk_label_set_ellipsize (self->total_label, PANGO_ELLIPSIZE_END);

  gtk_widget_add_css_class (toolbar, "toolbar");
  gtk_box_append (GTK_BOX (toolbar), switcher);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->total_label));

  self->note_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->note_label, TRUE);
  gtk_label_set_xalign (self->note_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->note_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->note_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->note_label), 6);

  gtk_box_append (GTK_BOX (box), toolbar);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->views));

  return box;
}

static void
au_accounts_page_dispose (GObject *object)
{
  AuAccountsPage *self = AU_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->stack = NULL;
  g_clear_object (&self->tree);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->roots);
  g_clear_pointer (&self->snapshot, au_autopilot_snapshot_unref);
  g_clear_pointer (&self->data, au_accounts_data_free);

  G_OBJECT_CLASS (au_accounts_page_parent_class)->dispose (object);
}

static void
au_accounts_page_finalize (GObject *object)
{
  AuAccountsPage *self = AU_ACCOUNTS_PAGE (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (au_accounts_page_parent_class)->finalize (object);
}

static void
au_accounts_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AuAccountsPage *self = AU_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, au_accounts_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_accounts_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AuAccountsPage *self = AU_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_accounts_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_accounts_page_class_init (AuAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_accounts_page_dispose;
  object_class->finalize = au_accounts_page_finalize;
  object_class->get_property = au_accounts_page_get_property;
  object_class->set_property = au_accounts_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_accounts_page_init (AuAccountsPage *self)
{
  self->roots = g_list_store_new (AU_TYPE_ACCOUNT_ROW);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  self->stack = au_page_states_new (FALSE, NULL);
  gtk_stack_add_named (self->stack, build_content (self), "content");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  update_view (self);
}

/**
 * au_accounts_page_new:
 *
 * Returns: (transfer floating): a page that says there is no portfolio
 *   until it is given a database or a snapshot
 */
AuAccountsPage *
au_accounts_page_new (void)
{
  return g_object_new (AU_TYPE_ACCOUNTS_PAGE, NULL);
}

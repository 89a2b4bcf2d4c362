/* au-audit-page.c: the Audit Trail page
 *
 * The records the engine wrote ("why did it do that"), newest first, with
 * their rule numbers and verdicts; the selected record's violations,
 * warnings and context below; and "Verify Chain", which walks the hash
 * chain (au_audit_log_verify) in a worker and reports the head or the
 * first broken record in an info bar (AdwBanner is libadwaita 1.3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "au-audit-page.h"
#include "au-audit-reader.h"
#include "au-audit-row.h"
#include "au-columns.h"
#include "au-format.h"
#include "au-page-states.h"
#include "au-row-list.h"

struct _AuAuditPage
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;
  guint                busy;

  AuRowList           *rows;
  GtkSingleSelection  *selection;
  char                *verify_message;
  GtkMessageType       verify_type;

  GtkStack            *stack;
  GtkInfoBar          *info_bar;
  GtkLabel            *info_label;
  GtkColumnView       *column_view;
  GtkTextBuffer       *details;
  GtkButton           *verify_button;
};

G_DEFINE_FINAL_TYPE (AuAuditPage, au_audit_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The page shows the newest records; `alluse-cli audit` reads them all. */
#define MAX_RECORDS 50000

typedef enum
{
  COLUMN_TIME,
  COLUMN_ACTOR,
  COLUMN_KIND,
  COLUMN_RULES,
  COLUMN_VERDICT,
} Column;

static void
set_busy (AuAuditPage *self,
          gboolean     busy)
{
  gboolean changed = au_page_busy_change (&self->busy, busy);

  /* A worker may report after the page was disposed. */
  if (self->verify_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), self->busy == 0);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_details (AuAuditPage *self)
{
  AuAuditRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *details = NULL;

  if (row != NULL)
    details = au_audit_row_dup_details (row);

  gtk_text_buffer_set_text (self->details, details != NULL ? details : "", -1);
}

static void
on_rows_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AuAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = au_audit_reader_load_finish (result, &error);

  set_busy (self, FALSE);
  if (!au_page_states_check_loaded (self->stack, rows, error, _("Audit Trail Not Read")))
    return;

  g_clear_object (&self->rows);
  self->rows = au_row_list_new (AU_TYPE_AUDIT_ROW, rows);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  show_details (self);

  if (rows->len == 0)
    au_page_states_show_status (self->stack, NULL, "emblem-documents-symbolic",
                                _("No Audit Records Yet"),
                                _("Every rule check, order, fill, fork and state change "
                                  "of the autopilot is recorded here."));
  else
    gtk_stack_set_visible_child_name (self->stack, "records");
}

/**
 * au_audit_page_reload:
 * @self: the page
 *
 * Reads the newest records again in a worker.
 */
void
au_audit_page_reload (AuAuditPage *self)
{
  g_return_if_fail (AU_IS_AUDIT_PAGE (self));

  if (self->database_path == NULL)
    return;

  au_page_renew_cancellable (&self->cancellable);
  set_busy (self, TRUE);
  au_audit_reader_load_async (self->database_path, MAX_RECORDS, self->cancellable,
                              on_rows_loaded_cb, g_object_ref (self));
}

static void
show_verdict (AuAuditPage    *self,
              GtkMessageType  type,
              char           *message)
{
  g_free (self->verify_message);
  self->verify_message = message;
  self->verify_type = type;

  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AuAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AuAuditVerifyResult verify = { 0 };

  set_busy (self, FALSE);

  if (!au_audit_reader_verify_finish (result, &verify, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
        return;

      /* Translators: %s says why the chain could not be checked. */
      show_verdict (self, GTK_MESSAGE_ERROR, g_strdup_printf (_("Verification did not run: %s"),
                                                              error->message));
      return;
    }

  if (self->stack == NULL)
    {
      au_audit_verify_result_clear (&verify);
      return;
    }

  if (verify.ok)
    {
      const char *head = verify.head != NULL ? verify.head : _("none");
      char *message;

      /* Translators: e.g. "Chain intact: 1,204 records, head 3f9a…". */
      message = g_strdup_printf (ngettext ("Chain intact: %'" G_GINT64_FORMAT " record, head %s",
                                           "Chain intact: %'" G_GINT64_FORMAT " records, head %s",
                                           verify.records),
                                 verify.records, head);
      show_verdict (self, GTK_MESSAGE_INFO, message);
    }
  else
    {
      /* Translators: the first record whose hash does not hold, and why. */
      show_verdict (self, GTK_MESSAGE_ERROR,
                    g_strdup_printf (_("Chain broken at record %" G_GINT64_FORMAT ": %s"),
                                     verify.broken_seq, verify.problem));
    }

  au_audit_verify_result_clear (&verify);
}

/**
 * au_audit_page_verify:
 * @self: the page
 *
 * Walks the whole hash chain in a worker and shows the verdict.
 */
void
au_audit_page_verify (AuAuditPage *self)
{
  g_return_if_fail (AU_IS_AUDIT_PAGE (self));

  if (self->database_path == NULL)
    return;

  set_busy (self, TRUE);
  au_audit_reader_verify_async (self->database_path, self->cancellable, on_verified_cb,
                                g_object_ref (self));
}

static void
on_info_bar_response_cb (AuAuditPage *self,
                         int          response,
                         GtkInfoBar  *info_bar)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *inscription = au_columns_inscription_new (FALSE, 12);

  /* At least 12 characters, 20 when there is room. */
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 20);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  AuAuditRow *row = gtk_list_item_get_item (item);
  const AuAuditRecord *record = au_audit_row_get_record (row);
  GtkWidget *inscription = gtk_list_item_get_child (item);
  g_autofree char *owned = NULL;
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_TIME:
      text = owned = au_format_time (record->time);
      break;

    case COLUMN_ACTOR:
      text = record->actor;
      break;

    case COLUMN_KIND:
      text = record->kind;
      break;

    case COLUMN_RULES:
      text = owned = au_audit_row_dup_rules (row);
      break;

    case COLUMN_VERDICT:
      text = record->verdict;
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);

  /* A rejection stands out; colour is not the only sign, the word is there. */
  if (column == COLUMN_VERDICT && g_strcmp0 (text, "REJECTED") == 0)
    gtk_widget_add_css_class (inscription, "error");
  else if (column == COLUMN_VERDICT && g_strcmp0 (text, "WARNING") == 0)
    gtk_widget_add_css_class (inscription, "warning");
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *inscription = gtk_list_item_get_child (item);

  gtk_widget_remove_css_class (inscription, "error");
  gtk_widget_remove_css_class (inscription, "warning");
}

static void
add_column (AuAuditPage *self,
            Column       column,
            const char  *title,
            gboolean     expand)
{
  /* Newest first as read; the records are not sorted again. */
  au_columns_append (self->column_view, title,
                     au_columns_factory_new (G_CALLBACK (setup_cell_cb), G_CALLBACK (bind_cell_cb),
                                             G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (column)),
                     NULL, expand);
}

static GtkWidget *
build_records_view (AuAuditPage *self)
{
  self->selection = gtk_single_selection_new (NULL);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (show_details),
                           self, G_CONNECT_SWAPPED);

  self->column_view = au_columns_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                           _("Audit Records"));
  add_column (self, COLUMN_TIME, _("Time"), FALSE);
  add_column (self, COLUMN_ACTOR, _("Actor"), FALSE);
  add_column (self, COLUMN_KIND, _("Kind"), FALSE);
  add_column (self, COLUMN_RULES, _("Rules"), TRUE);
  add_column (self, COLUMN_VERDICT, _("Verdict"), FALSE);

  return au_columns_with_details (self->column_view, _("Record Details"), 320, &self->details);
}

static void
au_audit_page_dispose (GObject *object)
{
  AuAuditPage *self = AU_AUDIT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->verify_button = NULL;
  self->stack = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (au_audit_page_parent_class)->dispose (object);
}

static void
au_audit_page_finalize (GObject *object)
{
  AuAuditPage *self = AU_AUDIT_PAGE (object);

  g_free (self->database_path);
  g_free (self->verify_message);

  G_OBJECT_CLASS (au_audit_page_parent_class)->finalize (object);
}

static void
au_audit_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AuAuditPage *self = AU_AUDIT_PAGE (object);

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
au_audit_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AuAuditPage *self = AU_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      au_audit_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_audit_page_class_init (AuAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_audit_page_dispose;
  object_class->finalize = au_audit_page_finalize;
  object_class->get_property = au_audit_page_get_property;
  object_class->set_property = au_audit_page_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_audit_page_init (AuAuditPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cancellable = g_cancellable_new ();

  self->info_bar = GTK_INFO_BAR (gtk_info_bar_new ());
  self->info_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->info_label, TRUE);
  gtk_label_set_wrap_mode (self->info_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->info_label, 0.0);
  gtk_label_set_selectable (self->info_label, TRUE);
  gtk_info_bar_add_child (self->info_bar, GTK_WIDGET (self->info_label));
  gtk_info_bar_set_show_close_button (self->info_bar, TRUE);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  g_signal_connect_object (self->info_bar, "response", G_CALLBACK (on_info_bar_response_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_add_css_class (toolbar, "toolbar");
  self->verify_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Verify Chain")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->verify_button),
                               _("Check that no audit record was changed or removed"));
  gtk_widget_set_halign (GTK_WIDGET (self->verify_button), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->verify_button), TRUE);
  g_signal_connect_object (self->verify_button, "clicked", G_CALLBACK (au_audit_page_verify), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->verify_button));

  self->stack = au_page_states_new (TRUE, NULL);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_records_view (self), "records");
  gtk_stack_set_visible_child_name (self->stack, "loading");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->info_bar));
  gtk_box_append (GTK_BOX (box), toolbar);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
au_audit_page_new (void)
{
  return g_object_new (AU_TYPE_AUDIT_PAGE, NULL);
}

const char *
au_audit_page_get_database_path (AuAuditPage *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_PAGE (self), NULL);

  return self->database_path;
}

void
au_audit_page_set_database_path (AuAuditPage *self,
                                 const char  *database_path)
{
  g_return_if_fail (AU_IS_AUDIT_PAGE (self));

  if (!au_page_states_replace_path (NULL, &self->database_path, database_path))
    return;

  au_audit_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

gboolean
au_audit_page_get_busy (AuAuditPage *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_PAGE (self), FALSE);

  return self->busy > 0;
}

/**
 * au_audit_page_get_rows:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the records shown, newest first
 */
GListModel *
au_audit_page_get_rows (AuAuditPage *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_PAGE (self), NULL);

  return G_LIST_MODEL (self->rows);
}

void
au_audit_page_select (AuAuditPage *self,
                      guint        position)
{
  g_return_if_fail (AU_IS_AUDIT_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* Returns: (transfer full): the detail pane's text */
char *
au_audit_page_dup_details (AuAuditPage *self)
{
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (AU_IS_AUDIT_PAGE (self), NULL);

  gtk_text_buffer_get_bounds (self->details, &start, &end);
  return gtk_text_buffer_get_text (self->details, &start, &end, FALSE);
}

/* Returns: (nullable): the last verification's verdict, as shown */
const char *
au_audit_page_get_verify_message (AuAuditPage *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_PAGE (self), NULL);

  return self->verify_message;
}

GtkMessageType
au_audit_page_get_verify_type (AuAuditPage *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_PAGE (self), GTK_MESSAGE_OTHER);

  return self->verify_type;
}

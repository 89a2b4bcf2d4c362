/* au-page-states.c: the states a data page shows before its data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-page-states"

#include "config.h"

#include "au-page-states.h"

/**
 * au_page_states_new:
 * @with_loading: whether the page reads in a worker and so shows a
 *   spinner while it waits
 * @loading_label: (nullable): what the spinner says to a screen reader
 *
 * Returns: (transfer floating): a stack with "loading" (when asked for)
 *   and "status" children; the page adds its content after them
 */
GtkStack *
au_page_states_new (gboolean    with_loading,
                    const char *loading_label)
{
  GtkStack *states = GTK_STACK (gtk_stack_new ());

  if (with_loading)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
      gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (spinner, 32, 32);
      if (loading_label != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        loading_label, -1);
      gtk_stack_add_named (states, spinner, "loading");
    }
  gtk_stack_add_named (states, adw_status_page_new (), "status");

  return states;
}

/* Returns: (transfer none): the status page of @states */
AdwStatusPage *
au_page_states_get_status (GtkStack *states)
{
  g_return_val_if_fail (GTK_IS_STACK (states), NULL);

  return ADW_STATUS_PAGE (gtk_stack_get_child_by_name (states, "status"));
}

/**
 * au_page_states_get_state:
 * @states: a stack of au_page_states_new()
 *
 * Returns: the name of the child shown ("loading", or the page's own
 *   content's), or for the status page the name it was shown with
 */
const char *
au_page_states_get_state (GtkStack *states)
{
  const char *shown;

  g_return_val_if_fail (GTK_IS_STACK (states), NULL);

  shown = gtk_stack_get_visible_child_name (states);
  if (g_strcmp0 (shown, "status") != 0)
    return shown;

  return gtk_widget_get_name (GTK_WIDGET (au_page_states_get_status (states)));
}

/**
 * au_page_states_show_status:
 * @states: a stack of au_page_states_new()
 * @name: (nullable): the state's name, read back by pages that report
 *   their state ("no-portfolio", "error"); %NULL leaves it
 * @icon: the icon's name
 * @title: the title
 * @description: (nullable): Pango markup under it
 */
void
au_page_states_show_status (GtkStack   *states,
                            const char *name,
                            const char *icon,
                            const char *title,
                            const char *description)
{
  AdwStatusPage *status;

  g_return_if_fail (GTK_IS_STACK (states));

  status = au_page_states_get_status (states);
  adw_status_page_set_icon_name (status, icon);
  adw_status_page_set_title (status, title);
  adw_status_page_set_description (status, description);
  if (name != NULL)
    gtk_widget_set_name (GTK_WIDGET (status), name);
  gtk_stack_set_visible_child_name (states, "status");
}

/* Shows @error's message, escaped: it is plain text, the description is
 * markup. */
void
au_page_states_show_error (GtkStack     *states,
                           const char   *title,
                           const GError *error)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (GTK_IS_STACK (states));
  g_return_if_fail (error != NULL);

  escaped = g_markup_escape_text (error->message, -1);
  au_page_states_show_status (states, "error", "dialog-error-symbolic", title, escaped);
}

/**
 * au_page_states_check_loaded:
 * @states: (nullable): the page's stack, %NULL once the page is disposed
 * @result: (nullable): what the worker read
 * @error: (nullable): why it read nothing
 * @error_title: the title over a failed read's message
 *
 * The common start of a page's "loaded" callback.
 *
 * Returns: %TRUE when @result is there to show; %FALSE when the read was
 *   cancelled by a newer one or by dispose (the widgets may be gone), or
 *   failed (the error is shown)
 */
gboolean
au_page_states_check_loaded (GtkStack      *states,
                             gconstpointer  result,
                             const GError  *error,
                             const char    *error_title)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || states == NULL)
    return FALSE;

  if (result == NULL)
    {
      au_page_states_show_error (states, error_title, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * au_page_states_replace_path:
 * @states: (nullable): the page's stack, %NULL to leave what it shows
 * @database_path: (inout): the page's database path
 * @new_path: (nullable): the path it is given
 *
 * The common start of a page's set_database_path(): another database
 * shows the spinner until the page's reload brings its data.
 *
 * Returns: %TRUE when the path changed: the page then reloads and
 *   notifies its database-path property
 */
gboolean
au_page_states_replace_path (GtkStack    *states,
                             char       **database_path,
                             const char  *new_path)
{
  g_return_val_if_fail (states == NULL || GTK_IS_STACK (states), FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);

  if (g_strcmp0 (*database_path, new_path) == 0)
    return FALSE;

  g_free (*database_path);
  *database_path = g_strdup (new_path);
  if (states != NULL && new_path != NULL)
    gtk_stack_set_visible_child_name (states, "loading");

  return TRUE;
}

/**
 * au_page_busy_change:
 * @busy: a page's count of reads under way
 * @now_busy: %TRUE when a read starts, %FALSE when one ends
 *
 * Returns: %TRUE when the page's busy property changed and is to be
 *   notified: the first read started or the last one ended
 */
gboolean
au_page_busy_change (guint    *busy,
                     gboolean  now_busy)
{
  g_return_val_if_fail (busy != NULL, FALSE);
  g_return_val_if_fail (now_busy || *busy > 0, FALSE);

  if (now_busy)
    (*busy)++;
  else
    (*busy)--;

  return *busy == (now_busy ? 1 : 0);
}

/**
 * au_page_renew_cancellable:
 * @cancellable: (inout) (transfer full): the page's cancellable
 *
 * Only the newest read counts: cancels the one under way and starts
 * afresh.
 *
 * Returns: (transfer none): the new cancellable
 */
GCancellable *
au_page_renew_cancellable (GCancellable **cancellable)
{
  g_return_val_if_fail (cancellable != NULL, NULL);

  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
  return *cancellable;
}

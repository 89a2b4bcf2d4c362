/* au-accessible.c: accessible names the widgets do not give themselves
 *
 * An AdwPreferencesGroup shows its title above a GtkListBox of its own
 * making, and libadwaita 1.2 leaves that list without a name: a screen
 * reader announces "list" and nothing more. The group's title is what a
 * sighted person reads as the list's name, so it becomes the list's
 * accessible label too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accessible"

#include "config.h"

#include "au-accessible.h"

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * au_accessible_label_group_lists:
 * @root: a widget
 *
 * Gives the list of every #AdwPreferencesGroup at or under @root its
 * group's title as accessible label. Call it after the template is
 * built and again when a group's title changes.
 */
void
au_accessible_label_group_lists (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root));
      GtkWidget *list = find_list_box (root);

      if (list != NULL && title != NULL && title[0] != '\0')
        gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        title, -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    au_accessible_label_group_lists (child);
}

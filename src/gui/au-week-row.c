/* au-week-row.c: one labelled week of the Week Types page (D2.5)
 *
 * The system's roll-up and each sleeve's label for one ISO week, with
 * the events that decided them, as autopilot_week_types stores them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-week-row"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "au-week-row.h"

typedef struct
{
  char       *account;
  AuWeekType  type;
  char       *events;
} Entry;

struct _AuWeekRow
{
  GObject  parent_instance;

  char    *week;
  GArray  *entries;  /* Entry */
};

G_DEFINE_FINAL_TYPE (AuWeekRow, au_week_row, G_TYPE_OBJECT)

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->account);
  g_free (entry->events);
}

static void
au_week_row_finalize (GObject *object)
{
  AuWeekRow *self = AU_WEEK_ROW (object);

  g_free (self->week);
  g_array_unref (self->entries);

  G_OBJECT_CLASS (au_week_row_parent_class)->finalize (object);
}

static void
au_week_row_class_init (AuWeekRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_week_row_finalize;
}

static void
au_week_row_init (AuWeekRow *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

/* @week: the ISO week, e.g. "2026-W47" */
AuWeekRow *
au_week_row_new (const char *week)
{
  AuWeekRow *self;

  g_return_val_if_fail (week != NULL, NULL);

  self = g_object_new (AU_TYPE_WEEK_ROW, NULL);
  self->week = g_strdup (week);
  return self;
}

void
au_week_row_add (AuWeekRow  *self,
                 const char *account,
                 AuWeekType  type,
                 const char *events_json)
{
  Entry entry = { 0 };

  g_return_if_fail (AU_IS_WEEK_ROW (self));
  g_return_if_fail (type < AU_N_WEEK_TYPES);

  entry.account = g_strdup (account != NULL ? account : "");
  entry.type = type;
  entry.events = g_strdup (events_json != NULL ? events_json : "[]");
  g_array_append_val (self->entries, entry);
}

const char *
au_week_row_get_week (AuWeekRow *self)
{
  g_return_val_if_fail (AU_IS_WEEK_ROW (self), NULL);
  return self->week;
}

guint
au_week_row_get_n_labels (AuWeekRow *self)
{
  g_return_val_if_fail (AU_IS_WEEK_ROW (self), 0);
  return self->entries->len;
}

/* Returns: the account of the @index-th label, "" for the system */
const char *
au_week_row_get_account (AuWeekRow *self,
                         guint      index)
{
  g_return_val_if_fail (AU_IS_WEEK_ROW (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_array_index (self->entries, Entry, index).account;
}

/* Returns: whether @account ("" for the system) has a label this week */
gboolean
au_week_row_lookup (AuWeekRow  *self,
                    const char *account,
                    AuWeekType *type)
{
  g_return_val_if_fail (AU_IS_WEEK_ROW (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (g_str_equal (entry->account, account))
        {
          if (type != NULL)
            *type = entry->type;
          return TRUE;
        }
    }

  return FALSE;
}

/* One line per deciding event of the system roll-up, which holds every
 * sleeve's events (D2.5); "" entries are the system's. */
static void
append_events (GString     *text,
               const Entry *entry)
{
  g_autoptr(JsonNode) node = json_from_string (entry->events, NULL);
  JsonArray *events;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      /* Translators: the stored events could not be read; shown as stored. */
      g_string_append_printf (text, _("  events as stored: %s\n"), entry->events);
      return;
    }

  events = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *element = json_array_get_element (events, i);
      JsonObject *event = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *key = event != NULL ? json_object_get_string_member_with_default (event, "type", "")
                                      : "";
      AuWeekType type;

      if (event == NULL)
        continue;
      /* e.g. "  Assignment: ALL-USE-1/Gen IWM (R7.2)" */
      g_string_append_printf (text, "  %s: %s %s (%s)\n",
                              au_week_type_from_key (key, &type) ? au_week_type_to_label (type) : key,
                              json_object_get_string_member_with_default (event, "account", ""),
                              json_object_get_string_member_with_default (event, "symbol", ""),
                              json_object_get_string_member_with_default (event, "rule", ""));
    }
}

/**
 * au_week_row_dup_events_text:
 * @self: the row
 *
 * Returns: (transfer full): each label of the week and the events that
 *   decided it, for people
 */
char *
au_week_row_dup_events_text (AuWeekRow *self)
{
  GString *text;

  g_return_val_if_fail (AU_IS_WEEK_ROW (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      g_string_append_printf (text, "%s: %s\n",
                              entry->account[0] != '\0' ? entry->account : _("System"),
                              au_week_type_to_label (entry->type));
      append_events (text, entry);
    }

  return g_string_free (text, FALSE);
}

const char *
au_week_type_to_label (AuWeekType type)
{
  switch (type)
    {
    case AU_WEEK_CALM_INCOME:
      return _("Calm-Income");
    case AU_WEEK_EARNINGS_FILTER:
      return _("Earnings-Filter");
    case AU_WEEK_ASSIGNMENT:
      return _("Assignment");
    case AU_WEEK_HEDGED:
      return _("Hedged");
    case AU_WEEK_ROLL:
      return _("Roll");
    case AU_WEEK_PRESERVATION:
      return _("Preservation");
    default:
      g_return_val_if_reached ("?");
    }
}

/* Two letters, so a cell says its type without its colour. */
const char *
au_week_type_to_abbreviation (AuWeekType type)
{
  switch (type)
    {
    case AU_WEEK_CALM_INCOME:
      /* Translators: the abbreviation of Calm-Income in the week grid. */
      return C_("week type", "CI");
    case AU_WEEK_EARNINGS_FILTER:
      return C_("week type", "EF");
    case AU_WEEK_ASSIGNMENT:
      return C_("week type", "AS");
    case AU_WEEK_HEDGED:
      return C_("week type", "HG");
    case AU_WEEK_ROLL:
      return C_("week type", "RO");
    case AU_WEEK_PRESERVATION:
      return C_("week type", "PR");
    default:
      g_return_val_if_reached ("?");
    }
}

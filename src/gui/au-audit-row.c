/* au-audit-row.c: one audit record, as the Audit Trail page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-audit-row"

#include "config.h"

#include <glib/gi18n.h>

#include "au-audit-row.h"

struct _AuAuditRow
{
  GObject        parent_instance;

  AuAuditRecord *record;
  char          *rules;
};

G_DEFINE_FINAL_TYPE (AuAuditRow, au_audit_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_TIME,
  PROP_ACTOR,
  PROP_KIND,
  PROP_RULES,
  PROP_VERDICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
au_audit_row_finalize (GObject *object)
{
  AuAuditRow *self = AU_AUDIT_ROW (object);

  g_clear_pointer (&self->record, au_audit_record_free);
  g_clear_pointer (&self->rules, g_free);

  G_OBJECT_CLASS (au_audit_row_parent_class)->finalize (object);
}

static void
au_audit_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AuAuditRow *self = AU_AUDIT_ROW (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->record->seq);
      break;

    case PROP_TIME:
      g_value_set_string (value, self->record->time);
      break;

    case PROP_ACTOR:
      g_value_set_string (value, self->record->actor);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->record->kind);
      break;

    case PROP_RULES:
      g_value_set_string (value, self->rules);
      break;

    case PROP_VERDICT:
      g_value_set_string (value, self->record->verdict);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_audit_row_class_init (AuAuditRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = au_audit_row_finalize;
  object_class->get_property = au_audit_row_get_property;

  properties[PROP_SEQ] = g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL, flags);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_RULES] = g_param_spec_string ("rules", NULL, NULL, NULL, flags);
  properties[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_audit_row_init (AuAuditRow *self)
{
}

/**
 * au_audit_row_new:
 * @record: (transfer full): a record read by au_audit_log_list()
 *
 * Returns: (transfer full): an immutable row that owns @record
 */
AuAuditRow *
au_audit_row_new (AuAuditRecord *record)
{
  AuAuditRow *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (AU_TYPE_AUDIT_ROW, NULL);
  self->record = record;
  self->rules = g_strjoinv (", ", record->rules);

  return self;
}

/**
 * au_audit_row_get_record:
 * @self: a row
 *
 * Returns: (transfer none): the record, as stored (already redacted)
 */
const AuAuditRecord *
au_audit_row_get_record (AuAuditRow *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_ROW (self), NULL);

  return self->record;
}

/* Returns: (transfer full): the rule numbers, e.g. "R1.1, R2.2" */
char *
au_audit_row_dup_rules (AuAuditRow *self)
{
  g_return_val_if_fail (AU_IS_AUDIT_ROW (self), NULL);

  return g_strdup (self->rules);
}

static void
append_json (GString    *text,
             const char *heading,
             JsonNode   *node)
{
  g_autofree char *json = NULL;

  if (node == NULL || (JSON_NODE_HOLDS_ARRAY (node) &&
                       json_array_get_length (json_node_get_array (node)) == 0))
    return;

  json = json_to_string (node, TRUE);
  g_string_append_printf (text, "%s\n%s\n\n", heading, json);
}

/**
 * au_audit_row_dup_details:
 * @self: a row
 *
 * Writes what a person asks "why did it do that" for: the violations and
 * warnings first, then the context the decision saw, then the record's
 * place in the chain.
 *
 * Returns: (transfer full): the details as plain text
 */
char *
au_audit_row_dup_details (AuAuditRow *self)
{
  GString *text;

  g_return_val_if_fail (AU_IS_AUDIT_ROW (self), NULL);

  text = g_string_new (NULL);
  append_json (text, _("Violations"), self->record->violations);
  append_json (text, _("Warnings"), self->record->warnings);
  append_json (text, _("Context"), self->record->context);
  g_string_append_printf (text,
                          _("Record %" G_GINT64_FORMAT "\nConstitution %s\nHash %s\nPrevious %s"),
                          self->record->seq, self->record->constitution,
                          self->record->hash, self->record->prev_hash);

  return g_string_free (text, FALSE);
}

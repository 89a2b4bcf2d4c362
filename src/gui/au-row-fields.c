/* au-row-fields.c: the read-only properties of the pages' row objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-row-fields"

#include "config.h"

#include "au-row-fields.h"

#define FIELD(row, field, type) ((type *) (gpointer) ((guint8 *) (row) + (field)->offset))

static GParamSpec *
field_spec (const AuRowField *field)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | field->extra_flags;

  switch (field->type)
    {
    case AU_ROW_STRING:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);

    case AU_ROW_INT64:
      return g_param_spec_int64 (field->name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

    case AU_ROW_INT:
      return g_param_spec_int (field->name, NULL, NULL, G_MININT, G_MAXINT, 0, flags);

    case AU_ROW_DOUBLE:
      return g_param_spec_double (field->name, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);

    default:
      g_assert_not_reached ();
    }
}

/**
 * au_row_fields_install:
 * @klass: the row's class
 * @fields: (array length=n_props): the properties, indexed by property
 *   id; entry 0 is unused, as GObject's property ids start at 1
 * @n_props: the row's N_PROPS
 * @properties: (array length=n_props) (out caller-allocates): the
 *   installed specs, for g_object_notify_by_pspec()
 */
void
au_row_fields_install (GObjectClass      *klass,
                       const AuRowField  *fields,
                       guint              n_props,
                       GParamSpec       **properties)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));
  g_return_if_fail (fields != NULL && properties != NULL);

  properties[0] = NULL;
  for (guint id = 1; id < n_props; id++)
    properties[id] = field_spec (&fields[id]);

  g_object_class_install_properties (klass, n_props, properties);
}

/**
 * au_row_fields_get:
 * @row: the row
 * @fields: (array length=n_props): its property table
 * @n_props: the row's N_PROPS
 * @prop_id: the property asked for
 * @value: where to put it
 *
 * Returns: %FALSE when @prop_id is not a stored field (a computed one,
 *   or none): the row's get_property() answers it
 */
gboolean
au_row_fields_get (GObject          *row,
                   const AuRowField *fields,
                   guint             n_props,
                   guint             prop_id,
                   GValue           *value)
{
  const AuRowField *field;

  if (prop_id == 0 || prop_id >= n_props || fields[prop_id].offset == AU_ROW_COMPUTED)
    return FALSE;

  field = &fields[prop_id];
  switch (field->type)
    {
    case AU_ROW_STRING:
      g_value_set_string (value, *FIELD (row, field, char *));
      break;

    case AU_ROW_INT64:
      g_value_set_int64 (value, *FIELD (row, field, gint64));
      break;

    case AU_ROW_INT:
      g_value_set_int (value, *FIELD (row, field, int));
      break;

    case AU_ROW_DOUBLE:
      g_value_set_double (value, *FIELD (row, field, double));
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* Frees the row's stored string fields; for its finalize(). */
void
au_row_fields_free (GObject          *row,
                    const AuRowField *fields,
                    guint             n_props)
{
  for (guint id = 1; id < n_props; id++)
    if (fields[id].type == AU_ROW_STRING && fields[id].offset != AU_ROW_COMPUTED)
      g_clear_pointer (FIELD (row, &fields[id], char *), g_free);
}

/* au-row-fields.h: the read-only properties of the pages' row objects
 *
 * A row (AuLedgerRow, AuOrderRow, AuPositionRow) is a plain struct that
 * the column view reads through GtkPropertyExpression. Each row class
 * describes its properties once, in a table indexed by property id, and
 * these functions install, read and free them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AU_ROW_STRING,   /* char *, owned by the row */
  AU_ROW_INT64,    /* gint64, AuMoney (cents), AuPrice (1/10,000 dollars) */
  AU_ROW_INT,      /* int */
  AU_ROW_DOUBLE,   /* double: Greeks and distances, never money */
} AuRowFieldType;

/* The offset of a property that the row's get_property() computes. */
#define AU_ROW_COMPUTED G_MAXSIZE

typedef struct
{
  const char      *name;
  AuRowFieldType   type;
  gsize            offset;      /* G_STRUCT_OFFSET() in the row, or AU_ROW_COMPUTED */
  GParamFlags      extra_flags; /* G_PARAM_EXPLICIT_NOTIFY for a field that changes */
} AuRowField;

void     au_row_fields_install (GObjectClass      *klass,
                                const AuRowField  *fields,
                                guint              n_props,
                                GParamSpec       **properties);
gboolean au_row_fields_get     (GObject           *row,
                                const AuRowField  *fields,
                                guint              n_props,
                                guint              prop_id,
                                GValue            *value);
void     au_row_fields_free    (GObject           *row,
                                const AuRowField  *fields,
                                guint              n_props);

G_END_DECLS

/* au-row-list.c: an immutable GListModel over rows loaded in a worker
 *
 * A worker builds the whole GPtrArray of immutable row objects; the list
 * takes it over in one step, so a view of 100,000 rows receives a single
 * items-changed and never copies the rows into a GListStore one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-row-list"

#include "config.h"

#include "au-row-list.h"

struct _AuRowList
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *rows;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AuRowList, au_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
au_row_list_get_item_type (GListModel *model)
{
  return AU_ROW_LIST (model)->item_type;
}

static guint
au_row_list_get_n_items (GListModel *model)
{
  return AU_ROW_LIST (model)->rows->len;
}

static gpointer
au_row_list_get_item (GListModel *model,
                      guint       position)
{
  AuRowList *self = AU_ROW_LIST (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = au_row_list_get_item_type;
  iface->get_n_items = au_row_list_get_n_items;
  iface->get_item = au_row_list_get_item;
}

static void
au_row_list_finalize (GObject *object)
{
  AuRowList *self = AU_ROW_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (au_row_list_parent_class)->finalize (object);
}

static void
au_row_list_class_init (AuRowListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_row_list_finalize;
}

static void
au_row_list_init (AuRowList *self)
{
  self->item_type = G_TYPE_OBJECT;
}

/**
 * au_row_list_new:
 * @item_type: the type of every row, a #GObject type
 * @rows: (transfer none): the rows, each of @item_type; the list keeps a
 *   reference to the array, which nobody may change afterwards
 *
 * Returns: (transfer full): a list model of @rows
 */
AuRowList *
au_row_list_new (GType      item_type,
                 GPtrArray *rows)
{
  AuRowList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  self = g_object_new (AU_TYPE_ROW_LIST, NULL);
  self->item_type = item_type;
  self->rows = g_ptr_array_ref (rows);

  return self;
}

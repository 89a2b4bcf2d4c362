/* au-order-row.c: one order, as the Orders & Fills page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-order-row"

#include "config.h"

#include <glib/gi18n.h>

#include "au-order-row.h"
#include "au-row-fields.h"

struct _AuOrderRow
{
  GObject          parent_instance;

  gint64           order_id;
  char            *client_order_id;
  char            *account;
  char            *instrument;
  gboolean         buy;
  gint64           quantity;
  AuPrice          limit;
  char            *rule;
  char            *intent;
  char            *created;
  AuOrderRowState  state;
  gint64           filled;
  AuPrice          average_price;
  AuMoney          commission;
};

G_DEFINE_FINAL_TYPE (AuOrderRow, au_order_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ORDER_ID,
  PROP_CLIENT_ORDER_ID,
  PROP_ACCOUNT,
  PROP_INSTRUMENT,
  PROP_SIDE,
  PROP_QUANTITY,
  PROP_LIMIT,
  PROP_RULE,
  PROP_INTENT,
  PROP_CREATED,
  PROP_STATE,
  PROP_FILLED,
  PROP_AVERAGE_PRICE,
  PROP_COMMISSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For the column view's sorters (GtkPropertyExpression). Prices are in
 * 1/10,000 dollars, money in cents; "side" is "buy" or "sell"; "state"
 * is an AuOrderRowState and, with "filled", notifies when a snapshot
 * changes it. */
#define ORDER_FIELD(name, type, field) \
  { name, type, G_STRUCT_OFFSET (AuOrderRow, field), G_PARAM_EXPLICIT_NOTIFY }
#define ORDER_COMPUTED(name, type) { name, type, AU_ROW_COMPUTED, G_PARAM_EXPLICIT_NOTIFY }

static const AuRowField row_fields[N_PROPS] = {
  [PROP_ORDER_ID] = ORDER_FIELD ("order-id", AU_ROW_INT64, order_id),
  [PROP_CLIENT_ORDER_ID] = ORDER_FIELD ("client-order-id", AU_ROW_STRING, client_order_id),
  [PROP_ACCOUNT] = ORDER_FIELD ("account", AU_ROW_STRING, account),
  [PROP_INSTRUMENT] = ORDER_FIELD ("instrument", AU_ROW_STRING, instrument),
  [PROP_SIDE] = ORDER_COMPUTED ("side", AU_ROW_STRING),
  [PROP_QUANTITY] = ORDER_FIELD ("quantity", AU_ROW_INT64, quantity),
  [PROP_LIMIT] = ORDER_FIELD ("limit", AU_ROW_INT64, limit),
  [PROP_RULE] = ORDER_FIELD ("rule", AU_ROW_STRING, rule),
  [PROP_INTENT] = ORDER_FIELD ("intent", AU_ROW_STRING, intent),
  [PROP_CREATED] = ORDER_FIELD ("created", AU_ROW_STRING, created),
  [PROP_STATE] = ORDER_COMPUTED ("state", AU_ROW_INT64),
  [PROP_FILLED] = ORDER_FIELD ("filled", AU_ROW_INT64, filled),
  [PROP_AVERAGE_PRICE] = ORDER_FIELD ("average-price", AU_ROW_INT64, average_price),
  [PROP_COMMISSION] = ORDER_FIELD ("commission", AU_ROW_INT64, commission),
};

static void
au_order_row_finalize (GObject *object)
{
  au_row_fields_free (object, row_fields, N_PROPS);

  G_OBJECT_CLASS (au_order_row_parent_class)->finalize (object);
}

static void
au_order_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AuOrderRow *self = AU_ORDER_ROW (object);

  if (prop_id == PROP_SIDE)
    g_value_set_string (value, self->buy ? "buy" : "sell");
  else if (prop_id == PROP_STATE)
    g_value_set_int64 (value, self->state);
  else if (!au_row_fields_get (object, row_fields, N_PROPS, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
au_order_row_class_init (AuOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_order_row_finalize;
  object_class->get_property = au_order_row_get_property;
  au_row_fields_install (object_class, row_fields, N_PROPS, properties);
}

static void
au_order_row_init (AuOrderRow *self)
{
}

/**
 * au_order_row_new:
 * @fields: the order as read from the ledger
 *
 * Returns: (transfer full): a new row
 */
AuOrderRow *
au_order_row_new (const AuOrderRowFields *fields)
{
  AuOrderRow *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->client_order_id != NULL, NULL);

  self = g_object_new (AU_TYPE_ORDER_ROW, NULL);
  self->order_id = fields->order_id;
  self->client_order_id = g_strdup (fields->client_order_id);
  self->account = g_strdup (fields->account != NULL ? fields->account : "");
  self->instrument = g_strdup (fields->instrument != NULL ? fields->instrument : "");
  self->buy = fields->buy;
  self->quantity = fields->quantity;
  self->limit = fields->limit;
  self->rule = g_strdup (fields->rule != NULL ? fields->rule : "");
  self->intent = g_strdup (fields->intent != NULL ? fields->intent : "");
  self->created = g_strdup (fields->created != NULL ? fields->created : "");
  self->state = fields->state;
  self->filled = fields->filled;
  self->average_price = fields->average_price;
  self->commission = fields->commission;

  return self;
}

gint64
au_order_row_get_order_id (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), 0);
  return self->order_id;
}

const char *
au_order_row_get_client_order_id (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), NULL);
  return self->client_order_id;
}

const char *
au_order_row_get_account (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), NULL);
  return self->account;
}

const char *
au_order_row_get_instrument (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), NULL);
  return self->instrument;
}

gboolean
au_order_row_get_buy (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), FALSE);
  return self->buy;
}

gint64
au_order_row_get_quantity (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), 0);
  return self->quantity;
}

AuPrice
au_order_row_get_limit (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), 0);
  return self->limit;
}

const char *
au_order_row_get_rule (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), NULL);
  return self->rule;
}

const char *
au_order_row_get_intent (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), NULL);
  return self->intent;
}

const char *
au_order_row_get_created (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), NULL);
  return self->created;
}

AuOrderRowState
au_order_row_get_state (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), AU_ORDER_ROW_PENDING);
  return self->state;
}

gint64
au_order_row_get_filled (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), 0);
  return self->filled;
}

AuPrice
au_order_row_get_average_price (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), 0);
  return self->average_price;
}

AuMoney
au_order_row_get_commission (AuOrderRow *self)
{
  g_return_val_if_fail (AU_IS_ORDER_ROW (self), 0);
  return self->commission;
}

/**
 * au_order_row_update:
 * @self: the row
 * @state: the live state the snapshot reports
 * @filled: the live filled quantity
 *
 * Takes the broker's live view of the order; UI thread only.
 *
 * Returns: whether anything changed
 */
gboolean
au_order_row_update (AuOrderRow      *self,
                     AuOrderRowState  state,
                     gint64           filled)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (AU_IS_ORDER_ROW (self), FALSE);
  g_return_val_if_fail (state <= AU_ORDER_ROW_REJECTED, FALSE);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      changed = TRUE;
    }
  if (self->filled != filled)
    {
      self->filled = filled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILLED]);
      changed = TRUE;
    }

  return changed;
}

const char *
au_order_row_state_to_label (AuOrderRowState state)
{
  switch (state)
    {
    case AU_ORDER_ROW_PENDING:
      return _("Pending");
    case AU_ORDER_ROW_WORKING:
      return _("Working");
    case AU_ORDER_ROW_PARTIALLY_FILLED:
      return _("Partially Filled");
    case AU_ORDER_ROW_FILLED:
      return _("Filled");
    case AU_ORDER_ROW_CANCELLED:
      return _("Cancelled");
    case AU_ORDER_ROW_REJECTED:
      return _("Rejected");
    default:
      g_return_val_if_reached ("?");
    }
}

/* @event: the latest ledger_order_events.event, or "created" when the
 * intent was persisted but nothing was sent yet (D4). */
gboolean
au_order_row_state_from_ledger (const char      *event,
                                AuOrderRowState *state)
{
  static const struct { const char *name; AuOrderRowState state; } map[] = {
    { "created", AU_ORDER_ROW_PENDING },
    { "submitted", AU_ORDER_ROW_PENDING },
    { "acknowledged", AU_ORDER_ROW_WORKING },
    { "partially_filled", AU_ORDER_ROW_PARTIALLY_FILLED },
    { "filled", AU_ORDER_ROW_FILLED },
    { "cancelled", AU_ORDER_ROW_CANCELLED },
    { "rejected", AU_ORDER_ROW_REJECTED },
  };

  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; event != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (event, map[i].name))
      {
        *state = map[i].state;
        return TRUE;
      }

  return FALSE;
}

/* @state_name: au_order_state_to_string() of the snapshot's order. */
gboolean
au_order_row_state_from_broker (const char      *state_name,
                                AuOrderRowState *state)
{
  static const struct { const char *name; AuOrderRowState state; } map[] = {
    { "pending", AU_ORDER_ROW_PENDING },
    { "working", AU_ORDER_ROW_WORKING },
    { "partially_filled", AU_ORDER_ROW_PARTIALLY_FILLED },
    { "filled", AU_ORDER_ROW_FILLED },
    { "cancelled", AU_ORDER_ROW_CANCELLED },
    { "rejected", AU_ORDER_ROW_REJECTED },
  };

  g_return_val_if_fail (state != NULL, FALSE);

  for (guint i = 0; state_name != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (state_name, map[i].name))
      {
        *state = map[i].state;
        return TRUE;
      }

  return FALSE;
}

gboolean
au_order_row_state_is_open (AuOrderRowState state)
{
  return state == AU_ORDER_ROW_PENDING || state == AU_ORDER_ROW_WORKING ||
         state == AU_ORDER_ROW_PARTIALLY_FILLED;
}

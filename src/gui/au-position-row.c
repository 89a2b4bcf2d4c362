/* au-position-row.c: one open position, as the Positions page shows it
 *
 * Immutable, so the sort model can compare rows at any time. Properties
 * exist for the column view's sorters (GtkPropertyExpression); the level
 * sorts by its rank, L0 < L1 < L2 < L3 (R6.x).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-position-row"

#include "config.h"

#include "au-position-row.h"
#include "au-row-fields.h"

struct _AuPositionRow
{
  GObject  parent_instance;

  char    *key;
  gint64   account_id;
  char    *account;
  char    *symbol;
  char    *right;
  AuPrice  strike;
  char    *expiry;
  int      dte;
  gint64   quantity;
  double   delta;
  AuMoney  premium;
  AuMoney  pnl;
  double   atr_distance;
  char    *level;
};

G_DEFINE_FINAL_TYPE (AuPositionRow, au_position_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_SYMBOL,
  PROP_RIGHT,
  PROP_STRIKE,
  PROP_EXPIRY,
  PROP_DTE,
  PROP_QUANTITY,
  PROP_DELTA,
  PROP_PREMIUM,
  PROP_PNL,
  PROP_ATR_DISTANCE,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * au_protocol_level_rank:
 * @level: (nullable): "L0" … "L3"
 *
 * Returns: 0 to 3 for the protocol levels (R6.x), -1 for anything else
 */
int
au_protocol_level_rank (const char *level)
{
  if (level == NULL || level[0] != 'L' || level[1] < '0' || level[1] > '3' || level[2] != '\0')
    return -1;

  return level[1] - '0';
}

/**
 * au_format_strike:
 * @strike: a price in 1/10,000 dollars
 *
 * Writes "$200.00", or all four decimals when the strike needs them
 * ("$182.5625" never rounds to "$182.56": the exact strike is the
 * contract's identity).
 *
 * Returns: (transfer full): the strike
 */
char *
au_format_strike (AuPrice strike)
{
  AuPrice size = ABS (strike);
  gint64 dollars = size / AU_PRICE_SCALE;
  gint64 fraction = size % AU_PRICE_SCALE;
  const char *sign = strike < 0 ? "−" : "";

  if (fraction % 100 == 0)
    return g_strdup_printf ("%s$%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, sign, dollars,
                            fraction / 100);

  return g_strdup_printf ("%s$%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT, sign, dollars, fraction);
}

#define POSITION_FIELD(name, type, field) { name, type, G_STRUCT_OFFSET (AuPositionRow, field), 0 }

static const AuRowField row_fields[N_PROPS] = {
  [PROP_ACCOUNT] = POSITION_FIELD ("account", AU_ROW_STRING, account),
  [PROP_SYMBOL] = POSITION_FIELD ("symbol", AU_ROW_STRING, symbol),
  [PROP_RIGHT] = POSITION_FIELD ("right", AU_ROW_STRING, right),
  [PROP_STRIKE] = POSITION_FIELD ("strike", AU_ROW_INT64, strike),
  [PROP_EXPIRY] = POSITION_FIELD ("expiry", AU_ROW_STRING, expiry),
  [PROP_DTE] = POSITION_FIELD ("dte", AU_ROW_INT, dte),
  [PROP_QUANTITY] = POSITION_FIELD ("quantity", AU_ROW_INT64, quantity),
  [PROP_DELTA] = POSITION_FIELD ("delta", AU_ROW_DOUBLE, delta),
  [PROP_PREMIUM] = POSITION_FIELD ("premium", AU_ROW_INT64, premium),
  [PROP_PNL] = POSITION_FIELD ("pnl", AU_ROW_INT64, pnl),
  [PROP_ATR_DISTANCE] = POSITION_FIELD ("atr-distance", AU_ROW_DOUBLE, atr_distance),
  /* The rank, so that sorting puts L3 after L2, never by text. */
  [PROP_LEVEL] = { "level", AU_ROW_INT, AU_ROW_COMPUTED, 0 },
};

static void
au_position_row_finalize (GObject *object)
{
  AuPositionRow *self = AU_POSITION_ROW (object);

  g_free (self->key);
  g_free (self->level);
  au_row_fields_free (object, row_fields, N_PROPS);

  G_OBJECT_CLASS (au_position_row_parent_class)->finalize (object);
}

static void
au_position_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AuPositionRow *self = AU_POSITION_ROW (object);

  if (prop_id == PROP_LEVEL)
    g_value_set_int (value, au_position_row_get_level_rank (self));
  else if (!au_row_fields_get (object, row_fields, N_PROPS, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
au_position_row_class_init (AuPositionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_position_row_finalize;
  object_class->get_property = au_position_row_get_property;
  au_row_fields_install (object_class, row_fields, N_PROPS, properties);
}

static void
au_position_row_init (AuPositionRow *self)
{
}

/**
 * au_position_row_new:
 * @view: a position of an #AuAutopilotSnapshot
 * @account: (nullable): the name of its account, when the snapshot has it
 *
 * Returns: (transfer full): the row
 */
AuPositionRow *
au_position_row_new (const AuAutopilotPositionView *view,
                     const char                    *account)
{
  AuPositionRow *self;

  g_return_val_if_fail (view != NULL, NULL);

  self = g_object_new (AU_TYPE_POSITION_ROW, NULL);
  self->account_id = view->account_id;
  self->account = g_strdup (account != NULL ? account : "");
  self->symbol = g_strdup (view->symbol != NULL ? view->symbol : "");
  self->right = g_strdup (view->right != NULL ? view->right : "");
  self->strike = view->strike;
  self->expiry = g_strdup (view->expiry != NULL ? view->expiry : "");
  self->dte = view->dte;
  self->quantity = view->quantity;
  self->delta = view->delta;
  self->premium = view->premium;
  self->pnl = view->pnl;
  self->atr_distance = view->atr_distance;
  self->level = g_strdup (view->level != NULL ? view->level : "L0");
  /* One contract of one account: the same position in the next snapshot
   * has the same key, whatever its marks. */
  self->key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT "|%s",
                               self->account_id, self->symbol, self->right, self->strike,
                               self->expiry);

  return self;
}

const char *
au_position_row_get_key (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), NULL);
  return self->key;
}

/**
 * au_position_row_equal:
 *
 * Returns: whether @a and @b show exactly the same thing
 */
gboolean
au_position_row_equal (AuPositionRow *a,
                       AuPositionRow *b)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (a), FALSE);
  g_return_val_if_fail (AU_IS_POSITION_ROW (b), FALSE);

  /* Greeks are compared exactly: any change is news to the reader. */
  return g_str_equal (a->key, b->key) &&
         g_str_equal (a->account, b->account) &&
         a->dte == b->dte &&
         a->quantity == b->quantity &&
         a->delta == b->delta &&
         a->premium == b->premium &&
         a->pnl == b->pnl &&
         a->atr_distance == b->atr_distance &&
         g_str_equal (a->level, b->level);
}

const char *
au_position_row_get_account (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), NULL);
  return self->account;
}

const char *
au_position_row_get_symbol (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), NULL);
  return self->symbol;
}

const char *
au_position_row_get_right (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), NULL);
  return self->right;
}

AuPrice
au_position_row_get_strike (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0);
  return self->strike;
}

const char *
au_position_row_get_expiry (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), NULL);
  return self->expiry;
}

int
au_position_row_get_dte (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0);
  return self->dte;
}

gint64
au_position_row_get_quantity (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0);
  return self->quantity;
}

double
au_position_row_get_delta (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0.0);
  return self->delta;
}

AuMoney
au_position_row_get_premium (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0);
  return self->premium;
}

AuMoney
au_position_row_get_pnl (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0);
  return self->pnl;
}

double
au_position_row_get_atr_distance (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), 0.0);
  return self->atr_distance;
}

const char *
au_position_row_get_level (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), NULL);
  return self->level;
}

int
au_position_row_get_level_rank (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), -1);
  return au_protocol_level_rank (self->level);
}

/* Stock has neither strike nor expiry (the snapshot's right is "stock"). */
gboolean
au_position_row_is_option (AuPositionRow *self)
{
  g_return_val_if_fail (AU_IS_POSITION_ROW (self), FALSE);
  return g_str_equal (self->right, "P") || g_str_equal (self->right, "C");
}

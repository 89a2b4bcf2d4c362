/* au-account-row.c: one ALL-USE account in the Accounts page's tree
 *
 * The ledger's facts (kind, parent, status, balances at cost) are fixed
 * when the worker reads them; the running autopilot's figures (equity,
 * cash, deployment, drawdown, week type) and the attribution change with
 * every snapshot, and "changed" tells the row's widget to show them. The
 * children are the accounts whose parent this one is: a root's sleeves,
 * a Gen sleeve's MINIs (D2.2), a Rev sleeve's forked trees (R3.6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-account-row"

#include "config.h"

#include "au-account-row.h"

struct _AuAccountRow
{
  GObject          parent_instance;

  AuAccountRecord *record;
  GListStore      *children;

  gboolean         live;
  AuMoney          equity;
  AuMoney          cash;
  AuMoney          deployed;
  double           drawdown;
  char            *week_type;

  gboolean         attributed;
  gboolean         has_tree_equity;
  AuMoney          tree_equity;
  AuMoney          gain;
  double           contribution;
};

G_DEFINE_FINAL_TYPE (AuAccountRow, au_account_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
au_account_row_finalize (GObject *object)
{
  AuAccountRow *self = AU_ACCOUNT_ROW (object);

  g_clear_pointer (&self->record, au_account_record_free);
  g_clear_object (&self->children);
  g_free (self->week_type);

  G_OBJECT_CLASS (au_account_row_parent_class)->finalize (object);
}

static void
au_account_row_class_init (AuAccountRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_account_row_finalize;

  /**
   * AuAccountRow::changed:
   *
   * The live figures or the attribution changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
au_account_row_init (AuAccountRow *self)
{
  self->children = g_list_store_new (AU_TYPE_ACCOUNT_ROW);
}

/**
 * au_account_row_new:
 * @record: the account as the ledger holds it (copied)
 *
 * Returns: (transfer full): the row, with no children yet
 */
AuAccountRow *
au_account_row_new (const AuAccountRecord *record)
{
  AuAccountRow *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (AU_TYPE_ACCOUNT_ROW, NULL);
  self->record = au_account_record_copy (record);
  return self;
}

const AuAccountRecord *
au_account_row_get_record (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), NULL);
  return self->record;
}

/**
 * au_account_row_get_children:
 *
 * Returns: (transfer none): the accounts whose parent this one is
 */
GListModel *
au_account_row_get_children (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), NULL);
  return G_LIST_MODEL (self->children);
}

void
au_account_row_append_child (AuAccountRow *self,
                             AuAccountRow *child)
{
  g_return_if_fail (AU_IS_ACCOUNT_ROW (self));
  g_return_if_fail (AU_IS_ACCOUNT_ROW (child));

  g_list_store_append (self->children, child);
}

/**
 * au_account_row_set_live:
 * @self: the row
 * @view: (nullable): the account in the autopilot's latest snapshot, or
 *   %NULL when the autopilot is not running or does not report it (a
 *   root, a merged MINI)
 *
 * Returns: whether anything changed ("changed" was emitted)
 */
gboolean
au_account_row_set_live (AuAccountRow                 *self,
                         const AuAutopilotAccountView *view)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), FALSE);

  if (view == NULL)
    {
      if (!self->live)
        return FALSE;
      self->live = FALSE;
      g_clear_pointer (&self->week_type, g_free);
    }
  else
    {
      if (self->live && self->equity == view->equity && self->cash == view->cash &&
          self->deployed == view->deployed && self->drawdown == view->drawdown &&
          g_strcmp0 (self->week_type, view->week_type) == 0)
        return FALSE;
      self->live = TRUE;
      self->equity = view->equity;
      self->cash = view->cash;
      self->deployed = view->deployed;
      self->drawdown = view->drawdown;
      g_free (self->week_type);
      self->week_type = g_strdup (view->week_type);
    }

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
au_account_row_has_live (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), FALSE);
  return self->live;
}

/* The snapshot's equity while the autopilot runs, else the ledger's at
 * cost; a root's is its whole tree's (it hands its own capital on). */
AuMoney
au_account_row_get_equity (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), 0);

  if (self->has_tree_equity)
    return self->tree_equity;
  return self->live ? self->equity : self->record->equity_at_cost;
}

/**
 * au_account_row_set_tree_equity:
 * @equity: the equity of every account of the tree this root heads (the
 *   sleeves and MINIs whose root it is; a forked tree has its own root)
 */
void
au_account_row_set_tree_equity (AuAccountRow *self,
                                AuMoney       equity)
{
  g_return_if_fail (AU_IS_ACCOUNT_ROW (self));
  g_return_if_fail (self->record->kind == AU_ACCOUNT_ROOT);

  if (self->has_tree_equity && self->tree_equity == equity)
    return;

  self->has_tree_equity = TRUE;
  self->tree_equity = equity;
  g_signal_emit (self, signals[CHANGED], 0);
}

AuMoney
au_account_row_get_cash (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), 0);
  return self->live ? self->cash : self->record->cash;
}

/* Only the running autopilot knows the deployment (CSP notional). */
AuMoney
au_account_row_get_deployed (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), 0);
  return self->live ? self->deployed : 0;
}

double
au_account_row_get_drawdown (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), 0.0);
  return self->live ? self->drawdown : 0.0;
}

/**
 * au_account_row_get_week_type:
 *
 * Returns: (nullable): the current week's label (a D2.5 key), or %NULL
 */
const char *
au_account_row_get_week_type (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), NULL);
  return self->week_type;
}

void
au_account_row_set_attribution (AuAccountRow *self,
                                AuMoney       gain,
                                double        contribution)
{
  g_return_if_fail (AU_IS_ACCOUNT_ROW (self));

  if (self->attributed && self->gain == gain && self->contribution == contribution)
    return;

  self->attributed = TRUE;
  self->gain = gain;
  self->contribution = contribution;
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
au_account_row_has_attribution (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), FALSE);
  return self->attributed;
}

AuMoney
au_account_row_get_gain (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), 0);
  return self->gain;
}

double
au_account_row_get_contribution (AuAccountRow *self)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_ROW (self), 0.0);
  return self->contribution;
}

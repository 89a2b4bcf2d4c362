/* au-ledger-row.c: one posting of the ledger, as the Ledger page shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger-row"

#include "config.h"

#include "au-ledger-row.h"
#include "au-row-fields.h"

struct _AuLedgerRow
{
  GObject  parent_instance;

  gint64   transaction_id;
  char    *time;
  char    *account;
  char    *kind;
  char    *description;
  char    *book;
  AuMoney  amount;
  AuMoney  effect;
  char    *external_ref;
};

G_DEFINE_FINAL_TYPE (AuLedgerRow, au_ledger_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRANSACTION_ID,
  PROP_TIME,
  PROP_ACCOUNT,
  PROP_KIND,
  PROP_DESCRIPTION,
  PROP_BOOK,
  PROP_AMOUNT,
  PROP_EFFECT,
  PROP_EXTERNAL_REF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Read-only properties: the column view's sorters and cells look them up
 * through GtkPropertyExpression. Money is in cents. */
#define LEDGER_FIELD(name, type, field) { name, type, G_STRUCT_OFFSET (AuLedgerRow, field), 0 }

static const AuRowField row_fields[N_PROPS] = {
  [PROP_TRANSACTION_ID] = LEDGER_FIELD ("transaction-id", AU_ROW_INT64, transaction_id),
  [PROP_TIME] = LEDGER_FIELD ("time", AU_ROW_STRING, time),
  [PROP_ACCOUNT] = LEDGER_FIELD ("account", AU_ROW_STRING, account),
  [PROP_KIND] = LEDGER_FIELD ("kind", AU_ROW_STRING, kind),
  [PROP_DESCRIPTION] = LEDGER_FIELD ("description", AU_ROW_STRING, description),
  [PROP_BOOK] = LEDGER_FIELD ("book", AU_ROW_STRING, book),
  [PROP_AMOUNT] = LEDGER_FIELD ("amount", AU_ROW_INT64, amount),
  [PROP_EFFECT] = LEDGER_FIELD ("effect", AU_ROW_INT64, effect),
  [PROP_EXTERNAL_REF] = LEDGER_FIELD ("external-ref", AU_ROW_STRING, external_ref),
};

static void
au_ledger_row_finalize (GObject *object)
{
  au_row_fields_free (object, row_fields, N_PROPS);

  G_OBJECT_CLASS (au_ledger_row_parent_class)->finalize (object);
}

static void
au_ledger_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (!au_row_fields_get (object, row_fields, N_PROPS, prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
au_ledger_row_class_init (AuLedgerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_ledger_row_finalize;
  object_class->get_property = au_ledger_row_get_property;
  au_row_fields_install (object_class, row_fields, N_PROPS, properties);
}

static void
au_ledger_row_init (AuLedgerRow *self)
{
}

/* Postings are signed debit positive; people read a book's balance in
 * its natural sign, so a credit raises a liability, equity or income. */
static AuMoney
natural_effect (const char *book_type,
                AuMoney     amount)
{
  if (g_strcmp0 (book_type, "asset") == 0 || g_strcmp0 (book_type, "expense") == 0)
    return amount;

  return -amount;
}

/**
 * au_ledger_row_new:
 * @fields: the posting and its transaction
 *
 * Returns: (transfer full): a new immutable row
 */
AuLedgerRow *
au_ledger_row_new (const AuLedgerRowFields *fields)
{
  AuLedgerRow *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->time != NULL, NULL);
  g_return_val_if_fail (fields->account != NULL, NULL);
  g_return_val_if_fail (fields->kind != NULL, NULL);
  g_return_val_if_fail (fields->book != NULL, NULL);

  self = g_object_new (AU_TYPE_LEDGER_ROW, NULL);
  self->transaction_id = fields->transaction_id;
  self->time = g_strdup (fields->time);
  self->account = g_strdup (fields->account);
  self->kind = g_strdup (fields->kind);
  self->description = g_strdup (fields->description != NULL ? fields->description : "");
  self->book = g_strdup (fields->book);
  self->amount = fields->amount;
  self->effect = natural_effect (fields->book_type, fields->amount);
  self->external_ref = g_strdup (fields->external_ref != NULL ? fields->external_ref : "");

  return self;
}

gint64
au_ledger_row_get_transaction_id (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), 0);
  return self->transaction_id;
}

const char *
au_ledger_row_get_time (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), NULL);
  return self->time;
}

const char *
au_ledger_row_get_account (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), NULL);
  return self->account;
}

const char *
au_ledger_row_get_kind (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), NULL);
  return self->kind;
}

const char *
au_ledger_row_get_description (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), NULL);
  return self->description;
}

const char *
au_ledger_row_get_book (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), NULL);
  return self->book;
}

/* Signed cents, debit positive, as posted. */
AuMoney
au_ledger_row_get_amount (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), 0);
  return self->amount;
}

/* The change of the book's balance in its natural sign. */
AuMoney
au_ledger_row_get_effect (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), 0);
  return self->effect;
}

const char *
au_ledger_row_get_external_ref (AuLedgerRow *self)
{
  g_return_val_if_fail (AU_IS_LEDGER_ROW (self), NULL);
  return self->external_ref;
}

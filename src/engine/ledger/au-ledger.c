/* au-ledger.c: the ledger object, its posting engine and generic postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "au-json.h"
#include "au-ledger-private.h"
#include "au-ledger-schema.h"
#include "au-money.h"

G_DEFINE_FINAL_TYPE (AuLedger, au_ledger, G_TYPE_OBJECT)

static void
au_ledger_dispose (GObject *object)
{
  AuLedger *self = (AuLedger *) object;

  g_clear_object (&self->database);
  g_clear_object (&self->constitution);

  G_OBJECT_CLASS (au_ledger_parent_class)->dispose (object);
}

static void
au_ledger_class_init (AuLedgerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = au_ledger_dispose;
}

static void
au_ledger_init (AuLedger *self)
{
}

/**
 * au_ledger_new:
 * @database: a writable database (the engine thread's one writer)
 * @constitution: the constitution whose splits, fork steps and reinvest
 *   ratios the ledger applies
 *
 * Creates or upgrades the ledger tables.
 *
 * Returns: (transfer full): the ledger, or %NULL with @error set
 */
AuLedger *
au_ledger_new (AuDatabase      *database,
               AuConstitution  *constitution,
               GError         **error)
{
  AuLedger *self;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);

  if (!au_database_is_writable (database))
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "%s: the ledger books only through the writable database; "
                   "use au_ledger_check() to read a read-only one",
                   au_database_get_path (database));
      return NULL;
    }

  if (!au_ledger_schema_migrate (database, error))
    return NULL;

  self = g_object_new (AU_TYPE_LEDGER, NULL);
  self->database = g_object_ref (database);
  self->constitution = g_object_ref (constitution);
  return self;
}

AuDatabase *
au_ledger_get_database (AuLedger *self)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), NULL);
  return self->database;
}

AuConstitution *
au_ledger_get_constitution (AuLedger *self)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), NULL);
  return self->constitution;
}

/* Shared helpers */

gboolean
_au_ledger_begin (AuLedger  *self,
                  GError   **error)
{
  return au_database_begin (self->database, error);
}

gboolean
_au_ledger_finish (AuLedger  *self,
                   gboolean   ok,
                   GError   **error)
{
  if (ok && au_database_commit (self->database, error))
    return TRUE;
  au_database_rollback (self->database);
  return FALSE;
}

gint64
_au_ledger_finish_id (AuLedger  *self,
                      gint64     id,
                      GError   **error)
{
  return _au_ledger_finish (self, id > 0, error) ? id : 0;
}

gboolean
_au_ledger_step_done (AuDatabase    *database,
                      sqlite3_stmt  *stmt,
                      const char    *what,
                      GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (database, error, what);
      return FALSE;
    }
  return TRUE;
}

char *
_au_ledger_dollars (AuMoney cents)
{
  g_autofree char *text = au_money_format (cents < 0 ? -cents : cents);

  return g_strdup_printf ("%s$%s", cents < 0 ? "-" : "", text);
}

char *
_au_ledger_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GArray *
_au_ledger_postings_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (AuPostingSpec));
}

void
_au_ledger_add_position (GArray  *postings,
                         gint64   account_id,
                         AuBook   book,
                         AuMoney  amount,
                         gint64   position_id,
                         gint64   quantity)
{
  AuPostingSpec spec = { account_id, book, amount, position_id, quantity };

  /* A zero movement of money with no quantity says nothing; leaving it
   * out keeps every stored posting meaningful. */
  if (amount == 0 && quantity == 0)
    return;
  g_array_append_val (postings, spec);
}

void
_au_ledger_add (GArray  *postings,
                gint64   account_id,
                AuBook   book,
                AuMoney  amount)
{
  _au_ledger_add_position (postings, account_id, book, amount, 0, 0);
}

char *
_au_ledger_hash (const char          *prev_hash,
                 gint64               id,
                 const char          *time,
                 const char          *kind,
                 const char          *description,
                 gint64               reverses,
                 const char          *external_ref,
                 const AuPostingSpec *postings,
                 guint                n_postings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *canonical = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_set_member_name (builder, "reverses");
  if (reverses > 0)
    json_builder_add_int_value (builder, reverses);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "external_ref");
  if (external_ref != NULL)
    json_builder_add_string_value (builder, external_ref);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "postings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_postings; i++)
    {
      const AuPostingSpec *p = &postings[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "account");
      json_builder_add_int_value (builder, p->account_id);
      json_builder_set_member_name (builder, "book");
      json_builder_add_string_value (builder, au_book_to_string (p->book));
      json_builder_set_member_name (builder, "amount");
      json_builder_add_int_value (builder, p->amount);
      json_builder_set_member_name (builder, "position");
      if (p->position_id > 0)
        json_builder_add_int_value (builder, p->position_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, p->quantity);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  canonical = au_json_to_canonical (root);

  g_checksum_update (checksum, (const guchar *) prev_hash, -1);
  g_checksum_update (checksum, (const guchar *) canonical, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
check_balanced (GArray  *postings,
                GError **error)
{
  AuMoney total = 0;

  if (postings->len == 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_UNBALANCED,
                   "a transaction needs at least one posting; nothing was written");
      return FALSE;
    }

  for (guint i = 0; i < postings->len; i++)
    total += g_array_index (postings, AuPostingSpec, i).amount;

  if (total != 0)
    {
      g_autofree char *text = _au_ledger_dollars (total);

      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_UNBALANCED,
                   "unbalanced transaction: debits exceed credits by %s; nothing was written",
                   text);
      return FALSE;
    }

  /* Each ALL-USE account balances on its own, so that every sleeve's
   * equity is derivable from its own books. */
  for (guint i = 0; i < postings->len; i++)
    {
      gint64 account = g_array_index (postings, AuPostingSpec, i).account_id;
      AuMoney sum = 0;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_array_index (postings, AuPostingSpec, j).account_id == account;
      if (seen)
        continue;

      for (guint j = i; j < postings->len; j++)
        if (g_array_index (postings, AuPostingSpec, j).account_id == account)
          sum += g_array_index (postings, AuPostingSpec, j).amount;

      if (sum != 0)
        {
          g_autofree char *text = _au_ledger_dollars (sum);

          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_UNBALANCED,
                       "unbalanced transaction: the postings of account %" G_GINT64_FORMAT
                       " sum to %s, not zero; nothing was written", account, text);
          return FALSE;
        }
    }

  return TRUE;
}

static gint64
lookup_book (AuDatabase  *database,
             gint64       account_id,
             AuBook       book,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (database,
                              "SELECT id FROM ledger_books WHERE account_id = ?1 AND book = ?2;",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, au_book_to_string (book), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
               "account %" G_GINT64_FORMAT " has no %s book; nothing was written",
               account_id, au_book_to_string (book));
  return 0;
}

gint64
_au_ledger_post_locked (AuLedger    *self,
                        GDateTime   *time,
                        const char  *kind,
                        const char  *description,
                        const char  *external_ref,
                        gint64       reverses,
                        GArray      *postings,
                        GError     **error)
{
  AuDatabase *db = self->database;
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) posting = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *time_text = NULL;
  gint64 id = 1;

  if (!check_balanced (postings, error))
    return 0;

  if (external_ref != NULL)
    {
      g_autoptr(sqlite3_stmt) dup = NULL;

      dup = au_database_prepare (db, "SELECT id FROM ledger_transactions WHERE external_ref = ?1;",
                                 error);
      if (dup == NULL)
        return 0;
      sqlite3_bind_text (dup, 1, external_ref, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (dup) == SQLITE_ROW)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE,
                       "external reference “%s” is already booked as transaction %"
                       G_GINT64_FORMAT "; nothing was written",
                       external_ref, (gint64) sqlite3_column_int64 (dup, 0));
          return 0;
        }
    }

  last = au_database_prepare (db, "SELECT id, hash FROM ledger_transactions "
                                  "ORDER BY id DESC LIMIT 1;", error);
  if (last == NULL)
    return 0;
  if (sqlite3_step (last) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (last, 0) + 1;
      prev_hash = g_strdup ((const char *) sqlite3_column_text (last, 1));
    }
  else
    prev_hash = g_strdup (AU_LEDGER_GENESIS_HASH);

  time_text = _au_ledger_format_time (time);
  hash = _au_ledger_hash (prev_hash, id, time_text, kind, description, reverses, external_ref,
                          (const AuPostingSpec *) (gpointer) postings->data, postings->len);

  insert = au_database_prepare (db,
                                "INSERT INTO ledger_transactions (id, time, kind, description, "
                                "reverses, external_ref, prev_hash, hash) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, time_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, description, -1, SQLITE_STATIC);
  if (reverses > 0)
    sqlite3_bind_int64 (insert, 5, reverses);
  else
    sqlite3_bind_null (insert, 5);
  if (external_ref != NULL)
    sqlite3_bind_text (insert, 6, external_ref, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (insert, 6);
  sqlite3_bind_text (insert, 7, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 8, hash, -1, SQLITE_STATIC);
  if (!_au_ledger_step_done (db, insert, "writing a transaction", error))
    return 0;

  posting = au_database_prepare (db,
                                 "INSERT INTO ledger_postings (transaction_id, book_id, amount, "
                                 "position_id, quantity) VALUES (?1, ?2, ?3, ?4, ?5);", error);
  if (posting == NULL)
    return 0;

  for (guint i = 0; i < postings->len; i++)
    {
      const AuPostingSpec *p = &g_array_index (postings, AuPostingSpec, i);
      gint64 book_id = lookup_book (db, p->account_id, p->book, error);

      if (book_id == 0)
        return 0;

      sqlite3_reset (posting);
      sqlite3_bind_int64 (posting, 1, id);
      sqlite3_bind_int64 (posting, 2, book_id);
      sqlite3_bind_int64 (posting, 3, p->amount);
      if (p->position_id > 0)
        sqlite3_bind_int64 (posting, 4, p->position_id);
      else
        sqlite3_bind_null (posting, 4);
      sqlite3_bind_int64 (posting, 5, p->quantity);
      if (!_au_ledger_step_done (db, posting, "writing a posting", error))
        return 0;
    }

  return id;
}

/* Generic postings */

static gboolean
is_holding_book (AuBook book)
{
  return book == AU_BOOK_STOCK || book == AU_BOOK_OPTIONS_HELD || book == AU_BOOK_OPTIONS_WRITTEN;
}

static gint64
post_locked (AuLedger               *self,
             GDateTime              *time,
             const char             *kind,
             const char             *description,
             const char             *external_ref,
             const AuLedgerPosting  *postings,
             guint                   n_postings,
             GError                **error)
{
  g_autoptr(GArray) specs = _au_ledger_postings_new ();

  for (guint i = 0; i < n_postings; i++)
    {
      AuLedgerAccount account;

      if ((guint) postings[i].book >= AU_N_BOOKS)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "postings[%u].book: %d is not a book; nothing was written", i,
                       (int) postings[i].book);
          return 0;
        }
      if (is_holding_book (postings[i].book))
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "postings[%u].book: %s carries positions and is booked only by trades; "
                       "nothing was written", i, au_book_to_string (postings[i].book));
          return 0;
        }
      if (postings[i].amount == 0)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "postings[%u].amount: zero; nothing was written", i);
          return 0;
        }
      if (!_au_ledger_require_active (self, postings[i].account_id, &account, error))
        {
          g_prefix_error (error, "postings[%u].account_id: ", i);
          return 0;
        }
      au_ledger_account_clear (&account);
      _au_ledger_add (specs, postings[i].account_id, postings[i].book, postings[i].amount);
    }

  return _au_ledger_post_locked (self, time, kind, description, external_ref, 0, specs, error);
}

/**
 * au_ledger_post:
 * @kind: a short machine name, e.g. "interest" or "fee"
 * @description: what happened, in plain words
 * @external_ref: (nullable): the broker's reference, unique
 *
 * Books postings to the non-holding books (cash, reserves, equity,
 * income, commissions). Refused, with nothing written, unless debits
 * equal credits in total and per account.
 *
 * Returns: the transaction id, or 0 with @error set
 */
gint64
au_ledger_post (AuLedger               *self,
                GDateTime              *time,
                const char             *kind,
                const char             *description,
                const char             *external_ref,
                const AuLedgerPosting  *postings,
                guint                   n_postings,
                GError                **error)
{
  gint64 txn;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);
  g_return_val_if_fail (postings != NULL || n_postings == 0, 0);

  if (kind == NULL || *kind == '\0' || description == NULL || *description == '\0')
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "%s: required; nothing was written", kind == NULL || *kind == '\0'
                   ? "kind" : "description");
      return 0;
    }

  if (!_au_ledger_begin (self, error))
    return 0;
  txn = post_locked (self, time, kind, description, external_ref, postings, n_postings, error);
  return _au_ledger_finish_id (self, txn, error);
}

static gint64
reverse_locked (AuLedger    *self,
                gint64       transaction_id,
                GDateTime   *time,
                const char  *reason,
                GError     **error)
{
  AuDatabase *db = self->database;
  g_autoptr(sqlite3_stmt) txn = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(GArray) specs = _au_ledger_postings_new ();
  g_autofree char *description = NULL;
  int rc;

  txn = au_database_prepare (db,
                             "SELECT t.kind, t.reverses IS NOT NULL, (SELECT r.id FROM "
                             "ledger_transactions r WHERE r.reverses = t.id) "
                             "FROM ledger_transactions t WHERE t.id = ?1;", error);
  if (txn == NULL)
    return 0;
  sqlite3_bind_int64 (txn, 1, transaction_id);
  if (sqlite3_step (txn) != SQLITE_ROW)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "transaction_id: no transaction %" G_GINT64_FORMAT, transaction_id);
      return 0;
    }
  if (sqlite3_column_int (txn, 1))
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "transaction %" G_GINT64_FORMAT " is itself a reversal; book the original "
                   "again instead", transaction_id);
      return 0;
    }
  if (sqlite3_column_type (txn, 2) != SQLITE_NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE,
                   "transaction %" G_GINT64_FORMAT " is already reversed by transaction %"
                   G_GINT64_FORMAT, transaction_id, (gint64) sqlite3_column_int64 (txn, 2));
      return 0;
    }

  rows = au_database_prepare (db,
                              "SELECT b.account_id, b.book, p.amount, IFNULL (p.position_id, 0), "
                              "p.quantity FROM ledger_postings p JOIN ledger_books b "
                              "ON b.id = p.book_id WHERE p.transaction_id = ?1 ORDER BY p.id;",
                              error);
  if (rows == NULL)
    return 0;
  sqlite3_bind_int64 (rows, 1, transaction_id);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      AuLedgerAccount account;
      AuBook book = AU_BOOK_CASH;
      gint64 account_id = sqlite3_column_int64 (rows, 0);

      au_book_from_string ((const char *) sqlite3_column_text (rows, 1), &book);
      if (!_au_ledger_require_active (self, account_id, &account, error))
        return 0;
      au_ledger_account_clear (&account);
      _au_ledger_add_position (specs, account_id, book, -sqlite3_column_int64 (rows, 2),
                               sqlite3_column_int64 (rows, 3), -sqlite3_column_int64 (rows, 4));
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (db, error, "reading the postings to reverse");
      return 0;
    }

  description = g_strdup_printf ("Reversal of transaction %" G_GINT64_FORMAT "%s%s",
                                 transaction_id, reason != NULL ? ": " : "",
                                 reason != NULL ? reason : "");
  return _au_ledger_post_locked (self, time, "reversal", description, NULL, transaction_id,
                                 specs, error);
}

/**
 * au_ledger_reverse:
 * @reason: (nullable): why, kept in the reversal's description
 *
 * Posts the exact opposite of @transaction_id (positions included), the
 * only correction a posted transaction admits (D3). A transaction is
 * reversed at most once.
 *
 * Returns: the reversal's id, or 0 with @error set
 */
gint64
au_ledger_reverse (AuLedger    *self,
                   gint64       transaction_id,
                   GDateTime   *time,
                   const char  *reason,
                   GError     **error)
{
  gint64 txn;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  if (!_au_ledger_begin (self, error))
    return 0;
  txn = reverse_locked (self, transaction_id, time, reason, error);
  return _au_ledger_finish_id (self, txn, error);
}

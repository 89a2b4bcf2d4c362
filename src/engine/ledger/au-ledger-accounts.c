/* au-ledger-accounts.c: the ALL-USE account tree: deposits, forks, merges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include "au-ledger-private.h"
#include "au-money.h"

gboolean
_au_ledger_load_account (AuDatabase       *database,
                         gint64            account_id,
                         AuLedgerAccount  *account,
                         GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *status;

  stmt = au_database_prepare (database,
                              "SELECT a.kind, a.name, IFNULL (a.parent_id, 0), a.root_id, "
                              "a.initial_capital, a.mini_gen_capital, a.mini_com_capital, "
                              "a.created_at, (SELECT e.status FROM ledger_account_events e "
                              "WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1) "
                              "FROM ledger_accounts a WHERE a.id = ?1;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "no ALL-USE account %" G_GINT64_FORMAT, account_id);
      return FALSE;
    }

  memset (account, 0, sizeof *account);
  account->id = account_id;
  au_account_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &account->kind);
  account->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  account->parent_id = sqlite3_column_int64 (stmt, 2);
  account->root_id = sqlite3_column_int64 (stmt, 3);
  account->initial_capital = sqlite3_column_int64 (stmt, 4);
  account->mini_gen_capital = sqlite3_column_int64 (stmt, 5);
  account->mini_com_capital = sqlite3_column_int64 (stmt, 6);
  account->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  status = (const char *) sqlite3_column_text (stmt, 8);
  if (status == NULL || !au_account_status_from_string (status, &account->status))
    account->status = AU_ACCOUNT_ACTIVE;
  return TRUE;
}

gboolean
_au_ledger_require_active (AuLedger         *self,
                           gint64            account_id,
                           AuLedgerAccount  *account,
                           GError          **error)
{
  if (!_au_ledger_load_account (self->database, account_id, account, error))
    return FALSE;

  if (account->status != AU_ACCOUNT_ACTIVE)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INACTIVE,
                   "account %s is %s; nothing can be booked to it", account->name,
                   au_account_status_to_string (account->status));
      au_ledger_account_clear (account);
      return FALSE;
    }
  return TRUE;
}

gboolean
_au_ledger_require_trading (AuLedger  *self,
                            gint64     account_id,
                            GError   **error)
{
  AuLedgerAccount account;

  if (!_au_ledger_require_active (self, account_id, &account, error))
    return FALSE;

  if (account.kind == AU_ACCOUNT_ROOT)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "account: %s is a tree's root and holds no positions; "
                   "book the trade to its Gen, Rev or Com sleeve", account.name);
      au_ledger_account_clear (&account);
      return FALSE;
    }
  au_ledger_account_clear (&account);
  return TRUE;
}

gboolean
_au_ledger_read_balance (AuDatabase  *database,
                         gint64       account_id,
                         AuBook       book,
                         AuMoney     *balance,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (database,
                              "SELECT IFNULL ((SELECT c.balance FROM ledger_balances c "
                              "WHERE c.book_id = b.id), 0) FROM ledger_books b "
                              "WHERE b.account_id = ?1 AND b.book = ?2;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, au_book_to_string (book), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "no ALL-USE account %" G_GINT64_FORMAT, account_id);
      return FALSE;
    }
  *balance = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gint64
insert_account (AuLedger       *self,
                AuAccountKind   kind,
                const char     *name,
                gint64          parent_id,
                gint64          root_id,
                AuMoney         initial,
                AuMoney         mini_gen,
                AuMoney         mini_com,
                const char     *time_text,
                GError        **error)
{
  AuDatabase *db = self->database;
  g_autoptr(sqlite3_stmt) next = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) book = NULL;
  gint64 id;

  next = au_database_prepare (db, "SELECT IFNULL (MAX (id), 0) + 1 FROM ledger_accounts;", error);
  if (next == NULL || sqlite3_step (next) != SQLITE_ROW)
    {
      if (next != NULL)
        au_database_set_error (db, error, "numbering an account");
      return 0;
    }
  id = sqlite3_column_int64 (next, 0);

  insert = au_database_prepare (db,
                                "INSERT INTO ledger_accounts (id, kind, name, parent_id, root_id, "
                                "initial_capital, mini_gen_capital, mini_com_capital, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);", error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_text (insert, 2, au_account_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, name, -1, SQLITE_STATIC);
  if (parent_id > 0)
    sqlite3_bind_int64 (insert, 4, parent_id);
  else
    sqlite3_bind_null (insert, 4);
  sqlite3_bind_int64 (insert, 5, root_id > 0 ? root_id : id);
  sqlite3_bind_int64 (insert, 6, initial);
  sqlite3_bind_int64 (insert, 7, mini_gen);
  sqlite3_bind_int64 (insert, 8, mini_com);
  sqlite3_bind_text (insert, 9, time_text, -1, SQLITE_STATIC);
  if (!_au_ledger_step_done (db, insert, "creating an account", error))
    return 0;

  book = au_database_prepare (db, "INSERT INTO ledger_books (account_id, book, type) "
                                  "VALUES (?1, ?2, ?3);", error);
  if (book == NULL)
    return 0;
  for (guint b = 0; b < AU_N_BOOKS; b++)
    {
      sqlite3_reset (book);
      sqlite3_bind_int64 (book, 1, id);
      sqlite3_bind_text (book, 2, au_book_to_string ((AuBook) b), -1, SQLITE_STATIC);
      sqlite3_bind_text (book, 3, au_book_type_to_string (au_book_get_book_type ((AuBook) b)),
                         -1, SQLITE_STATIC);
      if (!_au_ledger_step_done (db, book, "creating a book account", error))
        return 0;
    }

  return id;
}

static gboolean
append_status (AuLedger         *self,
               gint64            account_id,
               AuAccountStatus   status,
               const char       *time_text,
               const char       *reason,
               gint64            transaction_id,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "INSERT INTO ledger_account_events (account_id, status, time, reason, "
                              "transaction_id) VALUES (?1, ?2, ?3, ?4, ?5);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, au_account_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, time_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_STATIC);
  if (transaction_id > 0)
    sqlite3_bind_int64 (stmt, 5, transaction_id);
  else
    sqlite3_bind_null (stmt, 5);
  return _au_ledger_step_done (self->database, stmt, "recording an account status", error);
}

static gint64
count_rows (AuLedger    *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (self->database, error, "counting");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* The latest status of an account (column or expression @id); an account
 * without an event yet is active, as _au_ledger_load_account() reads it. */
#define STATUS_OF(id)                                                            \
  "IFNULL ((SELECT e.status FROM ledger_account_events e WHERE e.account_id = " \
  id " ORDER BY e.id DESC LIMIT 1), 'active')"

/* R11.2 (research §3.18: "master + subs (GEN, REV, COM, MINI-*), ≤ 8 subs
 * per user"): every active Gen, Rev and Com sleeve of an active tree, the
 * first tree's included, plus every active MINI. A root is bookkeeping,
 * not an IBKR sub-account; a merged MINI or a closed tree stops counting. */
static const char count_sub_accounts_sql[] =
  "SELECT count (*) FROM ledger_accounts a "
  "WHERE a.kind IN ('gen', 'rev', 'com', 'mini') "
  "AND " STATUS_OF ("a.id") " = 'active' "
  "AND (a.kind = 'mini' OR " STATUS_OF ("a.root_id") " = 'active');";

/**
 * au_ledger_count_sub_accounts:
 * @count: (out): the sub-accounts the user has now
 *
 * Counts the sub-accounts held to the constitution's max_sub_accounts
 * (R11.2): a new portfolio has 3 (Gen, Rev, Com), a Gen fork adds 1 (the
 * MINI, D2.2), a Rev fork a tree of 3 (R3.6); a merged MINI (D2.3) or a
 * closed tree no longer counts.
 */
gboolean
au_ledger_count_sub_accounts (AuLedger  *self,
                              gint64    *count,
                              GError   **error)
{
  gint64 n;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  n = count_rows (self, count_sub_accounts_sql, error);
  if (n < 0)
    return FALSE;
  *count = n;
  return TRUE;
}

/* R11.2: the sub-accounts a fork opens: a MINI for Gen (D2.2), a tree of
 * three sleeves for Rev (R3.6). */
static int
sub_accounts_added (AuAccountKind kind)
{
  return kind == AU_ACCOUNT_GEN ? 1 : AU_N_SLEEVES;
}

/* R11.2: a fork goes ahead only when the sub-accounts it opens still fit
 * under the constitution's cap. */
static gboolean
check_sub_account_cap (AuLedger       *self,
                       AuAccountKind   kind,
                       GError        **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  const char *rule = au_constitution_rule_number (self->constitution, "sub_account_cap");
  int added = sub_accounts_added (kind);
  gint64 active;

  if (!au_ledger_count_sub_accounts (self, &active, error))
    return FALSE;
  if (active + added > p->fork.max_sub_accounts)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_LIMIT,
                   "%s: %" G_GINT64_FORMAT " sub-accounts are active and this %s fork adds %d; "
                   "at most %d are allowed, so the fork must wait",
                   rule != NULL ? rule : "R11.2", active,
                   kind == AU_ACCOUNT_GEN ? "Gen" : "Rev", added, p->fork.max_sub_accounts);
      return FALSE;
    }
  return TRUE;
}

/* Creates a root with its three sleeves funded 40/30/30 (R0.1) from
 * @source_book of @source (the root's own contributed capital for a
 * deposit, the Rev sleeve's cash for a fork, R3.6). */
static gboolean
create_tree_locked (AuLedger      *self,
                    AuMoney        amount,
                    gint64         parent_id,
                    GDateTime     *time,
                    const char    *kind,
                    AuLedgerTree  *tree,
                    gint64        *transaction_id,
                    GError       **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  g_autofree char *time_text = _au_ledger_format_time (time);
  g_autofree char *root_name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *amount_text = _au_ledger_dollars (amount);
  AuMoney rev, com, gen;
  gint64 roots;
  gint64 ids[3];
  const char *sleeve_names[3] = { "Gen", "Rev", "Com" };
  const AuAccountKind kinds[3] = { AU_ACCOUNT_GEN, AU_ACCOUNT_REV, AU_ACCOUNT_COM };
  gint64 txn;

  /* R0.1: Rev and Com take their exact shares; the cent left over by
   * rounding goes to Gen, so the three always add up to the amount. */
  rev = au_money_mul_fraction (amount, p->global.split_rev);
  com = au_money_mul_fraction (amount, p->global.split_com);
  gen = amount - rev - com;

  roots = count_rows (self, "SELECT count (*) FROM ledger_accounts WHERE kind = 'root';", error);
  if (roots < 0)
    return FALSE;
  root_name = g_strdup_printf ("ALL-USE-%" G_GINT64_FORMAT, roots + 1);

  tree->root = insert_account (self, AU_ACCOUNT_ROOT, root_name, parent_id, 0, amount, 0, 0,
                               time_text, error);
  if (tree->root == 0)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/%s", root_name, sleeve_names[i]);
      AuMoney share = i == 0 ? gen : i == 1 ? rev : com;

      ids[i] = insert_account (self, kinds[i], name, tree->root, tree->root, share, 0, 0,
                               time_text, error);
      if (ids[i] == 0)
        return FALSE;
      _au_ledger_add (postings, ids[i], AU_BOOK_CASH, share);
      _au_ledger_add (postings, ids[i], AU_BOOK_TRANSFERS, -share);
    }
  tree->gen = ids[0];
  tree->rev = ids[1];
  tree->com = ids[2];

  if (parent_id == 0)
    {
      /* A deposit: contributed capital of the root, handed on to its sleeves. */
      _au_ledger_add (postings, tree->root, AU_BOOK_CONTRIBUTED, -amount);
      _au_ledger_add (postings, tree->root, AU_BOOK_TRANSFERS, amount);
      description = g_strdup_printf ("Deposit of %s into %s, split Gen/Rev/Com (R0.1)",
                                     amount_text, root_name);
    }
  else
    {
      AuLedgerAccount source;

      if (!_au_ledger_load_account (self->database, parent_id, &source, error))
        return FALSE;
      _au_ledger_add (postings, parent_id, AU_BOOK_TRANSFERS, amount);
      _au_ledger_add (postings, parent_id, AU_BOOK_CASH, -amount);
      description = g_strdup_printf ("Rev fork: %s from %s into the new tree %s, "
                                     "split Gen/Rev/Com (R3.6)", amount_text, source.name,
                                     root_name);
      au_ledger_account_clear (&source);
    }

  txn = _au_ledger_post_locked (self, time, kind, description, NULL, 0, postings, error);
  if (txn == 0)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      gint64 id = i == 0 ? tree->root : ids[i - 1];

      if (!append_status (self, id, AU_ACCOUNT_ACTIVE, time_text, kind, txn, error))
        return FALSE;
    }

  if (transaction_id != NULL)
    *transaction_id = txn;
  return TRUE;
}

/**
 * au_ledger_create_tree:
 * @deposit: the capital, in cents, > 0
 * @tree: (out): the new root and its sleeves
 *
 * Opens a new ALL-USE tree split by the constitution's split_* (R0.1).
 */
gboolean
au_ledger_create_tree (AuLedger      *self,
                       AuMoney        deposit,
                       GDateTime     *time,
                       AuLedgerTree  *tree,
                       GError       **error)
{
  AuLedgerTree result = { 0, };
  gboolean ok;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (tree != NULL, FALSE);

  if (deposit <= 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "deposit: must be more than zero");
      return FALSE;
    }

  if (!_au_ledger_begin (self, error))
    return FALSE;
  ok = create_tree_locked (self, deposit, 0, time, "deposit", &result, NULL, error);
  if (!_au_ledger_finish (self, ok, error))
    return FALSE;

  *tree = result;
  return TRUE;
}

static AuMoney
fork_balance (AuLedger  *self,
              gint64     account_id,
              gboolean  *ok,
              GError   **error)
{
  AuLedgerSummary summary = { 0, };

  *ok = au_ledger_get_summary (self, account_id, &summary, error);
  /* The tax reserve is owed, not capital that can grow a fork. */
  return summary.equity_at_cost - summary.tax_reserve;
}

/**
 * au_ledger_eligible_forks:
 *
 * D2.2 convention (a): floor ((balance − base) / fork_step), where the
 * balance is the sleeve's equity at cost less its tax reserve and the
 * base its initial capital. Zero for sleeves that do not fork.
 */
guint
au_ledger_eligible_forks (AuLedger  *self,
                          gint64     account_id,
                          GError   **error)
{
  AuLedgerAccount account;
  const AuSleeveRules *rules;
  AuMoney balance;
  AuMoney excess;
  gboolean ok;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);

  if (!_au_ledger_load_account (self->database, account_id, &account, error))
    return 0;

  if (account.kind != AU_ACCOUNT_GEN && account.kind != AU_ACCOUNT_REV)
    {
      au_ledger_account_clear (&account);
      return 0;
    }

  rules = au_constitution_get_sleeve (self->constitution,
                                      account.kind == AU_ACCOUNT_GEN ? AU_SLEEVE_GEN : AU_SLEEVE_REV);
  balance = fork_balance (self, account_id, &ok, error);
  excess = balance - account.initial_capital;
  au_ledger_account_clear (&account);

  if (!ok || rules->fork_step <= 0 || excess < rules->fork_step)
    return 0;
  return (guint) (excess / rules->fork_step);
}

static gboolean
require_fork (AuLedger         *self,
              gint64            account_id,
              AuAccountKind     kind,
              AuLedgerAccount  *account,
              AuMoney          *step,
              GError          **error)
{
  const AuSleeveRules *rules;
  AuMoney cash;
  guint eligible;

  if (!_au_ledger_require_active (self, account_id, account, error))
    return FALSE;

  if (account->kind != kind)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "account: %s is not a %s sleeve", account->name,
                   kind == AU_ACCOUNT_GEN ? "Gen" : "Rev");
      au_ledger_account_clear (account);
      return FALSE;
    }

  rules = au_constitution_get_sleeve (self->constitution,
                                      kind == AU_ACCOUNT_GEN ? AU_SLEEVE_GEN : AU_SLEEVE_REV);
  *step = rules->fork_step;
  eligible = au_ledger_eligible_forks (self, account_id, error);
  if (eligible == 0)
    {
      AuMoney balance = 0;
      gboolean ok = TRUE;
      g_autofree char *step_text = _au_ledger_dollars (rules->fork_step);
      g_autofree char *base_text = _au_ledger_dollars (account->initial_capital);
      g_autofree char *balance_text = NULL;

      if (error != NULL && *error != NULL)
        {
          au_ledger_account_clear (account);
          return FALSE;
        }
      balance = fork_balance (self, account_id, &ok, NULL);
      balance_text = _au_ledger_dollars (balance);
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE,
                   "%s: %s holds %s, less than its base %s plus one fork step of %s; no fork",
                   kind == AU_ACCOUNT_GEN ? "R2.6" : "R3.6", account->name, balance_text,
                   base_text, step_text);
      au_ledger_account_clear (account);
      return FALSE;
    }

  if (!_au_ledger_read_balance (self->database, account_id, AU_BOOK_CASH, &cash, error))
    {
      au_ledger_account_clear (account);
      return FALSE;
    }
  if (cash < *step)
    {
      g_autofree char *cash_text = _au_ledger_dollars (cash);
      g_autofree char *step_text = _au_ledger_dollars (*step);

      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                   "%s has %s of free cash, less than the fork step of %s; "
                   "close positions first", account->name, cash_text, step_text);
      au_ledger_account_clear (account);
      return FALSE;
    }

  if (!check_sub_account_cap (self, kind, error))
    {
      au_ledger_account_clear (account);
      return FALSE;
    }
  return TRUE;
}

static gint64
fork_gen_locked (AuLedger   *self,
                 gint64      gen_id,
                 GDateTime  *time,
                 GError    **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  g_autofree char *time_text = _au_ledger_format_time (time);
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *step_text = NULL;
  AuLedgerAccount gen;
  AuMoney step;
  AuMoney half_gen;
  gint64 minis;
  gint64 mini_id;
  gint64 txn;

  if (!require_fork (self, gen_id, AU_ACCOUNT_GEN, &gen, &step, error))
    return 0;

  minis = count_rows (self, "SELECT count (*) FROM ledger_accounts WHERE kind = 'mini';", error);
  if (minis < 0)
    {
      au_ledger_account_clear (&gen);
      return 0;
    }
  name = g_strdup_printf ("MINI-%" G_GINT64_FORMAT, minis + 1);

  /* D2.2: half the MINI's capital trades with Gen rules, half with Com. */
  half_gen = au_money_mul_fraction (step, p->fork.mini_gen_share);
  mini_id = insert_account (self, AU_ACCOUNT_MINI, name, gen_id, gen.root_id, step, half_gen,
                            step - half_gen, time_text, error);
  if (mini_id == 0)
    {
      au_ledger_account_clear (&gen);
      return 0;
    }

  _au_ledger_add (postings, gen_id, AU_BOOK_TRANSFERS, step);
  _au_ledger_add (postings, gen_id, AU_BOOK_CASH, -step);
  _au_ledger_add (postings, mini_id, AU_BOOK_CASH, step);
  _au_ledger_add (postings, mini_id, AU_BOOK_TRANSFERS, -step);

  step_text = _au_ledger_dollars (step);
  description = g_strdup_printf ("Gen fork: %s from %s to %s (R2.6, D2.2)", step_text, gen.name,
                                 name);
  au_ledger_account_clear (&gen);

  txn = _au_ledger_post_locked (self, time, "fork_gen", description, NULL, 0, postings, error);
  if (txn == 0)
    return 0;
  if (!append_status (self, mini_id, AU_ACCOUNT_ACTIVE, time_text, "fork_gen", txn, error))
    return 0;
  return mini_id;
}

/**
 * au_ledger_fork_gen:
 *
 * Moves exactly the Gen sleeve's fork_step into a new MINI account whose
 * parent is @gen_id (R2.6, D2.2).
 *
 * Returns: the MINI's account id, or 0 with @error set
 */
gint64
au_ledger_fork_gen (AuLedger   *self,
                    gint64      gen_id,
                    GDateTime  *time,
                    GError    **error)
{
  gint64 mini_id;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  if (!_au_ledger_begin (self, error))
    return 0;
  mini_id = fork_gen_locked (self, gen_id, time, error);
  return _au_ledger_finish_id (self, mini_id, error);
}

/**
 * au_ledger_fork_rev:
 * @tree: (out): the new tree
 *
 * Moves exactly the Rev sleeve's fork_step into a new ALL-USE tree split
 * 40/30/30, whose root's parent is @rev_id (R3.6).
 */
gboolean
au_ledger_fork_rev (AuLedger      *self,
                    gint64         rev_id,
                    GDateTime     *time,
                    AuLedgerTree  *tree,
                    GError       **error)
{
  AuLedgerAccount rev;
  AuLedgerTree result = { 0, };
  AuMoney step = 0;
  gboolean ok;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (tree != NULL, FALSE);

  if (!_au_ledger_begin (self, error))
    return FALSE;
  ok = require_fork (self, rev_id, AU_ACCOUNT_REV, &rev, &step, error);
  if (ok)
    {
      au_ledger_account_clear (&rev);
      ok = create_tree_locked (self, step, rev_id, time, "fork_rev", &result, NULL, error);
    }
  if (!_au_ledger_finish (self, ok, error))
    return FALSE;

  *tree = result;
  return TRUE;
}

static gint64
com_of_tree (AuLedger  *self,
             gint64     root_id,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "SELECT id FROM ledger_accounts WHERE root_id = ?1 AND kind = 'com';",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, root_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
               "the tree of account %" G_GINT64_FORMAT " has no Com sleeve", root_id);
  return 0;
}

/* D2.3: at the 3rd anniversary, or at 3x the initial capital. */
static gboolean
require_merge_due (AuLedger         *self,
                   AuLedgerAccount  *mini,
                   GDateTime        *time,
                   GError          **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (mini->created_at, NULL);
  g_autoptr(GDateTime) anniversary = NULL;
  AuLedgerSummary summary;
  AuMoney target;

  if (created == NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "%s has an unreadable creation time “%s”", mini->name, mini->created_at);
      return FALSE;
    }
  anniversary = g_date_time_add_years (created, p->fork.mini_merge_years);
  if (g_date_time_compare (time, anniversary) >= 0)
    return TRUE;

  if (!au_ledger_get_summary (self, mini->id, &summary, error))
    return FALSE;
  target = au_money_mul_fraction (mini->initial_capital, p->fork.mini_merge_multiple);
  if (summary.equity_at_cost >= target)
    return TRUE;

  {
    g_autofree char *equity_text = _au_ledger_dollars (summary.equity_at_cost);
    g_autofree char *target_text = _au_ledger_dollars (target);
    g_autofree char *date_text = g_date_time_format (anniversary, "%Y-%m-%d");

    g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE,
                 "D2.3: %s holds %s, below %s, and its anniversary is %s; no merge yet",
                 mini->name, equity_text, target_text, date_text);
  }
  return FALSE;
}

static gint64
merge_mini_locked (AuLedger   *self,
                   gint64      mini_id,
                   GDateTime  *time,
                   GError    **error)
{
  static const AuBook moved[] = { AU_BOOK_CASH, AU_BOOK_TAX_RESERVE, AU_BOOK_LEAP_BUDGET };
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  g_autoptr(GArray) positions = NULL;
  g_autofree char *time_text = _au_ledger_format_time (time);
  g_autofree char *description = NULL;
  g_autofree char *total_text = NULL;
  AuLedgerAccount mini;
  AuLedgerAccount com;
  AuMoney total = 0;
  gint64 com_id;
  gint64 txn = 0;

  if (!_au_ledger_require_active (self, mini_id, &mini, error))
    return 0;

  if (mini.kind != AU_ACCOUNT_MINI)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "account: %s is not a MINI account", mini.name);
      goto out;
    }

  positions = au_ledger_list_positions (self, mini_id, TRUE, error);
  if (positions == NULL)
    goto out;
  if (positions->len > 0)
    {
      AuLedgerPosition *first = &g_array_index (positions, AuLedgerPosition, 0);

      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE,
                   "D2.3: %s still holds %" G_GINT64_FORMAT " %s %s; close its positions "
                   "before the merge", mini.name, first->quantity, first->symbol,
                   au_right_to_string (first->right));
      goto out;
    }

  if (!require_merge_due (self, &mini, time, error))
    goto out;

  com_id = com_of_tree (self, mini.root_id, error);
  if (com_id == 0)
    goto out;
  if (!_au_ledger_require_active (self, com_id, &com, error))
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      AuMoney balance;

      if (!_au_ledger_read_balance (self->database, mini_id, moved[i], &balance, error))
        {
          au_ledger_account_clear (&com);
          goto out;
        }
      _au_ledger_add (postings, mini_id, moved[i], -balance);
      _au_ledger_add (postings, com_id, moved[i], balance);
      total += balance;
    }
  _au_ledger_add (postings, mini_id, AU_BOOK_TRANSFERS, total);
  _au_ledger_add (postings, com_id, AU_BOOK_TRANSFERS, -total);

  total_text = _au_ledger_dollars (total);
  description = g_strdup_printf ("MINI merge: %s of %s into %s (D2.3)", total_text, mini.name,
                                 com.name);
  au_ledger_account_clear (&com);

  txn = _au_ledger_post_locked (self, time, "merge_mini", description, NULL, 0, postings, error);
  if (txn > 0 && !append_status (self, mini_id, AU_ACCOUNT_MERGED, time_text, description, txn,
                                 error))
    txn = 0;

out:
  au_ledger_account_clear (&mini);
  return txn;
}

/**
 * au_ledger_merge_mini:
 *
 * Moves a MINI's whole balance (it holds no positions any more) into the
 * Com sleeve of its parent's tree and marks it merged (D2.3).
 *
 * Returns: the transaction id, or 0 with @error set
 */
gint64
au_ledger_merge_mini (AuLedger   *self,
                      gint64      mini_id,
                      GDateTime  *time,
                      GError    **error)
{
  gint64 txn;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  if (!_au_ledger_begin (self, error))
    return 0;
  txn = merge_mini_locked (self, mini_id, time, error);
  return _au_ledger_finish_id (self, txn, error);
}

gboolean
au_ledger_get_account (AuLedger         *self,
                       gint64            account_id,
                       AuLedgerAccount  *account,
                       GError          **error)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  return _au_ledger_load_account (self->database, account_id, account, error);
}

GArray *
au_ledger_list_accounts (AuLedger  *self,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) accounts = NULL;
  int rc;

  g_return_val_if_fail (AU_IS_LEDGER (self), NULL);

  stmt = au_database_prepare (self->database, "SELECT id FROM ledger_accounts ORDER BY id;", error);
  if (stmt == NULL)
    return NULL;

  accounts = g_array_new (FALSE, TRUE, sizeof (AuLedgerAccount));
  g_array_set_clear_func (accounts, (GDestroyNotify) au_ledger_account_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuLedgerAccount account;

      if (!_au_ledger_load_account (self->database, sqlite3_column_int64 (stmt, 0), &account,
                                    error))
        return NULL;
      g_array_append_val (accounts, account);
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "listing accounts");
      return NULL;
    }
  return g_steal_pointer (&accounts);
}


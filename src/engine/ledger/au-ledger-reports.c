/* au-ledger-reports.c: balances, positions, P&L and the quarterly reinvestment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <string.h>

#include "au-ledger-private.h"
#include "au-money.h"

gboolean
au_ledger_get_balance (AuLedger  *self,
                       gint64     account_id,
                       AuBook     book,
                       AuMoney   *balance,
                       GError   **error)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail ((guint) book < AU_N_BOOKS, FALSE);
  g_return_val_if_fail (balance != NULL, FALSE);

  return _au_ledger_read_balance (self->database, account_id, book, balance, error);
}

/**
 * au_ledger_get_summary:
 * @summary: (out): every book in its natural sign, realized P&L and
 *   equity at cost
 */
gboolean
au_ledger_get_summary (AuLedger         *self,
                       gint64            account_id,
                       AuLedgerSummary  *summary,
                       GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  AuMoney stored[AU_N_BOOKS] = { 0, };
  guint rows = 0;
  int rc;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  stmt = au_database_prepare (self->database,
                              "SELECT b.book, IFNULL (c.balance, 0) FROM ledger_books b "
                              "LEFT JOIN ledger_balances c ON c.book_id = b.id "
                              "WHERE b.account_id = ?1;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuBook book;

      if (au_book_from_string ((const char *) sqlite3_column_text (stmt, 0), &book))
        stored[book] = sqlite3_column_int64 (stmt, 1);
      rows++;
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "reading balances");
      return FALSE;
    }
  if (rows == 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "no ALL-USE account %" G_GINT64_FORMAT, account_id);
      return FALSE;
    }

  memset (summary, 0, sizeof *summary);
  summary->cash = stored[AU_BOOK_CASH];
  summary->stock_at_cost = stored[AU_BOOK_STOCK];
  summary->options_held = stored[AU_BOOK_OPTIONS_HELD];
  summary->tax_reserve = stored[AU_BOOK_TAX_RESERVE];
  summary->leap_budget = stored[AU_BOOK_LEAP_BUDGET];
  summary->options_written = -stored[AU_BOOK_OPTIONS_WRITTEN];
  summary->contributed = -stored[AU_BOOK_CONTRIBUTED];
  summary->transfers_net = -stored[AU_BOOK_TRANSFERS];
  summary->premium_income = -stored[AU_BOOK_PREMIUM_INCOME];
  summary->stock_gains = -stored[AU_BOOK_STOCK_GAINS];
  summary->option_gains = -stored[AU_BOOK_OPTION_GAINS];
  summary->commissions = stored[AU_BOOK_COMMISSIONS];
  summary->realized_pnl = summary->premium_income + summary->stock_gains +
                          summary->option_gains - summary->commissions;
  summary->equity_at_cost = summary->cash + summary->stock_at_cost + summary->options_held +
                            summary->tax_reserve + summary->leap_budget -
                            summary->options_written;
  return TRUE;
}

GArray *
au_ledger_list_positions (AuLedger  *self,
                          gint64     account_id,
                          gboolean   open_only,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) positions = NULL;
  int rc;

  g_return_val_if_fail (AU_IS_LEDGER (self), NULL);

  stmt = au_database_prepare (self->database,
                              "SELECT p.id, i.symbol, i.option_right, i.strike, i.expiry, "
                              "i.multiplier, IFNULL (SUM (pp.quantity), 0) AS q, "
                              "IFNULL (SUM (pp.amount), 0) FROM ledger_positions p "
                              "JOIN ledger_instruments i ON i.id = p.instrument_id "
                              "LEFT JOIN ledger_postings pp ON pp.position_id = p.id "
                              "WHERE p.account_id = ?1 GROUP BY p.id "
                              "HAVING ?2 = 0 OR q <> 0 ORDER BY p.id;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);

  positions = g_array_new (FALSE, TRUE, sizeof (AuLedgerPosition));
  g_array_set_clear_func (positions, (GDestroyNotify) au_ledger_position_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AuLedgerPosition position = { 0, };
      const char *expiry = (const char *) sqlite3_column_text (stmt, 4);

      position.position_id = sqlite3_column_int64 (stmt, 0);
      position.account_id = account_id;
      position.symbol = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      au_right_from_string ((const char *) sqlite3_column_text (stmt, 2), &position.right);
      position.strike = sqlite3_column_int64 (stmt, 3);
      position.expiry = expiry != NULL && *expiry != '\0' ? g_strdup (expiry) : NULL;
      position.multiplier = sqlite3_column_int64 (stmt, 5);
      position.quantity = sqlite3_column_int64 (stmt, 6);
      position.cost_basis = sqlite3_column_int64 (stmt, 7);
      g_array_append_val (positions, position);
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "listing positions");
      return NULL;
    }
  return g_steal_pointer (&positions);
}

/**
 * au_ledger_unrealized_pnl:
 * @marks: (array length=n_marks): a price per open position
 *
 * R10.3: unrealized P&L is market value at the marks less cost basis,
 * summed over the open positions. A missing mark is an error, never a
 * guess.
 */
gboolean
au_ledger_unrealized_pnl (AuLedger            *self,
                          gint64               account_id,
                          const AuLedgerMark  *marks,
                          guint                n_marks,
                          AuMoney             *unrealized,
                          GError             **error)
{
  g_autoptr(GArray) positions = NULL;
  AuMoney total = 0;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (marks != NULL || n_marks == 0, FALSE);
  g_return_val_if_fail (unrealized != NULL, FALSE);

  positions = au_ledger_list_positions (self, account_id, TRUE, error);
  if (positions == NULL)
    return FALSE;

  for (guint m = 0; m < n_marks; m++)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < positions->len && !known; i++)
        known = g_array_index (positions, AuLedgerPosition, i).position_id == marks[m].position_id;
      if (!known || marks[m].price < 0)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "marks[%u]: %s", m, !known ? "not an open position of this account"
                                                  : "price must not be negative");
          return FALSE;
        }
    }

  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *position = &g_array_index (positions, AuLedgerPosition, i);
      const AuLedgerMark *mark = NULL;
      AuMoney market;

      for (guint m = 0; m < n_marks && mark == NULL; m++)
        if (marks[m].position_id == position->position_id)
          mark = &marks[m];
      if (mark == NULL)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "marks: none for position %" G_GINT64_FORMAT " (%s %s); unrealized P&L "
                       "needs a mark for every open position", position->position_id,
                       position->symbol, au_right_to_string (position->right));
          return FALSE;
        }
      /* A short position's market value is negative: what buying it back costs. */
      market = au_money_mul_ratio (mark->price, position->quantity * position->multiplier,
                                   AU_PRICE_SCALE / AU_MONEY_SCALE);
      total += market - position->cost_basis;
    }

  *unrealized = total;
  return TRUE;
}

static gboolean
realized_between (AuLedger     *self,
                  gint64        account_id,
                  const char   *from,
                  const char   *to,
                  AuMoney      *gains,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "SELECT -IFNULL (SUM (p.amount), 0) FROM ledger_postings p "
                              "JOIN ledger_books b ON b.id = p.book_id "
                              "JOIN ledger_transactions t ON t.id = p.transaction_id "
                              "WHERE b.account_id = ?1 AND b.type IN ('income', 'expense') "
                              "AND t.time >= ?2 AND t.time < ?3;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (self->database, error, "summing realized gains");
      return FALSE;
    }
  *gains = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * au_ledger_net_realized_gains:
 * @from: the period's start (included)
 * @to: the period's end (excluded)
 *
 * Income (premium, stock and option gains) less commissions booked in
 * [@from, @to); reversals in the period net out (D2.9's basis).
 */
gboolean
au_ledger_net_realized_gains (AuLedger   *self,
                              gint64      account_id,
                              GDateTime  *from,
                              GDateTime  *to,
                              AuMoney    *gains,
                              GError    **error)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  AuLedgerAccount account;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (gains != NULL, FALSE);

  if (!_au_ledger_load_account (self->database, account_id, &account, error))
    return FALSE;
  au_ledger_account_clear (&account);

  from_text = _au_ledger_format_time (from);
  to_text = _au_ledger_format_time (to);
  return realized_between (self, account_id, from_text, to_text, gains, error);
}

static gboolean
require_reinvesting_sleeve (AuLedger         *self,
                            AuLedgerAccount  *account,
                            GError          **error)
{
  const AuSleeveRules *rules = NULL;

  if (account->kind == AU_ACCOUNT_GEN)
    rules = au_constitution_get_sleeve (self->constitution, AU_SLEEVE_GEN);
  else if (account->kind == AU_ACCOUNT_REV)
    rules = au_constitution_get_sleeve (self->constitution, AU_SLEEVE_REV);
  else if (account->kind == AU_ACCOUNT_COM)
    rules = au_constitution_get_sleeve (self->constitution, AU_SLEEVE_COM);

  if (rules == NULL || !rules->reinvest)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE,
                   "R10.1/R10.2: %s does not reinvest (%s)", account->name,
                   account->kind == AU_ACCOUNT_GEN ? "Gen accumulates until a fork"
                   : account->kind == AU_ACCOUNT_MINI ? "a MINI does not reinvest"
                   : "only the Rev and Com sleeves reinvest");
      return FALSE;
    }
  return TRUE;
}

static gboolean
reinvest_locked (AuLedger              *self,
                 gint64                 account_id,
                 int                    year,
                 int                    quarter,
                 GDateTime             *time,
                 AuLedgerReinvestment  *result,
                 GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  AuDatabase *db = self->database;
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  g_autoptr(sqlite3_stmt) dup = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *description = NULL;
  AuLedgerAccount account;
  AuMoney rest;
  AuMoney cash;
  gboolean ok;

  if (eastern == NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "the system has no America/New_York time zone data (install tzdata)");
      return FALSE;
    }

  if (!_au_ledger_require_active (self, account_id, &account, error))
    return FALSE;
  ok = require_reinvesting_sleeve (self, &account, error);
  if (!ok)
    goto out;

  /* D2.9: the calendar quarter, New York time. */
  start = g_date_time_new (eastern, year, (quarter - 1) * 3 + 1, 1, 0, 0, 0);
  end = quarter == 4 ? g_date_time_new (eastern, year + 1, 1, 1, 0, 0, 0)
                     : g_date_time_new (eastern, year, quarter * 3 + 1, 1, 0, 0, 0);
  start_text = _au_ledger_format_time (start);
  end_text = _au_ledger_format_time (end);

  if (g_date_time_compare (time, end) < 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE,
                   "D2.9: Q%d %d is not over yet; the reinvestment runs after it ends",
                   quarter, year);
      ok = FALSE;
      goto out;
    }

  dup = au_database_prepare (db, "SELECT id FROM ledger_reinvestments WHERE account_id = ?1 "
                                 "AND period_start = ?2;", error);
  ok = dup != NULL;
  if (!ok)
    goto out;
  sqlite3_bind_int64 (dup, 1, account_id);
  sqlite3_bind_text (dup, 2, start_text, -1, SQLITE_STATIC);
  if (sqlite3_step (dup) == SQLITE_ROW)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_DUPLICATE,
                   "Q%d %d of %s is already reinvested; nothing was written", quarter, year,
                   account.name);
      ok = FALSE;
      goto out;
    }

  ok = realized_between (self, account_id, start_text, end_text, &result->gains, error);
  if (!ok)
    goto out;

  /* D2.9: gains at or below zero leave everything as it is. */
  if (result->gains <= 0)
    goto out;

  /* R3.5: 30% to the tax reserve; of the rest 25% to the LEAP budget and
   * what remains (75%, all rounding included) for contracts. */
  result->tax_reserve = au_money_mul_fraction (result->gains, p->reinvest.tax_reserve);
  rest = result->gains - result->tax_reserve;
  result->leaps = au_money_mul_fraction (rest, p->reinvest.leap_share);
  result->contracts = rest - result->leaps;

  ok = _au_ledger_read_balance (db, account_id, AU_BOOK_CASH, &cash, error);
  if (!ok)
    goto out;
  if (cash < result->tax_reserve + result->leaps)
    {
      g_autofree char *cash_text = _au_ledger_dollars (cash);
      g_autofree char *need_text = _au_ledger_dollars (result->tax_reserve + result->leaps);

      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                   "R3.5: %s has %s of cash, the reserve and LEAP budget need %s; "
                   "nothing was written", account.name, cash_text, need_text);
      ok = FALSE;
      goto out;
    }

  _au_ledger_add (postings, account_id, AU_BOOK_TAX_RESERVE, result->tax_reserve);
  _au_ledger_add (postings, account_id, AU_BOOK_LEAP_BUDGET, result->leaps);
  _au_ledger_add (postings, account_id, AU_BOOK_CASH, -(result->tax_reserve + result->leaps));

  {
    g_autofree char *gains_text = _au_ledger_dollars (result->gains);
    g_autofree char *reserve_text = _au_ledger_dollars (result->tax_reserve);
    g_autofree char *contracts_text = _au_ledger_dollars (result->contracts);
    g_autofree char *leaps_text = _au_ledger_dollars (result->leaps);

    description = g_strdup_printf ("Reinvestment of Q%d %d for %s: net realized gains %s, "
                                   "tax reserve %s, contracts %s, LEAP budget %s (R3.5, D2.9)",
                                   quarter, year, account.name, gains_text, reserve_text,
                                   contracts_text, leaps_text);
  }
  result->transaction_id = _au_ledger_post_locked (self, time, "reinvest", description, NULL, 0,
                                                   postings, error);
  ok = result->transaction_id > 0;
  if (!ok)
    goto out;

  insert = au_database_prepare (db,
                                "INSERT INTO ledger_reinvestments (account_id, period_start, "
                                "period_end, gains, tax_reserve, contracts, leaps, transaction_id) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);", error);
  ok = insert != NULL;
  if (!ok)
    goto out;
  sqlite3_bind_int64 (insert, 1, account_id);
  sqlite3_bind_text (insert, 2, start_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, end_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, result->gains);
  sqlite3_bind_int64 (insert, 5, result->tax_reserve);
  sqlite3_bind_int64 (insert, 6, result->contracts);
  sqlite3_bind_int64 (insert, 7, result->leaps);
  sqlite3_bind_int64 (insert, 8, result->transaction_id);
  ok = _au_ledger_step_done (db, insert, "recording a reinvestment", error);

out:
  au_ledger_account_clear (&account);
  return ok;
}

/**
 * au_ledger_reinvest_quarter:
 * @quarter: 1 to 4
 * @time: now; the quarter must be over
 * @result: (out): the gains and the amounts booked
 *
 * R3.5 / D2.9 for a Rev or Com sleeve: 30% of the quarter's net realized
 * gains to the tax reserve, of the rest 75% for contracts (it stays in
 * cash) and 25% to the LEAP budget. Nothing is booked when the gains are
 * zero or less. A quarter is reinvested once.
 */
gboolean
au_ledger_reinvest_quarter (AuLedger              *self,
                            gint64                 account_id,
                            int                    year,
                            int                    quarter,
                            GDateTime             *time,
                            AuLedgerReinvestment  *result,
                            GError               **error)
{
  AuLedgerReinvestment out = { 0, };
  gboolean ok;

  g_return_val_if_fail (AU_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (quarter < 1 || quarter > 4 || year < 1970 || year > 9998)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "%s: out of range", quarter < 1 || quarter > 4 ? "quarter" : "year");
      return FALSE;
    }

  if (!_au_ledger_begin (self, error))
    return FALSE;
  ok = reinvest_locked (self, account_id, year, quarter, time, &out, error);
  if (!_au_ledger_finish (self, ok, error))
    return FALSE;

  *result = out;
  return TRUE;
}

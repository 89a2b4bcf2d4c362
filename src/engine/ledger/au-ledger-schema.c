/* au-ledger-schema.c: the ledger's tables (decisions D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include "au-ledger-schema.h"

/* Refuses UPDATE and DELETE on a table: posted history is corrected by a
 * reversing transaction, never rewritten (D3). */
#define APPEND_ONLY(table)                                                       \
  "CREATE TRIGGER " table "_no_update BEFORE UPDATE ON " table " BEGIN"          \
  "  SELECT RAISE (ABORT, '" table " is append-only: post a reversing transaction');" \
  " END;"                                                                        \
  "CREATE TRIGGER " table "_no_delete BEFORE DELETE ON " table " BEGIN"          \
  "  SELECT RAISE (ABORT, '" table " is append-only: post a reversing transaction');" \
  " END;"

static const char *migrations[] = {
  /* Version 1 */
  /* The ALL-USE account tree: roots, their Gen/Rev/Com sleeves, MINIs
   * (parent = the Gen sleeve they forked from, D2.2) and forked trees
   * (parent = the Rev sleeve, R3.6). Status is an appended event. */
  "CREATE TABLE ledger_accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('root', 'gen', 'rev', 'com', 'mini')),"
  "  name TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES ledger_accounts (id),"
  "  root_id INTEGER NOT NULL REFERENCES ledger_accounts (id),"
  "  initial_capital INTEGER NOT NULL CHECK (initial_capital >= 0),"
  "  mini_gen_capital INTEGER NOT NULL DEFAULT 0,"
  "  mini_com_capital INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL"
  ");"
  APPEND_ONLY ("ledger_accounts")
  "CREATE TABLE ledger_transactions ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  reverses INTEGER UNIQUE REFERENCES ledger_transactions (id),"
  "  external_ref TEXT UNIQUE,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL UNIQUE"
  ");"
  APPEND_ONLY ("ledger_transactions")
  "CREATE INDEX ledger_transactions_time ON ledger_transactions (time);"
  "CREATE TABLE ledger_account_events ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),"
  "  status TEXT NOT NULL CHECK (status IN ('active', 'merged', 'closed')),"
  "  time TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  transaction_id INTEGER REFERENCES ledger_transactions (id)"
  ");"
  APPEND_ONLY ("ledger_account_events")
  "CREATE INDEX ledger_account_events_account ON ledger_account_events (account_id);"
  "CREATE TABLE ledger_books ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),"
  "  book TEXT NOT NULL CHECK (book IN ('cash', 'stock', 'options_held', 'tax_reserve',"
  "    'leap_budget', 'options_written', 'contributed', 'transfers', 'premium_income',"
  "    'stock_gains', 'option_gains', 'commissions')),"
  "  type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),"
  "  UNIQUE (account_id, book)"
  ");"
  APPEND_ONLY ("ledger_books")
  "CREATE TABLE ledger_instruments ("
  "  id INTEGER PRIMARY KEY,"
  "  symbol TEXT NOT NULL,"
  "  option_right TEXT NOT NULL CHECK (option_right IN ('stock', 'put', 'call')),"
  "  strike INTEGER NOT NULL CHECK (strike >= 0),"
  "  expiry TEXT NOT NULL,"
  "  multiplier INTEGER NOT NULL CHECK (multiplier > 0),"
  "  UNIQUE (symbol, option_right, strike, expiry, multiplier)"
  ");"
  APPEND_ONLY ("ledger_instruments")
  /* One row per account and instrument; quantity and cost basis are the
   * sums of the postings that carry the position. */
  "CREATE TABLE ledger_positions ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),"
  "  instrument_id INTEGER NOT NULL REFERENCES ledger_instruments (id),"
  "  opened_at TEXT NOT NULL,"
  "  UNIQUE (account_id, instrument_id)"
  ");"
  APPEND_ONLY ("ledger_positions")
  /* Signed integer cents, debit positive. A posting of a holding book
   * carries its position and the change of its quantity. */
  "CREATE TABLE ledger_postings ("
  "  id INTEGER PRIMARY KEY,"
  "  transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),"
  "  book_id INTEGER NOT NULL REFERENCES ledger_books (id),"
  "  amount INTEGER NOT NULL,"
  "  position_id INTEGER REFERENCES ledger_positions (id),"
  "  quantity INTEGER NOT NULL DEFAULT 0,"
  "  CHECK (amount <> 0 OR quantity <> 0)"
  ");"
  APPEND_ONLY ("ledger_postings")
  "CREATE INDEX ledger_postings_transaction ON ledger_postings (transaction_id);"
  "CREATE INDEX ledger_postings_book ON ledger_postings (book_id);"
  "CREATE INDEX ledger_postings_position ON ledger_postings (position_id);"
  /* The balance cache, kept in the posting's own SQLite transaction. */
  "CREATE TABLE ledger_balances ("
  "  book_id INTEGER PRIMARY KEY REFERENCES ledger_books (id),"
  "  balance INTEGER NOT NULL"
  ");"
  "CREATE TRIGGER ledger_postings_cache AFTER INSERT ON ledger_postings BEGIN"
  "  INSERT INTO ledger_balances (book_id, balance) VALUES (NEW.book_id, NEW.amount)"
  "  ON CONFLICT (book_id) DO UPDATE SET balance = balance + NEW.amount;"
  " END;"
  /* Orders: the intent is persisted before the order is sent (D4). */
  "CREATE TABLE ledger_orders ("
  "  id INTEGER PRIMARY KEY,"
  "  client_order_id TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES ledger_orders (id),"
  "  account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),"
  "  instrument_id INTEGER NOT NULL REFERENCES ledger_instruments (id),"
  "  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  limit_price INTEGER NOT NULL CHECK (limit_price > 0),"
  "  rule_reference TEXT NOT NULL,"
  "  mini_rules TEXT CHECK (mini_rules IN ('gen', 'com')),"
  "  intent TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  APPEND_ONLY ("ledger_orders")
  "CREATE TABLE ledger_order_events ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES ledger_orders (id),"
  "  event TEXT NOT NULL CHECK (event IN ('submitted', 'acknowledged', 'partially_filled',"
  "    'filled', 'cancelled', 'rejected')),"
  "  time TEXT NOT NULL,"
  "  detail TEXT NOT NULL"
  ");"
  APPEND_ONLY ("ledger_order_events")
  "CREATE INDEX ledger_order_events_order ON ledger_order_events (order_id);"
  "CREATE TABLE ledger_fills ("
  "  id INTEGER PRIMARY KEY,"
  "  execution_id TEXT NOT NULL UNIQUE,"
  "  order_id INTEGER REFERENCES ledger_orders (id),"
  "  transaction_id INTEGER NOT NULL UNIQUE REFERENCES ledger_transactions (id),"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  price INTEGER NOT NULL CHECK (price >= 0),"
  "  commission INTEGER NOT NULL CHECK (commission >= 0),"
  "  time TEXT NOT NULL"
  ");"
  APPEND_ONLY ("ledger_fills")
  "CREATE INDEX ledger_fills_order ON ledger_fills (order_id);"
  /* R3.5 / D2.9: one reinvestment per account and quarter. */
  "CREATE TABLE ledger_reinvestments ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES ledger_accounts (id),"
  "  period_start TEXT NOT NULL,"
  "  period_end TEXT NOT NULL,"
  "  gains INTEGER NOT NULL,"
  "  tax_reserve INTEGER NOT NULL,"
  "  contracts INTEGER NOT NULL,"
  "  leaps INTEGER NOT NULL,"
  "  transaction_id INTEGER REFERENCES ledger_transactions (id),"
  "  UNIQUE (account_id, period_start)"
  ");"
  APPEND_ONLY ("ledger_reinvestments"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == AU_LEDGER_SCHEMA_VERSION);

gboolean
au_ledger_schema_migrate (AuDatabase  *database,
                          GError     **error)
{
  g_return_val_if_fail (AU_IS_DATABASE (database), FALSE);

  return au_database_migrate (database, "ledger", migrations, G_N_ELEMENTS (migrations), error);
}

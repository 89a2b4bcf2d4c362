/* ledger-fixture.h: a fresh ledger in a temporary database per test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "au-ledger.h"
#include "au-ledger-check.h"

#define DOLLARS(n) ((AuMoney) (n) * 100)

typedef struct
{
  char           *dir;
  char           *path;
  AuDatabase     *db;
  AuConstitution *constitution;
  AuLedger       *ledger;
} Fixture;

static inline void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->db = au_database_open (f->path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  f->ledger = au_ledger_new (f->db, f->constitution, &error);
  g_assert_no_error (error);
}

static inline void
fixture_close (Fixture *f)
{
  g_clear_object (&f->ledger);
  g_clear_object (&f->db);
}

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("alluse-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  fixture_open (f);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  fixture_close (f);
  g_clear_object (&f->constitution);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static inline GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static inline AuMoney
balance (Fixture *f,
         gint64   account,
         AuBook   book)
{
  g_autoptr(GError) error = NULL;
  AuMoney value = G_MININT64;

  g_assert_true (au_ledger_get_balance (f->ledger, account, book, &value, &error));
  g_assert_no_error (error);
  return value;
}

static inline AuLedgerSummary
summary (Fixture *f,
         gint64   account)
{
  g_autoptr(GError) error = NULL;
  AuLedgerSummary s;

  g_assert_true (au_ledger_get_summary (f->ledger, account, &s, &error));
  g_assert_no_error (error);
  return s;
}

/* Realized income booked straight to cash, the way interest would be:
 * it lets a test put a sleeve at an exact balance. */
static inline gint64
earn (Fixture    *f,
      gint64      account,
      AuMoney     amount,
      const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);
  AuLedgerPosting postings[] = {
    { account, AU_BOOK_CASH, amount },
    { account, AU_BOOK_PREMIUM_INCOME, -amount },
  };
  gint64 txn = au_ledger_post (f->ledger, time, "income", "test income", NULL, postings, 2,
                               &error);

  g_assert_no_error (error);
  g_assert_cmpint (txn, >, 0);
  return txn;
}

static inline gint64
count (Fixture    *f,
       const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s;", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (au_database_get_handle (f->db), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static inline void
assert_check_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AuLedgerCheckResult result;

  g_assert_true (au_ledger_check (f->db, &result, &error));
  g_assert_no_error (error);
  if (!result.ok)
    g_error ("ledger check failed: %s", result.problem);
  g_assert_cmpint (result.transactions, ==, count (f, "ledger_transactions"));
  au_ledger_check_result_clear (&result);
}

static inline AuLedgerTree
make_tree (Fixture *f,
           AuMoney  deposit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at ("2026-01-05T14:00:00Z");
  AuLedgerTree tree = { 0, };

  g_assert_true (au_ledger_create_tree (f->ledger, deposit, time, &tree, &error));
  g_assert_no_error (error);
  return tree;
}

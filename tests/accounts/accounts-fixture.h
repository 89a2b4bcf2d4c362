/* accounts-fixture.h: a ledger, audit trail, rules engine and account
 * manager in a temporary database per test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "au-account-manager.h"
#include "au-ledger-check.h"

#define DOLLARS(n) ((AuMoney) (n) * 100)

typedef struct
{
  char             *dir;
  AuDatabase       *db;
  AuConstitution   *constitution;
  AuLedger         *ledger;
  AuAuditLog       *audit;
  AuRulesEngine    *rules;
  AuAccountManager *manager;
} Fixture;

static inline void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("alluse-accounts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "accounts.db", NULL);
  f->constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  f->db = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  f->ledger = au_ledger_new (f->db, f->constitution, &error);
  g_assert_no_error (error);
  f->audit = au_audit_log_new (f->db, &error);
  g_assert_no_error (error);
  f->rules = au_rules_engine_new (f->constitution, f->audit);
  f->manager = au_account_manager_new (f->constitution, f->db, f->ledger, f->audit, f->rules,
                                       &error);
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->manager);
  g_clear_object (&f->rules);
  g_clear_object (&f->audit);
  g_clear_object (&f->ledger);
  g_clear_object (&f->db);
  g_clear_object (&f->constitution);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static inline GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
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

static inline AuMoney
book (Fixture *f,
      gint64   account,
      AuBook   which)
{
  g_autoptr(GError) error = NULL;
  AuMoney value = G_MININT64;

  g_assert_true (au_ledger_get_balance (f->ledger, account, which, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* Realized income (or, negative, a realized loss) straight to cash: it
 * puts a sleeve at an exact balance. */
static inline void
earn (Fixture    *f,
      gint64      account,
      AuMoney     amount,
      const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);
  AuLedgerPosting postings[] = {
    { account, AU_BOOK_CASH, amount },
    { account, amount >= 0 ? AU_BOOK_PREMIUM_INCOME : AU_BOOK_COMMISSIONS, -amount },
  };

  g_assert_cmpint (au_ledger_post (f->ledger, time, "income", "test income", NULL, postings, 2,
                                   &error), >, 0);
  g_assert_no_error (error);
}

static inline AuLedgerTree
portfolio (Fixture    *f,
           AuMoney     capital,
           const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);
  AuLedgerTree tree = { 0, };

  g_assert_true (au_account_manager_ensure_portfolio (f->manager, capital, time, &tree, &error));
  g_assert_no_error (error);
  return tree;
}

static inline void
assert_ledger_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AuLedgerCheckResult result;

  g_assert_true (au_ledger_check (f->db, &result, &error));
  g_assert_no_error (error);
  if (!result.ok)
    g_error ("ledger check failed: %s", result.problem);
  au_ledger_check_result_clear (&result);
}

static inline gboolean
record_has_rule (const AuAuditRecord *record,
                 const char          *rule)
{
  return record->rules != NULL && g_strv_contains ((const char * const *) record->rules, rule);
}

/* Audit records of @kind with @verdict, by the engine; newest first. */
static inline guint
count_records (Fixture    *f,
               const char *kind,
               const char *verdict,
               const char *rule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = au_audit_log_list (f->db, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      const AuAuditRecord *r = g_ptr_array_index (records, i);

      if (g_strcmp0 (r->kind, kind) == 0 && g_strcmp0 (r->actor, "engine") == 0
          && (verdict == NULL || g_strcmp0 (r->verdict, verdict) == 0)
          && (rule == NULL || record_has_rule (r, rule)))
        n++;
    }
  return n;
}

static inline void
assert_audit_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AuAuditVerifyResult result = { 0, };

  g_assert_true (au_audit_log_verify (f->db, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.ok);
  au_audit_verify_result_clear (&result);
}

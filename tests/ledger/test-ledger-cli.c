/* test-ledger-cli.c: alluse-cli ledger check/export against rows changed
 * behind the triggers' back with the real sqlite3 shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "ledger-fixture.h"

#define SQLITE3_SHELL "/usr/bin/sqlite3"

/* Transaction 1 opens the tree (postings 1-8), 2 sells a CSP (postings
 * 9-12: cash, options written, commission, cash), 3 assigns it. */
static void
write_ledger (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) thursday = at ("2026-11-19T15:00:00Z");
  g_autoptr(GDateTime) friday = at ("2026-11-20T21:30:00Z");
  AuLedgerTree tree = make_tree (f, DOLLARS (300000));
  AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-11-20", 100 };
  AuFill sold = { "0000e0d5.6571a2b1.01.01", NULL, 1, 12000, 65 };

  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, tree.gen, &put, &sold, thursday, &error),
                   ==, 2);
  g_assert_cmpint (au_ledger_assign (f->ledger, tree.gen, &put, 1, NULL, friday, &error), ==, 3);
  g_assert_no_error (error);
  fixture_close (f);
}

static int
run (const char * const  *args,
     char               **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  int status = -1;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s → %s%s", args[0], out != NULL ? *out : "", err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
tamper (Fixture    *f,
        const char *sql)
{
  const char *args[] = { SQLITE3_SHELL, f->path, sql, NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run (args, &out), ==, 0);
}

static JsonObject *
check_json (Fixture *f,
            int      expected_status)
{
  const char *cli = g_getenv ("ALLUSE_CLI");
  const char *args[] = { cli, "ledger", "check", "--db", f->path, "--json", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (args, &out), ==, expected_status);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
tools_missing (void)
{
  if (g_getenv ("ALLUSE_CLI") == NULL)
    {
      g_test_skip ("ALLUSE_CLI is not set");
      return TRUE;
    }
  if (!g_file_test (SQLITE3_SHELL, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no " SQLITE3_SHELL);
      return TRUE;
    }
  return FALSE;
}

static void
test_intact (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) result = NULL;

  if (tools_missing ())
    return;
  write_ledger (f);
  result = check_json (f, 0);
  g_assert_true (json_object_get_boolean_member (result, "ok"));
  g_assert_cmpint (json_object_get_int_member (result, "transactions"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (result, "postings"), ==, 8 + 4 + 3);
  g_assert_cmpint (strlen (json_object_get_string_member (result, "head")), ==, 64);
}

typedef struct
{
  const char *name;
  const char *sql;
  const char *fault;
  gint64      transaction;
  const char *words;
} Tampering;

static const Tampering tamperings[] = {
  { "amount",
    "DROP TRIGGER ledger_postings_no_update;"
    "UPDATE ledger_postings SET amount = amount + 100 WHERE id = 9;",
    "unbalanced", 2, "transaction 2 does not balance" },
  { "balanced-pair",
    "DROP TRIGGER ledger_postings_no_update;"
    "UPDATE ledger_postings SET amount = amount + 100 WHERE id = 9;"
    "UPDATE ledger_postings SET amount = amount - 100 WHERE id = 10;",
    "hash_mismatch", 2, "transaction 2 does not match its hash" },
  { "description",
    "DROP TRIGGER ledger_transactions_no_update;"
    "UPDATE ledger_transactions SET description = 'nothing to see' WHERE id = 2;",
    "hash_mismatch", 2, "transaction 2" },
  { "deleted",
    "DROP TRIGGER ledger_postings_no_delete; DROP TRIGGER ledger_transactions_no_delete;"
    "PRAGMA foreign_keys = OFF;"
    "DELETE FROM ledger_postings WHERE transaction_id = 2;"
    "DELETE FROM ledger_transactions WHERE id = 2;",
    "broken_chain", 3, "transaction 3 does not follow transaction 1" },
  { "cache",
    "UPDATE ledger_balances SET balance = balance + 1 WHERE book_id = 13;",
    "cache_mismatch", 0, "book account 13 (cash of account 2)" },
  { "orphan",
    "DROP TRIGGER ledger_transactions_no_delete; PRAGMA foreign_keys = OFF;"
    "DELETE FROM ledger_transactions WHERE id = 3;",
    "orphan", 3, "transaction 3, which does not exist" },
};

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  const Tampering *t = data;
  g_autoptr(JsonObject) result = NULL;
  const char *cli = g_getenv ("ALLUSE_CLI");
  g_autofree char *plain = NULL;

  if (tools_missing ())
    return;
  write_ledger (f);
  tamper (f, t->sql);

  result = check_json (f, 1);
  g_assert_false (json_object_get_boolean_member (result, "ok"));
  g_assert_cmpstr (json_object_get_string_member (result, "fault"), ==, t->fault);
  if (t->transaction > 0)
    g_assert_cmpint (json_object_get_int_member (result, "transaction"), ==, t->transaction);
  g_assert_nonnull (strstr (json_object_get_string_member (result, "problem"), t->words));

  {
    const char *args[] = { cli, "ledger", "check", "--db", f->path, NULL };

    g_assert_cmpint (run (args, &plain), ==, 1);
    g_assert_nonnull (strstr (plain, t->words));
  }
}

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  const char *cli = g_getenv ("ALLUSE_CLI");
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  const char *no_file[] = { cli, "ledger", "check", "--db", missing, "--json", NULL };
  const char *no_ledger[] = { cli, "ledger", "check", "--db", other, NULL };
  const char *bad_option[] = { cli, "ledger", "check", "--db", other, "--csv", NULL };

  if (tools_missing ())
    return;
  tamper (&(Fixture) { .path = other }, "CREATE TABLE t (x);");
  g_assert_cmpint (run (no_file, &out), ==, 2);
  g_assert_cmpstr (out, ==, "");  /* --json: nothing but JSON on stdout */
  g_assert_cmpint (run (no_ledger, &out2), ==, 2);
  g_assert_cmpint (run (bad_option, &out3), ==, 2);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const char *cli = g_getenv ("ALLUSE_CLI");
  const char *args[] = { cli, "ledger", "export", "--db", f->path, "--csv", NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  if (tools_missing ())
    return;
  write_ledger (f);
  g_assert_cmpint (run (args, &out), ==, 0);
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "transaction,time,kind,description,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 15 + 1);  /* header, postings, "" */
  /* The CSP's premium and its IB execution id; the shares at $19,880. */
  g_assert_nonnull (strstr (out, "0000e0d5.6571a2b1.01.01"));
  g_assert_nonnull (strstr (out, ",options_written,liability,-120.00,AAPL,put,200.0000,2026-11-20,-1,"));
  g_assert_nonnull (strstr (out, ",stock,asset,19880.00,AAPL,stock,,,100,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ledger/cli/check-intact", Fixture, NULL, fixture_set_up, test_intact,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ledger/cli/check-tampered/%s",
                                               tamperings[i].name);

      g_test_add (path, Fixture, &tamperings[i], fixture_set_up, test_tampered,
                  fixture_tear_down);
    }
  g_test_add ("/ledger/cli/check-unreadable", Fixture, NULL, fixture_set_up, test_unreadable,
              fixture_tear_down);
  g_test_add ("/ledger/cli/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);

  return g_test_run ();
}

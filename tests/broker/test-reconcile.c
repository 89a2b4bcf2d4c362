/* test-reconcile.c: the ledger's partitions against the broker's account,
 * position by position and cash within $1 (D3, R9.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "au-constitution.h"
#include "au-database.h"
#include "au-ledger.h"
#include "au-money.h"
#include "au-reconcile.h"

typedef struct
{
  char           *dir;
  AuDatabase     *db;
  AuConstitution *constitution;
  AuLedger       *ledger;
  AuLedgerTree    tree;
  AuMoney         cash;       /* what the ledger's partitions hold, by hand */
} Fixture;

#define DOLLARS(d) ((AuMoney) ((d) * 100))
#define PRICE(d)   ((AuPrice) ((d) * AU_PRICE_SCALE))

static const AuInstrument put200 = { "AAPL", AU_RIGHT_PUT, PRICE (200), "2026-11-20", 100 };

/* $300,000 in one tree; Gen sells 2 AAPL Nov 20 200 puts at $3.00 ($1.30
 * commission), Rev 1 more at $3.00 ($0.65), Com buys 100 AAPL at $190.00
 * ($1.00): three partitions holding -3 puts and 100 shares together. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = g_date_time_new_utc (2026, 11, 16, 15, 0, 0);
  g_autofree char *path = NULL;
  AuFill gen_fill = { "exec-1", NULL, 2, PRICE (3.00), DOLLARS (1.30) };
  AuFill rev_fill = { "exec-2", NULL, 1, PRICE (3.00), DOLLARS (0.65) };
  AuFill com_fill = { "exec-3", NULL, 100, PRICE (190.00), DOLLARS (1.00) };

  f->dir = g_dir_make_tmp ("test-reconcile-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "ledger.db", NULL);
  f->db = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  f->constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  f->ledger = au_ledger_new (f->db, f->constitution, &error);
  g_assert_no_error (error);
  g_assert_true (au_ledger_create_tree (f->ledger, DOLLARS (300000), opened, &f->tree, &error));
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, f->tree.gen, &put200, &gen_fill, opened,
                                           &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, f->tree.rev, &put200, &rev_fill, opened,
                                           &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (au_ledger_buy_stock (f->ledger, f->tree.com, "AAPL", &com_fill, opened,
                                        &error), >, 0);
  g_assert_no_error (error);
  f->cash = DOLLARS (300000) + DOLLARS (600) - DOLLARS (1.30) + DOLLARS (300) - DOLLARS (0.65)
            - DOLLARS (19000) - DOLLARS (1.00);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "ledger.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->ledger);
  g_clear_object (&f->db);
  g_clear_object (&f->constitution);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
broker_positions (gint64 puts,
                  gint64 shares,
                  gint64 msft)
{
  GPtrArray *positions = g_ptr_array_new_with_free_func ((GDestroyNotify) au_broker_position_free);
  GDate expiry;

  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, 20, 11, 2026);
  if (puts != 0)
    {
      AuBrokerPosition *p = g_new0 (AuBrokerPosition, 1);

      au_contract_init_option (&p->contract, "AAPL", AU_OPTION_PUT, PRICE (200), &expiry);
      p->quantity = puts;
      g_ptr_array_add (positions, p);
    }
  if (shares != 0)
    {
      AuBrokerPosition *p = g_new0 (AuBrokerPosition, 1);

      au_contract_init_stock (&p->contract, "AAPL");
      p->quantity = shares;
      g_ptr_array_add (positions, p);
    }
  if (msft != 0)
    {
      AuBrokerPosition *p = g_new0 (AuBrokerPosition, 1);

      au_contract_init_stock (&p->contract, "MSFT");
      p->quantity = msft;
      g_ptr_array_add (positions, p);
    }
  return positions;
}

/* The sum of the partitions equals the account: -3 puts (Gen 2, Rev 1),
 * 100 shares (Com), $281,897.05 of cash. */
static void
test_match (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) broker = broker_positions (-3, 100, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AuReconcileReport report;

  g_assert_cmpint (f->cash, ==, 28189705);
  g_assert_true (au_reconcile_compare (f->ledger, broker, f->cash, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.ledger_cash, ==, 28189705);
  g_assert_cmpint (report.cash_difference, ==, 0);
  g_assert_cmpuint (report.n_compared, ==, 2);
  g_assert_cmpuint (report.mismatches->len, ==, 0);
  g_assert_true (au_reconcile_report_ok (&report));
  text = au_reconcile_report_describe (&report);
  g_assert_nonnull (strstr (text, "difference 0.00, within"));
  au_reconcile_report_clear (&report);
}

/* D3's $1: inside, on and just outside, both ways. */
static void
test_cash_tolerance (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) broker = broker_positions (-3, 100, 0);
  const struct { AuMoney delta; gboolean ok; } cases[] = {
    { 99, TRUE }, { 100, TRUE }, { 101, FALSE }, { -100, TRUE }, { -101, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AuReconcileReport report;

      g_assert_true (au_reconcile_compare (f->ledger, broker, f->cash + cases[i].delta, &report,
                                           &error));
      g_assert_no_error (error);
      g_assert_cmpint (report.cash_difference, ==, cases[i].delta);
      g_assert_cmpint (report.cash_ok, ==, cases[i].ok);
      g_assert_true (report.positions_ok);
      g_assert_cmpint (au_reconcile_report_ok (&report), ==, cases[i].ok);
      au_reconcile_report_clear (&report);
    }
}

/* A put short, a foreign position, a missing one: each named with both
 * sides' quantities, in contract order. */
static void
test_position_mismatches (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) broker = broker_positions (-2, 0, 50);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const AuReconcileMismatch *m;
  AuReconcileReport report;

  g_assert_true (au_reconcile_compare (f->ledger, broker, f->cash, &report, &error));
  g_assert_no_error (error);
  g_assert_false (report.positions_ok);
  g_assert_true (report.cash_ok);
  g_assert_false (au_reconcile_report_ok (&report));
  g_assert_cmpuint (report.n_compared, ==, 3);
  g_assert_cmpuint (report.mismatches->len, ==, 3);
  m = &g_array_index (report.mismatches, AuReconcileMismatch, 0);
  g_assert_cmpstr (m->contract, ==, "AAPL");
  g_assert_cmpint (m->ledger, ==, 100);
  g_assert_cmpint (m->broker, ==, 0);
  m = &g_array_index (report.mismatches, AuReconcileMismatch, 1);
  g_assert_cmpstr (m->contract, ==, "AAPL 2026-11-20 P 200");
  g_assert_cmpint (m->ledger, ==, -3);
  g_assert_cmpint (m->broker, ==, -2);
  m = &g_array_index (report.mismatches, AuReconcileMismatch, 2);
  g_assert_cmpstr (m->contract, ==, "MSFT");
  g_assert_cmpint (m->ledger, ==, 0);
  g_assert_cmpint (m->broker, ==, 50);
  text = au_reconcile_report_describe (&report);
  g_assert_nonnull (strstr (text, "AAPL 2026-11-20 P 200: the broker holds -2, the ledger's "
                                  "partitions -3"));
  au_reconcile_report_clear (&report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/broker/reconcile/match", Fixture, NULL, fixture_setup, test_match,
              fixture_teardown);
  g_test_add ("/broker/reconcile/cash-tolerance", Fixture, NULL, fixture_setup,
              test_cash_tolerance, fixture_teardown);
  g_test_add ("/broker/reconcile/position-mismatches", Fixture, NULL, fixture_setup,
              test_position_mismatches, fixture_teardown);
  return g_test_run ();
}

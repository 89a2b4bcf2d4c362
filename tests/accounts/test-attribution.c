/* test-attribution.c: every account's and every fork's part of the total
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "accounts-fixture.h"
#include "au-attribution.h"

static const AuAttributionLine *
line_of (GArray *lines,
         gint64  id)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_array_index (lines, AuAttributionLine, i).id == id)
      return &g_array_index (lines, AuAttributionLine, i);
  return NULL;
}

static void
test_attribution_sums (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cut_time = at ("2026-01-09T16:30:00-05:00");
  g_autoptr(GDateTime) thursday = at ("2026-01-15T10:15:00-05:00");
  g_autoptr(GArray) start = NULL;
  g_autoptr(GArray) end = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_auto(AuLifecycleResult) result = { 0, };
  AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-01-16", 100 };
  AuFill sold = { "exec-1", NULL, 1, 11200, 65 };
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), "2026-01-05T14:00:00Z");
  AuAttribution attribution = { 0, };
  AuLedgerMark mark;
  const AuAttributionLine *gen, *mini, *line;
  AuMoney gains = 0, ends = 0, flows = 0;
  double contributions = 0;
  gint64 mini_id;

  start = au_attribution_snapshot (f->ledger, NULL, 0, &error);
  g_assert_no_error (error);

  earn (f, tree.gen, DOLLARS (106500), "2026-01-08T15:00:00Z");
  g_assert_true (au_account_manager_weekly_cut (f->manager, cut_time, &result, &error));
  mini_id = g_array_index (result.new_minis, gint64, 0);
  earn (f, tree.rev, DOLLARS (10000), "2026-01-12T15:00:00Z");
  g_assert_cmpint (au_ledger_sell_to_open (f->ledger, mini_id, &put, &sold, thursday, &error), >,
                   0);
  positions = au_ledger_list_positions (f->ledger, mini_id, TRUE, &error);
  g_assert_cmpuint (positions->len, ==, 1);
  mark.position_id = g_array_index (positions, AuLedgerPosition, 0).position_id;
  mark.price = 5000; /* $0.50: $62 of unrealized gain on the $112 premium */

  /* Every open position needs a mark (R10.3). */
  g_assert_null (au_attribution_snapshot (f->ledger, NULL, 0, &error));
  g_assert_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "AAPL"));
  g_clear_error (&error);

  end = au_attribution_snapshot (f->ledger, &mark, 1, &error);
  g_assert_no_error (error);
  g_assert_true (au_attribution_compute (start, end, &attribution, &error));
  g_assert_no_error (error);

  g_assert_cmpint (attribution.total.start_equity, ==, DOLLARS (300000));
  g_assert_cmpint (attribution.total.net_flows, ==, 0);
  g_assert_cmpint (attribution.total.gain, ==, DOLLARS (116500) - 65 + 6200);
  g_assert_cmpint (attribution.total.end_equity, ==, DOLLARS (416500) - 65 + 6200);

  for (guint i = 0; i < attribution.accounts->len; i++)
    {
      line = &g_array_index (attribution.accounts, AuAttributionLine, i);
      gains += line->gain;
      ends += line->end_equity;
      flows += line->net_flows;
      contributions += line->contribution;
    }
  g_assert_cmpint (gains, ==, attribution.total.gain);
  g_assert_cmpint (ends, ==, attribution.total.end_equity);
  g_assert_cmpint (flows, ==, 0);
  g_assert_cmpfloat_with_epsilon (contributions, 1.0, 1e-9);

  gen = line_of (attribution.accounts, tree.gen);
  g_assert_cmpint (gen->start_equity, ==, DOLLARS (120000));
  g_assert_cmpint (gen->end_equity, ==, DOLLARS (126500));
  g_assert_cmpint (gen->net_flows, ==, -DOLLARS (100000));
  g_assert_cmpint (gen->gain, ==, DOLLARS (106500));
  g_assert_cmpfloat_with_epsilon (gen->return_rate, 106500.0 / 120000.0, 1e-12);

  mini = line_of (attribution.accounts, mini_id);
  g_assert_cmpint (mini->start_equity, ==, 0);
  g_assert_cmpint (mini->net_flows, ==, DOLLARS (100000));
  g_assert_cmpint (mini->gain, ==, 6200 - 65);
  g_assert_cmpfloat_with_epsilon (mini->return_rate, 61.35 / 100000.0, 1e-12);

  /* The MINI belongs to the first tree, which is the whole total. */
  g_assert_cmpuint (attribution.trees->len, ==, 1);
  line = line_of (attribution.trees, tree.root);
  g_assert_cmpint (line->gain, ==, attribution.total.gain);
  g_assert_cmpfloat_with_epsilon (line->contribution, 1.0, 1e-12);

  json = au_attribution_to_json (&attribution);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
    json_object_get_object_member (json_node_get_object (json), "total"), "gain"),
    116561.35, 1e-6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_node_get_object (json), "accounts")), ==, attribution.accounts->len);
  au_attribution_clear (&attribution);
}

/* A Rev fork's new tree is attributed as its own line. */
static void
test_attribution_forked_tree (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) cut_time = at ("2026-01-09T16:30:00-05:00");
  g_autoptr(GArray) start = NULL;
  g_autoptr(GArray) end = NULL;
  g_auto(AuLifecycleResult) result = { 0, };
  AuLedgerTree tree = portfolio (f, DOLLARS (300000), "2026-01-05T14:00:00Z");
  AuAttribution attribution = { 0, };
  AuLedgerTree fork;
  const AuAttributionLine *first, *forked;

  start = au_attribution_snapshot (f->ledger, NULL, 0, &error);
  earn (f, tree.rev, DOLLARS (522000), "2026-01-08T15:00:00Z");
  g_assert_true (au_account_manager_weekly_cut (f->manager, cut_time, &result, &error));
  fork = g_array_index (result.new_trees, AuLedgerTree, 0);
  earn (f, fork.gen, DOLLARS (2000), "2026-01-12T15:00:00Z");
  end = au_attribution_snapshot (f->ledger, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (au_attribution_compute (start, end, &attribution, &error));

  g_assert_cmpuint (attribution.trees->len, ==, 2);
  first = line_of (attribution.trees, tree.root);
  forked = line_of (attribution.trees, fork.root);
  g_assert_cmpint (forked->net_flows, ==, DOLLARS (500000));
  g_assert_cmpint (forked->gain, ==, DOLLARS (2000));
  g_assert_cmpint (first->net_flows, ==, -DOLLARS (500000));
  g_assert_cmpint (first->gain, ==, DOLLARS (522000));
  g_assert_cmpint (first->gain + forked->gain, ==, attribution.total.gain);
  g_assert_cmpfloat_with_epsilon (forked->return_rate, 2000.0 / 500000.0, 1e-12);
  au_attribution_clear (&attribution);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accounts/attribution/sums", test_attribution_sums);
  ADD ("/accounts/attribution/forked-tree", test_attribution_forked_tree);

  return g_test_run ();
}

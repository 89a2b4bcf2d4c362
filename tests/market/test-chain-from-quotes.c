/* test-chain-from-quotes.c: an option chain built from a broker's quotes
 * (IB), with greeks the broker may not have computed (NAN)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-constitution.h"
#include "au-option-chain.h"
#include "market-test-util.h"

#define STRIKE(dollars) ((AuPrice) ((dollars) * AU_PRICE_SCALE))

static GDateTime *
thursday_ten (void)
{
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");

  g_assert_nonnull (ny);
  /* A Thursday at 10:00 ET, Gen's entry window (R2.2). */
  return g_date_time_new (ny, 2026, 11, 19, 10, 0, 0);
}

static AuOptionQuote
quote (int           year,
       int           month,
       int           day,
       AuOptionRight right,
       double        strike,
       double        delta)
{
  AuOptionQuote q = { 0 };
  GDate today = ymd (2026, 11, 19);

  q.expiry = ymd (year, month, day);
  q.dte = g_date_days_between (&today, &q.expiry);
  q.right = right;
  q.strike = STRIKE (strike);
  q.bid = STRIKE (1.00);
  q.ask = STRIKE (1.10);
  q.theo = NAN;
  q.iv = NAN;
  q.delta = delta;
  q.gamma = NAN;
  q.vega = NAN;
  q.theta_day = NAN;
  q.open_interest = -1;
  q.volume = 12;
  q.as_of = 1795100400;
  return q;
}

static const AuSleeveRules *
gen_rules (void)
{
  static AuConstitution *constitution = NULL;
  g_autoptr(GError) error = NULL;

  if (constitution == NULL)
    constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (constitution);
  return au_constitution_get_sleeve (constitution, AU_SLEEVE_GEN);
}

static void
test_sorted_and_expiries (void)
{
  g_autoptr(GDateTime) as_of = thursday_ten ();
  g_autoptr(AuOptionChain) chain = NULL;
  AuOptionQuote quotes[] = {
    quote (2026, 11, 27, AU_OPTION_PUT, 180, -0.30),
    quote (2026, 11, 20, AU_OPTION_PUT, 185, -0.42),
    quote (2026, 11, 27, AU_OPTION_CALL, 190, 0.45),
    quote (2026, 11, 20, AU_OPTION_CALL, 190, 0.48),
    quote (2026, 11, 20, AU_OPTION_PUT, 180, -0.20),
    quote (2026, 11, 20, AU_OPTION_CALL, 185, 0.60),
  };
  const struct { int day; AuOptionRight right; double strike; } want[] = {
    { 20, AU_OPTION_CALL, 185 }, { 20, AU_OPTION_CALL, 190 },
    { 20, AU_OPTION_PUT, 180 }, { 20, AU_OPTION_PUT, 185 },
    { 27, AU_OPTION_CALL, 190 }, { 27, AU_OPTION_PUT, 180 },
  };
  GArray *expiries;
  GDate nov20 = ymd (2026, 11, 20), nov27 = ymd (2026, 11, 27);

  chain = au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 187.25, 17.5,
                                           quotes, G_N_ELEMENTS (quotes));
  g_assert_nonnull (chain);
  g_assert_cmpstr (au_option_chain_get_symbol (chain), ==, "AAPL");
  g_assert_cmpint (au_option_chain_get_style (chain), ==, AU_OPTION_AMERICAN);
  g_assert_true (g_date_time_equal (au_option_chain_get_as_of (chain), as_of));
  g_assert_cmpfloat (au_option_chain_get_spot (chain), ==, 187.25);
  g_assert_cmpfloat (au_option_chain_get_vix (chain), ==, 17.5);
  g_assert_cmpfloat (au_option_chain_get_rate (chain), ==, 0.0);
  g_assert_cmpfloat (au_option_chain_get_dividend (chain), ==, 0.0);
  g_assert_false (au_option_chain_get_delayed (chain));

  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);

      g_assert_cmpint (g_date_get_day (&q->expiry), ==, want[i].day);
      g_assert_cmpint (q->right, ==, want[i].right);
      g_assert_cmpint (q->strike, ==, STRIKE (want[i].strike));
    }

  expiries = au_option_chain_get_expiries (chain);
  g_assert_cmpuint (expiries->len, ==, 2);
  g_assert_cmpint (g_date_compare (&g_array_index (expiries, GDate, 0), &nov20), ==, 0);
  g_assert_cmpint (g_date_compare (&g_array_index (expiries, GDate, 1), &nov27), ==, 0);

  /* The chain copied the quotes: changing the caller's array changes nothing. */
  quotes[3].bid = STRIKE (9.99);
  g_assert_cmpint (au_option_chain_find (chain, &nov20, AU_OPTION_CALL, STRIKE (190))->bid,
                   ==, STRIKE (1.00));
  g_assert_null (au_option_chain_find (chain, &nov27, AU_OPTION_CALL, STRIKE (185)));

  au_option_chain_set_delayed (chain, TRUE);
  g_assert_true (au_option_chain_get_delayed (chain));
}

static void
test_duplicate_keeps_first (void)
{
  g_autoptr(GDateTime) as_of = thursday_ten ();
  g_autoptr(AuOptionChain) chain = NULL;
  AuOptionQuote quotes[] = {
    quote (2026, 11, 20, AU_OPTION_PUT, 185, -0.42),
    quote (2026, 11, 20, AU_OPTION_PUT, 180, -0.20),
    quote (2026, 11, 20, AU_OPTION_PUT, 185, -0.99),
  };
  GDate nov20 = ymd (2026, 11, 20);

  quotes[2].bid = STRIKE (5.00);
  chain = au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 187.25, 17.5,
                                           quotes, G_N_ELEMENTS (quotes));
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, 2);
  g_assert_cmpfloat (au_option_chain_find (chain, &nov20, AU_OPTION_PUT, STRIKE (185))->delta,
                     ==, -0.42);
  g_assert_cmpint (au_option_chain_find (chain, &nov20, AU_OPTION_PUT, STRIKE (185))->bid,
                   ==, STRIKE (1.00));
}

/* R2.2: Gen's puts are chosen by |delta| in [0.40, 0.45]; a series whose
 * delta IB did not compute (NAN) is in no band, whatever the band. */
static void
test_find_delta_skips_nan (void)
{
  const AuSleeveRules *gen = gen_rules ();
  g_autoptr(GDateTime) as_of = thursday_ten ();
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(AuOptionChain) all_nan = NULL;
  AuOptionQuote quotes[] = {
    quote (2026, 11, 20, AU_OPTION_PUT, 182.5, -0.39),  /* just outside */
    quote (2026, 11, 20, AU_OPTION_PUT, 183, NAN),      /* would be in the band */
    quote (2026, 11, 20, AU_OPTION_PUT, 184, -0.40),    /* on the lower edge */
    quote (2026, 11, 20, AU_OPTION_PUT, 185, NAN),
    quote (2026, 11, 20, AU_OPTION_PUT, 185.5, -0.43),  /* inside, near the middle */
    quote (2026, 11, 20, AU_OPTION_PUT, 186, -0.45),    /* on the upper edge */
    quote (2026, 11, 20, AU_OPTION_PUT, 187, -0.46),    /* just outside */
    quote (2026, 11, 20, AU_OPTION_CALL, 187, NAN),
  };
  GDate nov20 = ymd (2026, 11, 20);
  const AuOptionQuote *found;

  g_assert_cmpfloat (gen->delta_min, ==, 0.40);
  g_assert_cmpfloat (gen->delta_max, ==, 0.45);
  chain = au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 187.25, NAN,
                                           quotes, G_N_ELEMENTS (quotes));
  g_assert_true (isnan (au_option_chain_get_vix (chain)));

  found = au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, gen->delta_min, gen->delta_max);
  g_assert_nonnull (found);
  g_assert_cmpint (found->strike, ==, STRIKE (185.5));
  /* On each edge: inside the band. */
  found = au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, gen->delta_min, 0.41);
  g_assert_cmpint (found->strike, ==, STRIKE (184));
  found = au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, 0.44, gen->delta_max);
  g_assert_cmpint (found->strike, ==, STRIKE (186));

  /* A band that only a NAN series could fill finds nothing. */
  g_assert_null (au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, 0.41, 0.42));
  g_assert_null (au_option_chain_find_delta (chain, &nov20, AU_OPTION_CALL, 0.0, 1.0));
  /* Just outside: 0.39 and 0.46 are found only when the band reaches them. */
  found = au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, 0.455, 0.47);
  g_assert_cmpint (found->strike, ==, STRIKE (187));
  found = au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, 0.38, 0.395);
  g_assert_cmpint (found->strike, ==, STRIKE (182.5));

  /* The NAN series is still a quote: find() by strike returns it. */
  found = au_option_chain_find (chain, &nov20, AU_OPTION_PUT, STRIKE (183));
  g_assert_nonnull (found);
  g_assert_true (isnan (found->delta));
  g_assert_cmpint (found->open_interest, ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    quotes[i].delta = NAN;
  all_nan = au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 187.25, NAN,
                                             quotes, G_N_ELEMENTS (quotes));
  g_assert_null (au_option_chain_find_delta (all_nan, &nov20, AU_OPTION_PUT, 0.0, 1.0));
}

static void
test_checksum_with_nan (void)
{
  g_autoptr(GDateTime) as_of = thursday_ten ();
  g_autoptr(AuOptionChain) a = NULL;
  g_autoptr(AuOptionChain) b = NULL;
  g_autoptr(AuOptionChain) c = NULL;
  g_autofree char *sum_a = NULL;
  g_autofree char *sum_b = NULL;
  g_autofree char *sum_c = NULL;
  AuOptionQuote quotes[] = {
    quote (2026, 11, 20, AU_OPTION_PUT, 185, NAN),
    quote (2026, 11, 20, AU_OPTION_CALL, 185, 0.55),
  };
  AuOptionQuote reversed[] = { quotes[1], quotes[0] };

  a = au_option_chain_new_from_quotes ("SPY", AU_OPTION_AMERICAN, as_of, 600.0, 15.0, quotes, 2);
  b = au_option_chain_new_from_quotes ("SPY", AU_OPTION_AMERICAN, as_of, 600.0, 15.0, reversed, 2);
  quotes[0].gamma = 0.01;
  c = au_option_chain_new_from_quotes ("SPY", AU_OPTION_AMERICAN, as_of, 600.0, 15.0, quotes, 2);
  sum_a = au_option_chain_checksum (a);
  sum_b = au_option_chain_checksum (b);
  sum_c = au_option_chain_checksum (c);
  /* The input order does not matter; one greek computed does. */
  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_cmpstr (sum_a, !=, sum_c);
}

static void
test_empty_chain (void)
{
  g_autoptr(GDateTime) as_of = thursday_ten ();
  g_autoptr(AuOptionChain) chain = NULL;
  GDate nov20 = ymd (2026, 11, 20);

  chain = au_option_chain_new_from_quotes ("SPX", AU_OPTION_EUROPEAN, as_of, 6000.0, 15.0,
                                           NULL, 0);
  g_assert_nonnull (chain);
  g_assert_cmpint (au_option_chain_get_style (chain), ==, AU_OPTION_EUROPEAN);
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, 0);
  g_assert_cmpuint (au_option_chain_get_expiries (chain)->len, ==, 0);
  g_assert_null (au_option_chain_find (chain, &nov20, AU_OPTION_PUT, STRIKE (6000)));
  g_assert_null (au_option_chain_find_delta (chain, &nov20, AU_OPTION_PUT, 0.40, 0.45));
}

static void
test_bad_input (void)
{
  g_autoptr(GDateTime) as_of = thursday_ten ();
  AuOptionQuote quotes[] = { quote (2026, 11, 20, AU_OPTION_PUT, 185, -0.42) };

  g_test_expect_message ("au-market", G_LOG_LEVEL_CRITICAL, "*spot*");
  g_assert_null (au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, NAN, 15.0,
                                                  quotes, 1));
  g_test_assert_expected_messages ();

  g_test_expect_message ("au-market", G_LOG_LEVEL_CRITICAL, "*spot*");
  g_assert_null (au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 0.0, 15.0,
                                                  quotes, 1));
  g_test_assert_expected_messages ();

  quotes[0].strike = 0;
  g_test_expect_message ("au-market", G_LOG_LEVEL_CRITICAL, "*strike*");
  g_assert_null (au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 187.0, 15.0,
                                                  quotes, 1));
  g_test_assert_expected_messages ();

  quotes[0].strike = STRIKE (185);
  g_date_clear (&quotes[0].expiry, 1);
  g_test_expect_message ("au-market", G_LOG_LEVEL_CRITICAL, "*expiry*");
  g_assert_null (au_option_chain_new_from_quotes ("AAPL", AU_OPTION_AMERICAN, as_of, 187.0, 15.0,
                                                  quotes, 1));
  g_test_assert_expected_messages ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/market/chain-from-quotes/sorted-and-expiries", test_sorted_and_expiries);
  g_test_add_func ("/market/chain-from-quotes/duplicate-keeps-first", test_duplicate_keeps_first);
  g_test_add_func ("/market/chain-from-quotes/find-delta-skips-nan", test_find_delta_skips_nan);
  g_test_add_func ("/market/chain-from-quotes/checksum-with-nan", test_checksum_with_nan);
  g_test_add_func ("/market/chain-from-quotes/empty", test_empty_chain);
  g_test_add_func ("/market/chain-from-quotes/bad-input", test_bad_input);

  return g_test_run ();
}

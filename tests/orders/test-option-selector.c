/* test-option-selector.c: picks on the paper market's chains, and why nothing was picked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-option-selector.h"
#include "au-orders-error.h"
#include "au-schedule.h"
#include "orders-test-util.h"

#define SEED 20261119

typedef struct
{
  AuConstitution *constitution;
  AuMarketSim    *sim;
  AuOptionChain  *chain;
} Market;

static void
market_open (Market     *m,
             guint64     seed,
             const char *symbol,
             int         year,
             int         month,
             int         day,
             guint       max_dte)
{
  g_autoptr(GError) error = NULL;

  m->constitution = orders_test_constitution ();
  m->sim = orders_test_market (seed, year, month, day, 10, 15);
  m->chain = au_market_sim_get_chain_range (m->sim, symbol, 0, max_dte, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m->chain);
}

static void
market_close (Market *m)
{
  g_clear_object (&m->chain);
  g_clear_object (&m->sim);
  g_clear_object (&m->constitution);
}

static AuSelectionRequest
request_for (Market     *m,
             AuSleeve    sleeve,
             AuStrategy  strategy)
{
  AuSelectionRequest request = { 0 };
  GDateTime *as_of = au_option_chain_get_as_of (m->chain);
  g_autoptr(GDateTime) eastern = g_date_time_to_timezone (as_of, au_eastern_time_zone ());

  request.sleeve = sleeve;
  request.strategy = strategy;
  g_date_clear (&request.entry_date, 1);
  g_date_set_dmy (&request.entry_date, (GDateDay) g_date_time_get_day_of_month (eastern),
                  (GDateMonth) g_date_time_get_month (eastern),
                  (GDateYear) g_date_time_get_year (eastern));
  request.now = g_date_time_to_unix (as_of) * G_USEC_PER_SEC;
  request.contracts = 1;
  return request;
}

static AuSelection *
select_with (AuConstitution           *constitution,
             Market                   *m,
             const AuSelectionRequest *request)
{
  g_autoptr(GError) error = NULL;
  AuSelection *selection = au_option_selector_select (constitution, m->chain, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (selection);
  return selection;
}

/* What the pick must be, checked the long way: every series of the
 * chosen expiry in the band and liquid has a mid no higher. */
static void
assert_best_in_expiry (Market            *m,
                       const AuSelection *selection,
                       gint64             adv_contracts)
{
  const AuConstitutionParams *params = au_constitution_get_params (m->constitution);
  guint candidates = 0;

  for (guint i = 0; i < au_option_chain_get_n_quotes (m->chain); i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (m->chain, i);
      double delta = fabs (q->delta);

      if (q->right != selection->quote.right
          || g_date_compare (&q->expiry, &selection->quote.expiry) != 0
          || delta < selection->delta_min || delta > selection->delta_max
          || q->open_interest < params->liquidity.min_open_interest
          || q->volume < params->liquidity.min_volume
          || 2.0 * (double) (q->ask - q->bid) / (double) (q->ask + q->bid)
             > params->liquidity.max_spread
          || (double) adv_contracts / (double) q->volume > params->liquidity.max_adv_fraction)
        continue;
      candidates++;
      g_assert_cmpint (q->bid + q->ask, <=, selection->quote.bid + selection->quote.ask);
    }
  g_assert_cmpuint (candidates, >=, 1);
}

static void
assert_pick (const AuSelection *selection,
             int                year,
             int                month,
             int                day,
             int                dte,
             const char        *strike,
             const char        *limit)
{
  GDate expiry = ymd (year, month, day);
  g_autofree char *why = au_selection_describe (selection);

  g_test_message ("%s: %s %d d strike %.4f Δ %.4f bid %.4f ask %.4f oi %" G_GINT64_FORMAT
                  " vol %" G_GINT64_FORMAT " limit %.4f\n%s", selection->symbol,
                  selection->found ? "found" : "none", selection->quote.dte,
                  selection->quote.strike / 10000.0, selection->quote.delta,
                  selection->quote.bid / 10000.0, selection->quote.ask / 10000.0,
                  selection->quote.open_interest, selection->quote.volume,
                  selection->limit / 10000.0, why);
  g_assert_true (selection->found);
  g_assert_cmpint (g_date_compare (&selection->quote.expiry, &expiry), ==, 0);
  g_assert_cmpint (selection->quote.dte, ==, dte);
  g_assert_cmpint (selection->quote.strike, ==, P (strike));
  g_assert_cmpint (selection->limit, ==, P (limit));
  g_assert_cmpfloat (fabs (selection->quote.delta), >=, selection->delta_min);
  g_assert_cmpfloat (fabs (selection->quote.delta), <=, selection->delta_max);
  /* R0.5: the limit is the mid on the cent grid. */
  g_assert_cmpint (ABS (2 * selection->limit - (selection->quote.bid + selection->quote.ask)),
                   <=, 100);
}

/* Gen-Acc, Thursday 2026-11-19: 0–1 DTE, Δ 0.40–0.45; the engine takes
 * the week's Friday (DTE 1) over Thursday's own expiry. */
static void
test_gen_csp (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) spy = NULL;

  market_open (&m, SEED, "SPY", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  spy = select_with (m.constitution, &m, &request);
  g_assert_cmpint (spy->dte_min, ==, 0);
  g_assert_cmpint (spy->dte_max, ==, 1);
  g_assert_cmpfloat (spy->delta_min, ==, 0.40);
  g_assert_cmpfloat (spy->delta_max, ==, 0.45);
  assert_pick (spy, 2026, 11, 20, 1, "440", "2.84");
  g_assert_true (spy->quote.right == AU_OPTION_PUT);
  assert_best_in_expiry (&m, spy, 1);
  g_assert_false (spy->stale);
  market_close (&m);
}

/* Rev-Acc, Wednesday 2026-11-18: 2–5 DTE, Δ 0.30–0.35, TSLA. */
static void
test_rev_csp (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) tsla = NULL;

  market_open (&m, SEED, "TSLA", 2026, 11, 18, 5);
  request = request_for (&m, AU_SLEEVE_REV, AU_STRATEGY_CSP);
  tsla = select_with (m.constitution, &m, &request);
  g_assert_cmpint (tsla->dte_min, ==, 2);
  g_assert_cmpint (tsla->dte_max, ==, 5);
  assert_pick (tsla, 2026, 11, 20, 2, "190", "3.00");
  assert_best_in_expiry (&m, tsla, 1);
  market_close (&m);
}

/* Covered calls on Monday 2026-11-16 (D2.19): 4–5 DTE, Δ 0.20–0.25. */
static void
test_covered_call (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) call = NULL;

  market_open (&m, SEED, "AAPL", 2026, 11, 16, 5);
  /* Gen writes covered calls after an assignment, on Com's cadence and
   * band; the symbol need not be in any universe (D2.19). */
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CC);
  call = select_with (m.constitution, &m, &request);
  g_assert_cmpint (call->dte_min, ==, 4);
  g_assert_cmpint (call->dte_max, ==, 5);
  g_assert_true (call->quote.right == AU_OPTION_CALL);
  assert_pick (call, 2026, 11, 20, 4, "182.5", "0.72");
  assert_best_in_expiry (&m, call, 1);
  market_close (&m);
}

/* Good Friday 2026-04-03 is a holiday: Rev's Wednesday entry takes the
 * Thursday expiry, one day short of 2 (D2.16: Rev 1–5). */
static void
test_short_week (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) tsla = NULL;

  market_open (&m, 1, "TSLA", 2026, 4, 1, 5);
  request = request_for (&m, AU_SLEEVE_REV, AU_STRATEGY_CSP);
  tsla = select_with (m.constitution, &m, &request);
  g_assert_cmpint (tsla->dte_min, ==, 1);
  g_assert_cmpint (tsla->dte_max, ==, 5);
  assert_pick (tsla, 2026, 4, 2, 1, "180", "1.88");
  market_close (&m);
}

/* IWM's Friday has no strike in the band; the selector falls back to
 * Thursday's own expiry (DTE 0, inside 0–1) and says why Friday failed. */
static void
test_fallback_expiry (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) iwm = NULL;
  const AuSelectionReason *reason;

  market_open (&m, SEED, "IWM", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  iwm = select_with (m.constitution, &m, &request);
  assert_pick (iwm, 2026, 11, 19, 0, "189", "1.02");
  g_assert_cmpuint (iwm->reasons->len, ==, 1);
  reason = g_ptr_array_index (iwm->reasons, 0);
  g_assert_cmpstr (reason->rule, ==, "R2.2");
  g_assert_cmpstr (reason->message, ==, "no IWM put with Δ 0.40–0.45 in the 2026-11-20 expiry: "
                   "nearest 0.38 at 188 and 0.46 at 189");
  market_close (&m);
}

/* The user asks why AAPL did not trade: its $2.50 strikes jump over the
 * band on the day before expiry. */
static void
test_no_strike_in_band (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) aapl = NULL;
  g_autofree char *why = NULL;

  market_open (&m, SEED, "AAPL", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  aapl = select_with (m.constitution, &m, &request);
  g_assert_false (aapl->found);
  why = au_selection_describe (aapl);
  g_assert_cmpstr (why, ==, "R2.2: no AAPL put with Δ 0.40–0.45 in the 2026-11-20 expiry: "
                   "nearest 0.37 at 167.5 and 0.56 at 170");
  market_close (&m);
}

/* NVDA's nearest strike sits at 0.3504: printed with three decimals, so
 * it does not look inside 0.30–0.35. */
static void
test_near_band_precision (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) nvda = NULL;
  g_autofree char *why = NULL;

  market_open (&m, SEED, "NVDA", 2026, 11, 18, 5);
  request = request_for (&m, AU_SLEEVE_REV, AU_STRATEGY_CSP);
  nvda = select_with (m.constitution, &m, &request);
  g_assert_false (nvda->found);
  why = au_selection_describe (nvda);
  g_test_message ("%s", why);
  g_assert_true (g_str_has_prefix (why, "R3.2: no NVDA put with Δ 0.30–0.35 in the 2026-11-20 "
                                   "expiry: nearest 0.2"));
  g_assert_null (strstr (why, " 0.30 at"));
  g_assert_null (strstr (why, " 0.35 at"));
  market_close (&m);
}

static void
test_universe_and_strategy (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) nvda = NULL;
  g_autoptr(AuSelection) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  market_open (&m, SEED, "NVDA", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  nvda = select_with (m.constitution, &m, &request);
  g_assert_false (nvda->found);
  why = au_selection_describe (nvda);
  g_assert_cmpstr (why, ==, "R2.2: NVDA is not in Gen-Acc's universe");

  /* Com-Acc writes covered calls only (R4.1): a CSP request is an error. */
  request = request_for (&m, AU_SLEEVE_COM, AU_STRATEGY_CSP);
  none = au_option_selector_select (m.constitution, m.chain, &request, &error);
  g_assert_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID);
  g_assert_null (none);
  g_assert_nonnull (strstr (error->message, "R4.1"));
  market_close (&m);
}

static void
test_no_expiry (void)
{
  g_autoptr(GError) error = NULL;
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) spy = NULL;
  g_autofree char *why = NULL;

  m.constitution = orders_test_constitution ();
  m.sim = orders_test_market (SEED, 2026, 11, 19, 10, 15);
  m.chain = au_market_sim_get_chain_range (m.sim, "SPY", 7, 14, &error);
  g_assert_no_error (error);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  spy = select_with (m.constitution, &m, &request);
  g_assert_false (spy->found);
  why = au_selection_describe (spy);
  g_test_message ("%s", why);
  g_assert_true (g_str_has_prefix (why, "R2.2: no SPY expiry 0–1 calendar days from 2026-11-19: "
                                   "listed 2026-11-27 (8 d), 2026-11-30 (11 d)"));
  market_close (&m);
}

/* D2.7: at 30 s the quote is fresh, past it stale (spread widened by 10%
 * of itself, flagged), past 300 s no entry (R8.5). */
static void
test_stale_quotes (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  gint64 as_of;
  const int ages[] = { 30, 31, 300, 301 };

  market_open (&m, SEED, "SPY", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  as_of = request.now;
  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autoptr(AuSelection) spy = NULL;

      request.now = as_of + ages[i] * G_USEC_PER_SEC;
      spy = select_with (m.constitution, &m, &request);
      if (ages[i] <= 300)
        {
          assert_pick (spy, 2026, 11, 20, 1, "440", "2.84");
          g_assert_true (spy->stale == (ages[i] > 30));
        }
      else
        {
          g_autofree char *why = au_selection_describe (spy);

          g_assert_false (spy->found);
          g_assert_true (g_str_has_prefix (why, "R8.5: SPY 2026-11-20 P "));
          g_assert_nonnull (strstr (why, "the quote is 301 s old; older than 300 s, no new "
                                    "entry (D2.7)"));
        }
    }
  market_close (&m);
}

static gint64
fixed_adv (const AuOptionQuote *quote,
           gpointer             user_data)
{
  return GPOINTER_TO_INT (user_data);
}

/* R8.4: the order at most 10% of the series' ADV; 10% itself passes. */
static void
test_average_daily_volume (void)
{
  Market m = { 0 };
  AuSelectionRequest request;
  g_autoptr(AuSelection) on_limit = NULL;
  g_autoptr(AuSelection) over = NULL;
  g_autoptr(AuSelection) big = NULL;
  g_autofree char *why = NULL;

  market_open (&m, SEED, "SPY", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  request.adv_func = fixed_adv;
  request.contracts = 3;
  request.adv_data = GINT_TO_POINTER (30);
  on_limit = select_with (m.constitution, &m, &request);
  assert_pick (on_limit, 2026, 11, 20, 1, "440", "2.84");

  request.adv_data = GINT_TO_POINTER (29);
  over = select_with (m.constitution, &m, &request);
  g_assert_false (over->found);
  why = au_selection_describe (over);
  g_assert_true (g_str_has_prefix (why, "R8.4: SPY 2026-11-20 P "));
  g_assert_nonnull (strstr (why, "3 contracts are more than 10% of its average daily volume "
                            "of 29"));

  /* Without a history the day's volume stands for the ADV: 23,888 on
   * the pick, so 2,389 contracts are too many for it. */
  request.adv_func = NULL;
  request.contracts = 2389;
  big = select_with (m.constitution, &m, &request);
  g_assert_true (!big->found || big->quote.strike != P ("440"));
  market_close (&m);
}

/* R8.1–R8.3 at the pick's own numbers: on the limit it stays, one past
 * it, it goes (constitutions edited to put the limit there). */
static void
test_liquidity_limits (void)
{
  struct {
    const char *key;
    const char *on_limit;
    const char *past_limit;
    const char *rule;
  } cases[] = {
    { "min_open_interest", "59455", "59456", "R8.1" },
    { "min_volume", "23888", "23889", "R8.2" },
    /* (2.88 − 2.80) / 2.84 = 0.028169… */
    { "max_spread", "0.02817", "0.02816", "R8.3" },
  };
  Market m = { 0 };
  AuSelectionRequest request;

  market_open (&m, SEED, "SPY", 2026, 11, 19, 1);
  request = request_for (&m, AU_SLEEVE_GEN, AU_STRATEGY_CSP);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* The spread's warning level must stay below its limit. */
      g_autoptr(AuConstitution) on = orders_test_constitution_with ("liquidity", cases[i].key,
                                                                    cases[i].on_limit,
                                                                    "spread_warn", "0.01", NULL);
      g_autoptr(AuConstitution) past = orders_test_constitution_with ("liquidity", cases[i].key,
                                                                      cases[i].past_limit,
                                                                      "spread_warn", "0.01",
                                                                      NULL);
      g_autoptr(AuSelection) kept = select_with (on, &m, &request);
      g_autoptr(AuSelection) dropped = select_with (past, &m, &request);
      gboolean reason_found = FALSE;

      assert_pick (kept, 2026, 11, 20, 1, "440", "2.84");
      g_assert_true (!dropped->found || dropped->quote.strike != P ("440"));
      for (guint r = 0; r < dropped->reasons->len; r++)
        {
          const AuSelectionReason *reason = g_ptr_array_index (dropped->reasons, r);

          reason_found |= g_str_equal (reason->rule, cases[i].rule);
        }
      g_assert_true (reason_found);
    }
  market_close (&m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/orders/selector/gen-csp", test_gen_csp);
  g_test_add_func ("/orders/selector/rev-csp", test_rev_csp);
  g_test_add_func ("/orders/selector/covered-call", test_covered_call);
  g_test_add_func ("/orders/selector/short-week", test_short_week);
  g_test_add_func ("/orders/selector/fallback-expiry", test_fallback_expiry);
  g_test_add_func ("/orders/selector/no-strike-in-band", test_no_strike_in_band);
  g_test_add_func ("/orders/selector/near-band-precision", test_near_band_precision);
  g_test_add_func ("/orders/selector/universe-and-strategy", test_universe_and_strategy);
  g_test_add_func ("/orders/selector/no-expiry", test_no_expiry);
  g_test_add_func ("/orders/selector/stale-quotes", test_stale_quotes);
  g_test_add_func ("/orders/selector/average-daily-volume", test_average_daily_volume);
  g_test_add_func ("/orders/selector/liquidity-limits", test_liquidity_limits);

  return g_test_run ();
}

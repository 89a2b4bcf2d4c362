/* test-option-chain.c: the paper market's option chains (D3, R8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-market-calendar.h"
#include "au-market-error.h"
#include "au-market-symbol.h"
#include "au-schedule.h"
#include "au-option-expiries.h"
#include "au-quant.h"
#include "au-quote-model.h"
#include "market-test-util.h"

static AuOptionChain *
chain_at (AuMarketSim *sim,
          const char  *symbol,
          guint        max_dte)
{
  g_autoptr(GError) error = NULL;
  AuOptionChain *chain = au_market_sim_get_chain (sim, symbol, max_dte, &error);

  g_assert_no_error (error);
  g_assert_nonnull (chain);
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), >, 0);
  return chain;
}

/* A Thursday at 10:00 ET, Gen's entry window (R2.2). */
static AuMarketSim *
thursday_ten (void)
{
  AuMarketSim *sim = new_sim (42, 2026, 11, 19);

  run_to_minute (sim, 10 * 60);
  return sim;
}

static double
quote_mid (const AuOptionQuote *q)
{
  return 0.5 * (q->bid + q->ask) / AU_PRICE_SCALE;
}

/* No negative price, bid ≤ theo ≤ ask with bid < ask, greeks of the
 * right signs, and within each expiry calls fall and puts rise with the
 * strike (model value, bid and ask alike): no vertical arbitrage. */
static void
check_no_arbitrage (AuOptionChain *chain)
{
  const AuOptionQuote *prev = NULL;
  guint i, n = au_option_chain_get_n_quotes (chain);
  double spot = au_option_chain_get_spot (chain);

  for (i = 0; i < n; i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);
      double strike = (double) q->strike / AU_PRICE_SCALE;

      g_assert_cmpint (q->bid, >=, 0);
      g_assert_cmpint (q->bid, <, q->ask);
      g_assert_cmpfloat (q->theo, >=, 0.0);
      g_assert_cmpfloat (q->theo, >=, (double) q->bid / AU_PRICE_SCALE - 1e-9);
      g_assert_cmpfloat (q->theo, <=, (double) q->ask / AU_PRICE_SCALE + 1e-9);
      g_assert_cmpfloat (q->iv, >, 0.0);
      g_assert_cmpfloat (q->gamma, >=, -1e-9);
      g_assert_cmpfloat (q->vega, >=, -1e-9);
      g_assert_cmpint (q->open_interest, >=, 0);
      g_assert_cmpint (q->volume, >=, 0);
      if (q->right == AU_OPTION_CALL)
        {
          g_assert_cmpfloat (q->delta, >=, -1e-9);
          g_assert_cmpfloat (q->delta, <=, 1.0 + 1e-9);
        }
      else
        {
          g_assert_cmpfloat (q->delta, >=, -1.0 - 1e-9);
          g_assert_cmpfloat (q->delta, <=, 1e-9);
          /* An American put is worth at least its exercise. */
          if (au_option_chain_get_style (chain) == AU_OPTION_AMERICAN)
            g_assert_cmpfloat (q->theo, >=, strike - spot - 1e-9);
        }

      if (prev != NULL && prev->right == q->right
          && g_date_compare (&prev->expiry, &q->expiry) == 0)
        {
          g_assert_cmpint (prev->strike, <, q->strike);
          if (q->right == AU_OPTION_CALL)
            {
              g_assert_cmpfloat (q->theo, <=, prev->theo + 1e-12);
              g_assert_cmpint (q->bid, <=, prev->bid);
              g_assert_cmpint (q->ask, <=, prev->ask);
            }
          else
            {
              g_assert_cmpfloat (q->theo, >=, prev->theo - 1e-12);
              g_assert_cmpint (q->bid, >=, prev->bid);
              g_assert_cmpint (q->ask, >=, prev->ask);
            }
        }
      prev = q;
    }
}

static void
test_no_arbitrage (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  const char *symbols[] = { "AAPL", "MSFT", "AMZN", "GOOG", "GOOGL", "NVDA", "TSLA", "META",
                            "SPY", "QQQ", "IWM", "SPX", "VIX" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      /* The whole listing (LEAPs, SPX hedges, VIX calls) for the indexes
       * and one stock; the next six weeks for the others, to stay fast. */
      gboolean full = strcmp (symbols[i], "AAPL") == 0 || strcmp (symbols[i], "SPX") == 0
                      || strcmp (symbols[i], "VIX") == 0;
      g_autoptr(AuOptionChain) chain = chain_at (sim, symbols[i], full ? 800 : 45);
      g_autoptr(GDateTime) now = au_market_sim_dup_time (sim);

      g_assert_cmpstr (au_option_chain_get_symbol (chain), ==, symbols[i]);
      g_assert_true (g_date_time_equal (au_option_chain_get_as_of (chain), now));
      g_assert_cmpint (au_option_chain_get_quote (chain, 0)->as_of, ==, g_date_time_to_unix (now));
      check_no_arbitrage (chain);
    }
}

/* Put-call parity for the European SPX: the synthetic forward
 * C − P = S e^(−qT) − K e^(−rT) lies between the quotes (C_bid − P_ask
 * and C_ask − P_bid) at every strike of every expiry. */
static void
test_put_call_parity (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  g_autoptr(AuOptionChain) chain = chain_at (sim, "SPX", 400);
  GDateTime *as_of = au_option_chain_get_as_of (chain);
  double spot = au_option_chain_get_spot (chain);
  double r = au_option_chain_get_rate (chain), q = au_option_chain_get_dividend (chain);
  guint i, n = au_option_chain_get_n_quotes (chain), checked = 0;

  g_assert_cmpint (au_option_chain_get_style (chain), ==, AU_OPTION_EUROPEAN);
  for (i = 0; i < n; i++)
    {
      const AuOptionQuote *call = au_option_chain_get_quote (chain, i);
      const AuOptionQuote *put;
      double t, parity, strike;

      if (call->right != AU_OPTION_CALL)
        continue;
      put = au_option_chain_find (chain, &call->expiry, AU_OPTION_PUT, call->strike);
      g_assert_nonnull (put);
      g_assert_true (au_time_to_expiry (as_of, &call->expiry, &t, NULL));
      strike = (double) call->strike / AU_PRICE_SCALE;
      parity = spot * exp (-q * t) - strike * exp (-r * t);
      g_assert_cmpfloat (fabs (call->theo - put->theo - parity), <, 1e-6 * spot);
      g_assert_cmpfloat ((double) (call->bid - put->ask) / AU_PRICE_SCALE, <=, parity + 1e-9);
      g_assert_cmpfloat ((double) (call->ask - put->bid) / AU_PRICE_SCALE, >=, parity - 1e-9);
      checked++;
    }
  g_assert_cmpuint (checked, >, 500);
}

/* Builds a chain of @symbol with the market's state but VIX at @vix. */
static AuOptionChain *
chain_with_vix (AuMarketSim *sim,
                const char  *symbol,
                double       vix)
{
  g_autoptr(GDateTime) now = au_market_sim_dup_time (sim);
  g_autoptr(GError) error = NULL;
  AuChainInputs inputs = { 0 };
  AuOptionChain *chain;
  GDate today;
  int minute;

  au_market_sim_get_clock (sim, &today, &minute);
  inputs.params = au_market_symbol_lookup (symbol);
  inputs.seed = 42;
  inputs.as_of = now;
  g_assert_true (au_market_sim_get_price (sim, symbol, &inputs.spot));
  inputs.vix = vix;
  inputs.max_dte = 45;
  inputs.vol.params = inputs.params;
  inputs.vol.log_vix = log (vix);
  inputs.vol.realized_var = pow (au_market_sim_get_realized_vol (sim, symbol), 2);
  inputs.vol.session_left = (960.0 - minute) / 390.0;
  inputs.vol.today = today;
  chain = au_option_chain_build (&inputs, &error);
  g_assert_no_error (error);
  return chain;
}

/* Spreads widen with VIX: at VIX 40 every series' spread is at least
 * as wide as at VIX 15, at the money strictly, in dollars and as a share
 * of the mid. */
static void
test_spreads_widen_with_vix (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  g_autoptr(AuOptionChain) calm = chain_with_vix (sim, "AAPL", 15.0);
  g_autoptr(AuOptionChain) stress = chain_with_vix (sim, "AAPL", 40.0);
  GArray *expiries = au_option_chain_get_expiries (calm);
  const GDate *expiry = &g_array_index (expiries, GDate, expiries->len - 1);
  const AuOptionQuote *a, *b;
  double spot = au_option_chain_get_spot (calm);
  AuPrice atm = (AuPrice) (floor (spot / 2.5 + 0.5) * 2.5 * AU_PRICE_SCALE);
  guint i, n = au_option_chain_get_n_quotes (calm), wider = 0, compared = 0;

  a = au_option_chain_find (calm, expiry, AU_OPTION_PUT, atm);
  b = au_option_chain_find (stress, expiry, AU_OPTION_PUT, atm);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_test_message ("AAPL ATM put %d DTE: VIX 15 %.2f/%.2f, VIX 40 %.2f/%.2f",
                  a->dte, a->bid / 1e4, a->ask / 1e4, b->bid / 1e4, b->ask / 1e4);
  g_assert_cmpint (b->ask - b->bid, >, a->ask - a->bid);
  g_assert_cmpfloat ((b->ask - b->bid) / quote_mid (b), >, (a->ask - a->bid) / quote_mid (a));

  for (i = 0; i < n; i++)
    {
      const AuOptionQuote *qa = au_option_chain_get_quote (calm, i);
      const AuOptionQuote *qb = au_option_chain_find (stress, &qa->expiry, qa->right, qa->strike);

      if (qb == NULL)
        continue;
      compared++;
      wider += (qb->ask - qb->bid) >= (qa->ask - qa->bid);
    }
  g_assert_cmpuint (compared, >, 100);
  g_assert_cmpuint (wider, ==, compared);
}

/* The quote model's shape: spreads wider away from the money and for
 * short-dated series; ticks of the penny program. */
static void
test_quote_model (void)
{
  const AuSymbolParams *aapl = au_market_symbol_lookup ("AAPL");
  const AuSymbolParams *spy = au_market_symbol_lookup ("SPY");
  const AuSymbolParams *spx = au_market_symbol_lookup ("SPX");
  double base = au_quote_spread (aapl, 2.0, 0.0, 30, 18.0);
  AuPrice bid, ask;

  g_assert_cmpfloat (au_quote_spread (aapl, 2.0, 0.0, 1, 18.0), >, base);
  g_assert_cmpfloat (au_quote_spread (aapl, 2.0, 2.0, 30, 18.0), >, base);
  g_assert_cmpfloat (au_quote_spread (aapl, 2.0, 0.0, 30, 40.0), >, base);
  g_assert_cmpfloat (au_quote_spread (aapl, 2.0, 0.0, 30, 15.0), <, base);

  g_assert_cmpint (au_quote_tick (aapl, 2.99), ==, 100);
  g_assert_cmpint (au_quote_tick (aapl, 3.00), ==, 500);
  g_assert_cmpint (au_quote_tick (spy, 12.0), ==, 100);
  g_assert_cmpint (au_quote_tick (spx, 2.0), ==, 500);
  g_assert_cmpint (au_quote_tick (spx, 30.0), ==, 1000);

  au_quote_bid_ask (aapl, 1.234, 0.03, &bid, &ask);
  g_assert_cmpint (bid, ==, 12100);
  g_assert_cmpint (ask, ==, 12500);
  au_quote_bid_ask (aapl, 5.01, 0.06, &bid, &ask);
  g_assert_cmpint (bid, ==, 49500);
  g_assert_cmpint (ask, ==, 50500);
  /* A worthless far option: bid 0, ask one tick. */
  au_quote_bid_ask (aapl, 0.0001, 0.005, &bid, &ask);
  g_assert_cmpint (bid, ==, 0);
  g_assert_cmpint (ask, ==, 100);
}

/* Ticks in the chain itself, and the whole chain on its grid. */
static void
test_chain_ticks (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  g_autoptr(AuOptionChain) chain = chain_at (sim, "META", 90);
  guint i, n = au_option_chain_get_n_quotes (chain), nickel = 0;

  for (i = 0; i < n; i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);

      g_assert_cmpint (q->bid % 100, ==, 0);
      g_assert_cmpint (q->ask % 100, ==, 0);
      if (q->theo >= 3.0)
        {
          g_assert_cmpint (q->ask % 500, ==, 0);
          nickel++;
        }
    }
  g_assert_cmpuint (nickel, >, 10);
}

/* Open interest and volume fall off away from the money. */
static void
test_open_interest_shape (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  g_autoptr(AuOptionChain) chain = chain_at (sim, "AAPL", 60);
  double spot = au_option_chain_get_spot (chain);
  double near_oi = 0, far_oi = 0, near_vol = 0, far_vol = 0;
  guint i, n = au_option_chain_get_n_quotes (chain), n_near = 0, n_far = 0;

  for (i = 0; i < n; i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);
      double m = fabs ((double) q->strike / AU_PRICE_SCALE / spot - 1.0);

      if (m < 0.02)
        {
          near_oi += q->open_interest;
          near_vol += q->volume;
          n_near++;
        }
      else if (m > 0.10)
        {
          far_oi += q->open_interest;
          far_vol += q->volume;
          n_far++;
        }
    }
  g_assert_cmpuint (n_near, >, 0);
  g_assert_cmpuint (n_far, >, 0);
  g_test_message ("AAPL mean OI near the money %.0f, beyond 10%% %.0f",
                  near_oi / n_near, far_oi / n_far);
  g_assert_cmpfloat (near_oi / n_near, >, 3.0 * far_oi / n_far);
  g_assert_cmpfloat (near_vol / n_near, >, 3.0 * far_vol / n_far);
  /* At the money, liquid enough for R8.1 and R8.2. */
  g_assert_cmpfloat (near_oi / n_near, >, 500.0);
  g_assert_cmpfloat (near_vol / n_near, >, 100.0);
}

static gboolean
has_expiry (GArray *expiries,
            GDate   date)
{
  guint i;

  for (i = 0; i < expiries->len; i++)
    if (g_date_compare (&g_array_index (expiries, GDate, i), &date) == 0)
      return TRUE;
  return FALSE;
}

/* Weeklies on Fridays, Thursday when Friday is a holiday (Good Friday
 * 2026-04-03); monthlies on the third Friday; dailies for SPY; the VIX
 * Wednesday; nothing past max_dte; today's expiry gone after the close. */
static void
test_expiries (void)
{
  const AuSymbolParams *aapl = au_market_symbol_lookup ("AAPL");
  const AuSymbolParams *spy = au_market_symbol_lookup ("SPY");
  const AuSymbolParams *vix = au_market_symbol_lookup ("VIX");
  GDate monday = ymd (2026, 3, 30), friday = ymd (2026, 11, 20);
  g_autoptr(GArray) a = au_option_expiries (aapl, &monday, FALSE, 800);
  g_autoptr(GArray) s = au_option_expiries (spy, &monday, FALSE, 30);
  g_autoptr(GArray) v = au_option_expiries (vix, &monday, FALSE, 400);
  g_autoptr(GArray) open = au_option_expiries (aapl, &friday, FALSE, 10);
  g_autoptr(GArray) closed = au_option_expiries (aapl, &friday, TRUE, 10);
  guint i;

  g_assert_true (has_expiry (a, ymd (2026, 4, 2)));
  g_assert_false (has_expiry (a, ymd (2026, 4, 3)));
  g_assert_true (has_expiry (a, ymd (2026, 4, 10)));
  g_assert_true (has_expiry (a, ymd (2026, 4, 17)));
  g_assert_true (has_expiry (a, ymd (2026, 12, 18)));
  g_assert_true (has_expiry (a, ymd (2027, 1, 15)));
  g_assert_true (has_expiry (a, ymd (2028, 1, 21)));
  g_assert_false (has_expiry (a, ymd (2026, 3, 31)));
  for (i = 0; i < a->len; i++)
    {
      GDateWeekday wd = g_date_get_weekday (&g_array_index (a, GDate, i));

      g_assert_true (wd == G_DATE_FRIDAY || wd == G_DATE_THURSDAY);
      g_assert_true (au_nyse_is_trading_day (&g_array_index (a, GDate, i)));
    }

  g_assert_true (has_expiry (s, ymd (2026, 3, 30)));
  g_assert_true (has_expiry (s, ymd (2026, 3, 31)));
  g_assert_true (has_expiry (s, ymd (2026, 4, 6)));
  for (i = 0; i < s->len; i++)
    g_assert_cmpint (g_date_days_between (&monday, &g_array_index (s, GDate, i)), <=, 30);

  /* VIX: 30 days before the third Friday of the next month. */
  g_assert_true (has_expiry (v, ymd (2026, 4, 15)));
  g_assert_true (has_expiry (v, ymd (2026, 12, 16)));
  for (i = 0; i < v->len; i++)
    g_assert_cmpint (g_date_get_weekday (&g_array_index (v, GDate, i)), <=, G_DATE_WEDNESDAY);

  g_assert_true (has_expiry (open, friday));
  g_assert_false (has_expiry (closed, friday));
  g_assert_true (au_option_is_monthly_expiry (&friday));
}

/* The chain's at-the-money vol is the surface's 30-day implied, and the
 * chain is the sim's, bit for bit, when asked twice. */
static void
test_chain_matches_surface (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  g_autoptr(AuOptionChain) chain = chain_at (sim, "MSFT", 60);
  g_autoptr(AuOptionChain) again = chain_at (sim, "MSFT", 60);
  g_autofree char *sum = au_option_chain_checksum (chain);
  g_autofree char *sum_again = au_option_chain_checksum (again);
  GArray *expiries = au_option_chain_get_expiries (chain);
  GDate today;
  guint i;

  g_assert_cmpstr (sum, ==, sum_again);
  au_market_sim_get_clock (sim, &today, NULL);
  for (i = 0; i < expiries->len; i++)
    {
      const GDate *expiry = &g_array_index (expiries, GDate, i);
      int dte = g_date_days_between (&today, expiry);
      double spot = au_option_chain_get_spot (chain);
      const AuOptionQuote *atm = NULL;
      guint k;

      if (dte < 7)
        continue;
      for (k = 0; k < au_option_chain_get_n_quotes (chain); k++)
        {
          const AuOptionQuote *q = au_option_chain_get_quote (chain, k);

          if (q->right == AU_OPTION_CALL && g_date_compare (&q->expiry, expiry) == 0
              && (atm == NULL || fabs (q->strike / 1e4 - spot) < fabs (atm->strike / 1e4 - spot)))
            atm = q;
        }
      g_assert_nonnull (atm);
      g_assert_cmpfloat (fabs (atm->iv / au_market_sim_get_implied_vol (sim, "MSFT", dte) - 1.0),
                         <, 0.02);
    }
}

/* Gen's band (R2.2): on Thursdays at 10:00, the week's Friday expiry
 * (DTE 1) of each Gen symbol lists puts on both sides of the
 * 0.40-0.45 |delta| band, and a put inside the band is found on most
 * Thursdays. With realistic strike steps ($2.50 for AAPL, MSFT, AMZN,
 * GOOG; $1 for the ETFs) a one-day 0.05-wide delta band does not always
 * hold a strike: the measured rate is reported. */
static void
test_gen_delta_band (void)
{
  const char *gen[] = { "AAPL", "MSFT", "AMZN", "GOOG", "SPY", "QQQ", "IWM" };
  g_autoptr(AuMarketSim) sim = new_sim (42, 2026, 1, 5);
  guint thursdays = 0, found[G_N_ELEMENTS (gen)] = { 0 }, i;

  while (thursdays < 26)
    {
      GDate date, expiry;
      int minute;

      g_assert_true (au_market_sim_step (sim, NULL));
      au_market_sim_get_clock (sim, &date, &minute);
      if (g_date_get_weekday (&date) != G_DATE_THURSDAY || minute != 10 * 60)
        continue;
      thursdays++;
      g_assert_true (au_schedule_week_expiry (&date, &expiry));
      for (i = 0; i < G_N_ELEMENTS (gen); i++)
        {
          g_autoptr(AuOptionChain) chain = chain_at (sim, gen[i],
                                                     g_date_days_between (&date, &expiry));
          const AuOptionQuote *q = au_option_chain_find_delta (chain, &expiry, AU_OPTION_PUT,
                                                               0.40, 0.45);
          gboolean below = FALSE, above = FALSE;
          guint k;

          for (k = 0; k < au_option_chain_get_n_quotes (chain); k++)
            {
              const AuOptionQuote *p = au_option_chain_get_quote (chain, k);

              if (p->right != AU_OPTION_PUT || g_date_compare (&p->expiry, &expiry) != 0)
                continue;
              below |= fabs (p->delta) < 0.40;
              above |= fabs (p->delta) > 0.45;
            }
          g_assert_true (below && above);
          if (q != NULL)
            {
              g_assert_cmpfloat (fabs (q->delta), >=, 0.40);
              g_assert_cmpfloat (fabs (q->delta), <=, 0.45);
              g_assert_cmpint (q->dte, ==, g_date_days_between (&date, &expiry));
              found[i]++;
            }
        }
    }
  for (i = 0; i < G_N_ELEMENTS (gen); i++)
    {
      g_test_message ("%s: a 0.40-0.45 delta put on %u of %u Thursdays",
                      gen[i], found[i], thursdays);
      g_assert_cmpuint (found[i], >, 0);
    }
}

/* One series priced alone is the chain's quote, field for field; a
 * strike off today's grid is priced too; a past expiry is an error. */
static void
test_single_series (void)
{
  g_autoptr(AuMarketSim) sim = thursday_ten ();
  g_autoptr(AuOptionChain) chain = chain_at (sim, "NVDA", 30);
  g_autoptr(GError) error = NULL;
  AuOptionQuote quote;
  GDate past = ymd (2026, 11, 13);
  guint i, n = au_option_chain_get_n_quotes (chain);

  for (i = 0; i < n; i += 7)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);

      g_assert_true (au_market_sim_get_quote (sim, "NVDA", &q->expiry, q->right, q->strike,
                                              &quote, &error));
      g_assert_no_error (error);
      g_assert_true (memcmp (&quote.expiry, &q->expiry, sizeof (GDate)) == 0);
      g_assert_cmpint (quote.bid, ==, q->bid);
      g_assert_cmpint (quote.ask, ==, q->ask);
      g_assert_true (quote.theo == q->theo);
      g_assert_true (quote.delta == q->delta);
      g_assert_cmpint (quote.open_interest, ==, q->open_interest);
      g_assert_cmpint (quote.volume, ==, q->volume);
    }

  g_assert_true (au_market_sim_get_quote (sim, "NVDA",
                                          &au_option_chain_get_quote (chain, 0)->expiry,
                                          AU_OPTION_PUT, 1234500, &quote, &error));
  g_assert_no_error (error);
  g_assert_cmpint (quote.strike, ==, 1234500);

  g_assert_false (au_market_sim_get_quote (sim, "NVDA", &past, AU_OPTION_PUT, 1000000,
                                           &quote, &error));
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (au_market_sim_get_quote (sim, "NOPE", &past, AU_OPTION_PUT, 1000000,
                                           &quote, &error));
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_UNKNOWN_SYMBOL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/market/chain/no-arbitrage", test_no_arbitrage);
  g_test_add_func ("/market/chain/put-call-parity", test_put_call_parity);
  g_test_add_func ("/market/chain/spreads-widen-with-vix", test_spreads_widen_with_vix);
  g_test_add_func ("/market/chain/quote-model", test_quote_model);
  g_test_add_func ("/market/chain/ticks", test_chain_ticks);
  g_test_add_func ("/market/chain/open-interest-shape", test_open_interest_shape);
  g_test_add_func ("/market/chain/expiries", test_expiries);
  g_test_add_func ("/market/chain/matches-surface", test_chain_matches_surface);
  g_test_add_func ("/market/chain/gen-delta-band", test_gen_delta_band);
  g_test_add_func ("/market/chain/single-series", test_single_series);

  return g_test_run ();
}

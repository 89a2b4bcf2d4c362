/* bench-quant.cpp: the quant core side by side with QuantLib and TA-Lib
 * (issue 7), on the same inputs in one process.
 *
 *  - N European options with price and every greek: au_black_scholes_batch
 *    against QuantLib's AnalyticEuropeanEngine, the spot re-set on a
 *    SimpleQuote (a chain of 1,000 options re-priced at N/1,000 spots, as
 *    the paper market re-prices its chains);
 *  - N implied volatilities of those prices: au_implied_vol against
 *    VanillaOption::impliedVolatility;
 *  - N American prices: au_bjerksund_stensland_price (1993 form, the one
 *    QuantLib 1.29 implements, and the 2002 form) against
 *    BjerksundStenslandApproximationEngine;
 *  - ATR(5) over N daily bars: au_atr against TA-Lib's TA_TRANGE + TA_SMA
 *    and TA_ATR (when built with TA-Lib, BENCH_HAVE_TALIB).
 *
 * Usage: bench-quant [N [PART]] (N defaults to 1,000,000, a multiple of
 * 1,000; PART is european, iv, american or atr, all by default). Prints a
 * Markdown table. Run by bench/run-quant.sh; never a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include <ql/exercise.hpp>
#include <ql/instruments/vanillaoption.hpp>
#include <ql/pricingengines/vanilla/analyticeuropeanengine.hpp>
#include <ql/pricingengines/vanilla/bjerksundstenslandengine.hpp>
#include <ql/processes/blackscholesprocess.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/settings.hpp>
#include <ql/termstructures/volatility/equityfx/blackconstantvol.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include "au-quant.h"

#ifdef BENCH_HAVE_TALIB
#include "ta_libc.h"
#endif

namespace ql = QuantLib;

static const int CHAIN = 1000;
static const double RATE = 0.045;
static const double DIVIDEND = 0.015;

/* One option of the chain: 10 expiries × 50 strikes × 2 rights. */
struct ChainOption
{
  AuOptionRight right;
  double        strike;
  double        vol;
  int           days;
};

struct Row
{
  const char *what;
  double      n;
  double      ours_seconds;
  double      theirs_seconds;
  const char *theirs;
  char        agreement[160];
};

static double
seconds_since (std::chrono::steady_clock::time_point start)
{
  return std::chrono::duration<double> (std::chrono::steady_clock::now () - start).count ();
}

/* The relative difference against a floor of 1e-3 × the value's scale
 * (the spot for prices): QuantLib's normal CDF is exact only absolutely in
 * the far tail, as the README's accuracy table says. */
static double
difference (double ours,
            double theirs,
            double scale)
{
  return std::fabs (ours - theirs) / std::max (std::fabs (theirs), 1e-3 * scale);
}

static std::vector<ChainOption>
make_chain ()
{
  static const int expiries[10] = { 1, 2, 7, 14, 30, 60, 91, 182, 365, 730 };
  std::vector<ChainOption> chain;

  for (int e = 0; e < 10; e++)
    for (int k = 0; k < 50; k++)
      for (int r = 0; r < 2; r++)
        {
          double strike = 80.0 + 40.0 * k / 49.0;
          double moneyness = std::log (strike / 100.0);

          /* A smile, so that every option has its own volatility. */
          chain.push_back ({ r ? AU_OPTION_PUT : AU_OPTION_CALL, strike,
                             0.22 - 0.3 * moneyness + 1.5 * moneyness * moneyness, expiries[e] });
        }
  return chain;
}

/* QuantLib's side of the chain: one process and one option per member,
 * all on one SimpleQuote spot. */
struct QuantLibChain
{
  ql::ext::shared_ptr<ql::SimpleQuote>                                spot;
  std::vector<ql::ext::shared_ptr<ql::GeneralizedBlackScholesProcess>> processes;
  std::vector<ql::ext::shared_ptr<ql::VanillaOption>>                 options;
};

static QuantLibChain
make_quantlib_chain (const std::vector<ChainOption> &chain,
                     bool                            american)
{
  ql::Date today (5, ql::January, 2026);
  ql::DayCounter dc = ql::Actual365Fixed ();
  QuantLibChain q;

  ql::Settings::instance ().evaluationDate () = today;
  q.spot = ql::ext::make_shared<ql::SimpleQuote> (100.0);
  ql::Handle<ql::Quote> spot (q.spot);
  ql::Handle<ql::YieldTermStructure> rate (ql::ext::make_shared<ql::FlatForward> (today, RATE, dc));
  ql::Handle<ql::YieldTermStructure> dividend (ql::ext::make_shared<ql::FlatForward> (today, DIVIDEND, dc));

  for (const ChainOption &c : chain)
    {
      ql::Handle<ql::BlackVolTermStructure> vol (
        ql::ext::make_shared<ql::BlackConstantVol> (today, ql::NullCalendar (), c.vol, dc));
      auto process = ql::ext::make_shared<ql::BlackScholesMertonProcess> (spot, dividend, rate, vol);
      auto payoff = ql::ext::make_shared<ql::PlainVanillaPayoff> (
        c.right == AU_OPTION_CALL ? ql::Option::Call : ql::Option::Put, c.strike);
      ql::ext::shared_ptr<ql::Exercise> exercise;
      ql::ext::shared_ptr<ql::PricingEngine> engine;

      if (american)
        {
          exercise = ql::ext::make_shared<ql::AmericanExercise> (today, today + c.days);
          engine = ql::ext::make_shared<ql::BjerksundStenslandApproximationEngine> (process);
        }
      else
        {
          exercise = ql::ext::make_shared<ql::EuropeanExercise> (today + c.days);
          engine = ql::ext::make_shared<ql::AnalyticEuropeanEngine> (process);
        }
      auto option = ql::ext::make_shared<ql::VanillaOption> (payoff, exercise);
      option->setPricingEngine (engine);
      q.processes.push_back (process);
      q.options.push_back (option);
    }
  return q;
}

static void
print_row (const Row &row)
{
  double ours_rate = row.n / row.ours_seconds;
  double theirs_rate = row.n / row.theirs_seconds;

  std::printf ("| %s | %.0f | %.3f s (%.2f M/s) | %s: %.3f s (%.3f M/s) | **%.1f×** | %s |\n",
               row.what, row.n, row.ours_seconds, ours_rate / 1e6, row.theirs, row.theirs_seconds,
               theirs_rate / 1e6, ours_rate / theirs_rate, row.agreement);
}

int
main (int    argc,
      char **argv)
{
  long n = argc > 1 ? std::atol (argv[1]) : 1000000;
  const char *part = argc > 2 ? argv[2] : NULL;
  auto want = [part] (const char *name) { return part == NULL || std::strcmp (part, name) == 0; };
  int n_spots;
  std::vector<ChainOption> chain = make_chain ();
  std::vector<double> spots;
  std::vector<AuOptionParams> params;
  std::vector<AuGreeks> ours;
  std::vector<double> prices;
  std::mt19937_64 rng (20260105);

  if (n < CHAIN || n % CHAIN != 0)
    {
      std::fprintf (stderr, "bench-quant: N must be a positive multiple of %d\n", CHAIN);
      return 2;
    }
  n_spots = (int) (n / CHAIN);

  /* A random walk of the spot, the same for every engine. */
  {
    std::normal_distribution<double> step (0.0, 0.01);
    double spot = 100.0;

    for (int j = 0; j < n_spots; j++)
      {
        spot = std::clamp (spot * std::exp (step (rng)), 85.0, 115.0);
        spots.push_back (spot);
      }
  }
  params.resize (n);
  ours.resize (n);
  for (int j = 0; j < n_spots; j++)
    for (int i = 0; i < CHAIN; i++)
      params[(size_t) j * CHAIN + i] = { chain[i].right, spots[j], chain[i].strike, RATE, DIVIDEND,
                                         chain[i].vol, chain[i].days / AU_DAYS_PER_YEAR };

  std::printf ("| Benchmark | N | ours (alluse) | reference | speed-up | agreement |\n");
  std::printf ("|---|---|---|---|---|---|\n");

  /* European price and greeks (our prices are the implied vols' input). */
  au_black_scholes_batch (params.data (), ours.data (), n);
  if (want ("european"))
  {
    QuantLibChain q = make_quantlib_chain (chain, false);
    std::vector<AuGreeks> theirs (n);
    double worst_price = 0.0, worst_greek = 0.0, worst_absolute = 0.0;
    Row row = { "European price + Δ Γ vega θ ρ", (double) n, 0, 0, "QuantLib AnalyticEuropeanEngine", "" };
    auto start = std::chrono::steady_clock::now ();

    au_black_scholes_batch (params.data (), ours.data (), n);
    row.ours_seconds = seconds_since (start);

    start = std::chrono::steady_clock::now ();
    for (int j = 0; j < n_spots; j++)
      {
        q.spot->setValue (spots[j]);
        for (int i = 0; i < CHAIN; i++)
          {
            const ql::VanillaOption &o = *q.options[i];
            AuGreeks &g = theirs[(size_t) j * CHAIN + i];

            g.price = o.NPV ();
            g.delta = o.delta ();
            g.gamma = o.gamma ();
            g.vega = o.vega ();
            g.theta = o.theta ();
            g.rho = o.rho ();
          }
      }
    row.theirs_seconds = seconds_since (start);

    for (long k = 0; k < n; k++)
      {
        const AuGreeks &a = ours[k], &b = theirs[k];
        double spot = params[k].spot;

        worst_price = std::max (worst_price, difference (a.price, b.price, spot));
        worst_absolute = std::max (worst_absolute, std::fabs (a.price - b.price) / spot);
        worst_greek = std::max ({ worst_greek, difference (a.delta, b.delta, 1.0),
                                  difference (a.gamma, b.gamma, 1.0 / spot),
                                  difference (a.vega, b.vega, spot), difference (a.theta, b.theta, spot),
                                  difference (a.rho, b.rho, spot) });
      }
    std::snprintf (row.agreement, sizeof row.agreement,
                   "price %.1e relative¹ (%.1e × spot absolute), greeks %.1e relative¹", worst_price,
                   worst_absolute, worst_greek);
    print_row (row);
  }

  /* Implied volatility of our prices. */
  if (want ("iv"))
  {
    QuantLibChain q = make_quantlib_chain (chain, false);
    std::vector<double> vol_ours (n), vol_theirs (n);
    double worst_ours = 0.0, worst_theirs = 0.0;
    long failed_ours = 0, failed_theirs = 0, carried = 0;
    Row row = { "Implied volatility", (double) n, 0, 0, "QuantLib impliedVolatility (accuracy 1e-12)", "" };
    auto start = std::chrono::steady_clock::now ();

    for (long k = 0; k < n; k++)
      if (!au_implied_vol (&params[k], ours[k].price, &vol_ours[k], NULL))
        vol_ours[k] = NAN;
    row.ours_seconds = seconds_since (start);

    start = std::chrono::steady_clock::now ();
    for (int j = 0; j < n_spots; j++)
      {
        q.spot->setValue (spots[j]);
        for (int i = 0; i < CHAIN; i++)
          {
            long k = (long) j * CHAIN + i;

            try
              {
                vol_theirs[k] = q.options[i]->impliedVolatility (ours[k].price, q.processes[i], 1e-12, 100,
                                                                 1e-7, 4.0);
              }
            catch (const std::exception &)
              {
                vol_theirs[k] = NAN;
              }
          }
      }
    row.theirs_seconds = seconds_since (start);

    /* Round trip: price → vol → price, where the price carries the vol
     * (a time value above 1e-10 of the spot); below that a price on its
     * bound in double precision is an error for both, not a failure. */
    for (long k = 0; k < n; k++)
      {
        AuOptionParams p = params[k];
        double spot_q = p.spot * std::exp (-p.dividend * p.t), strike_r = p.strike * std::exp (-p.rate * p.t);
        double intrinsic = std::max (p.right == AU_OPTION_CALL ? spot_q - strike_r : strike_r - spot_q, 0.0);
        double price = ours[k].price;

        if (price - intrinsic <= 1e-10 * p.spot)
          continue;
        carried++;
        p.vol = vol_ours[k];
        if (std::isfinite (p.vol))
          worst_ours = std::max (worst_ours, std::fabs (au_black_scholes_price (&p) - price) / price);
        else
          failed_ours++;
        p.vol = vol_theirs[k];
        if (std::isfinite (p.vol))
          worst_theirs = std::max (worst_theirs, std::fabs (au_black_scholes_price (&p) - price) / price);
        else
          failed_theirs++;
      }
    std::snprintf (row.agreement, sizeof row.agreement,
                   "round trip over %ld: ours %.1e (%ld failed), QuantLib %.1e (%ld failed)", carried,
                   worst_ours, failed_ours, worst_theirs, failed_theirs);
    print_row (row);
  }

  /* American prices. */
  if (want ("american"))
  {
    QuantLibChain q = make_quantlib_chain (chain, true);
    std::vector<double> ours_1993 (n), ours_2002 (n), theirs (n);
    double worst = 0.0, seconds_2002;
    Row row = { "American price, Bjerksund-Stensland 1993", (double) n, 0, 0,
                "QuantLib BjerksundStenslandApproximationEngine", "" };
    auto start = std::chrono::steady_clock::now ();

    for (long k = 0; k < n; k++)
      ours_1993[k] = au_bjerksund_stensland_price (&params[k], AU_AMERICAN_BS1993);
    row.ours_seconds = seconds_since (start);
    start = std::chrono::steady_clock::now ();
    for (long k = 0; k < n; k++)
      ours_2002[k] = au_bjerksund_stensland_price (&params[k], AU_AMERICAN_BS2002);
    seconds_2002 = seconds_since (start);

    start = std::chrono::steady_clock::now ();
    for (int j = 0; j < n_spots; j++)
      {
        q.spot->setValue (spots[j]);
        for (int i = 0; i < CHAIN; i++)
          theirs[(size_t) j * CHAIN + i] = q.options[i]->NPV ();
      }
    row.theirs_seconds = seconds_since (start);

    for (long k = 0; k < n; k++)
      worst = std::max (worst, difference (ours_1993[k], theirs[k], params[k].spot));
    std::snprintf (row.agreement, sizeof row.agreement, "%.1e relative¹ (the 2002 form: %.3f s, %.2f M/s)",
                   worst, seconds_2002, n / seconds_2002 / 1e6);
    print_row (row);
  }

#ifdef BENCH_HAVE_TALIB
  /* ATR(5) over n daily bars, best of five runs each. */
  if (want ("atr"))
  {
    std::vector<double> high (n), low (n), close (n), tr (n), sma (n), wilder (n);
    std::vector<double> ta_tr (n), ta_sma (n), ta_atr (n);
    std::uniform_real_distribution<double> u (-1.0, 1.0);
    double previous = 100.0, worst_sma = 0.0, worst_wilder = 0.0;
    double ours_sma = INFINITY, ours_wilder = INFINITY, theirs_sma = INFINITY, theirs_atr = INFINITY;
    int begin, count, tr_begin, tr_count;

    for (long k = 0; k < n; k++)
      {
        double open = previous * (1.0 + 0.03 * u (rng));
        double next = open * (1.0 + 0.02 * u (rng));

        high[k] = std::max (open, next) * (1.0 + 0.005 * (1.0 + u (rng)));
        low[k] = std::min (open, next) * (1.0 - 0.005 * (1.0 + u (rng)));
        close[k] = previous = next;
      }
    TA_Initialize ();
    for (int run = 0; run < 5; run++)
      {
        auto start = std::chrono::steady_clock::now ();

        au_atr (high.data (), low.data (), close.data (), n, 5, AU_ATR_SMA, tr.data (), sma.data ());
        ours_sma = std::min (ours_sma, seconds_since (start));
        start = std::chrono::steady_clock::now ();
        au_atr (high.data (), low.data (), close.data (), n, 5, AU_ATR_WILDER, NULL, wilder.data ());
        ours_wilder = std::min (ours_wilder, seconds_since (start));

        start = std::chrono::steady_clock::now ();
        TA_TRANGE (0, n - 1, high.data (), low.data (), close.data (), &tr_begin, &tr_count, ta_tr.data ());
        TA_SMA (0, tr_count - 1, ta_tr.data (), 5, &begin, &count, ta_sma.data ());
        theirs_sma = std::min (theirs_sma, seconds_since (start));
        start = std::chrono::steady_clock::now ();
        TA_ATR (0, n - 1, high.data (), low.data (), close.data (), 5, &begin, &count, ta_atr.data ());
        theirs_atr = std::min (theirs_atr, seconds_since (start));
      }
    /* TA-Lib's outputs start at their first value: TR at bar 1, SMA of
     * the TRs 4 later (bar 5), ATR at bar 5. */
    for (long k = 5; k < n; k++)
      {
        worst_sma = std::max (worst_sma, std::fabs (sma[k] - ta_sma[k - 5]) / ta_sma[k - 5]);
        worst_wilder = std::max (worst_wilder, std::fabs (wilder[k] - ta_atr[k - 5]) / ta_atr[k - 5]);
      }
    {
      Row row = { "TR + ATR(5), simple mean (D2.13)", (double) n, ours_sma, theirs_sma,
                  "TA-Lib TA_TRANGE + TA_SMA", "" };

      std::snprintf (row.agreement, sizeof row.agreement, "%.1e relative", worst_sma);
      print_row (row);
    }
    {
      Row row = { "ATR(5), Wilder", (double) n, ours_wilder, theirs_atr, "TA-Lib TA_ATR", "" };

      std::snprintf (row.agreement, sizeof row.agreement, "%.1e relative", worst_wilder);
      print_row (row);
    }
    TA_Shutdown ();
  }
#endif
  return 0;
}

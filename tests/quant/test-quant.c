/* test-quant.c: the quant core against exact reference values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <float.h>
#include <math.h>

#include "au-quant.h"

#define assert_rel(a, b, tol) \
  G_STMT_START { \
    double a_ = (a), b_ = (b); \
    if (!(fabs (a_ - b_) <= (tol) * fabs (b_))) \
      g_error ("%s = %.17g, expected %.17g (relative %.2e > %.0e)", #a, a_, b_, \
               fabs (a_ - b_) / fabs (b_), (double) (tol)); \
  } G_STMT_END

/* Φ against values from the complementary error function. */
static void
test_normal_cdf (void)
{
  assert_rel (au_normal_cdf (0.0), 0.5, 1e-16);
  assert_rel (au_normal_cdf (1.5), 0.93319279873114191, 1e-15);
  assert_rel (au_normal_cdf (-5.0), 2.866515718791946e-07, 1e-14);
  assert_rel (au_normal_cdf (-10.0), 7.619853024160593e-24, 1e-13);
  for (double x = -30.0; x <= 8.0; x += 0.0625)
    assert_rel (au_normal_cdf (x), 0.5 * erfc (-x / G_SQRT2), 2e-13 + 4e-16 * x * x);
  for (double x = -30.0; x <= 3.0; x += 0.125)
    assert_rel (au_normal_cdf_scaled (x) * exp (-0.5 * x * x), au_normal_cdf (x), 1e-14);
}

/* Φ⁻¹: the textbook 97.5% and 0.1% quantiles, and Φ(Φ⁻¹(p)) = p from the
 * middle to 1e-300, where z is about −37. */
static void
test_normal_quantile (void)
{
  assert_rel (au_normal_quantile (0.975), 1.959963984540054, 1e-15);
  assert_rel (au_normal_quantile (0.001), -3.090232306167813, 1e-15);
  g_assert_cmpfloat (fabs (au_normal_quantile (0.5)), <, 1e-16);
  g_assert_cmpfloat (au_normal_quantile (0.0), ==, -INFINITY);
  g_assert_cmpfloat (au_normal_quantile (1.0), ==, INFINITY);
  g_assert_true (isnan (au_normal_quantile (-0.1)));
  g_assert_true (isnan (au_normal_quantile (NAN)));
  for (double p = 0.5; p >= 1e-300; p *= 0.01)
    {
      double z = au_normal_quantile (p);

      /* Φ's own rounding in the tail is about z²/2 ulp. */
      assert_rel (au_normal_cdf (z), p, 4e-16 * (1.0 + z * z));
    }
}

static void
test_bivariate (void)
{
  double rhos[] = { -0.99, -0.786, -0.5, 0.0, 0.3, 0.786, 0.95, 0.999 };

  for (guint i = 0; i < G_N_ELEMENTS (rhos); i++)
    assert_rel (au_bivariate_normal_cdf (0.0, 0.0, rhos[i]), 0.25 + asin (rhos[i]) / (2.0 * G_PI), 1e-14);
  assert_rel (au_bivariate_normal_cdf (1.0, -0.5, 0.0), au_normal_cdf (1.0) * au_normal_cdf (-0.5), 1e-15);
  /* ρ = 1: M(a, b) = Φ(min(a, b)); ρ = −1: max(0, Φ(a) − Φ(−b)). */
  assert_rel (au_bivariate_normal_cdf (0.3, -0.2, 1.0), au_normal_cdf (-0.2), 1e-14);
  assert_rel (au_bivariate_normal_cdf (0.3, 0.2, -1.0), au_normal_cdf (0.3) - au_normal_cdf (-0.2), 1e-14);
}

typedef struct
{
  AuOptionParams p;
  AuGreeks       ref;
  double         tol;
} Reference;

/* QuantLib 1.29 BlackCalculator values (price, Δ, Γ, vega, θ, ρ) at the
 * boundaries of the issue: Hull's 42/40 example, 1 minute and 2 years to
 * expiry, vol 1% and 300%, zero and high rates and dividends; the deep
 * out-of-the-money pair comes from erfc (QuantLib's tail is 1e-6 off). */
static const Reference references[] = {
  { { AU_OPTION_CALL, 42, 40, 0.1, 0.0, 0.2, 0.5 },
    { 4.759422392871536, 0.77913129094266886, 0.049962670405911867, 8.8134150596028622, -4.5590921945926324, 0, 13.982045913360277 }, 1e-13 },
  { { AU_OPTION_PUT, 42, 40, 0.1, 0.0, 0.2, 0.5 },
    { 0.80859937290009265, -0.22086870905733139, 0.049962670405911867, 8.8134150596028622, -0.75417449658976898, 0, -5.0425425766539993 }, 1e-13 },
  { { AU_OPTION_PUT, 100, 100, 0.05, 0.0, 0.25, 1.0 / 525600.0 },
    { 0.013752200852101886, -0.49982115955801965, 11.569049833299951, 0.05502782454956217, -3612.8282795011105, 0, -9.5121514757770317e-05 }, 1e-12 },
  { { AU_OPTION_CALL, 100, 100, 0.05, 0.02, 0.25, 2.0 },
    { 16.072493722810286, 0.61059116828644933, 0.010209741674470269, 51.048708372351349, -4.2186930919907937, 0, 89.97324621166932 }, 1e-13 },
  { { AU_OPTION_PUT, 100, 100, 0.0, 0.0, 0.01, 7.0 / 365.0 },
    /* At the money with σ√T = 0.0014 the price is a difference of two
     * halves, conditioned to ~1e-13; the reference is 100·erf(σ√T/√8). */
    { 0.055247498513835584, -0.4997237625074149, 2.8807619621113503, 5.5247489684327258, -1.4403809810556751, 0, -0.95943388012271369 }, 5e-13 },
  { { AU_OPTION_CALL, 100, 100, 0.15, 0.1, 3.0, 1.0 },
    { 78.69338974290666, 0.84631666702123698, 0.0003809433442123121, 11.428300326369362, -9.5700253632242358, 0, 5.9382769592170348 }, 1e-13 },
  { { AU_OPTION_PUT, 50, 55, 0.2, 0.15, 0.4, 0.25 },
    { 6.4175899763409898, -0.60031940608131007, 0.036576928368556839, 9.1442320921392142, -4.5310691632398923, 0, -9.1083900701016205 }, 1e-13 },
};

static void
test_black_scholes_references (void)
{
  AuOptionParams deep_put = { AU_OPTION_PUT, 100, 60, 0.0, 0.0, 0.3, 30.0 / 365.0 };
  AuOptionParams deep_call = { AU_OPTION_CALL, 100, 150, 0.0, 0.0, 0.3, 30.0 / 365.0 };

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      const Reference *r = &references[i];
      AuGreeks g;

      g_assert_true (au_option_params_validate (&r->p, NULL));
      au_black_scholes (&r->p, &g);
      assert_rel (g.price, r->ref.price, r->tol);
      assert_rel (g.delta, r->ref.delta, r->tol);
      assert_rel (g.gamma, r->ref.gamma, r->tol);
      assert_rel (g.vega, r->ref.vega, r->tol);
      assert_rel (g.theta, r->ref.theta, 1e-11);
      assert_rel (g.theta_day, r->ref.theta / 365.0, 1e-11);
      assert_rel (g.rho, r->ref.rho, r->tol);
      assert_rel (au_black_scholes_price (&r->p), g.price, 1e-16);
    }
  assert_rel (au_black_scholes_price (&deep_put), 1.5235166095513775e-09, 1e-6);
  assert_rel (au_black_scholes_price (&deep_call), 2.5054420367370247e-06, 1e-9);
}

static void
test_black_scholes_batch (void)
{
  AuOptionParams params[G_N_ELEMENTS (references)];
  AuGreeks out[G_N_ELEMENTS (references)];

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    params[i] = references[i].p;
  au_black_scholes_batch (params, out, G_N_ELEMENTS (references));
  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      AuGreeks one;

      au_black_scholes (&params[i], &one);
      g_assert_cmpfloat (out[i].price, ==, one.price);
      g_assert_cmpfloat (out[i].rho, ==, one.rho);
    }
}

static void
test_validation (void)
{
  AuOptionParams p = references[0].p;
  g_autoptr(GError) error = NULL;

  p.vol = -0.2;
  g_assert_false (au_option_params_validate (&p, &error));
  g_assert_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "vol:"));
  g_clear_error (&error);
  p.vol = NAN;
  g_assert_false (au_option_params_validate (&p, &error));
  g_assert_true (g_str_has_prefix (error->message, "vol:"));
  g_clear_error (&error);
  p.vol = 0.2;
  p.t = 0.0;
  g_assert_false (au_option_params_validate (&p, &error));
  g_assert_true (g_str_has_prefix (error->message, "t:"));
}

/* QuantLib 1.29's BjerksundStenslandApproximationEngine gives 5.270404 on
 * Haug's example (S 42, K 40, T 0.75, r 4%, b −4%, σ 35%); the 2002 form
 * is closer to the tree (5.3105), both below it. */
static void
test_american (void)
{
  AuOptionParams call = { AU_OPTION_CALL, 42, 40, 0.04, 0.08, 0.35, 0.75 };
  AuOptionParams put = { AU_OPTION_PUT, 100, 100, 0.05, 0.0, 0.3, 1.0 };
  AuOptionParams no_dividend = { AU_OPTION_CALL, 100, 95, 0.05, 0.0, 0.3, 0.5 };
  AuOptionParams deep = { AU_OPTION_PUT, 100, 200, 0.05, 0.0, 0.3, 0.5 };
  double p93 = au_bjerksund_stensland_price (&call, AU_AMERICAN_BS1993);
  double p02 = au_bjerksund_stensland_price (&call, AU_AMERICAN_BS2002);
  AuGreeks g, european;

  g_assert_cmpfloat_with_epsilon (p93, 5.270404, 5e-7);
  g_assert_cmpfloat (p93, <, p02);
  g_assert_cmpfloat (p02, <, 5.3105);
  /* Put (tree 9.86988): 1993 9.74584 < 2002 9.79095. */
  g_assert_cmpfloat_with_epsilon (au_bjerksund_stensland_price (&put, AU_AMERICAN_BS1993), 9.74584, 1e-5);
  g_assert_cmpfloat_with_epsilon (au_bjerksund_stensland_price (&put, AU_AMERICAN_BS2002), 9.79095, 1e-5);
  /* An American call without dividends is the European one, greeks too. */
  au_bjerksund_stensland (&no_dividend, AU_AMERICAN_BS2002, &g);
  au_black_scholes (&no_dividend, &european);
  g_assert_cmpfloat (g.price, ==, european.price);
  g_assert_cmpfloat (g.delta, ==, european.delta);
  /* Deep in the money the put is exercised: intrinsic, Δ −1, Γ 0. */
  au_bjerksund_stensland (&deep, AU_AMERICAN_BS2002, &g);
  g_assert_cmpfloat (g.price, ==, 100.0);
  g_assert_cmpfloat_with_epsilon (g.delta, -1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g.gamma, 0.0, 1e-9);
  /* Finite-difference greeks agree with the European ones in spirit. */
  au_bjerksund_stensland (&put, AU_AMERICAN_BS2002, &g);
  g_assert_cmpfloat (g.delta, <, 0.0);
  g_assert_cmpfloat (g.delta, >, -1.0);
  g_assert_cmpfloat (g.gamma, >, 0.0);
  g_assert_cmpfloat (g.vega, >, 0.0);
  g_assert_cmpfloat (g.theta, <, 0.0);
}

/* Let's Be Rational promises machine precision after two Householder(3)
 * steps from its initial guess. */
#define MAX_HOUSEHOLDER_STEPS 2

/* price → IV → price over a grid from 1 minute (and Gen's Thursday 15:59
 * to Friday's close, 1 day 1 minute) to 2 years, vol 1% to 300%, deep in
 * and out of the money, both rights. */
static void
test_implied_vol_round_trip (void)
{
  static const double times[] = { 1.0 / 525600.0, 1441.0 / 525600.0, 7.0 / 365.0, 0.25, 1.0, 2.0 };
  static const double vols[] = { 0.01, 0.05, 0.2, 0.6, 1.5, 3.0 };
  static const double strikes[] = { 50, 80, 95, 99.9, 100, 100.1, 105, 125, 200 };
  guint solved = 0, max_iterations = 0, total_iterations = 0;
  double worst_vol = 0.0, worst_price = 0.0;

  for (guint it = 0; it < G_N_ELEMENTS (times); it++)
    for (guint iv = 0; iv < G_N_ELEMENTS (vols); iv++)
      for (guint ik = 0; ik < G_N_ELEMENTS (strikes); ik++)
        for (int right = 0; right < 2; right++)
          {
            AuOptionParams p = { right ? AU_OPTION_PUT : AU_OPTION_CALL, 100, strikes[ik], 0.05, 0.02,
                                 vols[iv], times[it] };
            double price = au_black_scholes_price (&p);
            double spot_q = p.spot * exp (-p.dividend * p.t);
            double strike_r = p.strike * exp (-p.rate * p.t);
            double intrinsic = MAX (right ? strike_r - spot_q : spot_q - strike_r, 0.0);
            double vol = 0.0, repriced, price_error, rounding;
            AuGreeks g;
            g_autoptr(GError) error = NULL;

            /* A time value below 1e-12 of the price (or below 1e-200)
             * carries no volatility in double precision. */
            if (price - intrinsic <= 1e-12 * price || price - intrinsic < 1e-200)
              continue;
            if (!au_implied_vol (&p, price, &vol, &error))
              g_error ("K %g T %g vol %g %s: %s", p.strike, p.t, p.vol, right ? "put" : "call", error->message);
            max_iterations = MAX (max_iterations, au_implied_vol_last_iterations ());
            total_iterations += au_implied_vol_last_iterations ();
            p.vol = vol;
            au_black_scholes (&p, &g);
            repriced = g.price;
            /* The textbook pricer itself subtracts S·e^{−qT}·Φ(±d1) and
             * K·e^{−rT}·Φ(±d2), and Φ's tail carries an exponential of
             * d²/2 (d²/2 ulp): its rounding, 8 ulp of their sum times
             * 1 + d²/2, is not the solver's and is allowed on top of 1e-12. */
            {
              double std_dev = vols[iv] * sqrt (p.t);
              double d1 = (log (p.spot / p.strike) + (p.rate - p.dividend) * p.t) / std_dev + 0.5 * std_dev;
              double sign = right ? -1.0 : 1.0;

              rounding = 8 * DBL_EPSILON * (1.0 + 0.5 * d1 * d1)
                         * (spot_q * au_normal_cdf (sign * d1) + strike_r * au_normal_cdf (sign * (d1 - std_dev)));
            }
            price_error = fabs (repriced - price) / price;
            if (!(fabs (repriced - price) <= 1e-12 * price + rounding))
              g_error ("K %g T %g vol %g %s: price %.17g → vol %.17g → %.17g", p.strike, p.t, vols[iv],
                       right ? "put" : "call", price, vol, repriced);
            if (rounding < 1e-13 * price)
              worst_price = MAX (worst_price, price_error);
            /* The vol comes back to 1e-12 plus what the pricer's rounding
             * moves it by (rounding / (vega·σ), relative); where that is
             * below 1e-13 the price fully determines the vol. */
            if (!(fabs (vol / vols[iv] - 1.0) <= 1e-12 + rounding / (g.vega * vol)))
              g_error ("K %g T %g vol %g %s: vol %.17g, allowed %.3g, price %.17g rounding %.3g",
                       p.strike, p.t, vols[iv], right ? "put" : "call", vol,
                       1e-12 + rounding / (g.vega * vol), price, rounding);
            if (rounding / (g.vega * vol) < 1e-13)
              worst_vol = MAX (worst_vol, fabs (vol / vols[iv] - 1.0));
            solved++;
          }
  g_test_message ("%u round trips, %.2f Householder steps on average, at most %u; "
                  "worst relative error: vol %.2e, price %.2e",
                  solved, (double) total_iterations / solved, max_iterations, worst_vol, worst_price);
  g_assert_cmpuint (solved, >=, 470);
  g_assert_cmpuint (max_iterations, <=, MAX_HOUSEHOLDER_STEPS);
  g_assert_cmpuint (max_iterations, >=, 1);
  g_assert_cmpfloat (worst_price, <, 1e-12);
  g_assert_cmpfloat (worst_vol, <, 1e-12);
}

static void
test_implied_vol_bounds (void)
{
  AuOptionParams p = { AU_OPTION_PUT, 100, 110, 0.05, 0.0, 0.0, 0.25 };
  double strike_r = 110 * exp (-0.05 * 0.25);
  double vol = -1;
  g_autoptr(GError) error = NULL;

  /* Below intrinsic, on it, on the upper bound: errors, no volatility. */
  g_assert_false (au_implied_vol (&p, strike_r - 100 - 0.01, &vol, &error));
  g_assert_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_OUT_OF_BOUNDS);
  g_assert_cmpfloat (vol, ==, -1);
  g_clear_error (&error);
  g_assert_false (au_implied_vol (&p, strike_r - 100, &vol, &error));
  g_assert_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_OUT_OF_BOUNDS);
  g_clear_error (&error);
  g_assert_false (au_implied_vol (&p, strike_r, &vol, &error));
  g_assert_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_OUT_OF_BOUNDS);
  g_clear_error (&error);
  g_assert_false (au_implied_vol (&p, NAN, &vol, &error));
  g_assert_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Just inside: a volatility. */
  g_assert_true (au_implied_vol (&p, strike_r - 100 + 0.01, &vol, NULL));
  g_assert_cmpfloat (vol, >, 0.0);
  /* A tiny price far out of the money, minutes from expiry. */
  p.right = AU_OPTION_CALL;
  p.t = 30.0 / 525600.0;
  p.vol = 0.4;
  {
    double price = au_black_scholes_price (&p);

    g_assert_cmpfloat (price, >, 0.0);
    g_assert_cmpfloat (price, <, 1e-100);
    g_assert_true (au_implied_vol (&p, price, &vol, NULL));
    assert_rel (vol, 0.4, 1e-10);
  }
}

static void
test_implied_vol_american (void)
{
  AuOptionParams p = { AU_OPTION_PUT, 100, 100, 0.05, 0.0, 0.3, 1.0 };
  double price = au_bjerksund_stensland_price (&p, AU_AMERICAN_BS2002);
  double vol = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_implied_vol_american (&p, AU_AMERICAN_BS2002, price, &vol, NULL));
  assert_rel (vol, 0.3, 1e-10);
  p.spot = 80;
  g_assert_false (au_implied_vol_american (&p, AU_AMERICAN_BS2002, 19.99, &vol, &error));
  g_assert_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_OUT_OF_BOUNDS);
}

/* Hand-computed: TR and ATR(5) of seven bars (R6.8, D2.13). */
static void
test_atr (void)
{
  const double high[] = { 102, 104, 103, 107, 106, 110, 108 };
  const double low[] = { 99, 100, 100, 101, 103, 104, 105 };
  const double close[] = { 101, 103, 101, 106, 104, 109, 106 };
  /* TR: bar 1 max(4, |103−104|... prev close 101: 104−100=4, |101−104|=3, |101−100|=1 → 4;
   * bar 2: 3, |103−103|=0, |103−100|=3 → 3; bar 3: 6, |101−107|=6, 0 → 6;
   * bar 4: 3, 0, 3 → 3; bar 5: 6, |104−110|=6, 0 → 6; bar 6: 3, 1, 4 → 4. */
  const double tr_expected[] = { NAN, 4, 3, 6, 3, 6, 4 };
  double tr[7], atr[7];

  g_assert_cmpuint (au_atr (high, low, close, 7, 5, AU_ATR_SMA, tr, atr), ==, 2);
  for (guint i = 1; i < 7; i++)
    g_assert_cmpfloat (tr[i], ==, tr_expected[i]);
  g_assert_true (isnan (tr[0]));
  for (guint i = 0; i < 5; i++)
    g_assert_true (isnan (atr[i]));
  g_assert_cmpfloat (atr[5], ==, (4 + 3 + 6 + 3 + 6) / 5.0);   /* 4.4 */
  g_assert_cmpfloat (atr[6], ==, (3 + 6 + 3 + 6 + 4) / 5.0);   /* 4.4 */

  g_assert_cmpuint (au_atr (high, low, close, 7, 5, AU_ATR_WILDER, NULL, atr), ==, 2);
  g_assert_cmpfloat (atr[5], ==, 4.4);
  g_assert_cmpfloat (atr[6], ==, (4.4 * 4 + 4) / 5.0);          /* 4.32 */

  /* Five bars give four true ranges: no ATR(5) yet. */
  g_assert_cmpuint (au_atr (high, low, close, 5, 5, AU_ATR_SMA, NULL, atr), ==, 0);
  g_assert_cmpfloat (au_true_range (10, 9, 12), ==, 3);
  g_assert_cmpfloat (au_true_range (10, 9, 7), ==, 3);
}

/* Across the 512-bar blocks of the implementation, for the shortest, the
 * protocol's and the longest period: every ATR is the plain mean of its
 * window, summed oldest first; Wilder's is its recursion. */
static void
test_atr_long_series (void)
{
  static const guint periods[] = { 1, 5, 64 };
  enum { N = 1300 };
  g_autofree double *high = g_new (double, N);
  g_autofree double *low = g_new (double, N);
  g_autofree double *close = g_new (double, N);
  g_autofree double *tr = g_new (double, N);
  g_autofree double *atr = g_new (double, N);
  g_autofree double *wilder = g_new (double, N);

  for (guint i = 0; i < N; i++)
    {
      /* Deterministic, with gaps both ways every few bars. */
      double mid = 100.0 + 10.0 * sin (i * 0.37) + (i % 7 == 0 ? 3.0 : 0.0);

      high[i] = mid + 0.5 + 0.25 * (i % 5);
      low[i] = mid - 0.5 - 0.125 * (i % 3);
      close[i] = mid + 0.1 * ((int) (i % 9) - 4);
    }
  for (guint ip = 0; ip < G_N_ELEMENTS (periods); ip++)
    {
      guint period = periods[ip];
      double expected_wilder = 0.0;

      g_assert_cmpuint (au_atr (high, low, close, N, period, AU_ATR_SMA, tr, atr), ==, N - period);
      g_assert_cmpuint (au_atr (high, low, close, N, period, AU_ATR_WILDER, NULL, wilder), ==, N - period);
      for (guint i = 1; i < N; i++)
        {
          double sum = 0.0;

          g_assert_cmpfloat (tr[i], ==, au_true_range (high[i], low[i], close[i - 1]));
          if (i < period)
            {
              g_assert_true (isnan (atr[i]) && isnan (wilder[i]));
              continue;
            }
          for (guint k = i - period + 1; k <= i; k++)
            sum += tr[k];
          g_assert_cmpfloat (atr[i], ==, sum / period);
          expected_wilder = i == period ? sum / period
                                        : (expected_wilder * (period - 1) + tr[i]) / period;
          g_assert_cmpfloat (wilder[i], ==, expected_wilder);
        }
    }
  /* Period 1: the ATR is the true range itself. */
  au_atr (high, low, close, N, 1, AU_ATR_SMA, tr, atr);
  for (guint i = 1; i < N; i++)
    g_assert_cmpfloat (atr[i], ==, tr[i]);
}

static void
test_time_to_expiry (void)
{
  g_autoptr(GTimeZone) zone = au_time_zone_new_york (NULL);
  g_autoptr(GDateTime) thursday = NULL, before_dst = NULL;
  GDate friday, after_dst;
  double t;

  g_assert_nonnull (zone);
  /* Thursday 15:59 ET to Friday's 16:00 close: 24 h 1 min. */
  thursday = g_date_time_new (zone, 2026, 1, 8, 15, 59, 0);
  g_date_clear (&friday, 1);
  g_date_set_dmy (&friday, 9, 1, 2026);
  g_assert_true (au_time_to_expiry (thursday, &friday, &t, NULL));
  assert_rel (t, (86400.0 + 60.0) / AU_SECONDS_PER_YEAR, 1e-15);
  /* Across the March 8, 2026 change the day is 23 hours. */
  before_dst = g_date_time_new (zone, 2026, 3, 6, 16, 0, 0);
  g_date_clear (&after_dst, 1);
  g_date_set_dmy (&after_dst, 9, 3, 2026);
  g_assert_true (au_time_to_expiry (before_dst, &after_dst, &t, NULL));
  assert_rel (t, (3 * 86400.0 - 3600.0) / AU_SECONDS_PER_YEAR, 1e-15);
  assert_rel (au_time_from_days (365), 1.0, 1e-16);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quant/normal/cdf", test_normal_cdf);
  g_test_add_func ("/quant/normal/quantile", test_normal_quantile);
  g_test_add_func ("/quant/normal/bivariate", test_bivariate);
  g_test_add_func ("/quant/black-scholes/references", test_black_scholes_references);
  g_test_add_func ("/quant/black-scholes/batch", test_black_scholes_batch);
  g_test_add_func ("/quant/black-scholes/validation", test_validation);
  g_test_add_func ("/quant/american/bjerksund-stensland", test_american);
  g_test_add_func ("/quant/implied-vol/round-trip", test_implied_vol_round_trip);
  g_test_add_func ("/quant/implied-vol/bounds", test_implied_vol_bounds);
  g_test_add_func ("/quant/implied-vol/american", test_implied_vol_american);
  g_test_add_func ("/quant/atr", test_atr);
  g_test_add_func ("/quant/atr/long-series", test_atr_long_series);
  g_test_add_func ("/quant/time-to-expiry", test_time_to_expiry);

  return g_test_run ();
}

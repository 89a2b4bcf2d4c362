/* au-market-symbol.c: the paper market's universe and its parameters (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-market-symbol.h"
#include "au-portable-math.h"

/* The premium at which the option grid changes (penny program). */
#define OPTION_TICK_BREAK (3 * AU_PRICE_SCALE)

/* Rough long-run figures of the real instruments: prices near their
 * 2024 levels, vols and betas of 2015-2025 daily closes, option ticks of
 * the penny program (single stocks $0.01 below $3 and $0.05 from $3; SPY,
 * QQQ, IWM a penny throughout; SPX and VIX $0.05/$0.10), strike steps of
 * the near-term series, spread bases of a few cents for the most traded
 * names (a near-money weekly AAPL put quotes about $0.03 wide). They
 * describe the market; none is chosen for what it does to the strategy's
 * results. */
static const AuSymbolParams symbols[AU_MARKET_N_SYMBOLS] = {
  { .symbol = "SPX", .kind = AU_ASSET_INDEX,
    .start_price = 5000.0, .vol = 0.17, .beta = 1.00, .dividend_yield = 0.013,
    .strike_step = 5.0, .tick_low = 0.05, .tick_high = 0.10,
    .skew = 0.14, .smile = 0.025, .spread_base = 0.10,
    .open_interest = 20000, .style = AU_OPTION_EUROPEAN, .daily_expiries = TRUE },
  { .symbol = "SPY", .kind = AU_ASSET_ETF, .twin_of = "SPX",
    .start_price = 500.0, .vol = 0.17, .beta = 1.00, .dividend_yield = 0.013,
    .strike_step = 1.0, .tick_low = 0.01, .tick_high = 0.01,
    .skew = 0.14, .smile = 0.025, .spread_base = 0.01,
    .open_interest = 60000, .share_volume = 70000000,
    .style = AU_OPTION_AMERICAN, .daily_expiries = TRUE },
  { .symbol = "QQQ", .kind = AU_ASSET_ETF,
    .start_price = 430.0, .vol = 0.22, .beta = 1.15, .dividend_yield = 0.006,
    .jump_rate = 0.5, .jump_mean = 0.0, .jump_std = 0.02,
    .strike_step = 1.0, .tick_low = 0.01, .tick_high = 0.01,
    .skew = 0.11, .smile = 0.025, .spread_base = 0.01,
    .open_interest = 40000, .share_volume = 40000000,
    .style = AU_OPTION_AMERICAN, .daily_expiries = TRUE },
  { .symbol = "IWM", .kind = AU_ASSET_ETF,
    .start_price = 200.0, .vol = 0.23, .beta = 1.10, .dividend_yield = 0.012,
    .jump_rate = 0.5, .jump_mean = 0.0, .jump_std = 0.02,
    .strike_step = 1.0, .tick_low = 0.01, .tick_high = 0.01,
    .skew = 0.10, .smile = 0.025, .spread_base = 0.01,
    .open_interest = 30000, .share_volume = 30000000,
    .style = AU_OPTION_AMERICAN, .daily_expiries = TRUE },
  { .symbol = "AAPL", .kind = AU_ASSET_STOCK,
    .start_price = 190.0, .vol = 0.28, .beta = 1.15, .dividend_yield = 0.005,
    .jump_rate = 1.0, .jump_mean = 0.0, .jump_std = 0.03,
    .earnings_std = 0.045, .earnings_day = 33,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.07, .smile = 0.020, .spread_base = 0.01,
    .open_interest = 15000, .share_volume = 55000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "MSFT", .kind = AU_ASSET_STOCK,
    .start_price = 410.0, .vol = 0.26, .beta = 1.05, .dividend_yield = 0.008,
    .jump_rate = 1.0, .jump_mean = 0.0, .jump_std = 0.03,
    .earnings_std = 0.045, .earnings_day = 25,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.07, .smile = 0.020, .spread_base = 0.02,
    .open_interest = 10000, .share_volume = 22000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "AMZN", .kind = AU_ASSET_STOCK,
    .start_price = 180.0, .vol = 0.33, .beta = 1.20, .dividend_yield = 0.0,
    .jump_rate = 1.0, .jump_mean = 0.0, .jump_std = 0.035,
    .earnings_std = 0.07, .earnings_day = 31,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.06, .smile = 0.020, .spread_base = 0.01,
    .open_interest = 15000, .share_volume = 45000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "GOOG", .kind = AU_ASSET_STOCK,
    .start_price = 160.0, .vol = 0.30, .beta = 1.10, .dividend_yield = 0.005,
    .jump_rate = 1.0, .jump_mean = 0.0, .jump_std = 0.03,
    .earnings_std = 0.06, .earnings_day = 27,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.06, .smile = 0.020, .spread_base = 0.015,
    .open_interest = 10000, .share_volume = 22000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "GOOGL", .kind = AU_ASSET_STOCK, .twin_of = "GOOG",
    .start_price = 159.0, .vol = 0.30, .beta = 1.10, .dividend_yield = 0.005,
    .jump_rate = 1.0, .jump_mean = 0.0, .jump_std = 0.03,
    .earnings_std = 0.06, .earnings_day = 27,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.06, .smile = 0.020, .spread_base = 0.015,
    .open_interest = 12000, .share_volume = 28000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "NVDA", .kind = AU_ASSET_STOCK,
    .start_price = 120.0, .vol = 0.52, .beta = 1.80, .dividend_yield = 0.0003,
    .jump_rate = 2.0, .jump_mean = 0.0, .jump_std = 0.05,
    .earnings_std = 0.08, .earnings_day = 55,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.05, .smile = 0.020, .spread_base = 0.01,
    .open_interest = 40000, .share_volume = 300000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "TSLA", .kind = AU_ASSET_STOCK,
    .start_price = 220.0, .vol = 0.58, .beta = 1.60, .dividend_yield = 0.0,
    .jump_rate = 2.0, .jump_mean = 0.0, .jump_std = 0.05,
    .earnings_std = 0.09, .earnings_day = 22,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.04, .smile = 0.020, .spread_base = 0.01,
    .open_interest = 30000, .share_volume = 100000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "META", .kind = AU_ASSET_STOCK,
    .start_price = 480.0, .vol = 0.38, .beta = 1.25, .dividend_yield = 0.004,
    .jump_rate = 1.0, .jump_mean = 0.0, .jump_std = 0.035,
    .earnings_std = 0.10, .earnings_day = 28,
    .tick_low = 0.01, .tick_high = 0.05,
    .skew = 0.06, .smile = 0.020, .spread_base = 0.03,
    .open_interest = 8000, .share_volume = 15000000, .style = AU_OPTION_AMERICAN },
  { .symbol = "VIX", .kind = AU_ASSET_VOLATILITY,
    .start_price = 16.0, .vol = 0.0, .beta = 0.0, .dividend_yield = 0.0,
    .strike_step = 1.0, .tick_low = 0.05, .tick_high = 0.10,
    .skew = -0.20, .smile = 0.020, .spread_base = 0.03,
    .open_interest = 50000, .style = AU_OPTION_EUROPEAN },
};

/* VIX: a median near 16 and a mean near 19 with its jumps (1990-2025:
 * median 17.6, mean 19.5); half-life of a deviation ln 2 / κ ≈ 2 months.
 * SPX: diffusion vol 0.8 × VIX (VIX averages ~1.2× SPX realized). Two
 * crashes a year at an average VIX, more when VIX is high (their rate
 * scales with the variance), so selloffs cluster. */
static const AuMarketParams market = {
  .rate = 0.04,
  .equity_premium = 0.04,
  .vix_mean_log = 2.772588722239781, /* ln 16 */
  .vix_kappa = 4.0,
  .vix_vol = 0.85,
  .vix_market_corr = -0.75,
  .market_vol_per_vix = 0.80,
  .crash_rate = 2.0,
  .crash_mean = -0.025,
  .crash_std = 0.02,
  .crash_vix_jump = 0.25,
  .crash_vix_jump_std = 0.10,
  .overnight_share = 0.25,
  .vrp_calm = 1.20,
  .vrp_shock_drop = 0.30,
  .vrp_shock_days = 10.0,
  .realized_weight = 0.30,
};

const AuSymbolParams *
au_market_symbols (guint *n_symbols)
{
  if (n_symbols != NULL)
    *n_symbols = AU_MARKET_N_SYMBOLS;
  return symbols;
}

int
au_market_symbol_index (const char *symbol)
{
  int i;

  g_return_val_if_fail (symbol != NULL, -1);

  for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
    if (strcmp (symbols[i].symbol, symbol) == 0)
      return i;
  return -1;
}

const AuSymbolParams *
au_market_symbol_lookup (const char *symbol)
{
  int index = au_market_symbol_index (symbol);

  return index < 0 ? NULL : &symbols[index];
}

AuPrice
au_market_symbol_option_tick (const AuSymbolParams *params,
                              AuPrice               price)
{
  double tick;

  if (params == NULL)
    tick = price < OPTION_TICK_BREAK ? 0.01 : 0.05;
  else
    tick = price < OPTION_TICK_BREAK ? params->tick_low : params->tick_high;
  return (AuPrice) llround (tick * AU_PRICE_SCALE);
}

const AuMarketParams *
au_market_params (void)
{
  return &market;
}

double
au_market_vix_rms (void)
{
  /* Stationary log-OU with compound-Poisson up-jumps: mean
   * μ + λ E[J] / κ, variance η² / 2κ + λ E[J²] / 2κ; E[V²]^½ = e^(m + v). */
  double jump_sq = market.crash_vix_jump * market.crash_vix_jump
                   + market.crash_vix_jump_std * market.crash_vix_jump_std;
  double m = market.vix_mean_log + market.crash_rate * market.crash_vix_jump / market.vix_kappa;
  double v = market.vix_vol * market.vix_vol / (2.0 * market.vix_kappa)
             + market.crash_rate * jump_sq / (2.0 * market.vix_kappa);

  /* au_pmath_exp(): the paths scale by this, so it must be the same bits
   * everywhere. */
  return au_pmath_exp (m + v);
}

static double
market_diffusion_variance (void)
{
  double vol = market.market_vol_per_vix * au_market_vix_rms () / 100.0;

  return vol * vol;
}

static double
market_jump_variance (void)
{
  return market.crash_rate * (market.crash_mean * market.crash_mean
                              + market.crash_std * market.crash_std);
}

double
au_symbol_diffusion_variance (const AuSymbolParams *params)
{
  double own_jumps, earnings;

  g_return_val_if_fail (params != NULL, 0.0);

  if (params->kind == AU_ASSET_INDEX || params->kind == AU_ASSET_VOLATILITY)
    return market_diffusion_variance ();

  own_jumps = params->jump_rate * (params->jump_mean * params->jump_mean
                                   + params->jump_std * params->jump_std);
  earnings = params->earnings_std > 0.0 ? 4.0 * params->earnings_std * params->earnings_std : 0.0;
  return params->vol * params->vol - own_jumps - earnings
         - params->beta * params->beta * market_jump_variance ();
}

double
au_symbol_idio_variance (const AuSymbolParams *params)
{
  g_return_val_if_fail (params != NULL, 0.0);

  if (params->kind == AU_ASSET_INDEX || params->kind == AU_ASSET_VOLATILITY)
    return 0.0;
  return au_symbol_diffusion_variance (params)
         - params->beta * params->beta * market_diffusion_variance ();
}

/* au-market-symbol.h: the paper market's universe and its parameters (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-option.h"
#include "au-types.h"

G_BEGIN_DECLS

typedef enum
{
  AU_ASSET_INDEX,     /* SPX: the market factor itself, European options */
  AU_ASSET_ETF,       /* SPY, QQQ, IWM */
  AU_ASSET_STOCK,     /* single stocks: earnings, American options */
  AU_ASSET_VOLATILITY /* VIX: its own log-OU process */
} AuAssetKind;

/* One symbol's parameters. The numbers are rough long-run figures of the
 * real instruments (2015-2025), not fitted to anything the strategy
 * does: nothing here is tuned to make selling options profitable.
 *
 * @vol is the long-run annual realized volatility of daily closes from
 * every source (diffusion, market and own jumps, earnings gaps); the
 * model subtracts the jump and earnings variance to find the diffusion.
 * Prices are in dollars as doubles inside the simulation (a path is not
 * money); quotes leave it rounded to the tick. */
typedef struct
{
  const char    *symbol;
  AuAssetKind    kind;
  const char    *twin_of;        /* shares this symbol's shocks (SPY of SPX, GOOGL of GOOG) */
  double         start_price;
  double         vol;
  double         beta;           /* to the market factor (SPX) */
  double         jump_rate;      /* own jumps per year */
  double         jump_mean;      /* of the log jump */
  double         jump_std;
  double         earnings_std;   /* of the overnight log gap after earnings; 0: none */
  int            earnings_day;   /* days after a quarter's end of the usual report */
  double         dividend_yield;
  double         strike_step;    /* near the money, up to 60 days; 0: by price level (stocks) */
  double         tick_low;       /* option tick below $3 */
  double         tick_high;      /* and from $3 */
  double         skew;           /* implied-vol slope per standard deviation of moneyness */
  double         smile;          /* and curvature */
  double         spread_base;    /* dollars of an option's spread at VIX 18, at the money */
  gint64         open_interest;  /* at the money, monthly expiry */
  gint64         share_volume;   /* average shares a day */
  AuOptionStyle  style;
  gboolean       daily_expiries; /* lists an expiry every trading day for two weeks */
} AuSymbolParams;

#define AU_MARKET_N_SYMBOLS 13

/* The universe of the constitution (AAPL, MSFT, AMZN, GOOG, GOOGL, NVDA,
 * TSLA, META, SPY, QQQ, IWM) plus SPX and VIX, in a fixed order (the
 * market factor SPX first, VIX last). */
const AuSymbolParams *au_market_symbols        (guint      *n_symbols);
/* NULL when @symbol is not in the universe. */
const AuSymbolParams *au_market_symbol_lookup  (const char *symbol);
int                   au_market_symbol_index   (const char *symbol);

/* The minimum tick of an option limit or quote of @price per share — the
 * one rule the quotes, the paper exchange and the order manager share:
 * below $3 the symbol's tick_low ($0.01; $0.05 for SPX and VIX), from $3
 * its tick_high ($0.05 for single stocks, $0.01 for the penny names SPY,
 * QQQ and IWM, $0.10 for SPX and VIX). @params may be NULL for a symbol
 * outside the universe: then the non-penny rule, $0.01 below $3 and
 * $0.05 from $3. $3.00 is on every grid, so rounding a price with the
 * tick of the price itself never skips the change of grid. */
AuPrice               au_market_symbol_option_tick (const AuSymbolParams *params,
                                                    AuPrice               price);

/* The long-run parameters of the market and of VIX, shared by the path
 * generator and the volatility surface. */
typedef struct
{
  double rate;              /* risk-free rate, continuous, per year */
  double equity_premium;    /* expected excess return per unit of beta */
  double vix_mean_log;      /* μ of ln VIX (its median level is e^μ) */
  double vix_kappa;         /* mean reversion per year */
  double vix_vol;           /* η of ln VIX per √year */
  double vix_market_corr;   /* of VIX's shock with the market's (leverage effect) */
  double market_vol_per_vix;/* SPX diffusion vol = this × VIX / 100 */
  double crash_rate;        /* market jumps per year at an average VIX */
  double crash_mean;        /* of the market's log jump */
  double crash_std;
  double crash_vix_jump;    /* of ln VIX at a market jump (its mean) */
  double crash_vix_jump_std;
  double overnight_share;   /* of a day's diffusion variance that falls overnight */
  double vrp_calm;          /* implied over expected vol in calm markets */
  double vrp_shock_drop;    /* taken off just after a shock */
  double vrp_shock_days;    /* half-life of a shock's effect, trading days */
  double realized_weight;   /* of recent realized in the forward vol estimate */
} AuMarketParams;

const AuMarketParams *au_market_params (void);

/* The diffusion variance per year of @params at an average VIX: @vol²
 * minus the variance of jumps, earnings and the market's jumps. */
double au_symbol_diffusion_variance (const AuSymbolParams *params);
/* Its idiosyncratic part: diffusion less beta² × the market's diffusion. */
double au_symbol_idio_variance      (const AuSymbolParams *params);
/* E[VIX²]^½ of the stationary log-OU: the level at which the
 * instantaneous vols equal their long-run values. */
double au_market_vix_rms            (void);

G_END_DECLS

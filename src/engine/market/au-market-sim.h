/* au-market-sim.h: the deterministic, seeded paper market (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-daily-bar.h"
#include "au-earnings-calendar.h"
#include "au-option-chain.h"
#include "au-types.h"

G_BEGIN_DECLS

/* Five-minute steps through each NYSE session (holidays and early closes
 * from the calendar): 78 a full day, 42 on a 13:00 close. */
#define AU_MARKET_STEP_MINUTES     5
#define AU_MARKET_OPEN_MINUTE      (9 * 60 + 30)
/* Sessions simulated before the start date, so ATR(5) and the realized
 * vol exist on the first day. */
#define AU_MARKET_WARMUP_SESSIONS  30

#define AU_TYPE_MARKET_SIM (au_market_sim_get_type ())

G_DECLARE_FINAL_TYPE (AuMarketSim, au_market_sim, AU, MARKET_SIM, GObject)

/* A market of the universe of au_market_symbols() from @seed, its clock
 * at the open (09:30 ET) of @start (the next session when @start is not
 * one), after AU_MARKET_WARMUP_SESSIONS sessions of history. Nothing in
 * it reads the wall clock or a global generator: the same seed and the
 * same calls give the same market, bit for bit.
 *
 * The model: SPX is the market factor, its diffusion vol 0.8 × VIX; VIX
 * is a log-Ornstein-Uhlenbeck process whose shock is correlated −0.75
 * with the market's, plus up-jumps at market crashes, whose rate grows
 * with VIX² (so selloffs cluster, then VIX mean-reverts). Every other
 * symbol moves by beta × the market plus its own diffusion, both scaled
 * by VIX (volatility clustering), its own jumps and, after a report, an
 * overnight earnings gap; SPY and GOOGL share SPX's and GOOG's moves.
 * Variance runs in trading time (a session is 1/252 of a year, a
 * quarter of it overnight); drift is the rate plus beta × a 4% equity
 * premium less the dividend yield, jumps compensated.
 *
 * Across platforms: price paths use only IEEE-exact operations and
 * au-portable-math.h, so they are the same bits on any IEEE-754 double
 * machine; option prices go through the quant core, which uses libm's
 * exp, log and sqrt, so a chain's last bits may differ between libc
 * versions (never between two runs on one machine). */
AuMarketSim        *au_market_sim_new              (guint64       seed,
                                                    const GDate  *start,
                                                    GError      **error);
guint64             au_market_sim_get_seed         (AuMarketSim  *self);

/* One step: five minutes, or from the close to the next session's open
 * (the overnight gap, with an earnings gap after a report). FALSE with
 * AU_MARKET_ERROR_REPLAY when a replayed symbol has no bar for the next
 * session; the market is then unchanged. */
gboolean            au_market_sim_step             (AuMarketSim  *self,
                                                    GError      **error);
/* Steps while the next step ends at or before @time. */
gboolean            au_market_sim_advance_to       (AuMarketSim  *self,
                                                    GDateTime    *time,
                                                    GError      **error);
/* Steps to the close of the current session (@n = 1) or of the
 * (@n − 1)-th session after it. */
gboolean            au_market_sim_run_sessions     (AuMarketSim  *self,
                                                    guint         n,
                                                    GError      **error);

/* The clock: a session date and minutes after midnight ET (09:30 … the
 * close). */
void                au_market_sim_get_clock        (AuMarketSim  *self,
                                                    GDate        *date,
                                                    int          *minute_of_day);
/* The same as an instant in New York time. */
GDateTime          *au_market_sim_dup_time         (AuMarketSim  *self);
gboolean            au_market_sim_is_at_close      (AuMarketSim  *self);

/* The last price (dollars, unrounded; FALSE for an unknown symbol) and
 * the same on the cent grid as trades print. */
gboolean            au_market_sim_get_price        (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    double       *price);
gboolean            au_market_sim_get_last         (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    AuPrice      *last);
double              au_market_sim_get_vix          (AuMarketSim  *self);
/* Recent realized vol (annual, EWMA of daily returns, earnings gaps
 * excluded) and the shock level (1 on a shock day, halving every
 * vrp_shock_days) that lowers the variance risk premium. */
double              au_market_sim_get_realized_vol (AuMarketSim  *self,
                                                    const char   *symbol);
double              au_market_sim_get_shock        (AuMarketSim  *self);

/* Completed sessions' bars, warm-up included (transfer none), NULL for
 * an unknown symbol; and the session in progress. */
GArray             *au_market_sim_get_bars         (AuMarketSim  *self,
                                                    const char   *symbol);
gboolean            au_market_sim_get_session_bar  (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    AuDailyBar   *bar);

/* The generated earnings calendar (D2.28): about four reports a year per
 * stock, after the close; ETFs, SPX and VIX are covered with none.
 * Covered through the end of next year. (transfer none) */
AuEarningsCalendar *au_market_sim_get_earnings     (AuMarketSim  *self);

/* The at-the-money implied vol of an expiry @dte calendar days out, as
 * the chain prices it (earnings and the premium included): what a
 * constant-maturity IV index of @symbol would show. 0 for an unknown
 * symbol. */
double              au_market_sim_get_implied_vol  (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    guint         dte);

/* The option chain of @symbol now, expiries up to @max_dte days (from
 * @min_dte with the _range variant). */
AuOptionChain      *au_market_sim_get_chain        (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    guint         max_dte,
                                                    GError      **error);
AuOptionChain      *au_market_sim_get_chain_range  (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    guint         min_dte,
                                                    guint         max_dte,
                                                    GError      **error);
/* One series now (a held position's), the chain's numbers for it. */
gboolean            au_market_sim_get_quote        (AuMarketSim   *self,
                                                    const char    *symbol,
                                                    const GDate   *expiry,
                                                    AuOptionRight  right,
                                                    AuPrice        strike,
                                                    AuOptionQuote *quote,
                                                    GError       **error);

/* From now on @symbol follows @bars (AuDailyBar, sorted, as from
 * au_bars_csv_parse()): each session's open, high, low and close, the
 * path between them by au_replay_path_price(). The bars must cover the
 * current session. Replaying VIX makes the imported VIX drive the other
 * symbols' volatility. The random draws go on as before, so replaying
 * one symbol leaves the others' paths as they were. */
gboolean            au_market_sim_replay           (AuMarketSim  *self,
                                                    const char   *symbol,
                                                    GArray       *bars,
                                                    GError      **error);
gboolean            au_market_sim_is_replayed      (AuMarketSim  *self,
                                                    const char   *symbol);

/* SHA-256 of the clock, every price bit for bit and every bar. */
char               *au_market_sim_checksum         (AuMarketSim  *self);

G_END_DECLS

/* au-market-sim-private.h: the paper market's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-market-sim.h"
#include "au-market-symbol.h"
#include "au-random.h"

G_BEGIN_DECLS

typedef struct
{
  const AuSymbolParams *params;
  int                   twin;          /* index of the symbol whose shocks it shares, or -1 */
  double                idio_vol;      /* per √year at an average VIX */
  double                price;
  double                prev_close;
  double                realized_var;  /* EWMA of daily returns² × 252 */
  double                open, high, low;
  double                step_return;   /* this step's log return, for the twin */
  gboolean              earnings_gap;  /* a report after the last close: gap at this open */
  GArray               *bars;          /* AuDailyBar, completed sessions */
  GArray               *replay;        /* AuDailyBar or NULL */
} AuSymbolState;

struct _AuMarketSim
{
  GObject             parent_instance;

  guint64             seed;
  AuRandom            path_rng;      /* every price move */
  AuRandom            volume_rng;    /* the bars' volumes, apart so they never move a price */
  GDate               date;
  int                 minute;
  double              log_vix;
  double              shock;
  gboolean            crash_today;
  double              day_vix_start; /* VIX at the last close, for the shock test */
  GDateYear           earnings_through;
  AuEarningsCalendar *earnings;
  AuSymbolState       symbols[AU_MARKET_N_SYMBOLS];
};

/* au-market-step.c */
int      _au_market_sim_close_minute   (const GDate     *date);
guint    _au_market_sim_n_steps        (const GDate     *date);
void     _au_market_sim_move           (AuMarketSim     *self,
                                        double           dt,
                                        gboolean         at_open,
                                        guint            step,
                                        guint            n_steps);
void     _au_market_sim_close_session  (AuMarketSim     *self);
void     _au_market_sim_open_session   (AuMarketSim     *self);

/* au-market-earnings.c */
void     _au_market_sim_ensure_earnings (AuMarketSim    *self,
                                         GDateYear       through_year);

G_END_DECLS

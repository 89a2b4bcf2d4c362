/* au-option-chain.h: a quoted option chain of the paper market (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-market-symbol.h"
#include "au-option.h"
#include "au-types.h"
#include "au-vol-surface.h"

G_BEGIN_DECLS

/* One listed option. Prices in 1/10,000 dollars per share (a contract is
 * 100 shares); greeks in the quant core's units, per share: vega per 1.00
 * of vol, theta_day per calendar day; for VIX options the delta is to
 * the VIX forward, not the spot index. @iv is the surface's vol, the one
 * the quote was priced with (American: the Bjerksund-Stensland vol). */
typedef struct
{
  GDate         expiry;
  int           dte;            /* calendar days (D2.16) */
  AuOptionRight right;
  AuPrice       strike;
  AuPrice       bid;
  AuPrice       ask;
  double        theo;           /* model value, dollars */
  double        iv;
  double        delta;
  double        gamma;
  double        vega;
  double        theta_day;
  gint64        open_interest;  /* -1: the source did not send it (an IB snapshot) */
  gint64        volume;         /* -1: the source did not send it */
  gint64        as_of;          /* Unix seconds of the quote (D2.7's age) */
} AuOptionQuote;

/* What the chain is built from; the paper market fills it. */
typedef struct
{
  const AuSymbolParams *params;
  guint64               seed;
  GDateTime            *as_of;   /* any zone; expiries are New York dates */
  double                spot;    /* the underlying now */
  double                vix;     /* VIX now (spreads and volume) */
  AuVolState            vol;     /* the surface's state */
  guint                 min_dte; /* the nearest expiry wanted (0: all) */
  guint                 max_dte; /* the farthest expiry wanted */
} AuChainInputs;

#define AU_TYPE_OPTION_CHAIN (au_option_chain_get_type ())

G_DECLARE_FINAL_TYPE (AuOptionChain, au_option_chain, AU, OPTION_CHAIN, GObject)

/* Prices every listed series (au_option_expiries()) from @min_dte to
 * @max_dte days with the quant core: American (Bjerksund-Stensland 2002,
 * greeks by its central differences) for stocks and ETFs, European
 * (Black-Scholes-Merton) for SPX, and Black on the model's VIX forward
 * for VIX. Strikes are on the listing step around the forward (see
 * au-option-chain.c), ±4 standard deviations and at least ±3%, at most
 * 101 a side. Quotes are sorted by expiry, right (calls first) and
 * strike. An American series costs ~0.2 ms: ask for the expiries you
 * need. */
AuOptionChain       *au_option_chain_build        (const AuChainInputs *inputs,
                                                   GError             **error);
/* One series, listed or not (a held strike that is no longer on today's
 * grid), priced exactly as the chain prices it: the same numbers as the
 * chain's quote of that series. */
gboolean             au_option_quote_series       (const AuChainInputs *inputs,
                                                   const GDate         *expiry,
                                                   AuOptionRight        right,
                                                   AuPrice              strike,
                                                   AuOptionQuote       *quote,
                                                   GError             **error);

/* A chain of quotes from a broker (IB), not from the pricer. Copies
 * @quotes and sorts them the chain's way (expiry, right calls first,
 * strike); a series given twice keeps its first quote. The expiries are
 * those of the quotes; rate and dividend are 0 (the broker's greeks are
 * already computed). Greeks, iv and theo may be NAN (the broker did
 * not compute them): the finders skip such quotes. @vix may be NAN
 * (not fetched). The chain is live data unless
 * au_option_chain_set_delayed() says otherwise. */
AuOptionChain       *au_option_chain_new_from_quotes (const char          *symbol,
                                                      AuOptionStyle        style,
                                                      GDateTime           *as_of,
                                                      double               spot,
                                                      double               vix,
                                                      const AuOptionQuote *quotes,
                                                      gsize                n_quotes);
/* Whether the quotes are delayed data (IB's ~15-minute-old feed); the
 * builder of a chain states it once, before handing the chain over. */
void                 au_option_chain_set_delayed  (AuOptionChain *self,
                                                   gboolean       delayed);
gboolean             au_option_chain_get_delayed  (AuOptionChain *self);

const char          *au_option_chain_get_symbol   (AuOptionChain *self);
AuOptionStyle        au_option_chain_get_style    (AuOptionChain *self);
GDateTime           *au_option_chain_get_as_of    (AuOptionChain *self);
double               au_option_chain_get_spot     (AuOptionChain *self);
double               au_option_chain_get_vix      (AuOptionChain *self);
double               au_option_chain_get_rate     (AuOptionChain *self);
double               au_option_chain_get_dividend (AuOptionChain *self);
/* Sorted GDate expiries (transfer none). */
GArray              *au_option_chain_get_expiries (AuOptionChain *self);
guint                au_option_chain_get_n_quotes (AuOptionChain *self);
const AuOptionQuote *au_option_chain_get_quote    (AuOptionChain *self,
                                                   guint          index);
const AuOptionQuote *au_option_chain_find         (AuOptionChain *self,
                                                   const GDate   *expiry,
                                                   AuOptionRight  right,
                                                   AuPrice        strike);
/* The series of @expiry and @right whose |delta| is inside
 * [@abs_delta_min, @abs_delta_max] and nearest the middle of it; NULL
 * when none is (the chain has no strike in the band). A NAN delta (not
 * computed by the broker) is never in a band. */
const AuOptionQuote *au_option_chain_find_delta   (AuOptionChain *self,
                                                   const GDate   *expiry,
                                                   AuOptionRight  right,
                                                   double         abs_delta_min,
                                                   double         abs_delta_max);
/* SHA-256 of every field of every quote (doubles bit for bit), for
 * determinism checks. */
char                *au_option_chain_checksum     (AuOptionChain *self);

G_END_DECLS

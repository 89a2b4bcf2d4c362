/* au-market-error.h: the errors of the paper market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_MARKET_ERROR (au_market_error_quark ())

typedef enum
{
  AU_MARKET_ERROR_UNKNOWN_SYMBOL, /* not in the paper market's universe */
  AU_MARKET_ERROR_CSV,            /* a bad line of an imported bar file */
  AU_MARKET_ERROR_REPLAY,         /* imported bars that do not cover the simulated day */
  AU_MARKET_ERROR_INVALID,        /* a bad argument (a date, a seed state, a parameter) */
  AU_MARKET_ERROR_PRICING,        /* the quant core refused an option of the chain */
} AuMarketError;

GQuark au_market_error_quark (void);

G_END_DECLS

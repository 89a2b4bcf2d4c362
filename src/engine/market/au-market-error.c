/* au-market-error.c: the errors of the paper market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include "au-market-error.h"

G_DEFINE_QUARK (au-market-error-quark, au_market_error)

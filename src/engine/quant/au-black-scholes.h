/* au-black-scholes.h: European options under Black-Scholes-Merton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-option.h"

G_BEGIN_DECLS

/* Price and every greek of a European option on a stock paying a
 * continuous dividend yield. @params must be valid
 * (au_option_params_validate()); nothing is allocated. */
void   au_black_scholes       (const AuOptionParams *params,
                               AuGreeks             *out);
/* The price alone, a little cheaper. */
double au_black_scholes_price (const AuOptionParams *params);
/* @n options at once, as the paper market re-prices a whole chain. */
void   au_black_scholes_batch (const AuOptionParams *params,
                               AuGreeks             *out,
                               gsize                 n);

G_END_DECLS

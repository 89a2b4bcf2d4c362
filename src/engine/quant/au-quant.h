/* au-quant.h: the numerical core — option prices, greeks, implied
 * volatility, ATR and the option clock. What the paper market, the
 * protocol engine and option selection include.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-atr.h"
#include "au-bjerksund-stensland.h"
#include "au-black-scholes.h"
#include "au-implied-vol.h"
#include "au-normal.h"
#include "au-option.h"
#include "au-quant-error.h"
#include "au-time-to-expiry.h"

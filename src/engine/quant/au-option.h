/* au-option.h: the inputs and outputs of option pricing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AU_OPTION_CALL,
  AU_OPTION_PUT,
} AuOptionRight;

typedef enum
{
  AU_OPTION_EUROPEAN,
  AU_OPTION_AMERICAN,
} AuOptionStyle;

/* The two Bjerksund-Stensland approximations of an American option. 2002
 * is the default (the more accurate); 1993 is QuantLib 1.29's. */
typedef enum
{
  AU_AMERICAN_BS2002,
  AU_AMERICAN_BS1993,
} AuAmericanApprox;

/* One option under Black-Scholes-Merton dynamics. Rates are continuously
 * compounded per year, vol is per √year and t is in years (Act/365F, see
 * au-time-to-expiry.h). */
typedef struct
{
  AuOptionRight right;
  double        spot;
  double        strike;
  double        rate;
  double        dividend;
  double        vol;
  double        t;
} AuOptionParams;

/* Price and greeks in QuantLib's units: vega and rho per 1.00 change of
 * vol and rate (not per 1%), theta per year and theta_day per calendar
 * day (theta / 365). */
typedef struct
{
  double price;
  double delta;
  double gamma;
  double vega;
  double theta;
  double theta_day;
  double rho;
} AuGreeks;

#define AU_DAYS_PER_YEAR 365.0

const char *au_option_right_to_string   (AuOptionRight     right);
gboolean    au_option_right_from_string (const char       *text,
                                         AuOptionRight    *right);
const char *au_option_style_to_string   (AuOptionStyle     style);
gboolean    au_option_style_from_string (const char       *text,
                                         AuOptionStyle    *style);
const char *au_american_approx_to_string   (AuAmericanApprox  approx);
gboolean    au_american_approx_from_string (const char       *text,
                                            AuAmericanApprox *approx);

/* Checks every field but vol (which implied volatility does not have):
 * spot and strike > 0, rate and dividend finite within ±1 (100%/year),
 * t > 0 and at most 100 years. The error names the field. */
gboolean    au_option_params_validate_market (const AuOptionParams  *params,
                                              GError               **error);
/* The above plus 0 < vol ≤ 10 (1,000%). */
gboolean    au_option_params_validate        (const AuOptionParams  *params,
                                              GError               **error);

G_END_DECLS

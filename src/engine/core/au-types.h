/* au-types.h: shared enums and typedefs of the ALL-USE engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is integer (decisions D3): balances, cash and P&L in cents. */
typedef gint64 AuMoney;

/* Option and share prices per unit in 1/10,000 dollars, so a quoted
 * premium of $1.1250 is exact. */
typedef gint64 AuPrice;

#define AU_PRICE_SCALE 10000
#define AU_MONEY_SCALE 100

/* The three sleeves of an ALL-USE tree, and the MINI account a Gen fork
 * creates (D2.2). */
typedef enum
{
  AU_SLEEVE_GEN,
  AU_SLEEVE_REV,
  AU_SLEEVE_COM,
  AU_SLEEVE_MINI,
} AuSleeve;

#define AU_N_SLEEVES 3 /* Gen, Rev and Com carry rules of their own */

const char *au_sleeve_to_string   (AuSleeve     sleeve);
gboolean    au_sleeve_from_string (const char  *text,
                                   AuSleeve    *sleeve);

/* ISO weekday numbering, as GDateTime and GDate use it. */
typedef enum
{
  AU_WEEKDAY_MONDAY = 1,
  AU_WEEKDAY_TUESDAY,
  AU_WEEKDAY_WEDNESDAY,
  AU_WEEKDAY_THURSDAY,
  AU_WEEKDAY_FRIDAY,
  AU_WEEKDAY_SATURDAY,
  AU_WEEKDAY_SUNDAY,
} AuWeekday;

const char *au_weekday_to_string   (AuWeekday    day);
gboolean    au_weekday_from_string (const char  *text,
                                    AuWeekday   *day);

typedef enum
{
  AU_STRATEGY_CSP,
  AU_STRATEGY_CC,
  AU_STRATEGY_LEAP_CALL,
  AU_STRATEGY_LEAP_PUT,
  AU_STRATEGY_STOCK,
} AuStrategy;

const char *au_strategy_to_string   (AuStrategy   strategy);
gboolean    au_strategy_from_string (const char  *text,
                                     AuStrategy  *strategy);

G_END_DECLS

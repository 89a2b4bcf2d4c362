/* au-daily-bar.h: one session's open, high, low, close and volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-types.h"

G_BEGIN_DECLS

/* Prices in 1/10,000 dollars (AuPrice), exact for any imported decimal
 * of up to four places; the ATR and the charts read them from here. */
typedef struct
{
  GDate   date;
  AuPrice open;
  AuPrice high;
  AuPrice low;
  AuPrice close;
  gint64  volume;
} AuDailyBar;

/* A GArray of AuDailyBar. */
GArray *au_daily_bars_new (void);
/* The bar of @date in @bars (sorted by date), or NULL. */
const AuDailyBar *au_daily_bars_find (GArray      *bars,
                                      const GDate *date);

G_END_DECLS

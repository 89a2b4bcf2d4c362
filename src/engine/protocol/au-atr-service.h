/* au-atr-service.h: the daily ATR(5) of each symbol, with its provenance
 * (R6.8, D2.13, D2.7, R8.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-constitution.h"
#include "au-protocol-types.h"
#include "au-types.h"

G_BEGIN_DECLS

typedef enum
{
  AU_ATR_PROVENANCE_COMPUTED, /* the day's computation at atr_time (before it, the last one's) */
  AU_ATR_PROVENANCE_STALE,    /* today's computation failed: yesterday's × stale_factor (D2.7) */
  AU_ATR_PROVENANCE_FALLBACK, /* no ATR at all: fallback_fraction × spot (R8.6), a warning */
} AuAtrProvenance;

typedef struct
{
  AuPrice         atr;
  AuAtrProvenance provenance;
  GDate           computed_on; /* the computation's day; invalid for a fallback */
  gboolean        flagged;     /* stale or fallback: the autopilot reports it */
  AuProtocolWhy   why;
} AuAtrValue;

const char *au_atr_provenance_to_string (AuAtrProvenance provenance);

#define AU_TYPE_ATR_SERVICE (au_atr_service_get_type ())

G_DECLARE_FINAL_TYPE (AuAtrService, au_atr_service, AU, ATR_SERVICE, GObject)

AuAtrService *au_atr_service_new        (AuConstitution  *constitution);

/* The day's computation for @symbol on @today (run at the constitution's
 * atr_time): the ATR of the constitution's period and method over the
 * daily bars (a GArray of AuDailyBar, sorted by date) of the sessions
 * before @today — period + 1 bars are needed, for the first true range
 * needs a previous close. On failure (too few bars, a bar whose low is
 * above its high or not positive, bars out of order) returns FALSE with
 * an error naming the bar, and records that today's computation failed,
 * so au_atr_service_lookup() falls back. */
gboolean      au_atr_service_compute    (AuAtrService    *self,
                                         const char      *symbol,
                                         const GDate     *today,
                                         GArray          *bars,
                                         GError         **error);
/* The ATR to use for @symbol at @minute_of_day (ET) on @today with the
 * underlying at @spot: today's computation once atr_time has passed (the
 * last trading day's before it); else the last trading day's value ×
 * stale_factor, flagged (D2.7); else fallback_fraction × @spot, flagged
 * (R8.6). FALSE only when a fallback is needed and @spot is not positive. */
gboolean      au_atr_service_lookup     (AuAtrService    *self,
                                         const char      *symbol,
                                         const GDate     *today,
                                         int              minute_of_day,
                                         AuPrice          spot,
                                         AuAtrValue      *value,
                                         GError         **error);

G_END_DECLS

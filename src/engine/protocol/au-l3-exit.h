/* au-l3-exit.h: the marketable limit of an L3 exit (R6.4, D2.25, R0.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* D2.25: no bare market order on an option. The exit is a limit at the
 * far side of the quote plus l3_spread_cross of the spread (a buy: ask +
 * 10% × (ask − bid), rounded up to the cent so it stays marketable; a
 * sell: bid − 10%, rounded down, never below a cent), cancelled and
 * re-priced every cancel_replace_seconds (R0.6) until filled. Each price
 * is a new version of the same client order id (R0.6: "-v1", "-v2" …). */
typedef struct
{
  gboolean      buy;          /* closing a short option buys it back */
  AuPrice       limit;
  AuPrice       bid;
  AuPrice       ask;
  guint         version;      /* 1 for the first order, +1 per re-price */
  gint64        priced_at;    /* µs, engine clock */
  gint64        reprice_at;   /* when to cancel and re-price if still unfilled */
  AuProtocolWhy why;
} AuL3Exit;

/* The limit alone. FALSE with @error when the quote is unusable (bid < 0,
 * ask ≤ 0 or ask < bid); the field is named. */
gboolean au_l3_exit_limit       (AuConstitution  *constitution,
                                 gboolean         buy,
                                 AuPrice          bid,
                                 AuPrice          ask,
                                 AuPrice         *limit,
                                 GError         **error);
/* The first order of an exit at @now. */
gboolean au_l3_exit_start       (AuConstitution  *constitution,
                                 gboolean         buy,
                                 AuPrice          bid,
                                 AuPrice          ask,
                                 gint64           now,
                                 AuL3Exit        *order,
                                 GError         **error);
/* Whether the unfilled order is due for a cancel and re-price at @now. */
gboolean au_l3_exit_reprice_due (const AuL3Exit  *order,
                                 gint64           now);
/* Re-prices on the current quote: a new version and limit. */
gboolean au_l3_exit_reprice     (AuConstitution  *constitution,
                                 AuL3Exit        *order,
                                 AuPrice          bid,
                                 AuPrice          ask,
                                 gint64           now,
                                 GError         **error);

G_END_DECLS

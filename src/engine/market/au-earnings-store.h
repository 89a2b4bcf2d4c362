/* au-earnings-store.h: earnings dates imported from a CSV file (D2.28)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-database.h"
#include "au-earnings-calendar.h"

G_BEGIN_DECLS

/* D2.28: an imported calendar answers for a week; older, it is stale. */
#define AU_EARNINGS_STALE_DAYS 7

#define AU_EARNINGS_STORE_ERROR (au_earnings_store_error_quark ())

typedef enum
{
  AU_EARNINGS_STORE_ERROR_PARSE,     /* a bad line: nothing imported */
  AU_EARNINGS_STORE_ERROR_UNKNOWN,   /* no import names the symbol */
  AU_EARNINGS_STORE_ERROR_STALE,     /* the import naming it is older than 7 days */
} AuEarningsStoreError;

GQuark au_earnings_store_error_quark (void);

/* One imported line: @date is invalid for a symbol imported with no
 * report ahead ("SPY," — an ETF). */
typedef struct
{
  char   *symbol;
  GDate   date;
  gint64  imported_at;               /* µs since the epoch */
} AuEarningsEntry;

void au_earnings_entry_free (AuEarningsEntry *entry);

#define AU_TYPE_EARNINGS_STORE (au_earnings_store_get_type ())

G_DECLARE_FINAL_TYPE (AuEarningsStore, au_earnings_store, AU, EARNINGS_STORE, GObject)

/* Brings the "earnings" tables up to date when @database is writable; a
 * read-only database without them reads as one with no import. */
AuEarningsStore    *au_earnings_store_new      (AuDatabase       *database,
                                                GError          **error);

/* Imports a `symbol,date` file (an optional `symbol,date` header line,
 * blank lines and `#` comments skipped; date YYYY-MM-DD or empty) in one
 * transaction, stamped @imported_at (µs). Any bad line fails the whole
 * import with AU_EARNINGS_STORE_ERROR_PARSE naming every bad line by its
 * number; nothing is stored then. @n_symbols, @n_dates: what was stored. */
gboolean            au_earnings_store_import   (AuEarningsStore  *self,
                                                const char       *text,
                                                gsize             length,
                                                gint64            imported_at,
                                                guint            *n_symbols,
                                                guint            *n_dates,
                                                GError          **error);

/* The latest import of every symbol, by symbol then date. GPtrArray of
 * AuEarningsEntry. */
GPtrArray          *au_earnings_store_list     (AuEarningsStore  *self,
                                                GError          **error);

/* The calendar of @symbol at @now (µs, the broker's clock) from the
 * latest import naming it: its dates, covered through 14 days after the
 * import's day (a fresh import answers R1.3's week ahead until it goes
 * stale). UNKNOWN or STALE (D2.28: fail-closed) with a message that
 * tells the user how to supply one. */
AuEarningsCalendar *au_earnings_store_calendar (AuEarningsStore  *self,
                                                const char       *symbol,
                                                gint64            now,
                                                GError          **error);

G_END_DECLS

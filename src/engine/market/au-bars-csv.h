/* au-bars-csv.h: daily bars imported from CSV for replay (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The common export format: a header naming Date, Open, High, Low, Close
 * and Volume in any order (case and surrounding blanks ignored; an
 * "Adj Close" column and any other extra column are ignored), then one
 * row a session, dates ISO 8601 (YYYY-MM-DD) strictly increasing, prices
 * positive decimals (rounded to 1/10,000), volume a non-negative number.
 * Blank lines are skipped; CRLF and a UTF-8 BOM are accepted.
 *
 * All or nothing: the first bad row is an AU_MARKET_ERROR_CSV error
 * naming its line and field, and no bar is returned. Returns a GArray of
 * AuDailyBar (at least one). */
GArray *au_bars_csv_parse (const char  *text,
                           gsize        length,
                           GError     **error);
GArray *au_bars_csv_load  (GFile       *file,
                           GError     **error);

G_END_DECLS

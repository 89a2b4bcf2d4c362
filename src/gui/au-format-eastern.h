/* au-format-eastern.h: times and prices as the engine shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-types.h"

G_BEGIN_DECLS

char *au_format_eastern      (gint64      usec);
char *au_format_eastern_iso  (const char *iso8601);
char *au_format_price        (AuPrice     price);

G_END_DECLS

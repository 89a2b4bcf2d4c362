/* au-format.h: how the window writes amounts and times for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-types.h"

G_BEGIN_DECLS

char *au_format_dollars      (AuMoney     cents);
char *au_format_dollars_axis (double      dollars);
char *au_format_price        (AuPrice     price);
char *au_format_time         (const char *iso8601);
char *au_format_time_usec    (gint64      usec);

G_END_DECLS

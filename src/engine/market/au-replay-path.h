/* au-replay-path.h: an intraday path through an imported daily bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-daily-bar.h"

G_BEGIN_DECLS

/* The price after step @step of @n_steps of @bar's session (step 0 is
 * the open). A daily bar does not say what happened inside the day, so
 * the path is the conventional one: open, then the extreme nearer the
 * open's side first (the low on an up day, the high on a down day), the
 * other extreme, the close, in straight lines over equal thirds of the
 * session. It passes exactly through O, H, L and C when @n_steps is a
 * multiple of 3 (78 steps a full session, 42 an early close), so the
 * replayed day rebuilds the imported bar. Deterministic, no randomness. */
double au_replay_path_price (const AuDailyBar *bar,
                             guint             step,
                             guint             n_steps);

G_END_DECLS

/* au-autopilot-state.h: the autopilot's protocol state in the database,
 * so that a restart resumes it (D4, D2.10, D2.26)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-autopilot.h"

G_BEGIN_DECLS

/* The "autopilot-state" component's table: append-only, one row per
 * material change, the latest row wins. */
gboolean  au_autopilot_state_migrate (AuDatabase   *database,
                                      GError      **error);

/* Everything the autopilot holds in memory that a restart must not lose:
 * the system state and its reason, the breaker (Hedged Week, SAFE and
 * EMERGENCY latches), per-position protocol levels (the L3 latch), the
 * drawdown pivots, R7.3 resume dates, the week's events, covered-call
 * order ids and intents waiting for the open. Canonical JSON, so equal
 * states give equal text. @with_clocks adds what changes at every check
 * (each protocol's next scheduled check) and is not a material change by
 * itself. (transfer full) */
JsonNode *au_autopilot_state_to_json (AuAutopilot  *self,
                                      gboolean      with_clocks);

/* Appends a row when the state differs materially from the last row
 * (@why says what changed: "protocol", "breaker", "pivot", "week_type",
 * "state", "action", "stop"). *@saved (may be NULL) tells whether a row
 * was written. */
gboolean  au_autopilot_state_save    (AuAutopilot  *self,
                                      const char   *why,
                                      gboolean     *saved,
                                      GError      **error);

/* Reads the latest row and puts it back into @self; call after the
 * positions are synchronized with the ledger and before the first
 * action. TRUE with *@found FALSE on a first run. A row that cannot be
 * read is an error naming the member, and nothing is changed. */
gboolean  au_autopilot_state_load    (AuAutopilot  *self,
                                      gboolean     *found,
                                      GError      **error);

G_END_DECLS

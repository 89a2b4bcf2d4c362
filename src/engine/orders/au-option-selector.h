/* au-option-selector.h: the option a sleeve's entry writes (R2.2, R3.2, R4.1, R8, D2.7, D2.16, D2.19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-constitution.h"
#include "au-option-chain.h"
#include "au-types.h"

G_BEGIN_DECLS

/* The average daily volume of one series (R8.4), from the caller's
 * history of it; a negative answer means "unknown". */
typedef gint64 (*AuAdvFunc) (const AuOptionQuote *quote,
                             gpointer             user_data);

typedef struct
{
  AuSleeve    sleeve;            /* Gen, Rev or Com: a MINI passes the half it trades (D2.2) */
  AuStrategy  strategy;          /* AU_STRATEGY_CSP (puts) or AU_STRATEGY_CC (calls, D2.19) */
  GDate       entry_date;        /* the ET date of the entry: DTE counts from it (D2.16) */
  gint64      now;               /* µs since the epoch, the engine's clock: quote ages (D2.7) */
  gboolean    stress;            /* Gen's stress-test DTE range (R2.2) */
  gint64      contracts;         /* the order's size for R8.4; at least 1 is checked */
  AuAdvFunc   adv_func;          /* NULL: the series' volume of the day stands for its ADV */
  gpointer    adv_data;
} AuSelectionRequest;

/* Why a class of series was passed over: one line per rule, the words
 * the user reads when asking why nothing traded. */
typedef struct
{
  char *rule;                    /* "R2.2", "R8.1" ... */
  char *message;
} AuSelectionReason;

typedef struct
{
  gboolean       found;
  char          *symbol;
  AuOptionQuote  quote;          /* the pick, when found */
  AuPrice        limit;          /* R0.5: the mid, on the cent grid */
  gboolean       stale;          /* D2.7: older than stale_seconds, spread widened */
  int            dte_min;        /* the accepted range the expiries were held to */
  int            dte_max;
  double         delta_min;
  double         delta_max;
  GPtrArray     *reasons;        /* AuSelectionReason: every rejected class, found or not */
} AuSelection;

/* Picks, from @chain, the series an entry of @request writes: an expiry
 * inside the accepted DTE range (the week's Friday, or Thursday in a
 * short week, first), |Δ| inside the band, passing R8.1–R8.5, and of
 * those the best premium (highest mid; the nearer the band's middle on a
 * tie). A chain with nothing that qualifies is not an error: the result
 * has found = FALSE and its reasons say why, rule by rule. NULL with
 * @error only for a request that means nothing (a Com CSP, say). */
AuSelection *au_option_selector_select (AuConstitution           *constitution,
                                        AuOptionChain            *chain,
                                        const AuSelectionRequest *request,
                                        GError                  **error);
/* All reasons on one line each, "R2.2: …\nR8.1: …". */
char        *au_selection_describe     (const AuSelection        *selection);
void         au_selection_free         (AuSelection              *selection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuSelection, au_selection_free)

G_END_DECLS

/* au-system-state.h: the system states of R9 (decisions D2.27)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AU_SYSTEM_SAFE,         /* exits only: the state at start-up and after any doubt */
  AU_SYSTEM_SCANNING,
  AU_SYSTEM_ANALYZING,
  AU_SYSTEM_ORDERING,
  AU_SYSTEM_MONITORING,
  AU_SYSTEM_CLOSING,
  AU_SYSTEM_RECONCILING,
  AU_SYSTEM_EMERGENCY,    /* the kill switch: VIX above the top tier (R6.9), until reset */
  AU_SYSTEM_MAINTENANCE,
  AU_SYSTEM_AUDIT,
} AuSystemState;

#define AU_N_SYSTEM_STATES (AU_SYSTEM_AUDIT + 1)

const char *au_system_state_to_string   (AuSystemState  state);
gboolean    au_system_state_from_string (const char    *text,
                                         AuSystemState *state);
/* SCANNING to CLOSING: what the GUI shows as "Active" (D2.27). */
gboolean    au_system_state_is_active   (AuSystemState  state);
/* Whether R9 allows @from → @to. SAFE and EMERGENCY can be entered from
 * any state; EMERGENCY is left only for SAFE (a reset). A refused
 * transition is a bug in the caller, and the engine goes to SAFE. */
gboolean    au_system_state_can_move    (AuSystemState  from,
                                         AuSystemState  to);

G_END_DECLS

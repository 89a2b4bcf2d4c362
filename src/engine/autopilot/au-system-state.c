/* au-system-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-system-state.h"

static const char *state_names[AU_N_SYSTEM_STATES] = {
  "SAFE", "SCANNING", "ANALYZING", "ORDERING", "MONITORING",
  "CLOSING", "RECONCILING", "EMERGENCY", "MAINTENANCE", "AUDIT",
};

#define BIT(state) (1u << (state))

/* R9: SAFE → SCANNING → ANALYZING → ORDERING → MONITORING → CLOSING →
 * RECONCILING → SAFE, with the short-cuts a weekly cycle takes: nothing to
 * order (ANALYZING → MONITORING), the next scan of a monitored book
 * (MONITORING → SCANNING), a resume after an outage (R9.1: RECONCILING →
 * MONITORING once the state is proven consistent). */
static const guint allowed[AU_N_SYSTEM_STATES] = {
  [AU_SYSTEM_SAFE]        = BIT (AU_SYSTEM_SCANNING) | BIT (AU_SYSTEM_RECONCILING) |
                            BIT (AU_SYSTEM_CLOSING) | BIT (AU_SYSTEM_MAINTENANCE) | BIT (AU_SYSTEM_AUDIT),
  [AU_SYSTEM_SCANNING]    = BIT (AU_SYSTEM_ANALYZING) | BIT (AU_SYSTEM_MONITORING),
  [AU_SYSTEM_ANALYZING]   = BIT (AU_SYSTEM_ORDERING) | BIT (AU_SYSTEM_MONITORING),
  [AU_SYSTEM_ORDERING]    = BIT (AU_SYSTEM_MONITORING) | BIT (AU_SYSTEM_RECONCILING),
  [AU_SYSTEM_MONITORING]  = BIT (AU_SYSTEM_SCANNING) | BIT (AU_SYSTEM_CLOSING) | BIT (AU_SYSTEM_RECONCILING),
  [AU_SYSTEM_CLOSING]     = BIT (AU_SYSTEM_MONITORING) | BIT (AU_SYSTEM_RECONCILING),
  [AU_SYSTEM_RECONCILING] = BIT (AU_SYSTEM_MONITORING) | BIT (AU_SYSTEM_SCANNING),
  [AU_SYSTEM_EMERGENCY]   = 0,
  [AU_SYSTEM_MAINTENANCE] = 0,
  [AU_SYSTEM_AUDIT]       = 0,
};

const char *
au_system_state_to_string (AuSystemState state)
{
  g_return_val_if_fail (state < AU_N_SYSTEM_STATES, NULL);
  return state_names[state];
}

gboolean
au_system_state_from_string (const char    *text,
                             AuSystemState *state)
{
  for (guint i = 0; text != NULL && i < AU_N_SYSTEM_STATES; i++)
    if (g_ascii_strcasecmp (text, state_names[i]) == 0)
      {
        *state = (AuSystemState) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
au_system_state_is_active (AuSystemState state)
{
  return state >= AU_SYSTEM_SCANNING && state <= AU_SYSTEM_CLOSING;
}

gboolean
au_system_state_can_move (AuSystemState from,
                          AuSystemState to)
{
  g_return_val_if_fail (from < AU_N_SYSTEM_STATES && to < AU_N_SYSTEM_STATES, FALSE);

  if (from == to)
    return FALSE;
  if (to == AU_SYSTEM_EMERGENCY)
    return TRUE;                 /* the kill switch acts from anywhere */
  if (to == AU_SYSTEM_SAFE)
    return TRUE;                 /* so does every doubt (R8.8, R6.4), and a reset */
  if (from == AU_SYSTEM_EMERGENCY)
    return FALSE;                /* only a reset, to SAFE, leaves EMERGENCY (D2.26) */
  return (allowed[from] & BIT (to)) != 0;
}

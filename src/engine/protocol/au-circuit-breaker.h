/* au-circuit-breaker.h: the VIX tiers and the SAFE latches, with the
 * unattended reset policy (R6.9, D2.8, D2.18, D2.26, R6.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-constitution.h"
#include "au-protocol-types.h"

G_BEGIN_DECLS

/* R6.9 with D2.8: strictly above hedged_above (50) a Hedged Week, above
 * safe_above (65) SAFE, above kill_above (80) the kill switch (EMERGENCY). */
typedef enum
{
  AU_VIX_TIER_NONE,
  AU_VIX_TIER_HEDGED,
  AU_VIX_TIER_SAFE,
  AU_VIX_TIER_EMERGENCY,
} AuVixTier;

const char       *au_vix_tier_to_string               (AuVixTier tier);
/* The tier VIX alone calls for, compared strictly (50 → none, 50.01 → hedged). */
AuVixTier         au_vix_tier_for                     (AuConstitution *constitution,
                                                       double          vix);

/* One change, recorded with its rule (the audit trail takes it as is).
 * @sleeve_latch is TRUE for a sleeve's L3 SAFE latch (then @sleeve names
 * it), FALSE for the system's tier. Times are µs on the engine clock. */
typedef struct
{
  gint64        time;
  gboolean      sleeve_latch;
  AuSleeve      sleeve;
  AuVixTier     from;
  AuVixTier     to;
  double        vix;
  const char   *actor; /* "engine", "user" or "policy" */
  AuProtocolWhy why;
} AuBreakerEvent;

/* What a sleeve may open now (D2.18): nothing under SAFE or EMERGENCY,
 * its own L3 latch or a position at L2 (R6.3); half size in a Hedged Week. */
typedef struct
{
  gboolean      entries;
  double        deploy_max; /* fraction of sleeve capital */
  double        symbol_cap; /* fraction of sleeve capital per symbol */
  int           roll_min_level;
  AuProtocolWhy why;
} AuEntryCaps;

/* Everything the breaker holds, as plain data so that the autopilot can
 * persist it and put it back after a restart (D4): a latch set before a
 * crash is still set after it. */
typedef struct
{
  AuVixTier tier;
  gint64    hedged_until;
  gboolean  sleeve_safe[AU_SLEEVE_MINI + 1];
  gint64    latched_since;
  gint64    last_policy_cut;
} AuBreakerSaved;

#define AU_TYPE_CIRCUIT_BREAKER (au_circuit_breaker_get_type ())

G_DECLARE_FINAL_TYPE (AuCircuitBreaker, au_circuit_breaker, AU, CIRCUIT_BREAKER, GObject)

AuCircuitBreaker *au_circuit_breaker_new              (AuConstitution    *constitution);

/* A VIX reading at @time. Tiers rise at once; SAFE and EMERGENCY stay
 * latched; a Hedged Week lasts until the weekly cut (R1.2, D2.8) after
 * it began and is renewed there while VIX is still above hedged_above.
 * Appends changes to @events (GArray of AuBreakerEvent, may be NULL). */
gboolean          au_circuit_breaker_observe          (AuCircuitBreaker  *self,
                                                       gint64             time,
                                                       double             vix,
                                                       GArray            *events,
                                                       GError           **error);
/* R6.4 / D2.26: an L3 puts @sleeve in SAFE (exits only) until reset. */
void              au_circuit_breaker_latch_sleeve     (AuCircuitBreaker  *self,
                                                       gint64             time,
                                                       AuSleeve           sleeve,
                                                       const char        *reason,
                                                       GArray            *events);
/* A reset of SAFE, EMERGENCY and every sleeve latch by @actor with
 * @reason (audited). Refused while VIX is still above safe_above (the
 * breaker would trip again at once). A Hedged Week follows when VIX is
 * above hedged_above. */
gboolean          au_circuit_breaker_reset            (AuCircuitBreaker  *self,
                                                       gint64             time,
                                                       const char        *actor,
                                                       const char        *reason,
                                                       double             vix,
                                                       GArray            *events,
                                                       GError           **error);
/* D2.26's unattended policy (the constitution's latch.unattended_reset):
 * at the first check at or after each weekly cut, a reset with actor
 * "policy" when something is latched, VIX ≤ unattended_reset_vix_max and
 * no position is at L3. TRUE when it reset. */
gboolean          au_circuit_breaker_policy_check     (AuCircuitBreaker  *self,
                                                       gint64             time,
                                                       double             vix,
                                                       guint              positions_at_l3,
                                                       GArray            *events);

AuVixTier         au_circuit_breaker_get_tier         (AuCircuitBreaker  *self);
gboolean          au_circuit_breaker_sleeve_latched   (AuCircuitBreaker *self,
                                                       AuSleeve          sleeve);
/* When the current Hedged Week ends (µs), 0 outside one. */
gint64            au_circuit_breaker_get_hedged_until (AuCircuitBreaker *self);
/* The entry caps of @sleeve now (D2.18), given the highest protocol
 * level among its open positions: L2 freezes its new entries (R6.3). */
void              au_circuit_breaker_entry_caps       (AuCircuitBreaker  *self,
                                                       AuSleeve           sleeve,
                                                       AuProtocolLevel    highest_level,
                                                       AuEntryCaps       *caps);

void              au_circuit_breaker_save             (AuCircuitBreaker     *self,
                                                       AuBreakerSaved       *saved);
void              au_circuit_breaker_restore          (AuCircuitBreaker     *self,
                                                       const AuBreakerSaved *saved);

G_END_DECLS

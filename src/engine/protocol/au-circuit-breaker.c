/* au-circuit-breaker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include <math.h>

#include "au-circuit-breaker.h"
#include "au-market-calendar.h"
#include "au-schedule.h"

#define N_LATCHED_SLEEVES (AU_SLEEVE_MINI + 1)

struct _AuCircuitBreaker
{
  GObject         parent_instance;

  AuConstitution *constitution;
  AuVixTier       tier;
  gint64          hedged_until;                     /* µs; 0 outside a Hedged Week */
  gboolean        sleeve_safe[N_LATCHED_SLEEVES];
  gint64          latched_since;                    /* µs; when the oldest latch began, 0 if none */
  gint64          last_policy_cut;                  /* the last weekly cut the policy judged */
};

G_DEFINE_FINAL_TYPE (AuCircuitBreaker, au_circuit_breaker, G_TYPE_OBJECT)

static const char *tier_names[] = { "none", "hedged", "safe", "emergency" };
static const char *tier_rules[] = { "D2.8", "D2.8", "R6.9", "R6.9" };

const char *
au_vix_tier_to_string (AuVixTier tier)
{
  g_return_val_if_fail (tier <= AU_VIX_TIER_EMERGENCY, NULL);
  return tier_names[tier];
}

AuVixTier
au_vix_tier_for (AuConstitution *constitution,
                 double          vix)
{
  const AuConstitutionParams *params;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), AU_VIX_TIER_NONE);

  params = au_constitution_get_params (constitution);
  /* D2.8: strictly greater, so 50.00 is no tier and 50.01 a Hedged Week. */
  if (vix > params->vix.kill_above)
    return AU_VIX_TIER_EMERGENCY;
  if (vix > params->vix.safe_above)
    return AU_VIX_TIER_SAFE;
  if (vix > params->vix.hedged_above)
    return AU_VIX_TIER_HEDGED;
  return AU_VIX_TIER_NONE;
}

static void
au_circuit_breaker_finalize (GObject *object)
{
  AuCircuitBreaker *self = AU_CIRCUIT_BREAKER (object);

  g_clear_object (&self->constitution);
  G_OBJECT_CLASS (au_circuit_breaker_parent_class)->finalize (object);
}

static void
au_circuit_breaker_class_init (AuCircuitBreakerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_circuit_breaker_finalize;
}

static void
au_circuit_breaker_init (AuCircuitBreaker *self)
{
  self->tier = AU_VIX_TIER_NONE;
}

AuCircuitBreaker *
au_circuit_breaker_new (AuConstitution *constitution)
{
  AuCircuitBreaker *self;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);

  self = g_object_new (AU_TYPE_CIRCUIT_BREAKER, NULL);
  self->constitution = g_object_ref (constitution);
  return self;
}

/* The weekly cut (R1.2, D2.7) of the ISO week holding @date, in µs. */
static gboolean
week_cut (AuConstitution *constitution,
          const GDate    *date,
          gint64         *cut)
{
  g_autoptr(GDateTime) when = NULL;
  GDate cut_date;
  int minute;

  if (!au_schedule_weekly_cut (constitution, date, &cut_date, &minute))
    return FALSE;
  when = g_date_time_new (au_eastern_time_zone (), g_date_get_year (&cut_date),
                          g_date_get_month (&cut_date), g_date_get_day (&cut_date),
                          minute / 60, minute % 60, 0);
  if (when == NULL)
    return FALSE;
  *cut = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  return TRUE;
}

static void
eastern_date (gint64  time,
              GDate  *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  int minute;

  au_eastern_split (utc, date, &minute);
}

/* The first weekly cut strictly after @time (a week without one, all
 * holidays, is skipped). */
static gint64
next_cut (AuConstitution *constitution,
          gint64          time)
{
  GDate date;

  eastern_date (time, &date);
  for (int week = 0; week < 3; week++, g_date_add_days (&date, 7))
    {
      gint64 cut;

      if (week_cut (constitution, &date, &cut) && cut > time)
        return cut;
    }
  return time + 7 * G_TIME_SPAN_DAY; /* unreachable on the NYSE calendar */
}

/* The latest weekly cut at or before @time, 0 when none is found. */
static gint64
last_cut (AuConstitution *constitution,
          gint64          time)
{
  GDate date;

  eastern_date (time, &date);
  for (int week = 0; week < 3; week++, g_date_subtract_days (&date, 7))
    {
      gint64 cut;

      if (week_cut (constitution, &date, &cut) && cut <= time)
        return cut;
    }
  return 0;
}

static gboolean
anything_latched (AuCircuitBreaker *self)
{
  if (self->tier >= AU_VIX_TIER_SAFE)
    return TRUE;
  for (guint i = 0; i < N_LATCHED_SLEEVES; i++)
    if (self->sleeve_safe[i])
      return TRUE;
  return FALSE;
}

static void
record (GArray         *events,
        gint64          time,
        gboolean        sleeve_latch,
        AuSleeve        sleeve,
        AuVixTier       from,
        AuVixTier       to,
        double          vix,
        const char     *actor,
        AuProtocolWhy  *why)
{
  AuBreakerEvent event = {
    .time = time, .sleeve_latch = sleeve_latch, .sleeve = sleeve, .from = from, .to = to,
    .vix = vix, .actor = actor, .why = *why,
  };

  if (events != NULL)
    g_array_append_val (events, event);
}

static void
move_tier (AuCircuitBreaker *self,
           gint64            time,
           AuVixTier         to,
           double            vix,
           const char       *actor,
           AuProtocolWhy    *why,
           GArray           *events)
{
  AuVixTier from = self->tier;

  if (to >= AU_VIX_TIER_SAFE && !anything_latched (self))
    self->latched_since = time;
  self->tier = to;
  self->hedged_until = to == AU_VIX_TIER_HEDGED ? next_cut (self->constitution, time) : 0;
  record (events, time, FALSE, AU_SLEEVE_GEN, from, to, vix, actor, why);
}

static void
enter_hedged_week (AuCircuitBreaker *self,
                   gint64            time,
                   double            vix,
                   const char       *actor,
                   const char       *how,
                   GArray           *events)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->constitution);
  AuProtocolWhy why;

  au_protocol_why_set (&why, "D2.8", "%s: VIX %.2f is above %.0f, a Hedged Week until the "
                       "weekly cut: entries at half size, rolls only at L%d or above (D2.18)",
                       how, vix, params->vix.hedged_above, params->hedged_week.roll_min_level);
  move_tier (self, time, AU_VIX_TIER_HEDGED, vix, actor, &why, events);
}

gboolean
au_circuit_breaker_observe (AuCircuitBreaker  *self,
                            gint64             time,
                            double             vix,
                            GArray            *events,
                            GError           **error)
{
  const AuConstitutionParams *params;
  AuVixTier wanted;

  g_return_val_if_fail (AU_IS_CIRCUIT_BREAKER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (vix) || vix < 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "vix: %g is not a VIX level", vix);
      return FALSE;
    }
  params = au_constitution_get_params (self->constitution);
  wanted = au_vix_tier_for (self->constitution, vix);

  /* A Hedged Week ends at its weekly cut (D2.8), and a new one begins
   * there if VIX is still above the tier. */
  if (self->tier == AU_VIX_TIER_HEDGED && time >= self->hedged_until)
    {
      if (wanted == AU_VIX_TIER_HEDGED)
        enter_hedged_week (self, time, vix, "engine", "renewed at the weekly cut", events);
      else if (wanted == AU_VIX_TIER_NONE)
        {
          AuProtocolWhy why;

          au_protocol_why_set (&why, "D2.8", "the Hedged Week ended at the weekly cut; VIX "
                               "%.2f is at or below %.0f", vix, params->vix.hedged_above);
          move_tier (self, time, AU_VIX_TIER_NONE, vix, "engine", &why, events);
        }
    }

  if (wanted > self->tier)
    {
      AuProtocolWhy why;

      if (wanted == AU_VIX_TIER_HEDGED)
        {
          enter_hedged_week (self, time, vix, "engine", "R6.9", events);
          return TRUE;
        }
      if (wanted == AU_VIX_TIER_SAFE)
        au_protocol_why_set (&why, "R6.9", "VIX %.2f is above %.0f: SAFE, no new entries, "
                             "latched until reset (D2.26)", vix, params->vix.safe_above);
      else
        au_protocol_why_set (&why, "R6.9", "VIX %.2f is above %.0f: kill switch, EMERGENCY, "
                             "latched until reset (D2.26)", vix, params->vix.kill_above);
      move_tier (self, time, wanted, vix, "engine", &why, events);
    }
  return TRUE;
}

void
au_circuit_breaker_latch_sleeve (AuCircuitBreaker *self,
                                 gint64            time,
                                 AuSleeve          sleeve,
                                 const char       *reason,
                                 GArray           *events)
{
  AuProtocolWhy why;

  g_return_if_fail (AU_IS_CIRCUIT_BREAKER (self));
  g_return_if_fail (sleeve < N_LATCHED_SLEEVES);

  if (self->sleeve_safe[sleeve])
    return;
  if (!anything_latched (self))
    self->latched_since = time;
  self->sleeve_safe[sleeve] = TRUE;
  au_protocol_why_set (&why, "R6.4", "%s in SAFE (exits only) until reset: %s",
                       au_sleeve_to_string (sleeve), reason != NULL ? reason : "L3");
  record (events, time, TRUE, sleeve, AU_VIX_TIER_NONE, AU_VIX_TIER_SAFE, NAN, "engine", &why);
}

static void
do_reset (AuCircuitBreaker *self,
          gint64            time,
          const char       *actor,
          const char       *reason,
          double            vix,
          GArray           *events)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->constitution);

  for (guint i = 0; i < N_LATCHED_SLEEVES; i++)
    if (self->sleeve_safe[i])
      {
        AuProtocolWhy why;

        self->sleeve_safe[i] = FALSE;
        au_protocol_why_set (&why, "D2.26", "%s's SAFE latch reset by %s: %s",
                             au_sleeve_to_string (i), actor, reason);
        record (events, time, TRUE, i, AU_VIX_TIER_SAFE, AU_VIX_TIER_NONE, vix, actor, &why);
      }
  if (self->tier >= AU_VIX_TIER_SAFE)
    {
      AuProtocolWhy why;

      au_protocol_why_set (&why, "D2.26", "%s reset by %s at VIX %.2f: %s",
                           self->tier == AU_VIX_TIER_EMERGENCY ? "EMERGENCY" : "SAFE",
                           actor, vix, reason);
      move_tier (self, time, AU_VIX_TIER_NONE, vix, actor, &why, events);
    }
  self->latched_since = 0;
  if (vix > params->vix.hedged_above && self->tier == AU_VIX_TIER_NONE)
    enter_hedged_week (self, time, vix, actor, "after the reset", events);
}

gboolean
au_circuit_breaker_reset (AuCircuitBreaker  *self,
                          gint64             time,
                          const char        *actor,
                          const char        *reason,
                          double             vix,
                          GArray            *events,
                          GError           **error)
{
  const AuConstitutionParams *params;

  g_return_val_if_fail (AU_IS_CIRCUIT_BREAKER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  params = au_constitution_get_params (self->constitution);
  if (actor == NULL || *actor == '\0' || reason == NULL || *reason == '\0')
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: a reset is audited and needs one",
                   actor == NULL || *actor == '\0' ? "actor" : "reason");
      return FALSE;
    }
  if (!isfinite (vix) || vix > params->vix.safe_above)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_REFUSED,
                   "vix: %.2f is above %.0f, the breaker would trip again at once",
                   vix, params->vix.safe_above);
      return FALSE;
    }
  if (!anything_latched (self))
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_REFUSED,
                   "state: nothing is latched, there is nothing to reset");
      return FALSE;
    }
  do_reset (self, time, g_intern_string (actor), reason, vix, events);
  return TRUE;
}

gboolean
au_circuit_breaker_policy_check (AuCircuitBreaker *self,
                                 gint64            time,
                                 double            vix,
                                 guint             positions_at_l3,
                                 GArray           *events)
{
  const AuConstitutionParams *params;
  g_autofree char *reason = NULL;
  gint64 cut;

  g_return_val_if_fail (AU_IS_CIRCUIT_BREAKER (self), FALSE);

  params = au_constitution_get_params (self->constitution);
  if (g_strcmp0 (params->latch.unattended_reset, "weekly_cut") != 0)
    return FALSE;
  cut = last_cut (self->constitution, time);
  /* Only a cut after the latch began counts: the week that tripped it
   * is judged at its own cut, never at the one before. */
  if (cut == 0 || cut <= self->last_policy_cut || cut <= self->latched_since)
    return FALSE;
  /* D2.26: judged once per cut, at the first check at or after it. */
  self->last_policy_cut = cut;
  if (!anything_latched (self) || !isfinite (vix)
      || vix > params->latch.unattended_reset_vix_max || positions_at_l3 > 0)
    return FALSE;
  reason = g_strdup_printf ("weekly cut with VIX %.2f at or below %.0f and no position at L3",
                            vix, params->latch.unattended_reset_vix_max);
  do_reset (self, time, "policy", reason, vix, events);
  return TRUE;
}

AuVixTier
au_circuit_breaker_get_tier (AuCircuitBreaker *self)
{
  g_return_val_if_fail (AU_IS_CIRCUIT_BREAKER (self), AU_VIX_TIER_NONE);
  return self->tier;
}

gboolean
au_circuit_breaker_sleeve_latched (AuCircuitBreaker *self,
                                   AuSleeve          sleeve)
{
  g_return_val_if_fail (AU_IS_CIRCUIT_BREAKER (self), FALSE);
  g_return_val_if_fail (sleeve < N_LATCHED_SLEEVES, FALSE);
  return self->sleeve_safe[sleeve];
}

gint64
au_circuit_breaker_get_hedged_until (AuCircuitBreaker *self)
{
  g_return_val_if_fail (AU_IS_CIRCUIT_BREAKER (self), 0);
  return self->hedged_until;
}

void
au_circuit_breaker_entry_caps (AuCircuitBreaker *self,
                               AuSleeve          sleeve,
                               AuProtocolLevel   highest_level,
                               AuEntryCaps      *caps)
{
  const AuConstitutionParams *params;
  const AuSleeveRules *rules;
  AuEntryCaps out = { 0 };

  g_return_if_fail (AU_IS_CIRCUIT_BREAKER (self));
  g_return_if_fail (sleeve < N_LATCHED_SLEEVES && caps != NULL);

  params = au_constitution_get_params (self->constitution);
  /* A MINI half trades with Gen's rules or Com's (D2.2); Gen's caps stand in. */
  rules = au_constitution_get_sleeve (self->constitution,
                                      sleeve == AU_SLEEVE_MINI ? AU_SLEEVE_GEN : sleeve);
  out.entries = TRUE;
  out.deploy_max = params->global.deploy_max;
  out.symbol_cap = rules->symbol_cap;
  out.roll_min_level = AU_PROTOCOL_L1;

  if (self->tier >= AU_VIX_TIER_SAFE)
    {
      out.entries = FALSE;
      out.deploy_max = 0;
      out.symbol_cap = 0;
      au_protocol_why_set (&out.why, tier_rules[self->tier], "no new entries: the system is "
                           "in %s until reset",
                           self->tier == AU_VIX_TIER_EMERGENCY ? "EMERGENCY" : "SAFE");
    }
  else if (self->sleeve_safe[sleeve])
    {
      out.entries = FALSE;
      out.deploy_max = 0;
      out.symbol_cap = 0;
      au_protocol_why_set (&out.why, "R6.4", "no new entries: %s is in SAFE after an L3 until "
                           "reset", au_sleeve_to_string (sleeve));
    }
  else if (highest_level >= AU_PROTOCOL_L2)
    {
      out.entries = FALSE;
      out.deploy_max = 0;
      out.symbol_cap = 0;
      au_protocol_why_set (&out.why, "R6.3", "no new entries: a position of %s is at %s, "
                           "entries are frozen until it is back at L0",
                           au_sleeve_to_string (sleeve),
                           au_protocol_level_to_string (highest_level));
    }
  else if (self->tier == AU_VIX_TIER_HEDGED)
    {
      out.deploy_max = params->hedged_week.deploy_max;
      out.symbol_cap = rules->symbol_cap * params->hedged_week.symbol_cap_factor;
      out.roll_min_level = params->hedged_week.roll_min_level;
      au_protocol_why_set (&out.why, "D2.18", "Hedged Week: deploy at most %.1f%%, %.1f%% per "
                           "symbol, rolls only at L%d or above", out.deploy_max * 100,
                           out.symbol_cap * 100, out.roll_min_level);
    }
  else
    au_protocol_why_set (&out.why, "R6.9", "no VIX tier: the sleeve's usual caps");
  *caps = out;
}

void
au_circuit_breaker_save (AuCircuitBreaker *self,
                         AuBreakerSaved   *saved)
{
  g_return_if_fail (AU_IS_CIRCUIT_BREAKER (self));
  g_return_if_fail (saved != NULL);

  saved->tier = self->tier;
  saved->hedged_until = self->hedged_until;
  for (guint i = 0; i < N_LATCHED_SLEEVES; i++)
    saved->sleeve_safe[i] = self->sleeve_safe[i];
  saved->latched_since = self->latched_since;
  saved->last_policy_cut = self->last_policy_cut;
}

void
au_circuit_breaker_restore (AuCircuitBreaker     *self,
                            const AuBreakerSaved *saved)
{
  g_return_if_fail (AU_IS_CIRCUIT_BREAKER (self));
  g_return_if_fail (saved != NULL);
  g_return_if_fail (saved->tier <= AU_VIX_TIER_EMERGENCY);

  self->tier = saved->tier;
  self->hedged_until = saved->hedged_until;
  for (guint i = 0; i < N_LATCHED_SLEEVES; i++)
    self->sleeve_safe[i] = saved->sleeve_safe[i] != FALSE;
  self->latched_since = saved->latched_since;
  self->last_policy_cut = saved->last_policy_cut;
}

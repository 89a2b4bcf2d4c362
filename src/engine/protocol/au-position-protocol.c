/* au-position-protocol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include "au-position-protocol.h"

struct _AuPositionProtocol
{
  GObject          parent_instance;

  AuConstitution  *constitution;
  AuSleeve         sleeve;
  AuStrategy       strategy;
  AuPrice          strike;

  AuProtocolLevel  level;
  AuBreach         breach;
  gint64           next_check;
};

G_DEFINE_FINAL_TYPE (AuPositionProtocol, au_position_protocol, G_TYPE_OBJECT)

static const char *enter_rules[AU_N_PROTOCOL_LEVELS] = { "D2.10", "R6.2", "R6.3", "R6.4" };

static void
au_position_protocol_finalize (GObject *object)
{
  AuPositionProtocol *self = AU_POSITION_PROTOCOL (object);

  g_clear_object (&self->constitution);
  G_OBJECT_CLASS (au_position_protocol_parent_class)->finalize (object);
}

static void
au_position_protocol_class_init (AuPositionProtocolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_position_protocol_finalize;
}

static void
au_position_protocol_init (AuPositionProtocol *self)
{
  self->level = AU_PROTOCOL_L0;
}

static int
monitor_seconds (AuPositionProtocol *self)
{
  return au_constitution_get_params (self->constitution)->global.monitor_seconds[self->level];
}

static void
schedule_next_check (AuPositionProtocol *self,
                     gint64              time)
{
  self->next_check = time + (gint64) monitor_seconds (self) * G_USEC_PER_SEC;
}

static void
emit (AuPositionProtocol  *self,
      GArray              *events,
      gint64               time,
      AuProtocolLevel      to,
      const char          *actor,
      const AuProtocolWhy *why)
{
  AuProtocolEvent event = {
    .time = time,
    .from = self->level,
    .to = to,
    .multiple = self->breach.multiple,
    .spot = self->breach.spot,
    .atr = self->breach.atr,
    .breach = self->breach.breach,
    .actor = actor,
    .why = *why,
  };

  self->level = to;
  if (events != NULL)
    g_array_append_val (events, event);
}

/* R6.5 / D2.10: one event per level on the way up, so a jump from L0 to
 * L3 in one tick is recorded as L1, L2 and L3. */
static void
climb (AuPositionProtocol *self,
       GArray             *events,
       gint64              time,
       AuProtocolLevel     target,
       const char         *final_rule,
       const char         *final_reason)
{
  gboolean jumped = target - self->level > 1;

  while (self->level < target)
    {
      AuProtocolLevel next = self->level + 1;
      AuProtocolWhy why;

      if (next == target && final_rule != NULL)
        au_protocol_why_set (&why, final_rule, "%s", final_reason);
      else
        au_protocol_why_set (&why, enter_rules[next],
                             "%s reached at m = %.4f (%s)%s",
                             au_protocol_level_to_string (next), self->breach.multiple,
                             self->breach.why.reason,
                             jumped ? "; no level is skipped (R6.5, D2.10)" : "");
      emit (self, events, time, next, "engine", &why);
    }
  schedule_next_check (self, time);
}

AuPositionProtocol *
au_position_protocol_new (AuConstitution  *constitution,
                          AuSleeve         sleeve,
                          AuStrategy       strategy,
                          AuPrice          strike,
                          GError         **error)
{
  AuPositionProtocol *self;
  AuBreach probe;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Validates sleeve, strategy and strike with the breach's own checks. */
  if (!au_breach_compute (constitution, sleeve, strategy, strike, strike, 1, &probe, error))
    return NULL;

  self = g_object_new (AU_TYPE_POSITION_PROTOCOL, NULL);
  self->constitution = g_object_ref (constitution);
  self->sleeve = sleeve;
  self->strategy = strategy;
  self->strike = strike;
  return self;
}

gboolean
au_position_protocol_observe (AuPositionProtocol  *self,
                              gint64               time,
                              AuPrice              spot,
                              AuPrice              atr,
                              GArray              *events,
                              GError             **error)
{
  AuBreach breach;
  gboolean scheduled;

  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!au_breach_compute (self->constitution, self->sleeve, self->strategy,
                          self->strike, spot, atr, &breach, error))
    return FALSE;

  scheduled = self->next_check == 0 || time >= self->next_check;
  self->breach = breach;

  if (self->level == AU_PROTOCOL_L3)
    {
      /* D2.10: latched until a reset, whatever the market does. */
      if (scheduled)
        schedule_next_check (self, time);
      return TRUE;
    }
  if (breach.level > self->level)
    {
      climb (self, events, time, breach.level, NULL, NULL);
      return TRUE;
    }
  if (!scheduled)
    return TRUE;
  if (self->level > AU_PROTOCOL_L0 && breach.level == AU_PROTOCOL_L0)
    {
      AuProtocolWhy why;

      /* D2.10: back to L0 only when m < 1 at the next scheduled check; an
       * L2 easing to 1 ≤ m < 2 stays at L2 (the constitution defines no
       * step down between the two). */
      au_protocol_why_set (&why, "D2.10",
                           "back to L0 from %s: m = %.4f is below %.2f at the scheduled check",
                           au_protocol_level_to_string (self->level), breach.multiple,
                           au_constitution_get_params (self->constitution)->protocol.level_atr[1]);
      emit (self, events, time, AU_PROTOCOL_L0, "engine", &why);
    }
  schedule_next_check (self, time);
  return TRUE;
}

void
au_position_protocol_escalate_to_l3 (AuPositionProtocol *self,
                                     gint64              time,
                                     const char         *rule,
                                     const char         *reason,
                                     GArray             *events)
{
  g_return_if_fail (AU_IS_POSITION_PROTOCOL (self));
  g_return_if_fail (rule != NULL && reason != NULL);

  if (self->level == AU_PROTOCOL_L3)
    return;
  climb (self, events, time, AU_PROTOCOL_L3, rule, reason);
}

gboolean
au_position_protocol_reset (AuPositionProtocol  *self,
                            gint64               time,
                            const char          *actor,
                            const char          *reason,
                            GArray              *events,
                            GError             **error)
{
  AuProtocolWhy why;

  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (actor == NULL || *actor == '\0' || reason == NULL || *reason == '\0')
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: a reset of L3 is audited and needs one",
                   actor == NULL || *actor == '\0' ? "actor" : "reason");
      return FALSE;
    }
  if (self->level != AU_PROTOCOL_L3)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_REFUSED,
                   "level: only a latched L3 is reset, this position is at %s",
                   au_protocol_level_to_string (self->level));
      return FALSE;
    }
  au_protocol_why_set (&why, "D2.26", "L3 reset by %s: %s", actor, reason);
  emit (self, events, time, AU_PROTOCOL_L0, g_intern_string (actor), &why);
  schedule_next_check (self, time);
  return TRUE;
}

AuProtocolLevel
au_position_protocol_get_level (AuPositionProtocol *self)
{
  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), AU_PROTOCOL_L0);
  return self->level;
}

const AuBreach *
au_position_protocol_get_breach (AuPositionProtocol *self)
{
  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), NULL);
  return &self->breach;
}

int
au_position_protocol_get_monitor_seconds (AuPositionProtocol *self)
{
  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), 0);
  return monitor_seconds (self);
}

gint64
au_position_protocol_get_next_check (AuPositionProtocol *self)
{
  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), 0);
  return self->next_check;
}

void
au_position_protocol_restore (AuPositionProtocol *self,
                              AuProtocolLevel     level,
                              gint64              next_check)
{
  g_return_if_fail (AU_IS_POSITION_PROTOCOL (self));
  g_return_if_fail (level < AU_N_PROTOCOL_LEVELS);

  self->level = level;
  self->next_check = next_check;
}

AuProtocolAction
au_position_protocol_get_action (AuPositionProtocol *self,
                                 AuProtocolWhy      *why)
{
  g_return_val_if_fail (AU_IS_POSITION_PROTOCOL (self), AU_PROTOCOL_ACTION_NONE);

  switch (self->level)
    {
    case AU_PROTOCOL_L3:
      au_protocol_why_set (why, "R6.4", "L3 Preservation: exit with a marketable limit (D2.25); "
                           "the sleeve stays in SAFE until reset");
      return AU_PROTOCOL_ACTION_EXIT;
    case AU_PROTOCOL_L2:
      au_protocol_why_set (why, "R6.3", "L2 Recovery: roll into the sleeve's delta band, deploy "
                           "the hedge (R6.6) and freeze new entries");
      return AU_PROTOCOL_ACTION_ROLL;
    case AU_PROTOCOL_L1:
      if (self->breach.roll_trigger)
        {
          au_protocol_why_set (why, self->sleeve == AU_SLEEVE_REV ? "R3.3" : "R2.3",
                               "L1 Enhanced at the sleeve's roll trigger: pre-compute roll "
                               "candidates (m = %.4f)", self->breach.multiple);
          return AU_PROTOCOL_ACTION_PREPARE_ROLL;
        }
      au_protocol_why_set (why, "R3.3", "L1 Enhanced: monitor every %d s; m = %.4f is below "
                           "the sleeve's roll trigger", monitor_seconds (self),
                           self->breach.multiple);
      return AU_PROTOCOL_ACTION_NONE;
    case AU_PROTOCOL_L0:
    default:
      au_protocol_why_set (why, "R6.1", "L0 Normal: hold and monitor every %d s",
                           monitor_seconds (self));
      return AU_PROTOCOL_ACTION_NONE;
    }
}

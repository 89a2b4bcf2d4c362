/* au-event-row.c: one protocol event on the Protocol Events timeline
 *
 * A row comes from the audit trail (history, au-events-reader.c) or from
 * a live AuEngineEvent. Both carry a key so that a live event the trail
 * recorded too is shown once: the second of the engine's clock, the kind
 * and, where the audit record keeps the very message the engine emitted
 * (protocol, VIX tier, state, pivot), the message. Rolls, exits, hedges,
 * forks and merges are audited with their own words, so the second and
 * the kind identify them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-event-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "au-event-row.h"

struct _AuEventRow
{
  GObject          parent_instance;

  gint64           time;
  AuEventKind      kind;
  AuEventSeverity  severity;
  char            *account;
  char            *message;
  char            *rule;
  gboolean         live;
  char            *key;
};

G_DEFINE_FINAL_TYPE (AuEventRow, au_event_row, G_TYPE_OBJECT)

static void
au_event_row_finalize (GObject *object)
{
  AuEventRow *self = AU_EVENT_ROW (object);

  g_free (self->account);
  g_free (self->message);
  g_free (self->rule);
  g_free (self->key);

  G_OBJECT_CLASS (au_event_row_parent_class)->finalize (object);
}

static void
au_event_row_class_init (AuEventRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_event_row_finalize;
}

static void
au_event_row_init (AuEventRow *self)
{
}

static gboolean
keyed_by_message (AuEventKind kind)
{
  return kind == AU_EVENT_PROTOCOL || kind == AU_EVENT_VIX || kind == AU_EVENT_SAFE ||
         kind == AU_EVENT_PIVOT;
}

/**
 * au_event_row_new:
 * @time: µs since the epoch, the engine's clock
 * @kind: what happened
 * @severity: how it is flagged
 * @account: (nullable): the account, %NULL or "" for the system
 * @message: plain words
 * @rule: (nullable): the rule number, e.g. "R6.2"
 * @live: whether it came from the running engine rather than the trail
 *
 * Returns: (transfer full): an immutable row
 */
AuEventRow *
au_event_row_new (gint64           time,
                  AuEventKind      kind,
                  AuEventSeverity  severity,
                  const char      *account,
                  const char      *message,
                  const char      *rule,
                  gboolean         live)
{
  AuEventRow *self;

  g_return_val_if_fail (kind < AU_N_EVENT_KINDS, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (AU_TYPE_EVENT_ROW, NULL);
  self->time = time;
  self->kind = kind;
  self->severity = severity;
  self->account = g_strdup (account != NULL ? account : "");
  self->message = g_strdup (message);
  self->rule = g_strdup (rule != NULL ? rule : "");
  self->live = live;
  self->key = keyed_by_message (kind)
              ? g_strdup_printf ("%" G_GINT64_FORMAT "|%d|%s", time / G_USEC_PER_SEC, kind, message)
              : g_strdup_printf ("%" G_GINT64_FORMAT "|%d", time / G_USEC_PER_SEC, kind);

  return self;
}

/* The protocol's level after the arrow, "… L1 → L2 at …". */
static AuEventSeverity
protocol_severity (const char *message)
{
  if (strstr (message, "→ L3") != NULL)
    return AU_EVENT_ERROR;
  if (strstr (message, "→ L2") != NULL || strstr (message, "→ L1") != NULL)
    return AU_EVENT_WARNING;

  return AU_EVENT_INFO;
}

/* R9 messages read "FROM → TO: reason"; only SAFE and EMERGENCY,
 * entered or left, are the timeline's. */
static gboolean
state_severity (const char      *message,
                AuEventSeverity *severity)
{
  if (strstr (message, "→ EMERGENCY") != NULL)
    *severity = AU_EVENT_ERROR;
  else if (strstr (message, "→ SAFE") != NULL)
    *severity = AU_EVENT_WARNING;
  else if (g_str_has_prefix (message, "EMERGENCY") || g_str_has_prefix (message, "SAFE"))
    *severity = AU_EVENT_INFO;
  else
    return FALSE;

  return TRUE;
}

/**
 * au_event_row_new_from_event:
 * @event: an event of the running engine
 *
 * Returns: (transfer full) (nullable): its row, or %NULL when the event
 *   is not one the timeline shows (an order, a non-action, the normal
 *   SCANNING → ANALYZING cycle, …)
 */
AuEventRow *
au_event_row_new_from_event (AuEngineEvent *event)
{
  AuEventKind kind;
  AuEventSeverity severity = AU_EVENT_INFO;
  const char *message;

  g_return_val_if_fail (event != NULL, NULL);

  message = event->message != NULL ? event->message : "";
  if (g_strcmp0 (event->kind, "protocol") == 0)
    {
      kind = AU_EVENT_PROTOCOL;
      severity = protocol_severity (message);
    }
  else if (g_strcmp0 (event->kind, "breaker") == 0)
    {
      kind = AU_EVENT_VIX;
      severity = AU_EVENT_WARNING;
    }
  else if (g_strcmp0 (event->kind, "state") == 0)
    {
      kind = AU_EVENT_SAFE;
      if (!state_severity (message, &severity))
        return NULL;
    }
  else if (g_strcmp0 (event->kind, "roll") == 0)
    {
      kind = AU_EVENT_ROLL;
      severity = AU_EVENT_WARNING;
    }
  else if (g_strcmp0 (event->kind, "hedge") == 0)
    kind = AU_EVENT_HEDGE;
  else if (g_strcmp0 (event->kind, "fork") == 0 || g_strcmp0 (event->kind, "merge") == 0)
    kind = AU_EVENT_FORK;
  else if (g_strcmp0 (event->kind, "pivot") == 0)
    {
      kind = AU_EVENT_PIVOT;
      severity = AU_EVENT_WARNING;
    }
  else
    return NULL;

  return au_event_row_new (event->time, kind, severity, event->account, message, event->rule,
                           TRUE);
}

gint64
au_event_row_get_time (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), 0);
  return self->time;
}

AuEventKind
au_event_row_get_kind (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), AU_EVENT_PROTOCOL);
  return self->kind;
}

AuEventSeverity
au_event_row_get_severity (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), AU_EVENT_INFO);
  return self->severity;
}

/* Returns: the account, "" for the system */
const char *
au_event_row_get_account (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), NULL);
  return self->account;
}

const char *
au_event_row_get_message (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), NULL);
  return self->message;
}

/* Returns: the rule number, "" when none */
const char *
au_event_row_get_rule (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), NULL);
  return self->rule;
}

gboolean
au_event_row_get_live (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), FALSE);
  return self->live;
}

/* Returns: what a live event and its audit record have in common */
const char *
au_event_row_get_key (AuEventRow *self)
{
  g_return_val_if_fail (AU_IS_EVENT_ROW (self), NULL);
  return self->key;
}

const char *
au_event_kind_to_label (AuEventKind kind)
{
  switch (kind)
    {
    case AU_EVENT_PROTOCOL:
      return _("Protocol Level");
    case AU_EVENT_ROLL:
      return _("Roll");
    case AU_EVENT_EXIT:
      return _("Exit");
    case AU_EVENT_HEDGE:
      return _("Hedge");
    case AU_EVENT_VIX:
      return _("VIX Tier");
    case AU_EVENT_SAFE:
      return _("SAFE / EMERGENCY");
    case AU_EVENT_FORK:
      return _("Fork / Merge");
    case AU_EVENT_PIVOT:
      return _("Drawdown Pivot");
    default:
      g_return_val_if_reached ("?");
    }
}

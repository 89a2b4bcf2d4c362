/* au-week-type.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include "au-week-type.h"

static const char *type_keys[AU_N_WEEK_TYPES] = {
  "calm_income", "earnings_filter", "assignment", "hedged", "roll", "preservation",
};

static const char *type_names[AU_N_WEEK_TYPES] = {
  "Calm-Income", "Earnings-Filter", "Assignment", "Hedged", "Roll", "Preservation",
};

static const struct
{
  AuWeekType  type;
  const char *rule;
} event_kinds[] = {
  [AU_WEEK_EVENT_L3_EXIT]        = { AU_WEEK_PRESERVATION, "R6.4" },
  [AU_WEEK_EVENT_L2_ROLL]        = { AU_WEEK_ROLL, "R6.3" },
  [AU_WEEK_EVENT_HEDGE_DEPLOYED] = { AU_WEEK_HEDGED, "R6.6" },
  [AU_WEEK_EVENT_HEDGED_WEEK]    = { AU_WEEK_HEDGED, "D2.8" },
  [AU_WEEK_EVENT_ASSIGNMENT]     = { AU_WEEK_ASSIGNMENT, "R7.2" },
  [AU_WEEK_EVENT_EARNINGS_SKIP]  = { AU_WEEK_EARNINGS_FILTER, "R1.3" },
};

const char *
au_week_type_to_key (AuWeekType type)
{
  g_return_val_if_fail (type < AU_N_WEEK_TYPES, NULL);
  return type_keys[type];
}

gboolean
au_week_type_from_key (const char *key,
                       AuWeekType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; key != NULL && i < AU_N_WEEK_TYPES; i++)
    if (g_strcmp0 (key, type_keys[i]) == 0)
      {
        *type = (AuWeekType) i;
        return TRUE;
      }
  return FALSE;
}

AuWeekType
au_week_event_type (AuWeekEventKind kind)
{
  g_return_val_if_fail (kind <= AU_WEEK_EVENT_EARNINGS_SKIP, AU_WEEK_CALM_INCOME);
  return event_kinds[kind].type;
}

void
au_week_event_init (AuWeekEvent     *event,
                    AuWeekEventKind  kind,
                    gint64           time,
                    const char      *account,
                    const char      *symbol)
{
  g_return_if_fail (event != NULL);
  g_return_if_fail (kind <= AU_WEEK_EVENT_EARNINGS_SKIP);

  memset (event, 0, sizeof *event);
  event->kind = kind;
  event->time = time;
  event->rule = event_kinds[kind].rule;
  g_strlcpy (event->account, account != NULL ? account : "", sizeof event->account);
  g_strlcpy (event->symbol, symbol != NULL ? symbol : "", sizeof event->symbol);
}

static gboolean
event_applies (const AuWeekEvent *event,
               const char        *account)
{
  /* The system roll-up sees every event; a sleeve its own and the
   * system-wide ones (the VIX breaker halves every sleeve's week). */
  return account == NULL || event->account[0] == '\0' || g_strcmp0 (event->account, account) == 0;
}

AuWeekLabel *
au_week_type_classify (const AuWeekEvent *events,
                       guint              n_events,
                       const char        *account)
{
  AuWeekLabel *label;
  AuWeekType winner = AU_WEEK_CALM_INCOME;

  g_return_val_if_fail (events != NULL || n_events == 0, NULL);

  for (guint i = 0; i < n_events; i++)
    if (events[i].kind <= AU_WEEK_EVENT_EARNINGS_SKIP && event_applies (&events[i], account))
      winner = MAX (winner, event_kinds[events[i].kind].type);

  label = g_new0 (AuWeekLabel, 1);
  label->type = winner;
  label->account = g_strdup (account);
  label->events = g_array_new (FALSE, FALSE, sizeof (AuWeekEvent));
  for (guint i = 0; i < n_events; i++)
    if (events[i].kind <= AU_WEEK_EVENT_EARNINGS_SKIP && event_applies (&events[i], account)
        && event_kinds[events[i].kind].type == winner)
      g_array_append_val (label->events, events[i]);

  if (winner == AU_WEEK_CALM_INCOME)
    au_protocol_why_set (&label->why, "D2.5", "%s: Calm-Income, no escalation, hedge, "
                         "assignment or earnings skip this week",
                         account != NULL ? account : "system");
  else
    au_protocol_why_set (&label->why, "D2.5", "%s: %s, decided by %u event%s (%s first); "
                         "precedence Preservation > Roll > Hedged > Assignment > "
                         "Earnings-Filter > Calm-Income",
                         account != NULL ? account : "system", type_names[winner],
                         label->events->len, label->events->len == 1 ? "" : "s",
                         g_array_index (label->events, AuWeekEvent, 0).rule);
  return label;
}

void
au_week_label_free (AuWeekLabel *label)
{
  if (label == NULL)
    return;
  g_clear_pointer (&label->account, g_free);
  g_clear_pointer (&label->events, g_array_unref);
  g_free (label);
}

/* au-notifier.c: desktop notifications about what the autopilot did
 *
 * The events worth interrupting someone for (issue 5): protocol
 * escalations (L1 and above), fills, forks, merges, SAFE, EMERGENCY and a
 * lost broker, in plain words with the rule that applied. Each kind has
 * one notification id, so a burst replaces itself instead of piling up.
 * The mapping is plain functions, so it is tested on the engine's own
 * event kinds; AuNotifier sends what they return through GApplication
 * when the "notifications" preference is on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-notifier"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "au-format.h"
#include "au-notifier.h"

struct _AuNotifier
{
  GObject              parent_instance;

  GApplication        *application;
  GSettings           *settings;
  AuAutopilotSnapshot *last;      /* the snapshot fills are judged against */
  guint                n_sent;
};

G_DEFINE_FINAL_TYPE (AuNotifier, au_notifier, G_TYPE_OBJECT)

void
au_notice_free (AuNotice *notice)
{
  if (notice == NULL)
    return;
  g_free (notice->id);
  g_free (notice->title);
  g_free (notice->body);
  g_free (notice);
}

static AuNotice *
notice_new (const char            *id,
            const char            *title,
            GNotificationPriority  priority,
            const char            *message,
            const char            *account,
            const char            *rule)
{
  AuNotice *notice = g_new0 (AuNotice, 1);
  g_autoptr(GString) body = g_string_new (NULL);

  if (account != NULL)
    g_string_append_printf (body, "%s: ", account);
  g_string_append (body, message);
  if (rule != NULL)
    g_string_append_printf (body, " (%s)", rule);

  notice->id = g_strdup (id);
  notice->title = g_strdup (title);
  notice->body = g_string_free (g_steal_pointer (&body), FALSE);
  notice->priority = priority;
  return notice;
}

/* "L1" … "L3" → 1 … 3; -1 for anything else. */
static int
parse_level (const char *text)
{
  if (text[0] == 'L' && text[1] >= '0' && text[1] <= '3')
    return text[1] - '0';
  return -1;
}

/* The autopilot's protocol message reads "<position>: L0 → L2 at 1.73×
 * ATR: <why>"; only a move up is an escalation (R6.5). */
static int
escalated_to (const char *message)
{
  const char *arrow = strstr (message, " → ");
  int from, to;

  if (arrow == NULL || arrow - message < 2)
    return -1;
  from = parse_level (arrow - 2);
  to = parse_level (arrow + strlen (" → "));
  if (from < 0 || to <= from || to < 1)
    return -1;
  return to;
}

/* A state message reads "MONITORING → SAFE: <why>". */
static gboolean
entered_state (const char *message,
               const char *state)
{
  const char *arrow = strstr (message, " → ");
  gsize length = strlen (state);

  if (arrow == NULL)
    return FALSE;
  arrow += strlen (" → ");
  return strncmp (arrow, state, length) == 0 && arrow[length] == ':'
         && !g_str_has_prefix (message, state);
}

/**
 * au_notice_for_event:
 * @event: an event of the engine
 *
 * Returns: (transfer full) (nullable): the notification the event calls
 *   for, or %NULL when it calls for none
 */
AuNotice *
au_notice_for_event (const AuEngineEvent *event)
{
  const char *kind;
  const char *message;

  g_return_val_if_fail (event != NULL, NULL);

  kind = event->kind;
  message = event->message != NULL ? event->message : "";

  if (g_str_equal (kind, "protocol"))
    {
      int level = escalated_to (message);
      g_autofree char *title = NULL;

      if (level < 0)
        return NULL;
      /* Translators: a protocol escalation, e.g. "Protocol Level L2". */
      title = g_strdup_printf (_("Protocol Level L%d"), level);
      return notice_new ("protocol", title,
                         level >= 3 ? G_NOTIFICATION_PRIORITY_URGENT
                         : level == 2 ? G_NOTIFICATION_PRIORITY_HIGH
                         : G_NOTIFICATION_PRIORITY_NORMAL,
                         message, event->account, event->rule);
    }
  if (g_str_equal (kind, "state"))
    {
      if (entered_state (message, "EMERGENCY"))
        return notice_new ("state", _("Autopilot in EMERGENCY"), G_NOTIFICATION_PRIORITY_URGENT,
                           message, NULL, event->rule);
      if (entered_state (message, "SAFE"))
        return notice_new ("state", _("Autopilot in SAFE: Exits Only"),
                           G_NOTIFICATION_PRIORITY_HIGH, message, NULL, event->rule);
      return NULL;
    }
  if (g_str_equal (kind, "breaker"))
    return notice_new ("breaker", _("Circuit Breaker"), G_NOTIFICATION_PRIORITY_HIGH,
                       message, event->account, event->rule);
  if (g_str_equal (kind, "broker-lost"))
    return notice_new ("broker", _("Broker Connection Lost"), G_NOTIFICATION_PRIORITY_URGENT,
                       message, NULL, event->rule);
  if (g_str_equal (kind, "fork"))
    return notice_new ("fork", _("Account Forked"), G_NOTIFICATION_PRIORITY_NORMAL,
                       message, event->account, event->rule);
  if (g_str_equal (kind, "merge"))
    return notice_new ("merge", _("Account Merged"), G_NOTIFICATION_PRIORITY_NORMAL,
                       message, event->account, event->rule);
  if (g_str_equal (kind, "assignment") || g_str_equal (kind, "called-away"))
    return notice_new ("assignment", _("Option Assigned"), G_NOTIFICATION_PRIORITY_NORMAL,
                       message, event->account, event->rule);
  return NULL;
}

static char *
position_key (const AuAutopilotPositionView *p)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT "|%s", p->account_id,
                          p->symbol, p->right, p->strike, p->expiry != NULL ? p->expiry : "");
}

static const char *
account_name (AuAutopilotSnapshot *snapshot,
              gint64               account_id)
{
  for (guint i = 0; i < snapshot->accounts->len; i++)
    {
      const AuAutopilotAccountView *account = g_ptr_array_index (snapshot->accounts, i);

      if (account->account_id == account_id)
        return account->name;
    }
  return NULL;
}

static char *
describe_fill (AuAutopilotSnapshot           *snapshot,
               const AuAutopilotPositionView *p,
               gint64                         change)
{
  const char *account = account_name (snapshot, p->account_id);
  /* Translators: an order's side in a fill, "Sold" or "Bought". */
  const char *side = change < 0 ? _("Sold") : _("Bought");
  g_autofree char *what = NULL;

  if (g_str_equal (p->right, "stock"))
    what = g_strdup_printf (_("%s %" G_GINT64_FORMAT " shares of %s"), side, ABS (change),
                            p->symbol);
  else
    {
      g_autofree char *strike = au_format_dollars (p->strike / (AU_PRICE_SCALE / 100));

      /* Translators: e.g. "Sold 3 × NVDA $180.00 P 2026-11-20". */
      what = g_strdup_printf (_("%s %" G_GINT64_FORMAT " × %s %s %s %s"), side, ABS (change),
                              p->symbol, strike, p->right, p->expiry != NULL ? p->expiry : "");
    }
  if (account != NULL)
    return g_strdup_printf ("%s: %s", account, what);
  return g_steal_pointer (&what);
}

/**
 * au_notice_for_fills:
 * @before: (nullable): the previous snapshot
 * @after: the new one
 *
 * The engine reports orders sent; a fill shows as a position that grew
 * between two snapshots (an opened or added leg).
 *
 * Returns: (transfer full) (nullable): one notification for every fill
 *   since @before, or %NULL when there were none
 */
AuNotice *
au_notice_for_fills (AuAutopilotSnapshot *before,
                     AuAutopilotSnapshot *after)
{
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (after != NULL, NULL);

  if (before == NULL)
    return NULL;

  held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < before->positions->len; i++)
    {
      const AuAutopilotPositionView *p = g_ptr_array_index (before->positions, i);

      g_hash_table_insert (held, position_key (p), (gpointer) p);
    }

  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < after->positions->len; i++)
    {
      const AuAutopilotPositionView *p = g_ptr_array_index (after->positions, i);
      g_autofree char *key = position_key (p);
      const AuAutopilotPositionView *old = g_hash_table_lookup (held, key);
      gint64 was = old != NULL ? old->quantity : 0;

      /* Grew away from zero: an opening fill, short or long. */
      if (ABS (p->quantity) > ABS (was) && (was == 0 || (was < 0) == (p->quantity < 0)))
        g_ptr_array_add (lines, describe_fill (after, p, p->quantity - was));
    }
  if (lines->len == 0)
    return NULL;

  g_ptr_array_add (lines, NULL);
  body = g_strjoinv ("\n", (char **) lines->pdata);
  return notice_new ("fills",
                     g_dngettext (GETTEXT_PACKAGE, "Order Filled", "Orders Filled",
                                  lines->len - 1),
                     G_NOTIFICATION_PRIORITY_NORMAL, body, NULL, "R0.5");
}

static gboolean
send_notice (AuNotifier *self,
             AuNotice   *notice)
{
  g_autoptr(GNotification) notification = NULL;

  if (notice == NULL || !g_settings_get_boolean (self->settings, "notifications"))
    return FALSE;

  notification = g_notification_new (notice->title);
  g_notification_set_body (notification, notice->body);
  g_notification_set_priority (notification, notice->priority);
  g_application_send_notification (self->application, notice->id, notification);
  self->n_sent++;
  return TRUE;
}

/* Returns: whether a notification was sent */
gboolean
au_notifier_handle_event (AuNotifier    *self,
                          AuEngineEvent *event)
{
  g_autoptr(AuNotice) notice = NULL;

  g_return_val_if_fail (AU_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  notice = au_notice_for_event (event);
  return send_notice (self, notice);
}

/* Returns: whether a notification of fills was sent */
gboolean
au_notifier_handle_snapshot (AuNotifier       *self,
                             AuEngineSnapshot *snapshot)
{
  AuAutopilotSnapshot *details;
  g_autoptr(AuNotice) notice = NULL;

  g_return_val_if_fail (AU_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (snapshot != NULL, FALSE);

  details = au_engine_snapshot_get_details (snapshot, AU_TYPE_AUTOPILOT_SNAPSHOT);
  if (details == NULL)
    return FALSE;
  notice = au_notice_for_fills (self->last, details);
  g_clear_pointer (&self->last, au_autopilot_snapshot_unref);
  self->last = au_autopilot_snapshot_ref (details);
  return send_notice (self, notice);
}

/* How many notifications were sent; the preference off sends none. */
guint
au_notifier_get_n_sent (AuNotifier *self)
{
  g_return_val_if_fail (AU_IS_NOTIFIER (self), 0);
  return self->n_sent;
}

static void
au_notifier_finalize (GObject *object)
{
  AuNotifier *self = AU_NOTIFIER (object);

  g_clear_object (&self->application);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last, au_autopilot_snapshot_unref);

  G_OBJECT_CLASS (au_notifier_parent_class)->finalize (object);
}

static void
au_notifier_class_init (AuNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_notifier_finalize;
}

static void
au_notifier_init (AuNotifier *self)
{
}

AuNotifier *
au_notifier_new (GApplication *application,
                 GSettings    *settings)
{
  AuNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (AU_TYPE_NOTIFIER, NULL);
  self->application = g_object_ref (application);
  self->settings = g_object_ref (settings);
  return self;
}

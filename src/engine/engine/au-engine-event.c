/* au-engine-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-engine-event.h"
#include "au-market-calendar.h"

G_DEFINE_BOXED_TYPE (AuEngineEvent, au_engine_event, au_engine_event_ref, au_engine_event_unref)

static void
event_clear (gpointer data)
{
  AuEngineEvent *event = data;

  g_free (event->kind);
  g_free (event->account);
  g_free (event->message);
  g_free (event->rule);
}

AuEngineEvent *
au_engine_event_new (gint64      time,
                     const char *kind,
                     const char *account,
                     const char *message,
                     const char *rule)
{
  AuEngineEvent *event;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  event = g_atomic_rc_box_new0 (AuEngineEvent);
  event->time = time;
  event->kind = g_strdup (kind);
  event->account = g_strdup (account);
  event->message = g_strdup (message);
  event->rule = g_strdup (rule);
  return event;
}

AuEngineEvent *
au_engine_event_ref (AuEngineEvent *event)
{
  g_return_val_if_fail (event != NULL, NULL);
  return g_atomic_rc_box_acquire (event);
}

void
au_engine_event_unref (AuEngineEvent *event)
{
  if (event != NULL)
    g_atomic_rc_box_release_full (event, event_clear);
}

char *
au_engine_format_time (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (utc == NULL)
    return g_strdup ("?");
  return au_eastern_format (utc);
}

JsonNode *
au_engine_event_to_json (AuEngineEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  time = au_engine_format_time (event->time);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, event->kind);
  json_builder_set_member_name (builder, "account");
  if (event->account != NULL)
    json_builder_add_string_value (builder, event->account);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, event->message);
  json_builder_set_member_name (builder, "rule");
  if (event->rule != NULL)
    json_builder_add_string_value (builder, event->rule);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
au_engine_event_to_line (AuEngineEvent *event)
{
  g_autofree char *time = NULL;
  GString *line;

  g_return_val_if_fail (event != NULL, NULL);

  time = au_engine_format_time (event->time);
  line = g_string_new (NULL);
  g_string_append_printf (line, "%s  %s", time, event->kind);
  if (event->account != NULL)
    g_string_append_printf (line, "  [%s]", event->account);
  g_string_append_printf (line, "  %s", event->message);
  if (event->rule != NULL)
    g_string_append_printf (line, " (%s)", event->rule);
  return g_string_free (line, FALSE);
}

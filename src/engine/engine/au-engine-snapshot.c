/* au-engine-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-engine-event.h"
#include "au-engine-snapshot.h"

G_DEFINE_BOXED_TYPE (AuEngineSnapshot, au_engine_snapshot, au_engine_snapshot_ref,
                     au_engine_snapshot_unref)

static void
snapshot_clear (gpointer data)
{
  AuEngineSnapshot *snapshot = data;

  g_free (snapshot->state_reason);
  if (snapshot->details != NULL)
    g_boxed_free (snapshot->details_type, snapshot->details);
}

AuEngineSnapshot *
au_engine_snapshot_new (gint64         time,
                        AuSystemState  state,
                        const char    *state_reason,
                        AuBrokerState  broker_state,
                        double         speed,
                        gboolean       paused,
                        gint64         until,
                        guint64        commands_done,
                        GType          details_type,
                        gconstpointer  details)
{
  AuEngineSnapshot *snapshot;

  g_return_val_if_fail (details == NULL || G_TYPE_IS_BOXED (details_type), NULL);

  snapshot = g_atomic_rc_box_new0 (AuEngineSnapshot);
  snapshot->time = time;
  snapshot->state = state;
  snapshot->state_reason = g_strdup (state_reason);
  snapshot->broker_state = broker_state;
  snapshot->speed = speed;
  snapshot->paused = paused;
  snapshot->until = until;
  snapshot->commands_done = commands_done;
  snapshot->details_type = details != NULL ? details_type : G_TYPE_NONE;
  snapshot->details = details != NULL ? g_boxed_copy (details_type, details) : NULL;
  return snapshot;
}

AuEngineSnapshot *
au_engine_snapshot_ref (AuEngineSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  return g_atomic_rc_box_acquire (snapshot);
}

void
au_engine_snapshot_unref (AuEngineSnapshot *snapshot)
{
  if (snapshot != NULL)
    g_atomic_rc_box_release_full (snapshot, snapshot_clear);
}

gpointer
au_engine_snapshot_get_details (AuEngineSnapshot *snapshot,
                                GType             type)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  if (snapshot->details == NULL || !g_type_is_a (snapshot->details_type, type))
    return NULL;
  return snapshot->details;
}

JsonNode *
au_engine_snapshot_to_json (AuEngineSnapshot *snapshot)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);

  time = au_engine_format_time (snapshot->time);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, au_system_state_to_string (snapshot->state));
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder,
                                 snapshot->state_reason != NULL ? snapshot->state_reason : "");
  json_builder_set_member_name (builder, "broker");
  json_builder_add_string_value (builder, au_broker_state_to_string (snapshot->broker_state));
  json_builder_set_member_name (builder, "speed");
  json_builder_add_double_value (builder, snapshot->speed);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, snapshot->paused);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

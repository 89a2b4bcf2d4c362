/* au-session.h: the window's live engine, built from the user's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-engine.h"

G_BEGIN_DECLS

#define AU_TYPE_SESSION (au_session_get_type ())

G_DECLARE_FINAL_TYPE (AuSession, au_session, AU, SESSION, GObject)

/* How long the application waits at shutdown for the engine to persist
 * its clock and end its thread. */
#define AU_SESSION_STOP_TIMEOUT_MS 5000

AuSession        *au_session_new                (const char       *database_path,
                                                 GSettings        *settings);
const char       *au_session_get_database_path  (AuSession        *self);
void              au_session_set_paper_market   (AuSession        *self,
                                                 guint64           seed,
                                                 const GDate      *start);
AuEngineConfig   *au_session_build_config       (AuSession        *self,
                                                 gboolean          force_paper,
                                                 GError          **error);

gboolean          au_session_start              (AuSession        *self,
                                                 gboolean          force_paper,
                                                 GError          **error);
gboolean          au_session_pause              (AuSession        *self,
                                                 GError          **error);
gboolean          au_session_resume             (AuSession        *self,
                                                 GError          **error);
gboolean          au_session_enter_safe         (AuSession        *self,
                                                 const char       *reason,
                                                 GError          **error);
gboolean          au_session_kill_switch        (AuSession        *self,
                                                 const char       *reason,
                                                 GError          **error);
gboolean          au_session_reset_latch        (AuSession        *self,
                                                 const char       *reason,
                                                 GError          **error);
gboolean          au_session_set_speed          (AuSession        *self,
                                                 double            speed,
                                                 GError          **error);
gboolean          au_session_run_until          (AuSession        *self,
                                                 gint64            until_usec,
                                                 GError          **error);
gboolean          au_session_request_stop       (AuSession        *self,
                                                 GError          **error);
gboolean          au_session_stop               (AuSession        *self,
                                                 guint             timeout_ms,
                                                 GError          **error);

gboolean          au_session_get_running        (AuSession        *self);
gboolean          au_session_get_paused         (AuSession        *self);
gboolean          au_session_get_latched        (AuSession        *self);
AuSystemState     au_session_get_state          (AuSession        *self);
const char       *au_session_get_state_reason   (AuSession        *self);
AuBrokerState     au_session_get_broker_state   (AuSession        *self);
AuEngineSnapshot *au_session_get_snapshot       (AuSession        *self);
const GError     *au_session_get_error          (AuSession        *self);

const char       *au_session_state_label        (AuSystemState     state);

G_END_DECLS

/* au-notifier.h: desktop notifications about what the autopilot did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-autopilot-snapshot.h"
#include "au-engine.h"

G_BEGIN_DECLS

/* One notification, plain data: @id makes a repeat replace the last one
 * of its kind rather than pile up. */
typedef struct
{
  char                  *id;
  char                  *title;
  char                  *body;
  GNotificationPriority  priority;
} AuNotice;

void      au_notice_free            (AuNotice            *notice);
AuNotice *au_notice_for_event       (const AuEngineEvent *event);
AuNotice *au_notice_for_fills       (AuAutopilotSnapshot *before,
                                     AuAutopilotSnapshot *after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuNotice, au_notice_free)

#define AU_TYPE_NOTIFIER (au_notifier_get_type ())

G_DECLARE_FINAL_TYPE (AuNotifier, au_notifier, AU, NOTIFIER, GObject)

AuNotifier *au_notifier_new             (GApplication     *application,
                                         GSettings        *settings);
gboolean    au_notifier_handle_event    (AuNotifier       *self,
                                         AuEngineEvent    *event);
gboolean    au_notifier_handle_snapshot (AuNotifier       *self,
                                         AuEngineSnapshot *snapshot);
guint       au_notifier_get_n_sent      (AuNotifier       *self);

G_END_DECLS

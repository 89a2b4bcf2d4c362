/* test-workload.h: a small workload that records what the engine thread does with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-engine.h"

G_BEGIN_DECLS

#define TEST_TYPE_WORKLOAD (test_workload_get_type ())

G_DECLARE_FINAL_TYPE (TestWorkload, test_workload, TEST, WORKLOAD, GObject)

/* What the engine thread did, read by the test after the thread ended
 * or under the record's mutex. */
typedef struct
{
  GMutex    mutex;
  GThread  *created_on;      /* the thread the workload was made on */
  GThread  *started_on;      /* the thread start() ran on */
  GArray   *serials;         /* guint64: the commands' serials, in the order handled */
  GArray   *kinds;           /* AuEngineCommandKind, likewise */
  GPtrArray *reasons;        /* char *, likewise */
  gboolean  resumed;         /* the services said so */
  gint64    start_clock;     /* the engine clock when start() ran */
  gboolean  stopped;         /* received STOP */
} TestRecord;

void              test_record_init  (TestRecord             *record);
void              test_record_clear (TestRecord             *record);

/* An AuEngineWorkloadFunc; @user_data is a TestRecord. */
AuEngineWorkload *test_workload_new (const AuEngineServices *services,
                                     gpointer                user_data,
                                     GError                **error);

G_END_DECLS

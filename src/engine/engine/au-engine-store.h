/* au-engine-store.h: what a run needs to resume, in the database (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-database.h"
#include "au-engine-config.h"

G_BEGIN_DECLS

/* One row per database: the broker and market it was created with and
 * the engine's clock when it last persisted. A second run resumes from
 * it after a clean stop or a crash alike. */
typedef struct
{
  AuEngineBrokerKind  broker;
  guint64             seed;
  AuMoney             capital;
  GDate               start;
  gint64              time;        /* the engine's clock, µs since the epoch */
  double              speed;
  gint64              runs;        /* how many times the engine was started on it */
  gboolean            clean_stop;  /* the last run ended with a clean stop */
} AuEngineResume;

/* Public, for readers outside the engine thread (alluse-cli order, D4).
 *
 * The resume point of the database's portfolio, read only: FALSE with
 * @error on a failure; TRUE with *@found FALSE when no run was ever
 * recorded (a database the engine never ran on, or one too old to have
 * the engine's table — nothing is created). */
gboolean au_engine_store_read_run     (AuDatabase            *database,
                                       AuEngineResume        *run,
                                       gboolean              *found,
                                       GError               **error);
/* Moves the stored clock forward to @time (µs since the epoch), never
 * back, leaving the speed and the clean-stop mark as the engine left
 * them: a command that stepped the paper market records where the market
 * now is, so that the next run resumes there. Needs a writable
 * @database and a recorded run (AU_DATABASE_ERROR_CORRUPT otherwise). */
gboolean au_engine_store_advance_time (AuDatabase            *database,
                                       gint64                 time,
                                       GError               **error);

/* Private to the engine. */
gboolean _au_engine_store_migrate   (AuDatabase            *database,
                                     GError               **error);
/* FALSE with @error on a failure; TRUE with *@found FALSE on a new database. */
gboolean _au_engine_store_load      (AuDatabase            *database,
                                     AuEngineResume        *resume,
                                     gboolean              *found,
                                     GError               **error);
gboolean _au_engine_store_create    (AuDatabase            *database,
                                     const AuEngineResume  *resume,
                                     GError               **error);
/* Counts a new run and marks it not cleanly stopped until _save says so. */
gboolean _au_engine_store_begin_run (AuDatabase            *database,
                                     GError               **error);
gboolean _au_engine_store_save      (AuDatabase            *database,
                                     gint64                 time,
                                     double                 speed,
                                     gboolean               clean_stop,
                                     GError               **error);

G_END_DECLS

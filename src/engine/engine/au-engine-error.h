/* au-engine-error.h: the engine thread's errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_ENGINE_ERROR (au_engine_error_quark ())

typedef enum
{
  AU_ENGINE_ERROR_INVALID,       /* a bad configuration field */
  AU_ENGINE_ERROR_RUNNING,       /* started twice, or a command to an engine not running */
  AU_ENGINE_ERROR_MISMATCH,      /* the database was run with another broker or market */
  AU_ENGINE_ERROR_TIMEOUT,       /* the thread did not stop within the wait */
  AU_ENGINE_ERROR_BROKER,        /* the broker could not be reached or set up */
} AuEngineError;

GQuark au_engine_error_quark (void);

G_END_DECLS

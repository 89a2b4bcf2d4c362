/* au-engine-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-engine-error.h"

G_DEFINE_QUARK (au-engine-error-quark, au_engine_error)

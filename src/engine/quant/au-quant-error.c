/* au-quant-error.c: the errors of the quant core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-quant"

#include "config.h"

#include "au-quant-error.h"

G_DEFINE_QUARK (au-quant-error-quark, au_quant_error)

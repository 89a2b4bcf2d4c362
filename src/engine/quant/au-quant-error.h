/* au-quant-error.h: the errors of the quant core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_QUANT_ERROR (au_quant_error_quark ())

typedef enum
{
  AU_QUANT_ERROR_INVALID_INPUT,  /* a field is missing, NaN, negative or out of range */
  AU_QUANT_ERROR_OUT_OF_BOUNDS,  /* a price outside the no-arbitrage bounds */
  AU_QUANT_ERROR_NO_CONVERGENCE, /* an iteration that did not meet its tolerance */
  AU_QUANT_ERROR_EXPIRED,        /* the expiry close is not in the future */
  AU_QUANT_ERROR_TIME_ZONE,      /* America/New_York is not known to the system */
} AuQuantError;

GQuark au_quant_error_quark (void);

G_END_DECLS

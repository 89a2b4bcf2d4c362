/* au-gateway-error.h: the gateway simulator's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_GATEWAY_ERROR (au_gateway_error_quark ())

typedef enum
{
  AU_GATEWAY_ERROR_NO_CONTRACT,   /* IB's 200: no security definition */
  AU_GATEWAY_ERROR_INVALID,       /* IB's 321: a request field the gateway refuses */
  AU_GATEWAY_ERROR_CORRUPT_STATE, /* the gateway's state file cannot be read back */
  AU_GATEWAY_ERROR_IO,            /* the state file or the socket failed */
} AuGatewayError;

GQuark au_gateway_error_quark (void);

G_END_DECLS

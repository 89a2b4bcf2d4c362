/* au-gateway-contract.h: between IB's contracts and the paper market's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-broker-types.h"
#include "au-ib-messages.h"

G_BEGIN_DECLS

/* Stock contract ids are this plus the symbol's place in the universe;
 * option ids are a hash of the series, in [2^30, 2^31). */
#define AU_GATEWAY_STOCK_CON_ID_BASE 100000

/* An AuIbContract with the storage its strings point into. */
typedef struct
{
  AuIbContract ib;
  char         expiry[16];
  char         multiplier[8];
  char         local_symbol[40];
} AuGatewayIbContract;

int      au_gateway_con_id             (const AuContract    *contract);
/* Fills @out as IB describes @contract (SMART, USD, OCC local symbol). */
void     au_gateway_contract_to_ib     (const AuContract    *contract,
                                        AuGatewayIbContract *out);
/* A request's contract as the paper market's. A contract given only by
 * its con id is looked up in @known (con id → AuContract, every contract
 * the gateway has described). AU_GATEWAY_ERROR_NO_CONTRACT naming the
 * field for anything the paper market does not list. */
gboolean au_gateway_contract_from_ib   (const AuIbContract  *ib,
                                        GHashTable          *known,
                                        AuContract          *contract,
                                        GError             **error);
/* A new table for @known: int keys, AuContract values it owns. */
GHashTable *au_gateway_contract_table_new (void);
void     au_gateway_contract_remember  (GHashTable          *known,
                                        const AuContract    *contract);

G_END_DECLS

/* au-engine-autopilot.c: the autopilot as the engine thread's workload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include "au-autopilot.h"
#include "au-engine-private.h"
#include "au-paper-broker.h"

/* AuAutopilot implements AuEngineWorkload itself; the engine only builds
 * it from what its thread opened. */
AuEngineWorkload *
_au_engine_autopilot_new (const AuEngineServices  *services,
                          gpointer                 user_data,
                          GError                 **error)
{
  AuAutopilotConfig config = { 0 };
  AuAutopilot *autopilot;

  config.constitution = services->constitution;
  config.database = services->database;
  config.ledger = services->ledger;
  config.audit = services->audit;
  config.rules = services->rules;
  config.broker = services->broker;
  config.clock = services->clock;
  /* With the paper market, held series are priced one by one. */
  if (AU_IS_PAPER_BROKER (services->broker))
    config.market = au_paper_exchange_get_market (
      au_paper_broker_get_exchange (AU_PAPER_BROKER (services->broker)));
  /* R0.1: the first tree's deposit; on a resume the portfolio exists
   * and the stored capital is the one it was created with. */
  config.capital = services->config->paper_capital;
  config.unattended = services->config->unattended;

  autopilot = au_autopilot_new (&config, error);
  if (autopilot == NULL)
    return NULL;
  return AU_ENGINE_WORKLOAD (autopilot);
}

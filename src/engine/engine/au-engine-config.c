/* au-engine-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-engine"

#include "config.h"

#include <math.h>

#include "au-engine-config.h"
#include "au-engine-error.h"

G_DEFINE_BOXED_TYPE (AuEngineConfig, au_engine_config, au_engine_config_copy, au_engine_config_free)

/* The largest acceleration the paper clock is run at: a year in about
 * five minutes real. Beyond it a 5-minute market step would be shorter
 * than a main-loop iteration. */
#define MAX_SPEED 1000000.0

const char *
au_engine_broker_kind_to_string (AuEngineBrokerKind kind)
{
  switch (kind)
    {
    case AU_ENGINE_BROKER_PAPER:
      return "paper";
    case AU_ENGINE_BROKER_IB:
      return "ib";
    default:
      return "unknown";
    }
}

AuEngineConfig *
au_engine_config_new (const char *database_path)
{
  AuEngineConfig *config;

  g_return_val_if_fail (database_path != NULL, NULL);

  config = g_new0 (AuEngineConfig, 1);
  config->database_path = g_strdup (database_path);
  config->broker = AU_ENGINE_BROKER_PAPER;
  config->paper_seed = 42;
  config->paper_capital = 300000 * (AuMoney) AU_MONEY_SCALE;
  g_date_clear (&config->paper_start, 1);
  config->speed = 1.0;
  config->ib_host = g_strdup ("127.0.0.1");
  config->ib_port = 4002;
  config->ib_client_id = 1;
  return config;
}

AuEngineConfig *
au_engine_config_copy (const AuEngineConfig *config)
{
  AuEngineConfig *copy;

  g_return_val_if_fail (config != NULL, NULL);

  copy = g_memdup2 (config, sizeof *config);
  copy->database_path = g_strdup (config->database_path);
  copy->ib_host = g_strdup (config->ib_host);
  copy->ib_account = g_strdup (config->ib_account);
  return copy;
}

void
au_engine_config_free (AuEngineConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->database_path);
  g_free (config->ib_host);
  g_free (config->ib_account);
  g_free (config);
}

gboolean
au_engine_config_validate (const AuEngineConfig  *config,
                           GError               **error)
{
  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (config->database_path == NULL || config->database_path[0] == '\0')
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                           "database: a database file is needed");
      return FALSE;
    }
  if (config->broker != AU_ENGINE_BROKER_PAPER && config->broker != AU_ENGINE_BROKER_IB)
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                   "broker: unknown broker kind %d", (int) config->broker);
      return FALSE;
    }
  if (!isfinite (config->speed) || config->speed <= 0 || config->speed > MAX_SPEED)
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                   "speed: %g is not a speed between 0 (excluded) and %.0f", config->speed,
                   MAX_SPEED);
      return FALSE;
    }
  if (config->broker == AU_ENGINE_BROKER_IB && config->speed != 1.0)
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                           "speed: the IB clock is the gateway's and cannot be accelerated (D4)");
      return FALSE;
    }
  if (config->paper_capital <= 0)
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                           "capital: the starting capital must be above zero");
      return FALSE;
    }
  if (config->broker == AU_ENGINE_BROKER_IB
      && (config->ib_host == NULL || config->ib_host[0] == '\0' || config->ib_port == 0))
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                           "host/port: the gateway's address is incomplete");
      return FALSE;
    }
  if (config->until_usec < 0)
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                           "until: a time before 1970");
      return FALSE;
    }
  return TRUE;
}

/* au-engine-config.h: what one engine run is started with (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-types.h"

G_BEGIN_DECLS

typedef enum
{
  AU_ENGINE_BROKER_PAPER,     /* the embedded paper market (the default, D3) */
  AU_ENGINE_BROKER_IB,        /* TWS / IB Gateway, or the gateway simulator */
} AuEngineBrokerKind;

const char *au_engine_broker_kind_to_string (AuEngineBrokerKind kind);

/* Plain data; every string is owned. A database that was run before
 * keeps the broker kind, seed, capital and start it was created with:
 * the stored values win over these (D4, resume). */
typedef struct
{
  char               *database_path;
  AuEngineBrokerKind  broker;

  /* Paper (D3): the market's seed, the starting capital (cents), the
   * market's first session (invalid: the day of the first run) and how
   * much faster than real time the simulated clock runs. */
  guint64             paper_seed;
  AuMoney             paper_capital;
  GDate               paper_start;
  double              speed;

  /* IB: the gateway's address, our client id, the account (NULL: the
   * first managed account). */
  char               *ib_host;
  guint16             ib_port;
  int                 ib_client_id;
  char               *ib_account;

  /* Stop cleanly once the engine's clock reaches this (µs since the
   * epoch); 0: run until stopped. */
  gint64              until_usec;

  /* No user is there to reset a latch: D2.26's policy resets them. */
  gboolean            unattended;
} AuEngineConfig;

#define AU_TYPE_ENGINE_CONFIG (au_engine_config_get_type ())

GType           au_engine_config_get_type (void) G_GNUC_CONST;
/* A paper run: seed 42, $300,000, speed 1, no until. */
AuEngineConfig *au_engine_config_new      (const char            *database_path);
AuEngineConfig *au_engine_config_copy     (const AuEngineConfig  *config);
void            au_engine_config_free     (AuEngineConfig        *config);
/* Checks every field; the error names the first bad one. */
gboolean        au_engine_config_validate (const AuEngineConfig  *config,
                                           GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuEngineConfig, au_engine_config_free)

G_END_DECLS

/* au-trade-intent.h: orders the account manager decides but does not send
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-broker-types.h"

G_BEGIN_DECLS

/* Why the account manager wants the order. The autopilot routes every
 * intent through its order manager, which asks the rules engine again. */
typedef enum
{
  AU_TRADE_CLOSE_FOR_MERGE,    /* D2.3: a MINI is flattened before its merge */
  AU_TRADE_LEAP_GROWTH,        /* R17.1: a growth call rung */
  AU_TRADE_LEAP_HEDGE,         /* R17.1: a hedge put rung */
  AU_TRADE_LEAP_ROLL_CLOSE,    /* R17.3: the old rung of a roll */
  AU_TRADE_LEAP_ROLL_OPEN,     /* R17.2/R17.3: the rung that replaces it */
  AU_TRADE_LEAP_HEDGE_CLOSE,   /* R17.3: hedge puts closed once VIX normalizes */
  AU_TRADE_HEDGE_SPX_PUT,      /* R6.6/D2.4: the L2 hedge's SPX puts */
  AU_TRADE_HEDGE_VIX_CALL,     /* R6.6/D2.4: the L2 hedge's VIX calls */
} AuTradePurpose;

const char *au_trade_purpose_to_string (AuTradePurpose purpose);
/* TRUE when the intent closes (or reduces) a position. */
gboolean    au_trade_purpose_is_close  (AuTradePurpose purpose);

typedef struct
{
  gint64          account_id;  /* the ledger account (a sleeve or a MINI) */
  AuContract      contract;
  AuSide          side;
  gint64          quantity;    /* contracts or shares, > 0 */
  AuTradePurpose  purpose;
  const char     *rule;        /* static: the rule that made it, e.g. "D2.3" */
  AuPrice         bid;         /* the quote the decision saw, 0 when none */
  AuPrice         ask;
  double          delta;       /* the option's delta when it was chosen, 0 when unknown */
} AuTradeIntent;

void      au_trade_intent_clear   (AuTradeIntent *intent);
/* An empty array of AuTradeIntent with its clear function set. */
GArray   *au_trade_intents_new    (void);
JsonNode *au_trade_intent_to_json (const AuTradeIntent *intent);

/* Something the user must hear about (R11.2's queued fork, say). */
typedef struct
{
  char *rule;
  char *message;
} AuAccountAlert;

void      au_account_alert_free   (AuAccountAlert *alert);

G_END_DECLS

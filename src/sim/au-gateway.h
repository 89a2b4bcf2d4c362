/* au-gateway.h: a TWS API server on 127.0.0.1 backed by the paper exchange (D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-paper-exchange.h"

G_BEGIN_DECLS

#define AU_GATEWAY_DEFAULT_PORT    4002
#define AU_GATEWAY_DEFAULT_ACCOUNT "DU1234567"
/* A simulated year in about thirty seconds: faster, and a tick of the
 * clock's timer would step the market through weeks at once. */
#define AU_GATEWAY_MAX_SPEED       1e6
/* The demo account of a new state (issue 4): cash, 100 shares of the
 * demo symbol and one short put of it near a 0.20 delta. */
#define AU_GATEWAY_DEMO_CASH       (100000 * AU_MONEY_SCALE)
#define AU_GATEWAY_DEMO_SYMBOL     "AAPL"
#define AU_GATEWAY_DEMO_SHARES     100
#define AU_GATEWAY_DEMO_SHORT_PUTS 1

typedef struct
{
  guint16      port;            /* 0: any free port */
  guint64      seed;
  const char  *account;         /* DU…; a saved state's account wins */
  const char  *state_path;      /* NULL: nothing persisted */
  gint64       clock;           /* µs since the epoch; 0: the wall clock */
  double       speed;           /* simulated seconds per real second, > 0 */
  /* How a new state starts (a saved one wins): @cash, plus the demo
   * holding unless @no_demo (an account a fresh ledger can match, D3). */
  AuMoney      cash;            /* AU_GATEWAY_DEMO_CASH by default; ≥ 0 */
  gboolean     no_demo;
  /* Fault switches (issue 4), also settable while running by
   * au_gateway_control(). */
  guint        drop_after;      /* close a connection after its Nth request; 0: never */
  guint        delay_ms;        /* every reply this late */
  int          reject_code;     /* every order refused with this ERR_MSG code; 0: none */
  int          lower_next_id;   /* NEXT_VALID_ID this much below the true one */
  gboolean     malformed;       /* malformed frames after START_API's replies */
} AuGatewayConfig;

void au_gateway_config_init (AuGatewayConfig *config);

#define AU_TYPE_GATEWAY (au_gateway_get_type ())

G_DECLARE_FINAL_TYPE (AuGateway, au_gateway, AU, GATEWAY, GObject)

/* The exchange and the book of @config->state_path (or new ones: the
 * cash, and the demo holding unless @config->no_demo), the clock running from the later of the saved
 * clock and @config->clock. Listens when au_gateway_start() is called. */
AuGateway       *au_gateway_new           (const AuGatewayConfig *config,
                                           GError               **error);
/* Listens on 127.0.0.1 only and starts the clock's timer. */
gboolean         au_gateway_start         (AuGateway             *self,
                                           GError               **error);
guint16          au_gateway_get_port      (AuGateway             *self);
/* The simulated clock, µs since the epoch (D4: what CURRENT_TIME says). */
gint64           au_gateway_get_now       (AuGateway             *self);
AuPaperExchange *au_gateway_get_exchange  (AuGateway             *self);
/* Saves the clock with the book (a clean stop). */
gboolean         au_gateway_save          (AuGateway             *self,
                                           GError               **error);
/* Changes the simulated clock's pace from now on, without a jump
 * (0 < @speed ≤ AU_GATEWAY_MAX_SPEED). */
void             au_gateway_set_speed     (AuGateway             *self,
                                           double                 speed);
/* One control line (the simulator reads them from stdin): "1100",
 * "1101", "1102" (that notice to every client), "drop" (close every
 * connection), "malformed" (malformed frames to every client),
 * "reject CODE", "delay MS", "drop-after N" (0 turns a switch off),
 * "speed X" (au_gateway_set_speed()). AU_GATEWAY_ERROR_INVALID for
 * anything else. */
gboolean         au_gateway_control       (AuGateway             *self,
                                           const char            *line,
                                           GError               **error);

G_END_DECLS

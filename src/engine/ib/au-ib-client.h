/* au-ib-client.h: the Interactive Brokers TWS/Gateway client (issue 4, decisions D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-broker.h"
#include "au-clock.h"
#include "au-earnings-store.h"

G_BEGIN_DECLS

#define AU_IB_DEFAULT_HOST "127.0.0.1"
#define AU_IB_DEFAULT_PORT 4002          /* IB Gateway, paper account */

/* What one market data request (a snapshot) gathered. Prices are per
 * share; 0 with has_* FALSE when IB sent no such tick (its -1 "no quote").
 * Option computations keep IB's sentinels out: a value IB did not
 * compute is NAN, never a number (tws-protocol.md §7.7). */
typedef struct
{
  AuPrice   bid;
  AuPrice   ask;
  AuPrice   last;
  AuPrice   close;
  gboolean  has_bid;
  gboolean  has_ask;
  gboolean  has_last;
  gboolean  has_close;
  gboolean  delayed;         /* IB answered with delayed data (type 3/4) */
  gboolean  has_greeks;      /* an option computation arrived */
  gboolean  greeks_from_model; /* … IB's model one (tick 13/83), not a bid/ask one */
  double    implied_vol;     /* NAN = not computed */
  double    delta;
  double    gamma;
  double    vega;
  double    theta;
  double    model_price;
  double    underlying_price;
  gint64    as_of;           /* µs since the epoch, gateway clock */
  gboolean  has_volume;      /* TICK_SIZE 8 (delayed 74; option 29/30) */
  gint64    volume;          /* contracts or shares today */
  gboolean  has_open_interest; /* TICK_SIZE 22/27/28: needs generic tick
                                * 101, which a snapshot cannot ask for */
  gint64    open_interest;
} AuIbTicks;

/* The option parameters of an underlying (REQ_SEC_DEF_OPT_PARAMS): the
 * SMART rows of its own trading classes merged (SPX and SPXW for SPX),
 * else the first exchange's rows. */
typedef struct
{
  char    *symbol;
  int      underlying_con_id;
  char    *trading_class;    /* the first merged row's ("SPX") */
  char    *exchange;         /* "SMART", or the exchange listed */
  int      multiplier;
  GArray  *expiries;         /* GDate, sorted */
  GArray  *strikes;          /* AuPrice, sorted */
} AuIbOptionParams;

void au_ib_option_params_free (AuIbOptionParams *params);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuIbOptionParams, au_ib_option_params_free)

#define AU_TYPE_IB_CLIENT (au_ib_client_get_type ())

G_DECLARE_FINAL_TYPE (AuIbClient, au_ib_client, AU, IB_CLIENT, GObject)

AuIbClient  *au_ib_client_new                  (const char    *host,
                                                guint16        port,
                                                int            client_id);

int          au_ib_client_get_server_version   (AuIbClient    *self);
/* The managed accounts (IB's list, comma-separated) or NULL. */
const char  *au_ib_client_get_accounts         (AuIbClient    *self);
/* The next order id we will use (never below one already used). */
int          au_ib_client_get_next_order_id    (AuIbClient    *self);
/* Any live subscription is delayed data. */
gboolean     au_ib_client_is_delayed           (AuIbClient    *self);
/* D4: how fast the gateway's clock runs, its seconds per real second,
 * measured from its CURRENT_TIME answers (asked every second while
 * connected): 1 for a real gateway, X for alluse-gateway-sim --speed X.
 * au_broker_get_now() runs at this rate between answers. */
double       au_ib_client_get_clock_rate       (AuIbClient    *self);
/* Dates what arrives (quotes, order updates, fills) on @clock, the
 * engine's, which runs on the gateway's (D4), instead of the client's own
 * estimate of the gateway's clock; NULL returns to the estimate. */
void         au_ib_client_set_clock            (AuIbClient    *self,
                                                AuClock       *clock);
/* §4: IB takes at most 50 messages a second and the client sends 38. A
 * simulator has no such limit: tests against alluse-gateway-sim at a
 * fast clock raise it, so that a chain arrives in simulated minutes. */
void         au_ib_client_set_pacing           (AuIbClient    *self,
                                                double         messages_per_second);
/* D2.28: the earnings dates the broker's calendar requests answer from
 * (the client gets none from IB; Wall Street Horizon is not spoken).
 * Without a store every calendar is unknown and puts are blocked. */
void         au_ib_client_set_earnings_store   (AuIbClient      *self,
                                                AuEarningsStore *store);

/* Robustness knobs (tests shorten them): the wait for readiness after
 * the TCP connect (10 s), the first reconnect delay (1 s, doubling up to
 * 60 s) and the wait for a data request's answer (30 s). */
void         au_ib_client_set_timeouts         (AuIbClient    *self,
                                                guint          ready_ms,
                                                guint          reconnect_base_ms,
                                                guint          request_ms);

/* A streaming market data line: ::ticks-updated carries its id; it is
 * requested again after a reconnect and after IB's 1101. */
int          au_ib_client_subscribe            (AuIbClient       *self,
                                                const AuContract *contract);
void         au_ib_client_unsubscribe          (AuIbClient       *self,
                                                int               ticker_id);
const AuIbTicks *au_ib_client_get_ticks        (AuIbClient       *self,
                                                int               ticker_id);
guint        au_ib_client_get_n_subscriptions  (AuIbClient       *self);

/* reqAccountUpdates: keeps cash and net liquidation current from the
 * account's ACCT_VALUE stream. */
gboolean     au_ib_client_set_account_updates  (AuIbClient    *self,
                                                gboolean       subscribe,
                                                GError       **error);

/* The latest cash and net liquidation from reqAccountUpdates, or NULL. */
const AuBrokerAccount *au_ib_client_get_account_cache (AuIbClient *self);

/* One snapshot of a stock or an option (with its greeks). */
void         au_ib_client_ticks_async          (AuIbClient          *self,
                                                const AuContract    *contract,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     au_ib_client_ticks_finish         (AuIbClient    *self,
                                                GAsyncResult  *result,
                                                AuIbTicks     *ticks,
                                                GError       **error);

/* One option's bid, ask, model greeks and open interest. A snapshot
 * cannot carry generic ticks, so this opens a streaming line with
 * generic tick list "101" (open interest, ticks 27/28; tws-protocol.md
 * §6.9, §8.2), gathers until all four arrived or @gather_ms passed (at
 * most the request timeout), then sends CANCEL_MKT_DATA. It fails only
 * when nothing arrived. Finish with au_ib_client_ticks_finish(). */
void         au_ib_client_option_ticks_async   (AuIbClient          *self,
                                                const AuContract    *contract,
                                                guint                gather_ms,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);

/* The contract's IB id (contract details). */
void         au_ib_client_con_id_async         (AuIbClient          *self,
                                                const AuContract    *contract,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
int          au_ib_client_con_id_finish        (AuIbClient    *self,
                                                GAsyncResult  *result,
                                                GError       **error);

void         au_ib_client_option_params_async  (AuIbClient          *self,
                                                const char          *symbol,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
AuIbOptionParams *au_ib_client_option_params_finish (AuIbClient    *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);

/* REQ_GLOBAL_CANCEL: every open order of the account. */
gboolean     au_ib_client_global_cancel        (AuIbClient    *self,
                                                GError       **error);

G_END_DECLS

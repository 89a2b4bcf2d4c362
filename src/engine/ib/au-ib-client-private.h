/* au-ib-client-private.h: what the IB client's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-ib-client.h"
#include "au-ib-error-codes.h"
#include "au-ib-frame.h"
#include "au-ib-messages.h"
#include "au-ib-pacer.h"

G_BEGIN_DECLS

/* Data requests take ids far above any order id, so that an ERR_MSG's
 * id tells the two apart (tws-protocol.md §14: one id namespace). */
#define AU_IB_FIRST_REQ_ID   0x40000000
/* Requests IB answers without an id: one at a time, under a fixed key. */
#define AU_IB_KEY_POSITIONS   (-2)
#define AU_IB_KEY_OPEN_ORDERS (-3)

typedef enum
{
  AU_IB_PENDING_ACCOUNT,
  AU_IB_PENDING_POSITIONS,
  AU_IB_PENDING_TICKS,
  AU_IB_PENDING_CON_ID,
  AU_IB_PENDING_OPT_PARAMS,
  AU_IB_PENDING_BARS,
  AU_IB_PENDING_EXECUTIONS,
  AU_IB_PENDING_OPEN_ORDERS,
} AuIbPendingKind;

/* One request waiting for its answer. */
typedef struct
{
  int              key;          /* req id, or a fixed key */
  AuIbPendingKind  kind;
  const char      *what;         /* for messages: "account summary" */
  GPtrArray       *tasks;        /* GTask: callers waiting for the same answer */
  guint            timeout_id;
  GMainContext    *context;        /* the client's, where the timeout runs */

  AuContract       contract;     /* ticks, con id */
  gboolean         retried;      /* ticks: sent again as delayed data */
  AuIbTicks        ticks;
  gboolean         streaming;    /* ticks: a line with generic tick 101,
                                  * cancelled once gathered (R8.1) */
  gboolean         bid_seen;     /* streaming: a bid tick came, maybe -1 */
  guint            timeout_ms;   /* 0: the client's request_ms */
  AuBrokerAccount *account;
  GPtrArray       *items;        /* positions, executions, order updates */
  AuIbOptionParams *params;
  gboolean         smart_seen;   /* option params: a SMART row came */
  int              con_id;
  guint            days;         /* bars */
  GArray          *bars;
  gint64           since;        /* executions */
} AuIbPending;

typedef struct
{
  int           ticker_id;
  AuContract    contract;
  AuIbTicks     ticks;
} AuIbSubscription;

typedef struct
{
  int           order_id;
  char         *client_order_id;
  AuContract    contract;
  AuSide        side;
  gint64        quantity;
  AuOrderState  state;
  gint64        filled;
  AuPrice       average_price;
  char         *reason;          /* the last rejection/cancel text IB gave */
} AuIbOrder;

typedef struct _AuIbSession AuIbSession;

/* D4: the gateway's rate is measured over its last answers, a few
 * seconds: a simulator whose speed changes is followed within them. */
#define AU_IB_TIME_SAMPLES 4

struct _AuIbClient
{
  GObject          parent_instance;

  char            *host;
  guint16          port;
  int              client_id;
  AuBrokerState    state;
  guint            ready_ms;
  guint            reconnect_base_ms;
  guint            request_ms;

  AuIbSession     *session;        /* NULL while disconnected */
  GTask           *connect_task;
  gboolean         want_connected;  /* FALSE after disconnect(): no reconnect */
  gboolean         ever_ready;
  guint            reconnect_attempt;
  guint            reconnect_id;
  guint            ready_timeout_id;
  GMainContext    *context;         /* thread-default where made: timers run there */

  int              server_version;
  char            *accounts;
  gboolean         got_next_id;
  gboolean         got_accounts;
  gboolean         got_time;
  gint64           gateway_time_us;   /* D4: the gateway's clock … */
  gint64           gateway_mono_us;   /* … at this monotonic time */
  gint64           time_told[AU_IB_TIME_SAMPLES];  /* the last CURRENT_TIME answers … */
  gint64           time_mono[AU_IB_TIME_SAMPLES];  /* … at these monotonic times */
  guint            n_time_samples;    /* of this connection, up to AU_IB_TIME_SAMPLES */
  double           gateway_rate;      /* its seconds per real second (1: a real gateway) */
  guint            time_poll_id;
  AuClock         *clock;             /* dates what arrives when set (the engine's) */
  double           pacer_rate;        /* messages a second (§4) */

  int              next_order_id;
  int              next_req_id;
  gboolean         delayed_mode;      /* REQ_MARKET_DATA_TYPE 3 sent */

  GHashTable      *pending;           /* int key → AuIbPending */
  GHashTable      *subscriptions;     /* ticker id → AuIbSubscription */
  GHashTable      *orders;            /* order id → AuIbOrder */
  GHashTable      *orders_by_ref;     /* client order id → AuIbOrder (borrowed) */
  GHashTable      *fills;             /* exec id → AuExecution waiting for its commission */
  GHashTable      *commissions;       /* exec id → AuMoney* */
  AuBrokerAccount *account_cache;     /* from reqAccountUpdates */
  AuEarningsStore *earnings;          /* imported earnings dates (D2.28), or NULL */
  GHashTable      *held;              /* contract → what the positions last showed and the
                                       * fills since (au-ib-client-expiry.c) */
  GHashTable      *exec_counted;      /* exec ids already in @held */
  gboolean         held_known;        /* a positions answer came */
  gint64           expiry_poll_mono;  /* the last positions asked after an expiry close */
};

/* au-ib-client.c */
/* Timers on @context, the thread-default context where the client was
 * made (the engine thread's, D3), never the process-wide default one,
 * which another thread runs. */
guint        au_ib_timeout_add            (GMainContext      *context,
                                           guint              ms,
                                           GSourceFunc        func,
                                           gpointer           data,
                                           GDestroyNotify     destroy);
void         au_ib_source_clear           (GMainContext      *context,
                                           guint             *id);
gboolean     au_ib_client_send            (AuIbClient        *self,
                                           const AuIbRequest *request,
                                           GError           **error);
gboolean     au_ib_client_check_ready     (AuIbClient        *self,
                                           GError           **error);
gint64       au_ib_client_now             (AuIbClient        *self);
void         au_ib_client_notice          (AuIbClient        *self,
                                           int                code,
                                           const char        *format,
                                           ...) G_GNUC_PRINTF (3, 4);
void         au_ib_client_emit_ticks_updated (AuIbClient *self,
                                              int         ticker_id);
char        *au_ib_client_explain         (int                code,
                                           const char        *server_text);

/* au-ib-client-data.c */
AuIbPending *au_ib_pending_start          (AuIbClient        *self,
                                           int                key,
                                           AuIbPendingKind    kind,
                                           const char        *what,
                                           GTask             *task);
void         au_ib_pending_free           (AuIbPending       *pending);
void         au_ib_pending_arm_timeout    (AuIbClient        *self,
                                           AuIbPending       *pending);
AuIbPending *au_ib_pending_lookup         (AuIbClient        *self,
                                           int                key,
                                           AuIbPendingKind    kind);
/* Builds one task's copy of the answer. */
typedef gpointer (*AuIbMakeResult) (AuIbPending *pending);
/* Hands the answer to every waiting task and frees @pending. */
void         au_ib_pending_return         (AuIbClient        *self,
                                           AuIbPending       *pending,
                                           AuIbMakeResult     make,
                                           GDestroyNotify     free_func);
int          au_ib_client_next_req_id     (AuIbClient        *self);
void         au_ib_pending_fail           (AuIbClient        *self,
                                           AuIbPending       *pending,
                                           GError            *error);
void         au_ib_pending_fail_all       (AuIbClient        *self,
                                           const char        *reason);
gboolean     au_ib_client_data_dispatch   (AuIbClient        *self,
                                           const AuIbIncoming *msg);

/* au-ib-client-market.c */
gboolean     au_ib_client_market_dispatch (AuIbClient        *self,
                                           const AuIbIncoming *msg);
gboolean     au_ib_client_data_error      (AuIbClient        *self,
                                           const AuIbErrMsg  *err);
/* A streaming option line ran out of time: cancels it and returns what
 * it gathered, or fails when nothing came. */
void         au_ib_client_gather_expired  (AuIbClient        *self,
                                           AuIbPending       *pending);
void         au_ib_client_resubscribe     (AuIbClient        *self);
void         au_ib_client_market_iface_init (AuBrokerInterface *iface);

/* au-ib-client-chain.c: AuBroker's chain_async for IB */
void           au_ib_client_chain_async   (AuBroker            *broker,
                                           const char          *symbol,
                                           guint                min_dte,
                                           guint                max_dte,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
AuOptionChain *au_ib_client_chain_finish  (AuBroker            *broker,
                                           GAsyncResult        *result,
                                           GError             **error);

/* au-ib-client-orders.c */
gboolean     au_ib_client_orders_dispatch (AuIbClient        *self,
                                           const AuIbIncoming *msg);
gboolean     au_ib_client_orders_error    (AuIbClient        *self,
                                           const AuIbErrMsg  *err);
void         au_ib_order_free             (AuIbOrder         *order);

/* au-ib-client-expiry.c: expiries and assignments (R7) */
void         au_ib_expiry_init            (AuIbClient        *self);
void         au_ib_expiry_clear           (AuIbClient        *self);
void         au_ib_expiry_note_execution  (AuIbClient        *self,
                                           const AuExecution *exec);
void         au_ib_expiry_note_positions  (AuIbClient        *self,
                                           GPtrArray         *positions);
void         au_ib_expiry_poll            (AuIbClient        *self);

/* au-ib-convert.c: between IB's wire types and the broker's */
typedef struct
{
  AuIbContract ib;
  char         expiry[9];
  char         multiplier[16];
} AuIbContractBuf;

void         au_ib_contract_from_au       (const AuContract  *contract,
                                           AuIbContractBuf   *buf);
gboolean     au_ib_contract_to_au         (const AuIbContract *ib,
                                           AuContract        *contract,
                                           GError           **error);
gboolean     au_ib_parse_yyyymmdd         (const char        *text,
                                           GDate             *date);
gboolean     au_ib_parse_money            (const char        *text,
                                           AuMoney           *out);
AuPrice      au_ib_price_from_double      (double             value);
gint64       au_ib_parse_exec_time        (const char        *text);
double       au_ib_greek_or_nan           (double             value,
                                           double             sentinel);
void         au_ib_ticks_init             (AuIbTicks         *ticks);
/* Applies one tick message to @ticks; TRUE if it changed anything. */
gboolean     au_ib_ticks_apply            (AuIbTicks         *ticks,
                                           const AuIbIncoming *msg,
                                           gint64             now);

G_END_DECLS

G_BEGIN_DECLS
/* The AuBroker methods live next to what they use. */
void         au_ib_client_data_iface_init   (AuBrokerInterface *iface);
void         au_ib_client_orders_iface_init (AuBrokerInterface *iface);
/* How long the frames queued now wait for the pacer (au-ib-pacer.h). */
guint        au_ib_client_queue_delay_ms    (AuIbClient        *self);
/* Sends CANCEL_* for a request that ends after its first answer. */
void         au_ib_client_send_quietly      (AuIbClient        *self,
                                             const AuIbRequest *request);
G_END_DECLS

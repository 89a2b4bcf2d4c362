/* au-broker-types.h: what flows between the engine and a broker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-option.h"
#include "au-types.h"

G_BEGIN_DECLS

typedef enum
{
  AU_SEC_STOCK,
  AU_SEC_OPTION,
} AuSecType;

typedef enum
{
  AU_SIDE_BUY,
  AU_SIDE_SELL,
} AuSide;

/* A tradable instrument as the broker knows it. Options are US equity
 * (or index) options with a multiplier of 100 unless said otherwise. */
typedef struct
{
  char          *symbol;       /* the underlying's ticker */
  AuSecType      sec_type;
  AuOptionRight  right;        /* options only */
  AuPrice        strike;       /* options only */
  GDate          expiry;       /* options only */
  int            multiplier;   /* 100 for options, 1 for stock */
} AuContract;

void        au_contract_init_stock   (AuContract       *contract,
                                      const char       *symbol);
void        au_contract_init_option  (AuContract       *contract,
                                      const char       *symbol,
                                      AuOptionRight     right,
                                      AuPrice           strike,
                                      const GDate      *expiry);
void        au_contract_copy         (AuContract       *dest,
                                      const AuContract *src);
void        au_contract_clear        (AuContract       *contract);
gboolean    au_contract_equal        (const AuContract *a,
                                      const AuContract *b);
/* "AAPL", "AAPL 2026-11-20 P 200" — for logs, audit records and the GUI. */
char       *au_contract_describe     (const AuContract *contract);

/* One order as the engine sends it: always a limit (D2.25: never a bare
 * market order on an option), day order. @client_order_id is unique,
 * persisted before sending (D4), and travels as the broker's order
 * reference so that its fate can be matched after any reconnect. */
typedef struct
{
  char       *client_order_id;
  AuContract  contract;
  AuSide      side;
  gint64      quantity;        /* contracts or shares, > 0 */
  AuPrice     limit;           /* per share */
} AuOrderRequest;

void        au_order_request_clear   (AuOrderRequest   *request);

typedef enum
{
  AU_ORDER_PENDING,            /* sent, not yet acknowledged */
  AU_ORDER_WORKING,            /* acknowledged, resting */
  AU_ORDER_PARTIALLY_FILLED,
  AU_ORDER_FILLED,
  AU_ORDER_CANCELLED,
  AU_ORDER_REJECTED,
} AuOrderState;

const char *au_order_state_to_string (AuOrderState state);
gboolean    au_order_state_is_final  (AuOrderState state);

typedef struct
{
  char         *client_order_id;
  gint64        broker_order_id;
  AuOrderState  state;
  gint64        filled;
  gint64        remaining;
  AuPrice       average_price;
  char         *reason;          /* rejections and cancels: why, in plain words */
  gint64        time;            /* µs since the epoch, the broker's clock */
} AuOrderUpdate;

#define AU_TYPE_ORDER_UPDATE (au_order_update_get_type ())
GType          au_order_update_get_type (void) G_GNUC_CONST;
AuOrderUpdate *au_order_update_copy     (const AuOrderUpdate *update);
void           au_order_update_free     (AuOrderUpdate       *update);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuOrderUpdate, au_order_update_free)

/* One fill. @exec_id is the broker's execution id, kept on the ledger
 * entry it books (D4). */
typedef struct
{
  char       *exec_id;
  char       *client_order_id;
  gint64      broker_order_id;
  AuContract  contract;
  AuSide      side;
  gint64      quantity;
  AuPrice     price;
  AuMoney     commission;
  gint64      time;
} AuExecution;

#define AU_TYPE_EXECUTION (au_execution_get_type ())
GType        au_execution_get_type (void) G_GNUC_CONST;
AuExecution *au_execution_copy     (const AuExecution *execution);
void         au_execution_free     (AuExecution       *execution);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuExecution, au_execution_free)

/* What happens to an option at expiry without an order of ours. */
typedef enum
{
  AU_EXPIRY_EXPIRED,           /* out of the money: worthless */
  AU_EXPIRY_ASSIGNED,          /* our short option was exercised against us */
  AU_EXPIRY_EXERCISED,         /* our long option was exercised */
} AuExpiryOutcome;

typedef struct
{
  AuExpiryOutcome  outcome;
  AuContract       contract;
  gint64           contracts;  /* signed as the position was: short < 0 */
  char            *reference;  /* the broker's id of the event */
  gint64           time;
} AuExpiryEvent;

#define AU_TYPE_EXPIRY_EVENT (au_expiry_event_get_type ())
GType          au_expiry_event_get_type (void) G_GNUC_CONST;
AuExpiryEvent *au_expiry_event_copy     (const AuExpiryEvent *event);
void           au_expiry_event_free     (AuExpiryEvent       *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuExpiryEvent, au_expiry_event_free)

typedef struct
{
  AuContract contract;
  gint64     quantity;         /* signed: short options < 0 */
  AuPrice    average_cost;     /* per share */
} AuBrokerPosition;

void au_broker_position_free (AuBrokerPosition *position);

typedef struct
{
  char    *account;            /* IB's account id (not a secret), "PAPER" for the paper market */
  AuMoney  cash;
  AuMoney  net_liquidation;
  gint64   time;
} AuBrokerAccount;

void au_broker_account_free (AuBrokerAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuBrokerAccount, au_broker_account_free)

/* A stock or index quote; what the engine knows about its age matters
 * as much as the price (R8.5, D2.7). */
typedef struct
{
  char     *symbol;
  AuPrice   bid;
  AuPrice   ask;
  AuPrice   last;
  gint64    as_of;             /* µs since the epoch */
  gboolean  delayed;           /* delayed market data (IB without a subscription) */
} AuStockQuote;

void au_stock_quote_free (AuStockQuote *quote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuStockQuote, au_stock_quote_free)

G_END_DECLS

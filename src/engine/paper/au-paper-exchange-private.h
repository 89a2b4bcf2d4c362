/* au-paper-exchange-private.h: the paper exchange's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-paper-exchange.h"

G_BEGIN_DECLS

/* One order as the exchange keeps it, for the whole life of the account
 * (completed orders are answered too, as IB's REQ_COMPLETED_ORDERS). */
typedef struct
{
  gint64        order_id;
  char         *client_order_id;
  AuContract    contract;
  AuSide        side;
  gint64        quantity;
  AuPrice       limit;
  AuOrderState  state;
  gint64        filled;
  gint64        filled_value;  /* Σ quantity × price of the fills, for the average */
  guint         n_fills;       /* numbers the exec ids */
  gboolean      taker;         /* marketable on arrival: fills at the quote */
  char         *reason;
  gint64        submitted;     /* µs */
  gint64        updated;       /* µs */
} AuPaperOrder;

struct _AuPaperExchange
{
  GObject      parent_instance;

  AuMarketSim *market;
  GDate        start;          /* invalid for a market the caller built */
  char        *state_path;
  AuMoney      cash;
  GPtrArray   *positions;      /* AuBrokerPosition, zeros removed */
  GPtrArray   *orders;         /* AuPaperOrder, by order id */
  GHashTable  *by_client_id;   /* client order id → AuPaperOrder (of @orders) */
  GPtrArray   *working;        /* the orders not yet final, by order id (of @orders) */
  GPtrArray   *executions;     /* AuExecution, in time order */
  GPtrArray   *expiries;       /* AuExpiryEvent */
  gint64       next_order_id;
  gint64       next_expiry_seq;
  GPtrArray   *chains;         /* AuOptionChain built at the market's time @chains_time */
  gint64       chains_time;
  GHashTable  *listed;         /* "SYMBOL YYYY-MM-DD" → set of strikes listed this session */
  GDate        listed_date;
  gboolean     changed;        /* an event since the last save */
};

enum
{
  AU_PAPER_SIGNAL_ORDER_UPDATED,
  AU_PAPER_SIGNAL_EXECUTION,
  AU_PAPER_SIGNAL_EXPIRY,
  AU_PAPER_N_SIGNALS,
};

extern guint _au_paper_exchange_signals[AU_PAPER_N_SIGNALS];

/* au-paper-exchange.c */
/* Files @order (owned by the exchange from now on) in every index. */
void           _au_paper_exchange_add_order (AuPaperExchange *self,
                                             AuPaperOrder    *order);
AuPaperOrder  *_au_paper_order_new        (void);
void           _au_paper_order_free       (AuPaperOrder    *order);
AuOrderUpdate *_au_paper_order_to_update  (const AuPaperOrder *order);
void           _au_paper_exchange_emit_update (AuPaperExchange *self,
                                               AuPaperOrder    *order);
gint64         _au_paper_exchange_market_usec (AuPaperExchange *self);
/* Saves when a state path is set; a failure is logged (the exchange goes
 * on: the next change saves again) and returned. */
gboolean       _au_paper_exchange_save    (AuPaperExchange *self,
                                           GError         **error);

/* au-paper-matching.c */
/* The current bid, ask and day volume of @contract; FALSE with an error
 * when the market has no quote for it. */
gboolean       _au_paper_quote            (AuPaperExchange  *self,
                                           const AuContract *contract,
                                           AuPrice          *bid,
                                           AuPrice          *ask,
                                           gint64           *volume,
                                           GError          **error);
/* Matches @order against the quote now; @taking: it just arrived. */
void           _au_paper_match_order      (AuPaperExchange *self,
                                           AuPaperOrder    *order,
                                           gboolean         taking);
/* Books a position change (signed @quantity at @price per share). */
void           _au_paper_book_position    (AuPaperExchange  *self,
                                           const AuContract *contract,
                                           gint64            quantity,
                                           AuPrice           price);
AuBrokerPosition *_au_paper_find_position (AuPaperExchange  *self,
                                           const AuContract *contract);

/* au-paper-listing.c */
/* NULL when @contract is a listed series now (or one we hold), else why
 * not, in plain words. */
char          *_au_paper_series_not_listed (AuPaperExchange  *self,
                                            const AuContract *contract);

/* au-paper-state.c */
char          *_au_paper_state_to_json    (AuPaperExchange *self);
/* Fills the freshly made @self from @path's JSON (its market included). */
gboolean       _au_paper_state_load       (AuPaperExchange *self,
                                           const char      *path,
                                           GError         **error);

G_END_DECLS

/* au-paper-exchange.h: the paper market's matching engine and account (D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-broker-types.h"
#include "au-market-sim.h"

G_BEGIN_DECLS

#define AU_PAPER_ERROR (au_paper_error_quark ())

typedef enum
{
  AU_PAPER_ERROR_DUPLICATE,       /* a client order id or broker order id used before */
  AU_PAPER_ERROR_UNKNOWN_ORDER,   /* no order with that client order id */
  AU_PAPER_ERROR_NOT_CANCELLABLE, /* filled, cancelled or rejected already */
  AU_PAPER_ERROR_CORRUPT_STATE,   /* the state file cannot be read back */
  AU_PAPER_ERROR_INVALID,         /* a bad argument (a configuration, a time) */
  AU_PAPER_ERROR_IO,              /* the state file cannot be written */
} AuPaperError;

GQuark au_paper_error_quark (void);

/* How a new account starts. With @state_path set and the file present,
 * the file wins over every other field: the exchange is the one that was
 * saved (D4), its market rebuilt from the saved seed and start date and
 * stepped to the saved time. */
typedef struct
{
  guint64      seed;
  GDate        start;            /* the market's first session (see au_market_sim_new) */
  AuMoney      cash;
  const char  *state_path;       /* NULL: nothing persisted */
  /* The gateway simulator's demo holding: @demo_shares shares of
   * @demo_symbol at the market's last price and @demo_short_puts short
   * puts of it at the first weekly expiry at least a week out, on the
   * listed strike nearest a 0.20 delta, booked at the bid. No cash moves:
   * the account starts holding them. NULL: none. */
  const char  *demo_symbol;
  gint64       demo_shares;
  gint64       demo_short_puts;
} AuPaperConfig;

/* The state's "account" (AuBrokerAccount.account). */
#define AU_PAPER_ACCOUNT "PAPER"

#define AU_TYPE_PAPER_EXCHANGE (au_paper_exchange_get_type ())

G_DECLARE_FINAL_TYPE (AuPaperExchange, au_paper_exchange, AU, PAPER_EXCHANGE, GObject)

/* A new exchange on its own market (au_market_sim_new (@seed, @start)),
 * or the one saved at @state_path. A state file that cannot be parsed or
 * whose content is inconsistent is refused with
 * AU_PAPER_ERROR_CORRUPT_STATE naming the field, and left as it is. */
AuPaperExchange *au_paper_exchange_new            (const AuPaperConfig *config,
                                                   GError             **error);
/* An exchange on a market the caller built (a replayed history, a
 * backtest's); nothing is persisted because the market could not be
 * rebuilt from a seed. */
AuPaperExchange *au_paper_exchange_new_for_market (AuMarketSim         *market,
                                                   AuMoney              cash);

AuMarketSim     *au_paper_exchange_get_market     (AuPaperExchange     *self);
/* The market's clock in µs since the epoch. */
gint64           au_paper_exchange_get_now        (AuPaperExchange     *self);
/* When the market's next step ends: five minutes on, the close, or the
 * next session's open. */
gint64           au_paper_exchange_get_next_step  (AuPaperExchange     *self);
/* The option chain now (transfer full), kept until the next step so
 * that an order on a series of it is checked without pricing it again. */
AuOptionChain   *au_paper_exchange_get_chain      (AuPaperExchange     *self,
                                                   const char          *symbol,
                                                   guint                min_dte,
                                                   guint                max_dte,
                                                   GError             **error);
/* The next broker order id that would be assigned. */
gint64           au_paper_exchange_peek_next_order_id (AuPaperExchange *self);

/* Takes one order at @time (µs, the caller's clock, checked against
 * D2.17's market hours; 0: the market's clock). @order_id 0 assigns the next broker order id;
 * a caller that picks ids (the gateway simulator, as IB clients do)
 * passes one greater than every id used before. FALSE with
 * AU_PAPER_ERROR_DUPLICATE (nothing recorded) for a client order id or
 * order id used before. Otherwise TRUE: the order is recorded and either
 * rejected with its reason (market closed on D2.17's terms, an unknown
 * symbol, an unlisted series, a quantity or limit that is not positive,
 * a limit off the tick) or working; a marketable limit fills at once.
 * Every outcome is emitted as ::order-updated (and ::execution). The
 * order's first update is copied to @update when not NULL. */
gboolean         au_paper_exchange_submit         (AuPaperExchange      *self,
                                                   const AuOrderRequest *request,
                                                   gint64                order_id,
                                                   gint64                time,
                                                   AuOrderUpdate       **update,
                                                   GError              **error);
gboolean         au_paper_exchange_cancel         (AuPaperExchange      *self,
                                                   const char           *client_order_id,
                                                   gint64                time,
                                                   GError              **error);

/* One market step, then matching, then at the close the day orders'
 * expiry and the options' expiry (assignment, exercise or worthless).
 *
 * Matching (D3), each working order in id order against the new quote:
 *  - an order marketable on arrival (buy ≥ ask, sell ≤ bid) filled at
 *    the far side of the quote then, and what is left of it goes on
 *    filling there while it stays marketable;
 *  - a resting limit the quote moves through fills at its limit;
 *  - a resting limit strictly inside the spread fills at its limit with
 *    au_paper_fill_probability(), drawn from the market seed's "paper
 *    fills" stream keyed by order id and step time (same seed, same
 *    orders: same fills, whatever else was asked or restarted);
 *  - no step fills more than au_paper_fill_cap() of an order; every
 *    execution pays au_paper_commission().
 * Never a fill past the limit, and a resting order never better than it. */
gboolean         au_paper_exchange_step           (AuPaperExchange     *self,
                                                   GError             **error);
/* Steps while the next step ends at or before @time (µs). */
gboolean         au_paper_exchange_advance_to     (AuPaperExchange     *self,
                                                   gint64               time,
                                                   GError             **error);

AuMoney          au_paper_exchange_get_cash       (AuPaperExchange     *self);
/* Cash plus every position at its mark (stock at its last, options at
 * their mid). */
AuMoney          au_paper_exchange_get_net_liquidation (AuPaperExchange *self);
/* Transfer full: GPtrArray of AuBrokerPosition (non-zero ones, in the
 * order they were opened). */
GPtrArray       *au_paper_exchange_dup_positions  (AuPaperExchange     *self);
/* The signed position in @contract, 0 when none. */
gint64           au_paper_exchange_get_position   (AuPaperExchange     *self,
                                                   const AuContract    *contract);
/* Transfer full: GPtrArray of AuExecution at or after @since (µs). */
GPtrArray       *au_paper_exchange_dup_executions (AuPaperExchange     *self,
                                                   gint64               since);
/* Transfer full: GPtrArray of AuOrderUpdate, the orders not yet final. */
GPtrArray       *au_paper_exchange_dup_open_orders (AuPaperExchange    *self);
/* Transfer full: GPtrArray of AuOrderUpdate, every order ever taken. */
GPtrArray       *au_paper_exchange_dup_orders     (AuPaperExchange     *self);
/* Transfer full: the last state of one order, NULL when unknown. */
AuOrderUpdate   *au_paper_exchange_dup_order      (AuPaperExchange     *self,
                                                   const char          *client_order_id);
/* Transfer full: GPtrArray of AuExpiryEvent. */
GPtrArray       *au_paper_exchange_dup_expiries   (AuPaperExchange     *self);

/* The state as canonical JSON (what is saved). */
char            *au_paper_exchange_to_json        (AuPaperExchange     *self);

G_END_DECLS

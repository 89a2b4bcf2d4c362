/* au-order-manager.h: approved intents to broker orders, exactly once (R0.4–R0.6, D2.25, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "au-broker.h"
#include "au-clock.h"
#include "au-constitution.h"
#include "au-ledger.h"
#include "au-rules-engine.h"

G_BEGIN_DECLS

/* What the order does to the position: it decides how each fill is
 * booked and how an unfilled order is re-priced. */
typedef enum
{
  AU_ORDER_PURPOSE_OPEN,       /* sell to open (CSP, CC), buy to open (LEAP, hedge), buy stock */
  AU_ORDER_PURPOSE_CLOSE,      /* buy to close, sell to close, sell stock */
  AU_ORDER_PURPOSE_L3_EXIT,    /* a close at the far side plus 10% of the spread (D2.25) */
} AuOrderPurpose;

const char *au_order_purpose_to_string (AuOrderPurpose purpose);

/* An order the engine decided. The manager judges @proposal (check's
 * format, its "time", "contracts" or "shares" and "limit" overwritten
 * with what is sent) with the rules engine before anything else. */
typedef struct
{
  gint64          account_id;      /* the ledger account (a sleeve or a MINI) */
  AuContract      contract;
  AuSide          side;
  AuOrderPurpose  purpose;
  gint64          quantity;        /* contracts or shares, > 0 */
  AuPrice         bid;             /* the quote the decision saw: the limit is */
  AuPrice         ask;             /* its mid (R0.5), or the far side (D2.25) */
  const char     *rule_reference;  /* the rule that made it, e.g. "R2.2" */
  const char     *mini_rules;      /* "gen" or "com" for a MINI (D2.2), else NULL */
  JsonNode       *proposal;        /* check's format (see alluse-cli check) */
  const char     *client_order_id; /* the parent's id chosen by the caller (a manual
                                    * order's, derived from its input), or NULL for
                                    * "<account>-<yyyymmdd>-<seq>" */
} AuOrderIntent;

/* A fresh quote of @contract for re-pricing (D2.25's L3 exits move with
 * the market). FALSE when there is none: the order keeps its price. */
typedef gboolean (*AuOrderQuoteFunc) (const AuContract *contract,
                                      AuPrice          *bid,
                                      AuPrice          *ask,
                                      gpointer          user_data);

/* How an order stands: the parent intent and its slices together. */
typedef struct
{
  char         *client_order_id;   /* the parent's, "<account>-<yyyymmdd>-<seq>" */
  gint64        quantity;
  gint64        filled;
  guint         n_slices;
  guint         n_open;            /* slices not yet final */
  AuOrderState  state;             /* FILLED, CANCELLED, REJECTED when all final; else WORKING */
  char         *reason;            /* the last rejection or cancel reason, or NULL */
} AuOrderStatus;

void au_order_status_clear (AuOrderStatus *status);

/* What au_order_manager_recover_finish() found. */
typedef struct
{
  guint resumed;      /* open at the broker: tracked again */
  guint settled;      /* filled, cancelled or rejected while the engine was away */
  guint lost;         /* unknown to the broker: recorded cancelled, not re-sent (D4) */
  guint booked;       /* executions booked that the ledger did not have */
  gint64 since;       /* the broker was asked for executions from this time on (µs) */
} AuRecoveryReport;

#define AU_TYPE_ORDER_MANAGER (au_order_manager_get_type ())

G_DECLARE_FINAL_TYPE (AuOrderManager, au_order_manager, AU, ORDER_MANAGER, GObject)

/* Lives on the engine thread: @context (NULL: the thread-default one)
 * runs its timers and the broker's signals. Creates its own tables in
 * the ledger's database ("orders" component). */
AuOrderManager *au_order_manager_new            (AuLedger            *ledger,
                                                 AuRulesEngine       *rules,
                                                 AuBroker            *broker,
                                                 AuClock             *clock,
                                                 GMainContext        *context,
                                                 GError             **error);
void            au_order_manager_set_quote_func (AuOrderManager      *self,
                                                 AuOrderQuoteFunc     func,
                                                 gpointer             user_data,
                                                 GDestroyNotify       destroy);

/* Judges, persists and sends @intent. Returns the parent client order id
 * (transfer full), or NULL with @error: %AU_ORDERS_ERROR_REJECTED when
 * the rules refused it (the audit record is written, nothing else),
 * %AU_ORDERS_ERROR_STORE when it could not be persisted (nothing sent),
 * %AU_ORDERS_ERROR_BROKER when the broker refused the first slice (the
 * refusal is recorded on the order). */
char           *au_order_manager_submit         (AuOrderManager      *self,
                                                 const AuOrderIntent *intent,
                                                 GError             **error);
/* The same, and the rules engine's verdict in @verdict (transfer full,
 * may be NULL) whenever it judged, approved or not. With
 * @intent->client_order_id set: an id the ledger has and that was sent
 * (a version stored) is refused with %AU_ORDERS_ERROR_DUPLICATE; one the
 * ledger has but of which nothing was ever sent (the process died
 * between persisting and sending) is judged again and sent, once. The
 * ::intent-persisted signal is emitted between persisting and sending. */
char           *au_order_manager_submit_full    (AuOrderManager      *self,
                                                 const AuOrderIntent *intent,
                                                 AuVerdict          **verdict,
                                                 GError             **error);
gboolean        au_order_manager_cancel         (AuOrderManager      *self,
                                                 const char          *client_order_id,
                                                 GError             **error);
gboolean        au_order_manager_get_status     (AuOrderManager      *self,
                                                 const char          *client_order_id,
                                                 AuOrderStatus       *status);
/* Orders with a slice not yet final. */
guint           au_order_manager_get_n_active   (AuOrderManager      *self);

/* Acts on every deadline the clock has reached: a cancel-replace when no
 * acknowledgement came within cancel_replace_seconds (R0.6), a re-price
 * toward the far side within max_slippage of mid (R0.5) or of an L3 exit
 * (D2.25). A cancel-replace sends the next version only once the broker
 * calls the old one dead (cancelled, rejected, expired), for what it did
 * not fill, and nothing when it filled: never two live versions. A
 * cancel unconfirmed after 10 s is settled by the broker's open orders
 * and executions, asked again on each deadline while it cannot answer.
 * Wall and simulated clocks call it from a timer on the context; with a
 * stepped clock the engine calls it after each step (the broker's
 * answers arrive on the context). */
void            au_order_manager_tick           (AuOrderManager      *self);

/* After a restart: every order whose fate the store does not know is
 * matched, by client order id, against the broker's open orders and
 * executions. Fills are booked once; nothing is ever sent again (D4). */
void            au_order_manager_recover_async  (AuOrderManager      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        au_order_manager_recover_finish (AuOrderManager      *self,
                                                 GAsyncResult        *result,
                                                 AuRecoveryReport    *report,
                                                 GError             **error);

/* R0.4: @quantity in slices of at most @slice_max, in order (120 by 50:
 * 50, 50, 20). GArray of gint64. */
GArray         *au_order_slices                 (gint64               quantity,
                                                 gint64               slice_max);

G_END_DECLS

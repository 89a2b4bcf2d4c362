/* au-order-manager-private.h: the order manager's state, shared with its recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-order-manager.h"
#include "au-order-store.h"

G_BEGIN_DECLS

typedef enum
{
  SLICE_SENT,         /* sent, no acknowledgement yet: R0.6's clock runs */
  SLICE_WORKING,      /* acknowledged, resting: re-priced on its deadline */
  SLICE_REPLACING,    /* a cancel asked, the next version goes out on its confirmation */
  SLICE_CANCELLING,   /* a cancel asked for good */
  SLICE_DONE,
} SliceStage;

typedef struct _Order Order;

typedef struct
{
  Order        *order;             /* owner */
  guint         index;             /* 1-based */
  gint64        quantity;
  gint64        filled;
  guint         version;
  char         *client_order_id;   /* the current version's */
  gint64        version_quantity;
  AuPrice       limit;
  AuPrice       next_limit;        /* the replacement's price while REPLACING */
  SliceStage    stage;
  gint64        deadline;          /* µs on the engine clock, 0: none */
  AuOrderState  final_state;
  char         *reason;
} Slice;

struct _Order
{
  char           *client_order_id; /* the parent's */
  gint64          account_id;
  AuContract      contract;
  AuSide          side;
  AuOrderPurpose  purpose;
  gint64          quantity;
  guint           n_slices;        /* R0.4 */
  AuPrice         bid;
  AuPrice         ask;
  char           *rule_reference;
  char           *mini_rules;
  char           *spec;            /* the store's JSON of the fields above */
  GPtrArray      *slices;          /* Slice, owned */
};

struct _AuOrderManager
{
  GObject           parent_instance;

  AuConstitution   *constitution;
  AuLedger         *ledger;
  AuRulesEngine    *rules;
  AuBroker         *broker;
  AuClock          *clock;
  GMainContext     *context;

  GHashTable       *orders;        /* parent id -> Order (owned) */
  GHashTable       *versions;      /* every version's id -> Slice (borrowed) */
  GHashTable       *closed;        /* version ids whose fate is recorded (set) */

  gulong            update_handler;
  gulong            execution_handler;
  GSource          *timer;

  AuOrderQuoteFunc  quote_func;
  gpointer          quote_data;
  GDestroyNotify    quote_destroy;
};

GDateTime *_au_order_manager_now_time     (AuOrderManager       *self);
void       _au_order_manager_record       (AuOrderManager       *self,
                                           const char           *client_order_id,
                                           AuOrderEvent          event,
                                           const char           *detail);
void       _au_order_manager_close_version (AuOrderManager      *self,
                                            const char          *client_order_id);
void       _au_order_manager_finish_slice (AuOrderManager       *self,
                                           Slice                *slice,
                                           AuOrderState          state,
                                           const char           *reason);
gboolean   _au_order_manager_book         (AuOrderManager       *self,
                                           Slice                *slice,
                                           const AuExecution    *execution,
                                           gboolean             *booked);
Order     *_au_order_new                  (void);
/* The intent as the store keeps it: canonical JSON. */
char      *_au_order_spec                 (const Order          *order,
                                           guint                 n_slices);
Order     *_au_order_new_from_spec        (const char           *client_order_id,
                                           const char           *spec,
                                           GError              **error);
char      *_au_order_version_id           (const Order          *order,
                                           guint                 slice,
                                           guint                 version);
void       _au_order_free                 (Order                *order);
Slice     *_au_slice_new                  (Order                *order,
                                           guint                 index,
                                           gint64                quantity);
void       _au_order_manager_schedule     (AuOrderManager       *self);
void       _au_order_manager_note_execution (AuOrderManager     *self,
                                             const AuExecution  *execution);
gint64     _au_order_manager_interval     (AuOrderManager       *self);

G_END_DECLS

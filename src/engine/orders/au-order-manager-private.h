/* au-order-manager-private.h: the order manager's state, shared with its recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-order-manager.h"
#include "au-order-store.h"

G_BEGIN_DECLS

/* How long the broker has to confirm a cancel before the manager stops
 * waiting and asks it what became of the order (R0.6). The paper broker
 * and the gateway answer in the same or the next main-loop iteration; a
 * silence this long means the connection is gone. */
#define AU_ORDERS_CANCEL_CONFIRM_SECONDS 10
#define AU_ORDERS_CANCEL_CONFIRM_USEC    ((gint64) AU_ORDERS_CANCEL_CONFIRM_SECONDS * G_USEC_PER_SEC)

typedef enum
{
  SLICE_SENT,         /* sent, no acknowledgement yet: R0.6's clock runs */
  SLICE_WORKING,      /* acknowledged, resting: re-priced on its deadline */
  SLICE_REPLACING,    /* a cancel asked; the next version goes out only once the
                       * broker says this one is dead (R0.6: never two live) */
  SLICE_CANCELLING,   /* a cancel asked for good */
  SLICE_UNCONFIRMED,  /* no word on the cancel within the bound: nothing is sent
                       * until the broker's open orders and executions tell */
  SLICE_DONE,
} SliceStage;

/* One version's fills: what the ledger booked from executions and what
 * the broker's order status reported (cumulative). The larger counts,
 * since a status may run ahead of its executions or the reverse. */
typedef struct
{
  gint64 booked;
  gint64 reported;
} VersionFill;

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
  gint64        sent_usec;         /* the current version's send, engine clock */
  gboolean      acknowledged;      /* the current version's acknowledgement is recorded */
  gboolean      replace_after;     /* UNCONFIRMED: a next version follows its death */
  guint         probe;             /* the broker query that decides it while UNCONFIRMED */
  GArray       *fills;             /* VersionFill, [version - 1] */
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
  guint             probe_serial;  /* the last broker query for unconfirmed cancels */
  gboolean          probing;       /* one is in flight */

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
/* @client_order_id's version number within @slice, 0 when not its. */
guint      _au_slice_version_of           (Slice                *slice,
                                           const char           *client_order_id);
VersionFill *_au_slice_version_fill       (Slice                *slice,
                                           guint                 version);
/* An execution of @client_order_id booked: counted on the slice and on
 * its version. */
void       _au_slice_add_booked           (Slice                *slice,
                                           const char           *client_order_id,
                                           gint64                quantity);
/* What the slice's versions filled, each by the larger of booked and
 * reported; @except (a version number, or 0) left out. */
gint64     _au_slice_committed            (Slice                *slice,
                                           guint                 except);
void       _au_order_manager_schedule     (AuOrderManager       *self);
void       _au_order_manager_emit_changed (AuOrderManager       *self,
                                           Order                *order);
Slice     *_au_order_manager_find_slice   (AuOrderManager       *self,
                                           const char           *client_order_id);
/* The slice's current version is dead by the broker's word: the next
 * version goes out for the rest, or the slice ends (R0.6). */
void       _au_order_manager_version_dead (AuOrderManager       *self,
                                           Slice                *slice,
                                           AuOrderState          state,
                                           const char           *reason);
/* Asks the broker's open orders and executions about every slice whose
 * cancel went unconfirmed, once at a time (au-order-manager-probe.c). */
void       _au_order_manager_start_probe  (AuOrderManager       *self);
void       _au_order_manager_note_execution (AuOrderManager     *self,
                                             const AuExecution  *execution);
gint64     _au_order_manager_interval     (AuOrderManager       *self);

G_END_DECLS

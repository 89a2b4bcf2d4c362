/* fake-broker.h: a scripted AuBroker for the order manager's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-broker.h"
#include "au-clock.h"

G_BEGIN_DECLS

/* A test double, never in src/: it acknowledges, fills, rejects and
 * cancels only when the test says so, and keeps what it was sent, so a
 * test sees every order, cancel and execution the manager caused. */

#define FAKE_TYPE_BROKER (fake_broker_get_type ())

G_DECLARE_FINAL_TYPE (FakeBroker, fake_broker, FAKE, BROKER, GObject)

FakeBroker            *fake_broker_new              (AuClock     *clock);

/* What the manager sent, in order (AuOrderRequest, transfer none). */
guint                  fake_broker_get_n_sent       (FakeBroker  *self);
const AuOrderRequest  *fake_broker_get_sent         (FakeBroker  *self,
                                                     guint        index);
guint                  fake_broker_get_n_cancels    (FakeBroker  *self);
const char            *fake_broker_get_cancel       (FakeBroker  *self,
                                                     guint        index);
/* The next place_order is refused with @reason (nothing sent). */
void                   fake_broker_refuse_next      (FakeBroker  *self,
                                                     const char  *reason);

/* The broker's side of the story. Each emits as a real broker would. */
void                   fake_broker_ack              (FakeBroker  *self,
                                                     const char  *client_order_id);
void                   fake_broker_reject           (FakeBroker  *self,
                                                     const char  *client_order_id,
                                                     const char  *reason);
/* A fill of @quantity at @price; @emit FALSE books it at the broker only
 * (the engine was not there to hear it). Returns the execution id. */
const char            *fake_broker_fill             (FakeBroker  *self,
                                                     const char  *client_order_id,
                                                     gint64       quantity,
                                                     AuPrice      price,
                                                     gboolean     emit);
/* Delivers execution @index again (a re-delivery after a reconnect). */
void                   fake_broker_redeliver        (FakeBroker  *self,
                                                     guint        index);
/* Confirms every cancel asked for so far of a still-open order. */
void                   fake_broker_confirm_cancels  (FakeBroker  *self);
/* Forgets an order, as a broker that never received it. */
void                   fake_broker_forget           (FakeBroker  *self,
                                                     const char  *client_order_id);
/* Emits the order's status as it stands, alone: a status that runs ahead
 * of its executions (IB sends orderStatus before execDetails). */
void                   fake_broker_report           (FakeBroker  *self,
                                                     const char  *client_order_id);
/* The cancels asked so far never reach the exchange: lost in a dropped
 * connection, they are never confirmed. */
void                   fake_broker_lose_cancels     (FakeBroker  *self);
/* Down, every call fails with %AU_BROKER_ERROR_NOT_CONNECTED. */
void                   fake_broker_set_connected    (FakeBroker  *self,
                                                     gboolean     connected);
/* Checked at every place and cancel: the most versions of one slice
 * ("<parent>[-<slice>]", the id without "-v<n>") live at once, pending
 * ones included. R0.6 allows one. */
guint                  fake_broker_get_max_live     (FakeBroker  *self);
/* Strict, a second live version of a slice fails the test at the call
 * that made it. */
void                   fake_broker_set_strict       (FakeBroker  *self,
                                                     gboolean     strict);
/* Confirms each accepted cancel in the next main-loop iteration, as the
 * paper broker and the gateway do. */
void                   fake_broker_set_auto_confirm (FakeBroker  *self,
                                                     gboolean     auto_confirm);
/* place_order calls, including the refused ones. */
guint                  fake_broker_get_n_place_calls (FakeBroker *self);

G_END_DECLS

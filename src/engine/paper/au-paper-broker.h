/* au-paper-broker.h: the in-process paper broker (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-broker.h"
#include "au-clock.h"
#include "au-paper-exchange.h"

G_BEGIN_DECLS

#define AU_TYPE_PAPER_BROKER (au_paper_broker_get_type ())

G_DECLARE_FINAL_TYPE (AuPaperBroker, au_paper_broker, AU, PAPER_BROKER, GObject)

/* The broker interface over @exchange's market and account, driven by
 * @clock. It answers on the thread-default main context of its creator
 * (the engine's), always on a later main-loop iteration, never inside
 * the call. Order updates, executions and expiry events reach
 * AuBroker's signals in the order the exchange produced them, while
 * connected.
 *
 * Time: a simulated or wall clock drives the market itself once
 * connected (a timeout at the real delay until the next five-minute
 * step); a stepped clock moves only by au_paper_broker_advance_to(). */
AuPaperBroker   *au_paper_broker_new          (AuPaperExchange  *exchange,
                                               AuClock          *clock);
AuPaperExchange *au_paper_broker_get_exchange (AuPaperBroker    *self);
AuClock         *au_paper_broker_get_clock    (AuPaperBroker    *self);

/* Moves the clock to @usec (simulated or stepped clocks) and the market
 * with it, step by step: after each step the orders are matched and the
 * resulting signals emitted before the next step. What the backtester
 * and the live paper loop both use. */
gboolean         au_paper_broker_advance_to   (AuPaperBroker    *self,
                                               gint64            usec,
                                               GError          **error);

G_END_DECLS

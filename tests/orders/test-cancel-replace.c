/* test-cancel-replace.c: a replacement goes out only once the broker calls the old version dead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-order-manager.h"
#include "orders-manager-fixture.h"

/* R0.6 on a live order: what the gateway simulator showed, v2 leaving
 * 16 ms after v1's cancel request, must never happen. Every test runs
 * the fake broker strict: a second live version of a slice fails at the
 * broker call that made it. The sample CSP sells at mid 1.12 of
 * 1.10/1.14 and re-prices a cent toward the bid every 3 s (R0.5). */

#define SECONDS(n) ((gint64) (n) * G_USEC_PER_SEC)

static void
strict_set_up (Fixture       *f,
               gconstpointer  data)
{
  fixture_set_up (f, data);
  fake_broker_set_strict (f->broker, TRUE);
}

/* A CSP a test follows: its id and its first two versions' ids. */
typedef struct
{
  char *id;
  char *v1;
  char *v2;
} Csp;

static void
csp_clear (Csp *c)
{
  g_clear_pointer (&c->id, g_free);
  g_clear_pointer (&c->v1, g_free);
  g_clear_pointer (&c->v2, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Csp, csp_clear)

static void
csp_submit (Fixture *f,
            gint64   contracts,
            Csp     *c)
{
  c->id = submit_csp (f, contracts);
  c->v1 = version (c->id, 1);
  c->v2 = version (c->id, 2);
}

/* 3 s on (R0.5), each v1 acknowledged first when @ack: the re-price has
 * asked the broker to cancel @a's v1 and @b's (NULL: @a alone). */
static void
reprice (Fixture  *f,
         gboolean  ack,
         Csp      *a,
         Csp      *b)
{
  if (ack)
    fake_broker_ack (f->broker, a->v1);
  if (ack && b != NULL)
    fake_broker_ack (f->broker, b->v1);
  advance (f, SECONDS (3));
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, b != NULL ? 2 : 1);
}

/* The cancel confirmed: v2 for the remainder. Up to the confirmation,
 * even 9.999 s on, nothing is sent beside v1. */
static void
test_confirmed (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Csp) c = { 0 };

  csp_submit (f, 4, &c);
  fake_broker_ack (f->broker, c.v1);
  fake_broker_fill (f->broker, c.v1, 1, P ("1.12"), TRUE);
  reprice (f, FALSE, &c, NULL);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  advance (f, SECONDS (10) - 1);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 1);

  fake_broker_confirm_cancels (f->broker);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
  g_assert_cmpstr (fake_broker_get_sent (f->broker, 1)->client_order_id, ==, c.v2);
  assert_sent (f, c.v2, 3, P ("1.11"));
  assert_ledger_state (f, c.v1, "cancelled", 1);
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

/* The broker ends v1 itself while its cancel is in flight (rejected,
 * expired): dead all the same, so v2 goes out for the rest. */
static void
test_ended_by_broker (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Csp) c = { 0 };

  csp_submit (f, 2, &c);
  reprice (f, TRUE, &c, NULL);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 1);
  fake_broker_reject (f->broker, c.v1, "order expired");
  assert_ledger_state (f, c.v1, "rejected", 0);
  assert_sent (f, c.v2, 2, P ("1.11"));
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

/* v1 fills 2 of 5 while its cancel is in flight: v2 asks for 3. Once
 * with the executions before the confirmation, once with the broker's
 * status (filled 2) ahead of executions that come after v2 is out. */
static void
test_partial_during_cancel (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Csp) a = { 0 };
  g_auto(Csp) b = { 0 };

  csp_submit (f, 5, &a);
  csp_submit (f, 5, &b);
  reprice (f, TRUE, &a, &b);

  fake_broker_fill (f->broker, a.v1, 2, P ("1.12"), TRUE);
  fake_broker_fill (f->broker, b.v1, 2, P ("1.12"), FALSE);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);
  fake_broker_confirm_cancels (f->broker);

  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 4);
  g_assert_nonnull (sent_as (f, a.v2));
  g_assert_cmpint (sent_as (f, a.v2)->quantity, ==, 3);
  g_assert_nonnull (sent_as (f, b.v2));
  g_assert_cmpint (sent_as (f, b.v2)->quantity, ==, 3);

  /* b1's executions arrive late: booked, and v2 stands (it asks for
   * exactly the rest, nothing is cancelled). */
  g_assert_cmpint (ledger_filled (f, b.v1), ==, 0);
  fake_broker_redeliver (f->broker, 1);
  g_assert_cmpint (ledger_filled (f, b.v1), ==, 2);
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 2);

  fake_broker_ack (f->broker, a.v2);
  fake_broker_ack (f->broker, b.v2);
  fake_broker_fill (f->broker, a.v2, 3, P ("1.11"), TRUE);
  fake_broker_fill (f->broker, b.v2, 3, P ("1.11"), TRUE);
  assert_order (f, a.id, AU_ORDER_FILLED, 5);
  assert_order (f, b.id, AU_ORDER_FILLED, 5);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 4);
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

/* v1 fills completely while its cancel is in flight: no v2, however
 * long the clock runs. By the execution; by a status ahead of its
 * execution; and a re-price whose cancel the broker refuses because v1
 * filled unheard. */
static void
test_filled_during_cancel (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(Csp) a = { 0 };
  g_auto(Csp) b = { 0 };
  g_auto(Csp) c = { 0 };
  AuOrderStatus s;

  /* Neither acknowledged: R0.6's cancels after 3 s. */
  csp_submit (f, 3, &a);
  csp_submit (f, 3, &b);
  reprice (f, FALSE, &a, &b);

  fake_broker_fill (f->broker, a.v1, 3, P ("1.12"), TRUE);
  assert_order (f, a.id, AU_ORDER_FILLED, 3);
  assert_ledger_state (f, a.v1, "filled", 3);

  fake_broker_fill (f->broker, b.v1, 3, P ("1.12"), FALSE);
  fake_broker_report (f->broker, b.v1);
  s = status (f, b.id);
  g_assert_cmpuint (s.n_open, ==, 0);
  g_assert_cmpint (s.state, ==, AU_ORDER_FILLED);
  au_order_status_clear (&s);
  fake_broker_redeliver (f->broker, 1);
  assert_order (f, b.id, AU_ORDER_FILLED, 3);

  /* The confirmations find nothing left to cancel. */
  fake_broker_confirm_cancels (f->broker);
  settle (f, SECONDS (30));
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 2);

  /* c fills at the broker, its news not here yet: the re-price's cancel
   * is refused, and nothing goes out. */
  csp_submit (f, 3, &c);
  fake_broker_ack (f->broker, c.v1);
  fake_broker_fill (f->broker, c.v1, 3, P ("1.12"), FALSE);
  advance (f, SECONDS (3));
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 3);
  g_assert_cmpstr (fake_broker_get_cancel (f->broker, 2), ==, c.v1);
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 3);
  fake_broker_report (f->broker, c.v1);
  fake_broker_redeliver (f->broker, 2);
  assert_order (f, c.id, AU_ORDER_FILLED, 3);
  settle (f, SECONDS (30));
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 3);
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

/* The connection drops with v1's cancel in flight; the cancel never
 * arrives. Nothing is sent at the 10 s bound nor while the broker cannot
 * be asked; once it answers, v1 still open is cancelled again, and v2
 * goes out only on that confirmation. */
static void
test_unconfirmed_live (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Csp) c = { 0 };
  AuOrderStatus s;

  csp_submit (f, 2, &c);
  reprice (f, TRUE, &c, NULL);
  fake_broker_lose_cancels (f->broker);
  fake_broker_set_connected (f->broker, FALSE);

  settle (f, SECONDS (10) - 1);
  settle (f, 1);
  settle (f, SECONDS (3));
  g_assert_cmpuint (fake_broker_get_n_place_calls (f->broker), ==, 1);
  s = status (f, c.id);
  g_assert_cmpuint (s.n_open, ==, 1);
  au_order_status_clear (&s);

  fake_broker_set_connected (f->broker, TRUE);
  settle (f, SECONDS (3));
  g_assert_cmpuint (fake_broker_get_n_cancels (f->broker), ==, 2);
  g_assert_cmpstr (fake_broker_get_cancel (f->broker, 1), ==, c.v1);
  g_assert_cmpuint (fake_broker_get_n_place_calls (f->broker), ==, 1);

  fake_broker_confirm_cancels (f->broker);
  assert_sent (f, c.v2, 2, P ("1.11"));
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

/* The connection drops with two cancels in flight; at the broker p's v1
 * fills 1 of 4 and is cancelled, q's v1 fills all 4, and the engine
 * hears none of it. Once the broker answers: p's v2 asks for 3, q
 * sends nothing, each fill booked once. */
static void
test_unconfirmed_dead (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Csp) p = { 0 };
  g_auto(Csp) q = { 0 };

  csp_submit (f, 4, &p);
  csp_submit (f, 4, &q);
  reprice (f, TRUE, &p, &q);

  fake_broker_set_connected (f->broker, FALSE);
  fake_broker_fill (f->broker, p.v1, 1, P ("1.12"), TRUE);
  fake_broker_fill (f->broker, q.v1, 4, P ("1.12"), TRUE);
  fake_broker_confirm_cancels (f->broker);
  settle (f, SECONDS (10));
  g_assert_cmpuint (fake_broker_get_n_place_calls (f->broker), ==, 2);
  g_assert_cmpint (ledger_filled (f, p.v1), ==, 0);

  fake_broker_set_connected (f->broker, TRUE);
  settle (f, SECONDS (3));
  g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, 3);
  g_assert_nonnull (sent_as (f, p.v2));
  g_assert_cmpint (sent_as (f, p.v2)->quantity, ==, 3);
  g_assert_null (sent_as (f, q.v2));
  assert_ledger_state (f, p.v1, "cancelled", 1);
  assert_ledger_state (f, q.v1, "filled", 4);
  assert_order (f, p.id, AU_ORDER_PARTIALLY_FILLED, 1);
  assert_order (f, q.id, AU_ORDER_FILLED, 4);

  /* Asking again later books nothing twice and sends nothing. */
  settle (f, SECONDS (30));
  g_assert_cmpint (ledger_filled (f, q.v1), ==, 4);
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

/* A cancel of the whole order while a replacement waits: the
 * confirmation ends it, no v2. */
static void
test_cancel_while_replacing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Csp) c = { 0 };

  csp_submit (f, 2, &c);
  reprice (f, TRUE, &c, NULL);
  g_assert_true (au_order_manager_cancel (f->manager, c.id, &error));
  g_assert_no_error (error);
  fake_broker_confirm_cancels (f->broker);
  assert_order (f, c.id, AU_ORDER_CANCELLED, 0);
  settle (f, SECONDS (30));
  g_assert_cmpuint (fake_broker_get_n_place_calls (f->broker), ==, 1);
}

/* Bid and ask 5 cents up at every look: 1.20/1.30, 1.25/1.35, … */
static gboolean
rising_quote (const AuContract *contract,
              AuPrice          *bid,
              AuPrice          *ask,
              gpointer          user_data)
{
  guint *calls = user_data;

  (*calls)++;
  *bid = P ("1.15") + *calls * P ("0.05");
  *ask = P ("1.25") + *calls * P ("0.05");
  return TRUE;
}

/* D2.25: an L3 buy-back re-priced every 3 s on a rising market goes
 * through the same path. With the broker confirming each cancel in the
 * next main-loop iteration (as the paper broker and the gateway do), the
 * next version is out in that iteration, never beside the old one; a
 * fill during a cancel shrinks the next version. */
static void
test_l3_exit_never_overlaps (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(Csp) open = { 0 };
  g_autofree char *exit = NULL;
  guint quote_calls = 0;
  gint64 filled = 0;

  csp_submit (f, 3, &open);
  fake_broker_ack (f->broker, open.v1);
  fake_broker_fill (f->broker, open.v1, 3, P ("1.12"), TRUE);

  fake_broker_set_auto_confirm (f->broker, TRUE);
  au_order_manager_set_quote_func (f->manager, rising_quote, &quote_calls, NULL);
  exit = submit_l3_exit (f, 3);
  g_assert_cmpint (fake_broker_get_sent (f->broker, 1)->limit, ==, P ("1.15"));

  for (guint round = 1; round <= 4; round++)
    {
      guint n = fake_broker_get_n_sent (f->broker);
      const AuOrderRequest *current = fake_broker_get_sent (f->broker, n - 1);
      g_autofree char *expected = version (exit, round + 1);
      const AuOrderRequest *next;

      fake_broker_ack (f->broker, current->client_order_id);
      advance (f, SECONDS (3));
      /* Cancel asked; the replacement waits for the broker's word. */
      g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, n);
      if (round == 2)
        {
          /* A fill races the cancel. */
          fake_broker_fill (f->broker, current->client_order_id, 1, current->limit, TRUE);
          filled++;
        }
      g_assert_true (g_main_context_iteration (NULL, FALSE));
      g_assert_cmpuint (fake_broker_get_n_sent (f->broker), ==, n + 1);
      next = fake_broker_get_sent (f->broker, n);
      g_assert_cmpstr (next->client_order_id, ==, expected);
      g_assert_cmpint (next->quantity, ==, 3 - filled);
      /* 1.30 + 0.01, then 5 cents up each look. */
      g_assert_cmpint (next->limit, ==, P ("1.26") + round * P ("0.05"));
    }
  g_assert_cmpuint (quote_calls, ==, 4);

  fake_broker_ack (f->broker, fake_broker_get_sent (f->broker, 5)->client_order_id);
  fake_broker_fill (f->broker, fake_broker_get_sent (f->broker, 5)->client_order_id, 2,
                    P ("1.46"), TRUE);
  assert_order (f, exit, AU_ORDER_FILLED, 3);
  g_assert_cmpuint (fake_broker_get_max_live (f->broker), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/orders/cancel-replace/" path, Fixture, NULL, strict_set_up, func, \
              fixture_tear_down)

  ADD ("confirmed", test_confirmed);
  ADD ("ended-by-broker", test_ended_by_broker);
  ADD ("partial-during-cancel", test_partial_during_cancel);
  ADD ("filled-during-cancel", test_filled_during_cancel);
  ADD ("unconfirmed-live", test_unconfirmed_live);
  ADD ("unconfirmed-dead", test_unconfirmed_dead);
  ADD ("cancel-while-replacing", test_cancel_while_replacing);
  ADD ("l3-exit-never-overlaps", test_l3_exit_never_overlaps);

#undef ADD

  return g_test_run ();
}

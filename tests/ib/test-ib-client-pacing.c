/* test-ib-client-pacing.c: the IB client never sends more than 40
 * messages in any second (tws-protocol.md §4), measured at the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-ib-client.h"
#include "au-ib-pacer.h"
#include "ib-test-server.h"

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* The bucket alone, on a clock we drive: one at once, then one every
 * 1/38 s; never more than 39 in a second. */
static void
test_pacer_bucket (void)
{
  AuIbPacer pacer;
  gint64 now = 1000000;
  gint64 wait = 0;
  guint sent = 0;

  au_ib_pacer_init (&pacer, AU_IB_PACER_RATE, AU_IB_PACER_BURST, now);
  g_assert_true (au_ib_pacer_try_take (&pacer, now, &wait));
  g_assert_cmpint (wait, ==, 0);
  g_assert_false (au_ib_pacer_try_take (&pacer, now, &wait));
  /* One token takes 1/38 s = 26,316 µs. */
  g_assert_cmpint (wait, >=, 26315);
  g_assert_cmpint (wait, <=, 26318);
  g_assert_false (au_ib_pacer_try_take (&pacer, now + wait - 2, NULL));
  g_assert_true (au_ib_pacer_try_take (&pacer, now + wait, NULL));

  /* Greedy sender over exactly one second from a full bucket. */
  au_ib_pacer_init (&pacer, AU_IB_PACER_RATE, AU_IB_PACER_BURST, now);
  for (gint64 t = now; t < now + G_USEC_PER_SEC; t += 100)
    while (au_ib_pacer_try_take (&pacer, t, NULL))
      sent++;
  g_assert_cmpuint (sent, ==, 38);
  /* … and the 39th one token-time later. */
  g_assert_true (au_ib_pacer_try_take (&pacer, now + G_USEC_PER_SEC + 26316, NULL));
}

static void
test_pacing_burst (void)
{
  g_autoptr(AuIbClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  IbTestServer *server = ib_test_server_new (NULL, NULL);
  GPtrArray *log;
  gint64 start, first = 0, last = 0;
  guint max_window = 0;
  guint from;

  client = au_ib_client_new ("127.0.0.1", ib_test_server_get_port (server), 3);
  au_broker_connect_async (AU_BROKER (client), NULL, on_result, &result);
  IB_WAIT_UNTIL (result != NULL, 3000);
  g_assert_true (au_broker_connect_finish (AU_BROKER (client), result, &error));
  g_assert_no_error (error);

  /* Let the handshake's tokens come back, then 200 requests at once. */
  IB_WAIT_UNTIL (FALSE, 200);
  from = ib_test_server_get_log (server)->len;
  start = g_get_monotonic_time ();
  for (int i = 0; i < 200; i++)
    g_assert_true (au_ib_client_global_cancel (client, &error));
  IB_WAIT_UNTIL (ib_test_server_count (server, AU_IB_OUT_REQ_GLOBAL_CANCEL, 0) == 200, 8000);
  g_assert_cmpuint (ib_test_server_count (server, AU_IB_OUT_REQ_GLOBAL_CANCEL, 0), ==, 200);

  log = ib_test_server_get_log (server);
  for (guint i = from; i < log->len; i++)
    {
      const IbRecorded *r = g_ptr_array_index (log, i);
      guint n = 0;

      for (guint j = i; j < log->len; j++)
        if (((const IbRecorded *) g_ptr_array_index (log, j))->time - r->time < G_USEC_PER_SEC)
          n++;
      max_window = MAX (max_window, n);
      if (i == from)
        first = r->time;
      last = r->time;
    }
  g_test_message ("200 requests in %.2f s, at most %u in any second",
                  (last - first) / 1e6, max_window);
  g_assert_cmpuint (max_window, <=, 40);
  /* Bounded: 199 paced tokens at 38/s is 5.24 s; timer wake-ups may
   * add a little, never a lot. */
  g_assert_cmpint (last - start, <, 7500000);
  g_assert_cmpint (last - first, >, 5 * G_USEC_PER_SEC);

  au_broker_disconnect (AU_BROKER (client));
  ib_test_server_free (server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ib/pacer/bucket", test_pacer_bucket);
  g_test_add_func ("/ib/pacer/burst-200", test_pacing_burst);
  return g_test_run ();
}

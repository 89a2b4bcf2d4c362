/* test-ib-probe.c: `alluse-cli ib probe` against a scripted TWS peer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ib-test-server.h"

int au_cli_ib_main (int argc, char **argv);

typedef struct
{
  gboolean no_greeks;   /* the option answers without a computation */
} Script;

static void
send_end (IbTestServer *server,
          AuIbInId      id,
          int           req_id)
{
  AuIbIncoming m = { .id = id };

  m.u.end.req_id = req_id;
  ib_test_server_send (server, &m);
}

static void
send_tick (IbTestServer *server,
           int           ticker,
           int           type,
           double        price)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_PRICE };

  m.u.tick_price = (AuIbTickPrice) { ticker, type, price, 100, 0 };
  ib_test_server_send (server, &m);
}

static void
answer_bars (IbTestServer *server,
             int           req_id)
{
  /* Six completed sessions: true ranges 2, 3, 4, 3, 2.5 from the second
   * on, so ATR(5) = 14.5 / 5 = 2.9 (R6.8, simple mean). */
  static const char *dates[] = { "20261120", "20261123", "20261124", "20261125",
                                 "20261127", "20261130" };
  static const double hlc[][3] = {
    { 101, 99, 100 }, { 102, 100, 101 }, { 103, 100, 102 }, { 105, 101, 104 },
    { 104, 101, 102 }, { 103, 100.5, 101 },
  };
  AuIbBar bars[G_N_ELEMENTS (dates)];
  AuIbIncoming m = { .id = AU_IB_IN_HISTORICAL_DATA };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    bars[i] = (AuIbBar) { dates[i], hlc[i][2], hlc[i][0], hlc[i][1], hlc[i][2], 1000, hlc[i][2], 10 };
  m.u.historical_data = (AuIbHistoricalData) { req_id, "20261101", "20261201", bars,
                                               G_N_ELEMENTS (bars) };
  ib_test_server_send (server, &m);
}

static gboolean
script (IbTestServer      *server,
        const AuIbRequest *req,
        gpointer           data)
{
  Script *s = data;
  AuIbIncoming m = { 0 };

  switch ((int) req->id)
    {
    case AU_IB_OUT_REQ_ACCOUNT_SUMMARY:
      m.id = AU_IB_IN_ACCOUNT_SUMMARY;
      m.u.account_summary = (AuIbAccountSummary) { req->u.account_summary.req_id, "DU1234567",
                                                   "NetLiquidation", "250000.00", "USD" };
      ib_test_server_send (server, &m);
      m.u.account_summary.tag = "TotalCashValue";
      m.u.account_summary.value = "100000.00";
      ib_test_server_send (server, &m);
      send_end (server, AU_IB_IN_ACCOUNT_SUMMARY_END, req->u.account_summary.req_id);
      return TRUE;
    case AU_IB_OUT_REQ_POSITIONS:
      send_end (server, AU_IB_IN_POSITION_END, 0);
      return TRUE;
    case AU_IB_OUT_REQ_MKT_DATA:
      if (g_strcmp0 (req->u.mkt_data.contract.sec_type, "OPT") == 0)
        {
          send_tick (server, req->u.mkt_data.req_id, 1, 2.40);
          send_tick (server, req->u.mkt_data.req_id, 2, 2.50);
          if (!s->no_greeks)
            {
              m.id = AU_IB_IN_TICK_OPTION_COMPUTATION;
              m.u.tick_option_computation = (AuIbTickOptionComputation) {
                req->u.mkt_data.req_id, 13, 0, 0.285, -0.30, 2.45, 0, 0.031, -2, -0.07, 190 };
              ib_test_server_send (server, &m);
            }
        }
      else
        {
          send_tick (server, req->u.mkt_data.req_id, 1, 189.50);
          send_tick (server, req->u.mkt_data.req_id, 2, 189.60);
          send_tick (server, req->u.mkt_data.req_id, 4, 189.55);
        }
      send_end (server, AU_IB_IN_TICK_SNAPSHOT_END, req->u.mkt_data.req_id);
      return TRUE;
    case AU_IB_OUT_REQ_CONTRACT_DATA:
      m.id = AU_IB_IN_CONTRACT_DATA;
      au_ib_contract_init (&m.u.contract_data.contract);
      m.u.contract_data.req_id = req->u.contract_data.req_id;
      m.u.contract_data.contract.con_id = 265598;
      m.u.contract_data.contract.symbol = "AAPL";
      m.u.contract_data.contract.sec_type = "STK";
      m.u.contract_data.contract.strike = 0;
      m.u.contract_data.agg_group = AU_IB_UNSET_INT;
      ib_test_server_send (server, &m);
      send_end (server, AU_IB_IN_CONTRACT_DATA_END, req->u.contract_data.req_id);
      return TRUE;
    case AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS:
      {
        const char *exp[] = { "20261204", "20261231", "20270115" };
        double strikes[] = { 185, 187.5, 190, 192.5 };

        m.id = AU_IB_IN_SEC_DEF_OPT_PARAMS;
        m.u.sec_def_opt_params = (AuIbSecDefOptParams) {
          req->u.sec_def_opt_params.req_id, "SMART", 265598, "AAPL", "100", exp, 3, strikes, 4 };
        ib_test_server_send (server, &m);
        m.u.sec_def_opt_params.expirations = NULL;
        m.u.sec_def_opt_params.strikes = NULL;
        send_end (server, AU_IB_IN_SEC_DEF_OPT_PARAMS_END, req->u.sec_def_opt_params.req_id);
        return TRUE;
      }
    case AU_IB_OUT_REQ_HISTORICAL_DATA:
      answer_bars (server, req->u.historical_data.req_id);
      return TRUE;
    default:
      return FALSE;
    }
}

static int
run_probe (Script     *s,
           gboolean    json)
{
  IbTestServer *server = ib_test_server_new (script, s);
  g_autofree char *port = g_strdup_printf ("%u", ib_test_server_get_port (server));
  char *argv[] = { "ib", "probe", "--port", port, "--client-id", "9", json ? "--json" : NULL, NULL };
  int status = au_cli_ib_main (json ? 7 : 6, argv);

  ib_test_server_free (server);
  return status;
}

static void
test_probe_json (void)
{
  Script s = { FALSE };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  JsonObject *root, *account, *option;
  int fd, saved;

  /* The probe writes its JSON on standard output, where TAP goes too:
   * catch it in a file for the run. */
  fd = g_file_open_tmp ("ib-probe-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  g_assert_cmpint (run_probe (&s, TRUE), ==, 0);
  fflush (stdout);
  g_assert_cmpint (dup2 (saved, STDOUT_FILENO), ==, STDOUT_FILENO);
  close (saved);
  close (fd);
  g_assert_true (g_file_get_contents (path, &out, NULL, &error));
  g_unlink (path);
  /* The test framework's own log lines ("# …") share the stream. */
  {
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    g_autoptr(GString) json = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      if (lines[i][0] != '#')
        g_string_append_printf (json, "%s\n", lines[i]);
    g_free (out);
    out = g_string_free (g_steal_pointer (&json), FALSE);
  }
  if (!json_parser_load_from_data (parser, out, -1, &error))
    g_error ("the probe's output is not JSON (%s):\n%s", error->message, out);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (root, "ok"));
  g_assert_cmpint (json_object_get_int_member (root, "server_version"), ==, 176);
  g_assert_cmpstr (json_object_get_string_member (root, "accounts"), ==, "DU1234567");
  account = json_object_get_object_member (root, "account");
  g_assert_cmpstr (json_object_get_string_member (account, "cash"), ==, "100000.00");
  g_assert_cmpstr (json_object_get_string_member (account, "net_liquidation"), ==, "250000.00");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "quote"),
                                                  "last"), ==, "189.5500");
  /* Nearest 30 days from 2026-12-01 is 2026-12-31; the strike nearest
   * 189.55 is 190. */
  option = json_object_get_object_member (root, "option_quote");
  g_assert_cmpstr (json_object_get_string_member (option, "contract"), ==, "AAPL 2026-12-31 P 190");
  g_assert_cmpfloat (json_object_get_double_member (option, "delta"), ==, -0.30);
  /* The vega IB did not compute is null, not -2. */
  g_assert_true (json_object_get_null_member (option, "vega"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "atr5"), 2.9, 1e-12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "bars")), ==, 6);
}

static void
test_probe_no_greeks (void)
{
  Script s = { TRUE };

  if (g_test_subprocess ())
    exit (run_probe (&s, FALSE));

  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*option chain failed*no option computation*permission*");
  g_test_trap_assert_stdout ("*Connected to 127.0.0.1:*server version 176*");
}

static void
test_probe_not_running (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GSocketListener) listener = g_socket_listener_new ();
      g_autofree char *port = NULL;
      char *argv[] = { "ib", "probe", "--port", NULL, NULL };

      port = g_strdup_printf ("%u", g_socket_listener_add_any_inet_port (listener, NULL, NULL));
      g_socket_listener_close (listener);
      argv[3] = port;
      exit (au_cli_ib_main (4, argv));
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*connect failed*not running*4002 paper*");
}

static void
test_probe_usage (void)
{
  char *bad_port[] = { "ib", "probe", "--port", "70000", NULL };
  char *no_verb[] = { "ib", NULL };

  g_assert_cmpint (au_cli_ib_main (4, bad_port), ==, 2);
  g_assert_cmpint (au_cli_ib_main (1, no_verb), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ib/probe/json", test_probe_json);
  g_test_add_func ("/ib/probe/no-greeks", test_probe_no_greeks);
  g_test_add_func ("/ib/probe/not-running", test_probe_not_running);
  g_test_add_func ("/ib/probe/usage", test_probe_usage);
  return g_test_run ();
}

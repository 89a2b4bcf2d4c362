/* test-ib-chain.c: option chains from IB's quotes against a scripted
 * TWS peer (option parameters, the underlying's snapshot, one streaming
 * line with open interest per series, cancelled once gathered)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-constitution.h"
#include "au-ib-client.h"
#include "au-option-chain.h"
#include "ib-test-server.h"

/* The test server's clock: 2026-12-01 15:00 UTC, a Tuesday, 10:00 in
 * New York. Expiries 1, 3, 10 and 45 days out. */
static const char *expiries[] = { "20261202", "20261204", "20261211", "20270115" };
static const double sparse_strikes[] = { 150, 160, 170, 180, 185, 187.5, 190, 192.5, 195,
                                         200, 210, 230 };
#define SPOT_BID 189.50
#define SPOT_ASK 189.60

typedef struct
{
  IbTestServer *server;
  AuIbClient   *client;
  GPtrArray    *notices;       /* char* */
  GAsyncResult *result;
  GArray       *strikes_asked; /* double: the option strikes requested */
  guint         options_asked;
  /* What the script does. */
  gboolean      dense;         /* strikes every $1 from 150 to 230 */
  gboolean      refuse_live;   /* 354 on live data: delayed ticks, no greeks */
  gboolean      silent_puts;   /* never answer a put */
  gboolean      no_options;    /* error 200 on every option */
  gboolean      drop_on_fifth; /* close the connection at the 5th option */
} Fixture;

static void
on_notice (AuBroker   *broker,
           int         code,
           const char *message,
           Fixture    *f)
{
  g_ptr_array_add (f->notices, g_strdup (message));
}

static const char *
notice_with (Fixture    *f,
             const char *needle)
{
  for (guint i = 0; i < f->notices->len; i++)
    if (strstr (g_ptr_array_index (f->notices, i), needle) != NULL)
      return g_ptr_array_index (f->notices, i);
  return NULL;
}

static gboolean script (IbTestServer *server, const AuIbRequest *req, gpointer data);

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = ib_test_server_new (script, f);
  f->client = au_ib_client_new ("127.0.0.1", ib_test_server_get_port (f->server), 7);
  /* Requests (and so a line's gather) wait 1 s: a series that never
   * completes costs the test that second. */
  au_ib_client_set_timeouts (f->client, 3000, 50, 1000);
  f->notices = g_ptr_array_new_with_free_func (g_free);
  f->strikes_asked = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (f->client, "notice", G_CALLBACK (on_notice), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  au_broker_disconnect (AU_BROKER (f->client));
  g_clear_object (&f->client);
  ib_test_server_free (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->result);
  g_ptr_array_unref (f->notices);
  g_array_unref (f->strikes_asked);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Fixture *f = data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture *f)
{
  IB_WAIT_UNTIL (f->result != NULL, 8000);
  g_assert_nonnull (f->result);
  return f->result;
}

static void
connect_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  au_broker_connect_async (AU_BROKER (f->client), NULL, on_result, f);
  g_assert_true (au_broker_connect_finish (AU_BROKER (f->client), wait_result (f), &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);
}

static AuOptionChain *
get_chain (Fixture  *f,
           guint     min_dte,
           guint     max_dte,
           GError  **error)
{
  AuOptionChain *chain;

  au_broker_chain_async (AU_BROKER (f->client), "AAPL", min_dte, max_dte, NULL, on_result, f);
  chain = au_broker_chain_finish (AU_BROKER (f->client), wait_result (f), error);
  g_clear_object (&f->result);
  return chain;
}

/* The scripted gateway */

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
send_price (IbTestServer *server,
            int           ticker,
            int           type,
            double        price)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_PRICE };

  m.u.tick_price = (AuIbTickPrice) { ticker, type, price, 10, 0 };
  ib_test_server_send (server, &m);
}

static void
send_size (IbTestServer *server,
           int           ticker,
           int           type,
           double        size)
{
  AuIbIncoming m = { .id = AU_IB_IN_TICK_SIZE };

  m.u.tick_size = (AuIbTickSize) { ticker, type, size };
  ib_test_server_send (server, &m);
}

/* A call's delta falls by 0.02 a dollar of strike from 0.50 at the
 * spot; a put's is the call's less one. */
static double
scripted_delta (double      strike,
                const char *right)
{
  double call = CLAMP (0.5 - 0.02 * (strike - 189.55), 0.01, 0.99);

  return g_strcmp0 (right, "C") == 0 ? call : call - 1.0;
}

static void
answer_option (Fixture              *f,
               IbTestServer         *server,
               const AuIbReqMktData *md,
               gboolean              delayed)
{
  const AuIbContract *c = &md->contract;
  AuIbIncoming m = { .id = AU_IB_IN_TICK_OPTION_COMPUTATION };
  gboolean put = g_strcmp0 (c->right, "P") == 0;

  f->options_asked++;
  g_array_append_val (f->strikes_asked, c->strike);
  if (f->drop_on_fifth && f->options_asked == 5)
    {
      ib_test_server_close (server);
      return;
    }
  if (f->no_options)
    {
      ib_test_server_send_error (server, md->req_id, 200,
                                 "No security definition has been found for the request");
      return;
    }
  if (f->silent_puts && put)
    return;
  if (delayed)
    {
      /* Delayed lines here carry neither greeks nor open interest: the
       * client waits out its gather time and keeps what came. */
      m.id = AU_IB_IN_MARKET_DATA_TYPE;
      m.u.market_data_type = (AuIbMarketDataType) { md->req_id, 3 };
      ib_test_server_send (server, &m);
      send_price (server, md->req_id, 66, 1.20);
      send_price (server, md->req_id, 67, 1.30);
      send_size (server, md->req_id, 74, 321);
      return;
    }
  if (g_strcmp0 (c->last_trade_date, "20261204") == 0 && put && c->strike == 210)
    {
      ib_test_server_send_error (server, md->req_id, 200,
                                 "No security definition has been found for the request");
      return;
    }
  /* The 1-day 180 call has a bid and no ask: one-sided, left out. */
  send_price (server, md->req_id, 1, 2.40);
  if (!(g_strcmp0 (c->last_trade_date, "20261202") == 0 && !put && c->strike == 180))
    send_price (server, md->req_id, 2, 2.50);
  send_size (server, md->req_id, 8, 1234);
  /* Generic tick 101 on an option's line: IB may send both rights'
   * ticks; a call's open interest is 27, a put's 28 (§8.1). Ten
   * contracts a dollar of strike, the other right's a tenth of it. */
  send_size (server, md->req_id, put ? 27 : 28, c->strike);
  send_size (server, md->req_id, put ? 28 : 27, c->strike * 10);
  m.u.tick_option_computation = (AuIbTickOptionComputation) {
    md->req_id, 13, 0, 0.25, scripted_delta (c->strike, c->right), 2.45, 0.0, 0.031,
    0.21, -0.07, 189.55 };
  ib_test_server_send (server, &m);
  /* A streaming line: no TICK_SNAPSHOT_END, the client cancels it. */
}

static void
answer_mkt_data (Fixture           *f,
                 IbTestServer      *server,
                 const AuIbRequest *req)
{
  const AuIbReqMktData *md = &req->u.mkt_data;
  gboolean delayed = ib_test_server_count (server, AU_IB_OUT_REQ_MARKET_DATA_TYPE, 0) > 0;

  /* Generic ticks are refused on snapshots (§8.2): an option's open
   * interest comes on a streaming line, the spot on a snapshot. */
  if (g_strcmp0 (md->contract.sec_type, "OPT") == 0)
    {
      g_assert_false (md->snapshot);
      g_assert_cmpstr (md->generic_ticks, ==, "101");
    }
  else
    {
      g_assert_true (md->snapshot);
      g_assert_cmpstr (md->generic_ticks, ==, "");
    }
  if (f->refuse_live && !delayed)
    {
      ib_test_server_send_error (server, md->req_id, 354,
                                 "Requested market data is not subscribed.");
      return;
    }
  if (g_strcmp0 (md->contract.sec_type, "OPT") == 0)
    {
      answer_option (f, server, md, delayed);
      return;
    }
  send_price (server, md->req_id, delayed ? 66 : 1, SPOT_BID);
  send_price (server, md->req_id, delayed ? 67 : 2, SPOT_ASK);
  send_end (server, AU_IB_IN_TICK_SNAPSHOT_END, md->req_id);
}

static void
answer_params (Fixture      *f,
               IbTestServer *server,
               int           req_id)
{
  AuIbIncoming m = { .id = AU_IB_IN_SEC_DEF_OPT_PARAMS };
  double strikes[81];
  guint n = f->dense ? G_N_ELEMENTS (strikes) : G_N_ELEMENTS (sparse_strikes);

  for (guint i = 0; i < n; i++)
    strikes[i] = f->dense ? 150 + i : sparse_strikes[i];
  m.u.sec_def_opt_params = (AuIbSecDefOptParams) {
    req_id, "SMART", 265598, "AAPL", "100", expiries, G_N_ELEMENTS (expiries), strikes, n };
  ib_test_server_send (server, &m);
  send_end (server, AU_IB_IN_SEC_DEF_OPT_PARAMS_END, req_id);
}

static gboolean
script (IbTestServer      *server,
        const AuIbRequest *req,
        gpointer           data)
{
  Fixture *f = data;

  switch ((int) req->id)
    {
    case AU_IB_OUT_REQ_MKT_DATA:
      answer_mkt_data (f, server, req);
      return TRUE;
    case AU_IB_OUT_REQ_CONTRACT_DATA:
      {
        AuIbIncoming m = { .id = AU_IB_IN_CONTRACT_DATA };

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
      }
    case AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS:
      answer_params (f, server, req->u.sec_def_opt_params.req_id);
      return TRUE;
    default:
      return FALSE;
    }
}

static GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

#define STRIKE(dollars) ((AuPrice) ((dollars) * AU_PRICE_SCALE))

/* The recorded request of @id whose payload holds @needle. */
static const IbRecorded *
find_request (IbTestServer *server,
              AuIbOutId     id,
              const char   *needle,
              gsize         needle_len)
{
  GPtrArray *log = ib_test_server_get_log (server);

  for (guint i = 0; i < log->len; i++)
    {
      const IbRecorded *r = g_ptr_array_index (log, i);
      gsize len;
      const char *data = g_bytes_get_data (r->payload, &len);

      if (r->id == id && memmem (data, len, needle, needle_len) != NULL)
        return r;
    }
  return NULL;
}

/* A recorded CANCEL_MKT_DATA of @ticker, or NULL. */
static const IbRecorded *
find_cancel (IbTestServer *server,
             int           ticker)
{
  GPtrArray *log = ib_test_server_get_log (server);

  for (guint i = 0; i < log->len; i++)
    {
      const IbRecorded *r = g_ptr_array_index (log, i);

      if (r->id == AU_IB_OUT_CANCEL_MKT_DATA && r->req_id == ticker)
        return r;
    }
  return NULL;
}

/* Tests */

/* 1 to 3 days: two expiries; ±15% of 189.55 keeps 170 … 210 (nine
 * strikes): 36 series, of which one does not exist (error 200) and one
 * has no ask. */
static void
test_live_chain (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  const AuSleeveRules *rev;
  GArray *chain_expiries;
  GDate dec2 = ymd (2026, 12, 2), dec4 = ymd (2026, 12, 4);
  const AuOptionQuote *q;
  gint64 as_of;

  g_assert_no_error (error);
  connect_ok (f);
  chain = get_chain (f, 1, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chain);

  g_assert_cmpuint (f->options_asked, ==, 36);
  for (guint i = 0; i < f->strikes_asked->len; i++)
    {
      double strike = g_array_index (f->strikes_asked, double, i);

      g_assert_cmpfloat (strike, >=, 170);
      g_assert_cmpfloat (strike, <=, 210);
    }
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, 34);
  g_assert_nonnull (notice_with (f, "2 of the 36 AAPL option series returned no quote"));
  g_assert_null (notice_with (f, "computed no greeks"));

  g_assert_cmpstr (au_option_chain_get_symbol (chain), ==, "AAPL");
  g_assert_cmpint (au_option_chain_get_style (chain), ==, AU_OPTION_AMERICAN);
  g_assert_cmpfloat_with_epsilon (au_option_chain_get_spot (chain), 189.55, 1e-9);
  g_assert_true (isnan (au_option_chain_get_vix (chain)));
  g_assert_cmpfloat (au_option_chain_get_rate (chain), ==, 0.0);
  g_assert_false (au_option_chain_get_delayed (chain));
  /* The gateway's clock (D4), not the machine's. */
  as_of = g_date_time_to_unix (au_option_chain_get_as_of (chain));
  g_assert_cmpint (as_of, >=, 1796137200);
  g_assert_cmpint (as_of, <, 1796137200 + 10);

  chain_expiries = au_option_chain_get_expiries (chain);
  g_assert_cmpuint (chain_expiries->len, ==, 2);
  g_assert_cmpint (g_date_compare (&g_array_index (chain_expiries, GDate, 0), &dec2), ==, 0);
  g_assert_cmpint (g_date_compare (&g_array_index (chain_expiries, GDate, 1), &dec4), ==, 0);

  /* The chain's order: expiry, calls first, strike. */
  q = au_option_chain_get_quote (chain, 0);
  g_assert_cmpint (g_date_compare (&q->expiry, &dec2), ==, 0);
  g_assert_cmpint (q->right, ==, AU_OPTION_CALL);
  g_assert_cmpint (q->strike, ==, STRIKE (170));
  g_assert_null (au_option_chain_find (chain, &dec2, AU_OPTION_CALL, STRIKE (180)));
  g_assert_null (au_option_chain_find (chain, &dec4, AU_OPTION_PUT, STRIKE (210)));
  g_assert_nonnull (au_option_chain_find (chain, &dec4, AU_OPTION_CALL, STRIKE (210)));
  g_assert_null (au_option_chain_find (chain, &dec4, AU_OPTION_PUT, STRIKE (160)));

  q = au_option_chain_find (chain, &dec4, AU_OPTION_PUT, STRIKE (187.5));
  g_assert_nonnull (q);
  g_assert_cmpint (q->dte, ==, 3);
  g_assert_cmpint (q->bid, ==, 24000);
  g_assert_cmpint (q->ask, ==, 25000);
  g_assert_cmpfloat_with_epsilon (q->iv, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (q->delta, 0.5 - 0.02 * (187.5 - 189.55) - 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (q->gamma, 0.031, 1e-12);
  /* IB's vega 0.21 a vol point is 21 a unit of vol, the chain's unit. */
  g_assert_cmpfloat_with_epsilon (q->vega, 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (q->theta_day, -0.07, 1e-12);
  g_assert_cmpfloat_with_epsilon (q->theo, 2.45, 1e-12);
  g_assert_cmpint (q->volume, ==, 1234);
  /* Tick 28 (the put's), not 27 (a call's) on the same line (R8.1). */
  g_assert_cmpint (q->open_interest, ==, 1875);
  q = au_option_chain_find (chain, &dec4, AU_OPTION_CALL, STRIKE (190));
  g_assert_nonnull (q);
  g_assert_cmpint (q->open_interest, ==, 1900);
  g_assert_cmpint (q->as_of, >=, 1796137200);

  /* R3.2: Rev's puts at 0.30–0.35 delta; the scripted puts are
   * 0.02 a dollar apart: 180 (|Δ| 0.309) is the only one in the band. */
  rev = au_constitution_get_sleeve (constitution, AU_SLEEVE_REV);
  q = au_option_chain_find_delta (chain, &dec4, AU_OPTION_PUT, rev->delta_min, rev->delta_max);
  g_assert_nonnull (q);
  g_assert_cmpint (q->strike, ==, STRIKE (180));

  /* Every line is cancelled but the one IB refused (error 200): 35;
   * the pacer may still hold the last cancel when the chain is done. */
  IB_WAIT_UNTIL (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_MKT_DATA, 0) >= 35, 2000);

  /* The wire, exactly (§6.9): REQ_MKT_DATA v11 with generic tick list
   * "101", snapshot 0, regulatory snapshot 0; then CANCEL_MKT_DATA v2
   * of the same ticker once the line gave bid, ask, greeks and OI. */
  {
    static const char series[] = "AAPL\0OPT\0" "20261204\0" "187.5\0P\0";
    const IbRecorded *req = find_request (f->server, AU_IB_OUT_REQ_MKT_DATA, series,
                                          sizeof series - 1);
    const IbRecorded *cancel;
    g_autofree char *expected = NULL;
    gsize expected_len, len;
    const char *got;

    g_assert_nonnull (req);
    expected = g_strdup_printf ("1|11|%d|0|AAPL|OPT|20261204|187.5|P|100|SMART||USD|||0|101|0|0||",
                                req->req_id);
    expected_len = strlen (expected);
    g_strdelimit (expected, "|", '\0');
    got = g_bytes_get_data (req->payload, &len);
    g_assert_cmpmem (got, len, expected, expected_len);

    cancel = find_cancel (f->server, req->req_id);
    g_assert_nonnull (cancel);
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("2|2|%d|", req->req_id);
    expected_len = strlen (expected);
    g_strdelimit (expected, "|", '\0');
    got = g_bytes_get_data (cancel->payload, &len);
    g_assert_cmpmem (got, len, expected, expected_len);
  }
  g_assert_cmpuint (ib_test_server_count (f->server, AU_IB_OUT_CANCEL_MKT_DATA, 0), ==, 35);
}

/* No live subscription: IB's 354, the client asks for delayed data and
 * asks again; delayed snapshots here carry no option computation. */
static void
test_delayed_without_greeks (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  GDate dec4 = ymd (2026, 12, 4);
  const AuOptionQuote *q;
  const char *notice;

  f->refuse_live = TRUE;
  connect_ok (f);
  chain = get_chain (f, 2, 3, &error);
  g_assert_no_error (error);
  g_assert_true (au_option_chain_get_delayed (chain));
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, 18);
  g_assert_cmpuint (au_option_chain_get_expiries (chain)->len, ==, 1);

  q = au_option_chain_find (chain, &dec4, AU_OPTION_CALL, STRIKE (190));
  g_assert_nonnull (q);
  g_assert_cmpint (q->bid, ==, 12000);
  g_assert_cmpint (q->ask, ==, 13000);
  g_assert_cmpint (q->volume, ==, 321);
  g_assert_true (isnan (q->delta));
  g_assert_true (isnan (q->iv));
  g_assert_true (isnan (q->vega));
  g_assert_null (au_option_chain_find_delta (chain, &dec4, AU_OPTION_CALL, 0.0, 1.0));

  notice = notice_with (f, "computed no greeks for 18 of the 18");
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "delayed"));
  g_assert_nonnull (notice_with (f, "delayed market data"));
}

/* Strikes every dollar: ±15% holds 162 … 217, and the 40 nearest
 * 189.55 are 170 … 209. */
static void
test_nearest_forty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  GDate dec2 = ymd (2026, 12, 2);

  f->dense = TRUE;
  connect_ok (f);
  chain = get_chain (f, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->options_asked, ==, 80);
  /* All but the one-sided 180 call. */
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, 79);
  g_assert_nonnull (au_option_chain_find (chain, &dec2, AU_OPTION_PUT, STRIKE (170)));
  g_assert_nonnull (au_option_chain_find (chain, &dec2, AU_OPTION_PUT, STRIKE (209)));
  g_assert_null (au_option_chain_find (chain, &dec2, AU_OPTION_PUT, STRIKE (169)));
  g_assert_null (au_option_chain_find (chain, &dec2, AU_OPTION_PUT, STRIKE (210)));
}

/* Puts never answered: each line waits out its gather time (capped by
 * the request timeout, here 300 ms) and is left out; the chain comes
 * back with the calls. */
static void
test_unanswered_series (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = NULL;
  GDate dec4 = ymd (2026, 12, 4);
  gint64 start, took;

  f->silent_puts = TRUE;
  au_ib_client_set_timeouts (f->client, 3000, 50, 300);
  connect_ok (f);
  start = g_get_monotonic_time ();
  chain = get_chain (f, 2, 3, &error);
  took = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (au_option_chain_get_n_quotes (chain), ==, 9);
  g_assert_nonnull (au_option_chain_find (chain, &dec4, AU_OPTION_CALL, STRIKE (190)));
  g_assert_null (au_option_chain_find (chain, &dec4, AU_OPTION_PUT, STRIKE (190)));
  g_assert_nonnull (notice_with (f, "9 of the 18 AAPL option series returned no quote"));
  g_assert_cmpint (took, >=, 300 * 1000);
  g_assert_cmpint (took, <, 3 * G_USEC_PER_SEC);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOptionChain *chain;

  /* Not connected. */
  chain = get_chain (f, 0, 10, &error);
  g_assert_null (chain);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  connect_ok (f);
  chain = get_chain (f, 11, 10, &error);
  g_assert_null (chain);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "min_dte"));
  g_clear_error (&error);

  /* 11 … 44 days: no expiry (10 and 45 are just outside). */
  chain = get_chain (f, 11, 44, &error);
  g_assert_null (chain);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "no AAPL option expiry from 11 to 44 days"));
  g_assert_cmpuint (f->options_asked, ==, 0);
  g_clear_error (&error);

  /* Every series unknown to IB: no data, never an empty chain (R8.7). */
  f->no_options = TRUE;
  chain = get_chain (f, 45, 45, &error);
  g_assert_null (chain);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "no quote for any of the 18 AAPL"));
  g_assert_cmpuint (f->options_asked, ==, 18);
}

/* The gateway goes away mid-chain: the chain fails as not connected,
 * never a chain of the series that happened to answer first. */
static void
test_connection_lost (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AuOptionChain *chain;

  f->drop_on_fifth = TRUE;
  connect_ok (f);
  chain = get_chain (f, 2, 3, &error);
  g_assert_null (chain);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED);
  g_assert_cmpuint (f->options_asked, >=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/ib/chain/live", test_live_chain);
  ADD ("/ib/chain/delayed-without-greeks", test_delayed_without_greeks);
  ADD ("/ib/chain/nearest-forty", test_nearest_forty);
  ADD ("/ib/chain/unanswered-series", test_unanswered_series);
  ADD ("/ib/chain/errors", test_errors);
  ADD ("/ib/chain/connection-lost", test_connection_lost);
#undef ADD

  return g_test_run ();
}

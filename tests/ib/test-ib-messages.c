/* test-ib-messages.c: TWS API messages at server version 176 (tws-protocol.md §2.5, §6, §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-ib-frame.h"
#include "au-ib-messages.h"

#define DMAX_PY   "1.7976931348623157e+308"
#define DMAX_JAVA "1.7976931348623157E308"

/* Fields of one encoded frame (after the 4-byte length). */
static GPtrArray *
split_frame (GByteArray *frame)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  guint32 be;
  const char *p;
  const char *end;

  g_assert_cmpuint (frame->len, >=, 4);
  memcpy (&be, frame->data, 4);
  g_assert_cmpuint (GUINT32_FROM_BE (be), ==, frame->len - 4);
  p = (const char *) frame->data + 4;
  end = (const char *) frame->data + frame->len;
  g_assert_true (p == end || end[-1] == '\0');
  while (p < end)
    {
      g_ptr_array_add (fields, g_strdup (p));
      p += strlen (p) + 1;
    }
  return fields;
}

static void
assert_field (GPtrArray  *fields,
              guint       index,
              const char *expected)
{
  g_assert_cmpuint (index, <, fields->len);
  if (g_strcmp0 (g_ptr_array_index (fields, index), expected) != 0)
    g_error ("field %u is \"%s\", expected \"%s\"", index,
             (const char *) g_ptr_array_index (fields, index), expected);
}

/* Payload (NUL after every field) from a list of fields. */
static char *
payload_from_fields (GPtrArray *fields,
                     gsize     *len)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    g_string_append_len (s, g_ptr_array_index (fields, i),
                         strlen (g_ptr_array_index (fields, i)) + 1);
  *len = s->len;
  return g_string_free (s, FALSE);
}

static char *
payload_copy (GByteArray *frame,
              gsize      *len)
{
  *len = frame->len - 4;
  return g_memdup2 (frame->data + 4, MAX (*len, 1));
}

/* Encode @in, check the field count (after the id), decode it again and
 * re-encode the result: the bytes must come back identical. The decoded
 * message's strings point into *@payload (caller frees). */
static GByteArray *
roundtrip_in (const AuIbIncoming *in,
              guint               n_after_id,
              AuIbIncoming       *out,
              char              **payload)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr(GByteArray) again = g_byte_array_new ();
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (au_ib_incoming_encode (in, bytes, &error));
  g_assert_no_error (error);
  fields = split_frame (bytes);
  g_assert_cmpuint (fields->len, ==, n_after_id + 1);

  *payload = payload_copy (bytes, &len);
  g_assert_true (au_ib_incoming_decode (*payload, len, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out->id, ==, in->id);
  g_assert_true (au_ib_incoming_encode (out, again, &error));
  g_assert_cmpmem (again->data, again->len, bytes->data, bytes->len);
  return bytes;
}

static GByteArray *
roundtrip_out (const AuIbRequest *in,
               guint              n_total,
               AuIbRequest       *out,
               char             **payload)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr(GByteArray) again = g_byte_array_new ();
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (au_ib_request_encode (in, bytes, &error));
  g_assert_no_error (error);
  fields = split_frame (bytes);
  g_assert_cmpuint (fields->len, ==, n_total);

  *payload = payload_copy (bytes, &len);
  g_assert_true (au_ib_request_decode (*payload, len, out, &error));
  g_assert_no_error (error);
  g_assert_cmpint (out->id, ==, in->id);
  g_assert_true (au_ib_request_encode (out, again, &error));
  g_assert_cmpmem (again->data, again->len, bytes->data, bytes->len);
  return bytes;
}

/* §2.5 worked examples, exact bytes */

static void
test_worked_examples (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  AuIbRequest req = { 0 };
  AuIbIncoming in = { 0 };

  req.id = AU_IB_OUT_START_API;
  req.u.start_api.client_id = 7;
  g_assert_true (au_ib_request_encode (&req, out, NULL));
  g_assert_cmpmem (out->data, out->len,
                   "\x00\x00\x00\x08" "71\0" "2\0" "7\0" "", 12);

  g_byte_array_set_size (out, 0);
  req.id = AU_IB_OUT_REQ_CURRENT_TIME;
  g_assert_true (au_ib_request_encode (&req, out, NULL));
  g_assert_cmpmem (out->data, out->len, "\x00\x00\x00\x05" "49\0" "1", 9);

  g_byte_array_set_size (out, 0);
  in.id = AU_IB_IN_CURRENT_TIME;
  in.u.current_time.time = 1745609034;
  g_assert_true (au_ib_incoming_encode (&in, out, NULL));
  g_assert_cmpmem (out->data, out->len, "\x00\x00\x00\x10" "49\0" "1\0" "1745609034", 20);

  g_byte_array_set_size (out, 0);
  in.id = AU_IB_IN_NEXT_VALID_ID;
  in.u.next_valid_id.order_id = 1;
  g_assert_true (au_ib_incoming_encode (&in, out, NULL));
  g_assert_cmpmem (out->data, out->len, "\x00\x00\x00\x06" "9\0" "1\0" "1", 10);

  g_byte_array_set_size (out, 0);
  memset (&in, 0, sizeof in);
  in.id = AU_IB_IN_ERR_MSG;
  in.u.err_msg.id = -1;
  in.u.err_msg.code = 2104;
  in.u.err_msg.message = "Market data farm connection is OK:usfarm";
  g_assert_true (au_ib_incoming_encode (&in, out, NULL));
  g_assert_cmpmem (out->data, out->len,
                   "\x00\x00\x00\x36" "4\0" "2\0" "-1\0" "2104\0"
                   "Market data farm connection is OK:usfarm\0" "", 58);
}

static void
test_decode_worked_examples (void)
{
  char current_time[] = "49\0" "1\0" "1745609034";
  char next_id[] = "9\0" "1\0" "1";
  char err[] = "4\0" "2\0" "-1\0" "2104\0" "Market data farm connection is OK:usfarm\0" "";
  AuIbIncoming m;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_incoming_decode (current_time, sizeof current_time, &m, &error));
  g_assert_cmpint (m.id, ==, AU_IB_IN_CURRENT_TIME);
  g_assert_cmpint (m.u.current_time.time, ==, 1745609034);

  g_assert_true (au_ib_incoming_decode (next_id, sizeof next_id, &m, &error));
  g_assert_cmpint (m.id, ==, AU_IB_IN_NEXT_VALID_ID);
  g_assert_cmpint (m.u.next_valid_id.order_id, ==, 1);

  g_assert_true (au_ib_incoming_decode (err, sizeof err, &m, &error));
  g_assert_no_error (error);
  g_assert_cmpint (m.id, ==, AU_IB_IN_ERR_MSG);
  g_assert_cmpint (m.u.err_msg.id, ==, -1);
  g_assert_cmpint (m.u.err_msg.code, ==, 2104);
  g_assert_cmpstr (m.u.err_msg.message, ==, "Market data farm connection is OK:usfarm");
  g_assert_cmpstr (m.u.err_msg.advanced_order_reject_json, ==, "");
}

/* §7.12: the rust-ibapi fixture 3|13|PreSubmitted|0|100|0.0|1376327563|0|0.0|100||0.0| */
static void
test_order_status_fixture (void)
{
  char payload[] = "3\0" "13\0" "PreSubmitted\0" "0\0" "100\0" "0.0\0" "1376327563\0" "0\0"
                   "0.0\0" "100\0" "\0" "0.0";
  AuIbIncoming m;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
  g_assert_no_error (error);
  g_assert_cmpint (m.u.order_status.order_id, ==, 13);
  g_assert_cmpstr (m.u.order_status.status, ==, "PreSubmitted");
  g_assert_cmpfloat (m.u.order_status.filled, ==, 0);
  g_assert_cmpfloat (m.u.order_status.remaining, ==, 100);
  g_assert_cmpint (m.u.order_status.perm_id, ==, 1376327563);
  g_assert_cmpint (m.u.order_status.client_id, ==, 100);
  g_assert_cmpstr (m.u.order_status.why_held, ==, "");
}

static void
option_contract (AuIbContract *c)
{
  au_ib_contract_init (c);
  c->symbol = "AAPL";
  c->sec_type = "OPT";
  c->last_trade_date = "20260116";
  c->strike = 200;
  c->right = "P";
  c->multiplier = "100";
  c->exchange = "SMART";
  c->currency = "USD";
  c->trading_class = "AAPL";
}

/* §6.13: SELL 1 AAPL 20260116 200 P LMT 2.35 DAY, every one of the 115
 * fields as IB's Python client sends them (strike as C++ "%.10g": 200). */
static void
test_place_order_layout (void)
{
  static const char * const expected[115] = {
    "3", "42", "0", "AAPL", "OPT", "20260116", "200", "P", "100", "SMART",              /* 0 */
    "", "USD", "", "AAPL", "", "", "SELL", "1", "LMT", "2.35",                            /* 10 */
    "", "DAY", "", "", "", "0", "", "1", "0", "0",                                        /* 20 */
    "0", "0", "0", "0", "0", "", "0", "", "", "",                                         /* 30 */
    "", "", "", "", "0", "", "-1", "0", "", "",                                           /* 40 */
    "0", "", "", "0", "0", "", "0", "", "", "",                                           /* 50 */
    "", "", "0", "", "", "", "", "0", "", "",                                             /* 60 */
    "", "", "", "", "", "", "", "", "0", "",                                              /* 70 */
    "", "0", "0", "", "", "0", "", "0", "0", "0",                                         /* 80 */
    "0", "", DMAX_PY, DMAX_PY, DMAX_PY, DMAX_PY, DMAX_PY, "0", "", "",                    /* 90 */
    "", DMAX_PY, "", "", "", "", "0", "0", "0", "",                                       /* 100 */
    "2147483647", "2147483647", "0", "", "",                                              /* 110 */
  };
  AuIbRequest req = { 0 };
  AuIbRequest back;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *payload = NULL;
  AuIbPlaceOrder *o = &req.u.place_order;

  req.id = AU_IB_OUT_PLACE_ORDER;
  au_ib_place_order_init (o);
  o->order_id = 42;
  option_contract (&o->contract);
  o->action = "SELL";
  o->total_quantity = 1;
  o->lmt_price = 2.35;

  bytes = roundtrip_out (&req, 115, &back, &payload);
  fields = split_frame (bytes);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_field (fields, i, expected[i]);

  g_assert_cmpint (back.u.place_order.order_id, ==, 42);
  g_assert_cmpstr (back.u.place_order.contract.symbol, ==, "AAPL");
  g_assert_cmpfloat (back.u.place_order.contract.strike, ==, 200);
  g_assert_cmpfloat (back.u.place_order.lmt_price, ==, 2.35);
  g_assert_cmpfloat (back.u.place_order.aux_price, ==, AU_IB_UNSET_DOUBLE);
  g_assert_cmpfloat (back.u.place_order.total_quantity, ==, 1);
  g_assert_true (back.u.place_order.transmit);
}

/* A stock order: strike and right empty; the order reference carries
 * our client order id; account, GTD and what-if land in their fields. */
static void
test_place_order_stock (void)
{
  AuIbRequest req = { 0 };
  AuIbRequest back;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *payload = NULL;
  AuIbPlaceOrder *o = &req.u.place_order;

  req.id = AU_IB_OUT_PLACE_ORDER;
  au_ib_place_order_init (o);
  o->order_id = 1001;
  o->contract.symbol = "SPY";
  o->contract.sec_type = "STK";
  o->contract.exchange = "SMART";
  o->contract.primary_exchange = "ARCA";
  o->contract.currency = "USD";
  o->action = "BUY";
  o->total_quantity = 100;
  o->lmt_price = 450.25;
  o->tif = "GTD";
  o->good_till_date = "20260116 16:00:00 US/Eastern";
  o->account = "DU1234567";
  o->order_ref = "au:7f3c9a2e-0001";
  o->what_if = TRUE;

  bytes = roundtrip_out (&req, 115, &back, &payload);
  fields = split_frame (bytes);
  assert_field (fields, 4, "STK");
  assert_field (fields, 6, "");
  assert_field (fields, 7, "");
  assert_field (fields, 10, "ARCA");
  assert_field (fields, 17, "100");
  assert_field (fields, 19, "450.25");
  assert_field (fields, 21, "GTD");
  assert_field (fields, 23, "DU1234567");
  assert_field (fields, 26, "au:7f3c9a2e-0001");
  assert_field (fields, 38, "20260116 16:00:00 US/Eastern");
  assert_field (fields, 85, "1");
  g_assert_cmpfloat (back.u.place_order.contract.strike, ==, AU_IB_UNSET_DOUBLE);
  g_assert_cmpstr (back.u.place_order.order_ref, ==, "au:7f3c9a2e-0001");
  g_assert_true (back.u.place_order.what_if);
}

static void
test_place_order_refused (void)
{
  static const char * const order_types[] = { "PEG BENCH", "PEG BEST", "PEG MID" };
  AuIbRequest req = { 0 };
  g_autoptr(GByteArray) out = g_byte_array_new ();

  req.id = AU_IB_OUT_PLACE_ORDER;
  au_ib_place_order_init (&req.u.place_order);
  option_contract (&req.u.place_order.contract);
  req.u.place_order.action = "SELL";
  req.u.place_order.total_quantity = 1;
  req.u.place_order.lmt_price = 2.35;
  {
    g_autoptr(GError) error = NULL;

    req.u.place_order.contract.sec_type = "BAG";
    g_assert_false (au_ib_request_encode (&req, out, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNSUPPORTED);
    req.u.place_order.contract.sec_type = "OPT";
  }
  for (gsize i = 0; i < G_N_ELEMENTS (order_types); i++)
    {
      g_autoptr(GError) error = NULL;

      req.u.place_order.order_type = order_types[i];
      g_assert_false (au_ib_request_encode (&req, out, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNSUPPORTED);
    }
  {
    /* A symbol IB would refuse (error 579) is refused here, by name. */
    g_autoptr(GError) error = NULL;

    req.u.place_order.order_type = "LMT";
    req.u.place_order.contract.symbol = "AAPL\xc3\xa9";
    g_assert_false (au_ib_request_encode (&req, out, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_INVALID_STRING);
    g_assert_nonnull (strstr (error->message, "contract.symbol"));
  }
  g_assert_cmpuint (out->len, ==, 0);
}

/* Round trips of every request with the field counts of §6/§11. */
static void
test_requests_roundtrip (void)
{
  AuIbRequest r[23];
  guint counts[23];
  guint n = 0;

  memset (r, 0, sizeof r);
#define NEXT(id_, count_) (r[n].id = (id_), counts[n] = (count_), &r[n++].u)
  NEXT (AU_IB_OUT_START_API, 4)->start_api.client_id = 7;
  NEXT (AU_IB_OUT_REQ_CURRENT_TIME, 2);
  NEXT (AU_IB_OUT_REQ_IDS, 3)->req_ids.num_ids = -1;
  NEXT (AU_IB_OUT_REQ_MANAGED_ACCTS, 2);
  {
    AuIbReqAccountSummary *a = &NEXT (AU_IB_OUT_REQ_ACCOUNT_SUMMARY, 5)->account_summary;

    a->req_id = 9001;
    a->group = "All";
    a->tags = "NetLiquidation,TotalCashValue,BuyingPower";
  }
  NEXT (AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY, 3)->cancel.req_id = 9001;
  NEXT (AU_IB_OUT_REQ_POSITIONS, 2);
  NEXT (AU_IB_OUT_CANCEL_POSITIONS, 2);
  {
    AuIbReqAcctData *a = &NEXT (AU_IB_OUT_REQ_ACCT_DATA, 4)->acct_data;

    a->subscribe = TRUE;
    a->account = "DU1234567";
  }
  NEXT (AU_IB_OUT_REQ_MARKET_DATA_TYPE, 3)->market_data_type.market_data_type = 3;
  {
    AuIbReqMktData *m = &NEXT (AU_IB_OUT_REQ_MKT_DATA, 20)->mkt_data;

    m->req_id = 1001;
    au_ib_contract_init (&m->contract);
    m->contract.symbol = "AAPL";
    m->contract.sec_type = "STK";
    m->contract.exchange = "SMART";
    m->contract.primary_exchange = "NASDAQ";
    m->contract.currency = "USD";
    m->generic_ticks = "100,101,106";
  }
  NEXT (AU_IB_OUT_CANCEL_MKT_DATA, 3)->cancel.req_id = 1001;
  {
    AuIbReqContractData *c = &NEXT (AU_IB_OUT_REQ_CONTRACT_DATA, 19)->contract_data;

    c->req_id = 2001;
    option_contract (&c->contract);
  }
  {
    AuIbReqSecDefOptParams *s = &NEXT (AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS, 6)->sec_def_opt_params;

    s->req_id = 3001;
    s->underlying_symbol = "AAPL";
    s->underlying_sec_type = "STK";
    s->underlying_con_id = 265598;
  }
  {
    AuIbReqHistoricalData *h = &NEXT (AU_IB_OUT_REQ_HISTORICAL_DATA, 23)->historical_data;

    h->req_id = 4001;
    au_ib_contract_init (&h->contract);
    h->contract.symbol = "AAPL";
    h->contract.sec_type = "STK";
    h->contract.exchange = "SMART";
    h->contract.primary_exchange = "NASDAQ";
    h->contract.currency = "USD";
    h->bar_size = "1 day";
    h->duration = "30 D";
    h->use_rth = TRUE;
    h->what_to_show = "TRADES";
    h->format_date = 1;
  }
  NEXT (AU_IB_OUT_CANCEL_HISTORICAL_DATA, 3)->cancel.req_id = 4001;
  {
    AuIbCancelOrder *c = &NEXT (AU_IB_OUT_CANCEL_ORDER, 4)->cancel_order;

    c->order_id = 42;
  }
  NEXT (AU_IB_OUT_REQ_OPEN_ORDERS, 2);
  NEXT (AU_IB_OUT_REQ_ALL_OPEN_ORDERS, 2);
  NEXT (AU_IB_OUT_REQ_COMPLETED_ORDERS, 2)->completed_orders.api_only = TRUE;
  {
    AuIbReqExecutions *e = &NEXT (AU_IB_OUT_REQ_EXECUTIONS, 10)->executions;

    e->req_id = 5001;
    e->time = "20260105 09:30:00";
  }
  NEXT (AU_IB_OUT_REQ_GLOBAL_CANCEL, 2);
#undef NEXT

  for (guint i = 0; i < n; i++)
    {
      AuIbRequest back;
      g_autofree char *payload = NULL;
      g_autoptr(GByteArray) bytes = roundtrip_out (&r[i], counts[i], &back, &payload);
      g_autoptr(GPtrArray) fields = split_frame (bytes);
      g_autofree char *id = g_strdup_printf ("%d", r[i].id);

      g_test_message ("%s: %u fields", au_ib_out_name (r[i].id), fields->len);
      assert_field (fields, 0, id);
      switch (r[i].id)
        {
        case AU_IB_OUT_REQ_MKT_DATA:
          assert_field (fields, 2, "1001");
          assert_field (fields, 7, "");        /* strike unset for a stock */
          assert_field (fields, 11, "NASDAQ");
          assert_field (fields, 16, "100,101,106");
          g_assert_cmpstr (back.u.mkt_data.generic_ticks, ==, "100,101,106");
          break;
        case AU_IB_OUT_REQ_CONTRACT_DATA:
          assert_field (fields, 1, "8");
          assert_field (fields, 7, "200");
          assert_field (fields, 14, "AAPL");
          break;
        case AU_IB_OUT_REQ_HISTORICAL_DATA:
          /* Wire order: barSize (16) before duration (17), §6.12. */
          assert_field (fields, 16, "1 day");
          assert_field (fields, 17, "30 D");
          assert_field (fields, 18, "1");
          assert_field (fields, 19, "TRADES");
          g_assert_cmpstr (back.u.historical_data.duration, ==, "30 D");
          break;
        case AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS:
          assert_field (fields, 1, "3001");
          assert_field (fields, 5, "265598");
          g_assert_cmpint (back.u.sec_def_opt_params.underlying_con_id, ==, 265598);
          break;
        case AU_IB_OUT_REQ_EXECUTIONS:
          assert_field (fields, 1, "3");
          assert_field (fields, 5, "20260105 09:30:00");
          break;
        case AU_IB_OUT_REQ_ACCOUNT_SUMMARY:
          assert_field (fields, 4, "NetLiquidation,TotalCashValue,BuyingPower");
          g_assert_cmpint (back.u.account_summary.req_id, ==, 9001);
          break;
        case AU_IB_OUT_REQ_IDS:
          assert_field (fields, 2, "-1");
          break;
        case AU_IB_OUT_CANCEL_MKT_DATA:
          assert_field (fields, 1, "2");
          break;
        case AU_IB_OUT_PLACE_ORDER:
        case AU_IB_OUT_CANCEL_ORDER:
        case AU_IB_OUT_REQ_OPEN_ORDERS:
        case AU_IB_OUT_REQ_ACCT_DATA:
        case AU_IB_OUT_REQ_CURRENT_TIME:
        case AU_IB_OUT_REQ_ALL_OPEN_ORDERS:
        case AU_IB_OUT_REQ_MANAGED_ACCTS:
        case AU_IB_OUT_CANCEL_HISTORICAL_DATA:
        case AU_IB_OUT_REQ_GLOBAL_CANCEL:
        case AU_IB_OUT_REQ_MARKET_DATA_TYPE:
        case AU_IB_OUT_REQ_POSITIONS:
        case AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY:
        case AU_IB_OUT_CANCEL_POSITIONS:
        case AU_IB_OUT_START_API:
        case AU_IB_OUT_REQ_COMPLETED_ORDERS:
        default:
          break;
        }
    }
}

/* Incoming round trips with the field counts of §7's quick reference. */

static void
test_incoming_simple (void)
{
  AuIbIncoming m[24];
  guint counts[24];
  guint n = 0;

  memset (m, 0, sizeof m);
#define NEXT(id_, count_) (m[n].id = (id_), counts[n] = (count_), &m[n++].u)
  {
    AuIbErrMsg *e = &NEXT (AU_IB_IN_ERR_MSG, 5)->err_msg;

    e->id = 42;
    e->code = 201;
    e->message = "Order rejected - reason: Soci\xc3\xa9t\xc3\xa9 \xe2\x82\xac margin";
    e->advanced_order_reject_json = "{\"rejectReason\":\"margin\"}";
  }
  NEXT (AU_IB_IN_CURRENT_TIME, 2)->current_time.time = 1745609034;
  NEXT (AU_IB_IN_NEXT_VALID_ID, 2)->next_valid_id.order_id = 1;
  NEXT (AU_IB_IN_MANAGED_ACCTS, 2)->managed_accts.accounts = "U123,U456";
  {
    AuIbAccountSummary *a = &NEXT (AU_IB_IN_ACCOUNT_SUMMARY, 6)->account_summary;

    a->req_id = 9001;
    a->account = "DU1234567";
    a->tag = "NetLiquidation";
    a->value = "100000.00";
    a->currency = "USD";
  }
  NEXT (AU_IB_IN_ACCOUNT_SUMMARY_END, 2)->end.req_id = 9001;
  {
    AuIbPosition *p = &NEXT (AU_IB_IN_POSITION_DATA, 15)->position;

    p->account = "DU1234567";
    option_contract (&p->contract);
    p->contract.con_id = 712345678;
    p->contract.exchange = "";
    p->contract.local_symbol = "AAPL  260116P00200000";
    p->position = -1;
    p->avg_cost = 235.5;
  }
  NEXT (AU_IB_IN_POSITION_END, 1);
  {
    AuIbAcctValue *a = &NEXT (AU_IB_IN_ACCT_VALUE, 5)->acct_value;

    a->key = "CashBalance";
    a->value = "25000.50";
    a->currency = "USD";
    a->account = "DU1234567";
  }
  {
    AuIbPortfolioValue *p = &NEXT (AU_IB_IN_PORTFOLIO_VALUE, 19)->portfolio_value;

    option_contract (&p->contract);
    p->contract.con_id = 712345678;
    p->position = -1;
    p->market_price = 1.85;
    p->market_value = -185;
    p->average_cost = 235.5;
    p->unrealized_pnl = 50.5;
    p->realized_pnl = 0;
    p->account = "DU1234567";
  }
  NEXT (AU_IB_IN_ACCT_UPDATE_TIME, 2)->acct_update_time.time_stamp = "15:23";
  NEXT (AU_IB_IN_ACCT_DOWNLOAD_END, 2)->acct_download_end.account = "DU1234567";
  {
    AuIbTickPrice *t = &NEXT (AU_IB_IN_TICK_PRICE, 6)->tick_price;

    t->ticker_id = 1001;
    t->tick_type = 1;
    t->price = 185.5;
    t->size = 300;
    t->attr_mask = 1;
  }
  {
    AuIbTickSize *t = &NEXT (AU_IB_IN_TICK_SIZE, 4)->tick_size;

    t->ticker_id = 1001;
    t->tick_type = 8;
    t->size = 0.5;
  }
  {
    AuIbTickGeneric *t = &NEXT (AU_IB_IN_TICK_GENERIC, 4)->tick_generic;

    t->ticker_id = 1001;
    t->tick_type = 24;
    t->value = 0.2875;
  }
  {
    AuIbTickString *t = &NEXT (AU_IB_IN_TICK_STRING, 4)->tick_string;

    t->ticker_id = 1001;
    t->tick_type = 45;
    t->value = "1745609034";
  }
  {
    AuIbTickOptionComputation *t = &NEXT (AU_IB_IN_TICK_OPTION_COMPUTATION, 11)->tick_option_computation;

    t->ticker_id = 1002;
    t->tick_type = 13;
    t->tick_attrib = 0;
    t->implied_vol = 0.2875;
    t->delta = -0.3;
    t->opt_price = 2.35;
    t->pv_dividend = 0;
    t->gamma = 0.0123;
    t->vega = 0.25;
    t->theta = -0.045;
    t->und_price = 210.5;
  }
  {
    AuIbTickReqParams *t = &NEXT (AU_IB_IN_TICK_REQ_PARAMS, 4)->tick_req_params;

    t->ticker_id = 1001;
    t->min_tick = 0.01;
    t->bbo_exchange = "9c0001";
    t->snapshot_permissions = 3;
  }
  NEXT (AU_IB_IN_TICK_SNAPSHOT_END, 2)->end.req_id = 1002;
  {
    AuIbMarketDataType *t = &NEXT (AU_IB_IN_MARKET_DATA_TYPE, 3)->market_data_type;

    t->req_id = 1001;
    t->market_data_type = 3;
  }
  NEXT (AU_IB_IN_CONTRACT_DATA_END, 2)->end.req_id = 2001;
  NEXT (AU_IB_IN_SEC_DEF_OPT_PARAMS_END, 1)->end.req_id = 3001;
  NEXT (AU_IB_IN_OPEN_ORDER_END, 1);
  NEXT (AU_IB_IN_EXECUTION_DATA_END, 2)->end.req_id = 5001;
#undef NEXT
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (m));

  for (guint i = 0; i < n; i++)
    {
      AuIbIncoming back;
      g_autofree char *payload = NULL;
      g_autoptr(GByteArray) bytes = roundtrip_in (&m[i], counts[i], &back, &payload);
      g_autoptr(GPtrArray) fields = split_frame (bytes);

      switch ((int) back.id)
        {
        case AU_IB_IN_ERR_MSG:
          /* Non-ASCII text travels as \uXXXX and comes back as UTF-8. */
          assert_field (fields, 4, "Order rejected - reason: Soci\\u00E9t\\u00E9 \\u20AC margin");
          g_assert_cmpstr (back.u.err_msg.message, ==, m[i].u.err_msg.message);
          g_assert_cmpint (back.u.err_msg.code, ==, 201);
          break;
        case AU_IB_IN_POSITION_DATA:
          assert_field (fields, 1, "3");
          assert_field (fields, 7, "200");
          assert_field (fields, 14, "-1");
          assert_field (fields, 15, "235.5");
          g_assert_cmpfloat (back.u.position.position, ==, -1);
          g_assert_cmpfloat (back.u.position.avg_cost, ==, 235.5);
          g_assert_cmpstr (back.u.position.contract.local_symbol, ==, "AAPL  260116P00200000");
          break;
        case AU_IB_IN_PORTFOLIO_VALUE:
          assert_field (fields, 1, "8");
          assert_field (fields, 16, "235.5");
          assert_field (fields, 17, "50.5");
          g_assert_cmpfloat (back.u.portfolio_value.unrealized_pnl, ==, 50.5);
          break;
        case AU_IB_IN_TICK_PRICE:
          assert_field (fields, 1, "6");
          assert_field (fields, 4, "185.5");
          assert_field (fields, 5, "300");
          g_assert_cmpfloat (back.u.tick_price.price, ==, 185.5);
          break;
        case AU_IB_IN_TICK_SIZE:
          assert_field (fields, 4, "0.5");
          g_assert_cmpfloat (back.u.tick_size.size, ==, 0.5);
          break;
        case AU_IB_IN_TICK_OPTION_COMPUTATION:
          assert_field (fields, 4, "0.2875");
          assert_field (fields, 5, "-0.3");
          assert_field (fields, 10, "-0.045");
          g_assert_cmpfloat (back.u.tick_option_computation.delta, ==, -0.3);
          g_assert_cmpfloat (back.u.tick_option_computation.und_price, ==, 210.5);
          break;
        case AU_IB_IN_TICK_REQ_PARAMS:
          g_assert_cmpfloat (back.u.tick_req_params.min_tick, ==, 0.01);
          break;
        case AU_IB_IN_MANAGED_ACCTS:
          g_assert_cmpstr (back.u.managed_accts.accounts, ==, "U123,U456");
          break;
        case AU_IB_IN_ACCOUNT_SUMMARY:
          g_assert_cmpstr (back.u.account_summary.value, ==, "100000.00");
          break;
        default:
          break;
        }
      au_ib_incoming_clear (&back);
    }
}

/* §7.7 sentinels come through as the wire says: not computed is -1/-2. */
static void
test_option_computation_sentinels (void)
{
  char payload[] = "21\0" "1002\0" "13\0" "0\0" "-1\0" "-2\0" "-1\0" "-1\0" "-2\0" "-2\0" "-2\0" "-1";
  AuIbIncoming m;
  AuIbTickOptionComputation *t = &m.u.tick_option_computation;

  g_assert_true (au_ib_incoming_decode (payload, sizeof payload, &m, NULL));
  g_assert_cmpfloat (t->implied_vol, ==, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
  g_assert_cmpfloat (t->delta, ==, AU_IB_OPTCOMP_NOT_COMPUTED_GREEK);
  g_assert_cmpfloat (t->opt_price, ==, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
  g_assert_cmpfloat (t->gamma, ==, AU_IB_OPTCOMP_NOT_COMPUTED_GREEK);
  g_assert_cmpfloat (t->und_price, ==, AU_IB_OPTCOMP_NOT_COMPUTED_PRICE);
}

/* Issue 4: an option's open interest needs generic tick 101 on a
 * streaming line (§6.9, §8.2); it comes back as TICK_SIZE 27 (a call's)
 * or 28 (a put's). Exact bytes both ways. */
static void
test_open_interest_bytes (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  static const char req_bytes[] =
    "\x00\x00\x00\x49" "1\0" "11\0" "1073741830\0" "0\0" "SPX\0" "OPT\0" "20261218\0"
    "6000\0" "P\0" "100\0" "SMART\0" "\0" "USD\0" "\0" "SPX\0" "0\0" "101\0" "0\0"
    "0\0" "";
  static const char cancel_bytes[] = "\x00\x00\x00\x0f" "2\0" "2\0" "1073741830\0" "";
  char put_oi[] = "2\0" "6\0" "1073741830\0" "28\0" "48213\0";
  char call_oi[] = "2\0" "6\0" "1073741830\0" "27\0" "0\0";
  AuIbRequest req = { .id = AU_IB_OUT_REQ_MKT_DATA };
  AuIbIncoming m;

  au_ib_contract_init (&req.u.mkt_data.contract);
  req.u.mkt_data.req_id = 1073741830;
  req.u.mkt_data.contract.symbol = "SPX";
  req.u.mkt_data.contract.sec_type = "OPT";
  req.u.mkt_data.contract.last_trade_date = "20261218";
  req.u.mkt_data.contract.strike = 6000;
  req.u.mkt_data.contract.right = "P";
  req.u.mkt_data.contract.multiplier = "100";
  req.u.mkt_data.contract.exchange = "SMART";
  req.u.mkt_data.contract.currency = "USD";
  req.u.mkt_data.contract.trading_class = "SPX";
  req.u.mkt_data.generic_ticks = "101";
  req.u.mkt_data.snapshot = FALSE;
  g_assert_true (au_ib_request_encode (&req, out, NULL));
  /* The last field (mktDataOptions, "") ends with the literal's NUL. */
  g_assert_cmpmem (out->data, out->len, req_bytes, sizeof req_bytes);

  g_byte_array_set_size (out, 0);
  memset (&req, 0, sizeof req);
  req.id = AU_IB_OUT_CANCEL_MKT_DATA;
  req.u.cancel.req_id = 1073741830;
  g_assert_true (au_ib_request_encode (&req, out, NULL));
  g_assert_cmpmem (out->data, out->len, cancel_bytes, sizeof cancel_bytes - 1);

  g_assert_true (au_ib_incoming_decode (put_oi, sizeof put_oi - 1, &m, NULL));
  g_assert_cmpint (m.id, ==, AU_IB_IN_TICK_SIZE);
  g_assert_cmpint (m.u.tick_size.ticker_id, ==, 1073741830);
  g_assert_cmpint (m.u.tick_size.tick_type, ==, 28);
  g_assert_cmpfloat (m.u.tick_size.size, ==, 48213);
  g_assert_true (au_ib_incoming_decode (call_oi, sizeof call_oi - 1, &m, NULL));
  g_assert_cmpint (m.u.tick_size.tick_type, ==, 27);
  g_assert_cmpfloat (m.u.tick_size.size, ==, 0);
}

/* Issue 4, vega's unit: TICK_OPTION_COMPUTATION's field 9 is IB's vega,
 * the option's price change for one point (0.01) of implied vol; the
 * worked numbers of a 30-day at-the-money put on a $190 stock at 25%
 * vol (Black-Scholes vega 21.6 per unit of vol) read 0.216 on the wire. */
static void
test_vega_bytes (void)
{
  char payload[] = "21\0" "1073741830\0" "13\0" "1\0" "0.25\0" "-0.4713\0" "5.2671\0"
                   "-1\0" "0.02918\0" "0.216\0" "-0.0877\0" "190\0";
  AuIbIncoming m;
  AuIbTickOptionComputation *t = &m.u.tick_option_computation;

  g_assert_true (au_ib_incoming_decode (payload, sizeof payload - 1, &m, NULL));
  g_assert_cmpint (m.id, ==, AU_IB_IN_TICK_OPTION_COMPUTATION);
  g_assert_cmpint (t->tick_type, ==, 13);
  g_assert_cmpint (t->tick_attrib, ==, 1);
  g_assert_cmpfloat (t->implied_vol, ==, 0.25);
  g_assert_cmpfloat (t->delta, ==, -0.4713);
  g_assert_cmpfloat (t->opt_price, ==, 5.2671);
  g_assert_cmpfloat (t->pv_dividend, ==, -1);
  g_assert_cmpfloat (t->gamma, ==, 0.02918);
  g_assert_cmpfloat (t->vega, ==, 0.216);
  g_assert_cmpfloat (t->theta, ==, -0.0877);
  g_assert_cmpfloat (t->und_price, ==, 190);
}

static void
test_contract_data (void)
{
  AuIbTagValue sec_ids[] = { { "ISIN", "US0378331005" }, { "CUSIP", "037833100" } };
  AuIbIncoming m = { 0 };
  AuIbIncoming back;
  AuIbContractData *c = &m.u.contract_data;
  g_autofree char *payload = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  m.id = AU_IB_IN_CONTRACT_DATA;
  c->req_id = 2001;
  option_contract (&c->contract);
  c->contract.strike = 200;
  c->contract.con_id = 712345678;
  c->contract.local_symbol = "AAPL  260116P00200000";
  c->contract.primary_exchange = "";
  c->market_name = "AAPL";
  c->min_tick = 0.01;
  c->order_types = "ACTIVETIM,AD,LMT,MKT";
  c->valid_exchanges = "SMART,AMEX,CBOE";
  c->price_magnifier = 1;
  c->under_con_id = 265598;
  c->long_name = "APPLE INC";
  c->contract_month = "202601";
  c->time_zone_id = "US/Eastern";
  c->trading_hours = "20260115:0930-20260115:1600";
  c->sec_ids = sec_ids;
  c->n_sec_ids = G_N_ELEMENTS (sec_ids);
  c->agg_group = AU_IB_UNSET_INT;
  c->under_symbol = "AAPL";
  c->under_sec_type = "STK";
  c->market_rule_ids = "32,32,32";
  c->real_expiration_date = "20260116";
  c->min_size = 1;
  c->size_increment = 1;
  c->suggested_size_increment = 1;

  bytes = roundtrip_in (&m, 39 + 2 * 2, &back, &payload);
  fields = split_frame (bytes);
  assert_field (fields, 12, "712345678");
  assert_field (fields, 19, "APPLE INC");
  assert_field (fields, 30, "2");
  assert_field (fields, 31, "ISIN");
  assert_field (fields, 35, "");          /* aggGroup unset */
  assert_field (fields, 36, "AAPL");
  g_assert_cmpuint (back.u.contract_data.n_sec_ids, ==, 2);
  g_assert_cmpstr (back.u.contract_data.sec_ids[1].value, ==, "037833100");
  g_assert_cmpint (back.u.contract_data.agg_group, ==, AU_IB_UNSET_INT);
  g_assert_cmpfloat (back.u.contract_data.min_tick, ==, 0.01);
  au_ib_incoming_clear (&back);
  g_assert_null (back.u.contract_data.sec_ids);
}

static void
test_sec_def_and_history (void)
{
  const char *expirations[] = { "20260116", "20260220", "20260320" };
  double strikes[] = { 190, 195, 197.5, 200 };
  AuIbBar bars[] = {
    { "20260102", 180.5, 185.25, 179.75, 184.0, 51234567, 182.61, 401234 },
    { "20260105", 184.0, 186.0, 183.5, 185.5, 42000000, 185.02, 380001 },
  };
  AuIbIncoming m = { 0 };
  AuIbIncoming back;

  m.id = AU_IB_IN_SEC_DEF_OPT_PARAMS;
  m.u.sec_def_opt_params.req_id = 3001;
  m.u.sec_def_opt_params.exchange = "SMART";
  m.u.sec_def_opt_params.underlying_con_id = 265598;
  m.u.sec_def_opt_params.trading_class = "AAPL";
  m.u.sec_def_opt_params.multiplier = "100";
  m.u.sec_def_opt_params.expirations = expirations;
  m.u.sec_def_opt_params.n_expirations = 3;
  m.u.sec_def_opt_params.strikes = strikes;
  m.u.sec_def_opt_params.n_strikes = 4;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 7 + 3 + 4, &back, &payload);
    g_autoptr(GPtrArray) fields = split_frame (bytes);

    assert_field (fields, 6, "3");
    assert_field (fields, 10, "4");
    assert_field (fields, 13, "197.5");
    g_assert_cmpuint (back.u.sec_def_opt_params.n_strikes, ==, 4);
    g_assert_cmpfloat (back.u.sec_def_opt_params.strikes[2], ==, 197.5);
    g_assert_cmpstr (back.u.sec_def_opt_params.expirations[2], ==, "20260320");
    au_ib_incoming_clear (&back);
  }

  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_HISTORICAL_DATA;
  m.u.historical_data.req_id = 4001;
  m.u.historical_data.start = "20251205 16:00:00";
  m.u.historical_data.end = "20260105 16:00:00";
  m.u.historical_data.bars = bars;
  m.u.historical_data.n_bars = 2;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 4 + 8 * 2, &back, &payload);
    g_autoptr(GPtrArray) fields = split_frame (bytes);

    assert_field (fields, 4, "2");
    assert_field (fields, 5, "20260102");
    assert_field (fields, 10, "51234567");
    assert_field (fields, 11, "182.61");
    g_assert_cmpuint (back.u.historical_data.n_bars, ==, 2);
    g_assert_cmpfloat (back.u.historical_data.bars[1].close, ==, 185.5);
    g_assert_cmpint (back.u.historical_data.bars[1].bar_count, ==, 380001);
    au_ib_incoming_clear (&back);
  }

  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_HISTORICAL_DATA_UPDATE;
  m.u.historical_data_update.req_id = 4001;
  m.u.historical_data_update.bar = bars[1];
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 9, &back, &payload);
    g_autoptr(GPtrArray) fields = split_frame (bytes);

    /* §7.10: count, date, open, close, high, low, wap, volume */
    assert_field (fields, 2, "380001");
    assert_field (fields, 5, "185.5");
    assert_field (fields, 6, "186");
    assert_field (fields, 8, "185.02");
    assert_field (fields, 9, "42000000");
  }

  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_HISTORICAL_DATA_END;
  m.u.historical_data_end.req_id = 4001;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 3, &back, &payload);
  }
}

static void
fill_open_order (AuIbOpenOrder *o)
{
  option_contract (&o->contract);
  o->order_id = 42;
  o->contract.con_id = 712345678;
  o->contract.local_symbol = "AAPL  260116P00200000";
  o->action = "SELL";
  o->total_quantity = 1;
  o->order_type = "LMT";
  o->lmt_price = 2.35;
  o->aux_price = AU_IB_UNSET_DOUBLE;
  o->tif = "DAY";
  o->account = "DU1234567";
  o->order_ref = "wheel";
  o->client_id = 7;
  o->perm_id = 900000001;
  o->status = "Submitted";
  o->init_margin_change = DMAX_JAVA;
  o->commission = AU_IB_UNSET_DOUBLE;
  o->min_commission = AU_IB_UNSET_DOUBLE;
  o->max_commission = AU_IB_UNSET_DOUBLE;
}

static void
test_open_order (void)
{
  AuIbIncoming m = { 0 };
  AuIbIncoming back;
  g_autofree char *payload = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  m.id = AU_IB_IN_OPEN_ORDER;
  fill_open_order (&m.u.open_order);
  bytes = roundtrip_in (&m, 127, &back, &payload);
  fields = split_frame (bytes);
  assert_field (fields, 1, "42");
  assert_field (fields, 6, "200");
  assert_field (fields, 16, "2.35");
  assert_field (fields, 17, "");
  assert_field (fields, 23, "wheel");
  assert_field (fields, 24, "7");
  assert_field (fields, 25, "900000001");
  assert_field (fields, 42, "-1");
  assert_field (fields, 86, "Submitted");
  assert_field (fields, 87, DMAX_JAVA);
  assert_field (fields, 90, DMAX_JAVA);
  assert_field (fields, 103, "0");
  assert_field (fields, 120, "2147483647");
  assert_field (fields, 127, DMAX_JAVA);
  g_assert_cmpstr (back.u.open_order.order_ref, ==, "wheel");
  g_assert_cmpint (back.u.open_order.perm_id, ==, 900000001);
  g_assert_cmpfloat (back.u.open_order.lmt_price, ==, 2.35);
  g_assert_cmpfloat (back.u.open_order.aux_price, ==, AU_IB_UNSET_DOUBLE);
  g_assert_cmpstr (back.u.open_order.status, ==, "Submitted");

  /* The IB Adaptive algo (§6.13): count + one tag/value pair after #83,
   * a delta-neutral order type (8 fields after #63) and one combo price:
   * skipped by the layout, the fields after them still land right. */
  {
    g_autoptr(GPtrArray) grown = split_frame (bytes);
    AuIbIncoming d;
    g_autofree char *p = NULL;
    gsize len;
    g_autoptr(GError) error = NULL;

    g_free (g_ptr_array_steal_index (grown, 83));
    g_ptr_array_insert (grown, 83, g_strdup ("Adaptive"));
    g_ptr_array_insert (grown, 84, g_strdup ("1"));
    g_ptr_array_insert (grown, 85, g_strdup ("adaptivePriority"));
    g_ptr_array_insert (grown, 86, g_strdup ("Normal"));
    g_free (g_ptr_array_steal_index (grown, 72));
    g_ptr_array_insert (grown, 72, g_strdup ("1"));
    g_ptr_array_insert (grown, 73, g_strdup ("2.5"));
    g_free (g_ptr_array_steal_index (grown, 62));
    g_ptr_array_insert (grown, 62, g_strdup ("LMT"));
    for (int i = 0; i < 8; i++)
      g_ptr_array_insert (grown, 64, g_strdup ("0"));
    p = payload_from_fields (grown, &len);
    g_assert_true (au_ib_incoming_decode (p, len, &d, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (d.u.open_order.status, ==, "Submitted");
    g_assert_cmpstr (d.u.open_order.init_margin_change, ==, DMAX_JAVA);
    g_assert_cmpfloat (d.u.open_order.commission, ==, AU_IB_UNSET_DOUBLE);
  }
  /* Conditions: their layouts are not documented to us: refused. */
  {
    g_autoptr(GPtrArray) cond = split_frame (bytes);
    AuIbIncoming d;
    g_autofree char *p = NULL;
    gsize len;
    g_autoptr(GError) error = NULL;

    g_free (g_ptr_array_steal_index (cond, 103));
    g_ptr_array_insert (cond, 103, g_strdup ("1"));
    p = payload_from_fields (cond, &len);
    g_assert_false (au_ib_incoming_decode (p, len, &d, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "OPEN_ORDER (5)"));
  }
}

static void
test_order_status_execution_commission (void)
{
  AuIbIncoming m = { 0 };
  AuIbIncoming back;

  m.id = AU_IB_IN_ORDER_STATUS;
  m.u.order_status.order_id = 42;
  m.u.order_status.status = "Filled";
  m.u.order_status.filled = 1;
  m.u.order_status.remaining = 0;
  m.u.order_status.avg_fill_price = 2.35;
  m.u.order_status.perm_id = G_GINT64_CONSTANT (900000001);
  m.u.order_status.last_fill_price = 2.35;
  m.u.order_status.client_id = 7;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 11, &back, &payload);
    g_autoptr(GPtrArray) fields = split_frame (bytes);

    assert_field (fields, 2, "Filled");
    assert_field (fields, 4, "0");
    assert_field (fields, 5, "2.35");
  }

  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_EXECUTION_DATA;
  m.u.execution.req_id = -1;
  m.u.execution.order_id = 42;
  option_contract (&m.u.execution.contract);
  m.u.execution.contract.exchange = "CBOE";
  m.u.execution.exec_id = "0000e0d5.6773b1a2.01.01";
  m.u.execution.time = "20260105 10:31:02 US/Eastern";
  m.u.execution.account = "DU1234567";
  m.u.execution.exec_exchange = "CBOE";
  m.u.execution.side = "SLD";
  m.u.execution.shares = 1;
  m.u.execution.price = 2.35;
  m.u.execution.perm_id = 900000001;
  m.u.execution.client_id = 7;
  m.u.execution.cum_qty = 1;
  m.u.execution.avg_price = 2.35;
  m.u.execution.order_ref = "wheel";
  m.u.execution.last_liquidity = 2;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 30, &back, &payload);
    g_autoptr(GPtrArray) fields = split_frame (bytes);

    assert_field (fields, 1, "-1");
    assert_field (fields, 14, "0000e0d5.6773b1a2.01.01");
    assert_field (fields, 18, "SLD");
    assert_field (fields, 30, "2");
    g_assert_cmpstr (back.u.execution.exec_id, ==, "0000e0d5.6773b1a2.01.01");
    g_assert_cmpfloat (back.u.execution.price, ==, 2.35);
  }

  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_COMMISSION_REPORT;
  m.u.commission_report.exec_id = "0000e0d5.6773b1a2.01.01";
  m.u.commission_report.commission = 1.0505;
  m.u.commission_report.currency = "USD";
  m.u.commission_report.realized_pnl = AU_IB_UNSET_DOUBLE;
  m.u.commission_report.yield = AU_IB_UNSET_DOUBLE;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 7, &back, &payload);
    g_autoptr(GPtrArray) fields = split_frame (bytes);

    assert_field (fields, 3, "1.0505");
    assert_field (fields, 5, "");
    g_assert_cmpfloat (back.u.commission_report.realized_pnl, ==, AU_IB_UNSET_DOUBLE);
  }
  {
    /* A gateway spells the unset P&L as the Java DBL_MAX literal. */
    char payload[] = "59\0" "1\0" "x.01\0" "1.05\0" "USD\0" DMAX_JAVA "\0" DMAX_JAVA "\0" "0";
    AuIbIncoming d;

    g_assert_true (au_ib_incoming_decode (payload, sizeof payload, &d, NULL));
    g_assert_cmpfloat (d.u.commission_report.realized_pnl, ==, AU_IB_UNSET_DOUBLE);
    g_assert_cmpfloat (d.u.commission_report.yield, ==, AU_IB_UNSET_DOUBLE);
  }
}

static void
test_completed_orders (void)
{
  AuIbIncoming m = { 0 };
  AuIbIncoming back;

  m.id = AU_IB_IN_COMPLETED_ORDER;
  option_contract (&m.u.completed_order.contract);
  m.u.completed_order.action = "SELL";
  m.u.completed_order.total_quantity = 1;
  m.u.completed_order.order_type = "LMT";
  m.u.completed_order.lmt_price = 2.35;
  m.u.completed_order.aux_price = AU_IB_UNSET_DOUBLE;
  m.u.completed_order.tif = "DAY";
  m.u.completed_order.account = "DU1234567";
  m.u.completed_order.order_ref = "wheel";
  m.u.completed_order.perm_id = 900000001;
  m.u.completed_order.status = "Filled";
  m.u.completed_order.filled_quantity = 1;
  m.u.completed_order.completed_time = "20260105 10:31:02 US/Eastern";
  m.u.completed_order.completed_status = "Filled Size: 1";
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 96, &back, &payload);

    g_assert_cmpstr (back.u.completed_order.order_ref, ==, "wheel");
    g_assert_cmpstr (back.u.completed_order.completed_status, ==, "Filled Size: 1");
    g_assert_cmpfloat (back.u.completed_order.filled_quantity, ==, 1);
  }
  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_COMPLETED_ORDERS_END;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 0, &back, &payload);
  }
  memset (&m, 0, sizeof m);
  m.id = AU_IB_IN_ORDER_BOUND;
  m.u.order_bound.perm_id = G_GINT64_CONSTANT (9000000001);
  m.u.order_bound.client_id = 0;
  m.u.order_bound.order_id = -5;
  {
    g_autofree char *payload = NULL;
    g_autoptr(GByteArray) bytes = roundtrip_in (&m, 3, &back, &payload);

    g_assert_cmpint (back.u.order_bound.perm_id, ==, G_GINT64_CONSTANT (9000000001));
  }
}

static void
test_malformed_messages (void)
{
  AuIbIncoming m;

  {
    /* An id we do not decode: reported with its id, never a crash. */
    char payload[] = "20\0" "1\0" "2";
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE);
    g_assert_cmpint (m.id, ==, 20);
  }
  {
    /* NEXT_VALID_ID one field short */
    char payload[] = "9\0" "1";
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MISSING_FIELD);
    g_assert_nonnull (strstr (error->message, "NEXT_VALID_ID (9): field 2 'order_id'"));
  }
  {
    /* CURRENT_TIME with one field too many */
    char payload[] = "49\0" "1\0" "1745609034\0" "x";
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_EXTRA_FIELDS);
  }
  {
    /* TICK_PRICE with a comma decimal price */
    char payload[] = "1\0" "6\0" "1001\0" "1\0" "185,5\0" "100\0" "0";
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "TICK_PRICE (1): field 4 'price'"));
  }
  {
    /* A strike count far beyond the frame: refused before allocating. */
    char payload[] = "75\0" "3001\0" "SMART\0" "265598\0" "AAPL\0" "100\0" "0\0" "1000000000";
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "strikesCount"));
    au_ib_incoming_clear (&m);
  }
  {
    /* A message id that is not a number */
    char payload[] = "x9\0" "1";
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (payload, sizeof payload, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
  }
  {
    /* Empty payload: not even a message id */
    g_autoptr(GError) error = NULL;

    g_assert_false (au_ib_incoming_decode (NULL, 0, &m, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MISSING_FIELD);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ib/messages/worked-examples", test_worked_examples);
  g_test_add_func ("/ib/messages/decode-worked-examples", test_decode_worked_examples);
  g_test_add_func ("/ib/messages/order-status-fixture", test_order_status_fixture);
  g_test_add_func ("/ib/messages/place-order-layout", test_place_order_layout);
  g_test_add_func ("/ib/messages/place-order-stock", test_place_order_stock);
  g_test_add_func ("/ib/messages/place-order-refused", test_place_order_refused);
  g_test_add_func ("/ib/messages/requests-roundtrip", test_requests_roundtrip);
  g_test_add_func ("/ib/messages/incoming-simple", test_incoming_simple);
  g_test_add_func ("/ib/messages/option-computation-sentinels", test_option_computation_sentinels);
  g_test_add_func ("/ib/messages/open-interest-bytes", test_open_interest_bytes);
  g_test_add_func ("/ib/messages/vega-bytes", test_vega_bytes);
  g_test_add_func ("/ib/messages/contract-data", test_contract_data);
  g_test_add_func ("/ib/messages/sec-def-and-history", test_sec_def_and_history);
  g_test_add_func ("/ib/messages/open-order", test_open_order);
  g_test_add_func ("/ib/messages/order-status-execution-commission",
                   test_order_status_execution_commission);
  g_test_add_func ("/ib/messages/completed-orders", test_completed_orders);
  g_test_add_func ("/ib/messages/malformed", test_malformed_messages);

  return g_test_run ();
}

/* au-ib-messages.c: TWS API messages at server version 176 (tws-protocol.md §5–§7)
 *
 * Each message is a layout table: one entry per wire field, in wire order,
 * naming its type and the struct member it fills. The same table drives
 * encode and decode, so both directions cannot drift apart, and every
 * decode error names the field. Messages with repeating groups run the
 * table in segments with the group code between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib-messages"

#include "config.h"

#include <string.h>

#include "au-ib-messages.h"

typedef enum
{
  K_INT,
  K_INT_MAX,
  K_LONG,
  K_DOUBLE,
  K_DOUBLE_MAX,
  K_BOOL,
  K_DECIMAL,
  K_STRING,
  K_TEXT,    /* \uXXXX-escaped free text (§2.4) */
  K_CONST,   /* a version or a field we do not use: sent as given, skipped on read */
} Kind;

typedef struct
{
  guint8      kind;
  guint8      base;     /* 0: the message struct, 1: the Groups scratch below */
  guint16     offset;
  const char *name;
  const char *literal;
} Spec;

/* The fields that say whether an order's optional groups follow
 * (§6.13, §7.11). We never send those groups; on decode we skip the ones
 * whose layout the spec documents and refuse the rest by name. */
typedef struct
{
  const char *dn_order_type;
  int         combo_legs;
  int         order_combo_legs;
  int         smart_params;
  double      scale_price_increment;
  const char *hedge_type;
  gboolean    dn_contract;
  const char *algo_strategy;
  int         conditions;
} Groups;

#define F(k, T, m)   { k, 0, G_STRUCT_OFFSET (T, m), #m, NULL }
#define GF(k, m)     { k, 1, G_STRUCT_OFFSET (Groups, m), #m, NULL }
#define C(n, lit)    { K_CONST, 0, 0, n, lit }
#define VERSION(lit) C ("version", lit)
#define DMAX         AU_IB_DBL_MAX_LITERAL
#define IMAX         "2147483647"

/* Table runner */

static gboolean
decode_specs (AuIbReader  *reader,
              const Spec  *specs,
              gsize        n_specs,
              gpointer     msg,
              Groups      *groups,
              GError     **error)
{
  for (gsize i = 0; i < n_specs; i++)
    {
      const Spec *s = &specs[i];
      guint8 *p = (guint8 *) (s->base ? (gpointer) groups : msg) + s->offset;
      gboolean ok = FALSE;

      switch ((Kind) s->kind)
        {
        case K_INT:
          ok = au_ib_read_int (reader, s->name, (int *) p, error);
          break;
        case K_INT_MAX:
          ok = au_ib_read_int_max (reader, s->name, (int *) p, error);
          break;
        case K_LONG:
          ok = au_ib_read_long (reader, s->name, (gint64 *) p, error);
          break;
        case K_DOUBLE:
          ok = au_ib_read_double (reader, s->name, (double *) p, error);
          break;
        case K_DOUBLE_MAX:
          ok = au_ib_read_double_max (reader, s->name, (double *) p, error);
          break;
        case K_BOOL:
          ok = au_ib_read_bool (reader, s->name, (gboolean *) p, error);
          break;
        case K_DECIMAL:
          ok = au_ib_read_decimal (reader, s->name, (double *) p, error);
          break;
        case K_STRING:
          ok = au_ib_read_string (reader, s->name, (const char **) p, error);
          break;
        case K_TEXT:
          ok = au_ib_read_text (reader, s->name, (const char **) p, error);
          break;
        case K_CONST:
          ok = au_ib_read_skip (reader, s->name, 1, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* The gateway escapes non-ASCII text as Java \uXXXX (§2.4); the
 * simulator's encoder does the same so its text passes the ASCII rule. */
static char *
escape_text (const char *text)
{
  GString *out;

  /* A backslash is escaped too (\u005C): the reader unescapes, so a
   * literal "\u0041" must not come back as "A". */
  if (text == NULL || !g_utf8_validate (text, -1, NULL)
      || (au_ib_string_is_sendable (text) && strchr (text, '\\') == NULL))
    return g_strdup (text != NULL ? text : "");
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x20 && c < 0x7F && c != '\\')
        g_string_append_c (out, (char) c);
      else if (c >= 0x10000)
        g_string_append_printf (out, "\\u%04X\\u%04X",
                                0xD800 + ((c - 0x10000) >> 10),
                                0xDC00 + ((c - 0x10000) & 0x3FF));
      else
        g_string_append_printf (out, "\\u%04X", c);
    }
  return g_string_free (out, FALSE);
}

static void
encode_specs (AuIbWriter   *writer,
              const Spec   *specs,
              gsize         n_specs,
              gconstpointer msg,
              const Groups *groups)
{
  for (gsize i = 0; i < n_specs; i++)
    {
      const Spec *s = &specs[i];
      const guint8 *p = (const guint8 *) (s->base ? (gconstpointer) groups : msg) + s->offset;

      switch ((Kind) s->kind)
        {
        case K_INT:
          au_ib_write_int (writer, s->name, *(const int *) p);
          break;
        case K_INT_MAX:
          au_ib_write_int_max (writer, s->name, *(const int *) p);
          break;
        case K_LONG:
          au_ib_write_long (writer, s->name, *(const gint64 *) p);
          break;
        case K_DOUBLE:
          au_ib_write_double (writer, s->name, *(const double *) p);
          break;
        case K_DOUBLE_MAX:
          au_ib_write_double_max (writer, s->name, *(const double *) p);
          break;
        case K_BOOL:
          au_ib_write_bool (writer, s->name, *(const gboolean *) p);
          break;
        case K_DECIMAL:
          au_ib_write_decimal (writer, s->name, *(const double *) p);
          break;
        case K_STRING:
          au_ib_write_string (writer, s->name, *(const char * const *) p);
          break;
        case K_TEXT:
          {
            g_autofree char *escaped = escape_text (*(const char * const *) p);

            au_ib_write_string (writer, s->name, escaped);
          }
          break;
        case K_CONST:
          au_ib_write_raw (writer, s->literal);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Repeating groups */

static gboolean
read_count (AuIbReader  *reader,
            const char  *name,
            guint        fields_per_item,
            int         *count,
            GError     **error)
{
  if (!au_ib_read_int (reader, name, count, error))
    return FALSE;
  /* A count is checked against what is left before anything is
   * allocated or skipped: a hostile count cannot make us allocate. */
  if (*count < 0 || (guint64) *count * fields_per_item > au_ib_reader_remaining (reader))
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
                   "%s (%d): field %u '%s' = %d does not match the %u fields left",
                   reader->msg_name, reader->msg_id, reader->index - 1, name, *count,
                   au_ib_reader_remaining (reader));
      return FALSE;
    }
  return TRUE;
}

static gboolean
skip_group (AuIbReader  *reader,
            const char  *name,
            guint        fields_per_item,
            GError     **error)
{
  int count = 0;

  return read_count (reader, name, fields_per_item, &count, error)
         && au_ib_read_skip (reader, name, (guint) count * fields_per_item, error);
}

static gboolean
unsupported (AuIbReader  *reader,
             const char  *what,
             GError     **error)
{
  g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_UNSUPPORTED,
               "%s (%d): %s is not supported", reader->msg_name, reader->msg_id, what);
  return FALSE;
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* Layout tables: requests (§6) */

static const Spec start_api_specs[] = {
  VERSION ("2"),
  F (K_INT, AuIbStartApi, client_id),
  F (K_STRING, AuIbStartApi, optional_capabilities),
};
static const Spec version1_specs[] = { VERSION ("1") };
static const Spec req_ids_specs[] = { VERSION ("1"), F (K_INT, AuIbReqIds, num_ids) };
static const Spec cancel_v1_specs[] = { VERSION ("1"), F (K_INT, AuIbReqIdOnly, req_id) };
static const Spec cancel_v2_specs[] = { VERSION ("2"), F (K_INT, AuIbReqIdOnly, req_id) };
static const Spec req_account_summary_specs[] = {
  VERSION ("1"),
  F (K_INT, AuIbReqAccountSummary, req_id),
  F (K_STRING, AuIbReqAccountSummary, group),
  F (K_STRING, AuIbReqAccountSummary, tags),
};
static const Spec req_acct_data_specs[] = {
  VERSION ("2"),
  F (K_BOOL, AuIbReqAcctData, subscribe),
  F (K_STRING, AuIbReqAcctData, account),
};
static const Spec req_market_data_type_specs[] = {
  VERSION ("1"),
  F (K_INT, AuIbReqMarketDataType, market_data_type),
};

#define CONTRACT_REQUEST(T) \
  F (K_INT, T, contract.con_id), \
  F (K_STRING, T, contract.symbol), \
  F (K_STRING, T, contract.sec_type), \
  F (K_STRING, T, contract.last_trade_date), \
  F (K_DOUBLE_MAX, T, contract.strike), \
  F (K_STRING, T, contract.right), \
  F (K_STRING, T, contract.multiplier), \
  F (K_STRING, T, contract.exchange), \
  F (K_STRING, T, contract.primary_exchange), \
  F (K_STRING, T, contract.currency), \
  F (K_STRING, T, contract.local_symbol), \
  F (K_STRING, T, contract.trading_class)

static const Spec req_mkt_data_specs[] = {
  VERSION ("11"),
  F (K_INT, AuIbReqMktData, req_id),
  CONTRACT_REQUEST (AuIbReqMktData),
  C ("deltaNeutralContract", "0"),
  F (K_STRING, AuIbReqMktData, generic_ticks),
  F (K_BOOL, AuIbReqMktData, snapshot),
  F (K_BOOL, AuIbReqMktData, regulatory_snapshot),
  C ("mktDataOptions", ""),
};
static const Spec req_contract_data_specs[] = {
  VERSION ("8"),
  F (K_INT, AuIbReqContractData, req_id),
  CONTRACT_REQUEST (AuIbReqContractData),
  F (K_BOOL, AuIbReqContractData, include_expired),
  F (K_STRING, AuIbReqContractData, sec_id_type),
  F (K_STRING, AuIbReqContractData, sec_id),
  F (K_STRING, AuIbReqContractData, issuer_id),
};
static const Spec req_sec_def_opt_params_specs[] = {
  F (K_INT, AuIbReqSecDefOptParams, req_id),
  F (K_STRING, AuIbReqSecDefOptParams, underlying_symbol),
  F (K_STRING, AuIbReqSecDefOptParams, fut_fop_exchange),
  F (K_STRING, AuIbReqSecDefOptParams, underlying_sec_type),
  F (K_INT, AuIbReqSecDefOptParams, underlying_con_id),
};
static const Spec req_historical_data_specs[] = {
  F (K_INT, AuIbReqHistoricalData, req_id),
  CONTRACT_REQUEST (AuIbReqHistoricalData),
  F (K_BOOL, AuIbReqHistoricalData, include_expired),
  F (K_STRING, AuIbReqHistoricalData, end_date_time),
  F (K_STRING, AuIbReqHistoricalData, bar_size),
  F (K_STRING, AuIbReqHistoricalData, duration),
  F (K_BOOL, AuIbReqHistoricalData, use_rth),
  F (K_STRING, AuIbReqHistoricalData, what_to_show),
  F (K_INT, AuIbReqHistoricalData, format_date),
  F (K_BOOL, AuIbReqHistoricalData, keep_up_to_date),
  C ("chartOptions", ""),
};
static const Spec cancel_order_specs[] = {
  VERSION ("1"),
  F (K_INT, AuIbCancelOrder, order_id),
  F (K_STRING, AuIbCancelOrder, manual_order_cancel_time),
};
static const Spec req_completed_orders_specs[] = {
  F (K_BOOL, AuIbReqCompletedOrders, api_only),
};
static const Spec req_executions_specs[] = {
  VERSION ("3"),
  F (K_INT, AuIbReqExecutions, req_id),
  F (K_INT, AuIbReqExecutions, client_id),
  F (K_STRING, AuIbReqExecutions, account),
  F (K_STRING, AuIbReqExecutions, time),
  F (K_STRING, AuIbReqExecutions, symbol),
  F (K_STRING, AuIbReqExecutions, sec_type),
  F (K_STRING, AuIbReqExecutions, exchange),
  F (K_STRING, AuIbReqExecutions, side),
};

/* PLACE_ORDER (§6.13): wire fields 1–114 after the id. Constants are the
 * values IB's Python client sends for a plain order. */
static const Spec place_order_1[] = {
  F (K_INT, AuIbPlaceOrder, order_id),                           /* 1 */
  CONTRACT_REQUEST (AuIbPlaceOrder),                              /* 2–13 */
  C ("secIdType", ""), C ("secId", ""),                           /* 14–15 */
  F (K_STRING, AuIbPlaceOrder, action),                           /* 16 */
  F (K_DECIMAL, AuIbPlaceOrder, total_quantity),
  F (K_STRING, AuIbPlaceOrder, order_type),
  F (K_DOUBLE_MAX, AuIbPlaceOrder, lmt_price),
  F (K_DOUBLE_MAX, AuIbPlaceOrder, aux_price),                    /* 20 */
  F (K_STRING, AuIbPlaceOrder, tif),
  C ("ocaGroup", ""),
  F (K_STRING, AuIbPlaceOrder, account),
  C ("openClose", ""), C ("origin", "0"),                         /* 24–25 */
  F (K_STRING, AuIbPlaceOrder, order_ref),                        /* 26 */
  F (K_BOOL, AuIbPlaceOrder, transmit),
  F (K_INT, AuIbPlaceOrder, parent_id),
  C ("blockOrder", "0"), C ("sweepToFill", "0"),                  /* 29–30 */
  C ("displaySize", "0"), C ("triggerMethod", "0"),               /* 31–32 */
  F (K_BOOL, AuIbPlaceOrder, outside_rth),                        /* 33 */
  C ("hidden", "0"),                                              /* 34 */
};
static const Spec place_order_2[] = {
  C ("sharesAllocation", ""), C ("discretionaryAmt", "0"),        /* 35–36 */
  C ("goodAfterTime", ""),
  F (K_STRING, AuIbPlaceOrder, good_till_date),                   /* 38 */
  C ("faGroup", ""), C ("faMethod", ""), C ("faPercentage", ""),
  C ("faProfile", ""),                                            /* 42, sv < 177 */
  C ("modelCode", ""), C ("shortSaleSlot", "0"), C ("designatedLocation", ""),
  C ("exemptCode", "-1"), C ("ocaType", "0"), C ("rule80A", ""),
  C ("settlingFirm", ""), C ("allOrNone", "0"), C ("minQty", ""), /* 49–51 */
  C ("percentOffset", ""), C ("eTradeOnly", "0"), C ("firmQuoteOnly", "0"),
  C ("nbboPriceCap", ""), C ("auctionStrategy", "0"),             /* 55–56 */
  C ("startingPrice", ""), C ("stockRefPrice", ""), C ("delta", ""),
  C ("stockRangeLower", ""), C ("stockRangeUpper", ""),           /* 60–61 */
  C ("overridePercentageConstraints", "0"),
  C ("volatility", ""), C ("volatilityType", ""),                 /* 63–64 */
  GF (K_STRING, dn_order_type),                                   /* 65 */
};
static const Spec place_order_3[] = {
  C ("deltaNeutralAuxPrice", ""), C ("continuousUpdate", "0"),    /* 66–67 */
  C ("referencePriceType", ""), C ("trailStopPrice", ""),
  C ("trailingPercent", ""), C ("scaleInitLevelSize", ""),        /* 70–71 */
  C ("scaleSubsLevelSize", ""),
  GF (K_DOUBLE_MAX, scale_price_increment),                       /* 73 */
};
static const Spec place_order_4[] = {
  C ("scaleTable", ""), C ("activeStartTime", ""), C ("activeStopTime", ""),
  GF (K_STRING, hedge_type),                                      /* 77 */
};
static const Spec place_order_5[] = {
  C ("optOutSmartRouting", "0"), C ("clearingAccount", ""),       /* 78–79 */
  C ("clearingIntent", ""), C ("notHeld", "0"),
  GF (K_BOOL, dn_contract),                                       /* 82 */
  GF (K_STRING, algo_strategy),                                   /* 83 */
};
static const Spec place_order_6[] = {
  C ("algoId", ""),                                               /* 84 */
  F (K_BOOL, AuIbPlaceOrder, what_if),
  C ("orderMiscOptions", ""), C ("solicited", "0"),
  C ("randomizeSize", "0"), C ("randomizePrice", "0"),            /* 88–89 */
  GF (K_INT, conditions),                                         /* 90 */
};
static const Spec place_order_7[] = {
  C ("adjustedOrderType", ""),                                    /* 91 */
  /* 92–96: IB's Python client sends the DBL_MAX literal here, not "" */
  C ("triggerPrice", "1.7976931348623157e+308"),
  C ("lmtPriceOffset", "1.7976931348623157e+308"),
  C ("adjustedStopPrice", "1.7976931348623157e+308"),
  C ("adjustedStopLimitPrice", "1.7976931348623157e+308"),
  C ("adjustedTrailingAmount", "1.7976931348623157e+308"),
  C ("adjustableTrailingUnit", "0"), C ("extOperator", ""),       /* 97–98 */
  C ("softDollarTier.name", ""), C ("softDollarTier.val", ""),
  C ("cashQty", "1.7976931348623157e+308"),                       /* 101 */
  C ("mifid2DecisionMaker", ""), C ("mifid2DecisionAlgo", ""),
  C ("mifid2ExecutionTrader", ""), C ("mifid2ExecutionAlgo", ""),
  C ("dontUseAutoPriceForHedge", "0"), C ("isOmsContainer", "0"), /* 106–107 */
  C ("discretionaryUpToLimitPrice", "0"), C ("usePriceMgmtAlgo", ""),
  C ("duration", IMAX), C ("postToAts", IMAX),                    /* 110–111 */
  C ("autoCancelParent", "0"), C ("advancedErrorOverride", ""),
  C ("manualOrderTime", ""),                                      /* 114 */
};

/* Layout tables: incoming (§7) */

static const Spec err_msg_specs[] = {
  VERSION ("2"),
  F (K_INT, AuIbErrMsg, id),
  F (K_INT, AuIbErrMsg, code),
  F (K_TEXT, AuIbErrMsg, message),
  F (K_TEXT, AuIbErrMsg, advanced_order_reject_json),
};
static const Spec current_time_specs[] = { VERSION ("1"), F (K_LONG, AuIbCurrentTime, time) };
static const Spec next_valid_id_specs[] = { VERSION ("1"), F (K_INT, AuIbNextValidId, order_id) };
static const Spec managed_accts_specs[] = { VERSION ("1"), F (K_STRING, AuIbManagedAccts, accounts) };
static const Spec account_summary_specs[] = {
  VERSION ("1"),
  F (K_INT, AuIbAccountSummary, req_id),
  F (K_STRING, AuIbAccountSummary, account),
  F (K_STRING, AuIbAccountSummary, tag),
  F (K_STRING, AuIbAccountSummary, value),
  F (K_STRING, AuIbAccountSummary, currency),
};
static const Spec end_v1_specs[] = { VERSION ("1"), F (K_INT, AuIbReqIdOnly, req_id) };
static const Spec end_plain_specs[] = { F (K_INT, AuIbReqIdOnly, req_id) };
static const Spec position_specs[] = {
  VERSION ("3"),
  F (K_STRING, AuIbPosition, account),
  F (K_INT, AuIbPosition, contract.con_id),
  F (K_STRING, AuIbPosition, contract.symbol),
  F (K_STRING, AuIbPosition, contract.sec_type),
  F (K_STRING, AuIbPosition, contract.last_trade_date),
  F (K_DOUBLE, AuIbPosition, contract.strike),
  F (K_STRING, AuIbPosition, contract.right),
  F (K_STRING, AuIbPosition, contract.multiplier),
  F (K_STRING, AuIbPosition, contract.exchange),
  F (K_STRING, AuIbPosition, contract.currency),
  F (K_STRING, AuIbPosition, contract.local_symbol),
  F (K_STRING, AuIbPosition, contract.trading_class),
  F (K_DECIMAL, AuIbPosition, position),
  F (K_DOUBLE, AuIbPosition, avg_cost),
};
static const Spec acct_value_specs[] = {
  VERSION ("2"),
  F (K_STRING, AuIbAcctValue, key),
  F (K_STRING, AuIbAcctValue, value),
  F (K_STRING, AuIbAcctValue, currency),
  F (K_STRING, AuIbAcctValue, account),
};
static const Spec portfolio_value_specs[] = {
  VERSION ("8"),
  F (K_INT, AuIbPortfolioValue, contract.con_id),
  F (K_STRING, AuIbPortfolioValue, contract.symbol),
  F (K_STRING, AuIbPortfolioValue, contract.sec_type),
  F (K_STRING, AuIbPortfolioValue, contract.last_trade_date),
  F (K_DOUBLE, AuIbPortfolioValue, contract.strike),
  F (K_STRING, AuIbPortfolioValue, contract.right),
  F (K_STRING, AuIbPortfolioValue, contract.multiplier),
  F (K_STRING, AuIbPortfolioValue, contract.primary_exchange),
  F (K_STRING, AuIbPortfolioValue, contract.currency),
  F (K_STRING, AuIbPortfolioValue, contract.local_symbol),
  F (K_STRING, AuIbPortfolioValue, contract.trading_class),
  F (K_DECIMAL, AuIbPortfolioValue, position),
  F (K_DOUBLE, AuIbPortfolioValue, market_price),
  F (K_DOUBLE, AuIbPortfolioValue, market_value),
  F (K_DOUBLE, AuIbPortfolioValue, average_cost),
  F (K_DOUBLE, AuIbPortfolioValue, unrealized_pnl),
  F (K_DOUBLE, AuIbPortfolioValue, realized_pnl),
  F (K_STRING, AuIbPortfolioValue, account),
};
static const Spec acct_update_time_specs[] = {
  VERSION ("1"), F (K_STRING, AuIbAcctUpdateTime, time_stamp),
};
static const Spec acct_download_end_specs[] = {
  VERSION ("1"), F (K_STRING, AuIbAcctDownloadEnd, account),
};
/* Tick versions are ignored by decoders; a gateway sends 6 (§7.7). */
static const Spec tick_price_specs[] = {
  VERSION ("6"),
  F (K_INT, AuIbTickPrice, ticker_id),
  F (K_INT, AuIbTickPrice, tick_type),
  F (K_DOUBLE, AuIbTickPrice, price),
  F (K_DECIMAL, AuIbTickPrice, size),
  F (K_INT, AuIbTickPrice, attr_mask),
};
static const Spec tick_size_specs[] = {
  VERSION ("6"),
  F (K_INT, AuIbTickSize, ticker_id),
  F (K_INT, AuIbTickSize, tick_type),
  F (K_DECIMAL, AuIbTickSize, size),
};
static const Spec tick_generic_specs[] = {
  VERSION ("6"),
  F (K_INT, AuIbTickGeneric, ticker_id),
  F (K_INT, AuIbTickGeneric, tick_type),
  F (K_DOUBLE, AuIbTickGeneric, value),
};
static const Spec tick_string_specs[] = {
  VERSION ("6"),
  F (K_INT, AuIbTickString, ticker_id),
  F (K_INT, AuIbTickString, tick_type),
  F (K_STRING, AuIbTickString, value),
};
static const Spec tick_option_computation_specs[] = {
  F (K_INT, AuIbTickOptionComputation, ticker_id),
  F (K_INT, AuIbTickOptionComputation, tick_type),
  F (K_INT, AuIbTickOptionComputation, tick_attrib),
  F (K_DOUBLE, AuIbTickOptionComputation, implied_vol),
  F (K_DOUBLE, AuIbTickOptionComputation, delta),
  F (K_DOUBLE, AuIbTickOptionComputation, opt_price),
  F (K_DOUBLE, AuIbTickOptionComputation, pv_dividend),
  F (K_DOUBLE, AuIbTickOptionComputation, gamma),
  F (K_DOUBLE, AuIbTickOptionComputation, vega),
  F (K_DOUBLE, AuIbTickOptionComputation, theta),
  F (K_DOUBLE, AuIbTickOptionComputation, und_price),
};
static const Spec tick_req_params_specs[] = {
  F (K_INT, AuIbTickReqParams, ticker_id),
  F (K_DOUBLE, AuIbTickReqParams, min_tick),
  F (K_STRING, AuIbTickReqParams, bbo_exchange),
  F (K_INT, AuIbTickReqParams, snapshot_permissions),
};
static const Spec market_data_type_specs[] = {
  VERSION ("1"),
  F (K_INT, AuIbMarketDataType, req_id),
  F (K_INT, AuIbMarketDataType, market_data_type),
};
static const Spec contract_data_1[] = {
  F (K_INT, AuIbContractData, req_id),                            /* 1 */
  F (K_STRING, AuIbContractData, contract.symbol),
  F (K_STRING, AuIbContractData, contract.sec_type),
  F (K_STRING, AuIbContractData, contract.last_trade_date),
  F (K_DOUBLE, AuIbContractData, contract.strike),                /* 5 */
  F (K_STRING, AuIbContractData, contract.right),
  F (K_STRING, AuIbContractData, contract.exchange),
  F (K_STRING, AuIbContractData, contract.currency),
  F (K_STRING, AuIbContractData, contract.local_symbol),
  F (K_STRING, AuIbContractData, market_name),                    /* 10 */
  F (K_STRING, AuIbContractData, contract.trading_class),
  F (K_INT, AuIbContractData, contract.con_id),
  F (K_DOUBLE, AuIbContractData, min_tick),
  F (K_STRING, AuIbContractData, contract.multiplier),
  F (K_STRING, AuIbContractData, order_types),                    /* 15 */
  F (K_STRING, AuIbContractData, valid_exchanges),
  F (K_INT, AuIbContractData, price_magnifier),
  F (K_INT, AuIbContractData, under_con_id),
  F (K_TEXT, AuIbContractData, long_name),
  F (K_STRING, AuIbContractData, contract.primary_exchange),      /* 20 */
  F (K_STRING, AuIbContractData, contract_month),
  F (K_STRING, AuIbContractData, industry),
  F (K_STRING, AuIbContractData, category),
  F (K_STRING, AuIbContractData, subcategory),
  F (K_STRING, AuIbContractData, time_zone_id),                   /* 25 */
  F (K_STRING, AuIbContractData, trading_hours),
  F (K_STRING, AuIbContractData, liquid_hours),
  F (K_STRING, AuIbContractData, ev_rule),
  F (K_INT, AuIbContractData, ev_multiplier),                     /* 29 */
};
static const Spec contract_data_2[] = {
  F (K_INT_MAX, AuIbContractData, agg_group),                     /* 31+2n */
  F (K_STRING, AuIbContractData, under_symbol),
  F (K_STRING, AuIbContractData, under_sec_type),
  F (K_STRING, AuIbContractData, market_rule_ids),
  F (K_STRING, AuIbContractData, real_expiration_date),
  F (K_STRING, AuIbContractData, stock_type),
  F (K_DECIMAL, AuIbContractData, min_size),
  F (K_DECIMAL, AuIbContractData, size_increment),
  F (K_DECIMAL, AuIbContractData, suggested_size_increment),      /* 39+2n */
};
static const Spec sec_def_1[] = {
  F (K_INT, AuIbSecDefOptParams, req_id),
  F (K_STRING, AuIbSecDefOptParams, exchange),
  F (K_INT, AuIbSecDefOptParams, underlying_con_id),
  F (K_STRING, AuIbSecDefOptParams, trading_class),
  F (K_STRING, AuIbSecDefOptParams, multiplier),
};
static const Spec historical_data_1[] = {
  F (K_INT, AuIbHistoricalData, req_id),
  F (K_STRING, AuIbHistoricalData, start),
  F (K_STRING, AuIbHistoricalData, end),
};
static const Spec bar_specs[] = {
  F (K_STRING, AuIbBar, date),
  F (K_DOUBLE, AuIbBar, open),
  F (K_DOUBLE, AuIbBar, high),
  F (K_DOUBLE, AuIbBar, low),
  F (K_DOUBLE, AuIbBar, close),
  F (K_DECIMAL, AuIbBar, volume),
  F (K_DECIMAL, AuIbBar, wap),
  F (K_INT, AuIbBar, bar_count),
};
/* §7.10: the update has its own order: count, date, open, close, high,
 * low, wap, volume. */
static const Spec historical_data_update_specs[] = {
  F (K_INT, AuIbHistoricalDataUpdate, req_id),
  F (K_INT, AuIbHistoricalDataUpdate, bar.bar_count),
  F (K_STRING, AuIbHistoricalDataUpdate, bar.date),
  F (K_DOUBLE, AuIbHistoricalDataUpdate, bar.open),
  F (K_DOUBLE, AuIbHistoricalDataUpdate, bar.close),
  F (K_DOUBLE, AuIbHistoricalDataUpdate, bar.high),
  F (K_DOUBLE, AuIbHistoricalDataUpdate, bar.low),
  F (K_DECIMAL, AuIbHistoricalDataUpdate, bar.wap),
  F (K_DECIMAL, AuIbHistoricalDataUpdate, bar.volume),
};
static const Spec historical_data_end_specs[] = {
  F (K_INT, AuIbHistoricalDataEnd, req_id),
  F (K_STRING, AuIbHistoricalDataEnd, start),
  F (K_STRING, AuIbHistoricalDataEnd, end),
};
static const Spec order_status_specs[] = {
  F (K_INT, AuIbOrderStatus, order_id),
  F (K_STRING, AuIbOrderStatus, status),
  F (K_DECIMAL, AuIbOrderStatus, filled),
  F (K_DECIMAL, AuIbOrderStatus, remaining),
  F (K_DOUBLE, AuIbOrderStatus, avg_fill_price),
  F (K_LONG, AuIbOrderStatus, perm_id),
  F (K_INT, AuIbOrderStatus, parent_id),
  F (K_DOUBLE, AuIbOrderStatus, last_fill_price),
  F (K_INT, AuIbOrderStatus, client_id),
  F (K_STRING, AuIbOrderStatus, why_held),
  F (K_DOUBLE, AuIbOrderStatus, mkt_cap_price),
};
static const Spec execution_specs[] = {
  F (K_INT, AuIbExecution, req_id),
  F (K_INT, AuIbExecution, order_id),
  F (K_INT, AuIbExecution, contract.con_id),
  F (K_STRING, AuIbExecution, contract.symbol),
  F (K_STRING, AuIbExecution, contract.sec_type),                 /* 5 */
  F (K_STRING, AuIbExecution, contract.last_trade_date),
  F (K_DOUBLE, AuIbExecution, contract.strike),
  F (K_STRING, AuIbExecution, contract.right),
  F (K_STRING, AuIbExecution, contract.multiplier),
  F (K_STRING, AuIbExecution, contract.exchange),                 /* 10 */
  F (K_STRING, AuIbExecution, contract.currency),
  F (K_STRING, AuIbExecution, contract.local_symbol),
  F (K_STRING, AuIbExecution, contract.trading_class),
  F (K_STRING, AuIbExecution, exec_id),
  F (K_STRING, AuIbExecution, time),                              /* 15 */
  F (K_STRING, AuIbExecution, account),
  F (K_STRING, AuIbExecution, exec_exchange),
  F (K_STRING, AuIbExecution, side),
  F (K_DECIMAL, AuIbExecution, shares),
  F (K_DOUBLE, AuIbExecution, price),                             /* 20 */
  F (K_LONG, AuIbExecution, perm_id),
  F (K_INT, AuIbExecution, client_id),
  F (K_INT, AuIbExecution, liquidation),
  F (K_DECIMAL, AuIbExecution, cum_qty),
  F (K_DOUBLE, AuIbExecution, avg_price),                         /* 25 */
  F (K_STRING, AuIbExecution, order_ref),
  F (K_STRING, AuIbExecution, ev_rule),
  F (K_DOUBLE, AuIbExecution, ev_multiplier),
  F (K_STRING, AuIbExecution, model_code),
  F (K_INT, AuIbExecution, last_liquidity),                       /* 30 */
};
static const Spec commission_report_specs[] = {
  VERSION ("1"),
  F (K_STRING, AuIbCommissionReport, exec_id),
  F (K_DOUBLE, AuIbCommissionReport, commission),
  F (K_STRING, AuIbCommissionReport, currency),
  F (K_DOUBLE_MAX, AuIbCommissionReport, realized_pnl),
  F (K_DOUBLE_MAX, AuIbCommissionReport, yield),
  F (K_INT, AuIbCommissionReport, yield_redemption_date),
};
static const Spec order_bound_specs[] = {
  F (K_LONG, AuIbOrderBound, perm_id),
  F (K_INT, AuIbOrderBound, client_id),
  F (K_INT, AuIbOrderBound, order_id),
};

/* OPEN_ORDER (§7.11): 127 fields after the id for a plain order. */
static const Spec open_order_1[] = {
  F (K_INT, AuIbOpenOrder, order_id),                             /* 1 */
  F (K_INT, AuIbOpenOrder, contract.con_id),
  F (K_STRING, AuIbOpenOrder, contract.symbol),
  F (K_STRING, AuIbOpenOrder, contract.sec_type),
  F (K_STRING, AuIbOpenOrder, contract.last_trade_date),          /* 5 */
  F (K_DOUBLE, AuIbOpenOrder, contract.strike),
  F (K_STRING, AuIbOpenOrder, contract.right),
  F (K_STRING, AuIbOpenOrder, contract.multiplier),
  F (K_STRING, AuIbOpenOrder, contract.exchange),
  F (K_STRING, AuIbOpenOrder, contract.currency),                 /* 10 */
  F (K_STRING, AuIbOpenOrder, contract.local_symbol),
  F (K_STRING, AuIbOpenOrder, contract.trading_class),
  F (K_STRING, AuIbOpenOrder, action),
  F (K_DECIMAL, AuIbOpenOrder, total_quantity),
  F (K_STRING, AuIbOpenOrder, order_type),                        /* 15 */
  F (K_DOUBLE_MAX, AuIbOpenOrder, lmt_price),
  F (K_DOUBLE_MAX, AuIbOpenOrder, aux_price),
  F (K_STRING, AuIbOpenOrder, tif),
  C ("ocaGroup", ""),
  F (K_STRING, AuIbOpenOrder, account),                           /* 20 */
  C ("openClose", ""), C ("origin", "0"),
  F (K_STRING, AuIbOpenOrder, order_ref),
  F (K_INT, AuIbOpenOrder, client_id),
  F (K_LONG, AuIbOpenOrder, perm_id),                             /* 25 */
  F (K_BOOL, AuIbOpenOrder, outside_rth),
  C ("hidden", "0"), C ("discretionaryAmt", "0"), C ("goodAfterTime", ""),
  C ("sharesAllocation", ""), C ("faGroup", ""), C ("faMethod", ""),  /* 30–32 */
  C ("faPercentage", ""), C ("faProfile", ""), C ("modelCode", ""),   /* 33–35 */
  C ("goodTillDate", ""), C ("rule80A", ""), C ("percentOffset", ""),
  C ("settlingFirm", ""), C ("shortSaleSlot", "0"),               /* 39–40 */
  C ("designatedLocation", ""), C ("exemptCode", "-1"), C ("auctionStrategy", "0"),
  C ("startingPrice", ""), C ("stockRefPrice", ""), C ("delta", ""),  /* 44–46 */
  C ("stockRangeLower", ""), C ("stockRangeUpper", ""), C ("displaySize", ""),
  C ("blockOrder", "0"), C ("sweepToFill", "0"), C ("allOrNone", "0"),  /* 50–52 */
  C ("minQty", ""), C ("ocaType", "3"), C ("eTradeOnly", "0"),
  C ("firmQuoteOnly", "0"), C ("nbboPriceCap", ""),               /* 56–57 */
  F (K_INT, AuIbOpenOrder, parent_id),                            /* 58 */
  C ("triggerMethod", "0"), C ("volatility", ""), C ("volatilityType", "0"),
  GF (K_STRING, dn_order_type),                                   /* 62 */
  C ("deltaNeutralAuxPrice", ""),                                 /* 63 */
};
static const Spec open_order_2[] = {
  C ("continuousUpdate", "0"), C ("referencePriceType", "0"),     /* 64–65 */
  C ("trailStopPrice", ""), C ("trailingPercent", ""), C ("basisPoints", ""),
  C ("basisPointsType", ""), C ("comboLegsDescrip", ""),          /* 69–70 */
};
static const Spec open_order_3[] = {
  C ("scaleInitLevelSize", ""), C ("scaleSubsLevelSize", ""),     /* 74–75 */
  GF (K_DOUBLE_MAX, scale_price_increment),                       /* 76 */
};
static const Spec open_order_4[] = {
  C ("optOutSmartRouting", "0"), C ("clearingAccount", ""),       /* 78–79 */
  C ("clearingIntent", ""), C ("notHeld", "0"),
  GF (K_BOOL, dn_contract),                                       /* 82 */
};
static const Spec open_order_5[] = {
  C ("solicited", "0"),                                           /* 84 */
  F (K_BOOL, AuIbOpenOrder, what_if),
  F (K_STRING, AuIbOpenOrder, status),
  C ("initMarginBefore", DMAX), C ("maintMarginBefore", DMAX),    /* 87–88 */
  C ("equityWithLoanBefore", DMAX),
  F (K_STRING, AuIbOpenOrder, init_margin_change),                /* 90 */
  F (K_STRING, AuIbOpenOrder, maint_margin_change),
  F (K_STRING, AuIbOpenOrder, equity_with_loan_change),
  F (K_STRING, AuIbOpenOrder, init_margin_after),
  F (K_STRING, AuIbOpenOrder, maint_margin_after),
  F (K_STRING, AuIbOpenOrder, equity_with_loan_after),            /* 95 */
  F (K_DOUBLE_MAX, AuIbOpenOrder, commission),
  F (K_DOUBLE_MAX, AuIbOpenOrder, min_commission),
  F (K_DOUBLE_MAX, AuIbOpenOrder, max_commission),
  F (K_STRING, AuIbOpenOrder, commission_currency),
  F (K_STRING, AuIbOpenOrder, warning_text),                      /* 100 */
  C ("randomizeSize", "0"), C ("randomizePrice", "0"),            /* 101–102 */
};
static const Spec open_order_6[] = {
  C ("adjustedOrderType", ""),                                    /* 104 */
  C ("triggerPrice", DMAX), C ("trailStopPrice", DMAX), C ("lmtPriceOffset", DMAX),
  C ("adjustedStopPrice", DMAX), C ("adjustedStopLimitPrice", DMAX),
  C ("adjustedTrailingAmount", DMAX),                             /* 110 */
  C ("adjustableTrailingUnit", "0"), C ("softDollarTierName", ""),
  C ("softDollarTierValue", ""), C ("softDollarTierDisplayName", ""),
  C ("cashQty", DMAX), C ("dontUseAutoPriceForHedge", "0"),       /* 115–116 */
  C ("isOmsContainer", "0"), C ("discretionaryUpToLimitPrice", "0"),
  C ("usePriceMgmtAlgo", "0"), C ("duration", IMAX), C ("postToAts", IMAX),  /* 119–121 */
  C ("autoCancelParent", "0"), C ("minTradeQty", IMAX), C ("minCompeteSize", IMAX),
  C ("competeAgainstBestOffset", DMAX), C ("midOffsetAtWhole", DMAX),
  C ("midOffsetAtHalf", DMAX),                                    /* 127 */
};

/* COMPLETED_ORDER: 96 fields at sv 176 (§7.14, §11). IB's decoder
 * reads the same order groups as OPEN_ORDER in this sequence: contract,
 * action … orderRef, permId, outsideRth, hidden, discretionaryAmt,
 * goodAfterTime, FA params (4 with faProfile), modelCode, goodTillDate,
 * rule80A, percentOffset, settlingFirm, short-sale (3), box (3), peg to
 * stock (2), displaySize, sweepToFill, allOrNone, minQty, ocaType,
 * triggerMethod, vol params without the open-order attributes, trail (2),
 * combo legs, smart routing, scale, hedge, clearing (2), notHeld, delta
 * neutral, algo, solicited, status, randomize (2), peg bench, conditions,
 * stop price + limit offset, cashQty, dontUseAutoPriceForHedge,
 * isOmsContainer, autoCancelDate, filledQuantity, refFuturesConId,
 * autoCancelParent, shareholder, imbalanceOnly, routeMarketableToBbo,
 * parentPermId, completedTime, completedStatus, then (sv >= 170) the 5
 * peg best/mid fields: 96, matching §11's measured count. */
static const Spec completed_order_1[] = {
  F (K_INT, AuIbCompletedOrder, contract.con_id),                 /* 1 */
  F (K_STRING, AuIbCompletedOrder, contract.symbol),
  F (K_STRING, AuIbCompletedOrder, contract.sec_type),
  F (K_STRING, AuIbCompletedOrder, contract.last_trade_date),
  F (K_DOUBLE, AuIbCompletedOrder, contract.strike),              /* 5 */
  F (K_STRING, AuIbCompletedOrder, contract.right),
  F (K_STRING, AuIbCompletedOrder, contract.multiplier),
  F (K_STRING, AuIbCompletedOrder, contract.exchange),
  F (K_STRING, AuIbCompletedOrder, contract.currency),
  F (K_STRING, AuIbCompletedOrder, contract.local_symbol),        /* 10 */
  F (K_STRING, AuIbCompletedOrder, contract.trading_class),
  F (K_STRING, AuIbCompletedOrder, action),
  F (K_DECIMAL, AuIbCompletedOrder, total_quantity),
  F (K_STRING, AuIbCompletedOrder, order_type),
  F (K_DOUBLE_MAX, AuIbCompletedOrder, lmt_price),                /* 15 */
  F (K_DOUBLE_MAX, AuIbCompletedOrder, aux_price),
  F (K_STRING, AuIbCompletedOrder, tif),
  C ("ocaGroup", ""),
  F (K_STRING, AuIbCompletedOrder, account),
  C ("openClose", ""), C ("origin", "0"),                         /* 20–21 */
  F (K_STRING, AuIbCompletedOrder, order_ref),
  F (K_LONG, AuIbCompletedOrder, perm_id),
  C ("outsideRth", "0"), C ("hidden", "0"), C ("discretionaryAmt", "0"),  /* 24–26 */
  C ("goodAfterTime", ""), C ("faGroup", ""), C ("faMethod", ""),
  C ("faPercentage", ""), C ("faProfile", ""), C ("modelCode", ""),       /* 30–32 */
  C ("goodTillDate", ""), C ("rule80A", ""), C ("percentOffset", ""),
  C ("settlingFirm", ""), C ("shortSaleSlot", "0"), C ("designatedLocation", ""),
  C ("exemptCode", "-1"), C ("startingPrice", ""), C ("stockRefPrice", ""),  /* 39–41 */
  C ("delta", ""), C ("stockRangeLower", ""), C ("stockRangeUpper", ""),
  C ("displaySize", ""), C ("sweepToFill", "0"), C ("allOrNone", "0"),    /* 45–47 */
  C ("minQty", ""), C ("ocaType", "0"), C ("triggerMethod", "0"),
  C ("volatility", ""), C ("volatilityType", "0"),                /* 51–52 */
  GF (K_STRING, dn_order_type),                                   /* 53 */
  C ("deltaNeutralAuxPrice", ""),
};
static const Spec completed_order_2[] = {
  C ("continuousUpdate", "0"), C ("referencePriceType", "0"),     /* 55–56 */
  C ("trailStopPrice", ""), C ("trailingPercent", ""), C ("comboLegsDescrip", ""),
};
static const Spec completed_order_3[] = {
  C ("scaleInitLevelSize", ""), C ("scaleSubsLevelSize", ""),     /* 63–64 */
  GF (K_DOUBLE_MAX, scale_price_increment),
};
static const Spec completed_order_4[] = {
  C ("clearingAccount", ""), C ("clearingIntent", ""), C ("notHeld", "0"),  /* 67–69 */
  GF (K_BOOL, dn_contract),
};
static const Spec completed_order_5[] = {
  C ("solicited", "0"),                                           /* 72 */
  F (K_STRING, AuIbCompletedOrder, status),
  C ("randomizeSize", "0"), C ("randomizePrice", "0"),
};
static const Spec completed_order_6[] = {
  C ("trailStopPrice", DMAX), C ("lmtPriceOffset", DMAX), C ("cashQty", DMAX),  /* 77–79 */
  C ("dontUseAutoPriceForHedge", "0"), C ("isOmsContainer", "0"),
  C ("autoCancelDate", ""),
  F (K_DECIMAL, AuIbCompletedOrder, filled_quantity),             /* 83 */
  C ("refFuturesConId", "0"), C ("autoCancelParent", "0"), C ("shareholder", ""),
  C ("imbalanceOnly", "0"), C ("routeMarketableToBbo", "0"),
  F (K_LONG, AuIbCompletedOrder, parent_perm_id),                 /* 89 */
  F (K_STRING, AuIbCompletedOrder, completed_time),
  F (K_STRING, AuIbCompletedOrder, completed_status),
  C ("minTradeQty", IMAX), C ("minCompeteSize", IMAX),            /* 92–93 */
  C ("competeAgainstBestOffset", DMAX), C ("midOffsetAtWhole", DMAX),
  C ("midOffsetAtHalf", DMAX),                                    /* 96 */
};

#define SPECS(a) a, G_N_ELEMENTS (a)

/* Order groups (§6.13, §7.11) */

static gboolean
check_order_kind (AuIbReader  *reader,
                  const char  *sec_type,
                  const char  *order_type,
                  const char  *exchange,
                  GError     **error)
{
  /* These change the layout in ways we neither send nor need (§6.13). */
  if (g_strcmp0 (sec_type, "BAG") == 0)
    return unsupported (reader, "a combo (BAG) contract", error);
  if (g_strcmp0 (order_type, "PEG BENCH") == 0 || g_strcmp0 (order_type, "PEG BEST") == 0
      || g_strcmp0 (order_type, "PEG MID") == 0)
    return unsupported (reader, "a pegged order type", error);
  if (g_strcmp0 (exchange, "IBKRATS") == 0)
    return unsupported (reader, "the IBKRATS exchange", error);
  return TRUE;
}

static gboolean
read_place_order (AuIbReader  *reader,
                  gpointer     msg,
                  GError     **error)
{
  AuIbPlaceOrder *o = msg;
  Groups g = { 0 };

  if (!decode_specs (reader, SPECS (place_order_1), o, &g, error)
      || !check_order_kind (reader, o->contract.sec_type, o->order_type,
                            o->contract.exchange, error)
      || !decode_specs (reader, SPECS (place_order_2), o, &g, error))
    return FALSE;
  if (is_set (g.dn_order_type))
    return unsupported (reader, "a delta-neutral order", error);
  if (!decode_specs (reader, SPECS (place_order_3), o, &g, error))
    return FALSE;
  if (g.scale_price_increment > 0 && g.scale_price_increment != AU_IB_UNSET_DOUBLE)
    return unsupported (reader, "a scale order", error);
  if (!decode_specs (reader, SPECS (place_order_4), o, &g, error))
    return FALSE;
  if (is_set (g.hedge_type))
    return unsupported (reader, "a hedge order", error);
  if (!decode_specs (reader, SPECS (place_order_5), o, &g, error))
    return FALSE;
  if (g.dn_contract)
    return unsupported (reader, "a delta-neutral contract", error);
  /* An algo (e.g. IB Adaptive) is count + tag/value pairs: skipped. */
  if (is_set (g.algo_strategy) && !skip_group (reader, "algoParamsCount", 2, error))
    return FALSE;
  if (!decode_specs (reader, SPECS (place_order_6), o, &g, error))
    return FALSE;
  if (g.conditions != 0)
    return unsupported (reader, "an order with conditions", error);
  return decode_specs (reader, SPECS (place_order_7), o, &g, error);
}

static void
write_place_order (AuIbWriter    *writer,
                   gconstpointer  msg)
{
  const AuIbPlaceOrder *o = msg;
  Groups g = { 0 };

  g.scale_price_increment = AU_IB_UNSET_DOUBLE;
  encode_specs (writer, SPECS (place_order_1), o, &g);
  encode_specs (writer, SPECS (place_order_2), o, &g);
  encode_specs (writer, SPECS (place_order_3), o, &g);
  encode_specs (writer, SPECS (place_order_4), o, &g);
  encode_specs (writer, SPECS (place_order_5), o, &g);
  encode_specs (writer, SPECS (place_order_6), o, &g);
  encode_specs (writer, SPECS (place_order_7), o, &g);
}

/* The groups shared by OPEN_ORDER and COMPLETED_ORDER after the
 * delta-neutral order type. @dn_fields is 8 in OPEN_ORDER, 4 in
 * COMPLETED_ORDER (no open-order attributes there). */
static gboolean
skip_dn_and_combo (AuIbReader  *reader,
                   Groups      *g,
                   guint        dn_fields,
                   GError     **error)
{
  if (is_set (g->dn_order_type)
      && !au_ib_read_skip (reader, "deltaNeutralOrder", dn_fields, error))
    return FALSE;
  return TRUE;
}

static gboolean
skip_legs (AuIbReader  *reader,
           GError     **error)
{
  return skip_group (reader, "comboLegsCount", 8, error)
         && skip_group (reader, "orderComboLegsCount", 1, error)
         && skip_group (reader, "smartComboRoutingParamsCount", 2, error);
}

static gboolean
skip_scale_hedge (AuIbReader  *reader,
                  Groups      *g,
                  GError     **error)
{
  if (g->scale_price_increment > 0 && g->scale_price_increment != AU_IB_UNSET_DOUBLE
      && !au_ib_read_skip (reader, "scaleParams", 7, error))
    return FALSE;
  if (!au_ib_read_string (reader, "hedgeType", &g->hedge_type, error))
    return FALSE;
  if (is_set (g->hedge_type) && !au_ib_read_skip (reader, "hedgeParam", 1, error))
    return FALSE;
  return TRUE;
}

static gboolean
skip_dn_contract_algo (AuIbReader  *reader,
                       Groups      *g,
                       GError     **error)
{
  if (g->dn_contract && !au_ib_read_skip (reader, "deltaNeutralContract", 3, error))
    return FALSE;
  if (!au_ib_read_string (reader, "algoStrategy", &g->algo_strategy, error))
    return FALSE;
  if (is_set (g->algo_strategy) && !skip_group (reader, "algoParamsCount", 2, error))
    return FALSE;
  return TRUE;
}

static gboolean
skip_bench_conditions (AuIbReader  *reader,
                       const char  *order_type,
                       GError     **error)
{
  int conditions = 0;

  if (g_strcmp0 (order_type, "PEG BENCH") == 0
      && !au_ib_read_skip (reader, "pegBenchParams", 5, error))
    return FALSE;
  if (!au_ib_read_int (reader, "conditionsCount", &conditions, error))
    return FALSE;
  /* The condition layouts are not in our reference: refuse, do not guess. */
  if (conditions != 0)
    return unsupported (reader, "an order with conditions", error);
  return TRUE;
}

/* OPEN_ORDER and COMPLETED_ORDER read the order groups in one sequence
 * (§7.11, §7.14): six runs of fields with the groups between them. */
typedef struct
{
  const Spec *specs;
  gsize       n_specs;
} SpecRun;

typedef struct
{
  SpecRun runs[6];
  guint   dn_fields;           /* 8 in OPEN_ORDER, 4 in COMPLETED_ORDER */
  gsize   order_type_offset;   /* read in the first run, checked for PEG BENCH */
} OrderLayout;

static const OrderLayout open_order_layout = {
  { { SPECS (open_order_1) }, { SPECS (open_order_2) }, { SPECS (open_order_3) },
    { SPECS (open_order_4) }, { SPECS (open_order_5) }, { SPECS (open_order_6) } },
  8, G_STRUCT_OFFSET (AuIbOpenOrder, order_type),
};

static const OrderLayout completed_order_layout = {
  { { SPECS (completed_order_1) }, { SPECS (completed_order_2) }, { SPECS (completed_order_3) },
    { SPECS (completed_order_4) }, { SPECS (completed_order_5) }, { SPECS (completed_order_6) } },
  4, G_STRUCT_OFFSET (AuIbCompletedOrder, order_type),
};

static gboolean
read_order (AuIbReader         *reader,
            const OrderLayout  *layout,
            gpointer            o,
            GError            **error)
{
  const SpecRun *r = layout->runs;
  Groups g = { 0 };

  return decode_specs (reader, r[0].specs, r[0].n_specs, o, &g, error)
         && skip_dn_and_combo (reader, &g, layout->dn_fields, error)
         && decode_specs (reader, r[1].specs, r[1].n_specs, o, &g, error)
         && skip_legs (reader, error)
         && decode_specs (reader, r[2].specs, r[2].n_specs, o, &g, error)
         && skip_scale_hedge (reader, &g, error)
         && decode_specs (reader, r[3].specs, r[3].n_specs, o, &g, error)
         && skip_dn_contract_algo (reader, &g, error)
         && decode_specs (reader, r[4].specs, r[4].n_specs, o, &g, error)
         && skip_bench_conditions (reader,
                                   G_STRUCT_MEMBER (const char *, o, layout->order_type_offset),
                                   error)
         && decode_specs (reader, r[5].specs, r[5].n_specs, o, &g, error);
}

/* A plain order: every group count 0, every group type empty. */
static void
write_order (AuIbWriter         *writer,
             const OrderLayout  *layout,
             gconstpointer       o)
{
  const SpecRun *r = layout->runs;
  Groups g = { 0 };

  g.scale_price_increment = AU_IB_UNSET_DOUBLE;
  encode_specs (writer, r[0].specs, r[0].n_specs, o, &g);
  encode_specs (writer, r[1].specs, r[1].n_specs, o, &g);
  au_ib_write_raw (writer, "0");   /* comboLegsCount */
  au_ib_write_raw (writer, "0");   /* orderComboLegsCount */
  au_ib_write_raw (writer, "0");   /* smartComboRoutingParamsCount */
  encode_specs (writer, r[2].specs, r[2].n_specs, o, &g);
  au_ib_write_raw (writer, "");    /* hedgeType */
  encode_specs (writer, r[3].specs, r[3].n_specs, o, &g);
  au_ib_write_raw (writer, "");    /* algoStrategy */
  encode_specs (writer, r[4].specs, r[4].n_specs, o, &g);
  au_ib_write_raw (writer, "0");   /* conditionsCount */
  encode_specs (writer, r[5].specs, r[5].n_specs, o, &g);
}

static gboolean
read_open_order (AuIbReader  *reader,
                 gpointer     msg,
                 GError     **error)
{
  return read_order (reader, &open_order_layout, msg, error);
}

static void
write_open_order (AuIbWriter    *writer,
                  gconstpointer  msg)
{
  write_order (writer, &open_order_layout, msg);
}

static gboolean
read_completed_order (AuIbReader  *reader,
                      gpointer     msg,
                      GError     **error)
{
  return read_order (reader, &completed_order_layout, msg, error);
}

static void
write_completed_order (AuIbWriter    *writer,
                       gconstpointer  msg)
{
  write_order (writer, &completed_order_layout, msg);
}

/* Messages with lists */

static gboolean
read_contract_data (AuIbReader  *reader,
                    gpointer     msg,
                    GError     **error)
{
  AuIbContractData *c = msg;
  int n = 0;

  if (!decode_specs (reader, SPECS (contract_data_1), c, NULL, error)
      || !read_count (reader, "secIdListCount", 2, &n, error))
    return FALSE;
  c->sec_ids = g_new0 (AuIbTagValue, MAX (n, 1));
  c->n_sec_ids = (guint) n;
  for (int i = 0; i < n; i++)
    if (!au_ib_read_string (reader, "secIdList.tag", &c->sec_ids[i].tag, error)
        || !au_ib_read_string (reader, "secIdList.value", &c->sec_ids[i].value, error))
      return FALSE;
  return decode_specs (reader, SPECS (contract_data_2), c, NULL, error);
}

static void
write_contract_data (AuIbWriter    *writer,
                     gconstpointer  msg)
{
  const AuIbContractData *c = msg;
  encode_specs (writer, SPECS (contract_data_1), c, NULL);
  au_ib_write_int (writer, "secIdListCount", (int) c->n_sec_ids);
  for (guint i = 0; i < c->n_sec_ids; i++)
    {
      au_ib_write_string (writer, "secIdList.tag", c->sec_ids[i].tag);
      au_ib_write_string (writer, "secIdList.value", c->sec_ids[i].value);
    }
  encode_specs (writer, SPECS (contract_data_2), c, NULL);
}

static gboolean
read_sec_def (AuIbReader  *reader,
              gpointer     msg,
              GError     **error)
{
  AuIbSecDefOptParams *s = msg;
  int n = 0;

  if (!decode_specs (reader, SPECS (sec_def_1), s, NULL, error)
      || !read_count (reader, "expirationsCount", 1, &n, error))
    return FALSE;
  s->expirations = g_new0 (const char *, MAX (n, 1));
  s->n_expirations = (guint) n;
  for (int i = 0; i < n; i++)
    if (!au_ib_read_string (reader, "expiration", &s->expirations[i], error))
      return FALSE;
  if (!read_count (reader, "strikesCount", 1, &n, error))
    return FALSE;
  s->strikes = g_new0 (double, MAX (n, 1));
  s->n_strikes = (guint) n;
  for (int i = 0; i < n; i++)
    if (!au_ib_read_double (reader, "strike", &s->strikes[i], error))
      return FALSE;
  return TRUE;
}

static void
write_sec_def (AuIbWriter    *writer,
               gconstpointer  msg)
{
  const AuIbSecDefOptParams *s = msg;
  encode_specs (writer, SPECS (sec_def_1), s, NULL);
  au_ib_write_int (writer, "expirationsCount", (int) s->n_expirations);
  for (guint i = 0; i < s->n_expirations; i++)
    au_ib_write_string (writer, "expiration", s->expirations[i]);
  au_ib_write_int (writer, "strikesCount", (int) s->n_strikes);
  for (guint i = 0; i < s->n_strikes; i++)
    au_ib_write_double (writer, "strike", s->strikes[i]);
}

static gboolean
read_historical_data (AuIbReader  *reader,
                      gpointer     msg,
                      GError     **error)
{
  AuIbHistoricalData *h = msg;
  int n = 0;

  if (!decode_specs (reader, SPECS (historical_data_1), h, NULL, error)
      || !read_count (reader, "barCount", G_N_ELEMENTS (bar_specs), &n, error))
    return FALSE;
  h->bars = g_new0 (AuIbBar, MAX (n, 1));
  h->n_bars = (guint) n;
  for (int i = 0; i < n; i++)
    if (!decode_specs (reader, SPECS (bar_specs), &h->bars[i], NULL, error))
      return FALSE;
  return TRUE;
}

static void
write_historical_data (AuIbWriter    *writer,
                       gconstpointer  msg)
{
  const AuIbHistoricalData *h = msg;
  encode_specs (writer, SPECS (historical_data_1), h, NULL);
  au_ib_write_int (writer, "barCount", (int) h->n_bars);
  for (guint i = 0; i < h->n_bars; i++)
    encode_specs (writer, SPECS (bar_specs), &h->bars[i], NULL);
}

/* Dispatch tables */

typedef gboolean (*ReadFunc)  (AuIbReader *reader, gpointer msg, GError **error);
typedef void     (*WriteFunc) (AuIbWriter *writer, gconstpointer msg);

typedef struct
{
  int         id;
  const char *name;
  const Spec *specs;
  gsize       n_specs;
  ReadFunc    read;    /* messages with groups: instead of @specs */
  WriteFunc   write;
} Layout;

#define PLAIN(id, name, specs) { id, name, specs, G_N_ELEMENTS (specs), NULL, NULL }
#define EMPTY(id, name)        { id, name, NULL, 0, NULL, NULL }
#define CUSTOM(id, name, r, w) { id, name, NULL, 0, r, w }

static const Layout out_layouts[] = {
  PLAIN (AU_IB_OUT_REQ_MKT_DATA, "REQ_MKT_DATA", req_mkt_data_specs),
  PLAIN (AU_IB_OUT_CANCEL_MKT_DATA, "CANCEL_MKT_DATA", cancel_v2_specs),
  CUSTOM (AU_IB_OUT_PLACE_ORDER, "PLACE_ORDER", read_place_order, write_place_order),
  PLAIN (AU_IB_OUT_CANCEL_ORDER, "CANCEL_ORDER", cancel_order_specs),
  PLAIN (AU_IB_OUT_REQ_OPEN_ORDERS, "REQ_OPEN_ORDERS", version1_specs),
  PLAIN (AU_IB_OUT_REQ_ACCT_DATA, "REQ_ACCT_DATA", req_acct_data_specs),
  PLAIN (AU_IB_OUT_REQ_EXECUTIONS, "REQ_EXECUTIONS", req_executions_specs),
  PLAIN (AU_IB_OUT_REQ_IDS, "REQ_IDS", req_ids_specs),
  PLAIN (AU_IB_OUT_REQ_CONTRACT_DATA, "REQ_CONTRACT_DATA", req_contract_data_specs),
  PLAIN (AU_IB_OUT_REQ_ALL_OPEN_ORDERS, "REQ_ALL_OPEN_ORDERS", version1_specs),
  PLAIN (AU_IB_OUT_REQ_MANAGED_ACCTS, "REQ_MANAGED_ACCTS", version1_specs),
  PLAIN (AU_IB_OUT_REQ_HISTORICAL_DATA, "REQ_HISTORICAL_DATA", req_historical_data_specs),
  PLAIN (AU_IB_OUT_CANCEL_HISTORICAL_DATA, "CANCEL_HISTORICAL_DATA", cancel_v1_specs),
  PLAIN (AU_IB_OUT_REQ_CURRENT_TIME, "REQ_CURRENT_TIME", version1_specs),
  PLAIN (AU_IB_OUT_REQ_GLOBAL_CANCEL, "REQ_GLOBAL_CANCEL", version1_specs),
  PLAIN (AU_IB_OUT_REQ_MARKET_DATA_TYPE, "REQ_MARKET_DATA_TYPE", req_market_data_type_specs),
  PLAIN (AU_IB_OUT_REQ_POSITIONS, "REQ_POSITIONS", version1_specs),
  PLAIN (AU_IB_OUT_REQ_ACCOUNT_SUMMARY, "REQ_ACCOUNT_SUMMARY", req_account_summary_specs),
  PLAIN (AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY, "CANCEL_ACCOUNT_SUMMARY", cancel_v1_specs),
  PLAIN (AU_IB_OUT_CANCEL_POSITIONS, "CANCEL_POSITIONS", version1_specs),
  PLAIN (AU_IB_OUT_START_API, "START_API", start_api_specs),
  PLAIN (AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS, "REQ_SEC_DEF_OPT_PARAMS", req_sec_def_opt_params_specs),
  PLAIN (AU_IB_OUT_REQ_COMPLETED_ORDERS, "REQ_COMPLETED_ORDERS", req_completed_orders_specs),
};

static const Layout in_layouts[] = {
  PLAIN (AU_IB_IN_TICK_PRICE, "TICK_PRICE", tick_price_specs),
  PLAIN (AU_IB_IN_TICK_SIZE, "TICK_SIZE", tick_size_specs),
  PLAIN (AU_IB_IN_ORDER_STATUS, "ORDER_STATUS", order_status_specs),
  PLAIN (AU_IB_IN_ERR_MSG, "ERR_MSG", err_msg_specs),
  CUSTOM (AU_IB_IN_OPEN_ORDER, "OPEN_ORDER", read_open_order, write_open_order),
  PLAIN (AU_IB_IN_ACCT_VALUE, "ACCT_VALUE", acct_value_specs),
  PLAIN (AU_IB_IN_PORTFOLIO_VALUE, "PORTFOLIO_VALUE", portfolio_value_specs),
  PLAIN (AU_IB_IN_ACCT_UPDATE_TIME, "ACCT_UPDATE_TIME", acct_update_time_specs),
  PLAIN (AU_IB_IN_NEXT_VALID_ID, "NEXT_VALID_ID", next_valid_id_specs),
  CUSTOM (AU_IB_IN_CONTRACT_DATA, "CONTRACT_DATA", read_contract_data, write_contract_data),
  PLAIN (AU_IB_IN_EXECUTION_DATA, "EXECUTION_DATA", execution_specs),
  PLAIN (AU_IB_IN_MANAGED_ACCTS, "MANAGED_ACCTS", managed_accts_specs),
  CUSTOM (AU_IB_IN_HISTORICAL_DATA, "HISTORICAL_DATA", read_historical_data, write_historical_data),
  PLAIN (AU_IB_IN_TICK_OPTION_COMPUTATION, "TICK_OPTION_COMPUTATION", tick_option_computation_specs),
  PLAIN (AU_IB_IN_TICK_GENERIC, "TICK_GENERIC", tick_generic_specs),
  PLAIN (AU_IB_IN_TICK_STRING, "TICK_STRING", tick_string_specs),
  PLAIN (AU_IB_IN_CURRENT_TIME, "CURRENT_TIME", current_time_specs),
  PLAIN (AU_IB_IN_CONTRACT_DATA_END, "CONTRACT_DATA_END", end_v1_specs),
  PLAIN (AU_IB_IN_OPEN_ORDER_END, "OPEN_ORDER_END", version1_specs),
  PLAIN (AU_IB_IN_ACCT_DOWNLOAD_END, "ACCT_DOWNLOAD_END", acct_download_end_specs),
  PLAIN (AU_IB_IN_EXECUTION_DATA_END, "EXECUTION_DATA_END", end_v1_specs),
  PLAIN (AU_IB_IN_TICK_SNAPSHOT_END, "TICK_SNAPSHOT_END", end_v1_specs),
  PLAIN (AU_IB_IN_MARKET_DATA_TYPE, "MARKET_DATA_TYPE", market_data_type_specs),
  PLAIN (AU_IB_IN_COMMISSION_REPORT, "COMMISSION_REPORT", commission_report_specs),
  PLAIN (AU_IB_IN_POSITION_DATA, "POSITION_DATA", position_specs),
  PLAIN (AU_IB_IN_POSITION_END, "POSITION_END", version1_specs),
  PLAIN (AU_IB_IN_ACCOUNT_SUMMARY, "ACCOUNT_SUMMARY", account_summary_specs),
  PLAIN (AU_IB_IN_ACCOUNT_SUMMARY_END, "ACCOUNT_SUMMARY_END", end_v1_specs),
  CUSTOM (AU_IB_IN_SEC_DEF_OPT_PARAMS, "SECURITY_DEFINITION_OPTION_PARAMETER", read_sec_def, write_sec_def),
  PLAIN (AU_IB_IN_SEC_DEF_OPT_PARAMS_END, "SECURITY_DEFINITION_OPTION_PARAMETER_END", end_plain_specs),
  PLAIN (AU_IB_IN_TICK_REQ_PARAMS, "TICK_REQ_PARAMS", tick_req_params_specs),
  PLAIN (AU_IB_IN_HISTORICAL_DATA_UPDATE, "HISTORICAL_DATA_UPDATE", historical_data_update_specs),
  PLAIN (AU_IB_IN_ORDER_BOUND, "ORDER_BOUND", order_bound_specs),
  CUSTOM (AU_IB_IN_COMPLETED_ORDER, "COMPLETED_ORDER", read_completed_order, write_completed_order),
  EMPTY (AU_IB_IN_COMPLETED_ORDERS_END, "COMPLETED_ORDERS_END"),
  PLAIN (AU_IB_IN_HISTORICAL_DATA_END, "HISTORICAL_DATA_END", historical_data_end_specs),
};

static const Layout *
find_layout (const Layout *layouts,
             gsize         n_layouts,
             int           id)
{
  for (gsize i = 0; i < n_layouts; i++)
    if (layouts[i].id == id)
      return &layouts[i];
  return NULL;
}

const char *
au_ib_out_name (int id)
{
  const Layout *l = find_layout (out_layouts, G_N_ELEMENTS (out_layouts), id);

  return l != NULL ? l->name : "unknown request";
}

const char *
au_ib_in_name (int id)
{
  const Layout *l = find_layout (in_layouts, G_N_ELEMENTS (in_layouts), id);

  return l != NULL ? l->name : "unknown message";
}

static gboolean
encode_message (const Layout  *layouts,
                gsize          n_layouts,
                int            id,
                gconstpointer  msg,
                GByteArray    *out,
                GError       **error)
{
  const Layout *l = find_layout (layouts, n_layouts, id);
  AuIbWriter writer;

  if (l == NULL)
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE,
                   "No encoder for message id %d", id);
      return FALSE;
    }
  au_ib_writer_init (&writer, out);
  au_ib_write_int (&writer, "msgId", id);
  if (l->write != NULL)
    l->write (&writer, msg);
  else
    encode_specs (&writer, l->specs, l->n_specs, msg, NULL);
  return au_ib_writer_finish (&writer, error);
}

static gboolean
decode_message (const Layout  *layouts,
                gsize          n_layouts,
                char          *payload,
                gsize          len,
                int           *id,
                gpointer       msg,
                GError       **error)
{
  AuIbReader reader;
  const Layout *l;

  *id = -1;
  if (!au_ib_reader_init (&reader, payload, len, error))
    return FALSE;
  if (!au_ib_read_int (&reader, "msgId", id, error))
    return FALSE;
  l = find_layout (layouts, n_layouts, *id);
  if (l == NULL)
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_UNKNOWN_MESSAGE,
                   "Unknown message id %d (%u fields): skipped", *id,
                   au_ib_reader_remaining (&reader));
      return FALSE;
    }
  au_ib_reader_set_message (&reader, *id, l->name);
  if (l->read != NULL)
    {
      if (!l->read (&reader, msg, error))
        return FALSE;
    }
  else if (!decode_specs (&reader, l->specs, l->n_specs, msg, NULL, error))
    return FALSE;
  return au_ib_reader_expect_end (&reader, error);
}

gboolean
au_ib_request_encode (const AuIbRequest  *request,
                      GByteArray         *out,
                      GError            **error)
{
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (request->id == AU_IB_OUT_PLACE_ORDER)
    {
      const AuIbPlaceOrder *o = &request->u.place_order;
      AuIbReader names = { .msg_id = AU_IB_OUT_PLACE_ORDER, .msg_name = "PLACE_ORDER" };

      if (!check_order_kind (&names, o->contract.sec_type, o->order_type,
                             o->contract.exchange, error))
        return FALSE;
    }
  return encode_message (out_layouts, G_N_ELEMENTS (out_layouts), request->id,
                         &request->u, out, error);
}

gboolean
au_ib_incoming_encode (const AuIbIncoming  *message,
                       GByteArray          *out,
                       GError             **error)
{
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return encode_message (in_layouts, G_N_ELEMENTS (in_layouts), message->id,
                         &message->u, out, error);
}

gboolean
au_ib_request_decode (char         *payload,
                      gsize         len,
                      AuIbRequest  *request,
                      GError      **error)
{
  int id = -1;
  gboolean ok;

  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (request, 0, sizeof *request);
  ok = decode_message (out_layouts, G_N_ELEMENTS (out_layouts), payload, len, &id,
                       &request->u, error);
  request->id = (AuIbOutId) id;
  return ok;
}

gboolean
au_ib_incoming_decode (char          *payload,
                       gsize          len,
                       AuIbIncoming  *message,
                       GError       **error)
{
  int id = -1;
  gboolean ok;

  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (message, 0, sizeof *message);
  ok = decode_message (in_layouts, G_N_ELEMENTS (in_layouts), payload, len, &id,
                       &message->u, error);
  message->id = (AuIbInId) id;
  return ok;
}

void
au_ib_request_clear (AuIbRequest *request)
{
  g_return_if_fail (request != NULL);

  /* Requests own nothing: every string is borrowed. */
  memset (&request->u, 0, sizeof request->u);
}

void
au_ib_incoming_clear (AuIbIncoming *message)
{
  g_return_if_fail (message != NULL);

  if (message->id == AU_IB_IN_CONTRACT_DATA)
    g_clear_pointer (&message->u.contract_data.sec_ids, g_free);
  else if (message->id == AU_IB_IN_SEC_DEF_OPT_PARAMS)
    {
      g_clear_pointer (&message->u.sec_def_opt_params.expirations, g_free);
      g_clear_pointer (&message->u.sec_def_opt_params.strikes, g_free);
    }
  else if (message->id == AU_IB_IN_HISTORICAL_DATA)
    g_clear_pointer (&message->u.historical_data.bars, g_free);
  memset (&message->u, 0, sizeof message->u);
}

void
au_ib_contract_init (AuIbContract *contract)
{
  g_return_if_fail (contract != NULL);

  memset (contract, 0, sizeof *contract);
  contract->strike = AU_IB_UNSET_DOUBLE;
}

void
au_ib_place_order_init (AuIbPlaceOrder *order)
{
  g_return_if_fail (order != NULL);

  memset (order, 0, sizeof *order);
  au_ib_contract_init (&order->contract);
  order->total_quantity = AU_IB_UNSET_DECIMAL;
  order->order_type = "LMT";
  order->lmt_price = AU_IB_UNSET_DOUBLE;
  order->aux_price = AU_IB_UNSET_DOUBLE;
  order->tif = "DAY";
  order->transmit = TRUE;
}

/* au-ib-messages.h: TWS API messages at server version 176 (tws-protocol.md §5–§7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-ib-fields.h"

G_BEGIN_DECLS

/* §5.1: client → server */
typedef enum
{
  AU_IB_OUT_REQ_MKT_DATA             = 1,
  AU_IB_OUT_CANCEL_MKT_DATA          = 2,
  AU_IB_OUT_PLACE_ORDER              = 3,
  AU_IB_OUT_CANCEL_ORDER             = 4,
  AU_IB_OUT_REQ_OPEN_ORDERS          = 5,
  AU_IB_OUT_REQ_ACCT_DATA            = 6,
  AU_IB_OUT_REQ_EXECUTIONS           = 7,
  AU_IB_OUT_REQ_IDS                  = 8,
  AU_IB_OUT_REQ_CONTRACT_DATA        = 9,
  AU_IB_OUT_REQ_ALL_OPEN_ORDERS      = 16,
  AU_IB_OUT_REQ_MANAGED_ACCTS        = 17,
  AU_IB_OUT_REQ_HISTORICAL_DATA      = 20,
  AU_IB_OUT_CANCEL_HISTORICAL_DATA   = 25,
  AU_IB_OUT_REQ_CURRENT_TIME         = 49,
  AU_IB_OUT_REQ_GLOBAL_CANCEL        = 58,
  AU_IB_OUT_REQ_MARKET_DATA_TYPE     = 59,
  AU_IB_OUT_REQ_POSITIONS            = 61,
  AU_IB_OUT_REQ_ACCOUNT_SUMMARY      = 62,
  AU_IB_OUT_CANCEL_ACCOUNT_SUMMARY   = 63,
  AU_IB_OUT_CANCEL_POSITIONS         = 64,
  AU_IB_OUT_START_API                = 71,
  AU_IB_OUT_REQ_SEC_DEF_OPT_PARAMS   = 78,
  AU_IB_OUT_REQ_COMPLETED_ORDERS     = 99,
} AuIbOutId;

/* §5.2: server → client */
typedef enum
{
  AU_IB_IN_TICK_PRICE                = 1,
  AU_IB_IN_TICK_SIZE                 = 2,
  AU_IB_IN_ORDER_STATUS              = 3,
  AU_IB_IN_ERR_MSG                   = 4,
  AU_IB_IN_OPEN_ORDER                = 5,
  AU_IB_IN_ACCT_VALUE                = 6,
  AU_IB_IN_PORTFOLIO_VALUE           = 7,
  AU_IB_IN_ACCT_UPDATE_TIME          = 8,
  AU_IB_IN_NEXT_VALID_ID             = 9,
  AU_IB_IN_CONTRACT_DATA             = 10,
  AU_IB_IN_EXECUTION_DATA            = 11,
  AU_IB_IN_MANAGED_ACCTS             = 15,
  AU_IB_IN_HISTORICAL_DATA           = 17,
  AU_IB_IN_TICK_OPTION_COMPUTATION   = 21,
  AU_IB_IN_TICK_GENERIC              = 45,
  AU_IB_IN_TICK_STRING               = 46,
  AU_IB_IN_CURRENT_TIME              = 49,
  AU_IB_IN_CONTRACT_DATA_END         = 52,
  AU_IB_IN_OPEN_ORDER_END            = 53,
  AU_IB_IN_ACCT_DOWNLOAD_END         = 54,
  AU_IB_IN_EXECUTION_DATA_END        = 55,
  AU_IB_IN_TICK_SNAPSHOT_END         = 57,
  AU_IB_IN_MARKET_DATA_TYPE          = 58,
  AU_IB_IN_COMMISSION_REPORT         = 59,
  AU_IB_IN_POSITION_DATA             = 61,
  AU_IB_IN_POSITION_END              = 62,
  AU_IB_IN_ACCOUNT_SUMMARY           = 63,
  AU_IB_IN_ACCOUNT_SUMMARY_END       = 64,
  AU_IB_IN_SEC_DEF_OPT_PARAMS        = 75,
  AU_IB_IN_SEC_DEF_OPT_PARAMS_END    = 76,
  AU_IB_IN_TICK_REQ_PARAMS           = 81,
  AU_IB_IN_HISTORICAL_DATA_UPDATE    = 90,
  AU_IB_IN_ORDER_BOUND               = 100,
  AU_IB_IN_COMPLETED_ORDER           = 101,
  AU_IB_IN_COMPLETED_ORDERS_END      = 102,
  AU_IB_IN_HISTORICAL_DATA_END       = 108,   /* sv >= 196 only; decoded for completeness */
} AuIbInId;

/* The DBL_MAX spelling IB's Java gateway sends for unset doubles. */
#define AU_IB_DBL_MAX_LITERAL "1.7976931348623157E308"

/* Strings in every struct below are borrowed: for encoding they belong to
 * the caller, after decoding they point into the payload that was decoded
 * (valid as long as it is). NULL encodes as "". Doubles marked "max" use
 * AU_IB_UNSET_DOUBLE, ints marked "max" AU_IB_UNSET_INT, and Decimal
 * quantities (sizes, positions) AU_IB_UNSET_DECIMAL for unset. */

typedef struct
{
  int         con_id;
  const char *symbol;
  const char *sec_type;          /* STK, OPT */
  const char *last_trade_date;   /* YYYYMMDD or YYYYMM */
  double      strike;            /* requests: max (unset for STK); replies: 0 for STK */
  const char *right;             /* C, P */
  const char *multiplier;
  const char *exchange;
  const char *primary_exchange;
  const char *currency;
  const char *local_symbol;
  const char *trading_class;
} AuIbContract;

typedef struct
{
  const char *tag;
  const char *value;
} AuIbTagValue;

/* Requests (client → server) */

typedef struct { int client_id; const char *optional_capabilities; } AuIbStartApi;
typedef struct { int num_ids; } AuIbReqIds;
typedef struct { int req_id; } AuIbReqIdOnly;
typedef struct { int req_id; const char *group; const char *tags; } AuIbReqAccountSummary;
typedef struct { gboolean subscribe; const char *account; } AuIbReqAcctData;
typedef struct { int market_data_type; } AuIbReqMarketDataType;   /* 1 live … 4 delayed-frozen */

typedef struct
{
  int          req_id;
  AuIbContract contract;
  const char  *generic_ticks;
  gboolean     snapshot;
  gboolean     regulatory_snapshot;
} AuIbReqMktData;

typedef struct
{
  int          req_id;
  AuIbContract contract;
  gboolean     include_expired;
  const char  *sec_id_type;
  const char  *sec_id;
  const char  *issuer_id;
} AuIbReqContractData;

typedef struct
{
  int         req_id;
  const char *underlying_symbol;
  const char *fut_fop_exchange;
  const char *underlying_sec_type;
  int         underlying_con_id;
} AuIbReqSecDefOptParams;

typedef struct
{
  int          req_id;
  AuIbContract contract;
  gboolean     include_expired;
  const char  *end_date_time;
  const char  *bar_size;       /* wire field 16, before duration (§6.12) */
  const char  *duration;
  gboolean     use_rth;
  const char  *what_to_show;
  int          format_date;
  gboolean     keep_up_to_date;
} AuIbReqHistoricalData;

/* §6.13: a plain STK or OPT order; the other 100-odd fields are sent
 * with the values IB's own client sends for a plain order. */
typedef struct
{
  int          order_id;
  AuIbContract contract;
  const char  *action;           /* BUY, SELL */
  double       total_quantity;   /* Decimal */
  const char  *order_type;       /* LMT, MKT */
  double       lmt_price;        /* max */
  double       aux_price;        /* max */
  const char  *tif;              /* DAY, GTC, GTD */
  const char  *account;
  const char  *order_ref;        /* carries our client order id (issue 4) */
  gboolean     transmit;
  int          parent_id;
  gboolean     outside_rth;
  const char  *good_till_date;
  gboolean     what_if;
} AuIbPlaceOrder;

typedef struct { int order_id; const char *manual_order_cancel_time; } AuIbCancelOrder;
typedef struct { gboolean api_only; } AuIbReqCompletedOrders;

typedef struct
{
  int         req_id;
  int         client_id;
  const char *account;
  const char *time;
  const char *symbol;
  const char *sec_type;
  const char *exchange;
  const char *side;
} AuIbReqExecutions;

typedef struct
{
  AuIbOutId id;
  union
  {
    AuIbStartApi           start_api;
    AuIbReqIds             req_ids;
    AuIbReqIdOnly          cancel;    /* CANCEL_ACCOUNT_SUMMARY, CANCEL_MKT_DATA, CANCEL_HISTORICAL_DATA */
    AuIbReqAccountSummary  account_summary;
    AuIbReqAcctData        acct_data;
    AuIbReqMarketDataType  market_data_type;
    AuIbReqMktData         mkt_data;
    AuIbReqContractData    contract_data;
    AuIbReqSecDefOptParams sec_def_opt_params;
    AuIbReqHistoricalData  historical_data;
    AuIbPlaceOrder         place_order;
    AuIbCancelOrder        cancel_order;
    AuIbReqCompletedOrders completed_orders;
    AuIbReqExecutions      executions;
  } u;
} AuIbRequest;

/* Incoming (server → client) */

typedef struct
{
  int         id;        /* request/order id; -1 = not tied to a request */
  int         code;
  const char *message;   /* unescaped */
  const char *advanced_order_reject_json;
} AuIbErrMsg;

typedef struct { gint64 time; } AuIbCurrentTime;
typedef struct { int order_id; } AuIbNextValidId;
typedef struct { const char *accounts; } AuIbManagedAccts;

typedef struct
{
  int         req_id;
  const char *account;
  const char *tag;
  const char *value;
  const char *currency;
} AuIbAccountSummary;

typedef struct
{
  const char  *account;
  AuIbContract contract;
  double       position;   /* Decimal; negative = short */
  double       avg_cost;   /* per contract for options: premium × multiplier */
} AuIbPosition;

typedef struct
{
  const char *key;
  const char *value;
  const char *currency;
  const char *account;
} AuIbAcctValue;

typedef struct
{
  AuIbContract contract;
  double       position;
  double       market_price;
  double       market_value;
  double       average_cost;
  double       unrealized_pnl;
  double       realized_pnl;
  const char  *account;
} AuIbPortfolioValue;

typedef struct { const char *time_stamp; } AuIbAcctUpdateTime;
typedef struct { const char *account; } AuIbAcctDownloadEnd;

typedef struct
{
  int    ticker_id;
  int    tick_type;
  double price;      /* -1 = no quote */
  double size;       /* Decimal */
  int    attr_mask;
} AuIbTickPrice;

typedef struct { int ticker_id; int tick_type; double size; } AuIbTickSize;
typedef struct { int ticker_id; int tick_type; double value; } AuIbTickGeneric;
typedef struct { int ticker_id; int tick_type; const char *value; } AuIbTickString;

/* §7.7 sentinels, kept as they come: implied vol, option price, PV
 * dividend and underlying price -1, delta/gamma/vega/theta -2. */
#define AU_IB_OPTCOMP_NOT_COMPUTED_PRICE (-1.0)
#define AU_IB_OPTCOMP_NOT_COMPUTED_GREEK  (-2.0)

typedef struct
{
  int    ticker_id;
  int    tick_type;      /* 13 model, 80–83 delayed */
  int    tick_attrib;
  double implied_vol;
  double delta;
  double opt_price;
  double pv_dividend;
  double gamma;
  double vega;
  double theta;
  double und_price;
} AuIbTickOptionComputation;

typedef struct
{
  int         ticker_id;
  double      min_tick;
  const char *bbo_exchange;
  int         snapshot_permissions;
} AuIbTickReqParams;

typedef struct { int req_id; int market_data_type; } AuIbMarketDataType;

typedef struct
{
  int           req_id;
  AuIbContract  contract;
  const char   *market_name;
  double        min_tick;
  const char   *order_types;
  const char   *valid_exchanges;
  int           price_magnifier;
  int           under_con_id;
  const char   *long_name;         /* unescaped */
  const char   *contract_month;
  const char   *industry;
  const char   *category;
  const char   *subcategory;
  const char   *time_zone_id;
  const char   *trading_hours;
  const char   *liquid_hours;
  const char   *ev_rule;
  int           ev_multiplier;
  AuIbTagValue *sec_ids;           /* owned array */
  guint         n_sec_ids;
  int           agg_group;         /* max */
  const char   *under_symbol;
  const char   *under_sec_type;
  const char   *market_rule_ids;
  const char   *real_expiration_date;
  const char   *stock_type;
  double        min_size;
  double        size_increment;
  double        suggested_size_increment;
} AuIbContractData;

typedef struct
{
  int          req_id;
  const char  *exchange;
  int          underlying_con_id;
  const char  *trading_class;
  const char  *multiplier;
  const char **expirations;        /* owned array of borrowed strings */
  guint        n_expirations;
  double      *strikes;            /* owned */
  guint        n_strikes;
} AuIbSecDefOptParams;

typedef struct
{
  const char *date;
  double      open;
  double      high;
  double      low;
  double      close;
  double      volume;   /* Decimal */
  double      wap;      /* Decimal */
  int         bar_count;
} AuIbBar;

typedef struct
{
  int         req_id;
  const char *start;
  const char *end;
  AuIbBar    *bars;     /* owned */
  guint       n_bars;
} AuIbHistoricalData;

typedef struct { int req_id; AuIbBar bar; } AuIbHistoricalDataUpdate;
typedef struct { int req_id; const char *start; const char *end; } AuIbHistoricalDataEnd;

/* §7.11: the fields the engine uses; the rest of the 127 are skipped on
 * decode by the documented layout and sent with a plain order's values. */
typedef struct
{
  int          order_id;
  AuIbContract contract;   /* no primary_exchange in this message */
  const char  *action;
  double       total_quantity;
  const char  *order_type;
  double       lmt_price;  /* max */
  double       aux_price;  /* max */
  const char  *tif;
  const char  *account;
  const char  *order_ref;
  int          client_id;
  gint64       perm_id;
  gboolean     outside_rth;
  int          parent_id;
  gboolean     what_if;
  const char  *status;
  const char  *init_margin_change;    /* what-if strings, DBL_MAX literal when unset */
  const char  *maint_margin_change;
  const char  *equity_with_loan_change;
  const char  *init_margin_after;
  const char  *maint_margin_after;
  const char  *equity_with_loan_after;
  double       commission;            /* max */
  double       min_commission;        /* max */
  double       max_commission;        /* max */
  const char  *commission_currency;
  const char  *warning_text;
} AuIbOpenOrder;

typedef struct
{
  int         order_id;
  const char *status;
  double      filled;       /* Decimal */
  double      remaining;    /* Decimal */
  double      avg_fill_price;
  gint64      perm_id;
  int         parent_id;
  double      last_fill_price;
  int         client_id;
  const char *why_held;
  double      mkt_cap_price;
} AuIbOrderStatus;

typedef struct
{
  int          req_id;      /* -1 for unsolicited fills */
  int          order_id;
  AuIbContract contract;    /* no primary_exchange in this message */
  const char  *exec_id;
  const char  *time;
  const char  *account;
  const char  *exec_exchange;
  const char  *side;        /* BOT, SLD */
  double       shares;      /* Decimal */
  double       price;
  gint64       perm_id;
  int          client_id;
  int          liquidation;
  double       cum_qty;     /* Decimal */
  double       avg_price;
  const char  *order_ref;
  const char  *ev_rule;
  double       ev_multiplier;
  const char  *model_code;
  int          last_liquidity;
} AuIbExecution;

typedef struct
{
  const char *exec_id;
  double      commission;
  const char *currency;
  double      realized_pnl;            /* max */
  double      yield;                   /* max */
  int         yield_redemption_date;
} AuIbCommissionReport;

typedef struct { gint64 perm_id; int client_id; int order_id; } AuIbOrderBound;

/* COMPLETED_ORDER: 96 fields at sv 176, order groups as OPEN_ORDER in a
 * different sequence (see the layout table in au-ib-messages.c). */
typedef struct
{
  AuIbContract contract;   /* no primary_exchange in this message */
  const char  *action;
  double       total_quantity;
  const char  *order_type;
  double       lmt_price;
  double       aux_price;
  const char  *tif;
  const char  *account;
  const char  *order_ref;
  gint64       perm_id;
  const char  *status;
  double       filled_quantity;
  gint64       parent_perm_id;
  const char  *completed_time;
  const char  *completed_status;
} AuIbCompletedOrder;

typedef struct
{
  AuIbInId id;
  union
  {
    AuIbErrMsg                err_msg;
    AuIbCurrentTime           current_time;
    AuIbNextValidId           next_valid_id;
    AuIbManagedAccts          managed_accts;
    AuIbAccountSummary        account_summary;
    AuIbReqIdOnly             end;   /* ACCOUNT_SUMMARY_END, CONTRACT_DATA_END, SEC_DEF_…_END,
                                      * EXECUTION_DATA_END, TICK_SNAPSHOT_END */
    AuIbPosition              position;
    AuIbAcctValue             acct_value;
    AuIbPortfolioValue        portfolio_value;
    AuIbAcctUpdateTime        acct_update_time;
    AuIbAcctDownloadEnd       acct_download_end;
    AuIbTickPrice             tick_price;
    AuIbTickSize              tick_size;
    AuIbTickGeneric           tick_generic;
    AuIbTickString            tick_string;
    AuIbTickOptionComputation tick_option_computation;
    AuIbTickReqParams         tick_req_params;
    AuIbMarketDataType        market_data_type;
    AuIbContractData          contract_data;
    AuIbSecDefOptParams       sec_def_opt_params;
    AuIbHistoricalData        historical_data;
    AuIbHistoricalDataUpdate  historical_data_update;
    AuIbHistoricalDataEnd     historical_data_end;
    AuIbOpenOrder             open_order;
    AuIbOrderStatus           order_status;
    AuIbExecution             execution;
    AuIbCommissionReport      commission_report;
    AuIbOrderBound            order_bound;
    AuIbCompletedOrder        completed_order;
  } u;
} AuIbIncoming;

const char *au_ib_out_name                (int                 id);
const char *au_ib_in_name                 (int                 id);

/* Encode one message as a complete frame appended to @out. On error
 * (a field IB would refuse, a layout we do not send) @out is unchanged. */
gboolean    au_ib_request_encode          (const AuIbRequest  *request,
                                           GByteArray         *out,
                                           GError            **error);
gboolean    au_ib_incoming_encode         (const AuIbIncoming *message,
                                           GByteArray         *out,
                                           GError            **error);

/* Decode one payload from the frame decoder (modified in place; strings
 * of the result point into it). An id we do not decode gives
 * AU_IB_ERROR_UNKNOWN_MESSAGE with @id still set, so the caller can log
 * and skip it. Release with the matching _clear(). */
gboolean    au_ib_request_decode          (char               *payload,
                                           gsize               len,
                                           AuIbRequest        *request,
                                           GError            **error);
gboolean    au_ib_incoming_decode         (char               *payload,
                                           gsize               len,
                                           AuIbIncoming       *message,
                                           GError            **error);
void        au_ib_request_clear           (AuIbRequest        *request);
void        au_ib_incoming_clear          (AuIbIncoming       *message);

/* A contract with every "max" field unset and the rest empty. */
void        au_ib_contract_init           (AuIbContract       *contract);
/* A plain DAY limit order, transmit on, quantities and prices unset. */
void        au_ib_place_order_init        (AuIbPlaceOrder     *order);

G_END_DECLS

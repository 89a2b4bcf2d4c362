/* au-ledger-types.h: the domain model of the double-entry ledger
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-types.h"

G_BEGIN_DECLS

#define AU_LEDGER_ERROR (au_ledger_error_quark ())

typedef enum
{
  AU_LEDGER_ERROR_INVALID,       /* a malformed argument; the message names the field */
  AU_LEDGER_ERROR_UNBALANCED,    /* debits and credits differ: nothing was written */
  AU_LEDGER_ERROR_NOT_FOUND,     /* no such account, transaction, position or order */
  AU_LEDGER_ERROR_INACTIVE,      /* the account was merged or closed */
  AU_LEDGER_ERROR_INSUFFICIENT,  /* not enough cash, shares or open contracts */
  AU_LEDGER_ERROR_NOT_ELIGIBLE,  /* a fork, merge or reinvestment whose rule does not hold */
  AU_LEDGER_ERROR_DUPLICATE,     /* an execution id or client order id already booked */
  AU_LEDGER_ERROR_LIMIT,         /* the sub-account cap (R11.2) */
  AU_LEDGER_ERROR_NO_LEDGER,     /* the database holds no ledger */
} AuLedgerError;

GQuark au_ledger_error_quark (void);

/* The ALL-USE accounts of the tree (R0.1, R2.6, R3.6, D2.2). */
typedef enum
{
  AU_ACCOUNT_ROOT,
  AU_ACCOUNT_GEN,
  AU_ACCOUNT_REV,
  AU_ACCOUNT_COM,
  AU_ACCOUNT_MINI,
} AuAccountKind;

const char *au_account_kind_to_string   (AuAccountKind   kind);
gboolean    au_account_kind_from_string (const char     *text,
                                         AuAccountKind  *kind);

typedef enum
{
  AU_ACCOUNT_ACTIVE,
  AU_ACCOUNT_MERGED,
  AU_ACCOUNT_CLOSED,
} AuAccountStatus;

const char *au_account_status_to_string   (AuAccountStatus   status);
gboolean    au_account_status_from_string (const char       *text,
                                           AuAccountStatus  *status);

/* The book accounts every ALL-USE account has. Postings are signed,
 * debit positive, so assets and expenses carry positive balances and
 * liabilities, equity and income negative ones. */
typedef enum
{
  AU_BOOK_CASH,             /* asset */
  AU_BOOK_STOCK,            /* asset: shares at cost (premium of an assigned put included) */
  AU_BOOK_OPTIONS_HELD,     /* asset: long options (LEAPs, hedges) at cost */
  AU_BOOK_TAX_RESERVE,      /* asset: R3.5's 30% set aside */
  AU_BOOK_LEAP_BUDGET,      /* asset: R3.5's LEAP share, for LLMS (R17) */
  AU_BOOK_OPTIONS_WRITTEN,  /* liability: premium received on open short options */
  AU_BOOK_CONTRIBUTED,      /* equity: deposits */
  AU_BOOK_TRANSFERS,        /* equity: forks and merges, in (credit) and out (debit) */
  AU_BOOK_PREMIUM_INCOME,   /* income: realized premium */
  AU_BOOK_STOCK_GAINS,      /* income: realized gains on stock */
  AU_BOOK_OPTION_GAINS,     /* income: realized gains on long options */
  AU_BOOK_COMMISSIONS,      /* expense */
} AuBook;

#define AU_N_BOOKS (AU_BOOK_COMMISSIONS + 1)

typedef enum
{
  AU_BOOK_TYPE_ASSET,
  AU_BOOK_TYPE_LIABILITY,
  AU_BOOK_TYPE_EQUITY,
  AU_BOOK_TYPE_INCOME,
  AU_BOOK_TYPE_EXPENSE,
} AuBookType;

const char *au_book_to_string        (AuBook       book);
gboolean    au_book_from_string      (const char  *text,
                                      AuBook      *book);
AuBookType  au_book_get_book_type    (AuBook       book);
const char *au_book_type_to_string   (AuBookType   type);

typedef enum
{
  AU_RIGHT_STOCK,
  AU_RIGHT_PUT,
  AU_RIGHT_CALL,
} AuRight;

const char *au_right_to_string   (AuRight      right);
gboolean    au_right_from_string (const char  *text,
                                  AuRight     *right);

/* A tradable thing. Stock has no strike or expiry and a multiplier of 1;
 * an equity option usually a multiplier of 100. */
typedef struct
{
  const char *symbol;
  AuRight     right;
  AuPrice     strike;       /* 0 for stock */
  const char *expiry;       /* "YYYY-MM-DD", NULL for stock */
  gint64      multiplier;
} AuInstrument;

/* One execution as the broker reports it (IB's execId, the paper
 * broker's own id): booked once, traceable to its transaction (D4). */
typedef struct
{
  const char *execution_id;     /* required, unique */
  const char *client_order_id;  /* the order it fills, or NULL */
  gint64      quantity;         /* contracts or shares, > 0 */
  AuPrice     price;            /* per share, or per unit of the option */
  AuMoney     commission;       /* >= 0, booked as its own expense posting */
} AuFill;

/* Where the money for a long option comes from. */
typedef enum
{
  AU_FUNDING_CASH,
  AU_FUNDING_LEAP_BUDGET,   /* R3.5 / R17: the LEAP ladder's money */
} AuFunding;

/* A posting of au_ledger_post(): signed cents, debit positive. */
typedef struct
{
  gint64   account_id;
  AuBook   book;
  AuMoney  amount;
} AuLedgerPosting;

typedef struct
{
  gint64 root;
  gint64 gen;
  gint64 rev;
  gint64 com;
} AuLedgerTree;

typedef struct
{
  gint64           id;
  AuAccountKind    kind;
  char            *name;
  gint64           parent_id;        /* 0 for the first root */
  gint64           root_id;          /* the root of its tree (itself for a root) */
  AuMoney          initial_capital;  /* the base of R2.6 / R3.6 */
  AuMoney          mini_gen_capital; /* a MINI's half traded with Gen rules (D2.2) */
  AuMoney          mini_com_capital; /* and with Com rules */
  char            *created_at;       /* ISO 8601, UTC */
  AuAccountStatus  status;
} AuLedgerAccount;

void au_ledger_account_clear (AuLedgerAccount *account);

/* Every book of one account in its natural sign (assets, expenses,
 * liabilities, equity and income all positive when they hold money). */
typedef struct
{
  AuMoney cash;
  AuMoney stock_at_cost;
  AuMoney options_held;
  AuMoney tax_reserve;
  AuMoney leap_budget;
  AuMoney options_written;
  AuMoney contributed;
  AuMoney transfers_net;      /* in minus out */
  AuMoney premium_income;
  AuMoney stock_gains;
  AuMoney option_gains;
  AuMoney commissions;
  AuMoney realized_pnl;       /* income minus commissions (R10.3) */
  AuMoney equity_at_cost;     /* assets minus liabilities */
} AuLedgerSummary;

typedef struct
{
  gint64   position_id;
  gint64   account_id;
  char    *symbol;
  AuRight  right;
  AuPrice  strike;
  char    *expiry;            /* NULL for stock */
  gint64   multiplier;
  gint64   quantity;          /* shares or contracts; negative when short */
  AuMoney  cost_basis;        /* debit positive: a short option's is minus the premium */
} AuLedgerPosition;

void au_ledger_position_clear (AuLedgerPosition *position);

/* A mark per position for unrealized P&L (R10.3). */
typedef struct
{
  gint64  position_id;
  AuPrice price;
} AuLedgerMark;

typedef struct
{
  AuMoney gains;        /* net realized gains of the quarter (D2.9) */
  AuMoney tax_reserve;  /* 30% */
  AuMoney contracts;    /* 75% of the rest, stays in cash for contracts */
  AuMoney leaps;        /* 25% of the rest, to the LEAP budget */
  gint64  transaction_id; /* 0 when nothing was booked (gains <= 0) */
} AuLedgerReinvestment;

typedef enum
{
  AU_ORDER_SIDE_BUY,
  AU_ORDER_SIDE_SELL,
} AuOrderSide;

typedef enum
{
  AU_ORDER_EVENT_SUBMITTED,
  AU_ORDER_EVENT_ACKNOWLEDGED,
  AU_ORDER_EVENT_PARTIALLY_FILLED,
  AU_ORDER_EVENT_FILLED,
  AU_ORDER_EVENT_CANCELLED,
  AU_ORDER_EVENT_REJECTED,
} AuOrderEvent;

const char *au_order_event_to_string   (AuOrderEvent   event);
gboolean    au_order_event_from_string (const char    *text,
                                        AuOrderEvent  *event);

/* An order's intent, persisted before it is sent (D4). */
typedef struct
{
  const char   *client_order_id;     /* unique, e.g. "<base>-v1" (R0.6) */
  const char   *parent_client_order_id; /* a slice's parent (R0.4), or NULL */
  gint64        account_id;
  AuInstrument  instrument;
  AuOrderSide   side;
  gint64        quantity;            /* > 0 */
  AuPrice       limit_price;         /* > 0: the limit (R0.5) */
  const char   *rule_reference;      /* the rule that made it, e.g. "R2.2" */
  const char   *mini_rules;          /* "gen" or "com" for a MINI (D2.2), else NULL */
  const char   *intent_json;         /* the decision's inputs, or NULL */
} AuLedgerOrderIntent;

typedef struct
{
  gint64   order_id;
  char    *client_order_id;
  char    *parent_client_order_id;
  gint64   account_id;
  AuOrderSide side;
  gint64   quantity;
  AuPrice  limit_price;
  char    *rule_reference;
  char    *state;            /* "created" or the last event's name */
  gint64   filled_quantity;
  AuPrice  average_price;    /* of the fills, 0 when none */
  AuMoney  commission;
  char    *broker_order_id;  /* from the acknowledged event's detail, or NULL */
} AuLedgerOrderState;

void au_ledger_order_state_clear (AuLedgerOrderState *state);

G_END_DECLS

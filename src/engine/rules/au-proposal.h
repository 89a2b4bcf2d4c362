/* au-proposal.h: one proposed action, as `alluse-cli check` reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-types.h"

G_BEGIN_DECLS

#define AU_PROPOSAL_ERROR (au_proposal_error_quark ())

/* Malformed input: the message always starts with the field's path
 * ("quote.bid: expected a number"). A field that is merely absent is not
 * an error here: the validator that needs it rejects the proposal (D2.12). */
typedef enum
{
  AU_PROPOSAL_ERROR_SYNTAX,         /* not JSON, or not an object */
  AU_PROPOSAL_ERROR_MISSING,        /* account, action or time: nothing is judged without them */
  AU_PROPOSAL_ERROR_TYPE,           /* a value of the wrong JSON type */
  AU_PROPOSAL_ERROR_VALUE,          /* a value of the right type that means nothing */
  AU_PROPOSAL_ERROR_UNKNOWN_FIELD,  /* a member the format does not have (a typo) */
} AuProposalError;

GQuark au_proposal_error_quark (void);

typedef enum
{
  AU_ACTION_OPEN,
  AU_ACTION_CLOSE,
  AU_ACTION_ROLL,
  AU_ACTION_EXIT,
  AU_ACTION_FORK,
  AU_ACTION_MERGE,
  AU_ACTION_REINVEST,
  AU_ACTION_HEDGE,
} AuAction;

const char *au_action_to_string   (AuAction     action);
gboolean    au_action_from_string (const char  *text,
                                   AuAction    *action);

/* Every optional scalar carries a has_ flag: absent and zero differ. */
typedef struct
{
  gboolean   has_bid, has_ask, has_open_interest, has_volume, has_avg_daily_volume;
  AuPrice    bid;
  AuPrice    ask;
  gint64     open_interest;
  gint64     volume;
  gint64     avg_daily_volume;
  GDateTime *as_of;            /* Eastern; NULL: as of the proposal's time (D2.21) */
} AuQuote;

/* The leg a roll opens (D2.20, D2.24). */
typedef struct
{
  gboolean   present;
  gboolean   has_strike, has_delta, has_limit, has_quote;
  AuPrice    strike;
  GDate      expiry;           /* invalid when absent */
  double     delta;
  AuPrice    limit;            /* credit received for the new leg */
  AuQuote    quote;
} AuRollLeg;

typedef struct
{
  gboolean    has_equity, has_cash, has_margin_used, has_high_water_mark;
  gboolean    has_protocol_level, has_sub_accounts, has_open_positions;
  AuMoney     equity;
  AuMoney     cash;            /* free cash before the order (D2.21) */
  AuMoney     margin_used;     /* before the order */
  AuMoney     high_water_mark;
  GHashTable *symbol_exposure; /* ticker -> AuMoney *, dollars committed; NULL when absent */
  GHashTable *shares_held;     /* ticker -> gint64 * */
  GHashTable *short_calls;     /* ticker -> gint64 *, call contracts already written */
  gboolean    pivot_active;    /* D2.6 latched pivot, default FALSE */
  int         protocol_level;  /* 0..3 of the position acted on */
  int         sub_accounts;    /* sub-accounts the user has now (R11.2) */
  int         open_positions;  /* positions still open in the account (D2.3) */
} AuAccountState;

typedef struct
{
  gboolean   has_spot, has_atr5, has_vix, has_earnings;
  gboolean   has_vix_days_above, has_spx_drawdown, has_breadth;
  AuPrice    spot;
  AuPrice    atr5;
  double     vix;
  gboolean   earnings_this_week;
  int        vix_days_above;   /* consecutive days VIX closed above the hedge trigger (R5.3) */
  double     spx_drawdown;     /* fraction below SPX's high (R5.3) */
  double     breadth;          /* fraction of the S&P 500 above its 50-day mean (R5.3) */
  GDateTime *as_of;            /* Eastern; NULL: as of the proposal's time */
} AuMarket;

typedef struct
{
  volatile gint   ref_count;

  AuSleeve        account;
  gboolean        has_mini_rules;
  AuSleeve        mini_rules;       /* AU_SLEEVE_GEN or AU_SLEEVE_COM (D2.2) */
  AuAction        action;
  GDateTime      *time;             /* Eastern: the engine's clock for this decision */

  gboolean        has_strategy, has_strike, has_delta, has_contracts, has_shares, has_limit;
  AuStrategy      strategy;
  char           *symbol;           /* upper case; NULL when absent */
  char            right;            /* 'P', 'C', or 0 when absent */
  AuPrice         strike;
  GDate           expiry;           /* invalid when absent */
  double          delta;
  gint64          contracts;
  gint64          shares;           /* stock orders (D2.23) */
  AuPrice         limit;
  gboolean        stress_test;      /* R2.2 stress-test DTE range */

  gboolean        has_quote, has_account_state, has_market;
  AuQuote         quote;
  AuAccountState  state;
  AuMarket        market;

  /* Roll and close (R6.7, D2.15) */
  gboolean        has_original_credit;
  AuPrice         original_credit;
  AuRollLeg       new_leg;

  /* Fork (R2.6, R3.6), merge (D2.3), reinvest (D2.9), hedge (D2.4) */
  gboolean        has_base_capital, has_initial_capital, has_quarter_gains;
  gboolean        has_tax_reserve, has_contracts_amount, has_leap_amount;
  AuMoney         base_capital;
  AuMoney         initial_capital;
  GDate           created;          /* the MINI's start date */
  AuMoney         quarter_gains;
  AuMoney         tax_reserve;
  AuMoney         contracts_amount;
  AuMoney         leap_amount;

  JsonNode       *json;             /* the input as given, for the audit trail */
} AuProposal;

#define AU_TYPE_PROPOSAL (au_proposal_get_type ())

GType       au_proposal_get_type       (void) G_GNUC_CONST;

AuProposal *au_proposal_new_from_json  (JsonNode     *node,
                                        GError      **error);
AuProposal *au_proposal_new_from_data  (const char   *data,
                                        gssize        length,
                                        GError      **error);
AuProposal *au_proposal_ref            (AuProposal   *self);
void        au_proposal_unref          (AuProposal   *self);

/* The sleeve whose rules apply: the account, or for a MINI the half named
 * by mini_rules. Returns FALSE for a MINI without mini_rules. */
gboolean    au_proposal_get_rules_sleeve (const AuProposal *self,
                                          AuSleeve         *sleeve);

/* Lookups in the per-symbol maps of the account state. */
gboolean    au_proposal_get_exposure   (const AuProposal *self,
                                        const char       *symbol,
                                        AuMoney          *exposure);
gboolean    au_proposal_get_shares     (const AuProposal *self,
                                        const char       *symbol,
                                        gint64           *shares);
gboolean    au_proposal_get_short_calls (const AuProposal *self,
                                         const char       *symbol,
                                         gint64           *contracts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuProposal, au_proposal_unref)

G_END_DECLS

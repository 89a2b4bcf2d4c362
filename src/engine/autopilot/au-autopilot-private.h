/* au-autopilot-private.h: the autopilot's state, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-account-manager.h"
#include "au-autopilot.h"
#include "au-engine-workload.h"
#include "au-order-manager.h"
#include "au-atr-service.h"
#include "au-autopilot-roll-plan.h"
#include "au-breach.h"
#include "au-circuit-breaker.h"
#include "au-covered-call-protocol.h"
#include "au-drawdown-pivot.h"
#include "au-position-protocol.h"
#include "au-week-type.h"

G_BEGIN_DECLS

/* What the schedule holds (R1.1, R1.2, R0.11, D2.9), in the order they
 * run when due at the same minute. */
typedef enum
{
  AP_ACTION_ATR,          /* 09:30: ATR(5) of every symbol (D2.13); quarter start (D2.9) */
  AP_ACTION_MONITOR,      /* a monitoring tick (R0.11) */
  AP_ACTION_ENTRY_COM,    /* Monday: Com share lots (D2.23) and covered calls (D2.19) */
  AP_ACTION_ENTRY_REV,    /* Wednesday: Rev CSPs (R3.2) */
  AP_ACTION_ENTRY_GEN,    /* Thursday: Gen CSPs (R2.2) and MINI Gen halves (D2.2) */
  AP_ACTION_MANAGE,       /* Friday manage window (D2.15, D2.3) */
  AP_ACTION_WEEKLY_CUT,   /* R1.2: week types, forks, latch policy (D2.5, D2.26) */
  AP_N_ACTIONS,
} ApActionKind;

/* One short option or share lot the autopilot watches. */
typedef struct
{
  gint64              account_id;
  AuSleeve            rules;        /* whose rules it trades under */
  AuContract          contract;
  gint64              quantity;     /* signed */
  AuPrice             credit;       /* per share, what the open received */
  AuPositionProtocol *protocol;     /* short options only */
  gboolean            exiting;      /* an L3 exit or roll is under way */
  double              delta;
  AuPrice             mark;
} ApPosition;

/* A set of broker requests whose answers an action waits for: the
 * autopilot never blocks, it acts when the last answer is in. */
typedef struct _ApFetch ApFetch;
typedef void (*ApFetchDone) (AuAutopilot *self,
                             ApFetch     *fetch);

struct _ApFetch
{
  AuAutopilot   *self;
  guint          pending;
  gboolean       sealed;
  GHashTable    *quotes;     /* symbol → AuStockQuote */
  GHashTable    *chains;     /* "SYM:min:max" → AuOptionChain */
  GHashTable    *bars;       /* symbol → GArray of AuDailyBar */
  GHashTable    *earnings;   /* symbol → AuEarningsCalendar */
  GHashTable    *errors;     /* key → message */
  ApFetchDone    done;
  gpointer       data;
  GDestroyNotify data_free;
};

struct _AuAutopilot
{
  GObject            parent_instance;

  AuAutopilotConfig  config;
  GMainContext      *context;
  AuOrderManager    *orders;
  AuAccountManager  *accounts;
  AuAtrService      *atr;
  AuCircuitBreaker  *breaker;

  gboolean           started;
  gboolean           paused;
  AuSystemState      state;
  char              *state_reason;
  gboolean           reconciled;

  gint64             last_done;      /* the last scheduled action handled (µs) */
  ApActionKind       last_kind;
  gboolean           broker_down;    /* R8.8 put the system in SAFE */
  gboolean           positions_dirty; /* fills or expiries since the last sync */
  GSource           *timer;
  guint              fetches;        /* requests in flight */

  double             vix;
  gint64             vix_as_of;
  GHashTable        *spots;          /* symbol → AuStockQuote of the last tick */
  GHashTable        *positions;      /* key → ApPosition */
  GHashTable        *pivots;         /* account id → AuDrawdownPivot */
  GHashTable        *csp_resume;     /* account id → GDate: R7.3 */
  GHashTable        *earnings;       /* symbol → AuEarningsCalendar */
  gint64             cc_retry_after; /* D2.19's later pass waits until then */
  GHashTable        *cc_orders;      /* "account:symbol" → the last call order's id */
  GArray            *week_events;    /* AuWeekEvent of the week so far */
  GArray            *pending_intents; /* AuTradeIntent decided while the market was closed */
  AuAutopilotStats   stats;

  /* D4: the state of au-autopilot-state.c */
  gboolean           state_ready;    /* loaded: saves may begin */
  char              *saved_state;    /* the last material state written, canonical JSON */
  gboolean           safe_by_user;   /* SAFE by a command: held until RESUME */
  gboolean           hold_state;     /* a latched SAFE or EMERGENCY survives reconciliation */
  AuSystemState      restored_state;
  char              *restored_reason;
};

/* au-autopilot.c */
void      _au_autopilot_set_state   (AuAutopilot   *self,
                                     AuSystemState  state,
                                     const char    *rule,
                                     const char    *reason);
void      _au_autopilot_emit        (AuAutopilot   *self,
                                     const char    *kind,
                                     const char    *account,
                                     const char    *rule,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (5, 6);
/* Writes one audit record with the engine's clock; @context may be NULL. */
void      _au_autopilot_audit       (AuAutopilot   *self,
                                     const char    *actor,
                                     const char    *kind,
                                     const char    *rule,
                                     const char    *verdict,
                                     JsonNode      *context);
/* An audited decision not to act: "no Gen entry on AAPL: … (R2.2)". */
void      _au_autopilot_non_action  (AuAutopilot   *self,
                                     const char    *account,
                                     const char    *rule,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (4, 5);
GDateTime *_au_autopilot_now_time   (AuAutopilot   *self);
char      *_au_autopilot_now_text   (AuAutopilot   *self);
void       _au_autopilot_today      (AuAutopilot   *self,
                                     GDate         *date,
                                     int           *minute);
gboolean   _au_autopilot_may_enter  (AuAutopilot   *self,
                                     gboolean       vix_age,
                                     const char   **why);

void      _ap_reconcile             (AuAutopilot   *self,
                                     const char    *why);
/* The paper clock that holds while the autopilot waits on the market, or NULL. */
AuClock  *_ap_paper_clock           (AuAutopilot   *self);
/* Saves the state when it changed materially (au-autopilot-state.c). */
void      _ap_state_checkpoint      (AuAutopilot   *self,
                                     const char    *why);

/* au-autopilot-fetch.c */
ApFetch  *_ap_fetch_new             (AuAutopilot   *self,
                                     ApFetchDone    done,
                                     gpointer       data,
                                     GDestroyNotify data_free);
void      _ap_fetch_quote           (ApFetch       *fetch,
                                     const char    *symbol);
void      _ap_fetch_chain           (ApFetch       *fetch,
                                     const char    *symbol,
                                     guint          min_dte,
                                     guint          max_dte);
void      _ap_fetch_bars            (ApFetch       *fetch,
                                     const char    *symbol,
                                     guint          days);
void      _ap_fetch_earnings        (ApFetch       *fetch,
                                     const char    *symbol);
/* No more requests: runs @done once every answer is in (perhaps later). */
void      _ap_fetch_seal            (ApFetch       *fetch);
AuOptionChain *_ap_fetch_get_chain  (ApFetch       *fetch,
                                     const char    *symbol,
                                     guint          min_dte,
                                     guint          max_dte);
AuStockQuote  *_ap_fetch_get_quote  (ApFetch       *fetch,
                                     const char    *symbol);
/* The fetched quote of @contract's series and its underlying's spot;
 * @quote is left alone when no fetched chain lists the series. */
void      _ap_fetch_find_series     (ApFetch              *fetch,
                                     const AuContract     *contract,
                                     const AuOptionQuote **quote,
                                     double               *spot);

/* au-autopilot-book.c: the sleeves as the ledger holds them */
typedef struct
{
  gint64   account_id;
  AuAccountKind kind;
  char    *name;
  AuMoney  equity;          /* at cost */
  AuMoney  cash;            /* ledger cash */
  AuMoney  free_cash;       /* cash less what secures short puts */
  AuMoney  deployed;
  GHashTable *exposure;     /* symbol → AuMoney* committed */
  GHashTable *shares;       /* symbol → gint64* shares held */
  GHashTable *short_calls;  /* symbol → gint64* contracts written */
  gint64   short_puts;      /* contracts open */
  gint64   open_positions;
} ApBook;

void      _ap_book_clear            (ApBook        *book);
gboolean  _ap_book_load             (AuAutopilot   *self,
                                     gint64         account_id,
                                     ApBook        *book,
                                     GError       **error);
AuMoney   _ap_book_symbol_exposure  (const ApBook  *book,
                                     const char    *symbol);
gint64    _ap_book_shares           (const ApBook  *book,
                                     const char    *symbol);
gint64    _ap_book_short_calls      (const ApBook  *book,
                                     const char    *symbol);
/* Builds check's proposal (D2.21) for an order of @book. */
JsonNode *_ap_proposal              (AuAutopilot        *self,
                                     const ApBook       *book,
                                     const char         *mini_rules,
                                     const char         *action,
                                     const char         *strategy,
                                     const AuContract   *contract,
                                     double              delta,
                                     const AuOptionQuote *quote,
                                     AuPrice             spot,
                                     AuPrice             atr,
                                     gboolean            earnings_week,
                                     AuMoney             capital);
/* Sends @intent through the order manager; counts and audits the outcome. */
char     *_ap_submit                (AuAutopilot         *self,
                                     const AuOrderIntent *intent,
                                     const char          *account_name);
char     *_ap_contract_key          (gint64               account_id,
                                     const AuContract    *contract);
gboolean  _ap_contract_from_position (const AuLedgerPosition *position,
                                      AuContract             *contract);
AuSleeve  _ap_sleeve_of_kind        (AuAccountKind        kind);

/* au-autopilot-entries.c */
void      _ap_run_entries           (AuAutopilot   *self,
                                     ApActionKind   kind);
/* D2.19 inside the Monday window: calls on shares not yet covered. */
void      _ap_run_entries_calls_only (AuAutopilot  *self);

/* What an order of the account manager is judged on besides the order:
 * the series' full quote (R8.1–R8.4) and its underlying's spot (R5.2,
 * R17.1); for an L2 hedge also the level that triggered it (R5.3) and
 * the quarter's gains that size it (R5.1). */
typedef struct
{
  AuProtocolLevel      level;
  double               spot;
  AuMoney              quarter_gains;
  const AuOptionQuote *quote;
} ApRouteTerms;

/* au-autopilot-monitor.c */
void      _ap_run_atr               (AuAutopilot   *self);
/* D2.7 / R6.9 / D2.8: a fetched VIX quote becomes the engine's VIX: its
 * value and time, the breaker's tier (audited), SAFE or EMERGENCY when
 * the tier calls for it. Every fetch that carries the VIX goes through it. */
void      _ap_observe_vix           (AuAutopilot        *self,
                                     const AuStockQuote *vix);
/* One intent through the order manager; @terms is NULL when it has none. */
void      _ap_route_intent          (AuAutopilot         *self,
                                     const AuTradeIntent *intent,
                                     const ApRouteTerms  *terms);
/* What a close of @position is judged on besides the order (D2.15). */
void      _ap_add_close_terms       (JsonNode      *proposal,
                                     ApPosition    *position);
void      _ap_audit_protocol_events (AuAutopilot   *self,
                                     const char    *account,
                                     const char    *what,
                                     GArray        *events);
/* L3: a marketable exit re-priced until filled (D2.25), the sleeve SAFE. */
void      _ap_start_exit            (AuAutopilot   *self,
                                     ApPosition    *position,
                                     const char    *account,
                                     const char    *rule,
                                     const char    *reason);
const char *_ap_account_name        (AuAutopilot   *self,
                                     gint64         account_id,
                                     char          *buffer,
                                     gsize          size);
void      _ap_run_monitor           (AuAutopilot   *self);
void      _ap_run_manage            (AuAutopilot   *self);
void      _ap_run_weekly_cut        (AuAutopilot   *self);
void      _ap_sync_positions        (AuAutopilot   *self);
void      _ap_reset_l3              (AuAutopilot   *self,
                                     const char    *actor,
                                     const char    *reason);
void      _ap_on_expiry             (AuBroker            *broker,
                                     const AuExpiryEvent *event,
                                     AuAutopilot         *self);
void      _ap_record_week_event     (AuAutopilot     *self,
                                     AuWeekEventKind  kind,
                                     const char      *account,
                                     const char      *symbol);
void      _ap_route_trade_intents   (AuAutopilot   *self,
                                     GArray        *intents);
gboolean  _ap_quote_series          (AuAutopilot      *self,
                                     const AuContract *contract,
                                     AuOptionQuote    *quote);

/* au-autopilot-roll.c: R6.3 / R6.7 / D2.24, the roll or L3 when it costs
 * too much; R6.6 the L2 hedge with it. */
void      _ap_start_roll            (AuAutopilot   *self,
                                     ApPosition    *position,
                                     const char    *key);

/* au-autopilot-leap.c: R17 in the quarter's first Friday manage window. */
void      _ap_leap_review           (AuAutopilot   *self,
                                     const GDate   *today);

G_END_DECLS

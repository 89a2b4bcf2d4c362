/* au-account-manager.h: the decision layer of accounts, forks, merges,
 * reinvestment, the LEAP ladder and the L2 hedge (WS3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-accounts-error.h"
#include "au-audit-log.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-hedge-sizer.h"
#include "au-ledger.h"
#include "au-option-chain.h"
#include "au-rules-engine.h"
#include "au-trade-intent.h"

G_BEGIN_DECLS

/* The autopilot calls these at its scheduled moments with the engine's
 * clock. Each decides, asks the rules engine, books through the ledger
 * and writes every decision and non-decision to the audit trail (actor
 * "engine", with its rule number and reason). Orders are never sent
 * here: they come back as AuTradeIntent for the order manager. */

#define AU_TYPE_ACCOUNT_MANAGER (au_account_manager_get_type ())

G_DECLARE_FINAL_TYPE (AuAccountManager, au_account_manager, AU, ACCOUNT_MANAGER, GObject)

/* What a weekly cut or a Friday manage window did. */
typedef struct
{
  GArray    *new_minis;   /* gint64: MINIs forked from Gen sleeves (D2.2) */
  GArray    *new_trees;   /* AuLedgerTree: trees forked from Rev sleeves (R3.6) */
  GArray    *merged;      /* gint64: MINIs merged into their tree's Com-Acc (D2.3) */
  GArray    *intents;     /* AuTradeIntent: closes that must fill before a merge */
  GPtrArray *alerts;      /* AuAccountAlert: e.g. a fork queued under R11.2 */
  guint      queued;      /* forks newly queued */
} AuLifecycleResult;

void au_lifecycle_result_clear (AuLifecycleResult *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuLifecycleResult, au_lifecycle_result_clear)

/* One sleeve's quarterly reinvestment (R3.5, R4.4, D2.9). */
typedef struct
{
  gint64                account_id;
  AuLedgerReinvestment  reinvestment;  /* transaction_id 0: nothing booked */
} AuReinvestOutcome;

/* Gives the chain of @symbol with expiries from @min_dte to @max_dte
 * days, or NULL with @error set. */
typedef AuOptionChain *(*AuChainProvider) (const char  *symbol,
                                           guint        min_dte,
                                           guint        max_dte,
                                           gpointer     user_data,
                                           GError     **error);

/* What the LEAP ladder buys on and the regime it sees (R17). */
typedef struct
{
  const char *growth_symbol;  /* underlying of the growth calls, e.g. "SPY" */
  const char *hedge_symbol;   /* underlying of the hedge puts, e.g. "SPY" */
  double      vix;            /* VIX now: hedge puts close below hedge_close_vix_below */
} AuLeapInputs;

/* The L2 hedge of one sleeve (R6.6, D2.4). */
typedef struct
{
  AuMoney      equity;         /* the sleeve's equity at cost */
  AuMoney      quarter_gains;  /* net realized gains of the quarter so far */
  AuHedgeSize  size;           /* the sized amounts: spx_puts + vix_calls == spend */
  GArray      *intents;        /* AuTradeIntent: the puts and calls that fit */
} AuHedgeDeployment;

void au_hedge_deployment_clear (AuHedgeDeployment *deployment);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuHedgeDeployment, au_hedge_deployment_clear)

/* @rules must write to @audit (it records its own rule checks there). */
AuAccountManager *au_account_manager_new             (AuConstitution     *constitution,
                                                      AuDatabase         *database,
                                                      AuLedger           *ledger,
                                                      AuAuditLog         *audit,
                                                      AuRulesEngine      *rules,
                                                      GError            **error);

/* R0.1: the root tree split 40/30/30 on first start; nothing when a tree
 * exists. @tree receives the first tree either way. */
gboolean          au_account_manager_ensure_portfolio (AuAccountManager  *self,
                                                      AuMoney            capital,
                                                      GDateTime         *time,
                                                      AuLedgerTree      *tree,
                                                      GError           **error);

/* R1.2 weekly cut: queued forks first, then the Gen forks (D2.2) and Rev
 * forks (R3.6) now due, each under the sub-account cap (R11.2, queued
 * with an alert beyond it), then MINIs due to merge (D2.3): close intents
 * for those that hold positions; the merge itself happens at the next
 * Friday manage window once flat. @result is filled anew (clear it with
 * au_lifecycle_result_clear() before reusing it). */
gboolean          au_account_manager_weekly_cut      (AuAccountManager  *self,
                                                      GDateTime         *time,
                                                      AuLifecycleResult *result,
                                                      GError           **error);

/* D2.3 at the Friday manage window: merges every due MINI that is flat
 * into its tree's Com-Acc (close intents again for one that is not), then
 * runs queued forks the merges made room for. */
gboolean          au_account_manager_friday_manage   (AuAccountManager  *self,
                                                      GDateTime         *time,
                                                      AuLifecycleResult *result,
                                                      GError           **error);

/* D2.9 on the first trading day after a quarter end (else
 * AU_ACCOUNTS_ERROR_NOT_DUE and nothing happens): the quarter just ended
 * is reinvested for every Rev and Com sleeve; Gen and MINIs are audited
 * as non-actions (R10.1), as is a quarter whose gains are <= 0.
 * Returns: (transfer full) (element-type AuReinvestOutcome) or NULL. */
GArray           *au_account_manager_quarter_start   (AuAccountManager  *self,
                                                      GDateTime         *time,
                                                      GError           **error);

/* R17 for every Rev and Com sleeve: rolls (TTE <= roll_months, or a
 * growth call's delta outside roll_delta_min..max), hedge puts closed
 * when VIX < hedge_close_vix_below, and this quarter's new rung from the
 * LEAP budget split growth_share : hedge_share. One rung per sleeve per
 * quarter. Returns: (transfer full) (element-type AuTradeIntent) or NULL. */
GArray           *au_account_manager_leap_plan       (AuAccountManager  *self,
                                                      GDateTime         *time,
                                                      const AuLeapInputs *inputs,
                                                      AuChainProvider    provider,
                                                      gpointer           user_data,
                                                      GError           **error);

/* The quarterly ladder report (R17.4, §3.11): every rung by sleeve, its
 * cost and its value at the chain's mid, totals for growth and hedge. */
JsonNode         *au_account_manager_leap_report     (AuAccountManager  *self,
                                                      GDateTime         *time,
                                                      AuChainProvider    provider,
                                                      gpointer           user_data,
                                                      GError           **error);

/* R17.4 before a review, when the rungs were ordered through a broker:
 * the ladder is set to what each sleeve holds in the ledger. A rung
 * planned on an earlier day whose order never filled leaves the ladder
 * (a budget rung's cost returns to the LEAP budget); a partial fill
 * keeps what filled; a close that did not fill leaves its rung open.
 * Changes are audited (kind "leap", verdict SYNCED). */
gboolean          au_account_manager_leap_sync       (AuAccountManager  *self,
                                                      GDateTime         *time,
                                                      GError           **error);

/* One chain au_account_manager_leap_plan() or _leap_report() will ask
 * its provider for: fetch these first and the provider can answer from
 * them. */
typedef struct
{
  char  *symbol;
  guint  min_dte;
  guint  max_dte;
} AuLeapChainRequest;

void              au_leap_chain_request_clear        (AuLeapChainRequest *request);

/* The chains the plan and the report at @time need: the growth and
 * hedge windows (R17.1) and each open rung's own expiry (R17.3).
 * Returns: (transfer full) (element-type AuLeapChainRequest) or NULL. */
GArray           *au_account_manager_leap_chain_requests (AuAccountManager  *self,
                                                          GDateTime         *time,
                                                          const AuLeapInputs *inputs,
                                                          GError           **error);

/* Stores @report (from au_account_manager_leap_report()) as the ladder
 * report of its quarter, "YYYYQn" (§3.11, R17.4), replacing an earlier
 * one of that quarter, and audits it (kind "leap_report"). */
gboolean          au_account_manager_leap_report_store (AuAccountManager *self,
                                                        GDateTime        *time,
                                                        const char       *quarter,
                                                        JsonNode         *report,
                                                        GError          **error);

/* The stored ladder report of @quarter ("2016Q2"), or NULL with
 * AU_ACCOUNTS_ERROR_NOT_FOUND when that quarter has none; for the
 * reports module, which needs no option chains to read it. */
JsonNode         *au_account_manager_leap_ladder_report (AuAccountManager *self,
                                                         const char       *quarter,
                                                         GError          **error);

/* D2.3: whether MINI @mini_id is due to merge at @time (its 3rd
 * anniversary or 3× its initial capital): it then opens nothing new. */
gboolean          au_account_manager_mini_merge_due  (AuAccountManager  *self,
                                                      gint64             mini_id,
                                                      GDateTime         *time,
                                                      gboolean          *due,
                                                      GError           **error);

/* R6.6 / D2.4: the hedge an L2 breach in @sleeve_id deploys, SPX puts and
 * VIX calls for the sized amounts (2:1), at most once per sleeve per ISO
 * week (a second call that week returns FALSE with
 * AU_ACCOUNTS_ERROR_NOT_DUE, audited). */
gboolean          au_account_manager_hedge_for_l2    (AuAccountManager  *self,
                                                      gint64             sleeve_id,
                                                      GDateTime         *time,
                                                      AuOptionChain     *spx_chain,
                                                      AuOptionChain     *vix_chain,
                                                      AuHedgeDeployment *deployment,
                                                      GError           **error);

/* R11.2: the sub-accounts the user has now, as au_ledger_count_sub_accounts()
 * counts them (a new portfolio 3, each MINI 1, each forked tree 3; -1 on
 * error), and the forks waiting for room. */
gint64            au_account_manager_count_sub_accounts (AuAccountManager *self,
                                                         GError          **error);
gint64            au_account_manager_count_queued    (AuAccountManager  *self,
                                                      GError           **error);

G_END_DECLS

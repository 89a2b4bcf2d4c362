/* au-autopilot.h: the weekly cycle that runs the ALL-USE strategy (R0–R9, D2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "au-audit-log.h"
#include "au-autopilot-snapshot.h"
#include "au-broker.h"
#include "au-clock.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-engine-command.h"
#include "au-engine-event.h"
#include "au-engine-workload.h"
#include "au-ledger.h"
#include "au-market-sim.h"
#include "au-rules-engine.h"
#include "au-system-state.h"

G_BEGIN_DECLS

#define AU_AUTOPILOT_ERROR (au_autopilot_error_quark ())

typedef enum
{
  AU_AUTOPILOT_ERROR_INVALID,     /* a configuration field is missing or wrong; named */
  AU_AUTOPILOT_ERROR_NOT_STARTED, /* run_until or a command before au_autopilot_start() */
  AU_AUTOPILOT_ERROR_BROKER,      /* the broker failed in a way the autopilot cannot absorb */
  AU_AUTOPILOT_ERROR_STORE,       /* the database refused a write */
} AuAutopilotError;

GQuark au_autopilot_error_quark (void);

/* Everything the autopilot runs on; it keeps a reference to each object.
 * All of them live on the thread whose thread-default main context is
 * current when au_autopilot_new() is called (the engine thread). */
typedef struct
{
  AuConstitution *constitution;
  AuDatabase     *database;
  AuLedger       *ledger;
  AuAuditLog     *audit;
  AuRulesEngine  *rules;
  AuBroker       *broker;
  AuClock        *clock;
  /* The paper market behind @broker, or NULL (IB). With it, held series
   * are priced one by one instead of through a chain request. */
  AuMarketSim    *market;
  AuMoney         capital;        /* R0.1: the first tree's deposit */
  gboolean        unattended;     /* D2.26: latches reset by the constitution's policy */
} AuAutopilotConfig;

/* Counters over the run, for the backtest and the benchmark. */
typedef struct
{
  guint64 orders;                /* parent orders sent */
  guint64 rejected_by_rules;     /* intents the rules engine refused */
  guint64 non_actions;           /* audited decisions not to act */
  guint64 forks;
  guint64 merges;
  guint64 rolls;
  guint64 l3_exits;
  guint64 assignments;
  guint64 weeks;                 /* weekly cuts passed */
  guint64 week_types[6];         /* system label per week, by AuWeekType */
  guint64 latch_resets;          /* D2.26 resets by policy */
} AuAutopilotStats;

#define AU_TYPE_AUTOPILOT (au_autopilot_get_type ())

G_DECLARE_FINAL_TYPE (AuAutopilot, au_autopilot, AU, AUTOPILOT, GObject)

AuAutopilot        *au_autopilot_new          (const AuAutopilotConfig *config,
                                               GError                 **error);
/* The engine thread's workload (an AuEngineWorkloadFunc): the autopilot
 * over @services, with the paper market when the broker is the paper
 * broker; capital and the unattended flag from its configuration.
 * @user_data is unused. */
AuEngineWorkload   *au_autopilot_new_workload (const AuEngineServices  *services,
                                               gpointer                 user_data,
                                               GError                 **error);

/* R9.1: ensures the portfolio (R0.1), reconciles the broker with the
 * ledger (orphans cancelled, fills booked once, nothing sent twice) and
 * moves SAFE → RECONCILING → MONITORING, each transition audited. Returns
 * at once; the outcome arrives as events and as the state. With a wall or
 * simulated clock the schedule then runs from timers on the context. */
gboolean            au_autopilot_start        (AuAutopilot             *self,
                                               GError                 **error);
/* Stepped clock: walks every scheduled action up to @usec in order,
 * advancing the paper broker between them (au_paper_broker_advance_to). */
gboolean            au_autopilot_run_until    (AuAutopilot             *self,
                                               gint64                   usec,
                                               GError                 **error);

/* A clean stop (D4): the state is saved one last time. The STOP command
 * does the same. Dropping the object without it is a crash, which loses
 * nothing saved at the last material change. */
void                au_autopilot_stop         (AuAutopilot             *self);

/* Commands (audited with actor and reason): RESUME, PAUSE, SAFE,
 * KILL_SWITCH, RESET_LATCH, RECONCILE. */
void                au_autopilot_command      (AuAutopilot             *self,
                                               const AuEngineCommand   *command);

AuSystemState       au_autopilot_get_state    (AuAutopilot             *self,
                                               const char             **reason);
gboolean            au_autopilot_is_paused    (AuAutopilot             *self);
/* (transfer full) */
AuAutopilotSnapshot *au_autopilot_dup_snapshot (AuAutopilot            *self);
const AuAutopilotStats *au_autopilot_get_stats (AuAutopilot            *self);
/* When the next scheduled action is due (µs), and its description. */
gint64              au_autopilot_get_next_action (AuAutopilot          *self,
                                                  char                **description);

G_END_DECLS

/* ibsim-harness.h: the real alluse-gateway-sim in a child process and an
 * AuIbClient driven against it on the default main context (issue 4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-ib-client.h"

G_BEGIN_DECLS

/* Thursday 19 November 2026, 10:15 New York time: a session day inside
 * the CSP entry window (the research file's Gen CSP sample, R2.2). */
#define IBSIM_CLOCK      "2026-11-19T10:15:00-05:00"
#define IBSIM_ACCOUNT    "DU1234567"
/* How long a test waits for one answer before it fails. */
#define IBSIM_REPLY_MS   8000

typedef struct
{
  GSubprocess   *process;
  GOutputStream *control;   /* the simulator's stdin */
  GDataInputStream *out;    /* its stdout, past the port line */
  guint16        port;
} IbsimSim;

/* A fresh temporary --state file (its folder is new); and its removal,
 * the ".gateway" book beside it included. */
char       *ibsim_temp_state    (void);
void        ibsim_remove_state  (const char  *state);

/* Starts the binary (ALLUSE_GATEWAY_SIM or the build tree's) with
 * --clock IBSIM_CLOCK, @state (may be NULL), @port (0: any free) and the
 * NULL-terminated @first_extra arguments; it dies with the test process
 * (PR_SET_PDEATHSIG), so a failed assertion never leaves it behind. */
IbsimSim   *ibsim_sim_start     (const char  *state,
                                 guint16      port,
                                 const char  *first_extra,
                                 ...);
/* One control line on the simulator's stdin ("1100", "drop", …). */
void        ibsim_sim_control   (IbsimSim    *sim,
                                 const char  *line);
/* "speed @speed" on the simulator's stdin; returns the simulated time
 * (µs) at which the new pace took effect, from its answer on stdout. */
gint64      ibsim_sim_set_speed (IbsimSim    *sim,
                                 const char  *speed);
/* SIGKILL, reaped, freed. */
void        ibsim_sim_kill      (IbsimSim    *sim);

/* Spins the default main context until @done (*@flag TRUE) or
 * @timeout_ms; returns *@flag. */
gboolean    ibsim_wait_flag     (const gboolean *flag,
                                 guint           timeout_ms);
/* Spins the default main context for @ms (lets a fault play out). */
void        ibsim_spin          (guint           ms);

/* A GAsyncReadyCallback storing its result in the GAsyncResult ** given
 * as user data; ibsim_await() spins until it is there (failing the test
 * after IBSIM_REPLY_MS) and returns it (transfer none: *@slot owns it). */
void          ibsim_store_result (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data);
GAsyncResult *ibsim_await        (GAsyncResult **slot);

/* A client with short test timeouts (readiness 3 s, first reconnect
 * after @reconnect_ms, requests 6 s), connected and READY. */
AuIbClient *ibsim_client_connect (guint16     port,
                                  int         client_id,
                                  guint       reconnect_ms);

/* Counts what a broker emits, for the assertions of the tests. */
typedef struct
{
  AuBroker  *broker;       /* weak: cleared when the broker goes */
  GPtrArray *states;       /* AuBrokerState, GINT_TO_POINTER, in order */
  GPtrArray *notices;      /* "<code> <message>" */
  GPtrArray *updates;      /* AuOrderUpdate */
  GPtrArray *executions;   /* AuExecution */
} IbsimRecorder;

void        ibsim_recorder_attach (IbsimRecorder *recorder,
                                   AuBroker      *broker);
void        ibsim_recorder_clear  (IbsimRecorder *recorder);
/* The index of the first state @state recorded at or after @from, or -1. */
int         ibsim_recorder_find_state (IbsimRecorder *recorder,
                                       guint          from,
                                       AuBrokerState  state);
/* Whether a notice of @code was recorded. */
gboolean    ibsim_recorder_has_notice (IbsimRecorder *recorder,
                                       int            code);

G_END_DECLS

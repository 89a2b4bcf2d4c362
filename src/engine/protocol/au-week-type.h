/* au-week-type.h: the week type of a sleeve and of the system (§12, D2.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-protocol-types.h"

G_BEGIN_DECLS

/* In ascending precedence (D2.5): Preservation > Roll > Hedged >
 * Assignment > Earnings-Filter > Calm-Income; Roll outranks Hedged
 * because every L2 roll also deploys a hedge (R6.6). */
typedef enum
{
  AU_WEEK_CALM_INCOME,
  AU_WEEK_EARNINGS_FILTER,
  AU_WEEK_ASSIGNMENT,
  AU_WEEK_HEDGED,
  AU_WEEK_ROLL,
  AU_WEEK_PRESERVATION,
} AuWeekType;

#define AU_N_WEEK_TYPES 6

/* What happened during the week (research §4.1). */
typedef enum
{
  AU_WEEK_EVENT_L3_EXIT,        /* Protocol L3 executed → Preservation */
  AU_WEEK_EVENT_L2_ROLL,        /* Protocol L2 roll executed → Roll */
  AU_WEEK_EVENT_HEDGE_DEPLOYED, /* a hedge deployed (R6.6) → Hedged */
  AU_WEEK_EVENT_HEDGED_WEEK,    /* the VIX > 50 breaker (D2.8) → Hedged */
  AU_WEEK_EVENT_ASSIGNMENT,     /* the CC pivot after an assignment (R7.2) → Assignment */
  AU_WEEK_EVENT_EARNINGS_SKIP,  /* a CSP skipped by the earnings filter (R1.3) → Earnings-Filter */
} AuWeekEventKind;

#define AU_WEEK_ACCOUNT_SIZE 32

typedef struct
{
  AuWeekEventKind kind;
  gint64          time;                          /* µs, engine clock */
  char            account[AU_WEEK_ACCOUNT_SIZE]; /* sleeve or account id; "" = system-wide */
  char            symbol[16];
  const char     *rule;                          /* e.g. "R6.4", "D2.8" */
} AuWeekEvent;

/* A week's label with the events that decided it (none for Calm-Income). */
typedef struct
{
  AuWeekType    type;
  char         *account;  /* NULL for the system roll-up */
  GArray       *events;   /* AuWeekEvent */
  AuProtocolWhy why;
} AuWeekLabel;

/* The six keys of the ledger and the backtest JSON: calm_income, roll,
 * hedged, assignment, earnings_filter, preservation. */
const char  *au_week_type_to_key     (AuWeekType        type);
gboolean     au_week_type_from_key   (const char       *key,
                                      AuWeekType       *type);
AuWeekType   au_week_event_type      (AuWeekEventKind   kind);
/* Fills an event; @account NULL or "" for a system-wide one. */
void         au_week_event_init      (AuWeekEvent      *event,
                                      AuWeekEventKind   kind,
                                      gint64            time,
                                      const char       *account,
                                      const char       *symbol);

/* The label of @account (a sleeve key such as "gen" or an account id)
 * from the week's @events: its own events and the system-wide ones. With
 * @account NULL, the system roll-up over every event, by the same
 * precedence. */
AuWeekLabel *au_week_type_classify   (const AuWeekEvent *events,
                                      guint              n_events,
                                      const char        *account);
void         au_week_label_free      (AuWeekLabel      *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuWeekLabel, au_week_label_free)

G_END_DECLS

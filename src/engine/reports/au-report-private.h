/* au-report-private.h: what the report's readers and writers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-ledger-types.h"
#include "au-report.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *name;
  char    *kind;
  AuMoney  start_books[AU_N_BOOKS];   /* signed sums of postings, debit positive */
  AuMoney  end_books[AU_N_BOOKS];
  AuMoney  unrealized_start;
  AuMoney  unrealized_end;
  gint64   orders;
  gint64   fills;
  gint64   assignments;
} AuReportAccount;

/* An audit record or ledger transaction the report lists. */
typedef struct
{
  char *time;
  char *account;
  char *kind;      /* "rejection", "escalation", "assignment", "fork", "merge", "week_type"… */
  char *rules;     /* comma-separated rule numbers */
  char *value;     /* a level, a verdict, an amount */
  char *message;
} AuReportEvent;

typedef struct
{
  char *week;      /* ISO week, "2016-W01" */
  char *account;   /* NULL for the system roll-up */
  char *type;      /* calm_income, earnings_filter… */
  char *events;    /* "R7.2 assignment ALL-USE-1/Gen IWM; …" */
  char *why;       /* the audit record's explanation (system label), or NULL */
} AuReportWeekType;

typedef struct
{
  char    *account;
  char    *instrument;  /* "IWM 2016-01-08 P 202" or "AAPL" */
  gint64   quantity;
  AuMoney  cost_basis;  /* debit positive */
  AuMoney  value;       /* at the mark, or at cost */
  gboolean marked;
  AuPrice  mark;
  char    *mark_time;   /* the audit record the mark came from */
} AuReportPosition;

typedef struct
{
  char    *account;
  char    *quarter;
  char    *kind;
  char    *contract;
  gint64   quantity;
  AuMoney  cost;
  char    *state;
} AuReportRung;

typedef struct
{
  char    date[11];
  AuMoney equity;
} AuReportPoint;

struct _AuReport
{
  GObject          parent_instance;

  AuReportPeriod   period;
  GDate            first;
  GDate            last;
  char            *start_utc;      /* [start_utc, end_utc): the period in ledger time */
  char            *end_utc;
  guint            n_sessions;
  char            *first_session;
  char            *last_session;
  GPtrArray       *accounts;       /* AuReportAccount */
  GPtrArray       *week_types;     /* AuReportWeekType */
  GPtrArray       *events;         /* AuReportEvent, in time order */
  GPtrArray       *positions;      /* AuReportPosition, open at the end */
  GPtrArray       *ladder;         /* AuReportRung, NULL when the ladder has no table */
  GArray          *curve;          /* AuReportPoint: equity at cost per session close */
  char            *mark_note;
  guint            n_marked;
  guint            n_at_cost;
};

/* The figures in the order every output lists them. */
typedef struct
{
  const char *name;     /* the JSON and CSV key */
  const char *label;    /* for people */
  gsize       offset;   /* into AuReportFigures, a gint64 */
  gboolean    money;    /* cents, else a count */
} AuReportField;

extern const AuReportField _au_report_fields[];
extern const guint         _au_report_n_fields;

#define AU_REPORT_FIELD(f, field) G_STRUCT_MEMBER (gint64, (f), (field)->offset)

void     _au_report_account_figures (const AuReportAccount *account,
                                     AuReportFigures       *figures);
gboolean _au_report_collect         (AuReport              *self,
                                     AuDatabase            *database,
                                     GError               **error);
/* Events of @kind, in time order. Returns: (transfer container). */
GPtrArray *_au_report_events_of     (AuReport              *self,
                                     const char            *kind);
char    *_au_report_period_title    (AuReport              *self);

G_END_DECLS

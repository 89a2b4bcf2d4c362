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

/* One rung of a stored quarterly ladder report (R17.1–R17.4). Money in
 * cents, prices in 1/10,000 dollars, all from the stored report. */
typedef struct
{
  char     *account;
  char     *kind;         /* "growth" (calls) or "hedge" (puts) */
  char     *contract;     /* "SPY 2017-04-21 C 564" */
  char     *expiry;
  char     *strike;       /* as people write it: 564, 187.5 */
  gboolean  call;
  char     *quarter;      /* the quarter it was bought in */
  gint64    quantity;
  AuPrice   price;        /* paid per share */
  AuMoney   cost;
  gboolean  has_delta;    /* FALSE: no stored review quoted it */
  double    delta;        /* at purchase, from the review that bought it */
  gboolean  has_mark;
  AuPrice   mark;         /* at the review */
  AuMoney   value;
  char     *origin;       /* "budget" (R17.1) or "roll" (R17.2) */
  char     *state;        /* open, closing, expired */
} AuReportLadderRung;

/* An order a review decided (R17.1 buy, R17.3 close or roll). */
typedef struct
{
  char     *account;
  char     *side;
  gint64    quantity;
  char     *contract;
  char     *purpose;      /* leap_growth, leap_roll_close… */
  char     *rule;
  gboolean  has_delta;
  double    delta;
} AuReportLadderOrder;

/* One sleeve's review: its verdict, budget and the reasons it gave. */
typedef struct
{
  char      *account;
  char      *verdict;     /* PLANNED or NO_ACTION */
  AuMoney    leap_budget;
  double     vix;
  GPtrArray *notes;       /* char *, each led by its rule number */
} AuReportLadderReview;

/* The ladder report the accounts area stored for a quarter (§3.11). */
typedef struct
{
  char      *quarter;     /* "2016Q2" */
  char      *time;        /* the review, Eastern ISO 8601 */
  GPtrArray *rungs;       /* AuReportLadderRung */
  GPtrArray *reviews;     /* AuReportLadderReview */
  GPtrArray *orders;      /* AuReportLadderOrder */
  AuMoney    growth_cost;
  AuMoney    hedge_cost;
  AuMoney    value;       /* of the marked rungs */
  guint      n_unmarked;
} AuReportLadder;

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
  gboolean         has_leap_reports;
  char            *leap_quarter;   /* the quarter a quarterly report covers */
  AuReportLadder  *leap_report;    /* the period's ladder report, or NULL */
  GArray          *curve;          /* AuReportPoint: equity at cost per session close */
  char            *mark_note;
  guint            n_marked;
  guint            n_at_cost;
};

/* One query's rows: prepared with its text parameters bound as ?1, ?2…,
 * stepped by _au_report_rows_next(), its end checked by
 * _au_report_rows_done(), whose error names @what. */
typedef struct
{
  AuDatabase   *db;
  sqlite3_stmt *stmt;
  const char   *what;
  int           rc;
} AuReportRows;

#define AU_REPORT_ROWS_INIT { NULL, NULL, NULL, 0 }

/* The variadic texts end with NULL. */
gboolean    _au_report_rows_open   (AuReportRows  *rows,
                                    AuDatabase    *db,
                                    const char    *what,
                                    GError       **error,
                                    const char    *sql,
                                    ...) G_GNUC_NULL_TERMINATED;
/* Runs the statement again with new texts. */
void        _au_report_rows_rebind (AuReportRows  *rows,
                                    ...) G_GNUC_NULL_TERMINATED;
/* TRUE on a row; FALSE at the end or on an error. */
gboolean    _au_report_rows_next   (AuReportRows  *rows);
/* FALSE, with @error set, when the last step failed. */
gboolean    _au_report_rows_done   (AuReportRows  *rows,
                                    GError       **error);
void        _au_report_rows_clear  (AuReportRows  *rows);
const char *_au_report_rows_text   (AuReportRows  *rows,
                                    int            column);
char       *_au_report_rows_dup    (AuReportRows  *rows,
                                    int            column);
gint64      _au_report_rows_int    (AuReportRows  *rows,
                                    int            column);
gboolean    _au_report_has_table   (AuDatabase    *db,
                                    const char    *table);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AuReportRows, _au_report_rows_clear)

/* Frees a record and the char * members at @offsets: every record type
 * the report reads is freed by one function. */
void _au_report_free_strings (gpointer     record,
                              const gsize *offsets,
                              guint        n_offsets);

#define AU_REPORT_DEFINE_FREE(func, offsets)                             \
  static void                                                            \
  func (gpointer data)                                                   \
  {                                                                      \
    _au_report_free_strings (data, (offsets), G_N_ELEMENTS (offsets));   \
  }

/* The event lists, in the order every output gives them: the JSON key,
 * the terminal's title and the PDF's heading of each kind. */
typedef struct
{
  const char *kind;     /* AuReportEvent.kind */
  const char *key;
  const char *title;
  const char *heading;
} AuReportEventSection;

extern const AuReportEventSection _au_report_event_sections[];
extern const guint                _au_report_n_event_sections;

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

/* @field of @figures: money by @money_text (au_money_format() or
 * _au_report_dollars()), a count as digits. */
char    *_au_report_field_text      (const AuReportField   *field,
                                     const AuReportFigures *figures,
                                     char                *(*money_text) (AuMoney cents));
/* "YYYY-MM-DD" */
char    *_au_report_date_text       (const GDate           *date);
/* A delta as every output writes it, "-0.42", or "unknown". */
char    *_au_report_delta_text      (gboolean               known,
                                     double                 delta);

void     _au_report_account_figures (const AuReportAccount *account,
                                     AuReportFigures       *figures);
gboolean _au_report_collect         (AuReport              *self,
                                     AuDatabase            *database,
                                     GError               **error);
/* Events of @kind, in time order. Returns: (transfer container). */
GPtrArray *_au_report_events_of     (AuReport              *self,
                                     const char            *kind);
char    *_au_report_period_title    (AuReport              *self);
/* "$1,234,567.89", "−$3.00": money for people (PDF, text, answers). */
char    *_au_report_dollars         (AuMoney                cents);
/* A strike as people write it: 202, 187.5 */
char    *_au_report_strike_text     (AuPrice                strike);
/* The quarterly LEAP ladder report of the period (R17.4): the quarter's
 * own for a quarter, else the one whose review fell in the period. */
gboolean _au_report_load_leap_report (AuReport             *self,
                                      AuDatabase           *database,
                                      GError              **error);
void     _au_report_ladder_free     (AuReportLadder        *ladder);
/* "call" or "put" and "growth" or "hedge" in one word pair. */
const char *_au_report_rung_kind    (const AuReportLadderRung *rung);

G_END_DECLS

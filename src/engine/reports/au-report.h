/* au-report.h: the weekly, monthly and quarterly report (WS5, research §3.11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "au-database.h"
#include "au-types.h"

G_BEGIN_DECLS

#define AU_REPORT_ERROR (au_report_error_quark ())

typedef enum
{
  AU_REPORT_ERROR_INVALID,    /* a bad period, date or question; the message names it */
  AU_REPORT_ERROR_NO_LEDGER,  /* the database holds no ledger to report on */
  AU_REPORT_ERROR_DATABASE,   /* the file cannot be read (corrupt, not SQLite…) */
  AU_REPORT_ERROR_OUTPUT,     /* the PDF could not be drawn */
} AuReportError;

GQuark au_report_error_quark (void);

typedef enum
{
  AU_REPORT_WEEK,     /* Monday to Sunday, ISO week */
  AU_REPORT_MONTH,
  AU_REPORT_QUARTER,
} AuReportPeriod;

const char *au_report_period_to_string   (AuReportPeriod   period);
gboolean    au_report_period_from_string (const char      *text,
                                          AuReportPeriod  *period);
/* "YYYY-MM-DD", a real calendar day; the error names @field. */
gboolean    au_report_parse_date         (const char      *text,
                                          const char      *field,
                                          GDate           *date,
                                          GError         **error);

/* The figures of one account, or of all of them, over the period. Money
 * in cents. Equity is assets minus liabilities, open positions marked
 * (see au_report_get_mark_note()), so that
 *   ending_equity − starting_equity
 *     = deposits + transfers + realized + unrealized_change. */
typedef struct
{
  AuMoney starting_equity;
  AuMoney ending_equity;
  AuMoney deposits;            /* money contributed from outside (R0.1) */
  AuMoney transfers;           /* forks and merges: in positive, out negative (R2.6, D2.3) */
  AuMoney premium_income;      /* realized option premium */
  AuMoney commissions;
  AuMoney net_premium_income;  /* premium income minus every commission (D4 "income") */
  AuMoney stock_gains;
  AuMoney option_gains;
  AuMoney realized;            /* all income minus commissions (R10.3) */
  AuMoney unrealized_start;    /* open positions at their marks, minus cost, at the start */
  AuMoney unrealized;          /* likewise at the end */
  AuMoney unrealized_change;
  AuMoney tax_reserve;         /* the R3.5 reserve held at the end */
  AuMoney tax_reserve_added;   /* set aside during the period */
  gint64  orders;              /* parent orders created (D4) */
  gint64  fills;
  gint64  assignments;
} AuReportFigures;

#define AU_TYPE_REPORT (au_report_get_type ())

G_DECLARE_FINAL_TYPE (AuReport, au_report, AU, REPORT, GObject)

/* Reads the period holding @date (NULL: the day of the ledger's newest
 * transaction, in ET) from @database, which may be read-only. */
AuReport       *au_report_new            (AuDatabase       *database,
                                          AuReportPeriod    period,
                                          const GDate      *date,
                                          GError          **error);

AuReportPeriod  au_report_get_period     (AuReport         *self);
/* The period's first and last calendar days (ET). */
void            au_report_get_bounds     (AuReport         *self,
                                          GDate            *first,
                                          GDate            *last);
/* NYSE sessions in the period (holidays excluded). */
guint           au_report_get_n_sessions (AuReport         *self);
void            au_report_get_totals     (AuReport         *self,
                                          AuReportFigures  *totals);
guint           au_report_get_n_accounts (AuReport         *self);
/* Returns: (transfer none): the account's name; @figures receives its figures. */
const char     *au_report_get_account    (AuReport         *self,
                                          guint             index,
                                          AuReportFigures  *figures);
/* How open positions were valued, in plain words. */
const char     *au_report_get_mark_note  (AuReport         *self);

/* Outputs. JSON is canonical (au-json.h), money in integer cents; CSV is
 * the long format "section,account,item,value,detail" (RFC 4180, CRLF);
 * the PDF is A4 and byte-for-byte reproducible. */
char           *au_report_to_json        (AuReport         *self);
JsonNode       *au_report_to_json_node   (AuReport         *self);
char           *au_report_to_csv         (AuReport         *self);
char           *au_report_to_text        (AuReport         *self);
GBytes         *au_report_to_pdf         (AuReport         *self,
                                          guint            *n_pages,
                                          GError          **error);

/* Plain answers from the report's own data, no model (research §3.13):
 * earnings, rolls, the week type and realized vs unrealized. An unknown
 * question gets the list of questions it can answer. Never NULL. */
char           *au_report_explain        (AuReport         *self,
                                          const char       *question);

G_END_DECLS

/* au-report.c: the weekly, monthly and quarterly report (WS5, research §3.11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-reports"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "au-market-calendar.h"
#include "au-money.h"
#include "au-report-private.h"

G_DEFINE_QUARK (au-report-error-quark, au_report_error)

G_DEFINE_FINAL_TYPE (AuReport, au_report, G_TYPE_OBJECT)

#define FIELD(name, label, money) { #name, label, G_STRUCT_OFFSET (AuReportFigures, name), money }

const AuReportField _au_report_fields[] = {
  FIELD (starting_equity, "Starting equity", TRUE),
  FIELD (ending_equity, "Ending equity", TRUE),
  FIELD (deposits, "Deposits", TRUE),
  FIELD (transfers, "Transfers (forks, merges)", TRUE),
  FIELD (premium_income, "Premium income", TRUE),
  FIELD (commissions, "Commissions", TRUE),
  FIELD (net_premium_income, "Net premium income", TRUE),
  FIELD (stock_gains, "Stock gains", TRUE),
  FIELD (option_gains, "Long option gains", TRUE),
  FIELD (realized, "Realized P&L", TRUE),
  FIELD (unrealized_start, "Unrealized at start", TRUE),
  FIELD (unrealized, "Unrealized at end", TRUE),
  FIELD (unrealized_change, "Change in unrealized", TRUE),
  FIELD (tax_reserve, "Tax reserve", TRUE),
  FIELD (tax_reserve_added, "Tax reserve added", TRUE),
  FIELD (orders, "Orders", FALSE),
  FIELD (fills, "Fills", FALSE),
  FIELD (assignments, "Assignments", FALSE),
};

const guint _au_report_n_fields = G_N_ELEMENTS (_au_report_fields);

const AuReportEventSection _au_report_event_sections[] = {
  { "assignment", "assignments", "Assignments", "Assignments (R7.2)" },
  { "escalation", "escalations", "Protocol escalations", "Protocol escalations (R6)" },
  { "rejection", "rejections", "Rules rejections", "Rules rejections" },
  { "fork", "forks", "Forks", "Forks (R2.6, R3.6)" },
  { "merge", "merges", "Merges", "Merges (D2.3)" },
  { "reinvestment", "reinvestments", "Reinvestments", "Reinvestments and tax reserve (R3.5)" },
};

const guint _au_report_n_event_sections = G_N_ELEMENTS (_au_report_event_sections);

static const char *period_names[] = { "week", "month", "quarter" };

const char *
au_report_period_to_string (AuReportPeriod period)
{
  g_return_val_if_fail (period <= AU_REPORT_QUARTER, NULL);

  return period_names[period];
}

gboolean
au_report_period_from_string (const char     *text,
                              AuReportPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (period_names); i++)
    if (g_strcmp0 (text, period_names[i]) == 0)
      {
        *period = (AuReportPeriod) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
au_report_parse_date (const char  *text,
                      const char  *field,
                      GDate       *date,
                      GError     **error)
{
  unsigned year, month, day;
  char tail;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3
      || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_INVALID,
                   "%s: “%s” is not a calendar date (YYYY-MM-DD)",
                   field != NULL ? field : "date", text != NULL ? text : "");
      return FALSE;
    }
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
au_report_finalize (GObject *object)
{
  AuReport *self = AU_REPORT (object);

  g_free (self->start_utc);
  g_free (self->end_utc);
  g_free (self->first_session);
  g_free (self->last_session);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->week_types, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->positions, g_ptr_array_unref);
  g_clear_pointer (&self->ladder, g_ptr_array_unref);
  g_clear_pointer (&self->leap_report, _au_report_ladder_free);
  g_free (self->leap_quarter);
  g_clear_pointer (&self->curve, g_array_unref);
  g_free (self->mark_note);

  G_OBJECT_CLASS (au_report_parent_class)->finalize (object);
}

static void
au_report_class_init (AuReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_report_finalize;
}

static void
au_report_init (AuReport *self)
{
  g_date_clear (&self->first, 1);
  g_date_clear (&self->last, 1);
}

/* The first and last calendar days of the period holding @date. */
static void
period_bounds (AuReportPeriod  period,
               const GDate    *date,
               GDate          *first,
               GDate          *last)
{
  *first = *date;
  switch (period)
    {
    case AU_REPORT_WEEK:
      g_date_subtract_days (first, g_date_get_weekday (date) - G_DATE_MONDAY);
      *last = *first;
      g_date_add_days (last, 6);
      break;
    case AU_REPORT_MONTH:
      g_date_set_day (first, 1);
      *last = *first;
      g_date_set_day (last, g_date_get_days_in_month (g_date_get_month (first),
                                                      g_date_get_year (first)));
      break;
    case AU_REPORT_QUARTER:
    default:
      g_date_set_day (first, 1);
      g_date_set_month (first, (GDateMonth) (((g_date_get_month (date) - 1) / 3) * 3 + 1));
      *last = *first;
      g_date_add_months (last, 2);
      g_date_set_day (last, g_date_get_days_in_month (g_date_get_month (last),
                                                      g_date_get_year (last)));
      break;
    }
}

char *
_au_report_date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

char *
_au_report_field_text (const AuReportField     *field,
                       const AuReportFigures   *figures,
                       char                  *(*money_text) (AuMoney cents))
{
  gint64 value = AU_REPORT_FIELD ((gpointer) figures, field);

  return field->money ? money_text (value) : g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

char *
_au_report_delta_text (gboolean known,
                       double   delta)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (known ? g_ascii_formatd (buffer, sizeof buffer, "%.2f", delta) : "unknown");
}

/* Midnight ET of @date, as the ledger writes times: UTC with a Z. */
static char *
midnight_utc (const GDate *date)
{
  GTimeZone *eastern = au_eastern_time_zone ();  /* shared */
  g_autoptr(GDateTime) local = g_date_time_new (eastern, g_date_get_year (date),
                                                g_date_get_month (date),
                                                g_date_get_day (date), 0, 0, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (local);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The ET day of the ledger's newest transaction: a report with no date
 * is of the latest period the engine has booked. */
static gboolean
latest_date (AuDatabase  *database,
             GDate       *date,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) time = NULL;
  const char *text;

  stmt = au_database_prepare (database, "SELECT MAX (time) FROM ledger_transactions", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_NO_LEDGER,
                   "%s: the ledger has no transaction yet; give a --date",
                   au_database_get_path (database));
      return FALSE;
    }
  text = (const char *) sqlite3_column_text (stmt, 0);
  time = au_eastern_from_iso8601 (text, error);
  if (time == NULL)
    return FALSE;
  au_eastern_split (time, date, NULL);
  return TRUE;
}

static gboolean
has_ledger (AuDatabase  *database,
            GError     **error)
{
  if (au_database_get_version (database, "ledger") > 0)
    return TRUE;
  g_set_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_NO_LEDGER,
               "%s holds no ledger: nothing to report", au_database_get_path (database));
  return FALSE;
}

AuReport *
au_report_new (AuDatabase      *database,
               AuReportPeriod   period,
               const GDate     *date,
               GError         **error)
{
  g_autoptr(AuReport) self = NULL;
  GDate day;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (period <= AU_REPORT_QUARTER, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (date != NULL && !g_date_valid (date))
    {
      g_set_error_literal (error, AU_REPORT_ERROR, AU_REPORT_ERROR_INVALID,
                           "date: not a calendar date");
      return NULL;
    }
  if (au_eastern_time_zone () == NULL)
    {
      g_set_error_literal (error, AU_REPORT_ERROR, AU_REPORT_ERROR_INVALID,
                           "the system has no America/New_York time zone data (tzdata)");
      return NULL;
    }
  if (!has_ledger (database, error))
    return NULL;
  if (date != NULL)
    day = *date;
  else if (!latest_date (database, &day, error))
    return NULL;

  self = g_object_new (AU_TYPE_REPORT, NULL);
  self->period = period;
  period_bounds (period, &day, &self->first, &self->last);
  self->start_utc = midnight_utc (&self->first);
  {
    GDate after = self->last;

    g_date_add_days (&after, 1);
    self->end_utc = midnight_utc (&after);
  }
  for (GDate d = self->first; g_date_compare (&d, &self->last) <= 0; g_date_add_days (&d, 1))
    if (au_nyse_is_trading_day (&d))
      {
        if (self->first_session == NULL)
          self->first_session = _au_report_date_text (&d);
        g_free (self->last_session);
        self->last_session = _au_report_date_text (&d);
        self->n_sessions++;
      }
  if (!_au_report_collect (self, database, error))
    {
      g_prefix_error (error, "%s: ", au_database_get_path (database));
      return NULL;
    }
  return g_steal_pointer (&self);
}

AuReportPeriod
au_report_get_period (AuReport *self)
{
  g_return_val_if_fail (AU_IS_REPORT (self), AU_REPORT_WEEK);

  return self->period;
}

void
au_report_get_bounds (AuReport *self,
                      GDate    *first,
                      GDate    *last)
{
  g_return_if_fail (AU_IS_REPORT (self));

  if (first != NULL)
    *first = self->first;
  if (last != NULL)
    *last = self->last;
}

guint
au_report_get_n_sessions (AuReport *self)
{
  g_return_val_if_fail (AU_IS_REPORT (self), 0);

  return self->n_sessions;
}

/* Natural signs: assets and expenses are debits, the rest credits. */
static AuMoney
change (const AuReportAccount *a,
        AuBook                 book)
{
  AuMoney delta = a->end_books[book] - a->start_books[book];
  AuBookType type = au_book_get_book_type (book);

  return type == AU_BOOK_TYPE_ASSET || type == AU_BOOK_TYPE_EXPENSE ? delta : -delta;
}

static AuMoney
equity_at_cost (const AuMoney *books)
{
  AuMoney equity = 0;

  for (guint b = 0; b < AU_N_BOOKS; b++)
    {
      AuBookType type = au_book_get_book_type ((AuBook) b);

      /* Liabilities are already negative (debit positive). */
      if (type == AU_BOOK_TYPE_ASSET || type == AU_BOOK_TYPE_LIABILITY)
        equity += books[b];
    }
  return equity;
}

void
_au_report_account_figures (const AuReportAccount *a,
                            AuReportFigures       *f)
{
  memset (f, 0, sizeof *f);
  f->starting_equity = equity_at_cost (a->start_books) + a->unrealized_start;
  f->ending_equity = equity_at_cost (a->end_books) + a->unrealized_end;
  f->deposits = change (a, AU_BOOK_CONTRIBUTED);
  f->transfers = change (a, AU_BOOK_TRANSFERS);
  f->premium_income = change (a, AU_BOOK_PREMIUM_INCOME);
  f->commissions = change (a, AU_BOOK_COMMISSIONS);
  f->net_premium_income = f->premium_income - f->commissions;
  f->stock_gains = change (a, AU_BOOK_STOCK_GAINS);
  f->option_gains = change (a, AU_BOOK_OPTION_GAINS);
  /* R10.3: realized is what the income books took in, net of costs. */
  f->realized = f->premium_income + f->stock_gains + f->option_gains - f->commissions;
  f->unrealized_start = a->unrealized_start;
  f->unrealized = a->unrealized_end;
  f->unrealized_change = a->unrealized_end - a->unrealized_start;
  f->tax_reserve = a->end_books[AU_BOOK_TAX_RESERVE];
  f->tax_reserve_added = change (a, AU_BOOK_TAX_RESERVE);
  f->orders = a->orders;
  f->fills = a->fills;
  f->assignments = a->assignments;
}

void
au_report_get_totals (AuReport        *self,
                      AuReportFigures *totals)
{
  g_return_if_fail (AU_IS_REPORT (self));
  g_return_if_fail (totals != NULL);

  memset (totals, 0, sizeof *totals);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      AuReportFigures f;

      _au_report_account_figures (g_ptr_array_index (self->accounts, i), &f);
      totals->starting_equity += f.starting_equity;
      totals->ending_equity += f.ending_equity;
      totals->deposits += f.deposits;
      totals->transfers += f.transfers;
      totals->premium_income += f.premium_income;
      totals->commissions += f.commissions;
      totals->net_premium_income += f.net_premium_income;
      totals->stock_gains += f.stock_gains;
      totals->option_gains += f.option_gains;
      totals->realized += f.realized;
      totals->unrealized_start += f.unrealized_start;
      totals->unrealized += f.unrealized;
      totals->unrealized_change += f.unrealized_change;
      totals->tax_reserve += f.tax_reserve;
      totals->tax_reserve_added += f.tax_reserve_added;
      totals->orders += f.orders;
      totals->fills += f.fills;
      totals->assignments += f.assignments;
    }
}

guint
au_report_get_n_accounts (AuReport *self)
{
  g_return_val_if_fail (AU_IS_REPORT (self), 0);

  return self->accounts->len;
}

const char *
au_report_get_account (AuReport        *self,
                       guint            index,
                       AuReportFigures *figures)
{
  const AuReportAccount *account;

  g_return_val_if_fail (AU_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->accounts->len, NULL);

  account = g_ptr_array_index (self->accounts, index);
  if (figures != NULL)
    _au_report_account_figures (account, figures);
  return account->name;
}

const char *
au_report_get_mark_note (AuReport *self)
{
  g_return_val_if_fail (AU_IS_REPORT (self), NULL);

  return self->mark_note;
}

GPtrArray *
_au_report_events_of (AuReport   *self,
                      const char *kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < self->events->len; i++)
    {
      AuReportEvent *e = g_ptr_array_index (self->events, i);

      if (g_strcmp0 (e->kind, kind) == 0)
        g_ptr_array_add (out, e);
    }
  return out;
}

char *
_au_report_period_title (AuReport *self)
{
  g_autofree char *first = _au_report_date_text (&self->first);
  g_autofree char *last = _au_report_date_text (&self->last);
  static const char *titles[] = { "Weekly", "Monthly", "Quarterly" };

  return g_strdup_printf ("%s report, %s to %s", titles[self->period], first, last);
}

char *
_au_report_dollars (AuMoney cents)
{
  g_autofree char *plain = au_money_format (cents < 0 ? -cents : cents);
  const char *point = strchr (plain, '.');
  gsize digits = point != NULL ? (gsize) (point - plain) : strlen (plain);
  GString *out = g_string_new (cents < 0 ? "−$" : "$");

  /* A comma before every group of three integer digits from the right. */
  for (gsize i = 0; i < digits; i++)
    {
      if (i > 0 && (digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, plain[i]);
    }
  g_string_append (out, plain + digits);
  return g_string_free (out, FALSE);
}

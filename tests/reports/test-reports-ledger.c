/* test-reports-ledger.c: reports of a hand-written ledger with known numbers
 *
 * A $300,000 tree (R0.1: Gen $120,000, Rev and Com $90,000 each) deposited
 * on Monday 2026-01-05. Gen sells 2 AAPL 200 puts at $1.50 ($300.00
 * premium, $1.30 commission), buys one back at $0.50 ($0.65) on Thursday
 * and the other's expiry is booked on Sunday 23:59:59 ET, the week's last
 * second: $250.00 premium income, $1.95 commissions, $248.05 net. On
 * Monday 2026-01-12 00:00:00 ET, the first second of the next week, Rev
 * sells 1 MSFT 400 put at $3.00 ($0.65); the audit trail then quotes it
 * 1.00/1.20, so it is marked at $1.10: unrealized +$190.00.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-audit-log.h"
#include "au-ledger.h"
#include "reports-fixture.h"

typedef struct
{
  char         *dir;
  char         *path;
  AuLedgerTree  tree;
} Fixture;

static GDateTime *
at (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static void
trade (AuLedger           *ledger,
       gint64              account,
       const char         *kind,
       const AuInstrument *option,
       const char         *exec_id,
       gint64              quantity,
       AuPrice             price,
       AuMoney             commission,
       const char         *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = at (when);
  AuFill fill = { exec_id, NULL, quantity, price, commission };
  gint64 txn;

  if (g_str_equal (kind, "sto"))
    txn = au_ledger_sell_to_open (ledger, account, option, &fill, time, &error);
  else
    txn = au_ledger_buy_to_close (ledger, account, option, &fill, time, &error);
  g_assert_no_error (error);
  g_assert_cmpint (txn, >, 0);
}

static void
audit (AuAuditLog *log,
       const char *time,
       const char *kind,
       const char *rule,
       const char *verdict,
       const char *context,
       const char *violations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ctx = json_from_string (context, &error);
  g_autoptr(JsonNode) vio = json_from_string (violations, &error);
  const char *rules[] = { rule, NULL };
  AuAuditEntry entry = { time, "engine", kind, rules,
                         "0000000000000000000000000000000000000000000000000000000000000000",
                         ctx, verdict, vio, NULL };

  g_assert_no_error (error);
  g_assert_cmpint (au_audit_log_append (log, &entry, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(GDateTime) opened = at ("2026-01-05T14:30:00Z");
  /* Booked on Sunday 23:59:59 ET, the week's last second. */
  g_autoptr(GDateTime) expired = at ("2026-01-12T04:59:59Z");
  AuInstrument aapl = { "AAPL", AU_RIGHT_PUT, 2000000, "2026-01-09", 100 };
  AuInstrument msft = { "MSFT", AU_RIGHT_PUT, 4000000, "2026-01-16", 100 };

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("alluse-reports-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  db = au_database_open (f->path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  ledger = au_ledger_new (db, constitution, &error);
  g_assert_no_error (error);
  log = au_audit_log_new (db, &error);
  g_assert_no_error (error);

  g_assert_true (au_ledger_create_tree (ledger, 30000000, opened, &f->tree, &error));
  g_assert_no_error (error);
  trade (ledger, f->tree.gen, "sto", &aapl, "E1", 2, 15000, 130, "2026-01-05T15:00:00Z");
  trade (ledger, f->tree.gen, "btc", &aapl, "E2", 1, 5000, 65, "2026-01-08T15:00:00Z");
  g_assert_cmpint (au_ledger_expire (ledger, f->tree.gen, &aapl, expired, &error), >, 0);
  g_assert_no_error (error);
  trade (ledger, f->tree.rev, "sto", &msft, "E3", 1, 30000, 65, "2026-01-12T05:00:00Z");

  /* The engine's last quote of the MSFT put, an L2 escalation and a
   * refused order in the second week. */
  audit (log, "2026-01-13T10:00:00-05:00", "rule_check", "R3.2", "APPROVED",
         "{\"account\": \"rev\", \"symbol\": \"MSFT\", \"right\": \"P\", \"strike\": 400, "
         "\"expiry\": \"2026-01-16\", \"quote\": {\"bid\": 1.0, \"ask\": 1.2}}", "[]");
  audit (log, "2026-01-14T11:00:00-05:00", "protocol", "R6.2", "L2",
         "{\"account\": \"ALL-USE-1/Rev\", \"message\": \"MSFT 2016-01-16 P 400: L1 → L2 at "
         "2.05× ATR\", \"to\": \"L2\"}", "[]");
  audit (log, "2026-01-15T09:50:00-05:00", "rule_check", "R1.3", "REJECTED",
         "{\"account\": \"gen\", \"symbol\": \"TSLA\"}",
         "[{\"rule\": \"R1.3\", \"message\": \"earnings this week\"}]");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static AuReport *
report_for (Fixture        *f,
            AuReportPeriod  period,
            const char     *day)
{
  return report_open (f->path, period, day);
}

static const char *
find_account (AuReport        *report,
              const char      *name,
              AuReportFigures *figures)
{
  for (guint i = 0; i < au_report_get_n_accounts (report); i++)
    {
      const char *account = au_report_get_account (report, i, figures);

      if (g_str_equal (account, name))
        return account;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The sum of every premium_income posting in [from, to), by SQL of its
 * own: what the report must agree with. */
static AuMoney
premium_postings (Fixture    *f,
                  const char *from,
                  const char *to)
{
  return sql_period_value (f->path, "SELECT -IFNULL (SUM (p.amount), 0) FROM ledger_postings p "
                           "JOIN ledger_books b ON b.id = p.book_id JOIN ledger_transactions t "
                           "ON t.id = p.transaction_id WHERE b.book = 'premium_income' "
                           "AND t.time >= ?1 AND t.time < ?2", from, to);
}


static void
test_week_figures (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AuReport) report = report_for (f, AU_REPORT_WEEK, "2026-01-08");
  AuReportFigures t, gen, rev;
  GDate first, last;

  au_report_get_bounds (report, &first, &last);
  g_assert_cmpint (g_date_get_day (&first), ==, 5);
  g_assert_cmpint (g_date_get_day (&last), ==, 11);
  g_assert_cmpuint (au_report_get_n_sessions (report), ==, 5);

  au_report_get_totals (report, &t);
  assert_reconciles (&t);
  g_assert_cmpint (t.starting_equity, ==, 0);
  g_assert_cmpint (t.deposits, ==, 30000000);
  g_assert_cmpint (t.transfers, ==, 0);
  g_assert_cmpint (t.premium_income, ==, 25000);
  g_assert_cmpint (t.premium_income, ==,
                   premium_postings (f, "2026-01-05T05:00:00Z", "2026-01-12T05:00:00Z"));
  g_assert_cmpint (t.commissions, ==, 195);
  g_assert_cmpint (t.net_premium_income, ==, 24805);
  g_assert_cmpint (t.realized, ==, 24805);
  /* No position open at the week's end: nothing unrealized. */
  g_assert_cmpint (t.unrealized, ==, 0);
  g_assert_cmpint (t.ending_equity, ==, 30024805);
  g_assert_cmpint (t.fills, ==, 2);

  find_account (report, "ALL-USE-1/Gen", &gen);
  assert_reconciles (&gen);
  g_assert_cmpint (gen.transfers, ==, 12000000);   /* R0.1: 40% */
  g_assert_cmpint (gen.ending_equity, ==, 12024805);
  find_account (report, "ALL-USE-1/Rev", &rev);
  g_assert_cmpint (rev.transfers, ==, 9000000);    /* R0.1: 30% */
  g_assert_cmpint (rev.realized, ==, 0);
}

static void
test_boundaries (Fixture       *f,
                 gconstpointer  data)
{
  /* Sunday is the week's last day, Monday the next week's first. */
  g_autoptr(AuReport) sunday = report_for (f, AU_REPORT_WEEK, "2026-01-11");
  g_autoptr(AuReport) monday = report_for (f, AU_REPORT_WEEK, "2026-01-12");
  g_autoptr(AuReport) mlk = report_for (f, AU_REPORT_WEEK, "2026-01-20");
  g_autoptr(AuReport) quarter = report_for (f, AU_REPORT_QUARTER, "2026-02-15");
  g_autoptr(AuReport) month = report_for (f, AU_REPORT_MONTH, "2026-01-31");
  AuReportFigures a, b, m;
  GDate first, last;

  au_report_get_totals (sunday, &a);
  au_report_get_totals (monday, &b);
  au_report_get_totals (month, &m);
  g_assert_cmpint (a.ending_equity, ==, b.starting_equity);
  g_assert_cmpint (a.fills, ==, 2);
  g_assert_cmpint (b.fills, ==, 1);
  /* The MSFT sale lands in the second week: premium still a liability. */
  g_assert_cmpint (b.premium_income, ==, 0);
  g_assert_cmpint (b.commissions, ==, 65);
  g_assert_cmpint (m.realized, ==, a.realized + b.realized);
  g_assert_cmpint (m.deposits, ==, 30000000);
  assert_reconciles (&m);

  /* Martin Luther King Day, 2026-01-19: a four-session week. */
  g_assert_cmpuint (au_report_get_n_sessions (mlk), ==, 4);
  /* Q1 2026: 20 + 19 + 22 sessions (New Year, MLK, Presidents Day). */
  au_report_get_bounds (quarter, &first, &last);
  g_assert_cmpint (g_date_get_month (&first), ==, 1);
  g_assert_cmpint (g_date_get_day (&first), ==, 1);
  g_assert_cmpint (g_date_get_month (&last), ==, 3);
  g_assert_cmpint (g_date_get_day (&last), ==, 31);
  g_assert_cmpuint (au_report_get_n_sessions (quarter), ==, 61);
}

static void
test_unrealized_marks (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AuReport) week = report_for (f, AU_REPORT_WEEK, "2026-01-12");
  g_autoptr(AuReport) before_quote = NULL;
  AuReportFigures t, rev;

  au_report_get_totals (week, &t);
  assert_reconciles (&t);
  /* −$300.00 of premium against a mark of 1 × 100 × $1.10 = $110.00 */
  g_assert_cmpint (t.unrealized, ==, 19000);
  g_assert_cmpint (t.unrealized_change, ==, 19000);
  g_assert_cmpint (t.realized, ==, -65);
  find_account (week, "ALL-USE-1/Rev", &rev);
  g_assert_cmpint (rev.unrealized, ==, 19000);
  g_assert_cmpint (rev.ending_equity - rev.starting_equity, ==, 19000 - 65);
  g_assert_nonnull (strstr (au_report_get_mark_note (week), "audit trail"));
  g_assert_null (strstr (au_report_get_mark_note (week), "at cost"));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AuDatabase) db = au_database_open (f->path, AU_DATABASE_READ_WRITE, &error);
    g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
    g_autoptr(AuLedger) ledger = au_ledger_new (db, constitution, &error);
    AuInstrument nvda = { "NVDA", AU_RIGHT_PUT, 1800000, "2026-01-23", 100 };

    g_assert_no_error (error);
    trade (ledger, f->tree.com, "sto", &nvda, "E4", 1, 20000, 65, "2026-01-20T15:00:00Z");
  }
  /* No quote of the NVDA put was ever stored: carried at cost, and said. */
  before_quote = report_for (f, AU_REPORT_WEEK, "2026-01-20");
  au_report_get_totals (before_quote, &t);
  assert_reconciles (&t);
  g_assert_cmpint (t.unrealized_start, ==, 19000);
  g_assert_cmpint (t.unrealized, ==, 19000);
  g_assert_nonnull (strstr (au_report_get_mark_note (before_quote), "1 position(s)"));
  g_assert_nonnull (strstr (au_report_get_mark_note (before_quote), "at cost"));
}

static void
test_csv_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AuReport) report = report_for (f, AU_REPORT_WEEK, "2026-01-14");
  g_autofree char *csv = au_report_to_csv (report);
  g_autoptr(GPtrArray) rows = csv_parse (csv);
  char **header = g_ptr_array_index (rows, 0);

  g_assert_cmpstr (header[0], ==, "section");
  g_assert_cmpstr (header[4], ==, "detail");
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), ==, 5);
  g_assert_cmpstr (csv_value (rows, "period", "", "first_day"), ==, "2026-01-12");
  g_assert_cmpstr (csv_value (rows, "figures", "TOTAL", "unrealized"), ==, "190.00");
  g_assert_cmpstr (csv_value (rows, "figures", "TOTAL", "commissions"), ==, "0.65");
  g_assert_cmpstr (csv_value (rows, "figures", "ALL-USE-1/Rev", "realized"), ==, "-0.65");
  g_assert_cmpstr (csv_value (rows, "position", "ALL-USE-1/Rev", "MSFT 2026-01-16 P 400"),
                   ==, "190.00");
  g_assert_cmpstr (csv_value (rows, "escalation", "ALL-USE-1/Rev",
                              "2026-01-14T11:00:00-05:00"), ==, "L2");
  g_assert_cmpstr (csv_value (rows, "rejection", "gen", "2026-01-15T09:50:00-05:00"), ==,
                   "REJECTED");
  /* A quoted field comes back whole, comma included. */
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[2], "transfers"))
        g_assert_cmpstr (row[4], ==, "Transfers (forks, merges)");
    }
  g_assert_nonnull (strstr (csv, "\"Transfers (forks, merges)\""));
}

/* People read "$300,000.00" (PDF, text); CSV and JSON keep plain figures. */
static void
test_text_money (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AuReport) report = report_for (f, AU_REPORT_WEEK, "2026-01-08");
  g_autofree char *text = au_report_to_text (report);
  g_autofree char *csv = au_report_to_csv (report);
  g_autoptr(GPtrArray) rows = csv_parse (csv);

  /* At and around the thousands: $300,000.00 deposits, $248.05 net. */
  g_assert_nonnull (strstr (text, "  Deposits                           $300,000.00\n"));
  g_assert_nonnull (strstr (text, "  Net premium income                     $248.05\n"));
  g_assert_nonnull (strstr (text, "$120,000.00"));
  /* A negative keeps its sign before the dollar: commissions are costs. */
  g_assert_null (strstr (text, "$-"));
  g_assert_cmpstr (csv_value (rows, "figures", "TOTAL", "deposits"), ==, "300000.00");
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(AuReport) report = report_for (f, AU_REPORT_WEEK, "2026-01-08");
  g_autoptr(AuReport) again = report_for (f, AU_REPORT_WEEK, "2026-01-08");
  g_autofree char *json = au_report_to_json (report);
  g_autofree char *json2 = au_report_to_json (again);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  JsonObject *totals;

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, json2);
  totals = json_object_get_object_member (json_node_get_object (node), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "net_premium_income"), ==, 24805);
  g_assert_cmpint (json_object_get_int_member (totals, "deposits"), ==, 30000000);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "period"), ==,
                   "week");
  /* Canonical: no white space between members. */
  g_assert_null (strstr (json, "\": "));
}

static void
test_pdf (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(AuReport) report = report_for (f, AU_REPORT_MONTH, "2026-01-14");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  guint pages = 0;
  gsize length;
  const char *bytes;

  first = au_report_to_pdf (report, &pages, &error);
  g_assert_no_error (error);
  second = au_report_to_pdf (report, NULL, &error);
  g_assert_no_error (error);
  bytes = g_bytes_get_data (first, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (bytes, "%PDF-", 5) == 0);
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (pdf_page_count (first), ==, pages);
  /* Same input, same bytes: the creation date is the period's, fixed. */
  g_assert_true (g_bytes_equal (first, second));
  g_assert_nonnull (memmem (bytes, length, "(20260131235959Z)", 17));
}

static void
test_explain (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(AuReport) week1 = report_for (f, AU_REPORT_WEEK, "2026-01-08");
  g_autoptr(AuReport) week2 = report_for (f, AU_REPORT_WEEK, "2026-01-14");
  g_autofree char *earn = au_report_explain (week1, "How much did I earn this week?");
  g_autofree char *roll = au_report_explain (week2, "Why did it roll?");
  g_autofree char *no_roll = au_report_explain (week1, "Why did it not roll?");
  g_autofree char *realized = au_report_explain (week2, "What is realized vs unrealized?");
  g_autofree char *type = au_report_explain (week1, "What was the week type and why?");
  g_autofree char *unknown = au_report_explain (week1, "Will TSLA go up?");
  g_autofree char *empty = au_report_explain (week1, NULL);

  g_assert_nonnull (strstr (earn, "$248.05"));
  g_assert_nonnull (strstr (earn, "$250.00"));
  g_assert_nonnull (strstr (earn, "$1.95"));
  g_assert_nonnull (strstr (earn, "2026-01-05 to 2026-01-11"));

  g_assert_nonnull (strstr (roll, "R6.3"));
  g_assert_nonnull (strstr (roll, "L1 → L2 at 2.05× ATR"));
  g_assert_nonnull (strstr (roll, "R1.3: earnings this week"));
  g_assert_nonnull (strstr (no_roll, "Nothing rolled"));
  g_assert_nonnull (strstr (no_roll, "no escalation"));

  g_assert_nonnull (strstr (realized, "−$0.65"));
  g_assert_nonnull (strstr (realized, "$190.00 at the end"));
  g_assert_nonnull (strstr (realized, "R10.3"));

  /* This ledger was written by hand: no autopilot, no week type. */
  g_assert_nonnull (strstr (type, "No week type"));
  g_assert_nonnull (strstr (unknown, "How much did I earn this week?"));
  g_assert_nonnull (strstr (unknown, "What is realized vs unrealized?"));
  g_assert_cmpstr (empty, ==, unknown);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(AuDatabase) db = NULL;
  g_autoptr(AuReport) report = NULL;
  GDate date;

  g_assert_false (au_report_parse_date ("2026-02-30", "--date", &date, &error));
  g_assert_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "--date"));
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);
  g_assert_false (au_report_parse_date ("2026-1-5", "date", &date, &error));
  g_clear_error (&error);
  g_assert_true (au_report_parse_date ("2024-02-29", "date", &date, &error));

  /* Not a database at all. */
  g_assert_true (g_file_set_contents (garbage, "this is not SQLite, just text\n" "xxxxxxxx"
                                      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                      "xxxxxxxxxxxxxxxxxxxx", -1, &error));
  db = au_database_open (garbage, AU_DATABASE_READ_ONLY, &error);
  if (db != NULL)
    report = au_report_new (db, AU_REPORT_WEEK, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("garbage: %s", error->message);
  g_clear_error (&error);
  g_clear_object (&db);

  /* A database with no ledger. */
  db = au_database_open (empty, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  report = au_report_new (db, AU_REPORT_MONTH, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, AU_REPORT_ERROR, AU_REPORT_ERROR_NO_LEDGER);
  g_assert_nonnull (strstr (error->message, "no ledger"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/reports/ledger/week-figures", test_week_figures);
  ADD ("/reports/ledger/boundaries", test_boundaries);
  ADD ("/reports/ledger/unrealized-marks", test_unrealized_marks);
  ADD ("/reports/ledger/csv-round-trip", test_csv_round_trip);
  ADD ("/reports/ledger/json", test_json);
  ADD ("/reports/ledger/text-money", test_text_money);
  ADD ("/reports/ledger/pdf", test_pdf);
  ADD ("/reports/ledger/explain", test_explain);
  ADD ("/reports/ledger/errors", test_errors);
#undef ADD

  return g_test_run ();
}

/* test-reports-acceptance.c: acceptance test 9 (research §3.18) on a real
 * backtest
 *
 * "Reporting: weekly, monthly and quarterly outputs in CSV, PDF and API;
 * realized separated from unrealized; week type present; NL answers."
 * The database is a $300,000, seed-42 paper backtest from 2016-01-04,
 * stopped after its fourth week (through the backtest's cancellable),
 * built once for the whole binary. Its weeks, by the autopilot's own
 * labels: 2016-W01 Assignment (R7.2, IWM put in Gen), W02 Calm-Income,
 * W03 Earnings-Filter (R1.3, TSLA in Rev), W04 Assignment (R7.2, TSLA).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "au-backtest.h"
#include "au-database.h"
#include "au-ledger-check.h"
#include "au-money.h"
#include "au-report-server.h"
#include "reports-fixture.h"

#define WEEKS 4

static char *work_dir;
static char *db_path;

static void
on_progress (guint    week,
             guint    n_weeks,
             AuMoney  equity,
             gpointer user_data)
{
  if (week == WEEKS)
    g_cancellable_cancel (user_data);
}

static void
build_backtest (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBacktestResult) result = NULL;
  AuBacktestConfig config = { 0 };

  config.seed = 42;
  config.capital = 30000000;
  config.years = 1;
  g_date_clear (&config.start, 1);
  g_date_set_dmy (&config.start, 4, G_DATE_JANUARY, 2016);
  config.db_path = db_path;
  config.progress = on_progress;
  config.progress_data = cancellable;
  config.cancellable = cancellable;
  result = au_backtest_run (&config, &error);
  g_assert_null (result);
  /* Stopped between weeks: a whole, closed database (D4). */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static AuReport *
report_for (AuReportPeriod  period,
            const char     *day)
{
  return report_open (db_path, period, day);
}

static AuMoney
sql_money (const char *sql,
           const char *from,
           const char *to)
{
  return sql_period_value (db_path, sql, from, to);
}


/* Income = the sum of the premium postings; commissions likewise. */
static void
assert_matches_ledger (AuReport   *report,
                       const char *from,
                       const char *to)
{
  AuReportFigures t;

  au_report_get_totals (report, &t);
  assert_reconciles (&t);
  for (guint i = 0; i < au_report_get_n_accounts (report); i++)
    {
      AuReportFigures f;

      au_report_get_account (report, i, &f);
      assert_reconciles (&f);
    }
  g_assert_cmpint (t.premium_income, ==,
                   sql_money ("SELECT -IFNULL (SUM (p.amount), 0) FROM ledger_postings p "
                              "JOIN ledger_books b ON b.id = p.book_id JOIN ledger_transactions t "
                              "ON t.id = p.transaction_id WHERE b.book = 'premium_income' "
                              "AND t.time >= ?1 AND t.time < ?2", from, to));
  g_assert_cmpint (t.commissions, ==,
                   sql_money ("SELECT IFNULL (SUM (commission), 0) FROM ledger_fills "
                              "WHERE time >= ?1 AND time < ?2", from, to));
  g_assert_cmpint (t.fills, ==,
                   sql_money ("SELECT COUNT (*) FROM ledger_fills WHERE time >= ?1 "
                              "AND time < ?2", from, to));
  /* Money moves in only as the opening deposit; forks and merges net out. */
  g_assert_cmpint (t.transfers, ==, 0);
}

static void
assert_outputs (AuReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = au_report_to_json (report);
  g_autofree char *csv = au_report_to_csv (report);
  g_autoptr(GPtrArray) rows = csv_parse (csv);
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) pdf2 = NULL;
  g_autofree char *net = NULL;
  JsonObject *totals;
  AuReportFigures t;
  guint pages = 0;

  g_assert_no_error (error);
  au_report_get_totals (report, &t);
  totals = json_object_get_object_member (json_node_get_object (node), "totals");
  /* Realized and unrealized are separate figures in every output. */
  g_assert_cmpint (json_object_get_int_member (totals, "realized"), ==, t.realized);
  g_assert_cmpint (json_object_get_int_member (totals, "unrealized"), ==, t.unrealized);
  g_assert_cmpint (json_object_get_int_member (totals, "net_premium_income"), ==,
                   t.net_premium_income);
  net = au_money_format (t.net_premium_income);
  g_assert_cmpstr (csv_value (rows, "figures", "TOTAL", "net_premium_income"), ==, net);
  g_assert_nonnull (csv_value (rows, "figures", "TOTAL", "realized"));
  g_assert_nonnull (csv_value (rows, "figures", "TOTAL", "unrealized"));

  pdf = au_report_to_pdf (report, &pages, &error);
  g_assert_no_error (error);
  pdf2 = au_report_to_pdf (report, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) == 0);
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (pdf_page_count (pdf), ==, pages);
  g_assert_true (g_bytes_equal (pdf, pdf2));
}

static const char *
system_week_type (JsonArray  *week_types,
                  const char *week)
{
  for (guint i = 0; i < json_array_get_length (week_types); i++)
    {
      JsonObject *w = json_array_get_object_element (week_types, i);

      if (g_str_equal (json_object_get_string_member (w, "week"), week)
          && json_object_get_null_member (w, "account"))
        return json_object_get_string_member (w, "type");
    }
  return NULL;
}

/* ---- the API, served from a thread of its own ---- */

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  guint         port;
  GMutex        lock;
  GCond         ready;
} Server;

static gpointer
serve (gpointer data)
{
  Server *s = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuReportServer) server = NULL;

  g_main_context_push_thread_default (s->context);
  server = au_report_server_new (db_path, 0, &error);
  g_assert_no_error (error);
  g_mutex_lock (&s->lock);
  s->port = au_report_server_get_port (server);
  g_cond_signal (&s->ready);
  g_mutex_unlock (&s->lock);
  g_main_loop_run (s->loop);
  g_clear_object (&server);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static GBytes *
http_get (SoupSession *session,
          guint        port,
          const char  *path,
          guint        expected_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  return body;
}

static char *
run_cli (const char * const *args,
         int                *status,
         char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ALLUSE_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_acceptance_9 (void)
{
  g_autoptr(AuReport) week = report_for (AU_REPORT_WEEK, "2016-01-08");
  g_autoptr(AuReport) month = report_for (AU_REPORT_MONTH, "2016-01-20");
  g_autoptr(AuReport) quarter = report_for (AU_REPORT_QUARTER, "2016-02-10");
  g_autofree char *month_json = au_report_to_json (month);
  g_autoptr(JsonNode) node = json_from_string (month_json, NULL);
  JsonArray *week_types;
  AuReportFigures w, m, q;

  /* Week 2016-01-04 (Monday) to 2016-01-10, in ledger time (UTC). */
  assert_matches_ledger (week, "2016-01-04T05:00:00Z", "2016-01-11T05:00:00Z");
  assert_matches_ledger (month, "2016-01-01T05:00:00Z", "2016-02-01T05:00:00Z");
  assert_matches_ledger (quarter, "2016-01-01T05:00:00Z", "2016-04-01T04:00:00Z");
  assert_outputs (week);
  assert_outputs (month);
  assert_outputs (quarter);

  au_report_get_totals (week, &w);
  au_report_get_totals (month, &m);
  au_report_get_totals (quarter, &q);
  g_assert_cmpint (w.deposits, ==, 30000000);
  g_assert_cmpint (w.starting_equity, ==, 0);
  g_assert_cmpint (w.assignments, ==, 1);
  g_assert_cmpint (m.assignments, ==, 2);
  /* Four weeks ran: the month holds them all, and so does the quarter. */
  g_assert_cmpint (m.net_premium_income, ==, q.net_premium_income);
  g_assert_cmpint (m.ending_equity, ==, q.ending_equity);
  g_assert_cmpint (m.orders, >, w.orders);
  g_assert_cmpuint (au_report_get_n_sessions (month), ==, 19);   /* New Year, MLK */

  /* Week types with their deciding events (D2.5). */
  week_types = json_object_get_array_member (json_node_get_object (node), "week_types");
  g_assert_cmpstr (system_week_type (week_types, "2016-W01"), ==, "assignment");
  g_assert_cmpstr (system_week_type (week_types, "2016-W02"), ==, "calm_income");
  g_assert_cmpstr (system_week_type (week_types, "2016-W03"), ==, "earnings_filter");
  g_assert_cmpstr (system_week_type (week_types, "2016-W04"), ==, "assignment");

  /* NL answers from the same figures and records. */
  {
    g_autofree char *earn = au_report_explain (week, "How much did I earn this week?");
    g_autofree char *type = au_report_explain (week, "What was the week type and why?");
    g_autofree char *roll = au_report_explain (month, "Why didn't it roll?");
    g_autofree char *realized = au_report_explain (month, "What is realized vs unrealized?");
    g_autofree char *net_plain = au_money_format (ABS (w.net_premium_income));
    g_autofree char *unrealized_plain = au_money_format (ABS (m.unrealized));
    g_autofree char *net = grouped_dollars (net_plain);
    g_autofree char *unrealized = grouped_dollars (unrealized_plain);

    g_assert_nonnull (strstr (earn, net));
    g_assert_nonnull (strstr (type, "2016-W01 was Assignment"));
    g_assert_nonnull (strstr (type, "R7.2"));
    g_assert_nonnull (strstr (type, "IWM"));
    /* Week 4 had L1 escalations (R6.2), none reached L2. */
    g_assert_nonnull (strstr (roll, "Nothing rolled"));
    g_assert_nonnull (strstr (roll, "R6.2"));
    g_assert_nonnull (strstr (roll, "TSLA 2016-01-29 P 250"));
    g_assert_nonnull (strstr (realized, unrealized));
  }
}

static void
test_api_matches_cli (void)
{
  Server s = { 0 };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(AuReport) week = report_for (AU_REPORT_WEEK, "2016-01-08");
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) explain = NULL;
  g_autoptr(GBytes) bad = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GBytes) expected_pdf = NULL;
  g_autofree char *expected_json = au_report_to_json (week);
  g_autofree char *expected_csv = au_report_to_csv (week);
  g_autofree char *cli_json = NULL;
  g_autofree char *cli_err = NULL;
  g_autofree char *with_newline = NULL;
  const char *args[] = { "report", "--db", db_path, "--period", "week", "--date", "2016-01-08",
                         "--json", NULL };
  int status = -1;

  s.context = g_main_context_new ();
  s.loop = g_main_loop_new (s.context, FALSE);
  g_mutex_init (&s.lock);
  g_cond_init (&s.ready);
  g_mutex_lock (&s.lock);
  thread = g_thread_new ("reports-api", serve, &s);
  while (s.port == 0)
    g_cond_wait (&s.ready, &s.lock);
  g_mutex_unlock (&s.lock);

  json = http_get (session, s.port, "/v1/reports/week?date=2016-01-08", SOUP_STATUS_OK);
  g_assert_cmpmem (g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                   expected_json, strlen (expected_json));
  csv = http_get (session, s.port, "/v1/reports/week.csv?date=2016-01-08", SOUP_STATUS_OK);
  g_assert_cmpmem (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                   expected_csv, strlen (expected_csv));
  pdf = http_get (session, s.port, "/v1/reports/week.pdf?date=2016-01-08", SOUP_STATUS_OK);
  expected_pdf = au_report_to_pdf (week, NULL, NULL);
  g_assert_true (g_bytes_equal (pdf, expected_pdf));
  explain = http_get (session, s.port,
                      "/v1/explain?q=What+was+the+week+type+and+why%3F&period=week&date=2016-01-08",
                      SOUP_STATUS_OK);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (explain, NULL), g_bytes_get_size (explain),
                                  "2016-W01 was Assignment"));
  bad = http_get (session, s.port, "/v1/reports/month?date=2016-02-30",
                  SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bad, NULL), g_bytes_get_size (bad),
                                  "\"error\":\"date: “2016-02-30” is not a calendar date"));
  missing = http_get (session, s.port, "/v1/reports/year", SOUP_STATUS_NOT_FOUND);

  g_main_loop_quit (s.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (s.loop);
  g_main_context_unref (s.context);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.ready);

  /* The command line prints the same JSON, plus a newline. */
  cli_json = run_cli (args, &status, &cli_err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  with_newline = g_strconcat (expected_json, "\n", NULL);
  g_assert_cmpstr (cli_json, ==, with_newline);
  g_assert_cmpstr (cli_err, ==, "");
}

static void
test_cli_errors (void)
{
  g_autofree char *garbage = g_build_filename (work_dir, "garbage.db", NULL);
  const char *bad_date[] = { "report", "--db", db_path, "--period", "month", "--date",
                             "2016-13-01", NULL };
  const char *bad_period[] = { "report", "--db", db_path, "--period", "year", NULL };
  const char *corrupt[] = { "report", "--db", garbage, "--json", NULL };
  const char *explain[] = { "report", "explain", "--db", db_path, "--date", "2016-01-29",
                            "--json", "How much did I earn this week?", NULL };
  int status;

  g_assert_true (g_file_set_contents (garbage, "SQLite format 3\0 and then nonsense, truncated",
                                      48, NULL));
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_cli (bad_date, &status, &err);

    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "--date: “2016-13-01” is not a calendar date"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_cli (bad_period, &status, &err);

    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (err, "--period: “year”"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_cli (corrupt, &status, &err);

    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "alluse-cli report: "));
    g_test_message ("corrupt: %s", err);
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *out = run_cli (explain, &status, &err);
    g_autoptr(JsonNode) node = json_from_string (out, NULL);

    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    g_assert_nonnull (node);
    g_assert_nonnull (strstr (json_object_get_string_member (json_node_get_object (node),
                                                             "answer"), "2016-01-25"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("alluse-reports-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (work_dir, "backtest.db", NULL);
  build_backtest ();

  g_test_add_func ("/acceptance/9-reporting", test_acceptance_9);
  g_test_add_func ("/reports/api-matches-cli", test_api_matches_cli);
  g_test_add_func ("/reports/cli-errors", test_cli_errors);
  status = g_test_run ();

  remove_tree (work_dir);
  g_free (db_path);
  g_free (work_dir);
  return status;
}

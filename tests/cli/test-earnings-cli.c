/* test-earnings-cli.c: `alluse-cli earnings import | list` through the real
 * binary, and the IB broker's earnings calendar answered from the import
 * (D2.28: unknown or older than 7 days blocks puts, in plain words)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "earnings-cli-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "au-clock.h"
#include "au-database.h"
#include "au-earnings-store.h"
#include "au-ib-client.h"

/* Monday 16 November 2026, 09:00 New York (14:00 UTC). */
#define IMPORTED_AT "2026-11-16T09:00:00-05:00"
#define IMPORTED_US G_GINT64_CONSTANT (1794837600000000)
#define DAY_US      (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

static const char good_csv[] =
  "Symbol,Date\r\n"
  "AAPL,2027-01-28\r\n"
  "\r\n"
  "# ETFs: no report ahead\r\n"
  "spy,\r\n"
  "NVDA,2026-11-18\r\n"
  "NVDA,2027-02-24\r\n"
  "NVDA,2027-02-24\r\n"       /* a duplicate adds nothing */
  "\"MSFT\",\"2027-01-27\"\r\n";

typedef struct
{
  char *dir;
  char *db_path;
  char *csv_path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("earnings-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->csv_path = g_build_filename (f->dir, "earnings.csv", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->csv_path);
}

static const char *
cli (void)
{
  const char *path = g_getenv ("ALLUSE_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs alluse-cli with @args; its exit status. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("alluse-cli %s %s: stdout %s stderr %s", args[0], args[1], *out, *err);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
write_csv (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->csv_path, text, -1, &error));
  g_assert_no_error (error);
}

static int
import (Fixture  *f,
        char    **out,
        char    **err)
{
  const char *args[] = { "earnings", "import", "--db", f->db_path, "--as-of", IMPORTED_AT,
                         "--json", f->csv_path, NULL };

  return run_cli (args, out, err);
}

/* `earnings list --json`, parsed. */
static JsonArray *
list_json (Fixture    *f,
           JsonParser *parser)
{
  const char *args[] = { "earnings", "list", "--db", f->db_path, "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_import_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) result = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  JsonArray *rows;

  write_csv (f, good_csv);
  g_assert_cmpint (import (f, &out, &err), ==, 0);
  /* --json: only JSON on stdout. */
  g_assert_true (json_parser_load_from_data (result, out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (result));
  g_assert_true (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpint (json_object_get_int_member (o, "symbols"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (o, "dates"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "imported_at"), ==, IMPORTED_AT);

  rows = list_json (f, parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 5);
  /* By symbol, then date; the ticker upper-cased, the quotes gone. */
  o = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (o, "symbol"), ==, "AAPL");
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2027-01-28");
  g_assert_cmpstr (json_object_get_string_member (o, "imported_at"), ==, IMPORTED_AT);
  o = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "symbol"), ==, "MSFT");
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2027-01-27");
  o = json_array_get_object_element (rows, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-11-18");
  o = json_array_get_object_element (rows, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "symbol"), ==, "NVDA");
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2027-02-24");
  o = json_array_get_object_element (rows, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "symbol"), ==, "SPY");
  g_assert_true (json_object_get_null_member (o, "date"));
  /* Imported "on" 16 November 2026, listed on the wall clock later. */
  g_assert_true (json_object_get_boolean_member (o, "stale"));
}

static void
test_bad_lines_import_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  write_csv (f, "AAPL,2027-01-28\n");
  g_assert_cmpint (import (f, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Lines 2, 4 and 5 are wrong; lines 1 and 3 are fine but must not be
   * stored without the rest. */
  write_csv (f,
             "MSFT,2027-01-27\n"
             "TSLA,2027-02-30\n"
             "NVDA,2027-02-24\n"
             "AMZN 2027-02-04\n"
             "GO OG,2027-02-02\n");
  g_assert_cmpint (import (f, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "line 2: date “2027-02-30” is not a calendar date"));
  g_assert_nonnull (strstr (err, "line 4: expected two fields"));
  g_assert_nonnull (strstr (err, "line 5: symbol “GO OG” is not a ticker"));
  g_assert_null (strstr (err, "line 1:"));
  g_assert_null (strstr (err, "line 3:"));
  g_assert_nonnull (strstr (err, "nothing imported"));
  /* Only the first import is there. */
  g_assert_cmpuint (json_array_get_length (list_json (f, parser)), ==, 1);

  /* A header alone, or an empty file: nothing to import. */
  write_csv (f, "symbol,date\n\n");
  g_assert_cmpint (import (f, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "no symbol,date line"));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  const char *no_file[] = { "earnings", "import", "--db", f->db_path, NULL };
  const char *bad_time[] = { "earnings", "import", "--db", f->db_path, "--as-of",
                             "2026-11-16 09:00", f->csv_path, NULL };
  const char *missing[] = { "earnings", "import", "--db", f->db_path, "/nonexistent.csv", NULL };
  const char *empty_list[] = { "earnings", "list", "--db", f->db_path, NULL };
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL, *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (run_cli (no_file, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "the CSV file to import is missing"));
  write_csv (f, good_csv);
  g_assert_cmpint (run_cli (bad_time, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "--as-of"));
  g_assert_cmpint (run_cli (missing, &out3, &err3), ==, 2);
  g_assert_nonnull (strstr (err3, "/nonexistent.csv"));
  /* A database with no import (none made yet): said, not an error. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AuDatabase) db = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (empty_list, &out4, &err4), ==, 0);
  g_assert_nonnull (strstr (out4, "no earnings dates imported"));
}

/* The store's calendar at the boundaries of D2.28's 7 days. */
static void
test_calendar_freshness (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuEarningsStore) store = au_earnings_store_new (db, &error);
  g_autoptr(AuEarningsCalendar) fresh = NULL;
  g_autoptr(AuEarningsCalendar) last = NULL;
  g_autoptr(AuEarningsCalendar) etf = NULL;
  g_autoptr(AuEarningsCalendar) stale = NULL;
  g_autoptr(AuEarningsCalendar) unknown = NULL;
  GDate wed, next_week, through, after;
  guint n_symbols = 0, n_dates = 0;

  g_assert_no_error (error);
  g_assert_true (au_earnings_store_import (store, good_csv, strlen (good_csv), IMPORTED_US,
                                           &n_symbols, &n_dates, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_symbols, ==, 4);
  g_assert_cmpuint (n_dates, ==, 4);

  g_date_clear (&wed, 1);
  g_date_set_dmy (&wed, 18, G_DATE_NOVEMBER, 2026);
  g_date_clear (&next_week, 1);
  g_date_set_dmy (&next_week, 23, G_DATE_NOVEMBER, 2026);
  g_date_clear (&through, 1);
  g_date_set_dmy (&through, 30, G_DATE_NOVEMBER, 2026);   /* 16 November + 14 */
  after = through;
  g_date_add_days (&after, 1);

  /* At the import: NVDA reports Wednesday (R1.3's week), not the next. */
  fresh = au_earnings_store_calendar (store, "NVDA", IMPORTED_US, &error);
  g_assert_no_error (error);
  g_assert_true (au_earnings_calendar_in_week (fresh, "NVDA", &wed));
  g_assert_false (au_earnings_calendar_in_week (fresh, "NVDA", &next_week));
  g_assert_true (au_earnings_calendar_covers (fresh, "NVDA", &through));
  g_assert_false (au_earnings_calendar_covers (fresh, "NVDA", &after));

  /* Exactly 7 days later: still fresh. */
  last = au_earnings_store_calendar (store, "NVDA", IMPORTED_US + 7 * DAY_US, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  /* An ETF imported with no date: known, with no report. */
  etf = au_earnings_store_calendar (store, "SPY", IMPORTED_US + DAY_US, &error);
  g_assert_no_error (error);
  g_assert_true (au_earnings_calendar_covers (etf, "SPY", &through));
  g_assert_false (au_earnings_calendar_in_week (etf, "SPY", &wed));

  /* A microsecond past 7 days: stale, fail-closed, and says what to do. */
  stale = au_earnings_store_calendar (store, "NVDA", IMPORTED_US + 7 * DAY_US + 1, &error);
  g_assert_null (stale);
  g_assert_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "imported on 2026-11-16"));
  g_assert_nonnull (strstr (error->message, "alluse-cli earnings import"));
  g_clear_error (&error);

  /* Never imported. */
  unknown = au_earnings_store_calendar (store, "META", IMPORTED_US, &error);
  g_assert_null (unknown);
  g_assert_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "META"));
  g_assert_nonnull (strstr (error->message, "alluse-cli earnings import"));
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static AuEarningsCalendar *
ib_calendar (AuIbClient  *client,
             const char  *symbol,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  au_broker_earnings_async (AU_BROKER (client), symbol, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return au_broker_earnings_finish (AU_BROKER (client), result, error);
}

/* The IB broker answers from the import, on the engine's clock. */
static void
test_ib_broker_calendar (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuIbClient) client = au_ib_client_new ("127.0.0.1", 1, 1);
  g_autoptr(AuClock) clock = au_clock_new_stepped (IMPORTED_US + 2 * DAY_US);
  g_autoptr(AuDatabase) db = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuEarningsStore) store = au_earnings_store_new (db, &error);
  g_autoptr(AuEarningsCalendar) none = NULL;
  g_autoptr(AuEarningsCalendar) fresh = NULL;
  g_autoptr(AuEarningsCalendar) stale = NULL;
  GDate wed;

  g_assert_no_error (error);
  au_ib_client_set_clock (client, clock);

  /* No import wired: every calendar unknown, and the user told how. */
  none = ib_calendar (client, "AAPL", &error);
  g_assert_null (none);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "alluse-cli earnings import"));
  g_clear_error (&error);

  g_assert_true (au_earnings_store_import (store, good_csv, strlen (good_csv), IMPORTED_US, NULL,
                                           NULL, &error));
  au_ib_client_set_earnings_store (client, store);
  fresh = ib_calendar (client, "NVDA", &error);
  g_assert_no_error (error);
  g_date_clear (&wed, 1);
  g_date_set_dmy (&wed, 18, G_DATE_NOVEMBER, 2026);
  g_assert_true (au_earnings_calendar_is_report (fresh, "NVDA", &wed));

  au_clock_rebase (clock, IMPORTED_US + 8 * DAY_US);
  stale = ib_calendar (client, "NVDA", &error);
  g_assert_null (stale);
  g_assert_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "more than 7 days ago"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/cli/earnings/import-list", test_import_and_list);
  ADD ("/cli/earnings/bad-lines", test_bad_lines_import_nothing);
  ADD ("/cli/earnings/usage", test_usage);
  ADD ("/cli/earnings/freshness", test_calendar_freshness);
  ADD ("/cli/earnings/ib-broker", test_ib_broker_calendar);
#undef ADD

  return g_test_run ();
}

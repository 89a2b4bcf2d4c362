/* test-bars-csv.c: importing daily bars from CSV, all or nothing (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "au-bars-csv.h"
#include "au-daily-bar.h"
#include "au-market-error.h"
#include "market-test-util.h"

/* Yahoo Finance's export: an Adj Close column, six decimals. */
static const char yahoo[] =
  "Date,Open,High,Low,Close,Adj Close,Volume\n"
  "2024-01-02,187.149994,188.440002,183.889999,185.639999,184.734970,82488700\n"
  "2024-01-03,184.220001,185.880005,183.429993,184.250000,183.351746,58414500\n"
  "2024-01-04,182.149994,183.089996,180.880005,181.910004,181.023163,71983600\n";

static void
test_good_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = au_bars_csv_parse (yahoo, strlen (yahoo), &error);
  const AuDailyBar *bar;
  GDate day = ymd (2024, 1, 3);

  g_assert_no_error (error);
  g_assert_nonnull (bars);
  g_assert_cmpuint (bars->len, ==, 3);
  bar = &g_array_index (bars, AuDailyBar, 0);
  g_assert_cmpint (g_date_get_year (&bar->date), ==, 2024);
  /* 187.149994 → 187.1500, 188.440002 → 188.4400 (four places, half even). */
  g_assert_cmpint (bar->open, ==, 1871500);
  g_assert_cmpint (bar->high, ==, 1884400);
  g_assert_cmpint (bar->low, ==, 1838900);
  g_assert_cmpint (bar->close, ==, 1856400);
  g_assert_cmpint (bar->volume, ==, 82488700);
  bar = au_daily_bars_find (bars, &day);
  g_assert_nonnull (bar);
  g_assert_cmpint (bar->close, ==, 1842500);
}

/* Columns in another order, other case, blanks, CRLF, a BOM, blank
 * lines, quoted fields, and rounding half to even at the fifth place. */
static void
test_variants (void)
{
  static const char text[] =
    "\xEF\xBB\xBF volume , date,CLOSE,low,High,open\r\n"
    "\r\n"
    "1000,2024-03-01,10.00005,9.5,10.5,10\r\n"
    "\"2000\",\"2024-03-04\",\"10.00015\",9.5,10.5,10.0001\r\n"
    "0,2024-03-05,10.000051,9.5,10.5,10\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = au_bars_csv_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (bars->len, ==, 3);
  g_assert_cmpint (g_array_index (bars, AuDailyBar, 0).close, ==, 100000);
  g_assert_cmpint (g_array_index (bars, AuDailyBar, 1).close, ==, 100002);
  g_assert_cmpint (g_array_index (bars, AuDailyBar, 1).open, ==, 100001);
  g_assert_cmpint (g_array_index (bars, AuDailyBar, 1).volume, ==, 2000);
  g_assert_cmpint (g_array_index (bars, AuDailyBar, 2).close, ==, 100001);
  g_assert_cmpint (g_array_index (bars, AuDailyBar, 2).volume, ==, 0);
}

typedef struct
{
  const char *name;
  const char *text;
  const char *expect; /* a fragment of the message */
} BadCase;

#define HEADER "Date,Open,High,Low,Close,Volume\n"
#define GOOD1  "2024-01-02,10,11,9,10.5,100\n"
#define GOOD2  "2024-01-03,10,11,9,10.5,100\n"

static const BadCase bad_cases[] = {
  { "bad-date", HEADER GOOD1 "2024-13-03,10,11,9,10.5,100\n", "line 3: Date \"2024-13-03\"" },
  { "slashed-date", HEADER "01/02/2024,10,11,9,10.5,100\n", "line 2: Date" },
  { "weekend", HEADER GOOD1 "2024-01-06,10,11,9,10.5,100\n",
    "line 3: Date 2024-01-06 is a weekend" },
  { "not-a-number", HEADER GOOD1 "2024-01-03,10,eleven,9,10.5,100\n",
    "line 3: High \"eleven\" is not a number" },
  { "null", HEADER GOOD1 "2024-01-03,null,11,9,10.5,100\n", "line 3: Open \"null\"" },
  { "negative", HEADER GOOD1 "2024-01-03,10,11,-9,10.5,100\n", "line 3: Low \"-9\"" },
  { "zero-price", HEADER GOOD1 "2024-01-03,10,11,0,10.5,100\n",
    "line 3: Low 0 is not a positive price" },
  { "two-dots", HEADER GOOD1 "2024-01-03,10,11,9,10..5,100\n", "line 3: Close" },
  { "bad-volume", HEADER GOOD1 "2024-01-03,10,11,9,10.5,1e6\n", "line 3: Volume" },
  { "high-below-low", HEADER GOOD1 "2024-01-03,10,9,11,10,100\n",
    "line 3: High 9.0000 is below Low 11.0000" },
  { "high-below-close", HEADER GOOD1 "2024-01-03,10,11,9,12,100\n",
    "line 3: High 11.0000 is below Open 10.0000 or Close 12.0000" },
  { "low-above-open", HEADER GOOD1 "2024-01-03,8,11,9,10,100\n",
    "line 3: Low 9.0000 is above Open 8.0000" },
  { "duplicate-date", HEADER GOOD1 GOOD2 "2024-01-03,10,11,9,10.5,100\n", "line 4: Date repeats" },
  { "out-of-order", HEADER GOOD2 GOOD1, "line 3: Date is before" },
  { "missing-column-row", HEADER GOOD1 "2024-01-03,10,11,9,10.5\n",
    "line 3: missing column Volume" },
  { "extra-field", HEADER GOOD1 "2024-01-03,10,11,9,10.5,100,7\n", "line 3: 7 fields" },
  { "missing-column-header", "Date,Open,High,Low,Volume\n" GOOD1,
    "line 1: the header has no Close column" },
  { "twice-in-header", "Date,Open,High,Low,Close,Close,Volume\n",
    "line 1: the header names Close twice" },
  { "empty", "", "line 1: the file is empty" },
  { "header-only", HEADER, "no rows" },
};

/* Every kind of bad row: an AU_MARKET_ERROR_CSV naming the line and the
 * field, and nothing returned even when good rows came before it. */
static void
test_bad_row (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = au_bars_csv_parse (c->text, strlen (c->text), &error);

  g_assert_null (bars);
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV);
  g_test_message ("%s: %s", c->name, error->message);
  g_assert_nonnull (strstr (error->message, c->expect));
}

static void
test_nul_and_utf8 (void)
{
  static const char with_nul[] = HEADER "2024-01-02,10,11,9\00010.5,100\n";
  static const char latin1[] = HEADER "2024-01-02,10,11,9,10.5,100\xE9\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) bars = NULL;

  bars = au_bars_csv_parse (with_nul, sizeof with_nul - 1, &error);
  g_assert_null (bars);
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV);
  g_clear_error (&error);
  bars = au_bars_csv_parse (latin1, sizeof latin1 - 1, &error);
  g_assert_null (bars);
  g_assert_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV);
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GArray) bars = NULL;
  int fd = g_file_open_tmp ("market-bars-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_true (g_file_set_contents (path, yahoo, -1, &error));
  close (fd);
  file = g_file_new_for_path (path);
  bars = au_bars_csv_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bars->len, ==, 3);
  g_unlink (path);

  missing = g_file_new_for_path (path);
  g_clear_pointer (&bars, g_array_unref);
  bars = au_bars_csv_load (missing, &error);
  g_assert_null (bars);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/market/csv/good-file", test_good_file);
  g_test_add_func ("/market/csv/variants", test_variants);
  for (i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/market/csv/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_row);
    }
  g_test_add_func ("/market/csv/nul-and-utf8", test_nul_and_utf8);
  g_test_add_func ("/market/csv/load-file", test_load_file);

  return g_test_run ();
}

/* au-cli-backtest.c: alluse-cli backtest — the autopilot on the paper market (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>

#include "au-backtest.h"
#include "au-cli.h"
#include "au-money.h"

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli backtest --db FILE [--capital DOLLARS] [--years N] [--seed N]\n"
           "                           [--start YYYY-MM-DD] [--from-csv DIR] [--json]\n"
           "\n"
           "Runs the autopilot week after week on the paper market with a stepped clock,\n"
           "every order judged by the rules engine and booked in the ledger of FILE (a new\n"
           "database), and prints the year-by-year results: equity per sleeve, premium\n"
           "income, forks, merges, week types, maximum drawdown and CAGR. A year is 52\n"
           "weeks from --start. The same seed gives the same result, byte for byte.\n"
           "\n"
           "--capital DOLLARS  starting capital (default 300000)\n"
           "--years N          simulated years (default 10)\n"
           "--seed N           the market's seed (default 42)\n"
           "--start DATE       the first session (default 2016-01-04)\n"
           "--from-csv DIR     replay SYMBOL.csv daily bars (Date,Open,High,Low,Close,Volume)\n"
           "--db FILE          the database to write (required)\n"
           "--json             one JSON object on standard output\n");
}

static void
on_progress (guint    week,
             guint    n_weeks,
             AuMoney  equity,
             gpointer user_data)
{
  g_autofree char *text = au_money_format (equity);

  fprintf (stderr, "\rweek %u/%u  equity %s   ", week, n_weeks, text);
  if (week == n_weeks)
    fputc ('\n', stderr);
  fflush (stderr);
}

int
au_cli_backtest_main (int    argc,
                      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *capital_text = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *csv_dir = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(AuBacktestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seed = 42;
  int years = 10;
  gboolean json = FALSE;
  gboolean help = FALSE;
  AuBacktestConfig config = { 0 };
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The database", "FILE" },
    { "capital", 0, 0, G_OPTION_ARG_STRING, &capital_text, "Starting capital", "DOLLARS" },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, "Simulated years", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "The market's seed", "N" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, "The first session", "DATE" },
    { "from-csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_dir, "Daily bars to replay", "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show help", NULL },
    { NULL }
  };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "alluse-cli backtest: %s\n\n", error->message);
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }
  if (help)
    {
      print_usage (stdout);
      return AU_CLI_EXIT_OK;
    }
  if (argc > 1 || db_path == NULL)
    {
      fprintf (stderr, "alluse-cli backtest: %s\n\n",
               argc > 1 ? "unexpected argument" : "--db FILE is required");
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }

  config.capital = 30000000;
  if (capital_text != NULL && !au_money_parse (capital_text, &config.capital, &error))
    {
      fprintf (stderr, "alluse-cli backtest: --capital: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  if (years < 1 || years > 100 || seed < 0)
    {
      fprintf (stderr, "alluse-cli backtest: %s\n",
               seed < 0 ? "--seed must not be negative" : "--years must be from 1 to 100");
      return AU_CLI_EXIT_USAGE;
    }
  g_date_clear (&config.start, 1);
  g_date_set_parse (&config.start, start_text != NULL ? start_text : "2016-01-04");
  if (!g_date_valid (&config.start))
    {
      fprintf (stderr, "alluse-cli backtest: --start: “%s” is not a date (YYYY-MM-DD)\n",
               start_text);
      return AU_CLI_EXIT_USAGE;
    }
  config.seed = (guint64) seed;
  config.years = (guint) years;
  config.csv_dir = csv_dir;
  config.db_path = db_path;
  if (isatty (STDERR_FILENO))
    config.progress = on_progress;

  result = au_backtest_run (&config, &error);
  if (result == NULL)
    {
      fprintf (stderr, "alluse-cli backtest: %s\n", error->message);
      return AU_CLI_EXIT_REJECTED;
    }
  output = json ? au_backtest_result_to_json (result) : au_backtest_result_to_table (result);
  fputs (output, stdout);
  return AU_CLI_EXIT_OK;
}

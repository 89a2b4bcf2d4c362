/* au-cli-main.c: alluse-cli, the autopilot's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "au-cli.h"

typedef struct
{
  const char *name;
  int       (*main) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "run",      au_cli_run_main,      "Run the autopilot on the paper market or IB Gateway" },
  { "order",    au_cli_order_main,    "Send one manual action as an order, judged by the rules" },
  { "backtest", au_cli_backtest_main, "Run the autopilot on the paper market, year by year" },
  { "check",  au_cli_check_main,  "Judge one proposed action against the constitution" },
  { "audit",  au_cli_audit_main,  "Verify the tamper-evident audit trail" },
  { "ledger", au_cli_ledger_main, "Prove the double-entry ledger" },
  { "quant",  au_cli_quant_main,  "Option prices, greeks, implied volatility and ATR" },
  { "ib",     au_cli_ib_main,     "Check the link to a running IB Gateway or TWS" },
  { "earnings", au_cli_earnings_main, "Import or list earnings dates for the IB broker" },
  { "secret", au_cli_secret_main, "Store, clear or check the autopilot's secrets (keyring)" },
  { "report", au_cli_report_main, "Weekly, monthly and quarterly reports: text, JSON, CSV, PDF, API" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: alluse-cli COMMAND [OPTION…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun “alluse-cli COMMAND --help” for the options of a command.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Numbers on the command line and in JSON are always read and written
   * with a decimal point, whatever the user's locale. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("alluse-cli");
  /* Standard output carries only results (JSON with --json); every log
   * message, debug included, goes to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? AU_CLI_EXIT_USAGE : AU_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("alluse-cli %s\n", PACKAGE_VERSION);
      return AU_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].main (argc - 1, argv + 1);

  fprintf (stderr, "alluse-cli: unknown command “%s”\n\n", argv[1]);
  print_usage (stderr);
  return AU_CLI_EXIT_USAGE;
}

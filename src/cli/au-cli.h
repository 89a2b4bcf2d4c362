/* au-cli.h: the command groups of alluse-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
enum
{
  AU_CLI_EXIT_OK       = 0,
  AU_CLI_EXIT_REJECTED = 1, /* a verdict of "no", a broken chain, a failed check */
  AU_CLI_EXIT_USAGE    = 2, /* malformed input or arguments */
};

/* Each takes the arguments after its group name (argv[0] is the group). */
int  au_cli_check_main  (int argc, char **argv);
int  au_cli_audit_main  (int argc, char **argv);
int  au_cli_ledger_main (int argc, char **argv);
int  au_cli_quant_main  (int argc, char **argv);
int  au_cli_ib_main     (int argc, char **argv);
int  au_cli_run_main      (int argc, char **argv);
int  au_cli_order_main    (int argc, char **argv);
int  au_cli_backtest_main (int argc, char **argv);
int  au_cli_secret_main (int argc, char **argv);
int  au_cli_report_main (int argc, char **argv);
int  au_cli_earnings_main (int argc, char **argv);

/* Reads a whole file, or standard input for "-". */
char *au_cli_read_input  (const char  *path,
                          gsize       *length,
                          GError     **error);
/* Prints @node as JSON on standard output, followed by a newline. */
void  au_cli_print_json  (JsonNode    *node,
                          gboolean     pretty);
/* The default database: $XDG_DATA_HOME/alluse/autopilot.db */
char *au_cli_default_db_path (void);

G_END_DECLS

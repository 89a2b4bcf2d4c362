/* au-cli-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "au-cli.h"

int
au_cli_check_main (int    argc,
                  char **argv)
{
  fprintf (stderr, "alluse-cli check: not built yet\n");
  return AU_CLI_EXIT_USAGE;
}

/* main.c: starts ALL-USE Autopilot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "au-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(AuApplication) application = NULL;

  /* Translations must be bound before GTK creates any widget. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("ALL-USE Autopilot"));

  application = au_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}

/* au-accounts-error.h: errors of the account manager (WS3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_ACCOUNTS_ERROR (au_accounts_error_quark ())

typedef enum
{
  AU_ACCOUNTS_ERROR_INVALID,   /* a malformed argument; the message names it */
  AU_ACCOUNTS_ERROR_NOT_DUE,   /* called at a moment its rule does not run (e.g. D2.9's day) */
  AU_ACCOUNTS_ERROR_NO_PORTFOLIO, /* no ALL-USE tree exists yet */
  AU_ACCOUNTS_ERROR_NO_CHAIN,  /* the chain provider had nothing for a symbol */
  AU_ACCOUNTS_ERROR_NOT_FOUND, /* nothing stored under that key (e.g. a quarter's report) */
} AuAccountsError;

GQuark au_accounts_error_quark (void);

G_END_DECLS

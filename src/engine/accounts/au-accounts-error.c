/* au-accounts-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-accounts-error.h"

G_DEFINE_QUARK (au-accounts-error-quark, au_accounts_error)

/* au-ledger-schema.h: the ledger's tables and their migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-database.h"

G_BEGIN_DECLS

/* The schema version this build writes. */
#define AU_LEDGER_SCHEMA_VERSION 1

/* Brings the "ledger" component of a writable @database to
 * %AU_LEDGER_SCHEMA_VERSION through au_database_migrate(). */
gboolean au_ledger_schema_migrate (AuDatabase  *database,
                                   GError     **error);

G_END_DECLS

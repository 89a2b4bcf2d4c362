/* au-ledger-private.h: what the ledger's source files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-ledger.h"

G_BEGIN_DECLS

struct _AuLedger
{
  GObject         parent_instance;
  AuDatabase     *database;
  AuConstitution *constitution;
};

/* One posting as it is written: a holding book's posting also carries
 * its position and the change of the position's quantity. */
typedef struct
{
  gint64  account_id;
  AuBook  book;
  AuMoney amount;
  gint64  position_id;   /* 0: none */
  gint64  quantity;
} AuPostingSpec;

#define AU_LEDGER_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

GArray   *_au_ledger_postings_new     (void);
void      _au_ledger_add              (GArray              *postings,
                                       gint64               account_id,
                                       AuBook               book,
                                       AuMoney              amount);
void      _au_ledger_add_position     (GArray              *postings,
                                       gint64               account_id,
                                       AuBook               book,
                                       AuMoney              amount,
                                       gint64               position_id,
                                       gint64               quantity);

/* Writes one transaction inside the caller's open SQLite transaction;
 * refuses an unbalanced or empty one. Returns its id, or 0. */
gint64    _au_ledger_post_locked      (AuLedger            *self,
                                       GDateTime           *time,
                                       const char          *kind,
                                       const char          *description,
                                       const char          *external_ref,
                                       gint64               reverses,
                                       GArray              *postings,
                                       GError             **error);

/* SHA-256 (hex) of @prev_hash followed by the canonical JSON of the
 * transaction with its postings, in posting order. */
char     *_au_ledger_hash             (const char          *prev_hash,
                                       gint64               id,
                                       const char          *time,
                                       const char          *kind,
                                       const char          *description,
                                       gint64               reverses,
                                       const char          *external_ref,
                                       const AuPostingSpec *postings,
                                       guint                n_postings);

/* ISO 8601 in UTC, seconds precision: sorts as text. */
char     *_au_ledger_format_time      (GDateTime           *time);

gboolean  _au_ledger_load_account     (AuDatabase          *database,
                                       gint64               account_id,
                                       AuLedgerAccount     *account,
                                       GError             **error);
gboolean  _au_ledger_require_active   (AuLedger            *self,
                                       gint64               account_id,
                                       AuLedgerAccount     *account,
                                       GError             **error);
/* A sleeve or MINI that can hold positions. */
gboolean  _au_ledger_require_trading  (AuLedger            *self,
                                       gint64               account_id,
                                       GError             **error);
gboolean  _au_ledger_read_balance     (AuDatabase          *database,
                                       gint64               account_id,
                                       AuBook               book,
                                       AuMoney             *balance,
                                       GError             **error);

/* Position of (account, instrument), created when @create. Returns 0
 * with @error set on failure, or 0 without error when absent. */
gint64    _au_ledger_find_position    (AuLedger            *self,
                                       gint64               account_id,
                                       const AuInstrument  *instrument,
                                       gboolean             create,
                                       GDateTime           *time,
                                       GError             **error);
gboolean  _au_ledger_position_totals  (AuDatabase          *database,
                                       gint64               position_id,
                                       gint64              *quantity,
                                       AuMoney             *cost_basis,
                                       GError             **error);
gint64    _au_ledger_find_instrument  (AuLedger            *self,
                                       const AuInstrument  *instrument,
                                       gboolean             create,
                                       GError             **error);
gboolean  _au_ledger_validate_instrument (const AuInstrument *instrument,
                                          GError            **error);

/* One public mutation = one SQLite transaction: _au_ledger_finish()
 * commits when @ok, else rolls back, and returns @ok.
 * _au_ledger_finish_id() does the same for a mutation that made row @id
 * (0 when it failed) and returns @id once committed, else 0. */
gboolean  _au_ledger_begin            (AuLedger            *self,
                                       GError             **error);
gboolean  _au_ledger_finish           (AuLedger            *self,
                                       gboolean             ok,
                                       GError             **error);
gint64    _au_ledger_finish_id        (AuLedger            *self,
                                       gint64               id,
                                       GError             **error);
gboolean  _au_ledger_step_done        (AuDatabase          *database,
                                       sqlite3_stmt        *stmt,
                                       const char          *what,
                                       GError             **error);

gboolean  _au_ledger_append_order_event (AuLedger          *self,
                                         gint64             order_id,
                                         AuOrderEvent       event,
                                         const char        *detail,
                                         const char        *time_text,
                                         GError           **error);

/* Dollars with two decimals, for messages. */
char     *_au_ledger_dollars          (AuMoney              cents);

G_END_DECLS

/* au-ledger-trades.c: fills, expiries and assignments as double entries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ledger"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "au-ledger-private.h"
#include "au-money.h"

/* Instruments and positions */

static gboolean
parse_expiry (const char *text,
              GDate      *date)
{
  unsigned int y, m, d;
  char extra;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
_au_ledger_validate_instrument (const AuInstrument  *instrument,
                                GError             **error)
{
  GDate date;

  if (instrument == NULL || instrument->symbol == NULL || *instrument->symbol == '\0')
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID, "instrument.symbol: required");
      return FALSE;
    }
  for (const char *c = instrument->symbol; *c; c++)
    if (!g_ascii_isupper (*c) && !g_ascii_isdigit (*c) && *c != '.' && *c != '-')
      {
        g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                     "instrument.symbol: “%s” is not an upper-case ticker", instrument->symbol);
        return FALSE;
      }
  if (instrument->multiplier <= 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "instrument.multiplier: must be more than zero");
      return FALSE;
    }

  switch (instrument->right)
    {
    case AU_RIGHT_STOCK:
      if (instrument->strike != 0 || instrument->expiry != NULL || instrument->multiplier != 1)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "instrument: stock %s has no strike or expiry and a multiplier of 1",
                       instrument->symbol);
          return FALSE;
        }
      return TRUE;

    case AU_RIGHT_PUT:
    case AU_RIGHT_CALL:
      if (instrument->strike <= 0)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "instrument.strike: an option's strike must be more than zero");
          return FALSE;
        }
      if (!parse_expiry (instrument->expiry, &date))
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "instrument.expiry: “%s” is not a date YYYY-MM-DD",
                       instrument->expiry ? instrument->expiry : "(none)");
          return FALSE;
        }
      return TRUE;

    default:
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "instrument.right: %d is not stock, put or call", (int) instrument->right);
      return FALSE;
    }
}

/* The find and the insert name an instrument by the same five columns. */
static void
bind_instrument (sqlite3_stmt        *stmt,
                 const AuInstrument  *instrument,
                 const char          *expiry)
{
  sqlite3_bind_text (stmt, 1, instrument->symbol, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, au_right_to_string (instrument->right), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, instrument->strike);
  sqlite3_bind_text (stmt, 4, expiry, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, instrument->multiplier);
}

gint64
_au_ledger_find_instrument (AuLedger            *self,
                            const AuInstrument  *instrument,
                            gboolean             create,
                            GError             **error)
{
  AuDatabase *db = self->database;
  const char *expiry = instrument->expiry != NULL ? instrument->expiry : "";
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  find = au_database_prepare (db,
                              "SELECT id FROM ledger_instruments WHERE symbol = ?1 AND "
                              "option_right = ?2 AND strike = ?3 AND expiry = ?4 AND "
                              "multiplier = ?5;", error);
  if (find == NULL)
    return 0;
  bind_instrument (find, instrument, expiry);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  if (!create)
    return 0;

  insert = au_database_prepare (db,
                                "INSERT INTO ledger_instruments (symbol, option_right, strike, "
                                "expiry, multiplier) VALUES (?1, ?2, ?3, ?4, ?5);", error);
  if (insert == NULL)
    return 0;
  bind_instrument (insert, instrument, expiry);
  if (!_au_ledger_step_done (db, insert, "recording an instrument", error))
    return 0;
  return sqlite3_last_insert_rowid (au_database_get_handle (db));
}

gint64
_au_ledger_find_position (AuLedger            *self,
                          gint64               account_id,
                          const AuInstrument  *instrument,
                          gboolean             create,
                          GDateTime           *time,
                          GError             **error)
{
  AuDatabase *db = self->database;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *time_text = NULL;
  GError *local_error = NULL;
  gint64 instrument_id;

  instrument_id = _au_ledger_find_instrument (self, instrument, create, &local_error);
  if (instrument_id == 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return 0;
    }

  find = au_database_prepare (db, "SELECT id FROM ledger_positions WHERE account_id = ?1 AND "
                                  "instrument_id = ?2;", error);
  if (find == NULL)
    return 0;
  sqlite3_bind_int64 (find, 1, account_id);
  sqlite3_bind_int64 (find, 2, instrument_id);
  if (sqlite3_step (find) == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  if (!create)
    return 0;

  time_text = _au_ledger_format_time (time);
  insert = au_database_prepare (db, "INSERT INTO ledger_positions (account_id, instrument_id, "
                                    "opened_at) VALUES (?1, ?2, ?3);", error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_int64 (insert, 1, account_id);
  sqlite3_bind_int64 (insert, 2, instrument_id);
  sqlite3_bind_text (insert, 3, time_text, -1, SQLITE_STATIC);
  if (!_au_ledger_step_done (db, insert, "opening a position", error))
    return 0;
  return sqlite3_last_insert_rowid (au_database_get_handle (db));
}

gboolean
_au_ledger_position_totals (AuDatabase  *database,
                            gint64       position_id,
                            gint64      *quantity,
                            AuMoney     *cost_basis,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (database,
                              "SELECT IFNULL (SUM (quantity), 0), IFNULL (SUM (amount), 0) "
                              "FROM ledger_postings WHERE position_id = ?1;", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, position_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (database, error, "summing a position");
      return FALSE;
    }
  *quantity = sqlite3_column_int64 (stmt, 0);
  *cost_basis = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static char *
describe_instrument (const AuInstrument *instrument)
{
  g_autofree char *strike = NULL;

  if (instrument->right == AU_RIGHT_STOCK)
    return g_strdup (instrument->symbol);
  strike = au_price_format (instrument->strike);
  return g_strdup_printf ("%s %s %s %s", instrument->symbol, instrument->expiry, strike,
                          au_right_to_string (instrument->right));
}

/* The part of a position's cost basis that leaves with @quantity of its
 * @open units: all of what is left when the position closes, else a
 * banker's-rounded share, so closing in pieces never strands a cent. */
static AuMoney
basis_share (AuMoney basis,
             gint64  quantity,
             gint64  open)
{
  if (quantity == open)
    return basis;
  return au_money_mul_ratio (basis, quantity, open);
}

/* Price per unit x units, in cents. */
static AuMoney
gross_amount (AuPrice price,
              gint64  units)
{
  return au_money_mul_ratio (price, units, AU_PRICE_SCALE / AU_MONEY_SCALE);
}

/* Fills */

static gboolean
validate_fill (const AuFill  *fill,
               GError       **error)
{
  const char *field = NULL;

  if (fill == NULL || fill->execution_id == NULL || *fill->execution_id == '\0')
    field = "fill.execution_id: required";
  else if (fill->quantity <= 0)
    field = "fill.quantity: must be more than zero";
  else if (fill->price < 0)
    field = "fill.price: must not be negative";
  else if (fill->commission < 0)
    field = "fill.commission: must not be negative";

  if (field != NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID, "%s; nothing was written",
                   field);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_fill (AuLedger      *self,
             gint64         account_id,
             gint64         position_id,
             const AuFill  *fill,
             gint64         transaction_id,
             GDateTime     *time,
             GError       **error)
{
  AuDatabase *db = self->database;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *time_text = _au_ledger_format_time (time);
  gint64 order_id = 0;
  gint64 ordered = 0;

  if (fill->client_order_id != NULL)
    {
      g_autoptr(sqlite3_stmt) order = NULL;

      order = au_database_prepare (db,
                                   "SELECT o.id, o.account_id, o.quantity, o.instrument_id = "
                                   "(SELECT instrument_id FROM ledger_positions WHERE id = ?2) "
                                   "FROM ledger_orders o WHERE o.client_order_id = ?1;", error);
      if (order == NULL)
        return FALSE;
      sqlite3_bind_text (order, 1, fill->client_order_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (order, 2, position_id);
      if (sqlite3_step (order) != SQLITE_ROW)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                       "fill.client_order_id: no order “%s”; nothing was written",
                       fill->client_order_id);
          return FALSE;
        }
      if (sqlite3_column_int64 (order, 1) != account_id || !sqlite3_column_int (order, 3))
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                       "fill.client_order_id: order “%s” is for another account or instrument; "
                       "nothing was written", fill->client_order_id);
          return FALSE;
        }
      order_id = sqlite3_column_int64 (order, 0);
      ordered = sqlite3_column_int64 (order, 2);
    }

  insert = au_database_prepare (db,
                                "INSERT INTO ledger_fills (execution_id, order_id, transaction_id, "
                                "quantity, price, commission, time) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, fill->execution_id, -1, SQLITE_STATIC);
  if (order_id > 0)
    sqlite3_bind_int64 (insert, 2, order_id);
  else
    sqlite3_bind_null (insert, 2);
  sqlite3_bind_int64 (insert, 3, transaction_id);
  sqlite3_bind_int64 (insert, 4, fill->quantity);
  sqlite3_bind_int64 (insert, 5, fill->price);
  sqlite3_bind_int64 (insert, 6, fill->commission);
  sqlite3_bind_text (insert, 7, time_text, -1, SQLITE_STATIC);
  if (!_au_ledger_step_done (db, insert, "recording a fill", error))
    return FALSE;

  if (order_id > 0)
    {
      g_autoptr(sqlite3_stmt) sum = NULL;
      gint64 filled;

      sum = au_database_prepare (db, "SELECT SUM (quantity) FROM ledger_fills WHERE order_id = ?1;",
                                 error);
      if (sum == NULL)
        return FALSE;
      sqlite3_bind_int64 (sum, 1, order_id);
      if (sqlite3_step (sum) != SQLITE_ROW)
        {
          au_database_set_error (db, error, "summing fills");
          return FALSE;
        }
      filled = sqlite3_column_int64 (sum, 0);
      if (!_au_ledger_append_order_event (self, order_id,
                                          filled >= ordered ? AU_ORDER_EVENT_FILLED
                                                            : AU_ORDER_EVENT_PARTIALLY_FILLED,
                                          fill->execution_id, time_text, error))
        return FALSE;
    }

  return TRUE;
}

/* Books @postings plus the fill's commission (its own expense posting)
 * under the fill's execution id, and records the fill. */
static gint64
post_fill (AuLedger      *self,
           gint64         account_id,
           gint64         position_id,
           const AuFill  *fill,
           const char    *kind,
           const char    *description,
           GArray        *postings,
           GDateTime     *time,
           GError       **error)
{
  gint64 txn;

  _au_ledger_add (postings, account_id, AU_BOOK_COMMISSIONS, fill->commission);
  _au_ledger_add (postings, account_id, AU_BOOK_CASH, -fill->commission);

  txn = _au_ledger_post_locked (self, time, kind, description, fill->execution_id, 0, postings,
                                error);
  if (txn == 0)
    return 0;
  if (!record_fill (self, account_id, position_id, fill, txn, time, error))
    return 0;
  return txn;
}

typedef enum
{
  TRADE_SELL_TO_OPEN,
  TRADE_BUY_TO_CLOSE,
  TRADE_BUY_TO_OPEN,
  TRADE_SELL_TO_CLOSE,
  TRADE_BUY_STOCK,
  TRADE_SELL_STOCK,
} Trade;

static const char * const trade_kinds[] = {
  "sell_to_open", "buy_to_close", "buy_to_open", "sell_to_close", "buy_stock", "sell_stock",
};

static const char * const trade_verbs[] = {
  "Sold to open", "Bought to close", "Bought to open", "Sold to close", "Bought", "Sold",
};

static gint64
trade_locked (AuLedger            *self,
              Trade                trade,
              gint64               account_id,
              const AuInstrument  *instrument,
              const AuFill        *fill,
              AuFunding            funding,
              GDateTime           *time,
              GError             **error)
{
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  g_autofree char *what = NULL;
  g_autofree char *price_text = NULL;
  g_autofree char *description = NULL;
  GError *local_error = NULL;
  gboolean opening = trade == TRADE_SELL_TO_OPEN || trade == TRADE_BUY_TO_OPEN ||
                     trade == TRADE_BUY_STOCK;
  gint64 position_id;
  gint64 open_quantity = 0;
  AuMoney basis = 0;
  AuMoney gross;
  gint64 units;
  gint64 q;

  if (!_au_ledger_validate_instrument (instrument, error) || !validate_fill (fill, error))
    return 0;
  if ((instrument->right == AU_RIGHT_STOCK) != (trade == TRADE_BUY_STOCK ||
                                                trade == TRADE_SELL_STOCK))
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "instrument.right: %s is booked with the %s functions",
                   instrument->right == AU_RIGHT_STOCK ? "stock" : "an option",
                   instrument->right == AU_RIGHT_STOCK ? "stock" : "option");
      return 0;
    }
  if (!_au_ledger_require_trading (self, account_id, error))
    return 0;

  what = describe_instrument (instrument);
  position_id = _au_ledger_find_position (self, account_id, instrument, opening, time,
                                          &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (position_id > 0 &&
      !_au_ledger_position_totals (self->database, position_id, &open_quantity, &basis, error))
    return 0;

  q = fill->quantity;
  units = q * instrument->multiplier;
  gross = gross_amount (fill->price, units);

  /* A position is either long or short: opening against the other side,
   * or closing more than is open, is a mistake the broker never reports. */
  if ((trade == TRADE_SELL_TO_OPEN && open_quantity > 0) ||
      ((trade == TRADE_BUY_TO_OPEN || trade == TRADE_BUY_STOCK) && open_quantity < 0) ||
      (trade == TRADE_BUY_TO_CLOSE && -open_quantity < q) ||
      ((trade == TRADE_SELL_TO_CLOSE || trade == TRADE_SELL_STOCK) && open_quantity < q))
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                   "%s %" G_GINT64_FORMAT " %s: account %" G_GINT64_FORMAT " holds %"
                   G_GINT64_FORMAT "; nothing was written", trade_kinds[trade], q, what,
                   account_id, open_quantity);
      return 0;
    }

  switch (trade)
    {
    case TRADE_SELL_TO_OPEN:
      /* Premium to cash; the obligation is a liability at the premium. */
      _au_ledger_add (postings, account_id, AU_BOOK_CASH, gross);
      _au_ledger_add_position (postings, account_id, AU_BOOK_OPTIONS_WRITTEN, -gross,
                               position_id, -q);
      break;

    case TRADE_BUY_TO_CLOSE:
      {
        /* The liability leaves at the premium received; what the close
         * cost less than that premium is realized premium income. */
        AuMoney released = -basis_share (basis, q, -open_quantity);

        _au_ledger_add_position (postings, account_id, AU_BOOK_OPTIONS_WRITTEN, released,
                                 position_id, q);
        _au_ledger_add (postings, account_id, AU_BOOK_CASH, -gross);
        _au_ledger_add (postings, account_id, AU_BOOK_PREMIUM_INCOME, -(released - gross));
      }
      break;

    case TRADE_BUY_TO_OPEN:
    case TRADE_BUY_STOCK:
      {
        /* A long option or shares at cost; stock is always paid in cash. */
        AuBook held = trade == TRADE_BUY_STOCK ? AU_BOOK_STOCK : AU_BOOK_OPTIONS_HELD;
        AuBook source = funding == AU_FUNDING_LEAP_BUDGET ? AU_BOOK_LEAP_BUDGET : AU_BOOK_CASH;
        AuMoney available;

        if (funding == AU_FUNDING_LEAP_BUDGET)
          {
            if (!_au_ledger_read_balance (self->database, account_id, source, &available, error))
              return 0;
            if (available < gross)
              {
                g_autofree char *have = _au_ledger_dollars (available);
                g_autofree char *need = _au_ledger_dollars (gross);

                g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                             "funding: the LEAP budget holds %s, the purchase costs %s (R17); "
                             "nothing was written", have, need);
                return 0;
              }
          }
        _au_ledger_add_position (postings, account_id, held, gross, position_id, q);
        _au_ledger_add (postings, account_id, source, -gross);
      }
      break;

    case TRADE_SELL_TO_CLOSE:
    case TRADE_SELL_STOCK:
      {
        /* Proceeds to cash; the units leave at their average cost and the
         * difference is a realized gain on options or on stock. */
        gboolean stock = trade == TRADE_SELL_STOCK;
        AuBook held = stock ? AU_BOOK_STOCK : AU_BOOK_OPTIONS_HELD;
        AuBook gains = stock ? AU_BOOK_STOCK_GAINS : AU_BOOK_OPTION_GAINS;
        AuMoney removed = basis_share (basis, q, open_quantity);

        _au_ledger_add (postings, account_id, AU_BOOK_CASH, gross);
        _au_ledger_add_position (postings, account_id, held, -removed, position_id, -q);
        _au_ledger_add (postings, account_id, gains, -(gross - removed));
      }
      break;

    default:
      g_assert_not_reached ();
    }

  price_text = au_price_format (fill->price);
  description = g_strdup_printf ("%s %" G_GINT64_FORMAT " %s at %s", trade_verbs[trade], q, what,
                                 price_text);
  return post_fill (self, account_id, position_id, fill, trade_kinds[trade], description,
                    postings, time, error);
}

static gint64
trade (AuLedger            *self,
       Trade                kind,
       gint64               account_id,
       const AuInstrument  *instrument,
       const AuFill        *fill,
       AuFunding            funding,
       GDateTime           *time,
       GError             **error)
{
  gint64 txn;

  if (!_au_ledger_begin (self, error))
    return 0;
  txn = trade_locked (self, kind, account_id, instrument, fill, funding, time, error);
  return _au_ledger_finish_id (self, txn, error);
}

/**
 * au_ledger_sell_to_open:
 *
 * A short put or call: the premium to cash, the obligation to the
 * options-written liability at the premium received.
 */
gint64
au_ledger_sell_to_open (AuLedger            *self,
                        gint64               account_id,
                        const AuInstrument  *option,
                        const AuFill        *fill,
                        GDateTime           *time,
                        GError             **error)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  return trade (self, TRADE_SELL_TO_OPEN, account_id, option, fill, AU_FUNDING_CASH, time, error);
}

/**
 * au_ledger_buy_to_close:
 *
 * Releases the liability at the premium received; the difference from
 * the price paid is realized premium income (a loss when negative).
 */
gint64
au_ledger_buy_to_close (AuLedger            *self,
                        gint64               account_id,
                        const AuInstrument  *option,
                        const AuFill        *fill,
                        GDateTime           *time,
                        GError             **error)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  return trade (self, TRADE_BUY_TO_CLOSE, account_id, option, fill, AU_FUNDING_CASH, time, error);
}

/**
 * au_ledger_buy_to_open:
 * @funding: cash, or the LEAP budget of R3.5 / R17 (refused when short)
 *
 * A long option (a LEAP of the ladder, a hedge) at cost.
 */
gint64
au_ledger_buy_to_open (AuLedger            *self,
                       gint64               account_id,
                       const AuInstrument  *option,
                       const AuFill        *fill,
                       AuFunding            funding,
                       GDateTime           *time,
                       GError             **error)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  return trade (self, TRADE_BUY_TO_OPEN, account_id, option, fill, funding, time, error);
}

gint64
au_ledger_sell_to_close (AuLedger            *self,
                         gint64               account_id,
                         const AuInstrument  *option,
                         const AuFill        *fill,
                         GDateTime           *time,
                         GError             **error)
{
  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  return trade (self, TRADE_SELL_TO_CLOSE, account_id, option, fill, AU_FUNDING_CASH, time, error);
}

gint64
au_ledger_buy_stock (AuLedger      *self,
                     gint64         account_id,
                     const char    *symbol,
                     const AuFill  *fill,
                     GDateTime     *time,
                     GError       **error)
{
  AuInstrument stock = { symbol, AU_RIGHT_STOCK, 0, NULL, 1 };

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  return trade (self, TRADE_BUY_STOCK, account_id, &stock, fill, AU_FUNDING_CASH, time, error);
}

/**
 * au_ledger_sell_stock:
 *
 * Proceeds to cash; the shares leave at their average cost and the
 * difference is a realized gain on stock.
 */
gint64
au_ledger_sell_stock (AuLedger      *self,
                      gint64         account_id,
                      const char    *symbol,
                      const AuFill  *fill,
                      GDateTime     *time,
                      GError       **error)
{
  AuInstrument stock = { symbol, AU_RIGHT_STOCK, 0, NULL, 1 };

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  return trade (self, TRADE_SELL_STOCK, account_id, &stock, fill, AU_FUNDING_CASH, time, error);
}

/* Expiry and assignment */

static gboolean
open_option (AuLedger            *self,
             gint64               account_id,
             const AuInstrument  *option,
             gint64              *position_id,
             gint64              *quantity,
             AuMoney             *basis,
             GError             **error)
{
  g_autofree char *what = NULL;
  GError *local_error = NULL;

  if (!_au_ledger_validate_instrument (option, error))
    return FALSE;
  if (option->right == AU_RIGHT_STOCK)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "instrument.right: stock neither expires nor is assigned");
      return FALSE;
    }
  if (!_au_ledger_require_trading (self, account_id, error))
    return FALSE;

  *position_id = _au_ledger_find_position (self, account_id, option, FALSE, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *quantity = 0;
  if (*position_id > 0 &&
      !_au_ledger_position_totals (self->database, *position_id, quantity, basis, error))
    return FALSE;
  if (*quantity == 0)
    {
      what = describe_instrument (option);
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                   "account %" G_GINT64_FORMAT " holds no %s; nothing was written",
                   account_id, what);
      return FALSE;
    }
  return TRUE;
}

static gint64
expire_locked (AuLedger            *self,
               gint64               account_id,
               const AuInstrument  *option,
               GDateTime           *time,
               GError             **error)
{
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *today = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 position_id = 0;
  gint64 quantity = 0;
  AuMoney basis = 0;

  if (!open_option (self, account_id, option, &position_id, &quantity, &basis, error))
    return 0;

  /* Expiry dates are Eastern dates: an option cannot expire before its day. */
  if (eastern == NULL)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "the system has no America/New_York time zone data (install tzdata)");
      return 0;
    }
  local = g_date_time_to_timezone (time, eastern);
  today = g_date_time_format (local, "%Y-%m-%d");
  if (strcmp (today, option->expiry) < 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "instrument.expiry: %s is after today (%s, New York); an option cannot "
                   "expire early", option->expiry, today);
      return 0;
    }

  what = describe_instrument (option);
  if (quantity < 0)
    {
      /* The whole premium received becomes realized income. */
      _au_ledger_add_position (postings, account_id, AU_BOOK_OPTIONS_WRITTEN, -basis,
                               position_id, -quantity);
      _au_ledger_add (postings, account_id, AU_BOOK_PREMIUM_INCOME, basis);
      description = g_strdup_printf ("%" G_GINT64_FORMAT " short %s expired worthless",
                                     -quantity, what);
    }
  else
    {
      /* A long option's cost is a realized loss. */
      _au_ledger_add_position (postings, account_id, AU_BOOK_OPTIONS_HELD, -basis,
                               position_id, -quantity);
      _au_ledger_add (postings, account_id, AU_BOOK_OPTION_GAINS, basis);
      description = g_strdup_printf ("%" G_GINT64_FORMAT " long %s expired worthless",
                                     quantity, what);
    }

  return _au_ledger_post_locked (self, time, "expiry", description, NULL, 0, postings, error);
}

/**
 * au_ledger_expire:
 *
 * Books an open option as expired worthless on or after its expiry date
 * (New York): a short option's premium becomes realized income, a long
 * option's cost a realized loss.
 */
gint64
au_ledger_expire (AuLedger            *self,
                  gint64               account_id,
                  const AuInstrument  *option,
                  GDateTime           *time,
                  GError             **error)
{
  gint64 txn;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);

  if (!_au_ledger_begin (self, error))
    return 0;
  txn = expire_locked (self, account_id, option, time, error);
  return _au_ledger_finish_id (self, txn, error);
}

static gint64
assign_locked (AuLedger            *self,
               gint64               account_id,
               const AuInstrument  *option,
               gint64               contracts,
               const char          *external_ref,
               GDateTime           *time,
               GError             **error)
{
  g_autoptr(GArray) postings = _au_ledger_postings_new ();
  AuInstrument stock = { option->symbol, AU_RIGHT_STOCK, 0, NULL, 1 };
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 position_id = 0;
  gint64 quantity = 0;
  gint64 stock_id;
  gint64 shares_held = 0;
  AuMoney basis = 0;
  AuMoney stock_basis = 0;
  AuMoney released;
  AuMoney strike_value;
  gint64 shares;

  if (contracts <= 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "contracts: must be more than zero");
      return 0;
    }
  if (!open_option (self, account_id, option, &position_id, &quantity, &basis, error))
    return 0;

  what = describe_instrument (option);
  if (-quantity < contracts)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                   "contracts: %" G_GINT64_FORMAT " assigned but account %" G_GINT64_FORMAT
                   " is short only %" G_GINT64_FORMAT " %s; nothing was written",
                   contracts, account_id, quantity < 0 ? -quantity : 0, what);
      return 0;
    }

  shares = contracts * option->multiplier;
  strike_value = gross_amount (option->strike, shares);
  released = -basis_share (basis, contracts, -quantity);

  stock_id = _au_ledger_find_position (self, account_id, &stock, TRUE, time, error);
  if (stock_id == 0)
    return 0;
  if (!_au_ledger_position_totals (self->database, stock_id, &shares_held, &stock_basis, error))
    return 0;

  _au_ledger_add_position (postings, account_id, AU_BOOK_OPTIONS_WRITTEN, released,
                           position_id, contracts);

  if (option->right == AU_RIGHT_PUT)
    {
      /* The shares' cost is the strike less the premium received, so the
       * premium lives on in the cost basis (200 x 100 − 120 = 19,880). */
      _au_ledger_add_position (postings, account_id, AU_BOOK_STOCK, strike_value - released,
                               stock_id, shares);
      _au_ledger_add (postings, account_id, AU_BOOK_CASH, -strike_value);
      description = g_strdup_printf ("Assigned %" G_GINT64_FORMAT " %s: bought %" G_GINT64_FORMAT
                                     " %s", contracts, what, shares, option->symbol);
    }
  else
    {
      AuMoney removed;

      if (shares_held < shares)
        {
          g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT,
                       "a call assignment of %" G_GINT64_FORMAT " shares of %s, but account %"
                       G_GINT64_FORMAT " holds %" G_GINT64_FORMAT "; covered calls only; "
                       "nothing was written", shares, option->symbol, account_id, shares_held);
          return 0;
        }
      /* Shares called away: their cost leaves, the gain against it is
       * realized, and the call's premium is realized income. */
      removed = basis_share (stock_basis, shares, shares_held);
      _au_ledger_add_position (postings, account_id, AU_BOOK_STOCK, -removed, stock_id, -shares);
      _au_ledger_add (postings, account_id, AU_BOOK_CASH, strike_value);
      _au_ledger_add (postings, account_id, AU_BOOK_STOCK_GAINS, -(strike_value - removed));
      _au_ledger_add (postings, account_id, AU_BOOK_PREMIUM_INCOME, -released);
      description = g_strdup_printf ("Assigned %" G_GINT64_FORMAT " %s: %" G_GINT64_FORMAT
                                     " %s called away", contracts, what, shares, option->symbol);
    }

  return _au_ledger_post_locked (self, time, "assignment", description, external_ref, 0,
                                 postings, error);
}

/**
 * au_ledger_assign:
 * @contracts: how many of the short contracts were assigned
 * @external_ref: (nullable): the broker's id of the assignment
 *
 * A short put assigned buys the shares at the strike; their cost basis is
 * the strike less the premium received. A short call assigned sells held
 * shares at the strike: the gain against their cost and the premium are
 * realized.
 */
gint64
au_ledger_assign (AuLedger            *self,
                  gint64               account_id,
                  const AuInstrument  *option,
                  gint64               contracts,
                  const char          *external_ref,
                  GDateTime           *time,
                  GError             **error)
{
  gint64 txn;

  g_return_val_if_fail (AU_IS_LEDGER (self), 0);
  g_return_val_if_fail (time != NULL, 0);
  g_return_val_if_fail (option != NULL, 0);

  if (!_au_ledger_begin (self, error))
    return 0;
  txn = assign_locked (self, account_id, option, contracts, external_ref, time, error);
  return _au_ledger_finish_id (self, txn, error);
}

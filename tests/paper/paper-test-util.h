/* paper-test-util.h: small helpers of the paper exchange's and broker's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "au-market-calendar.h"
#include "au-money.h"
#include "au-paper-exchange.h"
#include "au-paper-fill-model.h"

#define DOLLARS(d) ((AuMoney) (d) * AU_MONEY_SCALE)
#define PRICE(d)   ((AuPrice) ((d) * AU_PRICE_SCALE + 0.5))
#define TEST_SEED  20261102

static inline GDate
ymd (int year,
     int month,
     int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_assert_true (g_date_valid (&date));
  return date;
}

/* µs since the epoch of a New York wall time. */
static inline gint64
et_usec (int year,
         int month,
         int day,
         int hour,
         int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (au_eastern_time_zone (), year, month, day,
                                               hour, minute, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static inline AuPaperExchange *
new_exchange_at (guint64     seed,
                 GDate       start,
                 AuMoney     cash,
                 const char *state_path)
{
  g_autoptr(GError) error = NULL;
  AuPaperConfig config = { 0 };
  AuPaperExchange *exchange;

  config.seed = seed;
  config.start = start;
  config.cash = cash;
  config.state_path = state_path;
  exchange = au_paper_exchange_new (&config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (exchange);
  return exchange;
}

/* Monday 2026-11-02 09:30 ET, $100,000. */
static inline AuPaperExchange *
new_exchange (guint64 seed)
{
  return new_exchange_at (seed, ymd (2026, 11, 2), DOLLARS (100000), NULL);
}

/* The series of the first expiry in [@min_dte, @max_dte] nearest the
 * middle of the |delta| band. */
static inline AuOptionQuote
find_series (AuPaperExchange *exchange,
             const char      *symbol,
             guint            min_dte,
             guint            max_dte,
             AuOptionRight    right,
             double           delta_min,
             double           delta_max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuOptionChain) chain = au_paper_exchange_get_chain (exchange, symbol, min_dte,
                                                                max_dte, &error);
  const AuOptionQuote *quote;
  GArray *expiries;

  g_assert_no_error (error);
  expiries = au_option_chain_get_expiries (chain);
  g_assert_cmpuint (expiries->len, >, 0);
  quote = au_option_chain_find_delta (chain, &g_array_index (expiries, GDate, 0), right,
                                      delta_min, delta_max);
  g_assert_nonnull (quote);
  return *quote;
}

static inline void
option_request (AuOrderRequest      *request,
                const char          *client_order_id,
                const char          *symbol,
                const AuOptionQuote *series,
                AuSide               side,
                gint64               quantity,
                AuPrice              limit)
{
  *request = (AuOrderRequest) { 0 };
  request->client_order_id = g_strdup (client_order_id);
  au_contract_init_option (&request->contract, symbol, series->right, series->strike,
                           &series->expiry);
  request->side = side;
  request->quantity = quantity;
  request->limit = limit;
}

static inline void
stock_request (AuOrderRequest *request,
               const char     *client_order_id,
               const char     *symbol,
               AuSide          side,
               gint64          quantity,
               AuPrice         limit)
{
  *request = (AuOrderRequest) { 0 };
  request->client_order_id = g_strdup (client_order_id);
  au_contract_init_stock (&request->contract, symbol);
  request->side = side;
  request->quantity = quantity;
  request->limit = limit;
}

/* Submits at the market's clock; returns the order's state now. */
static inline AuOrderUpdate *
submit (AuPaperExchange *exchange,
        AuOrderRequest  *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *client_order_id = g_strdup (request->client_order_id);
  AuOrderUpdate *first = NULL;

  g_assert_true (au_paper_exchange_submit (exchange, request, 0, 0, &first, &error));
  g_assert_no_error (error);
  au_order_update_free (first);
  au_order_request_clear (request);
  return au_paper_exchange_dup_order (exchange, client_order_id);
}

static inline void
step (AuPaperExchange *exchange)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_paper_exchange_step (exchange, &error));
  g_assert_no_error (error);
}

static inline AuOptionQuote
quote_now (AuPaperExchange     *exchange,
           const char          *symbol,
           const AuOptionQuote *series)
{
  g_autoptr(GError) error = NULL;
  AuOptionQuote quote;

  g_assert_true (au_market_sim_get_quote (au_paper_exchange_get_market (exchange), symbol,
                                          &series->expiry, series->right, series->strike,
                                          &quote, &error));
  g_assert_no_error (error);
  return quote;
}

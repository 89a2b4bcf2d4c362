/* au-autopilot-fetch.c: broker requests an action waits for, never blocking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"

typedef struct
{
  ApFetch *fetch;
  char    *key;
} Request;

static void
fetch_free (ApFetch *fetch)
{
  AuClock *held = _ap_paper_clock (fetch->self);

  g_hash_table_unref (fetch->quotes);
  g_hash_table_unref (fetch->chains);
  g_hash_table_unref (fetch->bars);
  g_hash_table_unref (fetch->earnings);
  g_hash_table_unref (fetch->errors);
  if (fetch->data_free != NULL)
    fetch->data_free (fetch->data);
  /* After the done callback: the decision and the orders it sent are
   * dated at the time the market answered (see _ap_fetch_new()). */
  if (held != NULL)
    au_clock_release (held);
  g_object_unref (fetch->self);
  g_free (fetch);
}

ApFetch *
_ap_fetch_new (AuAutopilot    *self,
               ApFetchDone     done,
               gpointer        data,
               GDestroyNotify  data_free)
{
  ApFetch *fetch = g_new0 (ApFetch, 1);
  AuClock *hold = _ap_paper_clock (self);

  /* The market's answers take real milliseconds, which a fast clock
   * would multiply into hours (100,000x: 200 ms is five and a half
   * hours), and D2.7 would find the quotes stale by the time they are
   * judged. The paper market is held with the clock from the first
   * request to the end of the done callback, so that at any speed the
   * engine sees the market as a trader would: no time passes between
   * asking and deciding. Released in fetch_free(). */
  if (hold != NULL)
    au_clock_hold (hold);
  fetch->self = g_object_ref (self);
  fetch->done = done;
  fetch->data = data;
  fetch->data_free = data_free;
  fetch->quotes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) au_stock_quote_free);
  fetch->chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  fetch->bars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_array_unref);
  fetch->earnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  fetch->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return fetch;
}

static void
maybe_done (ApFetch *fetch)
{
  if (!fetch->sealed || fetch->pending > 0)
    return;
  fetch->done (fetch->self, fetch);
  fetch_free (fetch);
}

static Request *
request_new (ApFetch *fetch,
             char    *key)
{
  Request *request = g_new0 (Request, 1);

  request->fetch = fetch;
  request->key = key;
  fetch->pending++;
  fetch->self->fetches++;
  return request;
}

/* Ends one request: @value (transfer full) into @table, or the error. */
static void
request_end (Request    *request,
             GHashTable *table,
             gpointer    value,
             GError     *error)
{
  ApFetch *fetch = request->fetch;

  if (value != NULL)
    g_hash_table_replace (table, g_steal_pointer (&request->key), value);
  else
    g_hash_table_replace (fetch->errors, g_steal_pointer (&request->key),
                          g_strdup (error != NULL ? error->message : "no answer"));
  g_free (request->key);
  g_free (request);
  fetch->pending--;
  fetch->self->fetches--;
  maybe_done (fetch);
}

static void
on_quote (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  AuStockQuote *quote = au_broker_quote_finish (AU_BROKER (source), result, &error);

  request_end (request, request->fetch->quotes, quote, error);
}

void
_ap_fetch_quote (ApFetch    *fetch,
                 const char *symbol)
{
  if (g_hash_table_contains (fetch->quotes, symbol))
    return;
  au_broker_quote_async (fetch->self->config.broker, symbol, NULL, on_quote,
                         request_new (fetch, g_strdup (symbol)));
}

static char *
chain_key (const char *symbol,
           guint       min_dte,
           guint       max_dte)
{
  return g_strdup_printf ("%s:%u:%u", symbol, min_dte, max_dte);
}

static void
on_chain (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  AuOptionChain *chain = au_broker_chain_finish (AU_BROKER (source), result, &error);

  request_end (request, request->fetch->chains, chain, error);
}

/* Chains: only the expiries the decision needs (the paper market prices
 * every series of a chain it is asked for). */
void
_ap_fetch_chain (ApFetch    *fetch,
                 const char *symbol,
                 guint       min_dte,
                 guint       max_dte)
{
  g_autofree char *key = chain_key (symbol, min_dte, max_dte);

  if (g_hash_table_contains (fetch->chains, key))
    return;
  au_broker_chain_async (fetch->self->config.broker, symbol, min_dte, max_dte, NULL, on_chain,
                         request_new (fetch, g_steal_pointer (&key)));
}

static void
on_bars (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  GArray *bars = au_broker_bars_finish (AU_BROKER (source), result, &error);

  request_end (request, request->fetch->bars, bars, error);
}

void
_ap_fetch_bars (ApFetch    *fetch,
                const char *symbol,
                guint       days)
{
  au_broker_bars_async (fetch->self->config.broker, symbol, days, NULL, on_bars,
                        request_new (fetch, g_strdup (symbol)));
}

static void
on_earnings (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  AuEarningsCalendar *calendar = au_broker_earnings_finish (AU_BROKER (source), result, &error);

  request_end (request, request->fetch->earnings, calendar, error);
}

void
_ap_fetch_earnings (ApFetch    *fetch,
                    const char *symbol)
{
  au_broker_earnings_async (fetch->self->config.broker, symbol, NULL, on_earnings,
                            request_new (fetch, g_strdup (symbol)));
}

void
_ap_fetch_seal (ApFetch *fetch)
{
  fetch->sealed = TRUE;
  maybe_done (fetch);
}

AuOptionChain *
_ap_fetch_get_chain (ApFetch    *fetch,
                     const char *symbol,
                     guint       min_dte,
                     guint       max_dte)
{
  g_autofree char *key = chain_key (symbol, min_dte, max_dte);

  return g_hash_table_lookup (fetch->chains, key);
}

AuStockQuote *
_ap_fetch_get_quote (ApFetch    *fetch,
                     const char *symbol)
{
  return g_hash_table_lookup (fetch->quotes, symbol);
}

/* The fetched quote of @contract's series and its underlying's spot. */
void
_ap_fetch_find_series (ApFetch              *fetch,
                       const AuContract     *contract,
                       const AuOptionQuote **quote,
                       double               *spot)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, fetch->chains);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AuOptionChain *chain = value;
      const AuOptionQuote *q;

      if (g_strcmp0 (au_option_chain_get_symbol (chain), contract->symbol) != 0)
        continue;
      *spot = au_option_chain_get_spot (chain);
      q = au_option_chain_find (chain, &contract->expiry, contract->right, contract->strike);
      if (q != NULL)
        {
          *quote = q;
          return;
        }
    }
}

/* au-paper-listing.c: what the paper exchange lists, and its chains (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-paper"

#include "config.h"

#include "au-paper-exchange-private.h"

/* The chains built at an earlier time are stale: the market may have
 * been stepped by its owner (a backtest's), not only by us. */
static void
forget_stale_chains (AuPaperExchange *self)
{
  gint64 now = _au_paper_exchange_market_usec (self);

  if (self->chains_time != now)
    {
      g_ptr_array_set_size (self->chains, 0);
      self->chains_time = now;
    }
}

static char *
listing_key (const char  *symbol,
             const GDate *expiry)
{
  char date[16];

  g_date_strftime (date, sizeof date, "%Y-%m-%d", expiry);
  return g_strdup_printf ("%s %s", symbol, date);
}

/* The strikes listed for each expiry this session: every strike any
 * chain showed today (exchanges add strikes during the day, never take
 * one away), so that an order on a series the engine saw is checked
 * without pricing the chain again. */
static GHashTable *
listing_for (AuPaperExchange *self,
             const char      *symbol,
             const GDate     *expiry,
             gboolean         create)
{
  g_autofree char *key = listing_key (symbol, expiry);
  GHashTable *strikes;
  GDate today;
  int minute;

  au_market_sim_get_clock (self->market, &today, &minute);
  if (!g_date_valid (&self->listed_date) || g_date_compare (&today, &self->listed_date) != 0)
    {
      g_hash_table_remove_all (self->listed);
      self->listed_date = today;
    }
  strikes = g_hash_table_lookup (self->listed, key);
  if (strikes == NULL && create)
    {
      strikes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (self->listed, g_steal_pointer (&key), strikes);
    }
  return strikes;
}

static void
record_listing (AuPaperExchange *self,
                AuOptionChain   *chain)
{
  const char *symbol = au_option_chain_get_symbol (chain);
  guint i;

  for (i = 0; i < au_option_chain_get_n_quotes (chain); i++)
    {
      const AuOptionQuote *quote = au_option_chain_get_quote (chain, i);
      GHashTable *strikes = listing_for (self, symbol, &quote->expiry, TRUE);

      if (!g_hash_table_contains (strikes, &quote->strike))
        g_hash_table_add (strikes, g_memdup2 (&quote->strike, sizeof quote->strike));
    }
}

static gboolean
is_listed (AuPaperExchange  *self,
           const AuContract *contract)
{
  GHashTable *strikes = listing_for (self, contract->symbol, &contract->expiry, FALSE);

  return strikes != NULL && g_hash_table_contains (strikes, &contract->strike);
}

/* Whether a chain built at this step already showed @contract's expiry. */
static gboolean
expiry_priced_this_step (AuPaperExchange  *self,
                         const AuContract *contract)
{
  guint i, k;

  forget_stale_chains (self);
  for (i = 0; i < self->chains->len; i++)
    {
      AuOptionChain *chain = g_ptr_array_index (self->chains, i);
      GArray *expiries = au_option_chain_get_expiries (chain);

      if (g_strcmp0 (au_option_chain_get_symbol (chain), contract->symbol) != 0)
        continue;
      for (k = 0; k < expiries->len; k++)
        if (g_date_compare (&g_array_index (expiries, GDate, k), &contract->expiry) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
chain_has_range (AuOptionChain *chain,
                 const char    *symbol,
                 guint          min_dte,
                 guint          max_dte)
{
  return g_strcmp0 (au_option_chain_get_symbol (chain), symbol) == 0 &&
         GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chain), "au-min-dte")) == min_dte &&
         GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chain), "au-max-dte")) == max_dte;
}

AuOptionChain *
au_paper_exchange_get_chain (AuPaperExchange  *self,
                             const char       *symbol,
                             guint             min_dte,
                             guint             max_dte,
                             GError          **error)
{
  AuOptionChain *chain;
  guint i;

  g_return_val_if_fail (AU_IS_PAPER_EXCHANGE (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  /* A cached chain answers only for exactly its own range, so that the
   * caller sees the same expiries as the market would give it. */
  forget_stale_chains (self);
  for (i = 0; i < self->chains->len; i++)
    {
      chain = g_ptr_array_index (self->chains, i);
      if (chain_has_range (chain, symbol, min_dte, max_dte))
        return g_object_ref (chain);
    }

  chain = au_market_sim_get_chain_range (self->market, symbol, min_dte, max_dte, error);
  if (chain == NULL)
    return NULL;
  g_object_set_data (G_OBJECT (chain), "au-min-dte", GUINT_TO_POINTER (min_dte));
  g_object_set_data (G_OBJECT (chain), "au-max-dte", GUINT_TO_POINTER (max_dte));
  g_ptr_array_add (self->chains, g_object_ref (chain));
  record_listing (self, chain);
  return chain;
}

/* NULL when @contract is a listed series now, else why not. A series we
 * hold is always tradable (its strike may have left today's grid). */
char *
_au_paper_series_not_listed (AuPaperExchange  *self,
                             const AuContract *contract)
{
  g_autoptr(AuOptionChain) chain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = au_contract_describe (contract);
  GDate today;
  int minute, dte;

  if (!g_date_valid (&contract->expiry))
    return g_strdup ("the option has no valid expiry date");

  au_market_sim_get_clock (self->market, &today, &minute);
  dte = g_date_days_between (&today, &contract->expiry);
  if (dte < 0)
    return g_strdup_printf ("series %s has expired", name);
  if (_au_paper_find_position (self, contract) != NULL)
    return NULL;

  if (is_listed (self, contract))
    return NULL;
  if (!expiry_priced_this_step (self, contract))
    {
      chain = au_paper_exchange_get_chain (self, contract->symbol, (guint) dte, (guint) dte,
                                           &error);
      if (chain == NULL)
        return g_strdup_printf ("series %s cannot be quoted: %s", name, error->message);
      if (is_listed (self, contract))
        return NULL;
    }
  return g_strdup_printf ("series %s is not listed", name);
}

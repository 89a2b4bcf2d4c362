/* au-option-selector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include "au-option-selector.h"
#include "au-orders-error.h"
#include "au-orders-private.h"
#include "au-schedule.h"

/* Every series passed over for one rule: the first one's words and how
 * many more there were, so the user reads one line per rule. */
typedef struct
{
  char  *rule;
  char  *first;
  guint  count;
} ReasonClass;

static void
reason_class_free (ReasonClass *klass)
{
  g_free (klass->rule);
  g_free (klass->first);
  g_free (klass);
}

static void
selection_reason_free (AuSelectionReason *reason)
{
  g_free (reason->rule);
  g_free (reason->message);
  g_free (reason);
}

void
au_selection_free (AuSelection *selection)
{
  if (selection == NULL)
    return;
  g_free (selection->symbol);
  g_clear_pointer (&selection->reasons, g_ptr_array_unref);
  g_free (selection);
}

static void
note (GPtrArray  *classes,
      const char *rule,
      char       *message)
{
  ReasonClass *klass;

  for (guint i = 0; i < classes->len; i++)
    {
      klass = g_ptr_array_index (classes, i);
      if (g_str_equal (klass->rule, rule))
        {
          klass->count++;
          g_free (message);
          return;
        }
    }
  klass = g_new0 (ReasonClass, 1);
  klass->rule = g_strdup (rule);
  klass->first = message;
  klass->count = 1;
  g_ptr_array_add (classes, klass);
}

static void
add_reason (AuSelection *selection,
            const char  *rule,
            char        *message)
{
  AuSelectionReason *reason = g_new0 (AuSelectionReason, 1);

  reason->rule = g_strdup (rule);
  reason->message = message;
  g_ptr_array_add (selection->reasons, reason);
}

static void
flush_classes (AuSelection *selection,
               GPtrArray   *classes)
{
  for (guint i = 0; i < classes->len; i++)
    {
      ReasonClass *klass = g_ptr_array_index (classes, i);

      if (klass->count > 1)
        add_reason (selection, klass->rule,
                    g_strdup_printf ("%s (and %u more series)", klass->first, klass->count - 1));
      else
        add_reason (selection, klass->rule, g_strdup (klass->first));
    }
  g_ptr_array_set_size (classes, 0);
}

static char *
date_text (const GDate *date)
{
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/* D2.22: the rule that holds a sleeve's strategy, DTE and delta; a call
 * outside Com-Acc is R2.4's (D2.19). */
static const char *
band_rule (AuSleeve   sleeve,
           AuStrategy strategy)
{
  if (sleeve == AU_SLEEVE_COM)
    return "R4.1";
  if (strategy == AU_STRATEGY_CC)
    return "R2.4";
  return sleeve == AU_SLEEVE_REV ? "R3.2" : "R2.2";
}

/* The ADV of @quote, or -1 when nobody knows it. */
static gint64
series_adv (const AuSelectionRequest *request,
            const AuOptionQuote      *quote)
{
  if (request->adv_func != NULL)
    return request->adv_func (quote, request->adv_data);
  /* The chain's volume is the series' volume of one day: with no
   * history of the series, it is the best estimate of its average. */
  return quote->volume;
}

/* R8.1–R8.5 for one series in the band. TRUE when it passes. */
static gboolean
passes_liquidity (const AuConstitutionParams *params,
                  const AuSelectionRequest   *request,
                  const char                 *symbol,
                  const AuOptionQuote        *quote,
                  gboolean                   *stale,
                  GPtrArray                  *classes)
{
  g_autofree char *strike = au_orders_price_text (quote->strike);
  g_autofree char *expiry = date_text (&quote->expiry);
  char right = quote->right == AU_OPTION_PUT ? 'P' : 'C';
  gint64 age = request->now / G_USEC_PER_SEC - quote->as_of;
  gint64 contracts = MAX (request->contracts, 1);
  double widen = 1.0;
  double spread;
  gint64 adv;

  /* D2.7 / R8.5: stale data widens the spread; too old, no entry. */
  if (age > params->data.stale_stop_seconds)
    {
      note (classes, "R8.5",
            g_strdup_printf ("%s %s %c %s: the quote is %" G_GINT64_FORMAT " s old; older than "
                             "%d s, no new entry (D2.7)", symbol, expiry, right, strike, age,
                             params->data.stale_stop_seconds));
      return FALSE;
    }
  *stale = age > params->data.stale_seconds;
  if (*stale)
    widen += params->data.stale_spread_widen;

  /* R8.3: a crossed quote, a zero mid or a spread wider than the limit. */
  if (quote->bid > quote->ask)
    {
      note (classes, "R8.3", g_strdup_printf ("%s %s %c %s: the quote is crossed (bid above ask)",
                                              symbol, expiry, right, strike));
      return FALSE;
    }
  spread = quote->bid + quote->ask > 0
           ? 2.0 * (double) (quote->ask - quote->bid) * widen / (double) (quote->bid + quote->ask)
           : 1.0;
  if (au_orders_exceeds (spread, params->liquidity.max_spread))
    {
      note (classes, "R8.3",
            g_strdup_printf ("%s %s %c %s: the spread is %.2f%% of mid%s, above %.4g%%", symbol,
                             expiry, right, strike, spread * 100,
                             *stale ? " (widened: the quote is stale, D2.7)" : "",
                             params->liquidity.max_spread * 100));
      return FALSE;
    }

  if (quote->open_interest < params->liquidity.min_open_interest)
    {
      note (classes, "R8.1",
            g_strdup_printf ("%s %s %c %s: open interest %" G_GINT64_FORMAT " is below %"
                             G_GINT64_FORMAT, symbol, expiry, right, strike,
                             quote->open_interest, params->liquidity.min_open_interest));
      return FALSE;
    }
  if (quote->volume < params->liquidity.min_volume)
    {
      note (classes, "R8.2",
            g_strdup_printf ("%s %s %c %s: volume %" G_GINT64_FORMAT " today is below %"
                             G_GINT64_FORMAT, symbol, expiry, right, strike, quote->volume,
                             params->liquidity.min_volume));
      return FALSE;
    }

  adv = series_adv (request, quote);
  if (adv <= 0)
    {
      note (classes, "R8.4",
            g_strdup_printf ("%s %s %c %s: the series has no known average daily volume",
                             symbol, expiry, right, strike));
      return FALSE;
    }
  if (au_orders_exceeds ((double) contracts / (double) adv, params->liquidity.max_adv_fraction))
    {
      note (classes, "R8.4",
            g_strdup_printf ("%s %s %c %s: %" G_GINT64_FORMAT " contracts are more than %.4g%% "
                             "of its average daily volume of %" G_GINT64_FORMAT, symbol, expiry,
                             right, strike, contracts, params->liquidity.max_adv_fraction * 100,
                             adv));
      return FALSE;
    }
  return TRUE;
}

/* "0.40", "0.401": two decimals unless the band needs more. */
static char *
delta_text (double delta)
{
  if (fabs (delta * 100 - round (delta * 100)) < 1e-9)
    return g_strdup_printf ("%.2f", delta);
  return g_strdup_printf ("%.3f", delta);
}

/* "no AAPL put with Δ 0.40–0.45 in the 2026-11-20 expiry: nearest 0.33
 * at 197.5 and 0.58 at 200". */
static char *
describe_band_miss (const char          *symbol,
                    AuOptionRight        right,
                    const GDate         *expiry,
                    double               delta_min,
                    double               delta_max,
                    const AuOptionQuote *below,
                    const AuOptionQuote *above)
{
  g_autofree char *expiry_text = date_text (expiry);
  g_autofree char *min_text = delta_text (delta_min);
  g_autofree char *max_text = delta_text (delta_max);
  GString *text = g_string_new (NULL);
  const AuOptionQuote *near[2] = { below, above };
  guint shown = 0;

  g_string_append_printf (text, "no %s %s with Δ %s–%s in the %s expiry", symbol,
                          right == AU_OPTION_PUT ? "put" : "call", min_text, max_text,
                          expiry_text);
  for (guint i = 0; i < G_N_ELEMENTS (near); i++)
    {
      g_autofree char *strike = NULL;
      double shown_delta;
      double rounded;

      if (near[i] == NULL)
        continue;
      strike = au_orders_price_text (near[i]->strike);
      shown_delta = fabs (near[i]->delta);
      /* 0.3504 printed as 0.35 would look inside a 0.30–0.35 band. */
      rounded = round (shown_delta * 100) / 100;
      g_string_append_printf (text, rounded >= delta_min && rounded <= delta_max
                                    ? "%s%.3f at %s" : "%s%.2f at %s",
                              shown == 0 ? ": nearest " : " and ", shown_delta, strike);
      shown++;
    }
  if (shown == 0)
    g_string_append (text, ": the expiry lists no such series");
  return g_string_free (text, FALSE);
}

/* The accepted expiries of @chain in the order the engine tries them:
 * the week's expiry (Friday, Thursday in a short week, D2.16) first,
 * then the others of the range, nearest first. */
static GArray *
accepted_expiries (AuOptionChain *chain,
                   const GDate   *entry_date,
                   int            dte_min,
                   int            dte_max)
{
  GArray *listed = au_option_chain_get_expiries (chain);
  GArray *accepted = g_array_new (FALSE, FALSE, sizeof (GDate));
  GDate week;
  gboolean have_week = au_schedule_week_expiry (entry_date, &week);

  for (guint i = 0; i < listed->len; i++)
    {
      const GDate *expiry = &g_array_index (listed, GDate, i);
      int dte = au_schedule_dte (entry_date, expiry);

      if (dte < dte_min || dte > dte_max)
        continue;
      if (have_week && g_date_compare (expiry, &week) == 0)
        g_array_prepend_val (accepted, *expiry);
      else
        g_array_append_val (accepted, *expiry);
    }
  return accepted;
}

static char *
describe_no_expiry (AuOptionChain *chain,
                    const char    *symbol,
                    const GDate   *entry_date,
                    int            dte_min,
                    int            dte_max)
{
  GArray *listed = au_option_chain_get_expiries (chain);
  g_autofree char *from = date_text (entry_date);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "no %s expiry %d–%d calendar days from %s", symbol, dte_min,
                          dte_max, from);
  for (guint i = 0; i < listed->len && i < 4; i++)
    {
      const GDate *expiry = &g_array_index (listed, GDate, i);
      g_autofree char *expiry_text = date_text (expiry);

      g_string_append_printf (text, "%s%s (%d d)", i == 0 ? ": listed " : ", ", expiry_text,
                              au_schedule_dte (entry_date, expiry));
    }
  if (listed->len == 0)
    g_string_append (text, ": the chain lists none (R8.7)");
  return g_string_free (text, FALSE);
}

static gboolean
validate_request (AuConstitution            *constitution,
                  const AuSelectionRequest  *request,
                  GError                   **error)
{
  const AuSleeveRules *rules;

  if (request->sleeve != AU_SLEEVE_GEN && request->sleeve != AU_SLEEVE_REV
      && request->sleeve != AU_SLEEVE_COM)
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "sleeve: Gen, Rev or Com (a MINI selects with the half it trades, D2.2)");
      return FALSE;
    }
  if (request->strategy != AU_STRATEGY_CSP && request->strategy != AU_STRATEGY_CC)
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "strategy: the selector picks CSPs and covered calls only");
      return FALSE;
    }
  rules = au_constitution_get_sleeve (constitution, request->sleeve);
  if (request->strategy == AU_STRATEGY_CSP && (rules->strategies & (1u << AU_STRATEGY_CSP)) == 0)
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "strategy: %s-Acc writes no cash-secured puts (%s)",
                   request->sleeve == AU_SLEEVE_COM ? "Com" : au_sleeve_to_string (request->sleeve),
                   band_rule (request->sleeve, request->strategy));
      return FALSE;
    }
  if (!g_date_valid (&request->entry_date))
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "entry_date: not a valid date");
      return FALSE;
    }
  if (request->contracts < 0)
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "contracts: must not be negative");
      return FALSE;
    }
  return TRUE;
}

/* Picks the best series of one expiry, or notes why there is none. */
static const AuOptionQuote *
select_in_expiry (const AuConstitutionParams *params,
                  AuOptionChain              *chain,
                  const AuSelectionRequest   *request,
                  const GDate                *expiry,
                  AuOptionRight               right,
                  AuSelection                *selection,
                  gboolean                   *stale,
                  GPtrArray                  *classes)
{
  const char *symbol = au_option_chain_get_symbol (chain);
  const AuOptionQuote *best = NULL;
  const AuOptionQuote *below = NULL;
  const AuOptionQuote *above = NULL;
  double middle = (selection->delta_min + selection->delta_max) / 2;
  gboolean best_stale = FALSE;
  guint in_band = 0;

  for (guint i = 0; i < au_option_chain_get_n_quotes (chain); i++)
    {
      const AuOptionQuote *quote = au_option_chain_get_quote (chain, i);
      double delta = fabs (quote->delta);
      gboolean quote_stale = FALSE;

      if (quote->right != right || g_date_compare (&quote->expiry, expiry) != 0)
        continue;
      if (au_orders_below (delta, selection->delta_min))
        {
          if (below == NULL || delta > fabs (below->delta))
            below = quote;
          continue;
        }
      if (au_orders_exceeds (delta, selection->delta_max))
        {
          if (above == NULL || delta < fabs (above->delta))
            above = quote;
          continue;
        }
      in_band++;
      if (!passes_liquidity (params, request, symbol, quote, &quote_stale, classes))
        continue;
      /* The best premium: the highest mid, then the nearer the band's middle. */
      if (best == NULL || quote->bid + quote->ask > best->bid + best->ask
          || (quote->bid + quote->ask == best->bid + best->ask
              && fabs (delta - middle) < fabs (fabs (best->delta) - middle)))
        {
          best = quote;
          best_stale = quote_stale;
        }
    }

  if (in_band == 0)
    note (classes, band_rule (request->sleeve, request->strategy),
          describe_band_miss (symbol, right, expiry, selection->delta_min, selection->delta_max,
                              below, above));
  *stale = best_stale;
  return best;
}

/**
 * au_option_selector_select:
 *
 * Returns: (transfer full): the selection, found or not; NULL with @error
 *   for a malformed request
 */
AuSelection *
au_option_selector_select (AuConstitution            *constitution,
                           AuOptionChain             *chain,
                           const AuSelectionRequest  *request,
                           GError                   **error)
{
  const AuConstitutionParams *params;
  g_autoptr(AuSelection) selection = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GArray) expiries = NULL;
  const char *symbol;
  const char *rule;
  AuOptionRight right;
  gboolean ok;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (chain), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_request (constitution, request, error))
    return NULL;

  params = au_constitution_get_params (constitution);
  symbol = au_option_chain_get_symbol (chain);
  rule = band_rule (request->sleeve, request->strategy);
  selection = g_new0 (AuSelection, 1);
  selection->symbol = g_strdup (symbol);
  selection->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) selection_reason_free);
  classes = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_class_free);

  if (request->strategy == AU_STRATEGY_CSP)
    {
      const AuSleeveRules *rules = au_constitution_get_sleeve (constitution, request->sleeve);

      right = AU_OPTION_PUT;
      selection->delta_min = rules->delta_min;
      selection->delta_max = rules->delta_max;
      ok = au_schedule_dte_range (constitution, request->sleeve, &request->entry_date,
                                  request->stress, &selection->dte_min, &selection->dte_max);
      /* The universe holds CSPs only; a covered call may be on any
       * shares the sleeve holds (D2.19). */
      if (!au_constitution_sleeve_allows (constitution, request->sleeve, symbol))
        {
          add_reason (selection, rule,
                      g_strdup_printf ("%s is not in %s-Acc's universe", symbol,
                                       request->sleeve == AU_SLEEVE_GEN ? "Gen"
                                       : request->sleeve == AU_SLEEVE_REV ? "Rev" : "Com"));
          return g_steal_pointer (&selection);
        }
    }
  else
    {
      right = AU_OPTION_CALL;
      selection->delta_min = params->covered_call.delta_min;
      selection->delta_max = params->covered_call.delta_max;
      ok = au_schedule_covered_call_dte_range (constitution, &request->entry_date,
                                               &selection->dte_min, &selection->dte_max);
    }
  if (!ok)
    {
      g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                   "entry_date: no DTE range applies on this date");
      return NULL;
    }

  expiries = accepted_expiries (chain, &request->entry_date, selection->dte_min,
                                selection->dte_max);
  if (expiries->len == 0)
    {
      add_reason (selection, rule,
                  describe_no_expiry (chain, symbol, &request->entry_date, selection->dte_min,
                                      selection->dte_max));
      return g_steal_pointer (&selection);
    }

  for (guint i = 0; i < expiries->len; i++)
    {
      const GDate *expiry = &g_array_index (expiries, GDate, i);
      const AuOptionQuote *best;
      gboolean stale = FALSE;

      best = select_in_expiry (params, chain, request, expiry, right, selection, &stale, classes);
      flush_classes (selection, classes);
      if (best != NULL)
        {
          selection->found = TRUE;
          selection->quote = *best;
          selection->stale = stale;
          selection->limit = au_orders_mid_cents (best->bid, best->ask);
          break;
        }
    }
  return g_steal_pointer (&selection);
}

char *
au_selection_describe (const AuSelection *selection)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (selection != NULL, NULL);

  for (guint i = 0; i < selection->reasons->len; i++)
    {
      const AuSelectionReason *reason = g_ptr_array_index (selection->reasons, i);

      g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "", reason->rule,
                              reason->message);
    }
  return g_string_free (text, FALSE);
}

/* au-autopilot-leap.c: the LEAP ladder (R17), reviewed in the quarter's
 * first Friday manage window, and its quarterly report (R17.4, §3.11).
 * Its underlyings are the constitution's [leap] growth_symbol and
 * hedge_symbol (R17.1 names none).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include "au-market-calendar.h"
#include "au-schedule.h"

typedef struct
{
  char *quarter;  /* "YYYYQn": the quarter the review opens */
} LeapJob;

static void
leap_job_free (LeapJob *job)
{
  g_free (job->quarter);
  g_free (job);
}

/* The ladder asks for chains synchronously; they were fetched before.
 * A window nobody fetched (the expiry of a rung bought in this review,
 * for the report's mark) is cut out of a fetched chain that covers it. */
static AuOptionChain *
leap_chain_provider (const char  *symbol,
                     guint        min_dte,
                     guint        max_dte,
                     gpointer     user_data,
                     GError     **error)
{
  ApFetch *fetch = user_data;
  AuOptionChain *chain = _ap_fetch_get_chain (fetch, symbol, min_dte, max_dte);
  GHashTableIter iter;
  gpointer value;

  if (chain != NULL)
    return g_object_ref (chain);
  g_hash_table_iter_init (&iter, fetch->chains);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AuOptionChain *wide = value;
      g_autoptr(GArray) quotes = NULL;
      g_autoptr(GDateTime) as_of_et = NULL;
      GDate today;
      int minute;

      if (g_strcmp0 (au_option_chain_get_symbol (wide), symbol) != 0)
        continue;
      as_of_et = g_date_time_to_timezone (au_option_chain_get_as_of (wide), au_eastern_time_zone ());
      au_eastern_split (as_of_et, &today, &minute);
      quotes = g_array_new (FALSE, FALSE, sizeof (AuOptionQuote));
      for (guint i = 0; i < au_option_chain_get_n_quotes (wide); i++)
        {
          const AuOptionQuote *q = au_option_chain_get_quote (wide, i);
          int dte = au_schedule_dte (&today, &q->expiry);

          if (dte >= (int) min_dte && dte <= (int) max_dte)
            g_array_append_val (quotes, *q);
        }
      if (quotes->len > 0)
        return au_option_chain_new_from_quotes (symbol, au_option_chain_get_style (wide),
                                                au_option_chain_get_as_of (wide),
                                                au_option_chain_get_spot (wide),
                                                au_option_chain_get_vix (wide),
                                                (const AuOptionQuote *) quotes->data, quotes->len);
    }
  g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NO_CHAIN,
               "no %s chain from %u to %u days (R8.7)", symbol, min_dte, max_dte);
  return NULL;
}

/* R17 in the quarter's first Friday manage window (D2.15: the closes of
 * a roll go out inside it; LEAP opens keep no weekly cadence): the
 * ladder's review and this quarter's rung, then its quarterly report
 * (§3.11, R17.4). */
static void
on_leap_data (AuAutopilot *self,
              ApFetch     *fetch)
{
  LeapJob *job = fetch->data;
  AuStockQuote *vix = _ap_fetch_get_quote (fetch, "VIX");
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GArray) intents = NULL;
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  AuLeapInputs inputs = { params->leap.growth_symbol, params->leap.hedge_symbol, 0 };

  inputs.vix = vix != NULL && vix->last > 0 ? (double) vix->last / AU_PRICE_SCALE : self->vix;
  intents = au_account_manager_leap_plan (self->accounts, now, &inputs, leap_chain_provider, fetch,
                                          &error);
  if (intents == NULL)
    {
      _au_autopilot_emit (self, "leap", NULL, "R17", "No LEAP ladder review: %s", error->message);
      g_clear_error (&error);
    }
  else if (intents->len > 0)
    {
      _au_autopilot_emit (self, "leap", NULL, "R17", "LEAP ladder: %u order(s) for %s",
                          intents->len, job->quarter);
      for (guint i = 0; i < intents->len; i++)
        {
          const AuTradeIntent *t = &g_array_index (intents, AuTradeIntent, i);
          ApRouteTerms terms = { 0 };

          _ap_fetch_find_series (fetch, &t->contract, &terms.quote, &terms.spot);
          _ap_route_intent (self, t, &terms);
        }
      self->positions_dirty = TRUE;
    }

  report = au_account_manager_leap_report (self->accounts, now, leap_chain_provider, fetch,
                                           &error);
  if (report == NULL
      || !au_account_manager_leap_report_store (self->accounts, now, job->quarter, report, &error))
    _au_autopilot_emit (self, "leap", NULL, "R17.4", "No LEAP ladder report for %s: %s",
                        job->quarter, error->message);
}

static void
start_leap_review (AuAutopilot *self,
                   const GDate *today)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) requests = NULL;
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  AuLeapInputs inputs = { params->leap.growth_symbol, params->leap.hedge_symbol, 0 };
  LeapJob *job;
  ApFetch *fetch;

  /* The ladder is what the sleeves hold (R17.4) before it is reviewed. */
  if (au_account_manager_leap_sync (self->accounts, now, &error))
    requests = au_account_manager_leap_chain_requests (self->accounts, now, &inputs, &error);
  if (requests == NULL)
    {
      _au_autopilot_emit (self, "leap", NULL, "R17", "No LEAP ladder review: %s", error->message);
      return;
    }
  job = g_new0 (LeapJob, 1);
  job->quarter = g_strdup_printf ("%dQ%d", g_date_get_year (today),
                                  (g_date_get_month (today) - 1) / 3 + 1);
  fetch = _ap_fetch_new (self, on_leap_data, job, (GDestroyNotify) leap_job_free);
  _ap_fetch_quote (fetch, "VIX");
  for (guint i = 0; i < requests->len; i++)
    {
      const AuLeapChainRequest *r = &g_array_index (requests, AuLeapChainRequest, i);

      _ap_fetch_chain (fetch, r->symbol, r->min_dte, r->max_dte);
    }
  _ap_fetch_seal (fetch);
}

/* The quarter's first Friday manage window: the one a week before was
 * in another quarter. The quarter's reinvestment (D2.9, its first
 * session) has funded the LEAP budget by then. */
static gboolean
first_manage_of_quarter (const GDate *today)
{
  GDate before = *today;

  g_date_subtract_days (&before, 7);
  return (g_date_get_month (&before) - 1) / 3 != (g_date_get_month (today) - 1) / 3
         || g_date_get_year (&before) != g_date_get_year (today);
}

void
_ap_leap_review (AuAutopilot *self,
                 const GDate *today)
{
  if (first_manage_of_quarter (today))
    start_leap_review (self, today);
}

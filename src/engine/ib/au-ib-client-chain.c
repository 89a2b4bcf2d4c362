/* au-ib-client-chain.c: an option chain from IB's quotes: the option
 * parameters, the underlying's price, then one short streaming line per
 * series with its open interest (tws-protocol.md §6.8, §6.9, §7.7, §8.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib"

#include "config.h"

#include <math.h>

#include "au-ib-client-private.h"
#include "au-market-symbol.h"

/* Strikes within ±15% of the spot, and of those the 40 nearest it per
 * expiry: every band the constitution trades (0.20–0.50 delta, R2–R4,
 * R17.3) lies well inside on a 0–45 DTE chain, and 40 strikes × 2
 * rights keeps one expiry to ~2 s of IB's 50-a-second budget. */
#define CHAIN_STRIKE_WINDOW  0.15
#define CHAIN_MAX_STRIKES    40
/* Series lines open at once: IB allows 100 market data lines (its
 * error 101), shared with the streaming lines of the positions; a few
 * are kept for quotes asked meanwhile. */
#define CHAIN_MAX_IN_FLIGHT  40
#define IB_MAX_LINES         100
#define LINES_KEPT_FREE      5
/* A series' line gathers bid, ask, greeks and open interest (R8.1) for
 * at most this long, then is cancelled with what came; IB sends a live
 * option's ticks within a second or two. */
#define CHAIN_GATHER_MS      4000

typedef struct
{
  GDate         expiry;
  int           dte;
  AuOptionRight right;
  AuPrice       strike;
} Series;

typedef struct
{
  char             *symbol;
  guint             min_dte;
  guint             max_dte;
  AuIbOptionParams *params;
  double            spot;
  gboolean          delayed;
  GDateTime        *as_of;
  GArray           *series;       /* Series */
  guint             next;         /* the next series to request */
  guint             in_flight;
  guint             no_quote;     /* answered without an ask, or not at all */
  guint             no_greeks;    /* quoted, but IB computed no delta */
  GArray           *quotes;       /* AuOptionQuote */
  guint             deadline_id;
  GMainContext     *context;      /* the client's: the deadline runs there */
  gboolean          done;
} ChainJob;

static void
chain_job_free (ChainJob *job)
{
  au_ib_source_clear (job->context, &job->deadline_id);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job->symbol);
  g_clear_pointer (&job->params, au_ib_option_params_free);
  g_clear_pointer (&job->as_of, g_date_time_unref);
  g_clear_pointer (&job->series, g_array_unref);
  g_clear_pointer (&job->quotes, g_array_unref);
  g_free (job);
}

static void
chain_fail (GTask  *task,
            GError *error)
{
  ChainJob *job = g_task_get_task_data (task);

  if (job->done)
    {
      g_error_free (error);
      return;
    }
  job->done = TRUE;
  au_ib_source_clear (job->context, &job->deadline_id);
  g_task_return_error (task, error);
}

/* Today in New York, by the gateway's clock (D4): IB's expiry dates
 * and the DTE of D2.16 are New York dates. */
static GDate
ny_today (GDateTime *now)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) local = NULL;
  GDate today;

  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (now, zone);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return today;
}

static int
compare_distance (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  AuPrice spot = *(const AuPrice *) user_data;
  AuPrice pa = *(const AuPrice *) a;
  AuPrice pb = *(const AuPrice *) b;
  AuPrice da = ABS (pa - spot);
  AuPrice db = ABS (pb - spot);

  /* Equally near: the lower strike first, so the pick is deterministic. */
  if (da != db)
    return (da > db) - (da < db);
  return (pa > pb) - (pa < pb);
}

static int
compare_prices (gconstpointer a,
                gconstpointer b)
{
  AuPrice pa = *(const AuPrice *) a;
  AuPrice pb = *(const AuPrice *) b;

  return (pa > pb) - (pa < pb);
}

/* The strikes of the window, nearest the spot first, at most
 * CHAIN_MAX_STRIKES, then back in ascending order. */
static GArray *
pick_strikes (const AuIbOptionParams *params,
              double                  spot)
{
  GArray *strikes = g_array_new (FALSE, FALSE, sizeof (AuPrice));
  AuPrice at = au_ib_price_from_double (spot);
  AuPrice lo = au_ib_price_from_double (spot * (1.0 - CHAIN_STRIKE_WINDOW));
  AuPrice hi = au_ib_price_from_double (spot * (1.0 + CHAIN_STRIKE_WINDOW));

  for (guint i = 0; i < params->strikes->len; i++)
    {
      AuPrice strike = g_array_index (params->strikes, AuPrice, i);

      if (strike >= lo && strike <= hi)
        g_array_append_val (strikes, strike);
    }
  g_array_sort_with_data (strikes, compare_distance, &at);
  if (strikes->len > CHAIN_MAX_STRIKES)
    g_array_set_size (strikes, CHAIN_MAX_STRIKES);
  g_array_sort (strikes, compare_prices);
  return strikes;
}

/* Every series of the expiries in [min_dte, max_dte], calls first, in
 * the chain's order. IB lists one strike set for all expiries; a series
 * that does not exist answers error 200 and is counted as no quote. */
static void
pick_series (ChainJob    *job,
             const GDate *today)
{
  g_autoptr(GArray) strikes = pick_strikes (job->params, job->spot);

  job->series = g_array_new (FALSE, FALSE, sizeof (Series));
  for (guint e = 0; e < job->params->expiries->len; e++)
    {
      const GDate *expiry = &g_array_index (job->params->expiries, GDate, e);
      int dte = g_date_days_between (today, expiry);

      if (dte < 0 || dte < (int) job->min_dte || dte > (int) job->max_dte)
        continue;
      for (int r = 0; r < 2; r++)
        for (guint k = 0; k < strikes->len; k++)
          {
            Series s = { *expiry, dte, r == 0 ? AU_OPTION_CALL : AU_OPTION_PUT,
                         g_array_index (strikes, AuPrice, k) };

            g_array_append_val (job->series, s);
          }
    }
}

static gint64
count_or_unknown (gboolean has,
                  gint64   value)
{
  return has ? value : -1;
}

/* IB's greeks per share; IB's vega is per one point (0.01) of
 * volatility, the chain's per 1.00; theta is per calendar day in both. */
static void
quote_from_ticks (const Series    *s,
                  const AuIbTicks *ticks,
                  gint64           fallback_as_of,
                  AuOptionQuote   *quote)
{
  *quote = (AuOptionQuote) { 0 };
  quote->expiry = s->expiry;
  quote->dte = s->dte;
  quote->right = s->right;
  quote->strike = s->strike;
  /* No bid is a real quote for a far strike (nobody bids); IB's 0/-1. */
  quote->bid = ticks->has_bid ? ticks->bid : 0;
  quote->ask = ticks->ask;
  quote->theo = ticks->model_price;
  quote->iv = ticks->implied_vol;
  quote->delta = ticks->delta;
  quote->gamma = ticks->gamma;
  quote->vega = isnan (ticks->vega) ? NAN : ticks->vega * 100.0;
  quote->theta_day = ticks->theta;
  quote->open_interest = count_or_unknown (ticks->has_open_interest, ticks->open_interest);
  quote->volume = count_or_unknown (ticks->has_volume, ticks->volume);
  quote->as_of = ticks->as_of > 0 ? ticks->as_of / G_USEC_PER_SEC : fallback_as_of;
}

static void request_more (GTask *task);

static void
finish_chain (GTask *task)
{
  ChainJob *job = g_task_get_task_data (task);
  AuIbClient *self = g_task_get_source_object (task);
  const AuSymbolParams *known = au_market_symbol_lookup (job->symbol);
  AuOptionStyle style = known != NULL ? known->style : AU_OPTION_AMERICAN;
  AuOptionChain *chain;
  guint asked = job->series->len;

  job->done = TRUE;
  au_ib_source_clear (job->context, &job->deadline_id);
  if (job->quotes->len == 0)
    {
      /* R8.7: no quote is no data, never an empty chain to choose from. */
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                               "IB sent no quote for any of the %u %s option series "
                               "from %u to %u days.", asked, job->symbol,
                               job->min_dte, job->max_dte);
      return;
    }
  if (job->no_quote > 0)
    au_ib_client_notice (self, 0, "%u of the %u %s option series returned no quote "
                         "(IB knows no such series, sent no ask, or did not answer in "
                         "time) and are left out of the chain.",
                         job->no_quote, asked, job->symbol);
  if (job->no_greeks > 0)
    au_ib_client_notice (self, 0, "IB computed no greeks for %u of the %u quoted %s "
                         "option series%s; their delta is unknown, so the autopilot "
                         "cannot choose them by delta.", job->no_greeks, job->quotes->len,
                         job->symbol,
                         job->delayed ? " (delayed data often comes without them)" : "");

  /* The VIX is not part of an IB chain (an index quote of its own). */
  chain = au_option_chain_new_from_quotes (job->symbol, style, job->as_of, job->spot, NAN,
                                           (const AuOptionQuote *) job->quotes->data,
                                           job->quotes->len);
  au_option_chain_set_delayed (chain, job->delayed);
  g_task_return_pointer (task, chain, g_object_unref);
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  ChainJob *job = g_task_get_task_data (task);

  job->deadline_id = 0;
  if (job->done)
    return G_SOURCE_REMOVE;
  /* The series not answered by now are left out; their late answers
   * find the job done. */
  job->no_quote += job->series->len - job->next + job->in_flight;
  job->next = job->series->len;
  finish_chain (task);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GTask *task;
  guint  index;
} SeriesRequest;

static void
on_series_ticks (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SeriesRequest *req = user_data;
  g_autoptr(GTask) task = req->task;
  ChainJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const Series *series = &g_array_index (job->series, Series, req->index);
  char expiry[16];
  AuIbTicks ticks;

  g_free (req);
  if (!au_ib_client_ticks_finish (AU_IB_CLIENT (source), result, &ticks, &error))
    {
      if (job->done)
        return;
      job->in_flight--;
      if (g_error_matches (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NOT_CONNECTED)
          || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          chain_fail (task, g_steal_pointer (&error));
          return;
        }
      g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &series->expiry);
      g_debug ("%s %s %s %.2f left out: %s", job->symbol, expiry,
               au_option_right_to_string (series->right),
               (double) series->strike / AU_PRICE_SCALE, error->message);
      job->no_quote++;
      request_more (task);
      return;
    }
  if (job->done)
    return;
  job->in_flight--;
  job->delayed |= ticks.delayed;
  if (!ticks.has_ask)
    {
      /* Without an ask there is no price to sell against (R8.7). */
      job->no_quote++;
    }
  else
    {
      AuOptionQuote quote;

      quote_from_ticks (series, &ticks, g_date_time_to_unix (job->as_of), &quote);
      if (isnan (quote.delta))
        job->no_greeks++;
      g_array_append_val (job->quotes, quote);
    }
  request_more (task);
}

/* The lines the chain may hold: CHAIN_MAX_IN_FLIGHT, less what the
 * streaming subscriptions already use of IB's 100 (never none). */
static guint
line_budget (AuIbClient *self)
{
  guint used = au_ib_client_get_n_subscriptions (self) + LINES_KEPT_FREE;

  return CLAMP (IB_MAX_LINES > used ? IB_MAX_LINES - used : 1, 1, CHAIN_MAX_IN_FLIGHT);
}

/* Keeps a batch of series lines open; each is cancelled once gathered
 * and the next one takes its place. The client's token bucket paces the
 * frames themselves (au-ib-pacer.h). */
static void
request_more (GTask *task)
{
  ChainJob *job = g_task_get_task_data (task);
  AuIbClient *self = g_task_get_source_object (task);
  guint budget = line_budget (self);

  while (!job->done && job->in_flight < budget && job->next < job->series->len)
    {
      const Series *s = &g_array_index (job->series, Series, job->next);
      SeriesRequest *req = g_new (SeriesRequest, 1);
      AuContract contract;

      req->task = g_object_ref (task);
      req->index = job->next++;
      job->in_flight++;
      au_contract_init_option (&contract, job->symbol, s->right, s->strike, &s->expiry);
      au_ib_client_option_ticks_async (self, &contract, CHAIN_GATHER_MS,
                                       g_task_get_cancellable (task), on_series_ticks, req);
      au_contract_clear (&contract);
    }
  if (!job->done && job->in_flight == 0 && job->next >= job->series->len)
    finish_chain (task);
}

static double
spot_from_ticks (const AuIbTicks *ticks)
{
  if (ticks->has_bid && ticks->has_ask)
    return 0.5 * (double) (ticks->bid + ticks->ask) / AU_PRICE_SCALE;
  if (ticks->has_last)
    return (double) ticks->last / AU_PRICE_SCALE;
  if (ticks->has_close)
    return (double) ticks->close / AU_PRICE_SCALE;
  return NAN;
}

static void
on_spot (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AuIbClient *self = AU_IB_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  ChainJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  AuIbTicks ticks;
  GDate today;
  guint deadline_ms;

  if (!au_ib_client_ticks_finish (self, result, &ticks, &error))
    {
      chain_fail (task, g_steal_pointer (&error));
      return;
    }
  job->spot = spot_from_ticks (&ticks);
  if (!(job->spot > 0.0))
    {
      chain_fail (task, g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                     "IB sent no price for %s, the options' underlying.",
                                     job->symbol));
      return;
    }
  job->delayed = ticks.delayed;
  now = g_date_time_new_from_unix_utc (au_ib_client_now (self) / G_USEC_PER_SEC);
  /* The chain is as of its underlying's price: the oldest part of it. */
  job->as_of = ticks.as_of > 0 ? g_date_time_new_from_unix_utc (ticks.as_of / G_USEC_PER_SEC)
                               : g_date_time_ref (now);
  today = ny_today (now);
  pick_series (job, &today);
  if (job->series->len == 0)
    {
      chain_fail (task, g_error_new (AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                                     "IB lists no %s option expiry from %u to %u days "
                                     "with a strike within %.0f%% of %.2f.", job->symbol,
                                     job->min_dte, job->max_dte, CHAIN_STRIKE_WINDOW * 100,
                                     job->spot));
      return;
    }
  /* The whole chain is bounded: one request's wait, the longest gather
   * for every batch of lines, and the time the pacer needs for three
   * frames a series (the request, its cancel, and a delayed-data retry).
   * What has not answered by then is left out. */
  deadline_ms = self->request_ms
                + CHAIN_GATHER_MS * ((job->series->len + line_budget (self) - 1)
                                     / line_budget (self))
                + (guint) ceil (3.0 * job->series->len * 1000.0 / self->pacer_rate);
  job->deadline_id = au_ib_timeout_add (job->context, deadline_ms, on_deadline,
                                        g_object_ref (task), g_object_unref);
  request_more (task);
}

static void
on_params (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AuIbClient *self = AU_IB_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  ChainJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  AuContract contract;

  job->params = au_ib_client_option_params_finish (self, result, &error);
  if (job->params == NULL)
    {
      chain_fail (task, g_steal_pointer (&error));
      return;
    }
  au_contract_init_stock (&contract, job->symbol);
  au_ib_client_ticks_async (self, &contract, cancellable, on_spot, g_steal_pointer (&task));
  au_contract_clear (&contract);
}

void
au_ib_client_chain_async (AuBroker            *broker,
                          const char          *symbol,
                          guint                min_dte,
                          guint                max_dte,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  AuIbClient *self = AU_IB_CLIENT (broker);
  g_autoptr(GTask) task = g_task_new (broker, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  ChainJob *job;

  g_task_set_source_tag (task, au_ib_client_chain_async);
  if (!au_ib_client_check_ready (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (symbol == NULL || *symbol == '\0' || !au_ib_string_is_sendable (symbol))
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "symbol: “%s” is not a plain ASCII ticker",
                               symbol != NULL ? symbol : "(null)");
      return;
    }
  if (min_dte > max_dte)
    {
      g_task_return_new_error (task, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                               "min_dte: %u is beyond max_dte %u", min_dte, max_dte);
      return;
    }
  job = g_new0 (ChainJob, 1);
  job->symbol = g_strdup (symbol);
  job->context = g_main_context_ref (self->context);
  job->min_dte = min_dte;
  job->max_dte = max_dte;
  job->spot = NAN;
  job->quotes = g_array_new (FALSE, FALSE, sizeof (AuOptionQuote));
  g_task_set_task_data (task, job, (GDestroyNotify) chain_job_free);
  au_ib_client_option_params_async (self, symbol, cancellable, on_params,
                                    g_steal_pointer (&task));
}

AuOptionChain *
au_ib_client_chain_finish (AuBroker      *broker,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, broker), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

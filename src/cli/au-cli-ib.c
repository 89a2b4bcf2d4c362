/* au-cli-ib.c: `alluse-cli ib probe`, a check of the IB Gateway link
 * (issue 4): every request the autopilot makes, once, with its answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-cli-ib"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "au-atr.h"
#include "au-cli.h"
#include "au-ib-client.h"
#include "au-ib-fields.h"
#include "au-money.h"


#define PROBE_BAR_DAYS 30

typedef struct
{
  AuIbClient   *client;
  GAsyncResult *result;
  JsonBuilder  *json;
  gboolean      as_json;
  GPtrArray    *notices;
  const char   *symbol;
  AuPrice       spot;         /* the stock quote's, for the option's strike */
} Probe;

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Probe *probe = data;

  probe->result = g_object_ref (result);
}

/* The probe is a command-line tool: it runs the engine's main context
 * until each answer is in. */
static GAsyncResult *
wait_result (Probe *probe)
{
  g_clear_object (&probe->result);
  while (probe->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return probe->result;
}

static void
on_notice (AuBroker   *broker,
           int         code,
           const char *message,
           Probe      *probe)
{
  g_ptr_array_add (probe->notices, g_strdup (message));
  if (!probe->as_json)
    g_printerr ("IB: %s\n", message);
}

static void
say (Probe      *probe,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (Probe      *probe,
     const char *format,
     ...)
{
  va_list args;

  if (probe->as_json)
    return;
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
}

static void
add_price (JsonBuilder *json,
           const char  *name,
           gboolean     has,
           AuPrice      price)
{
  g_autofree char *text = has ? au_price_format (price) : NULL;

  json_builder_set_member_name (json, name);
  if (text != NULL)
    json_builder_add_string_value (json, text);
  else
    json_builder_add_null_value (json);
}

static void
add_double (JsonBuilder *json,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (json, name);
  if (isnan (value))
    json_builder_add_null_value (json);
  else
    json_builder_add_double_value (json, value);
}

static char *
describe_number (double value)
{
  return isnan (value) ? g_strdup ("not computed") : g_strdup_printf ("%.4f", value);
}

static gboolean
step_account (Probe   *probe,
              GError **error)
{
  g_autoptr(AuBrokerAccount) account = NULL;
  g_autofree char *cash = NULL;
  g_autofree char *nlv = NULL;

  au_broker_account_async (AU_BROKER (probe->client), NULL, on_result, probe);
  account = au_broker_account_finish (AU_BROKER (probe->client), wait_result (probe), error);
  if (account == NULL)
    return FALSE;
  cash = au_money_format (account->cash);
  nlv = au_money_format (account->net_liquidation);
  say (probe, "Account %s: cash %s, net liquidation %s\n", account->account, cash, nlv);
  json_builder_set_member_name (probe->json, "account");
  json_builder_begin_object (probe->json);
  json_builder_set_member_name (probe->json, "id");
  json_builder_add_string_value (probe->json, account->account);
  json_builder_set_member_name (probe->json, "cash");
  json_builder_add_string_value (probe->json, cash);
  json_builder_set_member_name (probe->json, "net_liquidation");
  json_builder_add_string_value (probe->json, nlv);
  json_builder_end_object (probe->json);
  return TRUE;
}

static gboolean
step_positions (Probe   *probe,
                GError **error)
{
  g_autoptr(GPtrArray) positions = NULL;

  au_broker_positions_async (AU_BROKER (probe->client), NULL, on_result, probe);
  positions = au_broker_positions_finish (AU_BROKER (probe->client), wait_result (probe), error);
  if (positions == NULL)
    return FALSE;
  say (probe, "Positions: %u\n", positions->len);
  json_builder_set_member_name (probe->json, "positions");
  json_builder_begin_array (probe->json);
  for (guint i = 0; i < positions->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (positions, i);
      g_autofree char *name = au_contract_describe (&p->contract);
      g_autofree char *cost = au_price_format (p->average_cost);

      say (probe, "  %-28s %8" G_GINT64_FORMAT " at %s\n", name, p->quantity, cost);
      json_builder_begin_object (probe->json);
      json_builder_set_member_name (probe->json, "contract");
      json_builder_add_string_value (probe->json, name);
      json_builder_set_member_name (probe->json, "quantity");
      json_builder_add_int_value (probe->json, p->quantity);
      json_builder_set_member_name (probe->json, "average_cost");
      json_builder_add_string_value (probe->json, cost);
      json_builder_end_object (probe->json);
    }
  json_builder_end_array (probe->json);
  return TRUE;
}

static gboolean
step_quote (Probe   *probe,
            GError **error)
{
  const char *symbol = probe->symbol;
  g_autoptr(AuStockQuote) quote = NULL;
  g_autofree char *bid = NULL;
  g_autofree char *ask = NULL;
  g_autofree char *last = NULL;

  au_broker_quote_async (AU_BROKER (probe->client), symbol, NULL, on_result, probe);
  quote = au_broker_quote_finish (AU_BROKER (probe->client), wait_result (probe), error);
  if (quote == NULL)
    return FALSE;
  probe->spot = quote->last > 0 ? quote->last : (quote->bid + quote->ask) / 2;
  bid = au_price_format (quote->bid);
  ask = au_price_format (quote->ask);
  last = au_price_format (quote->last);
  say (probe, "%s: bid %s, ask %s, last %s%s\n", symbol, bid, ask, last,
       quote->delayed ? " (delayed)" : "");
  json_builder_set_member_name (probe->json, "quote");
  json_builder_begin_object (probe->json);
  json_builder_set_member_name (probe->json, "symbol");
  json_builder_add_string_value (probe->json, symbol);
  add_price (probe->json, "bid", quote->bid > 0, quote->bid);
  add_price (probe->json, "ask", quote->ask > 0, quote->ask);
  add_price (probe->json, "last", quote->last > 0, quote->last);
  json_builder_set_member_name (probe->json, "delayed");
  json_builder_add_boolean_value (probe->json, quote->delayed);
  json_builder_end_object (probe->json);
  return TRUE;
}

/* The expiry nearest 30 days out and the put strike nearest the spot:
 * what a weekly put seller looks at first. */
static gboolean
step_option (Probe   *probe,
             GError **error)
{
  const char *symbol = probe->symbol;
  AuPrice spot = probe->spot;
  g_autoptr(AuIbOptionParams) params = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDate today, target;
  const GDate *expiry = NULL;
  AuPrice strike = 0;
  AuContract contract;
  AuIbTicks ticks;
  gboolean ok;
  char date[16];
  g_autofree char *name = NULL;
  g_autofree char *iv = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *bid = NULL;
  g_autofree char *ask = NULL;

  au_ib_client_option_params_async (probe->client, symbol, NULL, on_result, probe);
  params = au_ib_client_option_params_finish (probe->client, wait_result (probe), error);
  if (params == NULL)
    return FALSE;
  say (probe, "Options on %s: %u expiries, %u strikes, multiplier %d\n", symbol,
       params->expiries->len, params->strikes->len, params->multiplier);

  now = g_date_time_new_from_unix_utc (au_broker_get_now (AU_BROKER (probe->client)) / G_USEC_PER_SEC);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  target = today;
  g_date_add_days (&target, 30);
  for (guint i = 0; i < params->expiries->len; i++)
    {
      const GDate *d = &g_array_index (params->expiries, GDate, i);

      if (g_date_compare (d, &today) < 0)
        continue;
      if (expiry == NULL
          || ABS (g_date_days_between (d, &target)) < ABS (g_date_days_between (expiry, &target)))
        expiry = d;
    }
  for (guint i = 0; i < params->strikes->len; i++)
    {
      AuPrice s = g_array_index (params->strikes, AuPrice, i);

      if (strike == 0 || ABS (s - spot) < ABS (strike - spot))
        strike = s;
    }
  if (expiry == NULL)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                   "IB lists no expiry of %s from today on.", symbol);
      return FALSE;
    }

  json_builder_set_member_name (probe->json, "option_parameters");
  json_builder_begin_object (probe->json);
  json_builder_set_member_name (probe->json, "underlying_con_id");
  json_builder_add_int_value (probe->json, params->underlying_con_id);
  json_builder_set_member_name (probe->json, "expiries");
  json_builder_begin_array (probe->json);
  for (guint i = 0; i < params->expiries->len; i++)
    {
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &g_array_index (params->expiries, GDate, i));
      json_builder_add_string_value (probe->json, date);
    }
  json_builder_end_array (probe->json);
  json_builder_set_member_name (probe->json, "strikes");
  json_builder_begin_array (probe->json);
  for (guint i = 0; i < params->strikes->len; i++)
    {
      g_autofree char *s = au_price_format (g_array_index (params->strikes, AuPrice, i));

      json_builder_add_string_value (probe->json, s);
    }
  json_builder_end_array (probe->json);
  json_builder_end_object (probe->json);

  au_contract_init_option (&contract, symbol, AU_OPTION_PUT, strike, expiry);
  name = au_contract_describe (&contract);
  au_ib_client_ticks_async (probe->client, &contract, NULL, on_result, probe);
  au_contract_clear (&contract);
  ok = au_ib_client_ticks_finish (probe->client, wait_result (probe), &ticks, error);
  if (!ok)
    return FALSE;
  if (!ticks.has_greeks)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                   "IB sent no option computation (greeks) for %s; the account may lack "
                   "the options market data permission.", name);
      return FALSE;
    }
  iv = describe_number (ticks.implied_vol);
  delta = describe_number (ticks.delta);
  bid = ticks.has_bid ? au_price_format (ticks.bid) : g_strdup ("none");
  ask = ticks.has_ask ? au_price_format (ticks.ask) : g_strdup ("none");
  say (probe, "%s: bid %s, ask %s, implied vol %s, delta %s%s\n", name, bid, ask, iv, delta,
       ticks.delayed ? " (delayed)" : "");

  json_builder_set_member_name (probe->json, "option_quote");
  json_builder_begin_object (probe->json);
  json_builder_set_member_name (probe->json, "contract");
  json_builder_add_string_value (probe->json, name);
  add_price (probe->json, "bid", ticks.has_bid, ticks.bid);
  add_price (probe->json, "ask", ticks.has_ask, ticks.ask);
  add_double (probe->json, "implied_vol", ticks.implied_vol);
  add_double (probe->json, "delta", ticks.delta);
  add_double (probe->json, "gamma", ticks.gamma);
  add_double (probe->json, "vega", ticks.vega);
  add_double (probe->json, "theta", ticks.theta);
  json_builder_set_member_name (probe->json, "delayed");
  json_builder_add_boolean_value (probe->json, ticks.delayed);
  json_builder_end_object (probe->json);
  return TRUE;
}

static gboolean
step_bars (Probe   *probe,
           GError **error)
{
  const char *symbol = probe->symbol;
  g_autoptr(GArray) bars = NULL;
  g_autofree double *high = NULL;
  g_autofree double *low = NULL;
  g_autofree double *close = NULL;
  g_autofree double *atr = NULL;
  g_autofree char *atr_text = NULL;
  gsize n_atr;

  au_broker_bars_async (AU_BROKER (probe->client), symbol, PROBE_BAR_DAYS, NULL, on_result, probe);
  bars = au_broker_bars_finish (AU_BROKER (probe->client), wait_result (probe), error);
  if (bars == NULL)
    return FALSE;

  high = g_new (double, bars->len);
  low = g_new (double, bars->len);
  close = g_new (double, bars->len);
  atr = g_new (double, bars->len);
  for (guint i = 0; i < bars->len; i++)
    {
      const AuDailyBar *b = &g_array_index (bars, AuDailyBar, i);

      high[i] = au_price_to_double (b->high);
      low[i] = au_price_to_double (b->low);
      close[i] = au_price_to_double (b->close);
    }
  /* R6.8, D2.13: ATR(5), the simple mean of the last five true ranges. */
  n_atr = au_atr (high, low, close, bars->len, AU_ATR_DEFAULT_PERIOD, AU_ATR_SMA, NULL, atr);
  if (n_atr == 0)
    {
      g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_NO_DATA,
                   "IB sent %u daily bars of %s; ATR(5) needs at least 6.", bars->len, symbol);
      return FALSE;
    }
  atr_text = g_strdup_printf ("%.4f", atr[bars->len - 1]);
  say (probe, "Daily bars of %s: %u, ATR(5) %s\n", symbol, bars->len, atr_text);

  json_builder_set_member_name (probe->json, "bars");
  json_builder_begin_array (probe->json);
  for (guint i = 0; i < bars->len; i++)
    {
      const AuDailyBar *b = &g_array_index (bars, AuDailyBar, i);
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &b->date);
      json_builder_begin_object (probe->json);
      json_builder_set_member_name (probe->json, "date");
      json_builder_add_string_value (probe->json, date);
      add_price (probe->json, "open", TRUE, b->open);
      add_price (probe->json, "high", TRUE, b->high);
      add_price (probe->json, "low", TRUE, b->low);
      add_price (probe->json, "close", TRUE, b->close);
      json_builder_end_object (probe->json);
    }
  json_builder_end_array (probe->json);
  json_builder_set_member_name (probe->json, "atr5");
  json_builder_add_double_value (probe->json, atr[bars->len - 1]);
  return TRUE;
}

static int
probe_run (const char *host,
           int         port,
           int         client_id,
           const char *symbol,
           gboolean    as_json)
{
  Probe probe = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *step = "connect";
  gboolean ok;
  /* In this order: the option's strike needs the stock quote. */
  static const struct
  {
    const char *name;
    gboolean  (*run) (Probe *probe, GError **error);
  } steps[] = {
    { "account summary", step_account },
    { "positions", step_positions },
    { "stock quote", step_quote },
    { "option chain", step_option },
    { "historical bars", step_bars },
  };

  probe.client = au_ib_client_new (host, (guint16) port, client_id);
  probe.json = json_builder_new ();
  probe.as_json = as_json;
  probe.symbol = symbol;
  probe.notices = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (probe.client, "notice", G_CALLBACK (on_notice), &probe);

  json_builder_begin_object (probe.json);
  json_builder_set_member_name (probe.json, "host");
  json_builder_add_string_value (probe.json, host);
  json_builder_set_member_name (probe.json, "port");
  json_builder_add_int_value (probe.json, port);

  au_broker_connect_async (AU_BROKER (probe.client), NULL, on_result, &probe);
  ok = au_broker_connect_finish (AU_BROKER (probe.client), wait_result (&probe), &error);
  if (ok)
    {
      say (&probe, "Connected to %s:%d, server version %d, accounts %s\n", host, port,
           au_ib_client_get_server_version (probe.client),
           au_ib_client_get_accounts (probe.client));
      json_builder_set_member_name (probe.json, "server_version");
      json_builder_add_int_value (probe.json, au_ib_client_get_server_version (probe.client));
      json_builder_set_member_name (probe.json, "accounts");
      json_builder_add_string_value (probe.json, au_ib_client_get_accounts (probe.client));
      for (guint i = 0; ok && i < G_N_ELEMENTS (steps); i++)
        {
          step = steps[i].name;
          ok = steps[i].run (&probe, &error);
        }
    }

  json_builder_set_member_name (probe.json, "ok");
  json_builder_add_boolean_value (probe.json, ok);
  if (!ok)
    {
      json_builder_set_member_name (probe.json, "failed_step");
      json_builder_add_string_value (probe.json, step);
      json_builder_set_member_name (probe.json, "reason");
      json_builder_add_string_value (probe.json, error->message);
    }
  json_builder_set_member_name (probe.json, "notices");
  json_builder_begin_array (probe.json);
  for (guint i = 0; i < probe.notices->len; i++)
    json_builder_add_string_value (probe.json, g_ptr_array_index (probe.notices, i));
  json_builder_end_array (probe.json);
  json_builder_end_object (probe.json);

  if (as_json)
    {
      root = json_builder_get_root (probe.json);
      au_cli_print_json (root, TRUE);
    }
  if (!ok)
    g_printerr ("ib probe: %s failed: %s\n", step, error->message);

  au_broker_disconnect (AU_BROKER (probe.client));
  g_clear_object (&probe.result);
  g_object_unref (probe.json);
  g_ptr_array_unref (probe.notices);
  g_object_unref (probe.client);
  /* Let the cancelled reads and writes come back and let go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ok ? AU_CLI_EXIT_OK : AU_CLI_EXIT_REJECTED;
}

int
au_cli_ib_main (int    argc,
                char **argv)
{
  g_autofree char *host = g_strdup (AU_IB_DEFAULT_HOST);
  g_autofree char *symbol = g_strdup ("AAPL");
  int port = AU_IB_DEFAULT_PORT;
  int client_id = 0;
  gboolean as_json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host, "IB Gateway's address (127.0.0.1)", "H" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "API port (4002 paper gateway)", "P" },
    { "client-id", 0, 0, G_OPTION_ARG_INT, &client_id, "API client id (0)", "N" },
    { "symbol", 0, 0, G_OPTION_ARG_STRING, &symbol, "underlying to probe (AAPL)", "SYM" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "write the results as JSON", NULL },
    { NULL }
  };

  context = g_option_context_new ("probe — check the connection to IB Gateway");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ib: %s\n", error->message);
      return AU_CLI_EXIT_USAGE;
    }
  if (argc < 2 || g_strcmp0 (argv[1], "probe") != 0)
    {
      g_printerr ("ib: usage: alluse-cli ib probe [--host H] [--port P] [--client-id N] "
                  "[--symbol SYM] [--json]\n");
      return AU_CLI_EXIT_USAGE;
    }
  if (port <= 0 || port > 65535)
    {
      g_printerr ("ib: --port: %d is not a TCP port\n", port);
      return AU_CLI_EXIT_USAGE;
    }
  if (client_id < 0)
    {
      g_printerr ("ib: --client-id: %d is negative\n", client_id);
      return AU_CLI_EXIT_USAGE;
    }
  if (!au_ib_string_is_sendable (symbol) || *symbol == '\0')
    {
      g_printerr ("ib: --symbol: “%s” is not a ticker\n", symbol);
      return AU_CLI_EXIT_USAGE;
    }
  return probe_run (host, port, client_id, symbol, as_json);
}

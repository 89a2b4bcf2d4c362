/* au-cli-order.c: alluse-cli order, one manual action sent through the rules and the order manager (D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "au-audit-log.h"
#include "au-cli.h"
#include "au-constitution.h"
#include "au-database.h"
#include "au-engine-store.h"
#include "au-ib-client.h"
#include "au-json.h"
#include "au-ledger.h"
#include "au-money.h"
#include "au-order-manager.h"
#include "au-order-store.h"
#include "au-orders-error.h"
#include "au-paper-broker.h"
#include "au-proposal.h"
#include "au-verdict.h"

/* Fault injection for the tests, never set in use: the process kills
 * itself (SIGKILL, no clean-up) right after the intent is on disk and
 * before anything is sent, the crash D4's "never sent twice" is about. */
#define CRASH_ENV "ALLUSE_ORDER_CRASH_AFTER_PERSIST"

/* A resting paper order is looked at for this long (simulated minutes)
 * by default; an IB one for this long (the gateway's minutes). */
#define PAPER_WAIT_MINUTES 60
#define IB_WAIT_MINUTES     5
/* With IB, how long past the wait a lost link may still bring the fate
 * before the command gives up and leaves it to the next run's recovery. */
#define IB_GRACE_MINUTES    5

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: alluse-cli order (--paper | --ib [--host H] [--port P] [--client-id N])\n"
           "                        --db FILE --json FILE|- [--wait MINUTES]\n"
           "\n"
           "Sends one manual action, in the format of “alluse-cli check”, as an order of\n"
           "the portfolio in FILE: judged by the rules engine at the broker's current time\n"
           "(the input's own “time” is ignored), its intent and client order id persisted\n"
           "before it is sent, its fills booked in the ledger as the autopilot's are, the\n"
           "evaluation audited with actor “user”. Waits until the order's fate is known —\n"
           "filled, resting, cancelled or rejected — across reconnects, and prints it as\n"
           "one line of JSON on standard output; messages go to standard error.\n"
           "\n"
           "The client order id is “man-” and the first 16 hex digits of the SHA-256 of\n"
           "the canonical input without “time”. Run again after a crash, the same input\n"
           "resumes its order and never sends it twice; the same input after its order\n"
           "finished is refused (exit 1): add a \"nonce\" member (a string or a number) to\n"
           "send an identical order on purpose.\n"
           "\n"
           "Actions: open (csp, cc, leap_call, leap_put, stock), hedge, close and exit\n"
           "need “symbol”, “contracts” (“shares” for stock) and “quote.bid”/“quote.ask”;\n"
           "options also “right”, “strike” and “expiry”. The limit sent is the mid of the\n"
           "quote (R0.5), re-priced toward the far side within max_slippage; an exit is a\n"
           "marketable limit (D2.25). Roll, fork, merge and reinvest are not orders of\n"
           "this command.\n"
           "\n"
           "“Resting”: acknowledged and still working when the wait ends. Paper: the\n"
           "simulated market advances step by step from the database's stored time for\n"
           "at most --wait simulated minutes (default %d), or to the close, where a day\n"
           "order is cancelled. IB: --wait minutes of the gateway's clock (default %d);\n"
           "a lost link is reconnected with backoff and reconciled, never re-sent.\n"
           "\n"
           "--paper          the embedded paper market of FILE (made by “alluse-cli run\n"
           "                 --paper”), at its stored simulated time\n"
           "--ib             TWS / IB Gateway (or alluse-gateway-sim)\n"
           "--host H         the gateway's host (default 127.0.0.1)\n"
           "--port P         the gateway's port (default 4002)\n"
           "--client-id N    our client id (default 1)\n"
           "--db FILE        the database (default: $XDG_DATA_HOME/alluse/autopilot.db)\n"
           "--json FILE|-    the action as JSON, or - for standard input (required)\n"
           "--wait MINUTES   how long a working order is waited for (see “resting”)\n"
           "\n"
           "Exit status: 0 filled, partly filled or resting; 1 refused by the rules\n"
           "(\"status\": \"rejected_by_rules\", nothing sent), rejected or cancelled by the\n"
           "broker without a fill, a duplicate, or a fate still unknown; 2 malformed\n"
           "input (the message names the field), bad arguments, a database without a\n"
           "portfolio or held by another writer, or a broker that cannot be reached.\n",
           PAPER_WAIT_MINUTES, IB_WAIT_MINUTES);
}

typedef struct
{
  gboolean  paper;
  gboolean  ib;
  char     *host;
  int       port;
  int       client_id;
  char     *db_path;
  char     *input_path;
  int       wait_minutes;
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->host, g_free);
  g_clear_pointer (&options->db_path, g_free);
  g_clear_pointer (&options->input_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* What the input asks for, read and checked before anything is opened. */
typedef struct
{
  JsonNode        *proposal;        /* the input without "nonce" and "time" */
  char            *client_order_id; /* "man-" + 16 hex */
  AuProposal      *parsed;
  AuAccountKind    account_kind;
  AuOrderIntent    intent;          /* account_id filled once the ledger is open */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->proposal, json_node_unref);
  g_clear_pointer (&request->client_order_id, g_free);
  g_clear_pointer (&request->parsed, au_proposal_unref);
  au_contract_clear (&request->intent.contract);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

/* Everything the command opened, closed in reverse order. */
typedef struct
{
  Options          *options;
  Request          *request;
  AuDatabase       *database;
  AuConstitution   *constitution;
  AuAuditLog       *audit;
  AuLedger         *ledger;
  AuRulesEngine    *rules;
  AuClock          *clock;
  AuBroker         *broker;
  AuOrderManager   *manager;
  GMainContext     *context;
  AuEngineResume    resume;
  gboolean          has_resume;
  gboolean          connected;
  gboolean          recovering;
  gboolean          link_lost;
  GError           *async_error;
  gboolean          async_done;
} Session;

static void
session_clear (Session *session)
{
  if (session->broker != NULL)
    {
      g_signal_handlers_disconnect_by_data (session->broker, session);
      au_broker_disconnect (session->broker);
    }
  g_clear_object (&session->manager);
  g_clear_object (&session->broker);
  g_clear_object (&session->clock);
  g_clear_object (&session->rules);
  g_clear_object (&session->ledger);
  g_clear_object (&session->audit);
  g_clear_object (&session->constitution);
  /* Last: closing the database releases the writer lock. */
  g_clear_object (&session->database);
  g_clear_error (&session->async_error);
}

static void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "alluse-cli order: %s%s%s\n", what != NULL ? what : "", what != NULL ? ": " : "",
           error->message);
}

/* Options */

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               gboolean  *help,
               GError   **error)
{
  GOptionEntry entries[] = {
    { "paper", 0, 0, G_OPTION_ARG_NONE, &options->paper, NULL, NULL },
    { "ib", 0, 0, G_OPTION_ARG_NONE, &options->ib, NULL, NULL },
    { "host", 0, 0, G_OPTION_ARG_STRING, &options->host, NULL, NULL },
    { "port", 0, 0, G_OPTION_ARG_INT, &options->port, NULL, NULL },
    { "client-id", 0, 0, G_OPTION_ARG_INT, &options->client_id, NULL, NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options->db_path, NULL, NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options->input_path, NULL, NULL },
    { "wait", 0, 0, G_OPTION_ARG_INT, &options->wait_minutes, NULL, NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, help, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  options->port = AU_IB_DEFAULT_PORT;
  options->client_id = 1;
  options->wait_minutes = -1;
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*help)
    return TRUE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unexpected argument “%s”",
                   (*argv)[1]);
      return FALSE;
    }
  if (options->paper == options->ib)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "choose one broker: --paper or --ib");
      return FALSE;
    }
  if (options->paper && (options->host != NULL || options->port != AU_IB_DEFAULT_PORT
                         || options->client_id != 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--host, --port and --client-id are for --ib");
      return FALSE;
    }
  if (options->port <= 0 || options->port > 65535)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--port: %d is not a TCP port", options->port);
      return FALSE;
    }
  if (options->input_path == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--json FILE|- is required");
      return FALSE;
    }
  if (options->wait_minutes == -1)
    options->wait_minutes = options->paper ? PAPER_WAIT_MINUTES : IB_WAIT_MINUTES;
  if (options->wait_minutes < 0 || options->wait_minutes > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--wait: %d is not a number of minutes from 0 to 1440",
                   options->wait_minutes);
      return FALSE;
    }
  if (options->db_path == NULL)
    options->db_path = au_cli_default_db_path ();
  return TRUE;
}

/* The input */

/* D4: the same action gives the same id, whatever its "time"; a "nonce"
 * makes an identical action a new order on purpose. */
static char *
derive_client_order_id (JsonNode *input)
{
  g_autoptr(JsonNode) copy = json_node_copy (input);
  g_autofree char *canonical = NULL;
  g_autofree char *digest = NULL;

  json_object_remove_member (json_node_get_object (copy), "time");
  canonical = au_json_to_canonical (copy);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  return g_strdup_printf ("man-%.16s", digest);
}

static gboolean
check_nonce (JsonObject  *object,
             GError     **error)
{
  JsonNode *nonce = json_object_get_member (object, "nonce");
  GType type;

  if (nonce == NULL)
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (nonce) ? json_node_get_value_type (nonce) : G_TYPE_INVALID;
  if (type != G_TYPE_STRING && type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error_literal (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_TYPE,
                           "nonce: expected a string or a number");
      return FALSE;
    }
  return TRUE;
}

static gboolean
missing (const char  *field,
         const char  *why,
         GError     **error)
{
  g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_MISSING, "%s: required %s", field, why);
  return FALSE;
}

/* The side and purpose of the order the action is, and the rule that
 * makes it (the ledger keeps it with the order). */
static gboolean
shape_intent (Request  *request,
              GError  **error)
{
  AuProposal *p = request->parsed;
  AuOrderIntent *intent = &request->intent;
  gboolean is_stock = p->has_strategy && p->strategy == AU_STRATEGY_STOCK;
  gboolean is_long = p->has_strategy && (p->strategy == AU_STRATEGY_LEAP_CALL
                                         || p->strategy == AU_STRATEGY_LEAP_PUT);
  static const char *entry_rules[] = { "R2.2", "R3.2", "R4.1", "D2.2" };

  switch (p->action)
    {
    case AU_ACTION_OPEN:
      if (!p->has_strategy)
        return missing ("strategy", "for an open", error);
      intent->purpose = AU_ORDER_PURPOSE_OPEN;
      intent->side = (is_stock || is_long) ? AU_SIDE_BUY : AU_SIDE_SELL;
      intent->rule_reference = is_long ? "R17.1"
                               : is_stock ? "D2.23"
                               : p->strategy == AU_STRATEGY_CC ? "D2.19"
                               : entry_rules[p->account];
      break;
    case AU_ACTION_HEDGE:
      intent->purpose = AU_ORDER_PURPOSE_OPEN;
      intent->side = AU_SIDE_BUY;
      intent->rule_reference = "R5.1";
      break;
    case AU_ACTION_CLOSE:
      intent->purpose = AU_ORDER_PURPOSE_CLOSE;
      intent->side = (is_stock || is_long) ? AU_SIDE_SELL : AU_SIDE_BUY;
      intent->rule_reference = "D2.15";
      break;
    case AU_ACTION_EXIT:
      if (is_stock)
        {
          g_set_error_literal (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                               "action: an exit closes an option (D2.25); close shares instead");
          return FALSE;
        }
      intent->purpose = AU_ORDER_PURPOSE_L3_EXIT;
      intent->side = is_long ? AU_SIDE_SELL : AU_SIDE_BUY;
      intent->rule_reference = "R6.4";
      break;
    case AU_ACTION_ROLL:
    case AU_ACTION_FORK:
    case AU_ACTION_MERGE:
    case AU_ACTION_REINVEST:
    default:
      g_set_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_VALUE,
                   "action: “%s” is not an order this command sends (open, hedge, close or "
                   "exit; a roll is a close and an open)", au_action_to_string (p->action));
      return FALSE;
    }

  if (p->symbol == NULL)
    return missing ("symbol", "for an order", error);
  if (!p->has_quote || !p->quote.has_bid || !p->quote.has_ask)
    return missing ("quote.bid, quote.ask", "for an order: its limit is their mid (R0.5)", error);
  if (is_stock)
    {
      if (!p->has_shares)
        return missing ("shares", "for a stock order", error);
      au_contract_init_stock (&intent->contract, p->symbol);
      intent->quantity = p->shares;
    }
  else
    {
      if (p->right == 0)
        return missing ("right", "for an option order", error);
      if (!p->has_strike)
        return missing ("strike", "for an option order", error);
      if (!g_date_valid (&p->expiry))
        return missing ("expiry", "for an option order", error);
      if (!p->has_contracts)
        return missing ("contracts", "for an option order", error);
      au_contract_init_option (&intent->contract, p->symbol,
                               p->right == 'P' ? AU_OPTION_PUT : AU_OPTION_CALL, p->strike,
                               &p->expiry);
      intent->quantity = p->contracts;
    }
  intent->bid = p->quote.bid;
  intent->ask = p->quote.ask;
  if (p->has_mini_rules)
    intent->mini_rules = p->mini_rules == AU_SLEEVE_GEN ? "gen" : "com";
  intent->proposal = request->proposal;
  intent->client_order_id = request->client_order_id;
  return TRUE;
}

static gboolean
read_request (const char  *path,
              Request     *request,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) checked = NULL;
  JsonObject *object;
  gsize length = 0;

  text = au_cli_read_input (path, &length, error);
  if (text == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, text, (gssize) length, error))
    {
      g_prefix_error (error, "not JSON: ");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_SYNTAX,
                           "the input must be a JSON object (check's format)");
      return FALSE;
    }
  request->proposal = json_node_copy (json_parser_get_root (parser));
  object = json_node_get_object (request->proposal);
  if (!check_nonce (object, error))
    return FALSE;
  request->client_order_id = derive_client_order_id (request->proposal);
  json_object_remove_member (object, "nonce");
  json_object_remove_member (object, "time");

  /* Checked as check reads it; the time is the broker's, set when it is
   * judged, so any valid one stands in for the syntax. */
  checked = json_node_copy (request->proposal);
  json_object_set_string_member (json_node_get_object (checked), "time",
                                 "2000-01-03T10:00:00-05:00");
  request->parsed = au_proposal_new_from_json (checked, error);
  if (request->parsed == NULL)
    return FALSE;
  request->account_kind = request->parsed->account == AU_SLEEVE_GEN ? AU_ACCOUNT_GEN
                          : request->parsed->account == AU_SLEEVE_REV ? AU_ACCOUNT_REV
                          : request->parsed->account == AU_SLEEVE_COM ? AU_ACCOUNT_COM
                          : AU_ACCOUNT_MINI;
  return shape_intent (request, error);
}

/* The database and the portfolio */

static const char *
no_portfolio_hint (const Options *options)
{
  return options->paper ? "run “alluse-cli run --paper” on it first"
                        : "run “alluse-cli run --ib” on it first";
}

/* The first active account of the sleeve (the first tree's). */
static gboolean
find_account (Session  *session,
              GError  **error)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (session->ledger, error);
  guint matches = 0;

  if (accounts == NULL)
    return FALSE;
  if (accounts->len == 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "%s holds no portfolio: %s", session->options->db_path,
                   no_portfolio_hint (session->options));
      return FALSE;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);

      if (account->kind != session->request->account_kind || account->status != AU_ACCOUNT_ACTIVE)
        continue;
      if (matches++ == 0)
        session->request->intent.account_id = account->id;
    }
  if (matches == 0)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "account: the portfolio has no active %s account",
                   au_account_kind_to_string (session->request->account_kind));
      return FALSE;
    }
  if (matches > 1 && session->request->account_kind == AU_ACCOUNT_MINI)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "account: the portfolio has %u MINIs and the input cannot name one", matches);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_store (Session  *session,
            GError  **error)
{
  gboolean found = FALSE;

  session->database = au_database_open (session->options->db_path, AU_DATABASE_READ_WRITE, error);
  if (session->database == NULL)
    return FALSE;
  session->constitution = au_constitution_new_default (error);
  if (session->constitution == NULL)
    return FALSE;
  session->audit = au_audit_log_new (session->database, error);
  if (session->audit == NULL)
    return FALSE;
  session->ledger = au_ledger_new (session->database, session->constitution, error);
  if (session->ledger == NULL)
    return FALSE;
  session->rules = au_rules_engine_new (session->constitution, session->audit);
  /* A manual order is the user's decision. */
  au_rules_engine_set_actor (session->rules, "user");

  if (!au_engine_store_read_run (session->database, &session->resume, &found, error))
    return FALSE;
  session->has_resume = found;
  if (found && session->resume.broker != (session->options->paper ? AU_ENGINE_BROKER_PAPER
                                                                   : AU_ENGINE_BROKER_IB))
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INVALID,
                   "%s was run with the %s broker, not this one", session->options->db_path,
                   au_engine_broker_kind_to_string (session->resume.broker));
      return FALSE;
    }
  if (session->options->paper && !found)
    {
      g_set_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND,
                   "%s holds no paper portfolio: %s", session->options->db_path,
                   no_portfolio_hint (session->options));
      return FALSE;
    }
  return find_account (session, error);
}

/* The broker */

static gboolean
open_broker (Session  *session,
             GError  **error)
{
  if (session->options->paper)
    {
      g_autofree char *state_path = g_strconcat (session->options->db_path, ".paper.json", NULL);
      g_autoptr(AuPaperExchange) exchange = NULL;
      AuPaperConfig config = { 0 };

      if (!g_file_test (state_path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       "the paper account %s of %s is missing: %s", state_path,
                       session->options->db_path, no_portfolio_hint (session->options));
          return FALSE;
        }
      config.seed = session->resume.seed;
      config.start = session->resume.start;
      config.cash = session->resume.capital;
      config.state_path = state_path;
      exchange = au_paper_exchange_new (&config, error);
      if (exchange == NULL)
        return FALSE;
      /* The stored simulated time, or the market's when it got further:
       * the clock never goes back. It moves only as the command steps
       * the market. */
      session->clock = au_clock_new_stepped (MAX (session->resume.time,
                                                  au_paper_exchange_get_now (exchange)));
      session->broker = AU_BROKER (au_paper_broker_new (exchange, session->clock));
      return TRUE;
    }
  session->clock = au_clock_new_wall ();
  session->broker = AU_BROKER (au_ib_client_new (session->options->host != NULL
                                                 ? session->options->host : AU_IB_DEFAULT_HOST,
                                                 (guint16) session->options->port,
                                                 session->options->client_id));
  return TRUE;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Session *session = user_data;

  session->async_done = TRUE;
  session->connected = au_broker_connect_finish (AU_BROKER (source), result,
                                                 &session->async_error);
}

static void
on_recovered (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Session *session = user_data;
  AuRecoveryReport report = { 0 };
  g_autoptr(GError) error = NULL;

  session->recovering = FALSE;
  session->async_done = TRUE;
  if (!au_order_manager_recover_finish (AU_ORDER_MANAGER (source), result, &report, &error))
    {
      g_warning ("Orders cannot be reconciled yet: %s", error->message);
      if (session->async_error == NULL)
        session->async_error = g_steal_pointer (&error);
      return;
    }
  g_message ("Reconciled with the broker: %u resumed, %u settled while away, %u lost, "
             "%u executions booked", report.resumed, report.settled, report.lost, report.booked);
}

static void
reconcile (Session *session)
{
  session->recovering = TRUE;
  session->async_done = FALSE;
  g_clear_error (&session->async_error);
  au_order_manager_recover_async (session->manager, NULL, on_recovered, session);
}

/* D4: with IB the engine's clock is the gateway's, read at connect and
 * after every reconnect; a reconnect is reconciled as the live loop
 * does, nothing re-sent. */
static void
on_broker_state (AuBroker *broker,
                 Session  *session)
{
  AuBrokerState state = au_broker_get_state (broker);

  if (state == AU_BROKER_DISCONNECTED || state == AU_BROKER_CONNECTING)
    {
      if (!session->link_lost)
        g_message ("The link to the broker was lost; reconnecting (the order is not re-sent)");
      session->link_lost = TRUE;
      return;
    }
  if (state == AU_BROKER_READY && session->link_lost && session->manager != NULL)
    {
      session->link_lost = FALSE;
      if (au_clock_get_kind (session->clock) == AU_CLOCK_WALL)
        au_clock_rebase (session->clock, au_broker_get_now (broker));
      g_message ("The broker is back; reconciling orders and executions");
      if (!session->recovering)
        reconcile (session);
    }
}

/* Lets every answer the broker owes run (the paper broker answers on a
 * later iteration, never inside a call). */
static void
drain (Session *session)
{
  while (g_main_context_pending (session->context))
    g_main_context_iteration (session->context, FALSE);
}

static gboolean
spin_until_done (Session  *session,
                 GError  **error)
{
  while (!session->async_done)
    g_main_context_iteration (session->context, TRUE);
  if (session->async_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&session->async_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
connect_broker (Session  *session,
                GError  **error)
{
  session->async_done = FALSE;
  au_broker_connect_async (session->broker, NULL, on_connected, session);
  if (!spin_until_done (session, error))
    {
      g_prefix_error (error, "cannot reach the broker (%s): ", au_broker_get_name (session->broker));
      return FALSE;
    }
  if (au_clock_get_kind (session->clock) == AU_CLOCK_WALL)
    au_clock_rebase (session->clock, au_broker_get_now (session->broker));
  /* The stored market may sit at a close the stored clock is past (the
   * live loop brings it up on its next tick): the order is judged and
   * matched against the market as it is at the clock. */
  if (AU_IS_PAPER_BROKER (session->broker)
      && !au_paper_broker_advance_to (AU_PAPER_BROKER (session->broker),
                                      au_clock_get_now (session->clock), error))
    return FALSE;
  g_signal_connect (session->broker, "state-changed", G_CALLBACK (on_broker_state), session);
  return TRUE;
}

static void
on_intent_persisted (AuOrderManager *manager,
                     const char     *client_order_id,
                     Session        *session)
{
  if (g_strcmp0 (g_getenv (CRASH_ENV), "1") == 0)
    {
      fprintf (stderr, "alluse-cli order: %s: %s is persisted and not sent; dying now\n",
               CRASH_ENV, client_order_id);
      raise (SIGKILL);
    }
}

/* Waiting for the fate */

static gboolean
fate_known (Session       *session,
            AuOrderStatus *status)
{
  gboolean tracked;

  au_order_status_clear (status);
  tracked = au_order_manager_get_status (session->manager, session->request->client_order_id,
                                         status);
  return tracked && status->n_open == 0;
}

/* Paper: the simulated market advances step by step (five minutes, the
 * close, the next open); after each the order manager acts on its
 * deadlines (R0.5 re-pricing, R0.6), as the autopilot's stepped loop. */
static gboolean
wait_paper (Session        *session,
            AuOrderStatus  *status,
            GError        **error)
{
  AuPaperBroker *paper = AU_PAPER_BROKER (session->broker);
  AuPaperExchange *exchange = au_paper_broker_get_exchange (paper);
  gint64 deadline = au_clock_get_now (session->clock)
                    + (gint64) session->options->wait_minutes * 60 * G_USEC_PER_SEC;

  drain (session);
  while (!fate_known (session, status))
    {
      gint64 next = au_paper_exchange_get_next_step (exchange);

      if (next > deadline)
        break;
      if (!au_paper_broker_advance_to (paper, next, error))
        return FALSE;
      drain (session);
      au_order_manager_tick (session->manager);
      drain (session);
    }
  return TRUE;
}

static gboolean
on_poll (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* "Resting" is the broker's word, not ours: every version of the order
 * still open has been acknowledged (the ledger's "acknowledged" or
 * "partially_filled"), none is only created or submitted. The order
 * manager's status calls an order in flight WORKING before the broker
 * has answered. */
static gboolean
acknowledged (Session *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = au_order_store_list_versions (session->database,
                                                                session->request->client_order_id,
                                                                &error);

  if (versions == NULL || versions->len == 0)
    return FALSE;
  for (guint i = 0; i < versions->len; i++)
    {
      AuOrderVersionRow *row = g_ptr_array_index (versions, i);
      AuLedgerOrderState state;
      gboolean in_flight;

      if (!au_ledger_get_order (session->ledger, row->client_order_id, &state, NULL))
        return FALSE;
      in_flight = g_strcmp0 (state.state, "created") == 0
                  || g_strcmp0 (state.state, "submitted") == 0;
      au_ledger_order_state_clear (&state);
      if (in_flight)
        return FALSE;
    }
  return TRUE;
}

/* IB: the main loop runs the order manager's timers and the client's
 * reconnects; the wait ends with the fate, or with the order resting
 * (acknowledged and working, the link up) at the deadline, or, the link
 * down, a grace period later with the fate left to the next recovery. */
static gboolean
wait_ib (Session        *session,
         AuOrderStatus  *status,
         gboolean       *unknown)
{
  gint64 wait = (gint64) session->options->wait_minutes * 60 * G_USEC_PER_SEC;
  gint64 deadline = g_get_monotonic_time () + wait;
  gint64 give_up = deadline + (gint64) IB_GRACE_MINUTES * 60 * G_USEC_PER_SEC;
  guint poll = g_timeout_add (200, on_poll, NULL);

  *unknown = FALSE;
  while (!fate_known (session, status))
    {
      gint64 now = g_get_monotonic_time ();
      gboolean ready = au_broker_get_state (session->broker) == AU_BROKER_READY
                       && !session->recovering && !session->link_lost;

      if (now >= deadline && ready && acknowledged (session))
        break;
      if (now >= give_up)
        {
          *unknown = TRUE;
          break;
        }
      g_main_context_iteration (session->context, TRUE);
    }
  g_source_remove (poll);
  return TRUE;
}

/* The output */

static double
money_dollars (AuMoney cents)
{
  return (double) cents / 100.0;
}

static JsonNode *
describe_order (Session       *session,
                const char    *status_text,
                AuVerdict     *verdict,
                const char    *reason,
                const char    *judged_at,
                gboolean       resumed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = au_clock_format_now (session->clock);
  g_autofree char *contract = au_contract_describe (&session->request->intent.contract);
  g_autofree char *broker_order_id = NULL;
  gint64 filled = 0, quantity = session->request->intent.quantity;
  gint64 notional = 0;   /* Σ quantity × price, in AuPrice units */
  AuMoney commission = 0;

  versions = au_order_store_list_versions (session->database, session->request->client_order_id,
                                           &error);
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      AuOrderVersionRow *row = g_ptr_array_index (versions, i);
      AuLedgerOrderState state;

      if (!au_ledger_get_order (session->ledger, row->client_order_id, &state, NULL))
        continue;
      filled += state.filled_quantity;
      notional += state.filled_quantity * state.average_price;
      commission += state.commission;
      if (state.broker_order_id != NULL)
        {
          g_free (broker_order_id);
          broker_order_id = g_strdup (state.broker_order_id);
        }
      au_ledger_order_state_clear (&state);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_order_id");
  json_builder_add_string_value (builder, session->request->client_order_id);
  json_builder_set_member_name (builder, "broker");
  json_builder_add_string_value (builder, session->options->paper ? "paper" : "ib");
  json_builder_set_member_name (builder, "broker_order_id");
  if (broker_order_id != NULL)
    json_builder_add_string_value (builder, broker_order_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_text);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, au_sleeve_to_string (session->request->parsed->account));
  json_builder_set_member_name (builder, "account_id");
  json_builder_add_int_value (builder, session->request->intent.account_id);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, au_action_to_string (session->request->parsed->action));
  json_builder_set_member_name (builder, "contract");
  json_builder_add_string_value (builder, contract);
  json_builder_set_member_name (builder, "side");
  json_builder_add_string_value (builder, session->request->intent.side == AU_SIDE_BUY ? "buy"
                                                                                   : "sell");
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_set_member_name (builder, "filled_quantity");
  json_builder_add_int_value (builder, filled);
  json_builder_set_member_name (builder, "average_price");
  if (filled > 0)
    json_builder_add_double_value (builder,
                                   au_price_to_double ((notional + filled / 2) / filled));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "commission");
  json_builder_add_double_value (builder, money_dollars (commission));
  json_builder_set_member_name (builder, "rule_checks");
  if (verdict != NULL)
    json_builder_add_value (builder,
                            au_verdict_to_json (verdict,
                                                au_constitution_get_sha256 (session->constitution)));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "reason");
  if (reason != NULL)
    json_builder_add_string_value (builder, reason);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "resumed");
  json_builder_add_boolean_value (builder, resumed);
  json_builder_set_member_name (builder, "judged_at");
  if (judged_at != NULL)
    json_builder_add_string_value (builder, judged_at);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "finished_at");
  json_builder_add_string_value (builder, now);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The outcome in the audit trail, on the engine's clock (D4). */
static void
audit_outcome (Session    *session,
               const char *status_text,
               JsonNode   *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *time = au_clock_format_now (session->clock);
  const char *rules[] = { session->request->intent.rule_reference, NULL };
  AuAuditEntry entry = { 0 };

  entry.time = time;
  entry.actor = "user";
  entry.kind = "order";
  entry.rules = rules;
  entry.constitution = au_constitution_get_sha256 (session->constitution);
  entry.context = output;
  entry.verdict = status_text;
  if (au_audit_log_append (session->audit, &entry, &error) == 0)
    g_warning ("Cannot audit the order's outcome: %s", error->message);
}

static int
finish (Session    *session,
        const char *status_text,
        AuVerdict  *verdict,
        const char *reason,
        const char *judged_at,
        gboolean    resumed,
        int         exit_status)
{
  g_autoptr(JsonNode) output = describe_order (session, status_text, verdict, reason, judged_at,
                                               resumed);
  g_autofree char *text = au_json_to_canonical (output);

  audit_outcome (session, status_text, output);
  if (session->options->paper && session->has_resume)
    {
      g_autoptr(GError) error = NULL;

      /* The next run resumes where the market now is. */
      if (!au_engine_store_advance_time (session->database, au_clock_get_now (session->clock),
                                         &error))
        g_warning ("Cannot save the simulated time: %s", error->message);
    }
  printf ("%s\n", text);
  fflush (stdout);
  return exit_status;
}

/* The command */

static int
submit_and_wait (Session *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuVerdict) verdict = NULL;
  g_autofree char *judged_at = NULL;
  g_autofree char *id = NULL;
  AuOrderStatus status = { 0 };
  gboolean resumed = FALSE;
  gboolean unknown = FALSE;
  const char *status_text;
  int exit_status;

  if (au_order_manager_get_status (session->manager, session->request->client_order_id, &status))
    {
      /* The recovery found it: a run that died after sending. */
      resumed = TRUE;
      g_message ("%s was sent by an earlier run; waiting for its fate, not sending it again",
                 session->request->client_order_id);
    }
  else
    {
      AuLedgerOrderState earlier;
      g_autoptr(GPtrArray) versions = NULL;

      /* D4: the intent on disk without a version of it is a run that
       * died between persisting and sending: the order manager sends
       * that intent, once, instead of a new one. */
      if (au_ledger_get_order (session->ledger, session->request->client_order_id, &earlier,
                               NULL))
        {
          au_ledger_order_state_clear (&earlier);
          versions = au_order_store_list_versions (session->database,
                                                   session->request->client_order_id, NULL);
          resumed = versions != NULL && versions->len == 0;
        }
      if (resumed)
        g_message ("%s was persisted by an earlier run that never sent it; sending it now",
                   session->request->client_order_id);
      judged_at = au_clock_format_now (session->clock);
      id = au_order_manager_submit_full (session->manager, &session->request->intent, &verdict,
                                         &error);
      if (id == NULL && g_error_matches (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_REJECTED))
        {
          fail (NULL, error);
          return finish (session, "rejected_by_rules", verdict, error->message, judged_at, FALSE,
                         AU_CLI_EXIT_REJECTED);
        }
      if (id == NULL && g_error_matches (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_DUPLICATE))
        {
          fprintf (stderr, "alluse-cli order: %s finished in an earlier run and is not sent "
                   "again; to send an identical order on purpose, add a \"nonce\" to the "
                   "input\n", session->request->client_order_id);
          return finish (session, "duplicate", NULL, error->message, NULL, FALSE,
                         AU_CLI_EXIT_REJECTED);
        }
      if (id == NULL && !g_error_matches (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_BROKER))
        {
          fail (NULL, error);
          return AU_CLI_EXIT_USAGE;
        }
      /* A broker's refusal of the first slice is recorded on the order:
       * its fate is known, reported below. */
      if (id == NULL)
        g_message ("The broker refused the order: %s", error->message);
    }

  if (session->options->paper)
    {
      g_autoptr(GError) step_error = NULL;

      if (!wait_paper (session, &status, &step_error))
        g_warning ("The paper market stopped: %s", step_error->message);
    }
  else
    wait_ib (session, &status, &unknown);
  fate_known (session, &status);

  if (unknown)
    status_text = "unknown";
  else if (status.n_open > 0)
    status_text = "resting";
  else if (status.state == AU_ORDER_FILLED)
    status_text = "filled";
  else if (status.state == AU_ORDER_REJECTED)
    status_text = "rejected";
  else
    status_text = "cancelled";
  exit_status = (g_str_equal (status_text, "filled") || g_str_equal (status_text, "resting")
                 || status.filled > 0) ? AU_CLI_EXIT_OK : AU_CLI_EXIT_REJECTED;
  exit_status = finish (session, status_text, verdict, status.reason, judged_at, resumed,
                        exit_status);
  au_order_status_clear (&status);
  return exit_status;
}

int
au_cli_order_main (int    argc,
                   char **argv)
{
  g_auto(Options) options = { 0 };
  g_auto(Request) request = { 0 };
  g_autoptr(GError) error = NULL;
  Session session = { 0 };
  gboolean help = FALSE;
  int status;

  if (!parse_options (&argc, &argv, &options, &help, &error))
    {
      fprintf (stderr, "alluse-cli order: %s\n\n", error->message);
      print_usage (stderr);
      return AU_CLI_EXIT_USAGE;
    }
  if (help)
    {
      print_usage (stdout);
      return AU_CLI_EXIT_OK;
    }

  /* Everything that can be malformed is read before the database is
   * touched: bad input leaves no trace. */
  if (!read_request (options.input_path, &request, &error))
    {
      fail (NULL, error);
      return AU_CLI_EXIT_USAGE;
    }

  session.options = &options;
  session.request = &request;
  session.context = g_main_context_default ();
  if (!open_store (&session, &error) || !open_broker (&session, &error)
      || !connect_broker (&session, &error))
    {
      fail (NULL, error);
      session_clear (&session);
      return AU_CLI_EXIT_USAGE;
    }

  session.manager = au_order_manager_new (session.ledger, session.rules, session.broker,
                                          session.clock, session.context, &error);
  if (session.manager == NULL)
    {
      fail ("orders", error);
      session_clear (&session);
      return AU_CLI_EXIT_USAGE;
    }
  g_signal_connect (session.manager, "intent-persisted", G_CALLBACK (on_intent_persisted),
                    &session);

  /* D4: before anything new, what the broker did while we were away. */
  reconcile (&session);
  if (!spin_until_done (&session, &error))
    {
      fail ("reconciling with the broker", error);
      session_clear (&session);
      return AU_CLI_EXIT_USAGE;
    }

  status = submit_and_wait (&session);
  session_clear (&session);
  return status;
}

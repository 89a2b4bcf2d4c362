/* test-order-cli.c: `alluse-cli order --paper` through the real binary (D4): a Gen
 * CSP filled and booked, a rules rejection, malformed input, the crash
 * between persisting and sending, a duplicate, a missing portfolio and
 * a second writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "order-cli-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "au-constitution.h"
#include "au-database.h"
#include "au-engine-store.h"
#include "au-ledger.h"
#include "au-money.h"
#include "au-order-store.h"
#include "au-paper-exchange.h"

/* The paper portfolio every test starts from: seed 42 from Monday
 * 2024-03-04, run by `alluse-cli run` into Thursday's Gen entry window
 * (R1.1: 09:45–11:00 ET). Made once per binary, copied per test. */
#define SEED   "42"
#define START  "2024-03-04"
#define UNTIL  "2024-03-07T10:15:00-05:00"

typedef struct
{
  char *dir;
  char *db_path;
  char *paper_path;
  char *input_path;
} Fixture;

static char *base_dir;

static const char *
cli (void)
{
  const char *path = g_getenv ("ALLUSE_CLI");

  g_assert_nonnull (path);
  return path;
}

/* Runs alluse-cli with @args (and @env_extra, "NAME=VALUE" or NULL);
 * returns its exit status, or -(signal) when a signal ended it. */
static int
run_cli (const char * const *args,
         const char         *env_extra,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (env_extra != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (env_extra, "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("alluse-cli %s: stdout %s stderr %s", args[0], *out, *err);
  if (WIFSIGNALED (status))
    return -WTERMSIG (status);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
  g_assert_no_error (error);
}

static void
make_base (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  base_dir = g_dir_make_tmp ("alluse-order-base-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (base_dir, "autopilot.db", NULL);
  {
    const char *args[] = { "run", "--paper", "--seed", SEED, "--start", START, "--db", db,
                           "--speed", "100000", "--until", UNTIL, "--unattended", NULL };

    g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 0);
  }
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_db = g_build_filename (base_dir, "autopilot.db", NULL);
  g_autofree char *base_paper = g_build_filename (base_dir, "autopilot.db.paper.json", NULL);

  f->dir = g_dir_make_tmp ("alluse-order-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "autopilot.db", NULL);
  f->paper_path = g_strconcat (f->db_path, ".paper.json", NULL);
  f->input_path = g_build_filename (f->dir, "order.json", NULL);
  /* A clean stop checkpointed the WAL: the file alone is the database. */
  copy_file (base_db, f->db_path);
  copy_file (base_paper, f->paper_path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->paper_path);
  g_free (f->input_path);
}

/* The paper account as it is on disk, loaded from a scratch copy so
 * that the test never writes the real one. */
static AuPaperExchange *
load_exchange (Fixture *f)
{
  g_autofree char *scratch = g_build_filename (f->dir, "scratch.paper.json", NULL);
  g_autoptr(GError) error = NULL;
  AuPaperExchange *exchange;
  AuPaperConfig config = { 0 };

  copy_file (f->paper_path, scratch);
  config.state_path = scratch;
  exchange = au_paper_exchange_new (&config, &error);
  g_assert_no_error (error);
  return exchange;
}

/* Orders the paper exchange took whose client order id starts with @id. */
static guint
exchange_orders (Fixture    *f,
                 const char *id)
{
  g_autoptr(AuPaperExchange) exchange = load_exchange (f);
  g_autoptr(GPtrArray) orders = au_paper_exchange_dup_orders (exchange);
  guint n = 0;

  for (guint i = 0; i < orders->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (orders, i);

      if (g_str_has_prefix (update->client_order_id, id))
        n++;
    }
  return n;
}

/* A Gen CSP from the paper market's own chain at the stored time: the
 * first Gen-universe put of a 0–1 DTE expiry in the Gen delta band
 * (R2.2, 0.40–0.45). The quote is the market's bid on both sides, so
 * that the mid the order is sent at is marketable and fills at once. */
static void
write_gen_csp_at (Fixture    *f,
                  const char *account,
                  const char *extra,
                  AuPrice     offset,
                  AuPrice    *bid_out)
{
  g_autoptr(AuPaperExchange) exchange = load_exchange (f);
  g_autoptr(AuConstitution) constitution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const AuSleeveRules *gen;
  const AuOptionQuote *put = NULL;
  AuOptionChain *chain = NULL;
  const char *symbol = NULL;
  char strike[32], bid[32], spot[32], delta[32], expiry[16];

  constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  gen = au_constitution_get_sleeve (constitution, AU_SLEEVE_GEN);
  for (guint i = 0; put == NULL && gen->universe[i] != NULL; i++)
    {
      GArray *expiries;

      g_clear_object (&chain);
      chain = au_paper_exchange_get_chain (exchange, gen->universe[i], (guint) gen->dte_min,
                                           (guint) gen->dte_max, &error);
      g_assert_no_error (error);
      expiries = au_option_chain_get_expiries (chain);
      for (guint e = 0; put == NULL && e < expiries->len; e++)
        put = au_option_chain_find_delta (chain, &g_array_index (expiries, GDate, e),
                                          AU_OPTION_PUT, gen->delta_min, gen->delta_max);
      symbol = gen->universe[i];
    }
  g_assert_nonnull (put);
  g_assert_cmpint (put->bid, >, 0);

  g_ascii_formatd (strike, sizeof strike, "%.2f", au_price_to_double (put->strike));
  g_ascii_formatd (bid, sizeof bid, "%.2f", au_price_to_double (put->bid + offset));
  g_ascii_formatd (spot, sizeof spot, "%.2f", au_option_chain_get_spot (chain));
  g_ascii_formatd (delta, sizeof delta, "%.4f", put->delta);
  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &put->expiry);
  /* Whole cents: the input refuses more decimals than a price has. */
  g_assert_cmpint ((put->bid + offset) % 100, ==, 0);
  *bid_out = put->bid;
  text = g_strdup_printf (
    "{\"account\": \"%s\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"%s\","
    " \"right\": \"P\", \"strike\": %s, \"expiry\": \"%s\", \"delta\": %s, \"contracts\": 1,"
    " \"limit\": %s, \"time\": \"2020-01-01T10:00:00-05:00\"%s,"
    " \"quote\": {\"bid\": %s, \"ask\": %s, \"open_interest\": 1200, \"volume\": 450,"
    "            \"avg_daily_volume\": 900},"
    " \"account_state\": {\"equity\": 250000.00, \"cash\": 250000.00, \"margin_used\": 0.00,"
    "                   \"symbol_exposure\": {\"%s\": 0.00}, \"high_water_mark\": 250000.00},"
    " \"market\": {\"spot\": %s, \"atr5\": 4.00, \"vix\": 18.5, \"earnings_this_week\": false}}",
    account, symbol, strike, expiry, delta, bid, extra != NULL ? extra : "", bid, bid, symbol,
    spot);
  g_assert_true (g_file_set_contents (f->input_path, text, -1, &error));
  g_assert_no_error (error);
  g_clear_object (&chain);
}

static void
write_gen_csp (Fixture    *f,
               const char *account,
               const char *extra,
               AuPrice    *bid_out)
{
  write_gen_csp_at (f, account, extra, 0, bid_out);
}

static JsonObject *
parse_output (const char *out,
              JsonNode  **holder)
{
  g_autoptr(GError) error = NULL;

  *holder = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*holder));
  return json_node_get_object (*holder);
}

typedef struct
{
  AuDatabase *db;
  AuLedger   *ledger;
} Books;

static void
books_open (Fixture *f,
            Books   *books)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);

  g_assert_no_error (error);
  books->db = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  books->ledger = au_ledger_new (books->db, constitution, &error);
  g_assert_no_error (error);
}

static void
books_close (Books *books)
{
  g_clear_object (&books->ledger);
  g_clear_object (&books->db);
}

static AuMoney
gen_cash (Fixture *f,
          gint64   account_id)
{
  Books books = { 0 };
  g_autoptr(GError) error = NULL;
  AuLedgerSummary summary;

  books_open (f, &books);
  g_assert_true (au_ledger_get_summary (books.ledger, account_id, &summary, &error));
  g_assert_no_error (error);
  books_close (&books);
  return summary.cash;
}

static void
test_paper_fill (Fixture       *f,
                 gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *version = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(JsonNode) holder2 = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result;
  AuLedgerOrderState state;
  Books books = { 0 };
  AuPrice bid = 0;
  AuMoney before, after, premium, commission;
  gint64 gen_id;
  const char *id;

  write_gen_csp (f, "gen", NULL, &bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 0);
  result = parse_output (out, &holder);
  id = json_object_get_string_member (result, "client_order_id");
  g_assert_true (g_str_has_prefix (id, "man-"));
  g_assert_cmpuint (strlen (id), ==, 4 + 16);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "filled");
  g_assert_cmpint (json_object_get_int_member (result, "filled_quantity"), ==, 1);
  g_assert_false (json_object_get_boolean_member (result, "resumed"));
  g_assert_nonnull (json_object_get_string_member (result, "broker_order_id"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (result, "rule_checks"), "status"), ==,
                   "APPROVED");
  /* Judged at the broker's time, not the input's 2020 one. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "judged_at"),
                                   "2024-03-07T10:"));

  /* The ledger: the order's one version filled at the market's bid, a
   * sell to open of Gen booked with its commission ($0.65 a contract,
   * $1 minimum). */
  gen_id = json_object_get_int_member (result, "account_id");
  books_open (f, &books);
  version = g_strconcat (id, "-v1", NULL);
  g_assert_true (au_ledger_get_order (books.ledger, version, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state.filled_quantity, ==, 1);
  /* A sell never fills below its limit, the input's bid (R0.5's mid). */
  g_assert_cmpint (state.average_price, >=, bid);
  g_assert_cmpint (state.commission, ==, 100);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "average_price"),
                                  au_price_to_double (state.average_price), 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (result, "commission"), 1.00,
                                  1e-9);
  au_ledger_order_state_clear (&state);
  books_close (&books);

  /* Gen's cash grew by the premium less the commission. Measured against
   * a second, identical order (a nonce) so that nothing else moves. */
  before = gen_cash (f, gen_id);
  write_gen_csp (f, "gen", ", \"nonce\": \"second\"", &bid);
  g_assert_cmpint (run_cli (args, NULL, &out2, &err2), ==, 0);
  after = gen_cash (f, gen_id);
  result = parse_output (out2, &holder2);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "filled");
  g_assert_cmpstr (json_object_get_string_member (result, "client_order_id"), !=, id);
  premium = (AuMoney) (json_object_get_double_member (result, "average_price") * 10000.0 + 0.5);
  commission = (AuMoney) (json_object_get_double_member (result, "commission") * 100.0 + 0.5);
  g_assert_cmpint (after - before, ==, premium - commission);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(JsonNode) holder2 = NULL;
  JsonObject *first;
  JsonObject *second;
  AuPrice bid = 0;

  write_gen_csp (f, "gen", NULL, &bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 0);
  first = parse_output (out, &holder);
  /* The same input again: refused, nothing sent twice (D4). */
  g_assert_cmpint (run_cli (args, NULL, &out2, &err2), ==, 1);
  second = parse_output (out2, &holder2);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (second, "client_order_id"), ==,
                   json_object_get_string_member (first, "client_order_id"));
  g_assert_nonnull (strstr (err2, "nonce"));
  g_assert_cmpuint (exchange_orders (f, json_object_get_string_member (first,
                                                                       "client_order_id")), ==, 1);
}

static void
test_rules_rejection (Fixture       *f,
                      gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *result;
  JsonArray *violations;
  gboolean has_r11 = FALSE;
  AuLedgerOrderState state;
  Books books = { 0 };
  AuPrice bid = 0;

  /* Rev enters on Wednesday; the stored time is a Thursday (R1.1). */
  write_gen_csp (f, "rev", NULL, &bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 1);
  result = parse_output (out, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected_by_rules");
  violations = json_object_get_array_member (json_object_get_object_member (result,
                                                                            "rule_checks"),
                                             "violations");
  for (guint i = 0; i < json_array_get_length (violations); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (violations, i),
                                                  "rule"), "R1.1") == 0)
      has_r11 = TRUE;
  g_assert_true (has_r11);
  g_assert_true (json_object_get_null_member (result, "broker_order_id"));
  /* Nothing persisted, nothing sent. */
  books_open (f, &books);
  g_assert_false (au_ledger_get_order (books.ledger,
                                       json_object_get_string_member (result, "client_order_id"),
                                       &state, &error));
  g_assert_error (error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_FOUND);
  books_close (&books);
  g_assert_cmpuint (exchange_orders (f, "man-"), ==, 0);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path, NULL };
  struct { const char *json; const char *field; } cases[] = {
    { "{\"account\": \"gen\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
      " \"right\": \"P\", \"strike\": \"abc\", \"expiry\": \"2024-03-08\", \"contracts\": 1,"
      " \"quote\": {\"bid\": 1.10, \"ask\": 1.14}}", "strike" },
    { "{\"account\": \"gen\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
      " \"right\": \"P\", \"strike\": 200, \"expiry\": \"2024-03-08\", \"contracts\": 1}",
      "quote.bid" },
    { "{\"account\": \"gen\", \"action\": \"roll\"}", "action" },
    { "{\"account\": \"gen\", \"action\": \"open\", \"nonce\": [1]}", "nonce" },
    { "{\"account\": \"gen\", ", "JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (f->input_path, cases[i].json, -1, &error));
      g_assert_no_error (error);
      g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, cases[i].field));
    }
  g_assert_cmpuint (exchange_orders (f, "man-"), ==, 0);
}

/* D4: the process dies right after the intent is persisted, before it
 * is sent (a real SIGKILL at that point); the same input run again
 * resumes it and the exchange has exactly one order. */
static void
test_crash_between_persist_and_send (Fixture       *f,
                                     gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  JsonObject *result;
  AuLedgerOrderState state;
  Books books = { 0 };
  AuPrice bid = 0;

  write_gen_csp (f, "gen", NULL, &bid);
  g_assert_cmpint (run_cli (args, "ALLUSE_ORDER_CRASH_AFTER_PERSIST=1", &out, &err), ==,
                   -SIGKILL);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "is persisted and not sent"));
  g_assert_cmpuint (exchange_orders (f, "man-"), ==, 0);

  /* On disk: the intent, no version of it. */
  books_open (f, &books);
  {
    const char *start = strstr (err, "man-");

    g_assert_nonnull (start);
    id = g_strndup (start, 4 + 16);
  }
  g_assert_true (au_ledger_get_order (books.ledger, id, &state, &error));
  g_assert_no_error (error);
  au_ledger_order_state_clear (&state);
  versions = au_order_store_list_versions (books.db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 0);
  books_close (&books);

  g_assert_cmpint (run_cli (args, NULL, &out2, &err2), ==, 0);
  result = parse_output (out2, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "client_order_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "filled");
  g_assert_true (json_object_get_boolean_member (result, "resumed"));
  g_assert_cmpuint (exchange_orders (f, id), ==, 1);
}

/* The paper account's orders whose client order id starts with @id, as
 * the exchange holds them (transfer full, AuOrderUpdate). */
static GPtrArray *
exchange_dup_orders (Fixture    *f,
                     const char *id)
{
  g_autoptr(AuPaperExchange) exchange = load_exchange (f);
  g_autoptr(GPtrArray) orders = au_paper_exchange_dup_orders (exchange);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) au_order_update_free);

  for (guint i = 0; i < orders->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (orders, i);

      if (g_str_has_prefix (update->client_order_id, id))
        g_ptr_array_add (found, au_order_update_copy (update));
    }
  return found;
}

static gint64
stored_time (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = au_database_open (f->db_path, AU_DATABASE_READ_ONLY, &error);
  AuEngineResume run = { 0 };
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_true (au_engine_store_read_run (db, &run, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpint (run.broker, ==, AU_ENGINE_BROKER_PAPER);
  return run.time;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

/* A sell quoted two dollars above the market's bid: its limit (the
 * quote's mid, R0.5) is above the ask, so no step of the paper market
 * fills it; after --wait 15 simulated minutes it is reported resting
 * (exit 0), still working at the exchange, and the database's stored
 * time is where the market was left — never earlier, at most the wait
 * later. */
static void
test_paper_resting (Fixture       *f,
                    gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path,
                         "--wait", "15", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  const AuOrderUpdate *update;
  JsonObject *result;
  AuPrice bid = 0;
  gint64 before, after, judged;

  before = stored_time (f);
  write_gen_csp_at (f, "gen", NULL, 2 * AU_PRICE_SCALE, &bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 0);
  result = parse_output (out, &holder);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "resting");
  g_assert_cmpint (json_object_get_int_member (result, "filled_quantity"), ==, 0);
  g_assert_true (json_object_get_null_member (result, "average_price"));
  g_assert_nonnull (json_object_get_string_member (result, "broker_order_id"));

  orders = exchange_dup_orders (f, json_object_get_string_member (result, "client_order_id"));
  g_assert_cmpuint (orders->len, ==, 1);
  update = g_ptr_array_index (orders, 0);
  g_assert_cmpint (update->state, ==, AU_ORDER_WORKING);
  g_assert_cmpint (update->filled, ==, 0);

  judged = parse_time (json_object_get_string_member (result, "judged_at"));
  after = stored_time (f);
  /* The times of the output are whole seconds; the stored clock is µs. */
  g_assert_cmpint (judged, ==, before / G_USEC_PER_SEC * G_USEC_PER_SEC);
  g_assert_cmpint (after, >, before);
  g_assert_cmpint (after, <=, before + 15 * 60 * G_USEC_PER_SEC);
  g_assert_cmpint (after / G_USEC_PER_SEC * G_USEC_PER_SEC, ==,
                   parse_time (json_object_get_string_member (result, "finished_at")));
}

static void
test_no_portfolio (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  const char *args[] = { "order", "--paper", "--db", empty, "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  AuPrice bid = 0;

  write_gen_csp (f, "gen", NULL, &bid);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "alluse-cli run --paper"));
}

static void
test_second_writer (Fixture       *f,
                    gconstpointer  data)
{
  const char *args[] = { "order", "--paper", "--db", f->db_path, "--json", f->input_path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) holder = NULL;
  AuPrice bid = 0;

  write_gen_csp (f, "gen", NULL, &bid);
  holder = au_database_open (f->db_path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (args, NULL, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  plain = g_ascii_strdown (err, -1);
  g_assert_nonnull (strstr (plain, "writer"));
  g_clear_object (&holder);
  g_assert_cmpuint (exchange_orders (f, "man-"), ==, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  make_base ();
  ADD ("/order-cli/paper-fill", test_paper_fill);
  ADD ("/order-cli/paper-resting", test_paper_resting);
  ADD ("/order-cli/duplicate", test_duplicate);
  ADD ("/order-cli/rules-rejection", test_rules_rejection);
  ADD ("/order-cli/malformed", test_malformed);
  ADD ("/order-cli/crash-between-persist-and-send", test_crash_between_persist_and_send);
  ADD ("/order-cli/no-portfolio", test_no_portfolio);
  ADD ("/order-cli/second-writer", test_second_writer);
  status = g_test_run ();
  remove_dir (base_dir);
  g_free (base_dir);
  return status;
}

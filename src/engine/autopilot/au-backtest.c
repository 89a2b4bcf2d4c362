/* au-backtest.c: the autopilot on the paper market with a stepped clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-autopilot.h"
#include "au-backtest.h"
#include "au-bars-csv.h"
#include "au-json.h"
#include "au-money.h"
#include "au-paper-broker.h"
#include "au-week-type.h"

#define WEEK_USEC ((gint64) 7 * 24 * 3600 * G_USEC_PER_SEC)
#define WEEKS_PER_YEAR 52

void
au_backtest_result_free (AuBacktestResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->years, g_array_unref);
  g_free (result);
}

/* Each sleeve at its value: the ledger's equity at cost with shares at
 * their last price; the tax reserve apart (D4). */
typedef struct
{
  AuMoney gen, rev, com, minis, tax_reserve;
  AuMoney income;          /* cumulative net premium after commissions */
} Marks;

static AuMoney
marks_equity (const Marks *m)
{
  return m->gen + m->rev + m->com + m->minis + m->tax_reserve;
}

static gboolean
take_marks (AuLedger     *ledger,
            AuMarketSim  *market,
            Marks        *marks,
            GError      **error)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (ledger, error);

  memset (marks, 0, sizeof *marks);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      g_autoptr(GArray) positions = NULL;
      AuLedgerSummary summary;
      AuMoney value;

      if (!au_ledger_get_summary (ledger, account->id, &summary, error))
        return FALSE;
      marks->income += summary.premium_income - summary.commissions;
      if (account->status != AU_ACCOUNT_ACTIVE || account->kind == AU_ACCOUNT_ROOT)
        continue;
      value = summary.equity_at_cost - summary.tax_reserve;
      positions = au_ledger_list_positions (ledger, account->id, TRUE, error);
      if (positions == NULL)
        return FALSE;
      for (guint j = 0; j < positions->len; j++)
        {
          const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, j);
          AuPrice last;

          if (p->right == AU_RIGHT_STOCK && au_market_sim_get_last (market, p->symbol, &last))
            value += p->quantity * (last / (AU_PRICE_SCALE / AU_MONEY_SCALE)) - p->cost_basis;
        }
      marks->tax_reserve += summary.tax_reserve;
      switch (account->kind)
        {
        case AU_ACCOUNT_GEN:
          marks->gen += value;
          break;
        case AU_ACCOUNT_REV:
          marks->rev += value;
          break;
        case AU_ACCOUNT_COM:
          marks->com += value;
          break;
        case AU_ACCOUNT_MINI:
          marks->minis += value;
          break;
        case AU_ACCOUNT_ROOT:
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
replay_csv (AuMarketSim  *market,
            const char   *dir,
            GError      **error)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return FALSE;
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".csv"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autofree char *symbol = g_ascii_strup (file_name, strlen (file_name) - 4);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GArray) bars = au_bars_csv_load (file, error);

      if (bars == NULL || !au_market_sim_replay (market, symbol, bars, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }
    }
  return TRUE;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!au_broker_connect_finish (AU_BROKER (source), result, error) && *error == NULL)
    g_set_error_literal (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_BROKER,
                         "The paper broker did not connect");
}

AuBacktestResult *
au_backtest_run (const AuBacktestConfig  *config,
                 GError                 **error)
{
  g_autoptr(AuConstitution) constitution = NULL;
  g_autoptr(AuDatabase) database = NULL;
  g_autoptr(AuAuditLog) audit = NULL;
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(AuRulesEngine) rules = NULL;
  g_autoptr(AuMarketSim) market = NULL;
  g_autoptr(AuPaperExchange) exchange = NULL;
  g_autoptr(AuClock) clock = NULL;
  g_autoptr(AuPaperBroker) broker = NULL;
  g_autoptr(AuAutopilot) autopilot = NULL;
  g_autoptr(GDateTime) opened = NULL;
  g_autoptr(AuBacktestResult) result = NULL;
  g_autoptr(GError) connect_error = NULL;
  AuAutopilotConfig ap = { 0 };
  AuAuditVerifyResult verify = { 0 };
  const AuAutopilotStats *stats;
  AuBacktestYear year = { 0 };
  AuAutopilotStats at_year_start = { 0 };
  Marks marks = { 0 };
  Marks year_start = { 0 };
  AuMoney peak;
  gint64 start_usec;
  guint n_weeks;
  gboolean connected = FALSE;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->db_path != NULL, NULL);

  if (config->years == 0 || config->capital <= 0 || !g_date_valid (&config->start))
    {
      g_set_error_literal (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_INVALID,
                           config->years == 0 ? "--years must be at least 1"
                           : config->capital <= 0 ? "--capital must be positive"
                           : "--start is not a date");
      return NULL;
    }
  /* Cancelled before it began: no file is made. */
  if (g_cancellable_set_error_if_cancelled (config->cancellable, error))
    return NULL;
  constitution = au_constitution_new_default (error);
  if (constitution == NULL)
    return NULL;
  /* The market and its replayed bars first: a bad CSV leaves no file. */
  market = au_market_sim_new (config->seed, &config->start, error);
  if (market == NULL)
    return NULL;
  if (config->csv_dir != NULL && !replay_csv (market, config->csv_dir, error))
    return NULL;
  database = au_database_open (config->db_path, AU_DATABASE_READ_WRITE, error);
  if (database == NULL)
    return NULL;
  /* A backtest's file is rebuilt from its seed at will: WAL's NORMAL
   * synchronous mode (still consistent after a crash, the last commits may
   * be lost) saves an fdatasync per commit, most of the wall time. */
  if (!au_database_exec (database, "PRAGMA synchronous = NORMAL", error))
    return NULL;
  audit = au_audit_log_new (database, error);
  if (audit == NULL)
    return NULL;
  ledger = au_ledger_new (database, constitution, error);
  if (ledger == NULL)
    return NULL;
  {
    g_autoptr(GArray) accounts = au_ledger_list_accounts (ledger, error);

    if (accounts == NULL)
      return NULL;
    if (accounts->len > 0)
      {
        g_set_error (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_INVALID,
                     "%s holds a portfolio already: a backtest starts on a new database",
                     config->db_path);
        return NULL;
      }
  }
  rules = au_rules_engine_new (constitution, audit);
  exchange = au_paper_exchange_new_for_market (market, config->capital);
  opened = au_market_sim_dup_time (market);
  start_usec = g_date_time_to_unix (opened) * G_USEC_PER_SEC;
  clock = au_clock_new_stepped (start_usec);
  broker = au_paper_broker_new (exchange, clock);
  au_broker_connect_async (AU_BROKER (broker), NULL, on_connected, &connect_error);
  /* The thread-default context, not the global one: the broker calls
   * back there, and a run in a worker thread (the GUI's backtest dialog)
   * must never iterate the UI thread's context. */
  while (!connected && connect_error == NULL)
    {
      g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
      connected = au_broker_get_state (AU_BROKER (broker)) == AU_BROKER_READY;
    }
  if (connect_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&connect_error));
      return NULL;
    }

  ap.constitution = constitution;
  ap.database = database;
  ap.ledger = ledger;
  ap.audit = audit;
  ap.rules = rules;
  ap.broker = AU_BROKER (broker);
  ap.clock = clock;
  ap.market = market;
  ap.capital = config->capital;
  /* D2.26: nobody is there to reset a latch; the policy does. */
  ap.unattended = TRUE;
  autopilot = au_autopilot_new (&ap, error);
  if (autopilot == NULL || !au_autopilot_start (autopilot, error))
    return NULL;

  result = g_new0 (AuBacktestResult, 1);
  result->seed = config->seed;
  result->capital = config->capital;
  result->years = g_array_new (FALSE, TRUE, sizeof (AuBacktestYear));
  if (!take_marks (ledger, market, &year_start, error))
    return NULL;
  peak = marks_equity (&year_start);
  n_weeks = config->years * WEEKS_PER_YEAR;
  stats = au_autopilot_get_stats (autopilot);

  for (guint week = 1; week <= n_weeks; week++)
    {
      AuMoney equity;

      if (!au_autopilot_run_until (autopilot, start_usec + week * WEEK_USEC - G_USEC_PER_SEC,
                                   error))
        return NULL;
      if (!take_marks (ledger, market, &marks, error))
        return NULL;
      equity = marks_equity (&marks);
      peak = MAX (peak, equity);
      if (peak > 0)
        year.max_drawdown = MAX (year.max_drawdown, 1.0 - (double) equity / (double) peak);
      if (config->progress != NULL)
        config->progress (week, n_weeks, equity, config->progress_data);
      /* After a week the autopilot has drained every answer the broker
       * owed and each decision has committed with its audit record, so
       * stopping here leaves a whole, valid database, closed as the
       * objects above are released. */
      if (week < n_weeks && g_cancellable_set_error_if_cancelled (config->cancellable, error))
        return NULL;

      if (week % WEEKS_PER_YEAR == 0)
        {
          year.year = week / WEEKS_PER_YEAR;
          year.gen = marks.gen;
          year.rev = marks.rev;
          year.com = marks.com;
          year.minis = marks.minis;
          year.tax_reserve = marks.tax_reserve;
          year.equity = equity;
          year.income = marks.income - year_start.income;
          year.forks = stats->forks - at_year_start.forks;
          year.merges = stats->merges - at_year_start.merges;
          for (guint t = 0; t < G_N_ELEMENTS (year.week_types); t++)
            year.week_types[t] = stats->week_types[t] - at_year_start.week_types[t];
          g_array_append_val (result->years, year);
          memset (&year, 0, sizeof year);
          year_start = marks;
          at_year_start = *stats;
          /* Each year's drawdown is from its own peak. */
          peak = equity;
        }
    }

  result->final_equity = marks_equity (&marks);
  result->cagr = result->final_equity > 0
                 ? pow ((double) result->final_equity / (double) config->capital,
                        1.0 / config->years) - 1.0
                 : -1.0;
  result->forks = stats->forks;
  result->merges = stats->merges;
  result->orders = stats->orders;
  result->rejected_by_rules = stats->rejected_by_rules;
  result->weeks = stats->weeks;
  if (!au_audit_log_verify (database, &verify, error))
    return NULL;
  result->audit_records = verify.records;
  au_audit_verify_result_clear (&verify);
  return g_steal_pointer (&result);
}

static void
append_money (GString    *out,
              const char *name,
              AuMoney     cents)
{
  g_autofree char *text = au_money_format (cents);

  g_string_append_printf (out, "\"%s\": %s", name, text);
}

static void
append_fraction (GString    *out,
                 const char *name,
                 double      value)
{
  g_string_append_printf (out, "\"%s\": ", name);
  /* Six decimals: enough for a rate, and the same text wherever it runs. */
  au_json_append_double (out, round (value * 1e6) / 1e6);
}

char *
au_backtest_result_to_json (const AuBacktestResult *result)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  g_string_append_printf (out, "{\"seed\": %" G_GUINT64_FORMAT ", \"years\": [", result->seed);
  for (guint i = 0; i < result->years->len; i++)
    {
      const AuBacktestYear *y = &g_array_index (result->years, AuBacktestYear, i);

      g_string_append_printf (out, "%s{\"year\": %u, ", i > 0 ? ", " : "", y->year);
      append_money (out, "equity", y->equity);
      g_string_append (out, ", ");
      append_money (out, "gen", y->gen);
      g_string_append (out, ", ");
      append_money (out, "rev", y->rev);
      g_string_append (out, ", ");
      append_money (out, "com", y->com);
      g_string_append (out, ", ");
      append_money (out, "minis", y->minis);
      g_string_append (out, ", ");
      append_money (out, "tax_reserve", y->tax_reserve);
      g_string_append (out, ", ");
      append_money (out, "income", y->income);
      g_string_append_printf (out, ", \"forks\": %" G_GUINT64_FORMAT ", \"merges\": %"
                              G_GUINT64_FORMAT ", ", y->forks, y->merges);
      append_fraction (out, "max_drawdown", y->max_drawdown);
      g_string_append (out, ", \"week_types\": {");
      for (guint t = 0; t < G_N_ELEMENTS (y->week_types); t++)
        g_string_append_printf (out, "%s\"%s\": %" G_GUINT64_FORMAT, t > 0 ? ", " : "",
                                au_week_type_to_key ((AuWeekType) t), y->week_types[t]);
      g_string_append (out, "}}");
    }
  g_string_append (out, "], \"totals\": {");
  append_money (out, "final_equity", result->final_equity);
  g_string_append (out, ", ");
  append_fraction (out, "cagr", result->cagr);
  g_string_append_printf (out, ", \"forks\": %" G_GUINT64_FORMAT ", \"merges\": %" G_GUINT64_FORMAT
                          ", \"orders\": %" G_GUINT64_FORMAT ", \"rejected_by_rules\": %"
                          G_GUINT64_FORMAT ", \"audit_records\": %" G_GUINT64_FORMAT "}}\n",
                          result->forks, result->merges, result->orders, result->rejected_by_rules,
                          result->audit_records);
  return g_string_free (out, FALSE);
}

char *
au_backtest_result_to_table (const AuBacktestResult *result)
{
  GString *out = g_string_new (NULL);
  static const char *short_names[] = { "calm", "earn", "asgn", "hedg", "roll", "pres" };

  g_return_val_if_fail (result != NULL, NULL);

  g_string_append_printf (out, "%4s %13s %12s %12s %12s %12s %11s %11s %5s %6s %7s  ",
                          "Year", "Equity", "Gen", "Rev", "Com", "MINIs", "Tax res.", "Income",
                          "Forks", "Merges", "Max DD");
  for (guint t = 0; t < G_N_ELEMENTS (short_names); t++)
    g_string_append_printf (out, "%5s", short_names[t]);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < result->years->len; i++)
    {
      const AuBacktestYear *y = &g_array_index (result->years, AuBacktestYear, i);
      g_autofree char *equity = au_money_format (y->equity);
      g_autofree char *gen = au_money_format (y->gen);
      g_autofree char *rev = au_money_format (y->rev);
      g_autofree char *com = au_money_format (y->com);
      g_autofree char *minis = au_money_format (y->minis);
      g_autofree char *tax = au_money_format (y->tax_reserve);
      g_autofree char *income = au_money_format (y->income);

      g_string_append_printf (out, "%4u %13s %12s %12s %12s %12s %11s %11s %5" G_GUINT64_FORMAT
                              " %6" G_GUINT64_FORMAT " %6.2f%%  ", y->year, equity, gen, rev, com,
                              minis, tax, income, y->forks, y->merges, y->max_drawdown * 100);
      for (guint t = 0; t < G_N_ELEMENTS (y->week_types); t++)
        g_string_append_printf (out, "%5" G_GUINT64_FORMAT, y->week_types[t]);
      g_string_append_c (out, '\n');
    }
  {
    g_autofree char *final = au_money_format (result->final_equity);

    g_string_append_printf (out, "\nFinal equity %s, CAGR %.2f%%; %" G_GUINT64_FORMAT " forks, %"
                            G_GUINT64_FORMAT " merges, %" G_GUINT64_FORMAT " orders, %"
                            G_GUINT64_FORMAT " refused by the rules, %" G_GUINT64_FORMAT
                            " audit records\n", final, result->cagr * 100, result->forks,
                            result->merges, result->orders, result->rejected_by_rules,
                            result->audit_records);
  }
  return g_string_free (out, FALSE);
}

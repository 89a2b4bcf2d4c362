/* scenario-fixture.h: the whole autopilot on a seeded paper market, for
 * the acceptance tests of research §3.18
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <string.h>

#include "au-autopilot.h"
#include "au-market-calendar.h"
#include "au-paper-broker.h"

#define CAPITAL ((AuMoney) 300000 * AU_MONEY_SCALE)

typedef struct
{
  char            *dir;
  char            *path;
  AuConstitution  *constitution;
  AuMarketSim     *market;
  AuPaperExchange *exchange;
  AuClock         *clock;
  AuPaperBroker   *broker;
  gboolean         unattended;
  AuMoney          capital;
  /* What the engine thread opens, closed again by a "crash". */
  AuDatabase      *db;
  AuAuditLog      *audit;
  AuLedger        *ledger;
  AuRulesEngine   *rules;
  AuAutopilot     *autopilot;
} Scenario;

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

static inline void
scenario_start_autopilot (Scenario *s)
{
  g_autoptr(GError) error = NULL;
  AuAutopilotConfig config = { 0 };

  s->db = au_database_open (s->path, AU_DATABASE_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (au_database_exec (s->db, "PRAGMA synchronous = NORMAL", &error));
  s->audit = au_audit_log_new (s->db, &error);
  g_assert_no_error (error);
  s->ledger = au_ledger_new (s->db, s->constitution, &error);
  g_assert_no_error (error);
  s->rules = au_rules_engine_new (s->constitution, s->audit);
  config.constitution = s->constitution;
  config.database = s->db;
  config.ledger = s->ledger;
  config.audit = s->audit;
  config.rules = s->rules;
  config.broker = AU_BROKER (s->broker);
  config.clock = s->clock;
  config.market = s->market;
  config.capital = s->capital;
  config.unattended = s->unattended;
  s->autopilot = au_autopilot_new (&config, &error);
  g_assert_no_error (error);
  g_assert_true (au_autopilot_start (s->autopilot, &error));
  g_assert_no_error (error);
}

/* The engine goes away at once; the broker and the file stay (D4). */
static inline void
scenario_crash_autopilot (Scenario *s)
{
  g_clear_object (&s->autopilot);
  g_clear_object (&s->rules);
  g_clear_object (&s->ledger);
  g_clear_object (&s->audit);
  g_clear_object (&s->db);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A market from @seed whose first session is @y-@m-@d; @prepare may
 * script prices (au_market_sim_replay) before anything trades. */
static inline void
scenario_open_with_capital (Scenario *s,
                            guint64   seed,
                            int       y,
                            int       m,
                            int       d,
                            gboolean  unattended,
                            void    (*prepare) (AuMarketSim *market),
                            AuMoney   capital)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = NULL;
  GDate start;

  memset (s, 0, sizeof *s);
  s->dir = g_dir_make_tmp ("alluse-scenario-XXXXXX", &error);
  g_assert_no_error (error);
  s->path = g_build_filename (s->dir, "autopilot.db", NULL);
  s->unattended = unattended;
  s->capital = capital;
  s->constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, d, m, y);
  s->market = au_market_sim_new (seed, &start, &error);
  g_assert_no_error (error);
  if (prepare != NULL)
    prepare (s->market);
  s->exchange = au_paper_exchange_new_for_market (s->market, capital);
  opened = au_market_sim_dup_time (s->market);
  s->clock = au_clock_new_stepped (g_date_time_to_unix (opened) * G_USEC_PER_SEC);
  s->broker = au_paper_broker_new (s->exchange, s->clock);
  au_broker_connect_async (AU_BROKER (s->broker), NULL, NULL, NULL);
  while (au_broker_get_state (AU_BROKER (s->broker)) != AU_BROKER_READY)
    g_main_context_iteration (NULL, TRUE);
  scenario_start_autopilot (s);
}

static inline void
scenario_open (Scenario *s,
               guint64   seed,
               int       y,
               int       m,
               int       d,
               gboolean  unattended,
               void    (*prepare) (AuMarketSim *market))
{
  scenario_open_with_capital (s, seed, y, m, d, unattended, prepare, CAPITAL);
}

static inline void
scenario_run_until (Scenario *s,
                    gint64    usec)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_autopilot_run_until (s->autopilot, usec, &error));
  g_assert_no_error (error);
}

static inline void
scenario_close (Scenario *s)
{
  scenario_crash_autopilot (s);
  g_clear_object (&s->broker);
  g_clear_object (&s->clock);
  g_clear_object (&s->exchange);
  g_clear_object (&s->market);
  g_clear_object (&s->constitution);
  {
    g_autoptr(GDir) dir = g_dir_open (s->dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (s->dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (s->dir);
  g_clear_pointer (&s->path, g_free);
  g_clear_pointer (&s->dir, g_free);
}

/* Every audit record, oldest first. */
static inline GPtrArray *
scenario_audit (Scenario *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) newest_first = au_audit_log_list (s->db, 0, &error);
  GPtrArray *records;

  g_assert_no_error (error);
  records = g_ptr_array_new_full (newest_first->len, (GDestroyNotify) au_audit_record_free);
  for (guint i = newest_first->len; i > 0; i--)
    g_ptr_array_add (records, g_ptr_array_steal_index (newest_first, i - 1));
  return records;
}

static inline const char *
context_string (const AuAuditRecord *record,
                const char          *member)
{
  JsonObject *object;

  if (record->context == NULL || !JSON_NODE_HOLDS_OBJECT (record->context))
    return NULL;
  object = json_node_get_object (record->context);
  return json_object_has_member (object, member)
         ? json_object_get_string_member_with_default (object, member, NULL) : NULL;
}

/* Daily bars that follow @closes (open at the previous close, high and
 * low @range either side of the day's move), one per session from the
 * market's current session; the last close repeats to @n_days. */
static inline GArray *
scripted_bars (AuMarketSim  *market,
               const char   *symbol,
               const double *closes,
               guint         n_closes,
               guint         n_days,
               double        range)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (AuDailyBar));
  GDate day;
  int minute;
  double previous;

  au_market_sim_get_clock (market, &day, &minute);
  g_assert_true (au_market_sim_get_price (market, symbol, &previous));
  for (guint i = 0; i < n_days; i++, au_nyse_next_trading_day (&day))
    {
      double close = closes[MIN (i, n_closes - 1)];
      AuDailyBar bar = { 0 };

      bar.date = day;
      bar.open = (AuPrice) (previous * AU_PRICE_SCALE);
      bar.close = (AuPrice) (close * AU_PRICE_SCALE);
      bar.high = (AuPrice) (MAX (previous, close) * (1 + range) * AU_PRICE_SCALE);
      bar.low = (AuPrice) (MIN (previous, close) * (1 - range) * AU_PRICE_SCALE);
      bar.volume = 1000000;
      g_array_append_val (bars, bar);
      previous = close;
    }
  return bars;
}

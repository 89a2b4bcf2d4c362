/* au-leap-ladder.c: LLMS, the LEAP ladder manager (R17.1–R17.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include <string.h>

#include "au-account-manager-private.h"
#include "au-market-calendar.h"
#include "au-money.h"
#include "au-schedule.h"

/* S5's month: days / 30.44 (R17.3). */
#define DAYS_PER_MONTH 30.44

typedef struct
{
  gint64         id;
  gint64         account_id;
  char          *quarter;
  gboolean       growth;
  char          *symbol;
  AuOptionRight  right;
  AuPrice        strike;
  GDate          expiry;
  gint64         quantity;
  AuPrice        price;
  char          *origin;
  char          *state;
  char          *planned_at;  /* Eastern ISO 8601: its date is the order's day */
} Rung;

static void
rung_clear (Rung *rung)
{
  g_clear_pointer (&rung->quarter, g_free);
  g_clear_pointer (&rung->symbol, g_free);
  g_clear_pointer (&rung->origin, g_free);
  g_clear_pointer (&rung->state, g_free);
  g_clear_pointer (&rung->planned_at, g_free);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Rungs of @account_id (every account when 0), open ones only when
 * @open_only, by account then expiry. */
static GArray *
list_rungs (AuAccountManager  *self,
            gint64             account_id,
            gboolean           open_only,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rungs = NULL;
  int rc;

  stmt = au_database_prepare (self->database,
                              "SELECT id, account_id, quarter, kind, symbol, right, strike, "
                              "expiry, quantity, price, origin, state, planned_at FROM accounts_leap_rungs "
                              "WHERE (?1 = 0 OR account_id = ?1) AND (?2 = 0 OR state = 'open') "
                              "ORDER BY account_id, expiry, id;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, open_only);

  rungs = g_array_new (FALSE, TRUE, sizeof (Rung));
  g_array_set_clear_func (rungs, (GDestroyNotify) rung_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Rung rung = { 0, };
      g_autofree char *expiry = column_text (stmt, 7);

      rung.id = sqlite3_column_int64 (stmt, 0);
      rung.account_id = sqlite3_column_int64 (stmt, 1);
      rung.quarter = column_text (stmt, 2);
      rung.growth = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "growth") == 0;
      rung.symbol = column_text (stmt, 4);
      rung.right = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "C") == 0
                   ? AU_OPTION_CALL : AU_OPTION_PUT;
      rung.strike = sqlite3_column_int64 (stmt, 6);
      g_date_clear (&rung.expiry, 1);
      g_date_set_parse (&rung.expiry, expiry);
      rung.quantity = sqlite3_column_int64 (stmt, 8);
      rung.price = sqlite3_column_int64 (stmt, 9);
      rung.origin = column_text (stmt, 10);
      rung.state = column_text (stmt, 11);
      rung.planned_at = column_text (stmt, 12);
      if (!g_date_valid (&rung.expiry))
        {
          g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                       "LEAP rung %" G_GINT64_FORMAT ": unreadable expiry “%s”", rung.id, expiry);
          rung_clear (&rung);
          return NULL;
        }
      g_array_append_val (rungs, rung);
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "reading the LEAP ladder");
      return NULL;
    }
  return g_steal_pointer (&rungs);
}

static gboolean
insert_rung (AuAccountManager    *self,
             gint64               account_id,
             const char          *quarter,
             gboolean             growth,
             const char          *symbol,
             const AuOptionQuote *quote,
             gint64               quantity,
             const char          *origin,
             GDateTime           *time,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *time_text = _au_time_text (time);
  char expiry[16];

  insert = au_database_prepare (self->database,
                                "INSERT INTO accounts_leap_rungs (account_id, quarter, kind, "
                                "symbol, right, strike, expiry, quantity, price, planned_at, "
                                "origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);",
                                error);
  if (insert == NULL)
    return FALSE;
  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &quote->expiry);
  sqlite3_bind_int64 (insert, 1, account_id);
  sqlite3_bind_text (insert, 2, quarter, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, growth ? "growth" : "hedge", -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, symbol, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, quote->right == AU_OPTION_CALL ? "C" : "P", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 6, quote->strike);
  sqlite3_bind_text (insert, 7, expiry, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 8, quantity);
  sqlite3_bind_int64 (insert, 9, quote->ask);
  sqlite3_bind_text (insert, 10, time_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 11, origin, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "recording a LEAP rung");
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_state (AuAccountManager  *self,
           gint64             rung_id,
           const char        *state,
           GError           **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;

  update = au_database_prepare (self->database,
                                "UPDATE accounts_leap_rungs SET state = ?2 WHERE id = ?1;",
                                error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, rung_id);
  sqlite3_bind_text (update, 2, state, -1, SQLITE_STATIC);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "closing a LEAP rung");
      return FALSE;
    }
  return TRUE;
}

static gboolean
quarter_has_rung (AuAccountManager  *self,
                  gint64             account_id,
                  const char        *quarter,
                  gboolean          *exists,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "SELECT count (*) FROM accounts_leap_rungs WHERE account_id = ?1 "
                              "AND quarter = ?2 AND origin = 'budget';", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, quarter, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (self->database, error, "reading the LEAP ladder");
      return FALSE;
    }
  *exists = sqlite3_column_int64 (stmt, 0) > 0;
  return TRUE;
}

static void
months_window (const GDate *today,
               int          min_months,
               int          max_months,
               guint       *min_dte,
               guint       *max_dte)
{
  GDate earliest = *today, latest = *today;

  g_date_add_months (&earliest, min_months);
  g_date_add_months (&latest, max_months);
  *min_dte = (guint) au_schedule_dte (today, &earliest);
  *max_dte = (guint) au_schedule_dte (today, &latest);
}

static gboolean
expiry_held (const GArray *rungs,
             gboolean      growth,
             const GDate  *expiry)
{
  for (guint i = 0; i < rungs->len; i++)
    {
      const Rung *rung = &g_array_index (rungs, Rung, i);

      if (rung->growth == growth && g_date_compare (&rung->expiry, expiry) == 0)
        return TRUE;
    }
  return FALSE;
}

/* R17.1 growth call: Δ 0.25–0.35 (nearest the middle), 12–18 months.
 * R17.2 staggers the ladder: the earliest expiry of the window that no
 * open rung holds yet. */
static const AuOptionQuote *
pick_growth (AuOptionChain              *chain,
             const GArray               *rungs,
             const AuConstitutionParams *p)
{
  GArray *expiries = au_option_chain_get_expiries (chain);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < expiries->len; i++)
      {
        const GDate *expiry = &g_array_index (expiries, GDate, i);
        const AuOptionQuote *q;

        if (pass == 0 && expiry_held (rungs, TRUE, expiry))
          continue;
        q = au_option_chain_find_delta (chain, expiry, AU_OPTION_CALL, p->leap.growth_delta_min,
                                        p->leap.growth_delta_max);
        if (q != NULL && q->ask > 0)
          return q;
      }
  return NULL;
}

/* R17.1 hedge put: 10–20% out of the money (nearest the middle), 6–12
 * months, staggered as the growth calls are. */
static const AuOptionQuote *
pick_hedge (AuOptionChain              *chain,
            const GArray               *rungs,
            const AuConstitutionParams *p)
{
  GArray *expiries = au_option_chain_get_expiries (chain);
  double spot = au_option_chain_get_spot (chain);
  double middle = (p->leap.hedge_otm_min + p->leap.hedge_otm_max) / 2;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < expiries->len; i++)
      {
        const GDate *expiry = &g_array_index (expiries, GDate, i);
        const AuOptionQuote *best = NULL;
        double best_gap = G_MAXDOUBLE;

        if (pass == 0 && expiry_held (rungs, FALSE, expiry))
          continue;
        for (guint k = 0; k < au_option_chain_get_n_quotes (chain); k++)
          {
            const AuOptionQuote *q = au_option_chain_get_quote (chain, k);
            double otm = (spot - au_price_to_double (q->strike)) / spot;

            if (q->right != AU_OPTION_PUT || g_date_compare (&q->expiry, expiry) != 0
                || q->ask <= 0 || otm < p->leap.hedge_otm_min - 1e-9
                || otm > p->leap.hedge_otm_max + 1e-9)
              continue;
            if (ABS (otm - middle) < best_gap)
              {
                best = q;
                best_gap = ABS (otm - middle);
              }
          }
        if (best != NULL)
          return best;
      }
  return NULL;
}

static void
add_intent (GArray              *intents,
            gint64               account_id,
            const char          *symbol,
            AuOptionRight        right,
            AuPrice              strike,
            const GDate         *expiry,
            AuSide               side,
            gint64               quantity,
            AuTradePurpose       purpose,
            const char          *rule,
            const AuOptionQuote *quote)
{
  AuTradeIntent intent = {
    .account_id = account_id,
    .side = side,
    .quantity = quantity,
    .purpose = purpose,
    .rule = rule,
  };

  au_contract_init_option (&intent.contract, symbol, right, strike, expiry);
  /* One order per contract and side in a review: rungs sharing a series
   * are closed (or replaced) by one order for their sum, never by two
   * orders that each count on the same holding. */
  for (guint i = 0; i < intents->len; i++)
    {
      AuTradeIntent *same = &g_array_index (intents, AuTradeIntent, i);

      if (same->account_id == account_id && same->side == side && same->purpose == purpose
          && au_contract_equal (&same->contract, &intent.contract))
        {
          same->quantity += quantity;
          au_contract_clear (&intent.contract);
          return;
        }
    }
  if (quote != NULL)
    {
      intent.bid = quote->bid;
      intent.ask = quote->ask;
      intent.delta = quote->delta;
    }
  g_array_append_val (intents, intent);
}

static void
note (JsonArray  *notes,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
note (JsonArray  *notes,
      const char *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  json_array_add_string_element (notes, text);
}

/* The chain quote of a held rung's series now, or NULL. */
static AuOptionChain *
chain_for (AuChainProvider   provider,
           gpointer          user_data,
           const char       *symbol,
           guint             min_dte,
           guint             max_dte,
           GError          **error)
{
  AuOptionChain *chain = provider (symbol, min_dte, max_dte, user_data, error);

  if (chain == NULL && error != NULL && *error == NULL)
    g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NO_CHAIN,
                 "no option chain of %s from %u to %u days", symbol, min_dte, max_dte);
  return chain;
}

typedef struct
{
  AuAccountManager   *self;
  GDateTime          *time;
  GDate               today;
  const AuLeapInputs *inputs;
  AuChainProvider     provider;
  gpointer            user_data;
  GArray             *intents;
} Plan;

/* A new rung of @growth kind for @amount (or @quantity contracts when
 * > 0: a roll's replacement). */
static gboolean
buy_rung (Plan                  *plan,
          const AuLedgerAccount *account,
          const GArray          *rungs,
          gboolean               growth,
          AuMoney                amount,
          gint64                 quantity,
          const char            *quarter,
          JsonArray             *notes,
          GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (plan->self->constitution);
  const char *symbol = growth ? plan->inputs->growth_symbol : plan->inputs->hedge_symbol;
  g_autoptr(AuOptionChain) chain = NULL;
  const AuOptionQuote *q;
  guint min_dte, max_dte;

  if (growth)
    months_window (&plan->today, p->leap.growth_months_min, p->leap.growth_months_max, &min_dte,
                   &max_dte);
  else
    months_window (&plan->today, p->leap.hedge_months_min, p->leap.hedge_months_max, &min_dte,
                   &max_dte);
  chain = chain_for (plan->provider, plan->user_data, symbol, min_dte, max_dte, error);
  if (chain == NULL)
    return FALSE;
  q = growth ? pick_growth (chain, rungs, p) : pick_hedge (chain, rungs, p);
  if (q == NULL)
    {
      note (notes, "R17.1: no %s %s in %u–%u days fits the band; nothing bought", symbol,
            growth ? "call" : "put", min_dte, max_dte);
      return TRUE;
    }
  if (quantity <= 0)
    quantity = amount / q->ask; /* a contract costs ask x 100 shares: in cents, the ask */
  if (quantity <= 0)
    {
      g_autofree char *amount_text = _au_format_dollars (amount);
      g_autofree char *cost_text = _au_format_dollars (q->ask);

      note (notes, "R17.1: the %s budget of %s is below one %s contract (%s); it waits",
            growth ? "growth" : "hedge", amount_text, symbol, cost_text);
      return TRUE;
    }
  if (!insert_rung (plan->self, account->id, quarter, growth, symbol, q, quantity,
                    amount > 0 ? "budget" : "roll", plan->time, error))
    return FALSE;
  add_intent (plan->intents, account->id, symbol, q->right, q->strike, &q->expiry, AU_SIDE_BUY,
              quantity, amount > 0 ? (growth ? AU_TRADE_LEAP_GROWTH : AU_TRADE_LEAP_HEDGE)
                                   : AU_TRADE_LEAP_ROLL_OPEN, amount > 0 ? "R17.1" : "R17.2", q);
  return TRUE;
}

/* R17.3 on each open rung: close hedge puts once VIX normalizes, roll
 * forward at <= roll_months to expiry or a growth delta outside the
 * roll band. */
static gboolean
review_rungs (Plan                  *plan,
              const AuLedgerAccount *account,
              const GArray          *rungs,
              const char            *quarter,
              JsonArray             *notes,
              GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (plan->self->constitution);

  for (guint i = 0; i < rungs->len; i++)
    {
      const Rung *rung = &g_array_index (rungs, Rung, i);
      g_autoptr(AuOptionChain) chain = NULL;
      const AuOptionQuote *q;
      char expiry[16];
      int dte = au_schedule_dte (&plan->today, &rung->expiry);
      double months = dte / DAYS_PER_MONTH;
      gboolean roll;

      g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &rung->expiry);
      if (dte < 0)
        {
          /* Settled by the broker at expiry; the ledger books that event. */
          note (notes, "R17.2: %s %s has expired; its rung leaves the ladder", rung->symbol,
                expiry);
          if (!set_state (plan->self, rung->id, "expired", error))
            return FALSE;
          continue;
        }
      chain = chain_for (plan->provider, plan->user_data, rung->symbol, dte, dte, error);
      if (chain == NULL)
        return FALSE;
      q = au_option_chain_find (chain, &rung->expiry, rung->right, rung->strike);

      if (!rung->growth && plan->inputs->vix < p->leap.hedge_close_vix_below)
        {
          note (notes, "R17.3: VIX %.2f < %.0f: the hedge puts %s %s are closed", plan->inputs->vix,
                p->leap.hedge_close_vix_below, rung->symbol, expiry);
          add_intent (plan->intents, account->id, rung->symbol, rung->right, rung->strike,
                      &rung->expiry, AU_SIDE_SELL, rung->quantity, AU_TRADE_LEAP_HEDGE_CLOSE,
                      "R17.3", q);
          if (!set_state (plan->self, rung->id, "closing", error))
            return FALSE;
          continue;
        }

      roll = months <= p->leap.roll_months;
      if (roll)
        note (notes, "R17.3: %s %s is %.1f months from expiry (≤ %d): rolled forward",
              rung->symbol, expiry, months, p->leap.roll_months);
      else if (rung->growth && q != NULL
               && (ABS (q->delta) < p->leap.roll_delta_min
                   || ABS (q->delta) > p->leap.roll_delta_max))
        {
          roll = TRUE;
          note (notes, "R17.3: %s %s call's delta %.2f left %.2f–%.2f: rolled", rung->symbol,
                expiry, ABS (q->delta), p->leap.roll_delta_min, p->leap.roll_delta_max);
        }
      if (!roll)
        continue;

      add_intent (plan->intents, account->id, rung->symbol, rung->right, rung->strike,
                  &rung->expiry, AU_SIDE_SELL, rung->quantity, AU_TRADE_LEAP_ROLL_CLOSE, "R17.3",
                  q);
      if (!set_state (plan->self, rung->id, "closing", error)
          || !buy_rung (plan, account, rungs, rung->growth, 0, rung->quantity, quarter, notes,
                        error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
plan_sleeve (Plan                  *plan,
             const AuLedgerAccount *account,
             JsonArray             *notes,
             GError               **error)
{
  static const char * const rules[] = { "R17.1", "R17.2", "R17.3", NULL };
  const AuConstitutionParams *p = au_constitution_get_params (plan->self->constitution);
  g_autoptr(GArray) rungs = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *quarter = NULL;
  JsonArray *planned;
  JsonObject *context;
  guint first = plan->intents->len;
  AuMoney budget = 0, growth_amount = 0, hedge_amount = 0;
  gboolean exists = FALSE;

  quarter = g_strdup_printf ("%dQ%d", g_date_get_year (&plan->today),
                             (g_date_get_month (&plan->today) - 1) / 3 + 1);
  rungs = list_rungs (plan->self, account->id, TRUE, error);
  if (rungs == NULL || !review_rungs (plan, account, rungs, quarter, notes, error)
      || !quarter_has_rung (plan->self, account->id, quarter, &exists, error)
      || !au_ledger_get_balance (plan->self->ledger, account->id, AU_BOOK_LEAP_BUDGET, &budget,
                                 error))
    goto fail;

  if (exists)
    note (notes, "R17.2: %s already has its rung for %s; one rung per quarter", account->name,
          quarter);
  else if (budget <= 0)
    note (notes, "R17: %s has no LEAP budget (R3.5 funds it from quarterly gains)",
          account->name);
  else
    {
      growth_amount = au_money_mul_fraction (budget, p->leap.growth_share);
      hedge_amount = budget - growth_amount;
      if (!buy_rung (plan, account, rungs, TRUE, growth_amount, 0, quarter, notes, error))
        goto fail;
      if (plan->inputs->vix < p->leap.hedge_close_vix_below)
        note (notes, "R17.3: VIX %.2f < %.0f: no hedge puts are bought, they would close at "
              "once; the hedge share stays in the budget", plan->inputs->vix,
              p->leap.hedge_close_vix_below);
      else if (!buy_rung (plan, account, rungs, FALSE, hedge_amount, 0, quarter, notes, error))
        goto fail;
    }

  planned = json_array_new ();
  for (guint i = first; i < plan->intents->len; i++)
    json_array_add_element (planned, au_trade_intent_to_json (&g_array_index (plan->intents,
                                                                              AuTradeIntent, i)));
  context = _au_account_context_new (account, "R17: the quarterly LEAP ladder review");
  json_object_set_string_member (context, "quarter", quarter);
  json_object_set_double_member (context, "leap_budget", _au_dollars (budget));
  json_object_set_double_member (context, "growth_amount", _au_dollars (growth_amount));
  json_object_set_double_member (context, "hedge_amount", _au_dollars (hedge_amount));
  json_object_set_double_member (context, "vix", plan->inputs->vix);
  json_object_set_array_member (context, "intents", planned);
  json_object_set_array_member (context, "notes", notes);
  notes = NULL;
  node = _au_account_context_node (context);
  return _au_account_manager_audit (plan->self, plan->time, "leap", rules,
                                    plan->intents->len > first ? "PLANNED" : "NO_ACTION", node,
                                    error);

fail:
  g_clear_pointer (&notes, json_array_unref);
  return FALSE;
}

static gboolean
is_leap_sleeve (const AuLedgerAccount *account)
{
  /* R10.1: only the sleeves that reinvest (Rev, Com) have a LEAP budget. */
  return account->status == AU_ACCOUNT_ACTIVE
         && (account->kind == AU_ACCOUNT_REV || account->kind == AU_ACCOUNT_COM);
}

/* The long quantity @account_id holds of @rung's series in the ledger. */
static gboolean
held_quantity (AuAccountManager  *self,
               const Rung        *rung,
               GArray            *positions,
               gint64            *held)
{
  char expiry[16];

  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &rung->expiry);
  *held = 0;
  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, i);

      if (g_strcmp0 (p->symbol, rung->symbol) == 0 && p->strike == rung->strike
          && g_strcmp0 (p->expiry, expiry) == 0 && p->quantity > 0
          && p->right == (rung->right == AU_OPTION_CALL ? AU_RIGHT_CALL : AU_RIGHT_PUT))
        *held += p->quantity;
    }
  return TRUE;
}

static gboolean
exec_rung (AuAccountManager  *self,
           const char        *sql,
           gint64             rung_id,
           gint64             value,
           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = au_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rung_id);
  sqlite3_bind_int64 (stmt, 2, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "updating the LEAP ladder");
      return FALSE;
    }
  return TRUE;
}

/* "SPY:C:6000000:2021-07-16": the series a rung holds. */
static char *
series_key (const Rung *rung)
{
  char expiry[16];

  g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &rung->expiry);
  return g_strdup_printf ("%s:%c:%" G_GINT64_FORMAT ":%s", rung->symbol,
                          rung->right == AU_OPTION_CALL ? 'C' : 'P', rung->strike, expiry);
}

/* Takes up to @wanted contracts of @rung's series from what the sleeve
 * holds and no earlier rung has taken yet (@left: series → gint64*). */
static gint64
claim_held (GHashTable *left,
            const Rung *rung,
            GArray     *positions,
            gint64      wanted)
{
  g_autofree char *key = series_key (rung);
  gint64 *remaining = g_hash_table_lookup (left, key);
  gint64 taken;

  if (remaining == NULL)
    {
      remaining = g_new0 (gint64, 1);
      held_quantity (NULL, rung, positions, remaining);
      g_hash_table_insert (left, g_steal_pointer (&key), remaining);
    }
  taken = MIN (*remaining, MAX (wanted, 0));
  *remaining -= taken;
  return taken;
}

/* R17.4: the ladder is what the sleeve holds. A rung whose order never
 * filled (refused, or a day order that expired) leaves the ladder and
 * its cost goes back to the LEAP budget; a partial fill keeps what
 * filled; a close that did not go through leaves the rung open, to be
 * reviewed again.
 *
 * Several rungs may hold one series (two rolls in one review pick the
 * same replacement). What the sleeve holds of a series is shared out
 * once: open rungs first, then rungs bought today (their day orders
 * may still fill), and only what is left reopens a closing rung. Each
 * rung counting the whole holding as its own reopened a closed rung
 * beside its open twin, and the next review sold the series twice. */
static gboolean
sync_rungs (AuAccountManager      *self,
            const AuLedgerAccount *account,
            GDateTime             *time,
            JsonArray             *notes,
            GError               **error)
{
  g_autoptr(GArray) rungs = list_rungs (self, account->id, FALSE, error);
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GHashTable) left = NULL;
  g_autofree char *now = _au_time_text (time);

  if (rungs == NULL)
    return FALSE;
  positions = au_ledger_list_positions (self->ledger, account->id, TRUE, error);
  if (positions == NULL)
    return FALSE;
  left = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Pass 0: open rungs of earlier days; 1: rungs of today; 2: closing. */
  for (int pass = 0; pass < 3; pass++)
    for (guint i = 0; i < rungs->len; i++)
      {
        const Rung *rung = &g_array_index (rungs, Rung, i);
        gboolean closing = g_strcmp0 (rung->state, "closing") == 0;
        gboolean today;
        gint64 held;
        char expiry[16];

        if (g_strcmp0 (rung->state, "expired") == 0 || rung->planned_at == NULL)
          continue;
        /* Day orders: one planned today may still fill. */
        today = strncmp (rung->planned_at, now, 10) >= 0;
        if ((pass == 0 && (closing || today)) || (pass == 1 && (closing || !today))
            || (pass == 2 && (!closing || today)))
          continue;
        held = claim_held (left, rung, positions, closing ? G_MAXINT64 : rung->quantity);
        if (pass == 1)
          continue;
        g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &rung->expiry);
        if (closing)
          {
            if (held > 0)
              {
                note (notes, "R17.3: the close of %" G_GINT64_FORMAT " × %s %s did not fill; "
                      "the rung is open again", held, rung->symbol, expiry);
                if (!exec_rung (self, "UPDATE accounts_leap_rungs SET state = 'open', "
                                "quantity = ?2 WHERE id = ?1;", rung->id, held, error))
                  return FALSE;
              }
            continue;
          }
        if (held >= rung->quantity)
          continue;
        if (held > 0)
          {
            note (notes, "R17.4: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " × %s %s filled; "
                  "the rung keeps what filled", held, rung->quantity, rung->symbol, expiry);
            if (!exec_rung (self, "UPDATE accounts_leap_rungs SET quantity = ?2 WHERE id = ?1;",
                            rung->id, held, error))
              return FALSE;
            continue;
          }
        note (notes, "R17.4: the order for %s %s never filled; the rung leaves the ladder",
              rung->symbol, expiry);
        if (!exec_rung (self, "DELETE FROM accounts_leap_rungs WHERE id = ?1 AND ?2 = ?2;",
                        rung->id, 0, error))
          return FALSE;
        if (g_strcmp0 (rung->origin, "budget") == 0)
          {
            g_autofree char *description =
              g_strdup_printf ("R17.4: the unfilled %s %s rung's cost returns to the LEAP budget",
                               rung->symbol, expiry);
            AuLedgerPosting postings[2] = {
              { account->id, AU_BOOK_CASH, -rung->price * rung->quantity },
              { account->id, AU_BOOK_LEAP_BUDGET, rung->price * rung->quantity },
            };

            if (au_ledger_post (self->ledger, time, "leap_release", description, NULL, postings,
                                G_N_ELEMENTS (postings), error) == 0)
              return FALSE;
          }
      }
  return TRUE;
}

/* R17.4: a new rung is paid from the LEAP budget, not from the cash the
 * contracts trade with. The order books its fill against cash, so the
 * rung's planned cost (its ask) moves from the budget to cash as it is
 * ordered, and the budget is not spent twice. A roll's replacement is
 * paid by the sale of the rung it replaces. */
static gboolean
release_budget (AuAccountManager  *self,
                GDateTime         *time,
                GArray            *intents,
                guint              first,
                GError           **error)
{
  for (guint i = first; i < intents->len; i++)
    {
      const AuTradeIntent *t = &g_array_index (intents, AuTradeIntent, i);
      g_autofree char *what = NULL;
      g_autofree char *description = NULL;
      AuLedgerPosting postings[2] = { { 0, }, };
      AuMoney cost;

      if (t->purpose != AU_TRADE_LEAP_GROWTH && t->purpose != AU_TRADE_LEAP_HEDGE)
        continue;
      /* A contract is 100 shares: price (1/10,000 $) × 100 = cents. */
      cost = t->ask * t->quantity;
      what = au_contract_describe (&t->contract);
      description = g_strdup_printf ("R17.4: %" G_GINT64_FORMAT " × %s leave the LEAP budget "
                                     "for their purchase", t->quantity, what);
      postings[0] = (AuLedgerPosting) { t->account_id, AU_BOOK_LEAP_BUDGET, -cost };
      postings[1] = (AuLedgerPosting) { t->account_id, AU_BOOK_CASH, cost };
      if (au_ledger_post (self->ledger, time, "leap_release", description, NULL, postings,
                          G_N_ELEMENTS (postings), error) == 0)
        return FALSE;
    }
  return TRUE;
}

GArray *
au_account_manager_leap_plan (AuAccountManager    *self,
                              GDateTime           *time,
                              const AuLeapInputs  *inputs,
                              AuChainProvider      provider,
                              gpointer             user_data,
                              GError             **error)
{
  g_autoptr(GArray) accounts = NULL;
  g_autoptr(GArray) intents = NULL;
  Plan plan = { 0, };
  int minute;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (inputs != NULL, NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  if (inputs->growth_symbol == NULL || inputs->hedge_symbol == NULL)
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "%s: a symbol is needed", inputs->growth_symbol == NULL ? "growth_symbol"
                                                                         : "hedge_symbol");
      return NULL;
    }
  if (!(inputs->vix > 0))
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "vix: must be positive (R17.3 closes hedge puts by it)");
      return NULL;
    }

  accounts = au_ledger_list_accounts (self->ledger, error);
  if (accounts == NULL)
    return NULL;
  intents = au_trade_intents_new ();
  plan = (Plan) { self, time, { 0, }, inputs, provider, user_data, intents };
  au_eastern_split (time, &plan.today, &minute);

  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);

      guint before = intents->len;
      JsonArray *notes;

      if (!is_leap_sleeve (account))
        continue;
      notes = json_array_new ();
      /* A sleeve's rungs and its audit record commit together, or none. */
      if (!au_database_begin (self->database, error))
        {
          json_array_unref (notes);
          return NULL;
        }
      if (!plan_sleeve (&plan, account, notes, error) || !au_database_commit (self->database, error))
        {
          au_database_rollback (self->database);
          g_array_set_size (intents, before);
          return NULL;
        }
      if (!release_budget (self, time, intents, before, error))
        return NULL;
    }
  return g_steal_pointer (&intents);
}

/* The mid of the rung's series now, or -1 when the chain has none. */
static AuPrice
mark_of (AuChainProvider  provider,
         gpointer         user_data,
         const GDate     *today,
         const Rung      *rung)
{
  g_autoptr(AuOptionChain) chain = NULL;
  const AuOptionQuote *q;
  int dte = au_schedule_dte (today, &rung->expiry);

  if (dte < 0)
    return -1;
  chain = provider (rung->symbol, dte, dte, user_data, NULL);
  if (chain == NULL)
    return -1;
  q = au_option_chain_find (chain, &rung->expiry, rung->right, rung->strike);
  return q != NULL ? (q->bid + q->ask) / 2 : -1;
}

static void
add_totals (JsonObject *object,
            AuMoney     cost,
            AuMoney     value)
{
  json_object_set_double_member (object, "cost", _au_dollars (cost));
  json_object_set_double_member (object, "value", _au_dollars (value));
}

JsonNode *
au_account_manager_leap_report (AuAccountManager  *self,
                                GDateTime         *time,
                                AuChainProvider    provider,
                                gpointer           user_data,
                                GError           **error)
{
  g_autoptr(GArray) accounts = NULL;
  g_autoptr(GArray) rungs = NULL;
  g_autofree char *time_text = NULL;
  JsonObject *report, *growth, *hedge, *total;
  JsonArray *sleeves;
  AuMoney cost[2] = { 0, }, value[2] = { 0, };
  GDate today;
  int minute;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (provider != NULL, NULL);

  accounts = au_ledger_list_accounts (self->ledger, error);
  rungs = accounts != NULL ? list_rungs (self, 0, FALSE, error) : NULL;
  if (rungs == NULL)
    return NULL;
  au_eastern_split (time, &today, &minute);

  sleeves = json_array_new ();
  for (guint a = 0; a < accounts->len; a++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, a);
      JsonObject *sleeve;
      JsonArray *list;
      AuMoney budget = 0, sleeve_cost = 0, sleeve_value = 0;

      if (!is_leap_sleeve (account))
        continue;
      if (!au_ledger_get_balance (self->ledger, account->id, AU_BOOK_LEAP_BUDGET, &budget, error))
        {
          json_array_unref (sleeves);
          return NULL;
        }
      list = json_array_new ();
      for (guint i = 0; i < rungs->len; i++)
        {
          const Rung *rung = &g_array_index (rungs, Rung, i);
          JsonObject *item;
          AuPrice mark;
          char expiry[16];
          AuMoney rung_cost, rung_value;
          int dte;

          if (rung->account_id != account->id)
            continue;
          g_date_strftime (expiry, sizeof expiry, "%Y-%m-%d", &rung->expiry);
          dte = au_schedule_dte (&today, &rung->expiry);
          mark = mark_of (provider, user_data, &today, rung);
          /* A contract is 100 shares: price (1/10,000 $) x 100 = cents. */
          rung_cost = rung->price * rung->quantity;
          rung_value = mark >= 0 ? mark * rung->quantity : 0;
          sleeve_cost += rung_cost;
          sleeve_value += rung_value;
          cost[rung->growth ? 0 : 1] += rung_cost;
          value[rung->growth ? 0 : 1] += rung_value;

          item = json_object_new ();
          json_object_set_string_member (item, "kind", rung->growth ? "growth" : "hedge");
          json_object_set_string_member (item, "quarter", rung->quarter);
          json_object_set_string_member (item, "symbol", rung->symbol);
          json_object_set_string_member (item, "right", rung->right == AU_OPTION_CALL ? "C" : "P");
          json_object_set_double_member (item, "strike", au_price_to_double (rung->strike));
          json_object_set_string_member (item, "expiry", expiry);
          json_object_set_int_member (item, "dte", dte);
          json_object_set_double_member (item, "months_to_expiry", dte / DAYS_PER_MONTH);
          json_object_set_int_member (item, "quantity", rung->quantity);
          json_object_set_double_member (item, "price", au_price_to_double (rung->price));
          if (mark >= 0)
            json_object_set_double_member (item, "mark", au_price_to_double (mark));
          else
            json_object_set_null_member (item, "mark");
          add_totals (item, rung_cost, rung_value);
          json_object_set_string_member (item, "origin", rung->origin);
          json_object_set_string_member (item, "state", rung->state);
          json_array_add_object_element (list, item);
        }
      sleeve = json_object_new ();
      json_object_set_int_member (sleeve, "account_id", account->id);
      json_object_set_string_member (sleeve, "account", account->name);
      json_object_set_double_member (sleeve, "leap_budget", _au_dollars (budget));
      add_totals (sleeve, sleeve_cost, sleeve_value);
      json_object_set_array_member (sleeve, "rungs", list);
      json_array_add_object_element (sleeves, sleeve);
    }

  time_text = _au_time_text (time);
  report = json_object_new ();
  json_object_set_string_member (report, "time", time_text);
  json_object_set_array_member (report, "sleeves", sleeves);
  growth = json_object_new ();
  add_totals (growth, cost[0], value[0]);
  json_object_set_object_member (report, "growth", growth);
  hedge = json_object_new ();
  add_totals (hedge, cost[1], value[1]);
  json_object_set_object_member (report, "hedge", hedge);
  total = json_object_new ();
  add_totals (total, cost[0] + cost[1], value[0] + value[1]);
  json_object_set_object_member (report, "total", total);
  return _au_account_context_node (report);
}

void
au_leap_chain_request_clear (AuLeapChainRequest *request)
{
  g_clear_pointer (&request->symbol, g_free);
}

static void
add_request (GArray     *requests,
             const char *symbol,
             guint       min_dte,
             guint       max_dte)
{
  AuLeapChainRequest request = { g_strdup (symbol), min_dte, max_dte };

  for (guint i = 0; i < requests->len; i++)
    {
      const AuLeapChainRequest *r = &g_array_index (requests, AuLeapChainRequest, i);

      if (g_strcmp0 (r->symbol, symbol) == 0 && r->min_dte == min_dte && r->max_dte == max_dte)
        {
          au_leap_chain_request_clear (&request);
          return;
        }
    }
  g_array_append_val (requests, request);
}

GArray *
au_account_manager_leap_chain_requests (AuAccountManager    *self,
                                        GDateTime           *time,
                                        const AuLeapInputs  *inputs,
                                        GError             **error)
{
  const AuConstitutionParams *p;
  g_autoptr(GArray) rungs = NULL;
  g_autoptr(GArray) requests = NULL;
  guint min_dte, max_dte;
  GDate today;
  int minute;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (inputs != NULL, NULL);

  if (inputs->growth_symbol == NULL || inputs->hedge_symbol == NULL)
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "%s: a symbol is needed", inputs->growth_symbol == NULL ? "growth_symbol"
                                                                         : "hedge_symbol");
      return NULL;
    }
  rungs = list_rungs (self, 0, TRUE, error);
  if (rungs == NULL)
    return NULL;
  p = au_constitution_get_params (self->constitution);
  au_eastern_split (time, &today, &minute);
  requests = g_array_new (FALSE, TRUE, sizeof (AuLeapChainRequest));
  g_array_set_clear_func (requests, (GDestroyNotify) au_leap_chain_request_clear);
  months_window (&today, p->leap.growth_months_min, p->leap.growth_months_max, &min_dte, &max_dte);
  add_request (requests, inputs->growth_symbol, min_dte, max_dte);
  months_window (&today, p->leap.hedge_months_min, p->leap.hedge_months_max, &min_dte, &max_dte);
  add_request (requests, inputs->hedge_symbol, min_dte, max_dte);
  for (guint i = 0; i < rungs->len; i++)
    {
      const Rung *rung = &g_array_index (rungs, Rung, i);
      int dte = au_schedule_dte (&today, &rung->expiry);

      if (dte >= 0)
        add_request (requests, rung->symbol, (guint) dte, (guint) dte);
    }
  return g_steal_pointer (&requests);
}

gboolean
au_account_manager_leap_report_store (AuAccountManager  *self,
                                      GDateTime         *time,
                                      const char        *quarter,
                                      JsonNode          *report,
                                      GError           **error)
{
  static const char * const rules[] = { "R17.4", NULL };
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (quarter == NULL || strlen (quarter) != 6 || quarter[4] != 'Q' || quarter[5] < '1'
      || quarter[5] > '4')
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "quarter: “%s” is not of the form YYYYQn", quarter != NULL ? quarter : "");
      return FALSE;
    }
  time_text = _au_time_text (time);
  text = json_to_string (report, FALSE);
  insert = au_database_prepare (self->database,
                                "INSERT OR REPLACE INTO accounts_leap_reports (quarter, time, "
                                "report) VALUES (?1, ?2, ?3);", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, quarter, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, time_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, text, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "storing the LEAP ladder report");
      return FALSE;
    }
  {
    g_autoptr(JsonNode) context = json_node_copy (report);

    json_object_set_string_member (json_node_get_object (context), "quarter", quarter);
    json_object_set_string_member (json_node_get_object (context), "reason",
                                   "R17.4: the quarterly LEAP ladder report");
    return _au_account_manager_audit (self, time, "leap_report", rules, "REPORTED", context,
                                      error);
  }
}

JsonNode *
au_account_manager_leap_ladder_report (AuAccountManager  *self,
                                       const char        *quarter,
                                       GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (quarter != NULL, NULL);

  stmt = au_database_prepare (self->database,
                              "SELECT report FROM accounts_leap_reports WHERE quarter = ?1;",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, quarter, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_FOUND,
                   "quarter: no LEAP ladder report is stored for %s", quarter);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      au_database_set_error (self->database, error, "reading the LEAP ladder report");
      return NULL;
    }
  return json_from_string ((const char *) sqlite3_column_text (stmt, 0), error);
}

gboolean
au_account_manager_leap_sync (AuAccountManager  *self,
                              GDateTime         *time,
                              GError           **error)
{
  static const char * const rules[] = { "R17.4", NULL };
  g_autoptr(GArray) accounts = NULL;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  accounts = au_ledger_list_accounts (self->ledger, error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      g_autoptr(JsonArray) notes = NULL;
      JsonObject *context;

      if (!is_leap_sleeve (account))
        continue;
      notes = json_array_new ();
      if (!sync_rungs (self, account, time, notes, error))
        return FALSE;
      if (json_array_get_length (notes) == 0)
        continue;
      context = _au_account_context_new (account, "R17.4: the ladder set to what the sleeve "
                                         "holds");
      json_object_set_array_member (context, "notes", g_steal_pointer (&notes));
      {
        g_autoptr(JsonNode) node = _au_account_context_node (context);

        if (!_au_account_manager_audit (self, time, "leap", rules, "SYNCED", node, error))
          return FALSE;
      }
    }
  return TRUE;
}

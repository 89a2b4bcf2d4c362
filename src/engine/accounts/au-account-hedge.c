/* au-account-hedge.c: the hedge an L2 breach deploys (R5.2, R6.6, D2.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-account-manager-private.h"
#include "au-market-calendar.h"
#include "au-money.h"

/* The quarter to date, New York time: D2.4's "quarterly net gains". */
static gboolean
quarter_to_date_gains (AuAccountManager  *self,
                       gint64             account_id,
                       GDateTime         *time,
                       AuMoney           *gains,
                       GError           **error)
{
  g_autoptr(GDateTime) from = NULL;
  GDate date;
  int minute;

  au_eastern_split (time, &date, &minute);
  from = g_date_time_new (au_eastern_time_zone (), g_date_get_year (&date),
                          ((g_date_get_month (&date) - 1) / 3) * 3 + 1, 1, 0, 0, 0);
  return au_ledger_net_realized_gains (self->ledger, account_id, from, time, gains, error);
}

static gboolean
in_months (const GDate *from,
           const GDate *expiry,
           int          min_months,
           int          max_months)
{
  GDate earliest = *from, latest = *from;

  g_date_add_months (&earliest, min_months);
  g_date_add_months (&latest, max_months);
  return g_date_compare (expiry, &earliest) >= 0 && g_date_compare (expiry, &latest) <= 0;
}

/* R5.2: SPX puts 10–20% out of the money, 6–12 months out; of those the
 * cheapest, so that the D2.4 amount buys as much protection as it can. */
static const AuOptionQuote *
pick_spx_put (AuOptionChain        *chain,
              const GDate          *today,
              const AuConstitutionParams *p)
{
  const AuOptionQuote *best = NULL;
  double spot = au_option_chain_get_spot (chain);

  for (guint i = 0; i < au_option_chain_get_n_quotes (chain); i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);
      double otm = (spot - au_price_to_double (q->strike)) / spot;

      if (q->right != AU_OPTION_PUT || q->ask <= 0
          || !in_months (today, &q->expiry, p->hedge.spx_months_min, p->hedge.spx_months_max)
          || otm < p->hedge.spx_otm_min - 1e-9 || otm > p->hedge.spx_otm_max + 1e-9)
        continue;
      if (best == NULL || q->ask < best->ask)
        best = q;
    }
  return best;
}

/* R8.3: a series whose spread the liquidity rules accept. */
static gboolean
spread_ok (const AuOptionQuote        *q,
           const AuConstitutionParams *p)
{
  double mid = (double) (q->bid + q->ask) / 2;

  return q->bid > 0 && mid > 0 && (double) (q->ask - q->bid) / mid <= p->liquidity.max_spread;
}

/* R5.2: VIX calls 6 months out (expiring within the month after); R5.2
 * names no strike, so the first strike at or above VIX now: the call
 * that pays as soon as volatility rises. When VIX is far above its
 * forward (a spike, in backwardation), calls struck above the spot are
 * cents wide on a few cents and fail R8.3: the hedge then takes the
 * highest strike whose spread R8.3 accepts, the furthest out of the
 * money it can trade. */
static const AuOptionQuote *
pick_vix_call (AuOptionChain        *chain,
               const GDate          *today,
               const AuConstitutionParams *p)
{
  const AuOptionQuote *best = NULL, *liquid = NULL;
  double spot = au_option_chain_get_spot (chain);

  for (guint i = 0; i < au_option_chain_get_n_quotes (chain); i++)
    {
      const AuOptionQuote *q = au_option_chain_get_quote (chain, i);

      if (q->right != AU_OPTION_CALL || q->ask <= 0 || !spread_ok (q, p)
          || !in_months (today, &q->expiry, p->hedge.vix_months, p->hedge.vix_months + 1))
        continue;
      if (liquid == NULL || g_date_compare (&q->expiry, &liquid->expiry) < 0
          || (g_date_compare (&q->expiry, &liquid->expiry) == 0 && q->strike > liquid->strike))
        liquid = q;
      if (au_price_to_double (q->strike) < spot)
        continue;
      if (best == NULL || g_date_compare (&q->expiry, &best->expiry) < 0
          || (g_date_compare (&q->expiry, &best->expiry) == 0 && q->strike < best->strike))
        best = q;
    }
  return best != NULL ? best : liquid;
}

/* Contracts that @amount buys at @quote's ask: a contract costs ask x 100
 * shares, which in cents is the ask in 1/10,000 dollars. */
static void
add_hedge_intent (gint64               account_id,
                  AuOptionChain       *chain,
                  const AuOptionQuote *quote,
                  AuMoney              amount,
                  AuTradePurpose       purpose,
                  GArray              *intents,
                  JsonArray           *notes)
{
  const char *symbol = au_option_chain_get_symbol (chain);
  g_autofree char *amount_text = _au_format_dollars (amount);
  AuTradeIntent intent = { 0, };
  gint64 contracts;

  if (quote == NULL)
    {
      g_autofree char *note = g_strdup_printf ("%s: no listed series fits R5.2 (term and "
                                               "moneyness); nothing bought", symbol);

      json_array_add_string_element (notes, note);
      return;
    }
  contracts = amount / quote->ask;
  if (contracts <= 0)
    {
      g_autofree char *cost_text = _au_format_dollars (quote->ask);
      g_autofree char *note = g_strdup_printf ("%s: one contract costs %s, more than the %s "
                                               "D2.4 allows; nothing bought", symbol, cost_text,
                                               amount_text);

      json_array_add_string_element (notes, note);
      return;
    }

  intent.account_id = account_id;
  au_contract_init_option (&intent.contract, symbol, quote->right, quote->strike,
                           &quote->expiry);
  intent.side = AU_SIDE_BUY;
  intent.quantity = contracts;
  intent.purpose = purpose;
  intent.rule = "R6.6";
  intent.bid = quote->bid;
  intent.ask = quote->ask;
  intent.delta = quote->delta;
  g_array_append_val (intents, intent);
}

static gboolean
claim_week (AuAccountManager  *self,
            gint64             account_id,
            const char        *week,
            GDateTime         *time,
            gboolean          *claimed,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *time_text = _au_time_text (time);

  insert = au_database_prepare (self->database,
                                "INSERT OR IGNORE INTO accounts_hedges (account_id, week, time) "
                                "VALUES (?1, ?2, ?3);", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, account_id);
  sqlite3_bind_text (insert, 2, week, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, time_text, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "recording the week's hedge");
      return FALSE;
    }
  *claimed = sqlite3_changes (au_database_get_handle (self->database)) > 0;
  return TRUE;
}

gboolean
au_account_manager_hedge_for_l2 (AuAccountManager  *self,
                                 gint64             sleeve_id,
                                 GDateTime         *time,
                                 AuOptionChain     *spx_chain,
                                 AuOptionChain     *vix_chain,
                                 AuHedgeDeployment *deployment,
                                 GError           **error)
{
  static const char * const rules[] = { "R6.6", "R5.2", "D2.4", NULL };
  const AuConstitutionParams *p;
  AuHedgeDeployment out = { 0, };
  AuLedgerAccount account;
  AuLedgerSummary summary;
  g_autoptr(GDateTime) eastern = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *week = NULL;
  g_autofree char *reason = NULL;
  JsonObject *context;
  JsonArray *notes, *bought;
  gboolean claimed;
  GDate today;
  int minute;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (spx_chain), FALSE);
  g_return_val_if_fail (AU_IS_OPTION_CHAIN (vix_chain), FALSE);
  g_return_val_if_fail (deployment != NULL, FALSE);

  p = au_constitution_get_params (self->constitution);
  if (!au_ledger_get_account (self->ledger, sleeve_id, &account, error))
    return FALSE;
  if (account.kind == AU_ACCOUNT_ROOT || account.status != AU_ACCOUNT_ACTIVE)
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "sleeve_id: %s is not an active sleeve", account.name);
      au_ledger_account_clear (&account);
      return FALSE;
    }

  eastern = g_date_time_to_timezone (time, au_eastern_time_zone ());
  week = g_date_time_format (eastern, "%G-W%V");
  /* The week's claim and its audit record commit together, or neither. */
  if (!au_database_begin (self->database, error))
    goto fail;
  if (!claim_week (self, sleeve_id, week, time, &claimed, error))
    goto rollback;
  if (!claimed)
    {
      reason = g_strdup_printf ("R6.6: %s's L2 hedge was already deployed in week %s; at most "
                                "once per sleeve per week", account.name, week);
      node = _au_account_context_node (_au_account_context_new (&account, reason));
      if (_au_account_manager_audit (self, time, "hedge", rules, "NO_ACTION", node, error)
          && au_database_commit (self->database, error))
        g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_DUE, "%s", reason);
      else
        au_database_rollback (self->database);
      goto fail;
    }

  if (!au_ledger_get_summary (self->ledger, sleeve_id, &summary, error)
      || !quarter_to_date_gains (self, sleeve_id, time, &out.quarter_gains, error))
    goto rollback;
  out.equity = summary.equity_at_cost;
  if (!au_hedge_size (self->constitution, out.equity, out.quarter_gains, &out.size, error))
    goto rollback;

  au_eastern_split (time, &today, &minute);
  out.intents = au_trade_intents_new ();
  notes = json_array_new ();
  add_hedge_intent (sleeve_id, spx_chain, pick_spx_put (spx_chain, &today, p), out.size.spx_puts,
                    AU_TRADE_HEDGE_SPX_PUT, out.intents, notes);
  add_hedge_intent (sleeve_id, vix_chain, pick_vix_call (vix_chain, &today, p),
                    out.size.vix_calls, AU_TRADE_HEDGE_VIX_CALL, out.intents, notes);

  bought = json_array_new ();
  for (guint i = 0; i < out.intents->len; i++)
    json_array_add_element (bought, au_trade_intent_to_json (&g_array_index (out.intents,
                                                                             AuTradeIntent, i)));
  reason = g_strdup_printf ("R6.6: an L2 breach in %s deploys the hedge, D2.4 sized, split "
                            "%d:%d SPX puts : VIX calls", account.name, p->hedge.spx_weight,
                            p->hedge.vix_weight);
  context = _au_account_context_new (&account, reason);
  json_object_set_double_member (context, "equity", _au_dollars (out.equity));
  json_object_set_double_member (context, "quarter_gains", _au_dollars (out.quarter_gains));
  json_object_set_double_member (context, "budget", _au_dollars (out.size.budget));
  json_object_set_double_member (context, "spend", _au_dollars (out.size.spend));
  json_object_set_double_member (context, "spx_puts", _au_dollars (out.size.spx_puts));
  json_object_set_double_member (context, "vix_calls", _au_dollars (out.size.vix_calls));
  json_object_set_array_member (context, "intents", bought);
  json_object_set_array_member (context, "notes", notes);
  node = _au_account_context_node (context);
  if (!_au_account_manager_audit (self, time, "hedge", rules,
                                  out.intents->len > 0 ? "DEPLOYED" : "NO_ACTION", node, error)
      || !au_database_commit (self->database, error))
    {
      au_hedge_deployment_clear (&out);
      goto rollback;
    }

  au_ledger_account_clear (&account);
  *deployment = out;
  return TRUE;

rollback:
  au_database_rollback (self->database);
fail:
  au_ledger_account_clear (&account);
  return FALSE;
}

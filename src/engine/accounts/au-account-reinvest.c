/* au-account-reinvest.c: the quarterly reinvestment (R3.5, R4.4, R10.1,
 * D2.9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-account-manager-private.h"
#include "au-market-calendar.h"
#include "au-money.h"

static gboolean
is_quarter_end (const GDate *date)
{
  return g_date_get_month (date) % 3 == 0 && g_date_is_last_of_month (date);
}

/* D2.9: @time's Eastern date is the first trading day after a quarter
 * end; @year and @quarter name the quarter that ended. */
static gboolean
quarter_just_ended (GDateTime *time,
                    int       *year,
                    int       *quarter)
{
  GDate date, day;
  int minute;

  au_eastern_split (time, &date, &minute);
  if (!au_nyse_is_trading_day (&date))
    return FALSE;
  day = date;
  au_nyse_previous_trading_day (&day);
  for (; g_date_compare (&day, &date) < 0; g_date_add_days (&day, 1))
    if (is_quarter_end (&day))
      {
        *year = g_date_get_year (&day);
        *quarter = g_date_get_month (&day) / 3;
        return TRUE;
      }
  return FALSE;
}

static JsonNode *
reinvest_proposal (const AuLedgerAccount *account,
                   GDateTime             *time,
                   AuMoney                gains,
                   AuMoney                reserve,
                   AuMoney                contracts,
                   AuMoney                leaps)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time_text = _au_time_text (time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, account->kind == AU_ACCOUNT_REV ? "rev" : "com");
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, "reinvest");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time_text);
  json_builder_set_member_name (builder, "quarter_gains");
  json_builder_add_double_value (builder, _au_dollars (gains));
  json_builder_set_member_name (builder, "tax_reserve");
  json_builder_add_double_value (builder, _au_dollars (reserve));
  json_builder_set_member_name (builder, "contracts_amount");
  json_builder_add_double_value (builder, _au_dollars (contracts));
  json_builder_set_member_name (builder, "leap_amount");
  json_builder_add_double_value (builder, _au_dollars (leaps));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
quarter_bounds (int         year,
                int         quarter,
                GDateTime **from,
                GDateTime **to)
{
  GTimeZone *eastern = au_eastern_time_zone ();

  if (eastern == NULL)
    return FALSE;
  *from = g_date_time_new (eastern, year, (quarter - 1) * 3 + 1, 1, 0, 0, 0);
  *to = quarter == 4 ? g_date_time_new (eastern, year + 1, 1, 1, 0, 0, 0)
                     : g_date_time_new (eastern, year, quarter * 3 + 1, 1, 0, 0, 0);
  return *from != NULL && *to != NULL;
}

static gboolean
audit_outcome (AuAccountManager      *self,
               const AuLedgerAccount *account,
               GDateTime             *time,
               int                    year,
               int                    quarter,
               const char            *verdict,
               const char            *reason,
               const AuLedgerReinvestment *r,
               GError               **error)
{
  const char *rule = account->kind == AU_ACCOUNT_COM ? "R4.4" : account->kind == AU_ACCOUNT_REV
                     ? "R3.5" : "R10.1";
  const char *rules[] = { rule, "D2.9", NULL };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *period = g_strdup_printf ("%dQ%d", year, quarter);
  JsonObject *context = _au_account_context_new (account, reason);

  json_object_set_string_member (context, "quarter", period);
  if (r != NULL)
    {
      json_object_set_double_member (context, "gains", _au_dollars (r->gains));
      json_object_set_double_member (context, "tax_reserve", _au_dollars (r->tax_reserve));
      json_object_set_double_member (context, "contracts", _au_dollars (r->contracts));
      json_object_set_double_member (context, "leaps", _au_dollars (r->leaps));
      json_object_set_int_member (context, "transaction", r->transaction_id);
    }
  node = _au_account_context_node (context);
  return _au_account_manager_audit (self, time, "reinvest", rules, verdict, node, error);
}

/* One Rev or Com sleeve: the rules engine, then the ledger. */
static gboolean
reinvest_sleeve (AuAccountManager      *self,
                 const AuLedgerAccount *account,
                 GDateTime             *time,
                 int                    year,
                 int                    quarter,
                 GArray                *outcomes,
                 GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(JsonNode) proposal = NULL;
  g_autoptr(AuVerdict) verdict = NULL;
  g_autoptr(GError) local_error = NULL;
  AuReinvestOutcome outcome = { .account_id = account->id };
  AuLedgerReinvestment *r = &outcome.reinvestment;
  AuMoney reserve, rest, contracts;

  if (!quarter_bounds (year, quarter, &from, &to))
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "the system has no America/New_York time zone data (install tzdata)");
      return FALSE;
    }
  if (!au_ledger_net_realized_gains (self->ledger, account->id, from, to, &r->gains, error))
    return FALSE;

  if (r->gains <= 0)
    {
      g_autofree char *gains_text = _au_format_dollars (r->gains);
      g_autofree char *reason = g_strdup_printf ("D2.9: the quarter's net realized gains are "
                                                 "%s: nothing is reserved or reinvested",
                                                 gains_text);

      g_array_append_val (outcomes, outcome);
      return audit_outcome (self, account, time, year, quarter, "NO_ACTION", reason, r, error);
    }

  /* R3.5 as the rules engine checks it: the reserve, then the rest split
   * contracts : LEAPs to the cent. */
  reserve = au_money_mul_fraction (r->gains, p->reinvest.tax_reserve);
  rest = r->gains - reserve;
  contracts = au_money_mul_fraction (rest, p->reinvest.contracts_share);
  proposal = reinvest_proposal (account, time, r->gains, reserve, contracts, rest - contracts);
  if (!_au_account_manager_judge (self, proposal, &verdict, error))
    {
      g_autofree char *summary = NULL;

      if (verdict == NULL)
        return FALSE;
      summary = _au_verdict_summary (verdict);
      g_array_append_val (outcomes, outcome);
      return audit_outcome (self, account, time, year, quarter, "REFUSED", summary, r, error);
    }

  if (!au_ledger_reinvest_quarter (self->ledger, account->id, year, quarter, time, r,
                                   &local_error))
    {
      if (local_error->domain != AU_LEDGER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      outcome.reinvestment = (AuLedgerReinvestment) { .gains = r->gains };
      g_array_append_val (outcomes, outcome);
      return audit_outcome (self, account, time, year, quarter, "REFUSED", local_error->message,
                            r, error);
    }

  g_array_append_val (outcomes, outcome);
  return audit_outcome (self, account, time, year, quarter, "REINVESTED",
                        "R3.5/R4.4: 30% to the tax reserve, of the rest 75% for contracts "
                        "and 25% to the LEAP budget (R17)", r, error);
}

GArray *
au_account_manager_quarter_start (AuAccountManager  *self,
                                  GDateTime         *time,
                                  GError           **error)
{
  g_autoptr(GArray) accounts = NULL;
  g_autoptr(GArray) outcomes = NULL;
  int year, quarter;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (time != NULL, NULL);

  if (!quarter_just_ended (time, &year, &quarter))
    {
      g_autofree char *text = _au_time_text (time);

      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_NOT_DUE,
                   "D2.9: %s is not the first trading day after a quarter end", text);
      return NULL;
    }

  accounts = au_ledger_list_accounts (self->ledger, error);
  if (accounts == NULL)
    return NULL;
  outcomes = g_array_new (FALSE, TRUE, sizeof (AuReinvestOutcome));

  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);

      if (account->status != AU_ACCOUNT_ACTIVE || account->kind == AU_ACCOUNT_ROOT)
        continue;
      if (account->kind == AU_ACCOUNT_GEN || account->kind == AU_ACCOUNT_MINI)
        {
          /* R10.1: Gen accumulates until a fork; a MINI does not reinvest. */
          if (!audit_outcome (self, account, time, year, quarter, "NO_ACTION",
                              account->kind == AU_ACCOUNT_GEN
                              ? "R10.1: Gen-Acc does not reinvest; its profits accumulate "
                                "until a fork"
                              : "R10.1: a MINI does not reinvest", NULL, error))
            return NULL;
          continue;
        }
      if (!reinvest_sleeve (self, account, time, year, quarter, outcomes, error))
        return NULL;
    }
  return g_steal_pointer (&outcomes);
}

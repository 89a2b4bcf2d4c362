/* au-account-manager.c: the object, its schema, the portfolio and helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-account-manager-private.h"
#include "au-json.h"
#include "au-market-calendar.h"
#include "au-money.h"

G_DEFINE_FINAL_TYPE (AuAccountManager, au_account_manager, G_TYPE_OBJECT)

/* The account manager's own tables (component "accounts"): the forks
 * waiting for room under R11.2, the LEAP ladder's rungs (R17.4 keeps
 * them apart from the rest of the book) and the weeks a sleeve's L2
 * hedge was deployed (at most once a week). */
static const char *migrations[] = {
  "CREATE TABLE accounts_fork_queue ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('gen', 'rev')),"
  "  queued_at TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'forked', 'dropped')),"
  "  resolved_at TEXT,"
  "  result_account INTEGER);"
  "CREATE TABLE accounts_leap_rungs ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL,"
  "  quarter TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('growth', 'hedge')),"
  "  symbol TEXT NOT NULL,"
  "  right TEXT NOT NULL CHECK (right IN ('C', 'P')),"
  "  strike INTEGER NOT NULL,"
  "  expiry TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  price INTEGER NOT NULL,"
  "  planned_at TEXT NOT NULL,"
  "  origin TEXT NOT NULL CHECK (origin IN ('budget', 'roll')),"
  "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closing', 'expired')));"
  "CREATE INDEX accounts_leap_rungs_account ON accounts_leap_rungs (account_id, quarter);"
  "CREATE TABLE accounts_hedges ("
  "  account_id INTEGER NOT NULL,"
  "  week TEXT NOT NULL,"
  "  time TEXT NOT NULL,"
  "  PRIMARY KEY (account_id, week));",
  /* §3.11 / R17.4: the quarterly ladder reports, readable without chains. */
  "CREATE TABLE accounts_leap_reports ("
  "  quarter TEXT PRIMARY KEY,"
  "  time TEXT NOT NULL,"
  "  report TEXT NOT NULL);",
};

static void
au_account_manager_finalize (GObject *object)
{
  AuAccountManager *self = AU_ACCOUNT_MANAGER (object);

  g_clear_object (&self->constitution);
  g_clear_object (&self->database);
  g_clear_object (&self->ledger);
  g_clear_object (&self->audit);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (au_account_manager_parent_class)->finalize (object);
}

static void
au_account_manager_class_init (AuAccountManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_account_manager_finalize;
}

static void
au_account_manager_init (AuAccountManager *self)
{
}

AuAccountManager *
au_account_manager_new (AuConstitution  *constitution,
                        AuDatabase      *database,
                        AuLedger        *ledger,
                        AuAuditLog      *audit,
                        AuRulesEngine   *rules,
                        GError         **error)
{
  g_autoptr(AuAccountManager) self = NULL;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), NULL);
  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (AU_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (AU_IS_AUDIT_LOG (audit), NULL);
  g_return_val_if_fail (AU_IS_RULES_ENGINE (rules), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!au_database_migrate (database, "accounts", migrations, G_N_ELEMENTS (migrations), error))
    return NULL;

  self = g_object_new (AU_TYPE_ACCOUNT_MANAGER, NULL);
  self->constitution = g_object_ref (constitution);
  self->database = g_object_ref (database);
  self->ledger = g_object_ref (ledger);
  self->audit = g_object_ref (audit);
  self->rules = g_object_ref (rules);
  return g_steal_pointer (&self);
}

double
_au_dollars (AuMoney cents)
{
  return au_money_to_double (cents);
}

char *
_au_format_dollars (AuMoney cents)
{
  g_autofree char *text = au_money_format (cents);

  return g_strconcat ("$", text, NULL);
}

char *
_au_time_text (GDateTime *time)
{
  return au_eastern_format (time);
}

gboolean
_au_account_manager_audit (AuAccountManager    *self,
                           GDateTime           *time,
                           const char          *kind,
                           const char * const  *rules,
                           const char          *verdict,
                           JsonNode            *context,
                           GError             **error)
{
  g_autofree char *time_text = _au_time_text (time);
  AuAuditEntry entry = {
    .time = time_text,
    .actor = "engine",
    .kind = kind,
    .rules = rules,
    .constitution = au_constitution_get_sha256 (self->constitution),
    .context = context,
    .verdict = verdict,
  };

  return au_audit_log_append (self->audit, &entry, error) > 0;
}

JsonObject *
_au_account_context_new (const AuLedgerAccount *account,
                         const char            *reason)
{
  JsonObject *object = json_object_new ();

  if (account != NULL)
    {
      json_object_set_int_member (object, "account_id", account->id);
      json_object_set_string_member (object, "account", account->name);
      json_object_set_string_member (object, "kind", au_account_kind_to_string (account->kind));
    }
  json_object_set_string_member (object, "reason", reason);
  return object;
}

JsonNode *
_au_account_context_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

gboolean
_au_account_manager_judge (AuAccountManager  *self,
                           JsonNode          *proposal_json,
                           AuVerdict        **verdict,
                           GError           **error)
{
  g_autoptr(AuProposal) proposal = NULL;

  proposal = au_proposal_new_from_json (proposal_json, error);
  if (proposal == NULL)
    return FALSE;
  *verdict = au_rules_engine_evaluate (self->rules, proposal, error);
  if (*verdict == NULL)
    return FALSE;
  return au_verdict_is_approved (*verdict);
}

char *
_au_verdict_summary (AuVerdict *verdict)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < au_verdict_get_n_violations (verdict); i++)
    {
      const AuFinding *finding = au_verdict_get_violation (verdict, i);

      g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", finding->rule,
                              finding->message);
    }
  return g_string_free (text, FALSE);
}

void
_au_lifecycle_result_init (AuLifecycleResult *result)
{
  result->new_minis = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->new_trees = g_array_new (FALSE, FALSE, sizeof (AuLedgerTree));
  result->merged = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->intents = au_trade_intents_new ();
  result->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) au_account_alert_free);
  result->queued = 0;
}

void
au_lifecycle_result_clear (AuLifecycleResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->new_minis, g_array_unref);
  g_clear_pointer (&result->new_trees, g_array_unref);
  g_clear_pointer (&result->merged, g_array_unref);
  g_clear_pointer (&result->intents, g_array_unref);
  g_clear_pointer (&result->alerts, g_ptr_array_unref);
  result->queued = 0;
}

void
au_hedge_deployment_clear (AuHedgeDeployment *deployment)
{
  if (deployment == NULL)
    return;
  g_clear_pointer (&deployment->intents, g_array_unref);
}

gboolean
_au_account_close_intents (AuAccountManager  *self,
                           gint64             account_id,
                           GArray            *intents,
                           guint             *n_added,
                           GError           **error)
{
  g_autoptr(GArray) positions = NULL;

  *n_added = 0;
  positions = au_ledger_list_positions (self->ledger, account_id, TRUE, error);
  if (positions == NULL)
    return FALSE;

  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *position = &g_array_index (positions, AuLedgerPosition, i);
      AuTradeIntent intent = {
        .account_id = account_id,
        .side = position->quantity < 0 ? AU_SIDE_BUY : AU_SIDE_SELL,
        .quantity = ABS (position->quantity),
        .purpose = AU_TRADE_CLOSE_FOR_MERGE,
        .rule = "D2.3",
      };

      if (position->right == AU_RIGHT_STOCK)
        au_contract_init_stock (&intent.contract, position->symbol);
      else
        {
          GDate expiry;

          g_date_clear (&expiry, 1);
          if (position->expiry != NULL)
            g_date_set_parse (&expiry, position->expiry);
          if (!g_date_valid (&expiry))
            {
              g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                           "position %" G_GINT64_FORMAT ": unreadable expiry “%s”",
                           position->position_id, position->expiry ? position->expiry : "");
              return FALSE;
            }
          au_contract_init_option (&intent.contract, position->symbol,
                                   position->right == AU_RIGHT_PUT ? AU_OPTION_PUT
                                                                   : AU_OPTION_CALL,
                                   position->strike, &expiry);
        }
      g_array_append_val (intents, intent);
      (*n_added)++;
    }
  return TRUE;
}

static gboolean
find_first_tree (AuAccountManager  *self,
                 AuLedgerTree      *tree,
                 gboolean          *found,
                 GError           **error)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->ledger, error);

  *found = FALSE;
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len && !*found; i++)
    {
      const AuLedgerAccount *a = &g_array_index (accounts, AuLedgerAccount, i);

      if (a->kind == AU_ACCOUNT_ROOT && a->parent_id == 0)
        {
          tree->root = a->id;
          *found = TRUE;
        }
    }
  for (guint i = 0; i < accounts->len && *found; i++)
    {
      const AuLedgerAccount *a = &g_array_index (accounts, AuLedgerAccount, i);

      if (a->parent_id != tree->root || a->root_id != tree->root)
        continue;
      if (a->kind == AU_ACCOUNT_GEN)
        tree->gen = a->id;
      else if (a->kind == AU_ACCOUNT_REV)
        tree->rev = a->id;
      else if (a->kind == AU_ACCOUNT_COM)
        tree->com = a->id;
    }
  return TRUE;
}

gboolean
au_account_manager_ensure_portfolio (AuAccountManager  *self,
                                     AuMoney            capital,
                                     GDateTime         *time,
                                     AuLedgerTree      *tree,
                                     GError           **error)
{
  static const char * const rules[] = { "R0.1", NULL };
  AuLedgerTree result = { 0, };
  JsonObject *context;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *capital_text = NULL;
  gboolean found;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (tree != NULL, FALSE);

  if (!find_first_tree (self, &result, &found, error))
    return FALSE;
  if (found)
    {
      *tree = result;
      return TRUE;
    }
  if (capital <= 0)
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "capital: must be more than zero to open the first ALL-USE tree");
      return FALSE;
    }

  if (!au_ledger_create_tree (self->ledger, capital, time, &result, error))
    return FALSE;

  capital_text = _au_format_dollars (capital);
  reason = g_strdup_printf ("first start: %s split Gen/Rev/Com by the constitution (R0.1)",
                            capital_text);
  context = _au_account_context_new (NULL, reason);
  json_object_set_double_member (context, "capital", _au_dollars (capital));
  json_object_set_int_member (context, "root", result.root);
  json_object_set_int_member (context, "gen", result.gen);
  json_object_set_int_member (context, "rev", result.rev);
  json_object_set_int_member (context, "com", result.com);
  node = _au_account_context_node (context);
  if (!_au_account_manager_audit (self, time, "portfolio", rules, "CREATED", node, error))
    return FALSE;

  *tree = result;
  return TRUE;
}

/* R11.2: the ledger's one definition (every active sleeve and MINI, the
 * first tree's three included), so the gate here, the rules engine's
 * check and the ledger's own refusal agree. */
gint64
au_account_manager_count_sub_accounts (AuAccountManager  *self,
                                       GError           **error)
{
  gint64 count = 0;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), -1);

  if (!au_ledger_count_sub_accounts (self->ledger, &count, error))
    return -1;
  return count;
}

gint64
au_account_manager_count_queued (AuAccountManager  *self,
                                 GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), -1);

  stmt = au_database_prepare (self->database,
                              "SELECT count (*) FROM accounts_fork_queue WHERE state = 'queued';",
                              error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (self->database, error, "counting queued forks");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

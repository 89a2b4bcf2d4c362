/* au-account-lifecycle.c: forks, the fork queue and MINI merges (R2.6,
 * R3.6, R11.2, D2.2, D2.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-account-manager-private.h"
#include "au-market-calendar.h"
#include "au-money.h"

typedef enum
{
  FORK_DONE,
  FORK_NO_ROOM,   /* R11.2: it waits in the queue */
  FORK_REFUSED,   /* the rules engine or the ledger said no; audited */
  FORK_FAILED,    /* an error: @error is set */
} ForkOutcome;

static const char *
fork_rule (AuAccountKind kind)
{
  return kind == AU_ACCOUNT_GEN ? "R2.6" : "R3.6";
}

static AuSleeve
sleeve_of (AuAccountKind kind)
{
  return kind == AU_ACCOUNT_GEN ? AU_SLEEVE_GEN : AU_SLEEVE_REV;
}

/* The balance a fork is measured on, as the ledger measures it: equity
 * at cost less the tax reserve, which is owed (D2.2). */
static gboolean
fork_balance (AuAccountManager  *self,
              gint64             account_id,
              AuMoney           *balance,
              GError           **error)
{
  AuLedgerSummary summary;

  if (!au_ledger_get_summary (self->ledger, account_id, &summary, error))
    return FALSE;
  *balance = summary.equity_at_cost - summary.tax_reserve;
  return TRUE;
}

static const char *
cap_rule (AuAccountManager *self)
{
  const char *rule = au_constitution_rule_number (self->constitution, "sub_account_cap");

  return rule != NULL ? rule : "R11.2";
}

static JsonNode *
fork_proposal (const AuLedgerAccount *account,
               GDateTime             *time,
               AuMoney                balance,
               gint64                 sub_accounts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *time_text = _au_time_text (time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, au_sleeve_to_string (sleeve_of (account->kind)));
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, "fork");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time_text);
  json_builder_set_member_name (builder, "base_capital");
  json_builder_add_double_value (builder, _au_dollars (account->initial_capital));
  json_builder_set_member_name (builder, "account_state");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "equity");
  json_builder_add_double_value (builder, _au_dollars (balance));
  json_builder_set_member_name (builder, "sub_accounts");
  json_builder_add_int_value (builder, sub_accounts);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean enqueue_fork_locked (AuAccountManager      *self,
                                     const AuLedgerAccount *account,
                                     GDateTime             *time,
                                     gint64                 sub_accounts,
                                     AuLifecycleResult     *result,
                                     GError               **error);

/* The queue row and its audit record commit together, or neither. */
static gboolean
enqueue_fork (AuAccountManager      *self,
              const AuLedgerAccount *account,
              GDateTime             *time,
              gint64                 sub_accounts,
              AuLifecycleResult     *result,
              GError               **error)
{
  if (!au_database_begin (self->database, error))
    return FALSE;
  if (enqueue_fork_locked (self, account, time, sub_accounts, result, error)
      && au_database_commit (self->database, error))
    return TRUE;
  au_database_rollback (self->database);
  return FALSE;
}

static gboolean
enqueue_fork_locked (AuAccountManager      *self,
              const AuLedgerAccount *account,
              GDateTime             *time,
              gint64                 sub_accounts,
              AuLifecycleResult     *result,
              GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  const char *rules[] = { cap_rule (self), fork_rule (account->kind), "D2.2", NULL };
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *time_text = _au_time_text (time);
  g_autofree char *reason = NULL;
  AuAccountAlert *alert;
  JsonObject *context;

  insert = au_database_prepare (self->database,
                                "INSERT INTO accounts_fork_queue (account_id, kind, queued_at) "
                                "VALUES (?1, ?2, ?3);", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, account->id);
  sqlite3_bind_text (insert, 2, account->kind == AU_ACCOUNT_GEN ? "gen" : "rev", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, time_text, -1, SQLITE_STATIC);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "queueing a fork");
      return FALSE;
    }

  reason = g_strdup_printf ("%s: %s is due a fork but %" G_GINT64_FORMAT " sub-accounts are "
                            "active and at most %d are allowed; the fork waits in the queue "
                            "until a merge makes room", rules[0], account->name, sub_accounts,
                            p->fork.max_sub_accounts);
  context = _au_account_context_new (account, reason);
  json_object_set_int_member (context, "sub_accounts", sub_accounts);
  json_object_set_int_member (context, "max_sub_accounts", p->fork.max_sub_accounts);
  node = _au_account_context_node (context);
  if (!_au_account_manager_audit (self, time, "fork_queued", rules, "QUEUED", node, error))
    return FALSE;

  alert = g_new0 (AuAccountAlert, 1);
  alert->rule = g_strdup (rules[0]);
  alert->message = g_steal_pointer (&reason);
  g_ptr_array_add (result->alerts, alert);
  result->queued++;
  return TRUE;
}

static ForkOutcome
refused (AuAccountManager      *self,
         const AuLedgerAccount *account,
         GDateTime             *time,
         const char            *why,
         GError               **error)
{
  const char *rules[] = { fork_rule (account->kind), "D2.2", NULL };
  g_autoptr(JsonNode) node = _au_account_context_node (_au_account_context_new (account, why));

  if (!_au_account_manager_audit (self, time, "fork", rules, "REFUSED", node, error))
    return FORK_FAILED;
  return FORK_REFUSED;
}

/* One fork of @account now, if the cap leaves room (R11.2). */
static ForkOutcome
fork_once (AuAccountManager      *self,
           const AuLedgerAccount *account,
           GDateTime             *time,
           AuLifecycleResult     *result,
           gint64                *new_account,
           GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  const AuSleeveRules *rules = au_constitution_get_sleeve (self->constitution,
                                                           sleeve_of (account->kind));
  const char *audit_rules[] = { fork_rule (account->kind), "D2.2", cap_rule (self), NULL };
  g_autoptr(JsonNode) proposal = NULL;
  g_autoptr(AuVerdict) verdict = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *base_text = NULL;
  g_autofree char *step_text = NULL;
  JsonObject *context;
  AuLedgerTree tree = { 0, };
  AuMoney balance;
  gint64 sub_accounts;
  int added = account->kind == AU_ACCOUNT_GEN ? 1 : AU_N_SLEEVES;

  sub_accounts = au_account_manager_count_sub_accounts (self, error);
  if (sub_accounts < 0 || !fork_balance (self, account->id, &balance, error))
    return FORK_FAILED;
  if (sub_accounts + added > p->fork.max_sub_accounts)
    return enqueue_fork (self, account, time, sub_accounts, result, error) ? FORK_NO_ROOM
                                                                          : FORK_FAILED;

  proposal = fork_proposal (account, time, balance, sub_accounts);
  if (!_au_account_manager_judge (self, proposal, &verdict, error))
    {
      g_autofree char *summary = NULL;

      if (verdict == NULL)
        return FORK_FAILED;
      summary = _au_verdict_summary (verdict);
      return refused (self, account, time, summary, error);
    }

  if (account->kind == AU_ACCOUNT_GEN)
    *new_account = au_ledger_fork_gen (self->ledger, account->id, time, &local_error);
  else if (au_ledger_fork_rev (self->ledger, account->id, time, &tree, &local_error))
    *new_account = tree.root;
  else
    *new_account = 0;

  if (*new_account == 0)
    {
      if (g_error_matches (local_error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_LIMIT))
        return enqueue_fork (self, account, time, sub_accounts, result, error) ? FORK_NO_ROOM
                                                                              : FORK_FAILED;
      if (g_error_matches (local_error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_NOT_ELIGIBLE)
          || g_error_matches (local_error, AU_LEDGER_ERROR, AU_LEDGER_ERROR_INSUFFICIENT))
        return refused (self, account, time, local_error->message, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FORK_FAILED;
    }

  balance_text = _au_format_dollars (balance);
  base_text = _au_format_dollars (account->initial_capital);
  step_text = _au_format_dollars (rules->fork_step);
  if (account->kind == AU_ACCOUNT_GEN)
    {
      g_array_append_val (result->new_minis, *new_account);
      reason = g_strdup_printf ("R2.6/D2.2: %s holds %s, base %s: %s moves into a new MINI "
                                "(half Gen rules, half Com rules)", account->name, balance_text,
                                base_text, step_text);
    }
  else
    {
      g_array_append_val (result->new_trees, tree);
      reason = g_strdup_printf ("R3.6: %s holds %s, base %s: %s opens a new ALL-USE tree "
                                "split 40/30/30", account->name, balance_text, base_text,
                                step_text);
    }

  context = _au_account_context_new (account, reason);
  json_object_set_double_member (context, "balance", _au_dollars (balance));
  json_object_set_double_member (context, "base", _au_dollars (account->initial_capital));
  json_object_set_double_member (context, "step", _au_dollars (rules->fork_step));
  json_object_set_int_member (context, "new_account", *new_account);
  json_object_set_int_member (context, "sub_accounts", sub_accounts + added);
  node = _au_account_context_node (context);
  if (!_au_account_manager_audit (self, time, "fork", audit_rules, "FORKED", node, error))
    return FORK_FAILED;
  return FORK_DONE;
}

static gboolean
resolve_queued (AuAccountManager  *self,
                gint64             queue_id,
                const char        *state,
                gint64             new_account,
                GDateTime         *time,
                GError           **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *time_text = _au_time_text (time);

  update = au_database_prepare (self->database,
                                "UPDATE accounts_fork_queue SET state = ?2, resolved_at = ?3, "
                                "result_account = ?4 WHERE id = ?1;", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, queue_id);
  sqlite3_bind_text (update, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 3, time_text, -1, SQLITE_STATIC);
  if (new_account > 0)
    sqlite3_bind_int64 (update, 4, new_account);
  else
    sqlite3_bind_null (update, 4);
  if (sqlite3_step (update) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "updating the fork queue");
      return FALSE;
    }
  return TRUE;
}

/* Pairs of (queue id, account id), oldest first. */
static GArray *
list_queued (AuAccountManager  *self,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) queued = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = au_database_prepare (self->database,
                              "SELECT id, account_id FROM accounts_fork_queue "
                              "WHERE state = 'queued' ORDER BY id;", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (queued, pair, 2);
    }
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "reading the fork queue");
      return NULL;
    }
  return g_steal_pointer (&queued);
}

typedef enum
{
  QUEUE_NEXT,     /* this entry is settled; look at the next */
  QUEUE_STOP,     /* no room: the rest wait */
  QUEUE_FAILED,
} QueueStep;

static QueueStep
run_queued (AuAccountManager      *self,
            gint64                 queue_id,
            const AuLedgerAccount *account,
            GDateTime             *time,
            AuLifecycleResult     *result,
            GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  gint64 sub_accounts, new_account = 0;
  guint eligible = 0;
  int added;

  if (account->status == AU_ACCOUNT_ACTIVE)
    {
      eligible = au_ledger_eligible_forks (self->ledger, account->id, error);
      if (error != NULL && *error != NULL)
        return QUEUE_FAILED;
    }
  if (eligible == 0)
    {
      const char *rules[] = { fork_rule (account->kind), cap_rule (self), NULL };
      g_autoptr(JsonNode) node = _au_account_context_node (
        _au_account_context_new (account, "the queued fork is no longer due: the sleeve "
                                 "is below its base plus one fork step"));

      if (!au_database_begin (self->database, error))
        return QUEUE_FAILED;
      if (!resolve_queued (self, queue_id, "dropped", 0, time, error)
          || !_au_account_manager_audit (self, time, "fork_queued", rules, "DROPPED", node,
                                         error)
          || !au_database_commit (self->database, error))
        {
          au_database_rollback (self->database);
          return QUEUE_FAILED;
        }
      return QUEUE_NEXT;
    }

  sub_accounts = au_account_manager_count_sub_accounts (self, error);
  if (sub_accounts < 0)
    return QUEUE_FAILED;
  added = account->kind == AU_ACCOUNT_GEN ? 1 : AU_N_SLEEVES;
  if (sub_accounts + added > p->fork.max_sub_accounts)
    return QUEUE_STOP; /* first in, first out: nothing overtakes the oldest */

  switch (fork_once (self, account, time, result, &new_account, error))
    {
    case FORK_DONE:
      return resolve_queued (self, queue_id, "forked", new_account, time, error)
             ? QUEUE_NEXT : QUEUE_FAILED;
    case FORK_NO_ROOM:
      /* The ledger refused on its own count (the same R11.2 definition,
       * taken inside its write) and fork_once queued it again: the new
       * entry replaces this one. */
      return resolve_queued (self, queue_id, "dropped", 0, time, error)
             ? QUEUE_STOP : QUEUE_FAILED;
    case FORK_REFUSED:
      return QUEUE_NEXT;
    case FORK_FAILED:
    default:
      return QUEUE_FAILED;
    }
}

/* R11.2: queued forks run, oldest first, when room has appeared; one
 * that is no longer due (the money went elsewhere) leaves the queue. */
static gboolean
run_queue (AuAccountManager   *self,
           GDateTime          *time,
           AuLifecycleResult  *result,
           GError            **error)
{
  g_autoptr(GArray) queued = list_queued (self, error);

  if (queued == NULL)
    return FALSE;

  for (guint i = 0; i + 1 < queued->len; i += 2)
    {
      AuLedgerAccount account;
      QueueStep step;

      if (!au_ledger_get_account (self->ledger, g_array_index (queued, gint64, i + 1), &account,
                                  error))
        return FALSE;
      step = run_queued (self, g_array_index (queued, gint64, i), &account, time, result, error);
      au_ledger_account_clear (&account);
      if (step == QUEUE_FAILED)
        return FALSE;
      if (step == QUEUE_STOP)
        break;
    }
  return TRUE;
}

static gint64
count_queued_for (AuAccountManager  *self,
                  gint64             account_id,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = au_database_prepare (self->database,
                              "SELECT count (*) FROM accounts_fork_queue "
                              "WHERE state = 'queued' AND account_id = ?1;", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      au_database_set_error (self->database, error, "counting queued forks");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
audit_no_fork (AuAccountManager      *self,
               const AuLedgerAccount *account,
               GDateTime             *time,
               GError               **error)
{
  const AuSleeveRules *rules = au_constitution_get_sleeve (self->constitution,
                                                           sleeve_of (account->kind));
  const char *audit_rules[] = { fork_rule (account->kind), "D2.2", NULL };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *balance_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *reason = NULL;
  JsonObject *context;
  AuMoney balance;

  if (!fork_balance (self, account->id, &balance, error))
    return FALSE;
  balance_text = _au_format_dollars (balance);
  target_text = _au_format_dollars (account->initial_capital + rules->fork_step);
  reason = g_strdup_printf ("%s holds %s; a fork needs %s (base plus one step)", account->name,
                            balance_text, target_text);
  context = _au_account_context_new (account, reason);
  json_object_set_double_member (context, "balance", _au_dollars (balance));
  json_object_set_double_member (context, "base", _au_dollars (account->initial_capital));
  node = _au_account_context_node (context);
  return _au_account_manager_audit (self, time, "fork", audit_rules, "NO_ACTION", node, error);
}

/* D2.2: as many forks as are due at once; R3.6 likewise per $500,000. */
static gboolean
fork_due (AuAccountManager   *self,
          GDateTime          *time,
          AuLifecycleResult  *result,
          GError            **error)
{
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->ledger, error);

  if (accounts == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      gint64 pending, due;
      guint eligible;

      if (account->status != AU_ACCOUNT_ACTIVE
          || (account->kind != AU_ACCOUNT_GEN && account->kind != AU_ACCOUNT_REV))
        continue;

      eligible = au_ledger_eligible_forks (self->ledger, account->id, error);
      if (error != NULL && *error != NULL)
        return FALSE;
      pending = count_queued_for (self, account->id, error);
      if (pending < 0)
        return FALSE;
      if (eligible == 0)
        {
          if (!audit_no_fork (self, account, time, error))
            return FALSE;
          continue;
        }

      /* Forks already waiting in the queue are not queued twice. */
      for (due = (gint64) eligible - pending; due > 0; due--)
        {
          gint64 new_account = 0;
          ForkOutcome outcome = fork_once (self, account, time, result, &new_account, error);

          if (outcome == FORK_FAILED)
            return FALSE;
          if (outcome == FORK_REFUSED)
            break;
        }
    }
  return TRUE;
}

/* D2.3: the 3rd anniversary or 3x the initial capital, whichever first. */
static gboolean
merge_due (AuAccountManager      *self,
           const AuLedgerAccount *mini,
           GDateTime             *time,
           gboolean              *due,
           char                 **why,
           AuMoney               *equity,
           GError               **error)
{
  const AuConstitutionParams *p = au_constitution_get_params (self->constitution);
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (mini->created_at, NULL);
  g_autoptr(GDateTime) anniversary = NULL;
  g_autofree char *equity_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *date_text = NULL;
  AuLedgerSummary summary;
  AuMoney target;

  if (created == NULL)
    {
      g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                   "%s: unreadable creation time “%s”", mini->name, mini->created_at);
      return FALSE;
    }
  if (!au_ledger_get_summary (self->ledger, mini->id, &summary, error))
    return FALSE;

  anniversary = g_date_time_add_years (created, p->fork.mini_merge_years);
  target = au_money_mul_fraction (mini->initial_capital, p->fork.mini_merge_multiple);
  *equity = summary.equity_at_cost;
  equity_text = _au_format_dollars (summary.equity_at_cost);
  target_text = _au_format_dollars (target);
  date_text = g_date_time_format (anniversary, "%Y-%m-%d");

  if (summary.equity_at_cost >= target)
    {
      *due = TRUE;
      *why = g_strdup_printf ("D2.3: %s holds %s, at least %.1f× its initial capital (%s)",
                              mini->name, equity_text, p->fork.mini_merge_multiple, target_text);
    }
  else if (g_date_time_compare (time, anniversary) >= 0)
    {
      *due = TRUE;
      *why = g_strdup_printf ("D2.3: %s reached its %d-year anniversary on %s holding %s",
                              mini->name, p->fork.mini_merge_years, date_text, equity_text);
    }
  else
    {
      *due = FALSE;
      *why = g_strdup_printf ("D2.3: %s holds %s, below %s, and its anniversary is %s",
                              mini->name, equity_text, target_text, date_text);
    }
  return TRUE;
}

gboolean
au_account_manager_mini_merge_due (AuAccountManager  *self,
                                   gint64             mini_id,
                                   GDateTime         *time,
                                   gboolean          *due,
                                   GError           **error)
{
  AuLedgerAccount mini = { 0, };
  g_autofree char *why = NULL;
  AuMoney equity;
  gboolean ok;

  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  *due = FALSE;
  if (!au_ledger_get_account (self->ledger, mini_id, &mini, error))
    return FALSE;
  if (mini.kind != AU_ACCOUNT_MINI || mini.status != AU_ACCOUNT_ACTIVE)
    {
      au_ledger_account_clear (&mini);
      return TRUE;
    }
  ok = merge_due (self, &mini, time, due, &why, &equity, error);
  au_ledger_account_clear (&mini);
  return ok;
}

static JsonNode *
merge_proposal (const AuLedgerAccount *mini,
                GDateTime             *time,
                AuMoney                equity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (mini->created_at, NULL);
  g_autoptr(GDateTime) created_eastern = g_date_time_to_timezone (created,
                                                                  au_eastern_time_zone ());
  g_autofree char *time_text = _au_time_text (time);
  g_autofree char *created_text = g_date_time_format (created_eastern, "%Y-%m-%d");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, "mini");
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, "merge");
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time_text);
  json_builder_set_member_name (builder, "initial_capital");
  json_builder_add_double_value (builder, _au_dollars (mini->initial_capital));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created_text);
  json_builder_set_member_name (builder, "account_state");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "equity");
  json_builder_add_double_value (builder, _au_dollars (equity));
  json_builder_set_member_name (builder, "open_positions");
  json_builder_add_int_value (builder, 0);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
merge_now (AuAccountManager      *self,
           const AuLedgerAccount *mini,
           GDateTime             *time,
           AuMoney                equity,
           const char            *why,
           AuLifecycleResult     *result,
           GError               **error)
{
  static const char * const rules[] = { "D2.3", "R2.6", NULL };
  g_autoptr(JsonNode) proposal = merge_proposal (mini, time, equity);
  g_autoptr(AuVerdict) verdict = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *context;
  gint64 txn;

  if (!_au_account_manager_judge (self, proposal, &verdict, error))
    {
      g_autofree char *summary = NULL;

      if (verdict == NULL)
        return FALSE;
      summary = _au_verdict_summary (verdict);
      node = _au_account_context_node (_au_account_context_new (mini, summary));
      return _au_account_manager_audit (self, time, "merge", rules, "REFUSED", node, error);
    }

  txn = au_ledger_merge_mini (self->ledger, mini->id, time, &local_error);
  if (txn == 0)
    {
      if (local_error->domain != AU_LEDGER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      node = _au_account_context_node (_au_account_context_new (mini, local_error->message));
      return _au_account_manager_audit (self, time, "merge", rules, "REFUSED", node, error);
    }

  g_array_append_val (result->merged, mini->id);
  context = _au_account_context_new (mini, why);
  json_object_set_double_member (context, "equity", _au_dollars (equity));
  json_object_set_int_member (context, "transaction", txn);
  node = _au_account_context_node (context);
  return _au_account_manager_audit (self, time, "merge", rules, "MERGED", node, error);
}

/* @merge: merge flat MINIs now (the Friday manage window), else only
 * schedule them. */
static gboolean
review_minis (AuAccountManager   *self,
              GDateTime          *time,
              gboolean            merge,
              AuLifecycleResult  *result,
              GError            **error)
{
  static const char * const rules[] = { "D2.3", NULL };
  g_autoptr(GArray) accounts = au_ledger_list_accounts (self->ledger, error);

  if (accounts == NULL)
    return FALSE;

  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *mini = &g_array_index (accounts, AuLedgerAccount, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *why = NULL;
      JsonObject *context;
      gboolean due;
      AuMoney equity;
      guint first, n_closes;

      if (mini->kind != AU_ACCOUNT_MINI || mini->status != AU_ACCOUNT_ACTIVE)
        continue;
      if (!merge_due (self, mini, time, &due, &why, &equity, error))
        return FALSE;
      if (!due)
        {
          if (merge)
            continue; /* the weekly cut already said so this week */
          node = _au_account_context_node (_au_account_context_new (mini, why));
          if (!_au_account_manager_audit (self, time, "merge", rules, "NO_ACTION", node, error))
            return FALSE;
          continue;
        }

      first = result->intents->len;
      if (!_au_account_close_intents (self, mini->id, result->intents, &n_closes, error))
        return FALSE;
      if (n_closes > 0)
        {
          JsonArray *closes = json_array_new ();
          g_autofree char *reason = g_strdup_printf ("%s; its %u open positions are closed "
                                                     "first, the merge follows at the Friday "
                                                     "manage window once it is flat", why,
                                                     n_closes);

          for (guint k = first; k < result->intents->len; k++)
            json_array_add_element (closes, au_trade_intent_to_json (
              &g_array_index (result->intents, AuTradeIntent, k)));
          context = _au_account_context_new (mini, reason);
          json_object_set_array_member (context, "intents", closes);
          node = _au_account_context_node (context);
          if (!_au_account_manager_audit (self, time, "merge", rules, "CLOSING", node, error))
            return FALSE;
          continue;
        }

      if (merge)
        {
          if (!merge_now (self, mini, time, equity, why, result, error))
            return FALSE;
          continue;
        }
      {
        g_autofree char *reason = g_strdup_printf ("%s; it is flat and merges at the next "
                                                   "Friday manage window", why);

        node = _au_account_context_node (_au_account_context_new (mini, reason));
        if (!_au_account_manager_audit (self, time, "merge", rules, "SCHEDULED", node, error))
          return FALSE;
      }
    }
  return TRUE;
}

gboolean
au_account_manager_weekly_cut (AuAccountManager  *self,
                               GDateTime         *time,
                               AuLifecycleResult *result,
                               GError           **error)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  _au_lifecycle_result_init (result);
  if (run_queue (self, time, result, error)
      && fork_due (self, time, result, error)
      && review_minis (self, time, FALSE, result, error))
    return TRUE;
  au_lifecycle_result_clear (result);
  return FALSE;
}

gboolean
au_account_manager_friday_manage (AuAccountManager  *self,
                                  GDateTime         *time,
                                  AuLifecycleResult *result,
                                  GError           **error)
{
  g_return_val_if_fail (AU_IS_ACCOUNT_MANAGER (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  _au_lifecycle_result_init (result);
  if (review_minis (self, time, TRUE, result, error)
      && run_queue (self, time, result, error))
    return TRUE;
  au_lifecycle_result_clear (result);
  return FALSE;
}

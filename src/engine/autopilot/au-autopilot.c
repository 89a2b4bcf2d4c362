/* au-autopilot.c: the autopilot's object, state machine, commands and schedule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-autopilot"

#include "config.h"

#include "au-autopilot-private.h"
#include "au-autopilot-state.h"
#include "au-json.h"
#include "au-market-calendar.h"
#include "au-money.h"
#include "au-paper-broker.h"
#include "au-reconcile.h"
#include "au-schedule.h"

G_DEFINE_QUARK (au-autopilot-error-quark, au_autopilot_error)

static void workload_iface_init (AuEngineWorkloadInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AuAutopilot, au_autopilot, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (AU_TYPE_ENGINE_WORKLOAD,
                                                      workload_iface_init))

static const char *action_names[AP_N_ACTIONS] = {
  "the 09:30 ATR computation",
  "a monitoring check",
  "Com-Acc buys share lots and writes covered calls",
  "Rev-Acc opens puts",
  "Gen-Acc and the MINIs open puts",
  "the Friday manage window",
  "the weekly cut",
};

/* The audit trail's name of each action and the rule that schedules it. */
static const struct { const char *key; const char *rule; } action_audit[AP_N_ACTIONS] = {
  { "ATR", "D2.13" },
  { "MONITOR", "R0.11" },
  { "ENTRY_COM", "D2.23" },
  { "ENTRY_REV", "R3.2" },
  { "ENTRY_GEN", "R2.2" },
  { "MANAGE", "D2.15" },
  { "WEEKLY_CUT", "R1.2" },
};

static void schedule_timer (AuAutopilot *self);

/* Time */

GDateTime *
_au_autopilot_now_time (AuAutopilot *self)
{
  g_autoptr(GDateTime) utc =
    g_date_time_new_from_unix_utc (au_clock_get_now (self->config.clock) / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, au_eastern_time_zone ());
}

char *
_au_autopilot_now_text (AuAutopilot *self)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);

  return au_eastern_format (now);
}

void
_au_autopilot_today (AuAutopilot *self,
                     GDate       *date,
                     int         *minute)
{
  g_autoptr(GDateTime) now = _au_autopilot_now_time (self);

  au_eastern_split (now, date, minute);
}

static gint64
eastern_usec (const GDate *date,
              int          minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (au_eastern_time_zone (), g_date_get_year (date),
                                               g_date_get_month (date), g_date_get_day (date),
                                               minute / 60, minute % 60, 0);

  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

/* Audit and events */

void
_au_autopilot_audit (AuAutopilot *self,
                     const char  *actor,
                     const char  *kind,
                     const char  *rule,
                     const char  *verdict,
                     JsonNode    *context)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *time = _au_autopilot_now_text (self);
  const char *rules[] = { rule, NULL };
  AuAuditEntry entry = {
    .time = time,
    .actor = actor,
    .kind = kind,
    .rules = rule != NULL ? rules : NULL,
    .constitution = au_constitution_get_sha256 (self->config.constitution),
    .context = context,
    .verdict = verdict,
  };

  if (au_audit_log_append (self->config.audit, &entry, &error) != 0)
    {
      /* D4: what was just audited is a material change (a level, a
       * latch, a pivot, a tier, a week's label, a state): it is saved
       * before anything else happens, so a crash cannot undo it. */
      static const char *material[] = { "protocol", "breaker", "pivot", "week_type", "state",
                                        "command" };

      for (guint i = 0; i < G_N_ELEMENTS (material); i++)
        if (g_strcmp0 (kind, material[i]) == 0)
          _ap_state_checkpoint (self, kind);
    }
  else
    /* An audit trail that cannot be written leaves nothing safe to do. */
    {
      g_warning ("The audit trail refused a record: %s", error->message);
      if (self->state != AU_SYSTEM_SAFE && self->state != AU_SYSTEM_EMERGENCY)
        {
          self->state = AU_SYSTEM_SAFE;
          g_free (self->state_reason);
          self->state_reason = g_strdup_printf ("the audit trail cannot be written: %s",
                                                error->message);
        }
    }
}

static JsonNode *
message_context (const char *account,
                 const char *message)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (account != NULL)
    json_object_set_string_member (object, "account", account);
  json_object_set_string_member (object, "message", message);
  json_node_take_object (node, object);
  return node;
}

static void
emit_message (AuAutopilot *self,
              const char  *kind,
              const char  *account,
              const char  *rule,
              const char  *message)
{
  g_autoptr(AuEngineEvent) event =
    au_engine_event_new (au_clock_get_now (self->config.clock), kind, account, message, rule);

  g_debug ("%s: %s", kind, message);
  au_engine_workload_emit_event (AU_ENGINE_WORKLOAD (self), event);
}

void
_au_autopilot_emit (AuAutopilot *self,
                    const char  *kind,
                    const char  *account,
                    const char  *rule,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  emit_message (self, kind, account, rule, message);
}

void
_au_autopilot_non_action (AuAutopilot *self,
                          const char  *account,
                          const char  *rule,
                          const char  *format,
                          ...)
{
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) context = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  context = message_context (account, message);
  _au_autopilot_audit (self, "engine", "non_action", rule, "SKIPPED", context);
  emit_message (self, "non-action", account, rule, message);
  self->stats.non_actions++;
}

void
_ap_state_checkpoint (AuAutopilot *self,
                      const char  *why)
{
  g_autoptr(GError) error = NULL;

  if (!self->state_ready)
    return;
  if (!au_autopilot_state_save (self, why, NULL, &error))
    g_warning ("The autopilot's state cannot be saved (%s): %s", why, error->message);
}

/* R9: every transition audited with its reason. A move R9 does not allow
 * is a bug here, and the system goes to SAFE instead. */
void
_au_autopilot_set_state (AuAutopilot   *self,
                         AuSystemState  state,
                         const char    *rule,
                         const char    *reason)
{
  g_autoptr(JsonNode) context = NULL;
  AuSystemState from = self->state;
  g_autofree char *message = NULL;

  if (from == state)
    {
      g_free (self->state_reason);
      self->state_reason = g_strdup (reason);
      return;
    }
  if (!au_system_state_can_move (from, state))
    {
      g_warning ("R9 does not allow %s → %s (%s); entering SAFE",
                 au_system_state_to_string (from), au_system_state_to_string (state), reason);
      state = AU_SYSTEM_SAFE;
      rule = "R9";
    }
  self->state = state;
  g_free (self->state_reason);
  self->state_reason = g_strdup (reason);

  message = g_strdup_printf ("%s → %s: %s", au_system_state_to_string (from),
                             au_system_state_to_string (state), reason);
  context = message_context (NULL, message);
  json_object_set_string_member (json_node_get_object (context), "from",
                                 au_system_state_to_string (from));
  json_object_set_string_member (json_node_get_object (context), "to",
                                 au_system_state_to_string (state));
  _au_autopilot_audit (self, "engine", "state", rule, au_system_state_to_string (state), context);
  emit_message (self, "state", NULL, rule, message);
  au_engine_workload_emit_changed (AU_ENGINE_WORKLOAD (self));
}

/* What forbids a new entry now, or TRUE. @vix_age: also judge the age of
 * the VIX (D2.7); FALSE before an entry fetch, which brings a fresh VIX
 * quote with it and is judged with the age once the quote is in. */
gboolean
_au_autopilot_may_enter (AuAutopilot  *self,
                         gboolean      vix_age,
                         const char  **why)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  gint64 now = au_clock_get_now (self->config.clock);
  AuVixTier tier = au_circuit_breaker_get_tier (self->breaker);

  if (self->paused)
    return (*why = "the autopilot is paused", FALSE);
  if (self->state == AU_SYSTEM_EMERGENCY)
    return (*why = "EMERGENCY (the kill switch) allows no entries (R6.9)", FALSE);
  if (self->state == AU_SYSTEM_SAFE || !self->reconciled)
    return (*why = "SAFE allows exits only (R9)", FALSE);
  if (tier == AU_VIX_TIER_SAFE || tier == AU_VIX_TIER_EMERGENCY)
    return (*why = "the VIX breaker allows no entries (R6.9, D2.8)", FALSE);
  if (au_broker_get_state (self->config.broker) != AU_BROKER_READY)
    return (*why = "the broker is not ready (R8.8)", FALSE);
  if (vix_age
      && (self->vix_as_of == 0
          || now - self->vix_as_of > (gint64) params->data.stale_stop_seconds * G_USEC_PER_SEC))
    return (*why = "VIX is older than the stale limit: no new entries (D2.7)", FALSE);
  return TRUE;
}

/* Reconciliation (R9.1, D3) */

/* A fill between two of the broker's answers (the positions, then the
 * account) or one whose execution has not reached the ledger yet shows
 * as a difference that the next pass explains; a difference that
 * outlives this many passes is real. */
#define RECONCILE_PASSES   3
#define RECONCILE_RETRY_MS 500

/* One pass: recover the orders, cancel orphans, read the positions and
 * the account, compare. */
typedef struct
{
  AuAutopilot *self;        /* a reference */
  guint        pass;        /* 1 … RECONCILE_PASSES */
  GPtrArray   *positions;   /* AuBrokerPosition: the broker's answer */
  AuClock     *held;        /* the paper clock this pass holds, or NULL */
} ReconcileRun;

/* The clock that stops with the autopilot's waits (a fetch's requests,
 * a reconciliation, the next scheduled action): a simulated clock the
 * paper market runs on. Neither a stepped clock (a backtest), which moves
 * only when told, nor one that follows a gateway's (IB, D4), which runs
 * whatever the engine does. NULL when there is none. */
AuClock *
_ap_paper_clock (AuAutopilot *self)
{
  AuClock *clock = self->config.clock;

  if (clock == NULL || au_clock_get_kind (clock) != AU_CLOCK_SIMULATED
      || !AU_IS_PAPER_BROKER (self->config.broker)
      || au_paper_broker_get_clock (AU_PAPER_BROKER (self->config.broker)) != clock)
    return NULL;
  return clock;
}

static ReconcileRun *
reconcile_run_new (AuAutopilot *self,
                   guint        pass)
{
  ReconcileRun *run = g_new0 (ReconcileRun, 1);

  run->self = g_object_ref (self);
  run->pass = pass;
  /* R9.1: nothing happens before the broker matches the ledger, so no
   * market time passes either: at 100,000x the four answers took some
   * forty minutes of the session, and the half-second between two
   * passes would be fourteen hours. The next pass takes its hold before
   * this one's is released, so the clock stands still from the first
   * pass to the verdict. */
  run->held = _ap_paper_clock (self);
  if (run->held != NULL)
    {
      g_object_ref (run->held);
      au_clock_hold (run->held);
    }
  return run;
}

static void
reconcile_run_free (ReconcileRun *run)
{
  if (run->held != NULL)
    {
      au_clock_release (run->held);
      g_clear_object (&run->held);
    }
  g_clear_object (&run->self);
  g_clear_pointer (&run->positions, g_ptr_array_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReconcileRun, reconcile_run_free)

static void reconcile_begin (ReconcileRun *run);

static gboolean
on_reconcile_retry (gpointer user_data)
{
  ReconcileRun *run = user_data;

  reconcile_begin (reconcile_run_new (run->self, run->pass + 1));
  return G_SOURCE_REMOVE;
}

/* Takes @run. */
static void
reconcile_again (ReconcileRun *run)
{
  g_autoptr(GSource) source = NULL;
  GMainContext *context = run->self->context;

  /* A stepped clock (a backtest) has nothing in flight to wait for. */
  if (au_clock_get_kind (run->self->config.clock) == AU_CLOCK_STEPPED)
    {
      on_reconcile_retry (run);
      reconcile_run_free (run);
      return;
    }
  source = g_timeout_source_new (RECONCILE_RETRY_MS);
  g_source_set_callback (source, on_reconcile_retry, run, (GDestroyNotify) reconcile_run_free);
  g_source_set_static_name (source, "[au-autopilot] reconcile again");
  g_source_attach (source, context);
}

/* The report in the audit trail: what was compared and every difference. */
static JsonNode *
report_context (const AuReconcileReport *report,
                const char              *message,
                guint                    pass)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *ledger = au_money_format (report->ledger_cash);
  g_autofree char *broker = au_money_format (report->broker_cash);
  g_autofree char *difference = au_money_format (report->cash_difference);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "pass");
  json_builder_add_int_value (builder, pass);
  json_builder_set_member_name (builder, "contracts_compared");
  json_builder_add_int_value (builder, report->n_compared);
  json_builder_set_member_name (builder, "ledger_cash");
  json_builder_add_string_value (builder, ledger);
  json_builder_set_member_name (builder, "broker_cash");
  json_builder_add_string_value (builder, broker);
  json_builder_set_member_name (builder, "cash_difference");
  json_builder_add_string_value (builder, difference);
  json_builder_set_member_name (builder, "mismatches");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->mismatches->len; i++)
    {
      const AuReconcileMismatch *m = &g_array_index (report->mismatches, AuReconcileMismatch, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contract");
      json_builder_add_string_value (builder, m->contract);
      json_builder_set_member_name (builder, "ledger");
      json_builder_add_int_value (builder, m->ledger);
      json_builder_set_member_name (builder, "broker");
      json_builder_add_int_value (builder, m->broker);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* au_reconcile_report_describe() on one line, for a state's reason. */
static char *
describe_on_one_line (const AuReconcileReport *report)
{
  g_autofree char *text = au_reconcile_report_describe (report);
  g_auto(GStrv) lines = g_strsplit (g_strchomp (text), "\n", -1);

  return g_strjoinv ("; ", lines);
}

static void
reconcile_fail (AuAutopilot *self,
                const char  *what,
                GError      *error)
{
  g_autofree char *reason = g_strdup_printf ("%s: %s", what, error->message);

  _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "R9.1", reason);
}

/* D3: the partitions of the ledger summed against the broker's account,
 * position by position and cash within $1. Takes @run. */
static void
reconcile_compare (ReconcileRun *run,
                   AuMoney       broker_cash)
{
  g_autoptr(ReconcileRun) owned = run;
  AuAutopilot *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) context = NULL;
  g_autofree char *described = NULL;
  AuReconcileReport report = { 0 };
  gboolean ok;

  if (!au_reconcile_compare (self->config.ledger, run->positions, broker_cash, &report, &error))
    {
      reconcile_fail (self, "the ledger cannot be read for reconciliation", error);
      return;
    }
  ok = au_reconcile_report_ok (&report);
  described = describe_on_one_line (&report);
  if (!ok && run->pass < RECONCILE_PASSES)
    {
      _au_autopilot_emit (self, "reconcile-retry", NULL, "R9.1",
                          "Pass %u: the broker differs from the ledger (%s); a fill in flight "
                          "would explain it, comparing again", run->pass, described);
      au_reconcile_report_clear (&report);
      reconcile_again (g_steal_pointer (&owned));
      return;
    }

  context = report_context (&report, described, run->pass);
  _au_autopilot_audit (self, "engine", "reconcile", "R9.1", ok ? "MATCH" : "MISMATCH", context);
  if (!ok)
    {
      g_autofree char *reason =
        g_strdup_printf ("the broker's account differs from the sum of the ledger's partitions "
                         "(D3): %s — exits only until it is explained", described);

      for (guint i = 0; i < report.mismatches->len; i++)
        {
          const AuReconcileMismatch *m = &g_array_index (report.mismatches, AuReconcileMismatch, i);

          _au_autopilot_emit (self, "reconcile-mismatch", NULL, "R9.1",
                              "The broker holds %" G_GINT64_FORMAT " of %s, the ledger's "
                              "partitions %" G_GINT64_FORMAT, m->broker, m->contract, m->ledger);
        }
      au_reconcile_report_clear (&report);
      _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "R9.1", reason);
      return;
    }
  au_reconcile_report_clear (&report);

  self->reconciled = TRUE;
  if (self->hold_state)
    {
      /* D2.26: a latch set before a restart is still set after it;
       * reconciling books what happened, it does not release anything. */
      _au_autopilot_emit (self, "reconciled", NULL, "R9.1",
                          "The broker matches the ledger (%s); the system stays %s until reset "
                          "(%s)", described, au_system_state_to_string (self->state),
                          self->state_reason);
      _ap_state_checkpoint (self, "state");
      return;
    }
  _au_autopilot_emit (self, "reconciled", NULL, "R9.1", "The broker matches the ledger: %s",
                      described);
  _au_autopilot_set_state (self, AU_SYSTEM_MONITORING, "R9.1",
                           "the broker's positions, cash, orders and executions match the ledger");
}

static void
on_account (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ReconcileRun) run = user_data;
  /* Held past the run, which the comparison takes. */
  g_autoptr(AuAutopilot) self = g_object_ref (run->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(AuBrokerAccount) account = au_broker_account_finish (AU_BROKER (source), result,
                                                                 &error);

  self->fetches--;
  if (account == NULL)
    {
      reconcile_fail (self, "the broker's account cannot be read", error);
      return;
    }
  _ap_sync_positions (self);
  reconcile_compare (g_steal_pointer (&run), account->cash);
  schedule_timer (self);
}

static void
on_positions (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ReconcileRun) run = user_data;
  AuAutopilot *self = run->self;
  g_autoptr(GError) error = NULL;

  self->fetches--;
  run->positions = au_broker_positions_finish (AU_BROKER (source), result, &error);
  if (run->positions == NULL)
    {
      reconcile_fail (self, "the broker's positions cannot be read", error);
      return;
    }
  /* The account after the positions: a fill between the two answers
   * moves the cash but not the positions read, which the next pass
   * sees consistent. */
  self->fetches++;
  au_broker_account_async (self->config.broker, NULL, on_account, g_steal_pointer (&run));
}

/* Orphans: open at the broker, unknown to the ledger — another client's
 * or a crash's leftovers. Cancelled, never adopted (R9.1). */
static void
on_open_orders (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReconcileRun) run = user_data;
  AuAutopilot *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = au_broker_open_orders_finish (AU_BROKER (source), result, &error);

  self->fetches--;
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      const AuOrderUpdate *update = g_ptr_array_index (open, i);
      AuLedgerOrderState state = { 0 };

      if (au_ledger_get_order (self->config.ledger, update->client_order_id, &state, NULL))
        {
          au_ledger_order_state_clear (&state);
          continue;
        }
      _au_autopilot_emit (self, "orphan-cancelled", NULL, "R9.1",
                          "Order %s is open at the broker but unknown to the ledger: cancelled",
                          update->client_order_id);
      au_broker_cancel_order (self->config.broker, update->client_order_id, NULL);
    }
  self->fetches++;
  au_broker_positions_async (self->config.broker, NULL, on_positions, g_steal_pointer (&run));
}

static void
on_recovered (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ReconcileRun) run = user_data;
  AuAutopilot *self = run->self;
  g_autoptr(GError) error = NULL;
  AuRecoveryReport report = { 0 };

  self->fetches--;
  if (!au_order_manager_recover_finish (AU_ORDER_MANAGER (source), result, &report, &error))
    {
      reconcile_fail (self, "orders cannot be recovered", error);
      return;
    }
  if (run->pass == 1 || report.resumed + report.settled + report.lost + report.booked > 0)
    _au_autopilot_emit (self, "recovered", NULL, "R9.1",
                        "Orders recovered: %u resumed, %u settled while away, %u unknown to the "
                        "broker (recorded cancelled, not re-sent), %u fills booked",
                        report.resumed, report.settled, report.lost, report.booked);
  self->fetches++;
  au_broker_open_orders_async (self->config.broker, NULL, on_open_orders, g_steal_pointer (&run));
}

/* Takes @run. */
static void
reconcile_begin (ReconcileRun *run)
{
  AuAutopilot *self = run->self;

  self->fetches++;
  au_order_manager_recover_async (self->orders, NULL, on_recovered, run);
}

void
_ap_reconcile (AuAutopilot *self,
               const char  *why)
{
  self->reconciled = FALSE;
  if (!self->hold_state)
    _au_autopilot_set_state (self, AU_SYSTEM_RECONCILING, "R9.1", why);
  reconcile_begin (reconcile_run_new (self, 1));
}

/* The schedule (R1.1, R1.2, R0.11, D2.16, D2.17) */

typedef struct
{
  gint64       usec;
  ApActionKind kind;
} ApSlot;

static gboolean
slot_after (const ApSlot *a,
            gint64        usec,
            ApActionKind  kind)
{
  return a->usec > usec || (a->usec == usec && a->kind > kind);
}

/* R0.11: the shortest monitoring interval any position asks for; the
 * paper market moves in five-minute steps, so a stepped clock never
 * checks more often than that. */
static int
monitor_seconds (AuAutopilot *self)
{
  const AuConstitutionParams *params = au_constitution_get_params (self->config.constitution);
  int seconds = params->global.monitor_seconds[0];
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ApPosition *position = value;

      if (position->protocol != NULL)
        seconds = MIN (seconds, au_position_protocol_get_monitor_seconds (position->protocol));
    }
  if (au_clock_get_kind (self->config.clock) == AU_CLOCK_STEPPED
      || AU_IS_PAPER_BROKER (self->config.broker))
    seconds = MAX (seconds, AU_MARKET_STEP_MINUTES * 60);
  return MAX (seconds, 1);
}

static void
consider (ApSlot       *best,
          gint64        after,
          ApActionKind  after_kind,
          gint64        usec,
          ApActionKind  kind)
{
  ApSlot slot = { usec, kind };

  if (!slot_after (&slot, after, after_kind))
    return;
  if (best->usec == 0 || slot.usec < best->usec || (slot.usec == best->usec && slot.kind < best->kind))
    *best = slot;
}

static gboolean
next_slot (AuAutopilot  *self,
           gint64        after,
           ApActionKind  after_kind,
           ApSlot       *slot)
{
  AuConstitution *c = self->config.constitution;
  const AuConstitutionParams *params = au_constitution_get_params (c);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (after / G_USEC_PER_SEC);
  g_autoptr(GDateTime) et = g_date_time_to_timezone (utc, au_eastern_time_zone ());
  int step = monitor_seconds (self);
  GDate day;
  int minute;

  au_eastern_split (et, &day, &minute);
  slot->usec = 0;
  for (int n = 0; n < 14 && slot->usec == 0; n++, g_date_add_days (&day, 1))
    {
      static const struct { AuSleeve sleeve; ApActionKind kind; } entries[] = {
        { AU_SLEEVE_REV, AP_ACTION_ENTRY_REV },
        { AU_SLEEVE_GEN, AP_ACTION_ENTRY_GEN },
      };
      AuScheduleWindow window;
      GDate other;
      int close, cut;
      gint64 open_usec;

      if (!au_nyse_is_trading_day (&day))
        continue;
      close = au_schedule_close_minute (c, &day);
      open_usec = eastern_usec (&day, params->schedule.market_open);
      consider (slot, after, after_kind, eastern_usec (&day, params->schedule.atr_time),
                AP_ACTION_ATR);
      /* Monitoring: every @step seconds from the first step after the
       * open up to the close. */
      {
        gint64 close_usec = eastern_usec (&day, close);
        gint64 step_usec = (gint64) step * G_USEC_PER_SEC;
        gint64 first = open_usec + step_usec;
        gint64 t = first;

        if (after >= first)
          t = first + ((after - first) / step_usec) * step_usec;
        /* Orders need the market open: the last check is before the close. */
        for (; t < close_usec; t += step_usec)
          if (slot_after (&(ApSlot) { t, AP_ACTION_MONITOR }, after, after_kind))
            {
              consider (slot, after, after_kind, t, AP_ACTION_MONITOR);
              break;
            }
      }
      if (au_schedule_covered_call_date (c, &day, &other) && g_date_compare (&other, &day) == 0
          && au_schedule_covered_call_window (c, &day, &window))
        consider (slot, after, after_kind, eastern_usec (&day, window.open), AP_ACTION_ENTRY_COM);
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        if (au_schedule_entry_date (c, entries[i].sleeve, &day, &other)
            && g_date_compare (&other, &day) == 0
            && au_schedule_entry_window (c, entries[i].sleeve, &day, &window))
          consider (slot, after, after_kind, eastern_usec (&day, window.open), entries[i].kind);
      if (au_schedule_manage_date (c, &day, &other) && g_date_compare (&other, &day) == 0
          && au_schedule_manage_window (c, &day, &window))
        consider (slot, after, after_kind, eastern_usec (&day, window.open), AP_ACTION_MANAGE);
      if (au_schedule_weekly_cut (c, &day, &other, &cut) && g_date_compare (&other, &day) == 0)
        consider (slot, after, after_kind, eastern_usec (&day, cut), AP_ACTION_WEEKLY_CUT);
    }
  return slot->usec != 0;
}

static void
run_action (AuAutopilot  *self,
            ApActionKind  kind)
{
  switch (kind)
    {
    case AP_ACTION_ATR:
      _ap_run_atr (self);
      break;
    case AP_ACTION_MONITOR:
      _ap_run_monitor (self);
      break;
    case AP_ACTION_ENTRY_COM:
    case AP_ACTION_ENTRY_REV:
    case AP_ACTION_ENTRY_GEN:
      _ap_run_entries (self, kind);
      break;
    case AP_ACTION_MANAGE:
      _ap_run_manage (self);
      break;
    case AP_ACTION_WEEKLY_CUT:
      _ap_run_weekly_cut (self);
      break;
    case AP_N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
}

/* Lets every answer the broker owes and every callback run, so that the
 * next action sees the previous one's outcome. Only with a stepped clock:
 * the paper broker answers on an idle source, never on a wall timer. */
static void
drain (AuAutopilot *self)
{
  guint idle = 0;

  /* Never blocks: the order manager keeps a 1 ms timer for its deadlines,
   * which a stepped clock handles through au_order_manager_tick(). */
  while (g_main_context_pending (self->context) || self->fetches > 0)
    {
      if (g_main_context_iteration (self->context, FALSE))
        idle = 0;
      else if (++idle > 100000)
        {
          g_warning ("The broker did not answer %u request(s)", self->fetches);
          break;
        }
    }
}

gint64
au_autopilot_get_next_action (AuAutopilot  *self,
                              char        **description)
{
  ApSlot slot;

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), 0);

  if (!next_slot (self, self->last_done, self->last_kind, &slot))
    return 0;
  if (description != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (slot.usec / G_USEC_PER_SEC);
      g_autoptr(GDateTime) et = g_date_time_to_timezone (utc, au_eastern_time_zone ());
      g_autofree char *when = g_date_time_format (et, "%a %H:%M ET");

      *description = g_strdup_printf ("%s — %s", when, action_names[slot.kind]);
    }
  return slot.usec;
}

static void
set_last (AuAutopilot *self,
          const ApSlot *slot)
{
  /* The kind too, so that two actions due at one minute both run. */
  self->last_done = slot->usec;
  self->last_kind = slot->kind;
}

/* The record of an action the clock started on its own: the minute it
 * was due and how late it started, which the alarm keeps at zero on a
 * paper clock. A backtest places its clock on every slot and writes
 * none. */
static void
audit_action (AuAutopilot  *self,
              const ApSlot *slot,
              gint64        now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) context = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (slot->usec / G_USEC_PER_SEC);
  g_autofree char *due = au_eastern_format (utc);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action_names[slot->kind]);
  json_builder_set_member_name (builder, "slot");
  json_builder_add_string_value (builder, due);
  json_builder_set_member_name (builder, "slot_usec");
  json_builder_add_int_value (builder, slot->usec);
  json_builder_set_member_name (builder, "late_usec");
  json_builder_add_int_value (builder, now - slot->usec);
  json_builder_end_object (builder);
  context = json_builder_get_root (builder);
  _au_autopilot_audit (self, "engine", "schedule", action_audit[slot->kind].rule,
                       action_audit[slot->kind].key, context);
}

/* Runs every action due by the clock's now. */
static void
run_due (AuAutopilot *self)
{
  gint64 now = au_clock_get_now (self->config.clock);
  ApSlot slot;

  while (next_slot (self, self->last_done, self->last_kind, &slot)
         && slot.usec <= now)
    {
      set_last (self, &slot);
      audit_action (self, &slot, now);
      au_order_manager_tick (self->orders);
      run_action (self, slot.kind);
      _ap_state_checkpoint (self, "action");
    }
}

static gboolean
on_timer (gpointer user_data)
{
  AuAutopilot *self = user_data;

  /* Ours is the last reference but the context's, which it drops when
   * this returns. */
  g_clear_pointer (&self->timer, g_source_unref);
  run_due (self);
  schedule_timer (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_timer (AuAutopilot *self)
{
  gint64 next;
  gint64 delay;

  if (au_clock_get_kind (self->config.clock) == AU_CLOCK_STEPPED || !self->started)
    return;
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_source_unref (self->timer);
      self->timer = NULL;
    }
  next = au_autopilot_get_next_action (self, NULL);
  /* D4: at 100,000x a timer a millisecond late is 100 s of market time.
   * The paper clock stops at the next action instead, so that the action
   * starts at its very minute however late the timer fires; the fetches
   * it starts hold the clock there until the market has answered and
   * the decision is made, and the alarm moves on to the action after
   * (the engine's --until limit still stops the clock first). */
  if (_ap_paper_clock (self) != NULL)
    au_clock_set_alarm (self->config.clock, next);
  if (next == 0)
    return;
  delay = au_clock_real_delay_until (self->config.clock, next);
  /* Rounded up: a timer that fires early only finds nothing due. */
  self->timer = g_timeout_source_new ((guint) MIN ((delay + 999) / 1000, G_MAXUINT));
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_static_name (self->timer, "[au-autopilot] schedule");
  g_source_attach (self->timer, self->context);
}

gboolean
au_autopilot_run_until (AuAutopilot  *self,
                        gint64        usec,
                        GError      **error)
{
  AuPaperBroker *paper;
  ApSlot slot;

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->started)
    {
      g_set_error_literal (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_NOT_STARTED,
                           "The autopilot has not been started");
      return FALSE;
    }
  if (!AU_IS_PAPER_BROKER (self->config.broker))
    {
      g_set_error_literal (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_INVALID,
                           "run_until steps the paper broker; this broker runs on its own clock");
      return FALSE;
    }
  paper = AU_PAPER_BROKER (self->config.broker);
  drain (self);

  while (next_slot (self, self->last_done, self->last_kind, &slot)
         && slot.usec <= usec)
    {
      if (slot.usec > au_clock_get_now (self->config.clock)
          && !au_paper_broker_advance_to (paper, slot.usec, error))
        return FALSE;
      drain (self);
      set_last (self, &slot);
      au_order_manager_tick (self->orders);
      drain (self);
      run_action (self, slot.kind);
      drain (self);
      _ap_state_checkpoint (self, "action");
    }
  if (usec > au_clock_get_now (self->config.clock)
      && !au_paper_broker_advance_to (paper, usec, error))
    return FALSE;
  drain (self);
  return TRUE;
}

/* Start */

static void
on_order_changed (AuOrderManager *manager,
                  const char     *client_order_id,
                  AuAutopilot    *self)
{
  self->positions_dirty = TRUE;
  au_engine_workload_emit_changed (AU_ENGINE_WORKLOAD (self));
}

static gboolean
quote_for_reprice (const AuContract *contract,
                   AuPrice          *bid,
                   AuPrice          *ask,
                   gpointer          user_data)
{
  AuOptionQuote quote;

  if (contract->sec_type != AU_SEC_OPTION || !_ap_quote_series (user_data, contract, &quote))
    return FALSE;
  *bid = quote.bid;
  *ask = quote.ask;
  return TRUE;
}

/* D2.26: SAFE by a latch or a command, and EMERGENCY, hold across a
 * restart; any other state is re-established by reconciliation. */
static void
restore_system_state (AuAutopilot *self)
{
  AuVixTier tier = au_circuit_breaker_get_tier (self->breaker);
  g_autofree char *reason = NULL;

  if (self->restored_state == AU_SYSTEM_EMERGENCY
      || (self->restored_state == AU_SYSTEM_SAFE
          && (self->safe_by_user || tier >= AU_VIX_TIER_SAFE)))
    {
      reason = g_str_has_prefix (self->restored_reason, "restored after a restart: ")
               ? g_strdup (self->restored_reason)
               : g_strdup_printf ("restored after a restart: %s", self->restored_reason);
      self->hold_state = TRUE;
      _au_autopilot_set_state (self, self->restored_state, "D2.26", reason);
    }
}

gboolean
au_autopilot_start (AuAutopilot  *self,
                    GError      **error)
{
  g_autoptr(GDateTime) now = NULL;
  gboolean found = FALSE;
  AuLedgerTree tree;

  g_return_val_if_fail (AU_IS_AUTOPILOT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->started)
    return TRUE;
  now = _au_autopilot_now_time (self);
  /* R0.1: the first start splits the capital 40/30/30. */
  if (!au_account_manager_ensure_portfolio (self->accounts, self->config.capital, now, &tree, error))
    return FALSE;
  if (!au_autopilot_state_migrate (self->config.database, error))
    return FALSE;
  self->started = TRUE;
  /* Everything scheduled before the start is history; what is due at
   * this very instant still runs. */
  self->last_done = au_clock_get_now (self->config.clock) - 1;
  self->last_kind = AP_N_ACTIONS;
  _ap_sync_positions (self);
  /* D4: levels, latches, pivots and the week so far, before any action. */
  if (!au_autopilot_state_load (self, &found, error))
    {
      self->started = FALSE;
      return FALSE;
    }
  self->state_ready = TRUE;
  _au_autopilot_emit (self, "started", NULL, "R9.1",
                      "The autopilot starts in SAFE and reconciles with %s before anything new",
                      au_broker_get_name (self->config.broker));
  if (found)
    restore_system_state (self);
  /* The paper clock stops at the first action before anything can
   * release it: the timer is armed once reconciled (see schedule_timer()). */
  if (_ap_paper_clock (self) != NULL)
    au_clock_set_alarm (self->config.clock, au_autopilot_get_next_action (self, NULL));
  _ap_reconcile (self, "start-up: comparing the broker with the ledger");
  return TRUE;
}

void
au_autopilot_stop (AuAutopilot *self)
{
  g_return_if_fail (AU_IS_AUTOPILOT (self));

  _ap_state_checkpoint (self, "stop");
}

/* Commands */

static void
audit_command (AuAutopilot           *self,
               const AuEngineCommand *command,
               const char            *rule)
{
  g_autoptr(JsonNode) context = message_context (NULL, command->reason != NULL ? command->reason : "");

  json_object_set_string_member (json_node_get_object (context), "command",
                                 au_engine_command_kind_to_string (command->kind));
  _au_autopilot_audit (self, command->actor != NULL ? command->actor : "user", "command", rule,
                       au_engine_command_kind_to_string (command->kind), context);
}

/* Whether the breaker holds a latch of its own (a VIX tier or an L3
 * sleeve); a kill switch thrown by the user is the state alone. */
static gboolean
breaker_latched (AuAutopilot *self)
{
  if (au_circuit_breaker_get_tier (self->breaker) >= AU_VIX_TIER_SAFE)
    return TRUE;
  for (AuSleeve s = AU_SLEEVE_GEN; s <= AU_SLEEVE_COM; s++)
    if (au_circuit_breaker_sleeve_latched (self->breaker, s))
      return TRUE;
  return FALSE;
}

void
au_autopilot_command (AuAutopilot           *self,
                      const AuEngineCommand *command)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));
  g_autoptr(GError) error = NULL;
  const char *reason;

  g_return_if_fail (AU_IS_AUTOPILOT (self));
  g_return_if_fail (command != NULL);

  reason = command->reason != NULL ? command->reason : "no reason given";
  switch (command->kind)
    {
    case AU_ENGINE_COMMAND_PAUSE:
      audit_command (self, command, "R9");
      self->paused = TRUE;
      _au_autopilot_emit (self, "paused", NULL, "R9",
                          "Paused by %s: no new entries; open positions are still watched (%s)",
                          command->actor, reason);
      break;
    case AU_ENGINE_COMMAND_RESUME:
      audit_command (self, command, "R9");
      self->paused = FALSE;
      if (self->state == AU_SYSTEM_SAFE && self->started
          && !au_circuit_breaker_sleeve_latched (self->breaker, AU_SLEEVE_GEN)
          && au_circuit_breaker_get_tier (self->breaker) < AU_VIX_TIER_SAFE)
        {
          self->safe_by_user = FALSE;
          self->hold_state = FALSE;
          _ap_reconcile (self, "resumed: reconciling before anything new");
        }
      break;
    case AU_ENGINE_COMMAND_SAFE:
      self->safe_by_user = TRUE;
      audit_command (self, command, "R9");
      _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "R9", reason);
      break;
    case AU_ENGINE_COMMAND_KILL_SWITCH:
      audit_command (self, command, "R6.9");
      _au_autopilot_set_state (self, AU_SYSTEM_EMERGENCY, "R6.9", reason);
      break;
    case AU_ENGINE_COMMAND_RESET_LATCH:
      audit_command (self, command, "D2.26");
      if (breaker_latched (self)
          && !au_circuit_breaker_reset (self->breaker, au_clock_get_now (self->config.clock),
                                     command->actor, reason, self->vix, events, &error))
        {
          _au_autopilot_emit (self, "command-refused", NULL, "D2.26", "%s", error->message);
          break;
        }
      _ap_reset_l3 (self, command->actor, reason);
      self->safe_by_user = FALSE;
      self->hold_state = FALSE;
      if (self->state == AU_SYSTEM_EMERGENCY)
        _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "D2.26", reason);
      _ap_reconcile (self, "latch reset: reconciling before anything new");
      break;
    case AU_ENGINE_COMMAND_RECONCILE:
      audit_command (self, command, "R9.1");
      if (self->state != AU_SYSTEM_EMERGENCY)
        {
          if (self->state != AU_SYSTEM_SAFE && self->state != AU_SYSTEM_MONITORING
              && self->state != AU_SYSTEM_CLOSING && self->state != AU_SYSTEM_ORDERING)
            _au_autopilot_set_state (self, AU_SYSTEM_SAFE, "R9.1", reason);
          _ap_reconcile (self, reason);
        }
      break;
    case AU_ENGINE_COMMAND_STOP:
      au_autopilot_stop (self);
      return;
    case AU_ENGINE_COMMAND_SET_SPEED:
    case AU_ENGINE_COMMAND_RUN_UNTIL:
    default:
      break;
    }
  schedule_timer (self);
  au_engine_workload_emit_changed (AU_ENGINE_WORKLOAD (self));
}

AuSystemState
au_autopilot_get_state (AuAutopilot  *self,
                        const char  **reason)
{
  g_return_val_if_fail (AU_IS_AUTOPILOT (self), AU_SYSTEM_SAFE);

  if (reason != NULL)
    *reason = self->state_reason;
  return self->state;
}

gboolean
au_autopilot_is_paused (AuAutopilot *self)
{
  g_return_val_if_fail (AU_IS_AUTOPILOT (self), FALSE);
  return self->paused;
}

const AuAutopilotStats *
au_autopilot_get_stats (AuAutopilot *self)
{
  g_return_val_if_fail (AU_IS_AUTOPILOT (self), NULL);
  return &self->stats;
}

/* The engine workload */

static gboolean
workload_start (AuEngineWorkload  *workload,
                GError           **error)
{
  return au_autopilot_start (AU_AUTOPILOT (workload), error);
}

static void
workload_command (AuEngineWorkload      *workload,
                  const AuEngineCommand *command)
{
  au_autopilot_command (AU_AUTOPILOT (workload), command);
}

static AuSystemState
workload_get_state (AuEngineWorkload  *workload,
                    const char       **reason)
{
  return au_autopilot_get_state (AU_AUTOPILOT (workload), reason);
}

static gboolean
workload_is_paused (AuEngineWorkload *workload)
{
  return au_autopilot_is_paused (AU_AUTOPILOT (workload));
}

static gpointer
workload_dup_details (AuEngineWorkload *workload,
                      GType            *type)
{
  *type = AU_TYPE_AUTOPILOT_SNAPSHOT;
  return au_autopilot_dup_snapshot (AU_AUTOPILOT (workload));
}

static void
workload_iface_init (AuEngineWorkloadInterface *iface)
{
  iface->start = workload_start;
  iface->command = workload_command;
  iface->get_state = workload_get_state;
  iface->is_paused = workload_is_paused;
  iface->dup_details = workload_dup_details;
}

/* Object */

static void
position_free (ApPosition *position)
{
  au_contract_clear (&position->contract);
  g_clear_object (&position->protocol);
  g_free (position);
}

static void
au_autopilot_dispose (GObject *object)
{
  AuAutopilot *self = AU_AUTOPILOT (object);

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  /* The clock outlives us: nothing is due any more. */
  if (_ap_paper_clock (self) != NULL)
    au_clock_set_alarm (self->config.clock, 0);
  if (self->config.broker != NULL)
    g_signal_handlers_disconnect_by_data (self->config.broker, self);
  if (self->orders != NULL)
    g_signal_handlers_disconnect_by_data (self->orders, self);
  g_clear_object (&self->orders);
  g_clear_object (&self->accounts);
  g_clear_object (&self->atr);
  g_clear_object (&self->breaker);
  g_clear_object (&self->config.constitution);
  g_clear_object (&self->config.database);
  g_clear_object (&self->config.ledger);
  g_clear_object (&self->config.audit);
  g_clear_object (&self->config.rules);
  g_clear_object (&self->config.broker);
  g_clear_object (&self->config.clock);
  g_clear_object (&self->config.market);
  G_OBJECT_CLASS (au_autopilot_parent_class)->dispose (object);
}

static void
au_autopilot_finalize (GObject *object)
{
  AuAutopilot *self = AU_AUTOPILOT (object);

  g_clear_pointer (&self->state_reason, g_free);
  g_clear_pointer (&self->saved_state, g_free);
  g_clear_pointer (&self->restored_reason, g_free);
  g_clear_pointer (&self->spots, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->pivots, g_hash_table_unref);
  g_clear_pointer (&self->csp_resume, g_hash_table_unref);
  g_clear_pointer (&self->earnings, g_hash_table_unref);
  g_clear_pointer (&self->cc_orders, g_hash_table_unref);
  g_clear_pointer (&self->week_events, g_array_unref);
  g_clear_pointer (&self->pending_intents, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  G_OBJECT_CLASS (au_autopilot_parent_class)->finalize (object);
}

static void
au_autopilot_class_init (AuAutopilotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = au_autopilot_dispose;
  object_class->finalize = au_autopilot_finalize;
}

static void
au_autopilot_init (AuAutopilot *self)
{
  self->state = AU_SYSTEM_SAFE;
  self->state_reason = g_strdup ("starting: nothing is trusted until reconciled (R9.1)");
  self->spots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) au_stock_quote_free);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) position_free);
  self->pivots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->csp_resume = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_date_free);
  self->earnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cc_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->week_events = g_array_new (FALSE, TRUE, sizeof (AuWeekEvent));
}

#define REQUIRE(field)                                                                  \
  if (config->field == NULL)                                                            \
    {                                                                                   \
      g_set_error (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_INVALID,               \
                   "The autopilot's configuration has no %s", #field);                  \
      return NULL;                                                                      \
    }

AuAutopilot *
au_autopilot_new (const AuAutopilotConfig  *config,
                  GError                  **error)
{
  g_autoptr(AuAutopilot) self = NULL;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  REQUIRE (constitution);
  REQUIRE (database);
  REQUIRE (ledger);
  REQUIRE (audit);
  REQUIRE (rules);
  REQUIRE (broker);
  REQUIRE (clock);
  if (config->capital <= 0)
    {
      g_set_error_literal (error, AU_AUTOPILOT_ERROR, AU_AUTOPILOT_ERROR_INVALID,
                           "The autopilot's configuration needs a positive capital");
      return NULL;
    }

  self = g_object_new (AU_TYPE_AUTOPILOT, NULL);
  self->config = *config;
  g_object_ref (self->config.constitution);
  g_object_ref (self->config.database);
  g_object_ref (self->config.ledger);
  g_object_ref (self->config.audit);
  g_object_ref (self->config.rules);
  g_object_ref (self->config.broker);
  g_object_ref (self->config.clock);
  if (self->config.market != NULL)
    g_object_ref (self->config.market);
  self->context = g_main_context_ref_thread_default ();

  self->orders = au_order_manager_new (config->ledger, config->rules, config->broker,
                                       config->clock, self->context, error);
  if (self->orders == NULL)
    return NULL;
  au_order_manager_set_quote_func (self->orders, quote_for_reprice, self, NULL);
  g_signal_connect (self->orders, "order-changed", G_CALLBACK (on_order_changed), self);
  self->accounts = au_account_manager_new (config->constitution, config->database, config->ledger,
                                           config->audit, config->rules, error);
  if (self->accounts == NULL)
    return NULL;
  self->atr = au_atr_service_new (config->constitution);
  self->breaker = au_circuit_breaker_new (config->constitution);
  g_signal_connect (config->broker, "expiry", G_CALLBACK (_ap_on_expiry), self);
  return g_steal_pointer (&self);
}

AuEngineWorkload *
au_autopilot_new_workload (const AuEngineServices  *s,
                           gpointer                 user_data,
                           GError                 **error)
{
  AuAutopilotConfig config = { 0 };

  g_return_val_if_fail (s != NULL, NULL);

  config.constitution = s->constitution;
  config.database = s->database;
  config.ledger = s->ledger;
  config.audit = s->audit;
  config.rules = s->rules;
  config.broker = s->broker;
  config.clock = s->clock;
  if (AU_IS_PAPER_BROKER (s->broker))
    config.market = au_paper_exchange_get_market (au_paper_broker_get_exchange (
                                                    AU_PAPER_BROKER (s->broker)));
  config.capital = s->config->paper_capital;
  config.unattended = s->config->unattended;
  return AU_ENGINE_WORKLOAD (au_autopilot_new (&config, error));
}

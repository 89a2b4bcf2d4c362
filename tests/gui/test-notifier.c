/* test-notifier.c: which engine events become desktop notifications
 *
 * The events are made the way the autopilot makes them: protocol
 * escalations come from the engine's own AuPositionProtocol fed the
 * research file's numbers (a Gen-Acc CSP, strike $200, ATR(5) $4: the
 * breach multiple m = (strike − spot) / ATR, R6.1–R6.4 at 1, 2 and 3 of
 * Constitution v1.3) and are worded as au-autopilot-monitor.c words them;
 * state changes as au-autopilot.c words them. The rest are the kinds of
 * a normal weekly cycle (grep `_au_autopilot_emit` in
 * src/engine/autopilot/), which call for no notification. AuNotifier
 * then sends only while the "notifications" preference is on. No display
 * is needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "au-broker-types.h"
#include "au-constitution.h"
#include "au-notifier.h"
#include "au-position-protocol.h"
#include "au-system-state.h"

#define PRICE(dollars) ((AuPrice) ((dollars) * AU_PRICE_SCALE))

/* Thursday 2026-11-19 10:00 ET (15:00 UTC), µs. */
#define THURSDAY_USEC (G_GINT64_CONSTANT (1795100400) * G_USEC_PER_SEC)

static AuConstitution *constitution;

/* The message au-autopilot-monitor.c emits for one protocol event. */
static AuEngineEvent *
protocol_event (const char            *account,
                const char            *what,
                const AuProtocolEvent *e)
{
  g_autofree char *message =
    g_strdup_printf ("%s: %s → %s at %.2f× ATR: %s", what, au_protocol_level_to_string (e->from),
                     au_protocol_level_to_string (e->to), e->multiple, e->why.reason);

  return au_engine_event_new (e->time, "protocol", account, message, e->why.rule);
}

/* The Gen-Acc AAPL 200 put of 2026-11-27 observed at @spot with ATR(5)
 * $4; returns its protocol events as the engine's events. */
static GPtrArray *
observe_put (AuPositionProtocol *protocol,
             double              spot)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  g_autoptr(GError) error = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) au_engine_event_unref);
  AuContract contract;
  GDate expiry;
  g_autofree char *what = NULL;

  g_date_set_dmy (&expiry, 27, G_DATE_NOVEMBER, 2026);
  au_contract_init_option (&contract, "AAPL", AU_OPTION_PUT, PRICE (200), &expiry);
  what = au_contract_describe (&contract);
  au_contract_clear (&contract);

  g_assert_true (au_position_protocol_observe (protocol, THURSDAY_USEC, PRICE (spot), PRICE (4),
                                               events, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (out, protocol_event ("ALL-USE-1/Gen",
                                          what, &g_array_index (events, AuProtocolEvent, i)));
  return out;
}

static AuPositionProtocol *
new_gen_put (void)
{
  g_autoptr(GError) error = NULL;
  AuPositionProtocol *protocol = au_position_protocol_new (constitution, AU_SLEEVE_GEN,
                                                           AU_STRATEGY_CSP, PRICE (200), &error);

  g_assert_no_error (error);
  return protocol;
}

/* m = (200 − 192) / 4 = 2.0, on L2's limit: L0 → L1 → L2, no level
 * skipped (R6.5). L2 is high priority and names R6.3. */
static void
test_l2_escalation (void)
{
  g_autoptr(AuPositionProtocol) protocol = new_gen_put ();
  g_autoptr(GPtrArray) events = observe_put (protocol, 192.0);
  g_autoptr(AuNotice) l1 = NULL;
  g_autoptr(AuNotice) l2 = NULL;
  AuEngineEvent *event;

  g_assert_cmpuint (events->len, ==, 2);

  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->rule, ==, "R6.2");
  l1 = au_notice_for_event (event);
  g_assert_nonnull (l1);
  g_assert_cmpstr (l1->title, ==, "Protocol Level L1");
  g_assert_cmpint (l1->priority, ==, G_NOTIFICATION_PRIORITY_NORMAL);

  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (event->rule, ==, "R6.3");
  l2 = au_notice_for_event (event);
  g_assert_nonnull (l2);
  g_assert_cmpstr (l2->id, ==, "protocol");
  g_assert_cmpstr (l2->title, ==, "Protocol Level L2");
  g_assert_cmpint (l2->priority, ==, G_NOTIFICATION_PRIORITY_HIGH);
  g_assert_true (g_str_has_prefix (l2->body,
                                   "ALL-USE-1/Gen: AAPL 2026-11-27 P 200: L1 → L2 at 2.00× ATR: "));
  g_assert_true (g_str_has_suffix (l2->body, " (R6.3)"));
}

/* Just inside L1: m = (200 − 196.04) / 4 = 0.99, no event, nothing to
 * notify. On L1's limit, m = 1.00: one normal-priority notice. */
static void
test_l1_boundary (void)
{
  g_autoptr(AuPositionProtocol) protocol = new_gen_put ();
  g_autoptr(GPtrArray) below = observe_put (protocol, 196.04);
  g_autoptr(GPtrArray) on = observe_put (protocol, 196.0);
  g_autoptr(AuNotice) notice = NULL;

  g_assert_cmpuint (below->len, ==, 0);
  g_assert_cmpuint (on->len, ==, 1);
  notice = au_notice_for_event (g_ptr_array_index (on, 0));
  g_assert_nonnull (notice);
  g_assert_cmpstr (notice->title, ==, "Protocol Level L1");
  g_assert_cmpint (notice->priority, ==, G_NOTIFICATION_PRIORITY_NORMAL);
  g_assert_true (g_str_has_suffix (notice->body, " (R6.2)"));
}

/* m = (200 − 188) / 4 = 3.0: L3 is urgent (R6.4); the user's reset
 * back to L0 (D2.26) is a step down, not an escalation. */
static void
test_l3_and_reset (void)
{
  g_autoptr(AuPositionProtocol) protocol = new_gen_put ();
  g_autoptr(GPtrArray) events = observe_put (protocol, 188.0);
  g_autoptr(GArray) reset = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  g_autoptr(GError) error = NULL;
  g_autoptr(AuNotice) l3 = NULL;
  g_autoptr(AuNotice) back = NULL;
  g_autoptr(AuEngineEvent) reset_event = NULL;

  g_assert_cmpuint (events->len, ==, 3);
  l3 = au_notice_for_event (g_ptr_array_index (events, 2));
  g_assert_nonnull (l3);
  g_assert_cmpstr (l3->title, ==, "Protocol Level L3");
  g_assert_cmpint (l3->priority, ==, G_NOTIFICATION_PRIORITY_URGENT);
  g_assert_true (g_str_has_suffix (l3->body, " (R6.4)"));

  g_assert_true (au_position_protocol_reset (protocol, THURSDAY_USEC, "user",
                                             "stock recovered, checked by hand", reset, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reset->len, ==, 1);
  reset_event = protocol_event ("ALL-USE-1/Gen", "AAPL 2026-11-27 P 200",
                                &g_array_index (reset, AuProtocolEvent, 0));
  back = au_notice_for_event (reset_event);
  g_assert_null (back);
}

/* As au-autopilot.c words a state change: "FROM → TO: reason". */
static AuEngineEvent *
state_event (AuSystemState  from,
             AuSystemState  to,
             const char    *rule,
             const char    *reason)
{
  g_autofree char *message = g_strdup_printf ("%s → %s: %s", au_system_state_to_string (from),
                                              au_system_state_to_string (to), reason);

  return au_engine_event_new (THURSDAY_USEC, "state", NULL, message, rule);
}

static void
test_states (void)
{
  g_autoptr(AuEngineEvent) safe = state_event (AU_SYSTEM_MONITORING, AU_SYSTEM_SAFE, "R6.9",
                                               "VIX 41.20 is above 40: SAFE, no new entries");
  g_autoptr(AuEngineEvent) emergency = state_event (AU_SYSTEM_SAFE, AU_SYSTEM_EMERGENCY, "R6.9",
                                                    "kill switch thrown by the user");
  g_autoptr(AuEngineEvent) back = state_event (AU_SYSTEM_SAFE, AU_SYSTEM_SCANNING, "D2.26",
                                               "latch reset by the user");
  g_autoptr(AuEngineEvent) cycle = state_event (AU_SYSTEM_SCANNING, AU_SYSTEM_ANALYZING, "R9",
                                                "the Thursday window");
  g_autoptr(AuNotice) safe_notice = au_notice_for_event (safe);
  g_autoptr(AuNotice) emergency_notice = au_notice_for_event (emergency);
  g_autoptr(AuNotice) back_notice = au_notice_for_event (back);
  g_autoptr(AuNotice) cycle_notice = au_notice_for_event (cycle);

  g_assert_nonnull (safe_notice);
  g_assert_cmpint (safe_notice->priority, ==, G_NOTIFICATION_PRIORITY_HIGH);
  g_assert_true (g_str_has_suffix (safe_notice->body, " (R6.9)"));
  g_assert_nonnull (emergency_notice);
  g_assert_cmpint (emergency_notice->priority, ==, G_NOTIFICATION_PRIORITY_URGENT);
  g_assert_null (back_notice);
  g_assert_null (cycle_notice);
}

/* The kinds of a normal week, as the autopilot emits them: none of them
 * interrupts anyone. */
static void
test_normal_cycle (void)
{
  static const struct { const char *kind; const char *account; const char *rule; const char *message; }
  cycle[] = {
    { "started", NULL, "R9.1", "Paper market from 2026-11-16, seed 42" },
    { "reconciled", NULL, "R9.1", "The broker matches the ledger: 3 positions" },
    { "order", "ALL-USE-1/Gen", "R2.2", "Sell 2 AAPL 2026-11-27 P 200 at $1.20" },
    { "roll", "ALL-USE-1/Rev", "R6.3", "Rolled NVDA 2026-11-20 P 180 to 2026-11-27" },
    { "expiry", "ALL-USE-1/Gen", "R7", "AAPL 2026-11-20 P 200 expired worthless" },
    { "week-type", NULL, "D2.5", "Week 2026-W47: Calm-Income" },
    { "weekly-cut", NULL, "R1.2", "The weekly cut: no fork, no merge" },
    { "reinvest", NULL, "D2.9", "Reinvested $1,250.00 of Com-Acc's premium" },
    { "leap", NULL, "R17", "LEAP ladder: 0 order(s) for 2026-Q4" },
    { "paused", NULL, "R9", "Paused by the user" },
    { "protocol", "ALL-USE-1/Gen", "D2.10",
      "AAPL 2026-11-27 P 200: L1 → L0 at 0.40× ATR: back to L0 from L1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cycle); i++)
    {
      g_autoptr(AuEngineEvent) event = au_engine_event_new (THURSDAY_USEC, cycle[i].kind,
                                                            cycle[i].account, cycle[i].message,
                                                            cycle[i].rule);
      g_autoptr(AuNotice) notice = au_notice_for_event (event);

      if (notice != NULL)
        g_error ("a normal-cycle “%s” event asked for a notification: %s", cycle[i].kind,
                 notice->title);
    }
}

static AuAutopilotPositionView *
put_view (gint64 quantity)
{
  AuAutopilotPositionView *view = g_new0 (AuAutopilotPositionView, 1);

  view->account_id = 2;
  view->symbol = g_strdup ("AAPL");
  view->right = g_strdup ("P");
  view->strike = PRICE (200);
  view->expiry = g_strdup ("2026-11-27");
  view->quantity = quantity;
  view->level = g_strdup ("L0");
  return view;
}

static AuAutopilotSnapshot *
snapshot_holding (gint64 quantity)
{
  AuAutopilotSnapshot *snapshot = au_autopilot_snapshot_new ();
  AuAutopilotAccountView *gen = g_new0 (AuAutopilotAccountView, 1);

  gen->account_id = 2;
  gen->name = g_strdup ("ALL-USE-1/Gen");
  gen->kind = g_strdup ("gen");
  g_ptr_array_add (snapshot->accounts, gen);
  if (quantity != 0)
    g_ptr_array_add (snapshot->positions, put_view (quantity));
  return snapshot;
}

/* A fill is a position that grew between two snapshots; the same
 * holding twice, or a buy-back that shrank it, is none. */
static void
test_fills (void)
{
  g_autoptr(AuAutopilotSnapshot) none = snapshot_holding (0);
  g_autoptr(AuAutopilotSnapshot) two = snapshot_holding (-2);
  g_autoptr(AuAutopilotSnapshot) three = snapshot_holding (-3);
  g_autoptr(AuAutopilotSnapshot) one = snapshot_holding (-1);
  g_autoptr(AuNotice) opened = au_notice_for_fills (none, two);
  g_autoptr(AuNotice) added = au_notice_for_fills (two, three);
  g_autoptr(AuNotice) same = au_notice_for_fills (three, three);
  g_autoptr(AuNotice) bought_back = au_notice_for_fills (three, one);
  g_autoptr(AuNotice) first = au_notice_for_fills (NULL, two);

  g_assert_nonnull (opened);
  g_assert_cmpstr (opened->title, ==, "Order Filled");
  g_assert_cmpstr (opened->body, ==, "ALL-USE-1/Gen: Sold 2 × AAPL $200.00 P 2026-11-27 (R0.5)");
  g_assert_nonnull (added);
  g_assert_cmpstr (added->body, ==, "ALL-USE-1/Gen: Sold 1 × AAPL $200.00 P 2026-11-27 (R0.5)");
  g_assert_null (same);
  g_assert_null (bought_back);
  /* The first snapshot of a session has nothing to compare with. */
  g_assert_null (first);
}

/* The preference decides: on, an L2 escalation is sent and a normal
 * order is not; off, nothing is sent at all. */
static void
test_preference (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(GApplication) application = g_application_new ("io.github.alluse.Autopilot.TestNotifier",
                                                           G_APPLICATION_NON_UNIQUE);
  g_autoptr(AuNotifier) notifier = NULL;
  g_autoptr(AuPositionProtocol) protocol = new_gen_put ();
  g_autoptr(GPtrArray) events = observe_put (protocol, 192.0);
  g_autoptr(AuEngineEvent) order = au_engine_event_new (THURSDAY_USEC, "order", "ALL-USE-1/Gen",
                                                        "Sell 2 AAPL 2026-11-27 P 200 at $1.20",
                                                        "R2.2");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_application_register (application, NULL, &error));
  g_assert_no_error (error);
  /* GIO sends notifications over the session bus (the suite runs under
   * dbus-run-session); without one it cannot send any. */
  if (g_application_get_dbus_connection (application) == NULL)
    {
      g_test_skip ("no D-Bus session bus");
      return;
    }
  notifier = au_notifier_new (application, settings);

  g_settings_set_boolean (settings, "notifications", TRUE);
  g_assert_false (au_notifier_handle_event (notifier, order));
  g_assert_cmpuint (au_notifier_get_n_sent (notifier), ==, 0);
  g_assert_true (au_notifier_handle_event (notifier, g_ptr_array_index (events, 1)));
  g_assert_cmpuint (au_notifier_get_n_sent (notifier), ==, 1);

  g_settings_set_boolean (settings, "notifications", FALSE);
  g_assert_false (au_notifier_handle_event (notifier, g_ptr_array_index (events, 0)));
  g_assert_false (au_notifier_handle_event (notifier, g_ptr_array_index (events, 1)));
  g_assert_cmpuint (au_notifier_get_n_sent (notifier), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  constitution = au_constitution_new_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/notifier/l2-escalation", test_l2_escalation);
  g_test_add_func ("/gui/notifier/l1-boundary", test_l1_boundary);
  g_test_add_func ("/gui/notifier/l3-and-reset", test_l3_and_reset);
  g_test_add_func ("/gui/notifier/states", test_states);
  g_test_add_func ("/gui/notifier/normal-cycle", test_normal_cycle);
  g_test_add_func ("/gui/notifier/fills", test_fills);
  g_test_add_func ("/gui/notifier/preference", test_preference);

  status = g_test_run ();
  g_clear_object (&constitution);
  return status;
}

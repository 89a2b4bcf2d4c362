/* test-events-page.c: the Protocol Events page over an audit trail written with the engine
 *
 * Audit records appended with au_audit_log_append() in the very shapes
 * the autopilot writes them (au-autopilot.c, au-autopilot-monitor.c,
 * au-rules-engine.c, au-account-lifecycle.c), among records the timeline
 * must leave out; then live AuEngineEvents: one its record already
 * holds (absorbed), new ones (on top), ones that are not protocol events
 * (ignored), and a reload after their records were written (shown once).
 * Filters by kind and account, ET times, severity, a PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-audit-log.h"
#include "au-constitution.h"
#include "au-event-row.h"
#include "au-events-page.h"
#include "au-format.h"
#include "gui-test-util.h"

static char *work_dir;
static char *db_path;

#define M_ESCALATE "AMZN 2026-11-06 C 187.5: L0 → L1 at 1.16× ATR: L1 reached at m = 1.1633"
#define M_CALM     "AMZN 2026-11-06 C 187.5: L1 → L0 at 0.42× ATR: back under the trigger"
#define M_L2       "AMZN 2026-11-06 C 187.5: L1 → L2 at 1.72× ATR: L2 reached at m = 1.7200"
#define M_VIX      "VIX 52.30 is above 50: a hedged week (D2.8)"
#define M_SAFE     "MONITORING → SAFE: L3 exit in ALL-USE-1/Rev"
#define M_START    "SAFE → RECONCILING: start-up: comparing the broker with the ledger"

static void
append (const char *time,
        const char *kind,
        const char *rule,
        const char *verdict,
        const char *context,
        const char *violations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = au_database_open (db_path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuAuditLog) log = NULL;
  g_autoptr(JsonNode) node = json_from_string (context, &error);
  g_autoptr(JsonNode) problems = violations != NULL ? json_from_string (violations, NULL) : NULL;
  const char *rules[] = { rule, NULL };
  AuAuditEntry entry = {
    .time = time,
    .actor = "engine",
    .kind = kind,
    .rules = rules,
    .context = node,
    .verdict = verdict,
    .violations = problems,
  };

  g_assert_no_error (error);
  entry.constitution = au_constitution_get_sha256 (constitution);
  log = au_audit_log_new (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (au_audit_log_append (log, &entry, &error), >, 0);
  g_assert_no_error (error);
}

/* Eight events among records that are not. */
static void
seed (void)
{
  append ("2026-11-02T09:30:00-05:00", "state", "R9.1", "RECONCILING",
          "{\"from\": \"SAFE\", \"to\": \"RECONCILING\", \"message\": \"" M_START "\"}", NULL);
  append ("2026-11-02T09:30:00-05:00", "fork_queued", "D2.2", "QUEUED",
          "{\"account\": \"ALL-USE-1/Gen\", \"reason\": \"a fork waits for the weekly cut\"}",
          NULL);
  append ("2026-11-02T09:30:00-05:00", "state", "R9.1", "MONITORING",
          "{\"from\": \"RECONCILING\", \"to\": \"MONITORING\", \"message\": \"RECONCILING → "
          "MONITORING: the broker's positions match the ledger\"}", NULL);
  append ("2026-11-02T09:45:00-05:00", "rule_check", "R2.2", "APPROVED",
          "{\"account\": \"gen\", \"action\": \"open\", \"symbol\": \"AAPL\"}", NULL);
  append ("2026-11-04T09:35:00-05:00", "protocol", "R6.2", "L1",
          "{\"account\": \"ALL-USE-1/Com\", \"from\": \"L0\", \"to\": \"L1\", \"message\": \""
          M_ESCALATE "\"}", NULL);
  append ("2026-11-04T16:30:00-05:00", "fork", "R2.6", "NO_ACTION",
          "{\"account\": \"ALL-USE-1/Gen\", \"reason\": \"a fork needs $220000.00\"}", NULL);
  append ("2026-11-05T10:00:00-05:00", "breaker", "D2.8", "hedged",
          "{\"from\": \"none\", \"to\": \"hedged\", \"vix\": 52.3, \"sleeve_latch\": false,"
          " \"message\": \"" M_VIX "\"}", NULL);
  append ("2026-11-05T14:00:00-05:00", "rule_check", "R6.3", "REJECTED",
          "{\"account\": \"rev\", \"action\": \"roll\", \"symbol\": \"TSLA\", \"right\": \"P\","
          " \"strike\": 250, \"expiry\": \"2026-11-06\"}",
          "[{\"rule\": \"R6.3\", \"message\": \"the roll's net debit exceeds 50% of the credit\"}]");
  append ("2026-11-06T10:00:00-05:00", "protocol", "R6.2", "L0",
          "{\"account\": \"ALL-USE-1/Com\", \"from\": \"L1\", \"to\": \"L0\", \"message\": \""
          M_CALM "\"}", NULL);
  append ("2026-11-06T11:00:00-05:00", "state", "R6.4", "SAFE",
          "{\"from\": \"MONITORING\", \"to\": \"SAFE\", \"message\": \"" M_SAFE "\"}", NULL);
  append ("2026-11-06T16:30:00-05:00", "fork", "D2.2", "FORKED",
          "{\"account\": \"ALL-USE-1/Gen\", \"reason\": \"ALL-USE-1/Gen holds $221000.00: "
          "MINI-1 forked with $100000.00\"}", NULL);
}

static gint64
usec (const char *iso)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
add (AuEventsPage *page,
     const char   *time,
     const char   *kind,
     const char   *account,
     const char   *message,
     const char   *rule)
{
  g_autoptr(AuEngineEvent) event = au_engine_event_new (usec (time), kind, account, message, rule);

  au_events_page_add_event (page, event);
}

static gboolean
page_idle (gpointer data)
{
  return !au_events_page_get_busy (data);
}

static AuEventRow *
shown (AuEventsPage *page,
       guint         position)
{
  g_autoptr(AuEventRow) row = g_list_model_get_item (au_events_page_get_visible_rows (page),
                                                     position);

  g_assert_nonnull (row);
  return row;
}

static void
test_events_page (void)
{
  AuEventsPage *page = AU_EVENTS_PAGE (au_events_page_new ());
  GtkWidget *window = gui_test_present (GTK_WIDGET (page), 900, 640);
  GListModel *rows = au_events_page_get_visible_rows (page);
  g_autofree char *text = NULL;
  g_autofree char *time = NULL;
  AuEventRow *row;

  g_assert_nonnull (strstr (widget_text (GTK_WIDGET (page)), "\nNo Portfolio Yet\n"));

  au_events_page_set_database_path (page, db_path);
  wait_until (page_idle, page);

  /* Newest first; the normal state cycle, the entry and the weekly
   * "no fork" are not protocol events. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);
  row = shown (page, 0);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_FORK);
  g_assert_cmpstr (au_event_row_get_account (row), ==, "ALL-USE-1/Gen");
  g_assert_cmpstr (au_event_row_get_rule (row), ==, "D2.2");
  time = au_format_time_usec (au_event_row_get_time (row));
  g_assert_cmpstr (time, ==, "2026-11-06 16:30 ET");
  row = shown (page, 1);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_SAFE);
  g_assert_cmpint (au_event_row_get_severity (row), ==, AU_EVENT_WARNING);
  g_assert_cmpstr (au_event_row_get_message (row), ==, M_SAFE);
  row = shown (page, 2);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_PROTOCOL);
  /* A step down is good news. */
  g_assert_cmpint (au_event_row_get_severity (row), ==, AU_EVENT_INFO);
  row = shown (page, 3);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_ROLL);
  g_assert_cmpint (au_event_row_get_severity (row), ==, AU_EVENT_ERROR);
  g_assert_cmpstr (au_event_row_get_message (row), ==,
                   "Roll TSLA 2026-11-06 P 250: REJECTED — the roll's net debit exceeds 50% "
                   "of the credit");
  g_assert_cmpstr (au_event_row_get_account (row), ==, "rev");
  row = shown (page, 4);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_VIX);
  g_assert_cmpstr (au_event_row_get_account (row), ==, "");
  row = shown (page, 5);
  g_assert_cmpint (au_event_row_get_severity (row), ==, AU_EVENT_WARNING);
  g_assert_cmpstr (au_event_row_get_message (row), ==, M_ESCALATE);
  row = shown (page, 6);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_FORK);
  g_assert_cmpstr (au_event_row_get_message (row), ==, "a fork waits for the weekly cut");
  row = shown (page, 7);
  g_assert_cmpint (au_event_row_get_kind (row), ==, AU_EVENT_SAFE);
  /* Leaving SAFE at start-up. */
  g_assert_cmpint (au_event_row_get_severity (row), ==, AU_EVENT_INFO);

  /* The running engine's events: the escalation and the roll its trail
   * holds already are absorbed; the rest is not the timeline's. */
  add (page, "2026-11-04T14:35:00Z", "protocol", "ALL-USE-1/Com", M_ESCALATE, "R6.2");
  add (page, "2026-11-05T19:00:00Z", "roll", "ALL-USE-1/Rev", "Rolling TSLA …", "R6.3");
  add (page, "2026-11-09T14:45:00Z", "order", "ALL-USE-1/Gen", "Sell 1 AAPL", "R2.2");
  add (page, "2026-11-09T14:45:00Z", "state", NULL, "SCANNING → ANALYZING: the entry window",
       "R9");
  g_assert_cmpuint (au_events_page_get_n_live (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 8);

  /* A new escalation goes on top, flagged. */
  add (page, "2026-11-09T15:05:00Z", "protocol", "ALL-USE-1/Com", M_L2, "R6.3");
  g_assert_cmpuint (au_events_page_get_n_live (page), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 9);
  row = shown (page, 0);
  g_assert_true (au_event_row_get_live (row));
  g_assert_cmpstr (au_event_row_get_message (row), ==, M_L2);
  g_assert_cmpint (au_event_row_get_severity (row), ==, AU_EVENT_WARNING);

  /* Filters: by kind, by account, by the system's own events. */
  au_events_page_set_kind_filter (page, AU_EVENT_PROTOCOL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  au_events_page_set_account_filter (page, "ALL-USE-1/Gen");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  au_events_page_set_kind_filter (page, -1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  au_events_page_set_account_filter (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (au_event_row_get_account (shown (page, i)), ==, "");
  au_events_page_set_account_filter (page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 9);

  text = widget_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "\n2026-11-09 10:05 ET · ALL-USE-1/Com · Protocol Level\n"));
  g_assert_nonnull (strstr (text, "\nR6.3\n"));
  save_widget_png (GTK_WIDGET (page), "page-events-only.png");

  /* The engine wrote the record too; after a reload it is shown once. */
  append ("2026-11-09T10:05:00-05:00", "protocol", "R6.3", "L2",
          "{\"account\": \"ALL-USE-1/Com\", \"from\": \"L1\", \"to\": \"L2\", \"message\": \""
          M_L2 "\"}", NULL);
  au_events_page_reload (page);
  wait_until (page_idle, page);
  g_assert_cmpuint (au_events_page_get_n_live (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 9);
  g_assert_false (au_event_row_get_live (shown (page, 0)));
  g_assert_cmpstr (au_event_row_get_message (shown (page, 0)), ==, M_L2);
  gtk_window_destroy (GTK_WINDOW (window));

  /* At 360 px the messages wrap. */
  page = AU_EVENTS_PAGE (au_events_page_new ());
  window = gui_test_present (GTK_WIDGET (page), 360, 640);
  au_events_page_set_database_path (page, db_path);
  wait_until (page_idle, page);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  save_widget_png (GTK_WIDGET (page), "narrow-events-only.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (!gui_test_init (&argc, &argv))
    return 0;

  work_dir = gui_test_make_work_dir ("alluse-events-XXXXXX");
  db_path = g_build_filename (work_dir, "events.db", NULL);
  seed ();

  g_test_add_func ("/gui/events-page/history-live-dedup-filters", test_events_page);
  status = g_test_run ();

  gui_test_remove_work_dir (work_dir);
  g_free (db_path);
  g_free (work_dir);
  return status;
}

/* test-e2e.c: the window runs the autopilot through a week of the paper market
 *
 * In-process and headless (Xvfb, a D-Bus session): the real AuWindow on a
 * fresh temporary database creates a paper portfolio with the first-run
 * action, runs the simulated clock at high speed until the Friday 16:30 ET
 * weekly cut of the first full week (run_until, D4), then resumes the
 * same portfolio at real-time speed (D4: the same portfolio, the same
 * simulated time) and checks through the GtkWidget API what a person
 * would see: the Positions page lists the open positions, a protocol
 * escalation came through the engine's events and is on the Protocol
 * Events page, the Week Types page shows the week's label (D2.5), and so
 * does the Accounts page. A PNG of every page is saved into the build
 * folder. Without a display it reports
 * "1..0 # SKIP no display".
 *
 * The market: seed 42 from Monday 2026-01-05, the first full week being
 * 5–9 January 2026 (no holiday, D2.14). The market is never tuned; the
 * seed and start are chosen where that week's paper market produces an
 * escalation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "au-application.h"
#include "au-audit-page.h"
#include "au-event-row.h"
#include "au-notifier.h"
#include "au-position-row.h"
#include "au-week-row.h"
#include "au-window.h"
#include "gui-test-util.h"

#define E2E_SEED 42
/* The simulated clock's speed for the week: a week in a few seconds. */
#define E2E_SPEED 100000.0

static AuApplication *application;

typedef struct
{
  guint     escalations;
  guint     week_types;
  GPtrArray *kinds;
} Seen;

static void
on_event (AuSession     *session,
          AuEngineEvent *event,
          Seen          *seen)
{
  g_autoptr(AuNotice) notice = au_notice_for_event (event);

  /* An escalation is what the notifier calls one: L1 and above (R6.5). */
  if (g_str_equal (event->kind, "protocol") && notice != NULL)
    seen->escalations++;
  if (g_str_equal (event->kind, "week-type"))
    seen->week_types++;
  g_ptr_array_add (seen->kinds, g_strdup (event->kind));
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  return settings;
}

static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data,
          int        seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
window_idle (gpointer data)
{
  return !au_window_get_busy (data);
}

static gboolean
session_stopped (gpointer data)
{
  return !au_session_get_running (au_window_get_session (data));
}

static gboolean
engine_stopped (gpointer data)
{
  return !au_session_get_running (data);
}

static gboolean
positions_shown (gpointer data)
{
  AuPositionsPage *page = au_window_get_positions_page (data);

  return !au_window_get_busy (data)
         && g_list_model_get_n_items (au_positions_page_get_rows (page)) > 0;
}

/* Friday 2026-01-09 16:30 ET: the weekly cut (R1.2). */
static gint64
first_cut (void)
{
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) cut = g_date_time_new (eastern, 2026, 1, 9, 16, 30, 0);

  return g_date_time_to_unix (cut) * G_USEC_PER_SEC;
}

static void
save_page (AuWindow   *window,
           const char *page)
{
  g_autofree char *name = g_strdup_printf ("e2e-%s.png", page);

  au_window_show_page (window, page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_widget_png (GTK_WIDGET (window), name);
}

static void
test_week (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("au-e2e-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "autopilot.db", NULL);
  Seen seen = { 0, 0, g_ptr_array_new_with_free_func (g_free) };
  static const char *pages[] = {
    "overview", "accounts", "positions", "orders", "protocol", "weeks", "ledger", "audit",
  };
  AuWindow *window;
  AuSession *session;
  AuEngineSnapshot *snapshot;
  AuAccountsPage *accounts;
  AuAccountRow *gen;
  GDate start;
  gint64 began;

  g_assert_no_error (error);
  g_settings_set_double (settings, "paper-speed", E2E_SPEED);
  /* GNotifications go to the session bus; none are needed here. */
  g_settings_set_boolean (settings, "notifications", FALSE);

  window = au_window_new_for_database (GTK_APPLICATION (application), NULL, path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window_idle, window, 20);
  session = au_window_get_session (window);
  g_signal_connect (session, "event", G_CALLBACK (on_event), &seen);

  g_date_set_dmy (&start, 5, G_DATE_JANUARY, 2026);
  au_session_set_paper_market (session, E2E_SEED, &start);
  g_action_group_activate_action (G_ACTION_GROUP (window), "create-portfolio", NULL);
  g_assert_true (au_session_get_running (session));
  g_assert_true (au_session_run_until (session, first_cut (), &error));
  g_assert_no_error (error);

  began = g_get_monotonic_time ();
  wait_for (session_stopped, window, 90);
  g_test_message ("the week ran in %.1f s; %u events",
                  (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC, seen.kinds->len);
  g_assert_null (au_session_get_error (session));
  snapshot = au_session_get_snapshot (session);
  g_assert_nonnull (snapshot);
  /* The engine stops at its first check at or after the end time. */
  g_assert_cmpint (snapshot->time, >=, first_cut ());
  g_assert_cmpuint (seen.escalations, >, 0);
  g_assert_cmpuint (seen.week_types, >, 0);

  /* D4: the same portfolio resumed at the cut, now at real time. */
  g_settings_set_double (settings, "paper-speed", 1.0);
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-autopilot", NULL);
  g_assert_true (au_session_get_running (session));
  wait_for (positions_shown, window, 30);
  g_assert_cmpint (au_session_get_snapshot (session)->time, >=, first_cut ());

  /* Positions: every row is a real position of the tree. */
  {
    GListModel *rows = au_positions_page_get_rows (au_window_get_positions_page (window));

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(AuPositionRow) row = g_list_model_get_item (rows, i);

        g_assert_nonnull (au_position_row_get_symbol (row));
        g_assert_cmpint (au_position_row_get_quantity (row), !=, 0);
      }
  }

  /* The escalation on the Protocol Events page, from the audit trail or
   * live from the engine, with its rule (R6.2–R6.4). */
  {
    AuEventsPage *events = au_window_get_events_page (window);
    GListModel *rows = au_events_page_get_visible_rows (events);
    guint protocol = 0;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(AuEventRow) row = g_list_model_get_item (rows, i);

        if (au_event_row_get_kind (row) == AU_EVENT_PROTOCOL)
          {
            g_assert_true (g_str_has_prefix (au_event_row_get_rule (row), "R6.")
                           || g_str_has_prefix (au_event_row_get_rule (row), "D2."));
            protocol++;
          }
      }
    g_test_message ("%u protocol events of %u on the page", protocol,
                    g_list_model_get_n_items (rows));
    g_assert_cmpuint (protocol, >, 0);
  }

  /* The week of 5–9 January 2026 labelled on the Week Types page, for the
   * system and for Gen-Acc (D2.5). */
  {
    GListModel *rows = au_weeks_page_get_rows (au_window_get_weeks_page (window));
    AuWeekRow *first_week = NULL;
    AuWeekType type;

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(AuWeekRow) row = g_list_model_get_item (rows, i);

        if (g_str_equal (au_week_row_get_week (row), "2026-W02"))
          first_week = row; /* the model keeps its reference */
      }
    g_assert_nonnull (first_week);
    g_assert_true (au_week_row_lookup (first_week, "", &type));
    g_assert_nonnull (au_week_type_to_label (type));
    g_test_message ("week 2026-W02: %s", au_week_type_to_label (type));
  }

  /* The week's label (D2.5) on the Accounts page. */
  accounts = au_window_get_accounts_page (window);
  gen = au_accounts_page_find_account (accounts, "Gen-Acc");
  g_assert_nonnull (gen);
  g_assert_nonnull (au_account_row_get_week_type (gen));
  g_assert_cmpstr (au_account_row_get_week_type (gen), !=, "");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    save_page (window, pages[i]);

  g_object_ref (session);
  gtk_window_close (GTK_WINDOW (window));
  wait_for (engine_stopped, session, 20);
  g_assert_null (au_session_get_error (session));
  g_object_unref (session);
  g_ptr_array_unref (seen.kinds);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!have_display ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  application = au_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/e2e/week", test_week);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}

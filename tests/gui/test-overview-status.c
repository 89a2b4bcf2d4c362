/* test-overview-status.c: the Overview's live figures from snapshots and the ledger
 *
 * Real AuAutopilotSnapshots built with the snapshot API, and a ledger
 * written with the ledger API: the idle state, "Active" for the operating
 * states and the others by name (D2.27), VIX tiers (D2.8, R6.9), the
 * highest protocol level, next actions, connection states, today's change
 * across session days (weekends belong to Friday), and premium income per
 * week/month/year on America/New_York boundaries. Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "au-ledger.h"
#include "au-overview-reader.h"
#include "au-overview-status.h"
#include "gui-test-util.h"

#define DOLLARS(n) ((AuMoney) (n) * 100)

static char *work_dir;

static gint64
usec (const char *iso)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * G_USEC_PER_SEC;
}

static void
add_account (AuAutopilotSnapshot *snapshot,
             const char          *name,
             AuMoney              equity)
{
  AuAutopilotAccountView *view = g_new0 (AuAutopilotAccountView, 1);

  view->name = g_strdup (name);
  view->kind = g_ascii_strdown (name, 3);
  view->equity = equity;
  view->cash = equity;
  view->week_type = g_strdup ("calm");
  g_ptr_array_add (snapshot->accounts, view);
}

static void
add_position (AuAutopilotSnapshot *snapshot,
              const char          *symbol,
              const char          *level)
{
  AuAutopilotPositionView *view = g_new0 (AuAutopilotPositionView, 1);

  view->symbol = g_strdup (symbol);
  view->right = g_strdup ("P");
  view->expiry = g_strdup ("2026-11-13");
  view->quantity = -1;
  view->level = g_strdup (level);
  g_ptr_array_add (snapshot->positions, view);
}

/* R0.1's split of $250,000 plus @extra on Gen-Acc: 40% / 30% / 30%. */
static AuAutopilotSnapshot *
make_snapshot (const char    *time,
               AuSystemState  state,
               AuMoney        extra)
{
  AuAutopilotSnapshot *snapshot = au_autopilot_snapshot_new ();

  snapshot->time = usec (time);
  snapshot->state = state;
  snapshot->state_reason = g_strdup ("weekly cycle");
  snapshot->vix = 18.4;
  snapshot->vix_tier = g_strdup ("none");
  add_account (snapshot, "Gen-Acc", DOLLARS (100000) + extra);
  add_account (snapshot, "Rev-Acc", DOLLARS (75000));
  add_account (snapshot, "Com-Acc", DOLLARS (75000));
  return snapshot;
}

static gboolean
status_idle (gpointer data)
{
  return !au_overview_status_get_busy (data);
}

static GtkWidget *
show_in_window (GtkWidget *child,
                int        width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return window;
}

static void
assert_shows (GtkWidget  *widget,
              const char *line)
{
  g_autofree char *text = widget_text (widget);
  g_autofree char *wanted = g_strdup_printf ("\n%s\n", line);

  if (strstr (text, wanted) == NULL)
    g_error ("“%s” not shown in:%s", line, text);
}

static void
assert_hides (GtkWidget  *widget,
              const char *line)
{
  g_autofree char *text = widget_text (widget);
  g_autofree char *wanted = g_strdup_printf ("\n%s\n", line);

  g_assert_null (strstr (text, wanted));
}

static GtkWidget *
visible_live (AuOverviewStatus *status)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (status),
                                                              AU_TYPE_OVERVIEW_STATUS,
                                                              "live_stack"));

  return gtk_stack_get_visible_child (stack);
}

static void
test_states_and_levels (void)
{
  AuOverviewStatus *status = au_overview_status_new ();
  GtkWidget *window = show_in_window (GTK_WIDGET (status), 360);
  g_autoptr(AuAutopilotSnapshot) snapshot = NULL;
  AuAutopilotActionView *action;

  /* Not running: says so, no figures. */
  g_assert_true (ADW_IS_STATUS_PAGE (visible_live (status)));
  assert_shows (visible_live (status), "The Autopilot Is Not Running");

  snapshot = make_snapshot ("2026-11-05T15:00:00-05:00", AU_SYSTEM_MONITORING, 0);
  add_position (snapshot, "AAPL", "L0");
  add_position (snapshot, "NVDA", "L2");
  add_position (snapshot, "MSFT", "L1");
  action = g_new0 (AuAutopilotActionView, 1);
  action->time = usec ("2026-11-05T09:45:00-05:00");
  action->description = g_strdup ("Thu 09:45 ET — Gen-Acc opens puts & calls");
  g_ptr_array_add (snapshot->next, action);
  au_overview_status_set_connection (status, AU_BROKER_READY, "Paper market");
  au_overview_status_set_snapshot (status, snapshot);

  g_assert_false (ADW_IS_STATUS_PAGE (visible_live (status)));
  assert_shows (GTK_WIDGET (status), "$250,000.00");
  /* D2.27: MONITORING is one of the five operating states. */
  assert_shows (GTK_WIDGET (status), "Active");
  assert_shows (GTK_WIDGET (status), "MONITORING: weekly cycle");
  assert_shows (GTK_WIDGET (status), "18.40");
  assert_shows (GTK_WIDGET (status), "Normal tier");
  /* R6.10: L2 is the highest of L0, L2, L1; one position is at it. */
  assert_shows (GTK_WIDGET (status), "L2");
  assert_shows (GTK_WIDGET (status), "1 of 3 open positions");
  /* The engine's words, as text (the & is not markup). */
  assert_shows (GTK_WIDGET (status), "Thu 09:45 ET — Gen-Acc opens puts & calls");
  assert_shows (GTK_WIDGET (status), "Connected");
  assert_shows (GTK_WIDGET (status), "Paper market");
  save_widget_png (window, "overview-status-360.png");

  /* RECONCILING is outside the five (D2.27), SAFE and EMERGENCY as is;
   * VIX tiers of D2.8 and R6.9. */
  {
    struct { AuSystemState state; double vix; const char *tier; const char *name;
             const char *tier_title; } cases[] = {
      { AU_SYSTEM_SCANNING, 50.0, "none", "Active", "Normal tier" },
      { AU_SYSTEM_CLOSING, 50.01, "hedged", "Active", "Hedged Week tier (D2.8)" },
      { AU_SYSTEM_RECONCILING, 20.0, "none", "RECONCILING", "Normal tier" },
      { AU_SYSTEM_SAFE, 65.01, "safe", "SAFE", "SAFE tier: exits only (R6.9)" },
      { AU_SYSTEM_EMERGENCY, 80.01, "emergency", "EMERGENCY", "Kill switch tier: EMERGENCY (R6.9)" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(AuAutopilotSnapshot) next = make_snapshot ("2026-11-05T15:05:00-05:00",
                                                             cases[i].state, 0);
        g_autofree char *vix = g_strdup_printf ("%.2f", cases[i].vix);

        g_free (next->vix_tier);
        next->vix_tier = g_strdup (cases[i].tier);
        next->vix = cases[i].vix;
        add_position (next, "AAPL", "L3");
        au_overview_status_set_snapshot (status, next);
        assert_shows (GTK_WIDGET (status), cases[i].name);
        assert_shows (GTK_WIDGET (status), cases[i].tier_title);
        assert_shows (GTK_WIDGET (status), vix);
        assert_shows (GTK_WIDGET (status), "L3");
        assert_shows (GTK_WIDGET (status), "1 of 1 open position");
        assert_shows (GTK_WIDGET (status), "Nothing scheduled");
        if (!g_str_equal (cases[i].name, "Active"))
          assert_hides (GTK_WIDGET (status), "Active");
      }
  }

  /* Lost only after having been connected. */
  au_overview_status_set_connection (status, AU_BROKER_DISCONNECTED, "IB Gateway 127.0.0.1:4002");
  assert_shows (GTK_WIDGET (status), "Lost");
  assert_shows (GTK_WIDGET (status), "IB Gateway 127.0.0.1:4002");

  au_overview_status_set_snapshot (status, NULL);
  g_assert_true (ADW_IS_STATUS_PAGE (visible_live (status)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_todays_change (void)
{
  AuOverviewStatus *status = au_overview_status_new ();
  GtkWidget *window = show_in_window (GTK_WIDGET (status), 600);
  struct { const char *time; AuMoney extra; const char *change; } steps[] = {
    /* Thursday: no earlier session seen yet. */
    { "2026-11-05T10:00:00-05:00", 0, "Not known yet" },
    { "2026-11-05T16:00:00-05:00", DOLLARS (1000), "Not known yet" },
    /* Friday against Thursday's last, $251,000: +$1,500 is +0.5976%. */
    { "2026-11-06T10:00:00-05:00", DOLLARS (2500), "+$1,500.00 (+0.60%)" },
    /* Saturday 01:00 ET (06:00 UTC) still belongs to Friday's session. */
    { "2026-11-07T01:00:00-05:00", DOLLARS (2500), "+$1,500.00 (+0.60%)" },
    /* Sunday 23:59 ET is Monday in UTC, and still not a session. */
    { "2026-11-08T23:59:00-05:00", DOLLARS (2500), "+$1,500.00 (+0.60%)" },
    /* Monday against Friday's $252,500: −$2,500 is −0.990%. */
    { "2026-11-09T09:30:00-05:00", 0, "−$2,500.00 (−0.99%)" },
    /* Monday, unchanged. */
    { "2026-11-09T15:00:00-05:00", DOLLARS (2500), "$0.00 (0.00%)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(AuAutopilotSnapshot) snapshot = make_snapshot (steps[i].time, AU_SYSTEM_SCANNING,
                                                               steps[i].extra);

      au_overview_status_set_snapshot (status, snapshot);
      assert_shows (GTK_WIDGET (status), steps[i].change);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The ledger books premium income when a short put is closed or expires
 * (R4.2). Gen sells four puts on 2025-12-29 that expire worthless:
 * $50 on Wed 2025-12-31 (last year), $100 on Fri 2026-10-16 (last month),
 * $120 on Fri 2026-11-06 and $400 on Fri 2026-11-13, each booked at
 * 16:00 ET (21:00 UTC). */
static char *
seed_income (void)
{
  g_autofree char *path = g_build_filename (work_dir, "income.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(GDateTime) opened = g_date_time_new_from_iso8601 ("2025-12-29T15:00:00Z", NULL);
  AuLedgerTree tree;
  struct { const char *expiry; const char *expired; AuMoney premium; } sales[] = {
    { "2025-12-31", "2025-12-31T21:00:00Z", 5000 },
    { "2026-10-16", "2026-10-16T20:00:00Z", 10000 },
    { "2026-11-06", "2026-11-06T21:00:00Z", 12000 },
    { "2026-11-13", "2026-11-13T21:00:00Z", 40000 },
  };

  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);
  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (250000), opened, &tree, &error));
  for (guint i = 0; i < G_N_ELEMENTS (sales); i++)
    {
      g_autofree char *exec = g_strdup_printf ("exec-%u", i);
      AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, sales[i].expiry, 100 };
      AuFill fill = { exec, NULL, 1, sales[i].premium, 0 };

      g_assert_cmpint (au_ledger_sell_to_open (ledger, tree.gen, &put, &fill, opened, &error), >, 0);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sales); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (sales[i].expired, NULL);
      AuInstrument put = { "AAPL", AU_RIGHT_PUT, 2000000, sales[i].expiry, 100 };

      g_assert_cmpint (au_ledger_expire (ledger, tree.gen, &put, time, &error), >, 0);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&path);
}

static void
test_income (void)
{
  g_autofree char *path = seed_income ();
  g_autofree char *missing = g_build_filename (work_dir, "none.db", NULL);
  g_autoptr(GError) error = NULL;
  AuOverviewIncome income;
  AuOverviewStatus *status;
  GtkWidget *window;

  /* No file: no portfolio, nothing invented. */
  g_assert_true (au_overview_reader_load_income (missing, 0, &income, &error));
  g_assert_no_error (error);
  g_assert_false (income.has_ledger);

  /* Friday 2026-11-13 17:00 ET: the week holds that day's $400. */
  g_assert_true (au_overview_reader_load_income (path, usec ("2026-11-13T17:00:00-05:00") / G_USEC_PER_SEC,
                                                 &income, &error));
  g_assert_no_error (error);
  g_assert_true (income.has_ledger);
  g_assert_cmpint (income.week, ==, 40000);
  g_assert_cmpint (income.month, ==, 52000);
  g_assert_cmpint (income.year, ==, 62000);
  /* 15:59 ET that Friday: before the expiry was booked. */
  g_assert_true (au_overview_reader_load_income (path, usec ("2026-11-13T15:59:00-05:00") / G_USEC_PER_SEC,
                                                 &income, &error));
  g_assert_cmpint (income.week, ==, 0);
  g_assert_cmpint (income.month, ==, 12000);

  /* Sunday 23:45 ET is Monday 04:45 UTC: in New York still the week of
   * the $120. Monday 00:15 ET begins a week without income. */
  g_assert_true (au_overview_reader_load_income (path, usec ("2026-11-08T23:45:00-05:00") / G_USEC_PER_SEC,
                                                 &income, &error));
  g_assert_cmpint (income.week, ==, 12000);
  g_assert_cmpint (income.month, ==, 12000);
  g_assert_cmpint (income.year, ==, 22000);
  g_assert_true (au_overview_reader_load_income (path, usec ("2026-11-09T00:15:00-05:00") / G_USEC_PER_SEC,
                                                 &income, &error));
  g_assert_cmpint (income.week, ==, 0);
  g_assert_cmpint (income.year, ==, 22000);

  /* 2025-12-31 18:00 ET: the year before. */
  g_assert_true (au_overview_reader_load_income (path, usec ("2025-12-31T18:00:00-05:00") / G_USEC_PER_SEC,
                                                 &income, &error));
  g_assert_cmpint (income.year, ==, 5000);

  /* Not running: up to the ledger's last transaction (the $400). */
  g_assert_true (au_overview_reader_load_income (path, 0, &income, &error));
  g_assert_cmpint (income.as_of, ==, usec ("2026-11-13T21:00:00Z") / G_USEC_PER_SEC);
  g_assert_cmpint (income.week, ==, 40000);

  status = au_overview_status_new ();
  window = show_in_window (GTK_WIDGET (status), 600);
  au_overview_status_set_database_path (status, path);
  g_assert_true (au_overview_status_get_busy (status));
  wait_until (status_idle, status);
  assert_shows (GTK_WIDGET (status), "$400.00");
  assert_shows (GTK_WIDGET (status), "$520.00");
  assert_shows (GTK_WIDGET (status), "$620.00");
  assert_shows (GTK_WIDGET (status), "The Autopilot Is Not Running");
  save_widget_png (window, "overview-status-idle.png");

  /* A snapshot on the Sunday moves the periods to the engine's clock. */
  {
    g_autoptr(AuAutopilotSnapshot) snapshot = make_snapshot ("2026-11-08T23:45:00-05:00",
                                                             AU_SYSTEM_SCANNING, 0);

    au_overview_status_set_snapshot (status, snapshot);
    wait_until (status_idle, status);
    assert_shows (GTK_WIDGET (status), "$120.00");
    assert_shows (GTK_WIDGET (status), "$220.00");
    assert_hides (GTK_WIDGET (status), "$400.00");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  {
    const char *names[] = { "income.db", "income.db-wal", "income.db-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_build_filename (work_dir, names[i], NULL);

        g_unlink (file);
      }
  }
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

  work_dir = g_dir_make_tmp ("alluse-overview-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/overview-status/states-and-levels", test_states_and_levels);
  g_test_add_func ("/gui/overview-status/todays-change", test_todays_change);
  g_test_add_func ("/gui/overview-status/income", test_income);

  status = g_test_run ();
  g_rmdir (work_dir);
  g_free (work_dir);

  return status;
}

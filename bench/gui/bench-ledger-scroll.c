/* test-ledger-scale.c: the Ledger page with 100,000 postings
 *
 * Builds a database of 100,000 postings with the ledger API, then times
 * what a person waits for: the worker's load of the model and the first
 * frame of the page, and a sort by amount. Prints the figures as a TAP
 * comment. Its own program, because writing 100,000 postings through the
 * ledger's checks takes several seconds. Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "au-ledger.h"
#include "gui-test-window.h"

AuApplication *application;
static char *work_dir;

/* 100,000 postings through the ledger API: 1,000 transactions of 100
 * balanced postings (ten pairs of cash and contributed capital for each
 * of five sleeves of two trees), amounts varied so sorting has work. */
#define LARGE_TRANSACTIONS 1000
#define LARGE_PAIRS 50

static void
seed_large (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) constitution = au_constitution_new_default (&error);
  g_autoptr(AuDatabase) database = au_database_open (path, AU_DATABASE_READ_WRITE, &error);
  g_autoptr(AuLedger) ledger = NULL;
  g_autoptr(GDateTime) start = at ("2020-01-06T15:00:00Z");
  AuLedgerTree first;
  AuLedgerTree second;

  g_assert_no_error (error);
  ledger = au_ledger_new (database, constitution, &error);
  g_assert_no_error (error);
  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (250000), start, &first, &error));
  g_assert_true (au_ledger_create_tree (ledger, DOLLARS (250000), start, &second, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < LARGE_TRANSACTIONS; i++)
    {
      gint64 accounts[5] = { first.gen, first.rev, first.com, second.gen, second.rev };
      g_autoptr(GDateTime) time = g_date_time_add_hours (start, 1 + (int) i * 24);
      AuLedgerPosting postings[2 * LARGE_PAIRS];

      for (guint k = 0; k < LARGE_PAIRS; k++)
        {
          AuMoney amount = 100 + (AuMoney) ((i * 7919 + k * 104729) % 100000);

          postings[2 * k] = (AuLedgerPosting) { accounts[k % 5], AU_BOOK_CASH, amount };
          postings[2 * k + 1] = (AuLedgerPosting) { accounts[k % 5], AU_BOOK_CONTRIBUTED,
                                                    -amount };
        }
      g_assert_cmpint (au_ledger_post (ledger, time, "deposit", "Load test deposit", NULL,
                                       postings, G_N_ELEMENTS (postings), &error), >, 0);
      g_assert_no_error (error);
    }
}

static gint64
count_postings (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) database = au_database_open (path, AU_DATABASE_READ_ONLY, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = au_database_prepare (database, "SELECT count (*) FROM ledger_postings;", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static void
test_large_ledger (void)
{
  g_autofree char *path = g_build_filename (work_dir, "large.db", NULL);
  g_autofree char *missing = g_build_filename (work_dir, "none.db", NULL);
  AuWindow *window;
  AuLedgerPage *page;
  GtkColumnView *view;
  gint64 seed_start;
  gint64 load_start;
  gint64 loaded;
  gint64 drawn;
  gint64 sorted;
  gint64 postings;
  gint64 frames_before;
  GdkFrameClock *clock;
  gint64 frames;

  seed_start = g_get_monotonic_time ();
  seed_large (path);
  postings = count_postings (path);
  /* Two trees (2 × 8 postings), then 1,000 × 100. */
  g_assert_cmpint (postings, ==, 16 + LARGE_TRANSACTIONS * 2 * LARGE_PAIRS);

  window = open_window (missing, 1100, 760);
  page = au_window_get_ledger_page (window);
  view = au_ledger_page_get_column_view (page);
  au_window_show_page (window, "ledger");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  load_start = g_get_monotonic_time ();
  au_ledger_page_set_database_path (page, path);
  /* The UI thread is free while the worker reads. */
  g_assert_true (au_ledger_page_get_busy (page));
  wait_until (ledger_idle, page);
  loaded = g_get_monotonic_time ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  drawn = g_get_monotonic_time ();

  g_assert_cmpuint (g_list_model_get_n_items (au_ledger_page_get_visible_rows (page)), ==,
                    postings);
  /* The sort runs in steps between frames: count the frames drawn while
   * it runs, so the figure shows the window kept drawing. */
  gtk_column_view_sort_by_column (view, column_titled (view, "Amount"), GTK_SORT_DESCENDING);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  frames_before = gdk_frame_clock_get_frame_counter (clock);
  wait_until (ledger_idle, page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  sorted = g_get_monotonic_time ();
  frames = gdk_frame_clock_get_frame_counter (clock) - frames_before;
  g_assert_cmpint (au_ledger_row_get_amount (visible_row (page, 0)), ==, DOLLARS (250000));

  printf ("# 100,000-row ledger: seeded in %.2f s; model load %.0f ms, first frame %.0f ms "
          "(total %.0f ms); sort by amount %.0f ms over %" G_GINT64_FORMAT " frames\n",
          (load_start - seed_start) / 1e6, (loaded - load_start) / 1e3, (drawn - loaded) / 1e3,
          (drawn - load_start) / 1e3, (sorted - drawn) / 1e3, frames);

  gtk_window_destroy (GTK_WINDOW (window));
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

  work_dir = g_dir_make_tmp ("alluse-gui-scale-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/ledger-scale/100000-rows", test_large_ledger);

  status = g_test_run ();

  {
    const char *names[] = { "large.db", "large.db-wal", "large.db-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *file = g_build_filename (work_dir, names[i], NULL);

        g_unlink (file);
      }
    g_rmdir (work_dir);
  }
  g_clear_pointer (&work_dir, g_free);
  g_clear_object (&application);

  return status;
}

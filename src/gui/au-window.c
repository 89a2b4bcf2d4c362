/* au-window.c: the main window of ALL-USE Autopilot
 *
 * Until a portfolio exists the window shows what the autopilot would trade
 * by: the constitution in force (decisions D1) and the market it would use.
 * When the constitution fails to load it says so plainly, because the
 * engine refuses to trade on it.
 *
 * The window is a leaflet: a sidebar of pages and the page shown, folded
 * into one column below about 500 px (360 px is the smallest it takes).
 * Every page reads the database read-only in a worker; the window's
 * AuSession runs the engine on its own thread (D3) and feeds the pages
 * its snapshots and events. A database that holds a portfolio starts
 * the engine on launch (paper: it resumes where it stopped, D4) unless
 * the user paused it last time; without one, the Overview offers to
 * create a paper portfolio.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "au-accounts-page.h"
#include "au-audit-page.h"
#include "au-backtest-dialog.h"
#include "au-events-page.h"
#include "au-format.h"
#include "au-ledger-page.h"
#include "au-ledger-reader.h"
#include "au-notifier.h"
#include "au-orders-page.h"
#include "au-overview-charts.h"
#include "au-overview-status.h"
#include "au-positions-page.h"
#include "au-weeks-page.h"
#include "au-window.h"

/* Events after which what the pages read from the database changed: the
 * account tree (forks, merges), orders and their fills, expiries and
 * assignments, the week's label. */
static const char *const reload_kinds[] = {
  "started", "fork", "merge", "order", "roll", "assignment", "called-away", "expiry",
  "week-type", "weekly-cut", "reinvest", "protocol", "breaker", "hedge",
};

/* Many events come together (a Monday window sends a dozen orders): the
 * pages read the database at most this often. */
#define RELOAD_DELAY_MS 1000

struct _AuWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GFile                *constitution_file;
  AuConstitution       *constitution;
  GError               *constitution_error;
  char                 *database_path;
  GCancellable         *cancellable;
  gboolean              has_portfolio;
  gboolean              checking_portfolio;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkStack             *pages;
  AdwWindowTitle       *content_title;
  AuLedgerPage         *ledger_page;
  AuAuditPage          *audit_page;
  AuOverviewCharts     *overview_charts;
  AuOverviewStatus     *overview_status;
  AuAccountsPage       *accounts_page;
  AuPositionsPage      *positions_page;
  AuOrdersPage         *orders_page;
  AuEventsPage         *events_page;
  AuWeeksPage          *weeks_page;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkButton            *run_button;

  AuSession            *session;
  AuNotifier           *notifier;
  AuAutopilotSnapshot  *last_details;     /* fills are judged against it */
  guint                 reload_source;
  gboolean              launch_checked;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  AdwActionRow         *constitution_row;
  AdwActionRow         *fingerprint_row;
  AdwActionRow         *split_row;
  AdwActionRow         *market_row;
  AdwActionRow         *capital_row;
};

G_DEFINE_FINAL_TYPE (AuWindow, au_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONSTITUTION_FILE,
  PROP_CONSTITUTION,
  PROP_DATABASE_PATH,
  PROP_HAS_PORTFOLIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The values of the schema's io.github.alluse.Autopilot.MarketKind enum. */
typedef enum
{
  MARKET_KIND_PAPER = 0,
  MARKET_KIND_IB = 1,
} MarketKind;

/* The fingerprint shown to people: long enough to tell versions apart at a
 * glance, short enough to read aloud. Audit records keep all 64 digits. */
#define FINGERPRINT_DIGITS 12

static char *
format_percent (double fraction)
{
  /* Translators: a share of capital, e.g. "40%"; %g is the number. */
  return g_strdup_printf (_("%g%%"), fraction * 100.0);
}

static void
update_market (AuWindow *self)
{
  g_autofree char *host = NULL;
  g_autofree char *account = NULL;
  g_autofree char *subtitle = NULL;
  int port;
  int client_id;

  g_assert (AU_IS_WINDOW (self));

  if (g_settings_get_enum (self->settings, "market-kind") == MARKET_KIND_PAPER)
    {
      adw_action_row_set_subtitle (self->market_row,
                                   _("Embedded paper market: simulated prices, option chains "
                                     "and fills; no broker account needed"));
      return;
    }

  host = g_settings_get_string (self->settings, "ib-host");
  port = g_settings_get_int (self->settings, "ib-port");
  client_id = g_settings_get_int (self->settings, "ib-client-id");
  account = g_settings_get_string (self->settings, "ib-account");

  if (account[0] != '\0')
    {
      /* Translators: the broker, e.g. "Interactive Brokers at 127.0.0.1:4002,
       * client ID 1, account DU1234567". */
      subtitle = g_strdup_printf (_("Interactive Brokers at %s:%d, client ID %d, account %s"),
                                  host, port, client_id, account);
    }
  else
    {
      subtitle = g_strdup_printf (_("Interactive Brokers at %s:%d, client ID %d"),
                                  host, port, client_id);
    }

  adw_action_row_set_subtitle (self->market_row, subtitle);
}

static void
update_capital (AuWindow *self)
{
  g_autofree char *amount = NULL;

  g_assert (AU_IS_WINDOW (self));

  /* Cents, as every amount of money in the engine (decisions D3). */
  amount = au_format_dollars (g_settings_get_int64 (self->settings, "starting-capital"));
  adw_action_row_set_subtitle (self->capital_row, amount);
}

static void
show_constitution (AuWindow *self)
{
  const AuConstitutionParams *params;
  const char *sha256;
  g_autofree char *name = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint_tooltip = NULL;
  g_autofree char *gen = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *com = NULL;
  g_autofree char *split = NULL;

  g_assert (AU_IS_WINDOW (self));
  g_assert (AU_IS_CONSTITUTION (self->constitution));

  params = au_constitution_get_params (self->constitution);
  sha256 = au_constitution_get_sha256 (self->constitution);

  /* Translators: e.g. "Version 1.3, profile C". */
  name = g_strdup_printf (_("Version %s, profile %s"),
                          au_constitution_get_version (self->constitution),
                          params->profile);
  adw_action_row_set_subtitle (self->constitution_row, name);
  /* Translators: the constitution's name and where it was read from. */
  origin = g_strdup_printf (_("%s, from %s"), params->name,
                            au_constitution_get_origin (self->constitution));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->constitution_row), origin);

  /* Translators: the first digits of the constitution file's SHA-256. */
  fingerprint = g_strdup_printf (_("SHA-256 %.*s"), FINGERPRINT_DIGITS, sha256);
  adw_action_row_set_subtitle (self->fingerprint_row, fingerprint);
  fingerprint_tooltip = g_strdup_printf (_("SHA-256 %s"), sha256);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fingerprint_row), fingerprint_tooltip);

  /* R0.1: the split of a new tree, read from the constitution, not computed. */
  gen = format_percent (params->global.split_gen);
  rev = format_percent (params->global.split_rev);
  com = format_percent (params->global.split_com);
  /* Translators: the sleeves' shares, e.g. "Gen-Acc 40%, Rev-Acc 30%, Com-Acc 30%". */
  split = g_strdup_printf (_("Gen-Acc %s, Rev-Acc %s, Com-Acc %s"), gen, rev, com);
  adw_action_row_set_subtitle (self->split_row, split);

  update_market (self);
  update_capital (self);
  gtk_stack_set_visible_child_name (self->stack, self->has_portfolio ? "portfolio" : "empty");
}

static void
show_constitution_error (AuWindow *self)
{
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  g_assert (AU_IS_WINDOW (self));
  g_assert (self->constitution_error != NULL);

  /* The status page's description is markup; a path or key may hold '<'. */
  escaped = g_markup_escape_text (self->constitution_error->message, -1);
  /* Translators: %s is the engine's error, naming the file, key and line. */
  description = g_strdup_printf (_("%s\n\nThe autopilot will not trade on this constitution. "
                                   "Restore a valid constitution file and start ALL-USE "
                                   "Autopilot again."),
                                 escaped);
  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The constitution is a small file (a few kilobytes, most often inside
 * the engine's resources), so reading it here does not stall the window. */
static void
load_constitution (AuWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert (AU_IS_WINDOW (self));

  if (self->constitution_file == NULL)
    {
      self->constitution = au_constitution_new_default (&error);
    }
  else
    {
      path = g_file_get_path (self->constitution_file);
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (self->constitution_file);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: the constitution must be a local file"), uri);
        }
      else
        self->constitution = au_constitution_new_from_file (path, &error);
    }

  if (self->constitution == NULL)
    {
      g_warning ("Constitution not loaded: %s", error->message);
      self->constitution_error = g_steal_pointer (&error);
      show_constitution_error (self);
      return;
    }

  show_constitution (self);
}

static void
add_pages (AuWindow *self)
{
  g_assert (AU_IS_WINDOW (self));

  self->accounts_page = au_accounts_page_new ();
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->accounts_page), "accounts",
                        _("Accounts"));
  self->positions_page = au_positions_page_new ();
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->positions_page), "positions",
                        _("Positions"));
  self->orders_page = AU_ORDERS_PAGE (au_orders_page_new ());
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->orders_page), "orders",
                        _("Orders & Fills"));
  self->events_page = AU_EVENTS_PAGE (au_events_page_new ());
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->events_page), "protocol",
                        _("Protocol Events"));
  self->weeks_page = AU_WEEKS_PAGE (au_weeks_page_new ());
  gtk_stack_add_titled (self->pages, GTK_WIDGET (self->weeks_page), "weeks", _("Week Types"));
}

/* The pages' view of the running autopilot; NULL when it is not running. */
static void
feed_snapshot (AuWindow            *self,
               AuAutopilotSnapshot *details)
{
  au_accounts_page_set_snapshot (self->accounts_page, details);
  au_positions_page_set_snapshot (self->positions_page, details);
  au_orders_page_set_snapshot (self->orders_page, details);
  au_events_page_set_snapshot (self->events_page, details);
  au_weeks_page_set_snapshot (self->weeks_page, details);
  au_overview_status_set_snapshot (self->overview_status, details);
}

static void
reload_pages (AuWindow *self)
{
  au_accounts_page_set_database_path (self->accounts_page, self->database_path);
  au_accounts_page_reload (self->accounts_page);
  au_positions_page_set_database_path (self->positions_page, self->database_path);
  au_positions_page_reload (self->positions_page);
  au_overview_status_set_database_path (self->overview_status, self->database_path);
  au_overview_status_reload (self->overview_status);
}

/* The orders, the protocol history and the labelled weeks belong to a
 * portfolio: without one these pages say "No Portfolio Yet" rather than
 * "no orders yet", so they are read once the check of the database says
 * which it is. */
static void
reload_history_pages (AuWindow *self)
{
  const char *path = self->has_portfolio ? self->database_path : NULL;

  au_orders_page_set_database_path (self->orders_page, path);
  au_orders_page_reload (self->orders_page);
  au_events_page_set_database_path (self->events_page, path);
  au_events_page_reload (self->events_page);
  au_weeks_page_set_database_path (self->weeks_page, path);
  au_weeks_page_reload (self->weeks_page);
}

static void
set_action_enabled (AuWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* What each control may do in the autopilot's state (R9, D2.26). */
static void
update_actions (AuWindow *self)
{
  gboolean running = au_session_get_running (self->session);
  gboolean paused = au_session_get_paused (self->session);
  AuSystemState state = au_session_get_state (self->session);
  gboolean usable = self->constitution != NULL;
  const char *run_label;

  set_action_enabled (self, "toggle-autopilot", usable && (running || self->has_portfolio));
  set_action_enabled (self, "create-portfolio",
                      usable && !running && !self->has_portfolio && !self->checking_portfolio);
  set_action_enabled (self, "enter-safe",
                      running && state != AU_SYSTEM_SAFE && state != AU_SYSTEM_EMERGENCY);
  set_action_enabled (self, "kill-switch", running && state != AU_SYSTEM_EMERGENCY);
  set_action_enabled (self, "reset-latch", au_session_get_latched (self->session));

  if (!running)
    run_label = _("Start Autopilot");
  else if (paused)
    run_label = _("Resume Autopilot");
  else
    run_label = _("Pause Autopilot");
  gtk_button_set_icon_name (self->run_button, running && !paused ? "media-playback-pause-symbolic"
                                                                 : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), run_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->run_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, run_label, -1);
}

/* The state in the header, as the GUI names it (D2.27). */
static void
update_state_title (AuWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (!au_session_get_running (self->session))
    subtitle = g_strdup (_("Autopilot not running"));
  else if (au_session_get_paused (self->session))
    /* Translators: %s is the state, e.g. "Active" or "SAFE". */
    subtitle = g_strdup_printf (_("Autopilot paused · %s"),
                                au_session_state_label (au_session_get_state (self->session)));
  else
    subtitle = g_strdup_printf (_("Autopilot %s"),
                                au_session_state_label (au_session_get_state (self->session)));
  adw_window_title_set_subtitle (self->content_title, subtitle);
}

static void
show_error (AuWindow   *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
on_error_dismissed_cb (AuWindow  *self,
                       GtkButton *button)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
start_session (AuWindow *self,
               gboolean  force_paper)
{
  g_autoptr(GError) error = NULL;

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (!au_session_start (self->session, force_paper, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The autopilot was not started: %s"),
                                                  error->message);
      show_error (self, message);
    }
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  AuWindow *self = user_data;

  self->reload_source = 0;
  au_window_reload (self);
  return G_SOURCE_REMOVE;
}

/* At most one read of the database per RELOAD_DELAY_MS. */
static void
schedule_reload (AuWindow *self)
{
  if (self->reload_source != 0)
    return;
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* The application is set after construction; a window without one (a
 * test's) sends no notifications. */
static AuNotifier *
get_notifier (AuWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->notifier == NULL && application != NULL)
    self->notifier = au_notifier_new (G_APPLICATION (application), self->settings);
  return self->notifier;
}

static void
on_session_snapshot_cb (AuWindow         *self,
                        AuEngineSnapshot *snapshot,
                        AuSession        *session)
{
  AuAutopilotSnapshot *details = au_engine_snapshot_get_details (snapshot,
                                                                 AU_TYPE_AUTOPILOT_SNAPSHOT);
  g_autoptr(AuNotice) fills = NULL;

  feed_snapshot (self, details);
  au_overview_status_set_connection (self->overview_status, snapshot->broker_state, NULL);
  if (get_notifier (self) != NULL)
    au_notifier_handle_snapshot (self->notifier, snapshot);
  if (details == NULL)
    return;

  /* A fill changes the ledger and the orders, whether or not the user
   * wants to be notified of it. */
  fills = au_notice_for_fills (self->last_details, details);
  g_clear_pointer (&self->last_details, au_autopilot_snapshot_unref);
  self->last_details = au_autopilot_snapshot_ref (details);
  if (fills != NULL || (details->positions->len > 0 && !self->has_portfolio))
    schedule_reload (self);
}

static void
on_session_event_cb (AuWindow      *self,
                     AuEngineEvent *event,
                     AuSession     *session)
{
  if (get_notifier (self) != NULL)
    au_notifier_handle_event (self->notifier, event);
  au_events_page_add_event (self->events_page, event);
  if (g_strv_contains (reload_kinds, event->kind))
    schedule_reload (self);
}

static void
on_session_stopped_cb (AuWindow     *self,
                       const GError *error,
                       AuSession    *session)
{
  feed_snapshot (self, NULL);
  g_clear_pointer (&self->last_details, au_autopilot_snapshot_unref);
  au_overview_status_set_connection (self->overview_status, AU_BROKER_DISCONNECTED,
                                     error != NULL ? error->message : NULL);
  /* A second writer, a broker that cannot be reached: the engine's own
   * words. The read-only pages keep working. */
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The autopilot stopped: %s"), error->message);
      show_error (self, message);
    }
  au_window_reload (self);
}

static void
on_session_changed_cb (AuWindow   *self,
                       GParamSpec *pspec,
                       AuSession  *session)
{
  update_actions (self);
  update_state_title (self);
}

/* Actions */

static void
toggle_autopilot_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  AuWindow *self = AU_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!au_session_get_running (self->session))
    {
      start_session (self, FALSE);
      return;
    }
  if (au_session_get_paused (self->session))
    au_session_resume (self->session, &error);
  else
    au_session_pause (self->session, &error);
  if (error != NULL)
    show_error (self, error->message);
}

static void
create_portfolio_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  /* The first run: the capital from the preferences, the paper market. */
  start_session (AU_WINDOW (user_data), TRUE);
}

static AdwMessageDialog *
new_dialog (AuWindow   *self,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* A safety command that the user confirms first; its reason is audited. */
typedef struct
{
  const char             *heading;
  const char             *body;
  const char             *response;    /* the response id that confirms */
  const char             *label;
  AdwResponseAppearance   appearance;
  gboolean              (*command) (AuSession   *session,
                                    const char  *reason,
                                    GError     **error);
  const char             *reason;
} Confirmation;

/* R9: SAFE places exits only. */
static const Confirmation enter_safe = {
  N_("Enter SAFE?"),
  N_("The autopilot will place exits only, no new entries, until it is resumed (R9). "
     "Open positions are still watched."),
  "safe", N_("Enter _SAFE"), ADW_RESPONSE_SUGGESTED,
  au_session_enter_safe, N_("entered by the user from the window"),
};

/* R6.9, D2.26: the kill switch latches EMERGENCY until a reasoned reset. */
static const Confirmation kill_switch = {
  N_("Throw the Kill Switch?"),
  N_("The autopilot goes to EMERGENCY: no new entries until you reset the latch, with a "
     "reason that is audited (R6.9, D2.26)."),
  "kill", N_("_Kill Switch"), ADW_RESPONSE_DESTRUCTIVE,
  au_session_kill_switch, N_("kill switch thrown by the user"),
};

static void
on_confirmation_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             AuWindow         *self)
{
  const Confirmation *confirmation = g_object_get_data (G_OBJECT (dialog), "confirmation");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, confirmation->response)
      && !confirmation->command (self->session, _(confirmation->reason), &error))
    show_error (self, error->message);
}

static void
ask_confirmation (AuWindow           *self,
                  const Confirmation *confirmation)
{
  AdwMessageDialog *dialog = new_dialog (self, _(confirmation->heading), _(confirmation->body));

  adw_message_dialog_add_response (dialog, confirmation->response, _(confirmation->label));
  adw_message_dialog_set_response_appearance (dialog, confirmation->response,
                                              confirmation->appearance);
  g_object_set_data (G_OBJECT (dialog), "confirmation", (gpointer) confirmation);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmation_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
enter_safe_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ask_confirmation (AU_WINDOW (user_data), &enter_safe);
}

static void
kill_switch_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ask_confirmation (AU_WINDOW (user_data), &kill_switch);
}

/* D2.26: no reset without a reason; the response waits for one. */
static void
on_reason_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reset", reason[0] != '\0');
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AuWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "reset")
      && !au_session_reset_latch (self->session, gtk_editable_get_text (entry), &error))
    show_error (self, error->message);
}

static void
reset_latch_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  AuWindow *self = AU_WINDOW (user_data);
  AdwMessageDialog *dialog = new_dialog (self, _("Reset the Latch?"),
                                         _("The autopilot leaves SAFE or EMERGENCY and "
                                           "reconciles with the broker before anything new. "
                                           "The reason is recorded in the audit trail "
                                           "(D2.10, D2.26)."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the reset"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "reset", _("_Reset Latch"));
  adw_message_dialog_set_response_appearance (dialog, "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "reset", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
speed_changed (GSimpleAction *action,
               GVariant      *value,
               gpointer       user_data)
{
  AuWindow *self = AU_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!au_session_set_speed (self->session, g_variant_get_double (value), &error))
    {
      show_error (self, error->message);
      return;
    }
  g_simple_action_set_state (action, value);
}

static void
run_backtest_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  GtkWindow *dialog = au_backtest_dialog_new (GTK_WINDOW (user_data));

  gtk_window_present (dialog);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), "help:" APP_ID, GDK_CURRENT_TIME);
}

static const GActionEntry win_actions[] = {
  { .name = "toggle-autopilot", .activate = toggle_autopilot_activated },
  { .name = "create-portfolio", .activate = create_portfolio_activated },
  { .name = "enter-safe", .activate = enter_safe_activated },
  { .name = "kill-switch", .activate = kill_switch_activated },
  { .name = "reset-latch", .activate = reset_latch_activated },
  { .name = "speed", .parameter_type = "d", .state = "1.0", .change_state = speed_changed },
  { .name = "run-backtest", .activate = run_backtest_activated },
  { .name = "help", .activate = help_activated },
};

/* Once, after the first look at the database: a portfolio starts the
 * engine (paper: it resumes where it stopped, D4), unless the user
 * paused it last time. */
static void
start_on_launch (AuWindow *self)
{
  if (self->launch_checked)
    return;
  self->launch_checked = TRUE;

  if (self->has_portfolio && self->constitution != NULL
      && !au_session_get_running (self->session)
      && !g_settings_get_boolean (self->settings, "autopilot-paused"))
    start_session (self, FALSE);
}

static void
on_portfolio_checked_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AuWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean has_portfolio = au_ledger_reader_has_portfolio_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->checking_portfolio = FALSE;

  /* An unreadable database is reported by the Ledger page, which reads
   * the same file; here it simply means no portfolio is shown. */
  if (error != NULL)
    g_warning ("Database not read: %s", error->message);

  self->has_portfolio = has_portfolio;
  reload_history_pages (self);
  if (self->constitution != NULL)
    gtk_stack_set_visible_child_name (self->stack, has_portfolio ? "portfolio" : "empty");
  if (has_portfolio)
    au_overview_charts_set_database_path (self->overview_charts, self->database_path);

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PORTFOLIO]);
  start_on_launch (self);
}

/**
 * au_window_reload:
 * @self: a #AuWindow
 *
 * Reads the database again: whether a portfolio exists, the ledger, the
 * audit trail and the charts, each in a worker.
 */
void
au_window_reload (AuWindow *self)
{
  g_return_if_fail (AU_IS_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->checking_portfolio = TRUE;
  au_ledger_reader_has_portfolio_async (self->database_path, self->cancellable,
                                        on_portfolio_checked_cb, g_object_ref (self));
  au_ledger_page_set_database_path (self->ledger_page, self->database_path);
  au_ledger_page_reload (self->ledger_page);
  au_audit_page_set_database_path (self->audit_page, self->database_path);
  au_audit_page_reload (self->audit_page);
  reload_pages (self);
  if (self->has_portfolio)
    au_overview_charts_reload (self->overview_charts);
}

/**
 * au_window_show_page:
 * @self: a #AuWindow
 * @name: a page: "overview", "accounts", "positions", "orders",
 *   "protocol", "weeks", "ledger" or "audit"
 *
 * Shows the page, as choosing it in the sidebar does; a folded window
 * moves on to the page.
 */
void
au_window_show_page (AuWindow   *self,
                     const char *name)
{
  GtkWidget *child;

  g_return_if_fail (AU_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  child = gtk_stack_get_child_by_name (self->pages, name);
  g_return_if_fail (child != NULL);

  gtk_stack_set_visible_child (self->pages, child);
  adw_window_title_set_title (self->content_title,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->pages, child)));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), name))
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * au_window_get_page:
 * @self: a #AuWindow
 *
 * Returns: the name of the page shown
 */
const char *
au_window_get_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}

static void
on_sidebar_row_activated_cb (AuWindow      *self,
                             GtkListBoxRow *row,
                             GtkListBox    *sidebar)
{
  au_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_back_clicked_cb (AuWindow  *self,
                    GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_settings_changed_cb (AuWindow   *self,
                        const char *key,
                        GSettings  *settings)
{
  g_assert (AU_IS_WINDOW (self));

  if (self->constitution == NULL)
    return;

  if (g_str_equal (key, "starting-capital"))
    update_capital (self);
  else if (g_str_equal (key, "market-kind") || g_str_has_prefix (key, "ib-"))
    update_market (self);
}

/* Saves an integer only when the schema accepts it, so a window made smaller
 * than the schema's minimum keeps the last size that was valid. */
static void
save_int_in_range (GSettings  *settings,
                   const char *key,
                   int         value)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_int32 (value));

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);

  if (g_settings_schema_key_range_check (schema_key, variant))
    g_settings_set_int (settings, key, value);
}

static void
save_window_state (AuWindow *self)
{
  int width;
  int height;
  gboolean maximized;

  g_assert (AU_IS_WINDOW (self));

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* A maximized window's default size is the size it returns to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  save_int_in_range (self->settings, "window-width", width);
  save_int_in_range (self->settings, "window-height", height);
}

static void
restore_window_state (AuWindow *self)
{
  g_assert (AU_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
au_window_close_request (GtkWindow *window)
{
  GtkWindowClass *parent_class = GTK_WINDOW_CLASS (au_window_parent_class);

  save_window_state (AU_WINDOW (window));
  /* A clean stop, not waited for here: the engine persists its clock
   * and the application's shutdown joins its thread (D4). */
  if (au_session_get_running (AU_WINDOW (window)->session))
    au_session_request_stop (AU_WINDOW (window)->session, NULL);

  if (parent_class->close_request != NULL)
    return parent_class->close_request (window);

  return GDK_EVENT_PROPAGATE;
}

static void
au_window_constructed (GObject *object)
{
  AuWindow *self = AU_WINDOW (object);

  G_OBJECT_CLASS (au_window_parent_class)->constructed (object);

  if (self->database_path == NULL)
    self->database_path = g_build_filename (g_get_user_data_dir (), "alluse", "autopilot.db",
                                            NULL);

  restore_window_state (self);
  add_pages (self);
  load_constitution (self);

  self->session = au_session_new (self->database_path, self->settings);
  g_signal_connect_object (self->session, "snapshot", G_CALLBACK (on_session_snapshot_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "event", G_CALLBACK (on_session_event_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "stopped", G_CALLBACK (on_session_stopped_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify", G_CALLBACK (on_session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                          "speed")),
                             g_variant_new_double (g_settings_get_double (self->settings,
                                                                          "paper-speed")));
  update_actions (self);
  update_state_title (self);
  au_window_show_page (self, "overview");
  /* Unfolded, the sidebar and the page are both in view; folded, the
   * window opens on the sidebar. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  au_window_reload (self);
}

static void
au_window_dispose (GObject *object)
{
  AuWindow *self = AU_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->notifier);
  g_clear_pointer (&self->last_details, au_autopilot_snapshot_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AU_TYPE_WINDOW);

  g_clear_object (&self->constitution);
  g_clear_object (&self->constitution_file);

  G_OBJECT_CLASS (au_window_parent_class)->dispose (object);
}

static void
au_window_finalize (GObject *object)
{
  AuWindow *self = AU_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_error (&self->constitution_error);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (au_window_parent_class)->finalize (object);
}

static void
au_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AuWindow *self = AU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONSTITUTION_FILE:
      g_value_set_object (value, self->constitution_file);
      break;

    case PROP_CONSTITUTION:
      g_value_set_object (value, au_window_get_constitution (self));
      break;

    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_HAS_PORTFOLIO:
      g_value_set_boolean (value, self->has_portfolio);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  AuWindow *self = AU_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONSTITUTION_FILE:
      self->constitution_file = g_value_dup_object (value);
      break;

    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_window_class_init (AuWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = au_window_constructed;
  object_class->dispose = au_window_dispose;
  object_class->finalize = au_window_finalize;
  object_class->get_property = au_window_get_property;
  object_class->set_property = au_window_set_property;

  window_class->close_request = au_window_close_request;

  /**
   * AuWindow:constitution-file:
   *
   * The constitution data file to load, or %NULL for the Constitution v1.3
   * that ships inside the engine.
   */
  properties[PROP_CONSTITUTION_FILE] =
    g_param_spec_object ("constitution-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * AuWindow:constitution:
   *
   * The constitution in force, or %NULL when it failed to load.
   */
  properties[PROP_CONSTITUTION] =
    g_param_spec_object ("constitution", NULL, NULL,
                         AU_TYPE_CONSTITUTION,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * AuWindow:database-path:
   *
   * The autopilot's database, read read-only; %NULL for the default,
   * `$XDG_DATA_HOME/alluse/autopilot.db`.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * AuWindow:has-portfolio:
   *
   * Whether the database holds a portfolio (an account tree).
   */
  properties[PROP_HAS_PORTFOLIO] =
    g_param_spec_boolean ("has-portfolio", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AU_TYPE_AUDIT_PAGE);
  g_type_ensure (AU_TYPE_LEDGER_PAGE);
  g_type_ensure (AU_TYPE_OVERVIEW_CHARTS);
  g_type_ensure (AU_TYPE_OVERVIEW_STATUS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alluse/Autopilot/ui/au-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, ledger_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, audit_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, overview_charts);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, overview_status);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, constitution_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, split_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, market_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, capital_row);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismissed_cb);
}

static void
au_window_init (AuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * au_window_new:
 * @application: the application the window belongs to
 *
 * Creates the main window with the Constitution v1.3 that ships inside the
 * engine.
 *
 * Returns: (transfer full): a new #AuWindow
 */
AuWindow *
au_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (AU_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * au_window_new_for_constitution:
 * @application: the application the window belongs to
 * @constitution_file: (nullable): a constitution data file, or %NULL for
 *   the one inside the engine
 *
 * Creates the main window for the constitution in @constitution_file.
 *
 * Returns: (transfer full): a new #AuWindow
 */
AuWindow *
au_window_new_for_constitution (GtkApplication *application,
                                GFile          *constitution_file)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (constitution_file == NULL || G_IS_FILE (constitution_file), NULL);

  return g_object_new (AU_TYPE_WINDOW,
                       "application", application,
                       "constitution-file", constitution_file,
                       NULL);
}

/**
 * au_window_get_constitution:
 * @self: a #AuWindow
 *
 * Returns: (transfer none) (nullable): the constitution in force, or %NULL
 *   when it failed to load
 */
AuConstitution *
au_window_get_constitution (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->constitution;
}

/**
 * au_window_get_constitution_error:
 * @self: a #AuWindow
 *
 * Returns: (transfer none) (nullable): why the constitution failed to load,
 *   or %NULL when it is in force
 */
const GError *
au_window_get_constitution_error (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->constitution_error;
}

/**
 * au_window_new_for_database:
 * @application: the application the window belongs to
 * @constitution_file: (nullable): a constitution data file, or %NULL for
 *   the one inside the engine
 * @database_path: (nullable): the autopilot's database, or %NULL for the
 *   default
 *
 * Returns: (transfer full): a new #AuWindow
 */
AuWindow *
au_window_new_for_database (GtkApplication *application,
                            GFile          *constitution_file,
                            const char     *database_path)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (constitution_file == NULL || G_IS_FILE (constitution_file), NULL);

  return g_object_new (AU_TYPE_WINDOW,
                       "application", application,
                       "constitution-file", constitution_file,
                       "database-path", database_path,
                       NULL);
}

/* Returns: (transfer none): the database the window reads */
const char *
au_window_get_database_path (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->database_path;
}

/* Whether the database holds a portfolio; %FALSE until it was checked. */
gboolean
au_window_get_has_portfolio (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), FALSE);

  return self->has_portfolio;
}

/* Whether a read of the database is still running. */
gboolean
au_window_get_busy (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), FALSE);

  return self->checking_portfolio ||
         au_accounts_page_get_busy (self->accounts_page) ||
         au_positions_page_get_busy (self->positions_page) ||
         au_orders_page_get_busy (self->orders_page) ||
         au_events_page_get_busy (self->events_page) ||
         au_weeks_page_get_busy (self->weeks_page) ||
         au_overview_status_get_busy (self->overview_status) ||
         au_ledger_page_get_busy (self->ledger_page) ||
         au_audit_page_get_busy (self->audit_page) ||
         au_overview_charts_get_busy (self->overview_charts);
}

/* Whether the leaflet shows one column (a narrow window). */
gboolean
au_window_get_folded (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

/**
 * au_window_get_ledger_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Ledger page
 */
AuLedgerPage *
au_window_get_ledger_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->ledger_page;
}

/**
 * au_window_get_audit_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Audit Trail page
 */
AuAuditPage *
au_window_get_audit_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->audit_page;
}

/**
 * au_window_get_overview_charts:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Overview's charts
 */
AuOverviewCharts *
au_window_get_overview_charts (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->overview_charts;
}

/**
 * au_window_get_session:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the session that runs the window's engine
 */
AuSession *
au_window_get_session (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * au_window_get_accounts_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Accounts page
 */
AuAccountsPage *
au_window_get_accounts_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->accounts_page;
}

/**
 * au_window_get_positions_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Positions page
 */
AuPositionsPage *
au_window_get_positions_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->positions_page;
}

/**
 * au_window_get_overview_status:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Overview's live figures
 */
AuOverviewStatus *
au_window_get_overview_status (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->overview_status;
}

/**
 * au_window_get_orders_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Orders & Fills page
 */
AuOrdersPage *
au_window_get_orders_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->orders_page;
}

/**
 * au_window_get_events_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Protocol Events page
 */
AuEventsPage *
au_window_get_events_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->events_page;
}

/**
 * au_window_get_weeks_page:
 * @self: a #AuWindow
 *
 * Returns: (transfer none): the Week Types page
 */
AuWeeksPage *
au_window_get_weeks_page (AuWindow *self)
{
  g_return_val_if_fail (AU_IS_WINDOW (self), NULL);

  return self->weeks_page;
}

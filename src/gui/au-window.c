/* au-window.c: the main window of ALL-USE Autopilot
 *
 * Until a portfolio exists the window shows what the autopilot would trade
 * by: the constitution in force (decisions D1) and the market it would use.
 * When the constitution fails to load it says so plainly, because the
 * engine refuses to trade on it.
 *
 * The window is a leaflet: a sidebar of pages and the page shown, folded
 * into one column below about 500 px (360 px is the smallest it takes).
 * The Ledger, the Audit Trail and the Overview's charts read the
 * database read-only in workers; the pages fed by the engine's snapshot
 * say plainly that there is nothing to show yet, never invent numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "au-audit-page.h"
#include "au-format.h"
#include "au-ledger-page.h"
#include "au-ledger-reader.h"
#include "au-overview-charts.h"
#include "au-window.h"

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

/* The pages the engine's snapshot feeds (decisions D3). Until the window
 * runs the engine they say so; they never show numbers of their own. */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
  const char *what;
} snapshot_pages[] = {
  { "accounts", N_("Accounts"), "view-list-symbolic", N_("account tree, balances and drawdowns") },
  { "positions", N_("Positions"), "view-grid-symbolic",
    N_("open positions and their protocol levels") },
  { "orders", N_("Orders & Fills"), "mail-send-receive-symbolic", N_("orders and fills") },
  { "protocol", N_("Protocol Events"), "dialog-warning-symbolic", N_("protocol escalations") },
  { "weeks", N_("Week Types"), "x-office-calendar-symbolic", N_("labelled weeks") },
};

static void
update_snapshot_pages (AuWindow *self)
{
  g_assert (AU_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (snapshot_pages); i++)
    {
      AdwStatusPage *page = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->pages,
                                                                          snapshot_pages[i].name));
      g_autofree char *description = NULL;

      if (!self->has_portfolio)
        {
          adw_status_page_set_title (page, _("No Portfolio Yet"));
          /* Translators: %s is what the page lists, e.g. "open positions and
           * their protocol levels". */
          description = g_strdup_printf (_("No portfolio exists in this database yet. Start "
                                           "the autopilot from the command line with "
                                           "“alluse-cli run” to open a paper portfolio; its %s "
                                           "will show here."),
                                         _(snapshot_pages[i].what));
        }
      else
        {
          adw_status_page_set_title (page, _("Autopilot Not Connected"));
          description = g_strdup_printf (_("This page shows the running autopilot’s %s. This "
                                           "window is not connected to a running autopilot; the "
                                           "Ledger and the Audit Trail show what it recorded."),
                                         _(snapshot_pages[i].what));
        }
      adw_status_page_set_description (page, description);
    }
}

static void
add_snapshot_pages (AuWindow *self)
{
  g_assert (AU_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (snapshot_pages); i++)
    {
      GtkWidget *page = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), snapshot_pages[i].icon);
      gtk_stack_add_titled (self->pages, page, snapshot_pages[i].name, _(snapshot_pages[i].title));
    }

  update_snapshot_pages (self);
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
  update_snapshot_pages (self);
  if (self->constitution != NULL)
    gtk_stack_set_visible_child_name (self->stack, has_portfolio ? "portfolio" : "empty");
  if (has_portfolio)
    au_overview_charts_set_database_path (self->overview_charts, self->database_path);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PORTFOLIO]);
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
  add_snapshot_pages (self);
  load_constitution (self);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alluse/Autopilot/ui/au-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AuWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, ledger_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, audit_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, overview_charts);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, constitution_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, split_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, market_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, capital_row);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
}

static void
au_window_init (AuWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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

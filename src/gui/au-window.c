/* au-window.c: the main window of ALL-USE Autopilot
 *
 * Until a portfolio exists the window shows what the autopilot would trade
 * by: the constitution in force (decisions D1) and the market it would use.
 * When the constitution fails to load it says so plainly, because the
 * engine refuses to trade on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "au-money.h"
#include "au-window.h"

struct _AuWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GFile                *constitution_file;
  AuConstitution       *constitution;
  GError               *constitution_error;

  /* Template widgets */
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

/* "$1,234,567.89": the autopilot trades US options, so amounts are US
 * dollars written the US way, whatever the desktop's locale. */
static char *
format_dollars (AuMoney cents)
{
  g_autofree char *plain = au_money_format (cents);
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *point = strchr (digits, '.');
  gsize whole = point != NULL ? (gsize) (point - digits) : strlen (digits);
  GString *out = g_string_new (plain[0] == '-' ? "−$" : "$");

  for (gsize i = 0; i < whole; i++)
    {
      if (i > 0 && (whole - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    g_string_append (out, point);

  return g_string_free (out, FALSE);
}

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
  amount = format_dollars (g_settings_get_int64 (self->settings, "starting-capital"));
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
  gtk_stack_set_visible_child_name (self->stack, "empty");
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

  restore_window_state (self);
  load_constitution (self);
}

static void
au_window_dispose (GObject *object)
{
  AuWindow *self = AU_WINDOW (object);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alluse/Autopilot/ui/au-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AuWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, constitution_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, split_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, market_row);
  gtk_widget_class_bind_template_child (widget_class, AuWindow, capital_row);
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

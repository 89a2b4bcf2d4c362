/* au-preferences-window.c: the Preferences window (issue 5)
 *
 * Every control is bound to GSettings with g_settings_bind, so the window
 * and the settings never disagree. Secrets go through AuSecretStore to the
 * Secret Service and nowhere else (D3): no setting, log line, toast or
 * label ever holds a value, and an entry is emptied as soon as its value
 * is handed over. The connection test runs AuIbClient on the main context,
 * asynchronously, and is cancelled with the window.
 *
 * No pending call holds a reference to the window: dispose cancels them
 * all, and each callback returns on G_IO_ERROR_CANCELLED (GTask reports a
 * cancelled call so, whatever it had found) before touching the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-preferences"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "au-accessible.h"
#include "au-ib-client.h"
#include "au-preferences-window.h"

/* The wait for IB's first answers: long enough for a gateway on the LAN,
 * short enough that a person watching the spinner gets an answer. */
#define TEST_READY_MS 8000

typedef struct
{
  AuPreferencesWindow *self;
  AuSecretKind         kind;
  AdwActionRow        *status_row;
  GtkButton           *clear_button;
  AdwEntryRow         *origin_row;
  AdwPasswordEntryRow *value_row;
} SecretRows;

struct _AuPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AuSecretStore        *secret_store;
  GCancellable         *cancellable;     /* cancelled when the window goes */
  AuIbClient           *test_client;     /* the connection test under way */
  SecretRows            secrets[AU_SECRET_N_KINDS];

  /* Template widgets */
  AdwComboRow          *market_row;
  AdwPreferencesGroup  *ib_group;
  AdwEntryRow          *host_row;
  AdwActionRow         *port_row;
  GtkSpinButton        *port_spin;
  GtkSpinButton        *client_id_spin;
  AdwEntryRow          *account_row;
  AdwActionRow         *test_row;
  GtkSpinner           *test_spinner;
  GtkButton            *test_button;
  GtkSpinButton        *capital_spin;
  GtkSwitch            *notifications_switch;
  AdwPreferencesPage   *secrets_page;
};

G_DEFINE_FINAL_TYPE (AuPreferencesWindow, au_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_SETTINGS,
  PROP_SECRET_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the combo row's items. */
static const char *market_kinds[] = { "paper", "ib" };

static const struct
{
  const char *title;
  const char *description;
} kind_texts[AU_SECRET_N_KINDS] = {
  [AU_SECRET_KIND_LLM_API_KEY] = {
    N_("Assistant API Key"),
    N_("The key of the language model service the assistant uses. The assistant reads and "
       "advises; it never trades.") },
  [AU_SECRET_KIND_API_TOKEN] = {
    N_("API Token"),
    N_("A token for a data or service API the autopilot calls.") },
  [AU_SECRET_KIND_WEBHOOK_SECRET] = {
    N_("Webhook Secret"),
    N_("Signs the messages the autopilot sends to a webhook.") },
};

/* Settings mappings */

static gboolean
market_kind_to_selected (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *kind = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (market_kinds); i++)
    if (g_strcmp0 (kind, market_kinds[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_market_kind (const GValue       *value,
                         const GVariantType *expected_type,
                         gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (market_kinds))
    return NULL;
  return g_variant_new_string (market_kinds[selected]);
}

static gboolean
market_kind_is_ib (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_boolean (value, g_strcmp0 (g_variant_get_string (variant, NULL), "ib") == 0);
  return TRUE;
}

/* Money is integer cents (D3); a spin button holds a double, so the
 * conversion happens here, exactly: every whole-cent amount up to the
 * schema's maximum ($1,000,000,000.00) is represented exactly in a double. */
static gboolean
cents_to_dollars (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_double (value, (double) g_variant_get_int64 (variant) / 100.0);
  return TRUE;
}

static GVariant *
dollars_to_cents (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_int64 ((gint64) llround (g_value_get_double (value) * 100.0));
}

static void
bind_settings (AuPreferencesWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "market-kind", self->market_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, market_kind_to_selected,
                                selected_to_market_kind, NULL, NULL);
  /* The gateway's rows mean nothing on the paper market. */
  g_settings_bind_with_mapping (self->settings, "market-kind", self->ib_group, "sensitive",
                                G_SETTINGS_BIND_GET, market_kind_is_ib, NULL, NULL, NULL);
  g_settings_bind (self->settings, "ib-host", self->host_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ib-port", self->port_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ib-client-id", self->client_id_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ib-account", self->account_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "starting-capital", self->capital_spin, "value",
                                G_SETTINGS_BIND_DEFAULT, cents_to_dollars, dollars_to_cents,
                                NULL, NULL);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Connection test */

static void
test_finished (AuPreferencesWindow *self,
               const char          *result)
{
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  adw_action_row_set_subtitle (self->test_row, result);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->test_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, result, -1);
}

/* Whether IB's comma-separated list holds @account. */
static gboolean
accounts_include (const char *accounts,
                  const char *account)
{
  g_auto(GStrv) list = g_strsplit (accounts != NULL ? accounts : "", ",", -1);

  for (guint i = 0; list[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (list[i]), account) == 0)
      return TRUE;
  return FALSE;
}

static char *
describe_connection (AuPreferencesWindow *self,
                     AuIbClient          *client)
{
  g_autofree char *account = g_settings_get_string (self->settings, "ib-account");
  const char *accounts = au_ib_client_get_accounts (client);
  int version = au_ib_client_get_server_version (client);

  if (accounts == NULL || *accounts == '\0')
    return g_strdup_printf (_("Connected: server version %d, no accounts listed."), version);
  if (*account != '\0' && !accounts_include (accounts, account))
    return g_strdup_printf (_("Connected: server version %d, accounts %s. Account %s is not "
                              "among them."), version, accounts, account);
  return g_strdup_printf (_("Connected: server version %d, accounts %s."), version, accounts);
}

static void
on_test_connected (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AuPreferencesWindow *self = user_data;
  g_autoptr(AuIbClient) client = AU_IB_CLIENT (g_object_ref (source));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean ok = au_broker_connect_finish (AU_BROKER (client), result, &error);

  /* The window is gone (its dispose cancelled): nothing to show, and
   * @self must not be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_assert (AU_IS_PREFERENCES_WINDOW (self));
  if (self->test_client != client)
    return;

  if (ok)
    text = describe_connection (self, client);
  else
    text = g_strdup_printf (_("Could not connect: %s"), error->message);
  au_broker_disconnect (AU_BROKER (client));
  g_clear_object (&self->test_client);
  test_finished (self, text);
}

static void
on_test_clicked_cb (AuPreferencesWindow *self)
{
  g_autofree char *host = g_settings_get_string (self->settings, "ib-host");
  int port = g_settings_get_int (self->settings, "ib-port");
  int client_id = g_settings_get_int (self->settings, "ib-client-id");
  g_autofree char *connecting = NULL;

  g_assert (AU_IS_PREFERENCES_WINDOW (self));

  if (self->test_client != NULL)
    return;

  connecting = g_strdup_printf (_("Connecting to %s:%d…"), host, port);
  adw_action_row_set_subtitle (self->test_row, connecting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);

  self->test_client = au_ib_client_new (host, (guint16) port, client_id);
  au_ib_client_set_timeouts (self->test_client, TEST_READY_MS, 1000, TEST_READY_MS);
  /* No reference to the window: its dispose cancels, and the callback
   * then leaves it alone. */
  au_broker_connect_async (AU_BROKER (self->test_client), self->cancellable, on_test_connected,
                           self);
}

/* Secrets */

static void
show_toast (AuPreferencesWindow *self,
            const char          *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
show_secret_status (SecretRows           *rows,
                    const AuSecretStatus *status)
{
  g_autofree char *text = NULL;

  if (!status->is_set)
    text = g_strdup (_("Not set"));
  else if (status->origin != NULL)
    text = g_strdup_printf (_("Set, sent only to %s"), status->origin);
  else
    text = g_strdup (_("Set, for any origin"));
  adw_action_row_set_subtitle (rows->status_row, text);
  gtk_widget_set_sensitive (GTK_WIDGET (rows->clear_button), status->is_set);
  /* A new value keeps the stored one's origin unless the user types another. */
  if (status->origin != NULL && *gtk_editable_get_text (GTK_EDITABLE (rows->origin_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (rows->origin_row), status->origin);
}

static void
on_status_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AuPreferencesWindow *self = user_data;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  statuses = au_secret_store_status_finish (AU_SECRET_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    {
      SecretRows *rows = &self->secrets[i];

      if (statuses != NULL)
        {
          show_secret_status (rows, g_ptr_array_index (statuses, i));
          continue;
        }
      adw_action_row_set_subtitle (rows->status_row, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (rows->clear_button), FALSE);
    }
}

static void
refresh_secrets (AuPreferencesWindow *self)
{
  au_secret_store_status_async (self->secret_store, self->cancellable, on_status_ready, self);
}

static void
on_secret_stored (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SecretRows *rows = user_data;
  AuPreferencesWindow *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!au_secret_store_store_finish (AU_SECRET_STORE (source), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = rows->self;

  if (error != NULL)
    text = g_strdup_printf (_("Not stored: %s"), error->message);
  else
    text = g_strdup_printf (_("%s stored in the keyring"), _(kind_texts[rows->kind].title));
  show_toast (self, text);
  refresh_secrets (self);
}

static void
on_value_applied_cb (AdwEntryRow *entry,
                     SecretRows  *rows)
{
  AuPreferencesWindow *self = rows->self;
  const char *origin = gtk_editable_get_text (GTK_EDITABLE (rows->origin_row));

  /* The store copies the value before this returns; the entry is emptied
   * at once, so the value stays on screen (as dots) no longer than needed. */
  au_secret_store_store_async (self->secret_store, rows->kind, *origin != '\0' ? origin : NULL,
                               gtk_editable_get_text (GTK_EDITABLE (entry)), self->cancellable,
                               on_secret_stored, rows);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_secret_cleared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SecretRows *rows = user_data;
  AuPreferencesWindow *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!au_secret_store_clear_finish (AU_SECRET_STORE (source), result, NULL, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = rows->self;

  if (error != NULL)
    text = g_strdup_printf (_("Not removed: %s"), error->message);
  else
    text = g_strdup_printf (_("%s removed from the keyring"), _(kind_texts[rows->kind].title));
  show_toast (self, text);
  refresh_secrets (self);
}

static void
on_clear_clicked_cb (GtkButton  *button,
                     SecretRows *rows)
{
  AuPreferencesWindow *self = rows->self;

  au_secret_store_clear_async (self->secret_store, rows->kind, NULL, self->cancellable,
                               on_secret_cleared, rows);
}

static void
build_secret_group (AuPreferencesWindow *self,
                    AuSecretKind         kind)
{
  SecretRows *rows = &self->secrets[kind];
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *title = _(kind_texts[kind].title);
  g_autofree char *clear_label = g_strdup_printf (_("Remove the %s from the keyring"), title);

  rows->self = self;
  rows->kind = kind;
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, _(kind_texts[kind].description));

  rows->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->status_row), _("Status"));
  adw_action_row_set_subtitle (rows->status_row, _("Checking the keyring…"));
  rows->clear_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Clear")));
  gtk_widget_set_valign (GTK_WIDGET (rows->clear_button), GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (GTK_WIDGET (rows->clear_button), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (rows->clear_button), "destructive-action");
  gtk_widget_set_tooltip_text (GTK_WIDGET (rows->clear_button), clear_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear_label, -1);
  g_signal_connect (rows->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), rows);
  adw_action_row_add_suffix (rows->status_row, GTK_WIDGET (rows->clear_button));
  adw_preferences_group_add (group, GTK_WIDGET (rows->status_row));

  rows->origin_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->origin_row),
                                 _("Sent Only To (optional, e.g. https://api.example.com:443)"));
  adw_preferences_group_add (group, GTK_WIDGET (rows->origin_row));

  rows->value_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->value_row),
                                 _("New Value (Enter to store)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (rows->value_row), TRUE);
  g_signal_connect (rows->value_row, "apply", G_CALLBACK (on_value_applied_cb), rows);
  adw_preferences_group_add (group, GTK_WIDGET (rows->value_row));

  adw_preferences_page_add (self->secrets_page, group);
}

static void
build_secrets_page (AuPreferencesWindow *self)
{
  AdwPreferencesGroup *intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_description (intro,
    _("Secrets are kept only in your keyring, never in settings, the database or logs. "
      "A secret bound to an address is sent nowhere else."));
  adw_preferences_page_add (self->secrets_page, intro);
  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    build_secret_group (self, (AuSecretKind) i);
}

/* GObject */

static void
au_preferences_window_constructed (GObject *object)
{
  AuPreferencesWindow *self = AU_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (au_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  if (self->secret_store == NULL)
    self->secret_store = au_secret_store_new (AU_SECRET_COLLECTION_DEFAULT);

  bind_settings (self);
  build_secrets_page (self);
  refresh_secrets (self);
}

static void
au_preferences_window_dispose (GObject *object)
{
  AuPreferencesWindow *self = AU_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->test_client != NULL)
    au_broker_disconnect (AU_BROKER (self->test_client));
  g_clear_object (&self->test_client);
  gtk_widget_dispose_template (GTK_WIDGET (self), AU_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (au_preferences_window_parent_class)->dispose (object);
}

static void
au_preferences_window_finalize (GObject *object)
{
  AuPreferencesWindow *self = AU_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->secret_store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (au_preferences_window_parent_class)->finalize (object);
}

static void
au_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AuPreferencesWindow *self = AU_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SECRET_STORE:
      g_value_set_object (value, self->secret_store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AuPreferencesWindow *self = AU_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SECRET_STORE:
      self->secret_store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_preferences_window_class_init (AuPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = au_preferences_window_constructed;
  object_class->dispose = au_preferences_window_dispose;
  object_class->finalize = au_preferences_window_finalize;
  object_class->get_property = au_preferences_window_get_property;
  object_class->set_property = au_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRET_STORE] =
    g_param_spec_object ("secret-store", NULL, NULL, AU_TYPE_SECRET_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alluse/Autopilot/ui/"
                                               "au-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, market_row);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, ib_group);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, host_row);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, port_row);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, client_id_spin);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, test_row);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, capital_spin);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, AuPreferencesWindow, secrets_page);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked_cb);
}

static void
au_preferences_window_init (AuPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  au_accessible_label_group_lists (GTK_WIDGET (self));
}

/**
 * au_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): the application's settings; %NULL for io.github.alluse.Autopilot
 * @secret_store: (nullable): where secrets go; %NULL for the user's default keyring
 *
 * Returns: (transfer none): a new, modal Preferences window
 */
AuPreferencesWindow *
au_preferences_window_new (GtkWindow     *parent,
                           GSettings     *settings,
                           AuSecretStore *secret_store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (secret_store == NULL || AU_IS_SECRET_STORE (secret_store), NULL);

  return g_object_new (AU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "settings", settings,
                       "secret-store", secret_store,
                       NULL);
}

GSettings *
au_preferences_window_get_settings (AuPreferencesWindow *self)
{
  g_return_val_if_fail (AU_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}

AuSecretStore *
au_preferences_window_get_secret_store (AuPreferencesWindow *self)
{
  g_return_val_if_fail (AU_IS_PREFERENCES_WINDOW (self), NULL);

  return self->secret_store;
}

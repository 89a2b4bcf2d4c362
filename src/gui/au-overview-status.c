/* au-overview-status.c: the Overview's live figures
 *
 * Total equity and today's change, the system state and its reason, the
 * market connection, VIX and its tier, the highest protocol level among
 * the positions and the next scheduled actions come with the engine's
 * snapshots; premium income this week, month and year is read from the
 * ledger in a worker. Without a snapshot the autopilot is not running and
 * the live part says so instead of showing stale or invented figures.
 *
 * Today's change is kept from the snapshots: the equity of the last
 * snapshot of the previous session day (NYSE trading days, America/New_York)
 * against the latest one. The ledger cannot give it, for it holds equity
 * at cost, not at the engine's marks. Until the window has seen a snapshot
 * of an earlier session, the change is "not known yet" rather than a
 * guess.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-overview-status"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "au-accessible.h"
#include "au-format.h"
#include "au-market-calendar.h"
#include "au-overview-reader.h"
#include "au-overview-status.h"
#include "au-protocol-types.h"

#define MAX_NEXT_ACTIONS 5

struct _AuOverviewStatus
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;
  gboolean             busy;
  AuAutopilotSnapshot *snapshot;
  gint64               income_day;        /* session day the income was read for */

  /* Today's change, from the snapshots (see above). */
  guint32              session_day;       /* Julian day, 0 before the first snapshot */
  AuMoney              session_equity;    /* the latest snapshot's */
  gboolean             have_previous_close;
  AuMoney              previous_close;

  AuBrokerState        broker_state;
  char                *broker_detail;
  gboolean             was_connected;

  GPtrArray           *next_rows;

  GtkStack            *live_stack;
  AdwActionRow        *equity_row;
  GtkLabel            *equity_label;
  AdwActionRow        *change_row;
  GtkLabel            *change_label;
  AdwActionRow        *state_row;
  GtkLabel            *state_label;
  AdwActionRow        *connection_row;
  GtkLabel            *connection_label;
  AdwActionRow        *vix_row;
  GtkLabel            *vix_label;
  AdwActionRow        *protocol_row;
  GtkLabel            *protocol_label;
  AdwPreferencesGroup *next_group;
  AdwPreferencesGroup *income_group;
  AdwActionRow        *week_row;
  GtkLabel            *week_label;
  AdwActionRow        *month_row;
  GtkLabel            *month_label;
  AdwActionRow        *year_row;
  GtkLabel            *year_label;
};

G_DEFINE_FINAL_TYPE (AuOverviewStatus, au_overview_status, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (AuOverviewStatus *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A figure and what a screen reader says for it: the row's title with
 * the value, since the value label alone would be a bare number. */
static void
set_figure (GtkLabel     *label,
            AdwActionRow *row,
            const char   *text)
{
  g_autofree char *spoken = g_strdup_printf ("%s: %s",
                                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                             text);

  gtk_label_set_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
set_tone (GtkWidget  *widget,
          const char *tone)
{
  const char *tones[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (tones); i++)
    if (g_strcmp0 (tone, tones[i]) != 0)
      gtk_widget_remove_css_class (widget, tones[i]);
  if (tone != NULL)
    gtk_widget_add_css_class (widget, tone);
}

/* The market's day (America/New_York) of an engine time in µs. */
static gboolean
eastern_date (gint64  time_usec,
              GDate  *date)
{
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time_usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (eastern == NULL || utc == NULL)
    return FALSE;

  local = g_date_time_to_timezone (utc, eastern);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  return TRUE;
}

static AuMoney
snapshot_equity (AuAutopilotSnapshot *snapshot)
{
  AuMoney total = 0;

  for (guint i = 0; i < snapshot->accounts->len; i++)
    {
      AuAutopilotAccountView *account = g_ptr_array_index (snapshot->accounts, i);

      total += account->equity;
    }

  return total;
}

/* Rolls the session on the first snapshot of a new trading day: the last
 * equity seen before it becomes the previous close. A weekend or holiday
 * belongs to the session before it, so Saturday still shows Friday's
 * change. */
static void
track_session (AuOverviewStatus *self,
               gint64            time_usec,
               AuMoney           equity)
{
  GDate date;
  guint32 day;

  if (!eastern_date (time_usec, &date))
    return;

  day = g_date_get_julian (&date);
  if (self->session_day == 0)
    self->session_day = day;
  else if (day > self->session_day && au_nyse_is_trading_day (&date))
    {
      self->previous_close = self->session_equity;
      self->have_previous_close = TRUE;
      self->session_day = day;
    }
  self->session_equity = equity;
}

static void
show_equity (AuOverviewStatus *self,
             AuMoney           equity)
{
  g_autofree char *text = au_format_dollars (equity);

  set_figure (self->equity_label, self->equity_row, text);

  if (!self->have_previous_close)
    {
      set_figure (self->change_label, self->change_row, _("Not known yet"));
      adw_action_row_set_subtitle (self->change_row,
                                   _("Needs a snapshot from the previous session"));
      set_tone (GTK_WIDGET (self->change_label), NULL);
      return;
    }

  {
    AuMoney change = equity - self->previous_close;
    g_autofree char *amount = au_format_dollars (change);
    g_autofree char *close = au_format_dollars (self->previous_close);
    g_autofree char *shown = NULL;
    g_autofree char *subtitle = g_strdup_printf (_("Against the previous session’s close of %s"),
                                                 close);

    /* The percentage is for reading only; the amount is exact. Both
     * take au_format_dollars()'s U+2212 minus, which lines up with digits. */
    if (self->previous_close > 0)
      shown = g_strdup_printf ("%s%s (%s%.2f%%)", change > 0 ? "+" : "", amount,
                               change > 0 ? "+" : change < 0 ? "−" : "",
                               100.0 * fabs ((double) change) / (double) self->previous_close);
    else
      shown = g_strdup_printf ("%s%s", change > 0 ? "+" : "", amount);

    set_figure (self->change_label, self->change_row, shown);
    adw_action_row_set_subtitle (self->change_row, subtitle);
    set_tone (GTK_WIDGET (self->change_label),
              change > 0 ? "success" : change < 0 ? "error" : NULL);
  }
}

/* D2.27: the five operating states between SAFE and RECONCILING read as
 * "Active"; every other state is shown by its own name. */
static void
show_state (AuOverviewStatus    *self,
            AuAutopilotSnapshot *snapshot)
{
  gboolean active = au_system_state_is_active (snapshot->state);
  const char *name = active ? _("Active") : au_system_state_to_string (snapshot->state);
  g_autofree char *subtitle = NULL;
  const char *reason = snapshot->state_reason != NULL && snapshot->state_reason[0] != '\0'
                       ? snapshot->state_reason : NULL;

  if (snapshot->paused)
    subtitle = reason != NULL ? g_strdup_printf (_("Paused. %s"), reason) : g_strdup (_("Paused"));
  else if (active)
    subtitle = reason != NULL
               ? g_strdup_printf ("%s: %s", au_system_state_to_string (snapshot->state), reason)
               : g_strdup (au_system_state_to_string (snapshot->state));
  else
    subtitle = g_strdup (reason);

  set_figure (self->state_label, self->state_row, name);
  adw_action_row_set_subtitle (self->state_row, subtitle != NULL ? subtitle : "");
  set_tone (GTK_WIDGET (self->state_label),
            snapshot->state == AU_SYSTEM_EMERGENCY ? "error"
            : snapshot->state == AU_SYSTEM_SAFE ? "warning"
            : active ? "success" : NULL);
}

/* R6.9 with D2.8: the tier names of the circuit breaker, for people. */
static const char *
vix_tier_title (const char *tier)
{
  if (g_strcmp0 (tier, "none") == 0)
    return _("Normal tier");
  if (g_strcmp0 (tier, "hedged") == 0)
    return _("Hedged Week tier (D2.8)");
  if (g_strcmp0 (tier, "safe") == 0)
    return _("SAFE tier: exits only (R6.9)");
  if (g_strcmp0 (tier, "emergency") == 0)
    return _("Kill switch tier: EMERGENCY (R6.9)");

  return tier;
}

static void
show_vix (AuOverviewStatus    *self,
          AuAutopilotSnapshot *snapshot)
{
  g_autofree char *value = NULL;
  const char *tier = vix_tier_title (snapshot->vix_tier);

  if (snapshot->vix > 0)
    value = g_strdup_printf ("%.2f", snapshot->vix);
  else
    value = g_strdup (_("No quote"));

  set_figure (self->vix_label, self->vix_row, value);
  adw_action_row_set_subtitle (self->vix_row, tier != NULL ? tier : "");
  set_tone (GTK_WIDGET (self->vix_label),
            g_strcmp0 (snapshot->vix_tier, "emergency") == 0 ? "error"
            : g_strcmp0 (snapshot->vix_tier, "safe") == 0
              || g_strcmp0 (snapshot->vix_tier, "hedged") == 0 ? "warning" : NULL);
}

/* R6.10: the highest level among the open positions, and how many are at it. */
static void
show_protocol (AuOverviewStatus    *self,
               AuAutopilotSnapshot *snapshot)
{
  AuProtocolLevel highest = AU_PROTOCOL_L0;
  guint at_highest = 0;
  g_autofree char *subtitle = NULL;

  if (snapshot->positions->len == 0)
    {
      set_figure (self->protocol_label, self->protocol_row, _("None"));
      adw_action_row_set_subtitle (self->protocol_row, _("No open positions"));
      set_tone (GTK_WIDGET (self->protocol_label), NULL);
      return;
    }

  for (guint i = 0; i < snapshot->positions->len; i++)
    {
      AuAutopilotPositionView *position = g_ptr_array_index (snapshot->positions, i);
      AuProtocolLevel level;

      if (!au_protocol_level_from_string (position->level, &level))
        continue;
      if (level > highest)
        {
          highest = level;
          at_highest = 0;
        }
      if (level == highest)
        at_highest++;
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u open position",
                                           "%u of %u open positions", snapshot->positions->len),
                              at_highest, snapshot->positions->len);
  set_figure (self->protocol_label, self->protocol_row, au_protocol_level_to_string (highest));
  adw_action_row_set_subtitle (self->protocol_row, subtitle);
  set_tone (GTK_WIDGET (self->protocol_label),
            highest >= AU_PROTOCOL_L3 ? "error" : highest >= AU_PROTOCOL_L1 ? "warning" : NULL);
}

static void
show_next_actions (AuOverviewStatus    *self,
                   AuAutopilotSnapshot *snapshot)
{
  for (guint i = 0; i < self->next_rows->len; i++)
    adw_preferences_group_remove (self->next_group, g_ptr_array_index (self->next_rows, i));
  g_ptr_array_set_size (self->next_rows, 0);

  if (snapshot->next->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing scheduled"));
      g_ptr_array_add (self->next_rows, row);
      adw_preferences_group_add (self->next_group, row);
      return;
    }

  for (guint i = 0; i < snapshot->next->len && i < MAX_NEXT_ACTIONS; i++)
    {
      AuAutopilotActionView *action = g_ptr_array_index (snapshot->next, i);
      GtkWidget *row = adw_action_row_new ();

      /* The engine's words ("Thu 09:45 ET — Gen-Acc opens puts") are text,
       * not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action->description);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      g_ptr_array_add (self->next_rows, row);
      adw_preferences_group_add (self->next_group, row);
    }
}

static void
show_connection (AuOverviewStatus *self)
{
  const char *text;
  const char *tone = NULL;

  switch (self->broker_state)
    {
    case AU_BROKER_READY:
      text = _("Connected");
      tone = "success";
      break;
    case AU_BROKER_CONNECTING:
      text = _("Connecting…");
      break;
    case AU_BROKER_DEGRADED:
      text = _("Degraded");
      tone = "warning";
      break;
    case AU_BROKER_DISCONNECTED:
    default:
      /* Lost only when it had been up: before that it is just not yet there. */
      text = self->was_connected ? _("Lost") : _("Not connected");
      tone = self->was_connected ? "error" : NULL;
      break;
    }

  set_figure (self->connection_label, self->connection_row, text);
  adw_action_row_set_subtitle (self->connection_row,
                               self->broker_detail != NULL ? self->broker_detail : "");
  set_tone (GTK_WIDGET (self->connection_label), tone);
}

static void
show_income (AuOverviewStatus       *self,
             const AuOverviewIncome *income)
{
  g_autofree char *week = au_format_dollars (income->week);
  g_autofree char *month = au_format_dollars (income->month);
  g_autofree char *year = au_format_dollars (income->year);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->income_group), income->has_ledger);
  if (!income->has_ledger)
    return;

  if (income->as_of != 0)
    {
      g_autofree char *when = au_format_time_usec (income->as_of * G_USEC_PER_SEC);

      description = g_strdup_printf (_("Net of buy-backs, from the ledger, to %s"), when);
    }
  else
    description = g_strdup (_("The ledger holds no transactions yet"));

  adw_preferences_group_set_description (self->income_group, description);
  set_figure (self->week_label, self->week_row, week);
  set_figure (self->month_label, self->month_row, month);
  set_figure (self->year_label, self->year_row, year);
}

static void
on_income_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AuOverviewStatus) self = user_data;
  g_autoptr(GError) error = NULL;
  AuOverviewIncome income;

  if (!au_overview_reader_load_income_finish (result, &income, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Say what failed where the figures would be; keep nothing stale. */
      gtk_widget_set_visible (GTK_WIDGET (self->income_group), TRUE);
      adw_preferences_group_set_description (self->income_group, error->message);
      set_figure (self->week_label, self->week_row, "—");
      set_figure (self->month_label, self->month_row, "—");
      set_figure (self->year_label, self->year_row, "—");
      set_busy (self, FALSE);
      return;
    }

  show_income (self, &income);
  set_busy (self, FALSE);
}

void
au_overview_status_reload (AuOverviewStatus *self)
{
  g_return_if_fail (AU_IS_OVERVIEW_STATUS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->database_path == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->income_group), FALSE);
      set_busy (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  /* The engine's clock when it runs (a paper run may be years from the
   * wall clock); otherwise the ledger's last transaction. */
  au_overview_reader_load_income_async (self->database_path,
                                        self->snapshot != NULL
                                        ? self->snapshot->time / G_USEC_PER_SEC : 0,
                                        self->cancellable, on_income_loaded_cb,
                                        g_object_ref (self));
}

void
au_overview_status_set_database_path (AuOverviewStatus *self,
                                      const char       *path)
{
  g_return_if_fail (AU_IS_OVERVIEW_STATUS (self));

  if (g_strcmp0 (self->database_path, path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  au_overview_status_reload (self);
}

void
au_overview_status_set_snapshot (AuOverviewStatus    *self,
                                 AuAutopilotSnapshot *snapshot)
{
  g_return_if_fail (AU_IS_OVERVIEW_STATUS (self));

  if (snapshot != NULL)
    au_autopilot_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, au_autopilot_snapshot_unref);
  self->snapshot = snapshot;

  if (snapshot == NULL)
    {
      gtk_stack_set_visible_child_name (self->live_stack, "idle");
      return;
    }

  {
    AuMoney equity = snapshot_equity (snapshot);
    GDate date;
    gint64 day = eastern_date (snapshot->time, &date) ? g_date_get_julian (&date) : 0;

    track_session (self, snapshot->time, equity);
    show_equity (self, equity);
    show_state (self, snapshot);
    show_vix (self, snapshot);
    show_protocol (self, snapshot);
    show_next_actions (self, snapshot);
    show_connection (self);
    gtk_stack_set_visible_child_name (self->live_stack, "live");

    /* The periods move with the engine's clock: read them again when its
     * day changes, not on every snapshot. */
    if (day != self->income_day)
      {
        self->income_day = day;
        au_overview_status_reload (self);
      }
  }
}

void
au_overview_status_set_connection (AuOverviewStatus *self,
                                   AuBrokerState     state,
                                   const char       *detail)
{
  g_return_if_fail (AU_IS_OVERVIEW_STATUS (self));

  self->broker_state = state;
  if (state == AU_BROKER_READY || state == AU_BROKER_DEGRADED)
    self->was_connected = TRUE;
  g_free (self->broker_detail);
  self->broker_detail = g_strdup (detail);
  show_connection (self);
}

gboolean
au_overview_status_get_busy (AuOverviewStatus *self)
{
  g_return_val_if_fail (AU_IS_OVERVIEW_STATUS (self), FALSE);

  return self->busy;
}

static void
au_overview_status_dispose (GObject *object)
{
  AuOverviewStatus *self = AU_OVERVIEW_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AU_TYPE_OVERVIEW_STATUS);

  G_OBJECT_CLASS (au_overview_status_parent_class)->dispose (object);
}

static void
au_overview_status_finalize (GObject *object)
{
  AuOverviewStatus *self = AU_OVERVIEW_STATUS (object);

  g_free (self->database_path);
  g_free (self->broker_detail);
  g_clear_pointer (&self->snapshot, au_autopilot_snapshot_unref);
  g_clear_pointer (&self->next_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (au_overview_status_parent_class)->finalize (object);
}

static void
au_overview_status_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AuOverviewStatus *self = AU_OVERVIEW_STATUS (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_overview_status_class_init (AuOverviewStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = au_overview_status_dispose;
  object_class->finalize = au_overview_status_finalize;
  object_class->get_property = au_overview_status_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/alluse/Autopilot/ui/au-overview-status.ui");
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, live_stack);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, equity_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, equity_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, change_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, change_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, state_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, state_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, connection_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, connection_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, vix_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, vix_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, protocol_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, protocol_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, next_group);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, income_group);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, week_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, week_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, month_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, month_label);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, year_row);
  gtk_widget_class_bind_template_child (widget_class, AuOverviewStatus, year_label);
}

static void
au_overview_status_init (AuOverviewStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  au_accessible_label_group_lists (GTK_WIDGET (self));

  self->next_rows = g_ptr_array_new ();
  self->income_day = G_MININT64;
  self->broker_state = AU_BROKER_DISCONNECTED;

  set_figure (self->equity_label, self->equity_row, "—");
  set_figure (self->change_label, self->change_row, "—");
  show_connection (self);
  gtk_stack_set_visible_child_name (self->live_stack, "idle");
}

AuOverviewStatus *
au_overview_status_new (void)
{
  return g_object_new (AU_TYPE_OVERVIEW_STATUS, NULL);
}

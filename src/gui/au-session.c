/* au-session.c: the window's live engine, built from the user's preferences
 *
 * One AuSession runs one AuEngine at a time on the window's database
 * (decisions D3: the engine has its own thread; this object only queues
 * commands and re-emits what comes back on the GUI's main context). The
 * engine is configured from GSettings: the market (the embedded paper
 * market or IB), the gateway's address, the starting capital of a new
 * portfolio and the paper clock's speed. A database that was run before
 * keeps the market, seed and capital it was created with (D4, resume).
 *
 * Nothing here waits on the engine except au_session_stop(), which the
 * application calls once, at shutdown, with a bounded timeout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-session"

#include "config.h"

#include <glib/gi18n.h>

#include "au-session.h"

struct _AuSession
{
  GObject           parent_instance;

  char             *database_path;
  GSettings        *settings;
  guint64           paper_seed;
  GDate             paper_start;

  AuEngine         *engine;          /* the current or last run, NULL before the first */
  gboolean          running;
  AuSystemState     state;
  char             *state_reason;
  AuBrokerState     broker_state;
  gboolean          paused;
  AuEngineSnapshot *snapshot;
  GError           *error;           /* why the last run died, NULL after a clean stop */
  GHashTable       *latched_sleeves; /* sleeve names in SAFE until reset (R6.4) */
};

G_DEFINE_FINAL_TYPE (AuSession, au_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_SETTINGS,
  PROP_RUNNING,
  PROP_PAUSED,
  PROP_LATCHED,
  PROP_STATE,
  PROP_STATE_REASON,
  PROP_BROKER_STATE,
  PROP_SNAPSHOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SNAPSHOT,
  SIGNAL_EVENT,
  SIGNAL_STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The values of the schema's io.github.alluse.Autopilot.MarketKind enum. */
#define MARKET_KIND_IB 1

/* The paper market's seed when nothing else is asked, as `alluse-cli run`. */
#define DEFAULT_PAPER_SEED 42

/**
 * au_session_state_label:
 * @state: a system state (R9)
 *
 * Returns: the state as the GUI names it: "Active" for the five
 *   operating states between SAFE and RECONCILING (D2.27)
 */
const char *
au_session_state_label (AuSystemState state)
{
  if (au_system_state_is_active (state))
    return _("Active");

  switch (state)
    {
    case AU_SYSTEM_SAFE:
      return _("SAFE");
    case AU_SYSTEM_RECONCILING:
      return _("Reconciling");
    case AU_SYSTEM_EMERGENCY:
      return _("EMERGENCY");
    case AU_SYSTEM_MAINTENANCE:
      return _("Maintenance");
    case AU_SYSTEM_AUDIT:
      return _("Audit");
    case AU_SYSTEM_SCANNING:
    case AU_SYSTEM_ANALYZING:
    case AU_SYSTEM_ORDERING:
    case AU_SYSTEM_MONITORING:
    case AU_SYSTEM_CLOSING:
    default:
      return _("Active");
    }
}

static gboolean
is_latched (AuSession *self)
{
  return self->state == AU_SYSTEM_EMERGENCY || g_hash_table_size (self->latched_sleeves) > 0;
}

/* Notifies what changed, with the latch last: it depends on the state. */
static void
set_state (AuSession     *self,
           AuSystemState  state,
           const char    *reason)
{
  gboolean was_latched = is_latched (self);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->state_reason, reason) != 0)
    {
      g_free (self->state_reason);
      self->state_reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_REASON]);
    }
  if (was_latched != is_latched (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATCHED]);
}

static void
set_running (AuSession *self,
             gboolean   running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_paused (AuSession *self,
            gboolean   paused)
{
  if (self->paused == paused)
    return;
  self->paused = paused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

static void
on_engine_snapshot_cb (AuEngine         *engine,
                       AuEngineSnapshot *snapshot,
                       AuSession        *self)
{
  g_clear_pointer (&self->snapshot, au_engine_snapshot_unref);
  self->snapshot = au_engine_snapshot_ref (snapshot);

  g_object_freeze_notify (G_OBJECT (self));
  set_state (self, snapshot->state, snapshot->state_reason);
  set_paused (self, snapshot->paused);
  if (self->broker_state != snapshot->broker_state)
    {
      self->broker_state = snapshot->broker_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROKER_STATE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[SIGNAL_SNAPSHOT], 0, snapshot);
}

/* R6.4: an L3 puts its sleeve in SAFE until reset; the breaker says so
 * with the sleeve as the event's account. D2.26: a reset releases it. */
static void
track_sleeve_latch (AuSession     *self,
                    AuEngineEvent *event)
{
  gboolean was_latched = is_latched (self);

  if (!g_str_equal (event->kind, "breaker") || event->account == NULL)
    return;

  if (g_strcmp0 (event->rule, "R6.4") == 0)
    g_hash_table_add (self->latched_sleeves, g_strdup (event->account));
  else if (g_strcmp0 (event->rule, "D2.26") == 0)
    g_hash_table_remove (self->latched_sleeves, event->account);

  if (was_latched != is_latched (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATCHED]);
}

static void
on_engine_event_cb (AuEngine      *engine,
                    AuEngineEvent *event,
                    AuSession     *self)
{
  track_sleeve_latch (self, event);
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, event);
}

static void
on_engine_stopped_cb (AuEngine     *engine,
                      const GError *error,
                      AuSession    *self)
{
  g_autoptr(GError) join_error = NULL;

  g_clear_error (&self->error);
  if (error != NULL)
    {
      self->error = g_error_copy (error);
      g_warning ("The autopilot stopped: %s", error->message);
    }

  /* The thread said it is done before this was delivered: the join is
   * immediate. */
  if (!au_engine_stop (engine, 1000, &join_error))
    g_warning ("The engine thread was not joined: %s", join_error->message);

  g_object_freeze_notify (G_OBJECT (self));
  set_running (self, FALSE);
  set_paused (self, FALSE);
  g_hash_table_remove_all (self->latched_sleeves);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATCHED]);
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[SIGNAL_STOPPED], 0, error);
}

static void
drop_engine (AuSession *self)
{
  if (self->engine == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
}

/**
 * au_session_build_config:
 * @self: a #AuSession
 * @force_paper: the embedded paper market whatever the preference says
 *   (the first-run "Create Paper Portfolio")
 * @error: return location for an error naming the bad setting
 *
 * Returns: (transfer full) (nullable): the engine configuration from the
 *   preferences, or %NULL with @error set
 */
AuEngineConfig *
au_session_build_config (AuSession  *self,
                         gboolean    force_paper,
                         GError    **error)
{
  g_autoptr(AuEngineConfig) config = NULL;
  g_autofree char *account = NULL;

  g_return_val_if_fail (AU_IS_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = au_engine_config_new (self->database_path);
  if (!force_paper && g_settings_get_enum (self->settings, "market-kind") == MARKET_KIND_IB)
    config->broker = AU_ENGINE_BROKER_IB;
  else
    config->broker = AU_ENGINE_BROKER_PAPER;

  /* Cents, as every amount of money in the engine (D3); for IB the part
   * of the account the autopilot manages. */
  config->paper_capital = g_settings_get_int64 (self->settings, "starting-capital");
  config->paper_seed = self->paper_seed;
  config->paper_start = self->paper_start;
  config->speed = config->broker == AU_ENGINE_BROKER_PAPER
                  ? g_settings_get_double (self->settings, "paper-speed") : 1.0;

  g_free (config->ib_host);
  config->ib_host = g_settings_get_string (self->settings, "ib-host");
  config->ib_port = (guint16) g_settings_get_int (self->settings, "ib-port");
  config->ib_client_id = g_settings_get_int (self->settings, "ib-client-id");
  account = g_settings_get_string (self->settings, "ib-account");
  config->ib_account = account[0] != '\0' ? g_steal_pointer (&account) : NULL;

  /* Someone is at the window: latches wait for the user (D2.26). */
  config->unattended = FALSE;

  if (!au_engine_config_validate (config, error))
    return NULL;
  return g_steal_pointer (&config);
}

/**
 * au_session_start:
 * @self: a #AuSession
 * @force_paper: start on the embedded paper market whatever the
 *   preference says
 * @error: return location for an error
 *
 * Starts the engine on the database: a new portfolio when it holds none,
 * else the one it holds, resumed where it stopped (D4). What the engine
 * thread opens (the database as its one writer, the broker) fails there
 * and comes back as ::stopped with the engine's error.
 *
 * Returns: %FALSE when already running or the preferences are invalid
 */
gboolean
au_session_start (AuSession  *self,
                  gboolean    force_paper,
                  GError    **error)
{
  g_autoptr(AuEngineConfig) config = NULL;
  g_autoptr(AuEngine) engine = NULL;

  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->running)
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_RUNNING,
                           _("The autopilot is running already"));
      return FALSE;
    }

  config = au_session_build_config (self, force_paper, error);
  if (config == NULL)
    return FALSE;

  engine = au_engine_new (config);
  g_signal_connect (engine, "snapshot", G_CALLBACK (on_engine_snapshot_cb), self);
  g_signal_connect (engine, "event", G_CALLBACK (on_engine_event_cb), self);
  g_signal_connect (engine, "stopped", G_CALLBACK (on_engine_stopped_cb), self);
  if (!au_engine_start (engine, error))
    {
      g_signal_handlers_disconnect_by_data (engine, self);
      return FALSE;
    }

  drop_engine (self);
  self->engine = g_steal_pointer (&engine);
  g_clear_error (&self->error);
  g_clear_pointer (&self->snapshot, au_engine_snapshot_unref);
  g_hash_table_remove_all (self->latched_sleeves);

  /* Started by the user: the next launch starts it again. */
  g_settings_set_boolean (self->settings, "autopilot-paused", FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  set_running (self, TRUE);
  /* R9: every run starts in SAFE and reconciles before anything new. */
  set_state (self, AU_SYSTEM_SAFE, _("starting"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

static gboolean
check_running (AuSession  *self,
               GError    **error)
{
  if (self->engine != NULL && self->running)
    return TRUE;
  g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_RUNNING,
                       _("The autopilot is not running"));
  return FALSE;
}

/* R9: paused, the autopilot makes no new entries and still watches every
 * open position. The choice is remembered for the next launch. */
gboolean
au_session_pause (AuSession  *self,
                  GError    **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);

  if (!check_running (self, error) || !au_engine_pause (self->engine, error))
    return FALSE;
  g_settings_set_boolean (self->settings, "autopilot-paused", TRUE);
  return TRUE;
}

gboolean
au_session_resume (AuSession  *self,
                   GError    **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);

  if (!check_running (self, error) || !au_engine_resume (self->engine, error))
    return FALSE;
  g_settings_set_boolean (self->settings, "autopilot-paused", FALSE);
  return TRUE;
}

/* R9: exits only, no new entries. */
gboolean
au_session_enter_safe (AuSession   *self,
                       const char  *reason,
                       GError     **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  g_return_val_if_fail (reason != NULL && reason[0] != '\0', FALSE);

  return check_running (self, error) && au_engine_enter_safe (self->engine, reason, error);
}

/* R6.9, D2.26: EMERGENCY until the user resets the latch. */
gboolean
au_session_kill_switch (AuSession   *self,
                        const char  *reason,
                        GError     **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  g_return_val_if_fail (reason != NULL && reason[0] != '\0', FALSE);

  return check_running (self, error) && au_engine_kill_switch (self->engine, reason, error);
}

/* D2.10, D2.26: the user's reset, audited by the engine with its reason. */
gboolean
au_session_reset_latch (AuSession   *self,
                        const char  *reason,
                        GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  stripped = g_strstrip (g_strdup (reason));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                           _("reason: a latch reset is audited and needs a reason"));
      return FALSE;
    }
  return check_running (self, error) && au_engine_reset_latch (self->engine, stripped, error);
}

/* The paper clock's speed, remembered for the next start; a running
 * paper engine changes speed at once. */
gboolean
au_session_set_speed (AuSession  *self,
                      double      speed,
                      GError    **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);

  if (!(speed >= 1.0 && speed <= 1000000.0))
    {
      g_set_error (error, AU_ENGINE_ERROR, AU_ENGINE_ERROR_INVALID,
                   _("speed: %g is not between 1 and 1000000"), speed);
      return FALSE;
    }
  if (self->running && !au_engine_set_speed (self->engine, speed, error))
    return FALSE;
  g_settings_set_double (self->settings, "paper-speed", speed);
  return TRUE;
}

gboolean
au_session_run_until (AuSession  *self,
                      gint64      until_usec,
                      GError    **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);

  return check_running (self, error) && au_engine_run_until (self->engine, until_usec, error);
}

/* Asks for a clean stop without waiting; ::stopped follows. */
gboolean
au_session_request_stop (AuSession  *self,
                         GError    **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);

  return check_running (self, error) && au_engine_request_stop (self->engine, error);
}

/* Stops and joins the engine thread, waiting at most @timeout_ms. */
gboolean
au_session_stop (AuSession  *self,
                 guint       timeout_ms,
                 GError    **error)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);

  if (self->engine == NULL)
    return TRUE;
  return au_engine_stop (self->engine, timeout_ms, error);
}

/**
 * au_session_set_paper_market:
 * @self: a #AuSession
 * @seed: the paper market's seed
 * @start: (nullable): the market's first session, or %NULL for the day
 *   of the first run
 *
 * Chooses the paper market of a new portfolio, as `alluse-cli run --seed
 * --start` does; a database run before keeps its own (D4).
 */
void
au_session_set_paper_market (AuSession   *self,
                             guint64      seed,
                             const GDate *start)
{
  g_return_if_fail (AU_IS_SESSION (self));

  self->paper_seed = seed;
  if (start != NULL && g_date_valid (start))
    self->paper_start = *start;
  else
    g_date_clear (&self->paper_start, 1);
}

const char *
au_session_get_database_path (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), NULL);
  return self->database_path;
}

gboolean
au_session_get_running (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  return self->running;
}

gboolean
au_session_get_paused (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  return self->paused;
}

/* Whether a latch waits for the user's reset: EMERGENCY, or a sleeve in
 * SAFE after an L3 (R6.4, D2.26). */
gboolean
au_session_get_latched (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), FALSE);
  return self->running && is_latched (self);
}

AuSystemState
au_session_get_state (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), AU_SYSTEM_SAFE);
  return self->state;
}

const char *
au_session_get_state_reason (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), NULL);
  return self->state_reason;
}

AuBrokerState
au_session_get_broker_state (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), AU_BROKER_DISCONNECTED);
  return self->broker_state;
}

/* Returns: (transfer none) (nullable): the last snapshot of this run */
AuEngineSnapshot *
au_session_get_snapshot (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), NULL);
  return self->snapshot;
}

/* Returns: (transfer none) (nullable): why the last run died */
const GError *
au_session_get_error (AuSession *self)
{
  g_return_val_if_fail (AU_IS_SESSION (self), NULL);
  return self->error;
}

static void
au_session_dispose (GObject *object)
{
  AuSession *self = AU_SESSION (object);

  if (self->engine != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!au_engine_stop (self->engine, AU_SESSION_STOP_TIMEOUT_MS, &error))
        g_warning ("The autopilot did not stop: %s", error->message);
    }
  drop_engine (self);

  G_OBJECT_CLASS (au_session_parent_class)->dispose (object);
}

static void
au_session_finalize (GObject *object)
{
  AuSession *self = AU_SESSION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->state_reason, g_free);
  g_clear_pointer (&self->snapshot, au_engine_snapshot_unref);
  g_clear_pointer (&self->latched_sleeves, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (au_session_parent_class)->finalize (object);
}

static void
au_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AuSession *self = AU_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_LATCHED:
      g_value_set_boolean (value, au_session_get_latched (self));
      break;
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_STATE_REASON:
      g_value_set_string (value, self->state_reason);
      break;
    case PROP_BROKER_STATE:
      g_value_set_uint (value, self->broker_state);
      break;
    case PROP_SNAPSHOT:
      g_value_set_boxed (value, self->snapshot);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AuSession *self = AU_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_session_class_init (AuSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = au_session_dispose;
  object_class->finalize = au_session_finalize;
  object_class->get_property = au_session_get_property;
  object_class->set_property = au_session_set_property;

  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL, construct);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS, construct);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, readable);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE, readable);
  properties[PROP_LATCHED] =
    g_param_spec_boolean ("latched", NULL, NULL, FALSE, readable);
  /* An AuSystemState (R9). */
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, AU_N_SYSTEM_STATES - 1, AU_SYSTEM_SAFE, readable);
  properties[PROP_STATE_REASON] =
    g_param_spec_string ("state-reason", NULL, NULL, NULL, readable);
  /* An AuBrokerState. */
  properties[PROP_BROKER_STATE] =
    g_param_spec_uint ("broker-state", NULL, NULL, 0, AU_BROKER_DEGRADED, AU_BROKER_DISCONNECTED,
                       readable);
  properties[PROP_SNAPSHOT] =
    g_param_spec_boxed ("snapshot", NULL, NULL, AU_TYPE_ENGINE_SNAPSHOT, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SNAPSHOT] =
    g_signal_new ("snapshot", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AU_TYPE_ENGINE_SNAPSHOT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AU_TYPE_ENGINE_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
au_session_init (AuSession *self)
{
  self->paper_seed = DEFAULT_PAPER_SEED;
  g_date_clear (&self->paper_start, 1);
  self->state = AU_SYSTEM_SAFE;
  self->broker_state = AU_BROKER_DISCONNECTED;
  self->latched_sleeves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * au_session_new:
 * @database_path: the portfolio's database
 * @settings: the application's settings (io.github.alluse.Autopilot)
 *
 * Returns: (transfer full): a session that runs no engine yet
 */
AuSession *
au_session_new (const char *database_path,
                GSettings  *settings)
{
  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (AU_TYPE_SESSION,
                       "database-path", database_path,
                       "settings", settings,
                       NULL);
}

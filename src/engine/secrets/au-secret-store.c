/* au-secret-store.c: the product's secrets in the Secret Service
 *
 * Every secret lives in libsecret under one schema (D4), one item per kind:
 * storing a kind replaces what was stored for it, whatever its origin. The
 * value is copied into a SecretValue (non-swappable memory, wiped when
 * freed) as soon as the caller hands it over, and no message ever holds
 * it (D3). libsecret's blocking calls run in a GTask worker, so neither the
 * GUI thread nor the engine thread waits on D-Bus or a keyring prompt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-secret"

#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "au-secret-store.h"

#define ATTR_KIND   "kind"
#define ATTR_ORIGIN "origin"

struct _AuSecretStore
{
  GObject             parent_instance;
  AuSecretCollection  collection;
};

G_DEFINE_FINAL_TYPE (AuSecretStore, au_secret_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_COLLECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One job: what the worker needs, nothing more. */
typedef struct
{
  AuSecretKind  kind;
  char         *origin;   /* normalized; NULL: unbound (stored as "") */
  SecretValue  *value;    /* store only */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->origin, g_free);
  g_clear_pointer (&job->value, secret_value_unref);
  g_free (job);
}

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    AU_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { ATTR_KIND, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { ATTR_ORIGIN, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static GHashTable *
job_attributes (const Job *job,
                gboolean   with_origin)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) ATTR_KIND,
                       (gpointer) au_secret_kind_to_string (job->kind));
  if (with_origin)
    g_hash_table_insert (attributes, (gpointer) ATTR_ORIGIN,
                         job->origin != NULL ? job->origin : (gpointer) "");
  return attributes;
}

/* libsecret's own words, after ours: they say what the keyring did. */
static void
return_service_error (GTask      *task,
                      GError     *error,
                      const char *doing)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_new_error (task, AU_SECRET_ERROR, AU_SECRET_ERROR_FAILED,
                           "The Secret Service could not %s: %s", doing, error->message);
  g_error_free (error);
}

/* The service, or NO_SERVICE returned on @task. */
static SecretService *
get_service (GTask        *task,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  SecretService *service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable,
                                                    &error);

  if (service != NULL)
    return service;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, AU_SECRET_ERROR, AU_SECRET_ERROR_NO_SERVICE,
                             "No Secret Service is reachable (%s). The autopilot keeps secrets "
                             "only in the desktop keyring (GNOME Keyring or another Secret "
                             "Service), which needs a D-Bus session.", error->message);
  return NULL;
}

static const char *
collection_path (AuSecretStore *self)
{
  return self->collection == AU_SECRET_COLLECTION_SESSION ? SECRET_COLLECTION_SESSION
                                                          : SECRET_COLLECTION_DEFAULT;
}

/* Every item of the schema, with @attributes, locked ones included. */
static GList *
search_items (SecretService  *service,
              GHashTable     *attributes,
              GCancellable   *cancellable,
              GError        **error)
{
  return secret_service_search_sync (service, get_schema (), attributes, SECRET_SEARCH_ALL,
                                     cancellable, error);
}

static const char *
item_origin (GHashTable *attributes)
{
  const char *origin = g_hash_table_lookup (attributes, ATTR_ORIGIN);

  return origin != NULL ? origin : "";
}

static gboolean
validate_job (Job         *job,
              AuSecretKind kind,
              const char  *origin,
              GError     **error)
{
  if ((guint) kind >= AU_SECRET_N_KINDS)
    {
      g_set_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_KIND,
                   "kind: %d is not a kind of secret the autopilot knows", (int) kind);
      return FALSE;
    }
  job->kind = kind;
  if (origin != NULL)
    {
      job->origin = au_secret_origin_normalize (origin, error);
      if (job->origin == NULL)
        return FALSE;
    }
  return TRUE;
}

static GTask *
new_job_task (AuSecretStore        *self,
              AuSecretKind          kind,
              const char           *origin,
              GCancellable         *cancellable,
              GAsyncReadyCallback   callback,
              gpointer              user_data,
              gpointer              source_tag,
              Job                 **out_job)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  if (!validate_job (job, kind, origin, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  *out_job = job;
  return g_steal_pointer (&task);
}

/* Store */

static char *
item_label (const Job *job)
{
  if (job->origin != NULL)
    return g_strdup_printf ("ALL-USE Autopilot: %s for %s", au_secret_kind_to_string (job->kind),
                            job->origin);
  return g_strdup_printf ("ALL-USE Autopilot: %s", au_secret_kind_to_string (job->kind));
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  AuSecretStore *self = source;
  Job *job = task_data;
  g_autoptr(SecretService) service = get_service (task, cancellable);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) kind_only = NULL;
  g_autofree char *label = item_label (job);
  GList *items;
  GError *error = NULL;

  if (service == NULL)
    return;

  attributes = job_attributes (job, TRUE);
  if (!secret_service_store_sync (service, get_schema (), attributes, collection_path (self),
                                  label, job->value, cancellable, &error))
    {
      return_service_error (task, error, "store the secret");
      return;
    }

  /* One secret per kind: the new one is in, so the ones bound to another
   * origin go. Stored first and removed after, a failure loses nothing. */
  kind_only = job_attributes (job, FALSE);
  items = search_items (service, kind_only, cancellable, &error);
  if (error != NULL)
    {
      return_service_error (task, error, "list the secrets");
      return;
    }
  for (GList *l = items; l != NULL && error == NULL; l = l->next)
    {
      g_autoptr(GHashTable) item_attributes = secret_item_get_attributes (l->data);

      if (g_strcmp0 (item_origin (item_attributes),
                     job->origin != NULL ? job->origin : "") != 0)
        secret_item_delete_sync (l->data, cancellable, &error);
    }
  g_list_free_full (items, g_object_unref);
  if (error != NULL)
    {
      return_service_error (task, error, "replace the previous secret");
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * au_secret_store_store_async:
 * @self: a store
 * @kind: what the secret is for
 * @origin: (nullable): scheme://host:port it may be sent to, or %NULL
 * @value: the secret, one line of text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when stored
 * @user_data: for @callback
 *
 * Stores @value as the one secret of @kind, replacing any stored before.
 * The value is copied before this returns; the caller may wipe its own.
 */
void
au_secret_store_store_async (AuSecretStore        *self,
                             AuSecretKind          kind,
                             const char           *origin,
                             const char           *value,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = NULL;

  g_return_if_fail (AU_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_job_task (self, kind, origin, cancellable, callback, user_data,
                       au_secret_store_store_async, &job);
  if (task == NULL)
    return;
  if (!au_secret_value_validate (value, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->value = secret_value_new (value, -1, "text/plain");
  g_task_run_in_thread (task, store_thread);
}

gboolean
au_secret_store_store_finish (AuSecretStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (AU_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Lookup */

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(SecretService) service = get_service (task, cancellable);
  g_autoptr(GHashTable) attributes = NULL;
  SecretValue *value;
  GError *error = NULL;
  const char *text;

  if (service == NULL)
    return;

  attributes = job_attributes (job, TRUE);
  value = secret_service_lookup_sync (service, get_schema (), attributes, cancellable, &error);
  if (error != NULL)
    {
      return_service_error (task, error, "read the secret");
      return;
    }
  if (value == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  text = secret_value_get_text (value);
  g_task_return_pointer (task, text != NULL ? g_strdup (text) : NULL, (GDestroyNotify) au_secret_free);
  secret_value_unref (value);
}

/**
 * au_secret_store_lookup_async:
 * @self: a store
 * @kind: what the secret is for
 * @origin: (nullable): where it is about to be sent; %NULL for the unbound secret
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the value
 * @user_data: for @callback
 *
 * Reads the secret of @kind bound to exactly @origin: a secret bound to
 * one origin is never handed to a caller who names another.
 */
void
au_secret_store_lookup_async (AuSecretStore        *self,
                              AuSecretKind          kind,
                              const char           *origin,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job = NULL;

  g_return_if_fail (AU_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_job_task (self, kind, origin, cancellable, callback, user_data,
                       au_secret_store_lookup_async, &job);
  if (task != NULL)
    g_task_run_in_thread (task, lookup_thread);
}

/**
 * au_secret_store_lookup_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the value, to be freed with
 *   au_secret_free(); %NULL without @error when none is stored
 */
char *
au_secret_store_lookup_finish (AuSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (AU_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clear */

static void
clear_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(SecretService) service = get_service (task, cancellable);
  g_autoptr(GHashTable) attributes = NULL;
  GList *items;
  GError *error = NULL;
  int removed = 0;

  if (service == NULL)
    return;

  attributes = job_attributes (job, job->origin != NULL);
  items = search_items (service, attributes, cancellable, &error);
  for (GList *l = items; l != NULL && error == NULL; l = l->next)
    if (secret_item_delete_sync (l->data, cancellable, &error))
      removed = 1;
  g_list_free_full (items, g_object_unref);
  if (error != NULL)
    {
      return_service_error (task, error, "remove the secret");
      return;
    }
  g_task_return_int (task, removed);
}

/**
 * au_secret_store_clear_async:
 * @self: a store
 * @kind: what the secret is for
 * @origin: (nullable): only the secret bound to this origin; %NULL for any
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Removes the secret of @kind. Clearing what is not stored is no error.
 */
void
au_secret_store_clear_async (AuSecretStore        *self,
                             AuSecretKind          kind,
                             const char           *origin,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job = NULL;

  g_return_if_fail (AU_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = new_job_task (self, kind, origin, cancellable, callback, user_data,
                       au_secret_store_clear_async, &job);
  if (task != NULL)
    g_task_run_in_thread (task, clear_thread);
}

/**
 * au_secret_store_clear_finish:
 * @self: a store
 * @result: the result
 * @removed: (out) (optional): whether a secret was there to remove
 * @error: return location for an error
 *
 * Returns: %TRUE unless the Secret Service failed
 */
gboolean
au_secret_store_clear_finish (AuSecretStore  *self,
                              GAsyncResult   *result,
                              gboolean       *removed,
                              GError        **error)
{
  gssize outcome;

  g_return_val_if_fail (AU_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  outcome = g_task_propagate_int (G_TASK (result), error);
  if (removed != NULL)
    *removed = outcome > 0;
  return outcome >= 0;
}

/* Status */

static void
status_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(SecretService) service = get_service (task, cancellable);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  GList *items;
  GError *error = NULL;

  if (service == NULL)
    return;

  statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) au_secret_status_free);
  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    {
      AuSecretStatus *status = g_new0 (AuSecretStatus, 1);

      status->kind = (AuSecretKind) i;
      g_ptr_array_add (statuses, status);
    }

  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  items = search_items (service, attributes, cancellable, &error);
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) item_attributes = secret_item_get_attributes (l->data);
      const char *origin = item_origin (item_attributes);
      AuSecretKind kind;
      AuSecretStatus *status;

      /* An item of a kind this version does not know is someone else's
       * business (a newer version); it is left alone and not reported. */
      if (!au_secret_kind_from_string (g_hash_table_lookup (item_attributes, ATTR_KIND),
                                       &kind, NULL))
        continue;
      status = g_ptr_array_index (statuses, kind);
      status->is_set = TRUE;
      g_free (status->origin);
      status->origin = *origin != '\0' ? g_strdup (origin) : NULL;
    }
  g_list_free_full (items, g_object_unref);
  if (error != NULL)
    {
      return_service_error (task, error, "list the secrets");
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&statuses), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * au_secret_store_status_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the statuses
 * @user_data: for @callback
 *
 * Finds which kinds are set and their origins, from the items' attributes
 * alone: no value is read and no keyring is unlocked.
 */
void
au_secret_store_status_async (AuSecretStore        *self,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AU_IS_SECRET_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, au_secret_store_status_async);
  g_task_run_in_thread (task, status_thread);
}

/**
 * au_secret_store_status_finish:
 * @self: a store
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type AuSecretStatus): one status
 *   per known kind, indexed by #AuSecretKind, or %NULL with @error set
 */
GPtrArray *
au_secret_store_status_finish (AuSecretStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (AU_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
au_secret_status_free (AuSecretStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->origin);
  g_free (status);
}

/**
 * au_secret_free:
 * @value: (nullable): a value from au_secret_store_lookup_finish()
 *
 * Overwrites @value before freeing it, so it does not linger in the heap.
 */
void
au_secret_free (char *value)
{
  if (value == NULL)
    return;
  explicit_bzero (value, strlen (value));
  g_free (value);
}

/* GObject */

static void
au_secret_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AuSecretStore *self = AU_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      g_value_set_int (value, self->collection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_secret_store_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AuSecretStore *self = AU_SECRET_STORE (object);

  switch (prop_id)
    {
    case PROP_COLLECTION:
      self->collection = (AuSecretCollection) g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
au_secret_store_class_init (AuSecretStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = au_secret_store_get_property;
  object_class->set_property = au_secret_store_set_property;

  /**
   * AuSecretStore:collection:
   *
   * Where new secrets go: the user's default keyring, or the session
   * collection that the tests use and the session end forgets.
   */
  properties[PROP_COLLECTION] =
    g_param_spec_int ("collection", NULL, NULL,
                      AU_SECRET_COLLECTION_DEFAULT, AU_SECRET_COLLECTION_SESSION,
                      AU_SECRET_COLLECTION_DEFAULT,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
au_secret_store_init (AuSecretStore *self)
{
}

/**
 * au_secret_store_new:
 * @collection: %AU_SECRET_COLLECTION_DEFAULT, or %AU_SECRET_COLLECTION_SESSION in tests
 *
 * Returns: (transfer full): a new store
 */
AuSecretStore *
au_secret_store_new (AuSecretCollection collection)
{
  return g_object_new (AU_TYPE_SECRET_STORE, "collection", collection, NULL);
}

AuSecretCollection
au_secret_store_get_collection (AuSecretStore *self)
{
  g_return_val_if_fail (AU_IS_SECRET_STORE (self), AU_SECRET_COLLECTION_DEFAULT);

  return self->collection;
}

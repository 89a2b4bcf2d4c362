/* au-secret-store.h: the product's secrets, kept only in the Secret Service
 * (libsecret; decisions D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-secret-types.h"

G_BEGIN_DECLS

/* The one libsecret schema of the product (D4). */
#define AU_SECRET_SCHEMA_NAME "io.github.alluse.Autopilot.Secret"

typedef enum
{
  AU_SECRET_COLLECTION_DEFAULT,   /* the user's keyring: what the product uses */
  AU_SECRET_COLLECTION_SESSION,   /* forgotten when the session ends: tests */
} AuSecretCollection;

/* What is known about one kind without reading its value. */
typedef struct
{
  AuSecretKind  kind;
  gboolean      is_set;
  char         *origin;    /* where it may be sent; NULL when not set or not bound */
} AuSecretStatus;

void au_secret_status_free (AuSecretStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuSecretStatus, au_secret_status_free)

/* Wipes a looked-up value before freeing it. */
void au_secret_free (char *value);

#define AU_TYPE_SECRET_STORE (au_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (AuSecretStore, au_secret_store, AU, SECRET_STORE, GObject)

AuSecretStore      *au_secret_store_new            (AuSecretCollection    collection);
AuSecretCollection  au_secret_store_get_collection (AuSecretStore        *self);

/* Stores @value (copied at once into non-swappable memory, never logged)
 * as the one secret of @kind, bound to @origin (NULL: not bound). */
void      au_secret_store_store_async   (AuSecretStore        *self,
                                         AuSecretKind          kind,
                                         const char           *origin,
                                         const char           *value,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  au_secret_store_store_finish  (AuSecretStore        *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* The value of @kind for exactly @origin (NULL: the unbound one). */
void      au_secret_store_lookup_async  (AuSecretStore        *self,
                                         AuSecretKind          kind,
                                         const char           *origin,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
char     *au_secret_store_lookup_finish (AuSecretStore        *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Removes the secret of @kind: only the one bound to @origin, or with
 * @origin NULL whatever its origin. */
void      au_secret_store_clear_async   (AuSecretStore        *self,
                                         AuSecretKind          kind,
                                         const char           *origin,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean  au_secret_store_clear_finish  (AuSecretStore        *self,
                                         GAsyncResult         *result,
                                         gboolean             *removed,
                                         GError              **error);

/* One AuSecretStatus for every known kind, in kind order; reads no value
 * and unlocks nothing. */
void       au_secret_store_status_async  (AuSecretStore        *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *au_secret_store_status_finish (AuSecretStore        *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS

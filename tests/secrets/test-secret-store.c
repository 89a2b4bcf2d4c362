/* test-secret-store.c: AuSecretStore on the session collection, and the
 * validation of kinds, origins and values (decisions D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "au-secret-store.h"

/* The store's tests need a session bus; validation does not. */
static gboolean
have_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  g_test_skip ("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset); "
               "run the tests under dbus-run-session");
  return FALSE;
}

static void
test_kind_names (void)
{
  static const char *bad[] = { "llm_api_key", "LLM-API-KEY", "", "password", "api-token " };
  AuSecretKind kind;

  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (au_secret_kind_from_string (au_secret_kind_to_string (i), &kind, &error));
      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_cmpstr (au_secret_kind_to_string (AU_SECRET_KIND_LLM_API_KEY), ==, "llm-api-key");
  g_assert_cmpstr (au_secret_kind_to_string (AU_SECRET_KIND_API_TOKEN), ==, "api-token");
  g_assert_cmpstr (au_secret_kind_to_string (AU_SECRET_KIND_WEBHOOK_SECRET), ==,
                   "webhook-secret");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (au_secret_kind_from_string (bad[i], &kind, &error));
      g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_KIND);
      g_assert_true (g_str_has_prefix (error->message, "kind: "));
      g_assert_nonnull (strstr (error->message, "llm-api-key, api-token, webhook-secret"));
    }
}

static void
test_origin_normalized (void)
{
  static const struct { const char *in, *out; } good[] = {
    { "https://api.example.com:443", "https://api.example.com:443" },
    { "https://API.Example.COM", "https://api.example.com:443" },
    { "HTTPS://api.example.com/", "https://api.example.com:443" },
    { "http://127.0.0.1", "http://127.0.0.1:80" },
    { "http://localhost:8080/", "http://localhost:8080" },
    { "wss://hooks.example.org", "wss://hooks.example.org:443" },
    { "ws://10.0.0.2", "ws://10.0.0.2:80" },
    { "https://[::1]:8443", "https://[::1]:8443" },
    { "ftp://files.example.com:21", "ftp://files.example.com:21" },
    { "https://h:1", "https://h:1" },            /* the lowest port */
    { "https://h:65535", "https://h:65535" },    /* the highest */
  };
  static const struct { const char *in, *why; } bad[] = {
    { "", "is empty" },
    { "api.example.com", "is not scheme://host:port" },
    { "api.example.com:443", "is not scheme://host:port" },
    { "https://", "is not scheme://host:port" },
    { "https://api.example.com/v1", "has a path" },
    { "https://api.example.com:443/v1/chat", "has a path" },
    { "https://api.example.com?key=1", "has a query" },
    { "https://api.example.com#top", "has a fragment" },
    { "ftp://files.example.com", "has no port" },   /* no default port for ftp */
    { "https://h:0", "has no port" },
    { "https://h:65536", "is not scheme://host:port" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = au_secret_origin_normalize (good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = au_secret_origin_normalize (bad[i].in, &error);

      g_assert_null (out);
      g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_ORIGIN);
      g_assert_true (g_str_has_prefix (error->message, "origin: "));
      if (strstr (error->message, bad[i].why) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", bad[i].in, error->message, bad[i].why);
    }
}

/* Credentials in an origin are refused without being repeated. */
static void
test_origin_credentials (void)
{
  static const char *bad[] = {
    "https://alice:hunter2@api.example.com:443",
    "https://hunter2@api.example.com",
    "https://api.example.com:443@evil.example",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = au_secret_origin_normalize (bad[i], &error);

      g_assert_null (out);
      g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_ORIGIN);
      g_assert_nonnull (strstr (error->message, "credentials"));
      g_assert_null (strstr (error->message, "hunter2"));
      g_assert_null (strstr (error->message, "evil"));
    }
}

static void
test_value_validated (void)
{
  g_autofree char *longest = g_strnfill (AU_SECRET_MAX_LENGTH, 'k');
  g_autofree char *too_long = g_strnfill (AU_SECRET_MAX_LENGTH + 1, 'k');
  static const struct { const char *value, *why; } bad[] = {
    { "", "empty" },
    { "sk-line1\nsk-line2", "one line" },
    { "sk-value\n", "one line" },
    { "sk-value\r", "one line" },
    { "sk-\xff\xfe", "UTF-8" },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (au_secret_value_validate ("x", &error));
  g_assert_true (au_secret_value_validate ("sk-proj-AbC123_-.~", &error));
  g_assert_true (au_secret_value_validate (longest, &error));
  g_assert_no_error (error);

  g_assert_false (au_secret_value_validate (too_long, &error));
  g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "8193 bytes"));
  g_assert_null (strstr (error->message, "kkkk"));
  g_clear_error (&error);

  g_assert_false (au_secret_value_validate (NULL, &error));
  g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (au_secret_value_validate (bad[i].value, &error));
      g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE);
      g_assert_true (g_str_has_prefix (error->message, "value: "));
      g_assert_nonnull (strstr (error->message, bad[i].why));
      g_assert_null (strstr (error->message, "sk-"));
      g_clear_error (&error);
    }
}

/* The store, driven synchronously */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  /* Bounded: a keyring that never answers fails the test, not CI. */
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return *slot;
}

static gboolean
store (AuSecretStore *self,
       AuSecretKind   kind,
       const char    *origin,
       const char    *value,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  au_secret_store_store_async (self, kind, origin, value, NULL, on_result, &result);
  return au_secret_store_store_finish (self, wait_for (&result), error);
}

static char *
lookup (AuSecretStore *self,
        AuSecretKind   kind,
        const char    *origin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  au_secret_store_lookup_async (self, kind, origin, NULL, on_result, &result);
  value = au_secret_store_lookup_finish (self, wait_for (&result), &error);
  g_assert_no_error (error);
  return value;
}

static gboolean
clear (AuSecretStore *self,
       AuSecretKind   kind,
       const char    *origin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed = TRUE;

  au_secret_store_clear_async (self, kind, origin, NULL, on_result, &result);
  g_assert_true (au_secret_store_clear_finish (self, wait_for (&result), &removed, &error));
  g_assert_no_error (error);
  return removed;
}

static GPtrArray *
status (AuSecretStore *self)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses;

  au_secret_store_status_async (self, NULL, on_result, &result);
  statuses = au_secret_store_status_finish (self, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (statuses);
  g_assert_cmpuint (statuses->len, ==, AU_SECRET_N_KINDS);
  return statuses;
}

static void
assert_status (AuSecretStore *self,
               AuSecretKind   kind,
               gboolean       is_set,
               const char    *origin)
{
  g_autoptr(GPtrArray) statuses = status (self);
  const AuSecretStatus *s = g_ptr_array_index (statuses, kind);

  g_assert_cmpint (s->kind, ==, kind);
  g_assert_cmpint (s->is_set, ==, is_set);
  g_assert_cmpstr (s->origin, ==, origin);
}

static void
clear_all (AuSecretStore *self)
{
  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    clear (self, i, NULL);
}

static void
test_store_round_trip (void)
{
  g_autoptr(AuSecretStore) self = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  if (!have_session_bus ())
    return;
  self = au_secret_store_new (AU_SECRET_COLLECTION_SESSION);
  g_assert_cmpint (au_secret_store_get_collection (self), ==, AU_SECRET_COLLECTION_SESSION);
  clear_all (self);
  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    assert_status (self, i, FALSE, NULL);

  /* Stored under its normalized origin, found under any spelling of it. */
  g_assert_true (store (self, AU_SECRET_KIND_LLM_API_KEY, "https://API.example.com",
                        "sk-first-0001", &error));
  g_assert_no_error (error);
  assert_status (self, AU_SECRET_KIND_LLM_API_KEY, TRUE, "https://api.example.com:443");
  assert_status (self, AU_SECRET_KIND_API_TOKEN, FALSE, NULL);
  value = lookup (self, AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443/");
  g_assert_cmpstr (value, ==, "sk-first-0001");
  au_secret_free (value);

  /* Bound to one origin, it is never handed out for another or for none. */
  g_assert_null (lookup (self, AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:8443"));
  g_assert_null (lookup (self, AU_SECRET_KIND_LLM_API_KEY, "http://api.example.com:443"));
  g_assert_null (lookup (self, AU_SECRET_KIND_LLM_API_KEY, NULL));
  g_assert_null (lookup (self, AU_SECRET_KIND_API_TOKEN, "https://api.example.com:443"));

  /* One secret per kind: a new origin replaces the old one. */
  g_assert_true (store (self, AU_SECRET_KIND_LLM_API_KEY, "https://llm.example.net:443",
                        "sk-second-0002", &error));
  g_assert_no_error (error);
  assert_status (self, AU_SECRET_KIND_LLM_API_KEY, TRUE, "https://llm.example.net:443");
  g_assert_null (lookup (self, AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443"));
  value = lookup (self, AU_SECRET_KIND_LLM_API_KEY, "https://llm.example.net:443");
  g_assert_cmpstr (value, ==, "sk-second-0002");
  au_secret_free (value);

  /* The same origin again: the value is replaced, not duplicated. */
  g_assert_true (store (self, AU_SECRET_KIND_LLM_API_KEY, "https://llm.example.net",
                        "sk-third-0003", &error));
  value = lookup (self, AU_SECRET_KIND_LLM_API_KEY, "https://llm.example.net:443");
  g_assert_cmpstr (value, ==, "sk-third-0003");
  au_secret_free (value);

  /* An unbound secret: no origin, found with none. */
  g_assert_true (store (self, AU_SECRET_KIND_WEBHOOK_SECRET, NULL, "whsec-ünïcode-42", &error));
  g_assert_no_error (error);
  assert_status (self, AU_SECRET_KIND_WEBHOOK_SECRET, TRUE, NULL);
  value = lookup (self, AU_SECRET_KIND_WEBHOOK_SECRET, NULL);
  g_assert_cmpstr (value, ==, "whsec-ünïcode-42");
  au_secret_free (value);

  /* Clearing another origin removes nothing; no origin removes it. */
  g_assert_false (clear (self, AU_SECRET_KIND_LLM_API_KEY, "https://api.example.com:443"));
  assert_status (self, AU_SECRET_KIND_LLM_API_KEY, TRUE, "https://llm.example.net:443");
  g_assert_true (clear (self, AU_SECRET_KIND_LLM_API_KEY, NULL));
  assert_status (self, AU_SECRET_KIND_LLM_API_KEY, FALSE, NULL);
  g_assert_false (clear (self, AU_SECRET_KIND_LLM_API_KEY, NULL));
  g_assert_null (lookup (self, AU_SECRET_KIND_LLM_API_KEY, "https://llm.example.net:443"));
  /* The other kinds were not touched. */
  assert_status (self, AU_SECRET_KIND_WEBHOOK_SECRET, TRUE, NULL);

  g_assert_true (clear (self, AU_SECRET_KIND_WEBHOOK_SECRET, NULL));
  clear_all (self);
}

static void
assert_store_refused (AuSecretStore *self,
                      AuSecretKind   kind,
                      const char    *origin,
                      const char    *value,
                      int            code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (store (self, kind, origin, value, &error));
  g_assert_error (error, AU_SECRET_ERROR, code);
  if (value != NULL && *value != '\0')
    g_assert_null (strstr (error->message, value));
}

/* Refused before the Secret Service is asked, so it needs no bus. */
static void
test_store_refuses (void)
{
  g_autoptr(AuSecretStore) self = au_secret_store_new (AU_SECRET_COLLECTION_SESSION);
  g_autofree char *too_long = g_strnfill (AU_SECRET_MAX_LENGTH + 1, 'z');
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  assert_store_refused (self, AU_SECRET_KIND_API_TOKEN, NULL, "", AU_SECRET_ERROR_INVALID_VALUE);
  assert_store_refused (self, AU_SECRET_KIND_API_TOKEN, NULL, "tok\nen",
                        AU_SECRET_ERROR_INVALID_VALUE);
  assert_store_refused (self, AU_SECRET_KIND_API_TOKEN, NULL, too_long,
                        AU_SECRET_ERROR_INVALID_VALUE);
  assert_store_refused (self, AU_SECRET_KIND_API_TOKEN, "https://h:443/path", "tok-1",
                        AU_SECRET_ERROR_INVALID_ORIGIN);
  assert_store_refused (self, AU_SECRET_KIND_API_TOKEN, "https://u:p@h:443", "tok-1",
                        AU_SECRET_ERROR_INVALID_ORIGIN);
  assert_store_refused (self, (AuSecretKind) AU_SECRET_N_KINDS, NULL, "tok-1",
                        AU_SECRET_ERROR_INVALID_KIND);

  au_secret_store_lookup_async (self, AU_SECRET_KIND_API_TOKEN, "mailto:x", NULL, on_result,
                                &result);
  g_assert_null (au_secret_store_lookup_finish (self, wait_for (&result), &error));
  g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_ORIGIN);
}

/* No session bus at all: a clear error, no crash, no hang. */
static void
test_no_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(AuSecretStore) self = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/au-no-bus", TRUE);
      g_unsetenv ("DISPLAY");
      self = au_secret_store_new (AU_SECRET_COLLECTION_SESSION);
      g_assert_false (store (self, AU_SECRET_KIND_API_TOKEN, NULL, "tok-nobus", &error));
      g_assert_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_NO_SERVICE);
      g_assert_nonnull (strstr (error->message, "No Secret Service is reachable"));
      g_assert_null (strstr (error->message, "tok-nobus"));
      return;
    }
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/kind/names", test_kind_names);
  g_test_add_func ("/secrets/origin/normalized", test_origin_normalized);
  g_test_add_func ("/secrets/origin/credentials", test_origin_credentials);
  g_test_add_func ("/secrets/value/validated", test_value_validated);
  g_test_add_func ("/secrets/store/refuses", test_store_refuses);
  g_test_add_func ("/secrets/store/round-trip", test_store_round_trip);
  g_test_add_func ("/secrets/store/no-service", test_no_service);

  return g_test_run ();
}

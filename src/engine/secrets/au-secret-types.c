/* au-secret-types.c: secret kinds, origins and values, validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-secret"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "au-secret-types.h"

G_DEFINE_QUARK (au-secret-error-quark, au_secret_error)

static const char *kind_names[AU_SECRET_N_KINDS] = {
  [AU_SECRET_KIND_LLM_API_KEY] = "llm-api-key",
  [AU_SECRET_KIND_API_TOKEN] = "api-token",
  [AU_SECRET_KIND_WEBHOOK_SECRET] = "webhook-secret",
};

/**
 * au_secret_kind_to_string:
 * @kind: a secret kind
 *
 * Returns: the name stored in the schema's "kind" attribute, e.g. "llm-api-key"
 */
const char *
au_secret_kind_to_string (AuSecretKind kind)
{
  g_return_val_if_fail ((guint) kind < AU_SECRET_N_KINDS, NULL);

  return kind_names[kind];
}

/**
 * au_secret_kind_from_string:
 * @text: a kind's name
 * @kind: (out): the kind
 * @error: return location for an error
 *
 * An unknown kind is an error that lists the known ones (D4).
 *
 * Returns: %TRUE when @text names a kind the product knows
 */
gboolean
au_secret_kind_from_string (const char    *text,
                            AuSecretKind  *kind,
                            GError       **error)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < AU_SECRET_N_KINDS; i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (AuSecretKind) i;
        return TRUE;
      }

  g_set_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_KIND,
               "kind: “%s” is not a kind of secret the autopilot knows "
               "(llm-api-key, api-token, webhook-secret)", text != NULL ? text : "");
  return FALSE;
}

/* The ports a browser would assume; any other scheme must say its port. */
static int
default_port (const char *scheme)
{
  if (strcmp (scheme, "https") == 0 || strcmp (scheme, "wss") == 0)
    return 443;
  if (strcmp (scheme, "http") == 0 || strcmp (scheme, "ws") == 0)
    return 80;
  return -1;
}

/* Always NULL, so that a check can return it. */
static char *
invalid_origin (GError     **error,
                const char  *origin,
                const char  *why)
{
  g_set_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_ORIGIN,
               "origin: “%s” %s; an origin is scheme://host:port, "
               "e.g. https://api.example.com:443", origin, why);
  return NULL;
}

/**
 * au_secret_origin_normalize:
 * @origin: where a secret may be sent, scheme://host:port
 * @error: return location for an error
 *
 * Checks an origin and writes it one way, so that the same place is always
 * the same attribute: scheme and host in lower case, the port always
 * written (https and wss default to 443, http and ws to 80), IPv6 hosts in
 * brackets. A path (other than a lone "/"), a query, a fragment or
 * credentials (user:password@) are refused: a secret's origin must never
 * itself hold a secret.
 *
 * Returns: (transfer full): the normalized origin, or %NULL with @error set
 */
char *
au_secret_origin_normalize (const char  *origin,
                            GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*origin == '\0')
    return invalid_origin (error, origin, "is empty");
  if (!g_utf8_validate (origin, -1, NULL))
    return invalid_origin (error, "…", "is not UTF-8 text");
  /* Anything that looks like credentials is refused before parsing, so
   * that not even an error message repeats them. */
  if (strchr (origin, '@') != NULL)
    {
      g_set_error_literal (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_ORIGIN,
                           "origin: credentials (user:password@) are not allowed in an origin; "
                           "an origin is scheme://host:port, e.g. https://api.example.com:443");
      return NULL;
    }

  uri = g_uri_parse (origin, G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return invalid_origin (error, origin, "is not scheme://host:port");

  path = g_uri_get_path (uri);
  if (*path != '\0' && strcmp (path, "/") != 0)
    return invalid_origin (error, origin, "has a path");
  if (g_uri_get_query (uri) != NULL)
    return invalid_origin (error, origin, "has a query");
  if (g_uri_get_fragment (uri) != NULL)
    return invalid_origin (error, origin, "has a fragment");

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if (port == -1)
    port = default_port (scheme);
  if (port <= 0 || port > 65535)
    return invalid_origin (error, origin, "has no port");

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%d", scheme, host, port);
  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

/**
 * au_secret_value_validate:
 * @value: a secret's value
 * @error: return location for an error
 *
 * A value is one line of UTF-8 text, neither empty nor longer than
 * %AU_SECRET_MAX_LENGTH bytes. The error never repeats the value.
 *
 * Returns: %TRUE when @value may be stored
 */
gboolean
au_secret_value_validate (const char  *value,
                          GError     **error)
{
  gsize length;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL || *value == '\0')
    {
      g_set_error_literal (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                           "value: an empty secret is not stored");
      return FALSE;
    }
  length = strlen (value);
  if (length > AU_SECRET_MAX_LENGTH)
    {
      g_set_error (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                   "value: %" G_GSIZE_FORMAT " bytes is longer than the %d a secret may have",
                   length, AU_SECRET_MAX_LENGTH);
      return FALSE;
    }
  if (!g_utf8_validate (value, (gssize) length, NULL))
    {
      g_set_error_literal (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                           "value: a secret must be UTF-8 text");
      return FALSE;
    }
  if (strpbrk (value, "\r\n") != NULL)
    {
      g_set_error_literal (error, AU_SECRET_ERROR, AU_SECRET_ERROR_INVALID_VALUE,
                           "value: a secret must be one line");
      return FALSE;
    }
  return TRUE;
}

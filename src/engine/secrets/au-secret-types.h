/* au-secret-types.h: what a secret is for and where it may go (decisions D3, D4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AU_SECRET_ERROR (au_secret_error_quark ())

typedef enum
{
  AU_SECRET_ERROR_INVALID_KIND,    /* not one of the kinds the product knows */
  AU_SECRET_ERROR_INVALID_ORIGIN,  /* not scheme://host:port */
  AU_SECRET_ERROR_INVALID_VALUE,   /* empty, too long or not one line */
  AU_SECRET_ERROR_NO_SERVICE,      /* no D-Bus session or no Secret Service on it */
  AU_SECRET_ERROR_FAILED,          /* the Secret Service refused (locked, dismissed prompt …) */
} AuSecretError;

GQuark au_secret_error_quark (void);

/* The kinds of secret the product knows; the schema's "kind" attribute
 * holds their names (llm-api-key, api-token, webhook-secret). */
typedef enum
{
  AU_SECRET_KIND_LLM_API_KEY,
  AU_SECRET_KIND_API_TOKEN,
  AU_SECRET_KIND_WEBHOOK_SECRET,
} AuSecretKind;

#define AU_SECRET_N_KINDS 3

/* A value longer than this is refused: no key or token comes near it, and
 * a pasted file would. */
#define AU_SECRET_MAX_LENGTH 8192

const char *au_secret_kind_to_string   (AuSecretKind   kind);
gboolean    au_secret_kind_from_string (const char    *text,
                                        AuSecretKind  *kind,
                                        GError       **error);

char       *au_secret_origin_normalize (const char    *origin,
                                        GError       **error);
gboolean    au_secret_value_validate   (const char    *value,
                                        GError       **error);

G_END_DECLS

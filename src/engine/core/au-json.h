/* au-json.h: canonical JSON and redaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One byte sequence per value: object members sorted by key, no white
 * space, numbers in their shortest round-trip form. It is what the audit
 * chain hashes, so it must never depend on the order members were added. */
char     *au_json_to_canonical   (JsonNode    *node);

/* A deep copy of @node in which the value of every member whose name
 * contains "password", "secret", "token" or "key" (any case) is replaced
 * by "[redacted]" (decisions D3). */
JsonNode *au_json_redact         (JsonNode    *node);
gboolean  au_json_key_is_secret  (const char  *member_name);

/* Number formatting shared by every JSON writer of the product: the
 * shortest text that reads back to the same double, in the C locale. */
void      au_json_append_double  (GString     *out,
                                  double       value);

G_END_DECLS

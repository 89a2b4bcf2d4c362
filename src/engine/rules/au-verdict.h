/* au-verdict.h: the rules engine's answer to one proposal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Research §7: any violation rejects; warnings alone still approve. */
typedef enum
{
  AU_VERDICT_APPROVED,
  AU_VERDICT_WARNING,
  AU_VERDICT_REJECTED,
} AuVerdictStatus;

const char *au_verdict_status_to_string (AuVerdictStatus status);

/* One violated or warned rule, with the numbers it compared when it
 * compared numbers (fractions as fractions, money in dollars). */
typedef struct
{
  char     *rule;       /* "R0.3", exactly as D2.22 lists it */
  char     *message;    /* plain language */
  gboolean  has_numbers;
  double    value;
  double    limit;
} AuFinding;

typedef struct _AuVerdict AuVerdict;

#define AU_TYPE_VERDICT (au_verdict_get_type ())

GType            au_verdict_get_type          (void) G_GNUC_CONST;

AuVerdict       *au_verdict_new               (void);
AuVerdict       *au_verdict_ref               (AuVerdict        *self);
void             au_verdict_unref             (AuVerdict        *self);

void             au_verdict_add_violation     (AuVerdict        *self,
                                               const char       *rule,
                                               const char       *format,
                                               ...) G_GNUC_PRINTF (3, 4);
void             au_verdict_add_violation_numbers (AuVerdict    *self,
                                                   const char   *rule,
                                                   double        value,
                                                   double        limit,
                                                   const char   *format,
                                                   ...) G_GNUC_PRINTF (5, 6);
void             au_verdict_add_warning       (AuVerdict        *self,
                                               const char       *rule,
                                               const char       *format,
                                               ...) G_GNUC_PRINTF (3, 4);
void             au_verdict_add_warning_numbers (AuVerdict      *self,
                                                 const char     *rule,
                                                 double          value,
                                                 double          limit,
                                                 const char     *format,
                                                 ...) G_GNUC_PRINTF (5, 6);
/* Records that @rule was applied, whatever its outcome (audit "rules"). */
void             au_verdict_note_rule         (AuVerdict        *self,
                                               const char       *rule);

AuVerdictStatus  au_verdict_get_status        (AuVerdict        *self);
gboolean         au_verdict_is_approved       (AuVerdict        *self);
guint            au_verdict_get_n_violations  (AuVerdict        *self);
const AuFinding *au_verdict_get_violation     (AuVerdict        *self,
                                               guint             index);
guint            au_verdict_get_n_warnings    (AuVerdict        *self);
const AuFinding *au_verdict_get_warning       (AuVerdict        *self,
                                               guint             index);
gboolean         au_verdict_has_violation     (AuVerdict        *self,
                                               const char       *rule);
gboolean         au_verdict_has_warning       (AuVerdict        *self,
                                               const char       *rule);
/* Every rule applied, in the order first applied, NULL-terminated (owned by @self). */
const char * const *au_verdict_get_rules      (AuVerdict        *self);

/* [{"rule", "message", "value", "limit"}, ...] */
JsonNode        *au_verdict_violations_to_json (AuVerdict       *self);
JsonNode        *au_verdict_warnings_to_json  (AuVerdict        *self);
/* {"approved", "status", "constitution", "violations", "warnings"} */
JsonNode        *au_verdict_to_json           (AuVerdict        *self,
                                               const char       *constitution_sha256);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuVerdict, au_verdict_unref)

G_END_DECLS

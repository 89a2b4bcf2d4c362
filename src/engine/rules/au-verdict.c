/* au-verdict.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-verdict"

#include "config.h"

#include <math.h>

#include "au-verdict.h"

struct _AuVerdict
{
  gatomicrefcount  ref_count;
  GArray          *violations;  /* AuFinding */
  GArray          *warnings;    /* AuFinding */
  GPtrArray       *rules;       /* NULL-terminated, unique */
};

G_DEFINE_BOXED_TYPE (AuVerdict, au_verdict, au_verdict_ref, au_verdict_unref)

static const char *status_names[] = { "APPROVED", "WARNING", "REJECTED" };

const char *
au_verdict_status_to_string (AuVerdictStatus status)
{
  g_return_val_if_fail (status <= AU_VERDICT_REJECTED, NULL);
  return status_names[status];
}

static void
finding_clear (gpointer data)
{
  AuFinding *finding = data;

  g_clear_pointer (&finding->rule, g_free);
  g_clear_pointer (&finding->message, g_free);
}

AuVerdict *
au_verdict_new (void)
{
  AuVerdict *self = g_new0 (AuVerdict, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->violations = g_array_new (FALSE, TRUE, sizeof (AuFinding));
  self->warnings = g_array_new (FALSE, TRUE, sizeof (AuFinding));
  g_array_set_clear_func (self->violations, finding_clear);
  g_array_set_clear_func (self->warnings, finding_clear);
  self->rules = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  return self;
}

AuVerdict *
au_verdict_ref (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
au_verdict_unref (AuVerdict *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->violations, g_array_unref);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_free (self);
}

void
au_verdict_note_rule (AuVerdict  *self,
                      const char *rule)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rule != NULL);

  for (guint i = 0; i < self->rules->len; i++)
    if (g_str_equal (g_ptr_array_index (self->rules, i), rule))
      return;
  g_ptr_array_add (self->rules, g_strdup (rule));
}

static void
add_finding (AuVerdict  *self,
             GArray     *array,
             const char *rule,
             gboolean    has_numbers,
             double      value,
             double      limit,
             const char *format,
             va_list     args)
{
  AuFinding finding = { 0 };

  finding.rule = g_strdup (rule);
  finding.message = g_strdup_vprintf (format, args);
  finding.has_numbers = has_numbers;
  finding.value = value;
  finding.limit = limit;
  g_array_append_val (array, finding);
  au_verdict_note_rule (self, rule);
}

void
au_verdict_add_violation (AuVerdict  *self,
                          const char *rule,
                          const char *format,
                          ...)
{
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rule != NULL && format != NULL);

  va_start (args, format);
  add_finding (self, self->violations, rule, FALSE, 0, 0, format, args);
  va_end (args);
}

void
au_verdict_add_violation_numbers (AuVerdict  *self,
                                  const char *rule,
                                  double      value,
                                  double      limit,
                                  const char *format,
                                  ...)
{
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rule != NULL && format != NULL);

  va_start (args, format);
  add_finding (self, self->violations, rule, TRUE, value, limit, format, args);
  va_end (args);
}

void
au_verdict_add_warning (AuVerdict  *self,
                        const char *rule,
                        const char *format,
                        ...)
{
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rule != NULL && format != NULL);

  va_start (args, format);
  add_finding (self, self->warnings, rule, FALSE, 0, 0, format, args);
  va_end (args);
}

void
au_verdict_add_warning_numbers (AuVerdict  *self,
                                const char *rule,
                                double      value,
                                double      limit,
                                const char *format,
                                ...)
{
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rule != NULL && format != NULL);

  va_start (args, format);
  add_finding (self, self->warnings, rule, TRUE, value, limit, format, args);
  va_end (args);
}

AuVerdictStatus
au_verdict_get_status (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, AU_VERDICT_REJECTED);

  if (self->violations->len > 0)
    return AU_VERDICT_REJECTED;
  if (self->warnings->len > 0)
    return AU_VERDICT_WARNING;
  return AU_VERDICT_APPROVED;
}

gboolean
au_verdict_is_approved (AuVerdict *self)
{
  return au_verdict_get_status (self) != AU_VERDICT_REJECTED;
}

guint
au_verdict_get_n_violations (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->violations->len;
}

const AuFinding *
au_verdict_get_violation (AuVerdict *self,
                          guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->violations->len, NULL);
  return &g_array_index (self->violations, AuFinding, index);
}

guint
au_verdict_get_n_warnings (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->warnings->len;
}

const AuFinding *
au_verdict_get_warning (AuVerdict *self,
                        guint      index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);
  return &g_array_index (self->warnings, AuFinding, index);
}

static gboolean
array_has_rule (GArray     *array,
                const char *rule)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_array_index (array, AuFinding, i).rule, rule) == 0)
      return TRUE;
  return FALSE;
}

gboolean
au_verdict_has_violation (AuVerdict  *self,
                          const char *rule)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return array_has_rule (self->violations, rule);
}

gboolean
au_verdict_has_warning (AuVerdict  *self,
                        const char *rule)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return array_has_rule (self->warnings, rule);
}

const char * const *
au_verdict_get_rules (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->rules->pdata;
}

/* Numbers are rounded to 10 significant digits so that 0.25000000000000006
 * reads as the 0.25 it stands for. */
static double
tidy (double value)
{
  g_autofree char *text = g_strdup_printf ("%.10g", value);

  return g_ascii_strtod (text, NULL);
}

static JsonNode *
findings_to_json (GArray *array)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < array->len; i++)
    {
      const AuFinding *finding = &g_array_index (array, AuFinding, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, finding->rule);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      if (finding->has_numbers && isfinite (finding->value) && isfinite (finding->limit))
        {
          json_builder_set_member_name (builder, "value");
          json_builder_add_double_value (builder, tidy (finding->value));
          json_builder_set_member_name (builder, "limit");
          json_builder_add_double_value (builder, tidy (finding->limit));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

JsonNode *
au_verdict_violations_to_json (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return findings_to_json (self->violations);
}

JsonNode *
au_verdict_warnings_to_json (AuVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return findings_to_json (self->warnings);
}

JsonNode *
au_verdict_to_json (AuVerdict  *self,
                    const char *constitution_sha256)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  AuVerdictStatus status;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (constitution_sha256 != NULL, NULL);

  status = au_verdict_get_status (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "approved");
  json_builder_add_boolean_value (builder, status != AU_VERDICT_REJECTED);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, au_verdict_status_to_string (status));
  json_builder_set_member_name (builder, "constitution");
  json_builder_add_string_value (builder, constitution_sha256);
  json_builder_set_member_name (builder, "violations");
  json_builder_add_value (builder, findings_to_json (self->violations));
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_value (builder, findings_to_json (self->warnings));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

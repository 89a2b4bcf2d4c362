/* rules-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rules-test"

#include "config.h"

#include "rules-test-util.h"

const char *rules_test_sample =
  "{\"account\": \"gen\", \"action\": \"open\", \"strategy\": \"csp\", \"symbol\": \"AAPL\","
  " \"right\": \"P\", \"strike\": 200.0, \"expiry\": \"2026-11-20\", \"delta\": -0.42,"
  " \"contracts\": 1, \"limit\": 1.12, \"time\": \"2026-11-19T10:15:00-05:00\","
  " \"quote\": {\"bid\": 1.10, \"ask\": 1.14, \"open_interest\": 1200, \"volume\": 450,"
  "            \"avg_daily_volume\": 900},"
  " \"account_state\": {\"equity\": 120000.00, \"cash\": 120000.00, \"margin_used\": 0.00,"
  "                   \"symbol_exposure\": {\"AAPL\": 0.00}, \"shares_held\": {\"AAPL\": 0},"
  "                   \"high_water_mark\": 120000.00},"
  " \"market\": {\"spot\": 205.00, \"atr5\": 4.00, \"vix\": 18.5, \"earnings_this_week\": false}}";

AuConstitution *
rules_test_constitution (void)
{
  static AuConstitution *constitution;

  if (constitution == NULL)
    {
      g_autoptr(GError) error = NULL;

      constitution = au_constitution_new_default (&error);
      g_assert_no_error (error);
    }
  return constitution;
}

static void
apply_edit (JsonNode   *root,
            const char *path,
            const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (root);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = json_object_get_member (object, parts[i]);

      if (child == NULL)
        {
          json_object_set_object_member (object, parts[i], json_object_new ());
          child = json_object_get_member (object, parts[i]);
        }
      g_assert_true (JSON_NODE_HOLDS_OBJECT (child));
      object = json_node_get_object (child);
    }
  if (value == NULL)
    json_object_remove_member (object, parts[n - 1]);
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *parsed = json_from_string (value, &error);

      g_assert_no_error (error);
      json_object_set_member (object, parts[n - 1], parsed);
    }
}

JsonNode *
rules_test_node_valist (const char *json,
                        va_list     edits)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (json != NULL ? json : rules_test_sample, &error);
  const char *path;

  g_assert_no_error (error);
  while ((path = va_arg (edits, const char *)) != NULL)
    apply_edit (root, path, va_arg (edits, const char *));
  return root;
}

JsonNode *
rules_test_node (const char *json,
                 ...)
{
  JsonNode *node;
  va_list edits;

  va_start (edits, json);
  node = rules_test_node_valist (json, edits);
  va_end (edits);
  return node;
}

char *
rules_test_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static AuVerdict *
judge_node (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuProposal) proposal = au_proposal_new_from_json (node, &error);
  g_autoptr(AuRulesEngine) engine = NULL;

  g_assert_no_error (error);
  engine = au_rules_engine_new (rules_test_constitution (), NULL);
  return au_rules_engine_judge (engine, proposal);
}

AuVerdict *
rules_test_judge_json (const char *json,
                       ...)
{
  g_autoptr(JsonNode) node = NULL;
  va_list edits;

  va_start (edits, json);
  node = rules_test_node_valist (json, edits);
  va_end (edits);
  return judge_node (node);
}

AuVerdict *
rules_test_judge (const char *first_path,
                  ...)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = first_path;
  va_list edits;

  node = json_from_string (rules_test_sample, &error);
  g_assert_no_error (error);
  va_start (edits, first_path);
  while (path != NULL)
    {
      apply_edit (node, path, va_arg (edits, const char *));
      path = va_arg (edits, const char *);
    }
  va_end (edits);
  return judge_node (node);
}

static char *
describe (AuVerdict *verdict)
{
  g_autoptr(JsonNode) node = au_verdict_to_json (verdict, "-");

  return json_to_string (node, TRUE);
}

void
rules_test_assert_status (AuVerdict       *verdict,
                          AuVerdictStatus  status)
{
  if (au_verdict_get_status (verdict) != status)
    {
      g_autofree char *text = describe (verdict);

      g_error ("expected %s, got %s", au_verdict_status_to_string (status), text);
    }
}

void
rules_test_assert_violation (AuVerdict  *verdict,
                             const char *rule)
{
  if (!au_verdict_has_violation (verdict, rule))
    {
      g_autofree char *text = describe (verdict);

      g_error ("expected a violation of %s, got %s", rule, text);
    }
  g_assert_false (au_verdict_is_approved (verdict));
}

void
rules_test_assert_no_violation (AuVerdict  *verdict,
                                const char *rule)
{
  if (au_verdict_has_violation (verdict, rule))
    {
      g_autofree char *text = describe (verdict);

      g_error ("expected no violation of %s, got %s", rule, text);
    }
}

void
rules_test_assert_warning (AuVerdict  *verdict,
                           const char *rule)
{
  if (!au_verdict_has_warning (verdict, rule))
    {
      g_autofree char *text = describe (verdict);

      g_error ("expected a warning of %s, got %s", rule, text);
    }
}

void
rules_test_assert_only_violation (AuVerdict  *verdict,
                                  const char *rule)
{
  rules_test_assert_violation (verdict, rule);
  for (guint i = 0; i < au_verdict_get_n_violations (verdict); i++)
    if (g_strcmp0 (au_verdict_get_violation (verdict, i)->rule, rule) != 0)
      {
        g_autofree char *text = describe (verdict);

        g_error ("expected only violations of %s, got %s", rule, text);
      }
}

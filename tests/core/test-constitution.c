/* test-constitution.c: the constitution data file and its loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-constitution.h"

static char *
default_text (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/alluse/Autopilot/engine/constitution/v1.3.ini",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Loads the default text with one line replaced (or removed, when
 * @replacement is NULL) and returns the error. */
static GError *
load_edited (const char *line,
             const char *replacement)
{
  g_autofree char *text = default_text ();
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AuConstitution) constitution = NULL;
  GError *error = NULL;
  guint replaced;

  replaced = g_string_replace (edited, line, replacement ? replacement : "", 1);
  g_assert_cmpuint (replaced, ==, 1);
  bytes = g_bytes_new (edited->str, edited->len);
  constitution = au_constitution_new_from_bytes (bytes, "edited.ini", &error);
  g_assert_null (constitution);
  g_assert_nonnull (error);
  return error;
}

static void
test_default_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) c = au_constitution_new_default (&error);
  const AuConstitutionParams *p;
  const AuSleeveRules *gen, *rev, *com;

  g_assert_no_error (error);
  p = au_constitution_get_params (c);
  gen = au_constitution_get_sleeve (c, AU_SLEEVE_GEN);
  rev = au_constitution_get_sleeve (c, AU_SLEEVE_REV);
  com = au_constitution_get_sleeve (c, AU_SLEEVE_COM);

  g_assert_cmpstr (au_constitution_get_version (c), ==, "1.3");
  g_assert_cmpuint (strlen (au_constitution_get_sha256 (c)), ==, 64);

  /* R0.1, R0.3, R0.9, D2.1 */
  g_assert_cmpfloat (p->global.split_gen, ==, 0.40);
  g_assert_cmpfloat (p->global.split_rev, ==, 0.30);
  g_assert_cmpfloat (p->global.split_com, ==, 0.30);
  g_assert_cmpfloat (gen->symbol_cap, ==, 0.25);
  g_assert_cmpfloat (rev->symbol_cap, ==, 0.50);
  g_assert_cmpfloat (p->global.margin_cap, ==, 0.60);

  /* R1.1 cadence and D2.16 DTE */
  g_assert_cmpint (gen->entry_day, ==, AU_WEEKDAY_THURSDAY);
  g_assert_cmpint (rev->entry_day, ==, AU_WEEKDAY_WEDNESDAY);
  g_assert_cmpint (com->entry_day, ==, AU_WEEKDAY_MONDAY);
  g_assert_cmpint (gen->entry_open, ==, 9 * 60 + 45);
  g_assert_cmpint (gen->entry_close, ==, 11 * 60);
  g_assert_cmpint (gen->dte_min, ==, 0);
  g_assert_cmpint (gen->dte_max, ==, 1);
  g_assert_cmpint (rev->dte_min, ==, 2);
  g_assert_cmpint (rev->dte_max, ==, 5);
  g_assert_cmpint (com->dte_min, ==, 4);
  g_assert_cmpint (com->dte_max, ==, 5);
  g_assert_cmpfloat (gen->delta_min, ==, 0.40);
  g_assert_cmpfloat (rev->delta_max, ==, 0.35);
  g_assert_cmpfloat (com->delta_min, ==, 0.20);
  g_assert_true (au_constitution_sleeve_allows (c, AU_SLEEVE_GEN, "GOOG"));
  g_assert_false (au_constitution_sleeve_allows (c, AU_SLEEVE_GEN, "GOOGL"));
  g_assert_true (au_constitution_sleeve_allows (c, AU_SLEEVE_COM, "GOOGL"));
  g_assert_false (au_constitution_sleeve_allows (c, AU_SLEEVE_REV, "AAPL"));
  g_assert_cmpuint (g_strv_length (com->universe), ==, 7);

  /* R6, R6.9, R8, R2.6, R3.6, R3.5 */
  g_assert_cmpfloat (p->protocol.level_atr[1], ==, 1.0);
  g_assert_cmpfloat (p->protocol.level_atr[3], ==, 3.0);
  g_assert_cmpfloat (p->protocol.roll_cost_max, ==, 0.50);
  g_assert_cmpint (p->atr.period, ==, 5);
  g_assert_false (p->atr.wilder);
  g_assert_cmpfloat (p->vix.hedged_above, ==, 50);
  g_assert_cmpfloat (p->vix.safe_above, ==, 65);
  g_assert_cmpfloat (p->vix.kill_above, ==, 80);
  g_assert_cmpint (p->liquidity.min_open_interest, ==, 500);
  g_assert_cmpint (p->liquidity.min_volume, ==, 100);
  g_assert_cmpint (gen->fork_step, ==, 10000000);
  g_assert_cmpint (rev->fork_step, ==, 50000000);
  g_assert_cmpint (com->fork_step, ==, 0);
  g_assert_cmpfloat (p->reinvest.tax_reserve, ==, 0.30);
  g_assert_cmpint (p->global.monitor_seconds[0], ==, 300);
  g_assert_cmpint (p->global.monitor_seconds[2], ==, 30);
  g_assert_cmpstr (au_constitution_rule_number (c, "sub_account_cap"), ==, "R11.2");
}

static void
test_hash_is_identity (void)
{
  g_autofree char *text = default_text ();
  g_autofree char *edited = NULL;
  g_autoptr(GBytes) a = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) b = NULL;
  g_autoptr(AuConstitution) ca = au_constitution_new_from_bytes (a, "a", NULL);
  g_autoptr(AuConstitution) cb = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  g_assert_cmpstr (au_constitution_get_sha256 (ca), ==, expected);

  /* A change that keeps every value (a comment) is still a new identity. */
  edited = g_strconcat (text, "# amended\n", NULL);
  b = g_bytes_new (edited, strlen (edited));
  cb = au_constitution_new_from_bytes (b, "b", NULL);
  g_assert_nonnull (cb);
  g_assert_cmpstr (au_constitution_get_sha256 (ca), !=, au_constitution_get_sha256 (cb));
}

static void
test_errors_name_key_and_line (void)
{
  struct {
    const char *line;
    const char *replacement;
    int code;
    const char *must_contain;
  } cases[] = {
    { "split_com=0.30\n", "split_com=0.35\n", AU_CONSTITUTION_ERROR_INCONSISTENT, "[global] split_com: the splits sum to 1.0500" },
    { "delta_max=0.45\n", "delta_max=0.35\n", AU_CONSTITUTION_ERROR_INCONSISTENT, "[sleeve.gen] delta_max" },
    { "delta_min=0.40\n", "delta_min=forty\n", AU_CONSTITUTION_ERROR_TYPE, "[sleeve.gen] delta_min: “forty” is not a number" },
    { "margin_cap=0.60\n", "margin_cap=1.60\n", AU_CONSTITUTION_ERROR_RANGE, "[global] margin_cap" },
    { "margin_cap=0.60\n", "margn_cap=0.60\n", AU_CONSTITUTION_ERROR_UNKNOWN_KEY, "[global] margn_cap: unknown key" },
    { "kill_above=80\n", "kill_above=60\n", AU_CONSTITUTION_ERROR_INCONSISTENT, "[vix] kill_above" },
    { "entry_day=thu\n", "entry_day=thursdai\n", AU_CONSTITUTION_ERROR_TYPE, "[sleeve.gen] entry_day" },
    { "entry_open=09:45\n", "entry_open=9.45\n", AU_CONSTITUTION_ERROR_TYPE, "entry_open: “9.45” is not a time" },
    { "fork_step=100000.00\n", "fork_step=100000.001\n", AU_CONSTITUTION_ERROR_TYPE, "[sleeve.gen] fork_step" },
    { "universe=NVDA;TSLA\n", "universe=nvda\n", AU_CONSTITUTION_ERROR_TYPE, "[sleeve.rev] universe" },
    { "l2_atr=2.0\n", "l2_atr=3.5\n", AU_CONSTITUTION_ERROR_INCONSISTENT, "[protocol] l3_atr" },
    { "method=sma\n", "method=ema\n", AU_CONSTITUTION_ERROR_TYPE, "[atr] method" },
    { "min_volume=100\n", NULL, AU_CONSTITUTION_ERROR_MISSING, "required key “min_volume” is missing" },
    { "[leap]\n", "[leep]\n", AU_CONSTITUTION_ERROR_UNKNOWN_KEY, "[leep]" },
    { "leap_share=0.25\n", "leap_share=0.35\n", AU_CONSTITUTION_ERROR_INCONSISTENT, "[reinvest] leap_share" },
    { "sub_account_cap=R11.2\n", "sub_account_cap=eleven\n", AU_CONSTITUTION_ERROR_TYPE, "[rules] sub_account_cap" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = load_edited (cases[i].line, cases[i].replacement);

      g_test_message ("case %u: %s", i, error->message);
      g_assert_error (error, AU_CONSTITUTION_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].must_contain));
      /* Every error names the file and, where the key exists, its line. */
      g_assert_true (g_str_has_prefix (error->message, "edited.ini"));
      if (cases[i].replacement != NULL && cases[i].code != AU_CONSTITUTION_ERROR_UNKNOWN_KEY)
        g_assert_true (g_str_has_prefix (error->message, "edited.ini:"));
    }
}

static void
test_error_line_number (void)
{
  g_autofree char *text = default_text ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GError) error = load_edited ("margin_cap=0.60\n", "margin_cap=2\n");
  g_autofree char *expected = NULL;
  guint line = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (lines[i], "margin_cap=0.60"))
      line = i + 1;
  g_assert_cmpuint (line, >, 0);
  expected = g_strdup_printf ("edited.ini:%u: [global] margin_cap:", line);
  g_assert_true (g_str_has_prefix (error->message, expected));
}

static void
test_not_a_file (void)
{
  const char *inputs[] = { "", "not a key file at all", "[meta]\nversion=1.3\n", "\xff\xfe binary" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(AuConstitution) c = au_constitution_new_from_bytes (bytes, "broken.ini", &error);

      g_assert_null (c);
      g_assert_error (error, AU_CONSTITUTION_ERROR, ((i == 3 || i == 1) ? AU_CONSTITUTION_ERROR_SYNTAX : AU_CONSTITUTION_ERROR_MISSING));
    }
}

static void
test_source_file_matches_resource (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "constitution", "v1.3.ini", NULL);
  g_autofree char *text = default_text ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuConstitution) c = au_constitution_new_from_file (path, &error);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  g_assert_no_error (error);
  g_assert_cmpstr (au_constitution_get_sha256 (c), ==, sha);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Constitution/default-values", test_default_values);
  g_test_add_func ("/Constitution/hash-is-identity", test_hash_is_identity);
  g_test_add_func ("/Constitution/errors-name-key-and-line", test_errors_name_key_and_line);
  g_test_add_func ("/Constitution/error-line-number", test_error_line_number);
  g_test_add_func ("/Constitution/not-a-file", test_not_a_file);
  g_test_add_func ("/Constitution/source-file-matches-resource", test_source_file_matches_resource);
  return g_test_run ();
}

/* test-json.c: canonical JSON and redaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-json.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_canonical (void)
{
  g_autoptr(JsonNode) a = parse ("{\"b\": 1, \"a\": [true, null, 1.5, \"x\\\"y\"], \"c\": {\"z\": 0.1, \"y\": -2}}");
  g_autoptr(JsonNode) b = parse ("{\"c\": {\"y\": -2, \"z\": 0.1}, \"a\": [true, null, 1.5, \"x\\\"y\"], \"b\": 1}");
  g_autofree char *ca = au_json_to_canonical (a);
  g_autofree char *cb = au_json_to_canonical (b);

  g_assert_cmpstr (ca, ==, "{\"a\":[true,null,1.5,\"x\\\"y\"],\"b\":1,\"c\":{\"y\":-2,\"z\":0.1}}");
  g_assert_cmpstr (ca, ==, cb);
}

static void
test_redact (void)
{
  g_autoptr(JsonNode) node = parse ("{\"api_key\": \"sk-1\", \"Password\": \"p\", \"nested\": "
                                    "[{\"AuthToken\": 5, \"symbol\": \"AAPL\"}], \"client_secret\": {\"x\": 1}}");
  g_autoptr(JsonNode) redacted = au_json_redact (node);
  g_autofree char *text = au_json_to_canonical (redacted);

  g_assert_cmpstr (text, ==,
                   "{\"Password\":\"[redacted]\",\"api_key\":\"[redacted]\","
                   "\"client_secret\":\"[redacted]\","
                   "\"nested\":[{\"AuthToken\":\"[redacted]\",\"symbol\":\"AAPL\"}]}");
  g_assert_false (au_json_key_is_secret ("symbol"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Json/canonical", test_canonical);
  g_test_add_func ("/Json/redact", test_redact);
  return g_test_run ();
}

/* test-ib-fields.c: TWS API field reader and writer (tws-protocol.md §2.4, §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "au-ib-fields.h"

/* A reader over one field: @text + NUL, in a buffer the test owns. */
typedef struct
{
  char       buf[128];
  AuIbReader reader;
} One;

static AuIbReader *
one_field (One        *one,
           const char *text)
{
  gsize len = strlen (text);

  g_assert_cmpuint (len + 1, <=, sizeof one->buf);
  memcpy (one->buf, text, len + 1);
  g_assert_true (au_ib_reader_init (&one->reader, one->buf, len + 1, NULL));
  au_ib_reader_set_message (&one->reader, 1, "TICK_PRICE");
  return &one->reader;
}

static void
test_reader_split (void)
{
  char payload[] = "a\0\0b";   /* + the literal's NUL: 3 fields a, "", b */
  AuIbReader reader;
  const char *s = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_reader_init (&reader, payload, sizeof payload, &error));
  g_assert_cmpuint (au_ib_reader_remaining (&reader), ==, 3);
  g_assert_true (au_ib_read_string (&reader, "first", &s, &error));
  g_assert_cmpstr (s, ==, "a");
  g_assert_true (au_ib_read_string (&reader, "second", &s, &error));
  g_assert_cmpstr (s, ==, "");
  g_assert_true (au_ib_read_string (&reader, "third", &s, &error));
  g_assert_cmpstr (s, ==, "b");
  g_assert_true (au_ib_reader_at_end (&reader));
  g_assert_true (au_ib_reader_expect_end (&reader, &error));

  /* One more field than there is: named, not a crash. */
  au_ib_reader_set_message (&reader, 9, "NEXT_VALID_ID");
  g_assert_false (au_ib_read_string (&reader, "orderId", &s, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "NEXT_VALID_ID (9)"));
  g_assert_nonnull (strstr (error->message, "field 3 'orderId'"));
}

static void
test_reader_unterminated (void)
{
  char payload[] = { '9', 0, '1', 0, '1' };   /* the last field lacks its NUL */
  AuIbReader reader;
  g_autoptr(GError) error = NULL;

  g_assert_false (au_ib_reader_init (&reader, payload, sizeof payload, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_UNTERMINATED);

  /* An empty payload is zero fields, not an error. */
  g_assert_true (au_ib_reader_init (&reader, payload, 0, NULL));
  g_assert_true (au_ib_reader_at_end (&reader));
}

static void
test_reader_extra (void)
{
  char payload[] = "1\0" "2";
  AuIbReader reader;
  int v = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_reader_init (&reader, payload, sizeof payload, NULL));
  g_assert_true (au_ib_read_int (&reader, "a", &v, NULL));
  g_assert_false (au_ib_reader_expect_end (&reader, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_EXTRA_FIELDS);
}

static void
test_int (void)
{
  static const struct { const char *text; int value; } good[] = {
    { "", 0 }, { "0", 0 }, { "42", 42 }, { "-1", -1 }, { "+7", 7 },
    { "2147483647", G_MAXINT }, { "-2147483648", G_MININT },
  };
  static const char * const bad[] = {
    "2147483648", "-2147483649", "1.0", "abc", " 1", "1 ", "0x10", "-", "1e3", "١",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      One one;
      int v = -99;

      g_assert_true (au_ib_read_int (one_field (&one, good[i].text), "tickType", &v, NULL));
      g_assert_cmpint (v, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      One one;
      int v = -99;
      g_autoptr(GError) error = NULL;

      g_assert_false (au_ib_read_int (one_field (&one, bad[i]), "tickType", &v, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "TICK_PRICE (1): field 0 'tickType'"));
      g_assert_cmpint (v, ==, -99);
    }
}

static void
test_int_max (void)
{
  One one;
  int v = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_read_int_max (one_field (&one, ""), "minQty", &v, NULL));
  g_assert_cmpint (v, ==, AU_IB_UNSET_INT);
  g_assert_true (au_ib_read_int_max (one_field (&one, "2147483647"), "minQty", &v, NULL));
  g_assert_cmpint (v, ==, AU_IB_UNSET_INT);
  g_assert_true (au_ib_read_int_max (one_field (&one, "2147483646"), "minQty", &v, NULL));
  g_assert_cmpint (v, ==, 2147483646);
  g_assert_false (au_ib_read_int_max (one_field (&one, "x"), "minQty", &v, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
}

static void
test_long (void)
{
  One one;
  gint64 v = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_read_long (one_field (&one, "1745609034"), "time", &v, NULL));
  g_assert_cmpint (v, ==, 1745609034);
  g_assert_true (au_ib_read_long (one_field (&one, "9223372036854775807"), "permId", &v, NULL));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_true (au_ib_read_long (one_field (&one, ""), "permId", &v, NULL));
  g_assert_cmpint (v, ==, 0);
  g_assert_false (au_ib_read_long (one_field (&one, "9223372036854775808"), "permId", &v, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
}

static void
test_double (void)
{
  static const struct { const char *text; double value; } good[] = {
    { "", 0.0 }, { "185.5", 185.5 }, { "0.01", 0.01 }, { "1.0E-4", 1.0e-4 }, { "1e-05", 1e-05 },
    { "200.0", 200.0 }, { "-1", -1.0 }, { "2.35", 2.35 },
    { "1.7976931348623157E308", DBL_MAX }, { "1.797693135e+308", DBL_MAX },
  };
  static const char * const bad[] = {
    "1,5", "0x10", "abc", "1e400", "1.2.3x", " 2", "--", ".", "e5", "12 ",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      One one;
      double v = -99;

      g_assert_true (au_ib_read_double (one_field (&one, good[i].text), "price", &v, NULL));
      g_assert_cmpfloat (v, ==, good[i].value);
    }
  {
    One one;
    double v = 0;

    g_assert_true (au_ib_read_double (one_field (&one, "Infinity"), "price", &v, NULL));
    g_assert_true (isinf (v) && v > 0);
    g_assert_true (au_ib_read_double (one_field (&one, "-Infinity"), "price", &v, NULL));
    g_assert_true (isinf (v) && v < 0);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      One one;
      double v = -99;
      g_autoptr(GError) error = NULL;

      g_assert_false (au_ib_read_double (one_field (&one, bad[i]), "price", &v, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "'price'"));
      g_assert_cmpfloat (v, ==, -99);
    }
}

static void
test_double_max (void)
{
  static const char * const unset[] = {
    "", "1.7976931348623157E308", "1.7976931348623157e+308", "1.797693135e+308",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (unset); i++)
    {
      One one;
      double v = 0;

      g_assert_true (au_ib_read_double_max (one_field (&one, unset[i]), "lmtPrice", &v, NULL));
      g_assert_cmpfloat (v, ==, AU_IB_UNSET_DOUBLE);
    }
  {
    One one;
    double v = 0;
    g_autoptr(GError) error = NULL;

    /* Just below DBL_MAX is a value, not the sentinel. */
    g_assert_true (au_ib_read_double_max (one_field (&one, "1.7976931348623155E308"), "x", &v, NULL));
    g_assert_cmpfloat (v, <, DBL_MAX);
    g_assert_true (au_ib_read_double_max (one_field (&one, "2.35"), "lmtPrice", &v, NULL));
    g_assert_cmpfloat (v, ==, 2.35);
    g_assert_false (au_ib_read_double_max (one_field (&one, "2,35"), "lmtPrice", &v, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
  }
}

static void
test_bool (void)
{
  One one;
  gboolean v = TRUE;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_read_bool (one_field (&one, ""), "snapshot", &v, NULL));
  g_assert_false (v);
  g_assert_true (au_ib_read_bool (one_field (&one, "1"), "snapshot", &v, NULL));
  g_assert_true (v);
  g_assert_true (au_ib_read_bool (one_field (&one, "0"), "snapshot", &v, NULL));
  g_assert_false (v);
  g_assert_true (au_ib_read_bool (one_field (&one, "2"), "snapshot", &v, NULL));
  g_assert_true (v);
  g_assert_false (au_ib_read_bool (one_field (&one, "true"), "snapshot", &v, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
}

static void
test_decimal (void)
{
  static const char * const unset[] = {
    "", "2147483647", "9223372036854775807", "-9223372036854775808", "1.7976931348623157E308",
  };
  static const struct { const char *text; double value; } good[] = {
    { "1", 1 }, { "100", 100 }, { "0.5", 0.5 }, { "-1", -1 }, { "2147483646", 2147483646.0 },
    { "0.0001", 0.0001 },
  };
  static const char * const bad[] = { "abc", "1,5", "Infinity", "NaN", "1e999" };

  for (gsize i = 0; i < G_N_ELEMENTS (unset); i++)
    {
      One one;
      double v = 0;

      g_assert_true (au_ib_read_decimal (one_field (&one, unset[i]), "size", &v, NULL));
      g_assert_cmpfloat (v, ==, AU_IB_UNSET_DECIMAL);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      One one;
      double v = 0;

      g_assert_true (au_ib_read_decimal (one_field (&one, good[i].text), "size", &v, NULL));
      g_assert_cmpfloat (v, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      One one;
      double v = -99;
      g_autoptr(GError) error = NULL;

      g_assert_false (au_ib_read_decimal (one_field (&one, bad[i]), "size", &v, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
      g_assert_cmpfloat (v, ==, -99);
    }
}

static void
test_string_utf8 (void)
{
  One one;
  const char *s = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (au_ib_read_string (one_field (&one, "APPLE INC"), "longName", &s, NULL));
  g_assert_cmpstr (s, ==, "APPLE INC");
  g_assert_false (au_ib_read_string (one_field (&one, "bad \xff byte"), "longName", &s, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_unescape (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Soci\\u00e9t\\u00e9 G\\u00e9n\\u00e9rale", "Société Générale" },
    { "\\u20ac 5", "€ 5" },
    { "\\uD83D\\uDE00!", "\xF0\x9F\x98\x80!" },    /* surrogate pair → U+1F600 */
    { "lone \\uD83D end", "lone \xEF\xBF\xBD end" },  /* lone surrogate → U+FFFD */
    { "C:\\path\\u", "C:\\path\\u" },              /* not an escape: kept */
    { "\\u12G4", "\\u12G4" },
    { "\\u0000x", "\xEF\xBF\xBDx" },
    { "plain", "plain" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      One one;
      const char *s = NULL;

      g_assert_true (au_ib_read_text (one_field (&one, cases[i].in), "errorMsg", &s, NULL));
      g_assert_cmpstr (s, ==, cases[i].out);
    }
}

static char *
write_one (void (*write) (AuIbWriter *, const char *, double),
           double value)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  AuIbWriter writer;
  g_autoptr(GError) error = NULL;

  au_ib_writer_init (&writer, out);
  write (&writer, "x", value);
  g_assert_true (au_ib_writer_finish (&writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->data[out->len - 1], ==, 0);
  return g_strndup ((const char *) out->data + 4, out->len - 5);
}

static void
test_write_numbers (void)
{
  static const struct { double v; const char *text; } doubles[] = {
    { 2.35, "2.35" }, { 200.0, "200" }, { 1e-05, "1e-05" }, { 0.1 + 0.2, "0.3" },
    { -1, "-1" }, { 185.5, "185.5" }, { 1234567.891, "1234567.891" },
  };
  static const struct { double v; const char *text; } decimals[] = {
    { 1, "1" }, { 100, "100" }, { 0.5, "0.5" }, { -3, "-3" }, { 0.0001, "0.0001" }, { 0, "0" },
  };
  const char *old_locale = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old_locale);
  gboolean comma_locale = setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL
                          || setlocale (LC_NUMERIC, "fr_FR.UTF-8") != NULL;

  /* With a comma locale (when installed) the output must still use '.'. */
  for (gsize i = 0; i < G_N_ELEMENTS (doubles); i++)
    {
      g_autofree char *got = write_one (au_ib_write_double, doubles[i].v);

      g_assert_cmpstr (got, ==, doubles[i].text);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (decimals); i++)
    {
      g_autofree char *got = write_one (au_ib_write_decimal, decimals[i].v);

      g_assert_cmpstr (got, ==, decimals[i].text);
    }
  {
    g_autofree char *inf = write_one (au_ib_write_double, INFINITY);
    g_autofree char *unset = write_one (au_ib_write_double_max, AU_IB_UNSET_DOUBLE);
    g_autofree char *set = write_one (au_ib_write_double_max, 2.35);
    g_autofree char *unset_dec = write_one (au_ib_write_decimal, AU_IB_UNSET_DECIMAL);

    g_assert_cmpstr (inf, ==, "Infinity");
    g_assert_cmpstr (unset, ==, "");
    g_assert_cmpstr (set, ==, "2.35");
    g_assert_cmpstr (unset_dec, ==, "");
  }
  setlocale (LC_NUMERIC, saved);
  if (!comma_locale)
    g_test_message ("no comma locale installed: checked in the C locale only");
}

static void
test_write_ints (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  AuIbWriter writer;

  au_ib_writer_init (&writer, out);
  au_ib_write_int (&writer, "a", -1);
  au_ib_write_int_max (&writer, "b", AU_IB_UNSET_INT);
  au_ib_write_int_max (&writer, "c", 5);
  au_ib_write_long (&writer, "d", G_GINT64_CONSTANT (9000000001));
  au_ib_write_bool (&writer, "e", TRUE);
  au_ib_write_string (&writer, "f", NULL);
  g_assert_true (au_ib_writer_finish (&writer, NULL));
  g_assert_cmpmem (out->data, out->len, "\0\0\0\x14" "-1\0" "\0" "5\0" "9000000001\0" "1\0" "", 24);
}

static void
test_write_refuses (void)
{
  static const char * const refused[] = { "Soci\xc3\xa9t\xc3\xa9", "a\x01" "b", "\x7f" };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  AuIbWriter writer;
  guint kept;

  /* A good frame first: a refused one must not disturb it. */
  au_ib_writer_init (&writer, out);
  au_ib_write_string (&writer, "ok", "AAPL\ttab");
  g_assert_true (au_ib_writer_finish (&writer, NULL));
  kept = out->len;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      au_ib_writer_init (&writer, out);
      au_ib_write_int (&writer, "msgId", 3);
      au_ib_write_string (&writer, "symbol", refused[i]);
      au_ib_write_int (&writer, "after", 1);
      g_assert_false (au_ib_writer_finish (&writer, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_INVALID_STRING);
      g_assert_nonnull (strstr (error->message, "Field 1 'symbol'"));
      g_assert_cmpuint (out->len, ==, kept);
    }
  {
    g_autoptr(GError) error = NULL;

    au_ib_writer_init (&writer, out);
    au_ib_write_double (&writer, "lmtPrice", NAN);
    g_assert_false (au_ib_writer_finish (&writer, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
    g_assert_nonnull (strstr (error->message, "'lmtPrice'"));
    g_assert_cmpuint (out->len, ==, kept);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ib/fields/reader-split", test_reader_split);
  g_test_add_func ("/ib/fields/reader-unterminated", test_reader_unterminated);
  g_test_add_func ("/ib/fields/reader-extra", test_reader_extra);
  g_test_add_func ("/ib/fields/int", test_int);
  g_test_add_func ("/ib/fields/int-max", test_int_max);
  g_test_add_func ("/ib/fields/long", test_long);
  g_test_add_func ("/ib/fields/double", test_double);
  g_test_add_func ("/ib/fields/double-max", test_double_max);
  g_test_add_func ("/ib/fields/bool", test_bool);
  g_test_add_func ("/ib/fields/decimal", test_decimal);
  g_test_add_func ("/ib/fields/string-utf8", test_string_utf8);
  g_test_add_func ("/ib/fields/unescape", test_unescape);
  g_test_add_func ("/ib/fields/write-numbers", test_write_numbers);
  g_test_add_func ("/ib/fields/write-ints", test_write_ints);
  g_test_add_func ("/ib/fields/write-refuses", test_write_refuses);

  return g_test_run ();
}

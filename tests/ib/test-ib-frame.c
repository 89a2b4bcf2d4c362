/* test-ib-frame.c: TWS API handshake and framing (tws-protocol.md §2.2–§2.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-ib-frame.h"

static void
assert_bytes (GByteArray   *got,
              const guint8 *expected,
              gsize         len)
{
  g_assert_cmpmem (got->data, got->len, expected, len);
}

/* §2.2: "API\0" + 00 00 00 09 + "v100..176" */
static void
test_handshake_bytes (void)
{
  static const guint8 expected[] = {
    0x41, 0x50, 0x49, 0x00, 0x00, 0x00, 0x00, 0x09, 0x76, 0x31, 0x30, 0x30, 0x2e, 0x2e, 0x31, 0x37,
    0x36,
  };
  g_autoptr(GByteArray) out = g_byte_array_new ();

  au_ib_handshake_write (out, AU_IB_MIN_CLIENT_VERSION, AU_IB_MAX_CLIENT_VERSION, NULL);
  assert_bytes (out, expected, sizeof expected);

  g_byte_array_set_size (out, 0);
  au_ib_handshake_write (out, 100, 176, "+PACEAPI");
  g_assert_cmpmem (out->data + 4, 4, "\0\0\0\x12", 4);
  g_assert_cmpmem (out->data + 8, out->len - 8, "v100..176 +PACEAPI", 18);
}

static void
test_handshake_versions (void)
{
  static const struct { const char *text; int lo, hi; } good[] = {
    { "v100..176", 100, 176 },
    { "v100..193", 100, 193 },
    { "v157..178 +PACEAPI", 157, 178 },
    { "v176", 176, 176 },
  };
  static const char * const bad[] = {
    "", "v", "100..176", "v100..", "v100.176", "v176..100", "vabc", "v100..176x", "v1000000..1",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int lo = 0, hi = 0;

      g_assert_true (au_ib_handshake_parse_versions (good[i].text, strlen (good[i].text),
                                                     &lo, &hi, &error));
      g_assert_no_error (error);
      g_assert_cmpint (lo, ==, good[i].lo);
      g_assert_cmpint (hi, ==, good[i].hi);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int lo = -5, hi = -5;

      g_assert_false (au_ib_handshake_parse_versions (bad[i], strlen (bad[i]), &lo, &hi, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_BAD_HANDSHAKE);
      g_assert_cmpint (lo, ==, -5);
    }
}

/* §2.3: 00 00 00 1a "176\0" "20250425 15:23:54 EST\0" */
static const guint8 version_reply[] = {
  0x00, 0x00, 0x00, 0x1a, 0x31, 0x37, 0x36, 0x00, 0x32, 0x30, 0x32, 0x35, 0x30, 0x34, 0x32, 0x35,
  0x20, 0x31, 0x35, 0x3a, 0x32, 0x33, 0x3a, 0x35, 0x34, 0x20, 0x45, 0x53, 0x54, 0x00,
};

static void
test_version_reply (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
  char *payload = NULL;
  gsize len = 0;
  int version = 0;
  const char *time = NULL;

  g_assert_true (au_ib_version_reply_write (out, 176, "20250425 15:23:54 EST", &error));
  g_assert_no_error (error);
  assert_bytes (out, version_reply, sizeof version_reply);

  au_ib_frame_decoder_feed (decoder, version_reply, sizeof version_reply);
  g_assert_true (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
  g_assert_cmpuint (len, ==, 0x1a);
  g_assert_true (au_ib_version_reply_parse (payload, len, &version, &time, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 176);
  g_assert_cmpstr (time, ==, "20250425 15:23:54 EST");
}

static void
test_version_reply_refused (void)
{
  int version = 0;
  const char *time = NULL;

  /* 175 and 177 are one either side of the version we speak. */
  for (int v = 175; v <= 177; v += 2)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *payload = g_strdup_printf ("%d%c20250425 15:23:54 EST", v, 0);
      gsize len = strlen (payload) + 1 + strlen ("20250425 15:23:54 EST") + 1;

      g_assert_false (au_ib_version_reply_parse (payload, len, &version, &time, &error));
      g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_VERSION);
      g_assert_nonnull (strstr (error->message, "update"));
    }
  {
    /* A 3-field frame before the reply is not the reply: skip it. */
    g_autoptr(GError) error = NULL;
    char news[] = "14\0" "1\0" "x";

    g_assert_false (au_ib_version_reply_parse (news, sizeof news, &version, &time, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_NOT_VERSION_REPLY);
  }
  {
    g_autoptr(GError) error = NULL;
    char text[] = "abc\0" "time";

    g_assert_false (au_ib_version_reply_parse (text, sizeof text, &version, &time, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED);
  }
}

/* §2.5: the five worked frames back to back. */
static const guint8 stream[] = {
  0x00, 0x00, 0x00, 0x08, '7', '1', 0, '2', 0, '7', 0, 0,
  0x00, 0x00, 0x00, 0x05, '4', '9', 0, '1', 0,
  0x00, 0x00, 0x00, 0x10, '4', '9', 0, '1', 0, '1', '7', '4', '5', '6', '0', '9', '0', '3', '4', 0,
  0x00, 0x00, 0x00, 0x06, '9', 0, '1', 0, '1', 0,
  0x00, 0x00, 0x00, 0x00,   /* a zero-length frame */
  0x00, 0x00, 0x00, 0x36, '4', 0, '2', 0, '-', '1', 0, '2', '1', '0', '4', 0,
  'M', 'a', 'r', 'k', 'e', 't', ' ', 'd', 'a', 't', 'a', ' ', 'f', 'a', 'r', 'm', ' ',
  'c', 'o', 'n', 'n', 'e', 'c', 't', 'i', 'o', 'n', ' ', 'i', 's', ' ', 'O', 'K', ':',
  'u', 's', 'f', 'a', 'r', 'm', 0, 0,
};
static const gsize frame_lens[] = { 8, 5, 16, 6, 0, 0x36 };

/* Feeds @stream in chunks of the sizes @next_chunk picks and returns the
 * payloads joined by '|' per frame. */
static char *
decode_in_chunks (gsize (*next_chunk) (gsize remaining))
{
  g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
  GString *got = g_string_new (NULL);
  gsize pos = 0;
  guint n_frames = 0;

  while (pos < sizeof stream)
    {
      gsize want = next_chunk (sizeof stream - pos);
      gsize n = MIN (want, sizeof stream - pos);
      char *payload;
      gsize len;
      GError *error = NULL;

      au_ib_frame_decoder_feed (decoder, stream + pos, n);
      pos += n;
      while (au_ib_frame_decoder_next (decoder, &payload, &len, &error))
        {
          g_assert_cmpuint (len, ==, frame_lens[n_frames]);
          n_frames++;
          for (gsize i = 0; i < len; i++)
            g_string_append_c (got, payload[i] == '\0' ? '.' : payload[i]);
          g_string_append_c (got, '|');
        }
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n_frames, ==, G_N_ELEMENTS (frame_lens));
  return g_string_free (got, FALSE);
}

static gsize
one_byte (gsize remaining)
{
  return 1;
}

static gsize
all_at_once (gsize remaining)
{
  return remaining;
}

static gsize
random_chunk (gsize remaining)
{
  return (gsize) g_test_rand_int_range (1, 40);
}

static void
test_decoder_chunking (void)
{
  static const char *expected =
    "71.2.7..|49.1.|49.1.1745609034.|9.1.1.||"
    "4.2.-1.2104.Market data farm connection is OK:usfarm..|";
  g_autofree char *whole = decode_in_chunks (all_at_once);
  g_autofree char *bytewise = decode_in_chunks (one_byte);

  g_assert_cmpstr (whole, ==, expected);
  g_assert_cmpstr (bytewise, ==, expected);
  for (int round = 0; round < 200; round++)
    {
      g_autofree char *chunked = decode_in_chunks (random_chunk);

      g_assert_cmpstr (chunked, ==, expected);
    }
}

static void
test_decoder_oversize (void)
{
  /* 0xFFFFFF is the largest allowed length: just wait for the bytes. */
  {
    static const guint8 max_header[] = { 0x00, 0xff, 0xff, 0xff, '1', 0 };
    g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
    g_autoptr(GError) error = NULL;
    char *payload;
    gsize len;

    au_ib_frame_decoder_feed (decoder, max_header, sizeof max_header);
    g_assert_false (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
    g_assert_no_error (error);
  }
  /* 0x1000000, one above: fatal, and it stays fatal. */
  {
    static const guint8 over[] = { 0x01, 0x00, 0x00, 0x00, '1', 0 };
    static const guint8 good[] = { 0x00, 0x00, 0x00, 0x02, '1', 0 };
    g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_CLIENT);
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) again = NULL;
    char *payload;
    gsize len;

    au_ib_frame_decoder_feed (decoder, over, sizeof over);
    g_assert_false (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
    g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_FRAME_TOO_LARGE);
    au_ib_frame_decoder_feed (decoder, good, sizeof good);
    g_assert_false (au_ib_frame_decoder_next (decoder, &payload, &len, &again));
    g_assert_error (again, AU_IB_ERROR, AU_IB_ERROR_FRAME_TOO_LARGE);
  }
}

static void
test_decoder_server_mode (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_SERVER);
  g_autoptr(GError) error = NULL;
  char *payload;
  gsize len;
  int lo = 0, hi = 0;

  au_ib_handshake_write (out, 100, 176, NULL);
  g_byte_array_append (out, stream, 12);   /* START_API right behind it */
  for (guint i = 0; i < out->len; i++)
    {
      au_ib_frame_decoder_feed (decoder, out->data + i, 1);
      if (i + 1 < 17)
        g_assert_false (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
      g_assert_no_error (error);
    }
  g_assert_true (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
  g_assert_true (au_ib_handshake_parse_versions (payload, len, &lo, &hi, &error));
  g_assert_cmpint (lo, ==, 100);
  g_assert_cmpint (hi, ==, 176);
  g_assert_true (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
  g_assert_cmpmem (payload, len, "71\0" "2\0" "7\0", 8);
  g_assert_cmpuint (au_ib_frame_decoder_get_buffered (decoder), ==, 0);
}

static void
test_decoder_bad_handshake (void)
{
  /* The legacy pre-v100 handshake of old clients (§12.4): "62\0". */
  g_autoptr(AuIbFrameDecoder) decoder = au_ib_frame_decoder_new (AU_IB_FRAME_DECODER_SERVER);
  g_autoptr(GError) error = NULL;
  char *payload;
  gsize len;

  au_ib_frame_decoder_feed (decoder, (const guint8 *) "A", 1);
  g_assert_false (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
  g_assert_no_error (error);
  au_ib_frame_decoder_feed (decoder, (const guint8 *) "6", 1);
  g_assert_false (au_ib_frame_decoder_next (decoder, &payload, &len, &error));
  g_assert_error (error, AU_IB_ERROR, AU_IB_ERROR_BAD_HANDSHAKE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ib/frame/handshake-bytes", test_handshake_bytes);
  g_test_add_func ("/ib/frame/handshake-versions", test_handshake_versions);
  g_test_add_func ("/ib/frame/version-reply", test_version_reply);
  g_test_add_func ("/ib/frame/version-reply-refused", test_version_reply_refused);
  g_test_add_func ("/ib/frame/decoder-chunking", test_decoder_chunking);
  g_test_add_func ("/ib/frame/decoder-oversize", test_decoder_oversize);
  g_test_add_func ("/ib/frame/decoder-server-mode", test_decoder_server_mode);
  g_test_add_func ("/ib/frame/decoder-bad-handshake", test_decoder_bad_handshake);

  return g_test_run ();
}

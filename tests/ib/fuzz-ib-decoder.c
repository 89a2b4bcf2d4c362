/* fuzz-ib-decoder.c: libFuzzer target over the TWS API frame decoder and message decoders
 *
 * The first input byte picks the decoder mode and chunk size, the rest is
 * the byte stream as it would come off the socket. Every complete frame
 * is decoded as a server message and as a client request; a message that
 * decodes is encoded again and must decode to the same bytes.
 *
 * Build: tests/ib/build-fuzzer.sh OUTDIR (clang only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "au-ib-frame.h"
#include "au-ib-messages.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* A private, writable copy: decoding unescapes in place. */
static char *
copy_payload (const guint8 *data,
              gsize         len)
{
  char *copy = g_malloc (len + 1);

  if (len > 0)
    memcpy (copy, data, len);
  copy[len] = '\0';
  return copy;
}

static void
check_reencode_incoming (const AuIbIncoming *message)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) again = g_byte_array_new ();
  g_autofree char *copy = NULL;
  AuIbIncoming back;

  /* Decoded values may be unencodable (NaN, an unescaped control
   * character): a refusal is fine, a different message is not. */
  if (!au_ib_incoming_encode (message, out, NULL))
    return;
  copy = copy_payload (out->data + 4, out->len - 4);
  if (!au_ib_incoming_decode (copy, out->len - 4, &back, NULL))
    g_error ("re-encoded %s does not decode", au_ib_in_name (message->id));
  if (!au_ib_incoming_encode (&back, again, NULL))
    g_error ("re-decoded %s does not encode", au_ib_in_name (message->id));
  if (again->len != out->len || memcmp (again->data, out->data, out->len) != 0)
    g_error ("%s is not stable through encode/decode", au_ib_in_name (message->id));
  au_ib_incoming_clear (&back);
}

static void
decode_frame (const char *payload,
              gsize       len)
{
  g_autofree char *as_incoming = copy_payload ((const guint8 *) payload, len);
  g_autofree char *as_request = copy_payload ((const guint8 *) payload, len);
  AuIbIncoming message;
  AuIbRequest request;
  int version = 0;
  const char *time = NULL;

  if (au_ib_incoming_decode (as_incoming, len, &message, NULL))
    check_reencode_incoming (&message);
  au_ib_incoming_clear (&message);

  if (au_ib_request_decode (as_request, len, &request, NULL))
    {
      g_autoptr(GByteArray) out = g_byte_array_new ();

      au_ib_request_encode (&request, out, NULL);
    }
  au_ib_request_clear (&request);

  {
    g_autofree char *as_reply = copy_payload ((const guint8 *) payload, len);

    au_ib_version_reply_parse (as_reply, len, &version, &time, NULL);
  }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(AuIbFrameDecoder) decoder = NULL;
  gboolean server;
  gsize chunk;
  gsize pos = 1;
  gboolean first = TRUE;

  if (size < 1)
    return 0;
  server = (data[0] & 0x80) != 0;
  chunk = (data[0] & 0x7f) + 1;
  decoder = au_ib_frame_decoder_new (server ? AU_IB_FRAME_DECODER_SERVER
                                            : AU_IB_FRAME_DECODER_CLIENT);
  while (pos < size)
    {
      gsize n = MIN (chunk, size - pos);
      char *payload;
      gsize len;

      au_ib_frame_decoder_feed (decoder, data + pos, n);
      pos += n;
      while (au_ib_frame_decoder_next (decoder, &payload, &len, NULL))
        {
          if (server && first)
            {
              int lo, hi;

              au_ib_handshake_parse_versions (payload, len, &lo, &hi, NULL);
            }
          else
            decode_frame (payload, len);
          first = FALSE;
        }
    }
  return 0;
}

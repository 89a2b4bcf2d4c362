/* au-ib-frame.c: TWS API handshake and length-prefixed framing (tws-protocol.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib-frame"

#include "config.h"

#include <string.h>

#include "au-ib-frame.h"

#define API_SIGN     "API"   /* + its NUL: 4 bytes */
#define API_SIGN_LEN 4

struct _AuIbFrameDecoder
{
  GByteArray *buffer;
  guint       offset;          /* bytes of @buffer already handed out */
  gboolean    want_handshake;  /* server mode, before "API\0" */
  GError     *failure;         /* sticky: a broken stream stays broken */
};

static void
append_be32 (GByteArray *out,
             guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (out, (const guint8 *) &be, sizeof be);
}

static guint32
read_be32 (const guint8 *p)
{
  guint32 be;

  /* memcpy: the buffer gives no alignment promise (§14). */
  memcpy (&be, p, sizeof be);
  return GUINT32_FROM_BE (be);
}

void
au_ib_handshake_write (GByteArray *out,
                       int         min_version,
                       int         max_version,
                       const char *options)
{
  g_autofree char *text = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (min_version > 0 && min_version <= max_version);

  if (options != NULL && *options != '\0')
    text = g_strdup_printf ("v%d..%d %s", min_version, max_version, options);
  else
    text = g_strdup_printf ("v%d..%d", min_version, max_version);

  /* The length covers only the version text, which has no NUL (§2.2). */
  g_byte_array_append (out, (const guint8 *) API_SIGN, API_SIGN_LEN);
  append_be32 (out, strlen (text));
  g_byte_array_append (out, (const guint8 *) text, strlen (text));
}

static gboolean
parse_version_number (const char  *p,
                      const char  *end,
                      int         *value,
                      const char **after)
{
  int v = 0;
  const char *q = p;

  while (q < end && g_ascii_isdigit (*q) && q - p < 6)
    v = v * 10 + (*q++ - '0');
  if (q == p || (q < end && g_ascii_isdigit (*q)))
    return FALSE;
  *value = v;
  *after = q;
  return TRUE;
}

gboolean
au_ib_handshake_parse_versions (const char  *text,
                                gsize        len,
                                int         *min_version,
                                int         *max_version,
                                GError     **error)
{
  const char *end = text + len;
  const char *p = text;
  int lo, hi;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (min_version != NULL && max_version != NULL, FALSE);

  /* "v<min>..<max>" optionally followed by " <connect options>"; a bare
   * "v<n>" offers one version. */
  if (len < 2 || *p != 'v' || !parse_version_number (p + 1, end, &lo, &p))
    goto bad;
  hi = lo;
  if (p + 2 <= end && p[0] == '.' && p[1] == '.')
    {
      if (!parse_version_number (p + 2, end, &hi, &p))
        goto bad;
    }
  if (p < end && *p != ' ')
    goto bad;
  if (lo > hi)
    goto bad;
  *min_version = lo;
  *max_version = hi;
  return TRUE;

bad:
  {
    g_autofree char *shown = g_strndup (text, MIN (len, 40));
    g_autofree char *escaped = g_strescape (shown, NULL);

    g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_BAD_HANDSHAKE,
                 "Handshake version text \"%s\" is not \"v<min>..<max>\"", escaped);
    return FALSE;
  }
}

gboolean
au_ib_version_reply_write (GByteArray  *out,
                           int          server_version,
                           const char  *connection_time,
                           GError     **error)
{
  AuIbWriter writer;

  g_return_val_if_fail (out != NULL, FALSE);

  au_ib_writer_init (&writer, out);
  au_ib_write_int (&writer, "serverVersion", server_version);
  au_ib_write_string (&writer, "connectionTime", connection_time);
  return au_ib_writer_finish (&writer, error);
}

gboolean
au_ib_version_reply_parse (char        *payload,
                           gsize        len,
                           int         *server_version,
                           const char **connection_time,
                           GError     **error)
{
  AuIbReader reader;
  int version = 0;
  const char *time = NULL;

  g_return_val_if_fail (server_version != NULL, FALSE);
  g_return_val_if_fail (connection_time != NULL, FALSE);

  if (!au_ib_reader_init (&reader, payload, len, error))
    return FALSE;
  au_ib_reader_set_message (&reader, 0, "server version reply");
  /* Some gateways send news before the version; IB's clients wait for a
   * 2-field frame (§2.3), and so do we. */
  if (au_ib_reader_remaining (&reader) != 2)
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_NOT_VERSION_REPLY,
                   "Frame of %u fields before the server version reply",
                   au_ib_reader_remaining (&reader));
      return FALSE;
    }
  if (!au_ib_read_int (&reader, "serverVersion", &version, error)
      || !au_ib_read_string (&reader, "connectionTime", &time, error))
    return FALSE;
  if (version != AU_IB_SERVER_VERSION)
    {
      /* A negative version is the legacy redirect (§2.3): never local. */
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_VERSION,
                   "IB Gateway answered server version %d; this program speaks %d "
                   "(IB Gateway/TWS 10.19 or newer). Please update the gateway.",
                   version, AU_IB_SERVER_VERSION);
      return FALSE;
    }
  *server_version = version;
  *connection_time = time;
  return TRUE;
}

AuIbFrameDecoder *
au_ib_frame_decoder_new (AuIbFrameDecoderMode mode)
{
  AuIbFrameDecoder *self = g_new0 (AuIbFrameDecoder, 1);

  self->buffer = g_byte_array_new ();
  self->want_handshake = mode == AU_IB_FRAME_DECODER_SERVER;
  return self;
}

void
au_ib_frame_decoder_free (AuIbFrameDecoder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_error (&self->failure);
  g_free (self);
}

void
au_ib_frame_decoder_feed (AuIbFrameDecoder *self,
                          const guint8     *data,
                          gsize             len)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || len == 0);

  /* Handed-out payloads die here, so this is where the buffer shrinks. */
  if (self->offset > 0)
    {
      g_byte_array_remove_range (self->buffer, 0, self->offset);
      self->offset = 0;
    }
  if (self->failure == NULL && len > 0)
    g_byte_array_append (self->buffer, data, len);
}

gsize
au_ib_frame_decoder_get_buffered (AuIbFrameDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->buffer->len - self->offset;
}

gboolean
au_ib_frame_decoder_next (AuIbFrameDecoder  *self,
                          char             **payload,
                          gsize             *len,
                          GError           **error)
{
  const guint8 *p;
  gsize avail;
  gsize header = 4;
  guint32 n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (payload != NULL && len != NULL, FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  avail = self->buffer->len - self->offset;
  if (avail == 0)
    return FALSE;
  p = self->buffer->data + self->offset;

  if (self->want_handshake)
    {
      gsize check = MIN (avail, API_SIGN_LEN);

      /* Refuse a wrong prefix as soon as it shows, even byte by byte. */
      if (memcmp (p, API_SIGN, check) != 0)
        {
          g_set_error (&self->failure, AU_IB_ERROR, AU_IB_ERROR_BAD_HANDSHAKE,
                       "Connection did not start with \"API\\0\" (not a TWS API client)");
          g_propagate_error (error, g_error_copy (self->failure));
          return FALSE;
        }
      header += API_SIGN_LEN;
    }
  if (avail < header)
    return FALSE;
  n = read_be32 (p + header - 4);
  if (n > AU_IB_MAX_FRAME_LEN)
    {
      g_set_error (&self->failure, AU_IB_ERROR, AU_IB_ERROR_FRAME_TOO_LARGE,
                   "Frame length %u is above the 16 MiB limit: protocol error", n);
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }
  if (avail - header < n)
    return FALSE;

  *payload = (char *) self->buffer->data + self->offset + header;
  *len = n;
  self->offset += header + n;
  self->want_handshake = FALSE;
  return TRUE;
}

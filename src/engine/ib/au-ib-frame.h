/* au-ib-frame.h: TWS API handshake and length-prefixed framing (tws-protocol.md §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-ib-fields.h"

G_BEGIN_DECLS

#define AU_IB_MIN_CLIENT_VERSION 100
#define AU_IB_MAX_CLIENT_VERSION 176
/* The one server version whose layouts this codec speaks (§1). */
#define AU_IB_SERVER_VERSION     176
#define AU_IB_MAX_FRAME_LEN      0xFFFFFF

/* Client side: "API\0" + big-endian length + "v100..176" (§2.2).
 * @options, when not NULL or empty, follows after a space. */
void     au_ib_handshake_write            (GByteArray  *out,
                                           int          min_version,
                                           int          max_version,
                                           const char  *options);
/* Server side: the text after "API\0" and its length (a decoder in
 * AU_IB_FRAME_DECODER_SERVER mode hands it out as the first payload). */
gboolean au_ib_handshake_parse_versions   (const char  *text,
                                           gsize        len,
                                           int         *min_version,
                                           int         *max_version,
                                           GError     **error);

/* The server's 2-field reply (§2.3). */
gboolean au_ib_version_reply_write        (GByteArray  *out,
                                           int          server_version,
                                           const char  *connection_time,
                                           GError     **error);
/* AU_IB_ERROR_NOT_VERSION_REPLY for a frame that is not 2 fields (skip
 * it, as IB's clients do); AU_IB_ERROR_VERSION when the version is not
 * AU_IB_SERVER_VERSION (the message says to update the gateway). The
 * time points into @payload. */
gboolean au_ib_version_reply_parse        (char        *payload,
                                           gsize        len,
                                           int         *server_version,
                                           const char **connection_time,
                                           GError     **error);

typedef enum
{
  AU_IB_FRAME_DECODER_CLIENT,   /* frames from the first byte */
  AU_IB_FRAME_DECODER_SERVER,   /* "API\0" + handshake first, then frames */
} AuIbFrameDecoderMode;

typedef struct _AuIbFrameDecoder AuIbFrameDecoder;

AuIbFrameDecoder *au_ib_frame_decoder_new   (AuIbFrameDecoderMode  mode);
void              au_ib_frame_decoder_free  (AuIbFrameDecoder     *self);
/* Append bytes as they came off the socket: any chunking. */
void              au_ib_frame_decoder_feed  (AuIbFrameDecoder     *self,
                                             const guint8         *data,
                                             gsize                 len);
/* TRUE and the next complete payload; FALSE with no error when more
 * bytes are needed; FALSE with AU_IB_ERROR_FRAME_TOO_LARGE or
 * AU_IB_ERROR_BAD_HANDSHAKE, after which the decoder stays failed (close
 * the connection). The payload is writable (the field reader unescapes
 * in place) and stays valid until the next feed(). A zero-length frame
 * is returned as a payload of length 0. */
gboolean          au_ib_frame_decoder_next  (AuIbFrameDecoder     *self,
                                             char                **payload,
                                             gsize                *len,
                                             GError              **error);
gsize             au_ib_frame_decoder_get_buffered (AuIbFrameDecoder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuIbFrameDecoder, au_ib_frame_decoder_free)

G_END_DECLS

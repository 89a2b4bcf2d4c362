/* au-ib-fields.h: TWS API field reader and writer (tws-protocol.md §2.4, §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <float.h>
#include <glib.h>

G_BEGIN_DECLS

#define AU_IB_ERROR (au_ib_error_quark ())

typedef enum
{
  AU_IB_ERROR_FRAME_TOO_LARGE,   /* length prefix above 0xFFFFFF: fatal, close the socket */
  AU_IB_ERROR_UNTERMINATED,      /* last field of a frame has no NUL */
  AU_IB_ERROR_BAD_HANDSHAKE,     /* not "API\0" + length + "vMIN..MAX" */
  AU_IB_ERROR_VERSION,           /* server version outside what we speak */
  AU_IB_ERROR_NOT_VERSION_REPLY, /* a frame before the version reply: skip it */
  AU_IB_ERROR_MALFORMED,         /* a field whose text is not of its type */
  AU_IB_ERROR_MISSING_FIELD,     /* the frame ended before the layout did */
  AU_IB_ERROR_EXTRA_FIELDS,      /* fields left after the layout ended */
  AU_IB_ERROR_UNKNOWN_MESSAGE,   /* an id we do not decode: skip and log */
  AU_IB_ERROR_UNSUPPORTED,       /* a layout branch we do not speak (BAG, conditions…) */
  AU_IB_ERROR_INVALID_STRING,    /* the writer refuses non-printable ASCII (IB error 579) */
} AuIbError;

GQuark au_ib_error_quark (void);

/* Unset sentinels, as IB's own clients use them (§3). */
#define AU_IB_UNSET_INT     G_MAXINT
#define AU_IB_UNSET_DOUBLE  DBL_MAX
#define AU_IB_UNSET_DECIMAL DBL_MAX

/* A cursor over one payload. The payload is modified in place (\uXXXX
 * unescaping shortens text) and every string getter returns a pointer
 * into it, so no field allocates; strings live as long as the payload. */
typedef struct
{
  char       *pos;
  char       *end;
  guint       index;    /* index of the next field; 0 is the message id */
  int         msg_id;
  const char *msg_name;
} AuIbReader;

gboolean au_ib_reader_init          (AuIbReader  *reader,
                                     char        *payload,
                                     gsize        len,
                                     GError     **error);
void     au_ib_reader_set_message   (AuIbReader  *reader,
                                     int          msg_id,
                                     const char  *msg_name);
gboolean au_ib_reader_at_end        (const AuIbReader *reader);
guint    au_ib_reader_remaining     (const AuIbReader *reader);
gboolean au_ib_reader_expect_end    (AuIbReader  *reader,
                                     GError     **error);

gboolean au_ib_read_string          (AuIbReader  *reader,
                                     const char  *name,
                                     const char **value,
                                     GError     **error);
/* A free-text field the server escapes as Java \uXXXX (§2.4: error text,
 * advancedOrderRejectJson, longName): unescaped to UTF-8 in place. */
gboolean au_ib_read_text            (AuIbReader  *reader,
                                     const char  *name,
                                     const char **value,
                                     GError     **error);
gboolean au_ib_read_skip            (AuIbReader  *reader,
                                     const char  *name,
                                     guint        n_fields,
                                     GError     **error);
gboolean au_ib_read_int             (AuIbReader  *reader,
                                     const char  *name,
                                     int         *value,
                                     GError     **error);
gboolean au_ib_read_int_max         (AuIbReader  *reader,
                                     const char  *name,
                                     int         *value,
                                     GError     **error);
gboolean au_ib_read_long            (AuIbReader  *reader,
                                     const char  *name,
                                     gint64      *value,
                                     GError     **error);
gboolean au_ib_read_double          (AuIbReader  *reader,
                                     const char  *name,
                                     double      *value,
                                     GError     **error);
gboolean au_ib_read_double_max      (AuIbReader  *reader,
                                     const char  *name,
                                     double      *value,
                                     GError     **error);
gboolean au_ib_read_bool            (AuIbReader  *reader,
                                     const char  *name,
                                     gboolean    *value,
                                     GError     **error);
gboolean au_ib_read_decimal         (AuIbReader  *reader,
                                     const char  *name,
                                     double      *value,
                                     GError     **error);

/* In-place Java \uXXXX unescape of a NUL-terminated string; returns the
 * new length. A backslash not followed by u and four hex digits stays as
 * it is; a lone surrogate becomes U+FFFD. */
gsize    au_ib_unescape_in_place    (char        *text);

/* Builds one frame: au_ib_writer_init() reserves the 4-byte length, the
 * write functions append NUL-terminated fields, au_ib_writer_finish()
 * fills in the length. The first refused field is remembered with its
 * name; finish then reports it and removes the partial frame, so @out
 * keeps only complete frames. */
typedef struct
{
  GByteArray *out;
  guint       start;
  guint       n_fields;
  GError     *error;
} AuIbWriter;

void     au_ib_writer_init          (AuIbWriter  *writer,
                                     GByteArray  *out);
gboolean au_ib_writer_finish        (AuIbWriter  *writer,
                                     GError     **error);
void     au_ib_write_string         (AuIbWriter  *writer,
                                     const char  *name,
                                     const char  *value);
void     au_ib_write_int            (AuIbWriter  *writer,
                                     const char  *name,
                                     int          value);
void     au_ib_write_int_max        (AuIbWriter  *writer,
                                     const char  *name,
                                     int          value);
void     au_ib_write_long           (AuIbWriter  *writer,
                                     const char  *name,
                                     gint64       value);
void     au_ib_write_double         (AuIbWriter  *writer,
                                     const char  *name,
                                     double       value);
void     au_ib_write_double_max     (AuIbWriter  *writer,
                                     const char  *name,
                                     double       value);
void     au_ib_write_bool           (AuIbWriter  *writer,
                                     const char  *name,
                                     gboolean     value);
void     au_ib_write_decimal        (AuIbWriter  *writer,
                                     const char  *name,
                                     double       value);
/* A field written exactly as given, unchecked: protocol constants only. */
void     au_ib_write_raw            (AuIbWriter  *writer,
                                     const char  *value);

gboolean au_ib_string_is_sendable   (const char  *value);

G_END_DECLS

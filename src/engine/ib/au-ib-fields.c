/* au-ib-fields.c: TWS API field reader and writer (tws-protocol.md §2.4, §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib-fields"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "au-ib-fields.h"

#define MAX_FRAME_LEN 0xFFFFFF

G_DEFINE_QUARK (au-ib-error-quark, au_ib_error)

gboolean
au_ib_reader_init (AuIbReader  *reader,
                   char        *payload,
                   gsize        len,
                   GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (payload != NULL || len == 0, FALSE);

  reader->pos = payload;
  reader->end = payload + len;
  reader->index = 0;
  reader->msg_id = -1;
  reader->msg_name = "message";

  /* Every field, the last included, ends in NUL (§2.4). Dropping an
   * unterminated tail would lose a field silently, as IB's Python does. */
  if (len > 0 && payload[len - 1] != '\0')
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_UNTERMINATED,
                   "Frame of %" G_GSIZE_FORMAT " bytes: the last field has no NUL terminator",
                   len);
      return FALSE;
    }
  return TRUE;
}

void
au_ib_reader_set_message (AuIbReader *reader,
                          int         msg_id,
                          const char *msg_name)
{
  g_return_if_fail (reader != NULL);

  reader->msg_id = msg_id;
  reader->msg_name = msg_name != NULL ? msg_name : "message";
}

gboolean
au_ib_reader_at_end (const AuIbReader *reader)
{
  g_return_val_if_fail (reader != NULL, TRUE);

  return reader->pos >= reader->end;
}

guint
au_ib_reader_remaining (const AuIbReader *reader)
{
  guint n = 0;

  g_return_val_if_fail (reader != NULL, 0);

  for (const char *p = reader->pos; p < reader->end; p++)
    if (*p == '\0')
      n++;
  return n;
}

gboolean
au_ib_reader_expect_end (AuIbReader  *reader,
                         GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  if (au_ib_reader_at_end (reader))
    return TRUE;
  g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_EXTRA_FIELDS,
               "%s (%d): %u unexpected field(s) after field %u",
               reader->msg_name, reader->msg_id, au_ib_reader_remaining (reader),
               reader->index - 1);
  return FALSE;
}

static gboolean
next_field (AuIbReader  *reader,
            const char  *name,
            char       **field,
            GError     **error)
{
  gsize len;

  if (reader->pos >= reader->end)
    {
      g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MISSING_FIELD,
                   "%s (%d): field %u '%s' is missing, the message ended",
                   reader->msg_name, reader->msg_id, reader->index, name);
      return FALSE;
    }
  /* init() proved the payload ends in NUL, so strlen stays inside it. */
  len = strlen (reader->pos);
  *field = reader->pos;
  reader->pos += len + 1;
  reader->index++;
  return TRUE;
}

static gboolean
malformed (AuIbReader  *reader,
           const char  *name,
           const char  *text,
           const char  *what,
           GError     **error)
{
  g_autofree char *shown = g_strescape (text, NULL);

  if (strlen (shown) > 40)
    strcpy (shown + 37, "...");
  g_set_error (error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
               "%s (%d): field %u '%s' is not %s: \"%s\"",
               reader->msg_name, reader->msg_id, reader->index - 1, name, what, shown);
  return FALSE;
}

/* Text goes on to the GUI and the ledger: invalid UTF-8 stops here,
 * after any \uXXXX escapes (§3) are decoded when @unescape is set. */
static gboolean
read_utf8 (AuIbReader  *reader,
           const char  *name,
           gboolean     unescape,
           const char **value,
           GError     **error)
{
  char *field;

  if (!next_field (reader, name, &field, error))
    return FALSE;
  if (unescape)
    au_ib_unescape_in_place (field);
  if (!g_utf8_validate (field, -1, NULL))
    return malformed (reader, name, field, "valid UTF-8", error);
  *value = field;
  return TRUE;
}

gboolean
au_ib_read_string (AuIbReader  *reader,
                   const char  *name,
                   const char **value,
                   GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return read_utf8 (reader, name, FALSE, value, error);
}

static void
append_utf8 (char    **out,
             gunichar  c)
{
  *out += g_unichar_to_utf8 (c, *out);
}

static gboolean
hex4 (const char *p,
      gunichar   *value)
{
  gunichar v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return FALSE;
      v = (v << 4) | (gunichar) d;
    }
  *value = v;
  return TRUE;
}

gsize
au_ib_unescape_in_place (char *text)
{
  char *in = text;
  char *out = text;

  g_return_val_if_fail (text != NULL, 0);

  /* The output never outgrows the input: 6 escape bytes become at most 3
   * UTF-8 bytes, a 12-byte surrogate pair becomes 4. */
  while (*in != '\0')
    {
      gunichar c;

      if (in[0] != '\\' || in[1] != 'u' || !hex4 (in + 2, &c))
        {
          *out++ = *in++;
          continue;
        }
      in += 6;
      if (c >= 0xD800 && c <= 0xDBFF)
        {
          gunichar low;

          if (in[0] == '\\' && in[1] == 'u' && hex4 (in + 2, &low)
              && low >= 0xDC00 && low <= 0xDFFF)
            {
              in += 6;
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
            }
          else
            c = 0xFFFD;
        }
      else if (c >= 0xDC00 && c <= 0xDFFF)
        c = 0xFFFD;
      else if (c == 0)
        c = 0xFFFD;   /* an escaped NUL would cut the string short */
      append_utf8 (&out, c);
    }
  *out = '\0';
  return (gsize) (out - text);
}

gboolean
au_ib_read_text (AuIbReader  *reader,
                 const char  *name,
                 const char **value,
                 GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return read_utf8 (reader, name, TRUE, value, error);
}

gboolean
au_ib_read_skip (AuIbReader  *reader,
                 const char  *name,
                 guint        n_fields,
                 GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  for (guint i = 0; i < n_fields; i++)
    {
      char *field;

      if (!next_field (reader, name, &field, error))
        return FALSE;
    }
  return TRUE;
}

/* Decimal integer: optional sign, digits, nothing else. */
static gboolean
parse_integer (const char *text,
               gint64      min,
               gint64      max,
               gint64     *value)
{
  const char *p = text;
  char *endptr = NULL;
  gint64 v;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (text, &endptr, 10);
  if (errno != 0 || *endptr != '\0' || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

/* A 32-bit integer; an empty field reads as @empty. */
static gboolean
read_int32 (AuIbReader  *reader,
            const char  *name,
            int          empty,
            int         *value,
            GError     **error)
{
  char *field;
  gint64 v;

  if (!next_field (reader, name, &field, error))
    return FALSE;
  if (*field == '\0')
    {
      *value = empty;
      return TRUE;
    }
  if (!parse_integer (field, G_MININT, G_MAXINT, &v))
    return malformed (reader, name, field, "a 32-bit integer", error);
  *value = (int) v;
  return TRUE;
}

gboolean
au_ib_read_int (AuIbReader  *reader,
                const char  *name,
                int         *value,
                GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* §3: "" reads as 0 */
  return read_int32 (reader, name, 0, value, error);
}

gboolean
au_ib_read_int_max (AuIbReader  *reader,
                    const char  *name,
                    int         *value,
                    GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  /* §3: "" and 2147483647 both mean unset */
  return read_int32 (reader, name, AU_IB_UNSET_INT, value, error);
}

gboolean
au_ib_read_long (AuIbReader  *reader,
                 const char  *name,
                 gint64      *value,
                 GError     **error)
{
  char *field;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!next_field (reader, name, &field, error))
    return FALSE;
  if (*field == '\0')
    {
      *value = 0;
      return TRUE;
    }
  if (!parse_integer (field, G_MININT64, G_MAXINT64, value))
    return malformed (reader, name, field, "a 64-bit integer", error);
  return TRUE;
}

/* The DBL_MAX spellings: Java 1.7976931348623157E308, Python
 * 1.7976931348623157e+308 and C++ "%.10g" 1.797693135e+308 (which is
 * above DBL_MAX and overflows strtod). */
/* The smallest magnitude whose decimal spelling begins like DBL_MAX's. */
#define DBL_MAX_SPELLING_FLOOR 1.79769313e308

static gboolean
is_dbl_max_spelling (const char *text)
{
  return g_str_has_prefix (text, "1.79769313");
}

typedef enum
{
  NUMBER_BAD,
  NUMBER_OK,
  NUMBER_OVERFLOW,
} NumberResult;

/* Java Double.toString and Python str(float) spellings with '.' as the
 * decimal point: digits, one point, an exponent, Infinity and NaN. Hex
 * floats, locale commas, spaces and overflow are refused. */
static NumberResult
parse_double (const char *text,
              double     *value)
{
  const char *p = text;
  char *endptr = NULL;
  gboolean digits = FALSE;
  double v;

  if (*p == '-' || *p == '+')
    p++;
  if (strcmp (p, "Infinity") == 0 || strcmp (p, "inf") == 0)
    {
      *value = text[0] == '-' ? -INFINITY : INFINITY;
      return NUMBER_OK;
    }
  if (strcmp (p, "NaN") == 0 || strcmp (p, "nan") == 0)
    {
      *value = NAN;
      return NUMBER_OK;
    }
  for (const char *q = p; *q != '\0'; q++)
    {
      if (g_ascii_isdigit (*q))
        digits = TRUE;
      else if (*q != '.' && *q != 'e' && *q != 'E' && *q != '-' && *q != '+')
        return NUMBER_BAD;
    }
  if (!digits)
    return NUMBER_BAD;
  errno = 0;
  v = g_ascii_strtod (text, &endptr);
  if (*endptr != '\0' || endptr == text)
    return NUMBER_BAD;
  if (errno == ERANGE && isinf (v))
    return NUMBER_OVERFLOW;
  *value = v;
  return NUMBER_OK;
}

/* The unset sentinel is DBL_MAX itself (au-ib-fields.h), so one reader
 * serves both the plain and the _max spelling: a DBL_MAX spelling reads
 * as DBL_MAX. */

/* A double; an empty field reads as @empty. */
static gboolean
read_float64 (AuIbReader  *reader,
              const char  *name,
              double       empty,
              double      *value,
              GError     **error)
{
  char *field;

  if (!next_field (reader, name, &field, error))
    return FALSE;
  if (*field == '\0')
    {
      *value = empty;
      return TRUE;
    }
  switch (parse_double (field, value))
    {
    case NUMBER_OK:
      return TRUE;
    case NUMBER_OVERFLOW:
      if (is_dbl_max_spelling (field))
        {
          *value = DBL_MAX;
          return TRUE;
        }
      return malformed (reader, name, field, "a finite number", error);
    case NUMBER_BAD:
    default:
      return malformed (reader, name, field, "a number", error);
    }
}

gboolean
au_ib_read_double (AuIbReader  *reader,
                   const char  *name,
                   double      *value,
                   GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return read_float64 (reader, name, 0.0, value, error);
}

gboolean
au_ib_read_double_max (AuIbReader  *reader,
                       const char  *name,
                       double      *value,
                       GError     **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return read_float64 (reader, name, AU_IB_UNSET_DOUBLE, value, error);
}

gboolean
au_ib_read_bool (AuIbReader  *reader,
                 const char  *name,
                 gboolean    *value,
                 GError     **error)
{
  int v = 0;

  g_return_val_if_fail (value != NULL, FALSE);

  if (!au_ib_read_int (reader, name, &v, error))
    return FALSE;
  *value = v != 0;
  return TRUE;
}

gboolean
au_ib_read_decimal (AuIbReader  *reader,
                    const char  *name,
                    double      *value,
                    GError     **error)
{
  static const char * const unset[] = {
    "2147483647", "9223372036854775807", "-9223372036854775808",
  };
  char *field;
  double v = 0.0;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!next_field (reader, name, &field, error))
    return FALSE;
  /* §3 Decimal: these spellings are IB's unset sentinels, not sizes. */
  if (*field == '\0')
    {
      *value = AU_IB_UNSET_DECIMAL;
      return TRUE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (unset); i++)
    if (strcmp (field, unset[i]) == 0)
      {
        *value = AU_IB_UNSET_DECIMAL;
        return TRUE;
      }
  switch (parse_double (field, &v))
    {
    case NUMBER_OK:
      if (!isfinite (v))
        return malformed (reader, name, field, "a decimal quantity", error);
      *value = v >= DBL_MAX ? AU_IB_UNSET_DECIMAL : v;
      return TRUE;
    case NUMBER_OVERFLOW:
      if (is_dbl_max_spelling (field))
        {
          *value = AU_IB_UNSET_DECIMAL;
          return TRUE;
        }
      return malformed (reader, name, field, "a decimal quantity", error);
    case NUMBER_BAD:
    default:
      return malformed (reader, name, field, "a decimal quantity", error);
    }
}

/* Writer */

void
au_ib_writer_init (AuIbWriter *writer,
                   GByteArray *out)
{
  static const guint8 zero[4] = { 0, 0, 0, 0 };

  g_return_if_fail (writer != NULL);
  g_return_if_fail (out != NULL);

  writer->out = out;
  writer->start = out->len;
  writer->n_fields = 0;
  writer->error = NULL;
  g_byte_array_append (out, zero, sizeof zero);
}

gboolean
au_ib_writer_finish (AuIbWriter  *writer,
                     GError     **error)
{
  guint32 len;
  guint32 be;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (writer->out != NULL, FALSE);

  len = writer->out->len - writer->start - 4;
  if (writer->error == NULL && len > MAX_FRAME_LEN)
    g_set_error (&writer->error, AU_IB_ERROR, AU_IB_ERROR_FRAME_TOO_LARGE,
                 "Message of %u bytes is above the 16 MiB frame limit", len);
  if (writer->error != NULL)
    {
      g_byte_array_set_size (writer->out, writer->start);
      g_propagate_error (error, g_steal_pointer (&writer->error));
      return FALSE;
    }
  be = GUINT32_TO_BE (len);
  memcpy (writer->out->data + writer->start, &be, sizeof be);
  return TRUE;
}

static void
append_field (AuIbWriter *writer,
              const char *text)
{
  g_byte_array_append (writer->out, (const guint8 *) text, strlen (text) + 1);
  writer->n_fields++;
}

gboolean
au_ib_string_is_sendable (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (!((*p >= 0x20 && *p <= 0x7E) || *p == '\t' || *p == '\n' || *p == '\r'))
      return FALSE;
  return TRUE;
}

void
au_ib_write_string (AuIbWriter *writer,
                    const char *name,
                    const char *value)
{
  g_return_if_fail (writer != NULL);

  if (writer->error != NULL)
    return;
  /* IB's clients refuse to send anything but printable ASCII (§2.4,
   * error 579); refusing here names the field instead of the gateway
   * rejecting a whole order. */
  if (!au_ib_string_is_sendable (value))
    {
      g_autofree char *shown = g_strescape (value, NULL);

      g_set_error (&writer->error, AU_IB_ERROR, AU_IB_ERROR_INVALID_STRING,
                   "Field %u '%s' has characters IB does not accept (printable ASCII only): \"%s\"",
                   writer->n_fields, name, shown);
      return;
    }
  append_field (writer, value != NULL ? value : "");
}

void
au_ib_write_raw (AuIbWriter *writer,
                 const char *value)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (value != NULL);

  if (writer->error == NULL)
    append_field (writer, value);
}

void
au_ib_write_int (AuIbWriter *writer,
                 const char *name,
                 int         value)
{
  g_return_if_fail (writer != NULL);

  au_ib_write_long (writer, name, value);
}

void
au_ib_write_int_max (AuIbWriter *writer,
                     const char *name,
                     int         value)
{
  g_return_if_fail (writer != NULL);

  if (value == AU_IB_UNSET_INT)
    au_ib_write_raw (writer, "");
  else
    au_ib_write_int (writer, name, value);
}

void
au_ib_write_long (AuIbWriter *writer,
                  const char *name,
                  gint64      value)
{
  char buf[24];

  g_return_if_fail (writer != NULL);

  (void) name;
  if (writer->error != NULL)
    return;
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  append_field (writer, buf);
}

void
au_ib_write_double (AuIbWriter *writer,
                    const char *name,
                    double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (writer != NULL);

  if (writer->error != NULL)
    return;
  if (isnan (value))
    {
      g_set_error (&writer->error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
                   "Field %u '%s' is not a number (NaN)", writer->n_fields, name);
      return;
    }
  if (isinf (value))
    {
      append_field (writer, value > 0 ? "Infinity" : "-Infinity");
      return;
    }
  /* Every spelling that begins 1.79769313 reads back as DBL_MAX, the
   * unset value (is_dbl_max_spelling), and "%.10g" rounds anything that
   * large up past DBL_MAX: write such magnitudes as DBL_MAX itself, in
   * the spelling that parses without overflow, so that what is written
   * reads back and writes again the same. */
  if (fabs (value) >= DBL_MAX_SPELLING_FLOOR)
    {
      append_field (writer, value > 0 ? "1.7976931348623157e+308" : "-1.7976931348623157e+308");
      return;
    }
  /* Locale-independent, as IB's C++ client: "%.10g" with '.' (§3). */
  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  append_field (writer, buf);
}

void
au_ib_write_double_max (AuIbWriter *writer,
                        const char *name,
                        double      value)
{
  g_return_if_fail (writer != NULL);

  /* A value that would read back as DBL_MAX is unset, as it will read. */
  if (value == AU_IB_UNSET_DOUBLE || value >= DBL_MAX_SPELLING_FLOOR)
    au_ib_write_raw (writer, "");
  else
    au_ib_write_double (writer, name, value);
}

void
au_ib_write_bool (AuIbWriter *writer,
                  const char *name,
                  gboolean    value)
{
  au_ib_write_int (writer, name, value ? 1 : 0);
}

void
au_ib_write_decimal (AuIbWriter *writer,
                     const char *name,
                     double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
  char *p;

  g_return_if_fail (writer != NULL);

  if (writer->error != NULL)
    return;
  if (value == AU_IB_UNSET_DECIMAL)
    {
      append_field (writer, "");
      return;
    }
  if (!isfinite (value) || fabs (value) >= 1e15)
    {
      g_set_error (&writer->error, AU_IB_ERROR, AU_IB_ERROR_MALFORMED,
                   "Field %u '%s' is not a decimal quantity", writer->n_fields, name);
      return;
    }
  /* §3: a plain decimal string without exponent, trailing zeros cut:
   * 1, 100, 0.5. Eight places cover IB's fractional share sizes. */
  g_ascii_formatd (buf, sizeof buf, "%.8f", value);
  p = buf + strlen (buf) - 1;
  while (p > buf && *p == '0')
    *p-- = '\0';
  if (*p == '.')
    *p = '\0';
  if (strcmp (buf, "-0") == 0)
    strcpy (buf, "0");
  append_field (writer, buf);
}

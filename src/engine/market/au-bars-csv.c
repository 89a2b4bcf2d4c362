/* au-bars-csv.c: daily bars imported from CSV for replay (D3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include <string.h>

#include "au-bars-csv.h"
#include "au-daily-bar.h"
#include "au-market-error.h"
#include "au-money.h"

enum
{
  COL_DATE,
  COL_OPEN,
  COL_HIGH,
  COL_LOW,
  COL_CLOSE,
  COL_VOLUME,
  N_COLUMNS
};

static const char *column_names[N_COLUMNS] = {
  "Date", "Open", "High", "Low", "Close", "Volume",
};

/* Prices beyond a billion dollars are not a share price: refusing them
 * also keeps the fixed-point arithmetic far from overflow. */
#define MAX_INTEGER_DIGITS 9
#define MAX_VOLUME_DIGITS  15

static char *
clean_field (const char *field)
{
  char *text = g_strstrip (g_strdup (field));
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      memmove (text, text + 1, len - 2);
      text[len - 2] = '\0';
    }
  return text;
}

/* A plain decimal "123", "123.4567", "0.123456" (no sign, no exponent)
 * to units of 10^-@decimals, rounding half to even beyond them, exactly:
 * no double on the way. FALSE when it is not such a number. */
static gboolean
parse_decimal (const char *text,
               guint       decimals,
               guint       max_integer_digits,
               gint64     *out)
{
  const char *p = text;
  gint64 value = 0;
  guint int_digits = 0, frac_digits = 0;
  guint digits_after_dot = 0;
  gboolean round_up = FALSE, seen_dot = FALSE;
  int first_dropped = -1;
  gboolean rest_nonzero = FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (seen_dot)
            return FALSE;
          seen_dot = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (seen_dot)
        digits_after_dot++;
      if (!seen_dot)
        {
          if (++int_digits > max_integer_digits)
            return FALSE;
          value = value * 10 + (*p - '0');
        }
      else if (frac_digits < decimals)
        {
          value = value * 10 + (*p - '0');
          frac_digits++;
        }
      else if (first_dropped < 0)
        first_dropped = *p - '0';
      else if (*p != '0')
        rest_nonzero = TRUE;
    }
  if (int_digits == 0 || (seen_dot && digits_after_dot == 0))
    return FALSE;
  for (; frac_digits < decimals; frac_digits++)
    value *= 10;
  if (first_dropped > 5 || (first_dropped == 5 && (rest_nonzero || (value & 1))))
    round_up = TRUE;
  *out = value + (round_up ? 1 : 0);
  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day, i;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100
         + g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
  if (!g_date_valid_dmy (day, month, year) || year < 1900)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
csv_error (GError     **error,
           guint        line,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

static gboolean
csv_error (GError     **error,
           guint        line,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV, "line %u: %s", line, message);
  return FALSE;
}

static gboolean
parse_header (char      **fields,
              guint       line,
              int        *index,
              guint      *n_fields,
              GError    **error)
{
  guint i, c;

  for (c = 0; c < N_COLUMNS; c++)
    index[c] = -1;
  *n_fields = g_strv_length (fields);
  for (i = 0; i < *n_fields; i++)
    {
      g_autofree char *name = clean_field (fields[i]);

      for (c = 0; c < N_COLUMNS; c++)
        if (g_ascii_strcasecmp (name, column_names[c]) == 0)
          {
            if (index[c] >= 0)
              return csv_error (error, line, "the header names %s twice", column_names[c]);
            index[c] = i;
          }
    }
  for (c = 0; c < N_COLUMNS; c++)
    if (index[c] < 0)
      return csv_error (error, line, "the header has no %s column "
                        "(expected Date,Open,High,Low,Close,Volume)", column_names[c]);
  return TRUE;
}

static gboolean
parse_row (char        **fields,
           guint         line,
           const int    *index,
           guint         n_header,
           AuDailyBar   *bar,
           GError      **error)
{
  guint n = g_strv_length (fields);
  AuPrice *prices[4] = { &bar->open, &bar->high, &bar->low, &bar->close };
  g_autofree char *date_text = NULL;
  g_autofree char *volume_text = NULL;
  gint64 volume;
  guint c;

  if (n < n_header)
    {
      guint missing = COL_DATE;

      for (c = 0; c < N_COLUMNS; c++)
        if (index[c] >= (int) n)
          {
            missing = c;
            break;
          }
      return csv_error (error, line, "missing column %s (%u fields, the header has %u)",
                        column_names[missing], n, n_header);
    }
  if (n > n_header)
    return csv_error (error, line, "%u fields, the header has %u", n, n_header);

  date_text = clean_field (fields[index[COL_DATE]]);
  if (!parse_date (date_text, &bar->date))
    return csv_error (error, line, "Date \"%s\" is not a date (YYYY-MM-DD)", date_text);
  if (g_date_get_weekday (&bar->date) >= G_DATE_SATURDAY)
    return csv_error (error, line, "Date %s is a weekend day, not a session", date_text);

  for (c = COL_OPEN; c <= COL_CLOSE; c++)
    {
      g_autofree char *text = clean_field (fields[index[c]]);

      if (!parse_decimal (text, 4, MAX_INTEGER_DIGITS, prices[c - COL_OPEN]))
        return csv_error (error, line, "%s \"%s\" is not a number", column_names[c], text);
      if (*prices[c - COL_OPEN] <= 0)
        return csv_error (error, line, "%s %s is not a positive price", column_names[c], text);
    }

  volume_text = clean_field (fields[index[COL_VOLUME]]);
  if (!parse_decimal (volume_text, 0, MAX_VOLUME_DIGITS, &volume))
    return csv_error (error, line, "Volume \"%s\" is not a number", volume_text);
  bar->volume = volume;

  if (bar->high < bar->low || bar->high < bar->open || bar->high < bar->close
      || bar->low > bar->open || bar->low > bar->close)
    {
      g_autofree char *open = au_price_format (bar->open);
      g_autofree char *high = au_price_format (bar->high);
      g_autofree char *low = au_price_format (bar->low);
      g_autofree char *close = au_price_format (bar->close);

      if (bar->high < bar->low)
        return csv_error (error, line, "High %s is below Low %s", high, low);
      if (bar->high < bar->open || bar->high < bar->close)
        return csv_error (error, line, "High %s is below Open %s or Close %s", high, open, close);
      return csv_error (error, line, "Low %s is above Open %s or Close %s", low, open, close);
    }
  return TRUE;
}

GArray *
au_bars_csv_parse (const char  *text,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(GArray) bars = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = NULL;
  int index[N_COLUMNS];
  guint n_header = 0, i;
  gboolean have_header = FALSE;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = g_strndup (text, length);
  if (strlen (copy) != length)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV,
                   "the file contains a NUL byte: not a CSV text file");
      return NULL;
    }
  if (!g_utf8_validate (copy, -1, NULL))
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV, "the file is not UTF-8 text");
      return NULL;
    }

  bars = au_daily_bars_new ();
  lines = g_strsplit (g_str_has_prefix (copy, "\xEF\xBB\xBF") ? copy + 3 : copy, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      guint line = i + 1;
      g_auto(GStrv) fields = NULL;
      char *row = g_strstrip (lines[i]);
      AuDailyBar bar = { 0 };

      if (*row == '\0')
        continue;
      fields = g_strsplit (row, ",", -1);
      if (!have_header)
        {
          if (!parse_header (fields, line, index, &n_header, error))
            return NULL;
          have_header = TRUE;
          continue;
        }
      if (!parse_row (fields, line, index, n_header, &bar, error))
        return NULL;
      if (bars->len > 0)
        {
          const AuDailyBar *last = &g_array_index (bars, AuDailyBar, bars->len - 1);
          int cmp = g_date_compare (&bar.date, &last->date);

          if (cmp == 0)
            {
              csv_error (error, line, "Date repeats the previous row's date");
              return NULL;
            }
          if (cmp < 0)
            {
              csv_error (error, line,
                         "Date is before the previous row's date (rows must be in date order)");
              return NULL;
            }
        }
      g_array_append_val (bars, bar);
    }

  if (!have_header)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV, "line 1: the file is empty "
                   "(expected the header Date,Open,High,Low,Close,Volume)");
      return NULL;
    }
  if (bars->len == 0)
    {
      g_set_error (error, AU_MARKET_ERROR, AU_MARKET_ERROR_CSV,
                   "the file has a header but no rows");
      return NULL;
    }
  return g_steal_pointer (&bars);
}

GArray *
au_bars_csv_load (GFile   *file,
                  GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  return au_bars_csv_parse (contents, length, error);
}

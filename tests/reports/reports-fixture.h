/* reports-fixture.h: helpers the report tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "au-report.h"

/* The @period report of the database at @path holding @day
 * ("YYYY-MM-DD"), read as the CLI does: read-only. */
static inline AuReport *
report_open (const char     *path,
             AuReportPeriod  period,
             const char     *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = au_database_open (path, AU_DATABASE_READ_ONLY, &error);
  AuReport *report;
  GDate date;

  g_assert_no_error (error);
  g_assert_true (au_report_parse_date (day, "date", &date, &error));
  report = au_report_new (db, period, &date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The first column of @sql's first row over [@from, @to), bound as ?1
 * and ?2: the tests' own SQL, which the report must agree with. */
static inline gint64
sql_period_value (const char *path,
                  const char *sql,
                  const char *from,
                  const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuDatabase) db = au_database_open (path, AU_DATABASE_READ_ONLY, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = au_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}


/* Parses RFC 4180 text (CRLF rows, quoted fields with doubled quotes).
 * Returns: (transfer full): rows of NULL-terminated field vectors. */
static inline GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          g_assert_cmpint (*p, ==, '"');
          p++;
        }
      while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
        g_string_append_c (field, *p++);
      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        {
          p++;
          continue;
        }
      /* RFC 4180 rows end with CRLF. */
      g_assert_cmpint (*p, ==, '\r');
      g_assert_cmpint (p[1], ==, '\n');
      p += 2;
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
    }
  g_assert_cmpuint (fields->len, ==, 0);
  return rows;
}

/* The value of the row (section, account, item), or NULL. */
static inline const char *
csv_value (GPtrArray  *rows,
           const char *section,
           const char *account,
           const char *item)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row[0], section) == 0 && g_strcmp0 (row[1], account) == 0
          && g_strcmp0 (row[2], item) == 0)
        return row[3];
    }
  return NULL;
}

/* "/Count N" of the PDF's page tree. */
static inline guint
pdf_page_count (GBytes *pdf)
{
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  g_autofree char *text = g_malloc (length + 1);
  g_autoptr(GRegex) regex = g_regex_new ("/Type /Pages[^>]*?/Count (\\d+)", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *count = NULL;
  guint pages = 0;

  /* Binary streams hold NULs: blank them so the regex sees every byte. */
  memcpy (text, data, length);
  text[length] = '\0';
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\0')
      text[i] = ' ';
  if (g_regex_match_full (regex, text, length, 0, 0, &match, NULL))
    {
      count = g_match_info_fetch (match, 1);
      pages = (guint) g_ascii_strtoull (count, NULL, 10);
    }
  return pages;
}

/* ending − starting = deposits + transfers + realized + Δ unrealized */
static inline void
assert_reconciles (const AuReportFigures *f)
{
  g_assert_cmpint (f->ending_equity - f->starting_equity, ==,
                   f->deposits + f->transfers + f->realized + f->unrealized_change);
  g_assert_cmpint (f->net_premium_income, ==, f->premium_income - f->commissions);
  g_assert_cmpint (f->realized, ==,
                   f->premium_income + f->stock_gains + f->option_gains - f->commissions);
  g_assert_cmpint (f->unrealized_change, ==, f->unrealized - f->unrealized_start);
}

/* What people read: "$1,234.56", from the plain "1234.56" (no sign). */
static inline char *
grouped_dollars (const char *plain)
{
  GString *out = g_string_new ("$");
  const char *point = strchr (plain, '.');
  gsize digits = point != NULL ? (gsize) (point - plain) : strlen (plain);

  for (gsize i = 0; i < digits; i++)
    {
      if (i > 0 && (digits - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, plain[i]);
    }
  g_string_append (out, plain + digits);
  return g_string_free (out, FALSE);
}

static inline void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* au-earnings-store.c: earnings dates imported from a CSV file (D2.28)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-earnings"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "au-earnings-store.h"
#include "au-market-calendar.h"

G_DEFINE_QUARK (au-earnings-store-error-quark, au_earnings_store_error)

/* At most this many bad lines are named in one error: enough to fix a
 * file, not a wall of text for a file of the wrong kind. */
#define MAX_REPORTED_LINES 10
#define MAX_SYMBOL_LENGTH  12
/* A fresh import answers R1.3's look a week ahead until it goes stale. */
#define COVERED_DAYS (AU_EARNINGS_STALE_DAYS + 7)

static const char *migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE earnings_imports ("
  "  id INTEGER PRIMARY KEY,"
  "  imported_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE earnings_dates ("
  "  import_id INTEGER NOT NULL REFERENCES earnings_imports (id),"
  "  symbol TEXT NOT NULL,"
  "  date TEXT,"                      /* NULL: the symbol has no report ahead */
  "  UNIQUE (import_id, symbol, date)"
  ");"
  "CREATE INDEX earnings_dates_symbol ON earnings_dates (symbol, import_id);",
};

struct _AuEarningsStore
{
  GObject     parent_instance;

  AuDatabase *database;
  gboolean    empty;                  /* read-only and never migrated: no import */
};

G_DEFINE_FINAL_TYPE (AuEarningsStore, au_earnings_store, G_TYPE_OBJECT)

void
au_earnings_entry_free (AuEarningsEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->symbol);
  g_free (entry);
}

static void
au_earnings_store_finalize (GObject *object)
{
  AuEarningsStore *self = AU_EARNINGS_STORE (object);

  g_clear_object (&self->database);
  G_OBJECT_CLASS (au_earnings_store_parent_class)->finalize (object);
}

static void
au_earnings_store_class_init (AuEarningsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_earnings_store_finalize;
}

static void
au_earnings_store_init (AuEarningsStore *self)
{
}

AuEarningsStore *
au_earnings_store_new (AuDatabase  *database,
                       GError     **error)
{
  g_autoptr(AuEarningsStore) self = NULL;

  g_return_val_if_fail (AU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (AU_TYPE_EARNINGS_STORE, NULL);
  self->database = g_object_ref (database);
  if (!au_database_is_writable (database) && au_database_get_version (database, "earnings") == 0)
    self->empty = TRUE;
  else if (!au_database_migrate (database, "earnings", migrations, G_N_ELEMENTS (migrations),
                                 error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Parsing */

typedef struct
{
  char  *symbol;
  GDate  date;                        /* invalid: no report ahead */
} ParsedLine;

static void
parsed_line_free (ParsedLine *line)
{
  g_free (line->symbol);
  g_free (line);
}

/* Trims blanks and one pair of double quotes (spreadsheets write them). */
static char *
clean_field (const char *field)
{
  g_autofree char *text = g_strstrip (g_strdup (field));
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    {
      text[len - 1] = '\0';
      return g_strstrip (g_strdup (text + 1));
    }
  return g_steal_pointer (&text);
}

static gboolean
valid_symbol (const char *symbol)
{
  gsize len = strlen (symbol);

  if (len == 0 || len > MAX_SYMBOL_LENGTH || !g_ascii_isalpha (symbol[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (symbol[i]) && symbol[i] != '.' && symbol[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned y, m, d;
  char end;

  g_date_clear (date, 1);
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3)
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* NULL when @raw is fine (into @out, or skipped with *@out NULL), else
 * what is wrong with it. */
static char *
parse_line (const char  *raw,
            gboolean     first,
            ParsedLine **out)
{
  g_autofree char *line = g_strstrip (g_strdup (raw));
  g_auto(GStrv) fields = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *date = NULL;
  ParsedLine *parsed;

  *out = NULL;
  if (line[0] == '\0' || line[0] == '#')
    return NULL;
  fields = g_strsplit (line, ",", -1);
  if (g_strv_length (fields) != 2)
    return g_strdup_printf ("expected two fields, symbol,date (got %u)",
                            g_strv_length (fields));
  symbol = clean_field (fields[0]);
  date = clean_field (fields[1]);
  if (first && g_ascii_strcasecmp (symbol, "symbol") == 0 && g_ascii_strcasecmp (date, "date") == 0)
    return NULL;

  parsed = g_new0 (ParsedLine, 1);
  g_date_clear (&parsed->date, 1);
  parsed->symbol = g_ascii_strup (symbol, -1);
  if (!valid_symbol (parsed->symbol))
    {
      parsed_line_free (parsed);
      return g_strdup_printf ("symbol “%s” is not a ticker (letters, digits, “.” or “-”, "
                              "at most %d)", symbol, MAX_SYMBOL_LENGTH);
    }
  if (date[0] != '\0' && !parse_date (date, &parsed->date))
    {
      parsed_line_free (parsed);
      return g_strdup_printf ("date “%s” is not a calendar date YYYY-MM-DD", date);
    }
  *out = parsed;
  return NULL;
}

/* Every line, or NULL with every bad line named. */
static GPtrArray *
parse_text (const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_line_free);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) raw = NULL;
  guint n_bad = 0;
  gboolean first = TRUE;

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (copy, -1, NULL))
    {
      g_set_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_PARSE,
                   "the file is not text (symbol,date lines): nothing imported");
      return NULL;
    }
  raw = g_strsplit (copy, "\n", -1);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      ParsedLine *parsed = NULL;
      g_autofree char *problem = parse_line (raw[i], first, &parsed);

      if (problem != NULL)
        {
          if (n_bad++ < MAX_REPORTED_LINES)
            g_string_append_printf (problems, "%sline %u: %s", problems->len > 0 ? "; " : "",
                                    i + 1, problem);
          first = FALSE;
          continue;
        }
      if (parsed != NULL)
        g_ptr_array_add (lines, parsed);
      if (parsed != NULL || (g_strstrip (raw[i])[0] != '\0' && raw[i][0] != '#'))
        first = FALSE;
    }
  if (n_bad > MAX_REPORTED_LINES)
    g_string_append_printf (problems, "; and %u more bad line(s)", n_bad - MAX_REPORTED_LINES);
  if (n_bad > 0)
    {
      g_set_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_PARSE,
                   "%s; nothing imported", problems->str);
      return NULL;
    }
  if (lines->len == 0)
    {
      g_set_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_PARSE,
                   "no symbol,date line in the file: nothing imported");
      return NULL;
    }
  return g_steal_pointer (&lines);
}

/* Import */

static gboolean
insert_lines (AuEarningsStore *self,
              GPtrArray       *lines,
              gint64           imported_at,
              guint           *n_symbols,
              guint           *n_dates,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) import = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GHashTable) symbols = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db = au_database_get_handle (self->database);
  sqlite3_int64 import_id;
  guint dates = 0;

  import = au_database_prepare (self->database,
                                "INSERT INTO earnings_imports (imported_at) VALUES (?1);", error);
  if (import == NULL)
    return FALSE;
  sqlite3_bind_int64 (import, 1, imported_at);
  if (sqlite3_step (import) != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "recording the import");
      return FALSE;
    }
  import_id = sqlite3_last_insert_rowid (db);

  /* A duplicate line adds nothing (the UNIQUE key). */
  insert = au_database_prepare (self->database,
                                "INSERT OR IGNORE INTO earnings_dates (import_id, symbol, date) "
                                "VALUES (?1, ?2, ?3);", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const ParsedLine *line = g_ptr_array_index (lines, i);
      char date[16];

      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, import_id);
      sqlite3_bind_text (insert, 2, line->symbol, -1, SQLITE_STATIC);
      if (g_date_valid (&line->date))
        {
          g_date_strftime (date, sizeof date, "%Y-%m-%d", &line->date);
          sqlite3_bind_text (insert, 3, date, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_null (insert, 3);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          au_database_set_error (self->database, error, "storing an earnings date");
          return FALSE;
        }
      if (sqlite3_changes (db) > 0 && g_date_valid (&line->date))
        dates++;
      g_hash_table_add (symbols, line->symbol);
    }
  if (n_symbols != NULL)
    *n_symbols = g_hash_table_size (symbols);
  if (n_dates != NULL)
    *n_dates = dates;
  return TRUE;
}

gboolean
au_earnings_store_import (AuEarningsStore  *self,
                          const char       *text,
                          gsize             length,
                          gint64            imported_at,
                          guint            *n_symbols,
                          guint            *n_dates,
                          GError          **error)
{
  g_autoptr(GPtrArray) lines = NULL;

  g_return_val_if_fail (AU_IS_EARNINGS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lines = parse_text (text != NULL ? text : "", length, error);
  if (lines == NULL)
    return FALSE;
  if (self->empty)
    {
      g_set_error (error, AU_DATABASE_ERROR, AU_DATABASE_ERROR_OPEN,
                   "%s is open read-only: nothing imported",
                   au_database_get_path (self->database));
      return FALSE;
    }
  /* One transaction: all the lines or none (nothing half-imported). */
  if (!au_database_begin (self->database, error))
    return FALSE;
  if (!insert_lines (self, lines, imported_at, n_symbols, n_dates, error)
      || !au_database_commit (self->database, error))
    {
      au_database_rollback (self->database);
      return FALSE;
    }
  return TRUE;
}

/* Reading */

/* The rows of each symbol's latest import. */
#define LATEST_SQL                                                              \
  "SELECT d.symbol, d.date, i.imported_at FROM earnings_dates d "               \
  "JOIN earnings_imports i ON i.id = d.import_id "                              \
  "WHERE d.import_id = (SELECT MAX (import_id) FROM earnings_dates "            \
  "                     WHERE symbol = d.symbol) "

static AuEarningsEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  AuEarningsEntry *entry = g_new0 (AuEarningsEntry, 1);
  const char *date = (const char *) sqlite3_column_text (stmt, 1);

  entry->symbol = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_date_clear (&entry->date, 1);
  if (date != NULL)
    parse_date (date, &entry->date);
  entry->imported_at = sqlite3_column_int64 (stmt, 2);
  return entry;
}

static GPtrArray *
select_entries (AuEarningsStore  *self,
                const char       *symbol,
                GError          **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 au_earnings_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (self->empty)
    return g_steal_pointer (&entries);
  stmt = au_database_prepare (self->database,
                              symbol != NULL
                              ? LATEST_SQL "AND d.symbol = ?1 ORDER BY d.date;"
                              : LATEST_SQL "ORDER BY d.symbol, d.date;", error);
  if (stmt == NULL)
    return NULL;
  if (symbol != NULL)
    sqlite3_bind_text (stmt, 1, symbol, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      au_database_set_error (self->database, error, "reading the earnings dates");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
au_earnings_store_list (AuEarningsStore  *self,
                        GError          **error)
{
  g_return_val_if_fail (AU_IS_EARNINGS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return select_entries (self, NULL, error);
}

static void
eastern_date (gint64  usec,
              GDate  *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  au_eastern_split (utc, date, NULL);
}

#define HOW_TO_SUPPLY                                                          \
  "import a calendar with “alluse-cli earnings import --db FILE CSV” "          \
  "(lines symbol,date; “SYMBOL,” for one with no report ahead)"

AuEarningsCalendar *
au_earnings_store_calendar (AuEarningsStore  *self,
                            const char       *symbol,
                            gint64            now,
                            GError          **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(AuEarningsCalendar) calendar = NULL;
  const AuEarningsEntry *first;
  GDate imported, through;

  g_return_val_if_fail (AU_IS_EARNINGS_STORE (self), NULL);
  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = select_entries (self, symbol, error);
  if (entries == NULL)
    return NULL;
  if (entries->len == 0)
    {
      g_set_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_UNKNOWN,
                   "No earnings dates for %s: no put is written on it until you " HOW_TO_SUPPLY
                   " (D2.28).", symbol);
      return NULL;
    }
  first = g_ptr_array_index (entries, 0);
  eastern_date (first->imported_at, &imported);
  /* D2.28: older than 7 days, the calendar is stale (fail-closed). */
  if (now - first->imported_at > (gint64) AU_EARNINGS_STALE_DAYS * 24 * 3600 * G_USEC_PER_SEC)
    {
      char day[16];

      g_date_strftime (day, sizeof day, "%Y-%m-%d", &imported);
      g_set_error (error, AU_EARNINGS_STORE_ERROR, AU_EARNINGS_STORE_ERROR_STALE,
                   "The earnings dates of %s were imported on %s, more than %d days ago: no put "
                   "is written on it until you " HOW_TO_SUPPLY " again (D2.28).", symbol, day,
                   AU_EARNINGS_STALE_DAYS);
      return NULL;
    }

  calendar = au_earnings_calendar_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      const AuEarningsEntry *entry = g_ptr_array_index (entries, i);

      if (g_date_valid (&entry->date))
        au_earnings_calendar_add (calendar, symbol, &entry->date);
    }
  through = imported;
  g_date_add_days (&through, COVERED_DAYS);
  au_earnings_calendar_cover (calendar, symbol, &through);
  return g_steal_pointer (&calendar);
}

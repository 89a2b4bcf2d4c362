/* au-earnings-calendar.c: earnings dates by symbol (D2.28, R1.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include "au-earnings-calendar.h"

typedef struct
{
  GArray  *days;      /* sorted GDate Julian days (guint32), no duplicates */
  guint32  covered;   /* Julian day through which the symbol is known; 0: never */
} SymbolEntry;

struct _AuEarningsCalendar
{
  GObject     parent_instance;

  GHashTable *symbols; /* char* → SymbolEntry* */
};

G_DEFINE_FINAL_TYPE (AuEarningsCalendar, au_earnings_calendar, G_TYPE_OBJECT)

static void
symbol_entry_free (gpointer data)
{
  SymbolEntry *entry = data;

  g_array_unref (entry->days);
  g_free (entry);
}

static SymbolEntry *
ensure_entry (AuEarningsCalendar *self,
              const char         *symbol)
{
  SymbolEntry *entry = g_hash_table_lookup (self->symbols, symbol);

  if (entry == NULL)
    {
      entry = g_new0 (SymbolEntry, 1);
      entry->days = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (self->symbols, g_strdup (symbol), entry);
    }
  return entry;
}

/* Index of the first day ≥ @julian. */
static guint
lower_bound (GArray  *days,
             guint32  julian)
{
  guint lo = 0, hi = days->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (days, guint32, mid) < julian)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
au_earnings_calendar_finalize (GObject *object)
{
  AuEarningsCalendar *self = AU_EARNINGS_CALENDAR (object);

  g_clear_pointer (&self->symbols, g_hash_table_unref);

  G_OBJECT_CLASS (au_earnings_calendar_parent_class)->finalize (object);
}

static void
au_earnings_calendar_class_init (AuEarningsCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = au_earnings_calendar_finalize;
}

static void
au_earnings_calendar_init (AuEarningsCalendar *self)
{
  self->symbols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, symbol_entry_free);
}

AuEarningsCalendar *
au_earnings_calendar_new (void)
{
  return g_object_new (AU_TYPE_EARNINGS_CALENDAR, NULL);
}

void
au_earnings_calendar_add (AuEarningsCalendar *self,
                          const char         *symbol,
                          const GDate        *date)
{
  SymbolEntry *entry;
  guint32 julian;
  guint at;

  g_return_if_fail (AU_IS_EARNINGS_CALENDAR (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  entry = ensure_entry (self, symbol);
  julian = g_date_get_julian (date);
  at = lower_bound (entry->days, julian);
  if (at < entry->days->len && g_array_index (entry->days, guint32, at) == julian)
    return;
  g_array_insert_val (entry->days, at, julian);
}

void
au_earnings_calendar_cover (AuEarningsCalendar *self,
                            const char         *symbol,
                            const GDate        *through)
{
  SymbolEntry *entry;

  g_return_if_fail (AU_IS_EARNINGS_CALENDAR (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (through != NULL && g_date_valid (through));

  entry = ensure_entry (self, symbol);
  entry->covered = MAX (entry->covered, g_date_get_julian (through));
}

gboolean
au_earnings_calendar_covers (AuEarningsCalendar *self,
                             const char         *symbol,
                             const GDate        *date)
{
  SymbolEntry *entry;

  g_return_val_if_fail (AU_IS_EARNINGS_CALENDAR (self), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  entry = g_hash_table_lookup (self->symbols, symbol);
  return entry != NULL && entry->covered >= g_date_get_julian (date);
}

gboolean
au_earnings_calendar_next (AuEarningsCalendar *self,
                           const char         *symbol,
                           const GDate        *from,
                           GDate              *date)
{
  SymbolEntry *entry;
  guint at;
  guint32 julian;

  g_return_val_if_fail (AU_IS_EARNINGS_CALENDAR (self), FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  entry = g_hash_table_lookup (self->symbols, symbol);
  if (entry == NULL)
    return FALSE;
  at = lower_bound (entry->days, g_date_get_julian (from));
  if (at >= entry->days->len)
    return FALSE;
  julian = g_array_index (entry->days, guint32, at);
  if (julian > entry->covered)
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_julian (date, julian);
  return TRUE;
}

guint
au_earnings_calendar_count (AuEarningsCalendar *self,
                            const char         *symbol,
                            const GDate        *from,
                            const GDate        *to)
{
  SymbolEntry *entry;

  g_return_val_if_fail (AU_IS_EARNINGS_CALENDAR (self), 0);
  g_return_val_if_fail (symbol != NULL, 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  entry = g_hash_table_lookup (self->symbols, symbol);
  if (entry == NULL || g_date_compare (from, to) > 0)
    return 0;
  return lower_bound (entry->days, g_date_get_julian (to) + 1)
         - lower_bound (entry->days, g_date_get_julian (from));
}

gboolean
au_earnings_calendar_in_week (AuEarningsCalendar *self,
                              const char         *symbol,
                              const GDate        *date)
{
  GDate monday, friday;

  g_return_val_if_fail (AU_IS_EARNINGS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  monday = *date;
  g_date_subtract_days (&monday, g_date_get_weekday (date) - G_DATE_MONDAY);
  friday = monday;
  g_date_add_days (&friday, 4);
  return au_earnings_calendar_count (self, symbol, &monday, &friday) > 0;
}

gboolean
au_earnings_calendar_is_report (AuEarningsCalendar *self,
                                const char         *symbol,
                                const GDate        *date)
{
  return au_earnings_calendar_count (self, symbol, date, date) > 0;
}

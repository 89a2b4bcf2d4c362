/* au-option-expiries.c: the expiries a symbol lists on a date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include "au-market-calendar.h"
#include "au-option-expiries.h"
#include "au-schedule.h"

#define N_WEEKLIES       6
#define DAILY_DAYS       14
#define MONTHLY_MONTHS   12
#define LONG_DATED_MONTHS 24

static void
third_friday (GDateYear  year,
              GDateMonth month,
              GDate     *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 1, month, year);
  g_date_add_days (date, (G_DATE_FRIDAY - g_date_get_weekday (date) + 7) % 7 + 14);
}

static void
back_to_trading_day (GDate *date)
{
  if (!au_nyse_is_trading_day (date))
    au_nyse_previous_trading_day (date);
}

void
au_option_monthly_expiry (GDateYear   year,
                          GDateMonth  month,
                          GDate      *expiry)
{
  g_return_if_fail (expiry != NULL);

  third_friday (year, month, expiry);
  back_to_trading_day (expiry);
}

gboolean
au_option_is_monthly_expiry (const GDate *date)
{
  GDate monthly;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  au_option_monthly_expiry (g_date_get_year (date), g_date_get_month (date), &monthly);
  return g_date_compare (&monthly, date) == 0;
}

static void
add_months (GDateYear  *year,
            GDateMonth *month,
            guint       n)
{
  guint index = (*year) * 12 + (*month - 1) + n;

  *year = index / 12;
  *month = (GDateMonth) (index % 12 + 1);
}

static void
vix_expiry (GDateYear   year,
            GDateMonth  month,
            GDate      *expiry)
{
  GDateYear next_year = year;
  GDateMonth next_month = month;

  /* CBOE: the Wednesday 30 days before the third Friday of the following
   * month (that Friday's SPX options settle the VIX). */
  add_months (&next_year, &next_month, 1);
  third_friday (next_year, next_month, expiry);
  g_date_subtract_days (expiry, 30);
  back_to_trading_day (expiry);
}

static gint
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return g_date_compare (a, b);
}

static void
maybe_add (GArray      *out,
           const GDate *date,
           const GDate *today,
           gboolean     after_close,
           guint        max_dte)
{
  int dte = au_schedule_dte (today, date);

  if (dte < 0 || (dte == 0 && after_close) || (guint) dte > max_dte)
    return;
  if (!au_nyse_is_trading_day (date))
    return;
  g_array_append_val (out, *date);
}

GArray *
au_option_expiries (const AuSymbolParams *params,
                    const GDate          *today,
                    gboolean              after_close,
                    guint                 max_dte)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (GDate));
  GArray *out;
  GDate date;
  guint i;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (params->kind == AU_ASSET_VOLATILITY)
    {
      for (i = 0; i <= MONTHLY_MONTHS; i++)
        {
          GDateYear year = g_date_get_year (today);
          GDateMonth month = g_date_get_month (today);

          add_months (&year, &month, i);
          vix_expiry (year, month, &date);
          maybe_add (all, &date, today, after_close, max_dte);
        }
    }
  else
    {
      if (params->daily_expiries)
        for (i = 0; i <= DAILY_DAYS; i++)
          {
            date = *today;
            g_date_add_days (&date, i);
            maybe_add (all, &date, today, after_close, max_dte);
          }
      for (i = 0; i < N_WEEKLIES; i++)
        {
          GDate week = *today;

          g_date_add_days (&week, 7 * i);
          if (au_schedule_week_expiry (&week, &date))
            maybe_add (all, &date, today, after_close, max_dte);
        }
      for (i = 0; i <= LONG_DATED_MONTHS; i++)
        {
          GDateYear year = g_date_get_year (today);
          GDateMonth month = g_date_get_month (today);

          add_months (&year, &month, i);
          if (i > MONTHLY_MONTHS && month % 3 != 0 && month != G_DATE_JANUARY)
            continue;
          au_option_monthly_expiry (year, month, &date);
          maybe_add (all, &date, today, after_close, max_dte);
        }
    }

  g_array_sort (all, compare_dates);
  out = g_array_new (FALSE, FALSE, sizeof (GDate));
  for (i = 0; i < all->len; i++)
    {
      const GDate *d = &g_array_index (all, GDate, i);

      if (out->len == 0 || g_date_compare (&g_array_index (out, GDate, out->len - 1), d) != 0)
        g_array_append_val (out, *d);
    }
  return out;
}

/* au-market-earnings.c: the paper market's generated earnings dates (D2.28)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-market"

#include "config.h"

#include "au-market-calendar.h"
#include "au-market-sim-private.h"

/* A report lands this many days either side of the symbol's usual day. */
#define EARNINGS_JITTER_DAYS 4

static const GDateMonth quarter_end_months[4] = {
  G_DATE_DECEMBER, G_DATE_MARCH, G_DATE_JUNE, G_DATE_SEPTEMBER,
};

/* The four reports of @params in @year: one per quarter, @earnings_day
 * days after the quarter's end (the December quarter's in January or
 * February), ± a few days keyed on (seed, symbol, year, quarter) so the
 * calendar does not depend on when it is generated, moved to the next
 * session when it falls on a closed day. Twins (GOOG, GOOGL) share the
 * company's dates. */
static void
add_year (AuMarketSim          *self,
          const char           *symbol,
          const AuSymbolParams *company,
          GDateYear             year)
{
  guint q;

  for (q = 0; q < 4; q++)
    {
      GDateYear end_year = q == 0 ? year - 1 : year;
      guint64 key = self->seed ^ au_random_hash_string (company->symbol);
      int jitter;
      GDate date;

      key = au_random_mix (key ^ ((guint64) year * 4 + q));
      jitter = (int) (au_random_uniform_from_key (key) * (2 * EARNINGS_JITTER_DAYS + 1))
               - EARNINGS_JITTER_DAYS;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_get_days_in_month (quarter_end_months[q], end_year),
                      quarter_end_months[q], end_year);
      g_date_add_days (&date, company->earnings_day + jitter);
      if (!au_nyse_is_trading_day (&date))
        au_nyse_next_trading_day (&date);
      au_earnings_calendar_add (self->earnings, symbol, &date);
    }
}

void
_au_market_sim_ensure_earnings (AuMarketSim *self,
                                GDateYear    through_year)
{
  GDateYear year;
  guint i;

  for (year = self->earnings_through + 1; year <= through_year; year++)
    {
      GDate last;

      g_date_clear (&last, 1);
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, year);
      for (i = 0; i < AU_MARKET_N_SYMBOLS; i++)
        {
          const AuSymbolState *s = &self->symbols[i];
          const AuSymbolParams *company = s->twin >= 0 ? self->symbols[s->twin].params : s->params;

          if (company->earnings_std > 0.0)
            add_year (self, s->params->symbol, company, year);
          /* Every later report falls after January 17 (the earliest usual
           * day is 22 days after the quarter, less the jitter), so the
           * year is complete. */
          au_earnings_calendar_cover (self->earnings, s->params->symbol, &last);
        }
      self->earnings_through = year;
    }
}

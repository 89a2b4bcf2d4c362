/* au-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "au-types.h"

static const char *sleeve_names[] = { "gen", "rev", "com", "mini" };
static const char *weekday_names[] = { NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char *strategy_names[] = { "csp", "cc", "leap_call", "leap_put", "stock" };

const char *
au_sleeve_to_string (AuSleeve sleeve)
{
  g_return_val_if_fail (sleeve <= AU_SLEEVE_MINI, NULL);
  return sleeve_names[sleeve];
}

gboolean
au_sleeve_from_string (const char *text,
                       AuSleeve   *sleeve)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (sleeve_names); i++)
    if (g_ascii_strcasecmp (text, sleeve_names[i]) == 0)
      {
        *sleeve = (AuSleeve) i;
        return TRUE;
      }
  return FALSE;
}

const char *
au_weekday_to_string (AuWeekday day)
{
  g_return_val_if_fail (day >= AU_WEEKDAY_MONDAY && day <= AU_WEEKDAY_SUNDAY, NULL);
  return weekday_names[day];
}

gboolean
au_weekday_from_string (const char *text,
                        AuWeekday  *day)
{
  for (guint i = AU_WEEKDAY_MONDAY; text != NULL && i <= AU_WEEKDAY_SUNDAY; i++)
    if (g_ascii_strncasecmp (text, weekday_names[i], 3) == 0)
      {
        *day = (AuWeekday) i;
        return TRUE;
      }
  return FALSE;
}

const char *
au_strategy_to_string (AuStrategy strategy)
{
  g_return_val_if_fail (strategy <= AU_STRATEGY_STOCK, NULL);
  return strategy_names[strategy];
}

gboolean
au_strategy_from_string (const char *text,
                         AuStrategy *strategy)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (strategy_names); i++)
    if (g_ascii_strcasecmp (text, strategy_names[i]) == 0)
      {
        *strategy = (AuStrategy) i;
        return TRUE;
      }
  return FALSE;
}

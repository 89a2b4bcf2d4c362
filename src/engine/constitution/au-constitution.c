/* au-constitution.c: loading and validating the constitution data file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-constitution"

#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "au-constitution.h"
#include "au-money.h"

struct _AuConstitution
{
  GObject               parent_instance;
  AuConstitutionParams  params;
  GBytes               *bytes;
  char                 *sha256;
  char                 *origin;
};

G_DEFINE_FINAL_TYPE (AuConstitution, au_constitution, G_TYPE_OBJECT)

G_DEFINE_QUARK (au-constitution-error-quark, au_constitution_error)

typedef enum
{
  KEY_FRACTION,   /* double in [0, 1] */
  KEY_DOUBLE,     /* double in [min, max] */
  KEY_INT,        /* integer in [min, max] */
  KEY_INT64,      /* integer in [min, max] */
  KEY_MONEY,      /* dollars, at most two decimals, >= 0 */
  KEY_TIME,       /* HH:MM */
  KEY_WEEKDAY,    /* mon..sun */
  KEY_BOOL,
  KEY_STRING,
  KEY_TICKERS,    /* ;-separated upper-case symbols, at least one */
  KEY_STRATEGIES, /* ;-separated strategy names, at least one */
  KEY_CHOICE,     /* a word checked by the caller; only required here */
} KeyType;

typedef struct
{
  const char *key;
  KeyType     type;
  gsize       offset;
  double      min;
  double      max;
} KeyDesc;

typedef struct
{
  const char    *group;
  const KeyDesc *keys;
  guint          n_keys;
  gsize          base;   /* offset added to every key of the group */
} GroupDesc;

#define P(field) offsetof (AuConstitutionParams, field)
#define S(field) offsetof (AuSleeveRules, field)

static const KeyDesc meta_keys[] = {
  { "version", KEY_STRING, P (version), 0, 0 },
  { "profile", KEY_STRING, P (profile), 0, 0 },
  { "name",    KEY_STRING, P (name),    0, 0 },
};

static const KeyDesc global_keys[] = {
  { "split_gen",              KEY_FRACTION, P (global.split_gen), 0, 1 },
  { "split_rev",              KEY_FRACTION, P (global.split_rev), 0, 1 },
  { "split_com",              KEY_FRACTION, P (global.split_com), 0, 1 },
  { "split_tolerance",        KEY_FRACTION, P (global.split_tolerance), 0, 1 },
  { "deploy_min",             KEY_FRACTION, P (global.deploy_min), 0, 1 },
  { "deploy_max",             KEY_FRACTION, P (global.deploy_max), 0, 1 },
  { "symbol_cap",             KEY_FRACTION, P (global.symbol_cap), 0, 1 },
  { "warn_ratio",             KEY_FRACTION, P (global.warn_ratio), 0, 1 },
  { "slice_contracts",        KEY_INT,      P (global.slice_contracts), 1, 100000 },
  { "max_slippage",           KEY_FRACTION, P (global.max_slippage), 0, 1 },
  { "cancel_replace_seconds", KEY_INT,      P (global.cancel_replace_seconds), 1, 3600 },
  { "pivot_drawdown",         KEY_FRACTION, P (global.pivot_drawdown), 0, 1 },
  { "pivot_vix_below",        KEY_DOUBLE,   P (global.pivot_vix_below), 0, 1000 },
  { "pivot_recover_within",   KEY_FRACTION, P (global.pivot_recover_within), 0, 1 },
  { "margin_cap",             KEY_FRACTION, P (global.margin_cap), 0, 1 },
  { "monitor_l0_seconds",     KEY_INT,      P (global.monitor_seconds[0]), 1, 86400 },
  { "monitor_l1_seconds",     KEY_INT,      P (global.monitor_seconds[1]), 1, 86400 },
  { "monitor_l2_seconds",     KEY_INT,      P (global.monitor_seconds[2]), 1, 86400 },
  { "monitor_l3_seconds",     KEY_INT,      P (global.monitor_seconds[3]), 1, 86400 },
};

static const KeyDesc schedule_keys[] = {
  { "manage_day",              KEY_WEEKDAY, P (schedule.manage_day), 0, 0 },
  { "manage_open",             KEY_TIME,    P (schedule.manage_open), 0, 0 },
  { "manage_close",            KEY_TIME,    P (schedule.manage_close), 0, 0 },
  { "weekly_cut",              KEY_TIME,    P (schedule.weekly_cut), 0, 0 },
  { "assignment_check",        KEY_TIME,    P (schedule.assignment_check), 0, 0 },
  { "atr_time",                KEY_TIME,    P (schedule.atr_time), 0, 0 },
  { "market_open",             KEY_TIME,    P (schedule.market_open), 0, 0 },
  { "market_close",            KEY_TIME,    P (schedule.market_close), 0, 0 },
  { "early_close",             KEY_TIME,    P (schedule.early_close), 0, 0 },
  { "early_close_shift_hours", KEY_INT,     P (schedule.early_close_shift_hours), 0, 12 },
  { "early_close_shift_after", KEY_TIME,    P (schedule.early_close_shift_after), 0, 0 },
};

static const KeyDesc sleeve_keys[] = {
  { "strategies",       KEY_STRATEGIES, S (strategies), 0, 0 },
  { "universe",         KEY_TICKERS,    S (universe), 0, 0 },
  { "entry_day",        KEY_WEEKDAY,    S (entry_day), 0, 0 },
  { "entry_open",       KEY_TIME,       S (entry_open), 0, 0 },
  { "entry_close",      KEY_TIME,       S (entry_close), 0, 0 },
  { "dte_min",          KEY_INT,        S (dte_min), 0, 3650 },
  { "dte_max",          KEY_INT,        S (dte_max), 0, 3650 },
  { "stress_dte_min",   KEY_INT,        S (stress_dte_min), 0, 3650 },
  { "stress_dte_max",   KEY_INT,        S (stress_dte_max), 0, 3650 },
  { "delta_min",        KEY_FRACTION,   S (delta_min), 0, 1 },
  { "delta_max",        KEY_FRACTION,   S (delta_max), 0, 1 },
  { "symbol_cap",       KEY_FRACTION,   S (symbol_cap), 0, 1 },
  { "roll_trigger_atr", KEY_DOUBLE,     S (roll_trigger_atr), 0, 100 },
  { "reinvest",         KEY_BOOL,       S (reinvest), 0, 0 },
  { "fork_step",        KEY_MONEY,      S (fork_step), 0, 0 },
};

static const KeyDesc covered_call_keys[] = {
  { "entry_day",             KEY_WEEKDAY,  P (covered_call.entry_day), 0, 0 },
  { "entry_open",            KEY_TIME,     P (covered_call.entry_open), 0, 0 },
  { "entry_close",           KEY_TIME,     P (covered_call.entry_close), 0, 0 },
  { "dte_min",               KEY_INT,      P (covered_call.dte_min), 0, 3650 },
  { "dte_max",               KEY_INT,      P (covered_call.dte_max), 0, 3650 },
  { "delta_min",             KEY_FRACTION, P (covered_call.delta_min), 0, 1 },
  { "delta_max",             KEY_FRACTION, P (covered_call.delta_max), 0, 1 },
  { "profit_take",           KEY_FRACTION, P (covered_call.profit_take), 0, 1 },
  { "earnings_coverage_max", KEY_FRACTION, P (covered_call.earnings_coverage_max), 0, 1 },
  { "recovery_within",       KEY_FRACTION, P (covered_call.recovery_within), 0, 1 },
};

static const KeyDesc assignment_keys[] = {
  { "low_otm_above",        KEY_FRACTION, P (assignment.low_otm_above), 0, 1 },
  { "medium_otm_from",      KEY_FRACTION, P (assignment.medium_otm_from), 0, 1 },
  { "critical_itm_beyond",  KEY_FRACTION, P (assignment.critical_itm_beyond), 0, 1 },
  { "probability_low",      KEY_FRACTION, P (assignment.probability[0]), 0, 1 },
  { "probability_medium",   KEY_FRACTION, P (assignment.probability[1]), 0, 1 },
  { "probability_high",     KEY_FRACTION, P (assignment.probability[2]), 0, 1 },
  { "probability_critical", KEY_FRACTION, P (assignment.probability[3]), 0, 1 },
  { "boost_under_24h",      KEY_DOUBLE,   P (assignment.boost_under_24h), 1, 100 },
  { "boost_under_72h",      KEY_DOUBLE,   P (assignment.boost_under_72h), 1, 100 },
  { "probability_cap",      KEY_FRACTION, P (assignment.probability_cap), 0, 1 },
};

static const KeyDesc short_weeks_keys[] = {
  { "dte_grace_days", KEY_INT, P (dte_grace_days), 0, 7 },
};

static const KeyDesc protocol_keys[] = {
  { "l1_atr",              KEY_DOUBLE,   P (protocol.level_atr[1]), 0, 100 },
  { "l2_atr",              KEY_DOUBLE,   P (protocol.level_atr[2]), 0, 100 },
  { "l3_atr",              KEY_DOUBLE,   P (protocol.level_atr[3]), 0, 100 },
  { "roll_cost_max",       KEY_FRACTION, P (protocol.roll_cost_max), 0, 1 },
  { "roll_min_days",       KEY_INT,      P (protocol.roll_min_days), 1, 365 },
  { "profit_take_anytime", KEY_FRACTION, P (protocol.profit_take_anytime), 0, 1 },
  { "cc_assignment_delta", KEY_FRACTION, P (protocol.cc_assignment_delta), 0, 1 },
  { "l3_spread_cross",     KEY_FRACTION, P (protocol.l3_spread_cross), 0, 1 },
  { "l3_latched",          KEY_BOOL,     P (protocol.l3_latched), 0, 0 },
};

static const KeyDesc atr_keys[] = {
  { "period",            KEY_INT,      P (atr.period), 1, 1000 },
  { "method",            KEY_CHOICE,   0, 0, 0 },  /* sma | wilder, read in load_params () */
  { "stale_factor",      KEY_DOUBLE,   P (atr.stale_factor), 1, 10 },
  { "fallback_fraction", KEY_FRACTION, P (atr.fallback_fraction), 0, 1 },
};

static const KeyDesc vix_keys[] = {
  { "hedged_above", KEY_DOUBLE, P (vix.hedged_above), 0, 1000 },
  { "safe_above",   KEY_DOUBLE, P (vix.safe_above), 0, 1000 },
  { "kill_above",   KEY_DOUBLE, P (vix.kill_above), 0, 1000 },
};

static const KeyDesc hedged_week_keys[] = {
  { "deploy_max",        KEY_FRACTION, P (hedged_week.deploy_max), 0, 1 },
  { "symbol_cap_factor", KEY_FRACTION, P (hedged_week.symbol_cap_factor), 0, 1 },
  { "roll_min_level",    KEY_INT,      P (hedged_week.roll_min_level), 0, 3 },
};

static const KeyDesc hedge_keys[] = {
  { "gains_fraction",        KEY_FRACTION, P (hedge.gains_fraction), 0, 1 },
  { "equity_floor",          KEY_FRACTION, P (hedge.equity_floor), 0, 1 },
  { "l2_equity",             KEY_FRACTION, P (hedge.l2_equity), 0, 1 },
  { "spx_weight",            KEY_INT,      P (hedge.spx_weight), 0, 100 },
  { "vix_weight",            KEY_INT,      P (hedge.vix_weight), 0, 100 },
  { "spx_months_min",        KEY_INT,      P (hedge.spx_months_min), 0, 120 },
  { "spx_months_max",        KEY_INT,      P (hedge.spx_months_max), 0, 120 },
  { "spx_otm_min",           KEY_FRACTION, P (hedge.spx_otm_min), 0, 1 },
  { "spx_otm_max",           KEY_FRACTION, P (hedge.spx_otm_max), 0, 1 },
  { "vix_months",            KEY_INT,      P (hedge.vix_months), 0, 120 },
  { "trigger_vix_above",     KEY_DOUBLE,   P (hedge.trigger_vix_above), 0, 1000 },
  { "trigger_vix_days",      KEY_INT,      P (hedge.trigger_vix_days), 1, 365 },
  { "trigger_spx_drawdown",  KEY_FRACTION, P (hedge.trigger_spx_drawdown), 0, 1 },
  { "trigger_breadth_below", KEY_FRACTION, P (hedge.trigger_breadth_below), 0, 1 },
  { "release_profit",        KEY_DOUBLE,   P (hedge.release_profit), 0, 100 },
  { "release_vix_below",     KEY_DOUBLE,   P (hedge.release_vix_below), 0, 1000 },
};

static const KeyDesc liquidity_keys[] = {
  { "min_open_interest", KEY_INT64,    P (liquidity.min_open_interest), 0, 1e12 },
  { "min_volume",        KEY_INT64,    P (liquidity.min_volume), 0, 1e12 },
  { "max_spread",        KEY_FRACTION, P (liquidity.max_spread), 0, 1 },
  { "spread_warn",       KEY_FRACTION, P (liquidity.spread_warn), 0, 1 },
  { "max_adv_fraction",  KEY_FRACTION, P (liquidity.max_adv_fraction), 0, 1 },
  { "adv_warn",          KEY_FRACTION, P (liquidity.adv_warn), 0, 1 },
};

static const KeyDesc data_keys[] = {
  { "stale_seconds",         KEY_INT,      P (data.stale_seconds), 1, 86400 },
  { "stale_stop_seconds",    KEY_INT,      P (data.stale_stop_seconds), 1, 86400 },
  { "stale_spread_widen",    KEY_FRACTION, P (data.stale_spread_widen), 0, 1 },
  { "earnings_max_age_days", KEY_INT,      P (data.earnings_max_age_days), 0, 365 },
};

static const KeyDesc fork_keys[] = {
  { "mini_gen_share",      KEY_FRACTION, P (fork.mini_gen_share), 0, 1 },
  { "mini_com_share",      KEY_FRACTION, P (fork.mini_com_share), 0, 1 },
  { "mini_merge_years",    KEY_INT,      P (fork.mini_merge_years), 1, 100 },
  { "mini_merge_multiple", KEY_DOUBLE,   P (fork.mini_merge_multiple), 1, 1000 },
  { "max_sub_accounts",    KEY_INT,      P (fork.max_sub_accounts), 1, 1000 },
};

static const KeyDesc reinvest_keys[] = {
  { "tax_reserve",     KEY_FRACTION, P (reinvest.tax_reserve), 0, 1 },
  { "contracts_share", KEY_FRACTION, P (reinvest.contracts_share), 0, 1 },
  { "leap_share",      KEY_FRACTION, P (reinvest.leap_share), 0, 1 },
};

static const KeyDesc leap_keys[] = {
  { "growth_delta_min",      KEY_FRACTION, P (leap.growth_delta_min), 0, 1 },
  { "growth_delta_max",      KEY_FRACTION, P (leap.growth_delta_max), 0, 1 },
  { "growth_months_min",     KEY_INT,      P (leap.growth_months_min), 0, 120 },
  { "growth_months_max",     KEY_INT,      P (leap.growth_months_max), 0, 120 },
  { "hedge_otm_min",         KEY_FRACTION, P (leap.hedge_otm_min), 0, 1 },
  { "hedge_otm_max",         KEY_FRACTION, P (leap.hedge_otm_max), 0, 1 },
  { "hedge_months_min",      KEY_INT,      P (leap.hedge_months_min), 0, 120 },
  { "hedge_months_max",      KEY_INT,      P (leap.hedge_months_max), 0, 120 },
  { "roll_months",           KEY_INT,      P (leap.roll_months), 0, 120 },
  { "roll_delta_min",        KEY_FRACTION, P (leap.roll_delta_min), 0, 1 },
  { "roll_delta_max",        KEY_FRACTION, P (leap.roll_delta_max), 0, 1 },
  { "hedge_close_vix_below", KEY_DOUBLE,   P (leap.hedge_close_vix_below), 0, 1000 },
  { "growth_share",          KEY_FRACTION, P (leap.growth_share), 0, 1 },
  { "hedge_share",           KEY_FRACTION, P (leap.hedge_share), 0, 1 },
  { "growth_symbol",         KEY_STRING,   P (leap.growth_symbol), 0, 0 },
  { "hedge_symbol",          KEY_STRING,   P (leap.hedge_symbol), 0, 0 },
};

static const KeyDesc latch_keys[] = {
  { "unattended_reset",         KEY_STRING, P (latch.unattended_reset), 0, 0 },
  { "unattended_reset_vix_max", KEY_DOUBLE, P (latch.unattended_reset_vix_max), 0, 1000 },
};

#define GROUP(name, keys, base) { name, keys, G_N_ELEMENTS (keys), base }

static const GroupDesc groups[] = {
  GROUP ("meta",         meta_keys,         0),
  GROUP ("global",       global_keys,       0),
  GROUP ("schedule",     schedule_keys,     0),
  GROUP ("sleeve.gen",   sleeve_keys,       P (sleeve[AU_SLEEVE_GEN])),
  GROUP ("sleeve.rev",   sleeve_keys,       P (sleeve[AU_SLEEVE_REV])),
  GROUP ("sleeve.com",   sleeve_keys,       P (sleeve[AU_SLEEVE_COM])),
  GROUP ("covered_call", covered_call_keys, 0),
  GROUP ("assignment",   assignment_keys,   0),
  GROUP ("short_weeks",  short_weeks_keys,  0),
  GROUP ("protocol",     protocol_keys,     0),
  GROUP ("atr",          atr_keys,          0),
  GROUP ("vix",          vix_keys,          0),
  GROUP ("hedged_week",  hedged_week_keys,  0),
  GROUP ("hedge",        hedge_keys,        0),
  GROUP ("liquidity",    liquidity_keys,    0),
  GROUP ("data",         data_keys,         0),
  GROUP ("fork",         fork_keys,         0),
  GROUP ("reinvest",     reinvest_keys,     0),
  GROUP ("leap",         leap_keys,         0),
  GROUP ("latch",        latch_keys,        0),
};

typedef struct
{
  const char *origin;
  const char *text;
  GKeyFile   *keyfile;
} Loader;

/* GKeyFile does not keep line numbers, so the line of a key is found in
 * the text: the first "key=" line after the "[group]" header. */
static int
find_line (const Loader *loader,
           const char   *group,
           const char   *key)
{
  g_auto(GStrv) lines = g_strsplit (loader->text, "\n", -1);
  g_autofree char *header = g_strdup_printf ("[%s]", group);
  gboolean in_group = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '[')
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (line));
          in_group = g_str_equal (trimmed, header);
          if (in_group && key == NULL)
            return (int) i + 1;
          continue;
        }
      if (in_group && key != NULL && g_str_has_prefix (line, key))
        {
          const char *rest = line + strlen (key);

          while (*rest == ' ' || *rest == '\t')
            rest++;
          if (*rest == '=')
            return (int) i + 1;
        }
    }
  return 0;
}

G_GNUC_PRINTF (6, 7)
static void
set_error (const Loader         *loader,
           GError              **error,
           AuConstitutionError   code,
           const char           *group,
           const char           *key,
           const char           *format,
           ...)
{
  g_autofree char *message = NULL;
  int line = find_line (loader, group, key);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (error, AU_CONSTITUTION_ERROR, code, "%s:%d: [%s] %s: %s",
                 loader->origin, line, group, key ? key : "", message);
  else
    g_set_error (error, AU_CONSTITUTION_ERROR, code, "%s: [%s] %s: %s",
                 loader->origin, group, key ? key : "", message);
}

static gboolean
parse_time (const char    *text,
            AuMinuteOfDay *out)
{
  int h, m;
  char extra;

  if (text == NULL || sscanf (text, "%d:%d%c", &h, &m, &extra) != 2)
    return FALSE;
  if (strlen (text) != 5 || h < 0 || h > 23 || m < 0 || m > 59)
    return FALSE;
  *out = h * 60 + m;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

static gboolean
load_key (const Loader  *loader,
          const char    *group,
          const KeyDesc *desc,
          guint8        *target,
          GError       **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) local_error = NULL;
  double number;

  raw = g_key_file_get_value (loader->keyfile, group, desc->key, &local_error);
  if (raw == NULL)
    {
      set_error (loader, error, AU_CONSTITUTION_ERROR_MISSING, group, NULL,
                 "required key “%s” is missing", desc->key);
      return FALSE;
    }
  value = g_strstrip (g_strdup (raw));

  switch (desc->type)
    {
    case KEY_FRACTION:
    case KEY_DOUBLE:
      if (!parse_number (value, &number))
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                     "“%s” is not a number", value);
          return FALSE;
        }
      if (number < desc->min || number > desc->max)
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_RANGE, group, desc->key,
                     "%s is outside the allowed range %g to %g", value, desc->min, desc->max);
          return FALSE;
        }
      *(double *) (target + desc->offset) = number;
      break;

    case KEY_INT:
    case KEY_INT64:
      {
        gint64 integer;

        if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &integer, NULL))
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                       "“%s” is not a whole number", value);
            return FALSE;
          }
        if ((double) integer < desc->min || (double) integer > desc->max)
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_RANGE, group, desc->key,
                       "%s is outside the allowed range %.0f to %.0f", value, desc->min, desc->max);
            return FALSE;
          }
        if (desc->type == KEY_INT)
          *(int *) (target + desc->offset) = (int) integer;
        else
          *(gint64 *) (target + desc->offset) = integer;
      }
      break;

    case KEY_MONEY:
      {
        g_autoptr(GError) money_error = NULL;
        AuMoney cents;

        if (!au_money_parse (value, &cents, &money_error))
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                       "%s", money_error->message);
            return FALSE;
          }
        if (cents < 0)
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_RANGE, group, desc->key,
                       "%s must not be negative", value);
            return FALSE;
          }
        *(AuMoney *) (target + desc->offset) = cents;
      }
      break;

    case KEY_TIME:
      if (!parse_time (value, (AuMinuteOfDay *) (target + desc->offset)))
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                     "“%s” is not a time of day as HH:MM", value);
          return FALSE;
        }
      break;

    case KEY_WEEKDAY:
      {
        AuWeekday day;

        if (strlen (value) != 3 || !au_weekday_from_string (value, &day))
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                       "“%s” is not a weekday (mon, tue, wed, thu, fri, sat, sun)", value);
            return FALSE;
          }
        *(AuWeekday *) (target + desc->offset) = day;
      }
      break;

    case KEY_BOOL:
      if (g_str_equal (value, "true"))
        *(gboolean *) (target + desc->offset) = TRUE;
      else if (g_str_equal (value, "false"))
        *(gboolean *) (target + desc->offset) = FALSE;
      else
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                     "“%s” is neither true nor false", value);
          return FALSE;
        }
      break;

    case KEY_STRING:
      if (*value == '\0')
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                     "must not be empty");
          return FALSE;
        }
      *(char **) (target + desc->offset) = g_steal_pointer (&value);
      break;

    case KEY_CHOICE:
      if (*value == '\0')
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                     "must not be empty");
          return FALSE;
        }
      break;

    case KEY_TICKERS:
      {
        g_auto(GStrv) parts = g_strsplit (value, ";", -1);
        g_autoptr(GPtrArray) tickers = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; parts[i] != NULL; i++)
          {
            char *ticker = g_strstrip (parts[i]);

            if (*ticker == '\0')
              continue;
            for (const char *c = ticker; *c; c++)
              if (!g_ascii_isupper (*c) && !g_ascii_isdigit (*c) && *c != '.')
                {
                  set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                             "“%s” is not an upper-case ticker", ticker);
                  return FALSE;
                }
            g_ptr_array_add (tickers, g_strdup (ticker));
          }
        if (tickers->len == 0)
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_RANGE, group, desc->key,
                       "the universe must name at least one ticker");
            return FALSE;
          }
        g_ptr_array_add (tickers, NULL);
        *(GStrv *) (target + desc->offset) = (GStrv) g_ptr_array_free (g_steal_pointer (&tickers), FALSE);
      }
      break;

    case KEY_STRATEGIES:
      {
        g_auto(GStrv) parts = g_strsplit (value, ";", -1);
        guint set = 0;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            char *name = g_strstrip (parts[i]);
            AuStrategy strategy;

            if (*name == '\0')
              continue;
            if (!au_strategy_from_string (name, &strategy))
              {
                set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, group, desc->key,
                           "“%s” is not a strategy (csp, cc, leap_call, leap_put, stock)", name);
                return FALSE;
              }
            set |= 1u << strategy;
          }
        if (set == 0)
          {
            set_error (loader, error, AU_CONSTITUTION_ERROR_RANGE, group, desc->key,
                       "at least one strategy is required");
            return FALSE;
          }
        *(guint *) (target + desc->offset) = set;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static const GroupDesc *
find_group (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (g_str_equal (groups[i].group, name))
      return &groups[i];
  return NULL;
}

static gboolean
check_known_keys (const Loader  *loader,
                  GError       **error)
{
  g_auto(GStrv) file_groups = g_key_file_get_groups (loader->keyfile, NULL);

  for (guint i = 0; file_groups[i] != NULL; i++)
    {
      const char *group = file_groups[i];
      const GroupDesc *desc = find_group (group);
      g_auto(GStrv) keys = NULL;

      if (g_str_equal (group, "rules"))
        continue; /* free-form: name = rule number */

      if (desc == NULL)
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_UNKNOWN_KEY, group, NULL,
                     "unknown section");
          return FALSE;
        }

      keys = g_key_file_get_keys (loader->keyfile, group, NULL, NULL);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          gboolean known = FALSE;

          for (guint d = 0; d < desc->n_keys && !known; d++)
            known = g_str_equal (desc->keys[d].key, keys[k]);
          if (!known)
            {
              set_error (loader, error, AU_CONSTITUTION_ERROR_UNKNOWN_KEY, group, keys[k],
                         "unknown key (a typo would silently change a rule)");
              return FALSE;
            }
        }
    }
  return TRUE;
}

#define REQUIRE(cond, group, key, ...)                                               \
  G_STMT_START {                                                                     \
    if (!(cond))                                                                     \
      {                                                                              \
        set_error (loader, error, AU_CONSTITUTION_ERROR_INCONSISTENT, group, key,   \
                   __VA_ARGS__);                                                     \
        return FALSE;                                                                \
      }                                                                              \
  } G_STMT_END

static gboolean
in_some_universe (const AuConstitutionParams *p,
                  const char                 *symbol)
{
  for (guint s = 0; s < AU_N_SLEEVES; s++)
    if (p->sleeve[s].universe != NULL
        && g_strv_contains ((const char * const *) p->sleeve[s].universe, symbol))
      return TRUE;
  return FALSE;
}

static gboolean
check_consistency (const Loader               *loader,
                   const AuConstitutionParams *p,
                   GError                    **error)
{
  static const char *sleeve_groups[] = { "sleeve.gen", "sleeve.rev", "sleeve.com" };
  double split_sum = p->global.split_gen + p->global.split_rev + p->global.split_com;

  REQUIRE (fabs (split_sum - 1.0) <= p->global.split_tolerance, "global", "split_com",
           "the splits sum to %.4f, not 1 (R0.1)", split_sum);
  REQUIRE (p->global.deploy_min <= p->global.deploy_max, "global", "deploy_max",
           "deploy_max %.2f is below deploy_min %.2f", p->global.deploy_max, p->global.deploy_min);
  REQUIRE (p->global.monitor_seconds[0] >= p->global.monitor_seconds[1] &&
           p->global.monitor_seconds[1] >= p->global.monitor_seconds[2] &&
           p->global.monitor_seconds[2] >= p->global.monitor_seconds[3],
           "global", "monitor_l3_seconds",
           "monitoring must not slow down as the protocol level rises (R0.11)");

  REQUIRE (p->schedule.market_open < p->schedule.market_close, "schedule", "market_close",
           "the market closes before it opens");
  REQUIRE (p->schedule.manage_open < p->schedule.manage_close, "schedule", "manage_close",
           "the manage window closes before it opens");
  REQUIRE (p->schedule.manage_close <= p->schedule.market_close, "schedule", "manage_close",
           "the manage window ends after the market close");
  REQUIRE (p->schedule.weekly_cut >= p->schedule.market_close, "schedule", "weekly_cut",
           "the weekly cut comes before the close");
  REQUIRE (p->schedule.early_close > p->schedule.market_open &&
           p->schedule.early_close < p->schedule.market_close, "schedule", "early_close",
           "the early close must fall inside the regular session");

  for (guint s = 0; s < AU_N_SLEEVES; s++)
    {
      const AuSleeveRules *r = &p->sleeve[s];
      const char *g = sleeve_groups[s];

      REQUIRE (r->entry_open < r->entry_close, g, "entry_close",
               "the entry window closes before it opens");
      REQUIRE (r->entry_open >= p->schedule.market_open && r->entry_close <= p->schedule.market_close,
               g, "entry_open", "the entry window lies outside the regular session");
      REQUIRE (r->dte_min <= r->dte_max, g, "dte_max",
               "dte_max %d is below dte_min %d", r->dte_max, r->dte_min);
      REQUIRE (r->stress_dte_min <= r->stress_dte_max, g, "stress_dte_max",
               "stress_dte_max %d is below stress_dte_min %d", r->stress_dte_max, r->stress_dte_min);
      REQUIRE (r->delta_min <= r->delta_max, g, "delta_max",
               "delta_max %.2f is below delta_min %.2f", r->delta_max, r->delta_min);
      REQUIRE (r->symbol_cap > 0, g, "symbol_cap", "a zero cap forbids every trade");
    }

  REQUIRE (p->covered_call.entry_open < p->covered_call.entry_close, "covered_call", "entry_close",
           "the entry window closes before it opens");
  REQUIRE (p->covered_call.dte_min <= p->covered_call.dte_max, "covered_call", "dte_max",
           "dte_max is below dte_min");
  REQUIRE (p->covered_call.delta_min <= p->covered_call.delta_max, "covered_call", "delta_max",
           "delta_max is below delta_min");

  REQUIRE (p->assignment.medium_otm_from < p->assignment.low_otm_above, "assignment", "medium_otm_from",
           "the MEDIUM band must start nearer the money than the LOW band");
  REQUIRE (p->assignment.probability[0] <= p->assignment.probability[1] &&
           p->assignment.probability[1] <= p->assignment.probability[2] &&
           p->assignment.probability[2] <= p->assignment.probability[3], "assignment",
           "probability_critical", "the band probabilities must not fall as the risk rises");

  REQUIRE (p->protocol.level_atr[1] > 0 &&
           p->protocol.level_atr[1] < p->protocol.level_atr[2] &&
           p->protocol.level_atr[2] < p->protocol.level_atr[3], "protocol", "l3_atr",
           "the levels must rise strictly: L1 %.2f < L2 %.2f < L3 %.2f",
           p->protocol.level_atr[1], p->protocol.level_atr[2], p->protocol.level_atr[3]);

  REQUIRE (p->vix.hedged_above < p->vix.safe_above && p->vix.safe_above < p->vix.kill_above,
           "vix", "kill_above", "the VIX tiers must rise strictly: %.1f < %.1f < %.1f",
           p->vix.hedged_above, p->vix.safe_above, p->vix.kill_above);

  REQUIRE (p->hedge.spx_months_min <= p->hedge.spx_months_max, "hedge", "spx_months_max",
           "spx_months_max is below spx_months_min");
  REQUIRE (p->hedge.spx_otm_min <= p->hedge.spx_otm_max, "hedge", "spx_otm_max",
           "spx_otm_max is below spx_otm_min");
  REQUIRE (p->hedge.spx_weight + p->hedge.vix_weight > 0, "hedge", "vix_weight",
           "the hedge weights are both zero");

  REQUIRE (p->liquidity.spread_warn <= p->liquidity.max_spread, "liquidity", "spread_warn",
           "the spread warning lies above the limit");
  REQUIRE (p->liquidity.adv_warn <= p->liquidity.max_adv_fraction, "liquidity", "adv_warn",
           "the volume warning lies above the limit");

  REQUIRE (p->data.stale_seconds < p->data.stale_stop_seconds, "data", "stale_stop_seconds",
           "stale_stop_seconds must exceed stale_seconds");

  REQUIRE (fabs (p->fork.mini_gen_share + p->fork.mini_com_share - 1.0) <= p->global.split_tolerance,
           "fork", "mini_com_share", "a MINI's halves must sum to 1");
  REQUIRE (fabs (p->reinvest.contracts_share + p->reinvest.leap_share - 1.0) <= p->global.split_tolerance,
           "reinvest", "leap_share", "contracts_share and leap_share must sum to 1");
  REQUIRE (fabs (p->leap.growth_share + p->leap.hedge_share - 1.0) <= p->global.split_tolerance,
           "leap", "hedge_share", "growth_share and hedge_share must sum to 1");
  REQUIRE (p->leap.growth_delta_min <= p->leap.growth_delta_max, "leap", "growth_delta_max",
           "growth_delta_max is below growth_delta_min");
  REQUIRE (p->leap.growth_months_min <= p->leap.growth_months_max, "leap", "growth_months_max",
           "growth_months_max is below growth_months_min");
  REQUIRE (p->leap.hedge_months_min <= p->leap.hedge_months_max, "leap", "hedge_months_max",
           "hedge_months_max is below hedge_months_min");
  REQUIRE (p->leap.hedge_otm_min <= p->leap.hedge_otm_max, "leap", "hedge_otm_max",
           "hedge_otm_max is below hedge_otm_min");
  REQUIRE (p->leap.roll_delta_min <= p->leap.roll_delta_max, "leap", "roll_delta_max",
           "roll_delta_max is below roll_delta_min");

  /* R17 names no underlying for the ladder: the data file does, and it
   * must be one the constitution trades (a sleeve's universe), so that a
   * typo cannot send the LEAP budget to a symbol nobody quotes. */
  REQUIRE (in_some_universe (p, p->leap.growth_symbol), "leap", "growth_symbol",
           "“%s” is in no sleeve's universe", p->leap.growth_symbol);
  REQUIRE (in_some_universe (p, p->leap.hedge_symbol), "leap", "hedge_symbol",
           "“%s” is in no sleeve's universe", p->leap.hedge_symbol);

  REQUIRE (g_str_equal (p->latch.unattended_reset, "weekly_cut") ||
           g_str_equal (p->latch.unattended_reset, "never"), "latch", "unattended_reset",
           "“%s” is not a reset policy (weekly_cut, never)", p->latch.unattended_reset);

  return TRUE;
}

static void
params_clear (AuConstitutionParams *p)
{
  g_clear_pointer (&p->version, g_free);
  g_clear_pointer (&p->profile, g_free);
  g_clear_pointer (&p->name, g_free);
  for (guint s = 0; s < AU_N_SLEEVES; s++)
    g_clear_pointer (&p->sleeve[s].universe, g_strfreev);
  g_clear_pointer (&p->leap.growth_symbol, g_free);
  g_clear_pointer (&p->leap.hedge_symbol, g_free);
  g_clear_pointer (&p->latch.unattended_reset, g_free);
  g_clear_pointer (&p->rule_numbers, g_hash_table_unref);
}

static gboolean
load_params (const Loader          *loader,
             AuConstitutionParams  *p,
             GError               **error)
{
  g_auto(GStrv) rule_keys = NULL;
  g_autofree char *method = NULL;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      const GroupDesc *group = &groups[g];

      if (!g_key_file_has_group (loader->keyfile, group->group))
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_MISSING, group->group, NULL,
                     "required section is missing");
          return FALSE;
        }

      for (guint k = 0; k < group->n_keys; k++)
        if (!load_key (loader, group->group, &group->keys[k], (guint8 *) p + group->base, error))
          return FALSE;
    }

  method = g_strstrip (g_key_file_get_value (loader->keyfile, "atr", "method", NULL));
  if (g_str_equal (method, "sma"))
    p->atr.wilder = FALSE;
  else if (g_str_equal (method, "wilder"))
    p->atr.wilder = TRUE;
  else
    {
      set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, "atr", "method",
                 "“%s” is not an ATR method (sma, wilder)", method);
      return FALSE;
    }

  p->rule_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rule_keys = g_key_file_get_keys (loader->keyfile, "rules", NULL, NULL);
  for (guint i = 0; rule_keys != NULL && rule_keys[i] != NULL; i++)
    {
      g_autofree char *number = g_key_file_get_value (loader->keyfile, "rules", rule_keys[i], NULL);

      g_strstrip (number);
      if (number[0] != 'R' || !g_ascii_isdigit (number[1]))
        {
          set_error (loader, error, AU_CONSTITUTION_ERROR_TYPE, "rules", rule_keys[i],
                     "“%s” is not a rule number such as R11.2", number);
          return FALSE;
        }
      g_hash_table_insert (p->rule_numbers, g_strdup (rule_keys[i]), g_steal_pointer (&number));
    }

  if (!g_str_equal (p->profile, "C") && !g_str_equal (p->profile, "L"))
    {
      set_error (loader, error, AU_CONSTITUTION_ERROR_RANGE, "meta", "profile",
                 "“%s” is not a known profile (C, L)", p->profile);
      return FALSE;
    }

  return check_consistency (loader, p, error);
}

static void
au_constitution_finalize (GObject *object)
{
  AuConstitution *self = (AuConstitution *) object;

  params_clear (&self->params);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->origin, g_free);

  G_OBJECT_CLASS (au_constitution_parent_class)->finalize (object);
}

static void
au_constitution_class_init (AuConstitutionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = au_constitution_finalize;
}

static void
au_constitution_init (AuConstitution *self)
{
}

/**
 * au_constitution_new_from_bytes:
 * @bytes: the text of a constitution data file
 * @origin: a name for error messages (a file name)
 * @error: the first problem found, naming its key and line
 *
 * Returns: (transfer full): the validated constitution, or %NULL: the
 *   engine refuses to trade on a file that does not load (decisions D1).
 */
AuConstitution *
au_constitution_new_from_bytes (GBytes      *bytes,
                                const char  *origin,
                                GError     **error)
{
  g_autoptr(AuConstitution) self = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;
  Loader loader;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = ""; /* an empty GBytes has no data pointer */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, (gssize) size, NULL))
    {
      g_set_error (error, AU_CONSTITUTION_ERROR, AU_CONSTITUTION_ERROR_SYNTAX,
                   "%s: not a UTF-8 text file", origin);
      return NULL;
    }
  text = g_strndup (data, size);

  if (!g_key_file_load_from_data (keyfile, text, size, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, AU_CONSTITUTION_ERROR, AU_CONSTITUTION_ERROR_SYNTAX,
                   "%s: %s", origin, local_error->message);
      return NULL;
    }

  self = g_object_new (AU_TYPE_CONSTITUTION, NULL);
  loader.origin = origin;
  loader.text = text;
  loader.keyfile = keyfile;

  if (!check_known_keys (&loader, error) || !load_params (&loader, &self->params, error))
    return NULL;

  self->bytes = g_bytes_ref (bytes);
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  self->origin = g_strdup (origin);

  return g_steal_pointer (&self);
}

AuConstitution *
au_constitution_new_from_file (const char  *path,
                               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return au_constitution_new_from_bytes (bytes, path, error);
}

AuConstitution *
au_constitution_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data ("/io/github/alluse/Autopilot/engine/constitution/v1.3.ini",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return au_constitution_new_from_bytes (bytes, "v1.3.ini", error);
}

const AuConstitutionParams *
au_constitution_get_params (AuConstitution *self)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  return &self->params;
}

const char *
au_constitution_get_sha256 (AuConstitution *self)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  return self->sha256;
}

const char *
au_constitution_get_version (AuConstitution *self)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  return self->params.version;
}

const char *
au_constitution_get_origin (AuConstitution *self)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  return self->origin;
}

GBytes *
au_constitution_get_bytes (AuConstitution *self)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  return self->bytes;
}

const AuSleeveRules *
au_constitution_get_sleeve (AuConstitution *self,
                            AuSleeve        sleeve)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  g_return_val_if_fail (sleeve < AU_N_SLEEVES, NULL);
  return &self->params.sleeve[sleeve];
}

gboolean
au_constitution_sleeve_allows (AuConstitution *self,
                               AuSleeve        sleeve,
                               const char     *symbol)
{
  const AuSleeveRules *rules = au_constitution_get_sleeve (self, sleeve);

  return rules != NULL && symbol != NULL && g_strv_contains ((const char * const *) rules->universe, symbol);
}

const char *
au_constitution_rule_number (AuConstitution *self,
                             const char     *name)
{
  g_return_val_if_fail (AU_IS_CONSTITUTION (self), NULL);
  return g_hash_table_lookup (self->params.rule_numbers, name);
}

/* au-constitution.h: Constitution v1.3 loaded from data (decisions D1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "au-types.h"

G_BEGIN_DECLS

#define AU_CONSTITUTION_ERROR (au_constitution_error_quark ())

typedef enum
{
  AU_CONSTITUTION_ERROR_SYNTAX,       /* not a key file */
  AU_CONSTITUTION_ERROR_MISSING,      /* a required group or key is absent */
  AU_CONSTITUTION_ERROR_UNKNOWN_KEY,  /* a key the engine does not know (a typo) */
  AU_CONSTITUTION_ERROR_TYPE,         /* a value of the wrong type */
  AU_CONSTITUTION_ERROR_RANGE,        /* a value outside its allowed range */
  AU_CONSTITUTION_ERROR_INCONSISTENT, /* values that contradict each other */
} AuConstitutionError;

GQuark au_constitution_error_quark (void);

/* Minutes after midnight, America/New_York wall clock. */
typedef int AuMinuteOfDay;

/* A sleeve's own rules (R2, R3, R4 with D2.1 and D2.16). */
typedef struct
{
  guint          strategies;      /* bit set of 1 << AuStrategy */
  GStrv          universe;        /* upper-case tickers */
  AuWeekday      entry_day;
  AuMinuteOfDay  entry_open;
  AuMinuteOfDay  entry_close;
  int            dte_min;
  int            dte_max;
  int            stress_dte_min;
  int            stress_dte_max;
  double         delta_min;       /* absolute delta */
  double         delta_max;
  double         symbol_cap;      /* fraction of sleeve capital */
  double         roll_trigger_atr;
  gboolean       reinvest;
  AuMoney        fork_step;       /* 0: this sleeve does not fork */
} AuSleeveRules;

typedef struct
{
  AuWeekday      entry_day;
  AuMinuteOfDay  entry_open;
  AuMinuteOfDay  entry_close;
  int            dte_min;
  int            dte_max;
  double         delta_min;
  double         delta_max;
  double         profit_take;
  double         earnings_coverage_max;
  double         recovery_within;
} AuCoveredCallRules;

typedef struct
{
  char          *version;
  char          *profile;
  char          *name;

  struct {
    double split_gen, split_rev, split_com, split_tolerance;
    double deploy_min, deploy_max;
    double symbol_cap, warn_ratio;
    int    slice_contracts;
    double max_slippage;
    int    cancel_replace_seconds;
    double pivot_drawdown, pivot_vix_below, pivot_recover_within;
    double margin_cap;
    int    monitor_seconds[4];            /* by protocol level L0..L3 */
  } global;

  struct {
    AuWeekday     manage_day;
    AuMinuteOfDay manage_open, manage_close, weekly_cut;
    AuMinuteOfDay assignment_check, atr_time;
    AuMinuteOfDay market_open, market_close;
    AuMinuteOfDay early_close;
    int           early_close_shift_hours;
    AuMinuteOfDay early_close_shift_after;
  } schedule;

  AuSleeveRules      sleeve[AU_N_SLEEVES]; /* indexed by AU_SLEEVE_GEN/REV/COM */
  AuCoveredCallRules covered_call;
  int                dte_grace_days;

  struct {
    double low_otm_above, medium_otm_from, critical_itm_beyond;
    double probability[4];                  /* LOW, MEDIUM, HIGH, CRITICAL */
    double boost_under_24h, boost_under_72h, probability_cap;
  } assignment;

  struct {
    double   level_atr[4];                  /* [1], [2], [3] used; [0] = 0 */
    double   roll_cost_max;
    int      roll_min_days;
    double   profit_take_anytime;
    double   cc_assignment_delta;
    double   l3_spread_cross;
    gboolean l3_latched;
  } protocol;

  struct {
    int      period;
    gboolean wilder;
    double   stale_factor;
    double   fallback_fraction;
  } atr;

  struct {
    double hedged_above, safe_above, kill_above;
  } vix;

  struct {
    double deploy_max;
    double symbol_cap_factor;
    int    roll_min_level;
  } hedged_week;

  struct {
    double gains_fraction, equity_floor, l2_equity;
    int    spx_weight, vix_weight;
    int    spx_months_min, spx_months_max;
    double spx_otm_min, spx_otm_max;
    int    vix_months;
    double trigger_vix_above;
    int    trigger_vix_days;
    double trigger_spx_drawdown, trigger_breadth_below;
    double release_profit, release_vix_below;
  } hedge;

  struct {
    gint64 min_open_interest, min_volume;
    double max_spread, spread_warn;
    double max_adv_fraction, adv_warn;
  } liquidity;

  struct {
    int    stale_seconds, stale_stop_seconds;
    double stale_spread_widen;
    int    earnings_max_age_days;
  } data;

  struct {
    double mini_gen_share, mini_com_share;
    int    mini_merge_years;
    double mini_merge_multiple;
    int    max_sub_accounts;
  } fork;

  struct {
    double tax_reserve, contracts_share, leap_share;
  } reinvest;

  struct {
    double growth_delta_min, growth_delta_max;
    int    growth_months_min, growth_months_max;
    double hedge_otm_min, hedge_otm_max;
    int    hedge_months_min, hedge_months_max;
    int    roll_months;
    double roll_delta_min, roll_delta_max;
    double hedge_close_vix_below;
    double growth_share, hedge_share;
    char  *growth_symbol;                    /* R17.1 growth calls' underlying */
    char  *hedge_symbol;                     /* R17.1 hedge puts' underlying */
  } leap;

  struct {
    char  *unattended_reset;                 /* "weekly_cut" or "never" */
    double unattended_reset_vix_max;
  } latch;

  GHashTable *rule_numbers;                  /* name -> "R11.2" */
} AuConstitutionParams;

#define AU_TYPE_CONSTITUTION (au_constitution_get_type ())

G_DECLARE_FINAL_TYPE (AuConstitution, au_constitution, AU, CONSTITUTION, GObject)

AuConstitution             *au_constitution_new_from_bytes   (GBytes          *bytes,
                                                              const char      *origin,
                                                              GError         **error);
AuConstitution             *au_constitution_new_from_file    (const char      *path,
                                                              GError         **error);
/* The Constitution v1.3 that ships inside the engine. */
AuConstitution             *au_constitution_new_default      (GError         **error);

const AuConstitutionParams *au_constitution_get_params       (AuConstitution  *self);
const char                 *au_constitution_get_sha256       (AuConstitution  *self);
const char                 *au_constitution_get_version      (AuConstitution  *self);
const char                 *au_constitution_get_origin       (AuConstitution  *self);
GBytes                     *au_constitution_get_bytes        (AuConstitution  *self);

const AuSleeveRules        *au_constitution_get_sleeve       (AuConstitution  *self,
                                                              AuSleeve         sleeve);
gboolean                    au_constitution_sleeve_allows    (AuConstitution  *self,
                                                              AuSleeve         sleeve,
                                                              const char      *symbol);
/* The rule number for a rule that has none of its own, e.g. "sub_account_cap". */
const char                 *au_constitution_rule_number      (AuConstitution  *self,
                                                              const char      *name);

G_END_DECLS

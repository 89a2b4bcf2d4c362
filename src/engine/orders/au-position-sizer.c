/* au-position-sizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-orders"

#include "config.h"

#include <math.h>
#include <string.h>

#include "au-money.h"
#include "au-orders-error.h"
#include "au-position-sizer.h"

#define SHARES_PER_CONTRACT 100
#define ROUND_LOT 100

void
au_sizing_clear (AuSizing *sizing)
{
  if (sizing == NULL)
    return;
  g_clear_pointer (&sizing->reason, g_free);
}

static gboolean
validate_state (const AuSizingState  *state,
                GError              **error)
{
  const char *problem = NULL;

  if (state->sleeve != AU_SLEEVE_GEN && state->sleeve != AU_SLEEVE_REV
      && state->sleeve != AU_SLEEVE_COM)
    problem = "sleeve: Gen, Rev or Com (a MINI sizes each half with its own rules, D2.2)";
  else if (state->capital <= 0)
    problem = "capital: the sleeve's equity must be more than zero";
  else if (state->cash < 0)
    problem = "cash: must not be negative";
  else if (state->deployed < 0)
    problem = "deployed: must not be negative";
  else if (state->symbol_exposure < 0)
    problem = "symbol_exposure: must not be negative";
  if (problem != NULL)
    {
      g_set_error_literal (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID, problem);
      return FALSE;
    }
  return TRUE;
}

/* R0.2 with D2.18: what may still be deployed, never more than the cash
 * that secures it (D2.21). */
static AuMoney
deployable (const AuConstitutionParams *params,
            const AuSizingState        *state)
{
  double deploy_max = state->hedged_week ? params->hedged_week.deploy_max
                                         : params->global.deploy_max;
  AuMoney room = au_money_mul_fraction (state->capital, deploy_max) - state->deployed;

  return MAX (0, MIN (room, state->cash));
}

/* R0.3, D2.1 (Rev-Acc 50%), D2.18 (half in a Hedged Week). */
static double
symbol_cap (AuConstitution      *constitution,
            const AuSizingState *state)
{
  const AuConstitutionParams *params = au_constitution_get_params (constitution);
  double cap = au_constitution_get_sleeve (constitution, state->sleeve)->symbol_cap;

  return state->hedged_week ? cap * params->hedged_week.symbol_cap_factor : cap;
}

static const char *
cap_rule (AuSleeve sleeve)
{
  /* D2.22: Rev-Acc's own cap is reported as R3.1. */
  return sleeve == AU_SLEEVE_REV ? "R3.1" : "R0.3";
}

gboolean
au_position_sizer_csp (AuConstitution       *constitution,
                       const AuSizingState  *state,
                       AuPrice               strike,
                       AuSizing             *sizing,
                       GError              **error)
{
  const AuConstitutionParams *params;
  g_autofree char *capital_text = NULL;
  g_autofree char *notional_text = NULL;
  g_autofree char *deploy_text = NULL;
  g_autofree char *room_text = NULL;
  AuMoney notional;
  gint64 by_deployment;
  gint64 by_cap;
  double cap;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (sizing != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (sizing, 0, sizeof *sizing);
  if (!validate_state (state, error))
    return FALSE;
  if (strike <= 0)
    {
      g_set_error_literal (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                           "strike: must be more than zero");
      return FALSE;
    }

  params = au_constitution_get_params (constitution);
  cap = symbol_cap (constitution, state);
  /* K × 100 shares: a price in 1/10,000 dollars times 100 is cents. */
  notional = strike * SHARES_PER_CONTRACT / (AU_PRICE_SCALE / AU_MONEY_SCALE);
  sizing->deployable = deployable (params, state);
  sizing->symbol_room = MAX (0, au_money_mul_fraction (state->capital, cap)
                                - state->symbol_exposure);
  by_deployment = sizing->deployable / notional;
  by_cap = sizing->symbol_room / notional;
  sizing->quantity = MIN (by_deployment, by_cap);
  sizing->binding_rule = by_cap <= by_deployment ? cap_rule (state->sleeve) : "R0.2";

  capital_text = au_money_format (state->capital);
  notional_text = au_money_format (notional);
  deploy_text = au_money_format (sizing->deployable);
  room_text = au_money_format (sizing->symbol_room);
  sizing->reason = g_strdup_printf ("%" G_GINT64_FORMAT " contract(s): $%s per contract against "
                                    "$%s deployable (R0.2, cash-secured) and $%s of room under "
                                    "the %.1f%% per-symbol cap of $%s (%s)%s",
                                    sizing->quantity, notional_text, deploy_text, room_text,
                                    cap * 100, capital_text, cap_rule (state->sleeve),
                                    state->hedged_week ? "; Hedged Week: caps halved (D2.18)"
                                                       : "");
  return TRUE;
}

gboolean
au_position_sizer_covered_call (AuConstitution  *constitution,
                                gint64           shares_held,
                                gint64           short_calls,
                                gboolean         earnings_week,
                                AuSizing        *sizing,
                                GError         **error)
{
  const AuConstitutionParams *params;
  gint64 coverable;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (sizing != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (sizing, 0, sizeof *sizing);
  if (shares_held < 0 || short_calls < 0)
    {
      g_set_error_literal (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                           shares_held < 0 ? "shares_held: must not be negative"
                                           : "short_calls: must not be negative");
      return FALSE;
    }

  params = au_constitution_get_params (constitution);
  coverable = shares_held;
  sizing->binding_rule = "R0.2";
  if (earnings_week)
    {
      /* R4.3: the covered shares, rounded down to whole contracts. */
      coverable = (gint64) floor (params->covered_call.earnings_coverage_max
                                  * (double) shares_held + 1e-9);
      sizing->binding_rule = "R4.3";
    }
  sizing->quantity = MAX (0, coverable / SHARES_PER_CONTRACT - short_calls);
  sizing->reason = g_strdup_printf ("%" G_GINT64_FORMAT " call(s): %" G_GINT64_FORMAT
                                    " shares held cover %" G_GINT64_FORMAT " contract(s)%s, %"
                                    G_GINT64_FORMAT " already written (D2.19)",
                                    sizing->quantity, shares_held,
                                    coverable / SHARES_PER_CONTRACT,
                                    earnings_week ? " at the earnings week's coverage cap (R4.3)"
                                                  : "",
                                    short_calls);
  return TRUE;
}

gboolean
au_position_sizer_share_lots (AuConstitution       *constitution,
                              const AuSizingState  *state,
                              AuShareTarget        *targets,
                              guint                 n_targets,
                              GError              **error)
{
  const AuConstitutionParams *params;
  g_autofree AuMoney *exposure = NULL;
  AuMoney room_total;
  AuMoney cap_amount;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (targets != NULL || n_targets == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_state (state, error))
    return FALSE;
  for (guint i = 0; i < n_targets; i++)
    {
      if (targets[i].symbol == NULL || targets[i].price <= 0 || targets[i].exposure < 0)
        {
          g_set_error (error, AU_ORDERS_ERROR, AU_ORDERS_ERROR_INVALID,
                       "targets[%u].%s: %s", i,
                       targets[i].symbol == NULL ? "symbol" :
                       targets[i].price <= 0 ? "price" : "exposure",
                       targets[i].symbol == NULL ? "required" :
                       targets[i].price <= 0 ? "must be more than zero" : "must not be negative");
          return FALSE;
        }
      targets[i].shares = 0;
    }

  params = au_constitution_get_params (constitution);
  room_total = deployable (params, state);
  cap_amount = au_money_mul_fraction (state->capital, symbol_cap (constitution, state));
  exposure = g_new0 (AuMoney, MAX (n_targets, 1));
  for (guint i = 0; i < n_targets; i++)
    exposure[i] = targets[i].exposure;

  /* D2.23: as evenly as lots allow. Each round gives one lot to the
   * least-exposed symbol it still fits. */
  for (;;)
    {
      gint best = -1;

      for (guint i = 0; i < n_targets; i++)
        {
          /* A lot of 100 shares at a price in 1/10,000 dollars is
           * price / 100 × 100 cents: the price's value in cents. */
          AuMoney lot = targets[i].price * ROUND_LOT / (AU_PRICE_SCALE / AU_MONEY_SCALE);

          if (lot > room_total || exposure[i] + lot > cap_amount)
            continue;
          if (best < 0 || exposure[i] < exposure[best])
            best = (gint) i;
        }
      if (best < 0)
        break;
      {
        AuMoney lot = targets[best].price * ROUND_LOT / (AU_PRICE_SCALE / AU_MONEY_SCALE);

        targets[best].shares += ROUND_LOT;
        exposure[best] += lot;
        room_total -= lot;
      }
    }
  return TRUE;
}

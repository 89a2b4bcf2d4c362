/* au-drawdown-pivot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include <math.h>

#include "au-drawdown-pivot.h"
#include "au-protocol-private.h"

void
au_drawdown_pivot_init (AuDrawdownPivot *pivot,
                        AuMoney          equity)
{
  g_return_if_fail (pivot != NULL);

  pivot->high_water = MAX (equity, 0);
  pivot->active = FALSE;
}

gboolean
au_drawdown_pivot_update (AuDrawdownPivot  *pivot,
                          AuConstitution   *constitution,
                          AuMoney           equity,
                          double            vix,
                          gboolean         *changed,
                          AuProtocolWhy    *why,
                          GError          **error)
{
  const AuConstitutionParams *params;
  g_autofree char *equity_text = NULL;
  g_autofree char *mark_text = NULL;
  gboolean was_active;
  double drawdown;

  g_return_val_if_fail (pivot != NULL, FALSE);
  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (vix) || vix < 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "vix: %g is not a VIX level", vix);
      return FALSE;
    }
  params = au_constitution_get_params (constitution);
  was_active = pivot->active;
  if (equity > pivot->high_water)
    pivot->high_water = equity;

  equity_text = au_money_format (equity);
  mark_text = au_money_format (pivot->high_water);
  drawdown = pivot->high_water > 0
    ? (double) (pivot->high_water - equity) / (double) pivot->high_water : 0.0;

  if (pivot->high_water <= 0)
    au_protocol_why_set (why, "D2.6", "no high-water mark yet: no pivot");
  else if (!pivot->active)
    {
      /* equity ≤ (1 − d) × mark ⇔ (mark − equity) / mark ≥ d, exactly. */
      gboolean deep = au_protocol_ratio_cmp (pivot->high_water - equity, pivot->high_water,
                                             params->global.pivot_drawdown) >= 0;

      if (deep && vix < params->global.pivot_vix_below)
        {
          pivot->active = TRUE;
          au_protocol_why_set (why, "D2.6", "drawdown pivot: equity %s is %.2f%% below the "
                               "high-water mark %s (at least %.0f%%) with VIX %.2f below %.0f; "
                               "CSPs suspended, covered calls only", equity_text,
                               drawdown * 100, mark_text, params->global.pivot_drawdown * 100,
                               vix, params->global.pivot_vix_below);
        }
      else if (deep)
        au_protocol_why_set (why, "D2.6", "no pivot: the drawdown is %.2f%% but VIX %.2f is not "
                             "below %.0f", drawdown * 100, vix, params->global.pivot_vix_below);
      else
        au_protocol_why_set (why, "D2.6", "no pivot: equity %s is %.2f%% below the high-water "
                             "mark %s", equity_text, drawdown * 100, mark_text);
    }
  else if (au_protocol_ratio_cmp (pivot->high_water - equity, pivot->high_water,
                                  params->global.pivot_recover_within) <= 0)
    {
      pivot->active = FALSE;
      au_protocol_why_set (why, "D2.6", "pivot ended: equity %s is within %.0f%% of the "
                           "high-water mark %s", equity_text,
                           params->global.pivot_recover_within * 100, mark_text);
    }
  else
    au_protocol_why_set (why, "D2.6", "pivot holds: equity %s is still %.2f%% below the "
                         "high-water mark %s", equity_text, drawdown * 100, mark_text);

  if (changed != NULL)
    *changed = was_active != pivot->active;
  return TRUE;
}

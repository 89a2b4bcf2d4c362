/* au-breach.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include "au-breach.h"
#include "au-protocol-private.h"

static const char *level_rules[AU_N_PROTOCOL_LEVELS] = { "R6.1", "R6.2", "R6.3", "R6.4" };

/* breach ≥ multiple × atr, exactly (both sides in 1/10,000 dollars). */
static gboolean
breach_reaches (AuPrice breach,
                AuPrice atr,
                double  multiple)
{
  return breach > 0 && au_protocol_ratio_cmp (breach, atr, multiple) >= 0;
}

AuProtocolLevel
au_breach_level (AuConstitution *constitution,
                 AuPrice         breach,
                 AuPrice         atr)
{
  const AuConstitutionParams *params;

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), AU_PROTOCOL_L0);
  g_return_val_if_fail (atr > 0, AU_PROTOCOL_L0);

  params = au_constitution_get_params (constitution);
  for (int level = AU_PROTOCOL_L3; level > AU_PROTOCOL_L0; level--)
    if (breach_reaches (breach, atr, params->protocol.level_atr[level]))
      return (AuProtocolLevel) level;
  return AU_PROTOCOL_L0;
}

AuPrice
au_breach_spot_at (AuStrategy strategy,
                   AuPrice    strike,
                   AuPrice    atr,
                   double     multiple)
{
  AuPrice distance = au_money_mul_fraction (atr, multiple);

  return strategy == AU_STRATEGY_CC ? strike + distance : strike - distance;
}

gboolean
au_breach_compute (AuConstitution  *constitution,
                   AuSleeve         sleeve,
                   AuStrategy       strategy,
                   AuPrice          strike,
                   AuPrice          spot,
                   AuPrice          atr,
                   AuBreach        *breach,
                   GError         **error)
{
  const AuSleeveRules *rules;
  g_autofree char *spot_text = NULL;
  g_autofree char *strike_text = NULL;
  g_autofree char *atr_text = NULL;
  AuBreach out = { 0 };

  g_return_val_if_fail (AU_IS_CONSTITUTION (constitution), FALSE);
  g_return_val_if_fail (breach != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strategy != AU_STRATEGY_CSP && strategy != AU_STRATEGY_CC)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "strategy: the protocol measures short puts (csp) and calls (cc), not %s",
                   au_strategy_to_string (strategy));
      return FALSE;
    }
  rules = sleeve <= AU_SLEEVE_COM ? au_constitution_get_sleeve (constitution, sleeve) : NULL;
  if (rules == NULL)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "sleeve: %s has no protocol rules of its own; use gen or com (D2.2)",
                   au_sleeve_to_string (sleeve));
      return FALSE;
    }
  if (strike <= 0 || spot <= 0 || atr <= 0)
    {
      g_set_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID,
                   "%s: must be positive",
                   strike <= 0 ? "strike" : spot <= 0 ? "spot" : "atr");
      return FALSE;
    }

  /* Research §3.6: the breach is the distance through the strike. */
  out.breach = strategy == AU_STRATEGY_CSP ? strike - spot : spot - strike;
  out.spot = spot;
  out.atr = atr;
  out.multiple = out.breach > 0 ? (double) out.breach / (double) atr : 0.0;
  out.level = au_breach_level (constitution, out.breach, atr);
  out.roll_trigger = breach_reaches (out.breach, atr, rules->roll_trigger_atr);

  spot_text = au_price_format (spot);
  strike_text = au_price_format (strike);
  atr_text = au_price_format (atr);
  au_protocol_why_set (&out.why, level_rules[out.level],
                       "%s: spot %s against the %s strike %s, m = %.4f × ATR(5) %s%s",
                       au_protocol_level_to_string (out.level), spot_text,
                       strategy == AU_STRATEGY_CSP ? "put" : "call", strike_text,
                       out.multiple, atr_text,
                       out.roll_trigger ? ", at or past the sleeve's roll trigger" : "");
  *breach = out;
  return TRUE;
}

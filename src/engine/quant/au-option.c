/* au-option.c: the inputs and outputs of option pricing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-option"

#include "config.h"

#include <math.h>

#include "au-option.h"
#include "au-quant-error.h"

const char *
au_option_right_to_string (AuOptionRight right)
{
  return right == AU_OPTION_PUT ? "put" : "call";
}

gboolean
au_option_right_from_string (const char    *text,
                             AuOptionRight *right)
{
  g_return_val_if_fail (right != NULL, FALSE);

  if (g_strcmp0 (text, "call") == 0)
    *right = AU_OPTION_CALL;
  else if (g_strcmp0 (text, "put") == 0)
    *right = AU_OPTION_PUT;
  else
    return FALSE;
  return TRUE;
}

const char *
au_option_style_to_string (AuOptionStyle style)
{
  return style == AU_OPTION_AMERICAN ? "american" : "european";
}

gboolean
au_option_style_from_string (const char    *text,
                             AuOptionStyle *style)
{
  g_return_val_if_fail (style != NULL, FALSE);

  if (g_strcmp0 (text, "european") == 0)
    *style = AU_OPTION_EUROPEAN;
  else if (g_strcmp0 (text, "american") == 0)
    *style = AU_OPTION_AMERICAN;
  else
    return FALSE;
  return TRUE;
}

const char *
au_american_approx_to_string (AuAmericanApprox approx)
{
  return approx == AU_AMERICAN_BS1993 ? "1993" : "2002";
}

gboolean
au_american_approx_from_string (const char       *text,
                                AuAmericanApprox *approx)
{
  g_return_val_if_fail (approx != NULL, FALSE);

  if (g_strcmp0 (text, "2002") == 0)
    *approx = AU_AMERICAN_BS2002;
  else if (g_strcmp0 (text, "1993") == 0)
    *approx = AU_AMERICAN_BS1993;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_range (const char  *field,
             double       value,
             double       min,
             gboolean     min_inclusive,
             double       max,
             const char  *expected,
             GError     **error)
{
  if (isfinite (value) && (min_inclusive ? value >= min : value > min) && value <= max)
    return TRUE;
  g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
               "%s: %g is not %s", field, value, expected);
  return FALSE;
}

gboolean
au_option_params_validate_market (const AuOptionParams  *params,
                                  GError               **error)
{
  g_return_val_if_fail (params != NULL, FALSE);

  if (params->right != AU_OPTION_CALL && params->right != AU_OPTION_PUT)
    {
      g_set_error (error, AU_QUANT_ERROR, AU_QUANT_ERROR_INVALID_INPUT,
                   "right: must be put or call");
      return FALSE;
    }
  return check_range ("spot", params->spot, 0.0, FALSE, 1e12, "a positive price", error)
         && check_range ("strike", params->strike, 0.0, FALSE, 1e12, "a positive price", error)
         && check_range ("rate", params->rate, -1.0, TRUE, 1.0, "a rate between -1 and 1", error)
         && check_range ("dividend", params->dividend, -1.0, TRUE, 1.0,
                         "a yield between -1 and 1", error)
         && check_range ("t", params->t, 0.0, FALSE, 100.0,
                         "a time to expiry between 0 (excluded) and 100 years", error);
}

gboolean
au_option_params_validate (const AuOptionParams  *params,
                           GError               **error)
{
  return au_option_params_validate_market (params, error)
         && check_range ("vol", params->vol, 0.0, FALSE, 10.0,
                         "a volatility between 0 (excluded) and 10", error);
}

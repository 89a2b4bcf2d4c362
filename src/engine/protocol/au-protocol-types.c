/* au-protocol-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-protocol"

#include "config.h"

#include <stdarg.h>

#include "au-protocol-types.h"

G_DEFINE_QUARK (au-protocol-error-quark, au_protocol_error)

static const char *level_names[AU_N_PROTOCOL_LEVELS] = { "L0", "L1", "L2", "L3" };

static const char *action_names[] = { "none", "prepare_roll", "roll", "exit" };

const char *
au_protocol_level_to_string (AuProtocolLevel level)
{
  g_return_val_if_fail (level <= AU_PROTOCOL_L3, NULL);
  return level_names[level];
}

gboolean
au_protocol_level_from_string (const char      *text,
                               AuProtocolLevel *level)
{
  g_return_val_if_fail (level != NULL, FALSE);

  for (guint i = 0; text != NULL && i < AU_N_PROTOCOL_LEVELS; i++)
    if (g_ascii_strcasecmp (text, level_names[i]) == 0)
      {
        *level = (AuProtocolLevel) i;
        return TRUE;
      }
  return FALSE;
}

const char *
au_protocol_action_to_string (AuProtocolAction action)
{
  g_return_val_if_fail (action <= AU_PROTOCOL_ACTION_EXIT, NULL);
  return action_names[action];
}

void
au_protocol_why_set (AuProtocolWhy *why,
                     const char    *rule,
                     const char    *format,
                     ...)
{
  va_list args;

  if (why == NULL)
    return;
  why->rule = rule;
  va_start (args, format);
  g_vsnprintf (why->reason, sizeof why->reason, format, args);
  va_end (args);
}

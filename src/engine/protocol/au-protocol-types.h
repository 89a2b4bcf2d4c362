/* au-protocol-types.h: protocol levels, actions and the "why" every
 * decision of the protocol engine (WS2) carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "au-types.h"

G_BEGIN_DECLS

#define AU_PROTOCOL_ERROR (au_protocol_error_quark ())

typedef enum
{
  AU_PROTOCOL_ERROR_INVALID, /* an input outside its domain; the message names the field */
  AU_PROTOCOL_ERROR_REFUSED, /* a request the rules do not allow now (e.g. a reset) */
} AuProtocolError;

GQuark au_protocol_error_quark (void);

/* Research §5: the per-position protocol levels. */
typedef enum
{
  AU_PROTOCOL_L0, /* Normal: m < 1 */
  AU_PROTOCOL_L1, /* Enhanced: 1 ≤ m < 2 */
  AU_PROTOCOL_L2, /* Recovery: 2 ≤ m < 3 */
  AU_PROTOCOL_L3, /* Preservation: m ≥ 3, or a roll refused by R6.7 */
} AuProtocolLevel;

#define AU_N_PROTOCOL_LEVELS 4

/* What a position's level asks of the autopilot (research §5). */
typedef enum
{
  AU_PROTOCOL_ACTION_NONE,         /* hold and monitor */
  AU_PROTOCOL_ACTION_PREPARE_ROLL, /* L1: pre-compute roll candidates */
  AU_PROTOCOL_ACTION_ROLL,         /* L2: roll within the delta band */
  AU_PROTOCOL_ACTION_EXIT,         /* L3: marketable exit, sleeve to SAFE */
} AuProtocolAction;

/* The rule that made a decision and the plain-language reason, the
 * answer to "why did it (not) roll?". Fixed storage: deciding allocates
 * nothing. @rule is a static string such as "R6.7" or "D2.10". */
#define AU_PROTOCOL_REASON_SIZE 256

typedef struct
{
  const char *rule;
  char        reason[AU_PROTOCOL_REASON_SIZE];
} AuProtocolWhy;

const char *au_protocol_level_to_string    (AuProtocolLevel   level);
gboolean    au_protocol_level_from_string  (const char       *text,
                                            AuProtocolLevel  *level);
const char *au_protocol_action_to_string   (AuProtocolAction  action);
void        au_protocol_why_set            (AuProtocolWhy    *why,
                                            const char       *rule,
                                            const char       *format,
                                            ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS

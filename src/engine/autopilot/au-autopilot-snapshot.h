/* au-autopilot-snapshot.h: the autopilot at one instant, for the GUI and `alluse-cli run`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "au-system-state.h"
#include "au-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   account_id;
  char    *name;            /* "Gen-Acc", "MINI-1" … as the ledger names it */
  char    *kind;            /* "gen", "rev", "com", "mini" */
  AuMoney  equity;          /* at cost, shares at their last price */
  AuMoney  cash;
  AuMoney  deployed;        /* CSP notional plus shares at cost */
  double   drawdown;        /* from the high-water mark, a positive fraction */
  char    *week_type;       /* the current week's label so far, a D2.5 key */
} AuAutopilotAccountView;

typedef struct
{
  gint64   account_id;
  char    *symbol;
  char    *right;           /* "P", "C" or "stock" */
  AuPrice  strike;
  char    *expiry;          /* "YYYY-MM-DD", NULL for stock */
  int      dte;
  gint64   quantity;        /* signed */
  double   delta;
  AuMoney  premium;         /* credit received (short options), cost otherwise */
  AuMoney  pnl;             /* unrealized at the last mark */
  double   atr_distance;    /* breach multiple m (R6.x); 0 when not breached */
  char    *level;           /* "L0" … "L3" */
} AuAutopilotPositionView;

typedef struct
{
  char    *client_order_id;
  char    *state;
  gint64   quantity;
  gint64   filled;
} AuAutopilotOrderView;

typedef struct
{
  gint64   time;
  char    *description;     /* "Thu 09:45 ET — Gen-Acc opens puts" */
} AuAutopilotActionView;

/* Immutable and reference-counted. */
typedef struct
{
  gint64         time;
  AuSystemState  state;
  char          *state_reason;
  gboolean       paused;
  double         vix;
  char          *vix_tier;
  GPtrArray     *accounts;   /* AuAutopilotAccountView */
  GPtrArray     *positions;  /* AuAutopilotPositionView */
  GPtrArray     *orders;     /* AuAutopilotOrderView */
  GPtrArray     *next;       /* AuAutopilotActionView */
} AuAutopilotSnapshot;

#define AU_TYPE_AUTOPILOT_SNAPSHOT (au_autopilot_snapshot_get_type ())

GType                au_autopilot_snapshot_get_type (void) G_GNUC_CONST;
AuAutopilotSnapshot *au_autopilot_snapshot_new      (void);
AuAutopilotSnapshot *au_autopilot_snapshot_ref      (AuAutopilotSnapshot *snapshot);
void                 au_autopilot_snapshot_unref    (AuAutopilotSnapshot *snapshot);
JsonNode            *au_autopilot_snapshot_to_json  (AuAutopilotSnapshot *snapshot);

void au_autopilot_account_view_free  (AuAutopilotAccountView  *view);
void au_autopilot_position_view_free (AuAutopilotPositionView *view);
void au_autopilot_order_view_free    (AuAutopilotOrderView    *view);
void au_autopilot_action_view_free   (AuAutopilotActionView   *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuAutopilotSnapshot, au_autopilot_snapshot_unref)

G_END_DECLS

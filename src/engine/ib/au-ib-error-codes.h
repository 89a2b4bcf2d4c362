/* au-ib-error-codes.h: what IB's ERR_MSG codes mean and what to do (tws-protocol.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  AU_IB_CODE_INFO,                        /* nothing to do (farm OK, notices) */
  AU_IB_CODE_WARNING,                     /* request/order may still be live */
  AU_IB_CODE_FARM_BROKEN,                 /* a data farm is down: data may pause */
  AU_IB_CODE_CONNECTIVITY_LOST,           /* 1100: degraded, no trading */
  AU_IB_CODE_CONNECTIVITY_RESTORED_LOST,  /* 1101: re-subscribe market data */
  AU_IB_CODE_CONNECTIVITY_RESTORED,       /* 1102: nothing lost */
  AU_IB_CODE_CONNECTION_FAILED,           /* the session cannot go on as is */
  AU_IB_CODE_REQUEST_FAILED,              /* the request ended with an error */
  AU_IB_CODE_ORDER_REJECTED,              /* the order is dead */
  AU_IB_CODE_ORDER_CANCELLED,             /* 202: normal after a cancel */
  AU_IB_CODE_MARKET_DATA,                 /* no (live) data permission */
  AU_IB_CODE_PACING,                      /* too many requests */
} AuIbCodeClass;

typedef struct
{
  int            code;
  AuIbCodeClass  klass;
  gboolean       warning;   /* ib_async's rule: not fatal to the request/order */
  const char    *meaning;   /* plain language, for the user */
  const char    *action;    /* what the user (or the engine) should do */
} AuIbCodeInfo;

/* Never NULL: a code not in the table gets a generic entry by IB's
 * ranges (2100–2199 warnings, the rest request errors). */
const AuIbCodeInfo *au_ib_code_lookup       (int code);
/* TRUE for codes whose meaning comes from the table, not the fallback. */
gboolean            au_ib_code_is_known     (int code);
/* ib_async's classification (§9): 105, 110, 165, 321, 329, 399, 404,
 * 434, 492, 10167 and 2100–2199 are warnings. */
gboolean            au_ib_code_is_warning   (int code);
/* 161, 10147, 10148 (§6.14): a cancel IB refused or could not match.
 * They tell nothing of the order's own state. */
gboolean            au_ib_code_is_cancel_failure (int code);
const AuIbCodeInfo *au_ib_code_table        (gsize *n_entries);

G_END_DECLS

/* au-ib-error-codes.c: what IB's ERR_MSG codes mean and what to do (tws-protocol.md §9)
 *
 * The table is data: one row per code, its class, and two sentences for
 * the user. Warnings follow ib_async's rule (§9), which our client adopts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-ib-error-codes"

#include "config.h"

#include "au-ib-error-codes.h"

#define W TRUE
#define E FALSE

static const AuIbCodeInfo codes[] = {
  { 100, AU_IB_CODE_PACING, E,
    "Too many requests per second were sent to IB Gateway.",
    "The autopilot slows down on its own; three violations in a row disconnect the session." },
  { 103, AU_IB_CODE_ORDER_REJECTED, E,
    "The order id was already used.",
    "The autopilot asks the gateway for fresh order ids and places the order again." },
  { 104, AU_IB_CODE_ORDER_REJECTED, E,
    "A filled order cannot be modified.",
    "Nothing to do: the order is complete." },
  { 105, AU_IB_CODE_WARNING, W,
    "The order modification does not match the original order.",
    "Check the order in TWS; the original stays active." },
  { 110, AU_IB_CODE_WARNING, W,
    "The price does not fit the contract's minimum price step.",
    "The autopilot rounds prices to the tick size; report this if it repeats." },
  { 135, AU_IB_CODE_REQUEST_FAILED, E,
    "IB cannot find the order.",
    "The order may already be filled or cancelled; the autopilot reconciles orders." },
  { 161, AU_IB_CODE_REQUEST_FAILED, E,
    "The order cannot be cancelled in its current state.",
    "It is probably filled or already cancelled; the autopilot reconciles it." },
  { 162, AU_IB_CODE_REQUEST_FAILED, E,
    "IB's historical data service refused the request (no data, no permission or pacing).",
    "Wait a minute and retry; check the historical data permissions of the account." },
  { 165, AU_IB_CODE_INFO, W,
    "A notice from IB's historical data service.",
    "Nothing to do." },
  { 200, AU_IB_CODE_REQUEST_FAILED, E,
    "IB has no security definition for this contract, or the description is ambiguous.",
    "Check the symbol, expiry and strike; for stocks name the primary exchange." },
  { 201, AU_IB_CODE_ORDER_REJECTED, E,
    "IB rejected the order (margin, trading permissions or price).",
    "Read the reason shown; fix the account or the order before trying again." },
  { 202, AU_IB_CODE_ORDER_CANCELLED, E,
    "The order was cancelled.",
    "Nothing to do if the cancel was requested; otherwise read the reason shown." },
  { 300, AU_IB_CODE_REQUEST_FAILED, E,
    "The market data request to cancel was not found.",
    "Nothing to do." },
  { 321, AU_IB_CODE_CONNECTION_FAILED, W,
    "IB Gateway refused the request; usually the API is in Read-Only mode.",
    "In IB Gateway open Configure → Settings → API → Settings and clear \"Read-Only API\"." },
  { 322, AU_IB_CODE_REQUEST_FAILED, E,
    "IB Gateway had an internal error processing the request.",
    "Retry; if it repeats, restart IB Gateway." },
  { 326, AU_IB_CODE_CONNECTION_FAILED, E,
    "Another program is connected to IB Gateway with the same client id.",
    "Choose another client id in the connection settings, or close the other program." },
  { 329, AU_IB_CODE_WARNING, W,
    "The order was modified in a way IB does not accept.",
    "Check the order in TWS." },
  { 354, AU_IB_CODE_MARKET_DATA, E,
    "The account has no market data subscription for this instrument.",
    "Subscribe to the data in IB Account Management, or use delayed data." },
  { 366, AU_IB_CODE_REQUEST_FAILED, E,
    "No historical data query was found for this request.",
    "Nothing to do." },
  { 386, AU_IB_CODE_REQUEST_FAILED, E,
    "A historical data request with the same id is already running.",
    "The autopilot uses a new request id; report this if it repeats." },
  { 399, AU_IB_CODE_WARNING, W,
    "IB accepted the order with a warning (for example held until regular hours).",
    "Read the warning; the order is still working." },
  { 404, AU_IB_CODE_WARNING, W,
    "Shares are not available to borrow for a short sale; the order is held.",
    "Wait, or cancel the order." },
  { 420, AU_IB_CODE_PACING, E,
    "Too many real-time data requests (pacing).",
    "The autopilot slows down; wait a minute." },
  { 434, AU_IB_CODE_WARNING, W,
    "The order size cannot be zero.",
    "Check the order." },
  { 492, AU_IB_CODE_WARNING, W,
    "IB reported a warning about the order.",
    "Read the message; the order may still be live." },
  { 501, AU_IB_CODE_CONNECTION_FAILED, E,
    "Already connected to IB Gateway.",
    "Nothing to do." },
  { 502, AU_IB_CODE_CONNECTION_FAILED, E,
    "Cannot connect to IB Gateway: it is not running, or the API port is wrong or closed.",
    "Start IB Gateway or TWS, log in, enable the socket API and check the port (4002 paper, 4001 live)." },
  { 503, AU_IB_CODE_CONNECTION_FAILED, E,
    "IB Gateway is too old for this program.",
    "Update IB Gateway or TWS to version 10.19 or newer." },
  { 504, AU_IB_CODE_CONNECTION_FAILED, E,
    "Not connected to IB Gateway.",
    "The autopilot reconnects on its own; check that IB Gateway is running." },
  { 505, AU_IB_CODE_CONNECTION_FAILED, E,
    "A message from IB Gateway could not be read.",
    "Report this with the log; the message was skipped." },
  { 1100, AU_IB_CODE_CONNECTIVITY_LOST, E,
    "IB Gateway lost its connection to IB's servers.",
    "The autopilot stops trading until the connection is back; check the internet connection." },
  { 1101, AU_IB_CODE_CONNECTIVITY_RESTORED_LOST, E,
    "The connection to IB's servers is back, but market data subscriptions were lost.",
    "The autopilot requests its market data again." },
  { 1102, AU_IB_CODE_CONNECTIVITY_RESTORED, E,
    "The connection to IB's servers is back; nothing was lost.",
    "Nothing to do." },
  { 1300, AU_IB_CODE_CONNECTION_FAILED, E,
    "IB Gateway changed its API port and dropped the connection.",
    "Set the new port in the connection settings." },
  { 2100, AU_IB_CODE_WARNING, W,
    "Account updates stopped because another request for account updates replaced them.",
    "Nothing to do; the autopilot asks again when it needs them." },
  { 2103, AU_IB_CODE_FARM_BROKEN, W,
    "IB's market data server connection is broken.",
    "Quotes may pause; IB reconnects on its own. The autopilot does not trade on stale quotes." },
  { 2104, AU_IB_CODE_INFO, W,
    "IB's market data server connection is OK.",
    "Nothing to do." },
  { 2105, AU_IB_CODE_FARM_BROKEN, W,
    "IB's historical data server connection is broken.",
    "Historical data may be late; IB reconnects on its own." },
  { 2106, AU_IB_CODE_INFO, W,
    "IB's historical data server connection is OK.",
    "Nothing to do." },
  { 2107, AU_IB_CODE_INFO, W,
    "IB's historical data server is inactive but available on demand.",
    "Nothing to do." },
  { 2108, AU_IB_CODE_INFO, W,
    "IB's market data server is inactive but available on demand.",
    "Nothing to do." },
  { 2109, AU_IB_CODE_WARNING, W,
    "\"Outside regular trading hours\" was ignored for this order type or exchange.",
    "Nothing to do; the order works in regular hours." },
  { 2110, AU_IB_CODE_FARM_BROKEN, W,
    "The connection between IB Gateway and IB's servers is broken; it will be restored.",
    "Wait; the autopilot does not trade until data flows again." },
  { 2119, AU_IB_CODE_INFO, W,
    "IB's market data server is connecting.",
    "Nothing to do." },
  { 2137, AU_IB_CODE_WARNING, W,
    "The order crosses another order of the account (cross side warning).",
    "Check the open orders." },
  { 2157, AU_IB_CODE_FARM_BROKEN, W,
    "IB's security definition server connection is broken.",
    "Contract look-ups may fail for a while; IB reconnects on its own." },
  { 2158, AU_IB_CODE_INFO, W,
    "IB's security definition server connection is OK.",
    "Nothing to do." },
  { 10089, AU_IB_CODE_MARKET_DATA, E,
    "This market data subscription cannot be used through the API.",
    "Subscribe to the API version of the data in IB Account Management." },
  { 10090, AU_IB_CODE_MARKET_DATA, E,
    "Part of the requested market data is not subscribed (greeks need the underlying too).",
    "Subscribe to data for the option and its underlying." },
  { 10091, AU_IB_CODE_MARKET_DATA, E,
    "Part of the requested market data needs an API subscription.",
    "Subscribe to the API version of the data in IB Account Management." },
  { 10147, AU_IB_CODE_REQUEST_FAILED, E,
    "The order to cancel was not found.",
    "It is probably filled or already cancelled; the autopilot reconciles it." },
  { 10148, AU_IB_CODE_REQUEST_FAILED, E,
    "The order cannot be cancelled in its current state.",
    "It is probably filled; the autopilot reconciles it." },
  { 10167, AU_IB_CODE_MARKET_DATA, W,
    "No live market data subscription: IB shows delayed data instead.",
    "Prices are delayed about 15 minutes; subscribe to live data for real-time quotes." },
  { 10168, AU_IB_CODE_MARKET_DATA, E,
    "No live market data subscription, and delayed data is not enabled.",
    "The autopilot switches to delayed data; subscribe to live data for real-time quotes." },
  { 10186, AU_IB_CODE_MARKET_DATA, E,
    "No market data subscription, and delayed data is not enabled.",
    "Subscribe to the data, or enable delayed data." },
  { 10197, AU_IB_CODE_MARKET_DATA, E,
    "No market data: the same IB user is logged in elsewhere with a live session.",
    "Log out of the other session (TWS, mobile, web) or use a second IB username for the API." },
  { 10285, AU_IB_CODE_REQUEST_FAILED, E,
    "The API version does not support fractional size rules.",
    "Update IB Gateway or TWS." },
};

#undef W
#undef E

static const AuIbCodeInfo fallback_warning = {
  0, AU_IB_CODE_WARNING, TRUE,
  "IB sent a notice.",
  "Read the message shown; the request goes on.",
};

static const AuIbCodeInfo fallback_error = {
  0, AU_IB_CODE_REQUEST_FAILED, FALSE,
  "IB reported an error for this request.",
  "Read the message shown; the request has ended.",
};

static const AuIbCodeInfo *
find (int code)
{
  gsize lo = 0, hi = G_N_ELEMENTS (codes);

  /* The table is sorted by code. */
  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;

      if (codes[mid].code == code)
        return &codes[mid];
      if (codes[mid].code < code)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

gboolean
au_ib_code_is_warning (int code)
{
  static const int warnings[] = { 105, 110, 165, 321, 329, 399, 404, 434, 492, 10167 };

  if (code >= 2100 && code < 2200)
    return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (warnings); i++)
    if (warnings[i] == code)
      return TRUE;
  return FALSE;
}

const AuIbCodeInfo *
au_ib_code_lookup (int code)
{
  const AuIbCodeInfo *info = find (code);

  if (info != NULL)
    return info;
  return au_ib_code_is_warning (code) ? &fallback_warning : &fallback_error;
}

gboolean
au_ib_code_is_cancel_failure (int code)
{
  return code == 161 || code == 10147 || code == 10148;
}

gboolean
au_ib_code_is_known (int code)
{
  return find (code) != NULL;
}

const AuIbCodeInfo *
au_ib_code_table (gsize *n_entries)
{
  g_return_val_if_fail (n_entries != NULL, NULL);

  *n_entries = G_N_ELEMENTS (codes);
  return codes;
}

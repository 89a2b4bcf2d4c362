/* au-protocol.h: the protocol engine and risk logic (WS2) — what the
 * autopilot includes. Pure, deterministic decisions over plain structs
 * and small objects; every number from AuConstitution, every decision
 * with its rule and reason (AuProtocolWhy).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "au-atr-service.h"
#include "au-breach.h"
#include "au-circuit-breaker.h"
#include "au-covered-call-protocol.h"
#include "au-drawdown-pivot.h"
#include "au-hedge-sizer.h"
#include "au-l3-exit.h"
#include "au-position-protocol.h"
#include "au-protocol-types.h"
#include "au-roll-planner.h"
#include "au-week-type.h"

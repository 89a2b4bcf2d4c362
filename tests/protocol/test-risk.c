/* test-risk.c: VIX circuit breakers and latches (R6.9, D2.8, D2.18,
 * D2.26), the drawdown pivot (D2.6) and hedge sizing (D2.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "au-circuit-breaker.h"
#include "au-drawdown-pivot.h"
#include "au-hedge-sizer.h"
#include "protocol-test-util.h"

static void
test_vix_tiers (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();

  /* D2.8: strictly above each bound. */
  g_assert_cmpint (au_vix_tier_for (c, 50.00), ==, AU_VIX_TIER_NONE);
  g_assert_cmpint (au_vix_tier_for (c, 50.01), ==, AU_VIX_TIER_HEDGED);
  g_assert_cmpint (au_vix_tier_for (c, 52.00), ==, AU_VIX_TIER_HEDGED);
  g_assert_cmpint (au_vix_tier_for (c, 65.00), ==, AU_VIX_TIER_HEDGED);
  g_assert_cmpint (au_vix_tier_for (c, 65.01), ==, AU_VIX_TIER_SAFE);
  g_assert_cmpint (au_vix_tier_for (c, 80.00), ==, AU_VIX_TIER_SAFE);
  g_assert_cmpint (au_vix_tier_for (c, 80.01), ==, AU_VIX_TIER_EMERGENCY);
  g_assert_cmpstr (au_vix_tier_to_string (AU_VIX_TIER_EMERGENCY), ==, "emergency");
}

static void
observe (AuCircuitBreaker *b,
         gint64            time,
         double            vix,
         GArray           *events)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_circuit_breaker_observe (b, time, vix, events, &error));
  g_assert_no_error (error);
}

static AuBreakerEvent *
last_event (GArray *events)
{
  g_assert_cmpuint (events->len, >, 0);
  return &g_array_index (events, AuBreakerEvent, events->len - 1);
}

static void
test_hedged_week (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuCircuitBreaker) b = au_circuit_breaker_new (c);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));
  AuEntryCaps caps;

  observe (b, et (2026, 11, 18, 10, 0), 50.00, events);
  g_assert_cmpuint (events->len, ==, 0);
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_GEN, AU_PROTOCOL_L0, &caps);
  g_assert_true (caps.entries);
  g_assert_cmpfloat (caps.deploy_max, ==, 1.00);
  g_assert_cmpfloat (caps.symbol_cap, ==, 0.25);

  /* 50.01 on Wednesday: a Hedged Week until Friday's 16:30 cut. */
  observe (b, et (2026, 11, 18, 10, 5), 50.01, events);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (last_event (events)->to, ==, AU_VIX_TIER_HEDGED);
  g_assert_cmpstr (last_event (events)->why.rule, ==, "D2.8");
  g_assert_cmpint (au_circuit_breaker_get_hedged_until (b), ==, et (2026, 11, 20, 16, 30));

  /* D2.18: half size, Gen 12.5% and Rev 25% per symbol, rolls from L2. */
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_GEN, AU_PROTOCOL_L0, &caps);
  g_assert_true (caps.entries);
  g_assert_cmpfloat (caps.deploy_max, ==, 0.50);
  g_assert_cmpfloat (caps.symbol_cap, ==, 0.125);
  g_assert_cmpint (caps.roll_min_level, ==, 2);
  g_assert_cmpstr (caps.why.rule, ==, "D2.18");
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_REV, AU_PROTOCOL_L1, &caps);
  g_assert_cmpfloat (caps.symbol_cap, ==, 0.25);
  g_assert_true (caps.entries);
  /* R6.3: a Rev position at L2 freezes Rev's entries, not Gen's. */
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_REV, AU_PROTOCOL_L2, &caps);
  g_assert_false (caps.entries);
  g_assert_cmpstr (caps.why.rule, ==, "R6.3");
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_GEN, AU_PROTOCOL_L1, &caps);
  g_assert_true (caps.entries);

  /* VIX falling does not end the week before the cut. */
  observe (b, et (2026, 11, 20, 16, 29), 20.0, events);
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_HEDGED);
  g_assert_cmpuint (events->len, ==, 1);
  /* At the cut, with VIX at 55 it is renewed until the next cut, which
   * is the early close after Thanksgiving: 14:30 (D2.7). */
  observe (b, et (2026, 11, 20, 16, 30), 55.0, events);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (au_circuit_breaker_get_hedged_until (b), ==, et (2026, 11, 27, 14, 30));
  observe (b, et (2026, 11, 27, 14, 30), 50.0, events);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpint (last_event (events)->to, ==, AU_VIX_TIER_NONE);
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_NONE);
  g_assert_cmpint (au_circuit_breaker_get_hedged_until (b), ==, 0);
}

static void
test_safe_and_kill (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuCircuitBreaker) b = au_circuit_breaker_new (c);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));
  g_autoptr(GError) error = NULL;
  AuEntryCaps caps;

  observe (b, et (2026, 11, 18, 10, 0), 65.01, events);
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_SAFE);
  g_assert_cmpstr (last_event (events)->why.rule, ==, "R6.9");
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_COM, AU_PROTOCOL_L0, &caps);
  g_assert_false (caps.entries);

  /* Latched: VIX at 20 changes nothing. */
  observe (b, et (2026, 11, 18, 11, 0), 20.0, events);
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_SAFE);
  g_assert_cmpuint (events->len, ==, 1);

  observe (b, et (2026, 11, 18, 12, 0), 80.00, events);
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_SAFE);
  observe (b, et (2026, 11, 18, 12, 5), 80.01, events);
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_EMERGENCY);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpfloat (last_event (events)->vix, ==, 80.01);

  /* A user reset needs a reason and a VIX at or below 65. */
  g_assert_false (au_circuit_breaker_reset (b, et (2026, 11, 18, 13, 0), "user", "", 30,
                                            events, &error));
  g_assert_true (g_str_has_prefix (error->message, "reason"));
  g_clear_error (&error);
  g_assert_false (au_circuit_breaker_reset (b, et (2026, 11, 18, 13, 0), "user", "calm", 65.01,
                                            events, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_true (au_circuit_breaker_reset (b, et (2026, 11, 18, 13, 0), "user", "reviewed",
                                           60.0, events, &error));
  g_assert_no_error (error);
  /* Reset to none, then a Hedged Week since 60 > 50. */
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpstr (g_array_index (events, AuBreakerEvent, 2).actor, ==, "user");
  g_assert_cmpstr (g_array_index (events, AuBreakerEvent, 2).why.rule, ==, "D2.26");
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_HEDGED);

  g_assert_false (au_circuit_breaker_reset (b, et (2026, 11, 18, 13, 0), "user", "again", 40,
                                            events, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_REFUSED);
}

static void
test_policy_reset (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuCircuitBreaker) b = au_circuit_breaker_new (c);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuBreakerEvent));
  AuBreakerEvent *e;
  AuEntryCaps caps;

  observe (b, et (2026, 11, 18, 10, 0), 81.0, events);
  au_circuit_breaker_latch_sleeve (b, et (2026, 11, 18, 10, 1), AU_SLEEVE_GEN, "L3 on AAPL",
                                   events);
  g_assert_true (au_circuit_breaker_sleeve_latched (b, AU_SLEEVE_GEN));
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (last_event (events)->why.rule, ==, "R6.4");

  /* Before a cut: nothing. */
  g_assert_false (au_circuit_breaker_policy_check (b, et (2026, 11, 19, 10, 0), 20, 0, events));
  /* Friday's cut with VIX 65.01: no reset, and that cut is judged. */
  g_assert_false (au_circuit_breaker_policy_check (b, et (2026, 11, 20, 16, 30), 65.01, 0,
                                                   events));
  g_assert_false (au_circuit_breaker_policy_check (b, et (2026, 11, 20, 17, 0), 20, 0, events));
  /* The early-close cut (14:30) with a position still at L3: no reset. */
  g_assert_false (au_circuit_breaker_policy_check (b, et (2026, 11, 27, 14, 31), 40, 1, events));
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_EMERGENCY);
  g_assert_cmpuint (events->len, ==, 2);

  /* The next cut, VIX 65 (at the bound) and nothing at L3: the policy resets. */
  g_assert_true (au_circuit_breaker_policy_check (b, et (2026, 12, 4, 16, 30), 65.0, 0, events));
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_HEDGED);
  g_assert_false (au_circuit_breaker_sleeve_latched (b, AU_SLEEVE_GEN));
  g_assert_cmpuint (events->len, ==, 5);
  for (guint i = 2; i < events->len; i++)
    {
      e = &g_array_index (events, AuBreakerEvent, i);
      g_assert_cmpstr (e->actor, ==, "policy");
    }
  g_assert_cmpstr (g_array_index (events, AuBreakerEvent, 2).why.rule, ==, "D2.26");
  au_circuit_breaker_entry_caps (b, AU_SLEEVE_GEN, AU_PROTOCOL_L0, &caps);
  g_assert_true (caps.entries);
}

static void
test_policy_never (void)
{
  g_autoptr(AuConstitution) shipped = test_constitution ();
  GBytes *bytes = au_constitution_get_bytes (shipped);  /* transfer none */
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes));
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(AuConstitution) c = NULL;
  g_autoptr(AuCircuitBreaker) b = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_string_replace (text, "unattended_reset=weekly_cut",
                                      "unattended_reset=never", 1), ==, 1);
  changed = g_bytes_new (text->str, text->len);
  c = au_constitution_new_from_bytes (changed, "test", &error);
  g_assert_no_error (error);
  b = au_circuit_breaker_new (c);
  observe (b, et (2026, 11, 18, 10, 0), 70.0, NULL);
  g_assert_false (au_circuit_breaker_policy_check (b, et (2026, 11, 20, 16, 30), 20, 0, NULL));
  g_assert_cmpint (au_circuit_breaker_get_tier (b), ==, AU_VIX_TIER_SAFE);
}

static void
test_drawdown_pivot (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GError) error = NULL;
  AuDrawdownPivot pivot;
  AuProtocolWhy why;
  gboolean changed;

  /* D2.6: −15% exactly with VIX 29.99 triggers; VIX 30 does not. */
  au_drawdown_pivot_init (&pivot, M ("100000.00"));
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("85000.00"), 30.0, &changed, &why,
                                           &error));
  g_assert_false (pivot.active);
  g_assert_nonnull (strstr (why.reason, "VIX"));
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("85000.01"), 29.99, &changed, &why,
                                           &error));
  g_assert_false (pivot.active);
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("85000.00"), 29.99, &changed, &why,
                                           &error));
  g_assert_true (pivot.active);
  g_assert_true (changed);
  g_assert_cmpstr (why.rule, ==, "D2.6");

  /* Latched in between, whatever VIX does; ends within 5% of the mark. */
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("94999.99"), 45, &changed, &why, &error));
  g_assert_true (pivot.active);
  g_assert_false (changed);
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("95000.00"), 45, &changed, &why, &error));
  g_assert_false (pivot.active);
  g_assert_true (changed);

  /* The mark follows new highs. */
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("120000.00"), 15, &changed, &why, &error));
  g_assert_cmpint (pivot.high_water, ==, M ("120000.00"));
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("102000.01"), 15, &changed, &why, &error));
  g_assert_false (pivot.active);
  g_assert_true (au_drawdown_pivot_update (&pivot, c, M ("102000.00"), 15, &changed, &why, &error));
  g_assert_true (pivot.active);

  g_assert_false (au_drawdown_pivot_update (&pivot, c, M ("1"), NAN, &changed, &why, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "vix"));
}

static AuHedgeSize
hedge (AuConstitution *c,
       const char     *equity,
       const char     *gains)
{
  g_autoptr(GError) error = NULL;
  AuHedgeSize size;

  g_assert_true (au_hedge_size (c, M (equity), M (gains), &size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (size.spx_puts + size.vix_calls, ==, size.spend);
  return size;
}

static void
test_hedge_sizer (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(GError) error = NULL;
  AuHedgeSize size;

  /* Research §6.1 recomputed with D2.4: equity $120,000, gains $18,000:
   * budget max($1,350, $1,200) = $1,350; spend min($1,800, $1,350) =
   * $1,350 = $900 SPX puts + $450 VIX calls. */
  size = hedge (c, "120000.00", "18000.00");
  g_assert_cmpint (size.budget, ==, M ("1350.00"));
  g_assert_cmpint (size.spend, ==, M ("1350.00"));
  g_assert_cmpint (size.spx_puts, ==, M ("900.00"));
  g_assert_cmpint (size.vix_calls, ==, M ("450.00"));
  g_assert_cmpstr (size.why.rule, ==, "D2.4");

  /* No gains (or losses): the 1% floor. */
  size = hedge (c, "120000.00", "0");
  g_assert_cmpint (size.spend, ==, M ("1200.00"));
  g_assert_cmpint (size.spx_puts, ==, M ("800.00"));
  size = hedge (c, "120000.00", "-5000.00");
  g_assert_cmpint (size.budget, ==, M ("1200.00"));
  /* Large gains: the 1.5% cap. */
  size = hedge (c, "120000.00", "40000.00");
  g_assert_cmpint (size.budget, ==, M ("3000.00"));
  g_assert_cmpint (size.spend, ==, M ("1800.00"));
  g_assert_cmpint (size.spx_puts, ==, M ("1200.00"));
  g_assert_cmpint (size.vix_calls, ==, M ("600.00"));
  /* Odd cents still add up. */
  size = hedge (c, "100.00", "0");
  g_assert_cmpint (size.spend, ==, M ("1.00"));
  g_assert_cmpint (size.spx_puts, ==, M ("0.67"));
  g_assert_cmpint (size.vix_calls, ==, M ("0.33"));

  g_assert_false (au_hedge_size (c, 0, M ("1000"), &size, &error));
  g_assert_true (g_str_has_prefix (error->message, "sleeve_equity"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Protocol/Breaker/tiers", test_vix_tiers);
  g_test_add_func ("/Protocol/Breaker/hedged-week", test_hedged_week);
  g_test_add_func ("/Protocol/Breaker/safe-and-kill", test_safe_and_kill);
  g_test_add_func ("/Protocol/Breaker/policy-reset", test_policy_reset);
  g_test_add_func ("/Protocol/Breaker/policy-never", test_policy_never);
  g_test_add_func ("/Protocol/Pivot/drawdown", test_drawdown_pivot);
  g_test_add_func ("/Protocol/Hedge/sizer", test_hedge_sizer);
  return g_test_run ();
}

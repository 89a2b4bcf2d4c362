/* test-breach.c: breach levels and per-position protocol state with the
 * worked example of research §5 (K = 200, ATR 4.00)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-breach.h"
#include "au-position-protocol.h"
#include "protocol-test-util.h"

static AuBreach
breach_at (AuConstitution *c,
           AuSleeve        sleeve,
           AuStrategy      strategy,
           const char     *spot)
{
  g_autoptr(GError) error = NULL;
  AuBreach breach;

  g_assert_true (au_breach_compute (c, sleeve, strategy, P ("200"), P (spot), P ("4.00"),
                                    &breach, &error));
  g_assert_no_error (error);
  return breach;
}

static void
test_worked_example (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  struct {
    const char     *spot;
    AuProtocolLevel level;
    double          multiple;
    const char     *rule;
  } rows[] = {
    { "210.00", AU_PROTOCOL_L0, 0.0, "R6.1" },     /* above the strike: b < 0, m = 0 */
    { "200.00", AU_PROTOCOL_L0, 0.0, "R6.1" },     /* b = 0 */
    { "196.01", AU_PROTOCOL_L0, 0.9975, "R6.1" },  /* L0 above 196 */
    { "196.00", AU_PROTOCOL_L1, 1.0, "R6.2" },     /* L1 at 196.00, m = 1.0 */
    { "192.01", AU_PROTOCOL_L1, 1.9975, "R6.2" },
    { "192.00", AU_PROTOCOL_L2, 2.0, "R6.3" },     /* L2 at 192.00 */
    { "188.01", AU_PROTOCOL_L2, 2.9975, "R6.3" },
    { "188.00", AU_PROTOCOL_L3, 3.0, "R6.4" },     /* L3 at 188.00 */
    { "150.00", AU_PROTOCOL_L3, 12.5, "R6.4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      AuBreach b = breach_at (c, AU_SLEEVE_GEN, AU_STRATEGY_CSP, rows[i].spot);

      g_test_message ("spot %s: %s", rows[i].spot, b.why.reason);
      g_assert_cmpint (b.level, ==, rows[i].level);
      g_assert_cmpfloat_with_epsilon (b.multiple, rows[i].multiple, 1e-12);
      g_assert_cmpstr (b.why.rule, ==, rows[i].rule);
      g_assert_cmpint (b.breach, ==, P ("200") - P (rows[i].spot));
      g_assert_cmpint (b.spot, ==, P (rows[i].spot));
    }

  /* The spots of the example, from the constitution's multiples. */
  g_assert_cmpint (au_breach_spot_at (AU_STRATEGY_CSP, P ("200"), P ("4"), 1.0), ==, P ("196"));
  g_assert_cmpint (au_breach_spot_at (AU_STRATEGY_CSP, P ("200"), P ("4"), 1.5), ==, P ("194"));
  g_assert_cmpint (au_breach_spot_at (AU_STRATEGY_CSP, P ("200"), P ("4"), 2.0), ==, P ("192"));
  g_assert_cmpint (au_breach_spot_at (AU_STRATEGY_CSP, P ("200"), P ("4"), 3.0), ==, P ("188"));
  g_assert_cmpint (au_breach_spot_at (AU_STRATEGY_CC, P ("200"), P ("4"), 2.0), ==, P ("208"));
}

static void
test_roll_trigger (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();

  /* R2.3: Gen prepares at 1.0 ATR; R3.3: Rev's trigger is at 1.5 ATR = 194.00. */
  g_assert_true (breach_at (c, AU_SLEEVE_GEN, AU_STRATEGY_CSP, "196.00").roll_trigger);
  g_assert_false (breach_at (c, AU_SLEEVE_GEN, AU_STRATEGY_CSP, "196.01").roll_trigger);
  g_assert_false (breach_at (c, AU_SLEEVE_REV, AU_STRATEGY_CSP, "196.00").roll_trigger);
  g_assert_false (breach_at (c, AU_SLEEVE_REV, AU_STRATEGY_CSP, "194.01").roll_trigger);
  g_assert_true (breach_at (c, AU_SLEEVE_REV, AU_STRATEGY_CSP, "194.00").roll_trigger);
  g_assert_cmpint (breach_at (c, AU_SLEEVE_REV, AU_STRATEGY_CSP, "194.00").level, ==,
                   AU_PROTOCOL_L1);
}

#define CC_LEVEL(spot) (breach_at (c, AU_SLEEVE_COM, AU_STRATEGY_CC, (spot)).level)

static void
test_covered_call_mirror (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();

  /* A short call is breached by spot − strike. */
  g_assert_cmpint (CC_LEVEL ("196.00"), ==, AU_PROTOCOL_L0);
  g_assert_cmpint (breach_at (c, AU_SLEEVE_COM, AU_STRATEGY_CC, "196.00").breach, ==, -P ("4"));
  g_assert_cmpfloat (breach_at (c, AU_SLEEVE_COM, AU_STRATEGY_CC, "196.00").multiple, ==, 0.0);
  g_assert_cmpint (CC_LEVEL ("203.99"), ==, AU_PROTOCOL_L0);
  g_assert_cmpint (CC_LEVEL ("204.00"), ==, AU_PROTOCOL_L1);
  g_assert_cmpint (CC_LEVEL ("208.00"), ==, AU_PROTOCOL_L2);
  g_assert_cmpint (CC_LEVEL ("212.00"), ==, AU_PROTOCOL_L3);
}

static void
test_bad_input (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  AuBreach b;
  struct {
    AuSleeve    sleeve;
    AuStrategy  strategy;
    const char *strike, *spot, *atr;
    const char *field;
  } rows[] = {
    { AU_SLEEVE_GEN, AU_STRATEGY_STOCK, "200", "190", "4", "strategy" },
    { AU_SLEEVE_MINI, AU_STRATEGY_CSP, "200", "190", "4", "sleeve" },
    { AU_SLEEVE_GEN, AU_STRATEGY_CSP, "0", "190", "4", "strike" },
    { AU_SLEEVE_GEN, AU_STRATEGY_CSP, "200", "0", "4", "spot" },
    { AU_SLEEVE_GEN, AU_STRATEGY_CSP, "200", "190", "0", "atr" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (au_breach_compute (c, rows[i].sleeve, rows[i].strategy, P (rows[i].strike),
                                         P (rows[i].spot), P (rows[i].atr), &b, &error));
      g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, rows[i].field));
    }
}

static AuPositionProtocol *
gen_csp (AuConstitution *c)
{
  g_autoptr(GError) error = NULL;
  AuPositionProtocol *p = au_position_protocol_new (c, AU_SLEEVE_GEN, AU_STRATEGY_CSP, P ("200"),
                                                    &error);

  g_assert_no_error (error);
  return p;
}

static void
observe (AuPositionProtocol *p,
         gint64              time,
         const char         *spot,
         GArray             *events)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (au_position_protocol_observe (p, time, P (spot), P ("4.00"), events, &error));
  g_assert_no_error (error);
}

static void
test_jump_records_every_level (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuPositionProtocol) p = gen_csp (c);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  const char *rules[] = { "R6.2", "R6.3", "R6.4" };
  gint64 t0 = et (2026, 11, 19, 10, 0);
  AuProtocolWhy why;

  observe (p, t0, "200.00", events);
  g_assert_cmpuint (events->len, ==, 0);

  /* R6.5 / D2.10: L0 → L3 in one tick is three events, L1, L2 and L3,
   * each with the time, m, spot and ATR of the tick. */
  observe (p, t0 + 300 * G_USEC_PER_SEC, "188.00", events);
  g_assert_cmpuint (events->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      AuProtocolEvent *e = &g_array_index (events, AuProtocolEvent, i);

      g_assert_cmpint (e->from, ==, i);
      g_assert_cmpint (e->to, ==, i + 1);
      g_assert_cmpint (e->time, ==, t0 + 300 * G_USEC_PER_SEC);
      g_assert_cmpfloat (e->multiple, ==, 3.0);
      g_assert_cmpint (e->spot, ==, P ("188"));
      g_assert_cmpint (e->atr, ==, P ("4"));
      g_assert_cmpstr (e->why.rule, ==, rules[i]);
      g_assert_cmpstr (e->actor, ==, "engine");
      g_assert_nonnull (strstr (e->why.reason, "no level is skipped"));
    }
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L3);
  g_assert_cmpint (au_position_protocol_get_action (p, &why), ==, AU_PROTOCOL_ACTION_EXIT);
  g_assert_cmpstr (why.rule, ==, "R6.4");

  /* One level at a time: no "skipped" note. */
  {
    g_autoptr(AuPositionProtocol) q = gen_csp (c);

    g_array_set_size (events, 0);
    observe (q, t0, "196.00", events);
    g_assert_cmpuint (events->len, ==, 1);
    g_assert_null (strstr (g_array_index (events, AuProtocolEvent, 0).why.reason, "skipped"));
  }
}

static void
test_l3_latched_and_reset (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuPositionProtocol) p = gen_csp (c);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  g_autoptr(GError) error = NULL;
  gint64 t0 = et (2026, 11, 19, 10, 0);
  AuProtocolEvent *e;

  observe (p, t0, "188.00", events);
  g_array_set_size (events, 0);

  /* D2.10: the market recovering changes nothing. */
  for (int i = 1; i <= 10; i++)
    observe (p, t0 + (gint64) i * 600 * G_USEC_PER_SEC, "205.00", events);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L3);

  g_assert_false (au_position_protocol_reset (p, t0, "user", "", events, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "reason"));
  g_clear_error (&error);

  g_assert_true (au_position_protocol_reset (p, t0 + G_TIME_SPAN_HOUR * 8, "user",
                                             "position closed, reviewed", events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  e = &g_array_index (events, AuProtocolEvent, 0);
  g_assert_cmpint (e->from, ==, AU_PROTOCOL_L3);
  g_assert_cmpint (e->to, ==, AU_PROTOCOL_L0);
  g_assert_cmpstr (e->actor, ==, "user");
  g_assert_cmpstr (e->why.rule, ==, "D2.26");

  /* Nothing to reset at L0. */
  g_assert_false (au_position_protocol_reset (p, t0, "user", "again", events, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_REFUSED);
}

static void
test_deescalation (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuPositionProtocol) p = gen_csp (c);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  gint64 t0 = et (2026, 11, 19, 10, 0);
  gint64 s = G_USEC_PER_SEC;  /* one second */

  observe (p, t0, "196.00", events);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L1);
  /* R0.11: L1 is checked every 60 s. */
  g_assert_cmpint (au_position_protocol_get_monitor_seconds (p), ==, 60);
  g_assert_cmpint (au_position_protocol_get_next_check (p), ==, t0 + 60 * s);

  /* m < 1 before the scheduled check: still L1. */
  observe (p, t0 + 30 * s, "197.00", events);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L1);
  g_assert_cmpuint (events->len, ==, 1);

  /* At the scheduled check with m = 0.75 < 1: back to L0 (D2.10). */
  observe (p, t0 + 60 * s, "197.00", events);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L0);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (g_array_index (events, AuProtocolEvent, 1).why.rule, ==, "D2.10");
  g_assert_cmpint (au_position_protocol_get_monitor_seconds (p), ==, 300);

  /* L2 easing to m = 1.5 stays at L2; at m = 0.99… it returns to L0. */
  observe (p, t0 + 400 * s, "192.00", events);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L2);
  g_assert_cmpint (au_position_protocol_get_monitor_seconds (p), ==, 30);
  observe (p, t0 + 430 * s, "194.00", events);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L2);
  observe (p, t0 + 460 * s, "196.00", events);   /* m = 1.0 exactly: not below 1 */
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L2);
  observe (p, t0 + 490 * s, "196.01", events);
  g_assert_cmpint (au_position_protocol_get_level (p), ==, AU_PROTOCOL_L0);
}

static void
test_actions (void)
{
  g_autoptr(AuConstitution) c = test_constitution ();
  g_autoptr(AuPositionProtocol) gen = gen_csp (c);
  g_autoptr(AuPositionProtocol) rev = au_position_protocol_new (c, AU_SLEEVE_REV, AU_STRATEGY_CSP,
                                                                P ("200"), NULL);
  g_autoptr(AuPositionProtocol) bad = NULL;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (AuProtocolEvent));
  g_autoptr(GError) error = NULL;
  gint64 t0 = et (2026, 11, 18, 10, 0);
  AuProtocolWhy why;

  g_assert_cmpint (au_position_protocol_get_action (gen, &why), ==, AU_PROTOCOL_ACTION_NONE);
  g_assert_cmpint (au_position_protocol_get_monitor_seconds (gen), ==, 300);

  observe (gen, t0, "196.00", events);
  g_assert_cmpint (au_position_protocol_get_action (gen, &why), ==,
                   AU_PROTOCOL_ACTION_PREPARE_ROLL);
  g_assert_cmpstr (why.rule, ==, "R2.3");

  /* Rev at L1 below its 1.5× trigger only monitors; at 194.00 it prepares. */
  observe (rev, t0, "195.00", events);
  g_assert_cmpint (au_position_protocol_get_level (rev), ==, AU_PROTOCOL_L1);
  g_assert_cmpint (au_position_protocol_get_action (rev, &why), ==, AU_PROTOCOL_ACTION_NONE);
  observe (rev, t0 + G_USEC_PER_SEC, "194.00", events);
  g_assert_cmpint (au_position_protocol_get_action (rev, &why), ==,
                   AU_PROTOCOL_ACTION_PREPARE_ROLL);
  g_assert_cmpstr (why.rule, ==, "R3.3");

  observe (gen, t0 + G_USEC_PER_SEC, "192.00", events);
  g_assert_cmpint (au_position_protocol_get_action (gen, &why), ==, AU_PROTOCOL_ACTION_ROLL);
  g_assert_cmpstr (why.rule, ==, "R6.3");

  /* R6.7 refusing the roll takes L2 to L3 with its own rule. */
  g_array_set_size (events, 0);
  au_position_protocol_escalate_to_l3 (gen, t0 + 2 * G_USEC_PER_SEC, "R6.7",
                                       "roll debit 0.61 is 50.8% of the credit 1.20", events);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (g_array_index (events, AuProtocolEvent, 0).why.rule, ==, "R6.7");
  g_assert_cmpint (au_position_protocol_get_level (gen), ==, AU_PROTOCOL_L3);
  g_assert_cmpint (au_position_protocol_get_monitor_seconds (gen), ==, 1);

  bad = au_position_protocol_new (c, AU_SLEEVE_GEN, AU_STRATEGY_CSP, 0, &error);
  g_assert_null (bad);
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (au_position_protocol_observe (rev, t0, P ("190"), 0, events, &error));
  g_assert_error (error, AU_PROTOCOL_ERROR, AU_PROTOCOL_ERROR_INVALID);
  g_assert_cmpint (au_position_protocol_get_level (rev), ==, AU_PROTOCOL_L1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Protocol/Breach/worked-example", test_worked_example);
  g_test_add_func ("/Protocol/Breach/roll-trigger", test_roll_trigger);
  g_test_add_func ("/Protocol/Breach/covered-call", test_covered_call_mirror);
  g_test_add_func ("/Protocol/Breach/bad-input", test_bad_input);
  g_test_add_func ("/Protocol/Position/jump", test_jump_records_every_level);
  g_test_add_func ("/Protocol/Position/l3-latched", test_l3_latched_and_reset);
  g_test_add_func ("/Protocol/Position/deescalation", test_deescalation);
  g_test_add_func ("/Protocol/Position/actions", test_actions);
  return g_test_run ();
}

/* test-system-state.c: the R9 state machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-system-state.h"

static void
test_names (void)
{
  for (guint i = 0; i < AU_N_SYSTEM_STATES; i++)
    {
      AuSystemState state;

      g_assert_true (au_system_state_from_string (au_system_state_to_string (i), &state));
      g_assert_cmpint (state, ==, i);
    }
  g_assert_cmpstr (au_system_state_to_string (AU_SYSTEM_RECONCILING), ==, "RECONCILING");
  g_assert_false (au_system_state_from_string ("ACTIVE", &(AuSystemState) { 0 }));
}

static void
test_active (void)
{
  /* D2.27: the five operating states between SAFE and RECONCILING. */
  AuSystemState active[] = { AU_SYSTEM_SCANNING, AU_SYSTEM_ANALYZING, AU_SYSTEM_ORDERING,
                             AU_SYSTEM_MONITORING, AU_SYSTEM_CLOSING };
  guint n_active = 0;

  for (guint i = 0; i < G_N_ELEMENTS (active); i++)
    g_assert_true (au_system_state_is_active (active[i]));
  for (guint i = 0; i < AU_N_SYSTEM_STATES; i++)
    n_active += au_system_state_is_active (i);
  g_assert_cmpuint (n_active, ==, 5);
  g_assert_false (au_system_state_is_active (AU_SYSTEM_SAFE));
  g_assert_false (au_system_state_is_active (AU_SYSTEM_RECONCILING));
  g_assert_false (au_system_state_is_active (AU_SYSTEM_EMERGENCY));
}

static void
test_cycle (void)
{
  AuSystemState cycle[] = { AU_SYSTEM_SAFE, AU_SYSTEM_SCANNING, AU_SYSTEM_ANALYZING,
                            AU_SYSTEM_ORDERING, AU_SYSTEM_MONITORING, AU_SYSTEM_CLOSING,
                            AU_SYSTEM_RECONCILING, AU_SYSTEM_SAFE };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (cycle); i++)
    g_assert_true (au_system_state_can_move (cycle[i], cycle[i + 1]));

  /* No skipping from SAFE straight to sending orders. */
  g_assert_false (au_system_state_can_move (AU_SYSTEM_SAFE, AU_SYSTEM_ORDERING));
  g_assert_false (au_system_state_can_move (AU_SYSTEM_SAFE, AU_SYSTEM_MONITORING));
  g_assert_false (au_system_state_can_move (AU_SYSTEM_SCANNING, AU_SYSTEM_ORDERING));
  g_assert_false (au_system_state_can_move (AU_SYSTEM_SAFE, AU_SYSTEM_SAFE));
  /* R9.1: resume = reconcile, then monitor. */
  g_assert_true (au_system_state_can_move (AU_SYSTEM_SAFE, AU_SYSTEM_RECONCILING));
  g_assert_true (au_system_state_can_move (AU_SYSTEM_RECONCILING, AU_SYSTEM_MONITORING));
}

static void
test_emergency (void)
{
  for (guint i = 0; i < AU_N_SYSTEM_STATES; i++)
    {
      if (i != AU_SYSTEM_EMERGENCY)
        g_assert_true (au_system_state_can_move (i, AU_SYSTEM_EMERGENCY));
      if (i != AU_SYSTEM_SAFE)
        g_assert_true (au_system_state_can_move (i, AU_SYSTEM_SAFE));
      /* D2.26: only a reset (to SAFE) leaves EMERGENCY. */
      if (i != AU_SYSTEM_SAFE && i != AU_SYSTEM_EMERGENCY)
        g_assert_false (au_system_state_can_move (AU_SYSTEM_EMERGENCY, i));
    }
  g_assert_true (au_system_state_can_move (AU_SYSTEM_EMERGENCY, AU_SYSTEM_SAFE));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/SystemState/names", test_names);
  g_test_add_func ("/SystemState/active", test_active);
  g_test_add_func ("/SystemState/cycle", test_cycle);
  g_test_add_func ("/SystemState/emergency", test_emergency);
  return g_test_run ();
}

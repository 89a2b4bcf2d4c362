/* test-week-type.c: the week type per sleeve and for the system (D2.5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "au-protocol.h"
#include "protocol-test-util.h"

/* One event kind that yields each type (Calm-Income has none). */
static const AuWeekEventKind kind_for_type[AU_N_WEEK_TYPES] = {
  [AU_WEEK_EARNINGS_FILTER] = AU_WEEK_EVENT_EARNINGS_SKIP,
  [AU_WEEK_ASSIGNMENT]      = AU_WEEK_EVENT_ASSIGNMENT,
  [AU_WEEK_HEDGED]          = AU_WEEK_EVENT_HEDGE_DEPLOYED,
  [AU_WEEK_ROLL]            = AU_WEEK_EVENT_L2_ROLL,
  [AU_WEEK_PRESERVATION]    = AU_WEEK_EVENT_L3_EXIT,
};

static void
test_keys (void)
{
  const char *keys[] = { "calm_income", "roll", "hedged", "assignment", "earnings_filter",
                         "preservation" };
  guint seen = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      AuWeekType type;

      g_assert_true (au_week_type_from_key (keys[i], &type));
      g_assert_cmpstr (au_week_type_to_key (type), ==, keys[i]);
      seen |= 1u << type;
    }
  g_assert_cmpuint (seen, ==, (1u << AU_N_WEEK_TYPES) - 1);
  g_assert_false (au_week_type_from_key ("Calm-Income", &(AuWeekType) { 0 }));
  g_assert_false (au_week_type_from_key (NULL, &(AuWeekType) { 0 }));
}

static void
test_calm (void)
{
  g_autoptr(AuWeekLabel) label = au_week_type_classify (NULL, 0, "gen");

  g_assert_cmpint (label->type, ==, AU_WEEK_CALM_INCOME);
  g_assert_cmpuint (label->events->len, ==, 0);
  g_assert_cmpstr (label->account, ==, "gen");
  g_assert_cmpstr (label->why.rule, ==, "D2.5");
}

/* Every pairing, in both orders: the higher type by D2.5 wins and only
 * its events are kept as the decision. */
static void
test_precedence_pairs (void)
{
  /* D2.5's order, highest first. */
  const AuWeekType order[] = { AU_WEEK_PRESERVATION, AU_WEEK_ROLL, AU_WEEK_HEDGED,
                               AU_WEEK_ASSIGNMENT, AU_WEEK_EARNINGS_FILTER,
                               AU_WEEK_CALM_INCOME };
  guint pairs = 0;

  for (guint hi = 0; hi < G_N_ELEMENTS (order); hi++)
    for (guint lo = hi + 1; lo < G_N_ELEMENTS (order); lo++)
      for (guint flip = 0; flip < 2; flip++)
        {
          g_autoptr(AuWeekLabel) label = NULL;
          AuWeekEvent events[2];
          guint n = 0;
          AuWeekType first = flip ? order[lo] : order[hi];
          AuWeekType second = flip ? order[hi] : order[lo];

          if (first != AU_WEEK_CALM_INCOME)
            au_week_event_init (&events[n++], kind_for_type[first], et (2026, 11, 17, 10, 0),
                                "gen", "AAPL");
          if (second != AU_WEEK_CALM_INCOME)
            au_week_event_init (&events[n++], kind_for_type[second], et (2026, 11, 18, 10, 0),
                                "gen", "MSFT");
          label = au_week_type_classify (events, n, "gen");
          g_assert_cmpint (label->type, ==, order[hi]);
          g_assert_cmpuint (label->events->len, ==, 1);
          g_assert_cmpint (g_array_index (label->events, AuWeekEvent, 0).kind, ==,
                           kind_for_type[order[hi]]);
          pairs++;
        }
  g_assert_cmpuint (pairs, ==, 30);  /* 15 pairings × 2 orders */
}

static void
test_sleeves_and_system (void)
{
  AuWeekEvent events[5];
  g_autoptr(AuWeekLabel) gen = NULL;
  g_autoptr(AuWeekLabel) rev = NULL;
  g_autoptr(AuWeekLabel) com = NULL;
  g_autoptr(AuWeekLabel) mini = NULL;
  g_autoptr(AuWeekLabel) system = NULL;

  au_week_event_init (&events[0], AU_WEEK_EVENT_L2_ROLL, et (2026, 11, 18, 11, 0), "gen", "AAPL");
  au_week_event_init (&events[1], AU_WEEK_EVENT_HEDGE_DEPLOYED, et (2026, 11, 18, 11, 1), "gen",
                      "SPX");
  au_week_event_init (&events[2], AU_WEEK_EVENT_EARNINGS_SKIP, et (2026, 11, 18, 9, 50), "rev",
                      "NVDA");
  au_week_event_init (&events[3], AU_WEEK_EVENT_HEDGED_WEEK, et (2026, 11, 19, 10, 0), NULL, NULL);
  au_week_event_init (&events[4], AU_WEEK_EVENT_ASSIGNMENT, et (2026, 11, 20, 16, 0), "MINI-1",
                      "MSFT");

  /* Gen rolled (Roll outranks Hedged, every roll also hedges: R6.6). */
  gen = au_week_type_classify (events, G_N_ELEMENTS (events), "gen");
  g_assert_cmpint (gen->type, ==, AU_WEEK_ROLL);
  g_assert_cmpuint (gen->events->len, ==, 1);
  g_assert_cmpstr (g_array_index (gen->events, AuWeekEvent, 0).symbol, ==, "AAPL");
  g_assert_cmpstr (g_array_index (gen->events, AuWeekEvent, 0).rule, ==, "R6.3");

  /* The system-wide Hedged Week outranks Rev's earnings skip. */
  rev = au_week_type_classify (events, G_N_ELEMENTS (events), "rev");
  g_assert_cmpint (rev->type, ==, AU_WEEK_HEDGED);
  g_assert_cmpuint (rev->events->len, ==, 1);
  g_assert_cmpstr (g_array_index (rev->events, AuWeekEvent, 0).rule, ==, "D2.8");
  com = au_week_type_classify (events, G_N_ELEMENTS (events), "com");
  g_assert_cmpint (com->type, ==, AU_WEEK_HEDGED);
  mini = au_week_type_classify (events, G_N_ELEMENTS (events), "MINI-1");
  g_assert_cmpint (mini->type, ==, AU_WEEK_HEDGED);

  /* The roll-up: the highest over every sleeve. */
  system = au_week_type_classify (events, G_N_ELEMENTS (events), NULL);
  g_assert_cmpint (system->type, ==, AU_WEEK_ROLL);
  g_assert_null (system->account);
  g_assert_cmpstr (au_week_type_to_key (system->type), ==, "roll");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Protocol/WeekType/keys", test_keys);
  g_test_add_func ("/Protocol/WeekType/calm", test_calm);
  g_test_add_func ("/Protocol/WeekType/precedence", test_precedence_pairs);
  g_test_add_func ("/Protocol/WeekType/sleeves-and-system", test_sleeves_and_system);
  return g_test_run ();
}

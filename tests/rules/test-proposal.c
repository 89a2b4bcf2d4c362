/* test-proposal.c: parsing a proposal, naming every bad field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-proposal"

#include "config.h"

#include "au-market-calendar.h"
#include "rules-test-util.h"

static AuProposal *
parse_edited (const char *path,
              const char *value,
              GError    **error)
{
  g_autoptr(JsonNode) node = rules_test_node (NULL, path, value, NULL);
  g_autofree char *text = rules_test_to_text (node);

  return au_proposal_new_from_data (text, -1, error);
}

static void
test_sample_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuProposal) p = au_proposal_new_from_data (rules_test_sample, -1, &error);
  AuMoney money = 0;
  gint64 shares = -1;
  GDate date;
  int minute;

  g_assert_no_error (error);
  g_assert_cmpint (p->account, ==, AU_SLEEVE_GEN);
  g_assert_cmpint (p->action, ==, AU_ACTION_OPEN);
  g_assert_cmpint (p->strategy, ==, AU_STRATEGY_CSP);
  g_assert_cmpstr (p->symbol, ==, "AAPL");
  g_assert_cmpint (p->right, ==, 'P');
  g_assert_cmpint (p->strike, ==, 2000000);          /* $200 in 1/10,000 */
  g_assert_cmpint (p->limit, ==, 11200);             /* $1.12 */
  g_assert_cmpint (p->quote.bid, ==, 11000);
  g_assert_cmpint (p->quote.ask, ==, 11400);
  g_assert_cmpint (p->quote.open_interest, ==, 1200);
  g_assert_cmpint (p->contracts, ==, 1);
  g_assert_cmpfloat (p->delta, ==, -0.42);
  g_assert_cmpint (p->state.equity, ==, 12000000);   /* cents */
  g_assert_cmpint (p->state.cash, ==, 12000000);
  g_assert_true (p->state.has_margin_used);
  g_assert_cmpint (p->state.margin_used, ==, 0);
  g_assert_true (au_proposal_get_exposure (p, "AAPL", &money));
  g_assert_cmpint (money, ==, 0);
  g_assert_false (au_proposal_get_exposure (p, "MSFT", &money));
  g_assert_true (au_proposal_get_shares (p, "AAPL", &shares));
  g_assert_cmpint (shares, ==, 0);
  g_assert_false (p->state.pivot_active);
  g_assert_cmpint (p->market.spot, ==, 2050000);
  g_assert_cmpint (p->market.atr5, ==, 40000);
  g_assert_cmpfloat (p->market.vix, ==, 18.5);
  g_assert_true (p->market.has_earnings);
  g_assert_false (p->market.earnings_this_week);
  g_assert_cmpint (g_date_get_day (&p->expiry), ==, 20);
  g_assert_null (p->quote.as_of);

  au_eastern_split (p->time, &date, &minute);
  g_assert_cmpint (minute, ==, 10 * 60 + 15);
  g_assert_cmpint (g_date_get_weekday (&date), ==, G_DATE_THURSDAY);
}

/* Times are converted to Eastern time whatever their offset. */
static void
test_time_to_eastern (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuProposal) p = parse_edited ("time", "\"2026-11-19T15:15:00Z\"", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = au_eastern_format (p->time);
  g_assert_cmpstr (text, ==, "2026-11-19T10:15:00-05:00");
}

typedef struct
{
  const char *path;
  const char *value;   /* NULL removes the member */
  const char *message; /* the error message starts with this */
} BadField;

static const BadField bad_fields[] = {
  { "quote.bid", "\"1.10\"", "quote.bid: expected a number" },
  { "quote.bid", "true", "quote.bid: expected a number" },
  { "quote.bid", "-1.10", "quote.bid: must not be negative" },
  { "quote.open_interest", "12.5", "quote.open_interest: expected a whole number" },
  { "quote.bidd", "1.10", "quote.bidd: unknown field" },
  { "quote.as_of", "\"2026-11-19 10:15\"", "quote.as_of: " },
  { "quote", "[1]", "quote: expected an object" },
  { "contracts", "1.5", "contracts: expected a whole number" },
  { "contracts", "\"1\"", "contracts: expected a number" },
  { "limit", "1.12345", "limit: more than 4 decimal places" },
  { "strike", "-200", "strike: must not be negative" },
  { "delta", "\"-0.42\"", "delta: expected a number" },
  { "stike", "200", "stike: unknown field" },
  { "account", "\"xyz\"", "account: expected gen, rev, com or mini" },
  { "account", NULL, "account: missing" },
  { "action", "\"buy\"", "action: expected open, close" },
  { "action", NULL, "action: missing" },
  { "time", NULL, "time: missing" },
  { "time", "\"2026-11-19T10:15:00\"", "time: “2026-11-19T10:15:00” has no UTC offset" },
  { "time", "\"yesterday\"", "time: " },
  { "strategy", "\"naked\"", "strategy: expected csp, cc" },
  { "right", "\"X\"", "right: expected P or C" },
  { "symbol", "\"AA PL\"", "symbol: “AA PL” is not a ticker" },
  { "expiry", "\"2026-13-01\"", "expiry: expected a date YYYY-MM-DD" },
  { "expiry", "\"20-11-2026\"", "expiry: expected a date YYYY-MM-DD" },
  { "mini_rules", "\"rev\"", "mini_rules: expected gen or com" },
  { "account_state.cash", "120000.001", "account_state.cash: more than 2 decimal places" },
  { "account_state.symbol_exposure.AAPL", "\"0\"",
    "account_state.symbol_exposure.AAPL: expected a number" },
  { "account_state.shares_held.AAPL", "0.5",
    "account_state.shares_held.AAPL: expected a whole number" },
  { "account_state.protocol_level", "4",
    "account_state.protocol_level: expected a whole number from 0 to 3" },
  { "account_state.pivot_active", "1", "account_state.pivot_active: expected true or false" },
  { "market.earnings_this_week", "\"no\"", "market.earnings_this_week: expected true or false" },
  { "market.vix", "null", NULL },   /* null is absent: parses */
  { "new_leg.strike", "\"190\"", "new_leg.strike: expected a number" },
  { "new_leg.quote.ask", "\"x\"", "new_leg.quote.ask: expected a number" },
};

static void
test_bad_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      const BadField *bad = &bad_fields[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(AuProposal) p = parse_edited (bad->path, bad->value, &error);

      if (bad->message == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (p);
          continue;
        }
      g_assert_null (p);
      g_assert_nonnull (error);
      g_assert_true (error->domain == AU_PROPOSAL_ERROR);
      if (!g_str_has_prefix (error->message, bad->message))
        g_error ("%s=%s: expected “%s…”, got “%s”", bad->path,
                 bad->value ? bad->value : "(removed)", bad->message, error->message);
    }
}

static void
test_not_an_object (void)
{
  const char *inputs[] = { "", "[1, 2]", "{\"account\": ", "42" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AuProposal) p = au_proposal_new_from_data (inputs[i], -1, &error);

      g_assert_null (p);
      g_assert_error (error, AU_PROPOSAL_ERROR, AU_PROPOSAL_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "input: "));
    }
}

/* Absent and zero differ: fail-closed needs to know which it was. */
static void
test_absent_is_not_zero (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AuProposal) p = parse_edited ("account_state.margin_used", NULL, &error);

  g_assert_no_error (error);
  g_assert_false (p->state.has_margin_used);
  g_assert_true (p->state.has_cash);
}

static void
test_mini_rules_sleeve (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = rules_test_node (NULL, "account", "\"mini\"",
                                              "mini_rules", "\"com\"", NULL);
  g_autoptr(AuProposal) p = au_proposal_new_from_json (node, &error);
  g_autoptr(AuProposal) q = parse_edited ("account", "\"mini\"", &error);
  AuSleeve sleeve = AU_SLEEVE_GEN;

  g_assert_no_error (error);
  g_assert_true (au_proposal_get_rules_sleeve (p, &sleeve));
  g_assert_cmpint (sleeve, ==, AU_SLEEVE_COM);
  g_assert_false (au_proposal_get_rules_sleeve (q, &sleeve));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Rules/Proposal/sample-values", test_sample_values);
  g_test_add_func ("/Rules/Proposal/time-to-eastern", test_time_to_eastern);
  g_test_add_func ("/Rules/Proposal/bad-fields", test_bad_fields);
  g_test_add_func ("/Rules/Proposal/not-an-object", test_not_an_object);
  g_test_add_func ("/Rules/Proposal/absent-is-not-zero", test_absent_is_not_zero);
  g_test_add_func ("/Rules/Proposal/mini-rules", test_mini_rules_sleeve);

  return g_test_run ();
}

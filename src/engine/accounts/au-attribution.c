/* au-attribution.c: performance attribution (§3.11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-accounts"

#include "config.h"

#include "au-accounts-error.h"
#include "au-attribution.h"
#include "au-money.h"

void
au_equity_point_clear (AuEquityPoint *point)
{
  if (point != NULL)
    g_clear_pointer (&point->name, g_free);
}

static gboolean
unrealized (AuLedger            *ledger,
            gint64               account_id,
            const AuLedgerMark  *marks,
            guint                n_marks,
            AuMoney             *pnl,
            GError             **error)
{
  g_autoptr(GArray) positions = au_ledger_list_positions (ledger, account_id, TRUE, error);
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (AuLedgerMark));

  *pnl = 0;
  if (positions == NULL)
    return FALSE;
  if (positions->len == 0)
    return TRUE;
  for (guint i = 0; i < positions->len; i++)
    {
      const AuLedgerPosition *position = &g_array_index (positions, AuLedgerPosition, i);
      gboolean found = FALSE;

      for (guint k = 0; k < n_marks && !found; k++)
        if (marks[k].position_id == position->position_id)
          {
            g_array_append_val (own, marks[k]);
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                       "marks: position %" G_GINT64_FORMAT " (%s) has no mark",
                       position->position_id, position->symbol);
          return FALSE;
        }
    }
  return au_ledger_unrealized_pnl (ledger, account_id, (const AuLedgerMark *) own->data, own->len,
                                   pnl, error);
}

GArray *
au_attribution_snapshot (AuLedger            *ledger,
                         const AuLedgerMark  *marks,
                         guint                n_marks,
                         GError             **error)
{
  g_autoptr(GArray) accounts = NULL;
  g_autoptr(GArray) points = NULL;

  g_return_val_if_fail (AU_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (marks != NULL || n_marks == 0, NULL);

  accounts = au_ledger_list_accounts (ledger, error);
  if (accounts == NULL)
    return NULL;
  points = g_array_new (FALSE, TRUE, sizeof (AuEquityPoint));
  g_array_set_clear_func (points, (GDestroyNotify) au_equity_point_clear);

  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      AuLedgerSummary summary;
      AuEquityPoint point = { 0, };
      AuMoney pnl;

      if (!au_ledger_get_summary (ledger, account->id, &summary, error)
          || !unrealized (ledger, account->id, marks, n_marks, &pnl, error))
        return NULL;
      point.account_id = account->id;
      point.name = g_strdup (account->name);
      point.kind = account->kind;
      point.root_id = account->root_id;
      point.equity = summary.equity_at_cost + pnl;
      point.flows = summary.contributed + summary.transfers_net;
      g_array_append_val (points, point);
    }
  return g_steal_pointer (&points);
}

static void
line_clear (AuAttributionLine *line)
{
  g_clear_pointer (&line->name, g_free);
}

void
au_attribution_clear (AuAttribution *attribution)
{
  if (attribution == NULL)
    return;
  g_clear_pointer (&attribution->accounts, g_array_unref);
  g_clear_pointer (&attribution->trees, g_array_unref);
  line_clear (&attribution->total);
}

static void
finish_line (AuAttributionLine *line,
             AuMoney            inflows,
             AuMoney            total_gain)
{
  AuMoney base = line->start_equity + inflows;

  line->gain = line->end_equity - line->start_equity - line->net_flows;
  line->return_rate = base > 0 ? (double) line->gain / (double) base : 0;
  line->contribution = total_gain != 0 ? (double) line->gain / (double) total_gain : 0;
}

static const AuEquityPoint *
find_point (GArray *points,
            gint64  account_id)
{
  for (guint i = 0; i < points->len; i++)
    if (g_array_index (points, AuEquityPoint, i).account_id == account_id)
      return &g_array_index (points, AuEquityPoint, i);
  return NULL;
}

static GArray *
lines_new (void)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (AuAttributionLine));

  g_array_set_clear_func (lines, (GDestroyNotify) line_clear);
  return lines;
}

gboolean
au_attribution_compute (GArray         *start,
                        GArray         *end,
                        AuAttribution  *attribution,
                        GError        **error)
{
  AuAttribution out = { lines_new (), lines_new (), { 0, } };
  g_autoptr(GArray) inflows = g_array_new (FALSE, TRUE, sizeof (AuMoney));
  AuMoney total_inflows = 0;

  g_return_val_if_fail (start != NULL && end != NULL, FALSE);
  g_return_val_if_fail (attribution != NULL, FALSE);

  for (guint i = 0; i < start->len; i++)
    if (find_point (end, g_array_index (start, AuEquityPoint, i).account_id) == NULL)
      {
        g_set_error (error, AU_ACCOUNTS_ERROR, AU_ACCOUNTS_ERROR_INVALID,
                     "end: account %s of the start snapshot is missing",
                     g_array_index (start, AuEquityPoint, i).name);
        au_attribution_clear (&out);
        return FALSE;
      }

  out.total.name = g_strdup ("total");
  out.total.kind = AU_ACCOUNT_ROOT;
  for (guint i = 0; i < end->len; i++)
    {
      const AuEquityPoint *e = &g_array_index (end, AuEquityPoint, i);
      const AuEquityPoint *s = find_point (start, e->account_id);
      AuAttributionLine line = { 0, };
      AuMoney in;

      line.id = e->account_id;
      line.name = g_strdup (e->name);
      line.kind = e->kind;
      line.start_equity = s != NULL ? s->equity : 0;
      line.end_equity = e->equity;
      line.net_flows = e->flows - (s != NULL ? s->flows : 0);
      in = MAX (line.net_flows, 0);
      g_array_append_val (out.accounts, line);
      g_array_append_val (inflows, in);

      out.total.start_equity += line.start_equity;
      out.total.end_equity += line.end_equity;
      out.total.net_flows += line.net_flows;
    }
  /* Transfers between accounts cancel in the total: only deposits count. */
  total_inflows = MAX (out.total.net_flows, 0);
  out.total.gain = out.total.end_equity - out.total.start_equity - out.total.net_flows;
  finish_line (&out.total, total_inflows, out.total.gain);

  for (guint i = 0; i < out.accounts->len; i++)
    {
      AuAttributionLine *line = &g_array_index (out.accounts, AuAttributionLine, i);
      const AuEquityPoint *e = &g_array_index (end, AuEquityPoint, i);
      AuAttributionLine *tree = NULL;

      finish_line (line, g_array_index (inflows, AuMoney, i), out.total.gain);

      for (guint k = 0; k < out.trees->len && tree == NULL; k++)
        if (g_array_index (out.trees, AuAttributionLine, k).id == e->root_id)
          tree = &g_array_index (out.trees, AuAttributionLine, k);
      if (tree == NULL)
        {
          const AuEquityPoint *root = find_point (end, e->root_id);
          AuAttributionLine fresh = { .id = e->root_id, .kind = AU_ACCOUNT_ROOT };

          fresh.name = g_strdup (root != NULL ? root->name : e->name);
          g_array_append_val (out.trees, fresh);
          tree = &g_array_index (out.trees, AuAttributionLine, out.trees->len - 1);
        }
      tree->start_equity += line->start_equity;
      tree->end_equity += line->end_equity;
      tree->net_flows += line->net_flows;
    }
  for (guint k = 0; k < out.trees->len; k++)
    {
      AuAttributionLine *tree = &g_array_index (out.trees, AuAttributionLine, k);

      finish_line (tree, MAX (tree->net_flows, 0), out.total.gain);
    }

  *attribution = out;
  return TRUE;
}

static JsonObject *
line_to_json (const AuAttributionLine *line)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", line->id);
  json_object_set_string_member (object, "name", line->name);
  json_object_set_string_member (object, "kind", au_account_kind_to_string (line->kind));
  json_object_set_double_member (object, "start_equity", au_money_to_double (line->start_equity));
  json_object_set_double_member (object, "end_equity", au_money_to_double (line->end_equity));
  json_object_set_double_member (object, "net_flows", au_money_to_double (line->net_flows));
  json_object_set_double_member (object, "gain", au_money_to_double (line->gain));
  json_object_set_double_member (object, "return", line->return_rate);
  json_object_set_double_member (object, "contribution", line->contribution);
  return object;
}

JsonNode *
au_attribution_to_json (const AuAttribution *attribution)
{
  JsonObject *root = json_object_new ();
  JsonArray *accounts = json_array_new ();
  JsonArray *trees = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (attribution != NULL, NULL);

  for (guint i = 0; i < attribution->accounts->len; i++)
    json_array_add_object_element (accounts, line_to_json (
      &g_array_index (attribution->accounts, AuAttributionLine, i)));
  for (guint i = 0; i < attribution->trees->len; i++)
    json_array_add_object_element (trees, line_to_json (
      &g_array_index (attribution->trees, AuAttributionLine, i)));
  json_object_set_array_member (root, "accounts", accounts);
  json_object_set_array_member (root, "trees", trees);
  json_object_set_object_member (root, "total", line_to_json (&attribution->total));
  json_node_take_object (node, root);
  return node;
}

/* au-reconcile.c: the ledger against the broker's account (D3, R9.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "au-broker"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "au-broker.h"
#include "au-money.h"
#include "au-reconcile.h"

/* The ledger's positions as broker contracts: stock, or an option of
 * the ledger's "YYYY-MM-DD" expiry. FALSE for a row it cannot name. */
static gboolean
contract_of (const AuLedgerPosition *p,
             AuContract             *contract)
{
  GDate expiry;

  if (p->right == AU_RIGHT_STOCK)
    {
      au_contract_init_stock (contract, p->symbol);
      return TRUE;
    }
  if (p->expiry == NULL)
    return FALSE;
  g_date_clear (&expiry, 1);
  g_date_set_parse (&expiry, p->expiry);
  if (!g_date_valid (&expiry))
    return FALSE;
  au_contract_init_option (contract, p->symbol,
                           p->right == AU_RIGHT_PUT ? AU_OPTION_PUT : AU_OPTION_CALL,
                           p->strike, &expiry);
  contract->multiplier = (int) p->multiplier;
  return TRUE;
}

typedef struct
{
  gint64 ledger;
  gint64 broker;
} Held;

static Held *
held_for (GHashTable *held,
          const char *key)
{
  Held *h = g_hash_table_lookup (held, key);

  if (h == NULL)
    {
      h = g_new0 (Held, 1);
      g_hash_table_insert (held, g_strdup (key), h);
    }
  return h;
}

/* D3: the sleeves, MINIs and forked trees are partitions of one broker
 * account, so every account's positions and cash-like books add up;
 * a merged account's were moved out, a closed one holds none. */
static gboolean
sum_ledger (AuLedger    *ledger,
            GHashTable  *held,
            AuMoney     *cash,
            GError     **error)
{
  static const AuBook cash_books[] = { AU_BOOK_CASH, AU_BOOK_TAX_RESERVE, AU_BOOK_LEAP_BUDGET };
  g_autoptr(GArray) accounts = au_ledger_list_accounts (ledger, error);

  if (accounts == NULL)
    return FALSE;
  *cash = 0;
  for (guint i = 0; i < accounts->len; i++)
    {
      const AuLedgerAccount *account = &g_array_index (accounts, AuLedgerAccount, i);
      g_autoptr(GArray) positions = au_ledger_list_positions (ledger, account->id, TRUE, error);

      if (positions == NULL)
        return FALSE;
      for (guint b = 0; b < G_N_ELEMENTS (cash_books); b++)
        {
          AuMoney balance;

          if (!au_ledger_get_balance (ledger, account->id, cash_books[b], &balance, error))
            return FALSE;
          *cash += balance;
        }
      for (guint j = 0; j < positions->len; j++)
        {
          const AuLedgerPosition *p = &g_array_index (positions, AuLedgerPosition, j);
          g_autofree char *key = NULL;
          AuContract contract;

          if (!contract_of (p, &contract))
            {
              g_set_error (error, AU_BROKER_ERROR, AU_BROKER_ERROR_FAILED,
                           "ledger position %" G_GINT64_FORMAT ": expiry “%s” of %s is not a date",
                           p->position_id, p->expiry != NULL ? p->expiry : "", p->symbol);
              return FALSE;
            }
          key = au_contract_describe (&contract);
          au_contract_clear (&contract);
          held_for (held, key)->ledger += p->quantity;
        }
    }
  return TRUE;
}

static int
compare_mismatches (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const AuReconcileMismatch *) a)->contract,
                 ((const AuReconcileMismatch *) b)->contract);
}

static void
mismatch_clear (gpointer data)
{
  g_free (((AuReconcileMismatch *) data)->contract);
}

gboolean
au_reconcile_compare (AuLedger          *ledger,
                      GPtrArray         *broker_positions,
                      AuMoney            broker_cash,
                      AuReconcileReport *report,
                      GError           **error)
{
  g_autoptr(GHashTable) held = NULL;
  GHashTableIter iter;
  gpointer key, value;
  AuMoney ledger_cash;

  g_return_val_if_fail (AU_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (broker_positions != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (report, 0, sizeof *report);
  held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!sum_ledger (ledger, held, &ledger_cash, error))
    return FALSE;
  for (guint i = 0; i < broker_positions->len; i++)
    {
      const AuBrokerPosition *b = g_ptr_array_index (broker_positions, i);
      g_autofree char *name = au_contract_describe (&b->contract);

      held_for (held, name)->broker += b->quantity;
    }

  report->mismatches = g_array_new (FALSE, FALSE, sizeof (AuReconcileMismatch));
  g_array_set_clear_func (report->mismatches, mismatch_clear);
  g_hash_table_iter_init (&iter, held);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Held *h = value;
      AuReconcileMismatch m;

      /* A flat line on both sides (a closed row) is nothing to compare. */
      if (h->ledger == 0 && h->broker == 0)
        continue;
      report->n_compared++;
      if (h->ledger == h->broker)
        continue;
      m.contract = g_strdup (key);
      m.ledger = h->ledger;
      m.broker = h->broker;
      g_array_append_val (report->mismatches, m);
    }
  g_array_sort (report->mismatches, compare_mismatches);

  report->ledger_cash = ledger_cash;
  report->broker_cash = broker_cash;
  report->cash_difference = broker_cash - ledger_cash;
  report->positions_ok = report->mismatches->len == 0;
  report->cash_ok = llabs (report->cash_difference) <= AU_RECONCILE_CASH_TOLERANCE;
  return TRUE;
}

gboolean
au_reconcile_report_ok (const AuReconcileReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->positions_ok && report->cash_ok;
}

char *
au_reconcile_report_describe (const AuReconcileReport *report)
{
  GString *text;
  g_autofree char *ledger = NULL;
  g_autofree char *broker = NULL;
  g_autofree char *difference = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; report->mismatches != NULL && i < report->mismatches->len; i++)
    {
      const AuReconcileMismatch *m = &g_array_index (report->mismatches, AuReconcileMismatch, i);

      g_string_append_printf (text, "%s: the broker holds %" G_GINT64_FORMAT
                              ", the ledger's partitions %" G_GINT64_FORMAT "\n",
                              m->contract, m->broker, m->ledger);
    }
  ledger = au_money_format (report->ledger_cash);
  broker = au_money_format (report->broker_cash);
  difference = au_money_format (report->cash_difference);
  g_string_append_printf (text, "cash: the broker %s, the ledger's partitions %s "
                          "(difference %s, %s the $1 of D3)\n", broker, ledger, difference,
                          report->cash_ok ? "within" : "beyond");
  return g_string_free (text, FALSE);
}

void
au_reconcile_report_clear (AuReconcileReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->mismatches, g_array_unref);
}

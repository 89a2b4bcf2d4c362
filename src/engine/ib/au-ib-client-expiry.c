/* au-ib-client-expiry.c: expiries and assignments over IB (R7)
 *
 * IB sends no message when an option expires or is assigned: after the
 * expiry day's close the option leaves the account's positions and, on
 * an assignment or exercise, shares of the underlying arrive or leave
 * (tws-protocol.md §6: no execution is promised for them; the gateway
 * simulator sends none). The client therefore keeps what the positions
 * last showed plus the fills it has seen since, and the first positions
 * answer after an expiry day's close that shows an option gone or
 * reduced beyond those fills is reported as the paper broker reports it:
 * an ::expiry event, ASSIGNED (EXERCISED for a long option) for the part
 * the share delivery explains, EXPIRED for the rest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "alluse-ib"

#include "config.h"

#include "au-ib-client-private.h"
#include "au-market-calendar.h"

/* After an expiry close the client asks for the positions itself, at
 * most this often (real time), while an expired option is still held: a
 * real gateway removes it some hours after the close, the simulator at
 * the close. */
#define EXPIRY_POLL_US (2 * G_USEC_PER_SEC)

/* One instrument of the account: the quantity the positions last showed
 * and the signed fills seen since. */
typedef struct
{
  AuContract contract;
  gint64     seen;
  gint64     traded;
} AuIbHeld;

static void
held_free (AuIbHeld *held)
{
  au_contract_clear (&held->contract);
  g_free (held);
}

void
au_ib_expiry_init (AuIbClient *self)
{
  self->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) held_free);
  self->exec_counted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
au_ib_expiry_clear (AuIbClient *self)
{
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_pointer (&self->exec_counted, g_hash_table_unref);
}

static AuIbHeld *
held_get (AuIbClient       *self,
          const AuContract *contract)
{
  g_autofree char *key = au_contract_describe (contract);
  AuIbHeld *held = g_hash_table_lookup (self->held, key);

  if (held == NULL)
    {
      held = g_new0 (AuIbHeld, 1);
      au_contract_copy (&held->contract, contract);
      g_hash_table_insert (self->held, g_steal_pointer (&key), held);
    }
  return held;
}

/* Every fill counts once, live or replayed by REQ_EXECUTIONS. */
void
au_ib_expiry_note_execution (AuIbClient        *self,
                             const AuExecution *exec)
{
  AuIbHeld *held;

  if (exec->exec_id == NULL || !g_hash_table_add (self->exec_counted, g_strdup (exec->exec_id)))
    return;
  held = held_get (self, &exec->contract);
  held->traded += exec->side == AU_SIDE_BUY ? exec->quantity : -exec->quantity;
}

/* The expiry day's close of @contract in µs: the series cannot trade
 * after it, so what leaves the account later left without an order. */
static gint64
expiry_close_usec (const AuContract *contract)
{
  int minute = au_nyse_is_trading_day (&contract->expiry)
               ? au_nyse_close_minute (&contract->expiry) : 16 * 60;
  g_autoptr(GDateTime) close = g_date_time_new (au_eastern_time_zone (),
                                                g_date_get_year (&contract->expiry),
                                                g_date_get_month (&contract->expiry),
                                                g_date_get_day (&contract->expiry),
                                                minute / 60, minute % 60, 0);

  return g_date_time_to_unix (close) * G_USEC_PER_SEC;
}

static gint64
answered_quantity (GPtrArray        *positions,
                   const AuContract *contract)
{
  for (guint i = 0; i < positions->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (positions, i);

      if (au_contract_equal (&p->contract, contract))
        return p->quantity;
    }
  return 0;
}

/* Shares per contract an exercise moves into the account: a put
 * assigned on a short (or a long call exercised) delivers shares; a
 * call assigned (or a long put exercised) takes them away. */
static int
delivery_sign (const AuContract *contract,
               gint64            held)
{
  gboolean receives = (contract->right == AU_OPTION_PUT) == (held < 0);

  return receives ? 1 : -1;
}

static void
emit_event (AuIbClient       *self,
            const AuContract *contract,
            AuExpiryOutcome   outcome,
            gint64            contracts,
            gint64            now)
{
  static const char *names[] = { "expired", "assigned", "exercised" };
  g_autofree char *what = au_contract_describe (contract);
  AuExpiryEvent event = { 0 };

  event.outcome = outcome;
  event.contract = *contract;
  event.contracts = contracts;
  /* The same event has the same reference however often it is seen. */
  event.reference = g_strdup_printf ("ib-%s:%s", names[outcome], what);
  g_strdelimit (event.reference, " ", '_');
  event.time = now;
  g_message ("IB: %s × %" G_GINT64_FORMAT " %s after its expiry close", what, contracts,
             names[outcome]);
  au_broker_emit_expiry (AU_BROKER (self), &event);
  g_free (event.reference);
}

/* Shares of @symbol the answer shows beyond those expected: what
 * assignments and exercises delivered. */
static gint64
share_surprise (AuIbClient *self,
                GPtrArray  *positions,
                const char *symbol)
{
  AuContract stock;
  AuIbHeld *held;
  gint64 expected, answered;
  g_autofree char *key = NULL;

  au_contract_init_stock (&stock, symbol);
  key = au_contract_describe (&stock);
  held = g_hash_table_lookup (self->held, key);
  expected = held != NULL ? held->seen + held->traded : 0;
  answered = answered_quantity (positions, &stock);
  au_contract_clear (&stock);
  return answered - expected;
}

/* Reports the options gone since the last answer without a fill, past
 * their expiry close; each underlying's unexpected shares are consumed
 * as assignments explain them. */
static void
report_gone (AuIbClient *self,
             GPtrArray  *positions,
             gint64      now)
{
  g_autoptr(GHashTable) delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GList) keys = g_hash_table_get_keys (self->held);

  /* In a fixed order: two series of one underlying share its delivery. */
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      AuIbHeld *held = g_hash_table_lookup (self->held, l->data);
      const AuContract *c = &held->contract;
      gint64 expected = held->seen + held->traded;
      gint64 answered, gone, assigned, multiplier;
      gint64 *shares;
      int sign;

      if (c->sec_type != AU_SEC_OPTION || expected == 0 || now < expiry_close_usec (c))
        continue;
      answered = answered_quantity (positions, c);
      /* Only what left toward zero: a position that grew is not one. */
      if ((expected < 0 && (answered < expected || answered > 0))
          || (expected > 0 && (answered > expected || answered < 0))
          || answered == expected)
        {
          if (answered != expected)
            g_message ("IB: %s shows %" G_GINT64_FORMAT " after its expiry, %" G_GINT64_FORMAT
                       " expected; reconciliation judges it", (const char *) l->data, answered,
                       expected);
          continue;
        }
      gone = expected - answered;                /* signed as the position was */

      shares = g_hash_table_lookup (delivered, c->symbol);
      if (shares == NULL)
        {
          shares = g_new (gint64, 1);
          *shares = share_surprise (self, positions, c->symbol);
          g_hash_table_insert (delivered, g_strdup (c->symbol), shares);
        }
      multiplier = c->multiplier > 0 ? c->multiplier : 100;
      sign = delivery_sign (c, expected);
      /* R7.2/R7.3: the contracts the share delivery accounts for. */
      assigned = (*shares * sign > 0) ? MIN (ABS (gone), (*shares * sign) / multiplier) : 0;
      *shares -= sign * assigned * multiplier;
      if (assigned > 0)
        emit_event (self, c, expected < 0 ? AU_EXPIRY_ASSIGNED : AU_EXPIRY_EXERCISED,
                    expected < 0 ? -assigned : assigned, now);
      if (ABS (gone) > assigned)
        emit_event (self, c, AU_EXPIRY_EXPIRED,
                    expected < 0 ? -(ABS (gone) - assigned) : ABS (gone) - assigned, now);
    }
}

/* A positions answer: expiries reported, then it becomes what the
 * client last saw. */
void
au_ib_expiry_note_positions (AuIbClient *self,
                             GPtrArray  *positions)
{
  gint64 now = au_ib_client_now (self);

  if (self->held_known)
    report_gone (self, positions, now);
  g_hash_table_remove_all (self->held);
  for (guint i = 0; i < positions->len; i++)
    {
      const AuBrokerPosition *p = g_ptr_array_index (positions, i);

      held_get (self, &p->contract)->seen = p->quantity;
    }
  self->held_known = TRUE;
}

static void
on_polled_positions (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) positions = au_broker_positions_finish (AU_BROKER (source), result, &error);

  /* The answer was noted on its way (au_ib_expiry_note_positions). */
  if (positions == NULL)
    g_debug ("Positions after an expiry close: %s", error->message);
}

/* From the client's periodic timer: asks for the positions while an
 * option the account held is past its expiry close. */
void
au_ib_expiry_poll (AuIbClient *self)
{
  GHashTableIter iter;
  gpointer value;
  gint64 now, mono = g_get_monotonic_time ();
  gboolean due = FALSE;

  if (!self->held_known || self->state != AU_BROKER_READY
      || mono - self->expiry_poll_mono < EXPIRY_POLL_US)
    return;
  now = au_ib_client_now (self);
  g_hash_table_iter_init (&iter, self->held);
  while (!due && g_hash_table_iter_next (&iter, NULL, &value))
    {
      const AuIbHeld *held = value;

      due = held->contract.sec_type == AU_SEC_OPTION && held->seen + held->traded != 0
            && now >= expiry_close_usec (&held->contract);
    }
  if (!due)
    return;
  self->expiry_poll_mono = mono;
  au_broker_positions_async (AU_BROKER (self), NULL, on_polled_positions, NULL);
}

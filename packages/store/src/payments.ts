import { type PaymentOutcome, parseInput } from '@achbridge/core';
import { z } from 'zod';
import { runClaimed } from './claim.js';
import { iso, runOperation, type StoreContext } from './store-context.js';
import type { Claimed, PaymentKey, PaymentRecord, StoredPayment, WaitOptions } from './store-types.js';

const text = z.string().trim().min(1, 'must be a non-empty string').max(2000);
const keySchema = z.strictObject({ processor: text, idempotencyKey: text });
const recordSchema = z.strictObject({ paymentId: text, payment: z.record(z.string(), z.unknown()) });
const claimSchema = z.object({
  key: keySchema,
  create: z.custom<() => Promise<PaymentRecord>>(
    (value) => typeof value === 'function',
    'must be a function',
  ),
  options: z.object({ signal: z.instanceof(AbortSignal).optional() }).optional(),
});

interface PaymentRow extends Record<string, unknown> {
  processor: string;
  idempotency_key: string;
  payment_id: string;
  payment: Record<string, unknown> | null;
  created_at: unknown;
  completed_at: unknown;
  outcome?: PaymentOutcome | null;
}

function toPayment(row: PaymentRow): StoredPayment {
  return {
    processor: row.processor,
    idempotencyKey: row.idempotency_key,
    paymentId: row.payment_id,
    payment: row.payment ?? {},
    createdAt: iso(row.created_at),
    completedAt: iso(row.completed_at),
    ...(row.outcome ? { outcome: row.outcome } : {}),
  };
}

/** Payments ledger operations: one payment per (processor, idempotency key), forever. */
export interface PaymentOperations {
  claimPayment(
    key: PaymentKey,
    create: () => Promise<PaymentRecord>,
    options?: WaitOptions,
  ): Promise<Claimed<StoredPayment>>;
  getPayment(key: PaymentKey): Promise<StoredPayment | null>;
}

/** Claims a payment for a valid key: runs `create` once, forever, across every process sharing the store. */
function claimPaymentOnce(
  context: StoreContext,
  key: PaymentKey,
  create: () => Promise<PaymentRecord>,
  signal: AbortSignal | undefined,
): Promise<Claimed<StoredPayment>> {
  const table = context.table('payments');
  const keyValues = [key.processor, key.idempotencyKey];
  return runOperation('claimPayment', async () =>
    runClaimed<PaymentRow, PaymentRecord, StoredPayment>(
      await context.client(),
      { table, keyColumns: ['processor', 'idempotency_key'], scope: 'payment' },
      keyValues,
      context.timing,
      {
        signal,
        work: async () => parseInput('claimPayment.create result', recordSchema, await create()),
        complete: async (tx, record) => {
          const [row] = await tx.query<PaymentRow>(
            `UPDATE ${table} SET state = 'done', payment_id = $3, payment = $4::jsonb, owner = NULL,
               lease_until = NULL, completed_at = clock_timestamp()
             WHERE processor = $1 AND idempotency_key = $2 AND state = 'pending' RETURNING *`,
            [...keyValues, record.paymentId, JSON.stringify(record.payment)],
          );
          return row;
        },
        read: toPayment,
      },
    ),
  );
}

/**
 * The typed twin of `claimPayment`, for adapters whose key is already validated (their processor name and
 * their parsed, trimmed idempotency key): the same claim without parsing the key again.
 */
export function createTypedPaymentClaim(context: StoreContext): Pick<PaymentOperations, 'claimPayment'> {
  return {
    claimPayment: (key, create, options) => claimPaymentOnce(context, key, create, options?.signal),
  };
}

/** Creates the payments ledger operations over a store context. */
export function createPaymentOperations(context: StoreContext): PaymentOperations {
  const table = context.table('payments');
  const outcomes = context.table('payment_outcomes');
  return {
    claimPayment: async (key, create, options) => {
      const parsed = await runOperation('claimPayment', async () =>
        parseInput('claimPayment', claimSchema, { key, create, options }),
      );
      return claimPaymentOnce(context, parsed.key, parsed.create, parsed.options?.signal);
    },
    getPayment: (key) =>
      runOperation('getPayment', async () => {
        const parsed = parseInput('getPayment', keySchema, key);
        const client = await context.client();
        const [row] = await client.query<PaymentRow>(
          `SELECT p.*, o.outcome FROM ${table} p LEFT JOIN ${outcomes} o
             ON o.processor = p.processor AND o.payment_id = p.payment_id
           WHERE p.processor = $1 AND p.idempotency_key = $2 AND p.state = 'done'`,
          [parsed.processor, parsed.idempotencyKey],
        );
        return row === undefined ? null : toPayment(row);
      }),
  };
}

import {
  InputValidationError,
  type PaymentOutcome,
  type PaymentOutcomeStore,
  parseInput,
} from '@achbridge/core';
import { z } from 'zod';
import { runOperation, type StoreContext } from './store-context.js';

const text = z.string().trim().min(1, 'must be a non-empty string').max(2000);
// The tracker passes an update or an outcome as the key: extra fields are ignored.
const keySchema = z.object({ provider: text, paymentId: text });
const outcomeSchema = z.looseObject({
  provider: text,
  paymentId: text,
  status: z.enum(['pending', 'processing', 'succeeded', 'failed', 'cancelled'], {
    error: 'must be pending, processing, succeeded, failed or cancelled',
  }),
  providerStatus: text,
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
  returnCode: z.string().optional(),
  eventId: z.string().optional(),
});
const casSchema = z.strictObject({ expected: outcomeSchema.optional(), next: outcomeSchema });

interface OutcomeRow extends Record<string, unknown> {
  outcome: PaymentOutcome;
}

/**
 * The payments ledger's outcome per (processor, payment id), as core's `PaymentOutcomeStore`: give it to
 * `createPaymentOutcomeTracker({ store })` and every process applies updates by compare-and-set, so a
 * duplicate or out-of-order delivery changes the row at most once, whichever process sees it.
 */
export function createPaymentOutcomeOperations(context: StoreContext): PaymentOutcomeStore {
  const table = context.table('payment_outcomes');
  return {
    get: (key) =>
      runOperation('paymentOutcomes.get', async () => {
        const parsed = parseInput('paymentOutcomes.get', keySchema, key);
        const client = await context.client();
        const [row] = await client.query<OutcomeRow>(
          `SELECT outcome FROM ${table} WHERE processor = $1 AND payment_id = $2`,
          [parsed.provider, parsed.paymentId],
        );
        return row?.outcome;
      }),
    compareAndSet: (expected, next) =>
      runOperation('paymentOutcomes.compareAndSet', async () => {
        parseInput('paymentOutcomes.compareAndSet', casSchema, { expected, next });
        if (
          expected !== undefined &&
          (expected.provider !== next.provider || expected.paymentId !== next.paymentId)
        ) {
          throw new InputValidationError('paymentOutcomes.compareAndSet', [
            { path: 'next.paymentId', message: 'belongs to another payment than expected' },
          ]);
        }
        const client = await context.client();
        const values = [
          next.provider,
          next.paymentId,
          next.status,
          next.providerStatus,
          next.occurredAt,
          next.returnCode ?? null,
          next.eventId ?? null,
          JSON.stringify(next),
        ];
        if (expected === undefined) {
          const inserted = await client.query(
            `INSERT INTO ${table} (processor, payment_id, status, provider_status, occurred_at, return_code,
               event_id, outcome)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT (processor, payment_id) DO NOTHING
             RETURNING processor`,
            values,
          );
          return inserted.length === 1;
        }
        const updated = await client.query(
          `UPDATE ${table} SET status = $3, provider_status = $4, occurred_at = $5, return_code = $6,
             event_id = $7, outcome = $8::jsonb, changes = changes + 1, updated_at = clock_timestamp()
           WHERE processor = $1 AND payment_id = $2 AND status = $9 AND occurred_at = $10
             AND return_code IS NOT DISTINCT FROM $11 AND event_id IS NOT DISTINCT FROM $12
           RETURNING processor`,
          [
            ...values,
            expected.status,
            expected.occurredAt,
            expected.returnCode ?? null,
            expected.eventId ?? null,
          ],
        );
        return updated.length === 1;
      }),
  };
}

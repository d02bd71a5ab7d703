import { createPaymentOutcomeTracker, InputValidationError, type PaymentOutcome } from '@achbridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, openTestClient } from '../test/store.test-helpers.js';
import type { SqlClient } from './sql-client.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

const processing: PaymentOutcome = {
  provider: 'stripe',
  paymentId: 'pi_1',
  status: 'processing',
  providerStatus: 'payment_intent.processing',
  occurredAt: '2026-01-01T00:00:00.000Z',
  eventId: 'evt_1',
};
const failed: PaymentOutcome = {
  ...processing,
  status: 'failed',
  providerStatus: 'payment_intent.payment_failed',
  occurredAt: '2026-01-04T00:00:00.000Z',
  eventId: 'evt_2',
  returnCode: 'R01',
};

describe('payment outcomes in the ledger', () => {
  it('inserts only when absent and updates only the version the writer read', async () => {
    const store = createTestStore(client);
    expect(await store.paymentOutcomes.get(processing)).toBeUndefined();
    expect(await store.paymentOutcomes.compareAndSet(undefined, processing)).toBe(true);
    expect(await store.paymentOutcomes.compareAndSet(undefined, processing)).toBe(false);
    expect(await store.paymentOutcomes.get(processing)).toEqual(processing);
    // A writer that read nothing, or an older version, loses.
    expect(await store.paymentOutcomes.compareAndSet({ ...processing, eventId: 'evt_0' }, failed)).toBe(
      false,
    );
    expect(await store.paymentOutcomes.compareAndSet(processing, failed)).toBe(true);
    expect(await store.paymentOutcomes.compareAndSet(processing, failed)).toBe(false);
    expect(await store.paymentOutcomes.get({ provider: 'stripe', paymentId: 'pi_1' })).toEqual(failed);
    const rows = await client.query<{ changes: number; status: string; return_code: string }>(
      `SELECT changes, status, return_code FROM "${store.schema}".payment_outcomes`,
    );
    expect(rows).toEqual([{ changes: 2, status: 'failed', return_code: 'R01' }]);
  });

  it('20 concurrent trackers applying the same updates in any order change the row once per status', async () => {
    const store = createTestStore(client);
    const updates = [
      { ...processing, source: 'webhook' as const },
      { ...failed, source: 'webhook' as const },
    ];
    const trackers = Array.from({ length: 20 }, () =>
      createPaymentOutcomeTracker({ store: store.paymentOutcomes }),
    );
    let notified = 0;
    for (const tracker of trackers)
      tracker.subscribe(() => {
        notified += 1;
      });
    await Promise.all(
      trackers.map((tracker, index) =>
        (index % 2 === 0 ? [...updates].reverse() : updates).reduce<Promise<unknown>>(
          (previous, update) => previous.then(() => tracker.apply(update)),
          Promise.resolve(),
        ),
      ),
    );
    const [row] = await client.query<{ changes: number; status: string }>(
      `SELECT changes, status FROM "${store.schema}".payment_outcomes`,
    );
    expect(row?.status).toBe('failed');
    // failed first (1 change), or processing then failed (2 changes): never more, and one notice per change.
    expect(row?.changes).toBeLessThanOrEqual(2);
    expect(notified).toBe(row?.changes);
    expect((await store.paymentOutcomes.get(processing))?.achReturn).toMatchObject({
      code: 'R01',
      category: 'retry_later',
    });
  });

  it('shows the outcome on the ledger entry of the payment it belongs to', async () => {
    const store = createTestStore(client);
    await store.claimPayment({ processor: 'stripe', idempotencyKey: 'order-1' }, async () => ({
      paymentId: 'pi_1',
      payment: { amount: 100 },
    }));
    expect(
      (await store.getPayment({ processor: 'stripe', idempotencyKey: 'order-1' }))?.outcome,
    ).toBeUndefined();
    await store.paymentOutcomes.compareAndSet(undefined, processing);
    expect(await store.getPayment({ processor: 'stripe', idempotencyKey: 'order-1' })).toMatchObject({
      paymentId: 'pi_1',
      outcome: { status: 'processing', eventId: 'evt_1' },
    });
  });

  it('refuses bad input with a typed error naming the field', async () => {
    const store = createTestStore(client);
    const error = await store.paymentOutcomes
      .compareAndSet(undefined, { ...processing, occurredAt: 'yesterday' })
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain('occurredAt');
    await expect(
      store.paymentOutcomes.compareAndSet(processing, { ...failed, paymentId: 'pi_2' }),
    ).rejects.toThrow(/paymentId/);
    await expect(store.paymentOutcomes.get({ provider: '', paymentId: 'pi_1' })).rejects.toThrow(/provider/);
  });
});

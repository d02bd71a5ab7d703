import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createMemoryPaymentOutcomeStore, type PaymentOutcomeStore } from './payment-outcome-store.js';
import { createPaymentOutcomeTracker } from './payment-outcome-tracker.js';
import type {
  PaymentOutcomeChange,
  PaymentOutcomeStatus,
  PaymentOutcomeUpdate,
} from './payment-outcome-types.js';

function update(
  status: PaymentOutcomeStatus,
  extra: Partial<PaymentOutcomeUpdate> = {},
): PaymentOutcomeUpdate {
  return {
    provider: 'stripe',
    paymentId: 'pi_1',
    status,
    providerStatus: status,
    occurredAt: '2026-12-02T12:00:00.000Z',
    source: 'webhook',
    ...extra,
  };
}

describe('createPaymentOutcomeTracker', () => {
  it('notifies subscribers once per change and ignores duplicates', async () => {
    const tracker = createPaymentOutcomeTracker();
    const seen: PaymentOutcomeChange[] = [];
    tracker.subscribe((change) => {
      seen.push(change);
    });
    await tracker.apply(update('processing'));
    await tracker.apply(update('processing'));
    await tracker.apply(update('failed', { returnCode: 'R02' }));
    await tracker.apply(update('succeeded'));
    expect(seen.map((change) => change.current.status)).toEqual(['processing', 'failed']);
    expect(seen[1]?.previous?.status).toBe('processing');
    expect(await tracker.get({ provider: 'stripe', paymentId: 'pi_1' })).toMatchObject({
      status: 'failed',
      achReturn: { category: 'relink' },
    });
  });

  it('concurrent deliveries of the same events change the outcome once each', async () => {
    const tracker = createPaymentOutcomeTracker();
    let changes = 0;
    tracker.subscribe(() => {
      changes += 1;
    });
    const burst = [update('succeeded'), update('processing'), update('succeeded'), update('pending')];
    const results = await Promise.all([...burst, ...burst].map((next) => tracker.apply(next)));
    expect(results.filter((result) => result !== undefined).length).toBe(1);
    expect(changes).toBe(1);
    expect((await tracker.get({ provider: 'stripe', paymentId: 'pi_1' }))?.status).toBe('succeeded');
  });

  it('unsubscribes, and a failing listener is logged without blocking the others', async () => {
    const errors: string[] = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (message) => {
        errors.push(message);
      },
    };
    const tracker = createPaymentOutcomeTracker({ logger });
    const statuses: string[] = [];
    tracker.subscribe(() => {
      throw new Error('listener bug');
    });
    const stop = tracker.subscribe((change) => {
      statuses.push(change.current.status);
    });
    await tracker.apply(update('processing'));
    stop();
    await tracker.apply(update('succeeded'));
    expect(statuses).toEqual(['processing']);
    expect(errors).toEqual(['payment outcome listener failed', 'payment outcome listener failed']);
  });

  it('re-reads and re-applies when another writer changed the store in between', async () => {
    const inner = createMemoryPaymentOutcomeStore();
    let raced = false;
    const store: PaymentOutcomeStore = {
      get: (key) => inner.get(key),
      async compareAndSet(expected, next) {
        if (!raced) {
          raced = true;
          // Another process records the settlement first.
          await inner.compareAndSet(undefined, { ...next, status: 'succeeded', providerStatus: 'succeeded' });
        }
        return inner.compareAndSet(expected, next);
      },
    };
    const tracker = createPaymentOutcomeTracker({ store });
    expect(await tracker.apply(update('processing'))).toBeUndefined();
    expect((await tracker.get({ provider: 'stripe', paymentId: 'pi_1' }))?.status).toBe('succeeded');
  });

  it('validates its input', async () => {
    const tracker = createPaymentOutcomeTracker();
    await expect(tracker.apply({ ...update('pending'), paymentId: '' })).rejects.toThrow(
      InputValidationError,
    );
    await expect(tracker.get({ provider: 'stripe' } as never)).rejects.toThrow(/paymentId/);
    expect(() => tracker.subscribe('nope' as never)).toThrow(InputValidationError);
    expect(() => createPaymentOutcomeTracker({ store: {} as never })).toThrow(/store/);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { AchBridgeError, InputValidationError, NetworkError } from '../errors.js';
import { createPaymentOutcomePoller, type PaymentStatusReader } from './payment-outcome-poller.js';
import { createPaymentOutcomeTracker } from './payment-outcome-tracker.js';
import type {
  PaymentOutcomeChange,
  PaymentOutcomeStatus,
  PaymentOutcomeUpdate,
} from './payment-outcome-types.js';

const key = { provider: 'dwolla', paymentId: 'transfer-1' };

function update(
  status: PaymentOutcomeStatus,
  extra: Partial<PaymentOutcomeUpdate> = {},
): PaymentOutcomeUpdate {
  return {
    ...key,
    status,
    providerStatus: status,
    occurredAt: '2026-12-02T12:00:00.000Z',
    source: 'poll',
    ...extra,
  };
}

/** A reader answering from a script, recording when (fake time) each read happened. */
function scripted(answers: Array<PaymentOutcomeUpdate | Error>): {
  read: PaymentStatusReader;
  times: number[];
} {
  const times: number[] = [];
  let index = 0;
  return {
    times,
    read: async () => {
      times.push(Date.now());
      const answer = answers[Math.min(index, answers.length - 1)];
      index += 1;
      if (answer instanceof Error) throw answer;
      if (!answer) throw new Error('empty script');
      return answer;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createPaymentOutcomePoller', () => {
  it('reads with doubling, capped waits until the payment is final, emitting each change once', async () => {
    vi.useFakeTimers({ now: 0 });
    const tracker = createPaymentOutcomeTracker();
    const changes: PaymentOutcomeChange[] = [];
    tracker.subscribe((change) => {
      changes.push(change);
    });
    const reader = scripted([
      update('pending'),
      update('pending'),
      update('pending'),
      update('pending'),
      update('failed', { returnCode: 'R01' }),
    ]);
    const poller = createPaymentOutcomePoller({
      tracker,
      read: reader.read,
      initialDelayMs: 100,
      maxDelayMs: 300,
    });
    const done = poller.poll(key);
    await vi.runAllTimersAsync();
    const result = await done;
    expect(reader.times).toEqual([0, 100, 300, 600, 900]);
    expect(result).toMatchObject({
      stoppedBecause: 'final',
      reads: 5,
      outcome: { status: 'failed', returnCode: 'R01' },
    });
    expect(changes.map((change) => change.current.status)).toEqual(['pending', 'failed']);
  });

  it('stops after maxReads, counting transient failures as reads', async () => {
    vi.useFakeTimers({ now: 0 });
    const tracker = createPaymentOutcomeTracker();
    const transient = new NetworkError('dwolla', 'GET /transfers/{id}', 'reset', 'connection reset');
    const reader = scripted([transient, update('processing')]);
    const poller = createPaymentOutcomePoller({
      tracker,
      read: reader.read,
      initialDelayMs: 10,
      maxReads: 3,
    });
    const done = poller.poll(key);
    await vi.runAllTimersAsync();
    expect(await done).toMatchObject({
      stoppedBecause: 'max_reads',
      reads: 3,
      outcome: { status: 'processing' },
    });
  });

  it('a non-retryable read failure ends the poll with that error', async () => {
    const tracker = createPaymentOutcomeTracker();
    const poller = createPaymentOutcomePoller({
      tracker,
      read: scripted([new AchBridgeError('NOT_FOUND', 'no such transfer')]).read,
      initialDelayMs: 1,
    });
    await expect(poller.poll(key)).rejects.toThrow('no such transfer');
  });

  it('refuses an answer about another payment', async () => {
    const tracker = createPaymentOutcomeTracker();
    const poller = createPaymentOutcomePoller({
      tracker,
      read: scripted([update('pending', { paymentId: 'transfer-2' })]).read,
    });
    await expect(poller.poll(key)).rejects.toThrow(/instead of dwolla payment transfer-1/);
  });

  it('stops waiting when aborted', async () => {
    const tracker = createPaymentOutcomeTracker();
    const controller = new AbortController();
    const poller = createPaymentOutcomePoller({
      tracker,
      read: async () => {
        controller.abort(new Error('shutting down'));
        return update('pending');
      },
      initialDelayMs: 3_600_000,
    });
    await expect(poller.poll(key, { signal: controller.signal })).rejects.toThrow('shutting down');
  });

  it('validates settings and keys', async () => {
    const tracker = createPaymentOutcomeTracker();
    expect(() => createPaymentOutcomePoller({ tracker, read: 'x' as never })).toThrow(InputValidationError);
    expect(() =>
      createPaymentOutcomePoller({ tracker, read: async () => update('pending'), maxReads: 0 }),
    ).toThrow(/maxReads/);
    const poller = createPaymentOutcomePoller({ tracker, read: async () => update('pending') });
    await expect(poller.poll({ provider: 'dwolla', paymentId: ' ' })).rejects.toThrow(/paymentId/);
  });
});

import { z } from 'zod';
import { AchBridgeError } from '../errors.js';
import { lazySchema } from '../lazy-schema.js';
import { isRetryableError, sleep } from '../retry.js';
import { parseInput } from '../validate.js';
import type { PaymentKey } from './payment-outcome-store.js';
import type { PaymentOutcomeTracker } from './payment-outcome-tracker.js';
import type { PaymentOutcome, PaymentOutcomeUpdate } from './payment-outcome-types.js';

/** Reads a payment's current state from its processor (e.g. a Dwolla transfer or a Stripe PaymentIntent). */
export type PaymentStatusReader = (
  key: PaymentKey,
  signal: AbortSignal | undefined,
) => Promise<PaymentOutcomeUpdate>;

/** Settings of `createPaymentOutcomePoller`. */
export interface PaymentOutcomePollerSettings {
  /** Receives each read; subscribers hear about changes as with webhooks. */
  tracker: PaymentOutcomeTracker;
  /** Reads the payment from its processor. */
  read: PaymentStatusReader;
  /** Wait before the second read in ms (default 60000); doubles after each read up to `maxDelayMs`. */
  initialDelayMs?: number | undefined;
  /** Longest wait between reads in ms (default 6 hours). */
  maxDelayMs?: number | undefined;
  /** Most reads per `poll` call, failed reads included (default 40). */
  maxReads?: number | undefined;
}

/** Why a `poll` call stopped. */
export type PaymentPollStop = 'final' | 'max_reads';

/** What a `poll` call ends with. */
export interface PaymentPollResult {
  /** The outcome after the last read (`undefined` if no read succeeded). */
  outcome: PaymentOutcome | undefined;
  /** `final` once the payment succeeded, failed or was cancelled; `max_reads` when the budget ran out. */
  stoppedBecause: PaymentPollStop;
  /** Reads made, failed ones included. */
  reads: number;
}

/** Polls payments for deployments without webhooks. */
export interface PaymentOutcomePoller {
  /** Reads the payment until its outcome is final or `maxReads` is spent, backing off between reads. */
  poll(key: PaymentKey, options?: { signal?: AbortSignal | undefined }): Promise<PaymentPollResult>;
}

const settingsSchema = lazySchema(() =>
  z.strictObject({
    tracker: z.custom<PaymentOutcomeTracker>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as PaymentOutcomeTracker).apply === 'function',
      { error: 'must be a payment outcome tracker' },
    ),
    read: z.custom<PaymentStatusReader>((value) => typeof value === 'function', {
      error: 'must be a function',
    }),
    initialDelayMs: z.number().int().min(0).max(86_400_000).optional(),
    maxDelayMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400_000)
      .optional(),
    maxReads: z.number().int().min(1).max(10_000).optional(),
  }),
);

const pollSchema = lazySchema(() =>
  z.strictObject({
    key: z.strictObject({
      provider: z.string().trim().min(1, 'must be a non-empty string'),
      paymentId: z.string().trim().min(1, 'must be a non-empty string'),
    }),
    signal: z.instanceof(AbortSignal, { error: 'must be an AbortSignal' }).optional(),
  }),
);

const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Creates a bounded, backing-off poller: each read goes through the tracker (so a poll and a late webhook
 * never double-count), waits grow from `initialDelayMs` to `maxDelayMs`, transient read failures are
 * counted and retried, and other failures stop the poll with their error.
 */
export function createPaymentOutcomePoller(settings: PaymentOutcomePollerSettings): PaymentOutcomePoller {
  const {
    tracker,
    read,
    initialDelayMs = 60_000,
    maxDelayMs = 21_600_000,
    maxReads = 40,
  } = parseInput('createPaymentOutcomePoller', settingsSchema(), settings);
  return {
    async poll(key, options = {}) {
      const { key: valid, signal } = parseInput('poll', pollSchema(), { key, signal: options.signal });
      let delay = initialDelayMs;
      let outcome: PaymentOutcome | undefined;
      for (let reads = 1; ; reads += 1) {
        try {
          const update = await read(valid, signal);
          if (update.provider !== valid.provider || update.paymentId !== valid.paymentId) {
            throw new AchBridgeError(
              'OUTCOME_READER_MISMATCH',
              `the status reader answered for ${update.provider} payment ${update.paymentId} instead of ${valid.provider} payment ${valid.paymentId}`,
            );
          }
          await tracker.apply(update);
          outcome = await tracker.get(valid);
        } catch (error) {
          if (signal?.aborted || !isRetryableError(error)) throw error;
        }
        if (outcome && FINAL.has(outcome.status)) return { outcome, stoppedBecause: 'final', reads };
        if (reads >= maxReads) return { outcome, stoppedBecause: 'max_reads', reads };
        await sleep(delay, signal);
        delay = Math.min(maxDelayMs, Math.max(1, delay * 2));
      }
    },
  };
}

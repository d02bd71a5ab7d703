import { z } from 'zod';
import { AchBridgeError } from '../errors.js';
import { lazySchema } from '../lazy-schema.js';
import { createRedactingLogger, type Logger } from '../logger.js';
import { parseInput } from '../validate.js';
import { paymentOutcomeUpdateSchema } from './payment-outcome-schemas.js';
import {
  createMemoryPaymentOutcomeStore,
  type PaymentKey,
  type PaymentOutcomeStore,
} from './payment-outcome-store.js';
import type { PaymentOutcome, PaymentOutcomeChange, PaymentOutcomeUpdate } from './payment-outcome-types.js';
import { reducePaymentOutcome } from './reduce-payment-outcome.js';

/** Called once per outcome change; a listener that throws or rejects is logged and never blocks others. */
export type PaymentOutcomeListener = (change: PaymentOutcomeChange) => void | Promise<void>;

/** Settings of `createPaymentOutcomeTracker`. */
export interface PaymentOutcomeTrackerSettings {
  /** Where outcomes are kept; in memory by default. */
  store?: PaymentOutcomeStore | undefined;
  /** Receives listener failures (redacted). */
  logger?: Logger | undefined;
}

/** Applies outcome updates by status precedence and tells subscribers about each change once. */
export interface PaymentOutcomeTracker {
  /** Applies one update; resolves with the change, or `undefined` for a duplicate or stale update. */
  apply(update: PaymentOutcomeUpdate): Promise<PaymentOutcomeChange | undefined>;
  /** The current outcome of a payment. */
  get(key: PaymentKey): Promise<PaymentOutcome | undefined>;
  /** Calls `listener` after every change; returns a function that unsubscribes. */
  subscribe(listener: PaymentOutcomeListener): () => void;
}

const MAX_CONFLICTS = 5;

const settingsSchema = lazySchema(() =>
  z
    .strictObject({
      store: z
        .custom<PaymentOutcomeStore>(
          (value) =>
            typeof value === 'object' &&
            value !== null &&
            typeof (value as PaymentOutcomeStore).get === 'function' &&
            typeof (value as PaymentOutcomeStore).compareAndSet === 'function',
          { error: 'must have get() and compareAndSet()' },
        )
        .optional(),
      logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null).optional(),
    })
    .optional(),
);

const listenerSchema = lazySchema(() =>
  z.custom<PaymentOutcomeListener>((value) => typeof value === 'function', {
    error: 'must be a function',
  }),
);

const keySchema = lazySchema(() =>
  z.strictObject({
    provider: z.string().trim().min(1, 'must be a non-empty string'),
    paymentId: z.string().trim().min(1, 'must be a non-empty string'),
  }),
);

/**
 * Creates a tracker that folds processor updates (webhooks, polls) into one outcome per payment and
 * notifies subscribers exactly once per change, whatever the delivery order or duplication.
 */
export function createPaymentOutcomeTracker(settings?: PaymentOutcomeTrackerSettings): PaymentOutcomeTracker {
  const parsed = parseInput('createPaymentOutcomeTracker', settingsSchema(), settings);
  const store = parsed?.store ?? createMemoryPaymentOutcomeStore();
  const logger = createRedactingLogger(parsed?.logger);
  const listeners = new Set<PaymentOutcomeListener>();
  // One queue per payment so concurrent updates of the same payment apply in turn within this process.
  const queues = new Map<string, Promise<unknown>>();

  async function notify(change: PaymentOutcomeChange): Promise<void> {
    for (const listener of [...listeners]) {
      try {
        await listener(change);
      } catch (error) {
        logger.error('payment outcome listener failed', {
          provider: change.current.provider,
          paymentId: change.current.paymentId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  async function applyNow(update: PaymentOutcomeUpdate): Promise<PaymentOutcomeChange | undefined> {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt += 1) {
      const previous = await store.get(update);
      const { outcome, changed } = reducePaymentOutcome(previous, update);
      if (!changed) return undefined;
      if (await store.compareAndSet(previous, outcome)) {
        const change = { previous, current: outcome, update };
        await notify(change);
        return change;
      }
    }
    throw new AchBridgeError(
      'OUTCOME_CONFLICT',
      `payment outcome of ${update.provider} payment ${update.paymentId} kept changing underneath; apply the update again`,
    );
  }

  return {
    async apply(update) {
      const valid: PaymentOutcomeUpdate = parseInput('apply', paymentOutcomeUpdateSchema(), update);
      const key = JSON.stringify([valid.provider, valid.paymentId]);
      const run = (queues.get(key) ?? Promise.resolve()).then(
        () => applyNow(valid),
        () => applyNow(valid),
      );
      const settled = run.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return run;
    },
    async get(key) {
      return store.get(parseInput('get', keySchema(), key));
    },
    subscribe(listener) {
      parseInput('subscribe', listenerSchema(), listener);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

import type { PaymentOutcome } from './payment-outcome-types.js';

/** Identifies one payment at one processor. */
export interface PaymentKey {
  /** The processor. */
  provider: string;
  /** The processor's payment id. */
  paymentId: string;
}

/**
 * Where outcomes are kept. The default keeps them in memory; a durable payments ledger implements the
 * same two calls, with `compareAndSet` applied atomically so concurrent processes never lose an update.
 */
export interface PaymentOutcomeStore {
  /** The stored outcome of a payment, or `undefined`. */
  get(key: PaymentKey): Promise<PaymentOutcome | undefined>;
  /** Stores `next` only if the stored outcome still equals `expected` (same status and event); returns whether it did. */
  compareAndSet(expected: PaymentOutcome | undefined, next: PaymentOutcome): Promise<boolean>;
}

function keyOf(key: PaymentKey): string {
  return JSON.stringify([key.provider, key.paymentId]);
}

/** True when two stored outcomes are the same version (status, return code, time and event). */
export function sameOutcomeVersion(a: PaymentOutcome | undefined, b: PaymentOutcome | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.status === b.status &&
    a.returnCode === b.returnCode &&
    a.occurredAt === b.occurredAt &&
    a.eventId === b.eventId
  );
}

/** An in-process outcome store (lost on restart); the tracker's default. */
export function createMemoryPaymentOutcomeStore(): PaymentOutcomeStore {
  const outcomes = new Map<string, PaymentOutcome>();
  return {
    async get(key) {
      return outcomes.get(keyOf(key));
    },
    async compareAndSet(expected, next) {
      const key = keyOf(next);
      if (!sameOutcomeVersion(outcomes.get(key), expected)) return false;
      outcomes.set(key, next);
      return true;
    },
  };
}

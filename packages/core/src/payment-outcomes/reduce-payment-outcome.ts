import { describeAchReturn } from '../ach-returns/describe-ach-return.js';
import { InputValidationError } from '../errors.js';
import { parseInput } from '../validate.js';
import { paymentOutcomeUpdateSchema } from './payment-outcome-schemas.js';
import type { PaymentOutcome, PaymentOutcomeStatus, PaymentOutcomeUpdate } from './payment-outcome-types.js';

/** The outcome after an update, and whether the update changed anything. */
export interface PaymentOutcomeReduction {
  /** The outcome to keep (the previous one when `changed` is false). */
  outcome: PaymentOutcome;
  /** False for duplicates, stale (out-of-order) updates and updates that would move the outcome backwards. */
  changed: boolean;
}

const RANK: Readonly<Record<PaymentOutcomeStatus, number>> = {
  pending: 0,
  processing: 1,
  succeeded: 2,
  failed: 3,
  cancelled: 3,
};

/** The precedence rank of a status: an update applies only when it ranks above the current status. */
export function paymentOutcomeRank(status: PaymentOutcomeStatus): number {
  return RANK[status];
}

function supersedes(current: PaymentOutcome, update: PaymentOutcomeUpdate): boolean {
  // Only a payment that has not settled can be cancelled.
  if (update.status === 'cancelled') return current.status === 'pending' || current.status === 'processing';
  if (RANK[update.status] > RANK[current.status]) return true;
  // A failure seen first without its return code (e.g. Dwolla's event before the failure lookup) may be completed once.
  return (
    update.status === 'failed' &&
    current.status === 'failed' &&
    current.returnCode === undefined &&
    update.returnCode !== undefined
  );
}

function toOutcome(update: PaymentOutcomeUpdate): PaymentOutcome {
  const outcome: PaymentOutcome = {
    provider: update.provider,
    paymentId: update.paymentId,
    status: update.status,
    providerStatus: update.providerStatus,
    occurredAt: update.occurredAt,
  };
  if (update.eventId !== undefined) outcome.eventId = update.eventId;
  if (update.status === 'failed') {
    if (update.returnCode !== undefined) {
      outcome.returnCode = update.returnCode;
      outcome.achReturn = describeAchReturn(update.returnCode);
    }
    if (update.providerFailureCode !== undefined) outcome.providerFailureCode = update.providerFailureCode;
  }
  return outcome;
}

/**
 * Applies one update to a payment's outcome by status precedence (pending < processing < succeeded <
 * failed/cancelled): duplicates and out-of-order deliveries never move an outcome backwards, a late
 * return turns `succeeded` into `failed`, and only an unsettled payment can become `cancelled`. Pure.
 */
export function reducePaymentOutcome(
  current: PaymentOutcome | undefined,
  update: PaymentOutcomeUpdate,
): PaymentOutcomeReduction {
  const parsed: PaymentOutcomeUpdate = parseInput(
    'reducePaymentOutcome',
    paymentOutcomeUpdateSchema(),
    update,
  );
  if (current && (current.provider !== parsed.provider || current.paymentId !== parsed.paymentId)) {
    throw new InputValidationError('reducePaymentOutcome', [
      { path: 'paymentId', message: 'belongs to another payment than the current outcome' },
    ]);
  }
  if (current && !supersedes(current, parsed)) return { outcome: current, changed: false };
  return { outcome: toOutcome(parsed), changed: true };
}

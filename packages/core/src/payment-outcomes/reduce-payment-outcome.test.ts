import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import type { PaymentOutcome, PaymentOutcomeStatus, PaymentOutcomeUpdate } from './payment-outcome-types.js';
import { reducePaymentOutcome } from './reduce-payment-outcome.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 12, minute)).toISOString();

function update(
  status: PaymentOutcomeStatus,
  extra: Partial<PaymentOutcomeUpdate> = {},
): PaymentOutcomeUpdate {
  return {
    provider: 'dwolla',
    paymentId: 'transfer-1',
    status,
    providerStatus: status,
    occurredAt: at(0),
    source: 'webhook',
    ...extra,
  };
}

function fold(updates: PaymentOutcomeUpdate[]): { outcome: PaymentOutcome | undefined; changes: number } {
  let outcome: PaymentOutcome | undefined;
  let changes = 0;
  for (const next of updates) {
    const result = reducePaymentOutcome(outcome, next);
    if (result.changed) changes += 1;
    outcome = result.outcome;
  }
  return { outcome, changes };
}

describe('reducePaymentOutcome', () => {
  it('moves pending → processing → succeeded', () => {
    const { outcome, changes } = fold([update('pending'), update('processing'), update('succeeded')]);
    expect(outcome?.status).toBe('succeeded');
    expect(changes).toBe(3);
  });

  it('a failure carries the return code and the catalog description', () => {
    const { outcome } = fold([
      update('pending'),
      update('failed', { returnCode: 'r10', providerFailureCode: 'debit_not_authorized' }),
    ]);
    expect(outcome).toMatchObject({
      status: 'failed',
      returnCode: 'R10',
      providerFailureCode: 'debit_not_authorized',
      achReturn: { category: 'new_authorization_needed', retryable: false },
    });
  });

  it('ignores duplicates and stale updates', () => {
    const { outcome, changes } = fold([
      update('processing'),
      update('processing'),
      update('pending'),
      update('succeeded'),
      update('processing'),
      update('succeeded'),
    ]);
    expect(outcome?.status).toBe('succeeded');
    expect(changes).toBe(2);
  });

  it('a late return turns succeeded into failed, and a stale success never undoes a failure', () => {
    const { outcome, changes } = fold([
      update('succeeded'),
      update('failed', { returnCode: 'R01' }),
      update('succeeded'),
    ]);
    expect(outcome).toMatchObject({ status: 'failed', returnCode: 'R01' });
    expect(changes).toBe(2);
  });

  it('only an unsettled payment can be cancelled; a cancelled payment stays cancelled', () => {
    expect(fold([update('pending'), update('cancelled')]).outcome?.status).toBe('cancelled');
    expect(fold([update('succeeded'), update('cancelled')]).outcome?.status).toBe('succeeded');
    expect(fold([update('cancelled'), update('failed', { returnCode: 'R01' })]).outcome?.status).toBe(
      'cancelled',
    );
  });

  it('completes a failure seen without its return code once, and never changes the code afterwards', () => {
    const { outcome, changes } = fold([
      update('failed'),
      update('failed', { returnCode: 'R02' }),
      update('failed', { returnCode: 'R03' }),
    ]);
    expect(outcome?.returnCode).toBe('R02');
    expect(changes).toBe(2);
  });

  it('any delivery order of the same updates ends in the same outcome', () => {
    const all = [
      update('pending', { eventId: 'e1' }),
      update('processing', { eventId: 'e2' }),
      update('failed', { eventId: 'e3', returnCode: 'R01' }),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray([...all, ...all], { minLength: 6, maxLength: 6 }), (order) => {
        const { outcome } = fold(order);
        expect(outcome).toMatchObject({ status: 'failed', returnCode: 'R01', eventId: 'e3' });
      }),
    );
  });

  it('rejects an invalid update naming the field', () => {
    expect(() => reducePaymentOutcome(undefined, update('settled' as PaymentOutcomeStatus))).toThrow(
      /status/,
    );
    expect(() => reducePaymentOutcome(undefined, update('failed', { returnCode: 'insufficient' }))).toThrow(
      InputValidationError,
    );
    expect(() => reducePaymentOutcome(undefined, update('pending', { occurredAt: 'yesterday' }))).toThrow(
      /occurredAt/,
    );
  });

  it('refuses to apply an update of another payment', () => {
    const current = reducePaymentOutcome(undefined, update('pending')).outcome;
    expect(() => reducePaymentOutcome(current, update('processing', { paymentId: 'transfer-2' }))).toThrow(
      /paymentId/,
    );
  });
});

import type { PaymentIntentRecord, StripeState } from './stripe-state.js';

const FAILURE_MESSAGES: Record<string, string> = {
  no_account: 'The customer’s bank account could not be located.',
  account_closed: 'The customer’s bank account has been closed.',
  insufficient_funds: 'The customer’s account has insufficient funds to cover this payment.',
  debit_not_authorized: 'The customer has notified their bank that this payment was unauthorized.',
  invalid_currency: 'The bank was unable to process this payment because of its currency.',
};

/**
 * Settles a `processing` ACH PaymentIntent once emulated time has passed its settlement moment: it
 * succeeds, or, for Stripe's failing test accounts, returns to `requires_payment_method` with
 * `last_payment_error` (a `debit_not_authorized` failure also deactivates the mandate).
 */
export function settlePaymentIntent(state: StripeState, record: PaymentIntentRecord, nowMs: number): void {
  if (record.status !== 'processing' || record.settlesAt === null || nowMs < record.settlesAt) return;
  record.settlesAt = null;
  if (record.failureCode === null) {
    record.status = 'succeeded';
    return;
  }
  record.status = 'requires_payment_method';
  record.lastPaymentError = {
    code: record.failureCode,
    message: FAILURE_MESSAGES[record.failureCode] ?? 'The payment failed.',
  };
  if (record.failureCode === 'debit_not_authorized' && record.mandate !== null) {
    const mandate = state.mandates.get(record.mandate);
    if (mandate !== undefined) mandate.status = 'inactive';
  }
  record.paymentMethod = null;
  record.failureCode = null;
}

/** Settles every due PaymentIntent (used before snapshots). */
export function settleAllPaymentIntents(state: StripeState, nowMs: number): void {
  for (const record of state.paymentIntents.values()) settlePaymentIntent(state, record, nowMs);
}

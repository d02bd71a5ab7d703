import type { PaymentOutcomeStatus, PaymentOutcomeUpdate, PaymentStatusReader } from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import type { PaymentSummary } from '../payment-summary.js';
import { achReturnCodeOfStripeFailure } from './stripe-ach-return-codes.js';

/** Reads a PaymentIntent; the Stripe adapter's `getPayment`. */
export type StripePaymentReader = (
  paymentIntentId: string,
  options?: { signal?: AbortSignal | undefined },
) => Promise<PaymentSummary>;

/**
 * The outcome a PaymentIntent's current state gives: `processing` → processing, `succeeded` → succeeded,
 * `canceled` → cancelled, `requires_payment_method` after a failed attempt → failed (with the ACH return
 * code of Stripe's failure code), anything before confirmation → pending.
 */
export function stripePaymentOutcome(
  payment: PaymentSummary,
  source: 'api' | 'poll' = 'api',
  occurredAt: string = new Date().toISOString(),
): PaymentOutcomeUpdate {
  let status: PaymentOutcomeStatus = 'pending';
  if (payment.status === 'processing') status = 'processing';
  else if (payment.status === 'succeeded') status = 'succeeded';
  else if (payment.status === 'canceled') status = 'cancelled';
  else if (payment.status === 'requires_payment_method' && payment.lastPaymentError) status = 'failed';
  const update: PaymentOutcomeUpdate = {
    provider: 'stripe',
    paymentId: payment.paymentIntentId,
    status,
    providerStatus: payment.status,
    occurredAt,
    source,
  };
  if (status === 'failed') {
    const code = payment.lastPaymentError?.code ?? undefined;
    const returnCode = achReturnCodeOfStripeFailure(code);
    if (returnCode !== undefined) update.returnCode = returnCode;
    if (code !== undefined) update.providerFailureCode = code;
  }
  return update;
}

const readerSchema = lazySchema(() =>
  z.custom<StripePaymentReader>((value) => typeof value === 'function', {
    error: 'must be the adapter’s getPayment',
  }),
);

/** A status reader for core's `createPaymentOutcomePoller` that reads PaymentIntents with `readPayment`. */
export function createStripePaymentStatusReader(readPayment: StripePaymentReader): PaymentStatusReader {
  parseInput('createStripePaymentStatusReader', z.object({ readPayment: readerSchema() }), { readPayment });
  return async (key, signal) => stripePaymentOutcome(await readPayment(key.paymentId, { signal }), 'poll');
}

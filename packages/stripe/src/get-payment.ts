import { parseInput } from '@achbridge/core/internal';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { getPaymentInputSchema, getPaymentOptionsSchema } from './input-schemas.js';
import { type PaymentSummary, toPaymentSummary } from './payment-summary.js';
import { paymentIntentSchema } from './schemas.js';

/** Reads an ACH PaymentIntent's current status. */
export async function getPayment(
  context: StripeCallContext,
  paymentIntentId: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<PaymentSummary> {
  const { signal } = parseInput('getPayment', getPaymentOptionsSchema(), options) ?? {};
  const parsed = parseInput('getPayment', getPaymentInputSchema(), { paymentIntentId, signal });
  const paymentIntent = await callStripe(
    context,
    'GET /v1/payment_intents/{intent}',
    paymentIntentSchema(),
    (stripe, requestOptions) => stripe.paymentIntents.retrieve(parsed.paymentIntentId, {}, requestOptions),
    { signal: parsed.signal },
  );
  return toPaymentSummary(paymentIntent);
}

import type { PaymentOutcomeStatus, PaymentOutcomeUpdate } from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import { achReturnCodeOfStripeFailure } from './stripe-ach-return-codes.js';

/** The event types `stripeOutcomeFromEvent` turns into outcomes, and the status each gives. */
export const STRIPE_OUTCOME_EVENT_TYPES: Readonly<Record<string, PaymentOutcomeStatus>> = {
  'payment_intent.created': 'pending',
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'cancelled',
  'charge.dispute.created': 'failed',
};

const idRef = lazySchema(() =>
  z.union([z.string().min(1), z.looseObject({ id: z.string().min(1) })]).nullish(),
);

const eventSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    type: z.string().min(1),
    created: z.number().int().nonnegative(),
    data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
  }),
);

const paymentIntentSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    object: z.literal('payment_intent'),
    status: z.string().min(1),
    last_payment_error: z
      .looseObject({
        code: z.string().nullish(),
        payment_method: z
          .looseObject({
            us_bank_account: z
              .looseObject({ blocked: z.looseObject({ network_code: z.string().nullish() }).nullish() })
              .nullish(),
          })
          .nullish(),
      })
      .nullish(),
  }),
);

const disputeSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    object: z.literal('dispute'),
    payment_intent: idRef(),
    reason: z.string().nullish(),
  }),
);

const refId = (ref: z.output<ReturnType<typeof idRef>>): string | undefined =>
  ref === null || ref === undefined ? undefined : typeof ref === 'string' ? ref : ref.id;

/**
 * Turns a verified Stripe event into an outcome update: `payment_intent.processing` / `.succeeded` /
 * `.payment_failed` (the ACH return from `last_payment_error`: the PaymentMethod's blocked `network_code`
 * when Stripe gives it, else Stripe's failure code mapped to its R-code) / `.canceled`, and
 * `charge.dispute.created` as a late unauthorized return (R10) of the disputed PaymentIntent. Other events,
 * and disputes without a PaymentIntent, give undefined. Throws `InputValidationError` for a body that
 * is not a Stripe event, or a known event whose object does not have the expected shape.
 */
export function stripeOutcomeFromEvent(event: unknown): PaymentOutcomeUpdate | undefined {
  const valid = parseInput('stripeOutcomeFromEvent', eventSchema(), event);
  const status = Object.hasOwn(STRIPE_OUTCOME_EVENT_TYPES, valid.type)
    ? STRIPE_OUTCOME_EVENT_TYPES[valid.type]
    : undefined;
  if (status === undefined) return undefined;
  const base = {
    provider: 'stripe',
    status,
    providerStatus: valid.type,
    occurredAt: new Date(valid.created * 1000).toISOString(),
    eventId: valid.id,
    source: 'webhook' as const,
  };
  if (valid.type === 'charge.dispute.created') {
    const dispute = parseInput(
      'stripeOutcomeFromEvent',
      z.object({ data: z.object({ object: disputeSchema() }) }),
      valid,
    ).data.object;
    const paymentId = refId(dispute.payment_intent);
    if (paymentId === undefined) return undefined;
    return {
      ...base,
      paymentId,
      returnCode: 'R10',
      ...(dispute.reason ? { providerFailureCode: `dispute:${dispute.reason}` } : {}),
    };
  }
  const intent = parseInput(
    'stripeOutcomeFromEvent',
    z.object({ data: z.object({ object: paymentIntentSchema() }) }),
    valid,
  ).data.object;
  const update: PaymentOutcomeUpdate = { ...base, paymentId: intent.id };
  if (status === 'failed') {
    const error = intent.last_payment_error;
    const code = error?.code ?? undefined;
    const networkCode = error?.payment_method?.us_bank_account?.blocked?.network_code ?? undefined;
    const returnCode =
      networkCode && /^R\d{2}$/.test(networkCode) ? networkCode : achReturnCodeOfStripeFailure(code);
    if (returnCode !== undefined) update.returnCode = returnCode;
    if (code !== undefined) update.providerFailureCode = code;
  }
  return update;
}

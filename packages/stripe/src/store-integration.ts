import { type AdapterStore, InputValidationError } from '@achbridge/core';
import {
  lazySchema,
  type ProcessorLinkClaimKey,
  parseInput,
  parseResponse,
  processorLinkOnce,
  typedTwin,
} from '@achbridge/core/internal';
import { z } from 'zod';
import type { StripeCallContext } from './call-stripe.js';
import { type CreateAchPaymentInput, sendAchPayment } from './create-ach-payment.js';
import { getPayment } from './get-payment.js';
import { createAchPaymentInputSchema } from './input-schemas.js';
import type { PaymentSummary } from './payment-summary.js';
import {
  bankAccountSchema,
  type StripeBankAccountObject,
  type StripeUsBankAccountPaymentMethod,
  usBankAccountPaymentMethodSchema,
} from './schemas.js';

/** What `link` attaches: a customer bank account (`ba_`), or a PaymentMethod (`pm_`) on the processor-token route. */
export type StripeAttachedAccount = StripeBankAccountObject | StripeUsBankAccountPaymentMethod;

/** What the store keeps about an attached bank account. */
const storedLinkSchema = lazySchema(() =>
  z.object({
    bankAccount: z.union([bankAccountSchema(), usBankAccountPaymentMethodSchema()]),
    created: z.boolean(),
  }),
);

/** What the store keeps about a payment: the summary at creation and what was asked for. */
const storedPaymentSchema = lazySchema(() =>
  z.object({
    paymentIntentId: z.string().min(1),
    request: z.object({
      customerId: z.string(),
      bankAccountId: z.string(),
      amount: z.number(),
      currency: z.string(),
    }),
  }),
);

/** The key of a Stripe link in the store (the processor is `stripe`). */
export type StripeLinkKey = Omit<ProcessorLinkClaimKey, 'processor'>;

/**
 * Attaches the bank account once per (item, account, `stripe`, customer) across every process sharing
 * `store`; without a store it just attaches. `created` is true only for the call that attached a new one.
 */
export async function attachOnce(
  store: AdapterStore | undefined,
  key: StripeLinkKey,
  attach: () => Promise<{ bankAccount: StripeAttachedAccount; created: boolean }>,
): Promise<{ bankAccount: StripeAttachedAccount; created: boolean }> {
  const { value, claimed } = await processorLinkOnce(store, { ...key, processor: 'stripe' }, attach, {
    objectIdOf: (link) => link.bankAccount.id,
    schema: storedLinkSchema(),
    provider: 'stripe',
  });
  return { bankAccount: value.bankAccount, created: claimed && value.created };
}

/**
 * Creates the ACH payment once per idempotency key, forever, when a store is given: a retry of the same
 * key a day or a year later returns the PaymentIntent created the first time (its current state) instead
 * of debiting again, and a key reused for a different payment is refused. Without a store, or without
 * your own `idempotencyKey`, it is `createAchPayment`.
 */
export async function createAchPaymentOnce(
  store: AdapterStore | undefined,
  context: StripeCallContext,
  input: CreateAchPaymentInput,
): Promise<PaymentSummary> {
  const parsed = parseInput('createAchPayment', createAchPaymentInputSchema(), input);
  if (store === undefined || parsed.idempotencyKey === undefined) return sendAchPayment(context, parsed);
  const request = {
    customerId: parsed.customerId,
    bankAccountId: parsed.bankAccountId,
    amount: parsed.amount,
    currency: parsed.currency,
  };
  let summary: PaymentSummary | undefined;
  // The key is the parsed (trimmed) idempotency key: the store's typed twin claims without parsing it again.
  const { value, created } = await typedTwin(store).claimPayment(
    { processor: 'stripe', idempotencyKey: parsed.idempotencyKey },
    async () => {
      summary = await sendAchPayment(context, parsed);
      return { paymentId: summary.paymentIntentId, payment: { ...summary, request } };
    },
    { signal: parsed.signal },
  );
  if (created && summary !== undefined) return summary;
  const stored = parseResponse(storedPaymentSchema(), value.payment, {
    provider: 'stripe',
    endpoint: 'store: payments ledger',
  });
  const differs = (Object.keys(request) as Array<keyof typeof request>).filter(
    (field) => stored.request[field] !== request[field],
  );
  if (differs.length > 0) {
    throw new InputValidationError('createAchPayment', [
      {
        path: 'idempotencyKey',
        message: `was already used for a different payment (${differs.join(', ')} differ); use a new key for a new payment`,
      },
    ]);
  }
  return getPayment(context, stored.paymentIntentId, { signal: parsed.signal });
}

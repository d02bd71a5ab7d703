import { parseInput } from '@achbridge/core/internal';
import type { z } from 'zod';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { randomIdempotencyKey } from './idempotency.js';
import { createAchPaymentInputSchema } from './input-schemas.js';
import { type MandateAcceptance, toMandateData } from './mandate-data.js';
import { usBankAccountOnly } from './payment-method-types.js';
import { type PaymentSummary, toPaymentSummary } from './payment-summary.js';
import { paymentIntentSchema } from './schemas.js';

/** Input of `createAchPayment`. */
export interface CreateAchPaymentInput {
  customerId: string;
  /** The customer's bank account (`ba_...`) from `link`. */
  bankAccountId: string;
  /** Positive whole number of cents. */
  amount: number;
  /** Only `usd` (the default): ACH debits are USD only. */
  currency?: string | undefined;
  /** A mandate from `createMandate` (null/omitted: Stripe uses the bank account's active mandate). */
  mandateId?: string | null | undefined;
  /** Collect a new mandate with this payment instead of passing `mandateId`. */
  acceptance?: MandateAcceptance | undefined;
  /**
   * Your key for this payment (e.g. an order id); the same key never debits twice within Stripe's 24-hour
   * key window (Stripe prunes older keys and runs a reused one as a new request; use the payments ledger of
   * `@achbridge/store` for longer). Random when omitted.
   */
  idempotencyKey?: string | undefined;
  description?: string | undefined;
  metadata?: Record<string, string> | undefined;
  /**
   * Aborts the call and any pending retry at once.
   * @deprecated Pass `{ signal }` as the second argument (`createAchPayment(input, { signal })`), as for every other
   * achbridge client; this field is read for one more minor version, and the second argument wins when both are set.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Debits the customer's bank account through a confirmed `us_bank_account` PaymentIntent. Every attempt
 * sends the same idempotency key (yours, or one random key per call): pass your own to make re-runs safe
 * for Stripe's 24-hour idempotency window; beyond it, a durable ledger (`@achbridge/store`) must say whether
 * the payment was made.
 */
export async function createAchPayment(
  context: StripeCallContext,
  input: CreateAchPaymentInput,
): Promise<PaymentSummary> {
  return sendAchPayment(context, parseInput('createAchPayment', createAchPaymentInputSchema(), input));
}

/** The input of `createAchPayment` once parsed (trimmed ids, the currency default). */
export type ParsedAchPaymentInput = z.output<ReturnType<typeof createAchPaymentInputSchema>>;

/** `createAchPayment` for an input its caller has already parsed: the PaymentIntent, without parsing again. */
export async function sendAchPayment(
  context: StripeCallContext,
  parsed: ParsedAchPaymentInput,
): Promise<PaymentSummary> {
  const idempotencyKey = parsed.idempotencyKey ?? randomIdempotencyKey('payment');
  const paymentIntent = await callStripe(
    context,
    'POST /v1/payment_intents',
    paymentIntentSchema(),
    (stripe, options) =>
      stripe.paymentIntents.create(
        {
          amount: parsed.amount,
          currency: parsed.currency,
          customer: parsed.customerId,
          payment_method: parsed.bankAccountId,
          ...usBankAccountOnly(context.apiVersion),
          confirm: true,
          ...(parsed.mandateId === undefined ? {} : { mandate: parsed.mandateId }),
          ...(parsed.acceptance === undefined ? {} : { mandate_data: toMandateData(parsed.acceptance) }),
          ...(parsed.description === undefined ? {} : { description: parsed.description }),
          ...(parsed.metadata === undefined ? {} : { metadata: parsed.metadata }),
        },
        options,
      ),
    { signal: parsed.signal, idempotencyKey },
  );
  return toPaymentSummary(paymentIntent);
}
